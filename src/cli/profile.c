/* profile.c - workload profiles: inih reads the "key = value" lines, and
 * each goes to the caller's function (the option of that name, as if
 * given on the command line: options.c). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

#include "cli/profile.h"
#include "util/xalloc.h"

/* A profile is a handful of lines; anything this big is a wrong file. */
#define MAX_PROFILE_BYTES (1 << 20)

struct parse {
	fsc_profile_line_fn *fn;
	void *ctx;
	const char *name;
	const char *p, *end;	/* the text not yet read */
	int lineno;		/* of the line last read */
	char *err;
	size_t errlen;
	bool failed;
	int failed_line;	/* the line of err, when failed */
};

static void failf(struct parse *ps, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (ps->failed)		/* the first error is the one to fix */
		return;
	ps->failed = true;
	ps->failed_line = ps->lineno;
	n = snprintf(ps->err, ps->errlen, "%s:%d: ", ps->name, ps->lineno);
	if (n < 0 || (size_t)n >= ps->errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(ps->err + n, ps->errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

/* A UTF-8 byte order mark, which some editors put before the first line. */
#define BOM "\xef\xbb\xbf"

/* What inih skips as a blank before a line: isspace() but the newline,
 * which ends the line. */
static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

/* inih's reader: one line per call, without its end ("\n" or "\r\n",
 * which inih would strip anyway).  Every leading blank inih knows goes,
 * so inih never takes an indented line for the continuation of the one
 * before (a profile line is a whole flag), and so does a byte order mark
 * before the first line; should that line start with a second mark, it
 * goes to inih behind a blank, so that inih does not skip that one too.
 * A section, a NUL byte or a line over size - 3 characters (room for its
 * end and inih's NUL: the 197 of fsconc-profile(5)) stops the parse with
 * an error rather than being split or cut. */
static char *read_line(char *buf, int size, void *stream)
{
	struct parse *ps = stream;
	const char *nl, *line;
	size_t n, k = 0;

	if (ps->failed || ps->p >= ps->end)
		return NULL;
	line = ps->p;
	nl = memchr(line, '\n', (size_t)(ps->end - line));
	n = nl ? (size_t)(nl - line) : (size_t)(ps->end - line);
	ps->p = nl ? nl + 1 : ps->end;
	ps->lineno++;
	if (memchr(line, '\0', n)) {
		failf(ps, "a NUL byte: not a text file");
		return NULL;
	}
	if (ps->lineno == 1 && n >= 3 && memcmp(line, BOM, 3) == 0) {
		line += 3;
		n -= 3;
	}
	while (n && blank(*line)) {
		line++;
		n--;
	}
	if (nl && n && line[n - 1] == '\r')
		n--;
	if (n && *line == '[') {
		failf(ps, "sections are not used: a profile is key = value "
		      "lines only");
		return NULL;
	}
	if (size < 3 || n > (size_t)size - 3) {
		failf(ps, "a line over %d characters", size - 3);
		return NULL;
	}
	if (ps->lineno == 1 && n >= 3 && memcmp(line, BOM, 3) == 0)
		buf[k++] = ' ';
	memcpy(buf + k, line, n);
	buf[k + n] = '\0';
	return buf;
}

static int on_key(void *user, const char *section, const char *key,
		  const char *value)
{
	struct parse *ps = user;
	char msg[512];

	(void)section;		/* always "": read_line refuses sections */
	if (ps->failed)
		return 1;
	if (ps->fn(ps->ctx, key, value, ps->name, ps->lineno, msg,
		   sizeof(msg)) < 0) {
		failf(ps, "%s", msg);
		return 0;
	}
	return 1;
}

int fsc_profile_parse(const char *text, size_t len, const char *name,
		      fsc_profile_line_fn *fn, void *ctx, char *err,
		      size_t errlen)
{
	struct parse ps = { fn, ctx, name, text, text + len, 0, err, errlen,
			    false, 0 };
	int line;

	err[0] = '\0';
	line = ini_parse_stream(read_line, &ps, on_key, &ps);
	/* inih goes on past a line that is not key = value, and returns the
	 * first such line (or the first whose on_key failed) only at the
	 * end: an error of ours on a later line is not the first. */
	if (ps.failed && (line <= 0 || line >= ps.failed_line))
		return -1;
	if (line > 0) {
		snprintf(err, errlen, "%s:%d: expected key = value (see "
			 "fsconc-profile(5))", name, line);
		return -1;
	}
	if (line < 0) {
		snprintf(err, errlen, "%s: the INI parser failed (%d)", name,
			 line);
		return -1;
	}
	return 0;
}

static bool is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Is this fsconc the one in its build tree (so the source tree's
 * profiles are the ones that go with it)? */
static bool uninstalled(void)
{
#ifdef FSC_BUILDDIR
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	size_t k = strlen(FSC_BUILDDIR);

	if (n <= 0)
		return false;
	self[n] = '\0';
	return strncmp(self, FSC_BUILDDIR, k) == 0 && self[k] == '/';
#else
	return false;
#endif
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Try dir/NAME.conf; add dir to the list of places looked at. */
static bool try_dir(const char *dir, size_t dirlen, const char *arg,
		    char *path, size_t len, char *looked, size_t looklen)
{
	size_t used = strlen(looked);

	if (!dirlen)
		return false;
	snprintf(looked + used, looklen - used, "%s%.*s", used ? ", " : "",
		 (int)dirlen, dir);
	if ((size_t)snprintf(path, len, "%.*s/%s%s", (int)dirlen, dir, arg,
			     FSC_PROFILE_SUFFIX) >= len)
		return false;
	return is_file(path);
}

int fsc_profile_find(const char *arg, char *path, size_t len, char *err,
		     size_t errlen)
{
	const char *env = getenv("FSCONC_PROFILE_PATH");
	char looked[2048] = "";

	if (!*arg) {
		snprintf(err, errlen, "--profile '': empty name");
		return -1;
	}
	if (strchr(arg, '/') || ends_with(arg, FSC_PROFILE_SUFFIX)) {
		if ((size_t)snprintf(path, len, "%s", arg) >= len) {
			snprintf(err, errlen, "--profile '%.40s...': path too "
				 "long", arg);
			return -1;
		}
		return 0;
	}
	for (const char *d = env; d && *d;) {
		const char *colon = strchr(d, ':');
		size_t n = colon ? (size_t)(colon - d) : strlen(d);

		if (try_dir(d, n, arg, path, len, looked, sizeof(looked)))
			return 0;
		d = colon ? colon + 1 : d + n;
	}
#ifdef FSC_PROFILEDIR
	if (try_dir(FSC_PROFILEDIR, strlen(FSC_PROFILEDIR), arg, path, len,
		    looked, sizeof(looked)))
		return 0;
#endif
#ifdef FSC_SRCPROFILEDIR
	if (uninstalled() && try_dir(FSC_SRCPROFILEDIR,
				     strlen(FSC_SRCPROFILEDIR), arg, path, len,
				     looked, sizeof(looked)))
		return 0;
#endif
	snprintf(err, errlen, "--profile '%s': no profile %s%s in %s; give a "
		 "path (with a '/') for a file elsewhere", arg, arg,
		 FSC_PROFILE_SUFFIX, looked[0] ? looked : "no directory");
	return -1;
}

int fsc_profile_load(const char *arg, fsc_profile_line_fn *fn, void *ctx,
		     char *err, size_t errlen)
{
	char path[PATH_MAX], msg[1024];
	char *buf;
	size_t n;
	int rc;

	if (fsc_profile_find(arg, path, sizeof(path), err, errlen) < 0)
		return -1;
	if (xreadinput(path, MAX_PROFILE_BYTES, &buf, &n, msg,
		       sizeof(msg)) < 0) {
		snprintf(err, errlen, "--profile '%s': %s: %s%s", arg, path,
			 msg, strncmp(msg, "over ", 5) == 0 ?
			 ": not a profile" : "");
		return -1;
	}
	rc = fsc_profile_parse(buf, n, path, fn, ctx, msg, sizeof(msg));
	free(buf);
	if (rc < 0)
		snprintf(err, errlen, "--profile %s: %s", arg, msg);
	return rc;
}
