/* report_golden_test.c - every report of results made up in memory, byte
 * for byte against the files in tests/golden: the header, the tables and
 * notes (compact and --wide, --iec, a narrow terminal), --quiet, the JSON
 * profile and the CSV rows.  What varies from run to run (the measured
 * figures) is fixed here, so any change to what a report prints shows.
 *
 * FSC_GOLDEN_WRITE=1 writes the files instead, for a change to the reports
 * that is meant; each mismatch leaves what was printed in NAME.out. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report/report-csv.h"
#include "report/report-json.h"
#include "report/report-table.h"
#include "run/plan.h"
#include "util/phases.h"

#ifndef GOLDEN_DIR
#define GOLDEN_DIR "tests/golden"
#endif

#define MAXTRIALS 24
#define MAXROUNDS 3
#define MAXFILES 8
#define MAXRANKS 4

/* The engines as the reports see them, fixed here so that a build without
 * libaio or liburing prints the same. */
static const struct fsc_engine e_pwrite = {
	.name = "pwrite", .summary = "one thread",
};
static const struct fsc_engine e_threads = {
	.name = "threads", .summary = "one thread a file",
	.concurrent = true,
};
static const struct fsc_engine e_libaio = {
	.name = "libaio", .summary = "Linux AIO",
	.concurrent = true, .async = true, .submit_call = "io_submit",
	.sync_note = "libaio does a buffered write inside io_submit",
};
static const struct fsc_engine e_uring = {
	.name = "io_uring", .summary = "io_uring",
	.concurrent = true, .async = true,
};

enum variant { V_SPLIT, V_SMALL, V_SIZE0, V_MPI, V_FEW };

struct world {
	struct fsc_opts o;
	struct fsc_result p;
	struct fsc_target t[2];
	struct fsc_set sets[3];
	unsigned dirs[4];
	struct fsc_trial_result trials[MAXTRIALS];
	struct fsc_round rounds[MAXTRIALS][MAXROUNDS];
	struct fsc_devfig devs[MAXTRIALS][MAXROUNDS];
	struct fsc_file_result files[MAXTRIALS][MAXROUNDS][MAXFILES];
	struct fsc_rank_result ranks[MAXTRIALS][MAXROUNDS][MAXRANKS];
	struct fsc_warning warnings[2];
	struct fsc_skip skipped[1];
	char *hosts[2];
	unsigned rank_host[MAXRANKS];
	struct fsc_mount mount;
};

static void target(struct fsc_target *t, const char *path, const char *fs,
		   unsigned long magic, bool memory)
{
	t->path = t->name = (char *)path;
	snprintf(t->fstype, sizeof(t->fstype), "%s", fs);
	t->fsmagic = magic;
	t->free_bytes = 123456789012ULL;
	t->free_inodes = 987654;
	t->fp.memory_backed = memory;
}

/* The rate of a trial on set s before the round's wobble: pwrite's
 * base, times a curve that rises and bends over jobs. */
static double rate_of(const struct fsc_trial_result *t, double base)
{
	double j = t->jobs;

	if (t->engine == &e_pwrite)
		return base;
	if (t->engine == &e_libaio)
		return base * 1.03;
	if (t->engine == &e_uring)
		return base * 1.7;
	return base * j / (1 + 0.35 * (j - 1) + 0.012 * j * (j - 1));
}

static void fill_round(struct world *w, unsigned i, unsigned r, double base,
		       enum variant v)
{
	struct fsc_trial_result *t = &w->trials[i];
	struct fsc_round *rd = &w->rounds[i][r];
	const struct fsc_opts *o = &w->o;
	unsigned nf = (unsigned)o->files;
	double rate = rate_of(t, base) * (1 + 0.04 * r - 0.013 * (i % 5));
	uint64_t planned = o->files * o->size, t0 = 1000000000ULL * (i + 1) +
		100000000ULL * r;
	double share = 1.0;

