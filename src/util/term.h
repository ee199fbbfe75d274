/* term.h - fitting text to the terminal: its width, lines wrapped with a
 * hanging indent, and a line cut short (the progress line). */
#ifndef FSC_TERM_H
#define FSC_TERM_H

#include <stddef.h>
#include <stdio.h>

/* The width to fit text written to fd: the terminal's (TIOCGWINSZ), else
 * $COLUMNS, else 80; never under FSC_TERM_MIN. */
#define FSC_TERM_MIN 20
unsigned fsc_term_width(int fd);

/* Display width of UTF-8 text: its code points. */
size_t fsc_text_width(const char *s);

/* Print lead then text, wrapped at spaces to width columns; the lines
 * after the first are indented by lead's width (8 for an empty lead).  A
 * word longer than a line is broken where it reaches the edge.  Each
 * '\n' in text starts a new line, indented alike. */
void fsc_wrap(FILE *out, unsigned width, const char *lead, const char *text);

/* Cut s to at most width columns (never inside a UTF-8 sequence). */
char *fsc_cut(char *s, unsigned width);

#endif
