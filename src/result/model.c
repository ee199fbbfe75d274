/* model.c - Universal Scalability Law fit: projected Levenberg-Marquardt
 * on (γ, α, β) with α, β held at or above 0, from the quadratic start. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsconc.h"
#include "result/model.h"
#include "util/units.h"
#include "util/xalloc.h"

static double usl(double g, double a, double b, double n)
{
	return g * n / (1 + a * (n - 1) + b * n * (n - 1));
}

double fsc_usl_eval(const struct fsc_usl *m, double n)
{
	return usl(m->gamma, m->alpha, m->beta, n);
}

static int refuse(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return -1;
}

void fsc_usl_start(const double *n, const double *x, size_t count,
		   double *gamma, double *alpha, double *beta)
{
	double nmin = n[0], g = 0, k = 0;
	double saa = 0, sab = 0, sbb = 0, say = 0, sby = 0, det;
	double a1, b1, a2, b2, e1, e2;

	for (size_t i = 1; i < count; i++)
		if (n[i] < nmin)
			nmin = n[i];
	/* One job's rate, from the lowest level as if it scaled linearly. */
	for (size_t i = 0; i < count; i++)
		if (n[i] == nmin) {
			g += x[i] / n[i];
			k++;
		}
	g /= k;
	for (size_t i = 0; i < count; i++) {
		double u = n[i] - 1, v = n[i] * (n[i] - 1);
		double y = n[i] * g / x[i] - 1;

		saa += u * u;
		sab += u * v;
		sbb += v * v;
		say += u * y;
		sby += v * y;
	}
	*gamma = g;
	det = saa * sbb - sab * sab;
	if (det > 1e-12 * saa * sbb) {
		a1 = (say * sbb - sby * sab) / det;
		b1 = (sby * saa - say * sab) / det;
		if (a1 >= 0 && b1 >= 0) {
			*alpha = a1;
			*beta = b1;
			return;
		}
	}
	/* Non-negative least squares in two unknowns: the better of the
	 * fits with one of them held at zero (the sum of (y - αu - βv)²,
	 * less the constant Σy², decides). */
	a1 = saa > 0 && say > 0 ? say / saa : 0;
	b1 = 0;
	a2 = 0;
	b2 = sbb > 0 && sby > 0 ? sby / sbb : 0;
	e1 = a1 * a1 * saa - 2 * a1 * say;
	e2 = b2 * b2 * sbb - 2 * b2 * sby;
	*alpha = e1 <= e2 ? a1 : a2;
	*beta = e1 <= e2 ? b1 : b2;
}

/* Solve the 3x3 system a·d = r by elimination with partial pivoting;
 * -1 when singular. */
static int solve3(double a[3][3], double r[3], double d[3])
{
	for (int c = 0; c < 3; c++) {
		int p = c;
		for (int i = c + 1; i < 3; i++)
			if (fabs(a[i][c]) > fabs(a[p][c]))
				p = i;
		if (!(fabs(a[p][c]) > 1e-300))
			return -1;
		for (int j = 0; j < 3; j++) {
			double t = a[c][j];
			a[c][j] = a[p][j];
			a[p][j] = t;
		}
		double t = r[c];
		r[c] = r[p];
		r[p] = t;
		for (int i = c + 1; i < 3; i++) {
			double f = a[i][c] / a[c][c];
			for (int j = c; j < 3; j++)
				a[i][j] -= f * a[c][j];
			r[i] -= f * r[c];
		}
	}
	for (int c = 2; c >= 0; c--) {
		double s = r[c];
		for (int j = c + 1; j < 3; j++)
			s -= a[c][j] * d[j];
		d[c] = s / a[c][c];
	}
	return 0;
}

static double sse(const double *n, const double *y, size_t count,
		  const double p[3])
{
	double s = 0;

	for (size_t i = 0; i < count; i++) {
		double e = y[i] - usl(p[0], p[1], p[2], n[i]);
		s += e * e;
	}
	return s;
}

/* Levenberg-Marquardt on throughputs scaled to about 1.  A parameter at
 * its bound of 0 whose descent direction points below it is held there
 * for the step (an active set), the others move and are clamped.  Returns
 * the iterations used, or -1 when the cap was reached first. */
