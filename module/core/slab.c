// SPDX-License-Identifier: GPL-2.0
/*
 * kmemlab's slab caches: SLUB-like object caches over our buddy allocator
 * (per-CPU active slab with a lockless per-CPU freelist, a locked partial
 * list, new slabs from the buddy), debug caches with red zones, poisoning
 * and free checks, and the kmalloc-<n> size classes. The "slab" backend is
 * at the end.
 */

/*
 * Theory of operation
 * ===================
 *
 * Vocabulary
 *
 *   cache	objects of one size and alignment (struct kml_slab_cache),
 *		the kernel's struct kmem_cache.
 *   slab	one buddy block of 2^order pages cut into objects. Its first
 *		bytes hold the slab descriptor (struct kml_slab); the objects
 *		follow at obj_offset, one every stride bytes; what is left at
 *		the end is the leftover. We have no struct page, so the
 *		descriptor is on-slab, like SLAB's on-slab management: a
 *		buddy block is aligned to its size (the pool's chunks are
 *		naturally aligned, blocks are aligned within them), so
 *		obj & ~(slab bytes - 1) is the descriptor of obj's slab.
 *		The magic word (a constant XOR the slab's address) tells a
 *		live descriptor from object data or a released slab (release
 *		clears it).
 *   stride	object size, red zone and an outside free pointer, rounded
 *		up to the alignment (SLUB's s->size; /proc/slabinfo's
 *		<objsize> column).
 *   free pointer
 *		the link of a free object, stored inside the free object at
 *		offset (SLUB's s->offset): near the middle of the object
 *		(ALIGN_DOWN(size / 2, 8), as SLUB 6.1 does, away from the
 *		edges that small overflows hit), or after the object when
 *		the object's content must survive a free: caches with a
 *		constructor, poisoned caches, red-zoned objects under 8 bytes.
 *   per-CPU freelist
 *		free objects of the CPU's active slab that only that CPU
 *		touches (struct kml_slab_cpu.freelist): SLUB's c->freelist.
 *   slab freelist
 *		free objects of a slab that are not on a per-CPU freelist
 *		(struct kml_slab.freelist); remote frees go here.
 *   inuse	per slab: objects not on the slab freelist. For an active
 *		slab this counts the per-CPU freelist as in use, as SLUB's
 *		slab->inuse does for a frozen slab.
 *   quarantine	debug caches withhold an object found corrupted (poison or
 *		red zone written while it was free) for good: never handed
 *		out again, counted in inuse and in its own bitmap.
 *
 * Slab states (slab->state; the lists are under the cache lock)
 *
 *   ACTIVE	a CPU's active slab (SLUB's frozen cpu slab): on no list.
 *		Only its CPU allocates from it; any CPU may free to it.
 *   PARTIAL	0 < inuse < objects, on s->partial.
 *   FULL	inuse == objects, on s->full (SLUB lists full slabs only
 *		when debugging; we always do, so that destroy and validate
 *		see every slab; it costs nothing on the fast path).
 *   EMPTY	inuse == 0, on s->empty. At most min_partial empty slabs are
 *		kept (SLUB keeps empty slabs while nr_partial < min_partial,
 *		partial ones included; we bound the empty ones only); the
 *		rest, and all of them on shrink, go back to the buddy.
 *
 * Invariants (kml_slab_cache_validate() checks every one)
 *
 *   1. Every slab is on exactly one list matching its state, or is the
 *	active slab of exactly one CPU; the list counters match.
 *   2. Every free pointer is NULL or points into its own slab at an
 *	object boundary; no object is on two freelists or twice on one.
 *   3. A listed slab's freelist holds objects - inuse objects; an active
 *	slab's per-CPU freelist holds at most inuse of them.
 *   4. Debug caches: allocated and quarantine bitmaps are disjoint, agree
 *	with inuse and with the freelist (a free object has neither bit).
 *   5. Objects in use (the alloc minus free counters) equal the sum of
 *	inuse over slabs minus per-CPU freelists minus quarantined objects.
 *
 * Lock order
 *
 *   kml_cpu_get() (pins the CPU; preemption off in the kernel) ->
 *   s->lock (the cache's list lock: lists, slab freelists, inuse, state)
 *   -> the buddy's locks. A slab is released to the buddy under s->lock;
 *   a new slab is taken from the buddy and constructed without it (but
 *   with the CPU pinned: constructors must not sleep).
 *
 * Fast and slow tiers
 *
 *   fast	alloc pops the CPU's per-CPU freelist; free pushes onto it
 *		when the object's slab (found by masking) is the CPU's active
 *		slab. No lock, no atomic: only kml_cpu_get()/kml_cpu_put().
 *		Counters are per CPU too and summed when read.
 *   slow	under s->lock: (1) refill the per-CPU freelist from the active
 *		slab's own freelist (the remote frees), (2) otherwise hand the
 *		now full active slab to the full list and take the first
 *		partial slab, else a kept empty one, (3) else a new slab from
 *		the buddy. Every free that misses the active slab takes the
 *		lock and pushes onto the slab's own freelist, moving the slab
 *		between lists when its state changes.
 *
 *   SLUB lets other CPUs push onto a frozen slab's freelist with
 *   cmpxchg_double on (freelist, counters) and lets the owner grab that
 *   list with another cmpxchg, taking the list lock only when a slab
 *   changes lists. We use the cache lock for both: the platform contract
 *   offers no double-word cmpxchg, and a locked remote free is simple to
 *   validate. The cost is a lock round trip per remote free, and one per
 *   refill, not on the local fast path.
 *
 *   Debug caches (KML_F_REDZONE, KML_F_POISON, KML_F_CHECK) bypass the
 *   per-CPU tier altogether, as SLUB debug caches do: every alloc and
 *   free runs under s->lock straight on slab freelists, so that checks
 *   see a stable state. A detection is counted and refused: a bad free
 *   returns -EINVAL and changes nothing; a corrupted free object is
 *   quarantined and the allocation takes the next one; a corrupted free
 *   pointer makes the slab's freelist be rebuilt from the bitmaps.
 *   Non-debug caches check only slow-path frees (outside the pool, not a
 *   slab of this cache, not an object boundary), like SLUB without debug.
 *
 * Slab order (kml_slab_calc_layout()) follows SLUB's calculate_order()
 * and calc_slab_order() of 6.1: min_objects = 4 * (fls(nr_cpus) + 1)
 * bounded by the objects of an order-3 slab; for min_objects downwards,
 * leftover fractions 16, 8 then 4: the first order from the smallest that
 * holds min_objects up to 3 whose leftover is at most slab bytes /
 * fraction; then one object with any leftover up to order 3, then up to
 * KML_MAX_ORDER. Exactly SLUB's rule, except that the bytes available to
 * objects exclude the on-slab descriptor (SLUB has it off-slab in struct
 * page), so "objects" and "leftover" are counted after obj_offset. So a
 * slab holds one object fewer than SLUB's where SLUB's fills it exactly:
 * kmalloc-64 has 63 per order-0 slab, kmalloc-4k 7 per order-3 slab.
 *
 * Constructors run once per object when its slab is made (Bonwick's
 * object caching), never on alloc. KML_F_ZERO zeroes objects on alloc
 * (init_on_alloc), except in caches with a constructor (the kernel's
 * slab_want_init_on_alloc() makes the same exception), and poisoning is
 * off in caches with a constructor, as SLUB's __OBJECT_POISON.
 */
#include "slab_priv.h"
#include "ops.h"

#define KML_SLAB_CTOR_BYTE	0x5a

const char * const kml_slab_stat_names[] = {
	[KML_SLAB_ALLOC]		= "alloc",
	[KML_SLAB_FREE]			= "free",
	[KML_SLAB_ALLOC_FAST]		= "alloc_fastpath",
	[KML_SLAB_ALLOC_SLOW]		= "alloc_slowpath",
	[KML_SLAB_FREE_FAST]		= "free_fastpath",
	[KML_SLAB_FREE_SLOW]		= "free_slowpath",
	[KML_SLAB_FREE_REMOTE]		= "free_remote",
	[KML_SLAB_ALLOC_REFILL]		= "alloc_refill",
	[KML_SLAB_ALLOC_PARTIAL]	= "alloc_from_partial",
	[KML_SLAB_ALLOC_EMPTY]		= "alloc_from_empty",
	[KML_SLAB_DEACTIVATE]		= "deactivate",
	[KML_SLAB_ALLOC_FAIL]		= "alloc_fail",
	[KML_SLAB_SLAB_NEW]		= "slab_new",
	[KML_SLAB_SLAB_RELEASE]		= "slab_release",
	[KML_SLAB_BAD_FREE]		= "bad_free",
	[KML_SLAB_FREE_OUTSIDE]		= "bad_free_outside",
	[KML_SLAB_FREE_FOREIGN]		= "bad_free_foreign",
	[KML_SLAB_FREE_MISALIGNED]	= "bad_free_misaligned",
	[KML_SLAB_FREE_DOUBLE]		= "bad_free_double",
	[KML_SLAB_REDZONE_HIT]		= "redzone_hit",
	[KML_SLAB_POISON_HIT]		= "poison_hit",
	[KML_SLAB_FREEPTR_BAD]		= "freeptr_bad",
	[KML_SLAB_QUARANTINED]		= "quarantined",
	[KML_SLAB_TIER_ALLOC_CPU]	= "tier_alloc_cpu",
	[KML_SLAB_TIER_ALLOC_BARN]	= "tier_alloc_barn",
	[KML_SLAB_TIER_ALLOC_SLAB]	= "tier_alloc_slab",
	[KML_SLAB_TIER_REFILL_OBJS]	= "tier_refill_objects",
	[KML_SLAB_TIER_FREE_CPU]	= "tier_free_cpu",
	[KML_SLAB_TIER_FREE_BARN]	= "tier_free_barn",
	[KML_SLAB_TIER_FREE_SLAB]	= "tier_free_slab",
	[KML_SLAB_TIER_FLUSH]		= "tier_flush",
	[KML_SLAB_TIER_FLUSH_OBJS]	= "tier_flush_objects",
	[KML_SLAB_LOCK_CACHE]		= "lock_cache",
	[KML_SLAB_LOCK_BARN]		= "lock_barn",
	[KML_SLAB_LOCK_BARN_CONTENDED]	= "lock_barn_contended",
	[KML_SLAB_MAG_RESIZE]		= "magazine_resize",
	[KML_SLAB_BULK_ALLOC]		= "bulk_alloc",
	[KML_SLAB_BULK_ALLOC_OBJS]	= "bulk_alloc_objects",
	[KML_SLAB_BULK_ALLOC_FAIL]	= "bulk_alloc_fail",
	[KML_SLAB_BULK_FREE]		= "bulk_free",
	[KML_SLAB_BULK_FREE_OBJS]	= "bulk_free_objects",
};

const char * const kml_slab_tier_names[KML_SLAB_TIER_NR] = {
	[KML_SLAB_TIER_FREELIST]	= "freelist",
	[KML_SLAB_TIER_SHEAVES]		= "sheaves",
	[KML_SLAB_TIER_MAGAZINE]	= "magazine",
};

