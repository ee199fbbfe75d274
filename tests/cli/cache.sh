#!/bin/sh
# cache.sh - --cache buffered|direct|dontcache: parsed and saved, --direct
# is --cache direct; dontcache writes with RWF_DONTCACHE through every
# engine that has per-write flags, verified, and the page cache does not
# keep what it wrote; refused with the kernel version where the file
# system (tmpfs) or the kernel has no uncached writes, and for posixaio.
. "${top_srcdir:-.}/tests/cli/setup.sh"

disk="$TMP/disk"
mkdir "$disk"
shm=""
if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
	shm=$(mktemp -d /dev/shm/fsconc-test.XXXXXX)
	rm_shm() { rm -rf "$shm"; }
	at_exit rm_shm
fi

# The cache mode a result file saved.
saved_cache() {
	sed -n 's/.*"cache": *"\([a-z]*\)".*/\1/p' "$1" | head -n 1
}

# Bad input: one line, exit 2, nothing created.
expect_status 2 $FSCONC --dir "$disk" $SMALL --cache none
grep -q "^fsconc: --cache 'none': " "$TMP/out" ||
	fail "--cache none: no message naming the option"
assert_no_leftovers "$disk"

# buffered, the default, on the disk directory and on tmpfs, verified.
for d in "$disk" $shm; do
	expect_status 0 $FSCONC --dir "$d" $SMALL --cache buffered --verify \
		--json "$TMP/b.json"
	[ "$(saved_cache "$TMP/b.json")" = buffered ] ||
		fail "--cache buffered not saved as such in $d"
	grep -q '"direct": *false' "$TMP/b.json" || fail "buffered saved direct"
	assert_no_leftovers "$d"
done
expect_status 0 $FSCONC --dir "$disk" $SMALL --json "$TMP/d.json"
[ "$(saved_cache "$TMP/d.json")" = buffered ] || fail "default not buffered"

# --cache direct is --direct: the same refusal or the same run.
set +e
$FSCONC --dir "$disk" $SMALL --cache direct --verify --json "$TMP/c.json" \
	>"$TMP/c.out" 2>&1
rc_cache=$?
$FSCONC --dir "$disk" $SMALL --direct --verify >"$TMP/o.out" 2>&1
rc_direct=$?
set -e
[ $rc_cache -eq $rc_direct ] ||
	fail "--cache direct exited $rc_cache, --direct $rc_direct"
if [ $rc_cache -eq 0 ]; then
	[ "$(saved_cache "$TMP/c.json")" = direct ] || fail "direct not saved"
	grep -q '"direct": *true' "$TMP/c.json" || fail "direct: true not saved"
	grep -q "O_DIRECT" "$TMP/c.out" || fail "header lacks O_DIRECT"
fi
# The last of --direct and --cache wins.
expect_status 0 $FSCONC --dir "$disk" $SMALL --direct --cache buffered \
	--json "$TMP/l.json"
[ "$(saved_cache "$TMP/l.json")" = buffered ] || fail "--cache after --direct"

# posixaio cannot: refused when named, left out of --engine all.
expect_status 2 $FSCONC --dir "$disk" $SMALL --cache dontcache \
	--engine posixaio
grep -q "posixaio.*no --cache dontcache" "$TMP/out" ||
	fail "posixaio under --cache dontcache: no reason given"
assert_no_leftovers "$disk"

# tmpfs has no uncached writes (Linux 6.18): refused with the kernel
# version; a kernel whose tmpfs takes them runs, verified.
if [ -n "$shm" ]; then
	set +e
	$FSCONC --dir "$shm" $SMALL --cache dontcache --verify \
		>"$TMP/out" 2>&1
	rc=$?
	set -e
	case $rc in
	0) grep -q "uncached" "$TMP/out" || fail "header lacks uncached" ;;
	2) grep -q "^fsconc: --cache dontcache: $shm (tmpfs) takes no uncached buffered writes (RWF_DONTCACHE) on Linux $(uname -r);" "$TMP/out" ||
		{ cat "$TMP/out" >&2; fail "tmpfs refusal without the reason"; } ;;
	*) cat "$TMP/out" >&2; fail "--cache dontcache on tmpfs exited $rc" ;;
	esac
	assert_no_leftovers "$shm"
fi

# The disk directory: every engine that can, verified.
fstype=$(stat -f -c %T "$disk")
set +e
$FSCONC --dir "$disk" $SMALL --cache dontcache --verify --engine pwrite \
	>"$TMP/out" 2>&1
rc=$?
set -e
if [ $rc -eq 2 ] && grep -q "takes no uncached buffered writes" "$TMP/out"
then
	assert_no_leftovers "$disk"
	skip "$disk ($fstype) has no RWF_DONTCACHE on Linux $(uname -r)"
fi
[ $rc -eq 0 ] || { cat "$TMP/out" >&2; fail "dontcache on $fstype: $rc"; }
$FSCONC --list-engines >"$TMP/list"
engines=""
for e in pwrite threads libaio io_uring; do
	grep -A1 "^$e " "$TMP/list" | tail -n 1 | grep -q available &&
		engines="$engines${engines:+,}$e"
done
for mode in create overwrite; do
	expect_status 0 $FSCONC --dir "$disk" $SMALL --cache dontcache \
		--verify --mode $mode --engine "$engines" --iodepth 4 \
		--json "$TMP/u.json"
	grep -q "uncached, verified" "$TMP/out" || fail "header: uncached"
	[ "$(saved_cache "$TMP/u.json")" = dontcache ] ||
		fail "dontcache not saved"
	assert_no_leftovers "$disk"
done
# --engine all leaves posixaio out, saying why.
expect_status 0 $FSCONC --dir "$disk" $SMALL --cache dontcache \
	--engine all
grep -q "posixaio" "$TMP/out" || fail "posixaio left out silently"
assert_no_leftovers "$disk"

# The page cache: a kept 32 MiB file stays resident after a buffered
# run, and not after an uncached one (written back, then dropped).
command -v fincore >/dev/null 2>&1 || skip "no fincore(1) (util-linux)"
resident() {	# DIR: bytes of the kept data file in the page cache
	f=$(find "$1" -name 's0.*' -type f | head -n 1)
	[ -n "$f" ] || fail "no kept file in $1"
	fincore --bytes --noheadings --output RES "$f" | tr -d ' '
}
size=33554432
for e in $(echo "$engines" | tr , ' '); do
	for c in buffered dontcache; do
		rm -rf "$disk/keep"
		mkdir "$disk/keep"
		expect_status 0 $FSCONC --dir "$disk/keep" --files 1 \
			--size 32M --block-size 1M --rounds 1 --warmup 0 \
			--engine "$e" --cache $c --keep -Q
		res=$(resident "$disk/keep")
		expect_status 0 $FSCONC cleanup "$disk/keep"
		if [ $c = buffered ] && [ "$res" -lt $((size / 2)) ]; then
			skip "the page cache does not keep a buffered file" \
				"here ($res of $size bytes resident)"
		fi
		if [ $c = dontcache ] && [ "$res" -ge $((size / 4)) ]; then
			fail "$e --cache dontcache left $res of $size bytes" \
				"in the page cache"
		fi
	done
done
