/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* Internal helpers of libpramhdr. */
#ifndef PRAMHDR_INTERNAL_H
#define PRAMHDR_INTERNAL_H

#include <endian.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>

#include "pramhdr.h"

/* A RAM range of a source and where its bytes are in the file. */
struct src_range {
	uint64_t start;
	uint64_t end;
	uint64_t file_off;
};

struct pramhdr_source {
	int fd;
	struct src_range *ranges; /* sorted by start, non-overlapping */
	size_t nr_ranges;
	size_t cap_ranges;
};

int src_new(struct pramhdr_source **srcp, const char *path);
int src_add_range(struct pramhdr_source *src, uint64_t start, uint64_t len,
		  uint64_t file_off);
int src_finish(struct pramhdr_source *src);
/*
 * A file descriptor of its own on the source's file, for a thread:
 * threads must not share one, as /proc/kcore reads through a buffer that
 * belongs to the open file. Returns the descriptor or -errno.
 */
int src_reopen(const struct pramhdr_source *src);
/* pramhdr_source_read() through @fd, one of src_reopen()'s. */
int src_pread(const struct pramhdr_source *src, int fd, uint64_t phys,
	      void *buf, size_t len);

/*
 * Make room for @need elements of @size bytes in *@buf (capacity *@cap),
 * doubling. Arrays grow with what is actually read, never to the size a
 * (possibly damaged) count in the chain claims: counts are checked, not
 * trusted. Returns 0 or -ENOMEM.
 */
static inline int grow_array(void **buf, size_t *cap, uint64_t need,
			     size_t size)
{
	size_t c = *cap ? *cap : 64;
	void *p;

	if (need > SIZE_MAX / size / 2)
		return -ENOMEM;
	while (c < need)
		c *= 2;
	if (c == *cap)
		return 0;
	if (c > SIZE_MAX / size)
		return -ENOMEM;
	p = realloc(*buf, c * size);
	if (!p)
		return -ENOMEM;
	*buf = p;
	*cap = c;
	return 0;
}

#define le16(x) pram_le16(x)
#define le32(x) pram_le32(x)
#define le64(x) pram_le64(x)

/* CRC32C without the inversions, as pram_page_check() takes it. */
uint32_t crc32c_update(uint32_t crc, const void *buf, size_t len);

/* A data run to check: chain.c collects them, verify.c checks them. */
struct data_run {
	uint64_t phys, len;	/* bytes */
	uint32_t crc;		/* as saved */
	uint32_t nr_pages;
	uint64_t index;
	int node;
	uint64_t link;		/* the link page holding its entry... */
	uint32_t off;		/* ...and the entry's offset there */
	uint32_t got;		/* set by verify_runs(): the CRC as read */
	int err;		/* set by verify_runs(): why it could not be read */
};

int verify_runs(struct pramhdr_source *src, struct data_run *runs, size_t nr,
		const struct pramhdr_read_opts *o);

__attribute__((format(printf, 6, 7)))
void report_add(struct pramhdr_report *rep, int kind, int node, uint64_t phys,
		uint32_t offset, const char *fmt, ...);

#endif
