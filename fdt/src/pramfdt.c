// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * /chosen/linux,pram-root in a flattened device tree, with libfdt.
 *
 * Only the basic libfdt calls are used, so that this builds both against
 * the system's libfdt and against the older copy kexec-tools bundles.
 */
#include <errno.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "pramfdt.h"

static int to_errno(int fdt_err)
{
	switch (fdt_err) {
	case -FDT_ERR_NOTFOUND:
		return -ENOENT;
	case -FDT_ERR_NOSPACE:
		return -ENOSPC;
	}
	return -EINVAL;
}

int pramfdt_get_root(const void *blob, uint64_t *root)
{
	const void *val;
	uint64_t be;
	int node, len;

	if (fdt_check_header(blob))
		return -EINVAL;
	node = fdt_path_offset(blob, "/chosen");
	if (node < 0)
		return to_errno(node);
	val = fdt_getprop(blob, node, PRAMFDT_PROP, &len);
	if (!val)
		return to_errno(len);
	if (len != sizeof(be))
		return -EINVAL;
	/* Properties are only 4-byte aligned. */
	memcpy(&be, val, sizeof(be));
	*root = fdt64_to_cpu(be);
	return 0;
}

int pramfdt_del_root(void *blob)
{
	int node, err;

	if (fdt_check_header(blob))
		return -EINVAL;
	node = fdt_path_offset(blob, "/chosen");
	if (node == -FDT_ERR_NOTFOUND)
		return 0;
	if (node < 0)
		return -EINVAL;
	err = fdt_delprop(blob, node, PRAMFDT_PROP);
	return err == -FDT_ERR_NOTFOUND ? 0 : err ? -EINVAL : 0;
}

/* Every write invalidates node offsets: look /chosen up each time. */
static int set_in(void *blob, uint64_t root)
{
	int node = fdt_path_offset(blob, "/chosen");
	uint64_t be = cpu_to_fdt64(root);	/* as of_read_number() reads it */

	if (node == -FDT_ERR_NOTFOUND)
		node = fdt_add_subnode(blob, 0, "chosen");
	if (node < 0)
		return node;
	return fdt_setprop(blob, node, PRAMFDT_PROP, &be, sizeof(be));
}

int pramfdt_set_root(void **blobp, size_t *sizep, uint64_t root)
{
	/* Room for /chosen and the property, with slack for alignment. */
	size_t need = *sizep + 256;
	void *buf;
	int err;

	if (*sizep < sizeof(struct fdt_header) || fdt_check_header(*blobp) ||
	    fdt_totalsize(*blobp) > *sizep)
		return -EINVAL;
	if (need > PRAMFDT_MAX_SIZE + 256)
		return -E2BIG;
	buf = malloc(need);
	if (!buf)
		return -ENOMEM;
	/* A packed blob has no free space: open it into a bigger buffer. */
	err = fdt_open_into(*blobp, buf, need);
	if (!err)
		err = set_in(buf, root);
	if (!err)
		err = fdt_pack(buf);
	if (err) {
		free(buf);
		return to_errno(err);
	}
	if (fdt_totalsize(buf) > PRAMFDT_MAX_SIZE) {
		free(buf);
		return -E2BIG;
	}
	free(*blobp);
	*blobp = buf;
	*sizep = fdt_totalsize(buf);
	return 0;
}
