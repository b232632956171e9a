// SPDX-License-Identifier: GPL-2.0-only
/*
 * e2e-util - small helpers the guest test scripts need and busybox lacks.
 *
 *   e2e-util settime PATH ATIME MTIME   set times; each SEC.NSEC, no follow
 *   e2e-util manifest DIR               one line per entry below DIR, sorted
 *                                       by the caller: path type mode uid gid
 *                                       nlink size atime mtime ctime target
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static size_t base_len;

static int parse_ts(const char *s, struct timespec *ts)
{
	char *end;

	ts->tv_sec = strtoll(s, &end, 10);
	ts->tv_nsec = 0;
	if (*end == '.') {
		const char *f = end + 1;
		long ns = 0;
		int digits = 0;

		for (; *f >= '0' && *f <= '9' && digits < 9; f++, digits++)
			ns = ns * 10 + (*f - '0');
		for (; digits < 9; digits++)
			ns *= 10;
		ts->tv_nsec = ns;
		end = (char *)f;
	}
	return *end ? -1 : 0;
}

static const char *type_of(mode_t m)
{
	switch (m & S_IFMT) {
	case S_IFREG: return "file";
	case S_IFDIR: return "dir";
	case S_IFLNK: return "symlink";
	case S_IFCHR: return "chr";
	case S_IFBLK: return "blk";
	case S_IFIFO: return "fifo";
	case S_IFSOCK: return "sock";
	}
	return "?";
}

static int visit(const char *path, const struct stat *st, int flag,
		 struct FTW *ftw)
{
	const char *rel = path + base_len;
	char target[PATH_MAX + 1] = "";

	(void)flag;
	(void)ftw;
	if (S_ISLNK(st->st_mode)) {
		ssize_t n = readlink(path, target, PATH_MAX);

		target[n < 0 ? 0 : n] = '\0';
	}
	printf("%s %s %04o %u %u %lu %lld %lld.%09ld %lld.%09ld %lld.%09ld",
	       *rel ? rel : "/", type_of(st->st_mode),
	       (unsigned int)(st->st_mode & 07777), st->st_uid, st->st_gid,
	       (unsigned long)st->st_nlink, (long long)st->st_size,
	       (long long)st->st_atim.tv_sec, st->st_atim.tv_nsec,
	       (long long)st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
	       (long long)st->st_ctim.tv_sec, st->st_ctim.tv_nsec);
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		printf(" %u:%u", major(st->st_rdev), minor(st->st_rdev));
	if (*target)
		printf(" -> %s", target);
	putchar('\n');
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "settime")) {
		struct timespec ts[2];

		if (parse_ts(argv[3], &ts[0]) || parse_ts(argv[4], &ts[1])) {
			fprintf(stderr, "e2e-util: bad time\n");
			return 2;
		}
		if (utimensat(AT_FDCWD, argv[2], ts, AT_SYMLINK_NOFOLLOW)) {
			perror(argv[2]);
			return 1;
		}
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "manifest")) {
		base_len = strlen(argv[2]);
		if (nftw(argv[2], visit, 64, FTW_PHYS)) {
			perror(argv[2]);
			return 1;
		}
		return 0;
	}
	fprintf(stderr, "usage: e2e-util settime PATH ATIME MTIME | manifest DIR\n");
	return 2;
}
