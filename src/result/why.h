/* why.h - what limited a trial: the disks' and the CPUs' figures over its
 * rounds, and the rules that name a verdict's reason from them (fsconc(1),
 * WHY).  The rules are arithmetic on figures, for a live run and a loaded
 * profile alike. */
#ifndef FSC_WHY_H
#define FSC_WHY_H

#include <stdbool.h>
#include <stddef.h>

#include "host/devstat.h"
#include "result/result.h"

/* A trial's figures: medians over its counted rounds. */
struct fsc_trial_why {
	unsigned ndev;
	struct fsc_devfig dev[FSC_DEV_MAX];	/* each disk's medians */
	unsigned busiest;			/* index into dev, or ndev */
	double cpus, cpus_busy;			/* as in a round; NAN */
};

void fsc_why_trial(const struct fsc_trial_result *t, struct fsc_trial_why *out);

/* "vda 97% busy, 212 MB/s" (each disk, comma-separated; "..., 32.0
 * MiB/s of 32.0 MiB/s allowed" under a cgroup write limit), or "" when
 * no disk was followed. */
char *fsc_why_devices(char *buf, size_t len, const struct fsc_trial_why *w,
		      bool iec);

/* "0.98 of 1 CPU", or "" when unknown. */
char *fsc_why_cpus(char *buf, size_t len, const struct fsc_trial_why *w);

/* The rules, tried in this order; the first that fires is the reason
 * (fsconc(1), WHY, gives each with an example). */
enum fsc_why_rule {
	FSC_WHY_NONE,		/* no rule explains it */
	FSC_WHY_DEVICE,		/* the disk was already saturated */
	FSC_WHY_MEMORY,		/* the writes stayed in the page cache */
	FSC_WHY_KWORKERS,	/* io_uring's kernel workers outnumbered
				 * the CPUs */
	FSC_WHY_CPU,		/* the writers used their CPUs */
	FSC_WHY_SUBMIT,		/* the async engine mostly submitted */
	FSC_WHY_NOISE,		/* the machine was busy with other work */
};

/* device: pwrite's busiest disk was at least this busy, or wrote at
 * least this share of its cgroup's write limit ... */
#define FSC_WHY_BUSY 0.90
/* ... and the disks' rate was between these shares of the trial's own
 * rate (the trial's bytes, give or take the file system's own). */
#define FSC_WHY_MATCH_LOW  0.80
#define FSC_WHY_MATCH_HIGH 1.25
/* memory: buffered, no fsync, and the disks wrote less than this share
 * of the trial's bytes and were busy less than this share of the time,
 * for pwrite and the verdict's trial alike. */
#define FSC_WHY_IDLE 0.10
/* kworkers: buffered, and more of io_uring's kernel workers (io-wq) at
 * once than the CPUs the trial could use, at least this many. */
#define FSC_WHY_KWORKERS_MIN 2
/* cpu: the verdict's trial kept at least this share of its CPUs busy;
 * or, for helps, pwrite kept this share of its CPU busy and the verdict's
 * trial could use more CPUs than it. */
#define FSC_WHY_CPU_SHARE 0.90
/* submission: an asynchronous engine spent at least this share of the
 * trial in its submit call. */
#define FSC_WHY_SUBMIT_SHARE 0.50
/* noise: FSC_NOISY_SPREAD, FSC_BUSY_STALL, FSC_BUSY_STEAL (stats.h), or
 * the machine's CPUs this busy in all while fsconc's writers kept less
 * than FSC_WHY_CPU_SHARE of theirs busy. */
#define FSC_WHY_MACHINE_BUSY 0.90

/* The figures the rules read; NAN (or "" for a name) where unknown. */
struct fsc_why_in {
	enum fsc_verdict verdict;
	bool iec;		/* rates in MiB/s */
	bool buffered;		/* not --direct */
	bool fsync;		/* --fsync end or each */
	bool memory_backed;	/* every target is tmpfs or the like */
	char best[64];		/* the verdict's trial: "threads×4" */
	bool best_async;
	/* pwrite, the baseline */
	double base_rate;		/* its median aggregate, bytes/s */
	char disk[FSC_DEV_NAME];	/* its busiest disk */
	double disk_busy;		/* that disk's busy share */
	double disk_cap;		/* its cgroup write limit, bytes/s */
	double disk_cap_rate;		/* its rate, bytes/s */
	double base_disks_rate;		/* all the set's disks, bytes/s */
	double base_disks_busy;		/* the busiest disk's busy share */
	double base_cpus, base_cpus_busy;	/* as cpus, cpus_busy */
	/* the verdict's trial */
	double best_rate;
	double best_disks_rate, best_disks_busy;
	double cpus, cpus_busy;
	double submit_share;
	double kworkers, kworkers_peak;	/* io-wq workers that served its
					 * writes, and the most at once (the
					 * trial's: NAN when not sampled) */
	/* the machine */
	double spread;			/* of the verdict's round ratios */
	double stall, steal;		/* CPU pressure and steal shares
					 * while pwrite ran */
	double machine_busy;		/* user + system share of all CPUs
					 * while the verdict's trial ran */
};

struct fsc_why {
	enum fsc_why_rule rule;
	char text[256];		/* the reason, without "because" */
};

/* "device", "memory", "kworkers", "cpu", "submission", "noise"; NULL
 * for none. */
const char *fsc_why_rule_name(enum fsc_why_rule r);

/* The reason: the first rule that fires on the figures, or
 * FSC_WHY_NONE with "no rule explains it".  Pure: no I/O. */
void fsc_why_decide(const struct fsc_why_in *in, struct fsc_why *out);

/* The figures of set s's verdict from the plan's trials (the verdict
 * must have been decided: fsc_result_best() not NULL). */
void fsc_why_gather(const struct fsc_result *p, unsigned s,
		    struct fsc_why_in *in);

#endif
