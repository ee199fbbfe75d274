/* notes.c - the lines under a target set's table in the text report,
 * and after the last set (fsconc(1), OUTPUT). */
#include "config.h"

#include <stdio.h>

#include "report/layout.h"
#include "report/notes.h"
#include "result/labels.h"
#include "result/timeline.h"
#include "result/why.h"
#include "run/direct.h"
#include "run/rundir.h"
#include "util/phases.h"
#include "util/units.h"

/* Under the table: which async engines ran synchronously, and why (the
 * depth they show is then writes waiting to be reaped, not writes the
 * device had in hand); once per engine and set, naming its jobs levels. */
void fsc_notes_sync(FILE *out, const struct fsc_result *p, unsigned set)
{
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		const struct fsc_engine *e = t->engine;
		double lo = 2, hi = -1;
		char labels[512], pct[32];
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
			share = u->submit_share;
			if (!(share > FSC_SYNC_SHARE))
				continue;
			if (!n)
				fsc_app(labels, sizeof(labels), &n, "%s",
				    fsc_trial_label(u, label, sizeof(label)));
			else
				fsc_app(labels, sizeof(labels), &n,
				    ", \u00d7%u", u->jobs);
			lo = share < lo ? share : lo;
			hi = share > hi ? share : hi;
		}
		if (!n)
			continue;
		if (hi - lo < 0.005)
			snprintf(pct, sizeof(pct), "%.0f%%", hi * 100);
		else
			snprintf(pct, sizeof(pct), "%.0f\u2013%.0f%%",
				 lo * 100, hi * 100);
		fsc_say(out, "note:   ", "%s spent %s of the trial inside %s: "
		    "it ran synchronously%s; %s", labels, pct,
		    e->submit_call ? e->submit_call : "its submit call",
		    p->opts->wide ? ", and its depth counts writes already "
		    "done but not yet reaped" : "",
		    e->sync_note ? e->sync_note : "the writes were done there");
	}
}

/* What a line says of one trial, written to buf; "" for nothing. */
typedef void trial_text(const struct fsc_result *p,
			const struct fsc_trial_result *t, int arg, char *buf,
			size_t len);

/* Each trial of the set with counted rounds that text says something of,
 * "LABEL" between "TEXT", the trials joined by sep, in line (cut short at
 * len); how many. */
static unsigned trials_line(char *line, size_t len,
			    const struct fsc_result *p, unsigned set,
			    const char *between, const char *sep,
			    trial_text *text, int arg)
{
	char label[64], buf[1024];
	size_t used = 0;
	unsigned n = 0;

	line[0] = '\0';
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];

		if (t->set != set || !t->done)
			continue;
		buf[0] = '\0';
		text(p, t, arg, buf, sizeof(buf));
		if (!buf[0])
			continue;
		fsc_app(line, len, &used, "%s%s%s%s", n++ ? sep : "",
			fsc_trial_label(t, label, sizeof(label)), between, buf);
	}
	return n;
}

/* "8 writes in flight handed to 5 kernel workers (2 at once)". */
static void kworkers_text(const struct fsc_result *p,
			  const struct fsc_trial_result *t, int arg,
			  char *buf, size_t len)
{
	size_t n = 0;

	(void)arg;
	if (!t->kworkers)
		return;
	fsc_app(buf, len, &n, "%llu writes in flight handed to %u kernel "
		"worker%s", (unsigned long long)fsc_plan_trial_blocks(p, t),
		t->kworkers, t->kworkers == 1 ? "" : "s");
	if (t->kworkers_peak < t->kworkers)
		fsc_app(buf, len, &n, " (%u at once)", t->kworkers_peak);
}

/* io_uring hands a buffered write that would block to a kernel worker
 * (io-wq), outside fsconc's thread: how many served each trial of the
 * set, sampled (fsconc(1), io_uring), the most over its rounds. */
void fsc_notes_kworkers(FILE *out, const struct fsc_result *p, unsigned set)
{
	char labels[512];

	if (trials_line(labels, sizeof(labels), p, set, ": ", "; ",
			kworkers_text, 0))
		fsc_say(out, "note:   ", "kernel workers (io-wq) ran the "
		    "writes that would block: %s, contending for %u CPU%s "
		    "with fsconc's thread", labels, p->host.pus,
		    p->host.pus == 1 ? "" : "s");
}

