// SPDX-License-Identifier: GPL-2.0
/*
 * 'kmemlab diff OLD NEW', the computation: each folder's results.json
 * loaded and checked, rows matched by (group, workload, backend), and per
 * figure the ratio of medians NEW/OLD with the unpaired bootstrap interval
 * of docs/metrics.md ("Comparing two runs"), and the context that differs.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "json.h"
#include "resdiff.h"

static double rep_alloc_p50(const struct res_rep *p) { return p->has_lat ? p->alloc[0] : NAN; }
static double rep_alloc_p99(const struct res_rep *p) { return p->has_lat ? p->alloc[2] : NAN; }
static double rep_alloc_mean(const struct res_rep *p) { return p->has_lat ? p->alloc[5] : NAN; }
static double rep_free_p50(const struct res_rep *p) { return p->has_lat ? p->free[0] : NAN; }
static double rep_free_p99(const struct res_rep *p) { return p->has_lat ? p->free[2] : NAN; }
static double rep_free_mean(const struct res_rep *p) { return p->has_lat ? p->free[5] : NAN; }
static double rep_ops(const struct res_rep *p) { return p->ops_per_sec; }
static double rep_held(const struct res_rep *p) { return p->held_peak; }
static double rep_util(const struct res_rep *p) { return p->utilization_pct; }
static double rep_ext(const struct res_rep *p) { return p->external_pct; }
static double rep_ext_peak(const struct res_rep *p) { return p->external_peak_pct; }
static double rep_ext_mean(const struct res_rep *p) { return p->external_mean_pct; }

static double row_alloc_p50(const struct result *r) { return r->alloc.present ? r->alloc.p50 : NAN; }
static double row_alloc_p99(const struct result *r) { return r->alloc.present ? r->alloc.p99 : NAN; }
static double row_alloc_mean(const struct result *r) { return r->alloc.present ? r->alloc.mean : NAN; }
static double row_free_p50(const struct result *r) { return r->free.present ? r->free.p50 : NAN; }
static double row_free_p99(const struct result *r) { return r->free.present ? r->free.p99 : NAN; }
static double row_free_mean(const struct result *r) { return r->free.present ? r->free.mean : NAN; }
static double row_ops(const struct result *r) { return r->ops_per_sec; }
static double row_held(const struct result *r) { return r->held_peak; }
static double row_util(const struct result *r) { return r->utilization_pct; }
static double row_ext(const struct result *r) { return r->external_pct; }
static double row_ext_peak(const struct result *r) { return r->external_peak_pct; }
static double row_ext_mean(const struct result *r) { return r->external_mean_pct; }

/* Add a figure here: what it is read from and which way is better. */
const struct rd_figure rd_figures[] = {
	{ "alloc_p50", "alloc p50", "ns", false, "faster", "slower",
	  rep_alloc_p50, row_alloc_p50 },
	{ "alloc_p99", "alloc p99", "ns", false, "faster", "slower",
	  rep_alloc_p99, row_alloc_p99 },
	{ "alloc_mean", "alloc mean", "ns", false, "faster", "slower",
	  rep_alloc_mean, row_alloc_mean },
	{ "free_p50", "free p50", "ns", false, "faster", "slower",
	  rep_free_p50, row_free_p50 },
	{ "free_p99", "free p99", "ns", false, "faster", "slower",
	  rep_free_p99, row_free_p99 },
	{ "free_mean", "free mean", "ns", false, "faster", "slower",
	  rep_free_mean, row_free_mean },
	{ "ops_per_sec", "ops/s", "ops/s", true, "faster", "slower",
	  rep_ops, row_ops },
	{ "held_peak", "held peak", "bytes", false, "less memory", "more memory",
	  rep_held, row_held },
	{ "utilization_pct", "utilization", "%", true, "less memory", "more memory",
	  rep_util, row_util },
	{ "external_pct", "ext.frag end", "%", false, "less fragmented",
	  "more fragmented", rep_ext, row_ext },
	{ "external_peak_pct", "ext.frag peak", "%", false, "less fragmented",
	  "more fragmented", rep_ext_peak, row_ext_peak },
	{ "external_mean_pct", "ext.frag mean", "%", false, "less fragmented",
	  "more fragmented", rep_ext_mean, row_ext_mean },
};

const size_t rd_nfigures = sizeof(rd_figures) / sizeof(rd_figures[0]);

/*
 * Context keys whose difference makes timings or memory figures of the
 * two folders incomparable; @first_word: compare only up to the first
 * blank ("tcg (TCG: ...)" is tcg).
 */
static const struct rd_fair {
	const char *key;
	bool first_word;
	const char *why;
} rd_fair[] = {
	{ "mode", true, "sim and kernel timings are not comparable" },
	{ "accel", true, "timings under different accelerators are not comparable" },
	{ "init_on_alloc", true, "the real allocators zero differently" },
	{ "zeroing", false, "the backends zero differently" },
	{ "slab_nomerge", true, "slab cache merging differs" },
	{ "preempt", true, "preemption differs" },
	{ "resolution", true, "the clocks' resolutions differ" },
};

