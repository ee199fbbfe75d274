/* report-json.c - the result profile (schema fsconc-profile/1, documented
 * in fsconc(1) and schema/fsconc-profile-1.schema.json): the host, the
 * workload, the targets' fingerprints, and every round's raw figures
 * beside the summaries, so a planning tool can recompute anything. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "report/report-json.h"
#include "report/report-table.h"
#include "result/stats.h"
#include "result/why.h"
#include "util/phases.h"
#include "util/xalloc.h"

/* Numbers: bytes and nanoseconds as integers, rates and shares as reals
 * printed with 17 significant digits, so they read back bit for bit. */
static json_t *u64(uint64_t v)
{
	return json_integer(v > (uint64_t)INT64_MAX ? INT64_MAX
			    : (json_int_t)v);
}

static json_t *real(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* A string, or null when empty; bytes that are not UTF-8 (a path may
 * hold any) become '?', since JSON text must be Unicode. */
static json_t *text(const char *s)
{
	json_t *j;
	char *copy;

	if (!s || !*s)
		return json_null();
	j = json_string(s);
	if (j)
		return j;
	copy = xstrdup(s);
	for (char *c = copy; *c; c++)
		if ((unsigned char)*c >= 0x80)
			*c = '?';
	j = json_string(copy);
	free(copy);
	return j ? j : json_null();
}

static json_t *host(const struct fsc_host *h)
{
	json_t *dirty = json_object();

	json_object_set_new(dirty, "limit_bytes", h->dirty.limit_bytes ?
			    u64(h->dirty.limit_bytes) : json_null());
	json_object_set_new(dirty, "dirtyable_bytes",
			    u64(h->dirty.dirtyable_bytes));
	json_object_set_new(dirty, "vm_dirty_bytes", u64(h->dirty.dirty_bytes));
	json_object_set_new(dirty, "vm_dirty_ratio",
			    json_integer(h->dirty.dirty_ratio));
	json_object_set_new(dirty, "source", json_string(
		h->dirty.from_vmstat ? "nr_dirty_threshold" :
		h->dirty.dirty_bytes ? "vm.dirty_bytes" : "vm.dirty_ratio"));
	return json_pack("{s:o, s:o, s:o, s:I, s:I, s:I, s:o, s:o, s:o}",
			 "hostname", text(h->hostname),
			 "kernel", text(h->kernel),
			 "cpu_model", text(h->cpu_model),
			 "cores", (json_int_t)h->cores,
			 "pus", (json_int_t)h->pus,
			 "numa_nodes", (json_int_t)h->numa_nodes,
			 "memory_bytes", u64(h->memory_bytes),
			 "topology", text(h->topology),
			 "dirty_limit", dirty);
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
		json_array_append_new(jobs, u64(o->files < FSC_MAX_JOBS ?
						o->files : FSC_MAX_JOBS));
	w = json_pack("{s:o, s:o, s:o, s:s, s:s, s:b, s:I, s:I, s:I}",
		      "files", u64(o->files),
		      "file_size", u64(o->size),
		      "block_size", u64(o->block_size),
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
				    u64(o->budget_ns) : json_null());
		json_object_set_new(w, "budget_bytes", o->budget_bytes ?
				    u64(o->budget_bytes) : json_null());
	}
	json_object_set_new(w, "rounds_stopped",
			    json_string(fsc_stop_name(p->stopped)));
	json_object_set_new(w, "bytes_per_trial", u64(o->files * o->size));
	json_object_set_new(w, "engines", engines);
	json_object_set_new(w, "jobs", jobs);
	json_object_set_new(w, "bind", json_string(fsc_bind_name(o->bind)));
	if (o->stonewall_ns)
		json_object_set_new(w, "stonewall_ns", u64(o->stonewall_ns));
	return w;
}

