// SPDX-License-Identifier: GPL-2.0
/*
 * kmemlab's buddy allocator: a pool of pages taken from the page source in
 * order-KML_MAX_ORDER chunks, handed out as naturally aligned blocks of
 * 2^order pages, with a per-CPU cache of order-0 pages in front, in the
 * shape of the kernel's mm/page_alloc.c. The "buddy" backend is at the end.
 */

/*
 * Theory of operation
 * ===================
 *
 * Vocabulary
 *
 *   pool	the pages we manage: nr_chunks chunks of 2^KML_MAX_ORDER pages
 *		(4 MiB), each naturally aligned but not adjacent to the others.
 *   page index	a page's number in the pool: chunk * 1024 + page within
 *		the chunk. Chunks are numbered in address order, so a sorted
 *		chunk table maps index -> address (arithmetic) and address ->
 *		index (binary search; there are few chunks).
 *   block	2^order pages starting at an index that is a multiple of
 *		2^order (the kernel's "page of order n"). Its first page is
 *		the head, the others are tails.
 *   buddy	the other half of the order+1 block a block belongs to:
 *		buddy = idx ^ (1 << order). A block and its buddy never straddle
 *		two chunks, because no block is larger than a chunk; that is
 *		why the chunks need not be contiguous.
 *   page byte	one byte of metadata per page (pg[]): the page's kind (tail,
 *		free head, allocated head, in a per-CPU cache) and, for heads,
 *		the block's order. It is the only per-page metadata; it plays
 *		the role of PageBuddy() and page_private() in struct page.
 *   free list	one per order; a free block's list node (struct
 *		kml_buddy_block) lives in the free block's own first bytes, as
 *		the kernel links free pages through their struct page lru.
 *		The node also records the block's page index, so popping a
 *		block needs no search (validation checks it against the
 *		address).
 *   pcp	a per-CPU list of order-0 pages in front of the lists (the
 *		kernel's per_cpu_pages): count, high and batch as there;
 *		high = 6 * batch (the kernel's pageset default before 5.14),
 *		capped so that the caches together hold at most a quarter of
 *		the pool.
 *
 * Metadata outside the pool: the page bytes (one per page), the chunk
 * table (one pointer per 1024 pages), the list heads and counters, and one
 * padded pcp slot per CPU.
 *
 * Invariants (kml_buddy_validate() checks every one)
 *
 *   1. The page bytes tile the pool: walking from index 0, every block
 *	head of order o is aligned to 2^o, lies inside one chunk and is
 *	followed by exactly 2^o - 1 tail bytes.
 *   2. A block is on free list o iff its head byte is FREE|o, and the
 *	lists' lengths equal nr_free[o] (the /proc/buddyinfo row).
 *   3. No two free blocks of the same order are buddies: every free
 *	would have merged them (coalescing is eager, as in
 *	__free_one_page()).
 *   4. A page is on a CPU's pcp list iff its byte is PCP (order 0), and
 *	each list's length is that CPU's count, count <= high.
 *   5. Accounting: pages_out (pages off the free lists) equals allocated
 *	pages plus pcp pages, and allocations minus frees equals the number
 *	of allocated blocks.
 *
 * Lock order
 *
 *   kml_cpu_get() (pins the CPU) -> b->lock (the "zone lock"). The zone
 *   lock protects the free lists, nr_free[], pages_out, the global
 *   counters and every page byte that is not in a pcp list or allocated.
 *   A pcp list, its count and its counters belong to the pinned CPU and
 *   take no lock. kml_buddy_drain(), kml_buddy_validate() and
 *   kml_buddy_destroy() touch every CPU's list: callers make sure nobody
 *   else is allocating from the buddy then (the kernel sends the drain to
 *   each CPU instead; our platform has no such primitive).
 *
 * Fast and slow tiers
 *
 *   fast	order 0 with the pcp on: pop the head of this CPU's list or
 *		push a freed page on it. No lock, no atomics; the page byte
 *		flips between PCP and ALLOC (a byte no other CPU writes then;
 *		another CPU's merge may read it meanwhile, and either value
 *		means "not a free buddy", so those accesses are marked with
 *		READ_ONCE()/WRITE_ONCE() and the race is benign).
 *   slow	everything else, under the zone lock: __rmqueue_smallest()
 *		with expand() (take the smallest fitting block, split it,
 *		put the upper halves back), __free_one_page() (merge with the
 *		buddy while it is free and of the same order), and the pcp
 *		refill (rmqueue_bulk(): batch pages to the list tail) and
 *		drain (free_pcppages_bulk(): batch pages from the tail,
 *		the coldest) when a list is empty or reaches high.
 *   Pages on a pcp list are neither free (not counted in nr_free[], as in
 *   the kernel's buddyinfo) nor allocated.
 *
 * Counters: slow-path events go to b->stat under the zone lock, fast-path
 * events to the pinned CPU's pcp->stat; kml_buddy_stat() adds them up
 * (exact when the buddy is quiescent). PCP_HIT and PCP_MISS are counted
 * only while the cache is on.
 *
 * Bad frees (outside the pool, not page aligned, a tail page, a free
 * block, a pcp page, a wrong order) are recognised from the page byte
 * alone, counted in KML_BUDDY_BAD_FREE and refused with -EINVAL before
 * anything changes.
 *
 * Free memory is poisoned (kml_poison(): AddressSanitizer in userspace, a
 * no-op in the kernel) except for the list node at the head of each free
 * block and pcp page, so that a use after free shows in the simulator.
 *
 * Trace hooks: alloc/free when a block goes to or comes back from a
 * caller; split with the block being split and its order; merge with the
 * merged block and its new order.
 */
#include "buddy.h"
#include "list.h"
#include "metrics.h"
#include "ops.h"

#define KML_BUDDY_CHUNK_BYTES	(KML_PAGE_SIZE << KML_MAX_ORDER)
#define KML_BUDDY_CHUNK_PAGES	(KML_BUDDY_CHUNK_BYTES >> KML_PAGE_SHIFT)

/* Page bytes: kind in bits 4-5, order of a head in bits 0-3. */
#define KML_PG_TAIL		0x00	/* inside a block, not its head */
#define KML_PG_FREE		0x10	/* head of a block on a free list */
#define KML_PG_ALLOC		0x20	/* head of a block handed out */
#define KML_PG_PCP		0x30	/* order-0 page on a pcp list */
#define KML_PG_KIND		0x30
#define KML_PG_ORDER		0x0f

