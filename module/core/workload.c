// SPDX-License-Identifier: GPL-2.0
/*
 * Runs: the "run" command, its workloads and their measurement.
 *
 * A run executes reps x instances "cells". Rep r visits the instances in
 * the order given, rotated left by r (A,B then B,A then A,B ...), so that
 * slow drift (frequency, temperature, caches warmed by the previous cell)
 * does not always favour the same instance. Every cell runs the same op
 * sequence: the PRNG of worker i in rep r is seeded from (seed, r, i)
 * only, never from the instance.
 *
 * A cell runs on nr workers given by the host, worker i bound to cpus[i].
 * Each worker first measures the timing floor (an empty timed region,
 * 1024 times), then runs the workload against its own working set, then
 * frees everything it still holds. Per-op timing stamps kml_ticks()
 * around every alloc and every free and records nanoseconds in the
 * worker's histograms; mode=batch stamps only at chunk boundaries and
 * reports throughput. Every KML_RUN_CHUNK ops a worker checks the stop
 * flag and calls kml_cond_resched(); worker 0 also samples memory there
 * into a fixed-size time series that halves itself when full.
 *
 * Validity. With per-op timing every worker also checks, outside the timed
 * regions, what the backend hands out, as CS:APP's mdriver does: each
 * pointer must be aligned to the instance's natural alignment
 * (kml_cell_align(): 8 bytes or the instance's align= for object caches,
 * the payload alignment for heaps, the block size for our page allocator,
 * a page for other page allocators), and each new object must not overlap
 * any object the worker holds. The live objects of a worker are a treap
 * keyed by address over its working-set slots (two u32 links per slot,
 * allocated with the working set; priorities hash the slot number), which
 * holds disjoint blocks only: a block that overlaps one is counted and
 * left out, so the first overlap is always found and the count after it is
 * a lower bound. Each worker checks its own objects (several replay
 * workers share an instance; overlaps between their objects are not
 * looked for), the remote workload only alignment (its objects change
 * hands), and mode=batch nothing (the whole batch is one timed region).
 *
 * Locking: the command lock is held while the run is set up (instances
 * looked up and marked busy) and while results are published; it is
 * dropped while the workers run, so that "stop" and commands on other
 * instances proceed. Only one run exists at a time.
 */
#include "engine_priv.h"
#include "metrics.h"
#include "rand.h"

#define KML_RUN_CHUNK		64	/* ops between stop checks, samples */
#define KML_FLOOR_ITERS		1024	/* empty timed regions per worker */
#define KML_RUN_SLOT_BYTES	(96u << 20) /* working sets of all workers */
#define KML_RUN_SLOT_COST	24	/* bytes per slot: set, checker */
#define KML_MIN_ALIGN		8	/* objects and heap payloads */
#define KML_BURST_OBJS		12	/* objects per forked task */
#define KML_BURST_MAX_TASKS	4096

enum kml_workload {
	KML_WL_CHURN, KML_WL_SIZES, KML_WL_BURST, KML_WL_DENTRY,
	KML_WL_PAGES, KML_WL_REMOTE, KML_WL_REPLAY, KML_WL_NR,
};

static const char * const kml_wl_names[KML_WL_NR + 1] = {
	"churn", "sizes", "burst", "dentry", "pages", "remote", "replay", NULL,
};

enum kml_mode { KML_MODE_PAIRS, KML_MODE_PHASES, KML_MODE_BATCH };
enum kml_dist { KML_DIST_UNIFORM, KML_DIST_POW2, KML_DIST_KMALLOC };
enum kml_free_order { KML_FREE_LIFO, KML_FREE_RANDOM };

static const char * const kml_mode_words[] = {
	"pairs", "phases", "batch", NULL,
};

static const char * const kml_dist_words[] = {
	"uniform", "pow2", "kmalloc-mix", NULL,
};

static const char * const kml_forder_words[] = { "lifo", "random", NULL };

enum kml_rkey {
	KML_RK_ON, KML_RK_OPS, KML_RK_SIZE, KML_RK_MIN, KML_RK_MAX,
	KML_RK_DIST, KML_RK_CPUS, KML_RK_REPS, KML_RK_SEED, KML_RK_MODE,
	KML_RK_BATCH, KML_RK_FREE_ORDER, KML_RK_ORDER, KML_RK_MAXORDER,
	KML_RK_TRACE, KML_RK_SAMPLE, KML_RK_NR,
};

static const struct kml_keyspec kml_run_keys[KML_RK_NR] = {
	[KML_RK_ON]	= { "on", KML_KT_RAW },
	[KML_RK_OPS]	= { "ops", KML_KT_NUM, 1, KML_RUN_MAX_OPS },
	[KML_RK_SIZE]	= { "size", KML_KT_NUM, 1, KML_OBJ_MAX },
	[KML_RK_MIN]	= { "min", KML_KT_NUM, 1, KML_OBJ_MAX },
	[KML_RK_MAX]	= { "max", KML_KT_NUM, 1, KML_OBJ_MAX },
	[KML_RK_DIST]	= { "dist", KML_KT_ENUM, 0, 0, kml_dist_words },
	[KML_RK_CPUS]	= { "cpus", KML_KT_RAW },
	[KML_RK_REPS]	= { "reps", KML_KT_NUM, 1, KML_RUN_MAX_REPS },
	[KML_RK_SEED]	= { "seed", KML_KT_NUM, 0, ~0ULL },
	[KML_RK_MODE]	= { "mode", KML_KT_ENUM, 0, 0, kml_mode_words },
	[KML_RK_BATCH]	= { "batch", KML_KT_NUM, 1, KML_RUN_MAX_BATCH },
	[KML_RK_FREE_ORDER] = { "free_order", KML_KT_ENUM, 0, 0,
				kml_forder_words },
	[KML_RK_ORDER]	= { "order", KML_KT_NUM, 0, KML_MAX_ORDER },
	[KML_RK_MAXORDER] = { "maxorder", KML_KT_NUM, 0, KML_MAX_ORDER },
	[KML_RK_TRACE]	= { "trace", KML_KT_RAW },
	[KML_RK_SAMPLE]	= { "sample", KML_KT_NUM, 1, KML_RUN_MAX_OPS },
};

#define KML_RKB(k)	(1u << KML_RK_##k)
#define KML_RK_COMMON	(KML_RKB(ON) | KML_RKB(OPS) | KML_RKB(CPUS) | \
			 KML_RKB(REPS) | KML_RKB(SEED) | KML_RKB(MODE) | \
			 KML_RKB(SAMPLE))

/* The keys each workload takes, on top of the common ones. */
static const u32 kml_wl_keys[KML_WL_NR] = {
	[KML_WL_CHURN]	= KML_RKB(SIZE) | KML_RKB(BATCH) | KML_RKB(FREE_ORDER),
	[KML_WL_SIZES]	= KML_RKB(MIN) | KML_RKB(MAX) | KML_RKB(DIST) |
			  KML_RKB(BATCH),
	[KML_WL_BURST]	= KML_RKB(SIZE) | KML_RKB(BATCH),
	[KML_WL_DENTRY]	= KML_RKB(SIZE) | KML_RKB(BATCH),
	[KML_WL_PAGES]	= KML_RKB(ORDER) | KML_RKB(MAXORDER) | KML_RKB(BATCH),
	[KML_WL_REMOTE]	= KML_RKB(SIZE) | KML_RKB(BATCH),
	[KML_WL_REPLAY]	= KML_RKB(TRACE),
};

/* Defaults: size, batch (docs/interface.md, "run"). */
static const u32 kml_wl_size[KML_WL_NR] = {
	[KML_WL_CHURN] = 64, [KML_WL_BURST] = 9792, [KML_WL_DENTRY] = 192,
	[KML_WL_REMOTE] = 64,
};

static const u32 kml_wl_batch[KML_WL_NR] = {
	[KML_WL_CHURN] = 256, [KML_WL_SIZES] = 256, [KML_WL_BURST] = 32,
	[KML_WL_DENTRY] = 4096, [KML_WL_PAGES] = 64, [KML_WL_REMOTE] = 256,
	[KML_WL_REPLAY] = 1,
};

/*
 * The objects of one fork, after the task_struct (whose size is the
 * workload's size=): sizeof() in Debian 6.1 amd64 (6.1.0-56) of cred,
 * signal_struct, sighand_struct, files_struct, fs_struct, mm_struct, pid
 * and four vm_area_structs.
 */
static const u32 kml_burst_sizes[KML_BURST_OBJS - 1] = {
	176, 1112, 2080, 704, 56, 1096, 96, 152, 152, 152, 152,
};

