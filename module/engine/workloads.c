// SPDX-License-Identifier: GPL-2.0
/*
 * The workloads: one generator each and one entry of kml_workloads[], the
 * table the run command, the "workloads" view and the CLI read for names,
 * keys, defaults and bounds. To add a workload, write its generator with
 * the primitives of worker.c and add an entry at the end of the table;
 * nothing else names it. docs/interface.md ("run") documents each one.
 */
#include "workloads.h"

#define KML_BURST_OBJS		12	/* objects per forked task */
#define KML_BURST_MAX_TASKS	4096

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

/*
 * bulk: objects per bulk call at most. The kernel's bulk calls run with
 * the CPU pinned (6.1 with interrupts off) for the whole array.
 */
#define KML_BULK_MAX		1024

/* kmalloc-mix: size classes and weights (sizes are uniform inside). */
static const u32 kml_kmix_class[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};

static const u32 kml_kmix_weight[] = {
	10, 10, 12, 16, 6, 8, 8, 8, 8, 6, 4, 3, 1,
};

static_assert(ARRAY_SIZE(kml_kmix_class) == ARRAY_SIZE(kml_kmix_weight),
	      "kmalloc-mix tables differ");

u32 kml_kmix_total(void)
{
	u32 i, total = 0;

	for (i = 0; i < ARRAY_SIZE(kml_kmix_weight); i++)
		total += kml_kmix_weight[i];
	return total;
}

/* --- generators ------------------------------------------------------------ */

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
		if (w->per_op && !w->stopping)
			kml_w_loop_pairs(w, r->size, r->ops);
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

/*
 * bulk: batch= objects in one alloc_bulk call, then freed in one
 * free_bulk call (kmem_cache_alloc_bulk()/kmem_cache_free_bulk()); a
 * backend without the bulk calls does them object by object.
 */
