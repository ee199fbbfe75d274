#!/bin/sh
# overlay.sh - an overlay mounted in a private mount namespace reads as
# overlay, with the file system and device of its upper layer.
. "$(dirname "$0")/setup.sh"

command -v unshare >/dev/null || skip "unshare (util-linux) is not installed"
command -v findmnt >/dev/null || skip "findmnt (util-linux) is not installed"
[ "$(id -u)" = 0 ] || skip "mounting an overlay needs root"

upper_type=$(findmnt -n -o FSTYPE --target "$TMP")
mkdir "$TMP/lower" "$TMP/upper" "$TMP/work" "$TMP/merged" "$TMP/mem"

# Inside the namespace: the overlay with its upper on $TMP, then another
# with its upper on a fresh tmpfs, which also holds a plain directory:
# the two share one device.  Mounts vanish with the namespace.
cat >"$TMP/inside.sh" <<INSIDE
set -e
mount -t overlay overlay -o lowerdir=$TMP/lower,upperdir=$TMP/upper,workdir=$TMP/work $TMP/merged || exit 77
mount -t tmpfs tmpfs $TMP/mem || exit 77
mkdir $TMP/mem/upper $TMP/mem/work $TMP/mem/merged
mount -t overlay overlay -o lowerdir=$TMP/lower,upperdir=$TMP/mem/upper,workdir=$TMP/mem/work $TMP/mem/merged || exit 77
"$FSCONC" --dir $TMP/merged --dir $TMP/mem/merged $SMALL --engine pwrite --json $TMP/p.json
mkdir $TMP/mem/plain
"$FSCONC" --dir $TMP/mem/merged --dir $TMP/mem/plain $SMALL --engine pwrite >$TMP/shared.out 2>&1
INSIDE
set +e
unshare --mount --propagation private sh "$TMP/inside.sh" >"$TMP/out" 2>&1
rc=$?
set -e
[ $rc -eq 77 ] && skip "mounting an overlay is refused here"
[ $rc -eq 0 ] || { cat "$TMP/out" >&2; fail "fsconc on an overlay exited $rc"; }

grep -q "^target: $TMP/merged: overlay, " "$TMP/out" || fail "not an overlay"
grep -q "^        overlay: writes go to $TMP/upper ($upper_type)" "$TMP/out" ||
	fail "upper layer not shown as $upper_type"
grep -q "\"upper_fstype\": \"$upper_type\"" "$TMP/p.json" ||
	fail "upper_fstype $upper_type missing from the profile"
grep -q "\"upper_dir\": \"$TMP/upper\"" "$TMP/p.json" ||
	fail "upper_dir missing from the profile"

grep -q "^target: $TMP/mem/merged: overlay, " "$TMP/out" ||
	fail "second overlay not an overlay"
grep -A3 "^target: $TMP/mem/merged:" "$TMP/out" |
	grep -q "overlay: writes go to $TMP/mem/upper (tmpfs)" ||
	fail "tmpfs upper layer not shown"
grep -A3 "^target: $TMP/mem/merged:" "$TMP/out" |
	grep -q "device: none (memory)" ||
	fail "an overlay over tmpfs should have no device"

# The overlay over the tmpfs and a plain directory of that tmpfs: one
# device for the split set.
grep -q "^warning: $TMP/mem/merged + $TMP/mem/plain: the split set shares one device (the tmpfs of the overlay's upper layer $TMP/mem/upper): expect no added bandwidth" \
	"$TMP/shared.out" || { cat "$TMP/shared.out" >&2; fail "no shared-device warning for an overlay over the tmpfs of another target"; }
