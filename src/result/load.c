/* load.c - a saved result profile (fsconc-profile/1, --json) read back
 * into the result model a run fills (result.h), every key checked and an
 * error saying where; then summarized by the run's own code, so that the
 * summaries, verdicts and models are the run's (fsconc(1), FILES). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "result/load-json.h"
#include "util/msg.h"
#include "util/xalloc.h"

#define SCHEMA "fsconc-profile/1"
/* Far above any real profile (a million files of a thousand rounds is
 * less), and a bound on what a mistaken path makes us read. */
#define MAX_PROFILE_BYTES (1ULL << 30)

/* name is one of names[0..n): its index, or -1 with the error set. */
static int one_of(struct fsc_jctx *c, const json_t *obj, const char *key,
		  const char *where, const char *const *names, int n,
		  int *out)
{
	char *s, at[160], list[160] = "";
	size_t used = 0;

	if (fsc_jstring(c, obj, key, where, false, &s) < 0)
		return -1;
	if (!s)
		return 0;
	for (int i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = i;
			free(s);
			return 0;
		}
	for (int i = 0; i < n && used < sizeof(list); i++)
		used += (size_t)snprintf(list + used, sizeof(list) - used,
					 "%s%s", i ? i + 1 < n ? ", " : " or "
					 : "", names[i]);
	fsc_jat(at, sizeof(at), where, key);
	fsc_jbad(c, at, "'%s': expected %s", fsc_printable(s), list);
	free(s);
	return -1;
}

/* host.ceiling (fsconc(1), CEILING): absent or null when not measured. */
static int read_ceiling(struct fsc_jctx *c, const json_t *host)
{
	struct fsc_host *h = &c->p->host;
	const char *at = "host.ceiling";
	const json_t *j;
	uint64_t cpus;
	int rc;

	j = fsc_jmember(c, host, "ceiling", "host", false, JSON_OBJECT, &rc);
	if (rc < 0 || !j)
		return rc;
	if (fsc_jnumber(c, j, "copy_1", at, true, &h->ceiling.copy_1) ||
	    fsc_jnumber(c, j, "copy_all", at, true, &h->ceiling.copy_all) ||
	    fsc_jnumber(c, j, "touch_1", at, true, &h->ceiling.touch_1) ||
	    fsc_jnumber(c, j, "touch_all", at, true, &h->ceiling.touch_all) ||
	    fsc_jwhole(c, j, "cpus", at, true, 1, 1e6, &cpus) ||
	    fsc_jbool(c, j, "cached", at, &h->ceiling.cached))
		return -1;
	h->ceiling.cpus = (unsigned)cpus;
	h->has_ceiling = true;
	return 0;
}

static int read_host(struct fsc_jctx *c, const json_t *root)
{
	struct fsc_host *h = &c->p->host;
	const json_t *j, *d;
	uint64_t v[4];
	int rc;

	h->topology = "unknown";
	j = fsc_jmember(c, root, "host", "", false, JSON_OBJECT, &rc);
	if (rc < 0 || !j)
		return rc;
	if (fsc_jtext(c, j, "hostname", "host", h->hostname,
		      sizeof(h->hostname)) ||
	    fsc_jtext(c, j, "kernel", "host", h->kernel, sizeof(h->kernel)) ||
	    fsc_jtext(c, j, "cpu_model", "host", h->cpu_model,
		      sizeof(h->cpu_model)) ||
	    fsc_jwhole(c, j, "cores", "host", false, 0, 1e9, &v[0]) ||
	    fsc_jwhole(c, j, "pus", "host", false, 0, 1e9, &v[1]) ||
	    fsc_jwhole(c, j, "numa_nodes", "host", false, 0, 1e9, &v[2]) ||
	    fsc_jcount(c, j, "memory_bytes", "host", &h->memory_bytes) ||
	    fsc_jkept(c, j, "topology", "host", "unknown", &h->topology))
		return -1;
	/* Shown as they are, never matched against this machine's. */
	fsc_printable(h->hostname);
	fsc_printable(h->kernel);
	fsc_printable(h->cpu_model);
	h->cores = (unsigned)v[0];
	h->pus = (unsigned)v[1];
	h->numa_nodes = (unsigned)v[2];
	if (read_ceiling(c, j) < 0)
		return -1;
	d = fsc_jmember(c, j, "dirty_limit", "host", false, JSON_OBJECT, &rc);
	if (rc < 0 || !d)
		return rc;
	if (fsc_jcount(c, d, "limit_bytes", "host.dirty_limit",
		       &h->dirty.limit_bytes) ||
	    fsc_jcount(c, d, "dirtyable_bytes", "host.dirty_limit",
		       &h->dirty.dirtyable_bytes) ||
	    fsc_jcount(c, d, "vm_dirty_bytes", "host.dirty_limit",
		       &h->dirty.dirty_bytes) ||
	    fsc_jwhole(c, d, "vm_dirty_ratio", "host.dirty_limit", false, 0,
		       100, &v[3]))
		return -1;
	h->dirty.dirty_ratio = (unsigned)v[3];
	j = json_object_get(d, "source");
	h->dirty.from_vmstat = json_is_string(j) &&
		strcmp(json_string_value(j), "nr_dirty_threshold") == 0;
	return 0;
}

