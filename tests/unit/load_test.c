/* load_test.c - unit tests for reading a saved result profile back
 * (load.c): a profile written by --json, read back and written again, is
 * the same text, every figure and every summary, verdict and model
 * recomputed from the rounds; and what a loaded result holds. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/report-json.h"
#include "result/result.h"

#define NROUNDS 3
#define NFILES 4
#define NLEVELS 4
#define NSETS 3
/* pwrite, then threads at each level, on each set. */
#define NTRIALS (NSETS * (1 + NLEVELS))

struct fixture {
	struct fsc_opts o;
	struct fsc_result p;
	struct fsc_target t[2];
	struct fsc_set sets[NSETS];
	unsigned dirs[4];
	unsigned jobs[NLEVELS];
	struct fsc_trial_result trials[NTRIALS];
	struct fsc_round rounds[NTRIALS][NROUNDS];
	struct fsc_devfig devs[NTRIALS][NROUNDS];
	struct fsc_file_result files[NTRIALS][NROUNDS][NFILES];
	struct fsc_rank_result ranks[NTRIALS][NROUNDS][2];
	struct fsc_warning warning;
	struct fsc_skip skip;
	char *hosts[2];
	unsigned rank_host[2];
	char *text;		/* what --json wrote */
};

static void target(struct fsc_target *t, const char *path, bool memory)
{
	t->path = t->name = (char *)path;
	t->pfd = t->dirfd = t->markerfd = -1;
	snprintf(t->fstype, sizeof(t->fstype), memory ? "tmpfs" : "ext4");
	t->fsmagic = memory ? 0x01021994 : 0xef53;
	t->free_bytes = 123456789;
	t->free_inodes = 4242;
	t->fp.memory_backed = memory;
	t->fp.has_mount = true;
	t->fp.mount.point = (char *)path;
	t->fp.mount.source = memory ? "tmpfs" : "/dev/vda1";
	t->fp.mount.fstype = t->fstype;
	t->fp.mount.options = "rw,relatime";
	t->fp.mount.super_options = "rw";
	t->fp.bdev.rotational = t->fp.bdev.numa_node = -1;
	if (memory)
		return;
	t->fp.has_bdev = true;
	snprintf(t->fp.bdev.name, sizeof(t->fp.bdev.name), "vda");
	snprintf(t->fp.bdev.holder, sizeof(t->fp.bdev.holder), "vda1");
	snprintf(t->fp.bdev.scheduler, sizeof(t->fp.bdev.scheduler), "none");
	snprintf(t->fp.bdev.model, sizeof(t->fp.bdev.model), "disk");
	t->fp.bdev.ndisks = 1;
	t->fp.bdev.rotational = 0;
	t->fp.bdev.logical_block_size = 512;
	t->fp.bdev.size_bytes = 1ULL << 34;
}

/* One round: made-up but consistent figures, rates without a short
 * decimal form, throughput that scales with jobs. */
