/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * pram_format.h - the in-memory format of memory preserved across kexec
 *
 * This file is the one definition of the PRAM format. The kernel carries
 * it byte for byte as its own copy (the patch that adds PRAM creates it;
 * a style test keeps the two identical) and the userspace tools include
 * it from libpramhdr. docs/format.md describes every field in prose.
 *
 * Rules that keep the format stable between two different kernels:
 *  - every field is fixed-size little-endian; there are no pointers, only
 *    physical addresses (u64, page aligned);
 *  - every metadata structure occupies exactly one page of the size given
 *    in the root block and starts with struct pram_page_hdr;
 *  - padding is explicit and must be written as zero;
 *  - every metadata page carries a CRC32C of the whole page (computed with
 *    the crc field set to zero); data runs carry a CRC32C of their bytes.
 *
 * CRC32C is the Castagnoli CRC used by iSCSI and ext4: reflected
 * polynomial 0x82f63b78, initial value ~0, final value inverted.
 * crc32c("123456789") == 0xe3069283.
 */
#ifndef _PRAM_FORMAT_H
#define _PRAM_FORMAT_H

/*
 * The same text compiles in the kernel (the decompressor included) and in
 * C11 userspace: only fixed-size types, and little-endian reads through
 * pram_le16/32/64().
 */
#ifdef __KERNEL__
#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <asm/byteorder.h>

#define pram_le16(x)	le16_to_cpu(x)
#define pram_le32(x)	le32_to_cpu(x)
#define pram_le64(x)	le64_to_cpu(x)
#define pram_static_assert(e)	static_assert(e)
#else
#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define pram_le16(x)	((__u16)(x))
#define pram_le32(x)	((__u32)(x))
#define pram_le64(x)	((__u64)(x))
#else
#define pram_le16(x)	__builtin_bswap16(x)
#define pram_le32(x)	__builtin_bswap32(x)
#define pram_le64(x)	__builtin_bswap64(x)
#endif
#define pram_static_assert(e)	static_assert(e, #e)
#endif

#define PRAM_FORMAT_VERSION	1

/* Page magics: four ASCII characters stored as a little-endian u32. */
#define PRAM_FOURCC(a, b, c, d) \
	((__u32)(a) | (__u32)(b) << 8 | (__u32)(c) << 16 | (__u32)(d) << 24)
#define PRAM_MAGIC_ROOT		PRAM_FOURCC('P', 'R', 'A', 'M') /* live root */
#define PRAM_MAGIC_STALE	PRAM_FOURCC('D', 'E', 'A', 'D') /* root consumed */
#define PRAM_MAGIC_EXTENT	PRAM_FOURCC('P', 'E', 'X', 'T') /* extent table */
#define PRAM_MAGIC_NODE		PRAM_FOURCC('N', 'O', 'D', 'E') /* node header */
#define PRAM_MAGIC_BYTES	PRAM_FOURCC('B', 'T', 'E', 'S') /* byte stream */
#define PRAM_MAGIC_LINK		PRAM_FOURCC('L', 'I', 'N', 'K') /* page stream */

/**
 * struct pram_page_hdr - header at the start of every metadata page
 * @magic: one of PRAM_MAGIC_*
 * @crc: CRC32C of the whole page with this field set to zero
 * @self: physical address of this page (catches misdirected pointers)
 * @next: physical address of the next page of the same chain, 0 at the end
 * @seq: position of this page in its chain, counting from 0
 * @count: entries (extent, link pages) or payload bytes (byte stream pages)
 *	used in this page
 */
struct pram_page_hdr {
	__le32 magic;
	__le32 crc;
	__le64 self;
	__le64 next;
	__le32 seq;
	__le32 count;
};

pram_static_assert(sizeof(struct pram_page_hdr) == 32);
pram_static_assert(offsetof(struct pram_page_hdr, magic) == 0);
pram_static_assert(offsetof(struct pram_page_hdr, crc) == 4);
pram_static_assert(offsetof(struct pram_page_hdr, self) == 8);
pram_static_assert(offsetof(struct pram_page_hdr, next) == 16);
pram_static_assert(offsetof(struct pram_page_hdr, seq) == 24);
pram_static_assert(offsetof(struct pram_page_hdr, count) == 28);

/**
 * struct pram_root - the root block, found at the address given by pram=
 * @hdr: magic PRAM_MAGIC_ROOT (PRAM_MAGIC_STALE once consumed); next, seq
 *	and count are zero
 * @version: PRAM_FORMAT_VERSION
 * @page_shift: log2 of the page size every structure uses (12 for 4 KiB)
 * @generation: 1 for the first kernel that preserved memory, one more for
 *	each kernel that handed the chain on
 * @nr_nodes: number of node pages in the node chain
 * @node_head: physical address of the first node page, 0 if none
 * @nr_extents: number of extents in the extent table
 * @extent_head: physical address of the first extent table page
 * @extent_pages: number of pages in the extent table chain
 * @nr_pages: pages covered by all extents together
 *
 * The extent table lists, sorted and coalesced, every page the next kernel
 * must keep: the root itself, the extent table, every node's metadata and
 * data. Early boot reserves exactly these ranges before it allocates
 * anything; the node chains are checked later and what no valid node
 * claims is freed.
 */
struct pram_root {
	struct pram_page_hdr hdr;
	__le32 version;
	__le32 page_shift;
	__le64 generation;
	__le64 nr_nodes;
	__le64 node_head;
	__le64 nr_extents;
	__le64 extent_head;
	__le64 extent_pages;
	__le64 nr_pages;
};

pram_static_assert(sizeof(struct pram_root) == 96);
pram_static_assert(offsetof(struct pram_root, version) == 32);
pram_static_assert(offsetof(struct pram_root, page_shift) == 36);
pram_static_assert(offsetof(struct pram_root, generation) == 40);
pram_static_assert(offsetof(struct pram_root, nr_nodes) == 48);
pram_static_assert(offsetof(struct pram_root, node_head) == 56);
pram_static_assert(offsetof(struct pram_root, nr_extents) == 64);
pram_static_assert(offsetof(struct pram_root, extent_head) == 72);
pram_static_assert(offsetof(struct pram_root, extent_pages) == 80);
pram_static_assert(offsetof(struct pram_root, nr_pages) == 88);

