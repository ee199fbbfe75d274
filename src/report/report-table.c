/* report-table.c - the text report. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report-table.h"
#include "result/why.h"
#include "run/direct.h"
#include "run/labels.h"
#include "util/phases.h"
#include "util/progress.h"
#include "util/term.h"
#include "util/units.h"
#include "util/xalloc.h"

#define MAXCOLS 12

struct table {
	const char *head[MAXCOLS];
	size_t ncols, nrows;
	char (*cell)[MAXCOLS][48];
};

#define width fsc_text_width

static void cellf(struct table *tb, size_t row, size_t col, const char *fmt,
		  ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tb->cell[row][col], sizeof(tb->cell[row][col]), fmt, ap);
	va_end(ap);
}

/* The width the report's lines are wrapped to (fsc_term_width() of the
 * stream it goes to), set by each entry point. */
static unsigned cols = 80;

static void set_cols(FILE *out)
{
	cols = fsc_term_width(fileno(out));
}

/* One line of the report, wrapped to cols under lead ("note:   "). */
static void say(FILE *out, const char *lead, const char *fmt, ...)
{
	char text[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	fsc_wrap(out, cols, lead, text);
}

/* Append to buf, which holds *n bytes, within len. */
static void app(char *buf, size_t len, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*n >= len)
		return;
	va_start(ap, fmt);
	k = vsnprintf(buf + *n, len - *n, fmt, ap);
	va_end(ap);
	if (k > 0)
		*n = *n + (size_t)k < len ? *n + (size_t)k : len - 1;
}

static void print_table(FILE *out, const struct table *tb)
{
	size_t w[MAXCOLS];

	for (size_t c = 0; c < tb->ncols; c++) {
		w[c] = width(tb->head[c]);
		for (size_t r = 0; r < tb->nrows; r++)
			if (width(tb->cell[r][c]) > w[c])
				w[c] = width(tb->cell[r][c]);
	}
	for (size_t r = 0; r <= tb->nrows; r++) {
		for (size_t c = 0; c < tb->ncols; c++) {
			const char *s = r ? tb->cell[r - 1][c] : tb->head[c];
			size_t pad = w[c] - width(s);
			if (c == 0)
				fprintf(out, "%s%*s", s, (int)pad, "");
			else
				fprintf(out, "  %*s%s", (int)pad, "", s);
		}
		fputc('\n', out);
	}
}

/* A throughput in the table's unit, to about four significant digits. */
static void fmt_rate(char *buf, size_t len, double bps, bool iec)
{
	double v = fsc_rate_in_unit(bps, iec);

	snprintf(buf, len, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
}

/* "1234 (0.52)": a value and its ratio to the best row. */
static void rate_cell(struct table *tb, size_t r, size_t c, double bps,
		      double best, bool iec)
{
	char v[32];

	fmt_rate(v, sizeof(v), bps, iec);
	cellf(tb, r, c, "%s (%.2f)", v, best > 0 ? bps / best : 0.0);
}

static void target_lines(FILE *out, const struct fsc_target *t)
{
	const struct fsc_fingerprint *fp = &t->fp;
	const struct fsc_blockdev *b = &fp->bdev;
	char fr[32], dev[160], line[1024];
	size_t n = 0;

	if (t->size_unknown)
		say(out, "target: ", "%s: %s, no size reported (statvfs), so "
		    "free space is not checked", t->name, t->fstype);
	else
		say(out, "target: ", "%s: %s, %s free, %llu inodes free",
		    t->name, t->fstype, fsc_fmt_bytes(fr, sizeof(fr),
						      t->free_bytes, false),
		    (unsigned long long)t->free_inodes);
	if (fp->has_mount)
		say(out, "        ", "mount %s from %s (%s; %s)",
		    fp->mount.point, fp->mount.source, fp->mount.options,
		    fp->mount.super_options);
	if (fp->upper_dir)
		say(out, "        ", "overlay: writes go to %s (%s)",
		    fp->upper_dir, fp->upper_fstype[0] ? fp->upper_fstype :
		    "unknown: not reachable from here");
	if (!fp->has_bdev) {
		say(out, "        ", "device: none (%s)", fp->memory_backed ?
		    "memory" : "network or virtual file system");
		return;
	}
	app(line, sizeof(line), &n, "device: %s",
	    fsc_blockdev_label(b, dev, sizeof(dev)));
	if (b->model[0])
		app(line, sizeof(line), &n, " %s", b->model);
	if (b->rotational >= 0)
		app(line, sizeof(line), &n, ", %s", b->rotational ?
		    "rotational" : "non-rotational");
	if (b->scheduler[0])
		app(line, sizeof(line), &n, ", scheduler %s", b->scheduler);
	if (b->logical_block_size)
		app(line, sizeof(line), &n, ", %u-byte logical blocks",
		    b->logical_block_size);
	if (b->write_cache[0])
		app(line, sizeof(line), &n, ", %s cache", b->write_cache);
	if (b->numa_node >= 0)
		app(line, sizeof(line), &n, ", NUMA node %d", b->numa_node);
	if (b->backing_file[0])
		app(line, sizeof(line), &n, ", backed by %s", b->backing_file);
	say(out, "        ", "%s", line);
}

/* Under MPI: "ranks:  12 MPI ranks on 3 hosts: a (4), b (4), c (4)". */
static void ranks_line(FILE *out, const struct fsc_result *p)
{
	const unsigned shown = 8;
	char line[2048];
	size_t n = 0;

	app(line, sizeof(line), &n, "%u MPI ranks on %u host%s:", p->nranks,
	    p->nhosts, p->nhosts == 1 ? "" : "s");
	for (unsigned h = 0; h < p->nhosts && h < shown; h++) {
		unsigned k = 0;

		for (unsigned r = 0; r < p->nranks; r++)
			k += p->rank_host[r] == h;
		app(line, sizeof(line), &n, "%s %s (%u)", h ? "," : "",
		    p->hosts[h], k);
	}
	if (p->nhosts > shown)
		app(line, sizeof(line), &n, " and %u more", p->nhosts - shown);
	say(out, "ranks:  ", "%s; each writes the workload into a directory "
	    "of its own (the host and targets shown are rank 0's)", line);
}

/* Rates for the guess of how long a run takes (bytes/s): into memory or
 * the page cache, and through to a device that spins or does not. */
#define GUESS_CACHED 1.0e9
#define GUESS_ROTATIONAL 150e6
#define GUESS_SOLID 500e6

/* A rough guess of the seconds a run takes, from what each target is:
 * memory, or a page cache the trial fits in, or a device. */
static double guess_seconds(const struct fsc_result *p)
{
	const struct fsc_opts *o = p->opts;
	const struct fsc_dirty *d = &p->host.dirty;
	double secs = 0;

	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_set *s = &p->sets[p->trials[i].set];

		for (unsigned k = 0; k < s->ndirs; k++) {
			const struct fsc_target *tg = &p->targets[s->dirs[k]];
			uint64_t bytes = fsc_plan_bytes_on(p,
				p->trials[i].set, s->dirs[k]);
			bool cached = tg->fp.memory_backed ||
				(!o->direct && o->fsync == FSC_FSYNC_NONE &&
				 d->limit_bytes && o->files * o->size <
				 d->limit_bytes);
			double rate = cached ? GUESS_CACHED :
				tg->fp.bdev.rotational == 1 ?
				GUESS_ROTATIONAL : GUESS_SOLID;

			secs += (double)bytes / rate * (o->verify ? 2 : 1);
		}
	}
	return secs * (o->warmup + o->rounds);
}

