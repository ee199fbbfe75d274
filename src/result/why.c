/* why.c - the figures behind a verdict and its reason (fsconc(1), WHY). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "result/labels.h"
#include "result/stats.h"
#include "result/why.h"
#include "util/units.h"

/* The median of the finite values among v[0..n). */
static double median_finite(double *v, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i]))
			v[k++] = v[i];
	return k ? fsc_median(v, k) : NAN;
}

void fsc_why_trial(const struct fsc_trial_result *t, struct fsc_trial_why *out)
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
		d->cap_bps = t->rounds[0].dev[i].cap_bps;
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
		if (isfinite(d->busy) && isfinite(d->cap_bps) &&
		    d->cap_bps > 0) {
			char cap[32];

			fsc_fmt_rate(cap, sizeof(cap), d->cap_bps, iec);
			used += (size_t)snprintf(buf + used, len - used,
						 "%s%s %.0f%% busy, %s of %s "
						 "allowed", i ? ", " : "",
						 d->name, d->busy * 100, rate,
						 cap);
		} else if (isfinite(d->busy))
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

const char *fsc_why_rule_name(enum fsc_why_rule r)
{
	switch (r) {
	case FSC_WHY_DEVICE:
		return "device";
	case FSC_WHY_MEMORY:
		return "memory";
	case FSC_WHY_KWORKERS:
		return "kworkers";
	case FSC_WHY_CPU:
		return "cpu";
	case FSC_WHY_SUBMIT:
		return "submission";
	case FSC_WHY_NOISE:
		return "noise";
	case FSC_WHY_NONE:
		break;
	}
	return NULL;
}

/* Is rate within the shares [lo, hi] of ref? */
static bool matches(double rate, double ref, double lo, double hi)
{
	return ref > 0 && rate >= lo * ref && rate <= hi * ref;
}

static bool device_bound(const struct fsc_why_in *in, struct fsc_why *out)
{
	char cap[32], rate[32];
	bool busy = in->disk_busy >= FSC_WHY_BUSY;
	bool capped = isfinite(in->disk_cap) && in->disk_cap > 0 &&
		in->disk_cap_rate >= FSC_WHY_BUSY * in->disk_cap;

	if (in->memory_backed || !in->disk[0] || in->verdict == FSC_HELPS ||
	    (!busy && !capped) ||
	    !matches(in->base_disks_rate, in->base_rate, FSC_WHY_MATCH_LOW,
		     FSC_WHY_MATCH_HIGH))
		return false;
	out->rule = FSC_WHY_DEVICE;
	if (busy) {
		snprintf(out->text, sizeof(out->text), "concurrency cannot "
			 "help: %s was already %.0f%% busy writing one file "
			 "at a time", in->disk, in->disk_busy * 100);
		return true;
	}
	fsc_fmt_rate(cap, sizeof(cap), in->disk_cap, in->iec);
	fsc_fmt_rate(rate, sizeof(rate), in->disk_cap_rate, in->iec);
	snprintf(out->text, sizeof(out->text), "concurrency cannot help: "
		 "fsconc's cgroup may write %s to %s, and one file at a time "
		 "already wrote %s", cap, in->disk, rate);
	return true;
}

static bool memory_bound(const struct fsc_why_in *in, struct fsc_why *out)
{
	double share;

	if (!in->buffered || in->fsync || in->memory_backed || !in->disk[0] ||
	    !(in->base_rate > 0) || !(in->best_rate > 0) ||
	    !(in->base_disks_busy < FSC_WHY_IDLE) ||
	    !(in->best_disks_busy < FSC_WHY_IDLE) ||
	    !(in->base_disks_rate < FSC_WHY_IDLE * in->base_rate) ||
	    !(in->best_disks_rate < FSC_WHY_IDLE * in->best_rate))
		return false;
	share = in->base_disks_rate / in->base_rate;
	out->rule = FSC_WHY_MEMORY;
	snprintf(out->text, sizeof(out->text), "you measured memory, not the "
		 "device: %s wrote %.0f%% of pwrite's bytes while it ran and "
		 "was %.0f%% busy; add --fsync end", in->disk, share * 100,
		 in->base_disks_busy * 100);
	return true;
}

