/* load-round.c - one round of a saved result profile read back: every
 * figure the run wrote for it (fsconc-profile(5) keys of a round). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result/labels.h"
#include "result/load-json.h"
#include "util/phases.h"
#include "util/xalloc.h"

/* obj.dir as the index of one of set's targets into *out; null is -1
 * unless required. */
static int read_dir(struct fsc_jctx *c, const json_t *obj, const char *where,
		    unsigned set, bool required, long *out)
{
	const struct fsc_result *p = c->p;
	const struct fsc_set *s = &p->sets[set];
	char *dir = NULL, at[256];
	size_t k;

	*out = -1;
	if (fsc_jstring(c, obj, "dir", where, required, &dir) < 0)
		return -1;
	if (!dir)
		return 0;
	for (k = 0; k < s->ndirs; k++)
		if (fsc_same_path(p->targets[s->dirs[k]].path, dir))
			break;
	free(dir);
	if (k == s->ndirs) {
		fsc_jat(at, sizeof(at), where, "dir");
		return fsc_jbad(c, at, "not one of the trial's targets");
	}
	*out = (long)k;
	return 0;
}

static int read_file(struct fsc_jctx *c, const json_t *j, const char *where,
		     unsigned set, struct fsc_file_result *f)
{
	const json_t *ph, *v;
	uint64_t start, end, rank;
	char at[256];
	long dir;
	size_t k;
	int rc;

	if (!json_is_object(j))
		return fsc_jbad(c, where, "expected an object, not %s",
				fsc_jkind(j));
	if (read_dir(c, j, where, set, true, &dir) < 0)
		return -1;
	f->dir = (unsigned)dir;
	if (fsc_jcount(c, j, "bytes", where, &f->bytes) < 0 ||
	    fsc_jcount(c, j, "start_ns", where, &start) < 0 ||
	    fsc_jcount(c, j, "end_ns", where, &end) < 0 ||
	    fsc_jwhole(c, j, "rank", where, false, 0, 1e9, &rank) < 0)
		return -1;
	f->rank = (unsigned)rank;
	f->t_open = start;
	f->t_done = end;
	ph = fsc_jmember(c, j, "phase_ns", where, false, JSON_ARRAY, &rc);
	if (rc < 0)
		return -1;
	json_array_foreach(ph, k, v) {
		if (k >= FSC_NPHASE)
			break;
		if (!json_is_integer(v) || json_integer_value(v) < 0) {
			snprintf(at, sizeof(at), "%s.phase_ns[%zu]", where, k);
			return fsc_jbad(c, at, "expected a count of ns, not "
					"%s", fsc_jkind(v));
		}
		f->phase_ns[k] = (uint64_t)json_integer_value(v);
	}
	return 0;
}

/* The histogram of rates of a summarised round: [lower, count] pairs,
 * each lower a bucket's own, adding up to the files rated. */
static int read_hist(struct fsc_jctx *c, const json_t *rates,
		     const char *where, struct fsc_file_stats *fs)
{
	const json_t *a, *v;
	char at[224];
	size_t k;
	int rc;

	a = fsc_jmember(c, rates, "histogram", where, true, JSON_ARRAY, &rc);
	if (!a)
		return -1;
	fsc_jat(at, sizeof(at), where, "histogram");
	fs->hist = xcalloc(1, sizeof(*fs->hist));
	json_array_foreach(a, k, v) {
		json_int_t lo = json_integer_value(json_array_get(v, 0));
		json_int_t n = json_integer_value(json_array_get(v, 1));

		if (json_array_size(v) != 2 ||
		    !json_is_integer(json_array_get(v, 0)) ||
		    !json_is_integer(json_array_get(v, 1)) || lo < 0 ||
		    n < 1 || fsc_hist_lower(fsc_hist_index((uint64_t)lo)) !=
		    (uint64_t)lo)
			return fsc_jbad(c, at, "expected [lower bound of a "
					"bucket, count] at %zu", k);
		fs->hist->bucket[fsc_hist_index((uint64_t)lo)] += (uint64_t)n;
		fs->hist->count += (uint64_t)n;
	}
	if (fs->hist->count != fs->rated)
		return fsc_jbad(c, at, "the counts add up to %llu, not the "
				"files rated (%llu)",
				(unsigned long long)fs->hist->count,
				(unsigned long long)fs->rated);
	return 0;
}

