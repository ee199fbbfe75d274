/* xalloc.h - allocation that cannot fail: out of memory is reported once,
 * here, and ends the program (exit 1). */
#ifndef FSC_XALLOC_H
#define FSC_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/* The whole of a small text file (/proc, /sys) as a string, or NULL when
 * it cannot be opened. */
char *xreadfile(const char *path);
/* Aligned (for O_DIRECT and page-sized copies); free with free(). */
void *xaligned(size_t align, size_t n);

#endif