static bool kworkers_bound(const struct fsc_why_in *in, struct fsc_why *out)
{
	if (!in->buffered || in->verdict == FSC_HELPS ||
	    !(in->kworkers_peak >= FSC_WHY_KWORKERS_MIN) ||
	    !(in->kworkers_peak > in->cpus))
		return false;
	out->rule = FSC_WHY_KWORKERS;
	snprintf(out->text, sizeof(out->text), "%s handed the writes that "
		 "would block to %.0f kernel workers (io-wq), up to %.0f at "
		 "once, contending for %g CPU%s", in->best, in->kworkers,
		 in->kworkers_peak, in->cpus, in->cpus == 1 ? "" : "s");
	return true;
}

static bool cpu_bound(const struct fsc_why_in *in, struct fsc_why *out)
{
	bool full = in->cpus > 0 &&
		in->cpus_busy >= FSC_WHY_CPU_SHARE * in->cpus;
	/* One writer copying as fast as its CPU allows, and the concurrent
	 * trial had more CPUs to copy with. */
	bool base_full = in->verdict == FSC_HELPS && in->base_cpus > 0 &&
		in->base_cpus_busy >= FSC_WHY_CPU_SHARE * in->base_cpus &&
		in->cpus > in->base_cpus;

	if (!full && !base_full)
		return false;
	out->rule = FSC_WHY_CPU;
	if (!full)
		snprintf(out->text, sizeof(out->text), "the work is CPU-bound: "
			 "pwrite kept %.2f of %g CPU%s busy, and %s could use "
			 "%g (it kept %.2f busy)", in->base_cpus_busy,
			 in->base_cpus, in->base_cpus == 1 ? "" : "s",
			 in->best, in->cpus, in->cpus_busy);
	else if (in->verdict == FSC_HELPS)
		snprintf(out->text, sizeof(out->text), "the work is CPU-bound "
			 "and %s kept %.2f of %g CPUs busy", in->best,
			 in->cpus_busy, in->cpus);
	else
		snprintf(out->text, sizeof(out->text), "threads help only as "
			 "far as CPUs allow: %s kept %.2f of %g CPU%s busy",
			 in->best, in->cpus_busy, in->cpus,
			 in->cpus == 1 ? "" : "s");
	return true;
}

static bool submission_bound(const struct fsc_why_in *in,
			     struct fsc_why *out)
{
	if (!in->best_async || !(in->submit_share >= FSC_WHY_SUBMIT_SHARE))
		return false;
	out->rule = FSC_WHY_SUBMIT;
	snprintf(out->text, sizeof(out->text), "%s spent %.0f%% of the trial "
		 "in its submit call: the kernel did most writes as they were "
		 "submitted", in->best, in->submit_share * 100);
	return true;
}

static bool noisy(const struct fsc_why_in *in, struct fsc_why *out)
{
	size_t n;

	if (in->stall >= FSC_BUSY_STALL)
		n = (size_t)snprintf(out->text, sizeof(out->text), "the "
				     "machine was busy: tasks waited for a "
				     "CPU %.0f%% of the time", in->stall * 100);
	else if (in->steal >= FSC_BUSY_STEAL)
		n = (size_t)snprintf(out->text, sizeof(out->text), "the "
				     "machine was busy: the hypervisor stole "
				     "%.0f%% of its CPU time", in->steal * 100);
	else if (in->machine_busy >= FSC_WHY_MACHINE_BUSY &&
		 !(in->cpus_busy >= FSC_WHY_CPU_SHARE * in->cpus))
		n = (size_t)snprintf(out->text, sizeof(out->text), "the "
				     "machine was busy: its CPUs were %.0f%% "
				     "busy, %s's writers %.2f of %g",
				     in->machine_busy * 100, in->best,
				     in->cpus_busy, in->cpus);
	else if (in->spread > FSC_NOISY_SPREAD)
		n = (size_t)snprintf(out->text, sizeof(out->text), "the "
				     "rounds varied %.0f%%", in->spread * 100);
	else
		return false;
	(void)n;
	out->rule = FSC_WHY_NOISE;
	return true;
}

void fsc_why_decide(const struct fsc_why_in *in, struct fsc_why *out)
{
	memset(out, 0, sizeof(*out));
	if (device_bound(in, out) || memory_bound(in, out) ||
	    kworkers_bound(in, out) || cpu_bound(in, out) ||
	    submission_bound(in, out) || noisy(in, out))
		return;
	out->rule = FSC_WHY_NONE;
	snprintf(out->text, sizeof(out->text), "no rule explains it");
}

