#!/bin/sh
# memory.sh - fsconc's peak RSS while writing 2 x 1 GiB: buffers are
# block-sized, never file-sized, so it must stay far under 64 MiB.
#
#   bench/memory.sh [DIR]       (default /dev/shm)
set -eu
dir=${1:-/dev/shm}
fsconc=${FSCONC:-$(dirname "$0")/../src/fsconc}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for engine in pwrite threads; do
	/usr/bin/time -f '%M' -o "$out" "$fsconc" --dir "$dir" --engine "$engine" \
		--files 2 --size 1G --block-size 1M --rounds 1 --warmup 0 --quiet
	echo "$engine: peak RSS $(cat "$out") KiB (limit 65536 KiB)"
done