#define KML_BURST_COMPANION_MAX	2080

/* kmalloc-mix: size classes and weights (sizes are uniform inside). */
static const u32 kml_kmix_class[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};

static const u32 kml_kmix_weight[] = {
	10, 10, 12, 16, 6, 8, 8, 8, 8, 6, 4, 3, 1,
};

static_assert(ARRAY_SIZE(kml_kmix_class) == ARRAY_SIZE(kml_kmix_weight),
	      "kmalloc-mix tables differ");

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
	u64 elapsed_ns;
	u64 ops_per_sec;
	s32 int_frag;
	s32 ext_frag;		/* KML_METRIC_NA for object caches */
	s32 stranded;		/* object caches with slab figures, else NA */
	u64 req_peak;
	u64 usable_peak;
	u64 held_peak;
	s32 util;
	u32 violations;
	u64 misaligned;		/* objects not at the natural alignment */
	u64 overlaps;		/* objects that overlapped a live one */
	u64 checksum;
};

struct kml_ring {
	struct kml_lock lock;
	void **ptr;
	u32 *size;
	u32 cap;
	u32 head;		/* next to pop */
	u32 count;
	bool done;		/* the producer finished */
};

struct kml_cell;

struct kml_worker {
	struct kml_cell *cell;
	unsigned int idx;
	struct kml_rand rng;
	struct kml_hist *ha;		/* alloc latency, ns */
	struct kml_hist *hf;		/* free latency, ns */
	struct kml_hist *hfloor;	/* empty timed region, ns */
	void **ptr;			/* working set */
	u32 *size;
	u32 *perm;			/* shuffles */
	u32 *ck_left;			/* overlap treap over the slots, or */
	u32 *ck_right;			/* NULL when overlaps are not checked */
	u32 ck_root;
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
	u64 checksum;
};

struct kml_run {
	struct kml_engine *e;
	enum kml_workload wl;
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

	struct kml_worker *w;		/* nr_cpus of them */
	struct kml_hist *cell_h;	/* 3: alloc, free, floor of a cell */
	struct kml_ring ring;
	struct kml_series *series;	/* the cell being run */
	struct kml_cell_result *res;	/* reps x nr_inst */
	unsigned int nr_res;
};

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
	bool slots;		/* the backend counts its free slots */
	u32 align;		/* natural alignment, 0: the block size */
	s32 ext_end;		/* external frag at the end state */
	s32 stranded_end;	/* stranded memory at the end state */
	bool ext_end_set;
};

/* --- the worker's primitives ------------------------------------------------ */

static u64 kml_cell_align(const struct kml_cell *c, size_t size);

static inline void kml_w_sum(struct kml_worker *w, u64 kind, u64 slot,
			     u64 size)
{
	w->checksum = (w->checksum ^ ((kind << 60) ^ (slot << 32) ^ size)) *
		      0x100000001b3ULL;
}

static void *kml_w_alloc(struct kml_worker *w, size_t size)
{
	struct kml_cell *c = w->cell;
	size_t usable;
	void *p;

	w->allocs++;
	if (w->per_op) {
		u64 t0, t1;

		t0 = kml_ticks();
		p = c->be->alloc(c->priv, size);
		t1 = kml_ticks();
		kml_hist_add(w->ha, kml_ticks_to_ns(t1 - t0));
	} else {
		p = c->be->alloc(c->priv, size);
	}
	if (!p) {
		w->failures++;
		return NULL;
	}
	if (w->check && ((unsigned long)p & (kml_cell_align(c, size) - 1)))
		w->misaligned++;
	usable = c->be->usable ? c->be->usable(c->priv, size) : size;
	WRITE_ONCE(w->live, w->live + 1);
	WRITE_ONCE(w->live_req, w->live_req + (s64)size);
	WRITE_ONCE(w->live_usable, w->live_usable + (s64)usable);
	w->sum_req += size;
	w->sum_usable += usable;
	if (w->live_req > 0 && (u64)w->live_req > w->peak_req)
		w->peak_req = w->live_req;
	if (w->live_usable > 0 && (u64)w->live_usable > w->peak_usable)
		w->peak_usable = w->live_usable;
	return p;
}

static void kml_w_free(struct kml_worker *w, void *p, size_t size)
{
	struct kml_cell *c = w->cell;
	size_t usable;
	int ret;

	if (w->per_op) {
		u64 t0, t1;

		t0 = kml_ticks();
		ret = c->be->free(c->priv, p, size);
		t1 = kml_ticks();
		kml_hist_add(w->hf, kml_ticks_to_ns(t1 - t0));
	} else {
		ret = c->be->free(c->priv, p, size);
	}
	w->frees++;
	if (ret) {
		w->bad_frees++;
		return;
	}
	usable = c->be->usable ? c->be->usable(c->priv, size) : size;
	WRITE_ONCE(w->live, w->live - 1);
	WRITE_ONCE(w->live_req, w->live_req - (s64)size);
	WRITE_ONCE(w->live_usable, w->live_usable - (s64)usable);
}

/* --- validity: alignment and overlap ----------------------------------------- */

#define KML_CK_NIL	0xffffffffu	/* no child, empty tree */
#define KML_CK_OUT	0xfffffffeu	/* ck_left[]: the slot is not in it */

static u32 kml_log2_up(u64 v)
{
	u32 e = 0;

	while ((1ULL << e) < v)
		e++;
	return e;
}

/*
 * The alignment every object of @size must have on the cell's instance:
 * object caches 8 bytes or align= when larger (SLUB and our slab never go
 * below 8), heaps their payload alignment, our page allocator its block
 * size (buddy blocks are naturally aligned), other page allocators a page
 * (vmalloc is only page aligned).
 */
static u64 kml_cell_align(const struct kml_cell *c, size_t size)
{
	if (c->align)
		return c->align;
	return (u64)KML_PAGE_SIZE <<
	       kml_log2_up((size + KML_PAGE_SIZE - 1) / KML_PAGE_SIZE);
}

static u32 kml_natural_align(const struct kml_instance *in)
{
	const struct kml_params *p = &in->params;
	u32 a;

	switch (in->be->family) {
	case KML_FAMILY_PAGE:
		return in->be->ours ? 0 : KML_PAGE_SIZE;
	case KML_FAMILY_HEAP:
		/* payloads are aligned when the header is a multiple */
		a = p->align ? p->align : KML_MIN_ALIGN;
		if (p->header % a)
			a = p->header & -p->header;
		return a;
	default:
		return p->align > KML_MIN_ALIGN ? p->align : KML_MIN_ALIGN;
	}
}

/* Treap priorities: a hash of the slot number, ties broken by it. */
static inline bool kml_ck_above(u32 a, u32 b)
{
	u32 x = a, y = b;

	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	y ^= y >> 16;
	y *= 0x7feb352du;
	y ^= y >> 15;
	y *= 0x846ca68bu;
	y ^= y >> 16;
	return x > y || (x == y && a > b);
}

static inline unsigned long kml_ck_lo(const struct kml_worker *w, u32 i)
{
	return (unsigned long)w->ptr[i];
}

/*
 * Whether [@p, @p + @len) overlaps a block of the treap. Its blocks are
 * disjoint, so the search path for @p passes the blocks just below and
 * just above it, the only ones that can overlap.
 */
static bool kml_ck_hits(const struct kml_worker *w, const void *p, u32 len)
{
	unsigned long lo = (unsigned long)p, hi = lo + len;
	u32 t = w->ck_root;

	while (t != KML_CK_NIL) {
		unsigned long tlo = kml_ck_lo(w, t);

		if (tlo < hi && lo < tlo + w->size[t])
			return true;
		t = tlo < lo ? w->ck_right[t] : w->ck_left[t];
	}
	return false;
}

/* Insert slot @i (disjoint from every block in the treap). */
static void kml_ck_insert(struct kml_worker *w, u32 i)
{
	unsigned long key = kml_ck_lo(w, i);
	u32 *link = &w->ck_root, *l, *r, t;

	while (*link != KML_CK_NIL && kml_ck_above(*link, i))
		link = kml_ck_lo(w, *link) < key ? &w->ck_right[*link] :
						   &w->ck_left[*link];
	/* split the subtree below @link around @key */
	t = *link;
	l = &w->ck_left[i];
	r = &w->ck_right[i];
	while (t != KML_CK_NIL) {
		if (kml_ck_lo(w, t) < key) {
			*l = t;
			l = &w->ck_right[t];
			t = *l;
		} else {
			*r = t;
			r = &w->ck_left[t];
			t = *r;
		}
	}
	*l = KML_CK_NIL;
	*r = KML_CK_NIL;
	*link = i;
}

