// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * Seeds for the differential fuzzer: well-formed tmpfs streams (with their
 * runs) of every record type, and a few near misses, so that fuzzing
 * starts deep in both checkers.
 * usage: mkseeds_stream DIR
 */
#define _DEFAULT_SOURCE
#include <endian.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "imgwriter.h"

struct run { uint16_t index; uint8_t nr; };

static void seed(const char *dir, const char *name, const struct recbuf *m,
		 const struct run *runs, unsigned int nr)
{
	char path[4096];
	unsigned int i;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return;
	fputc(nr, f);
	for (i = 0; i < nr; i++) {
		fputc(runs[i].index & 0xff, f);
		fputc(runs[i].index >> 8, f);
		fputc(runs[i].nr, f);
	}
	fwrite(m->p, 1, m->len, f);
	fclose(f);
}

/* The tree of the pram-restore fixture: files, a hole, a symlink. */
static void files(struct recbuf *m)
{
	rec_super_path(m, 1, "/srv/cache");
	rec_inode(m, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_inode(m, 2, S_IFREG | 0644, 6, 0, 1, NULL);
	rec_dentry(m, 1, 2, "hello");
	rec_inode(m, 3, S_IFDIR | 0750, 0, 0, 0, NULL);
	rec_dentry(m, 1, 3, "dir");
	rec_inode(m, 4, S_IFREG | 0600, 3 * 4096 + 10, 1, 2, NULL);
	rec_dentry(m, 3, 4, "big");
	rec_inode(m, 5, S_IFLNK | 0777, 0, 0, 0, "../hello");
	rec_dentry(m, 3, 5, "link");
}

int main(int argc, char **argv)
{
	static const struct run three[] = { { 0, 1 }, { 0, 1 }, { 2, 2 } };
	static const char value[] = "a value";
	struct recbuf m = { 0 };

	if (argc != 2)
		return 2;
	mkdir(argv[1], 0755);

	files(&m);
	rec_end(&m, 5, 4, 4);
	seed(argv[1], "files", &m, three, 3);
	seed(argv[1], "runs-missing", &m, three, 2);

	m.len = 0;
	rec_super(&m, 1);
	rec_mpol(&m, "interleave:0-1");
	rec_quota(&m, 3, 1 << 20, 1000);
	rec_dquot(&m, 0, 1000, 4096, 0);
	rec_dquot(&m, 1, 100, 0, 1700000000);
	rec_inode(&m, 1, S_IFDIR | 01777, 0, 0, 0, NULL);
	rec_xattr(&m, 1, "user.k", value, sizeof(value));
	rec_xattr(&m, 1, "system.posix_acl_default", "\2\0\0\0", 4);
	rec_inode(&m, 2, S_IFREG | 04755, 4096, 0, 1, NULL);
	rec_xattr(&m, 2, "security.selinux", "l", 1);
	rec_dentry(&m, 1, 2, "f");
	rec_inode(&m, 3, S_IFIFO | 0600, 0, 0, 0, NULL);
	rec_dentry(&m, 1, 3, "fifo");
	rec_dentry(&m, 1, 2, "hardlink");
	rec_end_xattrs(&m, 3, 3, 3, 1);
	seed(argv[1], "settings", &m, three, 1);

	/* The same tree, its SUPER a version ahead: a newer format. */
	((struct pram_rec_super *)m.p)->version =
		htole32(le32toh(((struct pram_rec_super *)m.p)->version) + 1);
	seed(argv[1], "newer", &m, three, 1);
	return 0;
}
