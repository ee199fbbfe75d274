#!/bin/sh
# markdown.sh - --markdown writes the report as Markdown that a Markdown
# parser reads as a title, tables (host, targets, one per set) and the
# verdict; a path with Markdown's punctuation keeps its table's columns;
# "-" is standard output, and two result files may not share it.
. "$(dirname "$0")/setup.sh"

# A target whose name a Markdown table would split and emphasise.
d="$TMP/a|b*c_d"
mkdir "$d"
expect_status 0 "$FSCONC" --dir "$d" --engine pwrite,threads --files 2 \
	--size 1M --rounds 3 --warmup 0 --markdown "$TMP/r.md"
grep -q '^# fsconc: 2 files × 1 MiB on ' "$TMP/r.md" || fail "no title"
grep -q '^\*\*Verdict:\*\* ' "$TMP/r.md" || fail "no verdict"
grep -qF 'a\|b\*c\_d' "$TMP/r.md" || fail "the path is not escaped"
# Every row of a table has its header's cells.
awk '/^\|/ { line = $0; gsub(/\\\|/, "", line); n = gsub(/\|/, "", line)
	if (intable && n != cells) { print "cells: " $0; bad = 1 }
	cells = n; intable = 1; next } { intable = 0 } END { exit bad }' "$TMP/r.md" ||
	fail "a table row has more or fewer cells than its header"

# A Markdown parser with tables, where installed: Debian's python3-markdown.
py=/usr/bin/python3
if [ -x "$py" ] && "$py" -c 'import markdown' 2>/dev/null; then
	"$py" - "$TMP/r.md" "$d" <<'PY' || fail "the Markdown does not read as the report"
import sys, markdown, html
text = open(sys.argv[1], encoding="utf-8").read()
out = markdown.markdown(text, extensions=["tables"])
assert out.count("<table>") == 3, out.count("<table>")   # host, targets, set
assert out.count("<h1>") == 1 and "<h2>Targets</h2>" in out, out
assert "<em>" not in out, "a name turned into emphasis"
assert html.escape(sys.argv[2], quote=False) in out, "the path is not shown as it is"
assert "<strong>Verdict:</strong>" in out
PY
	echo "python3-markdown reads 3 tables, a title and the verdict"
else
	echo "python3-markdown is not installed: the tables are checked by awk only"
fi

# Standard output takes the Markdown; the text report goes to stderr.
expect_status 0 "$FSCONC" --dir "$d" --engine pwrite --files 1 --size 1M \
	--rounds 1 --warmup 0 --markdown -
grep -q '^## ' "$TMP/out" || fail "no Markdown on standard output"
expect_status 2 "$FSCONC" --dir "$d" --json - --markdown -
grep -q -- "--json and --markdown both name '-'" "$TMP/out" ||
	fail "two result files on stdout: $(cat "$TMP/out")"
assert_no_leftovers "$d"
