// SPDX-License-Identifier: GPL-2.0
/*
 * A compared run on paper, for run, replay and bench: the context block,
 * the latency and memory tables (medians over reps, ratios against the
 * first backend, validity) and the CSV of every rep and the medians.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "certainty.h"
#include "emit.h"
#include "job.h"
#include "kml_bounds.h"
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
	{ "alloc_p50_vs_first", "A.P50/1ST", "x [95% CI]", TBL_STR },
	{ "alloc_p99_vs_first", "A.P99/1ST", "x [95% CI]", TBL_STR },
	{ "free_p50_vs_first", "F.P50/1ST", "x [95% CI]", TBL_STR },
	{ "alloc_mean_vs_first", "A.MEAN/1ST", "x [95% CI]", TBL_STR },
	{ "spread_pct", "SPREAD", "%", TBL_NUM },
	{ "loop_pair_ns", "LOOP", "ns/pair", TBL_NUM },
	{ "harness_ns", "HARNESS", "ns/op", TBL_NUM },
};

static const struct tbl_col mem_cols[] = {
	{ "backend", "BACKEND", NULL, TBL_STR },
	{ "instance", "INSTANCE", NULL, TBL_STR },
	{ "ops_per_sec", "OPS/S", "ops/s", TBL_NUM },
	{ "ops_vs_first", "OPS/1ST", "x [95% CI]", TBL_STR },
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

static const struct tbl_col pool_cols[] = {
	{ "backend", "BACKEND", NULL, TBL_STR },
	{ "instance", "INSTANCE", NULL, TBL_STR },
	{ "pool", "POOL", NULL, TBL_STR },
	{ "pool_mib", "POOL.SIZE", "MiB", TBL_NUM },
	{ "unusable_end", "UNUSABLE.END", "fraction", TBL_NUM },
	{ "unusable_peak", "UNUSABLE.PEAK", "fraction", TBL_NUM },
	{ "unusable_mean", "UNUSABLE.MEAN", "fraction", TBL_NUM },
	{ "fragidx_end", "FRAGIDX.END", "index", TBL_NUM },
	{ "fragidx_peak", "FRAGIDX.PEAK", "index", TBL_NUM },
};

/* A buddy index as the kernel's extfrag files print it; "n/a" likewise. */
static void index_cell(struct tbl *t, double v)
{
	if (isnan(v))
		tbl_na(t, "n/a");
	else
		tbl_cell(t, "%.3f", v);
}

/*
 * The page allocators' pools: the kernel's unusable free space and
 * fragmentation indices at the order of the largest request, for our
 * buddy's pool and for the zone the real pages come from, sampled at the
 * same moments, and what each pool is (docs/metrics.md).
 */
static void print_pools(FILE *f, const struct cmp_row *rows, unsigned int n)
{
	unsigned int i, order = 0;
	bool any = false;
	struct tbl t;

	for (i = 0; i < n; i++)
		if (rows[i].has_pool) {
			any = true;
			order = rows[i].buddy_order;
		}
	if (!any)
		return;
	fprintf(f, "\nPage pools: the kernel's indices at order %u (the largest request), "
		"medians over reps\n", order);
	tbl_init(&t, pool_cols, sizeof(pool_cols) / sizeof(pool_cols[0]));
	for (i = 0; i < n; i++) {
		const struct cmp_row *w = &rows[i];

		if (!w->has_pool)
			continue;
		tbl_cell(&t, "%s", w->backend);
		tbl_cell(&t, "%s", w->instance);
		tbl_cell(&t, "%s (%s)", w->pool,
			 w->pool_shared ? "zone, shared" : "own pool");
		tbl_cell(&t, "%.1f", w->pool_pages * 4096.0 / (1 << 20));
		index_cell(&t, w->unusable_end.med);
		index_cell(&t, w->unusable_peak.med);
		index_cell(&t, w->unusable_mean.med);
		index_cell(&t, w->fragidx_end.med);
		index_cell(&t, w->fragidx_peak.med);
	}
	tbl_print(&t, f, CLI_FMT_TEXT, NULL, NULL);
	tbl_free(&t);
	fprintf(f, "UNUSABLE: share of the pool's free memory that cannot serve a request of "
		"that order; FRAGIDX: towards 1 the request fails for fragmentation, towards 0 "
		"for lack of memory, -1 it succeeds (mm/vmstat.c; docs/metrics.md). A zone is "
		"shared with the whole system: its indices describe the machine, not the run\n");
}

/* A percentage of the run table; "n/a" when it does not apply. */
static void pct_cell(struct tbl *t, double v)
{
	if (isnan(v))
		tbl_na(t, "n/a");
	else
		tbl_cell(t, "%.1f", v);
}

