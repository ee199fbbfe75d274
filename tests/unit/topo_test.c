/* topo_test.c - host facts and --bind placement on hwloc's synthetic
 * topologies (so not on this machine's), and the dirty page-cache limit. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "host/topo.h"

#define MiB (1024ULL * 1024)

/* --- topology --- */

static int unload(void **state)
{
	(void)state;
	fsc_topo_unload();
	return 0;
}

static void load(const char *desc)
{
	if (!fsc_topo_built())
		skip();
	assert_int_equal(fsc_topo_load(desc), 0);
}

/* Ensure that cores, PUs and NUMA nodes are counted from the topology. */
static void topo_host_counts_synthetic(void **state)
{
	struct fsc_host h;

	(void)state;
	load("node:2 core:2 pu:2");
	fsc_topo_host(&h);
	assert_int_equal(h.cores, 4);
	assert_int_equal(h.pus, 8);
	assert_int_equal(h.numa_nodes, 2);
	assert_string_equal(h.topology, "hwloc (synthetic)");
	assert_true(h.cpu_model[0] != '\0');
	assert_true(h.memory_bytes > 0);
}

/* Ensure that packages and single-threaded cores count right. */
static void topo_host_counts_packages(void **state)
{
	struct fsc_host h;

	(void)state;
	load("pack:2 node:2 core:3 pu:1");
	fsc_topo_host(&h);
	assert_int_equal(h.cores, 12);
	assert_int_equal(h.pus, 12);
	assert_int_equal(h.numa_nodes, 4);
}

/* Ensure that --bind core gives writers distinct cores, all PUs of each,
 * and wraps around when there are more writers than cores. */
static void topo_cpuset_core_distinct(void **state)
{
	static const char *const want[] = { "0-1", "2-3", "4-5", "6-7",
					    "0-1" };
	char buf[64];

	(void)state;
	load("node:2 core:2 pu:2");
	for (unsigned k = 0; k < 5; k++) {
		assert_int_equal(fsc_topo_cpuset(FSC_BIND_CORE, k, -1, buf,
						 sizeof(buf)), 0);
		assert_string_equal(buf, want[k]);
	}
}

/* Ensure that with the device on a known node, --bind core hands out that
 * node's cores first. */
static void topo_cpuset_core_device_node_first(void **state)
{
	static const char *const want[] = { "4-5", "6-7", "0-1", "2-3",
					    "4-5" };
	char buf[64];

	(void)state;
	load("node:2 core:2 pu:2");
	for (unsigned k = 0; k < 5; k++) {
		assert_int_equal(fsc_topo_cpuset(FSC_BIND_CORE, k, 1, buf,
						 sizeof(buf)), 0);
		assert_string_equal(buf, want[k]);
	}
}

/* Ensure that --bind numa deals writers over the nodes when the device's
 * node is unknown or does not exist. */
static void topo_cpuset_numa_round_robin(void **state)
{
	char buf[64];

	(void)state;
	load("node:2 core:2 pu:2");
	assert_int_equal(fsc_topo_cpuset(FSC_BIND_NUMA, 0, -1, buf,
					 sizeof(buf)), 0);
	assert_string_equal(buf, "0-3");
	fsc_topo_cpuset(FSC_BIND_NUMA, 1, -1, buf, sizeof(buf));
	assert_string_equal(buf, "4-7");
	fsc_topo_cpuset(FSC_BIND_NUMA, 2, 7, buf, sizeof(buf));
	assert_string_equal(buf, "0-3");
}

/* Ensure that --bind numa puts every writer on the device's node. */
static void topo_cpuset_numa_device_node(void **state)
{
	char buf[64];

	(void)state;
	load("node:2 core:2 pu:2");
	for (unsigned k = 0; k < 3; k++) {
		assert_int_equal(fsc_topo_cpuset(FSC_BIND_NUMA, k, 1, buf,
						 sizeof(buf)), 0);
		assert_string_equal(buf, "4-7");
	}
}

/* Ensure that --bind none asks for nothing. */
static void topo_cpuset_none_empty(void **state)
{
	char buf[64] = "x";

	(void)state;
	assert_int_equal(fsc_topo_cpuset(FSC_BIND_NONE, 3, 0, buf,
					 sizeof(buf)), 0);
	assert_string_equal(buf, "");
	assert_int_equal(fsc_topo_bind_thread(FSC_BIND_NONE, 0, -1), 0);
}

