/* plot-script.c - the gnuplot script of fsconc plot and its data files
 * (fsconc(1), PLOT).  gnuplot reads them in a private directory; every
 * string from the profile reaches the script quoted, and its text valid
 * UTF-8 without control characters, so the SVG is well-formed XML. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/plot-script.h"
#include "engines/engine.h"
#include "result/labels.h"
#include "util/units.h"
#include "util/xalloc.h"

/* One plot being written: the script, where its data go, and what it
 * draws. */
struct plot {
	FILE *gp;
	const char *dir;
	const struct fsc_result *r;
	const struct fsc_sweep *sw;
	size_t n;
	bool iec;
	unsigned elements;	/* of the plot command written so far */
};

/* s made fit for a title, in place: a byte that is not part of valid
 * UTF-8, a control character (C0, DEL, C1) or one of avoid becomes '?'. */
static char *clean(char *s, const char *avoid)
{
	unsigned char *u = (unsigned char *)s;

	for (size_t i = 0; u[i];) {
		unsigned c = u[i], need = 0, lo = 0x80, hi = 0xbf;

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f || strchr(avoid, (int)c))
				u[i] = '?';
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			need = 1;
		else if (c >= 0xe0 && c <= 0xef)
			need = 2, lo = c == 0xe0 ? 0xa0 : 0x80,
			hi = c == 0xed ? 0x9f : 0xbf;
		else if (c >= 0xf0 && c <= 0xf4)
			need = 3, lo = c == 0xf0 ? 0x90 : 0x80,
			hi = c == 0xf4 ? 0x8f : 0xbf;
		for (unsigned k = 1; need && k <= need; k++)
			if (u[i + k] < (k == 1 ? lo : 0x80) ||
			    u[i + k] > (k == 1 ? hi : 0xbf))
				need = 0;
		if (!need || (c == 0xc2 && u[i + 1] < 0xa0)) {	/* C1 */
			u[i++] = '?';
			continue;
		}
		i += need + 1;
	}
	return s;
}

/* Text as a gnuplot single-quoted string: ' doubled, cleaned. */
static void quoted(FILE *f, const char *s)
{
	char *c = clean(xstrdup(s), "");

	fputc('\'', f);
	for (const char *p = c; *p; p++) {
		if (*p == '\'')
			fputc('\'', f);
		fputc(*p, f);
	}
	fputc('\'', f);
	free(c);
}

/* The next element of the plot command: "plot " before the first. */
static void element(struct plot *p)
{
	fputs(p->elements++ ? ", \\\n     " : "plot ", p->gp);
}

static double unit(const struct plot *p, double bps)
{
	return fsc_rate_in_unit(bps, p->iec);
}

static FILE *data_file(const struct plot *p, const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", p->dir, name);
	return fopen(path, "w");
}

/* Colours: one family per engine, in the order of fsc_engines[] (pwrite
 * grey), so an engine has the same colour in every plot; shade k of it
 * tells apart its series on other sets, or its other trials. */
static unsigned colour(const struct fsc_engine *e, unsigned k)
{
	static const unsigned base[] = { 0x555555, 0x0072b2, 0x009e73,
					 0xcc79a7, 0xd55e00, 0xe69f00,
					 0x56b4e9, 0x882255 };
	static const double mix[] = { 0, 0.45, -0.4, 0.7, -0.6 };
	size_t nb = sizeof(base) / sizeof(base[0]), i = 0;
	double f = mix[k % (sizeof(mix) / sizeof(mix[0]))];
	unsigned rgb, out = 0;

	while (fsc_engines[i] && fsc_engines[i] != e)
		i++;
	rgb = base[i % nb];
	for (int sh = 16; sh >= 0; sh -= 8) {
		double c = (rgb >> sh) & 0xff;

		c = f > 0 ? c + (255 - c) * f : c * (1 + f);
		out |= (unsigned)lround(c) << sh;
	}
	return out;
}

/* "/tmp (ext4)", cleaned. */
static char *set_name(const struct fsc_result *r, unsigned set, char *buf,
		      size_t len)
{
	char where[512], fs[128];

	snprintf(buf, len, "%s (%s)",
		 fsc_set_label(r, set, where, sizeof(where)),
		 fsc_set_fstypes(r, set, fs, sizeof(fs)));
	return clean(buf, "");
}

