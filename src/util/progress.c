/* progress.c - signals and the progress line, on one monitor thread. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "util/progress.h"
#include "util/clock.h"
#include "util/term.h"
#include "util/units.h"

static pthread_t monitor;
static bool running, show, show_iec;
static atomic_int stop_signal;
static atomic_bool quit;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct fsc_progress current;
static bool have_current, drawn;
static uint64_t current_since;
/* Once the report is being written, nothing of fsconc's is left to remove
 * (but a result file's temporary copy): a signal then ends fsconc at
 * once, even while it waits on a reader that does not read. */
static bool reporting;
/* The whole run: its bytes and trials, when it started, the bytes of the
 * trials whose writing is over, and the trial under way. */
static uint64_t run_bytes, run_done, run_since;
static unsigned run_trials, trial_no;
static bool trial_counted;
static uint64_t stopped_at;		/* when the first signal came */
static fsc_held_fn held_fn;
static void *held_arg;
static void (*at_exit_fn)(void);

int fsc_stop_signal(void)
{
	return atomic_load(&stop_signal);
}

char *fsc_fmt_duration(char *buf, size_t len, double secs)
{
	long m = (long)(secs / 60 + 0.5);

	if (secs < 90)
		snprintf(buf, len, "%.0f s", secs < 1 ? 1 : secs);
	else if (m < 90)
		snprintf(buf, len, "%ld min", m);
	else
		snprintf(buf, len, "%ld h %ld min", m / 60, m % 60);
	return buf;
}

/* The writing phase of the trial is over: its bytes count as done. */
static void count_trial(void)
{
	if (!trial_counted && trial_no) {
		run_done += current.total;
		trial_counted = true;
	}
}

static void draw(void)
{
	char done[32], total[32], rate[32], left[48], line[512];
	uint64_t now = fsc_now_ns(), bytes = 0, all;
	double secs;
	size_t n;

	if (!have_current)
		return;
	if (current.bytes_done)
		bytes = current.bytes_done(current.arg);
	/* The time left in the whole run, from its pace so far (its syncs
	 * and removals included): first, as the rest may be cut. */
	n = (size_t)snprintf(line, sizeof(line), "trial %u/%u", trial_no,
			     run_trials);
	all = run_done + (!trial_counted && current.bytes_done ? bytes : 0);
	if (run_bytes && all && now > run_since) {
		double el = (double)(now - run_since) / 1e9;
		double rest = all < run_bytes ? el * (double)(run_bytes - all) /
			(double)all : 0;

		n += (size_t)snprintf(line + n, sizeof(line) - n, ", %s left",
				      fsc_fmt_duration(left, sizeof(left),
						       rest));
	}
	n += (size_t)snprintf(line + n, sizeof(line) - n, "; %s: %s",
			      current.what, current.phase);
	if (n >= sizeof(line))
		n = sizeof(line) - 1;
	if (current.bytes_done) {
		secs = (double)(now - current_since) / 1e9;
		fsc_fmt_bytes(done, sizeof(done), bytes, true);
		fsc_fmt_bytes(total, sizeof(total), current.total, true);
		fsc_fmt_rate(rate, sizeof(rate), secs > 0 ? (double)bytes /
			     secs : 0, show_iec);
		snprintf(line + n, sizeof(line) - n, " %s of %s, %s", done,
			 total, rate);
	}
	/* One column short of the edge: never a wrap. */
	fsc_cut(line, fsc_term_width(STDERR_FILENO) - 1);
	fprintf(stderr, "\r\033[K%s", line);
	fflush(stderr);
	drawn = true;
}

static void clear_line(void)
{
	if (drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		drawn = false;
	}
}

/* Was SIGHUP ignored when fsconc started (nohup)? */
static bool hup_ignored;

/* The signals the monitor takes; SIGUSR2 only wakes it up to stop. */
static void monitor_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	if (!hup_ignored)
		sigaddset(set, SIGHUP);
	sigaddset(set, SIGUSR2);
}

/* A message from the monitor, which must not wait: a standard error that
 * is a full pipe nobody reads takes nothing rather than block it. */
static void say(const char *msg)
{
	struct pollfd pfd = { .fd = STDERR_FILENO, .events = POLLOUT };
	size_t len = strlen(msg);

	if (poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLOUT) &&
	    write(STDERR_FILENO, msg, len))
		(void)0;
}

void fsc_exit_now(int status)
{
	for (;;)
		syscall(SYS_exit_group, status);
}

/* End fsconc now, from the monitor thread, with the first signal's status:
 * why, in msg; what the run leaves behind and what is still held, from
 * fsc_monitor_held()'s function, once what fsc_monitor_at_exit() asks is
 * done.  Called with lock held. */
static void exit_now(int sig, const char *why, bool overran)
{
	char held[512] = "", left[1024] = "", msg[2048];

	if (at_exit_fn)
		at_exit_fn();
	if (held_fn)
		held_fn(held_arg, held, sizeof(held), left, sizeof(left));
	if (drawn)
		say("\r\033[K");
	if (overran && held[0])
		snprintf(msg, sizeof(msg), "fsconc: interrupted by signal %d; "
			 "%s after %d s: the device is not completing them%s%s\n",
			 sig, held, FSC_STOP_DRAIN_SEC, left[0] ? "; " : "",
			 left);
	else if (overran)
		snprintf(msg, sizeof(msg), "fsconc: interrupted by signal %d; "
			 "stopping did not finish within %d s: the device is "
			 "not completing fsconc's requests%s%s\n", sig,
			 FSC_STOP_DRAIN_SEC, left[0] ? "; " : "", left);
	else
		snprintf(msg, sizeof(msg), "fsconc: %s%s%s\n", why,
			 left[0] ? "; " : "", left);
	say(msg);
	fsc_exit_now(128 + sig);
}

