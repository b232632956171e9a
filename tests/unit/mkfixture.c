// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * mkfixture DIR [corrupt]: a fake system for pramdump and pram-restore
 * --sysroot tests: DIR/proc/kcore (an ELF core of a synthetic chain),
 * DIR/sys/kernel/mm/pram/root and DIR/sys/kernel/mm/pram/nodes/NAME/ (both
 * nodes, taken over from a previous kernel). The chain has a tmpfs node
 * "cache", mounted at /srv/cache when saved, holding /hello (6 bytes),
 * /dir/big (3 pages and 10 bytes, with a hole) and /dir/link -> ../hello,
 * and a raw node "raw". With "corrupt", a byte of cache's data is flipped;
 * with "badmeta", a byte of its metadata.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "elfcore.h"
#include "imgwriter.h"

#define BASE 0x40000000ULL

#define SYS_PRAM "/sys/kernel/mm/pram"

static int make_dirs(const char *top)
{
	static const char *const dirs[] = {
		"", "/proc", "/sys", "/sys/kernel", "/sys/kernel/mm",
		SYS_PRAM, SYS_PRAM "/nodes",
	};
	char path[4096];
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", top, dirs[i]);
		if (mkdir(path, 0755) && errno != EEXIST)
			return -1;
	}
	return 0;
}

/* One sysfs value, @file relative to /sys/kernel/mm/pram. */
static int write_value(const char *top, const char *file, const char *fmt,
		       ...)
{
	char path[4096];
	va_list ap;
	FILE *f;

	snprintf(path, sizeof(path), "%s" SYS_PRAM "/%s", top, file);
	f = fopen(path, "w");
	if (!f)
		return -1;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	return fclose(f);
}

/* A node as the kernel lists one it took over from the previous kernel. */
static int write_node(const char *top, const char *name, const char *type,
		      unsigned int pages)
{
	const char *values[][2] = {
		{ "type", type }, { "state", "ready" }, { "origin", "incoming" },
		{ "generation", "1" },
	};
	char path[512];
	size_t i;

	snprintf(path, sizeof(path), "%s" SYS_PRAM "/nodes/%s", top, name);
	if (mkdir(path, 0755))
		return -1;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		snprintf(path, sizeof(path), "nodes/%s/%s", name, values[i][0]);
		if (write_value(top, path, "%s", values[i][1]))
			return -1;
	}
	snprintf(path, sizeof(path), "nodes/%s/pages", name);
	return write_value(top, path, "%u", pages);
}

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

	if (make_dirs(argv[1]))
		return 1;
	snprintf(path, sizeof(path), "%s/proc/kcore", argv[1]);
	if (elfcore_write(path, img.mem, img.base, img.size, 1 << 20, 3))
		return 1;
	if (write_value(argv[1], "root", "%#llx", (unsigned long long)img.root) ||
	    write_node(argv[1], "cache", "shmem", 7) ||
	    write_node(argv[1], "raw", "raw", 3))
		return 1;
	snprintf(path, sizeof(path), "%s/image.raw", argv[1]);
	img_write(&img, path);
	printf("%#llx\n", (unsigned long long)img.root);
	img_free(&img);
	free(m.p);
	return 0;
}