/* "Linux 6.18.44-fc-v1045" as "Linux 6.18"; "6.1.0" as "kernel 6.1". */
static void kernel_short(char *buf, size_t len, const char *k)
{
	static const char digits[] = "0123456789";
	size_t i = strcspn(k, digits), j = i + strspn(k + i, digits);

	if (!k[i] || k[j] != '.' || !k[j + 1] || !strchr(digits, k[j + 1])) {
		snprintf(buf, len, "%s", k);
		return;
	}
	j += 1 + strspn(k + j + 1, digits);
	snprintf(buf, len, "%s%.*s", i ? "" : "kernel ", (int)j, k);
}

/* The workload and the host (fsconc(1), PLOT): "5 files × 32 MiB, block
 * 1 MiB, create, fsync none — host vm, Linux 6.18". */
static void title(const struct plot *p)
{
	const struct fsc_opts *o = p->r->opts;
	const struct fsc_host *h = &p->r->host;
	char size[48] = "", bs[32], kernel[192], who[320], t[1024];

	kernel_short(kernel, sizeof(kernel), h->kernel);
	if (p->r->nhosts > 1)
		snprintf(who, sizeof(who), "%u hosts, %u ranks",
			 p->r->nhosts, p->r->nranks);
	else
		snprintf(who, sizeof(who), "host %s",
			 h->hostname[0] ? h->hostname : "unknown");
	/* A profile that does not say its file size: none shown. */
	if (!p->r->source || !p->r->source->size_unknown) {
		strcpy(size, " \u00d7 ");
		fsc_fmt_size(size + strlen(size), sizeof(size) - strlen(size),
			     o->size);
	}
	snprintf(t, sizeof(t), "%llu files%s, block %s, %s, fsync %s%s "
		 "\u2014 %s%s%s", (unsigned long long)o->files, size,
		 fsc_fmt_size(bs, sizeof(bs), o->block_size),
		 fsc_mode_name(o->mode), fsc_fsync_name(o->fsync),
		 o->direct ? ", O_DIRECT" : o->dontcache ? ", uncached" : "",
		 who, kernel[0] ? ", " : "", kernel);
	fputs("set title ", p->gp);
	quoted(p->gp, t);
	fputc('\n', p->gp);
}

/* What a point or bar and its whiskers are (fsconc(1), PLOT): "median of
 * 5 rounds; whiskers: slowest to fastest round, a 93.7 % interval of the
 * median". */
static void figures(const struct fsc_result *r, const char *what,
		    char *buf, size_t len)
{
	unsigned lo = UINT_MAX, hi = 0;
	char count[32];

	for (size_t i = 0; i < r->ntrials; i++)
		if (r->trials[i].done) {
			lo = r->trials[i].done < lo ? r->trials[i].done : lo;
			hi = r->trials[i].done > hi ? r->trials[i].done : hi;
		}
	if (hi < 2) {
		snprintf(buf, len, "%s: one round each, no whiskers", what);
		return;
	}
	if (lo == hi)
		snprintf(count, sizeof(count), "%u", lo);
	else
		snprintf(count, sizeof(count), "%u to %u", lo, hi);
	snprintf(buf, len, "%s: median of %s rounds; whiskers: slowest to "
		 "fastest round, %s%g %% interval of the median", what, count,
		 lo == hi ? "a " : "at least a ",
		 floor((1 - pow(2, 1 - (double)lo)) * 1000) / 10);
}

/* What every plot begins with: the canvas, rows of key high, the title,
 * the axes (xlabel NULL: none), and the key with its caption of n
 * lines. */
static void head(const struct plot *p, unsigned rows, unsigned width,
		 const char *xlabel, char *const *caption, size_t n)
{
	fprintf(p->gp, "set terminal svg size %u,%u dynamic noenhanced "
		"font 'sans,11' background rgb 'white'\n"
		"set output 'plot.svg'\nset encoding utf8\n"
		"set datafile missing '?'\nset grid\nset yrange [0:*]\n"
		"set ylabel 'aggregate throughput, %s'\n", width,
		420 + 18 * (rows + (unsigned)n), p->iec ? "MiB/s" : "MB/s");
	if (xlabel)
		fprintf(p->gp, "set xlabel '%s'\n", xlabel);
	title(p);
	fputs("set key below left Left reverse title ", p->gp);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? " . \"\\n\" . " : "", p->gp);
		quoted(p->gp, caption[i]);
	}
	fputc('\n', p->gp);
}

static size_t max_len(size_t a, size_t b)
{
	return a > b ? a : b;
}

/* The width of a key of entries up to chars long. */
static unsigned width_for(size_t chars)
{
	size_t w = chars * 7 + 120;

	return w < 900 ? 900 : w > 1800 ? 1800 : (unsigned)w;
}

/* Set s as a tic label: a line per target, then the file systems. */
static void set_tic(const struct plot *p, unsigned s)
{
	char where[512], fs[128], *c, *line;

	fsc_set_label(p->r, s, where, sizeof(where));
	for (line = where; (c = strstr(line, " + ")); line = c + 3) {
		*c = '\0';
		quoted(p->gp, line);
		fputs(" . \" +\\n\" . ", p->gp);
	}
	quoted(p->gp, line);
	fputs(" . \"\\n(\" . ", p->gp);
	quoted(p->gp, fsc_set_fstypes(p->r, s, fs, sizeof(fs)));
	fputs(" . \")\"", p->gp);
}

/* Without a sweep (fsconc(1), PLOT): a group of bars per target set, a
 * bar per trial of the set, coloured by engine, the whiskers from the
 * slowest round to the fastest.  A column is a trial label (its nth
 * trial of that label in the set), so a trial of every set sits in the
 * same place of its group. */
struct column {
	const struct fsc_engine *engine;
	char label[64];
	unsigned nth;
};

static int bar_plot(struct plot *p)
{
	const struct fsc_result *r = p->r;
	struct column *col = xcalloc(r->ntrials + 1, sizeof(*col));
	size_t *at = xcalloc(r->ntrials + 1, sizeof(*at)), ncol = 0;
	unsigned tic_lines = 2;
	char caption[256], name[768], label[64];
	FILE *d;

	for (size_t i = 0; i < r->ntrials; i++) {
		const struct fsc_trial_result *t = &r->trials[i];
		unsigned nth = 0;
		size_t c;

		fsc_trial_label(t, label, sizeof(label));
		for (size_t j = 0; j < i; j++)
			nth += r->trials[j].set == t->set &&
			       strcmp(fsc_trial_label(&r->trials[j], name,
						      sizeof(name)), label) == 0;
		for (c = 0; c < ncol; c++)
			if (strcmp(col[c].label, label) == 0 &&
			    col[c].nth == nth)
				break;
		if (c == ncol) {
			col[ncol].engine = t->engine;
			col[ncol].nth = nth;
			memcpy(col[ncol++].label, label, sizeof(label));
		}
		at[i] = c;
	}
	d = data_file(p, "bars.dat");
	if (!d) {
		free(col);
		free(at);
		return -errno;
	}
	for (unsigned s = 0; s < r->nsets; s++) {
		fprintf(d, "%u", s);
		for (size_t c = 0; c < ncol; c++) {
			const struct fsc_trial_result *t = NULL;

			for (size_t i = 0; i < r->ntrials && !t; i++)
				if (at[i] == c && r->trials[i].set == s &&
				    r->trials[i].done)
					t = &r->trials[i];
			if (t)
				fprintf(d, " %.6g %.6g %.6g",
					unit(p, t->agg.median),
					unit(p, t->agg.min),
					unit(p, t->agg.max));
			else
				fputs(" ? ? ?", d);
		}
		fputc('\n', d);
	}
	if (fclose(d) == EOF) {
		free(col);
		free(at);
		return -errno;
	}
	figures(r, "bars", caption, sizeof(caption));
	for (unsigned s = 0, l = 2; s < r->nsets; s++, l = 2) {
		fsc_set_label(r, s, name, sizeof(name));
		for (char *c = name; (c = strstr(c, " + ")); c++)
			l++;
		tic_lines = l > tic_lines ? l : tic_lines;
	}
	head(p, (unsigned)(ncol + 5) / 6 + tic_lines,
	     width_for(strlen(caption)),
	     NULL, (char *[]){ caption }, 1);
	fprintf(p->gp, "set style data histogram\n"
		"set style histogram errorbars gap 1 lw 1\n"
		"set style fill solid 0.8 border -1\nset boxwidth 0.9\n"
		"set grid noxtics\nset xtics nomirror (");
	for (unsigned s = 0; s < r->nsets; s++) {
		fputs(s ? ", " : "", p->gp);
		set_tic(p, s);
		fprintf(p->gp, " %u", s);
	}
	fprintf(p->gp, ")\nset xrange [-0.6:%g]\n", r->nsets - 0.4);
	/* Room for the tic labels' lines below their first. */
	fputs("set xlabel \"", p->gp);
	for (unsigned l = 2; l < tic_lines; l++)
		fputs(" \\n", p->gp);
	fputs(" \"\n", p->gp);
	for (size_t c = 0; c < ncol; c++) {
		unsigned shade = 0;

		for (size_t k = 0; k < c; k++)
			shade += col[k].engine == col[c].engine;
		element(p);
		fprintf(p->gp, "'bars.dat' using %zu:%zu:%zu lc rgb '#%06x' "
			"title ", 2 + 3 * c, 3 + 3 * c, 4 + 3 * c,
			colour(col[c].engine, shade));
		if (col[c].nth)
			snprintf(name, sizeof(name), "%s (%u)", col[c].label,
				 col[c].nth + 1);
		else
			snprintf(name, sizeof(name), "%s", col[c].label);
		quoted(p->gp, name);
	}
	fputc('\n', p->gp);
	free(col);
	free(at);
	return 0;
}

