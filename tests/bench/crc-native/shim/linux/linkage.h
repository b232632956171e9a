/* SPDX-License-Identifier: GPL-2.0-only */
/* The kernel's assembler annotations, for a userspace build of its CRC. */
#define SYM_FUNC_START(name) .globl name; .type name, @function; name:
#define SYM_FUNC_END(name) .size name, .-name
#define ENDBR endbr64
#define RET ret
