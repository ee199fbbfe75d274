/* layout.c - lines wrapped to the terminal, and tables of aligned
 * columns, for the text report. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "report/layout.h"
#include "util/term.h"
#include "util/units.h"

void fsc_cell(struct fsc_table *tb, size_t row, size_t col, const char *fmt,
	      ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tb->cell[row][col], sizeof(tb->cell[row][col]), fmt, ap);
	va_end(ap);
}

/* The width the report's lines are wrapped to (fsc_term_width() of the
 * stream it goes to), set by each entry point. */
static unsigned cols = 80;

void fsc_say_width(FILE *out)
{
	cols = fsc_term_width(fileno(out));
}

void fsc_say(FILE *out, const char *lead, const char *fmt, ...)
{
	char text[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	fsc_wrap(out, cols, lead, text);
}

void fsc_app(char *buf, size_t len, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*n >= len)
		return;
	va_start(ap, fmt);
	k = vsnprintf(buf + *n, len - *n, fmt, ap);
	va_end(ap);
	if (k > 0)
		*n = *n + (size_t)k < len ? *n + (size_t)k : len - 1;
}

void fsc_table_print(FILE *out, const struct fsc_table *tb)
{
	size_t w[FSC_TABLE_COLS];

	for (size_t c = 0; c < tb->ncols; c++) {
		w[c] = fsc_text_width(tb->head[c]);
		for (size_t r = 0; r < tb->nrows; r++)
			if (fsc_text_width(tb->cell[r][c]) > w[c])
				w[c] = fsc_text_width(tb->cell[r][c]);
	}
	for (size_t r = 0; r <= tb->nrows; r++) {
		for (size_t c = 0; c < tb->ncols; c++) {
			const char *s = r ? tb->cell[r - 1][c] : tb->head[c];
			size_t pad = w[c] - fsc_text_width(s);
			if (c == 0)
				fprintf(out, "%s%*s", s, (int)pad, "");
			else
				fprintf(out, "  %*s%s", (int)pad, "", s);
		}
		fputc('\n', out);
	}
}

void fsc_table_rate(char *buf, size_t len, double bps, bool iec)
{
	double v = fsc_rate_in_unit(bps, iec);

	snprintf(buf, len, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
}
