/* profile_test.c - unit tests for workload profiles (profile.c): lines
 * applied as options, comments and blanks, the first error reported with
 * its line, blanks, byte order marks and long lines, the search path,
 * and a profile's place among the options. */
#include "config.h"

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/options.h"
#include "cmd/cmd.h"
#include "cli/profile.h"

#define MIB (1024ULL * 1024)

static char err[1024];
static char tmp[] = "/tmp/fsconc-profile-test.XXXXXX";

/* Parse text as a profile named "p.conf" over the defaults. */
static int parse(struct fsc_opts *o, const char *text)
{
	char *argv[] = { "fsconc", NULL };
	char e[256];

	assert_int_equal(fsc_cmd_parse(o, 1, argv, e, sizeof(e)), 0);
	memset(err, 0, sizeof(err));
	return fsc_profile_parse(text, strlen(text), "p.conf",
				 fsc_opts_set_from, o, err, sizeof(err));
}

static void expect_err(const char *text, const char *want)
{
	struct fsc_opts o;

	if (parse(&o, text) != -1)
		fail_msg("accepted: %s", text);
	if (!strstr(err, want))
		fail_msg("\"%s\" lacks \"%s\"", err, want);
	if (strchr(err, '\n'))
		fail_msg("message spans lines: %s", err);
	fsc_opts_free(&o);
}

/* Ensure that each line sets the option of its key, flags take true and
 * false, lists add, and a later line overrides an earlier one. */
static void parse_lines_set_options(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(parse(&o, "files = 7\nsize=2M\nblock-size = 64K\n"
			       "engine = pwrite,threads\njobs = 1,2,4\n"
			       "mode = truncate\nfsync = end\nrounds = 5\n"
			       "warmup = 0\ndd = true\nkeep = yes\n"
			       "quiet = on\niec = 1\ndir = /a\ndir = /b\n"
			       "files = 9\nkeep = false\n"), 0);
	assert_int_equal(o.files, 9);
	assert_int_equal(o.size, 2 * MIB);
	assert_int_equal(o.block_size, 64 * 1024);
	assert_int_equal(o.nengines, 2);
	assert_int_equal(o.njobs, 3);
	assert_int_equal(o.mode, FSC_MODE_TRUNCATE);
	assert_int_equal(o.fsync, FSC_FSYNC_END);
	assert_int_equal(o.rounds, 5);
	assert_int_equal(o.warmup, 0);
	assert_true(o.dd && o.quiet && o.iec);
	assert_false(o.keep);
	assert_int_equal(o.ndirs, 2);
	assert_string_equal(o.dirs[1], "/b");
	fsc_opts_free(&o);
}

/* Ensure that comments, blank lines, CRLF, a colon for '=', an inline
 * comment after a blank and indented lines all read as meant. */
static void parse_comments_and_blanks(void **state)
{
	struct fsc_opts o;

	(void)state;
	assert_int_equal(parse(&o, "# a comment\n; another\n\n   \r\n"
			       "files: 3\r\nsize = 4M ; four of them\n"
			       "\tdir = /x#y\n  rounds = 2"), 0);
	assert_int_equal(o.files, 3);
	assert_int_equal(o.size, 4 * MIB);
	assert_int_equal(o.ndirs, 1);
	assert_string_equal(o.dirs[0], "/x#y");
	assert_int_equal(o.rounds, 2);
	fsc_opts_free(&o);
	assert_int_equal(parse(&o, ""), 0);
	fsc_opts_free(&o);
}

/* Ensure that every kind of bad line is refused with the file, its line
 * number and the reason, and that the first error is the one told. */
