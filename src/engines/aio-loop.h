/* aio-loop.h - the loop shared by the asynchronous engines: one thread
 * keeps --jobs files open with --iodepth writes in flight on each, through
 * a small table of operations that holds only what one API needs. */
#ifndef FSC_AIO_LOOP_H
#define FSC_AIO_LOOP_H

#include <stddef.h>
#include <stdint.h>

struct fsc_trial;

/* No reap waits longer than this, in milliseconds: the loop then looks
 * again at whether the trial is stopping (a signal, an error, the
 * stonewall), and a stop drains for at most FSC_STOP_DRAIN_SEC
 * (progress.h), however long the device takes. */
#define FSC_AIO_WAIT_MS 100

/* One write as an engine sees it.  No two requests in flight share a
 * slot (slot < the depth setup granted), so an engine may keep one
 * control block per slot. */
struct fsc_aio_req {
	int fd;
	const void *buf;
	size_t len;
	uint64_t off;
	unsigned slot;
	int rw_flags;	/* RWF_* for every write (fsc_trial_rw_flags) */
	unsigned file;	/* the loop's file (< --jobs) fd belongs to */
};

/* A completion: its request, and the bytes written or -errno. */
struct fsc_aio_event {
	struct fsc_aio_req *req;
	long res;
};

struct fsc_aio_ops {
	const char *name;	/* for messages: "io_uring" */
	/* Get ready for up to depth writes in flight.  Returns the depth
	 * the API takes (1..depth), or -errno with a reason and a fix in
	 * why. */
	int (*setup)(void **ctx, unsigned depth, char *why, size_t len);
	/* Start reqs[0..n).  Returns how many were taken from the front
	 * (1..n); each of those completes exactly once through reap.  Or
	 * -errno when none was taken: -EAGAIN and -EBUSY mean "reap some,
	 * then try again".  Requests not taken are passed again, first and
	 * in the same order, in the next call (unless the trial stops), so
	 * an engine that queued them already (io_uring's SQ ring) need not
	 * queue them twice. */
	int (*submit)(void *ctx, struct fsc_aio_req **reqs, unsigned n);
	/* Wait until at least min writes completed (min may be 0), but no
	 * longer than FSC_AIO_WAIT_MS, and store up to max of them in ev.
	 * The count (below min when the time ran out), or -errno: -EINTR,
	 * -ETIME and -EAGAIN are simply retried. */
	int (*reap)(void *ctx, unsigned min, struct fsc_aio_event *ev,
		    unsigned max);
	/* Release the engine.  Nothing is in flight by then unless reap
	 * failed for good: teardown must then wait for or cancel what is,
	 * so that no request touches the loop's memory afterwards. */
	void (*teardown)(void *ctx);
	/* Optional: file (< --jobs) is now fd, opened for the writes that
	 * follow; the previous fd of that file was closed, every write on
	 * it completed.  0, or -errno to fail the trial. */
	int (*file_open)(void *ctx, unsigned file, int fd);
	/* Why submit may keep saying -EAGAIN with nothing in flight, and
	 * what to do, for the message, asked when it is said; NULL: the
	 * kernel's queue is full. */
	const char *(*again_why)(void);
};

/* Write every file of trial t through ops.  Files are opened and closed
 * through the trial (fsc_file_open, fsc_file_close: --fsync end runs
 * there, synchronously); with --fsync each, the file is fsynced after
 * each write completes, in this thread.  A short completion is
 * resubmitted for the rest, and a write counts once it completed in
 * full.  On an error or a signal nothing new starts and every write in
 * flight is reaped before returning; when the kernel has not completed
 * them FSC_STOP_DRAIN_SEC later, the run is abandoned (fsc_trial_abandon).
 * 0, -ECANCELED on a signal, or the first -errno (already recorded for
 * the report). */
int fsc_aio_run(struct fsc_trial *t, const struct fsc_aio_ops *ops);

#endif
