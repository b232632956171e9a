// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * Walk and check a PRAM chain: the root, the extent table, every node.
 *
 * Written from the format specification (docs/format.md), independently
 * of the kernel code that writes and reads the chain, so that it is a
 * second opinion. Every page is read once into a private buffer and
 * checked before anything in it is used; loops are bounded by the counts
 * the root and node headers give, and pages used twice are found by
 * sorting every claimed range.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_NODES	4096
#define MAX_ORDER	20

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
	unsigned char *page;	/* one page buffer */
	struct claim *claims;
	size_t nr_claims, cap_claims;
	unsigned int flags;
	int problems;
};

#define problem(w, kind, node, phys, off, ...)                               \
	do {                                                                 \
		report_add((w)->rep, kind, node, phys, off, __VA_ARGS__);    \
		(w)->problems++;                                             \
	} while (0)

static int claim(struct walk *w, uint64_t start, uint64_t pages, int node)
{
	if (w->nr_claims == w->cap_claims) {
		size_t cap = w->cap_claims ? 2 * w->cap_claims : 256;
		struct claim *c = realloc(w->claims, cap * sizeof(*c));

		if (!c)
			return -ENOMEM;
		w->claims = c;
		w->cap_claims = cap;
	}
	w->claims[w->nr_claims].start = start;
	w->claims[w->nr_claims].end = start + pages * w->page_size;
	w->claims[w->nr_claims].node = node;
	w->nr_claims++;
	return 0;
}

