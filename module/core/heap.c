// SPDX-License-Identifier: GPL-2.0
/*
 * The teaching heaps: first-fit, next-fit, best-fit, worst-fit, segregated
 * fits and a bump arena, each over one contiguous region, with a step mode
 * whose reports match OSTEP's free-space simulator (ostep-homework,
 * vm-freespace/malloc.py) line for line.
 */
#include "heap.h"
#include "metrics.h"

/*
 * Theory
 * ======
 *
 * Vocabulary. The *region* is pool_bytes of virtually contiguous memory
 * (kml_region_alloc(), at most KML_HEAP_MAX_REGION: 256 MiB; in the kernel
 * it and the tags below are charged to the module's budget). A byte of it
 * has an *offset*; users see the *display address* base + offset (OSTEP's
 * -b, default 1000 there, 0 here).
 * The region is tiled by *blocks*. A request of n bytes occupies a block of
 * roundup(n, align) + header bytes, exactly OSTEP's arithmetic: the size is
 * aligned first, then the header is added, and the header is counted into
 * the block (it is not rounded). alloc() returns the *payload*, the block's
 * start plus the header: a real pointer the caller may write into. The
 * payload is aligned to @align when the header is a multiple of it.
 *
 * Free blocks sit on an explicit *free list* (segregated fits: one list per
 * power-of-two size class) in one of five *orders*, the ones malloc.py
 * knows: address (ADDRSORT), size ascending (SIZESORT+), size descending
 * (SIZESORT-), LIFO (INSERT-FRONT), FIFO (INSERT-BACK). A search walks the
 * list and counts every entry it looks at: first-fit stops at the first
 * block that is large enough, best-fit and worst-fit look at all of them
 * and take the smallest / largest, the earliest one on a tie. A block larger
 * than the need is *split*: the front is handed out, the rest (the
 * *remainder*) stays free, provided it has at least min_split bytes (else
 * the whole block is handed out, the difference counted in its size).
 *
 * Boundary tags, kept out of band. Every block has a header tag (size,
 * state, requested bytes, free-list links) and a footer tag (where the
 * block starts), so that a free finds both physical neighbours in O(1) and
 * merges with them (*coalescing*; off with KML_F_NO_COALESCE). The tags
 * live in a side array, one struct kml_heap_tag per *granule*, not inside
 * the region, for three reasons: OSTEP's header may be 0 bytes and its
 * blocks 1 byte, leaving no room for in-band tags; OSTEP itself keeps sizes
 * in a side table (its sizemap), which is what the header bytes pretend to
 * hold; and callers write into their blocks (the CLI lets users do so), so
 * a stray write must not corrupt the allocator, and a bad free must be
 * recognised from trusted data. A CS:APP-style heap is mirrored by giving
 * the header the bytes its in-band header and footer would take (for
 * example header 8, align 8, min_split 16): the same addresses and sizes
 * come out, only the bytes of the tags are elsewhere.
 *
 * Granules. The granule is gcd(region, align, header): every block size is
 * a multiple of it (requests are multiples of align plus the header, and
 * remainders are differences of such sizes), so a block starts and ends on
 * granule boundaries and its tags are found by offset / granule. The
 * metadata is 16 bytes per granule: a footer shares its slot's second word
 * with the list link @prev (a block's last granule is a header only when
 * the block is one granule long, and then the header is its own footer),
 * and a used block's request shares a word with the free list's @next. A
 * region may have at most KML_HEAP_MAX_GRANULES granules (32 Mi, 512 MiB
 * of tags): a 64 MiB region at align 8 has 8 Mi (128 MiB of tags), the
 * 256 MiB maximum needs align 8, an align-1 (OSTEP -a -1) region is
 * limited to 32 MiB.
 *
 * Mirroring OSTEP. With pool_bytes = -S, base = -b, header = -H, align =
 * -a (1 for -a -1), min_split 1 (the default) and list_order = -l, the same
 * operations give the same addresses, the same "searched N elements" and the
 * same free list, because the list is kept the way malloc.py keeps it:
 *  - a remainder keeps the list position of the block it was cut from
 *    (malloc.py overwrites the entry in place), even in a size-ordered
 *    list where it may now be out of order; such entries are marked
 *    *displaced* until the next insertion re-sorts the list;
 *  - a freed block is appended and a size-ordered list is then re-sorted
 *    stably as a whole (Python's sorted(); displaced entries move too);
 *  - address order with coalescing (-C) merges exactly the neighbours
 *    malloc.py's full-list pass merges.
 * One difference, on purpose: with coalescing on in a list that is not
 * address ordered, malloc.py merges only entries that happen to be
 * neighbours in the list; here a free always merges with its physical
 * neighbours (boundary tags), so no two free blocks are ever adjacent.
 * malloc.py accepts requests of 0 bytes; here they fail.
 *
 * Next-fit keeps a *rover*: the search starts at the block after the last
 * one handed out (the remainder when it was split) and wraps around once.
 * Segregated fits keep class c for free blocks of [2^c, 2^(c+1)) bytes: a
 * search starts in the class of the need, first fit inside it, then takes
 * the first block of the next non-empty larger class (every block there
 * fits); remainders and merged blocks move to their class. The bump arena
 * has one free block, the tail: alloc cuts from its front, free marks a
 * block *dead* (counted, not reusable) and reset makes the region one free
 * block again, as every heap's reset does.
 *
 * Invariants (kml_heap_validate() counts the violated ones):
 *  - the blocks tile the region exactly; a header tag has a non-zero size
 *    only at a block's first granule, and its footer tag points back;
 *  - every block is exactly one of used, free (listed) or dead (bump);
 *  - every free block is on exactly the list of its class, links agree in
 *    both directions, lengths and tails agree;
 *  - lists are in their order (address: increasing; size: monotone once
 *    displaced entries are skipped); with coalescing no two free blocks
 *    are adjacent; the bump arena's only free block is the last one;
 *  - an allocated block is at least usable(request) and holds less than
 *    min_split extra bytes; byte and block counters agree with the walk.
 *
 * Locking: one lock per heap, taken by every public function. Nothing under
 * it sleeps or allocates; the cores never print.
 */

#define KML_HEAP_NIL		0xffffffffu
#define KML_HEAP_DEF_REGION	(1024u * 1024)
#define KML_HEAP_DEF_ALIGN	8u

/* Header-tag state bits (struct kml_heap_tag.flags). */
enum {
	KML_TAG_USED	  = 1u << 0,	/* handed out */
	KML_TAG_DEAD	  = 1u << 1,	/* bump: freed, kept until reset */
	KML_TAG_LISTED	  = 1u << 2,	/* free, on a free list */
	KML_TAG_DISPLACED = 1u << 3,	/* remainder out of its size order */
};

/*
 * One per granule. The fields of a header tag are meaningful at a block's
 * first granule, @foot at its last one (a one-granule block uses both).
 */
struct kml_heap_tag {
	u32 size;		/* header: block bytes; 0 inside a block */
	union {
		u32 req;	/* header of a used or dead block: bytes
				 * requested
				 */
		u32 next;	/* header of a free block: list successor */
	};
	union {
		u32 prev;	/* header of a free block: list predecessor */
		u32 foot;	/* last granule of a block of two or more:
				 * its first granule (kml_heap_foot())
				 */
	};
	u16 flags;		/* header: KML_TAG_* */
	u16 list;		/* header of a free block: its list */
};

/* The theory block's metadata cost (16 bytes per granule) relies on it. */
static_assert(sizeof(struct kml_heap_tag) == 16,
	      "struct kml_heap_tag grew: update the metadata cost in heap.h");

/* A free list: granule indices of the first and last block, length. */
struct kml_heap_flist {
	u32 head;
	u32 tail;
	u32 len;
};