/* Remove slot @i if it is in the treap; return whether it was. */
static bool kml_ck_remove(struct kml_worker *w, u32 i)
{
	unsigned long key;
	u32 *link, a, b;

	if (!w->ck_left || w->ck_left[i] == KML_CK_OUT)
		return false;
	key = kml_ck_lo(w, i);
	link = &w->ck_root;
	while (*link != i && *link != KML_CK_NIL)
		link = kml_ck_lo(w, *link) < key ? &w->ck_right[*link] :
						   &w->ck_left[*link];
	if (*link == i) {
		/* merge the two subtrees of @i in its place */
		a = w->ck_left[i];
		b = w->ck_right[i];
		while (a != KML_CK_NIL && b != KML_CK_NIL) {
			if (kml_ck_above(a, b)) {
				*link = a;
				link = &w->ck_right[a];
				a = *link;
			} else {
				*link = b;
				link = &w->ck_left[b];
				b = *link;
			}
		}
		*link = a != KML_CK_NIL ? a : b;
	}
	w->ck_left[i] = KML_CK_OUT;
	return true;
}

/* Whether overlaps are checked for a new object of @size. */
static inline bool kml_ck_on(const struct kml_worker *w, u32 size)
{
	return w->check && w->ck_left && size;
}

/* Track the new object in @slot: counted if it overlaps a live one. */
static void kml_ck_track(struct kml_worker *w, u32 slot)
{
	if (!w->ptr[slot] || !kml_ck_on(w, w->size[slot]))
		return;
	if (kml_ck_hits(w, w->ptr[slot], w->size[slot]))
		w->overlaps++;
	else
		kml_ck_insert(w, slot);
}

/* Allocate @size into the empty @slot and track it. */
static void kml_w_alloc_slot(struct kml_worker *w, u32 slot, u32 size)
{
	w->ptr[slot] = kml_w_alloc(w, size);
	w->size[slot] = size;
	kml_ck_track(w, slot);
}

/* Free the object in @slot, if any, and empty the slot. */
static void kml_w_free_slot(struct kml_worker *w, u32 slot)
{
	if (!w->ptr[slot])
		return;
	kml_ck_remove(w, slot);
	kml_w_free(w, w->ptr[slot], w->size[slot]);
	w->ptr[slot] = NULL;
}

/* Add a point to the series, halving it first when it is full. */
static void kml_series_add(struct kml_series *sr, const struct kml_sample *pt)
{
	u32 i;

	if (sr->nr == KML_SERIES_MAX) {
		for (i = 0; i < KML_SERIES_MAX / 2; i++)
			sr->pts[i] = sr->pts[2 * i];
		sr->nr = KML_SERIES_MAX / 2;
		sr->interval *= 2;
	}
	sr->pts[sr->nr++] = *pt;
}

/* Worker 0: one point of the time series, and the sampled peaks. */
static void kml_w_sample(struct kml_worker *w, bool end)
{
	struct kml_cell *c = w->cell;
	struct kml_run *r = c->run;
	struct kml_alloc_stats st = { 0 };
	struct kml_sample pt = { 0 };
	s64 live = 0, req = 0, usable = 0;
	unsigned int i;

	for (i = 0; i < r->nr_cpus; i++) {
		live += READ_ONCE(r->w[i].live);
		req += READ_ONCE(r->w[i].live_req);
		usable += READ_ONCE(r->w[i].live_usable);
		pt.op += READ_ONCE(r->w[i].allocs);
	}
	if (c->be->stats)
		c->be->stats(c->priv, &st);
	pt.live = live > 0 ? live : 0;
	pt.requested = req > 0 ? req : 0;
	pt.allocated = usable > 0 ? usable : 0;
	pt.held = st.bytes_held;
	kml_frag_figures(c->be, c->slots, &st, &pt.ext_frag, &pt.stranded);
	kml_series_add(r->series, &pt);
	if (pt.held > c->held_peak)
		c->held_peak = pt.held;
	if (pt.requested > c->req_peak)
		c->req_peak = pt.requested;
	if (pt.allocated > c->usable_peak)
		c->usable_peak = pt.allocated;
	if (end) {
		c->ext_end = pt.ext_frag;
		c->stranded_end = pt.stranded;
		c->ext_end_set = true;
	}
	w->next_sample = w->allocs + r->series->interval;
}

/* A chunk boundary: batch timing, sampling, rescheduling, stop check. */
static void kml_w_boundary(struct kml_worker *w)
{
	struct kml_run *r = w->cell->run;

	w->since = 0;
	if (!w->per_op)
		w->elapsed += kml_ticks() - w->t_chunk;
	if (!w->idx && w->allocs >= w->next_sample)
		kml_w_sample(w, false);
	kml_cond_resched();
	if (READ_ONCE(r->stop))
		w->stopping = true;
	if (!w->per_op)
		w->t_chunk = kml_ticks();
}

static inline void kml_w_tick(struct kml_worker *w)
{
	if (++w->since >= KML_RUN_CHUNK)
		kml_w_boundary(w);
}

/* The end state (before the final frees): sampled by worker 0. */
static void kml_w_end(struct kml_worker *w)
{
	if (!w->idx) {
		if (!w->per_op)
			w->elapsed += kml_ticks() - w->t_chunk;
		kml_w_sample(w, true);
		if (!w->per_op)
			w->t_chunk = kml_ticks();
	}
}

/* Free every object of the working set; never stops early. */
static void kml_w_cleanup(struct kml_worker *w)
{
	u32 i;

	for (i = 0; i < w->nr_slots; i++) {
		if (!w->ptr[i])
			continue;
		kml_w_free_slot(w, i);
		kml_w_tick(w);
	}
}

static void kml_w_shuffle(struct kml_worker *w, u32 n)
{
	u32 i, j, t;

	for (i = 0; i < n; i++)
		w->perm[i] = i;
	for (i = n; i > 1; i--) {
		j = (u32)kml_rand_below(&w->rng, i);
		t = w->perm[i - 1];
		w->perm[i - 1] = w->perm[j];
		w->perm[j] = t;
	}
	for (i = 0; i < n; i++)		/* the free order is part of the ops */
		kml_w_sum(w, 2, i, w->perm[i]);
}

/* Replace the object in slot @j (if any) by a new one of @size. */
static void kml_w_replace(struct kml_worker *w, u32 j, u32 size)
{
	kml_w_free_slot(w, j);
	kml_w_sum(w, 1, j, size);
	kml_w_alloc_slot(w, j, size);
	w->ops_done++;
	kml_w_tick(w);
}

/* --- workloads -------------------------------------------------------------- */

static void kml_wl_churn(struct kml_worker *w)
{
	struct kml_run *r = w->cell->run;
	u64 done = 0;
	u32 i, k;
	void *p;

	if (r->mode == KML_MODE_PAIRS) {
		while (done < r->ops && !w->stopping) {
			kml_w_sum(w, 1, 0, r->size);
			p = kml_w_alloc(w, r->size);
			if (p)
				kml_w_free(w, p, r->size);
			w->ops_done++;
			done++;
			kml_w_tick(w);
		}
		kml_w_end(w);
		return;
	}
	while (done < r->ops && !w->stopping) {
		k = r->ops - done < r->batch ? (u32)(r->ops - done) : r->batch;
		for (i = 0; i < k; i++) {
			kml_w_sum(w, 1, i, r->size);
			kml_w_alloc_slot(w, i, r->size);
			w->ops_done++;
			kml_w_tick(w);
			if (w->stopping) {
				k = i + 1;
				break;
			}
		}
		done += k;
		if (done >= r->ops || w->stopping)
			kml_w_end(w);
		if (r->free_order == KML_FREE_RANDOM)
			kml_w_shuffle(w, k);
		for (i = k; i-- > 0;) {
			u32 j = r->free_order == KML_FREE_RANDOM ? w->perm[i] : i;

			kml_w_free_slot(w, j);
			kml_w_tick(w);
		}
	}
}

static u32 kml_pick_size(struct kml_worker *w)
{
	struct kml_run *r = w->cell->run;
	u32 i, x, lo;

	switch (r->dist) {
	case KML_DIST_POW2:
		return 1u << kml_rand_range(&w->rng, r->pow2_lo, r->pow2_hi);
	case KML_DIST_KMALLOC:
		x = (u32)kml_rand_below(&w->rng, r->kmix_total);
		for (i = 0; x >= kml_kmix_weight[i]; i++)
			x -= kml_kmix_weight[i];
		lo = i ? kml_kmix_class[i - 1] + 1 : 1;
		return (u32)kml_rand_range(&w->rng, lo, kml_kmix_class[i]);
	default:
		return (u32)kml_rand_range(&w->rng, r->min, r->max);
	}
}

