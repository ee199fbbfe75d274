/* stats_test.c - unit tests for summaries over rounds, the bootstrap
 * speedup interval and the verdict rule (stats.c).  Expected figures were
 * computed apart from fsconc, with numpy's linear quantile rule. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "stats.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Fail unless got is within a relative 1e-12 (or 1e-12 absolute near
 * zero) of want. */
static void near_(double got, double want, const char *what, int line)
{
	double tol = 1e-12 * (fabs(want) > 1 ? fabs(want) : 1);

	if (!(fabs(got - want) <= tol))
		fail_msg("line %d: %s = %.17g, expected %.17g", line, what, got,
			 want);
}

#define NEAR(got, want) near_((got), (want), #got, __LINE__)

/* Ensure that quantiles interpolate linearly between order statistics,
 * as numpy's default does. */
static void quantile_sorted_linear(void **state)
{
	static const double v[] = { 1, 2, 3, 4 };
	static const double w[] = { 0.1, 0.2, 0.3, 0.7, 0.9 };

	(void)state;
	NEAR(fsc_quantile_sorted(v, 4, 0.0), 1.0);
	NEAR(fsc_quantile_sorted(v, 4, 0.1), 1.3);
	NEAR(fsc_quantile_sorted(v, 4, 0.25), 1.75);
	NEAR(fsc_quantile_sorted(v, 4, 0.5), 2.5);
	NEAR(fsc_quantile_sorted(v, 4, 0.75), 3.25);
	NEAR(fsc_quantile_sorted(v, 4, 0.9), 3.7);
	NEAR(fsc_quantile_sorted(v, 4, 1.0), 4.0);
	NEAR(fsc_quantile_sorted(w, 5, 0.025), 0.11);
	NEAR(fsc_quantile_sorted(w, 5, 0.33), 0.232);
	NEAR(fsc_quantile_sorted(w, 5, 0.5), 0.3);
	NEAR(fsc_quantile_sorted(w, 5, 0.975), 0.88);
}

/* Ensure that quantiles of 0, 1 and 2 values are defined and exact at
 * the ends. */
static void quantile_sorted_small_n(void **state)
{
	static const double one[] = { 42.5 };
	static const double two[] = { 3.0, 7.0 };

	(void)state;
	assert_true(fsc_quantile_sorted(one, 0, 0.5) == 0.0);
	assert_true(fsc_quantile_sorted(NULL, 0, 0.5) == 0.0);
	for (double p = 0.0; p <= 1.0; p += 0.125)
		assert_true(fsc_quantile_sorted(one, 1, p) == 42.5);
	assert_true(fsc_quantile_sorted(two, 2, 0.0) == 3.0);
	assert_true(fsc_quantile_sorted(two, 2, 0.25) == 4.0);
	assert_true(fsc_quantile_sorted(two, 2, 0.5) == 5.0);
	assert_true(fsc_quantile_sorted(two, 2, 1.0) == 7.0);
	/* Out-of-range p clamps to the ends. */
	assert_true(fsc_quantile_sorted(two, 2, -1.0) == 3.0);
	assert_true(fsc_quantile_sorted(two, 2, 2.0) == 7.0);
}

/* Ensure that the median sorts a copy, leaving the input as it was. */
static void median_unsorted_input(void **state)
{
	double odd[] = { 9, 1, 5, 3, 7 };
	double even[] = { 40, 10, 30, 20 };
	const double odd_before[] = { 9, 1, 5, 3, 7 };

	(void)state;
	assert_true(fsc_median(odd, 5) == 5.0);
	assert_true(fsc_median(even, 4) == 25.0);
	assert_true(fsc_median(odd, 1) == 9.0);
	assert_true(fsc_median(odd, 0) == 0.0);
	assert_memory_equal(odd, odd_before, sizeof(odd));
}

/* Ensure that a summary of a vector with one outlier gives numpy's
 * quartiles, the sample standard deviation and one outlier. */