static int read_jobs(struct fsc_jctx *c, const json_t *w, struct fsc_opts *o)
{
	const json_t *a, *v;
	char at[64];
	size_t k;
	int rc;

	a = fsc_jmember(c, w, "jobs", "workload", false, JSON_ARRAY, &rc);
	if (rc < 0 || !a || !json_array_size(a))
		return rc;
	o->jobs = xcalloc(json_array_size(a), sizeof(*o->jobs));
	json_array_foreach(a, k, v) {
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > FSC_MAX_JOBS) {
			snprintf(at, sizeof(at), "workload.jobs[%zu]", k);
			return fsc_jbad(c, at, "expected a whole number from 1 "
					"to %d", FSC_MAX_JOBS);
		}
		o->jobs[o->njobs++] = (unsigned)json_integer_value(v);
	}
	return 0;
}

static int read_workload(struct fsc_jctx *c, const json_t *root)
{
	static const char *const modes[] = { "create", "truncate",
					     "overwrite" };
	static const char *const syncs[] = { "none", "end", "each" };
	static const char *const binds[] = { "none", "core", "numa" };
	static const char *const caches[] = { "buffered", "direct",
					      "dontcache" };
	static const char *const stops[] = { "none", "fixed", "decisive",
		"nothing", "time", "bytes", "cap", "keep" };
	struct fsc_source *src = c->p->source;
	struct fsc_opts *o = &src->opts;
	const char *w_ = "workload";
	const json_t *w;
	uint64_t v[4];
	int mode = 0, sync = 0, bind = 0, cache = 0, stop = 0, rc;

	w = fsc_jmember(c, root, "workload", "", false, JSON_OBJECT, &rc);
	src->size_unknown = !w || !json_is_number(json_object_get(w,
								  "file_size"));
	if (rc < 0 || !w)
		return rc;
	if (fsc_jwhole(c, w, "files", w_, false, 1, 1e15, &o->files) ||
	    fsc_jwhole(c, w, "file_size", w_, false, 0, 1.8e19, &o->size) ||
	    fsc_jwhole(c, w, "block_size", w_, false, 1, FSC_MAX_WRITE,
		       &o->block_size) ||
	    one_of(c, w, "mode", w_, modes, 3, &mode) ||
	    one_of(c, w, "fsync", w_, syncs, 3, &sync) ||
	    fsc_jbool(c, w, "direct", w_, &o->direct) ||
	    fsc_jwhole(c, w, "iodepth", w_, false, 1, FSC_MAX_IODEPTH, &v[0]) ||
	    fsc_jwhole(c, w, "rounds", w_, false, 0, 1e9, &v[1]) ||
	    fsc_jwhole(c, w, "warmup", w_, false, 0, 1e9, &v[2]) ||
	    one_of(c, w, "cache", w_, caches, 3, &cache) ||
	    fsc_jbool(c, w, "rounds_auto", w_, &o->rounds_auto) ||
	    fsc_jcount(c, w, "budget_ns", w_, &o->budget_ns) ||
	    fsc_jcount(c, w, "budget_bytes", w_, &o->budget_bytes) ||
	    one_of(c, w, "rounds_stopped", w_, stops, 8, &stop) ||
	    read_jobs(c, w, o) ||
	    one_of(c, w, "bind", w_, binds, 3, &bind) ||
	    fsc_jcount(c, w, "stonewall_ns", w_, &o->stonewall_ns) ||
	    fsc_jwhole(c, w, "dirs_per_target", w_, false, 0, FSC_MAX_FILES,
		       &v[3]))
		return -1;
	o->mode = (enum fsc_mode)mode;
	o->fsync = (enum fsc_fsync)sync;
	o->bind = (enum fsc_bind)bind;
	o->direct |= cache == 1;
	o->dontcache = cache == 2;
	o->iodepth = (unsigned)v[0];
	o->rounds = (unsigned)v[1];
	o->warmup = (unsigned)v[2];
	o->dirs_per_target = (unsigned)v[3];
	c->p->stopped = (enum fsc_stop)stop;
	return 0;
}