/**
 * struct pram_extent - a physically contiguous run of preserved pages
 * @start: physical address of the first page (page aligned)
 * @nr_pages: number of pages, at least 1
 *
 * Extents are sorted by @start across the whole table; two extents never
 * overlap or touch (touching ranges are merged).
 */
struct pram_extent {
	__le64 start;
	__le64 nr_pages;
};

pram_static_assert(sizeof(struct pram_extent) == 16);
pram_static_assert(offsetof(struct pram_extent, start) == 0);
pram_static_assert(offsetof(struct pram_extent, nr_pages) == 8);

#define PRAM_NAME_MAX		255	/* bytes, without the terminating NUL */

/* Node types: who wrote the node and how its streams are to be read. */
#define PRAM_NODE_RAW		0	/* opaque streams of another kernel user */
#define PRAM_NODE_SHMEM		1	/* a tmpfs tree, see pram_shmem_* below */

/**
 * struct pram_node - a named node: one metadata byte stream and one data
 *	page stream
 * @hdr: magic PRAM_MAGIC_NODE; @hdr.next is the next node page; @hdr.seq is
 *	the node's position in the node chain
 * @type: PRAM_NODE_*
 * @flags: zero in version 1
 * @generation: root generation of the kernel that saved the node
 * @saved_time: wall-clock seconds since the epoch when the node was saved
 * @meta_head: first byte stream page, 0 if the stream is empty
 * @meta_pages: pages in the byte stream chain
 * @meta_bytes: payload bytes in the byte stream
 * @data_head: first link page of the page stream, 0 if empty
 * @data_link_pages: link pages in the page stream chain
 * @data_entries: struct pram_page_entry records in the page stream
 * @data_pages: base pages referenced by all entries together
 * @name_len: length of @name without the terminating NUL, 1..PRAM_NAME_MAX
 * @reserved: zero
 * @name: the node's name, NUL-terminated, NUL-padded
 */
struct pram_node {
	struct pram_page_hdr hdr;
	__le32 type;
	__le32 flags;
	__le64 generation;
	__le64 saved_time;
	__le64 meta_head;
	__le64 meta_pages;
	__le64 meta_bytes;
	__le64 data_head;
	__le64 data_link_pages;
	__le64 data_entries;
	__le64 data_pages;
	__le16 name_len;
	__u8 reserved[6];
	char name[PRAM_NAME_MAX + 1];
};

pram_static_assert(sizeof(struct pram_node) == 376);
pram_static_assert(offsetof(struct pram_node, type) == 32);
pram_static_assert(offsetof(struct pram_node, flags) == 36);
pram_static_assert(offsetof(struct pram_node, generation) == 40);
pram_static_assert(offsetof(struct pram_node, saved_time) == 48);
pram_static_assert(offsetof(struct pram_node, meta_head) == 56);
pram_static_assert(offsetof(struct pram_node, meta_pages) == 64);
pram_static_assert(offsetof(struct pram_node, meta_bytes) == 72);
pram_static_assert(offsetof(struct pram_node, data_head) == 80);
pram_static_assert(offsetof(struct pram_node, data_link_pages) == 88);
pram_static_assert(offsetof(struct pram_node, data_entries) == 96);
pram_static_assert(offsetof(struct pram_node, data_pages) == 104);
pram_static_assert(offsetof(struct pram_node, name_len) == 112);
pram_static_assert(offsetof(struct pram_node, name) == 120);

/*
 * A byte stream page is a struct pram_page_hdr (magic PRAM_MAGIC_BYTES,
 * count = payload bytes in this page) followed by the payload. Every page
 * but the last is full.
 */

/**
 * struct pram_page_entry - a run of data pages in a page stream
 * @phys: physical address of the first page of the run
 * @index: index of the first page in the object that owns it (for tmpfs:
 *	the file offset in pages)
 * @nr_pages: base pages in the run, a multiple of 1 << @order
 * @order: every folio in the run has 1 << @order pages and is naturally
 *	aligned, both physically and in @index
 * @flags: zero in version 1
 * @reserved: zero
 * @crc: CRC32C of the run's nr_pages << page_shift bytes, computed when
 *	the run was saved
 * @reserved2: zero
 *
 * A run is physically contiguous and contiguous in @index, so a huge folio
 * or a range of neighbouring small pages is a single entry.
 */
struct pram_page_entry {
	__le64 phys;
	__le64 index;
	__le32 nr_pages;
	__u8 order;
	__u8 flags;
	__le16 reserved;
	__le32 crc;
	__le32 reserved2;
};

pram_static_assert(sizeof(struct pram_page_entry) == 32);
pram_static_assert(offsetof(struct pram_page_entry, phys) == 0);
pram_static_assert(offsetof(struct pram_page_entry, index) == 8);
pram_static_assert(offsetof(struct pram_page_entry, nr_pages) == 16);
pram_static_assert(offsetof(struct pram_page_entry, order) == 20);
pram_static_assert(offsetof(struct pram_page_entry, flags) == 21);
pram_static_assert(offsetof(struct pram_page_entry, crc) == 24);

/*
 * tmpfs trees (PRAM_NODE_SHMEM)
 *
 * The byte stream is a sequence of records, each starting with struct
 * pram_rec and padded to a multiple of 8 bytes. The first record is a
 * SUPER record, the last an END record. In between, records come in
 * breadth-first order of the tree:
 *  - the INODE record of the root directory, right after SUPER;
 *  - for each child of a directory, the child's INODE record if its inode
 *    was not described before, then a DENTRY record naming it.
 * So an inode is always described before a name refers to it, and a
 * directory is always named before its children are. Hard links are
 * further DENTRY records for an inode already described; XATTR records
 * follow the INODE record they belong to.
 *
 * Between SUPER and the root's INODE record come the optional records of
 * mount-wide settings: at most one MPOL, at most one QUOTA, and after the
 * QUOTA record one DQUOT record per user or group with limits of its own.
 *
 * The page stream holds the file data: the entries of each regular file
 * are contiguous, in the order of the INODE records, at the positions
 * the INODE record gives.
 */
