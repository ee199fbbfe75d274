/* aio-loop.c - the asynchronous write loop: J files open, Q writes in
 * flight on each, short completions resubmitted for the rest, everything
 * reaped before returning.  Engines supply only submit and reap. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engines/aio-loop.h"
#include "engines/engine.h"
#include "util/clock.h"
#include "util/progress.h"
#include "util/xalloc.h"

/* -EAGAIN with nothing in flight leaves nothing to reap: wait 1 ms for
 * the resource to come back, for at most a second. */
#define BACKOFF_NS	1000000L
#define BACKOFF_MAX	1000
/* A reap that keeps failing while draining: give up after this many. */
#define DRAIN_TRIES	3
/* A write the kernel canceled on its own, tried again this many times. */
#define CANCEL_RETRIES	3

struct afile {
	long idx;		/* file of the trial, -1: none open here */
	int fd;
	uint64_t next;		/* next offset to hand out */
	uint64_t done;		/* bytes of writes completed in full */
	unsigned busy;		/* slots held: pending or in flight */
};

struct slot {
	struct fsc_aio_req req;	/* first: a request is its slot */
	struct afile *file;
	uint64_t start;		/* before the submit call that first took it */
	size_t size;		/* the whole write */
	size_t done;		/* bytes of it completed so far */
	unsigned canceled;	/* times in a row the kernel canceled it */
};

struct loop {
	struct fsc_trial *t;
	const struct fsc_aio_ops *ops;
	void *ctx;
	struct fsc_worker *w;
	unsigned jobs, iodepth, cap;
	uint64_t size, bs;
	bool each;
	struct afile *files;
	struct slot *slots;
	unsigned *free_slots, nfree;
	struct fsc_aio_req **pending;	/* FIFO of requests not yet taken */
	unsigned npending;
	unsigned inflight;		/* taken, not yet reaped */
	struct fsc_aio_event *ev;
	int err;			/* first failure */
};

static int fail(struct loop *l, const struct afile *f, const char *op,
		int err)
{
	if (!l->err)
		l->err = err;
	return fsc_trial_fail(l->t, (size_t)f->idx, op, err);
}

static bool stopping(const struct loop *l)
{
	return l->err || fsc_trial_stopping(l->t);
}

static void open_next(struct loop *l, struct afile *f)
{
	long i;
	int fd, rc;

	/* --size 0: each file has nothing to write, so it is closed at
	 * once and the next taken, until none is left. */
	do {
		f->idx = -1;
		i = fsc_trial_next_file(l->t);
		if (i < 0)
			return;
		fd = fsc_file_open(l->t, (size_t)i);
		if (fd < 0) {
			if (!l->err)
				l->err = fd;
			return;
		}
		f->idx = i;
		f->fd = fd;
		f->next = f->done = 0;
		f->busy = 0;
		if (l->size) {
			if (l->ops->file_open &&
			    (rc = l->ops->file_open(l->ctx,
						    (unsigned)(f - l->files),
						    fd)) < 0)
				fail(l, f, "register", rc);
			return;
		}
		rc = fsc_file_close(l->t, (size_t)i, fd, 0);
		f->idx = -1;
		if (rc < 0) {
			if (!l->err)
				l->err = rc;
			return;
		}
	} while (!stopping(l));
}

/* Queue the next write of file f in a free slot. */
static void queue_write(struct loop *l, struct afile *f)
{
	unsigned k = l->free_slots[--l->nfree];
	struct slot *s = &l->slots[k];
	size_t len = (size_t)(l->size - f->next < l->bs ? l->size - f->next :
			      l->bs);

	s->file = f;
	s->size = len;
	s->done = 0;
	s->start = 0;
	s->canceled = 0;
	s->req.fd = f->fd;
	s->req.file = (unsigned)(f - l->files);
	s->req.buf = fsc_trial_data(l->t, fsc_trial_own_buffer(l->t, k),
				    (size_t)f->idx, f->next, len);
	s->req.len = len;
	s->req.off = f->next;
	f->next += len;
	f->busy++;
	l->pending[l->npending++] = &s->req;
}

static bool wants_write(const struct loop *l, const struct afile *f)
{
	return f->idx >= 0 && f->next < l->size && f->busy < l->iodepth;
}

/* Give every open file up to Q writes, one per file per pass, so that
 * files share fairly when the engine granted less than J x Q. */
static void refill(struct loop *l)
{
	bool added = true;

	while (added && l->nfree) {
		added = false;
		for (unsigned j = 0; j < l->jobs && l->nfree; j++) {
			struct afile *f = &l->files[j];

			if (wants_write(l, f)) {
				queue_write(l, f);
				added = true;
			}
		}
	}
}

static void release(struct loop *l, struct slot *s)
{
	s->file->busy--;
	l->free_slots[l->nfree++] = s->req.slot;
}

static void in_kernel(struct loop *l, struct fsc_aio_req *r, int delta)
{
	fsc_file_in_kernel(l->t, (size_t)((struct slot *)r)->file->idx, delta);
}

/* Hand the pending requests to the engine.  0, -EAGAIN when it wants a
 * reap first, or another -errno, recorded. */
