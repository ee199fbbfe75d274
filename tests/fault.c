/* fault.c - fault injection for the command-line tests, preloaded into
 * fsconc (LD_PRELOAD=tests/fault.so) so that fsconc itself carries no
 * test hooks.  Each fault is off unless its variable is set:
 *
 *   FSC_FAULT_ALARM_US=N     every N microseconds, SIGALRM to every thread,
 *                            caught by a handler installed without
 *                            SA_RESTART, so waits return EINTR
 *   FSC_FAULT_EXTRA_FREE=N   statvfs reports N more bytes free than there
 *                            are: the space check passes, the writes hit
 *                            ENOSPC (space gone after the check)
 *   FSC_FAULT_SLOW_UNLINK_MS=N  each unlinkat waits N ms first: cleanup
 *                            lasts long enough to signal fsconc during it
 *   FSC_FAULT_SLOW_WRITE_MS=N   each pwrite waits N ms first: the threads
 *                            engine's files are surely open at once
 *   FSC_FAULT_SLOW_READ_MS=N    each pread waits N ms first: the read-back
 *                            of --verify lasts long enough to be seen
 *   FSC_FAULT_LOG=FILE       at exit, append a line to FILE: "alarms A"
 *                            (signals handled), then "WAIT N" for each
 *                            wait below: how many times it said EINTR,
 *                            then "buffers B": how many different blocks
 *                            pwrite and aio_write were given to write */
#define _GNU_SOURCE
#include <aio.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

struct io_event;
struct io_uring;
struct io_uring_cqe;
typedef struct io_context *io_context_t;

/* libaio's and liburing's, declared here so that the shim builds and
 * loads without them. */
int io_getevents(io_context_t ctx, long min, long nr, struct io_event *ev,
		 struct timespec *timeout);
int __io_uring_get_cqe(struct io_uring *ring, struct io_uring_cqe **cqe,
		       unsigned submit, unsigned wait, sigset_t *sigmask);
struct __kernel_timespec;
int io_uring_wait_cqes(struct io_uring *ring, struct io_uring_cqe **cqe,
		       unsigned wait, struct __kernel_timespec *ts,
		       sigset_t *sigmask);

/* Signals handled, and EINTRs returned by each wait wrapped below. */
enum { W_SIGTIMEDWAIT, W_AIO_SUSPEND, W_IO_GETEVENTS, W_IO_URING, W_N };
static const char *const wait_names[W_N] = {
	"sigtimedwait", "aio_suspend", "io_getevents", "io_uring_wait"
};
static atomic_ulong alarms, eintrs[W_N];
/* The different source blocks written from, up to MAX_BUFS. */
#define MAX_BUFS 4096
static const void *bufs[MAX_BUFS];
static unsigned long nbufs;
static pthread_mutex_t bufs_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_bool stop;
static pthread_t ticker;
static bool ticking;
static long alarm_us;

/* The wrapped function: looked up once, by whichever thread comes first
 * (atomically: writer threads race to it). */
