#!/bin/sh
# bad-input.sh - each bad input of RELIABILITY.md "Bad input": fsconc exits
# 2 with exactly one line on stderr naming the option and the value,
# prints nothing on stdout and creates nothing anywhere.
. "$(dirname "$0")/setup.sh"

# Everything fsconc could write to lives under $AREA: the target D, the
# working directory and TMPDIR.
AREA=$TMP/area
D=$AREA/d
mkdir "$AREA" "$D" "$AREA/cwd" "$AREA/tmpdir"
cd "$AREA/cwd"
TMPDIR=$AREA/tmpdir
export TMPDIR
FILE=$TMP/regular
: >"$FILE"
ln -s "$D" "$TMP/link-to-d"
# A path longer than PATH_MAX (4096), made of existing-looking parts.
LONGPATH=$D
while [ ${#LONGPATH} -le 4200 ]; do LONGPATH=$LONGPATH/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; done

new_stamp
rows=0

# Regular expression matching the text s literally.
ere() { printf '%s' "$1" | sed 's/[][\.*^$+?(){}|/]/\\&/g'; }

# created_nothing WHAT: nothing new under $AREA, no run directory in D.
created_nothing() {
	new=$(find "$AREA" -newer "$TMP/stamp")
	[ -z "$new" ] || fail "$1: created or changed: $new"
	assert_no_leftovers "$D"
}

# How bad runs fsconc; the unwritable target redefines it.
invoke() { timeout 10 "$FSCONC" "$@"; }

# bad OPTION VALUE ARG...: fsconc ARG... is refused.  The one line on
# stderr names OPTION and VALUE, VALUE standing alone (quoted, or after a
# space or '=', before a quote, ':', ',', ')' or a space); a VALUE over 64
# characters only by its first 32.  VALUE "-" means the input has none.
bad() {
	opt=$1 val=$2
	shift 2
	rows=$((rows + 1))
	what="fsconc $*"
	[ ${#what} -le 120 ] || what="$(printf '%.100s' "$what")..."
	set +e
	invoke "$@" >"$TMP/stdout" 2>"$TMP/stderr"
	st=$?
	set -e
	[ $st -eq 2 ] || { cat "$TMP/stdout" "$TMP/stderr" >&2; fail "$what: exited $st, expected 2"; }
	[ "$(wc -l <"$TMP/stderr")" -eq 1 ] ||
		{ cat "$TMP/stderr" >&2; fail "$what: expected exactly one line on stderr"; }
	[ ! -s "$TMP/stdout" ] || fail "$what: printed on stdout: $(cat "$TMP/stdout")"
	grep -q -- "$opt\b" "$TMP/stderr" ||
		fail "$what: the message does not name $opt: $(cat "$TMP/stderr")"
	if [ "$val" != - ]; then
		if [ ${#val} -gt 64 ]; then
			pat="(^|['\" =])$(ere "$(printf '%.32s' "$val")")"
		else
			pat="(^|['\" =])$(ere "$val")(['\":,) ]|\$)"
		fi
		grep -Eq -- "$pat" "$TMP/stderr" ||
			fail "$what: the message does not show the value '$val': $(cat "$TMP/stderr")"
	fi
	created_nothing "$what"
}

# Sizes that are not sizes, for both size options.
for opt in --size --block-size; do
	for v in 0 -1 '' ' 4k' 1e3 4Q 18446744073709551616 4K4 0x10 4kib 1.5M; do
		bad "$opt" "$v" --dir "$D" $SMALL "$opt" "$v"
	done
done

# Block size against file size (in bytes, so the value shows as given).
bad --block-size 131072 --dir "$D" --size 65536 --block-size 131072
bad --block-size 3000 --dir "$D" --size 1048576 --block-size 3000
bad --block-size 2147483648 --dir "$D" --size 4294967296 --block-size 2147483648
# --files x --size over 2^64 bytes.
bad --size 9223372036854775808 --dir "$D" --files 2 --size 9223372036854775808
bad --files 1000000 --dir "$D" --files 1000000 --size 35184372088832

# Counts out of range.
bad --iodepth 0 --dir "$D" $SMALL --iodepth 0
bad --iodepth 32769 --dir "$D" $SMALL --iodepth 32769
bad --jobs 0 --dir "$D" $SMALL --jobs 0
bad --jobs 5000 --dir "$D" $SMALL --jobs 5000
bad --jobs 3 --dir "$D" $SMALL --jobs 3
bad --files 0 --dir "$D" $SMALL --files 0
bad --rounds 0 --dir "$D" $SMALL --rounds 0

# Choices.
bad --engine nosuch --dir "$D" $SMALL --engine nosuch
bad --engine pwrite --dir "$D" $SMALL --engine pwrite,threads,pwrite
bad --mode append --dir "$D" $SMALL --mode append
bad --fsync sometimes --dir "$D" $SMALL --fsync sometimes
# An engine that is listed but not built, when there is one.
"$FSCONC" --list-engines >"$TMP/engines"
unbuilt=$(awk '/^[a-z_]+ / { name = $1; next } /not built/ { print name; exit }' "$TMP/engines")
if [ -n "$unbuilt" ]; then
	bad --engine "$unbuilt" --dir "$D" $SMALL --engine "$unbuilt"
else
	echo "note: every engine is built; no 'not built' row" >&2
fi

# Targets fsconc cannot use.
bad --dir "$AREA/missing" --dir "$D" --dir "$AREA/missing" $SMALL
bad --dir "$FILE" --dir "$D" --dir "$FILE" $SMALL
bad --dir /dev/null --dir "$D" --dir /dev/null $SMALL
bad --dir "$D" --dir "$D" --dir "$D" $SMALL
bad --dir "$TMP/link-to-d" --dir "$D" --dir "$TMP/link-to-d" $SMALL
bad --dir "$LONGPATH" --dir "$D" --dir "$LONGPATH" $SMALL

# Command line syntax.
bad --fsconc-bogus - --dir "$D" $SMALL --fsconc-bogus
bad --size - --dir "$D" $SMALL --size
bad --dir - --dir "$D" $SMALL --dir
bad -x - --dir "$D" $SMALL -x
bad stray stray --dir "$D" $SMALL stray
bad cleanup - cleanup
bad cleanup - cleanup "$D" "$D"
bad "$AREA/missing" "$AREA/missing" cleanup "$AREA/missing"

# An unwritable target.  Root writes through permissions, so make the
# directory read-only with a bind mount that dies with its private mount
# namespace, or else run as nobody on a directory owned by root.
RO=$AREA/ro
mkdir "$RO"
chmod 0711 "$TMP"
new_stamp
if [ "$(id -u)" -ne 0 ]; then
	echo "note: not root: unwritable target not tested" >&2
elif unshare --mount --propagation private sh -c \
	'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1"' sh "$RO" \
	2>/dev/null; then
	invoke() {
		unshare --mount --propagation private sh -c \
			'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" ||
			exit 99; shift; exec "$@"' sh "$RO" timeout 10 "$FSCONC" "$@"
	}
	bad --dir "$RO" --dir "$RO" $SMALL
elif command -v runuser >/dev/null &&
     runuser -u nobody -- test -x "$FSCONC" 2>/dev/null; then
	invoke() { runuser -u nobody -- timeout 10 "$FSCONC" "$@"; }
	bad --dir "$RO" --dir "$RO" $SMALL
else
	echo "note: no mount namespace and no runuser: unwritable target not tested" >&2
fi

echo "bad-input: $rows inputs refused" >&2
