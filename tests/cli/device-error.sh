#!/bin/sh
# device-error.sh - a device that fails the writeback of buffered writes
# (no --fsync, no --direct): the run fails, exit 1, with the target and
# the device named, and leaves nothing behind.  The device is a loop
# device whose backing file is cut to 1 MiB mid-run (losetup -c): ext4,
# without a journal and with few inodes, keeps its own blocks in that
# first MiB, and the files' data lands past it.
. "$(dirname "$0")/setup.sh"
. "$(dirname "$0")/loopdev.sh"
private_mounts

M=$TMP/m
loop_ext4 "$M" 64 -b 4096 -N 128 -O ^has_journal

# Each write waits 50 ms (tests/fault.so): the run is still writing when
# the device shrinks.  --keep: the files stay to the end, where the last
# syncfs must write them back.
LONG_PREFIX="env LD_PRELOAD=$FSC_FAULT_SO FSC_FAULT_SLOW_WRITE_MS=50
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
LONG="--files 2 --size 4M --block-size 1M --rounds 1 --warmup 0 --engine pwrite --keep --quiet"
start_long "$M"
truncate -s 1M "$LOOP_IMG"
losetup -c "$LOOP_DEV"
st=0
wait "$long_pid" || st=$?
long_pid=""
[ $st -ne 124 ] || fail "fsconc still ran 10 s later"
[ $st -eq 1 ] || {
	cat "$TMP/long.out" "$TMP/long.err" >&2
	fail "the writeback failed, yet fsconc exited $st"
}
grep -q "^fsconc: syncfs of $M (ext4 on $LOOP_DEV) failed: Input/output error" "$TMP/long.err" ||
	fail "the message does not name syncfs, the target and the device: $(cat "$TMP/long.err")"
grep -q '^verdict\|^kept' "$TMP/long.out" "$TMP/long.err" &&
	fail "a verdict or kept files from a failing device: $(cat "$TMP/long.out" "$TMP/long.err")"
assert_no_leftovers "$M"
exit 0
