#!/bin/sh
# completion.sh - the bash completion (completions/fsconc, built from
# completions/fsconc.in): every long option of the parser, engine names
# (also in a comma list and after '='), the values of --mode, --fsync and
# --bind, profile names, the subcommands and their options.  It needs
# bash alone; with the bash-completion package, that it loads it too.
. "$(dirname "$0")/setup.sh"

command -v bash >/dev/null 2>&1 || skip "no bash"
COMP=$(dirname "$FSCONC")/../completions/fsconc
[ -f "$COMP" ] || fail "no $COMP: make builds it"

# comp WORD...: what completing the last WORD offers, one per line,
# sorted, with profiles from the source tree.
comp() {
	bash -c '
		. "$1"; shift
		_fsconc_profiledirs=("$PROFILES")
		COMP_WORDS=(fsconc "$@")
		COMP_CWORD=$#
		_fsconc
		printf "%s\n" "${COMPREPLY[@]}" | sort' sh "$COMP" "$@"
}
PROFILES=$top_srcdir/profiles
export PROFILES

# expect WANT WORD...: the completions of WORD... are exactly WANT (words
# separated by spaces).
expect() {
	want=$1; shift
	got=$(comp "$@" | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$want" ] || fail "completing '$*': '$got', expected '$want'"
}

expect "--engine" --eng
expect "--wide" --wi
expect "--warmup --wide" --w
expect "posixaio pwrite" --engine p
expect "pwrite,threads" --engine pwrite,th
expect "libaio" --engine = li
expect "truncate" --mode tr
expect "each end" --fsync e
expect "core" --bind c
expect "seed-pool2" --profile seed-p
expect "plan plot" pl
expect "cleanup compare" c
expect "--target" plan p.json --ta
expect "--output" plot p.json --o
expect "--json" compare a.json --j
expect "report" rep
expect "--wide" report p.json --w
expect "--dirs-per-target" --dirs
expect "" --dirs-per-target 1

# Every long option the parser knows, and no other: those of the run, and
# of each subcommand, in the parser's table (a row starts { "NAME",
# LETTER, ARG, "COMMANDS"; "*" is every command).
table_opts() {	# COMMAND
	sed -n 's/^[[:space:]]*{ "\([a-z-]*\)", [^,]*, [^,]*, "\([^"]*\)".*/\1 \2/p' \
		"$top_srcdir/src/cli/options-table.c" |
	awk -v cmd="$1" '{ for (i = 2; i <= NF; i++) if ($i == cmd || $i == "*") {
		print "--" $1; next } }' | sort | tr '\n' ' '
}
opts=$(table_opts run)
[ -n "$opts" ] || fail "no options found in src/cli/options-table.c"
got=$(comp -- | tr '\n' ' ')
[ "$got" = "$opts" ] || fail "the options offered: '$got'; the parser's: '$opts'"
for sub in plan compare plot; do
	opts=$(table_opts $sub)
	got=$(comp $sub x.json -- | tr '\n' ' ')
	[ "$got" = "$opts" ] ||
		fail "the options offered for $sub: '$got'; the parser's: '$opts'"
done

# Profile names: every profile of the source tree.
want=$(cd "$top_srcdir/profiles" && ls -- *.conf | sed 's/\.conf$//' | sort | tr '\n' ' ')
got=$(comp --profile '' | tr '\n' ' ')
[ "$got" = "$want" ] || fail "profiles offered: '$got', expected '$want'"

# With bash-completion, the file it loads on demand registers fsconc.
for bc in /usr/share/bash-completion/bash_completion /etc/bash_completion; do
	[ -f "$bc" ] || continue
	bash -c '. "$1"; . "$2"; complete -p fsconc' sh "$bc" "$COMP" \
		>"$TMP/complete" 2>&1 || fail "with $bc: $(cat "$TMP/complete")"
	grep -q -- '-F _fsconc fsconc' "$TMP/complete" ||
		fail "with $bc: $(cat "$TMP/complete")"
	exit 0
done
echo "note: bash-completion is not installed: loaded by bash alone" >&2
