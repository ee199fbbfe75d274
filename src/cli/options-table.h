/* options-table.h - fsconc's options, described once (fsc_options[]):
 * getopt's table, the option lines of --help, each subcommand's options
 * and a profile's keys all come from it. */
#ifndef FSC_OPTIONS_TABLE_H
#define FSC_OPTIONS_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/options.h"

struct fsc_option {
	const char *name;	/* long name, without the dashes; a
				 * profile's key for the run's */
	char letter;		/* short option, or 0 */
	const char *arg;	/* its value's name in --help; NULL: none,
				 * a flag or a command */
	/* The commands that take it, by name, separated by spaces: "run",
	 * "plan"; "*": all.  Two options may share a name in different
	 * commands (plan's --engine takes one name, the run's a list). */
	const char *cmds;
	/* An option with a value: check the value and set it in *o, 0 or
	 * -1 with err naming the option and the value.  A flag: what else
	 * giving it on the command line does (NULL: nothing). */
	int (*set)(struct fsc_opts *o, const char *arg, char *err,
		   size_t len);
	size_t flag;		/* a flag: offsetof its bool in struct
				 * fsc_opts, set by giving it, or by true
				 * or false in a profile */
	const char *command;	/* given, the command that runs instead
				 * (cmd/cmd.h): "help" for --help */
	unsigned how;		/* FSC_OPT_* */
	const char *help;	/* its text in --help, lines separated by
				 * '\n' */
};

enum {
	FSC_OPT_STOP = 1,	/* the rest of the command line is not read */
	FSC_OPT_NO_PROFILE = 2,	/* not a key of a profile */
	FSC_OPT_EMPTY = 4,	/* a subcommand's option whose set judges
				 * '' (else refused as empty) */
	FSC_OPT_WITH_NEXT = 8,	/* in --help, on one line with the next
				 * option, whose help is for both */
};

/* Every option, in the order of --help; the last has a NULL name. */
extern const struct fsc_option fsc_options[];

/* Does command cmd take option opt? */
bool fsc_option_in(const struct fsc_option *opt, const char *cmd);
/* A flag's bool in *o. */
bool *fsc_option_flag(const struct fsc_option *opt, struct fsc_opts *o);

#endif
