#!/bin/sh
# large-profile.sh - plan, plot and compare read a result profile in
# memory linear in its size: 20,000 trials (2 MB), each a sweep of its
# own, under a 192 MiB address-space limit (ulimit -v; compare holds two
# such profiles in about 115 MB, and an MPI build maps its libraries
# besides).  A profile this size once took 2.7 GB: an array sized by all
# trials for every sweep.
# And a profile's long strings are shown cut.
. "$(dirname "$0")/setup.sh"

# 20,000 trials, each on a target of its own, so 20,000 sweeps.
awk 'BEGIN {
	print "{\"schema\": \"fsconc-profile/1\", \"results\": ["
	for (i = 0; i < 20000; i++)
		printf "%s{\"targets\": [\"/t/%d\"], \"engine\": \"threads\", " \
			"\"jobs\": 1, \"rounds\": [{\"bytes_per_sec\": %d}]}\n",
			i ? "," : "", i, 1000000 + i
	print "]}"
}' >"$TMP/big.json"

# A sanitized fsconc reserves terabytes of address space for its shadow
# memory: there, run without the limit (the outputs are still checked).
if [ "${FSCONC_SANITIZED:-no}" = no ]; then
	LIMIT="ulimit -v 196608 &&"
else
	LIMIT=""
fi
bounded() {
	sh -c "$LIMIT"' exec "$@"' sh "$@"
}

# plan: every sweep answered or refused, one line each; no model (one
# level each): exit 1, and never out of memory.
expect_split 1 bounded "$FSCONC" plan "$TMP/big.json" --target 1G
! grep -q "out of memory" "$TMP/stderr" || fail "plan: $(cat "$TMP/stderr")"
[ "$(grep -c '^plan: threads on /t/' "$TMP/stdout")" -eq 20000 ] ||
	fail "plan: not a line for each of the 20000 sweeps"
grep -q "no usable model in" "$TMP/stderr" || fail "plan: $(cat "$TMP/stderr")"

# plot: too many series to draw, said with the count: exit 2.
expect_split 2 bounded "$FSCONC" plot "$TMP/big.json" -o "$TMP/p.svg"
grep -q "has 20000 (target set, engine) series" "$TMP/stderr" ||
	fail "plot: $(cat "$TMP/stderr")"

# compare with itself: every trial matched, none only in one.
expect_split 0 bounded "$FSCONC" compare "$TMP/big.json" "$TMP/big.json"
[ "$(grep -c '/t/' "$TMP/stdout")" -eq 20000 ] ||
	fail "compare: not a row for each of the 20000 trials"
! grep -q "only in" "$TMP/stdout" || fail "compare: unmatched trials"

# A profile that repeats a trial is still refused, naming both.
sed 's|"/t/19999"|"/t/7/"|' "$TMP/big.json" >"$TMP/twin.json"
expect_split 2 bounded "$FSCONC" plan "$TMP/twin.json" --target 1G
grep -q "results\[19999\]: the same trial as results\[7\]" "$TMP/stderr" ||
	fail "twin: $(cat "$TMP/stderr")"

# A 20 MB "created" is shown cut, not echoed whole: compare's first line
# stays short.
{
	printf '{"schema": "fsconc-profile/1", "created": "'
	head -c 20000000 /dev/zero | tr '\0' x
	printf '", "results": [{"targets": ["/t"], "engine": "threads", "jobs": 1, "rounds": [{"bytes_per_sec": 1}]}]}\n'
} >"$TMP/created.json"
expect_split 0 bounded "$FSCONC" compare "$TMP/created.json" "$TMP/created.json"
[ "$(wc -c <"$TMP/stdout")" -lt 2000 ] ||
	fail "compare echoed $(wc -c <"$TMP/stdout") bytes for a long created"
grep -q "xxx\.\.\." "$TMP/stdout" || fail "the long created is not shown cut"
