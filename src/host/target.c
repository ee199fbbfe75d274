/* target.c - target directories, fsconc's private run directory in each,
 * and removal of exactly what fsconc created there. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <time.h>
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

/* A host name as a part of a file name: letters, digits, '.', '_' and
 * '-' kept, anything else '_', at most 64 bytes. */
static void host_part(char *buf, size_t len, const char *host)
{
	size_t i = 0;

	for (; host[i] && i + 1 < len && i < 64; i++) {
		char c = host[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || c == '.' || c == '_' ||
			c == '-';
		buf[i] = ok ? c : '_';
	}
	buf[i] = '\0';
}

/* Six letters and digits for a run directory's name. */
static void random_name(char *out)
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyz"
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	unsigned char r[6];

	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		static unsigned long x;
		x = x * 6364136223846793005UL + (unsigned long)getpid() +
			(unsigned long)clock();
		for (size_t i = 0; i < sizeof(r); i++)
			r[i] = (unsigned char)(x >> (8 * i + 8));
	}
	for (size_t i = 0; i < sizeof(r); i++)
		out[i] = set[r[i] % (sizeof(set) - 1)];
	out[sizeof(r)] = '\0';
}

/* The run directory fsconc made and nothing else: a directory of this
 * user's, mode 0700 (a set-group-ID bit inherited from the target
 * aside), on the target's file system, empty (a fresh one has two
 * links). */
static bool is_fresh_rundir(const struct fsc_target *t, const struct stat *st)
{
	return S_ISDIR(st->st_mode) && st->st_uid == geteuid() &&
		(st->st_mode & 07777 & ~(mode_t)S_ISGID) == 0700 &&
		st->st_dev == t->dev && st->st_nlink == 2;
}

/* Undo a run directory that is fsconc's but could not be set up: its
 * marker, if made, then the directory, only while the name is still it. */
