/* clock.h - the one clock fsconc measures with: CLOCK_MONOTONIC in ns. */
#ifndef FSC_CLOCK_H
#define FSC_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline uint64_t fsc_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

#endif
