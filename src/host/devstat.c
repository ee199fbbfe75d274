/* devstat.c - the disks' own counters (fsconc(1), WHY). */
#include "config.h"

#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "host/devstat.h"
#include "util/clock.h"
#include "util/xalloc.h"

int fsc_devstat_parse(const char *line, struct fsc_devstat_counters *c)
{
	uint64_t f[11];

	/* reads, merged, sectors, ticks; writes, merged, sectors, ticks;
	 * in flight, io_ticks, time_in_queue (the kernel's
	 * Documentation/block/stat.rst). */
	if (sscanf(line, "%" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64
		   " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64
		   " %" SCNu64 " %" SCNu64, &f[0], &f[1], &f[2], &f[3], &f[4],
		   &f[5], &f[6], &f[7], &f[8], &f[9], &f[10]) != 11)
		return -1;
	c->writes = f[4];
	c->sectors = f[6];
	c->io_ticks_ms = f[9];
	c->queue_ms = f[10];
	return 0;
}

unsigned fsc_devstat_add(char names[][FSC_DEV_NAME], unsigned n,
			 const char *label)
{
	const char *p = label;

	while (*p && n < FSC_DEV_MAX) {
		size_t k = strcspn(p, "+");
		bool seen = false;

		if (k && k < FSC_DEV_NAME) {
			for (unsigned i = 0; i < n && !seen; i++)
				seen = strlen(names[i]) == k &&
					strncmp(names[i], p, k) == 0;
			if (!seen) {
				memcpy(names[n], p, k);
				names[n++][k] = '\0';
			}
		}
		p += k + (p[k] == '+');
	}
	return n;
}

void fsc_devstat_sample(struct fsc_devstat_sample *s, const char *sysfs,
			char names[][FSC_DEV_NAME], unsigned n)
{
	char path[256], buf[512];

	memset(s, 0, sizeof(*s));
	s->ndev = n < FSC_DEV_MAX ? n : FSC_DEV_MAX;
	for (unsigned i = 0; i < s->ndev; i++) {
		int fd;
		ssize_t k = -1;

		snprintf(s->name[i], FSC_DEV_NAME, "%s", names[i]);
		snprintf(path, sizeof(path), "%s/block/%s/stat", sysfs,
			 names[i]);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			k = read(fd, buf, sizeof(buf) - 1);
			close(fd);
		}
		if (k <= 0)
			continue;
		buf[k] = '\0';
		s->ok[i] = fsc_devstat_parse(buf, &s->c[i]) == 0;
	}
	s->t_ns = fsc_now_ns();
}

/* b - a, or 0 when the counter went back (the device was replaced). */
static uint64_t delta(uint64_t a, uint64_t b)
{
	return b >= a ? b - a : 0;
}

void fsc_devstat_figures(const struct fsc_devstat_counters *c0,
			 const struct fsc_devstat_counters *c1, uint64_t ns,
			 struct fsc_devfig *out)
{
	double ms = (double)ns / 1e6;

	out->cap_bps = INFINITY;
	out->writes = delta(c0->writes, c1->writes);
	out->bytes = delta(c0->sectors, c1->sectors) * 512;
	if (!(ms > 0)) {
		out->busy = out->bytes_per_sec = out->in_flight = NAN;
		return;
	}
	out->busy = (double)delta(c0->io_ticks_ms, c1->io_ticks_ms) / ms;
	/* io_ticks counts whole jiffies: over a short window it may pass
	 * the time itself. */
	if (out->busy > 1)
		out->busy = 1;
	out->bytes_per_sec = (double)out->bytes * 1e3 / ms;
	out->in_flight = (double)delta(c0->queue_ms, c1->queue_ms) / ms;
}

unsigned fsc_devstat_between(const struct fsc_devstat_sample *a,
			     const struct fsc_devstat_sample *b,
			     struct fsc_devfig *out)
{
	unsigned n = 0;

	for (unsigned i = 0; i < a->ndev && i < b->ndev; i++) {
		if (!a->ok[i] || !b->ok[i] || strcmp(a->name[i], b->name[i]))
			continue;
		memset(&out[n], 0, sizeof(out[n]));
		snprintf(out[n].name, FSC_DEV_NAME, "%s", a->name[i]);
		fsc_devstat_figures(&a->c[i], &b->c[i],
				    b->t_ns > a->t_ns ? b->t_ns - a->t_ns : 0,
				    &out[n]);
		n++;
	}
	return n;
}

/* The line of text for major:minor: its start after the "M:m ", or
 * NULL. */
static const char *line_of(const char *text, unsigned major, unsigned minor)
{
	const char *p = text;

	while (p && *p) {
		unsigned a, b;
		int n = 0;

		if (sscanf(p, "%u:%u %n", &a, &b, &n) == 2 && n > 0 &&
		    a == major && b == minor)
			return p + n;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

double fsc_io_max_wbps(const char *text, unsigned major, unsigned minor)
{
	const char *p = line_of(text, major, minor), *w;
	size_t len;

	if (!p)
		return INFINITY;
	len = strcspn(p, "\n");
	w = strstr(p, "wbps=");
	if (!w || w >= p + len || strncmp(w + 5, "max", 3) == 0)
		return INFINITY;
	return (double)strtoull(w + 5, NULL, 10);
}

double fsc_blkio_wbps(const char *text, unsigned major, unsigned minor)
{
	const char *p = line_of(text, major, minor);
	unsigned long long v;

	if (!p || sscanf(p, "%llu", &v) != 1 || v == 0)
		return INFINITY;
	return (double)v;
}

/* The lowest limit along dir and its parents under the hierarchy mnt. */
static double cap_along(const char *mnt, const char *dir, const char *file,
			bool v2, unsigned major, unsigned minor)
{
	char cur[2048], path[4096], buf[4096];
	double lim = INFINITY;

	snprintf(cur, sizeof(cur), "%s", dir);
	for (;;) {
		size_t n = strlen(cur);
		char *slash;

		while (n > 1 && cur[n - 1] == '/')
			cur[--n] = '\0';
		snprintf(path, sizeof(path), "%s%s/%s", mnt, cur, file);
		if (fsc_read_small(path, buf, sizeof(buf)) == 0) {
			double v = v2 ? fsc_io_max_wbps(buf, major, minor) :
				fsc_blkio_wbps(buf, major, minor);
			if (v < lim)
				lim = v;
		}
		slash = strrchr(cur, '/');
		if (n <= 1 || !slash)
			break;
		if (slash == cur)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	return lim;
}

double fsc_devstat_cap(const char *name)
{
	char path[256], buf[4096], *line, *save = NULL;
	unsigned major, minor;
	double lim = INFINITY;

	snprintf(path, sizeof(path), "/sys/block/%s/dev", name);
	if (fsc_read_small(path, buf, 64) != 0 ||
	    sscanf(buf, "%u:%u", &major, &minor) != 2)
		return INFINITY;
	if (fsc_read_small("/proc/self/cgroup", buf, sizeof(buf)) != 0)
		return INFINITY;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') :
			NULL;
		double v = INFINITY;

		if (!c2)
			continue;
		if (c2 == c1 + 1)		/* v2: "0::/path" */
			v = cap_along("/sys/fs/cgroup", c2 + 1, "io.max", true,
				      major, minor);
		else if ((size_t)(c2 - c1 - 1) == 5 &&
			 strncmp(c1 + 1, "blkio", 5) == 0)
			v = cap_along("/sys/fs/cgroup/blkio", c2 + 1,
				      "blkio.throttle.write_bps_device", false,
				      major, minor);
		if (v < lim)
			lim = v;
	}
	return lim;
}
