/* aio-why.h - why an asynchronous I/O API refuses to start here: the
 * -errno of its setup call turned into a reason and a fix, from the
 * sysctls and limits that explain it.  Pure, so tests can feed it any
 * errno and any sysctl value. */
#ifndef FSC_AIO_WHY_H
#define FSC_AIO_WHY_H

#include <stddef.h>
#include <stdint.h>

#define FSC_SYSCTL_URING_DISABLED "/proc/sys/kernel/io_uring_disabled"
#define FSC_SYSCTL_AIO_MAX_NR     "/proc/sys/fs/aio-max-nr"
#define FSC_SYSCTL_AIO_NR         "/proc/sys/fs/aio-nr"

/* The number in a /proc/sys file, or -1 when it is missing or not one. */
long long fsc_read_sysctl(const char *path);

/* io_uring_queue_init() failed with err.  disabled: the value of
 * kernel.io_uring_disabled, -1 when the kernel has none; memlock: the
 * RLIMIT_MEMLOCK soft limit in bytes, UINT64_MAX when unlimited. */
void fsc_why_uring(int err, long long disabled, uint64_t memlock,
		   char *why, size_t len);

/* io_setup() for depth events failed with err.  max_nr and nr:
 * fs.aio-max-nr and fs.aio-nr, -1 when unknown. */
void fsc_why_libaio(int err, unsigned depth, long long max_nr, long long nr,
		    char *why, size_t len);

#endif
