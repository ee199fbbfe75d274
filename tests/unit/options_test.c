/* options_test.c - unit tests for the command line parser (options.c):
 * defaults, every option, `cleanup DIR`, repeated parsing, and bad input
 * rejected with a message that names the option and the value. */
#include "config.h"

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli/options-table.h"
#include "cli/options.h"
#include "cmd/cmd.h"
#include "engines/engine.h"

#define MIB (1024ULL * 1024)

static char err[1024];

/* Parse a NULL-terminated argument list (without argv[0]). */
static int parse_v(struct fsc_opts *o, char **args)
{
	char *argv[64];
	int argc = 0;

	argv[argc++] = "fsconc";
	while (*args && argc < 63)
		argv[argc++] = *args++;
	argv[argc] = NULL;
	memset(err, 0, sizeof(err));
	return fsc_cmd_parse(o, argc, argv, err, sizeof(err));
}

#define PARSE(o, ...) parse_v((o), (char *[]){ __VA_ARGS__, NULL })
#define PARSE0(o) parse_v((o), (char *[]){ NULL })

/* Fail unless err holds every one of the given fragments, on one line. */
static void check_err(const char *what, ...)
{
	va_list ap;
	const char *frag;

	if (!err[0])
		fail_msg("%s: no message", what);
	if (strchr(err, '\n'))
		fail_msg("%s: message spans lines: %s", what, err);
	va_start(ap, what);
	while ((frag = va_arg(ap, const char *)))
		if (!strstr(err, frag)) {
			va_end(ap);
			fail_msg("%s: message \"%s\" lacks \"%s\"", what, err,
				 frag);
		}
	va_end(ap);
}

/* Does err name opt as a word of its own ("-d" in "--dir" does not
 * count, nor "--dir" in "--dirs")? */
static bool names(const char *opt)
{
	size_t n = strlen(opt);

	for (const char *p = strstr(err, opt); p; p = strstr(p + 1, opt)) {
		char after = p[n];

		if ((p == err || p[-1] != '-') &&
		    !(after == '-' || after == '_' ||
		      (after >= 'a' && after <= 'z') ||
		      (after >= 'A' && after <= 'Z') ||
		      (after >= '0' && after <= '9')))
			return true;
	}
	return false;
}

/* Expect the arguments to be refused with a message naming opt and val. */
static void refuse_v(const char *opt, const char *val, char **args)
{
	struct fsc_opts o;
	char quoted[PATH_MAX + 8];
	int rc = parse_v(&o, args);

	snprintf(quoted, sizeof(quoted), "'%s'", val);
	if (rc != -1)
		fail_msg("%s %s: accepted (rc %d)", opt, val, rc);
	check_err(opt, opt, quoted, (char *)NULL);
	fsc_opts_free(&o);
}

#define REFUSE(opt, val, ...) refuse_v((opt), (val), \
	(char *[]){ __VA_ARGS__, NULL })

/* Ensure that no argument at all gives the documented defaults. */
static void parse_defaults(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE0(&o), 0);
	assert_string_equal(o.command, FSC_RUN);
	assert_int_equal(o.ndirs, 0);
	assert_int_equal(o.files, 5);
	assert_int_equal(o.size, 32 * MIB);
	assert_int_equal(o.block_size, 1 * MIB);
	assert_int_equal(o.rounds, 3);
	assert_true(o.rounds_auto);
	assert_int_equal(o.warmup, 1);
	assert_int_equal(o.mode, FSC_MODE_CREATE);
	assert_int_equal(o.fsync, FSC_FSYNC_NONE);
	assert_int_equal(o.iodepth, 4);
	assert_false(o.engines_all);
	assert_int_equal(o.nengines, 2);
	assert_string_equal(o.engines[0], "pwrite");
	assert_string_equal(o.engines[1], "threads");
	assert_int_equal(o.njobs, 0);
	assert_false(o.dd);
	assert_false(o.keep);
	assert_false(o.quiet);
	assert_false(o.iec);
	assert_null(o.cleanup_dir);
	assert_string_equal(err, "");
	fsc_opts_free(&o);
}

