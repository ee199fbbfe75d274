/* engine.h - what an engine is, and the services a trial offers it.
 *
 * An engine is one table of functions in src/engines/.  The trial it is
 * handed (trial.h, set up by the run loop) owns the files, the clocks and
 * the statistics: an engine asks it for the next file, opens and closes
 * files through it, and reports each write's latency (trial.c), so an
 * engine file holds only what is particular to its API. */
#ifndef FSC_ENGINE_H
#define FSC_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* --cache dontcache: buffered writes the kernel drops from the page
 * cache once written back (Linux 6.14; the value of its uapi header,
 * for older headers). */
#ifndef RWF_DONTCACHE
#define RWF_DONTCACHE 0x00000080
#endif

/* How io_uring runs (fsconc(1), --uring-fixed-buffers, --uring-fixed-files,
 * --uring-sqpoll): a mask of these. */
#define FSC_URING_FIXED_BUFFERS	1u
#define FSC_URING_FIXED_FILES	2u
#define FSC_URING_SQPOLL	4u

struct fsc_trial;	/* one round of one trial (trial.h) */
struct fsc_worker;	/* one submitting thread's measurements */

struct fsc_engine {
	const char *name;
	const char *summary;	/* one line for --list-engines */
	const char *missing;	/* NULL when built, else what to install */
	bool concurrent;	/* runs --jobs files at once (pwrite: no) */
	bool async;		/* keeps --iodepth writes in flight per file */
	/* Async engines: the call whose time is the submit share, and why a
	 * high share means the writes ran inside it (the report says so). */
	const char *submit_call;
	const char *sync_note;
	/* Why it cannot write with RWF_DONTCACHE (--cache dontcache), or
	 * NULL when it can (fsc_trial_rw_flags). */
	const char *no_dontcache;
	/* May this engine run here?  0, or -errno with a reason and a fix
	 * in why.  NULL: always. */
	int (*probe)(char *why, size_t len);
	/* Can it keep depth writes in flight here, within the kernel's
	 * limits (fs.aio-max-nr, the ring)?  Tried when the plan is made,
	 * before any block is allocated.  0, or -errno with why set.  NULL:
	 * no such limit. */
	int (*probe_depth)(unsigned depth, char *why, size_t len);
	/* The FSC_URING_* ways of running asked for, with depth blocks of
	 * block_size registered: possible here?  Tried with the plan after
	 * probe_depth.  0, or -errno with why set.  NULL: takes none (the
	 * options are refused when no trial's engine takes them). */
	int (*probe_uring)(unsigned uring, unsigned depth, uint64_t block_size,
			   char *why, size_t len);
	/* Write every file of the trial.  0, or the first -errno; the
	 * trial has already recorded what failed where. */
	int (*run)(struct fsc_trial *t);
};

/* The engine table (engines.c), in the order reports list them. */
extern const struct fsc_engine *const fsc_engines[];
const struct fsc_engine *fsc_engine_find(const char *name);

/* --- Services of the trial, for engines (trial.c; all thread-safe) --- */

/* Files in flight the trial asks for (--jobs, capped at the file count),
 * and writes in flight per file (--iodepth; 1 for synchronous engines). */
unsigned fsc_trial_jobs(const struct fsc_trial *t);
unsigned fsc_trial_iodepth(const struct fsc_trial *t);
uint64_t fsc_trial_file_size(const struct fsc_trial *t);
uint64_t fsc_trial_block_size(const struct fsc_trial *t);
bool fsc_trial_fsync_each(const struct fsc_trial *t);
/* The RWF_* flags of every write (pwritev2, io_uring's rw_flags, libaio's
 * aio_rw_flags): RWF_DONTCACHE under --cache dontcache, else 0. */
int fsc_trial_rw_flags(const struct fsc_trial *t);
/* The FSC_URING_* mask the options ask for. */
unsigned fsc_trial_uring(const struct fsc_trial *t);
/* Each write in flight has a block of its own, filled with the pattern
 * before the clock starts: buffer k (k < jobs x iodepth for async
 * engines, k < jobs for the others); NULL past them.  With --verify each
 * write also carries a header naming its file, offset and round. */
void *fsc_trial_own_buffer(struct fsc_trial *t, unsigned k);
/* What to write at off of file i: own (stamped for it under --verify), or
 * the shared buffer when own is NULL.  Costs at most a stamp, no copy. */
