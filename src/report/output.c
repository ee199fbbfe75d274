/* output.c - atomic result files: write a temporary file in the
 * destination's directory, fsync it, rename it over the destination, so a
 * reader sees the old file or the whole new one, never a part. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/output.h"
#include "run/plan.h"
#include "util/progress.h"
#include "util/xalloc.h"

/* The directory part of path ("." for a bare name), and the last part. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	{
		char *d = xstrdup(path);
		d[slash - path] = '\0';
		return d;
	}
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

int fsc_output_check(const char *opt, const char *path,
		     const struct fsc_result *p, char *err, size_t len)
{
	struct stat st;
	char *dir;
	int rc = 0;

	if (strcmp(path, "-") == 0)
		return 0;
	if (!*base_of(path)) {
		snprintf(err, len, "%s '%s': names a directory, not a file",
			 opt, path);
		return -1;
	}
	if (stat(path, &st) == 0) {
		for (size_t i = 0; p && i < p->ntargets; i++)
			if (st.st_dev == p->targets[i].dev &&
			    st.st_ino == p->targets[i].ino) {
				snprintf(err, len, "%s '%s': is the target "
					 "directory %s; name a file", opt, path,
					 p->targets[i].name);
				return -1;
			}
		if (S_ISDIR(st.st_mode)) {
			snprintf(err, len, "%s '%s': is a directory; name a "
				 "file", opt, path);
			return -1;
		}
		if (!S_ISREG(st.st_mode)) {
			snprintf(err, len, "%s '%s': not a regular file; "
				 "fsconc only replaces regular files (use '-' "
				 "for standard output)", opt, path);
			return -1;
		}
	} else if (errno != ENOENT) {
		snprintf(err, len, "%s '%s': %s", opt, path, strerror(errno));
		return -1;
	}
	dir = dir_of(path);
	if (stat(dir, &st) < 0) {
		snprintf(err, len, "%s '%s': directory %s: %s", opt, path, dir,
			 strerror(errno));
		rc = -1;
	} else if (!S_ISDIR(st.st_mode)) {
		snprintf(err, len, "%s '%s': %s is not a directory", opt, path,
			 dir);
		rc = -1;
	} else if (access(dir, W_OK | X_OK) < 0) {
		snprintf(err, len, "%s '%s': cannot write in %s: %s", opt, path,
			 dir, strerror(errno));
		rc = -1;
	}
	free(dir);
	return rc;
}

/* The temporary copy being written, for fsc_output_abandon; it is made
 * and renamed under the lock, so that the name removed is always ours. */
static pthread_mutex_t tmp_lock = PTHREAD_MUTEX_INITIALIZER;
static char tmp_pending[PATH_MAX];

void fsc_output_abandon(void)
{
	pthread_mutex_lock(&tmp_lock);
	if (tmp_pending[0])
		unlink(tmp_pending);
	tmp_pending[0] = '\0';
	pthread_mutex_unlock(&tmp_lock);
}

static int to_stdout(const char *opt, fsc_writer_any w, const void *p,
		     char *err, size_t len)
{
	int rc = w(stdout, p);

	if (rc == 0 && (fflush(stdout) == EOF || ferror(stdout)))
		rc = -(errno ? errno : EIO);
	if (rc < 0)
		snprintf(err, len, "%s -: writing to standard output: %s", opt,
			 strerror(-rc));
	return rc < 0 ? -1 : 0;
}

struct plan_writer {
	fsc_writer w;
	const struct fsc_result *p;
};

static int write_plan(FILE *out, const void *arg)
{
	const struct plan_writer *pw = arg;

	return pw->w(out, pw->p);
}

int fsc_output_write(const char *opt, const char *path, fsc_writer w,
		     const struct fsc_result *p, char *err, size_t len)
{
	struct plan_writer pw = { w, p };

	return fsc_output_write_any(opt, path, write_plan, &pw, err, len);
}

int fsc_output_write_any(const char *opt, const char *path, fsc_writer_any w,
			 const void *p, char *err, size_t len)
{
	char *dir, tmp[PATH_MAX];
	mode_t mask;
	FILE *f;
	int fd, rc;

	if (strcmp(path, "-") == 0)
		return to_stdout(opt, w, p, err, len);
	/* A signal that ends fsconc now removes the temporary copy. */
	fsc_monitor_at_exit(fsc_output_abandon);
	dir = dir_of(path);
	rc = snprintf(tmp, sizeof(tmp), "%s/.%s.tmp-XXXXXX", dir,
		      base_of(path));
	free(dir);
	if (rc < 0 || (size_t)rc >= sizeof(tmp)) {
		snprintf(err, len, "%s '%s': path too long", opt, path);
		return -1;
	}
	pthread_mutex_lock(&tmp_lock);
	fd = mkstemp(tmp);
	if (fd < 0) {
		pthread_mutex_unlock(&tmp_lock);
		snprintf(err, len, "%s '%s': cannot create %s: %s", opt, path,
			 tmp, strerror(errno));
		return -1;
	}
	snprintf(tmp_pending, sizeof(tmp_pending), "%s", tmp);
	pthread_mutex_unlock(&tmp_lock);
	/* mkstemp makes 0600; a result file is as readable as any other
	 * file the user creates. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	f = fdopen(fd, "w");
	if (!f) {
		rc = -errno;
		close(fd);
	} else {
		rc = w(f, p);
		if (rc == 0 && (fflush(f) == EOF || ferror(f)))
			rc = -(errno ? errno : EIO);
		if (rc == 0 && fsync(fileno(f)) < 0)
			rc = -errno;
		if (fclose(f) == EOF && rc == 0)
			rc = -errno;
	}
	pthread_mutex_lock(&tmp_lock);
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -errno;
	tmp_pending[0] = '\0';
	pthread_mutex_unlock(&tmp_lock);
	if (rc < 0) {
		snprintf(err, len, "%s '%s': writing %s: %s%s", opt, path, tmp,
			 strerror(-rc), -rc == ENOSPC ? "; free some space "
			 "there or write the file elsewhere" : "");
		unlink(tmp);
		return -1;
	}
	return 0;
}
