/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmemlab's teaching heaps: first-fit, next-fit, best-fit, worst-fit,
 * segregated fits and a bump arena over one contiguous region, with a step
 * mode that reports what OSTEP's free-space simulator (vm-freespace/malloc.py)
 * prints, so classroom exercises can be mirrored exactly.
 * See heap.c for the theory.
 */
#ifndef KML_HEAP_H
#define KML_HEAP_H

#include "platform.h"
#include "ops.h"
#include "out.h"

struct kml_heap;

/* The placement policies; one backend each. */
enum kml_heap_policy {
	KML_HEAP_FIRST_FIT,	/* "first-fit": first block that fits */
	KML_HEAP_NEXT_FIT,	/* "next-fit": first fit from a roving pointer */
	KML_HEAP_BEST_FIT,	/* "best-fit": smallest block that fits */
	KML_HEAP_WORST_FIT,	/* "worst-fit": largest block */
	KML_HEAP_SEGREGATED,	/* "segregated": power-of-two class lists */
	KML_HEAP_BUMP,		/* "bump": pointer bump, reset frees all */
	KML_HEAP_POLICY_NR,
};

/* Counters of one heap (name table kml_heap_stat_names in heap.c). */
enum kml_heap_stat {
	KML_HEAP_ALLOC,		/* blocks handed out */
	KML_HEAP_FREE,		/* blocks taken back (bump: no-op frees) */
	KML_HEAP_FAIL,		/* allocations that found no block */
	KML_HEAP_SEARCHED,	/* free-list entries examined, all searches */
	KML_HEAP_SPLIT,		/* blocks split, remainder left free */
	KML_HEAP_COALESCE,	/* neighbour merges on free */
	KML_HEAP_RESET,		/* resets (everything freed at once) */
	KML_HEAP_BAD_OUTSIDE,	/* frees of pointers outside the region */
	KML_HEAP_BAD_NOT_BLOCK,	/* frees inside it, not at a block's payload */
	KML_HEAP_BAD_DOUBLE,	/* frees of a block that is not allocated */
	KML_HEAP_BAD_SIZE,	/* frees whose size differs from the request */
	KML_HEAP_STAT_NR,
};

extern const char * const kml_heap_stat_names[KML_HEAP_STAT_NR];

/*
 * Largest region (kml_region_alloc(): virtually contiguous). The module's
 * budget (max_pool_mb) bounds it further: the region and its tags are
 * charged to it.
 */
#define KML_HEAP_MAX_REGION	(256ULL << 20)
/* Most granules (see heap.c) a region may have: 16 bytes of tags each. */
#define KML_HEAP_MAX_GRANULES	(32u * 1024 * 1024)
/* Largest alignment. */
#define KML_HEAP_MAX_ALIGN	4096u
/* Segregated fits: class c holds free blocks of [2^c, 2^(c+1)) bytes. */
#define KML_HEAP_NR_CLASSES	29
/* Free-list entries a step records (the rest are only counted). */
#define KML_HEAP_STEP_LIST	32

/* One free-list entry as a step reports it. */
struct kml_heap_entry {
	u64 addr;		/* display address: base + offset */
	u64 size;		/* block bytes, header included */
};

/**
 * struct kml_heap_step - what one operation did, in OSTEP's terms
 * @is_free: the operation was a free (else an allocation)
 * @ok: the allocation found a block / the free was accepted
 * @ret: free: 0 or the negative errno it returned; alloc: 0 or -ENOMEM
 * @request: alloc: bytes requested; free: the block's requested bytes
 * @addr: display address of the block (base + offset), valid when @ok
 * @block: bytes of the block handed out or freed (header included)
 * @header: the heap's header bytes (OSTEP's random mode adds them)
 * @searched: free-list entries examined by the search
 * @nr_free: entries on the free list(s) after the operation
 * @nr_listed: entries stored in @list (at most KML_HEAP_STEP_LIST)
 * @list: the free list after the operation, in list order (segregated
 *        fits: class by class, smallest class first)
 *
 * About 600 bytes: kernel callers keep it off the stack.
 */