	/* Small files: rounds that scatter, for an inconclusive verdict. */
	if (v == V_SMALL && t->engine != &e_pwrite)
		rate *= (i + r) % 2 ? 1.12 : 0.88;
	/* --stonewall: the split set's threads x16 stopped at 3/4. */
	if (o->stonewall_ns && t->jobs == 16)
		share = 0.75 - 0.01 * r;
	rd->t0 = t0;
	rd->planned_bytes = planned;
	rd->bytes = (uint64_t)((double)planned * share);
	rd->elapsed_ns = o->size ? (uint64_t)((double)rd->bytes / rate * 1e9) :
		(uint64_t)(nf * 1e9 / (rate / 1e6)) + 1000 * r;
	rd->bytes_per_sec = rd->elapsed_ns ? (double)rd->bytes * 1e9 /
		(double)rd->elapsed_ns : 0;
	rd->files_done = share < 1 ? nf - 1 : nf;
	rd->files_per_sec = (double)rd->files_done * 1e9 /
		(double)rd->elapsed_ns;
	rd->cpu_user_ns = 1000000ULL * (i + 3) + 7777 * r;
	rd->cpu_sys_ns = 3000000ULL * (t->jobs + 1) + 333 * r;
	if (t->engine->async) {
		bool sync = t->engine == &e_libaio;
		rd->submit_share = sync ? 0.93 + 0.01 * r : 0.21 + 0.02 * r;
		rd->achieved_depth = sync ? 1.0 : 3.4 + 0.1 * r;
	} else {
		rd->submit_share = 0.01 * (r + 1);
		rd->achieved_depth = t->jobs;
	}
	if (t->engine == &e_uring) {
		rd->kworkers_sampled = true;
		rd->kworkers = 4 + (r == 1);
		rd->kworkers_peak = 2;
	}
	for (int q = 0; q < FSC_NPCT; q++)
		rd->latency_ns[q] = (uint64_t)(900 * (q + 1) * (q + 1) *
			(1 + t->jobs / 4.0)) + 37 * r + 11 * i;
	rd->latency_mean_ns = rd->latency_ns[0] + 123;
	rd->files = w->files[i][r];
	rd->nfiles = nf;
	for (unsigned f = 0; f < nf; f++) {
		struct fsc_file_result *fr = &rd->files[f];
		uint64_t ns = rd->elapsed_ns / nf * (f + 1) / 2 + 5000 + 17 * f;
		/* The tmpfs set's io_uring spends most of its time in fsync. */
		bool sync_heavy = t->engine == &e_uring && t->set == 1;

		fr->dir = w->sets[t->set].ndirs > 1 ? f % 2 : 0;
		fr->rank = v == V_MPI ? f % MAXRANKS : 0;
		fr->bytes = (uint64_t)((double)o->size * (f == nf - 1 ?
							   share : 1.0));
		if (share < 1 && f == nf - 1 && r == 2)
			fr->bytes = 0;	/* caught before its first write */
		fr->t_open = t0 + 1000 * f;
		fr->t_done = fr->t_open + ns;
		fr->phase_ns[FSC_PHASE_OPEN] = ns / 50;
		fr->phase_ns[FSC_PHASE_TRUNCATE] = o->mode == FSC_MODE_TRUNCATE ?
			ns / 40 : 0;
		fr->phase_ns[FSC_PHASE_FSYNC] = o->fsync == FSC_FSYNC_END ?
			(sync_heavy ? ns * 6 / 10 : ns / 5) : 0;
		fr->phase_ns[FSC_PHASE_CLOSE] = ns / 100;
		fr->phase_ns[FSC_PHASE_WRITE] = ns -
			fr->phase_ns[FSC_PHASE_OPEN] -
			fr->phase_ns[FSC_PHASE_TRUNCATE] -
			fr->phase_ns[FSC_PHASE_FSYNC] -
			fr->phase_ns[FSC_PHASE_CLOSE];
	}
	fsc_phases_summarize(rd->files, rd->nfiles, &rd->phases);
	/* The machine meanwhile: quiet, but for one disturbed round, a busy
	 * pwrite on the split set, and one trial that knows nothing. */
	rd->noise.load = 0.5 + 0.25 * r;
	rd->noise.steal = 0.01;
	rd->noise.iowait = 0.02 + 0.001 * r;
	rd->noise.user = 0.10 + 0.01 * i;
	rd->noise.system = 0.05;
	rd->noise.psi[FSC_PSI_CPU] = 0.03;
	rd->noise.psi[FSC_PSI_IO] = 0.04 + 0.005 * r;
	rd->noise.psi[FSC_PSI_MEMORY] = 0.0;
	if (i == 2 && r == 1)
		rd->noise.psi[FSC_PSI_CPU] = 0.61;
	if (t->set == 2 && t->engine == &e_pwrite)
		rd->noise.psi[FSC_PSI_CPU] = 0.30 + 0.01 * r;
	if (t->engine == &e_libaio && t->set == 1)
		fsc_noise_unknown(&rd->noise);
	/* The disks: the ext4 target's, busy, one under a write limit on
	 * the split set. */
	rd->cpus = t->engine->async ? 1 : t->jobs;
	rd->cpus_busy = rd->cpus * (0.4 + 0.1 * r);
	if (t->set != 1 || v == V_MPI) {
		struct fsc_devfig *d = &w->devs[i][r];

		rd->dev = d;
		rd->ndev = 1;
		snprintf(d->name, sizeof(d->name), "sda");
		d->busy = t->engine == &e_pwrite ? 0.95 : 0.97 - 0.01 * r;
		d->writes = 1000 + 10 * r;
		d->bytes = rd->bytes + 4096 * (r + 1);
		d->bytes_per_sec = rd->bytes_per_sec * 1.01;
		d->in_flight = 1.5 + t->jobs / 2.0;
		d->cap_bps = t->set == 2 ? 120e6 : INFINITY;
	}
	if (v == V_MPI) {
		rd->ranks = w->ranks[i][r];
		rd->nranks = MAXRANKS;
		rd->barrier_skew_ns = 1500 + 250 * r + 10 * i;
		for (unsigned k = 0; k < MAXRANKS; k++) {
			struct fsc_rank_result *rr = &rd->ranks[k];

			rr->planned_bytes = planned / MAXRANKS;
			rr->bytes = k == 3 ? rr->planned_bytes * 9 / 10 :
				rr->planned_bytes;
			rr->start_ns = 1000 * k;
			rr->end_ns = rd->elapsed_ns - 2000 * (3 - k) *
				(k == 2 ? 7 : 1);
			rr->cpu_user_ns = 100000 * (k + 1);
			rr->cpu_sys_ns = 200000 * (k + 1);
			rr->nfiles = nf / MAXRANKS;
		}
	}
}

