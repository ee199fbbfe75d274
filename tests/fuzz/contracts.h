/* contracts.h - what fsconc's parsers promise, checked by every fuzz
 * target: a broken promise aborts, so that libFuzzer keeps the input. */
#ifndef FSC_FUZZ_CONTRACTS_H
#define FSC_FUZZ_CONTRACTS_H

#include "cli/options.h"

/* A broken contract: say which, and abort. */
void broken(const char *what, const char *detail)
	__attribute__((noreturn));

/* A refusal is one line of printable text (the edge prints it as is). */
void check_message(const char *err);

/* What an accepted run must satisfy before plan and run see it. */
void check_run(const struct fsc_opts *o);

#endif
