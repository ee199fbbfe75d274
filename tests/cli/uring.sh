#!/bin/sh
# uring.sh - io_uring as its users run it: --uring-fixed-buffers,
# --uring-fixed-files and --uring-sqpoll, alone and together, every mode,
# verified, on a disk directory and on tmpfs (and --direct); the ring
# that posts completions when asked, with fsync each and a stonewall;
# refused
# without an io_uring trial, and registered buffers past ulimit -l
# refused before anything is created.
. "${top_srcdir:-.}/tests/cli/setup.sh"

$FSCONC --list-engines >"$TMP/list"
grep -A1 '^io_uring ' "$TMP/list" | tail -n 1 | grep -q available ||
	skip "io_uring cannot run here: $(grep -A1 '^io_uring ' "$TMP/list" |
		tail -n 1)"

disk="$TMP/disk"
mkdir "$disk"
shm=""
if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
	shm=$(mktemp -d /dev/shm/fsconc-test.XXXXXX)
	rm_shm() { rm -rf "$shm"; }
	at_exit rm_shm
fi

# Without an io_uring trial the options would do nothing: bad input.
for o in --uring-fixed-buffers --uring-fixed-files --uring-sqpoll; do
	expect_status 2 $FSCONC --dir "$disk" $SMALL --engine pwrite,threads $o
	grep -q "^fsconc: $o: only --engine io_uring takes it" "$TMP/out" ||
		fail "$o without io_uring: no reason given"
	assert_no_leftovers "$disk"
done

# Each alone and all together; more files than --jobs, so that a file
# slot is registered again for the next file.
for o in --uring-fixed-buffers --uring-fixed-files --uring-sqpoll \
	"--uring-fixed-buffers --uring-fixed-files --uring-sqpoll"; do
	for d in "$disk" $shm; do
		for mode in create overwrite; do
			expect_status 0 timeout 120 $FSCONC --dir "$d" \
				--engine io_uring --files 5 --size 1M \
				--block-size 64K --rounds 1 --warmup 0 \
				--jobs 1,2 --iodepth 4 --mode $mode --verify $o
			grep -q "^io_uring×2 " "$TMP/out" ||
				fail "io_uring×2 missing ($o, $d, $mode)"
			assert_no_leftovers "$d"
		done
	done
done

# The ring as fio sets it up, its completions posted when fsconc asks
# for them (Linux 6.1 and later): every write reaped, with an fsync after
# each, more files than writes in flight, and a stonewall that stops the
# trial with writes in flight.
for d in "$disk" $shm; do
	expect_status 0 timeout 120 $FSCONC --dir "$d" --engine io_uring \
		--files 12 --size 1M --block-size 16K --rounds 1 --warmup 0 \
		--jobs 3 --iodepth 8 --fsync each --verify
	grep -q "^io_uring×3 " "$TMP/out" || fail "io_uring×3 missing ($d)"
	expect_status 0 timeout 120 $FSCONC --dir "$d" --engine io_uring \
		--files 6 --size 8M --block-size 4K --rounds 1 --warmup 0 \
		--jobs 2 --iodepth 8 --stonewall 0.02 --json "$TMP/wall.json"
	jq -e '[.results[].rounds[] | .bytes <= .planned_bytes] | all' \
		"$TMP/wall.json" >/dev/null ||
		fail "io_uring stonewalled: bytes out of range ($d)"
	assert_no_leftovers "$d"
done

# With --direct where the disk directory takes it.
set +e
$FSCONC --dir "$disk" --engine io_uring $SMALL --direct --verify \
	--uring-fixed-buffers --uring-fixed-files >"$TMP/out" 2>&1
rc=$?
set -e
case $rc in
0) ;;
2) grep -q "has no direct I/O" "$TMP/out" ||
	{ cat "$TMP/out" >&2; fail "--direct refused without reason"; } ;;
*) cat "$TMP/out" >&2; fail "--direct with registered buffers: $rc" ;;
esac
assert_no_leftovers "$disk"

# Registered buffers are pinned: past ulimit -l, refused before anything
# is created (root has CAP_IPC_LOCK and no such limit: run as nobody).
if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null 2>&1 || skip "no setpriv(1)"
	as="setpriv --reuid=65534 --regid=65534 --clear-groups"
	chmod 755 "$TMP"
	chmod 777 "$disk"
else
	as=""
fi
set +e
(ulimit -l 64 && $as $FSCONC --dir "$disk" --engine io_uring \
	--files 2 --size 4M --block-size 1M --iodepth 8 --rounds 1 \
	--warmup 0 --uring-fixed-buffers) >"$TMP/out" 2>&1
rc=$?
set -e
[ $rc -eq 2 ] || { cat "$TMP/out" >&2; fail "past ulimit -l exited $rc"; }
grep -q "^fsconc: --uring-fixed-buffers: 16 blocks of 1048576 bytes pinned exceed the locked-memory limit (ulimit -l: 64 KiB)" "$TMP/out" ||
	{ cat "$TMP/out" >&2; fail "ulimit -l refusal without the figures"; }
assert_no_leftovers "$disk"

# The kernel workers (io-wq) that served each io_uring round are in the
# JSON, and only there; the report names them when there were any.
expect_split 0 $FSCONC --dir "${shm:-$disk}" --engine pwrite,io_uring \
	--files 5 --size 4M --block-size 64K --rounds 2 --warmup 0 \
	--json "$TMP/kw.json"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
cat >"$TMP/kw.py" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
most = 0
for r in doc["results"]:
    for rd in r["rounds"]:
        kw = rd.get("kernel_workers")
        if r["engine"] == "io_uring":
            assert kw is not None and kw["served"] >= 0 and kw["peak"] >= 0, rd
            most = max(most, kw["served"])
        else:
            assert kw is None, r["engine"]
print(most)
PY
served=$(python3 "$TMP/kw.py" "$TMP/kw.json") || fail "kernel_workers in the JSON"
if [ "$served" -gt 0 ]; then
	grep -q "writes in flight handed to $served kernel worker" \
		"$TMP/stdout" || { cat "$TMP/stdout" >&2;
		fail "$served kernel workers not in the report"; }
else
	! grep -q "kernel worker" "$TMP/stdout" ||
		fail "kernel workers named where none served"
fi
