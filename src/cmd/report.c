/* report.c - fsconc report PROFILE.json [--json FILE|-] [--csv FILE|-]
 * [--wide] [--iec]: read a saved result profile back into the result
 * model (result/load.c), where the run's own code recomputes summaries,
 * verdicts and models from the rounds, and print the run's report: the
 * same tables, notes, verdicts and reasons (fsconc(1), fsconc report). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd/report.h"
#include "report/output.h"
#include "report/report-csv.h"
#include "report/report-json.h"
#include "report/report-table.h"
#include "result/result.h"
#include "util/msg.h"

int fsc_report_main(const struct fsc_opts *o)
{
	struct fsc_result p;
	struct fsc_opts *shown;
	FILE *text = fsc_opts_stdout_taken(o) ? stderr : stdout;
	char err[1024];
	int status = FSC_EXIT_OK;

	if (o->json_path && o->csv_path &&
	    strcmp(o->json_path, o->csv_path) == 0) {
		fsc_error("report: --json and --csv both name '%s'; %s",
			  o->json_path, strcmp(o->json_path, "-") == 0 ?
			  "only one can go to standard output" :
			  "give each its own file");
		return FSC_EXIT_USAGE;
	}
	if (fsc_result_load(&p, o->inputs[0], err, sizeof(err)) < 0 ||
	    (o->json_path && fsc_output_check("--json", o->json_path, NULL,
					      err, sizeof(err)) < 0) ||
	    (o->csv_path && fsc_output_check("--csv", o->csv_path, NULL,
					     err, sizeof(err)) < 0)) {
		fsc_error("report: %s", err);
		fsc_result_free(&p);
		return FSC_EXIT_USAGE;
	}
	/* How to show it is this command's; what ran is the profile's. */
	shown = &p.source->opts;
	shown->iec = o->iec;
	shown->wide = o->wide;
	fsc_report_header(text, &p);
	fsc_report_tables(text, &p);
	fflush(text);
	if ((o->json_path && fsc_output_write("--json", o->json_path,
					      fsc_report_json, &p, err,
					      sizeof(err)) < 0) ||
	    (o->csv_path && fsc_output_write("--csv", o->csv_path,
					     fsc_report_csv, &p, err,
					     sizeof(err)) < 0)) {
		fsc_error("report: %s", err);
		status = FSC_EXIT_FAIL;
	}
	fsc_result_free(&p);
	return status;
}
