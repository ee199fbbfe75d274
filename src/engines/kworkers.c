/* kworkers.c - io-wq workers sampled under /proc/self/task (fsconc(1),
 * io_uring: kernel workers). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engines/kworkers.h"
#include "util/xalloc.h"

/* The first line of dirfd/tid/name into buf, NUL-terminated: its length,
 * or -1. */
static ssize_t read_small(int dirfd, pid_t tid, const char *name, char *buf,
			  size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%d/%s", (int)tid, name);
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/* The thread's time on a CPU in ns (schedstat), or 0 when unknown. */
static uint64_t cpu_ns(int dirfd, pid_t tid)
{
	char buf[96];

	if (read_small(dirfd, tid, "schedstat", buf, sizeof(buf)) <= 0)
		return 0;
	return strtoull(buf, NULL, 10);
}

void fsc_kworkers_sample(struct fsc_kworkers *k)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	unsigned alive = 0;

	if (!d)
		return;
	while ((e = readdir(d))) {
		pid_t tid = (pid_t)atoi(e->d_name);
		struct fsc_kworker *w = NULL;
		char comm[32];

		if (tid <= 0)
			continue;
		for (unsigned i = 0; i < k->nseen && !w; i++)
			if (k->seen[i].tid == tid)
				w = &k->seen[i];
		if (!w) {
			if (read_small(dirfd(d), tid, "comm", comm,
				       sizeof(comm)) < 0)
				continue;	/* gone meanwhile */
			k->seen = xrealloc(k->seen, k->nseen + 1,
					   sizeof(*k->seen));
			w = &k->seen[k->nseen++];
			memset(w, 0, sizeof(*w));
			w->tid = tid;
			w->fresh = k->samples > 0;
		} else if (!w->worker &&
			   read_small(dirfd(d), tid, "comm", comm,
				      sizeof(comm)) < 0) {
			continue;
		}
		if (!w->worker) {
			/* A new thread has its creator's name until the
			 * kernel names it: asked again at each sample. */
			w->worker = strncmp(comm, k->prefix,
					    strlen(k->prefix)) == 0;
			if (w->worker)
				w->first_ns = w->last_ns = cpu_ns(dirfd(d), tid);
		} else {
			uint64_t ns = cpu_ns(dirfd(d), tid);

			if (ns)
				w->last_ns = ns;
		}
		alive += w->worker;
	}
	closedir(d);
	if (alive > k->peak)
		k->peak = alive;
	k->samples++;
}

static void *sampler(void *arg)
{
	struct fsc_kworkers *k = arg;
	/* Naps of 10 ms between samples, so that a stop is quick. */
	const struct timespec ts = { 0, 10 * 1000000L };
	unsigned naps = 0;

	while (!atomic_load(&k->stop)) {
		if (naps++ % (FSC_KWORKERS_MS / 10) == 0)
			fsc_kworkers_sample(k);
		nanosleep(&ts, NULL);
	}
	return NULL;
}

void fsc_kworkers_start(struct fsc_kworkers *k, const char *prefix)
{
	memset(k, 0, sizeof(*k));
	k->prefix = prefix;
	atomic_store(&k->stop, false);
	fsc_kworkers_sample(k);	/* those alive before the trial */
	k->running = pthread_create(&k->thread, NULL, sampler, k) == 0;
}

bool fsc_kworkers_stop(struct fsc_kworkers *k, unsigned *served,
		       unsigned *peak)
{
	unsigned n = 0;
	bool ok = k->running;

	if (k->running) {
		atomic_store(&k->stop, true);
		pthread_join(k->thread, NULL);
		fsc_kworkers_sample(k);
	}
	for (unsigned i = 0; i < k->nseen; i++)
		n += k->seen[i].worker && (k->seen[i].fresh ||
			k->seen[i].last_ns > k->seen[i].first_ns);
	*served = ok ? n : 0;
	*peak = ok ? k->peak : 0;
	free(k->seen);
	k->seen = NULL;
	k->nseen = 0;
	k->running = false;
	return ok;
}
