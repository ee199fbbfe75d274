/* ceiling.h - the machine's own ceiling for writes that land in memory
 * (fsconc(1), CEILING): how fast it copies a block held in the CPU's
 * cache into pages it has already touched, and into pages it has never
 * touched, on one core and on all of them.  A write into tmpfs or the
 * page cache is such a copy, so its throughput reads as a share of one of
 * these. */
#ifndef FSC_CEILING_H
#define FSC_CEILING_H

#include <stdbool.h>
#include <stddef.h>

struct fsc_ceiling {
	double copy_1, copy_all;	/* hot copy, bytes/s; NAN: unknown */
	double touch_1, touch_all;	/* first touch, bytes/s; NAN */
	unsigned cpus;			/* the threads of "all" */
	bool cached;			/* read back from this boot's cache */
};

/* The buffer each thread fills, and the block it copies into it, over
 * and over: the size of a default write. */
#define FSC_CEILING_BUF   (64u << 20)
#define FSC_CEILING_BLOCK (1u << 20)
/* Passes of each measure; the fastest counts. */
#define FSC_CEILING_PASSES 3

/* Measure on this machine with cpus threads for "all" (1: the same as
 * one).  About a second; more where fresh memory is slow to touch.  0,
 * or -errno (no memory, no thread). */
int fsc_ceiling_measure(struct fsc_ceiling *c, unsigned cpus);

/* The cache's text for c measured in boot boot_id, and back: 0, or
 * -EINVAL when text is not such a cache, -ESTALE when it is of another
 * boot or another count of CPUs.  Pure. */
int fsc_ceiling_format(const struct fsc_ceiling *c, const char *boot_id,
		       char *buf, size_t len);
int fsc_ceiling_parse(struct fsc_ceiling *c, const char *text,
		      const char *boot_id, unsigned cpus);

/* Where the cache lives: $XDG_CACHE_HOME/fsconc, else $HOME/.cache/fsconc,
 * only when that base directory is this user's; in buf.  0, or -1 when
 * there is none (nothing is cached then). */
int fsc_ceiling_cache_dir(char *buf, size_t len);

/* This boot's ceiling for cpus threads from the cache in dir: 0, or -1
 * when there is none to read. */
int fsc_ceiling_cached(struct fsc_ceiling *c, unsigned cpus, const char *dir);

/* The memory this process must be allowed, at least, to measure: its
 * buffers take up to FSC_CEILING_ALL (512 MiB), and a process under a
 * smaller cgroup or rlimit does not risk it. */
#define FSC_CEILING_ALL (512ull << 20)
#define FSC_CEILING_MEMORY (4 * FSC_CEILING_ALL)

/* This boot's ceiling for cpus threads: from the cache in dir (NULL: no
 * cache) when it is of this boot, else, when measure, measured and, with
 * dir, stored there (dir made mode 0700 if missing; a dir or file that is
 * not this user's, or a symbolic link, is neither read nor written).  0,
 * or -errno when it could not be measured (-EAGAIN: not to be). */
int fsc_ceiling_get(struct fsc_ceiling *c, unsigned cpus, const char *dir,
		    bool measure);

#endif
