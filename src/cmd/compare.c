/* compare.c - fsconc compare A.json B.json [--json FILE|-]: for every
 * trial (target set, engine, jobs) in both profiles, the medians, their
 * ratio, and a Mann-Whitney U test over the rounds; warnings when the
 * hosts, targets or workloads differ. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmd/compare.h"
#include "cmd/cmd.h"
#include "engines/engine.h"
#include "fsconc.h"
#include "report/output.h"
#include "result/results.h"
#include "result/stats.h"
#include "util/msg.h"
#include "util/units.h"
#include "util/xalloc.h"

/* Ways to choose n of n + m: exact in a double up to 20 + 20. */
static double choose(size_t n, size_t k)
{
	double c = 1;

	for (size_t i = 1; i <= k; i++)
		c = c * (double)(n - k + i) / (double)i;
	return c;
}

double fsc_mann_whitney_min_p(size_t n, size_t m)
{
	double p = n && m ? 2 / choose(n + m, n) : 1;

	return p < 1 ? p : 1;
}

/* P(U <= u) under the null for sizes n, m without ties: count the
 * n-subsets of the ranks 1..n+m by their rank sum (U = sum - n(n+1)/2). */
static double exact_cdf(size_t n, size_t m, double u)
{
	size_t big = n + m, max = n * big, off = n * (n + 1) / 2;
	double *dp = xcalloc((n + 1) * (max + 1), sizeof(double)), below = 0;

	dp[0] = 1;
	for (size_t r = 1; r <= big; r++)
		for (size_t k = r < n ? r : n; k >= 1; k--)
			for (size_t s = max; s >= r; s--)
				dp[k * (max + 1) + s] +=
					dp[(k - 1) * (max + 1) + s - r];
	for (size_t s = off; s <= max && (double)(s - off) <= u + 1e-9; s++)
		below += dp[n * (max + 1) + s];
	free(dp);
	return below / choose(big, n);
}

struct ranked {
	double v;
	bool from_x;
};

static int by_value(const void *a, const void *b)
{
	double x = ((const struct ranked *)a)->v;
	double y = ((const struct ranked *)b)->v;

	return (x > y) - (x < y);
}

double fsc_mann_whitney(const double *x, size_t n, const double *y, size_t m,
			double *u, bool *exact)
{
	double ux = 0, ties = 0, mean, var, z, p;
	size_t big = n + m;
	struct ranked *all;

	*u = 0;
	*exact = false;
	if (!n || !m)
		return 1;
	/* Ranks by sorting, equal values sharing their mean rank: U of x
	 * is x's rank sum less n(n + 1)/2, in time (n + m) log(n + m).
	 * Ties: the sum of t^3 - t over groups of equal values. */
	all = xmalloc(big * sizeof(*all));
	for (size_t i = 0; i < big; i++) {
		all[i].v = i < n ? x[i] : y[i - n];
		all[i].from_x = i < n;
	}
	qsort(all, big, sizeof(*all), by_value);
	for (size_t i = 0; i < big;) {
		size_t j = i, inx = 0;

		while (j < big && all[j].v == all[i].v)
			inx += all[j++].from_x;
		/* Ranks i + 1 to j, their mean (i + 1 + j) / 2. */
		ux += (double)inx * (double)(i + 1 + j) / 2;
		ties += (double)(j - i) * (double)(j - i) * (double)(j - i) -
			(double)(j - i);
		i = j;
	}
	ux -= (double)n * (double)(n + 1) / 2;
	*u = ux;
	free(all);
	mean = (double)n * (double)m / 2;
	if (n <= FSC_MWU_EXACT_MAX && m <= FSC_MWU_EXACT_MAX && ties == 0) {
		double lo = ux < (double)n * (double)m - ux ? ux :
			(double)n * (double)m - ux;
		p = 2 * exact_cdf(n, m, lo);
		*exact = true;
		return p < 1 ? p : 1;
	}
	var = (double)n * (double)m / 12 * ((double)big + 1 - ties /
					    ((double)big * (double)(big - 1)));
	if (!(var > 0))
		return 1;
	z = (fabs(ux - mean) - 0.5) / sqrt(var);
	return z > 0 ? erfc(z / M_SQRT2) : 1;
}

