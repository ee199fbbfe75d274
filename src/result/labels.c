/* labels.c - how a target set and a trial are named in reports. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "result/labels.h"

static char *join_targets(const struct fsc_result *p, unsigned set, char *buf,
			  size_t len, bool exact)
{
	const struct fsc_set *s = &p->sets[set];
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < s->ndirs && used < len; i++) {
		const struct fsc_target *t = &p->targets[s->dirs[i]];
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? " + " : "",
					 exact ? t->path : t->name);
	}
	return buf;
}

char *fsc_set_label(const struct fsc_result *p, unsigned set, char *buf,
		    size_t len)
{
	return join_targets(p, set, buf, len, false);
}

char *fsc_set_paths(const struct fsc_result *p, unsigned set, char *buf,
		    size_t len)
{
	return join_targets(p, set, buf, len, true);
}

char *fsc_set_fstypes(const struct fsc_result *p, unsigned set, char *buf,
		      size_t len)
{
	const struct fsc_set *s = &p->sets[set];
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < s->ndirs && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? " + " : "",
					 p->targets[s->dirs[i]].fstype);
	return buf;
}

char *fsc_trial_label(const struct fsc_trial_result *t, char *buf, size_t len)
{
	if (t->engine->concurrent)
		snprintf(buf, len, "%s\u00d7%u", t->engine->name, t->jobs);
	else
		snprintf(buf, len, "%s", t->engine->name);
	return buf;
}

/* Paths compare equal with trailing slashes aside: "/data/" is "/data". */
bool fsc_same_path(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	while (la > 1 && a[la - 1] == '/')
		la--;
	while (lb > 1 && b[lb - 1] == '/')
		lb--;
	return la == lb && memcmp(a, b, la) == 0;
}
