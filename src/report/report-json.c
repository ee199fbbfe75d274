/* report-json.c - the result profile (schema fsconc-profile/1, documented
 * in fsconc(1) and schema/fsconc-profile-1.schema.json): the host, the
 * workload, the targets' fingerprints, and every round's raw figures
 * beside the summaries, so a planning tool can recompute anything. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <time.h>

#include <jansson.h>

#include "report/json-values.h"
#include "report/json-verdicts.h"
#include "report/report-json.h"
#include "result/timeline.h"
#include "util/phases.h"
#include "util/xalloc.h"

static json_t *host(const struct fsc_host *h)
{
	json_t *dirty = json_object();

	json_object_set_new(dirty, "limit_bytes", h->dirty.limit_bytes ?
			    fsc_json_u64(h->dirty.limit_bytes) : json_null());
	json_object_set_new(dirty, "dirtyable_bytes",
			    fsc_json_u64(h->dirty.dirtyable_bytes));
	json_object_set_new(dirty, "vm_dirty_bytes",
			    fsc_json_u64(h->dirty.dirty_bytes));
	json_object_set_new(dirty, "vm_dirty_ratio",
			    json_integer(h->dirty.dirty_ratio));
	json_object_set_new(dirty, "source", json_string(
		h->dirty.from_vmstat ? "nr_dirty_threshold" :
		h->dirty.dirty_bytes ? "vm.dirty_bytes" : "vm.dirty_ratio"));
	return json_pack("{s:o, s:o, s:o, s:I, s:I, s:I, s:o, s:o, s:o, s:o}",
			 "hostname", fsc_json_text(h->hostname),
			 "kernel", fsc_json_text(h->kernel),
			 "cpu_model", fsc_json_text(h->cpu_model),
			 "cores", (json_int_t)h->cores,
			 "pus", (json_int_t)h->pus,
			 "numa_nodes", (json_int_t)h->numa_nodes,
			 "memory_bytes", fsc_json_u64(h->memory_bytes),
			 "topology", fsc_json_text(h->topology),
			 "dirty_limit", dirty,
			 "ceiling", !h->has_ceiling ? json_null() :
			 json_pack("{s:o, s:o, s:o, s:o, s:I, s:b}",
				   "copy_1", fsc_json_real(h->ceiling.copy_1),
				   "copy_all",
				   fsc_json_real(h->ceiling.copy_all),
				   "touch_1", fsc_json_real(h->ceiling.touch_1),
				   "touch_all",
				   fsc_json_real(h->ceiling.touch_all),
				   "cpus", (json_int_t)h->ceiling.cpus,
				   "cached", h->ceiling.cached));
}

static json_t *workload(const struct fsc_result *p)
{
	const struct fsc_opts *o = p->opts;
	json_t *w, *engines = json_array(), *jobs = json_array();

	for (size_t i = 0; i < p->ntrials; i++) {
		const char *name = p->trials[i].engine->name;
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			if (p->trials[j].engine == p->trials[i].engine)
				seen = true;
		if (!seen)
			json_array_append_new(engines, json_string(name));
	}
	if (o->njobs)
		for (size_t i = 0; i < o->njobs; i++)
			json_array_append_new(jobs, json_integer(o->jobs[i]));
	else
		json_array_append_new(jobs, fsc_json_u64(
			o->files < FSC_MAX_JOBS ? o->files : FSC_MAX_JOBS));
	w = json_pack("{s:o, s:o, s:o, s:s, s:s, s:b, s:I, s:I, s:I}",
		      "files", fsc_json_u64(o->files),
		      "file_size", fsc_json_u64(o->size),
		      "block_size", fsc_json_u64(o->block_size),
		      "mode", fsc_mode_name(o->mode),
		      "fsync", fsc_fsync_name(o->fsync),
		      "direct", o->direct,
		      "iodepth", (json_int_t)o->iodepth,
		      "rounds", (json_int_t)o->rounds,
		      "warmup", (json_int_t)o->warmup);
	json_object_set_new(w, "cache", json_string(fsc_cache_name(o)));
	json_object_set_new(w, "rounds_auto", json_boolean(o->rounds_auto));
	if (o->rounds_auto) {
		json_object_set_new(w, "budget_ns", o->budget_ns ?
				    fsc_json_u64(o->budget_ns) : json_null());
		json_object_set_new(w, "budget_bytes", o->budget_bytes ?
				    fsc_json_u64(o->budget_bytes) :
				    json_null());
	}
	json_object_set_new(w, "rounds_stopped",
			    json_string(fsc_stop_name(p->stopped)));
	json_object_set_new(w, "bytes_per_trial",
			    fsc_json_u64(o->files * o->size));
	json_object_set_new(w, "engines", engines);
	json_object_set_new(w, "jobs", jobs);
	json_object_set_new(w, "bind", json_string(fsc_bind_name(o->bind)));
	if (o->stonewall_ns)
		json_object_set_new(w, "stonewall_ns",
				    fsc_json_u64(o->stonewall_ns));
	if (o->dirs_per_target)
		json_object_set_new(w, "dirs_per_target",
				    json_integer(o->dirs_per_target));
	return w;
}

static json_t *blockdev(const struct fsc_blockdev *b)
{
	json_t *j = json_object();

	json_object_set_new(j, "disk", fsc_json_text(b->name));
	json_object_set_new(j, "disks", json_integer(b->ndisks));
	json_object_set_new(j, "holder", fsc_json_text(b->holder));
	json_object_set_new(j, "dm_name", fsc_json_text(b->dm_name));
	json_object_set_new(j, "rotational", b->rotational < 0 ? json_null() :
			    json_boolean(b->rotational));
	json_object_set_new(j, "scheduler", fsc_json_text(b->scheduler));
	json_object_set_new(j, "logical_block_size", b->logical_block_size ?
			    json_integer(b->logical_block_size) : json_null());
	json_object_set_new(j, "write_cache", fsc_json_text(b->write_cache));
	json_object_set_new(j, "model", fsc_json_text(b->model));
	json_object_set_new(j, "size_bytes", b->size_bytes ?
			    fsc_json_u64(b->size_bytes) : json_null());
	json_object_set_new(j, "numa_node", b->numa_node < 0 ? json_null() :
			    json_integer(b->numa_node));
	json_object_set_new(j, "backing_file", fsc_json_text(b->backing_file));
	return j;
}

static json_t *target(const struct fsc_target *t)
{
	const struct fsc_fingerprint *fp = &t->fp;
	const struct fsc_mount *m = &fp->mount;
	char magic[24];
	json_t *j = json_object();

	snprintf(magic, sizeof(magic), "0x%lx", t->fsmagic);
	json_object_set_new(j, "path", fsc_json_text(t->path));
	json_object_set_new(j, "fstype", fsc_json_text(t->fstype));
	json_object_set_new(j, "fsmagic", json_string(magic));
	json_object_set_new(j, "mount_point", fsc_json_text(m->point));
	json_object_set_new(j, "mount_source", fsc_json_text(m->source));
	json_object_set_new(j, "mount_fstype", fsc_json_text(m->fstype));
	json_object_set_new(j, "mount_options", fsc_json_text(m->options));
	json_object_set_new(j, "super_options",
			    fsc_json_text(m->super_options));
	json_object_set_new(j, "upper_dir", fsc_json_text(fp->upper_dir));
	json_object_set_new(j, "upper_fstype", fsc_json_text(fp->upper_fstype));
	json_object_set_new(j, "memory_backed",
			    json_boolean(fp->memory_backed));
	json_object_set_new(j, "device", fp->has_bdev ?
			    fsc_json_text(fp->bdev.name) : json_null());
	json_object_set_new(j, "rotational", fp->has_bdev &&
			    fp->bdev.rotational >= 0 ?
			    json_boolean(fp->bdev.rotational) : json_null());
	json_object_set_new(j, "block_device", fp->has_bdev ?
			    blockdev(&fp->bdev) : json_null());
	json_object_set_new(j, "free_bytes", fsc_json_u64(t->free_bytes));
	json_object_set_new(j, "free_inodes", fsc_json_u64(t->free_inodes));
	return j;
}

static json_t *summary(const struct fsc_summary *s)
{
	return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I}",
			 "n", (json_int_t)s->n,
			 "min", fsc_json_real(s->min),
			 "q1", fsc_json_real(s->q1),
			 "median", fsc_json_real(s->median),
			 "q3", fsc_json_real(s->q3),
			 "max", fsc_json_real(s->max),
			 "mean", fsc_json_real(s->mean),
			 "stddev", fsc_json_real(s->stddev),
			 "iqr", fsc_json_real(s->iqr),
			 "outliers", (json_int_t)s->outliers);
}

/* bytes / planned: the share a --stonewall left written. */
static json_t *share(uint64_t bytes, uint64_t planned)
{
	return fsc_json_real(fsc_completed(bytes, planned));
}

