#!/bin/sh
# oom.sh - out of memory in the middle of a run, for every engine: the
# allocation of a block fails (tests/fault.so) after the run directories
# were made and a trial's files were kept (--keep), and fsconc exits 1
# saying so, with its files and run directories removed first and the
# planted data untouched.  Then the same under a real ulimit -v.  The
# targets are private tmpfs mounts, so their free space is fsconc's alone.
. "$(dirname "$0")/setup.sh"
private_mounts

A=$TMP/a
B=$TMP/b
small_tmpfs "$A" 64m
small_tmpfs "$B" 64m
area=$A
plant "$A"

# Blocks of 1 MiB, 2 files x 2 jobs x --iodepth 2; three trials per engine
# (a, b, a + b).  The big allocations: the pattern, then the first trial's
# blocks (1 for pwrite, 2 for threads, 4 for the asynchronous engines):
# the next one, the second trial's first block, fails.
for e in $(engines_here); do
	case $e in
	pwrite) n=3 ;;
	threads) n=4 ;;
	*) n=6 ;;
	esac
	expect_split 1 faulty FSC_FAULT_BIG_ALLOC=1048576:$n \
		"$FSCONC" --dir "$A" --dir "$B" --engine "$e" --files 2 \
		--jobs 2 --iodepth 2 --size 2M --block-size 1M --rounds 1 \
		--warmup 0 --keep --quiet
	grep -q "out of memory allocating 1048576 bytes" "$TMP/stderr" ||
		{ cat "$TMP/stderr" >&2; fail "$e: no word of the failed allocation"; }
	! grep -q "could not remove\\|remove .*:" "$TMP/stderr" ||
		{ cat "$TMP/stderr" >&2; fail "$e: left something"; }
	check_area "$e, out of memory"
	assert_no_leftovers "$B"
done

# A real limit: 8 writer threads under ulimit -v 60000 (about 59 MiB) run
# out of memory for their blocks or their stacks, or are refused; either
# way nothing stays.  A sanitized fsconc cannot run under ulimit -v (its
# shadow memory).
[ "${FSCONC_SANITIZED:-no}" = no ] || exit 0
for e in $(engines_here); do
	set +e
	sh -c 'ulimit -v 60000 && exec "$@"' sh "$FSCONC" --dir "$A" \
		--engine "$e" --jobs 8 --files 8 --size 1M --rounds 1 \
		--warmup 0 --quiet >"$TMP/out" 2>&1
	st=$?
	set -e
	case $st in
	0|1|2) ;;
	*) cat "$TMP/out" >&2; fail "$e, ulimit -v 60000: exited $st" ;;
	esac
	check_area "$e, ulimit -v 60000"
done

# 64 writer threads' stacks of 8 MiB do not fit in ulimit -v 200000: the
# thread that cannot start is blamed on the memory limit, not ulimit -u.
expect_split 1 sh -c 'ulimit -s 8192 && ulimit -v 200000 && exec "$@"' sh \
	"$FSCONC" --dir "$A" --engine threads --jobs 64 --files 64 --size 64K \
	--block-size 64K --rounds 1 --warmup 0 --quiet
grep -q "pthread_create.*no memory is left for a thread's stack within the address-space limit (ulimit -v)" "$TMP/stderr" &&
	! grep -q "ulimit -u" "$TMP/stderr" ||
	{ cat "$TMP/stderr" >&2; fail "threads under ulimit -v: the wrong cause"; }
check_area "threads, ulimit -v 200000"