enum verdict { FASTER, SLOWER, SAME, FEW };
static const char *const verdict_name[] = {
	[FASTER] = "faster", [SLOWER] = "slower",
	[SAME] = "no significant change", [FEW] = "too few rounds",
};

struct row {
	const struct fsc_results_trial *a, *b;
	double ratio, u, p;
	bool exact;
	enum verdict v;
};

struct comparison {
	const struct fsc_results *a, *b;
	struct row *rows;
	size_t nrows;
	const struct fsc_results_trial **only_a, **only_b;
	size_t nonly_a, nonly_b;
	char **warn_code, **warn_text;
	size_t nwarn;
};

static void warn(struct comparison *c, const char *code, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fsc_printable(buf);	/* it quotes the profiles' strings */
	c->warn_code = xrealloc(c->warn_code, c->nwarn + 1, sizeof(char *));
	c->warn_text = xrealloc(c->warn_text, c->nwarn + 1, sizeof(char *));
	c->warn_code[c->nwarn] = xstrdup(code);
	c->warn_text[c->nwarn++] = xstrdup(buf);
}

/* Append "; name x vs y" to buf when both are known and differ. */
static void differ(char *buf, size_t len, const char *name, const char *x,
		   const char *y)
{
	size_t used = strlen(buf);

	if (x && y && strcmp(x, y) != 0)
		snprintf(buf + used, len - used, "%s%s %s vs %s",
			 used ? "; " : "", name, x, y);
}

static void differ_num(char *buf, size_t len, const char *name, uint64_t x,
		       uint64_t y)
{
	char a[32], b[32];

	if (!x || !y)
		return;
	snprintf(a, sizeof(a), "%llu", (unsigned long long)x);
	snprintf(b, sizeof(b), "%llu", (unsigned long long)y);
	differ(buf, len, name, a, b);
}

static void fingerprints(struct comparison *c)
{
	const struct fsc_results *a = c->a, *b = c->b;
	char buf[768];

	buf[0] = '\0';
	differ(buf, sizeof(buf), "hostname", a->hostname, b->hostname);
	differ(buf, sizeof(buf), "cpu_model", a->cpu_model, b->cpu_model);
	differ(buf, sizeof(buf), "kernel", a->kernel, b->kernel);
	if (buf[0])
		warn(c, "host", "the hosts differ: %s", buf);
	for (size_t i = 0; i < a->ntargets; i++) {
		const struct fsc_results_target *x = &a->targets[i];
		const struct fsc_results_target *y =
			fsc_results_target(b, x->path);

		if (!y)
			continue;
		buf[0] = '\0';
		differ(buf, sizeof(buf), "fstype", x->fstype, y->fstype);
		differ(buf, sizeof(buf), "device", x->device, y->device);
		differ(buf, sizeof(buf), "mount source", x->mount_source,
		       y->mount_source);
		if (buf[0])
			warn(c, "target", "target %s differs: %s", x->path,
			     buf);
	}
	buf[0] = '\0';
	differ_num(buf, sizeof(buf), "files", a->files, b->files);
	differ_num(buf, sizeof(buf), "file_size", a->file_size, b->file_size);
	differ_num(buf, sizeof(buf), "block_size", a->block_size,
		   b->block_size);
	differ(buf, sizeof(buf), "mode", a->mode, b->mode);
	differ(buf, sizeof(buf), "fsync", a->fsync, b->fsync);
	if (a->direct >= 0 && b->direct >= 0)
		differ(buf, sizeof(buf), "direct", a->direct ? "true" : "false",
		       b->direct ? "true" : "false");
	if (buf[0])
		warn(c, "workload", "the workloads differ: %s", buf);
}

