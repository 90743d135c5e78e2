/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The objects of a run (the run, its cells and workers) and what a worker
 * does around every op (worker.c): timing, validity checks, sampling,
 * chunk boundaries. run.c and the generators of workloads.c build on
 * these; only the engine's files and its unit tests include this.
 */
#ifndef KML_WORKER_H
#define KML_WORKER_H

#include "engine_priv.h"
#include "rand.h"

struct kml_workload;

#define KML_RUN_CHUNK		64	/* ops between stop checks, samples */
#define KML_CK_LOG		(2 * KML_RUN_CHUNK)	/* pending checks */
#define KML_FLOOR_ITERS		1024	/* empty timed regions per worker */
#define KML_HARNESS_ITERS	1024	/* null alloc/free pairs per worker */
#define KML_RUN_SLOT_BYTES	(96u << 20) /* working sets of all workers */
#define KML_RUN_SLOT_COST	24	/* bytes per slot: set, checker */
#define KML_MIN_ALIGN		8	/* objects and heap payloads */

enum kml_mode { KML_MODE_PAIRS, KML_MODE_PHASES, KML_MODE_BATCH };
enum kml_dist { KML_DIST_UNIFORM, KML_DIST_POW2, KML_DIST_KMALLOC };
enum kml_free_order { KML_FREE_LIFO, KML_FREE_RANDOM };

/* The figures of one cell (one rep on one instance). */
struct kml_cell_result {
	struct kml_instance *in;
	u32 rep;
	u64 ops_req;
	u64 ops_done;
	u64 allocs;
	u64 frees;
	u64 failures;
	u64 bad_frees;
	u64 alloc_q[6];		/* p50 p90 p99 p99.9 max mean, ns */
	u64 free_q[6];
	u64 floor_ns;
	u64 harness_alloc_ns;	/* p50 of the null instrument, per op */
	u64 harness_free_ns;
	u64 loop_pairs;		/* churn pairs: the loop-timed phase */
	u64 loop_pair_ns;	/* its ns per alloc+free pair, 0: none */
	u64 elapsed_ns;
	u64 ops_per_sec;
	s32 int_frag;
	s32 ext_frag;		/* KML_METRIC_NA for object caches */
	s32 ext_peak;		/* over the samples, or NA */
	s32 ext_mean;		/* allocation-weighted mean of the samples */
	/* page allocators: the kernel's indices at the request order */
	bool has_pool;		/* the backend told its free lists */
	u32 buddy_order;	/* the order of the largest request */
	s32 unusable_end;	/* unusable free index, x1000, at the end */
	s32 unusable_peak;
	s32 unusable_mean;
	s32 fragidx_end;	/* fragmentation index, x1000 */
	s32 fragidx_peak;
	struct kml_free_area pool;	/* what the pool is (no row kept) */
	bool fail_seen;		/* a request failed: the state at the first */
	u64 fail_request;
	u64 fail_free;
	u64 fail_largest;
	u64 failed_with_free;	/* failures although enough was free */
	s32 stranded;		/* object caches with slab figures, else NA */
	u64 req_peak;
	u64 usable_peak;
	u64 held_peak;
	bool held_na;		/* held cannot be known: held_peak=-1 */
	s32 util;
	u32 violations;
	u64 misaligned;		/* objects not at the natural alignment */
	u64 overlaps;		/* objects that overlapped a live one */
	u64 cross_cpu_frees;	/* replay by thread: frees on another CPU */
	u64 checksum;
};

/*
 * One pending overlap check: a new block of @len bytes at @addr in @slot,
 * or (@len 0) the removal of @slot's block.
 */
struct kml_ck_event {
	unsigned long addr;
	u32 slot;
	u32 len;
};

struct kml_ring {
	struct kml_lock lock;
	void **ptr;
	u32 *size;
	u32 cap;
	u32 head;		/* next to pop */
	u32 count;
	bool done;		/* the producer finished */
	u64 turn;		/* replay by thread: the op whose turn it is */
};

struct kml_cell;

