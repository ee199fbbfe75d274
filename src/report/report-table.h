/* report-table.h - the text report: header, one table per target set in
 * the seed's style, latency and depth, dd-style lines, and the verdict. */
#ifndef FSC_REPORT_TABLE_H
#define FSC_REPORT_TABLE_H

#include <stdio.h>

#include "run/plan.h"

void fsc_report_header(FILE *out, const struct fsc_result *p);
void fsc_report_tables(FILE *out, const struct fsc_result *p);
/* "verdict: ..." for set, wrapped to the width of out, when the set has
 * a verdict. */
void fsc_report_verdicts(FILE *out, const struct fsc_result *p, unsigned set);
/* --quiet: for each set, its dd lines with --dd, then its verdict line,
 * or "summary:" with the best rate measured when it has no verdict. */
void fsc_report_quiet(FILE *out, const struct fsc_result *p);
/* "kept: DIR" for each run directory --keep left. */
void fsc_report_kept(FILE *out, const struct fsc_result *p);

#endif
