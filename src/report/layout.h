/* layout.h - how the text report lays out what it prints (report/ only):
 * lines wrapped to the terminal under a lead, and tables of aligned
 * columns. */
#ifndef FSC_LAYOUT_H
#define FSC_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define FSC_TABLE_COLS 12

/* A table: its heads, and nrows rows of ncols cells (room for as many
 * rows as allocated). */
struct fsc_table {
	const char *head[FSC_TABLE_COLS];
	size_t ncols, nrows;
	char (*cell)[FSC_TABLE_COLS][48];
};

void fsc_cell(struct fsc_table *tb, size_t row, size_t col, const char *fmt,
	      ...) __attribute__((format(printf, 4, 5)));
/* The first column left-aligned, the others right-aligned, two spaces
 * apart, each as wide as its widest cell. */
void fsc_table_print(FILE *out, const struct fsc_table *tb);
/* A throughput in the table's unit (MB/s, MiB/s with iec), to about four
 * significant digits. */
void fsc_table_rate(char *buf, size_t len, double bps, bool iec);

/* Wrap the lines that follow to the width of out (fsc_term_width()):
 * each entry point of the text report calls it first. */
void fsc_say_width(FILE *out);
/* One line of the report, wrapped under lead ("note:   "). */
void fsc_say(FILE *out, const char *lead, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Append to buf, which holds *n bytes, within len (cut short, never
 * past it). */
void fsc_app(char *buf, size_t len, size_t *n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
