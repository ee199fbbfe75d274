#!/bin/sh
# profile-direct.sh - the direct-streaming profile (direct = true) parses
# and runs at a tiny size; skipped where this fsconc has no --direct.
. "$(dirname "$0")/setup.sh"

"$FSCONC" --direct --help >/dev/null 2>&1 ||
	skip "this fsconc has no --direct option"
mkdir "$TMP/d"
set +e
"$FSCONC" --profile direct-streaming --dir "$TMP/d" --size 1M --files 2 \
	--jobs 1,2 --rounds 1 --warmup 0 >"$TMP/out" 2>&1
rc=$?
set -e
if [ $rc -ne 0 ] && grep -qi 'direct' "$TMP/out" &&
   ! grep -q 'direct-streaming.conf:' "$TMP/out"; then
	cat "$TMP/out" >&2
	skip "O_DIRECT is refused on $TMP"
fi
[ $rc -eq 0 ] || { cat "$TMP/out" >&2; fail "direct-streaming exited $rc"; }
grep -q ', O_DIRECT' "$TMP/out" || fail "direct = true was not applied"
assert_no_leftovers "$TMP/d"
