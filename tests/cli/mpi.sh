#!/bin/sh
# mpi.sh - fsconc under mpirun, 3 ranks on this host: each rank writes into
# a directory of its own named by host and rank, rank 0 alone reports, the
# ranks' bytes add up to the round's, the aggregate is the round's bytes
# over the span from any rank's first open to any rank's last close, and
# the per-rank and per-host figures agree with it; --keep keeps a
# directory per rank, with its subdirectories under --dirs-per-target;
# --stonewall stops every rank when the first is
# done; ranks that would run other trials are refused; --rounds auto
# runs the same rounds on every rank.
. "$(dirname "$0")/setup.sh"

need_mpi 3
command -v python3 >/dev/null || skip "python3 is not installed"
D=$TMP/d
mkdir "$D"

expect_split 0 $MPIRUN "$FSCONC" --dir "$D" $SMALL --rounds 2 \
	--engine pwrite,threads,posixaio --json "$TMP/p.json"
[ "$(grep -c '^fsconc ' "$TMP/stdout")" -eq 1 ] ||
	fail "not one header (rank 0 alone reports): $(cat "$TMP/stdout")"
[ "$(grep -c '^verdict: ' "$TMP/stdout")" -eq 1 ] || fail "not one verdict"
grep -q '^ranks:  3 MPI ranks on 1 host: ' "$TMP/stdout" ||
	fail "no ranks line in the header: $(cat "$TMP/stdout")"
grep -q '^per host, median over rounds' "$TMP/stdout" || fail "no per-host table"
grep -q '^note:   every rank.s times count from its release from a barrier' \
	"$TMP/stdout" || fail "no note on the barrier"
assert_no_leftovers "$D"
[ -z "$(ls -A "$D")" ] || fail "left in $D: $(ls -A "$D")"
host=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["mpi"]["hosts"][0]["host"])' "$TMP/p.json")
for e in pwrite 'threads×2' 'posixaio×2'; do
	grep -q "^$e *$host *3 " "$TMP/stdout" ||
		fail "no per-host row for $e on $host: $(cat "$TMP/stdout")"
done

python3 - "$TMP/p.json" <<'PY' || fail "the ranks' figures do not add up"
import json, sys
p = json.load(open(sys.argv[1]))
assert p["mpi"]["ranks"] == 3, p["mpi"]
assert [h["ranks"] for h in p["mpi"]["hosts"]] == [[0, 1, 2]], p["mpi"]
per_rank = 2 << 20                  # $SMALL: 2 files x 1 MiB
for res in p["results"]:
    assert len(res["rounds"]) == 2
    for rd in res["rounds"]:
        ranks, files, hosts = rd["ranks"], rd["files"], rd["hosts"]
        assert [r["rank"] for r in ranks] == [0, 1, 2]
        # Bytes add up: files to ranks to the round, all of it written.
        assert rd["bytes"] == rd["planned_bytes"] == 3 * per_rank
        assert rd["completed"] == 1
        assert sum(r["bytes"] for r in ranks) == rd["bytes"]
        assert sum(f["bytes"] for f in files) == rd["bytes"]
        assert len(files) == 6
        for r in ranks:
            mine = [f for f in files if f["rank"] == r["rank"]]
            assert len(mine) == r["files"] == 2
            assert all(f["host"] == r["host"] for f in mine)
            assert r["bytes"] == sum(f["bytes"] for f in mine) == per_rank
            assert r["completed"] == 1
            # A rank's span is that of its files.
            assert r["start_ns"] == min(f["start_ns"] for f in mine)
            assert r["end_ns"] == max(f["end_ns"] for f in mine)
            assert r["elapsed_ns"] == r["end_ns"] - r["start_ns"]
            assert r["bytes_per_sec"] == r["bytes"] * 1e9 / r["elapsed_ns"]
        # The aggregate: all bytes over the first open to the last close
        # of any rank.
        assert min(r["start_ns"] for r in ranks) == 0
        assert rd["elapsed_ns"] == max(r["end_ns"] for r in ranks)
        assert rd["bytes_per_sec"] == rd["bytes"] * 1e9 / rd["elapsed_ns"]
        # One host, all three ranks: the same span and bytes.
        assert len(hosts) == 1 and hosts[0]["ranks"] == 3
        h = hosts[0]
        assert h["bytes"] == rd["bytes"] and h["elapsed_ns"] == rd["elapsed_ns"]
        assert h["bytes_per_sec"] == rd["bytes_per_sec"]
        assert h["slowest_rank_bytes_per_sec"] == min(r["bytes_per_sec"] for r in ranks)
        assert rd["barrier_skew_ns"] >= 0
PY

if have_jsonschema; then
	schema_valid "$TMP/p.json" ||
		fail "the MPI profile does not match the schema"
fi

# --keep: a directory per rank, named by host and rank, all three named
# by rank 0; fsconc cleanup removes them.
expect_split 0 $MPIRUN "$FSCONC" --dir "$D" $SMALL --engine pwrite --keep
[ "$(grep -c '^kept: ' "$TMP/stdout")" -eq 3 ] || fail "not 3 kept lines: $(cat "$TMP/stdout")"
for r in 0 1 2; do
	dir=$(ls -d "$D"/.fsconc-*-r$r-?????? 2>/dev/null) ||
		fail "no directory of rank $r: $(ls -A "$D")"
	grep -q "^rank $r\$" "$dir/.fsconc-run" || fail "the marker of rank $r does not name it"
	grep -q "^kept: $dir\$" "$TMP/stdout" || fail "$dir is not named as kept"
	[ "$(ls "$dir" | wc -l)" -eq 2 ] || fail "$dir does not hold the 2 files"
