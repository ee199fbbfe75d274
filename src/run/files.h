/* files.h - the files of a trial on its targets (files.c): the space
 * they need, making, verifying and removing them, and syncing the file
 * systems they are on. */
#ifndef FSC_FILES_H
#define FSC_FILES_H

#include <stddef.h>

#include "engines/trial.h"
#include "host/target.h"
#include "result/result.h"

/* How many subdirectories --dirs-per-target makes in target k's run
 * directory: as many as asked, but no more than the most files a trial
 * puts on the target, so none is empty. */
unsigned fsc_files_subdirs(const struct fsc_result *p, unsigned k);

/* Space every target needs at its peak: the largest trial, or with keep
 * the sum of all (only: that trial alone, the next one).  0, or -1 with
 * err naming the target and the figures. */
int fsc_files_check_space(struct fsc_result *p,
			  const struct fsc_trial_result *only, char *err,
			  size_t len);

/* truncate and overwrite start from files that already exist: make the
 * files of trial t (spec in p), untimed, full size and on disk.  0, or
 * -errno with the failure recorded in t. */
int fsc_files_prepare(struct fsc_result *p,
		      const struct fsc_trial_result *spec, struct fsc_trial *t);

/* Leave a file that overwrite starts from, just made and fsynced, as a
 * file rewritten in place finds its pages (fsconc(1), --mode).  Through
 * the page cache: read back once (scratch: a block), so that the pages
 * have been used before, as a file written over and over has: the first
 * write over a page just made costs the kernel more than the next ones
 * (its LRU bookkeeping), a cost of the file being new.  With --direct
 * and --cache dontcache: its pages dropped from the cache, as fio's
 * invalidate does, so that the timed writes do not pay to drop them.
 * 0, or -errno (-EIO: the file is shorter than --size). */
int fsc_files_settle(const struct fsc_opts *o, int fd, void *scratch);

/* --verify: read every file of t back, untimed, and check every block
 * (the progress line's phase "verifying", what it reads of).  0, or -1
 * with err naming the file, the offset and what is wrong. */
int fsc_files_verify(struct fsc_trial *t, const char *what, char *err,
		     size_t len);

/* Remove a trial's files, only those still ours (ids), then syncfs.
 * Returns the number that could not be removed (one more when syncfs
 * failed), with a message for the first failure. */
int fsc_files_remove(struct fsc_result *p, const struct fsc_trial_result *spec,
		     struct fsc_file_id *ids, char *err, size_t len);

/* syncfs the file system of a target, which writes back what fsconc wrote
 * there and reports a writeback that failed since the run directory was
 * opened (Linux 5.8 and later).  0, or -errno with err naming the target,
 * its file system and its device: figures from a device that loses the
 * writes are no figures.  err may be NULL (len 0). */
int fsc_files_sync_target(const struct fsc_target *tg, char *err,
			  size_t len);
/* syncfs every directory of a set: 0, or the first failure (err set). */
int fsc_files_sync_set(struct fsc_result *p, unsigned set, char *err,
		       size_t len);

#endif
