/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmemlab's slab caches: SLUB-like object caches carved out of blocks of
 * our buddy allocator, and kmalloc-style size classes (8..8192) built from
 * them. See slab.c for the theory.
 */
#ifndef KML_SLAB_H
#define KML_SLAB_H

#include "platform.h"
#include "out.h"
#include "buddy.h"

struct kml_slab_cache;
struct kml_kmalloc;

/* Largest object a cache takes (SLUB would go higher, we bound it). */
#define KML_SLAB_MAX_SIZE	(1024u * 1024u)
/* Largest alignment a cache takes. */
#define KML_SLAB_MAX_ALIGN	4096u
/* Largest slab order chosen when several objects fit (SLUB's default). */
#define KML_SLAB_MAX_ORDER	3
/* Bytes of the on-slab descriptor when no debug bitmaps are kept. */
#define KML_SLAB_DESC_SIZE	64u

/* Byte patterns, the same values as SLUB's (include/linux/poison.h). */
#define KML_SLAB_RED_INACTIVE	0xbb	/* red zone of a free object */
#define KML_SLAB_RED_ACTIVE	0xcc	/* red zone of an allocated object */
#define KML_SLAB_POISON_FREE	0x6b	/* body of a free object */
#define KML_SLAB_POISON_END	0xa5	/* last byte of a free object */

/* Flags that take a cache off the lockless fast path. */
#define KML_SLAB_DEBUG_FLAGS	(KML_F_REDZONE | KML_F_POISON | KML_F_CHECK)

/* Counters of one cache (name table in slab.c). */
enum kml_slab_stat {
	KML_SLAB_ALLOC,		/* objects handed out (fast + slow) */
	KML_SLAB_FREE,		/* objects taken back (fast + slow) */
	KML_SLAB_ALLOC_FAST,	/* allocs from the per-CPU freelist */
	KML_SLAB_ALLOC_SLOW,	/* allocs that took the cache lock */
	KML_SLAB_FREE_FAST,	/* frees onto the per-CPU freelist */
	KML_SLAB_FREE_SLOW,	/* frees that took the cache lock */
	KML_SLAB_FREE_REMOTE,	/* slow frees into another CPU's active slab */
	KML_SLAB_ALLOC_REFILL,	/* per-CPU freelist refilled from remote frees */
	KML_SLAB_ALLOC_PARTIAL,	/* slabs taken from the partial list */
	KML_SLAB_ALLOC_EMPTY,	/* slabs taken from the kept empty slabs */
	KML_SLAB_DEACTIVATE,	/* active slabs handed back to the lists */
	KML_SLAB_ALLOC_FAIL,	/* allocations that returned NULL */
	KML_SLAB_SLAB_NEW,	/* slabs taken from the buddy */
	KML_SLAB_SLAB_RELEASE,	/* slabs given back to the buddy */
	KML_SLAB_BAD_FREE,	/* frees refused, all reasons */
	KML_SLAB_FREE_OUTSIDE,	/* ... pointer outside the buddy pool */
	KML_SLAB_FREE_FOREIGN,	/* ... in the pool, not in a slab of ours */
	KML_SLAB_FREE_MISALIGNED, /* ... not at an object boundary */
	KML_SLAB_FREE_DOUBLE,	/* ... object already free (debug) */
	KML_SLAB_REDZONE_HIT,	/* red zones found overwritten */
	KML_SLAB_POISON_HIT,	/* poisoned free objects found written */
	KML_SLAB_FREEPTR_BAD,	/* corrupted free pointers (list rebuilt) */
	KML_SLAB_QUARANTINED,	/* objects withheld for good as corrupted */
	KML_SLAB_TIER_ALLOC_CPU, /* allocs served by the CPU level (= fast) */
	KML_SLAB_TIER_ALLOC_BARN, /* allocs that took a full barn array */
	KML_SLAB_TIER_ALLOC_SLAB, /* allocs that refilled from the slabs */
	KML_SLAB_TIER_REFILL_OBJS, /* objects those refills moved */
	KML_SLAB_TIER_FREE_CPU,	/* frees kept by the CPU level (= fast) */
	KML_SLAB_TIER_FREE_BARN, /* frees that traded a full array in */
	KML_SLAB_TIER_FREE_SLAB, /* frees that flushed to the slabs */
	KML_SLAB_TIER_FLUSH,	/* flushes of objects to the slabs (batches) */
	KML_SLAB_TIER_FLUSH_OBJS, /* objects those flushes moved */
	KML_SLAB_LOCK_CACHE,	/* cache lock taken on alloc/free paths */
	KML_SLAB_LOCK_BARN,	/* barn/depot lock taken */
	KML_SLAB_LOCK_BARN_CONTENDED, /* ... found taken (magazine tier) */
	KML_SLAB_MAG_RESIZE,	/* magazine size grown */
	KML_SLAB_BULK_ALLOC,	/* alloc_bulk calls that succeeded */
	KML_SLAB_BULK_ALLOC_OBJS, /* ... objects they handed out */
	KML_SLAB_BULK_ALLOC_FAIL, /* alloc_bulk calls that returned 0 */
	KML_SLAB_BULK_FREE,	/* free_bulk calls */
	KML_SLAB_BULK_FREE_OBJS, /* ... objects they took back */
	KML_SLAB_STAT_NR,
};

