// SPDX-License-Identifier: GPL-2.0-only
/* pram-kexec's own logic: command-line editing, extents against kexec's
 * free ranges and segments (edges: touching, contained, off by a page). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "ranges.h"
#include "testutil.h"

static void edit(const char *in, unsigned long long root, size_t max,
		 int want_err, const char *want)
{
	char *out = NULL;
	int err = pram_cmdline_edit(in, root, max, &out);

	CHECK(err == want_err);
	if (!err && want) {
		if (strcmp(out, want))
			fprintf(stderr, "   got '%s', want '%s'\n", out, want);
		CHECK(!strcmp(out, want));
	}
	free(out);
}

TEST(cmdline_append_and_strip)
{
	edit("console=ttyS0 quiet", 0x1234000, 2048, 0,
	     "console=ttyS0 quiet pram=0x1234000");
	edit(NULL, 0x1000, 2048, 0, "pram=0x1000");
	edit("", 0x1000, 2048, 0, "pram=0x1000");
	/* Stale values go, wherever they are, however many. */
	edit("pram=0xdead000 root=/dev/vda pram=0x5 ro", 0x2000, 2048, 0,
	     "root=/dev/vda ro pram=0x2000");
	/* Only pram= itself: a longer name or a value mentioning it stays. */
	edit("pramfoo=1 x=pram=3", 0x2000, 2048, 0,
	     "pramfoo=1 x=pram=3 pram=0x2000");
	/* Quoted words stay whole, spaces in them too. */
	edit("init=/bin/sh dyndbg=\"file pram.c +p\"  pram=1", 0x3000, 2048, 0,
	     "init=/bin/sh dyndbg=\"file pram.c +p\" pram=0x3000");
	/* Root 0 only strips. */
	edit("a pram=0x1 b", 0, 2048, 0, "a b");
}

TEST(cmdline_limit)
{
	char big[2100];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	edit(big, 0x1000, 2048, -E2BIG, NULL);
	big[2048 - 1 - strlen(" pram=0x1000")] = '\0';
	edit(big, 0x1000, 2048, 0, NULL);
	big[2048 - 1 - strlen(" pram=0x1000")] = 'x';	/* one byte more */
	big[2048 - strlen(" pram=0x1000")] = '\0';
	edit(big, 0x1000, 2048, -E2BIG, NULL);
}

/* Two preserved extents: 16-32 MiB, and 1 MiB at 2 GiB (inclusive ends). */
static const struct pram_range hide_ext[] = {
	{ 0x1000000, 0x1ffffff }, { 0x80000000, 0x800fffff },
};

/* The extent (0, 1) a command line hides, or -1; and the word to blame. */
static void hidden(const char *cmdline, int want, const char *want_word)
{
	const struct pram_range *r;
	const char *word = NULL;
	size_t len = 0;

	r = pram_cmdline_hidden(cmdline, hide_ext, 2, NULL, 0, &word, &len);
	if ((r ? r - hide_ext : -1) != want)
		fprintf(stderr, "   '%s': got %d, want %d\n", cmdline,
			r ? (int)(r - hide_ext) : -1, want);
	CHECK((r ? r - hide_ext : -1) == want);
	if (r && want_word) {
		CHECK(len == strlen(want_word));
		CHECK(word && !strncmp(word, want_word, len));
	}
}

TEST(cmdline_hides_preserved_memory)
{
	hidden("console=ttyS0 root=/dev/vda", -1, NULL);
	hidden(NULL, -1, NULL);
	/* mem= ends RAM there: the second extent starts at 2 GiB. */
	hidden("quiet mem=4G", -1, NULL);
	hidden("quiet mem=2G ro", 1, "mem=2G");
	hidden("mem=2048M", 1, "mem=2048M");
	hidden("mem=2049M", -1, NULL);
	hidden("mem=0x80100000", -1, NULL);
	hidden("mem=0x800fffff", 1, NULL);
	hidden("mem=20M", 0, "mem=20M");
	hidden("mem=nopentium", -1, NULL);
	/* memmap=nn alone is mem=. */
	hidden("memmap=2G", 1, "memmap=2G");
	/* Reserved, ACPI, protected, retyped ranges are not RAM. */
	hidden("memmap=1M$0x80000000", 1, "memmap=1M$0x80000000");
	hidden("memmap=1M$0x90000000", -1, NULL);
	hidden("memmap=4K#0x1fff000", 0, NULL);
	hidden("memmap=100M@2G,1M!0x1000000", 0, NULL);
	hidden("memmap=64K%0x80000000-1+2", 1, NULL);
	/* exactmap: only the @ ranges are RAM. */
	hidden("memmap=exactmap memmap=640K@0 memmap=3G@1M", -1, NULL);
	hidden("memmap=exactmap memmap=640K@0 memmap=1G@1M", 1, "memmap=exactmap");
	hidden("memmap=exactmap memmap=640K@0,16M@1M", 0, NULL);
	/* A quoted word is one word, whatever it holds. */
	hidden("dyndbg=\"mem=1G\"", -1, NULL);
	/* The last mem= wins, as in the kernel. */
	hidden("mem=1G mem=4G", -1, NULL);
}

