/* plan_test.c - unit tests for the run plan (plan.c): targets checked,
 * files dealt round-robin over target sets, and trials laid out per set,
 * engine and --jobs value; summaries and the baseline afterwards. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/options.h"
#include "cmd/cmd.h"
#include "engines/engine.h"
#include "report/words.h"
#include "result/labels.h"
#include "run/plan.h"

#define TMPFS_MAGIC 0x01021994

/* A private directory with three target dirs, a regular file and a
 * symbolic link to dir a. */
static char top[PATH_MAX - 64], da[PATH_MAX], db[PATH_MAX], dc[PATH_MAX];
static char file[PATH_MAX], link_a[PATH_MAX], missing[PATH_MAX];
static char err[1024];

static int make_tree(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(top, sizeof(top), "%s/fsconc-plan.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(top))
		return -1;
	snprintf(da, sizeof(da), "%s/a", top);
	snprintf(db, sizeof(db), "%s/b", top);
	snprintf(dc, sizeof(dc), "%s/c", top);
	snprintf(file, sizeof(file), "%s/file", top);
	snprintf(link_a, sizeof(link_a), "%s/link-to-a", top);
	snprintf(missing, sizeof(missing), "%s/missing", top);
	if (mkdir(da, 0700) < 0 || mkdir(db, 0700) < 0 ||
	    mkdir(dc, 0700) < 0)
		return -1;
	FILE *f = fopen(file, "w");
	if (!f)
		return -1;
	fputs("not a directory\n", f);
	fclose(f);
	return symlink(da, link_a);
}

static int remove_tree(void **state)
{
	(void)state;
	unlink(link_a);
	unlink(file);
	rmdir(dc);
	rmdir(db);
	rmdir(da);
	return rmdir(top);
}

/* Parse a NULL-terminated argument list (without argv[0]) into o. */
static void opts_v(struct fsc_opts *o, char **args)
{
	char *argv[64];
	int argc = 0;

	argv[argc++] = "fsconc";
	while (*args && argc < 63)
		argv[argc++] = *args++;
	argv[argc] = NULL;
	if (fsc_cmd_parse(o, argc, argv, err, sizeof(err)) != 0)
		fail_msg("options refused: %s", err);
}

#define OPTS(o, ...) opts_v((o), (char *[]){ __VA_ARGS__, NULL })

/* Build a plan that must succeed. */
static void build(struct fsc_result *p, const struct fsc_opts *o)
{
	err[0] = '\0';
	if (fsc_plan_build(p, o, err, sizeof(err)) != 0)
		fail_msg("plan refused: %s", err);
}

/* Ensure that one dir gives one set, and every file goes to it. */
static void sets_one_dir(void **state)
{
	struct fsc_opts o;
	struct fsc_result p;

	(void)state;
	OPTS(&o, "--dir", da, "--files", "4", "--size", "8K", "--block-size",
	     "8K");
	build(&p, &o);
	assert_ptr_equal(p.opts, &o);
	assert_int_equal(p.ntargets, 1);
	assert_string_equal(p.targets[0].path, da);
	assert_int_equal(p.nsets, 1);
	assert_int_equal(p.sets[0].ndirs, 1);
	assert_int_equal(p.sets[0].dirs[0], 0);
	for (size_t i = 0; i < 10; i++)
		assert_int_equal(fsc_plan_dir_of(&p, 0, i), 0);
	assert_int_equal(fsc_plan_bytes_on(&p, 0, 0), 4 * 8192);
	fsc_plan_free(&p);
	fsc_opts_free(&o);
}

/* Ensure that two dirs give each alone, then a split set dealing file i
 * to dir i mod 2, labelled with both paths and file systems. */
static void sets_two_dirs_split(void **state)
{
	struct fsc_opts o;
	struct fsc_result p;
	char label[2 * PATH_MAX + 8], want[2 * PATH_MAX + 8];

	(void)state;
	OPTS(&o, "--dir", da, "--dir", db, "--files", "5", "--size", "4K",
	     "--block-size", "4K");
	build(&p, &o);
	assert_int_equal(p.ntargets, 2);
	assert_string_equal(p.targets[0].path, da);
	assert_string_equal(p.targets[1].path, db);
	assert_int_equal(p.nsets, 3);
	for (unsigned s = 0; s < 2; s++) {
		assert_int_equal(p.sets[s].ndirs, 1);
		assert_int_equal(p.sets[s].dirs[0], s);
		for (size_t i = 0; i < 7; i++)
			assert_int_equal(fsc_plan_dir_of(&p, s, i), s);
	}
	assert_int_equal(p.sets[2].ndirs, 2);
	for (size_t i = 0; i < 12; i++)
		assert_int_equal(fsc_plan_dir_of(&p, 2, i), i % 2);

	/* Five files: three on a (0, 2, 4), two on b (1, 3). */
	assert_int_equal(fsc_plan_bytes_on(&p, 2, 0), 3 * 4096);
	assert_int_equal(fsc_plan_bytes_on(&p, 2, 1), 2 * 4096);
	assert_int_equal(fsc_plan_bytes_on(&p, 0, 0), 5 * 4096);
	assert_int_equal(fsc_plan_bytes_on(&p, 0, 1), 0);
	assert_int_equal(fsc_plan_bytes_on(&p, 1, 0), 0);
	assert_int_equal(fsc_plan_bytes_on(&p, 1, 1), 5 * 4096);

	snprintf(want, sizeof(want), "%s + %s", da, db);
	assert_string_equal(fsc_set_label(&p, 2, label, sizeof(label)), want);
	assert_string_equal(fsc_set_label(&p, 1, label, sizeof(label)), db);
	snprintf(want, sizeof(want), "%s + %s", p.targets[0].fstype,
		 p.targets[1].fstype);
	assert_string_equal(fsc_set_fstypes(&p, 2, label, sizeof(label)),
			    want);
	fsc_plan_free(&p);
	fsc_opts_free(&o);
}

/* Ensure that three dirs deal round-robin over all three, with uneven
 * counts summing to the whole. */
static void sets_three_dirs_uneven(void **state)
{
	static const char *const files[] = { "1", "2", "5", "7", "9" };
	struct fsc_opts o;
	struct fsc_result p;

	(void)state;
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		uint64_t n = strtoull(files[f], NULL, 10), sum = 0;

		OPTS(&o, "--dir", da, "--dir", db, "--dir", dc, "--files",
		     (char *)files[f], "--size", "3K", "--block-size", "1K");
		build(&p, &o);
		assert_int_equal(p.nsets, 4);
		assert_int_equal(p.sets[3].ndirs, 3);
		for (unsigned k = 0; k < 3; k++)
			assert_int_equal(p.sets[3].dirs[k], k);
		for (size_t i = 0; i < 10; i++)
			assert_int_equal(fsc_plan_dir_of(&p, 3, i), i % 3);
		for (unsigned k = 0; k < 3; k++) {
			/* Files k, k + 3, ...: ceil((n - k) / 3) of them. */
			uint64_t mine = n > k ? (n - k + 2) / 3 : 0;

			assert_int_equal(fsc_plan_bytes_on(&p, 3, k),
					 mine * 3072);
			sum += fsc_plan_bytes_on(&p, 3, k);
		}
		assert_int_equal(sum, n * 3072);
		fsc_plan_free(&p);
		fsc_opts_free(&o);
	}
}

