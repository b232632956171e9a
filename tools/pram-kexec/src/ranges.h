/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef PRAM_RANGES_H
#define PRAM_RANGES_H

#include <stddef.h>
#include <stdint.h>

/* A physical range, both ends inclusive (as kexec-tools writes them). */
struct pram_range {
	uint64_t start;
	uint64_t end;
};

/*
 * Sort and coalesce ranges in place: overlapping and touching ranges
 * merge. Returns the new count.
 */
size_t pram_ranges_coalesce(struct pram_range *r, size_t n);

/*
 * The first range of sorted, coalesced @r overlapping [start, end]
 * (inclusive), or NULL.
 */
const struct pram_range *pram_ranges_overlap(const struct pram_range *r,
					     size_t n, uint64_t start,
					     uint64_t end);

/*
 * Remove sorted, coalesced @ex from sorted @free (@nfree ranges, each
 * inclusive). Writes at most @max ranges to @out and returns their count,
 * or -1 if @max is too small.
 */
long pram_ranges_subtract(const struct pram_range *free, size_t nfree,
			  const struct pram_range *ex, size_t nex,
			  struct pram_range *out, size_t max);

#endif
