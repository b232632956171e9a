// SPDX-License-Identifier: GPL-2.0-only
/*
 * pram-restore: mount again, where they were, the tmpfs trees a previous
 * kernel preserved, at boot.
 *
 * The kernel lists the nodes it took over in /sys/kernel/mm/pram/nodes;
 * where each tree was mounted is recorded in the tree itself (its SUPER
 * record), which libpramhdr reads from /proc/kcore with the root from
 * /sys/kernel/pram. For every tmpfs node that came from the previous
 * kernel and records a mountpoint, pram-restore creates the directory and
 * mounts "tmpfs -o pram=NAME" there with the flags the mount had (ro,
 * nosuid, nodev, noexec, the atime mode, also recorded); the kernel then
 * checks the tree and its data and brings back the files and the tmpfs
 * options. A tree without a mountpoint is left alone, with a hint.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <pramhdr.h>

static const char *prog = "pram-restore";

struct opts {
	const char *sysroot;	/* where /proc and /sys are (tests) */
	const char *prefix;	/* where mountpoints are (an initramfs) */
	bool dry_run, verbose;
	char **names;		/* only these nodes, if any */
	int nr_names;
};

/* A node the kernel offers for loading: a tmpfs tree from the last kernel. */
struct candidate {
	char name[PRAM_NAME_MAX + 1];
	char *mountpoint;	/* NULL if the tree records none */
	unsigned long ms_flags;	/* MS_* of the mount it had there */
	char *options;		/* the same, as mount -o says them */
	bool unreadable;	/* its tree could not be read or decoded */
};

/* The flags the mount at the recorded mountpoint had, for mount(2). */
static unsigned long ms_flags_of(uint32_t mnt)
{
	static const struct { uint32_t mnt; unsigned long ms; } map[] = {
		{ PRAM_MNT_RDONLY, MS_RDONLY }, { PRAM_MNT_NOSUID, MS_NOSUID },
		{ PRAM_MNT_NODEV, MS_NODEV }, { PRAM_MNT_NOEXEC, MS_NOEXEC },
		{ PRAM_MNT_NOATIME, MS_NOATIME },
		{ PRAM_MNT_NODIRATIME, MS_NODIRATIME },
		{ PRAM_MNT_RELATIME, MS_RELATIME },
	};
	unsigned long ms = 0;
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (mnt & map[i].mnt)
			ms |= map[i].ms;
	if (!(mnt & (PRAM_MNT_NOATIME | PRAM_MNT_RELATIME)))
		ms |= MS_STRICTATIME;
	return ms;
}

static char *path_in(const char *dir, const char *path)
{
	char *p;

	if (asprintf(&p, "%s%s", dir ? dir : "", path) < 0)
		return NULL;
	return p;
}

/* Open a file of /proc or /sys (under --sysroot); NULL with errno set. */
static FILE *open_sys(const struct opts *o, const char *path)
{
	char *p = path_in(o->sysroot, path);
	FILE *f;

	if (!p) {
		errno = ENOMEM;
		return NULL;
	}
	f = fopen(p, "r");
	free(p);
	return f;
}

static bool wanted(const struct opts *o, const char *name)
{
	int i;

	if (!o->nr_names)
		return true;
	for (i = 0; i < o->nr_names; i++)
		if (!strcmp(o->names[i], name))
			return true;
	return false;
}

/*
 * Nodes in /sys/kernel/mm/pram/nodes ("NAME TYPE STATE ORIGIN PAGES GEN")
 * that are tmpfs trees, ready, and came from the previous kernel.
 * Returns how many, or -errno.
 */
/*
 * Split a line of the nodes file into its name and the five fields after
 * it, taken from the right: a name may contain spaces.
 */
static bool split_node_line(char *line, char **name, char *field[5])
{
	char *end = line + strcspn(line, "\n");
	int i;

	*end = '\0';
	for (i = 4; i >= 0; i--) {
		char *sp = strrchr(line, ' ');

		if (!sp)
			return false;
		field[i] = sp + 1;
		*sp = '\0';
	}
	*name = line;
	return **name && strlen(*name) <= PRAM_NAME_MAX;
}

static int read_candidates(const struct opts *o, struct candidate **out)
{
	FILE *f = open_sys(o, "/sys/kernel/mm/pram/nodes");
	struct candidate *c = NULL;
	char *line = NULL, *name, *field[5];
	size_t cap = 0;
	int n = 0, err = 0;

	if (!f)
		return -errno;
	while (getline(&line, &cap, f) > 0) {
		struct candidate *more;

		/* NAME TYPE STATE ORIGIN PAGES GENERATION */
		if (!split_node_line(line, &name, field) ||
		    strcmp(field[0], "shmem") || strcmp(field[1], "ready") ||
		    strcmp(field[2], "incoming") || !wanted(o, name))
			continue;
		more = realloc(c, (n + 1) * sizeof(*c));
		if (!more) {
			err = -ENOMEM;
			break;
		}
		c = more;
		memset(&c[n], 0, sizeof(c[n]));
		strcpy(c[n].name, name);
		n++;
	}
	free(line);
	fclose(f);
	if (err) {
		free(c);
		return err;
	}
	*out = c;
	return n;
}