static json_t *blockdev(const struct fsc_blockdev *b)
{
	json_t *j = json_object();

	json_object_set_new(j, "disk", text(b->name));
	json_object_set_new(j, "disks", json_integer(b->ndisks));
	json_object_set_new(j, "holder", text(b->holder));
	json_object_set_new(j, "dm_name", text(b->dm_name));
	json_object_set_new(j, "rotational", b->rotational < 0 ? json_null() :
			    json_boolean(b->rotational));
	json_object_set_new(j, "scheduler", text(b->scheduler));
	json_object_set_new(j, "logical_block_size", b->logical_block_size ?
			    json_integer(b->logical_block_size) : json_null());
	json_object_set_new(j, "write_cache", text(b->write_cache));
	json_object_set_new(j, "model", text(b->model));
	json_object_set_new(j, "size_bytes", b->size_bytes ?
			    u64(b->size_bytes) : json_null());
	json_object_set_new(j, "numa_node", b->numa_node < 0 ? json_null() :
			    json_integer(b->numa_node));
	json_object_set_new(j, "backing_file", text(b->backing_file));
	return j;
}

static json_t *target(const struct fsc_target *t)
{
	const struct fsc_fingerprint *fp = &t->fp;
	const struct fsc_mount *m = &fp->mount;
	char magic[24];
	json_t *j = json_object();

	snprintf(magic, sizeof(magic), "0x%lx", t->fsmagic);
	json_object_set_new(j, "path", text(t->path));
	json_object_set_new(j, "fstype", text(t->fstype));
	json_object_set_new(j, "fsmagic", json_string(magic));
	json_object_set_new(j, "mount_point", text(m->point));
	json_object_set_new(j, "mount_source", text(m->source));
	json_object_set_new(j, "mount_fstype", text(m->fstype));
	json_object_set_new(j, "mount_options", text(m->options));
	json_object_set_new(j, "super_options", text(m->super_options));
	json_object_set_new(j, "upper_dir", text(fp->upper_dir));
	json_object_set_new(j, "upper_fstype", text(fp->upper_fstype));
	json_object_set_new(j, "memory_backed", json_boolean(fp->memory_backed));
	json_object_set_new(j, "device", fp->has_bdev ? text(fp->bdev.name) :
			    json_null());
	json_object_set_new(j, "rotational", fp->has_bdev &&
			    fp->bdev.rotational >= 0 ?
			    json_boolean(fp->bdev.rotational) : json_null());
	json_object_set_new(j, "block_device", fp->has_bdev ?
			    blockdev(&fp->bdev) : json_null());
	json_object_set_new(j, "free_bytes", u64(t->free_bytes));
	json_object_set_new(j, "free_inodes", u64(t->free_inodes));
	return j;
}

static json_t *summary(const struct fsc_summary *s)
{
	return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I}",
			 "n", (json_int_t)s->n,
			 "min", real(s->min), "q1", real(s->q1),
			 "median", real(s->median), "q3", real(s->q3),
			 "max", real(s->max), "mean", real(s->mean),
			 "stddev", real(s->stddev), "iqr", real(s->iqr),
			 "outliers", (json_int_t)s->outliers);
}

/* bytes / planned: the share a --stonewall left written. */
static json_t *share(uint64_t bytes, uint64_t planned)
{
	return real(planned ? (double)bytes / (double)planned : 1.0);
}

