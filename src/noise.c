/* noise.c - samplers of /proc for the machine's own noise. */
#include "config.h"

#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "noise.h"

int fsc_noise_parse_loadavg(const char *text, double *load1)
{
	double v;

	if (sscanf(text, "%lf", &v) != 1 || !(v >= 0))
		return -1;
	*load1 = v;
	return 0;
}

int fsc_noise_parse_stat(const char *text, uint64_t *total, uint64_t *steal,
			 uint64_t *iowait)
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
	*iowait = f[4];
	*steal = f[7];
	return 0;
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

/* The start of a small /proc file, NUL-terminated; -1 when unreadable. */
static int slurp(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return 0;
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
	if (slurp("/proc/loadavg", buf, sizeof(buf)) == 0)
		fsc_noise_parse_loadavg(buf, &s->load1);
	s->has_stat = slurp("/proc/stat", buf, sizeof(buf)) == 0 &&
		fsc_noise_parse_stat(buf, &s->cpu_total, &s->cpu_steal,
				     &s->cpu_iowait) == 0;
	for (int i = 0; i < FSC_NPSI; i++)
		s->has_psi[i] = slurp(psi[i], buf, sizeof(buf)) == 0 &&
			fsc_noise_parse_psi(buf, &s->psi_some_us[i]) == 0;
	s->t_ns = fsc_now_ns();
}

void fsc_noise_unknown(struct fsc_noise *n)
{
	n->load = n->steal = n->iowait = NAN;
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
