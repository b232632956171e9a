// SPDX-License-Identifier: GPL-2.0-only
/*
 * The PRAM root in the next kernel's device tree, for kexec_load on
 * device-tree architectures (arm64), where kexec-tools builds the next
 * tree from the running one: a stale /chosen/linux,pram-root (from the
 * previous handover) is replaced, or removed when nothing is handed over.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pram-kexec.h"
#include "pramfdt.h"

int pram_kexec_dtb(char **buf, off_t *size)
{
	void *blob = *buf;
	size_t sz = *size;
	uint64_t root;
	int err;

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
