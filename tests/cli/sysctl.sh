#!/bin/sh
# sysctl.sh - engines switched off for real by the kernel's settings, each
# saying why and how to turn it back on:
#  - kernel.io_uring_disabled = 2: --list-engines gives the reason,
#    --engine io_uring is refused as bad input (exit 2, one line naming
#    the sysctl), and the default engine list runs without io_uring;
#  - fs.aio-max-nr with no room left: --engine libaio is refused the same
#    way; with room for the probe but not the run, the run fails (exit 1)
#    naming the sysctl, and leaves nothing.
# The settings are global, so this test runs alone (no other test of the
# suite runs meanwhile: run_alone), keeps each changed for well under a
# second, and restores both at exit, whatever happens.
. "$(dirname "$0")/setup.sh"

[ "$(id -u)" -eq 0 ] || skip "not root: cannot set sysctls"
U=/proc/sys/kernel/io_uring_disabled
A=/proc/sys/fs/aio-max-nr
here=" $(engines_here) "
run_alone
D=$TMP/d
mkdir "$D"
ran=0

# --- io_uring ---
uring_old=""
restore_uring() {
	[ -z "$uring_old" ] || [ "$(cat $U)" = "$uring_old" ] || echo "$uring_old" >$U
}
at_exit restore_uring
if [ ! -e $U ]; then
	echo "note: this kernel has no kernel.io_uring_disabled" >&2
elif [ "$(cat $U)" != 0 ]; then
	echo "note: kernel.io_uring_disabled is $(cat $U) already: left alone" >&2
elif case $here in *" io_uring "*) false ;; *) true ;; esac; then
	echo "note: io_uring cannot run here in the first place" >&2
else
	uring_old=0
	echo 2 >$U || fail "cannot set kernel.io_uring_disabled"
	set +e
	"$FSCONC" --list-engines >"$TMP/list" 2>&1
	"$FSCONC" --dir "$D" $SMALL --engine io_uring >"$TMP/one.out" 2>"$TMP/one.err"
	one=$?
	"$FSCONC" --dir "$D" $SMALL --engine all >"$TMP/all.out" 2>"$TMP/all.err"
	all=$?
	set -e
	restore_uring
	[ "$(cat $U)" = 0 ] || fail "kernel.io_uring_disabled not restored"
	ran=$((ran + 1))

	why="io_uring_setup: Operation not permitted: kernel.io_uring_disabled = 2 turns io_uring off; \`sysctl -w kernel.io_uring_disabled=0\` turns it on"
	grep -A1 '^io_uring ' "$TMP/list" | grep -qF "$why" ||
		fail "--list-engines does not say why: $(cat "$TMP/list")"
	[ $one -eq 2 ] || { cat "$TMP/one.out" "$TMP/one.err" >&2; fail "--engine io_uring exited $one, expected 2"; }
	[ "$(wc -l <"$TMP/one.err")" -eq 1 ] && [ ! -s "$TMP/one.out" ] ||
		{ cat "$TMP/one.out" "$TMP/one.err" >&2; fail "--engine io_uring: expected one line on stderr"; }
	grep -qF "fsconc: --engine 'io_uring': $why" "$TMP/one.err" ||
		fail "--engine io_uring: $(cat "$TMP/one.err")"
	[ $all -eq 0 ] || { cat "$TMP/all.err" >&2; fail "--engine all exited $all"; }
	grep -qF "skip:   io_uring: $why" "$TMP/all.out" ||
		fail "--engine all does not say why io_uring is left out: $(cat "$TMP/all.out")"
	! grep -q '^io_uring' "$TMP/all.out" || fail "io_uring ran although disabled"
	[ -z "$(ls -A "$D")" ] || fail "left in $D: $(ls -A "$D")"
fi

# --- libaio: io_setup(n) takes max(n, 4 x possible CPUs) x 2 events ---
aio_old=""
restore_aio() {
	[ -z "$aio_old" ] || [ "$(cat $A)" = "$aio_old" ] || echo "$aio_old" >$A
}
at_exit restore_aio
cpus=$(awk -F- '{ print $NF + 1 }' /sys/devices/system/cpu/possible 2>/dev/null || echo 0)
if [ ! -w $A ] || [ "$cpus" -lt 1 ]; then
	echo "note: no fs.aio-max-nr to set here" >&2
elif case $here in *" libaio "*) false ;; *) true ;; esac; then
	echo "note: libaio cannot run here in the first place" >&2
else
	aio_old=$(cat $A)
	probe=$((cpus * 8))		# what the one-event probe takes
	# No room at all: refused as bad input.
	echo "$(cat /proc/sys/fs/aio-nr)" >$A
	set +e
	"$FSCONC" --dir "$D" $SMALL --engine libaio >"$TMP/none.out" 2>"$TMP/none.err"
	none=$?
	# Room for the probe, not for 2 files x 512 writes in flight.
	echo $(($(cat /proc/sys/fs/aio-nr) + probe)) >$A
	"$FSCONC" --dir "$D" $SMALL --engine libaio --jobs 2 --iodepth 512 \
		>"$TMP/some.out" 2>"$TMP/some.err"
	some=$?
	set -e
	restore_aio
	[ "$(cat $A)" = "$aio_old" ] || fail "fs.aio-max-nr not restored"
	ran=$((ran + 1))

	why="Resource temporarily unavailable: fs.aio-max-nr = "
	fix="raise it (\`sysctl -w fs.aio-max-nr="
	[ $none -eq 2 ] || { cat "$TMP/none.out" "$TMP/none.err" >&2; fail "no room for libaio: exited $none, expected 2"; }
	[ "$(wc -l <"$TMP/none.err")" -eq 1 ] && [ ! -s "$TMP/none.out" ] &&
	grep -qF "fsconc: --engine 'libaio': io_setup(1): $why" "$TMP/none.err" &&
	grep -qF "$fix" "$TMP/none.err" ||
		{ cat "$TMP/none.out" "$TMP/none.err" >&2; fail "no room for libaio: the message"; }
	# Another process may take the probe's room meanwhile: then it is
	# refused as above rather than failing in the run.
	case $some in
	1) grep -qF "fsconc: libaio: cannot start with 1024 writes in flight: io_setup(1024): $why" "$TMP/some.err" ;;
	2) grep -qF "fsconc: --engine 'libaio': io_setup(1): $why" "$TMP/some.err" ;;
	*) false ;;
	esac && grep -qF "$fix" "$TMP/some.err" && [ "$(wc -l <"$TMP/some.err")" -eq 1 ] ||
		{ cat "$TMP/some.err" >&2; fail "room for the probe only: exited $some"; }
	[ -z "$(ls -A "$D")" ] || fail "left in $D: $(ls -A "$D")"
fi
[ $ran -gt 0 ] || skip "neither setting could be tested here"