/* "run:    40 trials of 80 MiB, 3.4 GB written in all; about 20 s (a
 * guess)": before the first write. */
static void run_line(FILE *out, const struct fsc_result *p)
{
	const struct fsc_opts *o = p->opts;
	unsigned trials = (unsigned)p->ntrials * (o->warmup + o->rounds);
	uint64_t each = o->files * o->size;
	char one[32], all[32], secs[32];

	say(out, "run:    ", "%s%u trial%s of %s, %s written%s%s; about %s "
	    "(a guess)%s", o->rounds_auto ? "at least " : "", trials,
	    trials == 1 ? "" : "s",
	    fsc_fmt_bytes(one, sizeof(one), each, true),
	    fsc_fmt_bytes(all, sizeof(all), (uint64_t)trials * each *
			  (p->nranks > 1 ? p->nranks : 1), o->iec),
	    o->rounds_auto ? "" : " in all",
	    p->nranks > 1 ? " by all ranks" : "",
	    fsc_fmt_duration(secs, sizeof(secs), guess_seconds(p)),
	    o->rounds_auto ? "; then more rounds while a verdict is "
	    "inconclusive, within the budget" : "");
}

/* "3 rounds", or "3 rounds or more until decisive (budget 20 s, 8 GB)". */
static char *rounds_planned(char *buf, size_t len, const struct fsc_opts *o)
{
	char secs[32] = "", bytes[32] = "";

	if (!o->rounds_auto) {
		snprintf(buf, len, "%u round%s", o->rounds,
			 o->rounds == 1 ? "" : "s");
		return buf;
	}
	if (o->budget_ns)
		snprintf(secs, sizeof(secs), "%g s",
			 (double)o->budget_ns / 1e9);
	if (o->budget_bytes)
		fsc_fmt_bytes(bytes, sizeof(bytes), o->budget_bytes,
			      o->iec);
	snprintf(buf, len, "%u rounds or more until decisive (budget %s%s%s)",
		 o->rounds, secs, secs[0] && bytes[0] ? ", " : "", bytes);
	return buf;
}