/* A round's files summarised in place of them (fsconc(1),
 * --file-detail): their count and the stats the summaries need. */
static int read_file_stats(struct fsc_jctx *c, const json_t *j,
			   const char *where, unsigned set,
			   struct fsc_round *rd)
{
	struct fsc_file_stats *fs = &rd->fstats;
	const json_t *rates, *slow, *tail;
	char at[192], sub[224];
	uint64_t files, file;
	long dir;
	int rc;

	fsc_jat(at, sizeof(at), where, "files_summary");
	memset(fs, 0, sizeof(*fs));
	if (fsc_jwhole(c, j, "files", at, true, 1, 1e15, &files) ||
	    fsc_jcount(c, j, "file_detail", at, &fs->detail) ||
	    fsc_jwhole(c, j, "rated", at, true, 0, (double)files,
		       &fs->rated))
		return -1;
	rd->nfiles = (size_t)files;
	rates = fsc_jmember(c, j, "bytes_per_sec", at, true, JSON_OBJECT,
			    &rc);
	if (!rates)
		return -1;
	fsc_jat(sub, sizeof(sub), at, "bytes_per_sec");
	if (fsc_jnumber(c, rates, "min", sub, true, &fs->min) ||
	    fsc_jnumber(c, rates, "max", sub, true, &fs->max) ||
	    fsc_jnumber(c, rates, "mean", sub, true, &fs->mean) ||
	    fsc_jnumber(c, rates, "m2", sub, true, &fs->m2) ||
	    read_hist(c, rates, sub, fs))
		return -1;
	slow = fsc_jmember(c, j, "slowest", at, false, JSON_OBJECT, &rc);
	if (rc < 0)
		return -1;
	fsc_jat(sub, sizeof(sub), at, "slowest");
	if (slow) {
		if (fsc_jwhole(c, slow, "file", sub, true, 0,
			       (double)files - 1, &file) ||
		    read_dir(c, slow, sub, set, true, &dir) ||
		    fsc_jnumber(c, slow, "bytes_per_sec", sub, true,
				&fs->slowest_rate))
			return -1;
		fs->has_slowest = true;
		fs->slowest = (size_t)file;
		fs->slowest_dir = (unsigned)dir;
	}
	tail = fsc_jmember(c, j, "tail", at, true, JSON_OBJECT, &rc);
	if (!tail)
		return -1;
	fsc_jat(sub, sizeof(sub), at, "tail");
	fs->tail.file = SIZE_MAX;
	if (fsc_jcount(c, tail, "start_ns", sub, &fs->tail.start_ns) ||
	    fsc_jcount(c, tail, "len_ns", sub, &fs->tail.len_ns) ||
	    fsc_jnumber(c, tail, "share", sub, true, &fs->tail.share) ||
	    fsc_jnumber(c, tail, "file_share", sub, true,
			&fs->tail.file_share) ||
	    fsc_jnumber(c, tail, "dir_share", sub, true,
			&fs->tail.dir_share) ||
	    read_dir(c, tail, sub, set, false, &dir))
		return -1;
	fs->tail.dir = (int)dir;
	if (json_is_integer(json_object_get(tail, "file"))) {
		if (fsc_jwhole(c, tail, "file", sub, true, 0,
			       (double)files - 1, &file))
			return -1;
		fs->tail.file = (size_t)file;
	}
	fs->valid = true;
	return 0;
}

static int read_noise(struct fsc_jctx *c, const json_t *j, const char *where,
		      struct fsc_noise *n)
{
	const json_t *o;
	char at[192];
	int rc;

