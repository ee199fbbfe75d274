/* stats.h - summaries over rounds (as pytest-benchmark prints them), the
 * speedup against the pwrite baseline with a bootstrap interval, and the
 * verdict rule of DESIGN.md §3. */
#ifndef FSC_STATS_H
#define FSC_STATS_H

#include <stddef.h>
#include <stdint.h>

struct fsc_summary {
	size_t n;
	double min, q1, median, q3, max;
	double mean, stddev;	/* sample stddev (n - 1); 0 when n < 2 */
	double iqr;		/* q3 - q1 */
	unsigned outliers;	/* beyond 1.5 IQR from the quartiles */
};

struct fsc_interval {
	double value, low, high;
};

enum fsc_verdict { FSC_HELPS, FSC_NO_DIFFERENCE, FSC_HURTS };

#define FSC_BOOTSTRAP_SEED  0x5eedf5c0ULL
#define FSC_BOOTSTRAP_ITERS 2000

/* Quantile p of sorted v, linear between order statistics (numpy's
 * default, which pytest-benchmark's quartiles match). */
double fsc_quantile_sorted(const double *v, size_t n, double p);
double fsc_median(const double *v, size_t n);
void fsc_summarize(const double *v, size_t n, struct fsc_summary *s);

/* Ratio of medians median(x) / median(base) over n paired rounds, with a
 * 95 % percentile-bootstrap interval: rounds are resampled in pairs, since
 * round k of both ran side by side.  Deterministic for a given seed. */
void fsc_speedup(const double *x, const double *base, size_t n,
		 uint64_t seed, struct fsc_interval *out);

/* Below this many counted rounds the interval means nothing: no verdict. */
#define FSC_VERDICT_MIN_ROUNDS 3

/* helps when low > 1.10, hurts when high < 0.90, else no difference. */
enum fsc_verdict fsc_verdict_of(const struct fsc_interval *best);

/* splitmix64: the bootstrap's random source, exposed for tests. */
uint64_t fsc_rand_next(uint64_t *state);

#endif