static void drop_rundir(struct fsc_target *t, const char *name)
{
	struct stat st;

	if (t->markerfd >= 0) {
		unlinkat(t->dirfd, FSC_MARKER, 0);
		close(t->markerfd);
		t->markerfd = -1;
	}
	if (t->dirfd >= 0 && fstatat(t->pfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    st.st_dev == t->run_dev && st.st_ino == t->run_ino)
		unlinkat(t->pfd, name, AT_REMOVEDIR);
	if (t->dirfd >= 0)
		close(t->dirfd);
	t->dirfd = -1;
	free(t->rundir);
	t->rundir = NULL;
}

int fsc_target_open(struct fsc_target *t, const char *host, int rank,
		    char *err, size_t len)
{
	char name[NAME_MAX + 1], hp[72], rnd[8], boot[64] = "";
	struct stat st;
	int n, tries = 0, e;
	char text[512];
	FILE *f;

	if (t->pfd < 0) {
		t->pfd = open(t->path, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (t->pfd < 0 || fstat(t->pfd, &st) < 0) {
			e = errno;
			snprintf(err, len, "open %s: %s%s", t->name,
				 strerror(e), e == EMFILE ? "; raise the "
				 "open file limit (ulimit -n)" : "");
			return -1;
		}
		if (st.st_dev != t->dev || st.st_ino != t->ino) {
			snprintf(err, len, "%s is not the directory checked "
				 "before: it was replaced", t->name);
			return -1;
		}
	}
	if (host)
		host_part(hp, sizeof(hp), host);
	for (;;) {
		random_name(rnd);
		if (host)
			n = snprintf(name, sizeof(name), FSC_RUNDIR_PREFIX
				     "%s-r%d-%s", hp, rank, rnd);
		else
			n = snprintf(name, sizeof(name), FSC_RUNDIR_PREFIX "%s",
				     rnd);
		if (n < 0 || (size_t)n >= sizeof(name)) {
			snprintf(err, len, "--dir '%s': name too long",
				 t->name);
			return -1;
		}
		if (mkdirat(t->pfd, name, 0700) == 0)
			break;
		e = errno;
		if (e != EEXIST || ++tries >= 100) {
			snprintf(err, len, "cannot create a run directory in "
				 "%s: %s%s", t->name, strerror(e),
				 e == EROFS ? " (read-only file system)" :
				 e == EACCES ? " (no write permission)" : "");
			return -1;
		}
	}
	t->rundir = xmalloc(strlen(t->path) + strlen(name) + 2);
	sprintf(t->rundir, "%s/%s", t->path, name);
	t->dirfd = openat(t->pfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			  O_CLOEXEC);
	if (t->dirfd < 0 || fstat(t->dirfd, &st) < 0) {
		e = errno;
		snprintf(err, len, "open %s: %s%s", t->rundir, strerror(e),
			 e == ELOOP || e == ENOTDIR ? "; it was replaced as "
			 "soon as it was made: others can write to the "
			 "target directory" : e == EMFILE ? "; raise the open "
			 "file limit (ulimit -n)" : "");
		/* Not opened, so checked by name: still the empty directory
		 * of ours just made, it goes. */
		if (fstatat(t->pfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    is_fresh_rundir(t, &st))
			unlinkat(t->pfd, name, AT_REMOVEDIR);
		free(t->rundir);
		t->rundir = NULL;
		if (t->dirfd >= 0)
			close(t->dirfd);
		t->dirfd = -1;
		return -1;
	}
	if (!is_fresh_rundir(t, &st)) {
		/* Someone who can write to the target put a directory of
		 * their own under the name just made.  It is not fsconc's:
		 * nothing is written there, nothing removed. */
		snprintf(err, len, "%s is not the directory fsconc just made "
			 "(owner %ld, mode %04o): it was replaced at once; "
			 "others can write to %s, and nothing was written",
			 t->rundir, (long)st.st_uid,
			 (unsigned)(st.st_mode & 07777), t->name);
		close(t->dirfd);
		t->dirfd = -1;
		free(t->rundir);
		t->rundir = NULL;
		return -1;
	}
	t->run_dev = st.st_dev;
	t->run_ino = st.st_ino;
	t->markerfd = openat(t->dirfd, FSC_MARKER, O_RDWR | O_CREAT | O_EXCL |
			     O_NOFOLLOW | O_CLOEXEC, 0600);
	if (t->markerfd < 0) {
		e = errno;
		snprintf(err, len, "create %s/%s: %s%s", t->rundir, FSC_MARKER,
			 strerror(e), e == EMFILE ? "; raise the open "
			 "file limit (ulimit -n)" : e == ENOSPC ? "; the "
			 "file system has no room for one more file" : "");
		drop_rundir(t, name);
		return -1;
	}
	/* The lock is held until the run ends: `fsconc cleanup` leaves alone
	 * a directory whose marker it cannot lock.  Taken before the marker
	 * says anything, so no marker that names fsconc is ever unlocked
	 * while its run lives. */
	if (flock(t->markerfd, LOCK_EX | LOCK_NB) < 0) {
		e = errno;
		snprintf(err, len, "lock %s/%s: %s", t->rundir, FSC_MARKER,
			 strerror(e));
		drop_rundir(t, name);
		return -1;
	}
	f = fopen("/proc/sys/kernel/random/boot_id", "re");
	if (f) {
		if (!fgets(boot, sizeof(boot), f))
			boot[0] = '\0';
		boot[strcspn(boot, "\n")] = '\0';
		fclose(f);
	}
	n = snprintf(text, sizeof(text), "fsconc run directory\nversion %s\n"
		     "pid %ld\n", PACKAGE_VERSION, (long)getpid());
	if (host)
		n += snprintf(text + n, sizeof(text) - (size_t)n,
			      "host %s\nrank %d\n", host, rank);
	else if (gethostname(hp, sizeof(hp)) == 0) {
		hp[sizeof(hp) - 1] = '\0';
		n += snprintf(text + n, sizeof(text) - (size_t)n,
			      "host %s\n", hp);
	}
	if (boot[0])
		n += snprintf(text + n, sizeof(text) - (size_t)n,
			      "boot %s\n", boot);
	errno = 0;
	if (write(t->markerfd, text, (size_t)n) != n ||
	    fstat(t->markerfd, &st) < 0) {
		e = errno ? errno : EIO;
		snprintf(err, len, "write %s/%s: %s", t->rundir, FSC_MARKER,
			 strerror(e));
		drop_rundir(t, name);
		return -1;
	}
	t->marker_dev = st.st_dev;
	t->marker_ino = st.st_ino;
	/* Found again from the run directory when it is removed: a run
	 * holds no descriptor it does not need. */
	close(t->pfd);
	t->pfd = -1;
	return 0;
}

int fsc_target_unlink(struct fsc_target *t, const char *name,
		      const struct fsc_file_id *id)
{
	struct stat st;

	if (!id->created)
		return 0;
	if (fstatat(t->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	if (st.st_dev != id->dev || st.st_ino != id->ino)
		return -ESTALE;
	if (unlinkat(t->dirfd, name, 0) < 0)
		return -errno;
	return 0;
}

/* Does the run directory hold nothing but the marker?  Read from its own
 * descriptor, so that a run stopped for want of descriptors (EMFILE)
 * still takes its directory away. */
static bool only_marker(int dirfd)
{
	char buf[4096] __attribute__((aligned(8)));
	ssize_t n;

	if (lseek(dirfd, 0, SEEK_SET) < 0)
		return false;
	while ((n = getdents64(dirfd, buf, sizeof(buf))) > 0)
		for (ssize_t off = 0; off < n;) {
			const struct dirent64 *de = (const void *)(buf + off);

			off += de->d_reclen;
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
			    strcmp(de->d_name, FSC_MARKER))
				return false;
		}
	return n == 0;
}

int fsc_target_close(struct fsc_target *t, bool keep)
{
	struct fsc_file_id marker = { t->marker_dev, t->marker_ino, true };
	const char *name;
	struct stat st;
	int rc = 0;

	if (!t->rundir)
		return 0;
	name = strrchr(t->rundir, '/') + 1;
	if (!keep && !only_marker(t->dirfd))
		rc = -ENOTEMPTY;	/* keep the marker: cleanup needs it */
	else if (!keep) {
		/* The run directory's parent must still be the target, and
		 * the name still the directory made: one moved away leaves
		 * in its place a name that is not fsconc's. */
		if (t->pfd < 0)
			t->pfd = openat(t->dirfd, "..", O_PATH | O_DIRECTORY |
					O_CLOEXEC);
		if (t->pfd < 0 || fstat(t->pfd, &st) < 0)
			rc = -errno;
		else if (st.st_dev != t->dev || st.st_ino != t->ino)
			rc = -ESTALE;
		else if (fstatat(t->pfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			rc = errno == ENOENT ? -ESTALE : -errno;
		else if (st.st_dev != t->run_dev || st.st_ino != t->run_ino)
			rc = -ESTALE;
		/* Moved or not, the marker goes: the directory holds nothing
		 * of fsconc's then.  (Not found for another reason, it stays
		 * for `fsconc cleanup`.) */
		if (rc == 0 || rc == -ESTALE) {
			int urc = fsc_target_unlink(t, FSC_MARKER, &marker);

			if (rc == 0)
				rc = urc;
		}
		if (rc == 0 && unlinkat(t->pfd, name, AT_REMOVEDIR) < 0)
			rc = -errno;
		/* A directory swapped in between the check and the removal
		 * would have gone instead: ours would still have links. */
		if (rc == 0 && fstat(t->dirfd, &st) == 0 && st.st_nlink > 0)
			rc = -ESTALE;
	}
	if (t->markerfd >= 0)
		close(t->markerfd);	/* the lock goes with it */
	t->markerfd = -1;
	if (t->dirfd >= 0)
		close(t->dirfd);
	t->dirfd = -1;
	if (rc == 0 && !keep) {
		free(t->rundir);
		t->rundir = NULL;
	}
	return rc;
}

void fsc_target_free(struct fsc_target *t)
{
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

/* --- fsconc cleanup DIR --- */

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

/* Names fsconc gives its files: s<set>.<engine>.j<jobs>.<index>. */
bool fsc_is_file_name(const char *p)
{
	if (*p++ != 's' || *p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p++ != '.' || !(*p >= 'a' && *p <= 'z'))
		return false;
	while ((*p >= 'a' && *p <= 'z') || *p == '_' || (*p >= '0' && *p <= '9'))
		p++;
	if (*p++ != '.' || *p++ != 'j' || *p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p++ != '.' || *p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p == '\0';
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

static int clean_rundir(int parent, const char *dir, const char *name,
			dev_t dev, FILE *out)
{
	struct stat st, dst;
	struct dirent *de;
	DIR *d;
	int dfd, mfd, left = 0, removed = 0, failed = 0, fail_errno = 0;
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
		fprintf(out, "removed %s/%s (%d file%s)\n", dir, shown, removed,
			removed == 1 ? "" : "s");
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

int fsc_file_name(char *buf, size_t len, unsigned set, const char *engine,
		  unsigned jobs, size_t index)
{
	return snprintf(buf, len, "s%u.%s.j%u.%06zu", set, engine, jobs, index);
}
