/* threads.c - a pool of J threads; each takes the next file and writes it
 * with the pwrite loop, so J files are in flight. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "xalloc.h"

struct worker {
	struct fsc_trial *t;
	struct fsc_worker *w;
	unsigned k;
	pthread_t tid;
	int rc;
};

static void *worker_main(void *arg)
{
	struct worker *wk = arg;
	long i;

	wk->rc = fsc_worker_bind(wk->t, wk->k);
	if (wk->rc < 0)
		return NULL;
	while ((i = fsc_trial_next_file(wk->t)) >= 0) {
		wk->rc = fsc_sync_write_file(wk->t, wk->w, (size_t)i);
		if (wk->rc < 0)
			break;
	}
	return NULL;
}

static int threads_run(struct fsc_trial *t)
{
	unsigned jobs = fsc_trial_jobs(t), started;
	struct worker *pool = xcalloc(jobs, sizeof(*pool));
	int rc = 0;

	for (started = 0; started < jobs; started++) {
		pool[started].t = t;
		pool[started].w = fsc_trial_worker(t, started);
		pool[started].k = started;
		rc = -pthread_create(&pool[started].tid, NULL, worker_main,
				     &pool[started]);
		if (rc < 0) {
			fsc_trial_fail(t, FSC_NO_FILE, "pthread_create of a "
				       "writer thread (try fewer --jobs)", rc);
			break;
		}
	}
	for (unsigned k = 0; k < started; k++) {
		pthread_join(pool[k].tid, NULL);
		if (pool[k].rc < 0 && rc == 0)
			rc = pool[k].rc;
	}
	free(pool);
	return rc;
}

const struct fsc_engine fsc_engine_threads = {
	.name = "threads",
	.summary = "a pool of --jobs threads, each running the pwrite loop "
		   "on its own file",
	.concurrent = true,
	.run = threads_run,
};
