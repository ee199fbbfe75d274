# rig.sh - the reference rig, sourced by the tests in tests/rig/: ext4 on
# loop devices whose writes a cgroup may make only at a known rate, and
# fsconc run in that cgroup.  Root only; all of it is undone at exit.

# What it gives the tests (mounts, loop devices and the cgroup go at exit,
# on failure and on a signal alike):
#
#   rig_start               check what the rig needs (else skip, 77) and
#                           make the cgroup fsconc-rig-PID
#   rig_dev NAME MIB RATE   an ext4 of MIB MiB on a loop device whose writes
#                           the cgroup may make at RATE bytes/s; mounted on
#                           $TMP/rig/NAME, which is printed
#   rig_fsconc ARG...       run fsconc inside the cgroup; RIG_BUSY is how
#                           busy the CPUs were meanwhile (PSI, in %)
#   rig_charged DIR         bytes written to DIR's device that the
#                           controller charged to the cgroup
#   rig_watch_dirty, rig_dirty_peak
#                           sample the machine's dirty page cache while a
#                           run goes on; the peak, in % of the threshold
#                           where background writeback starts
#   rig_rates JSON R PCT    pwrite and threads ran; every round's
#                           aggregate, and each file's rate for pwrite
#                           (one file after another), within PCT % of R
#   within V REF PCT WHAT   fail unless the rate V is within PCT % of REF
#                           (skip instead when the machine was too busy)
#   near V REF PCT WHAT     the same for a plain number
#
# What the rig relies on, checked on Linux 6.18 with cgroup v1 blkio (see
# README.md, "The reference rig"):
# - The throttle is set on the loop device's own MAJ:MIN: blk-throttle acts
#   where a bio enters that device, so it paces every write charged to the
#   cgroup, direct or written back from the page cache.
# - A bio is charged to the cgroup of the task that submits it.  fsconc's
#   --direct writes and the writeback its fsync() starts are fsconc's own;
#   background writeback and syncfs() are done by the flusher threads and,
#   on cgroup v1, charged to the root cgroup: not throttled at all.  So a
#   buffered run is paced only with --fsync end (or each), and only if
#   nothing hands its dirty pages to the flusher first: ext4 does when its
#   delayed allocations pass half of its free space (ext4_nonda_switch), so
#   a buffered test's file system must have twice its dirty data free; the
#   kernel does for every file system when the machine's dirty pages pass
#   the background threshold, which a buffered test watches for.
# - The loop device does direct I/O on its backing file (--direct-io=on), so
#   no second page cache sits between the throttle and the image; and the
#   image lives on tmpfs, so the device behind the throttle is always far
#   faster than RATE.  An image on the host's disk stalls whenever something
#   else on the machine flushes that disk, and the time lost comes back as
#   credit, later, in a burst.
# - ext4 is mounted with nobarrier: a journal commit's cache flush would
#   make the loop device fsync its image, an idle pause between trials that
#   the throttle also turns into credit for the next trial.
# - blk-throttle grants bandwidth per time slice (HZ/10, 100 ms): a slice's
#   worth goes through at once when a group starts writing (to whichever
#   file comes first), and after an idle pause shorter than about two
#   slices the group catches up the time it lost.  The long-run rate is
#   exact; a trial of T seconds is off by up to (0.1 s + the pause) / T,
#   so the tests write for 2 s or more per trial.
# - The loop device's worker and the throttle's dispatch are work for the
#   CPU: on a machine so busy that tasks wait for a CPU through half of a
#   run (PSI), the reference itself falls behind its rate, and a figure
#   off its tolerance skips the test instead of failing it.

. "$(dirname "$0")/../cli/setup.sh"

RIG_CG=""
RIG_CGV=""
RIG_DIR="$TMP/rig"
RIG_IMG=""
RIG_WATCH=""
RIG_BUSY=""
# Above this share of CPU pressure during a run, a figure off its tolerance
# skips the test instead of failing it.
RIG_BUSY_MAX=50

