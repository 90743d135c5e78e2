// SPDX-License-Identifier: GPL-2.0
/*
 * A compared run on paper, for run, replay and bench: the context block,
 * the latency and memory tables (medians over reps, ratios against the
 * first backend, validity) and the CSV of every rep and the medians.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "emit.h"
#include "job.h"
#include "results.h"
#include "runparse.h"
#include "runprint.h"

void job_print_context(FILE *f, const struct results *rs)
{
	size_t i;

	fprintf(f, "context:\n");
	for (i = 0; i < rs->nctx; i++)
		fprintf(f, "  %-14s %s\n", rs->ctx_key[i], rs->ctx_val[i]);
}

static const struct tbl_col lat_cols[] = {
	{ "backend", "BACKEND", NULL, TBL_STR },
	{ "instance", "INSTANCE", NULL, TBL_STR },
	{ "alloc_p50_ns", "A.P50", "ns", TBL_NUM },
	{ "alloc_p99_ns", "A.P99", "ns", TBL_NUM },
	{ "alloc_p999_ns", "A.P99.9", "ns", TBL_NUM },
	{ "alloc_max_ns", "A.MAX", "ns", TBL_NUM },
	{ "free_p50_ns", "F.P50", "ns", TBL_NUM },
	{ "free_p99_ns", "F.P99", "ns", TBL_NUM },
	{ "free_p999_ns", "F.P99.9", "ns", TBL_NUM },
	{ "free_max_ns", "F.MAX", "ns", TBL_NUM },
	{ "alloc_p50_vs_first", "A.P50/1ST", "x", TBL_NUM },
	{ "free_p50_vs_first", "F.P50/1ST", "x", TBL_NUM },
	{ "alloc_mean_vs_first", "A.MEAN/1ST", "x", TBL_NUM },
	{ "spread_pct", "SPREAD", "%", TBL_NUM },
};

static const struct tbl_col mem_cols[] = {
	{ "backend", "BACKEND", NULL, TBL_STR },
	{ "instance", "INSTANCE", NULL, TBL_STR },
	{ "ops_per_sec", "OPS/S", "ops/s", TBL_NUM },
	{ "ops_vs_first", "OPS/1ST", "x", TBL_NUM },
	{ "internal_pct", "INT.FRAG", "%", TBL_NUM },
	{ "external_pct", "EXT.END", "%", TBL_NUM },
	{ "external_peak_pct", "EXT.PEAK", "%", TBL_NUM },
	{ "external_mean_pct", "EXT.MEAN", "%", TBL_NUM },
	{ "stranded_pct", "STRANDED", "%", TBL_NUM },
	{ "requested_peak_kib", "PAYLOAD", "KiB", TBL_NUM },
	{ "held_peak_kib", "HELD", "KiB", TBL_NUM },
	{ "utilization_pct", "UTIL", "%", TBL_NUM },
	{ "failures", "FAIL", "count", TBL_INT },
	{ "failed_with_free", "FAIL.FREE", "count", TBL_INT },
	{ "reps", "REPS", "count", TBL_INT },
	{ "valid", "VALID", NULL, TBL_STR },
};

/* A percentage of the run table; "n/a" when it does not apply. */
static void pct_cell(struct tbl *t, double v)
{
	if (isnan(v))
		tbl_na(t, "n/a");
	else
		tbl_cell(t, "%.1f", v);
}

const char *cmp_valid_word(const struct cmp_row *w)
{
	if (w->bad_frees || w->violations)
		return "BAD";
	if (w->overlaps)
		return "OVERLAP";
	if (w->misaligned)
		return "MISALIGNED";
	if (!w->checksum_ok)
		return "DIFF-OPS";
	if (w->done_ok != w->reps)
		return "SHORT";
	return "ok";
}

