# setup.sh - sourced by every shell test: strict mode, the binary under
# test, a private temp dir removed on exit, and small helpers.
set -eu

: "${FSCONC:=$(cd "$(dirname "$0")/../.." && pwd)/src/fsconc}"
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
export LC_ALL=C
# The report wraps its lines to $COLUMNS when not on a terminal: wide, so
# the tests find each message on one line (width.sh checks the wrapping).
export COLUMNS=1000
# The machine's ceiling is cached per boot in the build tree, never in
# the home of whoever runs the suite (make clean removes it).
XDG_CACHE_HOME=$(cd "$(dirname "$FSCONC")/.." && pwd)/tests/.cache
mkdir -p "$XDG_CACHE_HOME"
export XDG_CACHE_HOME

# Under make check every test holds a shared lock while it runs; one that
# changes global state (sysctl.sh) takes it alone with
# run_alone, so no other test of the suite runs meanwhile.
if [ -n "${FSCONC_TEST_LOCK:-}" ] && command -v flock >/dev/null 2>&1; then
	exec 9>>"$FSCONC_TEST_LOCK"
	flock -s 9
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/fsconc-test.XXXXXX")
cleanup_hooks=""
on_exit() {
	rc=$?
	for h in $cleanup_hooks; do "$h" || true; done
	rm -rf "$TMP"
	exit $rc
}
trap on_exit EXIT
trap 'exit 130' INT TERM HUP

# The ceiling of this boot, measured before the test if no test has yet:
# a test that injects faults into allocations or limits memory would
# otherwise meet the measure's buffers.
if ! grep -qx "boot $(cat /proc/sys/kernel/random/boot_id 2>/dev/null)" \
	"$XDG_CACHE_HOME/fsconc/ceiling" 2>/dev/null; then
	"$FSCONC" --dir "$TMP" --engine pwrite --files 1 --size 0 \
		--rounds 1 --warmup 0 -Q >/dev/null 2>&1 || :
fi

# Register a function to run at exit, before $TMP goes (unmount, losetup -d).
at_exit() { cleanup_hooks="$1 $cleanup_hooks"; }

fail() { echo "FAIL: $*" >&2; exit 1; }

# run_alone: wait until no other test runs, and keep them waiting (run by
# hand, outside make check, the test is alone as far as it knows).
run_alone() {
	[ -n "${FSCONC_TEST_LOCK:-}" ] || return 0
	command -v flock >/dev/null 2>&1 || skip "no flock(1): cannot run alone"
	flock -u 9
	flock -x 9
}
skip() { echo "SKIP: $*" >&2; exit 77; }

# A tiny, fast workload: 2 files x 1 MiB, 64 KiB writes, one round.
SMALL="--files 2 --size 1M --block-size 64K --rounds 1 --warmup 0"

# expect_status N CMD...: run CMD, fail unless it exits N; output in $TMP/out.
expect_status() {
	want=$1; shift
	set +e
	"$@" >"$TMP/out" 2>&1
	got=$?
	set -e
	[ "$got" -eq "$want" ] || { cat "$TMP/out" >&2; fail "'$*' exited $got, expected $want"; }
}

# No fsconc run directory may remain in dir.
assert_no_leftovers() {
	if ls -A "$1" | grep -q '^\.fsconc-'; then
		ls -la "$1" >&2
		fail "leftovers of fsconc in $1"
	fi
}

# expect_split N CMD...: as expect_status, with stdout in $TMP/stdout and
# stderr in $TMP/stderr, for tests that look at each stream.
expect_split() {
	want=$1; shift
	set +e
	"$@" >"$TMP/stdout" 2>"$TMP/stderr"
	got=$?
	set -e
	if [ "$got" -ne "$want" ]; then
		cat "$TMP/stdout" "$TMP/stderr" >&2
		fail "'$*' exited $got, expected $want"
	fi
}

# new_stamp: (re)create $TMP/stamp such that whatever is written after
# this returns is strictly newer (file times move only with the kernel
# tick), for `find DIR -newer "$TMP/stamp"`.
new_stamp() {
	sleep 0.05
	touch "$TMP/stamp"
	sleep 0.05
}

# A run that would take many seconds (1000 rounds) but never holds more
# than 16 MiB, for the tests that stop it early.
LONG="--files 4 --size 4M --block-size 64K --rounds 1000 --warmup 0 --engine pwrite,threads"