/* pcp sizing (see the theory): high = 6 * batch before the cap. */
#define KML_BUDDY_PCP_BATCH	8
#define KML_BUDDY_PCP_HIGH	(6 * KML_BUDDY_PCP_BATCH)

const char * const kml_buddy_stat_names[] = {
	[KML_BUDDY_ALLOC]	= "alloc",
	[KML_BUDDY_FREE]	= "free",
	[KML_BUDDY_FAIL]	= "fail",
	[KML_BUDDY_SPLIT]	= "split",
	[KML_BUDDY_MERGE]	= "merge",
	[KML_BUDDY_PCP_HIT]	= "pcp_hit",
	[KML_BUDDY_PCP_MISS]	= "pcp_miss",
	[KML_BUDDY_BAD_FREE]	= "bad_free",
};

static_assert(ARRAY_SIZE(kml_buddy_stat_names) == KML_BUDDY_STAT_NR,
	      "kml_buddy_stat_names must name every enum kml_buddy_stat");

/* Written into the first bytes of every free block and every pcp page. */
struct kml_buddy_block {
	struct kml_list node;		/* on a free list or a pcp list */
	unsigned long idx;		/* the block's page index */
};

/* One CPU's cache, padded so that two CPUs never share a cache line. */
struct kml_buddy_pcp {
	struct kml_list list;		/* order-0 pages, hottest first */
	unsigned int count;		/* pages on @list */
	u64 stat[KML_BUDDY_STAT_NR];	/* fast-path events of this CPU */
};

union kml_buddy_pcp_slot {
	struct kml_buddy_pcp pcp;
	char pad[192];
};

static_assert(sizeof(struct kml_buddy_pcp) + 64 <=
	      sizeof(union kml_buddy_pcp_slot),
	      "a pcp slot must keep a cache line between two CPUs' data");

struct kml_buddy {
	/* properties, fixed at create */
	u32 inst_id;				/* for the trace hooks */
	bool pcp_on;				/* per-CPU cache in front */
	unsigned int nr_chunks;			/* chunks in the pool */
	unsigned long nr_pages;			/* pages in the pool */
	void **chunk;				/* chunk addresses, ascending */
	u8 *pg;					/* page bytes, one per page */

	/* the zone: this group under @lock */
	struct kml_lock lock;			/* the "zone lock" */
	struct kml_list free_list[KML_NR_ORDERS]; /* free blocks by order */
	unsigned long nr_free[KML_NR_ORDERS];	/* list lengths */
	unsigned long pages_out;		/* allocated + pcp pages */
	unsigned long peak_out;			/* peak of @pages_out */
	u64 stat[KML_BUDDY_STAT_NR];		/* slow-path events */

	/* per-CPU caches */
	unsigned int nr_cpus;			/* slots in @pcp */
	unsigned int pcp_high;			/* drain when count reaches */
	unsigned int pcp_batch;			/* pages per refill/drain */
	union kml_buddy_pcp_slot *pcp;		/* [nr_cpus], or NULL */
};

/* --- page index math ------------------------------------------------------ */

static inline struct kml_buddy_block *
kml_buddy_block_at(const struct kml_buddy *b, unsigned long idx)
{
	char *chunk = b->chunk[idx >> KML_MAX_ORDER];

	return (struct kml_buddy_block *)
		(chunk + ((idx & (KML_BUDDY_CHUNK_PAGES - 1)) << KML_PAGE_SHIFT));
}

/* Binary search of the chunk holding @addr; nr_chunks when none does. */
static unsigned int kml_buddy_find_chunk(const struct kml_buddy *b,
					 unsigned long addr)
{
	unsigned int lo = 0, hi = b->nr_chunks;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		unsigned long base = (unsigned long)b->chunk[mid];

		if (addr < base)
			hi = mid;
		else if (addr - base >= KML_BUDDY_CHUNK_BYTES)
			lo = mid + 1;
		else
			return mid;
	}
	return b->nr_chunks;
}

/* The index of the page starting at @addr, or KML_BUDDY_NO_PAGE. */
static unsigned long kml_buddy_addr_to_idx(const struct kml_buddy *b,
					   const void *addr)
{
	unsigned long a = (unsigned long)addr, off;
	unsigned int c = kml_buddy_find_chunk(b, a);

	if (c == b->nr_chunks)
		return KML_BUDDY_NO_PAGE;
	off = a - (unsigned long)b->chunk[c];
	if (off & (KML_PAGE_SIZE - 1))
		return KML_BUDDY_NO_PAGE;
	return ((unsigned long)c << KML_MAX_ORDER) + (off >> KML_PAGE_SHIFT);
}

/*
 * The buddy of the block at @idx of @order, as __find_buddy_pfn(): the two
 * halves of an order+1 block differ only in bit @order of their index.
 * Example: idx 12 (0b1100) at order 2 has buddy 12 ^ 4 = 8 (0b1000); the
 * pair forms the order-3 block at 12 & 8 = 8. At order 3, 8 ^ 8 = 0.
 */
static inline unsigned long kml_buddy_find_buddy_idx(unsigned long idx,
						     unsigned int order)
{
	/* LAB buddy.find_buddy: begin */
	return idx ^ (1UL << order);
	/* LAB buddy.find_buddy: end */
}

/*
 * As page_is_buddy(): the block at @buddy can merge with ours only when it
 * is a free head of exactly @order; a free block of another order, a tail,
 * an allocated block or a pcp page cannot.
 */
static inline bool kml_buddy_page_is_buddy(const struct kml_buddy *b,
					   unsigned long buddy,
					   unsigned int order)
{
	return READ_ONCE(b->pg[buddy]) == (KML_PG_FREE | order);
}

/* --- free-list bookkeeping (zone lock held) ------------------------------ */

static void kml_buddy_add_free_locked(struct kml_buddy *b, unsigned long idx,
				      unsigned int order)
{
	struct kml_buddy_block *blk = kml_buddy_block_at(b, idx);

	kml_lock_assert_held(&b->lock);
	kml_unpoison(blk, sizeof(*blk));
	blk->idx = idx;
	kml_list_add(&blk->node, &b->free_list[order]);
	b->pg[idx] = KML_PG_FREE | order;
	b->nr_free[order]++;
}