/* Ensure that every long option lands in its field. */
static void parse_every_long_option(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "--dir", "/a", "--dir", "/b",
			       "--files", "8", "--size", "8M",
			       "--block-size", "64K",
			       "--engine", "threads,pwrite",
			       "--jobs", "4,1,2", "--iodepth", "16",
			       "--mode", "truncate", "--fsync", "end",
			       "--rounds", "7", "--warmup", "0", "--dd",
			       "--keep", "--quiet", "--iec"), 0);
	assert_string_equal(o.command, FSC_RUN);
	assert_int_equal(o.ndirs, 2);
	assert_string_equal(o.dirs[0], "/a");
	assert_string_equal(o.dirs[1], "/b");
	assert_int_equal(o.files, 8);
	assert_int_equal(o.size, 8 * MIB);
	assert_int_equal(o.block_size, 64 * 1024);
	assert_false(o.engines_all);
	assert_int_equal(o.nengines, 2);
	assert_string_equal(o.engines[0], "threads");
	assert_string_equal(o.engines[1], "pwrite");
	/* A sweep is kept in ascending order. */
	assert_int_equal(o.njobs, 3);
	assert_int_equal(o.jobs[0], 1);
	assert_int_equal(o.jobs[1], 2);
	assert_int_equal(o.jobs[2], 4);
	assert_int_equal(o.iodepth, 16);
	assert_int_equal(o.mode, FSC_MODE_TRUNCATE);
	assert_int_equal(o.fsync, FSC_FSYNC_END);
	assert_int_equal(o.rounds, 7);
	assert_int_equal(o.warmup, 0);
	assert_true(o.dd);
	assert_true(o.keep);
	assert_true(o.quiet);
	assert_true(o.iec);
	fsc_opts_free(&o);
}

/* Ensure that the short options and --opt=value forms work too. */
static void parse_short_and_equals_forms(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "-d", "/x", "-n", "3", "-s", "1G",
			       "-b", "4KiB", "-e", "pwrite", "-j", "3",
			       "-q", "1", "-Q", "--mode=overwrite",
			       "--fsync=each", "--rounds=1", "--warmup=100",
			       "--size=2MB", "--block-size=1000"), 0);
	assert_int_equal(o.ndirs, 1);
	assert_string_equal(o.dirs[0], "/x");
	assert_int_equal(o.files, 3);
	assert_int_equal(o.size, 2000000);	/* the later --size wins */
	assert_int_equal(o.block_size, 1000);
	assert_int_equal(o.nengines, 1);
	assert_string_equal(o.engines[0], "pwrite");
	assert_int_equal(o.njobs, 1);
	assert_int_equal(o.jobs[0], 3);
	assert_int_equal(o.iodepth, 1);
	assert_true(o.quiet);
	assert_int_equal(o.mode, FSC_MODE_OVERWRITE);
	assert_int_equal(o.fsync, FSC_FSYNC_EACH);
	assert_int_equal(o.rounds, 1);
	assert_int_equal(o.warmup, 100);
	fsc_opts_free(&o);

	/* Clustered short flags. */
	assert_int_equal(PARSE(&o, "-Qn2", "-d/y"), 0);
	assert_true(o.quiet);
	assert_int_equal(o.files, 2);
	assert_int_equal(o.ndirs, 1);
	assert_string_equal(o.dirs[0], "/y");
	fsc_opts_free(&o);
}

/* Ensure that --engine all, after named engines, means all again. */
static void parse_engine_all_resets_list(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "--engine", "pwrite", "--engine", "all"),
			 0);
	assert_true(o.engines_all);
	assert_int_equal(o.nengines, 0);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "-e", "all", "-e", "threads"), 0);
	assert_false(o.engines_all);
	assert_int_equal(o.nengines, 1);
	assert_string_equal(o.engines[0], "threads");
	fsc_opts_free(&o);
}

/* Ensure that every engine in the table that is built can be named. */
static void parse_engine_each_built(void **state)
{
	struct fsc_opts o;

	(void)state;
	for (size_t i = 0; fsc_engines[i]; i++) {
		const struct fsc_engine *e = fsc_engines[i];
		char *name = (char *)e->name;

		if (e->missing)
			continue;
		if (PARSE(&o, "--engine", name) != 0)
			fail_msg("--engine %s refused: %s", name, err);
		assert_int_equal(o.nengines, 1);
		assert_ptr_equal(fsc_engine_find(o.engines[0]), e);
		fsc_opts_free(&o);
	}
}

