#!/bin/sh
# default-run.sh - what the default run costs: fsconc with no option (or
# with the options given), its wall time, the bytes it wrote (write(2)
# calls, from /proc/self/io of the shell that waited for it), the bytes
# that reached the device under $TMPDIR (its /sys/dev/block/.../stat), and
# what fsconc itself says it writes (its "run:" line): fsconc(1), "The
# default run", says what to expect.
#
#   bench/default-run.sh [OPTION]...
set -eu
fsconc=${FSCONC:-$(dirname "$0")/../src/fsconc}
out=$(mktemp)
trap 'rm -f "$out" "$out.io"' EXIT

tmp=${TMPDIR:-/tmp}
dev=$(stat -c '%Hd:%Ld' "$tmp")
stat=/sys/dev/block/$dev/stat
sectors() { if [ -r "$stat" ]; then awk '{ print $7 }' "$stat"; else echo 0; fi; }

s0=$(sectors)
t0=$(date +%s.%N)
# The shell's /proc/self/io counts the children it waited for.
sh -c '"$@" >"$0"; rc=$?; cat /proc/$$/io >"$0.io"; exit $rc' "$out" \
	"$fsconc" "$@"
t1=$(date +%s.%N)
s1=$(sectors)

awk -v t0="$t0" -v t1="$t1" -v s0="$s0" -v s1="$s1" -v dev="$dev" \
    -v tmp="$tmp" '
	$1 == "wchar:" { w = $2 }
	$1 == "write_bytes:" { wb = $2 }
	$1 == "cancelled_write_bytes:" { cw = $2 }
	END {
		printf "wall time:        %.1f s\n", t1 - t0
		printf "written (write):  %.2f GB\n", w / 1e9
		printf "to the page cache of block devices: %.2f GB, %.2f GB of it dropped before writeback\n", wb / 1e9, cw / 1e9
		printf "reached the device of %s (%s): %.2f GB\n", tmp, dev, (s1 - s0) * 512 / 1e9
	}' "$out.io"
grep '^run:' "$out" | sed 's/^run: */fsconc says:      /'
rm -f "$out.io"
