// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * The format header is an ABI between two kernels and the tools: every
 * structure must have exactly the size and field offsets docs/format.md
 * gives. A change here is a format change and needs a new version.
 */
#include <stddef.h>
#include <stdio.h>

#include <pram_format.h>

#define AT(type, field, off) \
	_Static_assert(offsetof(struct type, field) == (off), \
		       #type "." #field " must be at offset " #off)
#define SIZE(type, size) \
	_Static_assert(sizeof(struct type) == (size), \
		       #type " must be " #size " bytes")

SIZE(pram_page_hdr, 32);
AT(pram_page_hdr, magic, 0);
AT(pram_page_hdr, crc, 4);
AT(pram_page_hdr, self, 8);
AT(pram_page_hdr, next, 16);
AT(pram_page_hdr, seq, 24);
AT(pram_page_hdr, count, 28);

SIZE(pram_root, 96);
AT(pram_root, version, 32);
AT(pram_root, page_shift, 36);
AT(pram_root, generation, 40);
AT(pram_root, nr_nodes, 48);
AT(pram_root, node_head, 56);
AT(pram_root, nr_extents, 64);
AT(pram_root, extent_head, 72);
AT(pram_root, extent_pages, 80);
AT(pram_root, nr_pages, 88);

SIZE(pram_extent, 16);
AT(pram_extent, start, 0);
AT(pram_extent, nr_pages, 8);

SIZE(pram_node, 376);
AT(pram_node, type, 32);
AT(pram_node, flags, 36);
AT(pram_node, generation, 40);
AT(pram_node, saved_time, 48);
AT(pram_node, meta_head, 56);
AT(pram_node, meta_pages, 64);
AT(pram_node, meta_bytes, 72);
AT(pram_node, data_head, 80);
AT(pram_node, data_link_pages, 88);
AT(pram_node, data_entries, 96);
AT(pram_node, data_pages, 104);
AT(pram_node, name_len, 112);
AT(pram_node, name, 120);

SIZE(pram_page_entry, 32);
AT(pram_page_entry, phys, 0);
AT(pram_page_entry, index, 8);
AT(pram_page_entry, nr_pages, 16);
AT(pram_page_entry, order, 20);
AT(pram_page_entry, flags, 21);
AT(pram_page_entry, crc, 24);

SIZE(pram_rec, 8);
SIZE(pram_rec_super, 64);
AT(pram_rec_super, version, 8);
AT(pram_rec_super, mnt_flags, 12);
AT(pram_rec_super, root_ino, 16);
AT(pram_rec_super, max_blocks, 24);
AT(pram_rec_super, max_inodes, 32);
AT(pram_rec_super, mode, 40);
AT(pram_rec_super, uid, 44);
AT(pram_rec_super, gid, 48);
AT(pram_rec_super, huge, 52);
AT(pram_rec_super, opt_flags, 56);
AT(pram_rec_super, path_len, 60);

SIZE(pram_rec_end, 40);
SIZE(pram_rec_inode, 104);
AT(pram_rec_inode, ino, 8);
AT(pram_rec_inode, mode, 16);
AT(pram_rec_inode, uid, 20);
AT(pram_rec_inode, gid, 24);
AT(pram_rec_inode, nlink, 28);
AT(pram_rec_inode, rdev, 32);
AT(pram_rec_inode, flags, 36);
AT(pram_rec_inode, size, 40);
AT(pram_rec_inode, atime_sec, 48);
AT(pram_rec_inode, mtime_sec, 56);
AT(pram_rec_inode, ctime_sec, 64);
AT(pram_rec_inode, atime_nsec, 72);
AT(pram_rec_inode, mtime_nsec, 76);
AT(pram_rec_inode, ctime_nsec, 80);
AT(pram_rec_inode, first_entry, 88);
AT(pram_rec_inode, nr_entries, 96);

SIZE(pram_rec_dentry, 32);
AT(pram_rec_dentry, parent, 8);
AT(pram_rec_dentry, ino, 16);
AT(pram_rec_dentry, name_len, 24);

SIZE(pram_rec_xattr, 24);
AT(pram_rec_xattr, ino, 8);
AT(pram_rec_xattr, name_len, 16);
AT(pram_rec_xattr, value_len, 20);

SIZE(pram_rec_mpol, 8);

SIZE(pram_rec_quota, 80);
AT(pram_rec_quota, types, 8);
AT(pram_rec_quota, bhardlimit, 16);
AT(pram_rec_quota, ihardlimit, 32);
AT(pram_rec_quota, bgrace, 48);
AT(pram_rec_quota, igrace, 64);

SIZE(pram_rec_dquot, 64);
AT(pram_rec_dquot, type, 8);
AT(pram_rec_dquot, id, 12);
AT(pram_rec_dquot, bhardlimit, 16);
AT(pram_rec_dquot, bsoftlimit, 24);
AT(pram_rec_dquot, ihardlimit, 32);
AT(pram_rec_dquot, isoftlimit, 40);
AT(pram_rec_dquot, btime, 48);
AT(pram_rec_dquot, itime, 56);

int main(void)
{
	/* Magics spell their names in memory, little-endian. */
	static const struct { unsigned int magic; const char *text; } m[] = {
		{ PRAM_MAGIC_ROOT, "PRAM" }, { PRAM_MAGIC_STALE, "DEAD" },
		{ PRAM_MAGIC_EXTENT, "PEXT" }, { PRAM_MAGIC_NODE, "NODE" },
		{ PRAM_MAGIC_BYTES, "BTES" }, { PRAM_MAGIC_LINK, "LINK" },
	};
	int bad = 0;

	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		const unsigned char *b = (const unsigned char *)m[i].text;
		unsigned int v = b[0] | b[1] << 8 | b[2] << 16 | (unsigned int)b[3] << 24;

		if (v != m[i].magic) {
			fprintf(stderr, "magic %#x does not spell %s\n", m[i].magic, m[i].text);
			bad = 1;
		}
	}
	return bad;
}