#define PRAM_SHMEM_VERSION	1

#define PRAM_REC_SUPER		1
#define PRAM_REC_INODE		2
#define PRAM_REC_DENTRY		3
#define PRAM_REC_XATTR		4
#define PRAM_REC_END		5
#define PRAM_REC_MPOL		6
#define PRAM_REC_QUOTA		7
#define PRAM_REC_DQUOT		8

#define PRAM_REC_ALIGN		8

/**
 * struct pram_rec - header of every tmpfs metadata record
 * @type: PRAM_REC_*
 * @flags: zero in version 1
 * @len: length of the record in bytes, header and trailing data included,
 *	not counting the padding to PRAM_REC_ALIGN
 */
struct pram_rec {
	__le16 type;
	__le16 flags;
	__le32 len;
};

pram_static_assert(sizeof(struct pram_rec) == 8);
pram_static_assert(offsetof(struct pram_rec, type) == 0);
pram_static_assert(offsetof(struct pram_rec, flags) == 2);
pram_static_assert(offsetof(struct pram_rec, len) == 4);

/* Mount options recorded in a SUPER record (pram_rec_super.opt_flags). */
#define PRAM_SHMEM_OPT_NOSWAP	0x1u
#define PRAM_SHMEM_OPT_INODE64	0x2u

/*
 * Flags of the mount at the recorded mountpoint (pram_rec_super.mnt_flags):
 * what mount -o calls ro, nosuid, nodev, noexec, noatime, nodiratime,
 * relatime (neither NOATIME nor RELATIME: strictatime).
 */
#define PRAM_MNT_RDONLY		0x01u
#define PRAM_MNT_NOSUID		0x02u
#define PRAM_MNT_NODEV		0x04u
#define PRAM_MNT_NOEXEC		0x08u
#define PRAM_MNT_NOATIME	0x10u
#define PRAM_MNT_NODIRATIME	0x20u
#define PRAM_MNT_RELATIME	0x40u
#define PRAM_MNT_ALL		0x7fu

/**
 * struct pram_rec_super - the tree as a whole
 * @rec: type PRAM_REC_SUPER
 * @version: PRAM_SHMEM_VERSION
 * @mnt_flags: PRAM_MNT_* of the mount at the mountpoint; 0 without one
 * @root_ino: inode id of the root directory
 * @max_blocks: size= of the mount, in pages (0: unlimited)
 * @max_inodes: nr_inodes= of the mount (0: unlimited)
 * @mode: mode= of the mount (root directory mode)
 * @uid: uid= of the mount
 * @gid: gid= of the mount
 * @huge: huge= of the mount (0 never, 1 always, 2 within_size, 3 advise)
 * @opt_flags: PRAM_SHMEM_OPT_*
 * @path_len: bytes of the mountpoint path that follows, no NUL
 * @reserved: zero
 */
struct pram_rec_super {
	struct pram_rec rec;
	__le32 version;
	__le32 mnt_flags;
	__le64 root_ino;
	__le64 max_blocks;
	__le64 max_inodes;
	__le32 mode;
	__le32 uid;
	__le32 gid;
	__le32 huge;
	__le32 opt_flags;
	__le16 path_len;
	__u8 reserved[2];
};

pram_static_assert(sizeof(struct pram_rec_super) == 64);
pram_static_assert(offsetof(struct pram_rec_super, version) == 8);
pram_static_assert(offsetof(struct pram_rec_super, mnt_flags) == 12);
pram_static_assert(offsetof(struct pram_rec_super, root_ino) == 16);
pram_static_assert(offsetof(struct pram_rec_super, max_blocks) == 24);
pram_static_assert(offsetof(struct pram_rec_super, max_inodes) == 32);
pram_static_assert(offsetof(struct pram_rec_super, mode) == 40);
pram_static_assert(offsetof(struct pram_rec_super, uid) == 44);
pram_static_assert(offsetof(struct pram_rec_super, gid) == 48);
pram_static_assert(offsetof(struct pram_rec_super, huge) == 52);
pram_static_assert(offsetof(struct pram_rec_super, opt_flags) == 56);
pram_static_assert(offsetof(struct pram_rec_super, path_len) == 60);

/**
 * struct pram_rec_end - last record; totals let a reader check it saw all
 * @rec: type PRAM_REC_END
 * @nr_inodes: INODE records in the stream
 * @nr_dentries: DENTRY records in the stream
 * @nr_xattrs: XATTR records in the stream
 * @data_pages: base pages the INODE records' entries cover
 */
struct pram_rec_end {
	struct pram_rec rec;
	__le64 nr_inodes;
	__le64 nr_dentries;
	__le64 nr_xattrs;
	__le64 data_pages;
};

pram_static_assert(sizeof(struct pram_rec_end) == 40);
pram_static_assert(offsetof(struct pram_rec_end, nr_inodes) == 8);
pram_static_assert(offsetof(struct pram_rec_end, nr_dentries) == 16);
pram_static_assert(offsetof(struct pram_rec_end, nr_xattrs) == 24);
pram_static_assert(offsetof(struct pram_rec_end, data_pages) == 32);

/*
 * Inode flags of an INODE record: the values of FS_IOC_GETFLAGS (chattr),
 * limited to those tmpfs supports.
 */
#define PRAM_INODE_FL_IMMUTABLE	0x00000010u	/* FS_IMMUTABLE_FL */
#define PRAM_INODE_FL_APPEND	0x00000020u	/* FS_APPEND_FL */
#define PRAM_INODE_FL_NODUMP	0x00000040u	/* FS_NODUMP_FL */
#define PRAM_INODE_FL_NOATIME	0x00000080u	/* FS_NOATIME_FL */
#define PRAM_INODE_FL_ALL	0x000000f0u

