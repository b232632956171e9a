// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * libpramhdr on synthetic chains: a clean chain reads clean, and each
 * kind of damage is found, reported where it is, and confined to the node
 * it is in.
 */
#define _GNU_SOURCE
#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfcore.h"
#include "imgwriter.h"
#include "pramhdr.h"
#include "testutil.h"

#define BASE 0x100000ULL
#define SIZE (8u << 20)

struct fixture {
	struct img img;
	struct img_node nodes[2];
	struct img_run runs0[3], runs1[2];
	struct recbuf meta;
	char path[64];
};

/*
 * Two nodes: a tmpfs tree with a file of 3 runs, and a raw node, in pages
 * of 1 << @shift bytes. With pages larger than 4 KiB the raw node's large
 * run is of order 5, not 9 (32 MiB of 64 KiB pages), to keep the image
 * small.
 */
static void setup_pages(struct fixture *f, uint32_t shift)
{
	uint64_t page = 1ULL << shift;

	memset(f, 0, sizeof(*f));
	img_init(&f->img, BASE, SIZE);
	img_set_page_shift(&f->img, shift);
	rec_super(&f->meta, 1);
	rec_inode(&f->meta, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_inode(&f->meta, 2, S_IFREG | 0644, 5 * page + 100, 0, 3, NULL);
	rec_dentry(&f->meta, 1, 2, "file");
	rec_inode(&f->meta, 3, S_IFDIR | 0700, 0, 0, 0, NULL);
	rec_dentry(&f->meta, 1, 3, "dir");
	rec_inode(&f->meta, 4, S_IFLNK | 0777, 0, 0, 0, "../file");
	rec_dentry(&f->meta, 3, 4, "link");
	rec_dentry(&f->meta, 3, 2, "hardlink");
	rec_end(&f->meta, 4, 4, 5);
	f->runs0[0] = (struct img_run){ .index = 0, .pages = 2 };
	f->runs0[1] = (struct img_run){ .index = 3, .pages = 1 };
	f->runs0[2] = (struct img_run){ .index = 4, .pages = 2, .order = 1 };
	f->runs1[0] = (struct img_run){ .index = 0, .pages = 4 };
	if (shift == 12)
		f->runs1[1] = (struct img_run){ .index = 512, .pages = 512, .order = 9 };
	else
		f->runs1[1] = (struct img_run){ .index = 32, .pages = 32, .order = 5 };
	f->nodes[0] = (struct img_node){ .name = "tree", .type = PRAM_NODE_SHMEM,
		.meta = f->meta.p, .meta_len = f->meta.len, .runs = f->runs0,
		.nr_runs = 3 };
	f->nodes[1] = (struct img_node){ .name = "raw", .type = PRAM_NODE_RAW,
		.meta = "hello", .meta_len = 5, .runs = f->runs1, .nr_runs = 2 };
	img_build(&f->img, f->nodes, 2);
}

static void setup(struct fixture *f)
{
	setup_pages(f, 12);
}

static void teardown(struct fixture *f)
{
	if (f->path[0])
		unlink(f->path);
	img_free(&f->img);
	free(f->meta.p);
}

/* Write the image, walk it, return the problem count (or error). */
static int walk(struct fixture *f, unsigned int flags,
		struct pramhdr_chain **c, struct pramhdr_report *rep)
{
	struct pramhdr_source *src;
	int ret;

	snprintf(f->path, sizeof(f->path), "/tmp/pramhdr-test-%d.img", getpid());
	CHECK(img_write(&f->img, f->path) == 0);
	CHECK(pramhdr_source_open_raw(&src, f->path, BASE) == 0);
	ret = pramhdr_chain_read(src, f->img.root, flags, c, rep);
	pramhdr_source_close(src);
	return ret;
}

static bool has(const struct pramhdr_report *rep, int kind, int node)
{
	size_t i;

	for (i = 0; i < rep->nr; i++)
		if (rep->problems[i].kind == kind && rep->problems[i].node == node)
			return true;
	return false;
}

static void dump(const struct pramhdr_report *rep)
{
	size_t i;

	for (i = 0; i < rep->nr; i++)
		fprintf(stderr, "   problem %s node %d at %#llx+%u: %s\n",
			pramhdr_problem_kind_name(rep->problems[i].kind),
			rep->problems[i].node,
			(unsigned long long)rep->problems[i].phys,
			rep->problems[i].offset, rep->problems[i].text);
}

/* Run a walk and expect one kind of problem in one node, nothing else bad. */
#define EXPECT_ONLY(f, flags, kind, node)                                   \
	do {                                                                \
		struct pramhdr_report rep_ = { 0 };                         \
		struct pramhdr_chain *c_;                                   \
		int n_ = walk(f, flags, &c_, &rep_);                        \
		if (n_ <= 0 || !has(&rep_, kind, node))                     \
			dump(&rep_);                                        \
		CHECK(n_ > 0);                                              \
		CHECK(has(&rep_, kind, node));                              \
		if (node >= 0 && c_->nr_nodes == 2) {                       \
			CHECK(!c_->nodes[node].ok);                         \
			CHECK(c_->nodes[1 - node].ok);                      \
		}                                                           \
		pramhdr_chain_free(c_);                                     \
		pramhdr_report_free(&rep_);                                 \
	} while (0)

TEST(crc32c_vector)
{
	CHECK(pramhdr_crc32c(0, "123456789", 9) == 0xe3069283);
	/* Continuing a CRC gives the same as one pass. */
	CHECK(pramhdr_crc32c(pramhdr_crc32c(0, "1234", 4), "56789", 5) == 0xe3069283);
}

TEST(clean_chain)
{
	struct fixture f;
	struct pramhdr_report rep = { 0 };
	struct pramhdr_chain *c;

	setup(&f);
	CHECK(walk(&f, PRAMHDR_VERIFY_DATA, &c, &rep) == 0);
	dump(&rep);
	CHECK(c->nr_nodes == 2);
	CHECK(!strcmp(c->nodes[0].name, "tree"));
	CHECK(!strcmp(c->nodes[1].name, "raw"));
	CHECK(c->nodes[0].ok && c->nodes[1].ok);
	CHECK(c->nodes[1].data_pages == 516);
	CHECK(c->nodes[0].data_checked && !c->nodes[0].data_bad);
	CHECK(!c->stale && c->generation == 1);
	pramhdr_chain_free(c);
	teardown(&f);
}

TEST(no_root)
{
	struct fixture f;
	struct pramhdr_report rep = { 0 };
	struct pramhdr_chain *c;

	setup(&f);
	memset(img_at(&f.img, f.img.root), 0, 4);
	CHECK(walk(&f, 0, &c, &rep) == -ENOENT);
	teardown(&f);
}

TEST(root_outside_source)
{
	struct pramhdr_source *src;
	struct pramhdr_report rep = { 0 };
	struct pramhdr_chain *c;
	struct fixture f;

	setup(&f);
	snprintf(f.path, sizeof(f.path), "/tmp/pramhdr-test-%d.img", getpid());
	CHECK(img_write(&f.img, f.path) == 0);
	CHECK(pramhdr_source_open_raw(&src, f.path, BASE) == 0);
	CHECK(pramhdr_chain_read(src, BASE + SIZE, 0, &c, &rep) == -EFAULT);
	CHECK(pramhdr_chain_read(src, BASE + 1, 0, &c, &rep) == -EINVAL);
	pramhdr_source_close(src);
	teardown(&f);
}

TEST(stale_root)
{
	struct fixture f;
	struct pram_root *r;

	setup(&f);
	r = img_at(&f.img, f.img.root);
	r->hdr.magic = htole32(PRAM_MAGIC_STALE);
	img_reseal(&f.img, f.img.root);
	EXPECT_ONLY(&f, 0, PRAMHDR_P_STALE, -1);
	teardown(&f);
}

TEST(root_fields)
{
	struct fixture f;
	struct pram_root *r;

	setup(&f);
	r = img_at(&f.img, f.img.root);
	r->version = htole32(99);
	img_reseal(&f.img, f.img.root);
	EXPECT_ONLY(&f, 0, PRAMHDR_P_VERSION, -1);
	teardown(&f);

	setup(&f);
	((unsigned char *)img_at(&f.img, f.img.root))[100] ^= 1;
	EXPECT_ONLY(&f, 0, PRAMHDR_P_CRC, -1);
	teardown(&f);

	setup(&f);
	r = img_at(&f.img, f.img.root);
	r->nr_pages = htole64(le64toh(r->nr_pages) + 1);
	img_reseal(&f.img, f.img.root);
	EXPECT_ONLY(&f, 0, PRAMHDR_P_COUNT, -1);
	teardown(&f);
}

TEST(metadata_flip_is_confined)
{
	struct fixture f;

	setup(&f);
	((unsigned char *)img_at(&f.img, f.nodes[0].meta_head))[40] ^= 0xff;
	EXPECT_ONLY(&f, 0, PRAMHDR_P_CRC, 0);
	teardown(&f);

	setup(&f);
	((unsigned char *)img_at(&f.img, f.nodes[1].link_head))[40] ^= 0xff;
	EXPECT_ONLY(&f, 0, PRAMHDR_P_CRC, 1);
	teardown(&f);
}

TEST(data_flip_needs_data_check)
{
	struct fixture f;
	struct pramhdr_report rep = { 0 };
	struct pramhdr_chain *c;

	setup(&f);
	((unsigned char *)img_at(&f.img, f.runs1[1].phys + 4096 * 300))[7] ^= 1;
	CHECK(walk(&f, 0, &c, &rep) == 0);
	pramhdr_chain_free(c);
	EXPECT_ONLY(&f, PRAMHDR_VERIFY_DATA, PRAMHDR_P_DATA_CRC, 1);
	teardown(&f);
}

/* Pieces of one CRC put back together equal the CRC of the whole. */
TEST(crc32c_combine)
{
	static unsigned char buf[9000];
	size_t i, cut;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i * 131 + (i >> 7));
	for (cut = 0; cut <= sizeof(buf); cut += 997) {
		uint32_t a = pramhdr_crc32c(0, buf, cut);
		uint32_t b = pramhdr_crc32c(0, buf + cut, sizeof(buf) - cut);

		CHECK(pramhdr_crc32c_combine(a, b, sizeof(buf) - cut) ==
		      pramhdr_crc32c(0, buf, sizeof(buf)));
	}
	CHECK(pramhdr_crc32c_combine(0, 0, 0) == 0);
}

