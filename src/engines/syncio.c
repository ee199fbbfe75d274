/* syncio.c - the synchronous write path the pwrite and threads engines
 * share (fsc_sync_write_file, engine.h): one file opened, written block by
 * block with pwrite (pwritev2 for RWF_* flags), fsynced as asked, closed. */
#include "config.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/uio.h>
#include <unistd.h>

#include "engines/engine.h"
#include "engines/trial.h"
#include "util/clock.h"

int fsc_pwrite_full(int fd, const char *buf, size_t len, uint64_t off,
		    int flags)
{
	while (len) {
		struct iovec iov = { (void *)(uintptr_t)buf, len };
		ssize_t n = flags ? pwritev2(fd, &iov, 1, (off_t)off, flags) :
			pwrite(fd, buf, len, (off_t)off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return -EIO;
		buf += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

int fsc_sync_write_file(struct fsc_trial *t, struct fsc_worker *w, size_t i)
{
	uint64_t size = fsc_trial_file_size(t), bs = fsc_trial_block_size(t);
	bool each = fsc_trial_fsync_each(t);
	int flags = fsc_trial_rw_flags(t);
	void *own = fsc_trial_own_buffer(t, (unsigned)(w - t->workers));
	uint64_t off = 0;
	int fd, rc;

	fd = fsc_file_open(t, i);
	if (fd < 0)
		return fd;
	while (off < size) {
		size_t len = (size_t)(size - off < bs ? size - off : bs);
		const void *data = fsc_trial_data(t, own, i, off, len);
		uint64_t start, end;

		if (fsc_trial_stopping(t)) {
			close(fd);
			return -ECANCELED;
		}
		if (fsc_trial_walled(t))
			break;
		atomic_store_explicit(&w->in_kernel, i + 1,
				      memory_order_relaxed);
		start = fsc_now_ns();
		rc = fsc_pwrite_full(fd, data, len, off, flags);
		if (rc == 0 && each)
			rc = fsc_file_fsync(t, i, fd);
		end = fsc_now_ns();
		atomic_store_explicit(&w->in_kernel, 0, memory_order_relaxed);
		if (rc < 0) {
			close(fd);
			return fsc_trial_fail(t, i, "write", rc);
		}
		fsc_worker_write(w, len, end - start, end - start);
		off += len;
	}
	/* --fsync end syncs the file here. */
	atomic_store_explicit(&w->in_kernel, i + 1, memory_order_relaxed);
	rc = fsc_file_close(t, i, fd, off);
	atomic_store_explicit(&w->in_kernel, 0, memory_order_relaxed);
	return rc;
}
