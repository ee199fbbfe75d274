#!/bin/sh
# size-zero.sh - --size 0 creates and closes every file, writing nothing:
# every file is made and removed (none left behind; with --keep, all of
# the last round's there, empty), each engine counts them all, the report
# and the verdict are in files/s, and what needs data is refused.
. "$(dirname "$0")/setup.sh"

command -v jq >/dev/null || skip "jq is not installed"
# An asynchronous engine usable here, the first listed (none in some
# builds: then the synchronous ones alone).
async=$("$FSCONC" --list-engines | awk '/^[a-z_]+ / { e = $1 }
	/^ +available$/ && e != "pwrite" && e != "threads" { print e; exit }')
mkdir "$TMP/d" "$TMP/k"
engines=pwrite,threads${async:+,$async}
n=$(echo $engines | tr , '\n' | wc -l)

# A run leaves nothing, and every round of every engine made every file.
expect_status 0 "$FSCONC" --dir "$TMP/d" --size 0 --files 30 --rounds 3 \
	--warmup 0 --engine $engines --jobs 3 --json "$TMP/p.json"
assert_no_leftovers "$TMP/d"
[ -z "$(ls -A "$TMP/d")" ] || fail "--size 0 left $(ls -A "$TMP/d")"
jq -e '[.results[].rounds[] | .files_done == 30 and (.files | length) == 30
	and .bytes == 0 and .files_per_sec > 0] | length == 3 * '"$n"' and
	all' "$TMP/p.json" >/dev/null || fail "a round did not make every file"
jq -e '[.results[].summary.files_per_sec.median > 0] | all' \
	"$TMP/p.json" >/dev/null || fail "no files/s in the summary"
grep -q '^engine  *agg files/s ' "$TMP/out" ||
	{ cat "$TMP/out" >&2; fail "the table is not in files/s"; }
grep -q '^verdict: .* pwrite \[' "$TMP/out" ||
	{ cat "$TMP/out" >&2; fail "no verdict on files/s"; }
# A figure printed as nan or inf, a word of its own (the test's random
# directory names may hold the letters).
! grep -iw 'nan\|inf' "$TMP/out" >"$TMP/nan" ||
	fail "a figure is not a number: $(cat "$TMP/nan")"

# The profile matches its schema; plan, compare and plot, which read
# rates in bytes/s, refuse it and say why.
if have_jsonschema; then
	schema_valid "$TMP/p.json" || fail "the --size 0 profile does not match"
fi
expect_status 2 "$FSCONC" compare "$TMP/p.json" "$TMP/p.json"
grep -q 'a profile of --size 0' "$TMP/out" || fail "compare: no reason given"
expect_status 2 "$FSCONC" plot "$TMP/p.json" -o "$TMP/p.svg"
grep -q 'a profile of --size 0' "$TMP/out" || fail "plot: no reason given"
[ ! -e "$TMP/p.svg" ] || fail "plot wrote a file"

# --keep: the last round's files all there, and empty.
expect_status 0 "$FSCONC" --dir "$TMP/k" --size 0 --files 7 --rounds 1 \
	--warmup 0 --engine $engines --jobs 2 --keep
run=$(ls -d "$TMP/k"/.fsconc-??????)
k=$(ls -A "$run" | grep -vcx '.fsconc-run')
[ "$k" -eq $((7 * n)) ] ||
	{ ls -A "$run" >&2; fail "--keep kept $k files, not $((7 * n))"; }
[ -z "$(find "$run" -type f ! -name .fsconc-run ! -empty)" ] ||
	fail "--size 0 wrote data"
expect_status 0 "$FSCONC" cleanup "$TMP/k"
[ -z "$(ls -A "$TMP/k")" ] || fail "cleanup left $(ls -A "$TMP/k")"

# Data checks need data.
expect_status 2 "$FSCONC" --dir "$TMP/d" --size 0 --verify
grep -q -- '--verify and --size 0' "$TMP/out" || fail "--verify accepted"
