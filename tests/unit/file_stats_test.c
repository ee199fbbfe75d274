/* file_stats_test.c - unit tests for a round's files summarised
 * (file-stats.c, fsconc(1), --file-detail) on made-up files whose figures
 * are worked out from the files themselves: exact while the files are
 * kept, within the histogram's 0.4 % once they are not. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "result/result.h"
#include "result/stats.h"
#include "result/tail.h"

#define T0 1000000
#define NF 1000

/* NF files of 4096 bytes, two in flight, of times from 1 to about 100
 * us in a scrambled order (file 0 of round 0 slowest); every tenth of
 * dir 1; file 7 wrote nothing. */
static void make_files(struct fsc_file_result *f, unsigned round)
{
	uint64_t at[2] = { T0, T0 };

	for (size_t i = 0; i < NF; i++) {
		uint64_t ns = 1000 + (i * 7919 + round * 104729) % NF * 97;
		unsigned lane = i % 2;

		if (i == 0 && round == 0)
			ns = 500000;
		memset(&f[i], 0, sizeof(f[i]));
		f[i].dir = i % 10 == 0;
		f[i].bytes = i == 7 ? 0 : 4096;
		f[i].t_open = at[lane];
		f[i].t_done = at[lane] + ns;
		at[lane] += ns;
	}
}

static struct fsc_round round_of(struct fsc_file_result *f)
{
	struct fsc_round rd;
	uint64_t end = 0;

	memset(&rd, 0, sizeof(rd));
	rd.t0 = T0;
	for (size_t i = 0; i < NF; i++)
		end = f[i].t_done > end ? f[i].t_done : end;
	rd.elapsed_ns = end - T0;
	rd.files = f;
	rd.nfiles = NF;
	return rd;
}

/* A copy of NF files, for a round to free. */
static struct fsc_file_result *copy_of(const struct fsc_file_result *f)
{
	struct fsc_file_result *c = malloc(NF * sizeof(*c));

	assert_non_null(c);
	memcpy(c, f, NF * sizeof(*c));
	return c;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The rates of the files that wrote, sorted; their count. */
static size_t sorted_rates(struct fsc_file_result *f, size_t n, double *out)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (f[i].bytes)
			out[k++] = fsc_file_rate(&f[i]);
	qsort(out, k, sizeof(*out), by_value);
	return k;
}

static void near(double got, double want, double rel)
{
	if (!(fabs(got - want) <= rel * fabs(want)))
		fail_msg("%.17g, not within %g of %.17g", got, rel, want);
}

/* Ensure one round's stats hold its rated files' count, exact min, max,
 * mean and squared deviations, the slowest file and the round's tail. */
static void stats_of_a_round(void **state)
{
	static struct fsc_file_result f[NF];
	double v[NF], mean = 0, m2 = 0;
	struct fsc_round rd;
	struct fsc_tail tail;
	size_t k;

	(void)state;
	make_files(f, 0);
	rd = round_of(f);
	k = sorted_rates(f, NF, v);
	for (size_t i = 0; i < k; i++)
		mean += v[i] / (double)k;
	for (size_t i = 0; i < k; i++)
		m2 += (v[i] - mean) * (v[i] - mean);
	fsc_round_file_stats(&rd, 2);
	assert_true(rd.fstats.valid);
	assert_int_equal(rd.fstats.rated, NF - 1);
	assert_true(rd.fstats.min == v[0]);
	assert_true(rd.fstats.max == v[k - 1]);
	near(rd.fstats.mean, mean, 1e-12);
	near(rd.fstats.m2, m2, 1e-9);
	assert_true(rd.fstats.has_slowest);
	assert_int_equal(rd.fstats.slowest, 0);
	assert_int_equal(rd.fstats.slowest_dir, 1);
	assert_true(rd.fstats.slowest_rate == v[0]);
	assert_null(rd.fstats.hist);
	fsc_round_tail(&rd, 2, &tail);
	assert_memory_equal(&tail, &rd.fstats.tail, sizeof(tail));
	/* Summarised: a histogram of the rated files, the files gone. */
	rd.files = copy_of(f);
	fsc_round_summarise(&rd, 100);
	assert_null(rd.files);
	assert_int_equal(rd.nfiles, NF);
	assert_int_equal(rd.fstats.detail, 100);
	assert_int_equal(rd.fstats.hist->count, NF - 1);
	assert_int_equal(rd.fstats.hist->bucket[fsc_hist_index(
		(uint64_t)llround(v[0]))], 1);
	fsc_file_stats_free(&rd.fstats);
	assert_false(rd.fstats.valid);
}

/* Ensure rates summarised from the histogram match fsc_summarize() of
 * the rates: n, min and max exactly, mean and stddev to rounding, the
 * quartiles within the histogram's 0.4 %, the same from a round's files
 * as from its summary; and files of rate 0 added. */
