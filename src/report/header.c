/* header.c - the head of the text report, printed before the first
 * write (fsconc(1), OUTPUT): the workload, the host, each target, the run
 * ahead, and what was skipped or warned of. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "host/fingerprint.h"
#include "report/layout.h"
#include "report/report-table.h"
#include "util/progress.h"
#include "util/units.h"

static void target_lines(FILE *out, const struct fsc_target *t)
{
	const struct fsc_fingerprint *fp = &t->fp;
	const struct fsc_blockdev *b = &fp->bdev;
	char fr[32], dev[160], line[1024];
	size_t n = 0;

	if (t->size_unknown)
		fsc_say(out, "target: ", "%s: %s, no size reported (statvfs), "
		    "so free space is not checked", t->name, t->fstype);
	else
		fsc_say(out, "target: ", "%s: %s, %s free, %llu inodes free",
		    t->name, t->fstype, fsc_fmt_bytes(fr, sizeof(fr),
						      t->free_bytes, false),
		    (unsigned long long)t->free_inodes);
	if (fp->has_mount)
		fsc_say(out, "        ", "mount %s from %s (%s; %s)",
		    fp->mount.point, fp->mount.source, fp->mount.options,
		    fp->mount.super_options);
	if (fp->upper_dir)
		fsc_say(out, "        ", "overlay: writes go to %s (%s)",
		    fp->upper_dir, fp->upper_fstype[0] ? fp->upper_fstype :
		    "unknown: not reachable from here");
	if (!fp->has_bdev) {
		fsc_say(out, "        ", "device: none (%s)",
		    fp->memory_backed ? "memory" :
		    "network or virtual file system");
		return;
	}
	fsc_app(line, sizeof(line), &n, "device: %s",
	    fsc_blockdev_label(b, dev, sizeof(dev)));
	if (b->model[0])
		fsc_app(line, sizeof(line), &n, " %s", b->model);
	if (b->rotational >= 0)
		fsc_app(line, sizeof(line), &n, ", %s", b->rotational ?
		    "rotational" : "non-rotational");
	if (b->scheduler[0])
		fsc_app(line, sizeof(line), &n, ", scheduler %s", b->scheduler);
	if (b->logical_block_size)
		fsc_app(line, sizeof(line), &n, ", %u-byte logical blocks",
		    b->logical_block_size);
	if (b->write_cache[0])
		fsc_app(line, sizeof(line), &n, ", %s cache", b->write_cache);
	if (b->numa_node >= 0)
		fsc_app(line, sizeof(line), &n, ", NUMA node %d", b->numa_node);
	if (b->backing_file[0])
		fsc_app(line, sizeof(line), &n, ", backed by %s",
		    b->backing_file);
	fsc_say(out, "        ", "%s", line);
}

/* Under MPI: "ranks:  12 MPI ranks on 3 hosts: a (4), b (4), c (4)". */
static void ranks_line(FILE *out, const struct fsc_result *p)
{
	const unsigned shown = 8;
	char line[2048];
	size_t n = 0;

	fsc_app(line, sizeof(line), &n, "%u MPI ranks on %u host%s:", p->nranks,
	    p->nhosts, p->nhosts == 1 ? "" : "s");
	for (unsigned h = 0; h < p->nhosts && h < shown; h++) {
		unsigned k = 0;

		for (unsigned r = 0; r < p->nranks; r++)
			k += p->rank_host[r] == h;
		fsc_app(line, sizeof(line), &n, "%s %s (%u)", h ? "," : "",
		    p->hosts[h], k);
	}
	if (p->nhosts > shown)
		fsc_app(line, sizeof(line), &n, " and %u more",
		    p->nhosts - shown);
	fsc_say(out, "ranks:  ", "%s; each writes the workload into a "
	    "directory of its own (the host and targets shown are rank 0's)",
	    line);
}

/* Rates for the guess of how long a run takes (bytes/s): into memory or
 * the page cache, and through to a device that spins or does not. */
#define GUESS_CACHED 1.0e9
#define GUESS_ROTATIONAL 150e6
#define GUESS_SOLID 500e6

/* A rough guess of the seconds a run takes, from what each target is:
 * memory, or a page cache the trial fits in, or a device. */
