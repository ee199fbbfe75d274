/* units.h - sizes in and out: dd's suffixes for input, dd's exact output
 * format for byte counts and rates. */
#ifndef FSC_UNITS_H
#define FSC_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* K M G T / KiB MiB GiB TiB = 1024^n, KB MB GB TB = 1000^n.  Digits only:
 * no sign, space, fraction or exponent.  0, -EINVAL or -ERANGE. */
int fsc_parse_size(const char *s, uint64_t *out);

/* A rate in bytes per second: a size as fsc_parse_size() reads it, then
 * "/s" if wanted ("2GB/s", "500MiB/s", "2G"); "B" alone is bytes
 * ("1000B/s").  0, -EINVAL or -ERANGE. */
int fsc_parse_rate(const char *s, uint64_t *out);

/* "268 MB" (SI) or "256 MiB" (IEC), rounded as GNU dd rounds byte counts. */
char *fsc_fmt_bytes(char *buf, size_t len, uint64_t n, bool iec);
/* A size as the user would have typed it: "256 MiB", "4 KiB", "1 MB",
 * "1000 B": exact, in the largest unit that divides it. */
char *fsc_fmt_size(char *buf, size_t len, uint64_t n);
/* "927 MB/s": three significant digits as GNU dd prints rates. */
char *fsc_fmt_rate(char *buf, size_t len, double bytes_per_sec, bool iec);
/* A rate as a plain number in the table's unit (MB/s, or MiB/s). */
double fsc_rate_in_unit(double bytes_per_sec, bool iec);
/* The line GNU dd prints after a copy:
 * "268435456 bytes (268 MB, 256 MiB) copied, 0.289604 s, 927 MB/s" */
char *fsc_fmt_dd(char *buf, size_t len, uint64_t bytes, uint64_t ns);

#endif
