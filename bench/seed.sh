#!/bin/sh
# seed.sh - the original study's file experiment on this machine: 5 files
# of 256 MiB, one after another (pwrite) and all at once (threads x5), on
# /tmp and /dev/shm and split over both, 5 counted rounds.  Prints fsconc's
# tables and verdicts.
#
#   bench/seed.sh [DIR...]      (default /tmp /dev/shm)
set -eu
fsconc=${FSCONC:-$(dirname "$0")/../src/fsconc}
[ $# -gt 0 ] || set -- /tmp /dev/shm
args=""
for d in "$@"; do args="$args --dir $d"; done
# shellcheck disable=SC2086
exec "$fsconc" $args --files 5 --size 256M --block-size 1M \
	--engine pwrite,threads --jobs 5 --rounds 5 --warmup 1
