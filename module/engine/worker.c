// SPDX-License-Identifier: GPL-2.0
/*
 * What a worker of a run does around every op, whatever the workload:
 * per-op timing, the validity checks (alignment, overlap), the memory
 * samples of the time series, chunk boundaries (stop flag, rescheduling)
 * and the final frees. The generators (workloads.c) are built from these
 * primitives; run.c sets the workers up and collects their figures. The
 * theory of a run is at the top of run.c.
 */
#include "metrics.h"
#include "worker.h"

/* --- the worker's primitives ------------------------------------------------ */

static u64 kml_cell_align(const struct kml_cell *c, size_t size);

/*
 * A request failed (outside the timed region): was there enough free
 * memory for it? The first failure's state is kept: "malloc(16) fails
 * although 32 cells are free" is the answer to which policy fails first.
 */
static void kml_w_failed(struct kml_worker *w, size_t size)
{
	struct kml_cell *c = w->cell;
	struct kml_alloc_stats st = { 0 };
	u64 free;

	if (!c->be->stats)
		return;
	c->be->stats(c->priv, &st);
	free = st.arena ? st.arena_free : st.total_free;
	if (free >= size)
		w->failed_with_free++;
	if (w->fail_seen)
		return;
	w->fail_seen = true;
	w->fail_request = size;
	w->fail_free = free;
	w->fail_largest = st.arena ? st.arena_largest : st.largest_free;
}

/* The backend's allocator call: the split's call alone when it has one. */
static inline void *kml_call_alloc(const struct kml_cell *c, size_t size)
{
	const struct kml_split *sp = c->be->split;

	return sp ? sp->alloc_call(c->priv, size) : c->be->alloc(c->priv, size);
}

static inline int kml_call_free(const struct kml_cell *c, void *p,
				size_t size)
{
	const struct kml_split *sp = c->be->split;

	if (!sp)
		return c->be->free(c->priv, p, size);
	sp->free_call(c->priv, p, size);
	return 0;
}

/*
 * One timed alloc: the clock reads around the backend's call alone. A
 * backend with a split (the kernel's real ones) does its own bookkeeping
 * before and after the clock; a request it refuses before the call
 * (budget, arena) is a failure with no latency sample.
 */
static void *kml_w_alloc_timed(struct kml_worker *w, size_t size)
{
	const struct kml_cell *c = w->cell;
	const struct kml_split *sp = c->be->split;
	u64 t0, t1;
	void *p;

	if (sp && sp->alloc_begin(c->priv, size))
		return NULL;
	t0 = kml_ticks();
	p = kml_call_alloc(c, size);
	t1 = kml_ticks();
	kml_hist_add(w->ha, kml_ticks_to_ns(t1 - t0));
	return sp ? sp->alloc_end(c->priv, p, size) : p;
}

/* One timed free, as kml_w_alloc_timed(); a refused free is not timed. */
static int kml_w_free_timed(struct kml_worker *w, void *p, size_t size)
{
	const struct kml_cell *c = w->cell;
	const struct kml_split *sp = c->be->split;
	u64 t0, t1;
	int ret;

	if (sp) {
		ret = sp->free_begin(c->priv, p, size);
		if (ret)
			return ret;
	}
	t0 = kml_ticks();
	ret = kml_call_free(c, p, size);
	t1 = kml_ticks();
	kml_hist_add(w->hf, kml_ticks_to_ns(t1 - t0));
	if (sp)
		sp->free_end(c->priv, size);
	return ret;
}

/* The figures of one object @p of @size handed out (its attempt counted). */
static void kml_w_got(struct kml_worker *w, void *p, size_t size)
{
	struct kml_cell *c = w->cell;
	size_t usable;

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
}

void *kml_w_alloc(struct kml_worker *w, size_t size)
{
	struct kml_cell *c = w->cell;
	void *p;

	w->allocs++;
	/* a request above what the backend could ever serve: failed */
	if (size > c->max_size)
		p = NULL;
	else if (w->per_op)
		p = kml_w_alloc_timed(w, size);
	else
		p = c->be->alloc(c->priv, size);
	if (!p) {
		w->failures++;
		kml_w_failed(w, size);
		return NULL;
	}
	kml_w_got(w, p, size);
	return p;
}

