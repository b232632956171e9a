// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/* Test-only writer of synthetic PRAM chains, see imgwriter.h. */
#define _DEFAULT_SOURCE
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imgwriter.h"
#include "pramhdr.h"

#define PAYLOAD(img) ((img)->page - sizeof(struct pram_page_hdr))

void img_init(struct img *img, uint64_t base, size_t size)
{
	memset(img, 0, sizeof(*img));
	img->mem = calloc(1, size);
	if (!img->mem)
		abort();
	img->base = base;
	img->size = size;
	img->next = base;
	img_set_page_shift(img, 12);
}

void img_set_page_shift(struct img *img, uint32_t shift)
{
	img->page_shift = shift;
	img->page = 1u << shift;
}

void img_free(struct img *img)
{
	free(img->mem);
	img->mem = NULL;
}

void *img_at(struct img *img, uint64_t phys)
{
	if (phys < img->base || phys + img->page > img->base + img->size)
		abort();
	return img->mem + (phys - img->base);
}

uint64_t img_alloc(struct img *img, uint64_t pages, uint64_t align_pages)
{
	uint64_t a = align_pages * img->page, p;

	p = (img->next + a - 1) / a * a;
	if (p + pages * img->page > img->base + img->size)
		abort();
	img->next = p + pages * img->page;
	return p;
}

void img_reseal(struct img *img, uint64_t phys)
{
	unsigned char *page = img_at(img, phys);
	struct pram_page_hdr *hdr = (void *)page;
	static const unsigned char zero[4];
	uint32_t crc;

	crc = pramhdr_crc32c(0, page, 4);
	crc = pramhdr_crc32c(crc, zero, 4);
	crc = pramhdr_crc32c(crc, page + 8, img->page - 8);
	hdr->crc = htole32(crc);
}

static struct pram_page_hdr *new_page(struct img *img, uint32_t magic,
				      uint32_t seq, uint64_t *phys)
{
	struct pram_page_hdr *hdr;

	*phys = img_alloc(img, 1, 1);
	hdr = img_at(img, *phys);
	memset(hdr, 0, img->page);
	hdr->magic = htole32(magic);
	hdr->self = htole64(*phys);
	hdr->seq = htole32(seq);
	return hdr;
}

static void build_node(struct img *img, struct img_node *n, uint32_t seq)
{
	struct pram_node *nd;
	uint64_t prev = 0, p, pages = 0, i, left = n->meta_len;
	const unsigned char *m = n->meta;
	uint32_t nseq = 0, lseq = 0, used = 0;

	nd = (void *)new_page(img, PRAM_MAGIC_NODE, seq, &n->phys);
	nd->type = htole32(n->type);
	nd->generation = htole64(1);
	nd->saved_time = htole64(1800000000);
	nd->name_len = htole16(strlen(n->name));
	memcpy(nd->name, n->name, strlen(n->name));

	while (left) {
		struct pram_page_hdr *h = new_page(img, PRAM_MAGIC_BYTES, nseq++, &p);
		size_t k = left < PAYLOAD(img) ? left : PAYLOAD(img);

		memcpy(h + 1, m, k);
		h->count = htole32(k);
		m += k;
		left -= k;
		if (prev) {
			((struct pram_page_hdr *)img_at(img, prev))->next = htole64(p);
			img_reseal(img, prev);
		} else {
			n->meta_head = p;
		}
		img_reseal(img, p);
		prev = p;
	}
	nd->meta_head = htole64(n->meta_head);
	nd->meta_pages = htole64(nseq);
	nd->meta_bytes = htole64(n->meta_len);

	prev = 0;
	for (i = 0; i < n->nr_runs; i++) {
		struct img_run *r = &n->runs[i];
		struct pram_page_entry *e;
		struct pram_page_hdr *lh;
		uint32_t crc = 0, j;

		r->phys = img_alloc(img, r->pages, 1u << r->order);
		for (j = 0; j < r->pages; j++) {
			unsigned char *d = img_at(img, r->phys + (uint64_t)j * img->page);

			memset(d, (int)(r->index + j + 1), img->page);
			crc = pramhdr_crc32c(crc, d, img->page);
		}
		if (!prev || used == PAYLOAD(img) / sizeof(*e)) {
			lh = new_page(img, PRAM_MAGIC_LINK, lseq++, &p);
			if (prev) {
				((struct pram_page_hdr *)img_at(img, prev))->next = htole64(p);
				img_reseal(img, prev);
			} else {
				n->link_head = p;
			}
			prev = p;
			used = 0;
		}
		lh = img_at(img, prev);
		e = (struct pram_page_entry *)(lh + 1) + used++;
		e->phys = htole64(r->phys);
		e->index = htole64(r->index);
		e->nr_pages = htole32(r->pages);
		e->order = r->order;
		e->crc = htole32(crc);
		lh->count = htole32(used);
		img_reseal(img, prev);
		pages += r->pages;
	}
	nd->data_head = htole64(n->link_head);
	nd->data_link_pages = htole64(lseq);
	nd->data_entries = htole64(n->nr_runs);
	nd->data_pages = htole64(pages);
	img_reseal(img, n->phys);
}

