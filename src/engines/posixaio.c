/* posixaio.c - glibc POSIX AIO: aio_write starts a write, aio_suspend
 * waits.  glibc runs the writes on its own thread pool, one thread per
 * file with writes queued, so the writes of one file run one at a time. */
#include "config.h"

#include <aio.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engines/aio-loop.h"
#include "engines/engine.h"
#include "fsconc.h"
#include "host/topo.h"
#include "util/xalloc.h"

struct posixaio {
	unsigned depth, inflight;
	struct aiocb *cbs;		/* one per slot */
	const struct aiocb **list;	/* in flight, else NULL: aio_suspend's */
	struct fsc_aio_req **reqs;
};

static int posixaio_setup(void **ctx, unsigned depth, char *why, size_t len)
{
	struct posixaio *p = xcalloc(1, sizeof(*p));
	/* aio_init counts only before glibc's first request.  glibc starts a
	 * thread for a file with writes queued when no thread is idle, up
	 * to aio_threads: the most files fsconc keeps in flight lets every
	 * trial of a --jobs sweep have one thread per file. */
	struct aioinit init = {
		.aio_threads = FSC_MAX_JOBS,
		.aio_num = (int)depth,
		.aio_idle_time = 1,
	};

	(void)why;
	(void)len;
	aio_init(&init);
	p->depth = depth;
	p->cbs = xcalloc(depth, sizeof(*p->cbs));
	p->list = xcalloc(depth, sizeof(*p->list));
	p->reqs = xcalloc(depth, sizeof(*p->reqs));
	*ctx = p;
	return (int)depth;
}

static int posixaio_submit(void *ctx, struct fsc_aio_req **reqs, unsigned n)
{
	struct posixaio *p = ctx;
	unsigned k;

	for (k = 0; k < n; k++) {
		struct fsc_aio_req *r = reqs[k];
		struct aiocb *cb = &p->cbs[r->slot];

		memset(cb, 0, sizeof(*cb));
		cb->aio_fildes = r->fd;
		cb->aio_buf = (volatile void *)(uintptr_t)r->buf;
		cb->aio_nbytes = r->len;
		cb->aio_offset = (off_t)r->off;
		cb->aio_sigevent.sigev_notify = SIGEV_NONE;
		if (aio_write(cb) < 0)
			return k ? (int)k : -errno;
		p->list[r->slot] = cb;
		p->reqs[r->slot] = r;
		p->inflight++;
	}
	return (int)k;
}

/* Collect up to max finished writes.  aio_return exactly once for each:
 * it releases glibc's record of the request. */
static unsigned collect(struct posixaio *p, struct fsc_aio_event *ev,
			unsigned max)
{
	unsigned n = 0;

	for (unsigned k = 0; k < p->depth && n < max && p->inflight; k++) {
		struct aiocb *cb = (struct aiocb *)p->list[k];
		ssize_t res;
		int err;

		if (!cb || (err = aio_error(cb)) == EINPROGRESS)
			continue;
		if (err < 0)
			err = errno;
		res = aio_return(cb);
		ev[n].req = p->reqs[k];
		ev[n].res = err ? -(long)err : (long)res;
		p->list[k] = NULL;
		p->inflight--;
		n++;
	}
	return n;
}

static int posixaio_reap(void *ctx, unsigned min, struct fsc_aio_event *ev,
			 unsigned max)
{
	struct posixaio *p = ctx;
	const struct timespec wait = { 0, FSC_AIO_WAIT_MS * 1000000L };
	unsigned n = collect(p, ev, max);

	/* One bounded wait: EAGAIN is the time running out. */
	if (n < min && p->inflight) {
		if (aio_suspend(p->list, (int)p->depth, &wait) < 0 &&
		    errno != EAGAIN)
			return n ? (int)n : -errno;
		n += collect(p, ev + n, max - n);
	}
	return (int)n;
}

static void posixaio_teardown(void *ctx)
{
	struct posixaio *p = ctx;
	struct fsc_aio_event ev[64];

	/* glibc's threads write into the aiocbs: wait for all of them. */
	while (p->inflight)
		posixaio_reap(p, 1, ev, 64);
	free(p->cbs);
	free(p->list);
	free(p->reqs);
	free(p);
}

/* glibc queues without limit; only its thread start can fail, for want
 * of a thread or of memory for its stack, as pthread_create's can. */
static const char *posixaio_again_why(void)
{
	static char why[256];

	snprintf(why, sizeof(why), "glibc could not start a thread to write "
		 "them: %s; raise it, or use --engine libaio or io_uring",
		 fsc_thread_again_why());
	return why;
}

static const struct fsc_aio_ops posixaio_ops = {
	.name = "posixaio",
	.setup = posixaio_setup,
	.submit = posixaio_submit,
	.reap = posixaio_reap,
	.teardown = posixaio_teardown,
	.again_why = posixaio_again_why,
};

static int posixaio_run(struct fsc_trial *t)
{
	return fsc_aio_run(t, &posixaio_ops);
}

const struct fsc_engine fsc_engine_posixaio = {
	.name = "posixaio",
	.summary = "one thread, glibc aio_write + aio_suspend (glibc's thread "
		   "pool writes, one thread per file)",
	.concurrent = true,
	.async = true,
	.submit_call = "aio_write",
	.no_dontcache = "POSIX AIO (aio_write) takes no per-write flags, so "
			"it cannot ask for uncached writes; use --engine "
			"pwrite, threads, libaio or io_uring",
	.sync_note = "glibc's aio_write only queues a write (starting a pool "
		     "thread when none is idle), so the time went to queueing "
		     "and thread start-up rather than to writing",
	.run = posixaio_run,
};
