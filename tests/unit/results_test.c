/* results_test.c - unit tests for reading saved result profiles back
 * (result/load.c) as fsconc plan, compare and plot read them: the keys
 * read, every error located in the file, target sets compared as sets,
 * trials grouped into fitted sweeps (result.c), and the run's speedups
 * and verdict recomputed from the rounds. */
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

#include "result/labels.h"
#include "result/result.h"

static char err[1024];

static int parse(struct fsc_result *r, const char *text)
{
	memset(err, 0, sizeof(err));
	return fsc_result_parse(r, text, strlen(text), "p.json", err,
				sizeof(err));
}

#define ROUND(bps) "{\"bytes_per_sec\": " #bps ", \"achieved_depth\": 1.5," \
	" \"latency_ns\": {\"p50\": 900, \"mean\": 1000}}"

/* Ensure that the keys plan, compare and plot use are read, medians
 * computed, and that unknown keys are ignored. */
static void parse_reads_keys(void **state)
{
	static const char text[] = "{\"schema\": \"fsconc-profile/1\", "
		"\"created\": \"2026-01-01T00:00:00Z\", \"future\": [1, 2], "
		"\"host\": {\"hostname\": \"box\", \"kernel\": \"6.1\", "
		"\"cpu_model\": null},"
		"\"workload\": {\"files\": 4, \"file_size\": 1048576, "
		"\"block_size\": 65536, \"fsync\": \"end\", \"direct\": true},"
		"\"targets\": [{\"path\": \"/a\", \"fstype\": \"ext4\", "
		"\"device\": null}],"
		"\"results\": [{\"targets\": [\"/a\"], \"engine\": \"threads\", "
		"\"jobs\": 2, \"iodepth\": 1, \"rounds\": [" ROUND(3) ", "
		ROUND(1) ", " ROUND(2) "]}, {\"targets\": [\"/a\", \"/b\"], "
		"\"engine\": \"pwrite\", \"jobs\": 1, \"rounds\": []}]}";
	struct fsc_result r;

	(void)state;
	assert_int_equal(parse(&r, text), 0);
	assert_string_equal(r.source->name, "p.json");
	assert_string_equal(r.source->created, "2026-01-01T00:00:00Z");
	assert_string_equal(r.host.hostname, "box");
	assert_string_equal(r.host.kernel, "6.1");
	assert_string_equal(r.host.cpu_model, "");
	assert_int_equal(r.opts->block_size, 65536);
	assert_int_equal(r.opts->fsync, FSC_FSYNC_END);
	assert_true(r.opts->direct);
	/* The profile's target, then the one only a trial names. */
	assert_int_equal(r.ntargets, 2);
	assert_string_equal(r.targets[0].fstype, "ext4");
	assert_false(r.targets[0].fp.has_bdev);
	assert_string_equal(r.targets[1].path, "/b");
	assert_int_equal(r.ntrials, 2);
	assert_string_equal(r.trials[0].engine->name, "threads");
	assert_int_equal(r.trials[0].jobs, 2);
	assert_int_equal(r.trials[0].done, 3);
	assert_true(r.trials[0].agg.median == 2);
	assert_int_equal(r.trials[0].rounds[1].latency_mean_ns, 1000);
	assert_int_equal(r.trials[0].rounds[1].latency_ns[FSC_P50], 900);
	assert_true(r.trials[0].rounds[1].achieved_depth == 1.5);
	assert_int_equal(r.sets[r.trials[1].set].ndirs, 2);
	assert_int_equal(r.trials[1].iodepth, 1);
	fsc_result_free(&r);
}

/* Ensure that every malformed profile is refused with the file, the
 * place and the problem, and that the result can be freed anyway. */
