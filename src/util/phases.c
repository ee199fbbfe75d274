/* phases.c - a file's open-to-close time cut into phases (phases.h). */
#include "util/phases.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

const char *fsc_phase_name(int phase)
{
	static const char *const names[FSC_NPHASE] = {
		"open", "truncate", "write", "fsync", "close"
	};

	return phase >= 0 && phase < FSC_NPHASE ? names[phase] : "?";
}

void fsc_phases_split(const uint64_t stamps[FSC_NPHASE + 1],
		      uint64_t out[FSC_NPHASE])
{
	uint64_t prev = stamps[0];

	for (int k = 0; k < FSC_NPHASE; k++) {
		uint64_t end = stamps[k + 1] > prev ? stamps[k + 1] : prev;

		out[k] = end - prev;
		prev = end;
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The nearest-rank q-quantile of n sorted values, n > 0. */
static uint64_t rank_of(const uint64_t *v, size_t n, double q)
{
	size_t k = (size_t)(q * (double)n + 0.999999);

	if (k < 1)
		k = 1;
	return v[(k > n ? n : k) - 1];
}

void fsc_phases_summarize(const struct fsc_file_result *files, size_t n,
			  struct fsc_phase_stats *out)
{
	uint64_t *v;

	memset(out, 0, sizeof(*out));
	if (!n)
		return;
	v = xmalloc(n * sizeof(*v));
	for (int k = 0; k < FSC_NPHASE; k++) {
		for (size_t i = 0; i < n; i++) {
			v[i] = files[i].phase_ns[k];
			out->sum_ns[k] += v[i];
		}
		qsort(v, n, sizeof(*v), cmp_u64);
		out->p50_ns[k] = rank_of(v, n, 0.50);
		out->p99_ns[k] = rank_of(v, n, 0.99);
	}
	free(v);
}

int fsc_phases_dominant(const uint64_t sum_ns[FSC_NPHASE])
{
	uint64_t total = 0;

	for (int k = 0; k < FSC_NPHASE; k++)
		total += sum_ns[k];
	for (int k = 0; k < FSC_NPHASE; k++)
		if (k != FSC_PHASE_WRITE && total &&
		    (double)sum_ns[k] > 0.5 * (double)total)
			return k;
	return -1;
}
