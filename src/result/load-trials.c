/* load-trials.c - the trials of a saved result profile read back: each
 * trial's targets become the result's targets and target sets (a set
 * is the same in any order, a trailing '/' aside), its engine is looked
 * up in the engine table, and a trial that repeats another is refused.
 * Sorting keeps time n log n and memory linear in the profile. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result/load-json.h"
#include "util/msg.h"
#include "util/xalloc.h"

/* A path, as far as it counts: "/data/" is "/data". */
static size_t path_len(const char *p)
{
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		n--;
	return n;
}

struct ref {
	const char *path;
	size_t len;
	size_t order;	/* the profile's targets first, then the trials' */
};

static int by_path(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;
	int c = memcmp(x->path, y->path, x->len < y->len ? x->len : y->len);

	if (c)
		return c;
	if (x->len != y->len)
		return (x->len > y->len) - (x->len < y->len);
	return (x->order > y->order) - (x->order < y->order);
}

static int by_order(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;

	return (x->order > y->order) - (x->order < y->order);
}

/* ids[order]: the target of every path of refs (nt profile targets, then
 * the trials' paths); a path no profile target has is a new target, in
 * the order it comes. */
static void map_targets(struct fsc_result *p, struct ref *refs, size_t n,
			size_t nt, unsigned *ids)
{
	struct ref *fresh = xcalloc(n + 1, sizeof(*fresh));
	size_t nfresh = 0;

	qsort(refs, n, sizeof(*refs), by_path);
	for (size_t i = 0; i < n;) {
		size_t j = i;

		while (j < n && refs[j].len == refs[i].len &&
		       memcmp(refs[j].path, refs[i].path, refs[i].len) == 0)
			j++;
		if (refs[i].order >= nt)
			fresh[nfresh++] = refs[i];
		i = j;
	}
	qsort(fresh, nfresh, sizeof(*fresh), by_order);
	p->targets = xrealloc(p->targets, p->ntargets + nfresh + 1,
			      sizeof(*p->targets));
	for (size_t i = 0; i < nfresh; i++) {
		struct fsc_target *t = &p->targets[p->ntargets];

		memset(t, 0, sizeof(*t));
		t->pfd = t->dirfd = t->markerfd = -1;
		t->fp.bdev.rotational = t->fp.bdev.numa_node = -1;
		t->path = xstrdup(fresh[i].path);
		t->name = fsc_printable(xstrdup(t->path));
		/* The leader's id, found again below by its order. */
		ids[fresh[i].order] = (unsigned)p->ntargets++;
	}
	free(fresh);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		unsigned id = refs[i].order < nt ? (unsigned)refs[i].order :
			ids[refs[i].order];

		while (j < n && refs[j].len == refs[i].len &&
		       memcmp(refs[j].path, refs[i].path, refs[i].len) == 0)
			ids[refs[j++].order] = id;
		i = j;
	}
}

struct key {
	size_t trial;
	unsigned *ids;	/* its targets, sorted */
	size_t n;
};

static int cmp_uint(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return (x > y) - (x < y);
}

static int key_cmp(const struct key *x, const struct key *y)
{
	for (size_t i = 0; i < x->n && i < y->n; i++)
		if (x->ids[i] != y->ids[i])
			return (x->ids[i] > y->ids[i]) - (x->ids[i] < y->ids[i]);
	return (x->n > y->n) - (x->n < y->n);
}

static int by_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = key_cmp(x, y);

	return c ? c : (x->trial > y->trial) - (x->trial < y->trial);
}

static int by_trial(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	return (x->trial > y->trial) - (x->trial < y->trial);
}

/* The sets: trials whose targets are the same set share one, numbered in
 * the order they first come; its dirs in that first trial's order. */
