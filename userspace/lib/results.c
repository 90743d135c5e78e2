// SPDX-License-Identifier: GPL-2.0
/*
 * results.json: writer of the "kmemlab-results/2" schema and reader of it
 * and of "kmemlab-results/1" (docs/cli.md). The writer goes through the JSON emitter of out.c; the
 * reader through json.c and checks the required members and their types.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "json.h"
#include "results.h"

static void write_lat(struct json_w *j, const char *key, const struct res_lat *l)
{
	size_t i;

	if (!l->present)
		return;
	json_w_obj_begin(j, key);
	json_w_double(j, "p50", l->p50);
	json_w_double(j, "p90", l->p90);
	json_w_double(j, "p99", l->p99);
	json_w_double(j, "p999", l->p999);
	json_w_double(j, "max", l->max);
	json_w_double(j, "mean", l->mean);
	if (l->nbuckets) {
		json_w_arr_begin(j, "histogram");
		for (i = 0; i < l->nbuckets; i++) {
			json_w_arr_begin(j, NULL);
			json_w_double(j, NULL, l->bucket_le[i]);
			json_w_double(j, NULL, l->bucket_count[i]);
			json_w_arr_end(j);
		}
		json_w_arr_end(j);
	}
	json_w_obj_end(j);
}

static void write_col(struct json_w *j, const char *key, const double *v,
		      size_t n)
{
	size_t i;

	if (!v)
		return;
	json_w_arr_begin(j, key);
	for (i = 0; i < n; i++)
		json_w_double(j, NULL, v[i]);
	json_w_arr_end(j);
}

static void write_series(struct json_w *j, const struct res_series *s)
{
	size_t i;
	unsigned int o;

	if (!s->n || !s->t_ms)
		return;
	json_w_obj_begin(j, "series");
	write_col(j, "t_ms", s->t_ms, s->n);
	write_col(j, "held_bytes", s->held_bytes, s->n);
	write_col(j, "requested_bytes", s->requested_bytes, s->n);
	write_col(j, "external_pct", s->external_pct, s->n);
	write_col(j, "internal_pct", s->internal_pct, s->n);
	write_col(j, "stranded_pct", s->stranded_pct, s->n);
	if (s->nr_orders && s->buddy_free) {
		json_w_arr_begin(j, "buddy_free");
		for (i = 0; i < s->n; i++) {
			json_w_arr_begin(j, NULL);
			for (o = 0; o < s->nr_orders; o++)
				json_w_double(j, NULL, s->buddy_free[i * s->nr_orders + o]);
			json_w_arr_end(j);
		}
		json_w_arr_end(j);
	}
	json_w_obj_end(j);
}

static const char *const lat_keys[6] = { "p50", "p90", "p99", "p999", "max", "mean" };

static void write_lat6(struct json_w *j, const char *key, const double *v)
{
	size_t k;

	json_w_obj_begin(j, key);
	for (k = 0; k < 6; k++)
		json_w_double(j, lat_keys[k], v[k]);
	json_w_obj_end(j);
}

/* The "frag" object of a row or a rep (NAN: null, not applicable). */
static void write_frag(struct json_w *j, double internal, double external,
		       double stranded, double ext_peak, double ext_mean)
{
	json_w_obj_begin(j, "frag");
	json_w_double(j, "internal_pct", internal);
	json_w_double(j, "external_pct", external);
	json_w_double(j, "stranded_pct", stranded);
	json_w_double(j, "external_peak_pct", ext_peak);
	json_w_double(j, "external_mean_pct", ext_mean);
	json_w_obj_end(j);
}

/* The "pool" object of a page allocator's row or rep. */
static void write_pool(struct json_w *j, const struct res_pool *p)
{
	if (!p->set)
		return;
	json_w_obj_begin(j, "pool");
	json_w_str(j, "name", p->name);
	json_w_str(j, "kind", p->shared ? "zone" : "own");
	json_w_u64(j, "pages", p->pages);
	json_w_u64(j, "order", p->order);
	json_w_double(j, "unusable_end", p->unusable_end);
	json_w_double(j, "unusable_peak", p->unusable_peak);
	json_w_double(j, "unusable_mean", p->unusable_mean);
	json_w_double(j, "fragidx_end", p->fragidx_end);
	json_w_double(j, "fragidx_peak", p->fragidx_peak);
	json_w_obj_end(j);
}

