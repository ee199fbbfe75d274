#!/bin/sh
# verdict-stability.sh - run the same fsconc command N times in a row and
# print each run's verdicts, then, per target set, the share of runs that
# agree with the most common verdict, how many were inconclusive, and
# whether two decisive verdicts (helps, equivalent, hurts) contradict each
# other.  Needs jq.
#
#   bench/verdict-stability.sh [-n N] [FSCONC-ARG...]
#
# N defaults to 5.  The arguments go to fsconc as they are, with --json
# added; without any, fsconc's default run.  Examples:
#
#   bench/verdict-stability.sh --dir /dev/shm/x --files 4 --size 32M \
#       --engine pwrite,threads --jobs 4
#   bench/verdict-stability.sh -n 5 --dir /srv --fsync end \
#       --engine pwrite,threads
#
# Environment: FSCONC (the binary), OUT (keep each run's profile and output
# in that directory).  Exit status: 0 when no two decisive verdicts of a
# set contradict each other, 1 when some do, 2 on a failed run or bad use.
set -eu
fsconc=${FSCONC:-$(dirname "$0")/../src/fsconc}
n=5
if [ "${1:-}" = -n ]; then
	[ $# -ge 2 ] || { echo "verdict-stability.sh: -n needs a count" >&2; exit 2; }
	n=$2
	shift 2
fi
case $n in ''|*[!0-9]*|0) echo "verdict-stability.sh: -n '$n': expected a count of 1 or more" >&2; exit 2 ;; esac
command -v jq >/dev/null || { echo "verdict-stability.sh: needs jq (apt-get install jq)" >&2; exit 2; }
if [ -n "${OUT:-}" ]; then
	mkdir -p "$OUT"
	out=$OUT
else
	out=$(mktemp -d)
	trap 'rm -rf "$out"' EXIT
fi

echo "verdict-stability.sh: $n runs of: fsconc $*" >&2
i=1
while [ "$i" -le "$n" ]; do
	"$fsconc" "$@" --json "$out/$i.json" >"$out/$i.txt" 2>&1 || {
		cat "$out/$i.txt" >&2
		echo "verdict-stability.sh: run $i failed (its output is above)" >&2
		exit 2
	}
	# One line a set: run, set, verdict, trial, factor, low, high,
	# rounds, the targets.
	jq -r --argjson i "$i" '.verdicts[] | "\($i)\t\(.set)\t\(.verdict)\t" +
		"\(.engine)×\(.jobs)\t\(.speedup.value)\t\(.speedup.low)\t" +
		"\(.speedup.high)\t\(.rounds)\t\(.targets | join(" + "))"' \
		"$out/$i.json" >>"$out/verdicts"
	i=$((i + 1))
done
[ -s "$out/verdicts" ] || { echo "verdict-stability.sh: no run gave a verdict (no pwrite, or no concurrent trial?)" >&2; exit 2; }

echo "run  verdict       trial       factor  interval     rounds  set"
awk -F '\t' '{ printf "%3s  %-12s  %-10s  %5.2f×  [%.2f–%.2f]  %6s  %s\n",
	$1, $3, $4, $5, $6, $7, $8, $9 }' "$out/verdicts"
echo
# Per set: the most common verdict and its share, the inconclusive ones,
# and the decisive words seen.
awk -F '\t' -v n="$n" '
	{ count[$2 "\t" $3]++; sets[$2] = $9
	  if ($3 != "inconclusive") decisive[$2] = decisive[$2] " " $3 }
	END {
		bad = 0
		for (s in sets) {
			best = ""; top = 0
			for (k in count) {
				split(k, f, "\t")
				if (f[1] == s && count[k] > top) { top = count[k]; best = f[2] }
			}
			words = 0
			m = split(decisive[s], d, " ")
			for (j = 1; j <= m; j++) if (!((s, d[j]) in seen)) { seen[s, d[j]] = 1; words++ }
			say = words > 1 ? "decisive verdicts CONTRADICT each other" : "no contradiction"
			printf "%s: %d of %d runs agree (%s, %.0f%%), %d inconclusive, %s\n",
				sets[s], top, n, best, 100 * top / n,
				count[s "\tinconclusive"] + 0, say
			if (words > 1) bad = 1
		}
		exit bad
	}' "$out/verdicts"
