#!/bin/sh
# mpi-fail.sh - failures under mpirun, 3 ranks on this host: a write error
# on one rank ends the trial on every rank at once, each removes its own
# files, rank 0 names the failing rank and host, and the run exits 1;
# SIGINT to mpirun (which sends SIGTERM to every rank) leaves no file on
# any rank and no fsconc running.
. "$(dirname "$0")/setup.sh"

need_mpi 3
D=$TMP/d
mkdir "$D"

# Rank 1 may not write past 6 MiB or more (ulimit -f counts 512 or 1024
# byte blocks as the shell goes; the MPI library's own shared memory
# files fit), and ignores SIGXFSZ to see EFBIG instead; its files are of
# 16 MiB.  Without the stop from rank 1 the others would write for long.
rank_wrapper limit-rank1 1 "trap '' XFSZ; ulimit -f 12288"
start=$(date +%s)
expect_split 1 $MPIRUN "$TMP/limit-rank1" "$FSCONC" --dir "$D" --files 2 \
	--size 16M --block-size 64K --rounds 200 --warmup 0 \
	--engine pwrite,threads
took=$(( $(date +%s) - start ))
grep -q "^fsconc: rank 1 on [^ ]*: write $D/\.fsconc-[^ ]*-r1-[^ ]*/s0\.pwrite\.j1\.000000: File too large" \
	"$TMP/stderr" || fail "rank 0 does not name rank 1's failure: $(cat "$TMP/stderr")"
[ "$(grep -c '^fsconc: rank 1 on' "$TMP/stderr")" -eq 1 ] ||
	fail "the failure is not reported once: $(cat "$TMP/stderr")"
! grep -q '^verdict: ' "$TMP/stdout" || fail "a failed run printed a verdict"
assert_no_leftovers "$D"
[ -z "$(ls -A "$D")" ] || fail "left in $D: $(ls -A "$D")"
[ "$took" -lt 60 ] || fail "the other ranks went on for $took s"

# SIGINT to mpirun, mid-run.
# Give the ranks time to clean up under load before mpirun escalates to
# SIGKILL (its default is 1 s).
$MPIRUN --mca odls_base_sigkill_timeout 30 "$FSCONC" --dir "$D" $LONG \
	>"$TMP/long.out" 2>"$TMP/long.err" &
job=$!
pids=""
i=0
while [ $i -lt 200 ]; do
	pids=$(cat "$D"/.fsconc-*/.fsconc-run 2>/dev/null | sed -n 's/^pid //p')
	[ "$(echo "$pids" | grep -c .)" -lt 3 ] || break
	kill -0 $job 2>/dev/null || break
	sleep 0.05
	i=$((i + 1))
done
[ "$(echo "$pids" | grep -c .)" -eq 3 ] || {
	cat "$TMP/long.out" "$TMP/long.err" >&2
	fail "the 3 ranks did not make their directories"
}
sleep 0.3
mpirun_pid=$(pgrep -P $job -x mpirun) || fail "no mpirun under $job"
kill -INT "$mpirun_pid"
st=0
wait $job || st=$?
[ $st -ne 124 ] && [ $st -ne 137 ] || fail "mpirun still ran 120 s later"
# Open MPI's mpirun exits 1 when interrupted, whatever the ranks say.
[ $st -ne 0 ] || fail "an interrupted run exited 0"
grep -q "^fsconc: rank [0-2] on [^ ]*: interrupted by signal 15; the files written so far are removed" \
	"$TMP/long.err" || fail "rank 0 does not say it was interrupted: $(cat "$TMP/long.err")"
# A rank that exited may stay a zombie a moment, until it is reaped.
running() {
	for pid in $pids; do
		state=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$pid/status" 2>/dev/null)
		[ -z "$state" ] || [ "$state" = Z ] || echo "$pid"
	done
}
i=0
while [ -n "$(running)" ] && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
[ -z "$(running)" ] || fail "fsconc still runs: $(running)"
assert_no_leftovers "$D"
[ -z "$(ls -A "$D")" ] || fail "left in $D after SIGINT: $(ls -A "$D")"
