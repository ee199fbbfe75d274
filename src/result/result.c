/* result.c - what is computed from a result's rounds, the same for a run
 * and for a saved profile read back: summaries, speedups, verdicts and the
 * models of the sweeps (fsconc(1), STATISTICS AND VERDICT). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result/result.h"
#include "util/xalloc.h"

double fsc_rank_rate(const struct fsc_rank_result *r)
{
	uint64_t ns = r->end_ns - r->start_ns;

	return ns ? (double)r->bytes * 1e9 / (double)ns : 0;
}

void fsc_round_host(const struct fsc_result *p, const struct fsc_round *rd,
		    unsigned host, struct fsc_host_result *out)
{
	bool any = false;

	memset(out, 0, sizeof(*out));
	for (unsigned r = 0; r < rd->nranks && p->rank_host; r++) {
		const struct fsc_rank_result *rr = &rd->ranks[r];
		double rate = fsc_rank_rate(rr);

		if (p->rank_host[r] != host)
			continue;
		if (!out->ranks++ || rate < out->slowest_rank_bps)
			out->slowest_rank_bps = rate;
		out->bytes += rr->bytes;
		out->planned_bytes += rr->planned_bytes;
		if (!rr->nfiles)
			continue;
		if (!any || rr->start_ns < out->start_ns)
			out->start_ns = rr->start_ns;
		if (!any || rr->end_ns > out->end_ns)
			out->end_ns = rr->end_ns;
		any = true;
	}
	if (out->end_ns > out->start_ns)
		out->bytes_per_sec = (double)out->bytes * 1e9 /
			(double)(out->end_ns - out->start_ns);
}

double fsc_completed(uint64_t bytes, uint64_t planned)
{
	return planned ? (double)bytes / (double)planned : 1.0;
}

void fsc_round_files(const struct fsc_round *rd, struct fsc_summary *out)
{
	double *rate;
	struct fsc_rates *rt;

	if (rd->files || !rd->nfiles) {
		rate = xmalloc((rd->nfiles ? rd->nfiles : 1) * sizeof(*rate));
		for (size_t f = 0; f < rd->nfiles; f++)
			rate[f] = fsc_file_rate(&rd->files[f]);
		fsc_summarize(rate, rd->nfiles, out);
		free(rate);
		return;
	}
	/* Summarised (fsconc(1), --file-detail): the files that wrote
	 * nothing are rated 0. */
	rt = xmalloc(sizeof(*rt));
	fsc_rates_reset(rt);
	fsc_rates_add(rt, rd);
	fsc_rates_add_zeros(rt, rd->nfiles - rd->fstats.rated);
	fsc_rates_summarize(rt, out);
	free(rt);
}

void fsc_trial_host(const struct fsc_result *p,
		    const struct fsc_trial_result *t, unsigned host,
		    struct fsc_host_medians *out)
{
	unsigned n = t->done;
	double *v = xmalloc(3 * (n ? n : 1) * sizeof(*v));

	for (unsigned r = 0; r < n; r++) {
		struct fsc_host_result hr;

		fsc_round_host(p, &t->rounds[r], host, &hr);
		v[r] = hr.bytes_per_sec;
		v[n + r] = hr.slowest_rank_bps;
		v[2 * n + r] = fsc_completed(hr.bytes, hr.planned_bytes);
	}
	out->bytes_per_sec = fsc_median(v, n);
	out->slowest_rank_bps = fsc_median(v + n, n);
	out->completed = fsc_median(v + 2 * n, n);
	free(v);
}

uint64_t fsc_result_skew(const struct fsc_result *p)
{
	uint64_t skew = 0;

	for (size_t i = 0; i < p->ntrials; i++)
		for (unsigned r = 0; r < p->trials[i].done; r++)
			if (p->trials[i].rounds[r].barrier_skew_ns > skew)
				skew = p->trials[i].rounds[r].barrier_skew_ns;
	return skew;
}

unsigned fsc_result_rounds(const struct fsc_result *p)
{
	unsigned n = 0;

	for (size_t i = 0; i < p->ntrials; i++)
		if (p->trials[i].done > n)
			n = p->trials[i].done;
	return n;
}