struct kml_worker {
	struct kml_cell *cell;
	unsigned int idx;
	struct kml_rand rng;
	struct kml_hist *ha;		/* alloc latency, ns */
	struct kml_hist *hf;		/* free latency, ns */
	struct kml_hist *hfloor;	/* empty timed region, ns */
	struct kml_hist *hnull_a;	/* the null instrument's alloc, ns */
	struct kml_hist *hnull_f;	/* ... and free: the harness's cost */
	void *null_priv;		/* the worker's null instance */
	u64 loop_ticks;			/* churn pairs: the loop-timed phase */
	u64 loop_pairs;
	void **ptr;			/* working set */
	u32 *size;
	u32 *perm;			/* shuffles */
	u32 *cpu_of;			/* replay by thread, worker 0's: the */
					/* CPU + 1 of each live object's alloc */
	u32 *ck_left;			/* overlap treap over the slots, or */
	u32 *ck_right;			/* NULL when overlaps are not checked */
	unsigned long *ck_addr;		/* each slot's block in the treap */
	u32 *ck_len;
	u32 ck_root;
	/* the checks of the ops since the last chunk boundary (kml_ck_flush) */
	struct kml_ck_event ck_log[KML_CK_LOG];
	u32 ck_nlog;
	u32 nr_slots;
	bool per_op;			/* stamp every op (else batches) */
	bool check;			/* check alignment (and overlaps) */
	bool stopping;
	u32 since;			/* ops since the last chunk boundary */
	u64 t_chunk;			/* batch mode: start of this chunk */
	u64 elapsed;			/* ticks of the workload */
	u64 ops_done;
	u64 allocs;			/* attempts */
	u64 frees;
	u64 failures;
	u64 bad_frees;
	s64 live;			/* read by worker 0's sampler */
	s64 live_req;
	s64 live_usable;
	u64 peak_req;
	u64 peak_usable;
	u64 sum_req;
	u64 sum_usable;
	u64 next_sample;
	u64 misaligned;
	u64 overlaps;
	u64 cross_cpu_frees;	/* replay by thread: freed on another CPU */
	u64 checksum;
	/* failed requests and the state at the first one (docs/metrics.md) */
	bool fail_seen;
	u64 fail_request;	/* bytes of the first failed request */
	u64 fail_free;		/* total_free then */
	u64 fail_largest;	/* largest_free then */
	u64 failed_with_free;	/* failures although total_free >= request */
};

struct kml_run {
	struct kml_engine *e;
	const struct kml_workload *wl;
	struct kml_instance *inst[KML_RUN_MAX_INST];
	struct kml_published *pub[KML_RUN_MAX_INST];
	unsigned int nr_inst;
	unsigned int cpus[KML_MAX_CPUS];
	unsigned int nr_cpus;
	u64 ops;
	u32 size, min, max;
	enum kml_dist dist;
	enum kml_mode mode;
	enum kml_free_order free_order;
	u32 reps;
	u64 seed;
	u32 batch;
	u32 order, maxorder;
	u64 sample;
	struct kml_trace *trace;
	u64 max_request;		/* largest size the workload asks */
	u32 pow2_lo, pow2_hi;		/* dist=pow2: exponents of min, max */
	u32 kmix_total;			/* dist=kmalloc-mix: sum of weights */
	bool stop;			/* WRITE_ONCE by stop / the host */
	bool stop_cmd;			/* by the stop command: a reply */

	struct kml_worker *w;		/* nr_cpus of them */
	struct kml_hist *cell_h;	/* 3: alloc, free, floor of a cell */
	struct kml_ring ring;
	struct kml_series *series;	/* the cell being run */
	struct kml_cell_result *res;	/* reps x nr_inst */
	unsigned int nr_res;
};

/*
 * A figure sampled over a cell: its peak and its allocation-weighted mean
 * (each sample counts for the allocations done until the next one).
 */
struct kml_trend {
	s32 peak;		/* KML_METRIC_NA until a sample has one */
	s32 last;		/* the last sample's figure */
	u64 last_op;		/* op count of the last sample */
	u64 weighted;		/* sum of figure x allocations covered */
	u64 ops;		/* allocations the sum covers */
};

#define KML_TREND_INIT	{ .peak = KML_METRIC_NA, .last = KML_METRIC_NA }

void kml_trend_add(struct kml_trend *t, s32 v, u64 op);
/* The mean; the peak when the samples cover no allocation. */
s32 kml_trend_mean(const struct kml_trend *t);

