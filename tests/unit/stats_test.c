/* stats_test.c - unit tests for summaries over rounds, the speedup and
 * its interval, their coverage, and the verdict rule (stats.c).  Expected figures were
 * computed apart from fsconc, with numpy's linear quantile rule. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "result/stats.h"

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
	fsc_speedup(x, x, N(x), &iv);
	assert_true(iv.value == 1.0);
	assert_true(iv.low == 1.0);
	assert_true(iv.high == 1.0);
}

/* Ensure that a constant 2x ratio, round by round, is 2 [2, 2]: rounds
 * are paired, so the baseline's own spread does not widen it. */
static void speedup_constant_ratio_is_exact(void **state)
{
	static const double base[] = { 300e6, 250e6, 410e6, 280e6, 330e6,
		120e6 };
	double x[N(base)];
	struct fsc_interval iv;

	(void)state;
	for (size_t i = 0; i < N(base); i++)
		x[i] = 2 * base[i];
	fsc_speedup(x, base, N(base), &iv);
	NEAR(iv.value, 2.0);
	NEAR(iv.low, 2.0);
	NEAR(iv.high, 2.0);
}

/* Ensure that the point is the geometric mean of the round ratios and
 * the interval the t interval on their logs, as computed apart (scipy:
 * t.ppf(0.975, 4) = 2.7764451051977987). */
static void speedup_known_figures(void **state)
{
	static const double base[] = { 100, 100, 100, 100, 100 };
	static const double x[] = { 159, 160, 196, 128, 132 };
	double l[N(x)], m = 0, sq = 0, h;
	struct fsc_interval iv;

	(void)state;
	for (size_t i = 0; i < N(x); i++)
		m += (l[i] = log(x[i] / base[i])) / (double)N(x);
	for (size_t i = 0; i < N(x); i++)
		sq += (l[i] - m) * (l[i] - m);
	h = 2.7764451051977987 * sqrt(sq / 4) / sqrt(5.0);
	fsc_speedup(x, base, N(x), &iv);
	NEAR(iv.value, exp(m));
	assert_true(fabs(iv.low - exp(m - h)) < 1e-9);
	assert_true(fabs(iv.high - exp(m + h)) < 1e-9);
	/* The example of the man page: 1.53 [1.24-1.90]. */
	assert_true(fabs(iv.value - 1.5315) < 5e-4);
	assert_true(fabs(iv.low - 1.2369) < 5e-4);
	assert_true(fabs(iv.high - 1.8963) < 5e-4);
}

/* Ensure that t quantiles match published tables, also far in the tail
 * (as the selection correction asks for). */
static void t_quantile_table(void **state)
{
	(void)state;
	assert_true(fabs(fsc_t_quantile(0.975, 1) - 12.706204736174698) < 1e-8);
	assert_true(fabs(fsc_t_quantile(0.975, 2) - 4.302652729749464) < 1e-9);
	assert_true(fabs(fsc_t_quantile(0.975, 4) - 2.7764451051977987) <
		    1e-9);
	assert_true(fabs(fsc_t_quantile(0.975, 19) - 2.093024054408263) < 1e-9);
	assert_true(fabs(fsc_t_quantile(0.99375, 2) - 8.860200034654316) <
		    1e-8);
	assert_true(fabs(fsc_t_quantile(0.025, 9) + 2.2621571627409915) < 1e-9);
	assert_true(fsc_t_quantile(0.5, 3) == 0.0);
}

/* Ensure that the interval holds the point estimate on noisy pairs and
 * at any confidence. */
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
	static const double alphas[] = { 0.05, 0.025, 0.01, 0.001 };

	(void)state;
	for (size_t k = 0; k < N(sets); k++)
		for (size_t a = 0; a < N(alphas); a++)
			for (size_t n = 2; n <= 7; n++) {
				struct fsc_paired pr;
				struct fsc_interval iv;

				fsc_paired_logs(sets[k][0], sets[k][1], n, &pr);
				fsc_paired_interval(&pr, alphas[a], &iv);
				if (!(iv.low < iv.value && iv.value < iv.high))
					fail_msg("set %zu n %zu: %g not in "
						 "[%g, %g]", k, n, iv.value,
						 iv.low, iv.high);
				assert_true(iv.low > 0);
			}
}

/* Ensure that one round gives the plain ratio as a zero-width interval,
 * and a round with a zero rate is left out rather than divided by. */
