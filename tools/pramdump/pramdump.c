// SPDX-License-Identifier: GPL-2.0-only
/*
 * pramdump - inspect and verify memory preserved across kexec (PRAM)
 *
 * Reads the chain from the running system (/proc/kcore, the root from
 * /sys/kernel/mm/pram/root), from an ELF core or from a raw image, checks it with
 * libpramhdr and shows nodes, files and problems as util-linux tools do,
 * through libsmartcols (-J, -o, -n, -r, -b).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <libsmartcols.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pramhdr.h"

#define EXIT_PROBLEMS	1
#define EXIT_USAGE	2

static const char *prog = "pramdump";

struct opts {
	const char *core;	/* -c CORE or IMAGE@ADDRESS */
	const char *sysroot;
	uint64_t root;
	bool have_root;
	bool json, raw, noheadings, bytes, data;
	unsigned int threads;	/* for data CRCs; 0: one per CPU */
	const char *columns;
};

/* ---- columns, one table per view (util-linux style) ---- */

struct colinfo {
	const char *name;
	double whint;
	int flags;
	const char *help;
};

enum { N_NAME, N_TYPE, N_STATE, N_PAGES, N_SIZE, N_DATA, N_META, N_RUNS,
       N_CHECK, N_GEN, N_SAVED, N_ADDR };
static const struct colinfo node_cols[] = {
	[N_NAME] = { "NAME", 0.2, 0, "node name" },
	[N_TYPE] = { "TYPE", 5, 0, "shmem (a tmpfs tree) or raw" },
	[N_STATE] = { "STATE", 7, 0, "ok, damaged or stale" },
	[N_PAGES] = { "PAGES", 6, SCOLS_FL_RIGHT, "pages held, metadata included" },
	[N_SIZE] = { "SIZE", 6, SCOLS_FL_RIGHT, "memory held" },
	[N_DATA] = { "DATA", 6, SCOLS_FL_RIGHT, "data pages" },
	[N_META] = { "META", 6, SCOLS_FL_RIGHT, "metadata stream bytes" },
	[N_RUNS] = { "RUNS", 5, SCOLS_FL_RIGHT, "page stream entries" },
	[N_CHECK] = { "CHECKSUM", 8, 0, "metadata CRCs, and data CRCs with --data: ok, bad, unchecked" },
	[N_GEN] = { "GEN", 3, SCOLS_FL_RIGHT, "generation of the kernel that saved it" },
	[N_SAVED] = { "SAVED", 19, 0, "when it was saved" },
	[N_ADDR] = { "ADDRESS", 18, 0, "physical address of the node page" },
};
static const int node_default[] = { N_NAME, N_TYPE, N_STATE, N_PAGES, N_SIZE, N_CHECK };

enum { F_PATH, F_TYPE, F_MODE, F_UID, F_GID, F_NLINK, F_INO, F_SIZE, F_MTIME,
       F_RUNS, F_TARGET, F_FLAGS };
static const struct colinfo file_cols[] = {
	[F_PATH] = { "PATH", 0.4, SCOLS_FL_TREE, "path in the tree" },
	[F_TYPE] = { "TYPE", 4, 0, "file, dir, symlink, chr, blk, fifo, sock" },
	[F_MODE] = { "MODE", 10, 0, "permissions as ls -l shows them" },
	[F_UID] = { "UID", 5, SCOLS_FL_RIGHT, "owner" },
	[F_GID] = { "GID", 5, SCOLS_FL_RIGHT, "group" },
	[F_NLINK] = { "NLINK", 3, SCOLS_FL_RIGHT, "link count" },
	[F_INO] = { "INO", 6, SCOLS_FL_RIGHT, "inode id (same id: hard links)" },
	[F_SIZE] = { "SIZE", 6, SCOLS_FL_RIGHT, "size" },
	[F_MTIME] = { "MTIME", 30, 0, "modification time, ns" },
	[F_RUNS] = { "RUNS", 4, SCOLS_FL_RIGHT, "page stream entries" },
	[F_TARGET] = { "TARGET", 0.2, 0, "symlink target" },
	[F_FLAGS] = { "FLAGS", 4, 0, "chattr flags as lsattr shows them: i a d A" },
};
static const int file_default[] = { F_PATH, F_TYPE, F_MODE, F_UID, F_GID, F_SIZE, F_MTIME, F_TARGET };

enum { P_KIND, P_NODE, P_ADDR, P_OFFSET, P_TEXT };
static const struct colinfo prob_cols[] = {
	[P_KIND] = { "KIND", 8, 0, "kind of problem" },
	[P_NODE] = { "NODE", 6, 0, "node it is in" },
	[P_ADDR] = { "ADDRESS", 18, 0, "physical address" },
	[P_OFFSET] = { "OFFSET", 4, SCOLS_FL_RIGHT, "byte offset in the page" },
	[P_TEXT] = { "PROBLEM", 0.6, SCOLS_FL_WRAP, "what is wrong" },
};
static const int prob_default[] = { P_KIND, P_NODE, P_ADDR, P_OFFSET, P_TEXT };

