/* report_json_test.c - the result profile and the CSV rows, read back (the
 * JSON with jansson), and the atomic writing of result files. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "report/output.h"
#include "report/report-csv.h"
#include "report/report-json.h"
#include "run/plan.h"

#define NROUNDS 3
#define NFILES 2

struct fixture {
	struct fsc_opts o;
	struct fsc_result p;
	struct fsc_target t[1];
	struct fsc_set set;
	unsigned dirs[1];
	struct fsc_trial_result trials[2];
	struct fsc_round rounds[2][NROUNDS];
	struct fsc_file_result files[2][NROUNDS][NFILES];
	char dir[256];
};

/* One target "/data, with,comma" (the CSV must quote it), pwrite and
 * threads x2, three rounds of made-up but consistent figures with rates
 * that have no short decimal form. */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	f->o.files = NFILES;
	f->o.size = 3000000;
	f->o.block_size = 1000000;
	f->o.rounds = NROUNDS;
	f->o.warmup = 1;
	f->o.iodepth = 4;
	f->t[0].path = f->t[0].name = "/data, with,comma";
	snprintf(f->t[0].fstype, sizeof(f->t[0].fstype), "ext4");
	f->t[0].fsmagic = 0xef53;
	f->t[0].free_bytes = 123456789;
	f->dirs[0] = 0;
	f->set.dirs = f->dirs;
	f->set.ndirs = 1;
	f->p.opts = &f->o;
	f->p.started = 1700000000;
	f->p.targets = f->t;
	f->p.ntargets = 1;
	f->p.sets = &f->set;
	f->p.nsets = 1;
	f->p.trials = f->trials;
	f->p.ntrials = 2;
	snprintf(f->p.host.hostname, sizeof(f->p.host.hostname), "box");
	snprintf(f->p.host.cpu_model, sizeof(f->p.host.cpu_model), "CPU");
	f->p.host.cores = f->p.host.pus = f->p.host.numa_nodes = 1;
	f->p.host.topology = "hwloc";
	for (unsigned e = 0; e < 2; e++) {
		struct fsc_trial_result *t = &f->trials[e];

		t->engine = fsc_engine_find(e ? "threads" : "pwrite");
		t->jobs = e ? 2 : 1;
		t->iodepth = 1;
		t->rounds = f->rounds[e];
		t->done = NROUNDS;
		for (unsigned r = 0; r < NROUNDS; r++) {
			struct fsc_round *rd = &f->rounds[e][r];
			uint64_t t0 = 1000000000ULL * (r + 1);

			rd->t0 = t0;
			rd->bytes = NFILES * f->o.size;
			rd->elapsed_ns = 7000003 + 1000 * r + 777 * e;
			rd->bytes_per_sec = (double)rd->bytes * 1e9 /
				(double)rd->elapsed_ns;
			rd->cpu_user_ns = 1000 * (r + 1);
			rd->cpu_sys_ns = 3000 * (r + 1);
			rd->submit_share = 1.0 / 3.0 + r;
			rd->achieved_depth = 2.0 / 7.0 + e;
			for (int q = 0; q < FSC_NPCT; q++)
				rd->latency_ns[q] = 1000 * (q + 1) + r;
			rd->files = f->files[e][r];
			rd->nfiles = NFILES;
			for (unsigned i = 0; i < NFILES; i++) {
				rd->files[i].bytes = f->o.size;
				rd->files[i].t_open = t0 + 11 * i;
				rd->files[i].t_done = t0 + 3000001 + 1234 * i +
					r * 17;
			}
		}
	}
	fsc_result_summarize(&f->p);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	free(*state);
	return 0;
}

static json_t *write_and_load(const struct fsc_result *p)
{
	FILE *tmp = tmpfile();
	json_error_t e;
	json_t *j;

	assert_non_null(tmp);
	assert_int_equal(fsc_report_json(tmp, p), 0);
	rewind(tmp);
	j = json_loadf(tmp, 0, &e);
	if (!j)
		fail_msg("profile does not parse: %s at line %d", e.text,
			 e.line);
	fclose(tmp);
	return j;
}

static double num(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_number(v))
		fail_msg("%s is not a number", key);
	return json_number_value(v);
}

static json_int_t integer(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v))
		fail_msg("%s is not an integer", key);
	return json_integer_value(v);
}

