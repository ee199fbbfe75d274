/* subdirs.c - the subdirectories of a run directory (--dirs-per-target):
 * made relative to its descriptor, taken only when they are the ones
 * made, and removed only while their names still are (fsconc(1),
 * SAFETY). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run/subdirs.h"
#include "util/xalloc.h"

/* The subdirectory fsconc made and nothing else: a directory of this
 * user's, mode 0700 (a set-group-ID bit inherited aside), on the run
 * directory's file system, empty. */
static bool is_fresh_subdir(const struct fsc_target *t, const struct stat *st)
{
	return S_ISDIR(st->st_mode) && st->st_uid == geteuid() &&
		(st->st_mode & 07777 & ~(mode_t)S_ISGID) == 0700 &&
		st->st_dev == t->run_dev && st->st_nlink == 2;
}

int fsc_subdirs_make(struct fsc_target *t, unsigned n, char *err,
		     size_t len)
{
	t->nsub = 0;
	if (!n)
		return 0;
	t->sub = xcalloc(n, sizeof(*t->sub));
	for (unsigned j = 0; j < n; j++) {
		char name[16];
		struct stat st;
		int fd, e;

		fsc_subdir_name(name, sizeof(name), j);
		if (mkdirat(t->dirfd, name, 0700) < 0) {
			e = errno;
			snprintf(err, len, "create %s/%s: %s%s", t->rundir,
				 name, strerror(e), e == EDQUOT || e == ENOSPC ?
				 "; the file system has no room for it" : e ==
				 EEXIST ? "; something else made it in fsconc's "
				 "run directory" : "");
			return -1;
		}
		fd = openat(t->dirfd, name, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &st) < 0) {
			e = errno;
			snprintf(err, len, "open %s/%s: %s%s", t->rundir, name,
				 strerror(e), e == ELOOP || e == ENOTDIR ?
				 "; it was replaced as soon as it was made" :
				 e == EMFILE ? "; raise the open file limit "
				 "(ulimit -n) or use fewer --dirs-per-target" :
				 "");
			/* Not opened, so checked by name: still the empty
			 * directory just made, it goes. */
			if (fstatat(t->dirfd, name, &st,
				    AT_SYMLINK_NOFOLLOW) == 0 &&
			    is_fresh_subdir(t, &st))
				unlinkat(t->dirfd, name, AT_REMOVEDIR);
			if (fd >= 0)
				close(fd);
			return -1;
		}
		if (!is_fresh_subdir(t, &st)) {
			snprintf(err, len, "%s/%s is not the directory fsconc "
				 "just made (owner %ld, mode %04o): it was "
				 "replaced at once, and nothing was written "
				 "there", t->rundir, name, (long)st.st_uid,
				 (unsigned)(st.st_mode & 07777));
			close(fd);
			return -1;
		}
		t->sub[t->nsub].fd = fd;
		t->sub[t->nsub].dev = st.st_dev;
		t->sub[t->nsub].ino = st.st_ino;
		t->nsub++;
	}
	return 0;
}

/* Is subdirectory j's name still the directory made?  0 or -errno
 * (-ESTALE: it is something else, or gone). */
static int still_ours(const struct fsc_target *t, unsigned j, char *name,
		      size_t len)
{
	struct stat st;

	fsc_subdir_name(name, len, j);
	if (fstatat(t->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? -ESTALE : -errno;
	if (st.st_dev != t->sub[j].dev || st.st_ino != t->sub[j].ino)
		return -ESTALE;
	return 0;
}

static void say_replaced(const struct fsc_target *t, const char *name,
			 char *err, size_t len)
{
	snprintf(err, len, "%s/%s was moved or replaced during the run: it "
		 "is not the directory fsconc made, and is left alone",
		 t->rundir, name);
}

int fsc_subdirs_check(const struct fsc_target *t, char *err, size_t len)
{
	char name[16];

	for (unsigned j = 0; j < t->nsub; j++) {
		int rc = still_ours(t, j, name, sizeof(name));

		if (rc == -ESTALE) {
			say_replaced(t, name, err, len);
			return rc;
		}
		if (rc < 0) {
			snprintf(err, len, "%s/%s: %s", t->rundir, name,
				 strerror(-rc));
			return rc;
		}
	}
	return 0;
}

int fsc_subdirs_remove(struct fsc_target *t, char *err, size_t len)
{
	int left = 0;

	for (unsigned j = 0; j < t->nsub; j++) {
		char name[16];
		struct stat st;
		int rc = still_ours(t, j, name, sizeof(name));

		if (rc == 0 && unlinkat(t->dirfd, name, AT_REMOVEDIR) < 0)
			rc = -errno;
		/* A directory swapped in between the check and the removal
		 * would have gone instead: ours would still have links. */
		if (rc == 0 && fstat(t->sub[j].fd, &st) == 0 && st.st_nlink > 0)
			rc = -ESTALE;
		close(t->sub[j].fd);
		if (rc == 0 || left++)
			continue;
		if (rc == -ESTALE)
			say_replaced(t, name, err, len);
		else
			snprintf(err, len, "could not remove %s/%s: %s; "
				 "`fsconc cleanup %s` removes fsconc's own "
				 "files", t->rundir, name, strerror(-rc),
				 t->name);
	}
	free(t->sub);
	t->sub = NULL;
	t->nsub = 0;
	return left;
}

void fsc_subdirs_forget(struct fsc_target *t)
{
	for (unsigned j = 0; j < t->nsub; j++)
		close(t->sub[j].fd);
	free(t->sub);
	t->sub = NULL;
	t->nsub = 0;
}

bool fsc_is_subdir_name(const char *p)
{
	size_t n = 0;

	if (*p++ != 'd')
		return false;
	for (; *p >= '0' && *p <= '9'; p++)
		n++;
	return *p == '\0' && n >= 4;
}
