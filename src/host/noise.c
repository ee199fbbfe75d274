/* noise.c - samplers of /proc for the machine's own noise. */
#include "config.h"

#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "host/noise.h"
#include "util/clock.h"
#include "util/xalloc.h"

int fsc_noise_parse_loadavg(const char *text, double *load1)
{
	double v;

	if (sscanf(text, "%lf", &v) != 1 || !(v >= 0))
		return -1;
	*load1 = v;
	return 0;
}

int fsc_noise_parse_cpu(const char *text, uint64_t *total, uint64_t *user,
			uint64_t *system, uint64_t *iowait, uint64_t *steal)
{
	uint64_t f[8];

	if (strncmp(text, "cpu ", 4) != 0)
		return -1;
	if (sscanf(text + 4, "%" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64
		   " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64, &f[0],
		   &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7]) != 8)
		return -1;
	*total = 0;
	for (int i = 0; i < 8; i++)
		*total += f[i];
	*user = f[0] + f[1];
	*system = f[2] + f[5] + f[6];
	*iowait = f[4];
	*steal = f[7];
	return 0;
}

int fsc_noise_parse_stat(const char *text, uint64_t *total, uint64_t *steal,
			 uint64_t *iowait)
{
	uint64_t user, system;

	return fsc_noise_parse_cpu(text, total, &user, &system, iowait,
				   steal);
}

int fsc_noise_parse_psi(const char *text, uint64_t *some_us)
{
	const char *t;

	if (strncmp(text, "some ", 5) != 0)
		return -1;
	t = strstr(text, " total=");
	if (!t || t > text + strcspn(text, "\n"))
		return -1;
	return sscanf(t + 7, "%" SCNu64, some_us) == 1 ? 0 : -1;
}

void fsc_noise_sample(struct fsc_noise_sample *s)
{
	static const char *const psi[FSC_NPSI] = {
		"/proc/pressure/cpu", "/proc/pressure/io",
		"/proc/pressure/memory",
	};
	char buf[512];

	memset(s, 0, sizeof(*s));
	s->load1 = NAN;
	if (fsc_read_small("/proc/loadavg", buf, sizeof(buf)) == 0)
		fsc_noise_parse_loadavg(buf, &s->load1);
	s->has_stat = fsc_read_small("/proc/stat", buf, sizeof(buf)) == 0 &&
		fsc_noise_parse_cpu(buf, &s->cpu_total, &s->cpu_user,
				    &s->cpu_system, &s->cpu_iowait,
				    &s->cpu_steal) == 0;
	for (int i = 0; i < FSC_NPSI; i++)
		s->has_psi[i] = fsc_read_small(psi[i], buf, sizeof(buf)) == 0 &&
			fsc_noise_parse_psi(buf, &s->psi_some_us[i]) == 0;
	s->t_ns = fsc_now_ns();
}

void fsc_noise_unknown(struct fsc_noise *n)
{
	n->load = n->steal = n->iowait = n->user = n->system = NAN;
	for (int i = 0; i < FSC_NPSI; i++)
		n->psi[i] = NAN;
}

/* (b - a) / d, NAN when the counters went back or d is 0. */
static double share(uint64_t a, uint64_t b, double d)
{
	if (b < a || !(d > 0))
		return NAN;
	return (double)(b - a) / d;
}

void fsc_noise_between(const struct fsc_noise_sample *a,
		       const struct fsc_noise_sample *b, struct fsc_noise *out)
{
	double us = (double)(b->t_ns - a->t_ns) / 1e3;

	fsc_noise_unknown(out);
	out->load = b->load1;
	if (a->has_stat && b->has_stat && b->cpu_total >= a->cpu_total) {
		double d = (double)(b->cpu_total - a->cpu_total);

		out->steal = share(a->cpu_steal, b->cpu_steal, d);
		out->iowait = share(a->cpu_iowait, b->cpu_iowait, d);
		out->user = share(a->cpu_user, b->cpu_user, d);
		out->system = share(a->cpu_system, b->cpu_system, d);
	}
	for (int i = 0; i < FSC_NPSI; i++)
		if (a->has_psi[i] && b->has_psi[i] && b->t_ns > a->t_ns) {
			out->psi[i] = share(a->psi_some_us[i],
					    b->psi_some_us[i], us);
			if (out->psi[i] > 1.0)	/* the two clocks differ */
				out->psi[i] = 1.0;
		}
}