/* Ensure that the profile carries the schema name and every key of the
 * contract at the top, in host, workload and targets. */
static void report_json_has_contract_keys(void **state)
{
	struct fixture *f = *state;
	json_t *j = write_and_load(&f->p), *h, *w, *t;
	static const char *const top[] = { "schema", "fsconc_version",
		"created", "host", "workload", "targets", "results", "models" };
	static const char *const host[] = { "hostname", "kernel", "cpu_model",
		"cores", "pus", "numa_nodes", "memory_bytes" };
	static const char *const work[] = { "files", "file_size",
		"block_size", "mode", "fsync", "direct", "iodepth", "rounds",
		"warmup" };
	static const char *const tgt[] = { "path", "fstype", "mount_point",
		"mount_source", "device", "rotational", "free_bytes" };

	for (size_t i = 0; i < sizeof(top) / sizeof(*top); i++)
		assert_non_null(json_object_get(j, top[i]));
	assert_string_equal(json_string_value(json_object_get(j, "schema")),
			    "fsconc-profile/1");
	assert_string_equal(json_string_value(json_object_get(j, "created")),
			    "2023-11-14T22:13:20Z");
	h = json_object_get(j, "host");
	for (size_t i = 0; i < sizeof(host) / sizeof(*host); i++)
		assert_non_null(json_object_get(h, host[i]));
	w = json_object_get(j, "workload");
	for (size_t i = 0; i < sizeof(work) / sizeof(*work); i++)
		assert_non_null(json_object_get(w, work[i]));
	assert_int_equal(integer(w, "file_size"), 3000000);
	t = json_array_get(json_object_get(j, "targets"), 0);
	for (size_t i = 0; i < sizeof(tgt) / sizeof(*tgt); i++)
		assert_non_null(json_object_get(t, tgt[i]));
	assert_string_equal(json_string_value(json_object_get(t, "path")),
			    "/data, with,comma");
	assert_true(json_is_null(json_object_get(t, "device")));
	assert_int_equal(json_array_size(json_object_get(j, "models")), 0);
	json_decref(j);
}

/* Ensure that every round's raw figures read back equal, bit for bit, to
 * what was measured, and the summaries to what was computed. */
static void report_json_round_trips(void **state)
{
	struct fixture *f = *state;
	json_t *j = write_and_load(&f->p);
	json_t *results = json_object_get(j, "results");
	static const char *const pct[] = { "p50", "p90", "p99", "p999", "max" };

	assert_int_equal(json_array_size(results), 2);
	for (unsigned e = 0; e < 2; e++) {
		const struct fsc_trial_result *t = &f->trials[e];
		json_t *res = json_array_get(results, e);
		json_t *rounds = json_object_get(res, "rounds");
		json_t *sum = json_object_get(res, "summary"), *agg, *sp;

		assert_string_equal(json_string_value(json_object_get(res,
					"engine")), t->engine->name);
		assert_int_equal(integer(res, "jobs"), t->jobs);
		assert_int_equal(json_array_size(rounds), NROUNDS);
		for (unsigned r = 0; r < NROUNDS; r++) {
			const struct fsc_round *rd = &t->rounds[r];
			json_t *jr = json_array_get(rounds, r);
			json_t *lat = json_object_get(jr, "latency_ns");
			json_t *files = json_object_get(jr, "files");

			assert_int_equal(integer(jr, "bytes"), rd->bytes);
			assert_int_equal(integer(jr, "elapsed_ns"),
					 rd->elapsed_ns);
			assert_true(num(jr, "bytes_per_sec") ==
				    rd->bytes_per_sec);
			assert_true(num(jr, "submit_share") ==
				    rd->submit_share);
			assert_true(num(jr, "achieved_depth") ==
				    rd->achieved_depth);
			assert_int_equal(integer(jr, "cpu_sys_ns"),
					 rd->cpu_sys_ns);
			for (int q = 0; q < FSC_NPCT; q++)
				assert_int_equal(integer(lat, pct[q]),
						 rd->latency_ns[q]);
			assert_int_equal(json_array_size(files), NFILES);
			for (unsigned i = 0; i < NFILES; i++) {
				json_t *jf = json_array_get(files, i);
				uint64_t ns = rd->files[i].t_done -
					rd->files[i].t_open;
				assert_int_equal(integer(jf, "elapsed_ns"), ns);
				assert_int_equal(integer(jf, "start_ns"),
						 rd->files[i].t_open - rd->t0);
				assert_true(num(jf, "bytes_per_sec") ==
					    (double)rd->files[i].bytes * 1e9 /
					    (double)ns);
			}
		}
		agg = json_object_get(sum, "bytes_per_sec");
		assert_true(num(agg, "median") == t->agg.median);
		assert_true(num(agg, "stddev") == t->agg.stddev);
		assert_true(num(agg, "iqr") == t->agg.iqr);
		assert_true(num(json_object_get(sum, "file_bytes_per_sec"),
				"max") == t->file.max);
		sp = json_object_get(sum, "speedup");
		assert_true(num(sp, "value") == t->speedup.value);
		assert_true(num(sp, "low") == t->speedup.low);
	}
	json_decref(j);
}

