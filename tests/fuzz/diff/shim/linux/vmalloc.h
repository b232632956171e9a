/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHIM_LINUX_VMALLOC_H
#define SHIM_LINUX_VMALLOC_H
#include <stdlib.h>
#include <linux/slab.h>
static inline void *kvmalloc_array(size_t n, size_t size, unsigned int gfp)
{
	(void)gfp;
	return size && n > (size_t)-1 / size ? NULL : malloc(n * size ? n * size : 1);
}
#define kvrealloc(p, size, gfp)	realloc((void *)(p), size)
#define kvfree(p)		free(p)
#define vmalloc(size)		malloc(size)
#define vfree(p)		free(p)
#define kvcalloc(n, size, gfp)	calloc(n, size)
#endif
