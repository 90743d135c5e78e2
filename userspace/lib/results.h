/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Saved results: the in-memory form of results.json (schema
 * "kmemlab-results/1", documented in docs/cli.md), its writer (used by
 * run/replay/bench) and its reader (used by 'kmemlab report', 'kmemlab diff'
 * and tests).
 */
#ifndef KMEMLAB_RESULTS_H
#define KMEMLAB_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define RESULTS_SCHEMA "kmemlab-results/2"
/* The schema before per-rep values and intervals; still read. */
#define RESULTS_SCHEMA_V1 "kmemlab-results/1"

/* Latency of one operation kind, nanoseconds. */
struct res_lat {
	bool present;
	double p50, p90, p99, p999, max, mean;
	size_t nbuckets;
	double *bucket_le;	/* upper bound of each bucket, ns, ascending */
	double *bucket_count;	/* samples in each bucket */
};

/* Time series of one run, sampled at t_ms[i]; absent columns are NULL. */
struct res_series {
	size_t n;
	double *t_ms;
	double *held_bytes;
	double *requested_bytes;
	double *external_pct;		/* NULL for object caches (n/a) */
	double *internal_pct;
	double *stranded_pct;		/* object caches only */
	unsigned int nr_orders;	/* columns of buddy_free; 0 when absent */
	double *buddy_free;	/* n x nr_orders free blocks per order */
};

/*
 * "pool" (page allocators): the kernel's buddy indices at the order of the
 * largest request, and what the pool is (docs/metrics.md).
 */
struct res_pool {
	bool set;			/* written only when set */
	char name[16];			/* "kmemlab" or the zone's name */
	bool shared;			/* a zone, shared with the system */
	uint64_t pages;
	unsigned int order;
	double unusable_end, unusable_peak, unusable_mean;	/* 0..1 */
	double fragidx_end, fragidx_peak;	/* -1, or (-1, 1) */
};

/* One rep of one instance (a run's "per_rep" array), every figure. */
struct res_rep {
	unsigned int rep;		/* rep index: rep r of every row ran together */
	uint64_t ops, ops_done, failures, bad_frees, violations;
	bool done_ok;
	bool has_lat;			/* timing=op */
	double alloc[6], free[6];	/* ns: p50 p90 p99 p999 max mean */
	double floor_ns, elapsed_ns, ops_per_sec;
	double internal_pct, external_pct, stranded_pct;	/* NAN: n/a */
	double external_peak_pct, external_mean_pct;	/* NAN: n/a */
	struct res_pool pool;
	uint64_t requested_peak, allocated_peak;	/* bytes */
	double held_peak;		/* bytes; NaN: n/a */
	double utilization_pct;		/* NaN: n/a */
	bool has_misaligned, has_overlaps;
	uint64_t misaligned, overlaps;
	char checksum[17];
};

/* A ratio of medians against the first row, with its 95% interval. */
struct res_ratio {
	char key[16];			/* "alloc_p50", ... "ops_per_sec" */
	double ratio;
	bool has_ci;			/* false: "ci": "n/a (needs >=3 reps)" */
	double ci_lo, ci_hi;
	bool no_diff;			/* the interval includes 1 */
};

#define RES_MAX_RATIOS 8

struct result {
	char backend[32];
	char instance[32];
	char workload[64];
	unsigned int rep;
	uint64_t ops;
	uint64_t failures;
	struct res_lat alloc, free;
	double floor_ns;
	double ops_per_sec;
	double internal_pct;
	/* NAN (JSON null) when n/a: external for object caches, stranded else */
	double external_pct, stranded_pct;
	double external_peak_pct, external_mean_pct;	/* over the run */
	struct res_pool pool;		/* medians over reps */
	uint64_t requested_peak;
	double held_peak;		/* bytes; NaN: n/a (docs/metrics.md) */
	double utilization_pct;		/* 0..100, NaN: n/a (JSON
					 * "utilization_pct"; a kmemlab-results/1
					 * "utilization" x 100) */
	struct res_series series;
	/* Extensions of run/replay/bench; written only when set. */
	char group[64];			/* "group": the suite table (bench) */
	unsigned int reps;		/* "reps": reps summarized (medians) */
	double spread_pct;		/* "spread_pct": (max-min)/median */
	bool has_vs_first;		/* "vs_first": ratios to the first row */
	double vs_alloc_p50, vs_free_p50, vs_ops_per_sec;
	bool has_validity;		/* "validity": replay/run checks */
	bool valid;
	uint64_t bad_frees, violations;
	/* "validity" members "misaligned", "overlaps": when checked */
	bool has_misaligned, has_overlaps;
	uint64_t misaligned, overlaps;
	/* Certainty (docs/metrics.md): "rep": "median" for medians over reps */
	bool median;
	size_t nper_rep;		/* "per_rep": every rep's figures */
	struct res_rep *per_rep;
	size_t nratios;			/* "ratios_vs_first" (not on the first row) */
	struct res_ratio ratios[RES_MAX_RATIOS];
	size_t nspread;			/* "spread_pct_of": figure -> spread % */
	char spread_key[RES_MAX_RATIOS][16];
	double spread_of[RES_MAX_RATIOS];
	bool has_certainty;		/* the members below were written */
	bool spread_high;		/* "spread_high": a spread above 20 % */
	double resolution_ns;		/* "timing_resolution_ns" */
	bool latency_unreadable;	/* "latency_unreadable" */
};

struct results {
	size_t nctx;
	char **ctx_key;
	char **ctx_val;			/* every context value as text */
	size_t nr;
	struct result *r;
};

/* results_ctx_add() - append context key @key with value @val (copied);
 * a key already there keeps its value. */
void results_ctx_add(struct results *rs, const char *key, const char *val);

/* results_write() - write @rs as one JSON document (and a newline). */
int results_write(FILE *f, const struct results *rs);

/*
 * results_read() - read results.json text
 * @err: "line L, column C: why" for JSON errors, "results[i]: why" for
 *	schema errors (a required member missing or of the wrong type)
 * Return: 0, or -EINVAL / -ENOMEM; @rs is empty on failure.
 */
int results_read(const char *text, size_t len, struct results *rs, char *err,
		 size_t errlen);
void results_free(struct results *rs);
/* res_lat_free() / res_series_free() - free the arrays of one latency or
 * one series (results_free() frees those of every result). */
void res_lat_free(struct res_lat *l);
void res_series_free(struct res_series *s);

#endif /* KMEMLAB_RESULTS_H */