static void parse_errors_name_line(void **state)
{
	char long_line[400];

	(void)state;
	expect_err("files = 2\n\nsizee = 1M\n", "p.conf:3: unknown key 'sizee'");
	expect_err("size = 4Q\n", "p.conf:1: --size '4Q': not a size");
	expect_err("files = 2\nmode = append\n",
		   "p.conf:2: --mode 'append': expected create");
	expect_err("dd = maybe\n", "p.conf:1: dd = 'maybe': expected true or "
		   "false");
	expect_err("files = 2\njust words\n", "p.conf:2: expected key = value");
	expect_err("[run]\nfiles = 2\n", "p.conf:1: sections are not used");
	expect_err("files = 2\n  [run]\n", "p.conf:2: sections are not used");
	expect_err("help = true\n", "p.conf:1: 'help' cannot be set");
	expect_err("profile = other\n", "p.conf:1: 'profile' cannot be set");
	expect_err("list-engines = true\n", "'list-engines' cannot be set");
	expect_err("size =\n", "p.conf:1: --size '': not a size");
	expect_err("engine = nope\n", "--engine 'nope': unknown engine");
	expect_err("a = 1\nb = 2\n", "p.conf:1: unknown key 'a'");
	/* inih reports a line that is not key = value only at the end, and
	 * a later line's error must not take its place. */
	expect_err("fil 2\nhelp = true\n", "p.conf:1: expected key = value");
	expect_err("files = 2\njust words\n[run]\n",
		   "p.conf:2: expected key = value");
	expect_err("just words\nfiles = 2\nsi\tze = 1\n",
		   "p.conf:1: expected key = value");
	memset(long_line, 'x', sizeof(long_line));
	memcpy(long_line, "files = 2\ndir = /", 17);
	long_line[sizeof(long_line) - 1] = '\0';
	expect_err(long_line, "p.conf:2: a line over 197 characters");
	{
		struct fsc_opts o;
		char *argv[] = { "fsconc", NULL };
		char e[64];

		assert_int_equal(fsc_cmd_parse(&o, 1, argv, e, sizeof(e)), 0);
		assert_int_equal(fsc_profile_parse("files = 2\nsi\0ze = 1",
						   20, "p.conf",
						   fsc_opts_set_from, &o, err,
						   sizeof(err)), -1);
		assert_non_null(strstr(err, "p.conf:2: a NUL byte"));
		fsc_opts_free(&o);
	}
}

/* A line "dir = /xxx...", content characters long, then end. */
static int parse_dir_line(struct fsc_opts *o, size_t content,
			  const char *end)
{
	char text[512];

	assert_true(content >= 7 && content + strlen(end) < sizeof(text));
	memset(text, 'x', content);
	memcpy(text, "dir = /", 7);
	strcpy(text + content, end);
	return parse(o, text);
}

/* Ensure that every blank inih skips starts a line of its own (never a
 * continuation), that a byte order mark is skipped once and hides no
 * section, and that the limit is 197 characters whatever ends the line. */
static void parse_blanks_bom_long_lines(void **state)
{
	static const char *const ends[] = { "\n", "\r\n", "" };
	struct fsc_opts o;

	(void)state;
	assert_int_equal(parse(&o, "dir = /a\n\f\v\r dir = /b\r\n"), 0);
	assert_int_equal(o.ndirs, 2);
	assert_string_equal(o.dirs[1], "/b");
	fsc_opts_free(&o);
	expect_err("dir = /a\n\v/b\n", "p.conf:2: expected key = value");
	expect_err("files = 2\n\f[run]\n", "p.conf:2: sections are not used");
	assert_int_equal(parse(&o, "\xef\xbb\xbf files = 3\n"), 0);
	assert_int_equal(o.files, 3);
	fsc_opts_free(&o);
	expect_err("\xef\xbb\xbf[run]\nfiles = 2\n",
		   "p.conf:1: sections are not used");
	expect_err("\xef\xbb\xbf\xef\xbb\xbf[run]\n",
		   "p.conf:1: expected key = value");
	expect_err("\xef\xbb\xbf\xef\xbb\xbf" "files = 3\n",
		   "p.conf:1: unknown key");
	expect_err("files = 2\n\xef\xbb\xbf" "files = 3\n",
		   "p.conf:2: unknown key");
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		assert_int_equal(parse_dir_line(&o, 197, ends[i]), 0);
		assert_int_equal(strlen(o.dirs[0]), 197 - 6);
		fsc_opts_free(&o);
		if (parse_dir_line(&o, 198, ends[i]) != -1)
			fail_msg("accepted 198 characters, then \"%s\"",
				 ends[i]);
		assert_non_null(strstr(err, "p.conf:1: a line over 197 "
				       "characters"));
		fsc_opts_free(&o);
	}
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int make_dirs(void **state)
{
	char d[PATH_MAX];

	(void)state;
	if (!mkdtemp(tmp))
		return -1;
	snprintf(d, sizeof(d), "%s/one", tmp);
	mkdir(d, 0700);
	snprintf(d, sizeof(d), "%s/two", tmp);
	mkdir(d, 0700);
	snprintf(d, sizeof(d), "%s/one", tmp);
	write_file(d, "first.conf", "files = 7\n");
	snprintf(d, sizeof(d), "%s/two", tmp);
	write_file(d, "first.conf", "files = 8\n");
	write_file(d, "second.conf", "files = 9\nsize = 2M\n");
	write_file(d, "bad.conf", "files = 2\n\nbogus = 1\n");
	return 0;
}

