/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * pramfdt.h - hand the PRAM root to the next kernel in a device tree
 *
 * On device-tree architectures the next kernel finds the PRAM root in
 * /chosen/linux,pram-root, a u64 stored big-endian (as of_read_number()
 * reads it). These functions set, replace, read and delete that property
 * in a flattened device tree blob with libfdt. They return 0 or a negative
 * errno value, never print, and keep no state.
 */
#ifndef PRAMFDT_H
#define PRAMFDT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PRAMFDT_PROP		"linux,pram-root"
/* arm64 takes a DTB of at most 2 MiB. */
#define PRAMFDT_MAX_SIZE	(2u << 20)

/**
 * pramfdt_set_root - set /chosen/linux,pram-root, replacing a stale one
 * @blobp: the blob, malloc()ed; it may be reallocated to make room
 * @sizep: its size in bytes; updated to the packed size of the result
 * @root: the root block's physical address
 *
 * Creates /chosen if it is missing. The result is packed.
 *
 * Returns: 0, -EINVAL if the blob is not a valid device tree, -E2BIG if
 * the result would exceed PRAMFDT_MAX_SIZE, -ENOMEM.
 */
int pramfdt_set_root(void **blobp, size_t *sizep, uint64_t root);

/**
 * pramfdt_get_root - read /chosen/linux,pram-root
 * @blob: the blob
 * @root: set to the address
 *
 * Returns: 0, -ENOENT if there is no such property (or no /chosen),
 * -EINVAL if the blob is invalid or the property is not 8 bytes.
 */
int pramfdt_get_root(const void *blob, uint64_t *root);

/**
 * pramfdt_del_root - delete /chosen/linux,pram-root if present
 * @blob: the blob, modified in place (it only shrinks)
 *
 * Returns: 0 (also when there was nothing to delete), -EINVAL.
 */
int pramfdt_del_root(void *blob);

#ifdef __cplusplus
}
#endif

#endif
