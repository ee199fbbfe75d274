/* plan.c - targets, target sets and trials; their summaries afterwards. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "run/direct.h"
#include "run/mpi-ranks.h"
#include "run/plan.h"
#include "run/warnings.h"
#include "util/units.h"
#include "util/xalloc.h"

#define TMPFS_MAGIC 0x01021994

static int add_target(struct fsc_result *p, const char *path, char *err,
		      size_t len)
{
	struct fsc_target t;

	if (fsc_target_probe(&t, path, err, len) < 0)
		return -1;
	for (size_t i = 0; i < p->ntargets; i++)
		if (p->targets[i].dev == t.dev && p->targets[i].ino == t.ino) {
			snprintf(err, len, "--dir '%s': same directory as '%s'",
				 t.name, p->targets[i].name);
			fsc_target_free(&t);
			return -1;
		}
	p->targets = xrealloc(p->targets, p->ntargets + 1, sizeof(t));
	p->targets[p->ntargets++] = t;
	return 0;
}

static int add_targets(struct fsc_result *p, const struct fsc_opts *o,
		       char *err, size_t len)
{
	const char *tmp;
	struct statfs sf;

	for (size_t i = 0; i < o->ndirs; i++)
		if (add_target(p, o->dirs[i], err, len) < 0) {
			fsc_opts_blame_dir(o, i, err, len);
			return -1;
		}
	if (o->ndirs)
		return 0;
	tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	if (add_target(p, tmp, err, len) < 0)
		return -1;
	if (statfs("/dev/shm", &sf) < 0 ||
	    (unsigned long)sf.f_type != TMPFS_MAGIC)
		p->default_note = "no tmpfs at /dev/shm to compare with";
	else if (add_target(p, "/dev/shm", err, len) < 0)
		p->default_note = "it is /dev/shm itself";	/* same dir */
	else
		p->default_note = "";
	err[0] = '\0';
	return 0;
}

static void add_sets(struct fsc_result *p)
{
	p->nsets = p->ntargets + (p->ntargets > 1);
	p->sets = xcalloc(p->nsets, sizeof(*p->sets));
	for (unsigned i = 0; i < p->ntargets; i++) {
		p->sets[i].dirs = xmalloc(sizeof(unsigned));
		p->sets[i].dirs[0] = i;
		p->sets[i].ndirs = 1;
	}
	if (p->ntargets > 1) {
		struct fsc_set *s = &p->sets[p->ntargets];
		s->ndirs = (unsigned)p->ntargets;
		s->dirs = xmalloc(p->ntargets * sizeof(unsigned));
		for (unsigned i = 0; i < p->ntargets; i++)
			s->dirs[i] = i;
	}
}

static int usable(const struct fsc_engine *e, const struct fsc_opts *o,
		  char *why, size_t len)
{
	if (e->missing) {
		snprintf(why, len, "not built: %s", e->missing);
		return -1;
	}
	if (o->dontcache && e->no_dontcache) {
		snprintf(why, len, "no --cache dontcache: %s", e->no_dontcache);
		return -1;
	}
	if (e->probe && e->probe(why, len) < 0)
		return -1;
	return 0;
}

/* The engines to run, in table order for "all", else as named. */
static int pick_engines(struct fsc_result *p, const struct fsc_opts *o,
			const struct fsc_engine ***out, size_t *n,
			char *err, size_t len)
{
	const struct fsc_engine **list = NULL;
	char why[256];

	*n = 0;
	if (o->engines_all) {
		for (size_t i = 0; fsc_engines[i]; i++) {
			if (usable(fsc_engines[i], o, why, sizeof(why)) < 0) {
				struct fsc_skip *s;
				p->skipped = xrealloc(p->skipped,
						      p->nskipped + 1,
						      sizeof(*p->skipped));
				s = &p->skipped[p->nskipped++];
				s->engine = fsc_engines[i]->name;
				snprintf(s->why, sizeof(s->why), "%s", why);
				continue;
			}
			list = xrealloc(list, *n + 1, sizeof(*list));
			list[(*n)++] = fsc_engines[i];
		}
	} else {
		for (size_t i = 0; i < o->nengines; i++) {
			const struct fsc_engine *e = fsc_engine_find(o->engines[i]);
			if (usable(e, o, why, sizeof(why)) < 0) {
				snprintf(err, len, "--engine '%s': %s",
					 e->name, why);
				free(list);
				return -1;
			}
			list = xrealloc(list, *n + 1, sizeof(*list));
			list[(*n)++] = e;
		}
	}
	if (*n == 0) {
		snprintf(err, len, "--engine: no engine can run here");
		free(list);
		return -1;
	}
	*out = list;
	return 0;
}

