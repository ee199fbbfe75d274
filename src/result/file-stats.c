/* file-stats.c - what the summaries need of a round's files, computed
 * from them once, and rates summarised from their histograms when the
 * files are gone (fsconc(1), --file-detail and STRAGGLERS). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "result/result.h"
#include "result/tail.h"
#include "util/xalloc.h"

/* A rate in whole bytes/s, for the histogram. */
static uint64_t whole(double x)
{
	if (!(x > 0))
		return 0;
	if (x >= 9e18)
		return UINT64_MAX;
	return (uint64_t)llround(x);
}

/* Add one value x to count n, mean and m2 (Welford). */
static void moments_add(uint64_t *n, double *mean, double *m2, double x)
{
	double d = x - *mean;

	(*n)++;
	*mean += d / (double)*n;
	*m2 += d * (x - *mean);
}

void fsc_file_stats_free(struct fsc_file_stats *s)
{
	free(s->hist);
	s->hist = NULL;
	s->valid = false;
}

void fsc_round_file_stats(struct fsc_round *rd, unsigned jobs)
{
	struct fsc_file_stats *s = &rd->fstats;
	uint64_t detail = s->detail;

	free(s->hist);
	memset(s, 0, sizeof(*s));
	s->detail = detail;
	/* A file the stonewall caught before its first write has no rate. */
	for (size_t f = 0; f < rd->nfiles; f++) {
		const struct fsc_file_result *fr = &rd->files[f];
		double x = fsc_file_rate(fr);

		if (!fr->bytes)
			continue;
		if (!s->rated || x < s->min)
			s->min = x;
		if (!s->rated || x > s->max)
			s->max = x;
		moments_add(&s->rated, &s->mean, &s->m2, x);
		if (!s->has_slowest || x < s->slowest_rate) {
			s->has_slowest = true;
			s->slowest = f;
			s->slowest_dir = fr->dir;
			s->slowest_rate = x;
		}
	}
	fsc_round_tail(rd, jobs, &s->tail);
	s->valid = true;
}

void fsc_round_summarise(struct fsc_round *rd, uint64_t detail)
{
	struct fsc_file_stats *s = &rd->fstats;

	free(s->hist);
	s->hist = xcalloc(1, sizeof(*s->hist));
	for (size_t f = 0; f < rd->nfiles; f++)
		if (rd->files[f].bytes)
			fsc_hist_add(s->hist,
				     whole(fsc_file_rate(&rd->files[f])));
	s->detail = detail;
	free(rd->files);
	rd->files = NULL;
}

bool fsc_trial_file_stats(struct fsc_trial_result *t)
{
	bool kept = true;

	for (unsigned r = 0; r < t->done; r++) {
		struct fsc_round *rd = &t->rounds[r];

		/* From the files while there are any (they may have
		 * changed); a round of none has stats of none. */
		if (rd->files || (!rd->nfiles && !rd->fstats.valid))
			fsc_round_file_stats(rd, t->jobs);
		if (!rd->files && rd->nfiles)
			kept = false;
	}
	return kept;
}

void fsc_rates_reset(struct fsc_rates *r)
{
	memset(r, 0, sizeof(*r));
}

/* Add n values of the given mean, m2, min and max to r (Chan et al.). */
static void merge(struct fsc_rates *r, uint64_t n, double mean, double m2,
		  double min, double max)
{
	uint64_t total = r->n + n;
	double d = mean - r->mean;

	if (!n)
		return;
	if (!r->n || min < r->min)
		r->min = min;
	if (!r->n || max > r->max)
		r->max = max;
	r->m2 += m2 + d * d * (double)r->n * (double)n / (double)total;
	r->mean += d * (double)n / (double)total;
	r->n = total;
}

void fsc_rates_add(struct fsc_rates *r, const struct fsc_round *rd)
{
	const struct fsc_file_stats *s = &rd->fstats;

	merge(r, s->rated, s->mean, s->m2, s->min, s->max);
	if (s->hist)
		fsc_hist_merge(&r->hist, s->hist);
	for (size_t f = 0; !s->hist && rd->files && f < rd->nfiles; f++)
		if (rd->files[f].bytes)
			fsc_hist_add(&r->hist,
				     whole(fsc_file_rate(&rd->files[f])));
}

void fsc_rates_add_zeros(struct fsc_rates *r, uint64_t zeros)
{
	merge(r, zeros, 0, 0, 0, 0);
	r->hist.bucket[0] += zeros;
	r->hist.count += zeros;
}

/* The value bucket i stands for: its middle, kept inside [min, max]. */
static double bucket_value(const struct fsc_rates *r, unsigned i)
{
	uint64_t lo = fsc_hist_lower(i);
	uint64_t width = i < 2 * FSC_HIST_SUB ? 1 :
		fsc_hist_lower(i + 1) - lo;
	double v = (double)(lo + width / 2);

	return v < r->min ? r->min : v > r->max ? r->max : v;
}

/* The k-th smallest rate (from 0), by its bucket. */
static double order_stat(const struct fsc_rates *r, uint64_t k)
{
	uint64_t seen = 0;

	for (unsigned i = 0; i < FSC_HIST_BUCKETS; i++) {
		seen += r->hist.bucket[i];
		if (seen > k)
			return bucket_value(r, i);
	}
	return r->max;
}

/* The k-th smallest rate as fsc_quantile_at() asks for it: the exact
 * min and max at the ends, the rest by their buckets. */
static double rate_at(const void *ctx, size_t k)
{
	const struct fsc_rates *r = ctx;

	if (k == 0)
		return r->min;
	if (k + 1 >= r->n)
		return r->max;
	return order_stat(r, k);
}

double fsc_rates_quantile(const struct fsc_rates *r, double p)
{
	return fsc_quantile_at(rate_at, r, (size_t)r->n, p);
}

void fsc_rates_summarize(const struct fsc_rates *r, struct fsc_summary *out)
{
	memset(out, 0, sizeof(*out));
	out->n = (size_t)r->n;
	if (!r->n)
		return;
	out->mean = r->mean;
	out->stddev = r->n > 1 ? sqrt(r->m2 / (double)(r->n - 1)) : 0.0;
	out->min = r->min;
	out->max = r->max;
	fsc_summary_quartiles(out, rate_at, r);
	for (unsigned i = 0; i < FSC_HIST_BUCKETS; i++)
		if (r->hist.bucket[i] &&
		    fsc_summary_outlier(out, bucket_value(r, i)))
			out->outliers += (unsigned)r->hist.bucket[i];
}
