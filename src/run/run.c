/* run.c - the run loop: the run directories and what is checked in them
 * before the first write, the rounds of every trial in rotating order,
 * and each trial round from start to end (its trial set up, its files
 * made, written by the engine, verified, measured and removed), agreed on
 * with the other ranks at each step.  The trial's services to engines are
 * engines/trial.c, its files files.c, the round's figures
 * result/round.c, and what comes from other ranks ranks.c. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>

#include "engines/engine.h"
#include "engines/trial.h"
#include "host/devstat.h"
#include "host/noise.h"
#include "host/topo.h"
#include "result/labels.h"
#include "result/timeline.h"
#include "run/direct.h"
#include "run/files.h"
#include "run/mpi-ranks.h"
#include "run/ranks.h"
#include "run/run.h"
#include "run/rundir.h"
#include "run/subdirs.h"
#include "util/clock.h"
#include "util/histogram.h"
#include "util/msg.h"
#include "util/progress.h"
#include "util/sampler.h"
#include "util/xalloc.h"

static uint64_t tv_ns(struct timeval tv)
{
	return (uint64_t)tv.tv_sec * 1000000000u + (uint64_t)tv.tv_usec * 1000u;
}

/* A trial's raw figures.  A file the stonewall kept from being opened
 * is no part of them. */
static void measure(struct fsc_trial *t, struct rusage *ru0,
		    struct rusage *ru1, uint64_t skew, struct fsc_measured *m)
{
	struct fsc_rank_sums *s = &m->sums;

	memset(s, 0, sizeof(*s));
	m->hist = xcalloc(1, sizeof(*m->hist));
	/* The files opened, moved to the front of the trial's own array,
	 * which the round takes: one copy of them lives, not two. */
	for (size_t i = 0; i < t->nfiles; i++)
		if (t->files[i].t_open) {
			t->files[s->nfiles] = t->files[i];
			s->bytes += t->files[i].bytes;
			if (t->files[i].bytes == t->opts->size)
				s->files_done++;
			s->nfiles++;
		}
	m->files = t->files;
	t->files = NULL;
	s->planned = t->nfiles * t->opts->size;
	s->cpu_user_ns = tv_ns(ru1->ru_utime) - tv_ns(ru0->ru_utime);
	s->cpu_sys_ns = tv_ns(ru1->ru_stime) - tv_ns(ru0->ru_stime);
	s->nworkers = t->nworkers;
	for (unsigned k = 0; k < t->nworkers; k++) {
		fsc_hist_merge(m->hist, t->workers[k].hist);
		s->submit_ns += t->workers[k].submit_ns;
		s->depth_sum += t->workers[k].depth_sum;
		s->depth_n += t->workers[k].depth_n;
	}
	s->skew_ns = skew;
	s->kworkers_sampled = t->kworkers_sampled;
	s->kworkers = t->kworkers;
	s->kworkers_peak = t->kworkers_peak;
}

static void measured_free(struct fsc_measured *m)
{
	free(m->files);
	free(m->hist);
	memset(m, 0, sizeof(*m));
}

/* How a step went on this rank, as fsc_mpi_agree() takes it. */
static int local_status(struct fsc_trial *t, int rc, char *err, size_t len)
{
	if (atomic_load(&t->failed)) {
		snprintf(err, len, "%s", t->errmsg);
		return FSC_EXIT_FAIL;
	}
	if (fsc_stop_signal())
		return 128 + fsc_stop_signal();
	if (atomic_load(&t->peer_stop))
		return FSC_MPI_PEER;
	if (rc < 0) {
		snprintf(err, len, "%s: %s", t->engine->name,
			 strerror(-rc));
		return FSC_EXIT_FAIL;
	}
	return FSC_EXIT_OK;
}

/* What this rank tells the others when its writing is over: to stop, if
 * it failed; that the stonewall falls, if it wrote all its files first. */