/* "per_rep": every figure of every rep, each labelled with its rep index. */
static void write_per_rep(struct json_w *j, const struct result *r)
{
	size_t i;

	if (!r->nper_rep)
		return;
	json_w_arr_begin(j, "per_rep");
	for (i = 0; i < r->nper_rep; i++) {
		const struct res_rep *p = &r->per_rep[i];

		json_w_obj_begin(j, NULL);
		json_w_u64(j, "rep", p->rep);
		json_w_u64(j, "ops", p->ops);
		json_w_u64(j, "ops_done", p->ops_done);
		json_w_str(j, "done", p->done_ok ? "ok" : "short");
		json_w_u64(j, "failures", p->failures);
		json_w_obj_begin(j, "latency_ns");
		if (p->has_lat) {
			write_lat6(j, "alloc", p->alloc);
			write_lat6(j, "free", p->free);
		}
		json_w_obj_end(j);
		json_w_double(j, "floor_ns", p->floor_ns);
		json_w_double(j, "elapsed_ns", p->elapsed_ns);
		json_w_double(j, "ops_per_sec", p->ops_per_sec);
		write_frag(j, p->internal_pct, p->external_pct, p->stranded_pct,
			   p->external_peak_pct, p->external_mean_pct);
		write_pool(j, &p->pool);
		json_w_obj_begin(j, "bytes");
		json_w_u64(j, "requested_peak", p->requested_peak);
		json_w_u64(j, "allocated_peak", p->allocated_peak);
		json_w_double(j, "held_peak", p->held_peak);
		json_w_obj_end(j);
		json_w_double(j, "utilization_pct", p->utilization_pct);
		json_w_u64(j, "bad_frees", p->bad_frees);
		json_w_u64(j, "violations", p->violations);
		if (p->has_overlaps)
			json_w_u64(j, "overlaps", p->overlaps);
		if (p->has_misaligned)
			json_w_u64(j, "misaligned", p->misaligned);
		json_w_str(j, "checksum", p->checksum);
		json_w_obj_end(j);
	}
	json_w_arr_end(j);
}

/* Intervals, spreads and the resolution (docs/metrics.md, "Certainty"). */
static void write_certainty(struct json_w *j, const struct result *r)
{
	size_t i;

	if (r->nratios) {
		json_w_obj_begin(j, "ratios_vs_first");
		for (i = 0; i < r->nratios; i++) {
			const struct res_ratio *x = &r->ratios[i];

			json_w_obj_begin(j, x->key);
			json_w_double(j, "ratio", x->ratio);
			if (x->has_ci) {
				json_w_double(j, "ci_lo", x->ci_lo);
				json_w_double(j, "ci_hi", x->ci_hi);
				json_w_bool(j, "no_difference_shown", x->no_diff);
			} else {
				json_w_null(j, "ci_lo");
				json_w_null(j, "ci_hi");
				json_w_null(j, "no_difference_shown");
				json_w_str(j, "ci", "n/a (needs ≥3 reps)");
			}
			json_w_obj_end(j);
		}
		json_w_obj_end(j);
	}
	if (r->nspread) {
		json_w_obj_begin(j, "spread_pct_of");
		for (i = 0; i < r->nspread; i++)
			json_w_double(j, r->spread_key[i], r->spread_of[i]);
		json_w_obj_end(j);
	}
	if (r->has_certainty) {
		json_w_bool(j, "spread_high", r->spread_high);
		json_w_double(j, "timing_resolution_ns", r->resolution_ns);
		json_w_bool(j, "latency_unreadable", r->latency_unreadable);
	}
}

