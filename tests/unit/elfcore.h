/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* Test-only writer of ELF cores of physical memory, by hand (no libelf). */
#ifndef ELFCORE_H
#define ELFCORE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Write @mem (physical @base..@base+@size) as an ELF64 core whose PT_LOAD
 * segments are @chunk bytes each (p_paddr set), plus @extra_null PT_LOAD
 * segments with p_paddr -1 (as /proc/kcore has for non-RAM). More than
 * 65534 program headers are written with PN_XNUM and section header 0.
 */
int elfcore_write(const char *path, const void *mem, uint64_t base,
		  size_t size, size_t chunk, size_t extra_null);

#endif