static int read_blockdev(struct fsc_jctx *c, const json_t *t, const char *at,
			 struct fsc_blockdev *b)
{
	const json_t *j;
	char where[96];
	uint64_t v[3];
	int rc;

	b->rotational = b->numa_node = -1;
	j = json_object_get(t, "rotational");
	if (json_is_boolean(j))
		b->rotational = json_is_true(j);
	j = fsc_jmember(c, t, "block_device", at, false, JSON_OBJECT, &rc);
	if (rc < 0 || !j)
		return rc;
	fsc_jat(where, sizeof(where), at, "block_device");
	if (fsc_jtext(c, j, "disk", where, b->name, sizeof(b->name)) ||
	    fsc_jwhole(c, j, "disks", where, false, 0, 1e6, &v[0]) ||
	    fsc_jtext(c, j, "holder", where, b->holder, sizeof(b->holder)) ||
	    fsc_jtext(c, j, "dm_name", where, b->dm_name,
		      sizeof(b->dm_name)) ||
	    fsc_jtext(c, j, "scheduler", where, b->scheduler,
		      sizeof(b->scheduler)) ||
	    fsc_jwhole(c, j, "logical_block_size", where, false, 0, 1e9,
		       &v[1]) ||
	    fsc_jtext(c, j, "write_cache", where, b->write_cache,
		      sizeof(b->write_cache)) ||
	    fsc_jtext(c, j, "model", where, b->model, sizeof(b->model)) ||
	    fsc_jcount(c, j, "size_bytes", where, &b->size_bytes) ||
	    fsc_jwhole(c, j, "numa_node", where, false, 0, 1e6, &v[2]) ||
	    fsc_jtext(c, j, "backing_file", where, b->backing_file,
		      sizeof(b->backing_file)))
		return -1;
	b->ndisks = (unsigned)v[0];
	b->logical_block_size = (unsigned)v[1];
	if (json_is_integer(json_object_get(j, "numa_node")))
		b->numa_node = (int)v[2];
	j = json_object_get(j, "rotational");
	b->rotational = json_is_boolean(j) ? json_is_true(j) : -1;
	return 0;
}

static int read_target(struct fsc_jctx *c, const json_t *v, const char *at,
		       struct fsc_target *t)
{
	struct fsc_fingerprint *fp = &t->fp;
	struct fsc_mount *m = &fp->mount;
	char *magic = NULL;