/* Unlink a free block; the caller gives its head byte a new meaning. */
static void kml_buddy_del_free_locked(struct kml_buddy *b, unsigned long idx,
				      unsigned int order)
{
	kml_lock_assert_held(&b->lock);
	kml_list_del(&kml_buddy_block_at(b, idx)->node);
	b->nr_free[order]--;
}

static inline void kml_buddy_out_locked(struct kml_buddy *b, long pages)
{
	kml_lock_assert_held(&b->lock);
	b->pages_out += pages;
	if (b->pages_out > b->peak_out)
		b->peak_out = b->pages_out;
}

/*
 * As expand(): the block at @idx of order @high serves a request of order
 * @low; split it, keeping the lower half and freeing the upper halves.
 */
static void kml_buddy_expand_locked(struct kml_buddy *b, unsigned long idx,
				    unsigned int low, unsigned int high)
{
	kml_lock_assert_held(&b->lock);
	/* LAB buddy.expand: begin */
	while (high > low) {
		kml_trace_buddy_split(b->inst_id,
				      (unsigned long)kml_buddy_block_at(b, idx),
				      high);
		b->stat[KML_BUDDY_SPLIT]++;
		high--;
		kml_buddy_add_free_locked(b, idx + (1UL << high), high);
	}
	/* LAB buddy.expand: end */
}

/*
 * As __rmqueue_smallest(): the first block of the smallest order >= @order
 * that has one, split down to @order. The head byte is the caller's to set.
 *
 * Return: the block's index, or KML_BUDDY_NO_PAGE. No lock assertion here:
 * the whole body is a lab region; both callers take the lock just before.
 */
static unsigned long kml_buddy_rmqueue_locked(struct kml_buddy *b,
					      unsigned int order)
{
	/* LAB buddy.rmqueue: begin */
	unsigned int cur;

	for (cur = order; cur <= KML_MAX_ORDER; cur++) {
		struct kml_buddy_block *blk;
		struct kml_list *first = kml_list_first(&b->free_list[cur]);
		unsigned long idx;

		if (!first)
			continue;
		blk = kml_list_entry(first, struct kml_buddy_block, node);
		idx = blk->idx;
		kml_buddy_del_free_locked(b, idx, cur);
		kml_buddy_expand_locked(b, idx, order, cur);
		return idx;
	}
	return KML_BUDDY_NO_PAGE;
	/* LAB buddy.rmqueue: end */
}

/*
 * As __free_one_page(): put the block at @idx of @order back, merging it
 * with its buddy for as long as the buddy is a free block of the same
 * order. The block's head byte may hold anything on entry.
 */
static void kml_buddy_free_one_locked(struct kml_buddy *b, unsigned long idx,
				      unsigned int order)
{
	kml_lock_assert_held(&b->lock);
	/* LAB buddy.merge: begin */
	kml_poison(kml_buddy_block_at(b, idx), KML_PAGE_SIZE << order);
	b->pg[idx] = KML_PG_TAIL;
	while (order < KML_MAX_ORDER) {
		unsigned long buddy = kml_buddy_find_buddy_idx(idx, order);

		if (!kml_buddy_page_is_buddy(b, buddy, order))
			break;
		kml_buddy_del_free_locked(b, buddy, order);
		kml_poison(kml_buddy_block_at(b, buddy),
			   sizeof(struct kml_buddy_block));
		b->pg[buddy] = KML_PG_TAIL;
		idx &= buddy;		/* the lower of the two heads */
		order++;
		b->stat[KML_BUDDY_MERGE]++;
		kml_trace_buddy_merge(b->inst_id,
				      (unsigned long)kml_buddy_block_at(b, idx),
				      order);
	}
	kml_buddy_add_free_locked(b, idx, order);
	/* LAB buddy.merge: end */
}

/*
 * Whether freeing @addr at @order is legitimate: the start of a block that
 * is allocated at exactly that order. Everything else is a bad free.
 *
 * Return: the block's index, or KML_BUDDY_NO_PAGE.
 */
static unsigned long kml_buddy_check_free(const struct kml_buddy *b,
					  const void *addr, unsigned int order)
{
	unsigned long idx;

	if (order > KML_MAX_ORDER)
		return KML_BUDDY_NO_PAGE;
	idx = kml_buddy_addr_to_idx(b, addr);
	if (idx == KML_BUDDY_NO_PAGE)
		return KML_BUDDY_NO_PAGE;
	if (READ_ONCE(b->pg[idx]) != (KML_PG_ALLOC | order))
		return KML_BUDDY_NO_PAGE;
	return idx;
}

/* --- per-CPU cache ----------------------------------------------------- */

/* As rmqueue_bulk(): move up to a batch of order-0 pages to @pcp's tail. */
static void kml_buddy_pcp_refill_locked(struct kml_buddy *b,
					struct kml_buddy_pcp *pcp)
{
	unsigned int i;

	kml_lock_assert_held(&b->lock);
	for (i = 0; i < b->pcp_batch; i++) {
		unsigned long idx = kml_buddy_rmqueue_locked(b, 0);
		struct kml_buddy_block *blk;

		if (idx == KML_BUDDY_NO_PAGE)
			break;
		blk = kml_buddy_block_at(b, idx);
		blk->idx = idx;
		WRITE_ONCE(b->pg[idx], KML_PG_PCP);
		kml_list_add_tail(&blk->node, &pcp->list);
		WRITE_ONCE(pcp->count, pcp->count + 1);
		kml_buddy_out_locked(b, 1);
	}
}

/* As free_pcppages_bulk(): give up to @nr of the coldest pages back. */
static void kml_buddy_pcp_free_locked(struct kml_buddy *b,
				      struct kml_buddy_pcp *pcp,
				      unsigned int nr)
{
	kml_lock_assert_held(&b->lock);
	while (nr-- && !kml_list_empty(&pcp->list)) {
		struct kml_buddy_block *blk;

		blk = kml_list_entry(pcp->list.prev, struct kml_buddy_block,
				     node);
		kml_list_del(&blk->node);
		WRITE_ONCE(pcp->count, pcp->count - 1);
		b->pages_out--;
		kml_buddy_free_one_locked(b, blk->idx, 0);
	}
}