/**
 * struct pram_rec_inode - one inode; a symlink's target follows it
 * @rec: type PRAM_REC_INODE
 * @ino: the inode's id in this stream (its i_ino when saved), never 0
 * @mode: file type and permission bits (S_IFMT | 07777)
 * @uid: owner, as seen from the initial user namespace
 * @gid: group, as seen from the initial user namespace
 * @nlink: link count when saved
 * @rdev: device number of a character or block device (new_encode_dev)
 * @flags: PRAM_INODE_FL_* (the chattr flags tmpfs keeps)
 * @size: file size in bytes; for a symlink, the target length
 * @atime_sec: last access time, seconds
 * @mtime_sec: last modification time, seconds
 * @ctime_sec: last status change time, seconds
 * @atime_nsec: nanoseconds of @atime_sec
 * @mtime_nsec: nanoseconds of @mtime_sec
 * @ctime_nsec: nanoseconds of @ctime_sec
 * @reserved: zero
 * @first_entry: position in the page stream of the file's first entry
 * @nr_entries: number of page stream entries of the file (0 for a hole
 *	or an empty file, and for anything but a regular file)
 */
struct pram_rec_inode {
	struct pram_rec rec;
	__le64 ino;
	__le32 mode;
	__le32 uid;
	__le32 gid;
	__le32 nlink;
	__le32 rdev;
	__le32 flags;
	__le64 size;
	__le64 atime_sec;
	__le64 mtime_sec;
	__le64 ctime_sec;
	__le32 atime_nsec;
	__le32 mtime_nsec;
	__le32 ctime_nsec;
	__le32 reserved;
	__le64 first_entry;
	__le64 nr_entries;
};

pram_static_assert(sizeof(struct pram_rec_inode) == 104);
pram_static_assert(offsetof(struct pram_rec_inode, ino) == 8);
pram_static_assert(offsetof(struct pram_rec_inode, mode) == 16);
pram_static_assert(offsetof(struct pram_rec_inode, uid) == 20);
pram_static_assert(offsetof(struct pram_rec_inode, gid) == 24);
pram_static_assert(offsetof(struct pram_rec_inode, nlink) == 28);
pram_static_assert(offsetof(struct pram_rec_inode, rdev) == 32);
pram_static_assert(offsetof(struct pram_rec_inode, flags) == 36);
pram_static_assert(offsetof(struct pram_rec_inode, size) == 40);
pram_static_assert(offsetof(struct pram_rec_inode, atime_sec) == 48);
pram_static_assert(offsetof(struct pram_rec_inode, mtime_sec) == 56);
pram_static_assert(offsetof(struct pram_rec_inode, ctime_sec) == 64);
pram_static_assert(offsetof(struct pram_rec_inode, atime_nsec) == 72);
pram_static_assert(offsetof(struct pram_rec_inode, mtime_nsec) == 76);
pram_static_assert(offsetof(struct pram_rec_inode, ctime_nsec) == 80);
pram_static_assert(offsetof(struct pram_rec_inode, first_entry) == 88);
pram_static_assert(offsetof(struct pram_rec_inode, nr_entries) == 96);

/**
 * struct pram_rec_dentry - one name in a directory; the name follows
 * @rec: type PRAM_REC_DENTRY
 * @parent: inode id of the directory
 * @ino: inode id the name refers to
 * @name_len: bytes of the name, 1..255, no NUL, no '/'
 * @reserved: zero
 */
struct pram_rec_dentry {
	struct pram_rec rec;
	__le64 parent;
	__le64 ino;
	__le16 name_len;
	__u8 reserved[6];
};

pram_static_assert(sizeof(struct pram_rec_dentry) == 32);
pram_static_assert(offsetof(struct pram_rec_dentry, parent) == 8);
pram_static_assert(offsetof(struct pram_rec_dentry, ino) == 16);
pram_static_assert(offsetof(struct pram_rec_dentry, name_len) == 24);

/**
 * struct pram_rec_xattr - one extended attribute; name then value follow
 * @rec: type PRAM_REC_XATTR
 * @ino: inode id the attribute belongs to
 * @name_len: bytes of the full name ("user.foo"), no NUL
 * @reserved: zero
 * @value_len: bytes of the value
 */
struct pram_rec_xattr {
	struct pram_rec rec;
	__le64 ino;
	__le16 name_len;
	__le16 reserved;
	__le32 value_len;
};

pram_static_assert(sizeof(struct pram_rec_xattr) == 24);
pram_static_assert(offsetof(struct pram_rec_xattr, ino) == 8);
pram_static_assert(offsetof(struct pram_rec_xattr, name_len) == 16);
pram_static_assert(offsetof(struct pram_rec_xattr, value_len) == 20);

/* Longest memory policy text of an MPOL record. */
#define PRAM_MPOL_MAX		1024

/**
 * struct pram_rec_mpol - the mount's memory policy (mpol=)
 * @rec: type PRAM_REC_MPOL
 *
 * The policy follows in the syntax of tmpfs' mpol= option, as
 * /proc/mounts shows it ("interleave=static:0-3"), 1..PRAM_MPOL_MAX
 * bytes, no NUL. Absent when the mount uses the default policy.
 */
struct pram_rec_mpol {
	struct pram_rec rec;
};

pram_static_assert(sizeof(struct pram_rec_mpol) == 8);

/* Quota types, the indexes of the arrays of struct pram_rec_quota. */
#define PRAM_QUOTA_USR		0
#define PRAM_QUOTA_GRP		1
#define PRAM_QUOTA_TYPES	2

/**
 * struct pram_rec_quota - quota accounting of the mount
 * @rec: type PRAM_REC_QUOTA
 * @types: bit (1 << PRAM_QUOTA_*) set for each type accounted
 *	(usrquota, grpquota)
 * @reserved: zero
 * @bhardlimit: per type, usrquota_block_hardlimit= or
 *	grpquota_block_hardlimit=, the default space limit in bytes (0: none)
 * @ihardlimit: per type, the default inode limit (0: none)
 * @bgrace: per type, the space grace period in seconds
 * @igrace: per type, the inode grace period in seconds
 *
 * Usage is not recorded: it follows from the files and their owners.
 */
