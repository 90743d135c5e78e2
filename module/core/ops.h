/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One ops table per allocator: the engine, the simulator and the tests call
 * every allocator, ours and the kernel's, through struct kml_backend.
 *
 * A backend is a family of allocators ("slab", "buddy", "first-fit",
 * "kmem_cache", ...); an instance is one of them created with parameters.
 * Sizes are always bytes. Page-based backends round a size up to the next
 * order; free() gets the same size that alloc() got, so that sized frees
 * (alloc_pages at an order, teaching heaps that check it) work.
 */
#ifndef KML_OPS_H
#define KML_OPS_H

#include "platform.h"
#include "out.h"

enum kml_family {
	KML_FAMILY_OBJECT,	/* object caches and size classes */
	KML_FAMILY_PAGE,	/* whole pages at an order */
	KML_FAMILY_HEAP,	/* teaching heaps over one region */
};

/* Instance flags (struct kml_params.flags); not every backend takes all. */
enum {
	KML_F_ZERO	  = 1u << 0,	/* zero every object on alloc */
	KML_F_REDZONE	  = 1u << 1,	/* red zones around objects */
	KML_F_POISON	  = 1u << 2,	/* poison free objects, check on alloc */
	KML_F_CHECK	  = 1u << 3,	/* double-free / foreign pointer checks */
	KML_F_NO_PCP	  = 1u << 4,	/* buddy: no per-CPU order-0 cache */
	KML_F_CTOR	  = 1u << 5,	/* run a constructor on new objects */
	KML_F_NO_COALESCE = 1u << 6,	/* heaps: no immediate coalescing */
};

/*
 * The keys of "create": one per parameter of struct kml_params (the flags
 * count as one key each). A backend lists those it takes in its @keys;
 * the engine refuses the others by name (docs/interface.md, "create").
 */
enum kml_pkey {
	KML_PK_POOL, KML_PK_SIZE, KML_PK_ALIGN, KML_PK_HEADER, KML_PK_BASE,
	KML_PK_MIN_SPLIT, KML_PK_ORDER, KML_PK_LIST, KML_PK_ZERO, KML_PK_PCP,
	KML_PK_REDZONE, KML_PK_POISON, KML_PK_CHECK, KML_PK_CTOR,
	KML_PK_COALESCE, KML_PK_MIN_PARTIAL, KML_PK_TIER, KML_PK_SHEAF,
	KML_PK_OSTEP, KML_PK_NR,
};

#define KML_PKB(k)	(1u << KML_PK_##k)

/* What a backend can do beyond alloc and free (struct kml_backend.caps). */
enum {
	/* stats() sets free_slots: total_free counts free object slots */
	KML_CAP_FREE_SLOTS	= 1u << 0,
	/* hands the same memory out again (the null instrument): no checks */
	KML_CAP_ALIASES		= 1u << 1,
};

/* Free-list order of the teaching heaps. */
enum kml_heap_order {
	KML_ORDER_ADDR,		/* address ordered (the default) */
	KML_ORDER_SIZE_ASC,	/* smallest first */
	KML_ORDER_SIZE_DESC,	/* largest first */
	KML_ORDER_LIFO,		/* freed blocks at the head */
	KML_ORDER_FIFO,		/* freed blocks at the tail */
};

/* Parameters of a new instance; zero means "the backend's default". */
struct kml_params {
	u64 pool_bytes;		/* buddy pool or heap region size */
	u64 base;		/* heap: address shown for offset 0 */
	u32 size;		/* object size (caches) */
	u32 align;		/* alignment in bytes (power of two) */
	u32 header;		/* heap: bytes of header per block */
	u32 min_split;		/* heap: smallest remainder worth splitting */
	u32 flags;		/* KML_F_* */
	u32 min_partial;	/* slab: empty slabs kept before release */
	u32 tier;		/* slab: enum kml_slab_tier (0: freelist) */
	u32 sheaf;		/* slab: objects per sheaf (0: the default) */
	u32 order;		/* page backends: default order */
	enum kml_heap_order list_order;
};

/*
 * What an allocator reports about itself. The engine adds what only the
 * caller knows (bytes requested), see struct kml_instance.
 */
