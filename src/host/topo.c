/* topo.c - the machine: hwloc topology (loaded once per run), host facts
 * and thread pinning.  Without hwloc, a small fallback reads host facts
 * from /proc and /sys. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
