/* json-verdicts.c - the verdicts, with their reasons and the figures the
 * rules read (fsconc(1), WHY), and the models of the sweeps (fsconc(1),
 * SWEEPS AND MODELS), in the result profile. */
#include "config.h"

#include <math.h>

#include "report/json-values.h"
#include "report/json-verdicts.h"
#include "report/words.h"
#include "result/why.h"

/* A figure of the profile: its key and value. */
struct figure {
	const char *key;
	double v;
};

/* Each figure into o, in order. */
static void figures(json_t *o, const struct figure *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		json_object_set_new(o, f[i].key, fsc_json_real(f[i].v));
}

/* The reason of set s's verdict: the rule that fired, its text and the
 * figures the rules read (fsconc(1), WHY). */
static json_t *why_json(const struct fsc_result *p, unsigned s)
{
	struct fsc_why_in in;
	struct fsc_why why;
	const char *rule;
	json_t *fig;

	fsc_why_gather(p, s, &in);
	fsc_why_decide(&in, &why);
	rule = fsc_why_rule_name(why.rule);
	fig = json_object();
	json_object_set_new(fig, "disk", fsc_json_text(in.disk));
	figures(fig, (const struct figure[]){
		{ "disk_busy", in.disk_busy },
		{ "disk_bytes_per_sec", in.disk_cap_rate },
		{ "disk_cap_bytes_per_sec", in.disk_cap },
		{ "pwrite_bytes_per_sec", in.base_rate },
		{ "pwrite_disks_bytes_per_sec", in.base_disks_rate },
		{ "pwrite_disks_busy", in.base_disks_busy },
		{ "trial_bytes_per_sec", in.best_rate },
		{ "trial_disks_bytes_per_sec", in.best_disks_rate },
		{ "trial_disks_busy", in.best_disks_busy },
		{ "cpus", in.cpus },
		{ "cpus_busy", in.cpus_busy },
		{ "pwrite_cpus", in.base_cpus },
		{ "pwrite_cpus_busy", in.base_cpus_busy },
		{ "submit_share", in.submit_share },
		{ "kworkers", in.kworkers },
		{ "kworkers_peak", in.kworkers_peak },
		{ "spread", in.spread },
		{ "psi_cpu", in.stall },
		{ "steal", in.steal },
		{ "machine_busy", in.machine_busy },
	}, 20);
	json_object_set_new(fig, "buffered", json_boolean(in.buffered));
	json_object_set_new(fig, "fsync", json_boolean(in.fsync));
	json_object_set_new(fig, "memory_backed",
			    json_boolean(in.memory_backed));
	return json_pack("{s:o, s:s, s:o}", "rule",
			 rule ? json_string(rule) : json_null(), "text",
			 why.text, "figures", fig);
}

json_t *fsc_json_verdicts(const struct fsc_result *p)
{
	json_t *a = json_array();
	char buf[1024];

	for (unsigned s = 0; s < p->nsets; s++) {
		const struct fsc_trial_result *best = fsc_result_best(p, s);
		const struct fsc_decision *d = &p->sets[s].verdict;
		bool few = d->rounds < FSC_VERDICT_MIN_ROUNDS;
		json_t *v;

		if (!fsc_report_verdict(buf, sizeof(buf), p, s))
			continue;
		v = json_pack("{s:I, s:o, s:s, s:s, s:I, s:I, s:I}",
			      "set", (json_int_t)s,
			      "targets", fsc_json_paths(p, s),
			      "verdict", few ? "inconclusive" :
			      fsc_verdict_name(d->verdict),
			      "engine", best->engine->name,
			      "jobs", (json_int_t)best->jobs,
			      "rounds", (json_int_t)d->rounds,
			      "candidates", (json_int_t)d->k);
		json_object_set_new(v, "confidence",
				    fsc_json_real(1 - d->alpha));
		json_object_set_new(v, "speedup", json_pack(
			"{s:o, s:o, s:o}",
			"value", fsc_json_real(d->speedup.value),
			"low", fsc_json_real(d->speedup.low),
			"high", fsc_json_real(d->speedup.high)));
		json_object_set_new(v, "spread", fsc_json_real(d->spread));
		json_object_set_new(v, "noise", fsc_json_noise(&best->noise));
		json_object_set_new(v, "rounds_disturbed",
				    json_integer(best->disturbed));
		json_object_set_new(v, "rounds_needed",
				    d->verdict == FSC_INCONCLUSIVE && d->need ?
				    json_integer((json_int_t)d->need) :
				    json_null());
		json_object_set_new(v, "text", fsc_json_text(buf));
		json_object_set_new(v, "why", few ? json_null() :
				    why_json(p, s));
		json_array_append_new(a, v);
	}
	return a;
}

/* A model's figures are null when it was not fitted, as is infinity (no
 * peak). */
json_t *fsc_json_models(const struct fsc_result *p)
{
	json_t *a = json_array();
	char buf[1024];

	for (size_t i = 0; i < p->nmodels; i++) {
		const struct fsc_model *m = &p->models[i];
		const struct fsc_usl *u = &m->usl;
		json_t *usl = json_object(), *j = json_object();

		figures(usl, (const struct figure[]){
			{ "gamma", m->fitted ? u->gamma : NAN },
			{ "alpha", m->fitted ? u->alpha : NAN },
			{ "beta", m->fitted ? u->beta : NAN },
			{ "peak_jobs", m->fitted ? u->peak_jobs : NAN },
			{ "peak_bytes_per_sec", m->fitted ? u->peak : NAN },
			{ "r2", u->r2 },
			{ "ceiling_bytes_per_sec",
			  m->fitted ? u->ceiling : NAN },
			{ "rmse", u->rmse },
		}, 8);
		json_object_set_new(usl, "iterations",
				    json_integer(u->iterations));
		json_object_set_new(j, "set", json_integer(m->set));
		json_object_set_new(j, "targets", fsc_json_paths(p, m->set));
		json_object_set_new(j, "engine", json_string(m->engine->name));
		json_object_set_new(j, "basis", json_string("median"));
		json_object_set_new(j, "levels", json_integer(m->levels));
		json_object_set_new(j, "max_jobs", json_integer(m->max_jobs));
		json_object_set_new(j, "usl", usl);
		json_object_set_new(j, "refused", m->fitted ? json_null() :
				    fsc_json_text(m->why));
		json_object_set_new(j, "text", fsc_json_text(fsc_report_model(
			buf, sizeof(buf), p, m)));
		json_array_append_new(a, j);
	}
	return a;
}
