/* options.h - the command line, parsed into a plain struct.  Parsing is a
 * pure function: it never prints or exits, so tests and fuzzers can run it
 * (--profile reads its file, and nothing else).  The options are described
 * once, in options-table.c; the commands in cmd/cmd.h. */
#ifndef FSC_OPTIONS_H
#define FSC_OPTIONS_H

#include "fsconc.h"

/* The name of the run (fsconc with no command word) among the commands,
 * in an option's commands (options-table.c) and in fsc_opts.command. */
#define FSC_RUN "run"

struct fsc_opts {
	/* The command to run (struct fsc_cmdline's name): the one parsed,
	 * or the one an option of it stands for ("help" for --help). */
	const char *command;
	char **dirs;		/* --dir, in order given */
	size_t ndirs;
	/* Where a value came from when a profile set it ("FILE:LINE"), for
	 * the messages about it; NULL when given on the command line. */
	char **dirs_from;	/* one per dir */
	char *files_from, *jobs_from;
	const char *from;	/* the profile line being applied */
	uint64_t files;
	/* --dirs-per-target: the files of a target dealt over this many
	 * subdirectories of its run directory; 0: in the run directory */
	unsigned dirs_per_target;
	uint64_t size;
	uint64_t block_size;
	const char **engines;	/* names; NULL entries never */
	size_t nengines;
	bool engines_all;	/* "all" or not given: skip unavailable ones */
	unsigned *jobs;		/* --jobs list; njobs == 0: jobs = files */
	size_t njobs;
	unsigned iodepth;
	enum fsc_mode mode;
	enum fsc_fsync fsync;
	bool direct;		/* O_DIRECT, aligned buffers and offsets */
	bool dontcache;		/* --cache dontcache: buffered writes with
				 * RWF_DONTCACHE, dropped from the page
				 * cache once written back */
	bool verify;		/* read every file back after each trial */
	bool uring_fixed_buffers; /* io_uring: registered buffers */
	bool uring_fixed_files;	/* io_uring: registered files */
	bool uring_sqpoll;	/* io_uring: a kernel thread polls the SQ */
	uint64_t stonewall_ns;	/* --stonewall: stop a trial's writes after
				 * this long (and under MPI when the first
				 * rank is done); 0: never */
	unsigned rounds;	/* counted rounds; under rounds_auto the least */
	bool rounds_auto;	/* --rounds auto: on until every verdict is
				 * decisive or the budget is spent */
	uint64_t budget_ns;	/* --budget SECs: the run's time; 0: none */
	uint64_t budget_bytes;	/* --budget SIZE: bytes written; 0: none */
	unsigned warmup;
	uint64_t interval_ns;	/* --interval: the timeline's; 0: none */
	uint64_t file_detail;	/* --file-detail: a round of more files
				 * has them summarised */
	bool dd;
	bool keep;
	bool quiet;
	bool iec;
	bool no_ceiling;	/* --no-ceiling */
	bool wide;		/* --wide: every column, each with its ratio
				 * to the best row, and the latency table */
	enum fsc_bind bind;	/* --bind */
	char *json_path;	/* --json FILE, "-" for stdout; NULL: none */
	char *csv_path;		/* --csv FILE */
	char *markdown_path;	/* --markdown FILE */
	/* fsconc report --format: what goes to standard output. */
	enum fsc_format { FSC_FORMAT_TEXT, FSC_FORMAT_MARKDOWN, FSC_FORMAT_CSV,
			  FSC_FORMAT_JSON } format;
	char *cleanup_dir;	/* fsconc cleanup DIR */
	/* fsconc plan, compare and plot, which also use dirs (plan --dir),
	 * json_path (compare --json) and iec. */
	char *inputs[2];	/* the saved result profiles */
	size_t ninputs;
	uint64_t target_rate;	/* plan --target, bytes/s */
	int target_iec;		/* its unit: 1 powers of 1024 (M, MiB), 0 of
				 * 1000 (MB), -1 none (bytes/s) */
	char *engine_name;	/* plan --engine: one name, as saved */
	char *output;		/* plot -o FILE */
	bool timeline;		/* plot --timeline */
};

/* The default --interval, and the longest (an hour), in ms. */
#define FSC_INTERVAL_MS 100
#define FSC_INTERVAL_MAX_MS 3600000

