/* cmd.c - the table of fsconc's commands (cmd.h), and what --help and
 * --version stand for: --help's usage lines come from the table, its
 * options from cli/options-table.c, and the rest is said here. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "run/mpi-ranks.h"

const struct fsc_cmd *const fsc_cmd_table[] = {
	&fsc_cmd_run,
	&fsc_cmd_plan,
	&fsc_cmd_compare,
	&fsc_cmd_plot,
	&fsc_cmd_cleanup,
	&fsc_cmd_help,
	&fsc_cmd_version,
	&fsc_cmd_list_engines,
	NULL,
};

const struct fsc_cmd *fsc_cmd_find(int argc, char **argv)
{
	for (size_t i = 0; argc >= 2 && fsc_cmd_table[i]; i++)
		if (!fsc_cmd_table[i]->implied &&
		    strcmp(argv[1], fsc_cmd_table[i]->line.name) == 0)
			return fsc_cmd_table[i];
	return &fsc_cmd_run;
}

const struct fsc_cmd *fsc_cmd_named(const char *name)
{
	for (size_t i = 0; fsc_cmd_table[i]; i++)
		if (strcmp(name, fsc_cmd_table[i]->line.name) == 0)
			return fsc_cmd_table[i];
	return NULL;
}

int fsc_cmd_parse(struct fsc_opts *o, int argc, char **argv, char *err,
		  size_t errlen)
{
	return fsc_opts_parse(o, &fsc_cmd_find(argc, argv)->line, argc, argv,
			      err, errlen);
}

static const char summary[] =
"Write N files into each target directory one after another (pwrite) and\n"
"concurrently (threads...), and tell whether concurrency helps there.\n"
"\n";

static const char more[] =
"\n"
"\n"
"plan answers how many writers reach RATE (2GB/s, 500MiB/s) from the model\n"
"of a saved --jobs sweep (--json), with Little's law as a check; compare\n"
"tells which trials of two saved profiles differ significantly; plot draws\n"
"throughput against jobs with gnuplot.\n"
"\n"
"SIZE takes K, M, G, T (or KiB...) for powers of 1024 and KB, MB, GB, TB\n"
"for powers of 1000.  Exit status: 0 ok, 1 a run failed, 2 bad usage,\n"
"128+N interrupted by signal N.  See fsconc(1).\n";

static const char mpi_usage[] =
"\nOn many hosts at once: mpirun [-np N] [--hostfile FILE] fsconc ...; every\n"
"rank writes the same files into a directory of its own, and rank 0\n"
"reports their aggregate.  See RUNNING ON MANY HOSTS in fsconc(1).\n";

static const char no_mpi_usage[] =
"\nMPI support is not built: runs on many hosts under mpirun need\n"
"./configure --with-mpi (Debian: libopenmpi-dev openmpi-bin).\n";

/* "Usage: " before the first line, its width of blanks before the
 * others. */
static void usage_lines(FILE *out)
{
	const char *lead = "Usage: ";

	for (size_t i = 0; fsc_cmd_table[i]; i++) {
		const char *p = fsc_cmd_table[i]->line.synopsis;

		while (p && *p) {
			int n = 0;

			while (p[n] && p[n] != '\n')
				n++;
			fprintf(out, "%s%.*s\n", lead, n, p);
			lead = "       ";
			p += p[n] ? n + 1 : n;
		}
	}
}

static int help_main(const struct fsc_opts *o)
{
	char *options = fsc_opts_usage(FSC_RUN);

	(void)o;
	usage_lines(stdout);
	fputs(summary, stdout);
	fputs(options, stdout);
	fputs(more, stdout);
	fputs(fsc_mpi_built() ? mpi_usage : no_mpi_usage, stdout);
	free(options);
	return FSC_EXIT_OK;
}

static int version_main(const struct fsc_opts *o)
{
	(void)o;
	printf("fsconc %s\n", PACKAGE_VERSION);
	return FSC_EXIT_OK;
}

const struct fsc_cmd fsc_cmd_help = {
	.line = { "help", NULL, 0, NULL, NULL },
	.implied = true,
	.exec = help_main,
};

const struct fsc_cmd fsc_cmd_version = {
	.line = { "version", NULL, 0, NULL, NULL },
	.implied = true,
	.exec = version_main,
};
