/* phases_test.c - unit tests for a file's phases (phases.c): on made-up
 * clock readings, the phases add up to the file's open-to-close time,
 * a reading not taken makes its phase 0, and the sums, percentiles and
 * the dominant phase over files are the known ones. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/phases.h"

static uint64_t total(const uint64_t ph[FSC_NPHASE])
{
	uint64_t n = 0;

	for (int k = 0; k < FSC_NPHASE; k++)
		n += ph[k];
	return n;
}

/* Every reading taken: each phase is the gap between two of them. */
static void test_split_all(void **state)
{
	const uint64_t st[FSC_NPHASE + 1] = {
		1000, 1200, 1300, 9300, 9800, 10000
	};
	uint64_t ph[FSC_NPHASE];

	(void)state;
	fsc_phases_split(st, ph);
	assert_int_equal(ph[FSC_PHASE_OPEN], 200);
	assert_int_equal(ph[FSC_PHASE_TRUNCATE], 100);
	assert_int_equal(ph[FSC_PHASE_WRITE], 8000);
	assert_int_equal(ph[FSC_PHASE_FSYNC], 500);
	assert_int_equal(ph[FSC_PHASE_CLOSE], 200);
	assert_int_equal(total(ph), st[FSC_NPHASE] - st[0]);
}

/* No truncate and no fsync (readings 0): those phases are 0, the others
 * still add up to t_done - t_open. */
static void test_split_missing(void **state)
{
	const uint64_t st[FSC_NPHASE + 1] = {
		5000000000ULL, 5000000400ULL, 0, 5000090000ULL, 0,
		5000090700ULL
	};
	uint64_t ph[FSC_NPHASE];

	(void)state;
	fsc_phases_split(st, ph);
	assert_int_equal(ph[FSC_PHASE_OPEN], 400);
	assert_int_equal(ph[FSC_PHASE_TRUNCATE], 0);
	assert_int_equal(ph[FSC_PHASE_WRITE], 89600);
	assert_int_equal(ph[FSC_PHASE_FSYNC], 0);
	assert_int_equal(ph[FSC_PHASE_CLOSE], 700);
	assert_int_equal(total(ph), st[FSC_NPHASE] - st[0]);
}

/* Readings of one clock tick (equal times) make phases of 0, and they
 * still add up. */
static void test_split_same_tick(void **state)
{
	const uint64_t st[FSC_NPHASE + 1] = { 77, 77, 77, 78, 78, 78 };
	uint64_t ph[FSC_NPHASE];

	(void)state;
	fsc_phases_split(st, ph);
	assert_int_equal(ph[FSC_PHASE_WRITE], 1);
	assert_int_equal(total(ph), 1);
}

/* 100 files: open takes i ns, write 1000, fsync 10 * i, close 5. */
static void test_summarize(void **state)
{
	struct fsc_file_result f[100];
	struct fsc_phase_stats s;

	(void)state;
	memset(f, 0, sizeof(f));
	for (int i = 0; i < 100; i++) {
		uint64_t st[FSC_NPHASE + 1];

		st[0] = 1000000u * (uint64_t)i;
		st[1] = st[0] + (uint64_t)i + 1;
		st[2] = 0;
		st[3] = st[1] + 1000;
		st[4] = st[3] + 10u * (uint64_t)(i + 1);
		st[5] = st[4] + 5;
		f[i].t_open = st[0];
		f[i].t_done = st[5];
		fsc_phases_split(st, f[i].phase_ns);
		assert_int_equal(total(f[i].phase_ns),
				 f[i].t_done - f[i].t_open);
	}
	fsc_phases_summarize(f, 100, &s);
	assert_int_equal(s.sum_ns[FSC_PHASE_OPEN], 5050);
	assert_int_equal(s.sum_ns[FSC_PHASE_TRUNCATE], 0);
	assert_int_equal(s.sum_ns[FSC_PHASE_WRITE], 100000);
	assert_int_equal(s.sum_ns[FSC_PHASE_FSYNC], 50500);
	assert_int_equal(s.sum_ns[FSC_PHASE_CLOSE], 500);
	assert_int_equal(s.p50_ns[FSC_PHASE_OPEN], 50);
	assert_int_equal(s.p99_ns[FSC_PHASE_OPEN], 99);
	assert_int_equal(s.p50_ns[FSC_PHASE_FSYNC], 500);
	assert_int_equal(s.p99_ns[FSC_PHASE_FSYNC], 990);
	assert_int_equal(s.p99_ns[FSC_PHASE_WRITE], 1000);
	/* Write holds most of it: no other phase dominates. */
	assert_int_equal(fsc_phases_dominant(s.sum_ns), -1);
}

static void test_summarize_none(void **state)
{
	struct fsc_phase_stats s;

	(void)state;
	memset(&s, 0xff, sizeof(s));
	fsc_phases_summarize(NULL, 0, &s);
	for (int k = 0; k < FSC_NPHASE; k++) {
		assert_int_equal(s.sum_ns[k], 0);
		assert_int_equal(s.p99_ns[k], 0);
	}
}

static void test_dominant(void **state)
{
	uint64_t fsync_big[FSC_NPHASE] = { 10, 0, 30, 61, 0 };
	uint64_t write_big[FSC_NPHASE] = { 10, 0, 80, 5, 5 };
	uint64_t half[FSC_NPHASE] = { 50, 0, 50, 0, 0 };
	uint64_t none[FSC_NPHASE] = { 0 };

	(void)state;
	assert_int_equal(fsc_phases_dominant(fsync_big), FSC_PHASE_FSYNC);
	assert_int_equal(fsc_phases_dominant(write_big), -1);
	assert_int_equal(fsc_phases_dominant(half), -1);
	assert_int_equal(fsc_phases_dominant(none), -1);
	assert_string_equal(fsc_phase_name(FSC_PHASE_TRUNCATE), "truncate");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_all),
		cmocka_unit_test(test_split_missing),
		cmocka_unit_test(test_split_same_tick),
		cmocka_unit_test(test_summarize),
		cmocka_unit_test(test_summarize_none),
		cmocka_unit_test(test_dominant),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
