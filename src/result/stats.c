/* stats.c - summaries, speedup intervals and the verdict (fsconc(1),
 * STATISTICS). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "result/stats.h"
#include "util/xalloc.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double fsc_quantile_at(double (*at)(const void *ctx, size_t k),
		       const void *ctx, size_t n, double p)
{
	double pos, frac, lo;
	size_t k;

	if (n == 0)
		return 0.0;
	if (p <= 0.0)
		return at(ctx, 0);
	if (p >= 1.0)
		return at(ctx, n - 1);
	pos = p * (double)(n - 1);
	k = (size_t)pos;
	frac = pos - (double)k;
	if (k + 1 >= n)
		return at(ctx, n - 1);
	lo = at(ctx, k);
	return lo + frac * (at(ctx, k + 1) - lo);
}

static double sorted_at(const void *ctx, size_t k)
{
	return ((const double *)ctx)[k];
}

double fsc_quantile_sorted(const double *v, size_t n, double p)
{
	return fsc_quantile_at(sorted_at, v, n, p);
}

void fsc_summary_quartiles(struct fsc_summary *out,
			   double (*at)(const void *ctx, size_t k),
			   const void *ctx)
{
	out->q1 = fsc_quantile_at(at, ctx, out->n, 0.25);
	out->median = fsc_quantile_at(at, ctx, out->n, 0.5);
	out->q3 = fsc_quantile_at(at, ctx, out->n, 0.75);
	out->iqr = out->q3 - out->q1;
}

bool fsc_summary_outlier(const struct fsc_summary *s, double v)
{
	return v < s->q1 - 1.5 * s->iqr || v > s->q3 + 1.5 * s->iqr;
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
	double *s, sum = 0.0, sq = 0.0;

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
	fsc_summary_quartiles(out, sorted_at, s);
	for (size_t i = 0; i < n; i++)
		if (fsc_summary_outlier(out, s[i]))
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

/* The continued fraction of the regularized incomplete beta function
 * (modified Lentz). */
static double beta_cf(double a, double b, double x)
{
	const double tiny = 1e-300;
	double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0), h;

	if (fabs(d) < tiny)
		d = tiny;
	d = 1.0 / d;
	h = d;
	for (int m = 1; m <= 300; m++) {
		double m2 = 2.0 * m, num, del;

		num = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
		d = 1.0 + num * d;
		c = 1.0 + num / c;
		d = 1.0 / (fabs(d) < tiny ? tiny : d);
		c = fabs(c) < tiny ? tiny : c;
		h *= d * c;
		num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
		d = 1.0 + num * d;
		c = 1.0 + num / c;
		d = 1.0 / (fabs(d) < tiny ? tiny : d);
		c = fabs(c) < tiny ? tiny : c;
		del = d * c;
		h *= del;
		if (fabs(del - 1.0) < 1e-15)
			break;
	}
	return h;
}

/* I_x(a, b). */
static double beta_inc(double a, double b, double x)
{
	double front;

	if (x <= 0.0)
		return 0.0;
	if (x >= 1.0)
		return 1.0;
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) +
		    b * log1p(-x));
	if (x < (a + 1.0) / (a + b + 2.0))
		return front * beta_cf(a, b, x) / a;
	return 1.0 - front * beta_cf(b, a, 1.0 - x) / b;
}

/* P(T <= t) for Student's t with df degrees of freedom. */
static double t_cdf(double t, double df)
{
	double tail = 0.5 * beta_inc(df / 2.0, 0.5, df / (df + t * t));

	return t >= 0 ? 1.0 - tail : tail;
}

double fsc_t_quantile(double p, double df)
{
	double lo = 0.0, hi = 1.0;

	if (p == 0.5)
		return 0.0;
	if (p < 0.5)
		return -fsc_t_quantile(1.0 - p, df);
	while (t_cdf(hi, df) < p && hi < 1e12)
		hi *= 2.0;
	for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
		double mid = (lo + hi) / 2.0;

		if (t_cdf(mid, df) < p)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2.0;
}