/* Ensure that --help, --version and --list-engines select commands. */
static void parse_commands(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "--help"), 0);
	assert_string_equal(o.command, "help");
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "-h"), 0);
	assert_string_equal(o.command, "help");
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "--version"), 0);
	assert_string_equal(o.command, "version");
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "-V"), 0);
	assert_string_equal(o.command, "version");
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "--list-engines"), 0);
	assert_string_equal(o.command, "list-engines");
	fsc_opts_free(&o);
	/* --help answers even when the rest would not parse. */
	assert_int_equal(PARSE(&o, "--help", "--bogus", "stray"), 0);
	assert_string_equal(o.command, "help");
	fsc_opts_free(&o);
}

/* Ensure that `fsconc cleanup DIR` is a command with its directory. */
static void parse_cleanup_command(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "cleanup", "/srv/data"), 0);
	assert_string_equal(o.command, "cleanup");
	assert_non_null(o.cleanup_dir);
	assert_string_equal(o.cleanup_dir, "/srv/data");
	fsc_opts_free(&o);
	assert_null(o.cleanup_dir);
}

/* Ensure that `fsconc plan` takes its profile and options in any order,
 * in every form, and a profile named like an option after "--". */
static void parse_plan_command(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "plan", "s.json", "--target", "2GB/s",
			       "--engine", "threads", "-d", "/a", "--dir=/b",
			       "--iec"), 0);
	assert_string_equal(o.command, "plan");
	assert_int_equal(o.ninputs, 1);
	assert_string_equal(o.inputs[0], "s.json");
	assert_true(o.target_rate == 2000000000ULL);
	assert_string_equal(o.engine_name, "threads");
	assert_int_equal(o.ndirs, 2);
	assert_string_equal(o.dirs[1], "/b");
	assert_true(o.iec);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "plan", "-t", "500MiB/s", "-e", "x", "--",
			       "-odd.json"), 0);
	assert_string_equal(o.inputs[0], "-odd.json");
	assert_true(o.target_rate == 500ULL << 20);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "plan", "--target=2G", "s.json"), 0);
	assert_true(o.target_rate == 2ULL << 30);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "plan", "s.json", "--help"), 0);
	assert_string_equal(o.command, "help");
	fsc_opts_free(&o);
}

/* Ensure that plan refuses a missing profile or --target, a rate that
 * is not one, an unknown option, a stray argument, and a missing value,
 * each with a message naming it. */
static void parse_plan_bad(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "plan", "--target", "1G"), -1);
	check_err("no profile", "plan", "result profile", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "plan", "s.json"), -1);
	check_err("no target", "--target", "required", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "plan", "s.json", "--target", "1.5GB/s"),
			 -1);
	check_err("fraction", "--target", "1.5GB/s", "not a rate",
		  (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "plan", "s.json", "--target", "0GB/s"), -1);
	check_err("zero", "--target", "more than 0", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "plan", "s.json", "--target", "1G",
			       "--jobs", "4"), -1);
	check_err("unknown", "unknown option", "--jobs", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "plan", "s.json", "t.json", "--target",
			       "1G"), -1);
	check_err("stray", "unexpected argument", "t.json", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "plan", "s.json", "--target"), -1);
	check_err("no value", "--target", "needs a value", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "plan", "s.json", "--target", "1G",
			       "--iec=yes"), -1);
	check_err("flag value", "--iec", "takes no value", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "plan", "s.json", "--target", "1G",
			       "--engine", ""), -1);
	check_err("empty", "--engine", "empty", (char *)NULL);
	fsc_opts_free(&o);
}

/* Ensure that `fsconc compare` takes two profiles and --json, and
 * refuses one profile, three, and a plan option. */
static void parse_compare_command(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "compare", "--json", "-", "a.json",
			       "b.json"), 0);
	assert_string_equal(o.command, "compare");
	assert_int_equal(o.ninputs, 2);
	assert_string_equal(o.inputs[1], "b.json");
	assert_string_equal(o.json_path, "-");
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "compare", "a.json"), -1);
	check_err("one", "compare", "two result profiles", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "compare", "a", "b", "c"), -1);
	check_err("three", "unexpected argument", "'c'", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "compare", "a", "b", "--target", "1G"),
			 -1);
	check_err("plan option", "unknown option", "--target", (char *)NULL);
	fsc_opts_free(&o);
}

/* Ensure that `fsconc plot` takes a profile and -o (also --output and
 * '-'), and refuses to run without -o. */
static void parse_plot_command(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "plot", "-o", "x.svg", "s.json"), 0);
	assert_string_equal(o.command, "plot");
	assert_string_equal(o.output, "x.svg");
	assert_string_equal(o.inputs[0], "s.json");
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "plot", "s.json", "--output=-", "--iec"),
			 0);
	assert_string_equal(o.output, "-");
	assert_true(o.iec);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "plot", "s.json"), -1);
	check_err("no -o", "plot", "--output is required", (char *)NULL);
	fsc_opts_free(&o);
}

