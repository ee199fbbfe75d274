/* tail.h - one file's figures over many: a file's rate, a round's tail
 * (the time at its end when fewer files were in flight than the trial
 * keeps going, and the file and directory that held it), and a trial's
 * slowest file (fsconc(1), STRAGGLERS). */
#ifndef FSC_TAIL_H
#define FSC_TAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsconc.h"

/* A directory holds the tail when its files account for this share of
 * the time files were in flight during it. */
#define FSC_TAIL_DIR_SHARE 0.90

struct fsc_tail {
	uint64_t start_ns;	/* from the round's t0 */
	uint64_t len_ns;	/* to the last close */
	double share;		/* len over the round's elapsed time */
	size_t file;		/* the file in flight longest in the tail
				 * (index into the round's files), or
				 * SIZE_MAX when there is no tail */
	double file_share;	/* its time in the tail, over the tail */
	int dir;		/* the dir (index into the set) holding the
				 * tail, or -1 */
	double dir_share;	/* its files' share of the tail */
};

/* A file's rate: its bytes over its open-to-close time; 0 for none
 * (fsconc(1), MEASUREMENTS). */
double fsc_file_rate(const struct fsc_file_result *f);

/* The tail of round rd of a trial of jobs files in flight: from the last
 * time fewer than min(jobs, files opened) were in flight, to the end.
 * Pure; files of no time are ignored. */
void fsc_round_tail(const struct fsc_round *rd, unsigned jobs,
		    struct fsc_tail *out);

/* A trial's slowest file, with the tail of its round. */
struct fsc_straggler {
	unsigned round;		/* counted round, from 0 */
	size_t file;		/* index into the round's files */
	unsigned dir;		/* index into the set's dirs */
	double rate;		/* fsc_file_rate() */
	double median;		/* the median file's rate, over all rounds */
	struct fsc_tail tail;	/* of its round */
};

/* The note says a file straggled when the slowest file wrote at less
 * than this share of the median file's rate, in a round whose tail was
 * this share of its time or more. */
#define FSC_STRAGGLER_RATE 0.50
#define FSC_STRAGGLER_TAIL 0.10

/* Did s straggle (the note's test)? */
bool fsc_straggled(const struct fsc_straggler *s);

#endif
