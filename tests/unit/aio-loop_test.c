/* aio-loop_test.c - the shared asynchronous loop against a fake trial
 * (the engine.h services, defined here so trial.c is not linked) and a fake
 * engine whose completions are scripted: short, refused, failed. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "engines/aio-loop.h"
#include "engines/engine.h"

#define MAXFILES 8
#define MAXSIZE  256
#define FD0      1000	/* fake descriptors: FD0 + file index */

/* --- the fake trial --- */

static struct {
	size_t nfiles;
	unsigned jobs, iodepth;
	uint64_t size, bs;
	bool each;
	long next;
	bool failed;
	int fail_err;
	char fail_op[64];
	size_t fail_file;
	char failf_msg[512];
	long stop_after_writes;		/* > 0: a "signal" after this many */
	long wall_after_writes;		/* > 0: the stonewall after this many */
	unsigned opened, closed, fsyncs;
	uint64_t closed_bytes[MAXFILES];
	bool is_open[MAXFILES];
	uint64_t writes, bytes, submit_ns, depth_max, depth_n;
	long in_kernel[MAXFILES];	/* fsc_file_in_kernel's count */
	bool may_abandon;		/* in the child that expects it */
} rl;

static char block[MAXSIZE];

unsigned fsc_trial_jobs(const struct fsc_trial *t) { (void)t; return rl.jobs; }
unsigned fsc_trial_iodepth(const struct fsc_trial *t) { (void)t; return rl.iodepth; }
uint64_t fsc_trial_file_size(const struct fsc_trial *t) { (void)t; return rl.size; }
uint64_t fsc_trial_block_size(const struct fsc_trial *t) { (void)t; return rl.bs; }
bool fsc_trial_fsync_each(const struct fsc_trial *t) { (void)t; return rl.each; }
void *fsc_trial_own_buffer(struct fsc_trial *t, unsigned k) { (void)t; (void)k; return NULL; }

const void *fsc_trial_data(const struct fsc_trial *t, void *own, size_t i,
			   uint64_t off, size_t len)
{
	(void)t;
	(void)i;
	(void)off;
	(void)len;
	assert_null(own);
	return block;
}

bool fsc_trial_stopping(const struct fsc_trial *t)
{
	(void)t;
	return rl.failed || (rl.stop_after_writes > 0 &&
			     rl.writes >= (uint64_t)rl.stop_after_writes);
}

bool fsc_trial_walled(struct fsc_trial *t)
{
	(void)t;
	return rl.wall_after_writes > 0 &&
	       rl.writes >= (uint64_t)rl.wall_after_writes;
}

long fsc_trial_next_file(struct fsc_trial *t)
{
	if (fsc_trial_stopping(t) || fsc_trial_walled(t) ||
	    (size_t)rl.next >= rl.nfiles)
		return -1;
	return rl.next++;
}

int fsc_trial_rw_flags(const struct fsc_trial *t)
{
	(void)t;
	return 0;
}

int fsc_worker_bind(struct fsc_trial *t, unsigned k)
{
	(void)t;
	(void)k;
	return 0;
}

struct fsc_worker *fsc_trial_worker(struct fsc_trial *t, unsigned k)
{
	(void)t;
	assert_int_equal(k, 0);
	return (struct fsc_worker *)&rl;
}

int fsc_file_open(struct fsc_trial *t, size_t i)
{
	(void)t;
	assert_false(rl.is_open[i]);
	rl.is_open[i] = true;
	rl.opened++;
	return FD0 + (int)i;
}

int fsc_file_close(struct fsc_trial *t, size_t i, int fd, uint64_t bytes)
{
	(void)t;
	assert_int_equal(fd, FD0 + (int)i);
	assert_true(rl.is_open[i]);
	rl.is_open[i] = false;
	rl.closed++;
	rl.closed_bytes[i] = bytes;
	return 0;
}

int fsc_file_fsync(struct fsc_trial *t, size_t i, int fd)
{
	(void)t;
	assert_int_equal(fd, FD0 + (int)i);
	rl.fsyncs++;
	return 0;
}