/* Ensure that pwrite runs once at one job even with a --jobs list, and
 * threads once per --jobs value, all synchronous (iodepth 1). */
static void trials_jobs_list(void **state)
{
	struct fsc_opts o;
	struct fsc_result p;
	char label[64];

	(void)state;
	OPTS(&o, "--dir", da, "--engine", "pwrite,threads", "--jobs", "4,1,2",
	     "--files", "4", "--rounds", "2", "--iodepth", "8");
	build(&p, &o);
	assert_int_equal(p.ntrials, 4);
	assert_string_equal(p.trials[0].engine->name, "pwrite");
	assert_int_equal(p.trials[0].jobs, 1);
	assert_string_equal(fsc_trial_label(&p.trials[0], label,
					    sizeof(label)), "pwrite");
	for (unsigned j = 0; j < 3; j++) {
		const struct fsc_trial_result *t = &p.trials[1 + j];

		assert_string_equal(t->engine->name, "threads");
		assert_int_equal(t->jobs, 1u << j);
	}
	assert_string_equal(fsc_trial_label(&p.trials[2], label,
					    sizeof(label)), "threads\u00d72");
	for (size_t i = 0; i < p.ntrials; i++) {
		assert_int_equal(p.trials[i].set, 0);
		assert_int_equal(p.trials[i].iodepth, 1);
		assert_non_null(p.trials[i].rounds);
		assert_int_equal(p.trials[i].done, 0);
		assert_false(p.trials[i].has_speedup);
	}
	assert_ptr_equal(fsc_result_baseline(&p, 0), &p.trials[0]);
	fsc_plan_free(&p);
	fsc_opts_free(&o);
}

