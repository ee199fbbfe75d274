/* round.h - the measurement of one trial round (fsconc(1), MEASUREMENTS):
 * from the files a round opened and what each rank counted while it ran,
 * its bytes, span, rates, phases, latency percentiles and CPU time. */
#ifndef FSC_ROUND_H
#define FSC_ROUND_H

#include <stddef.h>
#include <stdint.h>

#include "fsconc.h"
#include "util/histogram.h"

/* What one rank measured in a round: under MPI rank 0 gathers these from
 * every rank and measures the round from them, as it does alone from its
 * own.  All integers, so that ranks exchange them as bytes. */
struct fsc_rank_sums {
	uint64_t bytes, planned, nfiles;
	uint64_t files_done;		/* written whole */
	uint64_t cpu_user_ns, cpu_sys_ns;
	uint64_t submit_ns, nworkers;	/* in submit calls; threads submitting */
	uint64_t depth_sum, depth_n;	/* writes in flight at submissions */
	uint64_t skew_ns;		/* the start barrier's (fsc_mpi_start) */
	uint64_t kworkers_sampled, kworkers, kworkers_peak;
};

/* The round from n ranks' sums s and their files (nfiles in all, the
 * files of rank 0 first, then rank 1's, ..., on one clock), which out
 * takes, and hist, every write's latency.  t0 is the first open of any
 * file, so an engine's own start-up (threads, rings) is not billed as
 * writing; the span ends at the last close.  With n >= 2, out->ranks has
 * each rank's part.  out is overwritten; nothing else is read. */
void fsc_round_measure(const struct fsc_rank_sums *s, unsigned n,
		       struct fsc_file_result *files, size_t nfiles,
		       const struct fsc_hist *hist, struct fsc_round *out);

#endif
