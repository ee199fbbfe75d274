#!/bin/sh
# faults.sh - every engine meets the faults of fsconc(1)'s SAFETY on a 16 MiB
# tmpfs of its own: ENOSPC once the space check has passed (free space
# faked by tests/fault.so, then taken for real by a second process), EFBIG
# past ulimit -f, EMFILE under ulimit -n, EAGAIN from thread creation under
# ulimit -u (as nobody), EINTR in every wait (SIGALRM without SA_RESTART),
# and a read-only target.  Each case checks the exit status, the one-line
# message (cause and fix), and that the target holds exactly what the user
# had there, with its free space back.
. "$(dirname "$0")/setup.sh"
private_mounts

M=$TMP/m
small_tmpfs "$M"
# A directory nobody may write, for the runs as nobody (who must reach it).
chmod 0711 "$TMP"
mkdir "$M/nobody"
chown nobody "$M/nobody"
plant "$M"
engines=$(engines_here)
[ -n "$engines" ] || fail "no engine can run here"
echo "engines: $engines" >&2

# run_case WHAT STATUS PATTERN CMD...: CMD exits STATUS with one line on
# stderr matching PATTERN (grep -E) and no result on stdout; the target is
# as planted.
run_case() {
	what=$1 want=$2 pat=$3
	shift 3
	set +e
	"$@" >"$TMP/stdout" 2>"$TMP/stderr"
	st=$?
	set -e
	[ $st -eq "$want" ] || {
		cat "$TMP/stdout" "$TMP/stderr" >&2
		fail "$what: exited $st, expected $want"
	}
	if [ "$want" -ne 0 ]; then
		[ "$(wc -l <"$TMP/stderr")" -eq 1 ] ||
			{ cat "$TMP/stderr" >&2; fail "$what: expected one line on stderr"; }
		grep -Eq -- "$pat" "$TMP/stderr" ||
			fail "$what: the message does not match /$pat/: $(cat "$TMP/stderr")"
		# The header's ceiling is the machine's, not the run's.
		! grep -v '^ *ceiling: hot copy' "$TMP/stdout" |
			grep -Eq '^verdict|MB/s' ||
			fail "$what: printed figures for a failed run: $(cat "$TMP/stdout")"
	fi
	check_area "$what"
}

# What fsconc names a file of engine e: DIR/.fsconc-XXXXXX/s0.e.jJ.NNNNNN
file_re() { printf '%s/\\.fsconc-[A-Za-z0-9]{6}/s0\\.%s\\.j[0-9]+\\.[0-9]{6}' "$M" "$1"; }

