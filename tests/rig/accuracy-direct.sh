#!/bin/sh
# accuracy-direct.sh - with --direct, on a device throttled to R, every
# engine's aggregate throughput is within 10 % of R in every round, and so
# is each file's rate (dd's figure) when pwrite writes them in turn.
. "$(dirname "$0")/rig.sh"

rig_start
R=$((32 * 1048576))
D=$(rig_dev a 128 $R)

# 2 files x 32 MiB: 2 s per trial at R, twenty slices of the throttle, so
# that what it lets through early (up to a slice, plus the idle time
# between two trials when that is shorter than two slices) stays within
# 10 % even when a busy machine stretches the pause between trials.
c0=$(rig_charged "$D")
rig_fsconc --dir "$D" --direct --engine all --files 2 --size 32M \
	--rounds 2 --warmup 0 --iec --json "$TMP/p.json" >"$TMP/out" 2>&1 ||
	{ cat "$TMP/out" >&2; fail "fsconc --direct on the rig failed"; }
c1=$(rig_charged "$D")
cat "$TMP/out"
# Every byte went through the throttle: engines x 2 rounds x 64 MiB.
n=$(jq '.results | length' "$TMP/p.json")
[ "$((c1 - c0))" -ge $((n * 2 * 64 * 1048576)) ] ||
	fail "the throttle saw $((c1 - c0)) bytes, fsconc wrote $((n * 2 * 64)) MiB"
rig_rates "$TMP/p.json" $R 10
