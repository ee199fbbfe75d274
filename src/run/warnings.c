/* warnings.c - the plan's warnings: each names what it saw, where, and
 * what it means for the figures (or what to change). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "result/labels.h"
#include "run/plan.h"
#include "run/warnings.h"
#include "util/units.h"
#include "util/xalloc.h"

static void add(struct fsc_result *p, const char *code, const char *fmt, ...)
{
	struct fsc_warning *w;
	va_list ap;

	p->warnings = xrealloc(p->warnings, p->nwarnings + 1,
			       sizeof(*p->warnings));
	w = &p->warnings[p->nwarnings++];
	w->code = code;
	va_start(ap, fmt);
	vsnprintf(w->text, sizeof(w->text), fmt, ap);
	va_end(ap);
}

/* The file system the writes into t land on: an overlay's upper layer's
 * when it is reachable from here, else t's own. */
static dev_t write_dev(const struct fsc_target *t)
{
	struct stat st;

	if (t->fp.upper_dir && stat(t->fp.upper_dir, &st) == 0)
		return st.st_dev;
	return t->dev;
}

/* Two targets on one device: the same file system (an overlay's upper
 * layer's counts), or file systems on the same disk (two partitions, or
 * volumes of one disk). */
static bool same_device(const struct fsc_target *a, const struct fsc_target *b)
{
	if (a->dev == b->dev || write_dev(a) == write_dev(b))
		return true;
	return a->fp.has_bdev && b->fp.has_bdev &&
	       strcmp(a->fp.bdev.name, b->fp.bdev.name) == 0;
}

static const char *device_of(const struct fsc_target *t, char *buf,
			     size_t len)
{
	if (t->fp.has_bdev)
		snprintf(buf, len, "%s", t->fp.bdev.name);
	else if (t->fp.upper_dir && t->fp.upper_fstype[0])
		snprintf(buf, len, "the %s of the overlay's upper layer %s",
			 t->fp.upper_fstype, t->fp.upper_dir);
	else if (t->fp.has_mount)
		snprintf(buf, len, "the %s at %s", t->fstype,
			 t->fp.mount.point);
	else
		snprintf(buf, len, "the %s of %s", t->fstype, t->name);
	return buf;
}

static void shared_device(struct fsc_result *p)
{
	char label[1024], dev[160];

	for (unsigned s = 0; s < p->nsets; s++) {
		const struct fsc_set *set = &p->sets[s];
		const struct fsc_target *first;
		bool all = true;

		if (set->ndirs < 2)
			continue;
		first = &p->targets[set->dirs[0]];
		for (unsigned i = 1; i < set->ndirs; i++)
			if (!same_device(first, &p->targets[set->dirs[i]]))
				all = false;
		if (all) {
			add(p, "shared-device", "%s: the split set shares one "
			    "device (%s): expect no added bandwidth",
			    fsc_set_label(p, s, label, sizeof(label)),
			    device_of(first, dev, sizeof(dev)));
			continue;
		}
		for (unsigned i = 0; i < set->ndirs; i++)
			for (unsigned j = i + 1; j < set->ndirs; j++) {
				const struct fsc_target *a =
					&p->targets[set->dirs[i]];
				const struct fsc_target *b =
					&p->targets[set->dirs[j]];
				if (same_device(a, b))
					add(p, "shared-device", "%s and %s of "
					    "the split set share one device "
					    "(%s): expect less added bandwidth "
					    "than %u dirs suggest", a->name,
					    b->name, device_of(a, dev,
					    sizeof(dev)), set->ndirs);
			}
	}
}

static void page_cache(struct fsc_result *p)
{
	const struct fsc_opts *o = p->opts;
	const struct fsc_dirty *d = &p->host.dirty;
	uint64_t bytes = o->files * o->size;
	char where[1024] = "", a[32], b[32], how[96];
	size_t used = 0, n = 0;

	/* --size 0 writes no data: nothing waits in the page cache. */
	if (o->fsync != FSC_FSYNC_NONE || o->direct || !d->limit_bytes ||
	    bytes > d->limit_bytes || !o->size)
		return;
	for (size_t i = 0; i < p->ntargets && used < sizeof(where); i++) {
		const struct fsc_target *t = &p->targets[i];
		if (t->fp.memory_backed)
			continue;	/* memory is the device there */
		used += (size_t)snprintf(where + used, sizeof(where) - used,
					 "%s%s (%s)", n++ ? ", " : "", t->name,
					 t->fstype);
	}
	if (!n)
		return;
	if (d->dirty_bytes)
		snprintf(how, sizeof(how), "vm.dirty_bytes");
	else
		snprintf(how, sizeof(how), "vm.dirty_ratio %u%% of %s "
			 "dirtyable memory", d->dirty_ratio,
			 fsc_fmt_bytes(b, sizeof(b), d->dirtyable_bytes, true));
	add(p, "page-cache", "%s per trial fits under the dirty page-cache "
	    "limit (%s, %s): on %s this measures the page cache, not the "
	    "device; add --fsync end or --direct to include the device",
	    fsc_fmt_bytes(a, sizeof(a), bytes, true),
	    fsc_fmt_bytes(b, sizeof(b), d->limit_bytes, true), how, where);
}

static void direct_memory(struct fsc_result *p)
{
	if (!p->opts->direct)
		return;
	for (size_t i = 0; i < p->ntargets; i++) {
		const struct fsc_target *t = &p->targets[i];
		if (t->fp.memory_backed)
			add(p, "direct-memory", "--direct on %s (%s): a "
			    "memory file system has no device to go direct "
			    "to; the writes are still memory copies, and its "
			    "figures are not direct I/O",
			    t->name, t->fp.upper_fstype[0] ?
			    t->fp.upper_fstype : t->fstype);
	}
}

void fsc_warnings_build(struct fsc_result *p)
{
	free(p->warnings);
	p->warnings = NULL;
	p->nwarnings = 0;
	shared_device(p);
	page_cache(p);
	direct_memory(p);
}