static const struct kml_slab_tier_ops * const kml_slab_tiers[KML_SLAB_TIER_NR] = {
	[KML_SLAB_TIER_FREELIST]	= &kml_slab_tier_freelist,
	[KML_SLAB_TIER_SHEAVES]		= &kml_slab_tier_sheaves,
	[KML_SLAB_TIER_MAGAZINE]	= &kml_slab_tier_magazine,
};

static_assert(ARRAY_SIZE(kml_slab_stat_names) == KML_SLAB_STAT_NR,
	      "kml_slab_stat_names must name every enum kml_slab_stat");

struct kml_kmalloc {
	struct kml_slab_cache *cache[KML_KMALLOC_CLASSES]; /* by class */
	struct kml_buddy *buddy;	/* shared by every class */
	u32 orders;			/* bit o: some class has order o */
};

/* --- small helpers ------------------------------------------------------ */

/* kml_align() - @x rounded up to @a, a power of two. */
static inline unsigned long kml_align(unsigned long x, unsigned long a)
{
	return (x + a - 1) & ~(a - 1);
}

static inline char *kml_slab_obj(const struct kml_slab_cache *s,
				 struct kml_slab *slab, unsigned int idx)
{
	return (char *)slab + s->layout.obj_offset + (u64)idx * s->stride;
}

static inline bool kml_slab_is_live(const struct kml_slab *slab)
{
	return slab->magic == (KML_SLAB_MAGIC ^ (unsigned long)slab);
}

static inline bool kml_test_bit(const unsigned long *map, unsigned long i)
{
	return map[i / KML_BITS_PER_LONG] >> (i % KML_BITS_PER_LONG) & 1;
}

static inline void kml_set_bit(unsigned long *map, unsigned long i)
{
	map[i / KML_BITS_PER_LONG] |= 1UL << (i % KML_BITS_PER_LONG);
}

static inline void kml_clear_bit(unsigned long *map, unsigned long i)
{
	map[i / KML_BITS_PER_LONG] &= ~(1UL << (i % KML_BITS_PER_LONG));
}

/* No __builtin_popcount: it may call libgcc, which the module lacks. */
static unsigned int kml_weight(const unsigned long *map, unsigned int longs)
{
	unsigned int i, n = 0;
	unsigned long w;

	for (i = 0; i < longs; i++)
		for (w = map[i]; w; w &= w - 1)
			n++;
	return n;
}

static inline unsigned long *kml_slab_amap(const struct kml_slab_cache *s,
					   struct kml_slab *slab)
{
	return slab->map;
}

static inline unsigned long *kml_slab_qmap(const struct kml_slab_cache *s,
					   struct kml_slab *slab)
{
	return slab->map + s->map_longs;
}

static unsigned int kml_fls(unsigned int x)
{
	unsigned int r = 0;

	while (x) {
		r++;
		x >>= 1;
	}
	return r;
}

/* --- layout and order (SLUB's calculate_sizes() and calculate_order()) -- */

/*
 * kml_slab_geometry() - objects, first object and leftover of one order.
 * Debug caches carry two bitmaps sized for the most objects that could
 * fit behind a bare descriptor, so the result is a function of the order.
 */
static void kml_slab_geometry(u32 stride, u32 align, bool debug,
			      unsigned int order, u32 *objects, u32 *obj_off,
			      u32 *leftover, u32 *map_longs)
{
	unsigned long bytes = KML_PAGE_SIZE << order;
	unsigned long hdr = sizeof(struct kml_slab), longs = 0, off, n;

	if (debug) {
		longs = KML_LONGS((bytes - KML_SLAB_DESC_SIZE) / stride);
		hdr += 2 * longs * sizeof(unsigned long);
	}
	if (hdr < KML_SLAB_DESC_SIZE)
		hdr = KML_SLAB_DESC_SIZE;
	off = kml_align(hdr, align);
	n = bytes > off ? (bytes - off) / stride : 0;
	*objects = (u32)n;
	*obj_off = (u32)off;
	*leftover = (u32)(bytes > off ? bytes - off - n * stride : 0);
	if (map_longs)
		*map_longs = (u32)longs;
}

static u32 kml_slab_order_objects(u32 stride, u32 align, bool debug,
				  unsigned int order)
{
	u32 n, off, left;

	kml_slab_geometry(stride, align, debug, order, &n, &off, &left, NULL);
	return n;
}

/* SLUB's calc_slab_order(), counting after the on-slab descriptor. */
static unsigned int kml_slab_calc_order(u32 stride, u32 align, bool debug,
					u32 min_objects, unsigned int max_order,
					u32 fract_leftover)
{
	unsigned int order;
	u32 n, off, left;

	/* SLUB: get_order(min_objects * size), the first order that fits. */
	for (order = 0; order <= KML_MAX_ORDER; order++)
		if (kml_slab_order_objects(stride, align, debug, order) >=
		    min_objects)
			break;
	for (; order <= max_order; order++) {
		unsigned long bytes = KML_PAGE_SIZE << order;

		kml_slab_geometry(stride, align, debug, order, &n, &off, &left,
				  NULL);
		if (left <= bytes / fract_leftover)
			break;
	}
	return order;
}

int kml_slab_calc_layout(u32 size, u32 align, u32 flags, bool has_ctor,
			 unsigned int nr_cpus, struct kml_slab_layout *l)
{
	bool poison = (flags & KML_F_POISON) && !has_ctor;
	bool redzone = flags & KML_F_REDZONE;
	bool debug = flags & KML_SLAB_DEBUG_FLAGS;
	u32 inuse, min_objects, max_objects, fraction, n, off, left;
	unsigned int order;

	if (!size || size > KML_SLAB_MAX_SIZE)
		return -EINVAL;
	if (!align)
		align = 8;
	if (align & (align - 1) || align > KML_SLAB_MAX_ALIGN)
		return -EINVAL;
	if (align < 8)
		align = 8;

	memset(l, 0, sizeof(*l));
	l->size = size;
	l->align = align;
	inuse = (u32)kml_align(size, 8);
	/* A red zone needs at least one byte: add a word when none is left. */
	if (redzone && inuse == size)
		inuse += 8;
	l->redzone = size;
	l->redzone_end = redzone ? inuse : size;
	if (has_ctor || poison || (redzone && size < 8)) {
		/* The object must survive a free: pointer after it. */
		l->offset = inuse;
		inuse += 8;
	} else {
		l->offset = (size / 2) & ~7u;
	}
	l->stride = (u32)kml_align(inuse, align);

	if (!nr_cpus)
		nr_cpus = 1;
	min_objects = 4 * (kml_fls(nr_cpus) + 1);
	max_objects = kml_slab_order_objects(l->stride, align, debug,
					     KML_SLAB_MAX_ORDER);
	if (min_objects > max_objects)
		min_objects = max_objects;
	order = KML_MAX_ORDER + 1;
	fraction = 16;
	while (min_objects > 1) {
		for (fraction = 16; fraction >= 4; fraction /= 2) {
			order = kml_slab_calc_order(l->stride, align, debug,
						    min_objects,
						    KML_SLAB_MAX_ORDER,
						    fraction);
			if (order <= KML_SLAB_MAX_ORDER)
				goto found;
		}
		min_objects--;
	}
	min_objects = 1;
	fraction = 1;
	order = kml_slab_calc_order(l->stride, align, debug, 1,
				    KML_SLAB_MAX_ORDER, 1);
	if (order > KML_SLAB_MAX_ORDER)
		order = kml_slab_calc_order(l->stride, align, debug, 1,
					    KML_MAX_ORDER, 1);
	if (order > KML_MAX_ORDER)
		return -E2BIG;
found:
	kml_slab_geometry(l->stride, align, debug, order, &n, &off, &left,
			  NULL);
	l->order = order;
	l->objects = n;
	l->obj_offset = off;
	l->leftover = left;
	l->min_objects = min_objects;
	l->fraction = fraction;
	return 0;
}

/* --- debug patterns ------------------------------------------------------ */

static bool kml_slab_bytes_are(const char *p, u32 len, u8 v)
{
	u32 i;

	for (i = 0; i < len; i++)
		if ((u8)p[i] != v)
			return false;
	return true;
}

static void kml_slab_poison_obj(const struct kml_slab_cache *s, char *obj)
{
	memset(obj, KML_SLAB_POISON_FREE, s->size - 1);
	obj[s->size - 1] = (char)KML_SLAB_POISON_END;
}

static bool kml_slab_poison_ok(const struct kml_slab_cache *s, const char *obj)
{
	return kml_slab_bytes_are(obj, s->size - 1, KML_SLAB_POISON_FREE) &&
	       (u8)obj[s->size - 1] == KML_SLAB_POISON_END;
}

static void kml_slab_set_redzone(const struct kml_slab_cache *s, char *obj,
				 u8 v)
{
	memset(obj + s->layout.redzone, v,
	       s->layout.redzone_end - s->layout.redzone);
}

static bool kml_slab_redzone_ok(const struct kml_slab_cache *s,
				const char *obj, u8 v)
{
	return kml_slab_bytes_are(obj + s->layout.redzone,
				  s->layout.redzone_end - s->layout.redzone, v);
}

/* --- slabs: new, release, lists ------------------------------------------ */

/*
 * kml_slab_new() - take a block from the buddy and make it a slab: every
 * object constructed (once), poisoned and red-zoned as the cache says,
 * and linked on the slab freelist in address order. Called without the
 * cache lock, with the CPU pinned.
 */
struct kml_slab *kml_slab_new(struct kml_slab_cache *s,
			      struct kml_slab_cpu *c, unsigned int cpu)
{
	/* LAB slab.new: begin */
	struct kml_slab *slab;
	void *head = NULL;
	unsigned int i;

	slab = kml_buddy_alloc(s->buddy, s->layout.order);
	if (!slab)
		return NULL;
	memset(slab, 0, s->layout.obj_offset);
	slab->cache = s;
	slab->objects = s->layout.objects;
	slab->state = KML_SLAB_EMPTY;
	kml_list_init(&slab->node);
	for (i = slab->objects; i-- > 0;) {
		char *obj = kml_slab_obj(s, slab, i);

		if (s->ctor)
			s->ctor(obj, s->ctor_arg);
		if (s->poison)
			kml_slab_poison_obj(s, obj);
		if (s->redzone)
			kml_slab_set_redzone(s, obj, KML_SLAB_RED_INACTIVE);
		kml_slab_set_fp(s, obj, head);
		head = obj;
	}
	slab->freelist = head;
	slab->magic = KML_SLAB_MAGIC ^ (unsigned long)slab;
	kml_slab_count(c, KML_SLAB_SLAB_NEW);
	kml_trace_slab_new(s->inst, s->name, (unsigned long)slab,
			   s->layout.order, slab->objects);
	return slab;
	/* LAB slab.new: end */
}

/*
 * No CPU's array tier may trust a released slab: clear it where a free
 * remembered it (kml_slab_check_arr_free()). Only CPUs with arrays set it.
 */
static void kml_slab_forget_checked(struct kml_slab_cache *s,
				    struct kml_slab *slab)
{
	unsigned int i;