static int submit(struct loop *l)
{
	uint64_t t0 = fsc_now_ns();
	int n;

	/* In the kernel from the submit call on: libaio does a write that
	 * cannot be queued inside it. */
	for (unsigned k = 0; k < l->npending; k++)
		in_kernel(l, l->pending[k], 1);
	n = l->ops->submit(l->ctx, l->pending, l->npending);
	fsc_worker_submit_time(l->w, fsc_now_ns() - t0);
	for (unsigned k = n > 0 ? (unsigned)n : 0; k < l->npending; k++)
		in_kernel(l, l->pending[k], -1);
	if (n == 0 || n == -EBUSY || n == -EINTR)
		n = -EAGAIN;
	if (n == -EAGAIN)
		return n;
	if (n < 0)
		return fail(l, ((struct slot *)l->pending[0])->file,
			    "submit a write to", n);
	if ((unsigned)n > l->npending)
		n = (int)l->npending;
	l->inflight += (unsigned)n;
	for (int k = 0; k < n; k++) {
		struct slot *s = (struct slot *)l->pending[k];

		if (!s->start)
			s->start = t0;
		fsc_worker_depth(l->w, l->inflight);
	}
	l->npending -= (unsigned)n;
	memmove(l->pending, l->pending + n, l->npending * sizeof(*l->pending));
	return 0;
}

/* One completion.  While stopping it only frees the slot (and records an
 * error, the first one winning). */
static void complete(struct loop *l, const struct fsc_aio_event *e)
{
	struct slot *s = (struct slot *)e->req;
	struct afile *f = s->file;
	long res = e->res;
	int rc = 0;

	l->inflight--;
	fsc_file_in_kernel(l->t, (size_t)f->idx, -1);
	/* 0 bytes is no progress, and more than asked cannot be: both are
	 * reported rather than looped on. */
	if (res == 0 || (res > 0 && (size_t)res > s->req.len))
		res = -EIO;
	/* fsconc never cancels a write, but io_uring does when it cannot
	 * start the kernel worker a buffered write needs: thread creation
	 * fails while a signal is pending (a profiler's timer) or past
	 * ulimit -u.  Nothing was written: try again, a few times. */
	if (res == -ECANCELED && !stopping(l) &&
	    s->canceled++ < CANCEL_RETRIES) {
		l->pending[l->npending++] = &s->req;
		return;
	}
	if (res < 0) {
		fail(l, f, "write", (int)res);
		release(l, s);
		return;
	}
	if (stopping(l)) {
		release(l, s);
		return;
	}
	s->done += (size_t)res;
	s->canceled = 0;
	if (s->done < s->size && fsc_trial_walled(l->t)) {
		release(l, s);	/* the rest would go past the wall */
		return;
	}
	if (s->done < s->size) {
		s->req.buf = (const char *)s->req.buf + res;
		s->req.len -= (size_t)res;
		s->req.off += (uint64_t)res;
		l->pending[l->npending++] = &s->req;
		return;
	}
	if (l->each) {
		fsc_file_in_kernel(l->t, (size_t)f->idx, 1);
		rc = fsc_file_fsync(l->t, (size_t)f->idx, f->fd);
		fsc_file_in_kernel(l->t, (size_t)f->idx, -1);
	}
	if (rc < 0) {
		l->err = l->err ? l->err : rc;
		release(l, s);
		return;
	}
	fsc_worker_write(l->w, s->size, fsc_now_ns() - s->start, 0);
	f->done += s->size;
	release(l, s);
	if (f->done < l->size)
		return;
	rc = fsc_file_close(l->t, (size_t)f->idx, f->fd, f->done);
	f->idx = -1;
	if (rc < 0) {
		l->err = l->err ? l->err : rc;
		return;
	}
	open_next(l, f);
}

static bool retry_reap(int n)
{
	return n == -EINTR || n == -ETIME || n == -EAGAIN;
}

/* Reap at least min completions.  0, or -errno, recorded. */
static int reap(struct loop *l, unsigned min)
{
	int n = l->ops->reap(l->ctx, min, l->ev, l->cap);

	if (retry_reap(n))
		return 0;
	if (n < 0) {
		if (!l->err)
			l->err = n;
		return fsc_trial_failf(l->t, n, "%s: waiting for write "
				       "completions: %s", l->ops->name,
				       strerror(-n));
	}
	for (int k = 0; k < n; k++)
		complete(l, &l->ev[k]);
	return 0;
}

/* The stonewall fell: what was not taken is never written. */
static void forget_pending(struct loop *l)
{
	while (l->npending)
		release(l, (struct slot *)l->pending[--l->npending]);
}

/* After the stonewall, once nothing is in flight: close the files still
 * open with what they hold, so they count as far as they got. */
static void close_walled(struct loop *l)
{
	for (unsigned j = 0; j < l->jobs; j++) {
		struct afile *f = &l->files[j];
		int rc;

		if (f->idx < 0)
			continue;
		rc = fsc_file_close(l->t, (size_t)f->idx, f->fd, f->done);
		f->idx = -1;
		if (rc < 0 && !l->err)
			l->err = rc;
	}
}