/* Under MPI: every rank's part of a round. */
static json_t *ranks_json(const struct fsc_result *p, const struct fsc_round *r)
{
	json_t *a = json_array();

	for (unsigned k = 0; k < r->nranks; k++) {
		const struct fsc_rank_result *rr = &r->ranks[k];
		json_t *j = json_object();

		json_object_set_new(j, "rank", json_integer(k));
		json_object_set_new(j, "host", text(fsc_plan_rank_host(p, k)));
		json_object_set_new(j, "files", u64(rr->nfiles));
		json_object_set_new(j, "bytes", u64(rr->bytes));
		json_object_set_new(j, "planned_bytes", u64(rr->planned_bytes));
		json_object_set_new(j, "completed",
				    share(rr->bytes, rr->planned_bytes));
		json_object_set_new(j, "start_ns", u64(rr->start_ns));
		json_object_set_new(j, "end_ns", u64(rr->end_ns));
		json_object_set_new(j, "elapsed_ns",
				    u64(rr->end_ns - rr->start_ns));
		json_object_set_new(j, "bytes_per_sec",
				    real(fsc_rank_rate(rr)));
		json_object_set_new(j, "cpu_user_ns", u64(rr->cpu_user_ns));
		json_object_set_new(j, "cpu_sys_ns", u64(rr->cpu_sys_ns));
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
		json_object_set_new(j, "host", text(p->hosts[h]));
		json_object_set_new(j, "ranks", json_integer(hr.ranks));
		json_object_set_new(j, "bytes", u64(hr.bytes));
		json_object_set_new(j, "planned_bytes", u64(hr.planned_bytes));
		json_object_set_new(j, "completed",
				    share(hr.bytes, hr.planned_bytes));
		json_object_set_new(j, "start_ns", u64(hr.start_ns));
		json_object_set_new(j, "end_ns", u64(hr.end_ns));
		json_object_set_new(j, "elapsed_ns",
				    u64(hr.end_ns - hr.start_ns));
		json_object_set_new(j, "bytes_per_sec", real(hr.bytes_per_sec));
		json_object_set_new(j, "slowest_rank_bytes_per_sec",
				    real(hr.slowest_rank_bps));
		json_array_append_new(a, j);
	}
	return a;
}

/* What the machine did besides the trial (null: not known). */
static json_t *noise_json(const struct fsc_noise *n)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "load", real(n->load), "steal", real(n->steal),
			 "iowait", real(n->iowait), "user", real(n->user),
			 "system", real(n->system),
			 "psi_cpu", real(n->psi[FSC_PSI_CPU]),
			 "psi_io", real(n->psi[FSC_PSI_IO]),
			 "psi_memory", real(n->psi[FSC_PSI_MEMORY]));
}

/* The disks under the set's targets during a round (fsconc(1), WHY). */
static json_t *devices_json(const struct fsc_round *r)
{
	json_t *a = json_array();

	for (unsigned i = 0; i < r->ndev; i++) {
		const struct fsc_devfig *d = &r->dev[i];

		json_array_append_new(a, json_pack(
			"{s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "name", d->name,
			"busy", real(d->busy), "writes", u64(d->writes),
			"bytes", u64(d->bytes),
			"bytes_per_sec", real(d->bytes_per_sec),
			"in_flight", real(d->in_flight),
			"cap_bytes_per_sec", real(d->cap_bps)));
	}
	return a;
}

/* A file's phases, in ns, in the order of enum fsc_phase
 * (fsconc-profile(5)): compact, as there is one per file. */
static json_t *phases_ns(const uint64_t ph[FSC_NPHASE])
{
	json_t *a = json_array();

	for (int k = 0; k < FSC_NPHASE; k++)
		json_array_append_new(a, u64(ph[k]));
	return a;
}

