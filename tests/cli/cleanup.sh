#!/bin/sh
# cleanup.sh - `fsconc cleanup DIR` after a kill -9 removes exactly the
# run directory left behind; it leaves a live run alone, also one started
# under another name, and in a run directory it removes fsconc's files
# only; MPI ranks' directories are removed on the host that made them,
# and left alone elsewhere; what it prints about a directory named with
# control characters reaches the terminal as '?'.  A file removed behind
# a run fails it with one message.  The subdirectories of
# --dirs-per-target go with their files, only when they are fsconc's.
# (cleanup-root.sh: the cases that need root.)
. "$(dirname "$0")/setup.sh"

# --- kill -9 mid-run, then cleanup ---
D=$TMP/d
mkdir "$D" "$D/sub"
head -c 10000 /dev/urandom >"$D/mine.dat"
sum=$(sha256sum <"$D/mine.dat")

# Kill while the run holds files.  Between trials it holds none: an fsync
# after each write keeps it inside the trials nearly all the time, and
# the rare kill that lands between two is tried again.
for attempt in 1 2 3 4 5; do
	start_long "$D" --fsync each
	i=0
	until ls -A "$run_dir" 2>/dev/null | grep -q '^s'; do
		i=$((i + 1))
		[ $i -lt 2000 ] || fail "no file appeared in $run_dir"
	done
	kill -KILL "$fsconc_pid"
	st=0
	wait "$long_pid" || st=$?
	long_pid=""
	[ $st -eq 137 ] || fail "kill -9: fsconc exited $st, expected 137"
	[ -f "$run_dir/.fsconc-run" ] || fail "kill -9: no marker left in $run_dir"
	nfiles=$(ls -A "$run_dir" | grep -c '^s' || true)
	[ "$nfiles" -eq 0 ] || break
	echo "kill -9 (try $attempt) landed between trials; again" >&2
	# An empty run directory is still a leftover: clean it and retry.
	"$FSCONC" cleanup "$D" >/dev/null
done
[ "$nfiles" -gt 0 ] || fail "kill -9 never left a file behind in 5 tries"
ls -A "$D" | grep '^\.fsconc-' >"$TMP/left"
[ "$(cat "$TMP/left")" = "$(basename "$run_dir")" ] ||
	fail "kill -9: expected only $(basename "$run_dir") in $D: $(cat "$TMP/left")"

expect_split 0 "$FSCONC" cleanup "$D"
grep -q "^removed $run_dir ($nfiles files\?)" "$TMP/stdout" ||
	fail "cleanup: expected 'removed $run_dir ($nfiles files)': $(cat "$TMP/stdout" "$TMP/stderr")"
[ ! -e "$run_dir" ] || fail "cleanup left $run_dir: $(ls -A "$run_dir")"
[ "$(ls -A "$D" | tr '\n' ' ')" = "mine.dat sub " ] ||
	fail "cleanup removed or left other entries: $(ls -A "$D")"
[ "$(sha256sum <"$D/mine.dat")" = "$sum" ] || fail "cleanup changed mine.dat"

expect_split 0 "$FSCONC" cleanup "$D"
cat "$TMP/stdout" "$TMP/stderr" | grep -q "nothing to clean" ||
	fail "second cleanup: $(cat "$TMP/stdout" "$TMP/stderr")"

# --- a live run's directory is in use ---
L=$TMP/live
mkdir "$L"
start_long "$L"
expect_split 1 "$FSCONC" cleanup "$L"
cat "$TMP/stdout" "$TMP/stderr" | grep -q "$run_dir: .*in use.*$fsconc_pid" ||
	fail "cleanup of a live run: $(cat "$TMP/stdout" "$TMP/stderr")"
[ -f "$run_dir/.fsconc-run" ] || fail "cleanup touched the live $run_dir"
kill -0 "$fsconc_pid" 2>/dev/null || fail "the live run died during cleanup"
kill -TERM "$fsconc_pid"
st=0
wait "$long_pid" || st=$?
long_pid=""
[ $st -eq 143 ] || fail "the live run, after cleanup and SIGTERM, exited $st: $(cat "$TMP/long.err")"
[ -z "$(ls -A "$L")" ] || fail "the live run left $(ls -A "$L")"

