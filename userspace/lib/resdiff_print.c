// SPDX-License-Identifier: GPL-2.0
/*
 * 'kmemlab diff OLD NEW', the presentation: the context lines that differ
 * side by side, a warning per unfair difference, one table per matched row
 * (a unit in every value), the rows of one side only and a legend; or the
 * same as one JSON document (docs/cli.md, "diff").
 */
#include <math.h>
#include <string.h>

#include "emit.h"
#include "resdiff.h"

#define RD_CTX_W	32	/* width of the context block's OLD column */

/* A value of @fig with its unit: "60 ns", "1.25M ops/s", "96 B", "720.0 KiB". */
static void rd_value(char *buf, size_t size, const struct rd_figure *fig,
		     double v)
{
	if (isnan(v))
		snprintf(buf, size, "n/a");
	else if (!strcmp(fig->unit, "ns"))
		snprintf(buf, size, v == floor(v) ? "%.0f ns" : "%.1f ns", v);
	else if (!strcmp(fig->unit, "ops/s"))
		snprintf(buf, size, v >= 1e6 ? "%.2fM ops/s" : v >= 1e3 ?
			 "%.1fk ops/s" : "%.0f ops/s", v >= 1e6 ? v / 1e6 :
			 v >= 1e3 ? v / 1e3 : v);
	else if (!strcmp(fig->unit, "bytes"))
		snprintf(buf, size, v < 10240 ? "%.0f B" : "%.1f KiB",
			 v < 10240 ? v : v / 1024);
	else
		snprintf(buf, size, "%.1f %s", v, fig->unit);
}

/* "GROUP / WORKLOAD / BACKEND" (no group: run and replay have none). */
static void rd_key(char *buf, size_t size, const struct result *r)
{
	snprintf(buf, size, "%s%s%s / %s", r->group, r->group[0] ? " / " : "",
		 r->workload, r->backend);
}

static const struct tbl_col rd_cols[] = {
	{ "figure", "FIGURE", NULL, TBL_STR },
	{ "old", "OLD", NULL, TBL_NUM },	/* text only: right aligned */
	{ "new", "NEW", NULL, TBL_NUM },
	{ "ratio", "NEW/OLD", NULL, TBL_NUM },
	{ "ci", "95% INTERVAL", NULL, TBL_NUM },
	{ "verdict", "VERDICT", NULL, TBL_STR },
};

static void rd_row_text(FILE *f, const struct rd_row *w)
{
	char key[256], o[48], n[48];
	struct tbl t;
	size_t i;

	rd_key(key, sizeof(key), w->old);
	fprintf(f, "\n%s  (OLD %s, %zu rep%s; NEW %s, %zu rep%s)\n", key,
		w->old->instance, w->old_reps, w->old_reps == 1 ? "" : "s",
		w->new->instance, w->new_reps, w->new_reps == 1 ? "" : "s");
	if (!w->ncells) {
		fprintf(f, "  no figure with a value on either side\n");
		return;
	}
	tbl_init(&t, rd_cols, sizeof(rd_cols) / sizeof(rd_cols[0]));
	for (i = 0; i < w->ncells; i++) {
		const struct rd_cell *c = &w->cells[i];

		rd_value(o, sizeof(o), c->fig, c->old_med);
		rd_value(n, sizeof(n), c->fig, c->new_med);
		tbl_cell(&t, "%s", c->fig->label);
		tbl_cell(&t, "%s", o);
		tbl_cell(&t, "%s", n);
		if (c->has_ratio)
			tbl_cell(&t, "%.2fx", c->ratio.ratio);
		else
			tbl_cell(&t, "n/a");
		if (c->has_ratio && c->ratio.has_ci)
			tbl_cell(&t, "[%.2fx,%.2fx]", c->ratio.lo, c->ratio.hi);
		else
			tbl_cell(&t, "n/a");
		tbl_cell(&t, "%s", c->verdict);
	}
	tbl_print(&t, f, CLI_FMT_TEXT, NULL, NULL);
	tbl_free(&t);
}

static void rd_only_text(FILE *f, const char *side, const struct result *r)
{
	char key[256];

	rd_key(key, sizeof(key), r);
	fprintf(f, "only in %s: %s  (%s)\n", side, key, r->instance);
}

/* "KEY OLD NEW" in columns; NEW on a line of its own after a long OLD. */
static void rd_ctx_text(FILE *f, const struct rd_ctx *c)
{
	if (strlen(c->old) > RD_CTX_W)
		fprintf(f, "  %-14s %s\n  %-14s %-*s %s\n", c->key, c->old, "",
			RD_CTX_W, "", c->new);
	else
		fprintf(f, "  %-14s %-*s %s\n", c->key, RD_CTX_W, c->old, c->new);
}

/* One line; the values in it when their first words differ ("kvm vs
 * tcg"), else they are in the context block just above. */
static void rd_warn_text(FILE *f, const struct rd_ctx *c)
{
	int lo = (int)strcspn(c->old, " "), ln = (int)strcspn(c->new, " ");

	if (lo != ln || strncmp(c->old, c->new, (size_t)lo))
		fprintf(f, "warning: %s differs (%.*s vs %.*s): %s\n", c->key, lo,
			c->old, ln, c->new, c->unfair);
	else
		fprintf(f, "warning: %s differs: %s\n", c->key, c->unfair);
}

