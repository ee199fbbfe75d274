/* held.c - what a stop that cannot finish leaves (fsconc(1),
 * RELIABILITY): the writes still in the kernel on each target, and the
 * run directories that stay behind, said by the monitor thread when a
 * stop overruns FSC_STOP_DRAIN_SEC (progress.h) or by an engine that
 * gives up waiting (fsc_trial_abandon). */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "engines/engine.h"
#include "engines/trial.h"
#include "fsconc.h"
#include "host/target.h"
#include "util/msg.h"
#include "util/progress.h"
#include "util/xalloc.h"

/* Per target: the writes of the async engines (one thread) that fsconc
 * waits on the kernel for, and whether its run directory is still there,
 * for the message of a stop that overruns FSC_STOP_DRAIN_SEC.  Read by
 * the monitor thread, which adds the synchronous writers' (in_kernel of
 * each worker of the trial it is given). */
struct held_target {
	atomic_uint calls;
	atomic_bool left;
	atomic_bool closing;	/* its marker and itself being removed */
	char *name;		/* fit for a terminal, as target names are */
	char *rundir;		/* likewise */
};

static struct held_target *held;
static size_t nheld;

/* The writes fsconc waits for, "3 writes to /x, 1 write to /y still in
 * the kernel", or "" when none; and the run directories left behind,
 * with how to remove them, or "".  arg: the trial under way, or NULL. */
static void describe_held(void *arg, char *calls, size_t clen, char *left,
			  size_t llen)
{
	struct fsc_trial *t = arg;
	size_t c = 0, l = 0;

	calls[0] = left[0] = '\0';
	for (size_t k = 0; k < nheld; k++) {
		unsigned n = atomic_load(&held[k].calls);
		int w;

		for (unsigned j = 0; t && j < t->nworkers; j++) {
			size_t f = atomic_load(&t->workers[j].in_kernel);

			if (f && (size_t)(fsc_trial_target(t, f - 1) -
					  t->targets) == k)
				n++;
		}

		if (!n || c >= clen)
			continue;
		w = snprintf(calls + c, clen - c, "%s%u write%s to %s",
			     c ? ", " : "", n, n == 1 ? "" : "s",
			     held[k].name);
		c += w > 0 ? (size_t)w : 0;
	}
	if (c && c < clen)
		snprintf(calls + c, clen - c, " still in the kernel");
	for (size_t k = 0; k < nheld; k++) {
		int w;

		if (!atomic_load(&held[k].left) || l >= llen)
			continue;
		/* A removal the device holds up completes once it is back,
		 * after fsconc is gone: the marker may go, the directory
		 * stay. */
		if (atomic_load(&held[k].closing))
			w = snprintf(left + l, llen - l, "%sremoving %s waits "
				     "on the device: once it is back, `fsconc "
				     "cleanup %s` removes what is left",
				     l ? "; " : "",
				     held[k].rundir, held[k].name);
		else
			w = snprintf(left + l, llen - l, "%s%s stays%s, "
				     "`fsconc cleanup %s` removes it",
				     l ? "; " : "", held[k].rundir,
				     atomic_load(&held[k].calls) ?
				     " until the writes complete" : "",
				     held[k].name);
		l += w > 0 ? (size_t)w : 0;
	}
}

void fsc_held_start(const struct fsc_target *targets, size_t opened)
{
	nheld = opened;
	held = xcalloc(opened ? opened : 1, sizeof(*held));
	for (size_t k = 0; k < opened; k++) {
		atomic_init(&held[k].calls, 0);
		atomic_init(&held[k].left, targets[k].rundir != NULL);
		atomic_init(&held[k].closing, false);
		held[k].name = xstrdup(targets[k].name);
		held[k].rundir = fsc_printable(xstrdup(targets[k].rundir ?
						       targets[k].rundir : ""));
	}
	fsc_monitor_held(describe_held, NULL);
}

void fsc_held_end(void)
{
	fsc_monitor_held(NULL, NULL);
	for (size_t k = 0; k < nheld; k++) {
		free(held[k].name);
		free(held[k].rundir);
	}
	free(held);
	held = NULL;
	nheld = 0;
}

void fsc_held_watch(struct fsc_trial *t)
{
	fsc_monitor_held(describe_held, t);
}

void fsc_held_closing(size_t k, bool closing)
{
	atomic_store(&held[k].closing, closing);
}

void fsc_held_gone(size_t k)
{
	atomic_store(&held[k].left, false);
}

void fsc_file_in_kernel(struct fsc_trial *t, size_t i, int delta)
{
	size_t k = (size_t)(fsc_trial_target(t, i) - t->targets);

	if (held && k < nheld)
		atomic_fetch_add_explicit(&held[k].calls, (unsigned)delta,
					  memory_order_relaxed);
}

void fsc_trial_abandon(struct fsc_trial *t)
{
	char calls[512], left[1024];
	int sig = fsc_stop_signal();

	describe_held(t, calls, sizeof(calls), left, sizeof(left));
	pthread_mutex_lock(&t->lock);
	if (atomic_load(&t->failed))
		fsc_error("%s", t->errmsg);
	pthread_mutex_unlock(&t->lock);
	if (sig)
		fsc_error("interrupted by signal %d; %s after %d s: the device "
			  "is not completing them%s%s", sig, calls[0] ? calls :
			  "writes still in the kernel", FSC_STOP_DRAIN_SEC,
			  left[0] ? "; " : "", left);
	else
		fsc_error("%s after %d s: the device is not completing them%s%s",
			  calls[0] ? calls : "writes still in the kernel",
			  FSC_STOP_DRAIN_SEC, left[0] ? "; " : "", left);
	/* Not exit(): buffers and control blocks that the kernel or a
	 * library thread may still use stay as they are. */
	fsc_exit_now(sig ? 128 + sig : FSC_EXIT_FAIL);
}