struct pram_rec_quota {
	struct pram_rec rec;
	__le32 types;
	__le32 reserved;
	__le64 bhardlimit[PRAM_QUOTA_TYPES];
	__le64 ihardlimit[PRAM_QUOTA_TYPES];
	__le64 bgrace[PRAM_QUOTA_TYPES];
	__le64 igrace[PRAM_QUOTA_TYPES];
};

pram_static_assert(sizeof(struct pram_rec_quota) == 80);
pram_static_assert(offsetof(struct pram_rec_quota, types) == 8);
pram_static_assert(offsetof(struct pram_rec_quota, bhardlimit) == 16);
pram_static_assert(offsetof(struct pram_rec_quota, ihardlimit) == 32);
pram_static_assert(offsetof(struct pram_rec_quota, bgrace) == 48);
pram_static_assert(offsetof(struct pram_rec_quota, igrace) == 64);

/**
 * struct pram_rec_dquot - the quota limits of one user or group
 * @rec: type PRAM_REC_DQUOT
 * @type: PRAM_QUOTA_*, a type set in the QUOTA record
 * @id: user or group id, as seen from the initial user namespace
 * @bhardlimit: space hard limit in bytes (0: none)
 * @bsoftlimit: space soft limit in bytes (0: none)
 * @ihardlimit: inode hard limit (0: none)
 * @isoftlimit: inode soft limit (0: none)
 * @btime: when the space grace period ends, seconds since the epoch
 *	(0: not running)
 * @itime: when the inode grace period ends, likewise
 */
struct pram_rec_dquot {
	struct pram_rec rec;
	__le32 type;
	__le32 id;
	__le64 bhardlimit;
	__le64 bsoftlimit;
	__le64 ihardlimit;
	__le64 isoftlimit;
	__le64 btime;
	__le64 itime;
};

pram_static_assert(sizeof(struct pram_rec_dquot) == 64);
pram_static_assert(offsetof(struct pram_rec_dquot, type) == 8);
pram_static_assert(offsetof(struct pram_rec_dquot, id) == 12);
pram_static_assert(offsetof(struct pram_rec_dquot, bhardlimit) == 16);
pram_static_assert(offsetof(struct pram_rec_dquot, bsoftlimit) == 24);
pram_static_assert(offsetof(struct pram_rec_dquot, ihardlimit) == 32);
pram_static_assert(offsetof(struct pram_rec_dquot, isoftlimit) == 40);
pram_static_assert(offsetof(struct pram_rec_dquot, btime) == 48);
pram_static_assert(offsetof(struct pram_rec_dquot, itime) == 56);

/*
 * The rules every reader applies
 *
 * What follows states each rule of the format once, as code. The kernel
 * (the boot-time check of a handed-over chain, the tmpfs loader, the x86
 * decompressor) and libpramhdr call these same functions, so the two
 * readers cannot drift apart on them. Rules that need context - chain
 * lengths, the order of records, which inode a name refers to, pages used
 * twice - are each reader's own; tests/fuzz/diff feeds both readers the
 * same input and fails on any verdict they disagree on.
 *
 * Functions returning const char * give NULL when the rule holds, else
 * what is wrong in words fit for a log line. Those returning int give 0,
 * -EINVAL for damage (the node is dropped) or -EOPNOTSUPP for something
 * well-formed that only a newer format defines (the node is kept for a
 * kernel that can read it).
 */

/* Page sizes a chain may use: log2 of 4 KiB to 64 KiB. */
#define PRAM_PAGE_SHIFT_MIN	12
#define PRAM_PAGE_SHIFT_MAX	16

/* At most this many nodes: bounds the work a damaged count can cause. */
#define PRAM_MAX_NODES		4096

/*
 * Largest order of a data run; beyond any folio a kernel makes (1 GiB is
 * order 18 with 4 KiB pages). A reader that cannot make folios that large
 * takes the run as smaller ones.
 */
#define PRAM_RUN_ORDER_MAX	20

/* Payload bytes of a metadata page. */
static inline __u32 pram_payload(__u32 page_size)
{
	return page_size - (__u32)sizeof(struct pram_page_hdr);
}

/*
 * Most count a page of kind @magic can hold: extents, page entries or
 * payload bytes. Root and node pages have no count.
 */
static inline __u32 pram_page_max_count(__u32 magic, __u32 page_size)
{
	switch (magic) {
	case PRAM_MAGIC_EXTENT:
		return pram_payload(page_size) / sizeof(struct pram_extent);
	case PRAM_MAGIC_LINK:
		return pram_payload(page_size) / sizeof(struct pram_page_entry);
	case PRAM_MAGIC_BYTES:
		return pram_payload(page_size);
	}
	return 0;
}

/*
 * A CRC32C update step without the initial and final inversion, as the
 * kernel's __crc32c_le(): each reader passes its fastest implementation.
 */
typedef __u32 (*pram_crc32c_fn)(__u32 crc, const void *buf, size_t len);

/* CRC32C of a metadata page, computed as if its crc field were zero. */
static inline __u32 pram_page_crc(const void *page, __u32 page_size,
				  pram_crc32c_fn crc32c)
{
	static const __u8 zero[sizeof(__le32)];
	const __u8 *p = (const __u8 *)page;
	__u32 crc;

	crc = crc32c(~0U, p, offsetof(struct pram_page_hdr, crc));
	crc = crc32c(crc, zero, sizeof(zero));
	crc = crc32c(crc, p + offsetof(struct pram_page_hdr, self),
		     page_size - offsetof(struct pram_page_hdr, self));
	return ~crc;
}

/* What pram_page_check() found wrong with a metadata page. */
enum pram_page_fault {
	PRAM_PAGE_OK,
	PRAM_PAGE_MAGIC,	/* not the kind of page expected */
	PRAM_PAGE_CRC,		/* contents do not match the CRC */
	PRAM_PAGE_SELF,		/* records another address: misdirected */
	PRAM_PAGE_SEQ,		/* out of place in its chain */
	/*
	 * count too large, or a page before the end of a byte stream not
	 * full, or an extent table page empty
	 */
	PRAM_PAGE_COUNT,
};