# A suite run under nohup hands SIGHUP on ignored, and fsconc honours that
# as it honours nohup: a test that sends SIGHUP starts fsconc through
# $HUP_DEFAULT, which puts it back to its default action.
HUP_DEFAULT=""
if env --default-signal=HUP true 2>/dev/null; then
	HUP_DEFAULT="env --default-signal=HUP"
fi


# start_long DIR [OPTION]...: start fsconc $LONG on DIR in the background,
# under a timeout so that a hang fails the test, and return once it has
# created its run directory.  Sets long_pid (to wait for: its status is
# fsconc's), fsconc_pid (from the run directory's marker) and run_dir.
# Output goes to $TMP/long.out and $TMP/long.err.  Killed at exit if
# still running.  $LONG_PREFIX, when set, is a command (env VAR=VALUE...)
# that runs fsconc.
long_pid=""
fsconc_pid=""
LONG_PREFIX=""
start_long() {
	_sl_dir=$1; shift
	# shellcheck disable=SC2086
	timeout -k 2 10 $LONG_PREFIX "$FSCONC" --dir "$_sl_dir" $LONG "$@" \
		>"$TMP/long.out" 2>"$TMP/long.err" &
	long_pid=$!
	fsconc_pid=""
	case " $cleanup_hooks " in *" stop_long "*) ;; *) at_exit stop_long ;; esac
	run_dir=""
	_sl_i=0
	while [ $_sl_i -lt 100 ]; do
		for _sl_d in "$_sl_dir"/.fsconc-*; do
			[ -f "$_sl_d/.fsconc-run" ] || continue
			fsconc_pid=$(sed -n 's/^pid //p' "$_sl_d/.fsconc-run")
			run_dir=$_sl_d
		done
		[ -z "$fsconc_pid" ] || return 0
		kill -0 "$long_pid" 2>/dev/null || break
		sleep 0.05
		_sl_i=$((_sl_i + 1))
	done
	cat "$TMP/long.out" "$TMP/long.err" >&2
	fail "fsconc in $_sl_dir did not create its run directory${phase:+ ($phase)}"
}

# Stop a background run still going (at exit, after a failure).
stop_long() {
	[ -n "$long_pid" ] || return 0
	if kill -0 "$long_pid" 2>/dev/null; then
		[ -z "$fsconc_pid" ] || kill -KILL "$fsconc_pid" 2>/dev/null || true
		kill -TERM "$long_pid" 2>/dev/null || true
	fi
	wait "$long_pid" 2>/dev/null || true
	long_pid=""
}

# need_mpi N: skip unless fsconc was built with MPI and mpirun starts N
# ranks on this host.  Sets MPIRUN, the command that starts them: Open
# MPI's, as root (--allow-run-as-root), more ranks than cores
# (--oversubscribe), unpinned, over shared memory only (no network needed),
# under a timeout so that a hang fails the test.
need_mpi() {
	if "$FSCONC" --help | grep -q "MPI support is not built"; then
		skip "fsconc was built without MPI (./configure --with-mpi)"
	fi
	command -v mpirun >/dev/null 2>&1 ||
		skip "mpirun is not installed (Debian: openmpi-bin)"
	MPIRUN="timeout -k 5 120 mpirun --allow-run-as-root --oversubscribe --bind-to none --mca btl self,vader -np $1"
	$MPIRUN true >"$TMP/mpirun.out" 2>&1 || {
		cat "$TMP/mpirun.out" >&2
		skip "mpirun cannot start $1 ranks here"
	}
}

# rank_wrapper NAME RANK CODE: a script $TMP/NAME that runs CODE (shell
# text) in rank RANK of an mpirun job before it execs its arguments; the
# other ranks exec them as they are.
rank_wrapper() {
	cat >"$TMP/$1" <<WRAP
#!/bin/sh
if [ "\${OMPI_COMM_WORLD_RANK:-}" = "$2" ]; then
$3
fi
exec "\$@"
WRAP
	chmod +x "$TMP/$1"
}