# --- a run directory with entries fsconc did not create ---
F=$TMP/foreign
mkdir "$F"
expect_split 0 "$FSCONC" --dir "$F" $SMALL --engine pwrite --keep
run_dir=$(sed -n 's/^kept: //p' "$TMP/stdout")
[ -d "$run_dir" ] || fail "--keep: no run directory kept in $F"
echo "notes" >"$run_dir/notes.txt"
ln -s ../../d/mine.dat "$run_dir/s7.pwrite.j1.000000"	# named like ours
mkdir "$run_dir/s8.pwrite.j1.000000"			# named like ours
set +e
"$FSCONC" cleanup "$F" >"$TMP/stdout" 2>&1
st=$?
set -e
[ $st -eq 1 ] || fail "cleanup with foreign entries exited $st: $(cat "$TMP/stdout")"
grep -q "$run_dir: removed 2 files" "$TMP/stdout" ||
	fail "cleanup with foreign entries: $(cat "$TMP/stdout")"
[ -f "$run_dir/.fsconc-run" ] || fail "cleanup removed the marker of a directory it keeps"
stay=$(ls -A "$run_dir" | grep -vx '.fsconc-run' | sort | tr '\n' ' ')
[ "$stay" = "notes.txt s7.pwrite.j1.000000 s8.pwrite.j1.000000 " ] ||
	fail "cleanup removed foreign entries or left its own: $stay"
[ "$(cat "$run_dir/notes.txt")" = notes ] || fail "notes.txt changed"
[ -L "$run_dir/s7.pwrite.j1.000000" ] || fail "the symlink named like fsconc's file was removed"
[ "$(sha256sum <"$D/mine.dat")" = "$sum" ] || fail "the file behind the symlink changed"
# Without the foreign entries, the directory goes.
rm "$run_dir/notes.txt" "$run_dir/s7.pwrite.j1.000000"
rmdir "$run_dir/s8.pwrite.j1.000000"
expect_split 0 "$FSCONC" cleanup "$F"
[ -z "$(ls -A "$F")" ] || fail "cleanup left $(ls -A "$F")"

# --- the run directories of MPI ranks (.fsconc-HOST-rRANK-XXXXXX) ---
# One made on this host by a rank that is gone is removed; one whose
# marker names another host (a shared file system) is left to that host;
# names that only look like a rank's are not run directories at all.
M=$TMP/ranks
mkdir "$M"
me=$(hostname)
rank_dir() {	# NAME HOST: a directory as a rank of a finished run leaves it
	mkdir -m 0700 "$M/$1"
	printf 'fsconc run directory\nversion 0\npid 999999999\nhost %s\nrank 3\n' \
		"$2" >"$M/$1/.fsconc-run"
	head -c 5000 /dev/zero >"$M/$1/s0.pwrite.j1.000000"
}
rank_dir ".fsconc-$me-r3-AbC123" "$me"
rank_dir ".fsconc-elsewhere.example-r12-XyZ789" "elsewhere.example"
rank_dir ".fsconc-$me-rx-AbC123" "$me"		# no rank number
rank_dir ".fsconc-$me-r3AbC1234" "$me"		# no dash before XXXXXX
set +e
"$FSCONC" cleanup "$M" >"$TMP/stdout" 2>&1
st=$?
set -e
[ $st -eq 1 ] || fail "cleanup of rank directories exited $st: $(cat "$TMP/stdout")"
grep -q "^removed $M/.fsconc-$me-r3-AbC123 (1 file)" "$TMP/stdout" ||
	fail "this host's rank directory was not removed: $(cat "$TMP/stdout")"
grep -q "fsconc-elsewhere.example-r12-XyZ789: made on host elsewhere.example, left alone" \
	"$TMP/stdout" || fail "another host's directory: $(cat "$TMP/stdout")"
[ -f "$M/.fsconc-elsewhere.example-r12-XyZ789/s0.pwrite.j1.000000" ] ||
	fail "cleanup removed another host's file"
for d in ".fsconc-$me-rx-AbC123" ".fsconc-$me-r3AbC1234"; do
	[ -f "$M/$d/s0.pwrite.j1.000000" ] || fail "cleanup took $d for a run directory"
