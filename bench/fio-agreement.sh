#!/bin/sh
# fio-agreement.sh - does fsconc's aggregate throughput agree with fio's
# group bandwidth?  The same writes by fio and by fsconc, engine by engine,
# interleaved; prints both series, both medians and the ratio.  Needs jq.
#
# The workload: 4 new files of 64 MiB written with 1 MiB blocks, with
# O_DIRECT too when DIRECT=1.  For each engine, fio and fsconc run in turn
# (fio, fsconc, fio, ...), PAIRS pairs after one warm-up pair, each run on
# files that do not exist yet: on tmpfs the first touch of fresh memory is
# part of what a write costs, so fio's files are removed after every run as
# fsconc removes its own.  ENGINES picks engines (default: all five).
#
#   bench/fio-agreement.sh [DIR] [PAIRS]     (default /dev/shm, 5)
#   DIRECT=1 bench/fio-agreement.sh /var/tmp 5
#   VERIFY=1 bench/fio-agreement.sh          (fsconc --verify, see below)
#   SIZE=256M bench/fio-agreement.sh         (bytes per file, default 64M)
#
# fio's form of each engine, and where it differs from fsconc's:
#   pwrite    psync, one job, the files one after another (openfiles=1,
#             file_service_type=sequential): open, pwrite, close, next.
#   threads   psync, numjobs=J threads, one file each.  fio's group
#             bandwidth is all bytes over the longest job's own runtime;
#             fsconc's is all bytes over the span from the first open to
#             the last close, which also covers the jobs' staggered starts.
#   posixaio, libaio, io_uring
#             one job with the J files open (nrfiles=J, round robin, one
#             write a file in turn) and iodepth=J*Q: at most J*Q writes in
#             flight in all, as in fsconc, but fio does not hold each file
#             to Q of them.  fio submits each write as it is queued
#             (iodepth_batch=1); fsconc submits what is queued in one call.
# Everywhere create_on_open=1 and fallocate=none: by default fio creates
# and fallocate()s every file before its clock starts, which on tmpfs
# takes the fresh memory out of the timed writes, and on ext4 turns
# appending writes into overwrites of allocated blocks.  fio's runtime is
# in whole milliseconds, rounded up (about 1 % low on a 50 ms run), and a
# job that finds fio's statistics lock taken sleeps 1 ms on its clock.
#
# Both write each write in flight from a buffer of its own: 1 MiB for
# pwrite, J MiB for threads, J*Q MiB for the asynchronous engines.  (When
# fsconc wrote every write from one block, which stays in the CPU's cache,
# it read 1.4 to 1.7 times fio for the asynchronous engines on tmpfs.)
# VERIFY=1 runs fsconc with --verify: its stamps cost a little, its
# read-back is not timed.
set -eu
dir=${1:-/dev/shm}
pairs=${2:-5}
fsconc=${FSCONC:-$(dirname "$0")/../src/fsconc}
engines=${ENGINES:-pwrite threads posixaio libaio io_uring}
j=4		# files, and files in flight
q=4		# writes in flight per file (fsconc --iodepth)
size=${SIZE:-64M}	# per file
bs=1M
fsconc_flags="" fio_direct=0 what=""
if [ "${DIRECT:-0}" = 1 ]; then
	fsconc_flags=" --direct" fio_direct=1 what=", O_DIRECT"
fi
if [ "${VERIFY:-0}" = 1 ]; then
	fsconc_flags="$fsconc_flags --verify" what="$what, fsconc --verify"
fi
command -v fio >/dev/null || { echo "$0: fio not found" >&2; exit 1; }
command -v jq >/dev/null || { echo "$0: jq not found" >&2; exit 1; }
work=$(mktemp -d "$dir/fsconc-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

# fio's own arguments for fsconc's engine $1.
fio_form() {
	case $1 in
	pwrite) echo "--ioengine=psync --nrfiles=$j --openfiles=1 --file_service_type=sequential" ;;
	threads) echo "--ioengine=psync --numjobs=$j --nrfiles=1" ;;
	*) echo "--ioengine=$1 --nrfiles=$j --file_service_type=roundrobin --iodepth=$((j * q))" ;;
	esac
}

# MB/s of one fio run of engine $1: all bytes written over the group's
# runtime (ms), as fio's own group bandwidth.
fio_rate() {
	mkdir "$work/fio"
	# shellcheck disable=SC2046	# fio_form's words are split on purpose
	fio --name=w --directory="$work/fio" --rw=write --bs=$bs \
		--filesize="$size" --direct=$fio_direct --create_on_open=1 \
		--fallocate=none --thread --group_reporting \
		--output-format=json --output="$work/fio.json" $(fio_form "$1")
	rm -rf "$work/fio"
	jq -r '[.jobs[].write.io_bytes] as $b | [.jobs[].write.runtime] as $t |
		($b | add) / ($t | max) * 1000 / 1e6 | . * 10 | round / 10' \
		"$work/fio.json"
}

# MB/s of one fsconc round of engine $1 (results[].rounds[].bytes_per_sec).
fsconc_rate() {
	# shellcheck disable=SC2086	# fsconc_flags: none, one or two words
	"$fsconc" --dir "$work" --engine "$1" --jobs $j --files $j \
		--iodepth $q --size "$size" --block-size $bs --mode create \
		--rounds 1 --warmup 0 --quiet $fsconc_flags \
		--json "$work/fsconc.json" >/dev/null
	jq -r --arg e "$1" '.results[] | select(.engine == $e) |
		.rounds[].bytes_per_sec / 1e6 | . * 10 | round / 10' \
		"$work/fsconc.json"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

available() {
	"$fsconc" --list-engines |
		awk -v e="$1" '$1 == e { getline; ok = ($1 == "available") } END { exit !ok }'
}

echo "fio-agreement: $j files x $size, $bs blocks, iodepth $q, on $dir$what; MB/s"
: >"$work/summary.txt"
for e in $engines; do
	if ! available "$e"; then
		echo "$e: skipped, fsconc cannot run it here"
		continue
	fi
	fio_rate "$e" >/dev/null; fsconc_rate "$e" >/dev/null	# warm-up pair
	: >"$work/fio.txt"; : >"$work/fsconc.txt"
	i=0
	while [ $i -lt "$pairs" ]; do
		fio_rate "$e" >>"$work/fio.txt"
		fsconc_rate "$e" >>"$work/fsconc.txt"
		i=$((i + 1))
	done
	fm=$(median <"$work/fio.txt")
	cm=$(median <"$work/fsconc.txt")
	echo "$e ($(fio_form "$e" | sed 's/--//g'))"
	echo "  fio    MB/s: $(tr '\n' ' ' <"$work/fio.txt")-> median $fm"
	echo "  fsconc MB/s: $(tr '\n' ' ' <"$work/fsconc.txt")-> median $cm"
	awk -v c="$cm" -v f="$fm" 'BEGIN { printf "  fsconc / fio = %.3f\n", c / f }'
	awk -v e="$e" -v c="$cm" -v f="$fm" \
		'BEGIN { printf "%-9s %10.1f %11.1f %10.3f\n", e, f, c, c / f }' >>"$work/summary.txt"
done
echo "engine      fio MB/s fsconc MB/s fsconc/fio"
cat "$work/summary.txt"