static void add_trial(struct world *w, unsigned set,
		      const struct fsc_engine *e, unsigned jobs)
{
	struct fsc_trial_result *t = &w->trials[w->p.ntrials++];

	assert_true(w->p.ntrials <= MAXTRIALS);
	t->set = set;
	t->engine = e;
	t->jobs = jobs;
	t->iodepth = e->async ? w->o.iodepth : 1;
	t->rounds = w->rounds[t - w->trials];
	t->cap = MAXROUNDS;
	t->done = w->o.rounds;
}

static struct world *build(enum variant v)
{
	struct world *w = calloc(1, sizeof(*w));
	struct fsc_opts *o = &w->o;
	struct fsc_result *p = &w->p;
	struct fsc_blockdev *b = &w->t[0].fp.bdev;
	static unsigned jobs_list[] = { 2, 4, 8, 16 };

	assert_non_null(w);
	o->files = 4;
	o->size = 3000000;
	o->block_size = 1048576;
	o->rounds = 3;
	o->warmup = 1;
	o->iodepth = 8;
	o->jobs = jobs_list;
	o->njobs = 4;
	p->opts = o;
	p->started = 1767225600;
	p->nranks = 1;
	snprintf(p->host.hostname, sizeof(p->host.hostname), "box");
	snprintf(p->host.kernel, sizeof(p->host.kernel), "Linux 6.1.0-test");
	snprintf(p->host.cpu_model, sizeof(p->host.cpu_model), "Test CPU");
	p->host.cores = 4;
	p->host.pus = 8;
	p->host.numa_nodes = 1;
	p->host.memory_bytes = 16ULL << 30;
	p->host.topology = "hwloc";
	p->host.dirty.limit_bytes = 1600ULL << 20;
	p->host.dirty.dirtyable_bytes = 8000ULL << 20;
	p->host.dirty.dirty_ratio = 20;
	p->stopped = FSC_STOP_FIXED;

