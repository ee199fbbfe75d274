/* rundir.c - fsconc's private run directory in a target, the files it
 * creates there (tracked by device and inode, so only those are ever
 * removed), and their names. */
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
#include <time.h>
#include <unistd.h>

#include "run/rundir.h"
#include "util/msg.h"
#include "util/xalloc.h"

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

int fsc_target_unlink_at(int dfd, const char *name,
			 const struct fsc_file_id *id)
{
	struct stat st;

	if (!id->created)
		return 0;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	if (st.st_dev != id->dev || st.st_ino != id->ino)
		return -ESTALE;
	if (unlinkat(dfd, name, 0) < 0)
		return -errno;
	return 0;
}

int fsc_target_unlink(struct fsc_target *t, const char *name,
		      const struct fsc_file_id *id)
{
	return fsc_target_unlink_at(t->dirfd, name, id);
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

int fsc_file_name(char *buf, size_t len, unsigned set, const char *engine,
		  unsigned jobs, size_t index)
{
	return snprintf(buf, len, "s%u.%s.j%u.%06zu", set, engine, jobs, index);
}
