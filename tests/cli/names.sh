#!/bin/sh
# names.sh - a target whose name holds control characters (an escape
# sequence, a newline): every line fsconc prints shows them as '?', so
# nothing reaches the terminal as such and no line splits in two; the
# result profile keeps the exact name.
. "$(dirname "$0")/setup.sh"

esc=$(printf '\033')
D=$(printf '%s/a\033[31mred\nline' "$TMP")
mkdir "$D"
shown="$TMP/a?[31mred?line"

# no_control FILE WHAT: FILE has no escape and no line cut by the name.
no_control() {
	! grep -q "$esc" "$1" || { cat -A "$1" >&2; fail "$2: an escape character reached the output"; }
	! grep -q '^line' "$1" || { cat -A "$1" >&2; fail "$2: the name's newline split a line"; }
}

# A run: the header, the warnings, the table and the verdict.
expect_split 0 "$FSCONC" --dir "$D" $SMALL --engine pwrite,threads \
	--rounds 3 --json "$TMP/p.json"
no_control "$TMP/stdout" "a run's report"
no_control "$TMP/stderr" "a run's messages"
grep -qF "target: $shown: " "$TMP/stdout" ||
	fail "the target line does not show '$shown': $(cat -A "$TMP/stdout")"
grep -qF "verdict: " "$TMP/stdout" || fail "no verdict"
[ "$(jq -r '.targets[0].path' "$TMP/p.json")" = "$D" ] ||
	fail "the result profile does not keep the exact name"
assert_no_leftovers "$D"

# The saved profile read back: plan and compare show the name the same way.
expect_split 1 "$FSCONC" plan "$TMP/p.json" --target 1GB/s
no_control "$TMP/stdout" "plan"
no_control "$TMP/stderr" "plan's messages"
grep -qF "on $shown" "$TMP/stdout" || fail "plan: $(cat -A "$TMP/stdout")"
expect_split 0 "$FSCONC" compare "$TMP/p.json" "$TMP/p.json"
no_control "$TMP/stdout" "compare"

# Refusals: one line each, exit 2.
expect_split 2 "$FSCONC" --dir "$D" --dir "$D" $SMALL
no_control "$TMP/stderr" "the same --dir twice"
[ "$(wc -l <"$TMP/stderr")" -eq 1 ] || fail "the same --dir twice: not one line: $(cat -A "$TMP/stderr")"
grep -qF "same directory as '$shown'" "$TMP/stderr" ||
	fail "the same --dir twice: $(cat -A "$TMP/stderr")"
mkdir "$D/sub"
expect_split 2 "$FSCONC" --dir "$D" $SMALL --json "$D/sub"
no_control "$TMP/stderr" "--json naming a directory"
[ "$(wc -l <"$TMP/stderr")" -eq 1 ] || fail "--json naming a directory: not one line: $(cat -A "$TMP/stderr")"

# fsconc cleanup names the directory the same way.
expect_split 0 "$FSCONC" cleanup "$D"
no_control "$TMP/stdout" "cleanup"
grep -qxF "nothing to clean in $shown" "$TMP/stdout" ||
	fail "cleanup: $(cat -A "$TMP/stdout")"

# The CSV, like the JSON, keeps the exact name (quoted: it holds a line
# break).
expect_split 0 "$FSCONC" --dir "$D" $SMALL --engine pwrite --csv "$TMP/p.csv"
python3 -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
sys.exit(rows[0]["targets"] != sys.argv[2])' "$TMP/p.csv" "$D" ||
	fail "the CSV does not keep the exact name: $(cat -A "$TMP/p.csv")"