struct kml_alloc_stats {
	u64 allocs;		/* successful allocations */
	u64 frees;		/* successful frees */
	u64 failures;		/* allocations that returned NULL */
	u64 bad_frees;		/* frees detected as invalid and refused */
	u64 bytes_allocated;	/* bytes handed out now (object or block sizes) */
	u64 bytes_held;		/* bytes held from the page source now */
	u64 peak_allocated;	/* peak of bytes_allocated */
	u64 peak_held;		/* peak of bytes_held */
	u64 largest_free;	/* largest block that could be handed out now */
	u64 total_free;		/* free bytes inside what is held */
	u64 arena_free;		/* free bytes of the arena (with @arena) */
	u64 arena_largest;	/* its largest free block (with @arena) */
	bool arena;		/* a fixed arena: arena_free, arena_largest set */
	bool free_slots;	/* total_free counts free object slots */
	bool held_na;		/* bytes_held, peak_held cannot be known */
};

/*
 * The free lists of the pool a page allocator takes its blocks from, as
 * one /proc/buddyinfo row, and what that pool is: our buddy's own pool, or
 * the kernel zone the real pages come from (shared with the whole system).
 */
struct kml_free_area {
	unsigned long nr_free[KML_NR_ORDERS];	/* free blocks per order */
	u64 pool_pages;		/* pages the pool manages */
	bool shared;		/* other users take from the pool too */
	char name[16];		/* "kmemlab", or the zone's name */
};

/*
 * The allocator call alone, apart from the bookkeeping a backend wraps
 * around it (struct kml_backend.split). The kernel's real backends charge
 * the module's budget, count bytes and may record objects around one
 * kmem_cache_alloc(); ours count inside the allocator, as SLUB's own
 * statistics do. A run calls alloc_begin() before its clock starts, only
 * alloc_call() between the two clock reads, and alloc_end() after (the
 * same for free), so that a timed region holds the allocator's call and
 * nothing of the harness, for every backend.
 */
struct kml_split {
	/* 0, or a negative errno: the request fails without a call */
	int (*alloc_begin)(void *priv, size_t size);
	void *(*alloc_call)(void *priv, size_t size);
	/*
	 * After alloc_call() (@ptr NULL when it failed): the bookkeeping.
	 * Return: @ptr, or NULL when the bookkeeping failed (the object is
	 * then released and counted as a failure).
	 */
	void *(*alloc_end)(void *priv, void *ptr, size_t size);
	/* Undo an alloc_begin() whose request is not made after all. */
	void (*alloc_cancel)(void *priv, size_t size);
	/* 0, or a negative errno: the free is refused and nothing changes */
	int (*free_begin)(void *priv, void *ptr, size_t size);
	void (*free_call)(void *priv, void *ptr, size_t size);
	void (*free_end)(void *priv, size_t size);
};

/* The read-only views an instance can render. */
enum kml_view {
	KML_VIEW_STATS,
	KML_VIEW_SLABINFO,	/* /proc/slabinfo 2.1 rows, header included */
	KML_VIEW_BUDDYINFO,	/* /proc/buddyinfo row */
	KML_VIEW_FRAG,		/* unusable and fragmentation indices, extfrag */
	KML_VIEW_HEAPMAP,	/* the teaching heap, block by block */
	KML_VIEW_NR,
};

/**
 * struct kml_backend - one allocator family behind one table
 *
 * What the engine, the views and the CLI know of a backend is here and
 * nowhere else: its family, the create keys it takes and their bounds, a
 * check of what the bounds cannot say, and optional hooks. The engine
 * publishes all of it in the "backends" view. Add an allocator by adding
 * one table (next to its core, or in module/kernel/backends.c for a real
 * one) and registering it.
 */
struct kml_backend {
	/* --- identity */
	const char *name;		/* contract name, e.g. "slab", "kmalloc" */
	const char *desc;		/* one line for listings */
	enum kml_family family;
	bool ours;			/* one of kmemlab's allocators */
	u32 caps;			/* KML_CAP_* */

	/* --- parameters */
	u32 keys;			/* KML_PKB() of the create keys it takes */
	u64 max_pool;			/* bound of pool=, 0: KML_POOL_MAX */
	u64 max_obj;			/* bound of size=, 0: KML_OBJ_MAX */
	/*
	 * Optional: refuse parameters the bounds cannot (a key that needs
	 * another, a value that depends on another). @given is KML_PKB() of
	 * the keys given. Return 0, or a negative errno with one sentence in
	 * @why naming the keys (it becomes the error reply).
	 */
	int (*check)(const struct kml_params *p, u32 given,
		     struct kml_out *why);

	/* --- life cycle and allocation */
	/* Create an instance; on success *@priv is its private state. */
	int (*create)(const struct kml_params *p, u32 inst_id, void **priv);
	/* Release everything, including objects still allocated. */
	void (*destroy)(void *priv);

	void *(*alloc)(void *priv, size_t size);
	/* 0, or a negative errno when the free was detected as invalid. */
	int (*free)(void *priv, void *ptr, size_t size);

