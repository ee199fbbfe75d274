/* labels.h - how a target set and a trial are named in reports. */
#ifndef FSC_LABELS_H
#define FSC_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "result/result.h"

/* "/tmp", or "/tmp + /dev/shm" for a split set, as shown (the targets'
 * names: control characters as '?'). */
char *fsc_set_label(const struct fsc_result *p, unsigned set, char *buf,
		    size_t len);
/* The same with the paths exactly as given, for the CSV. */
char *fsc_set_paths(const struct fsc_result *p, unsigned set, char *buf,
		    size_t len);
/* "tmpfs", or "ext4 + tmpfs". */
char *fsc_set_fstypes(const struct fsc_result *p, unsigned set, char *buf,
		      size_t len);
/* "threads×5", "pwrite". */
char *fsc_trial_label(const struct fsc_trial_result *t, char *buf, size_t len);

/* Do two paths name one dir, trailing slashes aside ("/data/" is
 * "/data")? */
bool fsc_same_path(const char *a, const char *b);

#endif
