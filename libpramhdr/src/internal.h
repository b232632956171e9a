/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* Internal helpers of libpramhdr. */
#ifndef PRAMHDR_INTERNAL_H
#define PRAMHDR_INTERNAL_H

#include <endian.h>
#include <stdarg.h>

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

#define le16(x) le16toh(x)
#define le32(x) le32toh(x)
#define le64(x) le64toh(x)

__attribute__((format(printf, 6, 7)))
void report_add(struct pramhdr_report *rep, int kind, int node, uint64_t phys,
		uint32_t offset, const char *fmt, ...);

#endif
