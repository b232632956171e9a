// SPDX-License-Identifier: GPL-2.0-only
/*
 * pram-kexec: kexec that preserves, hands over, and refuses to jump onto
 * broken memory.
 *
 * kexec-tools calls the hooks declared in pram-kexec.h. Before loading, the
 * tmpfs named with --preserve is frozen and saved by the kernel, and the
 * whole chain is read from /proc/kcore and checked with libpramhdr; any
 * problem stops the load. The next kernel's command line gets pram=0x<root>
 * (a stale value is removed). kexec_load segments are placed off the
 * preserved extents and checked again once placed. Before -e jumps, the
 * chain is checked once more and must still be the one that was loaded.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libmount.h>

#include "../kexec.h"
#include "../kexec-syscall.h"
#include "cmdline.h"
#include "pram-kexec.h"
#include "pramhdr.h"
#include "ranges.h"

#define SYS_DIR		PRAMHDR_SYSFS_DIR
#define PLAN_DIR	"/run/pram-kexec"
#define PLAN		PLAN_DIR "/plan"
#define CMDLINE_MAX	2048	/* x86 COMMAND_LINE_SIZE */

/*
 * Where the next kernel learns the root. On device-tree architectures
 * (pram.mk sets PRAM_KEXEC_DT) the tree carries it: pram_kexec_dtb()
 * writes it for kexec_load, the kernel itself for kexec_file_load, and a
 * pram= would only be a second copy, stale once reused. Elsewhere the
 * command line does.
 */
#ifndef PRAM_KEXEC_DT
#define PRAM_KEXEC_DT	0
#endif

static const char **preserve;
static int nr_preserve;
static int verify_data, check_only, ignore_unpreserved, at_shutdown;

static int active;			/* hand over at all */
static uint64_t root;
static struct pram_range *extents;	/* preserved memory, inclusive */
static size_t nr_extents;
static char *next_cmdline;		/* as pram_kexec_cmdline() left it */

void pram_kexec_option(int opt, const char *arg)
{
	switch (opt) {
	case OPT_PRAM_PRESERVE:
		preserve = realloc(preserve, (nr_preserve + 1) * sizeof(*preserve));
		if (!preserve)
			die("pram-kexec: out of memory\n");
		preserve[nr_preserve++] = arg;
		break;
	case OPT_PRAM_VERIFY_DATA:
		verify_data = 1;
		break;
	case OPT_PRAM_CHECK:
		check_only = 1;
		break;
	case OPT_PRAM_IGNORE_UNPRESERVED:
		ignore_unpreserved = 1;
		break;
	case OPT_PRAM_AT_SHUTDOWN:
		at_shutdown = 1;
		break;
	}
}

static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return n;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) < 0)
		err = -errno;
	close(fd);
	return err;
}

/*
 * The pram= name of a mount of a whole pram tmpfs, or NULL: not one, or a
 * bind mount of a directory in it (the tree does not go there).
 */
static const char *pram_name_of(struct libmnt_fs *fs, size_t *len)
{
	const char *root = mnt_fs_get_root(fs);
	char *value;

	if (!mnt_fs_match_fstype(fs, "tmpfs") || !root || strcmp(root, "/") ||
	    mnt_fs_get_option(fs, "pram", &value, len) || !*len)
		return NULL;
	return value;
}

/*
 * Where is the tmpfs mounted with pram=NAME, if it is? Its first mount of
 * the whole tree in this process's mountinfo, which libmount reads (and
 * undoes its escapes).
 */
static char *tmpfs_mounted(const char *name)
{
	struct libmnt_table *tb = mnt_new_table_from_file("/proc/self/mountinfo");
	struct libmnt_iter *it = mnt_new_iter(MNT_ITER_FORWARD);
	struct libmnt_fs *fs;
	char *dir = NULL;

	while (tb && it && !dir && !mnt_table_next_fs(tb, it, &fs)) {
		const char *value;
		size_t len;

		value = pram_name_of(fs, &len);
		if (value && len == strlen(name) && !strncmp(value, name, len))
			dir = strdup(mnt_fs_get_target(fs));
	}
	mnt_free_iter(it);
	mnt_unref_table(tb);
	return dir;
}

