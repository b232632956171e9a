// SPDX-License-Identifier: GPL-2.0-only
/*
 * pram-restore: mount again, where they were, the tmpfs trees a previous
 * kernel preserved, at boot.
 *
 * The kernel lists the nodes it took over in /sys/kernel/mm/pram/nodes/;
 * where each tree was mounted is recorded in the tree itself (its SUPER
 * record), which libpramhdr reads from /proc/kcore with the root from
 * /sys/kernel/mm/pram/root. For every tmpfs node that came from the previous
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
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

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
	unsigned int attr;	/* MOUNT_ATTR_* of the mount it had there */
	char *options;		/* the same, as mount -o says them */
	bool unreadable;	/* its tree could not be read or decoded */
};

/* The attributes the mount at the recorded mountpoint had, for fsmount(2). */
static unsigned int mount_attr_of(uint32_t mnt)
{
	static const struct { uint32_t mnt; unsigned int attr; } map[] = {
		{ PRAM_MNT_RDONLY, MOUNT_ATTR_RDONLY },
		{ PRAM_MNT_NOSUID, MOUNT_ATTR_NOSUID },
		{ PRAM_MNT_NODEV, MOUNT_ATTR_NODEV },
		{ PRAM_MNT_NOEXEC, MOUNT_ATTR_NOEXEC },
		{ PRAM_MNT_NOATIME, MOUNT_ATTR_NOATIME },
		{ PRAM_MNT_NODIRATIME, MOUNT_ATTR_NODIRATIME },
		{ PRAM_MNT_RELATIME, MOUNT_ATTR_RELATIME },
	};
	unsigned int attr = 0;
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (mnt & map[i].mnt)
			attr |= map[i].attr;
	if (!(mnt & (PRAM_MNT_NOATIME | PRAM_MNT_RELATIME)))
		attr |= MOUNT_ATTR_STRICTATIME;
	return attr;
}

