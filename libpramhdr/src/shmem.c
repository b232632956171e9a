// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * Decode a tmpfs node's metadata stream into a list of paths, checking
 * the record rules of the format (docs/format.md, "tmpfs trees").
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

#define NS 1000000000LL

/* Inode ids seen so far: open addressing, ids are never 0. */
struct ino_map {
	struct ino_slot {
		uint64_t ino;
		const struct pram_rec_inode *rec;
		long dir_path;	/* index into the files of its first name */
		bool named;
	} *slots;
	size_t cap, nr;
};

static struct ino_slot *map_find(struct ino_map *m, uint64_t ino, bool add)
{
	size_t i;

	if (add && (m->nr + 1) * 2 > m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 1024, j;
		struct ino_slot *s = calloc(cap, sizeof(*s));

		if (!s)
			return NULL;
		for (j = 0; j < m->cap; j++) {
			if (!m->slots[j].ino)
				continue;
			for (i = m->slots[j].ino * 0x9e3779b97f4a7c15ULL % cap;
			     s[i].ino; i = (i + 1) % cap)
				;
			s[i] = m->slots[j];
		}
		free(m->slots);
		m->slots = s;
		m->cap = cap;
	}
	if (!m->cap)
		return NULL;
	for (i = ino * 0x9e3779b97f4a7c15ULL % m->cap; m->slots[i].ino;
	     i = (i + 1) % m->cap)
		if (m->slots[i].ino == ino)
			return &m->slots[i];
	if (!add)
		return NULL;
	m->slots[i].ino = ino;
	m->slots[i].dir_path = -1;
	m->nr++;
	return &m->slots[i];
}

/* Nanoseconds since the epoch, saturated: the seconds come from outside. */
static int64_t ns_of(uint64_t sec, uint32_t nsec)
{
	int64_t ns;

	if (__builtin_mul_overflow((int64_t)sec, NS, &ns) ||
	    __builtin_add_overflow(ns, (int64_t)nsec, &ns))
		return (int64_t)sec < 0 ? INT64_MIN : INT64_MAX;
	return ns;
}

static int add_file(struct pramhdr_tree *t, size_t *cap, char *path,
		    const struct pram_rec_inode *r)
{
	struct pramhdr_file *f;

	/* From here on @path belongs to the tree, or is freed. */
	if (grow_array((void **)&t->files, cap, t->nr_files + 1, sizeof(*f))) {
		free(path);
		return -ENOMEM;
	}
	f = &t->files[t->nr_files++];
	memset(f, 0, sizeof(*f));
	f->path = path;
	f->ino = le64(r->ino);
	f->mode = le32(r->mode);
	f->uid = le32(r->uid);
	f->gid = le32(r->gid);
	f->nlink = le32(r->nlink);
	f->rdev = le32(r->rdev);
	f->size = le64(r->size);
	f->flags = le32(r->flags);
	f->atime = ns_of(le64(r->atime_sec), le32(r->atime_nsec));
	f->mtime = ns_of(le64(r->mtime_sec), le32(r->mtime_nsec));
	f->ctime = ns_of(le64(r->ctime_sec), le32(r->ctime_nsec));
	f->first_entry = le64(r->first_entry);
	f->nr_entries = le64(r->nr_entries);
	if (S_ISLNK(f->mode)) {
		f->target = strndup((const char *)(r + 1), f->size);
		if (!f->target)
			return -ENOMEM;
	}
	return 0;
}

/*
 * Decoding state. Records are checked in the kernel loader's order: the
 * record's own rules (pram_rec_check()), then its place in the stream.
 */
struct decoder {
	struct pramhdr_tree *t;
	struct ino_map map;
	const struct pram_rec_super *super;
	uint64_t pending;	/* new inode still to be named */
	uint64_t entries, inodes, dentries, xattrs, last_ino;
	size_t dquot_cap, files_cap;
	struct pramhdr_report *rep;
	int node;
	size_t here;		/* offset of the record being decoded */
	bool end;
};

