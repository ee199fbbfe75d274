/* histogram.h - log-linear latency histogram: exact below 256 ns, then 128
 * linear buckets per power of two, so a reported value is within 0.4 % of
 * every sample in its bucket.  Values from 2^41 ns (~37 min) clamp into
 * the last bucket. */
#ifndef FSC_HISTOGRAM_H
#define FSC_HISTOGRAM_H

#include <stdint.h>

#define FSC_HIST_SUB_BITS 7
#define FSC_HIST_SUB      (1u << FSC_HIST_SUB_BITS)
#define FSC_HIST_MAX_BIT  41
#define FSC_HIST_BUCKETS  ((FSC_HIST_MAX_BIT - FSC_HIST_SUB_BITS + 1) * FSC_HIST_SUB)

struct fsc_hist {
	uint64_t count;
	uint64_t max;
	uint64_t sum;		/* exact, for the mean (Little's law) */
	uint64_t bucket[FSC_HIST_BUCKETS];
};

void fsc_hist_reset(struct fsc_hist *h);
void fsc_hist_add(struct fsc_hist *h, uint64_t v);
void fsc_hist_merge(struct fsc_hist *into, const struct fsc_hist *from);
/* Value at quantile p (0..1): the midpoint of the bucket holding the
 * ceil(p*count)-th smallest sample; p = 1 gives the exact max.  0 when
 * empty. */
uint64_t fsc_hist_quantile(const struct fsc_hist *h, double p);
/* The exact mean of the samples, 0 when empty. */
uint64_t fsc_hist_mean(const struct fsc_hist *h);

/* Exposed for tests: bucket of v, and the lowest value of a bucket. */
unsigned fsc_hist_index(uint64_t v);
uint64_t fsc_hist_lower(unsigned idx);

#endif
