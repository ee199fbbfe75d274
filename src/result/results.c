/* results.c - read a saved result profile back (jansson), checking every
 * key it uses and saying where one is wrong. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "engines/engine.h"
#include "fsconc.h"
#include "result/results.h"
#include "result/stats.h"
#include "util/msg.h"
#include "util/xalloc.h"

#define SCHEMA "fsconc-profile/1"
/* Far above any real profile (a million files of a thousand rounds is
 * less), and a bound on what a mistaken path makes us read. */
#define MAX_PROFILE_BYTES (1ULL << 30)

struct ctx {
	const char *name;
	char *err;
	size_t len;
};

static int bad(struct ctx *c, const char *where, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(c->err, c->len, "%s: %s%s", c->name, where,
		     *where ? ": " : "");
	if (n >= 0 && (size_t)n < c->len) {
		va_start(ap, fmt);
		vsnprintf(c->err + n, c->len - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static const char *kind(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}

/* obj.key as a number: missing or null is NAN unless required. */
static int number(struct ctx *c, const json_t *obj, const char *key,
		  const char *where, bool required, double *out)
{
	const json_t *j = json_object_get(obj, key);
	char at[160];

	snprintf(at, sizeof(at), "%s%s%s", where, *where ? "." : "", key);
	*out = NAN;
	if (!j || json_is_null(j)) {
		if (required)
			return bad(c, at, "missing (expected a number)");
		return 0;
	}
	if (!json_is_number(j))
		return bad(c, at, "expected a number, not %s", kind(j));
	*out = json_number_value(j);
	if (!isfinite(*out) || *out < 0)
		return bad(c, at, "%g is not a measurement", *out);
	return 0;
}

/* obj.key as a whole number from lo to hi: missing or null is 0 unless
 * required. */
static int whole(struct ctx *c, const json_t *obj, const char *key,
		 const char *where, bool required, double lo, double hi,
		 uint64_t *out)
{
	double v;
	char at[160];

	*out = 0;
	if (number(c, obj, key, where, required, &v) < 0)
		return -1;
	if (isnan(v))
		return 0;
	snprintf(at, sizeof(at), "%s%s%s", where, *where ? "." : "", key);
	if (v != floor(v) || v < lo || v > hi)
		return bad(c, at, "expected a whole number from %.0f to %.0f, "
			   "not %g", lo, hi, v);
	*out = (uint64_t)v;
	return 0;
}

/* obj.key as a string (copied): missing or null is NULL unless
 * required. */
static int string(struct ctx *c, const json_t *obj, const char *key,
		  const char *where, bool required, char **out)
{
	const json_t *j = json_object_get(obj, key);
	char at[160];

	snprintf(at, sizeof(at), "%s%s%s", where, *where ? "." : "", key);
	*out = NULL;
	if (!j || json_is_null(j)) {
		if (required)
			return bad(c, at, "missing (expected a string)");
		return 0;
	}
	if (!json_is_string(j))
		return bad(c, at, "expected a string, not %s", kind(j));
	*out = xstrdup(json_string_value(j));
	return 0;
}

/* obj's member key when it has the kind asked for (JSON_OBJECT or
 * JSON_ARRAY); NULL with *rc set when it is missing and required, or of
 * another kind. */
static const json_t *member(struct ctx *c, const json_t *obj, const char *key,
			    const char *where, bool required, json_type type,
			    int *rc)
{
	const json_t *j = json_object_get(obj, key);
	const char *want = type == JSON_ARRAY ? "an array" : "an object";
	char at[160];

	snprintf(at, sizeof(at), "%s%s%s", where, *where ? "." : "", key);
	*rc = 0;
	if (!j || json_is_null(j)) {
		if (required)
			*rc = bad(c, at, "missing (expected %s)", want);
		return NULL;
	}
	if (json_typeof(j) != type) {
		*rc = bad(c, at, "expected %s, not %s", want, kind(j));
		return NULL;
	}
	return j;
}

static const json_t *object(struct ctx *c, const json_t *obj,
			    const char *key, const char *where, bool required,
			    int *rc)
{
	return member(c, obj, key, where, required, JSON_OBJECT, rc);
}

static const json_t *array(struct ctx *c, const json_t *obj, const char *key,
			   const char *where, bool required, int *rc)
{
	return member(c, obj, key, where, required, JSON_ARRAY, rc);
}

static int read_round(struct ctx *c, const json_t *j, const char *where,
		      struct fsc_results_round *rd)
{
	const json_t *lat;
	char at[160];
	int rc;

	if (!json_is_object(j))
		return bad(c, where, "expected an object, not %s", kind(j));
	if (number(c, j, "bytes_per_sec", where, true, &rd->bytes_per_sec) ||
	    number(c, j, "achieved_depth", where, false, &rd->achieved_depth) ||
	    number(c, j, "submit_share", where, false, &rd->submit_share))
		return -1;
	rd->latency_mean_ns = rd->latency_p50_ns = NAN;
	lat = object(c, j, "latency_ns", where, false, &rc);
	if (rc)
		return -1;
	snprintf(at, sizeof(at), "%s.latency_ns", where);
	if (lat && (number(c, lat, "mean", at, false, &rd->latency_mean_ns) ||
		    number(c, lat, "p50", at, false, &rd->latency_p50_ns)))
		return -1;
	return 0;
}

/* Paths compare equal with trailing slashes aside: "/data/" is "/data". */
static size_t path_len(const char *p)
{
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		n--;
	return n;
}

static int by_path(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t lx = path_len(x), ly = path_len(y);
	int c = memcmp(x, y, lx < ly ? lx : ly);

	return c ? c : (lx > ly) - (lx < ly);
}

/* The trial's key: its engine and its sorted paths, each NUL-ended. */
static void make_key(struct fsc_results_trial *t)
{
	char **sorted = xcalloc(t->ntargets, sizeof(*sorted));
	size_t len = strlen(t->engine) + 1;
	char *k;

	memcpy(sorted, t->targets, t->ntargets * sizeof(*sorted));
	qsort(sorted, t->ntargets, sizeof(*sorted), by_path);
	for (size_t i = 0; i < t->ntargets; i++)
		len += path_len(sorted[i]) + 1;
	k = t->key = xmalloc(len);
	t->keylen = len;
	k = stpcpy(k, t->engine) + 1;
	for (size_t i = 0; i < t->ntargets; i++) {
		size_t n = path_len(sorted[i]);

		memcpy(k, sorted[i], n);
		k[n] = '\0';
		k += n + 1;
	}
	free(sorted);
}

static int read_trial(struct ctx *c, const json_t *j, size_t i,
		      struct fsc_results_trial *t)
{
	const json_t *targets, *rounds, *v;
	char where[64], at[96];
	uint64_t n;
	size_t k;
	double *bps;
	int rc;

	snprintf(where, sizeof(where), "results[%zu]", i);
	if (!json_is_object(j))
		return bad(c, where, "expected an object, not %s", kind(j));
	targets = array(c, j, "targets", where, true, &rc);
	if (rc)
		return -1;
	if (json_array_size(targets) == 0)
		return bad(c, where, "targets: an empty list");
	t->targets = xcalloc(json_array_size(targets), sizeof(char *));
	json_array_foreach(targets, k, v) {
		if (!json_is_string(v)) {
			snprintf(at, sizeof(at), "%s.targets[%zu]", where, k);
			return bad(c, at, "expected a path, not %s", kind(v));
		}
		t->targets[t->ntargets++] = xstrdup(json_string_value(v));
	}
	if (string(c, j, "engine", where, true, &t->engine) ||
	    whole(c, j, "jobs", where, true, 1, FSC_MAX_JOBS, &n))
		return -1;
	t->jobs = (unsigned)n;
	if (whole(c, j, "iodepth", where, false, 1, FSC_MAX_IODEPTH, &n))
		return -1;
	t->iodepth = (unsigned)n;
	rounds = array(c, j, "rounds", where, true, &rc);
	if (rc)
		return -1;
	t->nrounds = json_array_size(rounds);
	t->rounds = xcalloc(t->nrounds ? t->nrounds : 1, sizeof(*t->rounds));
	bps = xcalloc(t->nrounds ? t->nrounds : 1, sizeof(*bps));
	json_array_foreach(rounds, k, v) {
		snprintf(at, sizeof(at), "%s.rounds[%zu]", where, k);
		if (read_round(c, v, at, &t->rounds[k]) < 0) {
			free(bps);
			return -1;
		}
		bps[k] = t->rounds[k].bytes_per_sec;
	}
	t->median = fsc_median(bps, t->nrounds);
	free(bps);
	make_key(t);
	return 0;
}

static int read_targets(struct ctx *c, const json_t *root,
			struct fsc_results *r)
{
	const json_t *a, *v;
	size_t k;
	char at[64];
	int rc;

	a = array(c, root, "targets", "", false, &rc);
	if (rc || !a)
		return rc;
	r->targets = xcalloc(json_array_size(a) + 1, sizeof(*r->targets));
	json_array_foreach(a, k, v) {
		struct fsc_results_target *t = &r->targets[r->ntargets++];

		snprintf(at, sizeof(at), "targets[%zu]", k);
		if (!json_is_object(v))
			return bad(c, at, "expected an object, not %s",
				   kind(v));
		if (string(c, v, "path", at, true, &t->path) ||
		    string(c, v, "fstype", at, false, &t->fstype) ||
		    string(c, v, "mount_source", at, false,
			   &t->mount_source) ||
		    string(c, v, "device", at, false, &t->device))
			return -1;
	}
	return 0;
}

static int read_header(struct ctx *c, const json_t *root,
		       struct fsc_results *r)
{
	const json_t *host, *w, *d;
	int rc;

	if (string(c, root, "created", "", false, &r->created))
		return -1;
	host = object(c, root, "host", "", false, &rc);
	if (rc || (host && (string(c, host, "hostname", "host", false,
				   &r->hostname) ||
			    string(c, host, "kernel", "host", false,
				   &r->kernel) ||
			    string(c, host, "cpu_model", "host", false,
				   &r->cpu_model))))
		return -1;
	r->direct = -1;
	w = object(c, root, "workload", "", false, &rc);
	if (rc)
		return -1;
	if (!w)
		return 0;
	/* --size 0 measures files/s, and every rate read here is bytes/s
	 * (fsconc(1), --size). */
	d = json_object_get(w, "file_size");
	if (d && json_is_number(d) && json_number_value(d) == 0)
		return bad(c, "workload.file_size", "0: a profile of --size 0, "
			   "in files per second; plan, compare and plot read "
			   "profiles of data, in bytes per second");
	if (whole(c, w, "files", "workload", false, 1, 1e15, &r->files) ||
	    whole(c, w, "file_size", "workload", false, 1, 1.8e19,
		  &r->file_size) ||
	    whole(c, w, "block_size", "workload", false, 1, FSC_MAX_WRITE,
		  &r->block_size) ||
	    string(c, w, "mode", "workload", false, &r->mode) ||
	    string(c, w, "fsync", "workload", false, &r->fsync))
		return -1;
	d = json_object_get(w, "direct");
	if (d && json_is_boolean(d))
		r->direct = json_is_true(d);
	return 0;
}

/* Cut s to max bytes, "..." last, at a character's start (UTF-8). */
static void cut(char *s, size_t max)
{
	size_t n = max - 3;

	if (strlen(s) <= max)
		return;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(s + n, "...", 4);
}

int fsc_results_cmp(const struct fsc_results_trial *a,
		    const struct fsc_results_trial *b)
{
	int c = memcmp(a->key, b->key, a->keylen < b->keylen ? a->keylen :
		       b->keylen);

	if (c)
		return c;
	if (a->keylen != b->keylen)
		return (a->keylen > b->keylen) - (a->keylen < b->keylen);
	return (a->jobs > b->jobs) - (a->jobs < b->jobs);
}

static int by_key(const void *a, const void *b)
{
	const struct fsc_results_trial *x = *(const void *const *)a;
	const struct fsc_results_trial *y = *(const void *const *)b;
	int c = fsc_results_cmp(x, y);

	return c ? c : (x > y) - (x < y);
}

const struct fsc_results_trial **fsc_results_order(const struct fsc_results *r)
{
	const struct fsc_results_trial **o = xcalloc(r->ntrials + 1,
						     sizeof(*o));

	for (size_t i = 0; i < r->ntrials; i++)
		o[i] = &r->trials[i];
	qsort(o, r->ntrials, sizeof(*o), by_key);
	return o;
}

/* The first trial that repeats an earlier one (same set, engine and
 * jobs), named with the earlier, by sorting: time n log n, not n². */
static int find_twins(struct ctx *c, const struct fsc_results *r)
{
	const struct fsc_results_trial **o = fsc_results_order(r), *t = NULL,
		*first = NULL;
	char at[64];

	for (size_t i = 1; i < r->ntrials; i++) {
		size_t k = i;

		if (fsc_results_cmp(o[i - 1], o[i]) != 0)
			continue;
		while (k > 0 && fsc_results_cmp(o[k - 1], o[i]) == 0)
			k--;
		if (!t || o[i] < t) {
			t = o[i];
			first = o[k];
		}
	}
	free(o);
	if (!t)
		return 0;
	snprintf(at, sizeof(at), "results[%zu]", (size_t)(t - r->trials));
	return bad(c, at, "the same trial as results[%zu] (%s, %u jobs, same "
		   "targets)", (size_t)(first - r->trials), t->engine, t->jobs);
}

int fsc_results_parse(struct fsc_results *r, const char *text, size_t len,
		      const char *name, char *err, size_t errlen)
{
	struct ctx c = { name, err, errlen };
	json_error_t je;
	json_t *root;
	const json_t *results, *v;
	char *schema = NULL;
	size_t k;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	r->name = fsc_printable(xstrdup(name));
	r->direct = -1;
	err[0] = '\0';
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		snprintf(err, errlen, "%s:%d:%d: not valid JSON: %s", name,
			 je.line, je.column, je.text);
		return -1;
	}
	if (!json_is_object(root)) {
		bad(&c, "", "not an fsconc result profile (%s, not an object)",
		    kind(root));
		goto out;
	}
	if (string(&c, root, "schema", "", true, &schema))
		goto out;
	if (strcmp(schema, SCHEMA) != 0) {
		bad(&c, "schema", "'%s': not a profile this fsconc reads (%s)",
		    schema, SCHEMA);
		goto out;
	}
	if (read_header(&c, root, r) || read_targets(&c, root, r))
		goto out;
	/* Shown as they are, never matched against a run's; a profile may
	 * hold any length: what is shown is cut. */
	char *shown[] = { r->created, r->hostname, r->kernel, r->cpu_model };
	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++)
		if (shown[i])
			cut(fsc_printable(shown[i]), FSC_RESULTS_SHOWN_MAX);
	results = array(&c, root, "results", "", true, &rc);
	if (rc)
		goto out;
	rc = -1;
	r->trials = xcalloc(json_array_size(results) + 1, sizeof(*r->trials));
	json_array_foreach(results, k, v) {
		struct fsc_results_trial *t = &r->trials[r->ntrials++];

		if (read_trial(&c, v, k, t) < 0)
			goto out;
	}
	if (find_twins(&c, r) < 0)
		goto out;
	rc = 0;
out:
	free(schema);
	json_decref(root);
	return rc;
}

int fsc_results_load(struct fsc_results *r, const char *path, char *err,
		     size_t errlen)
{
	char why[256], *buf;
	size_t len;
	int rc;

	memset(r, 0, sizeof(*r));
	if (xreadinput(path, MAX_PROFILE_BYTES, &buf, &len, why,
		       sizeof(why)) < 0) {
		snprintf(err, errlen, "%s: cannot read it: %s%s", path, why,
			 strncmp(why, "not a regular", 13) == 0 ?
			 "; give the JSON file that --json wrote" :
			 strncmp(why, "over ", 5) == 0 ?
			 ": not a result profile" : "");
		return -1;
	}
	rc = fsc_results_parse(r, buf, len, path, err, errlen);
	free(buf);
	return rc;
}

void fsc_results_free(struct fsc_results *r)
{
	for (size_t i = 0; i < r->ntrials; i++) {
		struct fsc_results_trial *t = &r->trials[i];
		for (size_t k = 0; k < t->ntargets; k++)
			free(t->targets[k]);
		free(t->targets);
		free(t->engine);
		free(t->rounds);
		free(t->key);
	}
	for (size_t i = 0; i < r->ntargets; i++) {
		free(r->targets[i].path);
		free(r->targets[i].fstype);
		free(r->targets[i].mount_source);
		free(r->targets[i].device);
	}
	free(r->trials);
	free(r->targets);
	free(r->name);
	free(r->created);
	free(r->hostname);
	free(r->kernel);
	free(r->cpu_model);
	free(r->mode);
	free(r->fsync);
	memset(r, 0, sizeof(*r));
}

/* Paths compare equal with trailing slashes aside: "/data/" is "/data". */
static bool same_path(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	while (la > 1 && a[la - 1] == '/')
		la--;
	while (lb > 1 && b[lb - 1] == '/')
		lb--;
	return la == lb && memcmp(a, b, la) == 0;
}

bool fsc_results_set_is(const struct fsc_results_trial *t, char *const *dirs,
			size_t ndirs)
{
	if (t->ntargets != ndirs)
		return false;
	for (size_t i = 0; i < ndirs; i++) {
		bool found = false;
		for (size_t j = 0; j < ndirs && !found; j++)
			found = same_path(t->targets[i], dirs[j]);
		if (!found)
			return false;
	}
	return true;
}

bool fsc_results_same_set(const struct fsc_results_trial *a,
			  const struct fsc_results_trial *b)
{
	return fsc_results_set_is(a, b->targets, b->ntargets);
}

char *fsc_results_set_label(const struct fsc_results_trial *t, char *buf,
			    size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < t->ntargets && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? " + " : "", t->targets[i]);
	return fsc_printable(buf);
}

