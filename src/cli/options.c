/* options.c - command line parsing and validation, free of side effects:
 * errors come back as a message, never printed here.  What each option
 * is and does: options-table.c. */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options-table.h"
#include "cli/options-values.h"
#include "engines/engine.h"
#include "result/stats.h"
#include "util/msg.h"
#include "util/verify.h"
#include "util/xalloc.h"

bool fsc_opts_stdout_taken(const struct fsc_opts *o)
{
	return (o->json_path && strcmp(o->json_path, "-") == 0) ||
	       (o->csv_path && strcmp(o->csv_path, "-") == 0) ||
	       (o->markdown_path && strcmp(o->markdown_path, "-") == 0);
}

int fsc_opts_check_outputs(const struct fsc_opts *o, char *err, size_t len)
{
	const struct { const char *opt, *path; } out[] = {
		{ "--json", o->json_path }, { "--csv", o->csv_path },
		{ "--markdown", o->markdown_path },
	};
	const size_t n = sizeof(out) / sizeof(out[0]);

	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (out[i].path && out[j].path &&
			    strcmp(out[i].path, out[j].path) == 0)
				return fsc_opt_fail(err, len, "%s and %s both "
						    "name '%s'; %s", out[i].opt,
						    out[j].opt, out[i].path,
						    strcmp(out[i].path, "-") ?
						    "give each its own file" :
						    "only one can go to "
						    "standard output");
	return 0;
}

static void set_defaults(struct fsc_opts *o, const char *command)
{
	memset(o, 0, sizeof(*o));
	o->command = command;
	/* The seed's question, pwrite against a thread per file, light
	 * enough to run anywhere (fsconc(1), "The default run"). */
	o->files = 5;
	o->size = 32ULL << 20;
	o->block_size = 1ULL << 20;
	o->engines = xcalloc(2, sizeof(*o->engines));
	o->engines[o->nengines++] = fsc_engine_find("pwrite")->name;
	o->engines[o->nengines++] = fsc_engine_find("threads")->name;
	o->iodepth = 4;
	o->mode = FSC_MODE_CREATE;
	o->fsync = FSC_FSYNC_NONE;
	o->rounds = FSC_VERDICT_MIN_ROUNDS;
	o->rounds_auto = true;
	o->budget_ns = FSC_BUDGET_S * 1000000000ULL;
	o->budget_bytes = FSC_BUDGET_BYTES;
	o->warmup = 1;
	o->interval_ns = FSC_INTERVAL_MS * 1000000ULL;
	o->file_detail = FSC_FILE_DETAIL;
	o->target_iec = -1;
}

/* Give option opt, with its value arg (NULL for one without), on the
 * command line.  0, or -1 with err naming the option and the value. */
static int apply(struct fsc_opts *o, const struct fsc_option *opt,
		 const char *arg, char *err, size_t len)
{
	if (opt->command) {
		o->command = opt->command;
		return 0;
	}
	if (opt->arg)
		return opt->set(o, arg, err, len);
	*fsc_option_flag(opt, o) = true;
	return opt->set ? opt->set(o, NULL, err, len) : 0;
}

void fsc_opts_blame_dir(const struct fsc_opts *o, size_t i, char *err,
			size_t len)
{
	char *msg;

	if (i >= o->ndirs || !o->dirs_from || !o->dirs_from[i])
		return;
	msg = xstrdup(err);
	snprintf(err, len, "%s: %s", o->dirs_from[i], msg);
	free(msg);
	fsc_printable(err);
}

/* getopt_long's tables of the run's options: a long option returns its
 * letter, or 256 + its index in fsc_options[]. */
static struct option *getopt_tables(const char *cmd, char **shorts)
{
	size_t n = 0, k = 0;
	struct option *longs;
	char *s;

	for (const struct fsc_option *opt = fsc_options; opt->name; opt++)
		n++;
	longs = xcalloc(n + 1, sizeof(*longs));
	*shorts = s = xmalloc(2 * n + 3);
	*s++ = '+';	/* stop at the first operand */
	*s++ = ':';	/* a missing value returns ':' */
	for (size_t i = 0; i < n; i++) {
		const struct fsc_option *opt = &fsc_options[i];

		if (!fsc_option_in(opt, cmd))
			continue;
		longs[k].name = opt->name;
		longs[k].has_arg = opt->arg ? required_argument : no_argument;
		longs[k++].val = opt->letter ? opt->letter : 256 + (int)i;
		if (opt->letter) {
			*s++ = opt->letter;
			if (opt->arg)
				*s++ = ':';
		}
	}
	*s = '\0';
	return longs;
}

/* The option getopt_long returned as c. */
static const struct fsc_option *option_of(int c, const char *cmd)
{
	if (c >= 256)
		return &fsc_options[c - 256];
	for (const struct fsc_option *opt = fsc_options; opt->name; opt++)
		if (opt->letter == c && fsc_option_in(opt, cmd))
			return opt;
	return NULL;
}