/* Under MPI: the host of every rank, each host named once. */
static void add_ranks(struct fsc_result *p)
{
	p->nranks = (unsigned)fsc_mpi_size();
	if (p->nranks < 2)
		return;
	p->rank_host = xcalloc(p->nranks, sizeof(*p->rank_host));
	for (unsigned r = 0; r < p->nranks; r++) {
		const char *h = fsc_mpi_host((int)r);
		unsigned k = 0;

		while (k < p->nhosts && strcmp(p->hosts[k], h) != 0)
			k++;
		if (k == p->nhosts) {
			p->hosts = xrealloc(p->hosts, p->nhosts + 1,
					    sizeof(*p->hosts));
			p->hosts[p->nhosts++] = xstrdup(h);
		}
		p->rank_host[r] = k;
	}
}

const char *fsc_plan_rank_host(const struct fsc_result *p, unsigned r)
{
	return p->rank_host && r < p->nranks ? p->hosts[p->rank_host[r]] : "";
}

/* FNV-1a, enough to tell two plans apart. */
static uint64_t hash(uint64_t h, const void *data, size_t n)
{
	const unsigned char *b = data;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

static uint64_t hash_u64(uint64_t h, uint64_t v)
{
	return hash(h, &v, sizeof(v));
}

int fsc_plan_agree(const struct fsc_result *p, char *err, size_t len)
{
	const struct fsc_opts *o = p->opts;
	uint64_t h = 0xcbf29ce484222325ULL;
	int r;

	h = hash_u64(h, p->ntargets);
	h = hash_u64(h, p->nsets);
	h = hash_u64(h, p->ntrials);
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];

		h = hash_u64(h, t->set);
		h = hash(h, t->engine->name, strlen(t->engine->name) + 1);
		h = hash_u64(h, t->jobs);
		h = hash_u64(h, t->iodepth);
	}
	h = hash_u64(h, o->rounds);
	h = hash_u64(h, o->rounds_auto);
	h = hash_u64(h, o->budget_ns);
	h = hash_u64(h, o->budget_bytes);
	h = hash_u64(h, o->warmup);
	h = hash_u64(h, o->stonewall_ns);
	h = hash_u64(h, o->keep);
	r = fsc_mpi_first_differing(h);
	if (r < 0)
		return 0;
	snprintf(err, len, "rank %d on %s would run other trials than rank 0 "
		 "on %s: the targets, engines, --jobs, --iodepth, --rounds, "
		 "--budget, --warmup, --stonewall or --keep differ (an engine that can "
		 "run on one host only?); give every rank the same, and name "
		 "the engines with --engine", r, fsc_mpi_host(r),
		 fsc_mpi_host(0));
	return -1;
}

/* --direct is bad input where a target has no direct I/O or wants another
 * alignment: refuse before anything is printed or created.  The probe is
 * an unnamed O_TMPFILE in the target; a file system without O_TMPFILE is
 * checked by the run, in fsconc's own directory. */
