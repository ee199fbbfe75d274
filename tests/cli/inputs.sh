#!/bin/sh
# inputs.sh - what fsconc reads as input (a workload profile, a result
# profile) must be a regular file: a FIFO with no writer, which open()
# would wait on for ever, is refused at once with one line, exit 2.
. "$(dirname "$0")/setup.sh"

command -v mkfifo >/dev/null 2>&1 || skip "no mkfifo(1)"
command -v timeout >/dev/null 2>&1 || skip "no timeout(1)"
mkfifo "$TMP/fifo"
printf '{"schema": "fsconc-profile/1", "results": []}\n' >"$TMP/empty.json"

# refused WHAT CMD...: CMD exits 2 at once (not killed by the timeout) with
# one line on stderr that names the FIFO.
refused() {
	what=$1; shift
	set +e
	timeout -k 2 20 "$@" >"$TMP/stdout" 2>"$TMP/stderr"
	got=$?
	set -e
	[ "$got" -ne 124 ] && [ "$got" -ne 137 ] ||
		fail "$what: fsconc waited on the FIFO until killed"
	[ "$got" -eq 2 ] || { cat "$TMP/stderr" >&2; fail "$what: exit $got, expected 2"; }
	[ "$(wc -l <"$TMP/stderr")" -eq 1 ] || { cat "$TMP/stderr" >&2; fail "$what: not one line"; }
	grep -q "$TMP/fifo.*not a regular file but a FIFO" "$TMP/stderr" ||
		{ cat "$TMP/stderr" >&2; fail "$what: the FIFO is not named"; }
	[ ! -s "$TMP/stdout" ] || fail "$what: printed on stdout"
}

refused "--profile" "$FSCONC" --profile "$TMP/fifo" --dir "$TMP"
refused "plan" "$FSCONC" plan "$TMP/fifo" --target 1G
refused "compare A" "$FSCONC" compare "$TMP/fifo" "$TMP/empty.json"
refused "compare B" "$FSCONC" compare "$TMP/empty.json" "$TMP/fifo"
refused "plot" "$FSCONC" plot "$TMP/fifo" -o "$TMP/p.svg"
refused "report" "$FSCONC" report "$TMP/fifo"
[ ! -e "$TMP/p.svg" ] || fail "plot wrote its output"
assert_no_leftovers "$TMP"
