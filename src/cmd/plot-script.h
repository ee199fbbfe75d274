/* plot-script.h - what fsconc plot gives gnuplot (fsconc(1), PLOT): the
 * script, plot.gp, and its data files, written into the private
 * directory the plot is drawn in. */
#ifndef FSC_PLOT_SCRIPT_H
#define FSC_PLOT_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "result/result.h"

/* The most (target set, engine) series a plot shows. */
#define FSC_PLOT_MAX_SERIES 64

/* Write plot.gp, which draws plot.svg, and its data files into dir: the
 * sweep plot when a sweep of sw (n of them, fsc_result_sweeps()) has
 * more than one trial, else the bars.  0 or -errno. */
int fsc_plot_script(const char *dir, const struct fsc_result *r,
		    const struct fsc_sweep *sw, size_t n, bool iec);

/* For the other kinds of plot (plot-timeline.c): text as a gnuplot
 * single-quoted string, made fit for a title; and the title, the
 * workload and host. */
void fsc_plot_quoted(FILE *f, const char *s);
void fsc_plot_title(FILE *gp, const struct fsc_result *r);

#endif
