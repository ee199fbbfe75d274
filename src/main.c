/* main.c - fsconc: parse, plan, run, report. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/options.h"
#include "cmd/capacity.h"
#include "cmd/compare.h"
#include "cmd/plot.h"
#include "engines/engine.h"
#include "report/output.h"
#include "report/report-csv.h"
#include "report/report-json.h"
#include "report/report-table.h"
#include "run/mpi-ranks.h"
#include "run/plan.h"
#include "run/progress.h"
#include "run/run.h"
#include "run/rundir.h"
#include "util/msg.h"

static const char usage[] =
"Usage: fsconc [--dir DIR]... [OPTION]...\n"
"       fsconc plan PROFILE.json --target RATE [--engine E] [--dir D]...\n"
"       fsconc compare A.json B.json [--json FILE|-]\n"
"       fsconc plot PROFILE.json -o FILE.svg\n"
"       fsconc cleanup DIR\n"
"Write N files into each target directory one after another (pwrite) and\n"
"concurrently (threads...), and tell whether concurrency helps there.\n"
"\n"
"  -d, --dir DIR          target directory, repeatable; two or more also run\n"
"                         a split set with files dealt over all of them\n"
"                         (default: $TMPDIR or /tmp, and /dev/shm)\n"
"  -n, --files N          files per trial (default 5)\n"
"  -s, --size SIZE        bytes per file (default 32M)\n"
"  -b, --block-size SIZE  bytes per write (default 1M)\n"
"  -e, --engine LIST      comma list of engines, or all (default\n"
"                         pwrite,threads)\n"
"  -j, --jobs LIST        files in flight; a list is a sweep (default: N)\n"
"  -q, --iodepth N        writes in flight per file, async engines (4)\n"
"      --uring-fixed-buffers, --uring-fixed-files\n"
"                         io_uring: registered buffers (write_fixed), files\n"
"      --uring-sqpoll     io_uring: a kernel thread polls the submissions\n"
"      --mode MODE        create (default), truncate or overwrite\n"
"      --fsync WHEN       none (default), end or each\n"
"      --cache HOW        buffered (default), direct (O_DIRECT, as --direct)\n"
"                         or dontcache (RWF_DONTCACHE: uncached buffered)\n"
"      --direct           O_DIRECT, with the alignment the file system wants\n"
"      --verify           read every file back after each trial and check\n"
"                         that each block holds what was written\n"
"      --rounds N|auto    counted rounds; auto (default): 3, then more\n"
"                         until every verdict is decisive or the budget\n"
"                         is spent\n"
"      --budget SECs|SIZE what --rounds auto may spend, in all: seconds\n"
"                         (30s) or bytes written (10G) (20s and 8G)\n"
"      --warmup N         uncounted rounds first (default 1)\n"
"      --stonewall SEC    stop each trial's writes SEC seconds in, and\n"
"                         measure what was written by then\n"
"      --dd               print dd's line for every file written\n"
"      --keep             keep the files of the last round\n"
"  -Q, --quiet            no table or progress: verdicts (a summary for a\n"
"                         set with none) and --dd's lines only\n"
"      --iec              MiB/s instead of MB/s\n"
"      --wide             every column, with ratios, and the latency table\n"
"      --bind HOW         pin writer threads: none (default), core, numa\n"
"      --json FILE        write the result profile as JSON ('-': stdout)\n"
"      --csv FILE         write one CSV row per round ('-': stdout)\n"
"      --profile NAME     apply a workload profile (a NAME, or a FILE\n"
"                         with a '/'); options after it override it\n"
"      --list-engines     list engines, and why one cannot run\n"
"  -h, --help             this help\n"
"  -V, --version          version\n"
"\n"
"\n"
"plan answers how many writers reach RATE (2GB/s, 500MiB/s) from the model\n"
"of a saved --jobs sweep (--json), with Little's law as a check; compare\n"
"tells which trials of two saved profiles differ significantly; plot draws\n"
"throughput against jobs with gnuplot.\n"
"\n"
"SIZE takes K, M, G, T (or KiB...) for powers of 1024 and KB, MB, GB, TB\n"
"for powers of 1000.  Exit status: 0 ok, 1 a run failed, 2 bad usage,\n"
"128+N interrupted by signal N.  See fsconc(1).\n";

static const char mpi_usage[] =
"\nOn many hosts at once: mpirun [-np N] [--hostfile FILE] fsconc ...; every\n"
"rank writes the same files into a directory of its own, and rank 0\n"
"reports their aggregate.  See RUNNING ON MANY HOSTS in fsconc(1).\n";

static const char no_mpi_usage[] =
"\nMPI support is not built: runs on many hosts under mpirun need\n"
"./configure --with-mpi (Debian: libopenmpi-dev openmpi-bin).\n";

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
static int report(const struct fsc_opts *o, const struct fsc_result *plan,
		  FILE *text)
{
	FILE *verdicts = fsc_opts_stdout_taken(o) ? stderr : stdout;
	char err[1024];

	if (text)
		fsc_report_tables(text, plan);
	else
		fsc_report_quiet(verdicts, plan);
	if (!text)
		fsc_report_kept(verdicts, plan);
	fflush(text ? text : verdicts);
	if ((o->json_path && fsc_output_write("--json", o->json_path,
					      fsc_report_json, plan, err,
					      sizeof(err)) < 0) ||
	    (o->csv_path && fsc_output_write("--csv", o->csv_path,
					     fsc_report_csv, plan, err,
					     sizeof(err)) < 0)) {
		fsc_error("%s", err);
		return FSC_EXIT_FAIL;
	}
	return FSC_EXIT_OK;
}

static int run(const struct fsc_opts *o)
{
	struct fsc_result plan;
	FILE *text = o->quiet ? NULL : fsc_opts_stdout_taken(o) ? stderr :
		stdout;
	bool first = fsc_mpi_rank() == 0;
	char err[1024];
	int status, rc, sig;

	/* Under MPI every rank builds its plan, and all go on or none. */
	status = fsc_plan_build(&plan, o, err, sizeof(err)) < 0 ?
		FSC_EXIT_USAGE : FSC_EXIT_OK;
	status = fsc_mpi_agree(status, err, sizeof(err));
	if (status == FSC_EXIT_OK && fsc_plan_agree(&plan, err, sizeof(err)) < 0)
		status = FSC_EXIT_USAGE;
	if (status != FSC_EXIT_OK) {
		if (first)
			fsc_error("%s", err);
		fsc_plan_free(&plan);
		return status;
	}
	if (text) {
		fsc_report_header(text, &plan);
		fflush(text);
	}
	rc = fsc_monitor_start(!o->quiet && isatty(STDERR_FILENO), o->iec);
	if (rc < 0) {
		fsc_error("cannot start the thread that takes "
			"signals: %s%s%s", strerror(-rc), rc == -EAGAIN ?
			"; " : "", rc == -EAGAIN ? fsc_thread_again_why() : "");
		fsc_plan_free(&plan);
		return FSC_EXIT_FAIL;
	}
	status = fsc_run(&plan, err, sizeof(err));
	/* The monitor keeps taking signals until the report is out: one
	 * now ends fsconc at once, and one that came since the run ended
	 * is not lost. */
	sig = fsc_monitor_reporting();
	if (status == FSC_EXIT_OK && sig) {
		status = 128 + sig;
		if (first)
			fsc_error("interrupted by signal %d", sig);
	} else if (!first) {
		/* Rank 0 reports for all. */
	} else if (status == FSC_EXIT_OK) {
		fsc_result_summarize(&plan);
		status = report(o, &plan, text);
	} else if (status == FSC_EXIT_FAIL || status == FSC_EXIT_USAGE) {
		fsc_error("%s", err);
	} else {
		/* Under MPI, err names the rank and host it came to. */
		fsc_error("%s%sinterrupted by signal %d; the "
			"files written so far are removed",
			fsc_mpi_active() ? err : "",
			fsc_mpi_active() ? ": " : "", status - 128);
	}
	fsc_monitor_stop();
	fsc_plan_free(&plan);
	return status;
}

