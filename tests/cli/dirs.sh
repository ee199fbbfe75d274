#!/bin/sh
# dirs.sh - --dirs-per-target N: each target's files dealt over N
# subdirectories of its run directory (file k of the target in d000(k%N)),
# all removed after the run, kept with --keep; 0 is the flat layout; bad
# values exit 2 with nothing written; N above the files makes only as
# many subdirectories as there are files; the JSON records N and reads
# back the same; --size 0 over a tree.
. "$(dirname "$0")/setup.sh"

mkdir "$TMP/d" "$TMP/e"

# Files land in N subdirectories, dealt round robin: 12 files over 4.
expect_status 0 "$FSCONC" --dir "$TMP/d" --files 12 --size 64K \
	--block-size 64K --engine pwrite --rounds 1 --warmup 0 \
	--dirs-per-target 4 --keep
grep -q ': 12 files × 64 KiB, .*, 4 subdirectories per target' "$TMP/out" ||
	{ cat "$TMP/out" >&2; fail "the header does not name the subdirectories"; }
run=$(ls -d "$TMP"/d/.fsconc-*)
[ "$(find "$run" -mindepth 1 -maxdepth 1 -type d | wc -l)" -eq 4 ] ||
	{ ls -laR "$run" >&2; fail "not 4 subdirectories"; }
for j in 0 1 2 3; do
	sub=$run/d000$j
	[ "$(stat -c %a "$sub")" = 700 ] || fail "$sub: mode $(stat -c %a "$sub")"
	[ "$(find "$sub" -type f | wc -l)" -eq 3 ] || fail "$sub: not 3 files"
	for k in $j $((j + 4)) $((j + 8)); do
		[ -f "$sub/s0.pwrite.j1.$(printf %06d $k)" ] ||
			{ ls -la "$sub" >&2; fail "file $k not in $sub"; }
	done
done
[ -z "$(find "$run" -maxdepth 1 -type f ! -name .fsconc-run)" ] ||
	fail "files outside the subdirectories"
rm -rf "$run"

# Without --keep, everything goes: files, subdirectories, run directory;
# a split set (two targets) and --verify too.
expect_status 0 "$FSCONC" --dir "$TMP/d" --dir "$TMP/e" --files 6 --size 64K \
	--block-size 64K --engine pwrite,threads --jobs 1,3 --rounds 1 \
	--warmup 1 --dirs-per-target 2 --verify
assert_no_leftovers "$TMP/d"
assert_no_leftovers "$TMP/e"

# 0, the default: the files in the run directory itself, as before.
expect_status 0 "$FSCONC" --dir "$TMP/d" --files 3 --size 64K \
	--block-size 64K --engine pwrite --rounds 1 --warmup 0 \
	--dirs-per-target 0 --keep
! grep -q 'subdirector' "$TMP/out" || fail "0 named subdirectories"
run=$(ls -d "$TMP"/d/.fsconc-*)
[ "$(find "$run" -mindepth 1 -type d | wc -l)" -eq 0 ] || fail "0 made subdirectories"
[ "$(find "$run" -maxdepth 1 -type f -name 's0.*' | wc -l)" -eq 3 ] ||
	fail "0: the files are not in the run directory"
rm -rf "$run"

# More subdirectories than files: as many as there are files.
expect_status 0 "$FSCONC" --dir "$TMP/d" --files 3 --size 64K \
	--block-size 64K --engine pwrite --rounds 1 --warmup 0 \
	--dirs-per-target 50 --keep
run=$(ls -d "$TMP"/d/.fsconc-*)
[ "$(find "$run" -mindepth 1 -type d | wc -l)" -eq 3 ] ||
	{ ls -la "$run" >&2; fail "50 for 3 files: not 3 subdirectories"; }
rm -rf "$run"

# Bad values: exit 2, nothing written.
new_stamp
for bad in -1 x 1.5 '' 1000001; do
	expect_status 2 "$FSCONC" --dir "$TMP/d" $SMALL --dirs-per-target "$bad"
	grep -q -- "^fsconc: --dirs-per-target '$bad': expected a whole number from 0 to 1000000" \
		"$TMP/out" || fail "--dirs-per-target '$bad': $(cat "$TMP/out")"
done
[ -z "$(find "$TMP/d" -newer "$TMP/stamp")" ] || fail "a refused value wrote"

# --size 0 over a tree (create and close), and the JSON: the key, the
# report read back byte for byte.
expect_status 0 "$FSCONC" --dir "$TMP/d" --size 0 --files 40 --rounds 2 \
	--warmup 0 --engine pwrite,threads --jobs 1,4 --dirs-per-target 8 \
	--json "$TMP/z.json"
assert_no_leftovers "$TMP/d"
grep -q '"dirs_per_target": 8' "$TMP/z.json" || fail "no workload.dirs_per_target"
expect_status 0 "$FSCONC" report "$TMP/z.json" --json "$TMP/z2.json"
cmp "$TMP/z.json" "$TMP/z2.json" || fail "--dirs-per-target: --json read back differs"
grep -q '8 subdirectories per target' "$TMP/out" || fail "report: no subdirectories"
expect_status 0 "$FSCONC" --dir "$TMP/d" $SMALL --json "$TMP/flat.json"
! grep -q dirs_per_target "$TMP/flat.json" || fail "the flat layout has the key"
exit 0