static void summarize_known_vector(void **state)
{
	static const double v[] = { 10, 12, 11, 13, 50, 9, 11.5, 12.5 };
	struct fsc_summary s;

	(void)state;
	fsc_summarize(v, N(v), &s);
	assert_int_equal(s.n, 8);
	NEAR(s.min, 9);
	NEAR(s.q1, 10.75);
	NEAR(s.median, 11.75);
	NEAR(s.q3, 12.625);
	NEAR(s.max, 50);
	NEAR(s.mean, 16.125);
	NEAR(s.stddev, 13.749675320841995);
	NEAR(s.iqr, 1.875);
	assert_int_equal(s.outliers, 1);
}

/* Ensure that outliers are counted on both sides of the quartiles. */
static void summarize_outliers_both_sides(void **state)
{
	static const double v[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 100,
		-50 };
	struct fsc_summary s;

	(void)state;
	fsc_summarize(v, N(v), &s);
	assert_int_equal(s.n, 13);
	NEAR(s.min, -50);
	NEAR(s.q1, 3);
	NEAR(s.median, 6);
	NEAR(s.q3, 9);
	NEAR(s.max, 100);
	NEAR(s.mean, 8.923076923076923);
	NEAR(s.stddev, 31.584441155051692);
	NEAR(s.iqr, 6);
	assert_int_equal(s.outliers, 2);
}

/* Ensure that throughput-sized figures summarize without outliers when
 * the spread is wide but even. */
static void summarize_rates(void **state)
{
	static const double v[] = { 927e6, 544e6, 1.2e9, 53.5e6, 11.9e6,
		362e3, 700e6 };
	struct fsc_summary s;

	(void)state;
	fsc_summarize(v, N(v), &s);
	assert_int_equal(s.n, 7);
	NEAR(s.min, 362000.0);
	NEAR(s.q1, 32700000.0);
	NEAR(s.median, 544000000.0);
	NEAR(s.q3, 813500000.0);
	NEAR(s.max, 1200000000.0);
	NEAR(s.mean, 490966000.0);
	NEAR(s.stddev, 483207287.9817384);
	NEAR(s.iqr, 780800000.0);
	assert_int_equal(s.outliers, 0);
}

/* Ensure that 0, 1 and 2 rounds summarize without dividing by zero. */
static void summarize_small_n(void **state)
{
	static const double one[] = { 5.0 };
	static const double two[] = { 7.0, 3.0 };
	struct fsc_summary s;

	(void)state;
	memset(&s, 0xff, sizeof(s));
	fsc_summarize(one, 0, &s);
	assert_int_equal(s.n, 0);
	assert_true(s.min == 0 && s.q1 == 0 && s.median == 0 && s.q3 == 0 &&
		    s.max == 0 && s.mean == 0 && s.stddev == 0 && s.iqr == 0);
	assert_int_equal(s.outliers, 0);

	fsc_summarize(one, 1, &s);
	assert_int_equal(s.n, 1);
	assert_true(s.min == 5 && s.q1 == 5 && s.median == 5 && s.q3 == 5 &&
		    s.max == 5 && s.mean == 5);
	assert_true(s.stddev == 0 && s.iqr == 0);
	assert_int_equal(s.outliers, 0);

	fsc_summarize(two, 2, &s);
	assert_int_equal(s.n, 2);
	NEAR(s.min, 3);
	NEAR(s.q1, 4);
	NEAR(s.median, 5);
	NEAR(s.q3, 6);
	NEAR(s.max, 7);
	NEAR(s.mean, 5);
	NEAR(s.stddev, 2.8284271247461903);
	NEAR(s.iqr, 2);
	assert_int_equal(s.outliers, 0);
}