/* Under MPI: every rank's part of a round. */
static json_t *ranks_json(const struct fsc_result *p, const struct fsc_round *r)
{
	json_t *a = json_array();

	for (unsigned k = 0; k < r->nranks; k++) {
		const struct fsc_rank_result *rr = &r->ranks[k];
		json_t *j = json_object();

		json_object_set_new(j, "rank", json_integer(k));
		json_object_set_new(j, "host",
				    fsc_json_text(fsc_plan_rank_host(p, k)));
		json_object_set_new(j, "files", fsc_json_u64(rr->nfiles));
		json_object_set_new(j, "bytes", fsc_json_u64(rr->bytes));
		json_object_set_new(j, "planned_bytes",
				    fsc_json_u64(rr->planned_bytes));
		json_object_set_new(j, "completed",
				    share(rr->bytes, rr->planned_bytes));
		json_object_set_new(j, "start_ns", fsc_json_u64(rr->start_ns));
		json_object_set_new(j, "end_ns", fsc_json_u64(rr->end_ns));
		json_object_set_new(j, "elapsed_ns",
				    fsc_json_u64(rr->end_ns - rr->start_ns));
		json_object_set_new(j, "bytes_per_sec",
				    fsc_json_real(fsc_rank_rate(rr)));
		json_object_set_new(j, "cpu_user_ns",
				    fsc_json_u64(rr->cpu_user_ns));
		json_object_set_new(j, "cpu_sys_ns",
				    fsc_json_u64(rr->cpu_sys_ns));
		json_array_append_new(a, j);
	}
	return a;
}

