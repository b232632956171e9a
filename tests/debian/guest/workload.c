// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload - a process tree with state a restart would lose, for the
 * checkpoint scenarios (tests/debian/scenarios/criu.sh, scripts/demo
 * --criu). Everything it holds is checked as it runs, so a restore that
 * lost or changed any of it shows in its log:
 *
 *   - a counter in anonymous memory, one tick every 100 ms;
 *   - an open file read one record a tick: record N must be the number
 *     N, so the file offset must have been kept;
 *   - a pipe to a child, one value a tick, which the child drains only
 *     every half second (the pipe holds unread values at any moment):
 *     the child checks they arrive 1, 2, 3, ... without a gap;
 *   - a unix socket pair back from the child, which acknowledges the
 *     last value it read: acknowledgements must never go backwards or
 *     ahead of the counter;
 *   - optionally MIB mebibytes of anonymous memory filled with a pattern
 *     (the bulk of a real process's state), a hundredth of it checked
 *     each tick ("memory: MIB MiB intact at tick N" after each whole
 *     pass), and all of it whenever the counter finds it was stopped for
 *     more than two seconds ("resumed after SECONDS at tick N: MIB MiB
 *     of memory intact"). A VM's clock may not show the stop: the
 *     rolling check covers it.
 *
 * "workload start DIR [MIB]" writes DIR/input (the records), starts the tree
 * in a new PID namespace (so that a restore in another boot finds its
 * PIDs free) with DIR/log as its output, and prints the host PID of the
 * tree's root (PID 1 in its namespace): the PID to give "criu dump -t".
 * Each tick logs "tick N acked A at SECONDS" (wall clock); a fault logs
 * a line starting with "ERROR".
 *
 * As /init of an initramfs (tests/debian/scenarios/vm.sh) it runs the
 * same tree as the VM's only processes, logging to the console; an
 * argument after "--" on the kernel's command line is the MIB.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sched.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RECORDS	   200000 /* 100 ms each: over five hours of input */
#define RECORD_LEN 16	  /* "%015" PRIu64 "\n" */

static int log_fd = -1;
static uint64_t *bulk; /* the optional memory of "start DIR MIB" */
static size_t bulk_words;

/* One line to the log with a single write(2): the two processes share it. */
static void say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(log_fd, line, n) != n)
		_exit(3);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* The child: drain the pipe every half second, check, acknowledge. */
static void reader(int pipe_rd, int sock)
{
	uint64_t last = 0, v;

	for (;;) {
		ssize_t n;

		while ((n = read(pipe_rd, &v, sizeof(v))) == sizeof(v)) {
			if (v != last + 1)
				say("ERROR pipe: read %" PRIu64
				    " after %" PRIu64,
				    v, last);
			last = v;
		}
		if (n == 0) {
			say("ERROR pipe: closed at %" PRIu64, last);
			_exit(1);
		}
		if (n > 0 || errno != EAGAIN) {
			say("ERROR pipe: read failed (%s)",
			    n > 0 ? "short read" : strerror(errno));
			_exit(1);
		}
		if (last && write(sock, &last, sizeof(last)) != sizeof(last)) {
			say("ERROR socket: send failed (%s)", strerror(errno));
			_exit(1);
		}
		sleep_ms(500);
	}
}

/* Word I of the bulk memory: distinct for every word, cheap to recompute. */
static uint64_t bulk_word(size_t i)
{
	uint64_t x = (i + 1) * 0x9e3779b97f4a7c15ULL;

	return x ^ (x >> 29);
}

static int bulk_fill(size_t mib)
{
	bulk_words = mib << 17; /* 2^20 / 8 */
	if (!bulk_words)
		return 0;
	bulk = mmap(NULL, bulk_words * 8, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (bulk == MAP_FAILED)
		return -1;
	for (size_t i = 0; i < bulk_words; i++)
		bulk[i] = bulk_word(i);
	return 0;
}

/* Words FROM to TO of the bulk: the first that changed, or TO. */
static size_t bulk_changed(size_t from, size_t to)
{
	while (from < to && bulk[from] == bulk_word(from))
		from++;
	return from;
}

/* Each tick, the next hundredth of the bulk: all of it every 100 ticks. */
static void bulk_check_slice(uint64_t tick)
{
	static size_t pos;
	static bool intact = true; /* this pass found no change so far */
	size_t end = pos + (bulk_words + 99) / 100, bad;

	if (!bulk_words)
		return;
	if (end > bulk_words)
		end = bulk_words;
	bad = bulk_changed(pos, end);
	if (bad < end) {
		say("ERROR memory: word %zu of %zu changed at tick %" PRIu64,
		    bad, bulk_words, tick);
		intact = false;
	}
	if (end < bulk_words) {
		pos = end;
		return;
	}
	if (intact)
		say("memory: %zu MiB intact at tick %" PRIu64, bulk_words >> 17,
		    tick);
	pos = 0;
	intact = true;
}

/* After a stop (a checkpoint, say): is every word of the bulk intact? */
static void resumed(double gap, uint64_t tick)
{
	size_t bad = bulk_changed(0, bulk_words);

	if (bad < bulk_words) {
		say("ERROR memory: word %zu of %zu changed after a stop of "
		    "%.1f s",
		    bad, bulk_words, gap);
		return;
	}
	say("resumed after %.1f s at tick %" PRIu64
	    ": %zu MiB of memory intact",
	    gap, tick, bulk_words >> 17);
}

/* The root: count, read a record, feed the pipe, take acknowledgements. */
static void counter(int input, int pipe_wr, int sock)
{
	/* The counter lives in an anonymous page of its own. */
	uint64_t *count = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t acked = 0, a;
	char rec[RECORD_LEN + 1];
	double last = 0, t;

	if (count == MAP_FAILED) {
		say("ERROR mmap: %s", strerror(errno));
		_exit(1);
	}
	*count = 0;
	for (;;) {
		++*count;
		if (read(input, rec, RECORD_LEN) != RECORD_LEN) {
			say("ERROR file: no record %" PRIu64, *count);
			_exit(1);
		}
		rec[RECORD_LEN] = '\0';
		if (strtoull(rec, NULL, 10) != *count)
			say("ERROR file: record %.15s at tick %" PRIu64
			    " (offset %jd)",
			    rec, *count, (intmax_t)lseek(input, 0, SEEK_CUR));
		if (write(pipe_wr, count, sizeof(*count)) != sizeof(*count)) {
			say("ERROR pipe: write failed (%s)", strerror(errno));
			_exit(1);
		}
		while (recv(sock, &a, sizeof(a), MSG_DONTWAIT) == sizeof(a)) {
			if (a < acked || a > *count)
				say("ERROR socket: ack %" PRIu64
				    " after %" PRIu64 " at tick %" PRIu64,
				    a, acked, *count);
			acked = a;
		}
		t = now();
		if (last && t - last > 2.0)
			resumed(t - last, *count);
		last = t;
		bulk_check_slice(*count);
		say("tick %" PRIu64 " acked %" PRIu64 " at %.3f", *count, acked,
		    t);
		sleep_ms(100);
	}
}

static int write_input(const char *path)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f)
		return -1;
	for (uint64_t i = 1; i <= RECORDS; i++)
		fprintf(f, "%015" PRIu64 "\n", i);
	ok = !ferror(f);
	return fclose(f) == 0 && ok ? 0 : -1;
}