/* Ensure that without --jobs, threads runs as many jobs as files (at
 * most FSC_MAX_JOBS). */
static void trials_default_jobs_is_files(void **state)
{
	struct fsc_opts o;
	struct fsc_result p;

	(void)state;
	OPTS(&o, "--dir", da, "--engine", "threads,pwrite", "--files", "3");
	build(&p, &o);
	assert_int_equal(p.ntrials, 2);
	assert_string_equal(p.trials[0].engine->name, "threads");
	assert_int_equal(p.trials[0].jobs, 3);
	assert_string_equal(p.trials[1].engine->name, "pwrite");
	assert_int_equal(p.trials[1].jobs, 1);
	/* The baseline is found wherever it sits. */
	assert_ptr_equal(fsc_result_baseline(&p, 0), &p.trials[1]);
	fsc_plan_free(&p);
	fsc_opts_free(&o);

	OPTS(&o, "--dir", da, "--engine", "threads", "--files", "5000",
	     "--size", "4K", "--block-size", "4K");
	build(&p, &o);
	assert_int_equal(p.ntrials, 1);
	assert_int_equal(p.trials[0].jobs, FSC_MAX_JOBS);
	assert_null(fsc_result_baseline(&p, 0));
	fsc_plan_free(&p);
	fsc_opts_free(&o);
}

/* Ensure that every set gets the same trials, in set order. */
static void trials_per_set(void **state)
{
	struct fsc_opts o;
	struct fsc_result p;

	(void)state;
	OPTS(&o, "--dir", da, "--dir", db, "--engine", "pwrite,threads",
	     "--jobs", "1,2", "--files", "2");
	build(&p, &o);
	assert_int_equal(p.nsets, 3);
	assert_int_equal(p.ntrials, 9);
	for (unsigned s = 0; s < 3; s++) {
		const struct fsc_trial_result *t = &p.trials[3 * s];

		assert_int_equal(t[0].set, s);
		assert_string_equal(t[0].engine->name, "pwrite");
		assert_int_equal(t[1].set, s);
		assert_int_equal(t[1].jobs, 1);
		assert_int_equal(t[2].set, s);
		assert_int_equal(t[2].jobs, 2);
		assert_ptr_equal(fsc_result_baseline(&p, s), &t[0]);
	}
	fsc_plan_free(&p);
	fsc_opts_free(&o);
}

/* Ensure that "all" runs every engine that can run and lists the rest
 * with the reason. */