struct kml_heap_step {
	bool is_free;
	bool ok;
	int ret;
	u64 request;
	u64 addr;
	u64 block;
	u32 header;
	unsigned int searched;
	unsigned int nr_free;
	unsigned int nr_listed;
	struct kml_heap_entry list[KML_HEAP_STEP_LIST];
};

/* kml_heap_step_render() flags. */
enum {
	/*
	 * Print payload addresses (block + header; -1 + header on failure)
	 * as malloc.py does for random operations; without it, block
	 * addresses (-1 on failure) as it does for an -A operation list.
	 */
	KML_HEAP_RENDER_PAYLOAD = 1u << 0,
	/* Print only the "Free List [ Size N ]: ..." line. */
	KML_HEAP_RENDER_LIST	= 1u << 1,
};

/**
 * struct kml_heap_block - one block, as kml_heap_block() describes it
 * @addr: display address of its first byte (base + offset)
 * @offset: offset in the region
 * @size: bytes, header included
 * @request: bytes requested (allocated blocks), else 0
 * @used: allocated
 * @dead: bump arena: freed, not reusable until reset
 */
struct kml_heap_block {
	u64 addr;
	u64 offset;
	u64 size;
	u64 request;
	bool used;
	bool dead;
};

/**
 * kml_heap_create() - build a heap over a new region
 * @policy: the placement policy
 * @p: parameters (zero fields take defaults): pool_bytes region size
 *     (default 1 MiB, at most KML_HEAP_MAX_REGION), base display address
 *     of offset 0 (default 0), align (default 8, any 1..4096; sizes are
 *     rounded up to it before the header is added), header bytes counted
 *     into every block (default 0), min_split smallest remainder split off
 *     (default 1: split whenever something remains), list_order, flags
 *     (KML_F_NO_COALESCE, KML_F_ZERO; KML_F_CHECK is accepted, the
 *     checks are always on; other flags are refused)
 * @inst_id: the caller's instance id
 * @hp: where the heap is stored on success
 *
 * Return: 0; -EINVAL for a bad parameter; -E2BIG when the region is too
 * large or needs more than KML_HEAP_MAX_GRANULES granules; -ENOMEM.
 */
int kml_heap_create(enum kml_heap_policy policy, const struct kml_params *p,
		    u32 inst_id, struct kml_heap **hp);

/**
 * kml_heap_destroy() - release the region and the metadata
 * @h: the heap, or NULL
 */
void kml_heap_destroy(struct kml_heap *h);

/**
 * kml_heap_alloc() - allocate @size bytes
 * @h: the heap
 * @size: bytes requested (1..kml_heap_max_size())
 *
 * Return: the payload (the block's start plus the header), or NULL.
 */
void *kml_heap_alloc(struct kml_heap *h, size_t size);

/**
 * kml_heap_free() - free a payload returned by kml_heap_alloc()
 * @h: the heap
 * @ptr: the payload
 * @size: the size it was allocated with, or 0 not to check it
 *
 * A bad free (outside the region, not a block's payload, a block that is
 * not allocated, a size that differs) is counted and refused.
 *
 * Return: 0, or -EINVAL for a bad free (nothing changed).
 */
int kml_heap_free(struct kml_heap *h, void *ptr, size_t size);

/**
 * kml_heap_alloc_step() - kml_heap_alloc() and report it in @step
 * @h: the heap
 * @size: bytes requested
 * @step: filled with the result, the search count and the free list
 *
 * Return: the payload, or NULL.
 */
void *kml_heap_alloc_step(struct kml_heap *h, size_t size,
			  struct kml_heap_step *step);

/**
 * kml_heap_free_step() - kml_heap_free() and report it in @step
 * @h: the heap
 * @ptr: the payload
 * @size: its size, or 0
 * @step: filled with the result and the free list
 *
 * Return: 0, or -EINVAL for a bad free.
 */
int kml_heap_free_step(struct kml_heap *h, void *ptr, size_t size,
		       struct kml_heap_step *step);

/**
 * kml_heap_list() - report the free list as it is, without an operation
 * @h: the heap
 * @step: cleared, then its free-list fields filled
 */
void kml_heap_list(struct kml_heap *h, struct kml_heap_step *step);

