#!/bin/sh
# straggler.sh - an unequal pair: one device whose writes the cgroup may
# make at 16 MiB/s, one at 64 MiB/s, split.  The files on the slow one
# are the trial's stragglers: the slowest file is there, its round's tail
# is held by it, and the report says so (fsconc(1), STRAGGLERS).
. "$(dirname "$0")/rig.sh"

rig_start
A=$(rig_dev slow 128 $((16 * 1048576)))
B=$(rig_dev fast 128 $((64 * 1048576)))

# 2 files x 16 MiB, direct, two writers: one file on each device; the
# slow one's takes a second, the fast one's a quarter of it, and the
# last three quarters are the slow file's alone.
rig_fsconc --dir "$A" --dir "$B" --direct --engine pwrite,threads \
	--jobs 2 --files 2 --size 16M --block-size 512K --warmup 0 --iec \
	--rounds 3 --json "$TMP/p.json" >"$TMP/out" 2>&1 ||
	{ cat "$TMP/out" >&2; fail "fsconc on the rig failed"; }
cat "$TMP/out"

split='.results[] | select(.split and .engine == "threads")'
slow=$(jq -c "$split | .summary.stragglers.slowest" "$TMP/p.json")
echo "slowest: $slow"
dir=$(jq -r "$split | .summary.stragglers.slowest.dir" "$TMP/p.json")
held=$(jq -r "$split | .summary.stragglers.slowest.tail_dir" "$TMP/p.json")
straggled=$(jq -r "$split | .summary.stragglers.slowest.straggled" "$TMP/p.json")
if [ "$dir" != "$A" ] || [ "$held" != "$A" ] || [ "$straggled" != true ]; then
	[ "${RIG_BUSY:-0}" -lt "$RIG_BUSY_MAX" ] ||
		skip "the straggler is not where expected ($slow), but tasks waited for a CPU during $RIG_BUSY % of the run (PSI): too busy for the rig to be a reference"
	fail "split over a slow and a fast device: expected a straggler in $A holding the tail, got $slow"
fi
tr '\n' ' ' <"$TMP/out" | grep -q "threads×2: a file straggled: s2\.threads\.j2\.0* in $A" ||
	fail "the report does not name the straggler in $A"
tr '\n' ' ' <"$TMP/out" | grep -q "$A held that tail" ||
	fail "the report does not say $A held the tail"
