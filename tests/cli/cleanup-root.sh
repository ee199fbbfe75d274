#!/bin/sh
# cleanup-root.sh - `fsconc cleanup` run by root: a live run inside a PID
# namespace of its own is left alone (its pid means nothing outside);
# directories that only look like fsconc's -- another user's, with a
# forged marker, of another mode, or holding another user's file or a
# hard link, also in a subdirectory -- are left alone with a line saying why; on a read-only file
# system cleanup names EROFS.  In a mount namespace of its own.
. "$(dirname "$0")/setup.sh"
private_mounts
id nobody >/dev/null 2>&1 || skip "no user nobody to own the forged directories"
uid=$(id -u nobody)
gid=$(id -g nobody)

# --- a live run in a PID namespace ---
P=$TMP/pidns
mkdir "$P"
unshare --pid --fork --kill-child --mount-proc true 2>/dev/null ||
	skip "unshare --pid --fork --kill-child --mount-proc is refused here"
LONG_PREFIX="unshare --pid --fork --kill-child --mount-proc"
start_long "$P"
LONG_PREFIX=""
# The marker's pid is the namespace's: never signal it from here.
ns_pid=$fsconc_pid
fsconc_pid=""
# The run's pid outside: timeout's child is unshare, whose child is fsconc.
up=$(ps -o pid= --ppid "$long_pid" | tr -d ' ')
real_pid=$(ps -o pid= --ppid "$up" | tr -d ' ')
[ -n "$real_pid" ] || fail "no fsconc under unshare ($up)"
expect_split 1 "$FSCONC" cleanup "$P"
grep -q "$run_dir: .*in use.*pid $ns_pid" "$TMP/stderr" ||
	fail "cleanup of a run in a PID namespace: $(cat "$TMP/stdout" "$TMP/stderr")"
! grep -q '^removed' "$TMP/stdout" || fail "cleanup removed a live run's directory: $(cat "$TMP/stdout")"
[ -f "$run_dir/.fsconc-run" ] || fail "cleanup removed the marker of the run in a PID namespace"
kill -0 "$real_pid" 2>/dev/null || fail "the run in a PID namespace died: $(cat "$TMP/long.err")"
kill -TERM "$real_pid"
wait "$long_pid" || true
long_pid=""
grep -q "interrupted by signal 15" "$TMP/long.err" ||
	fail "the run in a PID namespace did not end on SIGTERM: $(cat "$TMP/long.err")"
! grep -q "No such file" "$TMP/long.err" ||
	fail "the run in a PID namespace lost files: $(cat "$TMP/long.err")"
[ -z "$(ls -A "$P")" ] || fail "the run in a PID namespace left $(ls -A "$P")"

# --- directories that only look like fsconc's ---
F=$TMP/forged
mkdir "$F"
head -c 5000 /dev/urandom >"$TMP/precious"
forge() {	# NAME OWNER MODE: a dead run's directory, as OWNER made it
	mkdir -m "$3" "$F/$1"
	printf 'fsconc run directory\nversion 0\npid 999999999\n' >"$F/$1/.fsconc-run"
	head -c 5000 /dev/urandom >"$F/$1/s0.pwrite.j1.000000"
	chown -R "$2" "$F/$1"
}
forge .fsconc-nobody "$uid:$gid" 0700		# another user's
forge .fsconc-rootwx root 0755			# not fsconc's mode
forge .fsconc-theirs root 0700			# holds another user's file
chown "$uid" "$F/.fsconc-theirs/s0.pwrite.j1.000000"
forge .fsconc-linked root 0700			# holds a hard link
ln "$TMP/precious" "$F/.fsconc-linked/s1.pwrite.j1.000000"
forge .fsconc-nomark root 0700			# its marker is another's
chown "$uid" "$F/.fsconc-nomark/.fsconc-run"
# Subdirectories (--dirs-per-target): one of another user's, one holding
# a hard link.
mkdir -m 0700 "$F/.fsconc-subdir" "$F/.fsconc-subdir/d0000" "$F/.fsconc-subdir/d0001"
printf 'fsconc run directory\nversion 0\npid 999999999\n' >"$F/.fsconc-subdir/.fsconc-run"
head -c 5000 /dev/urandom >"$F/.fsconc-subdir/d0000/s0.pwrite.j1.000000"
chown -R "$uid:$gid" "$F/.fsconc-subdir/d0000"
ln "$TMP/precious" "$F/.fsconc-subdir/d0001/s0.pwrite.j1.000001"
(cd "$F" && find . -printf '%p %u %m %s\n' | sort &&
 find . -type f -exec sha256sum {} + | sort -k 2) >"$TMP/forged.before"
