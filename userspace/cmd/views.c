// SPDX-License-Identifier: GPL-2.0
/*
 * The view subcommands: slabinfo, buddyinfo, frag, heapmap, buddymap, plus
 * 'exec' (raw engine commands) and 'view' (a raw view file). They read the
 * engine through struct conn (kernel or sim mode alike) and the kernel's
 * own /proc files, and print in the kernel's formats or as JSON/CSV.
 * The index formulas come from the cores' metrics.h, never re-derived here.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "caps.h"
#include "cli.h"
#include "commands.h"
#include "conn.h"
#include "emit.h"
#include "heapdraw.h"
#include "heapmap.h"
#include "kml_bounds.h"
#include "metrics.h"
#include "procfs.h"
#include "standin.h"
#include "viewread.h"

/* --- exec / view ------------------------------------------------------------ */

const struct cli_opt exec_opts[] = {
	{ "keep-going", CLI_LONG_ONLY('k'), NULL, "run every command even after one fails" },
	{ NULL, 0, NULL, NULL },
};

int cmd_exec(struct cli_ctx *ctx, int argc, char **argv)
{
	bool keep = false;
	int c, i, rc = CLI_EXIT_OK, ec;
	const char *arg;
	struct conn *conn;

	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		if (c == 'k')
			keep = true;
		else
			return c == 'h' ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	}
	if (optind >= argc)
		return cli_usage_error(ctx, "expected at least one COMMAND");
	conn = cli_conn(ctx, &ec);
	if (!conn)
		return ec;
	for (i = optind; i < argc; i++) {
		char *reply = NULL;
		size_t rlen = 0;
		int r = conn_exec(conn, argv[i], &reply, &rlen);

		if (r) {
			cli_engine_error(ctx, argv[i], r, reply);
			rc = CLI_EXIT_FAIL;
		} else if (reply) {
			fputs(reply, ctx->out);
		}
		free(reply);
		if (r && !keep)
			break;
	}
	return rc;
}

/* "a, b, c" from @nr names. */
static void join_names(const char *const *names, unsigned int nr, char *buf,
		       size_t size)
{
	size_t n = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < nr && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "",
				      names[i]);
}

const struct cli_opt view_opts[] = {
	{ NULL, 0, NULL, NULL },
};

int cmd_view(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *arg, *inst = NULL, *view;
	struct conn *conn;
	size_t len;
	char *text;
	int c, r, ec;

	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1)
		return c == 'h' ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (argc - optind == 2) {
		inst = argv[optind];
		if (parse_instance("view", inst))
			return CLI_EXIT_USAGE;
		view = argv[optind + 1];
	} else if (argc - optind == 1) {
		view = argv[optind];
	} else {
		return cli_usage_error(ctx, "expected [INSTANCE] VIEW");
	}
	if (strchr(view, '/') || view[0] == '.')
		return cli_usage_error(ctx, "'%s' is not a view name", view);
	conn = cli_conn(ctx, &ec);
	if (!conn)
		return ec;
	r = conn_view(conn, inst, view, &text, &len);
	if (r == -ENOENT) {
		static const char *const gv[] = KML_GVIEW_NAMES, *const iv[] = KML_IVIEW_NAMES;
		char gl[128], il[128];

		join_names(gv, KML_NR_GVIEWS, gl, sizeof(gl));
		join_names(iv, KML_NR_IVIEWS, il, sizeof(il));
		if (inst)
			cli_error(inst, "no instance '%s' with a view '%s' (instances: "
				  "'kmemlab%s view instances'; an instance's views: %s)",
				  inst, view, ctx->sim ? " sim" : "", il);
		else
			cli_error(view, "no such view (engine-wide views: %s; an "
				  "instance's: %s)", gl, il);
		return CLI_EXIT_FAIL;
	}
	if (r) {
		cli_error(inst ? inst : view, "%s", strerror(-r));
		return CLI_EXIT_FAIL;
	}
	fwrite(text, 1, len, ctx->out);
	free(text);
	return CLI_EXIT_OK;
}

/* --- backends ---------------------------------------------------------------- */

const struct cli_opt backends_opts[] = {
	{ NULL, 0, NULL, NULL },
};