static void kml_wl_sizes(struct kml_worker *w)
{
	struct kml_run *r = w->cell->run;
	u64 done;

	for (done = 0; done < r->ops && !w->stopping; done++) {
		u32 j = (u32)kml_rand_below(&w->rng, r->batch);

		kml_w_replace(w, j, kml_pick_size(w));
	}
	kml_w_end(w);
	kml_w_cleanup(w);
}

static void kml_wl_pages(struct kml_worker *w)
{
	struct kml_run *r = w->cell->run;
	u64 done;

	for (done = 0; done < r->ops && !w->stopping; done++) {
		u32 j = (u32)kml_rand_below(&w->rng, r->batch);
		u32 o = r->order;

		/* geometric: each higher order half as likely */
		while (o < r->maxorder && (kml_rand_next(&w->rng) & 1))
			o++;
		kml_w_replace(w, j, (u32)(KML_PAGE_SIZE << o));
	}
	kml_w_end(w);
	kml_w_cleanup(w);
}

static void kml_wl_burst(struct kml_worker *w)
{
	struct kml_run *r = w->cell->run;
	u64 done = 0;
	u32 n, i;

	while (done < r->ops && !w->stopping) {
		/* fork: batch tasks of KML_BURST_OBJS objects each */
		for (n = 0; n < r->batch * KML_BURST_OBJS && done < r->ops &&
		     !w->stopping; n++, done++) {
			u32 o = n % KML_BURST_OBJS;
			u32 size = o ? kml_burst_sizes[o - 1] : r->size;

			kml_w_sum(w, 1, n, size);
			kml_w_alloc_slot(w, n, size);
			w->ops_done++;
			kml_w_tick(w);
		}
		if (done >= r->ops || w->stopping)
			kml_w_end(w);
		/* exit: the whole burst, in random order */
		kml_w_shuffle(w, n);
		for (i = 0; i < n; i++) {
			kml_w_free_slot(w, w->perm[i]);
			kml_w_tick(w);
		}
	}
}

/*
 * dentry: rounds of batch allocations; then the round is freed in random
 * order except one object in eight, which joins a long-lived pool of at
 * most batch objects (a full pool evicts a random member). What remains
 * are partially used slabs: the classic low-USE% case.
 */
static void kml_wl_dentry(struct kml_worker *w)
{
	struct kml_run *r = w->cell->run;
	void **pool = w->ptr + r->batch;
	u32 *pool_size = w->size + r->batch;
	u32 nr_pool = 0, n, i;
	u64 done = 0;

	while (done < r->ops && !w->stopping) {
		for (n = 0; n < r->batch && done < r->ops && !w->stopping;
		     n++, done++) {
			kml_w_sum(w, 1, n, r->size);
			kml_w_alloc_slot(w, n, r->size);
			w->ops_done++;
			kml_w_tick(w);
		}
		kml_w_shuffle(w, n);
		for (i = 0; i < n; i++) {
			u32 j = w->perm[i], v;
			bool tracked;

			if (!w->ptr[j])
				continue;
			if (kml_rand_below(&w->rng, 8)) {
				kml_w_free_slot(w, j);
			} else {
				if (nr_pool == r->batch) {
					v = (u32)kml_rand_below(&w->rng,
								nr_pool);
					kml_w_free_slot(w, r->batch + v);
				} else {
					v = nr_pool++;
				}
				/* the object moves to slot batch + v */
				tracked = kml_ck_remove(w, j);
				pool[v] = w->ptr[j];
				pool_size[v] = w->size[j];
				if (tracked)
					kml_ck_insert(w, r->batch + v);
			}
			w->ptr[j] = NULL;
			kml_w_tick(w);
		}
	}
	kml_w_end(w);
	kml_w_cleanup(w);
}

/* remote: worker 0 allocates and hands over, worker 1 frees. */
static void kml_wl_remote(struct kml_worker *w)
{
	struct kml_run *r = w->cell->run;
	struct kml_ring *q = &r->ring;
	u64 done;
	bool got, fin;
	void *p;
	u32 size = 0, slot;

	if (!w->idx) {
		for (done = 0; done < r->ops && !w->stopping; done++) {
			kml_w_sum(w, 1, 0, r->size);
			p = kml_w_alloc(w, r->size);
			w->ops_done++;
			while (p) {
				kml_lock_acquire(&q->lock);
				if (q->count < q->cap) {
					slot = (q->head + q->count) % q->cap;
					q->ptr[slot] = p;
					q->size[slot] = r->size;
					q->count++;
					p = NULL;
				}
				kml_lock_release(&q->lock);
				if (p)
					kml_cond_resched();
			}
			kml_w_tick(w);
		}
		kml_w_end(w);
		kml_lock_acquire(&q->lock);
		q->done = true;
		kml_lock_release(&q->lock);
		return;
	}
	for (;;) {
		kml_lock_acquire(&q->lock);
		got = q->count > 0;
		fin = q->done;
		if (got) {
			p = q->ptr[q->head];
			size = q->size[q->head];
			q->head = (q->head + 1) % q->cap;
			q->count--;
		}
		kml_lock_release(&q->lock);
		if (got) {
			kml_w_free(w, p, size);
			kml_w_tick(w);
			continue;
		}
		if (fin)
			break;
		kml_cond_resched();
	}
}

static void kml_wl_replay(struct kml_worker *w)
{
	struct kml_run *r = w->cell->run;
	const struct kml_trace *t = r->trace;
	u64 i;

	for (i = 0; i < r->ops && !w->stopping; i++) {
		const struct kml_trace_op *op = &t->ops[i];
		u32 id = op->id;
		bool hit;
		void *p;

		kml_w_sum(w, op->op + 1, id, op->size);
		switch (op->op) {
		case KML_TOP_ALLOC:
			kml_w_alloc_slot(w, id, op->size);
			break;
		case KML_TOP_FREE:
			kml_w_free_slot(w, id);
			break;
		default:
			/* realloc: new block, copy the smaller size, free old */
			p = kml_w_alloc(w, op->size);
			if (!p)
				break;	/* like realloc(): the old one stays */
			/* checked while the old block is still live */
			hit = kml_ck_on(w, op->size) &&
			      kml_ck_hits(w, p, op->size);
			if (w->ptr[id]) {
				/* memmove: a broken backend may overlap them */
				memmove(p, w->ptr[id],
					op->size < w->size[id] ? op->size :
					w->size[id]);
				kml_w_free_slot(w, id);
			}
			w->ptr[id] = p;
			w->size[id] = op->size;
			if (hit)
				w->overlaps++;
			else if (kml_ck_on(w, op->size))
				kml_ck_insert(w, id);
			break;
		}
		w->ops_done++;
		kml_w_tick(w);
	}
	kml_w_end(w);
	kml_w_cleanup(w);
}

static void kml_worker_main(void *arg, unsigned int idx)
{
	struct kml_cell *c = arg;
	struct kml_run *r = c->run;
	struct kml_worker *w = &r->w[idx];
	u64 t0, t1;
	unsigned int i;

	for (i = 0; i < KML_FLOOR_ITERS; i++) {
		t0 = kml_ticks();
		t1 = kml_ticks();
		kml_hist_add(w->hfloor, kml_ticks_to_ns(t1 - t0));
	}
	if (!idx)
		kml_w_sample(w, false);
	t0 = kml_ticks();
	w->t_chunk = t0;
	switch (r->wl) {
	case KML_WL_CHURN:
		kml_wl_churn(w);
		break;
	case KML_WL_SIZES:
		kml_wl_sizes(w);
		break;
	case KML_WL_BURST:
		kml_wl_burst(w);
		break;
	case KML_WL_DENTRY:
		kml_wl_dentry(w);
		break;
	case KML_WL_PAGES:
		kml_wl_pages(w);
		break;
	case KML_WL_REMOTE:
		kml_wl_remote(w);
		break;
	default:
		kml_wl_replay(w);
		break;
	}
	t1 = kml_ticks();
	if (w->per_op)
		w->elapsed = t1 - t0;
	else
		w->elapsed += t1 - w->t_chunk;
}

/* --- cells -------------------------------------------------------------- */

static u64 kml_median(u64 *v, unsigned int n)
{
	unsigned int i, j;
	u64 t;

	for (i = 1; i < n; i++)		/* insertion sort: n <= 100 */
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	if (!n)
		return 0;
	return n & 1 ? v[n / 2] : v[n / 2 - 1] / 2 + v[n / 2] / 2 +
				  (v[n / 2 - 1] & v[n / 2] & 1);
}

