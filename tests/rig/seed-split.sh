#!/bin/sh
# seed-split.sh - the seed study's split volumes with --direct, on two
# devices throttled to R each: the concurrent engines reach 2R, pwrite
# stays at R (it writes to one device at a time).

# In the study both got faster on the split volumes, and by the same
# amount: the writes went to the page cache, and the kernel's flusher
# threads, one per device, wrote both back at once whoever had written
# the files.
. "$(dirname "$0")/rig.sh"

rig_start
R=$((32 * 1048576))
A=$(rig_dev a 128 $R)
B=$(rig_dev b 128 $R)

# 2 files x 32 MiB, one on each device in the split set: 2 s per trial on
# one device and for pwrite on the split set, 1 s for the engines that
# keep both devices busy.  fsconc also measures each directory alone: every
# engine there is R.  One round: each trial is long enough on its own.
rig_fsconc --dir "$A" --dir "$B" --direct --engine all --files 2 --size 32M \
	--rounds 1 --warmup 0 --iec --json "$TMP/p.json" >"$TMP/out" 2>&1 ||
	{ cat "$TMP/out" >&2; fail "fsconc on the split rig failed"; }
cat "$TMP/out"

jq -r '.results[] | .split as $s | .engine as $e | .jobs as $j |
	.rounds | to_entries[] |
	"\($s) \($e)x\($j) \(.key + 1) \(.value.bytes_per_sec)"' "$TMP/p.json" |
while read -r split e r v; do
	if [ "$split" = false ]; then
		within "$v" $R 10 "$e alone on one device, round $r"
	elif [ "$e" = pwritex1 ]; then
		within "$v" $R 10 "$e on the split set, round $r (one device at a time)"
	else
		within "$v" $((2 * R)) 15 "$e on the split set, round $r (both devices)"
	fi
done
