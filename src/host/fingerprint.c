/* fingerprint.c - a target's mount, overlay upper layer and block device.
 * The parsers take file contents or a sysfs root, so tests feed them
 * fixtures; fsc_fingerprint_read() alone touches the live system. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>

#include "host/fingerprint.h"
#include "host/topo.h"
#include "util/xalloc.h"

#define MAX_DEPTH 8	/* dm on md on partitions: never deeper in practice */

/* --- mountinfo --- */

/* mountinfo escapes space, tab, newline and backslash as \ooo. */
static char *unescape(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 3 < n &&
		    s[i + 1] >= '0' && s[i + 1] <= '3' &&
		    s[i + 2] >= '0' && s[i + 2] <= '7' &&
		    s[i + 3] >= '0' && s[i + 3] <= '7') {
			*o++ = (char)((s[i + 1] - '0') * 64 +
				      (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
			i += 3;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

/* Split one line into space-separated fields (at most max). */
static size_t split(const char *line, size_t len, const char **f, size_t *flen,
		    size_t max)
{
	size_t n = 0, i = 0;

	while (i < len && n < max) {
		while (i < len && line[i] == ' ')
			i++;
		if (i == len)
			break;
		f[n] = line + i;
		while (i < len && line[i] != ' ')
			i++;
		flen[n] = (size_t)(line + i - f[n]);
		n++;
	}
	return n;
}

/* The length of mount point m if it holds path, else 0 ("/" counts 1). */
static size_t holds(const char *m, const char *path)
{
	size_t n = strlen(m);

	if (strcmp(m, "/") == 0)
		return 1;
	if (strncmp(path, m, n) == 0 && (path[n] == '\0' || path[n] == '/'))
		return n;
	return 0;
}

int fsc_mountinfo_find(const char *text, const char *path, unsigned major,
		       unsigned minor, struct fsc_mount *out)
{
	const char *best = NULL, *line = text;
	size_t best_len = 0, best_n = 0;
	bool best_dev = false;

	memset(out, 0, sizeof(*out));
	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *f[8];
		size_t fl[8], n = split(line, len, f, fl, 6);
		unsigned ma, mi;

		if (n == 6 && sscanf(f[2], "%u:%u", &ma, &mi) == 2) {
			char *point = unescape(f[4], fl[4]);
			size_t h = holds(point, path);
			bool dev = ma == major && mi == minor;

			/* A mount of the right device beats any other; then
			 * the deepest; then the later, mounted on top. */
			if (h && (!best || (dev && !best_dev) ||
				  (dev == best_dev && h >= best_len))) {
				best = line;
				best_n = len;
				best_len = h;
				best_dev = dev;
			}
			free(point);
		}
		line = end ? end + 1 : NULL;
	}
	if (!best)
		return -ENOENT;
	{
		const char *f[64];
		size_t fl[64], n = split(best, best_n, f, fl, 64), dash;

		for (dash = 6; dash < n; dash++)
			if (fl[dash] == 1 && f[dash][0] == '-')
				break;
		sscanf(f[2], "%u:%u", &out->major, &out->minor);
		out->root = unescape(f[3], fl[3]);
		out->point = unescape(f[4], fl[4]);
		out->options = unescape(f[5], fl[5]);
		out->fstype = dash + 1 < n ? unescape(f[dash + 1], fl[dash + 1])
			: xstrdup("");
		out->source = dash + 2 < n ? unescape(f[dash + 2], fl[dash + 2])
			: xstrdup("");
		out->super_options = dash + 3 < n ?
			unescape(f[dash + 3], fl[dash + 3]) : xstrdup("");
	}
	return 0;
}

void fsc_mount_free(struct fsc_mount *m)
{
	free(m->point);
	free(m->root);
	free(m->source);
	free(m->fstype);
	free(m->options);
	free(m->super_options);
	memset(m, 0, sizeof(*m));
}

char *fsc_mount_option(const char *options, const char *key)
{
	size_t klen = strlen(key);
	const char *p = options;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n > klen && strncmp(p, key, klen) == 0 && p[klen] == '=')
			return unescape(p + klen + 1, n - klen - 1);
		p = end ? end + 1 : NULL;
	}
	return NULL;
}

