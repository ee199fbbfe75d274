/* model_test.c - unit tests for the Universal Scalability Law fit
 * (model.c): known parameters recovered from noisy synthetic sweeps, the
 * edge cases (no coherency, contention of 1 or more, flat and scattered
 * sweeps), and the capacity answers derived from a model. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "result/model.h"
#include "result/stats.h"

#define MAXPTS 64

static char why[256];

/* A normal deviate from the bootstrap's seeded generator (Box-Muller). */
static double gauss(uint64_t *state)
{
	double u1 = (double)(fsc_rand_next(state) >> 11) / 9007199254740992.0;
	double u2 = (double)(fsc_rand_next(state) >> 11) / 9007199254740992.0;

	if (u1 < 1e-300)
		u1 = 1e-300;
	return sqrt(-2 * log(u1)) * cos(2 * M_PI * u2);
}

/* Points of X(N) at levels 1..levels, each the median of 5 rounds with
 * relative noise of sd noise, as a sweep's medians would be. */
static size_t synth(double g, double a, double b, double noise,
		    unsigned first, unsigned levels, uint64_t seed,
		    double *n, double *x)
{
	struct fsc_usl truth = { .gamma = g, .alpha = a, .beta = b };
	uint64_t state = seed;
	size_t k = 0;

	for (unsigned lv = first; lv < first + levels && k < MAXPTS; lv++) {
		double r[5];
		for (int j = 0; j < 5; j++)
			r[j] = fsc_usl_eval(&truth, lv) *
				(1 + noise * gauss(&state));
		n[k] = lv;
		x[k++] = fsc_median(r, 5);
	}
	return k;
}

static void within(double got, double want, double rel, const char *what)
{
	if (!(fabs(got - want) <= rel * fabs(want)))
		fail_msg("%s = %.6g, expected %.6g within %.0f %%", what, got,
			 want, rel * 100);
}

/* Ensure that the fit recovers γ, α and β within 5 % from sweeps with
 * 2 % noise, for several parameter sets.  Each sweep runs well past its
 * peak, as a sweep must for β to show; a contention much below the noise
 * (α = 0.01 against 2 %) cannot be told from 0 by any fit. */
static void usl_fit_noisy_recovers_parameters(void **state)
{
	static const double sets[][3] = {
		{ 5e8, 0.2, 0.002 },	/* peak near 20 jobs */
		{ 3e8, 0.5, 0.02 },	/* peak near 5 */
		{ 1.5e9, 0.35, 0.008 },	/* peak near 9 */
		{ 1e9, 0.25, 0.004 },	/* peak near 14 */
	};

	(void)state;
	for (size_t s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
		double n[MAXPTS], x[MAXPTS];
		struct fsc_usl m;
		size_t k = synth(sets[s][0], sets[s][1], sets[s][2], 0.02, 1,
				 64, 1000 + s, n, x);

		if (fsc_usl_fit(n, x, k, &m, why, sizeof(why)) != 0)
			fail_msg("set %zu refused: %s", s, why);
		within(m.gamma, sets[s][0], 0.05, "gamma");
		within(m.alpha, sets[s][1], 0.05, "alpha");
		within(m.beta, sets[s][2], 0.05, "beta");
		within(m.peak_jobs, sqrt((1 - sets[s][1]) / sets[s][2]), 0.05,
		       "peak_jobs");
		assert_true(m.r2 > 0.95);
		assert_true(m.iterations < FSC_USL_MAX_ITER);
	}
}

/* Ensure that exact points give the exact parameters, also when the
 * sweep does not start at one job. */
static void usl_fit_exact_points_exact(void **state)
{
	double n[MAXPTS], x[MAXPTS];
	struct fsc_usl m;
	size_t k = synth(1e9, 0.05, 0.002, 0, 2, 6, 1, n, x);

	(void)state;
	assert_int_equal(fsc_usl_fit(n, x, k, &m, why, sizeof(why)), 0);
	within(m.gamma, 1e9, 1e-6, "gamma");
	within(m.alpha, 0.05, 1e-6, "alpha");
	within(m.beta, 0.002, 1e-6, "beta");
	within(m.peak, fsc_usl_eval(&m, sqrt(0.95 / 0.002)), 1e-12, "peak");
	within(m.r2, 1, 1e-9, "r2");
}