rig_start() {
	[ "$(id -u)" -eq 0 ] || skip "the reference rig needs root"
	# A sanitizer slows every call fsconc makes: the rates it measures
	# then are the checked build's, not fsconc's.
	[ "${FSCONC_SANITIZED:-no}" = no ] ||
		skip "a sanitized build's timings are not fsconc's"
	for _c in losetup mkfs.ext4 mount umount findmnt jq; do
		command -v "$_c" >/dev/null 2>&1 ||
			skip "the reference rig needs $_c"
	done
	[ -e /dev/loop-control ] || skip "no loop devices (/dev/loop-control)"
	if [ -f /sys/fs/cgroup/blkio/blkio.throttle.write_bps_device ]; then
		RIG_CGV=1
		RIG_CG=/sys/fs/cgroup/blkio/fsconc-rig-$$
	else
		# cgroup v2: the root must offer the io controller to its
		# children.  Turning it on limits nothing by itself, and is left
		# on: a rig running in parallel may be using it.
		_r=$(findmnt -n -t cgroup2 -o TARGET | head -n 1)
		[ -n "$_r" ] && grep -qw io "$_r/cgroup.controllers" 2>/dev/null ||
			skip "no block-I/O cgroup controller (v1 blkio, v2 io)"
		RIG_CGV=2
		RIG_CG=$_r/fsconc-rig-$$
		grep -qw io "$_r/cgroup.subtree_control" ||
			echo +io >"$_r/cgroup.subtree_control" 2>/dev/null ||
			skip "cannot enable the io controller in $_r"
	fi
	at_exit rig_cleanup
	mkdir "$RIG_DIR"
	if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
		RIG_IMG=$(mktemp -d /dev/shm/fsconc-rig.XXXXXX)
	else
		RIG_IMG=$RIG_DIR
	fi
	mkdir "$RIG_CG" || skip "cannot create the cgroup $RIG_CG"
}

# rig_dev NAME MIB RATE
rig_dev() {
	_img=$RIG_IMG/$1.img
	_mnt=$RIG_DIR/$1
	truncate -s "${2}M" "$_img"
	# No lazy initialisation: ext4lazyinit would write the inode tables
	# in the background while fsconc measures.
	mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0,nodiscard \
		"$_img" >/dev/null
	_dev=$(losetup --find --show --direct-io=on "$_img") ||
		skip "losetup could not attach a loop device"
	_sys=/sys/block/${_dev#/dev/}
	[ "$(cat "$_sys/loop/dio" 2>/dev/null)" = 1 ] ||
		echo "rig: $_dev does buffered I/O on its image" >&2
	mkdir "$_mnt"
	mount -t ext4 -o nobarrier "$_dev" "$_mnt"
	if [ "$RIG_CGV" = 1 ]; then
		echo "$(cat "$_sys/dev") $3" >"$RIG_CG/blkio.throttle.write_bps_device"
	else
		echo "$(cat "$_sys/dev") wbps=$3" >"$RIG_CG/io.max"
	fi
	echo "$_mnt"
}

# CPU pressure: the microseconds some task waited for a CPU (PSI), and the
# clock, so that rig_fsconc can tell how busy the machine was.
psi_cpu() {
	awk '/^some/ { sub(/total=/, "", $5); print $5 }' /proc/pressure/cpu \
		2>/dev/null
}

# Runs fsconc in the cgroup; sets RIG_BUSY to the share of the run (in %)
# during which tasks were waiting for a CPU, empty when unknown.
rig_fsconc() {
	_p0=$(psi_cpu)
	_t0=$(date +%s%N)
	# shellcheck disable=SC2016
	sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' rig \
		"$RIG_CG" "$FSCONC" "$@"
	_rc=$?
	_p1=$(psi_cpu)
	_t1=$(date +%s%N)
	RIG_BUSY=""
	[ -z "$_p0" ] || [ -z "$_p1" ] ||
		RIG_BUSY=$(( (_p1 - _p0) * 100000 / (_t1 - _t0 + 1) ))
	return $_rc
}

rig_charged() {
	_majmin=$(findmnt -n -o MAJ:MIN --target "$1" | tr -d ' ')
	if [ "$RIG_CGV" = 1 ]; then
		awk -v d="$_majmin" '$1 == d && $2 == "Write" { n = $3 }
			END { print n + 0 }' "$RIG_CG/blkio.throttle.io_service_bytes"
	else
		awk -v d="$_majmin" '$1 == d { for (i = 2; i <= NF; i++)
			if (sub(/^wbytes=/, "", $i)) n = $i }
			END { print n + 0 }' "$RIG_CG/io.stat"
	fi
}

# The machine's dirty and writeback pages, in % of the background
# threshold (vm.dirty_background_*), every 50 ms until rig_dirty_peak.
rig_watch_dirty() {
	: >"$TMP/dirty"
	while :; do
		awk '$1 == "nr_dirty" || $1 == "nr_writeback" { n += $2 }
			$1 == "nr_dirty_background_threshold" { t = $2 }
			END { if (t) printf "%d\n", n * 100 / t }' /proc/vmstat \
			>>"$TMP/dirty"
		sleep 0.05
	done &
	RIG_WATCH=$!
}