/* This CPU's cache, or NULL when the slot has none (pcp off, a late CPU). */
static inline struct kml_buddy_pcp *
kml_buddy_this_pcp(struct kml_buddy *b, unsigned int cpu)
{
	if (!b->pcp || cpu >= b->nr_cpus)
		return NULL;
	return &b->pcp[cpu].pcp;
}

static void kml_buddy_drain_cpu(struct kml_buddy *b, unsigned int cpu)
{
	struct kml_buddy_pcp *pcp = kml_buddy_this_pcp(b, cpu);

	if (!pcp)
		return;
	kml_lock_acquire(&b->lock);
	kml_buddy_pcp_free_locked(b, pcp, pcp->count);
	kml_lock_release(&b->lock);
}

void kml_buddy_drain_local(struct kml_buddy *b)
{
	kml_buddy_drain_cpu(b, kml_cpu_get());
	kml_cpu_put();
}

void kml_buddy_drain(struct kml_buddy *b)
{
	unsigned int cpu;

	for (cpu = 0; cpu < b->nr_cpus; cpu++)
		kml_buddy_drain_cpu(b, cpu);
}

/* --- allocation and free ------------------------------------------------ */

static void *kml_buddy_alloc_slow(struct kml_buddy *b, unsigned int order)
{
	unsigned long idx = KML_BUDDY_NO_PAGE;
	bool retried = false;
	void *addr;

	if (order > KML_MAX_ORDER)
		goto fail;
retry:
	kml_lock_acquire(&b->lock);
	idx = kml_buddy_rmqueue_locked(b, order);
	if (idx == KML_BUDDY_NO_PAGE) {
		kml_lock_release(&b->lock);
		/* Our own cached pages may complete a larger block. */
		if (b->pcp_on && !retried) {
			retried = true;
			kml_buddy_drain_local(b);
			goto retry;
		}
		goto fail;
	}
	b->pg[idx] = KML_PG_ALLOC | order;
	kml_buddy_out_locked(b, 1L << order);
	b->stat[KML_BUDDY_ALLOC]++;
	kml_lock_release(&b->lock);
	addr = kml_buddy_block_at(b, idx);
	kml_unpoison(addr, KML_PAGE_SIZE << order);
	kml_trace_buddy_alloc(b->inst_id, (unsigned long)addr, order);
	return addr;

fail:
	kml_lock_acquire(&b->lock);
	b->stat[KML_BUDDY_FAIL]++;
	kml_lock_release(&b->lock);
	return NULL;
}

static void *kml_buddy_alloc_pcp(struct kml_buddy *b)
{
	unsigned int cpu = kml_cpu_get();
	struct kml_buddy_pcp *pcp = kml_buddy_this_pcp(b, cpu);
	struct kml_buddy_block *blk;

	if (unlikely(!pcp)) {
		kml_cpu_put();
		return kml_buddy_alloc_slow(b, 0);
	}
	if (kml_list_empty(&pcp->list)) {
		kml_lock_acquire(&b->lock);
		b->stat[KML_BUDDY_PCP_MISS]++;
		kml_buddy_pcp_refill_locked(b, pcp);
		if (kml_list_empty(&pcp->list)) {
			b->stat[KML_BUDDY_FAIL]++;
			kml_lock_release(&b->lock);
			kml_cpu_put();
			return NULL;
		}
		kml_lock_release(&b->lock);
	} else {
		pcp->stat[KML_BUDDY_PCP_HIT]++;
	}
	blk = kml_list_entry(kml_list_first(&pcp->list),
			     struct kml_buddy_block, node);
	kml_list_del(&blk->node);
	WRITE_ONCE(pcp->count, pcp->count - 1);
	WRITE_ONCE(b->pg[blk->idx], KML_PG_ALLOC);
	pcp->stat[KML_BUDDY_ALLOC]++;
	kml_cpu_put();
	kml_unpoison(blk, KML_PAGE_SIZE);
	kml_trace_buddy_alloc(b->inst_id, (unsigned long)blk, 0);
	return blk;
}

void *kml_buddy_alloc(struct kml_buddy *b, unsigned int order)
{
	if (order == 0 && b->pcp_on)
		return kml_buddy_alloc_pcp(b);
	return kml_buddy_alloc_slow(b, order);
}

static int kml_buddy_free_slow(struct kml_buddy *b, void *addr,
			       unsigned int order)
{
	unsigned long idx;

	kml_lock_acquire(&b->lock);
	idx = kml_buddy_check_free(b, addr, order);
	if (idx == KML_BUDDY_NO_PAGE) {
		b->stat[KML_BUDDY_BAD_FREE]++;
		kml_lock_release(&b->lock);
		return -EINVAL;
	}
	b->stat[KML_BUDDY_FREE]++;
	b->pages_out -= 1UL << order;
	kml_buddy_free_one_locked(b, idx, order);
	kml_lock_release(&b->lock);
	kml_trace_buddy_free(b->inst_id, (unsigned long)addr, order);
	return 0;
}

static int kml_buddy_free_pcp(struct kml_buddy *b, void *addr)
{
	unsigned int cpu = kml_cpu_get();
	struct kml_buddy_pcp *pcp = kml_buddy_this_pcp(b, cpu);
	struct kml_buddy_block *blk = addr;
	unsigned long idx;

	if (unlikely(!pcp)) {
		kml_cpu_put();
		return kml_buddy_free_slow(b, addr, 0);
	}
	idx = kml_buddy_check_free(b, addr, 0);
	if (idx == KML_BUDDY_NO_PAGE) {
		pcp->stat[KML_BUDDY_BAD_FREE]++;
		kml_cpu_put();
		return -EINVAL;
	}
	WRITE_ONCE(b->pg[idx], KML_PG_PCP);
	/* Only the list node stays writable, as on the free lists. */
	kml_poison(blk, KML_PAGE_SIZE);
	kml_unpoison(blk, sizeof(*blk));
	blk->idx = idx;
	kml_list_add(&blk->node, &pcp->list);
	WRITE_ONCE(pcp->count, pcp->count + 1);
	pcp->stat[KML_BUDDY_FREE]++;
	if (pcp->count >= b->pcp_high) {
		kml_lock_acquire(&b->lock);
		kml_buddy_pcp_free_locked(b, pcp, b->pcp_batch);
		kml_lock_release(&b->lock);
	}
	kml_cpu_put();
	kml_trace_buddy_free(b->inst_id, (unsigned long)addr, 0);
	return 0;
}

