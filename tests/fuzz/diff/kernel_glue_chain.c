// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's node walker (mm/pram_check.c, from the series as it is) in
 * userspace: what the next kernel runs on a handed-over chain, from the
 * root check at early boot to the per-node verdicts of the take-over.
 * The file is included, not linked, so that its boot-time statics can be
 * reset between inputs. Physical memory is the fuzz input (shim/linux/mm.h).
 */
#include "pram_check.c"

#include "kernel_glue.h"

u8 *kglue_mem;
u64 kglue_base, kglue_size;

/* mm/pram_boot.c: RAM is the input; nothing else is reserved at boot. */
bool pram_in_ram(phys_addr_t start, phys_addr_t size)
{
	return start >= kglue_base && size <= kglue_size &&
	       start - kglue_base <= kglue_size - size;
}

bool pram_extent_usable(phys_addr_t start, phys_addr_t end, bool *hidden)
{
	*hidden = !pram_in_ram(start, end - start);
	return !*hidden;
}

/* mm/pram.c: sort by the start of the leading struct range. */
static int kglue_cmp_start(const void *a, const void *b)
{
	const struct range *ra = a, *rb = b;

	return ra->start < rb->start ? -1 : ra->start > rb->start;
}

void pram_sort_ranges(void *base, size_t nr, size_t size)
{
	qsort(base, nr, size, kglue_cmp_start);
}

/* pram_reserve_early() then pram_take_over(), their checks only. */
int kglue_check_chain(void *mem, uint64_t base, uint64_t size, uint64_t root,
		      bool *kept, unsigned int max_nodes, const char **why)
{
	struct pram_adopt_ctx ctx = { };
	const struct pram_root *r;
	unsigned int nr, i;
	phys_addr_t *nodes;
	u64 *node_pages;
	bool *bad;
	int walked;

	kglue_mem = mem;
	kglue_base = base;
	kglue_size = size;
	pram_nr_skipped = 0;
	pram_skipped_pages = 0;
	*why = NULL;
	if (!pram_in_ram(root, PAGE_SIZE)) {
		*why = "root outside RAM";
		return -EINVAL;
	}
	r = pram_va(root);
	*why = pram_check_root(r, root);
	if (!*why)
		pram_check_extents(r, why);
	if (*why)
		return -EINVAL;
	nr = le64_to_cpu(r->nr_nodes);
	if (pram_load_extents(&ctx, r))
		return -ENOMEM;
	nodes = calloc(nr + 1, sizeof(*nodes));
	bad = calloc(nr + 1, sizeof(*bad));
	node_pages = calloc(nr + 1, sizeof(*node_pages));
	walked = nodes && bad && node_pages ?
		 pram_check_nodes(&ctx, r, root, nodes, bad, node_pages) : -ENOMEM;
	for (i = 0; walked >= 0 && i < max_nodes; i++)
		kept[i] = i < (unsigned int)walked && !bad[i];
	if (walked == -EINVAL)
		*why = "the extents do not cover the root and the table";
	free(nodes);
	free(bad);
	free(node_pages);
	kvfree(ctx.ext);
	kvfree(ctx.claims);
	return walked < 0 ? walked : 0;
}
