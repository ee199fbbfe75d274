/* fsconc.h - types shared by every module: the workload, target sets,
 * trials and their measured rounds. */
#ifndef FSCONC_H
#define FSCONC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "host/devstat.h"
#include "host/noise.h"

enum fsc_mode { FSC_MODE_CREATE, FSC_MODE_TRUNCATE, FSC_MODE_OVERWRITE };
enum fsc_fsync { FSC_FSYNC_NONE, FSC_FSYNC_END, FSC_FSYNC_EACH };
/* --bind: where writer threads run. */
enum fsc_bind { FSC_BIND_NONE, FSC_BIND_CORE, FSC_BIND_NUMA };

/* Exit status (fsconc(1), EXIT STATUS). */
enum { FSC_EXIT_OK = 0, FSC_EXIT_FAIL = 1, FSC_EXIT_USAGE = 2 };

#define FSC_MAX_WRITE   0x7ffff000UL	/* Linux caps one write(2) here */
#define FSC_MAX_IODEPTH 32768
#define FSC_MAX_JOBS    4096
#define FSC_MAX_FILES   1000000
/* Below this --size, files are small: the report gives files/s beside
 * MB/s (fsconc(1), MEASUREMENTS). */
#define FSC_SMALL_FILE (1024 * 1024)
#define FSC_MAX_STONEWALL_S 1000000	/* --stonewall, seconds (11 days) */

/* Latency percentiles reported for writes. */
enum { FSC_P50, FSC_P90, FSC_P99, FSC_P999, FSC_PMAX, FSC_NPCT };

/* A file's time from open to close, in phases that follow one another
 * (fsconc(1), MEASUREMENTS; phases.h). */
enum fsc_phase { FSC_PHASE_OPEN, FSC_PHASE_TRUNCATE, FSC_PHASE_WRITE,
		 FSC_PHASE_FSYNC, FSC_PHASE_CLOSE, FSC_NPHASE };

/* Each phase over the files of a round: its sum, and its p50 and p99
 * over the files. */
struct fsc_phase_stats {
	uint64_t sum_ns[FSC_NPHASE];
	uint64_t p50_ns[FSC_NPHASE];
	uint64_t p99_ns[FSC_NPHASE];
};

/* One file of one trial round, as the run loop measured it. */
struct fsc_file_result {
	unsigned dir;		/* index into the trial's target set */
	unsigned rank;		/* the MPI rank that wrote it (0 alone) */
	uint64_t bytes;
	uint64_t t_open;	/* CLOCK_MONOTONIC ns, before open() */
	uint64_t t_done;	/* after close() (and fsync) */
	uint64_t phase_ns[FSC_NPHASE];	/* they add up to t_done - t_open */
};

/* One rank's part of a round of an MPI run. */
struct fsc_rank_result {
	uint64_t bytes;
	uint64_t planned_bytes;
	uint64_t start_ns, end_ns;	/* its first open and last close, from
					 * the round's t0 */
	uint64_t cpu_user_ns, cpu_sys_ns;
	size_t nfiles;			/* files it opened */
};

/* A round's throughput over time (fsconc(1), MEASUREMENTS): the bytes
 * completed in each interval from the round's t0, the last one ending at
 * the round's end, so that they add up to its bytes.  At most
 * FSC_TIMELINE_MAX intervals: a longer round has them doubled until it
 * fits.  n 0: not sampled (--interval 0, MPI, a profile without one). */
#define FSC_TIMELINE_MAX 4096
struct fsc_timeline {
	uint64_t interval_ns;
	uint64_t *bytes;
	size_t n;
};

/* A round's tail (fsconc(1), STRAGGLERS; result/tail.h): the time at its
 * end when fewer files were in flight than the trial keeps going, and the
 * file and directory that held it. */
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

/* What the summaries need of a round's files, computed from them once
 * (result/file-stats.c), and all that is left of them when the round had
 * more than --file-detail files (fsconc(1), --file-detail). */
struct fsc_hist;
struct fsc_file_stats {
	bool valid;		/* computed, or read from a profile */
	uint64_t detail;	/* files summarised: the --file-detail they
				 * passed; 0 when the files are kept */
	/* The rates (fsc_file_rate()) of the files that wrote a byte: their
	 * count, exact min, max and mean, the sum of their squared
	 * deviations from the mean, and once summarised a histogram of
	 * them in bytes/s (NULL while the files are kept). */
	uint64_t rated;
	double min, max, mean, m2;
	struct fsc_hist *hist;
	/* The slowest of them, first in the round's order on a tie. */
	bool has_slowest;
	size_t slowest;		/* index into the round's files */
	unsigned slowest_dir;	/* index into the set's dirs */
	double slowest_rate;
	struct fsc_tail tail;	/* of the round, with the trial's jobs */
};

/* One counted or warm-up round of one trial. */
struct fsc_round {
	uint64_t t0;		/* CLOCK_MONOTONIC ns at the trial's start */
	uint64_t bytes;
	uint64_t planned_bytes;	/* what the trial writes when nothing stops
				 * it: bytes / planned_bytes < 1 after a
				 * --stonewall */
	uint64_t elapsed_ns;	/* max t_done - t0 */
	double bytes_per_sec;
	/* Files written whole (every byte of --size) in the round, and
	 * their count over elapsed_ns (fsconc(1), MEASUREMENTS). */
	uint64_t files_done;
	double files_per_sec;
	uint64_t cpu_user_ns, cpu_sys_ns;
	double submit_share;	/* time in submit calls / elapsed */
	double achieved_depth;	/* mean writes in flight at submission */
	/* io_uring: the kernel workers (io-wq) that served the writes,
	 * sampled, and the most alive at once (summed over MPI ranks);
	 * kworkers_sampled false for other engines. */
	bool kworkers_sampled;
	unsigned kworkers, kworkers_peak;
	uint64_t latency_ns[FSC_NPCT];
	uint64_t latency_mean_ns;	/* exact mean of the writes */
	struct fsc_phase_stats phases;	/* over the files opened */
	struct fsc_file_result *files;	/* the files opened, in order;
					 * NULL once summarised */
	size_t nfiles;
	struct fsc_file_stats fstats;	/* of the files */
	/* Under MPI: every rank's part (rank order), and a bound on how far
	 * apart the ranks left the start barrier, which is how far off the
	 * span from the first open to the last close may be.  NULL, 0
	 * alone. */
	struct fsc_rank_result *ranks;
	unsigned nranks;
	uint64_t barrier_skew_ns;
	/* The machine meanwhile (rank 0's under MPI), and whether the round
	 * was disturbed far beyond the trial's others (fsc_result_summarize;
	 * flagged, not dropped). */
	struct fsc_noise noise;
	bool disturbed;
	/* The disks under the set's targets meanwhile (rank 0's under MPI;
	 * fsconc(1), WHY): ndev of them, at most FSC_DEV_MAX, in an array of
	 * their own (NULL for none), as most rounds of a large profile have
	 * none or one. */
	struct fsc_devfig *dev;
	unsigned ndev;
	/* The CPUs the writers could use (the affinity mask, a cgroup's CPU
	 * limit, and one per thread of a synchronous engine), and how many
	 * fsconc kept busy: its CPU time over the round (rank 0's under
	 * MPI; fsconc(1), WHY).  NAN: unknown. */
	double cpus, cpus_busy;
	struct fsc_timeline timeline;
};

#endif
