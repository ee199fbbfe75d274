/* libaio.c - Linux native AIO through libaio: io_submit starts writes,
 * io_getevents collects them.  Buffered writes, and direct writes that
 * extend a file on ext4, are done inside io_submit: synchronously. */
#include "config.h"

#include <errno.h>
#include <libaio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engines/aio-loop.h"
#include "engines/aio-why.h"
#include "engines/engine.h"
#include "util/xalloc.h"

struct laio {
	io_context_t ctx;
	unsigned depth;
	struct iocb *cbs;		/* one per slot */
	struct iocb **batch;		/* io_submit's list */
	struct io_event *events;
};

/* libaio returns -errno and leaves errno alone. */
static int laio_create(io_context_t *ctx, unsigned depth, char *why,
		       size_t len)
{
	int rc;

	*ctx = 0;
	rc = io_setup((int)depth, ctx);
	if (rc < 0)
		fsc_why_libaio(rc, depth, fsc_read_sysctl(FSC_SYSCTL_AIO_MAX_NR),
			       fsc_read_sysctl(FSC_SYSCTL_AIO_NR), why, len);
	return rc;
}

static int laio_setup(void **ctx, unsigned depth, char *why, size_t len)
{
	struct laio *p = xcalloc(1, sizeof(*p));
	int rc = laio_create(&p->ctx, depth, why, len);

	if (rc < 0) {
		free(p);
		return rc;
	}
	p->depth = depth;
	p->cbs = xcalloc(depth, sizeof(*p->cbs));
	p->batch = xcalloc(depth, sizeof(*p->batch));
	p->events = xcalloc(depth, sizeof(*p->events));
	*ctx = p;
	return (int)depth;
}

static int laio_submit(void *ctx, struct fsc_aio_req **reqs, unsigned n)
{
	struct laio *p = ctx;
	int rc;

	for (unsigned k = 0; k < n; k++) {
		struct fsc_aio_req *r = reqs[k];
		struct iocb *cb = &p->cbs[r->slot];

		io_prep_pwrite(cb, r->fd, (void *)(uintptr_t)r->buf, r->len,
			       (long long)r->off);
		cb->aio_rw_flags = r->rw_flags;
		cb->data = r;
		p->batch[k] = cb;
	}
	/* It may take fewer than asked: the loop passes the rest again. */
	rc = io_submit(p->ctx, (long)n, p->batch);
	return rc == 0 ? -EAGAIN : rc;
}

static int laio_reap(void *ctx, unsigned min, struct fsc_aio_event *ev,
		     unsigned max)
{
	struct laio *p = ctx;
	struct timespec wait = { 0, FSC_AIO_WAIT_MS * 1000000L };
	int n;

	if (max > p->depth)
		max = p->depth;
	n = io_getevents(p->ctx, (long)min, (long)max, p->events, &wait);
	for (int k = 0; k < n; k++) {
		ev[k].req = p->events[k].data;
		/* res is unsigned: a failure is -errno stored in it. */
		ev[k].res = (long)p->events[k].res;
	}
	return n;
}

static void laio_teardown(void *ctx)
{
	struct laio *p = ctx;

	/* io_destroy waits for any write still in flight. */
	io_destroy(p->ctx);
	free(p->cbs);
	free(p->batch);
	free(p->events);
	free(p);
}

static int laio_probe(char *why, size_t len)
{
	io_context_t ctx;
	int rc = laio_create(&ctx, 1, why, len);

	if (rc == 0)
		io_destroy(ctx);
	return rc;
}

/* fs.aio-max-nr counts every context's events: try the depth itself. */
static int laio_probe_depth(unsigned depth, char *why, size_t len)
{
	io_context_t ctx;
	int rc = laio_create(&ctx, depth, why, len);

	if (rc == 0)
		io_destroy(ctx);
	return rc;
}

static const struct fsc_aio_ops laio_ops = {
	.name = "libaio",
	.setup = laio_setup,
	.submit = laio_submit,
	.reap = laio_reap,
	.teardown = laio_teardown,
};

static int laio_run(struct fsc_trial *t)
{
	return fsc_aio_run(t, &laio_ops);
}

const struct fsc_engine fsc_engine_libaio = {
	.name = "libaio",
	.summary = "one thread, Linux AIO io_submit + io_getevents "
		   "(buffered writes run inside io_submit)",
	.concurrent = true,
	.async = true,
	.submit_call = "io_submit",
	.sync_note = "libaio does a write inside io_submit when the file "
		     "system cannot queue it: every buffered write (fio "
		     "shows it as ~500 \u00b5s submission latency per 1 MiB, "
		     "against ~8 \u00b5s for io_uring), and ext4's direct "
		     "writes past the end of a file",
	.probe = laio_probe,
	.probe_depth = laio_probe_depth,
	.run = laio_run,
};
