// SPDX-License-Identifier: GPL-2.0-only
/*
 * e2e-util - small helpers the guest test scripts need and busybox lacks.
 *
 *   e2e-util settime PATH ATIME MTIME   set times; each SEC.NSEC, no follow
 *   e2e-util manifest DIR               one line per entry below DIR, sorted
 *                                       by the caller: path type mode uid gid
 *                                       nlink size atime mtime ctime target
 *   e2e-util mkfiles DIR FILES DIRS     FILES small files spread over DIRS
 *                                       directories (contents derived from
 *                                       the names), fast: no process per file
 *   e2e-util privwrite FILE SECONDS     map FILE MAP_PRIVATE, change its first
 *                                       byte in the mapping, hold it SECONDS
 *   e2e-util mksock PATH                create a socket node (mknod S_IFSOCK:
 *                                       the test kernel has no networking)
 *   e2e-util setxattr PATH NAME VALUE   set an extended attribute (no follow)
 *   e2e-util setacl PATH access|default u::rwx,u:1234:r-x,g::r-x,m::rwx,o::---
 *                                       set a POSIX ACL (as setfacl would)
 *   e2e-util discard-delta NAME         discard PRAM node NAME; print by how
 *                                       many kB free memory and MemTotal
 *                                       rose; no process runs in between
 *   e2e-util chattr PATH HEX            set the inode flags (FS_IOC_SETFLAGS)
 *   e2e-util as UID GID CMD [ARG...]    run CMD with those ids, no groups
 *   e2e-util quota DIR                  the quotas of DIR's filesystem: grace
 *                                       periods, then usage, limits and
 *                                       timers of every user and group
 *   e2e-util setquota DIR usr|grp ID BSOFT BHARD ISOFT IHARD
 *                                       set limits (space in KiB)
 *   e2e-util setgrace DIR usr|grp BGRACE IGRACE
 *                                       set grace periods (seconds)
 *   e2e-util pattern write|check FILE MIB SEED
 *                                       write a dense file of MIB MiB whose
 *                                       every word depends on SEED and its
 *                                       offset, or check one: any page
 *                                       lost, moved or changed is found
 *   e2e-util interleave PAGES SEED FILE...
 *                                       write the files page by page in
 *                                       turn (pattern of seed SEED+k for
 *                                       the k-th), interleaving their pages
 *   e2e-util failnth N mount DIR OPTS   mount a tmpfs (noatime), or write TEXT to
 *   e2e-util failnth N write FILE TEXT  FILE, with its Nth allocation made
 *                                       to fail (fault injection)
 *   e2e-util pagesize                   this kernel's page size in bytes
 *   e2e-util hwpoison FILE PAGE         poison a page (MADV_HWPOISON)
 *   e2e-util mapwrite FILE THREADS V    THREADS threads write V into pages
 *                                       of a fresh shared mapping of FILE
 *   e2e-util now                        print the monotonic clock (seconds)
 *   e2e-util readall DIR                sum the words of every regular file
 *                                       under DIR, mapped and populated
 *                                       first: "SECONDS BYTES TOTAL", SECONDS
 *                                       of summing, TOTAL with mapping too
 *   e2e-util faultpages FILE MIB        write-fault MIB of a fresh shared
 *                                       mapping of FILE page by page:
 *                                       "SECONDS PAGES"
 *   e2e-util timed mount DIR OPTS       one system call timed alone (no
 *   e2e-util timed umount DIR           process start-up in the figure):
 *   e2e-util timed write FILE TEXT      mount a tmpfs (noatime), unmount,
 *                                       or write TEXT to FILE; "SECONDS"
 *   e2e-util iouring-pin FILE SRC GO    pin FILE's first page as an io_uring
 *                                       fixed buffer, wait for GO to exist,
 *                                       then read SRC into it
 *   e2e-util pfns FILE                  "OFFSET PFN" of each page FILE has
 *                                       (holes skipped, none filled),
 *                                       mapped shared: nothing is copied
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <linux/fs.h>
#include <linux/quota.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <grp.h>
#include <linux/io_uring.h>
#include <pthread.h>
#include <sys/mount.h>
#include <sys/uio.h>
#include <sys/wait.h>

static size_t base_len;

/*
 * Hard link grouping: names of one inode get the same group, named by the
 * smallest of their paths (found in a first walk), so that it does not
 * depend on directory order. Inode numbers themselves differ after a
 * restore, so they are not printed.
 */
static struct link_group {
	ino_t ino;
	char *first;
} *groups;
static size_t nr_groups;