static int levenberg_marquardt(const double *n, const double *y,
			       size_t count, double p[3])
{
	double lambda = 1e-3, s = sse(n, y, count, p), tiny = 0;

	for (size_t i = 0; i < count; i++)
		tiny += y[i] * y[i];
	tiny *= 1e-28;
	for (int it = 1; it <= FSC_USL_MAX_ITER; it++) {
		double jtj[3][3] = { { 0 } }, jtr[3] = { 0 };
		bool held[3] = { false };

		if (s <= tiny)
			return it - 1;
		for (size_t i = 0; i < count; i++) {
			double d = 1 + p[1] * (n[i] - 1) +
				p[2] * n[i] * (n[i] - 1);
			double f = p[0] * n[i] / d;
			double jac[3] = { n[i] / d, -f * (n[i] - 1) / d,
					  -f * n[i] * (n[i] - 1) / d };
			for (int r = 0; r < 3; r++) {
				jtr[r] += jac[r] * (y[i] - f);
				for (int c = 0; c < 3; c++)
					jtj[r][c] += jac[r] * jac[c];
			}
		}
		for (int k = 1; k < 3; k++)
			held[k] = p[k] <= 0 && jtr[k] <= 0;
		for (;;) {
			double a[3][3], r[3], d[3], q[3], s2;

			for (int i = 0; i < 3; i++) {
				for (int j = 0; j < 3; j++)
					a[i][j] = held[i] || held[j] ? 0 :
						jtj[i][j];
				a[i][i] = held[i] ? 1 : jtj[i][i] *
					(1 + lambda) + 1e-300;
				r[i] = held[i] ? 0 : jtr[i];
			}
			if (solve3(a, r, d) == 0) {
				for (int k = 0; k < 3; k++)
					q[k] = p[k] + d[k];
				q[1] = q[1] > 0 ? q[1] : 0;
				q[2] = q[2] > 0 ? q[2] : 0;
				s2 = q[0] > 0 ? sse(n, y, count, q) : INFINITY;
				if (s2 <= s) {
					bool done = s - s2 <= 1e-12 * s;
					memcpy(p, q, sizeof(q));
					s = s2;
					lambda = lambda > 1e-12 ? lambda / 10 :
						lambda;
					if (done)
						return it;
					break;
				}
			}
			/* No step lowers the error any more: a minimum, to
			 * the precision of the arithmetic. */
			if (lambda > 1e12)
				return it;
			lambda *= 10;
		}
	}
	return -1;
}

int fsc_usl_fit(const double *n, const double *x, size_t count,
		struct fsc_usl *m, char *why, size_t len)
{
	double scale = 0, mean = 0, ss_res = 0, ss_tot = 0, p[3], *y;
	size_t levels = 0;
	int it;

	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < count; i++) {
		bool seen = false;
		if (!(n[i] >= 1) || !(x[i] > 0) || !isfinite(x[i]) ||
		    !isfinite(n[i]))
			return refuse(why, len, "a point with %g jobs at %g "
				      "bytes/s cannot be fitted", n[i], x[i]);
		for (size_t j = 0; j < i; j++)
			seen |= n[j] == n[i];
		levels += !seen;
		scale = x[i] > scale ? x[i] : scale;
		mean += x[i] / (double)count;
	}
	if (levels < FSC_USL_MIN_LEVELS)
		return refuse(why, len, "%zu jobs level%s, a fit needs %d or "
			      "more (--jobs 1,2,4,8...)", levels,
			      levels == 1 ? "" : "s", FSC_USL_MIN_LEVELS);
	y = xmalloc(count * sizeof(*y));
	for (size_t i = 0; i < count; i++)
		y[i] = x[i] / scale;
	fsc_usl_start(n, y, count, &p[0], &p[1], &p[2]);
	it = levenberg_marquardt(n, y, count, p);
	free(y);
	m->gamma = p[0] * scale;
	m->alpha = p[1];
	m->beta = p[2];
	m->iterations = it < 0 ? FSC_USL_MAX_ITER : (unsigned)it;
	for (size_t i = 0; i < count; i++) {
		double e = x[i] - fsc_usl_eval(m, n[i]);
		ss_res += e * e;
		ss_tot += (x[i] - mean) * (x[i] - mean);
	}
	m->r2 = ss_tot > 0 ? 1 - ss_res / ss_tot : ss_res > 0 ? 0 : 1;
	m->rmse = sqrt(ss_res / (double)count) / mean;
	if (m->alpha >= 1) {
		m->peak_jobs = 1;
		m->peak = m->ceiling = m->gamma;
	} else if (m->beta <= 0) {
		m->peak_jobs = m->peak = INFINITY;
		m->ceiling = m->alpha > 0 ? m->gamma / m->alpha : INFINITY;
	} else {
		double ns = sqrt((1 - m->alpha) / m->beta);
		m->peak_jobs = ns > 1 ? ns : 1;
		m->peak = m->ceiling = fsc_usl_eval(m, m->peak_jobs);
	}
	if (it < 0 || !isfinite(m->gamma) || !isfinite(m->alpha) ||
	    !isfinite(m->beta))
		return refuse(why, len, "the fit did not converge in %d "
			      "iterations", FSC_USL_MAX_ITER);
	if (m->r2 < FSC_USL_MIN_R2 && m->rmse > FSC_USL_FLAT_RMSE)
		return refuse(why, len, "a poor fit: R\u00b2 = %.2f (below "
			      "%.2f), the curve misses the points by %.0f %% "
			      "(RMS)", m->r2, FSC_USL_MIN_R2, m->rmse * 100);
	return 0;
}

