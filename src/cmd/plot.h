/* plot.h - fsconc plot PROFILE.json -o FILE.svg: a saved profile drawn
 * by gnuplot, found in PATH at run time: throughput against jobs, a
 * series per (target set, engine) with its USL curve and the set's
 * pwrite line, or bars grouped by set without a sweep (fsconc(1), PLOT;
 * the script: plot-script.h). */
#ifndef FSC_PLOT_H
#define FSC_PLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli/options.h"
#include "result/result.h"

/* The first executable "gnuplot" in $PATH: 0 with its path, or -1. */
int fsc_plot_find_gnuplot(char *path, size_t len);

/* --timeline (plot-timeline.c): r has a timeline to draw, or -1 with err
 * set; plot.gp drawing each trial's throughput over time, and its data
 * (timeline.dat), written into dir.  0 or -errno. */
int fsc_plot_timeline_check(const struct fsc_result *r, char *err,
			    size_t len);
int fsc_plot_timeline(const char *dir, const struct fsc_result *r, bool iec);

/* fsconc plot.  Exit status: 0 drawn, 1 gnuplot missing or failed, 2 an
 * unreadable profile or output path. */
int fsc_plot_main(const struct fsc_opts *o);

#endif