/* Ensure that cleanup without exactly one directory is refused. */
static void parse_cleanup_needs_one_dir(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "cleanup"), -1);
	check_err("cleanup", "cleanup", "DIR", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "cleanup", ""), -1);
	check_err("cleanup ''", "cleanup", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "cleanup", "/a", "/b"), -1);
	check_err("cleanup /a /b", "cleanup", (char *)NULL);
	fsc_opts_free(&o);
}

/* Ensure that parsing again starts afresh, even after a parse that
 * stopped in the middle of the arguments or of a cluster of flags. */
static void parse_repeated_resets_state(void **state)
{
	struct fsc_opts o;

	(void)state;
	for (int k = 0; k < 3; k++) {
		assert_int_equal(PARSE(&o, "-n", "9", "--bogus", "-n", "2"),
				 -1);
		fsc_opts_free(&o);
		/* Stops at 'h', the Q of its cluster not yet read. */
		assert_int_equal(PARSE(&o, "-hQ", "-n", "4"), 0);
		assert_string_equal(o.command, "help");
		fsc_opts_free(&o);
		assert_int_equal(PARSE(&o, "-n", "6", "--keep"), 0);
		assert_int_equal(o.files, 6);
		assert_true(o.keep);
		assert_false(o.quiet);
		fsc_opts_free(&o);
		assert_int_equal(PARSE0(&o), 0);
		assert_int_equal(o.files, 5);
		assert_false(o.keep);
		fsc_opts_free(&o);
	}
}

/* Ensure that each malformed size is refused for --size and
 * --block-size, naming the option and the value. */
static void parse_bad_sizes(void **state)
{
	static const char *const bad[] = {
		"0", "-1", "", " 4k", "4k ", "1e3", "4Q", "1.5M", "K",
		"0x10", "18446744073709551616", "16777216T",
		"99999999999999999999",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *v = (char *)bad[i];

		REFUSE("--block-size", v, "--size", "1T", "--block-size", v);
		/* --size 0: create and close only (parse_size_zero). */
		if (strcmp(v, "0") == 0)
			continue;
		REFUSE("--size", v, "--size", v);
		REFUSE("--size", v, "-s", v);
	}
}

/* --size 0: files created and closed with no data, whatever the block
 * size; nothing to --verify. */
static void parse_size_zero(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "--size", "0"), 0);
	assert_int_equal(o.size, 0);
	assert_int_equal(o.block_size, 1 * MIB);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "-s", "0", "--files", "1000000"), 0);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "--size", "0", "--verify"), -1);
	check_err("--size 0 --verify", "--verify", "--size 0", (char *)NULL);
	fsc_opts_free(&o);
}

/* Ensure that the block size must divide the file size, fit in it and
 * fit in one write. */
static void parse_bad_block_sizes(void **state)
{
	struct fsc_opts o;

	(void)state;
	REFUSE("--block-size", "0", "--block-size", "0");

	assert_int_equal(PARSE(&o, "--size", "64K", "--block-size", "128K"),
			 -1);
	check_err("block larger than file", "--block-size", "131072",
		  "--size", "65536", (char *)NULL);
	fsc_opts_free(&o);

	assert_int_equal(PARSE(&o, "--size", "1M", "--block-size", "3K"), -1);
	check_err("block not dividing", "--block-size", "3072", "1048576",
		  (char *)NULL);
	fsc_opts_free(&o);

	/* One byte over what Linux lets one write(2) carry. */
	assert_int_equal(PARSE(&o, "--size", "4294959106",
			       "--block-size", "2147479553"), -1);
	check_err("block over 0x7ffff000", "--block-size", "2147479553",
		  (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "--size", "8G", "--block-size", "2G"), -1);
	check_err("block of 2 GiB", "--block-size", "2147483648",
		  (char *)NULL);
	fsc_opts_free(&o);

	/* Exactly the limit is allowed. */
	assert_int_equal(PARSE(&o, "--size", "4294959104",
			       "--block-size", "2147479552"), 0);
	assert_int_equal(o.block_size, FSC_MAX_WRITE);
	fsc_opts_free(&o);
	/* Block size equal to the file size is allowed. */
	assert_int_equal(PARSE(&o, "--size", "4K", "--block-size", "4K"), 0);
	fsc_opts_free(&o);
}

