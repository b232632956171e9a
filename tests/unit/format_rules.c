// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * The rules pram_format.h states as code, one at a time, at their edges.
 * The kernel runs the same functions; the layout itself is pinned by the
 * header's own static assertions, which this file, built with -pedantic,
 * compiles.
 */
#define _DEFAULT_SOURCE
#include <endian.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <pram_format.h>
#include <pramhdr.h>

#include "testutil.h"

static __u32 crc_raw(__u32 crc, const void *buf, size_t len)
{
	return ~pramhdr_crc32c(~crc, buf, len);
}

static unsigned char page[4096];

static void seal(uint32_t magic, uint64_t phys, uint32_t seq, uint32_t count,
		 uint64_t next)
{
	struct pram_page_hdr *h = (void *)page;

	h->magic = htole32(magic);
	h->self = htole64(phys);
	h->seq = htole32(seq);
	h->count = htole32(count);
	h->next = htole64(next);
	h->crc = htole32(pram_page_crc(page, sizeof(page), crc_raw));
}

static enum pram_page_fault check(uint32_t magic, uint64_t phys, uint32_t seq)
{
	return pram_page_check(page, sizeof(page), magic, phys, seq, crc_raw);
}

/* docs/format.md gives the magics as numbers; the header spells them. */
TEST(magic_values)
{
	CHECK(PRAM_MAGIC_ROOT == 0x4d415250);
	CHECK(PRAM_MAGIC_STALE == 0x44414544);
	CHECK(PRAM_MAGIC_EXTENT == 0x54584550);
	CHECK(PRAM_MAGIC_NODE == 0x45444f4e);
	CHECK(PRAM_MAGIC_BYTES == 0x53455442);
	CHECK(PRAM_MAGIC_LINK == 0x4b4e494c);
}

TEST(page_check)
{
	uint32_t bytes = pram_payload(4096);

	seal(PRAM_MAGIC_BYTES, 0x5000, 2, bytes, 0x6000);
	CHECK(check(PRAM_MAGIC_BYTES, 0x5000, 2) == PRAM_PAGE_OK);
	CHECK(check(PRAM_MAGIC_LINK, 0x5000, 2) == PRAM_PAGE_MAGIC);
	CHECK(check(PRAM_MAGIC_BYTES, 0x6000, 2) == PRAM_PAGE_SELF);
	CHECK(check(PRAM_MAGIC_BYTES, 0x5000, 3) == PRAM_PAGE_SEQ);
	page[4000] ^= 1;
	CHECK(check(PRAM_MAGIC_BYTES, 0x5000, 2) == PRAM_PAGE_CRC);
	page[4000] ^= 1;
	/* A byte stream page before the last one is full; the last may not be. */
	seal(PRAM_MAGIC_BYTES, 0x5000, 2, bytes - 1, 0x6000);
	CHECK(check(PRAM_MAGIC_BYTES, 0x5000, 2) == PRAM_PAGE_COUNT);
	seal(PRAM_MAGIC_BYTES, 0x5000, 2, bytes - 1, 0);
	CHECK(check(PRAM_MAGIC_BYTES, 0x5000, 2) == PRAM_PAGE_OK);
	/* Extent table pages hold 1..254 extents. */
	seal(PRAM_MAGIC_EXTENT, 0x5000, 0, 0, 0);
	CHECK(check(PRAM_MAGIC_EXTENT, 0x5000, 0) == PRAM_PAGE_COUNT);
	seal(PRAM_MAGIC_EXTENT, 0x5000, 0, 254, 0);
	CHECK(check(PRAM_MAGIC_EXTENT, 0x5000, 0) == PRAM_PAGE_OK);
	seal(PRAM_MAGIC_EXTENT, 0x5000, 0, 255, 0);
	CHECK(check(PRAM_MAGIC_EXTENT, 0x5000, 0) == PRAM_PAGE_COUNT);
	/* Node pages have no count. */
	seal(PRAM_MAGIC_NODE, 0x5000, 0, 1, 0);
	CHECK(check(PRAM_MAGIC_NODE, 0x5000, 0) == PRAM_PAGE_COUNT);
	CHECK(pram_page_fault_str(PRAM_PAGE_OK) == NULL);
	CHECK(strcmp(pram_page_fault_str(PRAM_PAGE_CRC), "CRC mismatch") == 0);
}

