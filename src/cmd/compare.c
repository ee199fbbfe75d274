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

#include "cmd/cmd.h"
#include "cmd/compare.h"
#include "engines/engine.h"
#include "fsconc.h"
#include "report/output.h"
#include "result/labels.h"
#include "result/result.h"
#include "result/stats.h"
#include "util/msg.h"
#include "util/units.h"
#include "util/xalloc.h"

enum verdict { FASTER, SLOWER, SAME, FEW };
static const char *const verdict_name[] = {
	[FASTER] = "faster", [SLOWER] = "slower",
	[SAME] = "no significant change", [FEW] = "too few rounds",
};

/* A trial of a profile, and what it is matched on: its engine, jobs and
 * target paths (sorted, a trailing '/' aside). */
struct side {
	const struct fsc_result *p;
	const struct fsc_trial_result *t;
	char *key;	/* the engine and the sorted paths, each NUL-ended */
	size_t keylen;
};

struct row {
	const struct side *a, *b;
	double ratio, u, p;
	bool exact;
	enum verdict v;
};

struct comparison {
	const struct fsc_result *a, *b;
	struct side *sa, *sb;	/* one per trial */
	struct row *rows;
	size_t nrows;
	const struct side **only_a, **only_b;
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

/* Append "; name x vs y" to buf when both are known (not empty) and
 * differ. */
static void differ(char *buf, size_t len, const char *name, const char *x,
		   const char *y)
{
	size_t used = strlen(buf);

	if (x && y && *x && *y && strcmp(x, y) != 0)
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

/* A path, as far as it counts: "/data/" is "/data". */
static size_t path_len(const char *p)
{
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		n--;
	return n;
}

/* The target of r at path, when the profile described it; or NULL. */
static const struct fsc_target *described(const struct fsc_result *r,
					  const char *path)
{
	size_t n = path_len(path);

	for (size_t i = 0; i < r->ntargets; i++) {
		const struct fsc_target *t = &r->targets[i];

		if ((t->fstype[0] || t->fp.has_bdev || t->fp.mount.source) &&
		    path_len(t->path) == n && memcmp(t->path, path, n) == 0)
			return t;
	}
	return NULL;
}

static void fingerprints(struct comparison *c)
{
	const struct fsc_result *a = c->a, *b = c->b;
	const struct fsc_opts *wa = a->opts, *wb = b->opts;
	char buf[768];

	buf[0] = '\0';
	differ(buf, sizeof(buf), "hostname", a->host.hostname,
	       b->host.hostname);
	differ(buf, sizeof(buf), "cpu_model", a->host.cpu_model,
	       b->host.cpu_model);
	differ(buf, sizeof(buf), "kernel", a->host.kernel, b->host.kernel);
	if (buf[0])
		warn(c, "host", "the hosts differ: %s", buf);
	for (size_t i = 0; i < a->ntargets; i++) {
		const struct fsc_target *x = &a->targets[i], *y;

		if (!(x->fstype[0] || x->fp.has_bdev || x->fp.mount.source) ||
		    !(y = described(b, x->path)))
			continue;
		buf[0] = '\0';
		differ(buf, sizeof(buf), "fstype", x->fstype, y->fstype);
		differ(buf, sizeof(buf), "device", x->fp.has_bdev ?
		       x->fp.bdev.name : NULL, y->fp.has_bdev ?
		       y->fp.bdev.name : NULL);
		differ(buf, sizeof(buf), "mount source", x->fp.mount.source,
		       y->fp.mount.source);
		if (buf[0])
			warn(c, "target", "target %s differs: %s", x->path,
			     buf);
	}
	buf[0] = '\0';
	differ_num(buf, sizeof(buf), "files", wa->files, wb->files);
	differ_num(buf, sizeof(buf), "file_size", wa->size, wb->size);
	differ_num(buf, sizeof(buf), "block_size", wa->block_size,
		   wb->block_size);
	differ(buf, sizeof(buf), "mode", fsc_mode_name(wa->mode),
	       fsc_mode_name(wb->mode));
	differ(buf, sizeof(buf), "fsync", fsc_fsync_name(wa->fsync),
	       fsc_fsync_name(wb->fsync));
	differ(buf, sizeof(buf), "direct", wa->direct ? "true" : "false",
	       wb->direct ? "true" : "false");
	if (buf[0])
		warn(c, "workload", "the workloads differ: %s", buf);
}

static void compare_trial(struct row *r)
{
	const struct fsc_trial_result *ta = r->a->t, *tb = r->b->t;
	size_t n = ta->done, m = tb->done;
	double *x = xcalloc(n + 1, sizeof(double));
	double *y = xcalloc(m + 1, sizeof(double));
	double change;

	for (size_t i = 0; i < n; i++)
		x[i] = ta->rounds[i].bytes_per_sec;
	for (size_t i = 0; i < m; i++)
		y[i] = tb->rounds[i].bytes_per_sec;
	/* U of B against A: large when B is faster. */
	r->p = fsc_mann_whitney(y, m, x, n, &r->u, &r->exact);
	r->ratio = ta->agg.median > 0 ? tb->agg.median / ta->agg.median : NAN;
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

static int by_path(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t lx = path_len(x), ly = path_len(y);
	int c = memcmp(x, y, lx < ly ? lx : ly);

	return c ? c : (lx > ly) - (lx < ly);
}

/* The sides of p's trials, each with its key. */
static struct side *sides(const struct fsc_result *p)
{
	struct side *s = xcalloc(p->ntrials + 1, sizeof(*s));

	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		const struct fsc_set *set = &p->sets[t->set];
		const char **sorted = xcalloc(set->ndirs, sizeof(*sorted));
		size_t len = strlen(t->engine->name) + 1;
		char *k;

		for (unsigned d = 0; d < set->ndirs; d++) {
			sorted[d] = p->targets[set->dirs[d]].path;
			len += path_len(sorted[d]) + 1;
		}
		qsort(sorted, set->ndirs, sizeof(*sorted), by_path);
		s[i].p = p;
		s[i].t = t;
		s[i].keylen = len;
		k = s[i].key = xmalloc(len);
		k = stpcpy(k, t->engine->name) + 1;
		for (unsigned d = 0; d < set->ndirs; d++) {
			size_t n = path_len(sorted[d]);

			memcpy(k, sorted[d], n);
			k[n] = '\0';
			k += n + 1;
		}
		free(sorted);
	}
	return s;
}

/* The order of the key, then jobs: 0 for the same (set, engine, jobs). */
static int side_cmp(const struct side *a, const struct side *b)
{
	int c = memcmp(a->key, b->key, a->keylen < b->keylen ? a->keylen :
		       b->keylen);

	if (c)
		return c;
	if (a->keylen != b->keylen)
		return (a->keylen > b->keylen) - (a->keylen < b->keylen);
	return (a->t->jobs > b->t->jobs) - (a->t->jobs < b->t->jobs);
}

static int by_side(const void *a, const void *b)
{
	const struct side *x = *(const struct side *const *)a;
	const struct side *y = *(const struct side *const *)b;
	int c = side_cmp(x, y);

	return c ? c : (x > y) - (x < y);
}

/* Each trial of A with the one of B of the same set, engine and jobs:
 * a binary search in B's trials sorted by key, so time n log n. */
static void match(struct comparison *c)
{
	const struct fsc_result *a = c->a, *b = c->b;
	const struct side **ob = xcalloc(b->ntrials + 1, sizeof(*ob));
	bool *used = xcalloc(b->ntrials + 1, sizeof(*used));

	c->sa = sides(a);
	c->sb = sides(b);
	for (size_t j = 0; j < b->ntrials; j++)
		ob[j] = &c->sb[j];
	qsort(ob, b->ntrials, sizeof(*ob), by_side);
	c->rows = xcalloc(a->ntrials + 1, sizeof(*c->rows));
	c->only_a = xcalloc(a->ntrials + 1, sizeof(*c->only_a));
	c->only_b = xcalloc(b->ntrials + 1, sizeof(*c->only_b));
	for (size_t i = 0; i < a->ntrials; i++) {
		const struct side *t = &c->sa[i], *u = NULL;
		size_t lo = 0, hi = b->ntrials;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (side_cmp(ob[mid], t) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < b->ntrials && side_cmp(ob[lo], t) == 0)
			u = ob[lo];
		if (!u) {
			c->only_a[c->nonly_a++] = t;
			continue;
		}
		used[u - c->sb] = true;
		c->rows[c->nrows].a = t;
		c->rows[c->nrows].b = u;
		compare_trial(&c->rows[c->nrows++]);
	}
	for (size_t j = 0; j < b->ntrials; j++)
		if (!used[j])
			c->only_b[c->nonly_b++] = &c->sb[j];
	free(used);
	free(ob);
}

/* The profile's hostname, or NULL when it did not say. */
static const char *hostname(const struct fsc_result *r)
{
	return r->host.hostname[0] ? r->host.hostname : NULL;
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

/* The cells of a row of the table. */
static void row_cells(const struct comparison *c, const struct row *row,
		      bool iec, char cell[NCOLS][96])
{
	fsc_set_label(c->a, row->a->t->set, cell[0], 96);
	fsc_trial_label(row->a->t, cell[1], 96);
	snprintf(cell[2], 96, "%.0f",
		 fsc_rate_in_unit(row->a->t->agg.median, iec));
	snprintf(cell[3], 96, "%.0f",
		 fsc_rate_in_unit(row->b->t->agg.median, iec));
	snprintf(cell[4], 96, "%.3f", row->ratio);
	snprintf(cell[5], 96, "%+.1f %%", (row->ratio - 1) * 100);
	snprintf(cell[6], 96, row->p < 0.001 ? "%.1e" : "%.3f", row->p);
	snprintf(cell[7], 96, "%s", verdict_name[row->v]);
}

/* The table: the cells made twice, for the widths and to print, so that
 * its memory does not grow with the rows. */
static void text_report(FILE *out, const struct comparison *c, bool iec)
{
	static const char *const head[NCOLS] = { "set", "trial", "A median",
		"B median", "B/A", "change", "p", "" };
	char cell[NCOLS][96];
	int w[NCOLS];
	size_t count[4] = { 0 };
	const char *unit = iec ? "MiB/s" : "MB/s";

	fprintf(out, "compare: A = %s (%s, %s), B = %s (%s, %s); rates in "
		"%s\n", c->a->source->name, hostname(c->a) ? hostname(c->a) :
		"?", c->a->source->created ? c->a->source->created : "?",
		c->b->source->name, hostname(c->b) ? hostname(c->b) : "?",
		c->b->source->created ? c->b->source->created : "?", unit);
	for (size_t i = 0; i < c->nwarn; i++)
		fprintf(out, "warning: %s\n", c->warn_text[i]);
	for (int k = 0; k < NCOLS; k++)
		w[k] = width(head[k]);
	for (size_t r = 0; r < c->nrows; r++) {
		row_cells(c, &c->rows[r], iec, cell);
		for (int k = 0; k < NCOLS; k++)
			if (width(cell[k]) > w[k])
				w[k] = width(cell[k]);
		count[c->rows[r].v]++;
	}
	for (size_t r = 0; c->nrows && r <= c->nrows; r++) {
		if (r)
			row_cells(c, &c->rows[r - 1], iec, cell);
		for (int k = 0; k < NCOLS; k++) {
			const char *s = r ? cell[k] : head[k];
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
}

static json_t *trial_key(const struct side *s)
{
	const struct fsc_set *set = &s->p->sets[s->t->set];
	json_t *paths = json_array();

	for (unsigned i = 0; i < set->ndirs; i++)
		json_array_append_new(paths, json_string(
			s->p->targets[set->dirs[i]].path));
	return json_pack("{s:o, s:s, s:I}", "targets", paths, "engine",
			 s->t->engine->name, "jobs", (json_int_t)s->t->jobs);
}

static json_t *side_json(const struct fsc_result *r)
{
	return json_pack("{s:s, s:s?, s:s?}", "file", r->source->name,
			 "created", r->source->created, "hostname",
			 hostname(r));
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
			num(r->a->t->agg.median), "rounds",
			(json_int_t)r->a->t->done));
		json_object_set_new(j, "b", json_pack("{s:o, s:I}", "median",
			num(r->b->t->agg.median), "rounds",
			(json_int_t)r->b->t->done));
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
			 "a", side_json(c->a), "b", side_json(c->b),
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
	for (size_t i = 0; c->sa && i < c->a->ntrials; i++)
		free(c->sa[i].key);
	for (size_t i = 0; c->sb && i < c->b->ntrials; i++)
		free(c->sb[i].key);
	free(c->sa);
	free(c->sb);
	free(c->rows);
	free(c->only_a);
	free(c->only_b);
}

int fsc_compare_main(const struct fsc_opts *o)
{
	struct fsc_result a, b;
	struct comparison c = { .a = &a, .b = &b };
	FILE *text = o->json_path && strcmp(o->json_path, "-") == 0 ?
		stderr : stdout;
	char err[1024];
	int status = FSC_EXIT_OK;

	memset(&b, 0, sizeof(b));
	if (fsc_result_load(&a, o->inputs[0], err, sizeof(err)) < 0 ||
	    fsc_result_needs_data(&a, err, sizeof(err)) < 0 ||
	    fsc_result_load(&b, o->inputs[1], err, sizeof(err)) < 0 ||
	    fsc_result_needs_data(&b, err, sizeof(err)) < 0 ||
	    (o->json_path && fsc_output_check("--json", o->json_path, NULL,
					      err, sizeof(err)) < 0)) {
		fsc_error("compare: %s", err);
		fsc_result_free(&a);
		fsc_result_free(&b);
		return FSC_EXIT_USAGE;
	}
	fingerprints(&c);
	match(&c);
	text_report(text, &c, o->iec);
	fflush(text);
	if (!c.nrows) {
		fsc_error("compare: %s and %s have no trial in "
			"common (the same target paths, engine and jobs)",
			a.source->name, b.source->name);
		status = FSC_EXIT_FAIL;
	}
	if (o->json_path && fsc_output_write_any("--json", o->json_path,
						 json_report, &c, err,
						 sizeof(err)) < 0) {
		fsc_error("compare: %s", err);
		status = FSC_EXIT_FAIL;
	}
	comparison_free(&c);
	fsc_result_free(&a);
	fsc_result_free(&b);
	return status;
}

const struct fsc_cmd fsc_cmd_compare = {
	.line = { "compare", "fsconc compare A.json B.json [--json FILE|-]",
		  2, NULL, fsc_opts_parse_tool },
	.exec = fsc_compare_main,
};