int kml_buddy_free(struct kml_buddy *b, void *addr, unsigned int order)
{
	if (order == 0 && b->pcp_on)
		return kml_buddy_free_pcp(b, addr);
	return kml_buddy_free_slow(b, addr, order);
}

/* --- create and destroy ------------------------------------------------- */

static void kml_buddy_free_meta(struct kml_buddy *b)
{
	kml_free(b->pcp);
	kml_free(b->pg);
	kml_free(b->chunk);
	kml_free(b);
}

struct kml_buddy *kml_buddy_create(u64 pool_bytes, bool pcp, u32 inst_id)
{
	struct kml_buddy *b;
	unsigned int i, j, o, nr_chunks, high;
	u64 chunks;

	chunks = (pool_bytes + KML_BUDDY_CHUNK_BYTES - 1) /
		 KML_BUDDY_CHUNK_BYTES;
	if (!pool_bytes || chunks > KML_BUDDY_MAX_CHUNKS)
		return NULL;
	nr_chunks = (unsigned int)chunks;

	b = kml_zalloc(sizeof(*b));
	if (!b)
		return NULL;
	b->inst_id = inst_id;
	b->pcp_on = pcp;
	b->nr_chunks = nr_chunks;
	b->nr_pages = (unsigned long)nr_chunks << KML_MAX_ORDER;
	b->chunk = kml_zalloc(nr_chunks * sizeof(*b->chunk));
	b->pg = kml_zalloc(b->nr_pages);
	if (pcp) {
		b->nr_cpus = kml_nr_cpus();
		b->pcp = kml_zalloc(b->nr_cpus * sizeof(*b->pcp));
	}
	if (!b->chunk || !b->pg || (pcp && !b->pcp))
		goto out_free_meta;

	for (i = 0; i < nr_chunks; i++) {
		b->chunk[i] = kml_pages_alloc(KML_MAX_ORDER);
		if (!b->chunk[i])
			goto out_free_chunks;
	}
	/* Insertion sort: chunk numbers follow addresses (see the theory). */
	for (i = 1; i < nr_chunks; i++) {
		void *c = b->chunk[i];

		for (j = i; j > 0 && (unsigned long)b->chunk[j - 1] >
				     (unsigned long)c; j--)
			b->chunk[j] = b->chunk[j - 1];
		b->chunk[j] = c;
	}

	/*
	 * pcp sizing: the kernel's 6 * batch, but never more than a quarter
	 * of the pool parked in caches, so that high orders stay possible.
	 */
	high = KML_BUDDY_PCP_HIGH;
	if (b->nr_cpus && high > b->nr_pages / 4 / b->nr_cpus)
		high = b->nr_pages / 4 / b->nr_cpus;
	b->pcp_high = high ? high : 1;
	b->pcp_batch = b->pcp_high > KML_BUDDY_PCP_BATCH ?
		       KML_BUDDY_PCP_BATCH : b->pcp_high;
	for (i = 0; i < b->nr_cpus; i++)
		kml_list_init(&b->pcp[i].pcp.list);

	kml_lock_init(&b->lock);
	for (o = 0; o <= KML_MAX_ORDER; o++)
		kml_list_init(&b->free_list[o]);
	/*
	 * Last chunk first, so that the list reads in address order. No one
	 * else sees @b yet; the lock is taken for the helpers' assertion.
	 */
	kml_lock_acquire(&b->lock);
	for (i = nr_chunks; i-- > 0;) {
		kml_poison(b->chunk[i], KML_BUDDY_CHUNK_BYTES);
		kml_buddy_add_free_locked(b, (unsigned long)i << KML_MAX_ORDER,
					  KML_MAX_ORDER);
	}
	kml_lock_release(&b->lock);
	return b;

out_free_chunks:
	while (i-- > 0)
		kml_pages_free(b->chunk[i], KML_MAX_ORDER);
out_free_meta:
	kml_buddy_free_meta(b);
	return NULL;
}

void kml_buddy_destroy(struct kml_buddy *b)
{
	unsigned int i;

	if (!b)
		return;
	for (i = 0; i < b->nr_chunks; i++)
		kml_pages_free(b->chunk[i], KML_MAX_ORDER);
	kml_lock_destroy(&b->lock);
	kml_buddy_free_meta(b);
}

/* --- reading ------------------------------------------------------------ */

unsigned long kml_buddy_nr_free(const struct kml_buddy *b, unsigned int order)
{
	if (order > KML_MAX_ORDER)
		return 0;
	return READ_ONCE(b->nr_free[order]);
}

unsigned long kml_buddy_pool_pages(const struct kml_buddy *b)
{
	return b->nr_pages;
}

u64 kml_buddy_stat(const struct kml_buddy *b, enum kml_buddy_stat item)
{
	unsigned int cpu;
	u64 sum;

	if ((unsigned int)item >= KML_BUDDY_STAT_NR)
		return 0;
	sum = READ_ONCE(b->stat[item]);
	for (cpu = 0; b->pcp && cpu < b->nr_cpus; cpu++)
		sum += READ_ONCE(b->pcp[cpu].pcp.stat[item]);
	return sum;
}

bool kml_buddy_owns(const struct kml_buddy *b, const void *addr)
{
	return kml_buddy_find_chunk(b, (unsigned long)addr) != b->nr_chunks;
}

unsigned long kml_buddy_page_index(const struct kml_buddy *b,
				   const void *addr)
{
	return kml_buddy_addr_to_idx(b, addr);
}

void *kml_buddy_page_addr(const struct kml_buddy *b, unsigned long idx)
{
	if (idx >= b->nr_pages)
		return NULL;
	return kml_buddy_block_at(b, idx);
}

