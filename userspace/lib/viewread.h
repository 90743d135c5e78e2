/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading views for the view subcommands (viewread.c): errors are printed
 * as "kmemlab: WHO: why" and turned into exit codes.
 */
#ifndef KMEMLAB_VIEWREAD_H
#define KMEMLAB_VIEWREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"
#include "conn.h"
#include "procfs.h"

/*
 * view_absent() - a view reading "# no ..." (the instance has no such view):
 * say so, naming @who, and free @text. Return: 0 when @text is a real view,
 * else CLI_EXIT_FAIL.
 */
int view_absent(const char *who, char *text);

/*
 * inst_view_read() - read view @view of @inst (NULL: the global one).
 * Return: 0 with *@text allocated, or CLI_EXIT_FAIL after an error message
 * naming @who.
 */
int inst_view_read(struct conn *conn, const char *inst, const char *view,
		   const char *who, char **text, size_t *len);

/*
 * slab_rows_gather() - our caches (the engine's slabinfo view, or one
 * instance's when @inst) and the real kmemlab-* rows of @proc (kernel mode
 * only), each into its table (empty when not wanted). Errors are printed.
 * Return: an exit code; on CLI_EXIT_OK both tables must be freed.
 */
int slab_rows_gather(struct cli_ctx *ctx, const char *inst, bool want_ours,
		     bool want_real, const char *proc, struct slab_table *ours,
		     struct slab_table *real);

#endif /* KMEMLAB_VIEWREAD_H */
