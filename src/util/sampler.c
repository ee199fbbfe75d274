/* sampler.c - a counter read at a fixed interval, on its own thread. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "fsconc.h"
#include "util/clock.h"
#include "util/sampler.h"
#include "util/xalloc.h"

#define CAP (2 * FSC_TIMELINE_MAX)

struct fsc_sampler {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool quit;
	uint64_t interval_ns;
	uint64_t (*bytes_done)(void *arg);
	void *arg;
	struct fsc_samples s;
};

static void take(struct fsc_sampler *sp, uint64_t now)
{
	struct fsc_samples *s = &sp->s;

	if (s->n == CAP) {
		/* Full: every other reading, read half as often. */
		for (size_t i = 0; i < CAP / 2; i++) {
			s->t_ns[i] = s->t_ns[2 * i];
			s->bytes[i] = s->bytes[2 * i];
		}
		s->n = CAP / 2;
		sp->interval_ns *= 2;
	}
	s->t_ns[s->n] = now;
	s->bytes[s->n] = sp->bytes_done(sp->arg);
	s->n++;
}

static void *sampler_main(void *arg)
{
	struct fsc_sampler *sp = arg;
	uint64_t next = fsc_now_ns();
	struct timespec ts;

	pthread_mutex_lock(&sp->lock);
	take(sp, next);
	while (!sp->quit) {
		next += sp->interval_ns;
		ts.tv_sec = (time_t)(next / 1000000000u);
		ts.tv_nsec = (long)(next % 1000000000u);
		while (!sp->quit && pthread_cond_timedwait(&sp->wake, &sp->lock,
							   &ts) != ETIMEDOUT)
			;
		if (!sp->quit)
			take(sp, fsc_now_ns());
	}
	pthread_mutex_unlock(&sp->lock);
	return NULL;
}

struct fsc_sampler *fsc_sampler_start(uint64_t interval_ns,
				      uint64_t (*bytes_done)(void *arg),
				      void *arg)
{
	struct fsc_sampler *sp = xcalloc(1, sizeof(*sp));
	pthread_condattr_t ca;

	sp->interval_ns = interval_ns;
	sp->bytes_done = bytes_done;
	sp->arg = arg;
	sp->s.t_ns = xcalloc(CAP, sizeof(*sp->s.t_ns));
	sp->s.bytes = xcalloc(CAP, sizeof(*sp->s.bytes));
	pthread_mutex_init(&sp->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&sp->wake, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&sp->thread, NULL, sampler_main, sp) == 0)
		return sp;
	pthread_cond_destroy(&sp->wake);
	pthread_mutex_destroy(&sp->lock);
	free(sp->s.t_ns);
	free(sp->s.bytes);
	free(sp);
	return NULL;
}

void fsc_sampler_stop(struct fsc_sampler *sp, struct fsc_samples *out)
{
	out->t_ns = out->bytes = NULL;
	out->n = 0;
	if (!sp)
		return;
	pthread_mutex_lock(&sp->lock);
	sp->quit = true;
	pthread_cond_signal(&sp->wake);
	pthread_mutex_unlock(&sp->lock);
	pthread_join(sp->thread, NULL);
	pthread_cond_destroy(&sp->wake);
	pthread_mutex_destroy(&sp->lock);
	*out = sp->s;
	free(sp);
}
