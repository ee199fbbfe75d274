/* engines.c - the engine table.  An engine whose library was not found at
 * configure time stays listed, with what to install. */
#include "config.h"

#include <string.h>

#include "engine.h"

extern const struct fsc_engine fsc_engine_pwrite;
extern const struct fsc_engine fsc_engine_threads;

static const struct fsc_engine posixaio_missing = {
	.name = "posixaio",
	.summary = "one thread, glibc aio_write + aio_suspend",
	.missing = "not implemented in this version of fsconc",
	.concurrent = true, .async = true,
};

static const struct fsc_engine libaio_missing = {
	.name = "libaio",
	.summary = "one thread, Linux AIO io_submit + io_getevents",
	.missing = "not implemented in this version of fsconc",
	.concurrent = true, .async = true,
};

static const struct fsc_engine io_uring_missing = {
	.name = "io_uring",
	.summary = "one thread, liburing prep_write + submit/wait",
	.missing = "not implemented in this version of fsconc",
	.concurrent = true, .async = true,
};

const struct fsc_engine *const fsc_engines[] = {
	&fsc_engine_pwrite,
	&fsc_engine_threads,
	&posixaio_missing,
	&libaio_missing,
	&io_uring_missing,
	NULL,
};

const struct fsc_engine *fsc_engine_find(const char *name)
{
	for (size_t i = 0; fsc_engines[i]; i++)
		if (strcmp(fsc_engines[i]->name, name) == 0)
			return fsc_engines[i];
	return NULL;
}
