// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the engine's views for the view subcommands: one reader for an
 * instance's (or the engine's) view that names the instance in its errors
 * and recognises a "# no ..." view, and the slab rows of 'slabinfo' and
 * 'slabtop': our caches from the engine, the real kmemlab-* caches from
 * /proc/slabinfo.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conn.h"
#include "procfs.h"
#include "viewread.h"

/* Parse a view text as slabinfo; prints the error. */
static int parse_slab_text(char *text, size_t len, const char *name,
			   struct slab_table *t)
{
	char err[512];
	int r = slabinfo_parse(text, len, name, t, err, sizeof(err));

	free(text);
	if (r)
		fprintf(stderr, "kmemlab: %s\n", err);
	return r;
}

int view_absent(const char *who, char *text)
{
	if (strncmp(text, "# no ", 5))
		return 0;
	cli_error(who, "%.*s", (int)strcspn(text + 2, "\n"), text + 2);
	free(text);
	return CLI_EXIT_FAIL;
}

int inst_view_read(struct conn *conn, const char *inst, const char *view,
		   const char *who, char **text, size_t *len)
{
	int r = conn_view(conn, inst, view, text, len);

	if (r) {
		cli_error(who, "%s", r == -ENOENT ? "no such instance" : strerror(-r));
		return CLI_EXIT_FAIL;
	}
	return view_absent(who, *text);
}

/* The real caches the module created: kmemlab-* rows of /proc/slabinfo. */
static int real_kmemlab_caches(const char *path, struct slab_table *out)
{
	struct slab_table all;
	size_t i, n = 0;
	char *text;
	size_t len;
	int r;

	r = cli_read_file(path, &text, &len);
	if (r) {
		cli_error(path, "%s", strerror(-r));
		return r;
	}
	if (parse_slab_text(text, len, path, &all))
		return -EINVAL;
	for (i = 0; i < all.nr; i++)
		if (!strncmp(all.rows[i].name, "kmemlab-", 8))
			all.rows[n++] = all.rows[i];
	all.nr = n;
	*out = all;
	return 0;
}

int slab_rows_gather(struct cli_ctx *ctx, const char *inst, bool want_ours,
		     bool want_real, const char *proc, struct slab_table *ours,
		     struct slab_table *real)
{
	struct conn *conn;
	char name[96];
	size_t len;
	char *text;
	int ec;

	memset(ours, 0, sizeof(*ours));
	memset(real, 0, sizeof(*real));
	if (want_ours) {
		conn = cli_conn(ctx, &ec);
		if (!conn)
			return ec;
		if (inst_view_read(conn, inst, "slabinfo", inst ? inst : "slabinfo",
				   &text, &len))
			return CLI_EXIT_FAIL;
		snprintf(name, sizeof(name), "%s%s%s", inst ? "inst/" : "",
			 inst ? inst : "", inst ? "/slabinfo" : "slabinfo");
		if (parse_slab_text(text, len, name, ours))
			return CLI_EXIT_FAIL;
	}
	/* real caches exist only in kernel mode */
	if (want_real && !ctx->sim && real_kmemlab_caches(proc, real)) {
		slab_table_free(ours);
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}
