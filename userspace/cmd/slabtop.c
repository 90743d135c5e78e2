// SPDX-License-Identifier: GPL-2.0
/*
 * 'kmemlab slabtop': procps-ng 'slabtop --once' reproduced from a slabinfo
 * file (/proc/slabinfo by default, any slabinfo 2.1 file with --file),
 * same summary, same columns, same rounding, same sort keys. The numbers
 * come from the slabtop model (lib/slabtop.c) and the output from
 * lib/slabtop_once.c; without --once on a terminal, kmemlab.c shows the
 * live screen of top.c instead.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "procfs.h"
#include "slabtop.h"
#include "viewread.h"

const struct cli_opt slabtop_opts[] = {
	{ "once", CLI_LONG_ONLY('o'), NULL, "print once and exit (the only mode without a terminal)" },
	{ "sort", 's', "KEY", "sort by KEY: o objs, a active, s objsize, b objperslab, "
	  "p pages, l slabs, v active_slabs, c cachesize, u use, n name" },
	{ "file", 'f', "PATH", "read PATH (slabinfo 2.1) instead of our caches" },
	{ "proc", 'P', NULL, "all of /proc/slabinfo, as the real slabtop shows it" },
	{ "delay", 'd', "SECS", "refresh interval of the live screen (default 3)" },
	{ NULL, 0, NULL, NULL },
};

int slabtop_parse_args(struct cli_ctx *ctx, int argc, char **argv,
		       struct slabtop_args *a)
{
	bool delay = false;
	const char *arg;
	int c;

	memset(a, 0, sizeof(*a));
	a->key = SLABTOP_OBJS;
	a->delay_ms = 3000;
	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		switch (c) {
		case 'o':
			a->once = true;
			break;
		case 's':
			if (parse_sort_key("slabtop: --sort", arg, &a->key))
				return CLI_EXIT_USAGE;
			break;
		case 'f':
			if (a->path)
				return cli_usage_error(ctx, "--file and --proc exclude each other");
			a->path = arg;
			break;
		case 'P':
			if (a->path)
				return cli_usage_error(ctx, "--file and --proc exclude each other");
			a->path = "/proc/slabinfo";
			break;
		case 'd':
			if (parse_interval("slabtop: --delay", arg, &a->delay_ms))
				return CLI_EXIT_USAGE;
			delay = true;
			break;
		case 'h':
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (a->once && delay)
		return cli_usage_error(ctx, "--once and --delay exclude each other");
	return -1;
}

bool slabtop_wants_screen(const struct cli_ctx *ctx,
			  const struct slabtop_args *a)
{
	return !a->once && ctx->fmt == CLI_FMT_TEXT && cli_isatty(STDOUT_FILENO) &&
	       isatty(STDIN_FILENO);
}

int slabtop_print(struct cli_ctx *ctx, const struct slabtop_args *a)
{
	struct slab_table t, real;
	int r;

	if (a->path) {
		r = slabtop_load(a->path, &t);
		if (r)
			return r;
	} else {
		/* our caches, then the real kmemlab-* ones, as one table */
		r = slab_rows_gather(ctx, NULL, true, true, "/proc/slabinfo",
				     &t, &real);
		if (r)
			return r;
		r = slab_table_append(&t, &real);
		slab_table_free(&real);
		if (r) {
			slab_table_free(&t);
			cli_error("slabtop", "%s", strerror(-r));
			return CLI_EXIT_FAIL;
		}
	}
	r = slabtop_once(ctx->out, ctx->fmt, &t, a->key);
	slab_table_free(&t);
	return r;
}