__attribute__((format(printf, 2, 3)))
static int bad(struct decoder *d, const char *fmt, ...)
{
	char text[sizeof(((struct pramhdr_problem *)0)->text)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	report_add(d->rep, PRAMHDR_P_RECORD, d->node, d->here, 0, "%s", text);
	return 1;
}

static int decode_super(struct decoder *d, const struct pram_rec_super *r)
{
	struct pramhdr_tree *t = d->t;
	uint16_t plen = le16(r->path_len);

	d->super = r;
	if (plen) {
		t->mountpoint = strndup((const char *)(r + 1), plen);
		if (!t->mountpoint)
			return -ENOMEM;
	}
	t->max_blocks = le64(r->max_blocks);
	t->max_inodes = le64(r->max_inodes);
	t->mode = le32(r->mode);
	t->uid = le32(r->uid);
	t->gid = le32(r->gid);
	t->huge = le32(r->huge);
	t->opt_flags = le32(r->opt_flags);
	t->mnt_flags = le32(r->mnt_flags);
	return 0;
}

static int decode_mpol(struct decoder *d, const struct pram_rec *rec)
{
	size_t n = le32(rec->len) - sizeof(struct pram_rec_mpol);

	if (d->t->mpol)
		return bad(d, "a second MPOL record");
	d->t->mpol = strndup((const char *)(rec + 1), n);
	return d->t->mpol ? 0 : -ENOMEM;
}

static int decode_quota(struct decoder *d, const struct pram_rec_quota *q)
{
	struct pramhdr_tree *t = d->t;
	int i;

	if (t->quota_types)
		return bad(d, "a second QUOTA record");
	t->quota_types = le32(q->types);
	for (i = 0; i < PRAM_QUOTA_TYPES; i++) {
		t->quota_bhardlimit[i] = le64(q->bhardlimit[i]);
		t->quota_ihardlimit[i] = le64(q->ihardlimit[i]);
		t->quota_bgrace[i] = le64(q->bgrace[i]);
		t->quota_igrace[i] = le64(q->igrace[i]);
	}
	return 0;
}

static int decode_dquot(struct decoder *d, const struct pram_rec_dquot *r)
{
	struct pramhdr_tree *t = d->t;
	struct pramhdr_dquot *q;
	int err;

	if (!(t->quota_types & (1u << le32(r->type))))
		return bad(d, "DQUOT record of a quota type the QUOTA record does not name");
	err = grow_array((void **)&t->dquots, &d->dquot_cap, t->nr_dquots + 1,
			 sizeof(*q));
	if (err)
		return err;
	q = &t->dquots[t->nr_dquots++];
	q->type = le32(r->type);
	q->id = le32(r->id);
	q->bhardlimit = le64(r->bhardlimit);
	q->bsoftlimit = le64(r->bsoftlimit);
	q->ihardlimit = le64(r->ihardlimit);
	q->isoftlimit = le64(r->isoftlimit);
	q->btime = (int64_t)le64(r->btime);
	q->itime = (int64_t)le64(r->itime);
	return 0;
}

static int decode_inode(struct decoder *d, const struct pram_rec_inode *r)
{
	uint64_t ino = le64(r->ino), n = le64(r->nr_entries);
	uint32_t mode = le32(r->mode);
	struct ino_slot *s;
	char *root;

	if (!d->inodes && (ino != le64(d->super->root_ino) || !S_ISDIR(mode)))
		return bad(d, "the first inode is not the root directory");
	if (n && le64(r->first_entry) != d->entries)
		return bad(d, "INODE %" PRIu64 ": entries %" PRIu64 "+%" PRIu64 " out of place (next is %" PRIu64 ")",
			   ino, (uint64_t)le64(r->first_entry), n, d->entries);
	if (map_find(&d->map, ino, false))
		return bad(d, "inode %" PRIu64 " is described twice", ino);
	s = map_find(&d->map, ino, true);
	if (!s)
		return -ENOMEM;
	s->rec = r;
	d->last_ino = ino;
	d->entries += n;
	if (d->inodes++) {
		d->pending = ino;
		return 0;
	}
	root = strdup("/");
	if (!root || add_file(d->t, &d->files_cap, root, r))
		return -ENOMEM;
	s->named = true;
	s->dir_path = 0;
	return 0;
}

static int decode_dentry(struct decoder *d, const struct pram_rec_dentry *r)
{
	const char *name = (const char *)(r + 1), *ppath;
	struct pramhdr_tree *t = d->t;
	uint16_t nlen = le16(r->name_len);
	struct ino_slot *parent, *child;
	char *path;

	parent = map_find(&d->map, le64(r->parent), false);
	child = map_find(&d->map, le64(r->ino), false);
	if (!parent || !S_ISDIR(le32(parent->rec->mode)) || parent->dir_path < 0)
		return bad(d, "DENTRY names a parent %" PRIu64 " that is not a named directory",
			   (uint64_t)le64(r->parent));
	if (!child || (child->named && S_ISDIR(le32(child->rec->mode))) ||
	    le64(r->ino) == le64(d->super->root_ino))
		return bad(d, "DENTRY refers to inode %" PRIu64 " that is unknown or a named directory",
			   (uint64_t)le64(r->ino));
	ppath = t->files[parent->dir_path].path;
	if (asprintf(&path, "%s%s%.*s", ppath, ppath[1] ? "/" : "", (int)nlen,
		     name) < 0)
		return -ENOMEM;
	if (add_file(t, &d->files_cap, path, child->rec))
		return -ENOMEM;
	if (S_ISDIR(le32(child->rec->mode)))
		child->dir_path = t->nr_files - 1;
	child->named = true;
	d->dentries++;
	return 0;
}

static int decode_end(struct decoder *d, const struct pram_rec_end *e)
{
	if (!d->inodes)
		return bad(d, "END record before the root inode");
	if (le64(e->nr_inodes) != d->inodes ||
	    le64(e->nr_dentries) != d->dentries ||
	    le64(e->nr_xattrs) != d->xattrs)
		return bad(d, "END totals (%" PRIu64 " inodes, %" PRIu64 " names, %" PRIu64 " xattrs) do not match the stream (%" PRIu64 ", %" PRIu64 ", %" PRIu64 ")",
			   (uint64_t)le64(e->nr_inodes),
			   (uint64_t)le64(e->nr_dentries),
			   (uint64_t)le64(e->nr_xattrs), d->inodes, d->dentries,
			   d->xattrs);
	d->t->data_pages = le64(e->data_pages);
	d->t->nr_xattrs = d->xattrs;
	d->end = true;
	return 0;
}

/* The record's place in the stream, before its contents are taken. */
static int check_place(struct decoder *d, const struct pram_rec *rec)
{
	uint16_t type = le16(rec->type);

	/* A new inode is named right after its extended attributes. */
	if (d->pending && type != PRAM_REC_XATTR &&
	    (type != PRAM_REC_DENTRY ||
	     le64(((const struct pram_rec_dentry *)rec)->ino) != d->pending))
		return bad(d, "inode %" PRIu64 " is not named right after its INODE and XATTR records",
			   d->pending);
	if (type != PRAM_REC_XATTR)
		d->pending = 0;
	if (!d->super && type != PRAM_REC_SUPER)
		return bad(d, "the stream does not start with a SUPER record");
	if (d->super && type == PRAM_REC_SUPER)
		return bad(d, "a second SUPER record");
	if ((type == PRAM_REC_MPOL || type == PRAM_REC_QUOTA ||
	     type == PRAM_REC_DQUOT) && d->inodes)
		return bad(d, "mount setting record after the root inode");
	if (type == PRAM_REC_XATTR &&
	    (!d->last_ino ||
	     le64(((const struct pram_rec_xattr *)rec)->ino) != d->last_ino))
		return bad(d, "XATTR record not right after its INODE");
	return 0;
}

static int decode_rec(struct decoder *d, const struct pram_rec *rec)
{
	switch (le16(rec->type)) {
	case PRAM_REC_SUPER:
		return decode_super(d, (const void *)rec);
	case PRAM_REC_MPOL:
		return decode_mpol(d, rec);
	case PRAM_REC_QUOTA:
		return decode_quota(d, (const void *)rec);
	case PRAM_REC_DQUOT:
		return decode_dquot(d, (const void *)rec);
	case PRAM_REC_INODE:
		return decode_inode(d, (const void *)rec);
	case PRAM_REC_DENTRY:
		return decode_dentry(d, (const void *)rec);
	case PRAM_REC_XATTR:
		d->xattrs++;
		return 0;
	case PRAM_REC_END:
		return decode_end(d, (const void *)rec);
	}
	return bad(d, "unknown record type %u", le16(rec->type));
}

/* Returns 0, 1 after a problem, -EOPNOTSUPP for a newer format, -ENOMEM. */
static int decode_stream(struct decoder *d, const void *meta, size_t len)
{
	size_t pos = 0;
	int err = 0;

	while (pos < len && !d->end && !err) {
		const struct pram_rec *rec;
		const char *why;

		d->here = pos;
		rec = pram_rec_next(meta, len, &pos);
		if (!rec)
			return bad(d, "record runs past the end of the stream");
		err = pram_rec_check(rec, &why);
		if (err == -EOPNOTSUPP)
			return err;
		if (err)
			return bad(d, "%s", why);
		err = check_place(d, rec);
		if (!err)
			err = decode_rec(d, rec);
	}
	if (!err && (!d->end || pos != len)) {
		d->here = pos;
		return bad(d, "the stream does not end with an END record");
	}
	return err;
}

int pramhdr_tree_decode(const void *meta, size_t len, int node,
			struct pramhdr_tree **treep,
			struct pramhdr_report *rep)
{
	struct decoder d = { .rep = rep, .node = node };
	int err;

	d.t = calloc(1, sizeof(*d.t));
	if (!d.t)
		return -ENOMEM;
	err = decode_stream(&d, meta, len);
	free(d.map.slots);
	if (err < 0) {
		pramhdr_tree_free(d.t);
		return err;
	}
	*treep = d.t;
	return err;
}

/* One file's runs: ascending, not overlapping, within its size. */
static int check_file_runs(const struct pramhdr_file *f,
			   const struct pramhdr_run *runs, uint32_t page_shift,
			   int node, struct pramhdr_report *rep)
{
	uint64_t pages = pram_file_pages(f->size, page_shift);
	uint64_t next = 0, k;

	for (k = f->first_entry; k < f->first_entry + f->nr_entries; k++) {
		const struct pramhdr_run *r = &runs[k];

		if (!pram_file_run_ok(r->index, r->nr_pages, next, pages)) {
			report_add(rep, PRAMHDR_P_RUN, node, r->phys, 0,
				   "%s: run of %" PRIu32 " pages at index %" PRIu64 " overlaps another or lies outside the file (%" PRIu64 " pages)",
				   f->path, r->nr_pages, r->index, pages);
			return 1;
		}
		next = r->index + r->nr_pages;
	}
	return 0;
}

int pramhdr_tree_check_runs(const struct pramhdr_tree *tree,
			    const struct pramhdr_run *runs, size_t nr_runs,
			    uint32_t page_size, int node,
			    struct pramhdr_report *rep)
{
	uint32_t shift = (uint32_t)__builtin_ctz(page_size);
	uint64_t next = 0, pages = 0;
	int problems = 0;
	size_t i;

	for (i = 0; i < tree->nr_files; i++) {
		const struct pramhdr_file *f = &tree->files[i];

		/* Entries come in stream order; a hard link repeats them. */
		if (!f->nr_entries || f->first_entry < next)
			continue;
		if (f->first_entry != next || f->nr_entries > nr_runs ||
		    f->first_entry > nr_runs - f->nr_entries) {
			report_add(rep, PRAMHDR_P_RUN, node, 0, 0,
				   "%s: entries %" PRIu64 "+%" PRIu64 " are not the node's next ones (%" PRIu64 " of %zu)",
				   f->path, f->first_entry, f->nr_entries, next,
				   nr_runs);
			return problems + 1;
		}
		problems += check_file_runs(f, runs, shift, node, rep);
		next = f->first_entry + f->nr_entries;
	}
	if (next != nr_runs) {
		report_add(rep, PRAMHDR_P_RUN, node, 0, 0,
			   "the files account for %" PRIu64 " of the node's %zu data entries",
			   next, nr_runs);
		problems++;
	}
	for (i = 0; i < nr_runs; i++)
		pages += runs[i].nr_pages;
	if (pages != tree->data_pages) {
		report_add(rep, PRAMHDR_P_COUNT, node, 0, 0,
			   "the END record gives %" PRIu64 " data pages, the node holds %" PRIu64,
			   tree->data_pages, pages);
		problems++;
	}
	return problems;
}

void pramhdr_tree_free(struct pramhdr_tree *tree)
{
	size_t i;

	if (!tree)
		return;
	for (i = 0; i < tree->nr_files; i++) {
		free(tree->files[i].path);
		free(tree->files[i].target);
	}
	free(tree->files);
	free(tree->mountpoint);
	free(tree->mpol);
	free(tree->dquots);
	free(tree);
}

/* Text appended to a buffer that may be too small, as snprintf() does. */
struct text {
	char *buf;
	size_t size, len;
};

static void put(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(t->len < t->size ? t->buf + t->len : NULL,
		      t->len < t->size ? t->size - t->len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len += (size_t)n;
}

int pramhdr_tree_mount_options(const struct pramhdr_tree *tree, char *buf,
			       size_t size)
{
	static const char *const huge[] = { "never", "always", "within_size",
					    "advise" };
	static const char *const quota[] = { "usr", "grp" };
	static const struct { uint32_t flag; const char *name; } mnt[] = {
		{ PRAM_MNT_RDONLY, "ro" }, { PRAM_MNT_NOSUID, "nosuid" },
		{ PRAM_MNT_NODEV, "nodev" }, { PRAM_MNT_NOEXEC, "noexec" },
		{ PRAM_MNT_NOATIME, "noatime" }, { PRAM_MNT_NODIRATIME, "nodiratime" },
		{ PRAM_MNT_RELATIME, "relatime" },
	};
	struct text t = { buf, size, 0 };
	int i;

	if (size)
		buf[0] = '\0';
	/* nr_blocks= counts pages: no page size needed to say it exactly. */
	put(&t, "nr_blocks=%" PRIu64 ",nr_inodes=%" PRIu64 ",mode=%04o,uid=%u,gid=%u",
	    tree->max_blocks, tree->max_inodes, tree->mode & 07777, tree->uid,
	    tree->gid);
	if (tree->huge < sizeof(huge) / sizeof(huge[0]))
		put(&t, ",huge=%s", huge[tree->huge]);
	put(&t, ",%s", tree->opt_flags & PRAM_SHMEM_OPT_INODE64 ? "inode64" : "inode32");
	for (i = 0; i < (int)(sizeof(mnt) / sizeof(mnt[0])); i++)
		if (tree->mnt_flags & mnt[i].flag)
			put(&t, ",%s", mnt[i].name);
	if (tree->mountpoint &&
	    !(tree->mnt_flags & (PRAM_MNT_NOATIME | PRAM_MNT_RELATIME)))
		put(&t, ",strictatime");
	if (tree->opt_flags & PRAM_SHMEM_OPT_NOSWAP)
		put(&t, ",noswap");
	if (tree->mpol)
		put(&t, ",mpol=%s", tree->mpol);
	for (i = 0; i < PRAM_QUOTA_TYPES; i++) {
		if (!(tree->quota_types & (1u << i)))
			continue;
		put(&t, ",%squota", quota[i]);
		if (tree->quota_bhardlimit[i])
			put(&t, ",%squota_block_hardlimit=%" PRIu64, quota[i],
			    tree->quota_bhardlimit[i]);
		if (tree->quota_ihardlimit[i])
			put(&t, ",%squota_inode_hardlimit=%" PRIu64, quota[i],
			    tree->quota_ihardlimit[i]);
	}
	return t.len > INT32_MAX ? INT32_MAX : (int)t.len;
}