static void kml_wl_bulk(struct kml_worker *w)
{
	struct kml_run *r = w->cell->run;
	u64 done = 0;
	u32 i, k;

	while (done < r->ops && !w->stopping) {
		k = r->ops - done < r->batch ? (u32)(r->ops - done) : r->batch;
		kml_w_sum(w, 1, k, r->size);
		kml_w_alloc_bulk(w, k, r->size);
		w->ops_done += k;
		done += k;
		for (i = 0; i < k; i++)
			kml_w_tick(w);
		if (done >= r->ops || w->stopping)
			kml_w_end(w);
		kml_w_free_bulk(w, k);
		for (i = 0; i < k; i++)
			kml_w_tick(w);
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
				kml_ck_flush(w);
				tracked = kml_ck_remove(w, j);
				pool[v] = w->ptr[j];
				pool_size[v] = w->size[j];
				if (tracked)
					kml_ck_add(w, r->batch + v, pool[v],
						   pool_size[v]);
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

/*
 * Wait for op @i's turn (or for the run to stop). Return: false when
 * stopped. The lock orders the previous op's working-set stores before
 * this op's loads.
 */
static bool kml_replay_wait(struct kml_worker *w, u64 i)
{
	struct kml_run *r = w->cell->run;
	u64 turn;

	for (;;) {
		kml_lock_acquire(&r->ring.lock);
		turn = r->ring.turn;
		kml_lock_release(&r->ring.lock);
		if (turn == i)
			return true;
		if (READ_ONCE(r->stop)) {
			w->stopping = true;
			return false;
		}
		kml_cond_resched();
	}
}

/* The CPU this op runs on, + 1 (0: no object). */
static u32 kml_replay_cpu(void)
{
	u32 cpu = kml_cpu_get();

	kml_cpu_put();
	return cpu + 1;
}

/* Free @id's object; count it when its allocation ran on another CPU. */
static void kml_replay_free(struct kml_worker *w, struct kml_worker *w0,
			    u32 id)
{
	u32 cpu = kml_replay_cpu();

	if (w0->cpu_of[id] && w0->cpu_of[id] != cpu)
		w->cross_cpu_frees++;
	kml_w_free(w, w0->ptr[id], w0->size[id]);
	w0->cpu_of[id] = 0;
}

static void kml_replay_pass(struct kml_run *r, u64 next)
{
	kml_lock_acquire(&r->ring.lock);
	r->ring.turn = next;
	kml_lock_release(&r->ring.lock);
}

/*
 * A trace with a thread column (native version 2): the op of thread T runs
 * on worker T mod the number of workers, in the trace's order (the
 * workers take turns, one op at a time), on one working set: worker 0's.
 * An object freed by another thread than its allocator's is freed on
 * another CPU, as it was recorded. Alignment is checked, overlaps are not
 * (each worker's checker sees its own objects only, as for remote).
 */
static void kml_wl_replay_threads(struct kml_worker *w)
{
	struct kml_run *r = w->cell->run;
	const struct kml_trace *t = r->trace;
	struct kml_worker *w0 = &r->w[0];
	u64 i;

	for (i = 0; i < r->ops && !w->stopping; i++) {
		const struct kml_trace_op *op = &t->ops[i];
		u32 id = op->id;
		void *p;

		if (op->thread % r->nr_cpus != w->idx)
			continue;
		if (!kml_replay_wait(w, i))
			break;
		kml_w_sum(w, op->op + 1, id, op->size);
		switch (op->op) {
		case KML_TOP_ALLOC:
			w0->ptr[id] = kml_w_alloc(w, op->size);
			w0->size[id] = op->size;
			w0->cpu_of[id] = w0->ptr[id] ? kml_replay_cpu() : 0;
			break;
		case KML_TOP_FREE:
			if (w0->ptr[id])
				kml_replay_free(w, w0, id);
			w0->ptr[id] = NULL;
			break;
		case KML_TOP_NOP:
			break;
		default:
			p = kml_w_alloc(w, op->size);
			if (!p)
				break;
			if (w0->ptr[id]) {
				memmove(p, w0->ptr[id],
					op->size < w0->size[id] ? op->size :
					w0->size[id]);
				kml_replay_free(w, w0, id);
			}
			w0->ptr[id] = p;
			w0->size[id] = op->size;
			w0->cpu_of[id] = kml_replay_cpu();
			break;
		}
		w->ops_done++;
		kml_replay_pass(r, i + 1);
		kml_w_tick(w);
	}
	if (!w->idx) {
		/* the end state is the state after every worker's last op */
		if (!w->stopping)
			kml_replay_wait(w, r->ops);
		kml_w_end(w);
		for (i = 0; i < w->nr_slots; i++) {
			if (!w->ptr[i])
				continue;
			kml_w_free(w, w->ptr[i], w->size[i]);
			w->ptr[i] = NULL;
			w->cpu_of[i] = 0;
			kml_w_tick(w);
		}
	}
}

static void kml_wl_replay(struct kml_worker *w)
{
	struct kml_run *r = w->cell->run;
	const struct kml_trace *t = r->trace;
	u64 i;

	if (t->nr_threads) {
		kml_wl_replay_threads(w);
		return;
	}

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
		case KML_TOP_NOP:
			break;	/* free(NULL): counted as an op, nothing done */
		default:
			/* realloc: new block, copy the smaller size, free old */
			p = kml_w_alloc(w, op->size);
			if (!p)
				break;	/* like realloc(): the old one stays */
			/* checked while the old block is still live */
			kml_ck_flush(w);
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
			kml_ck_flush(w);	/* the old block's removal */
			if (hit)
				w->overlaps++;
			else if (kml_ck_on(w, op->size))
				kml_ck_add(w, id, p, op->size);
			break;
		}
		w->ops_done++;
		kml_w_tick(w);
	}
	kml_w_end(w);
	kml_w_cleanup(w);
}

/* --- working sets, largest requests, header fields --------------------------- */

static u32 kml_slots_batch(const struct kml_run *r)
{
	return r->batch;
}

static u32 kml_slots_churn(const struct kml_run *r)
{
	return r->mode == KML_MODE_PAIRS ? 1 : r->batch;
}

static u32 kml_slots_burst(const struct kml_run *r)
{
	return r->batch * KML_BURST_OBJS;
}

static u32 kml_slots_dentry(const struct kml_run *r)
{
	return 2 * r->batch;	/* a round and the long-lived pool */
}

static u32 kml_slots_one(const struct kml_run *r)
{
	return 1;
}

