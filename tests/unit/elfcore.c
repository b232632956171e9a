// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/* Test-only ELF core writer, see elfcore.h. */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfcore.h"

int elfcore_write(const char *path, const void *mem, uint64_t base,
		  size_t size, size_t chunk, size_t extra_null)
{
	size_t nload = (size + chunk - 1) / chunk, n = nload + extra_null, i;
	Elf64_Ehdr eh = { 0 };
	Elf64_Shdr sh0 = { 0 };
	Elf64_Phdr *ph;
	uint64_t data;
	FILE *f;
	int ok;

	ph = calloc(n, sizeof(*ph));
	if (!ph)
		return -1;
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_CORE;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(Elf64_Phdr);
	eh.e_phoff = sizeof(eh);
	eh.e_shentsize = sizeof(Elf64_Shdr);
	if (n >= PN_XNUM) {
		/* The real count lives in section header 0's sh_info. */
		eh.e_phnum = PN_XNUM;
		eh.e_shnum = 1;
		eh.e_shoff = sizeof(eh) + n * sizeof(*ph);
		sh0.sh_info = n;
	} else {
		eh.e_phnum = n;
	}
	data = sizeof(eh) + n * sizeof(*ph) + (eh.e_shnum ? sizeof(sh0) : 0);
	for (i = 0; i < nload; i++) {
		size_t len = size - i * chunk < chunk ? size - i * chunk : chunk;

		ph[i].p_type = PT_LOAD;
		ph[i].p_flags = PF_R | PF_W | PF_X;
		ph[i].p_offset = data + i * chunk;
		ph[i].p_paddr = base + i * chunk;
		ph[i].p_vaddr = 0xffff888000000000ULL + base + i * chunk;
		ph[i].p_filesz = ph[i].p_memsz = len;
	}
	for (; i < n; i++) {
		ph[i].p_type = PT_LOAD;
		ph[i].p_offset = data;
		ph[i].p_paddr = (Elf64_Addr)-1;
		ph[i].p_vaddr = 0xffffc90000000000ULL + i * 4096;
		ph[i].p_filesz = ph[i].p_memsz = 4096;
	}
	f = fopen(path, "wb");
	if (!f) {
		free(ph);
		return -1;
	}
	ok = fwrite(&eh, sizeof(eh), 1, f) == 1 &&
	     fwrite(ph, sizeof(*ph), n, f) == n &&
	     (!eh.e_shnum || fwrite(&sh0, sizeof(sh0), 1, f) == 1) &&
	     fwrite(mem, 1, size, f) == size;
	free(ph);
	return fclose(f) || !ok ? -1 : 0;
}
