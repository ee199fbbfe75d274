#!/bin/sh
# profiles.sh - every shipped workload profile parses and runs at a tiny
# size (options after --profile override it), profiles are found by name
# and by path, and a bad profile is exit 2 naming its file and line with
# nothing written.  direct-streaming has its own test (profile-direct.sh).
. "$(dirname "$0")/setup.sh"

# tmpfs when there is one: log-append fsyncs every 8 KiB.
dir=$TMP/d
if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
	dir=$(mktemp -d /dev/shm/fsconc-test.XXXXXX)
	rm_shm() { rm -rf "$dir"; }
	at_exit rm_shm
else
	mkdir "$dir"
fi
tiny="--size 1M --files 2 --jobs 1,2 --rounds 1 --warmup 0"

n=0
for p in "$top_srcdir"/profiles/*.conf; do
	name=$(basename "$p" .conf)
	[ "$name" != direct-streaming ] || continue
	# By name: the build tree's fsconc finds the source tree's profiles.
	expect_status 0 "$FSCONC" --profile "$name" --dir "$dir" $tiny
	grep -q '^fsconc .*: 2 files × 1 MiB' "$TMP/out" ||
		{ cat "$TMP/out" >&2; fail "$name: options after it did not override"; }
	n=$((n + 1))
done
[ "$n" -ge 7 ] || fail "only $n profiles found in $top_srcdir/profiles"
assert_no_leftovers "$dir"

# A profile leaves the rounds to --rounds auto: 3, then more while a
# verdict is inconclusive, within the budget.
expect_status 0 "$FSCONC" --profile seed-pool2 --dir "$dir" --size 1M \
	--jobs 2 --warmup 0 --budget 1s
tr '\n' ' ' <"$TMP/out" | grep -q '3 rounds or *more until decisive' ||
	{ cat "$TMP/out" >&2; fail "seed-pool2: rounds are not auto"; }

# What the profiles say is what runs: the dd lines of seed-dd-truncate,
# the fsync of sequential-fsync (in the header), the pool of seed-pool2.
expect_status 0 "$FSCONC" --profile seed-dd-truncate --dir "$dir" $tiny
grep -q 'mode truncate' "$TMP/out" || fail "seed-dd-truncate: not truncate"
grep -q '^dd-style, pwrite, round 1:' "$TMP/out" || fail "seed-dd-truncate: no dd lines"
expect_status 0 "$FSCONC" --profile sequential-fsync --dir "$dir" $tiny
grep -q 'fsync end' "$TMP/out" || fail "sequential-fsync: no fsync"
expect_status 0 "$FSCONC" --profile seed-pool2 --dir "$dir" --size 1M \
	--rounds 1 --warmup 0
grep -q '^threads×2 ' "$TMP/out" || fail "seed-pool2: no pool of 2"
grep -q '^threads×5 ' "$TMP/out" || fail "seed-pool2: no pool of 5"

# Options before --profile are overridden by it.
expect_status 0 "$FSCONC" --files 3 --profile seed-pool2 --size 1M \
	--rounds 1 --warmup 0 --dir "$dir"
grep -q ': 5 files × 1 MiB' "$TMP/out" || fail "the profile did not override --files 3"

# FSCONC_PROFILE_PATH first, then a path.
mkdir "$TMP/p1" "$TMP/p2"
printf 'files = 3\nsize = 64K\nblock-size = 64K\nengine = pwrite\n' >"$TMP/p2/mine.conf"
printf 'files = 4\nsize = 64K\nblock-size = 64K\nengine = pwrite\n' >"$TMP/p1/seed-pool2.conf"
FSCONC_PROFILE_PATH="$TMP/p1:$TMP/p2" \
	expect_status 0 "$FSCONC" --profile mine --dir "$dir" --rounds 1 --warmup 0
grep -q ': 3 files × 64 KiB' "$TMP/out" || fail "mine not found in the path"
FSCONC_PROFILE_PATH="$TMP/p1:$TMP/p2" \
	expect_status 0 "$FSCONC" --profile seed-pool2 --dir "$dir" --rounds 1 --warmup 0
grep -q ': 4 files × 64 KiB' "$TMP/out" || fail "FSCONC_PROFILE_PATH does not come first"
expect_status 0 "$FSCONC" --profile "$TMP/p2/mine.conf" --dir "$dir" --rounds 1 --warmup 0
expect_status 2 "$FSCONC" --profile mine --dir "$dir"
grep -q "no profile mine.conf in" "$TMP/out" || fail "a missing profile unexplained"

# Bad profiles: exit 2, the file and line named, nothing written.
new_stamp
printf '# mine\nfiles = 2\nsizee = 1M\n' >"$TMP/bad-key.conf"
expect_status 2 "$FSCONC" --profile "$TMP/bad-key.conf" --dir "$dir"
grep -q "bad-key.conf:3: unknown key 'sizee'" "$TMP/out" || fail "unknown key: no line"
printf 'files = 2\nsize = 4Q\n' >"$TMP/bad-value.conf"
expect_status 2 "$FSCONC" --profile "$TMP/bad-value.conf" --dir "$dir"
grep -q "bad-value.conf:2: --size '4Q'" "$TMP/out" || fail "bad value: no line"
printf '[run]\nfiles = 2\n' >"$TMP/section.conf"
expect_status 2 "$FSCONC" --profile "$TMP/section.conf" --dir "$dir"
grep -q "section.conf:1: sections are not used" "$TMP/out" || fail "section accepted"
printf 'files 2\n' >"$TMP/noeq.conf"
expect_status 2 "$FSCONC" --profile "$TMP/noeq.conf" --dir "$dir"
grep -q "noeq.conf:1: expected key = value" "$TMP/out" || fail "no '=' accepted"
expect_status 2 "$FSCONC" --profile "$TMP/nope.conf" --dir "$dir"
grep -q "nope.conf: No such file" "$TMP/out" || fail "missing file unexplained"
expect_status 2 "$FSCONC" --profile "$TMP" --dir "$dir"
[ "$(wc -l <"$TMP/out")" -eq 1 ] || fail "an error takes more than one line"
# A dir the profile names that is no directory: the file and line too.
printf 'files = 2\nsize = 1M\ndir = %s\n' "$TMP/missing" >"$TMP/bad-dir.conf"
expect_status 2 "$FSCONC" --profile "$TMP/bad-dir.conf" --rounds 1 --warmup 0
grep -q "^fsconc: $TMP/bad-dir.conf:3: --dir '$TMP/missing': " "$TMP/out" ||
	fail "a bad dir = line: no file and line: $(cat "$TMP/out")"
# A value the profile set, refused with one typed after it: where each
# came from.
expect_status 2 "$FSCONC" --profile seed-pool2 --files 4 --dir "$dir"
grep -q "^fsconc: --jobs 5 (from .*/seed-pool2.conf:8): more than --files 4 (each" "$TMP/out" ||
	fail "--jobs from a profile: not said where: $(cat "$TMP/out")"
printf 'files = 2\n' >"$TMP/two.conf"
expect_status 2 "$FSCONC" --jobs 3 --profile "$TMP/two.conf" --dir "$dir"
grep -q "^fsconc: --jobs 3: more than --files 2 (from $TMP/two.conf:1) (each" "$TMP/out" ||
	fail "--files from a profile: not said where: $(cat "$TMP/out")"
[ -z "$(find "$dir" -newer "$TMP/stamp")" ] || fail "a refused profile wrote"
assert_no_leftovers "$dir"
