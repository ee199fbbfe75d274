/* plot.c - fsconc plot: the script and data (plot-script.c) written into
 * a private temporary directory, gnuplot run there (fork and exec, no
 * shell), and the SVG it draws put where -o says, atomically. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/plot.h"
#include "cmd/plot-script.h"
#include "fsconc.h"
#include "report/output.h"
#include "result/result.h"
#include "util/msg.h"

/* The private directory's path, and gnuplot's: short enough that every
 * name built from them fits. */
#define DIRLEN 256
#define EXELEN 512

int fsc_plot_find_gnuplot(char *path, size_t len)
{
	const char *env = getenv("PATH");

	for (const char *d = env; d && *d;) {
		const char *colon = strchr(d, ':');
		size_t n = colon ? (size_t)(colon - d) : strlen(d);
		struct stat st;

		if ((size_t)snprintf(path, len, "%.*s/gnuplot", (int)n,
				     n ? d : ".") < len &&
		    stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(path, X_OK) == 0)
			return 0;
		d = colon ? colon + 1 : d + n;
	}
	return -1;
}

/* Run gnuplot on plot.gp in dir; its errors go to gnuplot.err.  0, or
 * -1 with err set. */
static int run_gnuplot(const char *gnuplot, const char *dir, char *err,
		       size_t len)
{
	char path[PATH_MAX], line[256] = "", last[256] = "";
	int status;
	pid_t pid;
	FILE *f;

	snprintf(path, sizeof(path), "%s/gnuplot.err", dir);
	pid = fork();
	if (pid < 0) {
		snprintf(err, len, "cannot start gnuplot: %s",
			 strerror(errno));
		return -1;
	}
	if (pid == 0) {
		char *const argv[] = { "gnuplot", "plot.gp", NULL };
		int in = open("/dev/null", O_RDONLY);
		int out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (in < 0 || out < 0 || chdir(dir) < 0 ||
		    dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
			_exit(126);
		execv(gnuplot, argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			snprintf(err, len, "waiting for gnuplot: %s",
				 strerror(errno));
			return -1;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	f = fopen(path, "r");
	/* gnuplot ends with the message: keep its last line of words. */
	while (f && fgets(last, sizeof(last), f)) {
		last[strcspn(last, "\n")] = '\0';
		if (last[strspn(last, " \t^")])
			memcpy(line, last, sizeof(line));
	}
	if (f)
		fclose(f);
	if (WIFEXITED(status))
		snprintf(err, len, "%s exited with status %d%s%s", gnuplot,
			 WEXITSTATUS(status), line[0] ? ": " : "", line);
	else
		snprintf(err, len, "%s was killed by signal %d", gnuplot,
			 WTERMSIG(status));
	return -1;
}

static int copy_svg(FILE *out, const void *arg)
{
	FILE *in = fopen(arg, "r");
	char buf[65536];
	size_t n;
	int rc = 0;

	if (!in)
		return -errno;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n) {
			rc = -EIO;
			break;
		}
	if (ferror(in))
		rc = -EIO;
	fclose(in);
	return rc;
}

/* The private directory and what was written in it (only files: the
 * script, its data, the SVG, gnuplot's messages). */
static void remove_scratch(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlinkat(dirfd(d), e->d_name, 0);
	if (d)
		closedir(d);
	rmdir(dir);
}

int fsc_plot_main(const struct fsc_opts *o)
{
	struct fsc_result r;
	struct fsc_sweep *sw;
	const char *tmpdir = getenv("TMPDIR");
	char gnuplot[EXELEN], dir[DIRLEN], svg[PATH_MAX], err[1024];
	struct stat st;
	size_t n;
	int rc;

	if (fsc_result_load(&r, o->inputs[0], err, sizeof(err)) < 0 ||
	    fsc_result_needs_data(&r, err, sizeof(err)) < 0 ||
	    (o->timeline && fsc_plot_timeline_check(&r, err, sizeof(err))) ||
	    fsc_output_check("-o", o->output, NULL, err, sizeof(err)) < 0) {
		fsc_error("plot: %s", err);
		fsc_result_free(&r);
		return FSC_EXIT_USAGE;
	}
	if (fsc_plot_find_gnuplot(gnuplot, sizeof(gnuplot)) < 0) {
		fsc_error("plot: gnuplot is not in PATH, and "
			"fsconc draws with it; install gnuplot-nox (Debian, "
			"Ubuntu) or your system's gnuplot package");
		fsc_result_free(&r);
		return FSC_EXIT_FAIL;
	}
	n = fsc_result_sweeps(&r, &sw);
	if (n > FSC_PLOT_MAX_SERIES) {
		fsc_error("plot: %s has %zu (target set, engine) "
			"series; a plot shows at most %d", r.source->name, n,
			FSC_PLOT_MAX_SERIES);
		fsc_sweeps_free(sw, n);
		fsc_result_free(&r);
		return FSC_EXIT_USAGE;
	}
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	if (snprintf(dir, sizeof(dir), "%s/fsconc-plot.XXXXXX", tmpdir) >=
	    (int)sizeof(dir)) {
		fsc_error("plot: TMPDIR %.40s...: longer than "
			"%d characters; set a shorter one", tmpdir,
			DIRLEN - 24);
		fsc_sweeps_free(sw, n);
		fsc_result_free(&r);
		return FSC_EXIT_FAIL;
	}
	if (!mkdtemp(dir)) {
		fsc_error("plot: cannot create a temporary "
			"directory %s: %s; set TMPDIR to a writable "
			"directory", dir, strerror(errno));
		fsc_sweeps_free(sw, n);
		fsc_result_free(&r);
		return FSC_EXIT_FAIL;
	}
	rc = o->timeline ? fsc_plot_timeline(dir, &r, o->iec) :
		fsc_plot_script(dir, &r, sw, n, o->iec);
	if (rc < 0)
		snprintf(err, sizeof(err), "writing the plot's data in %s: %s",
			 dir, strerror(-rc));
	else
		rc = run_gnuplot(gnuplot, dir, err, sizeof(err));
	snprintf(svg, sizeof(svg), "%s/plot.svg", dir);
	if (rc == 0 && (stat(svg, &st) < 0 || st.st_size == 0)) {
		snprintf(err, sizeof(err), "%s drew nothing", gnuplot);
		rc = -1;
	}
	if (rc == 0)
		rc = fsc_output_write_any("-o", o->output, copy_svg, svg, err,
					  sizeof(err));
	remove_scratch(dir);
	if (rc < 0)
		fsc_error("plot: %s", err);
	fsc_sweeps_free(sw, n);
	fsc_result_free(&r);
	return rc < 0 ? FSC_EXIT_FAIL : FSC_EXIT_OK;
}

const struct fsc_cmd fsc_cmd_plot = {
	.line = { "plot", "fsconc plot PROFILE.json -o FILE.svg [--timeline]", 1, "output",
		  fsc_opts_parse_tool },
	.exec = fsc_plot_main,
};
