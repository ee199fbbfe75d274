/* cleanup-cmd.c - fsconc cleanup DIR: remove the run directories a killed
 * fsconc left in DIR (fsconc(1); run/cleanup.c does it). */
#include "config.h"

#include <stdio.h>

#include "cmd/cmd.h"
#include "run/rundir.h"
#include "util/xalloc.h"

/* One directory, and nothing else: not even an option. */
static int cleanup_parse(struct fsc_opts *o, const struct fsc_cmdline *c,
			 int argc, char **argv, char *err, size_t len)
{
	if (argc != 3 || !*argv[2]) {
		snprintf(err, len, "%s: expected one directory: %s", c->name,
			 c->synopsis);
		return -1;
	}
	o->cleanup_dir = xstrdup(argv[2]);
	return 0;
}

static int cleanup_main(const struct fsc_opts *o)
{
	return fsc_cleanup(o->cleanup_dir, stdout);
}

const struct fsc_cmd fsc_cmd_cleanup = {
	.line = { "cleanup", "fsconc cleanup DIR", 0, NULL, cleanup_parse },
	.exec = cleanup_main,
};