const struct fsc_trial_result *fsc_result_baseline(const struct fsc_result *p,
					       unsigned set)
{
	for (size_t i = 0; i < p->ntrials; i++)
		if (p->trials[i].set == set &&
		    strcmp(p->trials[i].engine->name, "pwrite") == 0)
			return &p->trials[i];
	return NULL;
}

const struct fsc_trial_result *fsc_result_best(const struct fsc_result *p,
					   unsigned set)
{
	return p->sets[set].has_verdict ? &p->trials[p->sets[set].best] : NULL;
}

void fsc_round_free(struct fsc_round *rd)
{
	free(rd->files);
	fsc_file_stats_free(&rd->fstats);
	free(rd->ranks);
	free(rd->timeline.bytes);
	free(rd->dev);
}

struct fsc_round *fsc_trial_new_round(struct fsc_trial_result *t)
{
	if (t->done == t->cap) {
		unsigned cap = t->cap ? 2 * t->cap : 4;

		t->rounds = xrealloc(t->rounds, cap, sizeof(*t->rounds));
		memset(t->rounds + t->cap, 0,
		       (cap - t->cap) * sizeof(*t->rounds));
		t->cap = cap;
	}
	return &t->rounds[t->done++];
}

const char *fsc_stop_text(enum fsc_stop s)
{
	static const char *const text[] = {
		[FSC_STOP_NONE] = "not stopped",
		[FSC_STOP_FIXED] = "the count --rounds asked for",
		[FSC_STOP_DECISIVE] = "every verdict is decisive",
		[FSC_STOP_NOTHING] = "no verdict to wait for",
		[FSC_STOP_TIME] = "another round would pass the time budget",
		[FSC_STOP_BYTES] = "another round would pass the byte budget",
		[FSC_STOP_CAP] = "the most rounds fsconc runs",
		[FSC_STOP_KEEP] = "--keep keeps the least rounds of --rounds auto",
	};

	return text[s];
}

const char *fsc_stop_name(enum fsc_stop s)
{
	static const char *const name[] = {
		[FSC_STOP_NONE] = "none", [FSC_STOP_FIXED] = "fixed",
		[FSC_STOP_DECISIVE] = "decisive", [FSC_STOP_NOTHING] = "nothing",
		[FSC_STOP_TIME] = "time", [FSC_STOP_BYTES] = "bytes",
		[FSC_STOP_CAP] = "cap", [FSC_STOP_KEEP] = "keep",
	};

	return name[s];
}

/* The median of the known figures among n, NAN when none is. */
static double known_median(double *v, unsigned n)
{
	unsigned k = 0;

	for (unsigned i = 0; i < n; i++)
		if (!isnan(v[i]))
			v[k++] = v[i];
	return k ? fsc_median(v, k) : NAN;
}

/* A trial's noise, median over its rounds, and its disturbed rounds:
 * those whose interference (fsc_noise_level) is more than FSC_DISTURBED
 * above the median of the trial's rounds and three times it. */
static void trial_noise(struct fsc_trial_result *t, double *v)
{
	const struct fsc_round *rd = t->rounds;
	unsigned n = t->done;
	double typical;

#define NOISE_MEDIAN(field) do {					\
		for (unsigned r = 0; r < n; r++)			\
			v[r] = rd[r].noise.field;			\
		t->noise.field = known_median(v, n);			\
	} while (0)
	NOISE_MEDIAN(load);
	NOISE_MEDIAN(steal);
	NOISE_MEDIAN(iowait);
	NOISE_MEDIAN(user);
	NOISE_MEDIAN(system);
	NOISE_MEDIAN(psi[FSC_PSI_CPU]);
	NOISE_MEDIAN(psi[FSC_PSI_IO]);
	NOISE_MEDIAN(psi[FSC_PSI_MEMORY]);