int resdiff_load(const char *dir, struct rd_side *s, char *err, size_t errlen)
{
	const struct jv *sc;
	struct jv *doc;
	struct stat st;
	char jerr[256];
	size_t len;
	char *text;
	int r;

	memset(s, 0, sizeof(*s));
	s->dir = dir;
	if (stat(dir, &st)) {
		snprintf(err, errlen, "%s: %s", dir, errno == ENOENT ?
			 "no such directory" : strerror(errno));
		return -EINVAL;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: not a directory (expected a results folder)",
			 dir);
		return -EINVAL;
	}
	snprintf(s->path, sizeof(s->path), "%s/results.json", dir);
	r = cli_read_file(s->path, &text, &len);
	if (r) {
		snprintf(err, errlen, "%s: %s", s->path, r == -ENOENT ?
			 "no such file (not a results folder)" : strerror(-r));
		return r == -ENOMEM ? r : -EINVAL;
	}
	/* the schema first, to name it when it is not ours */
	doc = jv_parse(text, len, jerr, sizeof(jerr));
	if (!doc) {
		snprintf(err, errlen, "%s: %s", s->path, jerr);
		free(text);
		return -EINVAL;
	}
	sc = jv_get(doc, "schema");
	if (sc && sc->type != JV_STR) {
		snprintf(err, errlen, "%s: schema: not a string: not a kmemlab "
			 "results file", s->path);
		r = -EINVAL;
	} else if (sc && strcmp(sc->str, RESULTS_SCHEMA) &&
		   strcmp(sc->str, RESULTS_SCHEMA_V1)) {
		snprintf(err, errlen, "%s: schema '%.64s': not a kmemlab results "
			 "file (this tool reads %s and %s)", s->path, sc->str,
			 RESULTS_SCHEMA, RESULTS_SCHEMA_V1);
		r = -EINVAL;
	} else if (sc) {
		snprintf(s->schema, sizeof(s->schema), "%s", sc->str);
	}
	jv_free(doc);
	if (!r) {
		r = results_read(text, len, &s->rs, jerr, sizeof(jerr));
		if (r)
			snprintf(err, errlen, "%s: %s", s->path, jerr);
	}
	free(text);
	return r;
}

void resdiff_side_free(struct rd_side *s)
{
	results_free(&s->rs);
}

static bool rd_same_key(const struct result *a, const struct result *b)
{
	return !strcmp(a->group, b->group) && !strcmp(a->workload, b->workload) &&
	       !strcmp(a->backend, b->backend);
}

static bool rd_wanted(const struct result *r, const char *only)
{
	return !only || strstr(r->group, only) || strstr(r->workload, only) ||
	       strstr(r->backend, only);
}

/* The values of @fig in @r, one per rep (its medians without per_rep). */
static double *rd_values(const struct result *r, const struct rd_figure *fig,
			 size_t *n)
{
	size_t i, m = r->nper_rep ? r->nper_rep : 1;
	double *v = calloc(m, sizeof(*v));

	if (!v)
		return NULL;
	if (!r->nper_rep)
		v[0] = fig->of_row(r);
	for (i = 0; i < r->nper_rep; i++)
		v[i] = fig->of_rep(&r->per_rep[i]);
	*n = m;
	return v;
}

static const char *rd_verdict(const struct rd_cell *c)
{
	if (!c->has_ratio)
		return isnan(c->old_med) || isnan(c->new_med) || c->new_med ?
		       RD_VERDICT_NA : RD_VERDICT_SAME;	/* 0 and 0: the same */
	if (!c->ratio.has_ci)
		return RD_VERDICT_FEW_REPS;
	if (c->ratio.no_diff)
		return RD_VERDICT_SAME;
	return (c->ratio.lo > 1.0) == c->fig->higher_better ? c->fig->better :
	       c->fig->worse;
}

/* One figure of a matched row; Return: 1 when it has a value on a side,
 * 0 when on none, -ENOMEM. */
static int rd_cell(struct rd_row *w, const struct rd_figure *fig,
		   struct rd_cell *c)
{
	double *vo, *vn;
	size_t no, nn;
	int r = 0;

	memset(c, 0, sizeof(*c));
	c->fig = fig;
	vo = rd_values(w->old, fig, &no);
	vn = rd_values(w->new, fig, &nn);
	if (!vo || !vn) {
		r = -ENOMEM;
		goto out;
	}
	c->old_med = cert_median_of(vo, no);
	c->new_med = cert_median_of(vn, nn);
	if (isnan(c->old_med) && isnan(c->new_med))
		goto out;
	r = 1;
	if (!isnan(c->old_med) && !isnan(c->new_med) && c->old_med > 0) {
		if (cert_ratio_boot_unpaired(vn, nn, vo, no, &c->ratio)) {
			r = -ENOMEM;
			goto out;
		}
		c->has_ratio = true;
	}
	c->verdict = rd_verdict(c);
out:
	free(vo);
	free(vn);
	return r;
}