static void parse_errors_located(void **state)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "{\"schema\": \n[", "p.json:2:" },
		{ "[]", "p.json: not an fsconc result profile (an array" },
		{ "{}", "p.json: schema: missing" },
		{ "{\"schema\": 1}", "schema: expected a string, not a number" },
		{ "{\"schema\": \"fsconc-profile/2\"}",
		  "schema: 'fsconc-profile/2'" },
		{ "{\"schema\": \"fsconc-profile/1\"}", "results: missing" },
		{ "{\"schema\": \"fsconc-profile/1\", \"results\": {}}",
		  "results: expected an array, not an object" },
		{ "{\"schema\": \"fsconc-profile/1\", \"results\": [{}]}",
		  "results[0].targets: missing" },
		{ "{\"schema\": \"fsconc-profile/1\", \"results\": [{\"targets\": "
		  "[7]}]}", "results[0].targets[0]: expected a path" },
		{ "{\"schema\": \"fsconc-profile/1\", \"results\": [{\"targets\": "
		  "[\"/a\"], \"engine\": \"threads\", \"jobs\": 1.5}]}",
		  "results[0].jobs: expected a whole number" },
		{ "{\"schema\": \"fsconc-profile/1\", \"results\": [{\"targets\": "
		  "[\"/a\"], \"engine\": \"threads\", \"jobs\": 0}]}",
		  "results[0].jobs: expected a whole number from 1" },
		{ "{\"schema\": \"fsconc-profile/1\", \"results\": [{\"targets\": "
		  "[\"/a\"], \"engine\": \"threads\", \"jobs\": 1, \"rounds\": "
		  "[{\"bytes_per_sec\": \"1\"}]}]}",
		  "results[0].rounds[0].bytes_per_sec: expected a number, not "
		  "a string" },
		{ "{\"schema\": \"fsconc-profile/1\", \"results\": [{\"targets\": "
		  "[\"/a\"], \"engine\": \"threads\", \"jobs\": 1, \"rounds\": "
		  "[{\"bytes_per_sec\": -1}]}]}",
		  "results[0].rounds[0].bytes_per_sec: -1 is not" },
		{ "{\"schema\": \"fsconc-profile/1\", \"results\": [{\"targets\": "
		  "[\"/a\"], \"engine\": \"threads\", \"jobs\": 1, \"rounds\": []}, "
		  "{\"targets\": [\"/a/\"], \"engine\": \"threads\", \"jobs\": 1, "
		  "\"rounds\": []}]}", "results[1]: the same trial as results[0]" },
		{ "{\"schema\": \"fsconc-profile/1\", \"results\": [], "
		  "\"workload\": {\"block_size\": 0}}",
		  "workload.block_size: expected a whole number" },
		{ "{\"schema\": \"fsconc-profile/1\", \"schema\": \"x\"}",
		  "p.json:1:" },
		{ "{\"schema\": \"fsconc-profile/1\", \"results\": [], "
		  "\"mpi\": {\"ranks\": 2, \"hosts\": []}}",
		  "p.json: mpi.hosts: an empty list" },
		{ "{\"schema\": \"fsconc-profile/1\", \"results\": [{\"targets\": "
		  "[\"/a\"], \"engine\": \"threads\", \"jobs\": 1, \"rounds\": "
		  "[{\"bytes_per_sec\": 1, \"ranks\": [{}, {}]}]}]}",
		  "results[0].rounds[0].ranks: 2 ranks, not the 0 of mpi.ranks" },
		{ "{\"schema\": \"fsconc-profile/1\", \"results\": [{\"targets\": "
		  "[\"/a\"], \"engine\": \"threads\", \"jobs\": 1, \"rounds\": "
		  "[{\"bytes_per_sec\": 1, \"files\": [{\"dir\": \"/b\"}]}]}]}",
		  "results[0].rounds[0].files[0].dir: not one of the trial's "
		  "targets" },
		{ "{\"schema\": \"fsconc-profile/1\", \"results\": [], "
		  "\"workload\": {\"mode\": \"append\"}}",
		  "workload.mode: 'append': expected create, truncate or "
		  "overwrite" },
	};
	struct fsc_result r;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(&r, bad[i].text) != -1)
			fail_msg("accepted: %s", bad[i].text);
		if (!strstr(err, bad[i].msg))
			fail_msg("\"%s\" lacks \"%s\"", err, bad[i].msg);
		if (strchr(err, '\n'))
			fail_msg("message spans lines: %s", err);
		fsc_result_free(&r);
	}
	/* Embedded NUL bytes are not JSON either. */
	memset(err, 0, sizeof(err));
	assert_int_equal(fsc_result_parse(&r, "{\"a\"\0}", 6, "p.json", err,
					  sizeof(err)), -1);
	fsc_result_free(&r);
}

/* Ensure that a target set is the same in any order and with trailing
 * slashes, and different with a path more or less; and how it is named. */
