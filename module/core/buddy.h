/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmemlab's buddy allocator: a pool of pages taken from the page source in
 * blocks of order KML_MAX_ORDER, handed out in blocks of order
 * 0..KML_MAX_ORDER, with a per-CPU cache of order-0 pages in front.
 * See buddy.c for the theory.
 */
#ifndef KML_BUDDY_H
#define KML_BUDDY_H

#include "platform.h"
#include "out.h"

struct kml_buddy;

/* Pool bound: 256 chunks of order KML_MAX_ORDER (1 GiB of 4 KiB pages). */
#define KML_BUDDY_MAX_CHUNKS	256

/* kml_buddy_page_index() of an address that starts no page of the pool. */
#define KML_BUDDY_NO_PAGE	(~0UL)

/* Counters of one buddy (enum + name table in buddy.c). */
enum kml_buddy_stat {
	KML_BUDDY_ALLOC,	/* blocks handed out */
	KML_BUDDY_FREE,		/* blocks taken back */
	KML_BUDDY_FAIL,		/* allocations that found nothing */
	KML_BUDDY_SPLIT,	/* blocks split in two */
	KML_BUDDY_MERGE,	/* buddy pairs merged */
	KML_BUDDY_PCP_HIT,	/* order-0 allocations served by a CPU cache */
	KML_BUDDY_PCP_MISS,	/* order-0 allocations that went to the lists */
	KML_BUDDY_BAD_FREE,	/* frees refused (see kml_buddy_free()) */
	KML_BUDDY_STAT_NR,
};

extern const char * const kml_buddy_stat_names[KML_BUDDY_STAT_NR];

/**
 * kml_buddy_create() - build a buddy over a new pool
 * @pool_bytes: pool size; rounded up to a multiple of the order
 *              KML_MAX_ORDER block (4 MiB)
 * @pcp: put a per-CPU order-0 cache in front
 * @inst_id: id passed to the trace hooks
 *
 * Return: the buddy, or NULL when the pool or metadata can't be had.
 */
struct kml_buddy *kml_buddy_create(u64 pool_bytes, bool pcp, u32 inst_id);

/**
 * kml_buddy_check_pool() - refuse a pool= the buddy would round up
 * @pool_bytes: the pool= given (0: the default, always accepted)
 * @why: the reason, naming the whole-block pool to give instead
 *
 * The pool is made of order-KML_MAX_ORDER blocks (4 MiB), so a pool that
 * is not a multiple of one would silently grow: refuse it, don't clip.
 *
 * Return: 0, or -EINVAL with one sentence in @why.
 */
int kml_buddy_check_pool(u64 pool_bytes, struct kml_out *why);

/**
 * kml_buddy_destroy() - give the whole pool back, allocated blocks included
 * @b: the buddy, or NULL
 */
void kml_buddy_destroy(struct kml_buddy *b);

/**
 * kml_buddy_alloc() - allocate a block of 2^@order pages
 * @b: the buddy
 * @order: 0..KML_MAX_ORDER
 *
 * Return: the block's address (aligned to its size within the pool), or
 * NULL.
 */
void *kml_buddy_alloc(struct kml_buddy *b, unsigned int order);

/**
 * kml_buddy_free() - return a block
 * @b: the buddy
 * @addr: what kml_buddy_alloc() returned
 * @order: the order it was allocated at
 *
 * Return: 0, or -EINVAL when the free is refused (counted in
 * KML_BUDDY_BAD_FREE; nothing changes).
 */
int kml_buddy_free(struct kml_buddy *b, void *addr, unsigned int order);

/**
 * kml_buddy_drain() - give the per-CPU cached pages back to the free lists
 * @b: the buddy
 *
 * Drains every CPU's cache. The caches are lockless, so no other thread
 * may allocate from or free to @b meanwhile (the kernel sends the drain to
 * each CPU instead; the platform has no such primitive). Use
 * kml_buddy_drain_local() while others may be running.
 */
void kml_buddy_drain(struct kml_buddy *b);

