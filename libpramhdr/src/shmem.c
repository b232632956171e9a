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

	if (t->nr_files == *cap) {
		size_t c = *cap ? 2 * *cap : 256;

		f = realloc(t->files, c * sizeof(*f));
		if (!f)
			return -ENOMEM;
		t->files = f;
		*cap = c;
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

static bool valid_name(const char *name, size_t len)
{
	if (!len || len > 255 || memchr(name, '/', len) ||
	    memchr(name, '\0', len))
		return false;
	return !(len == 1 && name[0] == '.') &&
	       !(len == 2 && !memcmp(name, "..", 2));
}

/* An absolute path without NUL and known mount flags, or neither. */
static bool valid_mountpoint(const char *path, size_t len, uint32_t flags)
{
	if (!len)
		return !flags;
	return len < 4096 && path[0] == '/' && !memchr(path, '\0', len) &&
	       !(flags & ~PRAM_MNT_ALL);
}

/* Limits the kernel's quota code accepts: up to 2^63 - 1. */
#define QUOTA_LIMIT_MAX ((uint64_t)INT64_MAX)

static bool valid_quota(const struct pram_rec_quota *q, size_t rlen)
{
	uint32_t types;
	int i;

	if (rlen != sizeof(*q))
		return false;
	types = le32(q->types);
	if (!types || (types & ~((1u << PRAM_QUOTA_TYPES) - 1)) || q->reserved)
		return false;
	for (i = 0; i < PRAM_QUOTA_TYPES; i++)
		if (le64(q->bhardlimit[i]) > QUOTA_LIMIT_MAX ||
		    le64(q->ihardlimit[i]) > QUOTA_LIMIT_MAX ||
		    le64(q->bgrace[i]) > UINT32_MAX || le64(q->igrace[i]) > UINT32_MAX)
			return false;
	return true;
}

/*
 * A record of a mount-wide setting (MPOL, QUOTA, DQUOT), which comes
 * between SUPER and the root's INODE record. Returns NULL when it is
 * well-formed and taken into @t, else what is wrong with it.
 */
static const char *decode_setting(struct pramhdr_tree *t,
				  const struct pram_rec *rec, size_t rlen,
				  uint64_t inodes, uint64_t *dquot_cap, int *err)
{
	uint16_t type = le16(rec->type);
	int i;

	if (inodes)
		return "mount setting record after the root inode";
	if (type == PRAM_REC_MPOL) {
		size_t n = rlen - sizeof(struct pram_rec_mpol);

		if (t->mpol || rlen <= sizeof(struct pram_rec_mpol) ||
		    n > PRAM_MPOL_MAX || memchr(rec + 1, '\0', n))
			return "malformed or repeated MPOL record";
		t->mpol = strndup((const char *)(rec + 1), n);
		if (!t->mpol)
			*err = -ENOMEM;
		return NULL;
	}
	if (type == PRAM_REC_QUOTA) {
		const struct pram_rec_quota *q = (const void *)rec;

		if (t->quota_types || !valid_quota(q, rlen))
			return "malformed or repeated QUOTA record";
		t->quota_types = le32(q->types);
		for (i = 0; i < PRAM_QUOTA_TYPES; i++) {
			t->quota_bhardlimit[i] = le64(q->bhardlimit[i]);
			t->quota_ihardlimit[i] = le64(q->ihardlimit[i]);
			t->quota_bgrace[i] = le64(q->bgrace[i]);
			t->quota_igrace[i] = le64(q->igrace[i]);
		}
		return NULL;
	}
	/* PRAM_REC_DQUOT */
	{
		const struct pram_rec_dquot *d = (const void *)rec;
		struct pramhdr_dquot *q;

		if (rlen != sizeof(*d) || le32(d->type) >= PRAM_QUOTA_TYPES ||
		    !(t->quota_types & (1u << le32(d->type))) ||
		    le32(d->id) == UINT32_MAX ||
		    le64(d->bhardlimit) > QUOTA_LIMIT_MAX ||
		    le64(d->bsoftlimit) > QUOTA_LIMIT_MAX ||
		    le64(d->ihardlimit) > QUOTA_LIMIT_MAX ||
		    le64(d->isoftlimit) > QUOTA_LIMIT_MAX)
			return "malformed DQUOT record, or one before QUOTA";
		*err = grow_array((void **)&t->dquots, dquot_cap,
				  t->nr_dquots + 1, sizeof(*q));
		if (*err)
			return NULL;
		q = &t->dquots[t->nr_dquots++];
		q->type = le32(d->type);
		q->id = le32(d->id);
		q->bhardlimit = le64(d->bhardlimit);
		q->bsoftlimit = le64(d->bsoftlimit);
		q->ihardlimit = le64(d->ihardlimit);
		q->isoftlimit = le64(d->isoftlimit);
		q->btime = (int64_t)le64(d->btime);
		q->itime = (int64_t)le64(d->itime);
		return NULL;
	}
}

#define bad(...)                                                           \
	do {                                                               \
		report_add(rep, PRAMHDR_P_RECORD, node, pos, 0, __VA_ARGS__); \
		problems++;                                                \
		goto out;                                                  \
	} while (0)

int pramhdr_tree_decode(const void *meta, size_t len, int node,
			struct pramhdr_tree **treep,
			struct pramhdr_report *rep)
{
	const unsigned char *base = meta;
	const struct pram_rec_super *super = NULL;
	struct pramhdr_tree *t;
	struct ino_map map = { 0 };
	uint64_t pending = 0, entries = 0, inodes = 0, dentries = 0;
	uint64_t xattrs = 0, last_ino = 0, dquot_cap = 0;
	size_t cap = 0, pos = 0;
	int problems = 0, err = 0;
	bool end = false;

	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	while (pos < len && !end) {
		const struct pram_rec *rec = (const void *)(base + pos);
		size_t rlen, here = pos;
		uint16_t type;

		if (len - pos < sizeof(*rec))
			bad("stream ends inside a record header");
		rlen = le32(rec->len);
		if (rlen < sizeof(*rec) || rlen > len - pos)
			bad("record length %zu out of bounds", rlen);
		type = le16(rec->type);
		pos += (rlen + PRAM_REC_ALIGN - 1) & ~(size_t)(PRAM_REC_ALIGN - 1);
		if (pos > len)
			pos = len;
		if (pending && type != PRAM_REC_XATTR &&
		    (type != PRAM_REC_DENTRY ||
		     rlen < sizeof(struct pram_rec_dentry) ||
		     le64(((const struct pram_rec_dentry *)rec)->ino) != pending)) {
			pos = here;
			bad("inode %" PRIu64 " is not named right after its INODE and XATTR records",
			    pending);
		}
		if (type != PRAM_REC_XATTR)
			pending = 0;
		if (!super && type != PRAM_REC_SUPER) {
			pos = here;
			bad("the stream does not start with a SUPER record");
		}
		switch (type) {
		case PRAM_REC_SUPER:
			if (super) {
				pos = here;
				bad("a second SUPER record");
			}
			super = (const void *)rec;
			if (inodes || rlen < sizeof(*super) ||
			    rlen != sizeof(*super) + le16(super->path_len) ||
			    !valid_mountpoint((const char *)(super + 1),
					      le16(super->path_len),
					      le32(super->mnt_flags)) ||
			    le32(super->version) != PRAM_SHMEM_VERSION) {
				pos = here;
				bad("bad SUPER record");
			}
			if (le16(super->path_len)) {
				t->mountpoint = strndup((const char *)(super + 1),
							le16(super->path_len));
				if (!t->mountpoint) {
					err = -ENOMEM;
					goto out;
				}
			}
			t->max_blocks = le64(super->max_blocks);
			t->max_inodes = le64(super->max_inodes);
			t->mode = le32(super->mode);
			t->uid = le32(super->uid);
			t->gid = le32(super->gid);
			t->huge = le32(super->huge);
			t->opt_flags = le32(super->opt_flags);
			t->mnt_flags = le32(super->mnt_flags);
			break;
		case PRAM_REC_MPOL:
		case PRAM_REC_QUOTA:
		case PRAM_REC_DQUOT: {
			const char *why = decode_setting(t, rec, rlen, inodes,
							 &dquot_cap, &err);

			if (err)
				goto out;
			if (why) {
				pos = here;
				bad("%s", why);
			}
			break;
		}
		case PRAM_REC_INODE: {
			const struct pram_rec_inode *r = (const void *)rec;
			struct ino_slot *s;
			uint64_t ino, n;
			uint32_t mode;

			pos = here;
			if (rlen < sizeof(*r))
				bad("short INODE record");
			ino = le64(r->ino);
			mode = le32(r->mode);
			n = le64(r->nr_entries);
			if (le32(r->atime_nsec) >= NS || le32(r->mtime_nsec) >= NS ||
			    le32(r->ctime_nsec) >= NS)
				bad("INODE record %" PRIu64 " has nanoseconds out of range", ino);
			if (le32(r->uid) == UINT32_MAX || le32(r->gid) == UINT32_MAX)
				bad("INODE record %" PRIu64 " has an invalid owner", ino);
			if (le32(r->flags) & ~PRAM_INODE_FL_ALL)
				bad("INODE record %" PRIu64 " has unknown flags %#x", ino,
				    le32(r->flags) & ~PRAM_INODE_FL_ALL);
			if (!ino || (S_ISLNK(mode) ? rlen != sizeof(*r) + le64(r->size) ||
						     !le64(r->size) || le64(r->size) >= 4096 :
						     rlen != sizeof(*r)))
				bad("INODE record %" PRIu64 " is malformed", ino);
			if (n && (!S_ISREG(mode) || le64(r->first_entry) != entries))
				bad("INODE %" PRIu64 ": entries %" PRIu64 "+%" PRIu64 " out of place (next is %" PRIu64 ")",
				    ino, (uint64_t)le64(r->first_entry), n, entries);
			if (!inodes && (ino != le64(super->root_ino) || !S_ISDIR(mode)))
				bad("the first inode is not the root directory");
			if (map_find(&map, ino, false))
				bad("inode %" PRIu64 " is described twice", ino);
			s = map_find(&map, ino, true);
			if (!s) {
				err = -ENOMEM;
				goto out;
			}
			s->rec = r;
			last_ino = ino;
			entries += n;
			if (!inodes) {
				char *root = strdup("/");

				if (!root || add_file(t, &cap, root, r)) {
					free(root);
					err = -ENOMEM;
					goto out;
				}
				s->named = true;
				s->dir_path = 0;
			} else {
				pending = ino;
			}
			inodes++;
			pos += (rlen + PRAM_REC_ALIGN - 1) & ~(size_t)(PRAM_REC_ALIGN - 1);
			break;
		}
		case PRAM_REC_DENTRY: {
			const struct pram_rec_dentry *d = (const void *)rec;
			struct ino_slot *parent, *child;
			const char *name = (const char *)(d + 1);
			const char *ppath;
			uint16_t nlen;
			char *path;

			if (rlen < sizeof(*d))
				bad("short DENTRY record");
			nlen = le16(d->name_len);
			if (rlen != sizeof(*d) + nlen || !valid_name(name, nlen))
				bad("DENTRY has a malformed name");
			parent = map_find(&map, le64(d->parent), false);
			child = map_find(&map, le64(d->ino), false);
			if (!parent || !S_ISDIR(le32(parent->rec->mode)) ||
			    parent->dir_path < 0)
				bad("DENTRY names a parent %" PRIu64 " that is not a named directory",
				    (uint64_t)le64(d->parent));
			if (!child || (child->named && S_ISDIR(le32(child->rec->mode))) ||
			    le64(d->ino) == le64(super->root_ino))
				bad("DENTRY refers to inode %" PRIu64 " that is unknown or a named directory",
				    (uint64_t)le64(d->ino));
			ppath = t->files[parent->dir_path].path;
			if (asprintf(&path, "%s%s%.*s", ppath,
				     ppath[1] ? "/" : "", (int)nlen, name) < 0 ||
			    add_file(t, &cap, path, child->rec)) {
				err = -ENOMEM;
				goto out;
			}
			if (S_ISDIR(le32(child->rec->mode)))
				child->dir_path = t->nr_files - 1;
			child->named = true;
			dentries++;
			break;
		}
		case PRAM_REC_XATTR: {
			const struct pram_rec_xattr *x = (const void *)rec;

			if (rlen < sizeof(*x) || !last_ino || le64(x->ino) != last_ino ||
			    !le16(x->name_len) || le16(x->name_len) > 255 ||
			    le32(x->value_len) > 65536 ||
			    rlen != sizeof(*x) + le16(x->name_len) + le32(x->value_len) ||
			    memchr(x + 1, '\0', le16(x->name_len))) {
				pos = here;
				bad("XATTR record is malformed or not after its INODE");
			}
			xattrs++;
			break;
		}
		case PRAM_REC_END: {
			const struct pram_rec_end *e = (const void *)rec;

			pos = here;
			if (rlen < sizeof(*e))
				bad("short END record");
			if (le64(e->nr_inodes) != inodes ||
			    le64(e->nr_dentries) != dentries ||
			    le64(e->nr_xattrs) != xattrs)
				bad("END totals (%" PRIu64 " inodes, %" PRIu64 " names, %" PRIu64 " xattrs) do not match the stream (%" PRIu64 ", %" PRIu64 ", %" PRIu64 ")",
				    (uint64_t)le64(e->nr_inodes),
				    (uint64_t)le64(e->nr_dentries),
				    (uint64_t)le64(e->nr_xattrs), inodes, dentries, xattrs);
			t->data_pages = le64(e->data_pages);
			t->nr_xattrs = xattrs;
			end = true;
			pos = len;
			break;
		}
		default:
			pos = here;
			bad("unknown record type %u", type);
		}
	}
	if (!end)
		bad("the stream does not end with an END record");
out:
	free(map.slots);
	if (err) {
		pramhdr_tree_free(t);
		return err;
	}
	*treep = t;
	return problems;
}

/* One file's runs: ascending, not overlapping, within its size. */
static int check_file_runs(const struct pramhdr_file *f,
			   const struct pramhdr_run *runs, uint32_t page_size,
			   int node, struct pramhdr_report *rep)
{
	uint64_t pages = f->size / page_size + !!(f->size % page_size);
	uint64_t next = 0, k;

	for (k = f->first_entry; k < f->first_entry + f->nr_entries; k++) {
		const struct pramhdr_run *r = &runs[k];

		if (r->index < next || r->index > pages ||
		    r->nr_pages > pages - r->index) {
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
	uint64_t next = 0;
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
		problems += check_file_runs(f, runs, page_size, node, rep);
		next = f->first_entry + f->nr_entries;
	}
	if (next != nr_runs) {
		report_add(rep, PRAMHDR_P_RUN, node, 0, 0,
			   "the files account for %" PRIu64 " of the node's %zu data entries",
			   next, nr_runs);
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
