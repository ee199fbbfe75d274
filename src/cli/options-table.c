/* options-table.c - fsconc's options, each described once: its names,
 * the commands that take it, its help and what it sets (fsconc(1),
 * OPTIONS). */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options-table.h"
#include "cli/options-values.h"
#include "cli/profile.h"
#include "host/topo.h"
#include "result/stats.h"
#include "util/xalloc.h"

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

/* What the options of the run set; o->from is the profile line being
 * applied, NULL on the command line. */

static void add_dir(struct fsc_opts *o, const char *arg)
{
	o->dirs = xrealloc(o->dirs, o->ndirs + 1, sizeof(*o->dirs));
	o->dirs_from = xrealloc(o->dirs_from, o->ndirs + 1,
				sizeof(*o->dirs_from));
	o->dirs_from[o->ndirs] = o->from ? xstrdup(o->from) : NULL;
	o->dirs[o->ndirs++] = xstrdup(arg);
}

static int set_dir(struct fsc_opts *o, const char *arg, char *err,
		   size_t len)
{
	if (!*arg)
		return fsc_opt_fail(err, len, "--dir '': empty path");
	if (strlen(arg) >= PATH_MAX)
		return fsc_opt_fail(err, len, "--dir '%.40s...': path longer "
				    "than PATH_MAX (%d)", arg, PATH_MAX);
	add_dir(o, arg);
	return 0;
}

static int set_files(struct fsc_opts *o, const char *arg, char *err,
		     size_t len)
{
	uint64_t v;

	if (fsc_opt_count("--files", arg, 1, FSC_MAX_FILES, &v, err, len))
		return -1;
	o->files = v;
	free(o->files_from);
	o->files_from = o->from ? xstrdup(o->from) : NULL;
	return 0;
}

static int set_dirs_per_target(struct fsc_opts *o, const char *arg,
			       char *err, size_t len)
{
	uint64_t v;

	if (fsc_opt_count("--dirs-per-target", arg, 0, FSC_MAX_FILES, &v, err,
			  len))
		return -1;
	o->dirs_per_target = (unsigned)v;
	return 0;
}

static int set_size(struct fsc_opts *o, const char *arg, char *err,
		    size_t len)
{
	return fsc_opt_file_size(arg, &o->size, err, len);
}

static int set_block_size(struct fsc_opts *o, const char *arg, char *err,
			  size_t len)
{
	return fsc_opt_size("--block-size", arg, &o->block_size, err, len);
}

static int set_jobs(struct fsc_opts *o, const char *arg, char *err,
		    size_t len)
{
	free(o->jobs_from);
	o->jobs_from = o->from ? xstrdup(o->from) : NULL;
	return fsc_opt_jobs(o, arg, err, len);
}

static int set_iodepth(struct fsc_opts *o, const char *arg, char *err,
		       size_t len)
{
	uint64_t v;

	if (fsc_opt_count("--iodepth", arg, 1, FSC_MAX_IODEPTH, &v, err, len))
		return -1;
	o->iodepth = (unsigned)v;
	return 0;
}

static int set_mode(struct fsc_opts *o, const char *arg, char *err,
		    size_t len)
{
	unsigned choice;

	if (fsc_opt_choice("--mode", arg, mode_names, 3, &choice, err, len))
		return -1;
	o->mode = (enum fsc_mode)choice;
	return 0;
}

static int set_fsync(struct fsc_opts *o, const char *arg, char *err,
		     size_t len)
{
	unsigned choice;

	if (fsc_opt_choice("--fsync", arg, fsync_names, 3, &choice, err, len))
		return -1;
	o->fsync = (enum fsc_fsync)choice;
	return 0;
}

static int set_cache(struct fsc_opts *o, const char *arg, char *err,
		     size_t len)
{
	unsigned choice;

	if (fsc_opt_choice("--cache", arg, cache_names, 3, &choice, err, len))
		return -1;
	o->direct = choice == 1;
	o->dontcache = choice == 2;
	return 0;
}

/* --direct, on the command line or as a profile's direct = true, is
 * --cache direct. */
static int set_direct(struct fsc_opts *o, const char *arg, char *err,
		      size_t len)
{
	(void)arg, (void)err, (void)len;
	o->dontcache = false;
	return 0;
}

