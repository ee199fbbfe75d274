/* plot.c - fsconc plot: write the data and a gnuplot script into a
 * private temporary directory, run gnuplot there (fork and exec, no
 * shell), and put the SVG it draws where -o says, atomically. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/plot.h"
#include "engines/engine.h"
#include "fsconc.h"
#include "report/output.h"
#include "result/labels.h"
#include "result/result.h"
#include "result/stats.h"
#include "util/msg.h"
#include "util/units.h"
#include "util/xalloc.h"

/* The files of the private directory, removed by name at the end. */
static const char *const scratch[] = { "plot.gp", "plot.svg", "bars.dat",
				       "timeline.dat", "gnuplot.err" };
#define MAX_SERIES 64
/* The private directory's path, and gnuplot's: short enough that every
 * name built from them fits. */
#define DIRLEN 256
#define EXELEN 512

int fsc_plot_find_gnuplot(char *path, size_t len)
{
	const char *env = getenv("PATH");

	for (const char *d = env; d && *d;) {
		const char *colon = strchr(d, ':');
		size_t n = colon ? (size_t)(colon - d) : strlen(d);
		struct stat st;

		if ((size_t)snprintf(path, len, "%.*s/gnuplot", (int)n,
				     n ? d : ".") < len &&
		    stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(path, X_OK) == 0)
			return 0;
		d = colon ? colon + 1 : d + n;
	}
	return -1;
}

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

void fsc_plot_quoted(FILE *f, const char *s)
{
	quoted(f, s);
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

static int write_script(const char *dir, const struct fsc_opts *o,
			const struct fsc_result *r,
			const struct fsc_sweep *sw, size_t n)
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
		"set ylabel '%sthroughput, %s'\nset title ",
		o->timeline ? "" : "aggregate ",
		o->iec ? "MiB/s" : "MB/s");
	snprintf(title, sizeof(title), "fsconc: %s%s", r->source->name,
		 r->host.hostname[0] ? " on " : "");
	strncat(title, r->host.hostname, sizeof(title) - strlen(title) - 1);
	quoted(gp, title);
	fputc('\n', gp);
	rc = o->timeline ? fsc_plot_timeline(gp, dir, o, r) :
		sweep ? sweep_plot(gp, dir, r, sw, n, o->iec) :
		bar_plot(gp, dir, r, o->iec);
	if (fclose(gp) == EOF && rc == 0)
		rc = -errno;
	return rc;
}

/* Run gnuplot on plot.gp in dir; its errors go to gnuplot.err.  0, or
 * -1 with err set. */