static int read_root(const struct opts *o, uint64_t *root)
{
	FILE *f = open_sys(o, "/sys/kernel/pram");
	unsigned long long v;
	int ok;

	if (!f)
		return -errno;
	ok = fscanf(f, "%llx", &v) == 1;
	fclose(f);
	if (!ok)
		return -EBADMSG;
	*root = v;
	return 0;
}

/* Read each candidate's mountpoint from its tree in preserved memory. */
static int read_mountpoints(const struct opts *o, struct candidate *c, int n)
{
	struct pramhdr_report rep = { .limit = 16 };
	struct pramhdr_chain *chain = NULL;
	struct pramhdr_source *src = NULL;
	char *kcore = path_in(o->sysroot, "/proc/kcore");
	uint64_t root;
	int i, err;

	err = kcore ? read_root(o, &root) : -ENOMEM;
	if (!err)
		err = pramhdr_source_open_elf(&src, kcore);
	free(kcore);
	if (!err)
		err = pramhdr_chain_read(src, root, 0, &chain, &rep);
	if (err < 0) {
		pramhdr_source_close(src);
		pramhdr_report_free(&rep);
		return err;
	}
	err = 0;
	for (i = 0; i < n && !err; i++) {
		struct pramhdr_tree *t = NULL;
		size_t k, len;
		void *meta;

		for (k = 0; k < chain->nr_nodes; k++)
			if (!strcmp(chain->nodes[k].name, c[i].name))
				break;
		c[i].unreadable = true;
		if (k == chain->nr_nodes || !chain->nodes[k].ok ||
		    pramhdr_node_meta(src, &chain->nodes[k], &meta, &len))
			continue;
		if (pramhdr_tree_decode(meta, len, (int)k, &t, &rep) == 0)
			c[i].unreadable = false;
		if (!c[i].unreadable && t->mountpoint) {
			int len_opts = pramhdr_tree_mount_options(t, NULL, 0);

			c[i].mountpoint = strdup(t->mountpoint);
			c[i].ms_flags = ms_flags_of(t->mnt_flags);
			c[i].options = malloc((size_t)len_opts + 1);
			if (!c[i].mountpoint || !c[i].options)
				err = -ENOMEM;
			else
				pramhdr_tree_mount_options(t, c[i].options,
							   (size_t)len_opts + 1);
		}
		pramhdr_tree_free(t);
		free(meta);
	}
	pramhdr_chain_free(chain);
	pramhdr_source_close(src);
	pramhdr_report_free(&rep);
	return err;
}

/* Fewer path components first: a tree mounted inside another comes after. */
static int by_depth(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	const char *p;
	int dx = 0, dy = 0;

	for (p = x->mountpoint; p && *p; p++)
		dx += *p == '/';
	for (p = y->mountpoint; p && *p; p++)
		dy += *p == '/';
	return dx != dy ? dx - dy : strcmp(x->name, y->name);
}

/* No "." or ".." components, not "/" itself: a plain place to mount on. */
static bool plain_path(const char *p)
{
	const char *s;

	if (p[0] != '/' || !p[1])
		return false;
	for (s = p; s; s = strchr(s + 1, '/')) {
		if (!strncmp(s, "/./", 3) || !strcmp(s, "/.") ||
		    !strncmp(s, "/../", 4) || !strcmp(s, "/.."))
			return false;
	}
	return true;
}

