#!/bin/sh
# accuracy-buffered.sh - buffered with --fsync end, on a device throttled
# to R, every engine's aggregate throughput is within 15 % of R in every
# round, and so is each file's rate when pwrite writes them in turn.

# The fsync is what makes the data reach the device inside the timed part,
# from fsconc's own thread, where the throttle sees it; the page cache adds
# the copy before it, and the writeback's own pace: hence 15 %.
. "$(dirname "$0")/rig.sh"

rig_start
R=$((32 * 1048576))
# Twice the 64 MiB a trial leaves dirty must be free: see rig.sh.
D=$(rig_dev a 256 $R)

# 2 files x 32 MiB: 2 s per trial at R, twenty slices of the throttle, so
# that what it lets through early (up to a slice, plus the idle time
# between two trials when that is shorter than two slices) stays within
# 15 % even when a busy machine stretches the pause between trials.
c0=$(rig_charged "$D")
rig_watch_dirty
rig_fsconc --dir "$D" --fsync end --engine all --files 2 --size 32M \
	--rounds 2 --warmup 0 --iec --json "$TMP/p.json" >"$TMP/out" 2>&1 ||
	{ cat "$TMP/out" >&2; fail "fsconc --fsync end on the rig failed"; }
c1=$(rig_charged "$D")
peak=$(rig_dirty_peak)
cat "$TMP/out"
# Every byte went through the throttle: engines x 2 rounds x 64 MiB.  If
# the machine's dirty pages passed the background threshold meanwhile, the
# flusher may have taken some: then there is nothing to check.
n=$(jq '.results | length' "$TMP/p.json")
if [ "$((c1 - c0))" -lt $((n * 2 * 64 * 1048576)) ]; then
	[ "${peak:-0}" -lt 100 ] ||
		skip "the machine's dirty pages reached $peak % of the background threshold during the run: the flusher, which cgroup v1 does not throttle, wrote back some of fsconc's data ($((c1 - c0)) of $((n * 2 * 64 * 1048576)) bytes seen by the throttle)"
	fail "the throttle saw $((c1 - c0)) bytes, fsconc wrote $((n * 2 * 64)) MiB"
fi

rig_rates "$TMP/p.json" $R 15