enum { E_START, E_END, E_PAGES, E_SIZE };
static const struct colinfo ext_cols[] = {
	[E_START] = { "START", 18, 0, "first byte" },
	[E_END] = { "END", 18, 0, "last byte (inclusive, as in /proc/iomem)" },
	[E_PAGES] = { "PAGES", 6, SCOLS_FL_RIGHT, "pages" },
	[E_SIZE] = { "SIZE", 6, SCOLS_FL_RIGHT, "size" },
};
static const int ext_default[] = { E_START, E_END, E_PAGES, E_SIZE };

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A view: a command's table, its columns and the ones shown by default. */
struct view {
	const char *name;	/* table name (JSON key), "Columns of" in --help */
	const char *command;
	const struct colinfo *cols;
	size_t nr_cols;
	const int *def;
	size_t nr_def;
};

#define VIEW(name, command, cols, def) \
	{ name, command, cols, ARRAY_SIZE(cols), def, ARRAY_SIZE(def) }
static const struct view node_view = VIEW("nodes", "list", node_cols, node_default);
static const struct view file_view = VIEW("files", "files", file_cols, file_default);
static const struct view ext_view = VIEW("extents", "extents", ext_cols, ext_default);
static const struct view prob_view = VIEW("problems", "verify", prob_cols, prob_default);

static void __attribute__((noreturn, format(printf, 1, 2))) die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_USAGE);
}

/* Parse -o into column ids; NULL or "+..." extends the defaults. */
static int parse_columns(const char *list, const struct colinfo *info,
			 size_t ninfo, const int *def, size_t ndef, int *out)
{
	size_t n = 0;
	char *copy, *tok, *save;

	if (!list || *list == '+') {
		memcpy(out, def, ndef * sizeof(*def));
		n = ndef;
		if (!list)
			return n;
		list++;
	}
	copy = strdup(list);
	if (!copy)
		die("out of memory");
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		size_t i;

		for (i = 0; i < ninfo; i++)
			if (!strcasecmp(tok, info[i].name))
				break;
		if (i == ninfo)
			die("unknown column '%s' (see --help)", tok);
		if (n < 32)
			out[n++] = i;
	}
	free(copy);
	return n;
}

static struct libscols_table *new_table(const struct opts *o, const char *name,
					const struct colinfo *info, const int *cols,
					int ncols);

/* A view's table with the columns -o asks for: their ids go to @cols. */
static struct libscols_table *view_table(const struct opts *o,
					 const struct view *v, int *cols, int *n)
{
	*n = parse_columns(o->columns, v->cols, v->nr_cols, v->def, v->nr_def,
			   cols);
	return new_table(o, v->name, v->cols, cols, *n);
}

static struct libscols_table *new_table(const struct opts *o, const char *name,
					const struct colinfo *info, const int *cols,
					int ncols)
{
	struct libscols_table *tb = scols_new_table();
	int i;

	if (!tb)
		die("out of memory");
	scols_table_enable_json(tb, o->json);
	scols_table_enable_raw(tb, o->raw);
	scols_table_enable_noheadings(tb, o->noheadings);
	scols_table_set_name(tb, name);
	for (i = 0; i < ncols; i++) {
		int flags = info[cols[i]].flags;

		if ((flags & SCOLS_FL_TREE) && (o->raw || o->json))
			flags &= ~SCOLS_FL_TREE;
		if (!scols_table_new_column(tb, info[cols[i]].name,
					    info[cols[i]].whint, flags))
			die("out of memory");
	}
	return tb;
}