void fsc_report_header(FILE *out, const struct fsc_result *p)
{
	const struct fsc_opts *o = p->opts;
	const struct fsc_host *h = &p->host;
	char size[32], bs[32], mem[32], lim[32], able[32], wall[48];
	char rounds[128];

	set_cols(out);
	wall[0] = '\0';
	if (o->stonewall_ns)
		snprintf(wall, sizeof(wall), ", stonewall %g s",
			 (double)o->stonewall_ns / 1e9);
	say(out, "", "fsconc %s: %llu files \u00d7 %s, block %s, mode %s, "
	    "fsync %s%s%s%s; %s + %u warm-up", PACKAGE_VERSION,
	    (unsigned long long)o->files,
	    fsc_fmt_size(size, sizeof(size), o->size),
	    fsc_fmt_size(bs, sizeof(bs), o->block_size),
	    fsc_mode_name(o->mode), fsc_fsync_name(o->fsync),
	    o->direct ? ", O_DIRECT" : o->dontcache ? ", uncached" : "",
	    o->verify ? ", verified" : "",
	    wall, rounds_planned(rounds, sizeof(rounds), o), o->warmup);
	say(out, "host:   ", "%s: %s, %u core%s (%u PU%s), %u NUMA node%s, "
	    "%s memory, %s", h->hostname, h->cpu_model, h->cores,
	    h->cores == 1 ? "" : "s", h->pus, h->pus == 1 ? "" : "s",
	    h->numa_nodes, h->numa_nodes == 1 ? "" : "s",
	    fsc_fmt_bytes(mem, sizeof(mem), h->memory_bytes, true),
	    h->kernel);
	if (strcmp(h->topology, "hwloc") != 0)
		say(out, "        ", "topology from %s", h->topology);
	if (h->dirty.limit_bytes) {
		fsc_fmt_bytes(lim, sizeof(lim), h->dirty.limit_bytes, true);
		fsc_fmt_bytes(able, sizeof(able), h->dirty.dirtyable_bytes,
			      true);
		if (h->dirty.dirty_bytes)
			say(out, "        ", "dirty page-cache limit %s "
			    "(vm.dirty_bytes)", lim);
		else
			say(out, "        ", "dirty page-cache limit %s "
			    "(vm.dirty_ratio %u%% of %s dirtyable)", lim,
			    h->dirty.dirty_ratio, able);
	}
	if (p->nranks > 1)
		ranks_line(out, p);
	if (o->bind != FSC_BIND_NONE && !fsc_topo_pins())
		say(out, "bind:   ", "%s: off: the topology, from %s, is not "
		    "this machine's, so no writer is pinned", fsc_bind_name(
		    o->bind), h->topology);
	else if (o->bind != FSC_BIND_NONE)
		say(out, "bind:   ", "%s: writer k on the %s",
		    fsc_bind_name(o->bind), o->bind == FSC_BIND_CORE ?
		    "k-th core, round robin (the device's NUMA node first)"
		    : "NUMA node of the target's device, else the k-th node");
	for (size_t i = 0; i < p->ntargets; i++)
		target_lines(out, &p->targets[i]);
	run_line(out, p);
	if (p->default_note && p->ntargets > 1)
		say(out, "note:   ", "no --dir given: comparing %s with "
		    "/dev/shm", p->targets[0].name);
	else if (p->default_note)
		say(out, "note:   ", "no --dir given: measuring %s alone (%s)",
		    p->targets[0].name, p->default_note);
	for (size_t i = 0; i < p->nskipped; i++)
		say(out, "skip:   ", "%s: %s", p->skipped[i].engine,
		    p->skipped[i].why);
	for (size_t i = 0; i < p->nwarnings; i++)
		say(out, "warning: ", "%s", p->warnings[i].text);
}

/* Does the hint of an inconclusive verdict blame the machine's noise:
 * more rounds than FSC_ROUNDS_NOISY needed, or none would do and the
 * rounds spread wide? */
static bool said_noisy(const struct fsc_decision *d)
{
	return d->verdict == FSC_INCONCLUSIVE &&
		(d->need > FSC_ROUNDS_NOISY ||
		 (!d->need && d->spread > FSC_NOISY_SPREAD));
}

/* What would decide an inconclusive verdict: more rounds, or nothing
 * this machine can give, or nothing at all (the point is on an edge). */
static void verdict_hint(char *buf, size_t len, const struct fsc_decision *d)
{
	if (said_noisy(d))
		snprintf(buf, len, "; the machine is too noisy: rounds vary "
			 "%.0f%%", d->spread * 100);
	else if (!d->need)
		snprintf(buf, len, "; it lies on the edge of %.2f or %.2f, "
			 "where no count of rounds would decide it",
			 FSC_EQUIV_LOW, FSC_EQUIV_HIGH);
	else
		snprintf(buf, len, "; \u2248 %zu more round%s would decide it",
			 d->need - d->rounds, d->need - d->rounds == 1 ? "" :
			 "s");
}

/* When the rounds spread wide or the machine was busy while pwrite ran
 * (one thread: a stall there is someone else's), the figures. */
static void noise_note(char *buf, size_t len, const struct fsc_result *p,
		       unsigned set)
{
	const struct fsc_trial_result *b = fsc_result_baseline(p, set);
	const struct fsc_decision *d = &p->sets[set].verdict;
	const struct fsc_noise *n = &b->noise;
	const char *sep = "";
	size_t used;

	buf[0] = '\0';
	if (!(d->spread > FSC_NOISY_SPREAD) &&
	    !(n->psi[FSC_PSI_CPU] >= FSC_BUSY_STALL) &&
	    !(n->steal >= FSC_BUSY_STEAL))
		return;
	used = (size_t)snprintf(buf, len, "; the machine was busy:");
	if (!said_noisy(d)) {
		used += (size_t)snprintf(buf + used, len - used, " rounds vary "
					 "%.0f%%", d->spread * 100);
		sep = ",";
	}
	if (!isnan(n->load) && used < len) {
		used += (size_t)snprintf(buf + used, len - used, "%s load %.1f "
					 "on %u CPUs", sep, n->load,
					 p->host.pus);
		sep = ",";
	}
	if (!isnan(n->psi[FSC_PSI_CPU]) && used < len) {
		used += (size_t)snprintf(buf + used, len - used, "%s CPU stall "
					 "%.0f%%", sep,
					 n->psi[FSC_PSI_CPU] * 100);
		sep = ",";
	}
	if (!isnan(n->steal) && used < len) {
		snprintf(buf + used, len - used, "%s steal %.0f%%", sep,
			 n->steal * 100);
		sep = ",";
	}
	if (!*sep)		/* nothing to add to the hint */
		buf[0] = '\0';
}

