#!/bin/sh
# buffers.sh - each write in flight has a block of its own, as fio's do:
# one block for pwrite, one per thread for threads, jobs x iodepth for
# the asynchronous engines (posixaio's aio_write counted here; libaio and
# io_uring take their blocks from the same loop), with or without
# --verify.  tests/fault.so counts the different blocks written from.  A
# plan whose blocks would not fit in a quarter of memory is refused
# (bad-input.sh).
. "$(dirname "$0")/setup.sh"

D=$TMP/d
mkdir "$D"
here=" $(engines_here) "

# blocks ENGINE JOBS IODEPTH [OPTION]...: the different blocks one trial
# of ENGINE wrote from, JOBS files of 16 writes at once.  Each pwrite takes
# 10 ms more, so that every writer thread has started and taken its file
# before another is done with one.
blocks() {
	e=$1 j=$2 q=$3
	shift 3
	rm -f "$TMP/fault.log"
	faulty FSC_FAULT_SLOW_WRITE_MS=10 FSC_FAULT_LOG="$TMP/fault.log" \
		"$FSCONC" --dir "$D" --engine "$e" --jobs "$j" --iodepth "$q" \
		--files "$j" --size 1M --block-size 64K --rounds 1 --warmup 0 \
		--quiet "$@" \
		>"$TMP/out" 2>&1 || { cat "$TMP/out" >&2; fail "$e x$j: exited $?"; }
	awk '{ for (i = 1; i < NF; i++) if ($i == "buffers") print $(i + 1) }' \
		"$TMP/fault.log"
}

for verify in "" --verify; do
	n=$(blocks pwrite 1 1 $verify)
	[ "$n" -eq 1 ] || fail "pwrite $verify: $n blocks written from, expected 1"
	n=$(blocks threads 3 1 $verify)
	[ "$n" -eq 3 ] || fail "threads x3 $verify: $n blocks written from, expected 3"
	case $here in
	*" posixaio "*)
		n=$(blocks posixaio 2 4 $verify)
		[ "$n" -eq 8 ] ||
			fail "posixaio x2, --iodepth 4 $verify: $n blocks written from, expected 8" ;;
	*) echo "note: posixaio cannot run here" >&2 ;;
	esac
done
assert_no_leftovers "$D"
