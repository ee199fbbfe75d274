/* report.c - fsconc report PROFILE.json [--format FORMAT] [--json FILE|-]
 * [--csv FILE|-] [--markdown FILE|-] [--wide] [--iec]: read a saved result profile back into the result
 * model (result/load.c), where the run's own code recomputes summaries,
 * verdicts and models from the rounds, and print the run's report: the
 * same tables, notes, verdicts and reasons (fsconc(1), fsconc report). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/report.h"
#include "report/output.h"
#include "report/report-csv.h"
#include "report/report-json.h"
#include "report/report-md.h"
#include "report/report-table.h"
#include "result/result.h"
#include "util/msg.h"

/* What --format puts on standard output in place of the text. */
static fsc_writer format_writer(enum fsc_format f)
{
	switch (f) {
	case FSC_FORMAT_MARKDOWN:
		return fsc_report_markdown;
	case FSC_FORMAT_CSV:
		return fsc_report_csv;
	case FSC_FORMAT_JSON:
		return fsc_report_json;
	case FSC_FORMAT_TEXT:
		break;
	}
	return NULL;
}

int fsc_report_main(const struct fsc_opts *o)
{
	const struct { const char *opt, *path; fsc_writer w; } files[] = {
		{ "--json", o->json_path, fsc_report_json },
		{ "--csv", o->csv_path, fsc_report_csv },
		{ "--markdown", o->markdown_path, fsc_report_markdown },
	};
	fsc_writer shown_as = format_writer(o->format);
	struct fsc_result p;
	struct fsc_opts *shown;
	FILE *text = fsc_opts_stdout_taken(o) ? stderr : stdout;
	char err[1024];
	int status = FSC_EXIT_OK;

	if (fsc_opts_check_outputs(o, err, sizeof(err)) < 0 ||
	    (shown_as && fsc_opts_stdout_taken(o) &&
	     snprintf(err, sizeof(err), "--format %s and a result file both "
		      "go to standard output; only one can",
		      o->format == FSC_FORMAT_MARKDOWN ? "markdown" :
		      o->format == FSC_FORMAT_CSV ? "csv" : "json"))) {
		fsc_error("report: %s", err);
		return FSC_EXIT_USAGE;
	}
	if (fsc_result_load(&p, o->inputs[0], err, sizeof(err)) < 0) {
		fsc_error("report: %s", err);
		fsc_result_free(&p);
		return FSC_EXIT_USAGE;
	}
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (files[i].path && fsc_output_check(files[i].opt,
						      files[i].path, NULL, err,
						      sizeof(err)) < 0) {
			fsc_error("report: %s", err);
			fsc_result_free(&p);
			return FSC_EXIT_USAGE;
		}
	/* How to show it is this command's; what ran is the profile's. */
	shown = &p.source->opts;
	shown->iec = o->iec;
	shown->wide = o->wide;
	if (shown_as) {
		if (shown_as(stdout, &p) < 0 || fflush(stdout) != 0) {
			fsc_error("report: standard output: %s",
				  strerror(errno));
			status = FSC_EXIT_FAIL;
		}
	} else {
		fsc_report_header(text, &p);
		fsc_report_tables(text, &p);
		fflush(text);
	}
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (files[i].path && fsc_output_write(files[i].opt,
						      files[i].path,
						      files[i].w, &p, err,
						      sizeof(err)) < 0) {
			fsc_error("report: %s", err);
			status = FSC_EXIT_FAIL;
		}
	fsc_result_free(&p);
	return status;
}

const struct fsc_cmd fsc_cmd_report = {
	.line = { "report", "fsconc report PROFILE.json [--format FORMAT] "
		  "[--json|--csv|--markdown F]", 1, NULL,
		  fsc_opts_parse_tool },
	.exec = fsc_report_main,
};
