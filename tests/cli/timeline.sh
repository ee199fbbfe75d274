#!/bin/sh
# timeline.sh - each counted round's throughput over time (--interval):
# in the profile, its intervals add up to the round's bytes, it reads back
# the same, and --interval 0 leaves it out; bad values exit 2; the dirty
# page-cache limit is found in a made-up series, in the note and summary;
# fsconc plot --timeline draws it.
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

# The dirty page-cache limit, on a made-up series (never on the machine's
# speed): 14 intervals at 3.1 GB/s, 30 at 610 MB/s, the host's limit at
# 4.4 GB, in every round of the first trial; the second keeps its own.
jq '.host.dirty_limit.limit_bytes = 4400000000 |
	.results[0].rounds |= map(.timeline = {interval_ns: 100000000,
		bytes: (([range(14)] | map(310000000)) +
			([range(30)] | map(61000000)))} |
		.bytes = 6170000000 | .elapsed_ns = 4400000000)' \
	"$TMP/a.json" >"$TMP/dirty.json"
expect_split 0 "$FSCONC" report "$TMP/dirty.json" --json "$TMP/dirty2.json"
want="note:   pwrite: after 4.3 GB the rate fell from 3.1 GB/s to 610 MB/s:"
want="$want the dirty page-cache limit; the first figure is memory, the second"
grep -qxF "$want the device" "$TMP/stdout" ||
	{ cat "$TMP/stdout" >&2; fail "no dirty-limit note"; }
[ "$(grep -c 'dirty page-cache limit; the first' "$TMP/stdout")" -eq 1 ] ||
	fail "the dirty-limit note is not the first trial's alone"
jq -e '.results[0].summary.dirty_limit | .at_bytes == 4340000000 and
	.at_ns == 1400000000 and .after_bytes_per_sec == 610000000' \
	"$TMP/dirty2.json" >/dev/null &&
jq -e '.results[1].summary.dirty_limit == null' "$TMP/dirty2.json" \
	>/dev/null || fail "the dirty limit in the summary: $(jq -c \
	'[.results[].summary.dirty_limit]' "$TMP/dirty2.json")"
# No timeline (--interval 0): no such figure.
jq -e '[.results[].summary | has("dirty_limit")] | any | not' \
	"$TMP/none.json" >/dev/null || fail "dirty_limit without a timeline"

# fsconc plot --timeline: an SVG that parses, a series for each trial's
# median round; a profile without a timeline exits 2.
expect_status 2 "$FSCONC" plot "$TMP/none.json" --timeline -o "$TMP/n.svg"
grep -q -- '--timeline: .* has no timeline' "$TMP/out" ||
	fail "no timeline: $(cat "$TMP/out")"
[ ! -e "$TMP/n.svg" ] || fail "a refused --timeline plot wrote"
command -v gnuplot >/dev/null || skip "gnuplot is not installed (gnuplot-nox)"
mkdir "$TMP/tmp"
TMPDIR="$TMP/tmp" expect_status 0 "$FSCONC" plot "$TMP/a.json" --timeline \
	-o "$TMP/t.svg"
grep -q '<svg' "$TMP/t.svg" || fail "--timeline: not an SVG"
if command -v python3 >/dev/null; then
	python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' \
		"$TMP/t.svg" || fail "--timeline: the SVG does not parse"
fi
grep -q 'pwrite on .*, round [12]' "$TMP/t.svg" &&
grep -q 'threads×3 on .*, round [12]' "$TMP/t.svg" ||
	fail "--timeline: a trial's series is missing"
grep -q 'throughput, MB/s' "$TMP/t.svg" || fail "--timeline: no rate axis"
[ -z "$(ls -A "$TMP/tmp")" ] || fail "plot --timeline left files in TMPDIR"
