/* aio-why.c - reasons and fixes for an asynchronous I/O API that will not
 * start: io_uring's setup errors mean different things (an old kernel, a
 * sysctl, a seccomp filter, the memlock limit), and libaio's -EAGAIN is
 * the fs.aio-max-nr sysctl. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engines/aio-why.h"

long long fsc_read_sysctl(const char *path)
{
	char buf[64], *end;
	long long v;
	FILE *f = fopen(path, "re");

	if (!f)
		return -1;
	if (!fgets(buf, sizeof(buf), f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (errno || end == buf || (*end && *end != '\n') || v < 0)
		return -1;
	return v;
}

void fsc_why_uring(int err, long long disabled, uint64_t memlock,
		   char *why, size_t len)
{
	const char *what = strerror(-err);

	switch (-err) {
	case ENOSYS:
		snprintf(why, len, "io_uring_setup: %s: this kernel has no "
			 "io_uring (Linux 5.6 or later is needed for file "
			 "writes); use --engine libaio or threads", what);
		break;
	case EPERM:
		if (disabled == 2)
			snprintf(why, len, "io_uring_setup: %s: "
				 "kernel.io_uring_disabled = 2 turns io_uring "
				 "off; `sysctl -w kernel.io_uring_disabled=0` "
				 "turns it on, or use --engine libaio", what);
		else if (disabled == 1)
			snprintf(why, len, "io_uring_setup: %s: "
				 "kernel.io_uring_disabled = 1 allows only "
				 "root and members of kernel.io_uring_group; "
				 "run as root, join that group, or `sysctl -w "
				 "kernel.io_uring_disabled=0`", what);
		else
			snprintf(why, len, "io_uring_setup: %s, %s: a seccomp "
				 "filter blocks it (a container's default "
				 "profile does); allow io_uring_setup, "
				 "io_uring_enter and io_uring_register, or use "
				 "--engine libaio", what, disabled == 0 ?
				 "though kernel.io_uring_disabled = 0" :
				 "and this kernel has no "
				 "kernel.io_uring_disabled");
		break;
	case ENOMEM:
		if (memlock != UINT64_MAX)
			snprintf(why, len, "io_uring_setup: %s: the ring "
				 "does not fit in the locked-memory limit "
				 "(ulimit -l: %llu KiB); raise it (ulimit -l "
				 "unlimited, or LimitMEMLOCK= for a service) "
				 "or lower --jobs or --iodepth", what,
				 (unsigned long long)(memlock / 1024));
		else
			snprintf(why, len, "io_uring_setup: %s: the kernel "
				 "has no memory for the ring; lower --jobs or "
				 "--iodepth", what);
		break;
	case EMFILE:
	case ENFILE:
		snprintf(why, len, "io_uring_setup: %s: a ring is a file "
			 "descriptor too; raise the open file limit (ulimit -n) "
			 "or lower --jobs", what);
		break;
	case EINVAL:
		snprintf(why, len, "io_uring_setup: %s: the kernel refused "
			 "the ring's parameters (IORING_SETUP_CLAMP needs Linux "
			 "5.6 or later); use --engine libaio or threads", what);
		break;
	default:
		snprintf(why, len, "io_uring_setup: %s", what);
		break;
	}
}

void fsc_why_libaio(int err, unsigned depth, long long max_nr, long long nr,
		    char *why, size_t len)
{
	const char *what = strerror(-err);

	switch (-err) {
	case EAGAIN:
		if (max_nr >= 0)
			snprintf(why, len, "io_setup(%u): %s: fs.aio-max-nr = "
				 "%lld with %lld in use (fs.aio-nr) leaves no "
				 "room; raise it (`sysctl -w fs.aio-max-nr=%lld`)"
				 " or lower --jobs or --iodepth", depth, what,
				 max_nr, nr < 0 ? 0 : nr,
				 max_nr * 4 > 1048576 ? max_nr * 4 : 1048576);
		else
			snprintf(why, len, "io_setup(%u): %s: the system-wide "
				 "limit on AIO events (fs.aio-max-nr) is "
				 "reached; raise it or lower --jobs or "
				 "--iodepth", depth, what);
		break;
	case ENOSYS:
		snprintf(why, len, "io_setup: %s: this kernel was built "
			 "without Linux AIO (CONFIG_AIO); use --engine io_uring "
			 "or threads", what);
		break;
	case EPERM:
		snprintf(why, len, "io_setup: %s: a seccomp filter blocks "
			 "Linux AIO (a container's profile may); use --engine "
			 "io_uring or threads", what);
		break;
	case EINVAL:
		snprintf(why, len, "io_setup(%u): %s: more events than one "
			 "AIO context may hold; lower --jobs or --iodepth",
			 depth, what);
		break;
	default:
		snprintf(why, len, "io_setup(%u): %s", depth, what);
		break;
	}
}
