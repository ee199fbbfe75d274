/* msg.c - text fit for a terminal. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "msg.h"

char *fsc_printable(char *s)
{
	for (unsigned char *p = (unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = '?';
	return s;
}

void fsc_error(const char *fmt, ...)
{
	char line[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(stderr, "fsconc: %s\n", fsc_printable(line));
}
