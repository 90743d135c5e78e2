/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The slab layer's private header: the descriptors every per-CPU tier
 * sees (struct kml_slab, struct kml_slab_cpu, struct kml_slab_cache), the
 * slab layer's calls the tiers make, and the tier interface (struct
 * kml_slab_tier_ops). Only slab.c and slab_tier_*.c include it. The
 * theory of the slab layer is in slab.c; each tier has its own in its
 * file.
 */
#ifndef KML_SLAB_PRIV_H
#define KML_SLAB_PRIV_H

#include "slab.h"
#include "list.h"

#define KML_SLAB_MAGIC		0x5ab1ab1e5ab1ab1eUL
#define KML_BITS_PER_LONG	64
#define KML_LONGS(bits)		(((bits) + KML_BITS_PER_LONG - 1) / \
				 KML_BITS_PER_LONG)
/* c->active when the CPU has no active slab: no slab address is odd. */
#define KML_SLAB_NO_ACTIVE	1UL
/* Magazine tier: depot lock acquisitions between two looks at contention. */
#define KML_MAG_INTERVAL	256
/* ... and contention misses per look above which magazines grow. */
#define KML_MAG_CONTENTION	3
/* Sheaves tier: full sheaves a barn keeps at most (7.x's MAX_FULL_SHEAVES). */
#define KML_BARN_MAX_FULL	10u
/* NUMA nodes the barn and depot are kept for: we have one. */
#define KML_SLAB_NODES		1

enum kml_slab_state {
	KML_SLAB_ACTIVE,
	KML_SLAB_PARTIAL,
	KML_SLAB_FULL,
	KML_SLAB_EMPTY,
};

/* The on-slab descriptor, at the start of every slab. */
struct kml_slab {
	unsigned long magic;		/* KML_SLAB_MAGIC ^ address: live */
	struct kml_slab_cache *cache;	/* owner */
	struct kml_list node;		/* on partial, full or empty */
	void *freelist;			/* free objects not on a CPU list */
	u32 inuse;			/* objects not on @freelist */
	u32 objects;			/* objects in the slab */
	u32 quarantined;		/* debug: objects withheld */
	u16 state;			/* enum kml_slab_state */
	u16 cpu;			/* owning CPU while ACTIVE */
	/* debug caches: allocated bits, then quarantined bits */
	unsigned long map[];		/* 2 * map_longs longs */
};

static_assert(sizeof(struct kml_slab) <= KML_SLAB_DESC_SIZE,
	      "the slab descriptor must fit KML_SLAB_DESC_SIZE");

/*
 * struct kml_slab_arr - an array of free object pointers: a sheaf of the
 * sheaves tier, a magazine of the magazine tier. @obj[0..@nr) are free
 * objects (in use as far as their slabs know), the last one is handed
 * out first.
 */
struct kml_slab_arr {
	struct kml_list node;		/* on a barn/depot list */
	u32 nr;				/* objects held */
	u32 cap;			/* room for @cap pointers */
	void *obj[];
};

/*
 * struct kml_slab_barn - one node's store of whole arrays: the sheaves
 * tier's barn, the magazine tier's depot. Everything under @lock.
 */
struct kml_slab_barn {
	struct kml_lock lock;
	struct kml_list full;		/* arrays holding objects */
	struct kml_list empty;		/* arrays holding none */
	u32 nr_full;
	u32 nr_empty;
	u64 objects;			/* objects in the arrays on @full */
	u64 ops;			/* lock acquisitions (magazine) */
	u64 contention;			/* ... that found it taken */
	u64 contention_prev;		/* @contention at the last update */
};

/* Per-CPU state of a cache; only its CPU writes it, with the CPU pinned. */
struct kml_slab_cpu {
	/* tier=freelist */
	void *freelist;			/* lockless free objects of @slab */
	unsigned long active;		/* @slab's address or NO_ACTIVE */
	struct kml_slab *slab;		/* the active slab, or NULL */
	/* tier=sheaves: main, spare; tier=magazine: loaded, previous */
	struct kml_slab_arr *cur;
	struct kml_slab_arr *alt;
	unsigned long checked;		/* slab of the last checked free */
	u64 stat[KML_SLAB_STAT_NR];	/* this CPU's counters */
};

/* Per-CPU entries are padded to whole cache lines (no false sharing). */
#define KML_SLAB_CPU_STRIDE	((sizeof(struct kml_slab_cpu) + 63) & ~63UL)

struct kml_slab_tier_ops;

