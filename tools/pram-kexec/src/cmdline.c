// SPDX-License-Identifier: GPL-2.0-only
/* Editing the next kernel's command line for the PRAM handover. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "ranges.h"

/* Length of the word at @p: up to unquoted white space. */
static size_t word_len(const char *p)
{
	size_t n = 0;
	int quoted = 0;

	for (; p[n]; n++) {
		if (p[n] == '"')
			quoted = !quoted;
		else if (!quoted && (p[n] == ' ' || p[n] == '\t' || p[n] == '\n'))
			break;
	}
	return n;
}

/* The next word at or after @p, or NULL at the end; its length in @n. */
static const char *next_word(const char *p, size_t *n)
{
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	*n = word_len(p);
	return *n ? p : NULL;
}

int pram_cmdline_edit(const char *in, uint64_t root, size_t max, char **out)
{
	size_t cap = (in ? strlen(in) : 0) + 32, len = 0;
	char *res = malloc(cap);
	const char *p = in ? in : "";

	if (!res)
		return -ENOMEM;
	res[0] = '\0';
	for (size_t n; (p = next_word(p, &n)); p += n) {
		if (!(n >= 5 && !strncmp(p, "pram=", 5))) {
			if (len)
				res[len++] = ' ';
			memcpy(res + len, p, n);
			len += n;
			res[len] = '\0';
		}
	}
	if (root)
		len += snprintf(res + len, cap - len, "%spram=%#" PRIx64,
				len ? " " : "", root);
	if (len + 1 > max) {
		free(res);
		return -E2BIG;
	}
	*out = res;
	return 0;
}

/* memparse(): a number, then an optional K, M, G, T, P or E. */
static int parse_size(const char *s, const char **end, uint64_t *out)
{
	static const char units[] = "KMGTPE";
	const char *u;
	char *e;

	errno = 0;
	*out = strtoull(s, &e, 0);
	if (e == s || errno)
		return -1;
	if (*e && (u = strchr(units, toupper((unsigned char)*e)))) {
		*out <<= 10 * (u - units + 1);
		e++;
	}
	*end = e;
	return 0;
}

#define MAX_MEMMAP 128

/* What the memory options of a command line leave of RAM. */
struct ram_view {
	uint64_t limit;			/* first byte past mem= */
	const char *limit_word;
	size_t limit_len;
	const char *exact_word;		/* memmap=exactmap */
	size_t exact_len;
	struct pram_range ram[MAX_MEMMAP];	/* memmap=nn@ss */
	size_t nr_ram;
	struct pram_range out[MAX_MEMMAP];	/* memmap=nn#ss, $, !, % */
	const char *out_word[MAX_MEMMAP];
	size_t out_len[MAX_MEMMAP], nr_out;
};

/* One item of memmap=: "nn", "nn@ss", "nn#ss", "nn$ss", "nn!ss", "nn%ss..." */
static void memmap_item(struct ram_view *v, const char *item, const char *word,
			size_t len)
{
	const char *p;
	uint64_t size, start;

	if (parse_size(item, &p, &size) || !size)
		return;
	if (*p == '\0' || *p == ',' || *p == ' ') {
		v->limit = size;
		v->limit_word = word;
		v->limit_len = len;
		return;
	}
	if (!strchr("@#$!%", *p) || parse_size(p + 1, &p, &start))
		return;
	if (item[strcspn(item, "@#$!%")] == '@') {
		if (v->nr_ram < MAX_MEMMAP) {
			v->ram[v->nr_ram].start = start;
			v->ram[v->nr_ram++].end = start + size - 1;
		}
	} else if (v->nr_out < MAX_MEMMAP) {
		v->out[v->nr_out].start = start;
		v->out[v->nr_out].end = start + size - 1;
		v->out_word[v->nr_out] = word;
		v->out_len[v->nr_out++] = len;
	}
}

static void parse_memory_options(struct ram_view *v, const char *p)
{
	for (size_t n; p && (p = next_word(p, &n)); p += n) {
		if (!strncmp(p, "mem=", 4)) {
			const char *end;
			uint64_t size;

			if (!parse_size(p + 4, &end, &size) && end == p + n) {
				v->limit = size;
				v->limit_word = p;
				v->limit_len = n;
			}
		} else if (!strncmp(p, "memmap=", 7)) {
			const char *item = p + 7;

			if (n == strlen("memmap=exactmap") &&
			    !strncmp(item, "exactmap", 8)) {
				v->exact_word = p;
				v->exact_len = n;
			}
			while (item < p + n) {
				memmap_item(v, item, p, n);
				item += strcspn(item, ", \t\n");
				if (*item == ',')
					item++;
				else
					break;
			}
		}
	}
}

/*
 * The address where @amount bytes of @ram (sorted) are used up: where an
 * arm64 kernel's mem= ends its RAM.
 */
static uint64_t amount_end(const struct pram_range *ram, size_t nr_ram,
			   uint64_t amount)
{
	for (size_t i = 0; i < nr_ram; i++) {
		uint64_t size = ram[i].end - ram[i].start + 1;

		if (amount < size)
			return ram[i].start + amount;
		amount -= size;
	}
	return UINT64_MAX;
}

const struct pram_range *pram_cmdline_hidden(const char *cmdline,
					     const struct pram_range *ext,
					     size_t n,
					     const struct pram_range *ram,
					     size_t nr_ram, const char **word,
					     size_t *word_len)
{
	struct ram_view *v = calloc(1, sizeof(*v));
	const struct pram_range *hit = NULL;
	size_t i, j;

	if (!v)
		return n ? ext : NULL;	/* cannot tell: assume the worst */
	v->limit = UINT64_MAX;
	parse_memory_options(v, cmdline);
	if (ram) {
		/* arm64: mem= is an amount, and memmap= does not exist. */
		if (v->limit != UINT64_MAX && v->limit_word &&
		    !strncmp(v->limit_word, "mem=", 4))
			v->limit = amount_end(ram, nr_ram, v->limit);
		else
			v->limit = UINT64_MAX;
		v->exact_word = NULL;
		v->nr_out = 0;
	}
	v->nr_ram = pram_ranges_coalesce(v->ram, v->nr_ram);
	for (i = 0; i < n && !hit; i++) {
		if (ext[i].end >= v->limit) {
			hit = &ext[i];
			*word = v->limit_word;
			*word_len = v->limit_len;
			break;
		}
		for (j = 0; j < v->nr_out && !hit; j++) {
			if (ext[i].start <= v->out[j].end &&
			    v->out[j].start <= ext[i].end) {
				hit = &ext[i];
				*word = v->out_word[j];
				*word_len = v->out_len[j];
			}
		}
		if (hit || !v->exact_word)
			continue;
		for (j = 0; j < v->nr_ram; j++)
			if (v->ram[j].start <= ext[i].start &&
			    ext[i].end <= v->ram[j].end)
				break;
		if (j == v->nr_ram) {
			hit = &ext[i];
			*word = v->exact_word;
			*word_len = v->exact_len;
		}
	}
	free(v);
	return hit;
}
