/* options.c - command line parsing and validation, free of side effects:
 * errors come back as a message, never printed here. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options.h"
#include "cli/profile.h"
#include "engines/engine.h"
#include "host/topo.h"
#include "result/stats.h"
#include "run/verify.h"
#include "util/msg.h"
#include "util/units.h"
#include "util/xalloc.h"

enum {
	OPT_MODE = 256, OPT_FSYNC, OPT_ROUNDS, OPT_WARMUP, OPT_DD, OPT_KEEP,
	OPT_IEC, OPT_LIST_ENGINES, OPT_BIND, OPT_JSON, OPT_CSV, OPT_DIRECT,
	OPT_VERIFY, OPT_PROFILE, OPT_STONEWALL, OPT_WIDE, OPT_BUDGET,
	OPT_CACHE, OPT_URING_FIXED_BUFFERS, OPT_URING_FIXED_FILES,
	OPT_URING_SQPOLL,
};

static const struct option long_opts[] = {
	{ "dir", required_argument, NULL, 'd' },
	{ "files", required_argument, NULL, 'n' },
	{ "size", required_argument, NULL, 's' },
	{ "block-size", required_argument, NULL, 'b' },
	{ "engine", required_argument, NULL, 'e' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "iodepth", required_argument, NULL, 'q' },
	{ "mode", required_argument, NULL, OPT_MODE },
	{ "fsync", required_argument, NULL, OPT_FSYNC },
	{ "direct", no_argument, NULL, OPT_DIRECT },
	{ "cache", required_argument, NULL, OPT_CACHE },
	{ "uring-fixed-buffers", no_argument, NULL, OPT_URING_FIXED_BUFFERS },
	{ "uring-fixed-files", no_argument, NULL, OPT_URING_FIXED_FILES },
	{ "uring-sqpoll", no_argument, NULL, OPT_URING_SQPOLL },
	{ "verify", no_argument, NULL, OPT_VERIFY },
	{ "stonewall", required_argument, NULL, OPT_STONEWALL },
	{ "rounds", required_argument, NULL, OPT_ROUNDS },
	{ "budget", required_argument, NULL, OPT_BUDGET },
	{ "warmup", required_argument, NULL, OPT_WARMUP },
	{ "dd", no_argument, NULL, OPT_DD },
	{ "keep", no_argument, NULL, OPT_KEEP },
	{ "quiet", no_argument, NULL, 'Q' },
	{ "iec", no_argument, NULL, OPT_IEC },
	{ "wide", no_argument, NULL, OPT_WIDE },
	{ "bind", required_argument, NULL, OPT_BIND },
	{ "json", required_argument, NULL, OPT_JSON },
	{ "csv", required_argument, NULL, OPT_CSV },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "list-engines", no_argument, NULL, OPT_LIST_ENGINES },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static const char short_opts[] = "+:d:n:s:b:e:j:q:QhV";

static const char *const mode_names[] = { "create", "truncate", "overwrite" };
static const char *const fsync_names[] = { "none", "end", "each" };
static const char *const bind_names[] = { "none", "core", "numa" };
static const char *const cache_names[] = { "buffered", "direct",
					   "dontcache" };

const char *fsc_mode_name(enum fsc_mode m)
{
	return mode_names[m];
}

const char *fsc_fsync_name(enum fsc_fsync f)
{
	return fsync_names[f];
}

const char *fsc_cache_name(const struct fsc_opts *o)
{
	return cache_names[o->direct ? 1 : o->dontcache ? 2 : 0];
}

bool fsc_opts_stdout_taken(const struct fsc_opts *o)
{
	return (o->json_path && strcmp(o->json_path, "-") == 0) ||
	       (o->csv_path && strcmp(o->csv_path, "-") == 0);
}

static int fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	/* The message quotes what was typed: a newline or a terminal escape
	 * in a value must not split the one line or reach the terminal. */
	for (char *p = err; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return -1;
}

/* A decimal count in [lo, hi]: digits only. */
static int parse_count(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
	uint64_t v = 0;

	if (!*s)
		return -EINVAL;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return -ERANGE;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (v < lo || v > hi)
		return -ERANGE;
	*out = v;
	return 0;
}

static int opt_count(const char *name, const char *arg, uint64_t lo,
		     uint64_t hi, uint64_t *out, char *err, size_t len)
{
	if (parse_count(arg, lo, hi, out) == 0)
		return 0;
	return fail(err, len, "%s '%s': expected a whole number from %llu "
		    "to %llu", name, arg, (unsigned long long)lo,
		    (unsigned long long)hi);
}