bool fsc_report_verdict(char *buf, size_t len, const struct fsc_result *p,
			unsigned set)
{
	const struct fsc_trial_result *best = fsc_result_best(p, set);
	const struct fsc_decision *d = &p->sets[set].verdict;
	char label[64], where[512], fs[256], hint[160], conf[64], busy[160];
	char reason[300];
	struct fsc_why_in in;
	struct fsc_why why;

	if (!fsc_result_baseline(p, set) || !best)
		return false;
	fsc_set_label(p, set, where, sizeof(where));
	fsc_set_fstypes(p, set, fs, sizeof(fs));
	fsc_trial_label(best, label, sizeof(label));
	if (d->rounds < FSC_VERDICT_MIN_ROUNDS) {
		snprintf(buf, len, "too few rounds for a verdict on %s (%s): %s "
			 "is %.2f\u00d7 pwrite in %zu round%s; use --rounds %d or "
			 "more", where, fs, label, d->speedup.value,
			 d->rounds, d->rounds == 1 ? "" : "s",
			 FSC_VERDICT_MIN_ROUNDS);
		return true;
	}
	hint[0] = '\0';
	if (d->verdict == FSC_INCONCLUSIVE)
		verdict_hint(hint, sizeof(hint), d);
	/* The reason (fsconc(1), WHY). */
	fsc_why_gather(p, set, &in);
	fsc_why_decide(&in, &why);
	if (why.rule == FSC_WHY_NONE)
		snprintf(reason, sizeof(reason), "; %s", why.text);
	else
		snprintf(reason, sizeof(reason), ", because %s", why.text);
	noise_note(busy, sizeof(busy), p, set);
	/* The noise rule, when the note gives the machine's figures: the
	 * note is the reason. */
	if (why.rule == FSC_WHY_NOISE && busy[0]) {
		snprintf(reason, sizeof(reason), ", because%s", busy + 1);
		busy[0] = '\0';
	}
	/* The confidence, when corrected for the choice among several. */
	conf[0] = '\0';
	if (d->k > 1)
		snprintf(conf, sizeof(conf), " (%.1f%%, best of %zu)",
			 100 * (1 - d->alpha), d->k);
	snprintf(buf, len, "%s on %s (%s): %s is %.2f\u00d7 pwrite "
		 "[%.2f\u2013%.2f]%s over %zu rounds%s%s%s",
		 fsc_verdict_name(d->verdict), where, fs, label,
		 d->speedup.value, d->speedup.low, d->speedup.high, conf,
		 d->rounds, reason, hint, busy);
	return true;
}

/* --size 0, --wide: the aggregate columns in files/s, those of data
 * "-". */
static void files_cells(struct table *tb, size_t r,
			const struct fsc_trial_result *t, const double *best)
{
	const double v[5] = { 0, t->agg.min, t->agg.median, t->agg.max,
			      t->agg.stddev };

	for (int c = 1; c < 5; c++)
		cellf(tb, r, (size_t)c, "%.*f (%.2f)", v[c] < 10 ? 1 : 0,
		      v[c], best[c] > 0 ? v[c] / best[c] : 1.0);
	for (int c = 5; c < 9; c++)
		cellf(tb, r, (size_t)c, "-");
}

static void throughput_table(FILE *out, const struct fsc_result *p,
			     unsigned set, bool iec)
{
	struct table tb = {
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
		cellf(&tb, r, 0, "%s", fsc_trial_label(t, label, sizeof(label)));
		rate_cell(&tb, r, 1, t->agg.min, best[1], iec);
		rate_cell(&tb, r, 2, t->agg.median, best[2], iec);
		rate_cell(&tb, r, 3, t->agg.max, best[3], iec);
		{
			char v[32];
			fmt_rate(v, sizeof(v), t->agg.stddev, iec);
			cellf(&tb, r, 4, "%s (%.2f)", v, best[4] > 0 ?
			      t->agg.stddev / best[4] : 1.0);
		}
		rate_cell(&tb, r, 5, t->file.min, best[5], iec);
		rate_cell(&tb, r, 6, t->file.median, best[6], iec);
		rate_cell(&tb, r, 7, t->file.max, best[7], iec);
		cellf(&tb, r, 8, "%.3f (%.2f)", t->cpu_s_per_gib, best[8] > 0 ?
		      t->cpu_s_per_gib / best[8] : 1.0);
		if (!p->opts->size)	/* --size 0: files/s, no data */
			files_cells(&tb, r, t, best);
		if (t->has_speedup)
			cellf(&tb, r, 9, "%.2f [%.2f\u2013%.2f]",
			      t->speedup.value, t->speedup.low,
			      t->speedup.high);
		else
			cellf(&tb, r, 9, "-");
		r++;
	}
	tb.nrows = r;
	print_table(out, &tb);
	free(tb.cell);
}

static double median_of(const struct fsc_trial_result *t, size_t off)
{
	double v[1024];
	unsigned n = t->done < 1024 ? t->done : 1024;

	for (unsigned r = 0; r < n; r++)
		v[r] = *(const double *)((const char *)&t->rounds[r] + off);
	return fsc_median(v, n);
}

static double median_latency(const struct fsc_trial_result *t, int q)
{
	double v[1024];
	unsigned n = t->done < 1024 ? t->done : 1024;

	for (unsigned r = 0; r < n; r++)
		v[r] = (double)t->rounds[r].latency_ns[q];
	return fsc_median(v, n);
}

/* The default table, within 80 columns: the figures that answer the
 * question, medians over rounds (--wide: every column). */
static void compact_table(FILE *out, const struct fsc_result *p, unsigned set,
			  bool iec)
{
	struct table tb = {
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
		double us;

		if (t->set != set || !t->done)
			continue;
		cellf(&tb, r, 0, "%s", fsc_trial_label(t, label, sizeof(label)));
		if (!p->opts->size)	/* --size 0: files/s, no data */
			snprintf(v, sizeof(v), "%.*f", t->agg.median < 10 ?
				 1 : 0, t->agg.median);
		else
			fmt_rate(v, sizeof(v), t->agg.median, iec);
		cellf(&tb, r, 1, "%s", v);
		if (!p->opts->size) {
			cellf(&tb, r, 3, "-");
			cellf(&tb, r, 4, "-");
			cellf(&tb, r, 5, "-");
		}
		if (t->has_speedup)
			cellf(&tb, r, 2, "%.2f [%.2f\u2013%.2f]",
			      t->speedup.value, t->speedup.low,
			      t->speedup.high);
		else
			cellf(&tb, r, 2, "-");
		if (!p->opts->size) {
			r++;
			continue;
		}
		fmt_rate(v, sizeof(v), t->file.median, iec);
		cellf(&tb, r, 3, "%s", v);
		us = median_latency(t, FSC_P99) / 1e3;
		cellf(&tb, r, 4, us >= 100 ? "%.0f" : us >= 10 ? "%.1f" :
		      "%.2f", us);
		cellf(&tb, r, 5, "%.3f", t->cpu_s_per_gib);
		r++;
	}
	tb.nrows = r;
	print_table(out, &tb);
	free(tb.cell);
}

