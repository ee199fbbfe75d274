/* warnings_test.c - the plan's warnings, on plans laid out by hand. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "run/plan.h"
#include "run/warnings.h"

#define MiB (1024ULL * 1024)

struct fixture {
	struct fsc_opts o;
	struct fsc_result p;
	struct fsc_target t[2];
	struct fsc_set sets[3];
	unsigned dirs[3][2];
};

/* Two disk-backed targets on distinct disks, each alone and split; 2
 * buffered files of 1 MiB; a 1 GiB dirty limit. */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	f->o.files = 2;
	f->o.size = MiB;
	f->o.block_size = MiB;
	f->o.rounds = 1;
	f->o.fsync = FSC_FSYNC_NONE;
	for (unsigned i = 0; i < 2; i++) {
		struct fsc_target *t = &f->t[i];
		t->path = t->name = i ? "/mnt/b" : "/mnt/a";
		t->dev = 0x801 + i;
		snprintf(t->fstype, sizeof(t->fstype), "ext4");
		t->fp.has_bdev = true;
		snprintf(t->fp.bdev.name, sizeof(t->fp.bdev.name), "%s",
			 i ? "sdb" : "sda");
		f->dirs[i][0] = i;
		f->sets[i].dirs = f->dirs[i];
		f->sets[i].ndirs = 1;
	}
	f->dirs[2][0] = 0;
	f->dirs[2][1] = 1;
	f->sets[2].dirs = f->dirs[2];
	f->sets[2].ndirs = 2;
	f->p.opts = &f->o;
	f->p.targets = f->t;
	f->p.ntargets = 2;
	f->p.sets = f->sets;
	f->p.nsets = 3;
	f->p.host.dirty.limit_bytes = 1024 * MiB;
	f->p.host.dirty.dirtyable_bytes = 5120 * MiB;
	f->p.host.dirty.dirty_ratio = 20;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->p.warnings);
	free(f);
	return 0;
}

/* The text of the only warning with code, or NULL; fails on two. */
static const char *only(const struct fsc_result *p, const char *code)
{
	const char *found = NULL;

	for (size_t i = 0; i < p->nwarnings; i++)
		if (strcmp(p->warnings[i].code, code) == 0) {
			assert_null(found);
			found = p->warnings[i].text;
		}
	return found;
}

/* Ensure that a split set of two dirs on one file system is told it
 * shares one device. */
static void warnings_shared_device_same_filesystem(void **state)
{
	struct fixture *f = *state;
	const char *w;

	f->t[1].dev = f->t[0].dev;
	f->t[0].fp.has_bdev = f->t[1].fp.has_bdev = false;
	f->t[0].fp.has_mount = f->t[1].fp.has_mount = true;
	f->t[0].fp.mount.point = "/mnt";
	fsc_warnings_build(&f->p);
	w = only(&f->p, "shared-device");
	assert_non_null(w);
	assert_non_null(strstr(w, "/mnt/a + /mnt/b: the split set shares one "
			       "device (the ext4 at /mnt): expect no added "
			       "bandwidth"));
}

/* Ensure that two file systems on one disk (two partitions) share it. */
static void warnings_shared_device_same_disk(void **state)
{
	struct fixture *f = *state;
	const char *w;

	snprintf(f->t[1].fp.bdev.name, sizeof(f->t[1].fp.bdev.name), "sda");
	fsc_warnings_build(&f->p);
	w = only(&f->p, "shared-device");
	assert_non_null(w);
	assert_non_null(strstr(w, "shares one device (sda)"));
}

/* Ensure that dirs on distinct disks draw no shared-device warning. */
static void warnings_distinct_disks(void **state)
{
	struct fixture *f = *state;

	fsc_warnings_build(&f->p);
	assert_null(only(&f->p, "shared-device"));
}