ONE="--rounds 1 --warmup 0"
for e in $engines; do
	# --- ENOSPC after the check: statvfs says 64 MiB more than there is.
	run_case "$e, ENOSPC after the space check" 1 \
		"write $(file_re $e): No space left on device; free some space" \
		faulty FSC_FAULT_EXTRA_FREE=67108864 \
		"$FSCONC" --dir "$M" --engine $e --files 2 --size 12M \
		--block-size 256K $ONE

	# --- ENOSPC for real: a second process takes the space during the
	# run (3 x 4 MiB fit; the filler keeps taking what is free).
	start_long "$M" --engine $e --files 3 --size 4M --quiet
	(set +e
	 while kill -0 "$fsconc_pid" 2>/dev/null; do
		cat /dev/zero >>"$M/filler" 2>/dev/null
	 done) &
	filler=$!
	st=0
	wait "$long_pid" || st=$?
	long_pid=""
	wait "$filler" || true
	rm -f "$M/filler"
	[ $st -eq 1 ] || { cat "$TMP/long.err" >&2; fail "$e, space taken during the run: exited $st"; }
	[ "$(wc -l <"$TMP/long.err")" -eq 1 ] ||
		{ cat "$TMP/long.err" >&2; fail "$e, space taken during the run: expected one line"; }
	grep -Eq "No space left on device; free some space|not enough space in $M \(tmpfs\): the next trial needs" "$TMP/long.err" ||
		fail "$e, space taken during the run: $(cat "$TMP/long.err")"
	check_area "$e, space taken during the run"

	# --- EFBIG: a 1 MiB file size limit, SIGXFSZ left as the shell has it.
	run_case "$e, EFBIG (ulimit -f)" 1 \
		"write $(file_re $e): File too large; the file size limit \(ulimit -f\)" \
		sh -c 'ulimit -f 2048 && exec "$@"' sh \
		"$FSCONC" --dir "$M" --engine $e --files 2 --size 4M \
		--block-size 64K $ONE

	# --- EMFILE: from too few descriptors to start, to enough.  Where the
	# run cannot open what it needs, it fails cleanly.  The threads'
	# writes are slowed (2 ms each), or each thread may be done with its
	# file before the next opens one.
	in_trial=0
	slow=0
	[ $e != threads ] || slow=2
	for n in 4 5 6 7 8 9 10 12 16 24; do
		set +e
		faulty FSC_FAULT_SLOW_WRITE_MS=$slow \
			sh -c 'ulimit -n '$n' && exec "$@"' sh "$FSCONC" --dir "$M" \
			--engine $e --files 8 --size 1M --block-size 64K --iodepth 2 \
			$ONE --quiet >"$TMP/stdout" 2>"$TMP/stderr"
		st=$?
		set -e
		case $st in
		0) ;;
		1) [ "$(wc -l <"$TMP/stderr")" -eq 1 ] &&
		   grep -Eq 'Too many open files.*ulimit -n' "$TMP/stderr" ||
			fail "$e, ulimit -n $n: $(cat "$TMP/stderr")"
		   ! grep -Eq "^fsconc: open $(file_re $e): " "$TMP/stderr" ||
			in_trial=$((in_trial + 1)) ;;
		*) cat "$TMP/stderr" >&2; fail "$e, ulimit -n $n: exited $st" ;;
		esac
		check_area "$e, ulimit -n $n"
	done
	[ "$e" = pwrite ] || [ $in_trial -gt 0 ] ||
		fail "$e: no ulimit -n made a file open fail during the run"

	# --- EAGAIN: thread creation, as nobody (root is not limited).  One
	# process allows no thread at all; two, one thread besides main.
	if command -v runuser >/dev/null && command -v prlimit >/dev/null &&
	   runuser -u nobody -- test -x "$FSCONC" 2>/dev/null; then
		for u in 1 2; do
			set +e
			runuser -u nobody -- env \
				ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
				prlimit --nproc=$u:$u "$FSCONC" --dir "$M/nobody" \
				--engine $e --files 4 --size 1M --block-size 4K $ONE \
				--quiet >"$TMP/stdout" 2>"$TMP/stderr"
			st=$?
			set -e
			case $st/$u/$e in
			0/1/*|0/2/threads)
				fail "$e, ulimit -u $u: ran although it cannot start its threads" ;;
			0/*) ;;
			1/*) [ "$(wc -l <"$TMP/stderr")" -eq 1 ] &&
			     grep -q 'ulimit -u' "$TMP/stderr" ||
				fail "$e, ulimit -u $u: $(cat "$TMP/stderr")" ;;
			*) cat "$TMP/stderr" >&2; fail "$e, ulimit -u $u: exited $st" ;;
			esac
			check_area "$e, ulimit -u $u"
		done
	else
		echo "note: no runuser or prlimit usable as nobody: ulimit -u not tested" >&2
	fi

	# --- a read-only target: refused as bad input, nothing created.
	RO=$TMP/ro
	mkdir -p "$RO"
	mount --bind "$M" "$RO" && mount -o remount,bind,ro "$RO" ||
		fail "cannot make a read-only bind mount of $M"
	run_case "$e, read-only target" 2 "^fsconc: --dir '$RO': read-only file system" \
		"$FSCONC" --dir "$RO" --engine $e --files 2 --size 1M $ONE
	umount "$RO"
done

# --- EINTR: SIGALRM every 200 us to every thread, no SA_RESTART.  The runs
# succeed, each file read back intact, and the waits did see EINTR: the
# monitor's sigtimedwait, and the engine's own (libaio waits only when its
# writes are queued: --direct --mode overwrite on a disk).
DISK=$TMP/disk
mkdir "$DISK"
direct_disk=""
"$FSCONC" --dir "$DISK" --engine pwrite --files 1 --size 64K --block-size 4K \
	--direct $ONE --quiet >/dev/null 2>&1 && direct_disk=yes
for e in $engines; do
	case $e in
	posixaio) wait_name=aio_suspend ;;
	libaio) wait_name=io_getevents ;;
	io_uring) wait_name=io_uring_wait ;;
	*) wait_name="" ;;
	esac
	seen=0
	for try in 1 2 3; do
		rm -f "$TMP/fault.log"
		run_case "$e, EINTR" 0 "" faulty FSC_FAULT_ALARM_US=200 \
			FSC_FAULT_LOG="$TMP/fault.log" "$FSCONC" --dir "$M" \
			--engine $e --files 4 --size 2M --block-size 64K --rounds 2 \
			--warmup 0 --verify --quiet
		if [ -n "$wait_name" ] && [ -n "$direct_disk" ]; then
			faulty FSC_FAULT_ALARM_US=200 FSC_FAULT_LOG="$TMP/fault.log" \
				"$FSCONC" --dir "$DISK" --engine $e --files 4 \
				--size 2M --block-size 64K --rounds 2 --warmup 0 \
				--direct --mode overwrite --verify --quiet ||
				fail "$e, EINTR, --direct on $DISK: exited $?"
			assert_no_leftovers "$DISK"
		fi
		awk '{ a += $2; s += $4 } END { exit !(a > 0 && s > 0) }' "$TMP/fault.log" ||
			fail "$e: no SIGALRM interrupted the monitor's wait: $(cat "$TMP/fault.log")"
		[ -n "$wait_name" ] || { seen=1; break; }
		seen=$(awk -v w=$wait_name '{ for (i = 1; i < NF; i++) if ($i == w) n += $(i + 1) }
			END { print n + 0 }' "$TMP/fault.log")
		[ "$seen" -eq 0 ] || break
	done
	if [ "$seen" -eq 0 ]; then
		case $e in
		libaio) [ -z "$direct_disk" ] ||
			fail "libaio: io_getevents never returned EINTR: $(cat "$TMP/fault.log")"
			echo "note: $DISK has no O_DIRECT: libaio's wait never blocks" >&2 ;;
		*) fail "$e: $wait_name never returned EINTR: $(cat "$TMP/fault.log")" ;;
		esac
	fi
done
[ -z "$(ls -A "$DISK")" ] || fail "left in $DISK: $(ls -A "$DISK")"