static void trials_all_engines_skip_missing(void **state)
{
	struct fsc_opts o;
	struct fsc_result p;
	size_t usable = 0, missing_n = 0;

	(void)state;
	OPTS(&o, "--dir", da, "--files", "2", "--engine", "all");
	build(&p, &o);
	for (size_t i = 0; fsc_engines[i]; i++) {
		const struct fsc_engine *e = fsc_engines[i];
		const struct fsc_skip *sk = NULL;
		char why[256];
		bool found = false;

		if (e->missing ||
		    (e->probe && e->probe(why, sizeof(why)) < 0)) {
			missing_n++;
			for (size_t k = 0; k < p.nskipped; k++)
				if (strcmp(p.skipped[k].engine, e->name) == 0)
					sk = &p.skipped[k];
			if (!sk)
				fail_msg("%s cannot run but is not listed as "
					 "skipped", e->name);
			assert_true(sk->why[0] != '\0');
			if (e->missing)
				assert_non_null(strstr(sk->why, e->missing));
			continue;
		}
		usable++;
		for (size_t k = 0; k < p.ntrials; k++)
			if (p.trials[k].engine == e)
				found = true;
		if (!found)
			fail_msg("%s can run but has no trial", e->name);
	}
	assert_int_equal(p.nskipped, missing_n);
	assert_int_equal(p.ntrials, usable);	/* one dir, no --jobs list */
	fsc_plan_free(&p);
	fsc_opts_free(&o);
}

/* Expect fsc_plan_build to refuse o with a message holding each
 * fragment. */
static void refuse(const struct fsc_opts *o, const char *a, const char *b)
{
	struct fsc_result p;

	err[0] = '\0';
	if (fsc_plan_build(&p, o, err, sizeof(err)) != -1)
		fail_msg("plan accepted; expected \"%s\"", b);
	if (strchr(err, '\n'))
		fail_msg("message spans lines: %s", err);
	if (!strstr(err, a) || !strstr(err, b))
		fail_msg("message \"%s\" lacks \"%s\" or \"%s\"", err, a, b);
	fsc_plan_free(&p);
}

/* Ensure that the same directory twice is refused, however it is
 * spelled. */
static void targets_same_dir_twice(void **state)
{
	char dot[PATH_MAX + 8];
	struct fsc_opts o;

	(void)state;
	OPTS(&o, "--dir", da, "--dir", da);
	refuse(&o, da, "same directory");
	fsc_opts_free(&o);

	snprintf(dot, sizeof(dot), "%s/.", da);
	OPTS(&o, "--dir", da, "--dir", db, "--dir", dot);
	refuse(&o, dot, "same directory");
	fsc_opts_free(&o);

	OPTS(&o, "--dir", link_a, "--dir", da);
	refuse(&o, da, "same directory");
	fsc_opts_free(&o);
}

/* Ensure that a missing directory and a regular file are refused with
 * the path and the reason. */
static void targets_missing_and_file(void **state)
{
	struct fsc_opts o;

	(void)state;
	OPTS(&o, "--dir", missing);
	refuse(&o, missing, strerror(ENOENT));
	fsc_opts_free(&o);

	OPTS(&o, "--dir", da, "--dir", missing);
	refuse(&o, missing, strerror(ENOENT));
	fsc_opts_free(&o);

	OPTS(&o, "--dir", file);
	refuse(&o, file, "not a directory");
	fsc_opts_free(&o);
}

/* Ensure that without --dir the plan compares $TMPDIR with /dev/shm when
 * that is a tmpfs. */
static void targets_default_dirs(void **state)
{
	char *saved = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
	struct fsc_opts o;
	struct fsc_result p;
	struct statfs sf;
	bool shm = statfs("/dev/shm", &sf) == 0 &&
		(unsigned long)sf.f_type == TMPFS_MAGIC;

	(void)state;
	setenv("TMPDIR", db, 1);
	OPTS(&o, "--files", "2");
	build(&p, &o);
	if (saved)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
	assert_string_equal(p.targets[0].path, db);
	if (shm) {
		assert_int_equal(p.ntargets, 2);
		assert_string_equal(p.targets[1].path, "/dev/shm");
		assert_string_equal(p.targets[1].fstype, "tmpfs");
		assert_int_equal(p.nsets, 3);
	} else {
		assert_int_equal(p.ntargets, 1);
	}
	fsc_plan_free(&p);
	fsc_opts_free(&o);
}

