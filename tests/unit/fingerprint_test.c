/* fingerprint_test.c - mountinfo parsing and the sysfs walk from a file
 * system's device to its disk, on fixtures. */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "host/fingerprint.h"

static const char mountinfo[] =
	"21 26 0:20 / /proc rw,relatime - proc proc rw\n"
	"24 23 0:22 / /dev/shm rw,relatime - tmpfs tmpfs rw,size=100k\n"
	"26 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard\n"
	"29 24 0:26 / /dev/shm rw,nosuid - tmpfs tmpfs rw,size=200k\n"
	"40 26 8:17 / /data rw,noatime shared:5 master:2 - xfs /dev/sdb1 rw,attr2\n"
	"41 26 8:33 /vol /mnt/my\\040disk rw - ext3 /dev/sdc1 rw\n"
	"50 40 8:49 / /data/x rw - ext4 /dev/sdd1 rw\n"
	"51 40 8:65 / /data rw - btrfs /dev/sde rw,subvol=/\n";

/* --- mountinfo --- */

/* Ensure that the deepest mount point holding the path is chosen. */
static void mountinfo_find_deepest(void **state)
{
	struct fsc_mount m;

	(void)state;
	assert_int_equal(fsc_mountinfo_find(mountinfo, "/data/x/file", 8, 49,
					    &m), 0);
	assert_string_equal(m.point, "/data/x");
	assert_string_equal(m.fstype, "ext4");
	assert_string_equal(m.source, "/dev/sdd1");
	fsc_mount_free(&m);
}

/* Ensure that of two mounts stacked on one point, the later (the one
 * visible) wins when both or neither match the device. */
static void mountinfo_find_stacked_takes_upper(void **state)
{
	struct fsc_mount m;

	(void)state;
	assert_int_equal(fsc_mountinfo_find(mountinfo, "/dev/shm", 0, 26, &m),
			 0);
	assert_string_equal(m.super_options, "rw,size=200k");
	assert_int_equal(m.minor, 26);
	fsc_mount_free(&m);
	assert_int_equal(fsc_mountinfo_find(mountinfo, "/dev/shm", 9, 9, &m),
			 0);
	assert_string_equal(m.super_options, "rw,size=200k");
	fsc_mount_free(&m);
}

/* Ensure that a mount of the path's own device beats a deeper or later
 * one of another device. */
static void mountinfo_find_device_match_wins(void **state)
{
	struct fsc_mount m;

	(void)state;
	assert_int_equal(fsc_mountinfo_find(mountinfo, "/dev/shm/a", 0, 22,
					    &m), 0);
	assert_string_equal(m.super_options, "rw,size=100k");
	fsc_mount_free(&m);
	/* /data was mounted over (btrfs, 8:65): a file on the xfs below is
	 * still told apart by its device. */
	assert_int_equal(fsc_mountinfo_find(mountinfo, "/data/y", 8, 17, &m),
			 0);
	assert_string_equal(m.fstype, "xfs");
	assert_string_equal(m.options, "rw,noatime");
	assert_string_equal(m.super_options, "rw,attr2");
	fsc_mount_free(&m);
}

/* Ensure that a device matching no line (btrfs subvolumes report their
 * own) still finds the deepest, latest mount. */
static void mountinfo_find_unknown_device(void **state)
{
	struct fsc_mount m;

	(void)state;
	assert_int_equal(fsc_mountinfo_find(mountinfo, "/data/z", 0, 99, &m),
			 0);
	assert_string_equal(m.fstype, "btrfs");
	fsc_mount_free(&m);
}

/* Ensure that octal escapes in the mount point are undone. */
static void mountinfo_find_unescapes(void **state)
{
	struct fsc_mount m;

	(void)state;
	assert_int_equal(fsc_mountinfo_find(mountinfo, "/mnt/my disk/f", 8, 33,
					    &m), 0);
	assert_string_equal(m.point, "/mnt/my disk");
	assert_string_equal(m.root, "/vol");
	assert_string_equal(m.fstype, "ext3");
	fsc_mount_free(&m);
}

/* Ensure that a mount point matches whole path components only. */
static void mountinfo_find_component_prefix(void **state)
{
	struct fsc_mount m;

	(void)state;
	assert_int_equal(fsc_mountinfo_find(mountinfo, "/datax", 8, 17, &m), 0);
	assert_string_equal(m.point, "/");
	fsc_mount_free(&m);
}

/* Ensure that text without a mount holding the path gives -ENOENT. */
static void mountinfo_find_none(void **state)
{
	struct fsc_mount m;

	(void)state;
	assert_int_equal(fsc_mountinfo_find("21 26 0:20 / /proc rw - proc "
					    "proc rw\n", "/tmp", 0, 20, &m),
			 -ENOENT);
	assert_int_equal(fsc_mountinfo_find("garbage\n\n", "/", 0, 0, &m),
			 -ENOENT);
}

