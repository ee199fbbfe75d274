/* cleanup.c - fsconc cleanup DIR: remove the run directories a killed
 * fsconc left, and nothing else (fsconc(1), SAFETY). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run/rundir.h"
#include "run/subdirs.h"
#include "util/msg.h"
#include "util/xalloc.h"

/* .fsconc-XXXXXX, or a rank's .fsconc-HOST-rRANK-XXXXXX. */
static bool is_rundir_name(const char *name)
{
	size_t n = strlen(FSC_RUNDIR_PREFIX), len = strlen(name);
	const char *p;

	if (strncmp(name, FSC_RUNDIR_PREFIX, n) != 0 || len < n + 6 ||
	    strcmp(name, FSC_MARKER) == 0)
		return false;
	if (len == n + 6)
		return true;
	/* Back from the XXXXXX: "-r", digits, "-", and a host before. */
	p = name + len - 7;
	if (*p != '-' || p[-1] < '0' || p[-1] > '9')
		return false;
	for (p--; p > name + n && *p >= '0' && *p <= '9'; p--)
		;
	return p > name + n + 1 && p[0] == 'r' && p[-1] == '-';
}

/* Do two host names name one host?  The short names are compared, as
 * one side may have the domain and the other not. */
static bool same_host(const char *a, const char *b)
{
	size_t la = strcspn(a, "."), lb = strcspn(b, ".");

	return la == lb && strncmp(a, b, la) == 0;
}