int fsc_trial_fail(struct fsc_trial *t, size_t i, const char *op, int err)
{
	(void)t;
	if (!rl.failed) {
		rl.failed = true;
		rl.fail_err = err;
		rl.fail_file = i;
		snprintf(rl.fail_op, sizeof(rl.fail_op), "%s", op);
	}
	return err;
}

int fsc_trial_failf(struct fsc_trial *t, int err, const char *fmt, ...)
{
	va_list ap;

	(void)t;
	if (!rl.failed) {
		rl.failed = true;
		rl.fail_err = err;
		va_start(ap, fmt);
		vsnprintf(rl.failf_msg, sizeof(rl.failf_msg), fmt, ap);
		va_end(ap);
	}
	return err;
}

void fsc_file_in_kernel(struct fsc_trial *t, size_t i, int delta)
{
	(void)t;
	assert_true(i < MAXFILES);
	rl.in_kernel[i] += delta;
	assert_true(rl.in_kernel[i] >= 0);
}

/* Defined after the fake engine, whose state it checks. */
static void check_abandoned(void) __attribute__((noreturn));

void fsc_trial_abandon(struct fsc_trial *t)
{
	(void)t;
	if (!rl.may_abandon)
		fail_msg("the run was abandoned");
	check_abandoned();
}

void fsc_worker_write(struct fsc_worker *w, uint64_t bytes,
		      uint64_t latency_ns, uint64_t submit_ns)
{
	(void)w;
	(void)latency_ns;
	assert_int_equal(submit_ns, 0);
	rl.writes++;
	rl.bytes += bytes;
}

void fsc_worker_depth(struct fsc_worker *w, unsigned inflight)
{
	(void)w;
	if (inflight > rl.depth_max)
		rl.depth_max = inflight;
	rl.depth_n++;
}

void fsc_worker_submit_time(struct fsc_worker *w, uint64_t ns)
{
	(void)w;
	rl.submit_ns += ns;
}

/* --- the fake engine: a kernel that completes in submission order --- */

#define MAXDEPTH 64

static struct {
	unsigned grant;			/* depth setup grants, 0: all */
	int setup_err;
	unsigned take_max;		/* submit takes at most this many */
	unsigned eagain_every;		/* every Nth submit: -EAGAIN */
	unsigned eagain_first;		/* the first N submits: -EAGAIN */
	bool short_first;		/* first completion of a write: half */
	bool zero_res;			/* completions of 0 bytes */
	unsigned eintr_every;		/* every Nth reap: -EINTR */
	unsigned reap_batch;		/* complete at most this many, 0: all */
	int fail_fd;			/* this write completes with -EIO */
	uint64_t fail_off;
	unsigned cancel_first;		/* each write: N times -ECANCELED */
	unsigned char canceled[MAXFILES][MAXSIZE];
	unsigned depth;
	struct fsc_aio_req *inflight[MAXDEPTH];
	unsigned ninflight, max_inflight;
	bool slot_busy[MAXDEPTH];
	bool shortened[MAXFILES][MAXSIZE];
	unsigned char cover[MAXFILES][MAXSIZE];	/* bytes written */
	struct fsc_aio_req *untaken;	/* front left by a partial take */
	bool must_reap;			/* after -EAGAIN, before resubmit */
	unsigned submits, reaps, teardowns, teardown_inflight;
	bool setup_called;
	bool stuck;			/* once stopping, nothing completes */
} fk;

static int fake_setup(void **ctx, unsigned depth, char *why, size_t len)
{
	*ctx = &fk;
	fk.setup_called = true;
	if (fk.setup_err) {
		snprintf(why, len, "fake reason; fake fix");
		return fk.setup_err;
	}
	fk.depth = fk.grant && fk.grant < depth ? fk.grant : depth;
	assert_true(fk.depth <= MAXDEPTH);
	return (int)fk.depth;
}

