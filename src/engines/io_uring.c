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
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "engines/aio-loop.h"
#include "engines/aio-why.h"
#include "engines/engine.h"
#include "engines/kworkers.h"
#include "util/xalloc.h"

struct uring {
	struct io_uring ring;
	unsigned depth;
	unsigned how;		/* FSC_URING_* */
	struct io_uring_cqe **cqes;
};

/* The trial uring_run runs, for uring_setup, which the loop calls in the
 * same thread with no trial to pass. */
static __thread struct fsc_trial *running;

/* ulimit -l, or UINT64_MAX when unlimited or unknown. */
static uint64_t memlock_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		return rl.rlim_cur;
	return UINT64_MAX;
}

/* Why io_uring_queue_init refused a ring with how. */
static void setup_why(int err, unsigned how, char *why, size_t len)
{
	if ((how & FSC_URING_SQPOLL) && (err == -EPERM || err == -EINVAL)) {
		snprintf(why, len, "--uring-sqpoll: io_uring_setup with "
			 "IORING_SETUP_SQPOLL: %s: %s", strerror(-err),
			 err == -EPERM ? "before Linux 5.11 it needs root "
			 "(CAP_SYS_ADMIN); run as root or drop --uring-sqpoll" :
			 "this kernel has no SQ polling thread for this "
			 "process; drop --uring-sqpoll");
		return;
	}
	fsc_why_uring(err, fsc_read_sysctl(FSC_SYSCTL_URING_DISABLED),
		      memlock_limit(), why, len);
}

static int ring_init(struct io_uring *ring, unsigned depth, unsigned how)
{
	struct io_uring_params par;

	memset(&par, 0, sizeof(par));
	/* CLAMP: past the kernel's ring size limit, take what it allows;
	 * the CQ ring is twice the SQ ring, so it cannot overflow while no
	 * more than the SQ ring's size is in flight. */
	par.flags = IORING_SETUP_CLAMP;
	if (how & FSC_URING_SQPOLL) {
		/* The SQ thread sleeps after 10 ms without work: it spins
		 * through a trial, not through the gaps between trials. */
		par.flags |= IORING_SETUP_SQPOLL;
		par.sq_thread_idle = 10;
		return io_uring_queue_init_params(depth, ring, &par);
	}
#ifdef IORING_SETUP_SINGLE_ISSUER
	/* One thread submits and reaps, and the kernel posts what the
	 * kernel workers completed when that thread next enters it, rather
	 * than interrupting it as each one completes (COOP_TASKRUN; the
	 * TASKRUN flag in the SQ ring says there is some).  fio's io_uring
	 * engine also asks for DEFER_TASKRUN; fsconc does not: a process
	 * killed with writes in flight then leaves them to the ring's
	 * teardown, which held the files, and their space on tmpfs, after
	 * it was gone.  Kernels before 6.0 refuse the flags: without them. */
	{
		struct io_uring_params coop = par;
		int rc;

		coop.flags |= IORING_SETUP_COOP_TASKRUN |
			IORING_SETUP_TASKRUN_FLAG | IORING_SETUP_SINGLE_ISSUER;
		rc = io_uring_queue_init_params(depth, ring, &coop);
		if (rc != -EINVAL)
			return rc;
	}
#endif
	return io_uring_queue_init_params(depth, ring, &par);
}

/* Register every block the trial's writes use: the block of each slot
 * (buffer index = slot).  Every slot has one: the ring is no deeper than
 * the writes in flight, jobs x iodepth, and the trial has a block for
 * each of those (fsc_trial_own_buffer). */
static int register_buffers(struct uring *p, struct fsc_trial *t,
			    char *why, size_t len)
{
	size_t bs = (size_t)fsc_trial_block_size(t);
	struct iovec *iov = xcalloc(p->depth, sizeof(*iov));
	int rc;

	for (unsigned k = 0; k < p->depth; k++) {
		iov[k].iov_base = fsc_trial_own_buffer(t, k);
		iov[k].iov_len = bs;
	}
	rc = io_uring_register_buffers(&p->ring, iov, p->depth);
	free(iov);
	if (rc < 0)
		snprintf(why, len, "--uring-fixed-buffers: registering %u "
			 "blocks of %zu bytes: %s%s", p->depth, bs,
			 strerror(-rc), rc == -ENOMEM ? "; registered "
			 "buffers are pinned, within ulimit -l: raise it or "
			 "lower --iodepth" : "");
	return rc;
}

