# mantest.sh - run every example of the EXAMPLES section of fsconc(1), so
# the manual never shows a command that does not work.
#
# Run: each line of that section that starts with "$ fsconc " (in the roff
# source, with \- for each hyphen), with $FSCONC in place of fsconc.
# Skipped: a "$ fsconc " line that follows the roff comment line
# '.\" mantest: skip' (the full-size experiment, gigabytes on a disk), and
# every other "$ " line (ls and the like, shown to readers only).
# Run in a directory of the test's own, so that the files an example
# writes there are removed with it.
# Checked: every example exits 0, at least 4 examples ran, and no run
# directory (.fsconc-*) that an example created is left in /tmp, /dev/shm,
# /var/tmp or $TMPDIR.
. "$(dirname "$0")/setup.sh"

man="$top_srcdir/man/fsconc.1"
[ -r "$man" ] || fail "cannot read the manual page $man"
for d in /tmp /dev/shm /var/tmp; do
	[ -d "$d" ] || skip "the examples write into $d, which is missing here"
done

watched=$(printf '%s\n' /tmp /dev/shm /var/tmp "${TMPDIR:-/tmp}" | sort -u)

# The run directories present now, one path a line, sorted.
list_rundirs() {
	for d in $watched; do
		for e in "$d"/.fsconc-*; do
			if [ -d "$e" ]; then printf '%s\n' "$e"; fi
		done
	done | sort
}

# The pid a run directory's marker names, or nothing.
marker_pid() {
	sed -n 's/^pid \([0-9][0-9]*\)$/\1/p' "$1/.fsconc-run" 2>/dev/null || :
}

list_rundirs >"$TMP/before"

# On any exit, remove what the examples themselves left (their markers name
# their pids), so a failure does not leave files behind either.  Only
# fsconc's own names are removed, never recursively.
remove_ours() {
	list_rundirs >"$TMP/now"
	for e in $(comm -13 "$TMP/before" "$TMP/now"); do
		pid=$(marker_pid "$e")
		[ -n "$pid" ] || continue
		case $pids in
		*" $pid "*)
			rm -f "$e"/s[0-9]*.*.j[0-9]*.[0-9]* "$e/.fsconc-run"
			rmdir "$e" && echo "removed $e, left by an example";;
		esac
	done
}
pids=""
at_exit remove_ours

# "run <line>" or "skip <line>" for each "$ fsconc " line of EXAMPLES.
awk '
/^\.SH/ { in_ex = ($0 ~ /^\.SH[ \t]+"?EXAMPLES"?[ \t]*$/); skip = 0; next }
!in_ex { next }
index($0, ".\\\" mantest: skip") == 1 { skip = 1; next }
/^\$ fsconc( |$)/ { print (skip ? "skip " : "run ") $0; skip = 0 }
' "$man" >"$TMP/examples"

# Undo the roff escapes an example may use: \- \% \& \e \(aq \(dq \fB...
sed -e 's/\\-/-/g' -e 's/\\%//g' -e 's/\\&//g' -e "s/\\\\(aq/'/g" \
    -e 's/\\(dq/"/g' -e 's/\\f[BIRP]//g' -e 's/\\e/\\/g' \
    "$TMP/examples" >"$TMP/commands"

# An example's files (--json run.json) go to the test's own directory.
cd "$TMP"
n=0
ran=0
while IFS= read -r entry; do
	n=$((n + 1))
	kind=${entry%% *}
	line=${entry#* }		# "$ fsconc ..."
	args=${line#\$ fsconc}
	if [ "$kind" = skip ]; then
		echo "example $n: skipped (marked in the page): $line"
		continue
	fi
	# Only plain commands: eval below must not run anything but fsconc.
	case $args in
	*[\;\&\|\<\>\$\`\(\)\{\}\*\?\[\\]*)
		fail "example $n has shell syntax the test does not run: $line";;
	esac
	echo "example $n: $line"
	out="$TMP/example-$n.out"
	# exec: the background job becomes fsconc itself, so $! is the pid its
	# run directories' markers will name.
	eval "exec \"\$FSCONC\"$args" </dev/null >"$out" 2>&1 &
	pid=$!
	pids="$pids $pid "
	rc=0
	wait "$pid" || rc=$?
	sed 's/^/    /' "$out"
	[ "$rc" -eq 0 ] || fail "example $n exited $rc: $line"
	ran=$((ran + 1))
done <"$TMP/commands"

[ "$ran" -ge 4 ] || fail "only $ran runnable examples found in the EXAMPLES section of $man (expected at least 4)"

# Leftovers: a run directory that was not there before and whose marker
# names one of the examples (or no process at all) is a failure.  One
# whose marker names another fsconc belongs to a run outside this test,
# e.g. another test running at the same time.
left=""
for try in 1 2 3 4 5 6 7 8 9 10; do
	list_rundirs >"$TMP/after"
	left=""
	for e in $(comm -13 "$TMP/before" "$TMP/after"); do
		pid=$(marker_pid "$e")
		if [ -z "$pid" ]; then
			left="$left $e"		# no marker (yet?): look again
			continue
		fi
		case $pids in
		*" $pid "*) left="$left $e";;
		*) echo "ignored: $e belongs to fsconc pid $pid, not run here";;
		esac
	done
	# A directory of ours never goes away by itself: do not wait for it.
	ours=no
	for e in $left; do
		if [ -n "$(marker_pid "$e")" ]; then ours=yes; fi
	done
	if [ -z "$left" ] || [ "$ours" = yes ]; then break; fi
	sleep 0.5
done
if [ -n "$left" ]; then
	for e in $left; do ls -la "$e" >&2 || :; done
	fail "examples left run directories behind:$left"
fi
echo "$ran examples ran, $((n - ran)) skipped, nothing left behind"
