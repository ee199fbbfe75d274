/* load-json.c - the keys of a saved result profile, each read with its
 * type and range checked (fsconc(1), FILES). */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result/load-json.h"
#include "util/xalloc.h"

int fsc_jbad(struct fsc_jctx *c, const char *where, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(c->err, c->len, "%s: %s%s", c->name, where,
		     *where ? ": " : "");
	if (n >= 0 && (size_t)n < c->len) {
		va_start(ap, fmt);
		vsnprintf(c->err + n, c->len - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

const char *fsc_jkind(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}

void fsc_jat(char *at, size_t len, const char *where, const char *key)
{
	snprintf(at, len, "%s%s%s", where, *where ? "." : "", key);
}

int fsc_jnumber(struct fsc_jctx *c, const json_t *obj, const char *key,
		const char *where, bool required, double *out)
{
	const json_t *j = json_object_get(obj, key);
	char at[160];

	fsc_jat(at, sizeof(at), where, key);
	*out = NAN;
	if (!j || json_is_null(j)) {
		if (required)
			return fsc_jbad(c, at, "missing (expected a number)");
		return 0;
	}
	if (!json_is_number(j))
		return fsc_jbad(c, at, "expected a number, not %s",
				fsc_jkind(j));
	*out = json_number_value(j);
	if (!isfinite(*out) || *out < 0)
		return fsc_jbad(c, at, "%g is not a measurement", *out);
	return 0;
}

int fsc_jcount(struct fsc_jctx *c, const json_t *obj, const char *key,
	       const char *where, uint64_t *out)
{
	const json_t *j = json_object_get(obj, key);
	double v;

	*out = 0;
	if (fsc_jnumber(c, obj, key, where, false, &v) < 0)
		return -1;
	if (isnan(v))
		return 0;
	*out = json_is_integer(j) ? (uint64_t)json_integer_value(j) :
		v >= 1.8e19 ? UINT64_MAX : (uint64_t)llround(v);
	return 0;
}

int fsc_jwhole(struct fsc_jctx *c, const json_t *obj, const char *key,
	       const char *where, bool required, double lo, double hi,
	       uint64_t *out)
{
	const json_t *j = json_object_get(obj, key);
	double v;
	char at[160];

	*out = 0;
	if (fsc_jnumber(c, obj, key, where, required, &v) < 0)
		return -1;
	if (isnan(v))
		return 0;
	fsc_jat(at, sizeof(at), where, key);
	if (v != floor(v) || v < lo || v > hi)
		return fsc_jbad(c, at, "expected a whole number from %.0f to "
				"%.0f, not %g", lo, hi, v);
	*out = json_is_integer(j) ? (uint64_t)json_integer_value(j) :
		(uint64_t)v;
	return 0;
}

int fsc_jstring(struct fsc_jctx *c, const json_t *obj, const char *key,
		const char *where, bool required, char **out)
{
	const json_t *j = json_object_get(obj, key);
	char at[160];

	fsc_jat(at, sizeof(at), where, key);
	*out = NULL;
	if (!j || json_is_null(j)) {
		if (required)
			return fsc_jbad(c, at, "missing (expected a string)");
		return 0;
	}
	if (!json_is_string(j))
		return fsc_jbad(c, at, "expected a string, not %s",
				fsc_jkind(j));
	*out = xstrdup(json_string_value(j));
	return 0;
}

int fsc_jtext(struct fsc_jctx *c, const json_t *obj, const char *key,
	      const char *where, char *buf, size_t len)
{
	char *s;

	buf[0] = '\0';
	if (fsc_jstring(c, obj, key, where, false, &s) < 0)
		return -1;
	if (s) {
		fsc_jcut(s, len - 1);
		snprintf(buf, len, "%s", s);
	}
	free(s);
	return 0;
}

int fsc_jkept(struct fsc_jctx *c, const json_t *obj, const char *key,
	      const char *where, const char *dflt, const char **out)
{
	char *s;

	*out = dflt;
	if (fsc_jstring(c, obj, key, where, false, &s) < 0)
		return -1;
	if (s)
		*out = fsc_jkeep(c->p, s);
	return 0;
}

int fsc_jbool(struct fsc_jctx *c, const json_t *obj, const char *key,
	      const char *where, bool *out)
{
	const json_t *j = json_object_get(obj, key);
	char at[160];

	*out = false;
	if (!j || json_is_null(j))
		return 0;
	if (!json_is_boolean(j)) {
		fsc_jat(at, sizeof(at), where, key);
		return fsc_jbad(c, at, "expected a boolean, not %s",
				fsc_jkind(j));
	}
	*out = json_is_true(j);
	return 0;
}

const json_t *fsc_jmember(struct fsc_jctx *c, const json_t *obj,
			  const char *key, const char *where, bool required,
			  json_type type, int *rc)
{
	const json_t *j = json_object_get(obj, key);
	const char *want = type == JSON_ARRAY ? "an array" : "an object";
	char at[160];

	fsc_jat(at, sizeof(at), where, key);
	*rc = 0;
	if (!j || json_is_null(j)) {
		if (required)
			*rc = fsc_jbad(c, at, "missing (expected %s)", want);
		return NULL;
	}
	if (json_typeof(j) != type) {
		*rc = fsc_jbad(c, at, "expected %s, not %s", want,
			       fsc_jkind(j));
		return NULL;
	}
	return j;
}

const char *fsc_jkeep(struct fsc_result *p, char *s)
{
	struct fsc_source *src = p->source;

	src->strings = xrealloc(src->strings, src->nstrings + 1,
				sizeof(*src->strings));
	src->strings[src->nstrings++] = s;
	return s;
}

void fsc_jcut(char *s, size_t max)
{
	size_t n = max - 3;

	if (strlen(s) <= max)
		return;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(s + n, "...", 4);
}
