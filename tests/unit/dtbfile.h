/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* A DTB that CMake made with dtc from tests/unit/fdt/NAME.dts, read whole. */
#ifndef DTBFILE_H
#define DTBFILE_H

#include <stdio.h>
#include <stdlib.h>

/* malloc()ed, 64 KiB of room; *size is the DTB's. Exits if it cannot. */
static inline void *dtb_load(const char *name, size_t *size)
{
	char path[4096];
	FILE *f;
	void *buf = malloc(1 << 16);

	snprintf(path, sizeof(path), "%s/%s.dtb", DTB_DIR, name);
	f = fopen(path, "rb");
	if (!f || !buf) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	*size = fread(buf, 1, 1 << 16, f);
	fclose(f);
	return buf;
}

#endif
