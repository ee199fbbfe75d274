/* tables.c - the tables of one target set in the text report (fsconc(1),
 * OUTPUT): figures summarized in result/, only laid out here. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "report/layout.h"
#include "report/tables.h"
#include "result/labels.h"
#include "util/xalloc.h"

/* The table of rows rows, printed, and its cells freed. */
static void finish(FILE *out, struct fsc_table *tb, size_t rows)
{
	tb->nrows = rows;
	fsc_table_print(out, tb);
	free(tb->cell);
}

/* "1.90 [1.70–2.10]": the speedup against pwrite with its interval, or
 * "-" without one. */
static void speedup_cell(struct fsc_table *tb, size_t r, size_t c,
			 const struct fsc_trial_result *t)
{
	if (t->has_speedup)
		fsc_cell(tb, r, c, "%.2f [%.2f\u2013%.2f]", t->speedup.value,
			 t->speedup.low, t->speedup.high);
	else
		fsc_cell(tb, r, c, "-");
}

/* A latency in µs, to about three significant digits. */
static void us_cell(struct fsc_table *tb, size_t r, size_t c, double ns)
{
	double us = ns / 1e3;

	fsc_cell(tb, r, c, us >= 100 ? "%.0f" : us >= 10 ? "%.1f" : "%.2f",
		 us);
}

/* "1234 (0.52)": a value and its ratio to the best row. */
static void rate_cell(struct fsc_table *tb, size_t r, size_t c, double bps,
		      double best, bool iec)
{
	char v[32];

	fsc_table_rate(v, sizeof(v), bps, iec);
	fsc_cell(tb, r, c, "%s (%.2f)", v, best > 0 ? bps / best : 0.0);
}

/* --size 0, --wide: the aggregate columns in files/s, those of data
 * "-". */
static void files_cells(struct fsc_table *tb, size_t r,
			const struct fsc_trial_result *t, const double *best)
{
	const double v[5] = { 0, t->agg.min, t->agg.median, t->agg.max,
			      t->agg.stddev };

	for (int c = 1; c < 5; c++)
		fsc_cell(tb, r, (size_t)c, "%.*f (%.2f)", v[c] < 10 ? 1 : 0,
			 v[c], best[c] > 0 ? v[c] / best[c] : 1.0);
	for (int c = 5; c < 9; c++)
		fsc_cell(tb, r, (size_t)c, "-");
}

void fsc_table_throughput(FILE *out, const struct fsc_result *p,
			  unsigned set, bool iec)
{
	struct fsc_table tb = {
		.head = { "engine", "agg min", "agg median", "agg max",
			  "stddev", "file min", "file median", "file max",
			  "CPU s/GiB", "speedup [95% CI]" },
		.ncols = 10,
	};
	double best[10] = { 0 };
	size_t r = 0;

	tb.cell = xcalloc(p->ntrials, sizeof(*tb.cell));
	/* Best per column: the highest rate, the lowest spread and CPU. */
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		double v[10] = { 0, t->agg.min, t->agg.median, t->agg.max,
				 t->agg.stddev, t->file.min, t->file.median,
				 t->file.max, t->cpu_s_per_gib, 0 };
		if (t->set != set || !t->done)
			continue;
		for (int c = 1; c < 9; c++) {
			bool lower = c == 4 || c == 8;
			if (!r || (lower ? v[c] < best[c] : v[c] > best[c]))
				best[c] = v[c];
		}
		r++;
	}
	r = 0;
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		char label[64];

		if (t->set != set || !t->done)
			continue;
		fsc_cell(&tb, r, 0, "%s",
			 fsc_trial_label(t, label, sizeof(label)));
		rate_cell(&tb, r, 1, t->agg.min, best[1], iec);
		rate_cell(&tb, r, 2, t->agg.median, best[2], iec);
		rate_cell(&tb, r, 3, t->agg.max, best[3], iec);
		{
			char v[32];
			fsc_table_rate(v, sizeof(v), t->agg.stddev, iec);
			fsc_cell(&tb, r, 4, "%s (%.2f)", v, best[4] > 0 ?
				 t->agg.stddev / best[4] : 1.0);
		}
		rate_cell(&tb, r, 5, t->file.min, best[5], iec);
		rate_cell(&tb, r, 6, t->file.median, best[6], iec);
		rate_cell(&tb, r, 7, t->file.max, best[7], iec);
		fsc_cell(&tb, r, 8, "%.3f (%.2f)", t->cpu_s_per_gib,
			 best[8] > 0 ? t->cpu_s_per_gib / best[8] : 1.0);
		if (!p->opts->size)	/* --size 0: files/s, no data */
			files_cells(&tb, r, t, best);
		speedup_cell(&tb, r, 9, t);
		r++;
	}
	finish(out, &tb, r);
}

