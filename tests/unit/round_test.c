/* round_test.c - unit tests for the measurement of a trial round
 * (round.c) on made-up files and counts whose figures are worked out by
 * hand: the span from the first open to the last close, the rates over
 * it, the files written whole, the phases, the latency, the submit share
 * and depth, a round cut short by --stonewall, and the ranks of an MPI
 * round. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "result/round.h"
#include "util/histogram.h"

static void near_(double got, double want, const char *what, int line)
{
	double tol = 1e-12 * (fabs(want) > 1 ? fabs(want) : 1);

	if (!(fabs(got - want) <= tol))
		fail_msg("line %d: %s = %.17g, expected %.17g", line, what, got,
			 want);
}

#define NEAR(got, want) near_((got), (want), #got, __LINE__)

static struct fsc_file_result file(uint64_t t_open, uint64_t t_done,
				   uint64_t bytes, uint64_t open_ns,
				   uint64_t write_ns, uint64_t fsync_ns,
				   uint64_t close_ns)
{
	struct fsc_file_result f;

	memset(&f, 0, sizeof(f));
	f.t_open = t_open;
	f.t_done = t_done;
	f.bytes = bytes;
	f.phase_ns[FSC_PHASE_OPEN] = open_ns;
	f.phase_ns[FSC_PHASE_WRITE] = write_ns;
	f.phase_ns[FSC_PHASE_FSYNC] = fsync_ns;
	f.phase_ns[FSC_PHASE_CLOSE] = close_ns;
	assert_int_equal(open_ns + write_ns + fsync_ns + close_ns,
			 t_done - t_open);
	return f;
}

/* Three files of 1000 bytes, all written whole by a synchronous engine
 * with two writers:
 *
 *	file	open	done	busy	open+write+fsync+close
 *	0	1000	1500	 500	 50 + 400 + 30 + 20
 *	1	1100	2000	 900	100 + 700 + 50 + 50
 *	2	1200	2100	 900	 60 + 800 + 20 + 20
 *
 * t0 = 1000 and the span ends at 2100: 1100 ns for 3000 bytes and 3
 * files.  The depth is the files' busy time over the span, 2300 / 1100;
 * the submit share 1320 ns in submit calls over 2 writers x 1100 ns,
 * 0.6.  Writes took 100, 200 and 300 ns (exact below 256 ns, and the
 * maximum is exact): p50 200, p90 300, mean 200. */
static void test_three_files(void **state)
{
	struct fsc_file_result *files = malloc(3 * sizeof(*files));
	struct fsc_rank_sums s;
	struct fsc_hist *h = calloc(1, sizeof(*h));
	struct fsc_round r;

	(void)state;
	files[0] = file(1000, 1500, 1000, 50, 400, 30, 20);
	files[1] = file(1100, 2000, 1000, 100, 700, 50, 50);
	files[2] = file(1200, 2100, 1000, 60, 800, 20, 20);
	memset(&s, 0, sizeof(s));
	s.bytes = 3000;
	s.planned = 3000;
	s.nfiles = 3;
	s.files_done = 3;
	s.cpu_user_ns = 400;
	s.cpu_sys_ns = 300;
	s.submit_ns = 1320;
	s.nworkers = 2;
	fsc_hist_add(h, 100);
	fsc_hist_add(h, 200);
	fsc_hist_add(h, 300);

	fsc_round_measure(&s, 1, files, 3, h, &r);
	assert_ptr_equal(r.files, files);
	assert_int_equal(r.nfiles, 3);
	assert_int_equal(r.t0, 1000);
	assert_int_equal(r.elapsed_ns, 1100);
	assert_int_equal(r.bytes, 3000);
	assert_int_equal(r.planned_bytes, 3000);
	NEAR(r.bytes_per_sec, 3000 * 1e9 / 1100);
	assert_int_equal(r.files_done, 3);
	NEAR(r.files_per_sec, 3 * 1e9 / 1100);
	assert_int_equal(r.cpu_user_ns, 400);
	assert_int_equal(r.cpu_sys_ns, 300);
	NEAR(r.submit_share, 0.6);
	NEAR(r.achieved_depth, 2300.0 / 1100);
	assert_false(r.kworkers_sampled);
	assert_int_equal(r.phases.sum_ns[FSC_PHASE_OPEN], 210);
	assert_int_equal(r.phases.sum_ns[FSC_PHASE_TRUNCATE], 0);
	assert_int_equal(r.phases.sum_ns[FSC_PHASE_WRITE], 1900);
	assert_int_equal(r.phases.sum_ns[FSC_PHASE_FSYNC], 100);
	assert_int_equal(r.phases.sum_ns[FSC_PHASE_CLOSE], 90);
	assert_int_equal(r.phases.p50_ns[FSC_PHASE_WRITE], 700);
	assert_int_equal(r.phases.p99_ns[FSC_PHASE_WRITE], 800);
	assert_int_equal(r.latency_ns[FSC_P50], 200);
	assert_int_equal(r.latency_ns[FSC_P90], 300);
	assert_int_equal(r.latency_ns[FSC_PMAX], 300);
	assert_int_equal(r.latency_mean_ns, 200);
	/* One rank: no ranks' parts. */
	assert_null(r.ranks);
	assert_int_equal(r.nranks, 0);
	assert_int_equal(r.barrier_skew_ns, 0);
	free(files);
	free(h);
}

