/* cmd.h - fsconc's commands: the run, the subcommands, and what --help,
 * --version and --list-engines stand for.  main.c finds a command by the
 * word after "fsconc" (none: the run), parses the command line as its
 * entry says, and runs the command the parse settled on. */
#ifndef FSC_CMD_H
#define FSC_CMD_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/options.h"

struct fsc_cmd {
	/* Its name, usage line(s), operands and parser (cli/options.h);
	 * the options it takes name it among their commands
	 * (cli/options-table.c). */
	struct fsc_cmdline line;
	/* Named by no word: the run (fsconc alone), or what an option
	 * stands for (--help). */
	bool implied;
	/* Do it; its exit status. */
	int (*exec)(const struct fsc_opts *o);
};

/* Each in its file, cmd/NAME.c (the run and list-engines in run-cmd.c,
 * plan in capacity.c, cleanup in cleanup-cmd.c, help and version in
 * cmd.c). */
extern const struct fsc_cmd fsc_cmd_run, fsc_cmd_plan, fsc_cmd_compare,
	fsc_cmd_plot, fsc_cmd_cleanup, fsc_cmd_help, fsc_cmd_version,
	fsc_cmd_list_engines;

/* Every command, in the order of --help's usage lines; NULL ends it. */
extern const struct fsc_cmd *const fsc_cmd_table[];

/* The command argv[1] names, else the run. */
const struct fsc_cmd *fsc_cmd_find(int argc, char **argv);
/* The command of that name (fsc_opts.command), or NULL. */
const struct fsc_cmd *fsc_cmd_named(const char *name);
/* fsc_cmd_find, then fsc_opts_parse() with its line. */
int fsc_cmd_parse(struct fsc_opts *o, int argc, char **argv, char *err,
		  size_t errlen);

#endif
