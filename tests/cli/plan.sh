#!/bin/sh
# plan.sh - fsconc plan on synthetic sweeps of a known law: the writers
# that reach a rate, an unreachable rate, no peak, no model (exit 1), the
# Little's-law check, and bad profiles and usage (exit 2).
. "$(dirname "$0")/setup.sh"
. "$(dirname "$0")/synth.sh"

p=$TMP/sweep.json
# X(2) = 1.80, X(3) = 2.44, peak X(13.4) = 4.4 GB/s.
synth_profile "$p" gamma=1e9 alpha=0.1 beta=0.005 noise=0.01

expect_status 0 "$FSCONC" plan "$p" --target 2100MB/s
grep -q '^model: .*contention' "$TMP/out" || fail "no model line"
grep -q '^answer: 3 writers reach 2.1 GB/s on /data with threads (predicted 2.4' \
	"$TMP/out" || { cat "$TMP/out" >&2; fail "wrong answer for 2100MB/s"; }
# Units: 2G is 2 GiB/s, echoed in GiB/s (the unit given), and options
# may come first; 100MiB/s is "100 MiB/s", not "105 MB/s".
expect_status 0 "$FSCONC" plan --target=2G "$p"
grep -q '^answer: 3 writers reach 2.0 GiB/s on /data with threads (predicted 2\.[0-9] GiB/s)' "$TMP/out" ||
	{ cat "$TMP/out" >&2; fail "2G misread or not echoed in GiB/s"; }
expect_status 0 "$FSCONC" plan "$p" --target 100MiB/s
grep -q '^answer: 1 writer reaches 100 MiB/s on /data' "$TMP/out" ||
	{ cat "$TMP/out" >&2; fail "100MiB/s not echoed as given"; }
expect_status 0 "$FSCONC" plan "$p" --target 100000000
grep -q '^answer: 1 writer reaches 100 MB/s on /data' "$TMP/out" ||
	{ cat "$TMP/out" >&2; fail "bytes/s not echoed in MB/s"; }
expect_status 0 "$FSCONC" plan "$p" --target 500MiB/s --iec
grep -q '^answer: 1 writer reaches 500 MiB/s' "$TMP/out" || fail "--iec, one writer"

# Unreachable is an answer too: exit 0, with the peak.
expect_status 0 "$FSCONC" plan "$p" --target 5GB/s
grep -Eq '^answer: unreachable: 5.0 GB/s on /data with threads; the peak is 4.[34] GB/s at 1[34] writers' \
	"$TMP/out" || { cat "$TMP/out" >&2; fail "unreachable not said"; }

# Little's law: consistent figures pass, a latency 3x too long is flagged.
grep -q '^little: threads×8: [0-9.]* writers in flight measured, .*consistent$' "$TMP/out" ||
	fail "Little: consistent"
! grep -q INCONSISTENT "$TMP/out" || fail "Little flagged consistent figures"
synth_profile "$TMP/slow.json" latency=3
expect_status 0 "$FSCONC" plan "$TMP/slow.json" --target 1GB/s
grep -q '^little: threads×4: .*INCONSISTENT in 5 of 5 rounds' "$TMP/out" ||
	fail "Little did not flag a 3x latency"

# An asynchronous engine's depth counts writes, not writers.
synth_profile "$TMP/uring.json" engine=io_uring
expect_status 0 "$FSCONC" plan "$TMP/uring.json" --target 1GB/s --engine io_uring
grep -q '^little: io_uring×4: [0-9.]* writes in flight measured, ' "$TMP/out" ||
	{ cat "$TMP/out" >&2; fail "Little: io_uring's depth not called writes"; }
! grep -q 'writers in flight' "$TMP/out" || fail "Little: writers for io_uring"

