/* report-csv.h - the figures as CSV (--csv): one row per target set,
 * engine, jobs and counted round, after a header line. */
#ifndef FSC_REPORT_CSV_H
#define FSC_REPORT_CSV_H

#include <stdio.h>

#include "run/plan.h"

/* Write the rows of a finished plan.  0 or -errno. */
int fsc_report_csv(FILE *out, const struct fsc_result *p);

#endif
