#!/bin/sh
# dd-agreement.sh - does fsconc's per-file figure agree with dd's?
# One 256 MiB file written with 1 MiB blocks into a fresh file on DIR, by
# GNU dd and by fsconc's pwrite engine, interleaved (dd, fsconc, dd, ...),
# PAIRS pairs after one warm-up pair.  Prints both medians and the ratio.
#
#   bench/dd-agreement.sh [DIR] [PAIRS]      (default /dev/shm, 5)
set -eu
dir=${1:-/dev/shm}
pairs=${2:-5}
fsconc=${FSCONC:-$(dirname "$0")/../src/fsconc}
work=$(mktemp -d "$dir/fsconc-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# MB/s from dd's last line ("... copied, 0.289604 s, 927 MB/s"), recomputed
# from bytes and seconds so units never matter.
dd_rate() {
	dd if=/dev/zero of="$work/dd" bs=1M count=256 2>&1 >/dev/null |
		awk '/copied/ { for (i = 1; i <= NF; i++) if ($i == "s,") s = $(i-1);
			printf "%.1f\n", $1 / s / 1e6 }'
	rm -f "$work/dd"
}

fsconc_rate() {
	"$fsconc" --dir "$work" --engine pwrite --files 1 --size 256M \
		--block-size 1M --mode create --rounds 1 --warmup 0 --dd |
		awk '/copied/ { for (i = 1; i <= NF; i++) if ($i == "s,") s = $(i-1);
			printf "%.1f\n", $1 / s / 1e6 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

dd_rate >/dev/null; fsconc_rate >/dev/null	# warm-up pair
: >"$work/dd.txt"; : >"$work/fsconc.txt"
i=0
while [ $i -lt "$pairs" ]; do
	dd_rate >>"$work/dd.txt"
	fsconc_rate >>"$work/fsconc.txt"
	i=$((i + 1))
done
d=$(median <"$work/dd.txt")
f=$(median <"$work/fsconc.txt")
echo "dd     MB/s: $(tr '\n' ' ' <"$work/dd.txt")-> median $d"
echo "fsconc MB/s: $(tr '\n' ' ' <"$work/fsconc.txt")-> median $f"
awk -v f="$f" -v d="$d" 'BEGIN { printf "fsconc / dd = %.3f (want >= 0.90)\n", f / d }'
