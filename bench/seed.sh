#!/bin/sh
# seed.sh - the seed study's experiments redone on this machine in one
# command, printed as a Markdown table laid out as the study's: case |
# sequential | concurrent | verdict | why (the verdict's reason, from
# the rules of fsconc(1), WHY).  Needs jq.
#
# The cases: pwrite against threads on a disk directory, on two volumes as
# a split set, on tmpfs, and on tmpfs with a pool of 2 threads; dd's new
# file against a replaced one; five dd's at once.
#
#   bench/seed.sh [DISK_DIR [SECOND_DIR]]
#
# DISK_DIR defaults to $TMPDIR or /tmp, SECOND_DIR (the split set's other
# volume) to /var/tmp; tmpfs is /dev/shm.  The workload is the study's,
# 5 files x 256 MiB in 1 MiB writes, 5 rounds after a warm-up: about 20 GB
# written.  Buffered, as the study wrote: fsconc's warnings, under the
# table, say when that measured the page cache rather than the device.  Environment: SIZE (per file, e.g. SIZE=64M for a
# quick look), ROUNDS, OUT (keep each case's result profile and output in
# that directory), FSCONC (the binary).
set -eu
fsconc=${FSCONC:-$(dirname "$0")/../src/fsconc}
disk=${1:-${TMPDIR:-/tmp}}
second=${2:-/var/tmp}
shm=/dev/shm
size=${SIZE:-256M}
rounds=${ROUNDS:-5}
command -v jq >/dev/null || { echo "seed.sh: needs jq (apt-get install jq)" >&2; exit 2; }
if [ -n "${OUT:-}" ]; then
	mkdir -p "$OUT"
	out=$OUT
else
	out=$(mktemp -d)
	trap 'rm -rf "$out"' EXIT
fi

# Each case is one fsconc run with its flags on one line, below (the dd
# case is two, new files and replaced ones; five dd's at once is read from
# the disk case's files); the rest of the script only reads the result
# profiles.
run() {	# NAME FSCONC-ARG...
	_n=$1; shift
	echo "seed.sh: $_n: fsconc $*" >&2
	# After the case's flags, so that they override what a case takes
	# from elsewhere (a workload profile, say).
	"$fsconc" "$@" --rounds "$rounds" --iec --json "$out/$_n.json" \
		>"$out/$_n.txt" 2>&1 || {
		cat "$out/$_n.txt" >&2
		echo "seed.sh: case $_n failed (its output is above)" >&2
		exit 1
	}
}

# --- figures from a profile ---

# fig NAME SET ENGINE FIELD: a median of the trial, FIELD one of elapsed
# (seconds), rate and file (MB/s, 10^6 bytes, as dd prints them).
fig() {
	jq -r --argjson s "$2" --arg e "$3" --arg f "$4" '
		def median: sort | if length % 2 == 1 then .[length / 2 | floor]
			else (.[length / 2 - 1] + .[length / 2]) / 2 end;
		.results[] | select(.set == $s and .engine == $e) |
		if $f == "elapsed" then [.rounds[].elapsed_ns] | median / 1e9
		elif $f == "rate" then .summary.bytes_per_sec.median / 1e6
		else .summary.file_bytes_per_sec.median / 1e6 end' \
		"$out/$1.json" | num
}

# Four significant digits or so, as the table and dd print them.
num() { awk '{ printf($1 >= 100 ? "%.0f\n" : $1 >= 10 ? "%.1f\n" : $1 >= 1 ? "%.2f\n" : "%.3f\n", $1) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

jobs_of() {
	jq -r --argjson s "$2" '[.results[] | select(.set == $s and
		.engine == "threads") | .jobs][0]' "$out/$1.json"
}

