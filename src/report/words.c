/* words.c - the sentences the text report and the JSON profile both
 * give: a set's verdict with its reason (fsconc(1), STATISTICS AND
 * VERDICT, WHY) and a sweep's model (fsconc(1), SWEEPS AND MODELS). */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "report/words.h"
#include "result/labels.h"
#include "result/why.h"

/* Does the hint of an inconclusive verdict blame the machine's noise:
 * more rounds than FSC_ROUNDS_NOISY needed, or none would do and the
 * rounds spread wide? */
static bool said_noisy(const struct fsc_decision *d)
{
	return d->verdict == FSC_INCONCLUSIVE &&
		(d->need > FSC_ROUNDS_NOISY ||
		 (!d->need && d->spread > FSC_NOISY_SPREAD));
}

/* What would decide an inconclusive verdict: more rounds, or nothing
 * this machine can give, or nothing at all (the point is on an edge). */
static void verdict_hint(char *buf, size_t len, const struct fsc_decision *d)
{
	if (said_noisy(d))
		snprintf(buf, len, "; the machine is too noisy: rounds vary "
			 "%.0f%%", d->spread * 100);
	else if (!d->need)
		snprintf(buf, len, "; it lies on the edge of %.2f or %.2f, "
			 "where no count of rounds would decide it",
			 FSC_EQUIV_LOW, FSC_EQUIV_HIGH);
	else
		snprintf(buf, len, "; \u2248 %zu more round%s would decide it",
			 d->need - d->rounds, d->need - d->rounds == 1 ? "" :
			 "s");
}

/* When the rounds spread wide or the machine was busy while pwrite ran
 * (one thread: a stall there is someone else's), the figures. */
static void noise_note(char *buf, size_t len, const struct fsc_result *p,
		       unsigned set)
{
	const struct fsc_trial_result *b = fsc_result_baseline(p, set);
	const struct fsc_decision *d = &p->sets[set].verdict;
	const struct fsc_noise *n = &b->noise;
	const char *sep = "";
	size_t used;

	buf[0] = '\0';
	if (!(d->spread > FSC_NOISY_SPREAD) &&
	    !(n->psi[FSC_PSI_CPU] >= FSC_BUSY_STALL) &&
	    !(n->steal >= FSC_BUSY_STEAL))
		return;
	used = (size_t)snprintf(buf, len, "; the machine was busy:");
	if (!said_noisy(d)) {
		used += (size_t)snprintf(buf + used, len - used, " rounds vary "
					 "%.0f%%", d->spread * 100);
		sep = ",";
	}
	if (!isnan(n->load) && used < len) {
		used += (size_t)snprintf(buf + used, len - used, "%s load %.1f "
					 "on %u CPUs", sep, n->load,
					 p->host.pus);
		sep = ",";
	}
	if (!isnan(n->psi[FSC_PSI_CPU]) && used < len) {
		used += (size_t)snprintf(buf + used, len - used, "%s CPU stall "
					 "%.0f%%", sep,
					 n->psi[FSC_PSI_CPU] * 100);
		sep = ",";
	}
	if (!isnan(n->steal) && used < len) {
		snprintf(buf + used, len - used, "%s steal %.0f%%", sep,
			 n->steal * 100);
		sep = ",";
	}
	if (!*sep)		/* nothing to add to the hint */
		buf[0] = '\0';
}

bool fsc_report_verdict(char *buf, size_t len, const struct fsc_result *p,
			unsigned set)
{
	const struct fsc_trial_result *best = fsc_result_best(p, set);
	const struct fsc_decision *d = &p->sets[set].verdict;
	char label[64], where[512], fs[256], hint[160], conf[64], busy[160];
	char reason[300];
	struct fsc_why_in in;
	struct fsc_why why;

	if (!fsc_result_baseline(p, set) || !best)
		return false;
	fsc_set_label(p, set, where, sizeof(where));
	fsc_set_fstypes(p, set, fs, sizeof(fs));
	fsc_trial_label(best, label, sizeof(label));
	if (d->rounds < FSC_VERDICT_MIN_ROUNDS) {
		snprintf(buf, len, "too few rounds for a verdict on %s (%s): %s "
			 "is %.2f\u00d7 pwrite in %zu round%s; use --rounds %d or "
			 "more", where, fs, label, d->speedup.value,
			 d->rounds, d->rounds == 1 ? "" : "s",
			 FSC_VERDICT_MIN_ROUNDS);
		return true;
	}
	hint[0] = '\0';
	if (d->verdict == FSC_INCONCLUSIVE)
		verdict_hint(hint, sizeof(hint), d);
	/* The reason (fsconc(1), WHY). */
	fsc_why_gather(p, set, &in);
	fsc_why_decide(&in, &why);
	if (why.rule == FSC_WHY_NONE)
		snprintf(reason, sizeof(reason), "; %s", why.text);
	else
		snprintf(reason, sizeof(reason), ", because %s", why.text);
	noise_note(busy, sizeof(busy), p, set);
	/* The noise rule, when the note gives the machine's figures: the
	 * note is the reason. */
	if (why.rule == FSC_WHY_NOISE && busy[0]) {
		snprintf(reason, sizeof(reason), ", because%s", busy + 1);
		busy[0] = '\0';
	}
	/* The confidence, when corrected for the choice among several. */
	conf[0] = '\0';
	if (d->k > 1)
		snprintf(conf, sizeof(conf), " (%.1f%%, best of %zu)",
			 100 * (1 - d->alpha), d->k);
	snprintf(buf, len, "%s on %s (%s): %s is %.2f\u00d7 pwrite "
		 "[%.2f\u2013%.2f]%s over %zu rounds%s%s%s",
		 fsc_verdict_name(d->verdict), where, fs, label,
		 d->speedup.value, d->speedup.low, d->speedup.high, conf,
		 d->rounds, reason, hint, busy);
	return true;
}

char *fsc_report_model(char *buf, size_t len, const struct fsc_result *p,
		       const struct fsc_model *m)
{
	char where[512], desc[512];

	fsc_set_label(p, m->set, where, sizeof(where));
	if (m->fitted && !p->opts->size)	/* --size 0: in files/s */
		snprintf(buf, len, "%s on %s: %s", m->engine->name, where,
			 fsc_usl_describe_files(desc, sizeof(desc), &m->usl,
						m->max_jobs));
	else if (m->fitted)
		snprintf(buf, len, "%s on %s: %s", m->engine->name, where,
			 fsc_usl_describe(desc, sizeof(desc), &m->usl,
					  m->max_jobs, p->opts->iec));
	else
		snprintf(buf, len, "%s on %s: no model: %s", m->engine->name,
			 where, m->why);
	return buf;
}