static enum fsc_mpi_say say_of(struct fsc_trial *t, int rc)
{
	if (atomic_load(&t->failed) || fsc_stop_signal())
		return FSC_MPI_SAY_STOP;
	if (atomic_load(&t->peer_stop))
		return FSC_MPI_SAY_NOTHING;
	if (rc < 0)
		return FSC_MPI_SAY_STOP;
	if (t->opts->stonewall_ns && !atomic_load(&t->walled))
		return FSC_MPI_SAY_DONE;
	return FSC_MPI_SAY_NOTHING;
}

/* What the run has made, for an allocation failure to remove before
 * fsconc exits (xalloc_on_fail): the run directories opened, the files
 * of the trial under way and those kept. */
static struct {
	size_t opened;
	const struct fsc_trial_result *spec;
	struct fsc_file_id *ids;
} live;

/* The disks under the targets of set s, each once (fsconc(1), WHY). */
static unsigned set_disks(const struct fsc_result *p, unsigned s,
			  char names[][FSC_DEV_NAME])
{
	unsigned n = 0;

	for (unsigned i = 0; i < p->sets[s].ndirs; i++) {
		const struct fsc_target *tg = &p->targets[p->sets[s].dirs[i]];

		if (tg->fp.has_bdev)
			n = fsc_devstat_add(names, n, tg->fp.bdev.name);
	}
	return n;
}

/* One round of one trial.  Returns the exit status the run goes on with:
 * FSC_EXIT_OK, FSC_EXIT_FAIL (err set), or 128 + a signal.  Under MPI
 * every rank returns the same, agreed before the trial starts and after
 * it ends, and a rank that fails tells the others at once. */
