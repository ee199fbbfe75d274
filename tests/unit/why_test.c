/* why_test.c - unit tests for the rules that name a verdict's reason
 * (why.c), on made-up figures: each rule fires on the figures of its
 * example in fsconc(1), WHY, and not just past its thresholds. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "result/why.h"

#define MB 1e6

/* Figures where no rule fires: a device-backed target, buffered with
 * --fsync end, the disk half busy at the trial's rate, the CPUs half
 * used, a quiet machine. */
static struct fsc_why_in quiet(enum fsc_verdict v)
{
	struct fsc_why_in in;

	memset(&in, 0, sizeof(in));
	in.verdict = v;
	in.buffered = true;
	in.fsync = true;
	snprintf(in.best, sizeof(in.best), "threads\u00d74");
	strcpy(in.disk, "vda");
	in.base_rate = 200 * MB;
	in.disk_busy = 0.50;
	in.disk_cap = INFINITY;
	in.disk_cap_rate = 200 * MB;
	in.base_disks_rate = 200 * MB;
	in.base_disks_busy = 0.50;
	in.best_rate = 210 * MB;
	in.best_disks_rate = 210 * MB;
	in.best_disks_busy = 0.55;
	in.cpus = 2;
	in.cpus_busy = 0.8;
	in.base_cpus = 1;
	in.base_cpus_busy = 0.5;
	in.submit_share = 0.1;
	in.kworkers = NAN;
	in.kworkers_peak = NAN;
	in.spread = 0.03;
	in.stall = 0.02;
	in.steal = 0;
	in.machine_busy = 0.45;
	return in;
}

static struct fsc_why decide(const struct fsc_why_in *in)
{
	struct fsc_why w;

	fsc_why_decide(in, &w);
	return w;
}

/* Ensure that with no rule's figures the reason says so and guesses
 * nothing. */
static void none(void **state)
{
	struct fsc_why_in in = quiet(FSC_EQUIVALENT);
	struct fsc_why w = decide(&in);

	(void)state;
	assert_int_equal(w.rule, FSC_WHY_NONE);
	assert_string_equal(w.text, "no rule explains it");
	assert_null(fsc_why_rule_name(w.rule));
}

/* Ensure the device rule: pwrite's disk 97 % busy at the trial's rate;
 * not at 89 %, not when the disk wrote far more or far less than the
 * trial (someone else's writes, or the page cache's), not for a
 * verdict of helps. */
static void device(void **state)
{
	struct fsc_why_in in = quiet(FSC_EQUIVALENT);
	struct fsc_why w;

	(void)state;
	in.disk_busy = in.base_disks_busy = 0.97;
	w = decide(&in);
	assert_int_equal(w.rule, FSC_WHY_DEVICE);
	assert_string_equal(fsc_why_rule_name(w.rule), "device");
	assert_string_equal(w.text, "concurrency cannot help: vda was already "
			    "97% busy writing one file at a time");
	in.disk_busy = 0.89;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
	in.disk_busy = 0.90;
	assert_int_equal(decide(&in).rule, FSC_WHY_DEVICE);
	in.base_disks_rate = 1.3 * in.base_rate;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
	in.base_disks_rate = 0.7 * in.base_rate;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
	in.base_disks_rate = in.base_rate;
	in.verdict = FSC_HURTS;
	assert_int_equal(decide(&in).rule, FSC_WHY_DEVICE);
	in.verdict = FSC_HELPS;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
}

/* Ensure the device rule on a disk whose writes fsconc's cgroup may
 * make only at a rate: pwrite already wrote 97 % of it; not 80 %. */
static void capped(void **state)
{
	struct fsc_why_in in = quiet(FSC_EQUIVALENT);
	struct fsc_why w;

	(void)state;
	strcpy(in.disk, "loop0");
	in.disk_busy = 0.01;
	in.disk_cap = 32 * 1048576.0;
	in.disk_cap_rate = in.base_rate = in.base_disks_rate =
		0.97 * in.disk_cap;
	in.iec = true;
	w = decide(&in);
	assert_int_equal(w.rule, FSC_WHY_DEVICE);
	assert_string_equal(w.text, "concurrency cannot help: fsconc's cgroup "
			    "may write 32.0 MiB/s to loop0, and one file at a "
			    "time already wrote 31.0 MiB/s");
	in.disk_cap_rate = in.base_rate = in.base_disks_rate =
		0.80 * in.disk_cap;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
}