static char *path_in(const char *dir, const char *path)
{
	char *p;

	if (asprintf(&p, "%s%s", dir ? dir : "", path) < 0)
		return NULL;
	return p;
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
 * The nodes that are tmpfs trees, ready, and came from the previous kernel.
 * Returns how many, or -errno (-ENOENT: the kernel has no PRAM).
 */
static int read_candidates(const struct opts *o, struct candidate **out)
{
	struct pramhdr_live_node *nodes;
	struct candidate *c;
	size_t nr, i;
	int n = 0, err;

	err = pramhdr_live_nodes(o->sysroot, &nodes, &nr);
	if (err)
		return err;
	c = calloc(nr ? nr : 1, sizeof(*c));
	if (!c) {
		free(nodes);
		return -ENOMEM;
	}
	for (i = 0; i < nr; i++)
		if (!strcmp(nodes[i].type, "shmem") &&
		    !strcmp(nodes[i].state, "ready") &&
		    !strcmp(nodes[i].origin, "incoming") &&
		    wanted(o, nodes[i].name))
			strcpy(c[n++].name, nodes[i].name);
	free(nodes);
	*out = c;
	return n;
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

	err = kcore ? pramhdr_live_root(o->sysroot, &root) : -ENOMEM;
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
			c[i].attr = mount_attr_of(t->mnt_flags);
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

/*
 * Open the directory @path (absolute and plain) under @prefix, a component
 * at a time, never through a symlink: the kernel recorded the path
 * resolved, so a symlink there now is something planted since. With
 * @create, missing directories are made on the way (0755). Each step
 * holds the directory it came from, so nothing can be swapped in between
 * the check and the mount.
 * Returns an O_PATH descriptor, -ELOOP for a symlink, or -errno.
 */
static int open_target(const char *prefix, const char *path, bool create)
{
	struct open_how how = {
		.flags = O_PATH | O_DIRECTORY | O_CLOEXEC,
		.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};
	char *copy = strdup(path), *comp, *save = NULL;
	int dir, next;

	if (!copy)
		return -ENOMEM;
	dir = open(prefix ? prefix : "/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		dir = -errno;
	for (comp = strtok_r(copy, "/", &save); comp && dir >= 0;
	     comp = strtok_r(NULL, "/", &save)) {
		if (create && mkdirat(dir, comp, 0755) && errno != EEXIST) {
			next = -errno;
		} else {
			next = (int)syscall(SYS_openat2, dir, comp, &how,
					    sizeof(how));
			if (next < 0)
				next = -errno;
		}
		close(dir);
		dir = next;
	}
	free(copy);
	return dir;
}

/* Is the directory open at @fd the root of a mount (bind mounts too)? */
static bool is_mountpoint(int fd)
{
	struct statx stx;

	return !statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &stx) &&
	       (stx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) &&
	       (stx.stx_attributes & STATX_ATTR_MOUNT_ROOT);
}

/* What the kernel said about a failed tmpfs setup, if it said anything. */
static void print_fs_messages(int fs, const char *name)
{
	char msg[1024];
	ssize_t n;

	while ((n = read(fs, msg, sizeof(msg) - 1)) > 0) {
		msg[n] = '\0';
		fprintf(stderr, "%s: %s: kernel: %s\n", prog, name,
			msg[0] && msg[1] == ' ' ? msg + 2 : msg);
	}
}

/*
 * Mount the tree on the directory open at @target: a tmpfs context with
 * pram=NAME (the kernel checks the tree and brings back its files and
 * options when it creates the superblock), then the recorded mount
 * attributes, then onto the directory itself, not onto a path.
 * Returns 0 or -errno.
 */
static int mount_tree(int target, const struct candidate *c)
{
	int fs, mnt = -1, err = 0;

	fs = fsopen("tmpfs", FSOPEN_CLOEXEC);
	if (fs < 0)
		return -errno;
	if (fsconfig(fs, FSCONFIG_SET_STRING, "pram", c->name, 0) ||
	    ((c->attr & MOUNT_ATTR_RDONLY) &&
	     fsconfig(fs, FSCONFIG_SET_FLAG, "ro", NULL, 0)) ||
	    fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0))
		err = -errno;
	if (!err) {
		mnt = fsmount(fs, FSMOUNT_CLOEXEC, c->attr);
		if (mnt < 0)
			err = -errno;
	}
	if (!err && move_mount(mnt, "", target, "",
			       MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH))
		err = -errno;
	if (err)
		print_fs_messages(fs, c->name);
	if (mnt >= 0)
		close(mnt);
	close(fs);
	return err;
}

/* Returns 0 when restored (or would be), 1 when it failed. */
static int restore(const struct opts *o, const struct candidate *c)
{
	char *target;
	int fd, err = 1;

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
	if (!target) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return 1;
	}
	fd = open_target(o->prefix, c->mountpoint, !o->dry_run);
	if (fd == -ELOOP) {
		fprintf(stderr, "%s: %s: %s leads through a symlink; not mounted (mount it by hand)\n",
			prog, c->name, target);
	} else if (fd < 0 && (fd != -ENOENT || !o->dry_run)) {
		fprintf(stderr, "%s: %s: cannot create or open %s: %s\n",
			prog, c->name, target, strerror(-fd));
	} else if (fd >= 0 && is_mountpoint(fd)) {
		fprintf(stderr, "%s: %s: %s is a mountpoint already (fstab?); not mounted over it\n",
			prog, c->name, target);
	} else if (o->dry_run) {
		printf("%s: %s: would mount at %s (mount -t tmpfs -o pram=%s tmpfs %s)\n",
		       prog, c->name, target, c->name, target);
		printf("%s: %s: with the options it was saved with: %s\n",
		       prog, c->name, c->options);
		err = 0;
	} else if ((err = mount_tree(fd, c))) {
		/* The kernel log says why the tree was refused, if it was. */
		fprintf(stderr, "%s: %s: mounting at %s failed: %s%s\n", prog,
			c->name, target, strerror(-err),
			err == -EIO || err == -EOPNOTSUPP ?
			" (see dmesg: the kernel checked the tree and kept or dropped it)" : "");
		err = 1;
	} else {
		printf("%s: %s: mounted at %s\n", prog, c->name, target);
	}
	if (fd >= 0)
		close(fd);
	free(target);
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
