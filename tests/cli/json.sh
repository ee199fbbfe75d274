#!/bin/sh
# json.sh - --json and --csv: files written whole, '-' for stdout with the
# table moved to stderr, refusals of paths that are not plain files, and
# the CSV's numbers equal to the profile's.
. "$(dirname "$0")/setup.sh"

mkdir "$TMP/d" "$TMP/out.d"
run="$FSCONC --dir $TMP/d $SMALL --rounds 2 --engine pwrite,threads"

# Files, replacing what was there, and nothing else left in their dir.
echo old >"$TMP/out.d/p.json"
expect_status 0 $run --json "$TMP/out.d/p.json" --csv "$TMP/out.d/p.csv"
grep -q '"schema": "fsconc-profile/1"' "$TMP/out.d/p.json" ||
	fail "profile lacks its schema name"
! grep -q '^old$' "$TMP/out.d/p.json" || fail "old file not replaced"
head -n 1 "$TMP/out.d/p.csv" | grep -q '^run_started,host,kernel,set,targets,fstypes,files,file_size_bytes,block_size_bytes,mode,fsync,direct,engine,jobs,iodepth,round,bytes,elapsed_ns,bytes_per_sec,' ||
	fail "CSV header missing"
# pwrite and threads, 2 rounds each, plus the header.
[ "$(wc -l <"$TMP/out.d/p.csv")" -eq 5 ] || fail "CSV should have 5 lines"
[ "$(ls -A "$TMP/out.d" | wc -l)" -eq 2 ] || { ls -A "$TMP/out.d" >&2; fail "stray files beside the results"; }
grep -q "^verdict: " "$TMP/out" || fail "the table should still go to stdout"

# '-': the profile alone on stdout, the table on stderr.
set +e
$run --json - >"$TMP/stdout" 2>"$TMP/stderr"
rc=$?
set -e
[ $rc -eq 0 ] || { cat "$TMP/stderr" >&2; fail "--json - exited $rc"; }
head -c 1 "$TMP/stdout" | grep -q '{' || fail "stdout does not start with the profile"
tail -n 1 "$TMP/stdout" | grep -q '^}$' || fail "stdout does not end with the profile"
grep -q "^verdict: " "$TMP/stderr" || fail "the table did not move to stderr"
grep -q "^fsconc " "$TMP/stderr" || fail "the header did not move to stderr"

# --quiet: no table anywhere, the verdicts on stderr.
set +e
$run --csv - --quiet >"$TMP/stdout" 2>"$TMP/stderr"
rc=$?
set -e
[ $rc -eq 0 ] || fail "--csv - --quiet exited $rc"
head -n 1 "$TMP/stdout" | grep -q '^run_started,host,' || fail "CSV not on stdout"
! grep -q "throughput in" "$TMP/stderr" || fail "--quiet printed the table"
grep -q "^verdict: " "$TMP/stderr" || fail "--quiet verdicts should go to stderr"

# Refusals, all before anything is written (exit 2).
expect_status 2 $run --json - --csv -
grep -q "only one can go to standard output" "$TMP/out" || fail "two stdouts"
expect_status 2 $run --json "$TMP/same" --csv "$TMP/same"
expect_status 2 $run --json "$TMP/out.d"
grep -q "is a directory" "$TMP/out" || fail "directory accepted"
expect_status 2 $run --json "$TMP/d"
grep -q "is the target directory" "$TMP/out" || fail "target accepted"
expect_status 2 $run --csv /dev/null
grep -q "not a regular file" "$TMP/out" || fail "device node accepted"
expect_status 2 $run --json "$TMP/missing/p.json"
expect_status 2 $run --json ''
[ ! -e "$TMP/same" ] || fail "a refused run wrote a file"
assert_no_leftovers "$TMP/d"

# A second run's CSV, another workload, to concatenate with the first.
expect_status 0 $run --size 2M --block-size 1M --mode truncate --fsync end \
	--csv "$TMP/out.d/q.csv" --json "$TMP/out.d/q.json"

# The CSV's numbers are the profile's (needs Python's json module).
command -v python3 >/dev/null || skip "python3 is not installed"
python3 - "$TMP/out.d/p.json" "$TMP/out.d/p.csv" "$TMP/out.d/q.json" \
	"$TMP/out.d/q.csv" <<'PY' || fail "the CSVs of two runs do not stand alone"
import csv, json, sys
# Concatenated (the second's header dropped), each row still says what
# run, host and workload it is of.
a, b = (open(f).read().splitlines() for f in sys.argv[2::2])
assert a[0] == b[0], "the headers differ"
rows = list(csv.DictReader(a + b[1:]))
assert len(rows) == 8, len(rows)
for pf, part in zip(sys.argv[1::2], (rows[:4], rows[4:])):
    p = json.load(open(pf))
    w = p["workload"]
    for row in part:
        assert row["run_started"] == p["created"], (row["run_started"], p["created"])
        assert row["host"] == p["host"]["hostname"], row["host"]
        assert row["kernel"] == p["host"]["kernel"], row["kernel"]
        assert int(row["files"]) == w["files"]
        assert int(row["file_size_bytes"]) == w["file_size"]
        assert int(row["block_size_bytes"]) == w["block_size"]
        assert row["mode"] == w["mode"] and row["fsync"] == w["fsync"]
        assert row["direct"] == ("true" if w["direct"] else "false")
        assert row["fstypes"] == p["targets"][0]["fstype"]
assert rows[4]["mode"] == "truncate" and rows[4]["fsync"] == "end"
assert rows[4]["file_size_bytes"] == "2097152" and rows[0]["file_size_bytes"] == "1048576"
PY
python3 - "$TMP/out.d/p.json" "$TMP/out.d/p.csv" <<'PY' || fail "CSV and JSON disagree"
import csv, json, sys
p = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2])))
i = 0
for res in p["results"]:
    for n, rd in enumerate(res["rounds"], 1):
        row = rows[i]; i += 1
        assert row["engine"] == res["engine"] and int(row["jobs"]) == res["jobs"]
        assert int(row["round"]) == n
        assert " + ".join(res["targets"]) == row["targets"]
        for k in ("bytes", "elapsed_ns", "cpu_user_ns", "cpu_sys_ns"):
            assert int(row[k]) == rd[k], k
        for k in ("bytes_per_sec", "submit_share", "achieved_depth"):
            assert float(row[k]) == rd[k], k
        for q in ("p50", "p90", "p99", "p999", "max"):
            assert int(row["latency_%s_ns" % q]) == rd["latency_ns"][q], q
        rates = sorted(f["bytes_per_sec"] for f in rd["files"])
        assert float(row["file_bytes_per_sec_min"]) == rates[0]
        assert float(row["file_bytes_per_sec_max"]) == rates[-1]
assert i == len(rows) == 4, (i, len(rows))
PY
