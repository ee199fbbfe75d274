#!/bin/sh
# fio-parity.sh - is fsconc as fast as fio on the same work?  One file
# overwritten in place, iodepth 8, fio with its defaults for each engine,
# at 1 MiB blocks (256 MiB) and at 4 KiB blocks (64 MiB); prints, for
# each engine and block size, the median over the pairs of fsconc's rate
# over fio's, once per run.  Needs fio and jq.
#
#   bench/fio-parity.sh [DIR] [PAIRS] [RUNS]    (default /dev/shm, 11, 3)
#   ENGINES="io_uring" bench/fio-parity.sh /dev/shm 11 1
#   FSCONC_FLAGS="--uring-fixed-buffers" ENGINES=io_uring bench/fio-parity.sh
#   LOG=/tmp/parity.log bench/fio-parity.sh     (every pair's MB/s kept)
#   FRESH=1 bench/fio-parity.sh          (fio's file laid out anew each run)
#
# Each run interleaves the two (fio, fsconc, fio, ...), PAIRS pairs after
# one warm-up pair; a ratio from fewer than about 11 pairs swings widely
# on a shared or virtual machine, and one run's median is not enough:
# compare the RUNS figures.  Then, when pwrite ran, its rate at 1 MiB
# as a share of the hot copy rate on one core that fsconc measured.
#
# The workload, as both see it:
#   fio     one job, one file of SIZE kept for the whole run in DIR, so
#           each write overwrites pages already there; --rw=write, --bs,
#           --iodepth=8, --thread.  psync for pwrite and threads (one
#           job), the engine of the same name for the others, each with
#           fio's defaults (io_uring: one io_uring_enter per write).
#           Rate: bytes written over the job's runtime (whole ms).
#   fsconc  --files 1 --jobs 1 --mode overwrite --iodepth 8: the file is
#           made and synced before the clock starts, then overwritten.
#           Rate: the round's bytes_per_sec (first open to last close).
# Both write from a buffer of their own per write in flight.
set -eu
dir=${1:-/dev/shm}
pairs=${2:-11}
runs=${3:-3}
fsconc=${FSCONC:-$(dirname "$0")/../src/fsconc}
engines=${ENGINES:-pwrite threads posixaio libaio io_uring}
flags=${FSCONC_FLAGS:-}
q=8
command -v fio >/dev/null || { echo "$0: fio not found" >&2; exit 1; }
command -v jq >/dev/null || { echo "$0: jq not found" >&2; exit 1; }
work=$(mktemp -d "$dir/fsconc-parity.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

# fio's engine for fsconc's $1, and its depth (fio notes a depth above 1
# for a synchronous engine in its JSON output, breaking it).
fio_engine() {
	case $1 in
	pwrite|threads) echo "--ioengine=psync" ;;
	*) echo "--ioengine=$1 --iodepth=$q" ;;
	esac
}

# MB/s of one fio run: engine $1, block size $2, file size $3.  With
# FRESH=1 fio's file is removed first, so that fio lays it out anew
# before its clock starts, as fsconc makes its file before each trial:
# the first overwrite of pages just written also moves them to the
# active LRU list, which later overwrites do not pay.
fio_rate() {
	if [ "${FRESH:-0}" = 1 ]; then
		rm -f "$work/fio.dat"
	fi
	# shellcheck disable=SC2046	# fio_engine's words on purpose
	fio --name=w --filename="$work/fio.dat" --rw=write --bs="$2" \
		--size="$3" $(fio_engine "$1") \
		--thread --output-format=json --output="$work/fio.json"
	jq -r '.jobs[0].write | .io_bytes / .runtime * 1000 / 1e6' \
		"$work/fio.json"
}

# MB/s of one fsconc round: engine $1, block size $2, file size $3.
fsconc_rate() {
	# shellcheck disable=SC2086	# flags: words on purpose
	"$fsconc" --dir "$work" --engine "$1" --files 1 --jobs 1 \
		--iodepth $q --size "$3" --block-size "$2" --mode overwrite \
		--rounds 1 --warmup 0 --quiet $flags \
		--json "$work/fsconc.json" >/dev/null
	jq -r --arg e "$1" '.results[] | select(.engine == $e) |
		.rounds[].bytes_per_sec / 1e6' "$work/fsconc.json"
	jq -r '.host.ceiling.copy_1 // empty' "$work/fsconc.json" \
		>"$work/ceiling"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

available() {
	"$fsconc" --list-engines |
		awk -v e="$1" '$1 == e { getline; ok = ($1 == "available") } END { exit !ok }'
}

# The median of fsconc/fio over PAIRS interleaved pairs: engine $1,
# block size $2, file size $3; the series go to the log.
ratio() {
	rm -f "$work/fio.dat"
	fio_rate "$1" "$2" "$3" >/dev/null	# warm-up pair, lays out fio's file
	fsconc_rate "$1" "$2" "$3" >/dev/null
	: >"$work/ratios"
	i=0
	while [ $i -lt "$pairs" ]; do
		f=$(fio_rate "$1" "$2" "$3")
		c=$(fsconc_rate "$1" "$2" "$3")
		echo "$1 $2 fio $f fsconc $c" >>"$work/log"
		awk -v c="$c" -v f="$f" 'BEGIN { printf "%.4f\n", c / f }' \
			>>"$work/ratios"
		i=$((i + 1))
	done
	median <"$work/ratios"
}

echo "fio-parity: one file overwritten in place on $dir, iodepth $q, $pairs pairs" \
	"after a warm-up, $runs run(s)${flags:+, fsconc $flags}" \
	"$([ "${FRESH:-0}" = 1 ] && echo ", fio's file laid out anew each run")"
echo "median fsconc/fio per run (fio: psync for pwrite and threads)"
printf '%-10s %-24s %-24s\n' engine "1 MiB blocks (256 MiB)" "4 KiB blocks (64 MiB)"
: >"$work/log"
for e in $engines; do
	if ! available "$e"; then
		printf '%-10s skipped: fsconc cannot run it here\n' "$e"
		continue
	fi
	big="" small=""
	r=0
	while [ $r -lt "$runs" ]; do
		big="$big${big:+, }$(ratio "$e" 1M 256M | awk '{ printf "%.2f", $1 }')"
		small="$small${small:+, }$(ratio "$e" 4K 64M | awk '{ printf "%.2f", $1 }')"
		r=$((r + 1))
	done
	printf '%-10s %-24s %-24s\n' "$e" "$big" "$small"
done
# How close pwrite comes to the machine's limit: the median rate over
# every 1 MiB pair, fsconc's and fio's, as a share of the hot copy rate
# on one core that fsconc measured (fsconc(1), CEILING).
ceiling=$(cat "$work/ceiling" 2>/dev/null || :)
if [ -n "$ceiling" ] && grep -q '^pwrite 1M ' "$work/log"; then
	c=$(awk '$1 == "pwrite" && $2 == "1M" { print $6 }' "$work/log" | median)
	f=$(awk '$1 == "pwrite" && $2 == "1M" { print $4 }' "$work/log" | median)
	awk -v c="$c" -v f="$f" -v h="$ceiling" 'BEGIN {
		printf "pwrite, 1 MiB blocks, of the hot copy rate on one core " \
			"(%.1f GB/s): fsconc %.0f %% (%.2f GB/s), fio %.0f %% " \
			"(%.2f GB/s), medians of every pair\n", h / 1e9,
			100 * c * 1e6 / h, c / 1e3, 100 * f * 1e6 / h, f / 1e3 }'
fi
if [ -n "${LOG:-}" ]; then
	cp "$work/log" "$LOG"
fi
