/* memory.c - the memory a run may fill: the kernel's dirty page-cache
 * limit, the memory this process may use (cgroup, rlimits), and why a
 * thread could not start. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "host/memory.h"
#include "util/units.h"
#include "util/xalloc.h"

/* --- memory and the dirty limit --- */

/* "Key:   123 kB" in meminfo; "key 123" in vmstat. */
static bool field(const char *text, const char *key, uint64_t *out)
{
	size_t n = strlen(key);

	for (const char *p = text; p && *p; p = strchr(p, '\n'),
	     p = p ? p + 1 : NULL)
		if (strncmp(p, key, n) == 0 && (p[n] == ':' || p[n] == ' ')) {
			*out = strtoull(p + n + 1, NULL, 10);
			return true;
		}
	return false;
}

int fsc_vm_parse(struct fsc_vm *vm, const char *meminfo, const char *vmstat)
{
	uint64_t v;

	if (!meminfo || !field(meminfo, "MemTotal", &v))
		return -EINVAL;
	vm->mem_total = v * 1024;
	vm->mem_free = field(meminfo, "MemFree", &v) ? v * 1024 : 0;
	vm->active_file = field(meminfo, "Active(file)", &v) ? v * 1024 : 0;
	vm->inactive_file = field(meminfo, "Inactive(file)", &v) ?
		v * 1024 : 0;
	vm->threshold_pages = vmstat && field(vmstat, "nr_dirty_threshold", &v)
		? v : 0;
	return 0;
}

int fsc_vm_read(struct fsc_vm *vm)
{
	char *meminfo = xreadfile("/proc/meminfo");
	char *vmstat = xreadfile("/proc/vmstat");
	char *s;
	long ps = sysconf(_SC_PAGESIZE);
	int rc;

	memset(vm, 0, sizeof(*vm));
	vm->page_size = ps > 0 ? (uint64_t)ps : 4096;
	vm->dirty_ratio = 20;	/* the kernel's default */
	rc = fsc_vm_parse(vm, meminfo, vmstat);
	if ((s = xreadfile("/proc/sys/vm/dirty_bytes"))) {
		vm->dirty_bytes = strtoull(s, NULL, 10);
		free(s);
	}
	if ((s = xreadfile("/proc/sys/vm/dirty_ratio"))) {
		vm->dirty_ratio = (unsigned)strtoul(s, NULL, 10);
		free(s);
	}
	free(meminfo);
	free(vmstat);
	return rc;
}

/* The kernel (mm/page-writeback.c, domain_dirty_limits()) takes
 *
 *   dirtyable = free pages - reserved pages + active file + inactive file
 *   limit     = vm.dirty_bytes rounded up to pages, when it is set,
 *               else vm.dirty_ratio % of dirtyable
 *
 * /proc/meminfo shows all of these but the reserve (the watermarks and
 * lowmem reserves, well under 1 % of memory), so the computed limit is a
 * shade high.  /proc/vmstat's nr_dirty_threshold is the kernel's own
 * figure of the moment: when it is there, it wins. */
void fsc_dirty_compute(const struct fsc_vm *vm, struct fsc_dirty *out)
{
	uint64_t page = vm->page_size ? vm->page_size : 4096;

	memset(out, 0, sizeof(*out));
	out->dirty_bytes = vm->dirty_bytes;
	out->dirty_ratio = vm->dirty_ratio;
	out->dirtyable_bytes = vm->mem_free + vm->active_file +
		vm->inactive_file;
	if (vm->dirty_bytes)
		out->limit_bytes = (vm->dirty_bytes + page - 1) / page * page;
	else
		out->limit_bytes = out->dirtyable_bytes / 100 *
			vm->dirty_ratio + out->dirtyable_bytes % 100 *
			vm->dirty_ratio / 100;
	if (vm->threshold_pages) {
		out->limit_bytes = vm->threshold_pages * page;
		out->from_vmstat = true;
	}
	if (vm->mem_total && out->limit_bytes > vm->mem_total)
		out->limit_bytes = vm->mem_total;
}

