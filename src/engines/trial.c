/* trial.c - the services of engine.h: the state of the trial under way,
 * the files it opens and closes (flags, identities, t_open, t_done and
 * their phases), the failure that stops it, and each worker's
 * measurements (latency histogram, submit time, depth).  Engines only
 * write; the run loop sets the trial up (fsc_trial_init) and reads it
 * back (trial.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engines/engine.h"
#include "engines/trial.h"
#include "host/target.h"
#include "host/topo.h"
#include "util/clock.h"
#include "util/histogram.h"
#include "util/phases.h"
#include "util/progress.h"
#include "util/verify.h"
#include "util/xalloc.h"

/* --- for the run loop (trial.h) --- */

void fsc_trial_init(struct fsc_trial *t, const struct fsc_trial_setup *s)
{
	size_t bs = (size_t)s->opts->block_size;

	memset(t, 0, sizeof(*t));
	t->opts = s->opts;
	t->targets = s->targets;
	t->dirs = s->dirs;
	t->ndirs = s->ndirs;
	t->set = s->set;
	t->engine = s->engine;
	t->trial_jobs = s->jobs;
	t->file_name = s->file_name;
	t->iodepth = s->iodepth;
	t->nfiles = s->opts->files;
	t->ids = s->ids;
	t->buf = s->buf;
	t->round = s->round;
	t->jobs = (size_t)s->jobs < t->nfiles ? s->jobs : (unsigned)t->nfiles;
	t->nworkers = s->engine->async ? 1 : t->jobs;
	t->node = s->node;
	t->files = xcalloc(t->nfiles, sizeof(*t->files));
	t->workers = xaligned(64, t->nworkers * sizeof(*t->workers));
	memset(t->workers, 0, t->nworkers * sizeof(*t->workers));
	for (unsigned k = 0; k < t->nworkers; k++)
		t->workers[k].hist = xcalloc(1, sizeof(struct fsc_hist));
	/* Each write in flight has a block of its own, as an application's
	 * writes, and fio's, have: one block that every write copies from
	 * stays in the CPU's cache, and where a write is a memory copy
	 * (tmpfs, the page cache) that made the concurrent engines read up
	 * to 1.6 times fio.  --verify stamps each block, so it needs them
	 * too.  The pattern goes in now, before the clock starts. */
	t->nown = s->nown;
	t->own = xcalloc(t->nown, sizeof(*t->own));
	for (unsigned k = 0; k < t->nown; k++) {
		t->own[k] = xaligned(s->align, bs);
		memcpy(t->own[k], s->buf, bs);
	}
	pthread_mutex_init(&t->lock, NULL);
	for (size_t i = 0; i < t->nfiles; i++)
		t->files[i].dir = (unsigned)(i % s->ndirs);
}

void fsc_trial_free(struct fsc_trial *t)
{
	for (unsigned k = 0; k < t->nworkers; k++)
		free(t->workers[k].hist);
	for (unsigned k = 0; k < t->nown; k++)
		free(t->own[k]);
	free(t->own);
	free(t->workers);
	free(t->files);
	pthread_mutex_destroy(&t->lock);
}

/* --- services for engines (engine.h) --- */

unsigned fsc_trial_jobs(const struct fsc_trial *t) { return t->jobs; }
unsigned fsc_trial_iodepth(const struct fsc_trial *t) { return t->iodepth; }
uint64_t fsc_trial_file_size(const struct fsc_trial *t) { return t->opts->size; }
uint64_t fsc_trial_block_size(const struct fsc_trial *t) { return t->opts->block_size; }

void *fsc_trial_own_buffer(struct fsc_trial *t, unsigned k)
{
	return k < t->nown ? t->own[k] : NULL;
}

const void *fsc_trial_data(const struct fsc_trial *t, void *own, size_t i,
			   uint64_t off, size_t len)
{
	if (!own)
		return t->buf;
	if (t->opts->verify)
		fsc_stamp(own, len, (uint32_t)i, t->round, off);
	return own;
}

bool fsc_trial_fsync_each(const struct fsc_trial *t)
{
	return t->opts->fsync == FSC_FSYNC_EACH;
}

int fsc_trial_rw_flags(const struct fsc_trial *t)
{
	return t->opts->dontcache ? RWF_DONTCACHE : 0;
}

void fsc_trial_kernel_workers(struct fsc_trial *t, unsigned served,
			      unsigned peak)
{
	t->kworkers_sampled = true;
	t->kworkers = served;
	t->kworkers_peak = peak;
}

unsigned fsc_trial_uring(const struct fsc_trial *t)
{
	const struct fsc_opts *o = t->opts;

	return (o->uring_fixed_buffers ? FSC_URING_FIXED_BUFFERS : 0) |
	       (o->uring_fixed_files ? FSC_URING_FIXED_FILES : 0) |
	       (o->uring_sqpoll ? FSC_URING_SQPOLL : 0);
}

