/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef PRAM_CMDLINE_H
#define PRAM_CMDLINE_H

#include <stddef.h>
#include <stdint.h>

/*
 * pram_cmdline_edit - the next kernel's command line with its pram= set
 * @in: the command line kexec built (may be NULL)
 * @root: the root address; 0 only strips stale values
 * @max: the next kernel's command line limit, NUL included
 * @out: set to a malloc()ed result
 *
 * Every pram= word is removed (a stale one from --reuse-cmdline, or one
 * the user appended), words in double quotes are kept whole, and
 * pram=0x<root> is appended.
 *
 * Returns: 0, -E2BIG if the result does not fit in @max, -ENOMEM.
 */
int pram_cmdline_edit(const char *in, uint64_t root, size_t max, char **out);

#endif
