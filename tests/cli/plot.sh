#!/bin/sh
# plot.sh - fsconc plot draws a well-formed SVG with gnuplot (fsconc(1),
# PLOT): titled with the workload and host; a sweep with a series per
# (target set, engine), its USL curve, or why it has none, and each set's
# pwrite as a line; bars grouped by set without a sweep; odd characters
# in titles; a clear exit 1 without gnuplot; exit 2 for bad usage;
# nothing left behind.
. "$(dirname "$0")/setup.sh"
. "$(dirname "$0")/synth.sh"

mkdir "$TMP/tmp"
export TMPDIR="$TMP/tmp"
synth_profile "$TMP/sweep.json" "dir=/da'ta"
# A target named with a control character and XML's own.
sed "s|/da'ta|/da'ta\\\\u0007<\&>|g" "$TMP/sweep.json" >"$TMP/odd.json"
synth_profile "$TMP/single.json" levels=4
RUN="$top_srcdir/tests/data/run-split.json"

# Without gnuplot in PATH: exit 1, naming the package, no file.
expect_status 1 env PATH=/nonexistent "$FSCONC" plot "$TMP/sweep.json" -o "$TMP/none.svg"
grep -q 'gnuplot is not in PATH.*install gnuplot-nox' "$TMP/out" ||
	fail "missing gnuplot not explained"
[ ! -e "$TMP/none.svg" ] || fail "an SVG without gnuplot"

# Bad usage: exit 2.
expect_status 2 "$FSCONC" plot "$TMP/sweep.json"
grep -q -- '--output is required' "$TMP/out" || fail "no -o accepted"
expect_status 2 "$FSCONC" plot "$TMP/sweep.json" -o "$TMP/no/such/dir.svg"
expect_status 2 "$FSCONC" plot "$TMP/nope.json" -o "$TMP/x.svg"
[ ! -e "$TMP/x.svg" ] || fail "a refused plot wrote"

command -v gnuplot >/dev/null || skip "gnuplot is not installed (gnuplot-nox)"

# svg_keys FILE: check that FILE is well-formed XML, and write the key
# text of each series it plots to $TMP/keys, a line each.  gnuplot's SVG
# puts each element of the plot command in <g id="gnuplot_plot_N">, its
# key text the first text inside.
svg_keys() {
	if command -v python3 >/dev/null; then
		python3 - "$1" >"$TMP/keys" <<'EOF' || fail "$1: not well-formed XML"
import sys, xml.etree.ElementTree as E
ns = '{http://www.w3.org/2000/svg}'
for g in E.parse(sys.argv[1]).iter(ns + 'g'):
    if g.get('id', '').startswith('gnuplot_plot_'):
        print(next((t.text for t in g.iter(ns + 'text') if t.text), ''))
EOF
	else
		command -v xmllint >/dev/null ||
			skip "neither python3 nor xmllint to read the SVG"
		xmllint --noout "$1" || fail "$1: not well-formed XML"
		awk '/id="gnuplot_plot_[0-9]+"/ { g = 1 }
		     g && /<text>/ { sub(/.*<text>/, ""); sub(/<\/text>.*/, "");
				     gsub(/&lt;/, "<"); gsub(/&gt;/, ">");
				     gsub(/&amp;/, "\\&"); print; g = 0 }' \
			"$1" >"$TMP/keys"
	fi
}
# keys_count N PREFIX: N series keyed PREFIX...
keys_count() {
	got=$(grep -c -F -- "$2" "$TMP/keys" || true)
	[ "$got" -eq "$1" ] || { cat "$TMP/keys" >&2; fail "$got series '$2', not $1"; }
}

# A sweep: its series and USL curve, pwrite as a line, the workload and
# host in the title, the odd characters of the target quoted.
expect_status 0 "$FSCONC" plot "$TMP/odd.json" -o "$TMP/sweep.svg"
svg_keys "$TMP/sweep.svg"
[ "$(wc -l <"$TMP/keys")" -eq 3 ] || { cat "$TMP/keys" >&2; fail "not 3 series"; }
keys_count 1 "pwrite on /da'ta?<&> (ext4)"
keys_count 2 "threads on /da'ta?<&> (ext4)"
grep -q -F "threads on /da'ta?<&> (ext4), USL: γ = 1.0 GB/s per job" "$TMP/keys" ||
	fail "no USL curve"