unsigned int kml_buddy_free_list(struct kml_buddy *b, unsigned int order,
				 unsigned long *idx, unsigned int max)
{
	struct kml_list *pos;
	unsigned int n = 0;

	if (order > KML_MAX_ORDER)
		return 0;
	kml_lock_acquire(&b->lock);
	for (pos = kml_list_first(&b->free_list[order]); pos;
	     pos = kml_list_next(&b->free_list[order], pos)) {
		if (n < max)
			idx[n] = kml_list_entry(pos, struct kml_buddy_block,
						node)->idx;
		n++;
	}
	kml_lock_release(&b->lock);
	return n;
}

unsigned int kml_buddy_pcp_count(const struct kml_buddy *b, unsigned int cpu)
{
	if (!b->pcp || cpu >= b->nr_cpus)
		return 0;
	return READ_ONCE(b->pcp[cpu].pcp.count);
}

unsigned int kml_buddy_pcp_high(const struct kml_buddy *b)
{
	return b->pcp ? b->pcp_high : 0;
}

unsigned int kml_buddy_pcp_batch(const struct kml_buddy *b)
{
	return b->pcp ? b->pcp_batch : 0;
}

/* Pages on every pcp list (racy unless the buddy is quiescent). */
static unsigned long kml_buddy_pcp_pages(const struct kml_buddy *b)
{
	unsigned long n = 0;
	unsigned int cpu;

	for (cpu = 0; b->pcp && cpu < b->nr_cpus; cpu++)
		n += READ_ONCE(b->pcp[cpu].pcp.count);
	return n;
}

/* --- validation ---------------------------------------------------------- */

/* Invariant 1: the page bytes tile the pool. Fills the per-kind totals. */
static unsigned int kml_buddy_check_tiling(const struct kml_buddy *b,
					   unsigned long *free_blocks,
					   unsigned long *alloc_blocks,
					   unsigned long *alloc_pages,
					   unsigned long *pcp_pages)
{
	unsigned long i = 0, t, size;
	unsigned int bad = 0;

	while (i < b->nr_pages) {
		u8 kind = b->pg[i] & KML_PG_KIND;
		unsigned int order = b->pg[i] & KML_PG_ORDER;

		if (kind == KML_PG_TAIL || order > KML_MAX_ORDER ||
		    (kind == KML_PG_PCP && order)) {
			bad++;		/* a tail without a head */
			i++;
			continue;
		}
		size = 1UL << order;
		if (i & (size - 1)) {
			bad++;		/* misaligned head */
			i++;
			continue;
		}
		for (t = i + 1; t < i + size; t++)
			if (b->pg[t] != KML_PG_TAIL)
				bad++;
		if (kind == KML_PG_FREE) {
			free_blocks[order]++;
		} else if (kind == KML_PG_ALLOC) {
			(*alloc_blocks)++;
			*alloc_pages += size;
		} else {
			(*pcp_pages)++;
		}
		i += size;
	}
	return bad;
}

/* Invariants 2 and 3: the free lists agree with the page bytes. */
static unsigned int kml_buddy_check_lists(const struct kml_buddy *b,
					  const unsigned long *free_blocks)
{
	unsigned int o, bad = 0;

	for (o = 0; o <= KML_MAX_ORDER; o++) {
		const struct kml_list *pos;
		unsigned long n = 0;

		for (pos = kml_list_first(&b->free_list[o]); pos;
		     pos = kml_list_next(&b->free_list[o], pos)) {
			const struct kml_buddy_block *blk;
			unsigned long idx, buddy;

			if (++n > b->nr_pages) {
				bad++;	/* a cycle that misses the head */
				break;
			}
			blk = kml_list_entry(pos, struct kml_buddy_block, node);
			idx = kml_buddy_addr_to_idx(b, blk);
			if (idx == KML_BUDDY_NO_PAGE || idx != blk->idx ||
			    b->pg[idx] != (KML_PG_FREE | o)) {
				bad++;
				continue;
			}
			if (o == KML_MAX_ORDER)
				continue;
			buddy = kml_buddy_find_buddy_idx(idx, o);
			if (idx < buddy && kml_buddy_page_is_buddy(b, buddy, o))
				bad++;	/* a pair left unmerged */
		}
		if (n != b->nr_free[o] || n != free_blocks[o])
			bad++;
	}
	return bad;
}

/* Invariant 4: the pcp lists agree with the page bytes and their counts. */
static unsigned int kml_buddy_check_pcp(const struct kml_buddy *b,
					unsigned long pcp_pages)
{
	unsigned long total = 0;
	unsigned int cpu, bad = 0;

	for (cpu = 0; b->pcp && cpu < b->nr_cpus; cpu++) {
		const struct kml_buddy_pcp *pcp = &b->pcp[cpu].pcp;
		const struct kml_list *pos;
		unsigned long n = 0;

		for (pos = kml_list_first(&pcp->list); pos;
		     pos = kml_list_next(&pcp->list, pos)) {
			const struct kml_buddy_block *blk;
			unsigned long idx;

			if (++n > b->nr_pages) {
				bad++;
				break;
			}
			blk = kml_list_entry(pos, struct kml_buddy_block, node);
			idx = kml_buddy_addr_to_idx(b, blk);
			if (idx == KML_BUDDY_NO_PAGE || idx != blk->idx ||
			    b->pg[idx] != KML_PG_PCP)
				bad++;
		}
		if (n != pcp->count || pcp->count > b->pcp_high)
			bad++;
		total += n;
	}
	if (total != pcp_pages)
		bad++;
	return bad;
}

unsigned int kml_buddy_validate(struct kml_buddy *b)
{
	unsigned long free_blocks[KML_NR_ORDERS] = { 0 };
	unsigned long alloc_blocks = 0, alloc_pages = 0, pcp_pages = 0;
	unsigned int bad;
	u64 allocs, frees;

	kml_lock_acquire(&b->lock);
	bad = kml_buddy_check_tiling(b, free_blocks, &alloc_blocks,
				     &alloc_pages, &pcp_pages);
	bad += kml_buddy_check_lists(b, free_blocks);
	bad += kml_buddy_check_pcp(b, pcp_pages);
	/* Invariant 5: accounting. */
	if (b->pages_out != alloc_pages + pcp_pages)
		bad++;
	allocs = kml_buddy_stat(b, KML_BUDDY_ALLOC);
	frees = kml_buddy_stat(b, KML_BUDDY_FREE);
	if (allocs - frees != alloc_blocks)
		bad++;
	kml_lock_release(&b->lock);
	return bad;
}

