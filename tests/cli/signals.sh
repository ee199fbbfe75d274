#!/bin/sh
# signals.sh - SIGINT, SIGTERM and SIGHUP mid-run: fsconc stops, removes
# what it wrote (files kept by --keep too), says it was interrupted and
# exits 128+signal; a second signal exits at once, with the first one's
# status, and `fsconc cleanup` removes what it left.
. "$(dirname "$0")/setup.sh"

D=$TMP/d
mkdir "$D"

# interrupt NAME NUMBER [SECOND]: signal NAME 0.2 s into a run (then
# SECOND right after it, if given); expect 128+NUMBER and nothing left
# (after `fsconc cleanup`, when a second signal came).
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
	if [ -n "${3:-}" ]; then
		"$FSCONC" cleanup "$D" >"$TMP/cleanup.out" 2>&1 ||
			fail "$what: fsconc cleanup failed: $(cat "$TMP/cleanup.out")"
	fi
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

# --- Signals as the shell and nohup leave them ---
# A shell starts a background job with SIGINT ignored; fsconc & then
# kill -INT must stop it all the same.  So must SIGTERM when ignored.
# nohup ignores SIGHUP, and fsconc honours that: it runs on.  Started here
# without `timeout`, which would reset the signals; a watchdog kills a
# run that hangs.

# start_plain [PREFIX...] --: fsconc $LONG on $D in the background, as sh
# starts it; returns once its run directory exists.  Sets bg_pid.
bg_pid=""
dog_pid=""
start_plain() {
	# shellcheck disable=SC2086
	$HUP_DEFAULT "$@" "$FSCONC" --dir "$D" $LONG >"$TMP/bg.out" \
		2>"$TMP/bg.err" &
	bg_pid=$!
	(sleep 10; kill -KILL "$bg_pid" 2>/dev/null) &
	dog_pid=$!
	case " $cleanup_hooks " in *" stop_plain "*) ;; *) at_exit stop_plain ;; esac
	_i=0
	until ls "$D"/.fsconc-*/.fsconc-run >/dev/null 2>&1; do
		_i=$((_i + 1))
		[ $_i -lt 200 ] || { cat "$TMP/bg.err" >&2; fail "no run directory in $D"; }
		sleep 0.02
	done
}
stop_plain() {
	[ -z "$bg_pid" ] || kill -KILL "$bg_pid" 2>/dev/null || true
	[ -z "$dog_pid" ] || kill "$dog_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	bg_pid="" dog_pid=""
}
# end_plain WHAT STATUS: wait for the run, expect STATUS and nothing left.
end_plain() {
	st=0
	wait "$bg_pid" || st=$?
	kill "$dog_pid" 2>/dev/null || true
	wait "$dog_pid" 2>/dev/null || true
	bg_pid="" dog_pid=""
	[ $st -eq "$2" ] || { cat "$TMP/bg.err" >&2; fail "$1: exited $st, expected $2"; }
	[ -z "$(ls -A "$D")" ] || fail "$1: left in $D: $(ls -A "$D")"
}
# sig_ignored PID SIG: is SIG ignored by PID (its SigIgn mask)?
sig_ignored() {
	mask=$(sed -n 's/^SigIgn:[[:space:]]*//p' "/proc/$1/status")
	[ $(( (0x$mask >> ($2 - 1)) & 1 )) -eq 1 ]
}

# The shell really does start background jobs with SIGINT ignored here.
sleep 5 &
if sig_ignored $! 2; then sh_ignores_int=yes; else sh_ignores_int=no; fi
kill $! 2>/dev/null || true
wait $! 2>/dev/null || true
[ "$sh_ignores_int" = yes ] ||
	echo "note: this shell does not ignore SIGINT in background jobs" >&2

start_plain
sig_ignored "$bg_pid" 2 && fail "fsconc still ignores SIGINT"
kill -INT "$bg_pid"
end_plain "fsconc & then kill -INT" 130
grep -q "interrupted by signal 2" "$TMP/bg.err" ||
	fail "fsconc & then kill -INT: $(cat "$TMP/bg.err")"

start_plain sh -c 'trap "" TERM; exec "$@"' sh
kill -TERM "$bg_pid"
end_plain "SIGTERM ignored by the parent, then kill -TERM" 143

start_plain nohup
sig_ignored "$bg_pid" 1 || fail "nohup: SIGHUP is not ignored"
kill -HUP "$bg_pid"
sleep 0.3
kill -0 "$bg_pid" 2>/dev/null ||
	{ cat "$TMP/bg.err" >&2; fail "nohup fsconc: a SIGHUP stopped it"; }
[ -n "$(ls -A "$D")" ] || fail "nohup fsconc: its run directory went after SIGHUP"
kill -TERM "$bg_pid"
end_plain "nohup fsconc, SIGHUP, then SIGTERM" 143

# Without nohup, SIGHUP stops it even when sent to a background job.
start_plain
kill -HUP "$bg_pid"
end_plain "fsconc & then kill -HUP" 129

# SIGXFSZ, as a shell leaves it (to kill): a write past ulimit -f fails
# with EFBIG instead, and fsconc cleans up (exit 1, not 128+25).
expect_status 1 sh -c 'ulimit -f 1024 && exec "$@"' sh "$FSCONC" --dir "$D" \
	--engine pwrite,threads --files 2 --size 2M --block-size 64K \
	--rounds 1 --warmup 0
grep -q "File too large; the file size limit (ulimit -f)" "$TMP/out" ||
	fail "past ulimit -f: $(cat "$TMP/out")"
[ -z "$(ls -A "$D")" ] || fail "past ulimit -f: left in $D: $(ls -A "$D")"
