/* notes.h - the lines under a target set's table in the text report
 * (fsconc(1), OUTPUT), each printing nothing when it has nothing to say,
 * and the lines after the last set. */
#ifndef FSC_NOTES_H
#define FSC_NOTES_H

#include <stdio.h>

#include "run/plan.h"

/* --stonewall: the trials the wall stopped, and how far they got. */
void fsc_notes_wall(FILE *out, const struct fsc_result *p, unsigned set);
/* Small files: each trial's files/s. */
void fsc_notes_files(FILE *out, const struct fsc_result *p, unsigned set);
/* The asynchronous engines that ran synchronously, and why. */
void fsc_notes_sync(FILE *out, const struct fsc_result *p, unsigned set);
/* --direct on a file system that keeps the data in memory. */
void fsc_notes_direct(FILE *out, const struct fsc_result *p, unsigned set);
/* io_uring: the kernel workers that ran the writes. */
void fsc_notes_kworkers(FILE *out, const struct fsc_result *p, unsigned set);
/* --dd: each file's dd-style line, every round of every trial. */
void fsc_notes_dd(FILE *out, const struct fsc_result *p, unsigned set);
/* The rounds disturbed far beyond their trial's others. */
void fsc_notes_disturbed(FILE *out, const struct fsc_result *p,
			 unsigned set);
/* The disks under the set and the CPUs used, each trial's figures
 * (fsconc(1), WHY). */
void fsc_notes_devices(FILE *out, const struct fsc_result *p, unsigned set);
void fsc_notes_cpus(FILE *out, const struct fsc_result *p, unsigned set);
/* On a memory-backed set: each trial's share of the machine's ceiling. */
void fsc_notes_ceiling(FILE *out, const struct fsc_result *p, unsigned set);
/* The trials whose timeline shows the dirty page-cache limit. */
void fsc_notes_dirty(FILE *out, const struct fsc_result *p, unsigned set);
/* A file that straggled, and the dir that held the tail. */
void fsc_notes_stragglers(FILE *out, const struct fsc_result *p,
			  unsigned set);
/* Where each trial's file time went, and the phases that dominate. */
void fsc_notes_phases(FILE *out, const struct fsc_result *p, unsigned set);
/* After the sets: the rounds run and why no more; under MPI, the
 * barrier's skew. */
void fsc_notes_rounds(FILE *out, const struct fsc_result *p);
void fsc_notes_skew(FILE *out, const struct fsc_result *p);

#endif