extern const char * const kml_slab_stat_names[KML_SLAB_STAT_NR];

/*
 * The per-CPU tier of a cache (see slab_tier_*.c): SLUB 6.1's per-CPU
 * active slab and lockless freelist, Linux 7.x's sheaves and barn, or
 * Bonwick's magazines and depot.
 */
enum kml_slab_tier {
	KML_SLAB_TIER_FREELIST,
	KML_SLAB_TIER_SHEAVES,
	KML_SLAB_TIER_MAGAZINE,
	KML_SLAB_TIER_NR,
};

/*
 * struct kml_recip - a divisor's reciprocal for division by multiply and
 * shifts (the kernel's struct reciprocal_value, lib/reciprocal_div.c, as
 * SLUB's obj_to_index() uses it): kml_recip_divide(a, kml_recip_value(d))
 * is a / d for every 32-bit a and d >= 1 (Granlund and Montgomery,
 * "Division by invariant integers using multiplication", 1994).
 */
struct kml_recip {
	u32 m;
	u8 sh1;
	u8 sh2;
};

static inline struct kml_recip kml_recip_value(u32 d)
{
	struct kml_recip r;
	unsigned int l = 0;
	u64 m;
	u32 x = d - 1;

	while (x) {		/* l = fls(d - 1) */
		l++;
		x >>= 1;
	}
	m = ((1ULL << 32) * ((1ULL << l) - d)) / d + 1;
	r.m = (u32)m;
	r.sh1 = l < 1 ? l : 1;
	r.sh2 = l > 1 ? l - 1 : 0;
	return r;
}

static inline u32 kml_recip_divide(u32 a, struct kml_recip r)
{
	u32 t = (u32)(((u64)a * r.m) >> 32);

	return (t + ((a - t) >> r.sh1)) >> r.sh2;
}

/* Bounds of a sheaf's capacity (create's sheaf=N). */
#define KML_SLAB_SHEAF_MIN	1u
#define KML_SLAB_SHEAF_MAX	256u

extern const char * const kml_slab_tier_names[KML_SLAB_TIER_NR];

/* kml_slab_ctor_t - constructor, run once per object when its slab is new. */
typedef void (*kml_slab_ctor_t)(void *obj, void *arg);

/**
 * struct kml_slab_layout - where things sit in an object and in a slab
 * @size: object size asked for
 * @align: object alignment (at least 8)
 * @stride: distance between objects: @size, red zone and an outside free
 *          pointer, rounded up to @align
 * @offset: free pointer offset inside the stride
 * @redzone: first red-zone byte (== @size), @redzone_end one past the last
 * @redzone_end: see @redzone; equal to @redzone without KML_F_REDZONE
 * @order: slab order (2^@order pages)
 * @objects: objects per slab
 * @obj_offset: first object's offset in the slab (after the descriptor)
 * @leftover: unused bytes at the slab's end
 * @min_objects: SLUB's min_objects when the order was found
 * @fraction: SLUB's fract_leftover when the order was found (1: none)
 */
struct kml_slab_layout {
	u32 size;
	u32 align;
	u32 stride;
	u32 offset;
	u32 redzone;
	u32 redzone_end;
	u32 order;
	u32 objects;
	u32 obj_offset;
	u32 leftover;
	u32 min_objects;
	u32 fraction;
};