static int getopt_all(struct fsc_opts *o, const char *cmd, int argc,
		      char **argv, const char *shorts,
		      const struct option *longs, char *err, size_t len)
{
	int c;

	opterr = 0;
	optind = 0;	/* glibc: full reinitialisation, for repeated calls */
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		const struct fsc_option *opt;

		switch (c) {
		case ':':
			return fsc_opt_fail(err, len, "%s: needs a value",
					    argv[optind - 1]);
		case '?':
			if (strncmp(argv[optind - 1], "--", 2) == 0)
				return fsc_opt_fail(err, len, "unknown option "
						    "or value '%s' (see "
						    "--help)",
						    argv[optind - 1]);
			if (optopt && optopt < 256)
				return fsc_opt_fail(err, len, "unknown option "
						    "'-%c' (see --help)",
						    optopt);
			return fsc_opt_fail(err, len, "unknown option '%s' "
					    "(see --help)", argv[optind - 1]);
		default:
			opt = option_of(c, cmd);
			if (apply(o, opt, optarg, err, len) < 0)
				return -1;
			if (opt->how & FSC_OPT_STOP)
				return 0;
		}
	}
	if (optind < argc)
		return fsc_opt_fail(err, len, "unexpected argument '%s' "
				    "(targets are given with --dir)",
				    argv[optind]);
	return 0;
}

int fsc_opts_parse_run(struct fsc_opts *o, const struct fsc_cmdline *c,
		       int argc, char **argv, char *err, size_t len)
{
	char *shorts;
	struct option *longs = getopt_tables(c->name, &shorts);
	int rc = getopt_all(o, c->name, argc, argv, shorts, longs, err, len);

	free(longs);
	free(shorts);
	if (rc == 0 && strcmp(o->command, c->name) == 0)
		rc = fsc_opts_check(o, err, len);
	return rc;
}

/* The option of command c that argument a ("--name", "--name=value",
 * "-x") names, or NULL; *eq: the '=' of "--name=value", or NULL. */
static const struct fsc_option *tool_option(const struct fsc_cmdline *c,
					    const char *a, const char **eq)
{
	size_t n = 0;

	*eq = NULL;
	if (a[1] == '-') {
		*eq = strchr(a + 2, '=');
		n = *eq ? (size_t)(*eq - a - 2) : strlen(a + 2);
	}
	for (const struct fsc_option *opt = fsc_options; opt->name; opt++)
		if (fsc_option_in(opt, c->name) &&
		    (a[1] == '-' ? strlen(opt->name) == n &&
		     strncmp(a + 2, opt->name, n) == 0 :
		     opt->letter == a[1] && !a[2]))
			return opt;
	return NULL;
}

int fsc_opts_parse_tool(struct fsc_opts *o, const struct fsc_cmdline *c,
			int argc, char **argv, char *err, size_t len)
{
	bool dashes = false, required = false;

	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *val = NULL, *eq;
		const struct fsc_option *opt;

		if (dashes || a[0] != '-' || !a[1]) {
			if (o->ninputs == c->ninputs)
				return fsc_opt_fail(err, len, "%s: unexpected "
						    "argument '%s'; usage: %s",
						    c->name, a, c->synopsis);
			o->inputs[o->ninputs++] = xstrdup(a);
			continue;
		}
		if (strcmp(a, "--") == 0) {
			dashes = true;
			continue;
		}
		opt = tool_option(c, a, &eq);
		if (!opt)
			return fsc_opt_fail(err, len, "%s: unknown option "
					    "'%s'; usage: %s", c->name, a,
					    c->synopsis);
		if (opt->arg) {
			if (eq)
				val = eq + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else
				return fsc_opt_fail(err, len, "%s: %s needs a "
						    "value", c->name, a);
		} else if (eq) {
			return fsc_opt_fail(err, len, "%s: --%s takes no value",
					    c->name, opt->name);
		}
		if (val && !*val && !(opt->how & FSC_OPT_EMPTY))
			return fsc_opt_fail(err, len, "%s --%s '': empty",
					    c->name, opt->name);
		if (apply(o, opt, val, err, len) < 0)
			return -1;
		if (opt->how & FSC_OPT_STOP)
			return 0;
		if (c->required && strcmp(opt->name, c->required) == 0)
			required = true;
	}
	if (o->ninputs < c->ninputs)
		return fsc_opt_fail(err, len, "%s: expected %s; usage: %s",
				    c->name, c->ninputs == 1 ? "a result "
				    "profile (--json FILE of a run)" :
				    "two result profiles", c->synopsis);
	if (c->required && !required)
		return fsc_opt_fail(err, len, "%s: --%s is required; usage: %s",
				    c->name, c->required, c->synopsis);
	return 0;
}

int fsc_opts_parse(struct fsc_opts *o, const struct fsc_cmdline *c,
		   int argc, char **argv, char *err, size_t len)
{
	int rc;

	set_defaults(o, c->name);
	err[0] = '\0';
	rc = c->parse(o, c, argc, argv, err, len);
	/* A message quotes what was typed: fit it for a terminal. */
	fsc_printable(err);
	return rc;
}

