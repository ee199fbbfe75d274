#!/bin/sh
# mpi-readonly.sh - under mpirun, one rank whose target is read-only (a
# read-only bind mount in that rank's own mount namespace) stops the run
# on every rank before anything is written: rank 0 names the rank, its
# host and the target, and the run exits 2 with nothing left anywhere.
. "$(dirname "$0")/setup.sh"

need_mpi 3
[ "$(id -u)" -eq 0 ] || skip "needs root for a read-only bind mount"
command -v unshare >/dev/null || skip "unshare is not installed"
unshare --mount --propagation private true 2>/dev/null ||
	skip "cannot make a mount namespace here"

D=$TMP/d
mkdir "$D"
# Rank 1 sees D read-only; the mount dies with its namespace.
rank_wrapper ro-rank1 1 "exec unshare --mount --propagation private sh -c \
'mount --bind \"\$0\" \"\$0\" && mount -o remount,bind,ro \"\$0\" && exec \"\$@\"' \
\"$D\" \"\$@\""
expect_split 2 $MPIRUN "$TMP/ro-rank1" "$FSCONC" --dir "$D" $SMALL
grep -q "^fsconc: rank 1 on [^ ]*: --dir '$D': read-only file system\$" "$TMP/stderr" ||
	fail "rank 0 does not name rank 1's read-only target: $(cat "$TMP/stderr")"
[ "$(grep -c '^fsconc: ' "$TMP/stderr")" -eq 1 ] ||
	fail "not one message: $(cat "$TMP/stderr")"
! grep -q "^fsconc " "$TMP/stdout" || fail "a refused run printed its header"
[ -z "$(ls -A "$D")" ] || fail "left in $D: $(ls -A "$D")"
# The mount was rank 1's alone.
touch "$D/still-writable" || fail "the read-only mount leaked out of rank 1"