uint64_t img_build(struct img *img, struct img_node *nodes, size_t n)
{
	struct pram_root *root;
	struct pram_page_hdr *eh;
	struct pram_extent *e;
	uint64_t first = img->next, i, ext_pages;

	root = (void *)new_page(img, PRAM_MAGIC_ROOT, 0, &img->root);
	for (i = 0; i < n; i++) {
		build_node(img, &nodes[i], i);
		if (i) {
			struct pram_node *pn = img_at(img, nodes[i - 1].phys);

			pn->hdr.next = htole64(nodes[i].phys);
			img_reseal(img, nodes[i - 1].phys);
		}
	}
	/* One extent covers everything allocated, the table page included. */
	eh = new_page(img, PRAM_MAGIC_EXTENT, 0, &img->ext_head);
	ext_pages = (img->next - first) / img->page;
	e = (void *)(eh + 1);
	e->start = htole64(first);
	e->nr_pages = htole64(ext_pages);
	eh->count = htole32(1);
	img_reseal(img, img->ext_head);

	root->version = htole32(PRAM_FORMAT_VERSION);
	root->page_shift = htole32(img->page_shift);
	root->generation = htole64(1);
	root->nr_nodes = htole64(n);
	root->node_head = htole64(n ? nodes[0].phys : 0);
	root->nr_extents = htole64(1);
	root->extent_head = htole64(img->ext_head);
	root->extent_pages = htole64(1);
	root->nr_pages = htole64(ext_pages);
	img_reseal(img, img->root);
	return img->root;
}

int img_write(struct img *img, const char *path)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f)
		return -1;
	ok = fwrite(img->mem, 1, img->size, f) == img->size;
	return fclose(f) || !ok ? -1 : 0;
}

