/* SPDX-License-Identifier: GPL-2.0-only */
#include <stdlib.h>
#define sort(base, num, size, cmp, swap)	qsort(base, num, size, cmp)
