/* msg.c - text fit for a terminal. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "util/msg.h"

/* The length of the valid UTF-8 sequence at p (2 to 4), with its code
 * point in *cp; 0 when p does not start one (overlong forms, surrogates
 * and code points past U+10FFFF are not valid). */
static int utf8_seq(const unsigned char *p, unsigned *cp)
{
	int n;
	unsigned c, min;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, c = p[0] & 0x1f, min = 0x80;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, c = p[0] & 0x0f, min = 0x800;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, c = p[0] & 0x07, min = 0x10000;
	else
		return 0;
	for (int i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;	/* also the terminating NUL */
		c = c << 6 | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

char *fsc_printable(char *s)
{
	unsigned char *in = (unsigned char *)s, *out = in;
	unsigned cp;
	int n;

	while (*in) {
		n = utf8_seq(in, &cp);
		if (n && cp >= 0x80 && cp <= 0x9f) {
			*out++ = '?';	/* a C1 control, as UTF-8 */
			in += n;
		} else if (n) {
			while (n--)
				*out++ = *in++;
		} else if (*in < 0x20 || *in == 0x7f ||
			   (*in >= 0x80 && *in <= 0x9f)) {
			/* A C0 control, DEL, or a lone byte a terminal that
			 * is not in UTF-8 takes for a C1 control (0x9b is
			 * CSI). */
			*out++ = '?';
			in++;
		} else {
			*out++ = *in++;
		}
	}
	*out = '\0';
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