static int mkdir_p(char *path)
{
	char *s;

	for (s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(path, 0755) && errno != EEXIST) {
			*s = '/';
			return -errno;
		}
		*s = '/';
	}
	if (mkdir(path, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

/* Is @path the root of a mount (bind mounts too)? */
static bool is_mountpoint(const char *path)
{
	struct statx stx;

	return !statx(AT_FDCWD, path, 0, STATX_BASIC_STATS, &stx) &&
	       (stx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) &&
	       (stx.stx_attributes & STATX_ATTR_MOUNT_ROOT);
}

/*
 * Does a directory of @path (under @prefix) exist as a symlink? The kernel
 * records the path resolved, so one now is something planted since:
 * never follow it.
 */
static bool has_symlink(const char *prefix, const char *path)
{
	char *p = path_in(prefix, path), *s;
	size_t skip = prefix ? strlen(prefix) : 0;
	struct stat st;
	bool found = false;

	if (!p)
		return true;
	for (s = strchr(p + skip + 1, '/'); ; s = strchr(s + 1, '/')) {
		if (s)
			*s = '\0';
		if (!lstat(p, &st) && S_ISLNK(st.st_mode))
			found = true;
		if (!s || found)
			break;
		*s = '/';
	}
	free(p);
	return found;
}

/* Returns 0 when restored (or would be), 1 when it failed. */
static int restore(const struct opts *o, const struct candidate *c)
{
	char *target, *options;
	int err = 0;

	if (c->unreadable) {
		fprintf(stderr, "%s: %s: its tree in preserved memory fails its checks (see pramdump verify); not mounted\n",
			prog, c->name);
		return 1;
	}
	if (!c->mountpoint) {
		printf("%s: %s: no mountpoint recorded; mount it yourself: mount -t tmpfs -o pram=%s tmpfs DIR\n",
		       prog, c->name, c->name);
		return 0;
	}
	if (!plain_path(c->mountpoint)) {
		fprintf(stderr, "%s: %s: recorded mountpoint '%s' is not a plain absolute path; not mounted (mount it by hand)\n",
			prog, c->name, c->mountpoint);
		return 1;
	}
	target = path_in(o->prefix, c->mountpoint);
	if (!target || asprintf(&options, "pram=%s", c->name) < 0) {
		fprintf(stderr, "%s: out of memory\n", prog);
		free(target);
		return 1;
	}
	if (has_symlink(o->prefix, c->mountpoint)) {
		fprintf(stderr, "%s: %s: %s leads through a symlink; not mounted (mount it by hand)\n",
			prog, c->name, target);
		err = 1;
	} else if (is_mountpoint(target)) {
		fprintf(stderr, "%s: %s: %s is a mountpoint already (fstab?); not mounted over it\n",
			prog, c->name, target);
		err = 1;
	} else if (o->dry_run) {
		printf("%s: %s: would mount at %s (mount -t tmpfs -o %s tmpfs %s)\n",
		       prog, c->name, target, options, target);
		printf("%s: %s: with the options it was saved with: %s\n",
		       prog, c->name, c->options);
	} else if ((err = mkdir_p(target))) {
		fprintf(stderr, "%s: %s: cannot create %s: %s\n", prog, c->name,
			target, strerror(-err));
		err = 1;
	} else if (mount("tmpfs", target, "tmpfs", c->ms_flags, options)) {
		/* The kernel log says why the tree was refused, if it was. */
		fprintf(stderr, "%s: %s: mounting at %s failed: %s%s\n", prog,
			c->name, target, strerror(errno),
			errno == EIO || errno == EOPNOTSUPP ?
			" (see dmesg: the kernel checked the tree and kept or dropped it)" : "");
		err = 1;
	} else {
		printf("%s: %s: mounted at %s\n", prog, c->name, target);
	}
	free(target);
	free(options);
	return err;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: %s [options] [NAME...]\n"
		"Mount the tmpfs trees the previous kernel preserved where they were\n"
		"mounted (all of them, or the NAMEs).\n\n"
		" -n, --dry-run        say what would be mounted where, mount nothing\n"
		" -p, --prefix DIR     mountpoints are under DIR (an initramfs restoring\n"
		"                      into the real root before switching to it)\n"
		"     --sysroot DIR    read /proc and /sys under DIR (for tests)\n"
		" -v, --verbose        say so when there is nothing to restore\n"
		" -h, --help           this text\n\n"
		"Exit status: 0 restored (or nothing to restore), 1 a tree was not\n"
		"mounted, 2 trouble reading what is preserved. See pram-restore(8).\n",
		prog);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "prefix", required_argument, NULL, 'p' },
		{ "sysroot", required_argument, NULL, 'S' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { 0 };
	struct candidate *c = NULL;
	int n, i, opt, failed = 0, err;

	while ((opt = getopt_long(argc, argv, "np:vh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'n': o.dry_run = true; break;
		case 'p': o.prefix = optarg; break;
		case 'S': o.sysroot = optarg; break;
		case 'v': o.verbose = true; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	o.names = argv + optind;
	o.nr_names = argc - optind;

	n = read_candidates(&o, &c);
	if (n == -ENOENT) {
		if (o.verbose)
			printf("%s: this kernel has no PRAM: nothing to restore\n", prog);
		return 0;
	}
	if (n < 0) {
		fprintf(stderr, "%s: reading /sys/kernel/mm/pram/nodes: %s\n", prog,
			strerror(-n));
		return 2;
	}
	if (!n) {
		if (o.verbose)
			printf("%s: no tmpfs tree from the previous kernel to restore\n", prog);
		return 0;
	}
	err = read_mountpoints(&o, c, n);
	if (err) {
		fprintf(stderr, "%s: reading the preserved trees (/proc/kcore): %s\n",
			prog, pramhdr_strerror(err));
		failed = 2;
	}
	if (!err)
		qsort(c, n, sizeof(*c), by_depth);
	for (i = 0; i < n && !err; i++)
		if (restore(&o, &c[i]))
			failed = 1;
	for (i = 0; i < n; i++) {
		free(c[i].mountpoint);
		free(c[i].options);
	}
	free(c);
	return failed;
}
