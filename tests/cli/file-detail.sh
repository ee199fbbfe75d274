#!/bin/sh
# file-detail.sh - --file-detail N: a round of more than N files has them
# summarised in the profile (no "files" array, a "files_summary" that
# says so and counts them), which validates against the schema and reads
# back into the run's report, --json and --csv; a round of N files or
# fewer keeps its files; every file made is removed.
. "$(dirname "$0")/setup.sh"

command -v python3 >/dev/null || skip "python3 is not installed"

# The rounds of profile $1: "kept N" or "summarised N DETAIL" each.
rounds() {
	python3 - "$1" <<'PY'
import json, sys
for res in json.load(open(sys.argv[1]))["results"]:
    for r in res["rounds"]:
        if "files" in r:
            assert "files_summary" not in r
            print("kept", len(r["files"]))
        else:
            s = r["files_summary"]
            assert s["summarised"] is True
            assert sum(n for _, n in s["bytes_per_sec"]["histogram"]) == s["rated"]
            print("summarised", s["files"], s["file_detail"])
PY
}

# Without the validator, the profiles' schema is left unchecked.
validate() {
	! have_jsonschema || schema_valid "$1"
}

masked() {
	sed 's/^\(target: .*\), [^,]* free, [0-9]* inodes free$/\1, FREE/' "$1"
}

mkdir "$TMP/d"
for size in 4K 0; do
	expect_split 0 "$FSCONC" --dir "$TMP/d" --files 300 --size $size \
		--block-size 4K --engine pwrite,threads --jobs 4 --rounds 2 \
		--warmup 0 --file-detail 100 --json "$TMP/a.json" \
		--csv "$TMP/a.csv"
	mv "$TMP/stdout" "$TMP/run.txt"
	assert_no_leftovers "$TMP/d"
	[ -z "$(ls -A "$TMP/d")" ] || { ls -la "$TMP/d" >&2; fail "files left"; }
	rounds "$TMP/a.json" >"$TMP/rounds" || fail "--size $size: bad rounds"
	[ "$(sort -u "$TMP/rounds")" = "summarised 300 100" ] ||
		fail "--size $size: not summarised: $(cat "$TMP/rounds")"
	[ "$(wc -l <"$TMP/rounds")" -eq 4 ] || fail "--size $size: 4 rounds"
	validate "$TMP/a.json" ||
		fail "--size $size: a summarised profile does not match its schema"
	[ "$(wc -c <"$TMP/a.json")" -lt 1000000 ] ||
		fail "--size $size: the profile has $(wc -c <"$TMP/a.json") bytes"
	# fsconc report: what the run printed, --json and --csv the same.
	expect_split 0 "$FSCONC" report "$TMP/a.json" --json "$TMP/b.json" \
		--csv "$TMP/b.csv"
	[ ! -s "$TMP/stderr" ] || fail "report: $(cat "$TMP/stderr")"
	masked "$TMP/run.txt" >"$TMP/run.m"
	masked "$TMP/stdout" >"$TMP/report.m"
	diff "$TMP/run.m" "$TMP/report.m" >&2 ||
		fail "--size $size: the report differs from the run's"
	cmp "$TMP/a.json" "$TMP/b.json" || fail "--size $size: --json differs"
	cmp "$TMP/a.csv" "$TMP/b.csv" || fail "--size $size: --csv differs"
done

# At the threshold or under it, every file is kept; --dd names the
# summarised rounds.
expect_split 0 "$FSCONC" --dir "$TMP/d" --files 300 --size 4K \
	--block-size 4K --engine pwrite --rounds 1 --warmup 0 \
	--file-detail 300 --json "$TMP/k.json"
[ "$(rounds "$TMP/k.json")" = "kept 300" ] ||
	fail "--file-detail 300: $(rounds "$TMP/k.json")"
expect_split 0 "$FSCONC" --dir "$TMP/d" --files 300 --size 4K \
	--block-size 4K --engine pwrite --rounds 1 --warmup 0 \
	--file-detail 1000 --json "$TMP/k.json"
[ "$(rounds "$TMP/k.json")" = "kept 300" ] ||
	fail "--file-detail 1000: $(rounds "$TMP/k.json")"
validate "$TMP/k.json" || fail "a profile with its files does not match"
expect_split 0 "$FSCONC" --dir "$TMP/d" --files 3 --size 4K \
	--block-size 4K --engine pwrite --rounds 1 --warmup 0 \
	--file-detail 0 --dd -Q
grep -q "^3 files summarised (more than --file-detail 0): no line each$" \
	"$TMP/stdout" || fail "--dd: $(cat "$TMP/stdout")"
assert_no_leftovers "$TMP/d"
[ -z "$(ls -A "$TMP/d")" ] || { ls -la "$TMP/d" >&2; fail "files left"; }

# A summary that does not add up is refused, located.
sed '0,/"rated": [0-9]*/s//"rated": 299/' "$TMP/a.json" >"$TMP/bad.json"
expect_split 2 "$FSCONC" report "$TMP/bad.json"
grep -q "rounds\[0\]\.files_summary\.bytes_per_sec\.histogram: the counts add up to" \
	"$TMP/stderr" || fail "bad summary: $(cat "$TMP/stderr")"
expect_status 2 "$FSCONC" --file-detail -1
grep -q -- "--file-detail" "$TMP/out" || fail "--file-detail -1: $(cat "$TMP/out")"
