// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * mkfixture DIR [corrupt]: a fake system for pramdump and pram-restore
 * --sysroot tests: DIR/proc/kcore (an ELF core of a synthetic chain),
 * DIR/sys/kernel/pram (its root) and DIR/sys/kernel/mm/pram/nodes (both
 * nodes, taken over from a previous kernel). The chain has a tmpfs node
 * "cache", mounted at /srv/cache when saved, holding /hello (6 bytes),
 * /dir/big (3 pages and 10 bytes, with a hole) and /dir/link -> ../hello,
 * and a raw node "raw". With "corrupt", a byte of cache's data is flipped;
 * with "badmeta", a byte of its metadata.
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "elfcore.h"
#include "imgwriter.h"

#define BASE 0x40000000ULL

int main(int argc, char **argv)
{
	struct img img;
	struct recbuf m = { 0 };
	struct img_run runs[3] = {
		{ .index = 0, .pages = 1 },	/* hello */
		{ .index = 0, .pages = 1 },	/* big, page 0 */
		{ .index = 2, .pages = 2 },	/* big, pages 2-3 */
	};
	struct img_run raw_runs[1] = { { .index = 0, .pages = 2 } };
	struct img_node nodes[2] = {
		{ .name = "cache", .type = PRAM_NODE_SHMEM, .runs = runs, .nr_runs = 3 },
		{ .name = "raw", .type = PRAM_NODE_RAW, .meta = "x", .meta_len = 1,
		  .runs = raw_runs, .nr_runs = 1 },
	};
	char path[4096];
	FILE *f;

	if (argc < 2)
		return 2;
	rec_super_path(&m, 1, "/srv/cache");
	rec_inode(&m, 1, S_IFDIR | 0755, 0, 0, 0, NULL);
	rec_inode(&m, 2, S_IFREG | 0644, 6, 0, 1, NULL);
	rec_dentry(&m, 1, 2, "hello");
	rec_inode(&m, 3, S_IFDIR | 0750, 0, 0, 0, NULL);
	rec_dentry(&m, 1, 3, "dir");
	rec_inode(&m, 4, S_IFREG | 0600, 3 * 4096 + 10, 1, 2, NULL);
	rec_dentry(&m, 3, 4, "big");
	rec_inode(&m, 5, S_IFLNK | 0777, 0, 0, 0, "../hello");
	rec_dentry(&m, 3, 5, "link");
	rec_end(&m, 5, 4, 4);
	nodes[0].meta = m.p;
	nodes[0].meta_len = m.len;

	img_init(&img, BASE, 4 << 20);
	img_build(&img, nodes, 2);
	if (argc > 2 && !strcmp(argv[2], "corrupt"))
		((unsigned char *)img_at(&img, runs[2].phys))[5] ^= 0x40;
	if (argc > 2 && !strcmp(argv[2], "badmeta"))
		((unsigned char *)img_at(&img, nodes[0].meta_head))[40] ^= 0x40;

	snprintf(path, sizeof(path), "%s/proc", argv[1]);
	mkdir(argv[1], 0755);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/sys", argv[1]);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/sys/kernel", argv[1]);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/proc/kcore", argv[1]);
	if (elfcore_write(path, img.mem, img.base, img.size, 1 << 20, 3))
		return 1;
	snprintf(path, sizeof(path), "%s/sys/kernel/pram", argv[1]);
	f = fopen(path, "w");
	if (!f)
		return 1;
	fprintf(f, "%#llx\n", (unsigned long long)img.root);
	fclose(f);
	snprintf(path, sizeof(path), "%s/sys/kernel/mm", argv[1]);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/sys/kernel/mm/pram", argv[1]);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/sys/kernel/mm/pram/nodes", argv[1]);
	f = fopen(path, "w");
	if (!f)
		return 1;
	fprintf(f, "cache shmem ready incoming 7 1\nraw raw ready incoming 3 1\n");
	fclose(f);
	snprintf(path, sizeof(path), "%s/image.raw", argv[1]);
	img_write(&img, path);
	printf("%#llx\n", (unsigned long long)img.root);
	img_free(&img);
	free(m.p);
	return 0;
}