done
expect_status 0 "$FSCONC" cleanup "$D"
[ "$(grep -c '^removed ' "$TMP/out")" -eq 3 ] || fail "cleanup: $(cat "$TMP/out")"
[ -z "$(ls -A "$D")" ] || fail "left in $D after cleanup: $(ls -A "$D")"

# --dirs-per-target: each rank's subdirectories inside its own directory,
# kept with it; without --keep, nothing stays.
expect_split 0 $MPIRUN "$FSCONC" --dir "$D" $SMALL --files 4 --engine pwrite \
	--dirs-per-target 2 --keep
for r in 0 1 2; do
	dir=$(ls -d "$D"/.fsconc-*-r$r-?????? 2>/dev/null) ||
		fail "--dirs-per-target: no directory of rank $r: $(ls -A "$D")"
	[ "$(ls "$dir/d0000" | wc -l)" -eq 2 ] && [ "$(ls "$dir/d0001" | wc -l)" -eq 2 ] ||
		fail "--dirs-per-target: $dir does not hold 2 files in each of 2 subdirectories"
done
expect_status 0 "$FSCONC" cleanup "$D"
[ -z "$(ls -A "$D")" ] || fail "left in $D after cleanup: $(ls -A "$D")"
expect_split 0 $MPIRUN "$FSCONC" --dir "$D" $SMALL --files 4 --engine pwrite \
	--dirs-per-target 2
[ -z "$(ls -A "$D")" ] || fail "--dirs-per-target: left in $D: $(ls -A "$D")"

# --rounds auto: rank 0 decides on every rank's rounds whether another
# runs, and every rank follows (else a rank would wait for the others in
# a round they never start).
expect_split 0 $MPIRUN "$FSCONC" --dir "$D" --files 2 --size 1M \
	--block-size 64K --warmup 0 --engine pwrite,threads --budget 3s \
	--json "$TMP/auto.json"
python3 - "$TMP/auto.json" <<'PY' || fail "--rounds auto under MPI"
import json, sys
p = json.load(open(sys.argv[1]))
n = [len(t["rounds"]) for t in p["results"]]
assert len(set(n)) == 1 and n[0] >= 3, n
assert p["workload"]["rounds_stopped"] in ("decisive", "time", "bytes"), p["workload"]
assert p["verdicts"][0]["rounds"] == n[0], p["verdicts"]
PY
grep -q "^rounds: [0-9]* counted rounds, then stopped: " "$TMP/stdout" ||
	fail "no rounds line: $(cat "$TMP/stdout")"
assert_no_leftovers "$D"

# --stonewall: rank 1 has 16 times the bytes to write, each write synced;
# when the first rank is done, it stops too (and so does a rank that has
# not got far yet), and the round counts what each wrote by then.
rank_wrapper big-rank1 1 'set -- "$@" --size 32M --fsync each'
expect_split 0 $MPIRUN "$TMP/big-rank1" "$FSCONC" --dir "$D" --files 2 \
	--size 2M --block-size 64K --rounds 1 --warmup 0 \
	--engine pwrite,threads --stonewall 100 --json "$TMP/w.json"
assert_no_leftovers "$D"
python3 - "$TMP/w.json" <<'PY' || fail "the stonewall did not stop rank 1, or its figures do not add up"
import json, sys
p = json.load(open(sys.argv[1]))
assert p["workload"]["stonewall_ns"] == 100 * 10**9
for res in p["results"]:
    rd = res["rounds"][0]
    r0, r1, r2 = rd["ranks"]
    done = [r for r in (r0, r2) if r["completed"] == 1]
    assert done, "no rank wrote all its files: %r" % rd["ranks"]
    assert r1["planned_bytes"] == 2 * 32 << 20
    assert r1["bytes"] < r1["planned_bytes"], r1
    assert r1["completed"] == r1["bytes"] / r1["planned_bytes"]
    assert rd["planned_bytes"] == 2 * (2 * 2 << 20) + (2 * 32 << 20)
    assert rd["bytes"] == sum(r["bytes"] for r in rd["ranks"])
    assert rd["completed"] == rd["bytes"] / rd["planned_bytes"]
    for r in (r0, r1, r2):
        assert r["completed"] == r["bytes"] / r["planned_bytes"]
    # Rank 1 stopped soon after the first rank was done.
    first = min(r["end_ns"] for r in done)
    assert r1["end_ns"] < first + 5 * 10**9, (first, r1)
PY
grep -q "^note:   stonewall: pwrite wrote [0-9]*% of its" "$TMP/stdout" ||
	fail "no stonewall note: $(cat "$TMP/stdout")"

# Ranks must run the same trials: one with other --rounds is refused
# before anything is written, and rank 0 names it.
rank_wrapper rounds-rank2 2 'set -- "$@" --rounds 2'
expect_split 2 $MPIRUN "$TMP/rounds-rank2" "$FSCONC" --dir "$D" $SMALL
grep -q "^fsconc: rank 2 on $host would run other trials than rank 0" "$TMP/stderr" ||
	fail "the rank that differs is not named: $(cat "$TMP/stderr")"
[ "$(grep -c '^fsconc: rank 2' "$TMP/stderr")" -eq 1 ] || fail "said more than once"
! grep -q "^fsconc " "$TMP/stdout" || fail "a refused run printed its header"
[ -z "$(ls -A "$D")" ] || fail "a refused run left $(ls -A "$D")"
