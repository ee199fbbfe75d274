/* report-csv.c - one CSV row per (target set, engine, jobs, round) with
 * the round's main figures, for spreadsheets and plotting (RFC 4180
 * quoting; rates printed with 17 digits, like the JSON profile).  Each
 * row names its run, host and workload, so the rows of many runs
 * concatenate into one table (fsconc(1), CSV). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/report-csv.h"
#include "result/labels.h"
#include "result/stats.h"

static const char header[] =
	"run_started,host,kernel,set,targets,fstypes,files,file_size_bytes,"
	"block_size_bytes,mode,fsync,direct,engine,jobs,iodepth,round,bytes,"
	"elapsed_ns,"
	"bytes_per_sec,file_bytes_per_sec_min,file_bytes_per_sec_median,"
	"file_bytes_per_sec_max,cpu_user_ns,cpu_sys_ns,submit_share,"
	"achieved_depth,latency_p50_ns,latency_p90_ns,latency_p99_ns,"
	"latency_p999_ns,latency_max_ns\n";

/* A field, quoted when it holds a comma, quote or line break. */
static void field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

int fsc_report_csv(FILE *out, const struct fsc_result *p)
{
	const struct fsc_opts *o = p->opts;
	char label[4096], fs[1024], started[32];
	struct tm tm;

	gmtime_r(&p->started, &tm);
	strftime(started, sizeof(started), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fputs(header, out);
	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_trial_result *t = &p->trials[i];

		fsc_set_paths(p, t->set, label, sizeof(label));
		fsc_set_fstypes(p, t->set, fs, sizeof(fs));
		for (unsigned r = 0; r < t->done; r++) {
			const struct fsc_round *rd = &t->rounds[r];
			struct fsc_summary fsum;

			fsc_round_files(rd, &fsum);
			fprintf(out, "%s,", started);
			field(out, p->host.hostname);
			fputc(',', out);
			field(out, p->host.kernel);
			fprintf(out, ",%u,", t->set);
			field(out, label);
			fputc(',', out);
			field(out, fs);
			fprintf(out, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%s,%s,"
				"%s", o->files, o->size, o->block_size,
				fsc_mode_name(o->mode), fsc_fsync_name(o->fsync),
				o->direct ? "true" : "false");
			fprintf(out, ",%s,%u,%u,%u,%llu,%llu,%.17g,%.17g,%.17g,"
				"%.17g,%llu,%llu,%.17g,%.17g",
				t->engine->name, t->jobs, t->iodepth, r + 1,
				(unsigned long long)rd->bytes,
				(unsigned long long)rd->elapsed_ns,
				rd->bytes_per_sec, fsum.min, fsum.median,
				fsum.max, (unsigned long long)rd->cpu_user_ns,
				(unsigned long long)rd->cpu_sys_ns,
				rd->submit_share, rd->achieved_depth);
			for (int q = 0; q < FSC_NPCT; q++)
				fprintf(out, ",%llu",
					(unsigned long long)rd->latency_ns[q]);
			fputc('\n', out);
		}
	}
	return ferror(out) ? -(errno ? errno : EIO) : 0;
}