/* The set's disks' rate (all of them) and busiest share. */
static void disks_of(const struct fsc_trial_why *w, double *rate,
		     double *busy)
{
	*rate = w->ndev ? 0 : NAN;
	*busy = NAN;
	for (unsigned i = 0; i < w->ndev; i++) {
		if (isfinite(w->dev[i].bytes_per_sec))
			*rate += w->dev[i].bytes_per_sec;
		if (isfinite(w->dev[i].busy) && !(w->dev[i].busy <= *busy))
			*busy = w->dev[i].busy;
	}
}

void fsc_why_gather(const struct fsc_result *p, unsigned s,
		    struct fsc_why_in *in)
{
	const struct fsc_trial_result *base = fsc_result_baseline(p, s);
	const struct fsc_trial_result *best = fsc_result_best(p, s);
	const struct fsc_set *set = &p->sets[s];
	struct fsc_trial_why wb, wt;
	double user[1024], sys[1024];
	unsigned n;

	memset(in, 0, sizeof(*in));
	in->verdict = set->verdict.verdict;
	in->iec = p->opts->iec;
	in->buffered = !p->opts->direct;
	in->fsync = p->opts->fsync != FSC_FSYNC_NONE;
	in->memory_backed = true;
	for (unsigned i = 0; i < set->ndirs; i++)
		in->memory_backed &= p->targets[set->dirs[i]].fp.memory_backed;
	in->disk_busy = in->disk_cap = in->disk_cap_rate = NAN;
	in->base_rate = in->best_rate = NAN;
	in->base_disks_rate = in->base_disks_busy = NAN;
	in->best_disks_rate = in->best_disks_busy = NAN;
	in->cpus = in->cpus_busy = in->submit_share = NAN;
	in->kworkers = in->kworkers_peak = NAN;
	in->base_cpus = in->base_cpus_busy = NAN;
	in->spread = set->verdict.spread;
	in->stall = in->steal = in->machine_busy = NAN;
	if (!base || !best)
		return;
	fsc_trial_label(best, in->best, sizeof(in->best));
	in->best_async = best->engine->async;
	fsc_why_trial(base, &wb);
	fsc_why_trial(best, &wt);
	/* --size 0: the aggregate is in files/s, no rate in bytes to set
	 * beside the disks' (rules on bytes stay silent). */
	if (p->opts->size) {
		in->base_rate = base->agg.median;
		in->best_rate = best->agg.median;
	}
	/* The disk that says most of a limit: the busiest, or the one
	 * nearest its cgroup's write limit. */
	for (unsigned i = 0; i < wb.ndev; i++) {
		const struct fsc_devfig *d = &wb.dev[i];
		double cap = isfinite(d->cap_bps) && d->cap_bps > 0 ?
			d->bytes_per_sec / d->cap_bps : NAN;
		double key = fmax(isfinite(d->busy) ? d->busy : 0,
				  isfinite(cap) ? cap : 0);
		double cur = !in->disk[0] ? -1 :
			fmax(isfinite(in->disk_busy) ? in->disk_busy : 0,
			     isfinite(in->disk_cap) && in->disk_cap > 0 ?
			     in->disk_cap_rate / in->disk_cap : 0);

		if (key > cur) {
			snprintf(in->disk, sizeof(in->disk), "%s", d->name);
			in->disk_busy = d->busy;
			in->disk_cap = d->cap_bps;
			in->disk_cap_rate = d->bytes_per_sec;
		}
	}
	disks_of(&wb, &in->base_disks_rate, &in->base_disks_busy);
	disks_of(&wt, &in->best_disks_rate, &in->best_disks_busy);
	in->cpus = wt.cpus;
	in->cpus_busy = wt.cpus_busy;
	in->base_cpus = wb.cpus;
	in->base_cpus_busy = wb.cpus_busy;
	n = best->done < 1024 ? best->done : 1024;
	for (unsigned r = 0; r < n; r++)
		user[r] = best->rounds[r].submit_share;
	in->submit_share = median_finite(user, n);
	if (best->kworkers) {
		in->kworkers = best->kworkers;
		in->kworkers_peak = best->kworkers_peak;
	}
	in->stall = base->noise.psi[FSC_PSI_CPU];
	in->steal = base->noise.steal;
	/* The machine's CPUs while the verdict's trial ran, its own
	 * writers included. */
	n = best->done < 1024 ? best->done : 1024;
	for (unsigned r = 0; r < n; r++) {
		user[r] = best->rounds[r].noise.user;
		sys[r] = best->rounds[r].noise.system;
	}
	in->machine_busy = median_finite(user, n) + median_finite(sys, n);
}