/* Ensure that the quadratic start solves N/C(N) - 1 = α(N-1) + βN(N-1)
 * exactly on exact points from one job. */
static void usl_start_exact_points_exact(void **state)
{
	double n[MAXPTS], x[MAXPTS], g, a, b;
	size_t k = synth(4e8, 0.3, 0.001, 0, 1, 8, 1, n, x);

	(void)state;
	fsc_usl_start(n, x, k, &g, &a, &b);
	within(g, 4e8, 1e-9, "gamma");
	within(a, 0.3, 1e-9, "alpha");
	within(b, 0.001, 1e-9, "beta");
}

/* Ensure that a sweep without coherency fits β = 0 and has no peak,
 * only the ceiling γ/α. */
static void usl_fit_no_coherency_no_peak(void **state)
{
	double n[MAXPTS], x[MAXPTS];
	struct fsc_usl m;
	size_t k = synth(1e9, 0.1, 0, 0, 1, 8, 1, n, x);
	char buf[256];

	(void)state;
	assert_int_equal(fsc_usl_fit(n, x, k, &m, why, sizeof(why)), 0);
	assert_true(m.beta == 0);
	assert_true(isinf(m.peak_jobs) && isinf(m.peak));
	within(m.ceiling, 1e10, 1e-6, "ceiling");
	assert_int_equal(fsc_usl_peak_whole(&m, 4096), 4096);
	fsc_usl_describe(buf, sizeof(buf), &m, 8, false);
	assert_non_null(strstr(buf, "no peak within reach"));
	assert_non_null(strstr(buf, "10.0 GB/s"));
}

/* Ensure that contention of 1 or more puts the peak at one job. */
static void usl_fit_contention_above_one_peaks_at_one(void **state)
{
	double n[MAXPTS], x[MAXPTS];
	struct fsc_usl m;
	size_t k = synth(1e9, 1.5, 0.01, 0, 1, 6, 1, n, x);
	char buf[256];

	(void)state;
	assert_int_equal(fsc_usl_fit(n, x, k, &m, why, sizeof(why)), 0);
	within(m.alpha, 1.5, 1e-6, "alpha");
	assert_true(m.peak_jobs == 1);
	within(m.peak, 1e9, 1e-6, "peak");
	assert_int_equal(fsc_usl_peak_whole(&m, 4096), 1);
	fsc_usl_describe(buf, sizeof(buf), &m, 6, false);
	assert_non_null(strstr(buf, "no gain from concurrency"));
}

/* Ensure that a flat sweep (a saturated device) is fitted although its
 * R² is low, and says so. */
static void usl_fit_flat_sweep_accepted(void **state)
{
	double n[MAXPTS], x[MAXPTS];
	struct fsc_usl m;
	size_t k = synth(1e9, 1, 0, 0.01, 1, 6, 5, n, x);
	char buf[256];

	(void)state;
	assert_int_equal(fsc_usl_fit(n, x, k, &m, why, sizeof(why)), 0);
	assert_true(m.r2 < FSC_USL_MIN_R2);
	assert_true(m.rmse <= FSC_USL_FLAT_RMSE);
	fsc_usl_describe(buf, sizeof(buf), &m, 6, false);
	assert_non_null(strstr(buf, "flat curve"));
}

/* Ensure that scattered points are refused as a poor fit, naming R². */
static void usl_fit_scattered_refused(void **state)
{
	static const double n[] = { 1, 2, 4, 8, 16 };
	static const double x[] = { 5e8, 9e8, 2e8, 9e8, 1e8 };
	struct fsc_usl m;

	(void)state;
	assert_int_equal(fsc_usl_fit(n, x, 5, &m, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "poor fit"));
	assert_non_null(strstr(why, "R\u00b2"));
}

/* Ensure that fewer than 4 distinct levels are refused, rounds of one
 * level counting once. */
static void usl_fit_few_levels_refused(void **state)
{
	static const double n[] = { 1, 1, 2, 2, 4, 4 };
	static const double x[] = { 1e9, 1e9, 2e9, 2e9, 3e9, 3e9 };
	struct fsc_usl m;

	(void)state;
	assert_int_equal(fsc_usl_fit(n, x, 6, &m, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "3 jobs levels"));
}

