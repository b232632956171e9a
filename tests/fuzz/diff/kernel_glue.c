// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's tmpfs stream checker (mm/shmem_pram_check.c, taken from the
 * patch series as it is) runs here in userspace: this file supplies what
 * it calls of the rest of the kernel (the node's page stream, an xarray,
 * shmem's symlink rule) and gives the fuzzer one plain function to call.
 * Built with -D__KERNEL__ and the shims in shim/ before the kernel's own
 * headers from the series.
 */
#include <stdlib.h>
#include <string.h>

#include "shmem_pram.h"
#include "kernel_glue.h"

/* The node's data runs, as pram_load_next_entry() hands them out. */
struct pram_load {
	const struct kglue_run *runs;
	size_t nr, pos;
};

u64 pram_load_data_pages(struct pram_load *pl)
{
	u64 sum = 0;
	size_t i;

	for (i = 0; i < pl->nr; i++)
		sum += pl->runs[i].nr_pages;
	return sum;
}

u64 pram_load_data_entries(struct pram_load *pl)
{
	return pl->nr;
}

void pram_load_rewind(struct pram_load *pl)
{
	pl->pos = 0;
}

int pram_load_next_entry(struct pram_load *pl, u64 *index, u64 *nr_pages)
{
	if (pl->pos == pl->nr)
		return 0;
	*index = pl->runs[pl->pos].index;
	*nr_pages = pl->runs[pl->pos].nr_pages;
	pl->pos++;
	return 1;
}

/* mm/shmem.c: a target that does not fit the inode takes a page. */
unsigned int shmem_pram_symlink_pages(u64 len)
{
	return len + 1 > 128;	/* SHORT_SYMLINK_LEN */
}

static size_t xa_find_slot(struct xarray *xa, unsigned long index)
{
	size_t lo = 0, hi = xa->nr;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (xa->index[mid] < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void *xa_load(struct xarray *xa, unsigned long index)
{
	size_t i = xa_find_slot(xa, index);

	return i < xa->nr && xa->index[i] == index ? xa->entry[i] : NULL;
}

void *xa_store(struct xarray *xa, unsigned long index, void *entry,
	       unsigned int gfp)
{
	size_t i = xa_find_slot(xa, index);

	(void)gfp;
	if (i < xa->nr && xa->index[i] == index) {
		xa->entry[i] = entry;
		return NULL;
	}
	if (xa->nr == xa->cap) {
		size_t cap = xa->cap ? 2 * xa->cap : 16;
		unsigned long *ni = realloc(xa->index, cap * sizeof(*ni));
		void **ne;

		if (!ni)
			return XA_ENOMEM;
		xa->index = ni;
		ne = realloc(xa->entry, cap * sizeof(*ne));
		if (!ne)
			return XA_ENOMEM;
		xa->entry = ne;
		xa->cap = cap;
	}
	memmove(&xa->index[i + 1], &xa->index[i], (xa->nr - i) * sizeof(*xa->index));
	memmove(&xa->entry[i + 1], &xa->entry[i], (xa->nr - i) * sizeof(*xa->entry));
	xa->index[i] = index;
	xa->entry[i] = entry;
	xa->nr++;
	return NULL;
}

int kglue_check_stream(const void *meta, size_t len,
		       const struct kglue_run *runs, size_t nr_runs,
		       const char **why)
{
	struct pram_load pl = { .runs = runs, .nr = nr_runs };
	struct shmem_pram_loader l = {
		.pl = &pl, .meta = (char *)meta, .len = len,
	};
	size_t i;
	int err;

	err = shmem_pram_check_stream(&l);
	if (!err)
		err = shmem_pram_check_runs(&l);
	*why = l.err;
	for (i = 0; i < l.objs.nr; i++)
		free(l.objs.entry[i]);
	free(l.objs.index);
	free(l.objs.entry);
	return err;
}