static int run_gnuplot(const char *gnuplot, const char *dir, char *err,
		       size_t len)
{
	char path[PATH_MAX], line[256] = "", last[256] = "";
	int status;
	pid_t pid;
	FILE *f;

	snprintf(path, sizeof(path), "%s/gnuplot.err", dir);
	pid = fork();
	if (pid < 0) {
		snprintf(err, len, "cannot start gnuplot: %s",
			 strerror(errno));
		return -1;
	}
	if (pid == 0) {
		char *const argv[] = { "gnuplot", "plot.gp", NULL };
		int in = open("/dev/null", O_RDONLY);
		int out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (in < 0 || out < 0 || chdir(dir) < 0 ||
		    dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
			_exit(126);
		execv(gnuplot, argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			snprintf(err, len, "waiting for gnuplot: %s",
				 strerror(errno));
			return -1;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	f = fopen(path, "r");
	/* gnuplot ends with the message: keep its last line of words. */
	while (f && fgets(last, sizeof(last), f)) {
		last[strcspn(last, "\n")] = '\0';
		if (last[strspn(last, " \t^")])
			memcpy(line, last, sizeof(line));
	}
	if (f)
		fclose(f);
	if (WIFEXITED(status))
		snprintf(err, len, "%s exited with status %d%s%s", gnuplot,
			 WEXITSTATUS(status), line[0] ? ": " : "", line);
	else
		snprintf(err, len, "%s was killed by signal %d", gnuplot,
			 WTERMSIG(status));
	return -1;
}

static int copy_svg(FILE *out, const void *arg)
{
	FILE *in = fopen(arg, "r");
	char buf[65536];
	size_t n;
	int rc = 0;

	if (!in)
		return -errno;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n) {
			rc = -EIO;
			break;
		}
	if (ferror(in))
		rc = -EIO;
	fclose(in);
	return rc;
}

static void remove_scratch(const char *dir, size_t nseries)
{
	char path[PATH_MAX];

	for (size_t i = 0; i < sizeof(scratch) / sizeof(scratch[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, scratch[i]);
		unlink(path);
	}
	for (size_t i = 0; i < nseries; i++) {
		snprintf(path, sizeof(path), "%s/s%zu.dat", dir, i);
		unlink(path);
	}
	rmdir(dir);
}

int fsc_plot_main(const struct fsc_opts *o)
{
	struct fsc_result r;
	struct fsc_sweep *sw;
	const char *tmpdir = getenv("TMPDIR");
	char gnuplot[EXELEN], dir[DIRLEN], svg[PATH_MAX], err[1024];
	struct stat st;
	size_t n;
	int rc;

	if (fsc_result_load(&r, o->inputs[0], err, sizeof(err)) < 0 ||
	    fsc_result_needs_data(&r, err, sizeof(err)) < 0 ||
	    (o->timeline && fsc_plot_timeline_check(&r, err, sizeof(err))) ||
	    fsc_output_check("-o", o->output, NULL, err, sizeof(err)) < 0) {
		fsc_error("plot: %s", err);
		fsc_result_free(&r);
		return FSC_EXIT_USAGE;
	}
	if (fsc_plot_find_gnuplot(gnuplot, sizeof(gnuplot)) < 0) {
		fsc_error("plot: gnuplot is not in PATH, and "
			"fsconc draws with it; install gnuplot-nox (Debian, "
			"Ubuntu) or your system's gnuplot package");
		fsc_result_free(&r);
		return FSC_EXIT_FAIL;
	}
	n = fsc_result_sweeps(&r, &sw);
	if (n > MAX_SERIES) {
		fsc_error("plot: %s has %zu (target set, engine) "
			"series; a plot shows at most %d", r.source->name, n,
			MAX_SERIES);
		fsc_sweeps_free(sw, n);
		fsc_result_free(&r);
		return FSC_EXIT_USAGE;
	}
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	if (snprintf(dir, sizeof(dir), "%s/fsconc-plot.XXXXXX", tmpdir) >=
	    (int)sizeof(dir)) {
		fsc_error("plot: TMPDIR %.40s...: longer than "
			"%d characters; set a shorter one", tmpdir,
			DIRLEN - 24);
		fsc_sweeps_free(sw, n);
		fsc_result_free(&r);
		return FSC_EXIT_FAIL;
	}
	if (!mkdtemp(dir)) {
		fsc_error("plot: cannot create a temporary "
			"directory %s: %s; set TMPDIR to a writable "
			"directory", dir, strerror(errno));
		fsc_sweeps_free(sw, n);
		fsc_result_free(&r);
		return FSC_EXIT_FAIL;
	}
	rc = write_script(dir, o, &r, sw, n);
	if (rc < 0)
		snprintf(err, sizeof(err), "writing the plot's data in %s: %s",
			 dir, strerror(-rc));
	else
		rc = run_gnuplot(gnuplot, dir, err, sizeof(err));
	snprintf(svg, sizeof(svg), "%s/plot.svg", dir);
	if (rc == 0 && (stat(svg, &st) < 0 || st.st_size == 0)) {
		snprintf(err, sizeof(err), "%s drew nothing", gnuplot);
		rc = -1;
	}
	if (rc == 0)
		rc = fsc_output_write_any("-o", o->output, copy_svg, svg, err,
					  sizeof(err));
	remove_scratch(dir, n);
	if (rc < 0)
		fsc_error("plot: %s", err);
	fsc_sweeps_free(sw, n);
	fsc_result_free(&r);
	return rc < 0 ? FSC_EXIT_FAIL : FSC_EXIT_OK;
}

const struct fsc_cmd fsc_cmd_plot = {
	.line = { "plot", "fsconc plot PROFILE.json -o FILE.svg", 1, "output",
		  fsc_opts_parse_tool },
	.exec = fsc_plot_main,
};
