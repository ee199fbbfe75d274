/* capacity.c - fsconc plan PROFILE.json --target RATE: the writers that
 * reach a rate on a target set with an engine, from the USL model of a
 * saved sweep, and Little's law as a check of the sweep's figures. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/capacity.h"
#include "cmd/cmd.h"
#include "engines/engine.h"
#include "fsconc.h"
#include "result/labels.h"
#include "result/stats.h"
#include "util/msg.h"
#include "util/units.h"
#include "util/xalloc.h"

int fsc_little_check(const struct fsc_trial_result *t, uint64_t block_size,
		     struct fsc_little *out)
{
	double *depth, *pred, *rate, *w;
	double tol, limit = (double)t->jobs * (t->iodepth ? t->iodepth : 1);
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	if (!block_size || !t->done)
		return -1;
	/* The mean, when every round has it: a median understates the time
	 * per write whenever the latency has a tail (threads queued on
	 * fewer cores), and Little's law needs the mean. */
	out->from_mean = true;
	for (unsigned r = 0; r < t->done; r++)
		out->from_mean &= t->rounds[r].latency_mean_ns > 0;
	tol = out->from_mean ? FSC_LITTLE_TOLERANCE : FSC_LITTLE_TOLERANCE_P50;
	depth = xmalloc(t->done * sizeof(double));
	pred = xmalloc(t->done * sizeof(double));
	rate = xmalloc(t->done * sizeof(double));
	w = xmalloc(t->done * sizeof(double));
	for (unsigned r = 0; r < t->done; r++) {
		const struct fsc_round *rd = &t->rounds[r];
		double lat = (double)(out->from_mean ? rd->latency_mean_ns :
				      rd->latency_ns[FSC_P50]), ratio;

		if (isnan(rd->achieved_depth) ||
		    !(rd->achieved_depth > 0) || !(lat > 0))
			continue;
		rate[n] = rd->bytes_per_sec / (double)block_size;
		w[n] = lat / 1e9;
		depth[n] = rd->achieved_depth;
		pred[n] = rate[n] * w[n];
		ratio = pred[n] / depth[n];
		if (ratio > tol || ratio < 1 / tol)
			out->off++;
		if (depth[n] > limit * 1.05)
			out->over_jobs = true;
		n++;
	}
	out->rounds = n;
	if (n) {
		out->depth = fsc_median(depth, n);
		out->predicted = fsc_median(pred, n);
		out->writes_per_sec = fsc_median(rate, n);
		out->time_per_write = fsc_median(w, n);
	}
	free(depth);
	free(pred);
	free(rate);
	free(w);
	return n ? 0 : -1;
}

/* "little: threads×4: 3.18 writers in flight measured, 3.12 by Little's
 * law (7570 writes/s × 412 µs mean per write): consistent"; "writes in
 * flight" for an asynchronous engine.  The trial is named by its writers,
 * pwrite×1 too. */
static void little_line(FILE *out, const struct fsc_result *r,
			const struct fsc_trial_result *t)
{
	/* An async engine's depth counts writes, several per file. */
	bool async = t->engine->async;
	uint64_t block_size = r->opts->block_size;
	struct fsc_little l;
	char label[64];
	double ratio;

	snprintf(label, sizeof(label), "%s\u00d7%u", t->engine->name, t->jobs);
	if (fsc_little_check(t, block_size, &l) < 0) {
		fprintf(out, "little: %s: not checked: the profile lacks %s\n", label,
		       block_size ? "the depth or the write latency" :
		       "the block size");
		return;
	}
	ratio = l.predicted / l.depth;
	fprintf(out, "little: %s: %.2f %s in flight measured, %.2f by "
		"Little's law (%.0f writes/s \u00d7 %.0f \u00b5s %s per write):",
		label, l.depth, async ? "writes" : "writers", l.predicted,
		l.writes_per_sec, l.time_per_write * 1e6,
		l.from_mean ? "mean" : "median");
	if (!l.off && !l.over_jobs) {
		fprintf(out, " consistent\n");
		return;
	}
	fprintf(out, " INCONSISTENT");
	if (l.off)
		fprintf(out, " in %zu of %zu round%s", l.off, l.rounds,
			l.rounds == 1 ? "" : "s");
	if (l.over_jobs)
		fprintf(out, "%s more in flight than %u jobs allow",
			l.off ? ";" : ":", t->jobs);
	else if (ratio < 1)
		fprintf(out, ": the writes fill %.0f %% of the time files were "
			"open%s", ratio * 100, r->opts->fsync == FSC_FSYNC_END ?
			" (the final fsync takes the rest?)" :
			" (slow opens or closes, or writers waiting)");
	else
		fprintf(out, ": more writes in flight than %s (a clock or "
			"accounting fault)", async ? "submitted" : "writers");
	if (!l.from_mean)
		fprintf(out, "; from the median latency only, a rough check");
	fputc('\n', out);
}

