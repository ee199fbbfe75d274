/* histogram.c - log-linear latency histogram (see histogram.h). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "util/histogram.h"

void fsc_hist_reset(struct fsc_hist *h)
{
	memset(h, 0, sizeof(*h));
}

unsigned fsc_hist_index(uint64_t v)
{
	unsigned msb, shift;

	if (v < FSC_HIST_SUB)
		return (unsigned)v;
	msb = 63u - (unsigned)__builtin_clzll(v);
	if (msb >= FSC_HIST_MAX_BIT)
		return FSC_HIST_BUCKETS - 1;
	shift = msb - FSC_HIST_SUB_BITS;
	return (shift + 1) * FSC_HIST_SUB + (unsigned)(v >> shift) - FSC_HIST_SUB;
}

uint64_t fsc_hist_lower(unsigned idx)
{
	unsigned shift;

	if (idx < FSC_HIST_SUB)
		return idx;
	shift = idx / FSC_HIST_SUB - 1;
	return (uint64_t)(idx % FSC_HIST_SUB + FSC_HIST_SUB) << shift;
}

void fsc_hist_add(struct fsc_hist *h, uint64_t v)
{
	h->bucket[fsc_hist_index(v)]++;
	h->count++;
	if (__builtin_add_overflow(h->sum, v, &h->sum))
		h->sum = UINT64_MAX;	/* 584 years of writes: never */
	if (v > h->max)
		h->max = v;
}

void fsc_hist_merge(struct fsc_hist *into, const struct fsc_hist *from)
{
	for (unsigned i = 0; i < FSC_HIST_BUCKETS; i++)
		into->bucket[i] += from->bucket[i];
	into->count += from->count;
	if (__builtin_add_overflow(into->sum, from->sum, &into->sum))
		into->sum = UINT64_MAX;
	if (from->max > into->max)
		into->max = from->max;
}

uint64_t fsc_hist_mean(const struct fsc_hist *h)
{
	return h->count ? (h->sum + h->count / 2) / h->count : 0;
}

uint64_t fsc_hist_quantile(const struct fsc_hist *h, double p)
{
	uint64_t rank, seen = 0;

	if (!h->count)
		return 0;
	if (p >= 1.0)
		return h->max;
	rank = (uint64_t)ceil(p * (double)h->count);
	if (rank < 1)
		rank = 1;
	for (unsigned i = 0; i < FSC_HIST_BUCKETS; i++) {
		seen += h->bucket[i];
		if (seen >= rank) {
			uint64_t lo = fsc_hist_lower(i);
			uint64_t width = i < 2 * FSC_HIST_SUB ? 1 :
				fsc_hist_lower(i + 1) - lo;
			uint64_t mid = lo + width / 2;
			return mid > h->max ? h->max : mid;
		}
	}
	return h->max;
}
