/* ceiling.c - the machine's copy and first-touch rates (fsconc(1),
 * CEILING), measured once per boot and kept in the user's cache. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host/ceiling.h"
#include "util/clock.h"
#include "util/xalloc.h"

#define CACHE_FILE "ceiling"
/* 2: the copies are from one block in the CPU's cache, as a write's are
 * (1 copied from a buffer as large as the destination). */
#define CACHE_MAGIC "fsconc-ceiling 2\n"
/* Passes of the hot copy: each is short, so more of them. */
#define COPY_PASSES (2 * FSC_CEILING_PASSES)

/* The threads wait at the gate until all of them exist: then they go
 * (1) and meet at start before each pass, or give up (-1). */
struct gate {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int state;
	pthread_barrier_t start;
};

struct worker {
	struct gate *gate;
	size_t buf;			/* bytes each pass copies */
	uint64_t copy_t0[COPY_PASSES], copy_t1[COPY_PASSES];
	uint64_t touch_t0[FSC_CEILING_PASSES], touch_t1[FSC_CEILING_PASSES];
	int err;
};

/* Fill n bytes of dst with copies of the block at src, as writes of that
 * block do, where the compiler cannot drop it.  A writer's block stays in
 * the CPU's cache from one write to the next; the pages it lands in do
 * not. */
static void copy_blocks(char *dst, const char *src, size_t n)
{
	for (size_t off = 0; off < n; off += FSC_CEILING_BLOCK) {
		memcpy(dst + off, src, FSC_CEILING_BLOCK);
		__asm__ volatile("" : : "r"(dst) : "memory");
	}
}

static void *work(void *arg)
{
	struct worker *w = arg;
	char *src = NULL, *dst = NULL;
	int state;

	pthread_mutex_lock(&w->gate->mu);
	while (!(state = w->gate->state))
		pthread_cond_wait(&w->gate->cv, &w->gate->mu);
	pthread_mutex_unlock(&w->gate->mu);
	if (state < 0)
		return NULL;
	src = malloc(FSC_CEILING_BLOCK);
	dst = malloc(w->buf);
	if (!src || !dst)
		w->err = -ENOMEM;
	else {
		memset(src, 0x5a, FSC_CEILING_BLOCK);
		memset(dst, 0xa5, w->buf);
	}
	/* Every thread meets the others at each pass, failed or not. */
	for (int k = 0; k < COPY_PASSES; k++) {
		pthread_barrier_wait(&w->gate->start);
		w->copy_t0[k] = fsc_now_ns();
		if (!w->err)
			copy_blocks(dst, src, w->buf);
		w->copy_t1[k] = fsc_now_ns();
	}
	free(dst);
	for (int k = 0; k < FSC_CEILING_PASSES; k++) {
		char *fresh = w->err ? MAP_FAILED : mmap(NULL, w->buf / 2,
			PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);

		if (!w->err && fresh == MAP_FAILED)
			w->err = -errno;
		pthread_barrier_wait(&w->gate->start);
		w->touch_t0[k] = fsc_now_ns();
		if (fresh != MAP_FAILED)
			copy_blocks(fresh, src, w->buf / 2);
		w->touch_t1[k] = fsc_now_ns();
		if (fresh != MAP_FAILED)
			munmap(fresh, w->buf / 2);
	}
	free(src);
	return NULL;
}

/* The best rate over passes of n workers copying bytes each at once: a
 * pass runs from the first start to the last end. */
static double best_rate(const struct worker *w, unsigned n, int passes,
			size_t bytes, bool touch)
{
	double best = NAN;

	for (int k = 0; k < passes; k++) {
		uint64_t t0 = UINT64_MAX, t1 = 0;

		for (unsigned i = 0; i < n; i++) {
			uint64_t a = touch ? w[i].touch_t0[k] : w[i].copy_t0[k];
			uint64_t b = touch ? w[i].touch_t1[k] : w[i].copy_t1[k];

			t0 = a < t0 ? a : t0;
			t1 = b > t1 ? b : t1;
		}
		if (t1 > t0) {
			double r = (double)bytes * n * 1e9 / (double)(t1 - t0);

			if (!(r <= best))
				best = r;
		}
	}
	return best;
}