/* --stonewall fell: of 3 files of 1000 bytes (3000 planned), one was
 * written whole (5000 to 6000), one had 400 bytes when the wall fell
 * (5200 to 5800), and the third was never opened, so it is not among the
 * files.  1400 bytes over 1000 ns, 1.4e9 a second; one file written
 * whole, 1e6 a second.  An async engine (one thread) saw 30 writes in
 * flight over 10 submissions, depth 3, and spent 250 ns of the 1000 in
 * submit calls; its kernel workers were sampled. */
static void test_stonewall(void **state)
{
	struct fsc_file_result *files = malloc(2 * sizeof(*files));
	struct fsc_rank_sums s;
	struct fsc_hist *h = calloc(1, sizeof(*h));
	struct fsc_round r;

	(void)state;
	files[0] = file(5000, 6000, 1000, 100, 800, 0, 100);
	files[1] = file(5200, 5800, 400, 100, 400, 0, 100);
	memset(&s, 0, sizeof(s));
	s.bytes = 1400;
	s.planned = 3000;
	s.nfiles = 2;
	s.files_done = 1;
	s.submit_ns = 250;
	s.nworkers = 1;
	s.depth_sum = 30;
	s.depth_n = 10;
	s.kworkers_sampled = 1;
	s.kworkers = 4;
	s.kworkers_peak = 2;

	fsc_round_measure(&s, 1, files, 2, h, &r);
	assert_int_equal(r.t0, 5000);
	assert_int_equal(r.elapsed_ns, 1000);
	assert_int_equal(r.bytes, 1400);
	assert_int_equal(r.planned_bytes, 3000);
	assert_true(r.bytes < r.planned_bytes);
	NEAR(r.bytes_per_sec, 1.4e9);
	assert_int_equal(r.files_done, 1);
	NEAR(r.files_per_sec, 1e6);
	NEAR(r.submit_share, 0.25);
	NEAR(r.achieved_depth, 3.0);
	assert_true(r.kworkers_sampled);
	assert_int_equal(r.kworkers, 4);
	assert_int_equal(r.kworkers_peak, 2);
	assert_int_equal(r.phases.sum_ns[FSC_PHASE_WRITE], 1200);
	assert_int_equal(r.phases.sum_ns[FSC_PHASE_CLOSE], 200);
	/* No write measured: no latency. */
	assert_int_equal(r.latency_ns[FSC_P50], 0);
	assert_int_equal(r.latency_mean_ns, 0);
	free(files);
	free(h);
}

/* Two MPI ranks on one clock: rank 0 wrote files 100-600 and 150-700
 * (2000 bytes), rank 1 the file 120-900 (1000 bytes).  t0 = 100, span
 * 800 ns; rank 0's part runs from 0 to 600 after t0, rank 1's from 20 to
 * 800.  The sums add up, the depth is the sum of the ranks' means (2 +
 * 3), and the barrier skew is the larger of theirs. */
