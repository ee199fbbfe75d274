#!/bin/sh
# uring-disabled.sh - io_uring switched off for real with
# kernel.io_uring_disabled = 2: --list-engines says why and how to turn it
# back on, --engine io_uring is refused as bad input (exit 2, one line
# naming the sysctl), and the default engine list runs without io_uring,
# saying why.  The sysctl is global, so this test runs alone (no other test
# of the suite runs meanwhile: run_alone), keeps the sysctl changed for
# well under a second, and restores it at exit, whatever happens.
. "$(dirname "$0")/setup.sh"

S=/proc/sys/kernel/io_uring_disabled
[ "$(id -u)" -eq 0 ] || skip "not root: cannot set kernel.io_uring_disabled"
[ -e $S ] || skip "this kernel has no kernel.io_uring_disabled"
case " $(engines_here) " in
*" io_uring "*) ;;
*) skip "io_uring cannot run here in the first place" ;;
esac
run_alone
old=$(cat $S)
[ "$old" = 0 ] || skip "kernel.io_uring_disabled is $old already: left alone"
restore() { [ "$(cat $S)" = "$old" ] || echo "$old" >$S; }
at_exit restore

D=$TMP/d
mkdir "$D"
echo 2 >$S 2>/dev/null || skip "kernel.io_uring_disabled cannot be set here"
set +e
"$FSCONC" --list-engines >"$TMP/list" 2>&1
"$FSCONC" --dir "$D" $SMALL --engine io_uring >"$TMP/one.out" 2>"$TMP/one.err"
one=$?
"$FSCONC" --dir "$D" $SMALL >"$TMP/all.out" 2>"$TMP/all.err"
all=$?
set -e
restore
[ "$(cat $S)" = "$old" ] || fail "kernel.io_uring_disabled not restored to $old"

why="io_uring_setup: Operation not permitted: kernel.io_uring_disabled = 2 turns io_uring off; \`sysctl -w kernel.io_uring_disabled=0\` turns it on"
grep -A1 '^io_uring ' "$TMP/list" | grep -qF "$why" ||
	fail "--list-engines does not say why: $(cat "$TMP/list")"
[ $one -eq 2 ] || { cat "$TMP/one.out" "$TMP/one.err" >&2; fail "--engine io_uring exited $one, expected 2"; }
[ "$(wc -l <"$TMP/one.err")" -eq 1 ] && [ ! -s "$TMP/one.out" ] ||
	{ cat "$TMP/one.out" "$TMP/one.err" >&2; fail "--engine io_uring: expected one line on stderr"; }
grep -qF "fsconc: --engine 'io_uring': $why" "$TMP/one.err" ||
	fail "--engine io_uring: $(cat "$TMP/one.err")"
[ $all -eq 0 ] || { cat "$TMP/all.err" >&2; fail "the default engines exited $all"; }
grep -qF "skip:   io_uring: $why" "$TMP/all.out" ||
	fail "the default run does not say why io_uring is left out: $(cat "$TMP/all.out")"
! grep -q '^io_uring' "$TMP/all.out" || fail "io_uring ran although disabled"
[ -z "$(ls -A "$D")" ] || fail "left in $D: $(ls -A "$D")"