static void rates_from_the_histogram(void **state)
{
	static struct fsc_file_result f[NF];
	double v[NF + 5];
	struct fsc_round rd;
	struct fsc_rates *rt = calloc(1, sizeof(*rt));
	struct fsc_rates *kept = calloc(1, sizeof(*kept));
	struct fsc_summary want, got;
	size_t k;

	(void)state;
	make_files(f, 1);
	rd = round_of(f);
	k = sorted_rates(f, NF, v);
	fsc_round_file_stats(&rd, 2);
	fsc_rates_reset(kept);
	fsc_rates_add(kept, &rd);
	rd.files = copy_of(f);
	fsc_round_summarise(&rd, 0);
	fsc_rates_reset(rt);
	fsc_rates_add(rt, &rd);
	assert_memory_equal(rt, kept, sizeof(*rt));
	fsc_summarize(v, k, &want);
	fsc_rates_summarize(rt, &got);
	assert_int_equal(got.n, want.n);
	assert_true(got.min == want.min);
	assert_true(got.max == want.max);
	near(got.mean, want.mean, 1e-12);
	near(got.stddev, want.stddev, 1e-9);
	near(got.q1, want.q1, 0.004);
	near(got.median, want.median, 0.004);
	near(got.q3, want.q3, 0.004);
	for (double p = 0.01; p < 1; p += 0.01)
		near(fsc_rates_quantile(rt, p), fsc_quantile_sorted(v, k, p),
		     0.004);
	/* Five files of rate 0 besides. */
	for (size_t i = k; i-- > 0;)
		v[i + 5] = v[i];
	for (size_t i = 0; i < 5; i++)
		v[i] = 0;
	fsc_rates_add_zeros(rt, 5);
	fsc_summarize(v, k + 5, &want);
	fsc_rates_summarize(rt, &got);
	assert_int_equal(got.n, k + 5);
	assert_true(got.min == 0);
	assert_true(got.max == want.max);
	near(got.mean, want.mean, 1e-12);
	near(got.stddev, want.stddev, 1e-9);
	near(got.median, want.median, 0.004);
	assert_true(fsc_rates_quantile(rt, 0.001) == 0);
	fsc_file_stats_free(&rd.fstats);
	free(rt);
	free(kept);
}

/* Ensure a trial's stragglers are exact while its rounds keep their
 * files, and once the second round's are summarised: the slowest file,
 * its tail and the median tail the same, p10, p90 and the median file
 * within 0.4 %. */
static void stragglers_exact_then_summarised(void **state)
{
	static struct fsc_file_result f[2][NF];
	struct fsc_round rounds[2];
	struct fsc_trial_result t;
	struct fsc_straggler exact;
	double v[2 * NF], p10, p90, tail;
	size_t k;

	(void)state;
	memset(&t, 0, sizeof(t));
	for (unsigned r = 0; r < 2; r++) {
		make_files(f[r], r);
		rounds[r] = round_of(f[r]);
	}
	k = sorted_rates(f[0], 2 * NF, v);
	t.jobs = 2;
	t.rounds = rounds;
	t.done = t.cap = 2;
	assert_true(fsc_trial_stragglers(&t));
	assert_true(t.file_p10 == fsc_quantile_sorted(v, k, 0.10));
	assert_true(t.file_p90 == fsc_quantile_sorted(v, k, 0.90));
	assert_true(t.slowest.median == fsc_quantile_sorted(v, k, 0.50));
	assert_true(t.has_slowest);
	assert_int_equal(t.slowest.round, 0);
	assert_int_equal(t.slowest.file, 0);
	exact = t.slowest;
	p10 = t.file_p10;
	p90 = t.file_p90;
	tail = t.tail_share;

	/* Round 2 past --file-detail: its files go, its stats stay. */
	rounds[1].files = copy_of(f[1]);
	fsc_round_summarise(&rounds[1], 100);
	assert_false(fsc_trial_stragglers(&t));
	near(t.file_p10, p10, 0.004);
	near(t.file_p90, p90, 0.004);
	near(t.slowest.median, exact.median, 0.004);
	assert_true(t.tail_share == tail);
	assert_int_equal(t.slowest.round, exact.round);
	assert_int_equal(t.slowest.file, exact.file);
	assert_int_equal(t.slowest.dir, exact.dir);
	assert_true(t.slowest.rate == exact.rate);
	assert_memory_equal(&t.slowest.tail, &exact.tail, sizeof(exact.tail));
	for (unsigned r = 0; r < 2; r++)
		fsc_file_stats_free(&rounds[r].fstats);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stats_of_a_round),
		cmocka_unit_test(rates_from_the_histogram),
		cmocka_unit_test(stragglers_exact_then_summarised),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