	fsc_noise_unknown(n);
	o = fsc_jmember(c, j, "noise", where, false, JSON_OBJECT, &rc);
	if (rc < 0 || !o)
		return rc;
	fsc_jat(at, sizeof(at), where, "noise");
	return fsc_jnumber(c, o, "load", at, false, &n->load) ||
		fsc_jnumber(c, o, "steal", at, false, &n->steal) ||
		fsc_jnumber(c, o, "iowait", at, false, &n->iowait) ||
		fsc_jnumber(c, o, "user", at, false, &n->user) ||
		fsc_jnumber(c, o, "system", at, false, &n->system) ||
		fsc_jnumber(c, o, "psi_cpu", at, false, &n->psi[FSC_PSI_CPU]) ||
		fsc_jnumber(c, o, "psi_io", at, false, &n->psi[FSC_PSI_IO]) ||
		fsc_jnumber(c, o, "psi_memory", at, false,
			    &n->psi[FSC_PSI_MEMORY]) ? -1 : 0;
}

static int read_devices(struct fsc_jctx *c, const json_t *j, const char *where,
			struct fsc_round *rd)
{
	const json_t *a, *v;
	char at[192];
	size_t k;
	int rc;

	a = fsc_jmember(c, j, "devices", where, false, JSON_ARRAY, &rc);
	if (rc < 0)
		return -1;
	if (a && json_array_size(a))
		rd->dev = xcalloc(json_array_size(a) < FSC_DEV_MAX ?
				  json_array_size(a) : FSC_DEV_MAX,
				  sizeof(*rd->dev));
	json_array_foreach(a, k, v) {
		struct fsc_devfig *d = &rd->dev[rd->ndev];

		if (k >= FSC_DEV_MAX)
			break;
		snprintf(at, sizeof(at), "%s.devices[%zu]", where, k);
		if (!json_is_object(v))
			return fsc_jbad(c, at, "expected an object, not %s",
					fsc_jkind(v));
		if (fsc_jtext(c, v, "name", at, d->name, sizeof(d->name)) ||
		    fsc_jnumber(c, v, "busy", at, false, &d->busy) ||
		    fsc_jcount(c, v, "writes", at, &d->writes) ||
		    fsc_jcount(c, v, "bytes", at, &d->bytes) ||
		    fsc_jnumber(c, v, "bytes_per_sec", at, false,
				&d->bytes_per_sec) ||
		    fsc_jnumber(c, v, "in_flight", at, false, &d->in_flight) ||
		    fsc_jnumber(c, v, "cap_bytes_per_sec", at, false,
				&d->cap_bps))
			return -1;
		if (isnan(d->cap_bps))	/* null: no limit */
			d->cap_bps = INFINITY;
		rd->ndev++;
	}
	return 0;
}

static int read_ranks(struct fsc_jctx *c, const json_t *j, const char *where,
		      struct fsc_round *rd)
{
	const json_t *a, *v;
	char at[192];
	size_t k;
	int rc;

	a = fsc_jmember(c, j, "ranks", where, false, JSON_ARRAY, &rc);
	if (rc < 0 || !a || !json_array_size(a))
		return rc;
	/* Every rank of an MPI run (mpi.ranks), none alone. */
	if (json_array_size(a) != c->p->nranks || c->p->nranks < 2) {
		fsc_jat(at, sizeof(at), where, "ranks");
		return fsc_jbad(c, at, "%zu ranks, not the %u of mpi.ranks",
				json_array_size(a),
				c->p->nranks < 2 ? 0 : c->p->nranks);
	}
	rd->nranks = (unsigned)json_array_size(a);
	rd->ranks = xcalloc(rd->nranks, sizeof(*rd->ranks));
	json_array_foreach(a, k, v) {
		struct fsc_rank_result *r = &rd->ranks[k];
		uint64_t files;

		snprintf(at, sizeof(at), "%s.ranks[%zu]", where, k);
		if (!json_is_object(v))
			return fsc_jbad(c, at, "expected an object, not %s",
					fsc_jkind(v));
		if (fsc_jcount(c, v, "files", at, &files) ||
		    fsc_jcount(c, v, "bytes", at, &r->bytes) ||
		    fsc_jcount(c, v, "planned_bytes", at, &r->planned_bytes) ||
		    fsc_jcount(c, v, "start_ns", at, &r->start_ns) ||
		    fsc_jcount(c, v, "end_ns", at, &r->end_ns) ||
		    fsc_jcount(c, v, "cpu_user_ns", at, &r->cpu_user_ns) ||
		    fsc_jcount(c, v, "cpu_sys_ns", at, &r->cpu_sys_ns))
			return -1;
		r->nfiles = (size_t)files;
	}
	return 0;
}