static int run_trial(struct fsc_result *p, struct fsc_trial_result *spec,
		     unsigned round, const void *buf, size_t align, char *err,
		     size_t len)
{
	const struct fsc_opts *o = p->opts;
	unsigned total = o->warmup + o->rounds;
	bool counted = round >= o->warmup;
	bool keep = o->keep && round == total - 1;
	struct fsc_trial t;
	struct fsc_progress prog;
	struct rusage ru0, ru1;
	struct fsc_noise_sample n0, n1;
	struct fsc_devstat_sample d0, d1;
	char disks[FSC_DEV_MAX][FSC_DEV_NAME];
	unsigned ndisks = 0;
	double cpus = NAN;
	struct fsc_measured m = { 0 };
	struct fsc_mpi_watch *watch;
	struct fsc_samples samples = { 0 };
	struct fsc_sampler *sampler;
	char label[64], set[512], rmerr[512], of[16];
	uint64_t origin = 0, skew = 0;
	bool started;
	int rc, status;
	struct fsc_trial_setup ts = {
		.opts = o,
		.targets = p->targets,
		.dirs = p->sets[spec->set].dirs,
		.ndirs = p->sets[spec->set].ndirs,
		.set = spec->set,
		.engine = spec->engine,
		.jobs = spec->jobs,
		.file_name = fsc_file_name,
		.iodepth = spec->iodepth,
		.round = round,
		.node = fsc_plan_set_node(p, spec->set),
		.buf = buf,
		.align = align,
		.nown = (unsigned)fsc_plan_trial_blocks(p, spec),
	};

	ts.ids = xcalloc(o->files, sizeof(*ts.ids));
	live.spec = spec;
	live.ids = ts.ids;
	fsc_trial_init(&t, &ts);
	/* What its writers hold, should a stop not finish. */
	fsc_held_watch(&t);

	status = fsc_files_check_space(p, spec, err, len) < 0 ? FSC_EXIT_FAIL :
		FSC_EXIT_OK;
	if (status == FSC_EXIT_OK && o->mode != FSC_MODE_CREATE)
		status = local_status(&t, fsc_files_prepare(p, spec, &t),
				      err, len);
	if (status == FSC_EXIT_OK &&
	    fsc_files_sync_set(p, spec->set, err, len) < 0)
		status = FSC_EXIT_FAIL;
	/* Every rank is ready, or none starts. */
	status = fsc_mpi_agree(status, err, len);
	started = status == FSC_EXIT_OK;
	if (started) {
		/* --rounds auto: the count is not known in advance. */
		snprintf(of, sizeof(of), "/%u", counted ? o->rounds : o->warmup);
		snprintf(prog.what, sizeof(prog.what), "%s %u%s: %s on %s",
			 counted ? "round" : "warm-up",
			 counted ? round - o->warmup + 1 : round + 1,
			 counted && o->rounds_auto ? "" : of,
			 fsc_trial_label(spec, label, sizeof(label)),
			 fsc_set_label(p, spec->set, set, sizeof(set)));
		prog.total = o->files * o->size;
		prog.phase = "writing";
		prog.starts_trial = true;
		prog.bytes_done = fsc_trial_bytes_done;
		prog.arg = &t;
		fsc_progress_set(&prog);
		/* Engines pin the calling thread too: put it back after. */
		if (o->bind != FSC_BIND_NONE)
			fsc_topo_save_thread();
		origin = fsc_mpi_start(&skew);
		if (o->stonewall_ns)
			t.deadline = origin + o->stonewall_ns;
		watch = fsc_mpi_watch_start(&t.walled, &t.peer_stop);
		ndisks = set_disks(p, spec->set, disks);
		cpus = fsc_cpus_usable();
		if (!spec->engine->async && cpus > (double)t.jobs)
			cpus = (double)t.jobs;
		fsc_devstat_sample(&d0, "/sys", disks, ndisks);
		fsc_noise_sample(&n0);
		getrusage(RUSAGE_SELF, &ru0);
		/* The timeline: read off the counters the writers bump
		 * anyway, on a thread of its own (fsconc(1), MEASUREMENTS). */
		sampler = counted && o->interval_ns && !fsc_mpi_active() ?
			fsc_sampler_start(o->interval_ns, fsc_trial_bytes_done,
					  &t) : NULL;
		rc = spec->engine->run(&t);
		fsc_sampler_stop(sampler, &samples);
		getrusage(RUSAGE_SELF, &ru1);
		fsc_noise_sample(&n1);
		fsc_devstat_sample(&d1, "/sys", disks, ndisks);
		if (o->bind != FSC_BIND_NONE)
			fsc_topo_restore_thread();
		fsc_mpi_watch_end(watch, say_of(&t, rc));
		status = local_status(&t, rc, err, len);
		if (status == FSC_EXIT_OK && o->verify &&
		    fsc_files_verify(&t, prog.what, err, len) < 0)
			status = fsc_stop_signal() ? 128 + fsc_stop_signal() :
				FSC_EXIT_FAIL;
		if (status == FSC_EXIT_OK && counted)
			measure(&t, &ru0, &ru1, skew, &m);
	}
	if (keep && status == FSC_EXIT_OK) {
		spec->kept = t.ids;	/* removed at the end only on failure */
		t.ids = NULL;
		live.ids = NULL;
	} else if (fsc_files_remove(p, spec, t.ids, rmerr, sizeof(rmerr))) {
		fsc_progress_set(NULL);
		/* Said once: as the run's failure, or besides another. */
		if (status == FSC_EXIT_OK) {
			snprintf(err, len, "%s", rmerr);
			status = FSC_EXIT_FAIL;
		} else {
			fsc_error("%s", rmerr);
		}
	}
	fsc_progress_set(NULL);
	/* Every rank wrote and removed its files, or the trial failed on
	 * every rank, with the first failure's message.  (When it never
	 * started, the ranks agreed on that already.) */
	if (started)
		status = fsc_mpi_agree(status, err, len);
	if (status == FSC_EXIT_OK && counted) {
		struct fsc_round *out = fsc_trial_new_round(spec);

		fsc_ranks_round(&m, origin, out);
		/* What the summaries need of the files, now; past
		 * --file-detail, that is all that is kept of them. */
		fsc_round_file_stats(out, spec->jobs);
		if (out->nfiles > o->file_detail)
			fsc_round_summarise(out, o->file_detail);
		if (samples.n)
			fsc_timeline_build(samples.t_ns, samples.bytes,
					   samples.n, out->t0, out->t0 +
					   out->elapsed_ns, out->bytes,
					   o->interval_ns, &out->timeline);
		fsc_noise_between(&n0, &n1, &out->noise);
		out->dev = xcalloc(FSC_DEV_MAX, sizeof(*out->dev));
		out->ndev = fsc_devstat_between(&d0, &d1, out->dev);
		for (unsigned i = 0; i < out->ndev; i++)
			out->dev[i].cap_bps = fsc_devstat_cap(out->dev[i].name);
		out->cpus = cpus;
		out->cpus_busy = n1.t_ns > n0.t_ns ?
			(double)(tv_ns(ru1.ru_utime) - tv_ns(ru0.ru_utime) +
				 tv_ns(ru1.ru_stime) - tv_ns(ru0.ru_stime)) /
			(double)(n1.t_ns - n0.t_ns) : NAN;
	}
	fsc_held_watch(NULL);
	measured_free(&m);
	free(samples.t_ns);
	free(samples.bytes);
	fsc_trial_free(&t);
	live.ids = NULL;
	free(t.ids);
	return status;
}

