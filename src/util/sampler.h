/* sampler.h - a counter read at a fixed interval on a thread of its own,
 * for a round's throughput over time (fsconc(1), MEASUREMENTS): the
 * writers only bump the counters they bump anyway; this thread reads
 * them, so nothing is added to a write. */
#ifndef FSC_SAMPLER_H
#define FSC_SAMPLER_H

#include <stddef.h>
#include <stdint.h>

/* The readings: at t_ns[i] (CLOCK_MONOTONIC), the counter read bytes[i].
 * At most twice FSC_TIMELINE_MAX: a longer round keeps every other one
 * and reads half as often. */
struct fsc_samples {
	uint64_t *t_ns, *bytes;
	size_t n;
};

struct fsc_sampler;

/* Read bytes_done(arg) now and every interval_ns after, until
 * fsc_sampler_stop().  NULL when the thread cannot start (then there are
 * no samples). */
struct fsc_sampler *fsc_sampler_start(uint64_t interval_ns,
				      uint64_t (*bytes_done)(void *arg),
				      void *arg);
/* Stop and free s, handing its readings to out (free out's arrays);
 * s NULL: none. */
void fsc_sampler_stop(struct fsc_sampler *s, struct fsc_samples *out);

#endif