/* The loop of a run abandoned with writes in flight: the kernel may still
 * read their buffers and control blocks, so its memory is never freed, and
 * stays reachable from here until the process exits. */
static struct loop *volatile abandoned;

/* Stop: forget what was not taken, reap what was.  The kernel or the
 * library may still read the buffers of a write in flight: when it has
 * not completed them FSC_STOP_DRAIN_SEC later, the device is not
 * completing writes, and the run is abandoned with them in flight. */
static void drain(struct loop *l)
{
	uint64_t deadline = fsc_now_ns() +
		(uint64_t)FSC_STOP_DRAIN_SEC * 1000000000u;
	int tries = 0;

	forget_pending(l);
	while (l->inflight && tries < DRAIN_TRIES) {
		if (fsc_now_ns() >= deadline) {
			struct loop *keep = xmalloc(sizeof(*keep));

			*keep = *l;
			abandoned = keep;
			fsc_trial_abandon(l->t);
		}
		int n = l->ops->reap(l->ctx, 1, l->ev, l->cap);

		if (retry_reap(n))
			continue;
		if (n < 0) {
			tries++;
			fsc_trial_failf(l->t, n, "%s: waiting for write "
					"completions: %s", l->ops->name,
					strerror(-n));
			continue;
		}
		for (int k = 0; k < n; k++)
			complete(l, &l->ev[k]);
	}
}

static int backoff(struct loop *l, unsigned *waits)
{
	const struct timespec ts = { 0, BACKOFF_NS };

	if (++*waits > BACKOFF_MAX) {
		l->err = -EAGAIN;
		return fsc_trial_failf(l->t, -EAGAIN, "%s: writes kept being "
				       "refused (%s) with none in flight: %s",
				       l->ops->name, strerror(EAGAIN),
				       l->ops->again_why ? l->ops->again_why() :
				       "the kernel has no room for them; "
				       "lower --jobs or --iodepth");
	}
	nanosleep(&ts, NULL);
	return 0;
}

static void loop_free(struct loop *l)
{
	free(l->files);
	free(l->slots);
	free(l->free_slots);
	free(l->pending);
	free(l->ev);
}

int fsc_aio_run(struct fsc_trial *t, const struct fsc_aio_ops *ops)
{
	struct loop l;
	char why[512] = "";
	unsigned waits = 0;
	int rc;

	memset(&l, 0, sizeof(l));
	l.t = t;
	l.ops = ops;
	l.w = fsc_trial_worker(t, 0);
	l.jobs = fsc_trial_jobs(t);
	l.iodepth = fsc_trial_iodepth(t);
	l.size = fsc_trial_file_size(t);
	l.bs = fsc_trial_block_size(t);
	l.each = fsc_trial_fsync_each(t);
	rc = fsc_worker_bind(t, 0);	/* --bind: the submitting thread */
	if (rc < 0)
		return rc;
	rc = ops->setup(&l.ctx, l.jobs * l.iodepth, why, sizeof(why));
	if (rc < 0)
		return fsc_trial_failf(t, rc, "%s: cannot start with %u writes "
				       "in flight: %s", ops->name,
				       l.jobs * l.iodepth,
				       why[0] ? why : strerror(-rc));
	l.cap = (unsigned)rc < l.jobs * l.iodepth ? (unsigned)rc :
		l.jobs * l.iodepth;
	l.files = xcalloc(l.jobs, sizeof(*l.files));
	l.slots = xcalloc(l.cap, sizeof(*l.slots));
	l.free_slots = xcalloc(l.cap, sizeof(*l.free_slots));
	l.pending = xcalloc(l.cap, sizeof(*l.pending));
	l.ev = xcalloc(l.cap, sizeof(*l.ev));
	for (unsigned k = 0; k < l.cap; k++) {
		l.slots[k].req.slot = k;
		l.slots[k].req.rw_flags = fsc_trial_rw_flags(t);
		l.free_slots[l.nfree++] = l.cap - 1 - k;
	}
	for (unsigned j = 0; j < l.jobs; j++) {
		l.files[j].idx = -1;
		if (!stopping(&l))
			open_next(&l, &l.files[j]);
	}
	while (!stopping(&l)) {
		if (fsc_trial_walled(t))
			forget_pending(&l);
		else
			refill(&l);
		if (!l.npending && !l.inflight)
			break;
		rc = l.npending ? submit(&l) : 0;
		if (rc < 0 && rc != -EAGAIN)
			break;
		if (l.inflight) {
			/* Block only when there is nothing left to submit,
			 * or the engine asked for a reap first. */
			if (reap(&l, rc == -EAGAIN || !l.npending) < 0)
				break;
			waits = 0;
		} else if (rc == -EAGAIN && backoff(&l, &waits) < 0) {
			break;
		}
	}
	if (!stopping(&l))
		close_walled(&l);
	drain(&l);
	for (unsigned j = 0; j < l.jobs; j++)
		if (l.files[j].idx >= 0)
			close(l.files[j].fd);
	ops->teardown(l.ctx);
	loop_free(&l);
	if (l.err)
		return l.err;
	return fsc_trial_stopping(t) ? -ECANCELED : 0;
}