#undef NOISE_MEDIAN
	for (unsigned r = 0; r < n; r++)
		v[r] = fsc_noise_level(&rd[r].noise);
	typical = known_median(v, n);
	t->disturbed = 0;
	for (unsigned r = 0; r < n; r++) {
		double level = fsc_noise_level(&rd[r].noise);

		t->rounds[r].disturbed = n >= FSC_VERDICT_MIN_ROUNDS &&
			level > typical + FSC_DISTURBED &&
			level > 3 * typical;
		t->disturbed += t->rounds[r].disturbed;
	}
}

/* The median over a trial's counted rounds of each figure of a round
 * that the reports give (fsconc(1), MEASUREMENTS and OUTPUT): the
 * latency percentiles, the achieved depth, the submit share, the share of
 * the planned bytes written; and over its rounds, the phases' sums and
 * the most kernel workers of io_uring (fsconc(1), io_uring).  v: room for
 * t->done figures. */
static void trial_medians(struct fsc_trial_result *t, double *v)
{
	const struct fsc_round *rd = t->rounds;
	unsigned n = t->done;

	for (int q = 0; q < FSC_NPCT; q++) {
		for (unsigned r = 0; r < n; r++)
			v[r] = (double)rd[r].latency_ns[q];
		t->latency_ns[q] = fsc_median(v, n);
	}
	for (unsigned r = 0; r < n; r++)
		v[r] = rd[r].achieved_depth;
	t->depth = fsc_median(v, n);
	for (unsigned r = 0; r < n; r++)
		v[r] = rd[r].submit_share;
	t->submit_share = fsc_median(v, n);
	for (unsigned r = 0; r < n; r++)
		v[r] = fsc_completed(rd[r].bytes, rd[r].planned_bytes);
	t->completed = fsc_median(v, n);
	memset(t->phase_ns, 0, sizeof(t->phase_ns));
	t->kworkers = t->kworkers_peak = 0;
	for (unsigned r = 0; r < n; r++) {
		for (int k = 0; k < FSC_NPHASE; k++)
			t->phase_ns[k] += rd[r].phases.sum_ns[k];
		if (!rd[r].kworkers_sampled)
			continue;
		if (rd[r].kworkers > t->kworkers)
			t->kworkers = rd[r].kworkers;
		if (rd[r].kworkers_peak > t->kworkers_peak)
			t->kworkers_peak = rd[r].kworkers_peak;
	}
}

/* Each set's verdict, over its concurrent trials in their order
 * (fsconc(1), STATISTICS). */
static void decide(struct fsc_result *p)
{
	struct fsc_paired *c = xcalloc(p->ntrials + 1, sizeof(*c));
	size_t *idx = xcalloc(p->ntrials + 1, sizeof(*idx));
	size_t *start = xcalloc(p->nsets + 1, sizeof(*start));
	size_t *fill = xcalloc(p->nsets + 1, sizeof(*fill));

	/* The candidates grouped by set, by counting: time linear. */
	for (size_t i = 0; i < p->ntrials; i++)
		if (p->trials[i].concurrent && p->trials[i].paired.n)
			start[p->trials[i].set + 1]++;
	for (unsigned s = 0; s < p->nsets; s++)
		start[s + 1] += start[s];
	for (size_t i = 0; i < p->ntrials; i++)
		if (p->trials[i].concurrent && p->trials[i].paired.n) {
			size_t at = start[p->trials[i].set] +
				fill[p->trials[i].set]++;
			c[at] = p->trials[i].paired;
			idx[at] = i;
		}
	free(fill);
	for (unsigned s = 0; s < p->nsets; s++) {
		struct fsc_set *set = &p->sets[s];
		size_t k = start[s + 1] - start[s];

		set->has_verdict = k > 0;
		if (!k)
			continue;
		fsc_decide(c + start[s], k, &set->verdict);
		set->best = idx[start[s] + set->verdict.best];
	}
	free(start);
	free(c);
	free(idx);
}

/* The aggregate a trial is judged on: bytes/s, or files/s when files
 * hold no data (--size 0; fsconc(1), MEASUREMENTS).  A profile that does
 * not say its file size is read in bytes/s. */
static double judged(const struct fsc_result *p, const struct fsc_round *rd)
{
	return p->opts->size || (p->source && p->source->size_unknown) ?
		rd->bytes_per_sec : rd->files_per_sec;
}

