/* target.h - a target directory: validation, the private run directory
 * fsconc writes in, the files it creates there (tracked by device and
 * inode so only those are ever deleted), and `fsconc cleanup`. */
#ifndef FSC_TARGET_H
#define FSC_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "host/fingerprint.h"

#define FSC_RUNDIR_PREFIX ".fsconc-"
#define FSC_MARKER        ".fsconc-run"

struct fsc_target {
	char *path;		/* as the user gave it */
	char *name;		/* path fit for a terminal (fsc_printable) */
	dev_t dev;		/* of the target directory */
	ino_t ino;
	unsigned long fsmagic;	/* statfs f_type */
	char fstype[24];	/* "ext4", "tmpfs", ... or "0x1234abcd" */
	uint64_t free_bytes;	/* statvfs f_bavail * f_frsize */
	uint64_t free_inodes;
	/* statvfs reports no size (f_blocks 0: ramfs, some FUSE) or no
	 * inodes (f_files 0): there is nothing to check space against. */
	bool size_unknown, inodes_unknown;
	struct fsc_fingerprint fp;	/* mount, overlay upper, block device */
	int pfd;		/* of the target directory (O_PATH), -1 until
				 * the run directory is made: it is made and
				 * removed relative to it, never by path */
	char *rundir;		/* path/.fsconc-XXXXXX, NULL until created */
	int dirfd;		/* of rundir, -1 until created */
	int markerfd;		/* the marker, locked (flock) for the whole
				 * run: what tells cleanup the run is live */
	dev_t run_dev;		/* identity of rundir */
	ino_t run_ino;
	dev_t marker_dev;
	ino_t marker_ino;
	unsigned sharing;	/* ranks of an MPI run writing to this file
				 * system, this one included (0 or 1: alone) */
};

/* Identity of a file fsconc created. */
struct fsc_file_id {
	dev_t dev;
	ino_t ino;
	bool created;
};

/* Check that path is an existing directory and fill in its identity,
 * file system and fingerprint.  No file is created.  0 or -1 with err
 * set. */
int fsc_target_probe(struct fsc_target *t, const char *path, char *err,
		     size_t len);
/* Refresh free_bytes/free_inodes.  0 or -errno. */
int fsc_target_statvfs(struct fsc_target *t);
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
void fsc_target_free(struct fsc_target *t);

/* Remove name from the run directory only if it is still the file we
 * created.  0, or -errno (-ESTALE when it is not ours any more). */
int fsc_target_unlink(struct fsc_target *t, const char *name,
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
