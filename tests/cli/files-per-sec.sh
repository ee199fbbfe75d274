#!/bin/sh
# files-per-sec.sh - the aggregate in files/s: in the profile for every
# run, per round (the files written whole over the round's time) and in
# the summary; in the report, on a files/s line, for small files only.
. "$(dirname "$0")/setup.sh"

command -v jq >/dev/null || skip "jq is not installed"
mkdir "$TMP/d"
run="$FSCONC --dir $TMP/d --rounds 2 --warmup 0 --engine pwrite,threads
	--jobs 2"

# Small files: every file counted, files/s = files / elapsed, and the line.
expect_status 0 $run --files 8 --size 4K --block-size 4K --json "$TMP/s.json"
jq -e '[.results[].rounds[] | .files_done == 8 and
	.files_per_sec > 0 and
	(.files_per_sec as $f | ($f - .files_done * 1e9 / .elapsed_ns |
	 fabs) <= 1e-6 * $f)] | length == 4 and all' \
	"$TMP/s.json" >/dev/null || fail "files_per_sec is not files / elapsed"
# Two rounds: their median is their mean.
jq -e '[.results[] | .summary.files_per_sec.median as $m |
	($m - ([.rounds[].files_per_sec] | add / length) | fabs) <=
	1e-6 * $m] | all' \
	"$TMP/s.json" >/dev/null || fail "the summary is not the rounds' median"
grep -q '^files/s: pwrite [0-9][0-9.]*; threads×2 [0-9][0-9.]* (medians over rounds)$' \
	"$TMP/out" || { cat "$TMP/out" >&2; fail "no files/s line for small files"; }

# Files of 1 MiB: in the profile, not in the report.
expect_status 0 $run --files 2 --size 1M --block-size 256K \
	--json "$TMP/l.json"
jq -e '[.results[].rounds[] | .files_done == 2 and .files_per_sec > 0] |
	all' "$TMP/l.json" >/dev/null || fail "no files_per_sec for 1 MiB files"
! grep -q '^files/s:' "$TMP/out" || fail "a files/s line for 1 MiB files"
assert_no_leftovers "$TMP/d"
