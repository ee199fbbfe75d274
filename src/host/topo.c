/* topo.c - the machine: hwloc topology (loaded once per run), host facts,
 * the dirty page-cache limit, and thread pinning.  Without hwloc, a small
 * fallback reads host facts from /proc and /sys. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#ifdef HAVE_HWLOC
#include <hwloc.h>
#endif

#include "host/topo.h"
#include "util/units.h"
#include "util/xalloc.h"

static const char *const bind_names[] = { "none", "core", "numa" };

const char *fsc_bind_name(enum fsc_bind b)
{
	return bind_names[b];
}

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

/* --- host facts without hwloc --- */

/* Physical cores: distinct (physical id, core id) pairs in /proc/cpuinfo. */
static void read_cpuinfo(struct fsc_host *h, bool counts)
{
	char line[512];
	unsigned seen[1024][2], nseen = 0, phys = 0;
	FILE *f = fopen("/proc/cpuinfo", "re");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');
		unsigned v;

		if (!colon)
			continue;
		if (!h->cpu_model[0] && strncmp(line, "model name", 10) == 0) {
			char *s = colon + 1;
			while (*s == ' ' || *s == '\t')
				s++;
			s[strcspn(s, "\n")] = '\0';
			snprintf(h->cpu_model, sizeof(h->cpu_model), "%s", s);
		} else if (strncmp(line, "physical id", 11) == 0 &&
			   sscanf(colon + 1, "%u", &v) == 1) {
			phys = v;
		} else if (strncmp(line, "core id", 7) == 0 &&
			   sscanf(colon + 1, "%u", &v) == 1) {
			unsigned i;
			for (i = 0; i < nseen; i++)
				if (seen[i][0] == phys && seen[i][1] == v)
					break;
			if (i == nseen && nseen < 1024) {
				seen[nseen][0] = phys;
				seen[nseen][1] = v;
				nseen++;
			}
		}
	}
	fclose(f);
	if (counts)
		h->cores = nseen;
}

static unsigned sysfs_numa_nodes(void)
{
	DIR *d = opendir("/sys/devices/system/node");
	struct dirent *de;
	unsigned n = 0;

	if (!d)
		return 1;
	while ((de = readdir(d)))
		if (strncmp(de->d_name, "node", 4) == 0 &&
		    de->d_name[4] >= '0' && de->d_name[4] <= '9')
			n++;
	closedir(d);
	return n ? n : 1;
}

static void trim(char *s)
{
	size_t n = strlen(s);
	char *p = s;

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	memmove(s, p, strlen(p) + 1);
}

static void common_facts(struct fsc_host *h)
{
	struct utsname u;
	struct fsc_vm vm;

	if (uname(&u) == 0) {
		snprintf(h->hostname, sizeof(h->hostname), "%s", u.nodename);
		snprintf(h->kernel, sizeof(h->kernel), "%s %s", u.sysname,
			 u.release);
	}
	if (fsc_vm_read(&vm) == 0) {
		h->memory_bytes = vm.mem_total;
		fsc_dirty_compute(&vm, &h->dirty);
	} else {
		long pages = sysconf(_SC_PHYS_PAGES);
		long psize = sysconf(_SC_PAGESIZE);
		if (pages > 0 && psize > 0)
			h->memory_bytes = (uint64_t)pages * (uint64_t)psize;
	}
}

#ifdef HAVE_HWLOC

static hwloc_topology_t topo;
static bool loaded, synthetic_topo;
static hwloc_bitmap_t saved_binding;

bool fsc_topo_built(void)
{
	return true;
}

bool fsc_topo_pins(void)
{
	if (!loaded && fsc_topo_load(NULL) < 0)
		return false;
	return loaded && hwloc_topology_is_thissystem(topo);
}

void fsc_topo_unload(void)
{
	if (loaded)
		hwloc_topology_destroy(topo);
	if (saved_binding)
		hwloc_bitmap_free(saved_binding);
	saved_binding = NULL;
	loaded = false;
}

