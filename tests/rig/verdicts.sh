#!/bin/sh
# verdicts.sh - where the truth is known, the default run's verdict is
# decisive and right: on one throttled device threads write no faster than
# pwrite (equivalent); on two equal devices split, threads keep both busy
# and reach twice pwrite, which writes to one at a time (helps, about 2x).
. "$(dirname "$0")/rig.sh"

rig_start
R=$((32 * 1048576))
A=$(rig_dev a 128 $R)
B=$(rig_dev b 128 $R)

# 4 files x 8 MiB in 512 KiB writes, direct (so the throttle paces every
# write): 1 s per trial on one device and for pwrite on the split set,
# 0.5 s for threads x4 there: about 5 s a round.  The default --rounds
# auto: 3 rounds, then more until every verdict is decisive, within a
# budget of 90 s rather than the default 20 s (4 rounds).
rig_fsconc --dir "$A" --dir "$B" --direct --engine pwrite,threads --jobs 4 \
	--files 4 --size 8M --block-size 512K --warmup 0 --iec --budget 90s \
	--json "$TMP/p.json" >"$TMP/out" 2>&1 ||
	{ cat "$TMP/out" >&2; fail "fsconc on the rig failed"; }
cat "$TMP/out"

jq -e '.verdicts | length == 3' "$TMP/p.json" >/dev/null ||
	fail "expected a verdict for each device and one for the split set"
jq -r '.verdicts[] | "\(.targets | length) \(.verdict) \(.speedup.value) " +
	"\(.speedup.low) \(.speedup.high) \(.rounds)"' "$TMP/p.json" >"$TMP/v"
while read -r n v x lo hi r; do
	if [ "$n" = 1 ]; then
		want=equivalent truth=1
	else
		want=helps truth=2
	fi
	if [ "$v" != "$want" ]; then
		[ "${RIG_BUSY:-0}" -lt "$RIG_BUSY_MAX" ] ||
			skip "verdict $v on $n device(s), $x [$lo-$hi] over $r rounds, but tasks waited for a CPU during $RIG_BUSY % of the run (PSI): the machine is too busy for the rig to be a reference"
		fail "$n device(s): verdict $v, $x [$lo-$hi] over $r rounds; expected $want"
	fi
	# The throttle is not exact: threads get a few % more on one device
	# (each slice's first grant goes to writers already queued), and on
	# the split set pwrite gets more than R (a device idle while pwrite
	# writes to the other saves up part of a slice): 1.7x to 1.9x.
	near "$x" "$truth" 25 "threads x4 against pwrite on $n device(s) ($v over $r rounds)"
done <"$TMP/v"
jq -e '.workload.rounds_auto and .workload.rounds_stopped == "decisive"' \
	"$TMP/p.json" >/dev/null ||
	fail "the rounds did not stop on decisive verdicts: $(jq -c .workload "$TMP/p.json")"
