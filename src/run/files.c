/* files.c - the files of a trial on its targets: the space they need,
 * making them before a trial that truncates or overwrites, reading them
 * back under --verify, removing them (only fsconc's own), and the syncfs
 * that puts each step on the devices. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engines/trial.h"
#include "host/target.h"
#include "run/files.h"
#include "run/plan.h"
#include "run/rundir.h"
#include "run/subdirs.h"
#include "util/progress.h"
#include "util/units.h"
#include "util/verify.h"
#include "util/xalloc.h"

int fsc_files_sync_target(const struct fsc_target *tg, char *err,
			  size_t len)
{
	const struct fsc_mount *m = &tg->fp.mount;
	int e;

	if (tg->dirfd < 0 || syncfs(tg->dirfd) == 0)
		return 0;
	e = errno;
	snprintf(err, len, "syncfs of %s (%s%s%s) failed: %s%s%s", tg->name,
		 tg->fstype, tg->fp.has_mount && m->source ? " on " : "",
		 tg->fp.has_mount && m->source ? m->source : "", strerror(e),
		 fsc_errno_hint(e), e == EIO ? ": what fsconc wrote there did "
		 "not all reach it" : "");
	return -e;
}

int fsc_files_sync_set(struct fsc_result *p, unsigned set, char *err,
		       size_t len)
{
	const struct fsc_set *s = &p->sets[set];
	int rc = 0;

	for (unsigned d = 0; d < s->ndirs; d++) {
		int r = fsc_files_sync_target(&p->targets[s->dirs[d]],
					      rc ? NULL : err, rc ? 0 : len);
		if (!rc)
			rc = r;
	}
	return rc;
}

unsigned fsc_files_subdirs(const struct fsc_result *p, unsigned k)
{
	uint64_t most = 0;

	if (!p->opts->dirs_per_target)
		return 0;
	for (unsigned set = 0; set < p->nsets; set++) {
		uint64_t n = fsc_plan_files_on(p, set, k);

		most = n > most ? n : most;
	}
	return most < p->opts->dirs_per_target ? (unsigned)most :
		p->opts->dirs_per_target;
}

int fsc_files_check_space(struct fsc_result *p,
			  const struct fsc_trial_result *only, char *err,
			  size_t len)
{
	for (unsigned k = 0; k < p->ntargets; k++) {
		struct fsc_target *tg = &p->targets[k];
		uint64_t need = 0, inodes = 0, files_max = 0, rundirs = 0;
		uint64_t subdirs = 0;
		char a[32], b[32], many[48] = "", extra[96] = "";
		bool first = true;

		/* Targets on one file system share its free space. */
		for (unsigned j = 0; j < k; j++)
			if (p->targets[j].dev == tg->dev)
				first = false;
		if (!first)
			continue;
		for (size_t i = 0; i < p->ntrials; i++) {
			const struct fsc_trial_result *t = &p->trials[i];
			uint64_t n = 0, files = 0;

			if (only && t != only)
				continue;
			for (unsigned j = 0; j < p->ntargets; j++)
				if (p->targets[j].dev == tg->dev) {
					n += fsc_plan_bytes_on(p, t->set, j);
					files += fsc_plan_files_on(p, t->set,
								   j);
				}
			need = p->opts->keep ? need + n : (n > need ? n : need);
			inodes = p->opts->keep ? inodes + files :
				(files > inodes ? files : inodes);
		}
		/* Before the run, each target's run directory and marker are
		 * still to be made, on top of the files. */
		files_max = inodes;
		for (unsigned j = 0; !only && j < p->ntargets; j++)
			if (p->targets[j].dev == tg->dev) {
				rundirs++;
				subdirs += fsc_files_subdirs(p, j);
			}
		inodes += 2 * rundirs + subdirs;
		fsc_target_statvfs(tg);
		/* Ranks writing to one file system share its space. */
		if (tg->sharing > 1) {
			need = need > UINT64_MAX / tg->sharing ? UINT64_MAX :
				need * tg->sharing;
			inodes *= tg->sharing;
			snprintf(many, sizeof(many), " (%u ranks write there)",
				 tg->sharing);
			files_max *= tg->sharing;
			rundirs *= tg->sharing;
			subdirs *= tg->sharing;
		}
		if (rundirs)
			snprintf(extra, sizeof(extra), " and %llu for the run "
				 "director%s%smarker%s%s",
				 (unsigned long long)(2 * rundirs + subdirs),
				 rundirs == 1 ? "y" : "ies",
				 subdirs ? ", " : " and ",
				 rundirs == 1 ? "" : "s",
				 subdirs ? " and subdirectories" : "");
		if (!tg->size_unknown && need > tg->free_bytes) {
			fsc_fmt_bytes(a, sizeof(a), need, false);
			fsc_fmt_bytes(b, sizeof(b), tg->free_bytes, false);
			if (strcmp(a, b) == 0) {	/* rounded alike */
				snprintf(a, sizeof(a), "%llu bytes",
					 (unsigned long long)need);
				snprintf(b, sizeof(b), "%llu bytes",
					 (unsigned long long)tg->free_bytes);
			}
			snprintf(err, len, "not enough space in %s (%s): %s "
				 "needs %s%s, %s available (statvfs f_bavail); "
				 "use a smaller --size or --files, or free "
				 "space", tg->name, tg->fstype,
				 only ? "the next trial" : "the run", a, many,
				 b);
			return -1;
		}
		if (!tg->inodes_unknown && inodes > tg->free_inodes) {
			snprintf(err, len, "not enough free inodes in %s (%s): "
				 "%llu files%s%s, %llu inodes free; use fewer "
				 "--files", tg->name, tg->fstype,
				 (unsigned long long)files_max, extra, many,
				 (unsigned long long)tg->free_inodes);
			return -1;
		}
	}
	return 0;
}

