/* results.h - a saved result profile (fsconc-profile/1, --json) read back
 * for fsconc plan, compare and plot: the trials and their rounds, the
 * host and targets, and the sweeps with their models. */
#ifndef FSC_RESULTS_H
#define FSC_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "result/model.h"
#include "result/stats.h"

struct fsc_results_round {
	double bytes_per_sec;
	double achieved_depth;		/* NAN when not recorded */
	double latency_mean_ns;		/* NAN when not recorded */
	double latency_p50_ns;		/* NAN when not recorded */
	double submit_share;		/* NAN when not recorded */
};

struct fsc_results_trial {
	char **targets;			/* the set's paths, as saved */
	size_t ntargets;
	char *engine;
	unsigned jobs;
	unsigned iodepth;		/* 0 when not recorded */
	struct fsc_results_round *rounds;
	size_t nrounds;
	double median;			/* of the rounds' bytes_per_sec */
	/* The engine and the set's paths (sorted, trailing '/' aside), each
	 * ended by a NUL: trials of one sweep have equal keys. */
	char *key;
	size_t keylen;
};

struct fsc_results_target {
	char *path, *fstype, *mount_source, *device;	/* NULL: unknown */
};

/* The longest created, hostname, kernel or cpu_model kept from a profile,
 * in bytes: what is longer is cut, "..." at its end. */
#define FSC_RESULTS_SHOWN_MAX 256

struct fsc_results {
	char *name;			/* the file, for messages */
	char *created, *hostname, *kernel, *cpu_model;	/* NULL: unknown */
	uint64_t files, file_size, block_size;	/* 0: unknown */
	char *mode, *fsync;		/* NULL: unknown */
	int direct;			/* -1: unknown */
	struct fsc_results_target *targets;
	size_t ntargets;
	struct fsc_results_trial *trials;
	size_t ntrials;
};

/* One (target set, engine) of a profile: its trials by rising jobs, and
 * the model of a sweep of FSC_USL_MIN_LEVELS levels or more, fitted as
 * the run fits it (on the level medians). */
struct fsc_results_sweep {
	const struct fsc_results_trial **trials;
	size_t ntrials;
	unsigned max_jobs;
	bool fitted;			/* else why says why not */
	struct fsc_usl usl;
	char why[192];
};

/* Parse a profile from text (len bytes; name is for messages).  Pure: no
 * output, no exit.  0, or -1 with err saying what is wrong and where
 * ("p.json: results[2].rounds[0].bytes_per_sec: expected a number").
 * Free the result with fsc_results_free() either way. */
int fsc_results_parse(struct fsc_results *r, const char *text, size_t len,
		      const char *name, char *err, size_t errlen);
/* Read and parse the file at path.  0, or -1 with err set. */
int fsc_results_load(struct fsc_results *r, const char *path, char *err,
		     size_t errlen);
void fsc_results_free(struct fsc_results *r);

/* Do two trials write to the same target set (the same paths, in any
 * order, a trailing '/' aside)? */
bool fsc_results_same_set(const struct fsc_results_trial *a,
			  const struct fsc_results_trial *b);
/* Is the trial's set exactly these dirs? */
bool fsc_results_set_is(const struct fsc_results_trial *t, char *const *dirs,
			size_t ndirs);
/* "/tmp", or "/tmp + /dev/shm". */
char *fsc_results_set_label(const struct fsc_results_trial *t, char *buf,
			    size_t len);
/* The saved fingerprint of the target at path, or NULL. */
const struct fsc_results_target *fsc_results_target(
	const struct fsc_results *r, const char *path);

/* The trials in the order of their key, then jobs, then place in the
 * profile: trials of a sweep side by side, by rising jobs.  An array of
 * r->ntrials pointers, to free(). */
const struct fsc_results_trial **fsc_results_order(const struct fsc_results *r);
/* Order two trials as fsc_results_order does, place aside: 0 for the
 * same (set, engine, jobs). */
int fsc_results_cmp(const struct fsc_results_trial *a,
		    const struct fsc_results_trial *b);
/* The statistics of a run (stats.h), from a saved profile's rounds, so
 * that a profile read back gives the figures and verdicts of the run:
 * t's rounds paired with those of the pwrite trial of its set (false
 * without one); whether t is concurrent; and the verdict on t's set,
 * over its concurrent trials, with the trial it is on (false when the
 * set has no pwrite or no concurrent trial). */
bool fsc_results_paired(const struct fsc_results *r,
			const struct fsc_results_trial *t,
			struct fsc_paired *out);
bool fsc_results_concurrent(const struct fsc_results_trial *t);
bool fsc_results_verdict(const struct fsc_results *r,
			 const struct fsc_results_trial *t,
			 struct fsc_decision *d,
			 const struct fsc_results_trial **best);

/* Group the trials into sweeps, in the order they first appear, and fit
 * every sweep of enough levels.  Returns the count; *out is freed with
 * fsc_results_sweeps_free(). */
size_t fsc_results_sweeps(const struct fsc_results *r,
			  struct fsc_results_sweep **out);
void fsc_results_sweeps_free(struct fsc_results_sweep *s, size_t n);

#endif