static int fake_submit(void *ctx, struct fsc_aio_req **reqs, unsigned n)
{
	unsigned take;

	assert_ptr_equal(ctx, &fk);
	assert_true(n > 0);
	assert_false(fk.must_reap && fk.ninflight > 0);
	/* What was not taken comes back first. */
	if (fk.untaken)
		assert_ptr_equal(reqs[0], fk.untaken);
	fk.untaken = NULL;
	fk.submits++;
	if (fk.submits <= fk.eagain_first ||
	    (fk.eagain_every && fk.submits % fk.eagain_every == 0 &&
	     fk.ninflight > 0)) {
		fk.must_reap = true;
		fk.untaken = reqs[0];
		return -EAGAIN;
	}
	take = n;
	if (fk.take_max && take > fk.take_max)
		take = fk.take_max;
	for (unsigned k = 0; k < take; k++) {
		struct fsc_aio_req *r = reqs[k];

		assert_true(r->slot < fk.depth);
		assert_false(fk.slot_busy[r->slot]);
		assert_true(r->len > 0);
		fk.slot_busy[r->slot] = true;
		fk.inflight[fk.ninflight++] = r;
	}
	if (fk.ninflight > fk.max_inflight)
		fk.max_inflight = fk.ninflight;
	if (take < n)
		fk.untaken = reqs[take];
	return (int)take;
}

static long fake_write(struct fsc_aio_req *r)
{
	unsigned f = (unsigned)(r->fd - FD0);
	long res = (long)r->len;

	assert_true(f < MAXFILES);
	assert_true(r->off + r->len <= MAXSIZE);
	if (r->fd == fk.fail_fd && r->off == fk.fail_off)
		return -EIO;
	if (fk.canceled[f][r->off] < fk.cancel_first) {
		fk.canceled[f][r->off]++;
		return -ECANCELED;
	}
	if (fk.zero_res)
		return 0;
	if (fk.short_first && r->len > 1 && !fk.shortened[f][r->off]) {
		fk.shortened[f][r->off] = true;
		res = (long)r->len / 2;
	}
	for (long b = 0; b < res; b++)
		fk.cover[f][r->off + (uint64_t)b]++;
	return res;
}

static int fake_reap(void *ctx, unsigned min, struct fsc_aio_event *ev,
		     unsigned max)
{
	unsigned n = 0;

	assert_ptr_equal(ctx, &fk);
	if (++fk.reaps > 100000)
		fail_msg("the loop spins: %u reaps", fk.reaps);
	/* Waiting for a completion when none can come would hang. */
	assert_false(min > 0 && fk.ninflight == 0);
	if (fk.eintr_every && fk.reaps % fk.eintr_every == 0)
		return -EINTR;
	/* A device that stopped completing writes: each wait times out. */
	if (fk.stuck && min > 0 && fsc_trial_stopping(NULL)) {
		const struct timespec wait = { 0, FSC_AIO_WAIT_MS * 1000000L };

		nanosleep(&wait, NULL);
		return -ETIME;
	}
	/* A kernel that is slow: nothing is ready unless waited for. */
	if (min == 0)
		return 0;
	fk.must_reap = false;
	if (fk.reap_batch && max > fk.reap_batch)
		max = fk.reap_batch;
	while (n < max && n < fk.ninflight) {
		struct fsc_aio_req *r = fk.inflight[n];

		ev[n].req = r;
		ev[n].res = fake_write(r);
		fk.slot_busy[r->slot] = false;
		n++;
	}
	fk.ninflight -= n;
	memmove(fk.inflight, fk.inflight + n, fk.ninflight * sizeof(void *));
	return (int)n;
}

static void fake_teardown(void *ctx)
{
	assert_ptr_equal(ctx, &fk);
	fk.teardowns++;
	fk.teardown_inflight = fk.ninflight;
}

static const struct fsc_aio_ops fake_ops = {
	.name = "fake",
	.setup = fake_setup,
	.submit = fake_submit,
	.reap = fake_reap,
	.teardown = fake_teardown,
};

