/* engines.c - the engine table.  An engine whose library was not found at
 * configure time (or was left out with --without-X) stays listed, with
 * what to install. */
#include "config.h"

#include <string.h>

#include "engine.h"

extern const struct fsc_engine fsc_engine_pwrite;
extern const struct fsc_engine fsc_engine_threads;

extern const struct fsc_engine fsc_engine_posixaio;

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
