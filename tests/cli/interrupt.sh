#!/bin/sh
# interrupt.sh - every engine stopped mid-run on a 16 MiB tmpfs of its
# own: SIGINT, SIGTERM and SIGHUP 0.2 s in; a second signal while fsconc
# cleans up (made slow by tests/fault.so), which ends it at once, then
# `fsconc cleanup`; SIGKILL, then `fsconc cleanup`.
# Each checks the exit status, the message, that the user's files, links
# and look-alike names are untouched, and that the free space is back.
. "$(dirname "$0")/setup.sh"
private_mounts

M=$TMP/m
small_tmpfs "$M"
plant "$M"
engines=$(engines_here)
[ -n "$engines" ] || fail "no engine can run here"
# Three 4 MiB files a trial, 1000 rounds: fsconc is always mid-run.
RUN="--files 3 --size 4M --quiet"

# stopped WHAT STATUS SIG: the run ended with STATUS, said it was
# interrupted by SIG, and left the target as planted.
stopped() {
	st=0
	wait "$long_pid" || st=$?
	long_pid=""
	[ $st -ne 124 ] || fail "$1: fsconc still ran 10 s later"
	[ $st -eq "$2" ] || { cat "$TMP/long.err" >&2; fail "$1: exited $st, expected $2"; }
	grep -q "^fsconc: interrupted by signal $3; the files written so far are removed" \
		"$TMP/long.err" || fail "$1: $(cat "$TMP/long.err")"
	check_area "$1"
}

for e in $engines; do
	for sig in INT:2 TERM:15 HUP:1; do
		name=${sig%:*} num=${sig#*:}
		phase="$e, SIG$name"
		start_long "$M" --engine $e $RUN
		sleep 0.2
		kill -0 "$fsconc_pid" 2>/dev/null ||
			fail "$e: the run ended before SIG$name: $(cat "$TMP/long.err")"
		kill -s $name "$fsconc_pid"
		stopped "$e, SIG$name" $((128 + num)) $num
	done
done

# A second signal while fsconc cleans up: each unlink takes 150 ms, so
# 50 ms after the first signal fsconc is removing its files.  The second
# ends it at once, with the first one's status, leaving its run directory
# and marker, which `fsconc cleanup` then removes.
LONG_PREFIX="env LD_PRELOAD=$FSC_FAULT_SO FSC_FAULT_SLOW_UNLINK_MS=150
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
for e in $engines; do
	phase="$e, SIGINT then SIGTERM"
	start_long "$M" --engine $e $RUN
	sleep 0.2
	kill -INT "$fsconc_pid"
	sleep 0.05
	kill -TERM "$fsconc_pid" 2>/dev/null ||
		fail "$e: fsconc was gone 50 ms after SIGINT, with 150 ms unlinks"
	st=0
	wait "$long_pid" || st=$?
	long_pid=""
	[ $st -eq 130 ] || { cat "$TMP/long.err" >&2; fail "$e, SIGINT then SIGTERM: exited $st, expected 130"; }
	grep -q "^fsconc: interrupted by signal 2, then signal 15: exiting at once; $run_dir stays, \`fsconc cleanup $M\` removes it" \
		"$TMP/long.err" || fail "$e, SIGINT then SIGTERM: $(cat "$TMP/long.err")"
	[ -f "$run_dir/.fsconc-run" ] || fail "$e, SIGINT then SIGTERM: the marker is gone"
	"$FSCONC" cleanup "$M" >"$TMP/cleanup.out" 2>&1 || true
	grep -q "^removed $run_dir " "$TMP/cleanup.out" ||
		fail "$e, SIGINT then SIGTERM, cleanup: $(cat "$TMP/cleanup.out")"
	check_area "$e, SIGINT then SIGTERM, then cleanup"
done
LONG_PREFIX=""

# SIGKILL leaves the run directory; `fsconc cleanup` removes it, and only
# it (the planted .fsconc-AAAAAA has no marker: left, and said so).
for e in $engines; do
	phase="$e, SIGKILL"
	start_long "$M" --engine $e $RUN --fsync each
	sleep 0.2
	kill -KILL "$fsconc_pid"
	st=0
	wait "$long_pid" || st=$?
	long_pid=""
	[ $st -eq 137 ] || fail "$e, SIGKILL: exited $st"
	[ -f "$run_dir/.fsconc-run" ] || fail "$e, SIGKILL: no run directory left"
	n=$(ls -A "$run_dir" | grep -c '^s' || true)
	expect_split 1 "$FSCONC" cleanup "$M"	# AAAAAA stays: status 1
	grep -q "^removed $run_dir ($n files\?)" "$TMP/stdout" ||
		fail "$e, cleanup: $(cat "$TMP/stdout" "$TMP/stderr")"
	grep -q "$M/.fsconc-AAAAAA: no fsconc marker" "$TMP/stderr" ||
		fail "$e, cleanup: does not say why .fsconc-AAAAAA stays: $(cat "$TMP/stderr")"
	check_area "$e, SIGKILL then cleanup"
done
