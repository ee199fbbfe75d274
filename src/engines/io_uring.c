/* io_uring.c - io_uring through liburing: io_uring_prep_write into the
 * SQ ring, io_uring_submit, completions waited for and peeked in batches.
 * Buffered writes that cannot complete at once go to kernel workers. */
#include "config.h"

#include <errno.h>
#include <liburing.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "aio-loop.h"
#include "aio-why.h"
#include "engine.h"
#include "xalloc.h"

struct uring {
	struct io_uring ring;
	unsigned depth;
	struct io_uring_cqe **cqes;
};

static void uring_why(int err, char *why, size_t len)
{
	struct rlimit rl;
	uint64_t memlock = UINT64_MAX;

	if (getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		memlock = rl.rlim_cur;
	fsc_why_uring(err, fsc_read_sysctl(FSC_SYSCTL_URING_DISABLED), memlock,
		      why, len);
}

static int uring_setup(void **ctx, unsigned depth, char *why, size_t len)
{
	struct uring *p = xcalloc(1, sizeof(*p));
	/* CLAMP: past the kernel's ring size limit, take what it allows;
	 * the CQ ring is twice the SQ ring, so it cannot overflow while no
	 * more than the SQ ring's size is in flight. */
	int rc = io_uring_queue_init(depth, &p->ring, IORING_SETUP_CLAMP);

	if (rc < 0) {
		uring_why(rc, why, len);
		free(p);
		return rc;
	}
	p->depth = p->ring.sq.ring_entries < depth ? p->ring.sq.ring_entries :
		depth;
	p->cqes = xcalloc(p->depth, sizeof(*p->cqes));
	*ctx = p;
	return (int)p->depth;
}

static int uring_submit(void *ctx, struct fsc_aio_req **reqs, unsigned n)
{
	struct uring *p = ctx;
	/* What an earlier call queued and the kernel did not consume is
	 * still in the SQ ring, and comes back at the front of reqs. */
	unsigned k = io_uring_sq_ready(&p->ring);
	int rc;

	for (; k < n; k++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&p->ring);

		if (!sqe)
			break;	/* the SQ ring is full: submit first */
		io_uring_prep_write(sqe, reqs[k]->fd, reqs[k]->buf,
				    (unsigned)reqs[k]->len, reqs[k]->off);
		sqe->rw_flags = reqs[k]->rw_flags;
		io_uring_sqe_set_data(sqe, reqs[k]);
	}
	rc = io_uring_submit(&p->ring);
	return rc == 0 ? -EAGAIN : rc;
}

/* Wait for min completions, FSC_AIO_WAIT_MS at most: -ETIME when the
 * time ran out.  Kernels before 5.11 take no timeout with the wait (liburing
 * would queue a timeout request, sent with the writes the SQ ring holds
 * back): poll the ring instead, which is readable when a completion is
 * there. */
static int bounded_wait(struct uring *p, unsigned min,
			struct io_uring_cqe **cqe)
{
	struct __kernel_timespec ts = { 0, FSC_AIO_WAIT_MS * 1000000LL };
	struct pollfd pfd = { .fd = p->ring.ring_fd, .events = POLLIN };
	int rc;

	if (p->ring.features & IORING_FEAT_EXT_ARG)
		return io_uring_wait_cqes(&p->ring, cqe, min, &ts, NULL);
	rc = poll(&pfd, 1, FSC_AIO_WAIT_MS);
	if (rc < 0)
		return -errno;
	return rc == 0 ? -ETIME : 0;
}

static int uring_reap(void *ctx, unsigned min, struct fsc_aio_event *ev,
		      unsigned max)
{
	struct uring *p = ctx;
	struct io_uring_cqe *cqe;
	unsigned n;
	int rc;

	/* A dropped completion is a write the loop would wait for forever:
	 * fail instead (the CQ ring is sized so that it cannot happen). */
	if (*p->ring.cq.koverflow)
		return -EOVERFLOW;
	if (min && io_uring_cq_ready(&p->ring) < min) {
		rc = bounded_wait(p, min, &cqe);
		if (rc < 0)
			return rc;
	}
	n = io_uring_peek_batch_cqe(&p->ring, p->cqes,
				    max < p->depth ? max : p->depth);
	for (unsigned k = 0; k < n; k++) {
		ev[k].req = io_uring_cqe_get_data(p->cqes[k]);
		ev[k].res = p->cqes[k]->res;
	}
	io_uring_cq_advance(&p->ring, n);
	return (int)n;
}

static void uring_teardown(void *ctx)
{
	struct uring *p = ctx;

	io_uring_queue_exit(&p->ring);
	free(p->cqes);
	free(p);
}

static int uring_probe(char *why, size_t len)
{
	struct io_uring ring;
	struct io_uring_probe *pr;
	int rc = io_uring_queue_init(1, &ring, 0);

	if (rc < 0) {
		uring_why(rc, why, len);
		return rc;
	}
	pr = io_uring_get_probe_ring(&ring);
	if (!pr || !io_uring_opcode_supported(pr, IORING_OP_WRITE)) {
		snprintf(why, len, "this kernel's io_uring cannot write to "
			 "files (IORING_OP_WRITE needs Linux 5.6 or later); "
			 "use --engine libaio or threads");
		rc = -EOPNOTSUPP;
	}
	if (pr)
		io_uring_free_probe(pr);
	io_uring_queue_exit(&ring);
	return rc;
}

/* A ring of the depth the trial asks for, as uring_setup makes it. */
static int uring_probe_depth(unsigned depth, char *why, size_t len)
{
	struct io_uring ring;
	int rc = io_uring_queue_init(depth, &ring, IORING_SETUP_CLAMP);

	if (rc < 0) {
		uring_why(rc, why, len);
		return rc;
	}
	io_uring_queue_exit(&ring);
	return 0;
}

static const struct fsc_aio_ops uring_ops = {
	.name = "io_uring",
	.setup = uring_setup,
	.submit = uring_submit,
	.reap = uring_reap,
	.teardown = uring_teardown,
};

static int uring_run(struct fsc_trial *t)
{
	return fsc_aio_run(t, &uring_ops);
}

const struct fsc_engine fsc_engine_io_uring = {
	.name = "io_uring",
	.summary = "one thread, liburing prep_write + submit/wait "
		   "(kernel workers take buffered writes that would block)",
	.concurrent = true,
	.async = true,
	.submit_call = "io_uring_enter",
	.sync_note = "io_uring copied the data inline, inside "
		     "io_uring_enter, because the buffered writes could "
		     "complete without blocking; only writes that would block "
		     "go to kernel workers, and --direct makes them "
		     "asynchronous",
	.probe = uring_probe,
	.probe_depth = uring_probe_depth,
	.run = uring_run,
};
