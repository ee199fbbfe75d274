/* result_test.c - the figures fsc_result_summarize() and its companions
 * in result.c compute from a trial's rounds, on made-up rounds whose
 * answers are known: medians of the latencies, depth, submit share and
 * completed share, the phases' sums, the kernel workers, bytes/s under
 * --size 0, the files' rates, and each host's part under MPI. */
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

#include "result/result.h"

#define NR 3

struct world {
	struct fsc_opts o;
	struct fsc_result p;
	struct fsc_set set;
	unsigned dirs[1];
	struct fsc_trial_result t[2];
	struct fsc_round rounds[2][NR];
	struct fsc_rank_result ranks[NR][4];
	char *hosts[2];
	unsigned rank_host[4];
};

/* pwrite and io_uring on one set, three rounds each, all figures 0 but
 * for what a test sets; summarized by the test. */
static struct world *world(void)
{
	struct world *w = calloc(1, sizeof(*w));

	assert_non_null(w);
	w->o.size = 1000;
	w->o.files = 1;
	w->p.opts = &w->o;
	w->set.dirs = w->dirs;
	w->set.ndirs = 1;
	w->p.sets = &w->set;
	w->p.nsets = 1;
	w->p.trials = w->t;
	w->p.ntrials = 2;
	w->p.nranks = 1;
	for (unsigned i = 0; i < 2; i++) {
		w->t[i].engine = fsc_engine_find(i ? "io_uring" : "pwrite");
		w->t[i].jobs = 1;
		w->t[i].rounds = w->rounds[i];
		w->t[i].done = NR;
		w->t[i].cap = NR;
		for (unsigned r = 0; r < NR; r++) {
			w->rounds[i][r].bytes = w->rounds[i][r].planned_bytes =
				1000;
			w->rounds[i][r].bytes_per_sec = 1e6 * (r + 1);
			w->rounds[i][r].files_per_sec = 10.0 * (r + 1);
		}
	}
	return w;
}

static void done(struct world *w)
{
	free(w->p.models);
	free(w);
}

/* Each latency percentile, the depth and the submit share: the median
 * over the rounds, whatever their order. */
static void medians_of_rounds(void **state)
{
	struct world *w = world();
	struct fsc_round *rd = w->rounds[1];
	static const double depth[NR] = { 1.0, 5.0, 3.0 };
	static const double share[NR] = { 0.2, 0.9, 0.4 };

	(void)state;
	for (unsigned r = 0; r < NR; r++) {
		for (int q = 0; q < FSC_NPCT; q++)
			rd[r].latency_ns[q] = 1000 * (uint64_t)(q + 1) *
				(r == 0 ? 3 : r == 1 ? 1 : 2);
		rd[r].achieved_depth = depth[r];
		rd[r].submit_share = share[r];
	}
	fsc_result_summarize(&w->p);
	for (int q = 0; q < FSC_NPCT; q++)
		assert_true(w->t[1].latency_ns[q] == 2000.0 * (q + 1));
	assert_true(w->t[1].depth == 3.0);
	assert_true(w->t[1].submit_share == 0.4);
	done(w);
}

/* The share of the planned bytes written: the median over the rounds,
 * 1 for a round with nothing planned. */
static void completed_median(void **state)
{
	struct world *w = world();
	struct fsc_round *rd = w->rounds[0];

	(void)state;
	rd[0].bytes = 500;
	rd[1].bytes = 1000;
	rd[2].bytes = 750;
	w->rounds[1][0].planned_bytes = 0;
	w->rounds[1][1].bytes = 10;
	w->rounds[1][2].planned_bytes = 0;
	fsc_result_summarize(&w->p);
	assert_true(w->t[0].completed == 0.75);
	assert_true(w->t[1].completed == 1.0);
	assert_true(fsc_completed(3, 4) == 0.75);
	assert_true(fsc_completed(5, 0) == 1.0);
	done(w);
}

/* The phases summed over every round; the kernel workers the most of
 * any sampled round, an unsampled one not counted. */
