/* rundir.h - fsconc's private run directory in a target, the files it
 * creates there (tracked by device and inode, so only those are ever
 * deleted), and `fsconc cleanup`. */
#ifndef FSC_RUNDIR_H
#define FSC_RUNDIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "host/target.h"

#define FSC_RUNDIR_PREFIX ".fsconc-"
#define FSC_MARKER        ".fsconc-run"

/* Create the private run directory and its marker, relative to the
 * target's descriptor: a fresh name made with mkdirat, opened with
 * O_NOFOLLOW and taken only when it is the directory made (owned by this
 * user, mode 0700, empty, on the target's file system); the marker is
 * made in it with O_EXCL and locked for the whole run.  Under MPI (host
 * not NULL) the directory is named .fsconc-HOST-rRANK-XXXXXX and the
 * marker names the host and the rank, so ranks writing into one shared
 * directory never meet and each cleans up only its own.  0 or -1, err
 * set. */
int fsc_target_open(struct fsc_target *t, const char *host, int rank,
		    char *err, size_t len);
/* Remove the run directory if it holds nothing but the marker, and only
 * while its name still has the device and inode of the directory made;
 * with keep, leave it.  Returns 0, or -errno when something stayed
 * behind (-ESTALE: the name is not fsconc's directory any more, which is
 * left where it was moved, emptied). */
int fsc_target_close(struct fsc_target *t, bool keep);
/* Remove name from the run directory only if it is still the file we
 * created.  0, or -errno (-ESTALE when it is not ours any more). */
int fsc_target_unlink(struct fsc_target *t, const char *name,
		      const struct fsc_file_id *id);
/* The same in the directory dfd (a subdirectory, fsc_target_file_fd). */
int fsc_target_unlink_at(int dfd, const char *name,
			 const struct fsc_file_id *id);

/* Names fsconc gives its files (s<set>.<engine>.j<jobs>.<index>), the
 * only names `fsconc cleanup` removes. */
int fsc_file_name(char *buf, size_t len, unsigned set, const char *engine,
		  unsigned jobs, size_t index);
bool fsc_is_file_name(const char *name);

/* fsconc cleanup DIR: remove the run directories a killed fsconc left in
 * dir, and only what fsconc names and creates there: a directory owned by
 * this user, mode 0700, whose marker is this user's and is not locked by
 * a live run, and in it regular files of this user with fsconc's names
 * and one link.  One made on another host (a rank of an MPI run, on a
 * shared file system) is left to that host.  Prints what it does on out.
 * Returns 0, 1 when something was left, 2 when dir is not usable. */
int fsc_cleanup(const char *dir, FILE *out);

#endif
