/* threads.c - a pool of J threads; each takes the next file and writes it
 * with the pwrite loop, so J files are in flight. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engines/engine.h"
#include "util/clock.h"
#include "util/progress.h"
#include "util/xalloc.h"

/* How long one wait for a writer lasts before the stop is looked at. */
#define JOIN_WAIT_MS 100

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

/* Wait for a writer, JOIN_WAIT_MS at a time.  Once the trial stops (an
 * error, a signal), the writers have FSC_STOP_DRAIN_SEC in all to finish
 * the write they are in: a writer still in the kernel by then waits on a
 * device that is not completing writes, and the run is abandoned.
 * *stopped: when the stop was first seen, 0 before. */
static void join(struct fsc_trial *t, pthread_t tid, uint64_t *stopped)
{
	for (;;) {
		struct timespec until;

		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += JOIN_WAIT_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		if (pthread_timedjoin_np(tid, NULL, &until) != ETIMEDOUT)
			return;
		if (!*stopped && fsc_trial_stopping(t))
			*stopped = fsc_now_ns();
		if (*stopped && fsc_now_ns() - *stopped >=
		    (uint64_t)FSC_STOP_DRAIN_SEC * 1000000000u)
			fsc_trial_abandon(t);
	}
}

static int threads_run(struct fsc_trial *t)
{
	unsigned jobs = fsc_trial_jobs(t), started;
	struct worker *pool = xcalloc(jobs, sizeof(*pool));
	uint64_t stopped = 0;
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
		join(t, pool[k].tid, &stopped);
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
