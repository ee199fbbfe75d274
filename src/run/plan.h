/* plan.h - what a run will do: lay out a result (result.h) with the
 * targets, the target sets (each dir alone, then all of them as a split
 * set) and the trials (set x engine x jobs), for the run to fill. */
#ifndef FSC_PLAN_H
#define FSC_PLAN_H

#include <time.h>

#include "result/result.h"

/* Read the host, check targets and engines, lay out sets
 * and trials, and note warnings.  Creates no file.  0, or -1 with err set
 * (a bad target or engine: exit status 2).  The result files are
 * checked by the run (cmd/run-cmd.c). */
int fsc_plan_build(struct fsc_result *p, const struct fsc_opts *o,
		   char *err, size_t len);
void fsc_plan_free(struct fsc_result *p);
/* Under MPI, collective: every rank must run the same trials (targets,
 * engines, jobs, rounds, --stonewall and --keep), or the ranks would not
 * meet before each one.  0, or -1 with err naming the first rank that
 * differs (exit status 2).  Each rank's workload (files, sizes, fsync)
 * may differ: its figures are its own. */
int fsc_plan_agree(const struct fsc_result *p, char *err, size_t len);
/* The host rank r runs on ("" alone). */
const char *fsc_plan_rank_host(const struct fsc_result *p, unsigned r);

/* The dir (index into targets) that file i of set s goes to: files are
 * dealt round-robin over the set's dirs. */
unsigned fsc_plan_dir_of(const struct fsc_result *p, unsigned set, size_t i);
/* The blocks a trial writes from, one per write in flight: its files in
 * flight (--jobs, at most --files) times its --iodepth (1 but for the
 * asynchronous engines). */
uint64_t fsc_plan_trial_blocks(const struct fsc_result *p,
			       const struct fsc_trial_result *t);
/* Bytes a trial of set s puts on target k. */
uint64_t fsc_plan_bytes_on(const struct fsc_result *p, unsigned set,
			   unsigned k);
/* Files a trial of set s puts on target k. */
uint64_t fsc_plan_files_on(const struct fsc_result *p, unsigned set,
			   unsigned k);
/* The NUMA node of the devices of set s when they agree on one, else
 * -1: where --bind numa puts the writers. */
int fsc_plan_set_node(const struct fsc_result *p, unsigned set);
/* After a round, with counted rounds done so far, the run's time and the
 * bytes one round and all rounds so far write: whether another round
 * runs (FSC_STOP_NONE) or why not.  Summarizes p (fsc_result_summarize). */
enum fsc_stop fsc_plan_more(struct fsc_result *p, unsigned counted,
			    uint64_t elapsed_ns, uint64_t round_bytes,
			    uint64_t bytes);

#endif