/**
 * struct kml_slab_info - one /proc/slabinfo row plus the loss figures
 * @active_objs: @num_objs minus the free objects on the partial and empty
 *               lists (SLUB's meaning: free slots of active slabs count as
 *               active)
 * @num_objs: slabs times objects per slab
 * @objsize: the stride (SLUB prints s->size, not the object size)
 * @objperslab: objects per slab
 * @pagesperslab: pages per slab
 * @active_slabs: all slabs (SLUB prints the same number twice)
 * @num_slabs: all slabs
 * @nr_partial: slabs on the partial list
 * @nr_empty: empty slabs kept for reuse
 * @nr_full: slabs on the full list
 * @nr_active: per-CPU active slabs
 * @objects_inuse: objects allocated now (alloc - free counters)
 * @quarantined: objects withheld as corrupted
 * @free_partial: free slots on partial and empty slabs
 * @loss: bytes held minus bytes of live objects
 *        (= @loss_stride + @loss_tail + @loss_free)
 * @loss_stride: (stride - size) per live object ("Lalig" of slabinfo.c)
 * @loss_tail: descriptor and leftover of every slab ("Lpadd")
 * @loss_free: free (and quarantined) slots times the stride
 * @bytes_held: slabs times slab bytes
 * @tier_objs: free objects parked in the per-CPU tier (per-CPU level and
 *             barn/depot): in use as far as slabs know, used by no one
 * @tier_objs_cpu: ... of them in per-CPU structures
 * @tier_objs_barn: ... of them in the barn or depot
 */
struct kml_slab_info {
	u64 active_objs;
	u64 num_objs;
	u32 objsize;
	u32 objperslab;
	u32 pagesperslab;
	u64 active_slabs;
	u64 num_slabs;
	u64 nr_partial;
	u64 nr_empty;
	u64 nr_full;
	u64 nr_active;
	u64 objects_inuse;
	u64 quarantined;
	u64 free_partial;
	u64 loss;
	u64 loss_stride;
	u64 loss_tail;
	u64 loss_free;
	u64 bytes_held;
	u64 tier_objs;
	u64 tier_objs_cpu;
	u64 tier_objs_barn;
};

/**
 * kml_slab_calc_layout() - lay objects out and pick the slab order
 * @size: object size, 1..KML_SLAB_MAX_SIZE
 * @align: alignment, a power of two up to KML_SLAB_MAX_ALIGN (0: 8)
 * @flags: KML_F_* (red zone, poison and check change the layout)
 * @has_ctor: the cache has a constructor (free pointer outside the object)
 * @nr_cpus: CPUs for SLUB's min_objects = 4 * (fls(nr_cpus) + 1)
 * @l: the result
 *
 * Return: 0, or -EINVAL for a bad size or alignment.
 */
int kml_slab_calc_layout(u32 size, u32 align, u32 flags, bool has_ctor,
			 unsigned int nr_cpus, struct kml_slab_layout *l);

/**
 * kml_slab_cache_create() - create an object cache over a buddy
 * @b: the buddy slabs come from; must outlive the cache
 * @name: cache name (copied, at most 31 characters)
 * @size: object size, 1..KML_SLAB_MAX_SIZE
 * @align: alignment, power of two up to KML_SLAB_MAX_ALIGN; 0 means 8
 * @flags: KML_F_ZERO and the debug flags KML_F_REDZONE, KML_F_POISON,
 *         KML_F_CHECK; others are ignored
 * @ctor: constructor or NULL; runs once per object when its slab is made
 * @ctor_arg: passed to @ctor
 *
 * Return: the cache, or NULL on bad parameters or no memory.
 */
struct kml_slab_cache *kml_slab_cache_create(struct kml_buddy *b,
					     const char *name, u32 size,
					     u32 align, u32 flags,
					     kml_slab_ctor_t ctor,
					     void *ctor_arg);

/**
 * kml_slab_cache_set_tier() - choose the per-CPU tier of a new cache
 * @s: the cache, before its first allocation
 * @tier: the tier
 * @capacity: objects per sheaf for KML_SLAB_TIER_SHEAVES (0: the default),
 *            KML_SLAB_SHEAF_MIN..KML_SLAB_SHEAF_MAX; must be 0 otherwise
 *
 * A cache is created with the freelist tier. Debug caches keep their
 * locked path whatever the tier (the tier is set, never used).
 *
 * Return: 0, -EINVAL for a bad tier or capacity, -EBUSY when @s has
 * slabs (nothing changes on either), or -ENOMEM (the cache is left with
 * the freelist tier).
 */