static void set(struct libscols_line *ln, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void set(struct libscols_line *ln, int col, const char *fmt, ...)
{
	char *s;
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (r < 0 || scols_line_refer_data(ln, col, s))
		die("out of memory");
}

/* Sizes as lsblk shows them: 4K, 1.5M, 64M, 2G; exact with -b. */
static void set_size(const struct opts *o, struct libscols_line *ln, int col,
		     uint64_t bytes)
{
	static const char units[] = "BKMGTPE";
	double v = bytes;
	int u = 0;

	if (o->bytes) {
		set(ln, col, "%" PRIu64, bytes);
		return;
	}
	while (v >= 1024 && u < 6) {
		v /= 1024;
		u++;
	}
	if (!u || v >= 10 || v == (uint64_t)v)
		set(ln, col, "%.0f%c", v, units[u]);
	else
		set(ln, col, "%.1f%c", v, units[u]);
}

/* ---- sources ---- */

static char *sys_path(const struct opts *o, const char *path)
{
	char *p;

	if (asprintf(&p, "%s%s", o->sysroot ? o->sysroot : "", path) < 0)
		die("out of memory");
	return p;
}

static uint64_t live_root(const struct opts *o)
{
	uint64_t root;
	int err = pramhdr_live_root(o->sysroot, &root);

	if (err == -ENOENT)
		die("%s/root: no such file: this kernel has no PRAM (CONFIG_PRAM)",
		    PRAMHDR_SYSFS_DIR);
	if (err)
		die("%s/root: %s", PRAMHDR_SYSFS_DIR,
		    err == -EBADMSG ? "cannot read the root address" : strerror(-err));
	return root;
}

static struct pramhdr_source *open_source(const struct opts *o, uint64_t *root)
{
	struct pramhdr_source *src;
	char *path = NULL;
	const char *spec = o->core;
	int err;

	if (!spec) {
		path = sys_path(o, "/proc/kcore");
		spec = path;
		*root = o->have_root ? o->root : live_root(o);
	} else {
		if (!o->have_root)
			die("%s: give the root with --root ADDRESS (or find it with 'scan')",
			    spec);
		*root = o->root;
	}
	err = o->core ? pramhdr_source_open(&src, spec)
		      : pramhdr_source_open_elf(&src, spec);
	if (err == -EACCES || err == -EPERM)
		die("%s: permission denied: run as root (/proc/kcore needs CAP_SYS_RAWIO)",
		    spec);
	if (err)
		die("%s: %s", spec, pramhdr_strerror(err));
	free(path);
	return src;
}

/* A progress meter for the data CRC check, on a terminal. */
static void show_progress(uint64_t done, uint64_t total, void *arg)
{
	(void)arg;
	if (done < total)
		fprintf(stderr, "\rchecking data CRCs: %3d%% of %" PRIu64 " MiB",
			total ? (int)(done * 100 / total) : 100, total >> 20);
	else
		fprintf(stderr, "\r%*s\r", 40, "");
}

static struct pramhdr_chain *read_chain(const struct opts *o,
					struct pramhdr_source *src,
					uint64_t root,
					struct pramhdr_report *rep)
{
	struct pramhdr_read_opts ro = {
		.flags = o->data ? PRAMHDR_VERIFY_DATA : 0,
		.threads = o->threads,
		.progress = isatty(STDERR_FILENO) ? show_progress : NULL,
	};
	struct pramhdr_chain *chain;
	int err = pramhdr_chain_read_opts(src, root, &ro, &chain, rep);

	if (err == -ENOENT)
		die("no PRAM root at %#" PRIx64 ": nothing is preserved", root);
	if (err < 0)
		die("reading the root at %#" PRIx64 ": %s", root,
		    pramhdr_strerror(err));
	return chain;
}

static const struct pramhdr_node *find_node(const struct pramhdr_chain *c,
					    const char *name)
{
	size_t i;

	for (i = 0; i < c->nr_nodes; i++)
		if (!strcmp(c->nodes[i].name, name))
			return &c->nodes[i];
	die("no node named '%s' (see 'pramdump list')", name);
}

/* ---- commands ---- */

static const char *node_state(const struct pramhdr_chain *c,
			      const struct pramhdr_node *n)
{
	if (c->stale)
		return "stale";
	return n->ok ? "ok" : "damaged";
}

/* Print and free @tb, then say whether reading the chain found problems. */
static int finish_listing(const struct opts *o, struct libscols_table *tb,
			  struct pramhdr_report *rep, struct pramhdr_chain *c)
{
	scols_print_table(tb);
	scols_unref_table(tb);
	if (rep->nr && !o->json)
		fprintf(stderr, "%s: %zu problem(s) found; run 'pramdump verify' for details\n",
			prog, rep->nr + rep->dropped);
	pramhdr_report_free(rep);
	pramhdr_chain_free(c);
	return EXIT_SUCCESS;
}

static int cmd_list(const struct opts *o, struct pramhdr_source *src,
		    uint64_t root, char **args)
{
	struct pramhdr_report rep = { 0 };
	struct pramhdr_chain *c = read_chain(o, src, root, &rep);
	struct libscols_table *tb;
	int cols[32], n, i;
	size_t k;

	(void)args;
	tb = view_table(o, &node_view, cols, &n);
	for (k = 0; k < c->nr_nodes; k++) {
		const struct pramhdr_node *nd = &c->nodes[k];
		struct libscols_line *ln = scols_table_new_line(tb, NULL);
		uint64_t pages = 1 + nd->meta_pages + nd->data_link_pages + nd->data_pages;

		if (!ln)
			die("out of memory");
		for (i = 0; i < n; i++) {
			switch (cols[i]) {
			case N_NAME: set(ln, i, "%s", nd->name); break;
			case N_TYPE: set(ln, i, "%s", nd->type == PRAM_NODE_SHMEM ? "shmem" : "raw"); break;
			case N_STATE: set(ln, i, "%s", node_state(c, nd)); break;
			case N_PAGES: set(ln, i, "%" PRIu64, pages); break;
			case N_SIZE: set_size(o, ln, i, pages * c->page_size); break;
			case N_DATA: set(ln, i, "%" PRIu64, nd->data_pages); break;
			case N_META: set(ln, i, "%" PRIu64, nd->meta_bytes); break;
			case N_RUNS: set(ln, i, "%" PRIu64, nd->data_entries); break;
			case N_CHECK:
				set(ln, i, "%s", !nd->ok ? "bad" :
				    nd->data_checked ? (nd->data_bad ? "bad" : "ok") :
				    "meta-ok");
				break;
			case N_GEN: set(ln, i, "%" PRIu64, nd->generation); break;
			case N_SAVED: {
				char buf[32];
				time_t t = nd->saved_time;
				struct tm tm;

				strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", gmtime_r(&t, &tm));
				set(ln, i, "%s", buf);
				break;
			}
			case N_ADDR: set(ln, i, "%#" PRIx64, nd->phys); break;
			}
		}
	}
	return finish_listing(o, tb, &rep, c);
}

/* A clean tree's files against the node's runs. */
static void check_runs(struct pramhdr_source *src, const struct pramhdr_chain *c,
		       const struct pramhdr_node *nd, const struct pramhdr_tree *t,
		       struct pramhdr_report *rep)
{
	struct pramhdr_run *runs;
	size_t nr;

	if (pramhdr_node_runs(src, nd, &runs, &nr))
		return;
	pramhdr_tree_check_runs(t, runs, nr, c->page_size, (int)(nd - c->nodes), rep);
	free(runs);
}

static int cmd_verify(const struct opts *o, struct pramhdr_source *src,
		      uint64_t root, char **args)
{
	struct pramhdr_report rep = { 0 };
	struct pramhdr_chain *c;
	struct libscols_table *tb;
	int cols[32], n, i;
	size_t k;

	(void)args;
	c = read_chain(o, src, root, &rep);
	/* tmpfs metadata too: records must decode. */
	for (k = 0; k < c->nr_nodes; k++) {
		const struct pramhdr_node *nd = &c->nodes[k];
		struct pramhdr_tree *t = NULL;
		size_t len;
		void *meta;

		if (!nd->ok || nd->type != PRAM_NODE_SHMEM ||
		    pramhdr_node_meta(src, nd, &meta, &len))
			continue;
		n = pramhdr_tree_decode(meta, len, k, &t, &rep);
		if (n == 0)
			check_runs(src, c, nd, t, &rep);
		if (n == -EOPNOTSUPP)
			fprintf(stderr, "%s: node '%s': %s\n", prog, nd->name,
				pramhdr_strerror(n));
		pramhdr_tree_free(t);
		free(meta);
	}
	if (!rep.nr) {
		if (!o->json)
			printf("root %#" PRIx64 ": %zu nodes, %" PRIu64 " pages in %" PRIu64 " extents: no problems (%s)\n",
			       root, c->nr_nodes, c->nr_pages, c->nr_extents,
			       o->data ? "metadata and data checked" : "metadata checked; add --data for the data");
		else
			printf("{\"problems\": []}\n");
		pramhdr_chain_free(c);
		return EXIT_SUCCESS;
	}
	tb = view_table(o, &prob_view, cols, &n);
	for (k = 0; k < rep.nr; k++) {
		const struct pramhdr_problem *p = &rep.problems[k];
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln)
			die("out of memory");
		for (i = 0; i < n; i++) {
			switch (cols[i]) {
			case P_KIND: set(ln, i, "%s", pramhdr_problem_kind_name(p->kind)); break;
			case P_NODE:
				if (p->node < 0)
					set(ln, i, "-");
				else if ((size_t)p->node < c->nr_nodes && c->nodes[p->node].name[0])
					set(ln, i, "%s", c->nodes[p->node].name);
				else
					set(ln, i, "#%d", p->node);
				break;
			case P_ADDR: set(ln, i, "%#" PRIx64, p->phys); break;
			case P_OFFSET: set(ln, i, "%u", p->offset); break;
			case P_TEXT: set(ln, i, "%s", p->text); break;
			}
		}
	}
	scols_print_table(tb);
	scols_unref_table(tb);
	if (rep.dropped)
		fprintf(stderr, "%s: %zu more problems not shown\n", prog, rep.dropped);
	pramhdr_report_free(&rep);
	pramhdr_chain_free(c);
	return EXIT_PROBLEMS;
}

