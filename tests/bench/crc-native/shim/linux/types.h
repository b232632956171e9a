/* SPDX-License-Identifier: GPL-2.0-only */
/* Just enough of the kernel's types to build lib/crc32.c in userspace. */
#ifndef CRC_NATIVE_SHIM_TYPES_H
#define CRC_NATIVE_SHIM_TYPES_H
#include <stddef.h>
#include <stdint.h>
typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;
#define __pure __attribute__((pure))
#define __weak __attribute__((weak))
#define __alias(x) __attribute__((alias(#x)))
#undef __attribute_const__
#define __attribute_const__ __attribute__((const))
#define ____cacheline_aligned __attribute__((aligned(64)))
#define __LITTLE_ENDIAN 1234	/* x86_64 */
typedef uint32_t __le32;
typedef uint32_t __be32;
#define __force
#define cpu_to_le32(x) (x)	/* x86_64 only */
#define cpu_to_be32(x) __builtin_bswap32(x)
#define __cpu_to_le32(x) (x)
#define __le32_to_cpu(x) (x)
#define __cpu_to_be32(x) __builtin_bswap32(x)
#define __be32_to_cpu(x) __builtin_bswap32(x)
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif
