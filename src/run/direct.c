/* direct.c - probing O_DIRECT on a target before anything is written:
 * does the file system take it, and with what alignment. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <unistd.h>

#include "engines/engine.h"
#include "host/target.h"
#include "run/direct.h"
#include "run/rundir.h"

#ifndef STATX_DIOALIGN
#define STATX_DIOALIGN 0x00002000U
#endif

#define TMPFS_MAGIC 0x01021994

/* stx_dio_mem_align and stx_dio_offset_align came with Linux 6.1's
 * headers; with older ones the kernel still fills them, at these offsets
 * of the 256-byte buffer every struct statx is. */
static void dio_fields(const struct statx *sx, uint32_t *mem, uint32_t *off)
{
#ifdef HAVE_STRUCT_STATX_STX_DIO_MEM_ALIGN
	*mem = sx->stx_dio_mem_align;
	*off = sx->stx_dio_offset_align;
#else
	_Static_assert(sizeof(struct statx) == 256, "struct statx layout");
	memcpy(mem, (const char *)sx + 0x98, sizeof(*mem));
	memcpy(off, (const char *)sx + 0x9c, sizeof(*off));
#endif
}

static long read_number(const char *path)
{
	char buf[32];
	long v = -1;
	FILE *f = fopen(path, "re");

	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f))
		v = strtol(buf, NULL, 10);
	fclose(f);
	return v;
}

/* The logical block size of the device under fd: a whole disk has its
 * queue/, a partition's is its parent's. */
static long logical_block_size(int fd)
{
	struct stat st;
	char path[128];
	long v;

	if (fstat(fd, &st) < 0 || major(st.st_dev) == 0)
		return -1;	/* no block device: tmpfs, overlay, ... */
	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/queue/"
		 "logical_block_size", major(st.st_dev), minor(st.st_dev));
	v = read_number(path);
	if (v > 0)
		return v;
	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/../queue/"
		 "logical_block_size", major(st.st_dev), minor(st.st_dev));
	return read_number(path);
}

static int probe_file(int dirfd, bool named_ok)
{
	char name[64];
	int fd = openat(dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);

	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR))
		return fd < 0 ? -errno : fd;
	if (!named_ok)
		return -EOPNOTSUPP;
	/* No O_TMPFILE here: a name `fsconc cleanup` knows, gone at once. */
	fsc_file_name(name, sizeof(name), 0, "dioprobe", 0, 0);
	fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	unlinkat(dirfd, name, 0);
	return fd;
}

int fsc_direct_probe(int dirfd, bool named_ok, struct fsc_dio *out)
{
	struct statx sx;
	uint32_t mem = 0, off = 0;
	long lbs;
	int fd = probe_file(dirfd, named_ok), flags, rc = 0;

	if (fd < 0)
		return fd;
	/* Setting O_DIRECT makes the same check open(O_DIRECT) does, on a
	 * file that exists whatever the answer. */
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_DIRECT) < 0) {
		rc = -errno;
		goto out;
	}
	memset(&sx, 0, sizeof(sx));
	if (statx(fd, "", AT_EMPTY_PATH, STATX_DIOALIGN, &sx) == 0 &&
	    (sx.stx_mask & STATX_DIOALIGN)) {
		dio_fields(&sx, &mem, &off);
		if (!mem || !off) {
			rc = -EINVAL;	/* statx: no direct I/O for this file */
			goto out;
		}
		out->mem_align = mem;
		out->offset_align = off;
		out->source = "statx STATX_DIOALIGN";
	} else if ((lbs = logical_block_size(fd)) > 0) {
		out->mem_align = out->offset_align = (uint32_t)lbs;
		out->source = "the device's logical_block_size";
	} else {
		out->mem_align = out->offset_align =
			(uint32_t)sysconf(_SC_PAGESIZE);
		out->source = "the page size, nothing else being known";
	}
out:
	close(fd);
	return rc;
}

int fsc_dontcache_probe(int dirfd)
{
	struct iovec iov = { (void *)(uintptr_t)"x", 1 };
	int fd = probe_file(dirfd, true), rc = 0;

	if (fd < 0)
		return fd;
	if (pwritev2(fd, &iov, 1, 0, RWF_DONTCACHE) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

int fsc_direct_check(const struct fsc_dio *d, uint64_t block_size,
		     const char *path, const char *fstype, char *err,
		     size_t len)
{
	/* --block-size divides --size, so an aligned block size makes every
	 * offset and the size aligned too. */
	if (block_size % d->offset_align == 0)
		return 0;
	snprintf(err, len, "--block-size %llu: not a multiple of %u, the "
		 "direct I/O alignment of %s (%s, from %s); use a multiple of "
		 "%u with --direct", (unsigned long long)block_size,
		 d->offset_align, path, fstype, d->source, d->offset_align);
	return -1;
}

void fsc_direct_refused(char *err, size_t len, const char *path,
			const char *fstype)
{
	snprintf(err, len, "--direct: %s (%s) has no direct I/O (O_DIRECT: %s); "
		 "run without --direct there", path, fstype, strerror(EINVAL));
}

bool fsc_direct_cached(unsigned long fsmagic)
{
	return fsmagic == TMPFS_MAGIC;
}