rig_dirty_peak() {
	[ -z "$RIG_WATCH" ] || kill "$RIG_WATCH" 2>/dev/null || true
	[ -z "$RIG_WATCH" ] || wait "$RIG_WATCH" 2>/dev/null || true
	RIG_WATCH=""
	sort -n "$TMP/dirty" | tail -n 1
}

rig_cleanup() {
	[ -z "$RIG_WATCH" ] || kill "$RIG_WATCH" 2>/dev/null || true
	if [ -n "$RIG_CG" ] && [ -d "$RIG_CG" ]; then
		# Whatever is left in the cgroup is a run of this test cut
		# short: stop it before taking its file system away.
		_i=0
		while [ -n "$(cat "$RIG_CG/cgroup.procs")" ] && [ $_i -lt 50 ]; do
			while read -r _p; do
				kill -KILL "$_p" 2>/dev/null || true
			done <"$RIG_CG/cgroup.procs"
			sleep 0.1
			_i=$((_i + 1))
		done
	fi
	# Every mount and loop device of the rig's images, found afresh so
	# that one made just before a signal, not yet recorded, goes too.
	for _m in $(findmnt -n -l -o TARGET | grep "^$RIG_DIR/" | sort -r); do
		umount "$_m" 2>/dev/null || umount -l "$_m" || true
	done
	for _img in "$RIG_IMG"/*.img; do
		[ -f "$_img" ] || continue
		for _d in $(losetup -n -O NAME -j "$_img"); do
			losetup -d "$_d" || true
		done
	done
	[ "$RIG_IMG" = "$RIG_DIR" ] || [ -z "$RIG_IMG" ] || rm -rf "$RIG_IMG"
	if [ -n "$RIG_CG" ] && [ -d "$RIG_CG" ]; then
		rmdir "$RIG_CG" || echo "rig: could not remove $RIG_CG" >&2
	fi
}

# within V REF PCT WHAT: |V / REF - 1| <= PCT %, else fail with the figures
# (in MiB/s; near does the same for plain numbers).
within() { _near "$1" "$2" "$3" "$4" "$(mib "$1") MiB/s" "$(mib "$2") MiB/s"; }
near() { _near "$1" "$2" "$3" "$4" "$1" "$2"; }
_near() {
	_e=$(awk -v v="$1" -v r="$2" 'BEGIN { printf "%+.1f", (v / r - 1) * 100 }')
	if ! awk -v e="$_e" -v p="$3" 'BEGIN { exit (e <= p && e >= -p) ? 0 : 1 }'
	then
		# The loop device and the throttle's dispatch run on the CPU:
		# starved of it, the reference itself misses its rate.
		[ "${RIG_BUSY:-0}" -lt "$RIG_BUSY_MAX" ] ||
			skip "$4: $5 is $_e % off $6, but tasks waited for a CPU during $RIG_BUSY % of the run (PSI): the machine is too busy for the rig to be a reference"
		fail "$4: $5 is $_e % off $6 (tolerance $3 %)"
	fi
	echo "ok: $4: $5, $_e % off $6"
}

mib() { awk -v v="$1" 'BEGIN { printf "%.2f", v / 1048576 }'; }

# rig_rates JSON R PCT
rig_rates() {
	_eng=$(jq -r '[.results[].engine] | join(" ")' "$1")
	for _e in pwrite threads; do
		case " $_eng " in *" $_e "*) ;; *) fail "$_e did not run: $_eng" ;; esac
	done
	jq -r '.results[] | .engine as $e | .jobs as $j | .rounds |
		to_entries[] | "\($e)x\($j) \(.key + 1) \(.value.bytes_per_sec)"' \
		"$1" >"$TMP/rates"
	while read -r _e _r _v; do
		within "$_v" "$2" "$3" "$_e, round $_r, aggregate"
	done <"$TMP/rates"
	# pwrite writes one file after another: each file's own rate, dd's
	# figure for a one-second write, is R as well.
	jq -r '.results[] | select(.engine == "pwrite") | .rounds |
		to_entries[] | (.key + 1) as $r | .value.files | to_entries[] |
		"\($r) \(.key) \(.value.bytes_per_sec)"' "$1" >"$TMP/rates"
	while read -r _r _f _v; do
		within "$_v" "$2" "$3" "pwrite, round $_r, file $_f"
	done <"$TMP/rates"
}
