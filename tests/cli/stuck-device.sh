#!/bin/sh
# stuck-device.sh - a device that stops completing writes: every engine,
# --direct on an ext4 frozen mid-run (fsfreeze).  SIGTERM must not wait
# for the device: within FSC_STOP_DRAIN_SEC (5 s) fsconc says what is
# still held and that the device is not completing it, and exits 143,
# naming the run directory it leaves; once the device is back (thawed),
# `fsconc cleanup` removes it.  A second signal does not wait at all.
. "$(dirname "$0")/setup.sh"
. "$(dirname "$0")/loopdev.sh"
private_mounts
command -v fsfreeze >/dev/null 2>&1 || skip "no fsfreeze"

M=$TMP/m
loop_ext4 "$M" 256
fsfreeze --freeze "$M" 2>/dev/null && fsfreeze --unfreeze "$M" ||
	skip "cannot freeze ext4 here"
engines="pwrite $(engines_here)"
RUN="--direct --files 4 --size 16M --block-size 1M --rounds 1000 --warmup 0 --quiet"

# The process a frozen device keeps in the kernel outlives its exit, and
# nothing can be unmounted while it does: thaw first, then stop it.
pid=""
frozen=""
thaw() {
	[ -z "$frozen" ] || fsfreeze --unfreeze "$M" 2>/dev/null || true
	frozen=""
	[ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null || true
	[ -z "$pid" ] || wait "$pid" 2>/dev/null || true
	pid=""
}
at_exit thaw

# start E: fsconc with engine E on $M, in the background (no `timeout`: the
# test signals fsconc itself), until it writes its first trial.
start() {
	# shellcheck disable=SC2086
	"$FSCONC" --dir "$M" --engine $1 $RUN >"$TMP/out" 2>"$TMP/err" &
	pid=$!
	i=0
	until ls "$M"/.fsconc-*/s0.* >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 500 ] || { cat "$TMP/err" >&2; fail "$1: no file written in $M"; }
		kill -0 "$pid" 2>/dev/null || fail "$1: fsconc ended: $(cat "$TMP/err")"
		sleep 0.02
	done
	run_dir=$(ls -d "$M"/.fsconc-*)
}

# await PATTERN WHAT: wait for PATTERN in fsconc's stderr (a minute at
# most, a hang guard, not a measure: fsconc itself gives up after 5 s).
await() {
	i=0
	until grep -q "$1" "$TMP/err"; do
		i=$((i + 1))
		[ $i -lt 600 ] || fail "$2: fsconc never said it gave up: $(cat "$TMP/err")"
		sleep 0.1
	done
}

# finish WHAT STATUS: thaw, expect STATUS, then `fsconc cleanup` and
# nothing left.  (A removal the freeze held up in the kernel may complete
# once thawed: the run directory may be gone already.)
finish() {
	fsfreeze --unfreeze "$M"
	frozen=""
	st=0
	wait "$pid" || st=$?
	pid=""
	[ $st -eq "$2" ] || { cat "$TMP/err" >&2; fail "$1: exited $st, expected $2"; }
	"$FSCONC" cleanup "$M" >"$TMP/cleanup" 2>&1 ||
		fail "$1: fsconc cleanup: $(cat "$TMP/cleanup")"
	# Stopped while removing its run directory, the marker's removal
	# held up by the freeze: it completes on the thaw, and an empty
	# directory stays, as fsconc said.
	if [ -d "$run_dir" ] && [ -z "$(ls -A "$run_dir")" ] &&
	   grep -q "removing $run_dir waits on the device: once it is back, \`fsconc cleanup $M\` removes what is left (an empty directory: rmdir)" "$TMP/err"; then
		rmdir "$run_dir"
	fi
	! ls -A "$M" | grep -q '^\.fsconc-' ||
		fail "$1: left in $M after fsconc cleanup: $(ls -A "$M"/.fsconc-*; cat "$TMP/err" "$TMP/cleanup")"
}

for e in $engines; do
	start $e
	frozen=yes
	fsfreeze --freeze "$M"
	kill -TERM "$pid"
	await "after 5 s: the device is not completing them\|within 5 s: the device is not completing" "$e"
	grep -q "^fsconc: interrupted by signal 15; .* 5 s: the device is not completing [^;]*; .*$run_dir.*\`fsconc cleanup $M\` removes" "$TMP/err" ||
		fail "$e: $(cat "$TMP/err")"
	finish "$e, frozen, SIGTERM" 143
done

# A second signal: at once, without the 5 s.
start threads
frozen=yes
fsfreeze --freeze "$M"
kill -TERM "$pid"
sleep 0.5
kill -INT "$pid"
await "then signal 2: exiting at once" "threads, SIGTERM then SIGINT"
grep -q "after 5 s" "$TMP/err" && fail "the second signal waited for the drain: $(cat "$TMP/err")"
finish "threads, frozen, SIGTERM then SIGINT" 143
exit 0
