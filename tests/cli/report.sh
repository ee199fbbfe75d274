#!/bin/sh
# report.sh - fsconc report PROFILE.json prints a run's report again from
# its profile, recomputed from the rounds: the same text as the run's
# (the free space of the targets aside, measured before the run), and
# --json and --csv written again the same, byte for byte; --size 0 too;
# --format and --markdown; bad profiles and usage exit 2.
. "$(dirname "$0")/setup.sh"

mkdir "$TMP/d"
expect_split 0 "$FSCONC" --dir "$TMP/d" --files 3 --size 1M \
	--engine pwrite,threads --rounds 3 --json "$TMP/a.json" --csv "$TMP/a.csv"
mv "$TMP/stdout" "$TMP/run.txt"
assert_no_leftovers "$TMP/d"

# The free space and inodes of a target are measured before the run,
# and the profile's after it: the one figure of the report that differs.
masked() {
	sed 's/^\(target: .*\), [^,]* free, [0-9]* inodes free$/\1, FREE/' "$1"
}

expect_split 0 "$FSCONC" report "$TMP/a.json" --json "$TMP/b.json" \
	--csv "$TMP/b.csv"
[ ! -s "$TMP/stderr" ] || fail "report: $(cat "$TMP/stderr")"
masked "$TMP/run.txt" >"$TMP/run.m"
masked "$TMP/stdout" >"$TMP/report.m"
grep -q '^target: .*, FREE$' "$TMP/report.m" || fail "the target line is not masked"
diff "$TMP/run.m" "$TMP/report.m" >&2 || fail "the report differs from the run's"
grep -q '^verdict: ' "$TMP/report.m" || fail "no verdict"
cmp "$TMP/a.json" "$TMP/b.json" || fail "--json written again differs"
cmp "$TMP/a.csv" "$TMP/b.csv" || fail "--csv written again differs"

# '-': the profile alone on stdout, the text on stderr.
expect_split 0 "$FSCONC" report --json - "$TMP/a.json"
cmp "$TMP/a.json" "$TMP/stdout" || fail "--json - differs"
grep -q '^verdict: ' "$TMP/stderr" || fail "the text is not on stderr"

# How it is shown is the command's: --wide and --iec.
expect_status 0 "$FSCONC" report "$TMP/a.json" --wide --iec
grep -q 'throughput in MiB/s, each with its ratio to the best row' \
	"$TMP/out" || { cat "$TMP/out" >&2; fail "--wide --iec not applied"; }

# --size 0, in files/s, which plan, compare and plot refuse, reads back.
expect_split 0 "$FSCONC" --dir "$TMP/d" --size 0 --files 6 --rounds 3 \
	--engine pwrite,threads --json "$TMP/z.json"
masked "$TMP/stdout" >"$TMP/run.m"
expect_split 0 "$FSCONC" report "$TMP/z.json" --json "$TMP/z2.json"
masked "$TMP/stdout" >"$TMP/report.m"
diff "$TMP/run.m" "$TMP/report.m" >&2 || fail "--size 0: the report differs"
cmp "$TMP/z.json" "$TMP/z2.json" || fail "--size 0: --json differs"
grep -q '^engine  *agg files/s ' "$TMP/report.m" || fail "--size 0: not files/s"

# --format: Markdown, CSV or JSON on standard output in place of the
# text, the same as the files; the Markdown the run's --markdown.
expect_split 0 "$FSCONC" --dir "$TMP/d" --files 2 --size 1M \
	--engine pwrite,threads --rounds 3 --json "$TMP/m.json" \
	--markdown "$TMP/m.md"
expect_split 0 "$FSCONC" report "$TMP/m.json" --format markdown
cmp "$TMP/m.md" "$TMP/stdout" || fail "--format markdown differs from the run's --markdown"
[ ! -s "$TMP/stderr" ] || fail "--format markdown: text on stderr"
expect_split 0 "$FSCONC" report "$TMP/m.json" --format json
cmp "$TMP/m.json" "$TMP/stdout" || fail "--format json differs"
expect_split 0 "$FSCONC" report "$TMP/a.json" --format csv
cmp "$TMP/a.csv" "$TMP/stdout" || fail "--format csv differs"
expect_status 2 "$FSCONC" report "$TMP/a.json" --format html
grep -q -- "--format" "$TMP/out" || fail "--format html: $(cat "$TMP/out")"
expect_status 2 "$FSCONC" report "$TMP/a.json" --format csv --json -
grep -q "only one can" "$TMP/out" || fail "--format and --json -: $(cat "$TMP/out")"

# Bad profiles and usage: exit 2, one line naming what is wrong where.
sed '0,/"engine": "threads"/s//"engine": "dd"/' "$TMP/a.json" >"$TMP/dd.json"
expect_split 2 "$FSCONC" report "$TMP/dd.json"
grep -q "dd.json: results\[[0-9]*\]\.engine: 'dd': not an engine this fsconc knows" \
	"$TMP/stderr" || fail "unknown engine: $(cat "$TMP/stderr")"
[ ! -s "$TMP/stdout" ] || fail "a refused profile printed a report"
sed '0,/"bytes_per_sec": [0-9.e+]*/s//"bytes_per_sec": "fast"/' "$TMP/a.json" >"$TMP/str.json"
expect_status 2 "$FSCONC" report "$TMP/str.json"
grep -q "results\[0\]\.rounds\[0\]\.bytes_per_sec: expected a number, not a string" \
	"$TMP/out" || fail "bad value not located: $(cat "$TMP/out")"
expect_status 2 "$FSCONC" report "$TMP/nope.json"
grep -q "nope.json: cannot read it" "$TMP/out" || fail "missing profile"
expect_status 2 "$FSCONC" report
grep -q "report: expected a result profile" "$TMP/out" || fail "no profile"
expect_status 2 "$FSCONC" report "$TMP/a.json" --json - --csv -
grep -q "only one can go to standard output" "$TMP/out" || fail "two stdouts"
expect_status 2 "$FSCONC" report "$TMP/a.json" --target 1G
grep -q "unknown option '--target'" "$TMP/out" || fail "unknown option"
expect_status 2 "$FSCONC" report "$TMP/a.json" --json "$TMP/no/b.json"
[ ! -e "$TMP/no" ] || fail "a refused --json created something"
assert_no_leftovers "$TMP/d"
