#!/bin/sh
# valgrind.sh - memcheck over the pwrite, threads and posixaio paths: a
# verified run with --json and --csv, a write error (EFBIG past ulimit -f),
# a signal mid-run, bad input and `fsconc cleanup`, each with no error and
# no leak (definite, indirect or possible).  The only suppression is
# glibc's own (tests/valgrind.supp).  Skipped without valgrind, and for a
# sanitized build, which valgrind cannot run.
. "$(dirname "$0")/setup.sh"

command -v valgrind >/dev/null 2>&1 || skip "valgrind is not installed (apt-get install valgrind)"
[ "${FSCONC_SANITIZED:-no}" = no ] || skip "a sanitized fsconc cannot run under valgrind"

D=$TMP/d
mkdir "$D"
# hwloc's x86 backend cannot work under valgrind and says so: quiet it.
HWLOC_COMPONENTS=-x86
export HWLOC_COMPONENTS
n=0

# vg STATUS WHAT CMD...: CMD under memcheck exits STATUS (99: memcheck
# found an error) with a clean report; $limit, if set, is a ulimit
# command run first.
limit=:
vg() {
	want=$1 what=$2
	shift 2
	n=$((n + 1))
	set +e
	sh -c "$limit"' && exec "$@"' sh \
		valgrind --error-exitcode=99 --leak-check=full \
		--show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible \
		--suppressions="$top_srcdir/tests/valgrind.supp" \
		--log-file="$TMP/vg.$n" "$@" >"$TMP/out" 2>&1
	st=$?
	set -e
	if [ $st -ne "$want" ] ||
	   ! grep -q 'ERROR SUMMARY: 0 errors' "$TMP/vg.$n"; then
		cat "$TMP/out" "$TMP/vg.$n" >&2
		fail "$what: exited $st (expected $want) or memcheck found errors"
	fi
	grep -q 'All heap blocks were freed\|definitely lost: 0 bytes' "$TMP/vg.$n" ||
		{ cat "$TMP/vg.$n" >&2; fail "$what: no leak summary"; }
}

for e in pwrite threads posixaio; do
	vg 0 "$e, verified run" "$FSCONC" --dir "$D" --engine $e --files 3 \
		--size 1M --block-size 64K --jobs 1,3 --rounds 2 --warmup 1 \
		--verify --dd --json "$TMP/r.json" --csv "$TMP/r.csv"
	[ -s "$TMP/r.json" ] && [ -s "$TMP/r.csv" ] || fail "$e: no --json or --csv"
	limit="ulimit -f 1024"
	vg 1 "$e, EFBIG" "$FSCONC" --dir "$D" --engine $e --files 2 \
		--size 2M --block-size 64K --rounds 1 --warmup 0
	limit=:
	grep -q "File too large" "$TMP/out" || fail "$e, EFBIG: $(cat "$TMP/out")"
	assert_no_leftovers "$D"
done

# A signal mid-run: the monitor thread stops the writers, which drain.
valgrind --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect,possible \
	--suppressions="$top_srcdir/tests/valgrind.supp" \
	--log-file="$TMP/vg.sig" "$FSCONC" --dir "$D" $LONG --engine posixaio,threads \
	>"$TMP/out" 2>&1 &
pid=$!
i=0
until ls "$D"/.fsconc-*/s* >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -lt 300 ] || { kill -KILL $pid; fail "signal: the run never wrote"; }
	sleep 0.05
done
kill -TERM $pid
st=0
wait $pid || st=$?
[ $st -eq 143 ] && grep -q 'ERROR SUMMARY: 0 errors' "$TMP/vg.sig" ||
	{ cat "$TMP/out" "$TMP/vg.sig" >&2; fail "signal: exited $st, or memcheck found errors"; }
assert_no_leftovers "$D"

vg 2 "bad input" "$FSCONC" --dir "$D" --size 4Q
vg 0 "cleanup" "$FSCONC" cleanup "$D"
vg 0 "--list-engines" "$FSCONC" --list-engines
[ -z "$(ls -A "$D")" ] || fail "left in $D: $(ls -A "$D")"
