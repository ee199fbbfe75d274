/* plot.h - fsconc plot PROFILE.json -o FILE.svg: a saved profile drawn
 * by gnuplot, found in PATH at run time: throughput against jobs, a
 * series per (target set, engine) with its USL curve and the set's
 * pwrite line, or bars grouped by set without a sweep (fsconc(1), PLOT;
 * the script: plot-script.h). */
#ifndef FSC_PLOT_H
#define FSC_PLOT_H

#include <stddef.h>

#include "cli/options.h"

/* The first executable "gnuplot" in $PATH: 0 with its path, or -1. */
int fsc_plot_find_gnuplot(char *path, size_t len);

/* fsconc plot.  Exit status: 0 drawn, 1 gnuplot missing or failed, 2 an
 * unreadable profile or output path. */
int fsc_plot_main(const struct fsc_opts *o);

#endif
