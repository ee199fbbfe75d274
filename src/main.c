/* main.c - fsconc: find the command, parse its command line, run it
 * (cmd/cmd.h). */
#include "config.h"

#include "cmd/cmd.h"
#include "run/mpi-ranks.h"
#include "util/msg.h"

int main(int argc, char **argv)
{
	const struct fsc_cmd *cmd = fsc_cmd_find(argc, argv);
	struct fsc_opts o;
	char err[512];
	int status;

	if (fsc_opts_parse(&o, &cmd->line, argc, argv, err, sizeof(err)) < 0) {
		if (fsc_mpi_env_rank() == 0)	/* once under mpirun */
			fsc_error("%s", err);
		fsc_opts_free(&o);
		return FSC_EXIT_USAGE;
	}
	/* o.command: cmd, or what an option stood for (--help). */
	status = fsc_cmd_named(o.command)->exec(&o);
	fsc_opts_free(&o);
	return status;
}