static const char *link_group(const struct stat *st, const char *rel)
{
	size_t i;

	for (i = 0; i < nr_groups; i++) {
		if (groups[i].ino != st->st_ino)
			continue;
		if (strcmp(rel, groups[i].first) < 0) {
			free(groups[i].first);
			groups[i].first = strdup(rel);
		}
		return groups[i].first;
	}
	groups = realloc(groups, (nr_groups + 1) * sizeof(*groups));
	groups[nr_groups].ino = st->st_ino;
	groups[nr_groups].first = strdup(rel);
	return groups[nr_groups++].first;
}

static int collect_links(const char *path, const struct stat *st, int flag,
			 struct FTW *ftw)
{
	(void)flag;
	(void)ftw;
	if (!S_ISDIR(st->st_mode) && st->st_nlink > 1)
		link_group(st, path + base_len);
	return 0;
}

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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every extended attribute (ACLs included), sorted, values in hex. */
static void print_xattrs(const char *path)
{
	char list[65536], *names[1024], *p;
	static unsigned char value[65536];
	ssize_t len = llistxattr(path, list, sizeof(list)), v;
	size_t n = 0, i;

	for (p = list; len > 0 && p < list + len && n < 1024; p += strlen(p) + 1)
		names[n++] = p;
	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		v = lgetxattr(path, names[i], value, sizeof(value));
		printf(" xattr:%s=", names[i]);
		for (ssize_t k = 0; k < v; k++)
			printf("%02x", value[k]);
	}
}

/* Build the xattr form of an ACL from a setfacl-like short text. */
static int set_acl(const char *path, const char *which, const char *spec)
{
	unsigned char buf[4 + 8 * 64];
	size_t n = 4;
	char *copy = strdup(spec), *tok, *save;

	buf[0] = 2; buf[1] = buf[2] = buf[3] = 0;	/* version 2, LE */
	for (tok = strtok_r(copy, ",", &save); tok && n < sizeof(buf);
	     tok = strtok_r(NULL, ",", &save)) {
		char kind = tok[0], *id = strchr(tok, ':') + 1, *perm = strchr(id, ':') + 1;
		unsigned int tag, idv = *id == ':' ? 0xffffffff : (unsigned int)atoi(id);
		unsigned int pm = (perm[0] == 'r') << 2 | (perm[1] == 'w') << 1 | (perm[2] == 'x');

		switch (kind) {
		case 'u': tag = *id == ':' ? 0x01 : 0x02; break;
		case 'g': tag = *id == ':' ? 0x04 : 0x08; break;
		case 'm': tag = 0x10; break;
		default: tag = 0x20; break;
		}
		buf[n++] = tag & 0xff; buf[n++] = tag >> 8;
		buf[n++] = pm; buf[n++] = 0;
		buf[n++] = idv & 0xff; buf[n++] = idv >> 8 & 0xff;
		buf[n++] = idv >> 16 & 0xff; buf[n++] = idv >> 24;
	}
	free(copy);
	return lsetxattr(path, !strcmp(which, "default") ? "system.posix_acl_default" :
			 "system.posix_acl_access", buf, n, 0);
}

/* Names with any byte: escape what would break a line-based manifest. */
static void print_escaped(const char *s)
{
	for (; *s; s++) {
		unsigned char c = *s;

		if (c <= ' ' || c == '\\' || c >= 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
}

/*
 * Blocks and the data/hole map (SEEK_DATA/SEEK_HOLE) of a regular file.
 * Files of 128 MiB and more get an FNV-1a hash of their data regions here
 * (the caller's sha256sum skips them): hashing gigabytes of holes under
 * TCG would take minutes and prove nothing the map does not.
 */
static void print_holes(const char *path, const struct stat *st)
{
	static unsigned char buf[1 << 16];
	int fd = open(path, O_RDONLY | O_NOFOLLOW);
	off_t pos = 0, data, hole;
	uint64_t h = 0xcbf29ce484222325ULL;
	int big = st->st_size >= (128 << 20);

	printf(" blocks=%lld map=", (long long)st->st_blocks);
	if (fd < 0)
		return;
	while (pos < st->st_size) {
		data = lseek(fd, pos, SEEK_DATA);
		if (data < 0)
			break;
		hole = lseek(fd, data, SEEK_HOLE);
		printf("%lld-%lld,", (long long)data, (long long)hole);
		for (pos = data; big && pos < hole;) {
			ssize_t n = pread(fd, buf, hole - pos < (off_t)sizeof(buf) ?
					  hole - pos : (off_t)sizeof(buf), pos);

			if (n <= 0)
				break;
			for (ssize_t i = 0; i < n; i++)
				h = (h ^ buf[i]) * 0x100000001b3ULL;
			pos += n;
		}
		pos = hole;
	}
	if (big)
		printf(" datahash=%016llx", (unsigned long long)h);
	close(fd);
}

/* chattr flags, when there are any. */
static void print_flags(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
	int flags = 0;

	if (fd >= 0 && !ioctl(fd, FS_IOC_GETFLAGS, &flags) && flags)
		printf(" flags=%#x", flags);
	if (fd >= 0)
		close(fd);
}

static int set_flags(const char *path, const char *hex)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
	int flags = (int)strtol(hex, NULL, 16);
	int err = fd < 0 ? -1 : ioctl(fd, FS_IOC_SETFLAGS, &flags);

	if (fd >= 0)
		close(fd);
	return err;
}

static int quotactl_dir(const char *dir, int cmd, int type, int id, void *addr)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	int err;

	if (fd < 0)
		return -1;
	err = (int)syscall(SYS_quotactl_fd, fd, QCMD(cmd, type), id, addr);
	close(fd);
	return err;
}

