/* contracts.c - the contracts shared by the fuzz targets (contracts.h). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "contracts.h"
#include "result/stats.h"

void broken(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz: %s: %s\n", what, detail);
	abort();
}

void check_message(const char *err)
{
	if (!err[0])
		broken("refused without a message", "");
	for (const char *p = err; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			broken("control character in the message", err);
}

void check_run(const struct fsc_opts *o)
{
	/* --size 0: files created and closed, no data (fsconc(1)). */
	if (!o->block_size || (o->size && o->size % o->block_size) ||
	    o->block_size > FSC_MAX_WRITE)
		broken("accepted a bad size or block size", "");
	if (!o->size && o->verify)
		broken("accepted --verify of no data", "");
	if (!o->files || o->files > FSC_MAX_FILES ||
	    (o->size && o->files > UINT64_MAX / o->size))
		broken("accepted a bad file count", "");
	if (!o->iodepth || o->iodepth > FSC_MAX_IODEPTH || !o->rounds ||
	    o->rounds > FSC_ROUNDS_MAX)
		broken("accepted a bad count", "");
	if (o->rounds_auto && o->rounds != FSC_VERDICT_MIN_ROUNDS)
		broken("--rounds auto from other than 3 rounds", "");
	for (size_t i = 0; i < o->njobs; i++)
		if (!o->jobs[i] || o->jobs[i] > o->files ||
		    (i && o->jobs[i] <= o->jobs[i - 1]))
			broken("accepted a bad --jobs list", "");
	for (size_t i = 0; i < o->ndirs; i++)
		if (!o->dirs[i][0])
			broken("accepted an empty --dir", "");
	if (!o->engines_all && !o->nengines)
		broken("accepted no engine", "");
}