/* The default --file-detail: the files of a round kept each, at most. */
#define FSC_FILE_DETAIL 10000

/* The default --budget: 20 s and 8 GB, so that the extra rounds of
 * --rounds auto keep the default run light (fsconc(1), --budget). */
#define FSC_BUDGET_S 20
#define FSC_BUDGET_BYTES 8000000000ULL

/* A command's line, as its parser reads it; cmd/cmd.h has the rest of
 * the command. */
struct fsc_cmdline {
	/* The word after "fsconc" that names it (but for FSC_RUN), and its
	 * name in an option's commands. */
	const char *name;
	const char *synopsis;	/* usage line(s), "fsconc plan ...", for
				 * --help and the messages; NULL: none
				 * (what --help stands for) */
	size_t ninputs;		/* the saved result profiles it reads, at
				 * most 2 (fsc_opts.inputs) */
	const char *required;	/* an option (long name) it cannot do
				 * without, or NULL */
	/* Read argv (argv[1] the command's word, but for the run) into *o,
	 * at the defaults: 0, or -1 with a one-line message in err. */
	int (*parse)(struct fsc_opts *o, const struct fsc_cmdline *c,
		     int argc, char **argv, char *err, size_t errlen);
};

/* Parse the command line of command c into *o: the defaults, then
 * c->parse.  Returns 0, or -1 with a one-line message in err naming the
 * option and the value.  The result owns memory: free it with
 * fsc_opts_free(). */
int fsc_opts_parse(struct fsc_opts *o, const struct fsc_cmdline *c,
		   int argc, char **argv, char *err, size_t errlen);
/* The parsers for a struct fsc_cmdline.  The run's: getopt_long over the
 * options of FSC_RUN, abbreviations and clusters allowed, the first
 * operand refused, then fsc_opts_check().  A subcommand's: its operands
 * (ninputs) and options (the exact name or letter) in any order, as
 * "--name value", "--name=value" or "-x value"; "--" ends the options. */
int fsc_opts_parse_run(struct fsc_opts *o, const struct fsc_cmdline *c,
		       int argc, char **argv, char *err, size_t errlen);
int fsc_opts_parse_tool(struct fsc_opts *o, const struct fsc_cmdline *c,
			int argc, char **argv, char *err, size_t errlen);

/* The option lines of --help for a command: "  -d, --dir DIR   ...",
 * one or more lines each.  Free it. */
char *fsc_opts_usage(const char *command);

/* Set the option whose long name is key (no dashes) to value, as the
 * command line would; a flag takes true or false (yes/no, on/off, 1/0).
 * For a profile line: help, version, list-engines and profile are
 * refused.  0, or -1 with a one-line message in err. */
int fsc_opts_set(struct fsc_opts *o, const char *key, const char *value,
		 char *err, size_t errlen);
/* The same for line LINE of profile FILE, remembered as where the value
 * came from; opts is the struct fsc_opts (an fsc_profile_line_fn, for
 * fsc_profile_parse() and fsc_profile_load()). */
int fsc_opts_set_from(void *opts, const char *key, const char *value,
		      const char *file, int line, char *err, size_t errlen);
/* Put "FILE:LINE: " before err when dir i came from a profile. */
void fsc_opts_blame_dir(const struct fsc_opts *o, size_t i, char *err,
			size_t errlen);

/* Cross-option checks that need no file system: block size against file
 * size, overflow of files x size, --json and --csv against each other.
 * Returns 0 or -1 with err set. */
int fsc_opts_check(const struct fsc_opts *o, char *err, size_t errlen);

void fsc_opts_free(struct fsc_opts *o);

const char *fsc_mode_name(enum fsc_mode m);
const char *fsc_fsync_name(enum fsc_fsync f);
/* --cache: "buffered", "direct" (--direct) or "dontcache". */
const char *fsc_cache_name(const struct fsc_opts *o);
/* --json or --csv writes to standard output (so the text report goes to
 * standard error). */
bool fsc_opts_stdout_taken(const struct fsc_opts *o);
/* Any two of --json, --csv and --markdown naming one file: -1 with err
 * set. */
int fsc_opts_check_outputs(const struct fsc_opts *o, char *err, size_t len);

#endif
