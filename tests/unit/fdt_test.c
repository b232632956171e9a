// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/* fdt/: set, replace, read and delete /chosen/linux,pram-root in DTBs
 * made by dtc (packed, without /chosen, with a stale value) and in a blob
 * close to the 2 MiB limit. */
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dtbfile.h"
#include "pramfdt.h"
#include "testutil.h"

TEST(set_in_packed_blob)
{
	size_t size;
	void *b = dtb_load("basic", &size);
	uint64_t root = 0;
	const char *args;
	const unsigned char *raw;
	int len;

	CHECK(fdt_totalsize(b) == size);	/* dtc output: no free space */
	CHECK(pramfdt_get_root(b, &root) == -ENOENT);
	CHECK(pramfdt_set_root(&b, &size, 0x123456789000ULL) == 0);
	CHECK(pramfdt_get_root(b, &root) == 0 && root == 0x123456789000ULL);
	CHECK(size == fdt_totalsize(b));
	args = fdt_getprop(b, fdt_path_offset(b, "/chosen"), "bootargs", NULL);
	CHECK(args && !strcmp(args, "console=ttyAMA0 root=/dev/vda"));
	/* Stored big-endian, 8 bytes, as of_read_number() reads it. */
	raw = fdt_getprop(b, fdt_path_offset(b, "/chosen"), PRAMFDT_PROP, &len);
	CHECK(len == 8 && raw[0] == 0 && raw[2] == 0x12 && raw[7] == 0);
	free(b);
}

TEST(missing_chosen)
{
	size_t size;
	void *b = dtb_load("nochosen", &size);
	uint64_t root;

	CHECK(pramfdt_get_root(b, &root) == -ENOENT);
	CHECK(pramfdt_del_root(b) == 0);
	CHECK(pramfdt_set_root(&b, &size, 0x40001000) == 0);
	CHECK(fdt_path_offset(b, "/chosen") >= 0);
	CHECK(pramfdt_get_root(b, &root) == 0 && root == 0x40001000);
	free(b);
}

TEST(stale_value_replaced_and_deleted)
{
	size_t size;
	void *b = dtb_load("stale", &size);
	uint64_t root;
	int node, n = 0, off;

	CHECK(pramfdt_get_root(b, &root) == 0 && root == 0xdead000);
	CHECK(pramfdt_set_root(&b, &size, 0x5000) == 0);
	CHECK(pramfdt_get_root(b, &root) == 0 && root == 0x5000);
	node = fdt_path_offset(b, "/chosen");
	fdt_for_each_property_offset(off, b, node) {
		const char *name;

		fdt_getprop_by_offset(b, off, &name, NULL);
		n += !strcmp(name, PRAMFDT_PROP);
	}
	CHECK(n == 1);
	CHECK(pramfdt_del_root(b) == 0);
	CHECK(pramfdt_get_root(b, &root) == -ENOENT);
	free(b);
}

TEST(size_limit)
{
	size_t size = PRAMFDT_MAX_SIZE + 4096;
	void *b = malloc(size), *big = malloc(size);
	uint64_t root;

	/* A blob within 40 bytes of 2 MiB: /chosen and the property won't fit. */
	memset(big, 0xab, size);
	CHECK(fdt_create(b, size) == 0);
	CHECK(fdt_finish_reservemap(b) == 0);
	CHECK(fdt_begin_node(b, "") == 0);
	CHECK(fdt_property(b, "blob", big, PRAMFDT_MAX_SIZE - 120) == 0);
	CHECK(fdt_end_node(b) == 0);
	CHECK(fdt_finish(b) == 0);
	size = fdt_totalsize(b);
	CHECK(size <= PRAMFDT_MAX_SIZE && size > PRAMFDT_MAX_SIZE - 40);
	CHECK(pramfdt_set_root(&b, &size, 0x1000) == -E2BIG);
	CHECK(pramfdt_get_root(b, &root) == -ENOENT);
	free(big);
	free(b);
}

TEST(invalid_blob)
{
	size_t size = 64;
	void *b = calloc(1, size);
	uint64_t root;

	CHECK(pramfdt_set_root(&b, &size, 0x1000) == -EINVAL);
	CHECK(pramfdt_get_root(b, &root) == -EINVAL);
	CHECK(pramfdt_del_root(b) == -EINVAL);
	free(b);
}

TEST_MAIN