static inline const char *pram_page_fault_str(enum pram_page_fault f)
{
	switch (f) {
	case PRAM_PAGE_OK:
		return NULL;
	case PRAM_PAGE_MAGIC:
		return "wrong magic";
	case PRAM_PAGE_CRC:
		return "CRC mismatch";
	case PRAM_PAGE_SELF:
		return "records another address";
	case PRAM_PAGE_SEQ:
		return "out of place in its chain";
	case PRAM_PAGE_COUNT:
		return "count out of range";
	}
	return "unknown fault";
}

/**
 * pram_page_check - the checks every metadata page passes before use
 * @page: the page's contents
 * @page_size: the chain's page size
 * @magic: the kind of page expected here
 * @phys: where the page was found
 * @seq: its expected position in its chain (0 for root and node pages
 *	other than by their place in the node chain)
 * @crc32c: CRC32C update function
 */
static inline enum pram_page_fault
pram_page_check(const void *page, __u32 page_size, __u32 magic, __u64 phys,
		__u32 seq, pram_crc32c_fn crc32c)
{
	const struct pram_page_hdr *hdr = (const struct pram_page_hdr *)page;
	__u32 count = pram_le32(hdr->count);
	__u32 max = pram_page_max_count(magic, page_size);

	if (pram_le32(hdr->magic) != magic)
		return PRAM_PAGE_MAGIC;
	if (pram_le32(hdr->crc) != pram_page_crc(page, page_size, crc32c))
		return PRAM_PAGE_CRC;
	if (pram_le64(hdr->self) != phys)
		return PRAM_PAGE_SELF;
	if (pram_le32(hdr->seq) != seq)
		return PRAM_PAGE_SEQ;
	if (count > max || (magic == PRAM_MAGIC_BYTES && hdr->next &&
			    count != max) ||
	    (magic == PRAM_MAGIC_EXTENT && !count))
		return PRAM_PAGE_COUNT;
	return PRAM_PAGE_OK;
}

/*
 * The root's own fields. Checked before its page, whose size they give;
 * a reader that needs one page size also compares page_shift to it.
 */
static inline const char *pram_root_check(const struct pram_root *root)
{
	__u32 shift = pram_le32(root->page_shift);
	__u64 nr = pram_le64(root->nr_extents);
	__u64 pages = pram_le64(root->extent_pages);
	__u32 per;

	if (pram_le32(root->version) != PRAM_FORMAT_VERSION)
		return "unsupported format version";
	if (shift < PRAM_PAGE_SHIFT_MIN || shift > PRAM_PAGE_SHIFT_MAX)
		return "page size out of range";
	if (root->hdr.next || root->hdr.seq || root->hdr.count)
		return "root page header has a next page, position or count";
	if (pram_le64(root->nr_nodes) > PRAM_MAX_NODES)
		return "too many nodes";
	per = pram_page_max_count(PRAM_MAGIC_EXTENT, 1U << shift);
	if (!nr || pages > nr || pages < nr / per + !!(nr % per))
		return "extent table size is inconsistent";
	return NULL;
}

/*
 * An extent after one that ends at @prev_end (0 before the first):
 * aligned, not empty, not wrapping, above the previous one and not
 * touching it.
 */
static inline const char *
pram_extent_check(const struct pram_extent *e, __u64 prev_end,
		  __u32 page_shift)
{
	__u64 start = pram_le64(e->start), nr = pram_le64(e->nr_pages);

	if ((start & ((1ULL << page_shift) - 1)) || !nr ||
	    nr > (~0ULL >> page_shift) || start + (nr << page_shift) <= start)
		return "malformed extent";
	if (prev_end && start <= prev_end)
		return "extents are not sorted, or touch";
	return NULL;
}

/* The extent's end, once pram_extent_check() passed. */
static inline __u64 pram_extent_end(const struct pram_extent *e,
				    __u32 page_shift)
{
	return pram_le64(e->start) + (pram_le64(e->nr_pages) << page_shift);
}

/*
 * A node name: 1 to PRAM_NAME_MAX visible ASCII characters, no '/', not
 * "." or "..": it names a sysfs directory and a mount option value.
 */