static int remove_dirs(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

/* Ensure that a NAME is found in the first directory of
 * FSCONC_PROFILE_PATH that has it, that a path is used as given, and
 * that a missing profile names the places looked at. */
static void find_search_path(void **state)
{
	char path[PATH_MAX], env[PATH_MAX];

	(void)state;
	snprintf(env, sizeof(env), "::%s/one:%s/two", tmp, tmp);
	setenv("FSCONC_PROFILE_PATH", env, 1);
	assert_int_equal(fsc_profile_find("first", path, sizeof(path), err,
					  sizeof(err)), 0);
	assert_non_null(strstr(path, "/one/first.conf"));
	assert_int_equal(fsc_profile_find("second", path, sizeof(path), err,
					  sizeof(err)), 0);
	assert_non_null(strstr(path, "/two/second.conf"));
	assert_int_equal(fsc_profile_find("./x.conf", path, sizeof(path),
					  err, sizeof(err)), 0);
	assert_string_equal(path, "./x.conf");
	assert_int_equal(fsc_profile_find("y.conf", path, sizeof(path), err,
					  sizeof(err)), 0);
	assert_string_equal(path, "y.conf");
	assert_int_equal(fsc_profile_find("third", path, sizeof(path), err,
					  sizeof(err)), -1);
	assert_non_null(strstr(err, "no profile third.conf in"));
	assert_non_null(strstr(err, "/one, "));
	assert_int_equal(fsc_profile_find("", path, sizeof(path), err,
					  sizeof(err)), -1);
	unsetenv("FSCONC_PROFILE_PATH");
}

/* Ensure that --profile applies at its place: options after it win,
 * options before it lose, and a bad profile fails the parse with its
 * file and line. */
static void opts_profile_in_order(void **state)
{
	char env[PATH_MAX], e[1024];
	struct fsc_opts o;

	(void)state;
	snprintf(env, sizeof(env), "%s/two", tmp);
	setenv("FSCONC_PROFILE_PATH", env, 1);
	{
		char *argv[] = { "fsconc", "--files", "3", "--profile",
				 "second", NULL };
		assert_int_equal(fsc_cmd_parse(&o, 5, argv, e, sizeof(e)), 0);
		assert_int_equal(o.files, 9);
		assert_int_equal(o.size, 2 * MIB);
		fsc_opts_free(&o);
	}
	{
		char *argv[] = { "fsconc", "--profile", "second", "--files",
				 "3", NULL };
		assert_int_equal(fsc_cmd_parse(&o, 5, argv, e, sizeof(e)), 0);
		assert_int_equal(o.files, 3);
		assert_int_equal(o.size, 2 * MIB);
		fsc_opts_free(&o);
	}
	{
		char *argv[] = { "fsconc", "--profile", "second", "--profile",
				 "first", NULL };
		assert_int_equal(fsc_cmd_parse(&o, 5, argv, e, sizeof(e)), 0);
		assert_int_equal(o.files, 8);
		fsc_opts_free(&o);
	}
	{
		char *argv[] = { "fsconc", "--profile", "bad", NULL };
		assert_int_equal(fsc_cmd_parse(&o, 3, argv, e, sizeof(e)), -1);
		assert_non_null(strstr(e, "--profile bad: "));
		assert_non_null(strstr(e, "/two/bad.conf:3: unknown key "
				       "'bogus'"));
		fsc_opts_free(&o);
	}
	{
		/* The cross-option checks see the profile's values. */
		char *argv[] = { "fsconc", "--jobs", "5", "--profile", "first",
				 "--files", "4", NULL };
		assert_int_equal(fsc_cmd_parse(&o, 7, argv, e, sizeof(e)), -1);
		assert_non_null(strstr(e, "--jobs 5: more than --files 4"));
		fsc_opts_free(&o);
	}
	unsetenv("FSCONC_PROFILE_PATH");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_lines_set_options),
		cmocka_unit_test(parse_comments_and_blanks),
		cmocka_unit_test(parse_errors_name_line),
		cmocka_unit_test(parse_blanks_bom_long_lines),
		cmocka_unit_test(find_search_path),
		cmocka_unit_test(opts_profile_in_order),
	};

	return cmocka_run_group_tests(tests, make_dirs, remove_dirs);
}