static void *monitor_main(void *arg)
{
	sigset_t set;
	const struct timespec tick = { 0, 250 * 1000 * 1000 };

	(void)arg;
	monitor_signals(&set);
	while (!atomic_load(&quit)) {
		int sig = sigtimedwait(&set, NULL, &tick);
		int first;

		pthread_mutex_lock(&lock);
		first = atomic_load(&stop_signal);
		if (sig > 0 && sig != SIGUSR2 && reporting) {
			char why[64];

			snprintf(why, sizeof(why), "interrupted by signal %d "
				 "while writing the report", first ? first :
				 sig);
			exit_now(first ? first : sig, why, false);
		} else if (sig > 0 && sig != SIGUSR2 && first) {
			char why[96];

			snprintf(why, sizeof(why), "interrupted by signal %d, "
				 "then signal %d: exiting at once", first, sig);
			exit_now(first, why, false);
		} else if (sig > 0 && sig != SIGUSR2) {
			atomic_store(&stop_signal, sig);
			stopped_at = fsc_now_ns();
		} else if (first && !reporting && fsc_now_ns() - stopped_at >=
			   (uint64_t)FSC_STOP_DRAIN_SEC * 1000000000u) {
			exit_now(first, NULL, true);
		} else if (sig < 0 && show) {
			draw();
		}
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

/* Linux queues a blocked signal even when it is ignored, and sigtimedwait
 * takes it: blocking SIGHUP would override `nohup fsconc`, so an ignored
 * SIGHUP stays ignored and unblocked (and is dropped).  SIGINT and SIGTERM
 * always stop fsconc cleanly: a shell starts background jobs with SIGINT
 * ignored, yet `fsconc ... &` then `kill -INT` must work; they are reset
 * to SIG_DFL (once blocked), since POSIX leaves it open whether a blocked
 * ignored signal is kept.  A write past `ulimit -f` must fail with EFBIG,
 * which fsconc cleans up after, rather than kill it with SIGXFSZ. */
static void set_dispositions(void)
{
	static const int take[] = { SIGINT, SIGTERM, SIGUSR2 };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	for (size_t i = 0; i < sizeof(take) / sizeof(take[0]); i++)
		sigaction(take[i], &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGXFSZ, &sa, NULL);
}

/* Before anything starts threads of its own (MPI_Init): block the
 * monitor's signals here, so that those threads inherit the mask. */
void fsc_monitor_block_signals(void)
{
	struct sigaction hup;
	sigset_t set;

	hup_ignored = sigaction(SIGHUP, NULL, &hup) == 0 &&
		hup.sa_handler == SIG_IGN;
	monitor_signals(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	set_dispositions();
}

int fsc_monitor_start(bool show_progress, bool iec)
{
	struct sigaction hup;
	sigset_t set;
	int rc;

	hup_ignored = sigaction(SIGHUP, NULL, &hup) == 0 &&
		hup.sa_handler == SIG_IGN;
	monitor_signals(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	set_dispositions();
	show = show_progress;
	show_iec = iec;
	atomic_store(&quit, false);
	rc = pthread_create(&monitor, NULL, monitor_main, NULL);
	if (rc) {
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		return -rc;
	}
	running = true;
	return 0;
}

int fsc_monitor_reporting(void)
{
	pthread_mutex_lock(&lock);
	reporting = true;
	pthread_mutex_unlock(&lock);
	return atomic_load(&stop_signal);
}

void fsc_monitor_held(fsc_held_fn fn, void *arg)
{
	pthread_mutex_lock(&lock);
	held_fn = fn;
	held_arg = arg;
	pthread_mutex_unlock(&lock);
}

void fsc_monitor_at_exit(void (*fn)(void))
{
	pthread_mutex_lock(&lock);
	at_exit_fn = fn;
	pthread_mutex_unlock(&lock);
}

void fsc_monitor_stop(void)
{
	sigset_t set;

	if (!running)
		return;
	atomic_store(&quit, true);
	pthread_kill(monitor, SIGUSR2);
	pthread_join(monitor, NULL);
	running = false;
	clear_line();
	/* From here to the exit no thread takes them: let them act as they
	 * do by default (SIGUSR2, which only woke the monitor, stays
	 * blocked). */
	monitor_signals(&set);
	sigdelset(&set, SIGUSR2);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

void fsc_progress_run(uint64_t bytes, unsigned trials)
{
	pthread_mutex_lock(&lock);
	run_bytes = bytes;
	run_trials = trials;
	run_done = 0;
	trial_no = 0;
	trial_counted = true;
	run_since = fsc_now_ns();
	pthread_mutex_unlock(&lock);
}

void fsc_progress_grow(uint64_t bytes, unsigned trials)
{
	pthread_mutex_lock(&lock);
	run_bytes += bytes;
	run_trials += trials;
	pthread_mutex_unlock(&lock);
}

void fsc_progress_set(const struct fsc_progress *p)
{
	pthread_mutex_lock(&lock);
	if (have_current)
		count_trial();
	if (p) {
		current = *p;
		if (!current.phase)
			current.phase = "writing";
		current_since = fsc_now_ns();
		have_current = true;
		if (p->starts_trial) {
			trial_no++;
			trial_counted = false;
		}
	} else {
		have_current = false;
		clear_line();
	}
	pthread_mutex_unlock(&lock);
}

void fsc_progress_phase(const char *phase)
{
	pthread_mutex_lock(&lock);
	if (have_current) {
		count_trial();
		current.phase = phase;
		current.bytes_done = NULL;
	}
	pthread_mutex_unlock(&lock);
}