static int quota_type(const char *s)
{
	return !strcmp(s, "usr") ? USRQUOTA : !strcmp(s, "grp") ? GRPQUOTA : -1;
}

/* Grace periods, then every id with a quota structure, in id order. */
static int print_quota(const char *dir)
{
	static const char *const names[] = { "usr", "grp" };
	int type;

	for (type = USRQUOTA; type <= GRPQUOTA; type++) {
		struct if_dqinfo info;
		struct if_nextdqblk q;
		unsigned int id = 0;

		if (quotactl_dir(dir, Q_GETINFO, type, 0, &info)) {
			printf("%s off\n", names[type]);
			continue;
		}
		printf("%s grace %llu %llu\n", names[type],
		       (unsigned long long)info.dqi_bgrace,
		       (unsigned long long)info.dqi_igrace);
		while (!quotactl_dir(dir, Q_GETNEXTQUOTA, type, (int)id, &q)) {
			printf("%s %u space=%llu inodes=%llu bsoft=%llu bhard=%llu isoft=%llu ihard=%llu btime=%llu itime=%llu\n",
			       names[type], q.dqb_id,
			       (unsigned long long)q.dqb_curspace,
			       (unsigned long long)q.dqb_curinodes,
			       (unsigned long long)q.dqb_bsoftlimit,
			       (unsigned long long)q.dqb_bhardlimit,
			       (unsigned long long)q.dqb_isoftlimit,
			       (unsigned long long)q.dqb_ihardlimit,
			       (unsigned long long)q.dqb_btime,
			       (unsigned long long)q.dqb_itime);
			id = q.dqb_id + 1;
			if (!id)
				break;
		}
		if (errno != ENOENT)
			return -1;
	}
	return 0;
}

