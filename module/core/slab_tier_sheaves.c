// SPDX-License-Identifier: GPL-2.0
/*
 * tier=sheaves: Linux 7.x's per-CPU sheaves and per-node barn over
 * kmemlab's slab layer. Also the array and barn machinery the magazine
 * tier shares (slab_tier_magazine.c).
 */

/*
 * Theory of operation
 * ===================
 *
 * Vocabulary
 *
 *   sheaf	an array of free object pointers (struct kml_slab_arr) of
 *		the cache's capacity (create's sheaf=N, s->arr_size); the
 *		last pointer is handed out first (LIFO).
 *   main, spare
 *		the two sheaves of a CPU (c->cur, c->alt). Every operation
 *		works on main; spare is swapped in when main runs empty (on
 *		alloc) or full (on free).
 *   barn	one per NUMA node (we have one node, kml_slab_node_of()):
 *		a locked store of whole sheaves, full ones and empty ones.
 *   refill, flush
 *		batches between a sheaf and the slab layer: refill fills an
 *		empty main from partial, empty or new slabs under one hold
 *		of the cache lock (kml_slab_get_bulk()); flush gives a full
 *		main's objects back to their slabs (kml_slab_put_bulk()).
 *
 * Alloc: main has objects -> pop (cpu level). Else the spare has ->
 * swap, pop (cpu level). Else the barn has a full sheaf -> trade main
 * (empty) for it (barn level). Else refill main to capacity from the
 * slabs (partial / empty / new slab levels). Free: main has room ->
 * push. Else the spare has room -> swap, push. Else the barn has an
 * empty sheaf and fewer than KML_BARN_MAX_FULL full ones -> trade main
 * (full) for it. Else flush main to the slabs, push.
 *
 * Remote frees: as 7.x. slab_free() puts an object into the freeing
 * CPU's own main sheaf whatever CPU allocated it, as long as its slab is
 * on the local node (slab_nid(slab) == numa_mem_id()); remote-node
 * objects go straight to their slab. (Read in the sheaves patches of
 * mm/slub.c, free_to_pcs() called from slab_free(); we have one node, so
 * every free is local.) A producer/consumer pair therefore moves objects
 * from the consumer's sheaves to the barn to the producer's sheaves,
 * whole sheaves at a time, and the cache lock is taken once per sheaf.
 *
 * Invariants (validate checks them)
 *
 *   1. Each CPU below s->nr_tier_cpus has a main and a spare, each with
 *	0 <= nr <= capacity; other CPUs have none.
 *   2. Barn sheaves on the full list hold exactly capacity objects, on
 *	the empty list none; the barn's count of objects is their sum; the
 *	sheaves of CPUs and barn add up to the number made (none is lost).
 *   3. Every object in a sheaf is in a live slab of this cache, at an
 *	object boundary, not on its slab's freelist (the slab counts it in
 *	use), and is in one sheaf once.
 *   4. Objects in use (alloc - free) = slabs' inuse - quarantined -
 *	objects in sheaves.
 *   5. A CPU's remembered slab (c->checked) is none or a live slab of
 *	this cache; CPUs without sheaves remember none.
 *
 * Lock order: kml_cpu_get() -> barn->lock, released before s->lock is
 * taken for a refill or flush; validation alone nests s->lock ->
 * barn->lock. The sheaves of a CPU are touched only by that CPU while
 * pinned (or by flush_all on a quiescent cache).
 *
 * Where we differ from 7.x: (1) 7.x allocates sheaves on demand
 * (GFP_NOWAIT) and frees surplus ones; kml_zalloc() may sleep, so we make
 * all sheaves when the tier is set: two per CPU plus KML_BARN_SHEAVES
 * (2 x CPUs, 4..20) in the barn, a fixed population that only moves.
 * (2) 7.x protects the per-CPU sheaves with a local_trylock and takes the
 * barn lock with irqs off; we pin the CPU (preemption off) and never run
 * in interrupts. (3) The capacity is create's sheaf=N (default by object
 * size below), not 7.x's calculate_sheaf_capacity(). (4) No rcu_free
 * sheaf (kfree_rcu batching) and no prefilled sheaves API. (5) Every free
 * checks its pointer (pool, live slab of this cache, object boundary):
 * without an active slab to match there is nothing else that keeps bad
 * frees out. A CPU remembers the slab its last check passed (c->checked,
 * cleared on every CPU when the slab is released), so a free into the
 * same slab checks only the object boundary, inline; 7.x finds the slab
 * from the page (virt_to_slab()) and checks no boundary outside debug
 * caches. Like 7.x, the barn keeps at most 10 full sheaves.
 */
