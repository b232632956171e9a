/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* A minimal test runner: TEST(name) { CHECK(cond); } ... TEST_MAIN */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct test {
	const char *name;
	void (*fn)(void);
};

extern int test_failures;
void test_register(const char *name, void (*fn)(void));

#define CHECK(cond)                                                        \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n",       \
				__FILE__, __LINE__, #cond);                \
			test_failures++;                                   \
		}                                                          \
	} while (0)

#define TEST(name)                                                         \
	static void test_##name(void);                                     \
	__attribute__((constructor)) static void reg_##name(void)          \
	{                                                                  \
		test_register(#name, test_##name);                         \
	}                                                                  \
	static void test_##name(void)

#define TEST_MAIN                                                          \
	int test_failures;                                                 \
	static struct test tests[64];                                      \
	static int nr_tests;                                               \
	void test_register(const char *name, void (*fn)(void))            \
	{                                                                  \
		tests[nr_tests].name = name;                               \
		tests[nr_tests++].fn = fn;                                 \
	}                                                                  \
	int main(int argc, char **argv)                                    \
	{                                                                  \
		int i, failed = 0, ran = 0;                                \
		for (i = 0; i < nr_tests; i++) {                           \
			int before = test_failures;                        \
			if (argc > 1 && strcmp(argv[1], tests[i].name))    \
				continue;                                  \
			tests[i].fn();                                     \
			ran++;                                             \
			printf("%s %s\n", test_failures == before ?        \
			       "ok  " : "FAIL", tests[i].name);            \
			failed += test_failures != before;                 \
		}                                                          \
		printf("%d passed, %d failed\n", ran - failed, failed);     \
		return failed ? 1 : 0;                                     \
	}

#endif
