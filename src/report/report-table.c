/* report-table.c - the text report: the tables and notes of each target
 * set with its verdict and models (fsconc(1), OUTPUT), or with --quiet
 * the verdicts alone. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report/layout.h"
#include "report/notes.h"
#include "report/report-table.h"
#include "report/tables.h"
#include "report/words.h"
#include "result/labels.h"
#include "util/units.h"

void fsc_report_quiet(FILE *out, const struct fsc_result *p)
{
	const struct fsc_opts *o = p->opts;
	char where[512], fs[256], label[64], rate[32];

	fsc_say_width(out);
	for (unsigned s = 0; s < p->nsets; s++) {
		const struct fsc_trial_result *top = NULL;
		char line[1024];

		if (o->dd)
			fsc_notes_dd(out, p, s);
		if (fsc_report_verdict(line, sizeof(line), p, s)) {
			fsc_say(out, "verdict: ", "%s", line);
			continue;
		}
		/* No verdict (pwrite alone, or no pwrite): what was
		 * measured. */
		for (size_t i = 0; i < p->ntrials; i++)
			if (p->trials[i].set == s && p->trials[i].done &&
			    (!top || p->trials[i].agg.median > top->agg.median))
				top = &p->trials[i];
		if (!top)
			continue;
		if (!o->size)	/* --size 0: files/s */
			snprintf(rate, sizeof(rate), "%.0f files/s",
				 top->agg.median);
		else
			fsc_fmt_rate(rate, sizeof(rate), top->agg.median,
				     o->iec);
		fsc_say(out, "summary: ", "%s (%s): %s wrote at %s (median of "
		    "%u round%s); no verdict, which needs pwrite and a "
		    "concurrent engine", fsc_set_label(p, s, where,
		    sizeof(where)),
		    fsc_set_fstypes(p, s, fs, sizeof(fs)),
		    fsc_trial_label(top, label, sizeof(label)), rate, top->done,
		    top->done == 1 ? "" : "s");
	}
}

void fsc_report_verdicts(FILE *out, const struct fsc_result *p, unsigned set)
{
	char line[1024];

	fsc_say_width(out);
	if (fsc_report_verdict(line, sizeof(line), p, set))
		fsc_say(out, "verdict: ", "%s", line);
}

void fsc_report_tables(FILE *out, const struct fsc_result *p)
{
	const struct fsc_opts *o = p->opts;
	char where[512], fs[256], line[1024];

	fsc_say_width(out);
	for (unsigned s = 0; s < p->nsets; s++) {
		fputc('\n', out);
		fsc_say(out, "", "%s (%s)%s: throughput in %s, %s",
		    fsc_set_label(p, s, where, sizeof(where)),
		    fsc_set_fstypes(p, s, fs, sizeof(fs)),
		    p->sets[s].ndirs > 1 ? ", split" : "",
		    !o->size ? "files/s" : o->iec ? "MiB/s" : "MB/s",
		    o->wide ? "each with its ratio to the best row" :
		    "medians over rounds");
		if (o->wide) {
			fsc_table_throughput(out, p, s, o->iec);
			fsc_notes_wall(out, p, s);
			fputc('\n', out);
			fsc_table_latency(out, p, s);
		} else {
			fsc_table_compact(out, p, s, o->iec);
			fsc_notes_wall(out, p, s);
		}
		fsc_notes_files(out, p, s);
		fsc_notes_sync(out, p, s);
		fsc_notes_direct(out, p, s);
		fsc_notes_kworkers(out, p, s);
		if (o->dd)
			fsc_notes_dd(out, p, s);
		fsc_table_hosts(out, p, s, o->iec);
		fsc_notes_disturbed(out, p, s);
		fsc_notes_devices(out, p, s);
		fsc_notes_cpus(out, p, s);
		fsc_notes_phases(out, p, s);
		fsc_notes_stragglers(out, p, s);
		fsc_notes_dirty(out, p, s);
		fsc_notes_ceiling(out, p, s);
		fsc_report_verdicts(out, p, s);
		for (size_t i = 0; i < p->nmodels; i++)
			if (p->models[i].set == s)
				fsc_say(out, "model: ", "%s", fsc_report_model(
				    line, sizeof(line), p, &p->models[i]));
	}
	fsc_notes_rounds(out, p);
	fsc_notes_skew(out, p);
	fsc_report_kept(out, p);
}

void fsc_report_kept(FILE *out, const struct fsc_result *p)
{
	const char *line = p->kept_elsewhere;

	fsc_say_width(out);
	for (size_t i = 0; p->opts->keep && i < p->ntargets; i++)
		if (p->targets[i].rundir)
			fsc_say(out, "kept: ", "%s", p->targets[i].rundir);
	/* Under MPI, the other ranks' directories, on their hosts. */
	while (line && *line) {
		int n = (int)strcspn(line, "\n");

		fsc_say(out, "kept: ", "%.*s", n, line);
		line += n + (line[n] == '\n');
	}
}