/* A table of depth registered files, all empty until file_open. */
static int register_files(struct uring *p, char *why, size_t len)
{
	int *fds = xcalloc(p->depth, sizeof(*fds)), rc;

	for (unsigned k = 0; k < p->depth; k++)
		fds[k] = -1;
	rc = io_uring_register_files(&p->ring, fds, p->depth);
	free(fds);
	if (rc < 0)
		snprintf(why, len, "--uring-fixed-files: registering %u "
			 "files: %s", p->depth, strerror(-rc));
	return rc;
}

static void uring_why(int err, char *why, size_t len)
{
	fsc_why_uring(err, fsc_read_sysctl(FSC_SYSCTL_URING_DISABLED),
		      memlock_limit(), why, len);
}

static int uring_setup(void **ctx, unsigned depth, char *why, size_t len)
{
	struct uring *p = xcalloc(1, sizeof(*p));
	int rc;

	p->how = running ? fsc_trial_uring(running) : 0;
	rc = ring_init(&p->ring, depth, p->how);
	if (rc < 0) {
		setup_why(rc, p->how, why, len);
		free(p);
		return rc;
	}
	p->depth = p->ring.sq.ring_entries < depth ? p->ring.sq.ring_entries :
		depth;
	rc = 0;
	if (p->how & FSC_URING_FIXED_BUFFERS)
		rc = register_buffers(p, running, why, len);
	if (rc == 0 && (p->how & FSC_URING_FIXED_FILES))
		rc = register_files(p, why, len);
	if (rc < 0) {
		io_uring_queue_exit(&p->ring);
		free(p);
		return rc;
	}
	p->cqes = xcalloc(p->depth, sizeof(*p->cqes));
	*ctx = p;
	return (int)p->depth;
}

/* --uring-fixed-files: file slot j is now fd (the loop has closed the
 * previous one, every write on it completed). */
static int uring_file_open(void *ctx, unsigned file, int fd)
{
	struct uring *p = ctx;
	int rc;

	if (!(p->how & FSC_URING_FIXED_FILES))
		return 0;
	rc = io_uring_register_files_update(&p->ring, file, &fd, 1);
	return rc < 0 ? rc : 0;
}

static bool cooperative(const struct uring *p)
{
#ifdef IORING_SETUP_SINGLE_ISSUER
	return p->ring.flags & IORING_SETUP_COOP_TASKRUN;
#else
	(void)p;
	return false;
#endif
}

static int uring_submit(void *ctx, struct fsc_aio_req **reqs, unsigned n)
{
	struct uring *p = ctx;
	bool sqpoll = p->how & FSC_URING_SQPOLL;
	bool fixed = p->how & FSC_URING_FIXED_FILES;
	/* What an earlier call queued and the kernel did not consume is
	 * still in the SQ ring, and comes back at the front of reqs.  Under
	 * SQPOLL all that was queued counts as taken: the SQ thread
	 * consumes it in its own time, and io_uring_submit returns what the
	 * ring holds, not what this call queued. */
	unsigned k = sqpoll ? 0 : io_uring_sq_ready(&p->ring);
	int rc;

	for (; k < n; k++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&p->ring);
		struct fsc_aio_req *r = reqs[k];
		int fd = fixed ? (int)r->file : r->fd;

		if (!sqe)
			break;	/* the SQ ring is full: submit first */
		if (p->how & FSC_URING_FIXED_BUFFERS)
			io_uring_prep_write_fixed(sqe, fd, r->buf,
						  (unsigned)r->len, r->off,
						  (int)r->slot);
		else
			io_uring_prep_write(sqe, fd, r->buf, (unsigned)r->len,
					    r->off);
		if (fixed)
			io_uring_sqe_set_flags(sqe, IOSQE_FIXED_FILE);
		sqe->rw_flags = r->rw_flags;
		io_uring_sqe_set_data(sqe, r);
	}
	/* A ring that posts completions when asked posts them now too, so
	 * that the reap that follows without waiting sees them. */
	rc = cooperative(p) ? io_uring_submit_and_get_events(&p->ring) :
		io_uring_submit(&p->ring);
	if (sqpoll && rc >= 0)
		rc = (int)k;
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

