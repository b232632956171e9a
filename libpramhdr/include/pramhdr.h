/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * pramhdr.h - read and check a PRAM chain from any memory source
 *
 * libpramhdr reads the memory a kernel preserved across kexec (the format
 * is in pram_format.h) from a live system (/proc/kcore), an ELF core dump
 * (QEMU dump-guest-memory, /proc/vmcore, makedumpfile -E output) or a raw
 * memory image, checks it independently of the kernel that wrote it and
 * decodes tmpfs trees.
 *
 * Conventions: functions return 0 or a positive count on success and a
 * negative errno value on failure; pramhdr_strerror() says what it means
 * for the caller. The library never prints, never exits and keeps no
 * global state; everything it allocates is freed by the matching _free or
 * _close function. Problems found in the chain are not errors: they are
 * collected in a struct pramhdr_report with where they were found.
 */
#ifndef PRAMHDR_H
#define PRAMHDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pram_format.h"

#ifdef __cplusplus
extern "C" {
#endif

/**********************************************************************/
/* Memory sources                                                     */
/**********************************************************************/

struct pramhdr_source;

/**
 * pramhdr_source_open_raw - a raw image of physical memory
 * @srcp: set to the new source
 * @path: image file
 * @base: physical address of the image's first byte
 *
 * Returns:
 *	0, -ENOENT/-EACCES/... from open(), -EINVAL if @base is not page
 *	aligned, -ENOMEM.
 */
int pramhdr_source_open_raw(struct pramhdr_source **srcp, const char *path,
			    uint64_t base);

/**
 * pramhdr_source_open_elf - an ELF core of physical memory
 * @srcp: set to the new source
 * @path: /proc/kcore, /proc/vmcore, a QEMU dump-guest-memory file or
 *	makedumpfile -E output
 *
 * PT_LOAD segments with a physical address (p_paddr other than -1) are
 * the RAM the source offers. Cores with more than 65535 program headers
 * (PN_XNUM) are supported. The file is read with pread(), never mapped.
 *
 * Returns:
 *	0, -errno from open(), -EPROTONOSUPPORT for a kdump-compressed
 *	file (convert it with makedumpfile -E), -ENOEXEC if it is not an
 *	ELF core, -ENODATA if it has no physical memory segments, -ENOMEM.
 */
int pramhdr_source_open_elf(struct pramhdr_source **srcp, const char *path);

/**
 * pramhdr_source_open - open a source from its command-line spelling
 * @srcp: set to the new source
 * @spec: "IMAGE@ADDRESS" for a raw image (ADDRESS in C notation, e.g.
 *	0x100000), anything else is an ELF core path
 *
 * Returns: as pramhdr_source_open_raw() or pramhdr_source_open_elf().
 */
int pramhdr_source_open(struct pramhdr_source **srcp, const char *spec);

/**
 * pramhdr_source_close - release a source
 * @src: the source, or NULL
 */
void pramhdr_source_close(struct pramhdr_source *src);

/**
 * pramhdr_source_read - read physical memory
 * @src: the source
 * @phys: physical address
 * @buf: destination
 * @len: bytes
 *
 * Returns:
 *	0, -EFAULT if part of the range is not in the source (outside RAM,
 *	or left out of the dump), -EIO on a short read or read error.
 */
int pramhdr_source_read(struct pramhdr_source *src, uint64_t phys, void *buf,
			size_t len);

/**
 * pramhdr_source_has - is a physical range entirely in the source?
 * @src: the source
 * @phys: physical address
 * @len: bytes
 */
bool pramhdr_source_has(const struct pramhdr_source *src, uint64_t phys,
			uint64_t len);

/**
 * pramhdr_source_range - the source's RAM ranges, in address order
 * @src: the source
 * @i: index from 0
 * @start: set to the first byte
 * @end: set to one past the last byte
 *
 * Returns: 0, or -ENOENT past the last range.
 */
int pramhdr_source_range(const struct pramhdr_source *src, size_t i,
			 uint64_t *start, uint64_t *end);

/**********************************************************************/
/* Problems                                                           */
/**********************************************************************/

/* Kinds of problems, for tests and tools that react to specific ones. */
enum pramhdr_problem_kind {
	PRAMHDR_P_UNREADABLE = 1, /* a page is outside RAM or the source */
	PRAMHDR_P_MAGIC,	  /* wrong page magic */
	PRAMHDR_P_STALE,	  /* the root was consumed by a later kernel */
	PRAMHDR_P_CRC,		  /* a metadata page's CRC does not match */
	PRAMHDR_P_SELF,		  /* a page records another address */
	PRAMHDR_P_SEQ,		  /* a page is out of order in its chain */
	PRAMHDR_P_VERSION,	  /* format version or page size */
	PRAMHDR_P_COUNT,	  /* a count or total does not add up */
	PRAMHDR_P_CHAIN,	  /* a chain is too short, too long or cycles */
	PRAMHDR_P_EXTENT,	  /* extent table unsorted, touching, malformed */
	PRAMHDR_P_OUTSIDE,	  /* a page is not covered by the extents */
	PRAMHDR_P_SHARED,	  /* a page is used twice */
	PRAMHDR_P_NAME,		  /* node name empty, too long, unterminated */
	PRAMHDR_P_RUN,		  /* a data run is malformed */
	PRAMHDR_P_DATA_CRC,	  /* a data run does not match its CRC */
	PRAMHDR_P_RECORD,	  /* tmpfs metadata record is malformed */
};

/**
 * struct pramhdr_problem - one thing wrong with a chain
 * @kind: enum pramhdr_problem_kind
 * @node: index of the node in the chain, -1 if not in a node
 * @phys: physical address of the page or run concerned
 * @offset: byte offset in that page (0 if the whole page)
 * @text: what was found and what was expected, one line, no newline
 */
struct pramhdr_problem {
	int kind;
	int node;
	uint64_t phys;
	uint32_t offset;
	char text[160];
};

/**
 * struct pramhdr_report - problems found by a walk, in the order found
 * @problems: array of @nr problems
 * @nr: number of problems
 * @cap: allocated entries
 * @dropped: problems not recorded because of @limit
 * @limit: record at most this many (0: 1000)
 */
struct pramhdr_report {
	struct pramhdr_problem *problems;
	size_t nr;
	size_t cap;
	size_t dropped;
	size_t limit;
};

/**
 * pramhdr_report_free - free the problems of a report and empty it
 * @rep: the report
 */
void pramhdr_report_free(struct pramhdr_report *rep);

/**
 * pramhdr_problem_kind_name - short name of a problem kind ("crc", ...)
 * @kind: enum pramhdr_problem_kind
 */
const char *pramhdr_problem_kind_name(int kind);

/**********************************************************************/
/* Chains                                                             */
/**********************************************************************/

/**
 * struct pramhdr_node - what the walk learnt about a node
 * @phys: physical address of its node page
 * @type: PRAM_NODE_*
 * @generation: root generation of the kernel that saved it
 * @saved_time: seconds since the epoch when it was saved
 * @meta_head: first byte stream page
 * @meta_pages: byte stream pages
 * @meta_bytes: byte stream length
 * @data_head: first link page
 * @data_link_pages: link pages
 * @data_entries: page stream entries
 * @data_pages: pages the entries cover
 * @name: name, NUL-terminated (possibly truncated if malformed)
 * @page_size: page size of the chain
 * @ok: no problem was found in this node
 * @data_checked: data CRCs were checked (PRAMHDR_VERIFY_DATA)
 * @data_bad: runs whose data CRC failed
 */
struct pramhdr_node {
	uint64_t phys;
	uint32_t type;
	uint64_t generation;
	uint64_t saved_time;
	uint64_t meta_head, meta_pages, meta_bytes;
	uint64_t data_head, data_link_pages, data_entries, data_pages;
	char name[PRAM_NAME_MAX + 1];
	uint32_t page_size;
	bool ok;
	bool data_checked;
	uint64_t data_bad;
};

/**
 * struct pramhdr_chain - a walked chain
 * @root_phys: address of the root
 * @stale: the root is marked consumed (DEAD)
 * @page_size: page size the chain uses
 * @generation: root generation
 * @nr_extents: extents
 * @nr_pages: pages the extents cover
 * @extents: @nr_extents extents as [start, end) pairs, sorted
 * @nodes: @nr_nodes nodes in chain order
 * @nr_nodes: number of nodes found (may be fewer than the root says if
 *	the chain is broken)
 * @usable: the root and the extent table are sound, so a kernel would
 *	take the chain over (and then keep each node that is ok)
 */
struct pramhdr_chain {
	uint64_t root_phys;
	bool usable;
	bool stale;
	uint32_t page_size;
	uint64_t generation;
	uint64_t nr_extents;
	uint64_t nr_pages;
	uint64_t (*extents)[2];
	struct pramhdr_node *nodes;
	size_t nr_nodes;
};

#define PRAMHDR_VERIFY_DATA	0x1	/* also read every data run and check its CRC */

/**
 * struct pramhdr_read_opts - how pramhdr_chain_read_opts() walks a chain
 * @flags: PRAMHDR_VERIFY_DATA or 0
 * @threads: threads that check data CRCs; 0 for one per online CPU
 * @progress: while data CRCs are checked, called every 100 ms or so from
 *	the calling thread with the bytes checked and the bytes to check,
 *	and once at the end with both equal; may be NULL
 * @progress_arg: passed to @progress
 */
struct pramhdr_read_opts {
	unsigned int flags;
	unsigned int threads;
	void (*progress)(uint64_t done, uint64_t total, void *arg);
	void *progress_arg;
};

/**
 * pramhdr_chain_read - walk and check a chain
 * @src: memory source
 * @root: physical address of the root block
 * @flags: PRAMHDR_VERIFY_DATA or 0
 * @chainp: set to the walked chain (also when problems were found)
 * @rep: problems are appended here
 *
 * Checks every metadata page (magic, CRC, own address, position), the
 * extent table (sorted, non-touching, inside RAM, covering the root and
 * itself, totals), every node (name, chain lengths, byte and entry
 * totals, runs aligned and inside RAM and the extents), that no page is
 * used twice, and with PRAMHDR_VERIFY_DATA every run's data CRC. The
 * verdicts are the kernel's: a chain the kernel would ignore is not
 * @usable, a node it would drop is not @ok. A damaged node's own claims
 * (but its node page) are not held against the others: its pointers
 * cannot be trusted. The walk of the node chain ends at a node page that
 * fails its checks.
 *
 * Returns:
 *	the number of problems found (0: clean), -ENOENT if there is no
 *	root at @root (nothing is preserved), -EFAULT if @root is not in
 *	the source, -EIO, -ENOMEM. *@chainp is set whenever the return
 *	value is not negative.
 */
int pramhdr_chain_read(struct pramhdr_source *src, uint64_t root,
		       unsigned int flags, struct pramhdr_chain **chainp,
		       struct pramhdr_report *rep);

/**
 * pramhdr_chain_read_opts - pramhdr_chain_read() with options
 * @src: memory source
 * @root: physical address of the root block
 * @opts: flags, threads for the data CRCs, a progress function
 * @chainp: as for pramhdr_chain_read()
 * @rep: as for pramhdr_chain_read()
 *
 * Returns: as pramhdr_chain_read().
 */
int pramhdr_chain_read_opts(struct pramhdr_source *src, uint64_t root,
			    const struct pramhdr_read_opts *opts,
			    struct pramhdr_chain **chainp,
			    struct pramhdr_report *rep);

/**
 * pramhdr_chain_free - free a walked chain
 * @chain: the chain, or NULL
 */
void pramhdr_chain_free(struct pramhdr_chain *chain);

/**
 * pramhdr_node_meta - read a node's metadata byte stream
 * @src: memory source
 * @node: a node of a walked chain
 * @bufp: set to a malloc()ed buffer of the whole stream (free() it)
 * @lenp: set to its length
 *
 * Returns: 0, -EFAULT/-EIO on a page that cannot be read, -EBADMSG if the
 * stream's pages are malformed, -ENOMEM.
 */
int pramhdr_node_meta(struct pramhdr_source *src,
		      const struct pramhdr_node *node, void **bufp,
		      size_t *lenp);

/**
 * struct pramhdr_run - one page stream entry, in host order
 */
struct pramhdr_run {
	uint64_t phys;
	uint64_t index;
	uint32_t nr_pages;
	uint8_t order;
	uint32_t crc;
};

/**
 * pramhdr_node_runs - read all page stream entries of a node
 * @src: memory source
 * @node: a node of a walked chain
 * @runsp: set to a malloc()ed array (free() it)
 * @nrp: set to the number of entries
 *
 * Returns: 0, -EFAULT/-EIO, -EBADMSG, -ENOMEM.
 */
int pramhdr_node_runs(struct pramhdr_source *src,
		      const struct pramhdr_node *node,
		      struct pramhdr_run **runsp, size_t *nrp);

/**
 * pramhdr_crc32c - CRC32C as the format uses it
 * @crc: 0 to start, or the result of a previous call to continue
 * @buf: bytes
 * @len: length
 *
 * Returns: the CRC of everything so far (pramhdr_crc32c(0, "123456789", 9)
 * is 0xe3069283).
 */
uint32_t pramhdr_crc32c(uint32_t crc, const void *buf, size_t len);

/**
 * pramhdr_crc32c_combine - the CRC32C of two pieces put end to end
 * @crc1: pramhdr_crc32c() of the first piece
 * @crc2: pramhdr_crc32c() of the second piece
 * @len2: length of the second piece
 *
 * Lets pieces of one run be checked in parallel (O(log len2) steps).
 *
 * Returns: the CRC of the first piece followed by the second.
 */
uint32_t pramhdr_crc32c_combine(uint32_t crc1, uint32_t crc2, uint64_t len2);

/**********************************************************************/
/* tmpfs trees                                                        */
/**********************************************************************/

/**
 * struct pramhdr_file - one name in a preserved tmpfs tree
 * @path: path from the tree's root, "/" for the root itself
 * @ino: inode id (names with the same @ino are hard links)
 * @mode: type and permission bits
 * @uid: owner
 * @gid: group
 * @nlink: link count when saved
 * @rdev: device number (new_encode_dev)
 * @size: size in bytes
 * @atime: access time, ns since the epoch
 * @mtime: modification time, ns
 * @ctime: change time, ns
 * @target: symlink target or NULL
 * @first_entry: first page stream entry of a regular file
 * @nr_entries: number of page stream entries
 * @flags: chattr flags, PRAM_INODE_FL_*
 */
struct pramhdr_file {
	char *path;
	uint64_t ino;
	uint32_t mode, uid, gid, nlink, rdev;
	uint64_t size;
	int64_t atime, mtime, ctime;
	char *target;
	uint64_t first_entry, nr_entries;
	uint32_t flags;
};

/**
 * struct pramhdr_dquot - quota limits of one user or group of a tree
 * @type: PRAM_QUOTA_USR or PRAM_QUOTA_GRP
 * @id: user or group id
 * @bhardlimit: space hard limit, bytes (0: none)
 * @bsoftlimit: space soft limit, bytes
 * @ihardlimit: inode hard limit
 * @isoftlimit: inode soft limit
 * @btime: end of the space grace period, s since the epoch (0: none)
 * @itime: end of the inode grace period
 */
struct pramhdr_dquot {
	uint32_t type, id;
	uint64_t bhardlimit, bsoftlimit, ihardlimit, isoftlimit;
	int64_t btime, itime;
};

/**
 * struct pramhdr_tree - a decoded tmpfs node
 * @files: @nr_files names, in stream (breadth-first) order, root first
 * @nr_files: number of names
 * @max_blocks: size= of the mount, in pages
 * @max_inodes: nr_inodes=
 * @mode: mode= of the mount
 * @data_pages: pages the files' entries cover
 * @nr_xattrs: extended attributes and ACLs in the tree
 * @mountpoint: where it was mounted when preserved, or NULL if unknown
 * @uid: uid= of the mount
 * @gid: gid= of the mount
 * @huge: huge= of the mount (0 never, 1 always, 2 within_size, 3 advise)
 * @opt_flags: PRAM_SHMEM_OPT_* (noswap, inode64)
 * @mnt_flags: PRAM_MNT_* of the mount at @mountpoint (ro, nosuid...)
 * @mpol: mpol= of the mount, or NULL for the default policy
 * @quota_types: quota types accounted, bit (1 << PRAM_QUOTA_*); 0: none
 * @quota_bhardlimit: per type, the default space hard limit in bytes
 * @quota_ihardlimit: per type, the default inode hard limit
 * @quota_bgrace: per type, the space grace period in seconds
 * @quota_igrace: per type, the inode grace period in seconds
 * @dquots: @nr_dquots users' and groups' own quota limits
 * @nr_dquots: their number
 */
struct pramhdr_tree {
	struct pramhdr_file *files;
	size_t nr_files;
	uint64_t max_blocks, max_inodes;
	uint32_t mode;
	uint64_t data_pages;
	uint64_t nr_xattrs;
	char *mountpoint;
	uint32_t uid, gid, huge, opt_flags;
	uint32_t mnt_flags;
	char *mpol;
	uint32_t quota_types;
	uint64_t quota_bhardlimit[PRAM_QUOTA_TYPES];
	uint64_t quota_ihardlimit[PRAM_QUOTA_TYPES];
	uint64_t quota_bgrace[PRAM_QUOTA_TYPES];
	uint64_t quota_igrace[PRAM_QUOTA_TYPES];
	struct pramhdr_dquot *dquots;
	size_t nr_dquots;
};

/**
 * pramhdr_tree_mount_options - the tree's mount options as tmpfs takes them
 * @tree: a decoded tree
 * @buf: where to write them, NUL-terminated ("size=1024k,nr_inodes=...")
 * @size: size of @buf
 *
 * Every option the tree records, spelled out in the syntax of mount -o
 * (nr_blocks= counts pages, 0 unlimited, as tmpfs reads it), then the flags of the
 * mount at the recorded mountpoint (ro, nosuid, nodev, noexec, the atime
 * mode). The per-user and per-group limits in @tree->dquots are not
 * mount options.
 *
 * Returns: the length of the whole text, as snprintf() does: if it is
 * @size or more, @buf holds only its beginning.
 */
int pramhdr_tree_mount_options(const struct pramhdr_tree *tree, char *buf,
			       size_t size);

/**
 * pramhdr_tree_decode - decode a tmpfs node's metadata stream
 * @meta: the stream (from pramhdr_node_meta())
 * @len: its length
 * @node: node index for problems
 * @treep: set to the decoded tree
 * @rep: problems are appended here
 *
 * Each record is checked by pram_rec_check(), the kernel's own rules,
 * then for its place in the stream; decoding stops at the first problem.
 *
 * Returns: the number of problems (0: clean; the tree is then complete;
 * 1: damaged, the report says where), -EOPNOTSUPP if a newer kernel
 * wrote the tree (a newer SUPER version, record type or inode flag: the
 * kernel keeps such a tree rather than dropping it, so it is not damage),
 * or -ENOMEM. *@treep is set whenever the return value is not negative.
 */
int pramhdr_tree_decode(const void *meta, size_t len, int node,
			struct pramhdr_tree **treep,
			struct pramhdr_report *rep);

/**
 * pramhdr_tree_check_runs - check a tree's files against the node's runs
 * @tree: a decoded tree
 * @runs: the node's runs (pramhdr_node_runs())
 * @nr_runs: their number
 * @page_size: the chain's page size
 * @node: node index for problems
 * @rep: problems are appended here
 *
 * Each regular file's runs must lie within its size (rounded up to
 * pages), in ascending index order, none overlapping another, and the
 * files' entries must account for every run: the rule by which a
 * restore gives every page a place of its own. The runs must also cover
 * the data pages the END record gives.
 *
 * Returns: the number of problems found, or -ENOMEM.
 */
int pramhdr_tree_check_runs(const struct pramhdr_tree *tree,
			    const struct pramhdr_run *runs, size_t nr_runs,
			    uint32_t page_size, int node,
			    struct pramhdr_report *rep);

/**
 * pramhdr_tree_free - free a decoded tree
 * @tree: the tree, or NULL
 */
void pramhdr_tree_free(struct pramhdr_tree *tree);

/**
 * pramhdr_file_read - copy a regular file's preserved bytes
 * @src: memory source
 * @runs: the node's runs (pramhdr_node_runs())
 * @nr_runs: their number
 * @file: a regular file of the node's tree
 * @page_size: the chain's page size
 * @out: called with consecutive pieces of the file, holes as zeros
 * @arg: passed to @out; a non-zero return of @out stops and is returned
 *
 * Returns: 0, -EFAULT/-EIO, -EBADMSG if the file's entries are out of
 * range, or what @out returned.
 */
int pramhdr_file_read(struct pramhdr_source *src,
		      const struct pramhdr_run *runs, size_t nr_runs,
		      const struct pramhdr_file *file, uint32_t page_size,
		      int (*out)(void *arg, const void *buf, size_t len),
		      void *arg);

/**********************************************************************/
/* The running kernel (sysfs)                                         */
/**********************************************************************/

/* Where the kernel shows PRAM: one value per file. */
#define PRAMHDR_SYSFS_DIR	"/sys/kernel/mm/pram"

/**
 * struct pramhdr_live_node - a node as the running kernel lists it
 * @name: its name
 * @type: "shmem" (a tmpfs tree) or "raw"
 * @state: "saving", "ready" or "loading"
 * @origin: "saved" (by this kernel) or "incoming" (from the previous one)
 * @pages: pages it holds, node page and chains included
 * @generation: root generation of the kernel that saved it
 */
struct pramhdr_live_node {
	char name[PRAM_NAME_MAX + 1];
	char type[16];
	char state[16];
	char origin[16];
	uint64_t pages;
	uint64_t generation;
};

/**
 * pramhdr_live_root - the running kernel's root address, to pass as pram=
 * @sysroot: prefix of the sysfs paths (a test fixture), or NULL for /
 * @root: the address
 *
 * Returns: 0, -ENOENT if the kernel has no PRAM, -EACCES if not root,
 * -EBADMSG if the file does not hold an address.
 */
int pramhdr_live_root(const char *sysroot, uint64_t *root);

/**
 * pramhdr_live_nodes - every node the running kernel holds
 * @sysroot: prefix of the sysfs paths, or NULL
 * @nodes: set to a malloc()ed array, to free()
 * @nr: set to its length
 *
 * A node discarded while the list is read is left out.
 *
 * Returns: 0, -ENOENT if the kernel has no PRAM, -ENOMEM, or the error
 * reading a node's files.
 */
int pramhdr_live_nodes(const char *sysroot, struct pramhdr_live_node **nodes,
		       size_t *nr);

/**
 * pramhdr_live_node - one node of the running kernel, by name
 * @sysroot: prefix of the sysfs paths, or NULL
 * @name: the node's name
 * @node: filled in
 *
 * Returns: 0, or -ENOENT if there is no such node (or no PRAM).
 */
int pramhdr_live_node(const char *sysroot, const char *name,
		      struct pramhdr_live_node *node);

/**
 * pramhdr_strerror - what an error code of this library means
 * @err: a negative errno value returned by a pramhdr_ function
 *
 * Returns: a sentence for the user, without a trailing newline.
 */
const char *pramhdr_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif /* PRAMHDR_H */
