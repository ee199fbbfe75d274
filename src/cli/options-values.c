/* options-values.c - the values of options, read from text, each
 * refused with a message that names the option and the value. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options-values.h"
#include "engines/engine.h"
#include "util/units.h"
#include "util/xalloc.h"

int fsc_opt_fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	/* The message quotes what was typed: a newline or a terminal escape
	 * in a value must not split the one line or reach the terminal. */
	for (char *p = err; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return -1;
}

/* A decimal count in [lo, hi]: digits only. */
static int parse_count(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
	uint64_t v = 0;

	if (!*s)
		return -EINVAL;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return -ERANGE;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (v < lo || v > hi)
		return -ERANGE;
	*out = v;
	return 0;
}

int fsc_opt_count(const char *name, const char *arg, uint64_t lo,
		  uint64_t hi, uint64_t *out, char *err, size_t len)
{
	if (parse_count(arg, lo, hi, out) == 0)
		return 0;
	return fsc_opt_fail(err, len, "%s '%s': expected a whole number from "
			    "%llu to %llu", name, arg, (unsigned long long)lo,
			    (unsigned long long)hi);
}

/* Seconds, digits with an optional fraction of up to 9 digits ("0.25"),
 * more than 0 and at most max, in nanoseconds. */
int fsc_opt_seconds(const char *name, const char *arg, uint64_t max,
		    uint64_t *out, char *err, size_t len)
{
	const char *p = arg;
	uint64_t s = 0, ns = 0, scale = 100000000;

	if (*p < '0' || *p > '9')
		goto bad;
	for (; *p >= '0' && *p <= '9'; p++) {
		s = s * 10 + (uint64_t)(*p - '0');
		if (s > max)
			goto bad;
	}
	if (*p == '.') {
		if (*++p < '0' || *p > '9')
			goto bad;
		for (; *p >= '0' && *p <= '9' && scale; p++, scale /= 10)
			ns += (uint64_t)(*p - '0') * scale;
	}
	if (*p || (s == 0 && ns == 0) || (s == max && ns))
		goto bad;
	*out = s * 1000000000u + ns;
	return 0;
bad:
	return fsc_opt_fail(err, len, "%s '%s': expected seconds, more than 0 "
			    "and at most %llu (a fraction such as 0.5 is fine)",
			    name, arg, (unsigned long long)max);
}

int fsc_opt_size(const char *name, const char *arg, uint64_t *out,
		 char *err, size_t len)
{
	int rc = fsc_parse_size(arg, out);

	if (rc == -ERANGE)
		return fsc_opt_fail(err, len, "%s '%s': too large", name,
				    arg);
	if (rc < 0)
		return fsc_opt_fail(err, len, "%s '%s': not a size (digits, "
				    "then K, M, G, T or KiB... for 1024s, KB, "
				    "MB, GB, TB for 1000s)", name, arg);
	if (*out == 0)
		return fsc_opt_fail(err, len, "%s '%s': must be more than 0",
				    name, arg);
	return 0;
}

/* --size: as fsc_opt_size(), and 0, a workload of its own: every file
 * created and closed, no data (fsconc(1), --size). */
int fsc_opt_file_size(const char *arg, uint64_t *out, char *err,
		      size_t len)
{
	if (fsc_parse_size(arg, out) == 0 && *out == 0)
		return 0;
	return fsc_opt_size("--size", arg, out, err, len);
}

int fsc_opt_choice(const char *name, const char *arg,
		   const char *const *names, unsigned n, unsigned *out,
		   char *err, size_t len)
{
	for (unsigned i = 0; i < n; i++)
		if (strcmp(arg, names[i]) == 0) {
			*out = i;
			return 0;
		}
	if (n == 3)
		return fsc_opt_fail(err, len, "%s '%s': expected %s, %s or %s",
				    name, arg, names[0], names[1], names[2]);
	return fsc_opt_fail(err, len, "%s '%s': not a valid choice", name,
			    arg);
}

int fsc_opt_engines(struct fsc_opts *o, const char *arg, char *err,
		    size_t len)
{
	char *copy, *tok, *save = NULL;
	int rc = 0;

	if (strcmp(arg, "all") == 0) {
		o->engines_all = true;
		o->nengines = 0;
		return 0;
	}
	o->engines_all = false;
	o->nengines = 0;
	copy = xstrdup(arg);
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		const struct fsc_engine *e = fsc_engine_find(tok);

		if (!e) {
			rc = fsc_opt_fail(err, len, "--engine '%s': unknown "
					  "engine (see --list-engines)", tok);
			break;
		}
		if (e->missing) {
			rc = fsc_opt_fail(err, len, "--engine '%s': not built: "
					  "%s", tok, e->missing);
			break;
		}
		for (size_t i = 0; i < o->nengines; i++)
			if (o->engines[i] == e->name) {
				rc = fsc_opt_fail(err, len, "--engine '%s': "
						  "named twice", tok);
				goto out;
			}
		o->engines = xrealloc(o->engines, o->nengines + 1,
				      sizeof(*o->engines));
		o->engines[o->nengines++] = e->name;
	}
	if (!rc && o->nengines == 0)
		rc = fsc_opt_fail(err, len, "--engine '%s': no engine named",
				  arg);