int fsc_topo_load(const char *synthetic)
{
	fsc_topo_unload();
	errno = 0;
	if (hwloc_topology_init(&topo) < 0)
		return -errno;
	/* Block devices and the PCI bridges above them: enough to place a
	 * disk on its NUMA node, and little more to discover. */
	hwloc_topology_set_io_types_filter(topo,
					   HWLOC_TYPE_FILTER_KEEP_IMPORTANT);
#if HWLOC_API_VERSION >= 0x00020100
	/* The linux component reads PCI from sysfs itself; the plugins for
	 * libpciaccess, OpenCL and OpenGL add nothing about disks, cost
	 * time, and libpciaccess leaks on every load. */
	hwloc_topology_set_components(topo,
				      HWLOC_TOPOLOGY_COMPONENTS_FLAG_BLACKLIST,
				      "pci");
	hwloc_topology_set_components(topo,
				      HWLOC_TOPOLOGY_COMPONENTS_FLAG_BLACKLIST,
				      "opencl");
	hwloc_topology_set_components(topo,
				      HWLOC_TOPOLOGY_COMPONENTS_FLAG_BLACKLIST,
				      "gl");
#endif
	if (synthetic && hwloc_topology_set_synthetic(topo, synthetic) < 0) {
		int err = errno ? -errno : -EINVAL;
		hwloc_topology_destroy(topo);
		return err;
	}
	if (hwloc_topology_load(topo) < 0) {
		int err = errno ? -errno : -EIO;
		hwloc_topology_destroy(topo);
		return err;
	}
	synthetic_topo = synthetic || getenv("HWLOC_SYNTHETIC");
	loaded = true;
	return 0;
}

static bool ensure_loaded(void)
{
	return loaded || fsc_topo_load(NULL) == 0;
}

void fsc_topo_host(struct fsc_host *h)
{
	memset(h, 0, sizeof(*h));
	common_facts(h);
	if (!ensure_loaded()) {
		long pus = sysconf(_SC_NPROCESSORS_ONLN);
		read_cpuinfo(h, true);
		h->pus = pus > 0 ? (unsigned)pus : 1;
		h->numa_nodes = sysfs_numa_nodes();
		h->topology = "procfs (hwloc could not load the topology)";
	} else {
		hwloc_obj_t pkg = hwloc_get_obj_by_type(topo,
							HWLOC_OBJ_PACKAGE, 0);
		const char *model = pkg ?
			hwloc_obj_get_info_by_name(pkg, "CPUModel") : NULL;
		int cores = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_CORE);
		int pus = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PU);
		int nodes = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_NUMANODE);

		if (model)
			snprintf(h->cpu_model, sizeof(h->cpu_model), "%s",
				 model);
		else if (hwloc_topology_is_thissystem(topo))
			read_cpuinfo(h, false);
		h->pus = pus > 0 ? (unsigned)pus : 1;
		h->cores = cores > 0 ? (unsigned)cores : h->pus;
		h->numa_nodes = nodes > 0 ? (unsigned)nodes : 1;
		h->topology = synthetic_topo ? "hwloc (synthetic)" :
			hwloc_topology_is_thissystem(topo) ? "hwloc" :
			"hwloc (imported, not this machine)";
	}
	trim(h->cpu_model);
	if (!h->cpu_model[0])
		snprintf(h->cpu_model, sizeof(h->cpu_model), "unknown CPU");
	if (!h->cores || h->cores > h->pus)
		h->cores = h->pus;
}

int fsc_topo_device_node(const char *disk, int sysfs_node)
{
	hwloc_obj_t o = NULL;

	if (!ensure_loaded())
		return sysfs_node;
	while ((o = hwloc_get_next_osdev(topo, o))) {
		hwloc_obj_t a;

		if (o->attr->osdev.type != HWLOC_OBJ_OSDEV_BLOCK ||
		    !o->name || strcmp(o->name, disk) != 0)
			continue;
		a = hwloc_get_non_io_ancestor_obj(topo, o);
		/* A device hung off the whole machine of several nodes has
		 * no locality to speak of. */
		if (a && a->nodeset && hwloc_bitmap_weight(a->nodeset) == 1)
			return hwloc_bitmap_first(a->nodeset);
		break;
	}
	return sysfs_node;
}

/* The k-th core, counting the cores of node first. */
static hwloc_obj_t nth_core(unsigned k, int node)
{
	int n = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_CORE);
	hwloc_obj_type_t type = HWLOC_OBJ_CORE;
	unsigned local = 0, want;

	if (n <= 0) {
		type = HWLOC_OBJ_PU;
		n = hwloc_get_nbobjs_by_type(topo, type);
	}
	if (n <= 0)
		return NULL;
	want = k % (unsigned)n;
	if (node >= 0)
		for (int i = 0; i < n; i++) {
			hwloc_obj_t c = hwloc_get_obj_by_type(topo, type,
							      (unsigned)i);
			if (c->nodeset && hwloc_bitmap_isset(c->nodeset,
							     (unsigned)node))
				local++;
		}
	if (!local || local == (unsigned)n)
		return hwloc_get_obj_by_type(topo, type, want);
	for (int pass = 0, seen = 0; pass < 2; pass++)
		for (int i = 0; i < n; i++) {
			hwloc_obj_t c = hwloc_get_obj_by_type(topo, type,
							      (unsigned)i);
			bool in = c->nodeset && hwloc_bitmap_isset(c->nodeset,
							(unsigned)node);
			if (in == (pass == 0) && (unsigned)seen++ == want)
				return c;
		}
	return NULL;
}