/* Split one CSV line into fields, honouring quotes.  Returns the count. */
static size_t csv_fields(char *line, char **out, size_t max)
{
	size_t n = 0;
	char *p = line, *w;

	while (n < max) {
		out[n++] = w = p;
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					*w++ = *p++;
				}
			}
		} else {
			while (*p && *p != ',' && *p != '\n')
				*w++ = *p++;
		}
		if (*p != ',') {
			*w = '\0';
			break;
		}
		*w = '\0';
		p++;
	}
	return n;
}

/* Ensure that the CSV has a header and one row per trial and round, and
 * that its numbers equal the JSON profile's. */
static void report_csv_matches_json(void **state)
{
	struct fixture *f = *state;
	json_t *j = write_and_load(&f->p);
	json_t *results = json_object_get(j, "results");
	FILE *tmp = tmpfile();
	char line[4096], *fld[40];
	size_t rows = 0;
	static const char head[] = "run_started,host,kernel,set,targets,"
		"fstypes,files,file_size_bytes,block_size_bytes,mode,fsync,"
		"direct,engine,jobs,iodepth,round,bytes,elapsed_ns,"
		"bytes_per_sec,";

	assert_int_equal(fsc_report_csv(tmp, &f->p), 0);
	rewind(tmp);
	assert_non_null(fgets(line, sizeof(line), tmp));
	assert_int_equal(strncmp(line, head, strlen(head)), 0);
	while (fgets(line, sizeof(line), tmp)) {
		json_t *res = json_array_get(results, rows / NROUNDS);
		json_t *jr = json_array_get(json_object_get(res, "rounds"),
					    rows % NROUNDS);
		json_t *lat = json_object_get(jr, "latency_ns");
		json_t *w = json_object_get(j, "workload");

		assert_int_equal(csv_fields(line, fld, 40), 31);
		assert_string_equal(fld[0], json_string_value(
			json_object_get(j, "created")));
		assert_string_equal(fld[1], json_string_value(json_object_get(
			json_object_get(j, "host"), "hostname")));
		assert_string_equal(fld[4], "/data, with,comma");
		assert_int_equal(strtoull(fld[6], NULL, 10),
				 integer(w, "files"));
		assert_int_equal(strtoull(fld[7], NULL, 10),
				 integer(w, "file_size"));
		assert_int_equal(strtoull(fld[8], NULL, 10),
				 integer(w, "block_size"));
		assert_string_equal(fld[9], json_string_value(
			json_object_get(w, "mode")));
		assert_string_equal(fld[10], json_string_value(
			json_object_get(w, "fsync")));
		assert_string_equal(fld[11], json_is_true(json_object_get(
			w, "direct")) ? "true" : "false");
		assert_string_equal(fld[12], json_string_value(
			json_object_get(res, "engine")));
		assert_int_equal(strtoll(fld[13], NULL, 10),
				 integer(res, "jobs"));
		assert_int_equal(strtoll(fld[15], NULL, 10),
				 rows % NROUNDS + 1);
		assert_int_equal(strtoull(fld[17], NULL, 10),
				 integer(jr, "elapsed_ns"));
		assert_true(strtod(fld[18], NULL) == num(jr, "bytes_per_sec"));
		assert_true(strtod(fld[24], NULL) == num(jr, "submit_share"));
		assert_true(strtod(fld[25], NULL) ==
			    num(jr, "achieved_depth"));
		assert_int_equal(strtoull(fld[30], NULL, 10),
				 integer(lat, "max"));
		rows++;
	}
	assert_int_equal(rows, 2 * NROUNDS);
	fclose(tmp);
	json_decref(j);
}

