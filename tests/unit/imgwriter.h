/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * A test-only writer of synthetic PRAM chains in a memory image, written
 * from docs/format.md. Tests build a chain, break it on purpose, and check
 * what the reader says. Not part of the library.
 */
#ifndef IMGWRITER_H
#define IMGWRITER_H

#include <stddef.h>
#include <stdint.h>

#include "pram_format.h"

#define IMG_PAGE 4096u

struct img_run {
	uint64_t index;
	uint32_t pages;
	uint8_t order;
	uint64_t phys;		/* filled in by img_build() */
};

struct img_node {
	const char *name;
	uint32_t type;
	const void *meta;
	size_t meta_len;
	struct img_run *runs;
	size_t nr_runs;
	uint64_t phys;		/* filled in: node page */
	uint64_t meta_head;	/* filled in */
	uint64_t link_head;	/* filled in */
};

struct img {
	unsigned char *mem;
	uint32_t page_shift;	/* IMG_PAGE's unless img_set_page_shift() */
	uint32_t page;
	uint64_t base;
	size_t size;
	uint64_t next;		/* next free page, bump allocation */
	uint64_t root;
	uint64_t ext_head;
};

void img_init(struct img *img, uint64_t base, size_t size);
/* Write pages of 1 << @shift bytes (16 KiB, 64 KiB kernels); before img_build(). */
void img_set_page_shift(struct img *img, uint32_t shift);
void img_free(struct img *img);
void *img_at(struct img *img, uint64_t phys);
uint64_t img_alloc(struct img *img, uint64_t pages, uint64_t align_pages);
/* Build a chain of @n nodes; data pages are filled with a pattern. */
uint64_t img_build(struct img *img, struct img_node *nodes, size_t n);
/* Recompute the CRC of the metadata page at @phys after an edit. */
void img_reseal(struct img *img, uint64_t phys);
int img_write(struct img *img, const char *path);

/* tmpfs record stream builder */
struct recbuf {
	unsigned char *p;
	size_t len, cap;
};
void rec_super(struct recbuf *b, uint64_t root_ino);
void rec_super_path(struct recbuf *b, uint64_t root_ino, const char *path);
void rec_inode(struct recbuf *b, uint64_t ino, uint32_t mode, uint64_t size,
	       uint64_t first_entry, uint64_t nr_entries, const char *target);
void rec_dentry(struct recbuf *b, uint64_t parent, uint64_t ino,
		const char *name);
void rec_end(struct recbuf *b, uint64_t inodes, uint64_t dentries,
	     uint64_t data_pages);
void rec_xattr(struct recbuf *b, uint64_t ino, const char *name,
	       const void *value, uint32_t value_len);
void rec_end_xattrs(struct recbuf *b, uint64_t inodes, uint64_t dentries,
		    uint64_t xattrs, uint64_t data_pages);
void rec_mpol(struct recbuf *b, const char *text);
void rec_quota(struct recbuf *b, uint32_t types, uint64_t usr_bhard,
	       uint64_t grp_ihard);
void rec_dquot(struct recbuf *b, uint32_t type, uint32_t id,
	       uint64_t bhard, int64_t btime);

#endif