/* The optional members of run/replay/bench (docs/cli.md). */
static void write_ext(struct json_w *j, const struct result *r)
{
	if (r->group[0])
		json_w_str(j, "group", r->group);
	if (r->reps) {
		json_w_u64(j, "reps", r->reps);
		json_w_double(j, "spread_pct", r->spread_pct);
	}
	if (r->has_vs_first) {
		json_w_obj_begin(j, "vs_first");
		json_w_double(j, "alloc_p50", r->vs_alloc_p50);
		json_w_double(j, "free_p50", r->vs_free_p50);
		json_w_double(j, "ops_per_sec", r->vs_ops_per_sec);
		json_w_obj_end(j);
	}
	if (r->has_validity) {
		json_w_obj_begin(j, "validity");
		json_w_bool(j, "ok", r->valid);
		json_w_u64(j, "bad_frees", r->bad_frees);
		json_w_u64(j, "violations", r->violations);
		if (r->has_overlaps)
			json_w_u64(j, "overlaps", r->overlaps);
		if (r->has_misaligned)
			json_w_u64(j, "misaligned", r->misaligned);
		json_w_obj_end(j);
	}
}

int results_write(FILE *f, const struct results *rs)
{
	struct json_w j;
	size_t i;

	json_w_init(&j, f);
	json_w_obj_begin(&j, NULL);
	json_w_str(&j, "schema", RESULTS_SCHEMA);
	json_w_obj_begin(&j, "context");
	for (i = 0; i < rs->nctx; i++)
		json_w_str(&j, rs->ctx_key[i], rs->ctx_val[i]);
	json_w_obj_end(&j);
	json_w_arr_begin(&j, "results");
	for (i = 0; i < rs->nr; i++) {
		const struct result *r = &rs->r[i];

		json_w_obj_begin(&j, NULL);
		json_w_str(&j, "backend", r->backend);
		json_w_str(&j, "instance", r->instance);
		json_w_str(&j, "workload", r->workload);
		if (r->median)
			json_w_str(&j, "rep", "median");
		else
			json_w_u64(&j, "rep", r->rep);
		json_w_u64(&j, "ops", r->ops);
		json_w_u64(&j, "failures", r->failures);
		json_w_obj_begin(&j, "latency_ns");
		write_lat(&j, "alloc", &r->alloc);
		write_lat(&j, "free", &r->free);
		json_w_obj_end(&j);
		json_w_double(&j, "floor_ns", r->floor_ns);
		json_w_double(&j, "ops_per_sec", r->ops_per_sec);
		write_frag(&j, r->internal_pct, r->external_pct, r->stranded_pct,
			   r->external_peak_pct, r->external_mean_pct);
		write_pool(&j, &r->pool);
		json_w_obj_begin(&j, "bytes");
		json_w_u64(&j, "requested_peak", r->requested_peak);
		json_w_double(&j, "held_peak", r->held_peak);
		json_w_obj_end(&j);
		json_w_double(&j, "utilization_pct", r->utilization_pct);
		write_series(&j, &r->series);
		write_ext(&j, r);
		write_certainty(&j, r);
		write_per_rep(&j, r);
		json_w_obj_end(&j);
	}
	json_w_arr_end(&j);
	json_w_obj_end(&j);
	return json_w_end(&j);
}

void results_ctx_add(struct results *rs, const char *key, const char *val)
{
	char **nk, **nv;
	size_t i;

	for (i = 0; i < rs->nctx; i++)
		if (!strcmp(rs->ctx_key[i], key))
			return;
	nk = realloc(rs->ctx_key, (rs->nctx + 1) * sizeof(char *));
	if (!nk)
		return;
	rs->ctx_key = nk;
	nv = realloc(rs->ctx_val, (rs->nctx + 1) * sizeof(char *));
	if (!nv)
		return;
	rs->ctx_val = nv;
	rs->ctx_key[rs->nctx] = strdup(key);
	rs->ctx_val[rs->nctx] = strdup(val ? val : "");
	if (rs->ctx_key[rs->nctx] && rs->ctx_val[rs->nctx])
		rs->nctx++;
}

/* --- reader ------------------------------------------------------------------ */

void res_lat_free(struct res_lat *l)
{
	free(l->bucket_le);
	free(l->bucket_count);
}

