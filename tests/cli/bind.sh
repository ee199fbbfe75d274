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
# The synthetic machine is not this one: hwloc pins nothing there, and
# the report says so, naming no CPU (they need not exist here; where
# writers would go is topo_test's).
grep -q "^bind:   core: off: the topology, from hwloc (synthetic), is not this machine's, so no writer is pinned" "$TMP/out" ||
	{ cat "$TMP/out" >&2; fail "--bind core on a synthetic topology: pinning not said to be off"; }
! grep -q '"bind_cpus"' "$TMP/core.json" || fail "bind_cpus named for a synthetic topology"

HWLOC_SYNTHETIC="node:2 core:2 pu:2" expect_status 0 $run --bind numa --json "$TMP/numa.json"
grep -q "^bind:   numa: off: " "$TMP/out" || fail "--bind numa: pinning not said to be off"
! grep -q '"bind_cpus"' "$TMP/numa.json" || fail "bind_cpus named for a synthetic topology"

# This machine, pinned for real, to CPUs it has.
expect_status 0 $run --bind core --json "$TMP/real.json"
grep -q "^bind:   core: writer k on " "$TMP/out" || fail "binding not shown in the header"
last=$(($(getconf _NPROCESSORS_CONF) - 1))
cpus=$(tr -d ' \n' <"$TMP/real.json" | grep -o '"bind_cpus":\[[^]]*\]' | tr -c '0-9\n' ' ')
[ -n "$(echo $cpus)" ] || fail "--bind core: no bind_cpus"
for c in $cpus; do
	[ "$c" -le "$last" ] || fail "--bind core: bind_cpus names CPU $c; the last is $last"
done
expect_status 0 $run --bind numa
assert_no_leftovers "$TMP/d"