	for (i = 0; i < s->nr_tier_cpus; i++) {
		struct kml_slab_cpu *c = kml_slab_cpu_of(s, i);

		if (READ_ONCE(c->checked) == (unsigned long)slab)
			WRITE_ONCE(c->checked, KML_SLAB_NO_ACTIVE);
	}
}

static void kml_slab_release_locked(struct kml_slab_cache *s,
				    struct kml_slab *slab,
				    struct kml_slab_cpu *c)
{
	kml_lock_assert_held(&s->lock);
	kml_slab_forget_checked(s, slab);
	slab->magic = 0;
	s->nr_slabs--;
	kml_slab_count(c, KML_SLAB_SLAB_RELEASE);
	kml_trace_slab_release(s->inst, s->name, (unsigned long)slab,
			       s->layout.order);
	/* Cannot fail: the block is ours, at its order. */
	KML_WARN_ON_ONCE(kml_buddy_free(s->buddy, slab, s->layout.order));
}

static enum kml_slab_state kml_slab_state_of(const struct kml_slab *slab)
{
	if (!slab->inuse)
		return KML_SLAB_EMPTY;
	if (slab->inuse == slab->objects)
		return KML_SLAB_FULL;
	return KML_SLAB_PARTIAL;
}

static void kml_slab_unlist_locked(struct kml_slab_cache *s,
				   struct kml_slab *slab)
{
	kml_lock_assert_held(&s->lock);
	switch (slab->state) {
	case KML_SLAB_PARTIAL:
		s->nr_partial--;
		break;
	case KML_SLAB_FULL:
		s->nr_full--;
		break;
	case KML_SLAB_EMPTY:
		s->nr_empty--;
		break;
	default:
		return;
	}
	kml_list_del(&slab->node);
}

/*
 * kml_slab_place_locked() - put a slab that is on no list where its inuse
 * says: partial slabs at the tail (allocation takes the head, the fullest
 * partial slabs go first as in SLUB's deactivate to tail), empty slabs
 * kept up to min_partial, released beyond.
 */
void kml_slab_place_locked(struct kml_slab_cache *s,
			   struct kml_slab *slab,
				  struct kml_slab_cpu *c)
{
	kml_lock_assert_held(&s->lock);
	/* LAB slab.place: begin */
	slab->state = kml_slab_state_of(slab);
	switch (slab->state) {
	case KML_SLAB_PARTIAL:
		kml_list_add_tail(&slab->node, &s->partial);
		s->nr_partial++;
		break;
	case KML_SLAB_FULL:
		kml_list_add(&slab->node, &s->full);
		s->nr_full++;
		break;
	default:
		if (s->nr_empty >= s->min_partial) {
			kml_slab_release_locked(s, slab, c);
			return;
		}
		kml_list_add(&slab->node, &s->empty);
		s->nr_empty++;
		break;
	}
	/* LAB slab.place: end */
}

/* Move a listed slab whose inuse changed to the list it now belongs on. */
void kml_slab_relist_locked(struct kml_slab_cache *s,
			    struct kml_slab *slab,
				   struct kml_slab_cpu *c)
{
	kml_lock_assert_held(&s->lock);
	if (kml_slab_state_of(slab) == slab->state)
		return;
	kml_slab_unlist_locked(s, slab);
	kml_slab_place_locked(s, slab, c);
}

/*
 * First partial slab, else a kept empty one, taken off its list. No lock
 * assertion here: the whole body is a lab region; the caller takes the
 * lock just before.
 */
struct kml_slab *kml_slab_take_locked(struct kml_slab_cache *s,
				      struct kml_slab_cpu *c)
{
	/* LAB slab.take: begin */
	struct kml_slab *slab;

	if (!kml_list_empty(&s->partial)) {
		slab = kml_list_entry(kml_list_first(&s->partial),
				      struct kml_slab, node);
		kml_slab_count(c, KML_SLAB_ALLOC_PARTIAL);
	} else if (!kml_list_empty(&s->empty)) {
		slab = kml_list_entry(kml_list_first(&s->empty),
				      struct kml_slab, node);
		kml_slab_count(c, KML_SLAB_ALLOC_EMPTY);
	} else {
		return NULL;
	}
	kml_slab_unlist_locked(s, slab);
	return slab;
	/* LAB slab.take: end */
}

/* Objects in use now, from the counters (racy sums are fine for peaks). */
static u64 kml_slab_inuse_now(const struct kml_slab_cache *s)
{
	u64 a = kml_slab_cache_stat(s, KML_SLAB_ALLOC);
	u64 f = kml_slab_cache_stat(s, KML_SLAB_FREE);

	return a > f ? a - f : 0;
}

/* A new slab joins the cache (the CPU pinned, the lock held). */
void kml_slab_added_locked(struct kml_slab_cache *s)
{
	u64 inuse = kml_slab_inuse_now(s);

	kml_lock_assert_held(&s->lock);
	s->nr_slabs++;
	if (s->nr_slabs > s->peak_slabs)
		s->peak_slabs = s->nr_slabs;
	if (inuse > s->peak_inuse)
		s->peak_inuse = inuse;
}

/* --- allocation ----------------------------------------------------------- */

/*
 * A new slab for a refill, called with s->lock held: the lock is dropped
 * around kml_slab_new() and taken again, and the slab is counted; NULL
 * (KML_SLAB_ALLOC_FAIL counted) when the buddy has no block. Either way
 * s->lock is held on return.
 */
struct kml_slab *kml_slab_grow_locked(struct kml_slab_cache *s,
				      struct kml_slab_cpu *c,
					     unsigned int cpu)
{
	struct kml_slab *slab;

	kml_lock_assert_held(&s->lock);
	kml_lock_release(&s->lock);
	slab = kml_slab_new(s, c, cpu);
	kml_lock_acquire(&s->lock);
	if (!slab) {
		kml_slab_count(c, KML_SLAB_ALLOC_FAIL);
		return NULL;
	}
	kml_slab_added_locked(s);
	return slab;
}

/* Put the free objects of @slab back on its freelist, from the bitmaps. */
static void kml_slab_rebuild_locked(struct kml_slab_cache *s,
				    struct kml_slab *slab)
{
	unsigned long *amap = kml_slab_amap(s, slab);
	unsigned long *qmap = kml_slab_qmap(s, slab);
	void *head = NULL;
	u32 i, nfree = 0;

	kml_lock_assert_held(&s->lock);
	for (i = slab->objects; i-- > 0;) {
		char *obj;

		if (kml_test_bit(amap, i) || kml_test_bit(qmap, i))
			continue;
		obj = kml_slab_obj(s, slab, i);
		kml_slab_set_fp(s, obj, head);
		head = obj;
		nfree++;
	}
	slab->freelist = head;
	slab->inuse = slab->objects - nfree;
}

/*
 * kml_slab_next_ok() - is @next a plausible successor on @slab's freelist
 * after taking one object: NULL exactly when it was the last free object,
 * else a free object of @slab at an object boundary.
 */
static bool kml_slab_next_ok(struct kml_slab_cache *s, struct kml_slab *slab,
			     void *next)
{
	long idx;

	if (!next)
		return slab->inuse + 1 == slab->objects;
	idx = kml_slab_obj_index(s, slab, next);
	return idx >= 0 && !kml_test_bit(kml_slab_amap(s, slab), idx) &&
	       !kml_test_bit(kml_slab_qmap(s, slab), idx);
}

/* Debug caches: every allocation under the lock, with checks. */
void *kml_slab_alloc_debug(struct kml_slab_cache *s,
			   struct kml_slab_cpu *c, unsigned int cpu)
{
	enum kml_slab_stat why;
	struct kml_slab *slab;
	char *obj;
	void *next;
	long idx;

	kml_lock_acquire(&s->lock);
	for (;;) {
		if (!kml_list_empty(&s->partial)) {
			slab = kml_list_entry(kml_list_first(&s->partial),
					      struct kml_slab, node);
		} else if (!kml_list_empty(&s->empty)) {
			slab = kml_list_entry(kml_list_first(&s->empty),
					      struct kml_slab, node);
		} else {
			slab = kml_slab_grow_locked(s, c, cpu);
			if (!slab) {
				kml_lock_release(&s->lock);
				return NULL;
			}
			kml_list_add(&slab->node, &s->empty);
			s->nr_empty++;
			continue;
		}
		obj = slab->freelist;
		next = obj ? kml_slab_get_fp(s, obj) : NULL;
		if (!obj || !kml_slab_next_ok(s, slab, next)) {
			/* A free pointer was overwritten: rebuild the list. */
			kml_slab_count(c, KML_SLAB_FREEPTR_BAD);
			kml_slab_rebuild_locked(s, slab);
			kml_slab_relist_locked(s, slab, c);
			continue;
		}
		idx = kml_slab_obj_index(s, slab, obj);
		slab->freelist = next;
		slab->inuse++;
		if (s->poison && !kml_slab_poison_ok(s, obj))
			why = KML_SLAB_POISON_HIT;
		else if (s->redzone &&
			 !kml_slab_redzone_ok(s, obj, KML_SLAB_RED_INACTIVE))
			why = KML_SLAB_REDZONE_HIT;
		else
			why = KML_SLAB_STAT_NR;
		if (why != KML_SLAB_STAT_NR) {
			/* Written while free: withhold it for good. */
			kml_slab_count(c, why);
			kml_slab_count(c, KML_SLAB_QUARANTINED);
			kml_set_bit(kml_slab_qmap(s, slab), idx);
			slab->quarantined++;
			s->quarantined++;
			kml_slab_relist_locked(s, slab, c);
			continue;
		}
		kml_set_bit(kml_slab_amap(s, slab), idx);
		kml_slab_relist_locked(s, slab, c);
		break;
	}
	if (s->redzone)
		kml_slab_set_redzone(s, obj, KML_SLAB_RED_ACTIVE);
	kml_slab_count(c, KML_SLAB_ALLOC_SLOW);
	kml_lock_release(&s->lock);
	return obj;
}

/*
 * The tier's fast path, by direct call (no indirect call, and so no
 * retpoline, on the hot path). The freelist tier routes debug caches
 * itself (its lab region does); the array tiers never see them.
 */
static inline void *kml_slab_alloc_req(struct kml_slab_cache *s, size_t req)
{
	unsigned int cpu = kml_cpu_get();
	struct kml_slab_cpu *c = kml_slab_cpu_of(s, cpu);
	void *obj;

	if (likely(s->tier == KML_SLAB_TIER_FREELIST))
		obj = kml_tier_freelist_alloc(s, c, cpu);
	else if (unlikely(s->debug))
		obj = kml_slab_alloc_debug(s, c, cpu);
	else if (s->tier == KML_SLAB_TIER_SHEAVES)
		obj = kml_tier_sheaves_alloc(s, c, cpu);
	else
		obj = kml_tier_magazine_alloc(s, c, cpu);
	kml_cpu_put();
	if (unlikely(!obj))
		return NULL;
	if (unlikely(s->zero))
		memset(obj, 0, s->size);
	kml_trace_slab_alloc(s->inst, s->name, (unsigned long)obj, req,
			     s->stride, cpu);
	return obj;
}