static void make_sets(struct fsc_result *p, const unsigned *ids,
		      const size_t *first, const size_t *count)
{
	size_t n = p->ntrials, nlead = 0;
	struct key *k = xcalloc(n + 1, sizeof(*k)), *lead;
	unsigned *sorted = xcalloc(first[n] + 1, sizeof(*sorted));
	unsigned *set_of = xcalloc(n + 1, sizeof(*set_of));

	lead = xcalloc(n + 1, sizeof(*lead));
	memcpy(sorted, ids, first[n] * sizeof(*ids));
	for (size_t i = 0; i < n; i++) {
		k[i].trial = i;
		k[i].ids = sorted + first[i];
		k[i].n = count[i];
		qsort(k[i].ids, k[i].n, sizeof(unsigned), cmp_uint);
	}
	qsort(k, n, sizeof(*k), by_key);
	for (size_t i = 0; i < n; i++)
		if (!i || key_cmp(&k[i - 1], &k[i]) != 0)
			lead[nlead++] = k[i];
	qsort(lead, nlead, sizeof(*lead), by_trial);
	p->sets = xcalloc(nlead + 1, sizeof(*p->sets));
	p->nsets = nlead;
	for (size_t s = 0; s < nlead; s++) {
		size_t t = lead[s].trial;

		p->sets[s].ndirs = (unsigned)count[t];
		p->sets[s].dirs = xcalloc(count[t], sizeof(unsigned));
		memcpy(p->sets[s].dirs, ids + first[t],
		       count[t] * sizeof(unsigned));
		set_of[t] = (unsigned)s;
	}
	/* Each trial takes its group's set: the group's leader comes first
	 * in it, by trial. */
	for (size_t i = 0, s = 0; i < n; i++) {
		if (!i || key_cmp(&k[i - 1], &k[i]) != 0)
			s = set_of[k[i].trial];
		p->trials[k[i].trial].set = (unsigned)s;
	}
	free(set_of);
	free(lead);
	free(sorted);
	free(k);
}

struct twin {
	size_t trial;
	unsigned set, jobs;
	const struct fsc_engine *engine;
};

static int twin_cmp(const struct twin *x, const struct twin *y)
{
	if (x->set != y->set)
		return (x->set > y->set) - (x->set < y->set);
	if (x->engine != y->engine)
		return strcmp(x->engine->name, y->engine->name);
	return (x->jobs > y->jobs) - (x->jobs < y->jobs);
}

static int by_trial_key(const void *a, const void *b)
{
	const struct twin *x = a, *y = b;
	int c = twin_cmp(x, y);

	return c ? c : (x->trial > y->trial) - (x->trial < y->trial);
}

/* The first trial that repeats an earlier one (same set, engine and
 * jobs), named with the earliest. */
static int find_twins(struct fsc_jctx *c)
{
	const struct fsc_result *p = c->p;
	struct twin *w = xcalloc(p->ntrials + 1, sizeof(*w));
	size_t t = SIZE_MAX, first = 0;
	char at[64];

	for (size_t i = 0; i < p->ntrials; i++)
		w[i] = (struct twin){ i, p->trials[i].set, p->trials[i].jobs,
				      p->trials[i].engine };
	qsort(w, p->ntrials, sizeof(*w), by_trial_key);
	for (size_t i = 1; i < p->ntrials; i++)
		if (twin_cmp(&w[i - 1], &w[i]) == 0 &&
		    (i < 2 || twin_cmp(&w[i - 2], &w[i]) != 0) &&
		    w[i].trial < t) {
			t = w[i].trial;
			first = w[i - 1].trial;
		}
	free(w);
	if (t == SIZE_MAX)
		return 0;
	snprintf(at, sizeof(at), "results[%zu]", t);
	return fsc_jbad(c, at, "the same trial as results[%zu] (%s, %u jobs, "
			"same targets)", first, p->trials[t].engine->name,
			p->trials[t].jobs);
}

/* "pwrite, threads, posixaio, libaio or io_uring". */
static void engine_list(char *buf, size_t len)
{
	size_t used = 0, n = 0;

	while (fsc_engines[n])
		n++;
	buf[0] = '\0';
	for (size_t i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? i + 1 < n ? ", " : " or " : "",
					 fsc_engines[i]->name);
}

/* A trial's targets, engine, jobs and iodepth; its rounds come later,
 * once the sets are known. */