	target(&w->t[0], "/mnt/data", "ext4", 0xef53, false);
	w->t[0].fp.has_mount = true;
	w->mount.point = "/mnt";
	w->mount.source = "/dev/sda1";
	w->mount.fstype = "ext4";
	w->mount.options = "rw,relatime";
	w->mount.super_options = "rw,errors=remount-ro";
	w->t[0].fp.mount = w->mount;
	w->t[0].fp.has_bdev = true;
	snprintf(b->name, sizeof(b->name), "sda");
	snprintf(b->holder, sizeof(b->holder), "sda1");
	b->ndisks = 1;
	b->rotational = 0;
	snprintf(b->scheduler, sizeof(b->scheduler), "mq-deadline");
	b->logical_block_size = 512;
	snprintf(b->write_cache, sizeof(b->write_cache), "write back");
	snprintf(b->model, sizeof(b->model), "Test SSD");
	b->numa_node = -1;
	b->size_bytes = 500107862016ULL;
	target(&w->t[1], "/dev/shm", "tmpfs", 0x01021994, true);
	p->targets = w->t;
	p->sets = w->sets;

	switch (v) {
	case V_SPLIT:
		/* Two targets, each alone and split; --fsync end, --mode
		 * truncate, --stonewall; warnings, a skipped engine, --keep. */
		o->fsync = FSC_FSYNC_END;
		o->mode = FSC_MODE_TRUNCATE;
		o->stonewall_ns = 5000000000ULL;
		o->keep = true;
		w->t[0].rundir = "/mnt/data/.fsconc-abc123";
		w->t[1].rundir = "/dev/shm/.fsconc-def456";
		p->ntargets = 2;
		w->dirs[0] = 0;
		w->dirs[1] = 1;
		w->dirs[2] = 0;
		w->dirs[3] = 1;
		w->sets[0] = (struct fsc_set){ .dirs = &w->dirs[0], .ndirs = 1 };
		w->sets[1] = (struct fsc_set){ .dirs = &w->dirs[1], .ndirs = 1 };
		w->sets[2] = (struct fsc_set){ .dirs = &w->dirs[2], .ndirs = 2 };
		p->nsets = 3;
		w->warnings[0].code = "shared-device";
		snprintf(w->warnings[0].text, sizeof(w->warnings[0].text),
			 "/mnt/data and /dev/shm: a made-up warning long enough "
			 "to wrap on a narrow terminal, with a path in it");
		w->warnings[1].code = "page-cache";
		snprintf(w->warnings[1].text, sizeof(w->warnings[1].text),
			 "a trial fits in the page cache");
		p->warnings = w->warnings;
		p->nwarnings = 2;
		w->skipped[0].engine = "posixaio";
		snprintf(w->skipped[0].why, sizeof(w->skipped[0].why),
			 "left out for the test");
		p->skipped = w->skipped;
		p->nskipped = 1;
		break;
	case V_SMALL:
		/* Small files on a tmpfs taken for a disk, --direct, --rounds
		 * auto with a budget, --dd. */
		o->size = 65536;
		o->block_size = 65536;
		o->direct = true;
		o->rounds_auto = true;
		o->budget_ns = 20000000000ULL;
		o->budget_bytes = 8000000000ULL;
		o->dd = true;
		o->verify = true;
		p->stopped = FSC_STOP_DECISIVE;
		w->t[1].fp.memory_backed = false;
		w->t[1].size_unknown = true;
		p->targets = &w->t[1];
		p->ntargets = 1;
		p->default_note = "the default";
		w->sets[0] = (struct fsc_set){ .dirs = &w->dirs[0], .ndirs = 1 };
		p->nsets = 1;
		p->host.topology = "sysfs";
		p->host.dirty.dirty_bytes = 1600ULL << 20;
		break;
	case V_SIZE0:
		/* --size 0: files/s. */
		o->size = 0;
		o->files = 8;
		p->stopped = FSC_STOP_TIME;
		p->ntargets = 1;
		w->sets[0] = (struct fsc_set){ .dirs = &w->dirs[0], .ndirs = 1 };
		p->nsets = 1;
		break;
	case V_FEW:
		/* Two rounds, too few for a verdict on the first target;
		 * pwrite alone on the second, with no verdict to give. */
		o->rounds = 2;
		p->stopped = FSC_STOP_BYTES;
		p->ntargets = 2;
		w->dirs[0] = 0;
		w->dirs[1] = 1;
		w->sets[0] = (struct fsc_set){ .dirs = &w->dirs[0], .ndirs = 1 };
		w->sets[1] = (struct fsc_set){ .dirs = &w->dirs[1], .ndirs = 1 };
		p->nsets = 2;
		break;
	case V_MPI:
		/* Four ranks on two hosts, one target. */
		o->keep = true;
		o->stonewall_ns = 9000000000ULL;
		w->t[0].rundir = "/mnt/data/.fsconc-r0";
		p->kept_elsewhere = "node-a:/mnt/data/.fsconc-r1\n"
			"node-b:/mnt/data/.fsconc-r2\nnode-b:/mnt/data/.fsconc-r3";
		p->ntargets = 1;
		w->sets[0] = (struct fsc_set){ .dirs = &w->dirs[0], .ndirs = 1 };
		p->nsets = 1;
		p->nranks = MAXRANKS;
		w->hosts[0] = "node-a";
		w->hosts[1] = "node-b";
		p->hosts = w->hosts;
		p->nhosts = 2;
		w->rank_host[0] = w->rank_host[1] = 0;
		w->rank_host[2] = w->rank_host[3] = 1;
		p->rank_host = w->rank_host;
		break;
	}
	p->trials = w->trials;
	for (unsigned s = 0; s < p->nsets; s++) {
		add_trial(w, s, &e_pwrite, 1);
		if (v == V_FEW) {
			if (s == 0)
				add_trial(w, s, &e_threads, 2);
			continue;
		}
		for (unsigned k = 0; k < 4; k++)
			if (v != V_MPI || k < 2)
				add_trial(w, s, &e_threads, jobs_list[k]);
		if (v != V_MPI) {
			add_trial(w, s, &e_libaio, 1);
			add_trial(w, s, &e_uring, 1);
		}
	}
	for (unsigned i = 0; i < p->ntrials; i++) {
		double base = w->trials[i].set == 1 ? 900e6 :
			w->trials[i].set == 2 ? 400e6 : 150e6;

		for (unsigned r = 0; r < w->trials[i].done; r++)
			fill_round(w, i, r, base, v);
	}
	fsc_result_summarize(p);
	return w;
}

