// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * Walk and check a PRAM chain: the root, the extent table, every node.
 *
 * The rules each structure obeys on its own are pram_format.h's, the same
 * code the kernel runs. What needs context - chain lengths, totals, pages
 * used twice - is checked here, written from docs/format.md rather than
 * from the kernel's loader, and tests/fuzz/diff holds the two to the same
 * verdicts. Every page is read once into a private buffer and checked
 * before anything in it is used; loops are bounded by the counts the root
 * and node headers give, and pages used twice are found by sorting every
 * claimed range.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A page range claimed by a structure of the chain. */
struct claim {
	uint64_t start, end;
	int node;		/* -1: root and extent table */
};

struct walk {
	struct pramhdr_source *src;
	struct pramhdr_report *rep;
	struct pramhdr_chain *chain;
	uint32_t page_size;
	uint32_t page_shift;
	unsigned char *page;	/* one page buffer */
	struct claim *claims;
	uint64_t nr_claims;
	size_t cap_claims;
	unsigned int flags;
	const struct pramhdr_read_opts *opts;
	struct data_run *runs;	/* to check, with PRAMHDR_VERIFY_DATA */
	size_t nr_runs, cap_runs;
	int problems;
	int hidden;		/* of them, extents not in the source's RAM */
};

#define problem(w, kind, node, phys, off, ...)                               \
	do {                                                                 \
		report_add((w)->rep, kind, node, phys, off, __VA_ARGS__);    \
		(w)->problems++;                                             \
	} while (0)

#define ROOT_AT(field) ((uint32_t)offsetof(struct pram_root, field))
#define NODE_AT(field) ((uint32_t)offsetof(struct pram_node, field))
#define HDR_AT(field) ((uint32_t)offsetof(struct pram_page_hdr, field))

static int claim(struct walk *w, uint64_t start, uint64_t pages, int node)
{
	struct claim *c;
	int err;

	err = grow_array((void **)&w->claims, &w->cap_claims, w->nr_claims + 1,
			 sizeof(*w->claims));
	if (err)
		return err;
	c = &w->claims[w->nr_claims++];
	c->start = start;
	c->end = start + pages * w->page_size;
	c->node = node;
	return 0;
}

static const char *magic_name(uint32_t magic)
{
	switch (magic) {
	case PRAM_MAGIC_ROOT: return "root";
	case PRAM_MAGIC_STALE: return "stale root";
	case PRAM_MAGIC_EXTENT: return "extent table";
	case PRAM_MAGIC_NODE: return "node";
	case PRAM_MAGIC_BYTES: return "byte stream";
	case PRAM_MAGIC_LINK: return "link";
	}
	return "unknown";
}

/* Say what pram_page_check() found wrong with the page in w->page. */
static void page_problem(struct walk *w, enum pram_page_fault f,
			 uint64_t phys, uint32_t magic, uint32_t seq, int node)
{
	const struct pram_page_hdr *hdr = (const void *)w->page;
	const char *what = magic_name(magic);

	switch (f) {
	case PRAM_PAGE_OK:
		return;
	case PRAM_PAGE_MAGIC:
		problem(w, PRAMHDR_P_MAGIC, node, phys, HDR_AT(magic),
			"expected a %s page (magic %#x), found magic %#x (%s)",
			what, magic, le32(hdr->magic),
			magic_name(le32(hdr->magic)));
		return;
	case PRAM_PAGE_CRC:
		problem(w, PRAMHDR_P_CRC, node, phys, HDR_AT(crc),
			"%s page CRC is %#x, contents give %#x", what,
			le32(hdr->crc),
			pram_page_crc(w->page, w->page_size, crc32c_update));
		return;
	case PRAM_PAGE_SELF:
		problem(w, PRAMHDR_P_SELF, node, phys, HDR_AT(self),
			"%s page records address %#" PRIx64, what,
			(uint64_t)le64(hdr->self));
		return;
	case PRAM_PAGE_SEQ:
		problem(w, PRAMHDR_P_SEQ, node, phys, HDR_AT(seq),
			"%s page is number %u of its chain, found where %u belongs",
			what, le32(hdr->seq), seq);
		return;
	case PRAM_PAGE_COUNT:
		problem(w, PRAMHDR_P_COUNT, node, phys, HDR_AT(count),
			"%s page has count %u (at most %u; byte stream pages before the last are full, extent table pages not empty)",
			what, le32(hdr->count),
			pram_page_max_count(magic, w->page_size));
		return;
	}
}

