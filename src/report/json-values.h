/* json-values.h - the values of the result profile (fsconc(1), JSON
 * PROFILE) that its parts share: numbers, strings, the machine's noise
 * and a set's targets. */
#ifndef FSC_JSON_VALUES_H
#define FSC_JSON_VALUES_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "run/plan.h"

/* Numbers: bytes and nanoseconds as integers, rates and shares as reals
 * (printed with 17 significant digits, so they read back bit for bit);
 * a real that is not finite is null. */
json_t *fsc_json_u64(uint64_t v);
json_t *fsc_json_real(double v);
/* A string, or null when empty; bytes that are not UTF-8 (a path may
 * hold any) become '?', since JSON text must be Unicode. */
json_t *fsc_json_text(const char *s);
/* What the machine did besides the trial (null: not known). */
json_t *fsc_json_noise(const struct fsc_noise *n);
/* The paths of set's targets, as given. */
json_t *fsc_json_paths(const struct fsc_result *p, unsigned set);
/* A round's timeline: {"interval_ns": N, "bytes": [...]}, or NULL for a
 * round without one. */
json_t *fsc_json_timeline(const struct fsc_timeline *tl);
/* A round's files summarised (fsconc(1), --file-detail), for set:
 * {"summarised": true, "files": N, "file_detail": N, "rated": N,
 * "bytes_per_sec": {...}, "slowest": {...}, "tail": {...}}. */
json_t *fsc_json_file_stats(const struct fsc_result *p, unsigned set,
			    const struct fsc_round *r);
/* root to out, indented by 2, but a timeline's bytes on one line each
 * ([1, 2, 3]): thousands of numbers stay a line.  0 or -1. */
int fsc_json_dump(const json_t *root, FILE *out);

#endif
