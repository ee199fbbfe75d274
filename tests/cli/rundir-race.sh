#!/bin/sh
# rundir-race.sh - root's fsconc in a directory another user owns, while
# that user (nobody) races it: each run directory fsconc makes is
# exchanged at once for one of the racer's, and each file fsconc makes in
# a racer's directory is replaced with a hard link to the racer's victim
# file (tests/racer.c).  Over 102 runs in the three modes fsconc never
# writes into the racer's directories, never truncates the victim, never
# removes what it did not make, and never exits 0 having left a file or
# directory behind: it works in its own directory or fails with a
# message (exit 1).  Half the runs deal their files over subdirectories
# (--dirs-per-target 2), which must stay inside fsconc's own directory.
. "$(dirname "$0")/setup.sh"

[ "$(id -u)" -eq 0 ] || skip "not root: cannot run fsconc and a racer as two users"
command -v setpriv >/dev/null 2>&1 || skip "no setpriv(1) (util-linux)"
id nobody >/dev/null 2>&1 || skip "no user nobody to race as"
[ -x "${FSC_RACER:-}" ] || fail "no racer: build tests/racer (make check does)"
uid=$(id -u nobody)
gid=$(id -g nobody)

# nobody must reach the directories below $TMP.
chmod 0755 "$TMP"
T=$TMP/shared
V=$TMP/victim
mkdir "$T" "$V"
chown "$uid:$gid" "$T" "$V"
head -c 65536 /dev/urandom >"$V/file"
chown "$uid:$gid" "$V/file"
chmod 0644 "$V/file"
sum=$(sha256sum <"$V/file")

racer_pid=""
stop_racer() {
	[ -z "$racer_pid" ] || kill "$racer_pid" 2>/dev/null || true
	[ -z "$racer_pid" ] || wait "$racer_pid" 2>/dev/null || true
	racer_pid=""
}
at_exit stop_racer
setpriv --reuid="$uid" --regid="$gid" --clear-groups \
	"$FSC_RACER" "$T" "$V/file" >"$TMP/racer.log" 2>&1 &
racer_pid=$!
i=0
until grep -q '^ready' "$TMP/racer.log"; do
	i=$((i + 1))
	[ $i -lt 200 ] || fail "the racer did not start: $(cat "$TMP/racer.log")"
	kill -0 "$racer_pid" 2>/dev/null || fail "the racer died: $(cat "$TMP/racer.log")"
	sleep 0.05
done

ok=0 refused=0
for attempt in $(seq 1 102); do
	case $((attempt % 3)) in
	0) mode=create ;;
	1) mode=truncate ;;
	2) mode=overwrite ;;
	esac
	# Every other run deals its files over subdirectories, made in the
	# run directory it holds, whatever name it has by then.
	tree=""
	[ $((attempt % 2)) -eq 0 ] || tree="--dirs-per-target 2"
	set +e
	# shellcheck disable=SC2086
	"$FSCONC" --dir "$T" --files 2 --size 64K --block-size 16K --rounds 1 \
		--warmup 0 --engine pwrite --mode $mode $tree \
		>"$TMP/out" 2>"$TMP/err"
	st=$?
	set -e
	[ "$(sha256sum <"$V/file")" = "$sum" ] ||
		fail "attempt $attempt ($mode): the victim changed (status $st): $(cat "$TMP/err")"
	if grep '^made ' "$TMP/racer.log" >&2; then
		fail "attempt $attempt ($mode): fsconc wrote into the racer's directory (status $st): $(cat "$TMP/err")"
	fi
	# Nothing of root's inside a directory of the racer's.
	bad=$(find "$T" -mindepth 2 -user 0 -printf '%h\n' | sort -u |
		while read -r d; do [ "$(stat -c %u "$d")" -eq 0 ] || echo "$d"; done)
	[ -z "$bad" ] || fail "attempt $attempt ($mode): root's files among the racer's: $bad"
	case $st in
	0)
		ok=$((ok + 1))
		left=$(find "$T" -mindepth 1 -user 0)
		[ -z "$left" ] || fail "attempt $attempt ($mode): exit 0, but root's $left stayed behind"
		;;
	1)
		refused=$((refused + 1))
		grep -q '^fsconc: ' "$TMP/err" ||
			fail "attempt $attempt ($mode): exit 1 without a message"
		;;
	*)
		cat "$TMP/err" >&2
		fail "attempt $attempt ($mode): exited $st"
		;;
	esac
	# What fsconc could not take away (its own directory, emptied, under
	# the racer's name): root's, so the test's to remove.
	find "$T" -mindepth 1 -maxdepth 1 -type d -user 0 -empty -exec rmdir {} +
	find "$T" -mindepth 1 -maxdepth 1 -user "$uid" -exec rm -rf {} +
	[ -z "$(find "$T" -mindepth 1 -user 0)" ] ||
		fail "attempt $attempt ($mode): root's files left: $(find "$T" -mindepth 1 -user 0)"
done
kill -0 "$racer_pid" 2>/dev/null || fail "the racer died: $(cat "$TMP/racer.log")"
swaps=$(grep -c '^swap ' "$TMP/racer.log" || true)
echo "102 runs: $ok ended well, $refused failed with a message; the racer exchanged $swaps run directories"
