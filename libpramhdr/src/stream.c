// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/* Reading a node's streams and a preserved file's bytes. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static uint32_t page_size_of(const struct pramhdr_node *node)
{
	return node->page_size ? node->page_size : 4096;
}

int pramhdr_node_meta(struct pramhdr_source *src,
		      const struct pramhdr_node *node, void **bufp,
		      size_t *lenp)
{
	uint32_t ps = page_size_of(node);
	uint32_t per = ps - sizeof(struct pram_page_hdr);
	unsigned char *page, *buf;
	uint64_t p = node->meta_head, i, len = 0;
	int err = 0;

	if (node->meta_bytes > node->meta_pages * per)
		return -EBADMSG;
	page = malloc(ps);
	buf = malloc(node->meta_bytes ? node->meta_bytes : 1);
	if (!page || !buf) {
		free(page);
		free(buf);
		return -ENOMEM;
	}
	for (i = 0; i < node->meta_pages && !err; i++) {
		const struct pram_page_hdr *hdr = (const void *)page;
		uint32_t n;

		if (!p) {
			err = -EBADMSG;
			break;
		}
		err = pramhdr_source_read(src, p, page, ps);
		if (err)
			break;
		n = le32(hdr->count);
		if (le32(hdr->magic) != PRAM_MAGIC_BYTES || n > per ||
		    len + n > node->meta_bytes) {
			err = -EBADMSG;
			break;
		}
		memcpy(buf + len, hdr + 1, n);
		len += n;
		p = le64(hdr->next);
	}
	free(page);
	if (!err && len != node->meta_bytes)
		err = -EBADMSG;
	if (err) {
		free(buf);
		return err;
	}
	*bufp = buf;
	*lenp = len;
	return 0;
}

int pramhdr_node_runs(struct pramhdr_source *src,
		      const struct pramhdr_node *node,
		      struct pramhdr_run **runsp, size_t *nrp)
{
	uint32_t ps = page_size_of(node);
	uint32_t per = (ps - sizeof(struct pram_page_hdr)) /
		       sizeof(struct pram_page_entry);
	struct pramhdr_run *runs;
	unsigned char *page;
	uint64_t p = node->data_head, i, nr = 0;
	int err = 0;

	if (node->data_entries > node->data_link_pages * per)
		return -EBADMSG;
	page = malloc(ps);
	runs = calloc(node->data_entries ? node->data_entries : 1,
		      sizeof(*runs));
	if (!page || !runs) {
		free(page);
		free(runs);
		return -ENOMEM;
	}
	for (i = 0; i < node->data_link_pages && !err; i++) {
		const struct pram_page_hdr *hdr = (const void *)page;
		const struct pram_page_entry *e = (const void *)(hdr + 1);
		uint32_t n, j;

		if (!p) {
			err = -EBADMSG;
			break;
		}
		err = pramhdr_source_read(src, p, page, ps);
		if (err)
			break;
		n = le32(hdr->count);
		if (le32(hdr->magic) != PRAM_MAGIC_LINK || n > per ||
		    nr + n > node->data_entries) {
			err = -EBADMSG;
			break;
		}
		for (j = 0; j < n; j++, nr++) {
			runs[nr].phys = le64(e[j].phys);
			runs[nr].index = le64(e[j].index);
			runs[nr].nr_pages = le32(e[j].nr_pages);
			runs[nr].order = e[j].order;
			runs[nr].crc = le32(e[j].crc);
		}
		p = le64(hdr->next);
	}
	free(page);
	if (!err && nr != node->data_entries)
		err = -EBADMSG;
	if (err) {
		free(runs);
		return err;
	}
	*runsp = runs;
	*nrp = nr;
	return 0;
}

static int emit_zeros(int (*out)(void *, const void *, size_t), void *arg,
		      uint64_t len)
{
	static const unsigned char zero[4096];

	while (len) {
		size_t n = len < sizeof(zero) ? len : sizeof(zero);
		int err = out(arg, zero, n);

		if (err)
			return err;
		len -= n;
	}
	return 0;
}

int pramhdr_file_read(struct pramhdr_source *src,
		      const struct pramhdr_run *runs, size_t nr_runs,
		      const struct pramhdr_file *file, uint32_t page_size,
		      int (*out)(void *arg, const void *buf, size_t len),
		      void *arg)
{
	uint64_t pos = 0, i;
	unsigned char *buf;
	int err = 0;

	if (file->first_entry > nr_runs ||
	    file->nr_entries > nr_runs - file->first_entry)
		return -EBADMSG;
	buf = malloc(page_size);
	if (!buf)
		return -ENOMEM;
	for (i = 0; i < file->nr_entries && !err; i++) {
		const struct pramhdr_run *r = &runs[file->first_entry + i];
		uint64_t start = r->index * page_size, p;

		if (start < pos) {
			err = -EBADMSG;
			break;
		}
		if (start >= file->size)
			break;
		err = emit_zeros(out, arg, start - pos);
		pos = start;
		for (p = 0; p < r->nr_pages && !err && pos < file->size; p++) {
			uint64_t n = file->size - pos < page_size ?
				     file->size - pos : page_size;

			err = pramhdr_source_read(src, r->phys + p * page_size,
						  buf, n);
			if (!err)
				err = out(arg, buf, n);
			pos += n;
		}
	}
	if (!err && pos < file->size)
		err = emit_zeros(out, arg, file->size - pos);
	free(buf);
	return err;
}
