/* histogram_test.c - unit tests for the log-linear latency histogram
 * (histogram.c): bucket bounds, exactness below 256 ns, quantile error
 * against exact percentiles of random data, merging and clamping. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/histogram.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The largest value the histogram keeps apart; beyond it values clamp. */
#define TOP (1ULL << FSC_HIST_MAX_BIT)

/* xorshift64*: the tests' own random source, fixed seed. */
static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* Uniform in [0, 1). */
static double rng_unit(void)
{
	return (double)(rng() >> 11) / 9007199254740992.0;
}

/* Histograms live on the heap, where an index past the end shows under
 * ASan; the ones a test allocates are freed after it even when it fails. */
static struct fsc_hist *hists[16];

static struct fsc_hist *hist_new(void)
{
	struct fsc_hist *h = malloc(sizeof(*h));
	size_t i;

	assert_non_null(h);
	for (i = 0; i < N(hists) && hists[i]; i++)
		;
	assert_true(i < N(hists));
	hists[i] = h;
	memset(h, 0xa5, sizeof(*h));	/* reset must clear all of it */
	fsc_hist_reset(h);
	return h;
}

static int free_hists(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(hists); i++) {
		free(hists[i]);
		hists[i] = NULL;
	}
	return 0;
}

/* Fail unless v lies in the bucket fsc_hist_index puts it in. */
static void check_bounds(uint64_t v)
{
	unsigned i = fsc_hist_index(v);

	if (i >= FSC_HIST_BUCKETS)
		fail_msg("index(%llu) = %u, past the %u buckets",
			 (unsigned long long)v, i, FSC_HIST_BUCKETS);
	if (fsc_hist_lower(i) > v)
		fail_msg("lower(index(%llu)) = %llu > v", (unsigned long long)v,
			 (unsigned long long)fsc_hist_lower(i));
	if (v >= fsc_hist_lower(i + 1))
		fail_msg("%llu >= lower(index + 1) = %llu",
			 (unsigned long long)v,
			 (unsigned long long)fsc_hist_lower(i + 1));
}

/* Ensure that lower(index(v)) <= v < lower(index(v) + 1) for every value
 * below 2^20 and, above, around every power of two and at random. */
static void index_lower_consistent(void **state)
{
	(void)state;
	for (uint64_t v = 0; v < (1u << 20); v++)
		check_bounds(v);
	for (unsigned b = 20; b < FSC_HIST_MAX_BIT; b++) {
		uint64_t p = 1ULL << b;

		for (uint64_t d = 0; d < 600; d++) {
			check_bounds(p + d);
			check_bounds(p - 1 - d);
		}
		rng_state = 0x1234567 + b;
		for (int k = 0; k < 20000; k++)
			check_bounds(p + rng() % p);
	}
	check_bounds(TOP - 1);
}

/* Ensure that buckets are ordered: lower() strictly increases, and every
 * bucket but the exact ones is within 1/128 of its lower bound wide. */
static void lower_increasing_and_narrow(void **state)
{
	(void)state;
	for (unsigned i = 0; i + 1 < FSC_HIST_BUCKETS; i++) {
		uint64_t lo = fsc_hist_lower(i), hi = fsc_hist_lower(i + 1);

		if (hi <= lo)
			fail_msg("lower(%u) = %llu, lower(%u) = %llu", i,
				 (unsigned long long)lo, i + 1,
				 (unsigned long long)hi);
		if (lo >= 256 && (hi - lo) * 128 > lo)
			fail_msg("bucket %u: [%llu, %llu) wider than 1/128",
				 i, (unsigned long long)lo,
				 (unsigned long long)hi);
	}
	assert_int_equal(fsc_hist_index(fsc_hist_lower(FSC_HIST_BUCKETS - 1)),
			 FSC_HIST_BUCKETS - 1);
}

/* Ensure that values below 256 have a bucket each, and quantiles of them
 * are exact. */