static u32 kml_slots_replay(const struct kml_run *r)
{
	return r->trace->nr_ids;
}

static u64 kml_maxreq_size(const struct kml_run *r)
{
	return r->size;
}

static u64 kml_maxreq_sizes(const struct kml_run *r)
{
	return r->dist == KML_DIST_KMALLOC ? 8192 : r->max;
}

static u64 kml_maxreq_pages(const struct kml_run *r)
{
	return (u64)KML_PAGE_SIZE << r->maxorder;
}

static u64 kml_maxreq_burst(const struct kml_run *r)
{
	return r->size > r->wl->max_other ? r->size : r->wl->max_other;
}

static u64 kml_maxreq_replay(const struct kml_run *r)
{
	return r->trace ? r->trace->max_size : 0;	/* known with the trace */
}

static void kml_hdr_size_batch(const struct kml_run *r, struct kml_out *o)
{
	kml_out_printf(o, " size=%u batch=%u", r->size, r->batch);
}

static void kml_hdr_churn(const struct kml_run *r, struct kml_out *o)
{
	kml_out_printf(o, " size=%u batch=%u free_order=%s", r->size,
		       r->batch, kml_forder_words[r->free_order]);
}

static void kml_hdr_sizes(const struct kml_run *r, struct kml_out *o)
{
	kml_out_printf(o, " dist=%s min=%u max=%u batch=%u",
		       kml_dist_words[r->dist],
		       r->dist == KML_DIST_KMALLOC ? 1 : r->min,
		       r->dist == KML_DIST_KMALLOC ? 8192 : r->max, r->batch);
}

static void kml_hdr_pages(const struct kml_run *r, struct kml_out *o)
{
	kml_out_printf(o, " order=%u maxorder=%u batch=%u", r->order,
		       r->maxorder, r->batch);
}

static void kml_hdr_replay(const struct kml_run *r, struct kml_out *o)
{
	kml_out_printf(o, " trace=%s", r->trace->name);
}

/* --- the keys of "run" -------------------------------------------------------- */

const char * const kml_mode_words[] = {
	"pairs", "phases", "batch", NULL,
};

const char * const kml_dist_words[] = {
	"uniform", "pow2", "kmalloc-mix", NULL,
};

const char * const kml_forder_words[] = { "lifo", "random", NULL };

/*
 * Bounds and defaults of every key; a workload's own defaults of size=
 * and batch= are in its table entry. Without a default: ops= is 10000
 * (replay: the trace's ops), maxorder= is max(order, 3), sample= spreads
 * KML_SERIES_MAX / 2 points over the run, cpus= is 0 (or 0,1).
 */
const struct kml_keyspec kml_run_keys[KML_RK_NR] = {
	[KML_RK_ON]	= { "on", KML_KT_RAW },
	[KML_RK_OPS]	= { "ops", KML_KT_NUM, 1, KML_RUN_MAX_OPS },
	[KML_RK_SIZE]	= { "size", KML_KT_NUM, 1, KML_OBJ_MAX },
	[KML_RK_MIN]	= { "min", KML_KT_NUM, 1, KML_OBJ_MAX,
			    .has_def = true, .def = 8 },
	[KML_RK_MAX]	= { "max", KML_KT_NUM, 1, KML_OBJ_MAX,
			    .has_def = true, .def = 4096 },
	[KML_RK_DIST]	= { "dist", KML_KT_ENUM, 0, 0, kml_dist_words,
			    .has_def = true, .def = KML_DIST_UNIFORM },
	[KML_RK_CPUS]	= { "cpus", KML_KT_RAW },
	[KML_RK_REPS]	= { "reps", KML_KT_NUM, 1, KML_RUN_MAX_REPS,
			    .has_def = true, .def = 1 },
	[KML_RK_SEED]	= { "seed", KML_KT_NUM, 0, ~0ULL,
			    .has_def = true, .def = 1 },
	[KML_RK_MODE]	= { "mode", KML_KT_ENUM, 0, 0, kml_mode_words,
			    .has_def = true, .def = KML_MODE_PAIRS },
	[KML_RK_BATCH]	= { "batch", KML_KT_NUM, 1, KML_RUN_MAX_BATCH },
	[KML_RK_FREE_ORDER] = { "free_order", KML_KT_ENUM, 0, 0,
				kml_forder_words,
				.has_def = true, .def = KML_FREE_LIFO },
	[KML_RK_ORDER]	= { "order", KML_KT_NUM, 0, KML_MAX_ORDER,
			    .has_def = true, .def = 0 },
	[KML_RK_MAXORDER] = { "maxorder", KML_KT_NUM, 0, KML_MAX_ORDER },
	[KML_RK_TRACE]	= { "trace", KML_KT_RAW },
	[KML_RK_SAMPLE]	= { "sample", KML_KT_NUM, 1, KML_RUN_MAX_OPS },
};

