// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/* mkseeds DIR: small valid chains as the fuzzer's seed corpus. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <sys/stat.h>

#include "imgwriter.h"

static void seed(const char *dir, const char *name, struct img_node *nodes,
		 size_t n)
{
	struct img img;
	char path[4096];

	img_init(&img, 0x100000, 96 * 4096);
	img_build(&img, nodes, n);
	img.size = img.next - img.base;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	img_write(&img, path);
	img_free(&img);
}

int main(int argc, char **argv)
{
	struct recbuf m = { 0 };
	struct img_run runs[2] = { { .index = 0, .pages = 1 },
				   { .index = 2, .pages = 2, .order = 1 } };
	struct img_node tree = { .name = "t", .type = PRAM_NODE_SHMEM,
				 .runs = runs, .nr_runs = 2 };
	struct img_node raw[2] = { { .name = "a", .meta = "abc", .meta_len = 3 },
				   { .name = "b" } };

	if (argc < 2)
		return 2;
	mkdir(argv[1], 0755);
	rec_super_path(&m, 1, "/srv/t");
	rec_mpol(&m, "bind:0");
	rec_quota(&m, 3, 1 << 20, 100);
	rec_dquot(&m, PRAM_QUOTA_USR, 1000, 1 << 19, 1800000000);
	rec_inode(&m, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_inode(&m, 2, S_IFREG | 0644, 4 * 4096 - 7, 0, 2, NULL);
	rec_dentry(&m, 1, 2, "f");
	rec_inode(&m, 3, S_IFLNK | 0777, 0, 0, 0, "f");
	rec_dentry(&m, 1, 3, "l");
	rec_dentry(&m, 1, 2, "hard");
	rec_end(&m, 3, 3, 3);
	tree.meta = m.p;
	tree.meta_len = m.len;
	seed(argv[1], "tree", &tree, 1);
	seed(argv[1], "raw", raw, 2);
	seed(argv[1], "empty", NULL, 0);
	return 0;
}
