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
