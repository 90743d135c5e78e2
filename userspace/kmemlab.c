// SPDX-License-Identifier: GPL-2.0
/*
 * kmemlab: the command-line harness. It talks to the module through
 * /sys/kernel/debug/kmemlab (kernel mode) or runs the allocator cores
 * in-process (sim mode). This file holds the subcommand table and the
 * top-level option handling.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define KMEMLAB_DEBUGFS "/sys/kernel/debug/kmemlab"

static int cmd_version(int argc, char **argv);
static int cmd_status(int argc, char **argv);

static const struct cli_command commands[] = {
	{ "status", "is the module loaded, and what does it hold", cmd_status },
	{ "version", "print the versions of this tool and of the module", cmd_version },
};

void cli_error(const char *what, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kmemlab: %s: ", what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"usage: kmemlab [--help] COMMAND [ARGS...]\n"
		"\n"
		"A memory-allocator laboratory: kmemlab's own buddy, slab and teaching\n"
		"heaps next to the kernel's allocators, driven through %s.\n"
		"\n"
		"Commands:\n", KMEMLAB_DEBUGFS);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(f,
		"\n"
		"Options:\n"
		"  -h, --help     show this help\n"
		"\n"
		"Exit status: 0 ok, 1 failure, 2 usage error, 4 precondition missing\n"
		"(not root, module not loaded, no debugfs).\n");
}

static int cmd_version(int argc, char **argv)
{
	char buf[256];
	FILE *f;

	if (argc > 1) {
		cli_error("version", "unexpected argument '%s'", argv[1]);
		return CLI_EXIT_USAGE;
	}
	printf("kmemlab tool %s\n", KMEMLAB_TOOL_VERSION);
	f = fopen(KMEMLAB_DEBUGFS "/version", "r");
	if (!f) {
		printf("module: not available (%s)\n", strerror(errno));
		return CLI_EXIT_OK;
	}
	if (fgets(buf, sizeof(buf), f))
		printf("module: %s", buf);
	fclose(f);
	return CLI_EXIT_OK;
}

static int cmd_status(int argc, char **argv)
{
	if (argc > 1) {
		cli_error("status", "unexpected argument '%s'", argv[1]);
		return CLI_EXIT_USAGE;
	}
	if (access("/sys/module/kmemlab", F_OK) != 0) {
		cli_error("status", "module not loaded (insmod kmemlab.ko)");
		return CLI_EXIT_SKIP;
	}
	if (access(KMEMLAB_DEBUGFS, F_OK) != 0) {
		cli_error("status", "%s: %s (is debugfs mounted, are you root?)",
			  KMEMLAB_DEBUGFS, strerror(errno));
		return CLI_EXIT_SKIP;
	}
	printf("module: loaded\n");
	return cmd_version(1, argv);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	size_t i;
	int c;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return CLI_EXIT_OK;
		default:
			usage(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[optind], commands[i].name))
			return commands[i].run(argc - optind, argv + optind);
	cli_error(argv[optind], "unknown command (see 'kmemlab --help')");
	return CLI_EXIT_USAGE;
}
