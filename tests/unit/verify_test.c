/* verify_test.c - --verify's stamps and check: files built in memory
 * (memfd) with a lost, misplaced, stale or torn block must fail, naming
 * the offset and what the block holds instead. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/verify.h"

#define BS     4096
#define NBLK   4
#define SIZE   (BS * NBLK)
#define FILE_I 3
#define ROUND  2

static unsigned char pattern[BS];
static unsigned char image[SIZE];	/* the file as the test builds it */
static unsigned char scratch[BS];
static char why[512];
static _Atomic uint64_t done;	/* bytes checked, as the progress line reads */

static void block_as(unsigned b, uint32_t file, uint32_t round, uint64_t off)
{
	memcpy(image + (size_t)b * BS, pattern, BS);
	fsc_stamp(image + (size_t)b * BS, BS, file, round, off);
}

/* The file every test starts from: each block stamped as written. */
static int good_image(void **state)
{
	uint64_t x = 88172645463325252ULL;

	(void)state;
	for (size_t i = 0; i < BS; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		pattern[i] = (unsigned char)(x | 1);
	}
	for (unsigned b = 0; b < NBLK; b++)
		block_as(b, FILE_I, ROUND, (uint64_t)b * BS);
	why[0] = '\0';
	atomic_store(&done, 0);
	return 0;
}

/* Check the first len bytes of image as file FILE_I of round ROUND, of
 * size bytes, read from a memfd; the bytes checked go to *d. */
static int check_as(size_t len, uint64_t size, _Atomic uint64_t *d)
{
	int fd = memfd_create("fsconc-verify-test", MFD_CLOEXEC);
	int rc;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, image, len), (ssize_t)len);
	rc = fsc_verify_fd(fd, pattern, size, BS, FILE_I, ROUND, scratch, d,
			   why, sizeof(why));
	close(fd);
	return rc;
}

static int check(size_t len)
{
	return check_as(len, SIZE, &done);
}

#define assert_says(s) do { \
	if (!strstr(why, (s))) \
		fail_msg("\"%s\" does not say \"%s\"", why, (s)); \
} while (0)

/* Ensure that a file written as stamped passes, with every byte counted
 * as checked, or none when nothing counts them. */
static void verify_good_file_passes(void **state)
{
	(void)state;
	assert_int_equal(check(SIZE), 0);
	assert_int_equal(atomic_load(&done), SIZE);
	assert_int_equal(check_as(SIZE, SIZE, NULL), 0);
	assert_int_equal(atomic_load(&done), SIZE);
}

/* Ensure that a short last block counts its own bytes: the count ends at
 * the file's size. */
static void verify_counts_short_last_block(void **state)
{
	const size_t len = 3 * BS + BS / 2;

	(void)state;
	memcpy(image + 3 * BS, pattern, BS / 2);
	fsc_stamp(image + 3 * BS, BS / 2, FILE_I, ROUND, 3 * BS);
	assert_int_equal(check_as(len, len, &done), 0);
	assert_int_equal(atomic_load(&done), len);
}

/* Ensure that a block of zeros (a hole) is a lost write at its offset. */
static void verify_zero_block_lost(void **state)
{
	(void)state;
	memset(image + 2 * BS, 0, BS);
	assert_int_equal(check(SIZE), -1);
	assert_says("offset 8192: lost write");
	assert_says("zeros");
	/* The blocks before it were checked; it and those after were not. */
	assert_int_equal(atomic_load(&done), 2 * BS);
}

/* Ensure that a block holding another offset's write is misplaced, and
 * both offsets are named. */
static void verify_misplaced_offset(void **state)
{
	(void)state;
	block_as(1, FILE_I, ROUND, 3 * BS);
	assert_int_equal(check(SIZE), -1);
	assert_says("offset 4096: misplaced write");
	assert_says("file 3 at offset 12288");
}

/* Ensure that a block holding another file's write is misplaced and
 * names that file. */
