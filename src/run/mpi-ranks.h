/* mpi-ranks.h - runs on many hosts under mpirun: which rank this process
 * is, the collectives the run loop needs, and the watch that stops a
 * trial when another rank asks.  Built with --with-mpi (mpi-ranks.c);
 * otherwise every function here is an inline no-op for one rank, so
 * callers need no #ifdef.  (Not "mpi.h": that name is MPI's own.) */
#ifndef FSC_MPI_RANKS_H
#define FSC_MPI_RANKS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/clock.h"
#include "util/xalloc.h"

/* A status for fsc_mpi_agree(): this rank stopped only because another
 * one asked it to. */
#define FSC_MPI_PEER (-1)

/* What a rank tells the others when its part of a trial ends early or
 * first (fsc_mpi_watch_end). */
enum fsc_mpi_say {
	FSC_MPI_SAY_NOTHING,
	FSC_MPI_SAY_DONE,	/* all my files are written: --stonewall falls */
	FSC_MPI_SAY_STOP,	/* I failed or was interrupted: stop */
};

struct fsc_mpi_watch;

#ifdef HAVE_MPI

static inline bool fsc_mpi_built(void) { return true; }
/* Was this process started by an MPI launcher (mpirun, srun)?  Read from
 * the environment, before MPI is initialized. */
bool fsc_mpi_launched(void);
/* The rank the launcher gave this process, from the environment; 0 when
 * not launched.  For messages printed before MPI is initialized. */
int fsc_mpi_env_rank(void);
/* Join the MPI job when launched by mpirun; alone, do nothing.  0, or -1
 * with err set. */
int fsc_mpi_init(char *err, size_t len);
/* After everything is cleaned up: wait for every rank (so that none exits,
 * and makes mpirun end the job, before the others removed their files),
 * then leave MPI. */
void fsc_mpi_finish(void);
int fsc_mpi_rank(void);
int fsc_mpi_size(void);
/* The host rank r runs on, as MPI names it. */
const char *fsc_mpi_host(int r);

/* Collective: every rank gives its status (FSC_EXIT_OK, FSC_EXIT_FAIL or
 * FSC_EXIT_USAGE with a message in err, 128 + a signal, or FSC_MPI_PEER)
 * and every rank gets the worst one back (a signal, then a usage error,
 * then a failure), with its message in err prefixed by the rank and host
 * it comes from. */
int fsc_mpi_agree(int status, char *err, size_t len);
/* Collective: the lowest rank whose value differs from rank 0's, or -1
 * when all agree. */
int fsc_mpi_first_differing(uint64_t value);
/* Collective: count[i] = the ranks whose key[i] equals this rank's (n
 * keys on every rank), this one included. */
void fsc_mpi_count_equal(const uint64_t *key, unsigned n, unsigned *count);

/* Collective, before a trial's first write: a barrier; returns the moment
 * this rank left it (CLOCK_MONOTONIC; alone, now), the origin of its
 * times in the trial.  *skew_ns bounds how far apart the ranks left it: the wait in a
 * second barrier right after, where no rank is released before the last
 * one has arrived. */
uint64_t fsc_mpi_start(uint64_t *skew_ns);

/* While a trial runs, a thread listens for the other ranks: DONE sets
 * *wall, STOP sets *stop.  NULL when alone. */
struct fsc_mpi_watch *fsc_mpi_watch_start(atomic_bool *wall,
					  atomic_bool *stop);
/* Collective, when this rank's writing is over: stop listening, tell the
 * other ranks what say says, and take in every word sent, so nothing is
 * left for the next trial.  Frees w. */
void fsc_mpi_watch_end(struct fsc_mpi_watch *w, enum fsc_mpi_say say);

/* Collective, to rank 0: len bytes from every rank into all (size x len
 * bytes, rank order); all is not touched on other ranks. */
void fsc_mpi_gather(const void *mine, size_t len, void *all);
/* Collective, to rank 0: a different length from each rank.  Returns
 * the ranks' bytes one after another (malloc'd, free it) and each one's
 * length in lens[size] on rank 0; NULL on the others. */
void *fsc_mpi_gatherv(const void *mine, size_t len, size_t *lens);
/* Collective, to rank 0: v[i] becomes the sum, or the largest, over all
 * ranks (on rank 0 only). */
void fsc_mpi_sum_u64(uint64_t *v, size_t n);
void fsc_mpi_max_u64(uint64_t *v, size_t n);
/* Collective, from rank 0: every rank's *v becomes rank 0's. */
void fsc_mpi_bcast_u64(uint64_t *v);

#else	/* one process: rank 0 of 1 */

static inline bool fsc_mpi_built(void) { return false; }

static inline bool fsc_mpi_launched(void) { return false; }
static inline int fsc_mpi_env_rank(void) { return 0; }
static inline int fsc_mpi_init(char *err, size_t len)
{
	(void)err;
	(void)len;
	return 0;
}
static inline void fsc_mpi_finish(void) {}
static inline int fsc_mpi_rank(void) { return 0; }
static inline int fsc_mpi_size(void) { return 1; }
static inline const char *fsc_mpi_host(int r) { (void)r; return ""; }
static inline int fsc_mpi_agree(int status, char *err, size_t len)
{
	(void)err;
	(void)len;
	return status;
}
static inline int fsc_mpi_first_differing(uint64_t value)
{
	(void)value;
	return -1;
}
static inline void fsc_mpi_count_equal(const uint64_t *key, unsigned n,
				       unsigned *count)
{
	(void)key;
	for (unsigned i = 0; i < n; i++)
		count[i] = 1;
}
static inline uint64_t fsc_mpi_start(uint64_t *skew_ns)
{
	*skew_ns = 0;
	return fsc_now_ns();
}
static inline struct fsc_mpi_watch *fsc_mpi_watch_start(atomic_bool *wall,
							atomic_bool *stop)
{
	(void)wall;
	(void)stop;
	return NULL;
}
static inline void fsc_mpi_watch_end(struct fsc_mpi_watch *w,
				     enum fsc_mpi_say say)
{
	(void)w;
	(void)say;
}
static inline void fsc_mpi_gather(const void *mine, size_t len, void *all)
{
	memcpy(all, mine, len);
}
static inline void *fsc_mpi_gatherv(const void *mine, size_t len,
				    size_t *lens)
{
	void *all = xmalloc(len ? len : 1);

	memcpy(all, mine, len);
	lens[0] = len;
	return all;
}
static inline void fsc_mpi_sum_u64(uint64_t *v, size_t n)
{
	(void)v;
	(void)n;
}
static inline void fsc_mpi_max_u64(uint64_t *v, size_t n)
{
	(void)v;
	(void)n;
}
static inline void fsc_mpi_bcast_u64(uint64_t *v)
{
	(void)v;
}

#endif

/* More than one rank: the run is one of many. */
static inline bool fsc_mpi_active(void)
{
	return fsc_mpi_size() > 1;
}

#endif