/* Ensure that files x size beyond 64 bits is refused, and the largest
 * product that fits is not. */
static void parse_total_overflow(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "--files", "2", "--size", "8388608T"), -1);
	check_err("2 x 2^63", "--files", "2", "--size", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "--files", "1000000", "--size", "32T"),
			 -1);
	check_err("10^6 x 32 TiB", "--files", "1000000", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "--files", "1", "--size", "8388608T"), 0);
	assert_int_equal(o.size, 1ULL << 63);
	fsc_opts_free(&o);
}

/* Ensure that fsc_opts_check alone catches what crosses options. */
static void check_cross_options(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE0(&o), 0);
	assert_int_equal(fsc_opts_check(&o, err, sizeof(err)), 0);
	o.block_size = 3 * MIB;
	assert_int_equal(fsc_opts_check(&o, err, sizeof(err)), -1);
	check_err("check: block", "--block-size", (char *)NULL);
	o.block_size = MIB;
	o.files = UINT64_MAX / o.size + 1;
	assert_int_equal(fsc_opts_check(&o, err, sizeof(err)), -1);
	check_err("check: overflow", "--files", (char *)NULL);
	o.files = UINT64_MAX / o.size;
	assert_int_equal(fsc_opts_check(&o, err, sizeof(err)), 0);
	fsc_opts_free(&o);
}

/* Ensure that --iodepth takes 1 to 32768 only. */
static void parse_bad_iodepth(void **state)
{
	struct fsc_opts o;

	(void)state;
	REFUSE("--iodepth", "0", "--iodepth", "0");
	REFUSE("--iodepth", "32769", "--iodepth", "32769");
	REFUSE("--iodepth", "-4", "-q", "-4");
	REFUSE("--iodepth", "4k", "--iodepth", "4k");
	REFUSE("--iodepth", "", "--iodepth", "");
	assert_int_equal(PARSE(&o, "--iodepth", "32768"), 0);
	assert_int_equal(o.iodepth, FSC_MAX_IODEPTH);
	fsc_opts_free(&o);
}

/* Ensure that --jobs refuses 0, absurd counts, duplicates, gaps, and
 * more jobs than files. */
static void parse_bad_jobs(void **state)
{
	struct fsc_opts o;

	(void)state;
	REFUSE("--jobs", "0", "--jobs", "0");
	REFUSE("--jobs", "1,0", "--jobs", "1,0");
	REFUSE("--jobs", "4097", "--files", "5000", "--jobs", "4097");
	REFUSE("--jobs", "99999999999999999999", "--jobs",
	       "99999999999999999999");
	REFUSE("--jobs", "2,1,2", "--jobs", "2,1,2");
	REFUSE("--jobs", "1,,2", "--jobs", "1,,2");
	REFUSE("--jobs", "1,", "--jobs", "1,");
	REFUSE("--jobs", "", "--jobs", "");
	REFUSE("--jobs", "x", "-j", "x");

	assert_int_equal(PARSE(&o, "--files", "5", "--jobs", "1,6"), -1);
	check_err("jobs over files", "--jobs", "6", "--files", "5",
		  (char *)NULL);
	fsc_opts_free(&o);
	/* The default --files is 5: six jobs cannot each have a file. */
	assert_int_equal(PARSE(&o, "--jobs", "6"), -1);
	check_err("jobs over default files", "--jobs", "6", (char *)NULL);
	fsc_opts_free(&o);

	assert_int_equal(PARSE(&o, "--files", "4096", "--jobs", "4096"), 0);
	assert_int_equal(o.jobs[0], FSC_MAX_JOBS);
	fsc_opts_free(&o);
}

/* Ensure that --files, --rounds and --warmup keep to their ranges. */
static void parse_bad_counts(void **state)
{
	(void)state;
	REFUSE("--files", "0", "--files", "0");
	REFUSE("--files", "1000001", "--files", "1000001");
	REFUSE("--files", "-5", "-n", "-5");
	REFUSE("--files", "5x", "--files", "5x");
	REFUSE("--rounds", "0", "--rounds", "0");
	REFUSE("--rounds", "1001", "--rounds", "1001");
	REFUSE("--warmup", "101", "--warmup", "101");
	REFUSE("--warmup", "one", "--warmup", "one");
}

/* Ensure that --stonewall takes seconds with a fraction, in nanoseconds,
 * refuses anything else, and is refused beside --verify. */
