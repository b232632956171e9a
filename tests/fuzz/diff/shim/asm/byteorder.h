/* SPDX-License-Identifier: GPL-2.0-only */
/* Little-endian host only: the fuzzer runs where CI runs (x86_64). */
#ifndef SHIM_ASM_BYTEORDER_H
#define SHIM_ASM_BYTEORDER_H
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the differential fuzzer's kernel shims assume a little-endian host"
#endif
#define le16_to_cpu(x)	((u16)(x))
#define le32_to_cpu(x)	((u32)(x))
#define le64_to_cpu(x)	((u64)(x))
#endif