/* The trials whose timeline shows the dirty page-cache limit: the rate
 * fell, near the limit, from memory's to the device's (fsconc(1),
 * MEASUREMENTS). */
void fsc_notes_dirty(FILE *out, const struct fsc_result *p, unsigned set)
{
	char label[64], at[32], before[32], after[32];

	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		const struct fsc_round *r;
		struct fsc_dirty_drop d;

		if (t->set != set || !(r = fsc_timeline_round(t)) ||
		    !fsc_timeline_dirty(r, p->host.dirty.limit_bytes, &d))
			continue;
		fsc_say(out, "note:   ", "%s: after %s the rate fell from %s to "
		    "%s: the dirty page-cache limit; the first figure is "
		    "memory, the second the device",
		    fsc_trial_label(t, label, sizeof(label)),
		    fsc_fmt_bytes(at, sizeof(at), d.at_bytes, p->opts->iec),
		    fsc_fmt_rate(before, sizeof(before), d.before_bps,
				 p->opts->iec),
		    fsc_fmt_rate(after, sizeof(after), d.after_bps,
				 p->opts->iec));
	}
}

/* --stonewall: which trials the wall stopped, and how far they got; their
 * rates cover only that part. */
void fsc_notes_wall(FILE *out, const struct fsc_result *p, unsigned set)
{
	char label[64], planned[32];

	if (!p->opts->stonewall_ns)
		return;
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		double c;

		if (t->set != set || !t->done || (c = t->completed) >= 1.0)
			continue;
		fsc_say(out, "note:   ", "stonewall: %s wrote %.0f%% of its %s "
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
void fsc_notes_direct(FILE *out, const struct fsc_result *p, unsigned set)
{
	const struct fsc_set *s = &p->sets[set];

	if (!p->opts->direct)
		return;
	for (unsigned d = 0; d < s->ndirs; d++) {
		const struct fsc_target *tg = &p->targets[s->dirs[d]];

		if (fsc_direct_cached(tg->fsmagic) && !tg->fp.memory_backed)
			fsc_say(out, "note:   ", "%s (%s) took O_DIRECT but "
			    "keeps the data in memory all the same: its "
			    "figures are not direct I/O", tg->name,
			    tg->fstype);
	}
}

/* Under MPI: how far off a span may be, the largest bound of any round. */
void fsc_notes_skew(FILE *out, const struct fsc_result *p)
{
	if (p->nranks < 2)
		return;
	fputc('\n', out);
	fsc_say(out, "note:   ", "every rank's times count from its release "
	    "from a barrier before each trial, so hosts' clocks need not "
	    "agree; the ranks left it at most %.1f \u00b5s apart (largest "
	    "bound of any round), and each aggregate's span is exact to within "
	    "that",
	    (double)fsc_result_skew(p) / 1e3);
}

void fsc_notes_dd(FILE *out, const struct fsc_result *p, unsigned set)
{
	char label[64], line[256];

	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];

		if (t->set != set)
			continue;
		for (unsigned r = 0; r < t->done; r++) {
			fprintf(out, "dd-style, %s, round %u:\n",
				fsc_trial_label(t, label, sizeof(label)),
				r + 1);
			/* Past --file-detail the files are summarised. */
			if (!t->rounds[r].files && t->rounds[r].nfiles)
				fprintf(out, "%zu files summarised (more than "
					"--file-detail %llu): no line each\n",
					t->rounds[r].nfiles, (unsigned long long)
					t->rounds[r].fstats.detail);
			for (size_t f = 0; t->rounds[r].files &&
					    f < t->rounds[r].nfiles; f++) {
				const struct fsc_file_result *fr =
					&t->rounds[r].files[f];
				fprintf(out, "%s\n", fsc_fmt_dd(line,
					sizeof(line), fr->bytes,
					fr->t_done - fr->t_open));
			}
		}
	}
}

/* The rounds disturbed far beyond their trial's others: named, and kept
 * in the figures. */
void fsc_notes_disturbed(FILE *out, const struct fsc_result *p,
			 unsigned set)
{
	char label[64];

	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];

		if (t->set != set || !t->disturbed)
			continue;
		for (unsigned r = 0; r < t->done; r++)
			if (t->rounds[r].disturbed)
				fsc_say(out, "note:   ", "round %u of %s was "
				    "disturbed: %.0f%% of its time lost to "
				    "stalls or steal, against %.0f%% typical "
				    "of its rounds; kept in the figures", r + 1,
				    fsc_trial_label(t, label, sizeof(label)),
				    fsc_noise_level(&t->rounds[r].noise) * 100,
				    fsc_noise_level(&t->noise) * 100);
	}
}

