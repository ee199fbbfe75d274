/* round.c - one trial round measured from its files and the ranks'
 * counts (fsconc(1), MEASUREMENTS). */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "result/round.h"
#include "util/phases.h"
#include "util/xalloc.h"

void fsc_round_measure(const struct fsc_rank_sums *s, unsigned n,
		       struct fsc_file_result *files, size_t nfiles,
		       const struct fsc_hist *hist, struct fsc_round *out)
{
	uint64_t t0 = UINT64_MAX, end = 0, submit = 0, busy = 0, workers = 0;
	double depth = 0;
	bool sampled = false;
	size_t f = 0;
	static const double pct[FSC_NPCT] = { 0.50, 0.90, 0.99, 0.999, 1.0 };

	memset(out, 0, sizeof(*out));
	out->files = files;
	out->nfiles = nfiles;
	for (size_t i = 0; i < nfiles; i++)
		if (files[i].t_open < t0)
			t0 = files[i].t_open;
	end = t0;
	for (size_t i = 0; i < nfiles; i++) {
		if (files[i].t_done > end)
			end = files[i].t_done;
		out->bytes += files[i].bytes;
		busy += files[i].t_done - files[i].t_open;
	}
	for (unsigned r = 0; r < n; r++) {
		out->planned_bytes += s[r].planned;
		out->files_done += s[r].files_done;
		out->cpu_user_ns += s[r].cpu_user_ns;
		out->cpu_sys_ns += s[r].cpu_sys_ns;
		submit += s[r].submit_ns;
		workers += s[r].nworkers;
		if (s[r].kworkers_sampled) {
			out->kworkers_sampled = true;
			out->kworkers += (unsigned)s[r].kworkers;
			out->kworkers_peak += (unsigned)s[r].kworkers_peak;
		}
		/* Async engines: writes in flight, each rank's mean at its
		 * submissions, summed over the ranks. */
		if (s[r].depth_n) {
			depth += (double)s[r].depth_sum / (double)s[r].depth_n;
			sampled = true;
		}
	}
	out->t0 = t0;
	out->elapsed_ns = end - t0;
	out->bytes_per_sec = out->elapsed_ns ?
		(double)out->bytes * 1e9 / (double)out->elapsed_ns : 0;
	out->files_per_sec = out->elapsed_ns ?
		(double)out->files_done * 1e9 / (double)out->elapsed_ns : 0;
	/* Synchronous engines: every worker submits, and each has one write
	 * in flight while it holds a file, so the depth is the mean number
	 * of files open (Little's law over the file intervals).  The share
	 * is per submitting thread: async engines have one. */
	out->submit_share = out->elapsed_ns ? (double)submit /
		((double)out->elapsed_ns * (double)workers) : 0;
	out->achieved_depth = sampled ? depth : out->elapsed_ns ?
		(double)busy / (double)out->elapsed_ns : 0;
	for (int q = 0; q < FSC_NPCT; q++)
		out->latency_ns[q] = fsc_hist_quantile(hist, pct[q]);
	out->latency_mean_ns = fsc_hist_mean(hist);
	fsc_phases_summarize(files, nfiles, &out->phases);
	if (n < 2)
		return;
	out->nranks = n;
	out->ranks = xcalloc(n, sizeof(*out->ranks));
	for (unsigned r = 0; r < n; r++) {
		struct fsc_rank_result *rr = &out->ranks[r];
		uint64_t first = UINT64_MAX, last = 0;

		rr->bytes = s[r].bytes;
		rr->planned_bytes = s[r].planned;
		rr->cpu_user_ns = s[r].cpu_user_ns;
		rr->cpu_sys_ns = s[r].cpu_sys_ns;
		rr->nfiles = (size_t)s[r].nfiles;
		for (size_t i = 0; i < rr->nfiles && f < nfiles; i++, f++) {
			if (files[f].t_open < first)
				first = files[f].t_open;
			if (files[f].t_done > last)
				last = files[f].t_done;
		}
		if (rr->nfiles) {
			rr->start_ns = first - t0;
			rr->end_ns = last - t0;
		}
		if (s[r].skew_ns > out->barrier_skew_ns)
			out->barrier_skew_ns = s[r].skew_ns;
	}
}