static void verify_misplaced_file(void **state)
{
	(void)state;
	block_as(0, 7, ROUND, 0);
	assert_int_equal(check(SIZE), -1);
	assert_says("offset 0: misplaced write");
	assert_says("file 7 at offset 0");
}

/* Ensure that an earlier round's data at the right place is a lost write
 * of this round. */
static void verify_stale_round(void **state)
{
	(void)state;
	block_as(3, FILE_I, ROUND - 1, 3 * BS);
	assert_int_equal(check(SIZE), -1);
	assert_says("offset 12288: lost write");
	assert_says("round 1");
}

/* Ensure that unstamped data (what the file held before the trial) is a
 * lost write. */
static void verify_unstamped_lost(void **state)
{
	(void)state;
	memcpy(image + BS, pattern, BS);
	assert_int_equal(check(SIZE), -1);
	assert_says("offset 4096: lost write");
	assert_says("before the trial");
}

/* Ensure that a block whose tail comes from another offset's write is a
 * torn write naming where the tail came from. */
static void verify_torn_tail(void **state)
{
	unsigned char other[BS];

	(void)state;
	memcpy(other, pattern, BS);
	fsc_stamp(other, BS, FILE_I, ROUND, 0);
	memcpy(image + 2 * BS + BS / 2, other + BS / 2, BS / 2);
	assert_int_equal(check(SIZE), -1);
	assert_says("offset 8192: torn write");
	assert_says("file 3 at offset 0");
}

/* Ensure that a changed byte between intact stamps is a torn write at
 * that byte. */
static void verify_torn_middle(void **state)
{
	(void)state;
	image[BS + 100] ^= 0x40;
	assert_int_equal(check(SIZE), -1);
	assert_says("offset 4096: torn write: byte 100");
}

/* Ensure that a file cut short is a lost write at the first missing
 * block. */
static void verify_short_file(void **state)
{
	(void)state;
	assert_int_equal(check(SIZE - BS - 10), -1);
	assert_says("offset 8192: lost write");
	assert_int_equal(atomic_load(&done), 0);	/* size checked first */
}

/* Ensure that the smallest block --verify allows, both stamps back to
 * back, is stamped and checked. */
static void verify_min_block(void **state)
{
	unsigned char b[FSC_VERIFY_MIN_BLOCK];

	(void)state;
	memcpy(b, pattern, sizeof(b));
	fsc_stamp(b, sizeof(b), 1, 0, 64);
	assert_int_equal(fsc_verify_block(b, pattern, sizeof(b), 1, 0, 64,
					  why, sizeof(why)), 0);
	assert_int_equal(fsc_verify_block(b, pattern, sizeof(b), 1, 0, 128,
					  why, sizeof(why)), -1);
	assert_says("offset 128: misplaced write");
}

/* Ensure that a read error is returned as -errno, not as a mismatch. */
static void verify_read_error(void **state)
{
	char path[] = "/tmp/fsconc-verify-XXXXXX";
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, image, SIZE), SIZE);
	close(fd);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	unlink(path);
	assert_true(fd >= 0);
	assert_int_equal(fsc_verify_fd(fd, pattern, SIZE, BS, FILE_I, ROUND,
				       scratch, &done, why, sizeof(why)),
			 -EBADF);
	assert_int_equal(atomic_load(&done), 0);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(verify_good_file_passes, good_image),
		cmocka_unit_test_setup(verify_counts_short_last_block,
				       good_image),
		cmocka_unit_test_setup(verify_zero_block_lost, good_image),
		cmocka_unit_test_setup(verify_misplaced_offset, good_image),
		cmocka_unit_test_setup(verify_misplaced_file, good_image),
		cmocka_unit_test_setup(verify_stale_round, good_image),
		cmocka_unit_test_setup(verify_unstamped_lost, good_image),
		cmocka_unit_test_setup(verify_torn_tail, good_image),
		cmocka_unit_test_setup(verify_torn_middle, good_image),
		cmocka_unit_test_setup(verify_short_file, good_image),
		cmocka_unit_test_setup(verify_min_block, good_image),
		cmocka_unit_test_setup(verify_read_error, good_image),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
