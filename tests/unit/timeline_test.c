/* timeline_test.c - unit tests for a round's timeline (timeline.c) on
 * made-up readings and series: the intervals add up to the round's bytes,
 * a long round doubles its interval, the dirty page-cache limit is found
 * where the rate falls near the limit, and nowhere else; and the sampler
 * keeps its readings bounded. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "result/timeline.h"
#include "util/sampler.h"

#define T0 1000000000ULL
#define MS 1000000ULL

static uint64_t sum(const struct fsc_timeline *tl)
{
	uint64_t s = 0;

	for (size_t k = 0; k < tl->n; k++)
		s += tl->bytes[k];
	return s;
}

/* Readings every 100 ms from 5 ms before t0, 10 MB each interval, the
 * round ending 350 ms in with 40 MB (the last 5 MB after the last
 * reading): four intervals, the last 50 ms, adding up to 40 MB. */
static void sums_to_bytes(void **state)
{
	uint64_t t[5], b[5] = { 0, 9500000, 19500000, 29500000, 35000000 };
	struct fsc_timeline tl;

	(void)state;
	for (int i = 0; i < 5; i++)
		t[i] = T0 - 5 * MS + (uint64_t)i * 100 * MS;
	fsc_timeline_build(t, b, 5, T0, T0 + 350 * MS, 40000000, 100 * MS,
			   &tl);
	assert_int_equal(tl.interval_ns, 100 * MS);
	assert_int_equal(tl.n, 4);
	assert_int_equal(sum(&tl), 40000000);
	/* 10 MB every 100 ms from 5 ms before t0 (0 at t0): 10 MB an
	 * interval, until the last reading. */
	assert_int_equal(tl.bytes[0], 10000000);
	assert_int_equal(tl.bytes[1], 10000000);
	free(tl.bytes);
}

/* A counter ahead of the files (a reading above the round's bytes) and
 * none at all: still exact, the bytes spread evenly. */
static void clamped_and_none(void **state)
{
	uint64_t t[2] = { T0 + 50 * MS, T0 + 150 * MS };
	uint64_t b[2] = { 70, 900 };
	struct fsc_timeline tl;

	(void)state;
	fsc_timeline_build(t, b, 2, T0, T0 + 200 * MS, 800, 100 * MS, &tl);
	assert_int_equal(tl.n, 2);
	assert_int_equal(sum(&tl), 800);
	free(tl.bytes);
	fsc_timeline_build(NULL, NULL, 0, T0, T0 + 400 * MS, 4000, 100 * MS,
			   &tl);
	assert_int_equal(tl.n, 4);
	for (size_t k = 0; k < 4; k++)
		assert_int_equal(tl.bytes[k], 1000);
	free(tl.bytes);
	fsc_timeline_build(NULL, NULL, 0, T0, T0, 0, 100 * MS, &tl);
	assert_int_equal(tl.n, 0);
	assert_null(tl.bytes);
}

/* A round of 4096 intervals and a bit more: the interval doubles, and
 * the series still adds up. */
static void long_round_doubles(void **state)
{
	uint64_t span = (FSC_TIMELINE_MAX + 10) * 100 * MS;
	size_t n = FSC_TIMELINE_MAX + 10;
	uint64_t *t = calloc(n, sizeof(*t)), *b = calloc(n, sizeof(*b));
	struct fsc_timeline tl;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		t[i] = T0 + (uint64_t)i * 100 * MS;
		b[i] = (uint64_t)i * 1000;
	}
	fsc_timeline_build(t, b, n, T0, T0 + span, n * 1000, 100 * MS, &tl);
	assert_int_equal(tl.interval_ns, 200 * MS);
	assert_true(tl.n <= FSC_TIMELINE_MAX);
	assert_int_equal(tl.n, (n + 1) / 2);
	assert_int_equal(sum(&tl), n * 1000);
	assert_int_equal(tl.bytes[1], 2000);
	free(tl.bytes);
	free(t);
	free(b);
}

/* A round from a series of rates (MB per 100 ms interval). */
static struct fsc_round round_of(const uint64_t *mb, size_t n)
{
	struct fsc_round r;

	memset(&r, 0, sizeof(r));
	r.timeline.interval_ns = 100 * MS;
	r.timeline.n = n;
	r.timeline.bytes = calloc(n, sizeof(uint64_t));
	for (size_t k = 0; k < n; k++) {
		r.timeline.bytes[k] = mb[k] * 1000000;
		r.bytes += r.timeline.bytes[k];
	}
	r.elapsed_ns = n * 100 * MS;
	return r;
}