static void parse_stonewall_seconds(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE0(&o), 0);
	assert_int_equal(o.stonewall_ns, 0);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "--stonewall", "0.25"), 0);
	assert_int_equal(o.stonewall_ns, 250000000);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "--stonewall", "0.000000001"), 0);
	assert_int_equal(o.stonewall_ns, 1);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "--stonewall=1000000"), 0);
	assert_int_equal(o.stonewall_ns, 1000000ULL * 1000000000ULL);
	fsc_opts_free(&o);
	REFUSE("--stonewall", "0", "--stonewall", "0");
	REFUSE("--stonewall", "0.0", "--stonewall", "0.0");
	REFUSE("--stonewall", "-1", "--stonewall", "-1");
	REFUSE("--stonewall", "1e3", "--stonewall", "1e3");
	REFUSE("--stonewall", ".5", "--stonewall", ".5");
	REFUSE("--stonewall", "1.", "--stonewall", "1.");
	REFUSE("--stonewall", "1000000.5", "--stonewall", "1000000.5");
	REFUSE("--stonewall", "99999999999999999999", "--stonewall",
	       "99999999999999999999");
	REFUSE("--stonewall", "0.1234567891", "--stonewall", "0.1234567891");
	assert_int_equal(PARSE(&o, "--stonewall", "1", "--verify"), -1);
	check_err("--verify --stonewall", "--verify", "--stonewall",
		  (char *)NULL);
	fsc_opts_free(&o);
}

/* Ensure that --mode and --fsync take only their names. */
static void parse_bad_choices(void **state)
{
	(void)state;
	REFUSE("--mode", "append", "--mode", "append");
	REFUSE("--mode", "Create", "--mode", "Create");
	REFUSE("--fsync", "always", "--fsync", "always");
	REFUSE("--fsync", "", "--fsync", "");
}

/* Ensure that an unknown engine is refused with a pointer to the list. */
static void parse_unknown_engine(void **state)
{
	struct fsc_opts o;

	(void)state;
	REFUSE("--engine", "nope", "--engine", "nope");
	REFUSE("--engine", "nope", "--engine", "pwrite,nope");
	assert_int_equal(PARSE(&o, "--engine", "nope"), -1);
	check_err("unknown engine", "--list-engines", (char *)NULL);
	fsc_opts_free(&o);
	REFUSE("--engine", "pwrite", "--engine", "pwrite,pwrite");
	REFUSE("--engine", ",", "--engine", ",");
}

/* Ensure that an engine listed but not built is refused and says what
 * is missing. */
static void parse_engine_not_built(void **state)
{
	static const char *const optional[] = { "posixaio", "libaio",
		"io_uring" };
	struct fsc_opts o;
	unsigned tried = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(optional) / sizeof(optional[0]); i++) {
		const struct fsc_engine *e = fsc_engine_find(optional[i]);
		char *name = (char *)optional[i];

		assert_non_null(e);
		if (!e->missing)
			continue;
		tried++;
		REFUSE("--engine", name, "--engine", name);
		assert_int_equal(PARSE(&o, "-e", name), -1);
		check_err(name, "not built", e->missing, (char *)NULL);
		fsc_opts_free(&o);
	}
	if (!tried)
		skip();	/* every engine is built here */
}

/* Ensure that an unknown option is named in the message. */
static void parse_unknown_option(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "--bogus"), -1);
	check_err("--bogus", "--bogus", "unknown option", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "-x"), -1);
	check_err("-x", "unknown option", (char *)NULL);
	assert_true(names("-x"));
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "-Qx"), -1);
	assert_true(names("-x"));
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "-n", "2", "--filez=3"), -1);
	check_err("--filez=3", "--filez", (char *)NULL);
	fsc_opts_free(&o);
}

/* Ensure that a flag given a value ("--quiet=1") is refused with the
 * flag as typed.  Today flags whose short form exists are named by that
 * short form ("unknown option '-Q'", an option that does exist): those
 * are reported and the case skipped; it passes once the message names
 * what was typed. */
static void parse_flag_given_a_value(void **state)
{
	static const char *const flags[] = {
		"--dd=1", "--keep=yes", "--iec=x", "--list-engines=1",
		"--quiet=1", "--help=1", "--version=1",
	};
	struct fsc_opts o;
	unsigned bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		char *flag = (char *)flags[i];
		char name[32];

		/* Quoted, so that "(see --help)" does not count. */
		snprintf(name, sizeof(name), "'%.*s",
			 (int)(strchr(flag, '=') - flag), flag);
		if (PARSE(&o, flag) != -1)
			fail_msg("%s accepted", flag);
		if (!strstr(err, name)) {
			print_message("%s: %s\n", flag, err);
			bad++;
		}
		fsc_opts_free(&o);
	}
	assert_int_equal(bad, 0);
}

