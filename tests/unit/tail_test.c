/* tail_test.c - unit tests for a round's tail (tail.c) on made-up
 * timestamps whose tail is worked out by hand. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "result/tail.h"

#define T0 1000000

static struct fsc_round round_of(struct fsc_file_result *f, size_t n)
{
	struct fsc_round rd;
	uint64_t end = 0;

	memset(&rd, 0, sizeof(rd));
	rd.t0 = T0;
	for (size_t i = 0; i < n; i++)
		end = f[i].t_done > end ? f[i].t_done : end;
	rd.elapsed_ns = end - T0;
	rd.files = f;
	rd.nfiles = n;
	return rd;
}

/* Ensure two writers over four files: f0 [0,10) f1 [0,12) f2 [10,20)
 * f3 [12,40); two in flight until 20, then f3 alone: the tail is
 * [20,40), half the round, all f3's, on its dir. */
static void one_straggler(void **state)
{
	struct fsc_file_result f[4] = {
		{ .dir = 0, .t_open = T0, .t_done = T0 + 10 },
		{ .dir = 0, .t_open = T0, .t_done = T0 + 12 },
		{ .dir = 0, .t_open = T0 + 10, .t_done = T0 + 20 },
		{ .dir = 1, .t_open = T0 + 12, .t_done = T0 + 40 },
	};
	struct fsc_round rd = round_of(f, 4);
	struct fsc_tail t;

	(void)state;
	fsc_round_tail(&rd, 2, &t);
	assert_int_equal(t.start_ns, 20);
	assert_int_equal(t.len_ns, 20);
	assert_true(t.share == 0.5);
	assert_int_equal(t.file, 3);
	assert_true(t.file_share == 1.0);
	assert_int_equal(t.dir, 1);
	assert_true(t.dir_share == 1.0);
}

/* Ensure one file at a time has no tail: the count falls below one only
 * at the last close. */
static void sequential_has_none(void **state)
{
	struct fsc_file_result f[3] = {
		{ .t_open = T0, .t_done = T0 + 10 },
		{ .t_open = T0 + 11, .t_done = T0 + 20 },
		{ .t_open = T0 + 21, .t_done = T0 + 30 },
	};
	struct fsc_round rd = round_of(f, 3);
	struct fsc_tail t;

	(void)state;
	fsc_round_tail(&rd, 1, &t);
	assert_int_equal(t.len_ns, 0);
	assert_int_equal(t.file, SIZE_MAX);
	assert_int_equal(t.dir, -1);
}

/* Ensure the tail shared by two dirs names neither, and that jobs above
 * the files opened count as the files: three files at once, ending at
 * 10, 16 and 20 (jobs 8): the tail is [10,20), f1 in it 6 of 10, f2
 * 10; dir 0 holds 6 of 16. */
static void shared_tail(void **state)
{
	struct fsc_file_result f[3] = {
		{ .dir = 0, .t_open = T0, .t_done = T0 + 10 },
		{ .dir = 0, .t_open = T0, .t_done = T0 + 16 },
		{ .dir = 1, .t_open = T0, .t_done = T0 + 20 },
	};
	struct fsc_round rd = round_of(f, 3);
	struct fsc_tail t;

	(void)state;
	fsc_round_tail(&rd, 8, &t);
	assert_int_equal(t.start_ns, 10);
	assert_int_equal(t.len_ns, 10);
	assert_int_equal(t.file, 2);
	assert_true(t.file_share == 1.0);
	assert_int_equal(t.dir, -1);
}

/* Ensure a round with no file timed has no tail. */
static void empty_round(void **state)
{
	struct fsc_file_result f[1] = { { .t_open = T0, .t_done = T0 } };
	struct fsc_round rd = round_of(f, 1);
	struct fsc_tail t;

	(void)state;
	fsc_round_tail(&rd, 4, &t);
	assert_int_equal(t.len_ns, 0);
	assert_int_equal(t.file, SIZE_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_straggler),
		cmocka_unit_test(sequential_has_none),
		cmocka_unit_test(shared_tail),
		cmocka_unit_test(empty_round),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