static void kml_quantiles(const struct kml_hist *h, u64 *q)
{
	q[0] = kml_hist_quantile(h, 50, 100);
	q[1] = kml_hist_quantile(h, 90, 100);
	q[2] = kml_hist_quantile(h, 99, 100);
	q[3] = kml_hist_quantile(h, 999, 1000);
	q[4] = h->count ? h->max : 0;
	q[5] = kml_hist_mean(h);
}

static void kml_worker_reset(struct kml_run *r, struct kml_cell *c,
			     unsigned int i)
{
	struct kml_worker *w = &r->w[i];
	u64 x = r->seed;
	u32 j;

	/* everything but the histograms' and working set's memory */
	kml_hist_reset(w->ha);
	kml_hist_reset(w->hf);
	kml_hist_reset(w->hfloor);
	w->cell = c;
	w->idx = i;
	w->per_op = r->mode != KML_MODE_BATCH;
	w->check = w->per_op;
	w->ck_root = KML_CK_NIL;
	for (j = 0; w->ck_left && j < w->nr_slots; j++)
		w->ck_left[j] = KML_CK_OUT;
	w->misaligned = 0;
	w->overlaps = 0;
	w->stopping = false;
	w->since = 0;
	w->t_chunk = 0;
	w->elapsed = 0;
	w->ops_done = 0;
	w->allocs = 0;
	w->frees = 0;
	w->failures = 0;
	w->bad_frees = 0;
	w->live = 0;
	w->live_req = 0;
	w->live_usable = 0;
	w->peak_req = 0;
	w->peak_usable = 0;
	w->sum_req = 0;
	w->sum_usable = 0;
	w->next_sample = 0;
	w->checksum = 0xcbf29ce484222325ULL;
	/* the op sequence depends on (seed, rep, worker) only */
	x ^= kml_splitmix64(&x) + c->rep * 0x9e3779b97f4a7c15ULL;
	x ^= (u64)i << 48;
	kml_rand_seed(&w->rng, x);
}

/* Run one cell and fill @res; 0, or -EINTR / the host's error. */
static int kml_cell_run(struct kml_run *r, struct kml_instance *in, u32 rep,
			struct kml_cell_result *res, struct kml_published *pub)
{
	const struct kml_host *host = r->e->host;
	struct kml_hist *ha = &r->cell_h[0], *hf = &r->cell_h[1];
	struct kml_hist *hfl = &r->cell_h[2];
	struct kml_cell c = {
		.run = r, .in = in, .be = in->be, .priv = in->priv, .rep = rep,
		.align = kml_natural_align(in),
	};
	struct kml_alloc_stats st = { 0 };
	u64 q[6], elapsed = 0, ops_all;
	unsigned int i;
	int ret;

	for (i = 0; i < r->nr_cpus; i++)
		kml_worker_reset(r, &c, i);
	memset(r->series, 0, sizeof(*r->series));
	r->series->rep = rep;
	r->series->interval = r->sample;
	r->ring.head = 0;
	r->ring.count = 0;
	r->ring.done = false;
	if (in->be->stats)
		in->be->stats(in->priv, &st);
	c.peak_held_start = st.peak_held;
	c.slots = kml_counts_free_slots(in->be, in->priv);	/* no workers yet */

	ret = host->run_workers(host->priv, r->nr_cpus, r->cpus,
				kml_worker_main, &c, &r->stop);
	if (ret)
		return ret;

	kml_hist_reset(ha);
	kml_hist_reset(hf);
	kml_hist_reset(hfl);
	memset(res, 0, sizeof(*res));
	res->in = in;
	res->rep = rep;
	for (i = 0; i < r->nr_cpus; i++) {
		struct kml_worker *w = &r->w[i];

		kml_hist_merge(ha, w->ha);
		kml_hist_merge(hf, w->hf);
		kml_hist_merge(hfl, w->hfloor);
		res->ops_done += w->ops_done;
		res->allocs += w->allocs;
		res->frees += w->frees;
		res->failures += w->failures;
		res->bad_frees += w->bad_frees;
		res->misaligned += w->misaligned;
		res->overlaps += w->overlaps;
		res->checksum ^= w->checksum;
		res->req_peak += w->peak_req;
		res->usable_peak += w->peak_usable;
		if (w->elapsed > elapsed)
			elapsed = w->elapsed;
	}
	/* internal fragmentation over every allocation of the cell */
	{
		u64 sreq = 0, susable = 0;

		for (i = 0; i < r->nr_cpus; i++) {
			sreq += r->w[i].sum_req;
			susable += r->w[i].sum_usable;
		}
		res->int_frag = kml_metric_int_frag(sreq, susable);
	}
	if (r->nr_cpus > 1) {		/* per-worker peaks don't add up */
		res->req_peak = c.req_peak;
		res->usable_peak = c.usable_peak;
	}
	kml_quantiles(ha, res->alloc_q);
	kml_quantiles(hf, res->free_q);
	kml_quantiles(hfl, q);
	res->floor_ns = q[0];
	res->elapsed_ns = kml_ticks_to_ns(elapsed);
	ops_all = res->allocs + res->frees;
	res->ops_per_sec = res->elapsed_ns ?
			   ops_all * 1000000000ULL / res->elapsed_ns : 0;
	res->ext_frag = c.ext_end;
	res->stranded = c.stranded_end;
	/* a new lifetime peak of the backend happened during this cell */
	if (in->be->stats)
		in->be->stats(in->priv, &st);
	if (st.peak_held > c.peak_held_start && st.peak_held > c.held_peak)
		c.held_peak = st.peak_held;
	res->held_peak = c.held_peak;
	/*
	 * Peak payload over peak held (CS:APP's utilization). One worker
	 * tracks its payload peak exactly; with several, the peak comes
	 * from the samples, as per-worker peaks need not coincide.
	 */
	res->util = kml_metric_utilization(res->req_peak, res->held_peak);
	res->ops_req = r->wl == KML_WL_REMOTE ? r->ops : r->ops * r->nr_cpus;
	res->violations = in->be->validate ? in->be->validate(in->priv) : 0;

	kml_hist_merge(&pub->alloc, ha);
	kml_hist_merge(&pub->free, hf);
	pub->series = *r->series;
	return READ_ONCE(r->stop) ? -EINTR : 0;
}

/* --- set-up ------------------------------------------------------------------ */

static void kml_run_free(struct kml_run *r)
{
	unsigned int i;

	if (!r)
		return;
	for (i = 0; r->w && i < r->nr_cpus; i++) {
		kml_free(r->w[i].ha);
		kml_free(r->w[i].hf);
		kml_free(r->w[i].hfloor);
		kml_free(r->w[i].ptr);
		kml_free(r->w[i].size);
		kml_free(r->w[i].perm);
		kml_free(r->w[i].ck_left);
		kml_free(r->w[i].ck_right);
	}
	for (i = 0; i < KML_RUN_MAX_INST; i++)
		kml_free(r->pub[i]);
	kml_free(r->w);
	kml_free(r->cell_h);
	kml_free(r->ring.ptr);
	kml_free(r->ring.size);
	kml_lock_destroy(&r->ring.lock);
	kml_free(r->series);
	kml_free(r->res);
	kml_free(r);
}

/* Slots of the working set each worker needs. */
static u32 kml_run_slots(const struct kml_run *r)
{
	switch (r->wl) {
	case KML_WL_CHURN:
		return r->mode == KML_MODE_PAIRS ? 1 : r->batch;
	case KML_WL_BURST:
		return r->batch * KML_BURST_OBJS;
	case KML_WL_DENTRY:
		return 2 * r->batch;
	case KML_WL_REMOTE:
		return 1;
	case KML_WL_REPLAY:
		return r->trace->nr_ids;
	default:
		return r->batch;
	}
}

