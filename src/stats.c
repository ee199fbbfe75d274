/* stats.c - summaries, bootstrap speedup intervals and the verdict. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "xalloc.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double fsc_quantile_sorted(const double *v, size_t n, double p)
{
	double pos, frac;
	size_t lo;

	if (n == 0)
		return 0.0;
	if (p <= 0.0)
		return v[0];
	if (p >= 1.0)
		return v[n - 1];
	pos = p * (double)(n - 1);
	lo = (size_t)pos;
	frac = pos - (double)lo;
	if (lo + 1 >= n)
		return v[n - 1];
	return v[lo] + frac * (v[lo + 1] - v[lo]);
}

static double *sorted_copy(const double *v, size_t n)
{
	double *s = xmalloc(n * sizeof(*s));
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	return s;
}

double fsc_median(const double *v, size_t n)
{
	double *s, m;

	if (n == 0)
		return 0.0;
	s = sorted_copy(v, n);
	m = fsc_quantile_sorted(s, n, 0.5);
	free(s);
	return m;
}

void fsc_summarize(const double *v, size_t n, struct fsc_summary *out)
{
	double *s, sum = 0.0, sq = 0.0, lo_fence, hi_fence;

	memset(out, 0, sizeof(*out));
	out->n = n;
	if (n == 0)
		return;
	s = sorted_copy(v, n);
	for (size_t i = 0; i < n; i++)
		sum += s[i];
	out->mean = sum / (double)n;
	for (size_t i = 0; i < n; i++)
		sq += (s[i] - out->mean) * (s[i] - out->mean);
	out->stddev = n > 1 ? sqrt(sq / (double)(n - 1)) : 0.0;
	out->min = s[0];
	out->max = s[n - 1];
	out->q1 = fsc_quantile_sorted(s, n, 0.25);
	out->median = fsc_quantile_sorted(s, n, 0.5);
	out->q3 = fsc_quantile_sorted(s, n, 0.75);
	out->iqr = out->q3 - out->q1;
	lo_fence = out->q1 - 1.5 * out->iqr;
	hi_fence = out->q3 + 1.5 * out->iqr;
	for (size_t i = 0; i < n; i++)
		if (s[i] < lo_fence || s[i] > hi_fence)
			out->outliers++;
	free(s);
}

uint64_t fsc_rand_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void fsc_speedup(const double *x, const double *base, size_t n,
		 uint64_t seed, struct fsc_interval *out)
{
	double *rx, *rb, *ratio, bm;
	uint64_t state = seed;
	size_t b = FSC_BOOTSTRAP_ITERS, kept = 0;

	bm = fsc_median(base, n);
	out->value = bm > 0 ? fsc_median(x, n) / bm : 0.0;
	out->low = out->high = out->value;
	if (n < 2)
		return;
	rx = xmalloc(n * sizeof(*rx));
	rb = xmalloc(n * sizeof(*rb));
	ratio = xmalloc(b * sizeof(*ratio));
	for (size_t it = 0; it < b; it++) {
		double mb;
		for (size_t k = 0; k < n; k++) {
			size_t pick = (size_t)(fsc_rand_next(&state) % n);
			rx[k] = x[pick];
			rb[k] = base[pick];
		}
		mb = fsc_median(rb, n);
		if (mb > 0)
			ratio[kept++] = fsc_median(rx, n) / mb;
	}
	if (kept) {
		qsort(ratio, kept, sizeof(*ratio), cmp_double);
		out->low = fsc_quantile_sorted(ratio, kept, 0.025);
		out->high = fsc_quantile_sorted(ratio, kept, 0.975);
	}
	free(rx);
	free(rb);
	free(ratio);
}

enum fsc_verdict fsc_verdict_of(const struct fsc_interval *best)
{
	if (best->low > 1.10)
		return FSC_HELPS;
	if (best->high < 0.90)
		return FSC_HURTS;
	return FSC_NO_DIFFERENCE;
}