/* Fill round r of t as if measured: rate bytes/s, two files of 4 KiB
 * (room for up to 8, for plans of more files). */
static void fake_round(struct fsc_trial_result *t, unsigned r, double rate)
{
	struct fsc_round *rd;

	while (t->done <= r)
		fsc_trial_new_round(t);
	rd = &t->rounds[r];

	rd->bytes = 2 * 4096;
	rd->bytes_per_sec = rate;
	rd->elapsed_ns = (uint64_t)(rd->bytes * 1e9 / rate);
	rd->cpu_user_ns = 1000000;
	rd->cpu_sys_ns = 1000000;
	rd->files = calloc(8, sizeof(*rd->files));
	assert_non_null(rd->files);
	rd->nfiles = 2;
	for (unsigned f = 0; f < 8; f++) {
		rd->files[f].bytes = 4096;
		rd->files[f].t_open = 1000;
		rd->files[f].t_done = 1000 + rd->elapsed_ns;
	}
	t->done = r + 1;
}

/* Ensure that summaries and speedups come out of the counted rounds:
 * the baseline is 1x itself, a trial twice as fast is 2 [2, 2], and the
 * verdict is on the best concurrent trial: threads x2, not threads x1
 * (one thread is no concurrency) although x1 is faster. */
static void summarize_speedups(void **state)
{
	static const double base[] = { 600e6, 650e6, 620e6 };
	struct fsc_opts o;
	struct fsc_result p;

	(void)state;
	OPTS(&o, "--dir", da, "--engine", "pwrite,threads", "--jobs", "1,2",
	     "--files", "2", "--size", "4K", "--block-size", "4K",
	     "--rounds", "3");
	build(&p, &o);
	assert_int_equal(p.ntrials, 3);
	for (unsigned r = 0; r < 3; r++) {
		fake_round(&p.trials[0], r, base[r]);		/* pwrite */
		fake_round(&p.trials[1], r, base[r] * 3);	/* threads x1 */
		fake_round(&p.trials[2], r, base[r] * 2);	/* threads x2 */
	}
	fsc_result_summarize(&p);
	assert_int_equal(p.trials[0].agg.n, 3);
	assert_true(p.trials[0].agg.median == 620e6);
	assert_true(p.trials[0].agg.min == 600e6);
	assert_true(p.trials[0].agg.max == 650e6);
	assert_int_equal(p.trials[0].file.n, 6);
	assert_true(p.trials[2].speedup.value == 2.0);
	assert_true(p.trials[2].speedup.low == 2.0);
	assert_true(p.trials[2].speedup.high == 2.0);
	assert_true(p.trials[2].has_speedup);
	assert_true(p.trials[1].has_speedup);
	assert_true(fabs(p.trials[1].speedup.value - 3.0) < 1e-12);
	assert_false(p.trials[0].concurrent);
	assert_false(p.trials[1].concurrent);
	assert_true(p.trials[2].concurrent);
	assert_ptr_equal(fsc_result_best(&p, 0), &p.trials[2]);
	assert_true(p.sets[0].has_verdict);
	assert_int_equal(p.sets[0].verdict.k, 1);
	assert_int_equal(p.sets[0].verdict.rounds, 3);
	assert_int_equal(p.sets[0].verdict.verdict, FSC_HELPS);
	assert_ptr_equal(fsc_result_baseline(&p, 0), &p.trials[0]);
	fsc_plan_free(&p);
	fsc_opts_free(&o);
}

/* Ensure that --rounds auto goes on while a verdict is inconclusive and
 * the budget allows another round, and says why it stops. */
