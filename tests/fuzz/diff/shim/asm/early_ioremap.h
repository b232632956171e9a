/* SPDX-License-Identifier: GPL-2.0-only */
#include <linux/mm.h>
#define early_memremap(phys, size)	phys_to_virt(phys)
#define early_memunmap(p, size)		((void)(p))
