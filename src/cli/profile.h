/* profile.h - workload profiles (--profile NAME|FILE): "key = value"
 * lines whose keys are the long options, parsed with inih, one line = one
 * flag at the place of --profile on the command line.  See
 * fsconc-profile(5).  This file reads them; what a key means is the
 * caller's (options.c hands fsc_opts_set_from). */
#ifndef FSC_PROFILE_H
#define FSC_PROFILE_H

#include <stddef.h>

/* What a profile NAME is looked up as: NAME.conf. */
#define FSC_PROFILE_SUFFIX ".conf"

/* What takes each "key = value" line of a profile, in order: ctx as
 * given, the line's place (file, line).  0, or -1 with a one-line
 * message in err, which stops the parse. */
typedef int fsc_profile_line_fn(void *ctx, const char *key,
				const char *value, const char *file, int line,
				char *err, size_t errlen);

/* Hand each line of the profile text (len bytes, name for messages) to
 * fn.  Pure: no output, no exit, no file.  0, or -1 with err set to
 * "NAME:LINE: what is wrong" (the first error). */
int fsc_profile_parse(const char *text, size_t len, const char *name,
		      fsc_profile_line_fn *fn, void *ctx, char *err,
		      size_t errlen);

/* The file --profile arg means: arg itself when it holds a '/' or ends
 * in .conf; else NAME.conf in each directory of $FSCONC_PROFILE_PATH,
 * then the installed profiles, then, for an fsconc run from its build
 * tree, the source tree's profiles/.  0 with the path in path, or -1
 * with err saying where it looked. */
int fsc_profile_find(const char *arg, char *path, size_t len, char *err,
		     size_t errlen);

/* Find and read the profile --profile arg names, and hand its lines to
 * fn.  0, or -1 with err set. */
int fsc_profile_load(const char *arg, fsc_profile_line_fn *fn, void *ctx,
		     char *err, size_t errlen);

#endif