const void *fsc_trial_data(const struct fsc_trial *t, void *own, size_t i,
			   uint64_t off, size_t len);

/* Claim the next file to write, or -1 when none is left, the trial is
 * stopping (an error, or a signal) or the stonewall fell. */
long fsc_trial_next_file(struct fsc_trial *t);
bool fsc_trial_stopping(const struct fsc_trial *t);
/* The stonewall fell (--stonewall): the trial ends early but counts.
 * Start no new write, let those in flight complete, and close each open
 * file with fsc_file_close() and the bytes of its writes that completed,
 * so the measurement covers what was written up to the wall.  Always
 * false without --stonewall. */
bool fsc_trial_walled(struct fsc_trial *t);

/* Pin the calling thread, writer k of the trial, where --bind asks (a
 * core, or the NUMA node of the target's device).  Every engine calls it
 * first thing in each thread that submits writes, the calling thread
 * included; the run loop restores that one after the trial.  0, or -errno
 * with the failure recorded and the trial stopping. */
int fsc_worker_bind(struct fsc_trial *t, unsigned k);

/* Worker k's measurements.  Synchronous engines have one worker per
 * file in flight (0 <= k < fsc_trial_jobs()); async engines submit from
 * one thread, so they have worker 0 only. */
struct fsc_worker *fsc_trial_worker(struct fsc_trial *t, unsigned k);

/* Open file i the way the mode asks (timestamp t_open first); returns
 * the fd or -errno, the failure already recorded. */
int fsc_file_open(struct fsc_trial *t, size_t i);
/* fsync (--fsync end), close, timestamp t_done, count bytes written. */
int fsc_file_close(struct fsc_trial *t, size_t i, int fd, uint64_t bytes);
/* fsync after one write (--fsync each): 0 or -errno, recorded. */
int fsc_file_fsync(struct fsc_trial *t, size_t i, int fd);
/* Record a failure of op on file i (first one wins) and stop the trial;
 * i = FSC_NO_FILE for a failure that concerns no one file.  Returns err. */
#define FSC_NO_FILE ((size_t)-1)
int fsc_trial_fail(struct fsc_trial *t, size_t i, const char *op, int err);
/* The same for a failure tied to no file (an engine's setup): the whole
 * message is given.  Returns err. */
int fsc_trial_failf(struct fsc_trial *t, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Writes (and fsyncs) of file i handed to the kernel, +1, and back from
 * it, -1: what fsconc says it still waits for when a stop cannot finish
 * (fsconc(1), RELIABILITY).  For async engines, from one thread: each
 * write from its submission to its completion, each fsync while in it.
 * (The synchronous write path counts its own, per writer.) */
void fsc_file_in_kernel(struct fsc_trial *t, size_t i, int delta);
/* A stopping trial waited FSC_STOP_DRAIN_SEC (progress.h) for writes that
 * the kernel does not complete: print the trial's failure, what is still
 * held and what stays behind, and exit at once (1, or 128 + the signal),
 * leaving the memory those writes use and the run directories (for
 * `fsconc cleanup`) as they are.  Never returns. */
void fsc_trial_abandon(struct fsc_trial *t) __attribute__((noreturn));

/* One write done: its submit-to-completion latency, and the time the
 * submitting thread spent inside the submit call itself. */
void fsc_worker_write(struct fsc_worker *w, uint64_t bytes,
		      uint64_t latency_ns, uint64_t submit_ns);
/* Writes in flight seen at a submission (async engines). */
void fsc_worker_depth(struct fsc_worker *w, unsigned inflight);
/* The kernel workers (io_uring's io-wq) that served the trial, sampled
 * while it ran, and the most alive at once (fsc_kworkers_stop). */
void fsc_trial_kernel_workers(struct fsc_trial *t, unsigned served,
			      unsigned peak);
/* Time spent inside one submit call, for engines that submit several
 * writes per call (they pass 0 as submit_ns to fsc_worker_write). */
void fsc_worker_submit_time(struct fsc_worker *w, uint64_t ns);

/* The synchronous write path shared by pwrite and threads: open file i,
 * pwrite it block by block (short writes continue, EINTR retries), fsync
 * as asked, close.  0 or -errno. */
int fsc_sync_write_file(struct fsc_trial *t, struct fsc_worker *w, size_t i);

#endif