static int kml_run_alloc(struct kml_session *s, struct kml_run *r)
{
	u32 slots = kml_run_slots(r);
	unsigned int i;

	if ((u64)slots * KML_RUN_SLOT_COST * r->nr_cpus > KML_RUN_SLOT_BYTES)
		return kml_cmd_err(s, -E2BIG,
				   "working sets of %u objects x %u workers above the bound of %u bytes",
				   slots, r->nr_cpus, KML_RUN_SLOT_BYTES);
	r->w = kml_zalloc(r->nr_cpus * sizeof(*r->w));
	r->cell_h = kml_zalloc(3 * sizeof(*r->cell_h));
	r->series = kml_zalloc(sizeof(*r->series));
	r->res = kml_zalloc(r->reps * r->nr_inst * sizeof(*r->res));
	if (!r->w || !r->cell_h || !r->series || !r->res)
		goto out_nomem;
	for (i = 0; i < r->nr_cpus; i++) {
		struct kml_worker *w = &r->w[i];

		w->ha = kml_zalloc(sizeof(*w->ha));
		w->hf = kml_zalloc(sizeof(*w->hf));
		w->hfloor = kml_zalloc(sizeof(*w->hfloor));
		w->ptr = kml_zalloc(slots * sizeof(*w->ptr));
		w->size = kml_zalloc(slots * sizeof(*w->size));
		w->perm = kml_zalloc(slots * sizeof(*w->perm));
		w->nr_slots = slots;
		if (!w->ha || !w->hf || !w->hfloor || !w->ptr || !w->size ||
		    !w->perm)
			goto out_nomem;
		/* remote: objects change hands; batch: nothing is checked */
		if (r->wl == KML_WL_REMOTE || r->mode == KML_MODE_BATCH)
			continue;
		w->ck_left = kml_zalloc(slots * sizeof(*w->ck_left));
		w->ck_right = kml_zalloc(slots * sizeof(*w->ck_right));
		if (!w->ck_left || !w->ck_right)
			goto out_nomem;
	}
	if (r->wl == KML_WL_REMOTE) {
		r->ring.cap = r->batch;
		r->ring.ptr = kml_zalloc(r->batch * sizeof(*r->ring.ptr));
		r->ring.size = kml_zalloc(r->batch * sizeof(*r->ring.size));
		if (!r->ring.ptr || !r->ring.size)
			goto out_nomem;
	}
	for (i = 0; i < r->nr_inst; i++) {
		r->pub[i] = kml_zalloc(sizeof(*r->pub[i]));
		if (!r->pub[i])
			goto out_nomem;
		kml_hist_reset(&r->pub[i]->alloc);
		kml_hist_reset(&r->pub[i]->free);
		memcpy(r->pub[i]->workload, kml_wl_names[r->wl],
		       strlen(kml_wl_names[r->wl]) + 1);
		r->pub[i]->reps = r->reps;
		r->pub[i]->seed = r->seed;
	}
	return 0;

out_nomem:
	return kml_cmd_err(s, -ENOMEM, "out of memory for the run");
}

static int kml_run_cpus(struct kml_session *s, struct kml_run *r)
{
	struct kml_tok *items = s->items;
	unsigned int i, j, nr;
	int ret;

	if (!(s->kv_seen & KML_RKB(CPUS))) {
		r->cpus[0] = 0;
		r->cpus[1] = 1;
		r->nr_cpus = r->wl == KML_WL_REMOTE ? 2 : 1;
		if (r->nr_cpus > kml_nr_cpus())
			return kml_cmd_err(s, -EINVAL,
					   "remote needs 2 CPUs; this platform has %u",
					   kml_nr_cpus());
		return 0;
	}
	ret = kml_parse_list(s, "cpus", &s->kv_raw[KML_RK_CPUS], items,
			     KML_MAX_CPUS, &nr);
	if (ret)
		return ret;
	for (i = 0; i < nr; i++) {
		u64 v;

		if (kml_parse_u64(items[i].s, items[i].len, &v))
			return kml_cmd_err(s, -EINVAL,
					   "cpus=: '%s' is not a number",
					   kml_tok_show(s, &items[i]));
		if (v >= kml_nr_cpus())
			return kml_cmd_err(s, -EINVAL,
					   "cpus=: cpu %llu is not below %u",
					   (unsigned long long)v,
					   kml_nr_cpus());
		for (j = 0; j < i; j++)
			if (r->cpus[j] == v)
				return kml_cmd_err(s, -EINVAL,
						   "cpus=: cpu %llu given twice",
						   (unsigned long long)v);
		r->cpus[i] = (unsigned int)v;
	}
	r->nr_cpus = nr;
	if (r->wl == KML_WL_REMOTE && nr != 2)
		return kml_cmd_err(s, -EINVAL,
				   "remote needs exactly 2 cpus (cpus=A,B)");
	if (r->wl == KML_WL_REPLAY && nr > KML_RUN_MAX_REPLAY_CPUS)
		return kml_cmd_err(s, -E2BIG,
				   "replay takes at most %u cpus",
				   KML_RUN_MAX_REPLAY_CPUS);
	return 0;
}