/*
 * Read the metadata page at @phys into w->page and check it. Returns 0 if
 * the page can be used, 1 if it is bad (a problem was recorded), <0 on an
 * error of the library itself.
 */
static int read_page(struct walk *w, uint64_t phys, uint32_t magic,
		     uint32_t seq, int node)
{
	enum pram_page_fault f;
	int err;

	if (phys % w->page_size) {
		problem(w, PRAMHDR_P_CHAIN, node, phys, 0,
			"%s page address is not page aligned", magic_name(magic));
		return 1;
	}
	err = pramhdr_source_read(w->src, phys, w->page, w->page_size);
	if (err == -EFAULT) {
		problem(w, PRAMHDR_P_UNREADABLE, node, phys, 0,
			"%s page is outside the memory of the source",
			magic_name(magic));
		return 1;
	}
	if (err)
		return err;
	f = pram_page_check(w->page, w->page_size, magic, phys, seq,
			    crc32c_update);
	page_problem(w, f, phys, magic, seq, node);
	return f != PRAM_PAGE_OK;
}

/* The extents of the table page in w->page, appended to the chain's. */
static int take_extents(struct walk *w, uint64_t p, uint64_t want,
			size_t *cap, uint64_t *prev_end)
{
	const struct pram_page_hdr *hdr = (const void *)w->page;
	const struct pram_extent *e = (const void *)(hdr + 1);
	struct pramhdr_chain *c = w->chain;
	uint32_t n = le32(hdr->count), j;
	int err;

	if (c->nr_extents + n > want) {
		problem(w, PRAMHDR_P_COUNT, -1, p, HDR_AT(count),
			"extent table holds more than the %" PRIu64 " extents the root gives",
			want);
		return 1;
	}
	for (j = 0; j < n; j++) {
		uint32_t off = sizeof(*hdr) + j * sizeof(*e);
		const char *why = pram_extent_check(&e[j], *prev_end,
						    w->page_shift);
		uint64_t s = le64(e[j].start), end;

		if (why) {
			problem(w, PRAMHDR_P_EXTENT, -1, p, off,
				"%s: %#" PRIx64 "+%" PRIu64 " pages after one ending at %#" PRIx64,
				why, s, (uint64_t)le64(e[j].nr_pages), *prev_end);
			return 1;
		}
		end = pram_extent_end(&e[j], w->page_shift);
		/* A kernel skips such an extent and drops its nodes. */
		if (!pramhdr_source_has(w->src, s, end - s)) {
			problem(w, PRAMHDR_P_UNREADABLE, -1, s, 0,
				"extent %#" PRIx64 "-%#" PRIx64 " is not all in RAM",
				s, end - 1);
			w->hidden++;
		}
		*prev_end = end;
		err = grow_array((void **)&c->extents, cap, c->nr_extents + 1,
				 sizeof(*c->extents));
		if (err)
			return err;
		c->extents[c->nr_extents][0] = s;
		c->extents[c->nr_extents][1] = end;
		c->nr_extents++;
		c->nr_pages += le64(e[j].nr_pages);
	}
	return 0;
}

static int walk_extents(struct walk *w, const struct pram_root *root)
{
	struct pramhdr_chain *c = w->chain;
	uint64_t p = le64(root->extent_head), pages = le64(root->extent_pages);
	uint64_t want = le64(root->nr_extents), prev_end = 0, i;
	size_t cap = 0;
	int err;

	for (i = 0; i < pages; i++) {
		if (!p) {
			problem(w, PRAMHDR_P_CHAIN, -1, 0, 0,
				"extent table ends after %" PRIu64 " of %" PRIu64 " pages",
				i, pages);
			return 0;
		}
		err = read_page(w, p, PRAM_MAGIC_EXTENT, i, -1);
		if (!err)
			err = claim(w, p, 1, -1);
		if (!err)
			err = take_extents(w, p, want, &cap, &prev_end);
		if (err)
			return err < 0 ? err : 0;
		p = le64(((const struct pram_page_hdr *)w->page)->next);
	}
	if (p)
		problem(w, PRAMHDR_P_CHAIN, -1, p, 0,
			"extent table is longer than the %" PRIu64 " pages the root gives",
			pages);
	if (c->nr_extents != want || c->nr_pages != le64(root->nr_pages))
		problem(w, PRAMHDR_P_COUNT, -1, c->root_phys, ROOT_AT(nr_pages),
			"extent table has %" PRIu64 " extents of %" PRIu64 " pages, root says %" PRIu64 " of %" PRIu64,
			c->nr_extents, c->nr_pages, want,
			(uint64_t)le64(root->nr_pages));
	return 0;
}