/* Seconds, digits with an optional fraction of up to 9 digits ("0.25"),
 * more than 0 and at most max, in nanoseconds. */
static int opt_seconds(const char *name, const char *arg, uint64_t max,
		       uint64_t *out, char *err, size_t len)
{
	const char *p = arg;
	uint64_t s = 0, ns = 0, scale = 100000000;

	if (*p < '0' || *p > '9')
		goto bad;
	for (; *p >= '0' && *p <= '9'; p++) {
		s = s * 10 + (uint64_t)(*p - '0');
		if (s > max)
			goto bad;
	}
	if (*p == '.') {
		if (*++p < '0' || *p > '9')
			goto bad;
		for (; *p >= '0' && *p <= '9' && scale; p++, scale /= 10)
			ns += (uint64_t)(*p - '0') * scale;
	}
	if (*p || (s == 0 && ns == 0) || (s == max && ns))
		goto bad;
	*out = s * 1000000000u + ns;
	return 0;
bad:
	return fail(err, len, "%s '%s': expected seconds, more than 0 and at "
		    "most %llu (a fraction such as 0.5 is fine)", name, arg,
		    (unsigned long long)max);
}

static int opt_size(const char *name, const char *arg, uint64_t *out,
		    char *err, size_t len)
{
	int rc = fsc_parse_size(arg, out);

	if (rc == -ERANGE)
		return fail(err, len, "%s '%s': too large", name, arg);
	if (rc < 0)
		return fail(err, len, "%s '%s': not a size (digits, then K, M, "
			    "G, T or KiB... for 1024s, KB, MB, GB, TB for "
			    "1000s)", name, arg);
	if (*out == 0)
		return fail(err, len, "%s '%s': must be more than 0", name, arg);
	return 0;
}

/* --size: as opt_size(), and 0, a workload of its own: every file created
 * and closed, no data (fsconc(1), --size). */
static int opt_file_size(const char *arg, uint64_t *out, char *err,
			 size_t len)
{
	if (fsc_parse_size(arg, out) == 0 && *out == 0)
		return 0;
	return opt_size("--size", arg, out, err, len);
}

static int opt_choice(const char *name, const char *arg,
		      const char *const *names, unsigned n, unsigned *out,
		      char *err, size_t len)
{
	for (unsigned i = 0; i < n; i++)
		if (strcmp(arg, names[i]) == 0) {
			*out = i;
			return 0;
		}
	if (n == 3)
		return fail(err, len, "%s '%s': expected %s, %s or %s", name,
			    arg, names[0], names[1], names[2]);
	return fail(err, len, "%s '%s': not a valid choice", name, arg);
}

static int parse_engines(struct fsc_opts *o, const char *arg, char *err,
			 size_t len)
{
	char *copy, *tok, *save = NULL;
	int rc = 0;

	if (strcmp(arg, "all") == 0) {
		o->engines_all = true;
		o->nengines = 0;
		return 0;
	}
	o->engines_all = false;
	o->nengines = 0;
	copy = xstrdup(arg);
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		const struct fsc_engine *e = fsc_engine_find(tok);

		if (!e) {
			rc = fail(err, len, "--engine '%s': unknown engine "
				  "(see --list-engines)", tok);
			break;
		}
		if (e->missing) {
			rc = fail(err, len, "--engine '%s': not built: %s",
				  tok, e->missing);
			break;
		}
		for (size_t i = 0; i < o->nengines; i++)
			if (o->engines[i] == e->name) {
				rc = fail(err, len, "--engine '%s': named twice",
					  tok);
				goto out;
			}
		o->engines = xrealloc(o->engines, o->nengines + 1,
				      sizeof(*o->engines));
		o->engines[o->nengines++] = e->name;
	}
	if (!rc && o->nengines == 0)
		rc = fail(err, len, "--engine '%s': no engine named", arg);
out:
	free(copy);
	return rc;
}

static int cmp_unsigned(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return (x > y) - (x < y);
}

