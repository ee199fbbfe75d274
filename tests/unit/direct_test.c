/* direct_test.c - probing O_DIRECT: alignment found on a real directory,
 * a file system that refuses O_DIRECT (faked with --wrap=fcntl, glibc's
 * fcntl64 under 64-bit offsets), the block size check and its message,
 * and tmpfs named as not really direct. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "run/direct.h"

static bool refuse_direct;

int __real_fcntl(int fd, int cmd, ...);
int __wrap_fcntl(int fd, int cmd, ...);
int __real_fcntl64(int fd, int cmd, ...);
int __wrap_fcntl64(int fd, int cmd, ...);

/* F_SETFL with O_DIRECT fails as on a file system without direct I/O. */
static bool refused(int cmd, long arg)
{
	if (refuse_direct && cmd == F_SETFL && (arg & O_DIRECT)) {
		errno = EINVAL;
		return true;
	}
	return false;
}

int __wrap_fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return refused(cmd, arg) ? -1 : __real_fcntl(fd, cmd, arg);
}

int __wrap_fcntl64(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return refused(cmd, arg) ? -1 : __real_fcntl64(fd, cmd, arg);
}

static char dir[] = "/tmp/fsconc-direct-test-XXXXXX";
static int dirfd_ = -1;

static int make_dir(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	dirfd_ = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return dirfd_ < 0 ? -1 : 0;
}

static int remove_dir(void **state)
{
	(void)state;
	close(dirfd_);
	return rmdir(dir);	/* fails, and so the test, if a file stayed */
}

static bool power_of_two(uint32_t v)
{
	return v && !(v & (v - 1));
}

/* Ensure that probing a directory under /tmp finds alignments that are
 * powers of two and says where they came from, leaving no file. */
static void direct_probe_finds_alignment(void **state)
{
	struct fsc_dio d = { 0, 0, NULL };
	int rc;

	(void)state;
	refuse_direct = false;
	rc = fsc_direct_probe(dirfd_, true, &d);
	if (rc == -EINVAL)
		skip();	/* this file system has no direct I/O */
	assert_int_equal(rc, 0);
	assert_true(power_of_two(d.mem_align));
	assert_true(power_of_two(d.offset_align));
	assert_non_null(d.source);
}

/* Ensure that a file system refusing O_DIRECT gives -EINVAL. */
static void direct_probe_refused(void **state)
{
	struct fsc_dio d;

	(void)state;
	refuse_direct = true;
	assert_int_equal(fsc_direct_probe(dirfd_, true, &d), -EINVAL);
	assert_int_equal(fsc_direct_probe(dirfd_, false, &d), -EINVAL);
	refuse_direct = false;
}

/* Ensure that a block size that is not a multiple of the alignment is
 * refused with the option, the value, the target and the alignment. */
static void direct_check_misaligned(void **state)
{
	struct fsc_dio d = { 512, 512, "statx STATX_DIOALIGN" };
	char err[512];

	(void)state;
	assert_int_equal(fsc_direct_check(&d, 1 << 20, "/t", "ext4", err,
					  sizeof(err)), 0);
	assert_int_equal(fsc_direct_check(&d, 1000, "/t", "ext4", err,
					  sizeof(err)), -1);
	assert_non_null(strstr(err, "--block-size 1000"));
	assert_non_null(strstr(err, "multiple of 512"));
	assert_non_null(strstr(err, "/t (ext4, from statx"));
}

/* Ensure that tmpfs, and only it, is named as not really direct. */
static void direct_cached_tmpfs(void **state)
{
	(void)state;
	assert_true(fsc_direct_cached(0x01021994));
	assert_false(fsc_direct_cached(0xef53));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(direct_probe_finds_alignment),
		cmocka_unit_test(direct_probe_refused),
		cmocka_unit_test(direct_check_misaligned),
		cmocka_unit_test(direct_cached_tmpfs),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
