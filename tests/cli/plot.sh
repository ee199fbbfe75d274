#!/bin/sh
# plot.sh - fsconc plot draws a non-empty SVG with gnuplot: a sweep with
# its USL curve, bars without a sweep, odd characters in titles; a clear
# exit 1 without gnuplot; exit 2 for bad usage; nothing left behind.
. "$(dirname "$0")/setup.sh"
. "$(dirname "$0")/synth.sh"

mkdir "$TMP/tmp"
export TMPDIR="$TMP/tmp"
synth_profile "$TMP/sweep.json" "dir=/da'ta"
synth_profile "$TMP/single.json" levels=4

# Without gnuplot in PATH: exit 1, naming the package, no file.
expect_status 1 env PATH=/nonexistent "$FSCONC" plot "$TMP/sweep.json" -o "$TMP/none.svg"
grep -q 'gnuplot is not in PATH.*install gnuplot-nox' "$TMP/out" ||
	fail "missing gnuplot not explained"
[ ! -e "$TMP/none.svg" ] || fail "an SVG without gnuplot"

# Bad usage: exit 2.
expect_status 2 "$FSCONC" plot "$TMP/sweep.json"
grep -q -- '--output is required' "$TMP/out" || fail "no -o accepted"
expect_status 2 "$FSCONC" plot "$TMP/sweep.json" -o "$TMP/no/such/dir.svg"
expect_status 2 "$FSCONC" plot "$TMP/nope.json" -o "$TMP/x.svg"
[ ! -e "$TMP/x.svg" ] || fail "a refused plot wrote"

command -v gnuplot >/dev/null || skip "gnuplot is not installed (gnuplot-nox)"

expect_status 0 "$FSCONC" plot "$TMP/sweep.json" -o "$TMP/sweep.svg"
[ -s "$TMP/sweep.svg" ] || fail "empty SVG"
grep -q '<svg' "$TMP/sweep.svg" || fail "not an SVG"
grep -q 'threads on /da' "$TMP/sweep.svg" || fail "no threads series"
grep -q 'USL, R' "$TMP/sweep.svg" || fail "no USL curve"

expect_status 0 "$FSCONC" plot --iec -o "$TMP/single.svg" "$TMP/single.json"
grep -q '<svg' "$TMP/single.svg" || fail "bars: not an SVG"
grep -q 'MiB/s' "$TMP/single.svg" || fail "--iec not applied"
grep -q 'threads×4 on /data' "$TMP/single.svg" || fail "no bar for threads×4"

# '-' is standard output.
expect_split 0 "$FSCONC" plot "$TMP/single.json" -o -
grep -q '<svg' "$TMP/stdout" || fail "-o - wrote no SVG"

# The private directory is gone.
[ -z "$(ls -A "$TMP/tmp")" ] || { ls -la "$TMP/tmp" >&2; fail "plot left files in TMPDIR"; }