# The verdict, without the set's name: "equivalent: threads×5 is 1.00×
# pwrite [0.98–1.02]".
verdict() {
	jq -r --argjson s "$2" '. as $p | .verdicts[] | select(.set == $s) |
		. as $v | $p.results[] | select(.set == $s and
			.engine == $v.engine and .jobs == $v.jobs) |
		"\($v.verdict)\t\($v.engine)\t\($v.jobs)\t" +
		"\($v.speedup.value)\t\($v.speedup.low)\t" +
		"\($v.speedup.high)"' "$out/$1.json" |
	awk -F '\t' '{ printf "%s: %s×%s is %.2f× pwrite [%.2f–%.2f]\n",
		$1, $2, $3, $4, $5, $6 }'
}

# The verdict's reason (fsconc(1), WHY): "concurrency cannot help: vda
# was already 97% busy writing one file at a time", or "no rule explains
# it".
why() {
	jq -r --argjson s "$2" '.verdicts[] | select(.set == $s) |
		.why.text // "no verdict"' "$out/$1.json"
}

# The split set is the one after each directory's own.
split_set() { jq -r '[.results[] | select(.split) | .set][0]' "$out/$1.json"; }

cell() { echo "$(fig "$1" "$2" "$3" elapsed) s, $(fig "$1" "$2" "$3" rate) MB/s"; }

# row NAME SET CASE: sequential, concurrent, verdict and why of one set.
row() {
	echo "| $3 | $(cell "$1" "$2" pwrite) | $(cell "$1" "$2" threads) (×$(jobs_of "$1" "$2")) | $(verdict "$1" "$2") | $(why "$1" "$2") |"
}

# --- the cases: one line each ---
run disk  --dir "$disk" --files 5 --size "$size" --block-size 1M --engine pwrite,threads
run split --dir "$disk" --dir "$second" --files 5 --size "$size" --block-size 1M --engine pwrite,threads
run tmpfs --dir "$shm" --files 5 --size "$size" --block-size 1M --engine pwrite,threads
run pool2 --profile seed-pool2 --dir "$shm" --size "$size" --jobs 2
run ddnew --profile seed-dd-new --dir "$disk" --size "$size"
run ddold --profile seed-dd-truncate --dir "$disk" --size "$size"

# --- the table ---
fs() { jq -r ".targets[$2].fstype" "$out/$1.json"; }
s=$(split_set split)
new=$(fig ddnew 0 pwrite file)
old=$(fig ddold 0 pwrite file)
agg=$(fig disk 0 threads rate)
each=$(fig disk 0 threads file)
j=$(jobs_of disk 0)
cat <<EOF
fsconc $(jq -r .fsconc_version "$out/disk.json") on $(jq -r '.host | "\(.cpu_model), \(.cores) cores, \(.memory_bytes / 1073741824 | round) GiB, \(.kernel)"' "$out/disk.json"):
5 files × $size, 1 MiB writes, $rounds rounds after a warm-up; medians; MB/s = 10^6 bytes/s.

| case | sequential | concurrent | verdict | why |
|---|---|---|---|---|
$(row disk 0 "\`$disk\` ($(fs disk 0)), 5 × $size")
$(row split "$s" "split over \`$disk\` + \`$second\` ($(fs split 0) + $(fs split 1))")
$(row tmpfs 0 "tmpfs \`$shm\`")
$(row pool2 0 "tmpfs, pool of 2 threads")
| dd, new file vs replaced (\`--mode create\` vs \`truncate\`) | new $new MB/s, replaced $old MB/s | | replacing runs at $(ratio "$old" "$new")× the rate of creating | |
| dd ×$j in parallel on disk (threads×$j, each file) | | each $each MB/s, together $agg MB/s | each file gets $(ratio "$each" "$agg") of the aggregate (1/$j = $(ratio 1 "$j")) | |
EOF

# What fsconc warned about, once each: these say what a figure measured.
notes=$(for n in disk split tmpfs pool2 ddnew ddold; do
	jq -r '.warnings[].message' "$out/$n.json"
done | sort -u)
if [ -n "$notes" ]; then
	echo
	echo "$notes" | sed 's/^/- /'
fi