/* --- the "buddy" backend --------------------------------------------------- */

#define KML_BUDDY_DEFAULT_POOL	(16ULL << 20)
#define KML_BUDDY_FLAGS		(KML_F_ZERO | KML_F_NO_PCP | KML_F_CHECK)

struct kml_buddy_inst {
	struct kml_buddy *b;		/* the allocator */
	bool zero;			/* KML_F_ZERO: zero on alloc */
};

/* The smallest order whose block holds @size; KML_NR_ORDERS when none. */
unsigned int kml_buddy_size_order(size_t size)
{
	unsigned int order = 0;

	if (!size || size > KML_BUDDY_CHUNK_BYTES)
		return KML_NR_ORDERS;
	while ((KML_PAGE_SIZE << order) < size)
		order++;
	return order;
}

int kml_buddy_check_pool(u64 pool_bytes, struct kml_out *why)
{
	u64 blocks = (pool_bytes + KML_BUDDY_CHUNK_BYTES - 1) /
		     KML_BUDDY_CHUNK_BYTES;

	if (pool_bytes % KML_BUDDY_CHUNK_BYTES == 0)
		return 0;
	kml_out_printf(why,
		       "pool=%llu: not a multiple of %llu (the buddy's pool is made of order-%d blocks of 4 MiB); give pool=%lluM",
		       (unsigned long long)pool_bytes,
		       (unsigned long long)KML_BUDDY_CHUNK_BYTES, KML_MAX_ORDER,
		       (unsigned long long)(blocks * 4));
	return -EINVAL;
}

static int kml_buddy_be_check(const struct kml_params *p, u32 given,
			      struct kml_out *why)
{
	return kml_buddy_check_pool(p->pool_bytes, why);
}

static int kml_buddy_be_create(const struct kml_params *p, u32 inst_id,
			       void **priv)
{
	u64 pool = p->pool_bytes ? p->pool_bytes : KML_BUDDY_DEFAULT_POOL;
	struct kml_buddy_inst *in;

	if (p->flags & ~KML_BUDDY_FLAGS)
		return -EINVAL;
	if (pool > (u64)KML_BUDDY_MAX_CHUNKS * KML_BUDDY_CHUNK_BYTES)
		return -E2BIG;
	in = kml_zalloc(sizeof(*in));
	if (!in)
		return -ENOMEM;
	in->zero = p->flags & KML_F_ZERO;
	in->b = kml_buddy_create(pool, !(p->flags & KML_F_NO_PCP), inst_id);
	if (!in->b) {
		kml_free(in);
		return -ENOMEM;
	}
	*priv = in;
	return 0;
}

static void kml_buddy_be_destroy(void *priv)
{
	struct kml_buddy_inst *in = priv;

	kml_buddy_destroy(in->b);
	kml_free(in);
}

static void *kml_buddy_be_alloc(void *priv, size_t size)
{
	struct kml_buddy_inst *in = priv;
	unsigned int order = kml_buddy_size_order(size);
	void *p;

	/* An impossible size reaches the core, which counts the failure. */
	p = kml_buddy_alloc(in->b, order);
	if (p && in->zero)
		memset(p, 0, KML_PAGE_SIZE << order);
	return p;
}

static int kml_buddy_be_free(void *priv, void *ptr, size_t size)
{
	struct kml_buddy_inst *in = priv;

	return kml_buddy_free(in->b, ptr, kml_buddy_size_order(size));
}

static size_t kml_buddy_be_usable(void *priv, size_t size)
{
	unsigned int order = kml_buddy_size_order(size);

	return order > KML_MAX_ORDER ? 0 : KML_PAGE_SIZE << order;
}

static size_t kml_buddy_be_max_size(void *priv)
{
	return KML_BUDDY_CHUNK_BYTES;
}

static void kml_buddy_be_stats(void *priv, struct kml_alloc_stats *st)
{
	struct kml_buddy *b = ((struct kml_buddy_inst *)priv)->b;
	unsigned long free_pages = 0, largest = 0, out, peak, cached;
	unsigned int o;

	kml_lock_acquire(&b->lock);
	for (o = 0; o <= KML_MAX_ORDER; o++) {
		free_pages += b->nr_free[o] << o;
		if (b->nr_free[o])
			largest = 1UL << o;
	}
	out = b->pages_out;
	peak = b->peak_out;
	kml_lock_release(&b->lock);
	cached = kml_buddy_pcp_pages(b);

	memset(st, 0, sizeof(*st));
	st->allocs = kml_buddy_stat(b, KML_BUDDY_ALLOC);
	st->frees = kml_buddy_stat(b, KML_BUDDY_FREE);
	st->failures = kml_buddy_stat(b, KML_BUDDY_FAIL);
	st->bad_frees = kml_buddy_stat(b, KML_BUDDY_BAD_FREE);
	st->bytes_allocated = (u64)(out > cached ? out - cached : 0)
			      << KML_PAGE_SHIFT;
	/* Pages parked in pcp lists count towards the peak (see docs). */
	st->peak_allocated = (u64)peak << KML_PAGE_SHIFT;
	/*
	 * Held: the pages off the free lists (handed out, or parked in the
	 * per-CPU cache), as alloc_pages' held is the pages the run took;
	 * the pool itself is the arena (docs/metrics.md, "held").
	 */
	st->bytes_held = (u64)out << KML_PAGE_SHIFT;
	st->peak_held = (u64)peak << KML_PAGE_SHIFT;
	st->largest_free = (u64)largest << KML_PAGE_SHIFT;
	st->total_free = (u64)free_pages << KML_PAGE_SHIFT;
	/* the pool is the arena: its free lists are all there is */
	st->arena = true;
	st->arena_free = st->total_free;
	st->arena_largest = st->largest_free;
}

/* Our pool's free lists, read under the lock (one consistent row). */
static int kml_buddy_be_free_area(void *priv, struct kml_free_area *fa)
{
	struct kml_buddy *b = ((struct kml_buddy_inst *)priv)->b;
	unsigned int o;

	memset(fa, 0, sizeof(*fa));
	kml_lock_acquire(&b->lock);
	for (o = 0; o <= KML_MAX_ORDER; o++)
		fa->nr_free[o] = b->nr_free[o];
	kml_lock_release(&b->lock);
	fa->pool_pages = kml_buddy_pool_pages(b);
	fa->shared = false;
	memcpy(fa->name, "kmemlab", sizeof("kmemlab"));
	return 0;
}