void kml_w_free(struct kml_worker *w, void *p, size_t size)
{
	struct kml_cell *c = w->cell;
	size_t usable;
	int ret;

	if (w->per_op)
		ret = kml_w_free_timed(w, p, size);
	else
		ret = c->be->free(c->priv, p, size);
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

u32 kml_natural_align(const struct kml_instance *in)
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

/* A treap node's block: kept apart from w->ptr[], which moves on first. */
static inline unsigned long kml_ck_lo(const struct kml_worker *w, u32 i)
{
	return w->ck_addr[i];
}

/*
 * Whether [@p, @p + @len) overlaps a block of the treap. Its blocks are
 * disjoint, so the search path for @p passes the blocks just below and
 * just above it, the only ones that can overlap.
 */
bool kml_ck_hits(const struct kml_worker *w, const void *p, u32 len)
{
	unsigned long lo = (unsigned long)p, hi = lo + len;
	u32 t = w->ck_root;

	while (t != KML_CK_NIL) {
		unsigned long tlo = kml_ck_lo(w, t);

		if (tlo < hi && lo < tlo + w->ck_len[t])
			return true;
		t = tlo < lo ? w->ck_right[t] : w->ck_left[t];
	}
	return false;
}

/* Insert slot @i (disjoint from every block in the treap). */
void kml_ck_insert(struct kml_worker *w, u32 i)
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
bool kml_ck_remove(struct kml_worker *w, u32 i)
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

void kml_ck_add(struct kml_worker *w, u32 i, const void *addr, u32 len)
{
	w->ck_addr[i] = (unsigned long)addr;
	w->ck_len[i] = len;
	kml_ck_insert(w, i);
}

/*
 * The overlap checks of the ops since the last chunk boundary, in their
 * order: the treap sees the same insertions and removals as if each had
 * been made right after its op, so it finds the same overlaps; but the
 * allocator's fast path is not interleaved with treap walks (under TCG,
 * that made a real kmem_cache pair 40 % slower than in a loop).
 */
void kml_ck_flush(struct kml_worker *w)
{
	u32 i;

	for (i = 0; i < w->ck_nlog; i++) {
		const struct kml_ck_event *ev = &w->ck_log[i];

		if (!ev->len)
			kml_ck_remove(w, ev->slot);
		else if (kml_ck_hits(w, (const void *)ev->addr, ev->len))
			w->overlaps++;
		else
			kml_ck_add(w, ev->slot, (const void *)ev->addr,
				   ev->len);
	}
	w->ck_nlog = 0;
}

static void kml_ck_log(struct kml_worker *w, u32 slot, const void *addr,
		       u32 len)
{
	struct kml_ck_event *ev;

	if (w->ck_nlog == KML_CK_LOG)
		kml_ck_flush(w);
	ev = &w->ck_log[w->ck_nlog++];
	ev->addr = (unsigned long)addr;
	ev->slot = slot;
	ev->len = len;
}

/* Whether overlaps are checked for a new object of @size. */
bool kml_ck_on(const struct kml_worker *w, u32 size)
{
	return w->check && w->ck_left && size;
}

/*
 * Track the new object in @slot: counted if it overlaps a live one, at
 * the next chunk boundary (kml_ck_flush()).
 */
static void kml_ck_track(struct kml_worker *w, u32 slot)
{
	if (!w->ptr[slot] || !kml_ck_on(w, w->size[slot]))
		return;
	kml_ck_log(w, slot, w->ptr[slot], w->size[slot]);
}

/* Allocate @size into the empty @slot and track it. */
void kml_w_alloc_slot(struct kml_worker *w, u32 slot, u32 size)
{
	w->ptr[slot] = kml_w_alloc(w, size);
	w->size[slot] = size;
	kml_ck_track(w, slot);
}

/* Free the object in @slot, if any, and empty the slot. */
void kml_w_free_slot(struct kml_worker *w, u32 slot)
{
	if (!w->ptr[slot])
		return;
	if (w->check && w->ck_left)
		kml_ck_log(w, slot, NULL, 0);
	kml_w_free(w, w->ptr[slot], w->size[slot]);
	w->ptr[slot] = NULL;
}

/*
 * Bulk: @n objects of @size into slots 0..@n-1 with one call of the
 * backend's alloc_bulk (all or nothing, as kmem_cache_alloc_bulk()), or
 * object by object through kml_w_alloc_slot() for a backend without one.
 * Timed per op: the call's time divided by @n, one sample per object (a
 * bulk call's cost per object). A failed call empties the slots and
 * counts @n failed requests.
 */
void kml_w_alloc_bulk(struct kml_worker *w, u32 n, u32 size)
{
	struct kml_cell *c = w->cell;
	unsigned int got;
	u64 t0 = 0, t1 = 0, per;
	u32 i;

	if (!c->be->alloc_bulk) {
		for (i = 0; i < n; i++)
			kml_w_alloc_slot(w, i, size);
		return;
	}
	w->allocs += n;
	if (size > c->max_size) {
		got = 0;
	} else {
		if (w->per_op)
			t0 = kml_ticks();
		got = c->be->alloc_bulk(c->priv, size, n, w->ptr);
		if (w->per_op)
			t1 = kml_ticks();
	}
	if (got != n) {
		if (got && c->be->free_bulk)	/* a partial count: undone */
			c->be->free_bulk(c->priv, size, got, w->ptr);
		for (i = 0; i < n; i++)
			w->ptr[i] = NULL;
		w->failures += n;
		kml_w_failed(w, size);
		return;
	}
	if (w->per_op) {
		per = kml_ticks_to_ns(t1 - t0) / n;
		for (i = 0; i < n; i++)
			kml_hist_add(w->ha, per);
	}
	for (i = 0; i < n; i++) {
		w->size[i] = size;
		kml_w_got(w, w->ptr[i], size);
		kml_ck_track(w, i);
	}
}

/*
 * Free slots 0..@n-1 (filled by kml_w_alloc_bulk(): all or none) with one
 * call of the backend's free_bulk, or slot by slot without one; timed as
 * kml_w_alloc_bulk().
 */
void kml_w_free_bulk(struct kml_worker *w, u32 n)
{
	struct kml_cell *c = w->cell;
	size_t size, usable;
	u64 t0 = 0, t1 = 0, per;
	u32 i;

	if (!c->be->free_bulk) {
		for (i = 0; i < n; i++)
			kml_w_free_slot(w, i);
		return;
	}
	if (!n || !w->ptr[0])
		return;
	size = w->size[0];
	if (w->check && w->ck_left)
		for (i = 0; i < n; i++)
			kml_ck_log(w, i, NULL, 0);
	if (w->per_op)
		t0 = kml_ticks();
	c->be->free_bulk(c->priv, size, n, w->ptr);
	if (w->per_op) {
		t1 = kml_ticks();
		per = kml_ticks_to_ns(t1 - t0) / n;
		for (i = 0; i < n; i++)
			kml_hist_add(w->hf, per);
	}
	usable = c->be->usable ? c->be->usable(c->priv, size) : size;
	w->frees += n;
	WRITE_ONCE(w->live, w->live - n);
	WRITE_ONCE(w->live_req, w->live_req - (s64)(size * n));
	WRITE_ONCE(w->live_usable, w->live_usable - (s64)(usable * n));
	for (i = 0; i < n; i++)
		w->ptr[i] = NULL;
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

/* A figure of KML_METRIC_NA (it does not apply) is left out of both. */
void kml_trend_add(struct kml_trend *t, s32 v, u64 op)
{
	if (v != KML_METRIC_NA) {
		if (t->peak == KML_METRIC_NA || v > t->peak)
			t->peak = v;
		if (t->last != KML_METRIC_NA && op > t->last_op) {
			t->weighted += (s64)t->last * (s64)(op - t->last_op);
			t->ops += op - t->last_op;
		}
	}
	t->last = v;
	t->last_op = op;
}

s32 kml_trend_mean(const struct kml_trend *t)
{
	return t->ops ? (s32)((s64)t->weighted / (s64)t->ops) : t->peak;
}

/*
 * A page allocator's free lists at a sample: the kernel's unusable free
 * space and fragmentation indices at the order of the run's largest
 * request, for our buddy's pool and for the zone the real pages come from
 * alike, read at the same moments as the other figures.
 */
static void kml_w_sample_pool(struct kml_cell *c, u64 op, bool end)
{
	const struct kml_run *r = c->run;
	struct kml_free_area *fa = &c->pool;
	unsigned int order = kml_run_order(r);
	s32 unusable, fragidx;

	if (!c->be->free_area || c->be->free_area(c->priv, fa))
		return;
	c->has_pool = true;
	unusable = kml_metric_unusable_index(fa->nr_free, KML_NR_ORDERS, order);
	fragidx = kml_metric_frag_index(fa->nr_free, KML_NR_ORDERS, order);
	kml_trend_add(&c->unusable, unusable, op);
	if (fragidx != KML_METRIC_NA &&
	    (c->fragidx_peak == KML_METRIC_NA || fragidx > c->fragidx_peak))
		c->fragidx_peak = fragidx;
	if (end) {
		c->unusable_end = unusable;
		c->fragidx_end = fragidx;
	}
}

/* Worker 0: one point of the time series, and the sampled peaks. */
void kml_w_sample(struct kml_worker *w, bool end)
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
	pt.held = st.held_na ? -1 : (s64)st.bytes_held;
	kml_frag_figures(c->be, &st, &pt.ext_frag, &pt.stranded);
	kml_series_add(r->series, &pt);
	kml_trend_add(&c->ext, pt.ext_frag, pt.op);
	kml_w_sample_pool(c, pt.op, end);
	if (pt.held > 0 && (u64)pt.held > c->held_peak)
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
void kml_w_boundary(struct kml_worker *w)
{
	struct kml_run *r = w->cell->run;

	w->since = 0;
	if (!w->per_op)
		w->elapsed += kml_ticks() - w->t_chunk;
	kml_ck_flush(w);
	if (!w->idx && w->allocs >= w->next_sample)
		kml_w_sample(w, false);
	kml_cond_resched();
	if (READ_ONCE(r->stop))
		w->stopping = true;
	if (!w->per_op)
		w->t_chunk = kml_ticks();
}

/* The end state (before the final frees): sampled by worker 0. */
void kml_w_end(struct kml_worker *w)
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
void kml_w_cleanup(struct kml_worker *w)
{
	u32 i;

	for (i = 0; i < w->nr_slots; i++) {
		if (!w->ptr[i])
			continue;
		kml_w_free_slot(w, i);
		kml_w_tick(w);
	}
}

void kml_w_shuffle(struct kml_worker *w, u32 n)
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
void kml_w_replace(struct kml_worker *w, u32 j, u32 size)
{
	kml_w_free_slot(w, j);
	kml_w_sum(w, 1, j, size);
	kml_w_alloc_slot(w, j, size);
	w->ops_done++;
	kml_w_tick(w);
}

/*
 * LIFO pairs with one timestamp pair around them all, as a classic in-kernel
 * benchmark loops kmem_cache_alloc() and kmem_cache_free(). A backend with
 * a split reserves one object (budget, bytes) before the clock and gives
 * it back after; only its calls are inside; its pairs are in no counter.
 */
void kml_w_loop_pairs(struct kml_worker *w, u32 size, u64 n)
{
	struct kml_cell *c = w->cell;
	const struct kml_split *sp = c->be->split;
	u64 i = 0, t0, t1;
	void *p;

	if (sp && sp->alloc_begin(c->priv, size))
		return;
	t0 = kml_ticks();
	while (i < n) {
		u64 end = i + KML_RUN_CHUNK < n ? i + KML_RUN_CHUNK : n;

		for (; i < end; i++) {
			p = kml_call_alloc(c, size);
			if (p)
				kml_call_free(c, p, size);
		}
		kml_cond_resched();
		if (READ_ONCE(c->run->stop))
			break;
	}
	t1 = kml_ticks();
	w->loop_ticks = t1 - t0;
	w->loop_pairs = i;
	if (sp)		/* the object reserved above is given back */
		sp->alloc_cancel(c->priv, size);
}

/* --- the worker ------------------------------------------------------------ */

void kml_worker_reset(struct kml_run *r, struct kml_cell *c,
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
	w->check = w->per_op && !(c->be->caps & KML_CAP_ALIASES);
	kml_hist_reset(w->hnull_a);
	kml_hist_reset(w->hnull_f);
	w->loop_ticks = 0;
	w->loop_pairs = 0;
	w->ck_root = KML_CK_NIL;
	w->ck_nlog = 0;
	for (j = 0; w->ck_left && j < w->nr_slots; j++)
		w->ck_left[j] = KML_CK_OUT;
	w->misaligned = 0;
	w->overlaps = 0;
	w->cross_cpu_frees = 0;
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
	w->fail_seen = false;
	w->fail_request = 0;
	w->fail_free = 0;
	w->fail_largest = 0;
	w->failed_with_free = 0;
	/* the op sequence depends on (seed, rep, worker) only */
	x ^= kml_splitmix64(&x) + c->rep * 0x9e3779b97f4a7c15ULL;
	x ^= (u64)i << 48;
	kml_rand_seed(&w->rng, x);
}