/* Under MPI: the ranks of each host added up. */
static json_t *hosts_json(const struct fsc_result *p, const struct fsc_round *r)
{
	json_t *a = json_array();

	for (unsigned h = 0; h < p->nhosts; h++) {
		struct fsc_host_result hr;
		json_t *j = json_object();

		fsc_round_host(p, r, h, &hr);
		json_object_set_new(j, "host", fsc_json_text(p->hosts[h]));
		json_object_set_new(j, "ranks", json_integer(hr.ranks));
		json_object_set_new(j, "bytes", fsc_json_u64(hr.bytes));
		json_object_set_new(j, "planned_bytes",
				    fsc_json_u64(hr.planned_bytes));
		json_object_set_new(j, "completed",
				    share(hr.bytes, hr.planned_bytes));
		json_object_set_new(j, "start_ns", fsc_json_u64(hr.start_ns));
		json_object_set_new(j, "end_ns", fsc_json_u64(hr.end_ns));
		json_object_set_new(j, "elapsed_ns",
				    fsc_json_u64(hr.end_ns - hr.start_ns));
		json_object_set_new(j, "bytes_per_sec",
				    fsc_json_real(hr.bytes_per_sec));
		json_object_set_new(j, "slowest_rank_bytes_per_sec",
				    fsc_json_real(hr.slowest_rank_bps));
		json_array_append_new(a, j);
	}
	return a;
}

/* The disks under the set's targets during a round (fsconc(1), WHY). */
static json_t *devices_json(const struct fsc_round *r)
{
	json_t *a = json_array();

	for (unsigned i = 0; i < r->ndev; i++) {
		const struct fsc_devfig *d = &r->dev[i];

		json_array_append_new(a, json_pack(
			"{s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "name", d->name,
			"busy", fsc_json_real(d->busy),
			"writes", fsc_json_u64(d->writes),
			"bytes", fsc_json_u64(d->bytes),
			"bytes_per_sec", fsc_json_real(d->bytes_per_sec),
			"in_flight", fsc_json_real(d->in_flight),
			"cap_bytes_per_sec", fsc_json_real(d->cap_bps)));
	}
	return a;
}

/* A file's phases, in ns, in the order of enum fsc_phase
 * (fsconc-profile(5)): compact, as there is one per file. */
static json_t *phases_ns(const uint64_t ph[FSC_NPHASE])
{
	json_t *a = json_array();

	for (int k = 0; k < FSC_NPHASE; k++)
		json_array_append_new(a, fsc_json_u64(ph[k]));
	return a;
}