/* One run of 6 MiB, checked in pieces of 2 MiB on 1 to 4 threads. */
static int walk_long_run(unsigned int threads, size_t flip_at)
{
	struct img_run run = { .index = 0, .pages = 1536 };
	struct img_node node = { .name = "long", .type = PRAM_NODE_RAW,
				 .runs = &run, .nr_runs = 1 };
	struct pramhdr_read_opts o = { .flags = PRAMHDR_VERIFY_DATA,
				       .threads = threads };
	struct pramhdr_report rep = { 0 };
	struct pramhdr_source *src;
	struct pramhdr_chain *c;
	struct img img;
	char path[64];
	int ret;

	img_init(&img, BASE, 16u << 20);
	img_build(&img, &node, 1);
	if (flip_at)
		((unsigned char *)img_at(&img, run.phys))[flip_at] ^= 0x80;
	snprintf(path, sizeof(path), "/tmp/pramhdr-long-%d.img", getpid());
	CHECK(img_write(&img, path) == 0);
	CHECK(pramhdr_source_open_raw(&src, path, BASE) == 0);
	ret = pramhdr_chain_read_opts(src, img.root, &o, &c, &rep);
	CHECK(ret >= 0);
	CHECK(c->nodes[0].data_checked);
	CHECK(c->nodes[0].data_bad == (flip_at ? 1 : 0));
	CHECK(!flip_at || has(&rep, PRAMHDR_P_DATA_CRC, 0));
	pramhdr_chain_free(c);
	pramhdr_report_free(&rep);
	pramhdr_source_close(src);
	unlink(path);
	img_free(&img);
	return ret;
}