static int reset(void **state)
{
	(void)state;
	memset(&rl, 0, sizeof(rl));
	memset(&fk, 0, sizeof(fk));
	rl.nfiles = 5;
	rl.jobs = 2;
	rl.iodepth = 4;
	rl.size = 128;
	rl.bs = 16;
	fk.fail_fd = -1;
	return 0;
}

/* Every byte of every file written exactly once, every file closed with
 * its full size, nothing left in flight. */
static void assert_all_written(void)
{
	for (size_t f = 0; f < rl.nfiles; f++) {
		for (uint64_t b = 0; b < rl.size; b++)
			if (fk.cover[f][b] != 1)
				fail_msg("file %zu byte %llu written %u times",
					 f, (unsigned long long)b,
					 fk.cover[f][b]);
		assert_int_equal(rl.closed_bytes[f], rl.size);
		assert_false(rl.is_open[f]);
	}
	assert_int_equal(rl.closed, rl.nfiles);
	assert_int_equal(rl.writes, rl.nfiles * (rl.size / rl.bs));
	assert_int_equal(rl.bytes, rl.nfiles * rl.size);
	assert_int_equal(fk.teardowns, 1);
	assert_int_equal(fk.teardown_inflight, 0);
	assert_false(rl.failed);
	for (size_t f = 0; f < MAXFILES; f++)
		assert_int_equal(rl.in_kernel[f], 0);
}

/* Ensure that every block of every file is written once, with at most
 * jobs x iodepth writes in flight. */
static void aio_run_writes_all_files(void **state)
{
	(void)state;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), 0);
	assert_all_written();
	assert_int_equal(fk.max_inflight, rl.jobs * rl.iodepth);
	assert_int_equal(rl.depth_max, rl.jobs * rl.iodepth);
	assert_int_equal(rl.depth_n, rl.writes);
}

/* Ensure that a short completion is resubmitted for the rest and the
 * write counts once, when complete. */
static void aio_run_short_completion_resubmitted(void **state)
{
	(void)state;
	fk.short_first = true;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), 0);
	assert_all_written();
}

/* Ensure that requests a submit did not take are passed again, first. */
static void aio_run_partial_submit_resubmitted(void **state)
{
	(void)state;
	fk.take_max = 1;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), 0);
	assert_all_written();
	assert_true(fk.submits >= rl.writes);
}

/* Ensure that -EAGAIN from submit makes the loop reap before retrying. */
static void aio_run_eagain_reaps_then_retries(void **state)
{
	(void)state;
	fk.eagain_every = 2;
	fk.short_first = true;
	fk.reap_batch = 2;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), 0);
	assert_all_written();
}

/* Ensure that -EAGAIN with nothing in flight is waited out, not spun on
 * or treated as an error. */
static void aio_run_eagain_idle_waits(void **state)
{
	(void)state;
	fk.eagain_first = 3;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), 0);
	assert_all_written();
}

static const char *fake_again_why(void)
{
	return "the fake's threads ran out";
}

/* Ensure that -EAGAIN with nothing in flight that never ends fails the
 * trial, with the engine's reason, asked when it is said. */
static void aio_run_eagain_forever_says_why(void **state)
{
	struct fsc_aio_ops ops = fake_ops;

	(void)state;
	ops.again_why = fake_again_why;
	fk.eagain_first = 100000;
	assert_int_equal(fsc_aio_run(NULL, &ops), -EAGAIN);
	assert_true(rl.failed);
	assert_non_null(strstr(rl.failf_msg, "writes kept being refused"));
	assert_non_null(strstr(rl.failf_msg, "the fake's threads ran out"));
}

/* Ensure that an interrupted wait is simply retried. */
static void aio_run_eintr_retried(void **state)
{
	(void)state;
	fk.eintr_every = 3;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), 0);
	assert_all_written();
}

/* Ensure that a write the kernel canceled (io_uring without a worker) is
 * tried again, and counts once. */
