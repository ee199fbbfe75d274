/* xalloc.c - the one place where allocation failure is handled. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsconc.h"
#include "util/msg.h"
#include "util/units.h"
#include "util/xalloc.h"

/* What to undo before exiting out of memory (xalloc_on_fail), and memory
 * held back for it: the cleanup allocates a little too (a directory
 * read), where the failed allocation was often a large one. */
#define RESERVE (256 * 1024)
static void (*fail_hook)(void *);
static void *fail_arg;
static void *reserve;
static pthread_mutex_t oom_lock = PTHREAD_MUTEX_INITIALIZER;

void xalloc_on_fail(void (*fn)(void *), void *arg)
{
	pthread_mutex_lock(&oom_lock);
	fail_hook = fn;
	fail_arg = arg;
	if (fn && !reserve)
		reserve = malloc(RESERVE);
	else if (!fn) {
		free(reserve);
		reserve = NULL;
	}
	pthread_mutex_unlock(&oom_lock);
}

/* One thread reports and cleans up; another out of memory meanwhile
 * waits here until the first one's exit() ends the process. */
static void oom(size_t n)
{
	void (*fn)(void *);

	pthread_mutex_lock(&oom_lock);
	free(reserve);
	reserve = NULL;
	fsc_error("out of memory allocating %zu bytes; "
		"try a smaller --block-size or --jobs", n);
	fn = fail_hook;
	fail_hook = NULL;
	if (fn)
		fn(fail_arg);
	exit(FSC_EXIT_FAIL);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n, size_t size)
{
	if (size && n > (size_t)-1 / size)
		oom((size_t)-1);
	p = realloc(p, n * size > 0 ? n * size : 1);
	if (!p)
		oom(n * size);
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

void *xaligned(size_t align, size_t n)
{
	void *p;
	int rc = posix_memalign(&p, align, n ? n : 1);
	if (rc)
		oom(n);
	return p;
}

char *xreadfile(const char *path)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f)
		return NULL;
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 16384;
			buf = xrealloc(buf, cap, 1);
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

static const char *file_kind(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO" :
		S_ISCHR(m) ? "a character device" : S_ISBLK(m) ?
		"a block device" : S_ISSOCK(m) ? "a socket" : "not a file";
}

int xreadinput(const char *path, uint64_t max, char **buf, size_t *len,
	       char *why, size_t whylen)
{
	struct stat st;
	size_t got = 0;
	char *b;
	int fd;

	*buf = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(why, whylen, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, whylen, "not a regular file but %s",
			 file_kind(st.st_mode));
		close(fd);
		return -1;
	}
	if ((uint64_t)st.st_size > max) {
		char m[32];

		snprintf(why, whylen, "over %s", fsc_fmt_size(m, sizeof(m),
							      max));
		close(fd);
		return -1;
	}
	b = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, b + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(why, whylen, "%s", n < 0 ? strerror(errno) :
				 "it shrank while read");
			free(b);
			close(fd);
			return -1;
		}
		got += (size_t)n;
	}
	close(fd);
	b[got] = '\0';
	*buf = b;
	*len = got;
	return 0;
}

int fsc_read_small(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}
