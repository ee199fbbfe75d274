/* target.c - a target directory: that it is one, its identity, file
 * system, fingerprint and free space. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "host/target.h"
#include "util/msg.h"
#include "util/xalloc.h"

int fsc_target_statvfs(struct fsc_target *t)
{
	struct statvfs sv;
	int fd = t->dirfd >= 0 ? t->dirfd : t->pfd;

	if ((fd >= 0 ? fstatvfs(fd, &sv) : statvfs(t->path, &sv)) < 0)
		return -errno;
	t->free_bytes = (uint64_t)sv.f_bavail * sv.f_frsize;
	t->free_inodes = sv.f_favail;
	t->size_unknown = sv.f_blocks == 0;
	t->inodes_unknown = sv.f_files == 0;
	return 0;
}

int fsc_target_probe(struct fsc_target *t, const char *path, char *err,
		     size_t len)
{
	struct stat st;
	struct statfs sf;
	struct statvfs sv;
	const char *name;
	int pfd;

	memset(t, 0, sizeof(*t));
	t->dirfd = t->pfd = t->markerfd = -1;
	/* The directory checked is the one opened, and everything fsconc
	 * makes there is made relative to it. */
	pfd = open(path, O_PATH | O_CLOEXEC);
	if (pfd < 0 || fstat(pfd, &st) < 0) {
		snprintf(err, len, "--dir '%s': %s", path, strerror(errno));
		if (pfd >= 0)
			close(pfd);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, len, "--dir '%s': not a directory", path);
		close(pfd);
		return -1;
	}
	if (fstatfs(pfd, &sf) < 0) {
		snprintf(err, len, "--dir '%s': statfs: %s", path,
			 strerror(errno));
		close(pfd);
		return -1;
	}
	if (fstatvfs(pfd, &sv) == 0 && (sv.f_flag & ST_RDONLY)) {
		snprintf(err, len, "--dir '%s': read-only file system", path);
		close(pfd);
		return -1;
	}
	if (faccessat(pfd, ".", W_OK | X_OK, 0) < 0) {
		snprintf(err, len, "--dir '%s': not writable: %s", path,
			 strerror(errno));
		close(pfd);
		return -1;
	}
	/* Opened again, and checked to be this one, when the run
	 * directory is made: a plan holds no descriptor. */
	close(pfd);
	t->path = xstrdup(path);
	t->name = fsc_printable(xstrdup(path));
	t->dev = st.st_dev;
	t->ino = st.st_ino;
	t->fsmagic = (unsigned long)sf.f_type;
	name = fsc_fstype_name(t->fsmagic);
	if (name)
		snprintf(t->fstype, sizeof(t->fstype), "%s", name);
	else
		snprintf(t->fstype, sizeof(t->fstype), "0x%lx", t->fsmagic);
	fsc_fingerprint_read(&t->fp, path, &st, t->fstype);
	/* mountinfo tells ext3 from ext4 and fuse.sshfs from fuse, where
	 * the magic number cannot. */
	if (t->fp.has_mount && name &&
	    fsc_fstype_refines(name, t->fp.mount.fstype))
		snprintf(t->fstype, sizeof(t->fstype), "%s",
			 t->fp.mount.fstype);
	fsc_target_statvfs(t);
	return 0;
}

int fsc_target_file_fd(const struct fsc_target *t, size_t k)
{
	return t->nsub ? t->sub[k % t->nsub].fd : t->dirfd;
}

void fsc_target_file_dir(const struct fsc_target *t, size_t k, char *buf,
			 size_t len)
{
	char sub[16];

	if (!t->nsub) {
		snprintf(buf, len, "%s", t->rundir ? t->rundir : t->name);
		return;
	}
	fsc_subdir_name(sub, sizeof(sub), (unsigned)(k % t->nsub));
	snprintf(buf, len, "%s/%s", t->rundir ? t->rundir : t->name, sub);
}

int fsc_subdir_name(char *buf, size_t len, unsigned j)
{
	return snprintf(buf, len, "d%04u", j);
}

void fsc_target_free(struct fsc_target *t)
{
	for (unsigned j = 0; j < t->nsub; j++)
		if (t->sub[j].fd >= 0)
			close(t->sub[j].fd);
	free(t->sub);
	if (t->markerfd >= 0)
		close(t->markerfd);
	if (t->dirfd >= 0)
		close(t->dirfd);
	if (t->pfd >= 0)
		close(t->pfd);
	free(t->path);
	free(t->name);
	free(t->rundir);
	fsc_fingerprint_free(&t->fp);
	memset(t, 0, sizeof(*t));
	t->dirfd = t->pfd = t->markerfd = -1;
}
