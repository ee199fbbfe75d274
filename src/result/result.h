/* result.h - the result of a run, one model whether a run fills it or a
 * saved profile is read back into it (fsconc(1), FILES): what ran (the
 * workload, host, targets, sets and trials, laid out by the plan), the
 * rounds measured for each trial, and what is computed from them
 * (summaries, verdicts, models: summary.c). */
#ifndef FSC_RESULT_H
#define FSC_RESULT_H

#include <time.h>

#include "cli/options.h"
#include "engines/engine.h"
#include "fsconc.h"
#include "host/target.h"
#include "host/topo.h"
#include "result/model.h"
#include "result/stats.h"
#include "result/tail.h"

/* A fact that changes how a number reads, found before the run. */
struct fsc_warning {
	const char *code;	/* "shared-device", "page-cache", "direct-memory" */
	char text[768];
};

struct fsc_set {
	unsigned *dirs;		/* indices into p->targets */
	unsigned ndirs;
	/* Filled by fsc_result_summarize(), when the set has a pwrite trial
	 * and a concurrent one (fsc_is_concurrent()): the verdict, and its
	 * trial (an index into p->trials). */
	bool has_verdict;
	struct fsc_decision verdict;
	size_t best;
};

struct fsc_trial_result {
	unsigned set;
	const struct fsc_engine *engine;
	unsigned jobs;
	unsigned iodepth;	/* 1 for synchronous engines */
	struct fsc_round *rounds;	/* cap counted rounds, done filled */
	unsigned done;		/* counted rounds measured so far */
	unsigned cap;
	struct fsc_file_id *kept;	/* --keep: the last round's files */
	/* Filled by fsc_result_summarize(): */
	struct fsc_summary agg;		/* aggregate bytes/s over rounds */
	struct fsc_summary files_ps;	/* files/s over rounds */
	struct fsc_summary file;	/* per-file bytes/s, all rounds */
	double cpu_s_per_gib;		/* median over rounds */
	struct fsc_interval speedup;	/* against pwrite on the set, 95 % */
	bool has_speedup;
	struct fsc_paired paired;	/* its rounds against pwrite's */
	struct fsc_noise noise;		/* medians over rounds (NAN: unknown) */
	unsigned disturbed;		/* rounds flagged as disturbed */
	bool concurrent;		/* a candidate for the verdict */
	/* Also filled by fsc_result_summarize(), over the counted rounds
	 * (fsconc(1), MEASUREMENTS and OUTPUT): */
	struct fsc_summary bytes_ps;	/* bytes/s, also under --size 0 */
	double spread;			/* agg.stddev / agg.mean; NAN */
	double latency_ns[FSC_NPCT];	/* each percentile, median */
	double depth;			/* achieved depth, median */
	double submit_share;		/* median */
	double completed;		/* fsc_completed(), median */
	uint64_t phase_ns[FSC_NPHASE];	/* each phase, summed over the
					 * files of every round */
	unsigned kworkers, kworkers_peak;	/* io_uring: the most of any
						 * sampled round */
	/* Stragglers (fsconc(1), STRAGGLERS; tail.h). */
	double file_p10, file_p90;	/* per-file bytes/s, all rounds */
	double tail_share;		/* each round's tail over its time,
					 * median; NAN */
	bool has_slowest;
	struct fsc_straggler slowest;	/* the slowest file of all */
};

/* The USL model of one (set, engine) sweep of FSC_USL_MIN_LEVELS or more
 * jobs levels, fitted on the median aggregate throughput of each level. */
struct fsc_model {
	unsigned set;
	const struct fsc_engine *engine;
	unsigned levels;	/* jobs levels measured */
	unsigned max_jobs;	/* the highest of them */
	bool fitted;		/* else why says why not */
	struct fsc_usl usl;
	char why[192];
};

/* An engine that will not run, and why. */
struct fsc_skip {
	const char *engine;
	char why[256];
};

/* Why the rounds stopped (fsconc(1), --rounds). */
enum fsc_stop {
	FSC_STOP_NONE,		/* they go on */
	FSC_STOP_FIXED,		/* --rounds N */
	FSC_STOP_DECISIVE,	/* every verdict is decisive */
	FSC_STOP_NOTHING,	/* no set has a verdict to wait for */
	FSC_STOP_TIME,		/* another round would pass --budget SECs */
	FSC_STOP_BYTES,		/* another round would pass --budget SIZE */
	FSC_STOP_CAP,		/* FSC_ROUNDS_MAX counted rounds */
	FSC_STOP_KEEP,		/* --keep: the last round must be known */
};

