#!/bin/sh
# basic.sh - the everyday surface: --help, --version, --list-engines, the
# report of a run on one and on two directories, --engine, --quiet, --iec,
# and the default targets when no --dir is given.
. "$(dirname "$0")/setup.sh"

A=$TMP/a
B=$TMP/b
mkdir "$A" "$B"
# Nothing may land in the working directory or TMPDIR either.
mkdir "$TMP/cwd" "$TMP/tmpdir"
cd "$TMP/cwd"
TMPDIR=$TMP/tmpdir
export TMPDIR

# Each long option must be in --help and in the man page.  The options are
# the run's in the parser's table (a row starts { "NAME", LETTER, ARG,
# "COMMANDS"), plus every option name of fsconc(1)'s SYNOPSIS that this
# fsconc accepts (so an option added there and to the parser is checked
# without editing this test).
options=$(sed -n 's/^[[:space:]]*{ "\([a-z-]*\)", [^,]*, [^,]*, "\([^"]*\)".*/\1 \2/p' \
	"$top_srcdir/src/cli/options-table.c" |
	awk '{ for (i = 2; i <= NF; i++) if ($i == "run" || $i == "*") {
		print $1; next } }')
[ -n "$options" ] || fail "no long options found in src/cli/options-table.c"
for o in dir files size block-size engine jobs iodepth mode fsync direct \
	rounds warmup json csv dd profile keep verify bind quiet iec \
	list-engines help version; do
	case " $(printf "%s " $options)" in *" $o "*) continue ;; esac
	# An option the parser knows complains about the bogus option that
	# follows (or takes it as its value), never about itself.
	set +e
	timeout 10 "$FSCONC" --dir "$A" "--$o" --fsconc-bogus --fsconc-bogus \
		>"$TMP/probe" 2>&1
	set -e
	if ! grep -Eq "(unknown|unrecognized|invalid) option.*--$o\b" "$TMP/probe"; then
		options="$options $o"
	fi
done
assert_no_leftovers "$A"

expect_split 0 "$FSCONC" --help
[ -s "$TMP/stdout" ] || fail "--help printed nothing on stdout"
# A terminal of 80 columns shows it whole.
long=$(LC_ALL=C.UTF-8 awk 'length > 80' "$TMP/stdout")
[ -z "$long" ] || fail "--help lines over 80 columns: $long"
[ ! -s "$TMP/stderr" ] || fail "--help wrote on stderr"
for o in $options; do
	grep -q -- "--$o\b" "$TMP/stdout" || fail "--help does not mention --$o"
done
for s in d n s b e j q h V; do
	grep -q -- "-$s, --" "$TMP/stdout" || fail "--help does not mention -$s"
done
man=$top_srcdir/man/fsconc.1
if [ -s "$man" ]; then
	sed 's/\\-/-/g; s/\\f[BIRP]//g; s/\\f(..//g' "$man" >"$TMP/man.txt"
	for o in $options; do
		grep -q -- "--$o\b" "$TMP/man.txt" ||
			fail "man/fsconc.1 does not document --$o"
	done
fi

# A subcommand's usage line in --help is the synopsis its messages quote.
expect_split 0 "$FSCONC" --help
cp "$TMP/stdout" "$TMP/help"
for sub in plan compare plot cleanup; do
	expect_split 2 "$FSCONC" $sub
	usage=$(sed -n "s/.*\(fsconc $sub .*\)\$/\1/p" "$TMP/stderr")
	[ -n "$usage" ] || fail "$sub: no usage in: $(cat "$TMP/stderr")"
	grep -Fxq "       $usage" "$TMP/help" ||
		fail "--help lacks the usage line of $sub: $usage"
done

expect_split 0 "$FSCONC" --version
grep -Eq '^fsconc [0-9]+\.[0-9]+' "$TMP/stdout" ||
	fail "--version: expected 'fsconc X.Y', got: $(cat "$TMP/stdout")"
[ ! -s "$TMP/stderr" ] || fail "--version wrote on stderr"

expect_split 0 "$FSCONC" --list-engines
for e in pwrite threads posixaio libaio io_uring; do
	grep -q "^$e " "$TMP/stdout" || fail "--list-engines does not list $e"
done

# One directory, every engine available: the header, one set with pwrite
# and threads in both tables, a verdict.
expect_split 0 "$FSCONC" --dir "$A" $SMALL
out=$TMP/stdout
head -1 "$out" | grep -Eq '^fsconc [0-9][^:]*: 2 files .*mode create.*fsync none' ||
	fail "no header line: $(head -1 "$out")"
grep -q "^target: $A: " "$out" || fail "the header does not name $A"
[ "$(grep -c 'throughput in MB/s' "$out")" -eq 1 ] ||
	fail "one dir: expected one throughput table"
grep -q "^$A (.*): throughput in MB/s" "$out" || fail "the table does not name $A"
grep -q '^engine .*agg MB/s .*speedup' "$out" || fail "no throughput table header"
! grep -q '^engine .*write p50' "$out" || fail "a latency table without --wide"
[ "$(grep -c '^pwrite ' "$out")" -eq 1 ] || fail "expected one pwrite row"
[ "$(grep -c '^threads×2 ' "$out")" -eq 1 ] || fail "expected one threads×2 row"
[ "$(grep -c '^verdict: ' "$out")" -eq 1 ] || fail "expected one verdict line"
grep -q "^verdict: .* on $A (" "$out" || fail "the verdict does not name $A"
assert_no_leftovers "$A"
[ -z "$(ls -A "$A")" ] || fail "files left in $A: $(ls -A "$A")"

