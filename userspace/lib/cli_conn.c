// SPDX-License-Identifier: GPL-2.0
/*
 * The connection of one invocation: opened on first use, in sim mode or
 * through debugfs ($KMEMLAB_DEBUGFS_DIR overrides the directory), and the
 * global -e CMD commands executed on it before the subcommand looks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conn.h"

struct conn *cli_conn(struct cli_ctx *ctx, int *exit_code)
{
	int i;

	if (ctx->conn)
		return ctx->conn;
	if (ctx->sim) {
		ctx->conn = conn_open_sim(exit_code);
	} else {
		const char *dir = getenv("KMEMLAB_DEBUGFS_DIR");

		ctx->conn = conn_open_debugfs(dir ? dir : KMEMLAB_DEBUGFS, exit_code);
	}
	if (!ctx->conn)
		return NULL;
	for (i = 0; i < ctx->npre; i++) {
		char *reply = NULL;
		size_t rlen;
		int r = conn_exec(ctx->conn, ctx->pre[i], &reply, &rlen);

		if (r) {
			cli_engine_error(ctx, ctx->pre[i], r, reply);
			free(reply);
			conn_close(ctx->conn);
			ctx->conn = NULL;
			*exit_code = CLI_EXIT_FAIL;
			return NULL;
		}
		if (reply && !ctx->quiet)
			fputs(reply, stderr);
		free(reply);
	}
	return ctx->conn;
}
