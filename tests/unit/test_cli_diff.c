// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of 'kmemlab diff OLD NEW': the unpaired bootstrap of
 * certainty.c, rows matched by (group, workload, backend) whatever their
 * instance names, verdicts, n/a figures and too few reps, rows of one side
 * only, the text and JSON output of crafted results.json pairs; the built
 * tool on bad input (exit 2, the file named, nothing written) and on two
 * sim runs. They link the CLI library (build/san/libkmemlab-cli.a).
 */
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "certainty.h"
#include "cli.h"
#include "json.h"
#include "resdiff.h"
#include "results.h"
#include "unit.h"

/* --- the unpaired bootstrap --------------------------------------------------- */

START_TEST(test_cli_diff_unpaired_bootstrap)
{
	static const double ref[] = { 10, 11, 10, 9, 10 };
	static const double slow[] = { 20, 22, 21, 19, 23 };
	static const double same[] = { 12, 10, 11, 13, 9 };
	static const double two[] = { 20, 21 };
	const double nan_v[] = { 10, NAN, 10 };
	struct cert_ratio c, c2;

	ck_assert_int_eq(cert_ratio_boot_unpaired(slow, 5, ref, 5, &c), 0);
	ck_assert_double_eq_tol(c.ratio, 2.1, 1e-12);
	ck_assert(c.has_ci && !c.no_diff);
	ck_assert_double_eq_tol(c.lo, 1.9, 1e-12);
	ck_assert_double_eq_tol(c.hi, 21.0 / 9, 1e-12);
	/* a fixed seed: the same data, the same interval */
	ck_assert_int_eq(cert_ratio_boot_unpaired(slow, 5, ref, 5, &c2), 0);
	ck_assert_double_eq(c.lo, c2.lo);
	ck_assert_double_eq(c.hi, c2.hi);

	ck_assert_int_eq(cert_ratio_boot_unpaired(same, 5, ref, 5, &c), 0);
	ck_assert_double_eq_tol(c.ratio, 1.1, 1e-12);
	ck_assert(c.has_ci && c.no_diff);
	ck_assert_double_eq_tol(c.lo, 0.9, 1e-12);
	ck_assert_double_eq_tol(c.hi, 1.3, 1e-12);

	/* a run against itself: the interval holds 1 */
	ck_assert_int_eq(cert_ratio_boot_unpaired(slow, 5, slow, 5, &c), 0);
	ck_assert(c.has_ci && c.no_diff);
	ck_assert_double_eq(c.ratio, 1);

	/* different rep counts are fine; fewer than 3 on a side are not */
	ck_assert_int_eq(cert_ratio_boot_unpaired(slow, 4, ref, 5, &c), 0);
	ck_assert(c.has_ci);
	ck_assert_int_eq(cert_ratio_boot_unpaired(two, 2, ref, 5, &c), 0);
	ck_assert(!c.has_ci && isnan(c.lo));
	ck_assert_double_eq_tol(c.ratio, 2.05, 1e-12);
	ck_assert_int_eq(cert_ratio_boot_unpaired(ref, 5, two, 2, &c), 0);
	ck_assert(!c.has_ci);
	ck_assert_int_eq(cert_ratio_boot_unpaired(nan_v, 3, ref, 5, &c), 0);
	ck_assert(!c.has_ci && c.ratio == 0);

	ck_assert_double_eq(cert_median_of(ref, 5), 10);
	ck_assert_double_eq(cert_median_of(two, 2), 20.5);
	ck_assert(isnan(cert_median_of(nan_v, 3)));
	ck_assert(isnan(cert_median_of(ref, 0)));
}
END_TEST

/* --- crafted results folders ------------------------------------------------- */

/*
 * One result of @n reps: alloc and free latencies all @lat[r] ns, ops/s
 * @ops[r], held 4 KiB, utilization 50 %, external @ext % (NAN: null).
 */