grep -q -F '32 files × 4 MiB, block 1 MiB, create, fsync none — host box, kernel 6.1' \
	"$TMP/sweep.svg" || fail "sweep: no workload and host in the title"
grep -q -F 'whiskers: slowest to fastest round, a 93.7 % interval of the median' \
	"$TMP/sweep.svg" || fail "sweep: whiskers not explained"
grep -q 'fsconc-plot' "$TMP/sweep.svg" && fail "the file path in the plot"

# A saved run of 3 sets, pwrite, threads and io_uring at 2 and 4 jobs:
# every (set, engine) a series, too few levels for a model, said once.
expect_status 0 "$FSCONC" plot "$RUN" -o "$TMP/run.svg"
svg_keys "$TMP/run.svg"
[ "$(wc -l <"$TMP/keys")" -eq 9 ] || { cat "$TMP/keys" >&2; fail "run: not 9 series"; }
keys_count 3 "pwrite on /"
keys_count 3 "threads on /"
keys_count 3 "io_uring on /"
keys_count 6 ": no USL model"
keys_count 1 "io_uring on /dev/shm/fsconc-golden.1noWOc + /tmp/fsconc-golden.td8Y1e (tmpfs + ext4)"
grep -q -F '4 files × 1 MiB, block 1 MiB, create, fsync none — host vm, Linux 6.18' \
	"$TMP/run.svg" || fail "run: no workload and host in the title"
grep -q -F 'no USL model: 2 jobs levels, a fit needs 4 or more' "$TMP/run.svg" ||
	fail "run: why no model not said"
grep -q -F 'run-split' "$TMP/run.svg" && fail "run: the file name in the plot"

# Without a sweep: a bar per engine, grouped by set.
expect_status 0 "$FSCONC" plot --iec -o "$TMP/single.svg" "$TMP/single.json"
svg_keys "$TMP/single.svg"
[ "$(cat "$TMP/keys")" = "pwrite
threads×4" ] || { cat "$TMP/keys" >&2; fail "bars: not pwrite and threads×4"; }
grep -q 'MiB/s' "$TMP/single.svg" || fail "--iec not applied"
grep -q -F '<text>/data</text>' "$TMP/single.svg" || fail "bars: no group for /data"
grep -q -F 'bars: median of 5 rounds; whiskers: slowest to fastest round' \
	"$TMP/single.svg" || fail "bars: whiskers not explained"

if command -v python3 >/dev/null; then
	# The run at 4 jobs alone: bars, 3 groups of 3.
	python3 - "$RUN" "$TMP/bars.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d['results'] = [r for r in d['results'] if r['jobs'] != 2]
json.dump(d, open(sys.argv[2], 'w'))
EOF
	expect_status 0 "$FSCONC" plot "$TMP/bars.json" -o "$TMP/bars.svg"
	svg_keys "$TMP/bars.svg"
	[ "$(cat "$TMP/keys")" = "pwrite
threads×4
io_uring×4" ] || { cat "$TMP/keys" >&2; fail "bars: not a bar per engine"; }
	grep -q -F '<text>(tmpfs + ext4)</text>' "$TMP/bars.svg" ||
		fail "bars: no group for the split set"

	# Sweeps refused for different reasons: each says its own.
	python3 - "$RUN" "$TMP/why.json" <<'EOF'
import copy, json, sys
d = json.load(open(sys.argv[1]))
t = copy.deepcopy([r for r in d['results']
                   if r['set'] == 1 and r['engine'] == 'threads'][0])
t['jobs'] = 8
d['results'].append(t)
json.dump(d, open(sys.argv[2], 'w'))
EOF
	expect_status 0 "$FSCONC" plot "$TMP/why.json" -o "$TMP/why.svg"
	svg_keys "$TMP/why.svg"
	keys_count 1 "threads on /tmp/fsconc-golden.td8Y1e (ext4): no USL model: 3 jobs levels, a fit needs 4 or more"
	keys_count 5 ": no USL model: 2 jobs levels, a fit needs 4 or more"
fi

# '-' is standard output.
expect_split 0 "$FSCONC" plot "$TMP/single.json" -o -
grep -q '<svg' "$TMP/stdout" || fail "-o - wrote no SVG"

# The private directory is gone.
[ -z "$(ls -A "$TMP/tmp")" ] || { ls -la "$TMP/tmp" >&2; fail "plot left files in TMPDIR"; }
