/* timeline.h - a round's throughput over time (fsconc(1), MEASUREMENTS):
 * the series built from the sampled byte counter, and what it shows, the
 * dirty page-cache limit.  Pure functions. */
#ifndef FSC_TIMELINE_H
#define FSC_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsconc.h"
#include "result/result.h"

/* The timeline of a round that ran from t0 to end and wrote total bytes,
 * from the counter's readings (t_ns[i], bytes[i], n of them, in time
 * order): intervals of interval_ns from t0, doubled until there are at
 * most FSC_TIMELINE_MAX, the last one ending at end.  Bytes between two
 * readings are taken to complete evenly in between; none complete
 * before t0, and total have by end, so the intervals add up to total
 * exactly.  out->bytes is allocated (NULL, n 0 for a round of no time). */
void fsc_timeline_build(const uint64_t *t_ns, const uint64_t *bytes,
			size_t n, uint64_t t0, uint64_t end, uint64_t total,
			uint64_t interval_ns, struct fsc_timeline *out);

/* The length of interval k of round r's timeline: interval_ns, but for
 * the last, which ends at the round's end. */
uint64_t fsc_timeline_len(const struct fsc_round *r, size_t k);

/* The dirty page-cache limit seen in a round (fsconc(1), MEASUREMENTS):
 * the rate fell to under FSC_DIRTY_DROP of what it was and stayed there
 * (the last third of the round), and the bytes written when it fell are
 * within FSC_DIRTY_NEAR of the host's dirty limit.  The first rate is
 * the page cache's (memory), the second the device's. */
#define FSC_DIRTY_DROP 0.50
#define FSC_DIRTY_NEAR 0.25
struct fsc_dirty_drop {
	uint64_t at_ns;		/* when it fell, from t0 */
	uint64_t at_bytes;	/* bytes written by then */
	double before_bps;	/* the rate until then */
	double after_bps;	/* the rate over the last third */
};
/* Round r's drop against limit_bytes (0: unknown, never): true with *d
 * filled, or false. */
bool fsc_timeline_dirty(const struct fsc_round *r, uint64_t limit_bytes,
			struct fsc_dirty_drop *d);

/* The round of trial t whose timeline stands for it: the counted round of
 * median rate among those with a timeline (the lower of two), or NULL. */
const struct fsc_round *fsc_timeline_round(const struct fsc_trial_result *t);

#endif