/* 310 MB an interval (3.1 GB/s) for 14 intervals, 4.34 GB, then 61 MB
 * (610 MB/s) for 30: the limit at 4.4 GB fires, at 1 GB or unknown not. */
static void dirty_fires(void **state)
{
	uint64_t mb[44];
	struct fsc_round r;
	struct fsc_dirty_drop d;

	(void)state;
	for (size_t k = 0; k < 44; k++)
		mb[k] = k < 14 ? 310 : 61;
	r = round_of(mb, 44);
	assert_true(fsc_timeline_dirty(&r, 4400000000ULL, &d));
	assert_int_equal(d.at_bytes, 4340000000ULL);
	assert_int_equal(d.at_ns, 1400 * MS);
	assert_true(d.before_bps > 3.09e9 && d.before_bps < 3.11e9);
	assert_true(d.after_bps > 6.09e8 && d.after_bps < 6.11e8);
	assert_false(fsc_timeline_dirty(&r, 1000000000ULL, &d));
	assert_false(fsc_timeline_dirty(&r, 0, &d));
	free(r.timeline.bytes);
}

/* A flat series with noise, one fast interval among them, and a series
 * that speeds up: nothing, whatever the limit. */
static void flat_does_not(void **state)
{
	uint64_t mb[40], up[40];
	struct fsc_round r, u;
	struct fsc_dirty_drop d;

	(void)state;
	for (size_t k = 0; k < 40; k++) {
		mb[k] = 100 + (k % 3) * 10;
		up[k] = k < 20 ? 50 : 200;
	}
	mb[5] = 180;
	r = round_of(mb, 40);
	u = round_of(up, 40);
	for (uint64_t lim = 100000000; lim < 6000000000ULL; lim += 100000000) {
		assert_false(fsc_timeline_dirty(&r, lim, &d));
		assert_false(fsc_timeline_dirty(&u, lim, &d));
	}
	free(r.timeline.bytes);
	free(u.timeline.bytes);
}

/* The round that stands for a trial: the median rate among those with a
 * timeline. */
static void median_round(void **state)
{
	struct fsc_round rd[4];
	struct fsc_trial_result t;
	uint64_t one = 1;

	(void)state;
	memset(&t, 0, sizeof(t));
	memset(rd, 0, sizeof(rd));
	rd[0].bytes_per_sec = 300;
	rd[1].bytes_per_sec = 100;
	rd[2].bytes_per_sec = 200;
	rd[3].bytes_per_sec = 50;	/* no timeline */
	for (int i = 0; i < 3; i++) {
		rd[i].timeline.n = 1;
		rd[i].timeline.bytes = &one;
	}
	t.rounds = rd;
	t.done = 4;
	assert_ptr_equal(fsc_timeline_round(&t), &rd[2]);
	t.done = 0;
	assert_null(fsc_timeline_round(&t));
}

static uint64_t counter(void *arg)
{
	return ++*(uint64_t *)arg;
}

/* The sampler, read as fast as it goes for a while: however many
 * readings that makes, it keeps at most twice FSC_TIMELINE_MAX, in time
 * order, and a sampler stopped at once has its first reading. */
static void sampler_bounded(void **state)
{
	struct timespec ts = { 0, 200 * 1000 * 1000 };
	uint64_t n = 0;
	struct fsc_sampler *s = fsc_sampler_start(1000, counter, &n);
	struct fsc_samples out;

	(void)state;
	assert_non_null(s);
	nanosleep(&ts, NULL);
	fsc_sampler_stop(s, &out);
	assert_true(out.n >= 1 && out.n <= 2 * FSC_TIMELINE_MAX);
	for (size_t i = 1; i < out.n; i++) {
		assert_true(out.t_ns[i] > out.t_ns[i - 1]);
		assert_true(out.bytes[i] > out.bytes[i - 1]);
	}
	free(out.t_ns);
	free(out.bytes);
	fsc_sampler_stop(NULL, &out);
	assert_int_equal(out.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sums_to_bytes),
		cmocka_unit_test(clamped_and_none),
		cmocka_unit_test(long_round_doubles),
		cmocka_unit_test(dirty_fires),
		cmocka_unit_test(flat_does_not),
		cmocka_unit_test(median_round),
		cmocka_unit_test(sampler_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