/*
 * --at-shutdown: leave the tmpfs writable, and have the kernel record its
 * mountpoint now for the save its unmount makes at shutdown, after the
 * services that use it stopped; pram's systemd-shutdown hook saves it in
 * place if it is still in use then.
 */
static int defer_preserve(const char *name, const char *arg)
{
	int err;

	if (access(SYS_DIR "/mountpoint", F_OK)) {
		fprintf(stderr, "pram-kexec: --at-shutdown: this kernel has no %s/mountpoint; preserve without --at-shutdown (frozen now), or unmount the tmpfs yourself before the jump\n",
			SYS_DIR);
		return -1;
	}
	err = write_file(SYS_DIR "/mountpoint", arg);
	if (err == -EALREADY) {
		printf("pram-kexec: %s: already preserved\n", name);
		return 0;
	}
	if (err) {
		fprintf(stderr, "pram-kexec: recording where pram=%s is mounted (%s) failed: %s\n",
			name, arg + strlen(name) + 1, strerror(-err));
		return -1;
	}
	printf("pram-kexec: %s: saved at shutdown, when systemd unmounts it (frozen in place if it is still in use then); writable until then\n",
	       name);
	return 0;
}

static int do_preserve(const char *name)
{
	struct pramhdr_live_node node;
	char *dir = tmpfs_mounted(name), *arg;
	int err;

	if (dir) {
		/* The mountpoint goes with it, for a restore at boot. */
		if (asprintf(&arg, "%s %s", name, dir) < 0)
			die("pram-kexec: out of memory\n");
		if (at_shutdown) {
			err = defer_preserve(name, arg);
			free(arg);
			free(dir);
			return err;
		}
		err = write_file(SYS_DIR "/preserve", arg);
		free(arg);
		free(dir);
		if (err == -EALREADY) {
			printf("pram-kexec: %s: already preserved\n", name);
			return 0;
		}
		if (err) {
			fprintf(stderr, "pram-kexec: preserving the tmpfs mounted with pram=%s failed: %s (see dmesg)\n",
				name, strerror(-err));
			return -1;
		}
		printf("pram-kexec: %s: preserved (frozen read-only until the jump; cancel with: echo %s > %s/cancel)\n",
		       name, name, SYS_DIR);
		return 0;
	}
	if (!pramhdr_live_node(NULL, name, &node)) {
		printf("pram-kexec: %s: not mounted, its node is preserved already\n", name);
		return 0;
	}
	fprintf(stderr, "pram-kexec: --preserve=%s: no tmpfs is mounted with pram=%s and no node of that name exists (mount -t tmpfs -o pram=%s ...)\n",
		name, name, name);
	return -1;
}

/*
 * Tell the kernel where every tmpfs mounted with pram= is (NAME DIR to
 * /sys/kernel/mm/pram/mountpoint; its first mount, as --preserve takes),
 * so that a tree saved later, by systemd's unmount at shutdown or by
 * pram's shutdown hook when it is still busy then, records where
 * pram-restore puts it back. Best effort: a kernel without that file, a
 * tmpfs preserved already or gone meanwhile only means nothing changes.
 */
static void record_mountpoints(void)
{
	struct libmnt_table *tb = mnt_new_table_from_file("/proc/self/mountinfo");
	struct libmnt_iter *it = mnt_new_iter(MNT_ITER_FORWARD);
	struct libmnt_fs *fs;

	while (tb && it && !mnt_table_next_fs(tb, it, &fs)) {
		const char *value;
		char *name, *dir, *arg;
		size_t len;

		value = pram_name_of(fs, &len);
		if (!value)
			continue;
		name = strndup(value, len);
		if (!name)
			die("pram-kexec: out of memory\n");
		dir = tmpfs_mounted(name);
		if (dir && !strcmp(dir, mnt_fs_get_target(fs))) {
			if (asprintf(&arg, "%s %s", name, dir) < 0)
				die("pram-kexec: out of memory\n");
			write_file(SYS_DIR "/mountpoint", arg);
			free(arg);
		}
		free(dir);
		free(name);
	}
	mnt_free_iter(it);
	mnt_unref_table(tb);
}

