#!/bin/sh
# timeline.sh - each counted round's throughput over time (--interval):
# in the profile, its intervals add up to the round's bytes, it reads back
# the same, and --interval 0 leaves it out; bad values exit 2.
. "$(dirname "$0")/setup.sh"

command -v jq >/dev/null || skip "jq is not installed"

mkdir "$TMP/d"
expect_status 0 "$FSCONC" --dir "$TMP/d" --files 3 --size 2M \
	--block-size 64K --engine pwrite,threads --rounds 2 --warmup 1 \
	--interval 1 --json "$TMP/a.json"
assert_no_leftovers "$TMP/d"
# Every counted round has one (a round of no time has none), whole
# numbers adding up to its bytes, at most 4096, the interval 1 ms or
# doubled from it; on one line in the file.
jq -e '[.results[].rounds[]] | length == 4 and all(.[];
	(.timeline == null and .elapsed_ns == 0) or
	((.timeline.bytes | add) == .bytes and
	 (.timeline.bytes | length) <= 4096 and
	 (.timeline.bytes | all(. >= 0 and . == floor)) and
	 .timeline.interval_ns >= 1000000 and
	 (.timeline.interval_ns % 1000000) == 0))' "$TMP/a.json" >/dev/null ||
	fail "a timeline does not add up: $(jq -c '[.results[].rounds[] |
		{bytes, timeline}]' "$TMP/a.json")"
grep -q '^ *"bytes": \[[0-9, ]*\]$' "$TMP/a.json" ||
	fail "a timeline's bytes are not on one line"

# Read back and written again, the same.
expect_status 0 "$FSCONC" report "$TMP/a.json" --json "$TMP/b.json"
cmp "$TMP/a.json" "$TMP/b.json" || fail "the timeline does not read back"

# A timeline that does not add up is refused.
jq '.results[0].rounds[0].timeline.bytes[0] += 1' "$TMP/a.json" \
	>"$TMP/bad.json"
expect_status 2 "$FSCONC" report "$TMP/bad.json"
grep -q 'timeline.bytes: they add up to' "$TMP/out" ||
	fail "a bad timeline: $(cat "$TMP/out")"

# --interval 0: none.
expect_status 0 "$FSCONC" --dir "$TMP/d" $SMALL --interval 0 \
	--json "$TMP/none.json"
jq -e '[.results[].rounds[] | select(has("timeline"))] | length == 0' \
	"$TMP/none.json" >/dev/null || fail "--interval 0 has a timeline"

for bad in -1 x 3600001 1.5; do
	expect_status 2 "$FSCONC" --dir "$TMP/d" $SMALL --interval "$bad"
	grep -q -- "--interval" "$TMP/out" || fail "--interval $bad: $(cat "$TMP/out")"
done
assert_no_leftovers "$TMP/d"
