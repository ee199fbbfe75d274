/* mpi-ranks.c - fsconc as one rank of an MPI job: joining it, agreeing on
 * how each step went, the start barrier, the stop watch during a trial,
 * and gathering figures to rank 0.  Compiled only with --with-mpi. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mpi.h>

#include "fsconc.h"
#include "run/mpi-ranks.h"
#include "util/clock.h"
#include "util/progress.h"
#include "util/xalloc.h"

/* The tag of the words ranks send each other during a trial. */
#define TAG_SAY 0x5fc
/* How often the watch looks for a word: the stonewall falls on the other
 * ranks at most this late. */
#define WATCH_TICK_NS 1000000L

static bool joined;
static int my_rank, nranks = 1;
static char (*hosts)[MPI_MAX_PROCESSOR_NAME];

/* Launchers say who they started in the environment: Open MPI's mpirun,
 * PMIx (srun --mpi=pmix, prterun), PMI (MPICH's hydra, srun --mpi=pmi2). */
static const char *const rank_vars[] = {
	"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK",
};

static const char *env_rank(void)
{
	for (size_t i = 0; i < sizeof(rank_vars) / sizeof(rank_vars[0]); i++) {
		const char *v = getenv(rank_vars[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

bool fsc_mpi_launched(void)
{
	return env_rank() != NULL;
}

int fsc_mpi_env_rank(void)
{
	const char *v = env_rank();

	return v ? atoi(v) : 0;
}

int fsc_mpi_init(char *err, size_t len)
{
	char name[MPI_MAX_PROCESSOR_NAME];
	int provided, n;

	if (!fsc_mpi_launched())
		return 0;
	/* MPI_Init starts threads of its own: they must inherit the blocked
	 * signals, or one of them would take mpirun's SIGTERM and die of it
	 * instead of letting the monitor stop the run. */
	fsc_monitor_block_signals();
	if (MPI_Init_thread(NULL, NULL, MPI_THREAD_SERIALIZED, &provided) !=
	    MPI_SUCCESS) {
		snprintf(err, len, "MPI_Init_thread failed; run fsconc under "
			 "mpirun, or alone");
		return -1;
	}
	joined = true;
	MPI_Comm_rank(MPI_COMM_WORLD, &my_rank);
	MPI_Comm_size(MPI_COMM_WORLD, &nranks);
	memset(name, 0, sizeof(name));
	if (MPI_Get_processor_name(name, &n) != MPI_SUCCESS)
		snprintf(name, sizeof(name), "rank%d", my_rank);
	hosts = xcalloc((size_t)nranks, sizeof(*hosts));
	MPI_Allgather(name, sizeof(name), MPI_CHAR, hosts, sizeof(name),
		      MPI_CHAR, MPI_COMM_WORLD);
	/* The watch calls MPI from its own thread while the main thread
	 * writes files and calls none. */
	if (provided < MPI_THREAD_SERIALIZED) {
		snprintf(err, len, "this MPI library gives thread level %d, "
			 "and fsconc needs MPI_THREAD_SERIALIZED (%d): build "
			 "fsconc with another MPI", provided,
			 MPI_THREAD_SERIALIZED);
		return -1;
	}
	return 0;
}

void fsc_mpi_finish(void)
{
	if (!joined)
		return;
	MPI_Barrier(MPI_COMM_WORLD);
	MPI_Finalize();
	free(hosts);
	hosts = NULL;
	joined = false;
}

int fsc_mpi_rank(void)
{
	return my_rank;
}

int fsc_mpi_size(void)
{
	return nranks;
}

const char *fsc_mpi_host(int r)
{
	return hosts && r >= 0 && r < nranks ? hosts[r] : "";
}

/* Which status wins when ranks differ: a signal (the user wants out), a
 * usage error, a failure, then a rank that only stopped because another
 * asked it to. */
static int severity(int status)
{
	if (status == FSC_EXIT_OK)
		return 0;
	if (status == FSC_MPI_PEER)
		return 1;
	if (status >= 128)
		return 4;
	return status == FSC_EXIT_USAGE ? 3 : 2;
}

int fsc_mpi_agree(int status, char *err, size_t len)
{
	struct { int sev, rank; } in = { severity(status), my_rank }, out;
	struct { int status; char msg[1024]; } word;

	if (nranks < 2)
		return status;
	MPI_Allreduce(&in, &out, 1, MPI_2INT, MPI_MAXLOC, MPI_COMM_WORLD);
	if (out.sev == 0)
		return FSC_EXIT_OK;
	memset(&word, 0, sizeof(word));
	if (out.rank == my_rank) {
		word.status = status;
		snprintf(word.msg, sizeof(word.msg), "%s",
			 status > 0 && status < 128 ? err : "");
	}
	MPI_Bcast(&word, sizeof(word), MPI_BYTE, out.rank, MPI_COMM_WORLD);
	if (word.status == FSC_MPI_PEER) {
		word.status = FSC_EXIT_FAIL;
		snprintf(word.msg, sizeof(word.msg), "stopped by another rank");
	}
	if (word.status < 128)
		snprintf(err, len, "rank %d on %s: %s", out.rank,
			 fsc_mpi_host(out.rank), word.msg);
	else
		snprintf(err, len, "rank %d on %s", out.rank,
			 fsc_mpi_host(out.rank));
	return word.status;
}

int fsc_mpi_first_differing(uint64_t value)
{
	uint64_t *all;
	int first = -1;

	if (nranks < 2)
		return -1;
	all = xcalloc((size_t)nranks, sizeof(*all));
	MPI_Allgather(&value, 1, MPI_UINT64_T, all, 1, MPI_UINT64_T,
		      MPI_COMM_WORLD);
	for (int r = 1; r < nranks && first < 0; r++)
		if (all[r] != all[0])
			first = r;
	free(all);
	return first;
}

void fsc_mpi_count_equal(const uint64_t *key, unsigned n, unsigned *count)
{
	uint64_t *all;

	for (unsigned i = 0; i < n; i++)
		count[i] = 1;
	if (nranks < 2 || n == 0)
		return;
	all = xcalloc((size_t)nranks * n, sizeof(*all));
	MPI_Allgather(key, (int)n, MPI_UINT64_T, all, (int)n, MPI_UINT64_T,
		      MPI_COMM_WORLD);
	for (unsigned i = 0; i < n; i++) {
		count[i] = 0;
		for (int r = 0; r < nranks; r++)
			count[i] += all[(size_t)r * n + i] == key[i];
	}
	free(all);
}

uint64_t fsc_mpi_start(uint64_t *skew_ns)
{
	uint64_t t;

	*skew_ns = 0;
	if (nranks < 2)
		return fsc_now_ns();
	MPI_Barrier(MPI_COMM_WORLD);
	t = fsc_now_ns();
	MPI_Barrier(MPI_COMM_WORLD);
	*skew_ns = fsc_now_ns() - t;
	return t;
}

/* --- the watch --- */

struct fsc_mpi_watch {
	pthread_t tid;
	bool running;
	atomic_bool quit;
	atomic_bool *wall, *stop;
	MPI_Request req;	/* always one receive posted */
	int word;
	int got;		/* words received */
};

static void listen_for_word(struct fsc_mpi_watch *w)
{
	MPI_Irecv(&w->word, 1, MPI_INT, MPI_ANY_SOURCE, TAG_SAY,
		  MPI_COMM_WORLD, &w->req);
}

static void heard_word(struct fsc_mpi_watch *w)
{
	w->got++;
	atomic_store(w->word == FSC_MPI_SAY_STOP ? w->stop : w->wall, true);
}

static void *watch_main(void *arg)
{
	struct fsc_mpi_watch *w = arg;
	const struct timespec tick = { 0, WATCH_TICK_NS };

	while (!atomic_load(&w->quit)) {
		int flag = 0;

		MPI_Test(&w->req, &flag, MPI_STATUS_IGNORE);
		if (flag) {
			heard_word(w);
			listen_for_word(w);
			continue;
		}
		nanosleep(&tick, NULL);
	}
	return NULL;
}

struct fsc_mpi_watch *fsc_mpi_watch_start(atomic_bool *wall,
					  atomic_bool *stop)
{
	struct fsc_mpi_watch *w;

	if (nranks < 2)
		return NULL;
	w = xcalloc(1, sizeof(*w));
	w->wall = wall;
	w->stop = stop;
	atomic_store(&w->quit, false);
	listen_for_word(w);
	/* Without the thread the words still arrive, at the trial's end:
	 * only the early stop is lost. */
	w->running = pthread_create(&w->tid, NULL, watch_main, w) == 0;
	return w;
}

void fsc_mpi_watch_end(struct fsc_mpi_watch *w, enum fsc_mpi_say say)
{
	int word = say, sent = say != FSC_MPI_SAY_NOTHING, total = 0, k = 0;
	MPI_Request *sends = NULL;

	if (!w)
		return;
	atomic_store(&w->quit, true);
	if (w->running)
		pthread_join(w->tid, NULL);
	if (sent) {
		sends = xcalloc((size_t)nranks, sizeof(*sends));
		for (int r = 0; r < nranks; r++)
			if (r != my_rank)
				MPI_Isend(&word, 1, MPI_INT, r, TAG_SAY,
					  MPI_COMM_WORLD, &sends[k++]);
	}
	/* Everyone has sent what it will send: each rank now knows how many
	 * words are on their way to it, and takes them all in. */
	MPI_Allreduce(&sent, &total, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
	for (;;) {
		if (w->got == total - sent) {
			MPI_Cancel(&w->req);
			MPI_Wait(&w->req, MPI_STATUS_IGNORE);
			break;
		}
		MPI_Wait(&w->req, MPI_STATUS_IGNORE);
		heard_word(w);
		if (w->got == total - sent)
			break;
		listen_for_word(w);
	}
	if (sent)
		MPI_Waitall(k, sends, MPI_STATUSES_IGNORE);
	free(sends);
	free(w);
}

/* --- gathering to rank 0 --- */

void fsc_mpi_gather(const void *mine, size_t len, void *all)
{
	if (nranks < 2) {
		memcpy(all, mine, len);
		return;
	}
	MPI_Gather(mine, (int)len, MPI_BYTE, all, (int)len, MPI_BYTE, 0,
		   MPI_COMM_WORLD);
}

void *fsc_mpi_gatherv(const void *mine, size_t len, size_t *lens)
{
	uint64_t n = len, *all_n = NULL;
	int *counts = NULL, *displs = NULL;
	size_t total = 0;
	char *all = NULL;

	if (nranks < 2) {
		all = xmalloc(len ? len : 1);
		memcpy(all, mine, len);
		lens[0] = len;
		return all;
	}
	if (my_rank == 0) {
		all_n = xcalloc((size_t)nranks, sizeof(*all_n));
		counts = xcalloc((size_t)nranks, sizeof(*counts));
		displs = xcalloc((size_t)nranks, sizeof(*displs));
	}
	MPI_Gather(&n, 1, MPI_UINT64_T, all_n, 1, MPI_UINT64_T, 0,
		   MPI_COMM_WORLD);
	if (my_rank == 0) {
		for (int r = 0; r < nranks; r++) {
			lens[r] = (size_t)all_n[r];
			counts[r] = (int)all_n[r];
			displs[r] = (int)total;
			total += lens[r];
		}
		all = xmalloc(total ? total : 1);
	}
	MPI_Gatherv(mine, (int)len, MPI_BYTE, all, counts, displs, MPI_BYTE,
		    0, MPI_COMM_WORLD);
	free(all_n);
	free(counts);
	free(displs);
	return all;
}

static void reduce(uint64_t *v, size_t n, MPI_Op op)
{
	if (nranks < 2 || n == 0)
		return;
	MPI_Reduce(my_rank == 0 ? MPI_IN_PLACE : v, v, (int)n, MPI_UINT64_T,
		   op, 0, MPI_COMM_WORLD);
}

void fsc_mpi_sum_u64(uint64_t *v, size_t n)
{
	reduce(v, n, MPI_SUM);
}

void fsc_mpi_max_u64(uint64_t *v, size_t n)
{
	reduce(v, n, MPI_MAX);
}

void fsc_mpi_bcast_u64(uint64_t *v)
{
	if (nranks < 2)
		return;
	MPI_Bcast(v, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
}
