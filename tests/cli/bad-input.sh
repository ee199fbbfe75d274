#!/bin/sh
# bad-input.sh - each bad input fsconc(1) promises to refuse, from one
# table: fsconc exits 2 with exactly one line on stderr naming the option
# and the value, prints nothing on stdout and creates nothing anywhere.
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
# Bad workload profiles: an unknown key (line 2), a bad value (line 1).
printf 'files = 2\nsizee = 1M\n' >"$TMP/bad-key.conf"
printf 'files = two\n' >"$TMP/bad-value.conf"
ln -s "$D" "$TMP/link-to-d"
# A path longer than PATH_MAX (4096), made of existing-looking parts.
LONGPATH=$D
while [ ${#LONGPATH} -le 4200 ]; do LONGPATH=$LONGPATH/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; done
# Targets fsconc cannot write: read-only (a bind mount), and not writable
# by nobody (root writes through permissions); one with no direct I/O
# (ramfs).  The mounts live in a private mount namespace per run.
RO=$AREA/ro
NB=$AREA/nobody
RAM=$AREA/ram
mkdir "$RO" "$NB" "$RAM"
chmod 0711 "$TMP"
# An engine listed but not built, if there is one.
"$FSCONC" --list-engines >"$TMP/engines"
unbuilt=$(awk '/^[a-z_]+ / { name = $1; next } /not built/ { print name; exit }' "$TMP/engines")

# --- the table -------------------------------------------------------------
# One bad input a line: HOW|OPTION|VALUE|ARGUMENTS, each expanded by the
# shell (eval: "$D", $AREA and $SMALL work, ARGUMENTS split into words);
# the message must name OPTION and show VALUE standing alone ('-': the
# input has no value to show).
# HOW says how fsconc runs: plain; ro, a read-only bind mount on $RO;
# nobody, as user nobody; ramfs, a ramfs on $RAM.  Lines starting with #
# are comments.
{
# Sizes that are not sizes, for both size options.
for opt in --size --block-size; do
	for v in 0 -1 '' ' 4k' 1e3 4Q 18446744073709551616 4K4 0x10 4kib 1.5M; do
		# --size 0 creates and closes files (size-zero.sh).
		[ "$opt$v" = --size0 ] && continue
		printf "plain|%s|%s|--dir \"\$D\" \$SMALL %s '%s'\n" "$opt" "$v" "$opt" "$v"
	done
done
[ -z "$unbuilt" ] ||
	echo "plain|--engine|$unbuilt|--dir \"\$D\" \$SMALL --engine $unbuilt"
cat <<'EOF'
# Block size against file size (in bytes, so the value shows as given).
plain|--block-size|131072|--dir "$D" --size 65536 --block-size 131072
plain|--block-size|3000|--dir "$D" --size 1048576 --block-size 3000
plain|--block-size|2147483648|--dir "$D" --size 4294967296 --block-size 2147483648
# --files x --size over 2^64 bytes.
plain|--size|9223372036854775808|--dir "$D" --files 2 --size 9223372036854775808
plain|--files|1000000|--dir "$D" --files 1000000 --size 35184372088832
# Counts out of range.
plain|--iodepth|0|--dir "$D" $SMALL --iodepth 0
plain|--iodepth|32769|--dir "$D" $SMALL --iodepth 32769
plain|--iodepth|32768|--dir "$D" --files 8 --size 1M --block-size 1M --engine threads,posixaio --jobs 8 --iodepth 32768
plain|--jobs|0|--dir "$D" $SMALL --jobs 0
plain|--jobs|5000|--dir "$D" $SMALL --jobs 5000
plain|--jobs|3|--dir "$D" $SMALL --jobs 3
plain|--files|0|--dir "$D" $SMALL --files 0
plain|--rounds|0|--dir "$D" $SMALL --rounds 0
# Choices.
plain|--engine|nosuch|--dir "$D" $SMALL --engine nosuch
plain|--engine|pwrite|--dir "$D" $SMALL --engine pwrite,threads,pwrite
plain|--mode|append|--dir "$D" $SMALL --mode append
plain|--fsync|sometimes|--dir "$D" $SMALL --fsync sometimes
# A value that would break the line or reach the terminal.
plain|--size|4?2M|--dir "$D" $SMALL --size "$(printf '4\n2M')"
# Targets fsconc cannot use.
plain|--dir|$AREA/missing|--dir "$D" --dir "$AREA/missing" $SMALL
plain|--dir|$FILE|--dir "$D" --dir "$FILE" $SMALL
plain|--dir|/dev/null|--dir "$D" --dir /dev/null $SMALL
plain|--dir|$D|--dir "$D" --dir "$D" $SMALL
plain|--dir|$TMP/link-to-d|--dir "$D" --dir "$TMP/link-to-d" $SMALL
plain|--dir|$LONGPATH|--dir "$D" --dir "$LONGPATH" $SMALL
ro|--dir|$RO|--dir "$RO" $SMALL
nobody|--dir|$NB|--dir "$NB" $SMALL
# --direct where the file system has no direct I/O.
ramfs|--direct|$RAM|--dir "$RAM" $SMALL --direct
# Command line syntax.
plain|--fsconc-bogus|-|--dir "$D" $SMALL --fsconc-bogus
plain|--size|-|--dir "$D" $SMALL --size
plain|--dir|-|--dir "$D" $SMALL --dir
plain|-x|-|--dir "$D" $SMALL -x
plain|stray|stray|--dir "$D" $SMALL stray
plain|cleanup|-|cleanup
plain|cleanup|-|cleanup "$D" "$D"
plain|$AREA/missing|$AREA/missing|cleanup "$AREA/missing"
# --- workload profiles (--profile NAME|FILE) --------------------------------
plain|--profile|nosuch|--dir "$D" $SMALL --profile nosuch
plain|--profile|$TMP/bad-key.conf:2|--dir "$D" $SMALL --profile "$TMP/bad-key.conf"
plain|--profile|$TMP/bad-value.conf:1|--dir "$D" $SMALL --profile "$TMP/bad-value.conf"
# ---------------------------------------------------------------------------
EOF
} >"$TMP/table"

# --- how fsconc runs ---------------------------------------------------------
# can_run HOW: can this machine run fsconc that way?
can_run() {
	case $1 in
	plain) return 0 ;;
	ro|ramfs) [ "$(id -u)" -eq 0 ] &&
		unshare --mount --propagation private true 2>/dev/null ;;
	nobody) command -v runuser >/dev/null &&
		runuser -u nobody -- test -x "$FSCONC" 2>/dev/null ;;
	esac
}
# invoke HOW ARG...: run fsconc as HOW says; the mounts die with their
# namespace, and a file left in the ramfs is reported (extra stderr).
invoke() {
	how=$1
	shift
	case $how in
	plain) timeout 10 "$FSCONC" "$@" ;;
	ro) unshare --mount --propagation private sh -c '
		mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" ||
			exit 99
		shift; exec "$@"' sh "$RO" timeout 10 "$FSCONC" "$@" ;;
	nobody) runuser -u nobody -- timeout 10 "$FSCONC" "$@" ;;
	ramfs) unshare --mount --propagation private sh -c '
		mount -t ramfs ramfs "$1" || exit 99
		ram=$1; shift
		"$@"; st=$?
		left=$(find "$ram" -mindepth 1)
		[ -z "$left" ] || echo "left in the ramfs: $left" >&2
		exit $st' sh "$RAM" timeout 10 "$FSCONC" "$@" ;;
	esac
}