static void aio_run_canceled_retried(void **state)
{
	(void)state;
	fk.cancel_first = 2;
	fk.short_first = true;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), 0);
	assert_all_written();
}

/* Ensure that a write canceled again and again fails the trial, with
 * the reason, rather than spinning. */
static void aio_run_canceled_gives_up(void **state)
{
	(void)state;
	fk.cancel_first = 100;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), -ECANCELED);
	assert_true(rl.failed);
	assert_int_equal(rl.fail_err, -ECANCELED);
	assert_string_equal(rl.fail_op, "write");
	assert_int_equal(fk.teardown_inflight, 0);
	assert_int_equal(rl.writes, 0);
}

/* Ensure that a failed write stops the trial: recorded for its file,
 * nothing new opened or submitted, everything in flight reaped. */
static void aio_run_error_drains_and_stops(void **state)
{
	(void)state;
	rl.size = 256;
	fk.fail_fd = FD0 + 1;
	fk.fail_off = 32;
	fk.reap_batch = 1;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), -EIO);
	assert_true(rl.failed);
	assert_int_equal(rl.fail_err, -EIO);
	assert_int_equal(rl.fail_file, 1);
	assert_string_equal(rl.fail_op, "write");
	assert_int_equal(fk.teardowns, 1);
	assert_int_equal(fk.teardown_inflight, 0);
	assert_int_equal(fk.ninflight, 0);
	assert_int_equal(rl.opened, 2);
	assert_int_equal(rl.closed, 0);
	assert_true(rl.writes < rl.nfiles * (rl.size / rl.bs));
}

/* Ensure that a completion of 0 bytes is an error, not an endless loop. */
static void aio_run_zero_completion_fails(void **state)
{
	(void)state;
	fk.zero_res = true;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), -EIO);
	assert_int_equal(rl.fail_err, -EIO);
	assert_int_equal(rl.writes, 0);
	assert_int_equal(fk.teardown_inflight, 0);
}

/* Ensure that --fsync each fsyncs once per completed write. */
static void aio_run_fsync_each(void **state)
{
	(void)state;
	rl.each = true;
	fk.short_first = true;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), 0);
	assert_all_written();
	assert_int_equal(rl.fsyncs, rl.writes);
}

/* Ensure that a smaller depth than asked is respected. */
static void aio_run_granted_depth_respected(void **state)
{
	(void)state;
	fk.grant = 3;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), 0);
	assert_all_written();
	assert_int_equal(fk.max_inflight, 3);
}

/* Ensure that a setup failure is recorded with the engine's reason and
 * nothing is opened. */
static void aio_run_setup_failure_recorded(void **state)
{
	(void)state;
	fk.setup_err = -ENOMEM;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), -ENOMEM);
	assert_true(rl.failed);
	assert_non_null(strstr(rl.failf_msg, "fake reason; fake fix"));
	assert_non_null(strstr(rl.failf_msg, "8 writes in flight"));
	assert_int_equal(rl.opened, 0);
}

/* Ensure that a stop request (a signal) drains and returns -ECANCELED. */
static void aio_run_signal_drains(void **state)
{
	(void)state;
	rl.size = 256;
	rl.stop_after_writes = 5;
	fk.reap_batch = 1;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), -ECANCELED);
	assert_int_equal(fk.teardown_inflight, 0);
	assert_false(rl.failed);
	assert_true(rl.closed < rl.nfiles);
}

/* The abandoned run, in the child: 42 when the writes still in flight
 * are those counted as in the kernel, the engine was not torn down (its
 * memory stays for the kernel), and each wait was bounded (a few dozen
 * waits, not one that never ends); 43 otherwise. */
static void check_abandoned(void)
{
	long held = 0;

	for (size_t f = 0; f < MAXFILES; f++)
		held += rl.in_kernel[f];
	if (fk.ninflight == 0 || held != (long)fk.ninflight ||
	    fk.teardowns != 0 || fk.reaps < 10 || fk.reaps > 1000) {
		fprintf(stderr, "abandoned: %u in flight, %ld in the kernel, "
			"%u teardowns, %u reaps\n", fk.ninflight, held,
			fk.teardowns, fk.reaps);
		_exit(43);
	}
	_exit(42);
}