static void latency_table(FILE *out, const struct fsc_result *p, unsigned set)
{
	struct table tb = {
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
		cellf(&tb, r, 0, "%s", fsc_trial_label(t, label, sizeof(label)));
		for (int q = 0; q < FSC_NPCT; q++) {
			double us = median_latency(t, q) / 1e3;
			cellf(&tb, r, 1 + (size_t)q, us >= 100 ? "%.0f" :
			      us >= 10 ? "%.1f" : "%.2f", us);
		}
		cellf(&tb, r, 6, "%.2f", median_of(t, offsetof(struct fsc_round,
							       achieved_depth)));
		cellf(&tb, r, 7, "%.2f", median_of(t, offsetof(struct fsc_round,
							       submit_share)));
		r++;
	}
	tb.nrows = r;
	print_table(out, &tb);
	free(tb.cell);
}

/* Under the table: which async engines ran synchronously, and why (the
 * depth they show is then writes waiting to be reaped, not writes the
 * device had in hand); once per engine and set, naming its jobs levels. */
static void sync_notes(FILE *out, const struct fsc_result *p, unsigned set)
{
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		const struct fsc_engine *e = t->engine;
		double lo = 2, hi = -1;
		char labels[512];
		size_t n = 0;
		bool first = true;

		if (t->set != set || !t->done || !e->async)
			continue;
		/* Said at this engine's first trial in the set only. */
		for (size_t k = 0; k < i && first; k++)
			first = !(p->trials[k].set == set &&
				  p->trials[k].engine == e &&
				  p->trials[k].done);
		if (!first)
			continue;
		labels[0] = '\0';
		for (size_t k = i; k < p->ntrials; k++) {
			const struct fsc_trial_result *u = &p->trials[k];
			double share;
			char label[64];

			if (u->set != set || u->engine != e || !u->done)
				continue;
			share = median_of(u, offsetof(struct fsc_round,
						      submit_share));
			if (!(share > FSC_SYNC_SHARE))
				continue;
			if (!n)
				app(labels, sizeof(labels), &n, "%s",
				    fsc_trial_label(u, label, sizeof(label)));
			else
				app(labels, sizeof(labels), &n, ", \u00d7%u",
				    u->jobs);
			lo = share < lo ? share : lo;
			hi = share > hi ? share : hi;
		}
		if (!n)
			continue;
		{
			char pct[32];

			if (hi - lo < 0.005)
				snprintf(pct, sizeof(pct), "%.0f%%", hi * 100);
			else
				snprintf(pct, sizeof(pct), "%.0f\u2013%.0f%%",
					 lo * 100, hi * 100);
			say(out, "note:   ", "%s spent %s of the trial inside "
			    "%s: it ran synchronously%s; %s", labels, pct,
			    e->submit_call ? e->submit_call :
			    "its submit call", p->opts->wide ? ", and its depth "
			    "counts writes already done but not yet reaped" : "",
			    e->sync_note ? e->sync_note :
			    "the writes were done there");
		}
	}
}

/* io_uring hands a buffered write that would block to a kernel worker
 * (io-wq), outside fsconc's thread: how many served each trial of the
 * set, sampled (fsconc(1), io_uring), the most over its rounds. */
static void kworker_notes(FILE *out, const struct fsc_result *p, unsigned set)
{
	char labels[512];
	size_t n = 0;

	labels[0] = '\0';
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		unsigned served = 0, peak = 0;
		char label[64];

		if (t->set != set)
			continue;
		for (unsigned r = 0; r < t->done; r++) {
			const struct fsc_round *rd = &t->rounds[r];

			if (!rd->kworkers_sampled)
				continue;
			served = rd->kworkers > served ? rd->kworkers : served;
			peak = rd->kworkers_peak > peak ? rd->kworkers_peak :
				peak;
		}
		if (!served)
			continue;
		app(labels, sizeof(labels), &n, "%s%s: %llu writes in flight "
		    "handed to %u kernel worker%s", n ? "; " : "",
		    fsc_trial_label(t, label, sizeof(label)),
		    (unsigned long long)fsc_plan_trial_blocks(p, t), served,
		    served == 1 ? "" : "s");
		if (peak < served)
			app(labels, sizeof(labels), &n, " (%u at once)", peak);
	}
	if (n)
		say(out, "note:   ", "kernel workers (io-wq) ran the writes "
		    "that would block: %s, contending for %u CPU%s with "
		    "fsconc's thread", labels, p->host.pus,
		    p->host.pus == 1 ? "" : "s");
}

/* The share of its planned bytes a trial wrote, median over rounds. */
static double completed(const struct fsc_trial_result *t)
{
	double v[1024];
	unsigned n = t->done < 1024 ? t->done : 1024;

	for (unsigned r = 0; r < n; r++)
		v[r] = t->rounds[r].planned_bytes ?
			(double)t->rounds[r].bytes /
			(double)t->rounds[r].planned_bytes : 1.0;
	return fsc_median(v, n);
}

