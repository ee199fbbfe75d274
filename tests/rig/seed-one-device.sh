#!/bin/sh
# seed-one-device.sh - the seed study's disk finding on a device throttled
# to R: J files at once are no faster than one after another, and each
# gets R/J, as the study's five parallel dd's each got a fifth.
. "$(dirname "$0")/rig.sh"

rig_start
R=$((25 * 1048576))
J=5
D=$(rig_dev a 128 $R)

# 5 files x 16 MiB: 3.2 s per trial at R, whichever engine.  The
# throttle grants R x 0.1 s = 2.5 MiB at the start of each 100 ms slice,
# and with 512 KiB writes that is one write for each of the J files: each
# writer has its next write queued when the slice opens, so the throttle
# serves the files in turn.  With smaller writes, the writes of a slice go
# to whichever writers the CPU scheduler wakes first, and one file can
# finish half again as fast as another, consistently: a race for the
# slice, not a share of the device.  Rounds: the default --rounds auto,
# until the verdict is decisive, within 60 s.
rig_fsconc --dir "$D" --direct --engine pwrite,threads --files $J --size 16M --block-size 512K \
	--budget 60s --warmup 0 --iec --json "$TMP/p.json" >"$TMP/out" 2>&1 ||
	{ cat "$TMP/out" >&2; fail "fsconc on the rig failed"; }
cat "$TMP/out"

v=$(jq -r '.verdicts[0].verdict' "$TMP/p.json")
[ "$v" = "equivalent" ] ||
	fail "threads x$J on one device throttled to $(mib $R) MiB/s: verdict '$v', expected 'equivalent'"
jq -r '.results[] | select(.engine == "threads") | .summary.speedup.value' \
	"$TMP/p.json" >"$TMP/speedup"
# Not faster: at most the verdict rule's 1.10 (and not absurdly slower).
awk -v s="$(cat "$TMP/speedup")" 'BEGIN { exit !(s <= 1.10 && s >= 0.8) }' ||
	fail "threads x$J is $(cat "$TMP/speedup") x pwrite on one throttled device"

# Each file's rate is its share of R: R over the number of files that were
# being written, on average, while it was (J when they all start and end
# together; fewer when the machine is busy and a writer thread starts
# late).  Two things of the throttle's move a file off its share: the
# first slice's worth (R x 0.1 s) goes at once, to whichever writers start
# first, and the files end on a slice's boundary.  So each file is within
# (R x 0.1 s) / 16 MiB + 0.1 s / 3.2 s = 19 % of its share, checked at
# 30 % as a busy machine's writer can miss a slice or two; and the median
# file of each round within 10 %.
jq -r '.results[] | select(.engine == "threads") | .rounds | to_entries[] |
	(.key + 1) as $r | .value.files as $f | $f | to_entries[] |
	.value as $i | (([$f[] | [([.end_ns, $i.end_ns] | min) -
		([.start_ns, $i.start_ns] | max), 0] | max] | add) /
		($i.end_ns - $i.start_ns)) as $j |
	"\($r) \(.key) \($i.bytes_per_sec) \($j * 100 | round / 100)"' \
	"$TMP/p.json" >"$TMP/files"
while read -r r f v j; do
	within "$v" "$(awk -v r=$R -v j="$j" 'BEGIN { print r / j }')" 30 \
		"threads x$J, round $r, file $f (R/$j)"
done <"$TMP/files"
for r in 1 2 3; do
	awk -v r=$r '$1 == r { print $3 * $4 }' "$TMP/files" | sort -n |
		sed -n "$(((J + 1) / 2))p" >"$TMP/median"
	within "$(cat "$TMP/median")" $R 10 "threads x$J, round $r, median file x its sharers"
done