static const struct {
	unsigned long magic;
	const char *name;
} fstypes[] = {
	{ 0x01021994, "tmpfs" }, { 0xef53, "ext4" }, { 0x58465342, "xfs" },
	{ 0x9123683e, "btrfs" }, { 0x794c7630, "overlay" },
	{ 0x6969, "nfs" }, { 0x65735546, "fuse" }, { 0x2fc12fc1, "zfs" },
	{ 0xf2f52010, "f2fs" }, { 0x858458f6, "ramfs" },
	{ 0x73717368, "squashfs" }, { 0x4d44, "vfat" },
	{ 0x2011bab0, "exfat" }, { 0x5346544e, "ntfs" },
	{ 0xff534d42, "cifs" }, { 0xfe534d42, "smb2" },
	{ 0x00c36400, "ceph" }, { 0x01161970, "gfs2" },
	{ 0x7461636f, "ocfs2" }, { 0x3153464a, "jfs" },
	{ 0x52654973, "reiserfs" }, { 0xca451a4e, "bcachefs" },
	{ 0x3434, "nilfs2" }, { 0x01021997, "9p" },
	{ 0x0bd00bd0, "lustre" }, { 0x958458f6, "hugetlbfs" },
	{ 0x9fa0, "proc" }, { 0x62656572, "sysfs" },
};

const char *fsc_fstype_name(unsigned long magic)
{
	for (size_t i = 0; i < sizeof(fstypes) / sizeof(fstypes[0]); i++)
		if (fstypes[i].magic == magic)
			return fstypes[i].name;
	return NULL;
}

bool fsc_fstype_refines(const char *magic_name, const char *mount_fstype)
{
	size_t n = strlen(magic_name);

	if (!*mount_fstype || strcmp(magic_name, mount_fstype) == 0)
		return false;
	if (strcmp(magic_name, "ext4") == 0)
		return strcmp(mount_fstype, "ext2") == 0 ||
		       strcmp(mount_fstype, "ext3") == 0;
	/* nfs -> nfs4, fuse -> fuse.sshfs or fuseblk */
	return strncmp(mount_fstype, magic_name, n) == 0;
}

/* --- sysfs --- */

/* One line of a sysfs attribute, trailing blanks removed.  0 or -errno. */
static int read_attr(const char *dir, const char *name, char *buf,
		     size_t len)
{
	char path[PATH_MAX];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' ' ||
		     buf[n - 1] == '\t'))
		buf[--n] = '\0';
	return 0;
}