/* What a result read back from a saved profile owns (fsc_result_load):
 * its workload, the strings its const pointers point to, and what only a
 * profile says.  A run's result has none. */
struct fsc_source {
	char *name;		/* the file, fit for a terminal */
	char *created;		/* "created" as saved, cut; NULL: none */
	struct fsc_opts opts;	/* the workload, that p->opts points to */
	bool size_unknown;	/* no workload.file_size: rates in bytes/s */
	char **strings;		/* the strings the result points to */
	size_t nstrings;
};

struct fsc_result {
	const struct fsc_opts *opts;
	time_t started;
	struct fsc_host host;
	struct fsc_target *targets;
	size_t ntargets;
	struct fsc_set *sets;
	size_t nsets;
	struct fsc_trial_result *trials;
	size_t ntrials;
	const char *default_note;	/* no --dir: what was chosen, or NULL */
	struct fsc_skip *skipped;
	size_t nskipped;
	struct fsc_warning *warnings;	/* fsc_warnings_build() */
	size_t nwarnings;
	struct fsc_model *models;	/* fsc_result_summarize() */
	size_t nmodels;
	/* Under MPI: the ranks, the hosts they run on (in the order of their
	 * first rank) and each rank's host; 1, 0, NULL alone. */
	unsigned nranks;
	char **hosts;
	unsigned nhosts;
	unsigned *rank_host;
	char *kept_elsewhere;	/* --keep under MPI: the other ranks' kept
				 * directories, a line each */
	enum fsc_stop stopped;	/* why the rounds stopped */
	struct fsc_source *source;	/* read back from a profile, or NULL */
};

/* Under MPI: the ranks of one host in one round, added up.  Its span
 * runs from the first open of any of its ranks to the last close. */
struct fsc_host_result {
	unsigned ranks;
	uint64_t bytes, planned_bytes;
	uint64_t start_ns, end_ns;	/* from the round's t0 */
	double bytes_per_sec;		/* bytes over the span */
	double slowest_rank_bps;	/* the lowest rate of its ranks */
};
void fsc_round_host(const struct fsc_result *p, const struct fsc_round *rd,
		    unsigned host, struct fsc_host_result *out);
/* A rank's rate in a round: its bytes over its own span. */
double fsc_rank_rate(const struct fsc_rank_result *r);
/* Under MPI: host h's part of trial t, each figure of struct
 * fsc_host_result the median over the counted rounds (fsconc(1), RUNNING
 * ON MANY HOSTS). */
struct fsc_host_medians {
	double bytes_per_sec, slowest_rank_bps;
	double completed;	/* fsc_completed() of the host's bytes */
};
void fsc_trial_host(const struct fsc_result *p,
		    const struct fsc_trial_result *t, unsigned host,
		    struct fsc_host_medians *out);
/* Under MPI: the largest bound on the barrier's skew of any round
 * (fsconc(1), RUNNING ON MANY HOSTS); 0 alone. */
uint64_t fsc_result_skew(const struct fsc_result *p);
/* The counted rounds run: the most of any trial. */
unsigned fsc_result_rounds(const struct fsc_result *p);

/* The share of its planned bytes a round, rank or host wrote: below 1
 * after a --stonewall, 1 when nothing was planned (fsconc(1),
 * --stonewall). */
double fsc_completed(uint64_t bytes, uint64_t planned);
/* The rates of a round's files (fsc_file_rate(), every file opened)
 * summarized: the CSV's file_bytes_per_sec (fsconc(1), CSV). */
void fsc_round_files(const struct fsc_round *rd, struct fsc_summary *out);

/* The stats of each counted round of t's files (fsc_round_file_stats),
 * from the files wherever they are kept; true when every round has its
 * files, false when one was summarised (fsconc(1), --file-detail).  Part
 * of fsc_trial_stragglers(). */
bool fsc_trial_file_stats(struct fsc_trial_result *t);

/* Trial t's files (fsconc(1), STRAGGLERS; tail.c): the per-file rate
 * summarized (t->file) with its p10 and p90, the median tail and the
 * slowest file.  Part of fsc_result_summarize(); returns
 * fsc_trial_file_stats(): whether they are exact. */
