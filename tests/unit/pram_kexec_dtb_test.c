// SPDX-License-Identifier: GPL-2.0-only
/* pram-kexec's device tree hook (kexec_load on arm64): the tree kexec-tools
 * copied from the running kernel gets the root handed over, or loses a
 * stale one, and never keeps a pram= in /chosen/bootargs. */
#include <errno.h>
#include <libfdt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "dtbfile.h"
#include "pram-kexec.h"
#include "pramfdt.h"
#include "testutil.h"

/* What pram_kexec_prepare() would have found. */
static uint64_t handed_root;

int pram_kexec_root(uint64_t *root)
{
	*root = handed_root;
	return handed_root != 0;
}

/* Run the hook on tests/unit/fdt/@name.dts; check bootargs and the root. */
static void hook(const char *name, uint64_t root, const char *want_args)
{
	size_t size;
	char *b = dtb_load(name, &size);
	off_t sz = (off_t)size;
	uint64_t got = 0;
	const char *args;

	handed_root = root;
	CHECK(pram_kexec_dtb(&b, &sz) == 0);
	args = fdt_getprop(b, fdt_path_offset(b, "/chosen"), "bootargs", NULL);
	if (!args || strcmp(args, want_args))
		fprintf(stderr, "   %s: bootargs '%s', want '%s'\n", name,
			args ? args : "(none)", want_args);
	CHECK(args && !strcmp(args, want_args));
	if (root)
		CHECK(pramfdt_get_root(b, &got) == 0 && got == root);
	else
		CHECK(pramfdt_get_root(b, &got) == -ENOENT);
	free(b);
}

TEST(dtb_root_replaced_and_stale_pram_removed)
{
	hook("stalecmd", 0x1234000, "console=ttyAMA0 quiet");
	hook("basic", 0x1234000, "console=ttyAMA0 root=/dev/vda");
}

TEST(dtb_nothing_handed_over)
{
	hook("stalecmd", 0, "console=ttyAMA0 quiet");
	hook("basic", 0, "console=ttyAMA0 root=/dev/vda");
}

TEST_MAIN