/* A sweep's data, s<i>.dat: jobs, median, slowest and fastest round of
 * each measured trial.  The count written, or -errno. */
static int sweep_data(const struct plot *p, size_t i)
{
	const struct fsc_sweep *w = &p->sw[i];
	char name[32];
	int k = 0;
	FILE *d;

	snprintf(name, sizeof(name), "s%zu.dat", i);
	d = data_file(p, name);
	if (!d)
		return -errno;
	for (size_t j = 0; j < w->ntrials; j++) {
		const struct fsc_trial_result *t = &p->r->trials[w->trials[j]];

		if (!t->done)
			continue;
		fprintf(d, "%u %.6g %.6g %.6g\n", t->jobs,
			unit(p, t->agg.median), unit(p, t->agg.min),
			unit(p, t->agg.max));
		k++;
	}
	return fclose(d) == EOF ? -errno : k;
}

/* Is sweep w the baseline of its set, drawn as a line? */
static const struct fsc_trial_result *baseline_of(const struct plot *p,
						 const struct fsc_sweep *w)
{
	const struct fsc_trial_result *b = fsc_result_baseline(p->r, w->set);

	return b && b->engine == w->engine ? b : NULL;
}

/* The one reason every sweep of more than one trial without a model
 * gives, or NULL: none has, or their reasons differ. */
static const char *common_why(const struct plot *p)
{
	const char *why = NULL;

	for (size_t i = 0; i < p->n; i++) {
		const struct fsc_sweep *w = &p->sw[i];

		if (w->model.fitted || w->ntrials < 2 || baseline_of(p, w))
			continue;
		if (why && strcmp(why, w->model.why) != 0)
			return NULL;
		why = w->model.why;
	}
	return why;
}

/* The key's line for sweep w: "threads on /tmp (ext4)" and, for a sweep
 * of more than one trial without a model, that it has none and why,
 * unless the caption says it for all (common). */
static void series_title(const struct plot *p, const struct fsc_sweep *w,
			 const char *common, char *buf, size_t len)
{
	char where[768];

	set_name(p->r, w->set, where, sizeof(where));
	if (!w->model.fitted && w->ntrials > 1 && !baseline_of(p, w))
		snprintf(buf, len, "%s on %s: no USL model%s%s",
			 w->engine->name, where, common ? "" : ": ",
			 common ? "" : w->model.why);
	else
		snprintf(buf, len, "%s on %s", w->engine->name, where);
}

/* Throughput against jobs (fsconc(1), PLOT): a series per (set, engine),
 * the median with whiskers from the slowest round to the fastest; the
 * USL curve of each fitted sweep, dashed; the set's pwrite as a
 * horizontal line at its median.  Series of one set share a point type,
 * series of one engine a colour family. */