/* The extents of a chain just read, as kexec-tools writes ranges. */
static int take_extents(const struct pramhdr_chain *c)
{
	struct pram_range *r = calloc(c->nr_extents ? c->nr_extents : 1, sizeof(*r));
	uint64_t i;

	if (!r)
		return -1;
	for (i = 0; i < c->nr_extents; i++) {
		r[i].start = c->extents[i][0];
		r[i].end = c->extents[i][1] - 1;
	}
	free(extents);
	extents = r;
	nr_extents = pram_ranges_coalesce(r, c->nr_extents);
	return 0;
}

/* tmpfs trees must decode, and their files account for every run. */
static void check_trees(struct pramhdr_source *src,
			const struct pramhdr_chain *c,
			struct pramhdr_report *rep)
{
	size_t k;

	for (k = 0; k < c->nr_nodes; k++) {
		const struct pramhdr_node *nd = &c->nodes[k];
		struct pramhdr_tree *t = NULL;
		struct pramhdr_run *runs;
		size_t len, nr;
		void *meta;
		int err;

		if (!nd->ok || nd->type != PRAM_NODE_SHMEM ||
		    pramhdr_node_meta(src, nd, &meta, &len))
			continue;
		err = pramhdr_tree_decode(meta, len, (int)k, &t, rep);
		if (err == -EOPNOTSUPP)
			fprintf(stderr, "pram-kexec: note: node '%s' holds a tmpfs tree of a newer format; the next kernel keeps it as it is\n",
				nd->name);
		if (err == 0 && !pramhdr_node_runs(src, nd, &runs, &nr)) {
			pramhdr_tree_check_runs(t, runs, nr, c->page_size,
						(int)k, rep);
			free(runs);
		}
		pramhdr_tree_free(t);
		free(meta);
	}
}

/* How far the data check is, on a terminal. */
static void show_progress(uint64_t done, uint64_t total, void *arg)
{
	(void)arg;
	if (done < total)
		fprintf(stderr, "\rpram-kexec: data CRCs %3d%% of %" PRIu64 " MiB",
			total ? (int)(done * 100 / total) : 100, total >> 20);
	else
		fprintf(stderr, "\r%*s\r", 50, "");
}

/* Walk the chain over /proc/kcore; print every problem. */
static int check_chain(uint64_t at, int data, int quiet)
{
	struct pramhdr_read_opts o = {
		.flags = data ? PRAMHDR_VERIFY_DATA : 0,
		.progress = !quiet && isatty(STDERR_FILENO) ? show_progress : NULL,
	};
	struct pramhdr_report rep = { 0 };
	struct pramhdr_source *src;
	struct pramhdr_chain *c;
	size_t i;
	int n;

	n = pramhdr_source_open_elf(&src, "/proc/kcore");
	if (n) {
		fprintf(stderr, "pram-kexec: /proc/kcore: %s\n", pramhdr_strerror(n));
		return -1;
	}
	if (data && !quiet)
		printf("pram-kexec: checking the data of every node (this reads all preserved memory)...\n");
	n = pramhdr_chain_read_opts(src, at, &o, &c, &rep);
	if (n >= 0)
		check_trees(src, c, &rep);
	pramhdr_source_close(src);
	if (n < 0) {
		fprintf(stderr, "pram-kexec: the root at %#" PRIx64 ": %s\n", at,
			pramhdr_strerror(n));
		return -1;
	}
	if (take_extents(c)) {
		fprintf(stderr, "pram-kexec: out of memory\n");
		n = -1;
	}
	if (!quiet)
		for (i = 0; i < c->nr_nodes; i++)
			printf("pram-kexec: node %-20s %s, %" PRIu64 " data pages\n",
			       c->nodes[i].name, c->nodes[i].ok ? "ok" : "DAMAGED",
			       c->nodes[i].data_pages);
	for (i = 0; i < rep.nr; i++)
		fprintf(stderr, "pram-kexec: problem: %s at %#" PRIx64 "+%u (node %d): %s\n",
			pramhdr_problem_kind_name(rep.problems[i].kind),
			rep.problems[i].phys, rep.problems[i].offset,
			rep.problems[i].node, rep.problems[i].text);
	n = rep.nr ? -1 : 0;
	pramhdr_report_free(&rep);
	pramhdr_chain_free(c);
	return n;
}