/* Ensure that an option's value is found by its whole key, unescaped. */
static void mount_option_value(void **state)
{
	const char *o = "rw,lowerdir=/l1:/l2,upperdir=/var/up\\054per,"
			"workdir=/w,uuid=on";
	char *v;

	(void)state;
	v = fsc_mount_option(o, "upperdir");
	assert_non_null(v);
	assert_string_equal(v, "/var/up,per");
	free(v);
	v = fsc_mount_option(o, "lowerdir");
	assert_string_equal(v, "/l1:/l2");
	free(v);
	assert_null(fsc_mount_option(o, "upper"));
	assert_null(fsc_mount_option(o, "rw"));
	assert_null(fsc_mount_option("", "upperdir"));
}

/* Ensure that mountinfo refines a magic's name only within its family. */
static void fstype_refines_family(void **state)
{
	(void)state;
	assert_true(fsc_fstype_refines("ext4", "ext3"));
	assert_true(fsc_fstype_refines("ext4", "ext2"));
	assert_false(fsc_fstype_refines("ext4", "ext4"));
	assert_true(fsc_fstype_refines("fuse", "fuse.sshfs"));
	assert_true(fsc_fstype_refines("nfs", "nfs4"));
	assert_false(fsc_fstype_refines("tmpfs", "ext4"));
	assert_false(fsc_fstype_refines("ext4", ""));
}

/* --- sysfs fixtures --- */

static char root[PATH_MAX];