static int check_direct(const struct fsc_result *p, char *err, size_t len)
{
	for (size_t k = 0; k < p->ntargets; k++) {
		const struct fsc_target *t = &p->targets[k];
		struct fsc_dio d;
		int fd = open(t->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

		if (fd < 0)
			continue;	/* the run will say why */
		rc = fsc_direct_probe(fd, false, &d);
		close(fd);
		if (rc == -EINVAL) {
			fsc_direct_refused(err, len, t->name, t->fstype);
			return -1;
		}
		if (rc == 0 && fsc_direct_check(&d, p->opts->block_size,
						t->name, t->fstype, err,
						len) < 0)
			return -1;
	}
	return 0;
}

uint64_t fsc_plan_trial_blocks(const struct fsc_result *p,
			       const struct fsc_trial_result *t)
{
	uint64_t jobs = t->jobs < p->opts->files ? t->jobs : p->opts->files;

	return jobs * t->iodepth;
}

/* Each write in flight has a block of its own (engines/trial.c): refuse a plan
 * whose blocks would take over a quarter of the memory fsconc may use --
 * the machine's, or less when a memory cgroup or an rlimit says so (see
 * fsconc(1), --iodepth) -- where the writes would measure swapping, or
 * wake the OOM killer. */
static int check_buffers(const struct fsc_result *p, char *err, size_t len)
{
	const struct fsc_opts *o = p->opts;
	const struct fsc_trial_result *worst = NULL;
	struct fsc_memlimit m;
	uint64_t most = 0, bytes;
	char a[32], b[32], c[160], how[64];

	for (size_t i = 0; i < p->ntrials; i++) {
		uint64_t n = fsc_plan_trial_blocks(p, &p->trials[i]);

		if (n > most) {
			most = n;
			worst = &p->trials[i];
		}
	}
	fsc_memlimit_read(&m, p->host.memory_bytes);
	if (!worst || !m.bytes)
		return 0;
	bytes = most > UINT64_MAX / o->block_size ? UINT64_MAX :
		most * o->block_size;
	if (bytes <= m.bytes / 4)
		return 0;
	if (worst->engine->async)
		snprintf(how, sizeof(how), "--jobs %u x --iodepth %u",
			 worst->jobs, worst->iodepth);
	else
		snprintf(how, sizeof(how), "--jobs %u", worst->jobs);
	fsc_fmt_size(a, sizeof(a), o->block_size);
	fsc_fmt_bytes(b, sizeof(b), bytes, true);
	snprintf(err, len, "%s: %llu writes in flight (%s) of --block-size "
		 "%s take %s of buffers, a block each: over a quarter of %s; "
		 "use fewer --jobs, a smaller --iodepth or --block-size",
		 worst->engine->name, (unsigned long long)most, how, a, b,
		 fsc_memlimit_describe(&m, c, sizeof(c)));
	return -1;
}

/* The kernel's limits on writes in flight (fs.aio-max-nr, the io_uring
 * ring), tried at each engine's deepest trial now, before a trial
 * allocates its blocks: found at the trial's start, they were found
 * after gigabytes were allocated for nothing. */
static unsigned uring_mask(const struct fsc_opts *o)
{
	return (o->uring_fixed_buffers ? FSC_URING_FIXED_BUFFERS : 0) |
	       (o->uring_fixed_files ? FSC_URING_FIXED_FILES : 0) |
	       (o->uring_sqpoll ? FSC_URING_SQPOLL : 0);
}

/* --uring-*: only io_uring takes them; a run without an io_uring trial
 * would ignore them, so it is bad input. */
static int check_uring(const struct fsc_result *p, char *err, size_t len)
{
	const struct fsc_opts *o = p->opts;
	const char *opt = o->uring_fixed_buffers ? "--uring-fixed-buffers" :
		o->uring_fixed_files ? "--uring-fixed-files" :
		o->uring_sqpoll ? "--uring-sqpoll" : NULL;

	if (!opt)
		return 0;
	for (size_t i = 0; i < p->ntrials; i++)
		if (p->trials[i].engine->probe_uring)
			return 0;
	snprintf(err, len, "%s: only --engine io_uring takes it, and no "
		 "trial of this run uses io_uring; add --engine io_uring",
		 opt);
	return -1;
}

static int check_depth(const struct fsc_result *p, char *err, size_t len)
{
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i], *worst = t;
		uint64_t most = 0;
		char why[512] = "";
		bool seen = false;
		int rc;

		for (size_t k = 0; k < i && !seen; k++)
			seen = p->trials[k].engine == t->engine;
		if (!t->engine->probe_depth || seen)
			continue;	/* none, or tried at an earlier trial */
		for (size_t k = i; k < p->ntrials; k++)
			if (p->trials[k].engine == t->engine &&
			    fsc_plan_trial_blocks(p, &p->trials[k]) > most) {
				worst = &p->trials[k];
				most = fsc_plan_trial_blocks(p, worst);
			}
		if (most > UINT_MAX)
			most = UINT_MAX;
		rc = t->engine->probe_depth((unsigned)most, why, sizeof(why));
		if (rc == 0 && t->engine->probe_uring && uring_mask(p->opts)) {
			rc = t->engine->probe_uring(uring_mask(p->opts),
						    (unsigned)most,
						    p->opts->block_size, why,
						    sizeof(why));
			if (rc < 0) {
				snprintf(err, len, "%s", why);
				return -1;
			}
		}
		if (rc < 0) {
			snprintf(err, len, "%s: cannot keep %llu writes in "
				 "flight (--jobs %u x --iodepth %u): %s",
				 t->engine->name, (unsigned long long)most,
				 worst->jobs, worst->iodepth, why[0] ? why :
				 strerror(-rc));
			return -1;
		}
	}
	return 0;
}