void *kml_slab_cache_alloc(struct kml_slab_cache *s)
{
	return kml_slab_alloc_req(s, s->size);
}

/* --- free ----------------------------------------------------------------- */

static int kml_slab_refuse(struct kml_slab_cpu *c, enum kml_slab_stat why)
{
	kml_slab_count(c, KML_SLAB_BAD_FREE);
	kml_slab_count(c, why);
	return -EINVAL;
}

/*
 * kml_slab_check_ptr() - the checks every slow-path free makes: @obj in
 * the pool, in a live slab of @s, at an object boundary.
 * Return: 0 with *@slabp and *@idxp set, or the refusal's -EINVAL.
 */
int kml_slab_check_ptr(struct kml_slab_cache *s, struct kml_slab_cpu *c,
		       void *obj, struct kml_slab **slabp, long *idxp)
{
	struct kml_slab *slab;

	if (!kml_buddy_owns(s->buddy, obj))
		return kml_slab_refuse(c, KML_SLAB_FREE_OUTSIDE);
	slab = (struct kml_slab *)((unsigned long)obj & s->slab_mask);
	if (!kml_slab_is_live(slab) || slab->cache != s)
		return kml_slab_refuse(c, KML_SLAB_FREE_FOREIGN);
	*idxp = kml_slab_obj_index(s, slab, obj);
	if (*idxp < 0)
		return kml_slab_refuse(c, KML_SLAB_FREE_MISALIGNED);
	*slabp = slab;
	return 0;
}

int kml_slab_free_debug(struct kml_slab_cache *s,
			struct kml_slab_cpu *c, void *obj)
{
	struct kml_slab *slab;
	long idx;
	int err;

	err = kml_slab_check_ptr(s, c, obj, &slab, &idx);
	if (err)
		return err;
	kml_lock_acquire(&s->lock);
	if (!kml_test_bit(kml_slab_amap(s, slab), idx)) {
		kml_lock_release(&s->lock);
		return kml_slab_refuse(c, KML_SLAB_FREE_DOUBLE);
	}
	if (s->redzone && !kml_slab_redzone_ok(s, obj, KML_SLAB_RED_ACTIVE)) {
		/* Overflow while allocated: refuse, leave the object as is. */
		kml_lock_release(&s->lock);
		kml_slab_count(c, KML_SLAB_REDZONE_HIT);
		kml_slab_count(c, KML_SLAB_BAD_FREE);
		return -EINVAL;
	}
	kml_clear_bit(kml_slab_amap(s, slab), idx);
	if (s->poison)
		kml_slab_poison_obj(s, obj);
	if (s->redzone)
		kml_slab_set_redzone(s, obj, KML_SLAB_RED_INACTIVE);
	kml_slab_set_fp(s, obj, slab->freelist);
	slab->freelist = obj;
	slab->inuse--;
	kml_slab_relist_locked(s, slab, c);
	kml_slab_count(c, KML_SLAB_FREE_SLOW);
	kml_lock_release(&s->lock);
	return 0;
}

int kml_slab_cache_free(struct kml_slab_cache *s, void *obj)
{
	unsigned int cpu;
	struct kml_slab_cpu *c;
	int ret;

	if (unlikely(!obj))
		return 0;
	cpu = kml_cpu_get();
	c = kml_slab_cpu_of(s, cpu);
	if (likely(s->tier == KML_SLAB_TIER_FREELIST))
		ret = kml_tier_freelist_free(s, c, obj);
	else if (unlikely(s->debug))
		ret = kml_slab_free_debug(s, c, obj);
	else if (s->tier == KML_SLAB_TIER_SHEAVES)
		ret = kml_tier_sheaves_free(s, c, obj);
	else
		ret = kml_tier_magazine_free(s, c, obj);
	kml_cpu_put();
	if (likely(!ret))
		kml_trace_slab_free(s->inst, s->name, (unsigned long)obj, cpu);
	return ret;
}

/* --- bulk ---------------------------------------------------------------- */

/* Array tiers: up to @n objects off the top of the current array at once. */
static unsigned int kml_slab_arr_take(struct kml_slab_cpu *c, void **p,
				      unsigned int n)
{
	struct kml_slab_arr *m = c->cur;
	unsigned int k = m->nr < n ? m->nr : n;

	m->nr -= k;
	memcpy(p, m->obj + m->nr, k * sizeof(*p));
	c->stat[KML_SLAB_ALLOC_FAST] += k;
	return k;
}

/*
 * kml_slab_bulk_take() - up to @n objects into @p, CPU pinned.
 * Sheaves as 7.x's alloc_from_pcs_bulk(): whole runs off the main sheaf;
 * an empty main is swapped with the spare, traded for a full sheaf of the
 * barn or refilled in one batch by the tier's slow path. Magazines: runs
 * off the loaded magazine, the previous one and the depot's full ones;
 * when those are out, the rest in one batch from the slab layer (one hold
 * of the list lock). Freelist as SLUB 6.1's kmem_cache_alloc_bulk(): the
 * per-CPU freelist object by object, the slow path when it runs dry.
 * Return: the objects taken.
 */
static unsigned int kml_slab_bulk_take(struct kml_slab_cache *s,
				       struct kml_slab_cpu *c,
				       unsigned int cpu, unsigned int n,
				       void **p)
{
	unsigned int i = 0, got;
	void *obj;

	while (i < n) {
		if (unlikely(s->debug) && s->tier != KML_SLAB_TIER_FREELIST) {
			obj = kml_slab_alloc_debug(s, c, cpu);
		} else if (s->tier == KML_SLAB_TIER_FREELIST) {
			obj = kml_tier_freelist_alloc(s, c, cpu);
		} else {
			i += kml_slab_arr_take(c, p + i, n - i);
			if (i == n)
				break;
			if (s->tier == KML_SLAB_TIER_SHEAVES) {
				obj = kml_tier_sheaves_alloc(s, c, cpu);
			} else {
				obj = kml_tier_magazine_alloc(s, c, cpu);
				if (obj && !c->cur->nr && i + 1 < n) {
					/* out of magazines: the slabs, batched */
					p[i++] = obj;
					got = kml_slab_get_bulk(s, c, cpu,
								p + i, n - i);
					/* one slab-level alloc per object */
					kml_slab_count_n(c,
							 KML_SLAB_TIER_ALLOC_SLAB,
							 got);
					kml_slab_count_n(c,
							 KML_SLAB_TIER_REFILL_OBJS,
							 got);
					kml_slab_count_n(c, KML_SLAB_ALLOC_SLOW,
							 got);
					i += got;
					if (i < n)
						kml_slab_count(c,
							       KML_SLAB_ALLOC_FAIL);
					break;
				}
			}
		}
		if (!obj)
			break;
		p[i++] = obj;
	}
	return i;
}

/*
 * kml_slab_bulk_give() - free @p[0..@n), CPU pinned; NULL entries are
 * skipped. Array tiers push runs onto the current array (each pointer
 * checked as a single free checks it) and take the tier's slow path when
 * it is full. @trace: report each free to the trace hooks.
 * Return: the objects refused; *@freed: the objects freed.
 */
static unsigned int kml_slab_bulk_give(struct kml_slab_cache *s,
				       struct kml_slab_cpu *c,
				       unsigned int cpu, unsigned int n,
				       void **p, bool trace,
				       unsigned int *freed)
{
	unsigned int i, bad = 0, done = 0;
	int err;

	for (i = 0; i < n; i++) {
		void *obj = p[i];

		if (!obj)
			continue;
		if (s->tier == KML_SLAB_TIER_FREELIST) {
			err = kml_tier_freelist_free(s, c, obj);
		} else if (unlikely(s->debug)) {
			err = kml_slab_free_debug(s, c, obj);
		} else if (c->cur->nr < READ_ONCE(s->arr_size)) {
			err = kml_slab_check_arr_free(s, c, obj);
			if (!err) {
				c->cur->obj[c->cur->nr++] = obj;
				c->stat[KML_SLAB_FREE_FAST]++;
			}
		} else if (s->tier == KML_SLAB_TIER_SHEAVES) {
			err = kml_tier_sheaves_free(s, c, obj);
		} else {
			err = kml_tier_magazine_free(s, c, obj);
		}
		if (err) {
			bad++;
			continue;
		}
		done++;
		if (trace)
			kml_trace_slab_free(s->inst, s->name,
					    (unsigned long)obj, cpu);
	}
	*freed = done;
	return bad;
}

unsigned int kml_slab_cache_alloc_bulk(struct kml_slab_cache *s,
				       unsigned int n, void **p)
{
	unsigned int cpu, i, got, freed;
	struct kml_slab_cpu *c;

	if (!n)
		return 0;
	cpu = kml_cpu_get();
	c = kml_slab_cpu_of(s, cpu);
	got = kml_slab_bulk_take(s, c, cpu, n, p);
	if (unlikely(got < n)) {
		/* all or nothing: give back what was taken */
		kml_slab_bulk_give(s, c, cpu, got, p, false, &freed);
		kml_slab_count(c, KML_SLAB_BULK_ALLOC_FAIL);
		kml_cpu_put();
		return 0;
	}
	kml_slab_count(c, KML_SLAB_BULK_ALLOC);
	kml_slab_count_n(c, KML_SLAB_BULK_ALLOC_OBJS, n);
	kml_cpu_put();
	for (i = 0; i < n; i++) {
		if (unlikely(s->zero))
			memset(p[i], 0, s->size);
		kml_trace_slab_alloc(s->inst, s->name, (unsigned long)p[i],
				     s->size, s->stride, cpu);
	}
	return n;
}

unsigned int kml_slab_cache_free_bulk(struct kml_slab_cache *s,
				      unsigned int n, void **p)
{
	unsigned int cpu, bad, freed;
	struct kml_slab_cpu *c;

	if (!n)
		return 0;
	cpu = kml_cpu_get();
	c = kml_slab_cpu_of(s, cpu);
	bad = kml_slab_bulk_give(s, c, cpu, n, p, true, &freed);
	kml_slab_count(c, KML_SLAB_BULK_FREE);
	kml_slab_count_n(c, KML_SLAB_BULK_FREE_OBJS, freed);
	kml_cpu_put();
	return bad;
}

/* --- the slab layer's side of the array tiers ------------------------------ */

unsigned int kml_slab_get_bulk(struct kml_slab_cache *s,
			       struct kml_slab_cpu *c, unsigned int cpu,
			       void **objs, unsigned int n)
{
	struct kml_slab *slab;
	unsigned int got = 0;

	kml_slab_lock(s, c);
	while (got < n) {
		if (!kml_list_empty(&s->partial)) {
			slab = kml_list_entry(kml_list_first(&s->partial),
					      struct kml_slab, node);
			kml_slab_count(c, KML_SLAB_ALLOC_PARTIAL);
		} else if (!kml_list_empty(&s->empty)) {
			slab = kml_list_entry(kml_list_first(&s->empty),
					      struct kml_slab, node);
			kml_slab_count(c, KML_SLAB_ALLOC_EMPTY);
		} else {
			kml_lock_release(&s->lock);
			slab = kml_slab_new(s, c, cpu);
			kml_slab_lock(s, c);
			if (!slab)
				break;
			kml_slab_added_locked(s);
			kml_list_add(&slab->node, &s->empty);
			s->nr_empty++;
		}
		while (got < n && slab->freelist) {
			void *obj = slab->freelist;

			slab->freelist = kml_slab_get_fp(s, obj);
			slab->inuse++;
			objs[got++] = obj;
		}
		kml_slab_relist_locked(s, slab, c);
	}
	kml_lock_release(&s->lock);
	return got;
}