static void more_rounds(void **state)
{
	static const double noisy[] = { 1.5, 0.7, 1.2, 1.9, 0.8 };
	struct fsc_opts o;
	struct fsc_result p;
	const uint64_t s = 1000000000;

	(void)state;
	OPTS(&o, "--dir", da, "--engine", "pwrite,threads", "--jobs", "2",
	     "--files", "2", "--size", "4K", "--block-size", "4K",
	     "--budget", "10s", "--budget", "1M");
	build(&p, &o);
	assert_true(o.rounds_auto);
	assert_int_equal(o.rounds, 3);
	assert_int_equal(p.trials[0].cap, 3);
	/* Never fewer than the least. */
	assert_int_equal(fsc_plan_more(&p, 0, 0, 0, 0), FSC_STOP_NONE);
	assert_int_equal(fsc_plan_more(&p, 2, 100 * s, 1 << 20, 1 << 30),
			 FSC_STOP_NONE);
	/* Noisy: inconclusive, so on while the budget lasts, and past the
	 * room first allotted. */
	for (unsigned r = 0; r < 5; r++) {
		fake_round(&p.trials[0], r, 600e6);
		fake_round(&p.trials[1], r, 600e6 * noisy[r]);
	}
	assert_int_equal(fsc_plan_more(&p, 5, 5 * s, 1000, 5000),
			 FSC_STOP_NONE);
	assert_int_equal(p.sets[0].verdict.verdict, FSC_INCONCLUSIVE);
	/* 6 rounds (the warm-up too) in 9 s: a seventh would end past 10 s. */
	assert_int_equal(fsc_plan_more(&p, 5, 9 * s, 1000, 5000),
			 FSC_STOP_TIME);
	assert_int_equal(fsc_plan_more(&p, 5, 5 * s, 1000, (1 << 20) - 999),
			 FSC_STOP_BYTES);
	/* Decisive: twice as fast in every round. */
	for (unsigned r = 0; r < 5; r++)
		p.trials[1].rounds[r].bytes_per_sec = 1200e6;
	assert_int_equal(fsc_plan_more(&p, 5, 9 * s, 1000, 5000),
			 FSC_STOP_DECISIVE);
	assert_int_equal(p.sets[0].verdict.verdict, FSC_HELPS);
	assert_string_equal(fsc_stop_name(FSC_STOP_DECISIVE), "decisive");
	fsc_plan_free(&p);
	fsc_opts_free(&o);

	/* --rounds N: as many, whatever the verdict. */
	OPTS(&o, "--dir", da, "--engine", "pwrite,threads", "--jobs", "2",
	     "--files", "2", "--size", "4K", "--block-size", "4K",
	     "--rounds", "4");
	build(&p, &o);
	assert_false(o.rounds_auto);
	assert_int_equal(fsc_plan_more(&p, 3, 0, 0, 0), FSC_STOP_NONE);
	assert_int_equal(fsc_plan_more(&p, 4, 0, 0, 0), FSC_STOP_FIXED);
	fsc_plan_free(&p);
	fsc_opts_free(&o);

	/* --keep must know the last round: the least, inconclusive or
	 * not. */
	OPTS(&o, "--dir", da, "--engine", "pwrite,threads", "--jobs", "2",
	     "--files", "2", "--size", "4K", "--block-size", "4K", "--keep");
	build(&p, &o);
	for (unsigned r = 0; r < 3; r++) {
		fake_round(&p.trials[0], r, 600e6);
		fake_round(&p.trials[1], r, 600e6 * noisy[r]);
	}
	assert_int_equal(fsc_plan_more(&p, 3, 0, 0, 0), FSC_STOP_KEEP);
	fsc_plan_free(&p);
	fsc_opts_free(&o);
}

/* Ensure that a round disturbed far beyond its trial's others is flagged
 * and still counted, and that the verdict line names a busy machine with
 * its figures. */
