/* ranks.h - a run of many ranks under MPI, as the run loop sees it
 * (ranks.c): the only run code that knows of other ranks, through the
 * collectives of mpi-ranks.h.  Every function here is collective, and
 * alone does what one rank does. */
#ifndef FSC_RANKS_H
#define FSC_RANKS_H

#include <stdint.h>

#include "fsconc.h"
#include "result/result.h"
#include "result/round.h"
#include "util/histogram.h"

/* What this rank measured of a trial round. */
struct fsc_measured {
	struct fsc_rank_sums sums;
	struct fsc_file_result *files;	/* the files opened */
	struct fsc_hist *hist;		/* every write's latency */
};

/* The round out from every rank's measurements m.  Under MPI rank 0
 * gathers them (a rank's times go as offsets from origin, the moment it
 * left the start barrier, so the hosts' clocks need not agree) and the
 * other ranks keep a round of their own figures; alone, the round is
 * this rank's.  out takes m->files (set to NULL) or a gathered copy. */
void fsc_ranks_round(struct fsc_measured *m, uint64_t origin,
		     struct fsc_round *out);

/* Under MPI, ranks writing to one file system share its free space, so
 * the space check counts them all: sets each target's sharing, the
 * ranks that write there.  Alone, does nothing. */
void fsc_ranks_count_sharing(struct fsc_result *p);

/* Before counted round n (from 0), elapsed_ns into the run: whether it
 * runs, or why not (fsc_plan_more).  Under MPI rank 0 decides, on the
 * rounds of all ranks, and the others follow. */
enum fsc_stop fsc_ranks_more_rounds(struct fsc_result *p, unsigned n,
				    uint64_t elapsed_ns);

/* --keep under MPI: rank 0 gathers the other ranks' run directories into
 * p->kept_elsewhere, to report them too. */
void fsc_ranks_gather_kept(struct fsc_result *p);

#endif
