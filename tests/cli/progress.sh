#!/bin/sh
# progress.sh - the progress line.  On a terminal (a pty of script(1)'s)
# it reads "trial K/N, T left; round R/M: ENGINE on DIR: PHASE", the
# phase writing or verifying followed by "DONE of TOTAL, RATE" (removing
# and syncing by nothing), redrawn in place, cut to the terminal's width
# and erased before the report goes on; --verify's read-back comes after
# the trial's writing.  The header says what the run writes in all and
# about how long it takes.  With --quiet, or with standard error
# redirected, there is no line.  Every write and every
# block read back is slowed (tests/fault.so), so that each phase lasts
# about a second and its line is drawn a few times on any machine.
# $RUN, $SLOW and $counts are split into words on purpose.
# shellcheck disable=SC2086
. "$(dirname "$0")/setup.sh"

command -v script >/dev/null 2>&1 ||
	skip "no script(1) (util-linux) to run fsconc on a terminal"
script -qec true /dev/null </dev/null >/dev/null 2>&1 ||
	skip "script(1) cannot run a command on a terminal here"
[ -f "${FSC_FAULT_SO:-}" ] ||
	fail "no fault injector: build tests/fault.so (make check does)"

D=$TMP/d
mkdir "$D"
# 2 files x 1 MiB in 64 KiB writes: 32 writes of 40 ms, then as many reads.
RUN="--dir $D --engine pwrite $SMALL"
TOTAL="2.0 MiB"
SLOW="FSC_FAULT_SLOW_WRITE_MS=40 FSC_FAULT_SLOW_READ_MS=40"
ESC=$(printf '\033')

# on_tty NAME ARG...: fsconc ARG..., slowed, on a terminal of its own;
# what the terminal showed goes to $TMP/NAME.  It must exit 0.
on_tty() {
	_ot=$TMP/$1; shift
	{
		echo "#!/bin/sh"
		printf "exec env LD_PRELOAD='%s' %s " "$FSC_FAULT_SO" "$SLOW"
		printf "ASAN_OPTIONS='%s' " \
			"${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
		for _a in "$FSCONC" "$@"; do
			case $_a in *"'"*) fail "a quote in '$_a'" ;; esac
			printf "'%s' " "$_a"
		done
		echo
	} >"$TMP/cmd"
	set +e
	timeout -k 2 60 script -qec "sh '$TMP/cmd'" /dev/null </dev/null \
		>"$_ot" 2>"$_ot.err"
	_st=$?
	set -e
	if [ $_st -ne 0 ]; then
		cat "$_ot" "$_ot.err" >&2
		fail "fsconc $* on a terminal exited $_st"
	fi
}

# lines NAME: each piece of what the terminal showed, between carriage
# returns, is a progress line ("\033[K" then the line, no newline), an
# erase ("\033[K" alone, after a line) or the report's text, which must
# never follow a line not yet erased nor hold progress text; the writing
# lines come first, then the verifying ones.  Prints how many of each
# were drawn and how many told the time left: "WRITING VERIFYING LEFT".
lines() {
	awk -v el="${ESC}[K" -v trial="; round 1/1: pwrite on $D: " \
	    -v total="$TOTAL" '
	function bad(why) {
		gsub(/\033/, "\\033", why)
		printf "%s\n", why > "/dev/stderr"
		failed = 1
		exit 1
	}
	BEGIN { RS = "\r"; kind = "" }
	{
		k = index($0, el)
		if (k == 0) {
			if (drawn)
				bad("the report went on over a progress line: " $0)
			if ($0 ~ (" of " total ", [0-9][0-9.]* [A-Za-z]*B/s"))
				bad("progress text in the report: " $0)
			next
		}
		if (k > 1)
			bad("an erase in the middle of a line: " $0)
		text = substr($0, length(el) + 1)
		if (text == "") {
			if (!drawn)
				bad("an erase with no progress line drawn")
			drawn = 0
			next
		}
		if (index(text, "trial 1/1") != 1)
			bad("not a progress line: " text)
		rest = substr(text, 10)
		if (match(rest, /^, [0-9]+ (s|min) left/)) {
			n["left"]++
			rest = substr(rest, RLENGTH + 1)
		}
		if (index(rest, trial) != 1)
			bad("not a progress line: " text)
		rest = substr(rest, length(trial) + 1)
		if (rest == "removing" || rest == "syncing") {
			drawn = 1
			next
		}
		if (match(rest, /^(writing|verifying) /) == 0)
			bad("no phase: " text)
		this = substr(rest, 1, RLENGTH - 1)
		rest = substr(rest, RLENGTH + 1)
		# DONE of TOTAL, RATE -- and nothing more.
		if (rest !~ /^[0-9][0-9.]* [A-Za-z]*B of [0-9][0-9.]* [A-Za-z]*B, [0-9][0-9.]* [A-Za-z]*B\/s$/ ||
		    index(rest, " of " total ", ") == 0)
			bad("not a progress line: " text)
		if (this == "writing" && kind == "verifying")
			bad("a writing line after the verifying line: " text)
		n[this]++
		kind = this
		drawn = 1
	}
	END {
		if (failed)
			exit 1
		if (drawn)
			bad("the last progress line was not erased")
		printf "%d %d %d\n", n["writing"], n["verifying"], n["left"]
	}' "$TMP/$1"
}

