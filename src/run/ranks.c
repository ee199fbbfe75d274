/* ranks.c - a run of many ranks under MPI, as the run loop sees it: the
 * figures of a round gathered to rank 0, the free space ranks share,
 * the decision on the next round, and the directories other ranks keep.
 * Alone (one rank, or a build without MPI) each is what one rank does. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result/round.h"
#include "run/mpi-ranks.h"
#include "run/plan.h"
#include "run/ranks.h"
#include "util/xalloc.h"

/* Under MPI: every rank's figures to rank 0, which makes the round of
 * them all.  A rank's times go as offsets from the moment it left the
 * start barrier (origin), and come back onto rank 0's clock from rank
 * 0's own origin, so the hosts' clocks need not agree: only the barrier
 * must release the ranks at about the same time (see barrier_skew_ns).
 * The other ranks keep a round of their own figures. */
static void gather_round(struct fsc_measured *m, uint64_t origin,
			 struct fsc_round *out)
{
	unsigned n = (unsigned)fsc_mpi_size(), me = (unsigned)fsc_mpi_rank();
	struct fsc_rank_sums *all = me ? NULL : xcalloc(n, sizeof(*all));
	size_t *lens = me ? NULL : xcalloc(n, sizeof(*lens));
	size_t nf = (size_t)m->sums.nfiles, total = 0;
	uint64_t max = m->hist->max;
	struct fsc_file_result *files;

	for (size_t i = 0; i < nf; i++) {
		m->files[i].rank = me;
		m->files[i].t_open -= origin;
		m->files[i].t_done -= origin;
	}
	fsc_mpi_gather(&m->sums, sizeof(m->sums), all);
	files = fsc_mpi_gatherv(m->files, nf * sizeof(*m->files), lens);
	/* Latencies: the histograms add up (the max of a sum is no max). */
	fsc_mpi_sum_u64((uint64_t *)m->hist,
			sizeof(*m->hist) / sizeof(uint64_t));
	fsc_mpi_max_u64(&max, 1);
	if (me) {
		m->hist->max = max;	/* the sum reached rank 0 only */
		for (size_t i = 0; i < nf; i++) {
			m->files[i].t_open += origin;
			m->files[i].t_done += origin;
		}
		fsc_round_measure(&m->sums, 1, m->files, nf, m->hist, out);
		m->files = NULL;
		return;
	}
	m->hist->max = max;
	for (unsigned r = 0; r < n; r++)
		total += lens[r] / sizeof(*files);
	for (size_t i = 0; i < total; i++) {
		files[i].t_open += origin;
		files[i].t_done += origin;
	}
	fsc_round_measure(all, n, files, total, m->hist, out);
	free(all);
	free(lens);
}

void fsc_ranks_round(struct fsc_measured *m, uint64_t origin,
		     struct fsc_round *out)
{
	if (fsc_mpi_active()) {
		gather_round(m, origin, out);
	} else {
		fsc_round_measure(&m->sums, 1, m->files,
				  (size_t)m->sums.nfiles, m->hist, out);
		m->files = NULL;
	}
}

void fsc_ranks_count_sharing(struct fsc_result *p)
{
	uint64_t *key;
	unsigned *count;

	if (!fsc_mpi_active())
		return;
	key = xcalloc(p->ntargets, sizeof(*key));
	count = xcalloc(p->ntargets, sizeof(*count));
	for (size_t k = 0; k < p->ntargets; k++) {
		const struct fsc_target *t = &p->targets[k];
		const struct fsc_fingerprint *fp = &t->fp;
		char id[1024];
		uint64_t h = 0xcbf29ce484222325ULL;

		if (fp->has_mount && !fp->has_bdev && !fp->memory_backed)
			snprintf(id, sizeof(id), "net %s %s", t->fstype,
				 fp->mount.source);
		else
			snprintf(id, sizeof(id), "local %s %llu",
				 fsc_mpi_host(fsc_mpi_rank()),
				 (unsigned long long)t->dev);
		for (const char *c = id; *c; c++)
			h = (h ^ (unsigned char)*c) * 0x100000001b3ULL;
		key[k] = h;
	}
	fsc_mpi_count_equal(key, (unsigned)p->ntargets, count);
	for (size_t k = 0; k < p->ntargets; k++)
		p->targets[k].sharing = count[k];
	free(key);
	free(count);
}

enum fsc_stop fsc_ranks_more_rounds(struct fsc_result *p, unsigned n,
				    uint64_t elapsed_ns)
{
	const struct fsc_opts *o = p->opts;
	uint64_t round = p->ntrials * o->files * o->size;
	uint64_t stop = 0;

	if (fsc_mpi_rank() == 0)
		stop = fsc_plan_more(p, n, elapsed_ns, round,
				     (o->warmup + n) * round);
	fsc_mpi_bcast_u64(&stop);
	return (enum fsc_stop)stop;
}

void fsc_ranks_gather_kept(struct fsc_result *p)
{
	char *mine = xstrdup(""), *all;
	size_t *lens = xcalloc((size_t)fsc_mpi_size(), sizeof(*lens));
	size_t n = 0, total = 0;

	for (size_t k = 0; fsc_mpi_rank() > 0 && k < p->ntargets; k++) {
		const char *dir = p->targets[k].rundir;
		size_t add;

		if (!dir)
			continue;
		add = strlen(dir) + 1;
		mine = xrealloc(mine, n + add + 1, 1);
		memcpy(mine + n, dir, add - 1);
		mine[n + add - 1] = '\n';
		n += add;
		mine[n] = '\0';
	}
	all = fsc_mpi_gatherv(mine, n, lens);
	if (all) {
		for (int r = 0; r < fsc_mpi_size(); r++)
			total += lens[r];
		p->kept_elsewhere = xrealloc(all, total + 1, 1);
		p->kept_elsewhere[total] = '\0';
	}
	free(mine);
	free(lens);
}
