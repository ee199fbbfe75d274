/* syncio_test.c - unit tests for the synchronous write path shared by the
 * pwrite and threads engines (syncio.c), through real tiny runs with faults
 * injected into pwrite (short writes, EINTR, a return of 0, ENOSPC), fsync
 * and close (an error, reported once and never retried into success), and
 * syncfs (a writeback that failed: the run fails). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/options.h"
#include "cmd/cmd.h"
#include "host/target.h"
#include "run/plan.h"
#include "run/run.h"
#include "run/rundir.h"
#include "util/progress.h"

#define FILE_SIZE  (256 * 1024)
#define BLOCK_SIZE (64 * 1024)
#define NFILES     2

/* --- the pwrite fake: off unless a test turns a fault on --- */

enum fault {
	FAULT_NONE,		/* straight through, not counted */
	FAULT_WATCH,		/* counted and the data block kept, no fault */
	FAULT_SHORT,		/* every write does half of what it is asked */
	FAULT_EINTR,		/* every other call fails with EINTR */
	FAULT_ZERO,		/* the second call returns 0 */
	FAULT_ENOSPC_THIRD,	/* the third call fails with ENOSPC */
};

static _Atomic enum fault fault = FAULT_NONE;
static atomic_uint calls, injected;
/* The first full block the run loop asked to write, to check what the
 * files hold afterwards. */
static unsigned char block[BLOCK_SIZE];
static atomic_bool have_block;

ssize_t __real_pwrite64(int fd, const void *buf, size_t n, off_t off);
ssize_t __real_pwrite(int fd, const void *buf, size_t n, off_t off);
ssize_t __wrap_pwrite64(int fd, const void *buf, size_t n, off_t off);
ssize_t __wrap_pwrite(int fd, const void *buf, size_t n, off_t off);

/* Both wrappers behave alike: glibc may name the call either way. */
static ssize_t fake_pwrite(ssize_t (*real)(int, const void *, size_t, off_t),
			   int fd, const void *buf, size_t n, off_t off)
{
	enum fault f = atomic_load(&fault);
	unsigned k;

	if (f == FAULT_NONE)
		return real(fd, buf, n, off);
	k = atomic_fetch_add(&calls, 1) + 1;
	if (n == BLOCK_SIZE && !atomic_exchange(&have_block, true))
		memcpy(block, buf, BLOCK_SIZE);
	switch (f) {
	case FAULT_SHORT:
		if (n > 1) {
			n /= 2;
			atomic_fetch_add(&injected, 1);
		}
		break;
	case FAULT_EINTR:
		if (k % 2) {
			atomic_fetch_add(&injected, 1);
			errno = EINTR;
			return -1;
		}
		break;
	case FAULT_ZERO:
		if (k == 2) {
			atomic_fetch_add(&injected, 1);
			return 0;
		}
		break;
	case FAULT_ENOSPC_THIRD:
		if (k == 3) {
			atomic_fetch_add(&injected, 1);
			errno = ENOSPC;
			return -1;
		}
		break;
	default:
		break;
	}
	return real(fd, buf, n, off);
}

ssize_t __wrap_pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	return fake_pwrite(__real_pwrite64, fd, buf, n, off);
}

ssize_t __wrap_pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return fake_pwrite(__real_pwrite, fd, buf, n, off);
}

/* --- fsync and close fakes: straight through unless armed --- */

/* The errno the next fsync, or the next close of a data file, fails with
 * (once); 0: off. */
static atomic_int fsync_err, close_err;
static atomic_uint fsyncs_after_failure, close_failures;
static atomic_bool fsync_failed;

int __real_fsync(int fd);
int __wrap_fsync(int fd);
int __real_close(int fd);
int __wrap_close(int fd);

int __wrap_fsync(int fd)
{
	int e = atomic_exchange(&fsync_err, 0);

	if (e) {
		atomic_store(&fsync_failed, true);
		errno = e;
		return -1;
	}
	if (atomic_load(&fsync_failed))
		atomic_fetch_add(&fsyncs_after_failure, 1);
	return __real_fsync(fd);
}

