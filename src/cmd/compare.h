/* compare.h - fsconc compare A.json B.json: the trials two result
 * profiles share, side by side, with a rank test of each difference. */
#ifndef FSC_COMPARE_H
#define FSC_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/options.h"

/* A difference is significant when the two-sided Mann-Whitney p is below
 * FSC_COMPARE_P and the medians differ by FSC_COMPARE_MIN_CHANGE or more:
 * a change too small to matter is not reported, however sure. */
#define FSC_COMPARE_P 0.05
#define FSC_COMPARE_MIN_CHANGE 0.05
/* Exact distribution of U up to this many rounds on each side (and no
 * ties); beyond, the normal approximation. */
#define FSC_MWU_EXACT_MAX 20

/* Two-sided p of the Mann-Whitney U test of x[0..n) against y[0..m);
 * *u gets U of x (pairs x > y, ties counted one half).  1 when either
 * side is empty.  *exact says whether p is exact (both sides up to
 * FSC_MWU_EXACT_MAX and no ties) or the normal approximation, with the
 * tie and continuity corrections. */
double fsc_mann_whitney(const double *x, size_t n, const double *y, size_t m,
			double *u, bool *exact);
/* The smallest two-sided p any outcome can give for sizes n and m, exact
 * test: 2 / C(n + m, n).  Three rounds a side can never go below 0.1. */
double fsc_mann_whitney_min_p(size_t n, size_t m);

/* fsconc compare: the text on standard output (standard error when the
 * --json goes there).  Exit status: 0 compared, 1 no trial in common,
 * 2 an unreadable profile or output. */
int fsc_compare_main(const struct fsc_opts *o);

#endif
