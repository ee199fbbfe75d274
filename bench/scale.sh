#!/bin/sh
# scale.sh - how fsconc scales with the number of files: for each count,
# one trial of that many files (pwrite, 1 round, no warm-up) on a tmpfs
# directory, of 4 KiB and of 0 bytes, and then fsconc report reading the
# profile back.  Prints files/s, fsconc's peak RSS, the profile's size,
# and the report's time and peak RSS, a row per run.  fsconc(1),
# MEASUREMENTS, says what a file's figures are.
#
#   bench/scale.sh [COUNT]...      (default: 10000 100000 1000000)
#
# Environment: FSCONC (the binary), DIR (a tmpfs directory to write in;
# default a new one under /dev/shm, removed at the end).  Needs
# /usr/bin/time (Debian: time) and jq.
set -eu
fsconc=${FSCONC:-$(dirname "$0")/../src/fsconc}
[ -x /usr/bin/time ] || { echo "scale.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
command -v jq >/dev/null || { echo "scale.sh: needs jq (apt-get install jq)" >&2; exit 2; }
[ $# -gt 0 ] || set -- 10000 100000 1000000
work=$(mktemp -d)
if [ -n "${DIR:-}" ]; then
	dir=$DIR
else
	dir=$(mktemp -d /dev/shm/fsconc-scale.XXXXXX)
fi
trap 'rm -rf "$work"; [ -n "${DIR:-}" ] || rm -rf "$dir"' EXIT

printf '%9s %6s %12s %10s %12s %10s %10s\n' files size "files/s" "RSS MiB" \
	"profile MB" "report s" "rep. MiB"
for n in "$@"; do
	for size in 4K 0; do
		/usr/bin/time -f '%M' -o "$work/rss" "$fsconc" --dir "$dir" \
			--files "$n" --size "$size" --block-size 4K \
			--engine pwrite --rounds 1 \
			--warmup 0 --no-ceiling -Q --json "$work/p.json" \
			>/dev/null 2>"$work/err" ||
			{ cat "$work/err" >&2; exit 1; }
		fps=$(jq '.results[0].summary.files_per_sec.median' "$work/p.json")
		/usr/bin/time -f '%e %M' -o "$work/rep" "$fsconc" report \
			"$work/p.json" >/dev/null 2>&1 || echo "? ?" >"$work/rep"
		read -r rs rm <"$work/rep"
		awk -v n="$n" -v size="$size" -v fps="$fps" \
			-v rss="$(cat "$work/rss")" -v bytes="$(stat -c %s "$work/p.json")" \
			-v rs="$rs" -v rm="$rm" 'BEGIN {
			printf "%9s %6s %12.0f %10.0f %12.1f %10s %10.0f\n", n, size,
				fps, rss / 1024, bytes / 1e6, rs, rm / 1024 }'

		rm -f "$work/p.json"
	done
done