static void round_fill(struct fixture *f, size_t i, unsigned r)
{
	struct fsc_trial_result *t = &f->trials[i];
	struct fsc_round *rd = &f->rounds[i][r];
	uint64_t t0 = 1000000000ULL * (r + 1);

	rd->t0 = t0;
	rd->bytes = rd->planned_bytes = NFILES * f->o.size;
	rd->elapsed_ns = (7000003 + 1000 * r + 777 * i) * 4 /
		(t->jobs + 3) + (r == 1 ? 900000 : 0);
	rd->bytes_per_sec = (double)rd->bytes * 1e9 / (double)rd->elapsed_ns;
	rd->files_done = NFILES;
	rd->files_per_sec = NFILES * 1e9 / (double)rd->elapsed_ns;
	rd->cpu_user_ns = 1000 * (r + 1);
	rd->cpu_sys_ns = 3000 * (r + 1) + i;
	rd->submit_share = 1.0 / 3.0 + 0.1 * r;
	rd->achieved_depth = t->jobs * 0.97 + 1.0 / 7.0;
	for (int q = 0; q < FSC_NPCT; q++)
		rd->latency_ns[q] = 1000 * (q + 1) + r;
	rd->latency_mean_ns = 1500 + r;
	for (int k = 0; k < FSC_NPHASE; k++) {
		rd->phases.sum_ns[k] = 100 * (k + 1) + r;
		rd->phases.p50_ns[k] = 10 * (k + 1);
		rd->phases.p99_ns[k] = 20 * (k + 1);
	}
	fsc_noise_unknown(&rd->noise);
	rd->noise.load = 0.25 + r;
	rd->noise.iowait = 0.01 * (r + 1);
	rd->noise.psi[FSC_PSI_IO] = 1.0 / 9.0;
	rd->ndev = 1;
	rd->dev = &f->devs[i][r];
	snprintf(rd->dev[0].name, sizeof(rd->dev[0].name), "vda");
	rd->dev[0].busy = 0.5 + 0.01 * r;
	rd->dev[0].writes = 77;
	rd->dev[0].bytes = rd->bytes;
	rd->dev[0].bytes_per_sec = rd->bytes_per_sec / 3;
	rd->dev[0].in_flight = 1.0 / 3.0;
	rd->dev[0].cap_bps = INFINITY;
	rd->cpus = 2;
	rd->cpus_busy = 0.7 + 0.01 * r;
	rd->kworkers_sampled = i % 2;
	rd->kworkers = 3;
	rd->kworkers_peak = 2;
	rd->files = f->files[i][r];
	rd->nfiles = NFILES;
	for (unsigned k = 0; k < NFILES; k++) {
		struct fsc_file_result *fr = &rd->files[k];

		fr->dir = k % f->sets[t->set].ndirs;
		fr->rank = k % 2;
		fr->bytes = f->o.size;
		fr->t_open = t0 + 11 * k;
		fr->t_done = t0 + 3000001 + 1234 * k + r * 17;
		for (int ph = 0; ph < FSC_NPHASE; ph++)
			fr->phase_ns[ph] = (fr->t_done - fr->t_open) / 5;
	}
	rd->ranks = f->ranks[i][r];
	rd->nranks = 2;
	rd->barrier_skew_ns = 5000 + r;
	for (unsigned k = 0; k < 2; k++) {
		struct fsc_rank_result *rr = &rd->ranks[k];

		rr->bytes = rr->planned_bytes = rd->bytes / 2;
		rr->start_ns = 100 * k;
		rr->end_ns = rd->elapsed_ns - 50 * k;
		rr->cpu_user_ns = rd->cpu_user_ns / 2;
		rr->cpu_sys_ns = rd->cpu_sys_ns / 2;
		rr->nfiles = NFILES / 2;
	}
}

/* Two targets, each alone and split over both; pwrite and a threads
 * sweep of four levels on each set; under MPI with two ranks. */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	size_t n = 0, len;
	FILE *out;

	f->o.files = NFILES;
	f->o.size = 3000000;
	f->o.block_size = 1000000;
	f->o.mode = FSC_MODE_TRUNCATE;
	f->o.fsync = FSC_FSYNC_END;
	f->o.rounds = NROUNDS;
	f->o.rounds_auto = true;
	f->o.budget_ns = 20000000000ULL;
	f->o.budget_bytes = 8000000000ULL;
	f->o.stonewall_ns = 60000000000ULL;
	f->o.warmup = 1;
	f->o.iodepth = 4;
	for (unsigned k = 0; k < NLEVELS; k++)
		f->jobs[k] = k + 1;
	f->o.jobs = f->jobs;
	f->o.njobs = NLEVELS;
	target(&f->t[0], "/data", false);
	target(&f->t[1], "/dev/shm", true);
	f->dirs[0] = 0;
	f->dirs[1] = 1;
	f->dirs[2] = 0;
	f->dirs[3] = 1;
	for (unsigned s = 0; s < NSETS; s++) {
		f->sets[s].dirs = &f->dirs[s < 2 ? s : 2];
		f->sets[s].ndirs = s < 2 ? 1 : 2;
	}
	f->p.opts = &f->o;
	f->p.started = 1700000000;
	f->p.targets = f->t;
	f->p.ntargets = 2;
	f->p.sets = f->sets;
	f->p.nsets = NSETS;
	f->p.trials = f->trials;
	f->p.stopped = FSC_STOP_DECISIVE;
	snprintf(f->p.host.hostname, sizeof(f->p.host.hostname), "box");
	snprintf(f->p.host.kernel, sizeof(f->p.host.kernel), "Linux 6.1.0");
	snprintf(f->p.host.cpu_model, sizeof(f->p.host.cpu_model), "CPU");
	f->p.host.cores = f->p.host.pus = 2;
	f->p.host.numa_nodes = 1;
	f->p.host.memory_bytes = 1ULL << 33;
	f->p.host.topology = "hwloc";
	f->p.host.dirty.limit_bytes = 1ULL << 30;
	f->p.host.dirty.dirtyable_bytes = 1ULL << 32;
	f->p.host.dirty.dirty_ratio = 20;
	f->p.host.dirty.from_vmstat = true;
	f->warning.code = "page-cache";
	snprintf(f->warning.text, sizeof(f->warning.text), "a warning");
	f->p.warnings = &f->warning;
	f->p.nwarnings = 1;
	f->skip.engine = "io_uring";
	snprintf(f->skip.why, sizeof(f->skip.why), "not here");
	f->p.skipped = &f->skip;
	f->p.nskipped = 1;
	f->hosts[0] = "h0";
	f->hosts[1] = "h1";
	f->rank_host[1] = 1;
	f->p.nranks = 2;
	f->p.hosts = f->hosts;
	f->p.nhosts = 2;
	f->p.rank_host = f->rank_host;
	for (unsigned s = 0; s < NSETS; s++)
		for (unsigned k = 0; k <= NLEVELS; k++) {
			struct fsc_trial_result *t = &f->trials[n];

			t->set = s;
			t->engine = fsc_engine_find(k ? "threads" : "pwrite");
			t->jobs = k ? k : 1;
			t->iodepth = 1;
			t->rounds = f->rounds[n];
			t->done = t->cap = NROUNDS;
			for (unsigned r = 0; r < NROUNDS; r++)
				round_fill(f, n, r);
			n++;
		}
	f->p.ntrials = n;
	fsc_result_summarize(&f->p);
	out = open_memstream(&f->text, &len);
	assert_int_equal(fsc_report_json(out, &f->p), 0);
	fclose(out);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->p.models);
	free(f->text);
	free(f);
	return 0;
}