void res_series_free(struct res_series *s)
{
	free(s->t_ms);
	free(s->held_bytes);
	free(s->requested_bytes);
	free(s->external_pct);
	free(s->internal_pct);
	free(s->stranded_pct);
	free(s->buddy_free);
}

void results_free(struct results *rs)
{
	size_t i;

	for (i = 0; i < rs->nctx; i++) {
		free(rs->ctx_key[i]);
		free(rs->ctx_val[i]);
	}
	free(rs->ctx_key);
	free(rs->ctx_val);
	for (i = 0; i < rs->nr; i++) {
		res_lat_free(&rs->r[i].alloc);
		res_lat_free(&rs->r[i].free);
		res_series_free(&rs->r[i].series);
		free(rs->r[i].per_rep);
	}
	free(rs->r);
	memset(rs, 0, sizeof(*rs));
}

__attribute__((format(printf, 3, 4)))
static int serr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* A required number at @path of @o. */
static int need_num(const struct jv *o, const char *path, double *v,
		    size_t i, char *err, size_t errlen)
{
	const struct jv *x = jv_path(o, path);

	if (!x || x->type != JV_NUM)
		return serr(err, errlen, "results[%zu]: %s: %s", i, path,
			    x ? "not a number" : "missing");
	*v = x->num;
	return 0;
}

/* A number, or null for a figure that does not apply (NAN). */
static int need_num_or_null(const struct jv *o, const char *path, double *v,
			    size_t i, char *err, size_t errlen)
{
	const struct jv *x = jv_path(o, path);

	if (x && x->type == JV_NULL) {
		*v = NAN;
		return 0;
	}
	return need_num(o, path, v, i, err, errlen);
}

static int need_str(const struct jv *o, const char *key, char *dst,
		    size_t size, size_t i, char *err, size_t errlen)
{
	const struct jv *x = jv_get(o, key);

	if (!x || x->type != JV_STR)
		return serr(err, errlen, "results[%zu]: %s: %s", i, key,
			    x ? "not a string" : "missing");
	snprintf(dst, size, "%s", x->str);
	return 0;
}

static int read_lat(const struct jv *r, const char *key, struct res_lat *l,
		    size_t i, char *err, size_t errlen)
{
	static const char *const names[] = { "p50", "p90", "p99", "p999", "max", "mean" };
	double *dst[] = { &l->p50, &l->p90, &l->p99, &l->p999, &l->max, &l->mean };
	const struct jv *o = jv_get(jv_get(r, "latency_ns"), key), *h;
	char path[32];
	size_t k;

	if (!o)
		return 0;	/* an operation kind may be absent */
	if (o->type != JV_OBJ)
		return serr(err, errlen, "results[%zu]: latency_ns.%s: not an object", i, key);
	for (k = 0; k < 6; k++) {
		snprintf(path, sizeof(path), "latency_ns.%s.%s", key, names[k]);
		if (need_num(r, path, dst[k], i, err, errlen))
			return -EINVAL;
	}
	l->present = true;
	h = jv_get(o, "histogram");
	if (!h)
		return 0;
	if (h->type != JV_ARR)
		return serr(err, errlen, "results[%zu]: latency_ns.%s.histogram: not an array",
			    i, key);
	l->bucket_le = calloc(h->len + 1, sizeof(double));
	l->bucket_count = calloc(h->len + 1, sizeof(double));
	if (!l->bucket_le || !l->bucket_count)
		return -ENOMEM;
	for (k = 0; k < h->len; k++) {
		const struct jv *b = &h->items[k];

		if (b->type != JV_ARR || b->len != 2 || b->items[0].type != JV_NUM ||
		    b->items[1].type != JV_NUM ||
		    (k && b->items[0].num <= l->bucket_le[k - 1]))
			return serr(err, errlen, "results[%zu]: latency_ns.%s.histogram[%zu]: "
				    "expected [upper_ns, count] with ascending upper_ns",
				    i, key, k);
		l->bucket_le[k] = b->items[0].num;
		l->bucket_count[k] = b->items[1].num;
	}
	l->nbuckets = h->len;
	return 0;
}

