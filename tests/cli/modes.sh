#!/bin/sh
# modes.sh - every --mode and --fsync runs, leaves nothing behind, and
# with --keep leaves files of exactly --size, fully written.
. "$(dirname "$0")/setup.sh"

D=$TMP/d
mkdir "$D"
# 768 KiB in three 256 KiB writes: a size that is not a power of two.
W="--files 2 --size 768K --block-size 256K --rounds 1 --warmup 0 --engine pwrite,threads"

# Without --keep: each mode and each fsync once; the run reports and
# removes everything.
for combo in create.none truncate.none overwrite.none create.end create.each; do
	mode=${combo%.*}
	fsync=${combo#*.}
	what="--mode $mode --fsync $fsync"
	expect_split 0 "$FSCONC" --dir "$D" $W --mode "$mode" --fsync "$fsync"
	head -1 "$TMP/stdout" | grep -q "mode $mode, fsync $fsync" ||
		fail "$what: the header does not say so: $(head -1 "$TMP/stdout")"
	[ "$(grep -c '^verdict: ' "$TMP/stdout")" -eq 1 ] ||
		fail "$what: no verdict: $(cat "$TMP/stdout")"
	assert_no_leftovers "$D"
	[ -z "$(ls -A "$D")" ] || fail "$what: left in $D: $(ls -A "$D")"
done

# With --keep: each mode, with each fsync among them.
for combo in create.end truncate.none truncate.each overwrite.end overwrite.each; do
	mode=${combo%.*}
	fsync=${combo#*.}
	what="--mode $mode --fsync $fsync"
	expect_split 0 "$FSCONC" --dir "$D" $W --mode "$mode" --fsync "$fsync" --keep
	n=0
	for f in "$D"/.fsconc-*/s*; do
		[ -f "$f" ] || fail "$what --keep: no file kept in $D"
		size=$(stat -c %s "$f")
		[ "$size" -eq 786432 ] ||
			fail "$what --keep: $f is $size bytes, expected 786432"
		# fsconc writes no zero byte: a zero is a hole or a lost write.
		[ "$(tr -d '\000' <"$f" | wc -c)" -eq 786432 ] ||
			fail "$what --keep: $f holds zero bytes"
		n=$((n + 1))
	done
	[ $n -eq 4 ] || fail "$what --keep: $n files kept, expected 4"
	expect_split 0 "$FSCONC" cleanup "$D"
	[ -z "$(ls -A "$D")" ] || fail "$what: cleanup left in $D: $(ls -A "$D")"
done