bool fsc_trial_ceiling(const struct fsc_result *p,
		       const struct fsc_trial_result *t,
		       struct fsc_ceiling_use *u)
{
	const struct fsc_ceiling *c = &p->host.ceiling;
	const struct fsc_set *s = &p->sets[t->set];
	bool one;

	memset(u, 0, sizeof(*u));
	if (!p->host.has_ceiling || !p->opts->size || !t->done)
		return false;
	for (unsigned i = 0; i < s->ndirs; i++)
		if (!p->targets[s->dirs[i]].fp.memory_backed)
			return false;
	one = t->engine->async || t->jobs < 2 || c->cpus < 2;
	u->cores = one ? 1 : c->cpus;
	u->rate = one ? c->copy_1 : c->copy_all;
	if (!(u->rate > 0))
		return false;
	u->share = t->agg.median / u->rate;
	return true;
}

void fsc_result_summarize(struct fsc_result *p)
{
	unsigned nr = 1;
	double *agg;
	double *base, *cpu, *v, *fps, *bps;
	const struct fsc_trial_result **base_of = xcalloc(p->nsets + 1,
							  sizeof(*base_of));

	for (size_t i = 0; i < p->ntrials; i++)
		if (p->trials[i].done > nr)
			nr = p->trials[i].done;
	agg = xmalloc(nr * sizeof(double));
	base = xmalloc(nr * sizeof(double));
	cpu = xmalloc(nr * sizeof(double));
	v = xmalloc(nr * sizeof(double));
	fps = xmalloc(nr * sizeof(double));
	bps = xmalloc(nr * sizeof(double));
	for (size_t i = 0; i < p->ntrials; i++) {
		struct fsc_trial_result *t = &p->trials[i];
		unsigned n = t->done;

		fsc_trial_stragglers(t);
		for (unsigned r = 0; r < n; r++) {
			const struct fsc_round *rd = &t->rounds[r];
			double gib = (double)rd->bytes / (1024.0 * 1024 * 1024);
			agg[r] = judged(p, rd);
			fps[r] = rd->files_per_sec;
			bps[r] = rd->bytes_per_sec;
			cpu[r] = gib > 0 ? (double)(rd->cpu_user_ns +
				 rd->cpu_sys_ns) / 1e9 / gib : 0;
		}
		fsc_summarize(agg, n, &t->agg);
		fsc_summarize(fps, n, &t->files_ps);
		fsc_summarize(bps, n, &t->bytes_ps);
		t->spread = t->agg.mean > 0 ? t->agg.stddev / t->agg.mean : NAN;
		t->cpu_s_per_gib = fsc_median(cpu, n);
		trial_medians(t, v);
		t->concurrent = fsc_is_concurrent(t->engine->async, t->jobs,
						  t->depth, t->submit_share);
		trial_noise(t, v);
	}
	/* Each set's pwrite trial, the first of them. */
	for (size_t i = p->ntrials; i-- > 0;)
		if (strcmp(p->trials[i].engine->name, "pwrite") == 0)
			base_of[p->trials[i].set] = &p->trials[i];
	for (size_t i = 0; i < p->ntrials; i++) {
		struct fsc_trial_result *t = &p->trials[i];
		const struct fsc_trial_result *b = base_of[t->set];
		unsigned n = b && b->done < t->done ? b->done : t->done;

		t->has_speedup = false;
		memset(&t->paired, 0, sizeof(t->paired));
		if (!b || n == 0)
			continue;
		for (unsigned r = 0; r < n; r++) {
			agg[r] = judged(p, &t->rounds[r]);
			base[r] = judged(p, &b->rounds[r]);
		}
		fsc_paired_logs(agg, base, n, &t->paired);
		fsc_paired_interval(&t->paired, 0.05, &t->speedup);
		t->has_speedup = true;
		if (t == b)
			t->concurrent = false;
	}
	free(v);
	free(agg);
	free(base);
	free(cpu);
	free(fps);
	free(bps);
	free(base_of);
	decide(p);
	fsc_result_models(p);
}