/* Each phase over the round's files: its sum, p50 and p99. */
static json_t *phases_json(const struct fsc_phase_stats *s)
{
	json_t *o = json_object();

	for (int k = 0; k < FSC_NPHASE; k++)
		json_object_set_new(o, fsc_phase_name(k), json_pack(
			"{s:o, s:o, s:o}", "sum_ns", fsc_json_u64(s->sum_ns[k]),
			"p50_ns", fsc_json_u64(s->p50_ns[k]),
			"p99_ns", fsc_json_u64(s->p99_ns[k])));
	return o;
}

static json_t *round_json(const struct fsc_result *p,
			  const struct fsc_trial_result *t,
			  const struct fsc_round *r)
{
	const struct fsc_set *set = &p->sets[t->set];
	json_t *files = json_array(), *lat, *j;
	static const char *const pct[FSC_NPCT] = { "p50", "p90", "p99",
						   "p999", "max" };

	lat = json_object();
	for (int q = 0; q < FSC_NPCT; q++)
		json_object_set_new(lat, pct[q],
				    fsc_json_u64(r->latency_ns[q]));
	json_object_set_new(lat, "mean", fsc_json_u64(r->latency_mean_ns));
	for (size_t f = 0; r->files && f < r->nfiles; f++) {
		const struct fsc_file_result *fr = &r->files[f];
		uint64_t ns = fr->t_done - fr->t_open;

		json_t *jf = json_pack(
			"{s:o, s:o, s:o, s:o, s:o, s:o}",
			"dir", fsc_json_text(
				p->targets[set->dirs[fr->dir]].path),
			"bytes", fsc_json_u64(fr->bytes),
			"elapsed_ns", fsc_json_u64(ns),
			"bytes_per_sec", fsc_json_real(fsc_file_rate(fr)),
			"start_ns", fsc_json_u64(fr->t_open - r->t0),
			"end_ns", fsc_json_u64(fr->t_done - r->t0));

		json_object_set_new(jf, "phase_ns", phases_ns(fr->phase_ns));
		if (r->nranks) {
			json_object_set_new(jf, "rank", json_integer(fr->rank));
			json_object_set_new(jf, "host",
				fsc_json_text(fsc_plan_rank_host(p, fr->rank)));
		}
		json_array_append_new(files, jf);
	}
	/* Past --file-detail, the files summarised in their place. */
	if (!r->files && r->nfiles) {
		json_decref(files);
		files = fsc_json_file_stats(p, t->set, r);
	}
	j = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		      "bytes", fsc_json_u64(r->bytes),
		      "elapsed_ns", fsc_json_u64(r->elapsed_ns),
		      "bytes_per_sec", fsc_json_real(r->bytes_per_sec),
		      "cpu_user_ns", fsc_json_u64(r->cpu_user_ns),
		      "cpu_sys_ns", fsc_json_u64(r->cpu_sys_ns),
		      "submit_share", fsc_json_real(r->submit_share),
		      "achieved_depth", fsc_json_real(r->achieved_depth),
		      "latency_ns", lat,
		      r->files || !r->nfiles ? "files" : "files_summary",
		      files);
	json_object_set_new(j, "files_done", fsc_json_u64(r->files_done));
	json_object_set_new(j, "files_per_sec",
			    fsc_json_real(r->files_per_sec));
	json_object_set_new(j, "phases", phases_json(&r->phases));
	json_object_set_new(j, "noise", fsc_json_noise(&r->noise));
	json_object_set_new(j, "disturbed", json_boolean(r->disturbed));
	json_object_set_new(j, "devices", devices_json(r));
	json_object_set_new(j, "cpus", fsc_json_real(r->cpus));
	json_object_set_new(j, "cpus_busy", fsc_json_real(r->cpus_busy));
	if (r->kworkers_sampled)
		json_object_set_new(j, "kernel_workers", json_pack(
			"{s:I, s:I}", "served", (json_int_t)r->kworkers,
			"peak", (json_int_t)r->kworkers_peak));
	if (p->opts->stonewall_ns || r->nranks) {
		json_object_set_new(j, "planned_bytes",
				    fsc_json_u64(r->planned_bytes));
		json_object_set_new(j, "completed", share(r->bytes,
							  r->planned_bytes));
	}
	if (r->timeline.n)
		json_object_set_new(j, "timeline",
				    fsc_json_timeline(&r->timeline));
	if (r->nranks) {
		json_object_set_new(j, "barrier_skew_ns",
				    fsc_json_u64(r->barrier_skew_ns));
		json_object_set_new(j, "ranks", ranks_json(p, r));
		json_object_set_new(j, "hosts", hosts_json(p, r));
	}
	return j;
}

