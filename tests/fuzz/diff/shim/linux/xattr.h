/* SPDX-License-Identifier: GPL-2.0-only */
/* The kernel's xattr limits and names (include/uapi/linux/limits.h, xattr.h). */
#ifndef SHIM_LINUX_XATTR_H
#define SHIM_LINUX_XATTR_H
#include <string.h>
#define XATTR_NAME_MAX	255
#define XATTR_SIZE_MAX	65536
#define XATTR_NAME_POSIX_ACL_ACCESS	"system.posix_acl_access"
#define XATTR_NAME_POSIX_ACL_DEFAULT	"system.posix_acl_default"
/* fs/xattr.c (6.12); space accounting only, never a verdict. */
static inline size_t simple_xattr_space(const char *name, size_t size)
{
	return 40 + size + strlen(name);
}
#endif