/* Ensure that pinning, saving and restoring work (a synthetic topology
 * binds nothing, by hwloc's design, and says so with success). */
static void topo_bind_thread_synthetic(void **state)
{
	(void)state;
	load("node:2 core:2 pu:2");
	assert_int_equal(fsc_topo_save_thread(), 0);
	assert_int_equal(fsc_topo_bind_thread(FSC_BIND_CORE, 3, -1), 0);
	assert_int_equal(fsc_topo_bind_thread(FSC_BIND_NUMA, 1, 0), 0);
	assert_int_equal(fsc_topo_restore_thread(), 0);
}

/* Ensure that a topology that cannot be read is refused. */
static void topo_load_bad_description(void **state)
{
	(void)state;
	if (!fsc_topo_built())
		skip();
	assert_true(fsc_topo_load("bogus:7 nonsense") < 0);
}

/* Ensure that without hwloc, --bind core and numa cannot be had and host
 * facts still come from /proc. */
static void topo_without_hwloc(void **state)
{
	struct fsc_host h;
	char buf[16];

	(void)state;
	if (fsc_topo_built())
		skip();
	assert_int_equal(fsc_topo_cpuset(FSC_BIND_CORE, 0, -1, buf,
					 sizeof(buf)), -ENOSYS);
	assert_int_equal(fsc_topo_bind_thread(FSC_BIND_NUMA, 0, -1), -ENOSYS);
	fsc_topo_host(&h);
	assert_true(h.pus >= 1 && h.cores >= 1 && h.numa_nodes >= 1);
}

/* --- memory and the dirty limit --- */

static const char meminfo[] =
	"MemTotal:        8000000 kB\n"
	"MemFree:         1024000 kB\n"
	"MemAvailable:    2000000 kB\n"
	"Active(file):     204800 kB\n"
	"Inactive(file):   307200 kB\n";

/* Ensure that meminfo and vmstat fields are read in bytes and pages. */
static void vm_parse_fields(void **state)
{
	struct fsc_vm vm = { 0 };

	(void)state;
	assert_int_equal(fsc_vm_parse(&vm, meminfo, "nr_dirty 5\n"
				      "nr_dirty_background_threshold 7\n"
				      "nr_dirty_threshold 9\n"), 0);
	assert_int_equal(vm.mem_total, 8000000ULL * 1024);
	assert_int_equal(vm.mem_free, 1024000ULL * 1024);
	assert_int_equal(vm.active_file, 204800ULL * 1024);
	assert_int_equal(vm.inactive_file, 307200ULL * 1024);
	assert_int_equal(vm.threshold_pages, 9);
	assert_int_equal(fsc_vm_parse(&vm, "MemFree: 1 kB\n", NULL), -EINVAL);
}

/* Ensure that the limit is vm.dirty_ratio percent of free plus file
 * pages, as the kernel takes it. */
static void dirty_compute_ratio(void **state)
{
	struct fsc_vm vm = { 0 };
	struct fsc_dirty d;

	(void)state;
	fsc_vm_parse(&vm, meminfo, NULL);
	vm.dirty_ratio = 20;
	vm.page_size = 4096;
	fsc_dirty_compute(&vm, &d);
	assert_int_equal(d.dirtyable_bytes, 1536000ULL * 1024);
	assert_int_equal(d.limit_bytes, 1536000ULL * 1024 / 5);
	assert_false(d.from_vmstat);
}

/* Ensure that vm.dirty_bytes, when set, wins, rounded up to pages. */
static void dirty_compute_bytes(void **state)
{
	struct fsc_vm vm = { 0 };
	struct fsc_dirty d;

	(void)state;
	fsc_vm_parse(&vm, meminfo, NULL);
	vm.dirty_ratio = 20;
	vm.dirty_bytes = 10000;
	vm.page_size = 4096;
	fsc_dirty_compute(&vm, &d);
	assert_int_equal(d.limit_bytes, 12288);
}

/* Ensure that the kernel's own threshold wins when vmstat has it, and
 * that no limit exceeds MemTotal. */
static void dirty_compute_vmstat_and_cap(void **state)
{
	struct fsc_vm vm = { 0 };
	struct fsc_dirty d;

	(void)state;
	fsc_vm_parse(&vm, meminfo, "nr_dirty_threshold 1000\n");
	vm.dirty_ratio = 20;
	vm.page_size = 4096;
	fsc_dirty_compute(&vm, &d);
	assert_true(d.from_vmstat);
	assert_int_equal(d.limit_bytes, 4096000);
	vm.threshold_pages = 0;
	vm.dirty_ratio = 100;
	vm.mem_free = 2 * vm.mem_total;
	fsc_dirty_compute(&vm, &d);
	assert_int_equal(d.limit_bytes, vm.mem_total);
}