const struct fsc_results_target *fsc_results_target(
	const struct fsc_results *r, const char *path)
{
	for (size_t i = 0; i < r->ntargets; i++)
		if (same_path(r->targets[i].path, path))
			return &r->targets[i];
	return NULL;
}

/* A sweep in the sorted trials: o[start] to o[end - 1]; first is the
 * one that comes first in the profile. */
struct span {
	const struct fsc_results_trial *first;
	size_t start, end;
};

static int by_first(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return (x->first > y->first) - (x->first < y->first);
}

/* Sorted by key, the trials of a sweep are side by side, by rising jobs:
 * each sweep is a span of them, and its trials array the size it needs.
 * Time n log n, memory linear in the trials. */
size_t fsc_results_sweeps(const struct fsc_results *r,
			  struct fsc_results_sweep **out)
{
	const struct fsc_results_trial **o = fsc_results_order(r);
	struct span *sp = xcalloc(r->ntrials + 1, sizeof(*sp));
	struct fsc_results_sweep *s;
	double *n = xcalloc(r->ntrials + 1, sizeof(double));
	double *x = xcalloc(r->ntrials + 1, sizeof(double));
	size_t count = 0;

	for (size_t i = 0; i < r->ntrials;) {
		struct span *p = &sp[count++];

		p->start = i;
		p->first = o[i];
		for (i++; i < r->ntrials && o[i]->keylen == o[p->start]->keylen
		     && memcmp(o[i]->key, o[p->start]->key, o[i]->keylen) == 0;
		     i++)
			if (o[i] < p->first)
				p->first = o[i];
		p->end = i;
	}
	qsort(sp, count, sizeof(*sp), by_first);
	s = xcalloc(count + 1, sizeof(*s));
	for (size_t j = 0; j < count; j++) {
		struct fsc_results_sweep *w = &s[j];
		size_t k = 0;

		w->ntrials = sp[j].end - sp[j].start;
		w->trials = xcalloc(w->ntrials, sizeof(*w->trials));
		memcpy(w->trials, o + sp[j].start,
		       w->ntrials * sizeof(*w->trials));
		w->max_jobs = w->trials[w->ntrials - 1]->jobs;
		for (size_t i = 0; i < w->ntrials; i++)
			if (w->trials[i]->nrounds) {
				n[k] = w->trials[i]->jobs;
				x[k++] = w->trials[i]->median;
			}
		w->fitted = fsc_usl_fit(n, x, k, &w->usl, w->why,
					sizeof(w->why)) == 0;
	}
	free(n);
	free(x);
	free(sp);
	free(o);
	*out = s;
	return count;
}

