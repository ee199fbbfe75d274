/* topo.h - the machine the numbers are measured on: CPU and NUMA topology
 * through hwloc (loaded once), host facts, and the pinning of writer
 * threads for --bind.  Built without
 * hwloc, host facts come from /proc and --bind can only be none. */
#ifndef FSC_TOPO_H
#define FSC_TOPO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsconc.h"
#include "host/memory.h"

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

#endif