/* The ceiling a trial reads against (fsconc(1), CEILING), or null. */
static json_t *ceiling_json(const struct fsc_result *p,
			    const struct fsc_trial_result *t)
{
	struct fsc_ceiling_use u;

	if (!fsc_trial_ceiling(p, t, &u))
		return json_null();
	return json_pack("{s:I, s:o, s:o}",
			 "cores", (json_int_t)u.cores,
			 "bytes_per_sec", fsc_json_real(u.rate),
			 "share", fsc_json_real(u.share));
}

/* A trial's stragglers (fsconc(1), STRAGGLERS). */
static json_t *stragglers_json(const struct fsc_result *p,
			       const struct fsc_trial_result *t)
{
	const struct fsc_set *set = &p->sets[t->set];
	const struct fsc_straggler *s = &t->slowest;
	json_t *j = json_object(), *slow = json_null();

	json_object_set_new(j, "file_bytes_per_sec_p10",
			    fsc_json_real(t->file_p10));
	json_object_set_new(j, "file_bytes_per_sec_p90",
			    fsc_json_real(t->file_p90));
	json_object_set_new(j, "tail_share", fsc_json_real(t->tail_share));
	if (t->has_slowest) {
		slow = json_object();
		json_object_set_new(slow, "round", json_integer(s->round + 1));
		json_object_set_new(slow, "file", json_integer((json_int_t)
								s->file));
		json_object_set_new(slow, "dir", json_string(
			p->targets[set->dirs[s->dir < set->ndirs ? s->dir :
					     0]].path));
		json_object_set_new(slow, "bytes_per_sec",
				    fsc_json_real(s->rate));
		json_object_set_new(slow, "median_bytes_per_sec",
				    fsc_json_real(s->median));
		json_object_set_new(slow, "tail_share",
				    fsc_json_real(s->tail.share));
		json_object_set_new(slow, "tail_file_share",
				    fsc_json_real(s->tail.file_share));
		json_object_set_new(slow, "tail_dir", s->tail.dir >= 0 &&
				    (unsigned)s->tail.dir < set->ndirs ?
				    json_string(p->targets[set->dirs[
					s->tail.dir]].path) : json_null());
		json_object_set_new(slow, "straggled",
				    json_boolean(fsc_straggled(s)));
	}
	json_object_set_new(j, "slowest", slow);
	return j;
}

/* The dirty page-cache limit in the trial's timeline (fsconc(1),
 * MEASUREMENTS), or null; NULL when no round has a timeline. */
static json_t *dirty_json(const struct fsc_result *p,
			  const struct fsc_trial_result *t)
{
	const struct fsc_round *r = fsc_timeline_round(t);
	struct fsc_dirty_drop d;

	if (!r)
		return NULL;
	if (!fsc_timeline_dirty(r, p->host.dirty.limit_bytes, &d))
		return json_null();
	return json_pack("{s:I, s:o, s:o, s:o, s:o}",
			 "round", (json_int_t)(r - t->rounds + 1),
			 "at_ns", fsc_json_u64(d.at_ns),
			 "at_bytes", fsc_json_u64(d.at_bytes),
			 "before_bytes_per_sec", fsc_json_real(d.before_bps),
			 "after_bytes_per_sec", fsc_json_real(d.after_bps));
}

