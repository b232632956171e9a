// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/* Memory sources: common code and raw images (IMAGE@ADDRESS). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

int src_new(struct pramhdr_source **srcp, const char *path)
{
	struct pramhdr_source *src = calloc(1, sizeof(*src));

	if (!src)
		return -ENOMEM;
	src->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (src->fd < 0) {
		int err = -errno;

		free(src);
		return err;
	}
	*srcp = src;
	return 0;
}

int src_add_range(struct pramhdr_source *src, uint64_t start, uint64_t len,
		  uint64_t file_off)
{
	struct src_range *r;

	if (!len)
		return 0;
	if (start + len < start)
		return -EINVAL;
	if (grow_array((void **)&src->ranges, &src->cap_ranges,
		       src->nr_ranges + 1, sizeof(*r)))
		return -ENOMEM;
	r = src->ranges;
	r[src->nr_ranges].start = start;
	r[src->nr_ranges].end = start + len;
	r[src->nr_ranges].file_off = file_off;
	src->nr_ranges++;
	return 0;
}

static int cmp_range(const void *a, const void *b)
{
	const struct src_range *ra = a, *rb = b;

	return ra->start < rb->start ? -1 : ra->start > rb->start;
}

/* Sort the ranges; where two overlap, the later one is cut. */
int src_finish(struct pramhdr_source *src)
{
	size_t i, out = 0;

	if (!src->nr_ranges)
		return -ENODATA;
	qsort(src->ranges, src->nr_ranges, sizeof(*src->ranges), cmp_range);
	for (i = 0; i < src->nr_ranges; i++) {
		struct src_range r = src->ranges[i];

		if (out && r.start < src->ranges[out - 1].end) {
			uint64_t cut = src->ranges[out - 1].end - r.start;

			if (r.end <= src->ranges[out - 1].end)
				continue;
			r.start += cut;
			r.file_off += cut;
		}
		src->ranges[out++] = r;
	}
	src->nr_ranges = out;
	return out ? 0 : -ENODATA;
}

int pramhdr_source_open_raw(struct pramhdr_source **srcp, const char *path,
			    uint64_t base)
{
	struct pramhdr_source *src;
	struct stat st;
	int err;

	if (base & 4095)
		return -EINVAL;
	err = src_new(&src, path);
	if (err)
		return err;
	if (fstat(src->fd, &st)) {
		err = -errno;
	} else {
		err = src_add_range(src, base, st.st_size, 0);
		if (!err)
			err = src_finish(src);
	}
	if (err) {
		pramhdr_source_close(src);
		return err;
	}
	*srcp = src;
	return 0;
}

int pramhdr_source_open(struct pramhdr_source **srcp, const char *spec)
{
	const char *at = strrchr(spec, '@');
	char *path, *end;
	uint64_t base;
	int err;

	if (!at || at == spec || !at[1])
		return pramhdr_source_open_elf(srcp, spec);
	errno = 0;
	base = strtoull(at + 1, &end, 0);
	if (errno || *end)
		return pramhdr_source_open_elf(srcp, spec);
	path = strndup(spec, at - spec);
	if (!path)
		return -ENOMEM;
	err = pramhdr_source_open_raw(srcp, path, base);
	free(path);
	return err;
}

void pramhdr_source_close(struct pramhdr_source *src)
{
	if (!src)
		return;
	if (src->fd >= 0)
		close(src->fd);
	free(src->ranges);
	free(src);
}

/* The range holding @phys, or NULL. */
static const struct src_range *find(const struct pramhdr_source *src,
				    uint64_t phys)
{
	size_t lo = 0, hi = src->nr_ranges;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (src->ranges[mid].end <= phys)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < src->nr_ranges && src->ranges[lo].start <= phys)
		return &src->ranges[lo];
	return NULL;
}

bool pramhdr_source_has(const struct pramhdr_source *src, uint64_t phys,
			uint64_t len)
{
	while (len) {
		const struct src_range *r = find(src, phys);
		uint64_t n;

		if (!r)
			return false;
		n = r->end - phys < len ? r->end - phys : len;
		phys += n;
		len -= n;
	}
	return true;
}

int pramhdr_source_read(struct pramhdr_source *src, uint64_t phys, void *buf,
			size_t len)
{
	return src_pread(src, src->fd, phys, buf, len);
}

int src_reopen(const struct pramhdr_source *src)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", src->fd);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int src_pread(const struct pramhdr_source *src, int fd, uint64_t phys,
	      void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		const struct src_range *r = find(src, phys);
		size_t n;
		ssize_t got;

		if (!r)
			return -EFAULT;
		n = r->end - phys < len ? r->end - phys : len;
		got = pread(fd, p, n, r->file_off + (phys - r->start));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -EIO;
		p += got;
		phys += got;
		len -= got;
	}
	return 0;
}

int pramhdr_source_range(const struct pramhdr_source *src, size_t i,
			 uint64_t *start, uint64_t *end)
{
	if (i >= src->nr_ranges)
		return -ENOENT;
	*start = src->ranges[i].start;
	*end = src->ranges[i].end;
	return 0;
}