static const struct tbl_col backend_cols[] = {
	{ "name", "NAME", NULL, TBL_STR },
	{ "family", "FAMILY", NULL, TBL_STR },
	{ "source", "SOURCE", NULL, TBL_STR },
	{ "keys", "KEYS", NULL, TBL_STR },
	{ "max_pool_bytes", "MAX_POOL", "B", TBL_INT },
	{ "max_size_bytes", "MAX_SIZE", "B", TBL_INT },
	{ "desc", "DESCRIPTION", NULL, TBL_STR },
};

static const struct tbl_col absent_cols[] = {
	{ "name", "NAME", NULL, TBL_STR },
	{ "mode", "MODE", NULL, TBL_STR },
	{ "instead", "INSTEAD", NULL, TBL_STR },
};

/*
 * 'kmemlab backends': the engine's backends view as a table, then the
 * backends of the other mode with what stands in for them in this one.
 */
int cmd_backends(struct cli_ctx *ctx, int argc, char **argv)
{
	static struct caps caps;
	struct tbl t, a;
	const char *arg;
	struct json_w j;
	struct conn *conn;
	unsigned int i;
	int c, ec, rc = CLI_EXIT_OK;
	size_t k;

	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1)
		return c == 'h' ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (optind < argc)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	conn = cli_conn(ctx, &ec);
	if (!conn)
		return ec;
	if (caps_load(conn, &caps))
		return CLI_EXIT_FAIL;
	tbl_init(&t, backend_cols, sizeof(backend_cols) / sizeof(backend_cols[0]));
	for (i = 0; i < caps.nbe; i++) {
		const struct caps_backend *b = &caps.be[i];

		tbl_cell(&t, "%s", b->name);
		tbl_cell(&t, "%s", b->family);
		tbl_cell(&t, "%s", b->ours ? "ours" : "real");
		tbl_cell(&t, "%s", b->keys[0] ? b->keys : "none");
		tbl_cell(&t, "%llu", (unsigned long long)b->max_pool);
		tbl_cell(&t, "%llu", (unsigned long long)b->max_size);
		tbl_cell(&t, "%s", b->desc);
	}
	tbl_init(&a, absent_cols, sizeof(absent_cols) / sizeof(absent_cols[0]));
	for (k = 0; k < nr_standins; k++) {
		const struct standin *s = &standins[k];
		char advice[256];

		if (s->kernel != ctx->sim || caps_backend(&caps, s->name))
			continue;
		standin_advice(s, &caps, advice, sizeof(advice));
		tbl_cell(&a, "%s", s->name);
		tbl_cell(&a, "%s", s->kernel ? "kernel" : "sim");
		tbl_cell(&a, "%s", advice);
	}
	switch (ctx->fmt) {
	case CLI_FMT_JSON:
		json_w_init(&j, ctx->out);
		json_w_obj_begin(&j, NULL);
		json_w_str(&j, "mode", ctx->sim ? "sim" : "kernel");
		if (tbl_print(&t, ctx->out, ctx->fmt, &j, "backends") ||
		    tbl_print(&a, ctx->out, ctx->fmt, &j, "other_mode"))
			rc = CLI_EXIT_FAIL;
		json_w_obj_end(&j);
		json_w_end(&j);
		break;
	case CLI_FMT_CSV:
		rc = tbl_print(&t, ctx->out, ctx->fmt, NULL, NULL) ?
		     CLI_EXIT_FAIL : CLI_EXIT_OK;
		break;
	default:
		fprintf(ctx->out, "Backends of %s mode (docs/interface.md 3.1, 5.1):\n",
			ctx->sim ? "sim" : "kernel");
		rc = tbl_print(&t, ctx->out, ctx->fmt, NULL, NULL) ?
		     CLI_EXIT_FAIL : CLI_EXIT_OK;
		if (a.nrows) {
			fprintf(ctx->out, "\nBackends of %s mode only, and what %s "
				"mode has in their place (never substituted):\n",
				ctx->sim ? "kernel" : "sim", ctx->sim ? "sim" : "kernel");
			if (tbl_print(&a, ctx->out, ctx->fmt, NULL, NULL))
				rc = CLI_EXIT_FAIL;
		}
		break;
	}
	tbl_free(&t);
	tbl_free(&a);
	return rc;
}

/* --- slabinfo ---------------------------------------------------------------- */

const struct cli_opt slabinfo_opts[] = {
	{ "ours", CLI_LONG_ONLY('o'), NULL, "only kmemlab's own caches" },
	{ "real", CLI_LONG_ONLY('r'), NULL, "only the real kmemlab-* caches of /proc/slabinfo" },
	{ "proc-file", 'p', "PATH", "read PATH instead of /proc/slabinfo" },
	{ NULL, 0, NULL, NULL },
};

