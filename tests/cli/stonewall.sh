#!/bin/sh
# stonewall.sh - --stonewall in one process: a trial stops writing when the
# time is up, closes its files where they got, counts only what was
# written (bytes, and the share of what was planned) and leaves nothing;
# a trial that finishes first is untouched; bad values exit 2.
. "$(dirname "$0")/setup.sh"

D=$TMP/d
mkdir "$D"

# Bad values, and --verify with it: exit 2, nothing created.
for v in 0 0.0 -1 "" 1e3 " 1" 1. .5 1s 1000001 0.1234567891; do
	expect_status 2 "$FSCONC" --dir "$D" $SMALL --stonewall "$v"
	grep -q -- "--stonewall '$v'" "$TMP/out" || fail "--stonewall '$v': $(cat "$TMP/out")"
done
expect_status 2 "$FSCONC" --dir "$D" $SMALL --stonewall 1 --verify
grep -q -- "--verify and --stonewall" "$TMP/out" || fail "--verify --stonewall: $(cat "$TMP/out")"
assert_no_leftovers "$D"

# Slow writes (4 KiB, each fsynced) that would take seconds: 0.3 s of each.
start=$(date +%s%N)
expect_status 0 "$FSCONC" --dir "$D" --files 4 --size 16M --block-size 4K \
	--fsync each --rounds 1 --warmup 0 --stonewall 0.3 \
	--engine pwrite,threads,posixaio --json "$TMP/p.json"
took=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$took" -lt 8000 ] || fail "the wall did not stop the run: it took $took ms"
grep -q "stonewall 0.3 s" "$TMP/out" || fail "the header does not name the stonewall"
grep -q "^note:   stonewall: pwrite wrote [0-9]*% of its" "$TMP/out" ||
	fail "no note on what pwrite completed: $(cat "$TMP/out")"
assert_no_leftovers "$D"
[ -z "$(ls -A "$D")" ] || fail "left in $D: $(ls -A "$D")"

command -v python3 >/dev/null || skip "python3 is not installed"
python3 - "$TMP/p.json" <<'PY' || fail "the profile's stonewall figures do not add up"
import json, sys
p = json.load(open(sys.argv[1]))
assert p["workload"]["stonewall_ns"] == 300000000
for res in p["results"]:
    for rd in res["rounds"]:
        files = rd["files"]
        assert rd["planned_bytes"] == 4 * 16 << 20
        assert 0 < rd["bytes"] < rd["planned_bytes"], rd["bytes"]
        # Only bytes written count, each file as far as it got.
        assert rd["bytes"] == sum(f["bytes"] for f in files)
        assert all(f["bytes"] % 4096 == 0 for f in files)
        assert rd["completed"] == rd["bytes"] / rd["planned_bytes"]
        # The wall falls 0.3 s after the start: the last close soon after.
        assert 0.25e9 < rd["elapsed_ns"] < 2e9, rd["elapsed_ns"]
        assert rd["bytes_per_sec"] == rd["bytes"] * 1e9 / rd["elapsed_ns"]
        # pwrite opens one file after another: the wall stops it in one.
        if res["engine"] == "pwrite":
            assert len(files) < 4, len(files)
PY

# A wall that never falls changes nothing: every byte, full share.
expect_status 0 "$FSCONC" --dir "$D" $SMALL --stonewall 60 --engine pwrite \
	--json "$TMP/q.json"
! grep -q "^note:   stonewall" "$TMP/out" || fail "a trial that finished has a stonewall note"
python3 - "$TMP/q.json" <<'PY' || fail "a finished trial is not whole"
import json, sys
rd = json.load(open(sys.argv[1]))["results"][0]["rounds"][0]
assert rd["bytes"] == rd["planned_bytes"] == 2 << 20 and rd["completed"] == 1
PY
assert_no_leftovers "$D"