static int read_col(const struct jv *s, const char *key, double **dst,
		    size_t *n, size_t i, char *err, size_t errlen)
{
	const struct jv *c = jv_get(s, key);
	size_t k;

	if (!c)
		return 0;
	if (c->type != JV_ARR || (*n != (size_t)-1 && c->len != *n))
		return serr(err, errlen, "results[%zu]: series.%s: not an array of "
			    "the length of series.t_ms", i, key);
	*n = c->len;
	*dst = calloc(c->len + 1, sizeof(double));
	if (!*dst)
		return -ENOMEM;
	for (k = 0; k < c->len; k++) {
		if (c->items[k].type == JV_NULL) {	/* n/a at that point */
			(*dst)[k] = NAN;
			continue;
		}
		if (c->items[k].type != JV_NUM)
			return serr(err, errlen, "results[%zu]: series.%s[%zu]: not a number",
				    i, key, k);
		(*dst)[k] = c->items[k].num;
	}
	return 0;
}

static int read_series(const struct jv *r, struct res_series *s, size_t i,
		       char *err, size_t errlen)
{
	const struct jv *o = jv_get(r, "series"), *b;
	size_t n = (size_t)-1, k, m;

	if (!o)
		return 0;
	if (!jv_get(o, "t_ms"))
		return serr(err, errlen, "results[%zu]: series.t_ms: missing", i);
	if (read_col(o, "t_ms", &s->t_ms, &n, i, err, errlen) ||
	    read_col(o, "held_bytes", &s->held_bytes, &n, i, err, errlen) ||
	    read_col(o, "requested_bytes", &s->requested_bytes, &n, i, err, errlen) ||
	    read_col(o, "external_pct", &s->external_pct, &n, i, err, errlen) ||
	    read_col(o, "internal_pct", &s->internal_pct, &n, i, err, errlen) ||
	    read_col(o, "stranded_pct", &s->stranded_pct, &n, i, err, errlen))
		return -EINVAL;
	s->n = n;
	b = jv_get(o, "buddy_free");
	if (!b)
		return 0;
	if (b->type != JV_ARR || b->len != n || !n || b->items[0].type != JV_ARR ||
	    !b->items[0].len || b->items[0].len > 32)
		return serr(err, errlen, "results[%zu]: series.buddy_free: expected one "
			    "array of 1..32 counts per sample", i);
	s->nr_orders = (unsigned int)b->items[0].len;
	s->buddy_free = calloc(n * s->nr_orders, sizeof(double));
	if (!s->buddy_free)
		return -ENOMEM;
	for (k = 0; k < n; k++) {
		const struct jv *row = &b->items[k];

		if (row->type != JV_ARR || row->len != s->nr_orders)
			return serr(err, errlen, "results[%zu]: series.buddy_free[%zu]: "
				    "expected %u counts", i, k, s->nr_orders);
		for (m = 0; m < row->len; m++) {
			if (row->items[m].type != JV_NUM)
				return serr(err, errlen, "results[%zu]: series.buddy_free[%zu]: "
					    "not a number", i, k);
			s->buddy_free[k * s->nr_orders + m] = row->items[m].num;
		}
	}
	return 0;
}

/* A number or null (NAN); absent: @dflt. */
static double num_or_nan(const struct jv *o, const char *path, double dflt)
{
	const struct jv *x = jv_path(o, path);

	return x && x->type == JV_NULL ? NAN : jv_num(o, path, dflt);
}