/* The value of "KEY VALUE" in a marker's text, in buf; false without. */
static bool marker_field(const char *text, const char *key, char *buf,
			 size_t len)
{
	size_t k = strlen(key);

	for (const char *p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (strncmp(p, key, k) == 0 && p[k] == ' ') {
			snprintf(buf, len, "%.*s", (int)strcspn(p + k + 1, "\n"),
				 p + k + 1);
			return true;
		}
	return false;
}

/* Open and lock the marker of the run directory dfd, which this user
 * owns: a regular file of this user's that says it is fsconc's.  Returns
 * its descriptor, locked, or -1 with why (to follow "NAME: ") in why, and
 * *busy set when a live run holds the lock. */
static int lock_marker(int dfd, char *text, size_t textlen, bool *busy,
		       char *why, size_t len)
{
	struct stat st, st2;
	ssize_t n;
	int fd;

	*busy = false;
	if (fstatat(dfd, FSC_MARKER, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		snprintf(why, len, errno == ENOENT ? "no fsconc marker, so not "
			 "fsconc's" : "marker: %s", strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		snprintf(why, len, "its marker is not a file of this user's "
			 "(uid %ld), so not fsconc's", (long)geteuid());
		return -1;
	}
	/* For writing where it can (a lock over NFS needs it); a read-only
	 * file system still takes a lock for reading. */
	fd = openat(dfd, FSC_MARKER, O_RDWR | O_NOFOLLOW | O_NONBLOCK |
		    O_CLOEXEC);
	if (fd < 0 && (errno == EROFS || errno == EACCES))
		fd = openat(dfd, FSC_MARKER, O_RDONLY | O_NOFOLLOW |
			    O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st2) < 0 || st2.st_dev != st.st_dev ||
	    st2.st_ino != st.st_ino) {
		snprintf(why, len, "marker: %s", fd < 0 ? strerror(errno) :
			 "replaced while cleanup looked at it");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		*busy = errno == EWOULDBLOCK;
		snprintf(why, len, "lock the marker: %s", strerror(errno));
		n = pread(fd, text, textlen - 1, 0);
		text[n > 0 ? n : 0] = '\0';
		close(fd);
		return -1;
	}
	n = pread(fd, text, textlen - 1, 0);
	text[n > 0 ? n : 0] = '\0';
	if (strncmp(text, "fsconc run directory\n", 21) != 0) {
		snprintf(why, len, "no fsconc marker, so not fsconc's");
		close(fd);
		return -1;
	}
	return fd;
}

/* Does the directory dfd hold nothing but "." and ".."? */
static bool dir_is_empty(int dfd)
{
	int fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct dirent *de;
	bool empty = true;
	DIR *d;

	if (fd < 0)
		return false;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return false;
	}
	while (empty && (de = readdir(d)))
		empty = !strcmp(de->d_name, ".") || !strcmp(de->d_name, "..");
	closedir(d);
	return empty;
}

/* A subdirectory d0000... of the run directory dfd (--dirs-per-target):
 * taken only when it is what fsconc makes, a directory of this user's
 * with mode 0700 on this file system, and holds nothing but fsconc's
 * files, which go with it.  0 when it is gone, 1 when it stays (said
 * why); the files removed are added to *removed. */
static int clean_subdir(int dfd, const char *dir, const char *shown,
			const char *name, dev_t dev, int *removed)
{
	struct stat st, sst;
	struct dirent *de;
	DIR *d;
	int sfd, left = 0, failed = 0, fail_errno = 0, n = 0;
	char *sub = fsc_printable(xstrdup(name)), *fail_name = NULL;

	sfd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		     O_CLOEXEC);
	if (sfd < 0 || fstat(sfd, &sst) < 0) {
		fsc_error("%s/%s/%s: %s, left alone", dir, shown, sub,
			  errno == ELOOP || errno == ENOTDIR ? "not a directory"
			  ", so not a subdirectory fsconc made" :
			  strerror(errno));
		if (sfd >= 0)
			close(sfd);
		free(sub);
		return 1;
	}
	if (sst.st_dev != dev || sst.st_uid != geteuid() ||
	    (sst.st_mode & 07777 & ~(mode_t)S_ISGID) != 0700) {
		fsc_error("%s/%s/%s: owner uid %ld, mode %04o%s: fsconc makes "
			"its subdirectories owned by the user running it (uid "
			"%ld) with mode 0700, so not fsconc's: left alone", dir,
			shown, sub, (long)sst.st_uid,
			(unsigned)(sst.st_mode & 07777), sst.st_dev != dev ?
			", on another file system" : "", (long)geteuid());
		close(sfd);
		free(sub);
		return 1;
	}
	d = fdopendir(sfd);
	if (!d) {
		fsc_error("%s/%s/%s: %s, left alone", dir, shown, sub,
			  strerror(errno));
		close(sfd);
		free(sub);
		return 1;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		/* As in the run directory: fsconc's names, regular, this
		 * user's, on this file system, one link. */
		if (!fsc_is_file_name(de->d_name) ||
		    fstatat(sfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(st.st_mode) || st.st_dev != dev ||
		    st.st_uid != geteuid() || st.st_nlink != 1) {
			left++;
			continue;
		}
		if (unlinkat(sfd, de->d_name, 0) < 0) {
			if (!failed++) {
				fail_errno = errno;
				fail_name = fsc_printable(xstrdup(de->d_name));
			}
			continue;
		}
		n++;
	}
	*removed += n;
	/* The subdirectory goes only while its name is still the one
	 * looked at. */
	errno = 0;
	if (!left && !failed &&
	    (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
	     st.st_dev != sst.st_dev || st.st_ino != sst.st_ino ||
	     unlinkat(dfd, name, AT_REMOVEDIR) < 0)) {
		failed++;
		fail_errno = errno ? errno : ESTALE;
	}
	closedir(d);
	if (left)
		fsc_error("%s/%s/%s: removed %d file%s; %d entr%s fsconc did "
			"not create stay, and so does the subdirectory", dir,
			shown, sub, n, n == 1 ? "" : "s", left,
			left == 1 ? "y" : "ies");
	else if (fail_name)
		fsc_error("%s/%s/%s: removed %d file%s; cannot remove %s%s: "
			"%s; the subdirectory stays", dir, shown, sub, n,
			n == 1 ? "" : "s", fail_name, failed > 1 ?
			" and others" : "", strerror(fail_errno));
	else if (failed)
		fsc_error("%s/%s/%s: removed %d file%s; cannot remove the "
			"subdirectory: %s", dir, shown, sub, n,
			n == 1 ? "" : "s", strerror(fail_errno));
	free(fail_name);
	free(sub);
	return left || failed;
}

static int clean_rundir(int parent, const char *dir, const char *name,
			dev_t dev, FILE *out)
{
	struct stat st, dst;
	struct dirent *de;
	DIR *d;
	int dfd, mfd, left = 0, removed = 0, failed = 0, fail_errno = 0;
	int subdirs = 0;
	char text[1024], host[256], me[256], why[256], pid[32];
	char *shown = fsc_printable(xstrdup(name)), *fail_name = NULL;
	bool busy;

	dfd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		     O_CLOEXEC);
	if (dfd < 0 && (errno == ELOOP || errno == ENOTDIR)) {
		free(shown);
		return 0;	/* not a directory: not a run directory */
	}
	if (dfd < 0 || fstat(dfd, &dst) < 0) {
		fsc_error("%s/%s: %s, left alone", dir, shown, strerror(errno));
		if (dfd >= 0)
			close(dfd);
		free(shown);
		return 1;
	}
	if (dst.st_dev != dev) {
		close(dfd);
		free(shown);
		return 0;	/* a mount point: not of this file system */
	}
	if (fstatat(dfd, FSC_MARKER, &st, AT_SYMLINK_NOFOLLOW) < 0 &&
	    errno == ENOENT) {
		/* A run stopped while its removal waited on the device
		 * leaves its directory empty, the marker already gone:
		 * rmdir takes nothing but an empty directory. */
		if (dst.st_uid == geteuid() &&
		    (dst.st_mode & 07777 & ~(mode_t)S_ISGID) == 0700 &&
		    dir_is_empty(dfd) &&
		    unlinkat(parent, name, AT_REMOVEDIR) == 0) {
			fprintf(out, "removed %s/%s (empty)\n", dir, shown);
			close(dfd);
			free(shown);
			return 0;
		}
		fsc_error("%s/%s: no fsconc marker, so not fsconc's: left "
			"alone", dir, shown);
		close(dfd);
		free(shown);
		return 1;
	}
	/* fsconc makes its run directories 0700 and its own: any other is
	 * someone else's, whatever its marker says. */
	if (dst.st_uid != geteuid() ||
	    (dst.st_mode & 07777 & ~(mode_t)S_ISGID) != 0700) {
		fsc_error("%s/%s: owner uid %ld, mode %04o: fsconc makes its "
			"run directories owned by the user running it (uid "
			"%ld) with mode 0700, so not fsconc's: left alone", dir,
			shown, (long)dst.st_uid,
			(unsigned)(dst.st_mode & 07777), (long)geteuid());
		close(dfd);
		free(shown);
		return 1;
	}
	mfd = lock_marker(dfd, text, sizeof(text), &busy, why, sizeof(why));
	if (mfd < 0 && busy) {
		if (!marker_field(text, "pid", pid, sizeof(pid)))
			snprintf(pid, sizeof(pid), "?");
		if (!marker_field(text, "host", host, sizeof(host)))
			snprintf(host, sizeof(host), "?");
		fsc_error("%s/%s: in use by a running fsconc (pid %s on %s "
			"holds the lock on its marker), left alone", dir,
			shown, pid, host);
	} else if (mfd < 0) {
		fsc_error("%s/%s: %s: left alone", dir, shown, why);
	}
	if (mfd < 0) {
		close(dfd);
		free(shown);
		return 1;
	}
	if (marker_field(text, "host", host, sizeof(host)) &&
	    gethostname(me, sizeof(me)) == 0) {
		me[sizeof(me) - 1] = '\0';
		if (!same_host(host, me)) {
			fsc_error("%s/%s: made on host %s, left alone; "
				"run fsconc cleanup there", dir, shown, host);
			close(mfd);
			close(dfd);
			free(shown);
			return 1;
		}
	}
	d = fdopendir(dfd);
	if (!d) {
		fsc_error("%s/%s: %s, left alone", dir, shown, strerror(errno));
		close(mfd);
		close(dfd);
		free(shown);
		return 1;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    !strcmp(de->d_name, FSC_MARKER))
			continue;
		if (fsc_is_subdir_name(de->d_name)) {
			if (clean_subdir(dfd, dir, shown, de->d_name, dev,
					 &removed))
				left++;
			else
				subdirs++;
			continue;
		}
		/* fsconc's files: its names, regular, this user's, on this
		 * file system, one link (a hard link to someone's file has
		 * two). */
		if (!fsc_is_file_name(de->d_name) ||
		    fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(st.st_mode) || st.st_dev != dev ||
		    st.st_uid != geteuid() || st.st_nlink != 1) {
			left++;
			continue;
		}
		if (unlinkat(dfd, de->d_name, 0) < 0) {
			if (!failed++) {
				fail_errno = errno;
				fail_name = fsc_printable(xstrdup(de->d_name));
			}
			continue;
		}
		removed++;
	}
	if (!left && !failed && unlinkat(dfd, FSC_MARKER, 0) < 0) {
		failed++;
		fail_errno = errno;
		fail_name = xstrdup(FSC_MARKER);
	}
	/* The directory goes only while its name is still the one looked
	 * at. */
	errno = 0;
	if (!left && !failed &&
	    (fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
	     st.st_dev != dst.st_dev || st.st_ino != dst.st_ino ||
	     unlinkat(parent, name, AT_REMOVEDIR) < 0)) {
		failed++;
		fail_errno = errno ? errno : ESTALE;
	}
	closedir(d);
	close(mfd);
	if (!left && !failed) {
		if (subdirs)
			fprintf(out, "removed %s/%s (%d file%s in %d "
				"subdirector%s)\n", dir, shown, removed,
				removed == 1 ? "" : "s", subdirs,
				subdirs == 1 ? "y" : "ies");
		else
			fprintf(out, "removed %s/%s (%d file%s)\n", dir, shown,
				removed, removed == 1 ? "" : "s");
		free(shown);
		return 0;
	}
	if (left)
		fsc_error("%s/%s: removed %d file%s; %d entr%s fsconc did "
			"not create stay, and so does the directory", dir,
			shown, removed, removed == 1 ? "" : "s", left,
			left == 1 ? "y" : "ies");
	else if (fail_name)
		fsc_error("%s/%s: removed %d file%s; cannot remove %s%s: %s; "
			"the directory stays", dir, shown, removed,
			removed == 1 ? "" : "s", fail_name, failed > 1 ?
			" and others" : "", strerror(fail_errno));
	else
		fsc_error("%s/%s: removed %d file%s and the marker; cannot "
			"remove the directory: %s", dir, shown, removed,
			removed == 1 ? "" : "s", strerror(fail_errno));
	free(fail_name);
	free(shown);
	return 1;
}

int fsc_cleanup(const char *dir, FILE *out)
{
	char *shown = fsc_printable(xstrdup(dir));
	struct stat st;
	struct dirent *de;
	DIR *d;
	int fd, rc = 0, found = 0;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		fsc_error("cleanup %s: %s", shown, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(shown);
		return 2;
	}
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		free(shown);
		return 2;
	}
	while ((de = readdir(d))) {
		if (!is_rundir_name(de->d_name))
			continue;
		found++;
		if (clean_rundir(fd, shown, de->d_name, st.st_dev, out))
			rc = 1;
	}
	closedir(d);
	if (!found)
		fprintf(out, "nothing to clean in %s\n", shown);
	free(shown);
	return rc;
}