sum=$(sha256sum <"$TMP/precious")
set +e
"$FSCONC" cleanup "$F" >"$TMP/stdout" 2>"$TMP/stderr"
st=$?
set -e
[ $st -eq 1 ] || fail "cleanup of forged directories exited $st: $(cat "$TMP/stdout" "$TMP/stderr")"
grep -q "$F/.fsconc-nobody: owner uid $uid, mode 0700: .*left alone" "$TMP/stderr" ||
	fail "another user's directory: $(cat "$TMP/stderr")"
grep -q "$F/.fsconc-rootwx: owner uid 0, mode 0755: .*left alone" "$TMP/stderr" ||
	fail "a directory of mode 0755: $(cat "$TMP/stderr")"
grep -q "$F/.fsconc-theirs: removed 0 files; 1 entry fsconc did not create stay" "$TMP/stderr" ||
	fail "another user's file: $(cat "$TMP/stderr")"
grep -q "$F/.fsconc-linked: removed 1 file; 1 entry fsconc did not create stay" "$TMP/stderr" ||
	fail "a hard link: $(cat "$TMP/stderr")"
grep -q "$F/.fsconc-nomark: its marker is not a file of this user's.*left alone" "$TMP/stderr" ||
	fail "another user's marker: $(cat "$TMP/stderr")"
grep -q "$F/.fsconc-subdir/d0000: owner uid $uid, mode 0700: .*left alone" "$TMP/stderr" ||
	fail "another user's subdirectory: $(cat "$TMP/stderr")"
grep -q "$F/.fsconc-subdir/d0001: removed 0 files; 1 entry fsconc did not create stay" "$TMP/stderr" ||
	fail "a hard link in a subdirectory: $(cat "$TMP/stderr")"
[ "$(sha256sum <"$TMP/precious")" = "$sum" ] || fail "the hard-linked file changed"
# What stays is what was there, but the one file of root's that cleanup
# could take (in .fsconc-linked).
(cd "$F" && find . -printf '%p %u %m %s\n' | sort &&
 find . -type f -exec sha256sum {} + | sort -k 2) >"$TMP/forged.after"
grep -v '^\./\.fsconc-linked/s0\.pwrite\.j1\.000000 \|  \./\.fsconc-linked/s0\.pwrite\.j1\.000000$' \
	"$TMP/forged.before" | sed 's|^\(\./\.fsconc-linked \S* \S*\) [0-9]*$|\1 SIZE|' >"$TMP/forged.want"
sed 's|^\(\./\.fsconc-linked \S* \S*\) [0-9]*$|\1 SIZE|' "$TMP/forged.after" >"$TMP/forged.got"
if ! cmp -s "$TMP/forged.want" "$TMP/forged.got"; then
	diff "$TMP/forged.want" "$TMP/forged.got" >&2 || true
	fail "cleanup changed the forged directories (diff above)"
fi

# --- a read-only file system: cleanup says so ---
R=$TMP/ro
mkdir "$R"
mkdir -m 0700 "$R/.fsconc-Dead01"
printf 'fsconc run directory\nversion 0\npid 999999999\n' >"$R/.fsconc-Dead01/.fsconc-run"
head -c 5000 /dev/zero >"$R/.fsconc-Dead01/s0.pwrite.j1.000000"
mount --bind "$R" "$R"
mounts="$R $mounts"
case " $cleanup_hooks " in *" umount_all "*) ;; *) at_exit umount_all ;; esac
mount -o remount,bind,ro "$R" || skip "cannot make a read-only bind mount"
set +e
"$FSCONC" cleanup "$R" >"$TMP/stdout" 2>"$TMP/stderr"
st=$?
set -e
[ $st -eq 1 ] || fail "cleanup on a read-only file system exited $st: $(cat "$TMP/stdout" "$TMP/stderr")"
grep -q "$R/.fsconc-Dead01: removed 0 files; cannot remove s0.pwrite.j1.000000: Read-only file system" "$TMP/stderr" ||
	fail "cleanup on a read-only file system: $(cat "$TMP/stderr")"
! grep -q "did not create" "$TMP/stderr" ||
	fail "cleanup on a read-only file system blames entries fsconc did not create: $(cat "$TMP/stderr")"
[ -f "$R/.fsconc-Dead01/s0.pwrite.j1.000000" ] || fail "a file went from a read-only file system"
