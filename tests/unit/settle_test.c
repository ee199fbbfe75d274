/* settle_test.c - the file overwrite starts from (fsc_files_settle):
 * read back in full through the page cache, a short file refused, and
 * under --direct and --cache dontcache its pages dropped from the cache
 * (on a file system with a page cache of its own; tmpfs keeps them). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cmocka.h>

#include "run/files.h"

#define SIZE (1024 * 1024)
#define BS (64 * 1024)

static char dir[] = "settle_test.XXXXXX";
static char path[sizeof(dir) + 8];
static char block[BS];

/* A file of SIZE bytes, written and fsynced, open read-write. */
static int made(void)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	assert_true(fd >= 0);
	memset(block, 'x', sizeof(block));
	for (off_t off = 0; off < SIZE; off += BS)
		assert_int_equal(pwrite(fd, block, BS, off), BS);
	assert_int_equal(fsync(fd), 0);
	return fd;
}

/* The pages of fd's first SIZE bytes in the page cache. */
static unsigned resident(int fd)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t n = SIZE / (size_t)page;
	unsigned char *vec = calloc(n, 1);
	void *m = mmap(NULL, SIZE, PROT_READ, MAP_SHARED, fd, 0);
	unsigned k = 0;

	assert_non_null(vec);
	assert_true(m != MAP_FAILED);
	assert_int_equal(mincore(m, SIZE, vec), 0);
	for (size_t i = 0; i < n; i++)
		k += vec[i] & 1;
	munmap(m, SIZE);
	free(vec);
	return k;
}

static struct fsc_opts opts(bool direct, bool dontcache)
{
	struct fsc_opts o;

	memset(&o, 0, sizeof(o));
	o.size = SIZE;
	o.block_size = BS;
	o.direct = direct;
	o.dontcache = dontcache;
	return o;
}

static void read_back_keeps_the_pages(void **state)
{
	struct fsc_opts o = opts(false, false);
	static char scratch[BS];
	int fd = made();

	(void)state;
	assert_int_equal(fsc_files_settle(&o, fd, scratch), 0);
	assert_int_equal(resident(fd), SIZE / sysconf(_SC_PAGESIZE));
	close(fd);
}

static void a_short_file_is_refused(void **state)
{
	struct fsc_opts o = opts(false, false);
	static char scratch[BS];
	int fd = made();

	(void)state;
	assert_int_equal(ftruncate(fd, SIZE / 2), 0);
	assert_int_equal(fsc_files_settle(&o, fd, scratch), -EIO);
	close(fd);
}

static void uncached_drops_the_pages(void **state)
{
	struct statfs sf;
	int fd;

	(void)state;
	assert_int_equal(statfs(dir, &sf), 0);
	if (sf.f_type == TMPFS_MAGIC)
		skip();		/* its pages are the file */
	for (int dontcache = 0; dontcache < 2; dontcache++) {
		struct fsc_opts o = opts(!dontcache, dontcache);

		fd = made();
		if (resident(fd) == 0) {
			close(fd);
			skip();	/* nothing cached to drop */
		}
		assert_int_equal(fsc_files_settle(&o, fd, NULL), 0);
		assert_int_equal(resident(fd), 0);
		close(fd);
	}
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/f", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read_back_keeps_the_pages),
		cmocka_unit_test(a_short_file_is_refused),
		cmocka_unit_test(uncached_drops_the_pages),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
