/* main.c - fsconc: parse, plan, run, report. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "options.h"
#include "output.h"
#include "plan.h"
#include "progress.h"
#include "report-csv.h"
#include "report-json.h"
#include "report-table.h"
#include "run.h"

static const char usage[] =
"Usage: fsconc [--dir DIR]... [OPTION]...\n"
"       fsconc cleanup DIR\n"
"Write N files into each target directory one after another (pwrite) and\n"
"concurrently (threads...), and tell whether concurrency helps there.\n"
"\n"
"  -d, --dir DIR          target directory, repeatable; two or more also run\n"
"                         a split set with files dealt over all of them\n"
"                         (default: $TMPDIR or /tmp, and /dev/shm)\n"
"  -n, --files N          files per trial (default 5)\n"
"  -s, --size SIZE        bytes per file (default 256M)\n"
"  -b, --block-size SIZE  bytes per write (default 1M)\n"
"  -e, --engine LIST      comma list of engines, or all (default)\n"
"  -j, --jobs LIST        files in flight; a list is a sweep (default: N)\n"
"  -q, --iodepth N        writes in flight per file, async engines (4)\n"
"      --mode MODE        create (default), truncate or overwrite\n"
"      --fsync WHEN       none (default), end or each\n"
"      --direct           O_DIRECT, with the alignment the file system wants\n"
"      --verify           read every file back after each trial and check\n"
"                         that each block holds what was written\n"
"      --rounds N         counted rounds (default 3)\n"
"      --warmup N         uncounted rounds first (default 1)\n"
"      --dd               print dd's line for every file written\n"
"      --keep             keep the files of the last round\n"
"  -Q, --quiet            no table or progress: verdicts only\n"
"      --iec              MiB/s instead of MB/s\n"
"      --bind HOW         pin writer threads: none (default), core, numa\n"
"      --json FILE        write the result profile as JSON ('-': stdout)\n"
"      --csv FILE         write one CSV row per round ('-': stdout)\n"
"      --list-engines     list engines, and why one cannot run\n"
"  -h, --help             this help\n"
"  -V, --version          version\n"
"\n"
"SIZE takes K, M, G, T (or KiB...) for powers of 1024 and KB, MB, GB, TB\n"
"for powers of 1000.  Exit status: 0 ok, 1 a run failed, 2 bad usage,\n"
"128+N interrupted by signal N.  See fsconc(1).\n";

static int list_engines(void)
{
	char why[256];

	for (size_t i = 0; fsc_engines[i]; i++) {
		const struct fsc_engine *e = fsc_engines[i];
		const char *state = "available";

		if (e->missing) {
			snprintf(why, sizeof(why), "not built: %s", e->missing);
			state = why;
		} else if (e->probe && e->probe(why, sizeof(why)) < 0) {
			state = why;
		}
		printf("%-9s %s\n          %s\n", e->name, e->summary, state);
	}
	return FSC_EXIT_OK;
}

/* The report: the tables (or verdicts alone with --quiet), then the
 * result files.  The text goes to stderr when a result file takes
 * stdout. */
static int report(const struct fsc_opts *o, const struct fsc_plan *plan,
		  FILE *text)
{
	FILE *verdicts = fsc_opts_stdout_taken(o) ? stderr : stdout;
	char err[1024], verdict[1024];

	if (text)
		fsc_report_tables(text, plan);
	else
		for (unsigned s = 0; s < plan->nsets; s++)
			if (fsc_report_verdict(verdict, sizeof(verdict), plan,
					       s))
				fprintf(verdicts, "verdict: %s\n", verdict);
	if (!text)
		fsc_report_kept(verdicts, plan);
	fflush(text ? text : verdicts);
	if ((o->json_path && fsc_output_write("--json", o->json_path,
					      fsc_report_json, plan, err,
					      sizeof(err)) < 0) ||
	    (o->csv_path && fsc_output_write("--csv", o->csv_path,
					     fsc_report_csv, plan, err,
					     sizeof(err)) < 0)) {
		fprintf(stderr, "fsconc: %s\n", err);
		return FSC_EXIT_FAIL;
	}
	return FSC_EXIT_OK;
}

static int run(const struct fsc_opts *o)
{
	struct fsc_plan plan;
	FILE *text = o->quiet ? NULL : fsc_opts_stdout_taken(o) ? stderr :
		stdout;
	char err[1024];
	int status, rc;

	if (fsc_plan_build(&plan, o, err, sizeof(err)) < 0) {
		fprintf(stderr, "fsconc: %s\n", err);
		fsc_plan_free(&plan);
		return FSC_EXIT_USAGE;
	}
	if (text) {
		fsc_report_header(text, &plan);
		fflush(text);
	}
	rc = fsc_monitor_start(!o->quiet && isatty(STDERR_FILENO), o->iec);
	if (rc < 0) {
		fprintf(stderr, "fsconc: cannot start the thread that takes "
			"signals: %s%s\n", strerror(-rc), rc == -EAGAIN ?
			"; the limit on processes (ulimit -u) is reached" : "");
		fsc_plan_free(&plan);
		return FSC_EXIT_FAIL;
	}
	status = fsc_run(&plan, err, sizeof(err));
	fsc_monitor_stop();
	if (status == FSC_EXIT_OK) {
		fsc_plan_summarize(&plan);
		status = report(o, &plan, text);
	} else if (status == FSC_EXIT_FAIL || status == FSC_EXIT_USAGE) {
		fprintf(stderr, "fsconc: %s\n", err);
	} else {
		fprintf(stderr, "fsconc: interrupted by signal %d; the files "
			"written so far are removed\n", status - 128);
	}
	fsc_plan_free(&plan);
	return status;
}

int main(int argc, char **argv)
{
	struct fsc_opts o;
	char err[512];
	int status;

	if (fsc_opts_parse(&o, argc, argv, err, sizeof(err)) < 0) {
		fprintf(stderr, "fsconc: %s\n", err);
		fsc_opts_free(&o);
		return FSC_EXIT_USAGE;
	}
	switch (o.command) {
	case FSC_CMD_HELP:
		fputs(usage, stdout);
		status = FSC_EXIT_OK;
		break;
	case FSC_CMD_VERSION:
		printf("fsconc %s\n", PACKAGE_VERSION);
		status = FSC_EXIT_OK;
		break;
	case FSC_CMD_LIST_ENGINES:
		status = list_engines();
		break;
	case FSC_CMD_CLEANUP:
		status = fsc_cleanup(o.cleanup_dir, stdout);
		break;
	default:
		status = run(&o);
		break;
	}
	fsc_opts_free(&o);
	return status;
}