static const struct tbl_col slab_cols[] = {
	{ "source", "SOURCE", NULL, TBL_STR },
	{ "name", "NAME", NULL, TBL_STR },
	{ "active_objs", "ACTIVE", "objs", TBL_INT },
	{ "num_objs", "TOTAL", "objs", TBL_INT },
	{ "objsize_bytes", "OBJSIZE", "B", TBL_INT },
	{ "objperslab", "PER_SLAB", "objs", TBL_INT },
	{ "pagesperslab", "SLAB", "pages", TBL_INT },
	{ "active_slabs", "ACTIVE_SLABS", "slabs", TBL_INT },
	{ "num_slabs", "SLABS", "slabs", TBL_INT },
};

static void slab_rows_to_tbl(struct tbl *t, const struct slab_table *s,
			     const char *source)
{
	size_t i;

	for (i = 0; i < s->nr; i++) {
		const struct slab_row *r = &s->rows[i];

		tbl_cell(t, "%s", source);
		tbl_cell(t, "%s", r->name);
		tbl_cell(t, "%lu", r->active_objs);
		tbl_cell(t, "%lu", r->num_objs);
		tbl_cell(t, "%lu", r->objsize);
		tbl_cell(t, "%lu", r->objperslab);
		tbl_cell(t, "%lu", r->pagesperslab);
		tbl_cell(t, "%lu", r->active_slabs);
		tbl_cell(t, "%lu", r->num_slabs);
	}
}

int cmd_slabinfo(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *arg, *inst = NULL, *proc = "/proc/slabinfo";
	struct slab_table ours, real;
	bool want_ours = true, want_real = true;
	struct tbl t;
	int c, rc;

	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		switch (c) {
		case 'o':
			want_real = false;
			break;
		case 'r':
			want_ours = false;
			break;
		case 'p':
			proc = arg;
			break;
		default:
			return c == 'h' ? CLI_EXIT_OK : CLI_EXIT_USAGE;
		}
	}
	if (!want_ours && !want_real)
		return cli_usage_error(ctx, "--ours and --real exclude each other");
	if (argc - optind > 1)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind + 1]);
	if (optind < argc) {
		inst = argv[optind];
		if (parse_instance("slabinfo", inst))
			return CLI_EXIT_USAGE;
		want_real = false;
	}
	rc = slab_rows_gather(ctx, inst, want_ours, want_real, proc, &ours, &real);
	if (rc)
		return rc;
	if (ctx->fmt == CLI_FMT_TEXT) {
		slabinfo_print(&ours, true, ctx->out);
		slabinfo_print(&real, false, ctx->out);
	} else {
		tbl_init(&t, slab_cols, sizeof(slab_cols) / sizeof(slab_cols[0]));
		slab_rows_to_tbl(&t, &ours, inst ? inst : "kmemlab");
		slab_rows_to_tbl(&t, &real, "kernel");
		rc = tbl_print(&t, ctx->out, ctx->fmt, NULL, NULL) ?
		     CLI_EXIT_FAIL : CLI_EXIT_OK;
		tbl_free(&t);
	}
	slab_table_free(&ours);
	slab_table_free(&real);
	return rc;
}

/* --- buddyinfo and frag ------------------------------------------------------ */

/* Rows of buddyinfo: the kernel's zones and/or our buddy instances. */
struct buddy_src {
	struct buddy_table t;
	char **source;		/* "kernel" or the instance name, per row */
};

static void buddy_src_free(struct buddy_src *b)
{
	size_t i;

	for (i = 0; i < b->t.nr; i++)
		free(b->source[i]);
	free(b->source);
	buddy_table_free(&b->t);
}

static int buddy_src_add(struct buddy_src *b, const struct buddy_table *t,
			 const char *source, bool rename)
{
	struct buddy_row *nr;
	char **ns;
	size_t i;

	nr = realloc(b->t.rows, sizeof(*nr) * (b->t.nr + t->nr + 1));
	ns = realloc(b->source, sizeof(*ns) * (b->t.nr + t->nr + 1));
	if (nr)
		b->t.rows = nr;
	if (ns)
		b->source = ns;
	if (!nr || !ns)
		return -ENOMEM;
	for (i = 0; i < t->nr; i++) {
		b->t.rows[b->t.nr] = t->rows[i];
		if (rename)
			snprintf(b->t.rows[b->t.nr].zone,
				 sizeof(b->t.rows[0].zone), "%s", source);
		b->source[b->t.nr] = strdup(source);
		b->t.nr++;
	}
	return 0;
}

