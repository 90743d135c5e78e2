/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared declarations of the kmemlab command-line tool.
 */
#ifndef KMEMLAB_CLI_H
#define KMEMLAB_CLI_H

#include <stdarg.h>

#define KMEMLAB_TOOL_VERSION "0.1.0"

/* Exit codes; 4 is the kselftest "skip" code for a missing precondition. */
enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_FAIL = 1,
	CLI_EXIT_USAGE = 2,
	CLI_EXIT_SKIP = 4,
};

struct cli_command {
	const char *name;
	const char *help;
	int (*run)(int argc, char **argv);
};

/* cli_error() - print "kmemlab: WHAT: WHY" on stderr. */
__attribute__((format(printf, 2, 3)))
void cli_error(const char *what, const char *fmt, ...);

#endif /* KMEMLAB_CLI_H */