static inline bool pram_name_ok(const char *name, size_t len)
{
	size_t i;

	if (!len || len > PRAM_NAME_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (name[i] <= ' ' || name[i] > '~' || name[i] == '/' ||
		    name[i] == ',')
			return false;
	return !(len == 1 && name[0] == '.') &&
	       !(len == 2 && name[0] == '.' && name[1] == '.');
}

/* A node page's own fields, once pram_page_check() passed. */
static inline const char *pram_node_check(const struct pram_node *node)
{
	__u16 len = pram_le16(node->name_len);

	if (len > PRAM_NAME_MAX || !pram_name_ok(node->name, len) ||
	    node->name[len])
		return "malformed node name";
	return NULL;
}

/*
 * A data run: pages of one order, naturally aligned both physically and
 * in the file, not wrapping, reserved fields zero.
 */
static inline const char *pram_run_check(const struct pram_page_entry *e,
					 __u32 page_shift)
{
	__u64 phys = pram_le64(e->phys), index = pram_le64(e->index);
	__u64 nr = pram_le32(e->nr_pages), mask;

	if (e->order > PRAM_RUN_ORDER_MAX)
		return "data run of too high an order";
	mask = (1ULL << e->order) - 1;
	if (!nr || (nr & mask) || (phys & ((1ULL << page_shift) - 1)) ||
	    ((phys >> page_shift) & mask) || (index & mask) ||
	    index > ~0ULL - nr || phys + (nr << page_shift) <= phys ||
	    e->flags || e->reserved || e->reserved2)
		return "malformed data run";
	return NULL;
}

/*
 * tmpfs records
 *
 * pram_rec_next() frames the stream; pram_rec_check() applies every rule
 * that one record obeys on its own. The order of records and the inode
 * ids they refer to are the reader's to check.
 */
#define PRAM_REC_LAST		PRAM_REC_DQUOT	/* highest type defined */

#define PRAM_SYMLINK_MAX	4095	/* target bytes: PATH_MAX - 1 */
#define PRAM_MOUNTPOINT_MAX	4095	/* mountpoint bytes: PATH_MAX - 1 */
#define PRAM_XATTR_NAME_MAX	255	/* bytes of a full attribute name */
#define PRAM_XATTR_VALUE_MAX	65536	/* bytes of an attribute value */
#define PRAM_QUOTA_LIMIT_MAX	0x7fffffffffffffffULL
#define PRAM_QUOTA_GRACE_MAX	0xffffffffULL	/* seconds */
#define PRAM_NO_ID		0xffffffffU	/* (u32)-1 is no uid or gid */
#define PRAM_NSEC_PER_SEC	1000000000U

/* File types and permission bits of an INODE record's mode (Linux's). */
#define PRAM_S_IFMT		0170000
#define PRAM_S_IFSOCK		0140000
#define PRAM_S_IFLNK		0120000
#define PRAM_S_IFREG		0100000
#define PRAM_S_IFBLK		0060000
#define PRAM_S_IFDIR		0040000
#define PRAM_S_IFCHR		0020000
#define PRAM_S_IFIFO		0010000
#define PRAM_S_IALL		07777

/* Bytes a record of @len takes in the stream, padding included. */
static inline size_t pram_rec_size(size_t len)
{
	return (len + PRAM_REC_ALIGN - 1) & ~(size_t)(PRAM_REC_ALIGN - 1);
}

/*
 * The record at *@pos of a @len byte stream, and *@pos moved past it
 * (the last record's padding may be cut off); NULL if it does not fit.
 */
static inline const struct pram_rec *pram_rec_next(const void *stream,
						   size_t len, size_t *pos)
{
	const struct pram_rec *rec;
	size_t rlen, size;

	if (*pos > len || len - *pos < sizeof(*rec))
		return NULL;
	rec = (const struct pram_rec *)((const __u8 *)stream + *pos);
	rlen = pram_le32(rec->len);
	if (rlen < sizeof(*rec) || rlen > len - *pos)
		return NULL;
	size = pram_rec_size(rlen);
	*pos += size < len - *pos ? size : len - *pos;
	return rec;
}

static inline bool pram_has_byte(const char *s, size_t len, char c)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == c)
			return true;
	return false;
}

/* A name in a directory: 1 to 255 bytes, no '/' or NUL, not . or .. */
static inline bool pram_dentry_name_ok(const char *name, size_t len)
{
	if (!len || len > 255 || pram_has_byte(name, len, '/') ||
	    pram_has_byte(name, len, '\0'))
		return false;
	return !(len == 1 && name[0] == '.') &&
	       !(len == 2 && name[0] == '.' && name[1] == '.');
}

static inline bool pram_mode_ok(__u32 mode)
{
	switch (mode & PRAM_S_IFMT) {
	case PRAM_S_IFREG: case PRAM_S_IFDIR: case PRAM_S_IFLNK:
	case PRAM_S_IFCHR: case PRAM_S_IFBLK: case PRAM_S_IFIFO:
	case PRAM_S_IFSOCK:
		return !(mode & ~(__u32)(PRAM_S_IFMT | PRAM_S_IALL));
	}
	return false;
}

static inline int pram_rec_bad(const char **why, const char *what)
{
	*why = what;
	return -EINVAL;
}

static inline int pram_rec_newer(const char **why, const char *what)
{
	*why = what;
	return -EOPNOTSUPP;
}

static inline int pram_rec_check_super(const struct pram_rec_super *r,
				       __u32 len, const char **why)
{
	const char *path = (const char *)(r + 1);
	__u16 plen;
	__u32 flags;

	if (len >= offsetof(struct pram_rec_super, version) + sizeof(__le32) &&
	    pram_le32(r->version) > PRAM_SHMEM_VERSION)
		return pram_rec_newer(why, "tree format version");
	if (len < sizeof(*r) || pram_le32(r->version) != PRAM_SHMEM_VERSION)
		return pram_rec_bad(why, "bad SUPER record");
	plen = pram_le16(r->path_len);
	flags = pram_le32(r->mnt_flags);
	if (len != sizeof(*r) + plen || (!plen && flags) ||
	    (plen && (plen > PRAM_MOUNTPOINT_MAX || path[0] != '/' ||
		      pram_has_byte(path, plen, '\0') ||
		      (flags & ~PRAM_MNT_ALL))))
		return pram_rec_bad(why, "bad SUPER record");
	return 0;
}

static inline int pram_rec_check_inode(const struct pram_rec_inode *r,
				       __u32 len, const char **why)
{
	__u32 mode;
	__u64 size;
	bool bad;

	if (len < sizeof(*r))
		return pram_rec_bad(why, "short INODE record");
	if (pram_le32(r->flags) & ~PRAM_INODE_FL_ALL)
		return pram_rec_newer(why, "inode flags");
	mode = pram_le32(r->mode);
	size = pram_le64(r->size);
	if (!r->ino || !pram_mode_ok(mode) ||
	    pram_le32(r->atime_nsec) >= PRAM_NSEC_PER_SEC ||
	    pram_le32(r->mtime_nsec) >= PRAM_NSEC_PER_SEC ||
	    pram_le32(r->ctime_nsec) >= PRAM_NSEC_PER_SEC)
		return pram_rec_bad(why, "malformed INODE record");
	if (pram_le32(r->uid) == PRAM_NO_ID || pram_le32(r->gid) == PRAM_NO_ID)
		return pram_rec_bad(why, "INODE record with an invalid owner");
	if ((mode & PRAM_S_IFMT) != PRAM_S_IFLNK)
		bad = len != sizeof(*r);
	else
		bad = len != sizeof(*r) + size || !size ||
		      size > PRAM_SYMLINK_MAX ||
		      pram_has_byte((const char *)(r + 1), size, '\0');
	if (bad)
		return pram_rec_bad(why, "INODE record has a wrong length");
	if ((mode & PRAM_S_IFMT) != PRAM_S_IFREG && r->nr_entries)
		return pram_rec_bad(why, "data entries of a file that is not regular");
	return 0;
}