#include "slab_priv.h"

/* Default capacity by stride: ours, about 4 KiB of objects per sheaf. */
static u32 kml_sheaf_default(u32 stride)
{
	if (stride <= 128)
		return 32;
	if (stride <= 512)
		return 16;
	if (stride <= 2048)
		return 8;
	return 4;
}

/* --- arrays and the barn (shared with the magazine tier) ----------------- */

static struct kml_slab_arr *kml_slab_arr_new(u32 cap)
{
	struct kml_slab_arr *a;

	a = kml_zalloc(sizeof(*a) + (size_t)cap * sizeof(void *));
	if (!a)
		return NULL;
	a->cap = cap;
	kml_list_init(&a->node);
	return a;
}

static void kml_slab_arr_free_list(struct kml_list *head)
{
	struct kml_list *pos, *n;

	for (pos = kml_list_first(head); pos; pos = n) {
		n = kml_list_next(head, pos);
		kml_list_del(pos);
		kml_free(kml_list_entry(pos, struct kml_slab_arr, node));
	}
}

void kml_slab_barn_fini(struct kml_slab_cache *s)
{
	unsigned int i;

	for (i = 0; i < KML_MAX_CPUS; i++) {
		struct kml_slab_cpu *c = kml_slab_cpu_of(s, i);

		kml_free(c->cur);
		kml_free(c->alt);
		c->cur = NULL;
		c->alt = NULL;
		c->checked = KML_SLAB_NO_ACTIVE;
	}
	for (i = 0; i < KML_SLAB_NODES; i++) {
		struct kml_slab_barn *b = s->barn[i];

		if (!b)
			continue;
		kml_slab_arr_free_list(&b->full);
		kml_slab_arr_free_list(&b->empty);
		kml_lock_destroy(&b->lock);
		kml_free(b);
		s->barn[i] = NULL;
	}
	s->nr_tier_cpus = 0;
	s->nr_arrays = 0;
}

/*
 * kml_slab_barn_init() - two arrays of room @cap per CPU, a barn per node
 * with 2 x CPUs (4..20) empty arrays. Unwinds on failure.
 */
int kml_slab_barn_init(struct kml_slab_cache *s, u32 cap)
{
	unsigned int ncpu = kml_nr_cpus(), i, k;

	if (ncpu > KML_MAX_CPUS)
		ncpu = KML_MAX_CPUS;
	k = 2 * ncpu < 4 ? 4 : 2 * ncpu > 20 ? 20 : 2 * ncpu;
	for (i = 0; i < ncpu; i++) {
		struct kml_slab_cpu *c = kml_slab_cpu_of(s, i);

		c->cur = kml_slab_arr_new(cap);
		c->alt = kml_slab_arr_new(cap);
		if (!c->cur || !c->alt)
			goto fail;
	}
	s->nr_tier_cpus = ncpu;
	for (i = 0; i < KML_SLAB_NODES; i++) {
		struct kml_slab_barn *b = kml_zalloc(sizeof(*b));
		unsigned int j;

		if (!b)
			goto fail;
		s->barn[i] = b;
		kml_lock_init(&b->lock);
		kml_list_init(&b->full);
		kml_list_init(&b->empty);
		for (j = 0; j < k; j++) {
			struct kml_slab_arr *a = kml_slab_arr_new(cap);

			if (!a)
				goto fail;
			kml_list_add(&a->node, &b->empty);
			b->nr_empty++;
		}
	}
	s->nr_arrays = 2 * ncpu + KML_SLAB_NODES * k;
	s->arr_cap = cap;
	return 0;
fail:
	kml_slab_barn_fini(s);
	return -ENOMEM;
}

/* Take a barn's lock, counting it and whether it was free. */
static inline void kml_slab_barn_lock(struct kml_slab_barn *b,
				      struct kml_slab_cpu *c)
{
	if (!kml_lock_try(&b->lock)) {
		kml_lock_acquire(&b->lock);
		b->contention++;
		kml_slab_count(c, KML_SLAB_LOCK_BARN_CONTENDED);
	}
	b->ops++;
	kml_slab_count(c, KML_SLAB_LOCK_BARN);
}