void fsc_paired_logs(const double *x, const double *base, size_t n,
		     struct fsc_paired *out)
{
	double sum = 0.0, sq = 0.0;
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (x[i] > 0 && base[i] > 0) {
			sum += log(x[i] / base[i]);
			k++;
		}
	out->n = k;
	out->mean_log = k ? sum / (double)k : 0.0;
	for (size_t i = 0; i < n; i++)
		if (x[i] > 0 && base[i] > 0) {
			double d = log(x[i] / base[i]) - out->mean_log;
			sq += d * d;
		}
	out->sd_log = k > 1 ? sqrt(sq / (double)(k - 1)) : 0.0;
}

/* Half the interval's width on the log scale. */
static double half_width(double sd_log, size_t n, double alpha)
{
	if (n < 2)
		return 0.0;
	return fsc_t_quantile(1.0 - alpha / 2.0, (double)(n - 1)) * sd_log /
		sqrt((double)n);
}

void fsc_paired_interval(const struct fsc_paired *pr, double alpha,
			 struct fsc_interval *out)
{
	double h = half_width(pr->sd_log, pr->n, alpha);

	if (pr->n == 0) {
		out->value = out->low = out->high = 0.0;
		return;
	}
	out->value = exp(pr->mean_log);
	out->low = exp(pr->mean_log - h);
	out->high = exp(pr->mean_log + h);
	/* Rounding must not put the point outside. */
	if (out->low > out->value)
		out->low = out->value;
	if (out->high < out->value)
		out->high = out->value;
}

void fsc_speedup(const double *x, const double *base, size_t n,
		 struct fsc_interval *out)
{
	struct fsc_paired pr;

	fsc_paired_logs(x, base, n, &pr);
	fsc_paired_interval(&pr, 0.05, out);
}

const char *fsc_verdict_name(enum fsc_verdict v)
{
	static const char *const name[] = {
		[FSC_HELPS] = "helps",
		[FSC_HURTS] = "hurts",
		[FSC_EQUIVALENT] = "equivalent",
		[FSC_INCONCLUSIVE] = "inconclusive",
	};

	return name[v];
}

enum fsc_verdict fsc_verdict_of(const struct fsc_interval *best)
{
	if (best->low > FSC_EQUIV_HIGH)
		return FSC_HELPS;
	if (best->high < FSC_EQUIV_LOW)
		return FSC_HURTS;
	if (best->low >= FSC_EQUIV_LOW && best->high <= FSC_EQUIV_HIGH)
		return FSC_EQUIVALENT;
	return FSC_INCONCLUSIVE;
}

unsigned fsc_rounds_to_decide(const struct fsc_paired *pr, double alpha)
{
	double m = pr->mean_log, lo = log(FSC_EQUIV_LOW),
		hi = log(FSC_EQUIV_HIGH), room;

	/* The distance from the point to the edge it must clear. */
	if (m > hi)
		room = m - hi;
	else if (m < lo)
		room = lo - m;
	else
		room = fmin(hi - m, m - lo);
	if (pr->sd_log == 0.0)
		return room > 0 ? (unsigned)(pr->n > 2 ? pr->n : 2) : 0;
	for (unsigned n = pr->n > 2 ? (unsigned)pr->n : 2; n <= FSC_ROUNDS_MAX;
	     n++) {
		double h = half_width(pr->sd_log, n, alpha);

		if (m > hi || m < lo ? h < room : h <= room)
			return n;
	}
	return 0;
}

bool fsc_is_concurrent(bool async, unsigned jobs, double depth,
		       double submit_share)
{
	if (!async)
		return jobs >= 2;
	return !(depth < FSC_MIN_DEPTH) && !(submit_share > FSC_SYNC_SHARE);
}

void fsc_decide(const struct fsc_paired *c, size_t k,
		struct fsc_decision *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 1; i < k; i++)
		if (c[i].mean_log > c[out->best].mean_log)
			out->best = i;
	out->k = k;
	out->alpha = 0.05 / (double)(k ? k : 1);
	fsc_paired_interval(&c[out->best], out->alpha, &out->speedup);
	out->verdict = fsc_verdict_of(&out->speedup);
	out->rounds = c[out->best].n;
	out->spread = expm1(c[out->best].sd_log);
	if (out->verdict == FSC_INCONCLUSIVE)
		out->need = fsc_rounds_to_decide(&c[out->best], out->alpha);
}
