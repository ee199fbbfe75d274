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
#include "result/stats.h"
#include "util/histogram.h"

/* A directory holds the tail when its files account for this share of
 * the time files were in flight during it. */
#define FSC_TAIL_DIR_SHARE 0.90

/* A file's rate: its bytes over its open-to-close time; 0 for none
 * (fsconc(1), MEASUREMENTS). */
double fsc_file_rate(const struct fsc_file_result *f);

/* The tail of round rd of a trial of jobs files in flight: from the last
 * time fewer than min(jobs, files opened) were in flight, to the end.
 * Pure; files of no time are ignored. */
void fsc_round_tail(const struct fsc_round *rd, unsigned jobs,
		    struct fsc_tail *out);

/* The stats of round rd's files, from its files, with the tail of a
 * trial of jobs files in flight (file-stats.c); rd->fstats is
 * overwritten (its histogram freed first) and its detail kept. */
void fsc_round_file_stats(struct fsc_round *rd, unsigned jobs);
/* Past --file-detail (detail): the histogram of round rd's rates, from
 * its files, which are freed (fsconc(1), --file-detail).  After
 * fsc_round_file_stats(). */
void fsc_round_summarise(struct fsc_round *rd, uint64_t detail);
/* Free what s holds, and mark it not computed. */
void fsc_file_stats_free(struct fsc_file_stats *s);

/* Rates summarised without the files (fsconc(1), --file-detail): their
 * count, exact min, max and mean, the sum m2 of their squared deviations
 * from it, and a histogram of them in bytes/s. */
struct fsc_rates {
	uint64_t n;
	double min, max, mean, m2;
	struct fsc_hist hist;
};
/* Start empty. */
void fsc_rates_reset(struct fsc_rates *r);
/* Add the rated files of round rd (its stats, with its histogram or
 * its files); and zeros files of rate 0. */
void fsc_rates_add(struct fsc_rates *r, const struct fsc_round *rd);
void fsc_rates_add_zeros(struct fsc_rates *r, uint64_t zeros);
/* Quantile p of the rates, by fsc_quantile_at() over them in order: the
 * first and last the exact min and max, each other read as the middle of
 * its histogram bucket (within 0.4 %, or 1 byte/s), kept inside [min,
 * max].  0 when there are none. */
double fsc_rates_quantile(const struct fsc_rates *r, double p);
/* fsc_summarize() of the rates: n, min, max and mean exact, the stddev
 * up to rounding, the quartiles by fsc_summary_quartiles() over the
 * same order statistics, and the outliers counted by bucket. */
void fsc_rates_summarize(const struct fsc_rates *r, struct fsc_summary *out);

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