unsigned fsc_usl_peak_whole(const struct fsc_usl *m, unsigned max_jobs)
{
	double lo, hi;

	if (!(m->peak_jobs < max_jobs))
		return max_jobs;
	lo = floor(m->peak_jobs);
	hi = lo + 1;
	lo = lo < 1 ? 1 : lo;
	return fsc_usl_eval(m, hi) > fsc_usl_eval(m, lo) ? (unsigned)hi :
		(unsigned)lo;
}

unsigned fsc_usl_jobs_for(const struct fsc_usl *m, double rate,
			  unsigned max_jobs)
{
	for (unsigned n = 1; n <= max_jobs; n++) {
		if (fsc_usl_eval(m, n) >= rate)
			return n;
		if (n > m->peak_jobs + 1)	/* falling from here on */
			break;
	}
	return 0;
}

/* A rate as the model's figures are in: bytes/s, or files/s. */
static char *fmt_model_rate(char *buf, size_t len, double r, bool iec,
			    bool files)
{
	if (!files)
		return fsc_fmt_rate(buf, len, r, iec);
	snprintf(buf, len, "%.*f files/s", r < 10 ? 1 : 0, r);
	return buf;
}

static char *describe(char *buf, size_t len, const struct fsc_usl *m,
		      unsigned swept_max, bool iec, bool files)
{
	char g[32], pk[32], tail[96] = "";
	size_t used;

	used = (size_t)snprintf(buf, len, "\u03b3 = %s per job, contention "
				"\u03b1 = %.3g, coherency \u03b2 = %.3g, ",
				fmt_model_rate(g, sizeof(g), m->gamma, iec, files),
				m->alpha, m->beta);
	if (used >= len)
		return buf;
	if (m->alpha >= 1) {
		snprintf(buf + used, len - used, "no gain from concurrency: "
			 "peak %s at 1 job", fmt_model_rate(pk, sizeof(pk),
							    m->gamma, iec, files));
	} else if (!(m->peak_jobs <= FSC_MAX_JOBS)) {
		if (isfinite(m->ceiling))
			snprintf(tail, sizeof(tail), " (it approaches %s)",
				 fmt_model_rate(pk, sizeof(pk), m->ceiling,
						iec, files));
		else if (m->alpha <= 0 && m->beta <= 0)
			snprintf(tail, sizeof(tail), " (linear scaling)");
		snprintf(buf + used, len - used, "no peak within reach%s",
			 tail);
	} else {
		unsigned k = fsc_usl_peak_whole(m, FSC_MAX_JOBS);
		if (k > swept_max)
			snprintf(tail, sizeof(tail), " (extrapolated: the "
				 "sweep stopped at %u)", swept_max);
		snprintf(buf + used, len - used, "peak %s at %u job%s%s",
			 fmt_model_rate(pk, sizeof(pk),
				 fsc_usl_eval(m, k), iec, files),
			 k, k == 1 ? "" : "s", tail);
	}
	used = strlen(buf);
	if (m->r2 >= FSC_USL_MIN_R2)
		snprintf(buf + used, len - used, ", R\u00b2 = %.2f", m->r2);
	else
		snprintf(buf + used, len - used, ", R\u00b2 = %.2f (a flat "
			 "curve, within %.1f %% RMS)", m->r2, m->rmse * 100);
	return buf;
}

char *fsc_usl_describe(char *buf, size_t len, const struct fsc_usl *m,
		       unsigned swept_max, bool iec)
{
	return describe(buf, len, m, swept_max, iec, false);
}

char *fsc_usl_describe_files(char *buf, size_t len, const struct fsc_usl *m,
			     unsigned swept_max)
{
	return describe(buf, len, m, swept_max, false, true);
}