/* The extent table: every page the next kernel keeps, coalesced. */
static int cmd_extents(const struct opts *o, struct pramhdr_source *src,
		       uint64_t root, char **args)
{
	struct pramhdr_report rep = { 0 };
	struct pramhdr_chain *c = read_chain(o, src, root, &rep);
	struct libscols_table *tb;
	int cols[32], n, i;
	uint64_t k;

	(void)args;
	tb = view_table(o, &ext_view, cols, &n);
	for (k = 0; k < c->nr_extents; k++) {
		uint64_t start = c->extents[k][0], end = c->extents[k][1];
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln)
			die("out of memory");
		for (i = 0; i < n; i++) {
			switch (cols[i]) {
			case E_START: set(ln, i, "%#" PRIx64, start); break;
			case E_END: set(ln, i, "%#" PRIx64, end - 1); break;
			case E_PAGES: set(ln, i, "%" PRIu64, (end - start) / c->page_size); break;
			case E_SIZE: set_size(o, ln, i, end - start); break;
			}
		}
	}
	return finish_listing(o, tb, &rep, c);
}

static const char *type_name(uint32_t mode)
{
	switch (mode & S_IFMT) {
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

/* chattr flags in lsattr's letters, "-" for none; @s holds 5 bytes. */
static const char *flags_string(uint32_t flags, char *s)
{
	static const struct { uint32_t flag; char c; } letters[] = {
		{ PRAM_INODE_FL_IMMUTABLE, 'i' }, { PRAM_INODE_FL_APPEND, 'a' },
		{ PRAM_INODE_FL_NODUMP, 'd' }, { PRAM_INODE_FL_NOATIME, 'A' },
	};
	size_t i, n = 0;

	for (i = 0; i < sizeof(letters) / sizeof(letters[0]); i++)
		if (flags & letters[i].flag)
			s[n++] = letters[i].c;
	if (!n)
		s[n++] = '-';
	s[n] = '\0';
	return s;
}

static void mode_string(uint32_t mode, char *s)
{
	static const char types[] = "?pc?d?b?-?l?s???";
	static const char rwx[] = "rwxrwxrwx";
	int i;

	s[0] = types[(mode >> 12) & 15];
	for (i = 0; i < 9; i++)
		s[i + 1] = mode & (0400 >> i) ? rwx[i] : '-';
	if (mode & S_ISUID)
		s[3] = mode & 0100 ? 's' : 'S';
	if (mode & S_ISGID)
		s[6] = mode & 0010 ? 's' : 'S';
	if (mode & S_ISVTX)
		s[9] = mode & 0001 ? 't' : 'T';
	s[10] = '\0';
}

static struct pramhdr_tree *load_tree(struct pramhdr_source *src,
				      const struct pramhdr_node *nd,
				      struct pramhdr_report *rep)
{
	struct pramhdr_tree *t;
	size_t len;
	void *meta;
	int err;

	if (nd->type != PRAM_NODE_SHMEM)
		die("node '%s' is not a tmpfs tree", nd->name);
	err = pramhdr_node_meta(src, nd, &meta, &len);
	if (err)
		die("node '%s': %s", nd->name, pramhdr_strerror(err));
	err = pramhdr_tree_decode(meta, len, 0, &t, rep);
	free(meta);
	if (err < 0)
		die("node '%s': %s", nd->name, pramhdr_strerror(err));
	if (err)
		fprintf(stderr, "%s: node '%s': metadata problem: %s\n", prog,
			nd->name, rep->problems[0].text);
	return t;
}

static int cmd_files(const struct opts *o, struct pramhdr_source *src,
		     uint64_t root, char **args)
{
	const char *name = args[0];
	struct pramhdr_report rep = { 0 };
	struct pramhdr_chain *c = read_chain(o, src, root, &rep);
	const struct pramhdr_node *nd = find_node(c, name);
	struct pramhdr_tree *t = load_tree(src, nd, &rep);
	struct libscols_line **lines;
	struct libscols_table *tb;
	int cols[32], n, i;
	size_t k;

	tb = view_table(o, &file_view, cols, &n);
	lines = calloc(t->nr_files ? t->nr_files : 1, sizeof(*lines));
	if (!lines)
		die("out of memory");
	for (k = 0; k < t->nr_files; k++) {
		const struct pramhdr_file *f = &t->files[k];
		struct libscols_line *parent = NULL, *ln;
		const char *slash = strrchr(f->path, '/');
		char mode[11];

		/* Parents come first (breadth-first): find by path. */
		if (k && !o->raw && !o->json) {
			size_t plen = slash - f->path, j;

			for (j = k; j-- > 0;)
				if (strlen(t->files[j].path) == (plen ? plen : 1) &&
				    !strncmp(t->files[j].path, f->path, plen ? plen : 1) &&
				    (t->files[j].mode & S_IFMT) == S_IFDIR) {
					parent = lines[j];
					break;
				}
		}
		ln = lines[k] = scols_table_new_line(tb, parent);
		if (!ln)
			die("out of memory");
		mode_string(f->mode, mode);
		for (i = 0; i < n; i++) {
			switch (cols[i]) {
			case F_PATH:
				set(ln, i, "%s", parent ? slash + 1 : f->path);
				break;
			case F_TYPE: set(ln, i, "%s", type_name(f->mode)); break;
			case F_MODE: set(ln, i, "%s", mode); break;
			case F_UID: set(ln, i, "%u", f->uid); break;
			case F_GID: set(ln, i, "%u", f->gid); break;
			case F_NLINK: set(ln, i, "%u", f->nlink); break;
			case F_INO: set(ln, i, "%" PRIu64, f->ino); break;
			case F_SIZE: set_size(o, ln, i, f->size); break;
			case F_MTIME: {
				char buf[40];
				time_t s = f->mtime / 1000000000;
				struct tm tm;

				strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", gmtime_r(&s, &tm));
				set(ln, i, "%s.%09lld", buf, (long long)(f->mtime % 1000000000));
				break;
			}
			case F_RUNS: set(ln, i, "%" PRIu64, f->nr_entries); break;
			case F_TARGET: if (f->target) set(ln, i, "%s", f->target); break;
			case F_FLAGS: {
				char fl[5];

				set(ln, i, "%s", flags_string(f->flags, fl));
				break;
			}
			}
		}
	}
	scols_print_table(tb);
	scols_unref_table(tb);
	free(lines);
	pramhdr_tree_free(t);
	pramhdr_report_free(&rep);
	pramhdr_chain_free(c);
	return EXIT_SUCCESS;
}

/* The mount options and the quota limits of users and groups. */
static void print_options(const struct pramhdr_tree *t)
{
	static const char *const type[] = { "user", "group" };
	int len = pramhdr_tree_mount_options(t, NULL, 0);
	char *text = malloc((size_t)len + 1);
	size_t k;

	if (!text)
		die("out of memory");
	pramhdr_tree_mount_options(t, text, (size_t)len + 1);
	printf("options   %s\n", text);
	free(text);
	for (k = 0; k < t->nr_dquots; k++) {
		const struct pramhdr_dquot *q = &t->dquots[k];

		printf("quota     %s %u: space %" PRIu64 "/%" PRIu64 " bytes, inodes %" PRIu64 "/%" PRIu64 " (soft/hard)",
		       type[q->type], q->id, q->bsoftlimit, q->bhardlimit,
		       q->isoftlimit, q->ihardlimit);
		if (q->btime)
			printf(", space grace until %" PRId64, q->btime);
		if (q->itime)
			printf(", inode grace until %" PRId64, q->itime);
		putchar('\n');
	}
}

static int cmd_show(const struct opts *o, struct pramhdr_source *src,
		    uint64_t root, char **args)
{
	const char *name = args[0];
	struct pramhdr_report rep = { 0 };
	struct pramhdr_chain *c = read_chain(o, src, root, &rep);
	const struct pramhdr_node *nd = find_node(c, name);
	struct pramhdr_run *runs;
	struct libscols_table *tb;
	static const struct colinfo run_cols[] = {
		{ "ADDRESS", 18, 0, NULL }, { "PAGES", 6, SCOLS_FL_RIGHT, NULL },
		{ "ORDER", 2, SCOLS_FL_RIGHT, NULL }, { "INDEX", 8, SCOLS_FL_RIGHT, NULL },
		{ "CRC", 10, 0, NULL },
	};
	static const int all[] = { 0, 1, 2, 3, 4 };
	size_t nr, k;
	int err;

	if (!o->json) {
		printf("node      %s\n", nd->name);
		printf("address   %#" PRIx64 "\n", nd->phys);
		printf("type      %s\n", nd->type == PRAM_NODE_SHMEM ? "shmem" : "raw");
		printf("state     %s\n", node_state(c, nd));
		printf("gen       %" PRIu64 "\n", nd->generation);
		printf("metadata  %" PRIu64 " bytes in %" PRIu64 " pages from %#" PRIx64 "\n",
		       nd->meta_bytes, nd->meta_pages, nd->meta_head);
		printf("data      %" PRIu64 " pages in %" PRIu64 " runs, %" PRIu64 " link pages from %#" PRIx64 "\n",
		       nd->data_pages, nd->data_entries, nd->data_link_pages, nd->data_head);
		if (nd->type == PRAM_NODE_SHMEM && nd->ok) {
			struct pramhdr_tree *t = load_tree(src, nd, &rep);

			printf("files     %zu names, %" PRIu64 " xattrs\n", t->nr_files,
			       t->nr_xattrs);
			printf("mounted   %s\n", t->mountpoint ? t->mountpoint : "(not recorded)");
			print_options(t);
			pramhdr_tree_free(t);
		}
	}
	err = pramhdr_node_runs(src, nd, &runs, &nr);
	if (err)
		die("node '%s': %s", name, pramhdr_strerror(err));
	tb = new_table(o, "runs", run_cols, all, 5);
	for (k = 0; k < nr; k++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln)
			die("out of memory");
		set(ln, 0, "%#" PRIx64, runs[k].phys);
		set(ln, 1, "%u", runs[k].nr_pages);
		set(ln, 2, "%u", runs[k].order);
		set(ln, 3, "%" PRIu64, runs[k].index);
		set(ln, 4, "%#010x", runs[k].crc);
	}
	scols_print_table(tb);
	scols_unref_table(tb);
	free(runs);
	pramhdr_report_free(&rep);
	pramhdr_chain_free(c);
	return EXIT_SUCCESS;
}

static int write_out(void *arg, const void *buf, size_t len)
{
	return fwrite(buf, 1, len, arg) == len ? 0 : -EIO;
}

static int cmd_cat(const struct opts *o, struct pramhdr_source *src,
		   uint64_t root, char **args)
{
	const char *name = args[0], *path = args[1];
	struct pramhdr_report rep = { 0 };
	struct pramhdr_chain *c = read_chain(o, src, root, &rep);
	const struct pramhdr_node *nd = find_node(c, name);
	struct pramhdr_tree *t = load_tree(src, nd, &rep);
	struct pramhdr_run *runs;
	size_t nr, k;
	int err;

	(void)o;
	for (k = 0; k < t->nr_files; k++)
		if (!strcmp(t->files[k].path, path))
			break;
	if (k == t->nr_files)
		die("node '%s' has no '%s' (paths start with /; see 'pramdump files %s')",
		    name, path, name);
	if (!S_ISREG(t->files[k].mode))
		die("'%s' is a %s, not a regular file", path, type_name(t->files[k].mode));
	err = pramhdr_node_runs(src, nd, &runs, &nr);
	if (!err)
		err = pramhdr_file_read(src, runs, nr, &t->files[k], c->page_size,
					write_out, stdout);
	if (err)
		die("reading '%s': %s", path, pramhdr_strerror(err));
	free(runs);
	pramhdr_tree_free(t);
	pramhdr_report_free(&rep);
	pramhdr_chain_free(c);
	return fflush(stdout) ? EXIT_USAGE : EXIT_SUCCESS;
}

/* Find root blocks by their magic, page by page, in the whole source. */
static int cmd_scan(const struct opts *o)
{
	struct pramhdr_source *src;
	unsigned char page[4096];
	uint64_t start, end, p;
	size_t i, found = 0;
	int err;

	if (!o->core)
		die("scan needs a core or image (-c CORE or IMAGE@ADDRESS)");
	err = pramhdr_source_open(&src, o->core);
	if (err)
		die("%s: %s", o->core, pramhdr_strerror(err));
	for (i = 0; !pramhdr_source_range(src, i, &start, &end); i++) {
		for (p = (start + 4095) & ~4095ULL; p + 4096 <= end; p += 4096) {
			struct pramhdr_report rep = { 0 };
			struct pramhdr_chain *c;
			uint32_t magic;

			if (pramhdr_source_read(src, p, page, sizeof(page)))
				break;
			memcpy(&magic, page, 4);
			if (magic != PRAM_MAGIC_ROOT && magic != PRAM_MAGIC_STALE)
				continue;
			err = pramhdr_chain_read(src, p, 0, &c, &rep);
			if (err < 0)
				continue;
			printf("%#" PRIx64 " %s generation %" PRIu64 ", %zu nodes, %zu problems\n",
			       p, c->stale ? "stale" : "live", c->generation, c->nr_nodes,
			       rep.nr);
			found++;
			pramhdr_report_free(&rep);
			pramhdr_chain_free(c);
		}
	}
	pramhdr_source_close(src);
	if (!found)
		fprintf(stderr, "%s: no PRAM root found in %s\n", prog, o->core);
	return found ? EXIT_SUCCESS : EXIT_PROBLEMS;
}

static void usage(void)
{
	static const struct view *const views[] = {
		&node_view, &file_view, &ext_view, &prob_view,
	};
	size_t i, v;

	printf("Usage:\n"
	       " %s [SOURCE] [options] [COMMAND]\n\n"
	       "Inspect and verify memory preserved across kexec (PRAM).\n\n"
	       "Source:\n"
	       " -k, --live             the running system (default): /proc/kcore and /sys/kernel/mm/pram/root\n"
	       " -c, --core CORE        an ELF core (QEMU dump-guest-memory, vmcore, makedumpfile -E)\n"
	       " IMAGE@ADDRESS          a raw memory image starting at physical ADDRESS\n"
	       "     --root ADDRESS     the root block (needed for cores and images)\n"
	       "     --sysroot DIR      read /sys and /proc under DIR\n\n"
	       "Commands:\n"
	       " list                   nodes (default)\n"
	       " files NODE             the tmpfs tree of a node\n"
	       " show NODE              node header and its data runs\n"
	       " extents                the preserved extents (every page the next kernel keeps)\n"
	       " verify [--data]        check everything; exit 0 clean, 1 problems, 2 error\n"
	       " cat NODE PATH          write a preserved file to standard output\n"
	       " scan                   find root blocks in a core or image\n\n"
	       "Options:\n"
	       " -J, --json             JSON output\n"
	       " -o, --output LIST      columns to show (+LIST adds to the default)\n"
	       " -n, --noheadings       no headings\n"
	       " -r, --raw              raw output\n"
	       " -b, --bytes            sizes in bytes\n"
	       "     --data             also check data CRCs (reads every preserved byte)\n"
	       "     --threads N        check data CRCs on N threads (default: one per CPU)\n"
	       " -h, --help             this help\n\n", prog);
	for (v = 0; v < ARRAY_SIZE(views); v++) {
		printf("Columns of %s:\n", views[v]->command);
		for (i = 0; i < views[v]->nr_cols; i++)
			printf(" %10s  %s\n", views[v]->cols[i].name,
			       views[v]->cols[i].help);
	}
	printf("\nSee pramdump(1).\n");
}

/* The commands that read a chain, with their operands. */
static const struct command {
	const char *name;
	int nargs;		/* operands after the command */
	bool data;		/* takes a trailing --data */
	const char *usage;
	int (*run)(const struct opts *o, struct pramhdr_source *src,
		   uint64_t root, char **args);
} commands[] = {
	{ "list", 0, true, "pramdump list [--data]", cmd_list },
	{ "verify", 0, true, "pramdump verify [--data]", cmd_verify },
	{ "extents", 0, true, "pramdump extents", cmd_extents },
	{ "files", 1, false, "pramdump files NODE", cmd_files },
	{ "show", 1, false, "pramdump show NODE", cmd_show },
	{ "cat", 2, false, "pramdump cat NODE PATH", cmd_cat },
};

static void parse_options(int argc, char **argv, struct opts *o)
{
	enum { OPT_ROOT = 256, OPT_SYSROOT, OPT_DATA, OPT_THREADS };
	static const struct option longopts[] = {
		{ "live", no_argument, NULL, 'k' },
		{ "core", required_argument, NULL, 'c' },
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "sysroot", required_argument, NULL, OPT_SYSROOT },
		{ "json", no_argument, NULL, 'J' },
		{ "output", required_argument, NULL, 'o' },
		{ "noheadings", no_argument, NULL, 'n' },
		{ "raw", no_argument, NULL, 'r' },
		{ "bytes", no_argument, NULL, 'b' },
		{ "data", no_argument, NULL, OPT_DATA },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "kc:Jo:nrbh", longopts, NULL)) != -1) {
		switch (c) {
		case 'k': o->core = NULL; break;
		case 'c': o->core = optarg; break;
		case OPT_ROOT:
			errno = 0;
			o->root = strtoull(optarg, &end, 0);
			if (errno || *end || (o->root & 4095))
				die("--root %s: expected a page-aligned address such as 0x1234000", optarg);
			o->have_root = true;
			break;
		case OPT_SYSROOT: o->sysroot = optarg; break;
		case 'J': o->json = true; break;
		case 'o': o->columns = optarg; break;
		case 'n': o->noheadings = true; break;
		case 'r': o->raw = true; break;
		case 'b': o->bytes = true; break;
		case OPT_DATA: o->data = true; break;
		case OPT_THREADS:
			errno = 0;
			o->threads = strtoul(optarg, &end, 10);
			if (errno || *end || !o->threads || o->threads > 64)
				die("--threads %s: expected a number from 1 to 64", optarg);
			break;
		case 'h': usage(); exit(EXIT_SUCCESS);
		default:
			fprintf(stderr, "Try '%s --help' for more information.\n", prog);
			exit(EXIT_USAGE);
		}
	}
}

int main(int argc, char **argv)
{
	const struct command *cmd = NULL;
	struct opts o = { 0 };
	struct pramhdr_source *src;
	const char *name = "list";
	uint64_t root;
	size_t i;
	int ret;

	parse_options(argc, argv, &o);
	/* A leading IMAGE@ADDRESS argument is a raw image source. */
	if (optind < argc && strchr(argv[optind], '@'))
		o.core = argv[optind++];
	if (optind < argc)
		name = argv[optind++];
	if (!strcmp(name, "scan"))
		return cmd_scan(&o);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(name, commands[i].name))
			cmd = &commands[i];
	if (!cmd)
		die("unknown command '%s' (see --help)", name);
	if (cmd->data && optind < argc && !strcmp(argv[optind], "--data")) {
		o.data = true;
		optind++;
	}
	if (argc - optind != cmd->nargs)
		die("usage: %s", cmd->usage);

	src = open_source(&o, &root);
	ret = cmd->run(&o, src, root, argv + optind);
	pramhdr_source_close(src);
	return ret;
}
