#!/bin/sh
# sweep.sh - a --jobs sweep of 4 levels or more gets a USL model per
# (target set, engine): a "model:" line in the report and an entry in the
# profile's models; fewer levels get none.
. "$(dirname "$0")/setup.sh"

command -v python3 >/dev/null || skip "python3 is not installed"
mkdir "$TMP/d"
run="$FSCONC --dir $TMP/d --files 4 --size 1M --block-size 64K --warmup 0"

expect_status 0 $run --rounds 2 --engine pwrite,threads --jobs 1,2,3,4 \
	--json "$TMP/sweep.json"
grep -q "^model: threads on $TMP/d: " "$TMP/out" ||
	fail "no model line for the threads sweep"
! grep -q "^model: pwrite" "$TMP/out" || fail "pwrite has one level, no model"
python3 - "$TMP/sweep.json" "$TMP/d" <<'PY' || fail "models of the profile"
import json, sys
p = json.load(open(sys.argv[1]))
m = p["models"]
assert len(m) == 1, m
m = m[0]
assert m["engine"] == "threads" and m["targets"] == [sys.argv[2]], m
assert m["levels"] == 4 and m["max_jobs"] == 4 and m["basis"] == "median", m
u = m["usl"]
if m["refused"] is None:
    assert u["gamma"] > 0 and u["alpha"] >= 0 and u["beta"] >= 0, u
    assert u["r2"] is not None, u
    assert u["peak_jobs"] is None or u["peak_jobs"] >= 1, u
else:
    assert u["gamma"] is None and u["alpha"] is None, u
    assert m["refused"] in m["text"], m
PY

# Three levels: no model.
expect_status 0 $run --rounds 1 --engine threads --jobs 1,2,4 \
	--json "$TMP/three.json"
! grep -q "^model:" "$TMP/out" || fail "a model from 3 levels"
python3 -c 'import json, sys; assert json.load(open(sys.argv[1]))["models"] == []' \
	"$TMP/three.json" || fail "models should be empty for 3 levels"

# --quiet prints verdicts only.
expect_status 0 $run --rounds 1 --engine threads --jobs 1,2,3,4 --quiet
! grep -q "^model:" "$TMP/out" || fail "--quiet printed a model"
assert_no_leftovers "$TMP/d"