	if (!json_is_object(v))
		return fsc_jbad(c, at, "expected an object, not %s",
				fsc_jkind(v));
	if (fsc_jstring(c, v, "path", at, true, &t->path) < 0)
		return -1;
	t->name = fsc_printable(xstrdup(t->path));
	if (fsc_jtext(c, v, "fstype", at, t->fstype, sizeof(t->fstype)) ||
	    fsc_jstring(c, v, "fsmagic", at, false, &magic) ||
	    fsc_jstring(c, v, "mount_point", at, false, &m->point) ||
	    fsc_jstring(c, v, "mount_source", at, false, &m->source) ||
	    fsc_jstring(c, v, "mount_fstype", at, false, &m->fstype) ||
	    fsc_jstring(c, v, "mount_options", at, false, &m->options) ||
	    fsc_jstring(c, v, "super_options", at, false,
			&m->super_options) ||
	    fsc_jstring(c, v, "upper_dir", at, false, &fp->upper_dir) ||
	    fsc_jtext(c, v, "upper_fstype", at, fp->upper_fstype,
		      sizeof(fp->upper_fstype)) ||
	    fsc_jbool(c, v, "memory_backed", at, &fp->memory_backed) ||
	    fsc_jtext(c, v, "device", at, fp->bdev.name,
		      sizeof(fp->bdev.name)) ||
	    read_blockdev(c, v, at, &fp->bdev) ||
	    fsc_jcount(c, v, "free_bytes", at, &t->free_bytes) ||
	    fsc_jcount(c, v, "free_inodes", at, &t->free_inodes)) {
		free(magic);
		return -1;
	}
	t->fsmagic = magic ? strtoul(magic, NULL, 16) : 0;
	free(magic);
	fp->has_mount = m->point != NULL;
	/* A mount is shown whole: what the profile leaves out is empty. */
	if (fp->has_mount) {
		char **parts[] = { &m->source, &m->fstype, &m->options,
				   &m->super_options };

		for (size_t i = 0; i < sizeof(parts) / sizeof(*parts); i++)
			if (!*parts[i])
				*parts[i] = xstrdup("");
	}
	fp->has_bdev = fp->bdev.name[0] != '\0';
	return 0;
}

/* A target with no file system open: only what the profile says. */
static void target_init(struct fsc_target *t)
{
	memset(t, 0, sizeof(*t));
	t->pfd = t->dirfd = t->markerfd = -1;
}

static int read_targets(struct fsc_jctx *c, const json_t *root)
{
	struct fsc_result *p = c->p;
	const json_t *a, *v;
	char at[64];
	size_t k;
	int rc;

	a = fsc_jmember(c, root, "targets", "", false, JSON_ARRAY, &rc);
	if (rc < 0 || !a)
		return rc;
	p->targets = xcalloc(json_array_size(a) + 1, sizeof(*p->targets));
	json_array_foreach(a, k, v) {
		struct fsc_target *t = &p->targets[p->ntargets++];

		target_init(t);
		snprintf(at, sizeof(at), "targets[%zu]", k);
		if (read_target(c, v, at, t) < 0)
			return -1;
	}
	return 0;
}

static int read_notes(struct fsc_jctx *c, const json_t *root)
{
	struct fsc_result *p = c->p;
	const json_t *a, *v;
	char at[64];
	size_t k;
	int rc;

	a = fsc_jmember(c, root, "warnings", "", false, JSON_ARRAY, &rc);
	if (rc < 0)
		return -1;
	p->warnings = xcalloc(json_array_size(a) + 1, sizeof(*p->warnings));
	json_array_foreach(a, k, v) {
		struct fsc_warning *w = &p->warnings[p->nwarnings++];

		snprintf(at, sizeof(at), "warnings[%zu]", k);
		if (!json_is_object(v))
			return fsc_jbad(c, at, "expected an object, not %s",
					fsc_jkind(v));
		if (fsc_jkept(c, v, "code", at, "", &w->code) ||
		    fsc_jtext(c, v, "message", at, w->text, sizeof(w->text)))
			return -1;
	}
	a = fsc_jmember(c, root, "skipped_engines", "", false, JSON_ARRAY,
			&rc);
	if (rc < 0)
		return -1;
	p->skipped = xcalloc(json_array_size(a) + 1, sizeof(*p->skipped));
	json_array_foreach(a, k, v) {
		struct fsc_skip *s = &p->skipped[p->nskipped++];

		snprintf(at, sizeof(at), "skipped_engines[%zu]", k);
		if (!json_is_object(v))
			return fsc_jbad(c, at, "expected an object, not %s",
					fsc_jkind(v));
		if (fsc_jkept(c, v, "engine", at, "", &s->engine) ||
		    fsc_jtext(c, v, "reason", at, s->why, sizeof(s->why)))
			return -1;
	}
	return 0;
}