int fsc_files_settle(const struct fsc_opts *o, int fd, void *scratch)
{
	if (o->direct || o->dontcache) {
		int rc = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);

		return -rc;
	}
	for (uint64_t off = 0; off < o->size;) {
		uint64_t left = o->size - off;
		ssize_t n = pread(fd, scratch, (size_t)(left < o->block_size ?
				  left : o->block_size), (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;	/* shorter than what was written */
		off += (uint64_t)n;
	}
	return 0;
}

/* Make file i of a trial that truncates or overwrites: created, written
 * in full, fsynced and, for overwrite, settled.  0 or -errno, recorded. */
static int make_one(struct fsc_trial *t, size_t i, bool settled,
		    void *scratch)
{
	const struct fsc_opts *o = t->opts;
	char name[96];
	struct stat st;
	uint64_t off;
	int fd, rc = 0;

	if (fsc_trial_stopping(t))
		return -ECANCELED;
	fsc_trial_file_name(t, i, name, sizeof(name));
	fd = openat(fsc_trial_dirfd(t, i), name, O_RDWR | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return fsc_trial_fail(t, i, "create", -errno);
	if (fstat(fd, &st) < 0) {
		rc = -errno;
		close(fd);
		return fsc_trial_fail(t, i, "fstat", rc);
	}
	t->ids[i].dev = st.st_dev;
	t->ids[i].ino = st.st_ino;
	t->ids[i].created = true;
	for (off = 0; off < o->size && rc == 0; off += o->block_size)
		rc = fsc_pwrite_full(fd, t->buf, (size_t)o->block_size, off, 0);
	if (rc == 0 && fsync(fd) < 0)
		rc = -errno;
	if (rc == 0 && settled)
		rc = fsc_files_settle(o, fd, scratch);
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc < 0)
		return fsc_trial_fail(t, i, "prepare", rc);
	return 0;
}

int fsc_files_prepare(struct fsc_result *p,
		      const struct fsc_trial_result *spec, struct fsc_trial *t)
{
	const struct fsc_opts *o = t->opts;
	bool settled = o->mode == FSC_MODE_OVERWRITE;
	void *scratch = settled ? xaligned(4096, (size_t)o->block_size) : NULL;
	int failed = 0;

	for (size_t i = 0; i < t->nfiles && !failed; i++)
		failed = make_one(t, i, settled, scratch);
	free(scratch);
	if (failed)
		return failed;
	{
		char msg[sizeof(t->errmsg)];
		int rc = fsc_files_sync_set(p, spec->set, msg, sizeof(msg));

		if (rc < 0)
			return fsc_trial_failf(t, rc, "%s", msg);
	}
	return 0;
}

int fsc_files_remove(struct fsc_result *p, const struct fsc_trial_result *spec,
		     struct fsc_file_id *ids, char *err, size_t len)
{
	const struct fsc_set *s = &p->sets[spec->set];
	int left = 0;

	fsc_progress_phase("removing");
	for (size_t i = 0; i < p->opts->files; i++) {
		struct fsc_target *tg =
			&p->targets[fsc_plan_dir_of(p, spec->set, i)];
		char name[96], dir[PATH_MAX];
		int rc;

		fsc_file_name(name, sizeof(name), spec->set, spec->engine->name,
			      spec->jobs, i);
		rc = fsc_target_unlink_at(fsc_target_file_fd(tg, i / s->ndirs),
					  name, &ids[i]);
		if (rc < 0 && !left++) {
			fsc_target_file_dir(tg, i / s->ndirs, dir, sizeof(dir));
			snprintf(err, len, "remove %s/%s: %s", dir, name,
				 rc == -ESTALE ? "not the file fsconc created, "
				 "left alone" : strerror(-rc));
		} else if (rc == 0)
			ids[i].created = false;
	}
	/* Files go through the subdirectories' descriptors, wherever the
	 * names went; a name that is not the subdirectory made any more
	 * fails the run (fsconc(1), SAFETY). */
	for (unsigned d = 0; d < s->ndirs; d++)
		if (fsc_subdirs_check(&p->targets[s->dirs[d]], left ? NULL :
				      err, left ? 0 : len) < 0)
			left++;
	fsc_progress_phase("syncing");
	if (fsc_files_sync_set(p, spec->set, left ? NULL : err,
			       left ? 0 : len) < 0)
		left++;
	return left;
}

static uint64_t verify_bytes_done(void *arg)
{
	return atomic_load_explicit((_Atomic uint64_t *)arg,
				    memory_order_relaxed);
}

int fsc_files_verify(struct fsc_trial *t, const char *what, char *err,
		     size_t len)
{
	const struct fsc_opts *o = t->opts;
	void *scratch = xaligned(4096, (size_t)o->block_size);
	char name[96], why[512];
	_Atomic uint64_t checked;
	struct fsc_progress prog;
	int rc = 0;

	atomic_init(&checked, 0);
	snprintf(prog.what, sizeof(prog.what), "%s", what);
	prog.total = (uint64_t)t->nfiles * o->size;
	prog.phase = "verifying";
	prog.starts_trial = false;
	prog.bytes_done = verify_bytes_done;
	prog.arg = &checked;
	fsc_progress_set(&prog);

	for (size_t i = 0; i < t->nfiles && rc == 0; i++) {
		struct fsc_target *tg = fsc_trial_target(t, i);
		char dir[PATH_MAX];
		struct stat st;
		int fd;

		if (fsc_trial_stopping(t)) {
			rc = -ECANCELED;
			break;
		}
		fsc_trial_file_name(t, i, name, sizeof(name));
		fsc_target_file_dir(tg, i / t->ndirs, dir, sizeof(dir));
		fd = openat(fsc_trial_dirfd(t, i), name, O_RDONLY | O_NOFOLLOW |
			    O_CLOEXEC);
		if (fd < 0) {
			snprintf(err, len, "verify %s/%s: %s", dir, name,
				 strerror(errno));
			rc = -1;
			break;
		}
		if (fstat(fd, &st) < 0 || st.st_dev != t->ids[i].dev ||
		    st.st_ino != t->ids[i].ino) {
			snprintf(err, len, "verify %s/%s: not the file fsconc "
				 "wrote", dir, name);
			rc = -1;
		} else {
			rc = fsc_verify_fd(fd, t->buf, o->size,
					   (size_t)o->block_size, (uint32_t)i,
					   t->round, scratch, &checked, why,
					   sizeof(why));
			if (rc == -1)
				snprintf(err, len, "verify %s/%s (file %zu, "
					 "%s): %s; the data read back is not "
					 "what was written", dir, name,
					 i, t->engine->name, why);
			else if (rc < 0)
				snprintf(err, len, "verify %s/%s: read: %s",
					 dir, name, strerror(-rc));
			rc = rc < 0 ? -1 : 0;
		}
		close(fd);
	}
	free(scratch);
	return rc;
}