/* Parse and check everything but the instances (no lock needed). */
static int kml_run_parse(struct kml_session *s, struct kml_run *r)
{
	u64 *v = s->kv_num;
	u32 allowed, k;
	int ret;

	for (k = 0; k < KML_WL_NR; k++)
		if (kml_tok_eq(&s->tok[1], kml_wl_names[k]))
			break;
	if (k == KML_WL_NR)
		return kml_cmd_err(s, -EINVAL,
				   "unknown workload '%s' (churn|sizes|burst|dentry|pages|remote|replay)",
				   kml_tok_show(s, &s->tok[1]));
	r->wl = k;
	ret = kml_parse_keys(s, 2, kml_run_keys, KML_RK_NR);
	if (ret)
		return ret;
	allowed = KML_RK_COMMON | kml_wl_keys[r->wl];
	for (k = 0; k < KML_RK_NR; k++)
		if ((s->kv_seen & (1ULL << k)) && !(allowed & (1u << k)))
			return kml_cmd_err(s, -EINVAL,
					   "%s= does not apply to %s",
					   kml_run_keys[k].name,
					   kml_wl_names[r->wl]);
	if (!(s->kv_seen & KML_RKB(ON)))
		return kml_cmd_err(s, -EINVAL, "on=INSTANCE[,...] is required");

#define KML_GET(key, def) \
	((s->kv_seen & KML_RKB(key)) ? v[KML_RK_##key] : (def))
	r->mode = KML_GET(MODE, KML_MODE_PAIRS);
	r->reps = KML_GET(REPS, 1);
	r->seed = KML_GET(SEED, 1);
	r->size = KML_GET(SIZE, kml_wl_size[r->wl]);
	r->batch = KML_GET(BATCH, kml_wl_batch[r->wl]);
	r->min = KML_GET(MIN, 8);
	r->max = KML_GET(MAX, 4096);
	r->dist = KML_GET(DIST, KML_DIST_UNIFORM);
	r->free_order = KML_GET(FREE_ORDER, KML_FREE_LIFO);
	r->order = KML_GET(ORDER, 0);
	r->maxorder = KML_GET(MAXORDER, r->order > 3 ? r->order : 3);
#undef KML_GET

	if (r->mode == KML_MODE_PHASES && r->wl != KML_WL_CHURN)
		return kml_cmd_err(s, -EINVAL,
				   "mode=phases applies to churn only");
	if ((s->kv_seen & KML_RKB(FREE_ORDER)) && r->mode == KML_MODE_PAIRS)
		return kml_cmd_err(s, -EINVAL,
				   "free_order= needs mode=phases or mode=batch");
	if (r->wl == KML_WL_BURST && r->batch > KML_BURST_MAX_TASKS)
		return kml_cmd_err(s, -E2BIG, "batch=%u: above the bound %u",
				   r->batch, KML_BURST_MAX_TASKS);
	if (r->min > r->max)
		return kml_cmd_err(s, -EINVAL, "min=%u is above max=%u",
				   r->min, r->max);
	if (r->dist == KML_DIST_KMALLOC &&
	    (s->kv_seen & (KML_RKB(MIN) | KML_RKB(MAX))))
		return kml_cmd_err(s, -EINVAL,
				   "dist=kmalloc-mix has fixed sizes (8..8192); drop min= and max=");
	r->pow2_lo = kml_log2_up(r->min);
	r->pow2_hi = 63u - __builtin_clzll(r->max);
	if (r->dist == KML_DIST_POW2 && r->pow2_lo > r->pow2_hi)
		return kml_cmd_err(s, -EINVAL,
				   "dist=pow2: no power of two in %u..%u",
				   r->min, r->max);
	for (k = 0; k < ARRAY_SIZE(kml_kmix_weight); k++)
		r->kmix_total += kml_kmix_weight[k];
	if (r->order > r->maxorder)
		return kml_cmd_err(s, -EINVAL, "order=%u is above maxorder=%u",
				   r->order, r->maxorder);

	switch (r->wl) {
	case KML_WL_SIZES:
		r->max_request = r->dist == KML_DIST_KMALLOC ? 8192 : r->max;
		break;
	case KML_WL_PAGES:
		r->max_request = KML_PAGE_SIZE << r->maxorder;
		break;
	case KML_WL_BURST:
		r->max_request = r->size > KML_BURST_COMPANION_MAX ?
				 r->size : KML_BURST_COMPANION_MAX;
		break;
	case KML_WL_REPLAY:
		break;		/* known with the trace */
	default:
		r->max_request = r->size;
		break;
	}
	return kml_run_cpus(s, r);
}

/* Look up on= and trace= and check them; cmd_lock held. */
static int kml_run_bind(struct kml_session *s, struct kml_run *r)
{
	struct kml_engine *e = s->e;
	struct kml_tok *items = s->items;
	unsigned int i, j, nr;
	int ret;

	if (e->run)
		return kml_cmd_err(s, -EBUSY, "another run is in progress");
	if (r->wl == KML_WL_REPLAY) {
		if (!(s->kv_seen & KML_RKB(TRACE)))
			return kml_cmd_err(s, -EINVAL,
					   "replay needs trace=NAME");
		r->trace = kml_trace_find_tok(e, &s->kv_raw[KML_RK_TRACE]);
		if (!r->trace)
			return kml_cmd_err(s, -ENOENT,
					   "no trace '%s' (see 'trace list')",
					   kml_tok_show(s, &s->kv_raw[KML_RK_TRACE]));
		if (!(s->kv_seen & KML_RKB(OPS)))
			r->ops = r->trace->nr_ops;
		else if (r->ops > r->trace->nr_ops)
			return kml_cmd_err(s, -E2BIG,
					   "ops=%llu: trace '%s' has %u ops",
					   (unsigned long long)r->ops,
					   r->trace->name, r->trace->nr_ops);
		r->max_request = r->trace->max_size;
	}
	ret = kml_parse_list(s, "on", &s->kv_raw[KML_RK_ON], items,
			     KML_RUN_MAX_INST, &nr);
	if (ret)
		return ret;
	if ((u64)nr * r->reps > KML_RUN_MAX_CELLS)
		return kml_cmd_err(s, -E2BIG,
				   "%u instances x %u reps above the bound of %u cells",
				   nr, r->reps, KML_RUN_MAX_CELLS);
	for (i = 0; i < nr; i++) {
		struct kml_instance *in = kml_inst_find_tok(e, &items[i]);
		u64 max;

		if (!in)
			return kml_cmd_err(s, -ENOENT,
					   "no instance '%s' (see 'instances')",
					   kml_tok_show(s, &items[i]));
		for (j = 0; j < i; j++)
			if (r->inst[j] == in)
				return kml_cmd_err(s, -EINVAL,
						   "on=: instance '%s' given twice",
						   in->name);
		max = in->be->max_size ? in->be->max_size(in->priv) :
		      KML_OBJ_MAX;
		if (r->max_request > max)
			return kml_cmd_err(s, -E2BIG,
					   "instance '%s' takes at most %llu bytes; %s asks for up to %llu",
					   in->name, (unsigned long long)max,
					   kml_wl_names[r->wl],
					   (unsigned long long)r->max_request);
		r->inst[i] = in;
	}
	r->nr_inst = nr;
	return 0;
}

/* --- the reply ---------------------------------------------------------------- */

static void kml_run_header(struct kml_run *r, struct kml_out *o)
{
	static const char * const timing[] = { "op", "op", "batch" };
	unsigned int i;

	kml_out_printf(o, "run workload=%s on=", kml_wl_names[r->wl]);
	for (i = 0; i < r->nr_inst; i++)
		kml_out_printf(o, "%s%s", i ? "," : "", r->inst[i]->name);
	kml_out_printf(o, " cpus=");
	for (i = 0; i < r->nr_cpus; i++)
		kml_out_printf(o, "%s%u", i ? "," : "", r->cpus[i]);
	kml_out_printf(o, " ops=%llu reps=%u seed=%llu mode=%s timing=%s sample=%llu",
		       (unsigned long long)r->ops, r->reps,
		       (unsigned long long)r->seed, kml_mode_words[r->mode],
		       timing[r->mode], (unsigned long long)r->sample);
	switch (r->wl) {
	case KML_WL_CHURN:
		kml_out_printf(o, " size=%u batch=%u free_order=%s", r->size,
			       r->batch, kml_forder_words[r->free_order]);
		break;
	case KML_WL_SIZES:
		kml_out_printf(o, " dist=%s min=%u max=%u batch=%u",
			       kml_dist_words[r->dist],
			       r->dist == KML_DIST_KMALLOC ? 1 : r->min,
			       r->dist == KML_DIST_KMALLOC ? 8192 : r->max,
			       r->batch);
		break;
	case KML_WL_PAGES:
		kml_out_printf(o, " order=%u maxorder=%u batch=%u", r->order,
			       r->maxorder, r->batch);
		break;
	case KML_WL_REPLAY:
		kml_out_printf(o, " trace=%s", r->trace->name);
		break;
	default:
		kml_out_printf(o, " size=%u batch=%u", r->size, r->batch);
		break;
	}
	kml_out_printf(o, "\n");
}

static void kml_run_result(struct kml_run *r, const struct kml_cell_result *c,
			   struct kml_out *o)
{
	static const char * const q[6] = {
		"p50", "p90", "p99", "p999", "max", "mean",
	};
	unsigned int i;

	kml_out_printf(o, "result rep=%u instance=%s backend=%s workload=%s cpus=",
		       c->rep, c->in->name, c->in->be->name,
		       kml_wl_names[r->wl]);
	for (i = 0; i < r->nr_cpus; i++)
		kml_out_printf(o, "%s%u", i ? "," : "", r->cpus[i]);
	kml_out_printf(o,
		       " ops=%llu ops_done=%llu done=%s allocs=%llu frees=%llu failures=%llu bad_frees=%llu",
		       (unsigned long long)c->ops_req,
		       (unsigned long long)c->ops_done,
		       c->ops_done == c->ops_req ? "ok" : "short",
		       (unsigned long long)c->allocs,
		       (unsigned long long)c->frees,
		       (unsigned long long)c->failures,
		       (unsigned long long)c->bad_frees);
	if (r->mode != KML_MODE_BATCH) {
		for (i = 0; i < 6; i++)
			kml_out_printf(o, " alloc_%s_ns=%llu", q[i],
				       (unsigned long long)c->alloc_q[i]);
		for (i = 0; i < 6; i++)
			kml_out_printf(o, " free_%s_ns=%llu", q[i],
				       (unsigned long long)c->free_q[i]);
		kml_out_printf(o, " misaligned=%llu",
			       (unsigned long long)c->misaligned);
		if (r->wl != KML_WL_REMOTE)
			kml_out_printf(o, " overlaps=%llu",
				       (unsigned long long)c->overlaps);
	}
	kml_out_printf(o,
		       " floor_ns=%llu elapsed_ns=%llu ops_per_sec=%llu internal_frag_x1000=%d external_frag_x1000=%d stranded_x1000=%d requested_peak=%llu allocated_peak=%llu held_peak=%llu utilization_x1000=%d violations=%u checksum=%016llx\n",
		       (unsigned long long)c->floor_ns,
		       (unsigned long long)c->elapsed_ns,
		       (unsigned long long)c->ops_per_sec, c->int_frag,
		       c->ext_frag, c->stranded, (unsigned long long)c->req_peak,
		       (unsigned long long)c->usable_peak,
		       (unsigned long long)c->held_peak, c->util,
		       c->violations, (unsigned long long)c->checksum);
}

/*
 * Median, min and max over the reps of one figure of one instance. An s32
 * figure of KML_METRIC_NA in a rep (it does not apply) is left out; in
 * every rep, the three are KML_METRIC_NA.
 */
static void kml_run_summary_field(struct kml_run *r, struct kml_instance *in,
				  const char *name, size_t off, bool is_s32,
				  struct kml_out *o)
{
	u64 v[KML_RUN_MAX_REPS], lo = ~0ULL, hi = 0;
	unsigned int i, n = 0, na = 0;

	for (i = 0; i < r->nr_res; i++) {
		const char *base = (const char *)&r->res[i];
		u64 x;

		if (r->res[i].in != in)
			continue;
		if (is_s32) {
			s32 y = *(const s32 *)(base + off);

			if (y < 0) {
				na++;
				continue;
			}
			x = (u64)y;
		} else {
			x = *(const u64 *)(base + off);
		}
		v[n++] = x;
		if (x < lo)
			lo = x;
		if (x > hi)
			hi = x;
	}
	if (!n && na) {
		kml_out_printf(o, " %s_med=%d %s_min=%d %s_max=%d", name,
			       KML_METRIC_NA, name, KML_METRIC_NA, name,
			       KML_METRIC_NA);
		return;
	}
	if (!n)
		return;
	kml_out_printf(o, " %s_med=%llu %s_min=%llu %s_max=%llu", name,
		       (unsigned long long)kml_median(v, n), name,
		       (unsigned long long)lo, name, (unsigned long long)hi);
}

static void kml_run_summary(struct kml_run *r, struct kml_out *o)
{
	static const struct {
		const char *name;
		size_t off;
		bool is_s32;
		bool timed;
	} f[] = {
		{ "alloc_p50_ns", offsetof(struct kml_cell_result, alloc_q[0]),
		  false, true },
		{ "alloc_p99_ns", offsetof(struct kml_cell_result, alloc_q[2]),
		  false, true },
		{ "free_p50_ns", offsetof(struct kml_cell_result, free_q[0]),
		  false, true },
		{ "free_p99_ns", offsetof(struct kml_cell_result, free_q[2]),
		  false, true },
		{ "floor_ns", offsetof(struct kml_cell_result, floor_ns),
		  false, false },
		{ "ops_per_sec", offsetof(struct kml_cell_result, ops_per_sec),
		  false, false },
		{ "external_frag_x1000",
		  offsetof(struct kml_cell_result, ext_frag), true, false },
		{ "stranded_x1000",
		  offsetof(struct kml_cell_result, stranded), true, false },
		{ "utilization_x1000", offsetof(struct kml_cell_result, util),
		  true, false },
	};
	unsigned int i, k, reps, ok;

	for (i = 0; i < r->nr_inst; i++) {
		struct kml_instance *in = r->inst[i];

		reps = 0;
		ok = 0;
		for (k = 0; k < r->nr_res; k++) {
			if (r->res[k].in != in)
				continue;
			reps++;
			ok += r->res[k].ops_done == r->res[k].ops_req;
		}
		kml_out_printf(o, "summary instance=%s backend=%s reps=%u done_ok=%u",
			       in->name, in->be->name, reps, ok);
		for (k = 0; k < ARRAY_SIZE(f); k++) {
			if (f[k].timed && r->mode == KML_MODE_BATCH)
				continue;
			kml_run_summary_field(r, in, f[k].name, f[k].off,
					      f[k].is_s32, o);
		}
		kml_out_printf(o, "\n");
	}
}

/* --- the command ------------------------------------------------------------ */

unsigned int kml_run_stop_locked(struct kml_engine *e)
{
	if (!e->run)
		return 0;
	WRITE_ONCE(e->run->stop, true);
	return 1;
}

bool kml_run_uses_trace(struct kml_engine *e, const struct kml_trace *t)
{
	return e->run && e->run->trace == t;
}

int kml_cmd_run(struct kml_session *s)
{
	struct kml_engine *e = s->e;
	struct kml_run *r;
	unsigned int rep, i, cells, done = 0;
	int ret;

	if (s->nr_tok < 2)
		return kml_cmd_err(s, -EINVAL,
				   "usage: run WORKLOAD on=INST[,INST...] [key=value ...]");
	r = kml_zalloc(sizeof(*r));
	if (!r)
		return kml_cmd_err(s, -ENOMEM, "out of memory for the run");
	r->e = e;
	kml_lock_init(&r->ring.lock);
	r->ops = 10000;
	ret = kml_run_parse(s, r);
	if (ret)
		goto out_free;
	if (s->kv_seen & KML_RKB(OPS))
		r->ops = s->kv_num[KML_RK_OPS];

	kml_mutex_lock(&e->cmd_lock);
	ret = kml_run_bind(s, r);
	if (!ret) {
		r->sample = (s->kv_seen & KML_RKB(SAMPLE)) ?
			    s->kv_num[KML_RK_SAMPLE] :
			    (r->ops + KML_SERIES_MAX / 2 - 1) /
			    (KML_SERIES_MAX / 2);
		if (!r->sample)
			r->sample = 1;
		ret = kml_run_alloc(s, r);
	}
	if (ret) {
		kml_mutex_unlock(&e->cmd_lock);
		goto out_free;
	}
	kml_mutex_lock(&e->state_lock);
	for (i = 0; i < r->nr_inst; i++)
		r->inst[i]->busy = true;
	kml_mutex_unlock(&e->state_lock);
	e->run = r;
	kml_mutex_unlock(&e->cmd_lock);

	/* the workers run without the engine's locks */
	cells = r->reps * r->nr_inst;
	for (rep = 0; rep < r->reps && !ret; rep++) {
		for (i = 0; i < r->nr_inst && !ret; i++) {
			unsigned int k = (i + rep) % r->nr_inst;

			if (READ_ONCE(r->stop)) {
				ret = -EINTR;
				break;
			}
			ret = kml_cell_run(r, r->inst[k], rep,
					   &r->res[r->nr_res], r->pub[k]);
			if (!ret || ret == -EINTR)
				r->nr_res++;
			done += !ret;
		}
	}

	kml_mutex_lock(&e->cmd_lock);
	kml_mutex_lock(&e->state_lock);
	for (i = 0; i < r->nr_inst; i++) {
		struct kml_instance *in = r->inst[i];

		in->busy = false;
		if (ret)
			continue;
		in->nr_runs++;
		/* publish: swap, the old results go with the run */
		{
			struct kml_published *old = in->last;

			in->last = r->pub[i];
			r->pub[i] = old;
		}
	}
	kml_mutex_unlock(&e->state_lock);
	e->run = NULL;
	if (ret == -EINTR)
		kml_cmd_err(s, -EINTR, "stopped after %u of %u cells",
			    done, cells);
	else if (ret)
		kml_cmd_err(s, ret, "the host could not run the workers (%s)",
			    kml_errname(ret));
	if (!ret) {
		kml_print_context(e, &s->out);
		kml_run_header(r, &s->out);
		for (i = 0; i < r->nr_res; i++)
			kml_run_result(r, &r->res[i], &s->out);
		kml_run_summary(r, &s->out);
		kml_out_printf(&s->out, "end status=ok cells=%u\n", r->nr_res);
	}
	kml_mutex_unlock(&e->cmd_lock);
out_free:
	kml_run_free(r);
	return ret;
}

/* --- the latency view --------------------------------------------------------- */

static void kml_latency_line(const char *what, const struct kml_hist *h,
			     struct kml_out *o)
{
	u64 q[6];

	kml_quantiles(h, q);
	kml_out_printf(o,
		       "%s count=%llu min_ns=%llu mean_ns=%llu p50_ns=%llu p90_ns=%llu p99_ns=%llu p999_ns=%llu max_ns=%llu\n",
		       what, (unsigned long long)h->count,
		       (unsigned long long)(h->count ? h->min : 0),
		       (unsigned long long)q[5], (unsigned long long)q[0],
		       (unsigned long long)q[1], (unsigned long long)q[2],
		       (unsigned long long)q[3], (unsigned long long)q[4]);
}

int kml_render_latency(struct kml_instance *in, struct kml_out *o)
{
	const struct kml_published *p = in->last;
	const struct kml_series *sr;
	u32 i;

	if (!p) {
		kml_out_printf(o, "# no latency: no run has completed on instance '%s'\n",
			       in->name);
		return 0;
	}
	sr = &p->series;
	kml_out_printf(o, "latency instance=%s backend=%s workload=%s reps=%u seed=%llu\n",
		       in->name, in->be->name, p->workload, p->reps,
		       (unsigned long long)p->seed);
	kml_latency_line("alloc", &p->alloc, o);
	kml_latency_line("free", &p->free, o);
	kml_out_printf(o, "# alloc histogram: lo_ns hi_ns count\n");
	kml_hist_render(&p->alloc, o);
	kml_out_printf(o, "# free histogram: lo_ns hi_ns count\n");
	kml_hist_render(&p->free, o);
	kml_out_printf(o, "# series rep=%u interval=%llu: ", sr->rep,
		       (unsigned long long)sr->interval);
	kml_out_printf(o, "op live requested allocated held external_frag_x1000 stranded_x1000\n");
	for (i = 0; i < sr->nr; i++)
		kml_out_printf(o, "%llu %llu %llu %llu %llu %d %d\n",
			       (unsigned long long)sr->pts[i].op,
			       (unsigned long long)sr->pts[i].live,
			       (unsigned long long)sr->pts[i].requested,
			       (unsigned long long)sr->pts[i].allocated,
			       (unsigned long long)sr->pts[i].held,
			       sr->pts[i].ext_frag, sr->pts[i].stranded);
	return 0;
}
