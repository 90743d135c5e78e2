/* SPDX-License-Identifier: GPL-2.0 */
/*
 * labtest.h - the tiny harness of the labs' sim tests. A test program is
 * a table of cases; the grader runs one case per process:
 *
 *   ./sim_buddy --list          the case names, one per line
 *   ./sim_buddy NAME            runs NAME, prints "RESULT NAME PASS" or
 *                               "RESULT NAME FAIL reason", exit 0/1
 *
 * A case that crashes or hangs prints nothing; the grader (timeout(1)
 * around every case) turns that into a FAIL with the signal or time-out
 * as the reason. Cases are deterministic: fixed sizes, fixed seeds.
 */
#ifndef KML_LABTEST_H
#define KML_LABTEST_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lt_case {
	const char *name;
	void (*fn)(void);
};

static const char *lt_current;

static void lt_result(const char *status, const char *fmt, va_list ap)
{
	printf("RESULT %s %s", lt_current, status);
	if (fmt) {
		putchar(' ');
		vprintf(fmt, ap);
	}
	putchar('\n');
	fflush(stdout);
}

/* Fail the current case with a reason and end the process. */
static void __attribute__((noreturn, format(printf, 1, 2)))
lt_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lt_result("FAIL", fmt, ap);
	va_end(ap);
	exit(1);
}

/* LT_CHECK(cond, "what was expected", args...): fail unless cond. */
#define LT_CHECK(cond, ...)						\
	do {								\
		if (!(cond))						\
			lt_fail(__VA_ARGS__);				\
	} while (0)

#define LT_EQ(got, want, what)						\
	LT_CHECK((long long)(got) == (long long)(want),			\
		 "%s: got %lld, expected %lld", (what),		\
		 (long long)(got), (long long)(want))

static int lt_main(const struct lt_case *cases, int argc, char **argv)
{
	const struct lt_case *c;

	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (c = cases; c->name; c++)
			printf("%s\n", c->name);
		return 0;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: %s --list | CASE\n", argv[0]);
		return 2;
	}
	for (c = cases; c->name; c++) {
		if (strcmp(c->name, argv[1]))
			continue;
		lt_current = c->name;
		setvbuf(stdout, NULL, _IOLBF, 0);
		c->fn();
		printf("RESULT %s PASS\n", lt_current);
		return 0;
	}
	fprintf(stderr, "%s: no case '%s'\n", argv[0], argv[1]);
	return 2;
}

#endif /* KML_LABTEST_H */
