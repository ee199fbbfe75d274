/* fuzz-profile.c - a libFuzzer target over the workload-profile parser:
 * the input is the text of a profile, applied by fsc_profile_parse() over
 * the defaults of a run, as --profile does.  It must come back (no exit,
 * no crash, no leak).  A refusal names the file and a line of it, no later
 * than the first line that fsconc-profile(5) does not allow (a section, a
 * NUL byte, a line over 197 characters, a line that is not key = value),
 * and such a line is always refused.  What it accepts is still a run, and
 * fsc_opts_check() either refuses it with a message or it keeps the
 * contracts of a run (contracts.c).  Built as a fuzzer with
 * --enable-fuzzing; replay.c runs its corpus in make check. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options.h"
#include "cmd/cmd.h"
#include "cli/profile.h"
#include "contracts.h"
#include "util/msg.h"

/* What fsc_profile_load() reads at most. */
#define MAX_INPUT (1 << 20)
/* fsconc-profile(5): "lines over 197 characters" are not allowed. */
#define MAX_LINE 197
#define NAME "fuzz.conf"

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

/* The lines of text (the last may lack its newline) into *nlines, and
 * the first that fsconc-profile(5) does not allow, or 0. */
static size_t first_bad_line(const char *text, size_t len, size_t *nlines)
{
	size_t lineno = 0, bad = 0;

	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *s = p;

		lineno++;
		p = nl ? nl + 1 : end;
		if (bad)
			continue;
		if (memchr(s, '\0', (size_t)(e - s))) {
			bad = lineno;
			continue;
		}
		if (lineno == 1 && e - s >= 3 &&
		    memcmp(s, "\xef\xbb\xbf", 3) == 0)
			s += 3;		/* a UTF-8 byte order mark */
		while (s < e && blank(*s))
			s++;
		if (nl && e > s && e[-1] == '\r')
			e--;		/* CRLF: the CR ends the line */
		if (e - s > MAX_LINE)
			bad = lineno;
		else if (s < e && *s == '[')
			bad = lineno;	/* a section */
		else if (s < e && *s != '#' && *s != ';' &&
			 !memchr(s, '=', (size_t)(e - s)) &&
			 !memchr(s, ':', (size_t)(e - s)))
			bad = lineno;	/* neither key = value nor a comment */
	}
	*nlines = lineno;
	return bad;
}

/* A refusal: "fuzz.conf:LINE: what is wrong", LINE a line of the text
 * and no later than the first bad one.  Control characters are left to
 * fsc_opts_parse(), which replaces them with '?' (fsc_printable()) for
 * every message it passes on; after that, one line. */
static void check_refusal(const char *err, size_t nlines, size_t bad)
{
	const char *p = err + strlen(NAME ":");
	char line[512];
	size_t n = 0;

	if (strncmp(err, NAME ":", strlen(NAME ":")) != 0)
		broken("a refusal that does not name the profile", err);
	if (*p < '1' || *p > '9')
		broken("a refusal without a line number", err);
	for (; *p >= '0' && *p <= '9' && n <= nlines; p++)
		n = n * 10 + (size_t)(*p - '0');
	if (n > nlines)
		broken("a refusal past the last line", err);
	if (bad && n > bad)
		broken("a refusal after the first bad line", err);
	if (strncmp(p, ": ", 2) != 0 || !p[2])
		broken("a refusal without its reason", err);
	snprintf(line, sizeof(line), "%s", err);
	check_message(fsc_printable(line));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[] = { "fsconc", NULL }, *text, err[512];
	struct fsc_opts o;
	size_t nlines, bad;
	int rc;

	if (size > MAX_INPUT)
		return 0;
	/* A copy of exactly size bytes, no NUL after them: a read past the
	 * end is one that AddressSanitizer sees, in a replay too. */
	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	bad = first_bad_line(text, size, &nlines);

	if (fsc_cmd_parse(&o, 1, argv, err, sizeof(err)) != 0)
		broken("the defaults of a run are refused", err);
	memset(err, 'x', sizeof(err));
	rc = fsc_profile_parse(text, size, NAME, fsc_opts_set_from, &o, err,
			       sizeof(err));
	if (!memchr(err, '\0', sizeof(err)))
		broken("an unterminated message", "");
	if (rc != 0 && rc != -1)
		broken("fsc_profile_parse: unexpected return", "");
	if (strcmp(o.command, FSC_RUN) != 0)
		broken("a profile changed the command", "");
	if (rc < 0) {
		check_refusal(err, nlines, bad);
	} else if (bad) {
		snprintf(err, sizeof(err), "line %zu", bad);
		broken("accepted a line fsconc-profile(5) does not allow", err);
	} else if (fsc_opts_check(&o, err, sizeof(err)) < 0) {
		check_message(err);
	} else {
		check_run(&o);
	}
	fsc_opts_free(&o);
	free(text);
	return 0;
}
