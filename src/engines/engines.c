/* engines.c - the engine table.  An engine whose library was not found at
 * configure time (or was left out with --without-X) stays listed, with
 * what to install. */
#include "config.h"

#include <string.h>

#include "engines/engine.h"

extern const struct fsc_engine fsc_engine_pwrite;
extern const struct fsc_engine fsc_engine_threads;

/* ThreadSanitizer cannot follow glibc's POSIX AIO: glibc starts its helper
 * threads from inside libc, where the sanitizer does not see them, and
 * they crash its allocator when they start threads of their own.  A
 * ThreadSanitizer build leaves posixaio out, and says why. */
#if defined(__SANITIZE_THREAD__)
#define FSC_TSAN_BUILD 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define FSC_TSAN_BUILD 1
#endif
#endif

#ifndef FSC_TSAN_BUILD
extern const struct fsc_engine fsc_engine_posixaio;
#else
static const struct fsc_engine fsc_engine_posixaio = {
	.name = "posixaio",
	.summary = "one thread, glibc aio_write + aio_suspend",
	.missing = "left out of this ThreadSanitizer build, which cannot "
		   "follow glibc's AIO threads; build without --enable-tsan",
	.concurrent = true, .async = true,
};
#endif

#ifdef HAVE_LIBAIO
extern const struct fsc_engine fsc_engine_libaio;
#else
static const struct fsc_engine fsc_engine_libaio = {
	.name = "libaio",
	.summary = "one thread, Linux AIO io_submit + io_getevents",
	.missing = "install libaio-dev, then run configure again",
	.concurrent = true, .async = true,
};
#endif

#ifdef HAVE_LIBURING
extern const struct fsc_engine fsc_engine_io_uring;
#else
static const struct fsc_engine fsc_engine_io_uring = {
	.name = "io_uring",
	.summary = "one thread, liburing prep_write + submit/wait",
	.missing = "install liburing-dev, then run configure again",
	.concurrent = true, .async = true,
};
#endif

const struct fsc_engine *const fsc_engines[] = {
	&fsc_engine_pwrite,
	&fsc_engine_threads,
	&fsc_engine_posixaio,
	&fsc_engine_libaio,
	&fsc_engine_io_uring,
	NULL,
};

const struct fsc_engine *fsc_engine_find(const char *name)
{
	for (size_t i = 0; fsc_engines[i]; i++)
		if (strcmp(fsc_engines[i]->name, name) == 0)
			return fsc_engines[i];
	return NULL;
}