bool fsc_trial_stopping(const struct fsc_trial *t)
{
	return atomic_load_explicit(&t->failed, memory_order_relaxed) ||
	       atomic_load_explicit(&t->peer_stop, memory_order_relaxed) ||
	       fsc_stop_signal();
}

bool fsc_trial_walled(struct fsc_trial *t)
{
	if (atomic_load_explicit(&t->walled, memory_order_relaxed))
		return true;
	if (!t->deadline || fsc_now_ns() < t->deadline)
		return false;
	atomic_store(&t->walled, true);
	return true;
}

long fsc_trial_next_file(struct fsc_trial *t)
{
	size_t i;

	if (fsc_trial_stopping(t) || fsc_trial_walled(t))
		return -1;
	i = atomic_fetch_add(&t->next, 1);
	return i < t->nfiles ? (long)i : -1;
}

struct fsc_worker *fsc_trial_worker(struct fsc_trial *t, unsigned k)
{
	return &t->workers[k];
}

struct fsc_target *fsc_trial_target(const struct fsc_trial *t, size_t i)
{
	return &t->targets[t->dirs[i % t->ndirs]];
}

int fsc_trial_dirfd(const struct fsc_trial *t, size_t i)
{
	return fsc_target_file_fd(fsc_trial_target(t, i), i / t->ndirs);
}

void fsc_trial_file_name(const struct fsc_trial *t, size_t i, char *buf,
			 size_t len)
{
	t->file_name(buf, len, t->set, t->engine->name, t->trial_jobs, i);
}

const char *fsc_errno_hint(int err)
{
	switch (err) {
	case ENOSPC: return "; free some space, or use a smaller --size or --files";
	case EDQUOT: return "; the disk quota is used up";
	case EFBIG: return "; the file size limit (ulimit -f) is below --size";
	case EMFILE: return "; raise the open file limit (ulimit -n) or lower --jobs";
	case EAGAIN: return "; a resource limit was reached (threads: ulimit -u)";
	case ENFILE: return "; the system file table is full";
	case EROFS: return "; the file system is read-only";
	case EACCES: case EPERM: return "; check the permissions of the target";
	case EIO: return "; the device reported an I/O error";
	/* io_uring cancels a write it cannot hand to a kernel worker, and
	 * those workers count against the process limit. */
	case ECANCELED: return "; the kernel gave up on the write (io_uring "
		"does when it cannot start a worker: the limit on processes, "
		"ulimit -u, may be reached)";
	default: return "";
	}
}

int fsc_trial_fail(struct fsc_trial *t, size_t i, const char *op, int err)
{
	char name[96], *dir;

	pthread_mutex_lock(&t->lock);
	if (!atomic_load(&t->failed) && i == FSC_NO_FILE) {
		/* Without a file, EAGAIN is a thread that could not start. */
		snprintf(t->errmsg, sizeof(t->errmsg), "%s: %s%s%s", op,
			 strerror(-err),
			 err == -EAGAIN ? "; " : fsc_errno_hint(-err),
			 err == -EAGAIN ? fsc_thread_again_why() : "");
		atomic_store(&t->failed, true);
	} else if (!atomic_load(&t->failed)) {
		fsc_trial_file_name(t, i, name, sizeof(name));
		dir = xmalloc(PATH_MAX);
		fsc_target_file_dir(fsc_trial_target(t, i), i / t->ndirs, dir,
				    PATH_MAX);
		snprintf(t->errmsg, sizeof(t->errmsg), "%s %s/%s: %s%s", op,
			 dir, name, strerror(-err),
			 err == -EINVAL && t->opts->direct ?
			 "; O_DIRECT refused it: the alignment fsconc found "
			 "for this file system is wrong, try a larger "
			 "--block-size" : fsc_errno_hint(-err));
		free(dir);
		atomic_store(&t->failed, true);
	}
	pthread_mutex_unlock(&t->lock);
	return err;
}

int fsc_trial_failf(struct fsc_trial *t, int err, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&t->lock);
	if (!atomic_load(&t->failed)) {
		va_start(ap, fmt);
		vsnprintf(t->errmsg, sizeof(t->errmsg), fmt, ap);
		va_end(ap);
		atomic_store(&t->failed, true);
	}
	pthread_mutex_unlock(&t->lock);
	return err;
}

int fsc_worker_bind(struct fsc_trial *t, unsigned k)
{
	enum fsc_bind mode = t->opts->bind;
	char cpus[256];
	int rc;

	if (mode == FSC_BIND_NONE)
		return 0;
	rc = fsc_topo_bind_thread(mode, k, t->node);
	if (rc == 0)
		return 0;
	pthread_mutex_lock(&t->lock);
	if (!atomic_load(&t->failed)) {
		if (fsc_topo_cpuset(mode, k, t->node, cpus, sizeof(cpus)) < 0)
			snprintf(cpus, sizeof(cpus), "?");
		snprintf(t->errmsg, sizeof(t->errmsg), "pin writer %u to CPUs "
			 "%s (--bind %s): %s; CPUs outside this process's "
			 "cpuset cannot be used: try --bind none", k, cpus,
			 fsc_bind_name(mode), strerror(-rc));
		atomic_store(&t->failed, true);
	}
	pthread_mutex_unlock(&t->lock);
	return rc;
}