/**
 * kml_buddy_drain_local() - drain the calling CPU's cache only
 * @b: the buddy
 *
 * Safe at any time. The slow path calls it before failing an allocation.
 */
void kml_buddy_drain_local(struct kml_buddy *b);

/**
 * kml_buddy_nr_free() - free blocks of one order (a /proc/buddyinfo column)
 * @b: the buddy
 * @order: 0..KML_MAX_ORDER
 *
 * Return: the count; pages in per-CPU caches are not on the lists and do
 * not count, as in the kernel.
 */
unsigned long kml_buddy_nr_free(const struct kml_buddy *b, unsigned int order);

/* kml_buddy_pool_pages() - pages in the pool. */
unsigned long kml_buddy_pool_pages(const struct kml_buddy *b);

/**
 * kml_buddy_stat() - read one counter
 * @b: the buddy
 * @item: the counter
 *
 * Return: its value.
 */
u64 kml_buddy_stat(const struct kml_buddy *b, enum kml_buddy_stat item);

/**
 * kml_buddy_owns() - tell whether @addr lies in the pool
 * @b: the buddy
 * @addr: any address
 *
 * Return: true when it does.
 */
bool kml_buddy_owns(const struct kml_buddy *b, const void *addr);

/**
 * kml_buddy_validate() - walk every invariant
 * @b: the buddy
 *
 * Return: the number of violations found (0 when healthy).
 */
unsigned int kml_buddy_validate(struct kml_buddy *b);

/* --- introspection, for tests and views -------------------------------- */

/**
 * kml_buddy_size_order() - the smallest order whose block holds @size bytes
 * @size: bytes
 *
 * Return: 0..KML_MAX_ORDER, or KML_NR_ORDERS when @size is 0 or larger
 * than an order-KML_MAX_ORDER block.
 */
unsigned int kml_buddy_size_order(size_t size);

/**
 * kml_buddy_page_index() - the page index of an address in the pool
 * @b: the buddy
 * @addr: the start of a page
 *
 * Page indices number the pool's pages in address order, chunk by chunk
 * (chunk * 2^KML_MAX_ORDER + page within the chunk); buddies are found by
 * XOR on them.
 *
 * Return: the index, or KML_BUDDY_NO_PAGE when @addr is outside the pool
 * or not page aligned.
 */
unsigned long kml_buddy_page_index(const struct kml_buddy *b,
				   const void *addr);

/**
 * kml_buddy_page_addr() - the address of a page index
 * @b: the buddy
 * @idx: a page index
 *
 * Return: the page's address, or NULL when @idx is outside the pool.
 */
void *kml_buddy_page_addr(const struct kml_buddy *b, unsigned long idx);

/**
 * kml_buddy_free_list() - read one order's free list, head first
 * @b: the buddy
 * @order: 0..KML_MAX_ORDER
 * @idx: receives the page index of each free block's head
 * @max: room in @idx
 *
 * Return: the list's length (may exceed @max; only @max are stored).
 */
unsigned int kml_buddy_free_list(struct kml_buddy *b, unsigned int order,
				 unsigned long *idx, unsigned int max);

/**
 * kml_buddy_pcp_count() - pages in one CPU's cache
 * @b: the buddy
 * @cpu: a CPU id as kml_cpu_get() returns
 *
 * Return: the count; 0 without a cache.
 */
unsigned int kml_buddy_pcp_count(const struct kml_buddy *b, unsigned int cpu);

/**
 * kml_buddy_pcp_high() - the cache size at which a batch is drained
 * @b: the buddy
 *
 * Return: high, or 0 without a cache.
 */
unsigned int kml_buddy_pcp_high(const struct kml_buddy *b);

/**
 * kml_buddy_pcp_batch() - pages moved per cache refill or drain
 * @b: the buddy
 *
 * Return: batch, or 0 without a cache.
 */
unsigned int kml_buddy_pcp_batch(const struct kml_buddy *b);

#endif /* KML_BUDDY_H */