void job_print(FILE *f, const struct job *j, const struct run_reply *rr,
	       const struct cmp_row *rows, bool replay)
{
	struct tbl t;
	unsigned int i;
	size_t k;

	if (j->title[0])
		fprintf(f, "\n== %s ==\n", j->title);
	else
		fputc('\n', f);
	fprintf(f, "run:");
	for (k = 0; k < rr->run.nkv; k++)
		if (strcmp(rr->run.kv[k].key, "on"))
			fprintf(f, " %s=%s", rr->run.kv[k].key, rr->run.kv[k].val);
	fprintf(f, "\n(medians over %u interleaved reps; ratios against %s; "
		"SPREAD = (max - min) / median of %s over reps)\n", rr->reps,
		rows[0].backend, rr->timing_op ? "A.P50" : "OPS/S");
	if (rr->timing_op) {
		tbl_init(&t, lat_cols, sizeof(lat_cols) / sizeof(lat_cols[0]));
		for (i = 0; i < rr->ninst; i++) {
			const struct cmp_row *w = &rows[i];

			tbl_cell(&t, "%s", w->backend);
			tbl_cell(&t, "%s", w->instance);
			tbl_cell(&t, "%.0f", w->alloc[LAT_P50].med);
			tbl_cell(&t, "%.0f", w->alloc[LAT_P99].med);
			tbl_cell(&t, "%.0f", w->alloc[LAT_P999].med);
			tbl_cell(&t, "%.0f", w->alloc[LAT_MAX].med);
			tbl_cell(&t, "%.0f", w->free[LAT_P50].med);
			tbl_cell(&t, "%.0f", w->free[LAT_P99].med);
			tbl_cell(&t, "%.0f", w->free[LAT_P999].med);
			tbl_cell(&t, "%.0f", w->free[LAT_MAX].med);
			tbl_cell(&t, "%.2f", w->r_alloc_p50);
			tbl_cell(&t, "%.2f", w->r_free_p50);
			tbl_cell(&t, "%.2f", w->r_alloc_mean);
			tbl_cell(&t, "%.1f", w->spread_pct);
		}
		tbl_print(&t, f, CLI_FMT_TEXT, NULL, NULL);
		tbl_free(&t);
		fputc('\n', f);
	}
	tbl_init(&t, mem_cols, sizeof(mem_cols) / sizeof(mem_cols[0]));
	for (i = 0; i < rr->ninst; i++) {
		const struct cmp_row *w = &rows[i];

		tbl_cell(&t, "%s", w->backend);
		tbl_cell(&t, "%s", w->instance);
		tbl_cell(&t, "%.0f", w->ops_per_sec.med);
		tbl_cell(&t, "%.2f", w->r_ops);
		tbl_cell(&t, "%.1f", w->internal_pct.med);
		pct_cell(&t, w->external_pct.med);
		pct_cell(&t, w->ext_peak_pct.med);
		pct_cell(&t, w->ext_mean_pct.med);
		pct_cell(&t, w->stranded_pct.med);
		tbl_cell(&t, "%.1f", w->requested_kib.med);
		pct_cell(&t, w->held_kib.med);	/* n/a when not knowable */
		pct_cell(&t, w->util_pct.med);
		tbl_cell(&t, "%llu", (unsigned long long)w->failures);
		tbl_cell(&t, "%llu", (unsigned long long)w->failed_with_free);
		tbl_cell(&t, "%u", w->reps);
		tbl_cell(&t, "%s", cmp_valid_word(w));
	}
	tbl_print(&t, f, CLI_FMT_TEXT, NULL, NULL);
	tbl_free(&t);
	/* the first failure: what was free when a request was refused */
	for (i = 0; i < rr->ninst; i++) {
		const struct cmp_row *w = &rows[i];

		if (!w->has_first_fail)
			continue;
		fprintf(f, "first failure on %s: a request of %llu B failed with %llu B free "
			"(largest free block %llu B); %llu of %llu failures had enough free memory\n",
			w->backend, (unsigned long long)w->fail_request,
			(unsigned long long)w->fail_free,
			(unsigned long long)w->fail_largest,
			(unsigned long long)w->failed_with_free,
			(unsigned long long)w->failures);
	}
	fprintf(f, "EXT.END/PEAK/MEAN: external fragmentation at the end state, its peak and "
		"its allocation-weighted mean over the samples; FAIL.FREE: failed requests "
		"although the free total was enough (docs/metrics.md)\n");
	if (replay)
		fprintf(f, "VALID: ok = every rep done, no refused free, validate() clean "
			"after each rep, same op sequence as the first backend, every "
			"block aligned and none overlapping a live block of its worker "
			"(checked after each op)\n");
}

