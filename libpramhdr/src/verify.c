// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * Check the data CRCs of a chain's runs on several threads, as the kernel
 * does (mm/pram_crc.c): runs are cut into pieces of 2 MiB, the threads
 * take pieces in turn, and each run's CRC is put back together from its
 * pieces' CRCs (pramhdr_crc32c_combine()), so one long run keeps every
 * thread busy. Each thread reads the source through a file descriptor of
 * its own (src_reopen()), or, where /proc is not there to reopen it, the
 * source's own one lock-step with the others; the caller's progress
 * function is called from the calling thread only.
 */
#define _POSIX_C_SOURCE 200809L	/* nanosleep */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#define PIECE		(2u << 20)
#define MAX_THREADS	64

struct piece {
	size_t run;		/* in the data_runs array */
	uint64_t off, len;	/* bytes into the run */
	uint32_t crc;
	int err;
};

struct verify {
	struct pramhdr_source *src;
	struct piece *pieces;
	size_t nr_pieces;
	const struct data_run *runs;
	atomic_size_t next;
	atomic_uint_fast64_t done_bytes;
	atomic_size_t done_pieces;
	pthread_mutex_t shared_fd;	/* for threads that could not reopen */
};

/* A piece is at most PIECE bytes: one read, one CRC. */
static void check_piece(struct verify *v, struct piece *p, int fd,
			unsigned char *buf)
{
	uint64_t phys = v->runs[p->run].phys + p->off;

	if (fd >= 0) {
		p->err = src_pread(v->src, fd, phys, buf, p->len);
	} else {
		pthread_mutex_lock(&v->shared_fd);
		p->err = pramhdr_source_read(v->src, phys, buf, p->len);
		pthread_mutex_unlock(&v->shared_fd);
	}
	p->crc = p->err ? 0 : pramhdr_crc32c(0, buf, p->len);
}

static void *worker(void *arg)
{
	struct verify *v = arg;
	unsigned char *buf = malloc(PIECE);
	int fd = src_reopen(v->src);
	size_t i;

	while ((i = atomic_fetch_add(&v->next, 1)) < v->nr_pieces) {
		struct piece *p = &v->pieces[i];

		if (buf)
			check_piece(v, p, fd, buf);
		else
			p->err = -ENOMEM;
		atomic_fetch_add(&v->done_bytes, p->len);
		atomic_fetch_add(&v->done_pieces, 1);
	}
	if (fd >= 0)
		close(fd);
	free(buf);
	return NULL;
}

static unsigned int nr_threads(const struct pramhdr_read_opts *o)
{
	long cpus = o->threads ? (long)o->threads : sysconf(_SC_NPROCESSORS_ONLN);

	return cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (unsigned int)cpus;
}

/* Cut every run into pieces of at most PIECE bytes. */
static int cut(struct verify *v, const struct data_run *runs, size_t nr,
	       uint64_t *total)
{
	size_t i, n = 0;

	*total = 0;
	for (i = 0; i < nr; i++)
		n += (runs[i].len + PIECE - 1) / PIECE;
	v->pieces = calloc(n ? n : 1, sizeof(*v->pieces));
	if (!v->pieces)
		return -ENOMEM;
	for (i = 0; i < nr; i++) {
		uint64_t off;

		for (off = 0; off < runs[i].len; off += PIECE) {
			struct piece *p = &v->pieces[v->nr_pieces++];

			p->run = i;
			p->off = off;
			p->len = runs[i].len - off < PIECE ? runs[i].len - off : PIECE;
		}
		*total += runs[i].len;
	}
	return 0;
}

/*
 * Read @nr runs and set each one's ->got to its CRC as read, ->err to the
 * error reading it, if any. Returns 0 or -ENOMEM.
 */
int verify_runs(struct pramhdr_source *src, struct data_run *runs, size_t nr,
		const struct pramhdr_read_opts *o)
{
	struct verify v = { .src = src, .runs = runs,
			    .shared_fd = PTHREAD_MUTEX_INITIALIZER };
	unsigned int threads = nr_threads(o), started = 0, t;
	pthread_t tid[MAX_THREADS];
	uint64_t total;
	size_t i;
	int err;

	err = cut(&v, runs, nr, &total);
	if (err)
		return err;
	for (t = 0; t < threads && t < v.nr_pieces; t++)
		if (!pthread_create(&tid[started], NULL, worker, &v))
			started++;
	if (!started)
		worker(&v);	/* no thread could be had: this one does it all */
	while (o->progress && atomic_load(&v.done_pieces) < v.nr_pieces) {
		struct timespec tick = { 0, 100 * 1000 * 1000 };

		o->progress(atomic_load(&v.done_bytes), total, o->progress_arg);
		nanosleep(&tick, NULL);
	}
	for (t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	if (o->progress)
		o->progress(total, total, o->progress_arg);

	for (i = 0; i < nr; i++) {
		runs[i].got = 0;
		runs[i].err = 0;
	}
	/* Pieces are in run order: put each run's CRC together. */
	for (i = 0; i < v.nr_pieces; i++) {
		const struct piece *p = &v.pieces[i];
		struct data_run *r = &runs[p->run];

		if (!r->err)
			r->err = p->err;
		r->got = pramhdr_crc32c_combine(r->got, p->crc, p->len);
	}
	free(v.pieces);
	return 0;
}
