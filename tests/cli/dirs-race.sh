#!/bin/sh
# dirs-race.sh - the subdirectories of --dirs-per-target swapped during a
# run: one moved away and replaced by a symbolic link to a victim
# directory, another by a directory that is not fsconc's holding a file
# named like fsconc's.  fsconc goes on writing through its own
# descriptors, so the victim and the foreign file are untouched; its own
# files, where the swapped directories went, are removed; the run fails
# (exit 1) naming the subdirectory, and leaves what it did not make.
# With --keep too.
. "$(dirname "$0")/setup.sh"

D=$TMP/d
V=$TMP/victim
mkdir "$D" "$V"
for k in 0 1 2 3; do
	head -c 4096 /dev/urandom >"$V/s0.pwrite.j1.00000$k"	# named like ours
done
ln -s /etc/passwd "$V/link"
state() {	# DIR: every entry, its type, size and contents
	(cd "$1" && find . -printf '%p %y %s %l\n' | sort &&
	 find . -type f -exec sha256sum {} + | sort -k 2)
}
state "$V" >"$TMP/victim.before"

# Swap while the run is in its trials: its run directory and
# subdirectories are made before the first one.
# Trials of 20000 creates: the swaps land inside the first.
start_long "$D" --engine pwrite --files 20000 --size 0 --dirs-per-target 2
i=0
until [ -d "$run_dir/d0001" ]; do
	i=$((i + 1))
	[ $i -lt 2000 ] || fail "no subdirectory d0001 in $run_dir"
	kill -0 "$long_pid" 2>/dev/null || fail "the run ended: $(cat "$TMP/long.err")"
done
mv "$run_dir/d0000" "$run_dir/moved0"
ln -s "$V" "$run_dir/d0000"
mv "$run_dir/d0001" "$run_dir/moved1"
mkdir -m 0700 "$run_dir/d0001"
echo theirs >"$run_dir/d0001/s0.pwrite.j1.000001"
st=0
wait "$long_pid" || st=$?
long_pid=""
[ $st -eq 1 ] || fail "a run whose subdirectories were swapped exited $st: $(cat "$TMP/long.err")"
grep -q "^fsconc: $run_dir/d0000 was moved or replaced during the run: it is not the directory fsconc made, and is left alone" \
	"$TMP/long.err" || fail "the swap is not said: $(cat "$TMP/long.err")"
state "$V" >"$TMP/victim.after"
cmp -s "$TMP/victim.before" "$TMP/victim.after" || {
	diff "$TMP/victim.before" "$TMP/victim.after" >&2 || :
	fail "the victim directory changed (diff above)"
}
[ -L "$run_dir/d0000" ] || fail "the symbolic link in place of d0000 was removed"
[ "$(cat "$run_dir/d0001/s0.pwrite.j1.000001")" = theirs ] ||
	fail "the file in the directory in place of d0001 changed"
[ -z "$(ls -A "$run_dir/moved0")" ] && [ -z "$(ls -A "$run_dir/moved1")" ] ||
	fail "fsconc's files stayed where its subdirectories went: $(ls -lR "$run_dir")"
rm -rf "$run_dir"
assert_no_leftovers "$D"

# With --keep the last round's files are not removed after their trial:
# the subdirectories are checked before the run ends, and a swap fails it
# all the same (what it would have kept removed).
for attempt in 1 2 3 4 5; do
	"$FSCONC" --dir "$D" --engine pwrite --files 4000 --size 0 \
		--rounds 1 --warmup 0 --dirs-per-target 2 --keep \
		>"$TMP/keep.out" 2>"$TMP/keep.err" &
	keep_pid=$!
	i=0
	until sub=$(ls -d "$D"/.fsconc-*/d0000 2>/dev/null); do
		i=$((i + 1))
		[ $i -lt 20000 ] || fail "--keep: no subdirectory d0000"
	done
	run_dir=$(dirname "$sub")
	mv "$sub" "$run_dir/moved0" && ln -s "$V" "$sub" || :
	st=0
	wait "$keep_pid" || st=$?
	[ $st -ne 0 ] || { rm -rf "$run_dir"; continue; }	# done before the swap
	[ $st -eq 1 ] || fail "--keep, swapped: exited $st: $(cat "$TMP/keep.err")"
	grep -q "^fsconc: $run_dir/d0000 was moved or replaced during the run" \
		"$TMP/keep.err" || fail "--keep: the swap is not said: $(cat "$TMP/keep.err")"
	state "$V" >"$TMP/victim.after"
	cmp -s "$TMP/victim.before" "$TMP/victim.after" ||
		fail "--keep: the victim directory changed"
	[ -z "$(ls -A "$run_dir/moved0")" ] ||
		fail "--keep, failed: fsconc's files stayed in its moved subdirectory"
	rm -rf "$run_dir"
	exit 0
done
fail "the run ended before the swap in 5 tries"
