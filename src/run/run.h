/* run.h - the run loop shared by every engine: rounds, trials in rotating
 * order, files, clocks, and the measurement of each trial round. */
#ifndef FSC_RUN_H
#define FSC_RUN_H

#include <stddef.h>

#include "run/plan.h"

/* Create the run directories, check space (and with --direct, that each
 * target takes it with this block size), run warm-up and counted rounds
 * of every trial, remove what was written (unless --keep) and the run
 * directories.  Returns FSC_EXIT_OK, FSC_EXIT_FAIL or FSC_EXIT_USAGE
 * (--direct refused) with err set, or 128 + signal when interrupted. */
int fsc_run(struct fsc_result *p, char *err, size_t len);

#endif