void kml_slab_put_bulk(struct kml_slab_cache *s, struct kml_slab_cpu *c,
		       void **objs, unsigned int n)
{
	unsigned int i;

	if (!n)
		return;
	kml_slab_lock(s, c);
	for (i = 0; i < n; i++) {
		struct kml_slab *slab = (struct kml_slab *)
			((unsigned long)objs[i] & s->slab_mask);

		kml_slab_set_fp(s, objs[i], slab->freelist);
		slab->freelist = objs[i];
		slab->inuse--;
		kml_slab_relist_locked(s, slab, c);
	}
	kml_lock_release(&s->lock);
	kml_slab_count(c, KML_SLAB_TIER_FLUSH);
	kml_slab_count_n(c, KML_SLAB_TIER_FLUSH_OBJS, n);
}

bool kml_slab_is_ours(struct kml_slab_cache *s, unsigned long addr)
{
	const struct kml_slab *slab = (const struct kml_slab *)addr;

	return !(addr & ~s->slab_mask) && kml_buddy_owns(s->buddy, slab) &&
	       kml_slab_is_live(slab) && slab->cache == s;
}

unsigned int kml_slab_tier_check_obj(struct kml_slab_cache *s, void *obj)
{
	struct kml_slab *slab;
	u32 n = 0;
	void *p;

	kml_lock_assert_held(&s->lock);
	slab = (struct kml_slab *)((unsigned long)obj & s->slab_mask);
	if (!kml_slab_is_ours(s, (unsigned long)slab) ||
	    kml_slab_obj_index(s, slab, obj) < 0 ||
	    slab->state == KML_SLAB_EMPTY)
		return 1;
	for (p = slab->freelist; p && n <= slab->objects;
	     p = kml_slab_get_fp(s, p), n++)
		if (p == obj)
			return 1;
	return 0;
}

/* --- create, destroy, shrink ----------------------------------------------- */

struct kml_slab_cache *kml_slab_cache_create(struct kml_buddy *b,
					     const char *name, u32 size,
					     u32 align, u32 flags,
					     kml_slab_ctor_t ctor,
					     void *ctor_arg)
{
	struct kml_slab_cache *s;
	struct kml_slab_layout l;
	unsigned int i, lg;
	u32 n, off, left;

	if (!b || !name || strlen(name) >= sizeof(s->name))
		return NULL;
	flags &= KML_F_ZERO | KML_SLAB_DEBUG_FLAGS;
	if (kml_slab_calc_layout(size, align, flags, ctor, kml_nr_cpus(), &l))
		return NULL;
	s = kml_zalloc(sizeof(*s));
	if (!s)
		return NULL;
	s->cpu_raw = kml_zalloc(KML_MAX_CPUS * KML_SLAB_CPU_STRIDE + 63);
	if (!s->cpu_raw) {
		kml_free(s);
		return NULL;
	}
	s->cpu = (char *)kml_align((unsigned long)s->cpu_raw, 64);
	for (i = 0; i < KML_MAX_CPUS; i++) {
		kml_slab_cpu_of(s, i)->active = KML_SLAB_NO_ACTIVE;
		kml_slab_cpu_of(s, i)->checked = KML_SLAB_NO_ACTIVE;
	}

	memcpy(s->name, name, strlen(name) + 1);
	s->layout = l;
	s->flags = flags;
	s->size = size;
	s->stride = l.stride;
	s->recip = kml_recip_value(l.stride);
	s->offset = l.offset;
	s->slab_bytes = KML_PAGE_SIZE << l.order;
	s->slab_mask = ~(s->slab_bytes - 1);
	s->debug = flags & KML_SLAB_DEBUG_FLAGS;
	s->zero = (flags & KML_F_ZERO) && !ctor;
	s->poison = (flags & KML_F_POISON) && !ctor;
	s->redzone = flags & KML_F_REDZONE;
	if (s->debug)
		kml_slab_geometry(l.stride, l.align, true, l.order, &n, &off,
				  &left, &s->map_longs);
	s->ctor = ctor;
	s->ctor_arg = ctor_arg;
	s->buddy = b;

	/* SLUB's set_min_partial(s, ilog2(s->size) / 2), within 5..10. */
	lg = kml_fls(s->stride) - 1;
	s->min_partial = lg / 2 < 5 ? 5 : lg / 2 > 10 ? 10 : lg / 2;

	kml_lock_init(&s->lock);
	kml_list_init(&s->partial);
	kml_list_init(&s->full);
	kml_list_init(&s->empty);
	s->tier = KML_SLAB_TIER_FREELIST;
	s->tops = &kml_slab_tier_freelist;
	return s;
}

int kml_slab_cache_set_tier(struct kml_slab_cache *s, enum kml_slab_tier tier,
			    u32 capacity)
{
	const struct kml_slab_tier_ops *ops;
	int ret;

	if ((unsigned int)tier >= KML_SLAB_TIER_NR)
		return -EINVAL;
	if (tier == KML_SLAB_TIER_SHEAVES ?
	    capacity && (capacity < KML_SLAB_SHEAF_MIN ||
			 capacity > KML_SLAB_SHEAF_MAX) : capacity)
		return -EINVAL;
	if (READ_ONCE(s->nr_slabs) || kml_slab_cache_stat(s, KML_SLAB_ALLOC))
		return -EBUSY;
	ops = kml_slab_tiers[tier];
	if (tier == s->tier && tier == KML_SLAB_TIER_FREELIST)
		return 0;
	if (s->tops->fini)
		s->tops->fini(s);
	s->tops = &kml_slab_tier_freelist;
	s->tier = KML_SLAB_TIER_FREELIST;
	if (ops->init) {
		ret = ops->init(s, capacity);
		if (ret)
			return ret;
	}
	s->tops = ops;
	s->tier = (u8)tier;
	return 0;
}

enum kml_slab_tier kml_slab_cache_tier(const struct kml_slab_cache *s)
{
	return (enum kml_slab_tier)s->tier;
}

void kml_slab_cache_flush_all(struct kml_slab_cache *s)
{
	struct kml_slab_cpu *cnt = kml_slab_cpu_of(s, kml_cpu_get());
	unsigned int i;

	for (i = 0; i < KML_MAX_CPUS; i++)
		s->tops->flush(s, kml_slab_cpu_of(s, i), cnt);
	s->tops->drain(s, cnt);
	kml_cpu_put();
}

static void kml_slab_release_list_locked(struct kml_slab_cache *s,
					 struct kml_list *head,
					 struct kml_slab_cpu *c)
{
	struct kml_list *pos, *n;

	kml_lock_assert_held(&s->lock);
	for (pos = kml_list_first(head); pos; pos = n) {
		struct kml_slab *slab = kml_list_entry(pos, struct kml_slab,
						       node);

		n = kml_list_next(head, pos);
		kml_slab_unlist_locked(s, slab);
		kml_slab_release_locked(s, slab, c);
	}
}

/* The slabs of @s that can go back to the buddy go; returns how many. */
static int kml_slab_shrink_slabs(struct kml_slab_cache *s)
{
	/* LAB slab.shrink: begin */
	unsigned int cpu = kml_cpu_get();
	struct kml_slab_cpu *c = kml_slab_cpu_of(s, cpu);
	unsigned long before;

	kml_lock_acquire(&s->lock);
	before = s->nr_slabs;
	if (c->slab)
		kml_slab_deactivate_locked(s, c, c);
	kml_slab_release_list_locked(s, &s->empty, c);
	before -= s->nr_slabs;
	kml_lock_release(&s->lock);
	kml_cpu_put();
	return (int)before;
	/* LAB slab.shrink: end */
}

int kml_slab_cache_shrink(struct kml_slab_cache *s)
{
	/* An array tier gives this CPU's arrays and the barn's back first. */
	if (s->tier != KML_SLAB_TIER_FREELIST) {
		struct kml_slab_cpu *me = kml_slab_cpu_of(s, kml_cpu_get());

		s->tops->flush(s, me, me);
		s->tops->drain(s, me);
		kml_cpu_put();
	}
	return kml_slab_shrink_slabs(s);
}

void kml_slab_cache_destroy(struct kml_slab_cache *s)
{
	struct kml_slab_cpu *c;

	if (!s)
		return;
	kml_slab_cache_flush_all(s);
	c = kml_slab_cpu_of(s, kml_cpu_get());
	kml_lock_acquire(&s->lock);
	kml_slab_release_list_locked(s, &s->partial, c);
	kml_slab_release_list_locked(s, &s->full, c);
	kml_slab_release_list_locked(s, &s->empty, c);
	KML_WARN_ON_ONCE(s->nr_slabs);
	kml_lock_release(&s->lock);
	kml_cpu_put();
	if (s->tops->fini)
		s->tops->fini(s);
	kml_lock_destroy(&s->lock);
	kml_free(s->cpu_raw);
	kml_free(s);
}

void kml_slab_cache_set_min_partial(struct kml_slab_cache *s, unsigned int n)
{
	kml_lock_acquire(&s->lock);
	s->min_partial = n;
	kml_lock_release(&s->lock);
}

void kml_slab_cache_set_inst(struct kml_slab_cache *s, u32 inst)
{
	s->inst = inst;
}

/* --- reading ---------------------------------------------------------------- */

u64 kml_slab_cache_stat(const struct kml_slab_cache *s,
			enum kml_slab_stat item)
{
	unsigned int i;
	u64 sum = 0;

	if ((unsigned int)item >= KML_SLAB_STAT_NR)
		return 0;
	/* alloc and free are not stored: fast + slow, summed here. */
	if (item == KML_SLAB_ALLOC)
		return kml_slab_cache_stat(s, KML_SLAB_ALLOC_FAST) +
		       kml_slab_cache_stat(s, KML_SLAB_ALLOC_SLOW);
	if (item == KML_SLAB_FREE)
		return kml_slab_cache_stat(s, KML_SLAB_FREE_FAST) +
		       kml_slab_cache_stat(s, KML_SLAB_FREE_SLOW);
	/* The CPU level of every tier is its fast path. */
	if (item == KML_SLAB_TIER_ALLOC_CPU)
		item = KML_SLAB_ALLOC_FAST;
	if (item == KML_SLAB_TIER_FREE_CPU)
		item = KML_SLAB_FREE_FAST;
	for (i = 0; i < KML_MAX_CPUS; i++)
		sum += READ_ONCE(kml_slab_cpu_of(s, i)->stat[item]);
	return sum;
}

const struct kml_slab_layout *
kml_slab_cache_layout(const struct kml_slab_cache *s)
{
	return &s->layout;
}

const char *kml_slab_cache_name(const struct kml_slab_cache *s)
{
	return s->name;
}