static json_t *result(const struct fsc_result *p,
		      const struct fsc_trial_result *t)
{
	const struct fsc_set *set = &p->sets[t->set];
	json_t *rounds = json_array(), *sum, *j;

	for (unsigned r = 0; r < t->done; r++)
		json_array_append_new(rounds, round_json(p, t, &t->rounds[r]));
	sum = json_object();
	/* Bytes/s, also under --size 0, where t->agg is files/s. */
	json_object_set_new(sum, "bytes_per_sec", summary(&t->bytes_ps));
	json_object_set_new(sum, "file_bytes_per_sec", summary(&t->file));
	json_object_set_new(sum, "files_per_sec", summary(&t->files_ps));
	json_object_set_new(sum, "speedup", t->has_speedup ?
			    json_pack("{s:o, s:o, s:o}",
				      "value", fsc_json_real(t->speedup.value),
				      "low", fsc_json_real(t->speedup.low),
				      "high", fsc_json_real(t->speedup.high)) :
			    json_null());
	json_object_set_new(sum, "cpu_s_per_gib",
			    fsc_json_real(t->cpu_s_per_gib));
	json_object_set_new(sum, "noise", fsc_json_noise(&t->noise));
	json_object_set_new(sum, "rounds_disturbed",
			    json_integer(t->disturbed));
	json_object_set_new(sum, "spread", fsc_json_real(t->spread));
	json_object_set_new(sum, "stragglers", stragglers_json(p, t));
	json_object_set_new(sum, "ceiling", ceiling_json(p, t));
	if ((j = dirty_json(p, t)))
		json_object_set_new(sum, "dirty_limit", j);
	j = json_object();
	json_object_set_new(j, "set", json_integer(t->set));
	json_object_set_new(j, "targets", fsc_json_paths(p, t->set));
	json_object_set_new(j, "split", json_boolean(set->ndirs > 1));
	json_object_set_new(j, "engine", json_string(t->engine->name));
	json_object_set_new(j, "jobs", json_integer(t->jobs));
	json_object_set_new(j, "iodepth", json_integer(t->iodepth));
	/* Only CPUs a writer was pinned to: none when the topology is not
	 * this machine's. */
	if (p->opts->bind != FSC_BIND_NONE && fsc_topo_pins()) {
		json_t *cpus = json_array();
		int node = fsc_plan_set_node(p, t->set);
		char buf[256];

		for (unsigned k = 0; k < (t->engine->async ? 1 : t->jobs); k++)
			if (fsc_topo_cpuset(p->opts->bind, k, node, buf,
					    sizeof(buf)) == 0)
				json_array_append_new(cpus, json_string(buf));
		json_object_set_new(j, "bind_cpus", cpus);
	}
	json_object_set_new(j, "rounds", rounds);
	json_object_set_new(j, "summary", sum);
	return j;
}

/* Under MPI: the ranks and the hosts they ran on. */
static json_t *mpi_json(const struct fsc_result *p)
{
	json_t *hosts = json_array();

	for (unsigned h = 0; h < p->nhosts; h++) {
		json_t *ranks = json_array();

		for (unsigned r = 0; r < p->nranks; r++)
			if (p->rank_host[r] == h)
				json_array_append_new(ranks, json_integer(r));
		json_array_append_new(hosts, json_pack("{s:o, s:o}",
			"host", fsc_json_text(p->hosts[h]), "ranks", ranks));
	}
	return json_pack("{s:I, s:o}", "ranks", (json_int_t)p->nranks,
			 "hosts", hosts);
}

/* Allocation failure ends the program in one place, as everywhere else. */
static void *json_xmalloc(size_t n)
{
	return xmalloc(n);
}

int fsc_report_json(FILE *out, const struct fsc_result *p)
{
	json_t *root, *targets = json_array(), *results = json_array();
	json_t *warnings = json_array(), *skipped = json_array();
	char created[32];
	struct tm tm;
	int rc;

	json_set_alloc_funcs(json_xmalloc, free);
	gmtime_r(&p->started, &tm);
	strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm);
	for (size_t i = 0; i < p->ntargets; i++)
		json_array_append_new(targets, target(&p->targets[i]));
	for (size_t i = 0; i < p->ntrials; i++)
		json_array_append_new(results, result(p, &p->trials[i]));
	for (size_t i = 0; i < p->nwarnings; i++)
		json_array_append_new(warnings, json_pack("{s:s, s:o}",
			"code", p->warnings[i].code,
			"message", fsc_json_text(p->warnings[i].text)));
	for (size_t i = 0; i < p->nskipped; i++)
		json_array_append_new(skipped, json_pack("{s:s, s:o}",
			"engine", p->skipped[i].engine,
			"reason", fsc_json_text(p->skipped[i].why)));
	root = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, "
			 "s:o, s:o}",
			 "schema", FSC_PROFILE_SCHEMA,
			 "fsconc_version", PACKAGE_VERSION,
			 "created", created,
			 "host", host(&p->host),
			 "workload", workload(p),
			 "targets", targets,
			 "results", results,
			 "models", fsc_json_models(p),
			 "verdicts", fsc_json_verdicts(p),
			 "warnings", warnings,
			 "skipped_engines", skipped);
	if (root && p->nranks > 1)
		json_object_set_new(root, "mpi", mpi_json(p));
	if (!root)
		return -ENOMEM;
	rc = fsc_json_dump(root, out);
	if (rc == 0 && fputc('\n', out) == EOF)
		rc = -1;
	json_decref(root);
	return rc < 0 ? -(errno ? errno : EIO) : 0;
}
