#!/bin/sh
# compare.sh - fsconc compare on synthetic profiles: a 20 % change is
# significant, a 1 % change is not, three rounds are too few; warnings
# for other hosts, targets and workloads; --json; exit 1 and 2.
. "$(dirname "$0")/setup.sh"
. "$(dirname "$0")/synth.sh"

synth_profile "$TMP/a.json" seed=1
synth_profile "$TMP/up20.json" seed=2 scale=1.2
synth_profile "$TMP/up1.json" seed=3 scale=1.01

expect_status 0 "$FSCONC" compare "$TMP/a.json" "$TMP/up20.json"
grep -q '^/data  threads×8 .* +[12][0-9]\.[0-9] %  0\.008  faster$' "$TMP/out" ||
	{ cat "$TMP/out" >&2; fail "20 % not flagged on threads×8"; }
grep -q '^9 trials compared: 9 faster, 0 slower, 0 without' "$TMP/out" ||
	fail "not every trial 20 % faster"
grep -q '^/data  pwrite ' "$TMP/out" || fail "pwrite should be labelled alone"
! grep -q '^warning:' "$TMP/out" || fail "a warning for the same host"

expect_status 0 "$FSCONC" compare "$TMP/up20.json" "$TMP/a.json"
grep -q '^9 trials compared: 0 faster, 9 slower' "$TMP/out" || fail "not slower"

expect_status 0 "$FSCONC" compare "$TMP/a.json" "$TMP/up1.json"
grep -q '^9 trials compared: 0 faster, 0 slower, 9 without a significant change' \
	"$TMP/out" || { cat "$TMP/out" >&2; fail "1 % flagged"; }
grep -q '^significant: Mann-Whitney U .* p < 0.05, and a change of 5 % or more' \
	"$TMP/out" || fail "the rule is not stated"

# Three rounds a side can never reach p < 0.05: said, not hidden.
synth_profile "$TMP/a3.json" rounds=3 seed=4
synth_profile "$TMP/b3.json" rounds=3 seed=5 scale=1.5
expect_status 0 "$FSCONC" compare "$TMP/a3.json" "$TMP/b3.json"
grep -q 'too few rounds$' "$TMP/out" || fail "3 rounds not called too few"
grep -q 'use --rounds 4 or more in both' "$TMP/out" || fail "no advice for 3 rounds"

# Fingerprints and workloads.
synth_profile "$TMP/other.json" host=elsewhere kernel=6.9 device=nvme0n1 fstype=xfs
expect_status 0 "$FSCONC" compare "$TMP/a.json" "$TMP/other.json"
grep -q '^warning: the hosts differ: hostname box vs elsewhere; kernel 6.1.0 vs 6.9$' \
	"$TMP/out" || fail "host difference not warned"
grep -q '^warning: target /data differs: fstype ext4 vs xfs; device sda vs nvme0n1; mount source /dev/sda vs /dev/nvme0n1$' \
	"$TMP/out" || fail "target difference not warned"
sed 's/"block_size": 1048576/"block_size": 65536/' "$TMP/a.json" >"$TMP/bs.json"
expect_status 0 "$FSCONC" compare "$TMP/a.json" "$TMP/bs.json"
grep -q '^warning: the workloads differ: block_size 1048576 vs 65536$' \
	"$TMP/out" || fail "workload difference not warned"

# Trials in one profile only are counted, not compared.
synth_profile "$TMP/few.json" levels=1,2 pwrite=no
expect_status 0 "$FSCONC" compare "$TMP/a.json" "$TMP/few.json"
grep -q '^2 trials compared' "$TMP/out" || fail "2 trials in common"
grep -q '^not compared: 7 trials only in A, 0 only in B$' "$TMP/out" ||
	fail "trials only in A not counted"

# --json FILE, and '-' with the text on stderr.
expect_status 0 "$FSCONC" compare "$TMP/a.json" "$TMP/up20.json" --json "$TMP/c.json"
grep -q '"schema": "fsconc-compare/1"' "$TMP/c.json" || fail "--json FILE"
expect_split 0 "$FSCONC" compare --json - "$TMP/a.json" "$TMP/up1.json"
grep -q '^9 trials compared' "$TMP/stderr" || fail "text not on stderr"
if command -v python3 >/dev/null; then
	python3 - "$TMP/c.json" "$TMP/stdout" <<'PY' || fail "--json content"
import json, sys
up = json.load(open(sys.argv[1]))
same = json.load(open(sys.argv[2]))
assert up["test"] == "mann-whitney-u", up["test"]
assert len(up["trials"]) == 9 and len(same["trials"]) == 9
for t in up["trials"]:
    assert t["significant"] and t["verdict"] == "faster", t
    assert 1.1 < t["ratio"] < 1.3 and t["exact"] and t["p_value"] < 0.05, t
for t in same["trials"]:
    assert not t["significant"] and abs(t["change"]) < 0.05, t
assert same["only_in_a"] == [] and same["only_in_b"] == []
PY
fi

# Nothing in common: exit 1.  Bad input: exit 2, nothing written.
synth_profile "$TMP/elsewhere.json" dir=/srv
expect_status 1 "$FSCONC" compare "$TMP/a.json" "$TMP/elsewhere.json"
grep -q 'no trial in common' "$TMP/out" || fail "exit 1 unexplained"
expect_status 2 "$FSCONC" compare "$TMP/a.json"
grep -q 'two result profiles' "$TMP/out" || fail "one profile accepted"
expect_status 2 "$FSCONC" compare "$TMP/a.json" "$TMP/nope.json"
grep -q 'nope.json: cannot read it' "$TMP/out" || fail "missing B"
expect_status 2 "$FSCONC" compare "$TMP/a.json" "$TMP/up1.json" --json "$TMP/no/c.json"
expect_status 2 "$FSCONC" compare "$TMP/a.json" "$TMP/up1.json" --json "$TMP"
[ ! -e "$TMP/no" ] || fail "a refused --json created something"