static void test_two_ranks(void **state)
{
	struct fsc_file_result *files = malloc(3 * sizeof(*files));
	struct fsc_rank_sums s[2];
	struct fsc_hist *h = calloc(1, sizeof(*h));
	struct fsc_round r;

	(void)state;
	files[0] = file(100, 600, 1000, 0, 500, 0, 0);
	files[1] = file(150, 700, 1000, 0, 550, 0, 0);
	files[2] = file(120, 900, 1000, 0, 780, 0, 0);
	files[2].rank = 1;
	memset(s, 0, sizeof(s));
	s[0].bytes = 2000;
	s[0].planned = 2000;
	s[0].nfiles = 2;
	s[0].files_done = 2;
	s[0].cpu_user_ns = 100;
	s[0].cpu_sys_ns = 50;
	s[0].nworkers = 1;
	s[0].submit_ns = 400;
	s[0].depth_sum = 20;
	s[0].depth_n = 10;
	s[0].skew_ns = 7;
	s[1].bytes = 1000;
	s[1].planned = 1000;
	s[1].nfiles = 1;
	s[1].files_done = 1;
	s[1].cpu_user_ns = 200;
	s[1].cpu_sys_ns = 60;
	s[1].nworkers = 1;
	s[1].submit_ns = 400;
	s[1].depth_sum = 9;
	s[1].depth_n = 3;
	s[1].skew_ns = 9;

	fsc_round_measure(s, 2, files, 3, h, &r);
	assert_int_equal(r.t0, 100);
	assert_int_equal(r.elapsed_ns, 800);
	assert_int_equal(r.bytes, 3000);
	assert_int_equal(r.planned_bytes, 3000);
	assert_int_equal(r.files_done, 3);
	NEAR(r.bytes_per_sec, 3000 * 1e9 / 800);
	NEAR(r.files_per_sec, 3 * 1e9 / 800);
	assert_int_equal(r.cpu_user_ns, 300);
	assert_int_equal(r.cpu_sys_ns, 110);
	NEAR(r.submit_share, 800.0 / (800 * 2));
	NEAR(r.achieved_depth, 5.0);
	assert_int_equal(r.nranks, 2);
	assert_non_null(r.ranks);
	assert_int_equal(r.barrier_skew_ns, 9);
	assert_int_equal(r.ranks[0].bytes, 2000);
	assert_int_equal(r.ranks[0].planned_bytes, 2000);
	assert_int_equal(r.ranks[0].nfiles, 2);
	assert_int_equal(r.ranks[0].start_ns, 0);
	assert_int_equal(r.ranks[0].end_ns, 600);
	assert_int_equal(r.ranks[0].cpu_user_ns, 100);
	assert_int_equal(r.ranks[1].bytes, 1000);
	assert_int_equal(r.ranks[1].nfiles, 1);
	assert_int_equal(r.ranks[1].start_ns, 20);
	assert_int_equal(r.ranks[1].end_ns, 800);
	assert_int_equal(r.ranks[1].cpu_sys_ns, 60);
	free(r.ranks);
	free(files);
	free(h);
}

/* A round with no file opened (the wall fell before the first open):
 * no span, so no rate, and nothing divided by zero. */
static void test_no_files(void **state)
{
	struct fsc_rank_sums s;
	struct fsc_hist *h = calloc(1, sizeof(*h));
	struct fsc_round r;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.planned = 3000;
	s.nworkers = 2;
	fsc_round_measure(&s, 1, NULL, 0, h, &r);
	assert_int_equal(r.elapsed_ns, 0);
	assert_int_equal(r.bytes, 0);
	assert_int_equal(r.planned_bytes, 3000);
	NEAR(r.bytes_per_sec, 0);
	NEAR(r.files_per_sec, 0);
	NEAR(r.submit_share, 0);
	NEAR(r.achieved_depth, 0);
	assert_int_equal(r.phases.sum_ns[FSC_PHASE_WRITE], 0);
	free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_files),
		cmocka_unit_test(test_stonewall),
		cmocka_unit_test(test_two_ranks),
		cmocka_unit_test(test_no_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