void fsc_results_sweeps_free(struct fsc_results_sweep *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i].trials);
	free(s);
}

/* The pwrite trial of t's set, or NULL. */
static const struct fsc_results_trial *baseline(const struct fsc_results *r,
					       const struct fsc_results_trial *t)
{
	for (size_t i = 0; i < r->ntrials; i++)
		if (strcmp(r->trials[i].engine, "pwrite") == 0 &&
		    fsc_results_same_set(&r->trials[i], t))
			return &r->trials[i];
	return NULL;
}

bool fsc_results_paired(const struct fsc_results *r,
			const struct fsc_results_trial *t,
			struct fsc_paired *out)
{
	const struct fsc_results_trial *b = baseline(r, t);
	size_t n;
	double *x, *y;

	memset(out, 0, sizeof(*out));
	if (!b)
		return false;
	n = b->nrounds < t->nrounds ? b->nrounds : t->nrounds;
	x = xcalloc(n + 1, sizeof(*x));
	y = xcalloc(n + 1, sizeof(*y));
	for (size_t k = 0; k < n; k++) {
		x[k] = t->rounds[k].bytes_per_sec;
		y[k] = b->rounds[k].bytes_per_sec;
	}
	fsc_paired_logs(x, y, n, out);
	free(x);
	free(y);
	return true;
}