/* Each phase over the round's files: its sum, p50 and p99. */
static json_t *phases_json(const struct fsc_phase_stats *s)
{
	json_t *o = json_object();

	for (int k = 0; k < FSC_NPHASE; k++)
		json_object_set_new(o, fsc_phase_name(k), json_pack(
			"{s:o, s:o, s:o}", "sum_ns", u64(s->sum_ns[k]),
			"p50_ns", u64(s->p50_ns[k]),
			"p99_ns", u64(s->p99_ns[k])));
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
		json_object_set_new(lat, pct[q], u64(r->latency_ns[q]));
	json_object_set_new(lat, "mean", u64(r->latency_mean_ns));
	for (size_t f = 0; f < r->nfiles; f++) {
		const struct fsc_file_result *fr = &r->files[f];
		uint64_t ns = fr->t_done - fr->t_open;

		json_t *jf = json_pack(
			"{s:o, s:o, s:o, s:o, s:o, s:o}",
			"dir", text(p->targets[set->dirs[fr->dir]].path),
			"bytes", u64(fr->bytes),
			"elapsed_ns", u64(ns),
			"bytes_per_sec", real(ns ? (double)fr->bytes * 1e9 /
					      (double)ns : 0),
			"start_ns", u64(fr->t_open - r->t0),
			"end_ns", u64(fr->t_done - r->t0));

		json_object_set_new(jf, "phase_ns", phases_ns(fr->phase_ns));
		if (r->nranks) {
			json_object_set_new(jf, "rank", json_integer(fr->rank));
			json_object_set_new(jf, "host",
				text(fsc_plan_rank_host(p, fr->rank)));
		}
		json_array_append_new(files, jf);
	}
	j = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		      "bytes", u64(r->bytes),
		      "elapsed_ns", u64(r->elapsed_ns),
		      "bytes_per_sec", real(r->bytes_per_sec),
		      "cpu_user_ns", u64(r->cpu_user_ns),
		      "cpu_sys_ns", u64(r->cpu_sys_ns),
		      "submit_share", real(r->submit_share),
		      "achieved_depth", real(r->achieved_depth),
		      "latency_ns", lat,
		      "files", files);
	json_object_set_new(j, "files_done", u64(r->files_done));
	json_object_set_new(j, "files_per_sec", real(r->files_per_sec));
	json_object_set_new(j, "phases", phases_json(&r->phases));
	json_object_set_new(j, "noise", noise_json(&r->noise));
	json_object_set_new(j, "disturbed", json_boolean(r->disturbed));
	json_object_set_new(j, "devices", devices_json(r));
	json_object_set_new(j, "cpus", real(r->cpus));
	json_object_set_new(j, "cpus_busy", real(r->cpus_busy));
	if (r->kworkers_sampled)
		json_object_set_new(j, "kernel_workers", json_pack(
			"{s:I, s:I}", "served", (json_int_t)r->kworkers,
			"peak", (json_int_t)r->kworkers_peak));
	if (p->opts->stonewall_ns || r->nranks) {
		json_object_set_new(j, "planned_bytes", u64(r->planned_bytes));
		json_object_set_new(j, "completed", share(r->bytes,
							  r->planned_bytes));
	}
	if (r->nranks) {
		json_object_set_new(j, "barrier_skew_ns",
				    u64(r->barrier_skew_ns));
		json_object_set_new(j, "ranks", ranks_json(p, r));
		json_object_set_new(j, "hosts", hosts_json(p, r));
	}
	return j;
}

