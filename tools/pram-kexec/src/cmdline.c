// SPDX-License-Identifier: GPL-2.0-only
/* Editing the next kernel's command line for the PRAM handover. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"

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

int pram_cmdline_edit(const char *in, uint64_t root, size_t max, char **out)
{
	size_t cap = (in ? strlen(in) : 0) + 32, len = 0;
	char *res = malloc(cap);
	const char *p = in ? in : "";

	if (!res)
		return -ENOMEM;
	res[0] = '\0';
	while (*p) {
		size_t n;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		n = word_len(p);
		if (!n)
			break;
		if (!(n >= 5 && !strncmp(p, "pram=", 5))) {
			if (len)
				res[len++] = ' ';
			memcpy(res + len, p, n);
			len += n;
			res[len] = '\0';
		}
		p += n;
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
