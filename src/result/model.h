/* model.h - the Universal Scalability Law, X(N) = γN / (1 + α(N-1) +
 * βN(N-1)), fitted to a concurrency sweep: pure arithmetic on (jobs,
 * throughput) points, no I/O. */
#ifndef FSC_MODEL_H
#define FSC_MODEL_H

#include <stdbool.h>
#include <stddef.h>

/* A sweep needs this many distinct jobs levels for a fit: three
 * parameters and at least one point to spare. */
#define FSC_USL_MIN_LEVELS 4
/* A fit is refused when R² is below this ... */
#define FSC_USL_MIN_R2 0.80
/* ... unless the curve passes within this relative RMS error of the
 * points: a flat sweep (a saturated device) leaves R² nothing to explain,
 * yet its model is right. */
#define FSC_USL_FLAT_RMSE 0.05
#define FSC_USL_MAX_ITER 200

struct fsc_usl {
	double gamma;		/* throughput of one job, bytes/s */
	double alpha;		/* contention, >= 0 */
	double beta;		/* coherency, >= 0 */
	double r2;		/* on throughput */
	double rmse;		/* root mean square error / mean throughput */
	/* N* = sqrt((1 - α) / β), 1 when α >= 1 (throughput never rises);
	 * INFINITY when β = 0 and α < 1 (no peak). */
	double peak_jobs;
	double peak;		/* X(N*), or INFINITY without a peak */
	/* What X(N) approaches without a peak: γ/α, INFINITY when α = 0;
	 * equal to peak otherwise. */
	double ceiling;
	unsigned iterations;
};

/* Fit the points (n[i] jobs, x[i] bytes/s), i < count, by non-linear
 * least squares with α, β >= 0, started from the quadratic
 * "deviation from linearity" fit.  0, or -1 with why saying why the fit
 * is refused (too few levels, bad points, no convergence, poor fit); *m
 * is filled in either case when the fit ran. */
int fsc_usl_fit(const double *n, const double *x, size_t count,
		struct fsc_usl *m, char *why, size_t len);

/* The starting point alone: γ from the lowest level, α and β by linear
 * least squares on N/C(N) - 1 = α(N-1) + βN(N-1), C(N) = X(N)/γ. */
void fsc_usl_start(const double *n, const double *x, size_t count,
		   double *gamma, double *alpha, double *beta);

double fsc_usl_eval(const struct fsc_usl *m, double n);

/* The whole number of jobs, 1 to max_jobs, with the highest X. */
unsigned fsc_usl_peak_whole(const struct fsc_usl *m, unsigned max_jobs);

/* The fewest jobs, 1 to max_jobs, whose X(N) reaches rate; 0 when none
 * does. */
unsigned fsc_usl_jobs_for(const struct fsc_usl *m, double rate,
			  unsigned max_jobs);

/* "γ = 1.05 GB/s per job, contention α = 0.12, coherency β = 0.004,
 * peak 11.2 GB/s at 15 jobs, R² = 0.98"; a peak past swept_max (the
 * highest level measured) is marked as extrapolated. */
char *fsc_usl_describe(char *buf, size_t len, const struct fsc_usl *m,
		       unsigned swept_max, bool iec);
/* The same for a model of files/s (--size 0): "γ = 51000 files/s per
 * job, ...". */
char *fsc_usl_describe_files(char *buf, size_t len, const struct fsc_usl *m,
			     unsigned swept_max);

#endif
