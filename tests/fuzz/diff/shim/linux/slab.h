/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHIM_LINUX_SLAB_H
#define SHIM_LINUX_SLAB_H
#include <stdlib.h>
#include <linux/err.h>
#define GFP_KERNEL	0
#define kzalloc(size, gfp)	calloc(1, size)
#define kfree(p)		free(p)
#endif