static void same_set_is_a_set(void **state)
{
	static const char text[] = "{\"schema\": \"fsconc-profile/1\", "
		"\"results\": [{\"targets\": [\"/a\", \"/b\"], \"engine\": "
		"\"pwrite\", \"jobs\": 1, \"rounds\": []}, {\"targets\": "
		"[\"/b/\", \"/a\"], \"engine\": \"threads\", \"jobs\": 1, "
		"\"rounds\": []}, {\"targets\": [\"/a\"], \"engine\": "
		"\"threads\", \"jobs\": 1, \"rounds\": []}, {\"targets\": "
		"[\"/a\", \"/c\"], \"engine\": \"threads\", \"jobs\": 1, "
		"\"rounds\": []}]}";
	struct fsc_result r;
	char buf[64];

	(void)state;
	assert_int_equal(parse(&r, text), 0);
	assert_int_equal(r.ntargets, 3);
	assert_int_equal(r.nsets, 3);
	assert_int_equal(r.trials[0].set, r.trials[1].set);
	assert_true(r.trials[2].set != r.trials[0].set);
	assert_true(r.trials[3].set != r.trials[0].set);
	assert_string_equal(fsc_set_label(&r, r.trials[1].set, buf,
					  sizeof(buf)), "/a + /b");
	fsc_result_free(&r);
}

/* Ensure that trials group into one sweep per (set, engine) sorted by
 * jobs, that a sweep of 4 levels is fitted on its medians, and that a
 * single level is not. */
static void sweeps_grouped_and_fitted(void **state)
{
	char text[4096];
	size_t used;
	static const unsigned jobs[] = { 8, 1, 4, 2 };
	struct fsc_result r;
	struct fsc_sweep *s;
	size_t n;

	(void)state;
	used = (size_t)snprintf(text, sizeof(text), "{\"schema\": "
		"\"fsconc-profile/1\", \"results\": [{\"targets\": [\"/a\"], "
		"\"engine\": \"pwrite\", \"jobs\": 1, \"rounds\": ["
		ROUND(1e9) "]}");
	for (size_t i = 0; i < 4; i++) {
		double x = 1e9 * jobs[i] / (1 + 0.1 * (jobs[i] - 1) +
					    0.01 * jobs[i] * (jobs[i] - 1));
		used += (size_t)snprintf(text + used, sizeof(text) - used,
			", {\"targets\": [\"/a\"], \"engine\": \"threads\", "
			"\"jobs\": %u, \"rounds\": [{\"bytes_per_sec\": %.17g}, "
			"{\"bytes_per_sec\": %.17g}, {\"bytes_per_sec\": 1}]}",
			jobs[i], x, x);
	}
	snprintf(text + used, sizeof(text) - used, "]}");
	assert_int_equal(parse(&r, text), 0);
	n = fsc_result_sweeps(&r, &s);
	assert_int_equal(n, 2);
	assert_string_equal(s[0].engine->name, "pwrite");
	assert_false(s[0].model.fitted);
	assert_non_null(strstr(s[0].model.why, "1 jobs level"));
	assert_int_equal(s[1].ntrials, 4);
	assert_int_equal(r.trials[s[1].trials[0]].jobs, 1);
	assert_int_equal(r.trials[s[1].trials[3]].jobs, 8);
	assert_int_equal(s[1].max_jobs, 8);
	assert_true(s[1].model.fitted);
	assert_true(fabs(s[1].model.usl.alpha - 0.1) < 1e-6);
	assert_true(fabs(s[1].model.usl.beta - 0.01) < 1e-6);
	/* The run's model, the one --json writes. */
	assert_int_equal(r.nmodels, 1);
	assert_true(r.models[0].usl.alpha == s[1].model.usl.alpha);
	fsc_sweeps_free(s, n);
	fsc_result_free(&r);
}

/* Ensure that a long created or hostname is cut to what is shown, at a
 * character's start, "..." last. */