/* Ensure the memory rule: buffered, no fsync, the disk idle and writing
 * 2 % of the bytes; not with --fsync end, --direct, on tmpfs, or with
 * the disk busy in the verdict's trial. */
static void memory(void **state)
{
	struct fsc_why_in in = quiet(FSC_HELPS);
	struct fsc_why w;

	(void)state;
	in.fsync = false;
	in.base_rate = 2000 * MB;
	in.best_rate = 2600 * MB;
	in.base_disks_rate = 40 * MB;
	in.best_disks_rate = 10 * MB;
	in.disk_busy = in.base_disks_busy = 0.03;
	in.best_disks_busy = 0.02;
	w = decide(&in);
	assert_int_equal(w.rule, FSC_WHY_MEMORY);
	assert_string_equal(w.text, "you measured memory, not the device: vda "
			    "wrote 2% of pwrite's bytes while it ran and was "
			    "3% busy; add --fsync end");
	in.fsync = true;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
	in.fsync = false;
	in.buffered = false;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
	in.buffered = true;
	in.memory_backed = true;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
	in.memory_backed = false;
	in.best_disks_busy = 0.40;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
}

/* Ensure the CPU rule: the verdict's trial kept 1.93 of its 2 CPUs busy
 * (and 0.95 of 1); not 1.7. */
static void cpu(void **state)
{
	struct fsc_why_in in = quiet(FSC_HELPS);
	struct fsc_why w;

	(void)state;
	in.memory_backed = true;
	in.disk[0] = '\0';
	in.cpus_busy = 1.93;
	w = decide(&in);
	assert_int_equal(w.rule, FSC_WHY_CPU);
	assert_string_equal(w.text, "the work is CPU-bound and threads\u00d74 "
			    "kept 1.93 of 2 CPUs busy");
	in.verdict = FSC_EQUIVALENT;
	in.cpus = 1;
	in.cpus_busy = 0.95;
	w = decide(&in);
	assert_int_equal(w.rule, FSC_WHY_CPU);
	assert_string_equal(w.text, "threads help only as far as CPUs allow: "
			    "threads\u00d74 kept 0.95 of 1 CPU busy");
	in.cpus = 2;
	in.cpus_busy = 1.7;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
}

/* Ensure the CPU rule on pwrite: it kept 0.99 of its 1 CPU busy and the
 * trial that helps could use 2 (it kept 1.73 busy); not when pwrite kept
 * 0.85, not for equivalent, not when the trial had no more CPUs. */
static void cpu_base(void **state)
{
	struct fsc_why_in in = quiet(FSC_HELPS);
	struct fsc_why w;

	(void)state;
	in.memory_backed = true;
	in.disk[0] = '\0';
	in.cpus_busy = 1.73;
	in.base_cpus_busy = 0.99;
	w = decide(&in);
	assert_int_equal(w.rule, FSC_WHY_CPU);
	assert_string_equal(w.text, "the work is CPU-bound: pwrite kept 0.99 "
			    "of 1 CPU busy, and threads\u00d74 could use 2 (it "
			    "kept 1.73 busy)");
	in.base_cpus_busy = 0.85;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
	in.base_cpus_busy = 0.99;
	in.verdict = FSC_EQUIVALENT;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
	in.verdict = FSC_HELPS;
	in.cpus = 1;
	in.cpus_busy = 0.8;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
}

/* Ensure the kworkers rule: buffered io_uring handed its writes to 9
 * kernel workers, 6 at once, for 2 CPUs; not 2 at once, not when it
 * helps, not --direct, not without the figures. */