/* --stonewall: which trials the wall stopped, and how far they got; their
 * rates cover only that part. */
static void wall_notes(FILE *out, const struct fsc_result *p, unsigned set)
{
	char label[64], planned[32];

	if (!p->opts->stonewall_ns)
		return;
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		double c;

		if (t->set != set || !t->done || (c = completed(t)) >= 1.0)
			continue;
		say(out, "note:   ", "stonewall: %s wrote %.0f%% of its %s "
		    "(median over rounds) before the wall; its figures cover "
		    "that part", fsc_trial_label(t, label, sizeof(label)),
		    c * 100, fsc_fmt_bytes(planned, sizeof(planned),
					   t->rounds[0].planned_bytes,
					   p->opts->iec));
	}
}

/* --direct on tmpfs: accepted (Linux 6.6 on), but nothing is bypassed;
 * said once, by the header's warning when it names the target (a memory
 * file system), else here. */
static void direct_notes(FILE *out, const struct fsc_result *p, unsigned set)
{
	const struct fsc_set *s = &p->sets[set];

	if (!p->opts->direct)
		return;
	for (unsigned d = 0; d < s->ndirs; d++) {
		const struct fsc_target *tg = &p->targets[s->dirs[d]];

		if (fsc_direct_cached(tg->fsmagic) && !tg->fp.memory_backed)
			say(out, "note:   ", "%s (%s) took O_DIRECT but keeps "
			    "the data in memory all the same: its figures are "
			    "not direct I/O", tg->name, tg->fstype);
	}
}

static double median_host(const struct fsc_result *p,
			  const struct fsc_trial_result *t, unsigned h, int what)
{
	double v[1024];
	unsigned n = t->done < 1024 ? t->done : 1024;

	for (unsigned r = 0; r < n; r++) {
		struct fsc_host_result hr;

		fsc_round_host(p, &t->rounds[r], h, &hr);
		v[r] = what == 0 ? hr.bytes_per_sec : what == 1 ?
			hr.slowest_rank_bps : hr.planned_bytes ?
			(double)hr.bytes / (double)hr.planned_bytes : 1.0;
	}
	return fsc_median(v, n);
}

/* Under MPI: each host's part of each trial, so a slow client shows. */
static void host_table(FILE *out, const struct fsc_result *p, unsigned set,
		       bool iec)
{
	struct table tb = {
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

			fsc_round_host(p, &t->rounds[0], h, &hr);
			cellf(&tb, r, 0, "%s", h ? "" : label);
			cellf(&tb, r, 1, "%s", p->hosts[h]);
			cellf(&tb, r, 2, "%u", hr.ranks);
			fmt_rate(v, sizeof(v), median_host(p, t, h, 0), iec);
			cellf(&tb, r, 3, "%s", v);
			fmt_rate(v, sizeof(v), median_host(p, t, h, 1), iec);
			cellf(&tb, r, 4, "%s", v);
			cellf(&tb, r, 5, "%.2f", median_host(p, t, h, 2));
		}
	}
	tb.nrows = r;
	fputc('\n', out);
	say(out, "", "per host, median over rounds: its bytes from its first "
	    "open to its last close, its slowest rank, and the share of its "
	    "bytes written");
	print_table(out, &tb);
	free(tb.cell);
}

/* Under MPI: how far off a span may be, the largest bound of any round. */
static void skew_note(FILE *out, const struct fsc_result *p)
{
	uint64_t skew = 0;

	if (p->nranks < 2)
		return;
	for (size_t i = 0; i < p->ntrials; i++)
		for (unsigned r = 0; r < p->trials[i].done; r++)
			if (p->trials[i].rounds[r].barrier_skew_ns > skew)
				skew = p->trials[i].rounds[r].barrier_skew_ns;
	fputc('\n', out);
	say(out, "note:   ", "every rank's times count from its release from "
	    "a barrier before each trial, so hosts' clocks need not agree; "
	    "the ranks left it at most %.1f \u00b5s apart (largest bound of "
	    "any round), and each aggregate's span is exact to within that",
	    (double)skew / 1e3);
}

static void dd_lines(FILE *out, const struct fsc_result *p, unsigned set)
{
	char label[64], line[256];

	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];

		if (t->set != set)
			continue;
		for (unsigned r = 0; r < t->done; r++) {
			fprintf(out, "dd-style, %s, round %u:\n",
				fsc_trial_label(t, label, sizeof(label)), r + 1);
			for (size_t f = 0; f < t->rounds[r].nfiles; f++) {
				const struct fsc_file_result *fr =
					&t->rounds[r].files[f];
				fprintf(out, "%s\n", fsc_fmt_dd(line,
					sizeof(line), fr->bytes,
					fr->t_done - fr->t_open));
			}
		}
	}
}

char *fsc_report_model(char *buf, size_t len, const struct fsc_result *p,
		       const struct fsc_model *m)
{
	char where[512], desc[512];

	fsc_set_label(p, m->set, where, sizeof(where));
	if (m->fitted && !p->opts->size)	/* --size 0: in files/s */
		snprintf(buf, len, "%s on %s: %s", m->engine->name, where,
			 fsc_usl_describe_files(desc, sizeof(desc), &m->usl,
						m->max_jobs));
	else if (m->fitted)
		snprintf(buf, len, "%s on %s: %s", m->engine->name, where,
			 fsc_usl_describe(desc, sizeof(desc), &m->usl,
					  m->max_jobs, p->opts->iec));
	else
		snprintf(buf, len, "%s on %s: no model: %s", m->engine->name,
			 where, m->why);
	return buf;
}