/* Free slots of the slabs on list @head. */
static u64 kml_slab_free_slots_locked(const struct kml_list *head)
{
	struct kml_list *pos;
	u64 n = 0;

	for (pos = kml_list_first(head); pos; pos = kml_list_next(head, pos)) {
		struct kml_slab *slab = kml_list_entry(pos, struct kml_slab,
						       node);

		n += slab->objects - slab->inuse;
	}
	return n;
}

/*
 * kml_slab_cache_info() - the numbers of a /proc/slabinfo row.
 *
 * SLUB's get_slabinfo() sums, over nodes, node_nr_slabs() (every slab,
 * cpu slabs included) and node_nr_objs() (their objects), and subtracts
 * count_partial(n, count_free): the free objects of slabs on the node
 * partial lists, where SLUB also keeps its empty slabs. Free objects of
 * cpu slabs (and of per-CPU partial slabs) are counted as active. Ours
 * maps exactly: num_objs = nr_slabs * objects; active_objs = num_objs
 * minus the free slots of slabs on our partial and empty lists; the free
 * slots of active slabs (per-CPU freelists and remote frees) count as
 * active; full slabs have none. active_slabs = num_slabs = nr_slabs, as
 * SLUB prints. objsize is the stride (SLUB prints s->size).
 */
void kml_slab_cache_info(struct kml_slab_cache *s, struct kml_slab_info *info)
{
	u64 free_listed, live, slots, inuse;
	struct kml_slab_tier_held h;
	unsigned int i;

	memset(info, 0, sizeof(*info));
	live = kml_slab_inuse_now(s);
	kml_lock_acquire(&s->lock);
	free_listed = kml_slab_free_slots_locked(&s->partial) +
		      kml_slab_free_slots_locked(&s->empty);
	info->num_slabs = s->nr_slabs;
	info->nr_partial = s->nr_partial;
	info->nr_empty = s->nr_empty;
	info->nr_full = s->nr_full;
	info->quarantined = s->quarantined;
	/* Objects the slabs count in use: the live ones and the tier's. */
	inuse = (u64)s->nr_partial * s->layout.objects - free_listed +
		kml_slab_free_slots_locked(&s->empty) +
		(u64)s->nr_full * s->layout.objects;
	for (i = 0; i < KML_MAX_CPUS; i++) {
		struct kml_slab *slab = kml_slab_cpu_of(s, i)->slab;

		if (slab)
			inuse += slab->inuse;
	}
	kml_lock_release(&s->lock);
	inuse -= inuse > info->quarantined ? info->quarantined : inuse;
	info->tier_objs = inuse > live ? inuse - live : 0;
	s->tops->stats(s, &h);
	info->tier_objs_barn = h.barn < info->tier_objs ? h.barn :
			       info->tier_objs;
	info->tier_objs_cpu = info->tier_objs - info->tier_objs_barn;

	info->active_slabs = info->num_slabs;
	info->nr_active = info->num_slabs - info->nr_partial - info->nr_empty -
			  info->nr_full;
	info->num_objs = info->num_slabs * s->layout.objects;
	info->active_objs = info->num_objs - free_listed;
	info->objsize = s->stride;
	info->objperslab = s->layout.objects;
	info->pagesperslab = 1u << s->layout.order;
	info->objects_inuse = live;
	info->free_partial = free_listed;
	info->bytes_held = info->num_slabs * s->slab_bytes;

	/* tools/vm/slabinfo.c: Loss = Lalig + Lpadd + free slots. */
	slots = info->num_objs > live ? info->num_objs - live : 0;
	info->loss_stride = live * (s->stride - s->size);
	info->loss_tail = info->num_slabs *
			  (s->slab_bytes - (u64)s->layout.objects * s->stride);
	info->loss_free = slots * s->stride;
	info->loss = info->loss_stride + info->loss_tail + info->loss_free;
}

void kml_slab_show_slabinfo_header(struct kml_out *out)
{
	kml_out_printf(out, "slabinfo - version: 2.1\n");
	kml_out_printf(out, "# name            <active_objs> <num_objs>");
	kml_out_printf(out, " <objsize> <objperslab> <pagesperslab>");
	kml_out_printf(out, " : tunables <limit> <batchcount> <sharedfactor>");
	kml_out_printf(out, " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
}

void kml_slab_show_slabinfo_row(struct kml_slab_cache *s, struct kml_out *out)
{
	struct kml_slab_info si;

	kml_slab_cache_info(s, &si);
	/* cache_show() in mm/slab_common.c; SLUB has no tunables. */
	kml_out_printf(out, "%-17s %6lu %6lu %6u %4u %4d",
		       s->name, (unsigned long)si.active_objs,
		       (unsigned long)si.num_objs, si.objsize, si.objperslab,
		       (int)si.pagesperslab);
	kml_out_printf(out, " : tunables %4u %4u %4u", 0u, 0u, 0u);
	kml_out_printf(out, " : slabdata %6lu %6lu %6lu\n",
		       (unsigned long)si.active_slabs,
		       (unsigned long)si.num_slabs, 0UL);
}

void kml_slab_show_stats(struct kml_slab_cache *s, struct kml_out *out)
{
	const struct kml_slab_layout *l = &s->layout;
	struct kml_slab_info si;
	unsigned int i;

	kml_slab_cache_info(s, &si);
	for (i = 0; i < KML_SLAB_STAT_NR; i++)
		kml_out_printf(out, "%s.%s %llu\n", s->name,
			       kml_slab_stat_names[i],
			       (unsigned long long)kml_slab_cache_stat(s, i));
	kml_out_printf(out, "%s.object_size %u\n", s->name, l->size);
	kml_out_printf(out, "%s.stride %u\n", s->name, l->stride);
	kml_out_printf(out, "%s.align %u\n", s->name, l->align);
	kml_out_printf(out, "%s.freeptr_offset %u\n", s->name, l->offset);
	kml_out_printf(out, "%s.order %u\n", s->name, l->order);
	kml_out_printf(out, "%s.objects_per_slab %u\n", s->name, l->objects);
	kml_out_printf(out, "%s.first_object_offset %u\n", s->name,
		       l->obj_offset);
	kml_out_printf(out, "%s.min_partial %u\n", s->name, s->min_partial);
	kml_out_printf(out, "%s.slabs %llu\n", s->name,
		       (unsigned long long)si.num_slabs);
	kml_out_printf(out, "%s.slabs_partial %llu\n", s->name,
		       (unsigned long long)si.nr_partial);
	kml_out_printf(out, "%s.slabs_empty %llu\n", s->name,
		       (unsigned long long)si.nr_empty);
	kml_out_printf(out, "%s.slabs_full %llu\n", s->name,
		       (unsigned long long)si.nr_full);
	kml_out_printf(out, "%s.slabs_cpu %llu\n", s->name,
		       (unsigned long long)si.nr_active);
	kml_out_printf(out, "%s.objects_inuse %llu\n", s->name,
		       (unsigned long long)si.objects_inuse);
	kml_out_printf(out, "%s.objects_total %llu\n", s->name,
		       (unsigned long long)si.num_objs);
	kml_out_printf(out, "%s.free_slots_partial %llu\n", s->name,
		       (unsigned long long)si.free_partial);
	kml_out_printf(out, "%s.bytes_held %llu\n", s->name,
		       (unsigned long long)si.bytes_held);
	kml_out_printf(out, "%s.loss_bytes %llu\n", s->name,
		       (unsigned long long)si.loss);
	kml_out_printf(out, "%s.loss_stride_bytes %llu\n", s->name,
		       (unsigned long long)si.loss_stride);
	kml_out_printf(out, "%s.loss_tail_bytes %llu\n", s->name,
		       (unsigned long long)si.loss_tail);
	kml_out_printf(out, "%s.loss_tail_per_slab %llu\n", s->name,
		       (unsigned long long)(s->slab_bytes -
					    (u64)l->objects * l->stride));
	kml_out_printf(out, "%s.loss_free_bytes %llu\n", s->name,
		       (unsigned long long)si.loss_free);
	kml_out_printf(out, "%s.tier %s\n", s->name, s->tops->name);
	kml_out_printf(out, "%s.tier_objects %llu\n", s->name,
		       (unsigned long long)si.tier_objs);
	kml_out_printf(out, "%s.tier_objects_cpu %llu\n", s->name,
		       (unsigned long long)si.tier_objs_cpu);
	kml_out_printf(out, "%s.tier_objects_barn %llu\n", s->name,
		       (unsigned long long)si.tier_objs_barn);
	kml_out_printf(out, "%s.tier_bytes %llu\n", s->name,
		       (unsigned long long)(si.tier_objs * l->stride));
	s->tops->show(s, out);
}

/* --- validation --------------------------------------------------------------- */

/*
 * kml_slab_walk() - walk one freelist of @slab, marking objects in @seen.
 * Return: the number of objects, or violations added to *@bad.
 */
static u32 kml_slab_walk(struct kml_slab_cache *s, struct kml_slab *slab,
			 void *head, unsigned long *seen, unsigned int *bad)
{
	u32 n = 0;
	void *obj;

	for (obj = head; obj; obj = kml_slab_get_fp(s, obj)) {
		long idx = kml_slab_obj_index(s, slab, obj);

		if (idx < 0) {		/* outside or off a boundary */
			(*bad)++;
			break;
		}
		if (kml_test_bit(seen, idx)) {	/* twice: a cycle */
			(*bad)++;
			break;
		}
		kml_set_bit(seen, idx);
		if (s->debug && (kml_test_bit(kml_slab_amap(s, slab), idx) ||
				 kml_test_bit(kml_slab_qmap(s, slab), idx)))
			(*bad)++;
		n++;
	}
	return n;
}

unsigned int kml_slab_check_locked(struct kml_slab_cache *s,
				   struct kml_slab *slab,
					  void *cpu_freelist, u64 *live,
					  unsigned long *seen)
{
	unsigned int bad = 0;
	u32 nslab, ncpu = 0;

	kml_lock_assert_held(&s->lock);
	if (!kml_slab_is_live(slab) || slab->cache != s ||
	    !kml_buddy_owns(s->buddy, slab) ||
	    ((unsigned long)slab & ~s->slab_mask))
		return 1;	/* nothing else about it can be trusted */
	if (slab->objects != s->layout.objects || slab->inuse > slab->objects)
		return 1;
	memset(seen, 0, KML_LONGS(slab->objects) * sizeof(unsigned long));
	nslab = kml_slab_walk(s, slab, slab->freelist, seen, &bad);
	if (cpu_freelist)
		ncpu = kml_slab_walk(s, slab, cpu_freelist, seen, &bad);
	if (nslab != slab->objects - slab->inuse)
		bad++;
	if (ncpu > slab->inuse)
		bad++;
	if (s->debug) {
		unsigned long *amap = kml_slab_amap(s, slab);
		unsigned long *qmap = kml_slab_qmap(s, slab);
		unsigned int i;

		for (i = 0; i < s->map_longs; i++)
			if (amap[i] & qmap[i])
				bad++;
		if (kml_weight(amap, s->map_longs) +
		    kml_weight(qmap, s->map_longs) != slab->inuse)
			bad++;
		if (kml_weight(qmap, s->map_longs) != slab->quarantined)
			bad++;
	} else if (slab->quarantined) {
		bad++;
	}
	*live += slab->inuse - ncpu - slab->quarantined;
	return bad;
}

static unsigned int kml_slab_check_list_locked(struct kml_slab_cache *s,
					       struct kml_list *head,
					       enum kml_slab_state state,
					       unsigned long nr, u64 *live,
					       unsigned long *seen,
					       unsigned long *slabs,
					       unsigned long *quar)
{
	struct kml_list *pos;
	unsigned long n = 0;
	unsigned int bad = 0;

	kml_lock_assert_held(&s->lock);
	for (pos = kml_list_first(head); pos; pos = kml_list_next(head, pos)) {
		struct kml_slab *slab = kml_list_entry(pos, struct kml_slab,
						       node);

		if (++n > s->nr_slabs + 1) {	/* a cycle in the list */
			bad++;
			break;
		}
		if (slab->state != state || kml_slab_state_of(slab) != state)
			bad++;
		bad += kml_slab_check_locked(s, slab, NULL, live, seen);
		*quar += slab->quarantined;
	}
	if (n != nr)
		bad++;
	*slabs += n;
	return bad;
}

unsigned int kml_slab_cache_validate(struct kml_slab_cache *s)
{
	struct kml_slab_vctx v = { 0 };
	unsigned int bad = 0;
	u64 allocs, frees;

	v.seen = kml_zalloc(KML_LONGS(s->layout.objects) *
			    sizeof(unsigned long));
	if (!v.seen)
		return 1;
	v.objs_cap = (u64)s->nr_arrays * s->arr_cap;
	if (v.objs_cap) {
		v.objs = kml_zalloc(v.objs_cap * sizeof(void *));
		if (!v.objs) {
			kml_free(v.seen);
			return 1;
		}
	}
	kml_lock_acquire(&s->lock);
	bad += kml_slab_check_list_locked(s, &s->partial, KML_SLAB_PARTIAL,
					  s->nr_partial, &v.live, v.seen,
					  &v.slabs, &v.quar);
	bad += kml_slab_check_list_locked(s, &s->full, KML_SLAB_FULL,
					  s->nr_full, &v.live, v.seen,
					  &v.slabs, &v.quar);
	bad += kml_slab_check_list_locked(s, &s->empty, KML_SLAB_EMPTY,
					  s->nr_empty, &v.live, v.seen,
					  &v.slabs, &v.quar);
	if (s->nr_empty > s->min_partial)
		bad++;
	/* The tier's structures: active slabs, sheaves, magazines. */
	bad += s->tops->validate(s, &v);
	if (v.slabs != s->nr_slabs || v.quar != s->quarantined)
		bad++;
	allocs = kml_slab_cache_stat(s, KML_SLAB_ALLOC);
	frees = kml_slab_cache_stat(s, KML_SLAB_FREE);
	if (v.held > v.live || allocs - frees != v.live - v.held)
		bad++;
	kml_lock_release(&s->lock);
	kml_free(v.objs);
	kml_free(v.seen);
	return bad;
}

/* --- kmalloc size classes ------------------------------------------------------- */

static const u32 kml_kmalloc_sizes[KML_KMALLOC_CLASSES] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};