TEST(root_check)
{
	struct pram_root r = { 0 };

	r.version = htole32(PRAM_FORMAT_VERSION);
	r.page_shift = htole32(12);
	r.nr_extents = htole64(256);
	r.extent_pages = htole64(2);
	CHECK(pram_root_check(&r) == NULL);
	r.extent_pages = htole64(1);	/* 254 fit in a page */
	CHECK(pram_root_check(&r) != NULL);
	r.extent_pages = htole64(2);
	r.page_shift = htole32(17);
	CHECK(pram_root_check(&r) != NULL);
	r.page_shift = htole32(12);
	r.nr_nodes = htole64(PRAM_MAX_NODES + 1);
	CHECK(pram_root_check(&r) != NULL);
	r.nr_nodes = 0;
	r.hdr.next = htole64(0x1000);
	CHECK(pram_root_check(&r) != NULL);
}

static const char *extent(uint64_t start, uint64_t nr, uint64_t prev_end)
{
	struct pram_extent e = { htole64(start), htole64(nr) };

	return pram_extent_check(&e, prev_end, 12);
}

TEST(extent_check)
{
	CHECK(extent(0, 1, 0) == NULL);
	CHECK(extent(0x3000, 1, 0x2000) == NULL);
	CHECK(extent(0x2000, 1, 0x2000) != NULL);	/* touches */
	CHECK(extent(0x1000, 1, 0x2000) != NULL);	/* unsorted */
	CHECK(extent(0x3001, 1, 0) != NULL);		/* unaligned */
	CHECK(extent(0x3000, 0, 0) != NULL);		/* empty */
	CHECK(extent(UINT64_MAX - 0xfff, 1, 0) != NULL); /* wraps to 0 */
	CHECK(extent(0, UINT64_MAX >> 12, 0) == NULL);
	CHECK(extent(0, (UINT64_MAX >> 12) + 1, 0) != NULL);
}

static const char *run(uint64_t phys, uint64_t index, uint32_t nr, uint8_t order)
{
	struct pram_page_entry e = {
		.phys = htole64(phys), .index = htole64(index),
		.nr_pages = htole32(nr), .order = order,
	};

	return pram_run_check(&e, 12);
}

TEST(run_check)
{
	CHECK(run(0x200000, 512, 512, 9) == NULL);
	CHECK(run(0x201000, 512, 512, 9) != NULL);	/* physically unaligned */
	CHECK(run(0x200000, 511, 512, 9) != NULL);	/* unaligned in the file */
	CHECK(run(0x200000, 512, 511, 9) != NULL);	/* not whole folios */
	CHECK(run(0x200000, 0, 0, 0) != NULL);		/* empty */
	CHECK(run(0x200800, 0, 1, 0) != NULL);		/* not page aligned */
	CHECK(run(0, 0, 1u << 20, PRAM_RUN_ORDER_MAX) == NULL);
	CHECK(run(0, 0, 1u << 21, PRAM_RUN_ORDER_MAX + 1) != NULL);
	CHECK(run(0, UINT64_MAX, 1, 0) != NULL);	/* index wraps */
	CHECK(run(UINT64_MAX - 0xfff, 0, 1, 0) != NULL); /* address wraps */
}

TEST(names)
{
	char max[PRAM_NAME_MAX + 1];

	CHECK(pram_name_ok("mytmpfs", 7));
	CHECK(pram_name_ok("vm-42.mem_cache@1", 17));
	CHECK(!pram_name_ok("", 0));
	CHECK(!pram_name_ok("a/b", 3));
	CHECK(!pram_name_ok("a b", 3));
	CHECK(!pram_name_ok("a,b", 3));
	CHECK(!pram_name_ok("a\nb", 3));
	CHECK(!pram_name_ok("\xc3\xa9", 2));
	CHECK(!pram_name_ok(".", 1) && !pram_name_ok("..", 2));
	CHECK(pram_name_ok("...", 3));
	memset(max, 'x', sizeof(max));
	CHECK(pram_name_ok(max, PRAM_NAME_MAX));
	CHECK(!pram_name_ok(max, PRAM_NAME_MAX + 1));

	CHECK(pram_dentry_name_ok("a b\xc3\xa9", 5));
	CHECK(!pram_dentry_name_ok("a/b", 3));
	CHECK(!pram_dentry_name_ok("a\0b", 3));
	CHECK(!pram_dentry_name_ok("..", 2));
}

