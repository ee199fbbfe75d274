/* noise_test.c - unit tests for the samplers of the machine's noise
 * (noise.c), on the text the kernel writes. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "host/noise.h"

/* Ensure that the load is the first figure of /proc/loadavg. */
static void parse_loadavg(void **state)
{
	double v = -1;

	(void)state;
	assert_int_equal(fsc_noise_parse_loadavg("4.50 3.66 2.35 5/114 16083\n",
						 &v), 0);
	assert_true(v == 4.50);
	assert_int_equal(fsc_noise_parse_loadavg("", &v), -1);
	assert_int_equal(fsc_noise_parse_loadavg("load\n", &v), -1);
	assert_true(v == 4.50);
}

/* Ensure that the total is the sum of the first eight fields of the
 * "cpu" line (guest time is inside user time), with iowait the fifth and
 * steal the eighth; a per-CPU line or a short one is refused. */
static void parse_stat(void **state)
{
	static const char stat[] =
		"cpu  71951 10 77086 60175 2723 3 565 900 7 0\n"
		"cpu0 35000 5 38000 30000 1300 1 280 450 3 0\n"
		"intr 1234\n";
	uint64_t total = 0, steal = 0, iowait = 0;

	(void)state;
	assert_int_equal(fsc_noise_parse_stat(stat, &total, &steal, &iowait),
			 0);
	assert_true(total == 71951 + 10 + 77086 + 60175 + 2723 + 3 + 565 +
		    900);
	assert_true(iowait == 2723);
	assert_true(steal == 900);
	assert_int_equal(fsc_noise_parse_stat(strchr(stat, '\n') + 1,
					      &total, &steal, &iowait), -1);
	assert_int_equal(fsc_noise_parse_stat("cpu  1 2 3 4 5\n", &total,
					      &steal, &iowait), -1);
	assert_int_equal(fsc_noise_parse_stat("", &total, &steal, &iowait),
			 -1);
}

/* Ensure that the pressure is the "some" line's total, not the "full"
 * one's, and that a file without it is refused. */
static void parse_psi(void **state)
{
	static const char io[] =
		"some avg10=1.14 avg60=6.32 avg300=5.35 total=43443845\n"
		"full avg10=0.44 avg60=2.23 avg300=1.60 total=16770260\n";
	uint64_t us = 0;

	(void)state;
	assert_int_equal(fsc_noise_parse_psi(io, &us), 0);
	assert_true(us == 43443845);
	assert_int_equal(fsc_noise_parse_psi(strchr(io, '\n') + 1, &us), -1);
	assert_int_equal(fsc_noise_parse_psi("some avg10=1.14\nfull "
					     "total=5\n", &us), -1);
	assert_int_equal(fsc_noise_parse_psi("", &us), -1);
	assert_true(us == 43443845);
}

/* Ensure that user time is user + nice and system time system + irq +
 * softirq, beside the fields parse_stat reads. */
static void parse_cpu(void **state)
{
	uint64_t total, user, system, iowait, steal;

	(void)state;
	assert_int_equal(fsc_noise_parse_cpu("cpu  100 10 50 800 20 3 7 5 0 0\n",
					     &total, &user, &system, &iowait,
					     &steal), 0);
	assert_true(total == 995 && user == 110 && system == 60 &&
		    iowait == 20 && steal == 5);
	assert_int_equal(fsc_noise_parse_cpu("cpu0 1 2 3 4 5 6 7 8\n", &total,
					     &user, &system, &iowait, &steal),
			 -1);
}

/* Ensure a cgroup's CPU limit in CPUs: v2 cpu.max and v1 CFS quota and
 * period, none for "max" or a quota of -1, a refusal for other text. */