static void *rec_add(struct recbuf *b, uint16_t type, size_t len,
		     const void *tail, size_t tail_len)
{
	size_t total = len + tail_len, padded = (total + 7) & ~(size_t)7;
	struct pram_rec *r;

	if (b->len + padded > b->cap) {
		b->cap = (b->len + padded) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	r = (void *)(b->p + b->len);
	memset(r, 0, padded);
	r->type = htole16(type);
	r->len = htole32(total);
	if (tail_len)
		memcpy((char *)r + len, tail, tail_len);
	b->len += padded;
	return r;
}

void rec_super_path(struct recbuf *b, uint64_t root_ino, const char *path)
{
	size_t plen = path ? strlen(path) : 0;
	struct pram_rec_super *s = rec_add(b, PRAM_REC_SUPER, sizeof(*s), path,
					   plen);

	s->version = htole32(PRAM_SHMEM_VERSION);
	s->root_ino = htole64(root_ino);
	s->mode = htole32(01777);
	s->path_len = htole16(plen);
}

void rec_super(struct recbuf *b, uint64_t root_ino)
{
	rec_super_path(b, root_ino, NULL);
}

void rec_inode(struct recbuf *b, uint64_t ino, uint32_t mode, uint64_t size,
	       uint64_t first_entry, uint64_t nr_entries, const char *target)
{
	struct pram_rec_inode *r = rec_add(b, PRAM_REC_INODE, sizeof(*r), target,
					   target ? strlen(target) : 0);

	r->ino = htole64(ino);
	r->mode = htole32(mode);
	r->uid = htole32(1000);
	r->gid = htole32(100);
	r->nlink = htole32(1);
	r->size = htole64(target ? strlen(target) : size);
	r->mtime_sec = htole64(1700000000);
	r->mtime_nsec = htole32(123456789);
	r->first_entry = htole64(first_entry);
	r->nr_entries = htole64(nr_entries);
}

void rec_dentry(struct recbuf *b, uint64_t parent, uint64_t ino,
		const char *name)
{
	struct pram_rec_dentry *d = rec_add(b, PRAM_REC_DENTRY, sizeof(*d), name,
					    strlen(name));

	d->parent = htole64(parent);
	d->ino = htole64(ino);
	d->name_len = htole16(strlen(name));
}

void rec_end_xattrs(struct recbuf *b, uint64_t inodes, uint64_t dentries,
		    uint64_t xattrs, uint64_t data_pages)
{
	struct pram_rec_end *e = rec_add(b, PRAM_REC_END, sizeof(*e), NULL, 0);

	e->nr_inodes = htole64(inodes);
	e->nr_dentries = htole64(dentries);
	e->nr_xattrs = htole64(xattrs);
	e->data_pages = htole64(data_pages);
}

void rec_end(struct recbuf *b, uint64_t inodes, uint64_t dentries,
	     uint64_t data_pages)
{
	rec_end_xattrs(b, inodes, dentries, 0, data_pages);
}

void rec_xattr(struct recbuf *b, uint64_t ino, const char *name,
	       const void *value, uint32_t value_len)
{
	size_t nlen = strlen(name);
	char *tail = malloc(nlen + value_len + 1);
	struct pram_rec_xattr *x;

	if (!tail)
		abort();
	memcpy(tail, name, nlen);
	memcpy(tail + nlen, value, value_len);
	x = rec_add(b, PRAM_REC_XATTR, sizeof(*x), tail, nlen + value_len);
	x->ino = htole64(ino);
	x->name_len = htole16(nlen);
	x->value_len = htole32(value_len);
	free(tail);
}

void rec_mpol(struct recbuf *b, const char *text)
{
	rec_add(b, PRAM_REC_MPOL, sizeof(struct pram_rec_mpol), text,
		strlen(text));
}

void rec_quota(struct recbuf *b, uint32_t types, uint64_t usr_bhard,
	       uint64_t grp_ihard)
{
	struct pram_rec_quota *q = rec_add(b, PRAM_REC_QUOTA, sizeof(*q), NULL, 0);

	q->types = htole32(types);
	q->bhardlimit[PRAM_QUOTA_USR] = htole64(usr_bhard);
	q->ihardlimit[PRAM_QUOTA_GRP] = htole64(grp_ihard);
	q->bgrace[PRAM_QUOTA_USR] = htole64(3600);
	q->igrace[PRAM_QUOTA_GRP] = htole64(7200);
}

void rec_dquot(struct recbuf *b, uint32_t type, uint32_t id,
	       uint64_t bhard, int64_t btime)
{
	struct pram_rec_dquot *d = rec_add(b, PRAM_REC_DQUOT, sizeof(*d), NULL, 0);

	d->type = htole32(type);
	d->id = htole32(id);
	d->bhardlimit = htole64(bhard);
	d->bsoftlimit = htole64(bhard / 2);
	d->isoftlimit = htole64(2);
	d->ihardlimit = htole64(10);
	d->btime = htole64((uint64_t)btime);
}
