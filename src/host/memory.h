/* memory.h - the memory a run may fill: the kernel's dirty page-cache
 * limit, the memory this process may use, and why a thread could not
 * start. */
#ifndef FSC_MEMORY_H
#define FSC_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* Parse /proc/meminfo and /proc/vmstat text into vm (the vm.* sysctls are
 * left as they are).  0, or -EINVAL when MemTotal is missing. */
int fsc_vm_parse(struct fsc_vm *vm, const char *meminfo, const char *vmstat);
/* Read vm from /proc.  0 or -errno. */
int fsc_vm_read(struct fsc_vm *vm);
/* The dirty limit as the kernel computes it (see memory.c). */
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
