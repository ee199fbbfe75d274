/* plan.c - targets, target sets and trials; their summaries afterwards. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "direct.h"
#include "output.h"
#include "plan.h"
#include "xalloc.h"

#define TMPFS_MAGIC 0x01021994

static int add_target(struct fsc_plan *p, const char *path, char *err,
		      size_t len)
{
	struct fsc_target t;

	if (fsc_target_probe(&t, path, err, len) < 0)
		return -1;
	for (size_t i = 0; i < p->ntargets; i++)
		if (p->targets[i].dev == t.dev && p->targets[i].ino == t.ino) {
			snprintf(err, len, "--dir '%s': same directory as '%s'",
				 path, p->targets[i].path);
			fsc_target_free(&t);
			return -1;
		}
	p->targets = xrealloc(p->targets, p->ntargets + 1, sizeof(t));
	p->targets[p->ntargets++] = t;
	return 0;
}

static int add_targets(struct fsc_plan *p, const struct fsc_opts *o,
		       char *err, size_t len)
{
	const char *tmp;
	struct statfs sf;

	for (size_t i = 0; i < o->ndirs; i++)
		if (add_target(p, o->dirs[i], err, len) < 0)
			return -1;
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

static void add_sets(struct fsc_plan *p)
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

static int usable(const struct fsc_engine *e, char *why, size_t len)
{
	if (e->missing) {
		snprintf(why, len, "not built: %s", e->missing);
		return -1;
	}
	if (e->probe && e->probe(why, len) < 0)
		return -1;
	return 0;
}

/* The engines to run, in table order for "all", else as named. */
static int pick_engines(struct fsc_plan *p, const struct fsc_opts *o,
			const struct fsc_engine ***out, size_t *n,
			char *err, size_t len)
{
	const struct fsc_engine **list = NULL;
	char why[256];

	*n = 0;
	if (o->engines_all) {
		for (size_t i = 0; fsc_engines[i]; i++) {
			if (usable(fsc_engines[i], why, sizeof(why)) < 0) {
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
			if (usable(e, why, sizeof(why)) < 0) {
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

/* --direct is bad input where a target has no direct I/O or wants another
 * alignment: refuse before anything is printed or created.  The probe is
 * an unnamed O_TMPFILE in the target; a file system without O_TMPFILE is
 * checked by the run, in fsconc's own directory. */
static int check_direct(const struct fsc_plan *p, char *err, size_t len)
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
			fsc_direct_refused(err, len, t->path, t->fstype);
			return -1;
		}
		if (rc == 0 && fsc_direct_check(&d, p->opts->block_size,
						t->path, t->fstype, err,
						len) < 0)
			return -1;
	}
	return 0;
}

int fsc_plan_build(struct fsc_plan *p, const struct fsc_opts *o, char *err,
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
	if ((o->json_path && fsc_output_check("--json", o->json_path, p, err,
					      len) < 0) ||
	    (o->csv_path && fsc_output_check("--csv", o->csv_path, p, err,
					     len) < 0))
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
				struct fsc_trial_spec *t;
				p->trials = xrealloc(p->trials, p->ntrials + 1,
						     sizeof(*p->trials));
				t = &p->trials[p->ntrials++];
				memset(t, 0, sizeof(*t));
				t->set = s;
				t->engine = engines[e];
				t->jobs = !engines[e]->concurrent ? 1 :
					o->njobs ? o->jobs[j] : defjobs;
				t->iodepth = engines[e]->async ? o->iodepth : 1;
				t->rounds = xcalloc(o->rounds,
						    sizeof(*t->rounds));
			}
		}
	free(engines);
	fsc_warnings_build(p);
	return 0;
}