static struct kml_slab_arr *kml_slab_barn_pop(struct kml_list *head)
{
	struct kml_list *pos = kml_list_first(head);

	kml_list_del(pos);
	kml_list_init(pos);
	return kml_list_entry(pos, struct kml_slab_arr, node);
}

/*
 * kml_slab_barn_trade() - at the barn of @cpu's node, leave @give and take
 * a full array (@take_full) or an empty one; an empty one only while the
 * barn has fewer than @max_full full arrays. The magazine tier's depot
 * adapts its magazine size here (under the lock).
 * Return: the array taken, or NULL (nothing changed).
 */
struct kml_slab_arr *kml_slab_barn_trade(struct kml_slab_cache *s,
					 struct kml_slab_cpu *c,
					 unsigned int cpu,
					 struct kml_slab_arr *give,
					 bool take_full, u32 max_full)
{
	struct kml_slab_barn *b = s->barn[kml_slab_node_of(cpu)];
	struct kml_slab_arr *got = NULL;

	kml_slab_barn_lock(b, c);
	if (take_full && b->nr_full) {
		got = kml_slab_barn_pop(&b->full);
		b->nr_full--;
		b->objects -= got->nr;
		kml_list_add(&give->node, &b->empty);
		b->nr_empty++;
	} else if (!take_full && b->nr_empty && b->nr_full < max_full) {
		got = kml_slab_barn_pop(&b->empty);
		b->nr_empty--;
		kml_list_add(&give->node, &b->full);
		b->nr_full++;
		b->objects += give->nr;
	}
	if (s->tier == KML_SLAB_TIER_MAGAZINE)
		kml_tier_magazine_update_locked(s, b, c);
	kml_lock_release(&b->lock);
	return got;
}

void kml_slab_arr_flush_cpu(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			    struct kml_slab_cpu *cnt)
{
	if (!c->cur)
		return;
	kml_slab_put_bulk(s, cnt, c->cur->obj, c->cur->nr);
	c->cur->nr = 0;
	kml_slab_put_bulk(s, cnt, c->alt->obj, c->alt->nr);
	c->alt->nr = 0;
}

void kml_slab_barn_drain(struct kml_slab_cache *s, struct kml_slab_cpu *cnt)
{
	unsigned int i;

	for (i = 0; i < KML_SLAB_NODES; i++) {
		struct kml_slab_barn *b = s->barn[i];
		struct kml_slab_arr *a;

		if (!b)
			continue;
		for (;;) {
			kml_slab_barn_lock(b, cnt);
			if (!b->nr_full) {
				kml_lock_release(&b->lock);
				break;
			}
			a = kml_slab_barn_pop(&b->full);
			b->nr_full--;
			b->objects -= a->nr;
			kml_lock_release(&b->lock);
			kml_slab_put_bulk(s, cnt, a->obj, a->nr);
			a->nr = 0;
			kml_slab_barn_lock(b, cnt);
			kml_list_add(&a->node, &b->empty);
			b->nr_empty++;
			kml_lock_release(&b->lock);
		}
	}
}

/* Shell sort of pointers (no libc qsort in the kernel's own sense). */
static void kml_slab_sort_ptrs(void **p, u64 n)
{
	static const u64 gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
	unsigned int g;
	u64 i, j;

	for (g = 0; g < ARRAY_SIZE(gaps); g++) {
		u64 gap = gaps[g];

		for (i = gap; i < n; i++) {
			void *x = p[i];

			for (j = i; j >= gap && (unsigned long)p[j - gap] >
					      (unsigned long)x; j -= gap)
				p[j] = p[j - gap];
			p[j] = x;
		}
	}
}

/* One array's objects: checked, appended to v->objs. */
static unsigned int kml_slab_arr_check(struct kml_slab_cache *s,
				       struct kml_slab_arr *a,
				       struct kml_slab_vctx *v, u64 *n)
{
	unsigned int bad = 0, i;

	if (!a || a->cap != s->arr_cap || a->nr > s->arr_size)
		return 1;
	for (i = 0; i < a->nr; i++) {
		bad += kml_slab_tier_check_obj(s, a->obj[i]);
		if (*n < v->objs_cap)
			v->objs[*n] = a->obj[i];
		(*n)++;
	}
	return bad;
}

unsigned int kml_slab_arr_validate(struct kml_slab_cache *s,
				   struct kml_slab_vctx *v, bool full_means_cap)
{
	unsigned int bad = 0, i;
	u64 n = 0, arrays = 0;