int fsc_plan_build(struct fsc_result *p, const struct fsc_opts *o, char *err,
		   size_t len)
{
	const struct fsc_engine **engines;
	size_t nengines;
	unsigned defjobs = (unsigned)(o->files < FSC_MAX_JOBS ? o->files :
				      FSC_MAX_JOBS);

	memset(p, 0, sizeof(*p));
	p->opts = o;
	p->started = time(NULL);
	fsc_topo_host(&p->host);
	if (add_targets(p, o, err, len) < 0)
		return -1;
	if (o->direct && check_direct(p, err, len) < 0)
		return -1;
	add_sets(p);
	if (pick_engines(p, o, &engines, &nengines, err, len) < 0)
		return -1;
	for (unsigned s = 0; s < p->nsets; s++)
		for (size_t e = 0; e < nengines; e++) {
			size_t nj = engines[e]->concurrent && o->njobs ?
				o->njobs : 1;
			for (size_t j = 0; j < nj; j++) {
				struct fsc_trial_result *t;
				p->trials = xrealloc(p->trials, p->ntrials + 1,
						     sizeof(*p->trials));
				t = &p->trials[p->ntrials++];
				memset(t, 0, sizeof(*t));
				t->set = s;
				t->engine = engines[e];
				t->jobs = !engines[e]->concurrent ? 1 :
					o->njobs ? o->jobs[j] : defjobs;
				t->iodepth = engines[e]->async ? o->iodepth : 1;
				t->cap = o->rounds;
				t->rounds = xcalloc(t->cap,
						    sizeof(*t->rounds));
			}
		}
	free(engines);
	if (check_buffers(p, err, len) < 0 || check_uring(p, err, len) < 0 ||
	    check_depth(p, err, len) < 0)
		return -1;
	fsc_warnings_build(p);
	add_ranks(p);
	return 0;
}

void fsc_plan_free(struct fsc_result *p)
{
	for (size_t i = 0; i < p->ntrials; i++) {
		for (unsigned r = 0; r < p->trials[i].cap; r++)
			fsc_round_free(&p->trials[i].rounds[r]);
		free(p->trials[i].rounds);
		free(p->trials[i].kept);
	}
	for (size_t i = 0; i < p->nsets; i++)
		free(p->sets[i].dirs);
	for (size_t i = 0; i < p->ntargets; i++)
		fsc_target_free(&p->targets[i]);
	free(p->trials);
	free(p->sets);
	free(p->targets);
	free(p->skipped);
	free(p->warnings);
	free(p->models);
	for (unsigned k = 0; k < p->nhosts; k++)
		free(p->hosts[k]);
	free(p->hosts);
	free(p->rank_host);
	free(p->kept_elsewhere);
	memset(p, 0, sizeof(*p));
	fsc_topo_unload();
}

int fsc_plan_set_node(const struct fsc_result *p, unsigned set)
{
	const struct fsc_set *s = &p->sets[set];
	int node = -1;

	for (unsigned i = 0; i < s->ndirs; i++) {
		const struct fsc_target *t = &p->targets[s->dirs[i]];
		int n = t->fp.has_bdev ? t->fp.bdev.numa_node : -1;

		if (n < 0 || (node >= 0 && n != node))
			return -1;
		node = n;
	}
	return node;
}

unsigned fsc_plan_dir_of(const struct fsc_result *p, unsigned set, size_t i)
{
	const struct fsc_set *s = &p->sets[set];
	return s->dirs[i % s->ndirs];
}

uint64_t fsc_plan_bytes_on(const struct fsc_result *p, unsigned set,
			   unsigned k)
{
	return fsc_plan_files_on(p, set, k) * p->opts->size;
}

uint64_t fsc_plan_files_on(const struct fsc_result *p, unsigned set,
			   unsigned k)
{
	uint64_t n = 0;

	for (size_t i = 0; i < p->opts->files; i++)
		if (fsc_plan_dir_of(p, set, i) == k)
			n++;
	return n;
}

enum fsc_stop fsc_plan_more(struct fsc_result *p, unsigned counted,
			    uint64_t elapsed_ns, uint64_t round_bytes,
			    uint64_t bytes)
{
	const struct fsc_opts *o = p->opts;
	unsigned total = o->warmup + counted;
	bool waiting = false, any = false;

	if (counted < o->rounds)
		return FSC_STOP_NONE;
	if (!o->rounds_auto)
		return FSC_STOP_FIXED;
	fsc_result_summarize(p);
	for (unsigned s = 0; s < p->nsets; s++) {
		any |= p->sets[s].has_verdict;
		waiting |= p->sets[s].has_verdict &&
			p->sets[s].verdict.verdict == FSC_INCONCLUSIVE;
	}
	if (!any)
		return FSC_STOP_NOTHING;
	if (!waiting)
		return FSC_STOP_DECISIVE;
	if (o->keep)
		return FSC_STOP_KEEP;
	if (counted >= FSC_ROUNDS_MAX)
		return FSC_STOP_CAP;
	/* Another round, at the pace of those so far, must fit. */
	if (o->budget_ns && total &&
	    elapsed_ns + elapsed_ns / total > o->budget_ns)
		return FSC_STOP_TIME;
	if (o->budget_bytes && bytes + round_bytes > o->budget_bytes)
		return FSC_STOP_BYTES;
	return FSC_STOP_NONE;
}
