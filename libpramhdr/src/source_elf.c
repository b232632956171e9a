// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * ELF cores as memory sources: /proc/kcore, /proc/vmcore, QEMU
 * dump-guest-memory and makedumpfile -E output. Their PT_LOAD segments
 * carry the physical address in p_paddr; kcore marks segments that are
 * not RAM with p_paddr == -1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* makedumpfile's compressed formats start with one of these. */
static bool is_kdump_compressed(int fd)
{
	char sig[8];

	if (pread(fd, sig, sizeof(sig), 0) != sizeof(sig))
		return false;
	return !memcmp(sig, "KDUMP   ", 8) || !memcmp(sig, "DISKDUMP", 8);
}

static int add_segments(struct pramhdr_source *src, Elf *elf)
{
	size_t n, i;

	if (elf_kind(elf) != ELF_K_ELF)
		return -ENOEXEC;
	if (elf_getphdrnum(elf, &n))
		return -ENOEXEC;
	for (i = 0; i < n; i++) {
		GElf_Phdr ph;
		int err;

		if (!gelf_getphdr(elf, i, &ph))
			return -ENOEXEC;
		if (ph.p_type != PT_LOAD || ph.p_paddr == (GElf_Addr)-1 ||
		    !ph.p_filesz)
			continue;
		err = src_add_range(src, ph.p_paddr, ph.p_filesz, ph.p_offset);
		if (err)
			return err;
	}
	return 0;
}

int pramhdr_source_open_elf(struct pramhdr_source **srcp, const char *path)
{
	struct pramhdr_source *src;
	Elf *elf;
	int err;

	err = src_new(&src, path);
	if (err)
		return err;
	if (is_kdump_compressed(src->fd)) {
		pramhdr_source_close(src);
		return -EPROTONOSUPPORT;
	}
	if (elf_version(EV_CURRENT) == EV_NONE) {
		pramhdr_source_close(src);
		return -ENOEXEC;
	}
	elf = elf_begin(src->fd, ELF_C_READ, NULL);
	if (!elf) {
		pramhdr_source_close(src);
		return -ENOEXEC;
	}
	err = add_segments(src, elf);
	elf_end(elf);
	if (!err)
		err = src_finish(src);
	if (err) {
		pramhdr_source_close(src);
		return err;
	}
	*srcp = src;
	return 0;
}
