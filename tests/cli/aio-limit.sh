#!/bin/sh
# aio-limit.sh - more libaio writes in flight than fs.aio-max-nr leaves
# room for are refused when the plan is made (exit 2, one line naming the
# sysctl), before a block is allocated or a directory created; found at
# io_setup, they came after a block per write was allocated (2.1 GB for
# 262,144 writes).
. "$(dirname "$0")/setup.sh"

case " $(engines_here) " in
*" libaio "*) ;;
*) skip "libaio cannot run here" ;;
esac
max=$(cat /proc/sys/fs/aio-max-nr 2>/dev/null) || skip "no fs.aio-max-nr"
# Writes in flight past the limit, at --iodepth 32768 (the most).
jobs=$(( max / 32768 + 1 ))
[ $jobs -le 4096 ] || skip "fs.aio-max-nr = $max: more than fsconc can ask for"
D=$TMP/d
mkdir "$D"
expect_split 2 "$FSCONC" --dir "$D" --engine libaio --files $jobs \
	--jobs $jobs --iodepth 32768 --block-size 512 --size 512 --rounds 1 \
	--warmup 0
[ "$(wc -l <"$TMP/stderr")" -eq 1 ] &&
	grep -q "libaio: cannot keep $((jobs * 32768)) writes in flight.*io_setup.*fs.aio-max-nr = $max" "$TMP/stderr" ||
	{ cat "$TMP/stderr" >&2; fail "not refused for fs.aio-max-nr"; }
[ ! -s "$TMP/stdout" ] || fail "a refused plan printed a report"
assert_no_leftovers "$D"
