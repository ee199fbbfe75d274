/* report-md.c - the report as Markdown (fsconc(1), --markdown): the host,
 * the workload and the targets with their fingerprints, then a table and
 * the verdict for each target set, ready to paste into an issue tracker.
 * Formatting only: every figure comes from the result. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "host/fingerprint.h"
#include "report/report-md.h"
#include "report/words.h"
#include "result/labels.h"
#include "util/units.h"

/* Text in a table cell or a paragraph: Markdown's punctuation escaped,
 * so that a path with '|' or '*' stays one cell and shows as it is. */
static void md_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|#!~", *s))
			fputc('\\', out);
		fputc(*s == '\n' ? ' ' : *s, out);
	}
}

static void row2(FILE *out, const char *key, const char *value)
{
	fprintf(out, "| %s | ", key);
	md_text(out, value);
	fputs(" |\n", out);
}

static void md_rate(char *buf, size_t len, double bps, bool iec)
{
	double v = fsc_rate_in_unit(bps, iec);

	snprintf(buf, len, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
}

static void header(FILE *out, const struct fsc_result *p)
{
	const struct fsc_opts *o = p->opts;
	const struct fsc_host *h = &p->host;
	char line[1024], size[32], bs[32], mem[32], when[64];
	unsigned counted = 0;
	struct tm tm;

	fprintf(out, "# fsconc: %llu files \u00d7 %s",
		(unsigned long long)o->files,
		fsc_fmt_size(size, sizeof(size), o->size));
	for (size_t i = 0; i < p->ntargets; i++) {
		fputs(i == 0 ? " on " : i + 1 == p->ntargets ? " and " : ", ",
		      out);
		md_text(out, p->targets[i].name);
	}
	fputs("\n\n| | |\n|---|---|\n", out);
	snprintf(line, sizeof(line), "%s: %s, %u core%s (%u PU%s), %u NUMA "
		 "node%s, %s memory", h->hostname, h->cpu_model, h->cores,
		 h->cores == 1 ? "" : "s", h->pus, h->pus == 1 ? "" : "s",
		 h->numa_nodes, h->numa_nodes == 1 ? "" : "s",
		 fsc_fmt_bytes(mem, sizeof(mem), h->memory_bytes, true));
	row2(out, "host", line);
	row2(out, "kernel", h->kernel);
	snprintf(line, sizeof(line), "%llu files \u00d7 %s, block %s, mode %s, "
		 "fsync %s%s%s", (unsigned long long)o->files, size,
		 fsc_fmt_size(bs, sizeof(bs), o->block_size),
		 fsc_mode_name(o->mode), fsc_fsync_name(o->fsync),
		 o->direct ? ", O_DIRECT" : o->dontcache ? ", uncached" : "",
		 o->verify ? ", verified" : "");
	row2(out, "workload", line);
	if (p->nranks > 1) {
		snprintf(line, sizeof(line), "%u MPI ranks on %u host%s",
			 p->nranks, p->nhosts, p->nhosts == 1 ? "" : "s");
		row2(out, "ranks", line);
	}
	for (size_t i = 0; i < p->ntrials; i++)
		if (p->trials[i].done > counted)
			counted = p->trials[i].done;
	snprintf(line, sizeof(line), "%u counted + %u warm-up%s%s", counted,
		 o->warmup, p->stopped != FSC_STOP_NONE ? "; stopped: " : "",
		 p->stopped != FSC_STOP_NONE ? fsc_stop_text(p->stopped) : "");
	row2(out, "rounds", line);
	if (p->started && gmtime_r(&p->started, &tm) &&
	    strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm))
		row2(out, "started", when);
}

