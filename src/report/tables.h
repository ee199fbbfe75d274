/* tables.h - the tables of one target set in the text report (fsconc(1),
 * OUTPUT): compact, or with --wide the throughput and latency tables, and
 * under MPI each host's part. */
#ifndef FSC_TABLES_H
#define FSC_TABLES_H

#include <stdbool.h>
#include <stdio.h>

#include "run/plan.h"

/* The default table, within 80 columns: medians over rounds. */
void fsc_table_compact(FILE *out, const struct fsc_result *p, unsigned set,
		       bool iec);
/* --wide: every throughput column, each with its ratio to the best row. */
void fsc_table_throughput(FILE *out, const struct fsc_result *p,
			  unsigned set, bool iec);
/* --wide: the write latency percentiles, the depth and the submit share. */
void fsc_table_latency(FILE *out, const struct fsc_result *p, unsigned set);
/* Under MPI: each host's part of each trial. */
void fsc_table_hosts(FILE *out, const struct fsc_result *p, unsigned set,
		     bool iec);

#endif