void fsc_report_quiet(FILE *out, const struct fsc_result *p)
{
	const struct fsc_opts *o = p->opts;
	char where[512], fs[256], label[64], rate[32];

	set_cols(out);
	for (unsigned s = 0; s < p->nsets; s++) {
		const struct fsc_trial_result *top = NULL;
		char line[1024];

		if (o->dd)
			dd_lines(out, p, s);
		if (fsc_report_verdict(line, sizeof(line), p, s)) {
			say(out, "verdict: ", "%s", line);
			continue;
		}
		/* No verdict (pwrite alone, or no pwrite): what was measured. */
		for (size_t i = 0; i < p->ntrials; i++)
			if (p->trials[i].set == s && p->trials[i].done &&
			    (!top || p->trials[i].agg.median > top->agg.median))
				top = &p->trials[i];
		if (!top)
			continue;
		if (!o->size)	/* --size 0: files/s */
			snprintf(rate, sizeof(rate), "%.0f files/s",
				 top->agg.median);
		else
			fsc_fmt_rate(rate, sizeof(rate), top->agg.median,
				     o->iec);
		say(out, "summary: ", "%s (%s): %s wrote at %s (median of %u "
		    "round%s); no verdict, which needs pwrite and a concurrent "
		    "engine", fsc_set_label(p, s, where, sizeof(where)),
		    fsc_set_fstypes(p, s, fs, sizeof(fs)),
		    fsc_trial_label(top, label, sizeof(label)), rate, top->done,
		    top->done == 1 ? "" : "s");
	}
}

void fsc_report_verdicts(FILE *out, const struct fsc_result *p, unsigned set)
{
	char line[1024];

	set_cols(out);
	if (fsc_report_verdict(line, sizeof(line), p, set))
		say(out, "verdict: ", "%s", line);
}

/* The rounds disturbed far beyond their trial's others: named, and kept
 * in the figures. */
static void disturbed_notes(FILE *out, const struct fsc_result *p,
			    unsigned set)
{
	char label[64];

	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];

		if (t->set != set || !t->disturbed)
			continue;
		for (unsigned r = 0; r < t->done; r++)
			if (t->rounds[r].disturbed)
				say(out, "note:   ", "round %u of %s was "
				    "disturbed: %.0f%% of its time lost to "
				    "stalls or steal, against %.0f%% typical "
				    "of its rounds; kept in the figures", r + 1,
				    fsc_trial_label(t, label, sizeof(label)),
				    fsc_noise_level(&t->rounds[r].noise) * 100,
				    fsc_noise_level(&t->noise) * 100);
	}
}

/* The disks under the set, each trial's medians: one figure a trial
 * (fsconc(1), WHY). */
static void device_notes(FILE *out, const struct fsc_result *p, unsigned set)
{
	char line[2048], label[64], devs[512];
	size_t used = 0;

	line[0] = '\0';
	for (size_t i = 0; i < p->ntrials && used < sizeof(line); i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		struct fsc_trial_why w;

		if (t->set != set || !t->done)
			continue;
		fsc_why_trial(t, &w);
		if (!w.ndev)
			continue;
		used += (size_t)snprintf(line + used, sizeof(line) - used,
					 "%s%s %s", used ? "; " : "",
					 fsc_trial_label(t, label, sizeof(label)),
					 fsc_why_devices(devs, sizeof(devs), &w,
							 p->opts->iec));
	}
	if (used)
		say(out, "device: ", "%s", line);
}

/* The CPUs each trial's writers kept busy, of those they could use
 * (fsconc(1), WHY). */
static void cpu_notes(FILE *out, const struct fsc_result *p, unsigned set)
{
	char line[2048], label[64], cpus[64];
	size_t used = 0;

	for (size_t i = 0; i < p->ntrials && used < sizeof(line); i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		struct fsc_trial_why w;

		if (t->set != set || !t->done)
			continue;
		fsc_why_trial(t, &w);
		if (!*fsc_why_cpus(cpus, sizeof(cpus), &w))
			continue;
		used += (size_t)snprintf(line + used, sizeof(line) - used,
					 "%s%s %s", used ? "; " : "",
					 fsc_trial_label(t, label, sizeof(label)),
					 cpus);
	}
	if (used)
		say(out, "cpu:    ", "%s", line);
}

/* Small files (fsconc(1), MEASUREMENTS): each trial's aggregate in
 * files/s, the median over rounds, beside the table's MB/s. */
static void files_line(FILE *out, const struct fsc_result *p, unsigned set)
{
	char line[2048], label[64];
	size_t used = 0;

	/* --size 0: the table is in files/s already. */
	if (p->opts->size >= FSC_SMALL_FILE || !p->opts->size)
		return;
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		double v = t->files_ps.median;

		if (t->set != set || !t->done)
			continue;
		app(line, sizeof(line), &used, "%s%s %.*f", used ? "; " : "",
		    fsc_trial_label(t, label, sizeof(label)),
		    v < 10 ? 1 : 0, v);
	}
	if (used)
		say(out, "files/s: ", "%s (medians over rounds)", line);
}

/* Each phase of a trial (fsconc(1), MEASUREMENTS), summed over its files
 * and counted rounds. */
static void trial_phases(const struct fsc_trial_result *t,
			 uint64_t sum[FSC_NPHASE])
{
	memset(sum, 0, FSC_NPHASE * sizeof(*sum));
	for (unsigned r = 0; r < t->done; r++)
		for (int k = 0; k < FSC_NPHASE; k++)
			sum[k] += t->rounds[r].phases.sum_ns[k];
}

/* Is phase k part of this workload?  Truncate with --mode truncate, fsync
 * with --fsync end (--fsync each syncs inside the write phase). */
