/* xalloc.h - allocation that cannot fail: out of memory is reported once,
 * here, and ends the program (exit 1), after the hook set with
 * xalloc_on_fail has removed what the program made. */
#ifndef FSC_XALLOC_H
#define FSC_XALLOC_H

#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/* Call fn(arg) when an allocation fails, before the exit: a run removes
 * its files and run directories there.  fn NULL: no hook any more.  Set
 * it from one thread, before the threads it guards start. */
void xalloc_on_fail(void (*fn)(void *), void *arg);
/* The whole of a small text file (/proc, /sys) as a string, or NULL when
 * it cannot be opened. */
char *xreadfile(const char *path);
/* The start of a small file (/proc, /sys), NUL-terminated in buf: 0,
 * or -1 when it cannot be read. */
int fsc_read_small(const char *path, char *buf, size_t len);
/* The whole of the input file at path (a profile, a result profile), in
 * *buf with a NUL after its *len bytes; free it with free().  It is opened
 * with O_NONBLOCK and refused unless it is a regular file, so that a FIFO
 * or a device given as input cannot block fsconc.  0, or -1 with why
 * saying what is wrong ("not a regular file but a FIFO", "over 1 MiB",
 * or the system's error). */
int xreadinput(const char *path, uint64_t max, char **buf, size_t *len,
	       char *why, size_t whylen);
/* Aligned (for O_DIRECT and page-sized copies); free with free(). */
void *xaligned(size_t align, size_t n);

#endif