/* "sda 97% busy, 212 MB/s": the disks under the set, each trial's medians
 * (fsconc(1), WHY). */
static void devices_text(const struct fsc_result *p,
			 const struct fsc_trial_result *t, int arg,
			 char *buf, size_t len)
{
	struct fsc_trial_why w;

	(void)arg;
	fsc_why_trial(t, &w);
	if (w.ndev)
		fsc_why_devices(buf, len, &w, p->opts->iec);
}

void fsc_notes_devices(FILE *out, const struct fsc_result *p, unsigned set)
{
	char line[2048];

	if (trials_line(line, sizeof(line), p, set, " ", "; ", devices_text,
			0))
		fsc_say(out, "device: ", "%s", line);
}

/* "0.98 of 1 CPU": the CPUs each trial's writers kept busy, of those
 * they could use (fsconc(1), WHY). */
static void cpus_text(const struct fsc_result *p,
		      const struct fsc_trial_result *t, int arg, char *buf,
		      size_t len)
{
	struct fsc_trial_why w;

	(void)p;
	(void)arg;
	fsc_why_trial(t, &w);
	fsc_why_cpus(buf, len, &w);
}

void fsc_notes_cpus(FILE *out, const struct fsc_result *p, unsigned set)
{
	char line[2048];

	if (trials_line(line, sizeof(line), p, set, " ", "; ", cpus_text, 0))
		fsc_say(out, "cpu:    ", "%s", line);
}

/* Small files (fsconc(1), MEASUREMENTS): each trial's aggregate in
 * files/s, the median over rounds, beside the table's MB/s. */
static void files_text(const struct fsc_result *p,
		       const struct fsc_trial_result *t, int arg, char *buf,
		       size_t len)
{
	double v = t->files_ps.median;

	(void)p;
	(void)arg;
	snprintf(buf, len, "%.*f", v < 10 ? 1 : 0, v);
}