double fsc_noise_level(const struct fsc_noise *n)
{
	double v[2 + FSC_NPSI] = { n->steal, n->iowait };
	double max = NAN;

	for (int i = 0; i < FSC_NPSI; i++)
		v[2 + i] = n->psi[i];
	for (int i = 0; i < 2 + FSC_NPSI; i++)
		if (!isnan(v[i]) && !(v[i] <= max))
			max = v[i];
	return max;
}

int fsc_cpu_max_parse(const char *text, double *cpus)
{
	double quota, period;

	if (strncmp(text, "max", 3) == 0 && (text[3] == ' ' || !text[3] ||
					     text[3] == '\n')) {
		*cpus = INFINITY;
		return 0;
	}
	if (sscanf(text, "%lf %lf", &quota, &period) != 2 || !(quota > 0) ||
	    !(period > 0))
		return -1;
	*cpus = quota / period;
	return 0;
}

int fsc_cfs_parse(const char *quota, const char *period, double *cpus)
{
	double q, p;

	if (sscanf(quota, "%lf", &q) != 1 || sscanf(period, "%lf", &p) != 1 ||
	    !(p > 0))
		return -1;
	*cpus = q > 0 ? q / p : INFINITY;	/* -1: no limit */
	return 0;
}

/* The lowest limit along the cgroup directory dir and its parents up to
 * the hierarchy's root mnt. */
static double cgroup_limit(const char *mnt, const char *dir, bool v2)
{
	char path[4096], cur[2048], buf[128], per[128];
	double lim = INFINITY, v;

	snprintf(cur, sizeof(cur), "%s", dir);
	for (;;) {
		size_t n = strlen(cur);

		while (n > 1 && cur[n - 1] == '/')
			cur[--n] = '\0';
		if (v2) {
			snprintf(path, sizeof(path), "%s%s/cpu.max", mnt, cur);
			if (fsc_read_small(path, buf, sizeof(buf)) == 0 &&
			    fsc_cpu_max_parse(buf, &v) == 0 && v < lim)
				lim = v;
		} else {
			snprintf(path, sizeof(path), "%s%s/cpu.cfs_quota_us",
				 mnt, cur);
			if (fsc_read_small(path, buf, sizeof(buf)) == 0) {
				snprintf(path, sizeof(path),
					 "%s%s/cpu.cfs_period_us", mnt, cur);
				if (fsc_read_small(path, per, sizeof(per)) == 0 &&
				    fsc_cfs_parse(buf, per, &v) == 0 &&
				    v < lim)
					lim = v;
			}
		}
		if (n <= 1)
			break;
		{
			char *slash = strrchr(cur, '/');

			if (!slash)
				break;
			if (slash == cur)
				slash[1] = '\0';
			else
				*slash = '\0';
		}
	}
	return lim;
}

double fsc_cpus_usable(void)
{
	cpu_set_t set;
	double cpus, lim = INFINITY;
	char buf[4096], *line, *save = NULL;

	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return NAN;
	cpus = CPU_COUNT(&set);
	if (fsc_read_small("/proc/self/cgroup", buf, sizeof(buf)) != 0)
		return cpus;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') :
			NULL;
		char ctl[256], mnt[512];
		double v;

		if (!c2)
			continue;
		snprintf(ctl, sizeof(ctl), "%.*s", (int)(c2 - c1 - 1), c1 + 1);
		if (!ctl[0]) {		/* v2: "0::/path" */
			v = cgroup_limit("/sys/fs/cgroup", c2 + 1, true);
		} else {
			/* v1: "4:cpu,cpuacct:/path", with cpu in the list */
			char *tok, *s2 = NULL, list[256];
			bool cpu = false;

			snprintf(list, sizeof(list), "%s", ctl);
			for (tok = strtok_r(list, ",", &s2); tok;
			     tok = strtok_r(NULL, ",", &s2))
				cpu |= strcmp(tok, "cpu") == 0;
			if (!cpu)
				continue;
			snprintf(mnt, sizeof(mnt), "/sys/fs/cgroup/%s", ctl);
			v = cgroup_limit(mnt, c2 + 1, false);
			if (isinf(v)) {
				snprintf(mnt, sizeof(mnt), "/sys/fs/cgroup/cpu");
				v = cgroup_limit(mnt, c2 + 1, false);
			}
		}
		if (v < lim)
			lim = v;
	}
	return lim < cpus ? lim : cpus;
}