static void put_row(FILE *f, bool first, const char *group, const char *backend,
		    const char *inst, const double *lat, const double *ops,
		    size_t n, double ext)
{
	char e[32];
	size_t r;

	if (isnan(ext))
		snprintf(e, sizeof(e), "null");
	else
		snprintf(e, sizeof(e), "%g", ext);
	fprintf(f, "%s{\"group\":\"%s\",\"backend\":\"%s\",\"instance\":\"%s\","
		"\"workload\":\"churn size=64\",\"rep\":\"median\",\"reps\":%zu,"
		"\"ops\":100,\"failures\":0,\"latency_ns\":{"
		"\"alloc\":{\"p50\":1,\"p90\":1,\"p99\":1,\"p999\":1,\"max\":1,\"mean\":1},"
		"\"free\":{\"p50\":1,\"p90\":1,\"p99\":1,\"p999\":1,\"max\":1,\"mean\":1}},"
		"\"floor_ns\":1,\"ops_per_sec\":1,"
		"\"frag\":{\"internal_pct\":0,\"external_pct\":%s},"
		"\"bytes\":{\"requested_peak\":2048,\"held_peak\":4096},"
		"\"utilization_pct\":50,\"per_rep\":[", first ? "" : ",", group, backend,
		inst, n, e);
	for (r = 0; r < n; r++) {
		double l = lat[r];

		fprintf(f, "%s{\"rep\":%zu,\"latency_ns\":{"
			"\"alloc\":{\"p50\":%g,\"p90\":%g,\"p99\":%g,\"p999\":%g,"
			"\"max\":%g,\"mean\":%g},"
			"\"free\":{\"p50\":%g,\"p90\":%g,\"p99\":%g,\"p999\":%g,"
			"\"max\":%g,\"mean\":%g}},\"ops_per_sec\":%g,"
			"\"frag\":{\"internal_pct\":0,\"external_pct\":%s},"
			"\"bytes\":{\"requested_peak\":2048,\"held_peak\":4096},"
			"\"utilization_pct\":50}", r ? "," : "", r, l, l, l, l, l, l,
			l, l, l, l, l, l, ops[r], e);
	}
	fprintf(f, "]}");
}

static const double ref_lat[] = { 10, 11, 10, 9, 10 };
static const double slow_lat[] = { 20, 22, 21, 19, 23 };
static const double fast_lat[] = { 5, 5, 6, 5, 4 };
static const double noisy_lat[] = { 12, 10, 11, 13, 9 };
static const double ref_ops[] = { 1e6, 1e6, 1e6, 1e6, 1e6 };
static const double more_ops[] = { 2e6, 2.1e6, 1.9e6, 2e6, 2e6 };

/* A fresh folder under /tmp; Return: its path (static per slot). */
static const char *mkfolder(int slot)
{
	static char path[4][64];

	snprintf(path[slot], sizeof(path[slot]), "/tmp/kml-unit-diff.%d.XXXXXX",
		 getpid());
	ck_assert_ptr_nonnull(mkdtemp(path[slot]));
	return path[slot];
}

static FILE *open_results(const char *dir, const char *schema, const char *accel)
{
	char p[256];
	FILE *f;

	snprintf(p, sizeof(p), "%s/results.json", dir);
	f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "{\"schema\":\"%s\",\"context\":{\"mode\":\"kernel\","
		"\"kernel\":\"6.1.0\",\"accel\":\"%s\",\"seed\":\"42\"},\"results\":[",
		schema, accel);
	return f;
}

static void close_results(FILE *f)
{
	fprintf(f, "]}\n");
	ck_assert_int_eq(fclose(f), 0);
}

static void rmfolder(const char *dir)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/*
 * OLD: three rows; NEW: the same keys under other instance names, slab
 * slower, first-fit faster with more ops/s, best-fit within noise, and a
 * row of its own; OLD's "gone" row has no match.
 */
