/* progress.h - the monitor thread: it alone receives SIGINT, SIGTERM and
 * SIGHUP (blocked in every other thread), turning them into a stop
 * request, and draws the live progress line on a terminal. */
#ifndef FSC_PROGRESS_H
#define FSC_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Block the signals in the calling thread (so in every thread created
 * after) and start the monitor: SIGINT and SIGTERM are taken even when
 * they were ignored, SIGHUP only when it was not (nohup), and SIGXFSZ is
 * ignored (a write past ulimit -f fails with EFBIG instead).  show: draw
 * progress on stderr, in MiB/s with iec.  0 or -errno. */
int fsc_monitor_start(bool show, bool iec);
/* Block the signals the monitor takes in the calling thread, before
 * anything starts threads that must not take them (MPI_Init). */
void fsc_monitor_block_signals(void);
/* The run is over: from now on a signal ends fsconc at once, with status
 * 128 + the signal (a result file half written is removed), since there
 * is nothing left to clean up and the report may be waiting on a reader
 * that does not read.  Returns the signal that came before, or 0. */
int fsc_monitor_reporting(void);
/* Stop the monitor, at the very end.  The signals it took act as they do
 * by default from then on. */
void fsc_monitor_stop(void);

/* How long a stop may take (fsconc(1), RELIABILITY): after the first
 * signal, the writers have this many seconds to let the writes in flight
 * complete and to remove fsconc's files and run directories.  Past it the
 * monitor says what the kernel still holds and exits with 128 + the
 * signal, leaving the run directories (with their markers) for `fsconc
 * cleanup`.  A second signal exits at once, the same way. */
#define FSC_STOP_DRAIN_SEC 5

/* What a stop that cannot finish leaves: fn (engines/held.c) writes what
 * is still in the kernel ("3 writes to /x"; empty when nothing) into held,
 * and what stays behind and how to remove it into left (empty when
 * nothing).  Called from the monitor thread, with the monitor's lock
 * held; fn = NULL: nothing to say. */
typedef void (*fsc_held_fn)(void *arg, char *held, size_t hlen, char *left,
			    size_t llen);
void fsc_monitor_held(fsc_held_fn fn, void *arg);
/* What to undo first when a signal ends fsconc at once: fn (the removal
 * of a result file's temporary copy, fsc_output_abandon) runs on the
 * monitor thread, with the monitor's lock held.  NULL: nothing. */
void fsc_monitor_at_exit(void (*fn)(void));

/* End the process now, from any thread, with status: nothing exit() or a
 * checked build does at exit runs (it could wait on a thread that waits
 * on the device), and the threads still running and the memory that the
 * kernel may still use are left as they are. */
void fsc_exit_now(int status) __attribute__((noreturn));

/* The first signal received, or 0. */
int fsc_stop_signal(void);

/* What the progress line shows; bytes_done is called from the monitor
 * thread with arg while the trial is current.  The line reads "trial K/N,
 * T left; round R/M: threads×5 on /tmp: writing DONE of TOTAL, RATE",
 * cut to the terminal's width; T is for the whole run. */
struct fsc_progress {
	char what[160];		/* "round 2/4: threads×5 on /tmp" */
	const char *phase;	/* "writing", "verifying" */
	bool starts_trial;	/* the first phase of a trial: counts it */
	uint64_t total;		/* bytes the phase writes or reads */
	uint64_t (*bytes_done)(void *arg);
	void *arg;
};
/* The run about to start: the bytes it writes in all, and its trials
 * (rounds included), for "trial K/N" and the time left. */
void fsc_progress_run(uint64_t bytes, unsigned trials);
/* One more round than planned (--rounds auto): its bytes and trials. */
void fsc_progress_grow(uint64_t bytes, unsigned trials);
/* Make p current (NULL: none); clears the line when set to NULL. */
void fsc_progress_set(const struct fsc_progress *p);
/* The current trial goes on with phase ("removing", "syncing"), which
 * has no byte count. */
void fsc_progress_phase(const char *phase);

/* "42 s", "3 min", "1 h 5 min". */
char *fsc_fmt_duration(char *buf, size_t len, double seconds);

#endif
