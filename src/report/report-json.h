/* report-json.h - the result profile, JSON (--json). */
#ifndef FSC_REPORT_JSON_H
#define FSC_REPORT_JSON_H

#include <stdio.h>

#include "run/plan.h"

#define FSC_PROFILE_SCHEMA "fsconc-profile/1"

/* Write the profile of a finished (summarized) plan.  0 or -errno. */
int fsc_report_json(FILE *out, const struct fsc_result *p);

#endif