TEST(data_check_in_pieces_on_threads)
{
	unsigned int t;

	for (t = 1; t <= 4; t++) {
		CHECK(walk_long_run(t, 0) == 0);
		/* The last byte: only the last piece of the run sees it. */
		CHECK(walk_long_run(t, 1536 * 4096 - 1) == 1);
		CHECK(walk_long_run(t, 2 * 1024 * 1024) == 1);
	}
}

TEST(misdirected_page)
{
	struct fixture f;
	struct pram_page_hdr *h;

	setup(&f);
	h = img_at(&f.img, f.nodes[0].meta_head);
	h->self = htole64(le64toh(h->self) + 4096);
	img_reseal(&f.img, f.nodes[0].meta_head);
	EXPECT_ONLY(&f, 0, PRAMHDR_P_SELF, 0);
	teardown(&f);
}

TEST(cycle_and_order)
{
	struct fixture f;
	struct pram_page_hdr *h;

	/* A link page pointing at itself: a cycle, caught by seq and length. */
	setup(&f);
	h = img_at(&f.img, f.nodes[1].link_head);
	h->next = htole64(f.nodes[1].link_head);
	img_reseal(&f.img, f.nodes[1].link_head);
	EXPECT_ONLY(&f, 0, PRAMHDR_P_CHAIN, 1);
	teardown(&f);

	setup(&f);
	h = img_at(&f.img, f.nodes[0].phys);
	h->seq = htole32(5);
	img_reseal(&f.img, f.nodes[0].phys);
	EXPECT_ONLY(&f, 0, PRAMHDR_P_SEQ, 0);
	teardown(&f);
}

TEST(truncated_stream)
{
	struct fixture f;
	struct pram_node *n;

	setup(&f);
	n = img_at(&f.img, f.nodes[0].phys);
	n->meta_bytes = htole64(le64toh(n->meta_bytes) + 10);
	img_reseal(&f.img, f.nodes[0].phys);
	EXPECT_ONLY(&f, 0, PRAMHDR_P_COUNT, 0);
	teardown(&f);

	setup(&f);
	n = img_at(&f.img, f.nodes[1].phys);
	n->data_entries = htole64(3);
	img_reseal(&f.img, f.nodes[1].phys);
	EXPECT_ONLY(&f, 0, PRAMHDR_P_COUNT, 1);
	teardown(&f);
}

static struct pram_page_entry *entry(struct fixture *f, int node, int i)
{
	struct pram_page_hdr *h = img_at(&f->img, f->nodes[node].link_head);

	return (struct pram_page_entry *)(h + 1) + i;
}

TEST(bad_runs)
{
	struct fixture f;

	/* Outside RAM. */
	setup(&f);
	entry(&f, 1, 0)->phys = htole64(BASE + SIZE + 4096);
	img_reseal(&f.img, f.nodes[1].link_head);
	EXPECT_ONLY(&f, 0, PRAMHDR_P_UNREADABLE, 1);
	teardown(&f);

	/* A huge-folio run that is not aligned. */
	setup(&f);
	entry(&f, 1, 1)->phys = htole64(le64toh(entry(&f, 1, 1)->phys) + 4096);
	img_reseal(&f.img, f.nodes[1].link_head);
	EXPECT_ONLY(&f, 0, PRAMHDR_P_RUN, 1);
	teardown(&f);

	/* An index that wraps around with the run's length. */
	setup(&f);
	entry(&f, 1, 0)->index = htole64(UINT64_MAX);
	img_reseal(&f.img, f.nodes[1].link_head);
	EXPECT_ONLY(&f, 0, PRAMHDR_P_RUN, 1);
	teardown(&f);

	/* The same page in two nodes: both are suspect. */
	setup(&f);
	entry(&f, 1, 0)->phys = htole64(f.runs0[0].phys);
	img_reseal(&f.img, f.nodes[1].link_head);
	{
		struct pramhdr_report rep = { 0 };
		struct pramhdr_chain *c;

		CHECK(walk(&f, 0, &c, &rep) > 0);
		CHECK(has(&rep, PRAMHDR_P_SHARED, 0));
		CHECK(has(&rep, PRAMHDR_P_SHARED, 1));
		CHECK(!c->nodes[0].ok && !c->nodes[1].ok);
		pramhdr_chain_free(c);
		pramhdr_report_free(&rep);
	}
	teardown(&f);
}

/*
 * A long claim covers two later ones: each is compared with it, not only
 * with its neighbour in address order. Node 1's own small run lies in its
 * huge run, and node 0's run lies further into it: node 0 is suspect too.
 */
TEST(shared_under_a_long_run)
{
	struct pramhdr_report rep = { 0 };
	struct pramhdr_chain *c;
	struct fixture f;
	uint64_t huge;

	setup(&f);
	huge = f.runs1[1].phys;
	entry(&f, 1, 0)->phys = htole64(huge + IMG_PAGE);
	img_reseal(&f.img, f.nodes[1].link_head);
	entry(&f, 0, 0)->phys = htole64(huge + 16 * IMG_PAGE);
	img_reseal(&f.img, f.nodes[0].link_head);
	CHECK(walk(&f, 0, &c, &rep) > 0);
	CHECK(has(&rep, PRAMHDR_P_SHARED, 0));
	CHECK(!c->nodes[0].ok && !c->nodes[1].ok);
	CHECK(c->usable);
	pramhdr_chain_free(c);
	pramhdr_report_free(&rep);
	teardown(&f);
}

