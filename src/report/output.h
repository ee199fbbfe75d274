/* output.h - result files (--json, --csv) written whole or not at all: a
 * temporary file beside the destination, renamed over it when complete.
 * "-" is standard output. */
#ifndef FSC_OUTPUT_H
#define FSC_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

struct fsc_result;

/* Writes one report to out: 0 or -errno. */
typedef int (*fsc_writer)(FILE *out, const struct fsc_result *p);
/* The same for any other data (compare --json, plot -o). */
typedef int (*fsc_writer_any)(FILE *out, const void *data);

/* Before the run: may path (given to option opt) be written?  It must be
 * "-", or a regular file or a new name in a writable directory, and not
 * one of the plan's targets (p may be NULL).  0, or -1 with err set. */
int fsc_output_check(const char *opt, const char *path,
		     const struct fsc_result *p, char *err, size_t len);

/* Write the report to path atomically (or to stdout for "-").  0, or -1
 * with err saying what failed, on what, and why. */
int fsc_output_write(const char *opt, const char *path, fsc_writer w,
		     const struct fsc_result *p, char *err, size_t len);
int fsc_output_write_any(const char *opt, const char *path, fsc_writer_any w,
			 const void *data, char *err, size_t len);

/* A signal ends fsconc while it writes a result file: remove the
 * temporary copy, if one is being written.  Safe from any thread. */
void fsc_output_abandon(void);

#endif
