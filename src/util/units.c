/* units.c - size parsing and dd-compatible formatting. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/units.h"

static const struct {
	const char *suffix;
	uint64_t mult;
} suffixes[] = {
	{ "", 1 },
	{ "K", 1ULL << 10 }, { "k", 1ULL << 10 }, { "KiB", 1ULL << 10 },
	{ "M", 1ULL << 20 }, { "MiB", 1ULL << 20 },
	{ "G", 1ULL << 30 }, { "GiB", 1ULL << 30 },
	{ "T", 1ULL << 40 }, { "TiB", 1ULL << 40 },
	{ "KB", 1000ULL }, { "kB", 1000ULL },
	{ "MB", 1000000ULL }, { "GB", 1000000000ULL },
	{ "TB", 1000000000000ULL },
};

int fsc_parse_size(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	const char *p = s;

	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		if (strcmp(p, suffixes[i].suffix) != 0)
			continue;
		if (v && suffixes[i].mult > UINT64_MAX / v)
			return -ERANGE;
		*out = v * suffixes[i].mult;
		return 0;
	}
	return -EINVAL;
}

int fsc_parse_rate(const char *s, uint64_t *out)
{
	char buf[64];
	size_t n = s ? strlen(s) : 0;

	if (n >= 2 && strcmp(s + n - 2, "/s") == 0)
		n -= 2;
	if (n == 0 || n >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (n >= 2 && buf[n - 1] == 'B' && buf[n - 2] >= '0' &&
	    buf[n - 2] <= '9')
		buf[n - 1] = '\0';
	return fsc_parse_size(buf, out);
}

static const char si_prefix[] = "kMGTPE";
static const char iec_prefix[] = "KMGTPE";

/* GNU dd prints an exact byte count in integer arithmetic: below 10 it
 * shows tenths, rounded to nearest with ties to an even tenth; from 10 on
 * a whole number, ties to even; a count that rounds up to the base moves
 * to the next prefix: 1050000 -> "1.0 MB", 999999 -> "1.0 MB". */
char *fsc_fmt_bytes(char *buf, size_t len, uint64_t n, bool iec)
{
	uint64_t base = iec ? 1024 : 1000, div = 1, amt, rem, r10;
	unsigned tenths, rounding;
	int e = -1;

	if (n < base) {
		snprintf(buf, len, "%llu B", (unsigned long long)n);
		return buf;
	}
	while (n / div >= base && e < 5) {
		div *= base;
		e++;
	}
	amt = n / div;
	rem = n % div;
	/* rem < div <= 1024^6, so rem * 10 fits in 64 bits. */
	tenths = (unsigned)((rem * 10) / div);
	r10 = (rem * 10) % div;
	rounding = r10 == 0 ? 0 : r10 * 2 < div ? 1 : r10 * 2 == div ? 2 : 3;
	if (amt < 10 && rounding + (tenths & 1) > 2) {
		tenths++;
		rounding = 0;
		if (tenths == 10) {
			amt++;
			tenths = 0;
		}
	}
	if (amt >= 10 && (tenths > 5 || (tenths == 5 &&
					 (rounding > 0 || (amt & 1)))))
		amt++;
	if (amt == base && e < 5) {
		amt = 1;
		tenths = 0;
		e++;
	}
	if (amt < 10)
		snprintf(buf, len, "%llu.%u %c%sB", (unsigned long long)amt,
			 tenths, iec ? iec_prefix[e] : si_prefix[e],
			 iec ? "i" : "");
	else
		snprintf(buf, len, "%llu %c%sB", (unsigned long long)amt,
			 iec ? iec_prefix[e] : si_prefix[e], iec ? "i" : "");
	return buf;
}

char *fsc_fmt_size(char *buf, size_t len, uint64_t n)
{
	static const char *const iec[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	static const char *const si[] = { "B", "kB", "MB", "GB", "TB" };
	const char *const *unit = iec;
	unsigned base = 1024;
	int e = 0;

	if (n && n % 1024 != 0 && n % 1000 == 0) {
		unit = si;
		base = 1000;
	}
	while (e < 4 && n && n % base == 0) {
		n /= base;
		e++;
	}
	snprintf(buf, len, "%llu %s", (unsigned long long)n, unit[e]);
	return buf;
}

/* GNU dd's rate is inexact, so it prints "%.1f" and drops the tenths when
 * that takes more than four characters: 11.9, 1.2, 927. */
char *fsc_fmt_rate(char *buf, size_t len, double r, bool iec)
{
	double base = iec ? 1024.0 : 1000.0;
	char num[64];
	int e = 0;

	/* dd never prints plain B/s: 500 B/s is "0.5 kB/s". */
	r /= base;
	while (r >= base && e < 5) {
		r /= base;
		e++;
	}
	snprintf(num, sizeof(num), "%.1f", r);
	if (strlen(num) > 4)
		snprintf(num, sizeof(num), "%.0f", r);
	snprintf(buf, len, "%s %c%sB/s", num,
		 iec ? iec_prefix[e] : si_prefix[e], iec ? "i" : "");
	return buf;
}

double fsc_rate_in_unit(double bytes_per_sec, bool iec)
{
	return bytes_per_sec / (iec ? 1048576.0 : 1e6);
}

char *fsc_fmt_dd(char *buf, size_t len, uint64_t bytes, uint64_t ns)
{
	char si[32], iec[32], rate[32], secs[32];
	double s = (double)ns / 1e9;

	fsc_fmt_bytes(si, sizeof(si), bytes, false);
	fsc_fmt_bytes(iec, sizeof(iec), bytes, true);
	snprintf(secs, sizeof(secs), "%g s", s);
	if (ns)
		fsc_fmt_rate(rate, sizeof(rate), (double)bytes / s, false);
	else
		snprintf(rate, sizeof(rate), "Infinity B/s");
	if (bytes < 1000)
		snprintf(buf, len, "%llu byte%s copied, %s, %s",
			 (unsigned long long)bytes, bytes == 1 ? "" : "s",
			 secs, rate);
	else if (bytes < 1024)
		snprintf(buf, len, "%llu bytes (%s) copied, %s, %s",
			 (unsigned long long)bytes, si, secs, rate);
	else
		snprintf(buf, len, "%llu bytes (%s, %s) copied, %s, %s",
			 (unsigned long long)bytes, si, iec, secs, rate);
	return buf;
}