# private_mounts: run the rest of this test again in a mount namespace of
# its own, so whatever it mounts is gone when it ends, however it ends;
# skip (77) when not root or when the namespace is refused.  Call it first.
private_mounts() {
	[ -z "${FSC_PRIVATE_MOUNTS:-}" ] || return 0
	[ "$(id -u)" -eq 0 ] || skip "not root: cannot mount"
	unshare --mount --propagation private true 2>/dev/null ||
		skip "mounting in a private mount namespace is refused here"
	trap - EXIT
	rm -rf "$TMP"
	FSC_PRIVATE_MOUNTS=1 exec unshare --mount --propagation private \
		sh "$0"
}

# small_tmpfs DIR [SIZE]: mount a tmpfs of SIZE (16m) on DIR, unmounted at
# exit (after any background run is stopped).  Needs private_mounts.
mounts=""
small_tmpfs() {
	mkdir -p "$1"
	mount -t tmpfs -o "size=${2:-16m},mode=0755" tmpfs "$1" ||
		skip "cannot mount a tmpfs on $1"
	mounts="$1 $mounts"
	case " $cleanup_hooks " in *" umount_all "*) ;; *) at_exit umount_all ;; esac
}
umount_all() {
	for _m in $mounts; do umount -l "$_m" 2>/dev/null || true; done
	mounts=""
}

# engines_here: the engines that can run here, by --list-engines.
engines_here() {
	"$FSCONC" --list-engines | awk '/^[a-z_]+ / { name = $1; next }
		/^ +available$/ { print name }' | tr '\n' ' '
}

# faulty [VAR=VALUE]... CMD...: CMD with tests/fault.so preloaded (see
# tests/fault.c for the variables).  ASan wants to come first among the
# libraries, which a preload is not: tell it that is fine.
faulty() {
	[ -f "${FSC_FAULT_SO:-}" ] || fail "no fault injector: build tests/fault.so (make check does)"
	env LD_PRELOAD="$FSC_FAULT_SO" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		"$@"
}

# plant DIR: the user's data that fsconc must leave alone -- a file, a
# symlink to it and one out of DIR, a file named like fsconc's files and a
# directory named like its run directories (without marker) -- then record
# what DIR holds and its free blocks and inodes, for check_area.
plant() {
	area=$1
	head -c 100000 /dev/urandom >"$area/sentinel"
	ln -s sentinel "$area/link"
	ln -s /etc/hostname "$area/link-out"
	head -c 5000 /dev/urandom >"$area/s0.pwrite.j1.000000"
	mkdir "$area/.fsconc-AAAAAA"
	head -c 5000 /dev/urandom >"$area/.fsconc-AAAAAA/s0.threads.j2.000001"
	area_state >"$TMP/area.before"
	area_free=$(stat -f -c '%a blocks, %d inodes' "$area")
}
area_state() {
	(cd "$area" && find . -printf '%p %y %s %m %u %l\n' | sort &&
	 find . -type f -exec sha256sum {} + | sort -k 2)
}

# check_area WHAT: the planted DIR holds what it held, unchanged (so no
# file of fsconc's), and its free space and inodes are back where they
# were -- after a moment, for a file the kernel still held.
check_area() {
	area_state >"$TMP/area.after"
	if ! cmp -s "$TMP/area.before" "$TMP/area.after"; then
		diff "$TMP/area.before" "$TMP/area.after" >&2 || true
		fail "$1: $area changed (diff above)"
	fi
	_ca=0
	while [ "$(stat -f -c '%a blocks, %d inodes' "$area")" != "$area_free" ]; do
		_ca=$((_ca + 1))
		[ $_ca -lt 60 ] || fail "$1: free space in $area is $(stat -f -c '%a blocks, %d inodes' "$area"), was $area_free"
		sleep 0.05
	done
}

# The JSON Schema validator (python3-jsonschema 4.0 or later) is here.
have_jsonschema() {
	python3 -c 'import jsonschema; jsonschema.Draft202012Validator' \
		2>/dev/null
}

# Does the profile $1 match the shipped schema (draft 2020-12), itself a
# valid schema?  Prints each mismatch, with its place.
schema_valid() {
	python3 - "$top_srcdir/schema/fsconc-profile-1.schema.json" "$1" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
errors = list(jsonschema.Draft202012Validator(schema).iter_errors(
    json.load(open(sys.argv[2]))))
for e in errors:
    print("%s: %s" % ("/".join(map(str, e.absolute_path)), e.message))
sys.exit(1 if errors else 0)
PY
}
