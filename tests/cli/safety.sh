#!/bin/sh
# safety.sh - a run and `fsconc cleanup` touch nothing fsconc did not
# create: files, symlinks, a file named like fsconc's, directories named
# like its run directory (unmarked, or a symlink to a marked one elsewhere).
. "$(dirname "$0")/setup.sh"

D=$TMP/d
OUT=$TMP/outside
mkdir "$D" "$OUT"

# The user's data in the target.
head -c 300000 /dev/urandom >"$D/sentinel"
ln -s sentinel "$D/link-to-sentinel"
ln -s "$OUT" "$D/link-to-outside"
head -c 70000 /dev/urandom >"$D/s0.pwrite.j1.000000"
# A directory named like a run directory, without a marker, holding a
# file named like fsconc's.
mkdir "$D/.fsconc-AAAAAA"
head -c 5000 /dev/urandom >"$D/.fsconc-AAAAAA/s0.threads.j2.000001"
# A symlink named like a run directory, to a directory outside that looks
# exactly like one of a finished run: cleanup must not follow it.
printf 'fsconc run directory\nversion 0\npid 999999999\n' >"$OUT/.fsconc-run"
head -c 5000 /dev/urandom >"$OUT/s0.pwrite.j1.000000"
ln -s "$OUT" "$D/.fsconc-BBBBBB"

# What must not change: every name, type, size, mode, link target and
# content, in D and outside.
snapshot() {
	(cd "$TMP" && find d outside -mindepth 1 -printf '%p %y %s %m %l\n' | sort &&
	 find d outside -type f -exec sha256sum {} + | sort -k 2)
}
snapshot >"$TMP/before"
new_stamp

expect_split 0 "$FSCONC" --dir "$D" $SMALL
grep -q '^verdict: ' "$TMP/stdout" || fail "no verdict: $(cat "$TMP/stdout")"

# cleanup must refuse the unmarked directory, say why, and ignore the
# symlink; it leaves a directory named like its own, so its status is 1.
set +e
"$FSCONC" cleanup "$D" >"$TMP/clean.out" 2>&1
st=$?
set -e
[ $st -eq 1 ] || { cat "$TMP/clean.out" >&2; fail "cleanup exited $st, expected 1"; }
grep -q "$D/\.fsconc-AAAAAA: .*no fsconc marker" "$TMP/clean.out" ||
	fail "cleanup does not say .fsconc-AAAAAA has no marker: $(cat "$TMP/clean.out")"
! grep -q 'BBBBBB.*removed\|^removed' "$TMP/clean.out" ||
	fail "cleanup removed something: $(cat "$TMP/clean.out")"

snapshot >"$TMP/after"
if ! cmp -s "$TMP/before" "$TMP/after"; then
	diff "$TMP/before" "$TMP/after" >&2 || true
	fail "the user's files changed (diff above)"
fi
[ "$(readlink "$D/link-to-sentinel")" = sentinel ] || fail "link-to-sentinel changed"
[ "$(readlink "$D/link-to-outside")" = "$OUT" ] || fail "link-to-outside changed"
[ "$(readlink "$D/.fsconc-BBBBBB")" = "$OUT" ] || fail ".fsconc-BBBBBB changed"
# Nothing new or modified below D or outside (D itself changes: the run
# directory came and went).
new=$(find "$D" "$OUT" -mindepth 1 \( -newer "$TMP/stamp" -o -cnewer "$TMP/stamp" \))
[ -z "$new" ] || fail "created or changed: $new"
# The only run directories are the two planted ones.
[ "$(ls -A "$D" | grep -c '^\.fsconc-')" -eq 2 ] ||
	fail "a run directory was left: $(ls -A "$D")"
