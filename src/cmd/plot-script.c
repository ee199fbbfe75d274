/* plot-script.c - the gnuplot script of fsconc plot and its data files
 * (fsconc(1), PLOT).  gnuplot reads them in a private directory; every
 * string from the profile reaches the script quoted. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd/plot-script.h"
#include "result/labels.h"
#include "util/units.h"

/* Text inside a gnuplot single-quoted string: ' doubled, control
 * characters (a path may hold any) replaced. */
static void quoted(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("''", f);
		else
			fputc((unsigned char)*s < 0x20 ? '?' : *s, f);
	}
	fputc('\'', f);
}

static double unit(double bps, bool iec)
{
	return fsc_rate_in_unit(bps, iec);
}

static void min_max(const struct fsc_trial_result *t, double *lo,
		    double *hi)
{
	*lo = INFINITY;
	*hi = 0;
	for (unsigned r = 0; r < t->done; r++) {
		double v = t->rounds[r].bytes_per_sec;
		*lo = v < *lo ? v : *lo;
		*hi = v > *hi ? v : *hi;
	}
	if (!t->done)
		*lo = 0;
}

static void series_title(FILE *f, const struct fsc_result *r,
			 const struct fsc_sweep *s, const char *suffix)
{
	char where[512], title[700];

	snprintf(title, sizeof(title), "%s on %s%s", s->engine->name,
		 fsc_set_label(r, s->set, where, sizeof(where)), suffix);
	quoted(f, title);
}

/* Throughput against jobs: one series per (set, engine), median with a
 * bar from the slowest to the fastest round, and the USL curve of each
 * fitted sweep. */
static int sweep_plot(FILE *gp, const char *dir, const struct fsc_result *r,
		      const struct fsc_sweep *sw, size_t n, bool iec)
{
	unsigned maxj = 1;
	bool first = true;

	for (size_t i = 0; i < n; i++) {
		char path[PATH_MAX];
		FILE *d;

		maxj = sw[i].max_jobs > maxj ? sw[i].max_jobs : maxj;
		snprintf(path, sizeof(path), "%s/s%zu.dat", dir, i);
		d = fopen(path, "w");
		if (!d)
			return -errno;
		for (size_t k = 0; k < sw[i].ntrials; k++) {
			const struct fsc_trial_result *t =
				&r->trials[sw[i].trials[k]];
			double lo, hi;
			min_max(t, &lo, &hi);
			fprintf(d, "%u %.6g %.6g %.6g\n", t->jobs,
				unit(t->agg.median, iec), unit(lo, iec),
				unit(hi, iec));
		}
		if (fclose(d) == EOF)
			return -errno;
		if (sw[i].model.fitted)
			fprintf(gp, "f%zu(x) = x < 1 ? 1/0 : %.9g * x / (1 + "
				"%.9g * (x - 1) + %.9g * x * (x - 1))\n", i,
				unit(sw[i].model.usl.gamma, iec),
				sw[i].model.usl.alpha, sw[i].model.usl.beta);
	}
	fprintf(gp, "set xlabel 'jobs (files in flight)'\n"
		"set xrange [0:%g]\nset samples 500\n", ceil(maxj * 1.1) + 0.5);
	fprintf(gp, "plot ");
	for (size_t i = 0; i < n; i++) {
		char r2[64] = "";

		fprintf(gp, "%s's%zu.dat' using 1:2:3:4 with %s lc %zu pt 7 "
			"ps 0.6 title ", first ? "" : ", \\\n     ", i,
			sw[i].ntrials > 1 ? "yerrorlines" : "yerrorbars",
			i + 1);
		series_title(gp, r, &sw[i], "");
		first = false;
		if (!sw[i].model.fitted)
			continue;
		snprintf(r2, sizeof(r2), ": USL, R\u00b2 = %.2f",
			 sw[i].model.usl.r2);
		fprintf(gp, ", \\\n     f%zu(x) with lines dt 2 lc %zu title ",
			i, i + 1);
		series_title(gp, r, &sw[i], r2);
	}
	fputc('\n', gp);
	return 0;
}

/* Without a sweep: one bar per trial, median with the round range. */
static int bar_plot(FILE *gp, const char *dir, const struct fsc_result *r,
		    bool iec)
{
	char path[PATH_MAX], where[512], label[700], trial[64];
	FILE *d;

	snprintf(path, sizeof(path), "%s/bars.dat", dir);
	d = fopen(path, "w");
	if (!d)
		return -errno;
	for (size_t i = 0; i < r->ntrials; i++) {
		const struct fsc_trial_result *t = &r->trials[i];
		double lo, hi;

		min_max(t, &lo, &hi);
		snprintf(label, sizeof(label), "%s on %s",
			 fsc_trial_label(t, trial, sizeof(trial)),
			 fsc_set_label(r, t->set, where, sizeof(where)));
		/* A data file's string is in double quotes, without any. */
		for (char *c = label; *c; c++)
			if (*c == '"' || (unsigned char)*c < 0x20)
				*c = '\'';
		fprintf(d, "\"%s\" %.6g %.6g %.6g\n", label,
			unit(t->agg.median, iec), unit(lo, iec), unit(hi, iec));
	}
	if (fclose(d) == EOF)
		return -errno;
	fprintf(gp, "set style data histogram\n"
		"set style histogram errorbars gap 1 lw 1\n"
		"set style fill solid 0.5 border -1\n"
		"set boxwidth 0.8\nset xtics rotate by -30 left\n"
		"set xlabel 'trial'\n"
		"plot 'bars.dat' using 2:3:4:xtic(1) lc 1 title "
		"'median (slowest to fastest round)'\n");
	return 0;
}

int fsc_plot_script(const char *dir, const struct fsc_result *r,
		    const struct fsc_sweep *sw, size_t n, bool iec)
{
	char path[PATH_MAX], title[PATH_MAX + 64];
	bool sweep = false;
	FILE *gp;
	int rc;

	for (size_t i = 0; i < n; i++)
		sweep |= sw[i].ntrials > 1;
	snprintf(path, sizeof(path), "%s/plot.gp", dir);
	gp = fopen(path, "w");
	if (!gp)
		return -errno;
	fprintf(gp, "set terminal svg size 900,560 dynamic noenhanced "
		"font 'sans,11' background rgb 'white'\n"
		"set output 'plot.svg'\nset encoding utf8\nset grid\n"
		"set key below\nset yrange [0:*]\n"
		"set ylabel 'aggregate throughput, %s'\nset title ",
		iec ? "MiB/s" : "MB/s");
	snprintf(title, sizeof(title), "fsconc: %s%s", r->source->name,
		 r->host.hostname[0] ? " on " : "");
	strncat(title, r->host.hostname, sizeof(title) - strlen(title) - 1);
	quoted(gp, title);
	fputc('\n', gp);
	rc = sweep ? sweep_plot(gp, dir, r, sw, n, iec) :
		bar_plot(gp, dir, r, iec);
	if (fclose(gp) == EOF && rc == 0)
		rc = -errno;
	return rc;
}

