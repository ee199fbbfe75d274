/* run-cmd.c - fsconc with no command: plan, run, report (fsconc(1),
 * DESCRIPTION); and --list-engines. */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "engines/engine.h"
#include "report/output.h"
#include "report/report-csv.h"
#include "report/report-json.h"
#include "report/report-md.h"
#include "report/report-table.h"
#include "run/mpi-ranks.h"
#include "run/plan.h"
#include "run/run.h"
#include "util/msg.h"
#include "util/progress.h"

static int list_engines(const struct fsc_opts *o)
{
	char why[256];

	(void)o;
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
					     sizeof(err)) < 0) ||
	    (o->markdown_path && fsc_output_write("--markdown",
						  o->markdown_path,
						  fsc_report_markdown, plan,
						  err, sizeof(err)) < 0)) {
		fsc_error("%s", err);
		return FSC_EXIT_FAIL;
	}
	return FSC_EXIT_OK;
}

/* Before the run: can each result file be written, and is none of them
 * a target?  0, or -1 with err set. */
static int check_outputs(const struct fsc_opts *o, const struct fsc_result *p,
			 char *err, size_t len)
{
	return (o->json_path && fsc_output_check("--json", o->json_path, p,
						 err, len) < 0) ||
		(o->csv_path && fsc_output_check("--csv", o->csv_path, p,
						 err, len) < 0) ||
		(o->markdown_path && fsc_output_check("--markdown",
						      o->markdown_path, p,
						      err, len) < 0) ? -1 : 0;
}

/* The machine's ceiling (fsconc(1), CEILING), rank 0's: from this boot's
 * cache, or measured now, which may take a second or two (said on a
 * terminal), unless the memory fsconc may use is under 2 GiB.  Not
 * measured, the report goes without it. */
static void ceiling(struct fsc_result *p, unsigned cpus)
{
	char dir[4096];
	bool cache = fsc_ceiling_cache_dir(dir, sizeof(dir)) == 0;
	struct fsc_memlimit m;

	if (cache && fsc_ceiling_cached(&p->host.ceiling, cpus, dir) == 0) {
		p->host.has_ceiling = true;
		return;
	}
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "fsconc: the machine's copy rates, once per "
			"boot...\r");
	fsc_memlimit_read(&m, p->host.memory_bytes);
	p->host.has_ceiling = fsc_ceiling_get(&p->host.ceiling, cpus,
					      cache ? dir : NULL, !m.bytes ||
					      m.bytes >= FSC_CEILING_MEMORY)
		== 0;
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\033[K");
}

/* The CPUs this process may run on. */
static unsigned usable_cpus(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set))
		return (unsigned)CPU_COUNT(&set);
	return 1;
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
	status = fsc_plan_build(&plan, o, err, sizeof(err)) < 0 ||
		check_outputs(o, &plan, err, sizeof(err)) < 0 ?
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
	if (first && !o->no_ceiling)
		ceiling(&plan, usable_cpus());
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

static int run_main(const struct fsc_opts *given)
{
	struct fsc_opts o = *given;
	char err[512];
	int status;

	if (fsc_mpi_init(err, sizeof(err)) < 0) {
		fsc_error("%s", err);
		status = FSC_EXIT_FAIL;
	} else {
		/* Only rank 0 reports: the others print nothing and write no
		 * result file (their paths are freed with the given ones). */
		if (fsc_mpi_rank() > 0) {
			o.json_path = o.csv_path = o.markdown_path = NULL;
			o.quiet = true;
		}
		status = run(&o);
	}
	fsc_mpi_finish();
	return status;
}

const struct fsc_cmd fsc_cmd_run = {
	.line = { FSC_RUN, "fsconc [--dir DIR]... [OPTION]...", 0, NULL,
		  fsc_opts_parse_run },
	.implied = true,
	.exec = run_main,
};

const struct fsc_cmd fsc_cmd_list_engines = {
	.line = { "list-engines", NULL, 0, NULL, NULL },
	.implied = true,
	.exec = list_engines,
};