static int set_rounds(struct fsc_opts *o, const char *arg, char *err,
		      size_t len)
{
	uint64_t v;

	if (strcmp(arg, "auto") == 0) {
		o->rounds_auto = true;
		o->rounds = FSC_VERDICT_MIN_ROUNDS;
		return 0;
	}
	if (fsc_opt_count("--rounds", arg, 1, FSC_ROUNDS_MAX, &v, err, len))
		return fsc_opt_fail(err, len, "--rounds '%s': expected auto or "
				    "a whole number from 1 to %d", arg,
				    FSC_ROUNDS_MAX);
	o->rounds = (unsigned)v;
	o->rounds_auto = false;
	return 0;
}

static int set_warmup(struct fsc_opts *o, const char *arg, char *err,
		      size_t len)
{
	uint64_t v;

	if (fsc_opt_count("--warmup", arg, 0, 100, &v, err, len))
		return -1;
	o->warmup = (unsigned)v;
	return 0;
}

static int set_stonewall(struct fsc_opts *o, const char *arg, char *err,
			 size_t len)
{
	return fsc_opt_seconds("--stonewall", arg, FSC_MAX_STONEWALL_S,
			       &o->stonewall_ns, err, len);
}

static int set_interval(struct fsc_opts *o, const char *arg, char *err,
			size_t len)
{
	uint64_t ms;

	if (fsc_opt_count("--interval", arg, 0, FSC_INTERVAL_MAX_MS, &ms, err,
			  len))
		return -1;
	o->interval_ns = ms * 1000000ULL;
	return 0;
}

static int set_file_detail(struct fsc_opts *o, const char *arg, char *err,
			   size_t len)
{
	return fsc_opt_count("--file-detail", arg, 0, FSC_MAX_FILES,
			     &o->file_detail, err, len);
}

static int set_bind(struct fsc_opts *o, const char *arg, char *err,
		    size_t len)
{
	unsigned choice;

	if (fsc_opt_choice("--bind", arg, bind_names, 3, &choice, err, len))
		return -1;
	if (choice != FSC_BIND_NONE && !fsc_topo_built())
		return fsc_opt_fail(err, len, "--bind %s: this fsconc was "
				    "built without hwloc, which pinning needs; "
				    "install libhwloc-dev and rebuild, or use "
				    "--bind none", arg);
	o->bind = (enum fsc_bind)choice;
	return 0;
}

static int set_path(const char *name, char **dst, const char *arg,
		    char *err, size_t len)
{
	if (!*arg)
		return fsc_opt_fail(err, len, "%s '': empty path (use '-' for "
				    "standard output)", name);
	free(*dst);
	*dst = xstrdup(arg);
	return 0;
}

static int set_json(struct fsc_opts *o, const char *arg, char *err,
		    size_t len)
{
	return set_path("--json", &o->json_path, arg, err, len);
}

static int set_csv(struct fsc_opts *o, const char *arg, char *err,
		   size_t len)
{
	return set_path("--csv", &o->csv_path, arg, err, len);
}

static int set_markdown(struct fsc_opts *o, const char *arg, char *err,
			size_t len)
{
	return set_path("--markdown", &o->markdown_path, arg, err, len);
}

static const char *const format_names[] = { "text", "markdown", "csv",
					    "json" };

static int set_format(struct fsc_opts *o, const char *arg, char *err,
		      size_t len)
{
	unsigned choice;

	if (fsc_opt_choice("--format", arg, format_names, 4, &choice, err,
			   len))
		return -1;
	o->format = (enum fsc_format)choice;
	return 0;
}

/* Each line of the profile is an option, at this place of the command
 * line (fsconc-profile(5)). */
static int set_profile(struct fsc_opts *o, const char *arg, char *err,
		       size_t len)
{
	return fsc_profile_load(arg, fsc_opts_set_from, o, err, len);
}

/* What the options of plan, compare and plot set; '' is refused before
 * (but for FSC_OPT_EMPTY). */

static int set_target(struct fsc_opts *o, const char *arg, char *err,
		      size_t len)
{
	return fsc_opt_target(o, arg, err, len);
}

static void set_string(char **dst, const char *arg)
{
	free(*dst);
	*dst = xstrdup(arg);
}

static int set_engine_name(struct fsc_opts *o, const char *arg, char *err,
			   size_t len)
{
	(void)err, (void)len;
	set_string(&o->engine_name, arg);
	return 0;
}

static int set_plan_dir(struct fsc_opts *o, const char *arg, char *err,
			size_t len)
{
	(void)err, (void)len;
	add_dir(o, arg);
	return 0;
}

static int set_output_json(struct fsc_opts *o, const char *arg, char *err,
			   size_t len)
{
	(void)err, (void)len;
	set_string(&o->json_path, arg);
	return 0;
}