static int sweep_plot(struct plot *p)
{
	static const int points[] = { 7, 5, 9, 13, 11, 15 };
	static const char *const dashes[] = { "-.", "-..", ".", "_  ",
					      "_ . " };
	const size_t np = sizeof(points) / sizeof(points[0]);
	const size_t nd = sizeof(dashes) / sizeof(dashes[0]);
	const char *common = common_why(p);
	char lines[3][320], t[1024], desc[512];
	unsigned maxj = 1, rows = 0, *shade = xcalloc(p->n + 1, sizeof(*shade));
	size_t longest = 0, nlines = 1;
	int *k = xcalloc(p->n + 1, sizeof(*k));
	bool baselines = false, curves = false;

	for (size_t i = 0; i < p->n; i++) {
		const struct fsc_sweep *w = &p->sw[i];

		for (size_t j = 0; j < i; j++)
			shade[i] += p->sw[j].engine == w->engine;
		series_title(p, w, common, t, sizeof(t));
		longest = max_len(longest, strlen(t));
		if (baseline_of(p, w)) {
			baselines = true;
			rows++;
			continue;
		}
		k[i] = sweep_data(p, i);
		if (k[i] < 0) {
			int rc = k[i];

			free(k);
			free(shade);
			return rc;
		}
		maxj = w->max_jobs > maxj ? w->max_jobs : maxj;
		rows += (k[i] > 0) + (k[i] > 0 && w->model.fitted);
		curves |= w->model.fitted;
		if (w->model.fitted)
			longest = max_len(longest, strlen(t) + 8 +
			    strlen(fsc_usl_describe(desc, sizeof(desc),
			    &w->model.usl, w->max_jobs, p->iec)));
		if (w->model.fitted)
			fprintf(p->gp, "f%zu(x) = x < 1 ? 1/0 : %.9g * x / "
				"(1 + %.9g * (x - 1) + %.9g * x * (x - 1))\n",
				i, unit(p, w->model.usl.gamma),
				w->model.usl.alpha, w->model.usl.beta);
	}
	figures(p->r, "points", lines[0], sizeof(lines[0]));
	if (curves || baselines)
		snprintf(lines[nlines++], sizeof(lines[0]), "%s%s%s",
			 curves ? "dashed: the USL fit of the sweep" : "",
			 curves && baselines ? "; " : "", baselines ?
			 "lines without points: each set's pwrite at its median, "
			 "the baseline" :
			 "");
	if (common)
		snprintf(lines[nlines++], sizeof(lines[0]),
			 "no USL model: %s", common);
	for (size_t i = 0; i < nlines; i++)
		longest = max_len(longest, strlen(lines[i]));
	head(p, rows, width_for(longest), "jobs (files in flight)",
	     (char *[]){ lines[0], lines[1], lines[2] }, nlines);
	fprintf(p->gp, "set xrange [0:%g]\nset samples 500\n",
		ceil(maxj * 1.1) + 0.5);
	for (size_t i = 0; i < p->n; i++) {
		const struct fsc_sweep *w = &p->sw[i];
		const struct fsc_trial_result *b = baseline_of(p, w);
		unsigned c = colour(w->engine, shade[i]);

		series_title(p, w, common, t, sizeof(t));
		if (b && b->done) {
			element(p);
			fprintf(p->gp, "%.6g with lines lc rgb '#%06x' lw 1.5 "
				"dt '%s' title ", unit(p, b->agg.median),
				c, dashes[w->set % nd]);
			quoted(p->gp, t);
		}
		if (b || k[i] <= 0)
			continue;
		element(p);
		fprintf(p->gp, "'s%zu.dat' using 1:2:3:4 with %s lc rgb "
			"'#%06x' lw 1.5 pt %d ps 0.8 title ", i,
			k[i] > 1 ? "yerrorlines" : "yerrorbars", c,
			points[w->set % np]);
		quoted(p->gp, t);
		if (!w->model.fitted)
			continue;
		element(p);
		fprintf(p->gp, "f%zu(x) with lines dt 2 lw 1.5 lc rgb '#%06x' "
			"title ", i, c);
		snprintf(t + strlen(t), sizeof(t) - strlen(t), ", USL: %s",
			 fsc_usl_describe(desc, sizeof(desc), &w->model.usl,
					  w->max_jobs, p->iec));
		quoted(p->gp, t);
	}
	fputc('\n', p->gp);
	free(k);
	free(shade);
	return 0;
}

/* Each kind of plot is a function of struct plot that writes its data
 * files, then head(), then its plot command, element by element. */
void fsc_plot_quoted(FILE *f, const char *s)
{
	quoted(f, s);
}

void fsc_plot_title(FILE *gp, const struct fsc_result *r)
{
	struct plot p = { .gp = gp, .r = r };

	title(&p);
}

int fsc_plot_script(const char *dir, const struct fsc_result *r,
		    const struct fsc_sweep *sw, size_t n, bool iec)
{
	struct plot p = { .dir = dir, .r = r, .sw = sw, .n = n, .iec = iec };
	bool sweep = false;
	int rc;

	for (size_t i = 0; i < n; i++)
		sweep |= sw[i].ntrials > 1;
	p.gp = data_file(&p, "plot.gp");
	if (!p.gp)
		return -errno;
	rc = sweep ? sweep_plot(&p) : bar_plot(&p);
	if (fclose(p.gp) == EOF && rc == 0)
		rc = -errno;
	return rc;
}