/*
 * Print every tmpfs mounted with pram= that is in use and not preserved
 * (mounted, or unmounted lazily with a file open): a kexec now leaves its
 * files behind. @how starts each line. Returns how many there are.
 */
static int report_unpreserved(const char *how)
{
	char buf[8192], *line, *save;
	int n = 0;

	if (read_file(SYS_DIR "/unpreserved", buf, sizeof(buf)) < 0)
		return 0;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!strcmp(how, "note"))
			fprintf(stderr, "pram-kexec: note: the tmpfs mounted with pram=%s is in use and not preserved yet: its unmount saves it (systemctl kexec unmounts it); before pram-kexec -e, unmount it or preserve it with --preserve=%s\n",
				line, line);
		else
			fprintf(stderr, "pram-kexec: %s: the tmpfs mounted with pram=%s is in use and not preserved; unmount it (which saves it) or preserve it with --preserve=%s\n",
				how, line, line);
		n++;
	}
	return n;
}

/* The "System RAM" ranges of /proc/iomem, which arm64's mem= counts. */
struct ram_list {
	struct pram_range *r;
	size_t n, cap;
};

static int add_ram(void *data, int nr, char *str, unsigned long long base,
		   unsigned long long len)
{
	struct ram_list *l = data;

	(void)nr;
	(void)str;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->r = realloc(l->r, l->cap * sizeof(*l->r));
		if (!l->r)
			die("pram-kexec: out of memory\n");
	}
	l->r[l->n].start = base;
	l->r[l->n++].end = base + len - 1;
	return 0;
}

/* The next kernel must see every preserved page: mem=, memmap= may hide some. */
static void check_hidden(const char *cmdline)
{
	static const struct pram_range none;
	struct ram_list ram = { 0 };
	const struct pram_range *r;
	const char *word = NULL;
	size_t len = 0;

	/* Where mem= is an amount of RAM: the RAM it counts, from the bottom. */
	if (PRAM_KEXEC_DT) {
		kexec_iomem_for_each_line("System RAM\n", add_ram, &ram);
		ram.n = pram_ranges_coalesce(ram.r, ram.n);
	}
	r = pram_cmdline_hidden(cmdline, extents, nr_extents,
				PRAM_KEXEC_DT ? (ram.r ? ram.r : &none) : NULL,
				ram.n, &word, &len);
	free(ram.r);
	if (!r)
		return;
	die("pram-kexec: %.*s on the command line hides preserved memory [%#" PRIx64 "-%#" PRIx64 "] from the next kernel, which would drop every node with pages there (see pramdump extents); remove it, or discard those nodes first\n",
	    (int)len, word ? word : "", r->start, r->end);
}