# Regular expression matching the text s literally.
ere() { printf '%s' "$1" | sed 's/[][\.*^$+?(){}|/]/\\&/g'; }

# created_nothing WHAT: nothing new under $AREA, no run directory in D.
# ThreadSanitizer's runtime creates and removes a file in $TMPDIR at
# start: a sanitized build does not count that directory itself.
created_nothing() {
	if [ "${FSCONC_SANITIZED:-no}" = yes ]; then
		new=$(find "$AREA" -newer "$TMP/stamp" ! -path "$AREA/tmpdir")
	else
		new=$(find "$AREA" -newer "$TMP/stamp")
	fi
	[ -z "$new" ] || fail "$1: created or changed: $new"
	assert_no_leftovers "$D"
}

# bad HOW OPTION VALUE ARG...: fsconc ARG... is refused.  The one line on
# stderr names OPTION and VALUE, VALUE standing alone (quoted, or after a
# space or '=', before a quote, ':', ',', ')' or a space); a VALUE over 64
# characters only by its first 32.
bad() {
	how=$1 opt=$2 val=$3
	shift 3
	what="fsconc $*"
	[ ${#what} -le 120 ] || what="$(printf '%.100s' "$what")..."
	[ "$how" = plain ] || what="$what ($how)"
	set +e
	invoke "$how" "$@" >"$TMP/stdout" 2>"$TMP/stderr"
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

new_stamp
rows=0 skipped=""
while IFS='|' read -r how opt val args; do
	case $how in ''|'#'*) continue ;; esac
	if ! can_run "$how"; then
		case " $skipped " in *" $how "*) ;; *) skipped="$skipped $how" ;; esac
		continue
	fi
	eval "opt=\"$opt\" val=\"$val\"; set -- $args"
	bad "$how" "$opt" "$val" "$@"
	rows=$((rows + 1))
done <"$TMP/table"

[ -n "$unbuilt" ] || echo "note: every engine is built; no 'not built' row" >&2
[ -z "$skipped" ] || echo "note: this machine cannot run the rows:$skipped" >&2
echo "bad-input: $rows inputs refused" >&2