static void make_pair(const char **old, const char **new, const char *new_accel)
{
	FILE *f;

	*old = mkfolder(0);
	f = open_results(*old, RESULTS_SCHEMA, "kvm");
	put_row(f, true, "g", "slab", "r0-slab", ref_lat, ref_ops, 5, NAN);
	put_row(f, false, "g", "first-fit", "r1-first-fit", ref_lat, ref_ops, 5, 20);
	put_row(f, false, "g", "best-fit", "r2-best-fit", ref_lat, ref_ops, 5, 20);
	put_row(f, false, "gone", "slab", "r0-slab", ref_lat, ref_ops, 5, NAN);
	close_results(f);
	*new = mkfolder(1);
	f = open_results(*new, RESULTS_SCHEMA, new_accel);
	put_row(f, true, "g", "first-fit", "x7", fast_lat, more_ops, 5, 20);
	put_row(f, false, "g", "slab", "other-name", slow_lat, ref_ops, 5, NAN);
	put_row(f, false, "g", "best-fit", "bf", noisy_lat, ref_ops, 5, NAN);
	put_row(f, false, "fresh", "kmalloc", "k", ref_lat, ref_ops, 2, NAN);
	close_results(f);
}

static const struct rd_cell *cell(const struct rd_row *w, const char *key)
{
	size_t i;

	for (i = 0; i < w->ncells; i++)
		if (!strcmp(w->cells[i].fig->key, key))
			return &w->cells[i];
	return NULL;
}

static void load_pair(const char *old, const char *new, const char *only,
		      struct rd_side *a, struct rd_side *b, struct resdiff *d)
{
	char err[512];

