// SPDX-License-Identifier: GPL-2.0-only
/*
 * Native CRC32C throughput of the code the kernel runs for PRAM's data
 * CRCs (mm/pram_crc.c), built for userspace from the kernel's own source:
 *   pcl      crc_pcl() of arch/x86/crypto (what crc32c-intel runs for
 *            buffers of 512 bytes and more: three crc32q streams folded
 *            with PCLMULQDQ)
 *   generic  __crc32c_le() of lib/crc32.c (slice-by-8 tables: the
 *            fallback, and crc32c-generic)
 *   libpram  pramhdr_crc32c() (pramdump's, one crc32q stream)
 * next to reading the same memory once (summing its words), over 2 MiB
 * chunks (the kernel's unit of work) of a 1 GiB buffer, on one thread and
 * on every CPU. Each figure is the best of five rounds; the modes take
 * turns within a round, so a noisy machine slows them alike.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pramhdr.h"

unsigned int crc_pcl(const unsigned char *buf, int len, unsigned int crc);
uint32_t __crc32c_le(uint32_t crc, unsigned char const *p, size_t len);

#define CHUNK	(2u << 20)
#define SIZE	(1ul << 30)
#define ROUNDS	5

enum mode { READ, PCL, GENERIC, LIBPRAM, NR_MODES };
static const char *const mode_name[NR_MODES] = { "read", "pcl", "generic", "libpram" };

static unsigned char *buf;
static volatile uint64_t sink;

struct slice {
	enum mode mode;
	size_t start, end;	/* chunk numbers */
};

static uint64_t run_chunk(enum mode mode, const unsigned char *p)
{
	const uint64_t *w = (const uint64_t *)p;
	uint64_t sum = 0;
	size_t i;

	switch (mode) {
	case READ: {
		/* Four sums, so that the loads, not one add chain, set the pace. */
		uint64_t s1 = 0, s2 = 0, s3 = 0;

		for (i = 0; i < CHUNK / 8; i += 4) {
			sum += w[i];
			s1 += w[i + 1];
			s2 += w[i + 2];
			s3 += w[i + 3];
		}
		return sum + s1 + s2 + s3;
	}
	case PCL:
		return crc_pcl(p, CHUNK, 0);
	case GENERIC:
		return __crc32c_le(0, p, CHUNK);
	case LIBPRAM:
		return pramhdr_crc32c(0, p, CHUNK);
	default:
		return 0;
	}
}

static void *worker(void *arg)
{
	const struct slice *s = arg;
	uint64_t acc = 0;
	size_t c;

	for (c = s->start; c < s->end; c++)
		acc += run_chunk(s->mode, buf + c * CHUNK);
	sink += acc;
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Seconds to go over the buffer once in @mode on @nr threads. */
static double pass(enum mode mode, int nr)
{
	size_t chunks = SIZE / CHUNK;
	pthread_t tid[64];
	struct slice s[64];
	double t0 = now();
	int i;

	for (i = 0; i < nr; i++) {
		s[i] = (struct slice){ mode, chunks * i / nr, chunks * (i + 1) / nr };
		if (pthread_create(&tid[i], NULL, worker, &s[i])) {
			perror("pthread_create");
			exit(2);
		}
	}
	for (i = 0; i < nr; i++)
		pthread_join(tid[i], NULL);
	return now() - t0;
}

int main(void)
{
	int cpus = sysconf(_SC_NPROCESSORS_ONLN), t, m, r, nr;
	double best[2][NR_MODES];
	size_t i;

	if (cpus > 64)
		cpus = 64;
	buf = malloc(SIZE);
	if (!buf)
		return 2;
	for (i = 0; i < SIZE; i++)
		buf[i] = (unsigned char)(i * 2654435761u >> 13);
	/* The three CRCs must agree, or the figures mean nothing. */
	if (~__crc32c_le(~0u, (const unsigned char *)"123456789", 9) != 0xe3069283 ||
	    crc_pcl(buf, CHUNK, ~0u) != __crc32c_le(~0u, buf, CHUNK) ||
	    pramhdr_crc32c(0, buf, CHUNK) != ~__crc32c_le(~0u, buf, CHUNK)) {
		fprintf(stderr, "crc-native: the CRC implementations disagree\n");
		return 1;
	}
	for (t = 0; t < 2; t++)
		for (m = 0; m < NR_MODES; m++)
			best[t][m] = 1e9;
	for (r = 0; r < ROUNDS; r++)
		for (t = 0; t < 2; t++)
			for (m = 0; m < NR_MODES; m++) {
				double s = pass(m, t ? cpus : 1);

				if (s < best[t][m])
					best[t][m] = s;
			}

	printf("native CRC32C over 2 MiB chunks of 1 GiB, best of %d (s/GiB; per-thread bandwidth over read's)\n",
	       ROUNDS);
	printf("%-9s %12s %8s %14s %8s %8s\n", "", "1 thread", "/read", "all threads", "/read",
	       "speedup");
	for (m = 0; m < NR_MODES; m++) {
		nr = cpus;
		printf("%-9s %12.3f %8.2f %11.3f (%d) %8.2f %8.2f\n", mode_name[m], best[0][m],
		       best[0][READ] / best[0][m], best[1][m], nr, best[1][READ] / best[1][m],
		       best[0][m] / best[1][m]);
	}
	printf("/read: the mode's bandwidth as a fraction of reading the memory once\n");
	return 0;
}