TEST(record_framing)
{
	unsigned char s[40] = { 0 };
	struct pram_rec *r = (void *)s;
	const struct pram_rec *got;
	size_t pos = 0;

	r->len = htole32(9);	/* padded to 16 */
	got = pram_rec_next(s, sizeof(s), &pos);
	CHECK(got == r && pos == 16);
	/* The last record's padding may be cut off by the stream's end. */
	pos = 0;
	CHECK(pram_rec_next(s, 9, &pos) == r && pos == 9);
	pos = 0;
	CHECK(pram_rec_next(s, 8, &pos) == NULL);	/* longer than the stream */
	r->len = htole32(7);
	pos = 0;
	CHECK(pram_rec_next(s, sizeof(s), &pos) == NULL);	/* shorter than a header */
	pos = 36;
	CHECK(pram_rec_next(s, sizeof(s), &pos) == NULL);	/* header cut off */
}

TEST(record_rules)
{
	struct { struct pram_rec_inode r; char target[8]; } in = { 0 };
	const char *why = NULL;

	in.r.rec.type = htole16(PRAM_REC_INODE);
	in.r.rec.len = htole32(sizeof(in.r));
	in.r.ino = htole64(5);
	in.r.mode = htole32(PRAM_S_IFREG | 0644);
	CHECK(pram_rec_check(&in.r.rec, &why) == 0);
	in.r.flags = htole32(0x100);
	CHECK(pram_rec_check(&in.r.rec, &why) == -EOPNOTSUPP);
	in.r.flags = 0;
	in.r.atime_nsec = htole32(PRAM_NSEC_PER_SEC);
	CHECK(pram_rec_check(&in.r.rec, &why) == -EINVAL && why);
	in.r.atime_nsec = 0;
	in.r.uid = htole32(PRAM_NO_ID);
	CHECK(pram_rec_check(&in.r.rec, &why) == -EINVAL);
	in.r.uid = 0;
	in.r.mode = htole32(PRAM_S_IFDIR | 0755);
	in.r.nr_entries = htole64(1);
	CHECK(pram_rec_check(&in.r.rec, &why) == -EINVAL);
	in.r.nr_entries = 0;
	/* A symlink carries its target, without NUL. */
	in.r.mode = htole32(PRAM_S_IFLNK | 0777);
	in.r.size = htole64(3);
	in.r.rec.len = htole32(sizeof(in.r) + 3);
	memcpy(in.target, "a/b", 3);
	CHECK(pram_rec_check(&in.r.rec, &why) == 0);
	in.target[1] = '\0';
	CHECK(pram_rec_check(&in.r.rec, &why) == -EINVAL);

	in.r.rec.type = htole16(PRAM_REC_LAST + 1);
	CHECK(pram_rec_check(&in.r.rec, &why) == -EOPNOTSUPP);
	in.r.rec.type = 0;
	CHECK(pram_rec_check(&in.r.rec, &why) == -EINVAL);
}

TEST(file_runs)
{
	CHECK(pram_file_pages(0, 12) == 0);
	CHECK(pram_file_pages(1, 12) == 1);
	CHECK(pram_file_pages(8192, 12) == 2);
	CHECK(pram_file_run_ok(0, 2, 0, 2));
	CHECK(!pram_file_run_ok(1, 2, 0, 2));		/* past the end */
	CHECK(!pram_file_run_ok(0, 1, 1, 2));		/* overlaps */
	CHECK(!pram_file_run_ok(3, 0, 0, 2));
}

TEST_MAIN
