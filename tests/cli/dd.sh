#!/bin/sh
# dd.sh - --dd prints, for each file of each counted round, the line GNU dd
# prints for the same write: same format, and the same text for the byte
# count, in decimal and binary units, as dd itself.
. "$(dirname "$0")/setup.sh"

D=$TMP/d
mkdir "$D"
dd if=/dev/zero of="$TMP/x" bs=1 count=1 2>/dev/null ||
	skip "no working dd to compare with"

RE='^[0-9]+ bytes \([0-9.]+ [kMGT]?B, [0-9.]+ [KMGT]iB\) copied, [0-9.e-]+ s, [0-9.]+ [kMGT]?B/s$'

# check SIZE BLOCK ROUNDS WARMUP: 3 files of SIZE bytes; the dd lines
# must be 3 per counted round, each as dd would print it for SIZE.
check() {
	size=$1 bs=$2 rounds=$3 warmup=$4
	what="--size $size --rounds $rounds --warmup $warmup"
	expect_split 0 "$FSCONC" --dd --dir "$D" --engine pwrite --files 3 \
		--size "$size" --block-size "$bs" --rounds "$rounds" --warmup "$warmup"
	grep ' copied, ' "$TMP/stdout" >"$TMP/lines" || true
	n=$(wc -l <"$TMP/lines")
	[ "$n" -eq $((3 * rounds)) ] ||
		fail "$what: $n dd lines, expected $((3 * rounds)): $(cat "$TMP/stdout")"
	if grep -Evq "$RE" "$TMP/lines"; then
		fail "$what: not dd's format: $(grep -Ev "$RE" "$TMP/lines" | head -1)"
	fi
	dd if=/dev/zero of="$TMP/x" bs="$size" count=1 2>"$TMP/dd.err"
	want=$(grep ' copied, ' "$TMP/dd.err" | sed 's/ copied, .*//')
	[ -n "$want" ] || fail "cannot read dd's own line: $(cat "$TMP/dd.err")"
	sed 's/ copied, .*//' "$TMP/lines" | sort -u >"$TMP/got"
	[ "$(cat "$TMP/got")" = "$want" ] ||
		fail "$what: fsconc says '$(head -1 "$TMP/got")', dd says '$want'"
	assert_no_leftovers "$D"
}

check 1M 64K 2 1
# Sizes whose rounding dd does in a particular way: to the nearest tenth,
# ties to even (1.05 MB -> 1.0, 1.15 MB -> 1.2), a carry into the next
# unit (999999 -> 1.0 MB), and whole units from 10 up (9950000 -> 10 MB).
check 3M 1M 1 0
check 1000000 100000 1 0
check 999999 37037 1 0
check 9950000 50000 1 0
check 1050000 50000 1 0
check 1150000 50000 1 0