static void cpu_limits(void **state)
{
	double v = 0;

	(void)state;
	assert_int_equal(fsc_cpu_max_parse("150000 100000\n", &v), 0);
	assert_true(fabs(v - 1.5) < 1e-12);
	assert_int_equal(fsc_cpu_max_parse("max 100000\n", &v), 0);
	assert_true(isinf(v));
	assert_int_equal(fsc_cpu_max_parse("maximum\n", &v), -1);
	assert_int_equal(fsc_cpu_max_parse("0 100000\n", &v), -1);
	assert_int_equal(fsc_cfs_parse("50000\n", "100000\n", &v), 0);
	assert_true(fabs(v - 0.5) < 1e-12);
	assert_int_equal(fsc_cfs_parse("-1\n", "100000\n", &v), 0);
	assert_true(isinf(v));
	assert_int_equal(fsc_cfs_parse("x", "100000", &v), -1);
	/* This process may use at least one CPU. */
	v = fsc_cpus_usable();
	assert_true(isnan(v) || v > 0);
}

/* Ensure the shares between two samples: steal and iowait of the CPU
 * time, stalls of the wall time, NAN where a sample lacks the figure or
 * a counter went back. */
static void between(void **state)
{
	struct fsc_noise_sample a = {
		.t_ns = 1000000000, .load1 = 1.0, .has_stat = true,
		.cpu_total = 1000, .cpu_steal = 10, .cpu_iowait = 50,
		.cpu_user = 300, .cpu_system = 200,
		.has_psi = { true, true, false },
		.psi_some_us = { 100000, 5000, 0 },
	};
	struct fsc_noise_sample b = a;
	struct fsc_noise n;

	(void)state;
	b.t_ns += 2000000000;		/* 2 s */
	b.load1 = 3.5;
	b.cpu_total += 400;
	b.cpu_steal += 20;
	b.cpu_iowait += 100;
	b.cpu_user += 120;
	b.cpu_system += 80;
	b.psi_some_us[FSC_PSI_CPU] += 500000;	/* 0.5 s of 2 */
	b.psi_some_us[FSC_PSI_IO] = 1000;	/* went back */
	b.has_psi[FSC_PSI_MEMORY] = true;
	fsc_noise_between(&a, &b, &n);
	assert_true(n.load == 3.5);
	assert_true(fabs(n.steal - 0.05) < 1e-12);
	assert_true(fabs(n.iowait - 0.25) < 1e-12);
	assert_true(fabs(n.user - 0.30) < 1e-12);
	assert_true(fabs(n.system - 0.20) < 1e-12);
	assert_true(fabs(n.psi[FSC_PSI_CPU] - 0.25) < 1e-12);
	assert_true(isnan(n.psi[FSC_PSI_IO]));
	assert_true(isnan(n.psi[FSC_PSI_MEMORY]));
	assert_true(fabs(fsc_noise_level(&n) - 0.25) < 1e-12);
	b.has_stat = false;
	fsc_noise_between(&a, &b, &n);
	assert_true(isnan(n.steal) && isnan(n.iowait) && isnan(n.user) &&
		    isnan(n.system));
	fsc_noise_unknown(&n);
	assert_true(isnan(fsc_noise_level(&n)));
}

/* Ensure that a sample of this machine has a time, and every figure it
 * has within its range. */
static void sample_here(void **state)
{
	struct fsc_noise_sample a, b;
	struct fsc_noise n;

	(void)state;
	fsc_noise_sample(&a);
	fsc_noise_sample(&b);
	assert_true(a.t_ns > 0 && b.t_ns >= a.t_ns);
	fsc_noise_between(&a, &b, &n);
	assert_true(isnan(n.load) || n.load >= 0);
	assert_true(isnan(n.steal) || (n.steal >= 0 && n.steal <= 1));
	for (int i = 0; i < FSC_NPSI; i++)
		assert_true(isnan(n.psi[i]) || (n.psi[i] >= 0 &&
						n.psi[i] <= 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_loadavg),
		cmocka_unit_test(parse_stat),
		cmocka_unit_test(parse_psi),
		cmocka_unit_test(parse_cpu),
		cmocka_unit_test(cpu_limits),
		cmocka_unit_test(between),
		cmocka_unit_test(sample_here),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
