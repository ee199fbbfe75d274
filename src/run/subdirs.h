/* subdirs.h - the subdirectories of a run directory that --dirs-per-target
 * deals a target's files over: made, checked and removed relative to the
 * run directory's descriptor, each only while its name is still the
 * directory made (fsconc(1), SAFETY). */
#ifndef FSC_SUBDIRS_H
#define FSC_SUBDIRS_H

#include <stdbool.h>
#include <stddef.h>

#include "host/target.h"

/* Make n subdirectories d0000... in t's run directory with mkdirat, each
 * opened with O_DIRECTORY|O_NOFOLLOW and taken only when it is the
 * directory made (this user's, mode 0700, empty, on the run directory's
 * file system).  0, or -1 with err set: those made so far are in t->sub,
 * for fsc_subdirs_remove(). */
int fsc_subdirs_make(struct fsc_target *t, unsigned n, char *err,
		     size_t len);
/* Is every subdirectory's name still the directory made?  0, or -ESTALE
 * with err naming the first that is not. */
int fsc_subdirs_check(const struct fsc_target *t, char *err, size_t len);
/* Remove the subdirectories, each only while its name is still the
 * directory made and it is empty, and close them all.  Returns how many
 * stayed, err saying why the first did. */
int fsc_subdirs_remove(struct fsc_target *t, char *err, size_t len);
/* Close them, leaving them where they are (--keep). */
void fsc_subdirs_forget(struct fsc_target *t);

/* Names fsconc gives its subdirectories: 'd' and four or more digits. */
bool fsc_is_subdir_name(const char *name);

#endif