/* --- the memory this process may use --- */

/* mountinfo writes a space, a tab, a newline and a backslash in a path as
 * \040, \011, \012, \134: undo that in place. */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++, d++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
				    (s[3] - '0'));
			s += 3;
		} else {
			*d = *s;
		}
	}
	*d = '\0';
}

/* Is word one of the comma-separated words of list? */
static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p; p = strchr(p, ','), p = p ? p + 1 : NULL)
		if (strncmp(p, word, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}

/* The limit a cgroup directory sets: cgroup v2's memory.max ("max" for
 * none), v1's memory.limit_in_bytes (unlimited is a figure near 2^63). */
static bool cgroup_file_limit(const char *dir, bool v2, uint64_t *out)
{
	char path[PATH_MAX], *s, *end;
	unsigned long long v;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, v2 ?
			     "memory.max" : "memory.limit_in_bytes") >=
	    sizeof(path) || !(s = xreadfile(path)))
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || (*end && *end != '\n') || v >= 1ULL << 62) {
		free(s);
		return false;
	}
	free(s);
	*out = v;
	return true;
}

/* The least limit of cgroup cg and of its parents, in the hierarchy
 * mounted at mnt (under sysroot) that shows the cgroup root as its root. */
static void cgroup_walk(const char *sysroot, const char *mnt,
			const char *root, const char *cg, bool v2,
			struct fsc_memlimit *m)
{
	char dir[PATH_MAX];
	size_t base, rootlen = strlen(root), len;
	uint64_t v;

	if (strcmp(root, "/") == 0)
		rootlen = 0;
	else if (strncmp(cg, root, rootlen) != 0 ||
		 (cg[rootlen] != '/' && cg[rootlen] != '\0'))
		return;		/* not in this mount's view */
	if ((size_t)snprintf(dir, sizeof(dir), "%s%s", sysroot, mnt) >=
	    sizeof(dir))
		return;
	base = strlen(dir);
	while (base > 0 && dir[base - 1] == '/')
		base--;
	if ((size_t)snprintf(dir + base, sizeof(dir) - base, "%s",
			     cg + rootlen) >= sizeof(dir) - base)
		return;
	for (;;) {
		char *slash;

		len = strlen(dir);
		while (len > base && dir[len - 1] == '/')
			dir[--len] = '\0';
		if (cgroup_file_limit(dir, v2, &v) && v < m->bytes) {
			m->bytes = v;
			m->by = FSC_MEM_CGROUP;
			snprintf(m->cgroup, sizeof(m->cgroup), "%s",
				 len > base ? dir + base : "/");
		}
		if (len <= base)
			break;
		slash = strrchr(dir, '/');
		if (!slash || (size_t)(slash - dir) < base)
			dir[base] = '\0';
		else
			*slash = '\0';
	}
}