static void noise_flags(void **state)
{
	struct fsc_opts o;
	struct fsc_result p;
	char line[1024];

	(void)state;
	OPTS(&o, "--dir", da, "--engine", "pwrite,threads", "--jobs", "2",
	     "--files", "2", "--size", "4K", "--block-size", "4K",
	     "--rounds", "5");
	build(&p, &o);
	for (unsigned r = 0; r < 5; r++)
		for (unsigned i = 0; i < 2; i++) {
			struct fsc_noise *n;

			fake_round(&p.trials[i], r, 600e6 * (i + 1));
			n = &p.trials[i].rounds[r].noise;
			fsc_noise_unknown(n);
			n->load = 1.5;
			n->steal = 0.01;
			n->psi[FSC_PSI_CPU] = 0.02;
		}
	p.trials[1].rounds[3].noise.psi[FSC_PSI_IO] = 0.6;
	fsc_result_summarize(&p);
	assert_int_equal(p.trials[1].disturbed, 1);
	assert_true(p.trials[1].rounds[3].disturbed);
	assert_int_equal(p.trials[0].disturbed, 0);
	assert_int_equal(p.trials[1].agg.n, 5);
	assert_true(p.trials[0].noise.load == 1.5);
	/* Quiet: no word of noise. */
	assert_true(fsc_report_verdict(line, sizeof(line), &p, 0));
	assert_null(strstr(line, "busy"));
	/* pwrite stalled on CPU 40 % of its rounds' time: named. */
	for (unsigned r = 0; r < 5; r++)
		p.trials[0].rounds[r].noise.psi[FSC_PSI_CPU] = 0.4;
	fsc_result_summarize(&p);
	assert_true(fsc_report_verdict(line, sizeof(line), &p, 0));
	assert_non_null(strstr(line, ", because the machine was busy: rounds "
			       "vary 0%, load 1.5 on "));
	assert_non_null(strstr(line, "CPU stall 40%, steal 1%"));
	/* What an inconclusive verdict says would decide it. */
	for (unsigned r = 0; r < 5; r++)
		p.trials[0].rounds[r].noise.psi[FSC_PSI_CPU] = 0.02;
	fsc_result_summarize(&p);
	p.sets[0].verdict.verdict = FSC_INCONCLUSIVE;
	p.sets[0].verdict.need = 9;
	assert_true(fsc_report_verdict(line, sizeof(line), &p, 0));
	assert_non_null(strstr(line, "inconclusive on "));
	assert_non_null(strstr(line, " over 5 rounds; no rule explains it; "
			       "\u2248 4 more rounds would decide it"));
	p.sets[0].verdict.need = 80;
	p.sets[0].verdict.spread = 0.38;
	assert_true(fsc_report_verdict(line, sizeof(line), &p, 0));
	assert_non_null(strstr(line, " over 5 rounds, because the machine was "
			       "busy: load 1.5 on "));
	assert_non_null(strstr(line, "; the machine is too noisy: rounds vary "
			       "38%"));
	p.sets[0].verdict.need = 0;
	p.sets[0].verdict.spread = 0.02;
	assert_true(fsc_report_verdict(line, sizeof(line), &p, 0));
	assert_non_null(strstr(line, "; it lies on the edge of 0.90 or 1.10, "
			       "where no count of rounds would decide it"));
	fsc_plan_free(&p);
	fsc_opts_free(&o);
}

/* Ensure that a sweep of 4 levels or more gets one model per (set,
 * engine), fitted on the level medians (an outlying round does not move
 * it), and that pwrite, with one level, gets none. */
