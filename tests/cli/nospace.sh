#!/bin/sh
# nospace.sh - a run that cannot fit is refused before anything is
# written, with the need and the space available (statvfs f_bavail).  The
# target is a 16 MiB tmpfs mounted in a private mount namespace, so the
# mount dies with the test; skipped when not root or mounting is refused.
. "$(dirname "$0")/setup.sh"

[ "$(id -u)" -eq 0 ] || skip "not root: cannot mount a small tmpfs"
M=$TMP/m
mkdir "$M"
unshare --mount --propagation private \
	sh -c 'mount -t tmpfs -o size=16m tmpfs "$1"' sh "$M" 2>/dev/null ||
	skip "mounting a tmpfs in a private mount namespace is refused here"

# The cases run in one namespace, with a fresh 16 MiB tmpfs on $M; each
# records status, stdout, stderr, what is new in $M after the stamp, and
# what $M holds.
cat >"$TMP/inner.sh" <<'EOF'
mount -t tmpfs -o size=16m tmpfs "$M" || exit 99
run() {
	name=$1; shift
	sleep 0.05; touch "$TMP/stamp"; sleep 0.05
	timeout 20 "$FSCONC" --dir "$M" --rounds 1 --warmup 0 "$@" \
		>"$TMP/$name.out" 2>"$TMP/$name.err"
	echo $? >"$TMP/$name.st"
	find "$M" -newer "$TMP/stamp" >"$TMP/$name.new"
	find "$M" -mindepth 1 >"$TMP/$name.left"
}
# 64 MiB in one trial.
run big --files 4 --size 16M --block-size 1M
# 12 MiB a trial fits, but --keep keeps both trials: 24 MiB.
run keep --files 3 --size 4M --engine pwrite,threads --keep
# The same without --keep fits.
run fits --files 3 --size 4M --engine pwrite,threads
# 4 KiB more than the 16 MiB there: both round to 16.8 MB.
run close --files 1 --size 16388K --block-size 4K --engine pwrite
# No inode left: refused up front, not at the first open.
umount "$M"
mount -t tmpfs -o size=16m,nr_inodes=3 tmpfs "$M" || exit 99
i=0
while touch "$M/f$i" 2>/dev/null; do i=$((i + 1)); done
echo "$i" >"$TMP/inodes.used"
run inodes --files 2 --size 1M --engine pwrite
# Two inodes free: the two files fit, but not with the run directory and
# its marker.
rm -f "$M/f0" "$M/f1"
run inodes2 --files 2 --size 1M --engine pwrite
rm -f "$M"/f*
# ramfs reports no size at all (f_blocks 0): nothing to check against, and
# the header says so, where "0 B available" refused every run.
umount "$M"
mount -t ramfs ramfs "$M" || exit 99
run ramfs --files 2 --size 1M --block-size 64K --engine pwrite,threads
EOF
set +e
env FSCONC="$FSCONC" M="$M" TMP="$TMP" \
	unshare --mount --propagation private sh "$TMP/inner.sh"
st=$?
set -e
[ $st -eq 0 ] || fail "the cases did not run in the namespace (status $st)"

for c in big keep close; do
	err=$(cat "$TMP/$c.err")
	[ "$(cat "$TMP/$c.st")" -eq 1 ] ||
		fail "$c: exited $(cat "$TMP/$c.st"), expected 1: $err"
	[ "$(wc -l <"$TMP/$c.err")" -eq 1 ] || fail "$c: expected one line on stderr: $err"
	case $err in *"$M"*) ;; *) fail "$c: the message does not name $M: $err" ;; esac
	echo "$err" | grep -Eq 'needs [0-9.]+ ([kKMGT]?i?B|bytes)' ||
		fail "$c: the message does not say what is needed: $err"
	echo "$err" | grep -Eq '[0-9.]+ ([kKMGT]?i?B|bytes) available' ||
		fail "$c: the message does not say what is available: $err"
	[ ! -s "$TMP/$c.new" ] || fail "$c: wrote before refusing: $(cat "$TMP/$c.new")"
	[ ! -s "$TMP/$c.left" ] || fail "$c: left $(cat "$TMP/$c.left")"
done
# Figures that round alike are given exactly.
grep -q "needs 16781312 bytes, 16777216 bytes available" "$TMP/close.err" ||
	fail "close: the figures should be exact: $(cat "$TMP/close.err")"
err=$(cat "$TMP/inodes.err")
[ "$(cat "$TMP/inodes.st")" -eq 1 ] || fail "no inode left: exited $(cat "$TMP/inodes.st"): $err"
echo "$err" | grep -q "^fsconc: not enough free inodes in $M (tmpfs): 2 files and 2 for the run directory and marker, 0 inodes free" ||
	fail "no inode left: $err"
[ ! -s "$TMP/inodes.new" ] || fail "no inode left: wrote before refusing: $(cat "$TMP/inodes.new")"
err=$(cat "$TMP/inodes2.err")
[ "$(cat "$TMP/inodes2.st")" -eq 1 ] || fail "two inodes left: exited $(cat "$TMP/inodes2.st"): $err"
[ "$(wc -l <"$TMP/inodes2.err")" -eq 1 ] || fail "two inodes left: expected one line on stderr: $err"
echo "$err" | grep -q "^fsconc: not enough free inodes in $M (tmpfs): 2 files and 2 for the run directory and marker, 2 inodes free" ||
	fail "two inodes left: $err"
[ ! -s "$TMP/inodes2.new" ] || fail "two inodes left: wrote before refusing: $(cat "$TMP/inodes2.new")"
[ "$(cat "$TMP/ramfs.st")" -eq 0 ] ||
	fail "ramfs: exited $(cat "$TMP/ramfs.st"): $(cat "$TMP/ramfs.err")"
grep -q "^target: $M: ramfs, no size reported (statvfs), so free space is not checked" \
	"$TMP/ramfs.out" || fail "ramfs: the header does not say: $(cat "$TMP/ramfs.out")"
[ ! -s "$TMP/ramfs.left" ] || fail "ramfs: left $(cat "$TMP/ramfs.left")"
[ "$(cat "$TMP/fits.st")" -eq 0 ] ||
	fail "fits: 12 MiB on 16 MiB exited $(cat "$TMP/fits.st"): $(cat "$TMP/fits.err")"
[ ! -s "$TMP/fits.left" ] || fail "fits: left $(cat "$TMP/fits.left")"
