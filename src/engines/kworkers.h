/* kworkers.h - the kernel threads of this process that serve io_uring
 * (io-wq workers, named iou-wrk-PID), sampled while a trial runs: how
 * many did work for it, and how many were alive at once. */
#ifndef FSC_KWORKERS_H
#define FSC_KWORKERS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct fsc_kworker {
	pid_t tid;
	bool worker;		/* named like one; else a thread to skip */
	bool fresh;		/* first seen after the first sample */
	uint64_t first_ns, last_ns;	/* its CPU time, schedstat */
};

struct fsc_kworkers {
	const char *prefix;	/* "iou-wrk-" */
	pthread_t thread;
	bool running;
	atomic_bool stop;
	unsigned samples;
	struct fsc_kworker *seen;
	unsigned nseen;
	unsigned peak;		/* most alive at one sample */
};

/* Sample the threads of this process whose name starts with prefix every
 * FSC_KWORKERS_MS (a multiple of 10) from a thread of its own (a sample is
 * a readdir of /proc/self/task, and a read per worker).  Its CPU time is
 * fsconc's, and counts in the trial's: rarely enough that it is a small
 * share of it.  Without that thread (out of resources) nothing is
 * sampled, and fsc_kworkers_stop says 0. */
#define FSC_KWORKERS_MS 100
void fsc_kworkers_start(struct fsc_kworkers *k, const char *prefix);
/* Take a last sample, stop, and say how many workers served (ran since
 * the first sample, or appeared after it) and the most alive at once.
 * false when nothing was sampled. */
bool fsc_kworkers_stop(struct fsc_kworkers *k, unsigned *served,
		       unsigned *peak);
/* One sample, in the calling thread (for tests). */
void fsc_kworkers_sample(struct fsc_kworkers *k);

#endif