done
[ ! -e "$M/.fsconc-$me-r3-AbC123" ] || fail "the removed directory is still there"

# --- a live run started under another name is in use all the same ---
# Liveness is the lock the run holds on its marker, not a process name.
N=$TMP/named
mkdir "$N"
ln -s "$FSCONC" "$TMP/bench"
real_fsconc=$FSCONC
FSCONC=$TMP/bench
start_long "$N"
FSCONC=$real_fsconc
expect_split 1 "$FSCONC" cleanup "$N"
grep -q "$run_dir: .*in use.*$fsconc_pid" "$TMP/stderr" ||
	fail "cleanup of a run named bench: $(cat "$TMP/stdout" "$TMP/stderr")"
! grep -q '^removed' "$TMP/stdout" || fail "cleanup removed a live run's directory: $(cat "$TMP/stdout")"
[ -f "$run_dir/.fsconc-run" ] || fail "cleanup removed the marker of the live run named bench"
# Had cleanup taken a file of the run's, the run would fail (exit 1).
kill -0 "$fsconc_pid" 2>/dev/null || fail "the run named bench died during cleanup: $(cat "$TMP/long.err")"
kill -TERM "$fsconc_pid"
st=0
wait "$long_pid" || st=$?
long_pid=""
[ $st -eq 143 ] || fail "the run named bench, after cleanup and SIGTERM, exited $st: $(cat "$TMP/long.err")"
[ -z "$(ls -A "$N")" ] || fail "the run named bench left $(ls -A "$N")"

# --- names with control characters, C0 and C1, in what cleanup prints ---
C=$TMP/ctl
mkdir "$C"
dead_dir() {	# NAME: a run directory as a run killed with -9 leaves it
	mkdir -m 0700 "$C/$1"
	printf 'fsconc run directory\nversion 0\npid 999999999\n' >"$C/$1/.fsconc-run"
	head -c 5000 /dev/zero >"$C/$1/s0.pwrite.j1.000000"
}
dead_dir "$(printf '.fsconc-\033c\033[2J')"	# ESC c: reset the terminal
dead_dir "$(printf '.fsconc-\302\2332Jab')"	# U+009B, CSI in UTF-8
dead_dir "$(printf '.fsconc-\2332Jabc')"	# 0x9b, CSI in 8 bits
expect_split 0 "$FSCONC" cleanup "$C"
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177\200-\237]')" "$TMP/stdout" "$TMP/stderr"; then
	fail "cleanup printed a control character: $(cat -A "$TMP/stdout" "$TMP/stderr")"
fi
for want in ".fsconc-?c?\[2J" ".fsconc-?2Jab" ".fsconc-?2Jabc"; do
	grep -q "^removed $C/$want (1 file)\$" "$TMP/stdout" ||
		fail "cleanup did not print 'removed $C/$want (1 file)': $(cat -A "$TMP/stdout")"
done
[ -z "$(ls -A "$C")" ] || fail "cleanup left in $C: $(ls -A "$C")"

# --- a file removed behind a run fails it, said once ---
R=$TMP/removed
mkdir "$R"
start_long "$R" --fsync each
i=0
until f=$(ls -A "$run_dir" 2>/dev/null | grep '^s' | head -n 1) && [ -n "$f" ] &&
	rm "$run_dir/$f" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 5000 ] || fail "no file of the run to remove in $run_dir"
done
st=0
wait "$long_pid" || st=$?
long_pid=""
[ $st -eq 1 ] || fail "a run whose file was removed exited $st: $(cat "$TMP/long.err")"
n=$(grep -c "remove .*No such file or directory" "$TMP/long.err" || true)
[ "$n" -eq 1 ] || fail "the removed file is reported $n times, not once: $(cat "$TMP/long.err")"
[ -z "$(ls -A "$R")" ] || fail "the run left $(ls -A "$R")"

