/* options-values.h - the values of options, read from text: counts,
 * sizes, seconds, choices, lists.  Each returns 0, or -1 with a one-line
 * message in err naming the option and the value (fsc_opt_fail). */
#ifndef FSC_OPTIONS_VALUES_H
#define FSC_OPTIONS_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli/options.h"

/* Format the message into err, the control characters of what was typed
 * made '?'; returns -1. */
int fsc_opt_fail(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A decimal count in [lo, hi]: digits only. */
int fsc_opt_count(const char *name, const char *arg, uint64_t lo,
		  uint64_t hi, uint64_t *out, char *err, size_t len);
/* Seconds, digits with an optional fraction of up to 9 digits ("0.25"),
 * more than 0 and at most max, in nanoseconds. */
int fsc_opt_seconds(const char *name, const char *arg, uint64_t max,
		    uint64_t *out, char *err, size_t len);
/* A size (fsc_parse_size), more than 0. */
int fsc_opt_size(const char *name, const char *arg, uint64_t *out,
		 char *err, size_t len);
/* --size: a size, or 0 (fsconc(1), --size). */
int fsc_opt_file_size(const char *arg, uint64_t *out, char *err,
		      size_t len);
/* One of names[0..n): its index in *out. */
int fsc_opt_choice(const char *name, const char *arg,
		   const char *const *names, unsigned n, unsigned *out,
		   char *err, size_t len);
/* --engine LIST: o->engines, or o->engines_all for "all". */
int fsc_opt_engines(struct fsc_opts *o, const char *arg, char *err,
		    size_t len);
/* --jobs LIST: o->jobs, sorted. */
int fsc_opt_jobs(struct fsc_opts *o, const char *arg, char *err, size_t len);
/* --budget: seconds ("30s", "0.5s") or a size ("10G"). */
int fsc_opt_budget(struct fsc_opts *o, const char *arg, char *err,
		   size_t len);
/* plan --target RATE: o->target_rate in bytes per second, and
 * o->target_iec, the unit it was given in. */
int fsc_opt_target(struct fsc_opts *o, const char *arg, char *err,
		   size_t len);
/* A profile's value of a flag: true, yes, on, 1 or false, no, off, 0. */
bool fsc_opt_bool(const char *s, bool *out);

#endif