struct kml_heap {
	/* statistics */
	u64 stat[KML_HEAP_STAT_NR];	/* enum kml_heap_stat counters */
	u64 used_bytes;			/* bytes of allocated blocks */
	u64 peak_used;			/* peak of used_bytes */
	u64 free_bytes;			/* bytes of free (listed) blocks */
	u64 dead_bytes;			/* bump: bytes of dead blocks */
	u64 nr_used;			/* allocated blocks */
	u32 hwm;			/* high-water mark (bytes): end of the
					 * highest block since a peak reset
					 */

	/* properties */
	enum kml_heap_policy policy;
	enum kml_heap_order order;	/* free-list order */
	u64 base;			/* display address of offset 0 */
	u32 region_bytes;		/* usable bytes of the region */
	u32 align;			/* requests round up to this */
	u32 header;			/* bytes added to every block */
	u32 min_split;			/* smallest remainder split off */
	u32 gran;			/* granule: gcd(region, align, header) */
	u32 nr_gran;			/* region_bytes / gran */
	bool coalesce;			/* merge free neighbours on free */
	bool zero;			/* KML_F_ZERO: clear payloads */
	size_t region_alloc;		/* bytes of the region allocation */
	u32 inst_id;			/* the caller's instance id */

	/* memory */
	char *region;			/* the block from the page source */
	struct kml_heap_tag *tags;	/* nr_gran boundary tags */

	/* free lists */
	unsigned int nr_lists;		/* 1, or KML_HEAP_NR_CLASSES */
	u32 rover;			/* next-fit: where a search starts */
	struct kml_heap_flist lists[KML_HEAP_NR_CLASSES];

	struct kml_lock lock;		/* protects everything above */

	/* interactive use, serialised by the caller (the engine's locks) */
	struct kml_heap_step cmd_step;	/* of the last alloc/free_show */
};

const char * const kml_heap_stat_names[KML_HEAP_STAT_NR] = {
	[KML_HEAP_ALLOC]	 = "alloc",
	[KML_HEAP_FREE]		 = "free",
	[KML_HEAP_FAIL]		 = "fail",
	[KML_HEAP_SEARCHED]	 = "searched",
	[KML_HEAP_SPLIT]	 = "split",
	[KML_HEAP_COALESCE]	 = "coalesce",
	[KML_HEAP_RESET]	 = "reset",
	[KML_HEAP_BAD_OUTSIDE]	 = "bad_free_outside",
	[KML_HEAP_BAD_NOT_BLOCK] = "bad_free_not_block",
	[KML_HEAP_BAD_DOUBLE]	 = "bad_free_double",
	[KML_HEAP_BAD_SIZE]	 = "bad_free_size",
};

static_assert(ARRAY_SIZE(kml_heap_stat_names) == KML_HEAP_STAT_NR,
	      "kml_heap_stat_names out of sync with enum kml_heap_stat");

static const char * const kml_heap_policy_names[KML_HEAP_POLICY_NR] = {
	[KML_HEAP_FIRST_FIT]	= "first-fit",
	[KML_HEAP_NEXT_FIT]	= "next-fit",
	[KML_HEAP_BEST_FIT]	= "best-fit",
	[KML_HEAP_WORST_FIT]	= "worst-fit",
	[KML_HEAP_SEGREGATED]	= "segregated",
	[KML_HEAP_BUMP]		= "bump",
};

static_assert(ARRAY_SIZE(kml_heap_policy_names) == KML_HEAP_POLICY_NR,
	      "kml_heap_policy_names out of sync with enum kml_heap_policy");

static const char * const kml_heap_order_names[] = {
	[KML_ORDER_ADDR]	= "address",
	[KML_ORDER_SIZE_ASC]	= "size-ascending",
	[KML_ORDER_SIZE_DESC]	= "size-descending",
	[KML_ORDER_LIFO]	= "lifo",
	[KML_ORDER_FIFO]	= "fifo",
};

const char *kml_heap_policy_name(enum kml_heap_policy policy)
{
	if ((unsigned int)policy >= KML_HEAP_POLICY_NR)
		return "?";
	return kml_heap_policy_names[policy];
}

/* --- arithmetic ----------------------------------------------------------- */