/*
 * A ratio against the first row with its interval: "1.80x [1.60,2.00]",
 * "~" after it when the interval includes 1, "[n/a]" without an interval;
 * the first row itself is the reference. Return: true when marked "~".
 */
static bool ratio_cell(struct tbl *t, const struct cmp_row *w, unsigned int k,
		       bool ref)
{
	const struct cert_ratio *c = &w->vs[k];

	if (ref) {
		tbl_cell(t, "1.00x (ref)");
		return false;
	}
	if (!c->has_ci)
		tbl_cell(t, "%.2fx [n/a]", c->ratio);
	else
		tbl_cell(t, "%.2fx [%.2f,%.2f]%s", c->ratio, c->lo, c->hi,
			 c->no_diff ? " ~" : "");
	return c->has_ci && c->no_diff;
}

/* The legend of the intervals, under a table with ratio columns. */
static void ratio_legend(FILE *f, const struct run_reply *rr, bool marked)
{
	if (rr->reps < CERT_MIN_REPS) {
		fprintf(f, "[n/a]: interval n/a (needs ≥%d reps; this run has %u)\n",
			CERT_MIN_REPS, rr->reps);
		return;
	}
	fprintf(f, "[lo,hi]: 95%% interval of the ratio, percentile bootstrap over "
		"reps paired by rep index (B=%d)\n", CERT_BOOT_B);
	if (marked)
		fprintf(f, "~: no difference shown (the interval includes 1.00)\n");
}

/* One line per row with a figure spread above the threshold: the latency
 * figures under the latency table (@lat), OPS/S under the memory table. */
static void spread_warnings(FILE *f, const struct run_reply *rr,
			    const struct cmp_row *rows, bool lat)
{
	unsigned int i, k, n;

	for (i = 0; i < rr->ninst; i++) {
		const struct cmp_row *w = &rows[i];

		for (k = 0, n = 0; k < CMP_R_NR; k++) {
			if (!w->has_ratio[k] || (k != CMP_R_OPS) != lat ||
			    w->fig_spread_pct[k] <= CERT_SPREAD_WARN_PCT)
				continue;
			if (!n++)
				fprintf(f, "warning: spread over reps above %.0f %%, too "
					"noisy to read: %s (%s)", CERT_SPREAD_WARN_PCT,
					w->backend, w->instance);
			fprintf(f, "%s %s %.1f %%", n > 1 ? "," : "", cmp_ratio_titles[k],
				w->fig_spread_pct[k]);
		}
		if (n)
			fputc('\n', f);
	}
}

