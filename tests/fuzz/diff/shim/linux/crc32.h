/* SPDX-License-Identifier: GPL-2.0-only */
/* The kernel's raw CRC32C is libpramhdr's crc32c_update(): no inversions. */
#include <linux/types.h>
uint32_t crc32c_update(uint32_t crc, const void *buf, size_t len);
#define __crc32c_le(crc, p, len)	crc32c_update(crc, p, len)
#define cpu_to_le32(x)	((u32)(x))