void fsc_memlimit_cgroup(struct fsc_memlimit *m, const char *sysroot,
			 const char *cgroup, const char *mountinfo)
{
	char *cg = xstrdup(cgroup ? cgroup : ""), *v1 = NULL, *v2 = NULL;
	char *mi = xstrdup(mountinfo ? mountinfo : ""), *save, *line;

	/* /proc/self/cgroup: "ID:CONTROLLERS:PATH"; v2 is "0::PATH". */
	for (line = strtok_r(cg, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') :
			NULL;

		if (!c2)
			continue;
		*c1 = *c2 = '\0';
		if (strcmp(line, "0") == 0 && c2 == c1 + 1)
			v2 = c2 + 1;
		else if (has_word(c1 + 1, "memory"))
			v1 = c2 + 1;
	}
	/* mountinfo: "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL]...
	 * - FSTYPE SOURCE SUPEROPTIONS". */
	for (line = strtok_r(mi, "\n", &save); line && (v1 || v2);
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[6] = { NULL }, *dash = strstr(line, " - "), *tok, *s2;
		char *fstype, *super;
		int n = 0;

		if (!dash)
			continue;
		*dash = '\0';
		for (tok = strtok_r(line, " ", &s2); tok && n < 6;
		     tok = strtok_r(NULL, " ", &s2))
			f[n++] = tok;
		fstype = strtok_r(dash + 3, " ", &s2);
		super = fstype ? strtok_r(NULL, " ", &s2) : NULL;
		super = super ? strtok_r(NULL, " ", &s2) : NULL;
		if (n < 5 || !fstype)
			continue;
		unescape(f[3]);
		unescape(f[4]);
		if (v2 && strcmp(fstype, "cgroup2") == 0)
			cgroup_walk(sysroot, f[4], f[3], v2, true, m);
		else if (v1 && strcmp(fstype, "cgroup") == 0 && super &&
			 has_word(super, "memory"))
			cgroup_walk(sysroot, f[4], f[3], v1, false, m);
	}
	free(cg);
	free(mi);
}

void fsc_memlimit_rlimits(struct fsc_memlimit *m, uint64_t as,
			  uint64_t data)
{
	if (as && as < m->bytes) {
		m->bytes = as;
		m->by = FSC_MEM_AS;
	}
	if (data && data < m->bytes) {
		m->bytes = data;
		m->by = FSC_MEM_DATA;
	}
}

void fsc_memlimit_read(struct fsc_memlimit *m, uint64_t ram)
{
	char *cg = xreadfile("/proc/self/cgroup");
	char *mi = xreadfile("/proc/self/mountinfo");
	struct rlimit as, data;

	memset(m, 0, sizeof(*m));
	m->bytes = ram ? ram : UINT64_MAX;
	m->by = FSC_MEM_RAM;
	if (cg && mi)
		fsc_memlimit_cgroup(m, "", cg, mi);
	free(cg);
	free(mi);
	fsc_memlimit_rlimits(m, getrlimit(RLIMIT_AS, &as) == 0 &&
			     as.rlim_cur != RLIM_INFINITY ? as.rlim_cur : 0,
			     getrlimit(RLIMIT_DATA, &data) == 0 &&
			     data.rlim_cur != RLIM_INFINITY ?
			     data.rlim_cur : 0);
	if (m->bytes == UINT64_MAX)
		m->bytes = 0;
}

char *fsc_memlimit_describe(const struct fsc_memlimit *m, char *buf,
			    size_t len)
{
	char b[32];

	fsc_fmt_bytes(b, sizeof(b), m->bytes, true);
	switch (m->by) {
	case FSC_MEM_CGROUP:
		snprintf(buf, len, "the %s limit of memory cgroup %s", b,
			 m->cgroup);
		break;
	case FSC_MEM_AS:
		snprintf(buf, len, "the %s of address space ulimit -v allows",
			 b);
		break;
	case FSC_MEM_DATA:
		snprintf(buf, len, "the %s of data ulimit -d allows", b);
		break;
	default:
		snprintf(buf, len, "this machine's %s of memory", b);
	}
	return buf;
}

/* pthread_create says EAGAIN both past a limit on threads and when the
 * new thread's stack cannot be mapped: map one the same size to tell. */
const char *fsc_thread_again_why(void)
{
	pthread_attr_t a;
	size_t stack = 8 << 20;
	struct rlimit as, data;
	void *m;

	if (pthread_getattr_default_np(&a) == 0) {
		if (pthread_attr_getstacksize(&a, &stack) != 0 || !stack)
			stack = 8 << 20;
		pthread_attr_destroy(&a);
	}
	m = mmap(NULL, stack, PROT_READ | PROT_WRITE, MAP_PRIVATE |
		 MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
	if (m != MAP_FAILED) {
		munmap(m, stack);
		return "the limit on threads was reached (ulimit -u, "
			"kernel.threads-max or a pids cgroup)";
	}
	if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY)
		return "no memory is left for a thread's stack within the "
			"address-space limit (ulimit -v)";
	if (getrlimit(RLIMIT_DATA, &data) == 0 &&
	    data.rlim_cur != RLIM_INFINITY)
		return "no memory is left for a thread's stack within the "
			"data limit (ulimit -d)";
	return "no memory is left for a thread's stack";
}
