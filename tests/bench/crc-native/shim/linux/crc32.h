/* SPDX-License-Identifier: GPL-2.0-only */
#include <linux/types.h>
u32 __crc32c_le(u32 crc, unsigned char const *p, size_t len);