bool fsc_trial_stragglers(struct fsc_trial_result *t);

/* The ceiling a trial's throughput reads against (fsconc(1), CEILING):
 * on a set whose targets are all memory, the hot copy, on one core for
 * one writer thread (pwrite, an asynchronous engine, threads x1), on all
 * the ceiling's for more.  First touch is no ceiling: write(2) into a
 * new tmpfs file outruns faulting in fresh anonymous pages. */
struct fsc_ceiling_use {
	unsigned cores;		/* 1, or the ceiling's cpus */
	double rate;		/* bytes/s */
	double share;		/* the trial's median aggregate over rate */
};
/* The ceiling of trial t, false when none applies (not measured, a set
 * on a disk, --size 0). */
bool fsc_trial_ceiling(const struct fsc_result *p,
		       const struct fsc_trial_result *t,
		       struct fsc_ceiling_use *u);

/* A round is disturbed when its interference share is this much above
 * the median of its trial's rounds (and three times it). */
#define FSC_DISTURBED 0.10

/* The longest created, hostname or cpu_model kept from a profile, in
 * bytes: what is longer is cut, "..." at its end (fsconc(1), FILES). */
#define FSC_SHOWN_MAX 256

/* Read the saved result profile at path (fsconc-profile/1, --json) into
 * *p, as a run would have filled it, and summarize it: the summaries,
 * verdicts and models are the run's own, recomputed from the rounds.
 * 0, or -1 with err saying what is wrong and where ("p.json:
 * results[2].rounds[0].bytes_per_sec: expected a number").  Free *p with
 * fsc_result_free() either way. */
int fsc_result_load(struct fsc_result *p, const char *path, char *err,
		    size_t len);
/* The same from text (len bytes; name is for messages).  Pure: no
 * output, no exit. */
int fsc_result_parse(struct fsc_result *p, const char *text, size_t len,
		     const char *name, char *err, size_t errlen);
/* Free what a loaded result owns (nothing for a run's: see
 * fsc_plan_free). */
void fsc_result_free(struct fsc_result *p);
/* plan, compare and plot read rates in bytes/s: 0, or -1 with err set
 * for a profile of --size 0 (files/s). */
int fsc_result_needs_data(const struct fsc_result *p, char *err, size_t len);

/* Free what round rd owns: its files, their summary, its ranks, its
 * timeline and its disks. */
void fsc_round_free(struct fsc_round *rd);

/* The next counted round of t, to fill: room grows as needed. */
struct fsc_round *fsc_trial_new_round(struct fsc_trial_result *t);

/* "every verdict is decisive", ... */
const char *fsc_stop_text(enum fsc_stop s);
/* "decisive", "time", ...: the JSON's word. */
const char *fsc_stop_name(enum fsc_stop s);

/* The trials of one (target set, engine): by rising jobs (then their
 * place), and the model of the sweep, as the run fits it; a sweep of
 * fewer than FSC_USL_MIN_LEVELS levels says why it has none. */
struct fsc_sweep {
	unsigned set;
	const struct fsc_engine *engine;
	size_t *trials;		/* indices into p->trials */
	size_t ntrials;
	unsigned max_jobs;	/* of its trials, measured or not */
	struct fsc_model model;	/* fitted, or why not */
};

/* The model of every (set, engine) swept over FSC_USL_MIN_LEVELS jobs
 * levels or more, in p->models (sweeps.c; part of
 * fsc_result_summarize()). */
void fsc_result_models(struct fsc_result *p);
/* The sweeps of a summarized result, in the order of their first trials;
 * time n log n.  Returns the count; free *out with fsc_sweeps_free(). */
size_t fsc_result_sweeps(const struct fsc_result *p, struct fsc_sweep **out);
void fsc_sweeps_free(struct fsc_sweep *s, size_t n);

/* Summaries, speedups and intervals over the counted rounds, and the
 * models of the sweeps. */
void fsc_result_summarize(struct fsc_result *p);
/* The set's pwrite trial, or NULL. */
const struct fsc_trial_result *fsc_result_baseline(
	const struct fsc_result *p, unsigned set);
/* The trial the set's verdict is on: of its concurrent trials, the one
 * with the highest speedup; or NULL. */
const struct fsc_trial_result *fsc_result_best(
	const struct fsc_result *p, unsigned set);

#endif
