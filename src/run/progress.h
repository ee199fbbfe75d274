/* progress.h - the monitor thread and the progress line are in
 * util/progress.h; this name is kept for the files that include it by
 * it (main.c). */
#ifndef FSC_RUN_PROGRESS_H
#define FSC_RUN_PROGRESS_H

#include "util/progress.h"

#endif
