#!/bin/sh
# why.sh - the figures behind a verdict: each round's disks under the
# target, as iostat computes them; none on a memory-backed target.
. "$(dirname "$0")/setup.sh"

command -v jq >/dev/null || skip "jq is not installed"
mkdir "$TMP/d"
w="--files 2 --size 4M --block-size 1M --warmup 0 --rounds 3"

# A target on a disk: every round names it, and with --fsync end the
# trial's bytes reached it while the trial ran.
expect_status 0 $FSCONC --dir "$TMP/d" $w --engine pwrite,threads \
	--fsync end --json "$TMP/p.json"
disk=$(jq -r '.targets[0].block_device.disk // empty' "$TMP/p.json")
if [ -n "$disk" ] && [ -r "/sys/block/${disk%%+*}/stat" ]; then
	jq -e --arg d "${disk%%+*}" '[.results[].rounds[] | .devices |
		any(.name == $d and .busy >= 0 and .busy <= 1 and
		    .in_flight >= 0)] | all' "$TMP/p.json" >/dev/null ||
		fail "rounds without $disk: $(jq -c '[.results[].rounds[].devices]' "$TMP/p.json")"
	case $(jq -r '.targets[0].fstype' "$TMP/p.json") in
	ext*|xfs)
		jq -e '[.results[].rounds[] | .bytes as $b |
			(.devices | map(.bytes) | add) >= $b * 0.9] | all' \
			"$TMP/p.json" >/dev/null ||
			fail "--fsync end, yet fewer bytes at the device than written: $(jq -c '[.results[].rounds[] | [.bytes, (.devices | map(.bytes))]]' "$TMP/p.json")"
		;;
	esac
	grep -q "^device: pwrite ${disk%%+*} [0-9]*% busy, " "$TMP/out" ||
		fail "no device line: $(cat "$TMP/out")"
else
	echo "no disk under $TMP: the disk figures are not checked"
fi

# The CPUs: what the writers could use (threads: one per job at most)
# and what fsconc kept busy; the machine's user and system time (null
# when the CPUs' clock did not tick during a short round).
jq -e '[.results[] | .jobs as $j | .engine as $e | .rounds[] |
	.cpus > 0 and ($e != "pwrite" or .cpus <= 1) and .cpus <= $j and
	.cpus_busy >= 0 and
	(.noise.user == null or (.noise.user >= 0 and .noise.user <= 1)) and
	(.noise.system == null or (.noise.system >= 0 and
				   .noise.system <= 1))] | all' "$TMP/p.json" \
	>/dev/null || fail "CPU figures: $(jq -c '[.results[].rounds[] | [.cpus, .cpus_busy, .noise]]' "$TMP/p.json")"
grep -Eq '^cpu: +pwrite [0-9.]+ of 1 CPU; threads[^ ]*2 [0-9.]+ of [12](\.[0-9]+)? CPUs?' "$TMP/out" ||
	fail "no cpu line: $(cat "$TMP/out")"

# Each verdict gives its reason: a rule and its figures, or none.
jq -e '.verdicts | length == 1' "$TMP/p.json" >/dev/null || fail "no verdict"
jq -e '.verdicts[0].why | (.rule | IN("device", "memory", "cpu",
	"submission", "noise", null)) and (.text | length > 0) and
	.figures.fsync == true and .figures.memory_backed == false and
	(.rule != "memory")' "$TMP/p.json" >/dev/null ||
	fail "why: $(jq -c '.verdicts[0].why' "$TMP/p.json")"
jq -e '.verdicts[0] | .why.text as $w | (.text | contains(", because " + $w)) or
	(.why.rule == "noise" and (.text | contains(", because the machine was busy: "))) or
	(.why.rule == null and (.text | contains("; no rule explains it")))' \
	"$TMP/p.json" >/dev/null ||
	fail "the verdict line lacks its reason: $(jq -c '.verdicts[0] | [.text, .why.text]' "$TMP/p.json")"

# tmpfs has no disk: no figures, no line.
[ -d /dev/shm ] && [ "$(stat -f -c %T /dev/shm)" = tmpfs ] ||
	skip "no tmpfs at /dev/shm"
S=$(mktemp -d /dev/shm/fsconc-why.XXXXXX)
rm_shm() { rm -rf "$S"; }
at_exit rm_shm
expect_status 0 $FSCONC --dir "$S" $w --engine pwrite,threads \
	--json "$TMP/s.json"
jq -e '[.results[].rounds[].devices == []] | all' "$TMP/s.json" >/dev/null ||
	fail "disks on tmpfs: $(jq -c '[.results[].rounds[].devices]' "$TMP/s.json")"
! grep -q '^device:' "$TMP/out" || fail "a device line on tmpfs"
# ... so neither a saturated disk nor the page cache can be the reason.
jq -e '.verdicts[0].why | .figures.memory_backed and
	(.rule | IN("device", "memory") | not)' "$TMP/s.json" >/dev/null ||
	fail "why on tmpfs: $(jq -c '.verdicts[0].why' "$TMP/s.json")"
