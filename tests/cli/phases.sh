#!/bin/sh
# phases.sh - each file's phases (open, truncate, write, fsync, close) add
# up to its open-to-close time in a real run's profile, for a synchronous
# and an asynchronous engine; truncate and fsync are timed only when
# --mode truncate and --fsync end ask for them; each round's phase sums
# are its files'; the report has a phase line per set.
. "$(dirname "$0")/setup.sh"

command -v jq >/dev/null || skip "jq is not installed"
# An asynchronous engine usable here, the first listed (none in some
# builds: then the synchronous ones alone).
async=$("$FSCONC" --list-engines | awk '/^[a-z_]+ / { e = $1 }
	/^ +available$/ && e != "pwrite" && e != "threads" { print e; exit }')
mkdir "$TMP/d"
run="$FSCONC --dir $TMP/d --files 6 --size 256K --block-size 64K --rounds 2
	--warmup 0 --engine pwrite,threads${async:+,$async} --jobs 3"

# Every file: five phases that add up to end_ns - start_ns, which is its
# elapsed_ns; every round: each phase's sum is its files' sum.
check_profile() {
	jq -e '[.results[].rounds[].files[] |
		(.phase_ns | length == 5) and
		((.phase_ns | add) == .elapsed_ns) and
		(.end_ns - .start_ns == .elapsed_ns)] | length > 0 and all' \
		"$1" >/dev/null || fail "$2: phases do not add up to open-to-close"
	jq -e '[.results[].rounds[] | . as $r |
		["open", "truncate", "write", "fsync", "close"] |
		to_entries[] | $r.phases[.value].sum_ns ==
		([$r.files[].phase_ns[.key]] | add) and
		$r.phases[.value].p50_ns <= $r.phases[.value].p99_ns] | all' \
		"$1" >/dev/null || fail "$2: a round's phase sums are not its files'"
}

# A phase and its share are joined by a no-break space (n); the
# separator is a no-break space, a middle dot and a space (s).
n=$(printf '\302\240')
s=$(printf '\302\240\302\267 ')

expect_status 0 $run --mode truncate --fsync end --json "$TMP/tf.json"
check_profile "$TMP/tf.json" "--mode truncate --fsync end"
grep -q "^phases: pwrite open${n}[0-9]*%${s}truncate${n}[0-9]*%${s}write${n}[0-9]*%${s}fsync${n}[0-9]*%${s}close${n}[0-9]*%; threads×3 " \
	"$TMP/out" || { cat "$TMP/out" >&2; fail "no phase line with truncate and fsync"; }
jq -e '[.results[] | [.rounds[].files[] | .phase_ns[3] > 0] | any] | all' \
	"$TMP/tf.json" >/dev/null || fail "--fsync end: no fsync timed"

expect_status 0 $run --json "$TMP/plain.json"
check_profile "$TMP/plain.json" "--mode create"
jq -e '[.results[].rounds[].files[] | .phase_ns[1] == 0 and
	.phase_ns[3] == 0] | all' "$TMP/plain.json" >/dev/null ||
	fail "truncate or fsync timed when not asked for"
grep -q "^phases: pwrite open${n}[0-9]*%${s}write${n}[0-9]*%${s}close${n}[0-9]*%; " \
	"$TMP/out" || { cat "$TMP/out" >&2; fail "no phase line"; }
! grep -q '^phases: .*truncate' "$TMP/out" ||
	fail "the phase line shows a truncate that was not asked for"
assert_no_leftovers "$TMP/d"
