/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The run reply (docs/interface.md section 6) as data: a strict parser of
 * the text the engine answers to 'run', with the line number in every
 * error, and the comparison of the instances of one run (medians over
 * reps, spread, ratios against the first instance) that 'kmemlab run',
 * 'replay' and 'bench' print.
 */
#ifndef KMEMLAB_RUNPARSE_H
#define KMEMLAB_RUNPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "certainty.h"

/* One key=value field of a reply line (value without its quotes). */
struct rr_kv {
	char *key;
	char *val;
};

/* One line of the reply: its record word and fields. */
struct rr_line {
	unsigned int lineno;
	size_t nkv;
	struct rr_kv *kv;
};

/* Latency percentiles of one operation kind, ns (LAT_P50 ... LAT_MEAN). */
enum { LAT_P50, LAT_P90, LAT_P99, LAT_P999, LAT_MAX, LAT_MEAN, LAT_NR };
extern const char *const rr_lat_names[LAT_NR];

/* One result line: one instance in one rep. */
struct rr_cell {
	unsigned int lineno;
	unsigned int rep;
	char instance[32];
	char backend[32];
	char workload[32];
	uint64_t ops, ops_done, allocs, frees, failures, bad_frees;
	bool done_ok;
	bool has_lat;			/* timing=op */
	uint64_t alloc[LAT_NR], free[LAT_NR];
	uint64_t floor_ns, elapsed_ns, ops_per_sec;
	int64_t internal_x1000;
	int64_t external_x1000;		/* -1: n/a (object caches) */
	int64_t stranded_x1000;		/* -1: n/a, or absent from the reply */
	uint64_t harness_alloc_ns;	/* the null instrument's p50s; 0: absent */
	uint64_t harness_free_ns;
	uint64_t loop_pair_ns;		/* churn pairs, loop-timed; 0: absent */
	int64_t ext_peak_x1000;		/* over the samples; -1: n/a or absent */
	int64_t ext_mean_x1000;		/* allocation-weighted mean; -1 likewise */
	uint64_t failed_with_free;	/* failures although enough was free */
	bool has_first_fail;		/* the state at the first failure: */
	uint64_t fail_request, fail_free, fail_largest;
	/* page allocators: the kernel's indices at buddy_order, and the pool */
	bool has_pool;
	uint64_t buddy_order;
	int64_t unusable_end_x1000, unusable_peak_x1000, unusable_mean_x1000;
	int64_t fragidx_end_x1000, fragidx_peak_x1000;
	char pool[16];			/* "kmemlab", or the zone's name */
	uint64_t pool_pages;
	bool pool_shared;		/* the zone: shared with the system */
	uint64_t requested_peak, allocated_peak;
	int64_t held_peak;		/* -1: n/a (not knowable) */
	int64_t util_x1000;
	uint64_t violations;
	/* absent with timing=batch (not checked); overlaps also for remote */
	bool has_misaligned, has_overlaps;
	uint64_t misaligned, overlaps;
	char checksum[17];
};

/* The whole reply. */
struct run_reply {
	struct rr_line context;		/* fields of the context line */
	struct rr_line run;		/* fields of the run line */
	unsigned int reps;
	unsigned int ninst;
	char inst[8][32];		/* on= order */
	bool timing_op;
	size_t ncells;
	struct rr_cell *cells;		/* execution order */
	unsigned int cells_end;		/* end status=ok cells=N */
	struct cert_clock clock;	/* timing resolution (context line) */
};

/*
 * runreply_parse() - parse a run reply
 * @text: the reply (need not be NUL-terminated)
 * @len: its length
 * @rr: filled on success; runreply_free() it
 * @err: on failure "line N: why" (or "why" for a missing line at the end)
 * Return: 0, -EINVAL on a malformed reply, -ENOMEM.
 */
int runreply_parse(const char *text, size_t len, struct run_reply *rr,
		   char *err, size_t errlen);
void runreply_free(struct run_reply *rr);

/* rr_get() - the value of @key on @l, or NULL. */
const char *rr_get(const struct rr_line *l, const char *key);

/* runreply_workload() - the workload as run, e.g. "churn size=64": its
 * name and the keys of the run line that shape it, defaults left out. */
