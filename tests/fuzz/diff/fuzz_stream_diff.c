// SPDX-License-Identifier: GPL-2.0-only
/*
 * Differential libFuzzer target: the kernel's tmpfs stream checker
 * (mm/shmem_pram_check.c from the series, through kernel_glue.c) and
 * libpramhdr's decoder must give every input the same verdict: clean,
 * damaged, or of a newer format. An input one reader accepts and the other
 * refuses is a finding (abort).
 *
 * Input: a count of data runs (first byte, mod 9), each run as a 16-bit
 * index and an 8-bit length; if the first byte has its top bit set, two
 * bytes FROM and TO: the stream's record FROM is moved before record TO
 * (byte mutations rarely reorder whole records, and the order rules are
 * where two hand-written walks differ most); then the metadata stream.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_glue.h"
#include "pramhdr.h"

enum verdict { CLEAN, DAMAGED, NEWER, SKIP };

static const char *const verdict_name[] = { "clean", "damaged", "newer format", "-" };

static enum verdict kernel_verdict(const void *meta, size_t len,
				   const struct kglue_run *runs, size_t nr,
				   const char **why)
{
	switch (kglue_check_stream(meta, len, runs, nr, why)) {
	case 0:
		return CLEAN;
	case -EINVAL:
		return DAMAGED;
	case -EOPNOTSUPP:
		return NEWER;
	default:
		return SKIP;
	}
}

static enum verdict lib_verdict(const void *meta, size_t len,
				const struct kglue_run *kr, size_t nr,
				char *why, size_t size)
{
	struct pramhdr_report rep = { .limit = 1 };
	struct pramhdr_run runs[8];
	struct pramhdr_tree *t = NULL;
	enum verdict v;
	size_t i;
	int n;

	for (i = 0; i < nr; i++)
		runs[i] = (struct pramhdr_run){ .index = kr[i].index,
						.nr_pages = (uint32_t)kr[i].nr_pages };
	n = pramhdr_tree_decode(meta, len, 0, &t, &rep);
	if (n == 0)
		n = pramhdr_tree_check_runs(t, runs, nr, 4096, 0, &rep);
	if (n == -EOPNOTSUPP)
		v = NEWER;
	else if (n < 0)
		v = SKIP;
	else
		v = n ? DAMAGED : CLEAN;
	snprintf(why, size, "%s", rep.nr ? rep.problems[0].text : "");
	pramhdr_tree_free(t);
	pramhdr_report_free(&rep);
	return v;
}

/* Move record @from of the stream before record @to, if both exist. */
static void move_record(uint8_t *meta, size_t len, unsigned int from,
			unsigned int to)
{
	size_t start[256], end[256], pos = 0, n = 0, a, b;
	uint8_t *copy;

	while (n < 256 && (start[n] = pos, pram_rec_next(meta, len, &pos)))
		end[n++] = pos;
	if (from >= n || to > n || from == to || to == from + 1)
		return;
	copy = malloc(len);
	memcpy(copy, meta, len);
	a = start[from];
	b = end[from];
	if (to < from) {
		/* [to .. from) shifts up behind the moved record. */
		memcpy(meta + start[to], copy + a, b - a);
		memcpy(meta + start[to] + (b - a), copy + start[to], a - start[to]);
	} else {
		size_t dest = to == n ? end[n - 1] : start[to];

		memcpy(meta + a, copy + b, dest - b);
		memcpy(meta + a + (dest - b), copy + a, b - a);
	}
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kglue_run runs[8];
	size_t nr, i, head, len;
	const char *kwhy = NULL;
	enum verdict k, l;
	char lwhy[256];
	void *meta;

	if (!size)
		return 0;
	nr = (data[0] & 0x7f) % 9;
	head = 1 + 3 * nr + (data[0] & 0x80 ? 2 : 0);
	if (size < head)
		return 0;
	for (i = 0; i < nr; i++) {
		const uint8_t *r = data + 1 + 3 * i;

		runs[i].index = (uint64_t)r[0] | (uint64_t)r[1] << 8;
		runs[i].nr_pages = r[2];
	}
	/* Each reader gets its own copy, exactly as long: ASan sees overreads. */
	len = size - head;
	meta = malloc(len ? len : 1);
	memcpy(meta, data + head, len);
	if (data[0] & 0x80)
		move_record(meta, len, data[head - 2], data[head - 1]);
	k = kernel_verdict(meta, len, runs, nr, &kwhy);
	memcpy(meta, data + head, len);
	if (data[0] & 0x80)
		move_record(meta, len, data[head - 2], data[head - 1]);
	l = lib_verdict(meta, len, runs, nr, lwhy, sizeof(lwhy));
	free(meta);
	if (k != SKIP && l != SKIP && k != l) {
		fprintf(stderr, "readers disagree: kernel: %s (%s), libpramhdr: %s (%s)\n",
			verdict_name[k], kwhy ? kwhy : "", verdict_name[l], lwhy);
		abort();
	}
	return 0;
}