static char err[1024];

static int parse(struct fsc_result *r, const char *text)
{
	memset(err, 0, sizeof(err));
	return fsc_result_parse(r, text, strlen(text), "p.json", err,
				sizeof(err));
}

/* Ensure that a profile read back and written again is the same text:
 * every figure read, and the summaries, verdicts and models computed
 * again from the rounds come out the same. */
static void load_round_trips(void **state)
{
	struct fixture *f = *state;
	struct fsc_result r;
	char *again = NULL;
	size_t len;
	FILE *out;

	assert_non_null(strstr(f->text, "\"verdicts\": [\n    {"));
	assert_non_null(strstr(f->text, "\"models\": [\n    {"));
	if (parse(&r, f->text) < 0)
		fail_msg("%s", err);
	out = open_memstream(&again, &len);
	assert_int_equal(fsc_report_json(out, &r), 0);
	fclose(out);
	if (strcmp(f->text, again) != 0) {
		size_t k = 0;

		while (f->text[k] == again[k])
			k++;
		fail_msg("differs at byte %zu: \"%.80s\" vs \"%.80s\"", k,
			 f->text + (k > 40 ? k - 40 : 0),
			 again + (k > 40 ? k - 40 : 0));
	}
	free(again);
	fsc_result_free(&r);
}

/* Ensure that what the run laid out is what is read back: the targets,
 * the sets in the run's order, the trials with their engines, the rounds
 * and the summaries. */
static void load_fills_the_model(void **state)
{
	struct fixture *f = *state;
	struct fsc_result r;

	assert_int_equal(parse(&r, f->text), 0);
	assert_non_null(r.source);
	assert_string_equal(r.source->name, "p.json");
	assert_ptr_equal(r.opts, &r.source->opts);
	assert_int_equal(r.opts->size, f->o.size);
	assert_int_equal(r.opts->njobs, NLEVELS);
	assert_int_equal(r.opts->mode, FSC_MODE_TRUNCATE);
	assert_true(r.opts->rounds_auto);
	assert_int_equal(r.stopped, FSC_STOP_DECISIVE);
	assert_int_equal(r.started, f->p.started);
	assert_int_equal(r.ntargets, 2);
	assert_string_equal(r.targets[1].path, "/dev/shm");
	assert_true(r.targets[1].fp.memory_backed);
	assert_int_equal(r.targets[0].fp.bdev.rotational, 0);
	assert_int_equal(r.targets[0].pfd, -1);
	assert_int_equal(r.nsets, NSETS);
	assert_int_equal(r.sets[2].ndirs, 2);
	assert_int_equal(r.sets[2].dirs[1], 1);
	assert_int_equal(r.ntrials, NTRIALS);
	for (size_t i = 0; i < NTRIALS; i++) {
		const struct fsc_trial_result *a = &f->trials[i], *b =
			&r.trials[i];

		assert_int_equal(b->set, a->set);
		assert_ptr_equal(b->engine, a->engine);
		assert_int_equal(b->jobs, a->jobs);
		assert_int_equal(b->done, NROUNDS);
		assert_true(b->agg.median == a->agg.median);
		assert_true(b->speedup.low == a->speedup.low);
		assert_int_equal(b->rounds[1].files[3].t_done -
				 b->rounds[1].files[3].t_open,
				 a->rounds[1].files[3].t_done -
				 a->rounds[1].files[3].t_open);
		assert_int_equal(b->rounds[2].ranks[1].end_ns,
				 a->rounds[2].ranks[1].end_ns);
	}
	for (unsigned s = 0; s < NSETS; s++) {
		assert_int_equal(r.sets[s].has_verdict,
				 f->sets[s].has_verdict);
		assert_int_equal(r.sets[s].best, f->sets[s].best);
	}
	assert_int_equal(r.nmodels, f->p.nmodels);
	assert_int_equal(r.nranks, 2);
	assert_string_equal(r.hosts[1], "h1");
	assert_string_equal(r.warnings[0].code, "page-cache");
	assert_string_equal(r.skipped[0].engine, "io_uring");
	fsc_result_free(&r);
	assert_null(r.source);
}