/* Ensure that an option missing its value says which. */
static void parse_missing_value(void **state)
{
	static const char *const opts[] = {
		"--dir", "--files", "--size", "--block-size", "--engine",
		"--jobs", "--iodepth", "--mode", "--fsync", "--rounds",
		"--warmup", "-d", "-n", "-s", "-b", "-e", "-j", "-q",
	};
	struct fsc_opts o;

	(void)state;
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		char *opt = (char *)opts[i];

		if (PARSE(&o, "--keep", opt) != -1)
			fail_msg("%s without a value was accepted", opt);
		check_err(opt, "needs a value", (char *)NULL);
		if (!names(opt))
			fail_msg("%s: message does not name it: %s", opt, err);
		fsc_opts_free(&o);
	}
}

/* Ensure that a stray argument is refused (targets need --dir). */
static void parse_stray_argument(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "/tmp"), -1);
	check_err("stray", "'/tmp'", "--dir", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "-n", "3", "extra", "-Q"), -1);
	check_err("stray in the middle", "'extra'", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "--", "x"), -1);
	check_err("after --", "'x'", (char *)NULL);
	fsc_opts_free(&o);
}

/* Ensure that --dir refuses an empty path and one longer than PATH_MAX,
 * and takes the longest allowed one. */
static void parse_bad_dir(void **state)
{
	struct fsc_opts o;
	char *longpath = malloc(PATH_MAX + 1);

	(void)state;
	assert_non_null(longpath);
	assert_int_equal(PARSE(&o, "--dir", ""), -1);
	check_err("empty dir", "--dir", "''", (char *)NULL);
	fsc_opts_free(&o);

	memset(longpath, 'a', PATH_MAX);
	longpath[0] = '/';
	longpath[PATH_MAX] = '\0';
	assert_int_equal(PARSE(&o, "--dir", longpath), -1);
	check_err("long dir", "--dir", "'/aaaaaaaaaa", "PATH_MAX",
		  (char *)NULL);
	fsc_opts_free(&o);

	longpath[PATH_MAX - 1] = '\0';
	assert_int_equal(PARSE(&o, "--dir", longpath), 0);
	assert_int_equal(o.ndirs, 1);
	assert_int_equal(strlen(o.dirs[0]), PATH_MAX - 1);
	fsc_opts_free(&o);
	free(longpath);
}

/* Ensure that a value holding a newline or a terminal escape is shown
 * with '?' in its place, so that the message stays one printable line. */
static void parse_control_characters(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "--size", "4\n2M"), -1);
	check_err("newline", "--size '4?2M'", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "--engine", "\033[31mpwrite"), -1);
	check_err("escape", "--engine '?[31mpwrite'", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "--mode", "a\tb\x7f"), -1);
	check_err("tab and DEL", "--mode 'a?b?'", (char *)NULL);
	fsc_opts_free(&o);
}

/* Ensure that the mode and fsync names print as they are typed. */
static void names_of_choices(void **state)
{
	(void)state;
	assert_string_equal(fsc_mode_name(FSC_MODE_CREATE), "create");
	assert_string_equal(fsc_mode_name(FSC_MODE_TRUNCATE), "truncate");
	assert_string_equal(fsc_mode_name(FSC_MODE_OVERWRITE), "overwrite");
	assert_string_equal(fsc_fsync_name(FSC_FSYNC_NONE), "none");
	assert_string_equal(fsc_fsync_name(FSC_FSYNC_END), "end");
	assert_string_equal(fsc_fsync_name(FSC_FSYNC_EACH), "each");
}

/* Ensure that a profile's direct = true is --cache direct, as --direct
 * is on the command line: it ends an earlier cache = dontcache. */
static void profile_direct_is_cache_direct(void **state)
{
	struct fsc_opts o;
	char why[256];

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_int_equal(fsc_opts_set(&o, "cache", "dontcache", why,
				      sizeof(why)), 0);
	assert_true(o.dontcache);
	assert_int_equal(fsc_opts_set(&o, "direct", "true", why,
				      sizeof(why)), 0);
	assert_true(o.direct);
	assert_false(o.dontcache);
	assert_int_equal(fsc_opts_set(&o, "direct", "false", why,
				      sizeof(why)), 0);
	assert_false(o.direct);
	assert_false(o.dontcache);
}