static void *next(_Atomic(void *) *slot, const char *name)
{
	void *f = atomic_load_explicit(slot, memory_order_acquire);

	if (f)
		return f;
	f = dlsym(RTLD_NEXT, name);
	if (!f) {
		fprintf(stderr, "fault.so: no %s to wrap\n", name);
		abort();
	}
	atomic_store_explicit(slot, f, memory_order_release);
	return f;
}
#define REAL(name) static _Atomic(void *) real_##name; \
	__typeof__(&name) real = (__typeof__(&name))next(&real_##name, #name)

static long env_long(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? strtol(v, NULL, 10) : 0;
}

static void on_alarm(int sig)
{
	(void)sig;
	atomic_fetch_add_explicit(&alarms, 1, memory_order_relaxed);
}

static void unblock_alarm(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/* Every thread but this one, every alarm_us.  The ticker blocks every
 * signal, so SIGINT and the like still go to fsconc's own threads. */
static void *tick(void *arg)
{
	const struct timespec ts = { alarm_us / 1000000,
				     (alarm_us % 1000000) * 1000 };
	pid_t pid = getpid(), self = (pid_t)syscall(SYS_gettid);

	(void)arg;
	while (!atomic_load(&stop)) {
		DIR *d = opendir("/proc/self/task");
		struct dirent *de;

		while (d && (de = readdir(d))) {
			pid_t tid = (pid_t)atoi(de->d_name);

			if (tid > 0 && tid != self)
				syscall(SYS_tgkill, pid, tid, SIGALRM);
		}
		if (d)
			closedir(d);
		nanosleep(&ts, NULL);
	}
	return NULL;
}

__attribute__((constructor)) static void fault_init(void)
{
	struct sigaction sa;
	sigset_t all, old;

	alarm_us = env_long("FSC_FAULT_ALARM_US");
	if (alarm_us <= 0)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: waits see EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	unblock_alarm();
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	ticking = pthread_create(&ticker, NULL, tick, NULL) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

__attribute__((destructor)) static void fault_fini(void)
{
	const char *log = getenv("FSC_FAULT_LOG");
	FILE *f;

	if (ticking) {
		atomic_store(&stop, true);
		pthread_join(ticker, NULL);
		ticking = false;
	}
	if (!log || !*log || !(f = fopen(log, "a")))
		return;
	fprintf(f, "alarms %lu", atomic_load(&alarms));
	for (int w = 0; w < W_N; w++)
		fprintf(f, " %s %lu", wait_names[w], atomic_load(&eintrs[w]));
	fprintf(f, " buffers %lu\n", nbufs);
	fclose(f);
}

/* --- SIGALRM reaches the threads fsconc starts, whatever their mask --- */

struct start {
	void *(*fn)(void *);
	void *arg;
};

static void *trampoline(void *p)
{
	struct start s = *(struct start *)p;

	free(p);
	if (alarm_us > 0)
		unblock_alarm();
	return s.fn(s.arg);
}

int pthread_create(pthread_t *t, const pthread_attr_t *attr,
		   void *(*fn)(void *), void *arg)
{
	REAL(pthread_create);
	struct start *s = malloc(sizeof(*s));
	int rc;

	if (!s)
		return EAGAIN;
	s->fn = fn;
	s->arg = arg;
	rc = real(t, attr, trampoline, s);
	if (rc)
		free(s);
	return rc;
}

/* --- the waits: count the EINTRs they return --- */

static void count(int wait, bool interrupted)
{
	if (interrupted)
		atomic_fetch_add_explicit(&eintrs[wait], 1,
					  memory_order_relaxed);
}

int aio_suspend(const struct aiocb *const list[], int n,
		const struct timespec *timeout)
{
	REAL(aio_suspend);
	int rc;

	rc = real(list, n, timeout);
	count(W_AIO_SUSPEND, rc < 0 && errno == EINTR);
	return rc;
}

int io_getevents(io_context_t ctx, long min, long nr, struct io_event *ev,
		 struct timespec *timeout)
{
	REAL(io_getevents);
	int rc;

	rc = real(ctx, min, nr, ev, timeout);
	count(W_IO_GETEVENTS, rc == -EINTR);
	return rc;
}

int __io_uring_get_cqe(struct io_uring *ring, struct io_uring_cqe **cqe,
		       unsigned submit, unsigned wait, sigset_t *sigmask)
{
	REAL(__io_uring_get_cqe);
	int rc;

	rc = real(ring, cqe, submit, wait, sigmask);
	count(W_IO_URING, rc == -EINTR);
	return rc;
}

/* fsconc's bounded wait (with a timeout) goes here, not through the
 * function above. */
int io_uring_wait_cqes(struct io_uring *ring, struct io_uring_cqe **cqe,
		       unsigned wait, struct __kernel_timespec *ts,
		       sigset_t *sigmask)
{
	REAL(io_uring_wait_cqes);
	int rc;

	rc = real(ring, cqe, wait, ts, sigmask);
	count(W_IO_URING, rc == -EINTR);
	return rc;
}

int sigtimedwait(const sigset_t *set, siginfo_t *info,
		 const struct timespec *timeout)
{
	REAL(sigtimedwait);
	int rc;

	rc = real(set, info, timeout);
	count(W_SIGTIMEDWAIT, rc < 0 && errno == EINTR);
	return rc;
}

/* --- free space that is gone by the time fsconc writes --- */

static void add_free(struct statvfs *sv)
{
	long extra = env_long("FSC_FAULT_EXTRA_FREE");

	if (extra > 0 && sv->f_frsize) {
		sv->f_bavail += (fsblkcnt_t)extra / sv->f_frsize;
		sv->f_bfree += (fsblkcnt_t)extra / sv->f_frsize;
	}
}

int statvfs(const char *path, struct statvfs *sv)
{
	REAL(statvfs);
	int rc;

	rc = real(path, sv);
	if (rc == 0)
		add_free(sv);
	return rc;
}

/* --- slow calls --- */

static void pause_ms(const char *var)
{
	long ms = env_long(var);
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	if (ms > 0)
		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
}

int unlinkat(int dirfd, const char *name, int flags)
{
	REAL(unlinkat);

	pause_ms("FSC_FAULT_SLOW_UNLINK_MS");
	return real(dirfd, name, flags);
}

static void note_buffer(const void *buf)
{
	unsigned long i;

	pthread_mutex_lock(&bufs_lock);
	for (i = 0; i < nbufs && bufs[i] != buf; i++)
		;
	if (i == nbufs && nbufs < MAX_BUFS)
		bufs[nbufs++] = buf;
	pthread_mutex_unlock(&bufs_lock);
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	REAL(pwrite);

	note_buffer(buf);
	pause_ms("FSC_FAULT_SLOW_WRITE_MS");
	return real(fd, buf, len, off);
}

int aio_write(struct aiocb *cb)
{
	REAL(aio_write);

	note_buffer((const void *)cb->aio_buf);
	return real(cb);
}

ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
	REAL(pread);

	pause_ms("FSC_FAULT_SLOW_READ_MS");
	return real(fd, buf, len, off);
}