static int read_phases(struct fsc_jctx *c, const json_t *j, const char *where,
		       struct fsc_phase_stats *s)
{
	const json_t *o, *ph;
	char at[192];
	int rc;

	o = fsc_jmember(c, j, "phases", where, false, JSON_OBJECT, &rc);
	if (rc < 0 || !o)
		return rc;
	for (int k = 0; k < FSC_NPHASE; k++) {
		snprintf(at, sizeof(at), "%s.phases", where);
		ph = fsc_jmember(c, o, fsc_phase_name(k), at, false,
				 JSON_OBJECT, &rc);
		if (rc < 0)
			return -1;
		if (!ph)
			continue;
		fsc_jat(at, sizeof(at), where, "phases");
		snprintf(at + strlen(at), sizeof(at) - strlen(at), ".%s",
			 fsc_phase_name(k));
		if (fsc_jcount(c, ph, "sum_ns", at, &s->sum_ns[k]) ||
		    fsc_jcount(c, ph, "p50_ns", at, &s->p50_ns[k]) ||
		    fsc_jcount(c, ph, "p99_ns", at, &s->p99_ns[k]))
			return -1;
	}
	return 0;
}

/* The round's timeline, when it has one: at most FSC_TIMELINE_MAX
 * intervals, adding up to the round's bytes. */
static int read_timeline(struct fsc_jctx *c, const json_t *j,
			 const char *where, struct fsc_round *rd)
{
	const json_t *tl, *b;
	char at[192], el[224];
	uint64_t iv, sum = 0;
	size_t k;
	int rc;

	tl = fsc_jmember(c, j, "timeline", where, false, JSON_OBJECT, &rc);
	if (!tl)
		return rc;
	fsc_jat(at, sizeof(at), where, "timeline");
	if (fsc_jwhole(c, tl, "interval_ns", at, true, 1, 1e18, &iv))
		return -1;
	b = fsc_jmember(c, tl, "bytes", at, true, JSON_ARRAY, &rc);
	if (!b)
		return -1;
	fsc_jat(el, sizeof(el), at, "bytes");
	if (!json_array_size(b) || json_array_size(b) > FSC_TIMELINE_MAX)
		return fsc_jbad(c, el, "expected 1 to %d numbers, not %zu",
				FSC_TIMELINE_MAX, json_array_size(b));
	rd->timeline.interval_ns = iv;
	rd->timeline.n = json_array_size(b);
	rd->timeline.bytes = xcalloc(rd->timeline.n, sizeof(uint64_t));
	json_array_foreach(b, k, tl) {
		json_int_t v = json_is_integer(tl) ? json_integer_value(tl) : -1;

		if (v < 0)
			return fsc_jbad(c, el, "expected whole numbers of 0 or "
					"more, not %s at %zu", fsc_jkind(tl), k);
		rd->timeline.bytes[k] = (uint64_t)v;
		sum += (uint64_t)v;
	}
	if (sum != rd->bytes)
		return fsc_jbad(c, el, "they add up to %llu, not the round's "
				"bytes (%llu)", (unsigned long long)sum,
				(unsigned long long)rd->bytes);
	return 0;
}

