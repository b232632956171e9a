// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * The running kernel's PRAM as sysfs shows it: one value per file under
 * /sys/kernel/mm/pram (Documentation/ABI/testing/sysfs-kernel-mm-pram in
 * the kernel series). Every tool reads it here, so the files are parsed
 * one way.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* Read a one-line sysfs value at DIR/NAME into @buf, without the newline. */
static int read_value(int dir, const char *name, char *buf, size_t size)
{
	int fd = openat(dir, name, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0)
		n = -errno;
	close(fd);
	if (n < 0)
		return (int)n;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int read_u64(int dir, const char *name, int base, uint64_t *v)
{
	char buf[32], *end;
	int err = read_value(dir, name, buf, sizeof(buf));

	if (err)
		return err;
	errno = 0;
	*v = strtoull(buf, &end, base);
	return errno || end == buf || *end ? -EBADMSG : 0;
}

static int open_dir(const char *sysroot, const char *path)
{
	char full[4096];

	if (snprintf(full, sizeof(full), "%s%s", sysroot ? sysroot : "",
		     path) >= (int)sizeof(full))
		return -ENAMETOOLONG;
	return open(full, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

int pramhdr_live_root(const char *sysroot, uint64_t *root)
{
	int dir = open_dir(sysroot, PRAMHDR_SYSFS_DIR), err;

	if (dir < 0)
		return dir == -1 ? -errno : dir;
	err = read_u64(dir, "root", 16, root);
	close(dir);
	return err;
}

static int read_node(int nodes, const char *name,
		     struct pramhdr_live_node *node)
{
	int dir, err;

	if (strlen(name) > PRAM_NAME_MAX)
		return -ENAMETOOLONG;
	dir = openat(nodes, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return -errno;
	memset(node, 0, sizeof(*node));
	strcpy(node->name, name);
	err = read_value(dir, "type", node->type, sizeof(node->type));
	if (!err)
		err = read_value(dir, "state", node->state, sizeof(node->state));
	if (!err)
		err = read_value(dir, "origin", node->origin,
				 sizeof(node->origin));
	if (!err)
		err = read_u64(dir, "pages", 10, &node->pages);
	if (!err)
		err = read_u64(dir, "generation", 10, &node->generation);
	close(dir);
	return err;
}

int pramhdr_live_node(const char *sysroot, const char *name,
		      struct pramhdr_live_node *node)
{
	int nodes = open_dir(sysroot, PRAMHDR_SYSFS_DIR "/nodes"), err;

	if (nodes < 0)
		return nodes == -1 ? -errno : nodes;
	err = read_node(nodes, name, node);
	close(nodes);
	return err;
}

int pramhdr_live_nodes(const char *sysroot, struct pramhdr_live_node **out,
		       size_t *nr)
{
	struct pramhdr_live_node *v = NULL;
	size_t cap = 0;
	struct dirent *d;
	size_t n = 0;
	int fd, err = 0;
	DIR *dir;

	fd = open_dir(sysroot, PRAMHDR_SYSFS_DIR "/nodes");
	if (fd < 0)
		return fd == -1 ? -errno : fd;
	dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return -errno;
	}
	while (!err && (d = readdir(dir))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		err = grow_array((void **)&v, &cap, n + 1, sizeof(*v));
		if (!err)
			err = read_node(dirfd(dir), d->d_name, &v[n]);
		/* A node that went between readdir and the read is gone. */
		if (err == -ENOENT)
			err = 0;
		else if (!err)
			n++;
	}
	closedir(dir);
	if (err) {
		free(v);
		return err;
	}
	*out = v;
	*nr = n;
	return 0;
}