static int read_trial(struct fsc_jctx *c, const json_t *j, size_t i,
		      const json_t **rounds, const json_t **targets)
{
	struct fsc_trial_result *t = &c->p->trials[i];
	const json_t *v;
	char where[64], at[96], *engine, list[128];
	uint64_t n;
	size_t k;
	int rc;

	snprintf(where, sizeof(where), "results[%zu]", i);
	if (!json_is_object(j))
		return fsc_jbad(c, where, "expected an object, not %s",
				fsc_jkind(j));
	*targets = fsc_jmember(c, j, "targets", where, true, JSON_ARRAY, &rc);
	if (rc < 0)
		return -1;
	if (json_array_size(*targets) == 0)
		return fsc_jbad(c, where, "targets: an empty list");
	json_array_foreach(*targets, k, v)
		if (!json_is_string(v)) {
			snprintf(at, sizeof(at), "%s.targets[%zu]", where, k);
			return fsc_jbad(c, at, "expected a path, not %s",
					fsc_jkind(v));
		}
	if (fsc_jstring(c, j, "engine", where, true, &engine) < 0)
		return -1;
	t->engine = fsc_engine_find(engine);
	if (!t->engine) {
		engine_list(list, sizeof(list));
		snprintf(at, sizeof(at), "%s.engine", where);
		fsc_jbad(c, at, "'%s': not an engine this fsconc knows (%s)",
			 fsc_printable(engine), list);
		free(engine);
		return -1;
	}
	free(engine);
	if (fsc_jwhole(c, j, "jobs", where, true, 1, FSC_MAX_JOBS, &n))
		return -1;
	t->jobs = (unsigned)n;
	if (fsc_jwhole(c, j, "iodepth", where, false, 1, FSC_MAX_IODEPTH, &n))
		return -1;
	t->iodepth = n ? (unsigned)n : 1;
	*rounds = fsc_jmember(c, j, "rounds", where, true, JSON_ARRAY, &rc);
	return rc;
}

int fsc_load_trials(struct fsc_jctx *c, const json_t *results)
{
	struct fsc_result *p = c->p;
	size_t n = json_array_size(results), nt = p->ntargets, npaths = 0;
	const json_t **rounds = xcalloc(n + 1, sizeof(*rounds));
	const json_t **targets = xcalloc(n + 1, sizeof(*targets));
	size_t *first = xcalloc(n + 1, sizeof(*first));
	size_t *count = xcalloc(n + 1, sizeof(*count));
	struct ref *refs = NULL;
	unsigned *ids = NULL;
	const json_t *v;
	size_t k;
	int rc = -1;

	p->trials = xcalloc(n + 1, sizeof(*p->trials));
	json_array_foreach(results, k, v) {
		p->ntrials++;
		if (read_trial(c, v, k, &rounds[k], &targets[k]) < 0)
			goto out;
		first[k] = npaths;
		count[k] = json_array_size(targets[k]);
		npaths += count[k];
	}
	first[n] = npaths;
	refs = xcalloc(nt + npaths + 1, sizeof(*refs));
	ids = xcalloc(nt + npaths + 1, sizeof(*ids));
	for (size_t i = 0; i < nt; i++)
		refs[i] = (struct ref){ p->targets[i].path,
					path_len(p->targets[i].path), i };
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < count[i]; j++) {
			const char *s = json_string_value(
				json_array_get(targets[i], j));
			size_t o = nt + first[i] + j;

			refs[o] = (struct ref){ s, path_len(s), o };
		}
	map_targets(p, refs, nt + npaths, nt, ids);
	make_sets(p, ids + nt, first, count);
	for (size_t i = 0; i < n; i++) {
		struct fsc_trial_result *t = &p->trials[i];
		size_t nr = json_array_size(rounds[i]);
		char at[96];

		t->rounds = xcalloc(nr ? nr : 1, sizeof(*t->rounds));
		t->cap = t->done = (unsigned)nr;
		json_array_foreach(rounds[i], k, v) {
			snprintf(at, sizeof(at), "results[%zu].rounds[%zu]", i,
				 k);
			if (fsc_load_round(c, v, at, t->set, &t->rounds[k]) < 0)
				goto out;
		}
		/* Read: its text goes, so that a large profile is never held
		 * twice, as JSON and as rounds. */
		json_array_set_new((json_t *)results, i, json_null());
	}
	rc = find_twins(c);
out:
	free(rounds);
	free(targets);
	free(first);
	free(count);
	free(refs);
	free(ids);
	return rc;
}
