/* why.h - what limited a trial: the disks' and the CPUs' figures over its
 * rounds, and the rules that name a verdict's reason from them (fsconc(1),
 * WHY).  The rules are arithmetic on figures, for a live run and a loaded
 * profile alike. */
#ifndef FSC_WHY_H
#define FSC_WHY_H

#include <stdbool.h>
#include <stddef.h>

#include "devstat.h"
#include "plan.h"

/* A trial's figures: medians over its counted rounds. */
struct fsc_trial_why {
	unsigned ndev;
	struct fsc_devfig dev[FSC_DEV_MAX];	/* each disk's medians */
	unsigned busiest;			/* index into dev, or ndev */
	double cpus, cpus_busy;			/* as in a round; NAN */
};

void fsc_why_trial(const struct fsc_trial_spec *t, struct fsc_trial_why *out);

/* "vda 97% busy, 212 MB/s" (each disk, comma-separated), or "" when no
 * disk was followed. */
char *fsc_why_devices(char *buf, size_t len, const struct fsc_trial_why *w,
		      bool iec);

/* "0.98 of 1 CPU", or "" when unknown. */
char *fsc_why_cpus(char *buf, size_t len, const struct fsc_trial_why *w);

#endif