# An empty run directory without its marker (a run stopped while the
# device held up its removal) is removed; one of another mode stays.
E=$TMP/empty
mkdir "$E" "$E/.fsconc-EEEEEE" "$E/.fsconc-FFFFFF"
chmod 0700 "$E/.fsconc-EEEEEE"
chmod 0755 "$E/.fsconc-FFFFFF"
st=0
"$FSCONC" cleanup "$E" >"$TMP/stdout" 2>"$TMP/stderr" || st=$?
[ $st -eq 1 ] || fail "cleanup of an empty run directory and a 0755 one exited $st, expected 1"
grep -q "removed $E/.fsconc-EEEEEE (empty)" "$TMP/stdout" ||
	fail "cleanup did not remove the empty run directory: $(cat "$TMP/stdout" "$TMP/stderr")"
[ ! -e "$E/.fsconc-EEEEEE" ] || fail "cleanup left the empty run directory"
[ -d "$E/.fsconc-FFFFFF" ] || fail "cleanup removed a directory of mode 0755"

# --- the subdirectories of --dirs-per-target ---
# Those fsconc made go with the files in them; a subdirectory named like
# one but not fsconc's (a symbolic link to someone's directory, another
# mode, with a foreign entry) stays with a line saying why, and so does
# what it leads to.
T=$TMP/tree
mkdir "$T" "$T/victim"
head -c 3000 /dev/urandom >"$T/victim/s0.pwrite.j1.000001"	# named like ours
vsum=$(sha256sum <"$T/victim/s0.pwrite.j1.000001")
expect_split 0 "$FSCONC" --dir "$T" $SMALL --files 6 --engine pwrite \
	--dirs-per-target 3 --keep
run_dir=$(sed -n 's/^kept: //p' "$TMP/stdout")
[ -d "$run_dir/d0002" ] || fail "--keep --dirs-per-target: no subdirectory kept"
expect_split 0 "$FSCONC" cleanup "$T"
grep -q "^removed $run_dir (6 files in 3 subdirectories)" "$TMP/stdout" ||
	fail "cleanup of subdirectories: $(cat "$TMP/stdout" "$TMP/stderr")"
[ "$(ls -A "$T")" = victim ] || fail "cleanup left $(ls -A "$T")"

expect_split 0 "$FSCONC" --dir "$T" $SMALL --files 8 --engine pwrite \
	--dirs-per-target 4 --keep
run_dir=$(sed -n 's/^kept: //p' "$TMP/stdout")
echo notes >"$run_dir/d0000/notes.txt"
rm -r "$run_dir/d0001"
ln -s "$T/victim" "$run_dir/d0001"
chmod 0755 "$run_dir/d0002"
mkdir -m 0700 "$run_dir/d0003/d0000"		# nested: not fsconc's
st=0
"$FSCONC" cleanup "$T" >"$TMP/stdout" 2>"$TMP/stderr" || st=$?
[ $st -eq 1 ] || fail "cleanup of forged subdirectories exited $st, expected 1"
grep -q "$run_dir/d0000: removed 2 files; 1 entry fsconc did not create stay" \
	"$TMP/stderr" || fail "a foreign file in a subdirectory: $(cat "$TMP/stderr")"
grep -q "$run_dir/d0001: not a directory, so not a subdirectory fsconc made, left alone" \
	"$TMP/stderr" || fail "a symlinked subdirectory: $(cat "$TMP/stderr")"
grep -q "$run_dir/d0002: owner uid [0-9]*, mode 0755: .*left alone" \
	"$TMP/stderr" || fail "a subdirectory of mode 0755: $(cat "$TMP/stderr")"
grep -q "$run_dir/d0003: removed 2 files; 1 entry fsconc did not create stay" \
	"$TMP/stderr" || fail "a nested directory: $(cat "$TMP/stderr")"
[ "$(sha256sum <"$T/victim/s0.pwrite.j1.000001")" = "$vsum" ] ||
	fail "cleanup changed the file behind the symlinked subdirectory"
[ -L "$run_dir/d0001" ] && [ "$(cat "$run_dir/d0000/notes.txt")" = notes ] &&
	[ -f "$run_dir/d0002/s0.pwrite.j1.000002" ] && [ -d "$run_dir/d0003/d0000" ] &&
	[ -f "$run_dir/.fsconc-run" ] || fail "cleanup removed what it must leave: $(ls -laR "$run_dir")"
rm -rf "$run_dir"
