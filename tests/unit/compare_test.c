/* compare_test.c - unit tests for the Mann-Whitney U test of fsconc
 * compare (compare.c).  Expected p-values were computed apart from
 * fsconc: exact ones by enumerating every split of the pooled values,
 * approximate ones from the normal formula with tie and continuity
 * corrections. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cmd/compare.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void near(double got, double want, double rel, const char *what)
{
	if (!(fabs(got - want) <= rel * fabs(want)))
		fail_msg("%s = %.17g, expected %.17g", what, got, want);
}

/* Ensure that small samples without ties get the exact p. */
static void mann_whitney_exact_small(void **state)
{
	static const double a[] = { 1.1, 2.2, 3.3, 4.4, 5.5 };
	static const double b[] = { 2.5, 3.6, 6.1, 7.2, 8.3, 9.4 };
	static const double x3[] = { 1, 2, 3 }, y3[] = { 4, 5, 6 };
	static const double x5[] = { 5, 6, 7, 8, 9 };
	static const double y5[] = { 1, 2, 3, 4, 4.5 };
	double u;
	bool exact;

	(void)state;
	near(fsc_mann_whitney(a, N(a), b, N(b), &u, &exact),
	     0.08225108225108226, 1e-12, "p 5 vs 6");
	assert_true(exact);
	assert_true(u == 5);
	near(fsc_mann_whitney(x3, 3, y3, 3, &u, &exact), 0.1, 1e-12,
	     "p 3 vs 3");
	assert_true(u == 0);
	near(fsc_mann_whitney(x5, 5, y5, 5, &u, &exact), 2.0 / 252, 1e-12,
	     "p 5 vs 5");
	assert_true(u == 25);
	/* The test is symmetric. */
	near(fsc_mann_whitney(y5, 5, x5, 5, &u, &exact), 2.0 / 252, 1e-12,
	     "p 5 vs 5, swapped");
	assert_true(u == 0);
}

/* Ensure that ties and large samples use the normal approximation, with
 * the tie and continuity corrections. */
static void mann_whitney_normal_ties_and_large(void **state)
{
	static const double a[] = { 1, 2, 2, 3, 4 }, b[] = { 2, 3, 5, 6, 6 };
	double x[25], y[22], u;
	bool exact;

	(void)state;
	near(fsc_mann_whitney(a, 5, b, 5, &u, &exact), 0.11049202405566808,
	     1e-12, "p with ties");
	assert_false(exact);
	assert_true(u == 4.5);
	for (int i = 0; i < 25; i++)
		x[i] = i;
	for (int i = 0; i < 22; i++)
		y[i] = i + 10.5;
	near(fsc_mann_whitney(x, 25, y, 22, &u, &exact),
	     0.00030179758145482306, 1e-12, "p 25 vs 22");
	assert_false(exact);
	assert_true(u == 105);
	for (int i = 0; i < 25; i++)
		x[i] = i % 7;
	for (int i = 0; i < 22; i++)
		y[i] = i % 5 + 2;
	near(fsc_mann_whitney(x, 25, y, 22, &u, &exact), 0.05072584529461939,
	     1e-12, "p 25 vs 22 with ties");
}

/* Ensure that identical samples and empty sides give p = 1. */
static void mann_whitney_degenerate(void **state)
{
	static const double a[] = { 3, 3, 3 };
	double u;
	bool exact;

	(void)state;
	assert_true(fsc_mann_whitney(a, 3, a, 3, &u, &exact) == 1);
	assert_true(fsc_mann_whitney(a, 0, a, 3, &u, &exact) == 1);
	assert_true(fsc_mann_whitney(a, 3, a, 0, &u, &exact) == 1);
}

/* Ensure that the smallest reachable p is 2 / C(n + m, n), so that three
 * rounds a side are known to be too few for p < 0.05 and four enough. */
/* Ensure that U from ranks (sorting, mean ranks for ties) is the count
 * of pairs where x wins, a tie counting one half, for samples full of
 * ties. */
static void mann_whitney_u_counts_pairs(void **state)
{
	double x[300], y[257], u, want = 0;
	bool exact;
	unsigned seed = 7;

	(void)state;
	for (size_t i = 0; i < N(x); i++)
		x[i] = (double)((seed = seed * 1103515245 + 12345) >> 16 & 31);
	for (size_t j = 0; j < N(y); j++)
		y[j] = (double)((seed = seed * 1103515245 + 12345) >> 16 & 31);
	for (size_t i = 0; i < N(x); i++)
		for (size_t j = 0; j < N(y); j++)
			want += x[i] > y[j] ? 1 : x[i] == y[j] ? 0.5 : 0;
	fsc_mann_whitney(x, N(x), y, N(y), &u, &exact);
	assert_true(u == want);
	assert_false(exact);
}

static void mann_whitney_min_p(void **state)
{
	(void)state;
	near(fsc_mann_whitney_min_p(3, 3), 0.1, 1e-12, "3 vs 3");
	near(fsc_mann_whitney_min_p(4, 4), 2.0 / 70, 1e-12, "4 vs 4");
	near(fsc_mann_whitney_min_p(20, 20), 2 / 137846528820.0, 1e-9,
	     "20 vs 20");
	assert_true(fsc_mann_whitney_min_p(1, 1) == 1);
	assert_true(fsc_mann_whitney_min_p(3, 3) >= FSC_COMPARE_P);
	assert_true(fsc_mann_whitney_min_p(4, 4) < FSC_COMPARE_P);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mann_whitney_exact_small),
		cmocka_unit_test(mann_whitney_normal_ties_and_large),
		cmocka_unit_test(mann_whitney_degenerate),
		cmocka_unit_test(mann_whitney_u_counts_pairs),
		cmocka_unit_test(mann_whitney_min_p),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