/* Ensure that the random source is splitmix64 (reference outputs). */
static void rand_is_splitmix64(void **state)
{
	static const uint64_t from0[] = { 0xe220a8397b1dcdafULL,
		0x6e789e6aa1b965f4ULL, 0x06c45d188009454fULL };
	static const uint64_t from1234567[] = { 6457827717110365317ULL,
		3203168211198807973ULL, 9817491932198370423ULL,
		4593380528125082431ULL, 16408922859458223821ULL };
	uint64_t st = 0;

	(void)state;
	for (size_t i = 0; i < N(from0); i++)
		assert_int_equal(fsc_rand_next(&st), from0[i]);
	st = 1234567;
	for (size_t i = 0; i < N(from1234567); i++)
		assert_int_equal(fsc_rand_next(&st), from1234567[i]);
}

/* Ensure that a trial identical to its baseline is exactly 1 [1, 1]. */
static void speedup_identical_is_one(void **state)
{
	static const double x[] = { 100e6, 110e6, 90e6, 105e6, 95e6 };
	struct fsc_interval iv;

	(void)state;
	fsc_speedup(x, x, N(x), FSC_BOOTSTRAP_SEED, &iv);
	assert_true(iv.value == 1.0);
	assert_true(iv.low == 1.0);
	assert_true(iv.high == 1.0);
}

/* Ensure that a constant 2x ratio, round by round, is exactly 2 [2, 2]:
 * rounds are resampled in pairs. */
static void speedup_constant_ratio_is_exact(void **state)
{
	static const double base[] = { 300e6, 250e6, 410e6, 280e6, 330e6,
		120e6 };
	double x[N(base)];
	struct fsc_interval iv;

	(void)state;
	for (size_t i = 0; i < N(base); i++)
		x[i] = 2 * base[i];
	fsc_speedup(x, base, N(base), 12345, &iv);
	assert_true(iv.value == 2.0);
	assert_true(iv.low == 2.0);
	assert_true(iv.high == 2.0);
}

/* Ensure that the same inputs and seed give bit-identical intervals, and
 * a different seed still gives a valid one. */
static void speedup_deterministic(void **state)
{
	static const double base[] = { 660e6, 640e6, 700e6, 655e6, 610e6 };
	static const double x[] = { 1.5e9, 1.2e9, 1.7e9, 1.1e9, 1.6e9 };
	struct fsc_interval a, b, c;

	(void)state;
	memset(&a, 0x55, sizeof(a));
	memset(&b, 0xaa, sizeof(b));
	fsc_speedup(x, base, N(x), FSC_BOOTSTRAP_SEED, &a);
	fsc_speedup(x, base, N(x), FSC_BOOTSTRAP_SEED, &b);
	assert_memory_equal(&a, &b, sizeof(a));
	fsc_speedup(x, base, N(x), FSC_BOOTSTRAP_SEED + 1, &c);
	assert_true(c.value == a.value);
	assert_true(c.low <= c.value && c.value <= c.high);
	/* The point estimate is the ratio of medians. */
	NEAR(a.value, 1.5e9 / 655e6);
}

/* Ensure that the interval holds the point estimate and has the 95 %
 * percentile width on noisy pairs (several shapes of data). */
static void speedup_interval_contains_value(void **state)
{
	static const double sets[][2][7] = {
		{ { 1.5e9, 1.2e9, 1.7e9, 1.1e9, 1.6e9, 1.4e9, 1.3e9 },
		  { 660e6, 640e6, 700e6, 655e6, 610e6, 690e6, 620e6 } },
		{ { 98, 101, 97, 120, 99, 102, 100 },
		  { 100, 100, 100, 100, 100, 100, 100 } },
		{ { 0.5, 0.6, 0.55, 0.52, 0.58, 0.7, 0.4 },
		  { 1.0, 1.1, 0.9, 1.05, 0.95, 1.2, 0.8 } },
		{ { 10, 10, 10, 10, 10, 10, 1000 },
		  { 5, 6, 4, 5, 6, 4, 5 } },
	};
	uint64_t seeds[] = { FSC_BOOTSTRAP_SEED, 1, 2, 0xdeadbeef };

	(void)state;
	for (size_t k = 0; k < N(sets); k++)
		for (size_t s = 0; s < N(seeds); s++) {
			struct fsc_interval iv;

			fsc_speedup(sets[k][0], sets[k][1], 7, seeds[s], &iv);
			if (!(iv.low <= iv.value && iv.value <= iv.high))
				fail_msg("set %zu seed %zu: %g not in "
					 "[%g, %g]", k, s, iv.value, iv.low,
					 iv.high);
			assert_true(iv.low > 0);
		}
}

