/* load-json.h - reading the keys of a saved result profile (jansson),
 * each checked, an error saying where ("p.json: results[2].jobs:
 * expected a whole number from 1 to 4096, not 0"). */
#ifndef FSC_LOAD_JSON_H
#define FSC_LOAD_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "result/result.h"

struct fsc_jctx {
	const char *name;	/* the file */
	char *err;
	size_t len;
	struct fsc_result *p;	/* what owns the strings read */
};

/* Set the error, "NAME: WHERE: what": -1. */
int fsc_jbad(struct fsc_jctx *c, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "an object", "a number"... */
const char *fsc_jkind(const json_t *j);
/* "where.key" in at. */
void fsc_jat(char *at, size_t len, const char *where, const char *key);

/* obj.key as a measurement (a number, finite, 0 or more): missing or
 * null is NAN unless required. */
int fsc_jnumber(struct fsc_jctx *c, const json_t *obj, const char *key,
		const char *where, bool required, double *out);
/* The same, a count: missing or null is 0; exact for integers. */
int fsc_jcount(struct fsc_jctx *c, const json_t *obj, const char *key,
	       const char *where, uint64_t *out);
/* obj.key as a whole number from lo to hi: missing or null is 0 unless
 * required. */
int fsc_jwhole(struct fsc_jctx *c, const json_t *obj, const char *key,
	       const char *where, bool required, double lo, double hi,
	       uint64_t *out);
/* obj.key as a string (copied): missing or null is NULL unless
 * required. */
int fsc_jstring(struct fsc_jctx *c, const json_t *obj, const char *key,
		const char *where, bool required, char **out);
/* The same into buf, cut to fit: missing or null is "". */
int fsc_jtext(struct fsc_jctx *c, const json_t *obj, const char *key,
	      const char *where, char *buf, size_t len);
/* The same, kept by the result (fsc_result_free): missing or null is
 * dflt. */
int fsc_jkept(struct fsc_jctx *c, const json_t *obj, const char *key,
	      const char *where, const char *dflt, const char **out);
/* obj.key as a boolean: missing or null is false. */
int fsc_jbool(struct fsc_jctx *c, const json_t *obj, const char *key,
	      const char *where, bool *out);
/* obj's member key when it is of type (JSON_OBJECT, JSON_ARRAY); NULL
 * with *rc 0 when missing and not required, -1 when missing and
 * required or of another type. */
const json_t *fsc_jmember(struct fsc_jctx *c, const json_t *obj,
			  const char *key, const char *where, bool required,
			  json_type type, int *rc);

/* Keep s (malloc'd) with the result, freed by fsc_result_free(). */
const char *fsc_jkeep(struct fsc_result *p, char *s);
/* Cut s to max bytes, "..." last, at a character's start (UTF-8). */
void fsc_jcut(char *s, size_t max);

/* The trials of results, their targets and sets, and their rounds. */
int fsc_load_trials(struct fsc_jctx *c, const json_t *results);
/* One round of a trial of set s (results[i].rounds[k]). */
int fsc_load_round(struct fsc_jctx *c, const json_t *j, const char *where,
		   unsigned set, struct fsc_round *rd);

#endif