/* The kernel's kmalloc_caches[] names (kmalloc_info[] in slab_common.c). */
static const char * const kml_kmalloc_names[KML_KMALLOC_CLASSES] = {
	"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-96",
	"kmalloc-128", "kmalloc-192", "kmalloc-256", "kmalloc-512",
	"kmalloc-1k", "kmalloc-2k", "kmalloc-4k", "kmalloc-8k",
};

int kml_kmalloc_index(size_t size)
{
	int i;

	if (!size || size > KML_KMALLOC_MAX_SIZE)
		return -1;
	/* 65..96 -> kmalloc-96 and 129..192 -> kmalloc-192, as the kernel. */
	for (i = 0; i < KML_KMALLOC_CLASSES; i++)
		if (size <= kml_kmalloc_sizes[i])
			return i;
	return -1;
}

u32 kml_kmalloc_class_size(int idx)
{
	if (idx < 0 || idx >= KML_KMALLOC_CLASSES)
		return 0;
	return kml_kmalloc_sizes[idx];
}

struct kml_kmalloc *kml_kmalloc_create(struct kml_buddy *b, u32 flags)
{
	struct kml_kmalloc *k;
	int i;

	k = kml_zalloc(sizeof(*k));
	if (!k)
		return NULL;
	k->buddy = b;
	for (i = 0; i < KML_KMALLOC_CLASSES; i++) {
		k->cache[i] = kml_slab_cache_create(b, kml_kmalloc_names[i],
						    kml_kmalloc_sizes[i], 8,
						    flags, NULL, NULL);
		if (!k->cache[i]) {
			kml_kmalloc_destroy(k);
			return NULL;
		}
		k->cache[i]->kmalloc = k;
		k->orders |= 1u << k->cache[i]->layout.order;
	}
	return k;
}

void kml_kmalloc_destroy(struct kml_kmalloc *k)
{
	int i;

	if (!k)
		return;
	for (i = 0; i < KML_KMALLOC_CLASSES; i++)
		kml_slab_cache_destroy(k->cache[i]);
	kml_free(k);
}

void *kml_kmalloc(struct kml_kmalloc *k, size_t size)
{
	int idx = kml_kmalloc_index(size);

	if (unlikely(idx < 0))
		return NULL;
	return kml_slab_alloc_req(k->cache[idx], size);
}

/*
 * kml_kfree() finds the slab without knowing the class: for every order
 * some class uses, smallest first, the block of that order around @ptr
 * is tried as a slab: a live descriptor of one of our classes whose slab
 * covers @ptr. A smaller order probes inside a larger slab's objects,
 * where the magic word (tied to the address) does not match.
 */
int kml_kfree(struct kml_kmalloc *k, void *ptr)
{
	struct kml_slab_cache *s0 = k->cache[0];
	unsigned long p = (unsigned long)ptr;
	enum kml_slab_stat why = KML_SLAB_FREE_FOREIGN;
	unsigned int o;

	if (!ptr)
		return 0;
	if (kml_buddy_owns(k->buddy, ptr)) {
		for (o = 0; o <= KML_SLAB_MAX_ORDER; o++) {
			unsigned long bytes = KML_PAGE_SIZE << o;
			struct kml_slab *slab;

			if (!(k->orders & (1u << o)))
				continue;
			slab = (struct kml_slab *)(p & ~(bytes - 1));
			if (kml_slab_is_live(slab) && slab->cache->kmalloc == k &&
			    p - (unsigned long)slab < slab->cache->slab_bytes)
				return kml_slab_cache_free(slab->cache, ptr);
		}
	} else {
		why = KML_SLAB_FREE_OUTSIDE;
	}
	kml_slab_refuse(kml_slab_cpu_of(s0, kml_cpu_get()), why);
	kml_cpu_put();
	return -EINVAL;
}

int kml_kmalloc_set_tier(struct kml_kmalloc *k, enum kml_slab_tier tier,
			 u32 capacity)
{
	int i, ret;

	for (i = 0; i < KML_KMALLOC_CLASSES; i++) {
		ret = kml_slab_cache_set_tier(k->cache[i], tier, capacity);
		if (ret)
			return ret;
	}
	return 0;
}

struct kml_slab_cache *kml_kmalloc_cache(struct kml_kmalloc *k, int idx)
{
	if (idx < 0 || idx >= KML_KMALLOC_CLASSES)
		return NULL;
	return k->cache[idx];
}

void kml_kmalloc_set_inst(struct kml_kmalloc *k, u32 inst)
{
	int i;

	for (i = 0; i < KML_KMALLOC_CLASSES; i++)
		kml_slab_cache_set_inst(k->cache[i], inst);
}

/* --- the "slab" backend ------------------------------------------------------- */

#define KML_SLAB_BE_POOL	(16ULL << 20)

struct kml_slab_be {
	struct kml_buddy *buddy;	/* the instance's own buddy */
	struct kml_slab_cache *cache;	/* one cache (size > 0) ... */
	struct kml_kmalloc *km;		/* ... or the kmalloc classes */
	u64 peak_allocated;		/* sampled, see stats */
};

/* KML_F_CTOR's constructor: a recognisable pattern over the object. */
static void kml_slab_be_ctor(void *obj, void *arg)
{
	const struct kml_slab_be *be = arg;

	memset(obj, KML_SLAB_CTOR_BYTE, be->cache ? be->cache->size : 0);
}

static int kml_slab_be_create(const struct kml_params *p, u32 inst_id,
			      void **priv)
{
	u64 pool = p->pool_bytes ? p->pool_bytes : KML_SLAB_BE_POOL;
	struct kml_slab_be *be;
	char name[32];

	if (p->size > KML_SLAB_MAX_SIZE ||
	    (p->align && (p->align & (p->align - 1) ||
			  p->align > KML_SLAB_MAX_ALIGN)) ||
	    (!p->size && p->align) || (!p->size && (p->flags & KML_F_CTOR)))
		return -EINVAL;
	be = kml_zalloc(sizeof(*be));
	if (!be)
		return -ENOMEM;
	be->buddy = kml_buddy_create(pool, !(p->flags & KML_F_NO_PCP),
				     inst_id);
	if (!be->buddy)
		goto out_free_be;
	if (p->size) {
		snprintf(name, sizeof(name), "slab-%u", p->size);
		/* be->cache is set after create: the ctor reads the size. */
		be->cache = kml_slab_cache_create(be->buddy, name, p->size,
						  p->align, p->flags,
						  (p->flags & KML_F_CTOR) ?
						  kml_slab_be_ctor : NULL, be);
		if (!be->cache)
			goto out_destroy_buddy;
		kml_slab_cache_set_inst(be->cache, inst_id);
		if (kml_slab_cache_set_tier(be->cache, p->tier, p->sheaf))
			goto out_destroy_cache;
		if (p->min_partial)
			kml_slab_cache_set_min_partial(be->cache,
						       p->min_partial);
	} else {
		be->km = kml_kmalloc_create(be->buddy, p->flags);
		if (!be->km)
			goto out_destroy_buddy;
		kml_kmalloc_set_inst(be->km, inst_id);
		if (kml_kmalloc_set_tier(be->km, p->tier, p->sheaf))
			goto out_destroy_km;
		if (p->min_partial) {
			int i;

			for (i = 0; i < KML_KMALLOC_CLASSES; i++)
				kml_slab_cache_set_min_partial(be->km->cache[i],
							       p->min_partial);
		}
	}
	*priv = be;
	return 0;

out_destroy_km:
	kml_kmalloc_destroy(be->km);
	goto out_destroy_buddy;
out_destroy_cache:
	kml_slab_cache_destroy(be->cache);
out_destroy_buddy:
	kml_buddy_destroy(be->buddy);
out_free_be:
	kml_free(be);
	return -ENOMEM;
}