	kml_lock_assert_held(&s->lock);
	for (i = 0; i < KML_MAX_CPUS; i++) {
		struct kml_slab_cpu *c = kml_slab_cpu_of(s, i);

		if (c->slab || c->freelist || c->active != KML_SLAB_NO_ACTIVE)
			bad++;
		if (i >= s->nr_tier_cpus) {
			if (c->cur || c->alt || c->checked != KML_SLAB_NO_ACTIVE)
				bad++;
			continue;
		}
		if (c->checked != KML_SLAB_NO_ACTIVE &&
		    !kml_slab_is_ours(s, c->checked))
			bad++;
		bad += kml_slab_arr_check(s, c->cur, v, &n);
		bad += kml_slab_arr_check(s, c->alt, v, &n);
		arrays += 2;
	}
	for (i = 0; i < KML_SLAB_NODES; i++) {
		struct kml_slab_barn *b = s->barn[i];
		struct kml_list *pos;
		u64 objs = 0, nf = 0, ne = 0;

		if (!b) {
			bad++;
			continue;
		}
		kml_lock_acquire(&b->lock);
		for (pos = kml_list_first(&b->full); pos;
		     pos = kml_list_next(&b->full, pos)) {
			struct kml_slab_arr *a = kml_list_entry(pos,
						struct kml_slab_arr, node);

			if (++nf > s->nr_arrays)
				break;
			if (!a->nr || (full_means_cap && a->nr != s->arr_size))
				bad++;
			objs += a->nr;
			bad += kml_slab_arr_check(s, a, v, &n);
		}
		for (pos = kml_list_first(&b->empty); pos;
		     pos = kml_list_next(&b->empty, pos)) {
			struct kml_slab_arr *a = kml_list_entry(pos,
						struct kml_slab_arr, node);

			if (++ne > s->nr_arrays)
				break;
			if (a->nr || a->cap != s->arr_cap)
				bad++;
		}
		if (nf != b->nr_full || ne != b->nr_empty ||
		    objs != b->objects)
			bad++;
		arrays += nf + ne;
		kml_lock_release(&b->lock);
	}
	if (arrays != s->nr_arrays)
		bad++;
	/* No object twice, in one array or two. */
	if (n <= v->objs_cap) {
		u64 j;

		kml_slab_sort_ptrs(v->objs, n);
		for (j = 1; j < n; j++)
			if (v->objs[j] == v->objs[j - 1])
				bad++;
	} else {
		bad++;
	}
	v->held += n;
	return bad;
}

void kml_slab_arr_stats(struct kml_slab_cache *s,
			struct kml_slab_tier_held *h)
{
	unsigned int i;

	h->cpu = 0;
	h->barn = 0;
	for (i = 0; i < s->nr_tier_cpus; i++) {
		struct kml_slab_cpu *c = kml_slab_cpu_of(s, i);

		h->cpu += READ_ONCE(c->cur->nr) + READ_ONCE(c->alt->nr);
	}
	for (i = 0; i < KML_SLAB_NODES; i++)
		if (s->barn[i])
			h->barn += READ_ONCE(s->barn[i]->objects);
}

/* --- the sheaves tier ---------------------------------------------------------- */

static int kml_tier_sheaves_init(struct kml_slab_cache *s, u32 capacity)
{
	u32 cap = capacity ? capacity : kml_sheaf_default(s->stride);
	int ret;

	ret = kml_slab_barn_init(s, cap);
	if (!ret)
		s->arr_size = cap;
	return ret;
}

/* refill: main filled to capacity from the slabs, in one batch. */
static unsigned int kml_tier_sheaves_refill(struct kml_slab_cache *s,
					    struct kml_slab_cpu *c,
					    unsigned int cpu)
{
	/* LAB percpu.sheaf_refill: begin */
	struct kml_slab_arr *m = c->cur;
	unsigned int got;

	got = kml_slab_get_bulk(s, c, cpu, m->obj + m->nr,
				s->arr_size - m->nr);
	m->nr += got;
	kml_slab_count(c, KML_SLAB_TIER_ALLOC_SLAB);
	kml_slab_count_n(c, KML_SLAB_TIER_REFILL_OBJS, got);
	return m->nr;
	/* LAB percpu.sheaf_refill: end */
}

