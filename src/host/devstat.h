/* devstat.h - what the disks under a trial's targets did while it ran, as
 * iostat computes it from /sys/block/DISK/stat: busy time (%util, from
 * io_ticks), writes completed, sectors written and the mean number of
 * requests in flight (from time_in_queue), sampled before and after each
 * trial round (fsconc(1), WHY). */
#ifndef FSC_DEVSTAT_H
#define FSC_DEVSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Disks followed per target set: more are left out. */
#define FSC_DEV_MAX 8
#define FSC_DEV_NAME 32

/* The counters of one disk at one moment. */
struct fsc_devstat_counters {
	uint64_t writes;	/* writes completed */
	uint64_t sectors;	/* 512-byte sectors written */
	uint64_t io_ticks_ms;	/* time with a request in flight */
	uint64_t queue_ms;	/* time_in_queue: requests x time in flight */
};

/* Every disk of a set at one moment. */
struct fsc_devstat_sample {
	uint64_t t_ns;		/* CLOCK_MONOTONIC */
	unsigned ndev;
	char name[FSC_DEV_MAX][FSC_DEV_NAME];
	bool ok[FSC_DEV_MAX];	/* its stat file was read */
	struct fsc_devstat_counters c[FSC_DEV_MAX];
};

/* One disk over one trial round. */
struct fsc_devfig {
	char name[FSC_DEV_NAME];
	double busy;		/* share of the time a request was in flight,
				 * 0 to 1 (iostat's %util / 100) */
	uint64_t writes;
	uint64_t bytes;		/* sectors written x 512 */
	double bytes_per_sec;	/* bytes over the time sampled */
	double in_flight;	/* mean requests in flight (iostat's aqu-sz) */
	double cap_bps;		/* the write limit of fsconc's cgroup on the
				 * disk, bytes/s; INFINITY: none */
};

/* The line of /sys/block/DISK/stat: 0, or -1 when it has fewer than the
 * eleven fields every kernel since 2.6 writes. */
int fsc_devstat_parse(const char *line, struct fsc_devstat_counters *c);

/* Add the disks of a fingerprint's name ("sda", "sda+sdb") to names[n],
 * each once, at most FSC_DEV_MAX in all; returns the new count. */
unsigned fsc_devstat_add(char names[][FSC_DEV_NAME], unsigned n,
			 const char *label);

/* Read /sys/block/NAME/stat of names[0..n) under sysfs ("/sys") now. */
void fsc_devstat_sample(struct fsc_devstat_sample *s, const char *sysfs,
			char names[][FSC_DEV_NAME], unsigned n);

/* The figures between two samples of the same disks, out[] of a->ndev
 * entries (a disk unread in either is left out); returns how many. */
unsigned fsc_devstat_between(const struct fsc_devstat_sample *a,
			     const struct fsc_devstat_sample *b,
			     struct fsc_devfig *out);

/* The figures of the counters c0 to c1 over ns nanoseconds. */
void fsc_devstat_figures(const struct fsc_devstat_counters *c0,
			 const struct fsc_devstat_counters *c1, uint64_t ns,
			 struct fsc_devfig *out);

/* The write limit on disk major:minor in a cgroup's throttle file: v2
 * io.max lines "8:0 rbps=max wbps=1048576 riops=max wiops=max", v1
 * blkio.throttle.write_bps_device lines "8:0 1048576".  The limit in
 * bytes/s, or INFINITY when none is set for that disk. */
double fsc_io_max_wbps(const char *text, unsigned major, unsigned minor);
double fsc_blkio_wbps(const char *text, unsigned major, unsigned minor);

/* The lowest write limit on the disk name that this process's cgroup or
 * an ancestor sets (v2 io.max, v1 blkio.throttle.write_bps_device under
 * /sys/fs/cgroup); INFINITY when none. */
double fsc_devstat_cap(const char *name);

#endif