out:
	free(copy);
	return rc;
}

static int cmp_unsigned(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return (x > y) - (x < y);
}

int fsc_opt_jobs(struct fsc_opts *o, const char *arg, char *err, size_t len)
{
	const char *p = arg;

	o->njobs = 0;
	for (;;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char item[32];
		uint64_t v;

		if (n == 0 || n >= sizeof(item))
			return fsc_opt_fail(err, len, "--jobs '%s': expected "
					    "numbers from 1 to %d separated by "
					    "commas", arg, FSC_MAX_JOBS);
		memcpy(item, p, n);
		item[n] = '\0';
		if (parse_count(item, 1, FSC_MAX_JOBS, &v) < 0)
			return fsc_opt_fail(err, len, "--jobs '%s': '%s' is "
					    "not a number from 1 to %d", arg,
					    item, FSC_MAX_JOBS);
		o->jobs = xrealloc(o->jobs, o->njobs + 1, sizeof(*o->jobs));
		o->jobs[o->njobs++] = (unsigned)v;
		if (!end)
			break;
		p = end + 1;
	}
	qsort(o->jobs, o->njobs, sizeof(*o->jobs), cmp_unsigned);
	for (size_t i = 1; i < o->njobs; i++)
		if (o->jobs[i] == o->jobs[i - 1])
			return fsc_opt_fail(err, len, "--jobs '%s': %u appears "
					    "twice", arg, o->jobs[i]);
	return 0;
}

/* --budget: seconds ("30s", "0.5s") or a size ("10G"). */
int fsc_opt_budget(struct fsc_opts *o, const char *arg, char *err,
		   size_t len)
{
	size_t n = strlen(arg);
	uint64_t v;
	int rc;

	if (n > 1 && arg[n - 1] == 's') {
		char *secs = xstrdup(arg);

		secs[n - 1] = '\0';
		rc = fsc_opt_seconds("--budget", secs, FSC_MAX_STONEWALL_S, &v,
				 err, len);
		free(secs);
		if (rc == 0)
			o->budget_ns = v;
	} else {
		rc = fsc_parse_size(arg, &v);
		if (rc == 0 && v)
			o->budget_bytes = v;
	}
	if (rc == 0 && v)
		return 0;
	return fsc_opt_fail(err, len, "--budget '%s': expected seconds (30s, "
			    "0.5s) or bytes written (10G, 500MB), more than 0",
			    arg);
}

bool fsc_opt_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcmp(s, yes[i]) == 0)
			*out = true;
		else if (strcmp(s, no[i]) == 0)
			*out = false;
		else
			continue;
		return true;
	}
	return false;
}

/* The unit of a rate fsc_parse_rate took: 1 for powers of 1024 (K, M,
 * MiB...), 0 for powers of 1000 (KB, MB...), -1 for none (bytes/s), so
 * that plan echoes the rate in the unit it was given. */
static int rate_unit_iec(const char *s)
{
	size_t n = strlen(s);
	bool bytes;

	if (n >= 2 && strcmp(s + n - 2, "/s") == 0)
		n -= 2;
	bytes = n && s[n - 1] == 'B';
	if (bytes)
		n--;
	if (!n || (s[n - 1] >= '0' && s[n - 1] <= '9'))
		return -1;		/* "100", "100B" */
	if (s[n - 1] == 'i')
		return 1;		/* "100MiB" */
	return bytes ? 0 : 1;		/* "100MB", "100M" */
}


int fsc_opt_target(struct fsc_opts *o, const char *arg, char *err,
		   size_t len)
{
	uint64_t v;
	int rc = fsc_parse_rate(arg, &v);

	if (rc == -ERANGE)
		return fsc_opt_fail(err, len, "--target '%s': too large", arg);
	if (rc < 0)
		return fsc_opt_fail(err, len, "--target '%s': not a rate "
				    "(bytes per second as a size, with an "
				    "optional '/s': 2GB/s, 500MiB/s, 2G)", arg);
	if (v == 0)
		return fsc_opt_fail(err, len, "--target '%s': must be more "
				    "than 0", arg);
	o->target_rate = v;
	o->target_iec = rate_unit_iec(arg);
	return 0;
}
