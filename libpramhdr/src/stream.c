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

/*
 * Read a chain of @pages metadata pages of kind @magic from @head, each
 * checked as the walk checked it (a damaged chain may loop or have
 * changed since), and call @page with each page's payload and count.
 */
static int read_chain(struct pramhdr_source *src, uint32_t ps, uint64_t head,
		      uint64_t pages, uint32_t magic,
		      int (*page)(void *arg, const void *payload, uint32_t n),
		      void *arg)
{
	unsigned char *buf = malloc(ps);
	const struct pram_page_hdr *hdr = (const void *)buf;
	uint64_t p = head, i;
	int err = 0;

	if (!buf)
		return -ENOMEM;
	for (i = 0; i < pages && !err; i++) {
		if (!p) {
			err = -EBADMSG;
			break;
		}
		err = pramhdr_source_read(src, p, buf, ps);
		if (err)
			break;
		if (pram_page_check(buf, ps, magic, p, i, crc32c_update)) {
			err = -EBADMSG;
			break;
		}
		err = page(arg, hdr + 1, le32(hdr->count));
		p = le64(hdr->next);
	}
	free(buf);
	return err;
}

struct meta_buf {
	unsigned char *buf;
	uint64_t len, max;
	size_t cap;
};

static int meta_page(void *arg, const void *payload, uint32_t n)
{
	struct meta_buf *m = arg;
	int err;

	if (n > m->max - m->len)
		return -EBADMSG;
	err = grow_array((void **)&m->buf, &m->cap, m->len + n, 1);
	if (err)
		return err;
	memcpy(m->buf + m->len, payload, n);
	m->len += n;
	return 0;
}

int pramhdr_node_meta(struct pramhdr_source *src,
		      const struct pramhdr_node *node, void **bufp,
		      size_t *lenp)
{
	uint32_t ps = page_size_of(node);
	uint32_t per = pram_payload(ps);
	struct meta_buf m = { .max = node->meta_bytes };
	int err;

	if (node->meta_pages > UINT64_MAX / per ||
	    node->meta_bytes > node->meta_pages * per)
		return -EBADMSG;
	err = grow_array((void **)&m.buf, &m.cap, 1, 1);
	if (err)
		return err;
	err = read_chain(src, ps, node->meta_head, node->meta_pages,
			 PRAM_MAGIC_BYTES, meta_page, &m);
	if (!err && m.len != node->meta_bytes)
		err = -EBADMSG;
	if (err) {
		free(m.buf);
		return err;
	}
	*bufp = m.buf;
	*lenp = m.len;
	return 0;
}

struct run_buf {
	struct pramhdr_run *runs;
	uint64_t nr, max;
	size_t cap;
};

static int run_page(void *arg, const void *payload, uint32_t n)
{
	const struct pram_page_entry *e = payload;
	struct run_buf *r = arg;
	uint32_t j;
	int err;

	if (n > r->max - r->nr)
		return -EBADMSG;
	err = grow_array((void **)&r->runs, &r->cap, r->nr + n, sizeof(*r->runs));
	if (err)
		return err;
	for (j = 0; j < n; j++, r->nr++) {
		r->runs[r->nr].phys = le64(e[j].phys);
		r->runs[r->nr].index = le64(e[j].index);
		r->runs[r->nr].nr_pages = le32(e[j].nr_pages);
		r->runs[r->nr].order = e[j].order;
		r->runs[r->nr].crc = le32(e[j].crc);
	}
	return 0;
}

int pramhdr_node_runs(struct pramhdr_source *src,
		      const struct pramhdr_node *node,
		      struct pramhdr_run **runsp, size_t *nrp)
{
	uint32_t ps = page_size_of(node);
	uint32_t per = pram_page_max_count(PRAM_MAGIC_LINK, ps);
	struct run_buf r = { .max = node->data_entries };
	int err;

	if (node->data_link_pages > UINT64_MAX / per ||
	    node->data_entries > node->data_link_pages * per)
		return -EBADMSG;
	err = grow_array((void **)&r.runs, &r.cap, 1, sizeof(*r.runs));
	if (err)
		return err;
	err = read_chain(src, ps, node->data_head, node->data_link_pages,
			 PRAM_MAGIC_LINK, run_page, &r);
	if (!err && r.nr != node->data_entries)
		err = -EBADMSG;
	if (err) {
		free(r.runs);
		return err;
	}
	*runsp = r.runs;
	*nrp = r.nr;
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