TEST(extents)
{
	struct fixture f;
	struct pram_page_hdr *h;
	struct pram_extent *e;

	/* Shrink the only extent: node pages fall outside it. */
	setup(&f);
	h = img_at(&f.img, f.img.ext_head);
	e = (void *)(h + 1);
	e->start = htole64(le64toh(e->start) + 4096);
	e->nr_pages = htole64(le64toh(e->nr_pages) - 1);
	img_reseal(&f.img, f.img.ext_head);
	{
		struct pram_root *r = img_at(&f.img, f.img.root);

		r->nr_pages = htole64(le64toh(r->nr_pages) - 1);
		img_reseal(&f.img, f.img.root);
	}
	EXPECT_ONLY(&f, 0, PRAMHDR_P_OUTSIDE, -1);
	teardown(&f);

	/* Two touching extents are not coalesced: refused. */
	setup(&f);
	h = img_at(&f.img, f.img.ext_head);
	e = (void *)(h + 1);
	e[1].start = htole64(le64toh(e[0].start) + 4096);
	e[1].nr_pages = htole64(le64toh(e[0].nr_pages) - 1);
	e[0].nr_pages = htole64(1);
	h->count = htole32(2);
	img_reseal(&f.img, f.img.ext_head);
	{
		struct pram_root *r = img_at(&f.img, f.img.root);

		r->nr_extents = htole64(2);
		img_reseal(&f.img, f.img.root);
	}
	EXPECT_ONLY(&f, 0, PRAMHDR_P_EXTENT, -1);
	teardown(&f);
}

TEST(names)
{
	struct fixture f;
	struct pram_node *n;
	char longname[PRAM_NAME_MAX + 1];

	setup(&f);
	n = img_at(&f.img, f.nodes[1].phys);
	memset(n->name, 'x', sizeof(n->name));
	n->name_len = htole16(PRAM_NAME_MAX + 1);
	img_reseal(&f.img, f.nodes[1].phys);
	EXPECT_ONLY(&f, 0, PRAMHDR_P_NAME, 1);
	teardown(&f);

	/* A maximal name is fine. */
	memset(longname, 'n', PRAM_NAME_MAX);
	longname[PRAM_NAME_MAX] = '\0';
	setup(&f);
	n = img_at(&f.img, f.nodes[1].phys);
	memcpy(n->name, longname, sizeof(longname));
	n->name_len = htole16(PRAM_NAME_MAX);
	img_reseal(&f.img, f.nodes[1].phys);
	{
		struct pramhdr_report rep = { 0 };
		struct pramhdr_chain *c;

		CHECK(walk(&f, 0, &c, &rep) == 0);
		CHECK(!strcmp(c->nodes[1].name, longname));
		pramhdr_chain_free(c);
	}
	teardown(&f);
}

TEST(empty_and_many_nodes)
{
	struct img img;
	struct img_node nodes[100];
	struct pramhdr_source *src;
	struct pramhdr_report rep = { 0 };
	struct pramhdr_chain *c;
	char names[100][16], path[64];
	int i;

	img_init(&img, BASE, SIZE);
	for (i = 0; i < 100; i++) {
		snprintf(names[i], sizeof(names[i]), "node%d", i);
		nodes[i] = (struct img_node){ .name = names[i] };
	}
	img_build(&img, nodes, 100);
	snprintf(path, sizeof(path), "/tmp/pramhdr-many-%d.img", getpid());
	CHECK(img_write(&img, path) == 0);
	{
		char spec[96];

		snprintf(spec, sizeof(spec), "%s@%#llx", path, BASE);
		CHECK(pramhdr_source_open(&src, spec) == 0);
	}
	CHECK(pramhdr_chain_read(src, img.root, PRAMHDR_VERIFY_DATA, &c, &rep) == 0);
	CHECK(c->nr_nodes == 100);
	CHECK(!strcmp(c->nodes[99].name, "node99"));
	pramhdr_chain_free(c);
	pramhdr_source_close(src);
	unlink(path);
	img_free(&img);
}

static int collect(void *arg, const void *buf, size_t len)
{
	struct recbuf *b = arg;

	b->p = realloc(b->p, b->len + len);
	memcpy(b->p + b->len, buf, len);
	b->len += len;
	return 0;
}

/*
 * The fixture's file, tree @t of chain @c, read from its runs in @src:
 * pages 0-1, a hole at 2, 3, 4-5, then 100 bytes of 5 (imgwriter fills
 * page i with i + 1), in the chain's page size.
 */
static void check_file(struct pramhdr_source *src,
		       const struct pramhdr_chain *c, const struct pramhdr_tree *t)
{
	struct pramhdr_report rep = { 0 };
	size_t page = c->page_size, nr, i;
	struct recbuf out = { 0 };
	struct pramhdr_run *runs;

	CHECK(pramhdr_node_runs(src, &c->nodes[0], &runs, &nr) == 0);
	CHECK(nr == 3);
	CHECK(pramhdr_tree_check_runs(t, runs, nr, c->page_size, 0, &rep) == 0);
	dump(&rep);
	CHECK(pramhdr_file_read(src, runs, nr, &t->files[1], c->page_size,
				collect, &out) == 0);
	CHECK(out.len == 5 * page + 100);
	for (i = 0; i < out.len; i++) {
		size_t pg = i / page;
		int want = pg == 2 ? 0 : (int)(pg + 1);

		if (out.p[i] != want) {
			CHECK(out.p[i] == want);
			break;
		}
	}
	pramhdr_report_free(&rep);
	free(out.p);
	free(runs);
}

TEST(tree_and_file)
{
	struct fixture f;
	struct pramhdr_source *src;
	struct pramhdr_report rep = { 0 };
	struct pramhdr_chain *c;
	struct pramhdr_tree *t;
	size_t len;
	void *meta;

	setup(&f);
	CHECK(walk(&f, 0, &c, &rep) == 0);
	CHECK(pramhdr_source_open_raw(&src, f.path, BASE) == 0);
	CHECK(pramhdr_node_meta(src, &c->nodes[0], &meta, &len) == 0);
	CHECK(len == f.meta.len);
	CHECK(pramhdr_tree_decode(meta, len, 0, &t, &rep) == 0);
	dump(&rep);
	CHECK(t->nr_files == 5);
	CHECK(!strcmp(t->files[0].path, "/"));
	CHECK(!strcmp(t->files[1].path, "/file"));
	CHECK(!strcmp(t->files[2].path, "/dir"));
	CHECK(!strcmp(t->files[3].path, "/dir/link"));
	CHECK(!strcmp(t->files[3].target, "../file"));
	CHECK(!strcmp(t->files[4].path, "/dir/hardlink"));
	CHECK(t->files[4].ino == t->files[1].ino);
	CHECK(t->files[1].mtime == 1700000000LL * 1000000000 + 123456789);

	check_file(src, c, t);
	free(meta);
	pramhdr_tree_free(t);
	pramhdr_chain_free(c);
	pramhdr_source_close(src);
	teardown(&f);
}