/*
 * Write DIR/input, open it and LOG, and run the tree: this process counts,
 * a child reads the pipe. REPORT, if not -1, is written once all is set.
 */
static void run(const char *dir, const char *log_path, size_t mib, int report)
{
	char input_path[4096];
	int input, pipefd[2], sv[2], null;
	pid_t pid;

	snprintf(input_path, sizeof(input_path), "%s/input", dir);
	if (write_input(input_path)) {
		perror(input_path);
		_exit(1);
	}
	input = open(input_path, O_RDONLY);
	log_fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_NOCTTY, 0644);
	null = open("/dev/null", O_RDWR);
	if (input < 0 || log_fd < 0 || pipe2(pipefd, O_NONBLOCK) ||
	    socketpair(AF_UNIX, SOCK_STREAM, 0, sv) || bulk_fill(mib)) {
		perror("workload");
		_exit(1);
	}
	if (null >= 0) {
		dup2(null, 0);
		close(null);
	}
	dup2(log_fd, 1);
	dup2(log_fd, 2);
	/* The pipe's writer blocks as usual; only the reader drains. */
	fcntl(pipefd[1], F_SETFL, 0);
	say("started at %.3f", now());
	if (report >= 0 && (write(report, "", 1) != 1 || close(report)))
		_exit(1);

	pid = fork();
	if (pid < 0)
		_exit(1);
	if (pid == 0) {
		/* The reader needs none of the bulk: one copy to checkpoint. */
		if (bulk_words)
			munmap(bulk, bulk_words * 8);
		close(input);
		close(pipefd[1]);
		close(sv[0]);
		reader(pipefd[0], sv[1]);
	}
	close(pipefd[0]);
	close(sv[1]);
	counter(input, pipefd[1], sv[0]);
}

/* The tree as PID 1 of a new PID namespace, in a session of its own. */
static int start(const char *dir, size_t mib)
{
	char log_path[4096];
	int report[2];
	pid_t pid;
	char ok;

	snprintf(log_path, sizeof(log_path), "%s/log", dir);
	if (unshare(CLONE_NEWPID) || pipe(report)) {
		perror("workload: unshare(CLONE_NEWPID)");
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		perror("workload: fork");
		return 1;
	}
	if (pid == 0) {
		close(report[0]);
		setsid();
		run(dir, log_path, mib, report[1]);
	}
	/* Wait for the root to be set up, then name it. */
	close(report[1]);
	if (read(report[0], &ok, 1) != 1) {
		fprintf(stderr, "workload: the tree did not start\n");
		return 1;
	}
	printf("%d\n", pid);
	return 0;
}

int main(int argc, char **argv)
{
	/* The init of a VM's initramfs: the tree, logging to the console. */
	if (argc <= 2 && getpid() == 1)
		run("", "/dev/console",
		    argc == 2 ? strtoul(argv[1], NULL, 10) : 0, -1);
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "start"))
		return start(argv[2],
			     argc == 4 ? strtoul(argv[3], NULL, 10) : 0);
	fprintf(stderr, "usage: workload start DIR [MIB]\n"
			"       (or as /init of an initramfs: the tree on the "
			"console)\n");
	return 2;
}