int kml_slab_cache_set_tier(struct kml_slab_cache *s, enum kml_slab_tier tier,
			    u32 capacity);

/**
 * kml_slab_cache_tier() - the cache's per-CPU tier
 * @s: the cache
 *
 * Return: the tier.
 */
enum kml_slab_tier kml_slab_cache_tier(const struct kml_slab_cache *s);

/**
 * kml_slab_cache_destroy() - release every slab and the cache
 * @s: the cache, or NULL
 *
 * Objects still allocated are released too. No other CPU may use @s.
 */
void kml_slab_cache_destroy(struct kml_slab_cache *s);

/**
 * kml_slab_cache_alloc() - allocate one object
 * @s: the cache
 *
 * Return: the object, or NULL when the buddy has no slab left.
 */
void *kml_slab_cache_alloc(struct kml_slab_cache *s);

/**
 * kml_slab_cache_free() - free one object
 * @s: the cache
 * @obj: the object; NULL is ignored
 *
 * Return: 0, or -EINVAL when the free was detected as invalid (counted,
 * nothing changes). Non-debug caches check only frees that miss the
 * per-CPU active slab; debug caches check every free.
 */
int kml_slab_cache_free(struct kml_slab_cache *s, void *obj);

/**
 * kml_slab_cache_alloc_bulk() - allocate @n objects in one call
 * @s: the cache
 * @n: how many
 * @p: where their addresses go (@n slots)
 *
 * The kernel's kmem_cache_alloc_bulk(): all or nothing. The tier serves
 * the objects in batches (sheaves: from the main and spare sheaves and
 * the barn; magazines: from the loaded and previous magazines and the
 * depot; freelist: the per-CPU freelist, then the slab layer); debug
 * caches take the checked path object by object.
 *
 * Return: @n, or 0 when some object could not be had; then the objects
 * already taken are given back and @p holds nothing of value.
 */
unsigned int kml_slab_cache_alloc_bulk(struct kml_slab_cache *s,
				       unsigned int n, void **p);

/**
 * kml_slab_cache_free_bulk() - free @n objects in one call
 * @s: the cache
 * @n: how many
 * @p: their addresses (NULL entries are skipped)
 *
 * The kernel's kmem_cache_free_bulk(), with the checks of
 * kml_slab_cache_free(): an object refused there is refused here (and
 * counted), the others are freed.
 *
 * Return: the number of objects refused (0 when all were freed).
 */
unsigned int kml_slab_cache_free_bulk(struct kml_slab_cache *s,
				      unsigned int n, void **p);

/**
 * kml_slab_cache_shrink() - give empty slabs back to the buddy
 * @s: the cache
 *
 * Hands the calling CPU's active slab back to the lists first. Other CPUs'
 * active slabs stay (they cannot be touched without their CPU).
 *
 * Return: the number of slabs released.
 */
int kml_slab_cache_shrink(struct kml_slab_cache *s);

/**
 * kml_slab_cache_flush_all() - hand every CPU's active slab back
 * @s: the cache
 *
 * For quiescent caches only: no CPU may be allocating from or freeing to
 * @s meanwhile (tests, teardown, validation of a stopped workload).
 */
void kml_slab_cache_flush_all(struct kml_slab_cache *s);

/**
 * kml_slab_cache_set_min_partial() - empty slabs kept before release
 * @s: the cache
 * @n: the new bound (default: SLUB's ilog2(stride) / 2 within 5..10)
 */
void kml_slab_cache_set_min_partial(struct kml_slab_cache *s, unsigned int n);

/**
 * kml_slab_cache_set_inst() - instance id the trace hooks report
 * @s: the cache
 * @inst: the id
 */
void kml_slab_cache_set_inst(struct kml_slab_cache *s, u32 inst);

/**
 * kml_slab_cache_validate() - walk every slab and freelist
 * @s: the cache; quiescent (reads other CPUs' freelists)
 *
 * Return: the number of violated invariants (0 when healthy).
 */
unsigned int kml_slab_cache_validate(struct kml_slab_cache *s);

/**
 * kml_slab_cache_stat() - read one counter (summed over CPUs)
 * @s: the cache
 * @item: the counter
 *
 * Return: its value.
 */
u64 kml_slab_cache_stat(const struct kml_slab_cache *s,
			enum kml_slab_stat item);

