/* SPDX-License-Identifier: GPL-2.0-only */
/* A sorted-array xarray: enough for the checker's inode map. */
#ifndef SHIM_LINUX_XARRAY_H
#define SHIM_LINUX_XARRAY_H
#include <stdint.h>
struct xarray {
	unsigned long *index;
	void **entry;
	size_t nr, cap;
};
void *xa_load(struct xarray *xa, unsigned long index);
void *xa_store(struct xarray *xa, unsigned long index, void *entry,
	       unsigned int gfp);
#define XA_ENOMEM	((void *)(intptr_t)-12)
static inline int xa_err(void *entry)
{
	return entry == XA_ENOMEM ? -12 : 0;
}
#endif
