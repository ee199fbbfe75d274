/* noise.h - what the machine did besides fsconc while a trial ran: the
 * load average, CPU steal and iowait (/proc/stat) and pressure stalls
 * (/proc/pressure), sampled before and after each trial round (fsconc(1),
 * STATISTICS AND VERDICT). */
#ifndef FSC_NOISE_H
#define FSC_NOISE_H

#include <stdbool.h>
#include <stdint.h>

enum { FSC_PSI_CPU, FSC_PSI_IO, FSC_PSI_MEMORY, FSC_NPSI };

/* Counters at one moment. */
struct fsc_noise_sample {
	uint64_t t_ns;			/* CLOCK_MONOTONIC */
	double load1;			/* NAN: no /proc/loadavg */
	bool has_stat;
	uint64_t cpu_total, cpu_steal, cpu_iowait;	/* jiffies, all CPUs */
	uint64_t cpu_user, cpu_system;	/* user + nice; system + irq +
					 * softirq */
	bool has_psi[FSC_NPSI];
	uint64_t psi_some_us[FSC_NPSI];	/* "some" total, microseconds */
};

/* One trial round: each figure NAN when the kernel does not give it. */
struct fsc_noise {
	double load;		/* 1-minute load average at the round's end */
	double steal;		/* share of CPU time stolen by the hypervisor */
	double iowait;		/* share of CPU time idle waiting for I/O */
	double user, system;	/* shares of CPU time in user space (nice
				 * too) and in the kernel (interrupts too) */
	double psi[FSC_NPSI];	/* share of the round some task stalled on
				 * CPU, I/O, memory */
};

/* Parsers of the files' text, for the sampler and for tests.  0, or -1
 * when the text is not what the kernel writes. */
int fsc_noise_parse_loadavg(const char *text, double *load1);
/* The first line, "cpu  user nice system idle iowait irq softirq steal
 * ...": the sum of the first eight fields, iowait and steal. */
int fsc_noise_parse_stat(const char *text, uint64_t *total, uint64_t *steal,
			 uint64_t *iowait);
/* The same with user + nice and system + irq + softirq. */
int fsc_noise_parse_cpu(const char *text, uint64_t *total, uint64_t *user,
			uint64_t *system, uint64_t *iowait, uint64_t *steal);
/* The "some ... total=N" line. */
int fsc_noise_parse_psi(const char *text, uint64_t *some_us);

/* Read the files now; what is missing or unreadable stays unknown. */
void fsc_noise_sample(struct fsc_noise_sample *s);
/* The figures between two samples. */
void fsc_noise_between(const struct fsc_noise_sample *a,
		       const struct fsc_noise_sample *b, struct fsc_noise *out);
/* All figures unknown. */
void fsc_noise_unknown(struct fsc_noise *n);
/* The largest of the interference shares (steal, iowait, the stalls),
 * NAN when none is known: how disturbed a round was. */
double fsc_noise_level(const struct fsc_noise *n);

/* The CPUs a process may use: cpus, the count in its affinity mask,
 * lowered to a CPU bandwidth limit of its cgroup or an ancestor's
 * (quota / period: 1.5 for "150000 100000").  cgroup v2 cpu.max text
 * ("max 100000", "150000 100000"): the limit, or INFINITY for none; -1
 * when it is not that. */
int fsc_cpu_max_parse(const char *text, double *cpus);
/* cgroup v1 cpu.cfs_quota_us and cpu.cfs_period_us: the same. */
int fsc_cfs_parse(const char *quota, const char *period, double *cpus);
/* Now, for this process: NAN when the affinity mask is unreadable. */
double fsc_cpus_usable(void);

#endif
