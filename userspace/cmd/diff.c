// SPDX-License-Identifier: GPL-2.0
/*
 * 'kmemlab diff OLD NEW': two results folders (two kernels, commits or
 * machines) compared row by row, like perf diff and critcmp. The library
 * does the work (lib/resdiff.c computes, lib/resdiff_print.c prints).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "resdiff.h"

const struct cli_opt diff_opts[] = {
	{ "only", CLI_LONG_ONLY('o'), "WORD", "only rows whose group, workload or backend contains WORD" },
	{ NULL, 0, NULL, NULL },
};

int cmd_diff(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *arg, *only = NULL;
	struct rd_side old, new;
	struct resdiff d;
	char err[4096 + 256];
	int c, r;

	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		switch (c) {
		case 'o':
			if (!*arg)
				return cli_usage_error(ctx, "--only: empty WORD");
			only = arg;
			break;
		default:
			return c == 'h' ? CLI_EXIT_OK : CLI_EXIT_USAGE;
		}
	}
	if (argc - optind != 2)
		return cli_usage_error(ctx, "expected two folders, OLD and NEW");
	/* both are read and checked before anything is printed */
	r = resdiff_load(argv[optind], &old, err, sizeof(err));
	if (r) {
		cli_error("diff", "%s", err);
		return r == -ENOMEM ? CLI_EXIT_FAIL : CLI_EXIT_USAGE;
	}
	r = resdiff_load(argv[optind + 1], &new, err, sizeof(err));
	if (r) {
		cli_error("diff", "%s", err);
		resdiff_side_free(&old);
		return r == -ENOMEM ? CLI_EXIT_FAIL : CLI_EXIT_USAGE;
	}
	r = resdiff_compute(&old, &new, only, &d);
	if (r) {
		cli_error("diff", "%s", strerror(-r));
	} else {
		if (ctx->fmt == CLI_FMT_JSON)
			resdiff_print_json(ctx->out, &old, &new, &d);
		else
			resdiff_print_text(ctx->out, &old, &new, &d);
		resdiff_free(&d);
	}
	resdiff_side_free(&old);
	resdiff_side_free(&new);
	return r ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