/* Walk one metadata chain of a node; sums the pages' counts. */
static int walk_chain(struct walk *w, int node, uint64_t p, uint64_t pages,
		      uint32_t magic, uint64_t *total)
{
	const struct pram_page_hdr *hdr = (const void *)w->page;
	uint64_t i;
	int err;

	*total = 0;
	for (i = 0; i < pages; i++) {
		if (!p) {
			problem(w, PRAMHDR_P_CHAIN, node, 0, 0,
				"%s chain ends after %" PRIu64 " of %" PRIu64 " pages",
				magic_name(magic), i, pages);
			return 1;
		}
		err = read_page(w, p, magic, i, node);
		if (!err)
			err = claim(w, p, 1, node);
		if (err)
			return err;
		*total += le32(hdr->count);
		p = le64(hdr->next);
	}
	if (p) {
		problem(w, PRAMHDR_P_CHAIN, node, p, 0,
			"%s chain is longer than the %" PRIu64 " pages the node gives",
			magic_name(magic), pages);
		return 1;
	}
	return 0;
}

/* Keep a run whose data CRC is to be checked (check_data()). */
static int add_data_run(struct walk *w, int node,
			const struct pram_page_entry *e, uint64_t link,
			uint32_t off)
{
	struct data_run *r;

	if (w->nr_runs == w->cap_runs) {
		size_t cap = w->cap_runs ? 2 * w->cap_runs : 64;
		struct data_run *runs = realloc(w->runs, cap * sizeof(*runs));

		if (!runs)
			return -ENOMEM;
		w->runs = runs;
		w->cap_runs = cap;
	}
	r = &w->runs[w->nr_runs++];
	r->phys = le64(e->phys);
	r->nr_pages = le32(e->nr_pages);
	r->len = r->nr_pages * (uint64_t)w->page_size;
	r->crc = le32(e->crc);
	r->index = le64(e->index);
	r->node = node;
	r->link = link;
	r->off = off;
	return 0;
}

/* Read every run kept by add_data_run() and compare its CRC. */
static int check_data(struct walk *w)
{
	int err = verify_runs(w->src, w->runs, w->nr_runs, w->opts);
	size_t i;

	for (i = 0; !err && i < w->nr_runs; i++) {
		const struct data_run *r = &w->runs[i];

		/* Not all readable: reported as a run outside RAM already. */
		if (r->err == -EFAULT || r->err == -EIO)
			continue;
		err = r->err;
		if (!err && r->got != r->crc) {
			problem(w, PRAMHDR_P_DATA_CRC, r->node, r->link, r->off,
				"data run %#" PRIx64 "+%" PRIu32 " pages (index %" PRIu64 ") has CRC %#x, saved %#x",
				r->phys, r->nr_pages, r->index, r->got, r->crc);
			w->chain->nodes[r->node].data_bad++;
		}
	}
	return err;
}

/* One page stream entry: well-formed, in RAM, claimed, maybe its data. */
static int check_run(struct walk *w, int node,
		     const struct pram_page_entry *e, uint64_t link,
		     uint32_t off, uint64_t *pages)
{
	uint64_t phys = le64(e->phys), np = le32(e->nr_pages);
	const char *why = pram_run_check(e, w->page_shift);
	int err;

	if (why) {
		problem(w, PRAMHDR_P_RUN, node, link, off,
			"%s: %#" PRIx64 "+%" PRIu64 " pages, order %u, index %" PRIu64,
			why, phys, np, e->order, (uint64_t)le64(e->index));
		return 0;
	}
	if (!pramhdr_source_has(w->src, phys, np * w->page_size)) {
		problem(w, PRAMHDR_P_UNREADABLE, node, link, off,
			"data run %#" PRIx64 "+%" PRIu64 " pages is not all in RAM",
			phys, np);
		return 0;
	}
	err = claim(w, phys, np, node);
	if (!err && (w->flags & PRAMHDR_VERIFY_DATA))
		err = add_data_run(w, node, e, link, off);
	if (!err)
		*pages += np;
	return err;
}