/* One regular file of @size bytes whose entries are @first.. @first + @n. */
static struct pramhdr_file reg(uint64_t ino, uint64_t size, uint64_t first,
			       uint64_t n)
{
	struct pramhdr_file f = {
		.path = "/f", .ino = ino, .mode = S_IFREG | 0644,
		.size = size, .first_entry = first, .nr_entries = n,
	};

	return f;
}

/* Problems pramhdr_tree_check_runs() finds in node 2. */
static int run_problems(struct pramhdr_file *files, size_t nr_files,
			struct pramhdr_run *runs, size_t nr_runs)
{
	struct pramhdr_tree t = { .files = files, .nr_files = nr_files };
	struct pramhdr_report rep = { 0 };
	size_t i;
	int n;

	for (i = 0; i < nr_runs; i++)
		t.data_pages += runs[i].nr_pages;
	n = pramhdr_tree_check_runs(&t, runs, nr_runs, 4096, 2, &rep);

	CHECK(n == (int)rep.nr);
	if (n)
		CHECK(has(&rep, PRAMHDR_P_RUN, 2));
	pramhdr_report_free(&rep);
	return n;
}

TEST(file_runs)
{
	/* 6 pages: two runs with a hole between; a hard link repeats it. */
	struct pramhdr_file ok[] = { reg(7, 6 * 4096, 0, 2), reg(7, 6 * 4096, 0, 2),
				     reg(8, 100, 2, 1) };
	struct pramhdr_run runs[] = { { .index = 0, .nr_pages = 2 },
				      { .index = 3, .nr_pages = 3 },
				      { .index = 0, .nr_pages = 1 } };
	struct pramhdr_file f;

	CHECK(run_problems(ok, 3, runs, 3) == 0);
	/* Overlapping, descending, past the end of the file. */
	runs[1].index = 1;
	CHECK(run_problems(ok, 3, runs, 3) > 0);
	runs[1].index = 3;
	runs[2].index = 1;
	CHECK(run_problems(ok, 3, runs, 3) > 0);
	runs[2].index = 0;
	runs[1].nr_pages = 4;
	CHECK(run_problems(ok, 3, runs, 3) > 0);
	runs[1].nr_pages = 3;
	/* Entries the files do not account for, or more than there are. */
	CHECK(run_problems(ok, 2, runs, 3) > 0);
	f = reg(9, 4096, 3, 1);
	CHECK(run_problems(&f, 1, runs, 3) > 0);
}

TEST(bad_records)
{
	struct recbuf b = { 0 };
	struct pramhdr_report rep = { 0 };
	struct pramhdr_tree *t;

	/* An inode never named, then the END record. */
	rec_super(&b, 1);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_inode(&b, 2, S_IFREG | 0644, 0, 0, 0, NULL);
	rec_end(&b, 2, 0, 0);
	CHECK(pramhdr_tree_decode(b.p, b.len, 3, &t, &rep) > 0);
	CHECK(has(&rep, PRAMHDR_P_RECORD, 3));
	pramhdr_tree_free(t);
	pramhdr_report_free(&rep);

	/* END totals wrong. */
	b.len = 0;
	rec_super(&b, 1);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_end(&b, 5, 0, 0);
	CHECK(pramhdr_tree_decode(b.p, b.len, 0, &t, &rep) > 0);
	pramhdr_tree_free(t);
	pramhdr_report_free(&rep);

	/* A name with a slash, and a record longer than the stream. */
	b.len = 0;
	rec_super(&b, 1);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_inode(&b, 2, S_IFREG | 0644, 0, 0, 0, NULL);
	rec_dentry(&b, 1, 2, "a/b");
	rec_end(&b, 2, 1, 0);
	CHECK(pramhdr_tree_decode(b.p, b.len, 0, &t, &rep) > 0);
	pramhdr_tree_free(t);
	pramhdr_report_free(&rep);
	CHECK(pramhdr_tree_decode(b.p, b.len - 9, 0, &t, &rep) > 0);
	pramhdr_tree_free(t);
	pramhdr_report_free(&rep);
	free(b.p);
}

TEST(xattr_records)
{
	struct recbuf b = { 0 };
	struct pramhdr_report rep = { 0 };
	struct pramhdr_tree *t;

	/* Between an INODE and its DENTRY, counted by END. */
	rec_super(&b, 1);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_xattr(&b, 1, "user.root", "r", 1);
	rec_inode(&b, 2, S_IFREG | 0644, 0, 0, 0, NULL);
	rec_xattr(&b, 2, "user.a", "value", 5);
	rec_xattr(&b, 2, "security.selinux", "", 0);
	rec_dentry(&b, 1, 2, "f");
	rec_end_xattrs(&b, 2, 1, 3, 0);
	CHECK(pramhdr_tree_decode(b.p, b.len, 0, &t, &rep) == 0);
	dump(&rep);
	CHECK(t->nr_xattrs == 3 && t->nr_files == 2);
	pramhdr_tree_free(t);

	/* END that does not count them. */
	b.len = 0;
	rec_super(&b, 1);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_xattr(&b, 1, "user.root", "r", 1);
	rec_end(&b, 1, 0, 0);
	CHECK(pramhdr_tree_decode(b.p, b.len, 0, &t, &rep) > 0);
	pramhdr_tree_free(t);
	pramhdr_report_free(&rep);

	/* An attribute of another inode than the one just described. */
	b.len = 0;
	rec_super(&b, 1);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_inode(&b, 2, S_IFREG | 0644, 0, 0, 0, NULL);
	rec_xattr(&b, 1, "user.late", "x", 1);
	rec_dentry(&b, 1, 2, "f");
	rec_end_xattrs(&b, 2, 1, 1, 0);
	CHECK(pramhdr_tree_decode(b.p, b.len, 0, &t, &rep) > 0);
	CHECK(has(&rep, PRAMHDR_P_RECORD, 0));
	pramhdr_tree_free(t);
	pramhdr_report_free(&rep);
	free(b.p);
}