static void parse_cuts_shown_strings(void **state)
{
	size_t big = 1 << 20, used;
	char *text = malloc(2 * big + 256);
	struct fsc_result r;

	(void)state;
	assert_non_null(text);
	used = (size_t)sprintf(text, "{\"schema\": \"fsconc-profile/1\", "
			       "\"created\": \"");
	memset(text + used, 'x', big);
	used += big;
	used += (size_t)sprintf(text + used, "\", \"host\": {\"hostname\": \"");
	/* "é" is 2 bytes: a cut at byte 253 would split one. */
	for (size_t k = 0; k < 300; k++) {
		text[used++] = '\xc3';
		text[used++] = '\xa9';
	}
	sprintf(text + used, "\"}, \"results\": []}");
	assert_int_equal(fsc_result_parse(&r, text, strlen(text), "p.json",
					  err, sizeof(err)), 0);
	assert_int_equal(strlen(r.source->created), FSC_SHOWN_MAX);
	assert_string_equal(r.source->created + FSC_SHOWN_MAX - 3, "...");
	assert_int_equal(strlen(r.host.hostname), FSC_SHOWN_MAX - 1);
	assert_string_equal(r.host.hostname + FSC_SHOWN_MAX - 6,
			    "\xc3\xa9...");
	fsc_result_free(&r);
	free(text);
}

#define R(bps, depth, share) "{\"bytes_per_sec\": " #bps ", " \
	"\"achieved_depth\": " #depth ", \"submit_share\": " #share "}"

/* Ensure that a profile read back gives the run's statistics: rounds
 * paired with its set's pwrite, only concurrent trials judged (not one
 * thread, not an engine that ran synchronously), the verdict of
 * fsc_decide. */
static void verdict_as_the_run(void **state)
{
	static const char text[] = "{\"schema\": \"fsconc-profile/1\", "
		"\"results\": ["
		"{\"targets\": [\"/a\"], \"engine\": \"pwrite\", \"jobs\": 1, "
		"\"rounds\": [" R(100, 1, 0.9) ", " R(110, 1, 0.9) ", "
		R(90, 1, 0.9) ", " R(100, 1, 0.9) "]}, "
		"{\"targets\": [\"/a\"], \"engine\": \"threads\", \"jobs\": 1, "
		"\"rounds\": [" R(300, 1, 0.9) ", " R(330, 1, 0.9) ", "
		R(270, 1, 0.9) ", " R(300, 1, 0.9) "]}, "
		"{\"targets\": [\"/a\"], \"engine\": \"threads\", \"jobs\": 2, "
		"\"rounds\": [" R(150, 2, 0.5) ", " R(170, 2, 0.5) ", "
		R(140, 2, 0.5) ", " R(155, 2, 0.5) "]}, "
		"{\"targets\": [\"/a\"], \"engine\": \"libaio\", \"jobs\": 1, "
		"\"rounds\": [" R(500, 4, 0.95) ", " R(500, 4, 0.95) ", "
		R(500, 4, 0.95) ", " R(500, 4, 0.95) "]}, "
		"{\"targets\": [\"/b\"], \"engine\": \"threads\", \"jobs\": 2, "
		"\"rounds\": [" R(150, 2, 0.5) "]}]}";
	static const double base[] = { 100, 110, 90, 100 };
	static const double x[] = { 150, 170, 140, 155 };
	struct fsc_result r;
	struct fsc_interval iv;
	const struct fsc_decision *d;

	(void)state;
	assert_int_equal(parse(&r, text), 0);
	assert_true(r.trials[0].rounds[0].submit_share == 0.9);
	assert_false(r.trials[0].concurrent);
	assert_false(r.trials[1].concurrent);
	assert_true(r.trials[2].concurrent);
	assert_false(r.trials[3].concurrent);
	assert_int_equal(r.trials[2].paired.n, 4);
	assert_true(r.sets[0].has_verdict);
	assert_ptr_equal(fsc_result_best(&r, 0), &r.trials[2]);
	d = &r.sets[0].verdict;
	assert_int_equal(d->k, 1);
	assert_int_equal(d->rounds, 4);
	fsc_speedup(x, base, 4, &iv);
	assert_true(d->speedup.value == iv.value);
	assert_true(d->speedup.low == iv.low && d->speedup.high == iv.high);
	assert_int_equal(d->verdict, fsc_verdict_of(&iv));
	/* /b has no pwrite: nothing to pair with, no verdict. */
	assert_false(r.trials[4].has_speedup);
	assert_int_equal(r.trials[4].paired.n, 0);
	assert_false(r.sets[r.trials[4].set].has_verdict);
	fsc_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_reads_keys),
		cmocka_unit_test(parse_errors_located),
		cmocka_unit_test(same_set_is_a_set),
		cmocka_unit_test(parse_cuts_shown_strings),
		cmocka_unit_test(sweeps_grouped_and_fitted),
		cmocka_unit_test(verdict_as_the_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