/* Ensure that with three dirs, the pair on one disk is named. */
static void warnings_shared_pair_of_three(void **state)
{
	struct fixture *f = *state;
	struct fsc_target t[3];
	unsigned dirs[3] = { 0, 1, 2 };
	struct fsc_set set = { .dirs = dirs, .ndirs = 3 };
	const char *w;

	memcpy(t, f->t, sizeof(f->t));
	t[2] = f->t[0];
	t[2].path = t[2].name = "/mnt/c";
	t[2].dev = 0x999;
	f->p.targets = t;
	f->p.ntargets = 3;
	f->p.sets = &set;
	f->p.nsets = 1;
	fsc_warnings_build(&f->p);
	w = only(&f->p, "shared-device");
	assert_non_null(w);
	assert_non_null(strstr(w, "/mnt/a and /mnt/c of the split set share "
			       "one device (sda)"));
}

/* Ensure that a small buffered trial is said to measure the page cache,
 * naming the limit and the disk-backed targets. */
static void warnings_page_cache_small_buffered(void **state)
{
	struct fixture *f = *state;
	const char *w;

	fsc_warnings_build(&f->p);
	w = only(&f->p, "page-cache");
	assert_non_null(w);
	assert_non_null(strstr(w, "2.0 MiB per trial fits under the dirty "
			       "page-cache limit (1.0 GiB, vm.dirty_ratio 20% "
			       "of 5.0 GiB dirtyable memory)"));
	assert_non_null(strstr(w, "on /mnt/a (ext4), /mnt/b (ext4) this "
			       "measures the page cache, not the device"));
}

/* Ensure that --fsync end, --fsync each and --direct silence it. */
static void warnings_page_cache_not_when_durable(void **state)
{
	struct fixture *f = *state;

	f->o.fsync = FSC_FSYNC_END;
	fsc_warnings_build(&f->p);
	assert_null(only(&f->p, "page-cache"));
	f->o.fsync = FSC_FSYNC_EACH;
	fsc_warnings_build(&f->p);
	assert_null(only(&f->p, "page-cache"));
	f->o.fsync = FSC_FSYNC_NONE;
	f->o.direct = true;
	fsc_warnings_build(&f->p);
	assert_null(only(&f->p, "page-cache"));
}

/* Ensure that a trial larger than the limit, or an unknown limit, draws
 * no page-cache warning. */
static void warnings_page_cache_not_when_larger(void **state)
{
	struct fixture *f = *state;

	f->o.size = 1024 * MiB;
	fsc_warnings_build(&f->p);
	assert_null(only(&f->p, "page-cache"));
	f->o.size = MiB;
	f->p.host.dirty.limit_bytes = 0;
	fsc_warnings_build(&f->p);
	assert_null(only(&f->p, "page-cache"));
}

/* Ensure that memory file systems are not warned about: memory is their
 * device. */
static void warnings_page_cache_not_on_memory(void **state)
{
	struct fixture *f = *state;

	f->t[0].fp.memory_backed = f->t[1].fp.memory_backed = true;
	fsc_warnings_build(&f->p);
	assert_null(only(&f->p, "page-cache"));
}

/* Ensure that --direct on tmpfs is called out, and not on ext4. */
static void warnings_direct_on_tmpfs(void **state)
{
	struct fixture *f = *state;
	const char *w;

	f->o.direct = true;
	snprintf(f->t[1].fstype, sizeof(f->t[1].fstype), "tmpfs");
	f->t[1].fp.memory_backed = true;
	f->t[1].fp.has_bdev = false;
	fsc_warnings_build(&f->p);
	w = only(&f->p, "direct-memory");
	assert_non_null(w);
	assert_non_null(strstr(w, "--direct on /mnt/b (tmpfs)"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			warnings_shared_device_same_filesystem, setup, teardown),
		cmocka_unit_test_setup_teardown(
			warnings_shared_device_same_disk, setup, teardown),
		cmocka_unit_test_setup_teardown(warnings_distinct_disks, setup,
						teardown),
		cmocka_unit_test_setup_teardown(warnings_shared_pair_of_three,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			warnings_page_cache_small_buffered, setup, teardown),
		cmocka_unit_test_setup_teardown(
			warnings_page_cache_not_when_durable, setup, teardown),
		cmocka_unit_test_setup_teardown(
			warnings_page_cache_not_when_larger, setup, teardown),
		cmocka_unit_test_setup_teardown(
			warnings_page_cache_not_on_memory, setup, teardown),
		cmocka_unit_test_setup_teardown(warnings_direct_on_tmpfs, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