static void kml_slab_be_destroy(void *priv)
{
	struct kml_slab_be *be = priv;

	kml_slab_cache_destroy(be->cache);
	kml_kmalloc_destroy(be->km);
	kml_buddy_destroy(be->buddy);
	kml_free(be);
}

static void *kml_slab_be_alloc(void *priv, size_t size)
{
	struct kml_slab_be *be = priv;
	struct kml_slab_cache *s = be->cache;

	if (be->km)
		return kml_kmalloc(be->km, size);
	if (unlikely(!size || size > s->size)) {
		kml_slab_count(kml_slab_cpu_of(s, kml_cpu_get()),
			       KML_SLAB_ALLOC_FAIL);
		kml_cpu_put();
		return NULL;
	}
	return kml_slab_alloc_req(s, size);
}

static int kml_slab_be_free(void *priv, void *ptr, size_t size)
{
	struct kml_slab_be *be = priv;

	if (be->km)
		return kml_kfree(be->km, ptr);
	return kml_slab_cache_free(be->cache, ptr);
}

/* kmalloc classes: object by object, all or nothing as a cache's bulk. */
static unsigned int kml_slab_be_alloc_bulk(void *priv, size_t size,
					   unsigned int nr, void **ptrs)
{
	struct kml_slab_be *be = priv;
	struct kml_slab_cache *s = be->cache;
	unsigned int i;

	if (be->km) {
		for (i = 0; i < nr; i++) {
			ptrs[i] = kml_kmalloc(be->km, size);
			if (!ptrs[i]) {
				while (i--)
					kml_kfree(be->km, ptrs[i]);
				return 0;
			}
		}
		return nr;
	}
	if (unlikely(!size || size > s->size)) {
		kml_slab_count(kml_slab_cpu_of(s, kml_cpu_get()),
			       KML_SLAB_ALLOC_FAIL);
		kml_cpu_put();
		return 0;
	}
	return kml_slab_cache_alloc_bulk(s, nr, ptrs);
}

static void kml_slab_be_free_bulk(void *priv, size_t size, unsigned int nr,
				  void **ptrs)
{
	struct kml_slab_be *be = priv;
	unsigned int i;

	if (be->km) {
		for (i = 0; i < nr; i++)
			kml_kfree(be->km, ptrs[i]);
		return;
	}
	kml_slab_cache_free_bulk(be->cache, nr, ptrs);
}

static size_t kml_slab_be_usable(void *priv, size_t size)
{
	struct kml_slab_be *be = priv;

	if (be->km)
		return kml_kmalloc_class_size(kml_kmalloc_index(size));
	return size && size <= be->cache->size ? be->cache->stride : 0;
}

static size_t kml_slab_be_max_size(void *priv)
{
	struct kml_slab_be *be = priv;

	return be->km ? KML_KMALLOC_MAX_SIZE : be->cache->size;
}

/* The instance's caches: how many, and the one at @i. */
static unsigned int kml_slab_be_nr(const struct kml_slab_be *be)
{
	return be->km ? KML_KMALLOC_CLASSES : 1;
}

static struct kml_slab_cache *kml_slab_be_at(const struct kml_slab_be *be,
					     unsigned int i)
{
	return be->km ? be->km->cache[i] : be->cache;
}

/*
 * bytes_allocated counts objects in use at their usable size (stride of a
 * cache, class size of kmalloc); bytes_held the slabs' blocks. Peaks:
 * peak_held is exact (taken when a slab is added); peak_allocated is
 * sampled when a slab is added and on every read, so it can miss a peak
 * reached and left inside one slab's worth of objects.
 */
/*
 * The arena of a slab backend is its buddy's pool: what a failed request
 * could have used is the free slots plus the pool's free pages (a new
 * slab), the largest of it a free slot or the largest free block.
 */
static void kml_slab_be_arena(struct kml_slab_be *be,
			      struct kml_alloc_stats *st)
{
	u64 largest = 0, free = 0;
	unsigned int o;

	for (o = 0; o <= KML_MAX_ORDER; o++) {
		unsigned long n = kml_buddy_nr_free(be->buddy, o);

		free += (u64)n << (KML_PAGE_SHIFT + o);
		if (n)
			largest = (u64)KML_PAGE_SIZE << o;
	}
	st->arena = true;
	st->arena_free = st->total_free + free;
	st->arena_largest = largest > st->largest_free ? largest :
			    st->largest_free;
}

static void kml_slab_be_stats(void *priv, struct kml_alloc_stats *st)
{
	struct kml_slab_be *be = priv;
	u64 peak_alloc = 0, peak_held = 0;
	unsigned int i;

	memset(st, 0, sizeof(*st));
	for (i = 0; i < kml_slab_be_nr(be); i++) {
		struct kml_slab_cache *s = kml_slab_be_at(be, i);
		u32 unit = be->km ? s->size : s->stride;
		struct kml_slab_info si;
		u64 slots;

		kml_slab_cache_info(s, &si);
		st->allocs += kml_slab_cache_stat(s, KML_SLAB_ALLOC);
		st->frees += kml_slab_cache_stat(s, KML_SLAB_FREE);
		st->failures += kml_slab_cache_stat(s, KML_SLAB_ALLOC_FAIL);
		st->bad_frees += kml_slab_cache_stat(s, KML_SLAB_BAD_FREE);
		st->bytes_allocated += si.objects_inuse * unit;
		st->bytes_held += si.bytes_held;
		peak_alloc += READ_ONCE(s->peak_inuse) * unit;
		peak_held += (u64)READ_ONCE(s->peak_slabs) * s->slab_bytes;
		slots = si.num_objs - si.objects_inuse - si.quarantined;
		if (si.num_objs < si.objects_inuse + si.quarantined)
			slots = 0;
		st->total_free += slots * unit;
		if (slots && unit > st->largest_free)
			st->largest_free = unit;
	}
	st->free_slots = true;
	kml_slab_be_arena(be, st);
	if (peak_alloc < st->bytes_allocated)
		peak_alloc = st->bytes_allocated;
	if (peak_alloc > be->peak_allocated)
		be->peak_allocated = peak_alloc;
	st->peak_allocated = be->peak_allocated;
	st->peak_held = peak_held > st->bytes_held ? peak_held : st->bytes_held;
}

static unsigned int kml_slab_be_validate(void *priv)
{
	struct kml_slab_be *be = priv;
	unsigned int i, bad = 0;

	for (i = 0; i < kml_slab_be_nr(be); i++)
		bad += kml_slab_cache_validate(kml_slab_be_at(be, i));
	return bad + kml_buddy_validate(be->buddy);
}

static int kml_slab_be_show(void *priv, enum kml_view view,
			    struct kml_out *out)
{
	struct kml_slab_be *be = priv;
	unsigned int i;

	switch (view) {
	case KML_VIEW_SLABINFO:
		kml_slab_show_slabinfo_header(out);
		for (i = 0; i < kml_slab_be_nr(be); i++)
			kml_slab_show_slabinfo_row(kml_slab_be_at(be, i), out);
		return 0;
	case KML_VIEW_STATS:
		for (i = 0; i < kml_slab_be_nr(be); i++)
			kml_slab_show_stats(kml_slab_be_at(be, i), out);
		return 0;
	default:
		return -ENOENT;
	}
}

static int kml_slab_be_shrink(void *priv)
{
	struct kml_slab_be *be = priv;
	unsigned int i;

	for (i = 0; i < kml_slab_be_nr(be); i++)
		kml_slab_cache_shrink(kml_slab_be_at(be, i));
	kml_buddy_drain_local(be->buddy);
	return 0;
}

static void kml_slab_be_peak_reset(void *priv)
{
	struct kml_slab_be *be = priv;
	struct kml_alloc_stats st;
	unsigned int i;

	for (i = 0; i < kml_slab_be_nr(be); i++) {
		struct kml_slab_cache *s = kml_slab_be_at(be, i);

		kml_lock_acquire(&s->lock);
		s->peak_slabs = s->nr_slabs;
		s->peak_inuse = kml_slab_inuse_now(s);
		kml_lock_release(&s->lock);
	}
	be->peak_allocated = 0;
	kml_slab_be_stats(be, &st);	/* the current bytes become the peak */
}

/*
 * Without size= the instance is the kmalloc classes, whose alignment and
 * (absent) constructor are their own.
 */
static int kml_slab_be_check(const struct kml_params *p, u32 given,
			     struct kml_out *why)
{
	int ret = kml_buddy_check_pool(p->pool_bytes, why);

	if (ret)
		return ret;
	if (p->tier >= KML_SLAB_TIER_NR) {
		kml_out_printf(why, "tier=%u: no such tier", p->tier);
		return -EINVAL;
	}
	if (p->sheaf && p->tier != KML_SLAB_TIER_SHEAVES) {
		kml_out_printf(why,
			       "sheaf= needs tier=sheaves (tier=%s has no sheaves)",
			       kml_slab_tier_names[p->tier]);
		return -EINVAL;
	}
	if (p->sheaf && (p->sheaf < KML_SLAB_SHEAF_MIN ||
			 p->sheaf > KML_SLAB_SHEAF_MAX)) {
		kml_out_printf(why, "sheaf=%u: out of range %u..%u", p->sheaf,
			       KML_SLAB_SHEAF_MIN, KML_SLAB_SHEAF_MAX);
		return -EINVAL;
	}
	if (p->size)
		return 0;
	if (p->align) {
		kml_out_printf(why,
			       "align= needs size= (the kmalloc classes of backend 'slab' have their own alignment)");
		return -EINVAL;
	}
	if (p->flags & KML_F_CTOR) {
		kml_out_printf(why,
			       "ctor=1 needs size= (the kmalloc classes of backend 'slab' have no constructor)");
		return -EINVAL;
	}
	return 0;
}

const struct kml_backend kml_backend_slab = {
	.name		= "slab",
	.desc		= "kmemlab SLUB-like slab caches (one cache, or kmalloc-8..8k)",
	.family		= KML_FAMILY_OBJECT,
	.ours		= true,
	.caps		= KML_CAP_FREE_SLOTS,
	.keys		= KML_PKB(POOL) | KML_PKB(SIZE) | KML_PKB(ALIGN) |
			  KML_PKB(ZERO) | KML_PKB(PCP) | KML_PKB(REDZONE) |
			  KML_PKB(POISON) | KML_PKB(CHECK) | KML_PKB(CTOR) |
			  KML_PKB(MIN_PARTIAL) | KML_PKB(TIER) | KML_PKB(SHEAF),
	.max_obj	= KML_SLAB_MAX_SIZE,
	.check		= kml_slab_be_check,
	.create		= kml_slab_be_create,
	.destroy	= kml_slab_be_destroy,
	.alloc		= kml_slab_be_alloc,
	.free		= kml_slab_be_free,
	.alloc_bulk	= kml_slab_be_alloc_bulk,
	.free_bulk	= kml_slab_be_free_bulk,
	.usable		= kml_slab_be_usable,
	.max_size	= kml_slab_be_max_size,
	.stats		= kml_slab_be_stats,
	.peak_reset	= kml_slab_be_peak_reset,
	.validate	= kml_slab_be_validate,
	.show		= kml_slab_be_show,
	.shrink		= kml_slab_be_shrink,
};
