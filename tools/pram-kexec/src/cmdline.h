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

struct pram_range;

/*
 * pram_cmdline_hidden - preserved memory a command line would hide
 * @cmdline: the next kernel's command line (may be NULL)
 * @ext: preserved extents, sorted, ends inclusive
 * @n: number of extents
 * @ram: the RAM mem= counts where it is an amount of RAM (arm64), sorted,
 *       ends inclusive; NULL where it is an address (x86)
 * @nr_ram: number of @ram ranges
 * @word: set to the word that hides it (it points into @cmdline)
 * @word_len: set to that word's length
 *
 * On x86, mem= (and memmap=nn) ends the next kernel's RAM at that
 * address; memmap=exactmap keeps only the memmap=nn@ss ranges;
 * memmap=nn#ss, nn$ss, nn!ss and nn%ss take ranges out of RAM. On arm64
 * (@ram given) mem= keeps that many bytes of RAM from the bottom, and
 * there is no memmap=. The next kernel would drop every node with pages
 * in what is hidden. The last mem= wins, as in the kernel.
 *
 * Returns: the first extent that is not wholly in the next kernel's RAM,
 * or NULL.
 */
const struct pram_range *pram_cmdline_hidden(const char *cmdline,
					     const struct pram_range *ext,
					     size_t n,
					     const struct pram_range *ram,
					     size_t nr_ram, const char **word,
					     size_t *word_len);

#endif
