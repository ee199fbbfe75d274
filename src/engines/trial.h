/* trial.h - one round of one trial while it runs: what the run loop sets
 * up for an engine to write, the state the services of engine.h keep
 * (trial.c), what a stop that cannot finish leaves (held.c), and the
 * synchronous write path (syncio.c).  The run loop makes a trial, hands
 * it to the engine, and reads its files and workers back. */
#ifndef FSC_TRIAL_H
#define FSC_TRIAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli/options.h"
#include "engines/engine.h"
#include "fsconc.h"
#include "host/target.h"
#include "util/histogram.h"

struct fsc_worker {
	_Alignas(64) atomic_uint_fast64_t bytes;	/* read by progress */
	/* 1 + the file whose write (or fsync, or close) this worker has in
	 * the kernel, 0: none; read by the monitor (held.c).  Its own, on
	 * its own cache line: writers never share a counter. */
	atomic_size_t in_kernel;
	uint64_t writes;
	uint64_t submit_ns;
	uint64_t depth_sum, depth_n;
	struct fsc_hist *hist;
};

/* What the run loop asks of a trial (fsc_trial_init). */
struct fsc_trial_setup {
	const struct fsc_opts *opts;
	struct fsc_target *targets;	/* the run's */
	const unsigned *dirs;		/* the set's, indices into targets: */
	unsigned ndirs;			/* file i goes to dirs[i % ndirs] */
	unsigned set;			/* these three name the files */
	const struct fsc_engine *engine;
	unsigned jobs;			/* --jobs, not capped at the files */
	/* How the run names file i of a trial in its run directory
	 * (fsc_file_name, run/rundir.h). */
	int (*file_name)(char *buf, size_t len, unsigned set,
			 const char *engine, unsigned jobs, size_t i);
	unsigned iodepth;
	unsigned round;			/* in the run, warm-up rounds included */
	int node;			/* NUMA node of the set's devices, or -1 */
	/* A file's identity, one per file, filled in as the trial creates
	 * it: the run loop's, to remove the files or keep them. */
	struct fsc_file_id *ids;
	const void *buf;		/* the pattern, one block */
	size_t align;			/* of each block of its own */
	unsigned nown;			/* blocks of its own: writes in flight */
};

struct fsc_trial {
	const struct fsc_opts *opts;
	struct fsc_target *targets;
	const unsigned *dirs;
	unsigned ndirs;
	unsigned set;
	const struct fsc_engine *engine;
	unsigned trial_jobs;	/* --jobs of the trial, in its file names */
	int (*file_name)(char *buf, size_t len, unsigned set,
			 const char *engine, unsigned jobs, size_t i);
	unsigned iodepth;
	size_t nfiles;
	struct fsc_file_result *files;
	struct fsc_file_id *ids;
	const void *buf;
	void **own;		/* a block per write in flight */
	unsigned nown;
	unsigned round;		/* in the run, warm-up rounds included */
	unsigned jobs;		/* files in flight */
	unsigned nworkers;	/* submitting threads: jobs, or 1 when async */
	int node;		/* NUMA node of the set's devices, or -1 */
	struct fsc_worker *workers;
	atomic_size_t next;
	atomic_bool failed;
	uint64_t deadline;	/* --stonewall: when the wall falls, or 0 */
	atomic_bool walled;	/* the wall fell (time, or another rank done) */
	atomic_bool peer_stop;	/* under MPI: another rank failed */
	pthread_mutex_t lock;
	char errmsg[768];
	bool kworkers_sampled;	/* fsc_trial_kernel_workers */
	unsigned kworkers, kworkers_peak;
};

/* Set t up as s asks: its files (each in its directory of the set), its
 * workers, and a block of its own for each write in flight, filled with
 * the pattern now, before the clock starts.  fsc_trial_free() undoes it
 * (but for ids, which stay the run loop's). */
void fsc_trial_init(struct fsc_trial *t, const struct fsc_trial_setup *s);
void fsc_trial_free(struct fsc_trial *t);

/* The target file i of the trial goes to, and its name there. */
struct fsc_target *fsc_trial_target(const struct fsc_trial *t, size_t i);
void fsc_trial_file_name(const struct fsc_trial *t, size_t i, char *buf,
			 size_t len);
/* The descriptor of the directory file i is made in: its target's run
 * directory, or under --dirs-per-target the subdirectory its place
 * among the target's files gives (fsc_target_file_fd). */
int fsc_trial_dirfd(const struct fsc_trial *t, size_t i);
/* The bytes the trial's workers wrote so far, for the progress line
 * (struct fsc_progress, bytes_done; arg is the trial). */
uint64_t fsc_trial_bytes_done(void *arg);

/* What to do about err (a positive errno) on a target: "; free some
 * space, ..." or "". */
const char *fsc_errno_hint(int err);

/* pwrite all of buf at off, through pwritev2 when there are RWF_* flags:
 * short writes continue, EINTR retries, a return of 0 is an error.  0 or
 * -errno.  (syncio.c) */
int fsc_pwrite_full(int fd, const char *buf, size_t len, uint64_t off,
		    int flags);

/* --- what a stop that cannot finish leaves (held.c; progress.h) --- */

/* The run's targets, the first opened of them with a run directory:
 * from now on the monitor can say what is held in each and what stays
 * behind.  fsc_held_end() forgets them. */
void fsc_held_start(const struct fsc_target *targets, size_t opened);
void fsc_held_end(void);
/* The trial under way, whose writers' writes count as held (NULL: none). */
void fsc_held_watch(struct fsc_trial *t);
/* Target k's run directory is being removed (closing), or is gone. */
void fsc_held_closing(size_t k, bool closing);
void fsc_held_gone(size_t k);

#endif