void resdiff_print_text(FILE *f, const struct rd_side *old,
			const struct rd_side *new, const struct resdiff *d)
{
	size_t i;

	fprintf(f, "OLD  %s  (%zu rows)\nNEW  %s  (%zu rows)\n", old->dir,
		old->rs.nr, new->dir, new->rs.nr);
	if (!d->nctx) {
		fprintf(f, "context: the same in both\n");
	} else {
		fprintf(f, "context where they differ:\n  %-14s %-*s %s\n", "KEY",
			RD_CTX_W, "OLD", "NEW");
		for (i = 0; i < d->nctx; i++)
			rd_ctx_text(f, &d->ctx[i]);
	}
	for (i = 0; i < d->nctx; i++)
		if (d->ctx[i].unfair)
			rd_warn_text(f, &d->ctx[i]);
	for (i = 0; i < d->nrows; i++)
		rd_row_text(f, &d->rows[i]);
	if (d->nonly_old || d->nonly_new)
		fputc('\n', f);
	for (i = 0; i < d->nonly_old; i++)
		rd_only_text(f, "OLD", d->only_old[i]);
	for (i = 0; i < d->nonly_new; i++)
		rd_only_text(f, "NEW", d->only_new[i]);
	if (!d->nrows && !d->nonly_old && !d->nonly_new)
		fprintf(f, "\nno rows to compare\n");
	fprintf(f, "\nOLD, NEW: medians over reps; NEW/OLD: their ratio, 95%% interval "
		"by an unpaired bootstrap of\nthe reps (docs/metrics.md, \"Comparing two "
		"runs\"); \"no change shown\": the interval holds 1.00x;\n"
		"faster/slower: lower/higher latency, higher/lower ops/s; less/more "
		"memory: held peak lower,\nutilization higher (or the reverse); n/a: a "
		"value missing on a side, or fewer than 3 reps.\n");
}

static void rd_json_key(struct json_w *j, const struct result *r)
{
	json_w_str(j, "group", r->group);
	json_w_str(j, "workload", r->workload);
	json_w_str(j, "backend", r->backend);
}

static void rd_json_cell(struct json_w *j, const struct rd_row *w,
			 const struct rd_cell *c)
{
	json_w_obj_begin(j, NULL);
	rd_json_key(j, w->old);
	json_w_str(j, "old_instance", w->old->instance);
	json_w_str(j, "new_instance", w->new->instance);
	json_w_u64(j, "old_reps", w->old_reps);
	json_w_u64(j, "new_reps", w->new_reps);
	json_w_str(j, "figure", c->fig->key);
	json_w_str(j, "unit", c->fig->unit);
	json_w_double(j, "old", c->old_med);
	json_w_double(j, "new", c->new_med);
	if (c->has_ratio)
		json_w_double(j, "ratio", c->ratio.ratio);
	else
		json_w_null(j, "ratio");
	json_w_double(j, "ci_lo", c->has_ratio ? c->ratio.lo : NAN);
	json_w_double(j, "ci_hi", c->has_ratio ? c->ratio.hi : NAN);
	json_w_str(j, "verdict", c->verdict);
	json_w_obj_end(j);
}

static void rd_json_only(struct json_w *j, const char *key,
			 const struct result *const *r, size_t n)
{
	size_t i;

	json_w_arr_begin(j, key);
	for (i = 0; i < n; i++) {
		json_w_obj_begin(j, NULL);
		rd_json_key(j, r[i]);
		json_w_str(j, "instance", r[i]->instance);
		json_w_obj_end(j);
	}
	json_w_arr_end(j);
}

void resdiff_print_json(FILE *f, const struct rd_side *old,
			const struct rd_side *new, const struct resdiff *d)
{
	struct json_w j;
	size_t i, k;

	json_w_init(&j, f);
	json_w_obj_begin(&j, NULL);
	json_w_str(&j, "old", old->dir);
	json_w_str(&j, "new", new->dir);
	json_w_arr_begin(&j, "context");
	for (i = 0; i < d->nctx; i++) {
		json_w_obj_begin(&j, NULL);
		json_w_str(&j, "key", d->ctx[i].key);
		json_w_str(&j, "old", d->ctx[i].old);
		json_w_str(&j, "new", d->ctx[i].new);
		json_w_str(&j, "unfair", d->ctx[i].unfair);
		json_w_obj_end(&j);
	}
	json_w_arr_end(&j);
	json_w_arr_begin(&j, "rows");
	for (i = 0; i < d->nrows; i++)
		for (k = 0; k < d->rows[i].ncells; k++)
			rd_json_cell(&j, &d->rows[i], &d->rows[i].cells[k]);
	json_w_arr_end(&j);
	rd_json_only(&j, "only_in_old", d->only_old, d->nonly_old);
	rd_json_only(&j, "only_in_new", d->only_new, d->nonly_new);
	json_w_obj_end(&j);
	json_w_end(&j);
}