/* flush: every object of a full main back to its slab, in one batch. */
static void kml_tier_sheaves_flush_main(struct kml_slab_cache *s,
					struct kml_slab_cpu *c)
{
	/* LAB percpu.sheaf_flush: begin */
	struct kml_slab_arr *m = c->cur;

	kml_slab_put_bulk(s, c, m->obj, m->nr);
	m->nr = 0;
	kml_slab_count(c, KML_SLAB_TIER_FREE_SLAB);
	/* LAB percpu.sheaf_flush: end */
}

static void *kml_tier_sheaves_alloc_slow(struct kml_slab_cache *s,
					 struct kml_slab_cpu *c,
					 unsigned int cpu)
{
	struct kml_slab_arr *m = c->cur, *full;

	if (c->alt->nr) {
		c->cur = c->alt;
		c->alt = m;
		m = c->cur;
		kml_slab_count(c, KML_SLAB_ALLOC_FAST);
		return m->obj[--m->nr];
	}
	full = kml_slab_barn_trade(s, c, cpu, m, true, 0);
	if (full) {
		c->cur = full;
		m = full;
		kml_slab_count(c, KML_SLAB_TIER_ALLOC_BARN);
	} else if (!kml_tier_sheaves_refill(s, c, cpu)) {
		kml_slab_count(c, KML_SLAB_ALLOC_FAIL);
		return NULL;
	}
	kml_slab_count(c, KML_SLAB_ALLOC_SLOW);
	return m->obj[--m->nr];
}

void *kml_tier_sheaves_alloc(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			     unsigned int cpu)
{
	struct kml_slab_arr *m = c->cur;

	if (likely(m->nr)) {
		c->stat[KML_SLAB_ALLOC_FAST]++;
		return m->obj[--m->nr];
	}
	return kml_tier_sheaves_alloc_slow(s, c, cpu);
}

int kml_tier_sheaves_free(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			  void *obj)
{
	struct kml_slab_arr *m = c->cur, *empty;
	int err;

	err = kml_slab_check_arr_free(s, c, obj);
	if (err)
		return err;
	if (likely(m->nr < s->arr_size)) {
		m->obj[m->nr++] = obj;
		c->stat[KML_SLAB_FREE_FAST]++;
		return 0;
	}
	if (c->alt->nr < s->arr_size) {
		c->cur = c->alt;
		c->alt = m;
		m = c->cur;
		m->obj[m->nr++] = obj;
		kml_slab_count(c, KML_SLAB_FREE_FAST);
		return 0;
	}
	empty = kml_slab_barn_trade(s, c, kml_slab_cpu_id(s, c), m, false,
				    KML_BARN_MAX_FULL);
	if (empty) {
		c->cur = empty;
		m = empty;
		kml_slab_count(c, KML_SLAB_TIER_FREE_BARN);
	} else {
		kml_tier_sheaves_flush_main(s, c);
	}
	if (unlikely(m->nr >= s->arr_size))	/* a flush that did not */
		kml_slab_put_bulk(s, c, &obj, 1);
	else
		m->obj[m->nr++] = obj;
	kml_slab_count(c, KML_SLAB_FREE_SLOW);
	return 0;
}

static void kml_tier_sheaves_show(struct kml_slab_cache *s,
				  struct kml_out *out)
{
	const struct kml_slab_barn *b = s->barn[0];

	kml_out_printf(out, "%s.sheaf_capacity %u\n", s->name, s->arr_size);
	kml_out_printf(out, "%s.barn_sheaves_full %u\n", s->name,
		       b ? READ_ONCE(b->nr_full) : 0);
	kml_out_printf(out, "%s.barn_sheaves_empty %u\n", s->name,
		       b ? READ_ONCE(b->nr_empty) : 0);
}

static unsigned int kml_tier_sheaves_validate(struct kml_slab_cache *s,
					      struct kml_slab_vctx *v)
{
	return kml_slab_arr_validate(s, v, true);
}

const struct kml_slab_tier_ops kml_slab_tier_sheaves = {
	.name		= "sheaves",
	.init		= kml_tier_sheaves_init,
	.fini		= kml_slab_barn_fini,
	.alloc		= kml_tier_sheaves_alloc,
	.free		= kml_tier_sheaves_free,
	.refill		= kml_tier_sheaves_refill,
	.flush		= kml_slab_arr_flush_cpu,
	.drain		= kml_slab_barn_drain,
	.validate	= kml_tier_sheaves_validate,
	.stats		= kml_slab_arr_stats,
	.show		= kml_tier_sheaves_show,
};