static int read_per_rep(const struct jv *o, struct result *r, size_t i,
			char *err, size_t errlen)
{
	const struct jv *a = jv_get(o, "per_rep");
	size_t k, m;

	if (!a)
		return 0;
	if (a->type != JV_ARR)
		return serr(err, errlen, "results[%zu]: per_rep: not an array", i);
	r->per_rep = calloc(a->len + 1, sizeof(*r->per_rep));
	if (!r->per_rep)
		return -ENOMEM;
	for (k = 0; k < a->len; k++) {
		const struct jv *x = &a->items[k], *d, *cs;
		struct res_rep *p = &r->per_rep[k];
		char path[40];

		if (x->type != JV_OBJ || !jv_get(x, "rep") ||
		    jv_get(x, "rep")->type != JV_NUM)
			return serr(err, errlen, "results[%zu]: per_rep[%zu]: expected an "
				    "object with a numeric rep", i, k);
		p->rep = (unsigned int)jv_num(x, "rep", 0);
		p->ops = (uint64_t)jv_num(x, "ops", 0);
		p->ops_done = (uint64_t)jv_num(x, "ops_done", 0);
		d = jv_get(x, "done");
		p->done_ok = d && d->type == JV_STR && !strcmp(d->str, "ok");
		p->failures = (uint64_t)jv_num(x, "failures", 0);
		p->has_lat = jv_path(x, "latency_ns.alloc") != NULL;
		for (m = 0; m < 6; m++) {
			snprintf(path, sizeof(path), "latency_ns.alloc.%s", lat_keys[m]);
			p->alloc[m] = jv_num(x, path, 0);
			snprintf(path, sizeof(path), "latency_ns.free.%s", lat_keys[m]);
			p->free[m] = jv_num(x, path, 0);
		}
		p->floor_ns = jv_num(x, "floor_ns", 0);
		p->elapsed_ns = jv_num(x, "elapsed_ns", 0);
		p->ops_per_sec = jv_num(x, "ops_per_sec", 0);
		p->internal_pct = num_or_nan(x, "frag.internal_pct", 0);
		p->external_pct = num_or_nan(x, "frag.external_pct", NAN);
		p->stranded_pct = num_or_nan(x, "frag.stranded_pct", NAN);
		p->external_peak_pct = num_or_nan(x, "frag.external_peak_pct", NAN);
		p->external_mean_pct = num_or_nan(x, "frag.external_mean_pct", NAN);
		p->requested_peak = (uint64_t)jv_num(x, "bytes.requested_peak", 0);
		p->allocated_peak = (uint64_t)jv_num(x, "bytes.allocated_peak", 0);
		p->held_peak = num_or_nan(x, "bytes.held_peak", NAN);
		p->utilization_pct = num_or_nan(x, "utilization_pct", NAN);
		p->bad_frees = (uint64_t)jv_num(x, "bad_frees", 0);
		p->violations = (uint64_t)jv_num(x, "violations", 0);
		p->has_overlaps = jv_get(x, "overlaps") != NULL;
		p->overlaps = (uint64_t)jv_num(x, "overlaps", 0);
		p->has_misaligned = jv_get(x, "misaligned") != NULL;
		p->misaligned = (uint64_t)jv_num(x, "misaligned", 0);
		cs = jv_get(x, "checksum");
		if (cs && cs->type == JV_STR)
			snprintf(p->checksum, sizeof(p->checksum), "%s", cs->str);
		r->nper_rep++;
	}
	return 0;
}

static int read_certainty(const struct jv *o, struct result *r, size_t i,
			  char *err, size_t errlen)
{
	const struct jv *x = jv_get(o, "ratios_vs_first"), *b;
	size_t k;

	if (x && x->type != JV_OBJ)
		return serr(err, errlen, "results[%zu]: ratios_vs_first: not an object", i);
	for (k = 0; x && k < x->len && r->nratios < RES_MAX_RATIOS; k++) {
		const struct jv *v = &x->items[k];
		struct res_ratio *q = &r->ratios[r->nratios];

		if (v->type != JV_OBJ || !jv_get(v, "ratio") ||
		    jv_get(v, "ratio")->type != JV_NUM)
			return serr(err, errlen, "results[%zu]: ratios_vs_first.%s: expected "
				    "an object with a numeric ratio", i, x->keys[k]);
		snprintf(q->key, sizeof(q->key), "%s", x->keys[k]);
		q->ratio = jv_num(v, "ratio", 0);
		b = jv_get(v, "ci_lo");
		q->has_ci = b && b->type == JV_NUM;
		q->ci_lo = q->has_ci ? b->num : NAN;
		q->ci_hi = q->has_ci ? jv_num(v, "ci_hi", NAN) : NAN;
		b = jv_get(v, "no_difference_shown");
		q->no_diff = b && b->type == JV_BOOL && b->b;
		r->nratios++;
	}
	x = jv_get(o, "spread_pct_of");
	for (k = 0; x && x->type == JV_OBJ && k < x->len && r->nspread < RES_MAX_RATIOS;
	     k++) {
		if (x->items[k].type != JV_NUM)
			continue;
		snprintf(r->spread_key[r->nspread], sizeof(r->spread_key[0]), "%s",
			 x->keys[k]);
		r->spread_of[r->nspread++] = x->items[k].num;
	}
	b = jv_get(o, "spread_high");
	r->has_certainty = b != NULL;
	r->spread_high = b && b->type == JV_BOOL && b->b;
	r->resolution_ns = jv_num(o, "timing_resolution_ns", 0);
	b = jv_get(o, "latency_unreadable");
	r->latency_unreadable = b && b->type == JV_BOOL && b->b;
	return 0;
}

