/* sweeps.c - a result's sweeps, its (set, engine) trials by rising jobs,
 * and the USL model of each swept over enough levels (fsconc(1), SWEEPS
 * AND MODELS). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "result/result.h"
#include "util/xalloc.h"

/* The trials by set, then engine (its place in the engine table), then
 * place: a sweep's trials side by side, in the order they ran.  An array
 * of p->ntrials indices, to free(); time n log n, so that a profile of
 * many trials reads as fast as a few. */
static const struct fsc_result *order_p;

static size_t engine_rank(const struct fsc_engine *e)
{
	size_t i = 0;

	while (fsc_engines[i] && fsc_engines[i] != e)
		i++;
	return i;
}

static int by_set_engine(const void *a, const void *b)
{
	const struct fsc_trial_result *x = &order_p->trials[*(const size_t *)a];
	const struct fsc_trial_result *y = &order_p->trials[*(const size_t *)b];
	size_t ex = engine_rank(x->engine), ey = engine_rank(y->engine);

	if (x->set != y->set)
		return (x->set > y->set) - (x->set < y->set);
	if (ex != ey)
		return (ex > ey) - (ex < ey);
	return (x > y) - (x < y);
}

static size_t *trial_order(const struct fsc_result *p)
{
	size_t *o = xcalloc(p->ntrials + 1, sizeof(*o));

	for (size_t i = 0; i < p->ntrials; i++)
		o[i] = i;
	order_p = p;
	qsort(o, p->ntrials, sizeof(*o), by_set_engine);
	order_p = NULL;
	return o;
}

static int by_first(const void *a, const void *b)
{
	const size_t *x = a, *y = b;

	return (x[0] > y[0]) - (x[0] < y[0]);
}

/* A model for every (set, engine) swept over enough jobs levels: one
 * point per level, its median aggregate throughput, so an outlying round
 * does not bend the curve and every level weighs the same.  o holds the
 * trials by set and engine; the models come in the order of their
 * sweeps' first trials. */
static void fit_models(struct fsc_result *p, const size_t *o)
{
	double *n = xmalloc((p->ntrials + 1) * sizeof(double));
	double *x = xmalloc((p->ntrials + 1) * sizeof(double));
	/* Each sweep: its first trial, and where it starts and ends in o. */
	size_t (*sw)[3] = xcalloc(p->ntrials + 1, sizeof(*sw));
	size_t nsw = 0;

	free(p->models);
	p->models = NULL;
	p->nmodels = 0;
	for (size_t i = 0; i < p->ntrials;) {
		const struct fsc_trial_result *t = &p->trials[o[i]];
		size_t j = i;

		while (j < p->ntrials && p->trials[o[j]].set == t->set &&
		       p->trials[o[j]].engine == t->engine)
			j++;
		sw[nsw][0] = o[i];
		sw[nsw][1] = i;
		sw[nsw++][2] = j;
		i = j;
	}
	qsort(sw, nsw, sizeof(*sw), by_first);
	for (size_t w = 0; w < nsw; w++) {
		const struct fsc_trial_result *t = &p->trials[sw[w][0]];
		struct fsc_model *m;
		size_t k = 0;

		for (size_t j = sw[w][1]; j < sw[w][2]; j++) {
			const struct fsc_trial_result *u = &p->trials[o[j]];

			if (u->done) {
				n[k] = u->jobs;
				x[k++] = u->agg.median;
			}
		}
		if (k < FSC_USL_MIN_LEVELS)
			continue;
		p->models = xrealloc(p->models, p->nmodels + 1,
				     sizeof(*p->models));
		m = &p->models[p->nmodels++];
		memset(m, 0, sizeof(*m));
		m->set = t->set;
		m->engine = t->engine;
		m->levels = (unsigned)k;
		for (size_t j = 0; j < k; j++)
			if (n[j] > m->max_jobs)
				m->max_jobs = (unsigned)n[j];
		m->fitted = fsc_usl_fit(n, x, k, &m->usl, m->why,
					sizeof(m->why)) == 0;
	}
	free(sw);
	free(n);
	free(x);
}

void fsc_result_models(struct fsc_result *p)
{
	size_t *o = trial_order(p);

	fit_models(p, o);
	free(o);
}

static int by_jobs(const void *a, const void *b)
{
	const struct fsc_trial_result *x = &order_p->trials[*(const size_t *)a];
	const struct fsc_trial_result *y = &order_p->trials[*(const size_t *)b];

	if (x->jobs != y->jobs)
		return (x->jobs > y->jobs) - (x->jobs < y->jobs);
	return (x > y) - (x < y);
}

/* Before the sorting by jobs, a sweep's first trial comes first. */
static int by_first_trial(const void *a, const void *b)
{
	const struct fsc_sweep *x = a, *y = b;

	return (x->trials[0] > y->trials[0]) - (x->trials[0] < y->trials[0]);
}

size_t fsc_result_sweeps(const struct fsc_result *p, struct fsc_sweep **out)
{
	size_t *o = trial_order(p), n = 0, m = 0;
	struct fsc_sweep *s = xcalloc(p->ntrials + 1, sizeof(*s));
	double *jobs = xmalloc((p->ntrials + 1) * sizeof(double));
	double *x = xmalloc((p->ntrials + 1) * sizeof(double));

	for (size_t i = 0; i < p->ntrials;) {
		const struct fsc_trial_result *t = &p->trials[o[i]];
		struct fsc_sweep *w = &s[n++];
		size_t j = i;

		while (j < p->ntrials && p->trials[o[j]].set == t->set &&
		       p->trials[o[j]].engine == t->engine)
			j++;
		w->set = t->set;
		w->engine = t->engine;
		w->ntrials = j - i;
		w->trials = xcalloc(w->ntrials, sizeof(*w->trials));
		memcpy(w->trials, o + i, w->ntrials * sizeof(*w->trials));
		i = j;
	}
	qsort(s, n, sizeof(*s), by_first_trial);
	order_p = p;
	for (size_t i = 0; i < n; i++) {
		struct fsc_sweep *w = &s[i];
		size_t k = 0;

		qsort(w->trials, w->ntrials, sizeof(*w->trials), by_jobs);
		w->max_jobs = p->trials[w->trials[w->ntrials - 1]].jobs;
		/* The run's model, or why it has none (models come in the
		 * order of the sweeps). */
		if (m < p->nmodels && p->models[m].set == w->set &&
		    p->models[m].engine == w->engine) {
			w->model = p->models[m++];
			continue;
		}
		for (size_t j = 0; j < w->ntrials; j++) {
			const struct fsc_trial_result *u =
				&p->trials[w->trials[j]];

			if (u->done) {
				jobs[k] = u->jobs;
				x[k++] = u->agg.median;
			}
		}
		w->model.set = w->set;
		w->model.engine = w->engine;
		w->model.levels = (unsigned)k;
		w->model.fitted = fsc_usl_fit(jobs, x, k, &w->model.usl,
					      w->model.why,
					      sizeof(w->model.why)) == 0;
	}
	order_p = NULL;
	free(jobs);
	free(x);
	free(o);
	*out = s;
	return n;
}

void fsc_sweeps_free(struct fsc_sweep *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i].trials);
	free(s);
}