/* Under MPI: the ranks, and the hosts they ran on. */
static int read_mpi(struct fsc_jctx *c, const json_t *root)
{
	struct fsc_result *p = c->p;
	const json_t *m, *a, *h, *r, *ranks;
	uint64_t n;
	char at[64];
	size_t k, i;
	int rc;

	m = fsc_jmember(c, root, "mpi", "", false, JSON_OBJECT, &rc);
	if (rc < 0 || !m)
		return rc;
	if (fsc_jwhole(c, m, "ranks", "mpi", true, 1, 1e6, &n) < 0)
		return -1;
	a = fsc_jmember(c, m, "hosts", "mpi", true, JSON_ARRAY, &rc);
	if (rc < 0)
		return -1;
	if (!json_array_size(a))
		return fsc_jbad(c, "mpi.hosts", "an empty list");
	p->nranks = (unsigned)n;
	p->rank_host = xcalloc(p->nranks, sizeof(*p->rank_host));
	p->hosts = xcalloc(json_array_size(a) + 1, sizeof(*p->hosts));
	json_array_foreach(a, k, h) {
		snprintf(at, sizeof(at), "mpi.hosts[%zu]", k);
		if (!json_is_object(h))
			return fsc_jbad(c, at, "expected an object, not %s",
					fsc_jkind(h));
		if (fsc_jstring(c, h, "host", at, true, &p->hosts[k]) < 0)
			return -1;
		p->nhosts++;
		ranks = fsc_jmember(c, h, "ranks", at, true, JSON_ARRAY, &rc);
		if (rc < 0)
			return -1;
		json_array_foreach(ranks, i, r) {
			if (!json_is_integer(r) || json_integer_value(r) < 0 ||
			    json_integer_value(r) >= (json_int_t)n)
				return fsc_jbad(c, at, "ranks[%zu]: not a rank "
						"from 0 to %u", i, p->nranks - 1);
			p->rank_host[json_integer_value(r)] = (unsigned)k;
		}
	}
	return 0;
}

/* "2026-01-01T00:00:00Z", as --json writes it: the run's start. */
static time_t parse_created(const char *s)
{
	struct tm tm;
	char z;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z) != 7 ||
	    z != 'Z')
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

static int read_root(struct fsc_jctx *c, const json_t *root)
{
	struct fsc_source *src = c->p->source;
	const json_t *results;
	char *schema = NULL;
	int rc;

	if (!json_is_object(root))
		return fsc_jbad(c, "", "not an fsconc result profile (%s, not "
				"an object)", fsc_jkind(root));
	if (fsc_jstring(c, root, "schema", "", true, &schema))
		return -1;
	if (strcmp(schema, SCHEMA) != 0) {
		fsc_jbad(c, "schema", "'%s': not a profile this fsconc reads "
			 "(%s)", fsc_printable(schema), SCHEMA);
		free(schema);
		return -1;
	}
	free(schema);
	if (fsc_jstring(c, root, "created", "", false, &src->created))
		return -1;
	if (src->created) {
		c->p->started = parse_created(src->created);
		/* Shown as it is; a profile may hold any length. */
		fsc_jcut(fsc_printable(src->created), FSC_SHOWN_MAX);
	}
	if (read_host(c, root) || read_workload(c, root) ||
	    read_targets(c, root) || read_mpi(c, root))
		return -1;
	results = fsc_jmember(c, root, "results", "", true, JSON_ARRAY, &rc);
	if (rc < 0 || fsc_load_trials(c, results) < 0 ||
	    read_notes(c, root) < 0)
		return -1;
	return 0;
}

