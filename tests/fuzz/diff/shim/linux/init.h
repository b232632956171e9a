/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-time annotations and what every kernel file gets from kernel.h. */
#ifndef SHIM_LINUX_INIT_H
#define SHIM_LINUX_INIT_H
#include <stdio.h>
#include <string.h>
#define __init
#define __initdata
#define pr_err(fmt, ...)	((void)0)
#define pr_warn(fmt, ...)	((void)0)
#define pr_info(fmt, ...)	((void)0)
#define cond_resched()		do { } while (0)
#define max(a, b)		((a) > (b) ? (a) : (b))
#define min(a, b)		((a) < (b) ? (a) : (b))
#endif