static void compare_trial(struct row *r)
{
	size_t n = r->a->nrounds, m = r->b->nrounds;
	double *x = xcalloc(n + 1, sizeof(double));
	double *y = xcalloc(m + 1, sizeof(double));
	double change;

	for (size_t i = 0; i < n; i++)
		x[i] = r->a->rounds[i].bytes_per_sec;
	for (size_t i = 0; i < m; i++)
		y[i] = r->b->rounds[i].bytes_per_sec;
	/* U of B against A: large when B is faster. */
	r->p = fsc_mann_whitney(y, m, x, n, &r->u, &r->exact);
	r->ratio = r->a->median > 0 ? r->b->median / r->a->median : NAN;
	change = r->ratio - 1;
	if (n <= FSC_MWU_EXACT_MAX && m <= FSC_MWU_EXACT_MAX &&
	    fsc_mann_whitney_min_p(n, m) >= FSC_COMPARE_P)
		r->v = FEW;
	else if (r->p < FSC_COMPARE_P && fabs(change) >= FSC_COMPARE_MIN_CHANGE)
		r->v = change > 0 ? FASTER : SLOWER;
	else
		r->v = SAME;
	free(x);
	free(y);
}

/* Each trial of A with the one of B of the same set, engine and jobs:
 * a binary search in B's trials sorted by key, so time n log n. */
static void match(struct comparison *c)
{
	const struct fsc_results *a = c->a, *b = c->b;
	const struct fsc_results_trial **ob = fsc_results_order(b);
	bool *used = xcalloc(b->ntrials + 1, sizeof(*used));

	c->rows = xcalloc(a->ntrials + 1, sizeof(*c->rows));
	c->only_a = xcalloc(a->ntrials + 1, sizeof(*c->only_a));
	c->only_b = xcalloc(b->ntrials + 1, sizeof(*c->only_b));
	for (size_t i = 0; i < a->ntrials; i++) {
		const struct fsc_results_trial *t = &a->trials[i], *u = NULL;
		size_t lo = 0, hi = b->ntrials;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (fsc_results_cmp(ob[mid], t) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < b->ntrials && fsc_results_cmp(ob[lo], t) == 0)
			u = ob[lo];
		if (!u) {
			c->only_a[c->nonly_a++] = t;
			continue;
		}
		used[u - b->trials] = true;
		c->rows[c->nrows].a = t;
		c->rows[c->nrows].b = u;
		compare_trial(&c->rows[c->nrows++]);
	}
	for (size_t j = 0; j < b->ntrials; j++)
		if (!used[j])
			c->only_b[c->nonly_b++] = &b->trials[j];
	free(used);
	free(ob);
}

static char *trial_label(const struct fsc_results_trial *t, char *buf,
			 size_t len)
{
	const struct fsc_engine *e = fsc_engine_find(t->engine);

	if (e && !e->concurrent && t->jobs == 1)
		snprintf(buf, len, "%s", t->engine);
	else
		snprintf(buf, len, "%s\u00d7%u", t->engine, t->jobs);
	return buf;
}

/* Display width of UTF-8 text: the code points. */
static int width(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

#define NCOLS 8

static void text_report(FILE *out, const struct comparison *c, bool iec)
{
	static const char *const head[NCOLS] = { "set", "trial", "A median",
		"B median", "B/A", "change", "p", "" };
	char (*cell)[NCOLS][96] = xcalloc(c->nrows + 1, sizeof(*cell));
	int w[NCOLS];
	size_t count[4] = { 0 };
	const char *unit = iec ? "MiB/s" : "MB/s";

	fprintf(out, "compare: A = %s (%s, %s), B = %s (%s, %s); rates in "
		"%s\n", c->a->name, c->a->hostname ? c->a->hostname : "?",
		c->a->created ? c->a->created : "?", c->b->name,
		c->b->hostname ? c->b->hostname : "?",
		c->b->created ? c->b->created : "?", unit);
	for (size_t i = 0; i < c->nwarn; i++)
		fprintf(out, "warning: %s\n", c->warn_text[i]);
	for (size_t r = 0; r < c->nrows; r++) {
		const struct row *row = &c->rows[r];
		fsc_results_set_label(row->a, cell[r][0], 96);
		trial_label(row->a, cell[r][1], 96);
		snprintf(cell[r][2], 96, "%.0f",
			 fsc_rate_in_unit(row->a->median, iec));
		snprintf(cell[r][3], 96, "%.0f",
			 fsc_rate_in_unit(row->b->median, iec));
		snprintf(cell[r][4], 96, "%.3f", row->ratio);
		snprintf(cell[r][5], 96, "%+.1f %%", (row->ratio - 1) * 100);
		snprintf(cell[r][6], 96, row->p < 0.001 ? "%.1e" : "%.3f",
			 row->p);
		snprintf(cell[r][7], 96, "%s", verdict_name[row->v]);
		count[row->v]++;
	}
	for (int k = 0; k < NCOLS; k++) {
		w[k] = width(head[k]);
		for (size_t r = 0; r < c->nrows; r++)
			if (width(cell[r][k]) > w[k])
				w[k] = width(cell[r][k]);
	}
	for (size_t r = 0; c->nrows && r <= c->nrows; r++) {
		for (int k = 0; k < NCOLS; k++) {
			const char *s = r ? cell[r - 1][k] : head[k];
			int pad = w[k] - width(s);
			if (k == 7)
				fprintf(out, "%s%s", *s ? "  " : "", s);
			else if (k < 2)
				fprintf(out, "%s%s%*s", k ? "  " : "", s, pad,
					"");
			else
				fprintf(out, "  %*s%s", pad, "", s);
		}
		fputc('\n', out);
	}
	fprintf(out, "%zu trial%s compared: %zu faster, %zu slower, %zu "
		"without a significant change", c->nrows,
		c->nrows == 1 ? "" : "s", count[FASTER], count[SLOWER],
		count[SAME]);
	if (count[FEW])
		fprintf(out, ", %zu with too few rounds to tell (no outcome "
			"of so few reaches p < %.2g: use --rounds 4 or more "
			"in both)", count[FEW], FSC_COMPARE_P);
	fprintf(out, "\nsignificant: Mann-Whitney U over the rounds, p < %.2g, "
		"and a change of %.0f %% or more\n", FSC_COMPARE_P,
		FSC_COMPARE_MIN_CHANGE * 100);
	if (c->nonly_a || c->nonly_b)
		fprintf(out, "not compared: %zu trial%s only in A, %zu only in "
			"B\n", c->nonly_a, c->nonly_a == 1 ? "" : "s",
			c->nonly_b);
	free(cell);
}

static json_t *trial_key(const struct fsc_results_trial *t)
{
	json_t *paths = json_array();

	for (size_t i = 0; i < t->ntargets; i++)
		json_array_append_new(paths, json_string(t->targets[i]));
	return json_pack("{s:o, s:s, s:I}", "targets", paths, "engine",
			 t->engine, "jobs", (json_int_t)t->jobs);
}

static json_t *side(const struct fsc_results *r)
{
	return json_pack("{s:s, s:s?, s:s?}", "file", r->name, "created",
			 r->created, "hostname", r->hostname);
}

static json_t *num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static int json_report(FILE *out, const void *arg)
{
	const struct comparison *c = arg;
	json_t *root, *rows = json_array(), *warns = json_array();
	json_t *oa = json_array(), *ob = json_array();
	int rc;

	for (size_t i = 0; i < c->nwarn; i++)
		json_array_append_new(warns, json_pack("{s:s, s:s}", "code",
			c->warn_code[i], "message", c->warn_text[i]));
	for (size_t i = 0; i < c->nrows; i++) {
		const struct row *r = &c->rows[i];
		json_t *j = trial_key(r->a);

		json_object_set_new(j, "a", json_pack("{s:o, s:I}", "median",
			num(r->a->median), "rounds", (json_int_t)r->a->nrounds));
		json_object_set_new(j, "b", json_pack("{s:o, s:I}", "median",
			num(r->b->median), "rounds", (json_int_t)r->b->nrounds));
		json_object_set_new(j, "ratio", num(r->ratio));
		json_object_set_new(j, "change", num(r->ratio - 1));
		json_object_set_new(j, "u", num(r->u));
		json_object_set_new(j, "p_value", num(r->p));
		json_object_set_new(j, "exact", json_boolean(r->exact));
		json_object_set_new(j, "significant",
				    json_boolean(r->v == FASTER ||
						 r->v == SLOWER));
		json_object_set_new(j, "verdict",
				    json_string(verdict_name[r->v]));
		json_array_append_new(rows, j);
	}
	for (size_t i = 0; i < c->nonly_a; i++)
		json_array_append_new(oa, trial_key(c->only_a[i]));
	for (size_t i = 0; i < c->nonly_b; i++)
		json_array_append_new(ob, trial_key(c->only_b[i]));
	root = json_pack("{s:s, s:o, s:o, s:s, s:f, s:f, s:o, s:o, s:o, s:o}",
			 "schema", "fsconc-compare/1",
			 "a", side(c->a), "b", side(c->b),
			 "test", "mann-whitney-u",
			 "p_threshold", FSC_COMPARE_P,
			 "min_change", FSC_COMPARE_MIN_CHANGE,
			 "warnings", warns, "trials", rows,
			 "only_in_a", oa, "only_in_b", ob);
	if (!root)
		return -ENOMEM;
	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
			JSON_REAL_PRECISION(15));
	if (rc == 0 && fputc('\n', out) == EOF)
		rc = -1;
	json_decref(root);
	return rc < 0 ? -EIO : 0;
}