/* n threads at once: their hot copy and first-touch rates, in all. */
static int measure_n(unsigned n, double *copy, double *touch)
{
	struct worker *w = xcalloc(n, sizeof(*w));
	pthread_t *tid = xcalloc(n, sizeof(*tid));
	struct gate gate = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
			     0, { { 0 } } };
	size_t buf = (size_t)(FSC_CEILING_ALL / 2 / n);
	unsigned started = 0;
	int rc = 0;

	buf = buf > FSC_CEILING_BUF ? FSC_CEILING_BUF : buf;
	buf = buf < 8 * FSC_CEILING_BLOCK ? 8 * FSC_CEILING_BLOCK : buf;
	buf -= buf % (2 * FSC_CEILING_BLOCK);
	*copy = *touch = NAN;
	for (unsigned i = 0; i < n; i++) {
		w[i].gate = &gate;
		w[i].buf = buf;
	}
	for (; started < n; started++) {
		rc = -pthread_create(&tid[started], NULL, work, &w[started]);
		if (rc)
			break;
	}
	if (!rc && pthread_barrier_init(&gate.start, NULL, n) != 0)
		rc = -EAGAIN;
	pthread_mutex_lock(&gate.mu);
	gate.state = rc ? -1 : 1;
	pthread_cond_broadcast(&gate.cv);
	pthread_mutex_unlock(&gate.mu);
	for (unsigned i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	if (gate.state > 0)
		pthread_barrier_destroy(&gate.start);
	for (unsigned i = 0; !rc && i < n; i++)
		rc = w[i].err;
	if (!rc) {
		*copy = best_rate(w, n, COPY_PASSES, buf, false);
		*touch = best_rate(w, n, FSC_CEILING_PASSES, buf / 2, true);
	}
	free(w);
	free(tid);
	return rc;
}

int fsc_ceiling_measure(struct fsc_ceiling *c, unsigned cpus)
{
	int rc;

	memset(c, 0, sizeof(*c));
	c->cpus = cpus ? cpus : 1;
	c->copy_all = c->touch_all = NAN;
	rc = measure_n(1, &c->copy_1, &c->touch_1);
	if (!rc && c->cpus == 1) {
		c->copy_all = c->copy_1;
		c->touch_all = c->touch_1;
	} else if (!rc) {
		rc = measure_n(c->cpus, &c->copy_all, &c->touch_all);
	}
	/* Whole bytes/s, as the cache keeps them: the figures of the run
	 * that measured are those of the runs that read the cache. */
	c->copy_1 = round(c->copy_1);
	c->copy_all = round(c->copy_all);
	c->touch_1 = round(c->touch_1);
	c->touch_all = round(c->touch_all);
	return rc;
}

int fsc_ceiling_format(const struct fsc_ceiling *c, const char *boot_id,
		       char *buf, size_t len)
{
	int n = snprintf(buf, len, CACHE_MAGIC "boot %s\ncpus %u\n"
			 "copy_1 %.0f\ncopy_all %.0f\ntouch_1 %.0f\n"
			 "touch_all %.0f\n", boot_id, c->cpus, c->copy_1,
			 c->copy_all, c->touch_1, c->touch_all);

	return n < 0 || (size_t)n >= len ? -ENOSPC : 0;
}