	ck_assert_msg(resdiff_load(old, a, err, sizeof(err)) == 0, "%s", err);
	ck_assert_msg(resdiff_load(new, b, err, sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(resdiff_compute(a, b, only, d), 0);
}

START_TEST(test_cli_diff_matches_rows_and_verdicts)
{
	const char *old, *new;
	const struct rd_cell *c;
	struct rd_side a, b;
	struct resdiff d;

	make_pair(&old, &new, "kvm");
	load_pair(old, new, NULL, &a, &b, &d);
	/* matched in OLD's order, whatever the instance names */
	ck_assert_uint_eq(d.nrows, 3);
	ck_assert_str_eq(d.rows[0].old->backend, "slab");
	ck_assert_str_eq(d.rows[0].new->instance, "other-name");
	ck_assert_str_eq(d.rows[1].new->instance, "x7");
	ck_assert_str_eq(d.rows[2].new->instance, "bf");
	ck_assert_uint_eq(d.nonly_old, 1);
	ck_assert_str_eq(d.only_old[0]->group, "gone");
	ck_assert_uint_eq(d.nonly_new, 1);
	ck_assert_str_eq(d.only_new[0]->backend, "kmalloc");

	/* slab: twice the latency, same ops/s; external n/a on both: left out */
	c = cell(&d.rows[0], "alloc_p50");
	ck_assert_ptr_nonnull(c);
	ck_assert_double_eq(c->old_med, 10);
	ck_assert_double_eq(c->new_med, 21);
	ck_assert_double_eq_tol(c->ratio.ratio, 2.1, 1e-12);
	ck_assert_double_eq_tol(c->ratio.lo, 1.9, 1e-12);
	ck_assert_double_eq_tol(c->ratio.hi, 21.0 / 9, 1e-12);
	ck_assert_str_eq(c->verdict, "slower");
	ck_assert_str_eq(cell(&d.rows[0], "free_p99")->verdict, "slower");
	ck_assert_str_eq(cell(&d.rows[0], "ops_per_sec")->verdict, RD_VERDICT_SAME);
	ck_assert_str_eq(cell(&d.rows[0], "held_peak")->verdict, RD_VERDICT_SAME);
	ck_assert_ptr_null(cell(&d.rows[0], "external_pct"));
	ck_assert_uint_eq(d.rows[0].ncells, 9);

	/* first-fit: half the latency, twice the ops/s: faster both ways */
	c = cell(&d.rows[1], "alloc_mean");
	ck_assert_double_eq_tol(c->ratio.ratio, 0.5, 1e-12);
	ck_assert_str_eq(c->verdict, "faster");
	c = cell(&d.rows[1], "ops_per_sec");
	ck_assert_double_eq_tol(c->ratio.ratio, 2, 1e-12);
	ck_assert(c->ratio.lo > 1);
	ck_assert_str_eq(c->verdict, "faster");
	ck_assert_str_eq(cell(&d.rows[1], "external_pct")->verdict, RD_VERDICT_SAME);

	/* best-fit: 1.10x within noise; external null in NEW: n/a */
	c = cell(&d.rows[2], "alloc_p50");
	ck_assert_double_eq_tol(c->ratio.ratio, 1.1, 1e-12);
	ck_assert(c->ratio.no_diff);
	ck_assert_str_eq(c->verdict, "no change shown");
	c = cell(&d.rows[2], "external_pct");
	ck_assert_ptr_nonnull(c);
	ck_assert_double_eq(c->old_med, 20);
	ck_assert(isnan(c->new_med) && !c->has_ratio);
	ck_assert_str_eq(c->verdict, "n/a");

	resdiff_free(&d);
	/* --only: a word of the group, workload or backend */
	ck_assert_int_eq(resdiff_compute(&a, &b, "fit", &d), 0);
	ck_assert_uint_eq(d.nrows, 2);
	ck_assert_uint_eq(d.nonly_old + d.nonly_new, 0);
	resdiff_free(&d);
	ck_assert_int_eq(resdiff_compute(&a, &b, "fresh", &d), 0);
	ck_assert_uint_eq(d.nrows, 0);
	ck_assert_uint_eq(d.nonly_new, 1);
	resdiff_free(&d);
	resdiff_side_free(&a);
	resdiff_side_free(&b);
	rmfolder(old);
	rmfolder(new);
}
END_TEST

START_TEST(test_cli_diff_few_reps_and_same_folder)
{
	static const double two_lat[] = { 30, 31 };
	const char *old, *new;
	const struct rd_cell *c;
	struct rd_side a, b;
	struct resdiff d;
	size_t i, k;
	FILE *f;

	old = mkfolder(0);
	f = open_results(old, RESULTS_SCHEMA, "kvm");
	put_row(f, true, "g", "slab", "a", ref_lat, ref_ops, 5, 10);
	close_results(f);
	new = mkfolder(1);
	f = open_results(new, RESULTS_SCHEMA, "kvm");
	put_row(f, true, "g", "slab", "b", two_lat, ref_ops, 2, 10);
	close_results(f);
	load_pair(old, new, NULL, &a, &b, &d);
	ck_assert_uint_eq(d.nrows, 1);
	ck_assert_uint_eq(d.nctx, 0);
	ck_assert_uint_eq(d.rows[0].new_reps, 2);
	c = cell(&d.rows[0], "alloc_p50");
	ck_assert(c->has_ratio && !c->ratio.has_ci);
	ck_assert_double_eq_tol(c->ratio.ratio, 3.05, 1e-12);
	ck_assert_str_eq(c->verdict, "n/a (needs ≥3 reps)");
	resdiff_free(&d);
	resdiff_side_free(&a);
	resdiff_side_free(&b);

	rmfolder(old);
	rmfolder(new);

	/* the same folder twice: every figure "no change shown" */
	make_pair(&old, &new, "kvm");
	load_pair(new, new, NULL, &a, &b, &d);
	ck_assert_uint_eq(d.nrows, 4);
	ck_assert_uint_eq(d.nctx + d.nonly_old + d.nonly_new, 0);
	for (i = 0; i < 3; i++)
		for (k = 0; k < d.rows[i].ncells; k++)
			ck_assert_msg(!strcmp(d.rows[i].cells[k].verdict, RD_VERDICT_SAME),
				      "row %zu %s: %s", i, d.rows[i].cells[k].fig->key,
				      d.rows[i].cells[k].verdict);
	/* the 2-rep row cannot say */
	ck_assert_str_eq(d.rows[3].cells[0].verdict, RD_VERDICT_FEW_REPS);
	resdiff_free(&d);
	resdiff_side_free(&a);
	resdiff_side_free(&b);
	rmfolder(old);
	rmfolder(new);
}
END_TEST

/* A schema 1 file (no per_rep) against a schema 2 one: read, no interval. */
START_TEST(test_cli_diff_schema_1_against_2)
{
	static const char v1[] = "{\"schema\":\"kmemlab-results/1\",\"context\":"
		"{\"mode\":\"kernel\",\"seed\":\"42\"},\"results\":[{\"backend\":\"slab\","
		"\"instance\":\"s\",\"group\":\"g\",\"workload\":\"churn size=64\","
		"\"ops\":100,\"failures\":0,\"latency_ns\":{\"alloc\":{\"p50\":10,"
		"\"p90\":1,\"p99\":1,\"p999\":1,\"max\":1,\"mean\":1}},\"floor_ns\":1,"
		"\"ops_per_sec\":1e6,\"frag\":{\"internal_pct\":0,\"external_pct\":null},"
		"\"bytes\":{\"requested_peak\":1,\"held_peak\":4096},"
		"\"utilization\":0.5}]}\n";
	const char *old, *new;
	struct rd_side a, b;
	struct resdiff d;
	char p[256];
	FILE *f;

	old = mkfolder(0);
	snprintf(p, sizeof(p), "%s/results.json", old);
	f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(v1, f);
	ck_assert_int_eq(fclose(f), 0);
	new = mkfolder(1);
	f = open_results(new, RESULTS_SCHEMA, "kvm");
	put_row(f, true, "g", "slab", "r0-slab", slow_lat, ref_ops, 5, NAN);
	close_results(f);
	load_pair(old, new, NULL, &a, &b, &d);
	ck_assert_str_eq(a.schema, RESULTS_SCHEMA_V1);
	ck_assert_uint_eq(d.nrows, 1);
	ck_assert_uint_eq(d.rows[0].old_reps, 1);
	ck_assert_str_eq(cell(&d.rows[0], "alloc_p50")->verdict, RD_VERDICT_FEW_REPS);
	ck_assert_double_eq_tol(cell(&d.rows[0], "alloc_p50")->ratio.ratio, 2.1, 1e-12);
	ck_assert_double_eq(cell(&d.rows[0], "utilization_pct")->old_med, 50);
	/* free latency: only in NEW */
	ck_assert_str_eq(cell(&d.rows[0], "free_p50")->verdict, RD_VERDICT_NA);
	ck_assert_str_eq(d.ctx[0].key, "schema");
	ck_assert_str_eq(d.ctx[0].old, RESULTS_SCHEMA_V1);
	ck_assert_str_eq(d.ctx[0].new, RESULTS_SCHEMA);
	resdiff_free(&d);
	resdiff_side_free(&a);
	resdiff_side_free(&b);
	rmfolder(old);
	rmfolder(new);
}
END_TEST

static char *print_to_string(const struct rd_side *a, const struct rd_side *b,
			     const struct resdiff *d, bool json)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	if (json)
		resdiff_print_json(f, a, b, d);
	else
		resdiff_print_text(f, a, b, d);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

START_TEST(test_cli_diff_text_output)
{
	const char *old, *new;
	struct rd_side a, b;
	struct resdiff d;
	char *out;

	make_pair(&old, &new, "tcg (TCG: emulated timings, compare ratios only)");
	load_pair(old, new, NULL, &a, &b, &d);
	out = print_to_string(&a, &b, &d, false);
	ck_assert_msg(strstr(out, "context where they differ:\n"
			     "  KEY            OLD                              NEW\n"
			     "  accel          kvm                              tcg (TCG: "
			     "emulated timings, compare ratios only)\n"), "%s", out);
	ck_assert_msg(strstr(out, "\nwarning: accel differs (kvm vs tcg): timings under "
			     "different accelerators are not comparable\n"), "%s", out);
	ck_assert_msg(strstr(out, "\ng / churn size=64 / slab  (OLD r0-slab, 5 reps; "
			     "NEW other-name, 5 reps)\n"
			     "FIGURE               OLD          NEW  NEW/OLD   95% INTERVAL"
			     "  VERDICT\n"
			     "alloc p50          10 ns        21 ns    2.10x  [1.90x,2.33x]"
			     "  slower\n"), "%s", out);
	ck_assert_msg(strstr(out, "\nops/s        1.00M ops/s  1.00M ops/s    1.00x  "
			     "[1.00x,1.00x]  no change shown\nheld peak         4096 B       4096 B    1.00x  "
			     "[1.00x,1.00x]  no change shown\n"), "%s", out);
	ck_assert_msg(strstr(out, "\nonly in OLD: gone / churn size=64 / slab  (r0-slab)\n"
			     "only in NEW: fresh / churn size=64 / kmalloc  (k)\n"), "%s", out);
	ck_assert_msg(strstr(out, "\next.frag end       20.0 %          n/a      n/a"
			     "            n/a  n/a\n"), "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "\nOLD, NEW: medians over reps; NEW/OLD: "));
	free(out);
	resdiff_free(&d);
	resdiff_side_free(&a);
	resdiff_side_free(&b);
	rmfolder(old);
	rmfolder(new);
}
END_TEST

START_TEST(test_cli_diff_json_output)
{
	static const char *const keys[] = { "group", "workload", "backend",
		"old_instance", "new_instance", "old_reps", "new_reps", "figure",
		"unit", "old", "new", "ratio", "ci_lo", "ci_hi", "verdict" };
	const struct jv *doc_rows, *r0, *v;
	const char *old, *new;
	struct rd_side a, b;
	struct resdiff d;
	struct jv *doc;
	char *out, err[256];
	size_t i, nrows = 0;

	make_pair(&old, &new, "kvm");
	load_pair(old, new, NULL, &a, &b, &d);
	out = print_to_string(&a, &b, &d, true);
	doc = jv_parse(out, strlen(out), err, sizeof(err));
	ck_assert_msg(doc, "%s: %s", err, out);
	ck_assert_str_eq(jv_strv(doc, "old", ""), old);
	ck_assert_str_eq(jv_strv(doc, "new", ""), new);
	ck_assert_uint_eq(jv_get(doc, "context")->len, 0);
	doc_rows = jv_get(doc, "rows");
	for (i = 0; i < d.nrows; i++)
		nrows += d.rows[i].ncells;
	ck_assert_uint_eq(doc_rows->len, nrows);
	r0 = &doc_rows->items[0];
	ck_assert_uint_eq(r0->len, sizeof(keys) / sizeof(keys[0]));
	for (i = 0; i < r0->len; i++)
		ck_assert_str_eq(r0->keys[i], keys[i]);
	ck_assert_str_eq(jv_strv(r0, "group", ""), "g");
	ck_assert_str_eq(jv_strv(r0, "backend", ""), "slab");
	ck_assert_str_eq(jv_strv(r0, "new_instance", ""), "other-name");
	ck_assert_str_eq(jv_strv(r0, "figure", ""), "alloc_p50");
	ck_assert_str_eq(jv_strv(r0, "unit", ""), "ns");
	ck_assert_double_eq(jv_num(r0, "old", 0), 10);
	ck_assert_double_eq(jv_num(r0, "new", 0), 21);
	ck_assert_double_eq_tol(jv_num(r0, "ratio", 0), 2.1, 1e-12);
	ck_assert_double_eq_tol(jv_num(r0, "ci_lo", 0), 1.9, 1e-12);
	ck_assert_double_eq_tol(jv_num(r0, "ci_hi", 0), 21.0 / 9, 1e-12);
	ck_assert_str_eq(jv_strv(r0, "verdict", ""), "slower");
	/* n/a: null numbers */
	v = &doc_rows->items[nrows - 1];
	ck_assert_str_eq(jv_strv(v, "figure", ""), "external_pct");
	ck_assert_int_eq(jv_get(v, "new")->type, JV_NULL);
	ck_assert_int_eq(jv_get(v, "ratio")->type, JV_NULL);
	ck_assert_int_eq(jv_get(v, "ci_lo")->type, JV_NULL);
	ck_assert_str_eq(jv_strv(v, "verdict", ""), "n/a");
	v = jv_get(doc, "only_in_old");
	ck_assert_uint_eq(v->len, 1);
	ck_assert_str_eq(jv_strv(&v->items[0], "group", ""), "gone");
	ck_assert_str_eq(jv_strv(&v->items[0], "instance", ""), "r0-slab");
	v = jv_get(doc, "only_in_new");
	ck_assert_uint_eq(v->len, 1);
	ck_assert_str_eq(jv_strv(&v->items[0], "backend", ""), "kmalloc");
	jv_free(doc);
	free(out);
	resdiff_free(&d);
	resdiff_side_free(&a);
	resdiff_side_free(&b);
	rmfolder(old);
	rmfolder(new);
}
END_TEST

/* --- the tool ------------------------------------------------------------------ */

#define TOOL "userspace/kmemlab"

/* Run the tool; Return: its exit status; *out / *err: its output. */
static int tool(const char *args, char **out, char **err)
{
	char cmd[2048];
	int st;

	snprintf(cmd, sizeof(cmd), TOOL " %s >/tmp/kml-unit-diff.%d.out "
		 "2>/tmp/kml-unit-diff.%d.err", args, getpid(), getpid());
	st = system(cmd);
	snprintf(cmd, sizeof(cmd), "/tmp/kml-unit-diff.%d.out", getpid());
	ck_assert_int_eq(cli_read_file(cmd, out, NULL), 0);
	unlink(cmd);
	snprintf(cmd, sizeof(cmd), "/tmp/kml-unit-diff.%d.err", getpid());
	ck_assert_int_eq(cli_read_file(cmd, err, NULL), 0);
	unlink(cmd);
	ck_assert(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* The names in @dir, sorted, one per line (what "nothing written" checks). */
static void listing(const char *dir, char *buf, size_t size)
{
	struct dirent **ents;
	size_t len = 0;
	int i, n = scandir(dir, &ents, NULL, alphasort);

	ck_assert_int_ge(n, 0);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		len += (size_t)snprintf(buf + len, size - len, "%s\n", ents[i]->d_name);
		ck_assert_uint_lt(len, size);
		free(ents[i]);
	}
	free(ents);
}

static void write_file(const char *dir, const char *text)
{
	char p[256];
	FILE *f;

	snprintf(p, sizeof(p), "%s/results.json", dir);
	f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_cli_diff_bad_input_tool)
{
	const char *good, *bad, *base;
	char args[512], want[512], before[1024], after[1024], before_b[1024];
	char *out, *err;
	static const struct {
		const char *text;	/* results.json of the bad folder; NULL: none */
		const char *why;	/* after "kmemlab: diff: DIR/results.json: " */
	} cases[] = {
		{ NULL, "no such file (not a results folder)" },
		{ "{\"schema\": ", "line 1, column 12: " },
		{ "{\"schema\":\"foo/9\",\"context\":{},\"results\":[]}",
		  "schema 'foo/9': not a kmemlab results file" },
		{ "{\"schema\":7,\"context\":{},\"results\":[]}",
		  "schema: not a string: not a kmemlab results file" },
		{ "{\"schema\":\"kmemlab-results/2\",\"context\":{},\"results\":"
		  "[{\"backend\":\"slab\"}]}", "results[0]: " },
	};
	size_t i, side;

	ck_assert_msg(access(TOOL, X_OK) == 0, TOOL " not built (make userspace)");
	base = mkfolder(2);
	good = mkfolder(0);
	write_file(good, "{\"schema\":\"kmemlab-results/2\",\"context\":{},"
		   "\"results\":[]}\n");
	listing(good, before, sizeof(before));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bad = mkfolder(1);
		if (cases[i].text)
			write_file(bad, cases[i].text);
		listing(bad, before_b, sizeof(before_b));
		for (side = 0; side < 2; side++) {
			snprintf(args, sizeof(args), "diff %s %s", side ? good : bad,
				 side ? bad : good);
			ck_assert_int_eq(tool(args, &out, &err), 2);
			snprintf(want, sizeof(want), "kmemlab: diff: %s/results.json: %s",
				 bad, cases[i].why);
			ck_assert_msg(!strncmp(err, want, strlen(want)), "case %zu: %s",
				      i, err);
			ck_assert_str_eq(out, "");
			free(out);
			free(err);
			listing(good, after, sizeof(after));
			ck_assert_str_eq(after, before);
			listing(bad, after, sizeof(after));
			ck_assert_str_eq(after, before_b);
		}
		rmfolder(bad);
	}
	/* a folder that does not exist, a file where a folder belongs */
	snprintf(args, sizeof(args), "diff %s/nosuch %s", base, good);
	ck_assert_int_eq(tool(args, &out, &err), 2);
	snprintf(want, sizeof(want), "kmemlab: diff: %s/nosuch: no such directory\n",
		 base);
	ck_assert_str_eq(err, want);
	ck_assert_str_eq(out, "");
	free(out);
	free(err);
	snprintf(args, sizeof(args), "diff %s %s/results.json", good, good);
	ck_assert_int_eq(tool(args, &out, &err), 2);
	snprintf(want, sizeof(want), "kmemlab: diff: %s/results.json: not a directory",
		 good);
	ck_assert_msg(!strncmp(err, want, strlen(want)), "%s", err);
	free(out);
	free(err);
	/* usage */
	snprintf(args, sizeof(args), "diff %s", good);
	ck_assert_int_eq(tool(args, &out, &err), 2);
	ck_assert_str_eq(out, "");
	free(out);
	free(err);
	listing(base, after, sizeof(after));
	ck_assert_str_eq(after, ".\n..\n");
	listing(good, after, sizeof(after));
	ck_assert_str_eq(after, before);
	/* the same folder twice is fine */
	snprintf(args, sizeof(args), "diff %s %s", good, good);
	ck_assert_int_eq(tool(args, &out, &err), 0);
	ck_assert_ptr_nonnull(strstr(out, "no rows to compare"));
	free(out);
	free(err);
	rmfolder(good);
	rmfolder(base);
}
END_TEST

START_TEST(test_cli_diff_sim_tool)
{
	const char *dir;
	char args[512], *out, *err;

	ck_assert_msg(access(TOOL, X_OK) == 0, TOOL " not built (make userspace)");
	dir = mkfolder(0);
	snprintf(args, sizeof(args), "-q sim run churn --backend slab,best-fit --ops 300 "
		 "--reps 3 --seed 3 --save %s/a", dir);
	ck_assert_int_eq(tool(args, &out, &err), 0);
	free(out);
	free(err);
	snprintf(args, sizeof(args), "-q sim run churn --backend slab,first-fit "
		 "--ops 300 --reps 3 --seed 4 --save %s/b", dir);
	ck_assert_int_eq(tool(args, &out, &err), 0);
	free(out);
	free(err);
	snprintf(args, sizeof(args), "diff %s/a %s/b", dir, dir);
	ck_assert_int_eq(tool(args, &out, &err), 0);
	ck_assert_msg(strstr(out, "\n  seed           3                                4\n"),
		      "%s", out);
	ck_assert_msg(strstr(out, "\nchurn size=64 / slab  (OLD r0-slab, 3 reps; NEW "
			     "r0-slab, 3 reps)\nFIGURE"), "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "\nonly in OLD: churn size=64 / best-fit  "
				     "(r1-best-fit)\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nonly in NEW: churn size=64 / first-fit  "
				     "(r1-first-fit)\n"));
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
	snprintf(args, sizeof(args), "--json diff --only slab %s/a %s/a", dir, dir);
	ck_assert_int_eq(tool(args, &out, &err), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"verdict\":\"no change shown\""));
	ck_assert_ptr_null(strstr(out, "\"verdict\":\"slower\""));
	ck_assert_ptr_null(strstr(out, "\"verdict\":\"faster\""));
	ck_assert_ptr_null(strstr(out, "best-fit"));
	free(out);
	free(err);
	rmfolder(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cli_diff");
	TCase *tc = tcase_create("diff");
	TCase *tt = tcase_create("tool");

	tcase_add_test(tc, test_cli_diff_unpaired_bootstrap);
	tcase_add_test(tc, test_cli_diff_matches_rows_and_verdicts);
	tcase_add_test(tc, test_cli_diff_few_reps_and_same_folder);
	tcase_add_test(tc, test_cli_diff_schema_1_against_2);
	tcase_add_test(tc, test_cli_diff_text_output);
	tcase_add_test(tc, test_cli_diff_json_output);
	suite_add_tcase(s, tc);
	tcase_set_timeout(tt, 60);
	tcase_add_test(tt, test_cli_diff_bad_input_tool);
	tcase_add_test(tt, test_cli_diff_sim_tool);
	suite_add_tcase(s, tt);
	return unit_run(s);
}
