// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/* Problem reports and error strings. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void report_add(struct pramhdr_report *rep, int kind, int node, uint64_t phys,
		uint32_t offset, const char *fmt, ...)
{
	size_t limit = rep->limit ? rep->limit : 1000;
	struct pramhdr_problem *p;
	va_list ap;

	if (rep->nr == limit) {
		rep->dropped++;
		return;
	}
	if (grow_array((void **)&rep->problems, &rep->cap, rep->nr + 1,
		       sizeof(*p))) {
		rep->dropped++;
		return;
	}
	p = &rep->problems[rep->nr++];
	p->kind = kind;
	p->node = node;
	p->phys = phys;
	p->offset = offset;
	va_start(ap, fmt);
	vsnprintf(p->text, sizeof(p->text), fmt, ap);
	va_end(ap);
}

void pramhdr_report_free(struct pramhdr_report *rep)
{
	free(rep->problems);
	rep->problems = NULL;
	rep->nr = rep->cap = rep->dropped = 0;
}

const char *pramhdr_problem_kind_name(int kind)
{
	static const char *const names[] = {
		[PRAMHDR_P_UNREADABLE] = "unreadable",
		[PRAMHDR_P_MAGIC] = "magic",
		[PRAMHDR_P_STALE] = "stale",
		[PRAMHDR_P_CRC] = "crc",
		[PRAMHDR_P_SELF] = "address",
		[PRAMHDR_P_SEQ] = "order",
		[PRAMHDR_P_VERSION] = "version",
		[PRAMHDR_P_COUNT] = "count",
		[PRAMHDR_P_CHAIN] = "chain",
		[PRAMHDR_P_EXTENT] = "extent",
		[PRAMHDR_P_OUTSIDE] = "outside",
		[PRAMHDR_P_SHARED] = "shared",
		[PRAMHDR_P_NAME] = "name",
		[PRAMHDR_P_RUN] = "run",
		[PRAMHDR_P_DATA_CRC] = "data-crc",
		[PRAMHDR_P_RECORD] = "record",
	};

	if (kind <= 0 || kind >= (int)(sizeof(names) / sizeof(names[0])) ||
	    !names[kind])
		return "unknown";
	return names[kind];
}

const char *pramhdr_strerror(int err)
{
	switch (err) {
	case 0:
		return "success";
	case -ENOENT:
		return "no PRAM root there: nothing is preserved";
	case -EFAULT:
		return "the address is not in the memory of this source";
	case -EPROTONOSUPPORT:
		return "kdump-compressed dump: convert it to ELF with makedumpfile -E";
	case -ENOEXEC:
		return "not an ELF core or raw image of physical memory";
	case -ENODATA:
		return "the core holds no physical memory segments";
	case -EBADMSG:
		return "the preserved metadata is malformed (run verify)";
	case -EINVAL:
		return "invalid argument (addresses must be page aligned)";
	case -EACCES:
	case -EPERM:
		return "permission denied: reading physical memory needs root (CAP_SYS_RAWIO for /proc/kcore)";
	case -ENOMEM:
		return "out of memory";
	case -EIO:
		return "read error on the memory source";
	case -EOPNOTSUPP:
		return "written by a newer kernel in a format this reader does not know; it is kept, not damaged (use a newer pramdump)";
	}
	return strerror(-err);
}
