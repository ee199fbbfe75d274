#!/bin/sh
# golden.sh - what fsconc prints for saved profiles stays what it was: the
# output and exit status of compare and plan on fixed profiles
# (tests/data: two synthetic sweeps and a real run over a split set) are
# compared with tests/golden/cmd-*.txt.  A change of output is a change
# of behaviour: make it on purpose, and regenerate the files with
#   FSC_GOLDEN_UPDATE=1 make check TESTS=tests/cli/golden.sh
. "$(dirname "$0")/setup.sh"

data=$top_srcdir/tests/data
golden=$top_srcdir/tests/golden

# case NAME ARGS...: run fsconc ARGS in the data directory, so that the
# profiles' names in the output are the same wherever the tree is.
n=0
bad=0
case_() {
	name=$1; shift
	st=0
	(cd "$data" && exec "$FSCONC" "$@") >"$TMP/got" 2>&1 || st=$?
	echo "exit $st" >>"$TMP/got"
	n=$((n + 1))
	if [ -n "${FSC_GOLDEN_UPDATE:-}" ]; then
		cp "$TMP/got" "$golden/cmd-$name.txt"
	elif ! diff -u "$golden/cmd-$name.txt" "$TMP/got"; then
		echo "golden.sh: $name: the output of fsconc $* changed" >&2
		bad=$((bad + 1))
	fi
}

case_ compare compare sweep-a.json sweep-b.json
case_ compare-json compare sweep-a.json sweep-b.json --json -
case_ compare-same compare run-split.json run-split.json
case_ plan plan sweep-a.json --target 2100MB/s
case_ plan-iec plan sweep-a.json --target 500MiB/s --iec
case_ plan-out-of-reach plan sweep-a.json --target 20GB/s
case_ plan-no-model plan run-split.json --target 1GB/s

[ "$bad" -eq 0 ] || fail "$bad of $n outputs changed"
echo "$n outputs as they were"
