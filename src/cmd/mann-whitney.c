/* mann-whitney.c - the rank test of fsconc compare: the two-sided
 * Mann-Whitney U test of two samples of rounds, exact for small samples
 * without ties (fsconc(1), COMPARE). */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "cmd/compare.h"
#include "util/xalloc.h"

/* Ways to choose n of n + m: exact in a double up to 20 + 20. */
static double choose(size_t n, size_t k)
{
	double c = 1;

	for (size_t i = 1; i <= k; i++)
		c = c * (double)(n - k + i) / (double)i;
	return c;
}

double fsc_mann_whitney_min_p(size_t n, size_t m)
{
	double p = n && m ? 2 / choose(n + m, n) : 1;

	return p < 1 ? p : 1;
}

/* P(U <= u) under the null for sizes n, m without ties: count the
 * n-subsets of the ranks 1..n+m by their rank sum (U = sum - n(n+1)/2). */
static double exact_cdf(size_t n, size_t m, double u)
{
	size_t big = n + m, max = n * big, off = n * (n + 1) / 2;
	double *dp = xcalloc((n + 1) * (max + 1), sizeof(double)), below = 0;

	dp[0] = 1;
	for (size_t r = 1; r <= big; r++)
		for (size_t k = r < n ? r : n; k >= 1; k--)
			for (size_t s = max; s >= r; s--)
				dp[k * (max + 1) + s] +=
					dp[(k - 1) * (max + 1) + s - r];
	for (size_t s = off; s <= max && (double)(s - off) <= u + 1e-9; s++)
		below += dp[n * (max + 1) + s];
	free(dp);
	return below / choose(big, n);
}

struct ranked {
	double v;
	bool from_x;
};

static int by_value(const void *a, const void *b)
{
	double x = ((const struct ranked *)a)->v;
	double y = ((const struct ranked *)b)->v;

	return (x > y) - (x < y);
}

double fsc_mann_whitney(const double *x, size_t n, const double *y, size_t m,
			double *u, bool *exact)
{
	double ux = 0, ties = 0, mean, var, z, p;
	size_t big = n + m;
	struct ranked *all;

	*u = 0;
	*exact = false;
	if (!n || !m)
		return 1;
	/* Ranks by sorting, equal values sharing their mean rank: U of x
	 * is x's rank sum less n(n + 1)/2, in time (n + m) log(n + m).
	 * Ties: the sum of t^3 - t over groups of equal values. */
	all = xmalloc(big * sizeof(*all));
	for (size_t i = 0; i < big; i++) {
		all[i].v = i < n ? x[i] : y[i - n];
		all[i].from_x = i < n;
	}
	qsort(all, big, sizeof(*all), by_value);
	for (size_t i = 0; i < big;) {
		size_t j = i, inx = 0;

		while (j < big && all[j].v == all[i].v)
			inx += all[j++].from_x;
		/* Ranks i + 1 to j, their mean (i + 1 + j) / 2. */
		ux += (double)inx * (double)(i + 1 + j) / 2;
		ties += (double)(j - i) * (double)(j - i) * (double)(j - i) -
			(double)(j - i);
		i = j;
	}
	ux -= (double)n * (double)(n + 1) / 2;
	*u = ux;
	free(all);
	mean = (double)n * (double)m / 2;
	if (n <= FSC_MWU_EXACT_MAX && m <= FSC_MWU_EXACT_MAX && ties == 0) {
		double lo = ux < (double)n * (double)m - ux ? ux :
			(double)n * (double)m - ux;
		p = 2 * exact_cdf(n, m, lo);
		*exact = true;
		return p < 1 ? p : 1;
	}
	var = (double)n * (double)m / 12 * ((double)big + 1 - ties /
					    ((double)big * (double)(big - 1)));
	if (!(var > 0))
		return 1;
	z = (fabs(ux - mean) - 0.5) / sqrt(var);
	return z > 0 ? erfc(z / M_SQRT2) : 1;
}