static int read_result(const struct jv *o, struct result *r, size_t i,
			char *err, size_t errlen)
{
	double v = 0;
	const struct jv *x;

	if (o->type != JV_OBJ)
		return serr(err, errlen, "results[%zu]: not an object", i);
	if (need_str(o, "backend", r->backend, sizeof(r->backend), i, err, errlen) ||
	    need_str(o, "workload", r->workload, sizeof(r->workload), i, err, errlen))
		return -EINVAL;
	x = jv_get(o, "instance");
	snprintf(r->instance, sizeof(r->instance), "%s",
		 x && x->type == JV_STR ? x->str : r->backend);
	x = jv_get(o, "rep");
	r->median = x && x->type == JV_STR && !strcmp(x->str, "median");
	r->rep = (unsigned int)jv_num(o, "rep", 0);
	x = jv_get(o, "group");
	if (x && x->type == JV_STR)
		snprintf(r->group, sizeof(r->group), "%s", x->str);
	r->reps = (unsigned int)jv_num(o, "reps", 0);
	r->spread_pct = jv_num(o, "spread_pct", 0);
	x = jv_get(o, "vs_first");
	if (x && x->type == JV_OBJ) {
		r->has_vs_first = true;
		r->vs_alloc_p50 = jv_num(x, "alloc_p50", 0);
		r->vs_free_p50 = jv_num(x, "free_p50", 0);
		r->vs_ops_per_sec = jv_num(x, "ops_per_sec", 0);
	}
	x = jv_get(o, "validity");
	if (x && x->type == JV_OBJ) {
		const struct jv *ok = jv_get(x, "ok");

		r->has_validity = true;
		r->valid = ok && ok->type == JV_BOOL && ok->b;
		r->bad_frees = (uint64_t)jv_num(x, "bad_frees", 0);
		r->violations = (uint64_t)jv_num(x, "violations", 0);
		/* optional: not checked, or written before they existed */
		r->has_overlaps = jv_get(x, "overlaps") != NULL;
		r->overlaps = (uint64_t)jv_num(x, "overlaps", 0);
		r->has_misaligned = jv_get(x, "misaligned") != NULL;
		r->misaligned = (uint64_t)jv_num(x, "misaligned", 0);
	}
	if (need_num(o, "ops", &v, i, err, errlen))
		return -EINVAL;
	r->ops = (uint64_t)v;
	if (need_num(o, "failures", &v, i, err, errlen))
		return -EINVAL;
	r->failures = (uint64_t)v;
	if (!jv_get(o, "latency_ns") || jv_get(o, "latency_ns")->type != JV_OBJ)
		return serr(err, errlen, "results[%zu]: latency_ns: missing", i);
	if (read_lat(o, "alloc", &r->alloc, i, err, errlen) ||
	    read_lat(o, "free", &r->free, i, err, errlen))
		return -EINVAL;
	if (need_num(o, "floor_ns", &r->floor_ns, i, err, errlen) ||
	    need_num(o, "ops_per_sec", &r->ops_per_sec, i, err, errlen) ||
	    need_num(o, "frag.internal_pct", &r->internal_pct, i, err, errlen) ||
	    need_num_or_null(o, "frag.external_pct", &r->external_pct, i, err,
			     errlen))
		return -EINVAL;
	/* kmemlab-results/1 wrote a fraction, "utilization" */
	if (jv_get(o, "utilization_pct")) {
		if (need_num_or_null(o, "utilization_pct", &r->utilization_pct, i,
				     err, errlen))
			return -EINVAL;
	} else if (need_num_or_null(o, "utilization", &v, i, err, errlen)) {
		return -EINVAL;
	} else {
		r->utilization_pct = v * 100;	/* NaN (null) stays n/a */
	}
	/* written since the figure exists: older files lack it (n/a) */
	r->stranded_pct = NAN;
	/* written since they exist: absent or null is n/a */
	r->external_peak_pct = num_or_nan(o, "frag.external_peak_pct", NAN);
	r->external_mean_pct = num_or_nan(o, "frag.external_mean_pct", NAN);
	if (jv_path(o, "frag.stranded_pct") &&
	    need_num_or_null(o, "frag.stranded_pct", &r->stranded_pct, i, err,
			     errlen))
		return -EINVAL;
	if (need_num(o, "bytes.requested_peak", &v, i, err, errlen))
		return -EINVAL;
	r->requested_peak = (uint64_t)v;
	if (need_num_or_null(o, "bytes.held_peak", &r->held_peak, i, err,
			     errlen))
		return -EINVAL;
	if (read_certainty(o, r, i, err, errlen) || read_per_rep(o, r, i, err, errlen))
		return -EINVAL;
	return read_series(o, &r->series, i, err, errlen);
}

