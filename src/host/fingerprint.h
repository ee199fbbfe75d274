/* fingerprint.h - where a target directory really lives: its mount (from
 * /proc/self/mountinfo), the upper file system of an overlay, and the
 * block device behind it, followed through partitions and device-mapper
 * to the disk (from sysfs). */
#ifndef FSC_FINGERPRINT_H
#define FSC_FINGERPRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/* One line of mountinfo, unescaped. */
struct fsc_mount {
	char *point;		/* "/", "/dev/shm" */
	char *root;		/* the mount's root inside its file system */
	char *source;		/* "/dev/vda", "tmpfs", "server:/export" */
	char *fstype;		/* as mounted: "ext4", "fuse.sshfs", "nfs4" */
	char *options;		/* per-mount: "rw,relatime" */
	char *super_options;	/* per file system: "rw,discard,..." */
	unsigned major, minor;
};

/* The disk(s) under a file system. */
struct fsc_blockdev {
	char name[64];		/* the disk: "sda", "nvme0n1"; "sda+sdb" when
				 * a device-mapper or md device spans several */
	char holder[32];	/* what the file system sits on when that is
				 * not the disk itself: "sda2", "dm-0" */
	char dm_name[128];	/* device-mapper name: "vg-root" */
	unsigned ndisks;
	int rotational;		/* 1, 0; -1 unknown */
	char scheduler[32];	/* the active I/O scheduler: "mq-deadline" */
	unsigned logical_block_size;
	char write_cache[32];	/* "write back", "write through" */
	char model[64];
	int numa_node;		/* -1 unknown */
	char backing_file[256];	/* a loop device's file */
	uint64_t size_bytes;
};

struct fsc_fingerprint {
	bool has_mount;
	struct fsc_mount mount;
	char *upper_dir;	/* overlay: its upperdir= */
	char upper_fstype[24];	/* overlay: the upper file system's type */
	bool has_bdev;
	struct fsc_blockdev bdev;
	bool memory_backed;	/* tmpfs, ramfs, hugetlbfs: no device */
};

/* The mount that path (absolute, symlinks resolved) is on, from mountinfo
 * text: the deepest mount point holding path, preferring mounts of device
 * major:minor, and among equals the later (upper) one.  0, or -ENOENT. */
int fsc_mountinfo_find(const char *text, const char *path, unsigned major,
		       unsigned minor, struct fsc_mount *out);
void fsc_mount_free(struct fsc_mount *m);

/* The value of key=value in a comma list of mount options, unescaped
 * (malloc'd), or NULL. */
char *fsc_mount_option(const char *options, const char *key);

/* Read device major:minor from a sysfs tree rooted at sysfs ("/sys"):
 * follow a partition to its disk and a device-mapper or md device through
 * its slaves to theirs; read the first disk's queue settings.  0, or
 * -ENOENT when sysfs has no such block device. */
int fsc_blockdev_read(const char *sysfs, unsigned major, unsigned minor,
		      struct fsc_blockdev *out);

/* "tmpfs", "ext4"... for a statfs magic; NULL when unknown. */
const char *fsc_fstype_name(unsigned long magic);

/* Whether the type mountinfo names is a more precise name for what the
 * statfs magic says (ext2/ext3 for the ext4 magic, fuse.sshfs for fuse,
 * nfs4 for nfs). */
bool fsc_fstype_refines(const char *magic_name, const char *mount_fstype);

/* Fingerprint the directory path (st: its stat, fstype: the name of its
 * statfs magic) from /proc/self/mountinfo and /sys.  What cannot be found
 * stays unknown; never fails. */
void fsc_fingerprint_read(struct fsc_fingerprint *fp, const char *path,
			  const struct stat *st, const char *fstype);
void fsc_fingerprint_free(struct fsc_fingerprint *fp);

/* "vda", "sda (via dm-0 vg-root)"; "" when there is no block device. */
char *fsc_blockdev_label(const struct fsc_blockdev *b, char *buf,
			 size_t len);

#endif