/* Ensure that a zero, negative or non-finite point is refused rather
 * than fitted. */
static void usl_fit_bad_point_refused(void **state)
{
	double n[] = { 1, 2, 3, 4 };
	double x[] = { 1e9, 2e9, 0, 3e9 };
	struct fsc_usl m;

	(void)state;
	assert_int_equal(fsc_usl_fit(n, x, 4, &m, why, sizeof(why)), -1);
	x[2] = NAN;
	assert_int_equal(fsc_usl_fit(n, x, 4, &m, why, sizeof(why)), -1);
	x[2] = 2.5e9;
	n[0] = 0;
	assert_int_equal(fsc_usl_fit(n, x, 4, &m, why, sizeof(why)), -1);
}

/* Ensure that the jobs for a rate are the fewest that reach it, and 0
 * past the peak. */
static void usl_jobs_for_reachable_and_not(void **state)
{
	struct fsc_usl m = { .gamma = 1e9, .alpha = 0.05, .beta = 0.002 };

	(void)state;
	m.peak_jobs = sqrt(0.95 / 0.002);
	assert_int_equal(fsc_usl_jobs_for(&m, 1e9, 4096), 1);
	assert_int_equal(fsc_usl_jobs_for(&m, 1.5e9, 4096), 2);
	assert_true(fsc_usl_eval(&m, 6) < 5e9 && fsc_usl_eval(&m, 7) >= 5e9);
	assert_int_equal(fsc_usl_jobs_for(&m, 5e9, 4096), 7);
	assert_int_equal(fsc_usl_jobs_for(&m, 8e9, 4096), 0);
	assert_int_equal(fsc_usl_jobs_for(&m, 5e9, 6), 0);
}

/* Ensure that the whole-number peak is the better neighbour of N*. */
static void usl_peak_whole_best_neighbour(void **state)
{
	struct fsc_usl m = { .gamma = 1e9, .alpha = 0.05, .beta = 0.002 };

	(void)state;
	m.peak_jobs = sqrt(0.95 / 0.002);	/* 21.79 */
	assert_int_equal(fsc_usl_peak_whole(&m, 4096), 22);
	assert_int_equal(fsc_usl_peak_whole(&m, 10), 10);
	m.beta = 0.95 / (21.2 * 21.2);
	m.peak_jobs = 21.2;
	assert_int_equal(fsc_usl_peak_whole(&m, 4096), 21);
}

/* Ensure that the description names every parameter, the peak and R²,
 * and marks a peak past the sweep as extrapolated. */
static void usl_describe_names_everything(void **state)
{
	struct fsc_usl m = { .gamma = 1e9, .alpha = 0.12, .beta = 0.004,
			     .r2 = 0.98 };
	char buf[512];

	(void)state;
	m.peak_jobs = sqrt(0.88 / 0.004);
	fsc_usl_describe(buf, sizeof(buf), &m, 8, false);
	assert_non_null(strstr(buf, "contention \u03b1 = 0.12"));
	assert_non_null(strstr(buf, "coherency \u03b2 = 0.004"));
	assert_non_null(strstr(buf, "at 15 jobs"));
	assert_non_null(strstr(buf, "extrapolated"));
	assert_non_null(strstr(buf, "R\u00b2 = 0.98"));
	fsc_usl_describe(buf, sizeof(buf), &m, 16, false);
	assert_null(strstr(buf, "extrapolated"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(usl_fit_noisy_recovers_parameters),
		cmocka_unit_test(usl_fit_exact_points_exact),
		cmocka_unit_test(usl_start_exact_points_exact),
		cmocka_unit_test(usl_fit_no_coherency_no_peak),
		cmocka_unit_test(usl_fit_contention_above_one_peaks_at_one),
		cmocka_unit_test(usl_fit_flat_sweep_accepted),
		cmocka_unit_test(usl_fit_scattered_refused),
		cmocka_unit_test(usl_fit_few_levels_refused),
		cmocka_unit_test(usl_fit_bad_point_refused),
		cmocka_unit_test(usl_jobs_for_reachable_and_not),
		cmocka_unit_test(usl_peak_whole_best_neighbour),
		cmocka_unit_test(usl_describe_names_everything),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
