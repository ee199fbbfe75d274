/* fuzz-options.c - a libFuzzer target over fsconc's pure parsers: the
 * input is a command line, arguments separated by NUL bytes, given to
 * fsc_cmd_parse(), and each argument on its own to fsc_parse_size().
 * Both must come back (no exit, no crash, no leak), and what they accept
 * or refuse must keep the contracts the program relies on (contracts.c).
 * Built as a fuzzer with --enable-fuzzing; replay.c runs its corpus in
 * make check. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options.h"
#include "cmd/cmd.h"
#include "contracts.h"
#include "util/units.h"

#define MAX_INPUT 8192
#define MAX_ARGS  256

/* A size the parser takes is digits and a known suffix, and reading
 * back the exact form fsconc prints gives the same number. */
static void check_size(const char *arg)
{
	char text[64], *sp;
	uint64_t v, again;
	int rc = fsc_parse_size(arg, &v);

	if (rc != 0 && rc != -EINVAL && rc != -ERANGE)
		broken("fsc_parse_size: unexpected return", arg);
	if (rc)
		return;
	if (arg[0] < '0' || arg[0] > '9')
		broken("fsc_parse_size took a size not starting with a digit",
		       arg);
	fsc_fmt_size(text, sizeof(text), v);	/* "256 MiB", "1000 B" */
	sp = strchr(text, ' ');
	if (!sp)
		broken("fsc_fmt_size: no unit", text);
	if (strcmp(sp + 1, "B") == 0)
		*sp = '\0';
	else
		memmove(sp, sp + 1, strlen(sp));
	if (fsc_parse_size(text, &again) || again != v)
		broken("a size does not read back as printed", text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *argv[MAX_ARGS + 2], err[512];
	struct fsc_opts o;
	int argc = 0, rc;

	if (size > MAX_INPUT)
		return 0;
	buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[argc++] = "fsconc";
	for (size_t i = 0; i <= size && argc <= MAX_ARGS; ) {
		argv[argc++] = buf + i;
		i += strlen(buf + i) + 1;
	}
	argv[argc] = NULL;

	rc = fsc_cmd_parse(&o, argc, argv, err, sizeof(err));
	if (rc != 0 && rc != -1)
		broken("fsc_cmd_parse: unexpected return", "");
	if (rc < 0)
		check_message(err);
	else if (strcmp(o.command, FSC_RUN) == 0)
		check_run(&o);
	else if (strcmp(o.command, "cleanup") == 0 && !o.cleanup_dir)
		broken("cleanup without a directory", "");
	fsc_opts_free(&o);

	for (int k = 1; k < argc; k++)
		check_size(argv[k]);
	free(buf);
	return 0;
}