static int set_output(struct fsc_opts *o, const char *arg, char *err,
		      size_t len)
{
	(void)err, (void)len;
	set_string(&o->output, arg);
	return 0;
}

#define FLAG(field) .flag = offsetof(struct fsc_opts, field)

/* name, letter, argument, commands, then what it does and its help.
 * tests/cli/basic.sh and completion.sh read the first line of each. */
const struct fsc_option fsc_options[] = {
	{ "dir", 'd', "DIR", "run", .set = set_dir,
	  .help = "target directory, repeatable; two or more also run\n"
		  "a split set with files dealt over all of them\n"
		  "(default: $TMPDIR or /tmp, and /dev/shm)" },
	{ "files", 'n', "N", "run", .set = set_files,
	  .help = "files per trial (default 5)" },
	{ "dirs-per-target", 0, "N", "run", .set = set_dirs_per_target,
	  .help = "deal each target's files over N subdirectories\n"
		  "(default 0: all in its run directory)" },
	{ "size", 's', "SIZE", "run", .set = set_size,
	  .help = "bytes per file (default 32M)" },
	{ "block-size", 'b', "SIZE", "run", .set = set_block_size,
	  .help = "bytes per write (default 1M)" },
	{ "engine", 'e', "LIST", "run", .set = fsc_opt_engines,
	  .help = "comma list of engines, or all (default\n"
		  "pwrite,threads)" },
	{ "jobs", 'j', "LIST", "run", .set = set_jobs,
	  .help = "files in flight; a list is a sweep (default: N)" },
	{ "iodepth", 'q', "N", "run", .set = set_iodepth,
	  .help = "writes in flight per file, async engines (4)" },
	{ "uring-fixed-buffers", 0, NULL, "run", FLAG(uring_fixed_buffers),
	  .how = FSC_OPT_WITH_NEXT },
	{ "uring-fixed-files", 0, NULL, "run", FLAG(uring_fixed_files),
	  .help = "io_uring: registered buffers (write_fixed), files" },
	{ "uring-sqpoll", 0, NULL, "run", FLAG(uring_sqpoll),
	  .help = "io_uring: a kernel thread polls the submissions" },
	{ "mode", 0, "MODE", "run", .set = set_mode,
	  .help = "create (default), truncate or overwrite" },
	{ "fsync", 0, "WHEN", "run", .set = set_fsync,
	  .help = "none (default), end or each" },
	{ "cache", 0, "HOW", "run", .set = set_cache,
	  .help = "buffered (default), direct (O_DIRECT, as --direct)\n"
		  "or dontcache (RWF_DONTCACHE: uncached buffered)" },
	{ "direct", 0, NULL, "run", FLAG(direct), .set = set_direct,
	  .help = "O_DIRECT, with the alignment the file system wants" },
	{ "verify", 0, NULL, "run", FLAG(verify),
	  .help = "read every file back after each trial and check\n"
		  "that each block holds what was written" },
	{ "rounds", 0, "N|auto", "run", .set = set_rounds,
	  .help = "counted rounds; auto (default): 3, then more\n"
		  "until every verdict is decisive or the budget\n"
		  "is spent" },
	{ "budget", 0, "SECs|SIZE", "run", .set = fsc_opt_budget,
	  .help = "what --rounds auto may spend, in all: seconds\n"
		  "(30s) or bytes written (10G) (20s and 8G)" },
	{ "warmup", 0, "N", "run", .set = set_warmup,
	  .help = "uncounted rounds first (default 1)" },
	{ "stonewall", 0, "SEC", "run", .set = set_stonewall,
	  .help = "stop each trial's writes SEC seconds in, and\n"
		  "measure what was written by then" },
	{ "interval", 0, "MS", "run", .set = set_interval,
	  .help = "the timeline's interval: bytes done every MS\n"
		  "milliseconds of each round (100; 0: none)" },
	{ "file-detail", 0, "N", "run", .set = set_file_detail,
	  .help = "keep each file's figures of a round of N files\n"
		  "or fewer, summarise more (10000; 0: none)" },
	{ "dd", 0, NULL, "run", FLAG(dd),
	  .help = "print dd's line for every file written" },
	{ "keep", 0, NULL, "run", FLAG(keep),
	  .help = "keep the files of the last round" },
	{ "quiet", 'Q', NULL, "run", FLAG(quiet),
	  .help = "no table or progress: verdicts (a summary for a\n"
		  "set with none) and --dd's lines only" },
	{ "iec", 0, NULL, "run plan compare plot report", FLAG(iec),
	  .help = "MiB/s instead of MB/s" },
	{ "no-ceiling", 0, NULL, "run", FLAG(no_ceiling),
	  .help = "do not measure the machine's copy rates" },
	{ "wide", 0, NULL, "run report", FLAG(wide),
	  .help = "every column, with ratios, and the latency table" },
	{ "bind", 0, "HOW", "run", .set = set_bind,
	  .help = "pin writer threads: none (default), core, numa" },
	{ "json", 0, "FILE", "run report", .set = set_json,
	  .help = "write the result profile as JSON ('-': stdout)" },
	{ "csv", 0, "FILE", "run report", .set = set_csv,
	  .help = "write one CSV row per round ('-': stdout)" },
	{ "markdown", 0, "FILE", "run report", .set = set_markdown,
	  .help = "write the report as Markdown ('-': stdout)" },
	{ "profile", 0, "NAME", "run", .set = set_profile,
	  .how = FSC_OPT_NO_PROFILE,
	  .help = "apply a workload profile (a NAME, or a FILE\n"
		  "with a '/'); options after it override it" },
	{ "list-engines", 0, NULL, "run", .command = "list-engines",
	  .how = FSC_OPT_NO_PROFILE,
	  .help = "list engines, and why one cannot run" },
	{ "help", 'h', NULL, "*", .command = "help",
	  .how = FSC_OPT_STOP | FSC_OPT_NO_PROFILE,
	  .help = "this help" },
	{ "version", 'V', NULL, "run", .command = "version",
	  .how = FSC_OPT_STOP | FSC_OPT_NO_PROFILE,
	  .help = "version" },
	/* The subcommands' own, in their synopsis rather than in --help. */
	{ "target", 't', "RATE", "plan", .set = set_target,
	  .how = FSC_OPT_EMPTY },
	{ "engine", 'e', "ENGINE", "plan", .set = set_engine_name },
	{ "dir", 'd', "DIR", "plan", .set = set_plan_dir },
	{ "json", 0, "FILE", "compare", .set = set_output_json },
	{ "output", 'o', "FILE", "plot", .set = set_output },
	{ "timeline", 0, NULL, "plot", FLAG(timeline) },
	{ "format", 0, "FORMAT", "report", .set = set_format },
	{ .name = NULL },
};