static void speedup_degenerate(void **state)
{
	static const double x[] = { 300.0, 310.0, 320.0 };
	static const double base[] = { 100.0, 0.0, 100.0 };
	static const double zeros[] = { 0.0, 0.0 };
	struct fsc_paired pr;
	struct fsc_interval iv;

	(void)state;
	fsc_speedup(x, base, 1, &iv);
	NEAR(iv.value, 3.0);
	assert_true(iv.low == iv.value && iv.high == iv.value);
	fsc_speedup(x, zeros, 2, &iv);
	assert_true(iv.value == 0.0);
	assert_true(iv.low == 0.0 && iv.high == 0.0);
	fsc_paired_logs(x, base, 3, &pr);
	assert_int_equal(pr.n, 2);
	fsc_speedup(x, base, 3, &iv);
	assert_true(isfinite(iv.value) && isfinite(iv.low) &&
		    isfinite(iv.high));
	fsc_speedup(x, base, 0, &iv);
	assert_true(iv.value == 0.0);
}

static double uniform(uint64_t *st)
{
	return ((double)(fsc_rand_next(st) >> 11) + 0.5) / 9007199254740992.0;
}

static double gauss(uint64_t *st)
{
	return sqrt(-2.0 * log(uniform(st))) * cos(2 * M_PI * uniform(st));
}

/* The log of one trial's rate in one round, apart from the true ratio:
 * noise of the shape asked for, and the machine's slow drift at that
 * moment (shared by the trials of a round, a little apart in time). */
enum noise { LOGNORMAL, HEAVY_TAIL, DRIFT, NNOISE };

static double noise_of(enum noise kind, uint64_t *st, double drift)
{
	double e = 0.10 * gauss(st);

	switch (kind) {
	case HEAVY_TAIL:
		/* One round in eight, another job takes the device: the
		 * trial runs 1.5 to 4 times slower. */
		if (uniform(st) < 0.125)
			e -= log(1.5 + 2.5 * uniform(st));
		break;
	case DRIFT:
		e += drift;
		break;
	default:
		break;
	}
	return e;
}

/* Ensure that the 95 % interval holds the true ratio in at least 93 % of
 * simulated runs with lognormal noise, a heavy tail and a slow drift, at
 * 3, 5, 10 and 20 rounds, and at the selection's corrected level too.
 * Seeded, so the counts are the same on every run. */
static void speedup_coverage(void **state)
{
	static const unsigned ns[] = { 3, 5, 10, 20 };
	static const double truths[] = { 1.0, 1.37, 0.6 };
	const unsigned runs = 2000;
	uint64_t st = 0x5eedf5c0ULL;

	(void)state;
	for (int kind = 0; kind < NNOISE; kind++)
		for (size_t i = 0; i < N(ns); i++) {
			unsigned n = ns[i], hit = 0, total = 0;

			for (size_t tr = 0; tr < N(truths); tr++)
				for (unsigned run = 0; run < runs; run++) {
					double x[20], b[20];
					double phase = 2 * M_PI * uniform(&st);
					struct fsc_interval iv;

					for (unsigned r = 0; r < n; r++) {
						/* +-30 % over 20 rounds,
						 * the trial one step after
						 * its baseline. */
						double d0 = 0.3 * sin(phase +
							0.3 * r);
						double d1 = 0.3 * sin(phase +
							0.3 * r + 0.1);

						b[r] = 1e9 * exp(noise_of(
							(enum noise)kind, &st,
							d0));
						x[r] = truths[tr] * 1e9 *
							exp(noise_of(
							(enum noise)kind, &st,
							d1));
					}
					fsc_speedup(x, b, n, &iv);
					hit += iv.low <= truths[tr] &&
						truths[tr] <= iv.high;
					total++;
				}
			if (hit < total * 93 / 100)
				fail_msg("noise %d, %u rounds: the 95 %% "
					 "interval held the truth in %u of %u",
					 kind, n, hit, total);
		}
}

/* Ensure that the interval at 1 - 0.05/K holds the truth for every one
 * of K = 4 candidates at once in at least 93 % of simulated runs. */
static void speedup_selection_coverage(void **state)
{
	const unsigned runs = 2000, k = 4;
	uint64_t st = 42;

	(void)state;
	for (unsigned n = 3; n <= 20; n += 17) {
		unsigned all = 0;

		for (unsigned run = 0; run < runs; run++) {
			double b[20], x[20];
			bool every = true;

			for (unsigned r = 0; r < n; r++)
				b[r] = exp(0.1 * gauss(&st));
			for (unsigned c = 0; c < k; c++) {
				struct fsc_paired pr;
				struct fsc_interval iv;

				for (unsigned r = 0; r < n; r++)
					x[r] = exp(0.1 * gauss(&st));
				fsc_paired_logs(x, b, n, &pr);
				fsc_paired_interval(&pr, 0.05 / k, &iv);
				every &= iv.low <= 1.0 && 1.0 <= iv.high;
			}
			all += every;
		}
		if (all < runs * 93 / 100)
			fail_msg("%u rounds: all %u intervals held the truth "
				 "in %u of %u runs", n, k, all, runs);
	}
}