static inline int pram_rec_check_dentry(const struct pram_rec_dentry *r,
					__u32 len, const char **why)
{
	__u16 nlen;

	if (len < sizeof(*r))
		return pram_rec_bad(why, "short DENTRY record");
	nlen = pram_le16(r->name_len);
	if (len != sizeof(*r) + nlen || !r->ino || !r->parent ||
	    !pram_dentry_name_ok((const char *)(r + 1), nlen))
		return pram_rec_bad(why, "malformed DENTRY record");
	return 0;
}

static inline int pram_rec_check_xattr(const struct pram_rec_xattr *r,
				       __u32 len, const char **why)
{
	__u16 nlen;
	__u32 vlen;

	if (len < sizeof(*r))
		return pram_rec_bad(why, "short XATTR record");
	nlen = pram_le16(r->name_len);
	vlen = pram_le32(r->value_len);
	if (!nlen || nlen > PRAM_XATTR_NAME_MAX || vlen > PRAM_XATTR_VALUE_MAX ||
	    len != sizeof(*r) + nlen + vlen || !r->ino ||
	    pram_has_byte((const char *)(r + 1), nlen, '\0'))
		return pram_rec_bad(why, "malformed XATTR record");
	return 0;
}

static inline int pram_rec_check_mpol(const struct pram_rec_mpol *r,
				      __u32 len, const char **why)
{
	if (len <= sizeof(*r) || len - sizeof(*r) > PRAM_MPOL_MAX ||
	    pram_has_byte((const char *)(r + 1), len - sizeof(*r), '\0'))
		return pram_rec_bad(why, "malformed MPOL record");
	return 0;
}

static inline int pram_rec_check_quota(const struct pram_rec_quota *r,
				       __u32 len, const char **why)
{
	__u32 types;
	int i;

	if (len != sizeof(*r))
		return pram_rec_bad(why, "malformed QUOTA record");
	types = pram_le32(r->types);
	if (!types || (types & ~((1U << PRAM_QUOTA_TYPES) - 1)) || r->reserved)
		return pram_rec_bad(why, "malformed QUOTA record");
	for (i = 0; i < PRAM_QUOTA_TYPES; i++)
		if (pram_le64(r->bhardlimit[i]) > PRAM_QUOTA_LIMIT_MAX ||
		    pram_le64(r->ihardlimit[i]) > PRAM_QUOTA_LIMIT_MAX ||
		    pram_le64(r->bgrace[i]) > PRAM_QUOTA_GRACE_MAX ||
		    pram_le64(r->igrace[i]) > PRAM_QUOTA_GRACE_MAX)
			return pram_rec_bad(why, "QUOTA record out of range");
	return 0;
}

static inline int pram_rec_check_dquot(const struct pram_rec_dquot *r,
				       __u32 len, const char **why)
{
	if (len != sizeof(*r) || pram_le32(r->type) >= PRAM_QUOTA_TYPES ||
	    pram_le32(r->id) == PRAM_NO_ID ||
	    pram_le64(r->bhardlimit) > PRAM_QUOTA_LIMIT_MAX ||
	    pram_le64(r->bsoftlimit) > PRAM_QUOTA_LIMIT_MAX ||
	    pram_le64(r->ihardlimit) > PRAM_QUOTA_LIMIT_MAX ||
	    pram_le64(r->isoftlimit) > PRAM_QUOTA_LIMIT_MAX)
		return pram_rec_bad(why, "malformed DQUOT record");
	return 0;
}

/**
 * pram_rec_check - the rules one tmpfs record obeys on its own
 * @rec: a record framed by pram_rec_next()
 * @why: set to what is wrong
 *
 * Return: 0, -EINVAL or -EOPNOTSUPP (see above).
 */
static inline int pram_rec_check(const struct pram_rec *rec, const char **why)
{
	__u32 len = pram_le32(rec->len);

	switch (pram_le16(rec->type)) {
	case PRAM_REC_SUPER:
		return pram_rec_check_super((const struct pram_rec_super *)rec,
					    len, why);
	case PRAM_REC_INODE:
		return pram_rec_check_inode((const struct pram_rec_inode *)rec,
					    len, why);
	case PRAM_REC_DENTRY:
		return pram_rec_check_dentry((const struct pram_rec_dentry *)rec,
					     len, why);
	case PRAM_REC_XATTR:
		return pram_rec_check_xattr((const struct pram_rec_xattr *)rec,
					    len, why);
	case PRAM_REC_END:
		if (len < sizeof(struct pram_rec_end))
			return pram_rec_bad(why, "short END record");
		return 0;
	case PRAM_REC_MPOL:
		return pram_rec_check_mpol((const struct pram_rec_mpol *)rec,
					   len, why);
	case PRAM_REC_QUOTA:
		return pram_rec_check_quota((const struct pram_rec_quota *)rec,
					    len, why);
	case PRAM_REC_DQUOT:
		return pram_rec_check_dquot((const struct pram_rec_dquot *)rec,
					    len, why);
	}
	if (pram_le16(rec->type) > PRAM_REC_LAST)
		return pram_rec_newer(why, "record types");
	return pram_rec_bad(why, "unknown record type");
}

/*
 * A file's run after one that ended at page @next of the file: in
 * ascending order, not overlapping, inside the file's @pages pages.
 */
static inline bool pram_file_run_ok(__u64 index, __u64 nr_pages, __u64 next,
				    __u64 pages)
{
	return index >= next && index <= pages && nr_pages <= pages - index;
}

/* Pages a file of @size bytes spans. */
static inline __u64 pram_file_pages(__u64 size, __u32 page_shift)
{
	return (size >> page_shift) + !!(size & ((1ULL << page_shift) - 1));
}

#endif /* _PRAM_FORMAT_H */