/* Fill a block with non-zero bytes that do not compress (xorshift). */
static void *make_buffer(size_t n, size_t align)
{
	unsigned char *b = xaligned(align, n);
	uint64_t x = 0x9e3779b97f4a7c15ULL;

	for (size_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		b[i] = (unsigned char)(x | 1);
	}
	return b;
}

/* --direct: every target's file system must take O_DIRECT, and the block
 * size must suit its alignment.  The plan checked already where it could
 * without a named file; checked again here, in the run directories (which
 * are fsconc's own), before anything is written, for the rest and for the
 * buffer alignment.  FSC_EXIT_OK with the buffer alignment all targets
 * need in *align, else the exit status with err set. */
static int check_direct(struct fsc_result *p, size_t *align, char *err,
			size_t len)
{
	for (size_t k = 0; k < p->ntargets; k++) {
		struct fsc_target *tg = &p->targets[k];
		struct fsc_dio d;
		int rc = fsc_direct_probe(tg->dirfd, true, &d);

		if (rc == -EINVAL) {
			fsc_direct_refused(err, len, tg->name, tg->fstype);
			return FSC_EXIT_USAGE;
		}
		if (rc < 0) {
			snprintf(err, len, "--direct: cannot check direct I/O "
				 "in %s: %s", tg->rundir, strerror(-rc));
			return FSC_EXIT_FAIL;
		}
		if (fsc_direct_check(&d, p->opts->block_size, tg->name,
				     tg->fstype, err, len) < 0)
			return FSC_EXIT_USAGE;
		if (d.mem_align > *align)
			*align = d.mem_align;
	}
	return FSC_EXIT_OK;
}

/* --cache dontcache: every target must take RWF_DONTCACHE, which needs
 * Linux 6.14 and a file system that has it (not tmpfs).  Tried with one
 * byte in a file of fsconc's own in each run directory, before anything
 * else is written (fsconc(1), --cache).  FSC_EXIT_OK, else the exit
 * status with err set. */
static int check_dontcache(struct fsc_result *p, char *err, size_t len)
{
	for (size_t k = 0; k < p->ntargets; k++) {
		struct fsc_target *tg = &p->targets[k];
		int rc = fsc_dontcache_probe(tg->dirfd);
		struct utsname u;

		if (rc == -EOPNOTSUPP || rc == -EINVAL) {
			if (uname(&u) < 0)
				snprintf(u.release, sizeof(u.release), "?");
			snprintf(err, len, "--cache dontcache: %s (%s) takes no "
				 "uncached buffered writes (RWF_DONTCACHE) on "
				 "Linux %s; they need Linux 6.14 or later and a "
				 "file system that has them (ext4, xfs, btrfs; "
				 "not tmpfs); use --cache buffered or direct",
				 tg->name, tg->fstype, u.release);
			return FSC_EXIT_USAGE;
		}
		if (rc < 0) {
			snprintf(err, len, "--cache dontcache: cannot try "
				 "RWF_DONTCACHE in %s: %s", tg->rundir,
				 strerror(-rc));
			return FSC_EXIT_FAIL;
		}
	}
	return FSC_EXIT_OK;
}

