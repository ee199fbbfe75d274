/* json-verdicts.h - the verdicts and the models of the result profile
 * (fsconc(1), JSON PROFILE). */
#ifndef FSC_JSON_VERDICTS_H
#define FSC_JSON_VERDICTS_H

#include <jansson.h>

#include "run/plan.h"

/* Each set's verdict with its reason and figures. */
json_t *fsc_json_verdicts(const struct fsc_result *p);
/* Each sweep's model, or why it has none. */
json_t *fsc_json_models(const struct fsc_result *p);

#endif
