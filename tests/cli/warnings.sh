#!/bin/sh
# warnings.sh - two dirs on one file system draw the shared-device warning;
# a small buffered run on a disk draws the page-cache warning, and not
# with --fsync end.
. "$(dirname "$0")/setup.sh"

mkdir "$TMP/a" "$TMP/b"
expect_status 0 "$FSCONC" --dir "$TMP/a" --dir "$TMP/b" $SMALL --engine pwrite
grep -q "^warning: $TMP/a + $TMP/b: the split set shares one device (.*): expect no added bandwidth" "$TMP/out" ||
	fail "no shared-device warning for two dirs on one file system"

# --quiet prints verdicts only; the warnings stay in the JSON profile.
set +e
"$FSCONC" --dir "$TMP/a" --dir "$TMP/b" $SMALL --engine pwrite --quiet \
	--json "$TMP/q.json" >"$TMP/stdout" 2>"$TMP/stderr"
rc=$?
set -e
[ $rc -eq 0 ] || fail "--quiet run exited $rc"
! grep -q warning "$TMP/stdout" "$TMP/stderr" || fail "--quiet printed a warning"
grep -q '"code": *"shared-device"' "$TMP/q.json" ||
	fail "the shared-device warning is missing from the JSON profile"

# The page cache: only where the target has a device behind it.
case $(stat -f -c %T "$TMP") in
tmpfs|ramfs) skip "$TMP is in memory: no page-cache warning to expect" ;;
esac
expect_status 0 "$FSCONC" --dir "$TMP/a" $SMALL --engine pwrite
grep -q "^warning: 2.0 MiB per trial fits under the dirty page-cache limit (.*): on $TMP/a (.*) this measures the page cache, not the device" "$TMP/out" ||
	fail "no page-cache warning for a small buffered run"
expect_status 0 "$FSCONC" --dir "$TMP/a" $SMALL --engine pwrite --fsync end
! grep -q "page cache" "$TMP/out" || fail "page-cache warning with --fsync end"
! grep -q "shares one device" "$TMP/out" || fail "shared-device warning for one dir"
assert_no_leftovers "$TMP/a"
assert_no_leftovers "$TMP/b"
