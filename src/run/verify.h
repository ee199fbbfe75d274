/* verify.h - the --verify stamp and check are in util/verify.h; this
 * name is kept for the files that include it by it (cli/options.c). */
#ifndef FSC_RUN_VERIFY_H
#define FSC_RUN_VERIFY_H

#include "util/verify.h"

#endif
