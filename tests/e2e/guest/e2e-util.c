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

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "mkfiles")) {
		long files = atol(argv[3]), dirs = atol(argv[4]), i;
		char path[4096];

		for (i = 0; i < dirs; i++) {
			snprintf(path, sizeof(path), "%s/d%04ld", argv[2], i);
			if (mkdir(path, 0755) && errno != EEXIST) {
				perror(path);
				return 1;
			}
		}
		for (i = 0; i < files; i++) {
			int fd;
			int len;

			snprintf(path, sizeof(path), "%s/d%04ld/f%06ld", argv[2],
				 i % dirs, i);
			fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			len = snprintf(path, sizeof(path), "file %ld\n", i);
			if (fd < 0 || write(fd, path, len) != len) {
				perror("mkfiles");
				return 1;
			}
			close(fd);
		}
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "privwrite")) {
		int fd = open(argv[2], O_RDONLY);
		char *p = fd < 0 ? MAP_FAILED :
			  mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

		if (p == MAP_FAILED) {
			perror(argv[2]);
			return 1;
		}
		p[0] = '#';	/* a private copy: never the file's page */
		sleep(atoi(argv[3]));
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "mksock")) {
		if (mknod(argv[2], S_IFSOCK | 0755, 0)) {
			perror(argv[2]);
			return 1;
		}
		return 0;
	}
	if (argc == 5 && !strcmp(argv[1], "setxattr")) {
		if (lsetxattr(argv[2], argv[3], argv[4], strlen(argv[4]), 0)) {
			perror(argv[2]);
			return 1;
		}
		return 0;
	}
	if (argc == 5 && !strcmp(argv[1], "setacl")) {
		if (set_acl(argv[2], argv[3], argv[4])) {
			perror(argv[2]);
			return 1;
		}
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "discard-delta")) {
		FILE *mi = fopen("/proc/meminfo", "r");
		FILE *zi = fopen("/proc/zoneinfo", "r");
		int rf = open("/proc/sys/vm/stat_refresh", O_WRONLY);
		long free0, free1, total0, total1;

		if (!mi || !zi || rf < 0) {
			perror("/proc");
			return 1;
		}
		setvbuf(mi, NULL, _IONBF, 0);
		setvbuf(zi, NULL, _IONBF, 0);
		free_kb(mi, zi, rf);
		total0 = memtotal_kb(mi);
		free0 = free_kb(mi, zi, rf);
		if (discard(argv[2]))
			return 1;
		free1 = free_kb(mi, zi, rf);
		total1 = memtotal_kb(mi);
		printf("%ld %ld\n", free1 - free0, total1 - total0);
		return 0;
	}
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
		if (nftw(argv[2], collect_links, 64, FTW_PHYS) ||
		    nftw(argv[2], visit, 64, FTW_PHYS)) {
			perror(argv[2]);
			return 1;
		}
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "chattr")) {
		if (set_flags(argv[2], argv[3])) {
			perror(argv[2]);
			return 1;
		}
		return 0;
	}
	if (argc >= 5 && !strcmp(argv[1], "as")) {
		gid_t gid = (gid_t)atol(argv[3]);

		if (setgroups(0, NULL) || setgid(gid) ||
		    setuid((uid_t)atol(argv[2]))) {
			perror("e2e-util as");
			return 1;
		}
		execvp(argv[4], argv + 4);
		perror(argv[4]);
		return 127;
	}
	if (argc == 3 && !strcmp(argv[1], "quota")) {
		if (print_quota(argv[2])) {
			perror(argv[2]);
			return 1;
		}
		return 0;
	}
	if (argc == 9 && !strcmp(argv[1], "setquota")) {
		struct if_dqblk q = {
			.dqb_bsoftlimit = strtoull(argv[5], NULL, 0),
			.dqb_bhardlimit = strtoull(argv[6], NULL, 0),
			.dqb_isoftlimit = strtoull(argv[7], NULL, 0),
			.dqb_ihardlimit = strtoull(argv[8], NULL, 0),
			.dqb_valid = QIF_LIMITS,
		};

		if (quota_type(argv[3]) < 0 ||
		    quotactl_dir(argv[2], Q_SETQUOTA, quota_type(argv[3]),
				 atoi(argv[4]), &q)) {
			perror("setquota");
			return 1;
		}
		return 0;
	}
	if (argc == 6 && !strcmp(argv[1], "setgrace")) {
		struct if_dqinfo info = {
			.dqi_bgrace = strtoull(argv[4], NULL, 0),
			.dqi_igrace = strtoull(argv[5], NULL, 0),
			.dqi_valid = IIF_BGRACE | IIF_IGRACE,
		};

		if (quota_type(argv[3]) < 0 ||
		    quotactl_dir(argv[2], Q_SETINFO, quota_type(argv[3]), 0,
				 &info)) {
			perror("setgrace");
			return 1;
		}
		return 0;
	}
	if (argc == 6 && !strcmp(argv[1], "pattern")) {
		int err = pattern(argv[2], argv[3], atol(argv[4]),
				  strtoull(argv[5], NULL, 0));

		if (err < 0)
			perror(argv[3]);
		return err ? 1 : 0;
	}
	fprintf(stderr, "usage: see the comment at the top of e2e-util.c\n");
	return 2;
}
