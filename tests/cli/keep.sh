#!/bin/sh
# keep.sh - --keep leaves the last round's files in one marked run
# directory per target, named and dealt as documented, and `fsconc
# cleanup` then removes all of it.
. "$(dirname "$0")/setup.sh"

A=$TMP/a
B=$TMP/b
mkdir "$A" "$B"

expect_split 0 "$FSCONC" --keep --dir "$A" --dir "$B" --files 5 --size 1M \
	--block-size 256K --engine pwrite,threads --jobs 2 --rounds 2 --warmup 1
grep '^kept: ' "$TMP/stdout" | sed 's/^kept: //' >"$TMP/kept"

# The files one target must hold: s<set>.<engine>.j<jobs>.<index> for
# each index of each set on it.  Sets: 0 = A alone, 1 = B alone, 2 =
# split, which deals file i to dir i mod 2 (3 files to A, 2 to B).
expected() {
	for i in $2; do
		printf 's%s.pwrite.j1.%06d\ns%s.threads.j2.%06d\n' "$1" "$i" "$1" "$i"
	done
}
{ expected 0 "0 1 2 3 4"; expected 2 "0 2 4"; } | sort >"$TMP/want.a"
{ expected 1 "0 1 2 3 4"; expected 2 "1 3"; } | sort >"$TMP/want.b"

for d in "$A" "$B"; do
	name=$(basename "$d")
	ls -A "$d" >"$TMP/top"
	[ "$(wc -l <"$TMP/top")" -eq 1 ] ||
		fail "$d: expected one entry, the run directory: $(cat "$TMP/top")"
	run=$d/$(cat "$TMP/top")
	case $(basename "$run") in
	.fsconc-??????) ;;
	*) fail "$d: $(basename "$run") is not named .fsconc-XXXXXX" ;;
	esac
	[ -d "$run" ] && [ ! -L "$run" ] || fail "$run is not a directory"
	[ -f "$run/.fsconc-run" ] || fail "$run has no .fsconc-run marker"
	grep -qx "$run" "$TMP/kept" || fail "no 'kept: $run' line"

	ls -A "$run" | grep -vx '.fsconc-run' | sort >"$TMP/got.$name"
	if ! cmp -s "$TMP/got.$name" "$TMP/want.$name"; then
		diff "$TMP/want.$name" "$TMP/got.$name" >&2 || true
		fail "$run: not the files expected (diff above: - wanted, + found)"
	fi
	while read -r f; do
		[ -f "$run/$f" ] && [ ! -L "$run/$f" ] || fail "$run/$f is not a regular file"
		size=$(stat -c %s "$run/$f")
		[ "$size" -eq 1048576 ] || fail "$run/$f: $size bytes, expected 1 MiB"
		# fsconc writes no zero byte: a zero means a hole or a lost write.
		[ "$(tr -d '\000' <"$run/$f" | wc -c)" -eq 1048576 ] ||
			fail "$run/$f: holds zero bytes, not all of it was written"
	done <"$TMP/got.$name"
done
[ "$(wc -l <"$TMP/kept")" -eq 2 ] || fail "expected two 'kept:' lines: $(cat "$TMP/kept")"

# cleanup removes each run directory entirely, and says how many files.
expect_split 0 "$FSCONC" cleanup "$A"
grep -q "^removed $A/\.fsconc-[^ ]* (16 files)" "$TMP/stdout" ||
	fail "cleanup $A: $(cat "$TMP/stdout" "$TMP/stderr")"
expect_split 0 "$FSCONC" cleanup "$B"
grep -q "^removed $B/\.fsconc-[^ ]* (14 files)" "$TMP/stdout" ||
	fail "cleanup $B: $(cat "$TMP/stdout" "$TMP/stderr")"
for d in "$A" "$B"; do
	[ -z "$(ls -A "$d")" ] || fail "cleanup left in $d: $(ls -A "$d")"
done