static u64 kml_heap_gcd(u64 a, u64 b)
{
	while (b) {
		u64 t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* floor(log2(size)) for size >= 1, capped at the last class. */
static unsigned int kml_heap_class(u64 size)
{
	unsigned int c = 0;

	while (size >>= 1)
		c++;
	return c < KML_HEAP_NR_CLASSES ? c : KML_HEAP_NR_CLASSES - 1;
}

/* The free list a free block of @size bytes belongs on. */
static unsigned int kml_heap_list_for(const struct kml_heap *h, u64 size)
{
	return h->nr_lists == 1 ? 0 : kml_heap_class(size);
}

/* Block bytes for a request of @size: aligned first, then the header. */
static u64 kml_heap_need(const struct kml_heap *h, u64 size)
{
	u64 rem = size % h->align;

	if (rem)
		size += h->align - rem;
	return size + h->header;
}

/* Largest request: from properties fixed at create, so no lock is needed. */
static u64 kml_heap_max_request(const struct kml_heap *h)
{
	if (h->region_bytes <= h->header)
		return 0;
	return (h->region_bytes - h->header) / h->align * h->align;
}

/* Bytes of the boundary-tag array: one tag per granule. */
static size_t kml_heap_tags_bytes(const struct kml_heap *h)
{
	return (size_t)h->nr_gran * sizeof(struct kml_heap_tag);
}

static u64 kml_heap_gaddr(const struct kml_heap *h, u32 gi)
{
	return h->base + (u64)gi * h->gran;
}

static bool kml_heap_size_order(const struct kml_heap *h)
{
	return h->order == KML_ORDER_SIZE_ASC ||
	       h->order == KML_ORDER_SIZE_DESC;
}

/* --- boundary tags -------------------------------------------------------- */

/*
 * Write the header size and the footer of the block at granule @gi. A
 * one-granule block's footer is its header: the slot's prev must stay a
 * list link there.
 */
static void kml_heap_set_block(struct kml_heap *h, u32 gi, u32 size)
{
	u32 last = gi + size / h->gran - 1;

	h->tags[gi].size = size;
	if (last != gi)
		h->tags[last].foot = gi;
}

/*
 * The first granule of the block whose last granule is @last: the block
 * itself when @last is a header (a one-granule block), else the footer.
 */
static u32 kml_heap_foot(const struct kml_heap *h, u32 last)
{
	return h->tags[last].size ? last : h->tags[last].foot;
}

/* Granule @gi stops being a block start (absorbed by a merge). */
static void kml_heap_clear_head(struct kml_heap *h, u32 gi)
{
	struct kml_heap_tag *t = &h->tags[gi];

	t->size = 0;
	t->req = 0;
	t->flags = 0;
	t->next = KML_HEAP_NIL;
	t->prev = KML_HEAP_NIL;
}

/* --- free lists ----------------------------------------------------------- */

/* Put free block @gi on list @l between @prev and @next (NIL = an end). */
static void kml_heap_link(struct kml_heap *h, u32 gi, unsigned int l,
			  u32 prev, u32 next)
{
	struct kml_heap_flist *fl = &h->lists[l];
	struct kml_heap_tag *t = &h->tags[gi];

	t->prev = prev;
	t->next = next;
	t->list = l;
	t->flags |= KML_TAG_LISTED;
	if (prev != KML_HEAP_NIL)
		h->tags[prev].next = gi;
	else
		fl->head = gi;
	if (next != KML_HEAP_NIL)
		h->tags[next].prev = gi;
	else
		fl->tail = gi;
	fl->len++;
	h->free_bytes += t->size;
}

/* Take @gi off its list; a rover on it moves to its successor. */
static void kml_heap_unlink(struct kml_heap *h, u32 gi)
{
	struct kml_heap_tag *t = &h->tags[gi];
	struct kml_heap_flist *fl = &h->lists[t->list];

	if (t->prev != KML_HEAP_NIL)
		h->tags[t->prev].next = t->next;
	else
		fl->head = t->next;
	if (t->next != KML_HEAP_NIL)
		h->tags[t->next].prev = t->prev;
	else
		fl->tail = t->prev;
	fl->len--;
	h->free_bytes -= t->size;
	if (h->rover == gi)
		h->rover = t->next;
	t->flags &= ~(KML_TAG_LISTED | KML_TAG_DISPLACED);
	t->next = KML_HEAP_NIL;
	t->prev = KML_HEAP_NIL;
}

/* Must @a come before @b in a size-ordered list? (strict: keeps ties) */
static bool kml_heap_precedes(const struct kml_heap *h, u32 a, u32 b)
{
	if (h->order == KML_ORDER_SIZE_ASC)
		return h->tags[a].size < h->tags[b].size;
	return h->tags[a].size > h->tags[b].size;
}

/*
 * Stable insertion sort of list @l by size: the result of Python's
 * sorted(key=size[, reverse=True]), which keeps equal keys in list order.
 * Linear when only a few entries are out of place, as here.
 */
static void kml_heap_sort_list(struct kml_heap *h, unsigned int l)
{
	struct kml_heap_flist *fl = &h->lists[l];
	u32 cur = fl->head, next, p, rover;

	while (cur != KML_HEAP_NIL) {
		next = h->tags[cur].next;
		h->tags[cur].flags &= ~KML_TAG_DISPLACED;
		p = h->tags[cur].prev;
		if (p != KML_HEAP_NIL && kml_heap_precedes(h, cur, p)) {
			while (p != KML_HEAP_NIL && kml_heap_precedes(h, cur, p))
				p = h->tags[p].prev;
			rover = h->rover;
			kml_heap_unlink(h, cur);
			kml_heap_link(h, cur, l, p,
				      p == KML_HEAP_NIL ? fl->head :
							  h->tags[p].next);
			h->rover = rover;
		}
		cur = next;
	}
}

/* Put a newly free block on its list as the list order says. */
static void kml_heap_insert(struct kml_heap *h, u32 gi)
{
	unsigned int l = kml_heap_list_for(h, h->tags[gi].size);
	struct kml_heap_flist *fl = &h->lists[l];
	u32 prev;

	switch (h->order) {
	case KML_ORDER_ADDR:
		prev = fl->tail;
		while (prev != KML_HEAP_NIL && prev > gi)
			prev = h->tags[prev].prev;
		kml_heap_link(h, gi, l, prev,
			      prev == KML_HEAP_NIL ? fl->head :
						     h->tags[prev].next);
		break;
	case KML_ORDER_LIFO:
		kml_heap_link(h, gi, l, KML_HEAP_NIL, fl->head);
		break;
	default:
		kml_heap_link(h, gi, l, fl->tail, KML_HEAP_NIL);
		if (kml_heap_size_order(h))
			kml_heap_sort_list(h, l);
		break;
	}
}

/* --- search --------------------------------------------------------------- */

static u32 kml_heap_first_in(struct kml_heap *h, unsigned int l, u64 need,
			     unsigned int *count)
{
	/* LAB fits.first_fit: begin */
	u32 gi;

	for (gi = h->lists[l].head; gi != KML_HEAP_NIL; gi = h->tags[gi].next) {
		(*count)++;
		if (h->tags[gi].size >= need)
			return gi;
	}
	return KML_HEAP_NIL;
	/* LAB fits.first_fit: end */
}

static u32 kml_heap_next_fit(struct kml_heap *h, u64 need,
			     unsigned int *count)
{
	/* LAB fits.next_fit: begin */
	struct kml_heap_flist *fl = &h->lists[0];
	u32 gi = h->rover != KML_HEAP_NIL ? h->rover : fl->head;
	u32 i;

	for (i = 0; i < fl->len; i++) {
		(*count)++;
		if (h->tags[gi].size >= need)
			return gi;
		gi = h->tags[gi].next;
		if (gi == KML_HEAP_NIL)
			gi = fl->head;
	}
	return KML_HEAP_NIL;
	/* LAB fits.next_fit: end */
}

/* Best (smallest) or worst (largest) fit; the earliest wins a tie. */
static u32 kml_heap_best_worst(struct kml_heap *h, u64 need, bool best,
			       unsigned int *count)
{
	/* LAB fits.best_worst: begin */
	u32 gi, found = KML_HEAP_NIL;
	u32 size, found_size = 0;

	for (gi = h->lists[0].head; gi != KML_HEAP_NIL; gi = h->tags[gi].next) {
		(*count)++;
		size = h->tags[gi].size;
		if (size < need)
			continue;
		if (found == KML_HEAP_NIL ||
		    (best ? size < found_size : size > found_size)) {
			found = gi;
			found_size = size;
		}
	}
	return found;
	/* LAB fits.best_worst: end */
}

static u32 kml_heap_search(struct kml_heap *h, u64 need, unsigned int *count)
{
	unsigned int c;
	u32 gi;

	switch (h->policy) {
	case KML_HEAP_NEXT_FIT:
		return kml_heap_next_fit(h, need, count);
	case KML_HEAP_BEST_FIT:
		return kml_heap_best_worst(h, need, true, count);
	case KML_HEAP_WORST_FIT:
		return kml_heap_best_worst(h, need, false, count);
	case KML_HEAP_SEGREGATED:
		for (c = kml_heap_class(need); c < KML_HEAP_NR_CLASSES; c++) {
			gi = kml_heap_first_in(h, c, need, count);
			if (gi != KML_HEAP_NIL)
				return gi;
		}
		return KML_HEAP_NIL;
	default:	/* first fit; the bump arena's list is its tail */
		return kml_heap_first_in(h, 0, need, count);
	}
}

/* --- allocate and free ---------------------------------------------------- */

/* Hand out (the front of) free block @gi for @size bytes needing @need. */
static void kml_heap_take(struct kml_heap *h, u32 gi, u32 need, u64 size)
{
	struct kml_heap_tag *t = &h->tags[gi];
	/* LAB fits.split: begin */
	u32 rem = t->size - need;
	u32 prev, next, ri;
	unsigned int l;
	bool rover;

	if (rem && (h->policy == KML_HEAP_BUMP || rem >= h->min_split)) {
		/* The remainder takes the block's list position (malloc.py). */
		l = t->list;
		prev = t->prev;
		next = t->next;
		rover = h->rover == gi;
		ri = gi + need / h->gran;
		kml_heap_unlink(h, gi);
		kml_heap_set_block(h, gi, need);
		kml_heap_set_block(h, ri, rem);
		if (kml_heap_list_for(h, rem) == l) {
			kml_heap_link(h, ri, l, prev, next);
			if (kml_heap_size_order(h))
				h->tags[ri].flags |= KML_TAG_DISPLACED;
		} else {
			kml_heap_insert(h, ri);
		}
		if (rover || h->policy == KML_HEAP_NEXT_FIT)
			h->rover = ri;
		h->stat[KML_HEAP_SPLIT]++;
	} else {
		kml_heap_unlink(h, gi);
	}
	/* LAB fits.split: end */
	t->flags = KML_TAG_USED;
	t->req = size;
	h->used_bytes += t->size;
	if (h->used_bytes > h->peak_used)
		h->peak_used = h->used_bytes;
	h->nr_used++;
	h->stat[KML_HEAP_ALLOC]++;
	if (gi * h->gran + t->size > h->hwm)
		h->hwm = gi * h->gran + t->size;
}

static void *kml_heap_alloc_locked(struct kml_heap *h, size_t size, u32 *gip,
				   unsigned int *count)
{
	u64 need;
	u32 gi;
	char *ptr;

	kml_lock_assert_held(&h->lock);
	*count = 0;
	*gip = KML_HEAP_NIL;
	if (!size) {
		h->stat[KML_HEAP_FAIL]++;
		return NULL;
	}
	/* Too large can't fit, but is still searched, as malloc.py does. */
	need = size > h->region_bytes ? (u64)h->region_bytes + 1 :
					 kml_heap_need(h, size);
	gi = kml_heap_search(h, need, count);
	h->stat[KML_HEAP_SEARCHED] += *count;
	if (gi == KML_HEAP_NIL) {
		h->stat[KML_HEAP_FAIL]++;
		return NULL;
	}
	kml_heap_take(h, gi, need, size);
	*gip = gi;
	ptr = h->region + (u64)gi * h->gran + h->header;
	if (h->zero)
		memset(ptr, 0, h->tags[gi].size - h->header);
	return ptr;
}

/* A free block joins the list, merged with its free neighbours first. */
static void kml_heap_release(struct kml_heap *h, u32 gi)
{
	/* LAB fits.coalesce: begin */
	u32 size = h->tags[gi].size;
	u32 end = gi + size / h->gran;
	u32 start = gi, pi;
	bool rover = false;

	h->tags[gi].flags = 0;
	h->tags[gi].req = 0;
	if (h->coalesce && gi > 0) {
		pi = kml_heap_foot(h, gi - 1);
		if (h->tags[pi].flags & KML_TAG_LISTED) {
			rover |= h->rover == pi;
			kml_heap_unlink(h, pi);
			size += h->tags[pi].size;
			kml_heap_clear_head(h, gi);
			start = pi;
			h->stat[KML_HEAP_COALESCE]++;
		}
	}
	if (h->coalesce && end < h->nr_gran &&
	    (h->tags[end].flags & KML_TAG_LISTED)) {
		rover |= h->rover == end;
		kml_heap_unlink(h, end);
		size += h->tags[end].size;
		kml_heap_clear_head(h, end);
		h->stat[KML_HEAP_COALESCE]++;
	}
	kml_heap_set_block(h, start, size);
	kml_heap_insert(h, start);
	if (rover)
		h->rover = start;
	/* LAB fits.coalesce: end */
}

/*
 * Find the block whose payload is @ptr. Return: 0, or the bad-free counter
 * that applies (the caller counts it).
 */
static unsigned int kml_heap_find(struct kml_heap *h, const void *ptr,
				  u32 *gip)
{
	unsigned long p = (unsigned long)ptr;
	unsigned long r = (unsigned long)h->region;
	unsigned long off;

	if (p < r || p - r >= h->region_bytes)
		return KML_HEAP_BAD_OUTSIDE;
	off = p - r;
	if (off < h->header || (off - h->header) % h->gran ||
	    !h->tags[(off - h->header) / h->gran].size)
		return KML_HEAP_BAD_NOT_BLOCK;
	*gip = (off - h->header) / h->gran;
	return 0;
}

static int kml_heap_free_locked(struct kml_heap *h, void *ptr, size_t size,
				u32 *gip)
{
	struct kml_heap_tag *t;
	unsigned int bad;
	u32 gi;

	kml_lock_assert_held(&h->lock);
	*gip = KML_HEAP_NIL;
	bad = kml_heap_find(h, ptr, &gi);
	if (bad) {
		h->stat[bad]++;
		return -EINVAL;
	}
	*gip = gi;
	t = &h->tags[gi];
	if (!(t->flags & KML_TAG_USED)) {
		h->stat[KML_HEAP_BAD_DOUBLE]++;
		return -EINVAL;
	}
	if (size && size != t->req) {
		h->stat[KML_HEAP_BAD_SIZE]++;
		return -EINVAL;
	}
	h->used_bytes -= t->size;
	h->nr_used--;
	h->stat[KML_HEAP_FREE]++;
	if (h->policy == KML_HEAP_BUMP) {
		/* A bump arena never reuses: the block is dead until reset. */
		t->flags = KML_TAG_DEAD;
		h->dead_bytes += t->size;
		return 0;
	}
	kml_heap_release(h, gi);
	return 0;
}

/*
 * The whole region becomes one free block. Only header tags carry state
 * (a footer matters only where a header says a block ends), so clearing
 * the header of every block is enough: O(blocks), not O(granules), which
 * matters under a spinlock with a 256 MiB region. A new heap's tags are all
 * zero already.
 */
static void kml_heap_reset_locked(struct kml_heap *h)
{
	unsigned int l;
	u32 gi, next;

	kml_lock_assert_held(&h->lock);
	for (gi = 0; gi < h->nr_gran && h->tags[gi].size; gi = next) {
		next = gi + h->tags[gi].size / h->gran;
		kml_heap_clear_head(h, gi);
	}
	if (KML_WARN_ON_ONCE(gi && gi != h->nr_gran))
		memset(h->tags, 0, (size_t)h->nr_gran * sizeof(*h->tags));
	for (l = 0; l < KML_HEAP_NR_CLASSES; l++) {
		h->lists[l].head = KML_HEAP_NIL;
		h->lists[l].tail = KML_HEAP_NIL;
		h->lists[l].len = 0;
	}
	h->rover = KML_HEAP_NIL;
	h->used_bytes = 0;
	h->free_bytes = 0;
	h->dead_bytes = 0;
	h->nr_used = 0;
	h->hwm = 0;
	kml_heap_set_block(h, 0, h->region_bytes);
	kml_heap_insert(h, 0);
}

/* --- steps ---------------------------------------------------------------- */

static void kml_heap_fill_list(struct kml_heap *h, struct kml_heap_step *s)
{
	unsigned int l, n = 0;
	u32 gi;

	for (l = 0; l < h->nr_lists; l++) {
		for (gi = h->lists[l].head; gi != KML_HEAP_NIL;
		     gi = h->tags[gi].next) {
			if (n < KML_HEAP_STEP_LIST) {
				s->list[n].addr = kml_heap_gaddr(h, gi);
				s->list[n].size = h->tags[gi].size;
			}
			n++;
		}
	}
	s->nr_free = n;
	s->nr_listed = n < KML_HEAP_STEP_LIST ? n : KML_HEAP_STEP_LIST;
}

void *kml_heap_alloc_step(struct kml_heap *h, size_t size,
			  struct kml_heap_step *step)
{
	unsigned int count;
	void *ptr;
	u32 gi;

	kml_lock_acquire(&h->lock);
	ptr = kml_heap_alloc_locked(h, size, &gi, &count);
	if (step) {
		memset(step, 0, sizeof(*step));
		step->ok = !!ptr;
		step->ret = ptr ? 0 : -ENOMEM;
		step->request = size;
		step->header = h->header;
		step->searched = count;
		if (ptr) {
			step->addr = kml_heap_gaddr(h, gi);
			step->block = h->tags[gi].size;
		}
		kml_heap_fill_list(h, step);
	}
	kml_lock_release(&h->lock);
	return ptr;
}

int kml_heap_free_step(struct kml_heap *h, void *ptr, size_t size,
		       struct kml_heap_step *step)
{
	u32 gi, block = 0, req = 0;
	bool found;
	int rc;

	kml_lock_acquire(&h->lock);
	/* Read the block before the free: a merge rewrites its header tag. */
	found = step && !kml_heap_find(h, ptr, &gi);
	if (found) {
		block = h->tags[gi].size;
		req = h->tags[gi].req;
	}
	rc = kml_heap_free_locked(h, ptr, size, &gi);
	if (step) {
		memset(step, 0, sizeof(*step));
		step->is_free = true;
		step->ok = !rc;
		step->ret = rc;
		step->header = h->header;
		if (found) {
			step->request = req;
			step->addr = kml_heap_gaddr(h, gi);
			step->block = block;
		}
		kml_heap_fill_list(h, step);
	}
	kml_lock_release(&h->lock);
	return rc;
}

void kml_heap_list(struct kml_heap *h, struct kml_heap_step *step)
{
	kml_lock_acquire(&h->lock);
	memset(step, 0, sizeof(*step));
	step->header = h->header;
	kml_heap_fill_list(h, step);
	kml_lock_release(&h->lock);
}

/* The operation's lines of a step: malloc.py's Alloc or Free lines. */
static void kml_heap_render_op(const struct kml_heap_step *step,
			       unsigned int index, unsigned int flags,
			       struct kml_out *out)
{
	bool list_only = flags & KML_HEAP_RENDER_LIST;
	long long shown;

	if (!list_only && !step->is_free) {
		shown = step->ok ? (long long)step->addr : -1;
		if (flags & KML_HEAP_RENDER_PAYLOAD)
			shown += step->header;
		kml_out_printf(out,
			       "ptr[%u] = Alloc(%llu) returned %lld (searched %u elements)\n",
			       index, (unsigned long long)step->request, shown,
			       step->searched);
	} else if (!list_only) {
		kml_out_printf(out, "Free(ptr[%u])\nreturned %d\n", index,
			       step->ret ? -1 : 0);
	}
}

void kml_heap_step_render(const struct kml_heap_step *step,
			  unsigned int index, unsigned int flags,
			  struct kml_out *out)
{
	bool list_only = flags & KML_HEAP_RENDER_LIST;
	unsigned int i;

	kml_heap_render_op(step, index, flags, out);
	kml_out_printf(out, "Free List [ Size %u ]: ", step->nr_free);
	for (i = 0; i < step->nr_listed; i++)
		kml_out_printf(out, "[ addr:%llu sz:%llu ]",
			       (unsigned long long)step->list[i].addr,
			       (unsigned long long)step->list[i].size);
	if (step->nr_listed < step->nr_free)
		kml_out_printf(out, "[ ... ]");
	kml_out_printf(out, list_only ? "\n" : "\n\n");
}

/* --- public operations ---------------------------------------------------- */

int kml_heap_create(enum kml_heap_policy policy, const struct kml_params *p,
		    u32 inst_id, struct kml_heap **hp)
{
	u32 allowed = KML_F_NO_COALESCE | KML_F_ZERO | KML_F_CHECK;
	u64 region = p->pool_bytes ? p->pool_bytes : KML_HEAP_DEF_REGION;
	u32 align = p->align ? p->align : KML_HEAP_DEF_ALIGN;
	struct kml_heap *h;
	u64 gran;

	*hp = NULL;
	if ((unsigned int)policy >= KML_HEAP_POLICY_NR ||
	    (unsigned int)p->list_order > KML_ORDER_FIFO ||
	    (p->flags & ~allowed) || align > KML_HEAP_MAX_ALIGN)
		return -EINVAL;
	if (region > KML_HEAP_MAX_REGION)
		return -E2BIG;
	if (p->header >= region)
		return -EINVAL;
	gran = kml_heap_gcd(kml_heap_gcd(region, align), p->header);
	if (region / gran > KML_HEAP_MAX_GRANULES)
		return -E2BIG;

	h = kml_zalloc(sizeof(*h));
	if (!h)
		return -ENOMEM;
	h->policy = policy;
	h->order = policy == KML_HEAP_BUMP ? KML_ORDER_ADDR : p->list_order;
	h->base = p->base;
	h->region_bytes = region;
	h->align = align;
	h->header = p->header;
	h->min_split = p->min_split ? p->min_split : 1;
	h->gran = gran;
	h->nr_gran = region / gran;
	h->coalesce = !(p->flags & KML_F_NO_COALESCE) &&
		      policy != KML_HEAP_BUMP;
	h->zero = p->flags & KML_F_ZERO;
	h->region_alloc = region;
	h->inst_id = inst_id;
	h->nr_lists = policy == KML_HEAP_SEGREGATED ? KML_HEAP_NR_CLASSES : 1;
	h->tags = kml_region_alloc(kml_heap_tags_bytes(h));
	if (!h->tags)
		goto out_free_heap;
	h->region = kml_region_alloc(h->region_alloc);
	if (!h->region)
		goto out_free_tags;
	kml_lock_init(&h->lock);
	kml_lock_acquire(&h->lock);	/* for the helper's assertion */
	kml_heap_reset_locked(h);
	kml_lock_release(&h->lock);
	*hp = h;
	return 0;

out_free_tags:
	kml_region_free(h->tags, kml_heap_tags_bytes(h));
out_free_heap:
	kml_free(h);
	return -ENOMEM;
}

void kml_heap_destroy(struct kml_heap *h)
{
	if (!h)
		return;
	kml_region_free(h->region, h->region_alloc);
	kml_lock_destroy(&h->lock);
	kml_region_free(h->tags, kml_heap_tags_bytes(h));
	kml_free(h);
}

void *kml_heap_alloc(struct kml_heap *h, size_t size)
{
	return kml_heap_alloc_step(h, size, NULL);
}

int kml_heap_free(struct kml_heap *h, void *ptr, size_t size)
{
	return kml_heap_free_step(h, ptr, size, NULL);
}

u64 kml_heap_addr(struct kml_heap *h, const void *ptr)
{
	return h->base + ((unsigned long)ptr - (unsigned long)h->region) -
	       h->header;
}

void *kml_heap_ptr(struct kml_heap *h, u64 addr)
{
	u64 off = addr - h->base;

	if (addr < h->base || off + h->header >= h->region_bytes)
		return NULL;
	return h->region + off + h->header;
}

int kml_heap_block(struct kml_heap *h, u64 addr, struct kml_heap_block *b)
{
	u64 off = addr - h->base;
	struct kml_heap_tag *t;
	int rc = -ENOENT;

	if (addr < h->base || off >= h->region_bytes || off % h->gran)
		return rc;
	kml_lock_acquire(&h->lock);
	t = &h->tags[off / h->gran];
	if (t->size) {
		b->addr = addr;
		b->offset = off;
		b->size = t->size;
		b->used = t->flags & KML_TAG_USED;
		b->dead = t->flags & KML_TAG_DEAD;
		b->request = (b->used || b->dead) ? t->req : 0;
		rc = 0;
	}
	kml_lock_release(&h->lock);
	return rc;
}

size_t kml_heap_usable(struct kml_heap *h, size_t size)
{
	if (size > kml_heap_max_request(h))
		return 0;
	return kml_heap_need(h, size);
}

size_t kml_heap_max_size(struct kml_heap *h)
{
	return kml_heap_max_request(h);
}

u64 kml_heap_stat(struct kml_heap *h, enum kml_heap_stat which)
{
	u64 v;

	if ((unsigned int)which >= KML_HEAP_STAT_NR)
		return 0;
	kml_lock_acquire(&h->lock);
	v = h->stat[which];
	kml_lock_release(&h->lock);
	return v;
}

/*
 * Largest free block and largest run of adjacent free blocks below @limit
 * bytes: a free block that reaches past the limit (freed at the top and
 * merged with the untouched rest) counts up to the limit only.
 */
static void kml_heap_largest_below(struct kml_heap *h, u32 limit, u64 *block,
				   u64 *run)
{
	u64 cur = 0, size;
	u32 gi;

	*block = 0;
	*run = 0;
	for (gi = 0; gi < h->nr_gran && gi * h->gran < limit;
	     gi += h->tags[gi].size / h->gran) {
		if (KML_WARN_ON_ONCE(!h->tags[gi].size))
			break;
		if (!(h->tags[gi].flags & KML_TAG_LISTED)) {
			cur = 0;
			continue;
		}
		size = h->tags[gi].size;
		if (gi * h->gran + size > limit)
			size = limit - gi * h->gran;
		cur += size;
		if (size > *block)
			*block = size;
		if (cur > *run)
			*run = cur;
	}
}

/* The same over the whole region (its blocks tile it: nothing is cut). */
static void kml_heap_largest(struct kml_heap *h, u64 *block, u64 *run)
{
	kml_heap_largest_below(h, h->region_bytes, block, run);
}

/*
 * Free bytes below @limit, a block boundary at or above the end of every
 * used and dead block: everything above it is one free tail.
 */
static u64 kml_heap_free_below(const struct kml_heap *h, u32 limit)
{
	u64 tail = h->region_bytes - limit;

	return h->free_bytes > tail ? h->free_bytes - tail : 0;
}

unsigned int kml_heap_extfrag(struct kml_heap *h)
{
	u64 block, run;
	unsigned int frag;

	kml_lock_acquire(&h->lock);
	kml_heap_largest(h, &block, &run);
	frag = kml_metric_ext_frag(block, h->free_bytes);
	kml_lock_release(&h->lock);
	return frag;
}

static void kml_heap_stats_locked(struct kml_heap *h,
				  struct kml_alloc_stats *st)
{
	u64 run;

	kml_lock_assert_held(&h->lock);
	memset(st, 0, sizeof(*st));
	st->allocs = h->stat[KML_HEAP_ALLOC];
	st->frees = h->stat[KML_HEAP_FREE];
	st->failures = h->stat[KML_HEAP_FAIL];
	st->bad_frees = h->stat[KML_HEAP_BAD_OUTSIDE] +
			h->stat[KML_HEAP_BAD_NOT_BLOCK] +
			h->stat[KML_HEAP_BAD_DOUBLE] +
			h->stat[KML_HEAP_BAD_SIZE];
	st->bytes_allocated = h->used_bytes;
	/* held: what the heap touched, as mdriver's sbrk high-water mark */
	st->bytes_held = h->hwm;
	st->peak_allocated = h->peak_used;
	st->peak_held = h->hwm;
	/* free: the holes below the mark (the rest is untouched region) */
	kml_heap_largest_below(h, h->hwm, &st->largest_free, &run);
	st->total_free = kml_heap_free_below(h, h->hwm);
	st->arena = true;
	st->arena_free = h->free_bytes;	/* with the untouched rest */
	kml_heap_largest(h, &st->arena_largest, &run);
}

/* Peaks restart: the mark falls back to the end of the last live block. */
static void kml_heap_peak_reset(struct kml_heap *h)
{
	u32 gi, end = 0;

	kml_lock_acquire(&h->lock);
	for (gi = 0; gi < h->nr_gran; gi += h->tags[gi].size / h->gran) {
		if (KML_WARN_ON_ONCE(!h->tags[gi].size))
			break;
		if (h->tags[gi].flags & (KML_TAG_USED | KML_TAG_DEAD))
			end = gi * h->gran + h->tags[gi].size;
	}
	h->hwm = end;
	h->peak_used = h->used_bytes;
	kml_lock_release(&h->lock);
}

void kml_heap_stats(struct kml_heap *h, struct kml_alloc_stats *st)
{
	kml_lock_acquire(&h->lock);
	kml_heap_stats_locked(h, st);
	kml_lock_release(&h->lock);
}

int kml_heap_reset(struct kml_heap *h)
{
	kml_lock_acquire(&h->lock);
	kml_heap_reset_locked(h);
	h->stat[KML_HEAP_RESET]++;
	kml_lock_release(&h->lock);
	return 0;
}

/* --- validation ----------------------------------------------------------- */

/* Walk the blocks; count what is wrong; sum what the counters say. */
static unsigned int kml_heap_check_blocks(struct kml_heap *h, u64 *nfree,
					  u64 *freeb)
{
	u64 used = 0, dead = 0, nused = 0, slack, need;
	unsigned int bad = 0;
	bool prev_free = false, last_free = false;
	struct kml_heap_tag *t;
	u32 gi = 0, j, last, state;

	*nfree = 0;
	*freeb = 0;
	while (gi < h->nr_gran) {
		t = &h->tags[gi];
		if (!t->size || t->size % h->gran ||
		    t->size / h->gran > h->nr_gran - gi)
			return bad + 1;		/* no tiling: stop here */
		last = gi + t->size / h->gran - 1;
		if (kml_heap_foot(h, last) != gi)
			bad++;
		for (j = gi + 1; j <= last; j++) {
			if (h->tags[j].size) {
				bad++;
				break;
			}
		}
		state = t->flags & (KML_TAG_USED | KML_TAG_DEAD |
				    KML_TAG_LISTED);
		if (state != KML_TAG_USED && state != KML_TAG_DEAD &&
		    state != KML_TAG_LISTED)
			bad++;
		if (state == KML_TAG_USED || state == KML_TAG_DEAD) {
			need = kml_heap_need(h, t->req);
			slack = t->size - need;
			if (!t->req || need > t->size ||
			    (slack && (h->policy == KML_HEAP_BUMP ||
				       slack >= h->min_split)))
				bad++;
		}
		if (state == KML_TAG_USED) {
			used += t->size;
			nused++;
		} else if (state == KML_TAG_DEAD) {
			dead += t->size;
			if (h->policy != KML_HEAP_BUMP)
				bad++;
		} else if (state == KML_TAG_LISTED) {
			*freeb += t->size;
			(*nfree)++;
			if (h->coalesce && prev_free)
				bad++;
		}
		prev_free = state == KML_TAG_LISTED;
		last_free = prev_free;
		gi = last + 1;
	}
	if (used != h->used_bytes || nused != h->nr_used ||
	    dead != h->dead_bytes || h->peak_used < h->used_bytes)
		bad++;
	if (used + dead + *freeb != h->region_bytes)
		bad++;
	/* The bump arena's only free block is its tail. */
	if (h->policy == KML_HEAP_BUMP && (*nfree > 1 || (*nfree && !last_free)))
		bad++;
	return bad;
}

/* Walk list @l: links, membership, order; add up entries and bytes. */
static unsigned int kml_heap_check_list(struct kml_heap *h, unsigned int l,
					u64 *entries, u64 *bytes)
{
	struct kml_heap_flist *fl = &h->lists[l];
	u32 gi, prev = KML_HEAP_NIL, n = 0;
	unsigned int bad = 0;
	struct kml_heap_tag *t;
	bool have = false;
	u32 last = 0;

	for (gi = fl->head; gi != KML_HEAP_NIL; gi = t->next) {
		if (gi >= h->nr_gran || ++n > h->nr_gran)
			return bad + 1;		/* a wild or looping link */
		t = &h->tags[gi];
		if (!(t->flags & KML_TAG_LISTED) || t->list != l ||
		    t->prev != prev || !t->size)
			bad++;
		if (h->nr_lists > 1 && kml_heap_class(t->size) != l)
			bad++;
		if (h->order == KML_ORDER_ADDR && prev != KML_HEAP_NIL &&
		    gi <= prev)
			bad++;
		if (kml_heap_size_order(h) &&
		    !(t->flags & KML_TAG_DISPLACED)) {
			if (have && (h->order == KML_ORDER_SIZE_ASC ?
				     t->size < last : t->size > last))
				bad++;
			have = true;
			last = t->size;
		}
		*bytes += t->size;
		prev = gi;
	}
	if (fl->tail != prev || fl->len != n)
		bad++;
	*entries += n;
	return bad;
}

static unsigned int kml_heap_validate_locked(struct kml_heap *h)
{
	u64 nfree, freeb, entries = 0, bytes = 0;
	unsigned int bad, l;

	kml_lock_assert_held(&h->lock);
	bad = kml_heap_check_blocks(h, &nfree, &freeb);
	for (l = 0; l < KML_HEAP_NR_CLASSES; l++) {
		if (l >= h->nr_lists) {
			if (h->lists[l].head != KML_HEAP_NIL ||
			    h->lists[l].len)
				bad++;
			continue;
		}
		bad += kml_heap_check_list(h, l, &entries, &bytes);
	}
	if (entries != nfree || bytes != freeb || bytes != h->free_bytes)
		bad++;
	if (h->rover != KML_HEAP_NIL &&
	    (h->rover >= h->nr_gran ||
	     !(h->tags[h->rover].flags & KML_TAG_LISTED)))
		bad++;
	return bad;
}

unsigned int kml_heap_validate(struct kml_heap *h)
{
	unsigned int bad;

	kml_lock_acquire(&h->lock);
	bad = kml_heap_validate_locked(h);
	kml_lock_release(&h->lock);
	return bad;
}

/* --- views ---------------------------------------------------------------- */

static void kml_heap_show_summary(struct kml_heap *h, struct kml_out *out)
{
	u64 block, run, entries = 0;
	unsigned int frag, l;

	kml_heap_largest(h, &block, &run);
	for (l = 0; l < h->nr_lists; l++)
		entries += h->lists[l].len;
	frag = kml_metric_ext_frag(block, h->free_bytes);
	kml_out_printf(out, "largest free block: %llu\n",
		       (unsigned long long)block);
	kml_out_printf(out, "largest free run: %llu\n",
		       (unsigned long long)run);
	kml_out_printf(out, "total free: %llu\n",
		       (unsigned long long)h->free_bytes);
	kml_out_printf(out, "external fragmentation: %u.%u%%\n", frag / 10,
		       frag % 10);
	kml_out_printf(out, "free list length: %llu\n",
		       (unsigned long long)entries);
}

static void kml_heap_show_map(struct kml_heap *h, struct kml_out *out,
			      long (*label)(void *arg, u64 addr), void *arg)
{
	struct kml_heap_tag *t;
	unsigned int l;
	u32 gi;

	kml_out_printf(out,
		       "heap %s: region %u base %llu align %u header %u min_split %u list %s coalesce %s\n",
		       kml_heap_policy_names[h->policy], h->region_bytes,
		       (unsigned long long)h->base, h->align, h->header,
		       h->min_split, kml_heap_order_names[h->order],
		       h->coalesce ? "on" : "off");
	kml_out_printf(out, "%10s %20s %10s %-5s %s%s\n", "offset", "address",
		       "size", "state", "request", label ? " handle" : "");
	for (gi = 0; gi < h->nr_gran; gi += t->size / h->gran) {
		t = &h->tags[gi];
		if (KML_WARN_ON_ONCE(!t->size))
			break;
		kml_out_printf(out, "%10llu %20llu %10u ",
			       (unsigned long long)gi * h->gran,
			       (unsigned long long)kml_heap_gaddr(h, gi),
			       t->size);
		if (t->flags & (KML_TAG_USED | KML_TAG_DEAD)) {
			long name = -1;

			if (label && (t->flags & KML_TAG_USED))
				name = label(arg, kml_heap_gaddr(h, gi));
			kml_out_printf(out, "%-5s %u", t->flags & KML_TAG_USED ?
				       "used" : "dead", t->req);
			if (name >= 0)
				kml_out_printf(out, " %ld", name);
			kml_out_printf(out, "\n");
		} else {
			kml_out_printf(out, "free\n");
		}
	}
	kml_heap_show_summary(h, out);
	if (h->nr_lists == 1)
		return;
	for (l = 0; l < h->nr_lists; l++)
		if (h->lists[l].len)
			kml_out_printf(out, "class %u (%llu..%llu): %u free\n",
				       l, 1ULL << l, (2ULL << l) - 1,
				       h->lists[l].len);
}

static void kml_heap_show_stats(struct kml_heap *h, struct kml_out *out)
{
	struct kml_alloc_stats st;
	unsigned int i;

	kml_heap_stats_locked(h, &st);
	kml_out_printf(out, "policy %s\n", kml_heap_policy_names[h->policy]);
	kml_out_printf(out, "bytes_allocated %llu\n",
		       (unsigned long long)st.bytes_allocated);
	kml_out_printf(out, "peak_allocated %llu\n",
		       (unsigned long long)st.peak_allocated);
	kml_out_printf(out, "bytes_held %llu\n",
		       (unsigned long long)st.bytes_held);
	kml_out_printf(out, "blocks_allocated %llu\n",
		       (unsigned long long)h->nr_used);
	kml_out_printf(out, "bytes_dead %llu\n",
		       (unsigned long long)h->dead_bytes);
	kml_out_printf(out, "largest_free %llu\n",
		       (unsigned long long)st.largest_free);
	kml_out_printf(out, "total_free %llu\n",
		       (unsigned long long)st.total_free);
	for (i = 0; i < KML_HEAP_STAT_NR; i++)
		kml_out_printf(out, "%s %llu\n", kml_heap_stat_names[i],
			       (unsigned long long)h->stat[i]);
}

int kml_heap_show(struct kml_heap *h, enum kml_view view, struct kml_out *out)
{
	int rc = 0;

	kml_lock_acquire(&h->lock);
	switch (view) {
	case KML_VIEW_HEAPMAP:
		kml_heap_show_map(h, out, NULL, NULL);
		break;
	case KML_VIEW_STATS:
		kml_heap_show_stats(h, out);
		break;
	case KML_VIEW_FRAG:
		kml_heap_show_summary(h, out);
		break;
	default:
		rc = -ENOENT;
		break;
	}
	kml_lock_release(&h->lock);
	return rc;
}

/* --- backends ------------------------------------------------------------- */

static int kml_heap_create_as(enum kml_heap_policy policy,
			      const struct kml_params *p, u32 inst_id,
			      void **priv)
{
	struct kml_heap *h;
	int rc;

	rc = kml_heap_create(policy, p, inst_id, &h);
	if (!rc)
		*priv = h;
	return rc;
}

static int kml_heap_op_create_first(const struct kml_params *p, u32 id,
				    void **priv)
{
	return kml_heap_create_as(KML_HEAP_FIRST_FIT, p, id, priv);
}

static int kml_heap_op_create_next(const struct kml_params *p, u32 id,
				   void **priv)
{
	return kml_heap_create_as(KML_HEAP_NEXT_FIT, p, id, priv);
}

static int kml_heap_op_create_best(const struct kml_params *p, u32 id,
				   void **priv)
{
	return kml_heap_create_as(KML_HEAP_BEST_FIT, p, id, priv);
}

static int kml_heap_op_create_worst(const struct kml_params *p, u32 id,
				    void **priv)
{
	return kml_heap_create_as(KML_HEAP_WORST_FIT, p, id, priv);
}

static int kml_heap_op_create_seg(const struct kml_params *p, u32 id,
				  void **priv)
{
	return kml_heap_create_as(KML_HEAP_SEGREGATED, p, id, priv);
}

static int kml_heap_op_create_bump(const struct kml_params *p, u32 id,
				   void **priv)
{
	return kml_heap_create_as(KML_HEAP_BUMP, p, id, priv);
}

static void kml_heap_op_destroy(void *priv)
{
	kml_heap_destroy(priv);
}

static void *kml_heap_op_alloc(void *priv, size_t size)
{
	return kml_heap_alloc(priv, size);
}

static int kml_heap_op_free(void *priv, void *ptr, size_t size)
{
	return kml_heap_free(priv, ptr, size);
}

static size_t kml_heap_op_usable(void *priv, size_t size)
{
	return kml_heap_usable(priv, size);
}

static size_t kml_heap_op_max_size(void *priv)
{
	return kml_heap_max_size(priv);
}

static void kml_heap_op_stats(void *priv, struct kml_alloc_stats *st)
{
	kml_heap_stats(priv, st);
}

static unsigned int kml_heap_op_validate(void *priv)
{
	return kml_heap_validate(priv);
}

static int kml_heap_op_show(void *priv, enum kml_view view,
			    struct kml_out *out)
{
	return kml_heap_show(priv, view, out);
}

static int kml_heap_op_reset(void *priv)
{
	return kml_heap_reset(priv);
}

static void kml_heap_op_peak_reset(void *priv)
{
	kml_heap_peak_reset(priv);
}

static u64 kml_heap_op_addr(void *priv, const void *ptr)
{
	return kml_heap_addr(priv, ptr);
}

/*
 * A step as malloc.py prints it, with the whole free list (a step keeps
 * only its first KML_HEAP_STEP_LIST entries): read under the lock, after
 * the operation; the engine's locks keep anyone else off the heap between.
 */
static void kml_heap_show_step(struct kml_heap *h,
			       const struct kml_heap_step *step, u32 handle,
			       struct kml_out *out)
{
	unsigned int l;
	u32 gi;

	kml_heap_render_op(step, handle, KML_HEAP_RENDER_PAYLOAD, out);
	kml_lock_acquire(&h->lock);
	kml_out_printf(out, "Free List [ Size %u ]: ", step->nr_free);
	for (l = 0; l < h->nr_lists; l++)
		for (gi = h->lists[l].head; gi != KML_HEAP_NIL;
		     gi = h->tags[gi].next)
			kml_out_printf(out, "[ addr:%llu sz:%u ]",
				       (unsigned long long)kml_heap_gaddr(h, gi),
				       h->tags[gi].size);
	kml_lock_release(&h->lock);
	kml_out_printf(out, "\n\n");
}

static void *kml_heap_op_alloc_show(void *priv, size_t size, u32 handle,
				    struct kml_out *out)
{
	struct kml_heap *h = priv;
	struct kml_heap_step *step = &h->cmd_step;
	void *ptr = kml_heap_alloc_step(h, size, step);

	/* a failure is a step too: malloc.py's "returned -1" */
	kml_out_printf(out, " addr=%lld searched=%u\n",
		       ptr ? (long long)kml_heap_addr(h, ptr) : -1LL,
		       step->searched);
	kml_heap_show_step(h, step, handle, out);
	return ptr;
}

static int kml_heap_op_free_show(void *priv, void *ptr, size_t size,
				 u32 handle, struct kml_out *out)
{
	struct kml_heap *h = priv;
	int ret = kml_heap_free_step(h, ptr, size, &h->cmd_step);

	if (!ret)
		kml_heap_show_step(h, &h->cmd_step, handle, out);
	return ret;
}

static int kml_heap_op_show_labelled(void *priv, enum kml_view view,
				     struct kml_out *out,
				     long (*label)(void *arg, u64 addr),
				     void *arg)
{
	struct kml_heap *h = priv;

	if (view != KML_VIEW_HEAPMAP)
		return -ENOENT;
	kml_lock_acquire(&h->lock);
	kml_heap_show_map(h, out, label, arg);
	kml_lock_release(&h->lock);
	return 0;
}

/*
 * A header needs room for a payload: it must be below the region. The
 * tags bound the granules (kml_heap_create() returns -E2BIG): say so here,
 * with the way out.
 */
static int kml_heap_op_check(const struct kml_params *p, u32 given,
			     struct kml_out *why)
{
	u64 region = p->pool_bytes ? p->pool_bytes : KML_HEAP_DEF_REGION;
	u32 align = p->align ? p->align : KML_HEAP_DEF_ALIGN;
	u64 gran;

	if (p->pool_bytes && p->header >= p->pool_bytes) {
		kml_out_printf(why,
			       "header=%u: not below the region size pool=%llu",
			       p->header, (unsigned long long)p->pool_bytes);
		return -EINVAL;
	}
	if (align > KML_HEAP_MAX_ALIGN || region > KML_HEAP_MAX_REGION)
		return 0;	/* refused with their own message */
	gran = kml_heap_gcd(kml_heap_gcd(region, align), p->header);
	if (region / gran > KML_HEAP_MAX_GRANULES) {
		kml_out_printf(why,
			       "pool=%llu: %llu granules of %llu bytes (gcd of pool, align=%u, header=%u), above the %u a heap may have (16 bytes of tags each); raise align= to make them larger",
			       (unsigned long long)region,
			       (unsigned long long)(region / gran),
			       (unsigned long long)gran, align, p->header,
			       KML_HEAP_MAX_GRANULES);
		return -E2BIG;
	}
	return 0;
}

/* The keys of every teaching heap, and of the fit policies. */
#define KML_HEAP_KEYS	(KML_PKB(POOL) | KML_PKB(ALIGN) | KML_PKB(BASE) | \
			 KML_PKB(ZERO) | KML_PKB(OSTEP))
#define KML_HEAP_FIT_KEYS (KML_HEAP_KEYS | KML_PKB(HEADER) | \
			   KML_PKB(MIN_SPLIT) | KML_PKB(CHECK) | \
			   KML_PKB(COALESCE))