static int parse_jobs(struct fsc_opts *o, const char *arg, char *err,
		      size_t len)
{
	const char *p = arg;

	o->njobs = 0;
	for (;;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char item[32];
		uint64_t v;

		if (n == 0 || n >= sizeof(item))
			return fail(err, len, "--jobs '%s': expected numbers "
				    "from 1 to %d separated by commas", arg,
				    FSC_MAX_JOBS);
		memcpy(item, p, n);
		item[n] = '\0';
		if (parse_count(item, 1, FSC_MAX_JOBS, &v) < 0)
			return fail(err, len, "--jobs '%s': '%s' is not a "
				    "number from 1 to %d", arg, item,
				    FSC_MAX_JOBS);
		o->jobs = xrealloc(o->jobs, o->njobs + 1, sizeof(*o->jobs));
		o->jobs[o->njobs++] = (unsigned)v;
		if (!end)
			break;
		p = end + 1;
	}
	qsort(o->jobs, o->njobs, sizeof(*o->jobs), cmp_unsigned);
	for (size_t i = 1; i < o->njobs; i++)
		if (o->jobs[i] == o->jobs[i - 1])
			return fail(err, len, "--jobs '%s': %u appears twice",
				    arg, o->jobs[i]);
	return 0;
}

static void set_defaults(struct fsc_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->command = FSC_CMD_RUN;
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
	o->target_iec = -1;
}

/* --budget: seconds ("30s", "0.5s") or a size ("10G"). */
static int opt_budget(struct fsc_opts *o, const char *arg, char *err,
		      size_t len)
{
	size_t n = strlen(arg);
	uint64_t v;
	int rc;

	if (n > 1 && arg[n - 1] == 's') {
		char *secs = xstrdup(arg);

		secs[n - 1] = '\0';
		rc = opt_seconds("--budget", secs, FSC_MAX_STONEWALL_S, &v,
				 err, len);
		free(secs);
		if (rc == 0)
			o->budget_ns = v;
	} else {
		rc = fsc_parse_size(arg, &v);
		if (rc == 0 && v)
			o->budget_bytes = v;
	}
	if (rc == 0 && v)
		return 0;
	return fail(err, len, "--budget '%s': expected seconds (30s, 0.5s) or "
		    "bytes written (10G, 500MB), more than 0", arg);
}

/* The flags (options without a value), which a profile sets with true
 * or false. */
static bool *flag_of(struct fsc_opts *o, int c)
{
	switch (c) {
	case OPT_DD:
		return &o->dd;
	case OPT_KEEP:
		return &o->keep;
	case 'Q':
		return &o->quiet;
	case OPT_IEC:
		return &o->iec;
	case OPT_WIDE:
		return &o->wide;
	case OPT_DIRECT:
		return &o->direct;
	case OPT_VERIFY:
		return &o->verify;
	case OPT_URING_FIXED_BUFFERS:
		return &o->uring_fixed_buffers;
	case OPT_URING_FIXED_FILES:
		return &o->uring_fixed_files;
	case OPT_URING_SQPOLL:
		return &o->uring_sqpoll;
	default:
		return NULL;
	}
}

/* Apply option c with its value arg (NULL for a flag) to *o, the same
 * for the command line and a profile line.  0, or -1 with err naming the
 * option and the value. */
