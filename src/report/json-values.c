/* json-values.c - the values the parts of the result profile share. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "report/json-values.h"
#include "util/xalloc.h"

json_t *fsc_json_u64(uint64_t v)
{
	return json_integer(v > (uint64_t)INT64_MAX ? INT64_MAX
			    : (json_int_t)v);
}

json_t *fsc_json_real(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

json_t *fsc_json_text(const char *s)
{
	json_t *j;
	char *copy;

	if (!s || !*s)
		return json_null();
	j = json_string(s);
	if (j)
		return j;
	copy = xstrdup(s);
	for (char *c = copy; *c; c++)
		if ((unsigned char)*c >= 0x80)
			*c = '?';
	j = json_string(copy);
	free(copy);
	return j ? j : json_null();
}

json_t *fsc_json_noise(const struct fsc_noise *n)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "load", fsc_json_real(n->load),
			 "steal", fsc_json_real(n->steal),
			 "iowait", fsc_json_real(n->iowait),
			 "user", fsc_json_real(n->user),
			 "system", fsc_json_real(n->system),
			 "psi_cpu", fsc_json_real(n->psi[FSC_PSI_CPU]),
			 "psi_io", fsc_json_real(n->psi[FSC_PSI_IO]),
			 "psi_memory", fsc_json_real(n->psi[FSC_PSI_MEMORY]));
}

json_t *fsc_json_paths(const struct fsc_result *p, unsigned set)
{
	const struct fsc_set *s = &p->sets[set];
	json_t *a = json_array();

	for (unsigned i = 0; i < s->ndirs; i++)
		json_array_append_new(a,
			fsc_json_text(p->targets[s->dirs[i]].path));
	return a;
}

json_t *fsc_json_timeline(const struct fsc_timeline *tl)
{
	json_t *b;

	if (!tl->n)
		return NULL;
	b = json_array();
	for (size_t k = 0; k < tl->n; k++)
		json_array_append_new(b, fsc_json_u64(tl->bytes[k]));
	return json_pack("{s:o, s:o}", "interval_ns",
			 fsc_json_u64(tl->interval_ns), "bytes", b);
}

/* The path of dir k of set, or null. */
static json_t *dir_path(const struct fsc_result *p, unsigned set, long k)
{
	const struct fsc_set *s = &p->sets[set];

	return k >= 0 && (unsigned long)k < s->ndirs ?
		fsc_json_text(p->targets[s->dirs[k]].path) : json_null();
}

json_t *fsc_json_file_stats(const struct fsc_result *p, unsigned set,
			    const struct fsc_round *r)
{
	const struct fsc_file_stats *fs = &r->fstats;
	const struct fsc_tail *t = &fs->tail;
	json_t *hist = json_array(), *rates, *slow = json_null();

	for (unsigned i = 0; fs->hist && i < FSC_HIST_BUCKETS; i++)
		if (fs->hist->bucket[i])
			json_array_append_new(hist, json_pack("[o, o]",
				fsc_json_u64(fsc_hist_lower(i)),
				fsc_json_u64(fs->hist->bucket[i])));
	rates = json_pack("{s:o, s:o, s:o, s:o, s:o}",
			  "min", fsc_json_real(fs->min),
			  "max", fsc_json_real(fs->max),
			  "mean", fsc_json_real(fs->mean),
			  "m2", fsc_json_real(fs->m2),
			  "histogram", hist);
	if (fs->has_slowest)
		slow = json_pack("{s:o, s:o, s:o}",
				 "file", fsc_json_u64(fs->slowest),
				 "dir", dir_path(p, set, fs->slowest_dir),
				 "bytes_per_sec",
				 fsc_json_real(fs->slowest_rate));
	return json_pack("{s:b, s:o, s:o, s:o, s:o, s:o, s:{s:o, s:o, s:o, "
			 "s:o, s:o, s:o, s:o}}",
			 "summarised", 1,
			 "files", fsc_json_u64(r->nfiles),
			 "file_detail", fsc_json_u64(fs->detail),
			 "rated", fsc_json_u64(fs->rated),
			 "bytes_per_sec", rates,
			 "slowest", slow,
			 "tail",
			 "start_ns", fsc_json_u64(t->start_ns),
			 "len_ns", fsc_json_u64(t->len_ns),
			 "share", fsc_json_real(t->share),
			 "file", t->file == SIZE_MAX ? json_null() :
				 fsc_json_u64(t->file),
			 "file_share", fsc_json_real(t->file_share),
			 "dir", dir_path(p, set, t->dir),
			 "dir_share", fsc_json_real(t->dir_share));
}

/* The dump as it goes: after the key that opens a timeline's array, its
 * line breaks and indents become one space (none after '[' or before
 * ']').  The key is the only array of that name in a profile. */
struct squeeze {
	FILE *out;
	size_t matched;		/* of the key, so far */
	bool inside;		/* in the array */
	bool skipping;		/* after a line break in it */
	char last;		/* the last character written */
};

static const char timeline_key[] = "\"bytes\": [";

static int squeeze_out(const char *buf, size_t size, void *data)
{
	struct squeeze *q = data;

	for (size_t i = 0; i < size; i++) {
		char ch = buf[i];

		if (q->inside && ch == '\n') {
			q->skipping = true;
			continue;
		}
		if (q->inside && q->skipping && ch == ' ')
			continue;
		if (q->inside && q->skipping && ch != ']' && q->last != '[' &&
		    putc(' ', q->out) == EOF)
			return -1;
		q->skipping = false;
		if (q->inside && ch == ']')
			q->inside = false;
		if (putc(ch, q->out) == EOF)
			return -1;
		q->last = ch;
		if (!q->inside) {
			q->matched = ch == timeline_key[q->matched] ?
				q->matched + 1 : ch == timeline_key[0];
			if (q->matched == sizeof(timeline_key) - 1) {
				q->inside = true;
				q->matched = 0;
			}
		}
	}
	return 0;
}

int fsc_json_dump(const json_t *root, FILE *out)
{
	struct squeeze q = { .out = out };

	return json_dump_callback(root, squeeze_out, &q, JSON_INDENT(2) |
				  JSON_PRESERVE_ORDER |
				  JSON_REAL_PRECISION(17));
}
