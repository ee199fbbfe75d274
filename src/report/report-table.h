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
/* "concurrency helps on /dev/shm (tmpfs): threads×5 is 1.90× pwrite
 * [1.70–2.10]"; false when the set has no verdict (no baseline or nothing
 * to compare). */
bool fsc_report_verdict(char *buf, size_t len, const struct fsc_result *p,
			unsigned set);

/* "threads on /dev/shm: γ = 1.05 GB/s per job, contention α = 0.12, ...
 * R² = 0.98", or why the sweep has no model. */
char *fsc_report_model(char *buf, size_t len, const struct fsc_result *p,
		       const struct fsc_model *m);

#endif
