#!/bin/sh
# async.sh - the asynchronous engines (posixaio, libaio, io_uring): every
# mode, --fsync end, iodepth 1 and 8, jobs 1 and 2, all verified, on a
# disk directory and on tmpfs; --direct; errors and signals drain and
# clean up.  (kernel.io_uring_disabled is not set here: it would break
# other tests running at the same time; tests/unit/aio-why_test checks
# the message mapping instead.)
. "${top_srcdir:-.}/tests/cli/setup.sh"

# Engines built and usable here; a missing one is reported, not failed.
engines=""
$FSCONC --list-engines >"$TMP/list"
for e in posixaio libaio io_uring; do
	state=$(grep -A1 "^$e " "$TMP/list" | tail -n 1 | sed 's/^ *//')
	case $state in
	available) engines="$engines $e" ;;
	"not built: install"*|*io_uring_setup*|*io_setup*|*ThreadSanitizer*)
		echo "note: $e: $state" >&2 ;;
	*) fail "--list-engines: $e: unexpected state '$state'" ;;
	esac
done
grep -q '^posixaio ' "$TMP/list" || fail "--list-engines lacks posixaio"
[ -n "$engines" ] || skip "no asynchronous engine can run here"
case $engines in
*posixaio*) ;;
*) grep -A1 '^posixaio ' "$TMP/list" | grep -q ThreadSanitizer ||
	fail "posixaio needs only glibc" ;;
esac
engines=$(echo $engines | tr ' ' ',')

disk="$TMP/disk"
mkdir "$disk"
# A private directory on tmpfs, so fsconc runs of other tests in
# /dev/shm cannot look like our leftovers.
shm=""
if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
	shm=$(mktemp -d /dev/shm/fsconc-test.XXXXXX)
	rm_shm() { rm -rf "$shm"; }
	at_exit rm_shm
fi
dirs="--dir $disk${shm:+ --dir $shm}"

# Every mode, both depths, a sweep of jobs 1 and 2, each file verified.
for mode in create truncate overwrite; do
	for q in 1 8; do
		expect_status 0 $FSCONC $dirs --engine "$engines" $SMALL \
			--mode $mode --fsync end --iodepth $q --jobs 1,2 --verify
		for e in $(echo "$engines" | tr , ' '); do
			grep -q "^$e×2 " "$TMP/out" ||
				fail "$e×2 missing from the report ($mode, q $q)"
		done
		grep -q "verified" "$TMP/out" || fail "header does not say verified"
		assert_no_leftovers "$disk"
		[ -z "$shm" ] || assert_no_leftovers "$shm"
	done
done

# --direct on the disk directory, verified.
set +e
$FSCONC --dir "$disk" --engine "$engines" $SMALL --jobs 2 --direct \
	--verify >"$TMP/out" 2>&1
rc=$?
set -e
if [ $rc -eq 2 ] && grep -q "has no direct I/O" "$TMP/out"; then
	echo "note: $disk refuses O_DIRECT: --direct runs skipped" >&2
else
	[ $rc -eq 0 ] || { cat "$TMP/out" >&2; fail "--direct on $disk exited $rc"; }
	grep -q "O_DIRECT" "$TMP/out" || fail "header does not say O_DIRECT"
	# A block size off the alignment: refused before anything is written.
	expect_status 2 $FSCONC --dir "$disk" --engine "$engines" \
		--files 2 --size 100000 --block-size 1000 --direct
	grep -q -- "--block-size 1000: not a multiple of" "$TMP/out" ||
		fail "misaligned --block-size not named: $(cat "$TMP/out")"
fi
assert_no_leftovers "$disk"

# --direct on tmpfs: either taken, with the "not direct I/O" warning
# said once (Linux 6.6 and later), or refused with the reason (exit 2).
if [ -n "$shm" ]; then
	set +e
	$FSCONC --dir "$shm" --engine "$engines" $SMALL --direct --verify \
		>"$TMP/out" 2>&1
	rc=$?
	set -e
	case $rc in
	0) grep -q "^warning: --direct on $shm (tmpfs): .* its figures are not direct I/O" "$TMP/out" ||
		fail "no 'not direct I/O' warning for tmpfs" ;
	   ! grep -q "took O_DIRECT but keeps the data in memory" "$TMP/out" ||
		fail "tmpfs --direct: a note saying again what the warning said" ;;
	2) grep -q "has no direct I/O" "$TMP/out" ||
		fail "tmpfs refused --direct without saying why" ;;
	*) cat "$TMP/out" >&2; fail "--direct on tmpfs exited $rc" ;;
	esac
	assert_no_leftovers "$shm"
fi

# A write error mid-run (EFBIG past ulimit -f, SIGXFSZ ignored) stops
# the trial: in-flight writes drained, files removed, exit 1.
for e in $(echo "$engines" | tr , ' '); do
	set +e
	(trap '' XFSZ; ulimit -f 1024 && exec $FSCONC --dir "$disk" \
		--engine $e --files 2 --size 4M --block-size 64K --rounds 1 \
		--warmup 0) >"$TMP/out" 2>&1
	rc=$?
	set -e
	[ $rc -eq 1 ] || { cat "$TMP/out" >&2; fail "$e past ulimit -f exited $rc"; }
	grep -q "File too large" "$TMP/out" ||
		fail "$e: EFBIG not reported: $(cat "$TMP/out")"
	assert_no_leftovers "$disk"
done

# SIGTERM mid-run: drain, remove, exit 143.  (Not SIGINT: sh starts
# background jobs with SIGINT ignored.)
if [ -n "$shm" ]; then
	for e in $(echo "$engines" | tr , ' '); do
		$FSCONC --dir "$shm" --engine $e --files 4 --size 64M \
			--rounds 500 --warmup 0 --quiet >"$TMP/out" 2>&1 &
		pid=$!
		sleep 0.3
		kill -TERM $pid 2>/dev/null || {
			cat "$TMP/out" >&2
			fail "$e: fsconc ended before the signal"
		}
		set +e
		wait $pid
		rc=$?
		set -e
		[ $rc -eq 143 ] || { cat "$TMP/out" >&2; fail "$e: SIGTERM gave $rc"; }
		assert_no_leftovers "$shm"
	done
fi
exit 0
