#!/bin/sh
# verdict.sh - the verdict: one of four words, the point inside the
# interval it gives, the rounds it used, and only concurrent trials judged.
. "$(dirname "$0")/setup.sh"

command -v jq >/dev/null || skip "jq is not installed"
mkdir "$TMP/d"
w="--dir $TMP/d --files 4 --size 1M --block-size 64K --warmup 0"

expect_status 0 $FSCONC $w --rounds 3 --engine pwrite,threads --jobs 1,2,4 \
	--json "$TMP/p.json"
grep -Eq '^verdict: (helps|hurts|equivalent|inconclusive) on ' "$TMP/out" ||
	fail "no verdict of the four words: $(grep '^verdict' "$TMP/out")"
grep -q '^verdict: .* over 3 rounds' "$TMP/out" ||
	fail "the verdict does not give its rounds: $(grep '^verdict' "$TMP/out")"
jq -e '.verdicts | length == 1' "$TMP/p.json" >/dev/null || fail "not one verdict"
jq -e '.verdicts[0] | (.verdict | IN("helps", "hurts", "equivalent",
	"inconclusive")) and .rounds == 3 and .candidates == 2 and
	.speedup.low <= .speedup.value and .speedup.value <= .speedup.high and
	(.confidence * 1000 | round) == 975 and .engine == "threads" and
	.jobs >= 2' "$TMP/p.json" >/dev/null ||
	fail "verdict entry: $(jq -c '.verdicts[0]' "$TMP/p.json")"
# Each trial's point lies inside its own interval.
jq -e '[.results[].summary.speedup | select(. != null) |
	.low <= .value and .value <= .high] | all' "$TMP/p.json" >/dev/null ||
	fail "a speedup outside its interval"
# The verdict's text agrees with its word, and an inconclusive one says
# what would decide it.
jq -e '.verdicts[0] | .verdict as $v | (.text | startswith($v + " on ")) and
	($v != "inconclusive" or (.text | test("more rounds? would decide it|too noisy: rounds vary")))' \
	"$TMP/p.json" >/dev/null ||
	fail "verdict text: $(jq -r '.verdicts[0].text' "$TMP/p.json")"

# One thread is no concurrency: no trial to judge, so no verdict.
expect_status 0 $FSCONC $w --rounds 3 --engine pwrite,threads --jobs 1 \
	--json "$TMP/p1.json"
! grep -q '^verdict' "$TMP/out" || fail "threads x1 was judged: $(grep '^verdict' "$TMP/out")"
jq -e '.verdicts == []' "$TMP/p1.json" >/dev/null || fail "threads x1 in verdicts[]"
assert_no_leftovers "$TMP/d"