bool fsc_option_in(const struct fsc_option *opt, const char *cmd)
{
	size_t n = strlen(cmd);

	if (strcmp(opt->cmds, "*") == 0)
		return true;
	for (const char *p = opt->cmds; (p = strstr(p, cmd)); p += n)
		if ((p == opt->cmds || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

bool *fsc_option_flag(const struct fsc_option *opt, struct fsc_opts *o)
{
	return (bool *)((char *)o + opt->flag);
}

/* A profile's keys: the options of the run, a flag set with true or
 * false. */
int fsc_opts_set(struct fsc_opts *o, const char *key, const char *value,
		 char *err, size_t len)
{
	const struct fsc_option *opt;
	bool on;

	for (opt = fsc_options; opt->name; opt++)
		if (strcmp(opt->name, key) == 0 && fsc_option_in(opt, FSC_RUN))
			break;
	if (!opt->name)
		return fsc_opt_fail(err, len, "unknown key '%s' (the keys are "
				    "the long options of fsconc(1), without "
				    "the dashes)", key);
	if (opt->how & FSC_OPT_NO_PROFILE)
		return fsc_opt_fail(err, len, "'%s' cannot be set in a "
				    "profile: only the options of a run can",
				    key);
	if (opt->arg)
		return opt->set(o, value, err, len);
	if (!fsc_opt_bool(value, &on))
		return fsc_opt_fail(err, len, "%s = '%s': expected true or "
				    "false", key, value);
	*fsc_option_flag(opt, o) = on;
	/* What the flag also does on the command line (direct = true is
	 * --cache direct, as --direct is). */
	return on && opt->set ? opt->set(o, NULL, err, len) : 0;
}

int fsc_opts_set_from(void *opts, const char *key, const char *value,
		      const char *file, int line, char *err, size_t len)
{
	struct fsc_opts *o = opts;
	char where[PATH_MAX + 32];
	int rc;

	snprintf(where, sizeof(where), "%s:%d", file, line);
	o->from = where;
	rc = fsc_opts_set(o, key, value, err, len);
	o->from = NULL;
	return rc;
}