int pram_kexec_prepare(unsigned long kexec_flags, int file_syscall)
{
	int i, err;

	(void)file_syscall;
	if (at_shutdown && !nr_preserve) {
		fprintf(stderr, "pram-kexec: --at-shutdown goes with --preserve=NAME\n");
		return -1;
	}
	if (kexec_flags & KEXEC_ON_CRASH) {
		if (nr_preserve)
			die("pram-kexec: --preserve does not apply to a crash kernel (-p): PRAM stays off in kdump\n");
		return 0;
	}
	err = pramhdr_live_root(NULL, &root);
	if (err == -ENOENT) {
		if (nr_preserve) {
			fprintf(stderr, "pram-kexec: this kernel has no PRAM (no %s): nothing can be preserved\n",
				SYS_DIR);
			return -1;
		}
		return 0;
	}
	if (!check_only)
		record_mountpoints();
	for (i = 0; i < nr_preserve; i++)
		if (do_preserve(preserve[i]))
			return -1;
	if (err || !root) {
		fprintf(stderr, "pram-kexec: cannot read the root from %s/root: %s\n",
			SYS_DIR, err ? pramhdr_strerror(err) : "it is 0");
		return -1;
	}
	if (check_chain(root, verify_data, 0)) {
		fprintf(stderr, "pram-kexec: the preserved memory fails its checks: nothing loaded. The data is still in RAM; cancel a preserve to get a writable tmpfs back (echo NAME > %s/cancel).\n",
			SYS_DIR);
		return -1;
	}
	active = 1;
	if (next_cmdline)
		check_hidden(next_cmdline);
	printf("pram-kexec: handing over root %#" PRIx64 " (%zu preserved extents)\n",
	       root, nr_extents);
	if (!at_shutdown)
		report_unpreserved("note");
	return 0;
}

int pram_kexec_root(uint64_t *out)
{
	*out = root;
	return active;
}

/*
 * pram= is pram-kexec's: any on the next command line is stale (from
 * --reuse-cmdline) or stray, and is removed; the root is written again
 * only where the command line carries it. The arm64 loader builds its
 * line while it parses options, before pram_kexec_prepare() knows the
 * root: a copy is kept for pram_kexec_prepare() to check.
 */
char *pram_kexec_cmdline(char *cmdline)
{
	char *out;
	int err;

	err = pram_cmdline_edit(cmdline, active && !PRAM_KEXEC_DT ? root : 0,
				CMDLINE_MAX, &out);
	if (err == -E2BIG)
		die("pram-kexec: the next kernel's command line%s exceeds %d bytes\n",
		    active && !PRAM_KEXEC_DT ? " with pram=" : "", CMDLINE_MAX);
	free(next_cmdline);
	next_cmdline = err ? NULL : strdup(out);
	if (err || !next_cmdline)
		die("pram-kexec: out of memory\n");
	if (active)
		check_hidden(out);
	free(cmdline);
	return out;
}

void pram_kexec_exclude(struct memory_range **ranges, int *nr)
{
	struct pram_range *free_r, *out;
	long n;
	int i;

	if (!active || !nr_extents)
		return;
	free_r = malloc(*nr * sizeof(*free_r));
	out = malloc((*nr + nr_extents) * sizeof(*out));
	if (!free_r || !out)
		die("pram-kexec: out of memory\n");
	for (i = 0; i < *nr; i++) {
		free_r[i].start = (*ranges)[i].start;
		free_r[i].end = (*ranges)[i].end;
	}
	n = pram_ranges_subtract(free_r, *nr, extents, nr_extents, out,
				 *nr + nr_extents);
	if (n < 0)
		die("pram-kexec: too many free ranges\n");
	*ranges = xrealloc(*ranges, (n ? n : 1) * sizeof(**ranges));
	for (i = 0; i < n; i++) {
		(*ranges)[i].start = out[i].start;
		(*ranges)[i].end = out[i].end;
		(*ranges)[i].type = RANGE_RAM;
	}
	*nr = n;
	free(free_r);
	free(out);
}

static void save_plan(struct kexec_info *info)
{
	FILE *f;
	int i;

	mkdir(PLAN_DIR, 0700);
	f = fopen(PLAN, "w");
	if (!f)
		return;
	fprintf(f, "root %#" PRIx64 "\n", root);
	/* Saved at shutdown: pram's shutdown hook checks that they were. */
	for (i = 0; at_shutdown && i < nr_preserve; i++)
		fprintf(f, "preserve %s\n", preserve[i]);
	for (i = 0; info && i < info->nr_segments; i++)
		fprintf(f, "segment %#lx %#lx\n", (unsigned long)info->segment[i].mem,
			(unsigned long)info->segment[i].mem + info->segment[i].memsz - 1);
	fclose(f);
}