/* Parse text into a JSON tree: the tree, or NULL with err set. */
static json_t *load_json(const char *text, size_t len, const char *name,
			 char *err, size_t errlen)
{
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);

	if (!root)
		snprintf(err, errlen, "%s:%d:%d: not valid JSON: %s", name,
			 je.line, je.column, je.text);
	return root;
}

/* Fill p from the tree (freed), and summarize it. */
static int from_json(struct fsc_result *p, json_t *root, const char *name,
		     char *err, size_t errlen)
{
	struct fsc_jctx c = { name, err, errlen, p };
	int rc;

	p->source = xcalloc(1, sizeof(*p->source));
	p->source->name = fsc_printable(xstrdup(name));
	p->opts = &p->source->opts;
	p->nranks = 1;
	if (!root)
		return -1;
	rc = read_root(&c, root);
	json_decref(root);
	if (rc == 0)
		fsc_result_summarize(p);
	return rc;
}

int fsc_result_parse(struct fsc_result *p, const char *text, size_t len,
		     const char *name, char *err, size_t errlen)
{
	memset(p, 0, sizeof(*p));
	err[0] = '\0';
	return from_json(p, load_json(text, len, name, err, errlen), name, err,
			 errlen);
}

int fsc_result_load(struct fsc_result *p, const char *path, char *err,
		    size_t len)
{
	char why[256], *buf;
	json_t *root;
	size_t n;

	memset(p, 0, sizeof(*p));
	err[0] = '\0';
	if (xreadinput(path, MAX_PROFILE_BYTES, &buf, &n, why,
		       sizeof(why)) < 0) {
		snprintf(err, len, "%s: cannot read it: %s%s", path, why,
			 strncmp(why, "not a regular", 13) == 0 ?
			 "; give the JSON file that --json wrote" :
			 strncmp(why, "over ", 5) == 0 ?
			 ": not a result profile" : "");
		return -1;
	}
	/* The text goes before the result is built: a large profile is
	 * held once as text, once as JSON, never both beside the result. */
	root = load_json(buf, n, path, err, len);
	free(buf);
	return from_json(p, root, path, err, len);
}

int fsc_result_needs_data(const struct fsc_result *p, char *err, size_t len)
{
	/* --size 0 measures files/s, and plan, compare and plot read
	 * bytes/s (fsconc(1), --size). */
	if (p->opts->size || p->source->size_unknown)
		return 0;
	snprintf(err, len, "%s: workload.file_size: 0: a profile of --size "
		 "0, in files per second; plan, compare and plot read "
		 "profiles of data, in bytes per second", p->source->name);
	return -1;
}

void fsc_result_free(struct fsc_result *p)
{
	struct fsc_source *src = p->source;

	if (!src)
		return;
	for (size_t i = 0; i < p->ntrials; i++) {
		for (unsigned r = 0; r < p->trials[i].cap; r++)
			fsc_round_free(&p->trials[i].rounds[r]);
		free(p->trials[i].rounds);
	}
	for (size_t i = 0; i < p->nsets; i++)
		free(p->sets[i].dirs);
	for (size_t i = 0; i < p->ntargets; i++)
		fsc_target_free(&p->targets[i]);
	for (unsigned k = 0; k < p->nhosts; k++)
		free(p->hosts[k]);
	for (size_t i = 0; i < src->nstrings; i++)
		free(src->strings[i]);
	free(p->trials);
	free(p->sets);
	free(p->targets);
	free(p->skipped);
	free(p->warnings);
	free(p->models);
	free(p->hosts);
	free(p->rank_host);
	free(src->strings);
	free(src->name);
	free(src->created);
	fsc_opts_free(&src->opts);
	free(src);
	memset(p, 0, sizeof(*p));
}
