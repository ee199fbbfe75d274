#!/bin/sh
# verdict.sh - the verdict: one of four words, the point inside the
# interval it gives, the rounds it used, only concurrent trials judged;
# --rounds auto and --budget.
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
# what would decide it: more rounds, or nothing (too noisy, or on an
# edge).
jq -e '.verdicts[0] | .verdict as $v | (.text | startswith($v + " on ")) and
	($v != "inconclusive" or (.text | test("more rounds? would decide it|too noisy: rounds vary|on the edge of [0-9.]+ or [0-9.]+, where no count of rounds would decide it")))' \
	"$TMP/p.json" >/dev/null ||
	fail "verdict text: $(jq -r '.verdicts[0].text' "$TMP/p.json")"

# One thread is no concurrency: no trial to judge, so no verdict.
expect_status 0 $FSCONC $w --rounds 3 --engine pwrite,threads --jobs 1 \
	--json "$TMP/p1.json"
! grep -q '^verdict' "$TMP/out" || fail "threads x1 was judged: $(grep '^verdict' "$TMP/out")"
jq -e '.verdicts == []' "$TMP/p1.json" >/dev/null || fail "threads x1 in verdicts[]"

# --rounds auto (the default): the least is 3, a budget no round fits
# stops there, and the profile says why.
expect_status 0 $FSCONC $w --engine pwrite,threads --jobs 2 --budget 1KB \
	--json "$TMP/a.json"
grep -q '3 rounds or more until decisive (budget 20 s, 1.0 kB)' "$TMP/out" ||
	fail "the header does not give the budget: $(grep '^fsconc' "$TMP/out")"
jq -e '.workload.rounds_auto and .workload.budget_bytes == 1000 and
	.workload.budget_ns == 20000000000 and
	(.workload.rounds_stopped | IN("bytes", "decisive")) and
	([.results[].rounds | length] == [3, 3])' "$TMP/a.json" >/dev/null ||
	fail "--budget 1KB: $(jq -c '.workload' "$TMP/a.json")"
grep -Eq '^rounds: 3 counted rounds, then stopped: (another round would pass the byte budget|every verdict is decisive)$' "$TMP/out" ||
	fail "no rounds line: $(grep '^rounds' "$TMP/out")"

# --rounds N: that many.
expect_status 0 $FSCONC $w --engine pwrite,threads --jobs 2 --rounds 4 \
	--json "$TMP/f.json"
jq -e '(.workload.rounds_auto | not) and .workload.rounds_stopped == "fixed"
	and ([.results[].rounds | length] == [4, 4])' "$TMP/f.json" >/dev/null ||
	fail "--rounds 4: $(jq -c '.workload' "$TMP/f.json")"
grep -q '^rounds: 4 counted rounds, then stopped: the count --rounds asked for$' "$TMP/out" ||
	fail "no rounds line: $(grep '^rounds' "$TMP/out")"

# --keep must know the last round in advance: the least of auto.
expect_status 0 $FSCONC $w --engine pwrite,threads --jobs 2 --keep \
	--json "$TMP/k.json"
jq -e '(.workload.rounds_stopped | IN("keep", "decisive")) and
	([.results[].rounds | length] == [3, 3])' "$TMP/k.json" >/dev/null ||
	fail "--keep: $(jq -c '.workload' "$TMP/k.json")"
for d in $(sed -n 's/^kept: //p' "$TMP/out"); do
	case $d in "$TMP"/d/.fsconc-*) $FSCONC cleanup "$TMP/d" >/dev/null ;; esac
done

# Bad values: refused before anything is written.
for b in 0s 0 s 12x -1s; do
	expect_status 2 $FSCONC $w --budget "$b"
	grep -q "^fsconc: --budget '$b': expected seconds" "$TMP/out" ||
		fail "--budget $b: $(cat "$TMP/out")"
done
expect_status 2 $FSCONC $w --rounds autox
grep -q "expected auto or a whole number" "$TMP/out" || fail "--rounds autox: $(cat "$TMP/out")"
assert_no_leftovers "$TMP/d"