/* --- atomic result files --- */

static int fail_writer(FILE *out, const struct fsc_result *p)
{
	(void)p;
	fputs("partial", out);
	return -ENOSPC;
}

static int ok_writer(FILE *out, const struct fsc_result *p)
{
	(void)p;
	return fputs("new\n", out) == EOF ? -EIO : 0;
}

static int dir_setup(void **state)
{
	struct fixture *f;

	setup(state);
	f = *state;
	snprintf(f->dir, sizeof(f->dir), "%s/fsconc-out.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	return 0;
}

static int dir_teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	return teardown(state);
}

static size_t entries(const char *dir)
{
	char cmd[512], buf[64];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "ls -A '%s' | wc -l", dir);
	p = popen(cmd, "r");
	assert_non_null(fgets(buf, sizeof(buf), p));
	pclose(p);
	return (size_t)atoi(buf);
}

/* Ensure that an existing file is replaced whole and no temporary file
 * stays behind. */
static void output_write_replaces(void **state)
{
	struct fixture *f = *state;
	char path[512], err[256], buf[16] = "";
	FILE *in;

	snprintf(path, sizeof(path), "%s/p.json", f->dir);
	in = fopen(path, "w");
	fputs("old\n", in);
	fclose(in);
	assert_int_equal(fsc_output_check("--json", path, &f->p, err,
					  sizeof(err)), 0);
	assert_int_equal(fsc_output_write("--json", path, ok_writer, &f->p,
					  err, sizeof(err)), 0);
	in = fopen(path, "r");
	assert_non_null(fgets(buf, sizeof(buf), in));
	fclose(in);
	assert_string_equal(buf, "new\n");
	assert_int_equal(entries(f->dir), 1);
}

/* Ensure that a failed write leaves the old file untouched, removes its
 * temporary file and says why. */
static void output_write_failure_keeps_old(void **state)
{
	struct fixture *f = *state;
	char path[512], err[256], buf[16] = "";
	FILE *in;

	snprintf(path, sizeof(path), "%s/p.csv", f->dir);
	in = fopen(path, "w");
	fputs("old\n", in);
	fclose(in);
	assert_int_equal(fsc_output_write("--csv", path, fail_writer, &f->p,
					  err, sizeof(err)), -1);
	assert_non_null(strstr(err, "No space left on device"));
	in = fopen(path, "r");
	assert_non_null(fgets(buf, sizeof(buf), in));
	fclose(in);
	assert_string_equal(buf, "old\n");
	assert_int_equal(entries(f->dir), 1);
}

/* Ensure that a directory, a target, a device node and a missing
 * directory are refused before the run. */
static void output_check_refuses(void **state)
{
	struct fixture *f = *state;
	char path[512], err[256];
	struct stat st;

	assert_int_equal(fsc_output_check("--json", f->dir, &f->p, err,
					  sizeof(err)), -1);
	assert_non_null(strstr(err, "is a directory"));
	stat(f->dir, &st);
	f->t[0].dev = st.st_dev;
	f->t[0].ino = st.st_ino;
	assert_int_equal(fsc_output_check("--json", f->dir, &f->p, err,
					  sizeof(err)), -1);
	assert_non_null(strstr(err, "is the target directory"));
	assert_int_equal(fsc_output_check("--csv", "/dev/null", &f->p, err,
					  sizeof(err)), -1);
	assert_non_null(strstr(err, "not a regular file"));
	snprintf(path, sizeof(path), "%s/no/such/p.json", f->dir);
	assert_int_equal(fsc_output_check("--json", path, &f->p, err,
					  sizeof(err)), -1);
	assert_non_null(strstr(err, "No such file or directory"));
	assert_int_equal(fsc_output_check("--json", "-", &f->p, err,
					  sizeof(err)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(report_json_has_contract_keys,
						setup, teardown),
		cmocka_unit_test_setup_teardown(report_json_round_trips, setup,
						teardown),
		cmocka_unit_test_setup_teardown(report_csv_matches_json, setup,
						teardown),
		cmocka_unit_test_setup_teardown(output_write_replaces,
						dir_setup, dir_teardown),
		cmocka_unit_test_setup_teardown(output_write_failure_keeps_old,
						dir_setup, dir_teardown),
		cmocka_unit_test_setup_teardown(output_check_refuses,
						dir_setup, dir_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
