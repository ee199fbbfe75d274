#!/bin/sh
# schema.sh - a real run's profile validates against the shipped JSON
# Schema (draft 2020-12), with and without --bind, with a model, with
# --stonewall and --dirs-per-target.
. "$(dirname "$0")/setup.sh"

command -v python3 >/dev/null || skip "python3 is not installed"
have_jsonschema ||
	skip "python3-jsonschema (4.0 or later) is not installed"

mkdir "$TMP/a" "$TMP/b"
set -- --dir "$TMP/a" --dir "$TMP/b"
[ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && set -- "$@" --dir /dev/shm
expect_status 0 "$FSCONC" "$@" $SMALL --rounds 2 --jobs 1,2 --json "$TMP/p.json"
schema_valid "$TMP/p.json" || fail "the profile does not match its schema"

# A sweep of 4 levels has a model (fitted or refused), which must match.
expect_status 0 "$FSCONC" --dir "$TMP/a" $SMALL --files 4 --engine threads \
	--jobs 1,2,3,4 --json "$TMP/sweep.json"
schema_valid "$TMP/sweep.json" || fail "a profile with a model does not match"

if [ "${FSCONC_HWLOC:-yes}" != no ]; then
	HWLOC_SYNTHETIC="node:2 core:2 pu:2" \
	expect_status 0 "$FSCONC" --dir "$TMP/a" $SMALL --bind core \
		--fsync end --json "$TMP/bind.json"
	schema_valid "$TMP/bind.json" || fail "a --bind profile does not match"
fi

# --stonewall adds its keys to the workload and to every round.
expect_status 0 "$FSCONC" --dir "$TMP/a" $SMALL --stonewall 30 \
	--json "$TMP/wall.json"
schema_valid "$TMP/wall.json" || fail "a --stonewall profile does not match"

# --dirs-per-target adds workload.dirs_per_target.
expect_status 0 "$FSCONC" --dir "$TMP/a" $SMALL --dirs-per-target 2 \
	--json "$TMP/tree.json"
schema_valid "$TMP/tree.json" || fail "a --dirs-per-target profile does not match"

# A profile that breaks the contract must fail, or the check proves
# nothing.
sed 's/"fsconc-profile\/1"/"fsconc-profile\/0"/' "$TMP/p.json" >"$TMP/bad.json"
! schema_valid "$TMP/bad.json" >/dev/null || fail "a wrong schema name validated"