struct kml_cell {
	struct kml_run *run;
	struct kml_instance *in;
	const struct kml_backend *be;
	void *priv;
	u32 rep;
	u64 held_peak;		/* sampled */
	u64 peak_held_start;	/* the backend's lifetime peak_held before */
	u64 req_peak;		/* sampled, all workers */
	u64 usable_peak;
	u32 align;		/* natural alignment, 0: the block size */
	u64 max_size;		/* largest request it can serve at all */
	s32 ext_end;		/* external frag at the end state */
	s32 stranded_end;	/* stranded memory at the end state */
	bool ext_end_set;
	/* external fragmentation over the samples (heaps, page allocators) */
	struct kml_trend ext;
	/* page allocators: the indices at the request order, and the pool */
	struct kml_trend unusable;
	s32 fragidx_peak;	/* its mean mixes -1000 (success): none */
	s32 unusable_end;
	s32 fragidx_end;
	bool has_pool;
	struct kml_free_area pool;
};

static inline void kml_w_sum(struct kml_worker *w, u64 kind, u64 slot,
			     u64 size)
{
	w->checksum = (w->checksum ^ ((kind << 60) ^ (slot << 32) ^ size)) *
		      0x100000001b3ULL;
}

static inline u32 kml_log2_up(u64 v)
{
	u32 e = 0;

	while ((1ULL << e) < v)
		e++;
	return e;
}

/*
 * The order of the run's largest request, at most KML_MAX_ORDER (a trace
 * may ask for more than any order; such requests fail).
 */
static inline unsigned int kml_run_order(const struct kml_run *r)
{
	u32 o = kml_log2_up((r->max_request + KML_PAGE_SIZE - 1) /
			    KML_PAGE_SIZE);

	return o > KML_MAX_ORDER ? KML_MAX_ORDER : o;
}

void kml_w_boundary(struct kml_worker *w);

/* Count one op; every KML_RUN_CHUNK ops, a chunk boundary. */
static inline void kml_w_tick(struct kml_worker *w)
{
	if (++w->since >= KML_RUN_CHUNK)
		kml_w_boundary(w);
}

void *kml_w_alloc(struct kml_worker *w, size_t size);
void kml_w_free(struct kml_worker *w, void *p, size_t size);
void kml_w_alloc_slot(struct kml_worker *w, u32 slot, u32 size);
void kml_w_free_slot(struct kml_worker *w, u32 slot);
/* Bulk: slots 0..@n-1 in one alloc_bulk / free_bulk call (worker.c). */
void kml_w_alloc_bulk(struct kml_worker *w, u32 n, u32 size);
void kml_w_free_bulk(struct kml_worker *w, u32 n);
/* Worker 0: one point of the time series (@end: the end state). */
void kml_w_sample(struct kml_worker *w, bool end);
void kml_w_end(struct kml_worker *w);
void kml_w_cleanup(struct kml_worker *w);
void kml_w_shuffle(struct kml_worker *w, u32 n);
void kml_w_replace(struct kml_worker *w, u32 j, u32 size);
/*
 * The loop-timed figure: @n alloc+free pairs of @size with one timestamp
 * pair around them all, as classic in-kernel benchmarks time (a stop check
 * and a reschedule point every KML_RUN_CHUNK pairs lie inside it).
 */
void kml_w_loop_pairs(struct kml_worker *w, u32 size, u64 n);

/* The overlap checker (a treap of the worker's live blocks). */
bool kml_ck_on(const struct kml_worker *w, u32 size);
bool kml_ck_hits(const struct kml_worker *w, const void *p, u32 len);
void kml_ck_insert(struct kml_worker *w, u32 i);
bool kml_ck_remove(struct kml_worker *w, u32 i);
/* Put @len bytes at @addr in the treap as slot @i (disjoint from all). */
void kml_ck_add(struct kml_worker *w, u32 i, const void *addr, u32 len);
/* Run the pending checks, in order (every chunk boundary, and the end). */
void kml_ck_flush(struct kml_worker *w);

/* The alignment every object of an instance must have (0: block size). */
u32 kml_natural_align(const struct kml_instance *in);
/* Worker @i ready for cell @c: counters cleared, PRNG seeded. */
void kml_worker_reset(struct kml_run *r, struct kml_cell *c, unsigned int i);

#endif /* KML_WORKER_H */