static enum fsc_verdict verdict(double low, double high)
{
	struct fsc_interval iv = { (low + high) / 2, low, high };

	return fsc_verdict_of(&iv);
}

/* Ensure the four verdicts and their edges: beyond 1.10 or 0.90 strictly
 * helps or hurts; inside [0.90, 1.10], edges included, equivalent; an
 * interval over an edge is inconclusive. */
static void verdict_edges(void **state)
{
	(void)state;
	assert_int_equal(verdict(1.10, 1.50), FSC_INCONCLUSIVE);
	assert_int_equal(verdict(nextafter(1.10, 2.0), 1.50), FSC_HELPS);
	assert_int_equal(verdict(nextafter(1.10, 0.0), 1.50),
			 FSC_INCONCLUSIVE);
	assert_int_equal(verdict(0.50, 0.90), FSC_INCONCLUSIVE);
	assert_int_equal(verdict(0.50, nextafter(0.90, 0.0)), FSC_HURTS);
	assert_int_equal(verdict(0.50, nextafter(0.90, 2.0)),
			 FSC_INCONCLUSIVE);
	assert_int_equal(verdict(1.70, 2.10), FSC_HELPS);
	assert_int_equal(verdict(0.30, 0.60), FSC_HURTS);
	assert_int_equal(verdict(0.80, 1.20), FSC_INCONCLUSIVE);
	assert_int_equal(verdict(1.0, 1.0), FSC_EQUIVALENT);
	assert_int_equal(verdict(0.95, 1.05), FSC_EQUIVALENT);
	assert_int_equal(verdict(0.90, 1.10), FSC_EQUIVALENT);
	assert_int_equal(verdict(1.05, 1.15), FSC_INCONCLUSIVE);
	assert_int_equal(verdict(0.85, 0.95), FSC_INCONCLUSIVE);
	assert_string_equal(fsc_verdict_name(FSC_HELPS), "helps");
	assert_string_equal(fsc_verdict_name(FSC_HURTS), "hurts");
	assert_string_equal(fsc_verdict_name(FSC_EQUIVALENT), "equivalent");
	assert_string_equal(fsc_verdict_name(FSC_INCONCLUSIVE),
			    "inconclusive");
}

/* Ensure that the rounds a verdict needs follow from the spread: more
 * when it is wide, none past the cap when the point sits on an edge, and
 * that count indeed decides. */
static void rounds_to_decide(void **state)
{
	struct fsc_paired pr = { .n = 3, .mean_log = log(1.5), .sd_log = 0.3 };
	struct fsc_interval iv;
	unsigned n;

	(void)state;
	n = fsc_rounds_to_decide(&pr, 0.05);
	assert_true(n > 3);
	pr.n = n;
	fsc_paired_interval(&pr, 0.05, &iv);
	assert_int_equal(fsc_verdict_of(&iv), FSC_HELPS);
	pr.n = n - 1;
	fsc_paired_interval(&pr, 0.05, &iv);
	assert_int_equal(fsc_verdict_of(&iv), FSC_INCONCLUSIVE);
	/* Wider spread, more rounds. */
	pr.n = 3;
	pr.sd_log = 0.6;
	assert_true(fsc_rounds_to_decide(&pr, 0.05) > n);
	/* A tighter confidence, more rounds. */
	pr.sd_log = 0.3;
	assert_true(fsc_rounds_to_decide(&pr, 0.0125) > n);
	/* Equivalent: 1.00 with a 5 % spread. */
	pr.mean_log = 0.0;
	pr.sd_log = 0.05;
	n = fsc_rounds_to_decide(&pr, 0.05);
	pr.n = n;
	fsc_paired_interval(&pr, 0.05, &iv);
	assert_int_equal(fsc_verdict_of(&iv), FSC_EQUIVALENT);
	/* On the edge: never. */
	pr.mean_log = log(FSC_EQUIV_HIGH);
	assert_int_equal(fsc_rounds_to_decide(&pr, 0.05), 0);
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
		cmocka_unit_test(speedup_known_figures),
		cmocka_unit_test(t_quantile_table),
		cmocka_unit_test(speedup_interval_contains_value),
		cmocka_unit_test(speedup_degenerate),
		cmocka_unit_test(speedup_coverage),
		cmocka_unit_test(speedup_selection_coverage),
		cmocka_unit_test(verdict_edges),
		cmocka_unit_test(rounds_to_decide),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