/* Ensure that the tables agree: every command an option names, or stands
 * for, is one; no command takes two options of one name or letter; a
 * command that needs an option takes it; a word names each command but
 * the implied ones ("fsconc help" is the run, with an operand). */
static void tables_agree(void **state)
{
	const struct fsc_option *a, *b;
	struct fsc_opts o;

	(void)state;
	for (a = fsc_options; a->name; a++) {
		bool known = strcmp(a->cmds, "*") == 0;

		for (size_t i = 0; fsc_cmd_table[i]; i++)
			known |= fsc_option_in(a, fsc_cmd_table[i]->line.name);
		if (!known)
			fail_msg("--%s: no command of '%s'", a->name, a->cmds);
		if (a->command && !fsc_cmd_named(a->command))
			fail_msg("--%s: no command %s", a->name, a->command);
		if (!a->arg && !a->command && !a->flag)
			fail_msg("--%s: neither value, flag nor command",
				 a->name);
		for (size_t i = 0; fsc_cmd_table[i]; i++) {
			const char *cmd = fsc_cmd_table[i]->line.name;

			if (!fsc_option_in(a, cmd))
				continue;
			for (b = a + 1; b->name; b++)
				if (fsc_option_in(b, cmd) &&
				    (strcmp(a->name, b->name) == 0 ||
				     (a->letter && a->letter == b->letter)))
					fail_msg("%s: --%s twice", cmd,
						 a->name);
		}
	}
	for (size_t i = 0; fsc_cmd_table[i]; i++) {
		const struct fsc_cmdline *c = &fsc_cmd_table[i]->line;
		bool taken = !c->required;

		for (a = fsc_options; a->name && !taken; a++)
			taken = fsc_option_in(a, c->name) &&
				strcmp(a->name, c->required) == 0;
		if (!taken)
			fail_msg("%s: needs --%s, which it does not take",
				 c->name, c->required);
		assert_true(c->ninputs <= 2);
		assert_ptr_equal(fsc_cmd_named(c->name), fsc_cmd_table[i]);
		assert_true(fsc_cmd_table[i]->implied || c->parse);
	}
	assert_int_equal(PARSE(&o, "help"), -1);
	check_err("help", "unexpected argument", "'help'", (char *)NULL);
	fsc_opts_free(&o);
	assert_int_equal(PARSE(&o, "run"), -1);
	fsc_opts_free(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_defaults),
		cmocka_unit_test(parse_every_long_option),
		cmocka_unit_test(parse_short_and_equals_forms),
		cmocka_unit_test(parse_engine_all_resets_list),
		cmocka_unit_test(parse_engine_each_built),
		cmocka_unit_test(parse_commands),
		cmocka_unit_test(profile_direct_is_cache_direct),
		cmocka_unit_test(tables_agree),
		cmocka_unit_test(parse_cleanup_command),
		cmocka_unit_test(parse_cleanup_needs_one_dir),
		cmocka_unit_test(parse_plan_command),
		cmocka_unit_test(parse_plan_bad),
		cmocka_unit_test(parse_compare_command),
		cmocka_unit_test(parse_plot_command),
		cmocka_unit_test(parse_repeated_resets_state),
		cmocka_unit_test(parse_bad_sizes),
		cmocka_unit_test(parse_size_zero),
		cmocka_unit_test(parse_bad_block_sizes),
		cmocka_unit_test(parse_total_overflow),
		cmocka_unit_test(check_cross_options),
		cmocka_unit_test(parse_bad_iodepth),
		cmocka_unit_test(parse_bad_jobs),
		cmocka_unit_test(parse_bad_counts),
		cmocka_unit_test(parse_stonewall_seconds),
		cmocka_unit_test(parse_bad_choices),
		cmocka_unit_test(parse_unknown_engine),
		cmocka_unit_test(parse_engine_not_built),
		cmocka_unit_test(parse_unknown_option),
		cmocka_unit_test(parse_flag_given_a_value),
		cmocka_unit_test(parse_missing_value),
		cmocka_unit_test(parse_stray_argument),
		cmocka_unit_test(parse_bad_dir),
		cmocka_unit_test(parse_control_characters),
		cmocka_unit_test(names_of_choices),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
