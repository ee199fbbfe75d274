#!/bin/sh
# memlimit.sh - the buffers of a plan are held against the memory fsconc
# may use, not only the machine's: ulimit -v and ulimit -d, and (as root)
# the limit of a 64 MiB memory cgroup, v1 or v2, that the test makes and
# removes.  A plan of 1 GiB of buffers is refused (exit 2, one line naming
# the limit) instead of being OOM-killed with its run directory left.
. "$(dirname "$0")/setup.sh"

D=$TMP/d
mkdir "$D"
case " $(engines_here) " in
*" io_uring "*) ;;
*) skip "io_uring cannot run here" ;;
esac
# 16 x 64 writes of 1 MiB in flight: 1 GiB of buffers.
BIG="--dir $D --files 16 --jobs 16 --iodepth 64 --block-size 1M --engine io_uring --direct --size 1M --rounds 1 --warmup 0"

# refused WHY CMD...: CMD exits 2 with one line that names WHY, under a
# timeout so that a run that goes ahead fails rather than hangs.
refused() {
	why=$1; shift
	expect_split 2 timeout -k 5 120 "$@"
	[ "$(wc -l <"$TMP/stderr")" -eq 1 ] && grep -q "over a quarter of $why" "$TMP/stderr" ||
		{ cat "$TMP/stderr" >&2; fail "not refused for $why"; }
	assert_no_leftovers "$D"
}

# A sanitized fsconc reserves terabytes of address space for its shadow
# memory, which any ulimit -v or -d refuses.
if [ "${FSCONC_SANITIZED:-no}" = no ]; then
	# shellcheck disable=SC2086
	refused "the 256 MiB of address space ulimit -v allows" \
		sh -c 'ulimit -v 262144 && exec "$@"' sh "$FSCONC" $BIG
	# shellcheck disable=SC2086
	refused "the 256 MiB of data ulimit -d allows" \
		sh -c 'ulimit -d 262144 && exec "$@"' sh "$FSCONC" $BIG
fi

[ "$(id -u)" -eq 0 ] || skip "not root: cannot make a memory cgroup"
# The memory controller: v1's hierarchy, else v2's when its root already
# hands the controller down (the test changes nothing global).
CG=""
# mountinfo: the file system type and its options follow a "-" field.
mounted() {
	awk -v want="$1" '{ for (i = 7; i < NF; i++) if ($i == "-") break
		if ($(i + 1) == want && (want == "cgroup2" ||
		    $(i + 3) ~ /(^|,)memory(,|$)/)) { print $5; exit } }' /proc/self/mountinfo
}
v1=$(mounted cgroup)
v2=$(mounted cgroup2)
if [ -n "$v1" ] && [ -w "$v1" ]; then
	CG=$v1/fsconc-test-$$
	LIMIT=memory.limit_in_bytes
elif [ -n "$v2" ] && grep -qw memory "$v2/cgroup.subtree_control" 2>/dev/null; then
	CG=$v2/fsconc-test-$$
	LIMIT=memory.max
else
	skip "no memory cgroup controller to make a cgroup with"
fi
remove_cgroup() {
	[ -d "$CG" ] || return 0
	# Whatever is still in it (a run that went ahead) goes first.
	for p in $(cat "$CG/cgroup.procs" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
	i=0
	while ! rmdir "$CG" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	[ ! -d "$CG" ] || echo "could not remove cgroup $CG" >&2
}
at_exit remove_cgroup
mkdir "$CG" || skip "cannot make a cgroup in ${CG%/*}"
echo 67108864 >"$CG/$LIMIT" || fail "cannot set $CG/$LIMIT"
# shellcheck disable=SC2086
refused "the 64 MiB limit of memory cgroup /fsconc-test-$$" \
	sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' sh "$CG" "$FSCONC" $BIG
