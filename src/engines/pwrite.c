/* pwrite.c - the baseline: one thread writes one file after another with
 * a pwrite loop, as dd does. */
#include "config.h"

#include <errno.h>

#include "engines/engine.h"

static int pwrite_run(struct fsc_trial *t)
{
	struct fsc_worker *w = fsc_trial_worker(t, 0);
	long i;
	int rc = fsc_worker_bind(t, 0);

	if (rc < 0)
		return rc;
	while ((i = fsc_trial_next_file(t)) >= 0) {
		rc = fsc_sync_write_file(t, w, (size_t)i);
		if (rc < 0)
			return rc;
	}
	return 0;
}

const struct fsc_engine fsc_engine_pwrite = {
	.name = "pwrite",
	.summary = "one thread, one file after another (the baseline)",
	.run = pwrite_run,
};
