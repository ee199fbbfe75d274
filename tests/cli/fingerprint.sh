#!/bin/sh
# fingerprint.sh - targets are fingerprinted: /dev/shm as tmpfs without a
# device, a directory on the root file system as that file system's type,
# mount and disk, in the header and the JSON profile.
. "$(dirname "$0")/setup.sh"

command -v findmnt >/dev/null || skip "findmnt (util-linux) is not installed"

# A directory on /: $TMP when it is there, else one in /var/tmp.
dir=$TMP/d
if [ "$(findmnt -n -o TARGET --target "$TMP")" != / ]; then
	[ "$(findmnt -n -o TARGET --target /var/tmp)" = / ] ||
		skip "neither $TMP nor /var/tmp is on the root file system"
	dir=$(mktemp -d /var/tmp/fsconc-test.XXXXXX)
	rm_dir() { rm -rf "$dir"; }
	at_exit rm_dir
fi
mkdir -p "$dir"
root_type=$(findmnt -n -o FSTYPE /)
root_source=$(findmnt -n -o SOURCE /)

set -- --dir "$dir"
shm=no
if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
	set -- "$@" --dir /dev/shm
	shm=yes
fi
expect_status 0 "$FSCONC" "$@" $SMALL --engine pwrite --json "$TMP/p.json"
out=$TMP/out

grep -q "^target: $dir: $root_type, " "$out" ||
	fail "$dir not shown as $root_type"
grep -q "^        mount / from $root_source (" "$out" ||
	fail "mount of $dir not shown as / from $root_source"
grep -q "\"mount_point\": \"/\"" "$TMP/p.json" || fail "mount_point / missing"
grep -q "\"fstype\": \"$root_type\"" "$TMP/p.json" ||
	fail "fstype $root_type missing from the profile"

# A block device under /: its disk is named, as lsblk names it.
case $root_source in
/dev/*)
	disk=$(lsblk -n -s -o NAME,TYPE "$root_source" 2>/dev/null |
		awk '$2 == "disk" { sub(/^[^a-z0-9]*/, "", $1); print $1; exit }')
	if [ -n "$disk" ]; then
		grep -q "^        device: $disk" "$out" ||
			fail "device of $dir is not $disk"
		grep -q "\"device\": \"$disk\"" "$TMP/p.json" ||
			fail "device $disk missing from the profile"
	fi
	;;
esac

if [ "$shm" = yes ]; then
	grep -q "^target: /dev/shm: tmpfs, " "$out" || fail "/dev/shm not tmpfs"
	grep -A2 "^target: /dev/shm:" "$out" | grep -q "device: none (memory)" ||
		fail "/dev/shm should have no device"
	grep -q '"memory_backed": true' "$TMP/p.json" ||
		fail "/dev/shm not memory-backed in the profile"
fi
assert_no_leftovers "$dir"