static void put(const char *rel, const char *text)
{
	char path[PATH_MAX * 2];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (char *s = path + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(path, 0755);
		*s = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void link_to(const char *rel, const char *target)
{
	char path[PATH_MAX * 2];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (char *s = path + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(path, 0755);
		*s = '/';
	}
	assert_int_equal(symlink(target, path), 0);
}

#define SATA "devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0"
#define NVME "devices/pci0000:00/0000:00:1d.0/0000:3d:00.0/nvme/nvme0"

static void disk(const char *dir, const char *rot, const char *sched,
		 const char *lbs, const char *wc)
{
	char rel[PATH_MAX];

	snprintf(rel, sizeof(rel), "%s/queue/rotational", dir);
	put(rel, rot);
	snprintf(rel, sizeof(rel), "%s/queue/scheduler", dir);
	put(rel, sched);
	snprintf(rel, sizeof(rel), "%s/queue/logical_block_size", dir);
	put(rel, lbs);
	snprintf(rel, sizeof(rel), "%s/queue/write_cache", dir);
	put(rel, wc);
	snprintf(rel, sizeof(rel), "%s/size", dir);
	put(rel, "2048\n");
}

/* A SATA disk with a partition, an NVMe namespace with one, an LVM volume
 * over both partitions, and a loop device. */
static int setup_sysfs(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "%s/fsconc-sysfs.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(root))
		return -1;
	put("devices/pci0000:00/0000:00:1f.2/numa_node", "1\n");
	put(SATA "/model", "WDC WD10EZEX-00B\n");
	disk(SATA "/block/sda", "1\n", "mq-deadline kyber [bfq] none\n",
	     "512\n", "write back\n");
	link_to(SATA "/block/sda/device", "../../../0:0:0:0");
	put(SATA "/block/sda/sda2/partition", "2\n");
	put(SATA "/block/sda/sda2/size", "1024\n");
	link_to("dev/block/8:0", "../../" SATA "/block/sda");
	link_to("dev/block/8:2", "../../" SATA "/block/sda/sda2");
	link_to("class/block/sda", "../../" SATA "/block/sda");
	link_to("class/block/sda2", "../../" SATA "/block/sda/sda2");

	put("devices/pci0000:00/0000:00:1d.0/0000:3d:00.0/numa_node", "-1\n");
	disk(NVME "/nvme0n1", "0\n", "[none] mq-deadline\n", "4096\n",
	     "write through\n");
	link_to(NVME "/nvme0n1/device", "../../nvme0");
	put(NVME "/nvme0n1/nvme0n1p1/partition", "1\n");
	link_to("dev/block/259:1", "../../" NVME "/nvme0n1/nvme0n1p1");
	link_to("class/block/nvme0n1p1", "../../" NVME "/nvme0n1/nvme0n1p1");

	disk("devices/virtual/block/dm-0", "0\n", "none\n", "512\n",
	     "write back\n");
	put("devices/virtual/block/dm-0/dm/name", "vg-root\n");
	put("devices/virtual/block/dm-0/slaves/sda2", "");
	put("devices/virtual/block/dm-0/slaves/nvme0n1p1", "");
	link_to("dev/block/253:0", "../../devices/virtual/block/dm-0");

	disk("devices/virtual/block/loop0", "0\n", "none\n", "512\n",
	     "write back\n");
	put("devices/virtual/block/loop0/loop/backing_file", "/srv/img.raw\n");
	link_to("dev/block/7:0", "../../devices/virtual/block/loop0");
	return 0;
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int teardown_sysfs(void **state)
{
	(void)state;
	return nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Ensure that a partition leads to its disk, whose queue, model and the
 * PCI function's NUMA node are read. */
static void blockdev_read_partition(void **state)
{
	struct fsc_blockdev b;

	(void)state;
	assert_int_equal(fsc_blockdev_read(root, 8, 2, &b), 0);
	assert_string_equal(b.name, "sda");
	assert_string_equal(b.holder, "sda2");
	assert_int_equal(b.ndisks, 1);
	assert_int_equal(b.rotational, 1);
	assert_string_equal(b.scheduler, "bfq");
	assert_int_equal(b.logical_block_size, 512);
	assert_string_equal(b.write_cache, "write back");
	assert_string_equal(b.model, "WDC WD10EZEX-00B");
	assert_int_equal(b.numa_node, 1);
	assert_int_equal(b.size_bytes, 2048 * 512);
}

/* Ensure that a whole disk has no holder. */
static void blockdev_read_disk(void **state)
{
	struct fsc_blockdev b;

	(void)state;
	assert_int_equal(fsc_blockdev_read(root, 8, 0, &b), 0);
	assert_string_equal(b.name, "sda");
	assert_string_equal(b.holder, "");
}

/* Ensure that device-mapper is followed through its slaves to every disk:
 * the first disk's settings, rotational if any member spins. */
static void blockdev_read_device_mapper(void **state)
{
	struct fsc_blockdev b;
	char label[160];

	(void)state;
	assert_int_equal(fsc_blockdev_read(root, 253, 0, &b), 0);
	assert_string_equal(b.name, "nvme0n1+sda");
	assert_int_equal(b.ndisks, 2);
	assert_string_equal(b.holder, "dm-0");
	assert_string_equal(b.dm_name, "vg-root");
	assert_string_equal(b.scheduler, "none");
	assert_int_equal(b.logical_block_size, 4096);
	assert_int_equal(b.rotational, 1);
	/* numa_node -1 in sysfs: unknown */
	assert_int_equal(b.numa_node, -1);
	assert_string_equal(fsc_blockdev_label(&b, label, sizeof(label)),
			    "nvme0n1+sda (via dm-0 vg-root)");
}

/* Ensure that a loop device names its backing file, and that a virtual
 * device has no NUMA node. */
static void blockdev_read_loop(void **state)
{
	struct fsc_blockdev b;

	(void)state;
	assert_int_equal(fsc_blockdev_read(root, 7, 0, &b), 0);
	assert_string_equal(b.name, "loop0");
	assert_string_equal(b.backing_file, "/srv/img.raw");
	assert_int_equal(b.numa_node, -1);
	assert_int_equal(b.rotational, 0);
}

/* Ensure that a device sysfs does not know (tmpfs: 0:26) gives -ENOENT. */
static void blockdev_read_unknown(void **state)
{
	struct fsc_blockdev b;

	(void)state;
	assert_int_equal(fsc_blockdev_read(root, 0, 26, &b), -ENOENT);
	assert_int_equal(b.ndisks, 0);
}

int main(void)
{
	const struct CMUnitTest parse[] = {
		cmocka_unit_test(mountinfo_find_deepest),
		cmocka_unit_test(mountinfo_find_stacked_takes_upper),
		cmocka_unit_test(mountinfo_find_device_match_wins),
		cmocka_unit_test(mountinfo_find_unknown_device),
		cmocka_unit_test(mountinfo_find_unescapes),
		cmocka_unit_test(mountinfo_find_component_prefix),
		cmocka_unit_test(mountinfo_find_none),
		cmocka_unit_test(mount_option_value),
		cmocka_unit_test(fstype_refines_family),
	};
	const struct CMUnitTest sysfs[] = {
		cmocka_unit_test(blockdev_read_partition),
		cmocka_unit_test(blockdev_read_disk),
		cmocka_unit_test(blockdev_read_device_mapper),
		cmocka_unit_test(blockdev_read_loop),
		cmocka_unit_test(blockdev_read_unknown),
	};
	int failed = cmocka_run_group_tests_name("mountinfo", parse, NULL,
						 NULL);

	return failed + cmocka_run_group_tests_name("sysfs", sysfs,
						    setup_sysfs,
						    teardown_sysfs);
}