static hwloc_obj_t pick(enum fsc_bind mode, unsigned k, int node)
{
	hwloc_obj_t o = NULL;
	int n;

	if (mode == FSC_BIND_CORE)
		return nth_core(k, node);
	if (node >= 0)
		o = hwloc_get_numanode_obj_by_os_index(topo, (unsigned)node);
	if (o && o->cpuset && !hwloc_bitmap_iszero(o->cpuset))
		return o;
	n = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_NUMANODE);
	if (n <= 0)
		return hwloc_get_root_obj(topo);
	return hwloc_get_obj_by_type(topo, HWLOC_OBJ_NUMANODE,
				     k % (unsigned)n);
}

int fsc_topo_cpuset(enum fsc_bind mode, unsigned k, int node, char *buf,
		    size_t len)
{
	hwloc_obj_t o;

	if (len)
		buf[0] = '\0';
	if (mode == FSC_BIND_NONE)
		return 0;
	if (!ensure_loaded())
		return -ENOSYS;
	o = pick(mode, k, node);
	if (!o || !o->cpuset)
		return -ENOENT;
	hwloc_bitmap_list_snprintf(buf, len, o->cpuset);
	return 0;
}

int fsc_topo_bind_thread(enum fsc_bind mode, unsigned k, int node)
{
	hwloc_obj_t o;

	if (mode == FSC_BIND_NONE)
		return 0;
	if (!ensure_loaded())
		return -ENOSYS;
	o = pick(mode, k, node);
	if (!o || !o->cpuset)
		return -ENOENT;
	if (hwloc_set_cpubind(topo, o->cpuset, HWLOC_CPUBIND_THREAD) < 0)
		return errno ? -errno : -EINVAL;
	return 0;
}

int fsc_topo_save_thread(void)
{
	if (!ensure_loaded())
		return -ENOSYS;
	if (!saved_binding)
		saved_binding = hwloc_bitmap_alloc();
	if (!saved_binding)
		return -ENOMEM;
	if (hwloc_get_cpubind(topo, saved_binding, HWLOC_CPUBIND_THREAD) < 0)
		return errno ? -errno : -EINVAL;
	return 0;
}

int fsc_topo_restore_thread(void)
{
	if (!loaded || !saved_binding || hwloc_bitmap_iszero(saved_binding))
		return 0;
	if (hwloc_set_cpubind(topo, saved_binding, HWLOC_CPUBIND_THREAD) < 0)
		return errno ? -errno : -EINVAL;
	return 0;
}

#else /* !HAVE_HWLOC */

bool fsc_topo_built(void)
{
	return false;
}

bool fsc_topo_pins(void)
{
	return false;
}

int fsc_topo_load(const char *synthetic)
{
	(void)synthetic;
	return 0;
}

void fsc_topo_unload(void)
{
}

void fsc_topo_host(struct fsc_host *h)
{
	long pus = sysconf(_SC_NPROCESSORS_ONLN);

	memset(h, 0, sizeof(*h));
	common_facts(h);
	read_cpuinfo(h, true);
	trim(h->cpu_model);
	if (!h->cpu_model[0])
		snprintf(h->cpu_model, sizeof(h->cpu_model), "unknown CPU");
	h->pus = pus > 0 ? (unsigned)pus : 1;
	if (!h->cores || h->cores > h->pus)
		h->cores = h->pus;
	h->numa_nodes = sysfs_numa_nodes();
	h->topology = "procfs (built without hwloc)";
}

int fsc_topo_device_node(const char *disk, int sysfs_node)
{
	(void)disk;
	return sysfs_node;
}

int fsc_topo_cpuset(enum fsc_bind mode, unsigned k, int node, char *buf,
		    size_t len)
{
	(void)k;
	(void)node;
	if (len)
		buf[0] = '\0';
	return mode == FSC_BIND_NONE ? 0 : -ENOSYS;
}

int fsc_topo_bind_thread(enum fsc_bind mode, unsigned k, int node)
{
	(void)k;
	(void)node;
	return mode == FSC_BIND_NONE ? 0 : -ENOSYS;
}

int fsc_topo_save_thread(void)
{
	return 0;
}

int fsc_topo_restore_thread(void)
{
	return 0;
}

#endif