/* Only a file the run wrote (a regular file of FILE_SIZE bytes) fails:
 * the descriptor is closed all the same, as Linux does. */
int __wrap_close(int fd)
{
	struct stat st;
	int e = atomic_load(&close_err);

	if (e && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size == FILE_SIZE && atomic_exchange(&close_err, 0)) {
		atomic_fetch_add(&close_failures, 1);
		__real_close(fd);
		errno = e;
		return -1;
	}
	return __real_close(fd);
}

/* --- the syncfs fake: counts calls; fails one with EIO when armed --- */

static atomic_uint syncfs_calls, syncfs_fail_at;

int __real_syncfs(int fd);
int __wrap_syncfs(int fd);

int __wrap_syncfs(int fd)
{
	unsigned k = atomic_fetch_add(&syncfs_calls, 1) + 1;

	if (k == atomic_load(&syncfs_fail_at)) {
		errno = EIO;
		return -1;
	}
	return __real_syncfs(fd);
}

/* --- a private target directory --- */

static char tmpdir[PATH_MAX];
static char err[1024];

static int make_tmpdir(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "%s/fsconc-syncio.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(tmpdir) ? 0 : -1;
}

/* Remove a run directory fsconc left (with --keep, or after a failed
 * test): its files, its marker, itself.  Only names fsconc uses. */
static void remove_rundir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (fsc_is_file_name(e->d_name) ||
		    strcmp(e->d_name, FSC_MARKER) == 0) {
			char p[PATH_MAX + 300];

			snprintf(p, sizeof(p), "%s/%s", path, e->d_name);
			unlink(p);
		}
	closedir(d);
	rmdir(path);
}

/* Names of run directories in tmpdir, removing them; how many. */
static unsigned sweep_rundirs(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	unsigned n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (strncmp(e->d_name, FSC_RUNDIR_PREFIX,
			    strlen(FSC_RUNDIR_PREFIX)) == 0) {
			char p[PATH_MAX + 300];

			snprintf(p, sizeof(p), "%s/%s", tmpdir, e->d_name);
			print_message("left behind: %s\n", p);
			remove_rundir(p);
			n++;
		}
	closedir(d);
	return n;
}

static int remove_tmpdir(void **state)
{
	(void)state;
	sweep_rundirs();
	return rmdir(tmpdir);
}

/* Each test starts with the fake off and nothing in tmpdir, and leaves
 * nothing there even when it fails. */
static const char *fsync_mode;

static int reset(void **state)
{
	(void)state;
	fsync_mode = "none";
	atomic_store(&fsync_err, 0);
	atomic_store(&close_err, 0);
	atomic_store(&fsyncs_after_failure, 0);
	atomic_store(&close_failures, 0);
	atomic_store(&fsync_failed, false);
	atomic_store(&syncfs_calls, 0);
	atomic_store(&syncfs_fail_at, 0);
	atomic_store(&fault, FAULT_NONE);
	atomic_store(&calls, 0);
	atomic_store(&injected, 0);
	atomic_store(&have_block, false);
	return 0;
}

static int clean(void **state)
{
	atomic_store(&fault, FAULT_NONE);
	sweep_rundirs();
	return reset(state);
}

/* --- running fsconc --- */

/* One run of engine on tmpdir with the fault on; returns fsc_run's
 * status.  With keep, the run directory's path is copied to kept. */
static int run(const char *engine, enum fault f, bool keep, char *kept,
	       size_t keptlen)
{
	char *argv[] = { "fsconc", "--dir", tmpdir, "--files", "2",
		"--size", "256K", "--block-size", "64K", "--rounds", "1",
		"--warmup", "0", "--engine", (char *)engine,
		keep ? "--keep" : "--quiet", "--fsync", (char *)fsync_mode,
		NULL };
	struct fsc_opts o;
	struct fsc_result p;
	int status;

	assert_int_equal(fsc_stop_signal(), 0);
	if (fsc_cmd_parse(&o, 18, argv, err, sizeof(err)) != 0)
		fail_msg("options: %s", err);
	if (fsc_plan_build(&p, &o, err, sizeof(err)) != 0)
		fail_msg("plan: %s", err);
	assert_int_equal(p.ntrials, 1);
	err[0] = '\0';
	atomic_store(&fault, f);
	status = fsc_run(&p, err, sizeof(err));
	atomic_store(&fault, FAULT_NONE);
	if (status == FSC_EXIT_OK) {
		const struct fsc_round *r = &p.trials[0].rounds[0];

		assert_int_equal(p.trials[0].done, 1);
		assert_int_equal(r->bytes, NFILES * FILE_SIZE);
		for (unsigned i = 0; i < NFILES; i++)
			assert_int_equal(r->files[i].bytes, FILE_SIZE);
	}
	if (keep && kept) {
		assert_non_null(p.targets[0].rundir);
		snprintf(kept, keptlen, "%s", p.targets[0].rundir);
	}
	fsc_plan_free(&p);
	fsc_opts_free(&o);
	return status;
}

