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