int pram_kexec_segments(struct kexec_info *info)
{
	int i, bad = 0;

	if (!active)
		return 0;
	if (check_only)
		printf("pram-kexec: plan (kexec_load): root %#" PRIx64 "\n", root);
	for (i = 0; i < info->nr_segments; i++) {
		uint64_t s = (unsigned long)info->segment[i].mem;
		uint64_t e = s + info->segment[i].memsz - 1;
		const struct pram_range *o;

		o = pram_ranges_overlap(extents, nr_extents, s, e);
		if (check_only)
			printf("pram-kexec:   segment %d %#" PRIx64 "-%#" PRIx64 "%s\n", i, s, e,
			       o ? " OVERLAPS preserved memory" : "");
		if (o) {
			fprintf(stderr, "pram-kexec: segment %d [%#" PRIx64 "-%#" PRIx64 "] overlaps preserved memory [%#" PRIx64 "-%#" PRIx64 "]: refusing to load (move it with --mem-min/--mem-max)\n",
				i, s, e, o->start, o->end);
			bad = 1;
		}
	}
	if (bad)
		return -1;
	if (check_only) {
		for (i = 0; (size_t)i < nr_extents; i++)
			printf("pram-kexec:   preserved %#" PRIx64 "-%#" PRIx64 "\n",
			       extents[i].start, extents[i].end);
		printf("pram-kexec: --check: nothing loaded\n");
		return 1;
	}
	save_plan(info);
	return 0;
}

int pram_kexec_file_check(const char *cmdline)
{
	if (!active)
		return 0;
	save_plan(NULL);
	if (!check_only)
		return 0;
	printf("pram-kexec: plan (kexec_file_load): root %#" PRIx64 ", %zu preserved extents; the kernel places the segments around them\n",
	       root, nr_extents);
	printf("pram-kexec:   command line: %s\n", cmdline ? cmdline : "");
	printf("pram-kexec: --check: nothing loaded\n");
	return 1;
}

int pram_kexec_before_exec(void)
{
	char buf[1 << 16], *line, *save;
	uint64_t planned = 0, cur = 0;
	int bad = 0;

	if (report_unpreserved(ignore_unpreserved ? "warning" : "error") &&
	    !ignore_unpreserved) {
		fprintf(stderr, "pram-kexec: not jumping: those files would be lost (go on anyway with --ignore-unpreserved); the kernel is unloaded\n");
		return -1;
	}
	if (read_file(PLAN, buf, sizeof(buf)) < 0)
		return 0;	/* not loaded by pram-kexec: nothing to check */
	if (pramhdr_live_root(NULL, &cur))
		return 0;
	/* The chain as it is now, and the extents it lists. */
	if (check_chain(cur, 0, 1))
		bad = 1;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long long s, e;

		if (sscanf(line, "root %" SCNx64, &planned) == 1)
			continue;
		if (sscanf(line, "segment %llx %llx", &s, &e) == 2 &&
		    pram_ranges_overlap(extents, nr_extents, s, e)) {
			fprintf(stderr, "pram-kexec: segment [%#llx-%#llx] now overlaps preserved memory\n",
				s, e);
			bad = 1;
		}
	}
	if (planned != cur) {
		fprintf(stderr, "pram-kexec: the root is %#" PRIx64 " now, the loaded kernel was given %#" PRIx64 "\n",
			cur, planned);
		bad = 1;
	}
	if (bad) {
		fprintf(stderr, "pram-kexec: not jumping: the preserved memory changed or fails its checks; the kernel is unloaded, the data is still in RAM\n");
		return -1;
	}
	unlink(PLAN);
	return 0;
}
