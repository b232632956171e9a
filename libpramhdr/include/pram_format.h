/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * pram_format.h - the in-memory format of memory preserved across kexec
 *
 * This file is the one definition of the PRAM format. The kernel patch
 * series builds against this very file (kernel/build.sh installs it as
 * include/linux/pram_format.h) and the userspace tools include it from
 * libpramhdr. docs/format.md describes every field in prose.
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

#include <linux/types.h>

#define PRAM_FORMAT_VERSION	1

/* Page magics: four ASCII characters stored as a little-endian u32. */
#define PRAM_MAGIC_ROOT		0x4d415250	/* "PRAM": live root block */
#define PRAM_MAGIC_STALE	0x44414544	/* "DEAD": root already consumed */
#define PRAM_MAGIC_EXTENT	0x54584550	/* "PEXT": extent table page */
#define PRAM_MAGIC_NODE		0x45444f4e	/* "NODE": node header page */
#define PRAM_MAGIC_BYTES	0x53455442	/* "BTES": byte stream page */
#define PRAM_MAGIC_LINK		0x4b4e494c	/* "LINK": page stream page */

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

#endif /* _PRAM_FORMAT_H */