#define KML_HEAP_BACKEND(_name, _desc, _create, _keys)	\
	{						\
		.name = _name,				\
		.desc = _desc,				\
		.family = KML_FAMILY_HEAP,		\
		.ours = true,				\
		.keys = _keys,				\
		.max_pool = KML_HEAP_MAX_REGION,	\
		.check = kml_heap_op_check,		\
		.create = _create,			\
		.destroy = kml_heap_op_destroy,		\
		.alloc = kml_heap_op_alloc,		\
		.free = kml_heap_op_free,		\
		.usable = kml_heap_op_usable,		\
		.max_size = kml_heap_op_max_size,	\
		.stats = kml_heap_op_stats,		\
		.validate = kml_heap_op_validate,	\
		.show = kml_heap_op_show,		\
		.reset = kml_heap_op_reset,		\
		.peak_reset = kml_heap_op_peak_reset,	\
		.addr = kml_heap_op_addr,		\
		.alloc_show = kml_heap_op_alloc_show,	\
		.free_show = kml_heap_op_free_show,	\
		.show_labelled = kml_heap_op_show_labelled, \
	}

/*
 * One backend per placement policy, indexed by enum kml_heap_policy. Add
 * a policy here: its enum value (heap.h), its search, this entry.
 */
const struct kml_backend kml_heap_backends[KML_HEAP_POLICY_NR] = {
	[KML_HEAP_FIRST_FIT] =
	KML_HEAP_BACKEND("first-fit", "teaching heap, first fit",
			 kml_heap_op_create_first,
			 KML_HEAP_FIT_KEYS | KML_PKB(LIST)),
	[KML_HEAP_NEXT_FIT] =
	KML_HEAP_BACKEND("next-fit", "teaching heap, next fit (roving pointer)",
			 kml_heap_op_create_next,
			 KML_HEAP_FIT_KEYS | KML_PKB(LIST)),
	[KML_HEAP_BEST_FIT] =
	KML_HEAP_BACKEND("best-fit", "teaching heap, best fit",
			 kml_heap_op_create_best,
			 KML_HEAP_FIT_KEYS | KML_PKB(LIST)),
	[KML_HEAP_WORST_FIT] =
	KML_HEAP_BACKEND("worst-fit", "teaching heap, worst fit",
			 kml_heap_op_create_worst,
			 KML_HEAP_FIT_KEYS | KML_PKB(LIST)),
	[KML_HEAP_SEGREGATED] =
	KML_HEAP_BACKEND("segregated",
			 "teaching heap, segregated fits (power-of-two classes)",
			 kml_heap_op_create_seg, KML_HEAP_FIT_KEYS),
	[KML_HEAP_BUMP] =
	KML_HEAP_BACKEND("bump", "bump arena, free is a no-op, reset frees all",
			 kml_heap_op_create_bump, KML_HEAP_KEYS),
};

const unsigned int kml_nr_heap_backends = ARRAY_SIZE(kml_heap_backends);
