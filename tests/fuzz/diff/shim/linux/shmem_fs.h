/* SPDX-License-Identifier: GPL-2.0-only */
/* What the checker takes from <linux/shmem_fs.h> (6.12 values). */
#ifndef SHIM_LINUX_SHMEM_FS_H
#define SHIM_LINUX_SHMEM_FS_H
#include <limits.h>
#include <linux/types.h>
#include <linux/mm.h>
#define SHMEM_QUOTA_MAX_SPC_LIMIT	0x7fffffffffffffffLL
#define SHMEM_QUOTA_MAX_INO_LIMIT	0x7fffffffffffffffLL
#define BIT(n)		(1UL << (n))
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
unsigned int shmem_pram_symlink_pages(u64 len);
#endif