const struct cli_opt buddyinfo_opts[] = {
	{ "kernel", CLI_LONG_ONLY('k'), NULL, "only the kernel's zones (/proc/buddyinfo)" },
	{ "ours", CLI_LONG_ONLY('o'), NULL, "only our buddy instances" },
	{ "file", 'f', "PATH", "read the kernel's rows from PATH instead of /proc/buddyinfo" },
	{ NULL, 0, NULL, NULL },
};

const struct cli_opt frag_opts[] = {
	{ "kernel", CLI_LONG_ONLY('k'), NULL, "only the kernel's zones (/proc/buddyinfo)" },
	{ "ours", CLI_LONG_ONLY('o'), NULL, "only our buddy instances" },
	{ "file", 'f', "PATH", "read the kernel's rows from PATH instead of /proc/buddyinfo" },
	{ NULL, 0, NULL, NULL },
};

/*
 * Collect rows: the kernel's zones from @file, then each named instance (or
 * every buddy instance) with its zone column set to the instance name.
 */
static int buddy_collect_rows(struct cli_ctx *ctx, bool kernel, bool ours,
			      const char *file, char **insts, int ninst,
			      struct buddy_src *b)
{
	struct conn_inst *list = NULL;
	struct buddy_table t;
	char err[512], *text;
	size_t len;
	int r, i, n, ec;

	memset(b, 0, sizeof(*b));
	if (kernel) {
		r = cli_read_file(file, &text, &len);
		if (r) {
			cli_error(file, "%s", strerror(-r));
			return CLI_EXIT_FAIL;
		}
		r = buddyinfo_parse(text, len, file, &t, err, sizeof(err));
		free(text);
		if (r) {
			fprintf(stderr, "kmemlab: %s\n", err);
			return CLI_EXIT_FAIL;
		}
		r = buddy_src_add(b, &t, "kernel", false);
		buddy_table_free(&t);
		if (r)
			return CLI_EXIT_FAIL;
	}
	if (!ours)
		return 0;
	{
		struct conn *conn = cli_conn(ctx, &ec);
		static struct caps caps;

		if (!conn)
			return ec;
		if (ninst) {
			n = ninst;
		} else {
			if (caps_load(conn, &caps))
				return CLI_EXIT_FAIL;
			n = conn_instances(conn, &list);
			if (n < 0) {
				cli_error("instances", "%s", strerror(-n));
				return CLI_EXIT_FAIL;
			}
		}
		for (i = 0; i < n; i++) {
			const char *name = ninst ? insts[i] : list[i].name;
			char fname[96];

			if (!ninst && !caps_is_our_pages(caps_backend(&caps, list[i].backend)))
				continue;
			if (inst_view_read(conn, name, "buddyinfo", name, &text, &len)) {
				free(list);
				return CLI_EXIT_FAIL;
			}
			snprintf(fname, sizeof(fname), "inst/%s/buddyinfo", name);
			r = buddyinfo_parse(text, len, fname, &t, err, sizeof(err));
			free(text);
			if (r) {
				fprintf(stderr, "kmemlab: %s\n", err);
				free(list);
				return CLI_EXIT_FAIL;
			}
			r = buddy_src_add(b, &t, name, true);
			buddy_table_free(&t);
			if (r) {
				free(list);
				return CLI_EXIT_FAIL;
			}
		}
	}
	free(list);
	return 0;
}

/*
 * buddy_collect() - the kernel's zones and/or our buddy instances in @b.
 * Return: an exit code; on failure @b holds nothing (rows gathered before
 * the failing step are freed).
 */
static int buddy_collect(struct cli_ctx *ctx, bool kernel, bool ours,
			 const char *file, char **insts, int ninst,
			 struct buddy_src *b)
{
	int r = buddy_collect_rows(ctx, kernel, ours, file, insts, ninst, b);

	if (r)
		buddy_src_free(b);
	return r;
}

