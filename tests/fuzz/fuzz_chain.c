// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * libFuzzer target: the input is a raw memory image at physical 0x100000
 * with the root block in its first page. Everything the library offers is
 * run over it: the walk with data checks, the streams of every node, the
 * tree decoder and reading every regular file.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "pramhdr.h"

#define BASE 0x100000ULL

static int sink(void *arg, const void *buf, size_t len)
{
	(void)arg;
	(void)buf;
	(void)len;
	return 0;
}

static void walk_node(struct pramhdr_source *src, const struct pramhdr_node *n,
		      uint32_t page_size, struct pramhdr_report *rep)
{
	struct pramhdr_run *runs = NULL;
	struct pramhdr_tree *t;
	size_t len, nr = 0, i;
	void *meta;

	if (pramhdr_node_meta(src, n, &meta, &len))
		return;
	if (pramhdr_node_runs(src, n, &runs, &nr))
		runs = NULL;
	if (pramhdr_tree_decode(meta, len, 0, &t, rep) >= 0) {
		char opts[64];

		pramhdr_tree_mount_options(t, opts, sizeof(opts));
		for (i = 0; runs && i < t->nr_files && i < 64; i++)
			if ((t->files[i].mode & 0170000) == 0100000 &&
			    t->files[i].size < (1 << 24))
				pramhdr_file_read(src, runs, nr, &t->files[i],
						  page_size, sink, NULL);
		pramhdr_tree_free(t);
	}
	free(runs);
	free(meta);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pramhdr_report rep = { .limit = 64 };
	struct pramhdr_source *src;
	struct pramhdr_chain *c;
	char path[64];
	size_t i;
	int fd;

	if (size < 4096 || size > (1 << 22))
		return 0;
	fd = memfd_create("image", 0);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (pramhdr_source_open_raw(&src, path, BASE) == 0) {
		if (pramhdr_chain_read(src, BASE, PRAMHDR_VERIFY_DATA, &c, &rep) >= 0) {
			for (i = 0; i < c->nr_nodes; i++)
				walk_node(src, &c->nodes[i], c->page_size, &rep);
			pramhdr_chain_free(c);
		}
		pramhdr_source_close(src);
	}
	pramhdr_report_free(&rep);
	close(fd);
	return 0;
}