/* Fail unless dir holds file i of a one-trial run of engine, full size,
 * every block the data the run loop wrote. */
static void check_file(const char *dir, const char *engine, unsigned jobs,
		       size_t i)
{
	char name[96], path[PATH_MAX + 100];
	unsigned char *data = malloc(FILE_SIZE);
	struct stat st;
	int fd;

	assert_non_null(data);
	fsc_file_name(name, sizeof(name), 0, engine, jobs, i);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (stat(path, &st) < 0)
		fail_msg("%s: %s", path, strerror(errno));
	if (st.st_size != FILE_SIZE)
		fail_msg("%s: %lld bytes, expected %d", path,
			 (long long)st.st_size, FILE_SIZE);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, data, FILE_SIZE), FILE_SIZE);
	close(fd);
	assert_true(atomic_load(&have_block));
	for (size_t off = 0; off < FILE_SIZE; off += BLOCK_SIZE)
		if (memcmp(data + off, block, BLOCK_SIZE) != 0)
			fail_msg("%s: block at %zu is not the data written",
				 path, off);
	free(data);
}

/* Fail unless tmpdir holds no run directory. */
static void assert_no_leftovers(void)
{
	unsigned n = sweep_rundirs();

	if (n)
		fail_msg("%u run directories left in %s", n, tmpdir);
}

/* Ensure that a run with the fake off writes and measures every byte
 * and leaves nothing behind. */
static void run_clean_pwrite_and_threads(void **state)
{
	(void)state;
	assert_int_equal(run("pwrite", FAULT_NONE, false, NULL, 0),
			 FSC_EXIT_OK);
	assert_no_leftovers();
	assert_int_equal(run("threads", FAULT_NONE, false, NULL, 0),
			 FSC_EXIT_OK);
	assert_no_leftovers();
}

/* Short writes on every call: the loop must go on from where each one
 * stopped until the file is whole. */
static void short_writes_continue(const char *engine, unsigned jobs)
{
	char kept[PATH_MAX];

	assert_int_equal(run(engine, FAULT_SHORT, true, kept, sizeof(kept)),
			 FSC_EXIT_OK);
	/* Each 64 KiB block takes 17 calls (halving down to 1 byte). */
	if (atomic_load(&injected) < NFILES * (FILE_SIZE / BLOCK_SIZE) * 16)
		fail_msg("only %u short writes injected",
			 atomic_load(&injected));
	for (size_t i = 0; i < NFILES; i++)
		check_file(kept, engine, jobs, i);
	remove_rundir(kept);
	assert_no_leftovers();
}

/* Ensure that pwrite continues after short writes and writes whole
 * files. */
static void pwrite_short_writes(void **state)
{
	(void)state;
	short_writes_continue("pwrite", 1);
}

/* Ensure that threads continue after short writes and write whole
 * files. */
static void threads_short_writes(void **state)
{
	(void)state;
	short_writes_continue("threads", NFILES);
}

/* EINTR on every other call: retried, the files come out whole. */
static void eintr_retried(const char *engine, unsigned jobs)
{
	char kept[PATH_MAX];

	assert_int_equal(run(engine, FAULT_EINTR, true, kept, sizeof(kept)),
			 FSC_EXIT_OK);
	if (atomic_load(&injected) < NFILES * (FILE_SIZE / BLOCK_SIZE))
		fail_msg("only %u EINTRs injected", atomic_load(&injected));
	for (size_t i = 0; i < NFILES; i++)
		check_file(kept, engine, jobs, i);
	remove_rundir(kept);
	assert_no_leftovers();
}

