/* stats.h - summaries over rounds (as pytest-benchmark prints them), the
 * speedup against the pwrite baseline with its interval, and the verdict
 * rule: one definition for a live run and a loaded profile (fsconc(1),
 * STATISTICS). */
#ifndef FSC_STATS_H
#define FSC_STATS_H

#include <stdbool.h>
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

enum fsc_verdict { FSC_HELPS, FSC_HURTS, FSC_EQUIVALENT, FSC_INCONCLUSIVE };

/* "helps", "hurts", "equivalent", "inconclusive". */
const char *fsc_verdict_name(enum fsc_verdict v);

/* Quantile p of n ordered values, the k-th (from 0) given by at(ctx, k):
 * linear between order statistics (numpy's default, which
 * pytest-benchmark's quartiles match).  The one definition of a quantile
 * that fsconc shows. */
double fsc_quantile_at(double (*at)(const void *ctx, size_t k),
		       const void *ctx, size_t n, double p);
/* The same of sorted v. */
double fsc_quantile_sorted(const double *v, size_t n, double p);
/* A summary's quartiles, median and IQR from its n ordered values, as
 * fsc_quantile_at() gives them; and whether v lies past the fences, 1.5
 * IQR beyond the quartiles (an outlier). */
void fsc_summary_quartiles(struct fsc_summary *out,
			   double (*at)(const void *ctx, size_t k),
			   const void *ctx);
bool fsc_summary_outlier(const struct fsc_summary *s, double v);
double fsc_median(const double *v, size_t n);
void fsc_summarize(const double *v, size_t n, struct fsc_summary *s);

/* The rounds of a trial paired with its baseline's (round k of both ran
 * side by side): the mean and sample standard deviation of the per-round
 * log ratios log(x[k] / base[k]), over the n rounds where both rates are
 * positive. */
struct fsc_paired {
	size_t n;
	double mean_log, sd_log;	/* sd_log: 0 when n < 2 */
};
void fsc_paired_logs(const double *x, const double *base, size_t n,
		     struct fsc_paired *out);

/* Quantile p (0 < p < 1) of Student's t distribution with df > 0 degrees
 * of freedom. */
double fsc_t_quantile(double p, double df);

/* The speedup: the geometric mean of the per-round ratios, exp(mean_log),
 * with a two-sided interval at confidence 1 - alpha, exp(mean_log +-
 * t(1 - alpha/2, n - 1) sd_log / sqrt(n)).  The point is the interval's
 * centre on the log scale, so always inside it.  Fewer than 2 rounds: a
 * zero-width interval at the point (n = 0: 0). */
void fsc_paired_interval(const struct fsc_paired *pr, double alpha,
			 struct fsc_interval *out);
/* Both at once, at 95 %. */
void fsc_speedup(const double *x, const double *base, size_t n,
		 struct fsc_interval *out);

/* Below this many counted rounds the interval means nothing: no verdict. */
#define FSC_VERDICT_MIN_ROUNDS 3
/* The band of "no real difference" around 1. */
#define FSC_EQUIV_LOW  0.90
#define FSC_EQUIV_HIGH 1.10

/* helps when low > 1.10, hurts when high < 0.90, equivalent when the
 * interval lies inside [0.90, 1.10], else inconclusive. */
enum fsc_verdict fsc_verdict_of(const struct fsc_interval *best);

/* The counted rounds in all that the same mean and spread of log ratios
 * would need for a decisive verdict at confidence 1 - alpha, or 0 when
 * no count up to FSC_ROUNDS_MAX would do (the point sits on an edge). */
#define FSC_ROUNDS_MAX 1000
unsigned fsc_rounds_to_decide(const struct fsc_paired *pr, double alpha);

/* Is a trial concurrent, so a candidate for the verdict?  A synchronous
 * engine with 2 jobs or more; an asynchronous one whose achieved depth
 * (median over rounds) is 1.5 or more and that spent at most
 * FSC_SYNC_SHARE of the trial in its submit call (else it ran
 * synchronously).  NAN figures (not recorded) do not disqualify. */
#define FSC_SYNC_SHARE 0.8
#define FSC_MIN_DEPTH 1.5
bool fsc_is_concurrent(bool async, unsigned jobs, double depth,
		       double submit_share);

/* The verdict on one target set: the best of k candidates (the highest
 * point), judged by its interval at confidence 1 - 0.05/k (Bonferroni,
 * for the selection among k). */
struct fsc_decision {
	size_t best;			/* index into the candidates */
	size_t k;			/* candidates */
	double alpha;			/* 0.05 / k */
	struct fsc_interval speedup;	/* the best's, at 1 - alpha */
	enum fsc_verdict verdict;
	size_t rounds;			/* paired rounds it used */
	unsigned need;			/* inconclusive: the rounds in all a
					 * decision would need, 0: none */
	double spread;			/* exp(sd_log) - 1 of the best's
					 * round ratios */
};
/* k > 0 candidates, each paired with the set's baseline. */
void fsc_decide(const struct fsc_paired *c, size_t k,
		struct fsc_decision *out);
/* Beyond this many rounds in all, an inconclusive verdict is called the
 * machine's noise rather than a count of rounds. */
#define FSC_ROUNDS_NOISY 50

/* The verdict line names the machine's noise when the round ratios vary
 * more than this, or while pwrite ran some task stalled on CPU this share
 * of the time, or the hypervisor stole this share of CPU time. */
#define FSC_NOISY_SPREAD 0.20
#define FSC_BUSY_STALL 0.25
#define FSC_BUSY_STEAL 0.05

/* splitmix64: a seeded random source, for tests and simulations. */
uint64_t fsc_rand_next(uint64_t *state);

#endif
