#!/bin/sh
# signals.sh - SIGINT, SIGTERM and SIGHUP mid-run: fsconc stops, removes
# what it wrote (files kept by --keep too), says it was interrupted and
# exits 128+signal; a second signal while it cleans up changes nothing.
. "$(dirname "$0")/setup.sh"

D=$TMP/d
mkdir "$D"

# interrupt NAME NUMBER [SECOND]: signal NAME 0.2 s into a run (then
# SECOND right after it, if given); expect 128+NUMBER and nothing left.
interrupt() {
	what="SIG$1${3:+ then SIG$3}"
	start_long "$D"
	sleep 0.2
	kill -0 "$fsconc_pid" 2>/dev/null || {
		cat "$TMP/long.out" "$TMP/long.err" >&2
		fail "$what: the run ended before the signal"
	}
	# Written to in this run: the signal comes in the middle of it.
	[ -d "$run_dir" ] || fail "$what: the run directory is gone before the signal"
	kill -s "$1" "$fsconc_pid"
	[ -z "${3:-}" ] || kill -s "$3" "$fsconc_pid" 2>/dev/null || true
	st=0
	wait "$long_pid" || st=$?
	long_pid=""
	[ $st -ne 124 ] || fail "$what: fsconc still ran 10 s later"
	[ $st -eq $((128 + $2)) ] || {
		cat "$TMP/long.err" >&2
		fail "$what: exited $st, expected $((128 + $2))"
	}
	grep -qi "interrupted" "$TMP/long.err" ||
		fail "$what: stderr does not say it was interrupted: $(cat "$TMP/long.err")"
	! kill -0 "$fsconc_pid" 2>/dev/null || fail "$what: fsconc is still running"
	assert_no_leftovers "$D"
	[ -z "$(ls -A "$D")" ] || fail "$what: left in $D: $(ls -A "$D")"
}

interrupt INT 2
interrupt TERM 15
interrupt HUP 1
# SIGINT is the lower number: were both pending at once, it would still
# be the first one taken.
interrupt INT 2 TERM
interrupt HUP 1 INT

# With --keep, the files kept from the trials already done go too: signal
# once the second trial (threads×1, after pwrite) has begun.
start_long "$D" --keep --rounds 1 --jobs 1,2 --size 1M --fsync each
i=0
until [ -e "$run_dir/s0.threads.j1.000000" ]; do
	i=$((i + 1))
	[ $i -lt 200 ] || fail "--keep: the second trial never began"
	sleep 0.02
done
[ -f "$run_dir/s0.pwrite.j1.000003" ] || fail "--keep: the first trial's files are not kept"
kill -s TERM "$fsconc_pid"
st=0
wait "$long_pid" || st=$?
long_pid=""
[ $st -eq 143 ] || fail "--keep, SIGTERM: exited $st: $(cat "$TMP/long.err")"
! grep -q '^kept: ' "$TMP/long.out" || fail "--keep, SIGTERM: still says kept"
assert_no_leftovers "$D"
[ -z "$(ls -A "$D")" ] || fail "--keep, SIGTERM: left in $D: $(ls -A "$D")"