static int buddy_args(struct cli_ctx *ctx, int argc, char **argv, bool *kernel,
		      bool *ours, const char **file)
{
	const char *arg;
	int c, i;

	*kernel = *ours = true;
	*file = "/proc/buddyinfo";
	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		switch (c) {
		case 'k':
			*ours = false;
			break;
		case 'o':
			*kernel = false;
			break;
		case 'f':
			*file = arg;
			break;
		case 'h':
			return CLI_EXIT_OK + 100;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (!*kernel && !*ours)
		return cli_usage_error(ctx, "--kernel and --ours exclude each other");
	for (i = optind; i < argc; i++)
		if (parse_instance(ctx->cmd->name, argv[i]))
			return CLI_EXIT_USAGE;
	if (optind < argc)
		*kernel = false;	/* instances named: only those */
	return 0;
}

/* The kernel's "Node %d, zone %8s " prefix. */
static void zone_prefix(FILE *f, const struct buddy_row *r)
{
	fprintf(f, "Node %d, zone %8s ", r->node, r->zone);
}

int cmd_buddyinfo(struct cli_ctx *ctx, int argc, char **argv)
{
	bool kernel, ours;
	const char *file;
	struct buddy_src b;
	unsigned int o, maxo = 0;
	size_t i;
	int r;

	r = buddy_args(ctx, argc, argv, &kernel, &ours, &file);
	if (r)
		return r == 100 ? CLI_EXIT_OK : r;
	r = buddy_collect(ctx, kernel, ours, file, argv + optind, argc - optind, &b);
	if (r)
		return r;
	for (i = 0; i < b.t.nr; i++)
		if (b.t.rows[i].nr_orders > maxo)
			maxo = b.t.rows[i].nr_orders;
	if (ctx->fmt == CLI_FMT_TEXT) {
		for (i = 0; i < b.t.nr; i++) {
			zone_prefix(ctx->out, &b.t.rows[i]);
			for (o = 0; o < b.t.rows[i].nr_orders; o++)
				fprintf(ctx->out, "%6lu ", b.t.rows[i].nr_free[o]);
			fputc('\n', ctx->out);
		}
	} else if (ctx->fmt == CLI_FMT_CSV) {
		fputs("source,node,zone", ctx->out);
		for (o = 0; o < maxo; o++)
			fprintf(ctx->out, ",order%u_free_blocks", o);
		fputc('\n', ctx->out);
		for (i = 0; i < b.t.nr; i++) {
			csv_field(ctx->out, b.source[i], true);
			fprintf(ctx->out, ",%d,", b.t.rows[i].node);
			csv_field(ctx->out, b.t.rows[i].zone, true);
			for (o = 0; o < maxo; o++)
				fprintf(ctx->out, ",%lu", b.t.rows[i].nr_free[o]);
			fputc('\n', ctx->out);
		}
	} else {
		struct json_w j;

		json_w_init(&j, ctx->out);
		json_w_arr_begin(&j, NULL);
		for (i = 0; i < b.t.nr; i++) {
			json_w_obj_begin(&j, NULL);
			json_w_str(&j, "source", b.source[i]);
			json_w_i64(&j, "node", b.t.rows[i].node);
			json_w_str(&j, "zone", b.t.rows[i].zone);
			json_w_arr_begin(&j, "free_blocks");
			for (o = 0; o < b.t.rows[i].nr_orders; o++)
				json_w_u64(&j, NULL, b.t.rows[i].nr_free[o]);
			json_w_arr_end(&j);
			json_w_obj_end(&j);
		}
		json_w_arr_end(&j);
		json_w_end(&j);
	}
	buddy_src_free(&b);
	return CLI_EXIT_OK;
}

/* The kernel prints an index as "%d.%03d" of index/1000, index%1000. */
static void print_index(FILE *f, const char *fmt, int index)
{
	fprintf(f, fmt, index / 1000, index % 1000);
}

/* One of the kernel's extfrag files: its heading, then a row per zone. */
static void index_file(FILE *f, const struct buddy_table *t, const char *name,
		       const char *fmt,
		       int (*index_of)(const unsigned long *nr_free,
				       unsigned int nr_orders, unsigned int order))
{
	unsigned int o;
	size_t i;

	fprintf(f, "%s:\n", name);
	for (i = 0; i < t->nr; i++) {
		const struct buddy_row *row = &t->rows[i];

		zone_prefix(f, row);
		for (o = 0; o < row->nr_orders; o++)
			print_index(f, fmt, index_of(row->nr_free, row->nr_orders, o));
		fputc('\n', f);
	}
}

int cmd_frag(struct cli_ctx *ctx, int argc, char **argv)
{
	bool kernel, ours;
	const char *file;
	struct buddy_src b;
	unsigned int o;
	size_t i;
	int r;

	r = buddy_args(ctx, argc, argv, &kernel, &ours, &file);
	if (r)
		return r == 100 ? CLI_EXIT_OK : r;
	r = buddy_collect(ctx, kernel, ours, file, argv + optind, argc - optind, &b);
	if (r)
		return r;
	if (ctx->fmt == CLI_FMT_TEXT) {
		index_file(ctx->out, &b.t, "unusable_index", "%d.%03d ",
			   kml_metric_unusable_index);
		index_file(ctx->out, &b.t, "extfrag_index", "%2d.%03d ",
			   kml_metric_frag_index);
	} else if (ctx->fmt == CLI_FMT_CSV) {
		fputs("source,node,zone,order,free_blocks,unusable_index_x1000,"
		      "extfrag_index_x1000\n", ctx->out);
		for (i = 0; i < b.t.nr; i++) {
			const struct buddy_row *row = &b.t.rows[i];

			for (o = 0; o < row->nr_orders; o++) {
				csv_field(ctx->out, b.source[i], true);
				fprintf(ctx->out, ",%d,", row->node);
				csv_field(ctx->out, row->zone, true);
				fprintf(ctx->out, ",%u,%lu,%d,%d\n", o, row->nr_free[o],
					kml_metric_unusable_index(row->nr_free,
								  row->nr_orders, o),
					kml_metric_frag_index(row->nr_free,
							      row->nr_orders, o));
			}
		}
	} else {
		struct json_w j;

		json_w_init(&j, ctx->out);
		json_w_arr_begin(&j, NULL);
		for (i = 0; i < b.t.nr; i++) {
			const struct buddy_row *row = &b.t.rows[i];

			json_w_obj_begin(&j, NULL);
			json_w_str(&j, "source", b.source[i]);
			json_w_i64(&j, "node", row->node);
			json_w_str(&j, "zone", row->zone);
			json_w_arr_begin(&j, "unusable_index_x1000");
			for (o = 0; o < row->nr_orders; o++)
				json_w_i64(&j, NULL, kml_metric_unusable_index(row->nr_free,
									       row->nr_orders, o));
			json_w_arr_end(&j);
			json_w_arr_begin(&j, "extfrag_index_x1000");
			for (o = 0; o < row->nr_orders; o++)
				json_w_i64(&j, NULL, kml_metric_frag_index(row->nr_free,
									   row->nr_orders, o));
			json_w_arr_end(&j);
			json_w_obj_end(&j);
		}
		json_w_arr_end(&j);
		json_w_end(&j);
	}
	buddy_src_free(&b);
	return CLI_EXIT_OK;
}

/* --- heapmap ------------------------------------------------------------------ */

static unsigned int term_width(FILE *f, unsigned int dflt)
{
	struct winsize ws;

	if (cli_isatty(fileno(f)) && ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 20)
		return ws.ws_col;
	return dflt;
}

/*
 * load_inst_view() - the text a picture is drawn from: the file given with
 * --file, or the view @view of the one INSTANCE argument left in @argv.
 * Return: 0 with *@text allocated, or the exit code after an error message.
 */
static int load_inst_view(struct cli_ctx *ctx, const char *cmd,
			  const char *view, const char *file, int argc,
			  char **argv, const char **inst, char **text,
			  size_t *len)
{
	struct conn *conn;
	int r, ec;

	*inst = NULL;
	if (file && optind < argc)
		return cli_usage_error(ctx, "--file and INSTANCE exclude each other");
	if (!file && argc - optind != 1)
		return cli_usage_error(ctx, "expected one INSTANCE");
	if (file) {
		r = cli_read_file(file, text, len);
		if (r) {
			cli_error(file, "%s", strerror(-r));
			return CLI_EXIT_FAIL;
		}
		return view_absent(file, *text);
	}
	*inst = argv[optind];
	if (parse_instance(cmd, *inst))
		return CLI_EXIT_USAGE;
	conn = cli_conn(ctx, &ec);
	if (!conn)
		return ec;
	return inst_view_read(conn, *inst, view, *inst, text, len);
}

const struct cli_opt heapmap_opts[] = {
	{ "width", 'w', "COLS", "width of the bar (default: terminal width, else 72)" },
	{ "color", 'c', "WHEN", "colour: auto (on a terminal), always, never" },
	{ "file", 'f', "PATH", "draw a saved heapmap view from PATH instead" },
	{ "blocks", CLI_LONG_ONLY('b'), NULL, "also list every block" },
	{ NULL, 0, NULL, NULL },
};

/*
 * The options heapmap and buddymap share: --width (at least @min_width),
 * --color, --file. Return: 1 when @c is one of them, 0 when it is not, -1
 * after the error message for a bad value.
 */
static int map_opt(const char *cmd, int c, const char *arg,
		   uint64_t min_width, unsigned int *width, int *color,
		   const char **file)
{
	char what[32];
	uint64_t v;

	switch (c) {
	case 'w':
		snprintf(what, sizeof(what), "%s: --width", cmd);
		if (parse_u64(what, arg, min_width, 1000, &v))
			return -1;
		*width = (unsigned int)v;
		return 1;
	case 'c':
		snprintf(what, sizeof(what), "%s: --color", cmd);
		return parse_color(what, arg, color) ? -1 : 1;
	case 'f':
		*file = arg;
		return 1;
	default:
		return 0;
	}
}

int cmd_heapmap(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *arg, *file = NULL, *inst = NULL;
	int c, r, ec, color = CLI_COLOR_AUTO;
	unsigned int width = 0;
	bool blocks = false;
	struct heapmap hm;
	char err[512], *text;
	size_t len;

	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		r = map_opt("heapmap", c, arg, 10, &width, &color, &file);
		if (r < 0)
			return CLI_EXIT_USAGE;
		if (r)
			continue;
		if (c != 'b')
			return c == 'h' ? CLI_EXIT_OK : CLI_EXIT_USAGE;
		blocks = true;
	}
	ec = load_inst_view(ctx, "heapmap", "heapmap", file, argc, argv,
			    &inst, &text, &len);
	if (ec)
		return ec;
	r = heapmap_parse(text, len, file ? file : "heapmap", &hm, err, sizeof(err));
	free(text);
	if (r) {
		fprintf(stderr, "kmemlab: %s\n", err);
		return CLI_EXIT_FAIL;
	}
	if (ctx->fmt == CLI_FMT_TEXT)
		heapmap_draw(ctx->out, &hm, width ? width : term_width(ctx->out, 72),
			     cli_color_on(color, ctx->out), blocks);
	else
		heapmap_emit(ctx->out, &hm, ctx->fmt);
	heapmap_free(&hm);
	return CLI_EXIT_OK;
}

