/* term.c - fitting text to the terminal. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "util/term.h"

unsigned fsc_term_width(int fd)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	unsigned w = 80;

	if (fd >= 0 && isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0) {
		w = ws.ws_col;
	} else if (env && *env) {
		char *end;
		unsigned long v = strtoul(env, &end, 10);

		if (!*end && v > 0 && v <= 100000)
			w = (unsigned)v;
	}
	return w < FSC_TERM_MIN ? FSC_TERM_MIN : w;
}

static int is_cont(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

size_t fsc_text_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += !is_cont(*s);
	return n;
}

/* The bytes of s that fill at most cols columns, whole characters only
 * (at least one character, so a line always moves on). */
static size_t fit(const char *s, size_t len, size_t cols)
{
	size_t i = 0, n = 0;

	while (i < len) {
		size_t j = i + 1;

		while (j < len && is_cont(s[j]))
			j++;
		if (n + 1 > cols && n > 0)
			break;
		n++;
		i = j;
	}
	return i;
}

static size_t width_n(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += !is_cont(s[i]);
	return n;
}

static void wrap_para(FILE *out, unsigned width, const char *lead,
		      size_t indent, const char *s, size_t len)
{
	size_t col = fsc_text_width(lead);
	bool at_start = true;

	fputs(lead, out);
	while (len) {
		size_t wlen, ww, need;

		while (len && *s == ' ') {
			s++;
			len--;
		}
		if (!len)
			break;
		for (wlen = 0; wlen < len && s[wlen] != ' '; wlen++)
			;
		ww = width_n(s, wlen);
		need = ww + !at_start;
		if (col + need <= width) {
			if (!at_start)
				fputc(' ', out);
			fwrite(s, 1, wlen, out);
			col += need;
			at_start = false;
			s += wlen;
			len -= wlen;
			continue;
		}
		if (!at_start) {
			fprintf(out, "\n%*s", (int)indent, "");
			col = indent;
			at_start = true;
			continue;
		}
		/* A word longer than a line: as much as fits, the rest on
		 * the next line. */
		{
			size_t b = fit(s, wlen, width > col ? width - col : 1);

			fwrite(s, 1, b, out);
			col += width_n(s, b);
			at_start = false;
			s += b;
			len -= b;
			if (len && *s != ' ') {
				fprintf(out, "\n%*s", (int)indent, "");
				col = indent;
				at_start = true;
			}
		}
	}
	fputc('\n', out);
}

void fsc_wrap(FILE *out, unsigned width, const char *lead, const char *text)
{
	size_t indent = *lead ? fsc_text_width(lead) : 8;
	char pad[64];

	if (indent > width / 2)
		indent = width / 2;
	if (indent > sizeof(pad) - 1)
		indent = sizeof(pad) - 1;
	memset(pad, ' ', indent);
	pad[indent] = '\0';
	for (;;) {
		size_t n = strcspn(text, "\n");

		wrap_para(out, width, lead, indent, text, n);
		if (!text[n])
			return;
		text += n + 1;
		lead = pad;
	}
}

char *fsc_cut(char *s, unsigned width)
{
	s[fit(s, strlen(s), width)] = '\0';
	if (fsc_text_width(s) > width)
		s[0] = '\0';
	return s;
}