/*
 * struct kml_slab_vctx - what validation sums while walking, s->lock held
 * @live: objects the slabs count in use, minus per-CPU freelists and
 *        quarantined objects
 * @held: objects an array tier holds (in use as far as slabs know)
 * @seen: scratch bitmap of one slab's objects
 * @slabs: slabs seen
 * @quar: quarantined objects seen
 * @objs: scratch for the objects an array tier holds (@objs_cap of them),
 *        allocated before s->lock is taken
 */
struct kml_slab_vctx {
	u64 live;
	u64 held;
	unsigned long *seen;
	void **objs;
	u64 objs_cap;
	unsigned long slabs;
	unsigned long quar;
};

struct kml_slab_cache {
	/* per-CPU layer: read on every fast-path operation */
	char *cpu;			/* KML_MAX_CPUS entries, aligned */
	unsigned long slab_mask;	/* ~(slab bytes - 1) */
	u32 offset;			/* free pointer offset */
	u32 flags;			/* KML_F_* in effect */
	u32 size;			/* object size */
	u32 stride;			/* object distance */
	struct kml_recip recip;		/* @stride's, for object indexes */
	u32 inst;			/* instance id for the trace hooks */
	bool debug;			/* locked path only, with checks */
	bool zero;			/* zero on alloc */
	bool poison;			/* poison free objects */
	bool redzone;			/* red zone after each object */
	u8 tier;			/* enum kml_slab_tier */
	u32 arr_size;			/* objects per sheaf / magazine now */

	/* properties: fixed at create */
	char name[32];			/* "kmalloc-64", "slab-96", ... */
	struct kml_slab_layout layout;	/* stride, order, objects, ... */
	unsigned long slab_bytes;	/* KML_PAGE_SIZE << order */
	u32 map_longs;			/* longs per debug bitmap */
	kml_slab_ctor_t ctor;		/* constructor or NULL */
	void *ctor_arg;			/* its argument */
	struct kml_buddy *buddy;	/* where slabs come from */
	struct kml_kmalloc *kmalloc;	/* the set of a kmalloc class */
	void *cpu_raw;			/* allocation behind @cpu */
	const struct kml_slab_tier_ops *tops; /* the per-CPU tier */
	struct kml_slab_barn *barn[KML_SLAB_NODES]; /* array tiers */
	u32 nr_tier_cpus;		/* CPUs given arrays at set_tier */
	u32 magtype;			/* magazine: index in the type table */
	u32 nr_arrays;			/* arrays made at set_tier, all told */
	u32 arr_cap;			/* room in each of them */

	/* slabs: under @lock */
	struct kml_lock lock;		/* the list lock */
	struct kml_list partial;	/* PARTIAL slabs, allocs at head */
	struct kml_list full;		/* FULL slabs */
	struct kml_list empty;		/* EMPTY slabs kept */
	unsigned long nr_partial;	/* slabs on @partial */
	unsigned long nr_full;		/* slabs on @full */
	unsigned long nr_empty;		/* slabs on @empty */
	unsigned long nr_slabs;		/* all slabs, active ones included */
	unsigned long peak_slabs;	/* peak of @nr_slabs */
	unsigned long quarantined;	/* objects withheld, all slabs */
	unsigned long peak_inuse;	/* sampled peak of objects in use */
	unsigned int min_partial;	/* empty slabs kept at most */
};

/*
 * struct kml_slab_tier_held - objects a tier holds that no one uses
 * @cpu: in per-CPU structures (freelists, sheaves, magazines)
 * @barn: in the barn or depot
 */
struct kml_slab_tier_held {
	u64 cpu;
	u64 barn;
};

/*
 * struct kml_slab_tier_ops - one per-CPU tier. The fast paths are called
 * directly by tier (slab.c's dispatch, no indirect call on the hot path);
 * the rest through this table. @cnt is the pinned CPU's entry (it counts),
 * @c the CPU whose state is worked on (maybe another, quiescent one).
 *
 * @name: the create word (tier=NAME)
 * @init: allocate the tier's structures (no CPU pinned; may sleep)
 * @fini: free them (everything flushed and drained before)
 * @alloc: allocation fast path, falling back to @refill (CPU pinned)
 * @free: free fast path, falling back to @flush (CPU pinned)
 * @refill: fill @c from the lower levels; returns objects now in @c
 *          (NULL for freelist, whose refill is its slow path, and for
 *          magazine, whose magazines are filled by frees only)
 * @flush: hand every object held by @c back to the slab layer
 * @drain: hand every object of the barn/depot back to the slab layer
 * @validate: check the tier's invariants under s->lock, adding what it
 *            sees to @v (its slabs, its held objects)
 * @stats: objects held now, per level (racy unless quiescent)
 * @show: the tier's own "name value" lines
 */
