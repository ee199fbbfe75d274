#!/bin/sh
# bind.sh - host facts from a synthetic topology, --bind core and numa
# placing writers, and --bind refused in a build without hwloc.
. "$(dirname "$0")/setup.sh"

mkdir "$TMP/d"
run="$FSCONC --dir $TMP/d --files 4 --size 64K --block-size 64K --rounds 1 --warmup 0"

expect_status 2 $run --bind sideways
grep -q "^fsconc: --bind 'sideways': expected none, core or numa" "$TMP/out" ||
	fail "bad --bind value not explained"

if [ "${FSCONC_HWLOC:-yes}" = no ]; then
	expect_status 2 $run --bind core
	grep -q "built without hwloc" "$TMP/out" || fail "no reason given"
	expect_status 2 $run --bind numa
	expect_status 0 $run --bind none
	grep -q "topology from procfs (built without hwloc)" "$TMP/out" ||
		fail "host facts should come from /proc"
	exit 0
fi

# A synthetic machine: 2 NUMA nodes x 2 cores x 2 PUs.
HWLOC_SYNTHETIC="node:2 core:2 pu:2" expect_status 0 $run --bind core --json "$TMP/core.json"
grep -q "^host:   .*, 4 cores (8 PUs), 2 NUMA nodes, " "$TMP/out" ||
	fail "synthetic topology not counted"
grep -q "topology from hwloc (synthetic)" "$TMP/out" ||
	fail "synthetic topology not named"
grep -q '"cores": 4,' "$TMP/core.json" || fail "cores not in the profile"
grep -q '"pus": 8,' "$TMP/core.json" || fail "pus not in the profile"
grep -q '"numa_nodes": 2,' "$TMP/core.json" || fail "numa_nodes not in the profile"
# threads x4: each writer on its own core, all PUs of it.
tr -d ' \n' <"$TMP/core.json" |
	grep -q '"engine":"threads","jobs":4,"iodepth":1,"bind_cpus":\["0-1","2-3","4-5","6-7"\]' ||
	fail "--bind core did not give 4 writers 4 distinct cores"

HWLOC_SYNTHETIC="node:2 core:2 pu:2" expect_status 0 $run --bind numa --json "$TMP/numa.json"
tr -d ' \n' <"$TMP/numa.json" |
	grep -Eq '"engine":"threads","jobs":4,"iodepth":1,"bind_cpus":\[("(0-3|4-7)",?){4}\]' ||
	fail "--bind numa did not put writers on nodes"

# This machine, pinned for real.
expect_status 0 $run --bind core
grep -q "^bind:   core: " "$TMP/out" || fail "binding not shown in the header"
expect_status 0 $run --bind numa
assert_no_leftovers "$TMP/d"
