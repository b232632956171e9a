/* SPDX-License-Identifier: GPL-2.0-only */
/* The one call between the fuzzer and the kernel's checker (no kernel types). */
#ifndef KERNEL_GLUE_H
#define KERNEL_GLUE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kglue_run {
	uint64_t index;
	uint64_t nr_pages;
};

/*
 * shmem_pram_check_stream() then shmem_pram_check_runs() on a metadata
 * stream and the node's runs. Returns 0, -EINVAL (damaged), -EOPNOTSUPP
 * (newer format) or -ENOMEM; *why says what is wrong.
 */
int kglue_check_stream(const void *meta, size_t len,
		       const struct kglue_run *runs, size_t nr_runs,
		       const char **why);

/*
 * The next kernel's checks of a chain in @mem (physical @base, @size
 * bytes) with its root at @root: 0 and kept[i] for the first @max_nodes
 * nodes, or -EINVAL when the whole chain is refused (*why says why), or
 * -ENOMEM.
 */
int kglue_check_chain(void *mem, uint64_t base, uint64_t size, uint64_t root,
		      bool *kept, unsigned int max_nodes, const char **why);
#endif