static bool phase_shown(const struct fsc_opts *o, int k)
{
	if (k == FSC_PHASE_TRUNCATE)
		return o->mode == FSC_MODE_TRUNCATE;
	if (k == FSC_PHASE_FSYNC)
		return o->fsync == FSC_FSYNC_END;
	return true;
}

/* Where each trial's file time went, as shares of the files' open-to-
 * close time (no-break spaces keep a phase, its share and the separator
 * after it on one line when the line wraps), and a note where one phase other than write holds more
 * than half of it. */
static void phase_notes(FILE *out, const struct fsc_result *p, unsigned set)
{
	char line[2048], label[64];
	size_t used = 0;

	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		uint64_t sum[FSC_NPHASE], total = 0;
		bool first = true;

		if (t->set != set || !t->done)
			continue;
		trial_phases(t, sum);
		for (int k = 0; k < FSC_NPHASE; k++)
			total += sum[k];
		if (!total)
			continue;
		app(line, sizeof(line), &used, "%s%s", used ? "; " : "",
		    fsc_trial_label(t, label, sizeof(label)));
		for (int k = 0; k < FSC_NPHASE; k++) {
			if (!phase_shown(p->opts, k))
				continue;
			app(line, sizeof(line), &used, "%s%s\u00a0%.0f%%",
			    first ? " " : "\u00a0\u00b7 ", fsc_phase_name(k),
			    100.0 * (double)sum[k] / (double)total);
			first = false;
		}
	}
	if (used)
		say(out, "phases: ", "%s", line);
	/* One sentence per phase that dominates, naming its trials. */
	for (int k = 0; k < FSC_NPHASE; k++) {
		unsigned n = 0;

		used = 0;
		for (size_t i = 0; i < p->ntrials; i++) {
			const struct fsc_trial_result *t = &p->trials[i];
			uint64_t sum[FSC_NPHASE], total = 0;

			if (t->set != set || !t->done)
				continue;
			trial_phases(t, sum);
			if (fsc_phases_dominant(sum) != k)
				continue;
			for (int q = 0; q < FSC_NPHASE; q++)
				total += sum[q];
			app(line, sizeof(line), &used, "%s%s (%.0f%%)",
			    used ? ", " : "",
			    fsc_trial_label(t, label, sizeof(label)),
			    100.0 * (double)sum[k] / (double)total);
			n++;
		}
		/* --size 0 writes nothing for a phase to outweigh. */
		if (n && p->opts->size)
			say(out, "note:   ", "%s took over half of the files' "
			    "open-to-close time in %s: %s %s more than writing",
			    line, fsc_phase_name(k), n > 1 ? "their rates measure"
			    : "its rate measures", fsc_phase_name(k));
	}
}

/* How many counted rounds ran, and why no more. */
static void rounds_line(FILE *out, const struct fsc_result *p)
{
	unsigned n = 0;

	for (size_t i = 0; i < p->ntrials; i++)
		if (p->trials[i].done > n)
			n = p->trials[i].done;
	fputc('\n', out);
	say(out, "rounds: ", "%u counted round%s, then stopped: %s", n,
	    n == 1 ? "" : "s", fsc_stop_text(p->stopped));
}

void fsc_report_tables(FILE *out, const struct fsc_result *p)
{
	const struct fsc_opts *o = p->opts;
	char where[512], fs[256], line[1024];

	set_cols(out);
	for (unsigned s = 0; s < p->nsets; s++) {
		fputc('\n', out);
		if (o->wide)
			say(out, "", "%s (%s)%s: throughput in %s, each with its "
			    "ratio to the best row", fsc_set_label(p, s, where,
			    sizeof(where)), fsc_set_fstypes(p, s, fs,
			    sizeof(fs)), p->sets[s].ndirs > 1 ? ", split" : "",
			    !o->size ? "files/s" : o->iec ? "MiB/s" : "MB/s");
		else
			say(out, "", "%s (%s)%s: throughput in %s, medians over "
			    "rounds", fsc_set_label(p, s, where, sizeof(where)),
			    fsc_set_fstypes(p, s, fs, sizeof(fs)),
			    p->sets[s].ndirs > 1 ? ", split" : "",
			    !o->size ? "files/s" : o->iec ? "MiB/s" : "MB/s");
		if (o->wide) {
			throughput_table(out, p, s, o->iec);
			wall_notes(out, p, s);
			fputc('\n', out);
			latency_table(out, p, s);
		} else {
			compact_table(out, p, s, o->iec);
			wall_notes(out, p, s);
		}
		files_line(out, p, s);
		sync_notes(out, p, s);
		direct_notes(out, p, s);
		kworker_notes(out, p, s);
		if (o->dd)
			dd_lines(out, p, s);
		host_table(out, p, s, o->iec);
		disturbed_notes(out, p, s);
		device_notes(out, p, s);
		cpu_notes(out, p, s);
		phase_notes(out, p, s);
		fsc_report_verdicts(out, p, s);
		for (size_t i = 0; i < p->nmodels; i++)
			if (p->models[i].set == s)
				say(out, "model: ", "%s", fsc_report_model(
				    line, sizeof(line), p, &p->models[i]));
	}
	rounds_line(out, p);
	skew_note(out, p);
	fsc_report_kept(out, p);
}

void fsc_report_kept(FILE *out, const struct fsc_result *p)
{
	const char *line = p->kept_elsewhere;

	set_cols(out);
	for (size_t i = 0; p->opts->keep && i < p->ntargets; i++)
		if (p->targets[i].rundir)
			say(out, "kept: ", "%s", p->targets[i].rundir);
	/* Under MPI, the other ranks' directories, on their hosts. */
	while (line && *line) {
		int n = (int)strcspn(line, "\n");

		say(out, "kept: ", "%.*s", n, line);
		line += n + (line[n] == '\n');
	}
}
