#!/bin/sh
# ceiling.sh - the machine's ceiling (fsconc(1), CEILING): measured once
# per boot and cached in the user's cache dir, mode 0700, and read back;
# a cache dir that is a symbolic link is neither read nor written;
# --no-ceiling skips it; on a memory-backed set each trial's share of the
# hot copy is its median over the copy rate, on a disk there is none.
. "$(dirname "$0")/setup.sh"
command -v jq >/dev/null || skip "jq is not installed"

XDG_CACHE_HOME=$TMP/cache
mkdir -m 700 "$XDG_CACHE_HOME"
export XDG_CACHE_HOME
[ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] || skip "/dev/shm is not a tmpfs"
M=$(mktemp -d /dev/shm/fsconc-test.XXXXXX)
rm_shm() { rm -rf "$M"; }
at_exit rm_shm
mkdir "$TMP/disk"

run() {	# JSON ARG...
	j=$1; shift
	expect_status 0 "$FSCONC" --dir "$M" --engine pwrite,threads --jobs 2 \
		--files 2 --size 1M --rounds 3 --warmup 0 --json "$j" "$@"
}

run "$TMP/a.json"
jq -e '.host.ceiling | .cached == false and .copy_1 > 0 and
	.copy_all > 0 and .touch_1 > 0 and .touch_all > 0 and .cpus >= 1' \
	"$TMP/a.json" >/dev/null || fail "not measured: $(jq -c .host.ceiling "$TMP/a.json")"
[ "$(stat -c %a "$XDG_CACHE_HOME/fsconc")" = 700 ] || fail "the cache dir is not 0700"
[ -f "$XDG_CACHE_HOME/fsconc/ceiling" ] || fail "nothing cached"
grep -q '^        ceiling: hot copy ' "$TMP/out" || fail "no ceiling line in the header"
grep -q '^ceiling: pwrite [0-9]*% of the hot copy on one core' "$TMP/out" ||
	fail "no share under the table: $(grep ceiling "$TMP/out")"

# The share is the median aggregate over the copy rate of its cores.
jq -e '.host.ceiling as $c | [.results[] | .summary as $s |
	($s.ceiling.bytes_per_sec == (if $s.ceiling.cores == 1 then $c.copy_1
	 else $c.copy_all end)) and
	(($s.ceiling.share - $s.bytes_per_sec.median / $s.ceiling.bytes_per_sec)
	 | fabs < 1e-9)] | all' "$TMP/a.json" >/dev/null ||
	fail "share: $(jq -c '[.results[].summary.ceiling]' "$TMP/a.json")"

# This boot's cache, read back.
run "$TMP/b.json"
jq -e '.host.ceiling.cached == true' "$TMP/b.json" >/dev/null || fail "the cache was not read"
jq -e --slurpfile a "$TMP/a.json" '.host.ceiling.copy_1 == $a[0].host.ceiling.copy_1' \
	"$TMP/b.json" >/dev/null || fail "the cached figures differ"

# Another boot's cache is measured again.
sed -i 's/^boot .*/boot another/' "$XDG_CACHE_HOME/fsconc/ceiling"
run "$TMP/c.json"
jq -e '.host.ceiling.cached == false' "$TMP/c.json" >/dev/null || fail "another boot's cache was used"

# A cache dir that is a symbolic link: measured, nothing written there.
mkdir "$TMP/elsewhere"
rm -rf "$XDG_CACHE_HOME/fsconc"
ln -s "$TMP/elsewhere" "$XDG_CACHE_HOME/fsconc"
run "$TMP/d.json"
jq -e '.host.ceiling.cached == false' "$TMP/d.json" >/dev/null || fail "symlinked cache"
[ -z "$(ls -A "$TMP/elsewhere")" ] || fail "wrote through a symbolic link"

# --no-ceiling; and a disk has no ceiling.
run "$TMP/e.json" --no-ceiling
jq -e '.host.ceiling == null and ([.results[].summary.ceiling] | all(. == null))' \
	"$TMP/e.json" >/dev/null || fail "--no-ceiling measured"
! grep -q 'ceiling' "$TMP/out" || fail "--no-ceiling printed a ceiling"
expect_status 0 "$FSCONC" --dir "$TMP/disk" --files 2 --size 1M --rounds 1 \
	--warmup 0 --engine pwrite --json "$TMP/f.json"
jq -e '[.results[].summary.ceiling] | all(. == null)' "$TMP/f.json" >/dev/null ||
	fail "a disk has a ceiling"
assert_no_leftovers "$M"
