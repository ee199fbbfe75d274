/* plot-timeline.c - fsconc plot --timeline: each trial's throughput over
 * time, from the timeline of its median round (fsconc(1), PLOT), as data
 * and a gnuplot script in plot.c's private directory. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cmd/plot-script.h"
#include "cmd/plot.h"
#include "result/labels.h"
#include "result/timeline.h"
#include "util/units.h"

int fsc_plot_timeline_check(const struct fsc_result *r, char *err,
			    size_t len)
{
	for (size_t i = 0; i < r->ntrials; i++)
		if (fsc_timeline_round(&r->trials[i]))
			return 0;
	snprintf(err, len, "--timeline: %s has no timeline (it was run with "
		 "--interval 0, under MPI, or by an fsconc without it)",
		 r->source ? r->source->name : "the profile");
	return -1;
}

/* The round's rate in each interval, as steps: each interval's start
 * and rate, then the round's end, to close the last step. */
static void steps(FILE *d, const struct fsc_round *rd, bool iec)
{
	const struct fsc_timeline *tl = &rd->timeline;
	double rate = 0;

	for (size_t k = 0; k < tl->n; k++) {
		rate = (double)tl->bytes[k] * 1e9 /
			(double)fsc_timeline_len(rd, k);
		fprintf(d, "%.9g %.6g\n", (double)(k * tl->interval_ns) / 1e9,
			fsc_rate_in_unit(rate, iec));
	}
	fprintf(d, "%.9g %.6g\n", (double)rd->elapsed_ns / 1e9,
		fsc_rate_in_unit(rate, iec));
}

/* The series, one per trial with a timeline, into gp; their data into
 * dir/timeline.dat. */
static int series(FILE *gp, const char *dir, bool iec,
		  const struct fsc_result *r)
{
	char path[PATH_MAX], label[64], where[512], title[700];
	size_t block = 0;
	FILE *d;

	snprintf(path, sizeof(path), "%s/timeline.dat", dir);
	d = fopen(path, "w");
	if (!d)
		return -errno;
	fprintf(gp, "set xlabel 'time from the round''s first open, s'\n"
		"set xrange [0:*]\nplot ");
	for (size_t i = 0; i < r->ntrials; i++) {
		const struct fsc_trial_result *t = &r->trials[i];
		const struct fsc_round *rd = fsc_timeline_round(t);

		if (!rd)
			continue;
		/* gnuplot's data blocks: two blank lines apart. */
		if (block)
			fputs("\n\n", d);
		steps(d, rd, iec);
		snprintf(title, sizeof(title), "%s on %s, round %u",
			 fsc_trial_label(t, label, sizeof(label)),
			 fsc_set_label(r, t->set, where, sizeof(where)),
			 (unsigned)(rd - t->rounds) + 1);
		fprintf(gp, "%s'timeline.dat' index %zu using 1:2 with steps "
			"lc %zu lw 1.5 title ", block ? ", \\\n     " : "",
			block, block + 1);
		fsc_plot_quoted(gp, title);
		block++;
	}
	fputc('\n', gp);
	if (fclose(d) == EOF)
		return -errno;
	return 0;
}

int fsc_plot_timeline(const char *dir, const struct fsc_result *r, bool iec)
{
	char path[PATH_MAX];
	FILE *gp;
	int rc;

	snprintf(path, sizeof(path), "%s/plot.gp", dir);
	gp = fopen(path, "w");
	if (!gp)
		return -errno;
	fprintf(gp, "set terminal svg size 900,%u dynamic noenhanced "
		"font 'sans,11' background rgb 'white'\n"
		"set output 'plot.svg'\nset encoding utf8\nset grid\n"
		"set yrange [0:*]\nset ylabel 'throughput, %s'\n"
		"set key below left Left reverse\n",
		420 + 18 * (unsigned)(r->ntrials < 40 ? r->ntrials : 40),
		iec ? "MiB/s" : "MB/s");
	fsc_plot_title(gp, r);
	rc = series(gp, dir, iec, r);
	if (fclose(gp) == EOF && rc == 0)
		rc = -errno;
	return rc;
}
