/* verify.c - the stamps --verify writes into each block, and the check of
 * a file read back: every block is compared whole with what was written,
 * and the stamps say what a wrong block holds instead. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/verify.h"

static const char magic[8] = { 'F', 'S', 'C', 'O', 'N', 'C', 'v', '1' };

struct stamp {
	char magic[8];
	uint32_t file;
	uint32_t round;
	uint64_t off;
	uint64_t check;		/* so that stray bytes do not pass as a stamp */
};

_Static_assert(sizeof(struct stamp) == FSC_STAMP_SIZE, "stamp size");

/* splitmix64's finalizer: every input bit moves every output bit. */
static uint64_t mix(uint64_t x)
{
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t check_of(uint32_t file, uint32_t round, uint64_t off)
{
	return mix(((uint64_t)file << 32 | round) ^ mix(off));
}

static void make_stamp(struct stamp *s, uint32_t file, uint32_t round,
		       uint64_t off)
{
	memcpy(s->magic, magic, sizeof(magic));
	s->file = file;
	s->round = round;
	s->off = off;
	s->check = check_of(file, round, off);
}

static bool valid_stamp(const struct stamp *s)
{
	return memcmp(s->magic, magic, sizeof(magic)) == 0 &&
	       s->check == check_of(s->file, s->round, s->off);
}

void fsc_stamp(void *block, size_t len, uint32_t file, uint32_t round,
	       uint64_t off)
{
	struct stamp s;

	make_stamp(&s, file, round, off);
	memcpy(block, &s, sizeof(s));
	memcpy((char *)block + len - sizeof(s), &s, sizeof(s));
}

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

int fsc_verify_block(const void *got, const void *pattern, size_t len,
		     uint32_t file, uint32_t round, uint64_t off,
		     char *why, size_t wlen)
{
	const unsigned char *g = got, *pat = pattern;
	unsigned long long o = (unsigned long long)off;
	struct stamp want, head, tail;
	size_t end = len - FSC_STAMP_SIZE;

	make_stamp(&want, file, round, off);
	memcpy(&head, g, sizeof(head));
	memcpy(&tail, g + end, sizeof(tail));
	if (memcmp(&head, &want, sizeof(want)) != 0) {
		if (all_zero(g, len))
			snprintf(why, wlen, "offset %llu: lost write: the block "
				 "reads as zeros", o);
		else if (valid_stamp(&head) && head.file == file &&
			 head.off == off)
			snprintf(why, wlen, "offset %llu: lost write: the block "
				 "holds what round %u wrote there", o,
				 head.round);
		else if (valid_stamp(&head))
			snprintf(why, wlen, "offset %llu: misplaced write: the "
				 "block holds the write of file %u at offset "
				 "%llu (round %u)", o, head.file,
				 (unsigned long long)head.off, head.round);
		else if (memcmp(g, pat, FSC_STAMP_SIZE) == 0)
			snprintf(why, wlen, "offset %llu: lost write: the block "
				 "holds the data the file had before the trial",
				 o);
		else
			snprintf(why, wlen, "offset %llu: lost or overwritten "
				 "write: no fsconc stamp at the block's start",
				 o);
		return -1;
	}
	if (memcmp(&tail, &want, sizeof(want)) != 0) {
		if (valid_stamp(&tail))
			snprintf(why, wlen, "offset %llu: torn write: the block "
				 "starts as written but ends with the write of "
				 "file %u at offset %llu (round %u)", o,
				 tail.file, (unsigned long long)tail.off,
				 tail.round);
		else
			snprintf(why, wlen, "offset %llu: torn write: the block "
				 "starts as written but its last %d bytes are "
				 "%s", o, FSC_STAMP_SIZE,
				 all_zero(g + end, FSC_STAMP_SIZE) ? "zeros" :
				 "not its stamp");
		return -1;
	}
	for (size_t i = FSC_STAMP_SIZE; i < end; i++)
		if (g[i] != pat[i]) {
			snprintf(why, wlen, "offset %llu: torn write: byte %zu "
				 "of the block differs from what was written, "
				 "though both its stamps are right", o, i);
			return -1;
		}
	return 0;
}

/* pread all of len at off: 0, the bytes short of len at end of file, or
 * -errno. */
static ssize_t pread_full(int fd, void *buf, size_t len, uint64_t off)
{
	char *p = buf;

	while (len) {
		ssize_t n = pread(fd, p, len, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return (ssize_t)len;
		p += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

int fsc_verify_fd(int fd, const void *pattern, uint64_t size, size_t bs,
		  uint32_t file, uint32_t round, void *scratch,
		  _Atomic uint64_t *done, char *why, size_t wlen)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	if ((uint64_t)st.st_size != size) {
		uint64_t have = (uint64_t)st.st_size;

		if (have < size)
			snprintf(why, wlen, "offset %llu: lost write: the file "
				 "is %llu bytes long, %llu expected",
				 (unsigned long long)(have - have % bs),
				 (unsigned long long)have,
				 (unsigned long long)size);
		else
			snprintf(why, wlen, "the file is %llu bytes long, %llu "
				 "expected: something wrote past its end",
				 (unsigned long long)have,
				 (unsigned long long)size);
		return -1;
	}
	for (uint64_t off = 0; off < size; off += bs) {
		size_t len = (size_t)(size - off < bs ? size - off : bs);
		ssize_t rc = pread_full(fd, scratch, len, off);

		if (rc < 0)
			return (int)rc;
		if (rc > 0) {
			snprintf(why, wlen, "offset %llu: lost write: the file "
				 "ends inside the block", (unsigned long long)off);
			return -1;
		}
		if (fsc_verify_block(scratch, pattern, len, file, round, off,
				     why, wlen) < 0)
			return -1;
		if (done)
			atomic_fetch_add_explicit(done, len,
						  memory_order_relaxed);
	}
	return 0;
}
