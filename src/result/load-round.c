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

static int read_file(struct fsc_jctx *c, const json_t *j, const char *where,
		     unsigned set, struct fsc_file_result *f)
{
	const struct fsc_result *p = c->p;
	const struct fsc_set *s = &p->sets[set];
	const json_t *ph, *v;
	uint64_t start, end, rank;
	char *dir = NULL, at[256];
	size_t k;
	int rc;

	if (!json_is_object(j))
		return fsc_jbad(c, where, "expected an object, not %s",
				fsc_jkind(j));
	if (fsc_jstring(c, j, "dir", where, true, &dir) < 0)
		return -1;
	for (k = 0; k < s->ndirs; k++)
		if (fsc_same_path(p->targets[s->dirs[k]].path, dir))
			break;
	free(dir);
	if (k == s->ndirs) {
		fsc_jat(at, sizeof(at), where, "dir");
		return fsc_jbad(c, at, "not one of the trial's targets");
	}
	f->dir = (unsigned)k;
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