static json_t *result(const struct fsc_result *p, const struct fsc_trial_result *t)
{
	const struct fsc_set *set = &p->sets[t->set];
	json_t *paths = json_array(), *rounds = json_array(), *sum, *j;

	for (unsigned i = 0; i < set->ndirs; i++)
		json_array_append_new(paths,
				      text(p->targets[set->dirs[i]].path));
	for (unsigned r = 0; r < t->done; r++)
		json_array_append_new(rounds, round_json(p, t, &t->rounds[r]));
	sum = json_object();
	/* --size 0 judges trials on files/s (t->agg): the bytes' rate is
	 * summarized from the rounds, all 0. */
	if (!p->opts->size) {
		double *v = xcalloc(t->done ? t->done : 1, sizeof(*v));
		struct fsc_summary b;

		for (unsigned r = 0; r < t->done; r++)
			v[r] = t->rounds[r].bytes_per_sec;
		fsc_summarize(v, t->done, &b);
		json_object_set_new(sum, "bytes_per_sec", summary(&b));
		free(v);
	} else {
		json_object_set_new(sum, "bytes_per_sec", summary(&t->agg));
	}
	json_object_set_new(sum, "file_bytes_per_sec", summary(&t->file));
	json_object_set_new(sum, "files_per_sec", summary(&t->files_ps));
	json_object_set_new(sum, "speedup", t->has_speedup ?
			    json_pack("{s:o, s:o, s:o}",
				      "value", real(t->speedup.value),
				      "low", real(t->speedup.low),
				      "high", real(t->speedup.high)) :
			    json_null());
	json_object_set_new(sum, "cpu_s_per_gib", real(t->cpu_s_per_gib));
	json_object_set_new(sum, "noise", noise_json(&t->noise));
	json_object_set_new(sum, "rounds_disturbed",
			    json_integer(t->disturbed));
	json_object_set_new(sum, "spread", real(t->agg.mean > 0 ?
					       t->agg.stddev / t->agg.mean :
					       NAN));
	j = json_object();
	json_object_set_new(j, "set", json_integer(t->set));
	json_object_set_new(j, "targets", paths);
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

/* The reason of set s's verdict: the rule that fired, its text and the
 * figures the rules read (fsconc(1), WHY). */
static json_t *why_json(const struct fsc_result *p, unsigned s)
{
	struct fsc_why_in in;
	struct fsc_why why;
	const char *rule;
	json_t *fig;

	fsc_why_gather(p, s, &in);
	fsc_why_decide(&in, &why);
	rule = fsc_why_rule_name(why.rule);
	fig = json_object();
	json_object_set_new(fig, "disk", text(in.disk));
	json_object_set_new(fig, "disk_busy", real(in.disk_busy));
	json_object_set_new(fig, "disk_bytes_per_sec", real(in.disk_cap_rate));
	json_object_set_new(fig, "disk_cap_bytes_per_sec", real(in.disk_cap));
	json_object_set_new(fig, "pwrite_bytes_per_sec", real(in.base_rate));
	json_object_set_new(fig, "pwrite_disks_bytes_per_sec",
			    real(in.base_disks_rate));
	json_object_set_new(fig, "pwrite_disks_busy", real(in.base_disks_busy));
	json_object_set_new(fig, "trial_bytes_per_sec", real(in.best_rate));
	json_object_set_new(fig, "trial_disks_bytes_per_sec",
			    real(in.best_disks_rate));
	json_object_set_new(fig, "trial_disks_busy", real(in.best_disks_busy));
	json_object_set_new(fig, "cpus", real(in.cpus));
	json_object_set_new(fig, "cpus_busy", real(in.cpus_busy));
	json_object_set_new(fig, "pwrite_cpus", real(in.base_cpus));
	json_object_set_new(fig, "pwrite_cpus_busy", real(in.base_cpus_busy));
	json_object_set_new(fig, "submit_share", real(in.submit_share));
	json_object_set_new(fig, "spread", real(in.spread));
	json_object_set_new(fig, "psi_cpu", real(in.stall));
	json_object_set_new(fig, "steal", real(in.steal));
	json_object_set_new(fig, "machine_busy", real(in.machine_busy));
	json_object_set_new(fig, "buffered", json_boolean(in.buffered));
	json_object_set_new(fig, "fsync", json_boolean(in.fsync));
	json_object_set_new(fig, "memory_backed",
			    json_boolean(in.memory_backed));
	return json_pack("{s:o, s:s, s:o}", "rule",
			 rule ? json_string(rule) : json_null(), "text",
			 why.text, "figures", fig);
}

static json_t *verdicts(const struct fsc_result *p)
{
	json_t *a = json_array();
	char buf[1024];

	for (unsigned s = 0; s < p->nsets; s++) {
		const struct fsc_trial_result *best = fsc_result_best(p, s);
		const struct fsc_set *set = &p->sets[s];
		json_t *paths;
		const struct fsc_decision *d = &set->verdict;
		json_t *v;

		if (!fsc_report_verdict(buf, sizeof(buf), p, s))
			continue;
		paths = json_array();
		for (unsigned i = 0; i < set->ndirs; i++)
			json_array_append_new(paths,
					text(p->targets[set->dirs[i]].path));
		v = json_pack("{s:I, s:o, s:s, s:s, s:I, s:I, s:I}",
			      "set", (json_int_t)s, "targets", paths,
			      "verdict", d->rounds < FSC_VERDICT_MIN_ROUNDS ?
			      "inconclusive" : fsc_verdict_name(d->verdict),
			      "engine", best->engine->name,
			      "jobs", (json_int_t)best->jobs,
			      "rounds", (json_int_t)d->rounds,
			      "candidates", (json_int_t)d->k);
		json_object_set_new(v, "confidence", real(1 - d->alpha));
		json_object_set_new(v, "speedup", json_pack(
			"{s:o, s:o, s:o}", "value", real(d->speedup.value),
			"low", real(d->speedup.low),
			"high", real(d->speedup.high)));
		json_object_set_new(v, "spread", real(d->spread));
		json_object_set_new(v, "noise", noise_json(&best->noise));
		json_object_set_new(v, "rounds_disturbed",
				    json_integer(best->disturbed));
		json_object_set_new(v, "rounds_needed",
				    d->verdict == FSC_INCONCLUSIVE && d->need ?
				    json_integer((json_int_t)d->need) :
				    json_null());
		json_object_set_new(v, "text", text(buf));
		json_object_set_new(v, "why", d->rounds < FSC_VERDICT_MIN_ROUNDS ?
				    json_null() : why_json(p, s));
		json_array_append_new(a, v);
	}
	return a;
}

/* Infinity (no peak) is null in JSON. */
static json_t *models(const struct fsc_result *p)
{
	json_t *a = json_array();
	char buf[1024];

	for (size_t i = 0; i < p->nmodels; i++) {
		const struct fsc_model *m = &p->models[i];
		const struct fsc_set *set = &p->sets[m->set];
		const struct fsc_usl *u = &m->usl;
		json_t *paths = json_array(), *usl, *j;

		for (unsigned d = 0; d < set->ndirs; d++)
			json_array_append_new(paths,
					text(p->targets[set->dirs[d]].path));
		usl = json_object();
		json_object_set_new(usl, "gamma", m->fitted ? real(u->gamma) :
				    json_null());
		json_object_set_new(usl, "alpha", m->fitted ? real(u->alpha) :
				    json_null());
		json_object_set_new(usl, "beta", m->fitted ? real(u->beta) :
				    json_null());
		json_object_set_new(usl, "peak_jobs", m->fitted ?
				    real(u->peak_jobs) : json_null());
		json_object_set_new(usl, "peak_bytes_per_sec", m->fitted ?
				    real(u->peak) : json_null());
		json_object_set_new(usl, "r2", real(u->r2));
		json_object_set_new(usl, "ceiling_bytes_per_sec", m->fitted ?
				    real(u->ceiling) : json_null());
		json_object_set_new(usl, "rmse", real(u->rmse));
		json_object_set_new(usl, "iterations",
				    json_integer(u->iterations));
		j = json_object();
		json_object_set_new(j, "set", json_integer(m->set));
		json_object_set_new(j, "targets", paths);
		json_object_set_new(j, "engine", json_string(m->engine->name));
		json_object_set_new(j, "basis", json_string("median"));
		json_object_set_new(j, "levels", json_integer(m->levels));
		json_object_set_new(j, "max_jobs", json_integer(m->max_jobs));
		json_object_set_new(j, "usl", usl);
		json_object_set_new(j, "refused", m->fitted ? json_null() :
				    text(m->why));
		json_object_set_new(j, "text", text(fsc_report_model(
			buf, sizeof(buf), p, m)));
		json_array_append_new(a, j);
	}
	return a;
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
			"host", text(p->hosts[h]), "ranks", ranks));
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
			"message", text(p->warnings[i].text)));
	for (size_t i = 0; i < p->nskipped; i++)
		json_array_append_new(skipped, json_pack("{s:s, s:o}",
			"engine", p->skipped[i].engine,
			"reason", text(p->skipped[i].why)));
	root = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, "
			 "s:o, s:o}",
			 "schema", FSC_PROFILE_SCHEMA,
			 "fsconc_version", PACKAGE_VERSION,
			 "created", created,
			 "host", host(&p->host),
			 "workload", workload(p),
			 "targets", targets,
			 "results", results,
			 "models", models(p),
			 "verdicts", verdicts(p),
			 "warnings", warnings,
			 "skipped_engines", skipped);
	if (root && p->nranks > 1)
		json_object_set_new(root, "mpi", mpi_json(p));
	if (!root)
		return -ENOMEM;
	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
			JSON_REAL_PRECISION(17));
	if (rc == 0 && fputc('\n', out) == EOF)
		rc = -1;
	json_decref(root);
	return rc < 0 ? -(errno ? errno : EIO) : 0;
}
