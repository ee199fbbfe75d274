/* aio-why_test.c - the reasons and fixes given when io_uring or libaio
 * will not start: each setup errno, and the sysctl values that explain
 * it.  (Setting kernel.io_uring_disabled for real would disturb every
 * other test running at the same time.) */
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

#include "engines/aio-why.h"

static char why[512];

#define assert_says(s) do { \
	if (!strstr(why, (s))) \
		fail_msg("\"%s\" does not say \"%s\"", why, (s)); \
} while (0)

/* Ensure that -ENOSYS says the kernel is too old and what to use. */
static void why_uring_enosys_old_kernel(void **state)
{
	(void)state;
	fsc_why_uring(-ENOSYS, -1, UINT64_MAX, why, sizeof(why));
	assert_says("io_uring_setup");
	assert_says("no io_uring");
	assert_says("--engine libaio");
}

/* Ensure that -EPERM with kernel.io_uring_disabled = 2 names the sysctl,
 * its value and how to turn io_uring on. */
static void why_uring_eperm_disabled_2(void **state)
{
	(void)state;
	fsc_why_uring(-EPERM, 2, UINT64_MAX, why, sizeof(why));
	assert_says("kernel.io_uring_disabled = 2");
	assert_says("sysctl -w kernel.io_uring_disabled=0");
}

/* Ensure that -EPERM with kernel.io_uring_disabled = 1 names the group. */
static void why_uring_eperm_disabled_1(void **state)
{
	(void)state;
	fsc_why_uring(-EPERM, 1, UINT64_MAX, why, sizeof(why));
	assert_says("kernel.io_uring_disabled = 1");
	assert_says("kernel.io_uring_group");
}

/* Ensure that -EPERM with io_uring enabled blames a seccomp filter, and
 * says the sysctl is 0. */
static void why_uring_eperm_seccomp(void **state)
{
	(void)state;
	fsc_why_uring(-EPERM, 0, UINT64_MAX, why, sizeof(why));
	assert_says("seccomp");
	assert_says("kernel.io_uring_disabled = 0");
	fsc_why_uring(-EPERM, -1, UINT64_MAX, why, sizeof(why));
	assert_says("seccomp");
	assert_says("has no kernel.io_uring_disabled");
}

/* Ensure that -ENOMEM names the memlock limit and its value. */
static void why_uring_enomem_memlock(void **state)
{
	(void)state;
	fsc_why_uring(-ENOMEM, -1, 64 * 1024, why, sizeof(why));
	assert_says("ulimit -l: 64 KiB");
	assert_says("LimitMEMLOCK");
	fsc_why_uring(-ENOMEM, -1, UINT64_MAX, why, sizeof(why));
	assert_null(strstr(why, "ulimit"));
}

/* Ensure that -EMFILE names the open file limit. */
static void why_uring_emfile_nofile(void **state)
{
	(void)state;
	fsc_why_uring(-EMFILE, -1, UINT64_MAX, why, sizeof(why));
	assert_says("Too many open files");
	assert_says("ulimit -n");
}

/* Ensure that libaio's -EAGAIN names fs.aio-max-nr, its value, the
 * events in use and a bigger value to set. */
static void why_libaio_eagain_aio_max_nr(void **state)
{
	(void)state;
	fsc_why_libaio(-EAGAIN, 20, 65536, 65530, why, sizeof(why));
	assert_says("io_setup(20)");
	assert_says("fs.aio-max-nr = 65536");
	assert_says("65530 in use");
	assert_says("sysctl -w fs.aio-max-nr=1048576");
}

/* Ensure that libaio's -ENOSYS names CONFIG_AIO. */
static void why_libaio_enosys(void **state)
{
	(void)state;
	fsc_why_libaio(-ENOSYS, 20, -1, -1, why, sizeof(why));
	assert_says("CONFIG_AIO");
}

/* Ensure that a sysctl file is read as a number, and anything else as
 * unknown. */
static void read_sysctl_values(void **state)
{
	char path[] = "/tmp/fsconc-sysctl-XXXXXX";
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "2\n", 2), 2);
	close(fd);
	assert_int_equal(fsc_read_sysctl(path), 2);
	fd = open(path, O_WRONLY | O_TRUNC);
	assert_int_equal(write(fd, "x\n", 2), 2);
	close(fd);
	assert_int_equal(fsc_read_sysctl(path), -1);
	unlink(path);
	assert_int_equal(fsc_read_sysctl(path), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(why_uring_enosys_old_kernel),
		cmocka_unit_test(why_uring_eperm_disabled_2),
		cmocka_unit_test(why_uring_eperm_disabled_1),
		cmocka_unit_test(why_uring_eperm_seccomp),
		cmocka_unit_test(why_uring_enomem_memlock),
		cmocka_unit_test(why_uring_emfile_nofile),
		cmocka_unit_test(why_libaio_eagain_aio_max_nr),
		cmocka_unit_test(why_libaio_enosys),
		cmocka_unit_test(read_sysctl_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
