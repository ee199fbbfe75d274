/* ceiling_test.c - unit tests for the machine's ceiling (ceiling.c): its
 * cache text both ways, the cache of this boot read back and not another
 * boot's, and a measure that gives a rate for every figure. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "host/ceiling.h"
#include "util/xalloc.h"

static const struct fsc_ceiling known = {
	.copy_1 = 9.5e9, .copy_all = 17e9, .touch_1 = 2.5e8,
	.touch_all = 4.75e8, .cpus = 2,
};

/* Ensure the cache text reads back as written, for this boot only. */
static void cache_text_both_ways(void **state)
{
	struct fsc_ceiling c;
	char text[512];

	(void)state;
	assert_int_equal(fsc_ceiling_format(&known, "b-1", text,
					    sizeof(text)), 0);
	assert_string_equal(text, "fsconc-ceiling 2\nboot b-1\ncpus 2\n"
			    "copy_1 9500000000\ncopy_all 17000000000\n"
			    "touch_1 250000000\ntouch_all 475000000\n");
	assert_int_equal(fsc_ceiling_parse(&c, text, "b-1", 2), 0);
	assert_true(c.cached);
	assert_int_equal(c.cpus, 2);
	assert_true(c.copy_1 == 9.5e9 && c.copy_all == 17e9);
	assert_true(c.touch_1 == 2.5e8 && c.touch_all == 4.75e8);
	/* Another boot, another count of CPUs: stale. */
	assert_int_equal(fsc_ceiling_parse(&c, text, "b-2", 2), -ESTALE);
	assert_int_equal(fsc_ceiling_parse(&c, text, "b-", 2), -ESTALE);
	assert_int_equal(fsc_ceiling_parse(&c, text, "b-1", 4), -ESTALE);
	/* A cache of the first kind, whose copies read a buffer as large as
	 * they wrote, is measured again. */
	assert_int_equal(fsc_ceiling_parse(&c, "fsconc-ceiling 1\nboot b-1\n"
					   "cpus 2\ncopy_1 1\ncopy_all 1\n"
					   "touch_1 1\ntouch_all 1\n", "b-1", 2),
			 -EINVAL);
	/* Not a cache: no magic, a rate missing, zero or not a number. */
	assert_int_equal(fsc_ceiling_parse(&c, "boot b-1\n", "b-1", 2),
			 -EINVAL);
	assert_int_equal(fsc_ceiling_parse(&c, "fsconc-ceiling 2\nboot b-1\n"
					   "cpus 2\ncopy_1 1\ncopy_all 1\n"
					   "touch_1 1\n", "b-1", 2), -EINVAL);
	assert_int_equal(fsc_ceiling_parse(&c, "fsconc-ceiling 2\nboot b-1\n"
					   "cpus 2\ncopy_1 0\ncopy_all 1\n"
					   "touch_1 1\ntouch_all 1\n", "b-1", 2),
			 -EINVAL);
	assert_int_equal(fsc_ceiling_parse(&c, "fsconc-ceiling 2\nboot b-1\n"
					   "cpus 2\ncopy_1 x\ncopy_all 1\n"
					   "touch_1 1\ntouch_all 1\n", "b-1", 2),
			 -EINVAL);
}

/* Ensure a measure gives a positive rate for each figure. */
static void measure_gives_rates(void **state)
{
	struct fsc_ceiling c;

	(void)state;
	assert_int_equal(fsc_ceiling_measure(&c, 2), 0);
	assert_int_equal(c.cpus, 2);
	assert_false(c.cached);
	assert_true(isfinite(c.copy_1) && c.copy_1 > 0);
	assert_true(isfinite(c.copy_all) && c.copy_all > 0);
	assert_true(isfinite(c.touch_1) && c.touch_1 > 0);
	assert_true(isfinite(c.touch_all) && c.touch_all > 0);
}

/* Ensure get measures once and reads its cache after, and that a cache
 * directory that is a symbolic link is neither read nor written. */
static void get_caches(void **state)
{
	char base[] = "/tmp/fsconc-ceiling-XXXXXX", dir[128], link[128];
	char file[160];
	struct fsc_ceiling c;
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(base));
	snprintf(dir, sizeof(dir), "%s/real", base);
	snprintf(file, sizeof(file), "%s/ceiling", dir);
	assert_int_equal(fsc_ceiling_get(&c, 1, dir, true), 0);
	assert_false(c.cached);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(fsc_ceiling_get(&c, 1, dir, true), 0);
	assert_true(c.cached);
	assert_int_equal(fsc_ceiling_cached(&c, 1, dir), 0);
	assert_true(c.cached);
	/* Two CPUs: not the one cached. */
	assert_int_equal(fsc_ceiling_get(&c, 2, dir, true), 0);
	assert_false(c.cached);
	snprintf(link, sizeof(link), "%s/link", base);
	assert_int_equal(symlink(dir, link), 0);
	assert_int_equal(fsc_ceiling_get(&c, 2, link, true), 0);
	assert_false(c.cached);
	assert_int_equal(fsc_ceiling_cached(&c, 2, link), -1);
	/* Not to be measured, and nothing cached for 3: none. */
	assert_int_equal(fsc_ceiling_get(&c, 3, dir, false), -EAGAIN);
	unlink(link);
	unlink(file);
	rmdir(dir);
	assert_int_equal(rmdir(base), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cache_text_both_ways),
		cmocka_unit_test(measure_gives_rates),
		cmocka_unit_test(get_caches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
