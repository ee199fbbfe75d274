/* timeline.c - a round's throughput over time and the dirty page-cache
 * limit in it (fsconc(1), MEASUREMENTS). */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "result/timeline.h"
#include "util/xalloc.h"

/* The readings as a line from (0, 0) to (span, total): where the walk
 * along it is, x rising from one call to the next. */
struct walk {
	const uint64_t *t_ns, *bytes;
	size_t n, i;
	uint64_t t0, span, total;
	uint64_t pt, pb;	/* the last reading passed, from t0 */
};

/* The bytes done by time x from t0, read off the line. */
static uint64_t done_at(struct walk *w, uint64_t x)
{
	if (x >= w->span)
		return w->total;
	for (; w->i < w->n; w->i++) {
		uint64_t t, b;

		if (w->t_ns[w->i] <= w->t0)
			continue;
		t = w->t_ns[w->i] - w->t0;
		if (t >= w->span)
			break;
		b = w->bytes[w->i] < w->pb ? w->pb : w->bytes[w->i] > w->total ?
			w->total : w->bytes[w->i];
		if (t >= x)
			return w->pb + (uint64_t)llround((double)(b - w->pb) *
				(double)(x - w->pt) / (double)(t - w->pt));
		w->pt = t;
		w->pb = b;
	}
	return w->pb + (uint64_t)llround((double)(w->total - w->pb) *
		(double)(x - w->pt) / (double)(w->span - w->pt));
}

void fsc_timeline_build(const uint64_t *t_ns, const uint64_t *bytes,
			size_t n, uint64_t t0, uint64_t end, uint64_t total,
			uint64_t interval_ns, struct fsc_timeline *out)
{
	uint64_t span = end > t0 ? end - t0 : 0, iv = interval_ns, prev = 0;
	struct walk w = { t_ns, bytes, n, 0, t0, span, total, 0, 0 };
	size_t nb;

	out->interval_ns = 0;
	out->bytes = NULL;
	out->n = 0;
	if (!span || !iv)
		return;
	while ((span + iv - 1) / iv > FSC_TIMELINE_MAX)
		iv *= 2;
	nb = (size_t)((span + iv - 1) / iv);
	out->interval_ns = iv;
	out->n = nb;
	out->bytes = xcalloc(nb, sizeof(*out->bytes));
	for (size_t k = 0; k < nb; k++) {
		uint64_t x = (k + 1) * iv < span ? (k + 1) * iv : span;
		uint64_t c = done_at(&w, x);

		out->bytes[k] = c - prev;
		prev = c;
	}
}

uint64_t fsc_timeline_len(const struct fsc_round *r, size_t k)
{
	const struct fsc_timeline *tl = &r->timeline;

	if (k + 1 < tl->n || r->elapsed_ns <= k * tl->interval_ns)
		return tl->interval_ns;
	return r->elapsed_ns - k * tl->interval_ns;
}

bool fsc_timeline_dirty(const struct fsc_round *r, uint64_t limit_bytes,
			struct fsc_dirty_drop *d)
{
	const struct fsc_timeline *tl = &r->timeline;
	size_t n = tl->n, late0 = n - n / 3, fell = 0;
	uint64_t lb = 0, lt = 0, fb = 0, ft = 0;
	double late, first, lo, hi;

	/* Two intervals at least before the fall, and a last third. */
	if (!limit_bytes || n < 6)
		return false;
	for (size_t k = late0; k < n; k++) {
		lb += tl->bytes[k];
		lt += fsc_timeline_len(r, k);
	}
	late = (double)lb * 1e9 / (double)lt;
	/* It fell after the last interval that ran at twice the late rate
	 * or more: from there on the rate stays low. */
	for (size_t k = 0; k < late0; k++)
		if ((double)tl->bytes[k] * 1e9 /
		    (double)fsc_timeline_len(r, k) >= 2 * late)
			fell = k + 1;
	if (fell < 2)
		return false;
	for (size_t k = 0; k < fell; k++) {
		fb += tl->bytes[k];
		ft += fsc_timeline_len(r, k);
	}
	first = (double)fb * 1e9 / (double)ft;
	lo = (double)limit_bytes * (1 - FSC_DIRTY_NEAR);
	hi = (double)limit_bytes * (1 + FSC_DIRTY_NEAR);
	if (!(late < FSC_DIRTY_DROP * first) || (double)fb < lo ||
	    (double)fb > hi)
		return false;
	d->at_ns = ft;
	d->at_bytes = fb;
	d->before_bps = first;
	d->after_bps = late;
	return true;
}

static int by_rate(const void *a, const void *b)
{
	const struct fsc_round *x = *(const struct fsc_round *const *)a;
	const struct fsc_round *y = *(const struct fsc_round *const *)b;

	return (x->bytes_per_sec > y->bytes_per_sec) -
	       (x->bytes_per_sec < y->bytes_per_sec);
}

const struct fsc_round *fsc_timeline_round(const struct fsc_trial_result *t)
{
	const struct fsc_round **v, *r;
	size_t n = 0;

	v = xcalloc(t->done ? t->done : 1, sizeof(*v));
	for (unsigned i = 0; i < t->done; i++)
		if (t->rounds[i].timeline.n)
			v[n++] = &t->rounds[i];
	qsort(v, n, sizeof(*v), by_rate);
	r = n ? v[(n - 1) / 2] : NULL;
	free(v);
	return r;
}