/**
 * kml_heap_step_render() - print a step exactly as OSTEP's malloc.py does
 * @step: the step
 * @index: the ptr[] index of the operation (the caller's handle)
 * @flags: KML_HEAP_RENDER_*
 * @out: destination
 *
 * Prints "ptr[i] = Alloc(n) returned A (searched N elements)" or
 * "Free(ptr[i])" and "returned 0|-1", then the "Free List [ Size N ]: ..."
 * line and an empty line (KML_HEAP_RENDER_LIST: the list line alone). A
 * list longer than the step holds ends in "[ ... ]".
 */
void kml_heap_step_render(const struct kml_heap_step *step,
			  unsigned int index, unsigned int flags,
			  struct kml_out *out);

/**
 * kml_heap_addr() - display address of the block a payload belongs to
 * @h: the heap
 * @ptr: a payload pointer
 *
 * Return: base + offset of the block start (payload minus header); not
 * checked against the block layout.
 */
u64 kml_heap_addr(struct kml_heap *h, const void *ptr);

/**
 * kml_heap_ptr() - payload pointer of the block at a display address
 * @h: the heap
 * @addr: the block's display address (base + offset)
 *
 * Return: the payload pointer (block start plus header), or NULL when
 * @addr is outside the region. Freeing it frees that block.
 */
void *kml_heap_ptr(struct kml_heap *h, u64 addr);

/**
 * kml_heap_block() - describe the block that starts at a display address
 * @h: the heap
 * @addr: display address
 * @b: filled on success
 *
 * Return: 0, or -ENOENT when no block starts there.
 */
int kml_heap_block(struct kml_heap *h, u64 addr, struct kml_heap_block *b);

/**
 * kml_heap_usable() - bytes a request occupies
 * @h: the heap
 * @size: bytes requested
 *
 * The block handed out is larger, by less than min_split, when the rest of
 * the free block it was cut from was too small to split off; the real
 * size is in kml_heap_block().
 *
 * Return: @size rounded up to the alignment, plus the header; 0 above
 * kml_heap_max_size().
 */
size_t kml_heap_usable(struct kml_heap *h, size_t size);

/**
 * kml_heap_max_size() - largest request that fits the empty region
 * @h: the heap
 *
 * Return: bytes.
 */
size_t kml_heap_max_size(struct kml_heap *h);

/**
 * kml_heap_stats() - the common counters of struct kml_alloc_stats
 * @h: the heap
 * @st: filled
 */
void kml_heap_stats(struct kml_heap *h, struct kml_alloc_stats *st);

/**
 * kml_heap_stat() - one of the heap's own counters
 * @h: the heap
 * @which: the counter
 *
 * Return: its value.
 */
u64 kml_heap_stat(struct kml_heap *h, enum kml_heap_stat which);

/**
 * kml_heap_extfrag() - external fragmentation x1000
 * @h: the heap
 *
 * Return: (total_free - largest_free) * 1000 / total_free, rounded down as
 * kml_metric_ext_frag() does (0 when nothing is free).
 */
unsigned int kml_heap_extfrag(struct kml_heap *h);

/**
 * kml_heap_validate() - check every invariant (see heap.c)
 * @h: the heap
 *
 * Return: the number of violated invariants, 0 when healthy.
 */
unsigned int kml_heap_validate(struct kml_heap *h);

/**
 * kml_heap_show() - render a view
 * @h: the heap
 * @view: KML_VIEW_HEAPMAP, KML_VIEW_STATS or KML_VIEW_FRAG
 * @out: destination
 *
 * Return: 0, or -ENOENT for another view.
 */
int kml_heap_show(struct kml_heap *h, enum kml_view view, struct kml_out *out);

/**
 * kml_heap_reset() - free every block at once
 * @h: the heap
 *
 * The region becomes one free block; cumulative counters and peaks stay.
 *
 * Return: 0.
 */
int kml_heap_reset(struct kml_heap *h);

/**
 * kml_heap_policy_name() - the backend name of a policy
 * @policy: the policy
 *
 * Return: e.g. "best-fit", or "?" for an unknown value.
 */
const char *kml_heap_policy_name(enum kml_heap_policy policy);

#endif /* KML_HEAP_H */