static int walk_runs(struct walk *w, struct pramhdr_node *n, int node)
{
	const struct pram_page_hdr *hdr = (const void *)w->page;
	uint32_t per = pram_page_max_count(PRAM_MAGIC_LINK, w->page_size);
	uint64_t p = n->data_head, pages = 0, i;
	struct pram_page_entry *copy;
	int err = 0;

	copy = malloc(per * sizeof(*copy));
	if (!copy)
		return -ENOMEM;
	/* The link chain itself was checked; read its pages again. */
	for (i = 0; p && i < n->data_link_pages && !err; i++) {
		uint32_t cnt, j;
		uint64_t next;

		err = pramhdr_source_read(w->src, p, w->page, w->page_size);
		if (err)
			break;
		cnt = le32(hdr->count);
		next = le64(hdr->next);
		memcpy(copy, hdr + 1, cnt * sizeof(*copy));
		for (j = 0; j < cnt && !err; j++)
			err = check_run(w, node, &copy[j], p,
					sizeof(*hdr) + j * sizeof(*copy), &pages);
		p = next;
	}
	free(copy);
	if (err)
		return err;
	if (pages != n->data_pages)
		problem(w, PRAMHDR_P_COUNT, node, n->phys, NODE_AT(data_pages),
			"runs cover %" PRIu64 " pages, the node says %" PRIu64,
			pages, n->data_pages);
	n->data_checked = w->flags & PRAMHDR_VERIFY_DATA;
	return 0;
}

static void take_node_fields(struct pramhdr_node *n, const struct pram_node *nd)
{
	n->type = le32(nd->type);
	n->generation = le64(nd->generation);
	n->saved_time = le64(nd->saved_time);
	n->meta_head = le64(nd->meta_head);
	n->meta_pages = le64(nd->meta_pages);
	n->meta_bytes = le64(nd->meta_bytes);
	n->data_head = le64(nd->data_head);
	n->data_link_pages = le64(nd->data_link_pages);
	n->data_entries = le64(nd->data_entries);
	n->data_pages = le64(nd->data_pages);
	memcpy(n->name, nd->name, sizeof(n->name) - 1);
	n->name[sizeof(n->name) - 1] = '\0';
}

/* The node's two chains, their totals and its runs. */
static int walk_node_streams(struct walk *w, struct pramhdr_node *n, int idx)
{
	uint64_t total;
	int err;

	err = walk_chain(w, idx, n->meta_head, n->meta_pages, PRAM_MAGIC_BYTES,
			 &total);
	if (err < 0)
		return err;
	if (!err && total != n->meta_bytes)
		problem(w, PRAMHDR_P_COUNT, idx, n->phys, NODE_AT(meta_bytes),
			"byte stream holds %" PRIu64 " bytes, the node says %" PRIu64,
			total, n->meta_bytes);
	err = walk_chain(w, idx, n->data_head, n->data_link_pages,
			 PRAM_MAGIC_LINK, &total);
	if (err)
		return err < 0 ? err : 0;
	if (total != n->data_entries) {
		problem(w, PRAMHDR_P_COUNT, idx, n->phys, NODE_AT(data_entries),
			"page stream holds %" PRIu64 " entries, the node says %" PRIu64,
			total, n->data_entries);
		return 0;
	}
	return walk_runs(w, n, idx);
}

/*
 * Returns 0 when the walk can go on to the node @next points to, 1 when
 * the node page itself is bad (the chain ends here), <0 on errors.
 */
static int walk_node(struct walk *w, uint64_t p, int idx, uint64_t *next)
{
	const struct pram_node *nd = (const void *)w->page;
	struct pramhdr_node *n = &w->chain->nodes[idx];
	int before = w->problems, err;
	const char *why;

	*next = 0;
	n->phys = p;
	n->page_size = w->page_size;
	err = read_page(w, p, PRAM_MAGIC_NODE, idx, idx);
	if (!err)
		err = claim(w, p, 1, idx);
	if (err)
		return err;
	*next = le64(nd->hdr.next);
	take_node_fields(n, nd);
	why = pram_node_check(nd);
	if (why)
		problem(w, PRAMHDR_P_NAME, idx, p, NODE_AT(name),
			"%s (length %u)", why, le16(nd->name_len));
	err = walk_node_streams(w, n, idx);
	if (err)
		return err;
	n->ok = w->problems == before;
	return 0;
}