/* The ring, registered buffers and files the options ask for, as
 * uring_setup makes them: a ring with SQPOLL, one block registered (and
 * all of them within ulimit -l when that binds), a table of files. */
static int uring_probe_uring(unsigned how, unsigned depth,
			     uint64_t block_size, char *why, size_t len)
{
	struct io_uring ring;
	struct io_uring_probe *pr;
	uint64_t memlock = memlock_limit();
	int rc = ring_init(&ring, depth, how), fd = -1;
	void *block = NULL;

	if (rc < 0) {
		setup_why(rc, how, why, len);
		return rc;
	}
	pr = io_uring_get_probe_ring(&ring);
	if ((how & FSC_URING_FIXED_BUFFERS) &&
	    (!pr || !io_uring_opcode_supported(pr, IORING_OP_WRITE_FIXED))) {
		snprintf(why, len, "--uring-fixed-buffers: this kernel's "
			 "io_uring has no IORING_OP_WRITE_FIXED; drop the "
			 "option");
		rc = -EOPNOTSUPP;
	}
	if (pr)
		io_uring_free_probe(pr);
	/* Registered buffers are pinned, counted against ulimit -l unless
	 * the process may lock memory without limit (CAP_IPC_LOCK: root). */
	if (rc == 0 && (how & FSC_URING_FIXED_BUFFERS) && geteuid() != 0 &&
	    memlock != UINT64_MAX && (uint64_t)depth * block_size > memlock) {
		snprintf(why, len, "--uring-fixed-buffers: %u blocks of %llu "
			 "bytes pinned exceed the locked-memory limit (ulimit "
			 "-l: %llu KiB); raise it or lower --iodepth, --jobs "
			 "or --block-size", depth,
			 (unsigned long long)block_size,
			 (unsigned long long)(memlock / 1024));
		rc = -ENOMEM;
	}
	if (rc == 0 && (how & FSC_URING_FIXED_BUFFERS)) {
		struct iovec iov;

		block = xmalloc((size_t)block_size);
		iov.iov_base = block;
		iov.iov_len = (size_t)block_size;
		rc = io_uring_register_buffers(&ring, &iov, 1);
		if (rc < 0)
			snprintf(why, len, "--uring-fixed-buffers: registering "
				 "a block of %llu bytes: %s%s",
				 (unsigned long long)block_size, strerror(-rc),
				 rc == -ENOMEM ? "; registered buffers are "
				 "pinned, within ulimit -l: raise it" : "");
	}
	if (rc == 0 && (how & FSC_URING_FIXED_FILES)) {
		fd = -1;
		rc = io_uring_register_files(&ring, &fd, 1);
		if (rc < 0)
			snprintf(why, len, "--uring-fixed-files: registering "
				 "files: %s", strerror(-rc));
	}
	io_uring_queue_exit(&ring);
	free(block);
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
	.file_open = uring_file_open,
};

/* The io-wq workers are sampled while the trial runs: a buffered write
 * that would block goes to one of them, and they are what a slow trial
 * waited for (fsconc(1), io_uring). */
static int uring_run(struct fsc_trial *t)
{
	struct fsc_kworkers kw;
	unsigned served, peak;
	int rc;

	running = t;
	fsc_kworkers_start(&kw, "iou-wrk-");
	rc = fsc_aio_run(t, &uring_ops);
	if (fsc_kworkers_stop(&kw, &served, &peak))
		fsc_trial_kernel_workers(t, served, peak);
	running = NULL;
	return rc;
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
	.probe_uring = uring_probe_uring,
	.run = uring_run,
};