/* --- the table ---------------------------------------------------------------- */

const struct kml_workload kml_workloads[] = {
	{
		.name = "churn",
		.desc = "fixed-size alloc/free: pairs, phases or batches",
		.keys = KML_RKB(SIZE) | KML_RKB(BATCH) | KML_RKB(FREE_ORDER),
		.size = 64, .batch = 256, .phases = true,
		.gen = kml_wl_churn, .slots = kml_slots_churn,
		.max_request = kml_maxreq_size, .header = kml_hdr_churn,
	},
	{
		.name = "sizes",
		.desc = "random sizes from a distribution, random replacement",
		.keys = KML_RKB(MIN) | KML_RKB(MAX) | KML_RKB(DIST) |
			KML_RKB(BATCH),
		.batch = 256,
		.gen = kml_wl_sizes, .slots = kml_slots_batch,
		.max_request = kml_maxreq_sizes, .header = kml_hdr_sizes,
	},
	{
		.name = "burst",
		.desc = "fork-like bursts of task_struct-sized objects",
		.keys = KML_RKB(SIZE) | KML_RKB(BATCH),
		.size = 9792, .batch = 32, .batch_max = KML_BURST_MAX_TASKS,
		.max_other = KML_BURST_COMPANION_MAX,
		.gen = kml_wl_burst, .slots = kml_slots_burst,
		.max_request = kml_maxreq_burst, .header = kml_hdr_size_batch,
	},
	{
		.name = "dentry",
		.desc = "long-lived and short-lived objects mixed (low slab use)",
		.keys = KML_RKB(SIZE) | KML_RKB(BATCH),
		.size = 192, .batch = 4096,
		.gen = kml_wl_dentry, .slots = kml_slots_dentry,
		.max_request = kml_maxreq_size, .header = kml_hdr_size_batch,
	},
	{
		.name = "pages",
		.desc = "page orders order..maxorder, random frees",
		.keys = KML_RKB(ORDER) | KML_RKB(MAXORDER) | KML_RKB(BATCH),
		.batch = 64,
		.gen = kml_wl_pages, .slots = kml_slots_batch,
		.max_request = kml_maxreq_pages, .header = kml_hdr_pages,
	},
	{
		.name = "remote",
		.desc = "alloc on one CPU, free on another",
		.keys = KML_RKB(SIZE) | KML_RKB(BATCH),
		.size = 64, .batch = 256, .workers = 2, .hands_over = true,
		.gen = kml_wl_remote, .slots = kml_slots_one,
		.max_request = kml_maxreq_size, .header = kml_hdr_size_batch,
	},
	{
		.name = "replay",
		.desc = "a loaded trace, op by op",
		.keys = KML_RKB(TRACE),
		.batch = 1, .max_workers = KML_RUN_MAX_REPLAY_CPUS,
		.gen = kml_wl_replay, .slots = kml_slots_replay,
		.max_request = kml_maxreq_replay, .header = kml_hdr_replay,
	},
	{
		.name = "bulk",
		.desc = "batch= objects in one bulk alloc, then one bulk free",
		.keys = KML_RKB(SIZE) | KML_RKB(BATCH),
		.size = 64, .batch = 16, .batch_max = KML_BULK_MAX,
		.gen = kml_wl_bulk, .slots = kml_slots_batch,
		.max_request = kml_maxreq_size, .header = kml_hdr_size_batch,
	},
};

const unsigned int kml_nr_workloads = ARRAY_SIZE(kml_workloads);