bool fsc_results_concurrent(const struct fsc_results_trial *t)
{
	const struct fsc_engine *e = fsc_engine_find(t->engine);
	double *depth = xcalloc(t->nrounds + 1, sizeof(*depth));
	double *share = xcalloc(t->nrounds + 1, sizeof(*share));
	size_t nd = 0, ns = 0;
	bool yes;

	for (size_t k = 0; k < t->nrounds; k++) {
		if (!isnan(t->rounds[k].achieved_depth))
			depth[nd++] = t->rounds[k].achieved_depth;
		if (!isnan(t->rounds[k].submit_share))
			share[ns++] = t->rounds[k].submit_share;
	}
	yes = strcmp(t->engine, "pwrite") != 0 &&
		fsc_is_concurrent(e && e->async, t->jobs,
				  nd ? fsc_median(depth, nd) : NAN,
				  ns ? fsc_median(share, ns) : NAN);
	free(depth);
	free(share);
	return yes;
}

bool fsc_results_verdict(const struct fsc_results *r,
			 const struct fsc_results_trial *t,
			 struct fsc_decision *d,
			 const struct fsc_results_trial **best)
{
	struct fsc_paired *c = xcalloc(r->ntrials + 1, sizeof(*c));
	const struct fsc_results_trial **who = xcalloc(r->ntrials + 1,
						       sizeof(*who));
	size_t k = 0;

	for (size_t i = 0; i < r->ntrials; i++) {
		const struct fsc_results_trial *u = &r->trials[i];

		if (fsc_results_same_set(u, t) && fsc_results_concurrent(u) &&
		    fsc_results_paired(r, u, &c[k]) && c[k].n) {
			who[k] = u;
			k++;
		}
	}
	if (k) {
		fsc_decide(c, k, d);
		*best = who[d->best];
	}
	free(c);
	free(who);
	return k > 0;
}
