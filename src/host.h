/* host.h - what machine the numbers were measured on. */
#ifndef FSC_HOST_H
#define FSC_HOST_H

#include <stdint.h>

struct fsc_host {
	char hostname[256];
	char kernel[160];	/* "Linux 6.1.0-13-amd64" */
	char cpu_model[128];
	unsigned cores;		/* physical cores */
	unsigned pus;		/* logical CPUs online */
	uint64_t memory_bytes;
};

void fsc_host_read(struct fsc_host *h);

#endif
