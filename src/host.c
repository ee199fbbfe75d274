/* host.c - host facts from uname, sysconf and /proc/cpuinfo. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "host.h"

/* Physical cores: distinct (physical id, core id) pairs in /proc/cpuinfo. */
static void read_cpuinfo(struct fsc_host *h)
{
	char line[512];
	unsigned seen[1024][2], nseen = 0, phys = 0;
	FILE *f = fopen("/proc/cpuinfo", "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');
		unsigned v;

		if (!colon)
			continue;
		if (!h->cpu_model[0] && strncmp(line, "model name", 10) == 0) {
			char *s = colon + 1;
			while (*s == ' ' || *s == '\t')
				s++;
			s[strcspn(s, "\n")] = '\0';
			snprintf(h->cpu_model, sizeof(h->cpu_model), "%s", s);
		} else if (strncmp(line, "physical id", 11) == 0 &&
			   sscanf(colon + 1, "%u", &v) == 1) {
			phys = v;
		} else if (strncmp(line, "core id", 7) == 0 &&
			   sscanf(colon + 1, "%u", &v) == 1) {
			unsigned i;
			for (i = 0; i < nseen; i++)
				if (seen[i][0] == phys && seen[i][1] == v)
					break;
			if (i == nseen && nseen < 1024) {
				seen[nseen][0] = phys;
				seen[nseen][1] = v;
				nseen++;
			}
		}
	}
	fclose(f);
	h->cores = nseen;
}

void fsc_host_read(struct fsc_host *h)
{
	struct utsname u;
	long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
	long pus = sysconf(_SC_NPROCESSORS_ONLN);

	memset(h, 0, sizeof(*h));
	if (uname(&u) == 0) {
		snprintf(h->hostname, sizeof(h->hostname), "%s", u.nodename);
		snprintf(h->kernel, sizeof(h->kernel), "%s %s", u.sysname,
			 u.release);
	}
	read_cpuinfo(h);
	if (!h->cpu_model[0])
		snprintf(h->cpu_model, sizeof(h->cpu_model), "unknown CPU");
	h->pus = pus > 0 ? (unsigned)pus : 1;
	if (!h->cores || h->cores > h->pus)
		h->cores = h->pus;
	if (pages > 0 && psize > 0)
		h->memory_bytes = (uint64_t)pages * (uint64_t)psize;
}