static double guess_seconds(const struct fsc_result *p)
{
	const struct fsc_opts *o = p->opts;
	const struct fsc_dirty *d = &p->host.dirty;
	double secs = 0;

	for (size_t i = 0; i < p->ntrials; i++) {
		const struct fsc_set *s = &p->sets[p->trials[i].set];

		for (unsigned k = 0; k < s->ndirs; k++) {
			const struct fsc_target *tg = &p->targets[s->dirs[k]];
			uint64_t bytes = fsc_plan_bytes_on(p,
				p->trials[i].set, s->dirs[k]);
			bool cached = tg->fp.memory_backed ||
				(!o->direct && o->fsync == FSC_FSYNC_NONE &&
				 d->limit_bytes && o->files * o->size <
				 d->limit_bytes);
			double rate = cached ? GUESS_CACHED :
				tg->fp.bdev.rotational == 1 ?
				GUESS_ROTATIONAL : GUESS_SOLID;

			secs += (double)bytes / rate * (o->verify ? 2 : 1);
		}
	}
	return secs * (o->warmup + o->rounds);
}

/* "run:    40 trials of 80 MiB, 3.4 GB written in all; about 20 s (a
 * guess)": before the first write. */
static void run_line(FILE *out, const struct fsc_result *p)
{
	const struct fsc_opts *o = p->opts;
	unsigned trials = (unsigned)p->ntrials * (o->warmup + o->rounds);
	uint64_t each = o->files * o->size;
	char one[32], all[32], secs[32];

	fsc_say(out, "run:    ", "%s%u trial%s of %s, %s written%s%s; about %s "
	    "(a guess)%s", o->rounds_auto ? "at least " : "", trials,
	    trials == 1 ? "" : "s",
	    fsc_fmt_bytes(one, sizeof(one), each, true),
	    fsc_fmt_bytes(all, sizeof(all), (uint64_t)trials * each *
			  (p->nranks > 1 ? p->nranks : 1), o->iec),
	    o->rounds_auto ? "" : " in all",
	    p->nranks > 1 ? " by all ranks" : "",
	    fsc_fmt_duration(secs, sizeof(secs), guess_seconds(p)),
	    o->rounds_auto ? "; then more rounds while a verdict is "
	    "inconclusive, within the budget" : "");
}

/* "3 rounds", or "3 rounds or more until decisive (budget 20 s, 8 GB)". */
static char *rounds_planned(char *buf, size_t len, const struct fsc_opts *o)
{
	char secs[32] = "", bytes[32] = "";

	if (!o->rounds_auto) {
		snprintf(buf, len, "%u round%s", o->rounds,
			 o->rounds == 1 ? "" : "s");
		return buf;
	}
	if (o->budget_ns)
		snprintf(secs, sizeof(secs), "%g s",
			 (double)o->budget_ns / 1e9);
	if (o->budget_bytes)
		fsc_fmt_bytes(bytes, sizeof(bytes), o->budget_bytes,
			      o->iec);
	snprintf(buf, len, "%u rounds or more until decisive (budget %s%s%s)",
		 o->rounds, secs, secs[0] && bytes[0] ? ", " : "", bytes);
	return buf;
}

/* "ceiling: hot copy 9.5 GB/s on one core, 17.0 GB/s on 2; first touch
 * 250 MB/s on one core, 475 MB/s on 2" (fsconc(1), CEILING). */
static void ceiling_line(FILE *out, const struct fsc_ceiling *c, bool iec)
{
	char c1[32], ca[32], t1[32], ta[32];

	fsc_fmt_rate(c1, sizeof(c1), c->copy_1, iec);
	fsc_fmt_rate(t1, sizeof(t1), c->touch_1, iec);
	if (c->cpus < 2) {
		fsc_say(out, "        ", "ceiling: hot copy %s, first touch %s "
			"(one core)", c1, t1);
		return;
	}
	fsc_fmt_rate(ca, sizeof(ca), c->copy_all, iec);
	fsc_fmt_rate(ta, sizeof(ta), c->touch_all, iec);
	fsc_say(out, "        ", "ceiling: hot copy %s on one core, %s on %u; "
		"first touch %s on one core, %s on %u", c1, ca, c->cpus, t1,
		ta, c->cpus);
}