/* Ensure that one round gives the plain ratio as a zero-width interval,
 * and a zero baseline gives 0 rather than a division by zero. */
static void speedup_degenerate(void **state)
{
	static const double x[] = { 300.0, 310.0 };
	static const double base[] = { 100.0, 0.0 };
	static const double zeros[] = { 0.0, 0.0 };
	struct fsc_interval iv;

	(void)state;
	fsc_speedup(x, base, 1, 7, &iv);
	assert_true(iv.value == 3.0 && iv.low == 3.0 && iv.high == 3.0);
	fsc_speedup(x, zeros, 2, 7, &iv);
	assert_true(iv.value == 0.0);
	assert_true(isfinite(iv.low) && isfinite(iv.high));
	/* Resamples whose baseline median is 0 are dropped, not divided. */
	fsc_speedup(x, base, 2, 7, &iv);
	assert_true(isfinite(iv.value) && isfinite(iv.low) &&
		    isfinite(iv.high));
	fsc_speedup(x, base, 0, 7, &iv);
	assert_true(iv.value == 0.0);
}

static enum fsc_verdict verdict(double low, double high)
{
	struct fsc_interval iv = { (low + high) / 2, low, high };

	return fsc_verdict_of(&iv);
}

/* Ensure that the verdict is strict at 1.10 and 0.90: the interval must
 * lie beyond the edge, touching it is no clear difference. */
static void verdict_edges(void **state)
{
	(void)state;
	assert_int_equal(verdict(1.10, 1.50), FSC_NO_DIFFERENCE);
	assert_int_equal(verdict(nextafter(1.10, 2.0), 1.50), FSC_HELPS);
	assert_int_equal(verdict(nextafter(1.10, 0.0), 1.50),
			 FSC_NO_DIFFERENCE);
	assert_int_equal(verdict(0.50, 0.90), FSC_NO_DIFFERENCE);
	assert_int_equal(verdict(0.50, nextafter(0.90, 0.0)), FSC_HURTS);
	assert_int_equal(verdict(0.50, nextafter(0.90, 2.0)),
			 FSC_NO_DIFFERENCE);
	assert_int_equal(verdict(1.70, 2.10), FSC_HELPS);
	assert_int_equal(verdict(0.30, 0.60), FSC_HURTS);
	assert_int_equal(verdict(0.80, 1.20), FSC_NO_DIFFERENCE);
	assert_int_equal(verdict(1.0, 1.0), FSC_NO_DIFFERENCE);
	assert_int_equal(verdict(0.95, 1.05), FSC_NO_DIFFERENCE);
	assert_int_equal(verdict(1.05, 1.15), FSC_NO_DIFFERENCE);
	assert_int_equal(verdict(0.85, 0.95), FSC_NO_DIFFERENCE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quantile_sorted_linear),
		cmocka_unit_test(quantile_sorted_small_n),
		cmocka_unit_test(median_unsorted_input),
		cmocka_unit_test(summarize_known_vector),
		cmocka_unit_test(summarize_outliers_both_sides),
		cmocka_unit_test(summarize_rates),
		cmocka_unit_test(summarize_small_n),
		cmocka_unit_test(rand_is_splitmix64),
		cmocka_unit_test(speedup_identical_is_one),
		cmocka_unit_test(speedup_constant_ratio_is_exact),
		cmocka_unit_test(speedup_deterministic),
		cmocka_unit_test(speedup_interval_contains_value),
		cmocka_unit_test(speedup_degenerate),
		cmocka_unit_test(verdict_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