TEST(mountpoint)
{
	struct recbuf b = { 0 };
	struct pramhdr_report rep = { 0 };
	struct pramhdr_tree *t;
	struct pram_rec_super *s;

	rec_super_path(&b, 1, "/var/lib/cache dir");
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_end(&b, 1, 0, 0);
	CHECK(pramhdr_tree_decode(b.p, b.len, 0, &t, &rep) == 0);
	CHECK(t->mountpoint && !strcmp(t->mountpoint, "/var/lib/cache dir"));
	pramhdr_tree_free(t);
	/* With the flags of the mount there; mount options spell them. */
	s = (void *)b.p;
	s->mnt_flags = htole32(PRAM_MNT_NOSUID | PRAM_MNT_NOEXEC);
	CHECK(pramhdr_tree_decode(b.p, b.len, 0, &t, &rep) == 0);
	{
		char opts[256];

		CHECK(t->mnt_flags == (PRAM_MNT_NOSUID | PRAM_MNT_NOEXEC));
		pramhdr_tree_mount_options(t, opts, sizeof(opts));
		CHECK(strstr(opts, ",inode32,nosuid,noexec,strictatime") != NULL);
	}
	pramhdr_tree_free(t);
	/* Flags this reader does not know. */
	s->mnt_flags = htole32(0x80);
	CHECK(pramhdr_tree_decode(b.p, b.len, 0, &t, &rep) > 0);
	pramhdr_tree_free(t);
	pramhdr_report_free(&rep);
	s->mnt_flags = 0;
	/* A path length that disagrees with the record's length. */
	s = (void *)b.p;
	s->path_len = htole16(le16toh(s->path_len) + 1);
	CHECK(pramhdr_tree_decode(b.p, b.len, 0, &t, &rep) > 0);
	pramhdr_tree_free(t);
	pramhdr_report_free(&rep);
	free(b.p);
}

/* Decode @b; expect it clean (0) or with problems (> 0). */
static struct pramhdr_tree *decode(struct recbuf *b, bool clean)
{
	struct pramhdr_report rep = { 0 };
	struct pramhdr_tree *t = NULL;
	int ret = pramhdr_tree_decode(b->p, b->len, 0, &t, &rep);

	CHECK(clean ? ret == 0 : ret > 0);
	if (clean)
		dump(&rep);
	else
		CHECK(has(&rep, PRAMHDR_P_RECORD, 0));
	pramhdr_report_free(&rep);
	return t;
}

/*
 * Counts from a damaged header are checked, never used to size a buffer
 * up front (ASan aborts on such an allocation: the fuzzer found it).
 */
TEST(huge_counts)
{
	struct fixture f;
	struct pramhdr_source *src;
	struct pramhdr_report rep = { 0 };
	struct pramhdr_chain *c;
	struct pramhdr_node n;
	struct pramhdr_run *runs;
	struct pram_root *r;
	size_t len, nr;
	void *meta;

	setup(&f);
	CHECK(walk(&f, 0, &c, &rep) == 0);
	CHECK(pramhdr_source_open_raw(&src, f.path, BASE) == 0);
	n = c->nodes[0];
	n.meta_bytes = n.meta_pages = 0x0101010101010101ULL;
	CHECK(pramhdr_node_meta(src, &n, &meta, &len) == -EBADMSG);
	n = c->nodes[0];
	n.data_entries = n.data_link_pages = 0x0101010101010101ULL;
	CHECK(pramhdr_node_runs(src, &n, &runs, &nr) == -EBADMSG);
	pramhdr_source_close(src);
	pramhdr_chain_free(c);
	teardown(&f);

	setup(&f);
	r = img_at(&f.img, f.img.root);
	r->nr_extents = r->extent_pages = htole64(0x0101010101010101ULL);
	img_reseal(&f.img, f.img.root);
	CHECK(walk(&f, 0, &c, &rep) > 0);
	CHECK(has(&rep, PRAMHDR_P_COUNT, -1) || has(&rep, PRAMHDR_P_CHAIN, -1));
	pramhdr_chain_free(c);
	pramhdr_report_free(&rep);
	teardown(&f);
}