static const char *const csv_cols[] = {
	"group", "workload", "backend", "instance", "rep", "ops", "failures",
	"alloc_p50_ns", "alloc_p90_ns", "alloc_p99_ns", "alloc_p999_ns",
	"alloc_max_ns", "alloc_mean_ns", "free_p50_ns", "free_p90_ns",
	"free_p99_ns", "free_p999_ns", "free_max_ns", "free_mean_ns", "floor_ns",
	"ops_per_sec", "internal_pct", "external_pct", "stranded_pct",
	"requested_peak_bytes",
	"held_peak_bytes", "utilization_pct", "bad_frees", "violations",
	"alloc_p50_vs_first", "ops_per_sec_vs_first",
};

/* A CSV number; a figure that does not apply (NAN) is an empty field. */
static void csv_num(FILE *f, double v)
{
	if (isnan(v))
		fputc(',', f);
	else
		fprintf(f, ",%.10g", v);
}

void job_csv(FILE *f, const struct job *j, const struct run_reply *rr,
	     const struct cmp_row *rows, bool header)
{
	char wl[64], rep[16];
	unsigned int i, k;
	size_t c;

	if (header) {
		for (c = 0; c < sizeof(csv_cols) / sizeof(csv_cols[0]); c++)
			csv_field(f, csv_cols[c], !c);
		fputc('\n', f);
	}
	runreply_workload(rr, wl, sizeof(wl));
	for (c = 0; c < rr->ncells; c++) {
		const struct rr_cell *x = &rr->cells[c];

		csv_field(f, j->title, true);
		csv_field(f, wl, false);
		csv_field(f, x->backend, false);
		csv_field(f, x->instance, false);
		fprintf(f, ",%u,%llu,%llu", x->rep, (unsigned long long)x->ops,
			(unsigned long long)x->failures);
		for (k = 0; k < LAT_NR; k++)
			if (x->has_lat)
				csv_num(f, (double)x->alloc[k]);
			else
				fputc(',', f);
		for (k = 0; k < LAT_NR; k++)
			if (x->has_lat)
				csv_num(f, (double)x->free[k]);
			else
				fputc(',', f);
		csv_num(f, (double)x->floor_ns);
		csv_num(f, (double)x->ops_per_sec);
		csv_num(f, x->internal_x1000 / 10.0);
		csv_num(f, x->external_x1000 < 0 ? NAN : x->external_x1000 / 10.0);
		csv_num(f, x->stranded_x1000 < 0 ? NAN : x->stranded_x1000 / 10.0);
		csv_num(f, (double)x->requested_peak);
		csv_num(f, x->held_peak < 0 ? NAN : (double)x->held_peak);
		csv_num(f, x->util_x1000 < 0 ? NAN : x->util_x1000 / 10.0);
		fprintf(f, ",%llu,%llu,,\n", (unsigned long long)x->bad_frees,
			(unsigned long long)x->violations);
	}
	for (i = 0; i < rr->ninst; i++) {
		const struct cmp_row *w = &rows[i];

		snprintf(rep, sizeof(rep), "median");
		csv_field(f, j->title, true);
		csv_field(f, wl, false);
		csv_field(f, w->backend, false);
		csv_field(f, w->instance, false);
		fprintf(f, ",%s,,%llu", rep, (unsigned long long)w->failures);
		for (k = 0; k < LAT_NR; k++)
			if (rr->timing_op)
				csv_num(f, w->alloc[k].med);
			else
				fputc(',', f);
		for (k = 0; k < LAT_NR; k++)
			if (rr->timing_op)
				csv_num(f, w->free[k].med);
			else
				fputc(',', f);
		csv_num(f, w->floor_ns.med);
		csv_num(f, w->ops_per_sec.med);
		csv_num(f, w->internal_pct.med);
		csv_num(f, w->external_pct.med);
		csv_num(f, w->stranded_pct.med);
		csv_num(f, w->requested_kib.med * 1024);
		csv_num(f, w->held_kib.med * 1024);
		csv_num(f, w->util_pct.med);
		fprintf(f, ",%llu,%llu", (unsigned long long)w->bad_frees,
			(unsigned long long)w->violations);
		csv_num(f, w->r_alloc_p50);
		csv_num(f, w->r_ops);
		fputc('\n', f);
	}
}
