/* target.h - a target directory: validation, identity, file system and
 * fingerprint; and the private run directory fsconc makes in it
 * (run/rundir.h). */
#ifndef FSC_TARGET_H
#define FSC_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "host/fingerprint.h"

/* A subdirectory fsconc made in a run directory (--dirs-per-target):
 * its descriptor, what files are made and removed relative to, and its
 * identity, checked before it is removed (run/subdirs.h). */
struct fsc_subdir {
	int fd;
	dev_t dev;
	ino_t ino;
};

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
	struct fsc_subdir *sub;	/* --dirs-per-target: the subdirectories of
				 * rundir made so far, d0000 on */
	unsigned nsub;
	unsigned sharing;	/* ranks of an MPI run writing to this file
				 * system, this one included (0 or 1: alone) */
};

/* Identity of a file fsconc created. */
struct fsc_file_id {
	dev_t dev;
	ino_t ino;
	bool created;
};

/* The directory the target's file k (its k-th, counted over the files
 * it holds) is made in: subdirectory k % nsub, or the run directory
 * without subdirectories.  Its descriptor, and its path for messages. */
int fsc_target_file_fd(const struct fsc_target *t, size_t k);
void fsc_target_file_dir(const struct fsc_target *t, size_t k, char *buf,
			 size_t len);
/* The name of subdirectory j of a run directory: d0000, d0001, ... */
int fsc_subdir_name(char *buf, size_t len, unsigned j);

/* Check that path is an existing directory and fill in its identity,
 * file system and fingerprint.  No file is created.  0 or -1 with err
 * set. */
int fsc_target_probe(struct fsc_target *t, const char *path, char *err,
		     size_t len);
/* Refresh free_bytes/free_inodes.  0 or -errno. */
int fsc_target_statvfs(struct fsc_target *t);
void fsc_target_free(struct fsc_target *t);

#endif