/**
 * kml_slab_cache_layout() - the layout the cache was created with
 * @s: the cache
 *
 * Return: the layout (owned by the cache).
 */
const struct kml_slab_layout *
kml_slab_cache_layout(const struct kml_slab_cache *s);

/**
 * kml_slab_cache_name() - the cache's name
 * @s: the cache
 *
 * Return: the name.
 */
const char *kml_slab_cache_name(const struct kml_slab_cache *s);

/**
 * kml_slab_cache_info() - slabinfo figures, taken under the cache lock
 * @s: the cache
 * @info: the result
 */
void kml_slab_cache_info(struct kml_slab_cache *s, struct kml_slab_info *info);

/**
 * kml_slab_show_slabinfo_header() - the two /proc/slabinfo 2.1 header lines
 * @out: destination
 */
void kml_slab_show_slabinfo_header(struct kml_out *out);

/**
 * kml_slab_show_slabinfo_row() - one /proc/slabinfo row (cache_show())
 * @s: the cache
 * @out: destination
 */
void kml_slab_show_slabinfo_row(struct kml_slab_cache *s, struct kml_out *out);

/**
 * kml_slab_show_stats() - "name value" lines: counters, layout, losses
 * @s: the cache
 * @out: destination
 */
void kml_slab_show_stats(struct kml_slab_cache *s, struct kml_out *out);

/* --- kmalloc size classes ---------------------------------------------- */

/* Number of kmalloc classes: 8 16 32 64 96 128 192 256 512 1k 2k 4k 8k. */
#define KML_KMALLOC_CLASSES	13
/* Largest kmalloc request. */
#define KML_KMALLOC_MAX_SIZE	8192u

/**
 * kml_kmalloc_index() - the class serving a request, as kmalloc_index()
 * @size: bytes requested
 *
 * Return: the class index 0..KML_KMALLOC_CLASSES-1, or -1 when @size is 0
 * or above KML_KMALLOC_MAX_SIZE.
 */
int kml_kmalloc_index(size_t size);

/**
 * kml_kmalloc_class_size() - object size of a class
 * @idx: class index
 *
 * Return: the size (8..8192), or 0 for a bad index.
 */
u32 kml_kmalloc_class_size(int idx);

/**
 * kml_kmalloc_create() - create the kmalloc-<n> caches over a buddy
 * @b: the buddy; must outlive the set
 * @flags: KML_F_* applied to every class
 *
 * Return: the set, or NULL on no memory.
 */
struct kml_kmalloc *kml_kmalloc_create(struct kml_buddy *b, u32 flags);

/**
 * kml_kmalloc_set_tier() - kml_slab_cache_set_tier() on every class
 * @k: the set, before its first allocation
 * @tier: the tier
 * @capacity: as kml_slab_cache_set_tier()
 *
 * Return: 0 or the first error (classes set before it keep the new tier).
 */
int kml_kmalloc_set_tier(struct kml_kmalloc *k, enum kml_slab_tier tier,
			 u32 capacity);

/**
 * kml_kmalloc_destroy() - destroy every class cache
 * @k: the set, or NULL
 */
void kml_kmalloc_destroy(struct kml_kmalloc *k);

/**
 * kml_kmalloc() - allocate from the smallest class that fits
 * @k: the set
 * @size: 1..KML_KMALLOC_MAX_SIZE
 *
 * Return: the object, or NULL (also for sizes out of range).
 */
void *kml_kmalloc(struct kml_kmalloc *k, size_t size);

/**
 * kml_kfree() - free an object from kml_kmalloc(); the class is found from
 * the slab descriptor
 * @k: the set
 * @ptr: the object; NULL is ignored
 *
 * Return: 0, or -EINVAL when @ptr is not a kmalloc object of @k (counted in
 * the class it points into, or in kmalloc-8 when none).
 */
int kml_kfree(struct kml_kmalloc *k, void *ptr);

/**
 * kml_kmalloc_cache() - one class cache
 * @k: the set
 * @idx: class index
 *
 * Return: the cache, or NULL for a bad index.
 */
struct kml_slab_cache *kml_kmalloc_cache(struct kml_kmalloc *k, int idx);

/**
 * kml_kmalloc_set_inst() - instance id for the trace hooks of every class
 * @k: the set
 * @inst: the id
 */
void kml_kmalloc_set_inst(struct kml_kmalloc *k, u32 inst);

#endif /* KML_SLAB_H */