TEST(settings_and_flags)
{
	static const char opts[] =
		"nr_blocks=0,nr_inodes=0,mode=1777,uid=0,gid=0,huge=never,inode32,"
		"mpol=interleave=static:0-1,usrquota,usrquota_block_hardlimit=8388608,"
		"grpquota,grpquota_inode_hardlimit=300";
	struct recbuf b = { 0 };
	struct pramhdr_tree *t;
	struct pram_rec_inode *r;
	char small[8];
	size_t at;

	rec_super(&b, 1);
	rec_mpol(&b, "interleave=static:0-1");
	rec_quota(&b, 3, 8 << 20, 300);
	rec_dquot(&b, PRAM_QUOTA_USR, 1000, 4 << 20, 1800000000);
	rec_dquot(&b, PRAM_QUOTA_GRP, 100, 0, 0);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	at = b.len;
	rec_inode(&b, 2, S_IFREG | 0644, 0, 0, 0, NULL);
	r = (void *)(b.p + at);
	r->flags = htole32(PRAM_INODE_FL_IMMUTABLE | PRAM_INODE_FL_NOATIME);
	rec_dentry(&b, 1, 2, "frozen");
	rec_end(&b, 2, 1, 0);
	t = decode(&b, true);
	CHECK(t->mpol && !strcmp(t->mpol, "interleave=static:0-1"));
	CHECK(t->quota_types == 3 && t->quota_bhardlimit[PRAM_QUOTA_USR] == 8 << 20);
	CHECK(t->quota_ihardlimit[PRAM_QUOTA_GRP] == 300);
	CHECK(t->quota_bgrace[PRAM_QUOTA_USR] == 3600 && t->quota_igrace[PRAM_QUOTA_GRP] == 7200);
	CHECK(t->nr_dquots == 2 && t->dquots[0].id == 1000 &&
	      t->dquots[0].bhardlimit == 4 << 20 && t->dquots[0].bsoftlimit == 2 << 20 &&
	      t->dquots[0].btime == 1800000000 && t->dquots[1].type == PRAM_QUOTA_GRP);
	CHECK(t->nr_files == 2 &&
	      t->files[1].flags == (PRAM_INODE_FL_IMMUTABLE | PRAM_INODE_FL_NOATIME));
	CHECK(pramhdr_tree_mount_options(t, small, sizeof(small)) == (int)strlen(opts));
	CHECK(!strcmp(small, "nr_bloc"));
	{
		char full[sizeof(opts)];

		CHECK(pramhdr_tree_mount_options(t, full, sizeof(full)) == (int)strlen(opts));
		CHECK(!strcmp(full, opts));
	}
	pramhdr_tree_free(t);

	/* Inode flags this format does not define: a newer kernel's. */
	r = (void *)(b.p + at);
	r->flags = htole32(0x1);
	{
		struct pramhdr_report rep = { 0 };

		CHECK(pramhdr_tree_decode(b.p, b.len, 0, &t, &rep) == -EOPNOTSUPP);
		pramhdr_report_free(&rep);
	}
	free(b.p);
}

/* What a newer kernel wrote is not damage: the kernel keeps such trees. */
TEST(newer_format)
{
	struct pramhdr_report rep = { 0 };
	struct recbuf b = { 0 };
	struct pramhdr_tree *t;
	struct pram_rec *rec;
	size_t at;

	rec_super(&b, 1);
	((struct pram_rec_super *)b.p)->version = htole32(PRAM_SHMEM_VERSION + 1);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_end(&b, 1, 0, 0);
	CHECK(pramhdr_tree_decode(b.p, b.len, 0, &t, &rep) == -EOPNOTSUPP);
	CHECK(rep.nr == 0);

	/* A record type past the last one defined... */
	b.len = 0;
	rec_super(&b, 1);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	at = b.len;
	rec_mpol(&b, "bind:0");
	rec_end(&b, 1, 0, 0);
	rec = (void *)(b.p + at);
	rec->type = htole16(PRAM_REC_LAST + 1);
	CHECK(pramhdr_tree_decode(b.p, b.len, 0, &t, &rep) == -EOPNOTSUPP);
	/* ...but type 0 was never defined: damage. */
	rec->type = 0;
	pramhdr_tree_free(decode(&b, false));
	free(b.p);
}

/* Rules the kernel applied and this reader once did not (issue 10). */
TEST(mode_and_target_rules)
{
	struct recbuf b = { 0 };
	struct pram_rec_inode *r;
	size_t at;

	rec_super(&b, 1);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	at = b.len;
	rec_inode(&b, 2, S_IFLNK | 0777, 3, 0, 0, "a/b");
	rec_dentry(&b, 1, 2, "link");
	rec_end(&b, 2, 1, 0);
	pramhdr_tree_free(decode(&b, true));
	r = (void *)(b.p + at);
	((char *)(r + 1))[1] = '\0';
	pramhdr_tree_free(decode(&b, false));
	((char *)(r + 1))[1] = '/';
	r->mode = htole32(0170000 | 0777);
	pramhdr_tree_free(decode(&b, false));
	r->mode = htole32(S_IFLNK | 010000);
	pramhdr_tree_free(decode(&b, false));
	free(b.p);
}

TEST(bad_settings)
{
	struct recbuf b = { 0 };

	/* A setting after the root inode. */
	rec_super(&b, 1);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_mpol(&b, "bind:0");
	rec_end(&b, 1, 0, 0);
	pramhdr_tree_free(decode(&b, false));

	/* Two memory policies. */
	b.len = 0;
	rec_super(&b, 1);
	rec_mpol(&b, "bind:0");
	rec_mpol(&b, "bind:1");
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_end(&b, 1, 0, 0);
	pramhdr_tree_free(decode(&b, false));

	/* Limits before the quota settings. */
	b.len = 0;
	rec_super(&b, 1);
	rec_dquot(&b, PRAM_QUOTA_USR, 1000, 1, 0);
	rec_quota(&b, 1, 0, 0);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_end(&b, 1, 0, 0);
	pramhdr_tree_free(decode(&b, false));

	/* Limits of a type not accounted. */
	b.len = 0;
	rec_super(&b, 1);
	rec_quota(&b, 1, 0, 0);
	rec_dquot(&b, PRAM_QUOTA_GRP, 100, 1, 0);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_end(&b, 1, 0, 0);
	pramhdr_tree_free(decode(&b, false));

	/* No type, or an unknown one. */
	b.len = 0;
	rec_super(&b, 1);
	rec_quota(&b, 4, 0, 0);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_end(&b, 1, 0, 0);
	pramhdr_tree_free(decode(&b, false));

	/* Limits beyond what the quota code takes. */
	b.len = 0;
	rec_super(&b, 1);
	rec_quota(&b, 1, 0, 0);
	rec_dquot(&b, PRAM_QUOTA_USR, 1000, UINT64_MAX, 0);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_end(&b, 1, 0, 0);
	pramhdr_tree_free(decode(&b, false));

	/* A mountpoint that is not an absolute path. */
	b.len = 0;
	rec_super_path(&b, 1, "var/cache");
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_end(&b, 1, 0, 0);
	pramhdr_tree_free(decode(&b, false));
	free(b.p);
}