/* --- buddymap ------------------------------------------------------------------ */

const struct cli_opt buddymap_opts[] = {
	{ "width", 'w', "COLS", "width of the bars (default: terminal width, else 72)" },
	{ "color", 'c', "WHEN", "colour: auto (on a terminal), always, never" },
	{ "file", 'f', "PATH", "draw a buddyinfo row from PATH instead" },
	{ NULL, 0, NULL, NULL },
};

int cmd_buddymap(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *arg, *file = NULL, *inst = NULL;
	int c, r, ec, color = CLI_COLOR_AUTO;
	unsigned int width = 0;
	struct buddy_table t;
	char err[512], *text;
	size_t len, i;

	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		r = map_opt("buddymap", c, arg, 40, &width, &color, &file);
		if (r < 0)
			return CLI_EXIT_USAGE;
		if (!r)
			return c == 'h' ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	}
	ec = load_inst_view(ctx, "buddymap", "buddyinfo", file, argc, argv,
			    &inst, &text, &len);
	if (ec)
		return ec;
	r = buddyinfo_parse(text, len, file ? file : "buddyinfo", &t, err, sizeof(err));
	free(text);
	if (r) {
		fprintf(stderr, "kmemlab: %s\n", err);
		return CLI_EXIT_FAIL;
	}
	for (i = 0; i < t.nr; i++) {
		if (inst)
			snprintf(t.rows[i].zone, sizeof(t.rows[i].zone), "%s", inst);
		if (ctx->fmt == CLI_FMT_TEXT)
			buddymap_draw(ctx->out, &t.rows[i],
				      width ? width : term_width(ctx->out, 72),
				      cli_color_on(color, ctx->out));
	}
	if (ctx->fmt != CLI_FMT_TEXT)
		buddymap_emit(ctx->out, &t, ctx->fmt);
	buddy_table_free(&t);
	return CLI_EXIT_OK;
}