/*
 * arm64: mem= keeps that much RAM from the bottom. RAM here: 1 GiB at
 * 1 GiB and 1 GiB at 2 GiB; one extent at the start of the second bank.
 */
static void hidden_arm64(const char *cmdline, bool want)
{
	static const struct pram_range ram[] = {
		{ 0x40000000, 0x7fffffff }, { 0x80000000, 0xbfffffff },
	};
	static const struct pram_range ext[] = { { 0x80000000, 0x800fffff } };
	const char *word = NULL;
	size_t len = 0;
	bool got = pram_cmdline_hidden(cmdline, ext, 1, ram, 2, &word, &len);

	if (got != want)
		fprintf(stderr, "   arm64 '%s': got %d, want %d\n", cmdline, got, want);
	CHECK(got == want);
}

TEST(cmdline_hides_preserved_memory_arm64)
{
	hidden_arm64("console=ttyAMA0", false);
	/* 1 GiB of RAM ends at 2 GiB, where the extent starts. */
	hidden_arm64("mem=1G", true);
	hidden_arm64("mem=1025M", false);
	/* An x86 reading would take mem=2G as the address 2 GiB. */
	hidden_arm64("mem=2G", false);
	hidden_arm64("mem=3G", false);
	/* No memmap= on arm64: nothing it says hides anything. */
	hidden_arm64("memmap=2G", false);
	hidden_arm64("memmap=1M$0x80000000", false);
	hidden_arm64("memmap=exactmap memmap=640K@0", false);
	hidden_arm64("mem=4G mem=1G", true);
}

TEST(coalesce)
{
	struct pram_range r[] = {
		{ 0x5000, 0x5fff }, { 0x1000, 0x1fff }, { 0x2000, 0x2fff },
		{ 0x1800, 0x1900 }, { 0x9000, 0x9fff }, { 0x4000, 0x4fff },
	};
	size_t n = pram_ranges_coalesce(r, 6);

	CHECK(n == 3);
	CHECK(r[0].start == 0x1000 && r[0].end == 0x2fff);	/* touching merged */
	CHECK(r[1].start == 0x4000 && r[1].end == 0x5fff);
	CHECK(r[2].start == 0x9000 && r[2].end == 0x9fff);
	CHECK(pram_ranges_coalesce(r, 0) == 0);
}

TEST(overlap_edges)
{
	struct pram_range r[] = { { 0x10000, 0x1ffff }, { 0x30000, 0x30fff } };

	CHECK(!pram_ranges_overlap(r, 2, 0x0, 0xffff));		/* ends right before */
	CHECK(pram_ranges_overlap(r, 2, 0x0, 0x10000));		/* one byte in */
	CHECK(pram_ranges_overlap(r, 2, 0x1f000, 0x1ffff) == &r[0]);	/* last page */
	CHECK(!pram_ranges_overlap(r, 2, 0x20000, 0x2ffff));	/* the gap */
	CHECK(pram_ranges_overlap(r, 2, 0x30800, 0x30900) == &r[1]);	/* contained */
	CHECK(pram_ranges_overlap(r, 2, 0x0, 0xfffff) == &r[0]);	/* contains both */
	CHECK(!pram_ranges_overlap(r, 2, 0x31000, 0x31fff));	/* after the last */
}

TEST(subtract)
{
	struct pram_range freer[] = { { 0x0, 0xfffff }, { 0x200000, 0x2fffff } };
	struct pram_range ex[] = {
		{ 0x0, 0xfff },			/* at the start */
		{ 0x10000, 0x1ffff },		/* in the middle */
		{ 0xff000, 0x200fff },		/* across the gap between ranges */
		{ 0x2ff000, 0x3fffff },		/* past the end */
	};
	struct pram_range out[8];
	long n = pram_ranges_subtract(freer, 2, ex, 4, out, 8);

	CHECK(n == 3);
	CHECK(out[0].start == 0x1000 && out[0].end == 0xffff);
	CHECK(out[1].start == 0x20000 && out[1].end == 0xfefff);
	CHECK(out[2].start == 0x201000 && out[2].end == 0x2fefff);
	CHECK(pram_ranges_subtract(freer, 2, ex, 4, out, 2) == -1);
	/* An exclusion covering a whole range removes it. */
	n = pram_ranges_subtract(freer, 2, (struct pram_range[]){ { 0x0, 0x1fffff } },
				 1, out, 8);
	CHECK(n == 1 && out[0].start == 0x200000 && out[0].end == 0x2fffff);
	/* No exclusions: unchanged. */
	CHECK(pram_ranges_subtract(freer, 2, ex, 0, out, 8) == 2);
}

TEST_MAIN