int fsc_load_round(struct fsc_jctx *c, const json_t *j, const char *where,
		   unsigned set, struct fsc_round *rd)
{
	static const char *const pct[FSC_NPCT] = { "p50", "p90", "p99",
						   "p999", "max" };
	const json_t *lat, *files, *kw, *v;
	char at[192];
	size_t k;
	bool planned;
	int rc;

	if (!json_is_object(j))
		return fsc_jbad(c, where, "expected an object, not %s",
				fsc_jkind(j));
	if (fsc_jnumber(c, j, "bytes_per_sec", where, true,
			&rd->bytes_per_sec) ||
	    fsc_jnumber(c, j, "achieved_depth", where, false,
			&rd->achieved_depth) ||
	    fsc_jnumber(c, j, "submit_share", where, false,
			&rd->submit_share) ||
	    fsc_jcount(c, j, "bytes", where, &rd->bytes) ||
	    fsc_jcount(c, j, "elapsed_ns", where, &rd->elapsed_ns) ||
	    fsc_jcount(c, j, "cpu_user_ns", where, &rd->cpu_user_ns) ||
	    fsc_jcount(c, j, "cpu_sys_ns", where, &rd->cpu_sys_ns) ||
	    fsc_jcount(c, j, "files_done", where, &rd->files_done) ||
	    fsc_jnumber(c, j, "files_per_sec", where, false,
			&rd->files_per_sec) ||
	    fsc_jnumber(c, j, "cpus", where, false, &rd->cpus) ||
	    fsc_jnumber(c, j, "cpus_busy", where, false, &rd->cpus_busy) ||
	    fsc_jcount(c, j, "barrier_skew_ns", where, &rd->barrier_skew_ns))
		return -1;
	if (isnan(rd->files_per_sec))
		rd->files_per_sec = 0;
	planned = json_object_get(j, "planned_bytes") != NULL;
	if (fsc_jcount(c, j, "planned_bytes", where, &rd->planned_bytes))
		return -1;
	if (!planned)	/* written only when a trial may stop short */
		rd->planned_bytes = rd->bytes;
	lat = fsc_jmember(c, j, "latency_ns", where, false, JSON_OBJECT, &rc);
	if (rc < 0)
		return -1;
	fsc_jat(at, sizeof(at), where, "latency_ns");
	for (int q = 0; lat && q < FSC_NPCT; q++)
		if (fsc_jcount(c, lat, pct[q], at, &rd->latency_ns[q]))
			return -1;
	if (lat && fsc_jcount(c, lat, "mean", at, &rd->latency_mean_ns))
		return -1;
	kw = fsc_jmember(c, j, "kernel_workers", where, false, JSON_OBJECT,
			 &rc);
	if (rc < 0)
		return -1;
	if (kw) {
		uint64_t served, peak;

		fsc_jat(at, sizeof(at), where, "kernel_workers");
		if (fsc_jwhole(c, kw, "served", at, false, 0, 1e9, &served) ||
		    fsc_jwhole(c, kw, "peak", at, false, 0, 1e9, &peak))
			return -1;
		rd->kworkers_sampled = true;
		rd->kworkers = (unsigned)served;
		rd->kworkers_peak = (unsigned)peak;
	}
	if (read_phases(c, j, where, &rd->phases) ||
	    read_noise(c, j, where, &rd->noise) ||
	    read_devices(c, j, where, rd) || read_ranks(c, j, where, rd) ||
	    read_timeline(c, j, where, rd))
		return -1;
	files = fsc_jmember(c, j, "files_summary", where, false, JSON_OBJECT,
			    &rc);
	if (rc < 0)
		return -1;
	if (files)
		return read_file_stats(c, files, where, set, rd);
	files = fsc_jmember(c, j, "files", where, false, JSON_ARRAY, &rc);
	if (rc < 0)
		return -1;
	if (!files || !json_array_size(files))
		return 0;
	rd->nfiles = json_array_size(files);
	rd->files = xcalloc(rd->nfiles, sizeof(*rd->files));
	json_array_foreach(files, k, v) {
		snprintf(at, sizeof(at), "%s.files[%zu]", where, k);
		if (read_file(c, v, at, set, &rd->files[k]) < 0)
			return -1;
	}
	return 0;
}