static int apply(struct fsc_opts *o, int c, const char *arg, char *err,
		 size_t len)
{
	uint64_t v;
	unsigned choice;
	bool *flag = flag_of(o, c);

	if (flag) {
		*flag = true;
		if (c == OPT_DIRECT)
			o->dontcache = false;	/* --direct is --cache direct */
		return 0;
	}
	switch (c) {
	case OPT_CACHE:
		if (opt_choice("--cache", arg, cache_names, 3, &choice, err,
			       len))
			return -1;
		o->direct = choice == 1;
		o->dontcache = choice == 2;
		break;
	case 'd':
		if (!*arg)
			return fail(err, len, "--dir '': empty path");
		if (strlen(arg) >= PATH_MAX)
			return fail(err, len, "--dir '%.40s...': path longer "
				    "than PATH_MAX (%d)", arg, PATH_MAX);
		o->dirs = xrealloc(o->dirs, o->ndirs + 1, sizeof(*o->dirs));
		o->dirs_from = xrealloc(o->dirs_from, o->ndirs + 1,
					sizeof(*o->dirs_from));
		o->dirs_from[o->ndirs] = o->from ? xstrdup(o->from) : NULL;
		o->dirs[o->ndirs++] = xstrdup(arg);
		break;
	case 'n':
		if (opt_count("--files", arg, 1, FSC_MAX_FILES, &v, err, len))
			return -1;
		o->files = v;
		free(o->files_from);
		o->files_from = o->from ? xstrdup(o->from) : NULL;
		break;
	case 's':
		return opt_file_size(arg, &o->size, err, len);
	case 'b':
		return opt_size("--block-size", arg, &o->block_size, err, len);
	case 'e':
		return parse_engines(o, arg, err, len);
	case 'j':
		free(o->jobs_from);
		o->jobs_from = o->from ? xstrdup(o->from) : NULL;
		return parse_jobs(o, arg, err, len);
	case 'q':
		if (opt_count("--iodepth", arg, 1, FSC_MAX_IODEPTH, &v, err,
			      len))
			return -1;
		o->iodepth = (unsigned)v;
		break;
	case OPT_MODE:
		if (opt_choice("--mode", arg, mode_names, 3, &choice, err, len))
			return -1;
		o->mode = (enum fsc_mode)choice;
		break;
	case OPT_FSYNC:
		if (opt_choice("--fsync", arg, fsync_names, 3, &choice, err,
			       len))
			return -1;
		o->fsync = (enum fsc_fsync)choice;
		break;
	case OPT_ROUNDS:
		if (strcmp(arg, "auto") == 0) {
			o->rounds_auto = true;
			o->rounds = FSC_VERDICT_MIN_ROUNDS;
			break;
		}
		if (opt_count("--rounds", arg, 1, FSC_ROUNDS_MAX, &v, err, len))
			return fail(err, len, "--rounds '%s': expected auto or "
				    "a whole number from 1 to %d", arg,
				    FSC_ROUNDS_MAX);
		o->rounds = (unsigned)v;
		o->rounds_auto = false;
		break;
	case OPT_BUDGET:
		if (opt_budget(o, arg, err, len))
			return -1;
		break;
	case OPT_WARMUP:
		if (opt_count("--warmup", arg, 0, 100, &v, err, len))
			return -1;
		o->warmup = (unsigned)v;
		break;
	case OPT_STONEWALL:
		if (opt_seconds("--stonewall", arg, FSC_MAX_STONEWALL_S,
				&o->stonewall_ns, err, len))
			return -1;
		break;
	case OPT_BIND:
		if (opt_choice("--bind", arg, bind_names, 3, &choice, err, len))
			return -1;
		if (choice != FSC_BIND_NONE && !fsc_topo_built())
			return fail(err, len, "--bind %s: this fsconc was built "
				    "without hwloc, which pinning needs; "
				    "install libhwloc-dev and rebuild, or use "
				    "--bind none", arg);
		o->bind = (enum fsc_bind)choice;
		break;
	case OPT_JSON:
	case OPT_CSV: {
		char **dst = c == OPT_JSON ? &o->json_path : &o->csv_path;
		if (!*arg)
			return fail(err, len, "%s '': empty path (use '-' for "
				    "standard output)", c == OPT_JSON ?
				    "--json" : "--csv");
		free(*dst);
		*dst = xstrdup(arg);
		break;
	}
	case OPT_PROFILE:
		return fsc_profile_load(o, arg, err, len);
	case OPT_LIST_ENGINES:
		o->command = FSC_CMD_LIST_ENGINES;
		break;
	case 'h':
		o->command = FSC_CMD_HELP;
		break;
	case 'V':
		o->command = FSC_CMD_VERSION;
		break;
	default:
		return fail(err, len, "option %d not handled", c);
	}
	return 0;
}

static bool parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcmp(s, yes[i]) == 0)
			*out = true;
		else if (strcmp(s, no[i]) == 0)
			*out = false;
		else
			continue;
		return true;
	}
	return false;
}

int fsc_opts_set(struct fsc_opts *o, const char *key, const char *value,
		 char *err, size_t len)
{
	const struct option *opt = NULL;
	bool on, *flag;

	for (size_t i = 0; long_opts[i].name && !opt; i++)
		if (strcmp(long_opts[i].name, key) == 0)
			opt = &long_opts[i];
	if (!opt)
		return fail(err, len, "unknown key '%s' (the keys are the long "
			    "options of fsconc(1), without the dashes)", key);
	switch (opt->val) {
	case 'h':
	case 'V':
	case OPT_LIST_ENGINES:
	case OPT_PROFILE:
		return fail(err, len, "'%s' cannot be set in a profile: only "
			    "the options of a run can", key);
	}
	if (opt->has_arg == required_argument)
		return apply(o, opt->val, value, err, len);
	if (!parse_bool(value, &on))
		return fail(err, len, "%s = '%s': expected true or false", key,
			    value);
	flag = flag_of(o, opt->val);
	if (flag) {
		*flag = on;
		return 0;
	}
	if (!on)
		return fail(err, len, "%s = false: --%s cannot be turned off "
			    "here", key, key);
	return apply(o, opt->val, NULL, err, len);
}

