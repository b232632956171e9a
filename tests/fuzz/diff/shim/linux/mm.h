/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Physical memory is the fuzz input: phys_to_virt() maps into it, and a
 * read outside it is a finding (the kernel would touch memory it never
 * checked).
 */
#ifndef SHIM_LINUX_MM_H
#define SHIM_LINUX_MM_H
#include <stdio.h>
#include <stdlib.h>
#include <linux/types.h>
#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_ALIGNED(x)	(((x) & (PAGE_SIZE - 1)) == 0)
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))
extern u8 *kglue_mem;
extern u64 kglue_base, kglue_size;
static inline void *phys_to_virt(phys_addr_t phys)
{
	if (phys < kglue_base || phys - kglue_base >= kglue_size) {
		fprintf(stderr, "kernel reads %#llx, outside RAM\n",
			(unsigned long long)phys);
		abort();
	}
	return kglue_mem + (phys - kglue_base);
}
#endif