static void kworkers(void **state)
{
	struct fsc_why_in in = quiet(FSC_EQUIVALENT);
	struct fsc_why w;

	(void)state;
	snprintf(in.best, sizeof(in.best), "io_uring\u00d74");
	in.best_async = true;
	in.kworkers = 9;
	in.kworkers_peak = 6;
	w = decide(&in);
	assert_int_equal(w.rule, FSC_WHY_KWORKERS);
	assert_string_equal(w.text, "io_uring\u00d74 handed the writes that "
			    "would block to 9 kernel workers (io-wq), up to 6 "
			    "at once, contending for 2 CPUs");
	assert_string_equal(fsc_why_rule_name(w.rule), "kworkers");
	in.kworkers_peak = 2;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
	in.kworkers_peak = 6;
	in.verdict = FSC_HELPS;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
	in.verdict = FSC_HURTS;
	in.buffered = false;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
	in.buffered = true;
	in.kworkers = in.kworkers_peak = NAN;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
}

/* Ensure the submission rule: an asynchronous trial in its submit call
 * 64 % of the time; not a synchronous one, not 40 %. */
static void submission(void **state)
{
	struct fsc_why_in in = quiet(FSC_HURTS);
	struct fsc_why w;

	(void)state;
	snprintf(in.best, sizeof(in.best), "io_uring\u00d71");
	in.best_async = true;
	in.submit_share = 0.64;
	w = decide(&in);
	assert_int_equal(w.rule, FSC_WHY_SUBMIT);
	assert_string_equal(w.text, "io_uring\u00d71 spent 64% of the trial in "
			    "its submit call: the kernel did most writes as "
			    "they were submitted");
	in.submit_share = 0.40;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
	in.submit_share = 0.64;
	in.best_async = false;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
}

/* Ensure the noise rule: CPU stalls, steal, the machine's CPUs full of
 * other work, or wide rounds; and that a rule of the workload comes
 * first. */
static void noise(void **state)
{
	struct fsc_why_in in = quiet(FSC_INCONCLUSIVE);
	struct fsc_why w;

	(void)state;
	in.stall = 0.40;
	w = decide(&in);
	assert_int_equal(w.rule, FSC_WHY_NOISE);
	assert_string_equal(w.text, "the machine was busy: tasks waited for a "
			    "CPU 40% of the time");
	in.stall = 0.02;
	in.steal = 0.08;
	assert_string_equal(decide(&in).text, "the machine was busy: the "
			    "hypervisor stole 8% of its CPU time");
	in.steal = 0;
	in.machine_busy = 0.97;
	in.cpus_busy = 0.6;
	assert_string_equal(decide(&in).text, "the machine was busy: its CPUs "
			    "were 97% busy, threads\u00d74's writers 0.60 of 2");
	/* Its own writers filled the CPUs: that is the CPU rule. */
	in.cpus_busy = 1.95;
	assert_int_equal(decide(&in).rule, FSC_WHY_CPU);
	in.machine_busy = 0.45;
	in.cpus_busy = 0.8;
	in.spread = 0.38;
	assert_string_equal(decide(&in).text, "the rounds varied 38%");
	in.spread = 0.03;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
	/* A saturated disk comes first. */
	in.stall = 0.40;
	in.disk_busy = 0.98;
	assert_int_equal(decide(&in).rule, FSC_WHY_DEVICE);
}

/* Ensure that unknown figures (NAN) fire no rule. */
static void unknown(void **state)
{
	struct fsc_why_in in = quiet(FSC_EQUIVALENT);

	(void)state;
	in.disk[0] = '\0';
	in.disk_busy = in.disk_cap = in.disk_cap_rate = NAN;
	in.base_disks_rate = in.base_disks_busy = NAN;
	in.best_disks_rate = in.best_disks_busy = NAN;
	in.cpus = in.cpus_busy = in.submit_share = NAN;
	in.spread = in.stall = in.steal = in.machine_busy = NAN;
	in.fsync = false;
	assert_int_equal(decide(&in).rule, FSC_WHY_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(none),
		cmocka_unit_test(device),
		cmocka_unit_test(capped),
		cmocka_unit_test(memory),
		cmocka_unit_test(cpu),
		cmocka_unit_test(cpu_base),
		cmocka_unit_test(kworkers),
		cmocka_unit_test(submission),
		cmocka_unit_test(noise),
		cmocka_unit_test(unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
