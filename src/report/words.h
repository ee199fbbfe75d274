/* words.h - the sentences the text report and the JSON profile share:
 * a set's verdict and a sweep's model. */
#ifndef FSC_WORDS_H
#define FSC_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "run/plan.h"

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
