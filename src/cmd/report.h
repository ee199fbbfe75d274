/* report.h - fsconc report PROFILE.json: the report of a run again, from
 * its saved profile, recomputed from its rounds. */
#ifndef FSC_CMD_REPORT_H
#define FSC_CMD_REPORT_H

#include "cli/options.h"

/* fsconc report: the tables on standard output (standard error when
 * --json or --csv goes there), and the result files asked for.  Exit
 * status: 0 reported, 1 a result file not written, 2 an unreadable
 * profile or a bad output. */
int fsc_report_main(const struct fsc_opts *o);

#endif