/* Ensure that on this machine the computed limit agrees with the
 * kernel's figure within 5 % (the reserve /proc does not show). */
static void dirty_compute_matches_kernel(void **state)
{
	struct fsc_vm vm;
	struct fsc_dirty mine, kernel;
	double ratio;

	(void)state;
	if (fsc_vm_read(&vm) < 0 || !vm.threshold_pages)
		skip();
	fsc_dirty_compute(&vm, &kernel);
	vm.threshold_pages = 0;
	fsc_dirty_compute(&vm, &mine);
	ratio = (double)mine.limit_bytes / (double)kernel.limit_bytes;
	if (ratio < 0.95 || ratio > 1.05)
		fail_msg("computed %llu, kernel %llu",
			 (unsigned long long)mine.limit_bytes,
			 (unsigned long long)kernel.limit_bytes);
}

/* --- the memory this process may use --- */

/* A fixture tree: root/REL/NAME holding text, directories made. */
static void put(const char *root, const char *rel, const char *name,
		const char *text)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (char *p = path + strlen(root) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0700);
			*p = '/';
		}
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%s/%s", root, rel, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void rm_tree(const char *root)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

static const char mi_v2[] =
	"22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n"
	"30 22 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n";
static const char mi_v1[] =
	"22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n"
	"31 22 0:27 / /sys/fs/cgroup/cpu rw shared:9 - cgroup cgroup rw,cpu\n"
	"34 22 0:30 / /sys/fs/cgroup/mem\\040ory rw shared:12 - cgroup cgroup "
	"rw,memory\n";

/* Ensure that cgroup v2's memory.max of the process's cgroup or of a
 * parent, whichever is least, lowers the machine's memory, and that
 * "max" is no limit. */
static void memlimit_cgroup_v2(void **state)
{
	char root[] = "/tmp/fsconc-memlimit.XXXXXX", buf[160];
	struct fsc_memlimit m = { .bytes = 8192 * MiB, .by = FSC_MEM_RAM };

	(void)state;
	assert_non_null(mkdtemp(root));
	put(root, "sys/fs/cgroup/a/b", "memory.max", "max\n");
	put(root, "sys/fs/cgroup/a", "memory.max", "67108864\n");
	/* In a cgroup namespace the root of the view has a limit too. */
	put(root, "sys/fs/cgroup", "memory.max", "134217728\n");
	fsc_memlimit_cgroup(&m, root, "0::/a/b\n", mi_v2);
	assert_int_equal(m.bytes, 64 * MiB);
	assert_int_equal(m.by, FSC_MEM_CGROUP);
	assert_string_equal(m.cgroup, "/a");
	assert_string_equal(fsc_memlimit_describe(&m, buf, sizeof(buf)),
			    "the 64 MiB limit of memory cgroup /a");
	/* The process's own cgroup, lower still. */
	put(root, "sys/fs/cgroup/a/b", "memory.max", "33554432\n");
	fsc_memlimit_cgroup(&m, root, "0::/a/b\n", mi_v2);
	assert_int_equal(m.bytes, 32 * MiB);
	assert_string_equal(m.cgroup, "/a/b");
	put(root, "sys/fs/cgroup", "memory.max", "16777216\n");
	fsc_memlimit_cgroup(&m, root, "0::/a/b\n", mi_v2);
	assert_int_equal(m.bytes, 16 * MiB);
	assert_string_equal(m.cgroup, "/");
	/* No v2 line, or no v2 mount: nothing changes. */
	m.bytes = 8192 * MiB;
	m.by = FSC_MEM_RAM;
	fsc_memlimit_cgroup(&m, root, "4:memory:/a/b\n", mi_v2);
	fsc_memlimit_cgroup(&m, root, "0::/a/b\n", mi_v1);
	assert_int_equal(m.bytes, 8192 * MiB);
	assert_int_equal(m.by, FSC_MEM_RAM);
	rm_tree(root);
}

/* Ensure that cgroup v1's memory.limit_in_bytes is read in the memory
 * controller's hierarchy (a mount point with an escaped space), that its
 * "unlimited" is no limit, and that a mount showing a subtree as its
 * root is followed. */