int results_read(const char *text, size_t len, struct results *rs, char *err,
		 size_t errlen)
{
	const struct jv *ctx, *res, *sc;
	struct jv *doc;
	size_t i;
	int r = 0;

	memset(rs, 0, sizeof(*rs));
	doc = jv_parse(text, len, err, errlen);
	if (!doc)
		return -EINVAL;
	if (doc->type != JV_OBJ) {
		r = serr(err, errlen, "the document is not an object");
		goto out;
	}
	sc = jv_get(doc, "schema");
	if (sc && (sc->type != JV_STR || (strcmp(sc->str, RESULTS_SCHEMA) &&
					  strcmp(sc->str, RESULTS_SCHEMA_V1)))) {
		r = serr(err, errlen, "schema: expected \"%s\" or \"%s\"",
			 RESULTS_SCHEMA, RESULTS_SCHEMA_V1);
		goto out;
	}
	ctx = jv_get(doc, "context");
	res = jv_get(doc, "results");
	if (!ctx || ctx->type != JV_OBJ || !res || res->type != JV_ARR) {
		r = serr(err, errlen, "expected members 'context' (object) and "
			 "'results' (array)");
		goto out;
	}
	rs->ctx_key = calloc(ctx->len + 1, sizeof(char *));
	rs->ctx_val = calloc(ctx->len + 1, sizeof(char *));
	rs->r = calloc(res->len + 1, sizeof(*rs->r));
	if (!rs->ctx_key || !rs->ctx_val || !rs->r) {
		r = -ENOMEM;
		goto out;
	}
	for (i = 0; i < ctx->len; i++) {
		const struct jv *v = &ctx->items[i];
		char buf[64];
		const char *s = buf;

		if (v->type == JV_STR)
			s = v->str;
		else if (v->type == JV_NUM)
			snprintf(buf, sizeof(buf), "%.15g", v->num);
		else if (v->type == JV_BOOL)
			s = v->b ? "true" : "false";
		else
			s = v->type == JV_NULL ? "" : "(structured)";
		rs->ctx_key[i] = strdup(ctx->keys[i]);
		rs->ctx_val[i] = strdup(s);
		rs->nctx++;
	}
	for (i = 0; i < res->len; i++) {
		rs->nr++;
		r = read_result(&res->items[i], &rs->r[i], i, err, errlen);
		if (r)
			goto out;
	}
out:
	jv_free(doc);
	if (r)
		results_free(rs);
	return r;
}