# --- On a terminal, with --verify: the trial's line, then the read-back's.
on_tty verify $RUN --verify
counts=$(lines verify) || { cat -v "$TMP/verify" >&2; fail "--verify on a terminal: the progress lines are wrong (above)"; }
echo "progress lines drawn (writing, verifying, with the time left): $counts"
set -- $counts
[ "$1" -gt 0 ] || { cat -v "$TMP/verify" >&2; fail "no progress line for the trial"; }
[ "$2" -gt 0 ] || { cat -v "$TMP/verify" >&2; fail "no progress line while --verify read the files back"; }
[ "$3" -gt 0 ] || { cat -v "$TMP/verify" >&2; fail "no line told the time left"; }
# The report is whole after the lines: its table.
tr -d '\r' <"$TMP/verify" >"$TMP/verify.txt"
# Before the first write, the header says what the run writes in all.
grep -q '^run:    1 trial of 2.0 MiB, 2.1 MB written in all; about [0-9]* s' "$TMP/verify.txt" ||
	{ cat -v "$TMP/verify" >&2; fail "no run: line in the header"; }
grep -q "^$D (.*): throughput in MB/s" "$TMP/verify.txt" ||
	{ cat -v "$TMP/verify" >&2; fail "no throughput table after the progress lines"; }
[ "$(grep -c '^pwrite ' "$TMP/verify.txt")" -eq 1 ] ||
	{ cat -v "$TMP/verify" >&2; fail "the report's pwrite rows are not whole"; }

# --- Without --verify: the trial's line alone.
on_tty plain $RUN
counts=$(lines plain) || { cat -v "$TMP/plain" >&2; fail "on a terminal: the progress lines are wrong (above)"; }
echo "progress lines drawn (writing, verifying, with the time left): $counts"
set -- $counts
if [ "$1" -eq 0 ] || [ "$2" -ne 0 ]; then
	cat -v "$TMP/plain" >&2
	fail "drew $1 trial and $2 verify lines, expected some and none"
fi

# --- A terminal 40 columns wide: the line is cut to 39, never wrapped.
COLUMNS=40
on_tty narrow $RUN
COLUMNS=1000
n=$(tr '\r' '\n' <"$TMP/narrow" | grep "^${ESC}\[Ktrial" |
	sed "s/^${ESC}\[K//" | tr -d '\200-\277' |
	awk '{ if (length($0) > n) n = length($0) } END { print n + 0 }')
[ "$n" -gt 0 ] && [ "$n" -le 39 ] ||
	{ cat -v "$TMP/narrow" >&2; fail "40 columns: progress lines of up to $n characters"; }

# --- --quiet, on a terminal: no line at all.
on_tty quiet $RUN --verify --quiet
if grep -q "$ESC" "$TMP/quiet" || grep -q "round 1/1" "$TMP/quiet"; then
	cat -v "$TMP/quiet" >&2
	fail "--quiet drew a progress line"
fi

# --- Standard error redirected: no line, no escape anywhere.
expect_split 0 faulty $SLOW "$FSCONC" $RUN --verify
if grep -q "$ESC" "$TMP/stdout" "$TMP/stderr" ||
   grep -q "round 1/1" "$TMP/stdout" "$TMP/stderr"; then
	cat -v "$TMP/stdout" "$TMP/stderr" >&2
	fail "a progress line in a redirected report"
fi
grep -q "throughput in MB/s" "$TMP/stdout" ||
	{ cat "$TMP/stdout" "$TMP/stderr" >&2; fail "no report on stdout"; }
assert_no_leftovers "$D"
