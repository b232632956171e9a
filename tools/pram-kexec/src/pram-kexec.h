/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hooks that kexec-tools calls (see tools/pram-kexec/patches/). Each one is
 * a single call at a point where kexec decides something about memory or
 * the command line; the logic lives here, in pram-kexec's own files.
 */
#ifndef PRAM_KEXEC_H
#define PRAM_KEXEC_H

#include <stdint.h>
#include <sys/types.h>

struct kexec_info;
struct memory_range;

/* An option of ours seen by main(). */
void pram_kexec_option(int opt, const char *arg);

/*
 * Before anything is loaded: preserve the --preserve tmpfs, read the root
 * and check the whole chain. Returns 0 to go on, non-zero to stop (the
 * reason was printed; nothing is loaded).
 */
int pram_kexec_prepare(unsigned long kexec_flags, int file_syscall);

/* The next kernel's command line: stale pram= out, pram=0x<root> in. */
char *pram_kexec_cmdline(char *cmdline);

/* locate_hole(): remove preserved memory from kexec's free ranges. */
void pram_kexec_exclude(struct memory_range **ranges, int *nr);

/*
 * After segments are sorted (kexec_load): refuse any segment on preserved
 * memory. Returns <0 to refuse, 1 after a --check dry run (nothing to
 * load), 0 to load.
 */
int pram_kexec_segments(struct kexec_info *info);

/* kexec_file_load: 1 after a --check dry run (nothing to load), else 0. */
int pram_kexec_file_check(const char *cmdline);

/* Right before the reboot syscall of -e. Returns non-zero not to jump. */
int pram_kexec_before_exec(void);

/* The root being handed over; returns 0 if there is no handover. */
int pram_kexec_root(uint64_t *root);

/*
 * Device-tree architectures (kexec_load): set the root in the next
 * kernel's /chosen (the blob may be reallocated). Returns non-zero to stop.
 */
int pram_kexec_dtb(char **buf, off_t *size);

#endif