struct kml_slab_tier_ops {
	const char *name;
	int (*init)(struct kml_slab_cache *s, u32 capacity);
	void (*fini)(struct kml_slab_cache *s);
	void *(*alloc)(struct kml_slab_cache *s, struct kml_slab_cpu *c,
		       unsigned int cpu);
	int (*free)(struct kml_slab_cache *s, struct kml_slab_cpu *c,
		    void *obj);
	unsigned int (*refill)(struct kml_slab_cache *s,
			       struct kml_slab_cpu *c, unsigned int cpu);
	void (*flush)(struct kml_slab_cache *s, struct kml_slab_cpu *c,
		      struct kml_slab_cpu *cnt);
	void (*drain)(struct kml_slab_cache *s, struct kml_slab_cpu *cnt);
	unsigned int (*validate)(struct kml_slab_cache *s,
				 struct kml_slab_vctx *v);
	void (*stats)(struct kml_slab_cache *s, struct kml_slab_tier_held *h);
	void (*show)(struct kml_slab_cache *s, struct kml_out *out);
};

extern const struct kml_slab_tier_ops kml_slab_tier_freelist;
extern const struct kml_slab_tier_ops kml_slab_tier_sheaves;
extern const struct kml_slab_tier_ops kml_slab_tier_magazine;

/* --- small helpers ------------------------------------------------------ */

static inline struct kml_slab_cpu *kml_slab_cpu_of(const struct kml_slab_cache *s,
						   unsigned int cpu)
{
	return (struct kml_slab_cpu *)(s->cpu + cpu * KML_SLAB_CPU_STRIDE);
}

static inline void *kml_slab_get_fp(const struct kml_slab_cache *s, void *obj)
{
	return *(void **)((char *)obj + s->offset);
}

static inline void kml_slab_set_fp(const struct kml_slab_cache *s, void *obj,
				   void *next)
{
	*(void **)((char *)obj + s->offset) = next;
}

/*
 * kml_slab_obj_index() - index of @p in @slab, or -1 when @p is not the
 * start of one of its objects.
 */
static inline long kml_slab_obj_index(const struct kml_slab_cache *s,
				      const struct kml_slab *slab,
				      const void *p)
{
	unsigned long off = (unsigned long)p - (unsigned long)slab;
	unsigned long idx;

	if ((unsigned long)p < (unsigned long)slab || off >= s->slab_bytes ||
	    off < s->layout.obj_offset)
		return -1;
	off -= s->layout.obj_offset;
	/* off < slab bytes < 2^32: multiply and shift, no division */
	idx = kml_recip_divide((u32)off, s->recip);
	if (off != idx * s->stride || idx >= slab->objects)
		return -1;
	return (long)idx;
}

/* Count into the pinned CPU's counters. */
static inline void kml_slab_count(struct kml_slab_cpu *c,
				  enum kml_slab_stat item)
{
	c->stat[item]++;
}

static inline void kml_slab_count_n(struct kml_slab_cpu *c,
				    enum kml_slab_stat item, u64 n)
{
	c->stat[item] += n;
}

/* The CPU id of a pinned CPU's entry. */
static inline unsigned int kml_slab_cpu_id(const struct kml_slab_cache *s,
					   const struct kml_slab_cpu *c)
{
	return (unsigned int)(((const char *)c - s->cpu) / KML_SLAB_CPU_STRIDE);
}

/* Take the cache's list lock on an alloc or free path, counting it. */
static inline void kml_slab_lock(struct kml_slab_cache *s,
				 struct kml_slab_cpu *c)
{
	kml_lock_acquire(&s->lock);
	c->stat[KML_SLAB_LOCK_CACHE]++;
}

/* The node of @cpu's barn or depot: we have one node. */
static inline unsigned int kml_slab_node_of(unsigned int cpu)
{
	return 0;
}

/* --- the slab layer, for the tiers (slab.c) ------------------------------- */

struct kml_slab *kml_slab_new(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			      unsigned int cpu);
void kml_slab_added_locked(struct kml_slab_cache *s);
void kml_slab_deactivate_locked(struct kml_slab_cache *s,
				struct kml_slab_cpu *c, struct kml_slab_cpu *cnt);
int kml_slab_check_ptr(struct kml_slab_cache *s, struct kml_slab_cpu *c,
		       void *obj, struct kml_slab **slabp, long *idxp);

/*
 * kml_slab_check_arr_free() - kml_slab_check_ptr() for a free into an
 * array tier (a sheaf or a magazine), cheap when @obj is in the slab this
 * CPU's last free checked (@c->checked): then only its object boundary is
 * checked; the pool search and the header checks were made for that slab
 * before. kml_slab_forget_checked() clears the slab on every CPU before
 * its release, so a remembered slab is a live slab of @s. (A free racing
 * the release of its own slab frees an object that is not out: the check
 * could not refuse it either.)
 * Return: 0, or the refusal's -EINVAL (counted).
 */
