/* warnings.h - facts that change how a number reads, found before the run:
 * a split set whose dirs share one device, a trial small enough to stay in
 * the page cache, --direct where there is no device to go direct to. */
#ifndef FSC_WARNINGS_H
#define FSC_WARNINGS_H

#include "result/result.h"

/* Look at the plan's targets, sets, options and host, and fill
 * p->warnings. */
void fsc_warnings_build(struct fsc_result *p);

#endif
