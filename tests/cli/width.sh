#!/bin/sh
# width.sh - the report fits 80 columns: on a terminal 80 wide (tmux), and
# with standard output a file and COLUMNS=80 or no COLUMNS at all, no line
# is longer (the table is narrow, notes and warnings wrap); a note about
# an engine is said once per set, not once per jobs level; --wide gives
# every column and the latency table.
. "$(dirname "$0")/setup.sh"

mkdir "$TMP/a" "$TMP/b"
RUN="--dir $TMP/a --dir $TMP/b $SMALL --jobs 1,2 --engine all"

# longest FILE: the widest line of FILE, in characters (UTF-8).
longest() {
	tr -d '\r\200-\277' <"$1" | awk '{ if (length($0) > n) n = length($0) }
		END { print n + 0 }'
}

# --- Not a terminal: COLUMNS, else 80.
expect_split 0 env COLUMNS=80 "$FSCONC" $RUN
n=$(longest "$TMP/stdout")
[ "$n" -le 80 ] || { cat "$TMP/stdout" >&2; fail "COLUMNS=80: a line of $n characters"; }
grep -q '^engine  *agg MB/s  *speedup \[95% CI\]  *file MB/s  *p99 [^ ]*s  *CPU s/GiB$' \
	"$TMP/stdout" || { cat "$TMP/stdout" >&2; fail "no compact table header"; }
# The page-cache warning is longer than 80: wrapped under its lead.
grep -q '^warning: ' "$TMP/stdout" && grep -q '^         [a-z]' "$TMP/stdout" ||
	{ cat "$TMP/stdout" >&2; fail "the warning is not wrapped under its lead"; }
# An engine's note once per set: libaio (and the other async engines)
# run at jobs 1 and 2, noted as run synchronously at most once in each of
# the three sets (another note, of a phase that dominates, may name it).
for e in libaio io_uring posixaio; do
	k=$(grep -c "^note:   $e.* spent " "$TMP/stdout" || true)
	[ "$k" -le 3 ] || { cat "$TMP/stdout" >&2; fail "$e noted $k times for 3 sets"; }
done

unset COLUMNS
expect_split 0 "$FSCONC" $RUN --dd
n=$(longest "$TMP/stdout")
[ "$n" -le 80 ] || { cat "$TMP/stdout" >&2; fail "no COLUMNS: a line of $n characters"; }

# --- --wide: today's full table, lines as long as they need.
expect_split 0 env COLUMNS=80 "$FSCONC" $RUN --wide
grep -q '^engine  *agg min  *agg median  *agg max  *stddev' "$TMP/stdout" ||
	{ cat "$TMP/stdout" >&2; fail "--wide: no full table"; }
grep -q '^engine  *write p50 [^ ]*s  *p90' "$TMP/stdout" ||
	{ cat "$TMP/stdout" >&2; fail "--wide: no latency table"; }

# --- On a terminal 80 columns wide.
command -v tmux >/dev/null 2>&1 || skip "no tmux to run fsconc on a terminal 80 columns wide"
SOCK=$TMP/tmux.sock
stop_tmux() { tmux -S "$SOCK" kill-server 2>/dev/null || true; }
at_exit stop_tmux
cat >"$TMP/cmd" <<CMD
unset COLUMNS
'$FSCONC' $RUN >'$TMP/tty.out' 2>&1
echo \$? >'$TMP/tty.status'
'$FSCONC' $RUN
echo "status \$?"
sleep 600
CMD
tmux -S "$SOCK" -f /dev/null new-session -d -x 80 -y 50 "sh '$TMP/cmd'" ||
	skip "tmux cannot start a session here"
i=0
until tmux -S "$SOCK" capture-pane -p -J -S - -E - >"$TMP/screen" 2>/dev/null &&
      grep -q '^status ' "$TMP/screen"; do
	i=$((i + 1))
	[ $i -lt 1200 ] || { cat "$TMP/screen" >&2; fail "fsconc did not finish in tmux"; }
	sleep 0.1
done
grep -q '^status 0$' "$TMP/screen" || { cat "$TMP/screen" >&2; fail "fsconc failed in tmux"; }
grep -q '^verdict: ' "$TMP/screen" || { cat "$TMP/screen" >&2; fail "no verdict on the terminal"; }
n=$(longest "$TMP/screen")
[ "$n" -le 80 ] || { cat "$TMP/screen" >&2; fail "tmux 80 columns: a line of $n characters (joined)"; }
n=$(longest "$TMP/tty.out")
[ "$n" -le 80 ] || { cat "$TMP/tty.out" >&2; fail "output to a file from a terminal 80 wide: a line of $n characters"; }
stop_tmux
assert_no_leftovers "$TMP/a"
assert_no_leftovers "$TMP/b"