/* Ensure that an engine this fsconc does not know is refused, named, and
 * that a trial's targets map onto targets and sets found in any order,
 * a trailing '/' aside. */
static void load_engines_and_sets(void **state)
{
	struct fsc_result r;

	(void)state;
	assert_int_equal(parse(&r, "{\"schema\": \"fsconc-profile/1\", "
		"\"results\": [{\"targets\": [\"/a\"], \"engine\": \"dd\", "
		"\"jobs\": 1, \"rounds\": []}]}"), -1);
	assert_non_null(strstr(err, "p.json: results[0].engine: 'dd': not an "
				"engine this fsconc knows (pwrite, "));
	fsc_result_free(&r);
	assert_int_equal(parse(&r, "{\"schema\": \"fsconc-profile/1\", "
		"\"targets\": [{\"path\": \"/b\", \"fstype\": \"xfs\"}], "
		"\"results\": [{\"targets\": [\"/a\", \"/b/\"], \"engine\": "
		"\"threads\", \"jobs\": 2, \"rounds\": []}, {\"targets\": "
		"[\"/b\"], \"engine\": \"pwrite\", \"jobs\": 1, \"rounds\": "
		"[]}, {\"targets\": [\"/b\", \"/a/\"], \"engine\": "
		"\"pwrite\", \"jobs\": 1, \"rounds\": []}]}"), 0);
	assert_int_equal(r.ntargets, 2);
	assert_string_equal(r.targets[0].fstype, "xfs");
	assert_string_equal(r.targets[1].path, "/a");
	assert_int_equal(r.nsets, 2);
	assert_int_equal(r.trials[0].set, 0);
	assert_int_equal(r.trials[1].set, 1);
	assert_int_equal(r.trials[2].set, 0);
	assert_int_equal(r.sets[0].dirs[0], 1);
	assert_int_equal(r.sets[0].dirs[1], 0);
	fsc_result_free(&r);
}

/* Ensure that --size 0 is read (fsconc report shows it) and refused for
 * what reads bytes/s. */
static void load_size_zero(void **state)
{
	struct fsc_result r;

	(void)state;
	assert_int_equal(parse(&r, "{\"schema\": \"fsconc-profile/1\", "
		"\"workload\": {\"files\": 3, \"file_size\": 0}, "
		"\"results\": []}"), 0);
	assert_int_equal(fsc_result_needs_data(&r, err, sizeof(err)), -1);
	assert_string_equal(err, "p.json: workload.file_size: 0: a profile "
			    "of --size 0, in files per second; plan, compare "
			    "and plot read profiles of data, in bytes per "
			    "second");
	fsc_result_free(&r);
	assert_int_equal(parse(&r, "{\"schema\": \"fsconc-profile/1\", "
		"\"results\": []}"), 0);
	assert_int_equal(fsc_result_needs_data(&r, err, sizeof(err)), 0);
	fsc_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(load_round_trips, setup,
						teardown),
		cmocka_unit_test_setup_teardown(load_fills_the_model, setup,
						teardown),
		cmocka_unit_test(load_engines_and_sets),
		cmocka_unit_test(load_size_zero),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