static void remove_on_oom(void *arg)
{
	struct fsc_result *p = arg;
	char rmerr[512];

	if (live.spec && live.ids &&
	    fsc_files_remove(p, live.spec, live.ids, rmerr, sizeof(rmerr)))
		fsc_error("%s", rmerr);
	for (size_t k = 0; k < p->ntrials; k++)
		if (p->trials[k].kept &&
		    fsc_files_remove(p, &p->trials[k], p->trials[k].kept, rmerr,
				 sizeof(rmerr)))
			fsc_error("%s", rmerr);
	for (size_t k = 0; k < live.opened; k++) {
		struct fsc_target *tg = &p->targets[k];
		int crc;

		if (!tg->rundir)
			continue;
		if (fsc_subdirs_remove(tg, rmerr, sizeof(rmerr)))
			fsc_error("%s", rmerr);
		snprintf(rmerr, sizeof(rmerr), "%s", tg->rundir);
		crc = fsc_target_close(tg, false);
		if (crc < 0)
			fsc_error("could not remove %s: %s; `fsconc cleanup %s` "
				  "removes fsconc's own files", rmerr,
				  strerror(-crc), tg->name);
	}
}

int fsc_run(struct fsc_result *p, char *err, size_t len)
{
	const struct fsc_opts *o = p->opts;
	bool many = fsc_mpi_active();
	int rank = fsc_mpi_rank();
	size_t align = 4096;
	void *buf;
	int status = FSC_EXIT_OK;
	size_t opened = 0;
	uint64_t t0;
	bool keep;

	fsc_ranks_count_sharing(p);
	if (fsc_files_check_space(p, NULL, err, len) < 0)
		status = FSC_EXIT_FAIL;
	/* Under MPI each rank writes into a directory of its own, named by
	 * its host and rank. */
	memset(&live, 0, sizeof(live));
	xalloc_on_fail(remove_on_oom, p);
	for (; status == FSC_EXIT_OK && opened < p->ntargets; opened++) {
		if (fsc_target_open(&p->targets[opened],
				    many ? fsc_mpi_host(rank) : NULL, rank, err,
				    len) < 0) {
			status = FSC_EXIT_FAIL;
			break;
		}
		live.opened = opened + 1;
		/* Made with the run directory, before any clock starts
		 * (fsconc(1), --dirs-per-target). */
		if (fsc_subdirs_make(&p->targets[opened],
				     fsc_files_subdirs(p, (unsigned)opened),
				     err, len) < 0) {
			status = FSC_EXIT_FAIL;
			opened++;
			break;
		}
	}
	fsc_held_start(p->targets, opened);
	if (status == FSC_EXIT_OK && o->direct)
		status = check_direct(p, &align, err, len);
	if (status == FSC_EXIT_OK && o->dontcache)
		status = check_dontcache(p, err, len);
	status = fsc_mpi_agree(status, err, len);
	if (status != FSC_EXIT_OK)
		goto out;
	buf = make_buffer((size_t)o->block_size, align);
	/* With --rounds auto the progress line counts to the least rounds,
	 * and each round past them adds its trials. */
	fsc_progress_run((uint64_t)(o->warmup + o->rounds) * p->ntrials *
			 o->files * o->size,
			 (o->warmup + o->rounds) * (unsigned)p->ntrials);
	t0 = fsc_now_ns();
	for (unsigned r = 0; status == FSC_EXIT_OK; r++) {
		if (r >= o->warmup &&
		    (p->stopped = fsc_ranks_more_rounds(p, r - o->warmup,
				fsc_now_ns() - t0)) != FSC_STOP_NONE)
			break;
		if (r >= o->warmup + o->rounds)
			fsc_progress_grow((uint64_t)p->ntrials * o->files *
					  o->size, (unsigned)p->ntrials);
		for (size_t k = 0; k < p->ntrials && status == FSC_EXIT_OK;
		     k++) {
			size_t idx = (k + r) % p->ntrials;
			status = run_trial(p, &p->trials[idx], r, buf, align,
					   err, len);
		}
	}
	/* The last syncfs: what --keep keeps, and the run directories, are
	 * on the devices, or the run fails.  Every rank has the status the
	 * last trial agreed on, so all or none of them agree again here: a
	 * failure agreed on already keeps its message as it is. */
	if (status == FSC_EXIT_OK) {
		for (size_t k = 0; status == FSC_EXIT_OK && k < p->ntargets;
		     k++)
			if (fsc_files_sync_target(&p->targets[k], err, len) < 0)
				status = FSC_EXIT_FAIL;
		/* What --keep keeps must be where it says: every
		 * subdirectory still the one made (fsconc(1), SAFETY). */
		for (size_t k = 0; o->keep && status == FSC_EXIT_OK &&
		     k < p->ntargets; k++)
			if (fsc_subdirs_check(&p->targets[k], err, len) < 0)
				status = FSC_EXIT_FAIL;
		status = fsc_mpi_agree(status, err, len);
	}
	free(buf);
	for (size_t k = 0; status != FSC_EXIT_OK && k < p->ntrials; k++) {
		char rmerr[512];
		if (p->trials[k].kept &&
		    fsc_files_remove(p, &p->trials[k], p->trials[k].kept, rmerr,
				 sizeof(rmerr)) && strcmp(rmerr, err) != 0)
			fsc_error("%s", rmerr);	/* not said yet */
	}
out:
	/* --keep keeps what a run that went well made; what it becomes
	 * below does not take back what was kept. */
	keep = o->keep && status == FSC_EXIT_OK;
	for (size_t k = 0; k < opened; k++) {
		struct fsc_target *tg = &p->targets[k];
		char *dir = xstrdup(tg->rundir);
		char msg[1024];
		int crc;

		fsc_held_closing(k, true);
		if (keep)
			fsc_subdirs_forget(tg);	/* checked above */
		if (tg->nsub && fsc_subdirs_remove(tg, msg, sizeof(msg))) {
			if (status == FSC_EXIT_OK) {
				snprintf(err, len, "%s", msg);
				status = FSC_EXIT_FAIL;
			} else if (strcmp(msg, err) != 0) {
				fsc_error("%s", msg);	/* not said yet */
			}
		}
		crc = fsc_target_close(tg, keep);
		fsc_held_closing(k, false);
		if (crc == -ESTALE)
			snprintf(msg, sizeof(msg), "%s was moved or replaced "
				 "during the run (others can write to %s): "
				 "fsconc's files in it are removed, the "
				 "directory itself is left where it went", dir,
				 tg->name);
		else if (crc < 0)
			snprintf(msg, sizeof(msg), "could not remove %s: %s; "
				 "`fsconc cleanup %s` removes fsconc's own "
				 "files", dir, strerror(-crc), tg->name);
		else if (!keep)
			fsc_held_gone(k);
		/* A run that cannot take its directory away did not end
		 * well: it fails. */
		if (crc < 0 && status == FSC_EXIT_OK) {
			snprintf(err, len, "%s", msg);
			status = FSC_EXIT_FAIL;
		} else if (crc < 0) {
			fsc_error("%s", msg);
		}
		free(dir);
	}
	xalloc_on_fail(NULL, NULL);
	memset(&live, 0, sizeof(live));
	fsc_held_end();
	if (many && o->keep && status == FSC_EXIT_OK)
		fsc_ranks_gather_kept(p);
	return status;
}
