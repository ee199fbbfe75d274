/* profile.h - workload profiles (--profile NAME|FILE): "key = value"
 * lines whose keys are the long options, parsed with inih, one line = one
 * flag at the place of --profile on the command line.  See
 * fsconc-profile(5). */
#ifndef FSC_PROFILE_H
#define FSC_PROFILE_H

#include <stddef.h>

#include "cli/options.h"

/* What a profile NAME is looked up as: NAME.conf. */
#define FSC_PROFILE_SUFFIX ".conf"

/* Apply the profile text (len bytes, name for messages) to *o, line by
 * line.  Pure: no output, no exit, no file.  0, or -1 with err set to
 * "NAME:LINE: what is wrong" (the first error). */
int fsc_profile_parse(struct fsc_opts *o, const char *text, size_t len,
		      const char *name, char *err, size_t errlen);

/* The file --profile arg means: arg itself when it holds a '/' or ends
 * in .conf; else NAME.conf in each directory of $FSCONC_PROFILE_PATH,
 * then the installed profiles, then, for an fsconc run from its build
 * tree, the source tree's profiles/.  0 with the path in path, or -1
 * with err saying where it looked. */
int fsc_profile_find(const char *arg, char *path, size_t len, char *err,
		     size_t errlen);

/* Find, read and apply a profile.  0, or -1 with err set. */
int fsc_profile_load(struct fsc_opts *o, const char *arg, char *err,
		     size_t errlen);

#endif
