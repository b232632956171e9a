/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHIM_LINUX_RANGE_H
#define SHIM_LINUX_RANGE_H
#include <linux/types.h>
struct range {
	u64 start;
	u64 end;
};
#endif
