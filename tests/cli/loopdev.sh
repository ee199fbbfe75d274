# loopdev.sh - sourced after setup.sh by the tests that need a device of
# their own: an ext4 on a loop device whose image is on tmpfs, mounted in
# a private mount namespace.  Root only (else skip, 77); the mount, the
# loop device and the image go at exit, on failure and on a signal alike.

LOOP_DEV=""
LOOP_IMG=""
LOOP_MNT=""

# loop_ext4 MNT MIB [MKFS_OPTION]...: make the file system, mount it on
# MNT.  Sets LOOP_DEV (/dev/loopN) and LOOP_IMG (its image).  Call
# private_mounts first.
loop_ext4() {
	_mnt=$1 _mib=$2
	shift 2
	for _c in losetup mkfs.ext4 mount umount; do
		command -v "$_c" >/dev/null 2>&1 || skip "no $_c"
	done
	[ -e /dev/loop-control ] || skip "no loop devices (/dev/loop-control)"
	at_exit loop_cleanup
	if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
		LOOP_IMG=$(mktemp /dev/shm/fsconc-test.XXXXXX)
	else
		LOOP_IMG=$TMP/loop.img
	fi
	truncate -s "${_mib}M" "$LOOP_IMG"
	mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0,nodiscard \
		"$@" "$LOOP_IMG" >/dev/null || skip "mkfs.ext4 failed"
	LOOP_DEV=$(losetup --find --show "$LOOP_IMG") ||
		skip "losetup could not attach a loop device"
	mkdir -p "$_mnt"
	mount -t ext4 "$LOOP_DEV" "$_mnt" || skip "cannot mount ext4 from $LOOP_DEV"
	LOOP_MNT=$_mnt
}

# Run at exit by the tests, after any run is stopped: thaw (a test may
# have frozen it), unmount, detach, remove the image.
loop_cleanup() {
	if [ -n "$LOOP_MNT" ]; then
		command -v fsfreeze >/dev/null 2>&1 &&
			fsfreeze --unfreeze "$LOOP_MNT" 2>/dev/null || true
		umount "$LOOP_MNT" 2>/dev/null || umount -l "$LOOP_MNT" 2>/dev/null || true
		LOOP_MNT=""
	fi
	[ -z "$LOOP_DEV" ] || losetup -d "$LOOP_DEV" 2>/dev/null || true
	LOOP_DEV=""
	[ -z "$LOOP_IMG" ] || rm -f "$LOOP_IMG"
	LOOP_IMG=""
}