	/* Optional: bulk variants; return the number of objects done. */
	unsigned int (*alloc_bulk)(void *priv, size_t size, unsigned int nr,
				   void **ptrs);
	void (*free_bulk)(void *priv, size_t size, unsigned int nr,
			  void **ptrs);

	/* Bytes actually handed out for a request of @size (size class). */
	size_t (*usable)(void *priv, size_t size);
	/* Largest request the instance can ever satisfy. */
	size_t (*max_size)(void *priv);
	/*
	 * Optional: alloc() and free() as begin, call and end, so that a
	 * run times the call alone (struct kml_split). Backends without it
	 * are timed around alloc() and free().
	 */
	const struct kml_split *split;

	/* --- figures and views */
	void (*stats)(void *priv, struct kml_alloc_stats *st);
	/* Number of violated invariants (0 when healthy). */
	unsigned int (*validate)(void *priv);
	/*
	 * Render a view; -ENOENT when the backend has no such view. May run
	 * while a run's workers use the instance (views of busy instances
	 * stay readable, for 'kmemlab top' during a run): take the backend's
	 * own locks, as stats() does.
	 */
	int (*show)(void *priv, enum kml_view view, struct kml_out *out);

	/* --- optional hooks of interactive use (the teaching heaps) */
	/* The address a user is shown for @ptr (a heap's base + offset). */
	u64 (*addr)(void *priv, const void *ptr);
	/*
	 * alloc() and free() that also say what they did: " addr=A
	 * searched=N\n" (alloc only; " addr=-1 searched=N\n" when it
	 * failed), then the search and the whole free list as OSTEP's
	 * malloc.py prints them, @handle naming the block there. Called with
	 * the engine's command and state locks held.
	 */
	void *(*alloc_show)(void *priv, size_t size, u32 handle,
			    struct kml_out *out);
	int (*free_show)(void *priv, void *ptr, size_t size, u32 handle,
			 struct kml_out *out);
	/*
	 * show() of a view with one row per block, with a last column
	 * naming each used block: @label(@arg, address) returns the name
	 * (the engine's handle) or -1 for none.
	 */
	int (*show_labelled)(void *priv, enum kml_view view,
			     struct kml_out *out,
			     long (*label)(void *arg, u64 addr), void *arg);

	/*
	 * Optional: peaks (peak_allocated, peak_held) start again from the
	 * current state, so that a run's cell measures its own; a heap's
	 * high-water mark falls back to the end of its last live block.
	 */
	void (*peak_reset)(void *priv);
	/*
	 * Optional, page allocators: the free lists of the pool the blocks
	 * come from, read now (a run samples it with the other figures).
	 * Return: 0, or -ENOENT when the pool is not known yet.
	 */
	int (*free_area)(void *priv, struct kml_free_area *fa);

	/* --- optional maintenance */
	/* Release cached empty memory (slab shrink, pcp drain). */
	int (*shrink)(void *priv);
	/* Forget every allocation at once (bump arena reset). */
	int (*reset)(void *priv);
};

/**
 * kml_backend_register() - make a backend available to the engine
 * @b: the ops table; must live until kml_backend_unregister()
 *
 * Return: 0, -EEXIST when the name is taken, -ENOSPC when the table is full.
 */
int kml_backend_register(const struct kml_backend *b);

/**
 * kml_backend_unregister() - remove a backend registered before
 * @b: the ops table
 */
void kml_backend_unregister(const struct kml_backend *b);

/**
 * kml_backend_find() - look a backend up by its contract name
 * @name: e.g. "slab"
 *
 * Return: the backend, or NULL.
 */
const struct kml_backend *kml_backend_find(const char *name);

/**
 * kml_backend_at() - iterate over the registered backends
 * @i: index from 0
 *
 * Return: the @i-th backend, or NULL past the end.
 */
const struct kml_backend *kml_backend_at(unsigned int i);

/* Our backends, defined next to each core (buddy.c, slab.c, heap.c, ...). */
extern const struct kml_backend kml_backend_buddy;
extern const struct kml_backend kml_backend_slab;
/* The null instrument (null.c): the harness's own cost, timed per cell. */
extern const struct kml_backend kml_backend_null;
/* The teaching heaps, one per enum kml_heap_policy (heap.h), in order. */
extern const struct kml_backend kml_heap_backends[];
extern const unsigned int kml_nr_heap_backends;

/**
 * kml_register_ours() - register all of our backends
 *
 * Return: 0 or a negative errno (nothing stays registered on failure).
 */
int kml_register_ours(void);

/* kml_unregister_ours() - undo kml_register_ours(). */
void kml_unregister_ours(void);

#endif /* KML_OPS_H */