/* Append to *text (*n bytes so far) what fmt says. */
static void add(char **text, size_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void add(char **text, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	*text = xrealloc(*text, *n + (size_t)k + 1, 1);
	va_start(ap, fmt);
	vsnprintf(*text + *n, (size_t)k + 1, fmt, ap);
	va_end(ap);
	*n += (size_t)k;
}

/* Where the help of an option starts, in its line. */
#define HELP_COLUMN 25

char *fsc_opts_usage(const char *command)
{
	char *text = xstrdup(""), label[128] = "";
	size_t n = 0, k;

	for (const struct fsc_option *opt = fsc_options; opt->name; opt++) {
		if (!fsc_option_in(opt, command))
			continue;
		k = strlen(label);
		if (!k && opt->letter)
			k = (size_t)snprintf(label, sizeof(label), "  -%c, ",
					     opt->letter);
		else if (!k)
			k = (size_t)snprintf(label, sizeof(label), "      ");
		snprintf(label + k, sizeof(label) - k, "--%s%s%s", opt->name,
			 opt->arg ? " " : "", opt->arg ? opt->arg : "");
		if (opt->how & FSC_OPT_WITH_NEXT) {
			k = strlen(label);
			snprintf(label + k, sizeof(label) - k, ", ");
			continue;
		}
		k = strlen(label);
		if (k < HELP_COLUMN)
			add(&text, &n, "%s%*s", label, (int)(HELP_COLUMN - k),
			    "");
		else
			add(&text, &n, "%s\n%*s", label, HELP_COLUMN, "");
		for (const char *p = opt->help; *p;) {
			size_t line = strcspn(p, "\n");

			add(&text, &n, "%.*s\n", (int)line, p);
			p += line;
			if (*p && *++p)
				add(&text, &n, "%*s", HELP_COLUMN, "");
		}
		label[0] = '\0';
	}
	return text;
}

int fsc_opts_check(const struct fsc_opts *o, char *err, size_t len)
{
	char a[32], b[32];

	if (o->block_size == 0)
		return fsc_opt_fail(err, len, "--block-size must be more than "
				    "0");
	/* --size 0 creates and closes files: no block, nothing to check
	 * or to count in bytes. */
	if (o->size == 0 && o->verify)
		return fsc_opt_fail(err, len, "--verify and --size 0: files of "
				    "no data have nothing to check; use one or "
				    "the other");
	snprintf(a, sizeof(a), "%llu", (unsigned long long)o->block_size);
	snprintf(b, sizeof(b), "%llu", (unsigned long long)o->size);
	if (o->block_size > FSC_MAX_WRITE)
		return fsc_opt_fail(err, len, "--block-size %s: over the %lu "
				    "bytes one write may carry", a,
				    FSC_MAX_WRITE);
	if (o->size && o->block_size > o->size)
		return fsc_opt_fail(err, len, "--block-size %s: larger than "
				    "--size %s", a, b);
	if (o->size % o->block_size)
		return fsc_opt_fail(err, len, "--block-size %s: does not "
				    "divide --size %s into whole blocks", a, b);
	if (o->verify && o->block_size < FSC_VERIFY_MIN_BLOCK)
		return fsc_opt_fail(err, len, "--block-size %s: --verify needs "
				    "at least %d bytes per write (a %d-byte "
				    "stamp at each end)", a,
				    FSC_VERIFY_MIN_BLOCK, FSC_STAMP_SIZE);
	if (o->verify && o->stonewall_ns)
		return fsc_opt_fail(err, len, "--verify and --stonewall: a "
				    "trial the stonewall stops leaves files "
				    "written in part, which cannot be checked "
				    "whole; use one or the other");
	if (o->size && o->files > UINT64_MAX / o->size)
		return fsc_opt_fail(err, len, "--files %llu x --size %s: more "
				    "than 2^64 bytes",
				    (unsigned long long)o->files, b);
	if (fsc_opts_check_outputs(o, err, len) < 0)
		return -1;
	for (size_t i = 0; i < o->njobs; i++)
		if (o->jobs[i] > o->files)
			return fsc_opt_fail(err, len, "--jobs %u%s%s%s: more "
					    "than --files %llu%s%s%s (each job "
					    "writes its own file)", o->jobs[i],
					    o->jobs_from ? " (from " : "",
					    o->jobs_from ? o->jobs_from : "",
					    o->jobs_from ? ")" : "",
					    (unsigned long long)o->files,
					    o->files_from ? " (from " : "",
					    o->files_from ? o->files_from : "",
					    o->files_from ? ")" : "");
	return 0;
}

void fsc_opts_free(struct fsc_opts *o)
{
	for (size_t i = 0; i < o->ndirs; i++) {
		free(o->dirs[i]);
		if (o->dirs_from)
			free(o->dirs_from[i]);
	}
	free(o->dirs);
	free(o->dirs_from);
	free(o->files_from);
	free(o->jobs_from);
	free(o->engines);
	free(o->jobs);
	free(o->cleanup_dir);
	free(o->json_path);
	free(o->csv_path);
	free(o->markdown_path);
	for (size_t i = 0; i < o->ninputs; i++)
		free(o->inputs[i]);
	free(o->engine_name);
	free(o->output);
	memset(o, 0, sizeof(*o));
}