TEST(short_records_at_the_end)
{
	struct recbuf b = { 0 };
	struct pram_rec *r;
	unsigned char *exact;
	struct pramhdr_report rep = { 0 };
	struct pramhdr_tree *t;
	size_t at;

	/* An inode owned by no one. */
	rec_super(&b, 1);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	at = b.len;
	rec_inode(&b, 2, S_IFREG | 0644, 0, 0, 0, NULL);
	((struct pram_rec_inode *)(b.p + at))->uid = htole32(UINT32_MAX);
	rec_dentry(&b, 1, 2, "f");
	rec_end(&b, 2, 1, 0);
	pramhdr_tree_free(decode(&b, false));

	/*
	 * A header-only DENTRY right after a new inode, at the very end of
	 * an exactly sized buffer: ASan sees any read past its 8 bytes.
	 */
	b.len = 0;
	rec_super(&b, 1);
	rec_inode(&b, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_inode(&b, 2, S_IFREG | 0644, 0, 0, 0, NULL);
	r = (void *)(b.p + b.len);
	rec_end(&b, 2, 1, 0);
	r->type = htole16(PRAM_REC_DENTRY);
	r->len = htole32(sizeof(*r));
	b.len = (size_t)((unsigned char *)r - b.p) + sizeof(*r);
	exact = malloc(b.len);
	CHECK(exact != NULL);
	memcpy(exact, b.p, b.len);
	CHECK(pramhdr_tree_decode(exact, b.len, 0, &t, &rep) > 0);
	pramhdr_tree_free(t);
	pramhdr_report_free(&rep);
	free(exact);
	free(b.p);
}

TEST(kdump_compressed_refused)
{
	char path[64];
	struct pramhdr_source *src;
	FILE *fp;

	snprintf(path, sizeof(path), "/tmp/pramhdr-kdump-%d", getpid());
	fp = fopen(path, "wb");
	CHECK(fp && fwrite("KDUMP   \0\0\0\0\0\0\0\0", 1, 16, fp) == 16);
	fclose(fp);
	CHECK(pramhdr_source_open_elf(&src, path) == -EPROTONOSUPPORT);
	CHECK(strstr(pramhdr_strerror(-EPROTONOSUPPORT), "makedumpfile -E"));
	CHECK(pramhdr_source_open_elf(&src, "/nonexistent") == -ENOENT);
	unlink(path);
}

/*
 * Chains of 16 KiB and 64 KiB pages (arm64 kernels) read as well as those
 * of 4 KiB: every structure and CRC in the root's page size, a file's
 * pages at page-size offsets. A root that claims another page size than
 * its pages have fails its CRC; one out of range is refused as such.
 */
TEST(page_sizes)
{
	static const uint32_t shifts[] = { 14, 16 };

	for (size_t k = 0; k < sizeof(shifts) / sizeof(shifts[0]); k++) {
		uint32_t shift = shifts[k];
		size_t page = (size_t)1 << shift, len;
		struct pramhdr_report rep = { 0 };
		struct pramhdr_source *src;
		struct pramhdr_chain *c;
		struct pramhdr_tree *t;
		struct pram_root *r;
		struct fixture f;
		void *meta;

		setup_pages(&f, shift);
		CHECK(walk(&f, PRAMHDR_VERIFY_DATA, &c, &rep) == 0);
		dump(&rep);
		CHECK(c->page_size == page);
		CHECK(c->nr_nodes == 2 && c->nodes[0].ok && c->nodes[1].ok);
		CHECK(c->nodes[0].data_checked && !c->nodes[0].data_bad);
		CHECK(c->nodes[1].data_checked && c->nodes[1].data_pages == 36);

		CHECK(pramhdr_source_open_raw(&src, f.path, BASE) == 0);
		CHECK(pramhdr_node_meta(src, &c->nodes[0], &meta, &len) == 0);
		CHECK(pramhdr_tree_decode(meta, len, 0, &t, &rep) == 0);
		check_file(src, c, t);
		free(meta);
		pramhdr_tree_free(t);
		pramhdr_chain_free(c);
		pramhdr_source_close(src);

		/*
		 * The root says 4 KiB, sealed over its whole page: a reader
		 * that takes the CRC over the page size the root gives finds
		 * it wrong.
		 */
		r = img_at(&f.img, f.img.root);
		r->page_shift = htole32(12);
		img_reseal(&f.img, f.img.root);
		EXPECT_ONLY(&f, 0, PRAMHDR_P_CRC, -1);
		/* 128 KiB pages: not a page size the format knows. */
		r->page_shift = htole32(17);
		img_reseal(&f.img, f.img.root);
		EXPECT_ONLY(&f, 0, PRAMHDR_P_VERSION, -1);
		teardown(&f);
	}
}

/* The same chain through an ELF core cut into @chunk-byte segments. */
static void elf_roundtrip(size_t chunk, size_t extra_null)
{
	struct fixture f;
	struct pramhdr_source *src;
	struct pramhdr_report rep = { 0 };
	struct pramhdr_chain *c;
	char path[64];

	setup(&f);
	snprintf(path, sizeof(path), "/tmp/pramhdr-core-%d.elf", getpid());
	CHECK(elfcore_write(path, f.img.mem, f.img.base, f.img.size, chunk,
			    extra_null) == 0);
	CHECK(pramhdr_source_open_elf(&src, path) == 0);
	CHECK(pramhdr_chain_read(src, f.img.root, PRAMHDR_VERIFY_DATA, &c, &rep) == 0);
	dump(&rep);
	CHECK(c->nr_nodes == 2 && c->nodes[1].ok && c->nodes[1].data_checked);
	CHECK(pramhdr_source_has(src, f.img.base, f.img.size));
	CHECK(!pramhdr_source_has(src, f.img.base + f.img.size, 1));
	pramhdr_chain_free(c);
	pramhdr_source_close(src);
	unlink(path);
	teardown(&f);
}

TEST(elf_core)
{
	/* A few big segments and non-RAM segments (p_paddr -1) to skip. */
	elf_roundtrip(3 << 20, 5);
}

TEST(elf_core_pn_xnum)
{
	/* 120-byte segments: about 70,000 program headers, past PN_XNUM. */
	elf_roundtrip(120, 0);
}

TEST_MAIN