/* Ensure that pwrite retries a write interrupted by a signal. */
static void pwrite_eintr_retried(void **state)
{
	(void)state;
	eintr_retried("pwrite", 1);
}

/* Ensure that threads retry a write interrupted by a signal. */
static void threads_eintr_retried(void **state)
{
	(void)state;
	eintr_retried("threads", NFILES);
}

/* A pwrite returning 0 for a non-empty write: an error, not a loop. */
static void zero_is_error(const char *engine)
{
	char name[96];

	assert_int_equal(run(engine, FAULT_ZERO, false, NULL, 0),
			 FSC_EXIT_FAIL);
	assert_int_equal(atomic_load(&injected), 1);
	snprintf(name, sizeof(name), "s0.%s.j", engine);
	if (!strstr(err, name) || !strstr(err, "write"))
		fail_msg("message does not name the write and file: %s", err);
	/* The run stopped: no more calls than the files hold blocks. */
	assert_in_range(atomic_load(&calls), 2,
			NFILES * (FILE_SIZE / BLOCK_SIZE));
	assert_no_leftovers();
}

/* Ensure that pwrite treats a return of 0 as an error. */
static void pwrite_zero_is_error(void **state)
{
	(void)state;
	zero_is_error("pwrite");
}

/* Ensure that threads treat a return of 0 as an error. */
static void threads_zero_is_error(void **state)
{
	(void)state;
	zero_is_error("threads");
}

/* ENOSPC on the third write: exit 1, a message naming the file and the
 * reason, and nothing left behind. */
static void enospc_fails_cleanly(const char *engine, unsigned jobs)
{
	char name[96];

	assert_int_equal(run(engine, FAULT_ENOSPC_THIRD, false, NULL, 0),
			 FSC_EXIT_FAIL);
	assert_int_equal(atomic_load(&injected), 1);
	if (jobs == 1)	/* the third write is file 0's third block */
		fsc_file_name(name, sizeof(name), 0, engine, jobs, 0);
	else		/* one of the files in flight */
		snprintf(name, sizeof(name), "s0.%s.j%u.", engine, jobs);
	if (!strstr(err, name))
		fail_msg("message does not name %s: %s", name, err);
	if (!strstr(err, strerror(ENOSPC)))
		fail_msg("message does not say \"%s\": %s", strerror(ENOSPC),
			 err);
	if (!strstr(err, tmpdir))
		fail_msg("message does not name the target: %s", err);
	assert_null(strchr(err, '\n'));
	assert_no_leftovers();
}

/* Ensure that pwrite stops on ENOSPC, says where, and cleans up. */
static void pwrite_enospc(void **state)
{
	(void)state;
	enospc_fails_cleanly("pwrite", 1);
}

/* Ensure that threads stop on ENOSPC, say where, and clean up. */
static void threads_enospc(void **state)
{
	(void)state;
	enospc_fails_cleanly("threads", NFILES);
}

/* An fsync (mode end or each) or a close that fails: exit 1, one message
 * naming the call, the file and the reason, nothing left behind, and no
 * fsync of anything after the failure (never retried into success). */
static void sync_error_reported(const char *engine, const char *mode,
				const char *call, atomic_int *arm)
{
	fsync_mode = mode;
	atomic_store(arm, EIO);
	assert_int_equal(run(engine, FAULT_NONE, false, NULL, 0),
			 FSC_EXIT_FAIL);
	assert_int_equal(atomic_load(arm), 0);	/* it did fail */
	if (strncmp(err, call, strlen(call)) != 0 || !strstr(err, tmpdir) ||
	    !strstr(err, strerror(EIO)) || !strstr(err, "s0."))
		fail_msg("%s %s, --fsync %s: message: %s", engine, call, mode,
			 err);
	assert_null(strchr(err, '\n'));
	if (strcmp(engine, "pwrite") == 0)
		assert_int_equal(atomic_load(&fsyncs_after_failure), 0);
	assert_no_leftovers();
}