void fsc_notes_files(FILE *out, const struct fsc_result *p, unsigned set)
{
	char line[2048];

	/* --size 0: the table is in files/s already. */
	if (p->opts->size >= FSC_SMALL_FILE || !p->opts->size)
		return;
	if (trials_line(line, sizeof(line), p, set, " ", "; ", files_text, 0))
		fsc_say(out, "files/s: ", "%s (medians over rounds)", line);
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

/* A trial's files' open-to-close time: its phases added up. */
static uint64_t phase_total(const struct fsc_trial_result *t)
{
	uint64_t total = 0;

	for (int k = 0; k < FSC_NPHASE; k++)
		total += t->phase_ns[k];
	return total;
}

/* The share of that time phase k took, in %. */
static double phase_share(const struct fsc_trial_result *t, int k)
{
	return 100.0 * (double)t->phase_ns[k] / (double)phase_total(t);
}

/* "open 2% · write 97% · close 1%" (fsconc(1), MEASUREMENTS), the
 * phases of the workload; no-break spaces keep a phase, its share and
 * the separator after it on one line when the line wraps.  Nothing when
 * no time was taken. */
static void phases_text(const struct fsc_result *p,
			const struct fsc_trial_result *t, int arg, char *buf,
			size_t len)
{
	size_t n = 0;
	bool first = true;

	(void)arg;
	if (!phase_total(t))
		return;
	for (int k = 0; k < FSC_NPHASE; k++) {
		if (!phase_shown(p->opts, k))
			continue;
		fsc_app(buf, len, &n, "%s%s\u00a0%.0f%%", first ? "" :
			"\u00a0\u00b7 ", fsc_phase_name(k),
			phase_share(t, k));
		first = false;
	}
}

/* "(60%)" when phase arg, not write, took over half of the trial's
 * files' time. */
static void dominant_text(const struct fsc_result *p,
			  const struct fsc_trial_result *t, int arg,
			  char *buf, size_t len)
{
	(void)p;
	if (fsc_phases_dominant(t->phase_ns) == arg)
		snprintf(buf, len, "(%.0f%%)", phase_share(t, arg));
}

/* Where each trial's file time went, and a note where one phase other
 * than write took more than half of it. */
void fsc_notes_phases(FILE *out, const struct fsc_result *p, unsigned set)
{
	char line[2048];

	if (trials_line(line, sizeof(line), p, set, " ", "; ", phases_text,
			0))
		fsc_say(out, "phases: ", "%s", line);
	for (int k = 0; k < FSC_NPHASE; k++) {
		unsigned n = trials_line(line, sizeof(line), p, set, " ", ", ",
					 dominant_text, k);

		/* --size 0 writes nothing for a phase to outweigh. */
		if (n && p->opts->size)
			fsc_say(out, "note:   ", "%s took over half of the "
			    "files' open-to-close time in %s: %s %s more than "
			    "writing", line, fsc_phase_name(k), n > 1 ?
			    "their rates measure" : "its rate measures",
			    fsc_phase_name(k));
	}
}

/* How many counted rounds ran, and why no more. */
void fsc_notes_rounds(FILE *out, const struct fsc_result *p)
{
	unsigned n = fsc_result_rounds(p);

	fputc('\n', out);
	fsc_say(out, "rounds: ", "%u counted round%s, then stopped: %s", n,
	    n == 1 ? "" : "s", fsc_stop_text(p->stopped));
}

/* A file that straggled: the slowest of a trial, at less than half the
 * median file's rate, alone or nearly so for a tenth of its round or
 * more (fsconc(1), STRAGGLERS); and the dir that held that tail, in a
 * split set. */
void fsc_notes_stragglers(FILE *out, const struct fsc_result *p,
			  unsigned set)
{
	const struct fsc_set *s = &p->sets[set];
	char label[64], name[128], rate[32], median[32], held[600];

	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		const struct fsc_straggler *st = &t->slowest;

		if (t->set != set || !t->has_slowest || !fsc_straggled(st))
			continue;
		fsc_file_name(name, sizeof(name), set, t->engine->name,
			      t->jobs, st->file);
		held[0] = '\0';
		if (s->ndirs > 1 && st->tail.dir >= 0 &&
		    (unsigned)st->tail.dir < s->ndirs)
			snprintf(held, sizeof(held), "; %s held that tail",
				 p->targets[s->dirs[st->tail.dir]].name);
		fsc_say(out, "note:   ", "%s: a file straggled: %s in %s wrote "
			"%s, the median file %s; for the last %.0f%% of round "
			"%u fewer than %u files were in flight%s",
			fsc_trial_label(t, label, sizeof(label)), name,
			p->targets[s->dirs[st->dir < s->ndirs ? st->dir : 0]]
			.name, fsc_fmt_rate(rate, sizeof(rate), st->rate,
					    p->opts->iec),
			fsc_fmt_rate(median, sizeof(median), st->median,
				     p->opts->iec),
			st->tail.share * 100, st->round + 1,
			t->jobs < t->rounds[st->round].nfiles ? t->jobs :
			(unsigned)t->rounds[st->round].nfiles, held);
	}
}

/* "ceiling: pwrite 37% of the hot copy on one core (19.0 GB/s);
 * threads×2 41% of the hot copy on 2 cores (35.0 GB/s)" (fsconc(1),
 * CEILING). */
void fsc_notes_ceiling(FILE *out, const struct fsc_result *p, unsigned set)
{
	char line[1024], label[64], rate[32], cores[32];
	size_t n = 0;

	line[0] = '\0';
	for (size_t i = 0; i < p->ntrials && n < sizeof(line); i++) {
		const struct fsc_trial_result *t = &p->trials[i];
		struct fsc_ceiling_use u;

		if (t->set != set || !fsc_trial_ceiling(p, t, &u))
			continue;
		fsc_fmt_rate(rate, sizeof(rate), u.rate, p->opts->iec);
		if (u.cores == 1)
			snprintf(cores, sizeof(cores), "one core");
		else
			snprintf(cores, sizeof(cores), "%u cores", u.cores);
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%s%s %.0f%% "
				      "of the hot copy on %s (%s)",
				      n ? "; " : "",
				      fsc_trial_label(t, label, sizeof(label)),
				      u.share * 100, cores, rate);
	}
	if (n)
		fsc_say(out, "ceiling: ", "%s", line);
}