static void memlimit_cgroup_v1(void **state)
{
	char root[] = "/tmp/fsconc-memlimit.XXXXXX";
	struct fsc_memlimit m = { .bytes = 8192 * MiB, .by = FSC_MEM_RAM };
	static const char unlimited[] = "9223372036854771712\n";
	char mi[512];

	(void)state;
	assert_non_null(mkdtemp(root));
	put(root, "sys/fs/cgroup/mem ory/x/y", "memory.limit_in_bytes",
	    unlimited);
	put(root, "sys/fs/cgroup/mem ory/x", "memory.limit_in_bytes",
	    "100663296\n");
	put(root, "sys/fs/cgroup/mem ory", "memory.limit_in_bytes", unlimited);
	put(root, "sys/fs/cgroup/cpu/x/y", "memory.limit_in_bytes", "4096\n");
	fsc_memlimit_cgroup(&m, root, "5:cpu:/x/y\n4:memory:/x/y\n0::/\n",
			    mi_v1);
	assert_int_equal(m.bytes, 96 * MiB);
	assert_string_equal(m.cgroup, "/x");
	/* A container's view: the mount's root is /x, the cgroup /x/y. */
	m.bytes = 8192 * MiB;
	snprintf(mi, sizeof(mi), "34 22 0:30 /x /sys/fs/cgroup/mem\\040ory "
		 "rw - cgroup cgroup rw,memory\n");
	put(root, "sys/fs/cgroup/mem ory/y", "memory.limit_in_bytes",
	    "50331648\n");
	fsc_memlimit_cgroup(&m, root, "4:memory:/x/y\n", mi);
	assert_int_equal(m.bytes, 48 * MiB);
	assert_string_equal(m.cgroup, "/y");
	/* A cgroup outside the mount's view is not looked for. */
	m.bytes = 8192 * MiB;
	fsc_memlimit_cgroup(&m, root, "4:memory:/z\n", mi);
	assert_int_equal(m.bytes, 8192 * MiB);
	rm_tree(root);
}

/* Ensure that RLIMIT_AS and RLIMIT_DATA lower the limit when they are
 * less, and say so. */
static void memlimit_rlimits(void **state)
{
	struct fsc_memlimit m = { .bytes = 64 * MiB, .by = FSC_MEM_CGROUP };
	char buf[160];

	(void)state;
	fsc_memlimit_rlimits(&m, 0, 128 * MiB);
	assert_int_equal(m.bytes, 64 * MiB);
	assert_int_equal(m.by, FSC_MEM_CGROUP);
	fsc_memlimit_rlimits(&m, 60 * MiB, 0);
	assert_int_equal(m.bytes, 60 * MiB);
	assert_string_equal(fsc_memlimit_describe(&m, buf, sizeof(buf)),
			    "the 60 MiB of address space ulimit -v allows");
	fsc_memlimit_rlimits(&m, 60 * MiB, 50 * MiB);
	assert_int_equal(m.by, FSC_MEM_DATA);
	m.by = FSC_MEM_RAM;
	assert_string_equal(fsc_memlimit_describe(&m, buf, sizeof(buf)),
			    "this machine's 50 MiB of memory");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(topo_host_counts_synthetic, unload),
		cmocka_unit_test_teardown(topo_host_counts_packages, unload),
		cmocka_unit_test_teardown(topo_cpuset_core_distinct, unload),
		cmocka_unit_test_teardown(topo_cpuset_core_device_node_first,
					  unload),
		cmocka_unit_test_teardown(topo_cpuset_numa_round_robin, unload),
		cmocka_unit_test_teardown(topo_cpuset_numa_device_node, unload),
		cmocka_unit_test_teardown(topo_cpuset_none_empty, unload),
		cmocka_unit_test_teardown(topo_bind_thread_synthetic, unload),
		cmocka_unit_test_teardown(topo_load_bad_description, unload),
		cmocka_unit_test_teardown(topo_without_hwloc, unload),
		cmocka_unit_test(vm_parse_fields),
		cmocka_unit_test(dirty_compute_ratio),
		cmocka_unit_test(dirty_compute_bytes),
		cmocka_unit_test(dirty_compute_vmstat_and_cap),
		cmocka_unit_test(dirty_compute_matches_kernel),
		cmocka_unit_test(memlimit_cgroup_v2),
		cmocka_unit_test(memlimit_cgroup_v1),
		cmocka_unit_test(memlimit_rlimits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