static void destroy(struct world *w)
{
	free(w->p.models);
	free(w);
}

enum what { W_TEXT, W_QUIET, W_JSON, W_CSV };

/* The report, with the version (which changes with every release) as
 * "VERSION". */
static char *render(struct world *w, enum what what, const char *columns)
{
	const char *ver = PACKAGE_VERSION;
	char *buf = NULL, *out, *at;
	size_t len = 0, n = 0;
	FILE *f;

	setenv("COLUMNS", columns ? columns : "80", 1);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	switch (what) {
	case W_TEXT:
		fsc_report_header(f, &w->p);
		fsc_report_tables(f, &w->p);
		break;
	case W_QUIET:
		fsc_report_quiet(f, &w->p);
		fsc_report_kept(f, &w->p);
		break;
	case W_JSON:
		assert_int_equal(fsc_report_json(f, &w->p), 0);
		break;
	case W_CSV:
		assert_int_equal(fsc_report_csv(f, &w->p), 0);
		break;
	}
	assert_int_equal(fclose(f), 0);
	out = malloc(2 * len + 8);	/* "VERSION" may be longer */
	assert_non_null(out);
	for (at = buf; *at;) {
		if (strncmp(at, ver, strlen(ver)) == 0) {
			memcpy(out + n, "VERSION", 7);
			n += 7;
			at += strlen(ver);
		} else {
			out[n++] = *at++;
		}
	}
	out[n] = '\0';
	free(buf);
	return out;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

static void spill(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Is c where a number starts? */
static bool number_at(const char *s)
{
	return (*s >= '0' && *s <= '9') ||
		(*s == '-' && s[1] >= '0' && s[1] <= '9');
}

/* The same text, but that a number may differ in its last digits (1e-9
 * relative), as another libm's exp or log may round them. */
static bool same(const char *a, const char *b)
{
	while (*a && *b) {
		if (number_at(a) && number_at(b)) {
			char *ea, *eb;
			double x = strtod(a, &ea), y = strtod(b, &eb);

			if (fabs(x - y) > 1e-9 * fmax(fabs(x), fabs(y)))
				return false;
			a = ea;
			b = eb;
		} else if (*a++ != *b++) {
			return false;
		}
	}
	return *a == *b;
}

static void check(const char *name, char *got)
{
	char path[1024];
	char *want;

	snprintf(path, sizeof(path), "%s/%s", GOLDEN_DIR, name);
	if (getenv("FSC_GOLDEN_WRITE")) {
		spill(path, got);
		free(got);
		return;
	}
	want = slurp(path);
	if (!want || !same(want, got)) {
		snprintf(path, sizeof(path), "%s.out", name);
		spill(path, got);
		fail_msg("%s differs from %s/%s: what was printed is in %s",
			 name, GOLDEN_DIR, name, path);
	}
	free(want);
	free(got);
}

static void golden(enum variant v, const char *stem, bool wide_too)
{
	struct world *w = build(v);
	char name[64];

	snprintf(name, sizeof(name), "%s.txt", stem);
	check(name, render(w, W_TEXT, NULL));
	if (wide_too) {
		w->o.wide = true;
		snprintf(name, sizeof(name), "%s-wide.txt", stem);
		check(name, render(w, W_TEXT, NULL));
		w->o.iec = true;
		snprintf(name, sizeof(name), "%s-wide-iec.txt", stem);
		check(name, render(w, W_TEXT, "132"));
		w->o.wide = false;
		snprintf(name, sizeof(name), "%s-iec-narrow.txt", stem);
		check(name, render(w, W_TEXT, "44"));
		w->o.iec = false;
	}
	snprintf(name, sizeof(name), "%s-quiet.txt", stem);
	check(name, render(w, W_QUIET, NULL));
	snprintf(name, sizeof(name), "%s.json", stem);
	check(name, render(w, W_JSON, NULL));
	snprintf(name, sizeof(name), "%s.csv", stem);
	check(name, render(w, W_CSV, NULL));
	destroy(w);
}

/* Two targets, each alone and split: pwrite, threads x2 to x16, libaio
 * (which ran synchronously) and io_uring (with kernel workers). */
static void golden_split(void **state)
{
	(void)state;
	golden(V_SPLIT, "split", true);
}

/* Small files: files/s beside the rates, --direct on tmpfs, --dd. */
static void golden_small(void **state)
{
	(void)state;
	golden(V_SMALL, "small", false);
}

/* --size 0: the tables in files/s. */
static void golden_size0(void **state)
{
	(void)state;
	golden(V_SIZE0, "size0", true);
}

/* Too few rounds for a verdict; pwrite alone, with none to give. */
static void golden_few(void **state)
{
	(void)state;
	golden(V_FEW, "few", false);
}

/* MPI: ranks on hosts, the per-host table, the barrier's skew. */
static void golden_mpi(void **state)
{
	(void)state;
	golden(V_MPI, "mpi", true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(golden_split),
		cmocka_unit_test(golden_small),
		cmocka_unit_test(golden_size0),
		cmocka_unit_test(golden_mpi),
		cmocka_unit_test(golden_few),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