/* Ensure that a stop on a device that completes nothing gives up:
 * FSC_STOP_DRAIN_SEC later the run is abandoned (fsc_trial_abandon, which
 * exits: so in a child process) with the writes still in flight counted
 * as in the kernel and the engine not torn down. */
static void aio_run_stuck_device_abandoned(void **state)
{
	pid_t pid;
	int st;

	(void)state;
	rl.size = 256;
	rl.stop_after_writes = 5;
	fk.reap_batch = 1;
	fk.stuck = true;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		alarm(60);	/* a drain without a bound: killed, a failure */
		rl.may_abandon = true;
		fsc_aio_run(NULL, &fake_ops);
		fprintf(stderr, "the loop returned with writes in flight\n");
		_exit(44);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 42);
}

/* Ensure that at the stonewall nothing new starts, the writes in flight
 * complete and count, and each open file is closed with the bytes of its
 * completed writes: a trial that ends early but is measured. */
static void aio_run_wall_closes_files_in_part(void **state)
{
	uint64_t closed = 0;

	(void)state;
	rl.size = 256;
	rl.wall_after_writes = 5;
	fk.reap_batch = 1;
	fk.short_first = true;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), 0);
	assert_false(rl.failed);
	assert_int_equal(fk.teardown_inflight, 0);
	/* jobs 2: both open files were closed, no third one opened. */
	assert_int_equal(rl.opened, 2);
	assert_int_equal(rl.closed, 2);
	for (size_t f = 0; f < rl.nfiles; f++) {
		assert_false(rl.is_open[f]);
		assert_true(rl.closed_bytes[f] < rl.size);
		assert_int_equal(rl.closed_bytes[f] % rl.bs, 0);
		closed += rl.closed_bytes[f];
	}
	/* Every completed write counts, and only those. */
	assert_true(rl.writes >= 5);
	assert_int_equal(closed, rl.bytes);
	assert_int_equal(rl.bytes, rl.writes * rl.bs);
}

/* Ensure that one file with one write in flight works (jobs 1, Q 1). */
static void aio_run_depth_one(void **state)
{
	(void)state;
	rl.jobs = 1;
	rl.iodepth = 1;
	fk.short_first = true;
	assert_int_equal(fsc_aio_run(NULL, &fake_ops), 0);
	assert_all_written();
	assert_int_equal(fk.max_inflight, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(aio_run_writes_all_files, reset),
		cmocka_unit_test_setup(aio_run_short_completion_resubmitted,
				       reset),
		cmocka_unit_test_setup(aio_run_partial_submit_resubmitted,
				       reset),
		cmocka_unit_test_setup(aio_run_eagain_reaps_then_retries,
				       reset),
		cmocka_unit_test_setup(aio_run_eagain_idle_waits, reset),
		cmocka_unit_test_setup(aio_run_eagain_forever_says_why, reset),
		cmocka_unit_test_setup(aio_run_eintr_retried, reset),
		cmocka_unit_test_setup(aio_run_canceled_retried, reset),
		cmocka_unit_test_setup(aio_run_canceled_gives_up, reset),
		cmocka_unit_test_setup(aio_run_error_drains_and_stops, reset),
		cmocka_unit_test_setup(aio_run_zero_completion_fails, reset),
		cmocka_unit_test_setup(aio_run_fsync_each, reset),
		cmocka_unit_test_setup(aio_run_granted_depth_respected, reset),
		cmocka_unit_test_setup(aio_run_setup_failure_recorded, reset),
		cmocka_unit_test_setup(aio_run_signal_drains, reset),
		cmocka_unit_test_setup(aio_run_stuck_device_abandoned, reset),
		cmocka_unit_test_setup(aio_run_depth_one, reset),
		cmocka_unit_test_setup(aio_run_wall_closes_files_in_part,
				       reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
