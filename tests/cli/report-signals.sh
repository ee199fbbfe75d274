#!/bin/sh
# report-signals.sh - signals once the run is over: with --json - into a
# pipe nobody reads, fsconc waits to write its report, and SIGTERM, SIGINT
# and SIGHUP must still end it, with 128+N and nothing left behind.
. "$(dirname "$0")/setup.sh"

D=$TMP/d
mkdir "$D"
# Over 128 KiB of JSON, twice what a pipe holds.
RUN="--files 64 --size 4K --block-size 4K --rounds 4 --warmup 0 --engine pwrite,threads --json - --quiet"

# The reader: the test itself holds the FIFO open and never reads it.
mkfifo "$TMP/fifo"
exec 3<>"$TMP/fifo"

pid=""
stop_run() {
	[ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null || true
	wait 2>/dev/null || true
}
at_exit stop_run

for sig in TERM:15 INT:2 HUP:1; do
	name=${sig%:*} num=${sig#*:}
	# No `timeout` in between: the test signals fsconc itself, and a
	# watchdog kills it if the signal does not end it.
	# shellcheck disable=SC2086
	$HUP_DEFAULT "$FSCONC" --dir "$D" $RUN >"$TMP/fifo" 2>"$TMP/err" &
	pid=$!
	(sleep 30; kill -KILL "$pid" 2>/dev/null) &
	dog=$!
	# The run is over when its run directory has been made and removed:
	# then fsconc writes the report into the full pipe.
	i=0
	until ls -A "$D" | grep -q '^\.fsconc-'; do
		i=$((i + 1))
		[ $i -lt 500 ] || fail "SIG$name: no run directory in $D"
		kill -0 "$pid" 2>/dev/null || fail "SIG$name: fsconc ended: $(cat "$TMP/err")"
		sleep 0.01
	done
	until [ -z "$(ls -A "$D")" ]; do
		kill -0 "$pid" 2>/dev/null || fail "SIG$name: fsconc ended: $(cat "$TMP/err")"
		sleep 0.02
	done
	# It cannot finish: the pipe is full and nobody reads.
	sleep 0.2
	kill -0 "$pid" 2>/dev/null || fail "SIG$name: fsconc ended without writing its report"
	kill -s "$name" "$pid"
	st=0
	wait "$pid" || st=$?
	pid=""
	kill "$dog" 2>/dev/null || true
	wait "$dog" 2>/dev/null || true
	[ $st -eq $((128 + num)) ] || {
		cat "$TMP/err" >&2
		fail "SIG$name while the report waits on a full pipe: exited $st, expected $((128 + num))"
	}
	grep -q "^fsconc: interrupted by signal $num" "$TMP/err" ||
		fail "SIG$name: does not say it was interrupted: $(cat "$TMP/err")"
	[ -z "$(ls -A "$D")" ] || fail "SIG$name: left in $D: $(ls -A "$D")"
	# Empty the pipe for the next run.
	exec 3<&-
	exec 3<>"$TMP/fifo"
done