/* Does one extent hold all of [start, end)? */
static bool in_extents(const struct pramhdr_chain *c, uint64_t start,
		       uint64_t end)
{
	uint64_t lo = 0, hi = c->nr_extents;

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (c->extents[mid][1] <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nr_extents && c->extents[lo][0] <= start &&
	       end <= c->extents[lo][1];
}

/*
 * The root and the extent table lie in the extents: the decompressor of
 * the next kernel keeps KASLR off the extents only. So far the claims are
 * just theirs.
 */
static void check_table_covered(struct walk *w)
{
	uint64_t i;

	for (i = 0; i < w->nr_claims; i++) {
		const struct claim *cl = &w->claims[i];

		if (in_extents(w->chain, cl->start, cl->end))
			continue;
		problem(w, PRAMHDR_P_OUTSIDE, -1, cl->start, 0,
			"table page %#" PRIx64 " is not covered by the extent table",
			cl->start);
		w->chain->usable = false;
	}
}

static int cmp_claim(const void *a, const void *b)
{
	const struct claim *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static void report_shared(struct walk *w, const struct claim *a,
			  const struct claim *b)
{
	problem(w, PRAMHDR_P_SHARED, b->node, b->start, 0,
		"page %#" PRIx64 " is also used by %s %d", b->start,
		a->node < 0 ? "table" : "node", a->node);
	if (a->node != b->node)
		problem(w, PRAMHDR_P_SHARED, a->node, b->start, 0,
			"page %#" PRIx64 " is also used by %s %d", b->start,
			b->node < 0 ? "table" : "node", b->node);
}

/*
 * Every node's claims inside the extents, and no page claimed twice: a
 * page used twice makes both users suspect. Claims are compared with the
 * one reaching furthest so far, not just the one before: a long claim
 * may cover several after it.
 */
static void check_claims(struct walk *w)
{
	struct pramhdr_chain *c = w->chain;
	const struct claim *far = NULL;
	uint64_t i;

	qsort(w->claims, w->nr_claims, sizeof(*w->claims), cmp_claim);
	for (i = 0; i < w->nr_claims; i++) {
		const struct claim *cl = &w->claims[i];

		if (far && cl->start < far->end)
			report_shared(w, far, cl);
		if (!far || cl->end > far->end)
			far = cl;
		if (cl->node >= 0 && !in_extents(c, cl->start, cl->end))
			problem(w, PRAMHDR_P_OUTSIDE, cl->node, cl->start, 0,
				"pages %#" PRIx64 "-%#" PRIx64 " are not covered by the extent table",
				cl->start, cl->end - 1);
	}
	for (i = 0; i < w->rep->nr; i++) {
		int node = w->rep->problems[i].node;

		if (node >= 0 && (size_t)node < c->nr_nodes)
			c->nodes[node].ok = false;
	}
}

/*
 * Read the root into @root and check its fields and its page. Returns 0
 * when the chain can be walked, 1 when it cannot (a problem says why),
 * -ENOENT when there is no root at all, other errors <0.
 */
static int read_root(struct walk *w, uint64_t phys, struct pram_root *root)
{
	struct pramhdr_chain *c = w->chain;
	uint32_t magic;
	const char *why;
	int err;

	err = pramhdr_source_read(w->src, phys, root, sizeof(*root));
	if (err)
		return err;
	magic = le32(root->hdr.magic);
	if (magic != PRAM_MAGIC_ROOT && magic != PRAM_MAGIC_STALE)
		return -ENOENT;
	why = pram_root_check(root);
	if (why) {
		bool version = le32(root->version) != PRAM_FORMAT_VERSION ||
			       le32(root->page_shift) < PRAM_PAGE_SHIFT_MIN ||
			       le32(root->page_shift) > PRAM_PAGE_SHIFT_MAX;

		problem(w, version ? PRAMHDR_P_VERSION : PRAMHDR_P_COUNT, -1,
			phys, version ? ROOT_AT(version) : 0,
			"%s: version %u, page shift %u, %" PRIu64 " nodes, %" PRIu64 " extents in %" PRIu64 " pages (this reader knows version %u)",
			why, le32(root->version), le32(root->page_shift),
			(uint64_t)le64(root->nr_nodes),
			(uint64_t)le64(root->nr_extents),
			(uint64_t)le64(root->extent_pages), PRAM_FORMAT_VERSION);
		return 1;
	}
	w->page_shift = le32(root->page_shift);
	w->page_size = c->page_size = 1U << w->page_shift;
	w->page = malloc(w->page_size);
	if (!w->page)
		return -ENOMEM;
	c->stale = magic == PRAM_MAGIC_STALE;
	c->generation = le64(root->generation);
	if (c->stale)
		problem(w, PRAMHDR_P_STALE, -1, phys, 0,
			"the root was already taken over by a kernel (magic DEAD): nothing here is preserved any more");
	err = read_page(w, phys, magic, 0, -1);
	if (!err)
		err = claim(w, phys, 1, -1);
	return err;
}

static int walk_nodes(struct walk *w, const struct pram_root *root)
{
	struct pramhdr_chain *c = w->chain;
	uint64_t nr_nodes = le64(root->nr_nodes), p, i;
	int err;

	c->nodes = calloc(nr_nodes ? nr_nodes : 1, sizeof(*c->nodes));
	if (!c->nodes)
		return -ENOMEM;
	p = le64(root->node_head);
	for (i = 0; i < nr_nodes; i++) {
		uint64_t first = w->nr_claims;

		if (!p) {
			problem(w, PRAMHDR_P_CHAIN, -1, c->root_phys,
				ROOT_AT(node_head),
				"node chain ends after %" PRIu64 " of %" PRIu64 " nodes",
				i, nr_nodes);
			return 0;
		}
		c->nr_nodes = i + 1;
		err = walk_node(w, p, i, &p);
		if (err < 0)
			return err;
		/* A damaged node's pointers claim nothing but its page. */
		if (!c->nodes[i].ok && w->nr_claims > first)
			w->nr_claims = first + 1;
		if (err)
			return 0;
	}
	if (p)
		problem(w, PRAMHDR_P_CHAIN, -1, p, 0,
			"node chain is longer than the %" PRIu64 " nodes the root gives",
			nr_nodes);
	return 0;
}

static int walk_root(struct walk *w, uint64_t root_phys)
{
	struct pram_root root;
	int err;

	err = read_root(w, root_phys, &root);
	if (!err)
		err = walk_extents(w, &root);
	if (err)
		return err < 0 ? err : 0;
	/* What the kernel checks before it reserves anything. */
	w->chain->usable = !w->problems || (w->problems == w->hidden &&
					    !w->chain->stale);
	check_table_covered(w);
	err = walk_nodes(w, &root);
	if (!err && (w->flags & PRAMHDR_VERIFY_DATA))
		err = check_data(w);
	if (err)
		return err;
	check_claims(w);
	return 0;
}

int pramhdr_chain_read(struct pramhdr_source *src, uint64_t root,
		       unsigned int flags, struct pramhdr_chain **chainp,
		       struct pramhdr_report *rep)
{
	const struct pramhdr_read_opts opts = { .flags = flags };

	return pramhdr_chain_read_opts(src, root, &opts, chainp, rep);
}

int pramhdr_chain_read_opts(struct pramhdr_source *src, uint64_t root,
			    const struct pramhdr_read_opts *opts,
			    struct pramhdr_chain **chainp,
			    struct pramhdr_report *rep)
{
	struct walk w = { .src = src, .rep = rep, .flags = opts->flags, .opts = opts };
	int err;

	if (root % 4096)
		return -EINVAL;
	w.chain = calloc(1, sizeof(*w.chain));
	if (!w.chain)
		return -ENOMEM;
	w.chain->root_phys = root;
	err = walk_root(&w, root);
	free(w.page);
	free(w.claims);
	free(w.runs);
	if (err < 0) {
		pramhdr_chain_free(w.chain);
		return err;
	}
	*chainp = w.chain;
	return w.problems;
}

void pramhdr_chain_free(struct pramhdr_chain *chain)
{
	if (!chain)
		return;
	free(chain->extents);
	free(chain->nodes);
	free(chain);
}