static void answer(FILE *out, const struct fsc_opts *o,
		   const struct fsc_sweep *s, const char *where)
{
	const struct fsc_usl *m = &s->model.usl;
	const char *engine = s->engine->name;
	char want[32], got[32], pk[32];
	unsigned n = fsc_usl_jobs_for(m, (double)o->target_rate,
				      FSC_MAX_JOBS);
	/* The answer in the unit the rate was given in (100MiB/s: "100
	 * MiB/s", not "105 MB/s"), else as --iec says. */
	bool iec = o->target_iec >= 0 ? o->target_iec == 1 : o->iec;

	fsc_fmt_rate(want, sizeof(want), (double)o->target_rate, iec);
	if (n) {
		fprintf(out, "answer: %u writer%s reach%s %s on %s with %s "
			"(predicted %s)", n, n == 1 ? "" : "s",
			n == 1 ? "es" : "", want, where, engine,
			fsc_fmt_rate(got, sizeof(got), fsc_usl_eval(m, n),
				     iec));
		if (n > s->max_jobs)
			fprintf(out, "; extrapolated: the sweep measured up "
				"to %u", s->max_jobs);
		fputc('\n', out);
		return;
	}
	fprintf(out, "answer: unreachable: %s on %s with %s; ", want, where,
		engine);
	if (m->peak_jobs <= FSC_MAX_JOBS) {
		unsigned k = fsc_usl_peak_whole(m, FSC_MAX_JOBS);
		fprintf(out, "the peak is %s at %u writer%s (N* = %.1f)\n",
			fsc_fmt_rate(pk, sizeof(pk), fsc_usl_eval(m, k),
				     iec), k, k == 1 ? "" : "s",
			m->peak_jobs);
	} else if (isfinite(m->ceiling)) {
		fprintf(out, "the throughput approaches %s and never reaches "
			"it\n", fsc_fmt_rate(pk, sizeof(pk), m->ceiling,
					     iec));
	} else {
		fprintf(out, "%u writers give only %s\n", FSC_MAX_JOBS,
			fsc_fmt_rate(pk, sizeof(pk),
				     fsc_usl_eval(m, FSC_MAX_JOBS), iec));
	}
}

/* Is the set exactly these dirs, in any order? */
static bool set_is(const struct fsc_result *r, unsigned set, char *const *dirs,
		   size_t ndirs)
{
	const struct fsc_set *s = &r->sets[set];

	if (s->ndirs != ndirs)
		return false;
	for (unsigned i = 0; i < s->ndirs; i++) {
		bool found = false;
		for (size_t j = 0; j < ndirs && !found; j++)
			found = fsc_same_path(r->targets[s->dirs[i]].path,
					      dirs[j]);
		if (!found)
			return false;
	}
	return true;
}

static bool selected(const struct fsc_opts *o, const struct fsc_result *r,
		     const struct fsc_sweep *s)
{
	return (!o->engine_name ||
		strcmp(o->engine_name, s->engine->name) == 0) &&
	       (!o->ndirs || set_is(r, s->set, o->dirs, o->ndirs));
}

int fsc_capacity_main(const struct fsc_opts *o)
{
	struct fsc_result r;
	struct fsc_sweep *sw;
	size_t nsw, picked = 0, swept = 0, answered = 0;
	char err[1024], where[512], desc[512];

	if (fsc_result_load(&r, o->inputs[0], err, sizeof(err)) < 0 ||
	    fsc_result_needs_data(&r, err, sizeof(err)) < 0) {
		fsc_error("plan: %s", err);
		fsc_result_free(&r);
		return FSC_EXIT_USAGE;
	}
	nsw = fsc_result_sweeps(&r, &sw);
	for (size_t i = 0; i < nsw; i++)
		if (selected(o, &r, &sw[i])) {
			picked++;
			swept += sw[i].ntrials > 1;
		}
	if (!picked) {
		char has[2048] = "";
		size_t used = 0;

		for (size_t i = 0; i < nsw && used < sizeof(has); i++)
			used += (size_t)snprintf(has + used, sizeof(has) - used,
				"%s %s on %s", i ? "," : "",
				sw[i].engine->name, fsc_set_label(&r,
					sw[i].set, where, sizeof(where)));
		fsc_error("plan: %s has no trial%s%s%s%s%s; it has:%s",
			  o->inputs[0], o->engine_name ? " of " : "",
			  o->engine_name ? o->engine_name : "",
			  o->ndirs ? " on " : "", o->ndirs ? o->dirs[0] : "",
			  o->ndirs > 1 ? " + ..." : "", nsw ? has : " no trials");
	}
	for (size_t i = 0; i < nsw; i++) {
		const struct fsc_sweep *s = &sw[i];
		const char *engine = s->engine->name;

		/* Unasked, a trial of one level (pwrite) is no sweep. */
		if (!selected(o, &r, s) || (!o->engine_name && swept &&
					    s->ntrials < 2))
			continue;
		fsc_set_label(&r, s->set, where, sizeof(where));
		if (s->ntrials == 1)
			printf("plan: %s on %s: 1 level, %u job%s\n", engine,
			       where, s->max_jobs, s->max_jobs == 1 ? "" : "s");
		else
			printf("plan: %s on %s: %zu levels, %u to %u jobs\n",
			       engine, where, s->ntrials,
			       r.trials[s->trials[0]].jobs, s->max_jobs);
		if (s->model.fitted) {
			printf("model: %s\n", fsc_usl_describe(desc,
				sizeof(desc), &s->model.usl, s->max_jobs,
				o->iec));
			answer(stdout, o, s, where);
			answered++;
		} else {
			printf("no model: %s\n", s->model.why);
		}
		for (size_t k = 0; k < s->ntrials; k++)
			little_line(stdout, &r, &r.trials[s->trials[k]]);
	}
	fflush(stdout);
	if (picked && !answered)
		fsc_error("plan: no usable model in %s: a model "
			"needs a sweep of %d or more --jobs levels that the "
			"USL fits (see fsconc(1), SWEEPS AND MODELS)",
			o->inputs[0], FSC_USL_MIN_LEVELS);
	fsc_sweeps_free(sw, nsw);
	fsc_result_free(&r);
	return answered ? FSC_EXIT_OK : FSC_EXIT_FAIL;
}

const struct fsc_cmd fsc_cmd_plan = {
	.line = { "plan", "fsconc plan PROFILE.json --target RATE "
		  "[--engine ENGINE] [--dir DIR]...", 1, "target",
		  fsc_opts_parse_tool },
	.exec = fsc_capacity_main,
};
