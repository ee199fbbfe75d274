#!/bin/sh
# why.sh - where the truth is known, the verdict names it: on one device
# whose writes the cgroup may make at 32 MiB/s, pwrite already takes all
# of it, so the reason is the device (its limit); on tmpfs, which has no
# device, the reason is never the device.
. "$(dirname "$0")/rig.sh"

rig_start
R=$((32 * 1048576))
A=$(rig_dev a 128 $R)

# 4 files x 8 MiB in 512 KiB writes, direct (so the throttle paces every
# write): 1 s a trial.
rig_fsconc --dir "$A" --direct --engine pwrite,threads --jobs 4 \
	--files 4 --size 8M --block-size 512K --warmup 0 --iec --rounds 3 \
	--json "$TMP/p.json" >"$TMP/out" 2>&1 ||
	{ cat "$TMP/out" >&2; fail "fsconc on the rig failed"; }
cat "$TMP/out"

jq -e '.verdicts | length == 1' "$TMP/p.json" >/dev/null ||
	fail "expected one verdict: $(jq -c .verdicts "$TMP/p.json")"
# Every round saw the disk's limit, and pwrite wrote at it.
jq -e --argjson r $R '[.results[].rounds[].devices[] |
	.cap_bytes_per_sec == $r] | (length > 0 and all)' "$TMP/p.json" \
	>/dev/null || fail "the disk's limit was not seen: $(jq -c '[.results[].rounds[].devices]' "$TMP/p.json")"
rule=$(jq -r '.verdicts[0].why.rule' "$TMP/p.json")
if [ "$rule" != device ]; then
	[ "${RIG_BUSY:-0}" -lt "$RIG_BUSY_MAX" ] ||
		skip "reason $rule, but tasks waited for a CPU during $RIG_BUSY % of the run (PSI): the machine is too busy for the rig to be a reference"
	fail "one throttled device: reason $rule, expected device: $(jq -c '.verdicts[0] | [.text, .why]' "$TMP/p.json")"
fi
grep -q "^device: pwrite loop[0-9]* [0-9]*% busy, [0-9.]* MiB/s of 32.0 MiB/s allowed" "$TMP/out" ||
	fail "the device line lacks the limit: $(grep '^device' "$TMP/out")"
grep -q "because concurrency cannot help: fsconc's cgroup may write 32.0 MiB/s to loop[0-9]*, and one file at a time already wrote" "$TMP/out" ||
	fail "the verdict line lacks the reason: $(grep -A3 '^verdict' "$TMP/out")"

# tmpfs, in the same cgroup: no device, so never the device's reason.
[ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] ||
	skip "no tmpfs at /dev/shm"
S=$(mktemp -d /dev/shm/fsconc-rig-why.XXXXXX)
rm_shm() { rm -rf "$S"; }
at_exit rm_shm
rig_fsconc --dir "$S" --engine pwrite,threads --jobs 2 --files 4 \
	--size 8M --block-size 512K --warmup 0 --rounds 3 \
	--json "$TMP/s.json" >"$TMP/out" 2>&1 ||
	{ cat "$TMP/out" >&2; fail "fsconc on tmpfs failed"; }
jq -e '.verdicts[0].why | .rule != "device" and .rule != "memory" and
	.figures.disk == null' "$TMP/s.json" >/dev/null ||
	fail "tmpfs: $(jq -c '.verdicts[0].why' "$TMP/s.json")"
echo "ok: tmpfs: $(jq -r '.verdicts[0].why.text' "$TMP/s.json")"