void fsc_plan_free(struct fsc_plan *p)
{
	for (size_t i = 0; i < p->ntrials; i++) {
		for (unsigned r = 0; r < p->opts->rounds; r++)
			free(p->trials[i].rounds[r].files);
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
	memset(p, 0, sizeof(*p));
	fsc_topo_unload();
}

int fsc_plan_set_node(const struct fsc_plan *p, unsigned set)
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

unsigned fsc_plan_dir_of(const struct fsc_plan *p, unsigned set, size_t i)
{
	const struct fsc_set *s = &p->sets[set];
	return s->dirs[i % s->ndirs];
}

uint64_t fsc_plan_bytes_on(const struct fsc_plan *p, unsigned set,
			   unsigned k)
{
	uint64_t n = 0;

	for (size_t i = 0; i < p->opts->files; i++)
		if (fsc_plan_dir_of(p, set, i) == k)
			n += p->opts->size;
	return n;
}

char *fsc_set_label(const struct fsc_plan *p, unsigned set, char *buf,
		    size_t len)
{
	const struct fsc_set *s = &p->sets[set];
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < s->ndirs && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? " + " : "",
					 p->targets[s->dirs[i]].path);
	return buf;
}

char *fsc_set_fstypes(const struct fsc_plan *p, unsigned set, char *buf,
		      size_t len)
{
	const struct fsc_set *s = &p->sets[set];
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < s->ndirs && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? " + " : "",
					 p->targets[s->dirs[i]].fstype);
	return buf;
}

char *fsc_trial_label(const struct fsc_trial_spec *t, char *buf, size_t len)
{
	if (t->engine->concurrent)
		snprintf(buf, len, "%s\u00d7%u", t->engine->name, t->jobs);
	else
		snprintf(buf, len, "%s", t->engine->name);
	return buf;
}

const struct fsc_trial_spec *fsc_plan_baseline(const struct fsc_plan *p,
					       unsigned set)
{
	for (size_t i = 0; i < p->ntrials; i++)
		if (p->trials[i].set == set &&
		    strcmp(p->trials[i].engine->name, "pwrite") == 0)
			return &p->trials[i];
	return NULL;
}

const struct fsc_trial_spec *fsc_plan_best(const struct fsc_plan *p,
					   unsigned set)
{
	const struct fsc_trial_spec *best = NULL;
	const struct fsc_trial_spec *base = fsc_plan_baseline(p, set);

	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_spec *t = &p->trials[i];
		if (t->set != set || t == base || !t->has_speedup)
			continue;
		if (!best || t->speedup.value > best->speedup.value)
			best = t;
	}
	return best;
}

void fsc_plan_summarize(struct fsc_plan *p)
{
	unsigned nr = p->opts->rounds;
	size_t nf = p->opts->files;
	double *agg = xmalloc(nr * sizeof(double));
	double *base = xmalloc(nr * sizeof(double));
	double *cpu = xmalloc(nr * sizeof(double));
	double *file = xmalloc(nr * nf * sizeof(double));

	for (size_t i = 0; i < p->ntrials; i++) {
		struct fsc_trial_spec *t = &p->trials[i];
		unsigned n = t->done;

		for (unsigned r = 0; r < n; r++) {
			const struct fsc_round *rd = &t->rounds[r];
			double gib = (double)rd->bytes / (1024.0 * 1024 * 1024);
			agg[r] = rd->bytes_per_sec;
			cpu[r] = gib > 0 ? (double)(rd->cpu_user_ns +
				 rd->cpu_sys_ns) / 1e9 / gib : 0;
			for (size_t f = 0; f < nf; f++) {
				const struct fsc_file_result *fr = &rd->files[f];
				uint64_t ns = fr->t_done - fr->t_open;
				file[r * nf + f] = ns ? (double)fr->bytes * 1e9 /
					(double)ns : 0;
			}
		}
		fsc_summarize(agg, n, &t->agg);
		fsc_summarize(file, n * nf, &t->file);
		t->cpu_s_per_gib = fsc_median(cpu, n);
	}
	for (size_t i = 0; i < p->ntrials; i++) {
		struct fsc_trial_spec *t = &p->trials[i];
		const struct fsc_trial_spec *b = fsc_plan_baseline(p, t->set);
		unsigned n = b && b->done < t->done ? b->done : t->done;

		if (!b || n == 0)
			continue;
		for (unsigned r = 0; r < n; r++) {
			agg[r] = t->rounds[r].bytes_per_sec;
			base[r] = b->rounds[r].bytes_per_sec;
		}
		fsc_speedup(agg, base, n, FSC_BOOTSTRAP_SEED + i, &t->speedup);
		t->has_speedup = true;
	}
	free(agg);
	free(base);
	free(cpu);
	free(file);
}
