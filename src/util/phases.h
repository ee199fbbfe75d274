/* phases.h - where a file's time goes: its open-to-close time cut into
 * phases that follow one another (open, truncate, write, fsync, close;
 * fsconc(1), MEASUREMENTS), and their sums and percentiles over the files
 * of a round. */
#ifndef FSC_PHASES_H
#define FSC_PHASES_H

#include <stddef.h>
#include <stdint.h>

#include "fsconc.h"

/* "open", "truncate", "write", "fsync", "close". */
const char *fsc_phase_name(int phase);

/* The phases of one file from the clock readings at their bounds:
 * stamps[0] is t_open, stamps[k + 1] the end of phase k, stamps[FSC_NPHASE]
 * t_done.  A reading earlier than the one before it (0: not taken, as the
 * truncate of a file not truncated) counts as the one before, so that
 * phase is 0 and the phases always add up to t_done - t_open. */
void fsc_phases_split(const uint64_t stamps[FSC_NPHASE + 1],
		      uint64_t out[FSC_NPHASE]);

/* Each phase's sum over n files, and its p50 and p99 over them (nearest
 * rank).  All zero when n is 0. */
void fsc_phases_summarize(const struct fsc_file_result *files, size_t n,
			  struct fsc_phase_stats *out);

/* The phase other than write that holds more than half of the sum of
 * all phases, or -1 when none does. */
int fsc_phases_dominant(const uint64_t sum_ns[FSC_NPHASE]);

#endif
