/* report-md.h - the report as Markdown (--markdown, fsconc report
 * --format markdown). */
#ifndef FSC_REPORT_MD_H
#define FSC_REPORT_MD_H

#include <stdio.h>

#include "result/result.h"

/* Write the report of a summarized result.  0 or -errno. */
int fsc_report_markdown(FILE *out, const struct fsc_result *p);

#endif