static void phases_and_kworkers(void **state)
{
	struct world *w = world();
	struct fsc_round *rd = w->rounds[1];

	(void)state;
	for (unsigned r = 0; r < NR; r++)
		for (int k = 0; k < FSC_NPHASE; k++)
			rd[r].phases.sum_ns[k] = 10 * (uint64_t)(k + 1) + r;
	rd[0].kworkers_sampled = rd[1].kworkers_sampled = true;
	rd[0].kworkers = 3;
	rd[0].kworkers_peak = 1;
	rd[1].kworkers = 2;
	rd[1].kworkers_peak = 2;
	rd[2].kworkers = 9;		/* not sampled */
	rd[2].kworkers_peak = 9;
	fsc_result_summarize(&w->p);
	for (int k = 0; k < FSC_NPHASE; k++)
		assert_int_equal(w->t[1].phase_ns[k], 30 * (uint64_t)(k + 1) + 3);
	assert_int_equal(w->t[1].kworkers, 3);
	assert_int_equal(w->t[1].kworkers_peak, 2);
	assert_int_equal(w->t[0].kworkers, 0);
	done(w);
}

/* --size 0 judges on files/s, but bytes/s is summarized all the same;
 * the spread is the aggregate's stddev over its mean. */
static void bytes_and_spread(void **state)
{
	struct world *w = world();

	(void)state;
	w->o.size = 0;
	fsc_result_summarize(&w->p);
	assert_true(w->t[0].agg.median == 20.0);
	assert_true(w->t[0].bytes_ps.median == 2e6);
	assert_true(w->t[0].bytes_ps.min == 1e6);
	assert_true(w->t[0].bytes_ps.max == 3e6);
	/* files/s 10, 20, 30: stddev 10, mean 20. */
	assert_true(fabs(w->t[0].spread - 0.5) < 1e-12);
	for (unsigned r = 0; r < NR; r++)
		w->rounds[0][r].files_per_sec = 0;
	fsc_result_summarize(&w->p);
	assert_true(isnan(w->t[0].spread));
	done(w);
}

/* A file's rate is its bytes over its open-to-close time; a round's
 * files summarized take every file, one with no time at 0. */
static void file_rates(void **state)
{
	struct fsc_file_result f[3] = {
		{ .bytes = 1000, .t_open = 5, .t_done = 1000005 },
		{ .bytes = 3000, .t_open = 0, .t_done = 1000000 },
		{ .bytes = 7, .t_open = 9, .t_done = 9 },
	};
	struct fsc_round rd = { .files = f, .nfiles = 3 };
	struct fsc_summary s;

	(void)state;
	assert_true(fsc_file_rate(&f[0]) == 1e6);
	assert_true(fsc_file_rate(&f[1]) == 3e6);
	assert_true(fsc_file_rate(&f[2]) == 0);
	fsc_round_files(&rd, &s);
	assert_int_equal(s.n, 3);
	assert_true(s.min == 0);
	assert_true(s.median == 1e6);
	assert_true(s.max == 3e6);
}

/* Under MPI: each host's rate, slowest rank and completed share, medians
 * over the rounds; the largest skew of any round; the rounds run. */
static void hosts_and_skew(void **state)
{
	struct world *w = world();
	struct fsc_host_medians m;

	(void)state;
	w->p.nranks = 4;
	w->hosts[0] = "a";
	w->hosts[1] = "b";
	w->p.hosts = w->hosts;
	w->p.nhosts = 2;
	w->rank_host[2] = w->rank_host[3] = 1;
	w->p.rank_host = w->rank_host;
	/* Host a: ranks 0 and 1, 1000 bytes each over 1 ms, but rank 1
	 * over 2 ms in round 1; host b: ranks 2 and 3, rank 3 writing
	 * nothing in round 0 (1000 of 2000 bytes), then whole. */
	for (unsigned r = 0; r < NR; r++) {
		struct fsc_round *rd = &w->rounds[0][r];

		rd->ranks = w->ranks[r];
		rd->nranks = 4;
		rd->barrier_skew_ns = r == 1 ? 900 : 100;
		for (unsigned k = 0; k < 4; k++) {
			struct fsc_rank_result *rr = &w->ranks[r][k];

			rr->planned_bytes = 1000;
			rr->bytes = k == 3 && r == 0 ? 0 : 1000;
			rr->nfiles = 1;
			rr->start_ns = 0;
			rr->end_ns = k == 1 && r == 1 ? 2000000 : 1000000;
		}
	}
	w->t[1].done = 2;
	fsc_trial_host(&w->p, &w->t[0], 0, &m);
	/* 2000 bytes over 1, 2 and 1 ms: 2e6, 1e6, 2e6. */
	assert_true(m.bytes_per_sec == 2e6);
	/* The slower rank: 1e6, 0.5e6, 1e6. */
	assert_true(m.slowest_rank_bps == 1e6);
	assert_true(m.completed == 1.0);
	fsc_trial_host(&w->p, &w->t[0], 1, &m);
	assert_true(m.completed == 1.0);
	assert_true(m.slowest_rank_bps == 1e6);
	w->ranks[1][3].bytes = 0;	/* b: 0.5 in two rounds of three */
	fsc_trial_host(&w->p, &w->t[0], 1, &m);
	assert_true(m.completed == 0.5);
	assert_int_equal(fsc_result_skew(&w->p), 900);
	assert_int_equal(fsc_result_rounds(&w->p), NR);
	done(w);
}

/* The stragglers of io_uring x2 on two dirs: rounds of four files of 1 MB,
 * dir = index % 2; in round 2 file 3 (dir 1) takes 40 ms against 10 ms
 * for the others and runs alone from 20 ms to 50 ms.  The per-file rates: nine
 * of 100 MB/s and two of 50 MB/s (round 1's files 2 and 3 take 20 ms),
 * one of 25 MB/s; p10 = 50 MB/s (between the 2nd and 3rd lowest),
 * p90 = 100 MB/s; the slowest is round 2's file 3, at a quarter of the
 * median, its round's tail [20, 50) ms 60 % of its time, all dir 1's. */
static void stragglers_of_files(void **state)
{
	struct world *w = world();
	struct fsc_file_result f[NR][4];
	struct fsc_trial_result *t = &w->t[1];
	unsigned two[2] = { 0, 1 };
	const uint64_t ms = 1000000;

	(void)state;
	w->set.dirs = two;
	w->set.ndirs = 2;
	t->jobs = 2;
	memset(f, 0, sizeof(f));
	for (unsigned r = 0; r < NR; r++) {
		struct fsc_round *rd = &w->rounds[1][r];

		rd->t0 = 1000 * ms;
		for (unsigned i = 0; i < 4; i++) {
			f[r][i].dir = i % 2;
			f[r][i].bytes = 1000000;
			f[r][i].t_open = rd->t0 + (i / 2) * 10 * ms;
			f[r][i].t_done = f[r][i].t_open + 10 * ms;
		}
		rd->files = f[r];
		rd->nfiles = 4;
	}
	f[0][2].t_done = f[0][2].t_open + 20 * ms;
	f[0][3].t_done = f[0][3].t_open + 20 * ms;
	f[1][3].t_done = f[1][3].t_open + 40 * ms;
	for (unsigned r = 0; r < NR; r++)
		w->rounds[1][r].elapsed_ns = (r == 1 ? 50 : r == 0 ? 30 : 20)
			* ms;
	fsc_result_summarize(&w->p);
	assert_true(fabs(t->file_p10 - 50e6) < 1);
	assert_true(fabs(t->file_p90 - 100e6) < 1);
	assert_true(t->has_slowest);
	assert_int_equal(t->slowest.round, 1);
	assert_int_equal(t->slowest.file, 3);
	assert_int_equal(t->slowest.dir, 1);
	assert_true(fabs(t->slowest.rate - 25e6) < 1);
	assert_true(fabs(t->slowest.median - 100e6) < 1);
	assert_true(fabs(t->slowest.tail.share - 0.6) < 1e-12);
	assert_int_equal(t->slowest.tail.dir, 1);
	assert_true(fsc_straggled(&t->slowest));
	/* Round 1: both files of the second pair end together at 30 ms, no
	 * tail; round 3 neither: the median tail is 0. */
	assert_true(t->tail_share == 0);
	/* At more than half the median, no straggler. */
	f[1][3].t_done = f[1][3].t_open + 15 * ms;
	w->rounds[1][1].elapsed_ns = 25 * ms;
	fsc_result_summarize(&w->p);
	assert_false(fsc_straggled(&t->slowest));
	done(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(medians_of_rounds),
		cmocka_unit_test(completed_median),
		cmocka_unit_test(phases_and_kworkers),
		cmocka_unit_test(bytes_and_spread),
		cmocka_unit_test(file_rates),
		cmocka_unit_test(hosts_and_skew),
		cmocka_unit_test(stragglers_of_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