void runreply_workload(const struct run_reply *rr, char *buf, size_t size);

/* A metric of the comparison: median over reps, min and max. */
struct cmp_stat {
	double med, min, max;
};

/* The ratios against the first row that carry an interval. */
enum {
	CMP_R_ALLOC_P50, CMP_R_ALLOC_P99, CMP_R_ALLOC_MEAN, CMP_R_FREE_P50,
	CMP_R_FREE_P99, CMP_R_OPS, CMP_R_NR,
};
/* Their names in JSON and CSV ("alloc_p50") and in text ("A.P50"). */
extern const char *const cmp_ratio_keys[CMP_R_NR];
extern const char *const cmp_ratio_titles[CMP_R_NR];

/* What cmp_row.res_flags says about a latency at the timing resolution. */
enum {
	CMP_RES_ALLOC_FLOOR = 1,	/* alloc p50 within 2 steps of the floor */
	CMP_RES_FREE_FLOOR = 2,		/* free p50 within 2 steps of the floor */
	CMP_RES_ALLOC_FIRST = 4,	/* alloc p50 within 1 step of row 0's */
	CMP_RES_FREE_FIRST = 8,		/* free p50 within 1 step of row 0's */
};

/* One row of the comparison: one instance over all its reps. */
struct cmp_row {
	char instance[32];
	char backend[32];
	unsigned int reps;		/* cells of this instance */
	unsigned int done_ok;		/* cells with done=ok */
	struct cmp_stat alloc[LAT_NR], free[LAT_NR];
	struct cmp_stat ops_per_sec, floor_ns;
	struct cmp_stat internal_pct, util_pct;
	/* NAN when the figure does not apply to the backend (-1 in the reply) */
	struct cmp_stat external_pct, stranded_pct;
	struct cmp_stat ext_peak_pct, ext_mean_pct;
	/* NAN when absent: the harness's cost, the loop-timed pair */
	struct cmp_stat harness_alloc_ns, harness_free_ns, loop_pair_ns;
	uint64_t failed_with_free;	/* sum over reps */
	/* the first failure of the first rep that had one */
	bool has_first_fail;
	uint64_t fail_request, fail_free, fail_largest;
	/* page allocators (has_pool): the indices (x1000 / 1000) and pool */
	bool has_pool;
	unsigned int buddy_order;
	struct cmp_stat unusable_end, unusable_peak, unusable_mean;
	struct cmp_stat fragidx_end, fragidx_peak;
	char pool[16];
	uint64_t pool_pages;		/* the first rep's */
	bool pool_shared;
	struct cmp_stat held_kib, requested_kib;
	uint64_t failures, bad_frees, violations;	/* sums over reps */
	/* sums over the reps that report them; has_*: some rep did */
	bool has_misaligned, has_overlaps;
	uint64_t misaligned, overlaps;
	bool checksum_ok;		/* equal to the first instance's per rep */
	/* Ratios against row 0 (medians); 0 when row 0's value is 0. */
	double r_alloc_p50, r_free_p50, r_alloc_mean, r_free_mean, r_ops;
	double spread_pct;		/* (max - min) / med of the key metric */
	/* The same ratios with their 95% intervals (certainty.h); latency
	 * ones only with timing=op (has_ratio). */
	bool has_ratio[CMP_R_NR];
	struct cert_ratio vs[CMP_R_NR];
	double fig_spread_pct[CMP_R_NR];	/* spread of each figure over reps */
	bool spread_high;		/* one above CERT_SPREAD_WARN_PCT */
	unsigned int res_flags;		/* CMP_RES_*: unreadable at the resolution */
};

/*
 * runreply_compare() - one row per instance in on= order
 * @rows: set to a malloc'ed array of rr->ninst rows
 * Ratios are paired by rep index: rep r of every row ran in the same
 * round of the interleaving.
 * Return: the number of rows, or -ENOMEM.
 */
int runreply_compare(const struct run_reply *rr, struct cmp_row **rows);

/* cmp_median() - median of @n values (mean of the middle two if even),
 * sorting @v in place; 0 for n == 0. */
double cmp_median(double *v, size_t n);

#endif /* KMEMLAB_RUNPARSE_H */