void fsc_report_header(FILE *out, const struct fsc_result *p)
{
	const struct fsc_opts *o = p->opts;
	const struct fsc_host *h = &p->host;
	char size[32], bs[32], mem[32], lim[32], able[32], wall[48];
	char rounds[128], tree[48] = "";

	fsc_say_width(out);
	wall[0] = '\0';
	if (o->dirs_per_target)
		snprintf(tree, sizeof(tree), ", %u subdirector%s per target",
			 o->dirs_per_target, o->dirs_per_target == 1 ? "y" :
			 "ies");
	if (o->stonewall_ns)
		snprintf(wall, sizeof(wall), ", stonewall %g s",
			 (double)o->stonewall_ns / 1e9);
	fsc_say(out, "", "fsconc %s: %llu files \u00d7 %s, block %s, mode %s, "
	    "fsync %s%s%s%s%s; %s + %u warm-up", PACKAGE_VERSION,
	    (unsigned long long)o->files,
	    fsc_fmt_size(size, sizeof(size), o->size),
	    fsc_fmt_size(bs, sizeof(bs), o->block_size),
	    fsc_mode_name(o->mode), fsc_fsync_name(o->fsync),
	    o->direct ? ", O_DIRECT" : o->dontcache ? ", uncached" : "",
	    o->verify ? ", verified" : "", tree,
	    wall, rounds_planned(rounds, sizeof(rounds), o), o->warmup);
	fsc_say(out, "host:   ", "%s: %s, %u core%s (%u PU%s), %u NUMA node%s, "
	    "%s memory, %s", h->hostname, h->cpu_model, h->cores,
	    h->cores == 1 ? "" : "s", h->pus, h->pus == 1 ? "" : "s",
	    h->numa_nodes, h->numa_nodes == 1 ? "" : "s",
	    fsc_fmt_bytes(mem, sizeof(mem), h->memory_bytes, true),
	    h->kernel);
	if (strcmp(h->topology, "hwloc") != 0)
		fsc_say(out, "        ", "topology from %s", h->topology);
	if (h->dirty.limit_bytes) {
		fsc_fmt_bytes(lim, sizeof(lim), h->dirty.limit_bytes, true);
		fsc_fmt_bytes(able, sizeof(able), h->dirty.dirtyable_bytes,
			      true);
		if (h->dirty.dirty_bytes)
			fsc_say(out, "        ", "dirty page-cache limit %s "
			    "(vm.dirty_bytes)", lim);
		else
			fsc_say(out, "        ", "dirty page-cache limit %s "
			    "(vm.dirty_ratio %u%% of %s dirtyable)", lim,
			    h->dirty.dirty_ratio, able);
	}
	if (h->has_ceiling)
		ceiling_line(out, &h->ceiling, o->iec);
	if (p->nranks > 1)
		ranks_line(out, p);
	if (o->bind != FSC_BIND_NONE && !fsc_topo_pins())
		fsc_say(out, "bind:   ", "%s: off: the topology, from %s, is "
		    "not this machine's, so no writer is pinned",
		    fsc_bind_name(o->bind), h->topology);
	else if (o->bind != FSC_BIND_NONE)
		fsc_say(out, "bind:   ", "%s: writer k on the %s",
		    fsc_bind_name(o->bind), o->bind == FSC_BIND_CORE ?
		    "k-th core, round robin (the device's NUMA node first)"
		    : "NUMA node of the target's device, else the k-th node");
	for (size_t i = 0; i < p->ntargets; i++)
		target_lines(out, &p->targets[i]);
	run_line(out, p);
	if (p->default_note && p->ntargets > 1)
		fsc_say(out, "note:   ", "no --dir given: comparing %s with "
		    "/dev/shm", p->targets[0].name);
	else if (p->default_note)
		fsc_say(out, "note:   ", "no --dir given: measuring %s alone "
		    "(%s)", p->targets[0].name, p->default_note);
	for (size_t i = 0; i < p->nskipped; i++)
		fsc_say(out, "skip:   ", "%s: %s", p->skipped[i].engine,
		    p->skipped[i].why);
	for (size_t i = 0; i < p->nwarnings; i++)
		fsc_say(out, "warning: ", "%s", p->warnings[i].text);
}
