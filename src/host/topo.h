/* topo.h - the machine the numbers are measured on: CPU and NUMA topology
 * through hwloc (loaded once), memory and the kernel's dirty page-cache
 * limit, and the pinning of writer threads for --bind.  Built without
 * hwloc, host facts come from /proc and --bind can only be none. */
#ifndef FSC_TOPO_H
#define FSC_TOPO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsconc.h"

/* The global dirty page-cache limit: how much written data the kernel
 * lets sit in memory before it throttles writers (mm/page-writeback.c).
 * Below it a buffered write finishes at memory speed. */
struct fsc_dirty {
	uint64_t limit_bytes;		/* 0: unknown */
	uint64_t dirtyable_bytes;	/* MemFree + Active(file) + Inactive(file) */
	uint64_t dirty_bytes;		/* vm.dirty_bytes; 0: the ratio applies */
	unsigned dirty_ratio;		/* vm.dirty_ratio, percent */
	bool from_vmstat;		/* the kernel's own nr_dirty_threshold */
};

/* What /proc says about memory, the inputs of that limit. */
struct fsc_vm {
	uint64_t mem_total, mem_free, active_file, inactive_file; /* bytes */
	uint64_t dirty_bytes;		/* /proc/sys/vm/dirty_bytes */
	unsigned dirty_ratio;		/* /proc/sys/vm/dirty_ratio */
	uint64_t threshold_pages;	/* /proc/vmstat nr_dirty_threshold */
	uint64_t page_size;
};

struct fsc_host {
	char hostname[256];
	char kernel[160];	/* "Linux 6.1.0-13-amd64" */
	char cpu_model[128];
	unsigned cores;		/* physical cores */
	unsigned pus;		/* logical CPUs (hardware threads) */
	unsigned numa_nodes;
	uint64_t memory_bytes;	/* MemTotal */
	const char *topology;	/* where cores and nodes came from */
	struct fsc_dirty dirty;
};

/* Built with hwloc: --bind core and numa can work. */
bool fsc_topo_built(void);
/* Does pinning pin: hwloc built and the topology this machine's?  A
 * synthetic one (HWLOC_SYNTHETIC) or one imported from elsewhere binds
 * nothing, by hwloc's design, and its CPUs need not exist here. */
bool fsc_topo_pins(void);

/* Load the topology: of this machine (or what HWLOC_SYNTHETIC or
 * HWLOC_XMLFILE name), or the synthetic description given ("node:2 core:2
 * pu:2").  Loaded once: later calls replace it.  Without hwloc a no-op.
 * 0 or -errno. */
int fsc_topo_load(const char *synthetic);
void fsc_topo_unload(void);

/* Host facts (loads the topology if needed). */
void fsc_topo_host(struct fsc_host *h);

/* The NUMA node of the disk named (as in /sys/block), as hwloc's I/O
 * objects place it, else sysfs_node (what sysfs said, -1 unknown). */
int fsc_topo_device_node(const char *disk, int sysfs_node);

/* The PUs writer k is pinned to under mode, in hwloc's list syntax
 * ("2-3"): core: the k-th core (round robin), cores of node first when
 * node >= 0; numa: node when it is >= 0 and exists, else the k-th node.
 * "" for none.  0, or -ENOSYS without hwloc. */
int fsc_topo_cpuset(enum fsc_bind mode, unsigned k, int node, char *buf,
		    size_t len);
/* Pin the calling thread that way.  0 or -errno. */
int fsc_topo_bind_thread(enum fsc_bind mode, unsigned k, int node);
/* Remember the calling thread's binding, and go back to it. */
int fsc_topo_save_thread(void);
int fsc_topo_restore_thread(void);

const char *fsc_bind_name(enum fsc_bind b);

/* Parse /proc/meminfo and /proc/vmstat text into vm (the vm.* sysctls are
 * left as they are).  0, or -EINVAL when MemTotal is missing. */
int fsc_vm_parse(struct fsc_vm *vm, const char *meminfo, const char *vmstat);
/* Read vm from /proc.  0 or -errno. */
int fsc_vm_read(struct fsc_vm *vm);
/* The dirty limit as the kernel computes it (see topo.c). */
void fsc_dirty_compute(const struct fsc_vm *vm, struct fsc_dirty *out);

/* The memory this process may use: the least of the machine's, the limit
 * of its memory cgroup or any parent (cgroup v2 memory.max, v1
 * memory.limit_in_bytes), RLIMIT_AS and RLIMIT_DATA; and which set it. */
struct fsc_memlimit {
	uint64_t bytes;			/* 0: unknown */
	enum { FSC_MEM_RAM, FSC_MEM_CGROUP, FSC_MEM_AS, FSC_MEM_DATA } by;
	char cgroup[256];		/* FSC_MEM_CGROUP: its path */
};

/* Read it for this process; ram is the machine's memory (0: unknown). */
void fsc_memlimit_read(struct fsc_memlimit *m, uint64_t ram);
/* Lower m to the least memory cgroup limit that the texts of
 * /proc/self/cgroup and /proc/self/mountinfo lead to, the mount points
 * taken under sysroot ("" for the real ones). */
void fsc_memlimit_cgroup(struct fsc_memlimit *m, const char *sysroot,
			 const char *cgroup, const char *mountinfo);
/* Lower m to the rlimits given (0: unlimited). */
void fsc_memlimit_rlimits(struct fsc_memlimit *m, uint64_t as,
			  uint64_t data);
/* "the 64 MiB limit of memory cgroup /a/b", "this machine's 16 GiB of
 * memory". */
char *fsc_memlimit_describe(const struct fsc_memlimit *m, char *buf,
			    size_t len);
/* Why pthread_create just said EAGAIN: a limit on threads, or no memory
 * for the stack (within ulimit -v or -d). */
const char *fsc_thread_again_why(void);

#endif
