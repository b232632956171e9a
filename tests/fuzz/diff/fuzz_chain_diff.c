// SPDX-License-Identifier: GPL-2.0-only
/*
 * Differential libFuzzer target: the next kernel's checks of a handed-over
 * chain (mm/pram_check.c from the series, through kernel_glue_chain.c)
 * and libpramhdr's walk must agree on whether the chain is taken over at
 * all and on which nodes are kept. pram-kexec trusts libpramhdr's verdict
 * before it jumps; any difference is a finding (abort).
 *
 * Input: a raw memory image at physical 0x100000 with the root block in
 * its first page (as the fuzz.chain target takes). Unless its last byte is
 * odd, every page that starts with a PRAM magic is sealed again first:
 * byte mutations would otherwise only ever break CRCs, and the rules
 * behind the CRC are what the two readers could disagree on.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kernel_glue.h"
#include "pramhdr.h"

#define BASE 0x100000ULL
#define MAX_NODES 64

uint32_t crc32c_update(uint32_t crc, const void *buf, size_t len);

static void reseal(uint8_t *mem, size_t size)
{
	size_t off;

	for (off = 0; off + 4096 <= size; off += 4096) {
		struct pram_page_hdr *h = (void *)(mem + off);

		switch (pram_le32(h->magic)) {
		case PRAM_MAGIC_ROOT:
		case PRAM_MAGIC_EXTENT:
		case PRAM_MAGIC_NODE:
		case PRAM_MAGIC_BYTES:
		case PRAM_MAGIC_LINK:
			h->crc = pram_page_crc(h, 4096, crc32c_update);
			break;
		}
	}
}

/* libpramhdr: -1 if the chain is not taken over, else its node verdicts. */
static int lib_verdict(const uint8_t *data, size_t size, bool *ok,
		       size_t *nr)
{
	struct pramhdr_report rep = { .limit = 4 };
	struct pramhdr_source *src = NULL;
	struct pramhdr_chain *c = NULL;
	int fd, ret = -2;
	char path[64];
	size_t i;

	fd = memfd_create("image", 0);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (pramhdr_source_open_raw(&src, path, BASE) == 0) {
		int n = pramhdr_chain_read(src, BASE, 0, &c, &rep);

		if (n == -ENOENT || n == -EFAULT || (n >= 0 && (!c->usable || c->stale)))
			ret = -1;
		else if (n >= 0)
			ret = 0;
		for (i = 0; ret == 0 && i < MAX_NODES; i++)
			ok[i] = i < c->nr_nodes && c->nodes[i].ok;
		*nr = c ? c->nr_nodes : 0;
		pramhdr_chain_free(c);
		pramhdr_source_close(src);
	}
	pramhdr_report_free(&rep);
	close(fd);
	return ret;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool kept[MAX_NODES] = { 0 }, ok[MAX_NODES] = { 0 };
	const char *why = NULL;
	size_t nr = 0, i;
	void *mem;
	int k, l;

	if (size < 4096 || size > (1 << 22))
		return 0;
	mem = malloc(size);
	memcpy(mem, data, size);
	if (!(data[size - 1] & 1))
		reseal(mem, size);
	l = lib_verdict(mem, size, ok, &nr);
	k = kglue_check_chain(mem, BASE, size, BASE, kept, MAX_NODES, &why);
	free(mem);
	if (getenv("FUZZ_DIFF_VERBOSE"))
		fprintf(stderr, "kernel %d (%s) [%d%d%d%d], libpramhdr %d [%d%d%d%d] of %zu\n",
			k, why ? why : "", kept[0], kept[1], kept[2], kept[3],
			l, ok[0], ok[1], ok[2], ok[3], nr);
	if (k == -ENOMEM || l == -2)
		return 0;
	if ((k < 0) != (l < 0)) {
		fprintf(stderr, "readers disagree: the kernel %s the chain (%s), libpramhdr %s it\n",
			k < 0 ? "refuses" : "takes", why ? why : "",
			l < 0 ? "refuses" : "takes");
		abort();
	}
	for (i = 0; k == 0 && i < MAX_NODES; i++) {
		if (kept[i] != ok[i]) {
			fprintf(stderr, "readers disagree on node %zu (of %zu listed): kernel %s, libpramhdr %s\n",
				i, nr, kept[i] ? "keeps" : "drops",
				ok[i] ? "keeps" : "drops");
			abort();
		}
	}
	return 0;
}