/* The default table, within 80 columns: the figures that answer the
 * question, medians over rounds (--wide: every column). */
void fsc_table_compact(FILE *out, const struct fsc_result *p, unsigned set,
		       bool iec)
{
	struct fsc_table tb = {
		.head = { "engine", !p->opts->size ? "agg files/s" :
			  iec ? "agg MiB/s" : "agg MB/s",
			  "speedup [95% CI]", iec ? "file MiB/s" : "file MB/s",
			  "p99 \u00b5s", "CPU s/GiB" },
		.ncols = 6,
	};
	size_t r = 0;

	tb.cell = xcalloc(p->ntrials, sizeof(*tb.cell));
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		char label[64], v[32];

		if (t->set != set || !t->done)
			continue;
		fsc_cell(&tb, r, 0, "%s",
			 fsc_trial_label(t, label, sizeof(label)));
		if (!p->opts->size)	/* --size 0: files/s, no data */
			snprintf(v, sizeof(v), "%.*f", t->agg.median < 10 ?
				 1 : 0, t->agg.median);
		else
			fsc_table_rate(v, sizeof(v), t->agg.median, iec);
		fsc_cell(&tb, r, 1, "%s", v);
		if (!p->opts->size) {
			fsc_cell(&tb, r, 3, "-");
			fsc_cell(&tb, r, 4, "-");
			fsc_cell(&tb, r, 5, "-");
		}
		speedup_cell(&tb, r, 2, t);
		if (!p->opts->size) {
			r++;
			continue;
		}
		fsc_table_rate(v, sizeof(v), t->file.median, iec);
		fsc_cell(&tb, r, 3, "%s", v);
		us_cell(&tb, r, 4, t->latency_ns[FSC_P99]);
		fsc_cell(&tb, r, 5, "%.3f", t->cpu_s_per_gib);
		r++;
	}
	finish(out, &tb, r);
}

void fsc_table_latency(FILE *out, const struct fsc_result *p, unsigned set)
{
	struct fsc_table tb = {
		.head = { "engine", "write p50 \u00b5s", "p90", "p99", "p99.9",
			  "max", "depth", "submit share" },
		.ncols = 8,
	};
	size_t r = 0;

	tb.cell = xcalloc(p->ntrials, sizeof(*tb.cell));
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		char label[64];

		if (t->set != set || !t->done)
			continue;
		fsc_cell(&tb, r, 0, "%s",
			 fsc_trial_label(t, label, sizeof(label)));
		for (int q = 0; q < FSC_NPCT; q++)
			us_cell(&tb, r, 1 + (size_t)q, t->latency_ns[q]);
		fsc_cell(&tb, r, 6, "%.2f", t->depth);
		fsc_cell(&tb, r, 7, "%.2f", t->submit_share);
		r++;
	}
	finish(out, &tb, r);
}

/* Under MPI: each host's part of each trial, so a slow client shows. */
void fsc_table_hosts(FILE *out, const struct fsc_result *p, unsigned set,
		     bool iec)
{
	struct fsc_table tb = {
		.head = { "engine", "host", "ranks", iec ? "MiB/s" : "MB/s",
			  "slowest rank", "completed" },
		.ncols = 6,
	};
	size_t r = 0;

	if (p->nranks < 2)
		return;
	tb.cell = xcalloc(p->ntrials * p->nhosts, sizeof(*tb.cell));
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		char label[64], v[32];

		if (t->set != set || !t->done)
			continue;
		fsc_trial_label(t, label, sizeof(label));
		for (unsigned h = 0; h < p->nhosts; h++, r++) {
			struct fsc_host_result hr;
			struct fsc_host_medians m;

			fsc_round_host(p, &t->rounds[0], h, &hr);
			fsc_trial_host(p, t, h, &m);
			fsc_cell(&tb, r, 0, "%s", h ? "" : label);
			fsc_cell(&tb, r, 1, "%s", p->hosts[h]);
			fsc_cell(&tb, r, 2, "%u", hr.ranks);
			fsc_table_rate(v, sizeof(v), m.bytes_per_sec, iec);
			fsc_cell(&tb, r, 3, "%s", v);
			fsc_table_rate(v, sizeof(v), m.slowest_rank_bps, iec);
			fsc_cell(&tb, r, 4, "%s", v);
			fsc_cell(&tb, r, 5, "%.2f", m.completed);
		}
	}
	fputc('\n', out);
	fsc_say(out, "", "per host, median over rounds: its bytes from its "
	    "first open to its last close, its slowest rank, and the share of "
	    "its bytes written");
	finish(out, &tb, r);
}