/* One line per row whose latency cannot be read at the resolution. */
static void resolution_warnings(FILE *f, const struct run_reply *rr,
				const struct cmp_row *rows)
{
	double res = rr->clock.resolution_ns;
	unsigned int i;

	for (i = 0; i < rr->ninst; i++) {
		const struct cmp_row *w = &rows[i];
		unsigned int m = w->res_flags;

		if (!m)
			continue;
		fprintf(f, "warning: %s (%s):", w->backend, w->instance);
		if (m & (CMP_RES_ALLOC_FLOOR | CMP_RES_FREE_FLOOR))
			fprintf(f, " %s%s%s within %d steps of the floor (%.0f ns);",
				m & CMP_RES_ALLOC_FLOOR ? "A.P50" : "",
				(m & CMP_RES_ALLOC_FLOOR) && (m & CMP_RES_FREE_FLOOR) ?
				" and " : "", m & CMP_RES_FREE_FLOOR ? "F.P50" : "",
				CERT_FLOOR_STEPS, w->floor_ns.med);
		if (m & (CMP_RES_ALLOC_FIRST | CMP_RES_FREE_FIRST))
			fprintf(f, " %s%s%s within one step of %s's;",
				m & CMP_RES_ALLOC_FIRST ? "A.P50" : "",
				(m & CMP_RES_ALLOC_FIRST) && (m & CMP_RES_FREE_FIRST) ?
				" and " : "", m & CMP_RES_FREE_FIRST ? "F.P50" : "",
				rows[0].backend);
		fprintf(f, " latency ratio cannot be read at this resolution (%.1f ns)\n",
			res);
	}
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
	bool marked = false;
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
	if (j->aa && rr->ninst > 1)
		fprintf(f, "(A/A: %s is a second %s beside %s; its ratios are this "
			"machine's noise floor)\n", rows[1].instance, rows[0].backend,
			rows[0].instance);
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
			marked |= ratio_cell(&t, w, CMP_R_ALLOC_P50, !i);
			marked |= ratio_cell(&t, w, CMP_R_ALLOC_P99, !i);
			marked |= ratio_cell(&t, w, CMP_R_FREE_P50, !i);
			marked |= ratio_cell(&t, w, CMP_R_ALLOC_MEAN, !i);
			tbl_cell(&t, "%.1f", w->spread_pct);
			if (isnan(w->loop_pair_ns.med))
				tbl_na(&t, "n/a");
			else
				tbl_cell(&t, "%.0f", w->loop_pair_ns.med);
			if (isnan(w->harness_alloc_ns.med))
				tbl_na(&t, "n/a");
			else
				tbl_cell(&t, "%.0f", (w->harness_alloc_ns.med +
						      w->harness_free_ns.med) / 2);
		}
		tbl_print(&t, f, CLI_FMT_TEXT, NULL, NULL);
		tbl_free(&t);
		fprintf(f, "LOOP: one timestamp pair around all alloc+free pairs (churn pairs), "
			"beside A.P50+F.P50; HARNESS: the null instrument timed like every op "
			"(clock and call), in every per-op figure (docs/metrics.md)\n");
		ratio_legend(f, rr, marked);
		spread_warnings(f, rr, rows, true);
		resolution_warnings(f, rr, rows);
		fputc('\n', f);
		marked = false;
	}
	tbl_init(&t, mem_cols, sizeof(mem_cols) / sizeof(mem_cols[0]));
	for (i = 0; i < rr->ninst; i++) {
		const struct cmp_row *w = &rows[i];

		tbl_cell(&t, "%s", w->backend);
		tbl_cell(&t, "%s", w->instance);
		tbl_cell(&t, "%.0f", w->ops_per_sec.med);
		marked |= ratio_cell(&t, w, CMP_R_OPS, !i);
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
	ratio_legend(f, rr, marked);
	spread_warnings(f, rr, rows, false);
	/* the first failure: what was free when a request was refused */
	for (i = 0; i < rr->ninst; i++) {
		const struct cmp_row *w = &rows[i];
		char req[48];

		if (!w->has_first_fail)
			continue;
		if (w->fail_request == KML_TRACE_OVERSIZE)	/* a trace's */
			snprintf(req, sizeof(req), "an oversize request (above 1 GiB)");
		else
			snprintf(req, sizeof(req), "a request of %llu B",
				 (unsigned long long)w->fail_request);
		fprintf(f, "first failure on %s: %s failed with %llu B free "
			"(largest free block %llu B); %llu of %llu failures had enough free memory\n",
			w->backend, req,
			(unsigned long long)w->fail_free,
			(unsigned long long)w->fail_largest,
			(unsigned long long)w->failed_with_free,
			(unsigned long long)w->failures);
	}
	fprintf(f, "EXT.END/PEAK/MEAN: external fragmentation at the end state, its peak and "
		"its allocation-weighted mean over the samples; FAIL.FREE: failed requests "
		"although the free total was enough (docs/metrics.md)\n");
	print_pools(f, rows, rr->ninst);
	if (replay)
		fprintf(f, "VALID: ok = every rep done, no refused free, validate() clean "
			"after each rep, same op sequence as the first backend, every "
			"block aligned and none overlapping a live block of its worker "
			"(every op checked)\n");
	/* the backends that could not run: one row each, with the reason */
	for (i = 0; i < j->nbe; i++)
		if (j->be[i].failed)
			fprintf(f, "%-10s FAILED: %s\n",
				j->be[i].backend[0] ? j->be[i].backend :
				j->be[i].inst, j->be[i].why);
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
	/* since kmemlab-results/2: the rest of every rep, then certainty */
	"ops_done", "done", "elapsed_ns", "allocated_peak_bytes", "misaligned",
	"overlaps", "checksum",
	"alloc_p99_vs_first", "alloc_mean_vs_first", "free_p50_vs_first",
	"free_p99_vs_first",
	"alloc_p50_vs_first_ci_lo", "alloc_p50_vs_first_ci_hi", "alloc_p50_no_diff",
	"alloc_p99_vs_first_ci_lo", "alloc_p99_vs_first_ci_hi", "alloc_p99_no_diff",
	"alloc_mean_vs_first_ci_lo", "alloc_mean_vs_first_ci_hi", "alloc_mean_no_diff",
	"free_p50_vs_first_ci_lo", "free_p50_vs_first_ci_hi", "free_p50_no_diff",
	"free_p99_vs_first_ci_lo", "free_p99_vs_first_ci_hi", "free_p99_no_diff",
	"ops_per_sec_vs_first_ci_lo", "ops_per_sec_vs_first_ci_hi",
	"ops_per_sec_no_diff",
	"spread_high", "timing_resolution_ns", "latency_unreadable",
	/* fragmentation over the run; page allocators: their pool */
	"external_peak_pct", "external_mean_pct", "failed_with_free",
	"pool", "pool_kind", "pool_pages", "buddy_order", "unusable_end",
	"unusable_peak", "unusable_mean", "fragidx_end", "fragidx_peak",
};