# No coherency: no peak, the ceiling gamma/alpha.
synth_profile "$TMP/flat.json" alpha=0.1 beta=0 noise=0
expect_status 0 "$FSCONC" plan "$TMP/flat.json" --target 20GB/s
grep -q 'no peak within reach (it approaches 10.0 GB/s)' "$TMP/out" || fail "no peak"
grep -q '^answer: unreachable: .*approaches 10.0 GB/s and never reaches it' \
	"$TMP/out" || fail "unreachable ceiling"

# Choosing: --engine and --dir pick the sweep; no model is exit 1.
expect_status 0 "$FSCONC" plan "$p" --target 2100MB/s --engine threads --dir /data/
expect_status 1 "$FSCONC" plan "$p" --target 1GB/s --engine pwrite
grep -q '^no model: 1 jobs level, a fit needs 4 or more' "$TMP/out" || fail "pwrite has no model"
grep -q 'no usable model' "$TMP/out" || fail "exit 1 unexplained"
expect_status 1 "$FSCONC" plan "$p" --target 1GB/s --engine io_uring
grep -q 'has no trial of io_uring; it has: pwrite on /data, threads on /data' \
	"$TMP/out" || fail "missing engine not explained"
expect_status 1 "$FSCONC" plan "$p" --target 1GB/s --dir /elsewhere
synth_profile "$TMP/three.json" levels=1,2,4
expect_status 1 "$FSCONC" plan "$TMP/three.json" --target 1GB/s
grep -q '3 jobs levels, a fit needs 4' "$TMP/out" || fail "3 levels"

# Bad profiles: exit 2, naming the file and what is wrong where.
printf '{"schema": "fsconc-profile/1",\n "results": [}\n' >"$TMP/broken.json"
expect_status 2 "$FSCONC" plan "$TMP/broken.json" --target 1GB/s
grep -q "broken.json:2:.*not valid JSON" "$TMP/out" || fail "syntax error position"
sed 's/fsconc-profile\/1/fsconc-profile\/9/' "$p" >"$TMP/v9.json"
expect_status 2 "$FSCONC" plan "$TMP/v9.json" --target 1GB/s
grep -q "schema: 'fsconc-profile/9'" "$TMP/out" || fail "wrong schema"
sed '0,/"bytes_per_sec": [0-9.]*/s//"bytes_per_sec": "fast"/' "$p" >"$TMP/str.json"
expect_status 2 "$FSCONC" plan "$TMP/str.json" --target 1GB/s
grep -q "results\[0\].rounds\[0\].bytes_per_sec: expected a number, not a string" \
	"$TMP/out" || fail "bad value not located"
sed 's/"engine": "threads"/"engine": "dd"/' "$p" >"$TMP/dd.json"
expect_status 2 "$FSCONC" plan "$TMP/dd.json" --target 1GB/s
grep -q "results\[1\]\.engine: 'dd': not an engine this fsconc knows" \
	"$TMP/out" || fail "unknown engine not named"
expect_status 2 "$FSCONC" plan "$TMP/missing.json" --target 1GB/s
grep -q "missing.json: cannot read it: No such file" "$TMP/out" || fail "missing file"
expect_status 2 "$FSCONC" plan "$TMP" --target 1GB/s
grep -q "not a regular file" "$TMP/out" || fail "directory accepted"

# Bad usage: exit 2.
expect_status 2 "$FSCONC" plan "$p"
grep -q -- "--target is required" "$TMP/out" || fail "no --target"
for bad in 2.5GB/s 2GB/h 0 fast ''; do
	expect_status 2 "$FSCONC" plan "$p" --target "$bad"
	grep -q -- "--target '$bad'" "$TMP/out" || fail "--target '$bad' not named"
done
expect_status 2 "$FSCONC" plan --target 1G
expect_status 2 "$FSCONC" plan "$p" "$p" --target 1G
expect_status 2 "$FSCONC" plan "$p" --target 1G --jobs 4
grep -q "unknown option '--jobs'" "$TMP/out" || fail "unknown option not named"