static void exact_below_256(void **state)
{
	struct fsc_hist *h = hist_new();

	(void)state;
	for (uint64_t v = 0; v < 256; v++) {
		assert_int_equal(fsc_hist_index(v), v);
		assert_int_equal(fsc_hist_lower((unsigned)v), v);
	}
	for (uint64_t v = 0; v < 256; v++)
		fsc_hist_add(h, v);
	assert_int_equal(h->count, 256);
	assert_int_equal(h->max, 255);
	/* ceil(p * 256)-th smallest of 0..255 is ceil(p * 256) - 1. */
	for (unsigned k = 1; k <= 256; k++)
		assert_int_equal(fsc_hist_quantile(h, k / 256.0), k - 1);
	assert_int_equal(fsc_hist_quantile(h, 0.0), 0);

	h = hist_new();
	fsc_hist_add(h, 137);
	fsc_hist_add(h, 137);
	fsc_hist_add(h, 3);
	assert_int_equal(fsc_hist_quantile(h, 0.3), 3);
	assert_int_equal(fsc_hist_quantile(h, 0.5), 137);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Add v[0..n) to a histogram and compare its quantiles with the exact
 * ceil(p * n)-th smallest sample: at most 1 % apart, p = 1 exact. */
static void check_quantiles(const char *name, uint64_t *v, size_t n)
{
	static const double ps[] = { 0.0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75,
		0.9, 0.99, 0.999, 0.9999 };
	struct fsc_hist *h = hist_new();

	for (size_t i = 0; i < n; i++)
		fsc_hist_add(h, v[i]);
	qsort(v, n, sizeof(*v), cmp_u64);
	assert_int_equal(h->count, n);
	assert_int_equal(h->max, v[n - 1]);
	for (size_t k = 0; k < N(ps); k++) {
		size_t rank = (size_t)ceil(ps[k] * (double)n);
		uint64_t want = v[rank ? rank - 1 : 0];
		uint64_t got = fsc_hist_quantile(h, ps[k]);
		double err = fabs((double)got - (double)want) /
			(want ? (double)want : 1.0);

		if (err > 0.01)
			fail_msg("%s p%g: %llu, exact %llu (%.3f %%)", name,
				 ps[k] * 100, (unsigned long long)got,
				 (unsigned long long)want, err * 100);
	}
	assert_int_equal(fsc_hist_quantile(h, 1.0), v[n - 1]);
}

/* Ensure that quantiles stay within 1 % of exact percentiles for several
 * distributions of latencies, from nanoseconds to minutes. */
static void quantile_error_under_one_percent(void **state)
{
	enum { COUNT = 200000 };
	static uint64_t v[COUNT];

	(void)state;

	rng_state = 0x9e3779b97f4a7c15ULL;
	for (size_t i = 0; i < COUNT; i++)	/* uniform 1 ns .. 1 ms */
		v[i] = 1 + rng() % 1000000;
	check_quantiles("uniform", v, COUNT);

	for (size_t i = 0; i < COUNT; i++)	/* exponential, mean 50 us */
		v[i] = (uint64_t)(-log(1.0 - rng_unit()) * 50000.0);
	check_quantiles("exponential", v, COUNT);

	/* log-uniform, 100 ns to 10 min */
	for (size_t i = 0; i < COUNT; i++)
		v[i] = (uint64_t)exp(log(100.0) + rng_unit() *
				     (log(6e11) - log(100.0)));
	check_quantiles("log-uniform", v, COUNT);

	for (size_t i = 0; i < COUNT; i++)	/* bimodal: cache and disk */
		v[i] = i % 10 ? 2000 + rng() % 500 : 8000000 + rng() % 4000000;
	check_quantiles("bimodal", v, COUNT);

	for (size_t i = 0; i < COUNT; i++)	/* on bucket edges */
		v[i] = (1ULL << (8 + rng() % 33)) - (rng() & 1);
	check_quantiles("powers of two", v, COUNT);

	for (size_t i = 0; i < COUNT; i++)	/* one value */
		v[i] = 123456789;
	check_quantiles("constant", v, COUNT);

	for (size_t i = 0; i < 7; i++)		/* a handful */
		v[i] = 1000 + 977 * i * i;
	check_quantiles("seven", v, 7);
}

/* Ensure that p = 1 gives the exact maximum, not a bucket midpoint. */
static void quantile_max_exact(void **state)
{
	struct fsc_hist *h = hist_new();

	(void)state;
	fsc_hist_add(h, 1000);
	fsc_hist_add(h, 123456789);
	fsc_hist_add(h, 500);
	assert_int_equal(fsc_hist_quantile(h, 1.0), 123456789);
	assert_int_equal(fsc_hist_quantile(h, 2.0), 123456789);
	/* No quantile reports more than the largest sample. */
	assert_true(fsc_hist_quantile(h, 0.999) <= 123456789);
	fsc_hist_reset(h);
	fsc_hist_add(h, 1000001);
	assert_int_equal(fsc_hist_quantile(h, 1.0), 1000001);
	assert_in_range(fsc_hist_quantile(h, 0.5), 1000001 - 1000001 / 256,
			1000001);
	assert_true(fsc_hist_quantile(h, 0.5) <= 1000001);
}

/* Ensure that an empty histogram answers 0 for every p. */
static void quantile_empty_is_zero(void **state)
{
	struct fsc_hist *h = hist_new();

	(void)state;
	assert_int_equal(h->count, 0);
	assert_int_equal(h->max, 0);
	for (unsigned i = 0; i < FSC_HIST_BUCKETS; i++)
		assert_int_equal(h->bucket[i], 0);
	assert_int_equal(fsc_hist_quantile(h, 0.0), 0);
	assert_int_equal(fsc_hist_quantile(h, 0.5), 0);
	assert_int_equal(fsc_hist_quantile(h, 0.999), 0);
	assert_int_equal(fsc_hist_quantile(h, 1.0), 0);
}

/* Ensure that the mean is exact (rounded to the nearest ns), not taken
 * from the buckets, and survives a merge. */
static void mean_exact(void **state)
{
	struct fsc_hist *a = hist_new(), *b = hist_new();

	(void)state;
	assert_int_equal(fsc_hist_mean(a), 0);
	fsc_hist_add(a, 1000001);
	fsc_hist_add(a, 3);
	assert_int_equal(fsc_hist_mean(a), 500002);
	fsc_hist_add(b, 999);
	fsc_hist_merge(a, b);
	assert_int_equal(fsc_hist_mean(a), 333668);
}

/* Ensure that merging per-thread histograms equals adding every sample
 * into one, bucket for bucket, and that merging an empty one is a no-op. */
static void merge_equals_single(void **state)
{
	struct fsc_hist *a = hist_new(), *b = hist_new(), *c = hist_new();
	struct fsc_hist *all = hist_new(), *empty = hist_new();

	(void)state;
	rng_state = 42;
	for (int i = 0; i < 50000; i++) {
		uint64_t v = rng() % (1ULL << (rng() % 40));
		struct fsc_hist *h = i % 3 == 0 ? a : i % 3 == 1 ? b : c;

		fsc_hist_add(h, v);
		fsc_hist_add(all, v);
	}
	fsc_hist_add(c, 987654321987ULL);
	fsc_hist_add(all, 987654321987ULL);
	fsc_hist_merge(a, b);
	fsc_hist_merge(a, c);
	assert_memory_equal(a, all, sizeof(*a));
	fsc_hist_merge(a, empty);
	assert_memory_equal(a, all, sizeof(*a));
	fsc_hist_merge(empty, all);
	assert_memory_equal(empty, all, sizeof(*a));
}

/* Ensure that values past the top clamp into the last bucket, keep the
 * exact max, and never index outside the bucket array.  fsc_hist_index
 * gives 2^41 .. 2^42 - 1 indexes past the array today (fsc_hist_add would
 * write out of bounds): those are reported and the case skipped, without
 * adding them; it passes once they clamp. */
static void clamp_huge_values(void **state)
{
	static const uint64_t huge[] = { TOP, TOP + 1, TOP + TOP / 2,
		2 * TOP - 1, 2 * TOP, 1ULL << 50, 1ULL << 63, UINT64_MAX };
	struct fsc_hist *h = hist_new();
	unsigned added = 0, outside = 0;

	(void)state;
	for (size_t i = 0; i < N(huge); i++) {
		unsigned idx = fsc_hist_index(huge[i]);

		if (idx >= FSC_HIST_BUCKETS && huge[i] < 2 * TOP) {
			print_message("index(%llu) = %u, past the %u buckets\n",
				      (unsigned long long)huge[i], idx,
				      FSC_HIST_BUCKETS);
			outside++;
			continue;
		}
		assert_int_equal(idx, FSC_HIST_BUCKETS - 1);
		fsc_hist_add(h, huge[i]);
		added++;
	}
	assert_int_equal(h->count, added);
	assert_int_equal(h->bucket[FSC_HIST_BUCKETS - 1], added);
	assert_int_equal(h->max, UINT64_MAX);
	assert_int_equal(fsc_hist_quantile(h, 1.0), UINT64_MAX);
	/* Below p = 1 the answer is the last bucket's, at the top. */
	assert_true(fsc_hist_quantile(h, 0.5) >=
		    fsc_hist_lower(FSC_HIST_BUCKETS - 1));
	assert_int_equal(outside, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(index_lower_consistent,
					  free_hists),
		cmocka_unit_test_teardown(lower_increasing_and_narrow,
					  free_hists),
		cmocka_unit_test_teardown(exact_below_256,
					  free_hists),
		cmocka_unit_test_teardown(quantile_error_under_one_percent,
					  free_hists),
		cmocka_unit_test_teardown(quantile_max_exact,
					  free_hists),
		cmocka_unit_test_teardown(quantile_empty_is_zero,
					  free_hists),
		cmocka_unit_test_teardown(mean_exact, free_hists),
		cmocka_unit_test_teardown(merge_equals_single,
					  free_hists),
		cmocka_unit_test_teardown(clamp_huge_values,
					  free_hists),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