int fsc_file_open(struct fsc_trial *t, size_t i)
{
	const struct fsc_opts *o = t->opts;
	int dfd = fsc_trial_dirfd(t, i);
	int flags = O_WRONLY | O_NOFOLLOW | O_CLOEXEC, fd;
	char name[96];
	struct stat st;
	uint64_t now;

	fsc_trial_file_name(t, i, name, sizeof(name));
	/* No O_TRUNC: the file is truncated only once it is known to be
	 * the one fsconc made (SAFETY in fsconc(1)). */
	if (o->mode == FSC_MODE_CREATE)
		flags |= O_CREAT | O_EXCL;
	if (o->direct)
		flags |= O_DIRECT;
	t->files[i].t_open = fsc_now_ns();
	fd = openat(dfd, name, flags, 0600);
	if (fd < 0)
		return fsc_trial_fail(t, i, "open", -errno);
	if (fstat(fd, &st) < 0) {
		int err = -errno;
		close(fd);
		return fsc_trial_fail(t, i, "fstat", err);
	}
	if (o->mode == FSC_MODE_CREATE) {
		t->ids[i].dev = st.st_dev;
		t->ids[i].ino = st.st_ino;
		t->ids[i].created = true;
	} else if (st.st_dev != t->ids[i].dev || st.st_ino != t->ids[i].ino) {
		close(fd);
		return fsc_trial_fail(t, i, "open (file replaced behind fsconc)",
				      -ESTALE);
	}
	/* The open and truncate phases, as ns for now: fsc_file_close()
	 * turns them back into clock readings (fsconc(1), MEASUREMENTS). */
	now = fsc_now_ns();
	t->files[i].phase_ns[FSC_PHASE_OPEN] = now - t->files[i].t_open;
	t->files[i].phase_ns[FSC_PHASE_TRUNCATE] = 0;
	if (o->mode == FSC_MODE_TRUNCATE) {
		if (ftruncate(fd, 0) < 0) {
			int err = -errno;
			close(fd);
			return fsc_trial_fail(t, i, "truncate", err);
		}
		t->files[i].phase_ns[FSC_PHASE_TRUNCATE] = fsc_now_ns() - now;
	}
	return fd;
}

int fsc_file_fsync(struct fsc_trial *t, size_t i, int fd)
{
	if (fsync(fd) < 0)
		return fsc_trial_fail(t, i, "fsync", -errno);
	return 0;
}

int fsc_file_close(struct fsc_trial *t, size_t i, int fd, uint64_t bytes)
{
	struct fsc_file_result *f = &t->files[i];
	uint64_t st[FSC_NPHASE + 1] = { 0 };
	int rc = 0;

	/* The last write is done when its file is closed: the write phase
	 * ends here (fsconc(1), MEASUREMENTS). */
	st[0] = f->t_open;
	st[FSC_PHASE_OPEN + 1] = st[0] + f->phase_ns[FSC_PHASE_OPEN];
	st[FSC_PHASE_TRUNCATE + 1] = st[FSC_PHASE_OPEN + 1] +
		f->phase_ns[FSC_PHASE_TRUNCATE];
	st[FSC_PHASE_WRITE + 1] = fsc_now_ns();
	if (t->opts->fsync == FSC_FSYNC_END) {
		rc = fsc_file_fsync(t, i, fd);
		st[FSC_PHASE_FSYNC + 1] = fsc_now_ns();
	}
	if (close(fd) < 0 && rc == 0)
		rc = fsc_trial_fail(t, i, "close", -errno);
	f->t_done = fsc_now_ns();
	st[FSC_NPHASE] = f->t_done;
	fsc_phases_split(st, f->phase_ns);
	f->bytes = bytes;
	return rc;
}

void fsc_worker_write(struct fsc_worker *w, uint64_t bytes,
		      uint64_t latency_ns, uint64_t submit_ns)
{
	fsc_hist_add(w->hist, latency_ns);
	w->writes++;
	w->submit_ns += submit_ns;
	atomic_fetch_add_explicit(&w->bytes, bytes, memory_order_relaxed);
}

void fsc_worker_depth(struct fsc_worker *w, unsigned inflight)
{
	w->depth_sum += inflight;
	w->depth_n++;
}

void fsc_worker_submit_time(struct fsc_worker *w, uint64_t ns)
{
	w->submit_ns += ns;
}

uint64_t fsc_trial_bytes_done(void *arg)
{
	struct fsc_trial *t = arg;
	uint64_t n = 0;

	for (unsigned k = 0; k < t->nworkers; k++)
		n += atomic_load_explicit(&t->workers[k].bytes,
					  memory_order_relaxed);
	return n;
}
