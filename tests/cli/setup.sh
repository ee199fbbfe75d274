# setup.sh - sourced by every shell test: strict mode, the binary under
# test, a private temp dir removed on exit, and small helpers.
set -eu

: "${FSCONC:=$(cd "$(dirname "$0")/../.." && pwd)/src/fsconc}"
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
export LC_ALL=C

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

# Register a function to run at exit, before $TMP goes (unmount, losetup -d).
at_exit() { cleanup_hooks="$1 $cleanup_hooks"; }

fail() { echo "FAIL: $*" >&2; exit 1; }
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
