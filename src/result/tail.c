/* tail.c - a file's rate, a round's tail, and a trial's stragglers
 * (fsconc(1), STRAGGLERS). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "result/result.h"
#include "result/stats.h"
#include "result/tail.h"
#include "util/xalloc.h"

double fsc_file_rate(const struct fsc_file_result *f)
{
	uint64_t ns = f->t_done - f->t_open;

	return ns ? (double)f->bytes * 1e9 / (double)ns : 0;
}

bool fsc_straggled(const struct fsc_straggler *s)
{
	return s->median > 0 && s->rate < FSC_STRAGGLER_RATE * s->median &&
		s->tail.share >= FSC_STRAGGLER_TAIL;
}

struct event {
	uint64_t t;
	int d;			/* +1 an open, -1 a close */
};

static int by_time(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->d - y->d;	/* a close before an open at one time */
}

/* The time of [a, b) within [lo, hi). */
static uint64_t overlap(uint64_t a, uint64_t b, uint64_t lo, uint64_t hi)
{
	a = a > lo ? a : lo;
	b = b < hi ? b : hi;
	return b > a ? b - a : 0;
}

void fsc_round_tail(const struct fsc_round *rd, unsigned jobs,
		    struct fsc_tail *out)
{
	struct event *ev = xcalloc(2 * rd->nfiles + 1, sizeof(*ev));
	uint64_t start = 0, end = 0, best = 0, total = 0;
	uint64_t *per_dir = NULL;
	unsigned ndir = 0;
	size_t n = 0, opened = 0;
	long k = 0;
	bool full = false;

	memset(out, 0, sizeof(*out));
	out->file = SIZE_MAX;
	out->dir = -1;
	for (size_t i = 0; i < rd->nfiles; i++) {
		const struct fsc_file_result *f = &rd->files[i];

		if (f->t_done <= f->t_open)
			continue;
		ev[n++] = (struct event){ f->t_open, +1 };
		ev[n++] = (struct event){ f->t_done, -1 };
		opened++;
		end = f->t_done > end ? f->t_done : end;
		ndir = f->dir + 1 > ndir ? f->dir + 1 : ndir;
	}
	if (!opened) {
		free(ev);
		return;
	}
	qsort(ev, n, sizeof(*ev), by_time);
	/* The width the trial keeps; the tail starts where the count last
	 * falls below it. */
	if (jobs > opened)
		jobs = (unsigned)opened;
	start = ev[0].t;
	for (size_t i = 0; i < n; i++) {
		k += ev[i].d;
		if (k >= (long)jobs)
			full = true;
		else if (full && ev[i].d < 0 && k == (long)jobs - 1) {
			full = false;
			start = ev[i].t;
		}
	}
	free(ev);
	out->start_ns = start - rd->t0;
	out->len_ns = end - start;
	out->share = rd->elapsed_ns ? (double)out->len_ns /
		(double)rd->elapsed_ns : 0;
	if (!out->len_ns)
		return;
	per_dir = xcalloc(ndir, sizeof(*per_dir));
	for (size_t i = 0; i < rd->nfiles; i++) {
		const struct fsc_file_result *f = &rd->files[i];
		uint64_t o = f->t_done > f->t_open ?
			overlap(f->t_open, f->t_done, start, end) : 0;

		per_dir[f->dir] += o;
		total += o;
		if (o > best) {
			best = o;
			out->file = i;
		}
	}
	out->file_share = (double)best / (double)out->len_ns;
	for (unsigned d = 0; d < ndir && total; d++)
		if ((double)per_dir[d] >= FSC_TAIL_DIR_SHARE * (double)total) {
			out->dir = (int)d;
			out->dir_share = (double)per_dir[d] / (double)total;
		}
	free(per_dir);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The per-file rate over every round's files, summarized with its tenth
 * and ninetieth percentiles, each round's tail, and the slowest file with
 * the tail of its round (fsconc(1), STRAGGLERS): exact while every round
 * has its files, from the rounds' histograms once one was summarised. */
bool fsc_trial_stragglers(struct fsc_trial_result *t)
{
	struct fsc_straggler *s = &t->slowest;
	bool kept = fsc_trial_file_stats(t);
	size_t nf = 0, k = 0;
	double *tails = xmalloc((t->done ? t->done : 1) * sizeof(*tails));

	t->file_p10 = t->file_p90 = t->tail_share = NAN;
	memset(&t->file, 0, sizeof(t->file));
	t->has_slowest = false;
	memset(s, 0, sizeof(*s));
	for (unsigned r = 0; r < t->done; r++) {
		const struct fsc_file_stats *fs = &t->rounds[r].fstats;

		tails[r] = fs->tail.share;
		nf += fs->rated;
		if (fs->has_slowest &&
		    (!t->has_slowest || fs->slowest_rate < s->rate)) {
			t->has_slowest = true;
			s->round = r;
			s->file = fs->slowest;
			s->dir = fs->slowest_dir;
			s->rate = fs->slowest_rate;
		}
	}
	if (kept && nf) {
		double *rate = xmalloc(nf * sizeof(*rate));

		/* A file the stonewall caught before its first write has no
		 * rate. */
		for (unsigned r = 0; r < t->done; r++) {
			const struct fsc_round *rd = &t->rounds[r];

			for (size_t f = 0; f < rd->nfiles; f++)
				if (rd->files[f].bytes)
					rate[k++] = fsc_file_rate(
						&rd->files[f]);
		}
		qsort(rate, k, sizeof(*rate), by_value);
		fsc_summarize(rate, k, &t->file);
		t->file_p10 = fsc_quantile_sorted(rate, k, 0.10);
		t->file_p90 = fsc_quantile_sorted(rate, k, 0.90);
		free(rate);
	} else if (nf) {
		struct fsc_rates *rt = xmalloc(sizeof(*rt));

		fsc_rates_reset(rt);
		for (unsigned r = 0; r < t->done; r++)
			fsc_rates_add(rt, &t->rounds[r]);
		fsc_rates_summarize(rt, &t->file);
		t->file_p10 = fsc_rates_quantile(rt, 0.10);
		t->file_p90 = fsc_rates_quantile(rt, 0.90);
		free(rt);
	}
	s->median = t->file.median;
	if (t->done)
		t->tail_share = fsc_median(tails, t->done);
	if (t->has_slowest)
		s->tail = t->rounds[s->round].fstats.tail;
	free(tails);
	return kept;
}
