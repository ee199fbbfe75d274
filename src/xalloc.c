/* xalloc.c - the one place where allocation failure is handled. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsconc.h"
#include "msg.h"
#include "xalloc.h"

static void oom(size_t n)
{
	fsc_error("out of memory allocating %zu bytes; "
		"try a smaller --block-size or --jobs", n);
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