# Two directories: each alone, then the split set over both.
expect_split 0 "$FSCONC" --dir "$A" --dir "$B" $SMALL --engine pwrite,threads
grep 'throughput in' "$out" >"$TMP/sets"
[ "$(wc -l <"$TMP/sets")" -eq 3 ] || fail "two dirs: expected three sets"
sed -n 1p "$TMP/sets" | grep -q "^$A (" || fail "set 1 is not $A"
sed -n 2p "$TMP/sets" | grep -q "^$B (" || fail "set 2 is not $B"
sed -n 3p "$TMP/sets" | grep -q "^$A + $B (.*), split:" ||
	fail "set 3 is not the split set: $(sed -n 3p "$TMP/sets")"
[ "$(grep -c '^verdict: ' "$out")" -eq 3 ] || fail "expected a verdict per set"
[ "$(grep -c '^threads×2 ' "$out")" -eq 3 ] || fail "expected threads×2 in every table"
assert_no_leftovers "$A"
assert_no_leftovers "$B"

# pwrite alone: nothing to compare it with, so no verdict.
expect_split 0 "$FSCONC" --dir "$A" $SMALL --engine pwrite
grep -q '^pwrite ' "$out" || fail "--engine pwrite: no pwrite row"
! grep -q '^threads' "$out" || fail "--engine pwrite ran threads"
! grep -q 'verdict' "$out" || fail "--engine pwrite alone printed a verdict"

# --quiet: verdict lines and nothing else, on either stream.
expect_split 0 "$FSCONC" --dir "$A" --dir "$B" $SMALL --engine pwrite,threads --quiet
[ "$(grep -c '^verdict: ' "$out")" -eq 3 ] || fail "--quiet: expected three verdicts"
! grep -qv '^verdict: ' "$out" || fail "--quiet printed more than verdicts: $(grep -v '^verdict: ' "$out")"
[ ! -s "$TMP/stderr" ] || fail "--quiet wrote on stderr: $(cat "$TMP/stderr")"
# pwrite alone has no verdict: a summary of what it measured instead.
expect_split 0 "$FSCONC" --dir "$A" $SMALL --engine pwrite -Q
[ "$(wc -l <"$out")" -eq 1 ] && grep -q "^summary: $A (.*): pwrite wrote at [0-9.]* [kMG]*B/s (median of 1 round); no verdict" "$out" ||
	fail "--quiet with pwrite alone: $(cat "$out")"
# --dd with --quiet: the dd lines asked for, then the verdict.
expect_split 0 "$FSCONC" --dir "$A" $SMALL --engine pwrite,threads --dd -Q
[ "$(grep -c ' bytes (.*) copied, ' "$out")" -eq 4 ] ||
	fail "--quiet --dd: expected 4 dd lines: $(cat "$out")"
[ "$(grep -c '^dd-style, ' "$out")" -eq 2 ] && tail -n 1 "$out" | grep -q '^verdict: ' ||
	fail "--quiet --dd: $(cat "$out")"

# --iec: MiB/s instead of MB/s.
expect_split 0 "$FSCONC" --dir "$A" $SMALL --engine pwrite,threads --iec
grep -q "^$A (.*): throughput in MiB/s" "$out" || fail "--iec: the table is not in MiB/s"
! grep -q 'MB/s' "$out" || fail "--iec: MB/s still printed"
assert_no_leftovers "$A"
assert_no_leftovers "$B"
for d in "$A" "$B" "$TMP/cwd"; do
	[ -z "$(ls -A "$d")" ] || fail "files left in $d: $(ls -A "$d")"
done

# No --dir: TMPDIR (and /dev/shm when it is a tmpfs), said in the header.
# The run writes 2 MiB to /dev/shm: find its leftovers by fsconc's pid.
set +e
"$FSCONC" $SMALL --engine pwrite,threads >"$TMP/stdout" 2>"$TMP/stderr" &
pid=$!
wait $pid
st=$?
set -e
[ $st -eq 0 ] || { cat "$TMP/stdout" "$TMP/stderr" >&2; fail "no --dir: exited $st"; }
grep -q "^note: *no --dir given: comparing $TMPDIR\b" "$out" ||
	fail "no --dir: the header does not say it compares $TMPDIR: $(cat "$out")"
grep -q "^target: $TMPDIR: " "$out" || fail "no --dir: $TMPDIR is not a target"
if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
	grep -q "comparing $TMPDIR with /dev/shm" "$out" ||
		fail "no --dir: /dev/shm is a tmpfs but not compared"
	[ "$(grep -c 'throughput in' "$out")" -eq 3 ] ||
		fail "no --dir: expected TMPDIR, /dev/shm and the split set"
	for m in /dev/shm/.fsconc-*/.fsconc-run; do
		[ -f "$m" ] || continue
		! grep -qx "pid $pid" "$m" || fail "no --dir: left $(dirname "$m")"
	done
fi
assert_no_leftovers "$TMPDIR"
for d in "$TMPDIR" "$TMP/cwd"; do
	[ -z "$(ls -A "$d")" ] || fail "no --dir: files left in $d: $(ls -A "$d")"
done
