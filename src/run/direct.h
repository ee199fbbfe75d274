/* direct.h - O_DIRECT on a target: whether its file system takes it, the
 * alignment it wants (statx STATX_DIOALIGN, else the device's logical
 * block size), and whether it really bypasses a cache (tmpfs does not). */
#ifndef FSC_DIRECT_H
#define FSC_DIRECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fsc_dio {
	uint32_t mem_align;	/* of buffers */
	uint32_t offset_align;	/* of file offsets and lengths */
	const char *source;	/* where the figures come from, for messages */
};

/* Try O_DIRECT on a file of fsconc's own in dirfd (an unnamed O_TMPFILE,
 * or, with named_ok, a named one removed at once when the file system has
 * no O_TMPFILE), and find its alignment.  0, -EINVAL when the file system
 * has no direct I/O, -EOPNOTSUPP when it could not be told without a
 * named file, or another -errno. */
int fsc_direct_probe(int dirfd, bool named_ok, struct fsc_dio *out);

/* The message for a target whose file system has no direct I/O. */
void fsc_direct_refused(char *err, size_t len, const char *path,
			const char *fstype);

/* --block-size against the alignment: 0, or -1 with a one-line message
 * naming the option, its value, the target and the alignment. */
int fsc_direct_check(const struct fsc_dio *d, uint64_t block_size,
		     const char *path, const char *fstype, char *err,
		     size_t len);

/* --cache dontcache: write one byte with RWF_DONTCACHE to a file of
 * fsconc's own in dirfd (as fsc_direct_probe with named_ok).  0,
 * -EOPNOTSUPP when the kernel or the file system has no uncached
 * buffered writes, or another -errno. */
int fsc_dontcache_probe(int dirfd);
/* tmpfs takes O_DIRECT from Linux 6.6 on, but keeps the data in the page
 * cache all the same: its --direct figures are not direct I/O. */
bool fsc_direct_cached(unsigned long fsmagic);

#endif