int fsc_opts_set_from(struct fsc_opts *o, const char *key, const char *value,
		      const char *file, int line, char *err, size_t len)
{
	char where[PATH_MAX + 32];
	int rc;

	snprintf(where, sizeof(where), "%s:%d", file, line);
	o->from = where;
	rc = fsc_opts_set(o, key, value, err, len);
	o->from = NULL;
	return rc;
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

static int parse_run(struct fsc_opts *o, int argc, char **argv, char *err,
		     size_t len)
{
	int c;

	opterr = 0;
	optind = 0;	/* glibc: full reinitialisation, for repeated calls */
	while ((c = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
		switch (c) {
		case ':':
			return fail(err, len, "%s: needs a value",
				    argv[optind - 1]);
		case '?':
			if (strncmp(argv[optind - 1], "--", 2) == 0)
				return fail(err, len, "unknown option or value "
					    "'%s' (see --help)",
					    argv[optind - 1]);
			if (optopt && optopt < 256)
				return fail(err, len, "unknown option '-%c' "
					    "(see --help)", optopt);
			return fail(err, len, "unknown option '%s' (see --help)",
				    argv[optind - 1]);
		default:
			if (apply(o, c, optarg, err, len) < 0)
				return -1;
			if (o->command == FSC_CMD_HELP ||
			    o->command == FSC_CMD_VERSION)
				return 0;
		}
	}
	if (optind < argc)
		return fail(err, len, "unexpected argument '%s' (targets are "
			    "given with --dir)", argv[optind]);
	return 0;
}

/* The subcommands that read saved profiles, and their options. */
enum { SUB_TARGET = 1, SUB_ENGINE, SUB_DIR, SUB_JSON, SUB_OUTPUT, SUB_IEC,
	SUB_HELP, SUB_CSV, SUB_WIDE, SUB_NOPTS };

static const struct {
	const char *name;
	char letter;
	bool arg;
} sub_opts[SUB_NOPTS] = {
	[SUB_TARGET] = { "target", 't', true },
	[SUB_ENGINE] = { "engine", 'e', true },
	[SUB_DIR] = { "dir", 'd', true },
	[SUB_JSON] = { "json", 0, true },
	[SUB_OUTPUT] = { "output", 'o', true },
	[SUB_IEC] = { "iec", 0, false },
	[SUB_HELP] = { "help", 'h', false },
	[SUB_CSV] = { "csv", 0, true },
	[SUB_WIDE] = { "wide", 0, false },
};

static const struct subcommand {
	const char *name;
	enum fsc_command command;
	size_t ninputs;
	const char *synopsis;
	int opts[6];		/* allowed, 0-terminated */
	int required;		/* an option that must be given, or 0 */
} subcommands[] = {
	{ "plan", FSC_CMD_PLAN, 1, "fsconc plan PROFILE.json --target RATE "
	  "[--engine ENGINE] [--dir DIR]...",
	  { SUB_TARGET, SUB_ENGINE, SUB_DIR, SUB_IEC, SUB_HELP }, SUB_TARGET },
	{ "compare", FSC_CMD_COMPARE, 2, "fsconc compare A.json B.json "
	  "[--json FILE|-]", { SUB_JSON, SUB_IEC, SUB_HELP }, 0 },
	{ "plot", FSC_CMD_PLOT, 1, "fsconc plot PROFILE.json -o FILE.svg",
	  { SUB_OUTPUT, SUB_IEC, SUB_HELP }, SUB_OUTPUT },
	{ "report", FSC_CMD_REPORT, 1, "fsconc report PROFILE.json "
	  "[--json FILE|-] [--csv FILE|-] [--wide] [--iec]",
	  { SUB_JSON, SUB_CSV, SUB_WIDE, SUB_IEC, SUB_HELP }, 0 },
};

/* The unit of a rate fsc_parse_rate took: 1 for powers of 1024 (K, M,
 * MiB...), 0 for powers of 1000 (KB, MB...), -1 for none (bytes/s), so
 * that plan echoes the rate in the unit it was given. */
static int rate_unit_iec(const char *s)
{
	size_t n = strlen(s);
	bool bytes;

	if (n >= 2 && strcmp(s + n - 2, "/s") == 0)
		n -= 2;
	bytes = n && s[n - 1] == 'B';
	if (bytes)
		n--;
	if (!n || (s[n - 1] >= '0' && s[n - 1] <= '9'))
		return -1;		/* "100", "100B" */
	if (s[n - 1] == 'i')
		return 1;		/* "100MiB" */
	return bytes ? 0 : 1;		/* "100MB", "100M" */
}

static int sub_apply(struct fsc_opts *o, const struct subcommand *sc, int id,
		     const char *arg, char *err, size_t len)
{
	uint64_t v;
	int rc;

	if (arg && !*arg && id != SUB_TARGET)
		return fail(err, len, "%s --%s '': empty", sc->name,
			    sub_opts[id].name);
	switch (id) {
	case SUB_TARGET:
		rc = fsc_parse_rate(arg, &v);
		if (rc == -ERANGE)
			return fail(err, len, "--target '%s': too large", arg);
		if (rc < 0)
			return fail(err, len, "--target '%s': not a rate (bytes "
				    "per second as a size, with an optional "
				    "'/s': 2GB/s, 500MiB/s, 2G)", arg);
		if (v == 0)
			return fail(err, len, "--target '%s': must be more "
				    "than 0", arg);
		o->target_rate = v;
		o->target_iec = rate_unit_iec(arg);
		break;
	case SUB_ENGINE:
		free(o->engine_name);
		o->engine_name = xstrdup(arg);
		break;
	case SUB_DIR:
		o->dirs = xrealloc(o->dirs, o->ndirs + 1, sizeof(*o->dirs));
		o->dirs_from = xrealloc(o->dirs_from, o->ndirs + 1,
					sizeof(*o->dirs_from));
		o->dirs_from[o->ndirs] = NULL;
		o->dirs[o->ndirs++] = xstrdup(arg);
		break;
	case SUB_JSON:
		free(o->json_path);
		o->json_path = xstrdup(arg);
		break;
	case SUB_OUTPUT:
		free(o->output);
		o->output = xstrdup(arg);
		break;
	case SUB_IEC:
		o->iec = true;
		break;
	case SUB_CSV:
		free(o->csv_path);
		o->csv_path = xstrdup(arg);
		break;
	case SUB_WIDE:
		o->wide = true;
		break;
	default:
		o->command = FSC_CMD_HELP;
		break;
	}
	return 0;
}

/* "fsconc plan|compare|plot ...": options may come before, between or
 * after the profiles, as "--name value", "--name=value" or "-x value";
 * "--" ends them. */
static int parse_sub(struct fsc_opts *o, const struct subcommand *sc,
		     int argc, char **argv, char *err, size_t len)
{
	bool dashes = false, seen[SUB_NOPTS] = { false };

	o->command = sc->command;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *val = NULL, *eq = NULL;
		size_t nlen = 0;
		int id = 0;

		if (dashes || a[0] != '-' || !a[1]) {
			if (o->ninputs == sc->ninputs)
				return fail(err, len, "%s: unexpected argument "
					    "'%s'; usage: %s", sc->name, a,
					    sc->synopsis);
			o->inputs[o->ninputs++] = xstrdup(a);
			continue;
		}
		if (strcmp(a, "--") == 0) {
			dashes = true;
			continue;
		}
		if (a[1] == '-') {
			eq = strchr(a + 2, '=');
			nlen = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		}
		for (int k = 0; !id && sc->opts[k]; k++) {
			int c = sc->opts[k];
			if (a[1] == '-' ? strlen(sub_opts[c].name) == nlen &&
			    strncmp(a + 2, sub_opts[c].name, nlen) == 0 :
			    sub_opts[c].letter == a[1] && !a[2])
				id = c;
		}
		if (!id)
			return fail(err, len, "%s: unknown option '%s'; usage: "
				    "%s", sc->name, a, sc->synopsis);
		if (sub_opts[id].arg) {
			if (eq)
				val = eq + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else
				return fail(err, len, "%s: %s needs a value",
					    sc->name, a);
		} else if (eq) {
			return fail(err, len, "%s: --%s takes no value",
				    sc->name, sub_opts[id].name);
		}
		if (sub_apply(o, sc, id, val, err, len) < 0)
			return -1;
		if (o->command == FSC_CMD_HELP)
			return 0;
		seen[id] = true;
	}
	if (o->ninputs < sc->ninputs)
		return fail(err, len, "%s: expected %s; usage: %s", sc->name,
			    sc->ninputs == 1 ? "a result profile (--json "
			    "FILE of a run)" : "two result profiles",
			    sc->synopsis);
	if (sc->required && !seen[sc->required])
		return fail(err, len, "%s: --%s is required; usage: %s",
			    sc->name, sub_opts[sc->required].name,
			    sc->synopsis);
	return 0;
}

static int parse_all(struct fsc_opts *o, int argc, char **argv, char *err,
		     size_t len)
{
	set_defaults(o);
	err[0] = '\0';
	if (argc >= 2 && strcmp(argv[1], "cleanup") == 0) {
		o->command = FSC_CMD_CLEANUP;
		if (argc != 3 || !*argv[2])
			return fail(err, len, "cleanup: expected one "
				    "directory: fsconc cleanup DIR");
		o->cleanup_dir = xstrdup(argv[2]);
		return 0;
	}
	for (size_t i = 0; argc >= 2 && i < sizeof(subcommands) /
		     sizeof(subcommands[0]); i++)
		if (strcmp(argv[1], subcommands[i].name) == 0)
			return parse_sub(o, &subcommands[i], argc, argv, err,
					 len);
	if (parse_run(o, argc, argv, err, len))
		return -1;
	if (o->command == FSC_CMD_RUN)
		return fsc_opts_check(o, err, len);
	return 0;
}

int fsc_opts_parse(struct fsc_opts *o, int argc, char **argv, char *err,
		   size_t len)
{
	int rc = parse_all(o, argc, argv, err, len);

	/* A message quotes what was typed: fit it for a terminal. */
	fsc_printable(err);
	return rc;
}

int fsc_opts_check(const struct fsc_opts *o, char *err, size_t len)
{
	char a[32], b[32];

	if (o->block_size == 0)
		return fail(err, len, "--block-size must be more than 0");
	/* --size 0 creates and closes files: no block, nothing to check
	 * or to count in bytes. */
	if (o->size == 0 && o->verify)
		return fail(err, len, "--verify and --size 0: files of no "
			    "data have nothing to check; use one or the other");
	snprintf(a, sizeof(a), "%llu", (unsigned long long)o->block_size);
	snprintf(b, sizeof(b), "%llu", (unsigned long long)o->size);
	if (o->block_size > FSC_MAX_WRITE)
		return fail(err, len, "--block-size %s: over the %lu bytes one "
			    "write may carry", a, FSC_MAX_WRITE);
	if (o->size && o->block_size > o->size)
		return fail(err, len, "--block-size %s: larger than --size %s",
			    a, b);
	if (o->size % o->block_size)
		return fail(err, len, "--block-size %s: does not divide --size "
			    "%s into whole blocks", a, b);
	if (o->verify && o->block_size < FSC_VERIFY_MIN_BLOCK)
		return fail(err, len, "--block-size %s: --verify needs at least "
			    "%d bytes per write (a %d-byte stamp at each end)",
			    a, FSC_VERIFY_MIN_BLOCK, FSC_STAMP_SIZE);
	if (o->verify && o->stonewall_ns)
		return fail(err, len, "--verify and --stonewall: a trial the "
			    "stonewall stops leaves files written in part, "
			    "which cannot be checked whole; use one or the "
			    "other");
	if (o->size && o->files > UINT64_MAX / o->size)
		return fail(err, len, "--files %llu x --size %s: more than 2^64 "
			    "bytes", (unsigned long long)o->files, b);
	if (o->json_path && o->csv_path &&
	    strcmp(o->json_path, o->csv_path) == 0)
		return fail(err, len, "--json and --csv both name '%s'; %s",
			    o->json_path, strcmp(o->json_path, "-") == 0 ?
			    "only one can go to standard output" :
			    "give each its own file");
	for (size_t i = 0; i < o->njobs; i++)
		if (o->jobs[i] > o->files)
			return fail(err, len, "--jobs %u%s%s%s: more than --files "
				    "%llu%s%s%s (each job writes its own file)",
				    o->jobs[i], o->jobs_from ? " (from " : "",
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
	for (size_t i = 0; i < o->ninputs; i++)
		free(o->inputs[i]);
	free(o->engine_name);
	free(o->output);
	memset(o, 0, sizeof(*o));
}
