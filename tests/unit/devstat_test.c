/* devstat_test.c - unit tests for the disks' counters (devstat.c), on
 * lines as the kernel writes them in /sys/block/DISK/stat. */
#include "config.h"

#include <limits.h>
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

#include "host/devstat.h"

/* vda, as a 6.x kernel writes it: 17 fields (discards and flushes). */
static const char vda0[] =
	"   76076     9350  4516930    41978   365996   105321 232368768"
	"   750263        0   177640   982306    56060       81 226772128"
	"   106015    41862    84049\n";
/* The same disk 2 s later: 800 writes, 409600 sectors (200 MiB), busy
 * 1940 ms, 7800 ms of requests in flight. */
static const char vda1[] =
	"   76076     9350  4516930    41978   366796   105321 232778368"
	"   760263        4   179580   990106    56060       81 226772128"
	"   106015    41862    84049\n";

/* Ensure that writes are the fifth field, sectors written the seventh,
 * io_ticks the tenth and time_in_queue the eleventh; an old kernel's
 * eleven fields are enough, fewer are refused. */
static void parse(void **state)
{
	struct fsc_devstat_counters c;

	(void)state;
	assert_int_equal(fsc_devstat_parse(vda0, &c), 0);
	assert_true(c.writes == 365996);
	assert_true(c.sectors == 232368768);
	assert_true(c.io_ticks_ms == 177640);
	assert_true(c.queue_ms == 982306);
	assert_int_equal(fsc_devstat_parse("1 2 3 4 5 6 7 8 9 10 11\n", &c),
			 0);
	assert_true(c.writes == 5 && c.sectors == 7 && c.io_ticks_ms == 10 &&
		    c.queue_ms == 11);
	assert_int_equal(fsc_devstat_parse("1 2 3 4 5 6 7 8 9 10\n", &c), -1);
	assert_int_equal(fsc_devstat_parse("", &c), -1);
	assert_int_equal(fsc_devstat_parse("sda 1 2 3 4 5 6 7 8 9 10 11", &c),
			 -1);
}

/* Ensure that the figures are iostat's: %util = io_ticks over the time,
 * aqu-sz = time_in_queue over the time, bytes = sectors x 512. */
static void figures(void **state)
{
	struct fsc_devstat_counters a, b;
	struct fsc_devfig f;

	(void)state;
	assert_int_equal(fsc_devstat_parse(vda0, &a), 0);
	assert_int_equal(fsc_devstat_parse(vda1, &b), 0);
	fsc_devstat_figures(&a, &b, 2000000000ULL, &f);
	assert_true(f.writes == 800);
	assert_true(f.bytes == 409600ULL * 512);
	assert_true(fabs(f.busy - 0.97) < 1e-9);
	assert_true(fabs(f.bytes_per_sec - 409600.0 * 512 / 2) < 1e-3);
	assert_true(fabs(f.in_flight - 3.9) < 1e-9);
	/* A jiffy more than the window: still at most all of it. */
	fsc_devstat_figures(&a, &b, 1000000000ULL, &f);
	assert_true(f.busy == 1);
	/* Counters that went back (another device now): nothing written. */
	fsc_devstat_figures(&b, &a, 2000000000ULL, &f);
	assert_true(f.writes == 0 && f.bytes == 0 && f.busy == 0);
	/* No time: rates unknown. */
	fsc_devstat_figures(&a, &b, 0, &f);
	assert_true(isnan(f.busy) && isnan(f.bytes_per_sec) &&
		    isnan(f.in_flight));
}

/* Ensure that the disks of several fingerprints are listed once each,
 * at most FSC_DEV_MAX of them. */
static void add(void **state)
{
	char names[FSC_DEV_MAX][FSC_DEV_NAME];
	unsigned n = 0;

	(void)state;
	n = fsc_devstat_add(names, n, "vda");
	n = fsc_devstat_add(names, n, "sda+sdb");
	n = fsc_devstat_add(names, n, "sdb+vda");
	n = fsc_devstat_add(names, n, "");
	assert_int_equal(n, 3);
	assert_string_equal(names[0], "vda");
	assert_string_equal(names[1], "sda");
	assert_string_equal(names[2], "sdb");
	n = fsc_devstat_add(names, n, "a+b+c+d+e+f+g");
	assert_int_equal(n, FSC_DEV_MAX);
	assert_string_equal(names[FSC_DEV_MAX - 1], "e");
}

/* Ensure that a sample reads DISK/stat under the sysfs given, and that a
 * disk without one is left out of the figures. */
static void sample_tree(void **state)
{
	char root[] = "/tmp/devstat_test.XXXXXX", path[PATH_MAX];
	char names[2][FSC_DEV_NAME] = { "vda", "gone" };
	struct fsc_devstat_sample a, b;
	struct fsc_devfig f[FSC_DEV_MAX];
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(root));
	snprintf(path, sizeof(path), "%s/block", root);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/block/vda", root);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/block/vda/stat", root);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(vda0, fp);
	fclose(fp);
	fsc_devstat_sample(&a, root, names, 2);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(vda1, fp);
	fclose(fp);
	fsc_devstat_sample(&b, root, names, 2);
	assert_true(a.ok[0] && !a.ok[1]);
	assert_int_equal(fsc_devstat_between(&a, &b, f), 1);
	assert_string_equal(f[0].name, "vda");
	assert_true(f[0].writes == 800 && f[0].bytes == 409600ULL * 512);
	unlink(path);
	snprintf(path, sizeof(path), "%s/block/vda", root);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/block", root);
	rmdir(path);
	rmdir(root);
}

/* Ensure the write limit on one disk in a cgroup's throttle files, and
 * none for another disk, for "max", or for 0 (v1's way to remove one). */
static void caps(void **state)
{
	static const char iomax[] =
		"8:0 rbps=max wbps=1048576 riops=max wiops=max\n"
		"7:0 rbps=2097152 wbps=max riops=max wiops=100\n";
	static const char blkio[] = "8:0 1048576\n7:0 33554432\n7:1 0\n";

	(void)state;
	assert_true(fsc_io_max_wbps(iomax, 8, 0) == 1048576);
	assert_true(isinf(fsc_io_max_wbps(iomax, 7, 0)));
	assert_true(isinf(fsc_io_max_wbps(iomax, 8, 16)));
	assert_true(isinf(fsc_io_max_wbps("", 8, 0)));
	assert_true(fsc_blkio_wbps(blkio, 7, 0) == 33554432);
	assert_true(fsc_blkio_wbps(blkio, 8, 0) == 1048576);
	assert_true(isinf(fsc_blkio_wbps(blkio, 7, 1)));
	assert_true(isinf(fsc_blkio_wbps(blkio, 70, 0)));
	/* A disk that does not exist has no limit. */
	assert_true(isinf(fsc_devstat_cap("fsconc-no-such-disk")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse),
		cmocka_unit_test(figures),
		cmocka_unit_test(add),
		cmocka_unit_test(sample_tree),
		cmocka_unit_test(caps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