/* A CSV number; a figure that does not apply (NAN) is an empty field. */
static void csv_num(FILE *f, double v)
{
	if (isnan(v))
		fputc(',', f);
	else
		fprintf(f, ",%.10g", v);
}

/* The fragmentation-over-time and pool fields: empty where n/a. */
static void csv_frag_pool(FILE *f, double ext_peak, double ext_mean,
			  uint64_t failed_with_free, bool has_pool,
			  const char *pool, bool shared, uint64_t pages,
			  unsigned int order, const double idx[5])
{
	unsigned int k;

	csv_num(f, ext_peak);
	csv_num(f, ext_mean);
	fprintf(f, ",%llu", (unsigned long long)failed_with_free);
	if (!has_pool) {
		fputs(",,,,,,,,,", f);
		return;
	}
	fprintf(f, ",%s,%s,%llu,%u", pool, shared ? "zone" : "own",
		(unsigned long long)pages, order);
	for (k = 0; k < 5; k++)
		csv_num(f, idx[k]);
}

/* The certainty fields of a median row (empty on a rep row, @w NULL):
 * ratios, their intervals, no-difference flags, spread and resolution. */
static void csv_certainty(FILE *f, const struct run_reply *rr,
			  const struct cmp_row *w)
{
	static const unsigned int more[] = {
		CMP_R_ALLOC_P99, CMP_R_ALLOC_MEAN, CMP_R_FREE_P50, CMP_R_FREE_P99,
	};
	unsigned int k;

	for (k = 0; k < 4; k++)
		csv_num(f, w && w->has_ratio[more[k]] ? w->vs[more[k]].ratio : NAN);
	for (k = 0; k < CMP_R_NR; k++) {
		bool ci = w && w->has_ratio[k] && w->vs[k].has_ci;

		csv_num(f, ci ? w->vs[k].lo : NAN);
		csv_num(f, ci ? w->vs[k].hi : NAN);
		if (ci)
			fprintf(f, ",%d", w->vs[k].no_diff);
		else
			fputc(',', f);
	}
	if (!w) {
		fputs(",,,", f);
		return;
	}
	fprintf(f, ",%d", w->spread_high);
	csv_num(f, rr->clock.resolution_ns);
	fprintf(f, ",%d", w->res_flags != 0);
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
		fprintf(f, ",%llu,%llu,,", (unsigned long long)x->bad_frees,
			(unsigned long long)x->violations);
		fprintf(f, ",%llu,%s", (unsigned long long)x->ops_done,
			x->done_ok ? "ok" : "short");
		csv_num(f, (double)x->elapsed_ns);
		csv_num(f, (double)x->allocated_peak);
		csv_num(f, x->has_misaligned ? (double)x->misaligned : NAN);
		csv_num(f, x->has_overlaps ? (double)x->overlaps : NAN);
		fprintf(f, ",%s", x->checksum);
		csv_certainty(f, rr, NULL);
		{
			const double idx[5] = {
				x->unusable_end_x1000 / 1000.0,
				x->unusable_peak_x1000 / 1000.0,
				x->unusable_mean_x1000 / 1000.0,
				x->fragidx_end_x1000 / 1000.0,
				x->fragidx_peak_x1000 / 1000.0,
			};

			csv_frag_pool(f, x->ext_peak_x1000 < 0 ? NAN :
				      x->ext_peak_x1000 / 10.0,
				      x->ext_mean_x1000 < 0 ? NAN :
				      x->ext_mean_x1000 / 10.0,
				      x->failed_with_free, x->has_pool, x->pool,
				      x->pool_shared, x->pool_pages,
				      (unsigned int)x->buddy_order, idx);
		}
		fputc('\n', f);
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
		fputs(",,,", f);	/* ops_done done elapsed_ns: per rep only */
		csv_num(f, NAN);
		csv_num(f, w->has_misaligned ? (double)w->misaligned : NAN);
		csv_num(f, w->has_overlaps ? (double)w->overlaps : NAN);
		fputc(',', f);
		csv_certainty(f, rr, w);
		{
			const double idx[5] = {
				w->unusable_end.med, w->unusable_peak.med,
				w->unusable_mean.med, w->fragidx_end.med,
				w->fragidx_peak.med,
			};

			csv_frag_pool(f, w->ext_peak_pct.med, w->ext_mean_pct.med,
				      w->failed_with_free, w->has_pool, w->pool,
				      w->pool_shared, w->pool_pages,
				      w->buddy_order, idx);
		}
		fputc('\n', f);
	}
}