/* Ensure that an fsync error after the last write stops the run. */
static void fsync_end_error(void **state)
{
	(void)state;
	sync_error_reported("pwrite", "end", "fsync", &fsync_err);
	reset(state);
	sync_error_reported("threads", "end", "fsync", &fsync_err);
}

/* Ensure that an fsync error after a write (--fsync each) stops the run. */
static void fsync_each_error(void **state)
{
	(void)state;
	sync_error_reported("pwrite", "each", "fsync", &fsync_err);
	reset(state);
	sync_error_reported("threads", "each", "fsync", &fsync_err);
}

/* Ensure that a close error is an error, with or without fsync. */
static void close_error(void **state)
{
	(void)state;
	sync_error_reported("pwrite", "none", "close", &close_err);
	assert_int_equal(atomic_load(&close_failures), 1);
	reset(state);
	sync_error_reported("threads", "end", "close", &close_err);
	assert_int_equal(atomic_load(&close_failures), 1);
}

/* Ensure that a syncfs that fails, wherever the run makes it, fails the
 * run: before the trial (the writeback of what came before), after its
 * files are removed, and the last one, at the end of the run, which
 * --keep's files rely on.  The message names syncfs, the target and the
 * reason, and nothing is left behind. */
static void syncfs_error(void **state)
{
	unsigned made;

	(void)state;
	assert_int_equal(run("pwrite", FAULT_NONE, false, NULL, 0),
			 FSC_EXIT_OK);
	made = atomic_load(&syncfs_calls);
	assert_int_equal(made, 3);	/* before, after removing, at the end */
	for (unsigned k = 1; k <= made; k++) {
		atomic_store(&syncfs_calls, 0);
		atomic_store(&syncfs_fail_at, k);
		assert_int_equal(run("threads", FAULT_NONE, false, NULL, 0),
				 FSC_EXIT_FAIL);
		if (!strstr(err, "syncfs") || !strstr(err, tmpdir) ||
		    !strstr(err, strerror(EIO)))
			fail_msg("syncfs %u failing: message: %s", k, err);
		assert_null(strchr(err, '\n'));
		assert_no_leftovers();
	}
}

/* Ensure that --keep after a clean run leaves whole files (the baseline
 * the short-write tests compare with). */
static void keep_leaves_whole_files(void **state)
{
	char kept[PATH_MAX];

	(void)state;
	assert_int_equal(run("pwrite", FAULT_WATCH, true, kept, sizeof(kept)),
			 FSC_EXIT_OK);
	/* One call per block: nothing split or retried. */
	assert_int_equal(atomic_load(&calls),
			 NFILES * (FILE_SIZE / BLOCK_SIZE));
	for (size_t i = 0; i < NFILES; i++)
		check_file(kept, "pwrite", 1, i);
	remove_rundir(kept);
	assert_no_leftovers();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(run_clean_pwrite_and_threads,
						reset, clean),
		cmocka_unit_test_setup_teardown(keep_leaves_whole_files,
						reset, clean),
		cmocka_unit_test_setup_teardown(pwrite_short_writes, reset,
						clean),
		cmocka_unit_test_setup_teardown(threads_short_writes, reset,
						clean),
		cmocka_unit_test_setup_teardown(pwrite_eintr_retried, reset,
						clean),
		cmocka_unit_test_setup_teardown(threads_eintr_retried, reset,
						clean),
		cmocka_unit_test_setup_teardown(pwrite_zero_is_error, reset,
						clean),
		cmocka_unit_test_setup_teardown(threads_zero_is_error, reset,
						clean),
		cmocka_unit_test_setup_teardown(pwrite_enospc, reset, clean),
		cmocka_unit_test_setup_teardown(threads_enospc, reset, clean),
		cmocka_unit_test_setup_teardown(fsync_end_error, reset, clean),
		cmocka_unit_test_setup_teardown(fsync_each_error, reset, clean),
		cmocka_unit_test_setup_teardown(close_error, reset, clean),
		cmocka_unit_test_setup_teardown(syncfs_error, reset, clean),
	};

	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