/* The value of "KEY VALUE\n" in text, as a positive finite number. */
static bool number(const char *text, const char *key, double *out)
{
	size_t k = strlen(key);
	char *end;

	for (const char *p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (strncmp(p, key, k) == 0 && p[k] == ' ') {
			*out = strtod(p + k + 1, &end);
			return end != p + k + 1 && (*end == '\n' || !*end) &&
				isfinite(*out) && *out > 0;
		}
	return false;
}

int fsc_ceiling_parse(struct fsc_ceiling *c, const char *text,
		      const char *boot_id, unsigned cpus)
{
	const char *b = strstr(text, "\nboot ");
	double n;

	memset(c, 0, sizeof(*c));
	if (strncmp(text, CACHE_MAGIC, strlen(CACHE_MAGIC)) != 0 || !b ||
	    !number(text, "cpus", &n) || n != floor(n) ||
	    !number(text, "copy_1", &c->copy_1) ||
	    !number(text, "copy_all", &c->copy_all) ||
	    !number(text, "touch_1", &c->touch_1) ||
	    !number(text, "touch_all", &c->touch_all))
		return -EINVAL;
	b += strlen("\nboot ");
	if (strncmp(b, boot_id, strlen(boot_id)) != 0 ||
	    b[strlen(boot_id)] != '\n' || n != cpus)
		return -ESTALE;
	c->cpus = cpus;
	c->cached = true;
	return 0;
}

/* A directory of this user's, not a symbolic link: its descriptor, or
 * -1. */
static int own_dir(int at, const char *path)
{
	struct stat st;
	int fd = openat(at, path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			O_CLOEXEC);

	if (fd >= 0 && (fstat(fd, &st) < 0 || st.st_uid != geteuid())) {
		close(fd);
		fd = -1;
	}
	return fd;
}

int fsc_ceiling_cache_dir(char *buf, size_t len)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	int fd, n;

	if (xdg && xdg[0] == '/' && (fd = own_dir(AT_FDCWD, xdg)) >= 0) {
		close(fd);
		n = snprintf(buf, len, "%s/fsconc", xdg);
	} else if (home && home[0] == '/' &&
		   (fd = own_dir(AT_FDCWD, home)) >= 0) {
		close(fd);
		n = snprintf(buf, len, "%s/.cache/fsconc", home);
	} else {
		return -1;
	}
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

static void boot_id(char *buf, size_t len)
{
	if (fsc_read_small("/proc/sys/kernel/random/boot_id", buf, len) < 0)
		snprintf(buf, len, "unknown");
	buf[strcspn(buf, "\n")] = '\0';
}

/* Open the cache directory dir, made (and its parent, a ".cache") mode
 * 0700 when missing: a descriptor, or -1. */
static int open_cache(const char *dir)
{
	char parent[4096];
	char *slash;

	snprintf(parent, sizeof(parent), "%s", dir);
	slash = strrchr(parent, '/');
	if (slash && slash != parent) {
		*slash = '\0';
		if (strcmp(slash - 7 >= parent ? slash - 7 : parent,
			   "/.cache") == 0)
			mkdir(parent, 0700);
	}
	mkdir(dir, 0700);
	return own_dir(AT_FDCWD, dir);
}

static int read_cache(int dfd, char *buf, size_t len)
{
	struct stat st;
	ssize_t n;
	int fd = openat(dfd, CACHE_FILE, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
			O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || (n = read(fd, buf, len - 1)) < 0) {
		close(fd);
		return -1;
	}
	buf[n] = '\0';
	close(fd);
	return 0;
}

/* Write the cache whole or not at all: a new file renamed over the old. */
static void write_cache(int dfd, const char *text)
{
	char tmp[32];
	size_t len = strlen(text);
	int fd;

	snprintf(tmp, sizeof(tmp), ".%s.%ld", CACHE_FILE, (long)getpid());
	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	if (write(fd, text, len) != (ssize_t)len || close(fd) < 0 ||
	    renameat(dfd, tmp, dfd, CACHE_FILE) < 0)
		unlinkat(dfd, tmp, 0);
}

int fsc_ceiling_cached(struct fsc_ceiling *c, unsigned cpus, const char *dir)
{
	char boot[64], text[512];
	int dfd = own_dir(AT_FDCWD, dir);
	int rc = -1;

	boot_id(boot, sizeof(boot));
	if (dfd >= 0 && read_cache(dfd, text, sizeof(text)) == 0 &&
	    fsc_ceiling_parse(c, text, boot, cpus ? cpus : 1) == 0)
		rc = 0;
	if (dfd >= 0)
		close(dfd);
	return rc;
}

int fsc_ceiling_get(struct fsc_ceiling *c, unsigned cpus, const char *dir,
		    bool measure)
{
	char boot[64], text[512];
	int dfd = dir ? open_cache(dir) : -1;
	int rc;

	boot_id(boot, sizeof(boot));
	if (dfd >= 0 && read_cache(dfd, text, sizeof(text)) == 0 &&
	    fsc_ceiling_parse(c, text, boot, cpus ? cpus : 1) == 0) {
		close(dfd);
		return 0;
	}
	rc = measure ? fsc_ceiling_measure(c, cpus) : -EAGAIN;
	if (!rc && dfd >= 0 &&
	    fsc_ceiling_format(c, boot, text, sizeof(text)) == 0)
		write_cache(dfd, text);
	if (dfd >= 0)
		close(dfd);
	return rc;
}
