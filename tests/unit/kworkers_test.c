/* kworkers_test.c - sampling the kernel workers of the process: threads
 * named like io-wq workers, made here with pthread_setname_np, are
 * counted when they run during the sampling, not when they only idle
 * since before it, and other threads never. */
#include "config.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "engines/kworkers.h"

struct fake {
	const char *name;
	int pipe[2];	/* 'g': be busy for 50 ms of CPU; 'q': end */
	int done[2];	/* a byte when the 50 ms are done */
	pthread_t thread;
};

/* Named, then asleep in read(2) (no CPU at all, as an idle io-wq worker)
 * until told to work or to end. */
static void *fake_worker(void *arg)
{
	struct fake *f = arg;
	struct timespec t0, t;
	volatile unsigned long spin = 0;
	char c;

	pthread_setname_np(pthread_self(), f->name);
	while (read(f->pipe[0], &c, 1) == 1 && c == 'g') {
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
		do {
			for (int i = 0; i < 100000; i++)
				spin++;
			clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
		} while ((t.tv_sec - t0.tv_sec) * 1000000000L +
			 (t.tv_nsec - t0.tv_nsec) < 50000000L);
		if (write(f->done[1], &c, 1) != 1)
			break;
	}
	return NULL;
}

static void fake_start(struct fake *f, const char *name)
{
	memset(f, 0, sizeof(*f));
	f->name = name;
	assert_int_equal(pipe(f->pipe), 0);
	assert_int_equal(pipe(f->done), 0);
	assert_int_equal(pthread_create(&f->thread, NULL, fake_worker, f), 0);
}

static void fake_tell(struct fake *f, char c)
{
	assert_int_equal(write(f->pipe[1], &c, 1), 1);
}

static void fake_stop(struct fake *f)
{
	fake_tell(f, 'q');
	pthread_join(f->thread, NULL);
	close(f->pipe[0]);
	close(f->pipe[1]);
	close(f->done[0]);
	close(f->done[1]);
}

/* Wait until the thread has done its work. */
static void fake_wait(struct fake *f)
{
	char c;

	assert_int_equal(read(f->done[0], &c, 1), 1);
}

/* Wait until the thread has taken its name. */
static void named(const struct fake *f)
{
	char name[32] = "";

	for (int i = 0; i < 1000 && strcmp(name, f->name) != 0; i++) {
		pthread_getname_np(f->thread, name, sizeof(name));
		usleep(1000);
	}
	assert_string_equal(name, f->name);
}

static void counts_busy_workers_only(void **state)
{
	struct fake busy, idle, other;
	struct fsc_kworkers k;
	unsigned served = 99, peak = 99;

	(void)state;
	fake_start(&busy, "iou-wrk-1");
	fake_start(&idle, "iou-wrk-2");
	fake_start(&other, "not-a-worker");
	named(&busy);
	named(&idle);
	named(&other);
	fsc_kworkers_start(&k, "iou-wrk-");
	fake_tell(&busy, 'g');
	fake_tell(&other, 'g');
	fake_wait(&busy);
	fake_wait(&other);
	assert_true(fsc_kworkers_stop(&k, &served, &peak));
	fake_stop(&busy);
	fake_stop(&idle);
	fake_stop(&other);
	assert_int_equal(served, 1);	/* busy, not idle nor other */
	assert_int_equal(peak, 2);	/* busy and idle were alive */
}

static void counts_workers_started_meanwhile(void **state)
{
	struct fake late;
	struct fsc_kworkers k;
	unsigned served = 99, peak = 99;

	(void)state;
	fsc_kworkers_start(&k, "iou-wrk-");
	fake_start(&late, "iou-wrk-3");
	named(&late);
	usleep(3 * FSC_KWORKERS_MS * 1000);
	assert_true(fsc_kworkers_stop(&k, &served, &peak));
	fake_stop(&late);
	assert_int_equal(served, 1);	/* appeared after the first sample */
	assert_int_equal(peak, 1);
}

static void none(void **state)
{
	struct fsc_kworkers k;
	unsigned served = 99, peak = 99;

	(void)state;
	fsc_kworkers_start(&k, "iou-wrk-");
	assert_true(fsc_kworkers_stop(&k, &served, &peak));
	assert_int_equal(served, 0);
	assert_int_equal(peak, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_busy_workers_only),
		cmocka_unit_test(counts_workers_started_meanwhile),
		cmocka_unit_test(none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
