// SPDX-License-Identifier: GPL-2.0-only
/*
 * The PRAM root in the next kernel's device tree, for kexec_load on
 * device-tree architectures (arm64), where kexec-tools builds the next
 * tree from the running one: a stale /chosen/linux,pram-root (from the
 * previous handover) is replaced, or removed when nothing is handed over,
 * and a pram= left in /chosen/bootargs is removed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "cmdline.h"
#include "pram-kexec.h"
#include "pramfdt.h"

/*
 * kexec-tools keeps the running kernel's /chosen/bootargs when it is given
 * no command line: a pram= there would be a second, stale root. The line
 * only shrinks, so the blob has room.
 */
static int strip_bootargs(void *blob)
{
	int node = fdt_path_offset(blob, "/chosen"), len, err;
	const char *args;
	char *out;

	if (node < 0)
		return 0;
	args = fdt_getprop(blob, node, "bootargs", &len);
	if (!args || len <= 0 || !memchr(args, '\0', len) || !strstr(args, "pram="))
		return 0;
	if (pram_cmdline_edit(args, 0, len, &out))
		return -1;
	err = fdt_setprop_string(blob, node, "bootargs", out);
	free(out);
	if (err) {
		fprintf(stderr, "pram-kexec: cannot remove pram= from /chosen/bootargs: %s\n",
			fdt_strerror(err));
		return -1;
	}
	return 0;
}

int pram_kexec_dtb(char **buf, off_t *size)
{
	void *blob = *buf;
	size_t sz = *size;
	uint64_t root;
	int err;

	if (strip_bootargs(blob))
		return -1;
	if (!pram_kexec_root(&root))
		return pramfdt_del_root(blob) ? -1 : 0;
	err = pramfdt_set_root(&blob, &sz, root);
	if (err) {
		fprintf(stderr, "pram-kexec: cannot put the PRAM root into the device tree: %s\n",
			strerror(-err));
		return -1;
	}
	*buf = blob;
	*size = sz;
	printf("pram-kexec: root %#llx set in /chosen/%s\n",
	       (unsigned long long)root, PRAMFDT_PROP);
	return 0;
}