int main(int argc, char **argv)
{
	struct fsc_opts o;
	char err[512];
	int status;

	if (fsc_opts_parse(&o, argc, argv, err, sizeof(err)) < 0) {
		if (fsc_mpi_env_rank() == 0)	/* once under mpirun */
			fsc_error("%s", err);
		fsc_opts_free(&o);
		return FSC_EXIT_USAGE;
	}
	switch (o.command) {
	case FSC_CMD_HELP:
		fputs(usage, stdout);
		fputs(fsc_mpi_built() ? mpi_usage : no_mpi_usage, stdout);
		status = FSC_EXIT_OK;
		break;
	case FSC_CMD_VERSION:
		printf("fsconc %s\n", PACKAGE_VERSION);
		status = FSC_EXIT_OK;
		break;
	case FSC_CMD_LIST_ENGINES:
		status = list_engines();
		break;
	case FSC_CMD_PLAN:
		status = fsc_capacity_main(&o);
		break;
	case FSC_CMD_COMPARE:
		status = fsc_compare_main(&o);
		break;
	case FSC_CMD_PLOT:
		status = fsc_plot_main(&o);
		break;
	case FSC_CMD_CLEANUP:
		status = fsc_cleanup(o.cleanup_dir, stdout);
		break;
	default:
		if (fsc_mpi_init(err, sizeof(err)) < 0) {
			fsc_error("%s", err);
			status = FSC_EXIT_FAIL;
		} else {
			/* Only rank 0 reports: the others print nothing and
			 * write no result file. */
			if (fsc_mpi_rank() > 0) {
				free(o.json_path);
				free(o.csv_path);
				o.json_path = o.csv_path = NULL;
				o.quiet = true;
			}
			status = run(&o);
		}
		fsc_mpi_finish();
		break;
	}
	fsc_opts_free(&o);
	return status;
}
