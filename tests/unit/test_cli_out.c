// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the CLI's writers and readers: JSON string escaping and the
 * streaming writer, the JSON reader (reading back what the writer emits,
 * and its errors), CSV quoting, text tables with units, the results.json
 * schema (write, read back, reject) and 'kmemlab report' on the fixture
 * (well-formed XML, the expected plots and tables). They link the CLI
 * library (build/san/libkmemlab-cli.a).
 */
#include <check.h>
#include <errno.h>
#include <pty.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "emit.h"
#include "grow.h"
#include "json.h"
#include "report_html.h"
#include "results.h"
#include "unit.h"

/* A memory stream and its text. */
struct mem {
	char *buf;
	size_t n;
	FILE *f;
};

static void mem_open(struct mem *m)
{
	m->buf = NULL;
	m->n = 0;
	m->f = open_memstream(&m->buf, &m->n);
	ck_assert_ptr_nonnull(m->f);
}

static char *mem_close(struct mem *m)
{
	fclose(m->f);
	return m->buf;
}

static char *escaped(const char *s, size_t len)
{
	struct mem m;

	mem_open(&m);
	json_w_string_raw(m.f, s, len);
	return mem_close(&m);
}

START_TEST(test_cli_json_escapes_strings)
{
	char *e;

	e = escaped("a\"b\\c/", 6);
	ck_assert_str_eq(e, "\"a\\\"b\\\\c/\"");
	free(e);
	e = escaped("\n\r\t\b\f\x01\x1f\x7f", 8);
	ck_assert_str_eq(e, "\"\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f\"");
	free(e);
	e = escaped("nul\0in", 6);
	ck_assert_str_eq(e, "\"nul\\u0000in\"");
	free(e);
	/* valid UTF-8 passes through, invalid bytes become U+FFFD */
	e = escaped("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9);
	ck_assert_str_eq(e, "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"");
	free(e);
	e = escaped("\xff\xc3(\xed\xa0\x80\xc0\xaf", 8);
	ck_assert_str_eq(e, "\"\\ufffd\\ufffd(\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"");
	free(e);
}
END_TEST

START_TEST(test_cli_json_writer_structure)
{
	struct json_w j;
	struct mem m;
	char *s;

	mem_open(&m);
	json_w_init(&j, m.f);
	json_w_obj_begin(&j, NULL);
	json_w_str(&j, "name", "kml \"x\"");
	json_w_u64(&j, "big", UINT64_MAX);
	json_w_i64(&j, "neg", -5);
	json_w_double(&j, "d", 0.1);
	json_w_double(&j, "nan", 0.0 / 0.0);
	json_w_bool(&j, "t", true);
	json_w_arr_begin(&j, "a");
	json_w_u64(&j, NULL, 1);
	json_w_null(&j, NULL);
	json_w_obj_begin(&j, NULL);
	json_w_obj_end(&j);
	json_w_arr_end(&j);
	json_w_obj_end(&j);
	ck_assert_int_eq(json_w_end(&j), 0);
	s = mem_close(&m);
	ck_assert_str_eq(s, "{\"name\":\"kml \\\"x\\\"\",\"big\":18446744073709551615,"
			 "\"neg\":-5,\"d\":0.1,\"nan\":null,\"t\":true,\"a\":[1,null,{}]}\n");
	free(s);
}
END_TEST

START_TEST(test_cli_json_writer_detects_misuse)
{
	struct json_w j;
	struct mem m;

	mem_open(&m);
	json_w_init(&j, m.f);
	json_w_arr_begin(&j, NULL);
	json_w_u64(&j, "key-in-array", 1);
	json_w_obj_end(&j);		/* wrong closer */
	ck_assert_int_eq(json_w_end(&j), -1);
	free(mem_close(&m));
}
END_TEST

START_TEST(test_cli_json_reads_back_what_it_writes)
{
	static const char *const strs[] = {
		"", "plain", "q\"uote", "back\\slash", "ctl\x01\x1f", "nl\nx",
		"\xc3\xa9t\xc3\xa9", "\xf0\x9f\x98\x80", "tab\there",
	};
	char err[128];
	struct json_w j;
	struct mem m;
	struct jv *v;
	size_t i;
	char *s;

	mem_open(&m);
	json_w_init(&j, m.f);
	json_w_obj_begin(&j, NULL);
	json_w_arr_begin(&j, "s");
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		json_w_str(&j, NULL, strs[i]);
	json_w_arr_end(&j);
	json_w_double(&j, "x", 1.0 / 3.0);
	json_w_double(&j, "y", 1e300);
	json_w_i64(&j, "z", -9007199254740993LL);
	json_w_obj_end(&j);
	ck_assert_int_eq(json_w_end(&j), 0);
	s = mem_close(&m);
	v = jv_parse(s, strlen(s), err, sizeof(err));
	ck_assert_msg(v != NULL, "%s", err);
	ck_assert_uint_eq(jv_get(v, "s")->len, sizeof(strs) / sizeof(strs[0]));
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		ck_assert_str_eq(jv_get(v, "s")->items[i].str, strs[i]);
	ck_assert(jv_num(v, "x", 0) == 1.0 / 3.0);
	ck_assert(jv_num(v, "y", 0) == 1e300);
	jv_free(v);
	free(s);
}
END_TEST

struct json_bad {
	const char *text;
	const char *err;
};

static const struct json_bad json_bad[] = {
	{ "", "line 1, column 1: unexpected end of input" },
	{ "{\"a\":1,}", "line 1, column 8: expected a member name" },
	{ "[1,2", "line 1, column 5: expected ',' or ']'" },
	{ "{\"a\" 1}", "line 1, column 6: expected ':'" },
	{ "\n  01", "line 2, column 3: bad number" },
	{ "\"a\nb\"", "line 1, column 3: control character in string" },
	{ "\"\\ud800\"", "line 1, column 8: unpaired surrogate" },
	{ "\"\\x\"", "line 1, column 4: bad escape '\\x'" },
	{ "{} x", "line 1, column 4: trailing text after the document" },
	{ "tru", "line 1, column 1: unexpected character 't'" },
	{ "1.", "line 1, column 1: bad number" },
};

START_TEST(test_cli_json_reader_errors)
{
	const struct json_bad *c = &json_bad[_i];
	char err[128];

	ck_assert_ptr_null(jv_parse(c->text, strlen(c->text), err, sizeof(err)));
	ck_assert_str_eq(err, c->err);
}
END_TEST

START_TEST(test_cli_json_reader_surrogate_pair)
{
	const char *t = "[\"\\ud83d\\ude00\\u00e9\\/\"]";
	char err[64];
	struct jv *v = jv_parse(t, strlen(t), err, sizeof(err));

	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->items[0].str, "\xf0\x9f\x98\x80\xc3\xa9/");
	jv_free(v);
}
END_TEST

START_TEST(test_cli_csv_quoting)
{
	struct mem m;
	char *s;

	mem_open(&m);
	csv_field(m.f, "plain", true);
	csv_field(m.f, "a,b", false);
	csv_field(m.f, "say \"hi\"", false);
	csv_field(m.f, "two\nlines", false);
	csv_field(m.f, " pad", false);
	csv_field(m.f, "", false);
	csv_field(m.f, "cr\r", false);
	s = mem_close(&m);
	ck_assert_str_eq(s, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",,\"cr\r\"");
	free(s);
}
END_TEST

static const struct tbl_col test_cols[] = {
	{ "name", "NAME", NULL, TBL_STR },
	{ "size_bytes", "SIZE", "B", TBL_INT },
	{ "share_pct", "SHARE", "%", TBL_NUM },
};

START_TEST(test_cli_table_formats)
{
	struct tbl t;
	struct mem m;
	char *s;

	tbl_init(&t, test_cols, 3);
	tbl_cell(&t, "%s", "kml-64");
	tbl_cell(&t, "%u", 4096u);
	tbl_cell(&t, "%.1f", 12.5);
	tbl_cell(&t, "%s", "x,y");
	tbl_cell(&t, "%u", 8u);
	tbl_na(&t, "-");
	mem_open(&m);
	ck_assert_int_eq(tbl_print(&t, m.f, CLI_FMT_TEXT, NULL, NULL), 0);
	s = mem_close(&m);
	ck_assert_str_eq(s, "NAME    SIZE(B)  SHARE(%)\n"
			    "kml-64     4096      12.5\n"
			    "x,y           8         -\n");
	free(s);
	mem_open(&m);
	tbl_print(&t, m.f, CLI_FMT_CSV, NULL, NULL);
	s = mem_close(&m);
	ck_assert_str_eq(s, "name,size_bytes,share_pct\nkml-64,4096,12.5\n\"x,y\",8,-\n");
	free(s);
	mem_open(&m);
	tbl_print(&t, m.f, CLI_FMT_JSON, NULL, NULL);
	s = mem_close(&m);
	ck_assert_str_eq(s, "[{\"name\":\"kml-64\",\"size_bytes\":4096,\"share_pct\":12.5},"
			    "{\"name\":\"x,y\",\"size_bytes\":8,\"share_pct\":null}]\n");
	free(s);
	tbl_free(&t);
}
END_TEST

/* --- results.json ------------------------------------------------------------ */

static void fill_result(struct result *r, int seed)
{
	static double le[3] = { 50, 100, 1000 }, cnt[3] = { 10, 80, 10 };
	static double t[3] = { 0, 10, 20 }, held[3] = { 4096, 8192, 8192 };
	static double bf[6] = { 1, 2, 3, 4, 5, 6 };

	memset(r, 0, sizeof(*r));
	snprintf(r->backend, sizeof(r->backend), "slab");
	snprintf(r->instance, sizeof(r->instance), "s%d", seed);
	snprintf(r->workload, sizeof(r->workload), "churn \"q\" <%d>", seed);
	r->rep = (unsigned int)seed;
	r->ops = 1000000ULL * (unsigned int)seed;
	r->failures = 3;
	r->alloc = (struct res_lat){ .present = true, .p50 = 60, .p90 = 90.5,
		.p99 = 300, .p999 = 900, .max = 12345, .mean = 70.25,
		.nbuckets = 3, .bucket_le = le, .bucket_count = cnt };
	r->floor_ns = 14;
	r->ops_per_sec = 9.5e6;
	r->internal_pct = 12.5;
	r->external_pct = 0.1;
	r->requested_peak = 655360;
	r->held_peak = 737280;
	r->utilization_pct = 88.8888888888889;
	r->series = (struct res_series){ .n = 3, .t_ms = t, .held_bytes = held,
		.nr_orders = 2, .buddy_free = bf };
}

START_TEST(test_cli_results_round_trip)
{
	char *keys[] = { "kernel", "seed" }, *vals[] = { "6.1.0", "42" };
	struct results in = { .nctx = 2, .ctx_key = keys, .ctx_val = vals };
	struct result r[2];
	struct results out;
	char err[256], *s;
	struct mem m;
	int i;

	fill_result(&r[0], 1);
	fill_result(&r[1], 2);
	r[1].free = r[1].alloc;
	r[1].free.nbuckets = 0;
	in.nr = 2;
	in.r = r;
	mem_open(&m);
	ck_assert_int_eq(results_write(m.f, &in), 0);
	s = mem_close(&m);
	ck_assert_msg(results_read(s, strlen(s), &out, err, sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(out.nctx, 2);
	ck_assert_str_eq(out.ctx_key[1], "seed");
	ck_assert_str_eq(out.ctx_val[1], "42");
	ck_assert_uint_eq(out.nr, 2);
	for (i = 0; i < 2; i++) {
		const struct result *a = &r[i], *b = &out.r[i];

		ck_assert_str_eq(b->backend, a->backend);
		ck_assert_str_eq(b->instance, a->instance);
		ck_assert_str_eq(b->workload, a->workload);
		ck_assert_uint_eq(b->rep, a->rep);
		ck_assert_uint_eq(b->ops, a->ops);
		ck_assert_uint_eq(b->failures, a->failures);
		ck_assert(b->alloc.present);
		ck_assert(b->alloc.p90 == a->alloc.p90);
		ck_assert(b->alloc.mean == a->alloc.mean);
		ck_assert_uint_eq(b->alloc.nbuckets, 3);
		ck_assert(b->alloc.bucket_count[1] == 80);
		ck_assert(b->free.present == a->free.present);
		ck_assert(b->utilization_pct == a->utilization_pct);
		ck_assert_uint_eq(b->requested_peak, a->requested_peak);
		ck_assert_uint_eq(b->held_peak, a->held_peak);
		ck_assert(b->internal_pct == a->internal_pct);
		ck_assert_uint_eq(b->series.n, 3);
		ck_assert_ptr_null(b->series.requested_bytes);
		ck_assert(b->series.held_bytes[1] == 8192);
		ck_assert_uint_eq(b->series.nr_orders, 2);
		ck_assert(b->series.buddy_free[5] == 6);
	}
	results_free(&out);
	free(s);
}
END_TEST

/*
 * Figures that do not apply are NAN in memory and null in the file: an
 * object cache's external fragmentation, a heap's stranded memory. Files
 * written before frag.stranded_pct existed read as n/a.
 */
static const char *xml_check(const char *s);

START_TEST(test_cli_results_not_applicable_figures)
{
	static double t[2] = { 0, 10 }, str[2] = { 100, 98.4 }, ext[2] = { 0, 50 };
	static double half[2] = { NAN, 20 };
	struct results in = { 0 }, out;
	struct result r[2];
	char err[256], *s, *html, *text;
	size_t len;
	struct mem m;

	fill_result(&r[0], 1);
	r[0].external_pct = NAN;
	r[0].stranded_pct = 74.2;
	r[0].series = (struct res_series){ .n = 2, .t_ms = t, .stranded_pct = str };
	fill_result(&r[1], 2);
	snprintf(r[1].backend, sizeof(r[1].backend), "best-fit");
	r[1].external_pct = 30;
	r[1].stranded_pct = NAN;
	r[1].series = (struct res_series){ .n = 2, .t_ms = t, .external_pct = ext,
		.internal_pct = half };
	in.nr = 2;
	in.r = r;
	mem_open(&m);
	ck_assert_int_eq(results_write(m.f, &in), 0);
	s = mem_close(&m);
	ck_assert_ptr_nonnull(strstr(s, "\"frag\":{\"internal_pct\":12.5,"
				     "\"external_pct\":null,\"stranded_pct\":74.2,"
				     "\"external_peak_pct\":"));
	ck_assert_ptr_nonnull(strstr(s, "\"frag\":{\"internal_pct\":12.5,"
				     "\"external_pct\":30,\"stranded_pct\":null,"
				     "\"external_peak_pct\":"));
	ck_assert_ptr_nonnull(strstr(s, "\"stranded_pct\":[100,98.4]"));
	ck_assert_ptr_nonnull(strstr(s, "\"internal_pct\":[null,20]"));
	ck_assert_msg(results_read(s, strlen(s), &out, err, sizeof(err)) == 0, "%s", err);
	ck_assert(isnan(out.r[0].external_pct));
	ck_assert(out.r[0].stranded_pct == 74.2);
	ck_assert_ptr_null(out.r[0].series.external_pct);
	ck_assert(out.r[0].series.stranded_pct[1] == 98.4);
	ck_assert(out.r[1].external_pct == 30);
	ck_assert(isnan(out.r[1].stranded_pct));
	ck_assert(isnan(out.r[1].series.internal_pct[0]));
	ck_assert_ptr_null(out.r[1].series.stranded_pct);
	free(s);

	/* the report: n/a cells, a line of stranded memory, no "nan" */
	mem_open(&m);
	ck_assert_int_eq(report_html(m.f, &out, "na"), 0);
	html = mem_close(&m);
	ck_assert_ptr_null(xml_check(html));
	ck_assert_ptr_nonnull(strstr(html, "<th>external frag (%)</th><th>stranded (%)</th>"));
	ck_assert_ptr_nonnull(strstr(html, "<td class=\"n\">n/a</td><td class=\"n\">74.2</td>"));
	ck_assert_ptr_nonnull(strstr(html, "<td class=\"n\">30.0</td><td class=\"n\">n/a</td>"));
	/* the object cache's fragmentation line is its stranded memory */
	ck_assert_ptr_nonnull(strstr(html, ">slab rep 1 stranded</text>"));
	ck_assert_ptr_null(strstr(html, "nan"));
	free(html);
	results_free(&out);

	/* an older file: no frag.stranded_pct */
	ck_assert_int_eq(cli_read_file("tests/data/results/results.json", &text, &len), 0);
	ck_assert_msg(results_read(text, len, &out, err, sizeof(err)) == 0, "%s", err);
	free(text);
	ck_assert(isnan(out.r[0].stranded_pct));
	ck_assert(!isnan(out.r[0].external_pct));
	ck_assert_ptr_null(out.r[0].series.stranded_pct);
	results_free(&out);
}
END_TEST

/*
 * Medians labelled "median", every rep's figures in per_rep, intervals
 * with ci_lo/ci_hi (null and "n/a" without one), read back as written.
 * A kmemlab-results/1 file's utilization fraction reads as a percentage.
 */
START_TEST(test_cli_results_certainty_round_trip)
{
	struct results in = { 0 }, out;
	struct res_rep reps[2];
	struct result r;
	char err[256], *s;
	struct mem m;
	static const char v1[] = "{\"schema\":\"kmemlab-results/1\",\"context\":{},"
		"\"results\":[{\"backend\":\"b\",\"workload\":\"w\",\"rep\":0,\"ops\":1,"
		"\"failures\":0,\"latency_ns\":{},\"floor_ns\":1,\"ops_per_sec\":1,"
		"\"frag\":{\"internal_pct\":0,\"external_pct\":0},\"utilization\":0.25,"
		"\"bytes\":{\"requested_peak\":1,\"held_peak\":4}}]}";

	fill_result(&r, 1);
	r.series.n = 0;
	r.alloc.nbuckets = 0;
	r.median = true;
	r.reps = 2;
	memset(reps, 0, sizeof(reps));
	reps[0] = (struct res_rep){ .rep = 0, .ops = 10, .ops_done = 10, .done_ok = true,
		.has_lat = true, .alloc = { 60, 61, 62, 63, 64, 65 }, .floor_ns = 14,
		.elapsed_ns = 5000, .ops_per_sec = 2e6, .internal_pct = 12.5,
		.external_pct = NAN, .stranded_pct = 98.4, .requested_peak = 64,
		.allocated_peak = 72, .held_peak = 4096, .utilization_pct = 1.5,
		.checksum = "00000000000000aa" };
	reps[1] = reps[0];
	reps[1].rep = 1;
	reps[1].done_ok = false;
	reps[1].has_overlaps = true;
	reps[1].overlaps = 2;
	r.nper_rep = 2;
	r.per_rep = reps;
	r.nratios = 2;
	r.ratios[0] = (struct res_ratio){ .key = "alloc_p50", .ratio = 0.32, .has_ci = true,
		.ci_lo = 0.28, .ci_hi = 0.37 };
	r.ratios[1] = (struct res_ratio){ .key = "ops_per_sec", .ratio = 1.5,
		.ci_lo = NAN, .ci_hi = NAN };
	r.nspread = 1;
	snprintf(r.spread_key[0], sizeof(r.spread_key[0]), "alloc_p50");
	r.spread_of[0] = 90;
	r.has_certainty = true;
	r.spread_high = true;
	r.resolution_ns = 10;
	r.latency_unreadable = true;
	in.nr = 1;
	in.r = &r;
	mem_open(&m);
	ck_assert_int_eq(results_write(m.f, &in), 0);
	s = mem_close(&m);
	ck_assert_msg(strstr(s, "\"rep\":\"median\""), "%s", s);
	ck_assert_msg(strstr(s, "\"ratios_vs_first\":{\"alloc_p50\":{\"ratio\":0.32,"
			     "\"ci_lo\":0.28,\"ci_hi\":0.37,\"no_difference_shown\":false},"
			     "\"ops_per_sec\":{\"ratio\":1.5,\"ci_lo\":null,\"ci_hi\":null,"
			     "\"no_difference_shown\":null,\"ci\":\"n/a (needs ≥3 reps)\"}},"
			     "\"spread_pct_of\":{\"alloc_p50\":90},\"spread_high\":true,"
			     "\"timing_resolution_ns\":10,\"latency_unreadable\":true,"
			     "\"per_rep\":[{\"rep\":0,"), "%s", s);
	ck_assert_msg(strstr(s, "{\"rep\":1,\"ops\":10,\"ops_done\":10,\"done\":\"short\","),
		      "%s", s);
	ck_assert_msg(results_read(s, strlen(s), &out, err, sizeof(err)) == 0, "%s", err);
	ck_assert(out.r[0].median);
	ck_assert_uint_eq(out.r[0].rep, 0);
	ck_assert_uint_eq(out.r[0].nper_rep, 2);
	ck_assert_uint_eq(out.r[0].per_rep[1].rep, 1);
	ck_assert(out.r[0].per_rep[0].done_ok && !out.r[0].per_rep[1].done_ok);
	ck_assert(out.r[0].per_rep[0].alloc[5] == 65);
	ck_assert(isnan(out.r[0].per_rep[0].external_pct));
	ck_assert(out.r[0].per_rep[0].stranded_pct == 98.4);
	ck_assert_uint_eq(out.r[0].per_rep[0].allocated_peak, 72);
	ck_assert(!out.r[0].per_rep[0].has_overlaps && out.r[0].per_rep[1].has_overlaps);
	ck_assert_uint_eq(out.r[0].per_rep[1].overlaps, 2);
	ck_assert_str_eq(out.r[0].per_rep[1].checksum, "00000000000000aa");
	ck_assert_uint_eq(out.r[0].nratios, 2);
	ck_assert_str_eq(out.r[0].ratios[0].key, "alloc_p50");
	ck_assert(out.r[0].ratios[0].has_ci && out.r[0].ratios[0].ci_hi == 0.37);
	ck_assert(!out.r[0].ratios[1].has_ci && isnan(out.r[0].ratios[1].ci_lo));
	ck_assert(out.r[0].spread_high && out.r[0].latency_unreadable);
	ck_assert(out.r[0].spread_of[0] == 90 && out.r[0].resolution_ns == 10);
	ck_assert(out.r[0].utilization_pct == r.utilization_pct);
	results_free(&out);
	free(s);

	ck_assert_msg(results_read(v1, strlen(v1), &out, err, sizeof(err)) == 0, "%s", err);
	ck_assert(!out.r[0].median && !out.r[0].has_certainty);
	ck_assert_double_eq(out.r[0].utilization_pct, 25);
	results_free(&out);
}
END_TEST

static const struct json_bad results_bad[] = {
	{ "[]", "the document is not an object" },
	{ "{\"context\":{}}", "expected members 'context' (object) and 'results' (array)" },
	{ "{\"schema\":\"kmemlab-results/9\",\"context\":{},\"results\":[]}",
	  "schema: expected \"kmemlab-results/2\" or \"kmemlab-results/1\"" },
	{ "{\"context\":{},\"results\":[{\"backend\":\"b\",\"workload\":\"w\","
	  "\"ops\":1,\"failures\":0,\"latency_ns\":{},\"floor_ns\":1,"
	  "\"ops_per_sec\":1,\"frag\":{\"internal_pct\":0,\"external_pct\":0},"
	  "\"utilization_pct\":1,\"bytes\":{\"requested_peak\":1,\"held_peak\":1},"
	  "\"per_rep\":[{\"rep\":\"one\"}]}]}",
	  "results[0]: per_rep[0]: expected an object with a numeric rep" },
	{ "{\"context\":{},\"results\":[{\"backend\":\"b\",\"workload\":\"w\","
	  "\"ops\":1,\"failures\":0,\"latency_ns\":{},\"floor_ns\":1,"
	  "\"ops_per_sec\":1,\"frag\":{\"internal_pct\":0,\"external_pct\":0},"
	  "\"utilization_pct\":1,\"bytes\":{\"requested_peak\":1,\"held_peak\":1},"
	  "\"ratios_vs_first\":{\"alloc_p50\":{\"ci_lo\":1}}}]}",
	  "results[0]: ratios_vs_first.alloc_p50: expected an object with a numeric ratio" },
	{ "{\"context\":{},\"results\":[{\"workload\":\"w\"}]}",
	  "results[0]: backend: missing" },
	{ "{\"context\":{},\"results\":[{\"backend\":\"b\",\"workload\":\"w\","
	  "\"ops\":\"many\"}]}", "results[0]: ops: not a number" },
	{ "{\"context\":{},\"results\":[{\"backend\":\"b\",\"workload\":\"w\","
	  "\"ops\":1,\"failures\":0,\"latency_ns\":{\"alloc\":{\"p50\":1}}}]}",
	  "results[0]: latency_ns.alloc.p90: missing" },
	{ "{\"context\":{},\"results\":[{\"backend\":\"b\",\"workload\":\"w\","
	  "\"ops\":1,\"failures\":0,\"latency_ns\":{},\"floor_ns\":1,"
	  "\"ops_per_sec\":1,\"frag\":{\"internal_pct\":0,\"external_pct\":0},"
	  "\"utilization\":1,\"bytes\":{\"requested_peak\":1,\"held_peak\":1},"
	  "\"series\":{\"t_ms\":[0,1],\"held_bytes\":[1]}}]}",
	  "results[0]: series.held_bytes: not an array of the length of series.t_ms" },
	{ "{\"context\":{},\"results\":[{\"backend\":\"b\",\"workload\":\"w\","
	  "\"ops\":1,\"failures\":0,\"latency_ns\":{},\"floor_ns\":1,"
	  "\"ops_per_sec\":1,\"frag\":{\"internal_pct\":0,\"external_pct\":null,"
	  "\"stranded_pct\":\"most\"},\"utilization\":1,"
	  "\"bytes\":{\"requested_peak\":1,\"held_peak\":1}}]}",
	  "results[0]: frag.stranded_pct: not a number" },
	{ "{\"context\":{},\"results\":[{\"backend\":\"b\",\"workload\":\"w\","
	  "\"ops\":1,\"failures\":0,\"latency_ns\":{},\"floor_ns\":1,"
	  "\"ops_per_sec\":1,\"frag\":{\"internal_pct\":null,\"external_pct\":0},"
	  "\"utilization\":1,\"bytes\":{\"requested_peak\":1,\"held_peak\":1}}]}",
	  "results[0]: frag.internal_pct: not a number" },
};

START_TEST(test_cli_results_rejects_schema_errors)
{
	const struct json_bad *c = &results_bad[_i];
	struct results rs;
	char err[256];

	ck_assert_int_eq(results_read(c->text, strlen(c->text), &rs, err, sizeof(err)),
			 -EINVAL);
	ck_assert_str_eq(err, c->err);
	ck_assert_uint_eq(rs.nr, 0);
}
END_TEST

/* --- report -------------------------------------------------------------------- */

/*
 * A small XML well-formedness check: tags nest and match, attribute values
 * are quoted, '&' starts one of the five entities or a character reference,
 * no '<' inside text. Return: NULL, or why not.
 */
static const char *xml_check(const char *s)
{
	const char *stack[256];
	size_t lens[256];
	int depth = 0;

	while (*s) {
		if (*s == '&') {
			if (strncmp(s, "&amp;", 5) && strncmp(s, "&lt;", 4) &&
			    strncmp(s, "&gt;", 4) && strncmp(s, "&quot;", 6) &&
			    strncmp(s, "&#", 2))
				return "bad entity";
			s++;
			continue;
		}
		if (*s != '<') {
			s++;
			continue;
		}
		if (!strncmp(s, "<!DOCTYPE", 9) || !strncmp(s, "<!--", 4)) {
			s = strchr(s, '>');
			if (!s)
				return "unterminated declaration";
			s++;
			continue;
		}
		if (s[1] == '/') {
			size_t n = strcspn(s + 2, ">");

			if (!depth || n != lens[depth - 1] ||
			    strncmp(s + 2, stack[depth - 1], n))
				return "mismatched end tag";
			depth--;
			s += 2 + n + 1;
			continue;
		}
		{
			const char *name = s + 1;
			size_t n = strcspn(name, " \t\n/>");
			const char *p = name + n;
			bool self = false;

			if (!n)
				return "empty tag name";
			while (*p && *p != '>') {
				if (*p == '/' && p[1] == '>') {
					self = true;
					p++;
					break;
				}
				if (*p == '=') {
					char q = p[1];
					const char *e;

					if (q != '"' && q != '\'')
						return "unquoted attribute";
					e = strchr(p + 2, q);
					if (!e)
						return "unterminated attribute";
					if (memchr(p + 2, '<', (size_t)(e - p - 2)))
						return "'<' in an attribute";
					p = e + 1;
					continue;
				}
				p++;
			}
			if (!*p)
				return "unterminated tag";
			if (!self) {
				if (depth == 256)
					return "too deep";
				stack[depth] = name;
				lens[depth++] = n;
			}
			s = p + 1;
		}
	}
	return depth ? "unclosed element" : NULL;
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;

	while ((s = strstr(s, needle))) {
		n++;
		s += strlen(needle);
	}
	return n;
}

START_TEST(test_cli_xml_checker_catches_errors)
{
	ck_assert_ptr_null(xml_check("<a x=\"1\"><b/>t &amp; u</a>"));
	ck_assert_str_eq(xml_check("<a><b></a></b>"), "mismatched end tag");
	ck_assert_str_eq(xml_check("<a x=1></a>"), "unquoted attribute");
	ck_assert_str_eq(xml_check("<a>&</a>"), "bad entity");
	ck_assert_str_eq(xml_check("<a>"), "unclosed element");
}
END_TEST

START_TEST(test_cli_report_on_fixture)
{
	struct results rs;
	char err[256], *text, *html;
	const char *why;
	struct mem m;
	size_t len;

	ck_assert_int_eq(cli_read_file("tests/data/results/results.json", &text, &len), 0);
	ck_assert_msg(results_read(text, len, &rs, err, sizeof(err)) == 0, "%s", err);
	free(text);
	ck_assert_uint_eq(rs.nr, 4);
	mem_open(&m);
	ck_assert_int_eq(report_html(m.f, &rs, "t <&> \"x\""), 0);
	html = mem_close(&m);
	why = xml_check(html);
	ck_assert_msg(why == NULL, "report is not well-formed XML: %s", why);
	/*
	 * Three comparisons (no "group": one per workload): slab and
	 * kmem_cache (alloc and free CDF and tail, memory, fragmentation),
	 * buddy (the same and its heat map), first-fit (alloc CDF and tail
	 * only); no ratios in the file, so no ratio bars.
	 */
	ck_assert_uint_eq(count(html, "<section class=\"cmp\""), 3);
	ck_assert_uint_eq(count(html, "<svg "), 6 + 7 + 2);
	ck_assert_uint_eq(count(html, "</svg>"), 6 + 7 + 2);
	ck_assert_uint_eq(count(html, ">Allocation latency CDF</text>"), 3);
	ck_assert_uint_eq(count(html, ">Allocation latency tail (1 - CDF)</text>"), 3);
	ck_assert_uint_eq(count(html, ">Free latency CDF</text>"), 2);
	ck_assert_uint_eq(count(html, ">Fragmentation over time</text>"), 2);
	ck_assert_uint_eq(count(html, ">Memory held over time</text>"), 2);
	ck_assert_ptr_null(strstr(html, "Ratio to"));
	ck_assert_ptr_nonnull(strstr(html, ">Free memory by buddy order: buddy</text>"));
	/* per CDF and tail: 2 + 1 + 1 alloc lines, 2 + 1 free lines; over
	 * time 2 + 1 held, a requested line each, 2 + 1 fragmentation */
	ck_assert_uint_eq(count(html, "<polyline class=\"series\""),
			  2 * (4 + 3) + (3 + 2) + 3);
	/* the headline: a reference row per comparison, kmem_cache against
	 * slab by the ratio of its medians (the file has no intervals) */
	ck_assert_uint_eq(count(html, "<tr class=\"ref\">"), 3);
	ck_assert_uint_eq(count(html, "<tr class=\"cmp\">"), 1);
	ck_assert_ptr_nonnull(strstr(html, "<span class=\"ci\">(no interval)</span>"));
	/* 12 samples x 11 orders of heat map cells */
	ck_assert_uint_eq(count(html, "free blocks</title></rect>"), 12 * 11);
	/* log axis: decade ticks from 10 ns */
	ck_assert_ptr_nonnull(strstr(html, "text-anchor=\"middle\">10</text>"));
	ck_assert_ptr_nonnull(strstr(html, "latency (ns, log scale)"));
	/* tables: escaped title and workload, context rows, one row per result */
	ck_assert_ptr_nonnull(strstr(html, "<title>t &lt;&amp;&gt; &quot;x&quot;</title>"));
	ck_assert_ptr_nonnull(strstr(html, "random-free &lt;&amp;&gt; &quot;q&quot;"));
	ck_assert_ptr_nonnull(strstr(html, "<tr><th>accel</th><td>kvm</td></tr>"));
	ck_assert_uint_eq(count(html, "<tr><td>"), 4);
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "nan"));
	ck_assert_ptr_null(strstr(html, "inf\""));
	results_free(&rs);
	free(html);
}
END_TEST

START_TEST(test_cli_report_xmllint)
{
	struct results rs;
	char err[256], *text, path[] = "/tmp/kml-report-XXXXXX";
	char cmd[128];
	size_t len;
	FILE *f;
	int fd;

	ck_assert_int_eq(cli_read_file("tests/data/results/results.json", &text, &len), 0);
	ck_assert_int_eq(results_read(text, len, &rs, err, sizeof(err)), 0);
	free(text);
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_int_eq(report_html(f, &rs, "kmemlab report"), 0);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "xmllint --noout %s", path);
	ck_assert_int_eq(system(cmd), 0);
	unlink(path);
	results_free(&rs);
}
END_TEST

/*
 * A terminal is a terminal, except in the VM: there stdout and stderr are
 * serial ttys, and KMEMLAB_HOST_TTY says which are terminals on the host.
 */
/* grow(): doubles from the first size, keeps the array on overflow. */
START_TEST(test_cli_grow_doubles_and_refuses_overflow)
{
	size_t cap = 0, i;
	int *a = NULL, *b;

	for (i = 0; i < 20; i++) {
		b = grow(a, i, &cap, sizeof(*a), 4);
		ck_assert_ptr_nonnull(b);
		a = b;
		a[i] = (int)i;
		ck_assert_uint_eq(cap, i < 4 ? 4 : i < 8 ? 8 : i < 16 ? 16 : 32);
	}
	ck_assert_ptr_eq(grow(a, 19, &cap, sizeof(*a), 4), a);	/* room */
	ck_assert_ptr_null(grow(a, 32, &cap, SIZE_MAX / 32, 4));	/* overflow */
	ck_assert_uint_eq(cap, 32);
	cap = SIZE_MAX / 2 + 1;
	ck_assert_ptr_null(grow(a, cap, &cap, 1, 4));		/* 2 x cap wraps */
	ck_assert_uint_eq(cap, SIZE_MAX / 2 + 1);
	for (i = 0; i < 20; i++)		/* still the caller's, intact */
		ck_assert_int_eq(a[i], (int)i);
	free(a);
}
END_TEST

START_TEST(test_cli_isatty_follows_host)
{
	int master, slave, saved = dup(STDOUT_FILENO);
	FILE *f;

	ck_assert_int_eq(openpty(&master, &slave, NULL, NULL, NULL), 0);
	ck_assert_int_ge(saved, 0);
	ck_assert_int_eq(dup2(slave, STDOUT_FILENO), STDOUT_FILENO);
	unsetenv("KMEMLAB_HOST_TTY");
	ck_assert(cli_isatty(STDOUT_FILENO));
	setenv("KMEMLAB_HOST_TTY", "", 1);	/* the host's are files */
	ck_assert(!cli_isatty(STDOUT_FILENO));
	ck_assert(!cli_color_on(CLI_COLOR_AUTO, stdout));
	setenv("KMEMLAB_HOST_TTY", "2", 1);	/* only the host's stderr */
	ck_assert(!cli_isatty(STDOUT_FILENO));
	setenv("KMEMLAB_HOST_TTY", "12", 1);
	ck_assert(cli_isatty(STDOUT_FILENO));
	ck_assert_int_eq(dup2(saved, STDOUT_FILENO), STDOUT_FILENO);
	close(slave);
	close(master);
	close(saved);
	/* a file is never a terminal, whatever the host says */
	f = tmpfile();
	ck_assert_ptr_nonnull(f);
	ck_assert(!cli_isatty(fileno(f)));
	fclose(f);
	unsetenv("KMEMLAB_HOST_TTY");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cli_out");
	TCase *tc = tcase_create("out");
	TCase *tx;

	tcase_add_test(tc, test_cli_json_escapes_strings);
	tcase_add_test(tc, test_cli_json_writer_structure);
	tcase_add_test(tc, test_cli_json_writer_detects_misuse);
	tcase_add_test(tc, test_cli_json_reads_back_what_it_writes);
	tcase_add_loop_test(tc, test_cli_json_reader_errors, 0,
			    (int)(sizeof(json_bad) / sizeof(json_bad[0])));
	tcase_add_test(tc, test_cli_json_reader_surrogate_pair);
	tcase_add_test(tc, test_cli_csv_quoting);
	tcase_add_test(tc, test_cli_table_formats);
	tcase_add_test(tc, test_cli_results_round_trip);
	tcase_add_test(tc, test_cli_results_not_applicable_figures);
	tcase_add_test(tc, test_cli_results_certainty_round_trip);
	tcase_add_loop_test(tc, test_cli_results_rejects_schema_errors, 0,
			    (int)(sizeof(results_bad) / sizeof(results_bad[0])));
	tcase_add_test(tc, test_cli_xml_checker_catches_errors);
	tcase_add_test(tc, test_cli_report_on_fixture);
	tcase_add_test(tc, test_cli_isatty_follows_host);
	tcase_add_test(tc, test_cli_grow_doubles_and_refuses_overflow);
	suite_add_tcase(s, tc);
	/* xmllint comes from libxml2-utils (make deps) */
	tx = tcase_create("xmllint");
	tcase_add_test(tx, test_cli_report_xmllint);
	suite_add_tcase(s, tx);
	return unit_run(s);
}