static inline int kml_slab_check_arr_free(struct kml_slab_cache *s,
					  struct kml_slab_cpu *c, void *obj)
{
	unsigned long base = (unsigned long)obj & s->slab_mask;
	struct kml_slab *slab;
	long idx;

	if (likely(base == READ_ONCE(c->checked) &&
		   kml_slab_obj_index(s, (struct kml_slab *)base, obj) >= 0))
		return 0;
	if (kml_slab_check_ptr(s, c, obj, &slab, &idx))
		return -EINVAL;
	WRITE_ONCE(c->checked, base);
	return 0;
}

struct kml_slab *kml_slab_take_locked(struct kml_slab_cache *s,
				      struct kml_slab_cpu *c);
struct kml_slab *kml_slab_grow_locked(struct kml_slab_cache *s,
				      struct kml_slab_cpu *c,
				      unsigned int cpu);
void kml_slab_place_locked(struct kml_slab_cache *s, struct kml_slab *slab,
			   struct kml_slab_cpu *c);
void kml_slab_relist_locked(struct kml_slab_cache *s, struct kml_slab *slab,
			    struct kml_slab_cpu *c);
void *kml_slab_alloc_debug(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			   unsigned int cpu);
int kml_slab_free_debug(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			void *obj);
unsigned int kml_slab_check_locked(struct kml_slab_cache *s,
				   struct kml_slab *slab, void *cpu_freelist,
				   u64 *live, unsigned long *seen);

/**
 * kml_slab_get_bulk() - take up to @n free objects from the slab layer
 * @s: the cache
 * @c: the pinned CPU's entry (counts)
 * @cpu: its id
 * @objs: where the objects go
 * @n: how many are wanted
 *
 * Partial slabs first, then kept empty ones, then new slabs, all under one
 * hold of s->lock (dropped around a new slab). The objects count as in
 * use in their slabs. Return: the number taken (0: the buddy is empty).
 */
unsigned int kml_slab_get_bulk(struct kml_slab_cache *s,
			       struct kml_slab_cpu *c, unsigned int cpu,
			       void **objs, unsigned int n);

/**
 * kml_slab_put_bulk() - give free objects back to their slabs
 * @s: the cache
 * @c: the pinned CPU's entry (counts)
 * @objs: objects of @s that the tier held (checked when they were freed)
 * @n: how many
 */
void kml_slab_put_bulk(struct kml_slab_cache *s, struct kml_slab_cpu *c,
		       void **objs, unsigned int n);

/* kml_slab_is_ours() - @addr is a live slab of @s (validation). */
bool kml_slab_is_ours(struct kml_slab_cache *s, unsigned long addr);
/*
 * kml_slab_tier_check_obj() - one object a tier holds: in a live slab of
 * @s at an object boundary, not on its slab's freelist. s->lock held.
 * Return: the violations (0 or 1).
 */
unsigned int kml_slab_tier_check_obj(struct kml_slab_cache *s, void *obj);

/* --- the tiers' fast paths (slab_tier_*.c) --------------------------------- */

void *kml_tier_freelist_alloc(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			      unsigned int cpu);
int kml_tier_freelist_free(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			   void *obj);
void *kml_tier_sheaves_alloc(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			     unsigned int cpu);
int kml_tier_sheaves_free(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			  void *obj);
void *kml_tier_magazine_alloc(struct kml_slab_cache *s,
			      struct kml_slab_cpu *c, unsigned int cpu);
int kml_tier_magazine_free(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			   void *obj);

/* --- array tiers: arrays and the barn/depot (slab_tier_sheaves.c) --------- */

int kml_slab_barn_init(struct kml_slab_cache *s, u32 cap);
struct kml_slab_arr *kml_slab_barn_trade(struct kml_slab_cache *s,
					 struct kml_slab_cpu *c,
					 unsigned int cpu,
					 struct kml_slab_arr *give,
					 bool take_full, u32 max_full);
void kml_tier_magazine_update_locked(struct kml_slab_cache *s,
				     struct kml_slab_barn *b,
				     struct kml_slab_cpu *c);
void kml_slab_barn_fini(struct kml_slab_cache *s);
void kml_slab_arr_flush_cpu(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			    struct kml_slab_cpu *cnt);
void kml_slab_barn_drain(struct kml_slab_cache *s, struct kml_slab_cpu *cnt);
unsigned int kml_slab_arr_validate(struct kml_slab_cache *s,
				   struct kml_slab_vctx *v, bool full_means_cap);
void kml_slab_arr_stats(struct kml_slab_cache *s,
			struct kml_slab_tier_held *h);

#endif /* KML_SLAB_PRIV_H */
