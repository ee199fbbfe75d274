/* capacity.h - fsconc plan: from a saved sweep, how many writers reach a
 * rate, and a Little's-law check of the measurements behind the answer. */
#ifndef FSC_CAPACITY_H
#define FSC_CAPACITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli/options.h"
#include "result/result.h"

/* Writers in flight = writes per second x time per write.  Consistent
 * within this factor with the mean write latency, or this wider one when
 * the profile has only the median. */
#define FSC_LITTLE_TOLERANCE 1.5
#define FSC_LITTLE_TOLERANCE_P50 3.0

struct fsc_little {
	size_t rounds;		/* rounds checked */
	size_t off;		/* rounds out of tolerance */
	bool from_mean;		/* time per write: mean latency, else p50 */
	double depth;		/* median measured depth (writers in flight) */
	double predicted;	/* median writes/s x time per write */
	double writes_per_sec;	/* median */
	double time_per_write;	/* median, seconds */
	bool over_jobs;		/* a depth above what jobs x iodepth allow */
};

/* Check each round of trial t (block_size bytes per write).  0, or -1
 * when no round has the depth, latency and rate the check needs. */
int fsc_little_check(const struct fsc_trial_result *t, uint64_t block_size,
		     struct fsc_little *out);

/* fsconc plan: answer on standard output.  Exit status: 0 answered
 * (reachable or not), 1 no usable model, 2 an unreadable profile. */
int fsc_capacity_main(const struct fsc_opts *o);

#endif