static int rd_row_compute(struct rd_row *w)
{
	size_t i;
	int r;

	w->old_reps = w->old->nper_rep ? w->old->nper_rep : 1;
	w->new_reps = w->new->nper_rep ? w->new->nper_rep : 1;
	w->cells = calloc(rd_nfigures, sizeof(*w->cells));
	if (!w->cells)
		return -ENOMEM;
	for (i = 0; i < rd_nfigures; i++) {
		r = rd_cell(w, &rd_figures[i], &w->cells[w->ncells]);
		if (r < 0)
			return r;
		w->ncells += r;
	}
	return 0;
}

static const char *rd_ctx_get(const struct results *rs, const char *key)
{
	size_t i;

	for (i = 0; i < rs->nctx; i++)
		if (!strcmp(rs->ctx_key[i], key))
			return rs->ctx_val[i];
	return NULL;
}

static const char *rd_unfair(const char *key, const char *a, const char *b)
{
	size_t i, la = strcspn(a, " "), lb = strcspn(b, " ");

	for (i = 0; i < sizeof(rd_fair) / sizeof(rd_fair[0]); i++) {
		if (strcmp(rd_fair[i].key, key))
			continue;
		if (rd_fair[i].first_word && la == lb && !strncmp(a, b, la))
			return NULL;
		return rd_fair[i].why;
	}
	return NULL;
}

static void rd_ctx_add(struct resdiff *d, const char *key, const char *o,
		       const char *n)
{
	struct rd_ctx *c = &d->ctx[d->nctx++];

	c->key = key;
	c->old = o ? o : "(absent)";
	c->new = n ? n : "(absent)";
	c->unfair = o && n ? rd_unfair(key, o, n) : NULL;
}

/* The context keys that differ: OLD's in its order, then NEW's own. */
static int rd_context(const struct rd_side *old, const struct rd_side *new,
		      struct resdiff *d)
{
	const struct results *a = &old->rs, *b = &new->rs;
	size_t i;

	d->ctx = calloc(a->nctx + b->nctx + 1, sizeof(*d->ctx));
	if (!d->ctx)
		return -ENOMEM;
	if (strcmp(old->schema, new->schema))
		rd_ctx_add(d, "schema", old->schema[0] ? old->schema : NULL,
			   new->schema[0] ? new->schema : NULL);
	for (i = 0; i < a->nctx; i++) {
		const char *n = rd_ctx_get(b, a->ctx_key[i]);

		if (!n || strcmp(n, a->ctx_val[i]))
			rd_ctx_add(d, a->ctx_key[i], a->ctx_val[i], n);
	}
	for (i = 0; i < b->nctx; i++)
		if (!rd_ctx_get(a, b->ctx_key[i]))
			rd_ctx_add(d, b->ctx_key[i], NULL, b->ctx_val[i]);
	return 0;
}

int resdiff_compute(const struct rd_side *old, const struct rd_side *new,
		    const char *only, struct resdiff *d)
{
	const struct results *a = &old->rs, *b = &new->rs;
	bool *used = calloc(b->nr + 1, sizeof(*used));
	size_t i, j, k;
	int r = -ENOMEM;

	memset(d, 0, sizeof(*d));
	d->rows = calloc(a->nr + 1, sizeof(*d->rows));
	d->only_old = calloc(a->nr + 1, sizeof(*d->only_old));
	d->only_new = calloc(b->nr + 1, sizeof(*d->only_new));
	if (!used || !d->rows || !d->only_old || !d->only_new)
		goto out;
	for (i = 0; i < a->nr; i++) {
		const struct result *o = &a->r[i];

		if (!rd_wanted(o, only))
			continue;
		/* the first NEW row of the key not matched yet: the k-th
		 * row of a key in OLD meets the k-th in NEW */
		for (j = 0; j < b->nr; j++)
			if (!used[j] && rd_same_key(o, &b->r[j]))
				break;
		if (j == b->nr) {
			d->only_old[d->nonly_old++] = o;
			continue;
		}
		used[j] = true;
		d->rows[d->nrows].old = o;
		d->rows[d->nrows].new = &b->r[j];
		k = d->nrows++;
		r = rd_row_compute(&d->rows[k]);
		if (r)
			goto out;
	}
	for (j = 0; j < b->nr; j++)
		if (!used[j] && rd_wanted(&b->r[j], only))
			d->only_new[d->nonly_new++] = &b->r[j];
	r = rd_context(old, new, d);
out:
	free(used);
	if (r)
		resdiff_free(d);
	return r;
}

void resdiff_free(struct resdiff *d)
{
	size_t i;

	for (i = 0; d->rows && i < d->nrows; i++)
		free(d->rows[i].cells);
	free(d->rows);
	free(d->only_old);
	free(d->only_new);
	free(d->ctx);
	memset(d, 0, sizeof(*d));
}