/* A word of the test pattern: depends on the seed and the offset. */
static uint64_t pattern_word(uint64_t seed, uint64_t off)
{
	uint64_t z = seed + off * 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int pattern(const char *op, const char *path, long mib, uint64_t seed)
{
	size_t chunk = 1 << 20;
	uint64_t *buf = malloc(chunk);
	int write_it = !strcmp(op, "write");
	int fd = open(path, write_it ? O_WRONLY | O_CREAT | O_TRUNC : O_RDONLY,
		      0644);
	long m;

	if (fd < 0 || !buf)
		return -1;
	for (m = 0; m < mib; m++) {
		uint64_t base = (uint64_t)m * chunk;
		size_t i;

		if (!write_it && read(fd, buf, chunk) != (ssize_t)chunk)
			return -1;
		for (i = 0; i < chunk / 8; i++) {
			uint64_t w = pattern_word(seed, base + i * 8);

			if (write_it) {
				buf[i] = w;
			} else if (buf[i] != w) {
				fprintf(stderr, "%s: wrong data at offset %llu\n",
					path, (unsigned long long)(base + i * 8));
				return 1;
			}
		}
		if (write_it && write(fd, buf, chunk) != (ssize_t)chunk)
			return -1;
	}
	if (!write_it && read(fd, buf, 1) != 0) {
		fprintf(stderr, "%s: longer than %ld MiB\n", path, mib);
		return 1;
	}
	free(buf);
	return close(fd);
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
	print_escaped(*rel ? rel : "/");
	printf(" %s %04o %u %u %lu %lld %lld.%09ld %lld.%09ld %lld.%09ld",
	       type_of(st->st_mode),
	       (unsigned int)(st->st_mode & 07777), st->st_uid, st->st_gid,
	       (unsigned long)st->st_nlink, (long long)st->st_size,
	       (long long)st->st_atim.tv_sec, st->st_atim.tv_nsec,
	       (long long)st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
	       (long long)st->st_ctim.tv_sec, st->st_ctim.tv_nsec);
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		printf(" %u:%u", major(st->st_rdev), minor(st->st_rdev));
	if (*target) {
		printf(" -> ");
		print_escaped(target);
	}
	if (S_ISREG(st->st_mode) || S_ISDIR(st->st_mode))
		print_flags(path);
	if (S_ISREG(st->st_mode))
		print_holes(path, st);
	if (!S_ISDIR(st->st_mode) && st->st_nlink > 1) {
		printf(" links-with=");
		print_escaped(link_group(st, *rel ? rel : "/"));
	}
	print_xattrs(path);
	putchar('\n');
	return 0;
}

/*
 * Free memory in kB: MemFree plus the pages sitting in the per-cpu free
 * lists (/proc/zoneinfo "count:"), which MemFree leaves out; a discard
 * drains those lists, so only their sum is stable across it. Per-cpu
 * counter deltas are folded in first (vm.stat_refresh). The files stay
 * open between calls so that their buffers are not allocated and freed
 * in between.
 */
static long free_kb(FILE *meminfo, FILE *zoneinfo, int refresh)
{
	char line[256];
	long kb = -1, pcp = 0, n;

	/* Fold the per-cpu counter deltas into the totals MemFree shows. */
	if (pwrite(refresh, "1", 1, 0) != 1)
		return -1;
	rewind(meminfo);
	while (fgets(line, sizeof(line), meminfo))
		if (sscanf(line, "MemFree: %ld kB", &kb) == 1)
			break;
	rewind(zoneinfo);
	while (fgets(line, sizeof(line), zoneinfo))
		if (sscanf(line, " count: %ld", &n) == 1)
			pcp += n;
	return kb < 0 ? -1 : kb + pcp * (sysconf(_SC_PAGESIZE) / 1024);
}

static long memtotal_kb(FILE *meminfo)
{
	char line[256];
	long kb = -1;

	rewind(meminfo);
	while (fgets(line, sizeof(line), meminfo))
		if (sscanf(line, "MemTotal: %ld kB", &kb) == 1)
			break;
	return kb;
}

static int discard(const char *name)
{
	int fd = open("/sys/kernel/mm/pram/discard", O_WRONLY);
	int ok = fd >= 0 && write(fd, name, strlen(name)) == (ssize_t)strlen(name);

	if (fd >= 0)
		close(fd);
	if (!ok)
		perror(name);
	return ok ? 0 : -1;
}

/* ---- subcommands: each gets argv[0] = its name, argc counted from there */

static int fail(const char *what)
{
	perror(what);
	return 1;
}

static int cmd_mkfiles(int argc, char **argv)
{
	long files = atol(argv[2]), dirs = atol(argv[3]), i;
	char path[4096];

	(void)argc;
	for (i = 0; i < dirs; i++) {
		snprintf(path, sizeof(path), "%s/d%04ld", argv[1], i);
		if (mkdir(path, 0755) && errno != EEXIST)
			return fail(path);
	}
	for (i = 0; i < files; i++) {
		int fd, len;

		snprintf(path, sizeof(path), "%s/d%04ld/f%06ld", argv[1],
			 i % dirs, i);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		len = snprintf(path, sizeof(path), "file %ld\n", i);
		if (fd < 0 || write(fd, path, len) != len)
			return fail("mkfiles");
		close(fd);
	}
	return 0;
}

static int cmd_privwrite(int argc, char **argv)
{
	int fd = open(argv[1], O_RDONLY);
	char *p = fd < 0 ? MAP_FAILED :
		  mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

	(void)argc;
	if (p == MAP_FAILED)
		return fail(argv[1]);
	p[0] = '#';	/* a private copy: never the file's page */
	sleep(atoi(argv[2]));
	return 0;
}

static int cmd_mksock(int argc, char **argv)
{
	(void)argc;
	return mknod(argv[1], S_IFSOCK | 0755, 0) ? fail(argv[1]) : 0;
}

static int cmd_setxattr(int argc, char **argv)
{
	(void)argc;
	return lsetxattr(argv[1], argv[2], argv[3], strlen(argv[3]), 0) ?
	       fail(argv[1]) : 0;
}

static int cmd_setacl(int argc, char **argv)
{
	(void)argc;
	return set_acl(argv[1], argv[2], argv[3]) ? fail(argv[1]) : 0;
}

static int cmd_discard_delta(int argc, char **argv)
{
	FILE *mi = fopen("/proc/meminfo", "r");
	FILE *zi = fopen("/proc/zoneinfo", "r");
	int rf = open("/proc/sys/vm/stat_refresh", O_WRONLY);
	long free0, free1, total0, total1;

	(void)argc;
	if (!mi || !zi || rf < 0)
		return fail("/proc");
	setvbuf(mi, NULL, _IONBF, 0);
	setvbuf(zi, NULL, _IONBF, 0);
	free_kb(mi, zi, rf);
	total0 = memtotal_kb(mi);
	free0 = free_kb(mi, zi, rf);
	if (discard(argv[1]))
		return 1;
	free1 = free_kb(mi, zi, rf);
	total1 = memtotal_kb(mi);
	printf("%ld %ld\n", free1 - free0, total1 - total0);
	return 0;
}

static int cmd_settime(int argc, char **argv)
{
	struct timespec ts[2];

	(void)argc;
	if (parse_ts(argv[2], &ts[0]) || parse_ts(argv[3], &ts[1])) {
		fprintf(stderr, "e2e-util: bad time\n");
		return 2;
	}
	return utimensat(AT_FDCWD, argv[1], ts, AT_SYMLINK_NOFOLLOW) ?
	       fail(argv[1]) : 0;
}

static int cmd_manifest(int argc, char **argv)
{
	(void)argc;
	base_len = strlen(argv[1]);
	if (nftw(argv[1], collect_links, 64, FTW_PHYS) ||
	    nftw(argv[1], visit, 64, FTW_PHYS))
		return fail(argv[1]);
	return 0;
}

static int cmd_chattr(int argc, char **argv)
{
	(void)argc;
	return set_flags(argv[1], argv[2]) ? fail(argv[1]) : 0;
}

static int cmd_as(int argc, char **argv)
{
	gid_t gid = (gid_t)atol(argv[2]);

	(void)argc;
	if (setgroups(0, NULL) || setgid(gid) || setuid((uid_t)atol(argv[1])))
		return fail("e2e-util as");
	execvp(argv[3], argv + 3);
	perror(argv[3]);
	return 127;
}

static int cmd_quota(int argc, char **argv)
{
	(void)argc;
	return print_quota(argv[1]) ? fail(argv[1]) : 0;
}

static int cmd_setquota(int argc, char **argv)
{
	struct if_dqblk q = {
		.dqb_bsoftlimit = strtoull(argv[4], NULL, 0),
		.dqb_bhardlimit = strtoull(argv[5], NULL, 0),
		.dqb_isoftlimit = strtoull(argv[6], NULL, 0),
		.dqb_ihardlimit = strtoull(argv[7], NULL, 0),
		.dqb_valid = QIF_LIMITS,
	};

	(void)argc;
	if (quota_type(argv[2]) < 0 ||
	    quotactl_dir(argv[1], Q_SETQUOTA, quota_type(argv[2]), atoi(argv[3]),
			 &q))
		return fail("setquota");
	return 0;
}

static int cmd_setgrace(int argc, char **argv)
{
	struct if_dqinfo info = {
		.dqi_bgrace = strtoull(argv[3], NULL, 0),
		.dqi_igrace = strtoull(argv[4], NULL, 0),
		.dqi_valid = IIF_BGRACE | IIF_IGRACE,
	};

	(void)argc;
	if (quota_type(argv[2]) < 0 ||
	    quotactl_dir(argv[1], Q_SETINFO, quota_type(argv[2]), 0, &info))
		return fail("setgrace");
	return 0;
}

static int cmd_pattern(int argc, char **argv)
{
	int err = pattern(argv[1], argv[2], atol(argv[3]),
			  strtoull(argv[4], NULL, 0));

	(void)argc;
	if (err < 0)
		perror(argv[2]);
	return err ? 1 : 0;
}

/*
 * interleave PAGES SEED FILE...: write page after page to the files in
 * turn, page i of file k holding the pattern of seed SEED+k, so that the
 * page allocator hands out their pages interleaved: deleting all but one
 * leaves that one fragmented into single pages.
 */
static int cmd_interleave(int argc, char **argv)
{
	long pages = atol(argv[1]), i;
	uint64_t seed = strtoull(argv[2], NULL, 0), page[512];
	int nr = argc - 3, fd[16], k;

	if (nr > 16)
		return 2;
	for (k = 0; k < nr; k++) {
		fd[k] = open(argv[3 + k], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd[k] < 0)
			return fail(argv[3 + k]);
	}
	for (i = 0; i < pages; i++) {
		for (k = 0; k < nr; k++) {
			uint64_t off = (uint64_t)i * sizeof(page);
			size_t j;

			for (j = 0; j < 512; j++)
				page[j] = pattern_word(seed + k, off + j * 8);
			if (pwrite(fd[k], page, sizeof(page), (off_t)off) !=
			    (ssize_t)sizeof(page))
				return fail(argv[3 + k]);
		}
	}
	for (k = 0; k < nr; k++)
		close(fd[k]);
	return 0;
}

/*
 * failnth N mount DIR OPTIONS | failnth N write FILE TEXT: make the Nth
 * allocation (slab or page, fault injection) of one system call fail,
 * and print whether it was reached ("injected") or the call did fewer
 * allocations ("not-reached"), then the call's result.
 */
static int cmd_failnth(int argc, char **argv)
{
	int ctl = open("/proc/thread-self/fail-nth", O_RDWR);
	int target = -1, ret, err;
	char buf[32];
	ssize_t n;

	if (ctl < 0)
		return fail("/proc/thread-self/fail-nth");
	if (!strcmp(argv[2], "write")) {
		target = open(argv[3], O_WRONLY);
		if (target < 0)
			return fail(argv[3]);
	} else if (strcmp(argv[2], "mount") || argc != 5) {
		return 2;
	}
	n = snprintf(buf, sizeof(buf), "%s", argv[1]);
	if (write(ctl, buf, n) != n)
		return fail("fail-nth");
	if (target >= 0)
		ret = write(target, argv[4], strlen(argv[4])) < 0 ? -1 : 0;
	else
		ret = mount("none", argv[3], "tmpfs", MS_NOATIME, argv[4]);
	err = errno;
	n = pread(ctl, buf, sizeof(buf) - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	if (write(ctl, "0", 1) != 1)
		return fail("fail-nth");
	printf("%s %s\n", atoi(buf) ? "not-reached" : "injected",
	       ret ? strerror(err) : "ok");
	return ret ? 1 : 0;
}

/*
 * hwpoison FILE PAGE: poison page PAGE of FILE (madvise MADV_HWPOISON), as
 * a hardware memory error would. The kernel kills the process that maps
 * the page (SIGBUS), so a child does it; then reading the page must fail.
 */
static int cmd_hwpoison(int argc, char **argv)
{
	long psz = sysconf(_SC_PAGESIZE);
	off_t off = atol(argv[2]) * psz;
	int fd = open(argv[1], O_RDWR), status;
	char buf[1];
	pid_t pid;

	(void)argc;
	if (fd < 0)
		return fail(argv[1]);
	pid = fork();
	if (pid == 0) {
		volatile char *p = mmap(NULL, psz, PROT_READ | PROT_WRITE,
					MAP_SHARED, fd, off);

		if (p == MAP_FAILED)
			_exit(2);
		(void)p[0];
		_exit(madvise((void *)p, psz, MADV_HWPOISON) ? 3 : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return fail("fork");
	if (WIFEXITED(status) && WEXITSTATUS(status)) {
		fprintf(stderr, "hwpoison: the child failed (%d)\n", WEXITSTATUS(status));
		return 1;
	}
	if (pread(fd, buf, 1, off) >= 0 || errno != EIO) {
		fprintf(stderr, "hwpoison: page %s of %s still reads\n", argv[2], argv[1]);
		return 1;
	}
	return 0;
}

struct toucher {
	char *page;
	int value;
};

static void *touch_page(void *arg)
{
	struct toucher *t = arg;

	memset(t->page, t->value, 64);
	return NULL;
}

/*
 * mapwrite FILE THREADS VALUE: map FILE shared and let THREADS threads
 * each write VALUE into its own page, the first access of this mapping
 * to it (so each write faults).
 */
static int cmd_mapwrite(int argc, char **argv)
{
	int nr = atoi(argv[2]), i, fd = open(argv[1], O_RDWR);
	long psz = sysconf(_SC_PAGESIZE);
	struct toucher t[64];
	pthread_t th[64];
	char *map;

	(void)argc;
	if (nr < 1 || nr > 64)
		return 2;
	map = fd < 0 ? MAP_FAILED : mmap(NULL, nr * psz, PROT_READ | PROT_WRITE,
					 MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		return fail(argv[1]);
	for (i = 0; i < nr; i++) {
		t[i].page = map + i * psz;
		t[i].value = atoi(argv[3]);
		if (pthread_create(&th[i], NULL, touch_page, &t[i]))
			return fail("pthread_create");
	}
	for (i = 0; i < nr; i++)
		pthread_join(th[i], NULL);
	printf("mapwrite: %d pages written\n", nr);
	return 0;
}

static int uring_setup(unsigned int entries, struct io_uring_params *p)
{
	return (int)syscall(__NR_io_uring_setup, entries, p);
}

/*
 * iouring-pin FILE SRC GO: register the first page of FILE, mapped
 * shared, as an io_uring fixed buffer (a long-term pin), say "pinned",
 * wait until the path GO exists, then read a page of SRC into the buffer
 * with IORING_OP_READ_FIXED: the kernel writes the page through the pin,
 * past any freeze and without a page fault.
 */
static int cmd_iouring_pin(int argc, char **argv)
{
	long psz = sysconf(_SC_PAGESIZE);
	struct io_uring_params p = { 0 };
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqe;
	struct iovec iov;
	unsigned int *sq_tail, *sq_array, *cq_head;
	char *sq, *cq, *buf;
	int fd = open(argv[1], O_RDWR), src = open(argv[2], O_RDONLY), ring;

	(void)argc;
	buf = fd < 0 ? MAP_FAILED : mmap(NULL, psz, PROT_READ | PROT_WRITE,
					 MAP_SHARED, fd, 0);
	if (buf == MAP_FAILED || src < 0)
		return fail("iouring-pin: open");
	ring = uring_setup(4, &p);
	if (ring < 0)
		return fail("io_uring_setup");
	sq = mmap(NULL, p.sq_off.array + p.sq_entries * sizeof(unsigned int),
		  PROT_READ | PROT_WRITE, MAP_SHARED, ring, IORING_OFF_SQ_RING);
	cq = mmap(NULL, p.cq_off.cqes + p.cq_entries * sizeof(*cqe),
		  PROT_READ | PROT_WRITE, MAP_SHARED, ring, IORING_OFF_CQ_RING);
	sqes = mmap(NULL, p.sq_entries * sizeof(*sqes), PROT_READ | PROT_WRITE,
		    MAP_SHARED, ring, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED)
		return fail("io_uring mmap");
	iov.iov_base = buf;
	iov.iov_len = psz;
	if (syscall(__NR_io_uring_register, ring, IORING_REGISTER_BUFFERS, &iov, 1))
		return fail("IORING_REGISTER_BUFFERS");
	printf("pinned\n");
	fflush(stdout);
	while (access(argv[3], F_OK))
		usleep(100000);

	sq_tail = (unsigned int *)(sq + p.sq_off.tail);
	sq_array = (unsigned int *)(sq + p.sq_off.array);
	memset(&sqes[0], 0, sizeof(sqes[0]));
	sqes[0].opcode = IORING_OP_READ_FIXED;
	sqes[0].fd = src;
	sqes[0].addr = (unsigned long)buf;
	sqes[0].len = psz;
	sqes[0].buf_index = 0;
	sq_array[0] = 0;
	__atomic_store_n(sq_tail, *sq_tail + 1, __ATOMIC_RELEASE);
	if (syscall(__NR_io_uring_enter, ring, 1, 1, IORING_ENTER_GETEVENTS,
		    NULL, 0) < 0)
		return fail("io_uring_enter");
	cq_head = (unsigned int *)(cq + p.cq_off.head);
	cqe = (struct io_uring_cqe *)(cq + p.cq_off.cqes) +
	      (*cq_head & *(unsigned int *)(cq + p.cq_off.ring_mask));
	printf("read into the pinned page: %d\n", cqe->res);
	return cqe->res == psz ? 0 : 1;
}

/* Benchmark helpers (scripts/bench): timed by the monotonic clock. */
static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmd_now(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("%.6f\n", now_s());
	return 0;
}

static int cmd_pagesize(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("%ld\n", sysconf(_SC_PAGESIZE));
	return 0;
}

static unsigned long long readall_bytes;
static double readall_secs;
static volatile uint64_t readall_sum;

/*
 * Read a file's data once from memory, as the CPU reads it: mapped and
 * populated first, then every word summed; only the summing is timed.
 */
static int readall_one(const char *path, const struct stat *st, int flag,
		       struct FTW *ftw)
{
	const uint64_t *p;
	uint64_t sum = 0;
	size_t i, n;
	double t0;
	int fd;

	(void)ftw;
	if (flag != FTW_F || !S_ISREG(st->st_mode) || !st->st_size)
		return 0;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return fail(path);
	p = mmap(NULL, st->st_size, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return fail(path);
	n = st->st_size / sizeof(*p);
	t0 = now_s();
	for (i = 0; i < n; i++)
		sum += p[i];
	readall_secs += now_s() - t0;
	readall_sum += sum;
	readall_bytes += st->st_size;
	munmap((void *)p, st->st_size);
	return 0;
}

static int cmd_readall(int argc, char **argv)
{
	double t0 = now_s();

	(void)argc;
	if (nftw(argv[1], readall_one, 64, FTW_PHYS))
		return 1;
	printf("%.6f %llu %.6f\n", readall_secs, readall_bytes, now_s() - t0);
	return 0;
}

static int cmd_faultpages(int argc, char **argv)
{
	size_t len = (size_t)atol(argv[2]) << 20, psz = sysconf(_SC_PAGESIZE), i;
	int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0644);
	double t0;
	char *p;

	(void)argc;
	if (fd < 0 || ftruncate(fd, len))
		return fail(argv[1]);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return fail("mmap");
	t0 = now_s();
	for (i = 0; i < len; i += psz)
		p[i] = 1;
	printf("%.6f %zu\n", now_s() - t0, len / psz);
	munmap(p, len);
	close(fd);
	return 0;
}

/* pfns FILE: where in physical memory FILE's pages are. */
static int cmd_pfns(int argc, char **argv)
{
	long psz = sysconf(_SC_PAGESIZE);
	int fd = open(argv[1], O_RDONLY), pm = open("/proc/self/pagemap", O_RDONLY);
	off_t data = 0, hole;
	struct stat st;

	(void)argc;
	if (fd < 0 || pm < 0 || fstat(fd, &st))
		return fail(argv[1]);
	while ((data = lseek(fd, data, SEEK_DATA)) >= 0) {
		hole = lseek(fd, data, SEEK_HOLE);
		if (hole < 0)
			return fail("SEEK_HOLE");
		for (off_t off = data; off < hole; off += psz) {
			volatile const char *p = mmap(NULL, psz, PROT_READ, MAP_SHARED, fd, off);
			uint64_t ent;

			if (p == MAP_FAILED)
				return fail("mmap");
			(void)*p;	/* map the page: a read fault, no copy */
			if (pread(pm, &ent, sizeof(ent),
				  (uintptr_t)p / psz * sizeof(ent)) != sizeof(ent))
				return fail("pagemap");
			if (!(ent >> 63) || !(ent & ((1ULL << 55) - 1)))
				return fail("page not present, or no PFN (not root?)");
			printf("%jd %llx\n", (intmax_t)off,
			       (unsigned long long)(ent & ((1ULL << 55) - 1)));
			munmap((void *)p, psz);
		}
		data = hole;
	}
	return errno == ENXIO ? 0 : fail("SEEK_DATA");
}

/*
 * timed mount DIR OPTS | timed umount DIR | timed write FILE TEXT: what
 * the benchmark times, without the start-up of a process around it.
 */
static int cmd_timed(int argc, char **argv)
{
	int fd = -1, ret;
	double t0;

	if (!strcmp(argv[1], "write") && argc == 4) {
		fd = open(argv[2], O_WRONLY);
		if (fd < 0)
			return fail(argv[2]);
	} else if (!(!strcmp(argv[1], "mount") && argc == 4) &&
		   !(!strcmp(argv[1], "umount") && argc == 3)) {
		return 2;
	}
	t0 = now_s();
	if (fd >= 0)
		ret = write(fd, argv[3], strlen(argv[3])) < 0 ? -1 : 0;
	else if (argc == 4)
		ret = mount("none", argv[2], "tmpfs", MS_NOATIME, argv[3]);
	else
		ret = umount(argv[2]);
	t0 = now_s() - t0;
	if (ret)
		return fail(argv[2]);
	if (fd >= 0)
		close(fd);
	printf("%.6f\n", t0);
	return 0;
}

static const struct command {
	const char *name;
	int min_args, max_args;		/* after the name */
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "as", 3, 64, cmd_as },
	{ "chattr", 2, 2, cmd_chattr },
	{ "discard-delta", 1, 1, cmd_discard_delta },
	{ "failnth", 4, 4, cmd_failnth },
	{ "faultpages", 2, 2, cmd_faultpages },
	{ "hwpoison", 2, 2, cmd_hwpoison },
	{ "interleave", 3, 18, cmd_interleave },
	{ "iouring-pin", 3, 3, cmd_iouring_pin },
	{ "manifest", 1, 1, cmd_manifest },
	{ "mapwrite", 3, 3, cmd_mapwrite },
	{ "mkfiles", 3, 3, cmd_mkfiles },
	{ "mksock", 1, 1, cmd_mksock },
	{ "now", 0, 0, cmd_now },
	{ "pagesize", 0, 0, cmd_pagesize },
	{ "pattern", 4, 4, cmd_pattern },
	{ "pfns", 1, 1, cmd_pfns },
	{ "privwrite", 2, 2, cmd_privwrite },
	{ "quota", 1, 1, cmd_quota },
	{ "readall", 1, 1, cmd_readall },
	{ "setacl", 3, 3, cmd_setacl },
	{ "setgrace", 4, 4, cmd_setgrace },
	{ "setquota", 7, 7, cmd_setquota },
	{ "settime", 3, 3, cmd_settime },
	{ "setxattr", 3, 3, cmd_setxattr },
	{ "timed", 2, 3, cmd_timed },
};

int main(int argc, char **argv)
{
	size_t i;

	for (i = 0; argc > 1 && i < sizeof(commands) / sizeof(commands[0]); i++) {
		const struct command *c = &commands[i];

		if (!strcmp(argv[1], c->name) && argc - 2 >= c->min_args &&
		    argc - 2 <= c->max_args)
			return c->fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "usage: see the comment at the top of e2e-util.c\n");
	return 2;
}