static void targets(FILE *out, const struct fsc_result *p)
{
	char dev[160];

	fputs("\n## Targets\n\n| target | file system | mount | device |\n"
	      "|---|---|---|---|\n", out);
	for (size_t i = 0; i < p->ntargets; i++) {
		const struct fsc_target *t = &p->targets[i];
		const struct fsc_fingerprint *fp = &t->fp;

		fputs("| ", out);
		md_text(out, t->name);
		fputs(" | ", out);
		md_text(out, t->fstype);
		if (fp->upper_dir) {
			fputs(" (writes go to ", out);
			md_text(out, fp->upper_fstype[0] ? fp->upper_fstype :
				"an unknown file system");
			fputs(")", out);
		}
		fputs(" | ", out);
		if (fp->has_mount) {
			md_text(out, fp->mount.point);
			fputs(" from ", out);
			md_text(out, fp->mount.source);
		} else {
			fputs("-", out);
		}
		fputs(" | ", out);
		if (fp->has_bdev) {
			md_text(out, fsc_blockdev_label(&fp->bdev, dev,
							sizeof(dev)));
			if (fp->bdev.rotational >= 0)
				fputs(fp->bdev.rotational ? ", rotational" :
				      ", non-rotational", out);
		} else {
			fputs(fp->memory_backed ? "none (memory)" :
			      "none (network or virtual)", out);
		}
		fputs(" |\n", out);
	}
}

static void set_table(FILE *out, const struct fsc_result *p, unsigned set)
{
	bool files = !p->opts->size, iec = p->opts->iec;
	char label[64], v[32], where[512], fs[256], line[1024];

	fsc_set_label(p, set, where, sizeof(where));
	fsc_set_fstypes(p, set, fs, sizeof(fs));
	fputs("\n## ", out);
	md_text(out, where);
	fputs(" (", out);
	md_text(out, fs);
	fprintf(out, ")\n\n| engine | aggregate %s | speedup [95%% CI] | "
		"per file %s | p99 \u00b5s | CPU s/GiB | rounds |\n"
		"|---|--:|--:|--:|--:|--:|--:|\n", files ? "files/s" :
		iec ? "MiB/s" : "MB/s", iec ? "MiB/s" : "MB/s");
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];

		if (t->set != set || !t->done)
			continue;
		fputs("| ", out);
		md_text(out, fsc_trial_label(t, label, sizeof(label)));
		if (files)
			snprintf(v, sizeof(v), "%.*f", t->agg.median < 10 ?
				 1 : 0, t->agg.median);
		else
			md_rate(v, sizeof(v), t->agg.median, iec);
		fprintf(out, " | %s | ", v);
		if (t->has_speedup)
			fprintf(out, "%.2f [%.2f\u2013%.2f]", t->speedup.value,
				t->speedup.low, t->speedup.high);
		else
			fputs("-", out);
		if (files) {
			fputs(" | - | - | - |", out);
		} else {
			double us = t->latency_ns[FSC_P99] / 1e3;

			md_rate(v, sizeof(v), t->file.median, iec);
			fprintf(out, us >= 100 ? " | %s | %.0f | %.3f |" :
				us >= 10 ? " | %s | %.1f | %.3f |" :
				" | %s | %.2f | %.3f |", v, us,
				t->cpu_s_per_gib);
		}
		fprintf(out, " %u |\n", t->done);
	}
	if (fsc_report_verdict(line, sizeof(line), p, set)) {
		fputs("\n**Verdict:** ", out);
		md_text(out, line);
		fputs("\n", out);
	}
}

int fsc_report_markdown(FILE *out, const struct fsc_result *p)
{
	char line[1024];

	header(out, p);
	targets(out, p);
	for (unsigned s = 0; s < p->nsets; s++)
		set_table(out, p, s);
	if (p->nmodels) {
		fputs("\n## Models\n\n", out);
		for (size_t i = 0; i < p->nmodels; i++) {
			fputs("- ", out);
			md_text(out, fsc_report_model(line, sizeof(line), p,
						      &p->models[i]));
			fputs("\n", out);
		}
	}
	if (p->nwarnings || p->nskipped) {
		fputs("\n## Warnings\n\n", out);
		for (size_t i = 0; i < p->nskipped; i++) {
			fputs("- ", out);
			md_text(out, p->skipped[i].engine);
			fputs(": ", out);
			md_text(out, p->skipped[i].why);
			fputs("\n", out);
		}
		for (size_t i = 0; i < p->nwarnings; i++) {
			fputs("- ", out);
			md_text(out, p->warnings[i].text);
			fputs("\n", out);
		}
	}
	return ferror(out) ? -EIO : 0;
}
