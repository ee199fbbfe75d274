/* verify.h - what --verify writes and checks: each block carries a
 * 32-byte stamp (file, offset, round) at its start and a copy at its end,
 * the rest being the trial's pattern, so reading a file back finds a lost,
 * misplaced or torn write and names its file and offset. */
#ifndef FSC_VERIFY_H
#define FSC_VERIFY_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define FSC_STAMP_SIZE 32
/* A block holds a stamp at each end. */
#define FSC_VERIFY_MIN_BLOCK (2 * FSC_STAMP_SIZE)

/* Stamp block (len >= FSC_VERIFY_MIN_BLOCK bytes, the rest already the
 * pattern) as the write of file at off in round. */
void fsc_stamp(void *block, size_t len, uint32_t file, uint32_t round,
	       uint64_t off);

/* Compare got, read back at off, with what the write of file at off in
 * round put there: pattern, stamped.  0 when equal, else -1 with what is
 * wrong in why ("offset 65536: torn write: ..."). */
int fsc_verify_block(const void *got, const void *pattern, size_t len,
		     uint32_t file, uint32_t round, uint64_t off,
		     char *why, size_t wlen);

/* Read fd back block by block (bs bytes each, into scratch) and check its
 * size and every block, adding each block's bytes to *done (unless NULL)
 * once it is checked, for a progress line read from another thread.  0,
 * -1 with why set on a mismatch, or -errno when reading failed. */
int fsc_verify_fd(int fd, const void *pattern, uint64_t size, size_t bs,
		  uint32_t file, uint32_t round, void *scratch,
		  _Atomic uint64_t *done, char *why, size_t wlen);

#endif