static unsigned int kml_buddy_be_validate(void *priv)
{
	return kml_buddy_validate(((struct kml_buddy_inst *)priv)->b);
}

static int kml_buddy_be_shrink(void *priv)
{
	kml_buddy_drain(((struct kml_buddy_inst *)priv)->b);
	return 0;
}

/* One buddyinfo snapshot, taken under the zone lock. */
static void kml_buddy_snapshot(struct kml_buddy *b, unsigned long *nr_free)
{
	unsigned int o;

	kml_lock_acquire(&b->lock);
	for (o = 0; o <= KML_MAX_ORDER; o++)
		nr_free[o] = b->nr_free[o];
	kml_lock_release(&b->lock);
}

/* The row prefix of frag_show_print() for node 0, zone "kmemlab". */
static void kml_buddy_show_prefix(struct kml_out *out)
{
	kml_out_printf(out, "Node %d, zone %8s ", 0, "kmemlab");
}

static void kml_buddy_show_buddyinfo(const unsigned long *nr_free,
				     struct kml_out *out)
{
	unsigned int o;

	kml_buddy_show_prefix(out);
	for (o = 0; o <= KML_MAX_ORDER; o++)
		kml_out_printf(out, "%6lu ", nr_free[o]);
	kml_out_printf(out, "\n");
}

/*
 * One debugfs extfrag file under its heading, printed with the kernel's
 * own expression ("%d.%03d " or "%2d.%03d ": @width 1 or 2, of index / 1000
 * and index % 1000) so the text matches byte for byte.
 */
static void kml_buddy_show_index(const unsigned long *nr_free,
				 const char *name, int width,
				 int (*index_of)(const unsigned long *nr_free,
						 unsigned int nr_orders,
						 unsigned int order),
				 struct kml_out *out)
{
	unsigned int o;
	int index;

	kml_out_printf(out, "%s:\n", name);
	kml_buddy_show_prefix(out);
	for (o = 0; o <= KML_MAX_ORDER; o++) {
		index = index_of(nr_free, KML_NR_ORDERS, o);
		kml_out_printf(out, "%*d.%03d ", width, index / 1000,
			       index % 1000);
	}
	kml_out_printf(out, "\n");
}

/* The two debugfs extfrag files. */
static void kml_buddy_show_frag(const unsigned long *nr_free,
				struct kml_out *out)
{
	kml_buddy_show_index(nr_free, "unusable_index", 1,
			     kml_metric_unusable_index, out);
	kml_buddy_show_index(nr_free, "extfrag_index", 2,
			     kml_metric_frag_index, out);
}

static void kml_buddy_show_stats(struct kml_buddy *b,
				 const unsigned long *nr_free,
				 struct kml_out *out)
{
	unsigned long free_pages = 0, cached = kml_buddy_pcp_pages(b);
	unsigned int i;

	for (i = 0; i < KML_BUDDY_STAT_NR; i++)
		kml_out_printf(out, "%s %llu\n", kml_buddy_stat_names[i],
			       (unsigned long long)kml_buddy_stat(b, i));
	for (i = 0; i <= KML_MAX_ORDER; i++)
		free_pages += nr_free[i] << i;
	kml_out_printf(out, "pool_pages %lu\n", b->nr_pages);
	kml_out_printf(out, "free_pages %lu\n", free_pages);
	kml_out_printf(out, "pcp_pages %lu\n", cached);
	kml_out_printf(out, "allocated_pages %lu\n",
		       b->nr_pages - free_pages - cached);
	kml_out_printf(out, "peak_out_pages %lu\n", READ_ONCE(b->peak_out));
	kml_out_printf(out, "pcp_high %u\n", kml_buddy_pcp_high(b));
	kml_out_printf(out, "pcp_batch %u\n", kml_buddy_pcp_batch(b));
	for (i = 0; i <= KML_MAX_ORDER; i++)
		kml_out_printf(out, "nr_free_%u %lu\n", i, nr_free[i]);
}

static int kml_buddy_be_show(void *priv, enum kml_view view,
			     struct kml_out *out)
{
	struct kml_buddy *b = ((struct kml_buddy_inst *)priv)->b;
	unsigned long nr_free[KML_NR_ORDERS];

	kml_buddy_snapshot(b, nr_free);
	switch (view) {
	case KML_VIEW_BUDDYINFO:
		kml_buddy_show_buddyinfo(nr_free, out);
		return 0;
	case KML_VIEW_FRAG:
		kml_buddy_show_frag(nr_free, out);
		return 0;
	case KML_VIEW_STATS:
		kml_buddy_show_stats(b, nr_free, out);
		return 0;
	default:
		return -ENOENT;
	}
}

static void kml_buddy_be_peak_reset(void *priv)
{
	struct kml_buddy *b = ((struct kml_buddy_inst *)priv)->b;

	kml_lock_acquire(&b->lock);
	b->peak_out = b->pages_out;
	kml_lock_release(&b->lock);
}

const struct kml_backend kml_backend_buddy = {
	.name		= "buddy",
	.desc		= "kmemlab buddy allocator, orders 0..10, per-CPU order-0 cache",
	.family		= KML_FAMILY_PAGE,
	.ours		= true,
	.keys		= KML_PKB(POOL) | KML_PKB(ZERO) | KML_PKB(PCP) |
			  KML_PKB(CHECK),
	.check		= kml_buddy_be_check,
	.create		= kml_buddy_be_create,
	.destroy	= kml_buddy_be_destroy,
	.alloc		= kml_buddy_be_alloc,
	.free		= kml_buddy_be_free,
	.usable		= kml_buddy_be_usable,
	.max_size	= kml_buddy_be_max_size,
	.stats		= kml_buddy_be_stats,
	.peak_reset	= kml_buddy_be_peak_reset,
	.free_area	= kml_buddy_be_free_area,
	.validate	= kml_buddy_be_validate,
	.show		= kml_buddy_be_show,
	.shrink		= kml_buddy_be_shrink,
};
