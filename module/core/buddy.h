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
 */
void kml_buddy_drain(struct kml_buddy *b);

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

#endif /* KML_BUDDY_H */