static void summarize_models(void **state)
{
	struct fsc_opts o;
	struct fsc_result p;
	struct fsc_usl truth = { .gamma = 1e9, .alpha = 0.1, .beta = 0.02 };

	(void)state;
	OPTS(&o, "--dir", da, "--engine", "pwrite,threads", "--jobs",
	     "1,2,3,4,6", "--files", "6", "--size", "4K", "--block-size", "4K",
	     "--rounds", "3");
	build(&p, &o);
	assert_int_equal(p.ntrials, 6);
	for (unsigned r = 0; r < 3; r++)
		for (unsigned i = 0; i < 6; i++) {
			double x = fsc_usl_eval(&truth, p.trials[i].jobs);
			fake_round(&p.trials[i], r, r == 2 ? x / 3 : x);
		}
	fsc_result_summarize(&p);
	assert_int_equal(p.nmodels, 1);
	assert_string_equal(p.models[0].engine->name, "threads");
	assert_int_equal(p.models[0].set, 0);
	assert_int_equal(p.models[0].levels, 5);
	assert_int_equal(p.models[0].max_jobs, 6);
	assert_true(p.models[0].fitted);
	assert_true(fabs(p.models[0].usl.alpha - 0.1) < 1e-6);
	assert_true(fabs(p.models[0].usl.beta - 0.02) < 1e-6);
	assert_true(fabs(p.models[0].usl.gamma / 1e9 - 1) < 1e-6);
	fsc_plan_free(&p);
	fsc_opts_free(&o);
}

/* Ensure that the verdict line gives the reason the rules find in the
 * rounds' figures: pwrite's disk 97 % busy at its rate; and says so when
 * no rule fires. */
static void why_line(void **state)
{
	struct fsc_opts o;
	struct fsc_result p;
	char line[1024];

	(void)state;
	OPTS(&o, "--dir", da, "--engine", "pwrite,threads", "--jobs", "2",
	     "--files", "2", "--size", "4K", "--block-size", "4K",
	     "--rounds", "5", "--fsync", "end");
	build(&p, &o);
	p.targets[0].fp.memory_backed = false;
	for (unsigned r = 0; r < 5; r++)
		for (unsigned i = 0; i < 2; i++) {
			struct fsc_round *rd;

			fake_round(&p.trials[i], r, 200e6);
			rd = &p.trials[i].rounds[r];
			fsc_noise_unknown(&rd->noise);
			rd->ndev = 1;
			rd->dev = calloc(1, sizeof(*rd->dev));
			assert_non_null(rd->dev);
			snprintf(rd->dev[0].name, sizeof(rd->dev[0].name), "vda");
			rd->dev[0].busy = 0.97;
			rd->dev[0].bytes_per_sec = 201e6;
			rd->dev[0].cap_bps = INFINITY;
			rd->cpus = i + 1;
			rd->cpus_busy = 0.2;
		}
	fsc_result_summarize(&p);
	assert_true(fsc_report_verdict(line, sizeof(line), &p, 0));
	assert_non_null(strstr(line, "equivalent on "));
	assert_non_null(strstr(line, " over 5 rounds, because concurrency "
			       "cannot help: vda was already 97% busy writing "
			       "one file at a time"));
	/* Half busy: no rule. */
	for (unsigned r = 0; r < 5; r++)
		p.trials[0].rounds[r].dev[0].busy = 0.5;
	fsc_result_summarize(&p);
	assert_true(fsc_report_verdict(line, sizeof(line), &p, 0));
	assert_non_null(strstr(line, " over 5 rounds; no rule explains it"));
	fsc_plan_free(&p);
	fsc_opts_free(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sets_one_dir),
		cmocka_unit_test(sets_two_dirs_split),
		cmocka_unit_test(sets_three_dirs_uneven),
		cmocka_unit_test(trials_jobs_list),
		cmocka_unit_test(trials_default_jobs_is_files),
		cmocka_unit_test(trials_per_set),
		cmocka_unit_test(trials_all_engines_skip_missing),
		cmocka_unit_test(targets_same_dir_twice),
		cmocka_unit_test(targets_missing_and_file),
		cmocka_unit_test(targets_default_dirs),
		cmocka_unit_test(summarize_speedups),
		cmocka_unit_test(more_rounds),
		cmocka_unit_test(noise_flags),
		cmocka_unit_test(why_line),
		cmocka_unit_test(summarize_models),
	};

	return cmocka_run_group_tests(tests, make_tree, remove_tree);
}