static uint32_t page_crc(const unsigned char *page, uint32_t size)
{
	static const unsigned char zero[4];
	uint32_t crc;

	crc = pramhdr_crc32c(0, page, offsetof(struct pram_page_hdr, crc));
	crc = pramhdr_crc32c(crc, zero, sizeof(zero));
	return pramhdr_crc32c(crc, page + offsetof(struct pram_page_hdr, self),
			      size - offsetof(struct pram_page_hdr, self));
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

/*
 * Read the metadata page at @phys into w->page and check it. Returns 0 if
 * the page can be used, 1 if it is bad (a problem was recorded), <0 on an
 * error of the library itself.
 */
static int read_page(struct walk *w, uint64_t phys, uint32_t magic,
		     uint32_t seq, int node)
{
	const struct pram_page_hdr *hdr = (const void *)w->page;
	uint32_t got;
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
	got = le32(hdr->magic);
	if (got != magic) {
		problem(w, PRAMHDR_P_MAGIC, node, phys, 0,
			"expected a %s page (magic %#x), found magic %#x (%s)",
			magic_name(magic), magic, got, magic_name(got));
		return 1;
	}
	if (le32(hdr->crc) != page_crc(w->page, w->page_size)) {
		problem(w, PRAMHDR_P_CRC, node, phys, 4,
			"%s page CRC is %#x, contents give %#x",
			magic_name(magic), le32(hdr->crc),
			page_crc(w->page, w->page_size));
		return 1;
	}
	if (le64(hdr->self) != phys) {
		problem(w, PRAMHDR_P_SELF, node, phys, 8,
			"%s page records address %#" PRIx64,
			magic_name(magic), (uint64_t)le64(hdr->self));
		return 1;
	}
	if (le32(hdr->seq) != seq) {
		problem(w, PRAMHDR_P_SEQ, node, phys, 24,
			"%s page is number %u of its chain, found where %u belongs",
			magic_name(magic), le32(hdr->seq), seq);
		return 1;
	}
	return 0;
}

static int walk_extents(struct walk *w, const struct pram_root *root)
{
	struct pramhdr_chain *c = w->chain;
	uint64_t per = (w->page_size - sizeof(struct pram_page_hdr)) /
		       sizeof(struct pram_extent);
	uint64_t p = le64(root->extent_head), pages = le64(root->extent_pages);
	uint64_t want = le64(root->nr_extents), total = 0, prev_end = 0, i;
	uint64_t cap = 0;
	int err;

	if (!want || pages > want || pages < (want + per - 1) / per) {
		problem(w, PRAMHDR_P_COUNT, -1, w->chain->root_phys, 64,
			"root says %" PRIu64 " extents in %" PRIu64 " pages",
			want, pages);
		return 0;
	}
	for (i = 0; i < pages; i++) {
		const struct pram_page_hdr *hdr = (const void *)w->page;
		const struct pram_extent *e = (const void *)(hdr + 1);
		uint32_t n, j;

		if (!p) {
			problem(w, PRAMHDR_P_CHAIN, -1, 0, 0,
				"extent table ends after %" PRIu64 " of %" PRIu64 " pages",
				i, pages);
			return 0;
		}
		err = read_page(w, p, PRAM_MAGIC_EXTENT, i, -1);
		if (err)
			return err < 0 ? err : 0;
		err = claim(w, p, 1, -1);
		if (err)
			return err;
		n = le32(hdr->count);
		if (!n || n > per || c->nr_extents + n > want) {
			problem(w, PRAMHDR_P_COUNT, -1, p, 28,
				"extent table page holds %u extents", n);
			return 0;
		}
		for (j = 0; j < n; j++) {
			uint64_t s = le64(e[j].start), np = le64(e[j].nr_pages);
			uint64_t end = s + np * w->page_size;
			uint32_t off = sizeof(*hdr) + j * sizeof(*e);

			if (s % w->page_size || !np || end <= s) {
				problem(w, PRAMHDR_P_EXTENT, -1, p, off,
					"malformed extent %#" PRIx64 "+%" PRIu64 " pages",
					s, np);
				return 0;
			}
			if (prev_end && s <= prev_end) {
				problem(w, PRAMHDR_P_EXTENT, -1, p, off,
					"extent at %#" PRIx64 " does not come after the previous one (ends %#" PRIx64 "); extents must be sorted and not touch",
					s, prev_end);
				return 0;
			}
			if (!pramhdr_source_has(w->src, s, end - s))
				problem(w, PRAMHDR_P_UNREADABLE, -1, s, 0,
					"extent %#" PRIx64 "-%#" PRIx64 " is not all in RAM",
					s, end - 1);
			prev_end = end;
			err = grow_array((void **)&c->extents, &cap,
					 c->nr_extents + 1, sizeof(*c->extents));
			if (err)
				return err;
			c->extents[c->nr_extents][0] = s;
			c->extents[c->nr_extents][1] = end;
			c->nr_extents++;
			total += np;
		}
		p = le64(hdr->next);
	}
	if (p)
		problem(w, PRAMHDR_P_CHAIN, -1, p, 0,
			"extent table is longer than the %" PRIu64 " pages the root gives",
			pages);
	if (c->nr_extents != want || total != le64(root->nr_pages))
		problem(w, PRAMHDR_P_COUNT, -1, c->root_phys, 88,
			"extent table has %" PRIu64 " extents of %" PRIu64 " pages, root says %" PRIu64 " of %" PRIu64,
			c->nr_extents, total, want, (uint64_t)le64(root->nr_pages));
	c->nr_pages = total;
	return 0;
}

/* Walk one metadata chain of a node; sums the pages' counts. */
static int walk_chain(struct walk *w, int node, uint64_t p, uint64_t pages,
		      uint32_t magic, uint32_t max_count, bool full,
		      uint64_t *total)
{
	const struct pram_page_hdr *hdr = (const void *)w->page;
	uint64_t i;
	int err;

	*total = 0;
	for (i = 0; i < pages; i++) {
		uint32_t n;

		if (!p) {
			problem(w, PRAMHDR_P_CHAIN, node, 0, 0,
				"%s chain ends after %" PRIu64 " of %" PRIu64 " pages",
				magic_name(magic), i, pages);
			return 1;
		}
		err = read_page(w, p, magic, i, node);
		if (err)
			return err;
		err = claim(w, p, 1, node);
		if (err)
			return err;
		n = le32(hdr->count);
		if (n > max_count || (full && hdr->next && n != max_count)) {
			problem(w, PRAMHDR_P_COUNT, node, p, 28,
				"%s page has count %u (at most %u, pages before the last are full)",
				magic_name(magic), n, max_count);
			return 1;
		}
		*total += n;
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

static int check_data(struct walk *w, struct pramhdr_node *n, int node,
		      const struct pram_page_entry *e, uint64_t link,
		      uint32_t off)
{
	uint64_t phys = le64(e->phys), np = le32(e->nr_pages), done;
	unsigned char *buf;
	uint32_t crc = 0;
	size_t chunk = 64 * w->page_size;
	int err = 0;

	buf = malloc(chunk);
	if (!buf)
		return -ENOMEM;
	for (done = 0; done < np * w->page_size; done += chunk) {
		size_t len = np * w->page_size - done < chunk ?
			     np * w->page_size - done : chunk;

		err = pramhdr_source_read(w->src, phys + done, buf, len);
		if (err)
			break;
		crc = pramhdr_crc32c(crc, buf, len);
	}
	free(buf);
	if (err == -EFAULT || err == -EIO)
		return 0; /* reported as a run outside RAM already */
	if (err)
		return err;
	if (crc != le32(e->crc)) {
		problem(w, PRAMHDR_P_DATA_CRC, node, link, off,
			"data run %#" PRIx64 "+%" PRIu64 " pages (index %" PRIu64 ") has CRC %#x, saved %#x",
			phys, np, (uint64_t)le64(e->index), crc, le32(e->crc));
		n->data_bad++;
	}
	return 0;
}

static int walk_runs(struct walk *w, struct pramhdr_node *n, int node)
{
	const struct pram_page_hdr *hdr = (const void *)w->page;
	uint64_t p = n->data_head, pages = 0;
	struct pram_page_entry *copy;
	uint32_t per = (w->page_size - sizeof(*hdr)) / sizeof(*copy);
	uint64_t i;
	int err;

	copy = malloc(per * sizeof(*copy));
	if (!copy)
		return -ENOMEM;
	/* The link chain itself was checked; read its pages again. */
	for (i = 0; p && i < n->data_link_pages; i++) {
		uint32_t cnt, j;
		uint64_t next;

		err = pramhdr_source_read(w->src, p, w->page, w->page_size);
		if (err)
			break;
		cnt = le32(hdr->count);
		next = le64(hdr->next);
		memcpy(copy, hdr + 1, cnt * sizeof(*copy));
		for (j = 0; j < cnt; j++) {
			const struct pram_page_entry *e = &copy[j];
			uint64_t phys = le64(e->phys), np = le32(e->nr_pages);
			uint64_t align = 1ULL << (e->order > 63 ? 63 : e->order);
			uint32_t off = sizeof(*hdr) + j * sizeof(*e);

			if (e->order > MAX_ORDER || !np || np % align ||
			    le64(e->index) > UINT64_MAX - np ||
			    (phys / w->page_size) % align ||
			    le64(e->index) % align || phys % w->page_size ||
			    e->flags || e->reserved || e->reserved2) {
				problem(w, PRAMHDR_P_RUN, node, p, off,
					"malformed data run %#" PRIx64 "+%" PRIu64 " pages, order %u, index %" PRIu64,
					phys, np, e->order, (uint64_t)le64(e->index));
				continue;
			}
			if (!pramhdr_source_has(w->src, phys, np * w->page_size)) {
				problem(w, PRAMHDR_P_UNREADABLE, node, p, off,
					"data run %#" PRIx64 "+%" PRIu64 " pages is not all in RAM",
					phys, np);
				continue;
			}
			err = claim(w, phys, np, node);
			if (!err && (w->flags & PRAMHDR_VERIFY_DATA))
				err = check_data(w, n, node, e, p, off);
			if (err) {
				free(copy);
				return err;
			}
			pages += np;
		}
		p = next;
	}
	free(copy);
	if (pages != n->data_pages)
		problem(w, PRAMHDR_P_COUNT, node, n->phys, 104,
			"runs cover %" PRIu64 " pages, the node says %" PRIu64,
			pages, n->data_pages);
	n->data_checked = w->flags & PRAMHDR_VERIFY_DATA;
	return 0;
}

static int walk_node(struct walk *w, uint64_t p, int idx, uint64_t *next)
{
	const struct pram_node *nd = (const void *)w->page;
	struct pramhdr_node *n = &w->chain->nodes[idx];
	uint32_t bytes_per = w->page_size - sizeof(struct pram_page_hdr);
	uint32_t links_per = bytes_per / sizeof(struct pram_page_entry);
	int before = w->problems, err;
	uint64_t total;
	uint16_t len;

	*next = 0;
	n->phys = p;
	n->page_size = w->page_size;
	err = read_page(w, p, PRAM_MAGIC_NODE, idx, idx);
	if (err)
		return err;
	err = claim(w, p, 1, idx);
	if (err)
		return err;
	*next = le64(nd->hdr.next);
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
	len = le16(nd->name_len);
	memcpy(n->name, nd->name, sizeof(n->name) - 1);
	n->name[sizeof(n->name) - 1] = '\0';
	if (!len || len > PRAM_NAME_MAX || nd->name[len] ||
	    strnlen(nd->name, len) != len)
		problem(w, PRAMHDR_P_NAME, idx, p,
			offsetof(struct pram_node, name),
			"node name is malformed (length %u)", len);

	err = walk_chain(w, idx, n->meta_head, n->meta_pages, PRAM_MAGIC_BYTES,
			 bytes_per, true, &total);
	if (err < 0)
		return err;
	if (!err && total != n->meta_bytes)
		problem(w, PRAMHDR_P_COUNT, idx, p, 72,
			"byte stream holds %" PRIu64 " bytes, the node says %" PRIu64,
			total, n->meta_bytes);
	err = walk_chain(w, idx, n->data_head, n->data_link_pages,
			 PRAM_MAGIC_LINK, links_per, false, &total);
	if (err < 0)
		return err;
	if (!err) {
		if (total != n->data_entries)
			problem(w, PRAMHDR_P_COUNT, idx, p, 96,
				"page stream holds %" PRIu64 " entries, the node says %" PRIu64,
				total, n->data_entries);
		else if ((err = walk_runs(w, n, idx)) < 0)
			return err;
	}
	n->ok = w->problems == before;
	return 0;
}

static int cmp_claim(const void *a, const void *b)
{
	const struct claim *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* Every claimed page inside the extents, and no page claimed twice. */
static void check_claims(struct walk *w)
{
	struct pramhdr_chain *c = w->chain;
	size_t i, e = 0;

	qsort(w->claims, w->nr_claims, sizeof(*w->claims), cmp_claim);
	for (i = 0; i < w->nr_claims; i++) {
		const struct claim *cl = &w->claims[i];

		/* A page used twice makes both users suspect. */
		if (i && cl->start < w->claims[i - 1].end) {
			int other = w->claims[i - 1].node;

			problem(w, PRAMHDR_P_SHARED, cl->node, cl->start, 0,
				"page %#" PRIx64 " is also used by %s %d",
				cl->start, other < 0 ? "table" : "node", other);
			if (other != cl->node)
				problem(w, PRAMHDR_P_SHARED, other, cl->start, 0,
					"page %#" PRIx64 " is also used by %s %d",
					cl->start, cl->node < 0 ? "table" : "node",
					cl->node);
		}
		while (e < c->nr_extents && c->extents[e][1] <= cl->start)
			e++;
		if (c->extents && (e == c->nr_extents ||
				   c->extents[e][0] > cl->start ||
				   c->extents[e][1] < cl->end))
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

static int walk_root(struct walk *w, uint64_t root_phys)
{
	struct pramhdr_chain *c = w->chain;
	unsigned char first[4096];
	struct pram_root root;
	uint32_t magic, shift;
	uint64_t p, i, nr_nodes;
	int err;

	err = pramhdr_source_read(w->src, root_phys, first, sizeof(first));
	if (err)
		return err;
	memcpy(&root, first, sizeof(root));
	magic = le32(root.hdr.magic);
	if (magic != PRAM_MAGIC_ROOT && magic != PRAM_MAGIC_STALE)
		return -ENOENT;
	shift = le32(root.page_shift);
	if (shift < 12 || shift > 16 ||
	    le32(root.version) != PRAM_FORMAT_VERSION) {
		problem(w, PRAMHDR_P_VERSION, -1, root_phys, 32,
			"format version %u with page shift %u; this reader knows version %u",
			le32(root.version), shift, PRAM_FORMAT_VERSION);
		return 0;
	}
	w->page_size = c->page_size = 1U << shift;
	w->page = malloc(w->page_size);
	if (!w->page)
		return -ENOMEM;
	c->stale = magic == PRAM_MAGIC_STALE;
	c->generation = le64(root.generation);
	if (c->stale)
		problem(w, PRAMHDR_P_STALE, -1, root_phys, 0,
			"the root was already taken over by a kernel (magic DEAD): nothing here is preserved any more");
	err = read_page(w, root_phys,
			c->stale ? PRAM_MAGIC_STALE : PRAM_MAGIC_ROOT, 0, -1);
	if (err)
		return err < 0 ? err : 0;
	err = claim(w, root_phys, 1, -1);
	if (err)
		return err;
	err = walk_extents(w, &root);
	if (err)
		return err;

	nr_nodes = le64(root.nr_nodes);
	if (nr_nodes > MAX_NODES) {
		problem(w, PRAMHDR_P_COUNT, -1, root_phys, 48,
			"root says %" PRIu64 " nodes, more than %d", nr_nodes,
			MAX_NODES);
		nr_nodes = MAX_NODES;
	}
	c->nodes = calloc(nr_nodes ? nr_nodes : 1, sizeof(*c->nodes));
	if (!c->nodes)
		return -ENOMEM;
	p = le64(root.node_head);
	for (i = 0; i < nr_nodes; i++) {
		if (!p) {
			problem(w, PRAMHDR_P_CHAIN, -1, root_phys, 56,
				"node chain ends after %" PRIu64 " of %" PRIu64 " nodes",
				i, nr_nodes);
			break;
		}
		c->nr_nodes = i + 1;
		err = walk_node(w, p, i, &p);
		if (err < 0)
			return err;
		if (err) {
			c->nodes[i].ok = false;
			break;
		}
	}
	if (i == nr_nodes && p)
		problem(w, PRAMHDR_P_CHAIN, -1, p, 0,
			"node chain is longer than the %" PRIu64 " nodes the root gives",
			nr_nodes);
	check_claims(w);
	return 0;
}

int pramhdr_chain_read(struct pramhdr_source *src, uint64_t root,
		       unsigned int flags, struct pramhdr_chain **chainp,
		       struct pramhdr_report *rep)
{
	struct walk w = { .src = src, .rep = rep, .flags = flags };
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
