// SPDX-License-Identifier: GPL-2.0-only
/* Preserved extents against kexec's free ranges and segments. */
#include <stdlib.h>

#include "ranges.h"

static int cmp(const void *a, const void *b)
{
	const struct pram_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

size_t pram_ranges_coalesce(struct pram_range *r, size_t n)
{
	size_t i, out = 0;

	if (!n)
		return 0;
	qsort(r, n, sizeof(*r), cmp);
	for (i = 0; i < n; i++) {
		if (out && r[i].start <= r[out - 1].end + 1) {
			if (r[i].end > r[out - 1].end)
				r[out - 1].end = r[i].end;
		} else {
			r[out++] = r[i];
		}
	}
	return out;
}

const struct pram_range *pram_ranges_overlap(const struct pram_range *r,
					     size_t n, uint64_t start,
					     uint64_t end)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r[mid].end < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && r[lo].start <= end ? &r[lo] : NULL;
}

long pram_ranges_subtract(const struct pram_range *free, size_t nfree,
			  const struct pram_range *ex, size_t nex,
			  struct pram_range *out, size_t max)
{
	size_t i, j = 0, n = 0;

	for (i = 0; i < nfree; i++) {
		uint64_t cur = free[i].start, e = free[i].end;
		size_t k;

		while (j < nex && ex[j].end < cur)
			j++;
		for (k = j; cur <= e; k++) {
			if (k < nex && ex[k].start <= e) {
				/* The next exclusion cuts into [cur, e]. */
				if (ex[k].start > cur) {
					if (n == max)
						return -1;
					out[n].start = cur;
					out[n++].end = ex[k].start - 1;
				}
				if (ex[k].end >= e)
					break;
				if (ex[k].end >= cur)
					cur = ex[k].end + 1;
				continue;
			}
			if (n == max)
				return -1;
			out[n].start = cur;
			out[n++].end = e;
			break;
		}
	}
	return n;
}