static void comparison_free(struct comparison *c)
{
	for (size_t i = 0; i < c->nwarn; i++) {
		free(c->warn_code[i]);
		free(c->warn_text[i]);
	}
	free(c->warn_code);
	free(c->warn_text);
	free(c->rows);
	free(c->only_a);
	free(c->only_b);
}

int fsc_compare_main(const struct fsc_opts *o)
{
	struct fsc_results a, b;
	struct comparison c = { .a = &a, .b = &b };
	FILE *text = o->json_path && strcmp(o->json_path, "-") == 0 ?
		stderr : stdout;
	char err[1024];
	int status = FSC_EXIT_OK;

	memset(&b, 0, sizeof(b));
	if (fsc_results_load(&a, o->inputs[0], err, sizeof(err)) < 0 ||
	    fsc_results_load(&b, o->inputs[1], err, sizeof(err)) < 0 ||
	    (o->json_path && fsc_output_check("--json", o->json_path, NULL,
					      err, sizeof(err)) < 0)) {
		fsc_error("compare: %s", err);
		fsc_results_free(&a);
		fsc_results_free(&b);
		return FSC_EXIT_USAGE;
	}
	fingerprints(&c);
	match(&c);
	text_report(text, &c, o->iec);
	fflush(text);
	if (!c.nrows) {
		fsc_error("compare: %s and %s have no trial in "
			"common (the same target paths, engine and jobs)",
			a.name, b.name);
		status = FSC_EXIT_FAIL;
	}
	if (o->json_path && fsc_output_write_any("--json", o->json_path,
						 json_report, &c, err,
						 sizeof(err)) < 0) {
		fsc_error("compare: %s", err);
		status = FSC_EXIT_FAIL;
	}
	comparison_free(&c);
	fsc_results_free(&a);
	fsc_results_free(&b);
	return status;
}

const struct fsc_cmd fsc_cmd_compare = {
	.line = { "compare", "fsconc compare A.json B.json [--json FILE|-]",
		  2, NULL, fsc_opts_parse_tool },
	.exec = fsc_compare_main,
};
