/* why.c - the figures behind a verdict and its reason (fsconc(1), WHY). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stats.h"
#include "units.h"
#include "why.h"

/* The median of the finite values among v[0..n). */
static double median_finite(double *v, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i]))
			v[k++] = v[i];
	return k ? fsc_median(v, k) : NAN;
}

void fsc_why_trial(const struct fsc_trial_spec *t, struct fsc_trial_why *out)
{
	unsigned n = t->done < 1024 ? t->done : 1024;
	double busy[1024], rate[1024], fly[1024], wr[1024], by[1024];

	memset(out, 0, sizeof(*out));
	/* The disks of the first round: every round samples the same. */
	for (unsigned i = 0; n && i < t->rounds[0].ndev; i++) {
		struct fsc_devfig *d = &out->dev[out->ndev];
		unsigned k = 0;

		snprintf(d->name, sizeof(d->name), "%s",
			 t->rounds[0].dev[i].name);
		for (unsigned r = 0; r < n; r++)
			for (unsigned j = 0; j < t->rounds[r].ndev; j++) {
				const struct fsc_devfig *f = &t->rounds[r].dev[j];

				if (strcmp(f->name, d->name))
					continue;
				busy[k] = f->busy;
				rate[k] = f->bytes_per_sec;
				fly[k] = f->in_flight;
				wr[k] = (double)f->writes;
				by[k] = (double)f->bytes;
				k++;
				break;
			}
		if (!k)
			continue;
		d->busy = median_finite(busy, k);
		d->bytes_per_sec = median_finite(rate, k);
		d->in_flight = median_finite(fly, k);
		d->writes = (uint64_t)median_finite(wr, k);
		d->bytes = (uint64_t)median_finite(by, k);
		out->ndev++;
	}
	for (unsigned r = 0; r < n; r++) {
		busy[r] = t->rounds[r].cpus;
		rate[r] = t->rounds[r].cpus_busy;
	}
	out->cpus = median_finite(busy, n);
	out->cpus_busy = median_finite(rate, n);
	out->busiest = out->ndev;
	for (unsigned i = 0; i < out->ndev; i++)
		if (isfinite(out->dev[i].busy) &&
		    (out->busiest == out->ndev ||
		     out->dev[i].busy > out->dev[out->busiest].busy))
			out->busiest = i;
}

char *fsc_why_devices(char *buf, size_t len, const struct fsc_trial_why *w,
		      bool iec)
{
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < w->ndev && used < len; i++) {
		const struct fsc_devfig *d = &w->dev[i];
		char rate[32];

		fsc_fmt_rate(rate, sizeof(rate), isfinite(d->bytes_per_sec) ?
			     d->bytes_per_sec : 0, iec);
		if (isfinite(d->busy))
			used += (size_t)snprintf(buf + used, len - used,
						 "%s%s %.0f%% busy, %s",
						 i ? ", " : "", d->name,
						 d->busy * 100, rate);
		else
			used += (size_t)snprintf(buf + used, len - used,
						 "%s%s %s", i ? ", " : "",
						 d->name, rate);
	}
	return buf;
}

char *fsc_why_cpus(char *buf, size_t len, const struct fsc_trial_why *w)
{
	buf[0] = '\0';
	if (isfinite(w->cpus) && isfinite(w->cpus_busy))
		snprintf(buf, len, "%.2f of %g CPU%s", w->cpus_busy, w->cpus,
			 w->cpus == 1 ? "" : "s");
	return buf;
}