static bool exists(const char *dir, const char *name)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &st) == 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* Copy n bytes of s (at most) into out of size len, terminated. */
static void copy(char *out, size_t len, const char *s, size_t n)
{
	if (n >= len)
		n = len - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

/* "none [mq-deadline] kyber" -> "mq-deadline"; "none" -> "none". */
static void active_scheduler(const char *text, char *out, size_t len)
{
	const char *a = strchr(text, '['), *b = a ? strchr(a, ']') : NULL;

	if (a && b)
		copy(out, len, a + 1, (size_t)(b - a - 1));
	else
		copy(out, len, text, strlen(text));
}

/* The NUMA node of the device under disk dir: the nearest ancestor of its
 * device link that has a numa_node attribute (a PCI function). */
static int device_numa_node(const char *sysfs, const char *dir)
{
	char link[PATH_MAX], *p, top[PATH_MAX], buf[32];
	int node = -1;

	snprintf(link, sizeof(link), "%s/device", dir);
	p = realpath(link, NULL);
	if (!p)
		return -1;
	snprintf(top, sizeof(top), "%s/devices", sysfs);
	{
		char *t = realpath(top, NULL);
		if (t) {
			snprintf(top, sizeof(top), "%s", t);
			free(t);
		}
	}
	while (strncmp(p, top, strlen(top)) == 0 && strlen(p) > strlen(top)) {
		char *slash;

		if (read_attr(p, "numa_node", buf, sizeof(buf)) == 0) {
			node = atoi(buf);
			break;
		}
		slash = strrchr(p, '/');
		if (!slash)
			break;
		*slash = '\0';
	}
	free(p);
	return node < 0 ? -1 : node;
}

static void read_disk(const char *sysfs, const char *dir,
		      struct fsc_blockdev *b)
{
	char buf[256], path[PATH_MAX];

	if (read_attr(dir, "queue/rotational", buf, sizeof(buf)) == 0)
		b->rotational = atoi(buf) != 0;
	if (read_attr(dir, "queue/scheduler", buf, sizeof(buf)) == 0)
		active_scheduler(buf, b->scheduler, sizeof(b->scheduler));
	if (read_attr(dir, "queue/logical_block_size", buf, sizeof(buf)) == 0)
		b->logical_block_size = (unsigned)strtoul(buf, NULL, 10);
	read_attr(dir, "queue/write_cache", b->write_cache,
		  sizeof(b->write_cache));
	read_attr(dir, "device/model", b->model, sizeof(b->model));
	if (read_attr(dir, "size", buf, sizeof(buf)) == 0)
		b->size_bytes = strtoull(buf, NULL, 10) * 512;	/* sectors */
	snprintf(path, sizeof(path), "%s/loop", dir);
	read_attr(path, "backing_file", b->backing_file,
		  sizeof(b->backing_file));
	b->numa_node = device_numa_node(sysfs, dir);
}

static void add_disk(struct fsc_blockdev *b, const char *name)
{
	size_t used = strlen(b->name), n = strlen(name);
	const char *p = b->name;

	/* A disk seen twice (two partitions of it in one volume) counts once. */
	while (*p) {
		size_t k = strcspn(p, "+");
		if (k == n && strncmp(p, name, n) == 0)
			return;
		p += k + (p[k] == '+');
	}
	if (used + n + 2 <= sizeof(b->name))
		snprintf(b->name + used, sizeof(b->name) - used, "%s%s",
			 used ? "+" : "", name);
	b->ndisks++;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk from the block directory dir (a realpath) down to its disks. */
static void walk(const char *sysfs, const char *dir, struct fsc_blockdev *b,
		 int depth)
{
	char path[PATH_MAX];
	char *names[64];
	size_t n = 0;
	struct dirent *de;
	DIR *d;

	if (depth > MAX_DEPTH)
		return;
	if (exists(dir, "partition")) {
		char *parent = xstrdup(dir), *slash = strrchr(parent, '/');

		if (!b->holder[0])
			snprintf(b->holder, sizeof(b->holder), "%s",
				 base_name(dir));
		if (slash) {
			*slash = '\0';
			walk(sysfs, parent, b, depth + 1);
		}
		free(parent);
		return;
	}
	snprintf(path, sizeof(path), "%s/slaves", dir);
	d = opendir(path);
	while (d && (de = readdir(d)) && n < 64)
		if (de->d_name[0] != '.')
			names[n++] = xstrdup(de->d_name);
	if (d)
		closedir(d);
	if (n == 0) {
		bool first = b->ndisks == 0;

		add_disk(b, base_name(dir));
		if (first)
			read_disk(sysfs, dir, b);
		else if (b->rotational == 0 && exists(dir, "queue/rotational")) {
			char buf[16];
			/* One spinning member makes the whole volume spin. */
			if (read_attr(dir, "queue/rotational", buf,
				      sizeof(buf)) == 0 && atoi(buf))
				b->rotational = 1;
		}
		return;
	}
	if (!b->holder[0]) {
		snprintf(b->holder, sizeof(b->holder), "%s", base_name(dir));
		read_attr(dir, "dm/name", b->dm_name, sizeof(b->dm_name));
	}
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		char *real;

		snprintf(path, sizeof(path), "%s/class/block/%s", sysfs,
			 names[i]);
		real = realpath(path, NULL);
		if (real)
			walk(sysfs, real, b, depth + 1);
		free(real);
		free(names[i]);
	}
}

int fsc_blockdev_read(const char *sysfs, unsigned major, unsigned minor,
		      struct fsc_blockdev *out)
{
	char path[PATH_MAX], *real;

	memset(out, 0, sizeof(*out));
	out->rotational = -1;
	out->numa_node = -1;
	snprintf(path, sizeof(path), "%s/dev/block/%u:%u", sysfs, major, minor);
	real = realpath(path, NULL);
	if (!real)
		return -ENOENT;
	walk(sysfs, real, out, 0);
	free(real);
	return out->ndisks ? 0 : -ENOENT;
}

char *fsc_blockdev_label(const struct fsc_blockdev *b, char *buf, size_t len)
{
	if (!b->name[0])
		snprintf(buf, len, "%s", "");
	else if (b->dm_name[0])
		snprintf(buf, len, "%s (via %s %s)", b->name, b->holder,
			 b->dm_name);
	else if (b->holder[0])
		snprintf(buf, len, "%s (via %s)", b->name, b->holder);
	else
		snprintf(buf, len, "%s", b->name);
	return buf;
}

/* --- the live system --- */

static bool is_memory_fs(const char *fstype)
{
	return strcmp(fstype, "tmpfs") == 0 || strcmp(fstype, "ramfs") == 0 ||
	       strcmp(fstype, "hugetlbfs") == 0;
}

/* The block device of a file system whose st_dev is not one (btrfs, and
 * others with anonymous devices): the mount source, when it is a device
 * node. */
static int bdev_from_source(const char *source, struct fsc_blockdev *b)
{
	struct stat st;

	if (strncmp(source, "/dev/", 5) != 0 || stat(source, &st) < 0 ||
	    !S_ISBLK(st.st_mode))
		return -ENOENT;
	return fsc_blockdev_read("/sys", major(st.st_rdev), minor(st.st_rdev),
				 b);
}

void fsc_fingerprint_read(struct fsc_fingerprint *fp, const char *path,
			  const struct stat *st, const char *fstype)
{
	char *text = xreadfile("/proc/self/mountinfo");
	char *real = realpath(path, NULL);
	dev_t dev = st->st_dev;
	const char *source = NULL;

	memset(fp, 0, sizeof(*fp));
	fp->bdev.rotational = -1;
	fp->bdev.numa_node = -1;
	fp->memory_backed = is_memory_fs(fstype);
	if (text && real && fsc_mountinfo_find(text, real, major(dev),
					       minor(dev), &fp->mount) == 0) {
		fp->has_mount = true;
		source = fp->mount.source;
	}
	if (fp->has_mount && strcmp(fp->mount.fstype, "overlay") == 0)
		fp->upper_dir = fsc_mount_option(fp->mount.super_options,
						  "upperdir");
	if (fp->upper_dir) {
		struct stat ust;
		struct statfs usf;
		struct fsc_mount um;

		/* The writes land in the upper layer: its file system and
		 * device are what is measured. */
		if (stat(fp->upper_dir, &ust) == 0 &&
		    statfs(fp->upper_dir, &usf) == 0) {
			const char *name = fsc_fstype_name(
				(unsigned long)usf.f_type);
			if (name)
				snprintf(fp->upper_fstype,
					 sizeof(fp->upper_fstype), "%s", name);
			else
				snprintf(fp->upper_fstype,
					 sizeof(fp->upper_fstype), "0x%lx",
					 (unsigned long)usf.f_type);
			if (fsc_mountinfo_find(text, fp->upper_dir,
					       major(ust.st_dev),
					       minor(ust.st_dev), &um) == 0) {
				if (name && fsc_fstype_refines(name, um.fstype))
					snprintf(fp->upper_fstype,
						 sizeof(fp->upper_fstype),
						 "%s", um.fstype);
				fsc_mount_free(&um);
			}
			fp->memory_backed = is_memory_fs(fp->upper_fstype);
			dev = ust.st_dev;
			source = NULL;
		}
	}
	if (fsc_blockdev_read("/sys", major(dev), minor(dev), &fp->bdev) == 0 ||
	    (source && bdev_from_source(source, &fp->bdev) == 0))
		fp->has_bdev = true;
	if (fp->has_bdev) {
		char disk[64];

		snprintf(disk, sizeof(disk), "%.*s",
			 (int)strcspn(fp->bdev.name, "+"), fp->bdev.name);
		fp->bdev.numa_node = fsc_topo_device_node(disk,
							  fp->bdev.numa_node);
	}
	free(real);
	free(text);
}

void fsc_fingerprint_free(struct fsc_fingerprint *fp)
{
	fsc_mount_free(&fp->mount);
	free(fp->upper_dir);
	memset(fp, 0, sizeof(*fp));
}
