/* SPDX-License-Identifier: GPL-2.0-only */
/* The kernel's errno values are the uapi ones. */
#include <asm-generic/errno.h>
