/* capacity_test.c - unit tests for the Little's-law check of fsconc plan
 * (capacity.c): consistent figures pass, a latency or depth that cannot
 * be right is flagged, the median is a rougher check than the mean. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cmd/capacity.h"
#include "engines/engine.h"

#define BLOCK 1048576

/* A trial of jobs writers at bps bytes/s, depth in flight, and a mean
 * and median latency that are factor times what Little's law says (to
 * the nanosecond, as a profile holds them). */
static void fill(struct fsc_trial_result *t, struct fsc_round *rd,
		 unsigned n, unsigned jobs, double depth, double factor)
{
	memset(t, 0, sizeof(*t));
	memset(rd, 0, n * sizeof(*rd));
	t->engine = fsc_engine_find("threads");
	t->jobs = jobs;
	t->iodepth = 1;
	t->rounds = rd;
	t->done = t->cap = n;
	for (unsigned r = 0; r < n; r++) {
		rd[r].bytes_per_sec = 2e9 + 1e8 * (double)r;
		rd[r].achieved_depth = depth;
		rd[r].latency_mean_ns = (uint64_t)llround(depth /
			(rd[r].bytes_per_sec / BLOCK) * 1e9 * factor);
		rd[r].latency_ns[FSC_P50] = rd[r].latency_mean_ns;
	}
}

/* Ensure that writers = writes/s x mean time per write passes, with the
 * medians reported. */
static void little_consistent(void **state)
{
	struct fsc_round rd[3];
	struct fsc_trial_result t;
	struct fsc_little l;

	(void)state;
	fill(&t, rd, 3, 4, 3.8, 1.2);
	assert_int_equal(fsc_little_check(&t, BLOCK, &l), 0);
	assert_int_equal(l.rounds, 3);
	assert_int_equal(l.off, 0);
	assert_true(l.from_mean);
	assert_false(l.over_jobs);
	assert_true(fabs(l.depth - 3.8) < 1e-9);
	assert_true(fabs(l.predicted / l.depth - 1.2) < 1e-6);
	assert_true(fabs(l.writes_per_sec - 2.1e9 / BLOCK) < 1e-6);
}

/* Ensure that a latency twice or half what the depth allows is flagged
 * in every round, and a depth above the jobs too. */
static void little_inconsistent(void **state)
{
	struct fsc_round rd[3];
	struct fsc_trial_result t;
	struct fsc_little l;

	(void)state;
	fill(&t, rd, 3, 4, 3.8, 2.0);
	assert_int_equal(fsc_little_check(&t, BLOCK, &l), 0);
	assert_int_equal(l.off, 3);
	fill(&t, rd, 3, 4, 3.8, 0.5);
	assert_int_equal(fsc_little_check(&t, BLOCK, &l), 0);
	assert_int_equal(l.off, 3);
	fill(&t, rd, 3, 4, 6.0, 1.0);
	assert_int_equal(fsc_little_check(&t, BLOCK, &l), 0);
	assert_int_equal(l.off, 0);
	assert_true(l.over_jobs);
	t.iodepth = 2;		/* 4 files x 2 writes may be in flight */
	assert_int_equal(fsc_little_check(&t, BLOCK, &l), 0);
	assert_false(l.over_jobs);
}

/* Ensure that without the mean the median is used with the wider
 * tolerance, and that the check says so. */
static void little_median_rougher(void **state)
{
	struct fsc_round rd[3];
	struct fsc_trial_result t;
	struct fsc_little l;

	(void)state;
	fill(&t, rd, 3, 4, 3.8, 2.0);
	rd[1].latency_mean_ns = 0;	/* not recorded */
	assert_int_equal(fsc_little_check(&t, BLOCK, &l), 0);
	assert_false(l.from_mean);
	assert_int_equal(l.off, 0);
	fill(&t, rd, 3, 4, 3.8, 4.0);
	for (int r = 0; r < 3; r++)
		rd[r].latency_mean_ns = 0;
	assert_int_equal(fsc_little_check(&t, BLOCK, &l), 0);
	assert_int_equal(l.off, 3);
}

/* Ensure that a profile without the block size, depth or latency is not
 * checked rather than judged. */
static void little_missing_data(void **state)
{
	struct fsc_round rd[2];
	struct fsc_trial_result t;
	struct fsc_little l;

	(void)state;
	fill(&t, rd, 2, 4, 3.8, 1.0);
	assert_int_equal(fsc_little_check(&t, 0, &l), -1);
	for (int r = 0; r < 2; r++)
		rd[r].achieved_depth = NAN;
	assert_int_equal(fsc_little_check(&t, BLOCK, &l), -1);
	fill(&t, rd, 2, 4, 3.8, 1.0);
	for (int r = 0; r < 2; r++)
		rd[r].latency_mean_ns = rd[r].latency_ns[FSC_P50] = 0;
	assert_int_equal(fsc_little_check(&t, BLOCK, &l), -1);
	fill(&t, rd, 0, 4, 3.8, 1.0);
	assert_int_equal(fsc_little_check(&t, BLOCK, &l), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(little_consistent),
		cmocka_unit_test(little_inconsistent),
		cmocka_unit_test(little_median_rougher),
		cmocka_unit_test(little_missing_data),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
