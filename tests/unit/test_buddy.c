// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the buddy core and the "buddy" backend: exact split and
 * merge sequences with the free lists they leave, the per-CPU cache, every
 * bad-free detection, page-source exhaustion, a seeded random run against
 * a reference model, and several threads on the per-CPU caches.
 */
#include <check.h>
#include <pthread.h>
#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define HAVE_ASAN 1
#endif

#include "buddy.h"
#include "list.h"
#include "ops.h"
#include "unit.h"

#define MIB		(1ULL << 20)
#define CHUNK		(4 * MIB)
#define PG		KML_PAGE_SIZE
#define NR_CPUS		4

/* --- helpers ------------------------------------------------------------ */

/* Assert that free list @order holds exactly @n blocks, heads @want[]. */
static void expect_list(struct kml_buddy *b, unsigned int order,
			const unsigned long *want, unsigned int n)
{
	unsigned long got[64];
	unsigned int len, i;

	len = kml_buddy_free_list(b, order, got, 64);
	ck_assert_msg(len == n, "order %u: %u blocks, want %u", order, len, n);
	ck_assert_uint_eq(kml_buddy_nr_free(b, order), n);
	for (i = 0; i < n && i < 64; i++)
		ck_assert_msg(got[i] == want[i],
			      "order %u entry %u: %lu, want %lu", order, i,
			      got[i], want[i]);
}

static void expect_empty(struct kml_buddy *b, unsigned int order)
{
	expect_list(b, order, NULL, 0);
}

static unsigned long idx_of(struct kml_buddy *b, void *p)
{
	unsigned long idx = kml_buddy_page_index(b, p);

	ck_assert_uint_ne(idx, KML_BUDDY_NO_PAGE);
	return idx;
}

static unsigned int my_cpu(void)
{
	unsigned int cpu = kml_cpu_get();

	kml_cpu_put();
	return cpu;
}

static unsigned long free_pages_on_lists(struct kml_buddy *b)
{
	unsigned long n = 0;
	unsigned int o;

	for (o = 0; o <= KML_MAX_ORDER; o++)
		n += kml_buddy_nr_free(b, o) << o;
	return n;
}

/* --- creation and layout ------------------------------------------------ */

START_TEST(test_buddy_create_layout)
{
	struct kml_buddy *b = kml_buddy_create(3 * CHUNK - 1, false, 0);
	static const unsigned long heads[] = { 0, 1024, 2048 };
	unsigned long i;
	unsigned int o;

	ck_assert_ptr_nonnull(b);
	/* 12 MiB - 1 rounds up to three chunks. */
	ck_assert_uint_eq(kml_buddy_pool_pages(b), 3 * 1024);
	expect_list(b, KML_MAX_ORDER, heads, 3);
	for (o = 0; o < KML_MAX_ORDER; o++)
		expect_empty(b, o);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);

	/* Index -> address -> index round trips; chunks ascend in memory. */
	for (i = 0; i < 3 * 1024; i += 37) {
		char *p = kml_buddy_page_addr(b, i);

		ck_assert_ptr_nonnull(p);
		ck_assert(kml_buddy_owns(b, p));
		ck_assert(kml_buddy_owns(b, p + PG - 1));
		ck_assert_uint_eq(kml_buddy_page_index(b, p), i);
		ck_assert_uint_eq(kml_buddy_page_index(b, p + 1),
				  KML_BUDDY_NO_PAGE);
	}
	ck_assert((unsigned long)kml_buddy_page_addr(b, 0) <
		  (unsigned long)kml_buddy_page_addr(b, 1024));
	ck_assert((unsigned long)kml_buddy_page_addr(b, 1024) <
		  (unsigned long)kml_buddy_page_addr(b, 2048));
	/* Chunks come naturally aligned from the page source. */
	ck_assert_uint_eq((unsigned long)kml_buddy_page_addr(b, 1024) %
			  CHUNK, 0);
	ck_assert_ptr_null(kml_buddy_page_addr(b, 3 * 1024));
	ck_assert(!kml_buddy_owns(b, &i));
	ck_assert_uint_eq(kml_buddy_page_index(b, &i), KML_BUDDY_NO_PAGE);
	kml_buddy_destroy(b);
}
END_TEST

START_TEST(test_buddy_create_rejects_bad_sizes)
{
	ck_assert_ptr_null(kml_buddy_create(0, true, 0));
	ck_assert_ptr_null(kml_buddy_create((KML_BUDDY_MAX_CHUNKS + 1) * CHUNK,
					    true, 0));
	ck_assert_uint_eq(kml_sim_pages_in_use(), 0);
}
END_TEST

START_TEST(test_buddy_page_source_exhaustion)
{
	struct kml_buddy *b;
	struct kml_params p = { .pool_bytes = 3 * CHUNK };
	void *priv = NULL;

	/* Room for two chunks: the third fails and the first two go back. */
	kml_sim_page_limit(2 * 1024);
	ck_assert_ptr_null(kml_buddy_create(3 * CHUNK, true, 0));
	ck_assert_uint_eq(kml_sim_pages_in_use(), 0);
	ck_assert_int_eq(kml_backend_buddy.create(&p, 1, &priv), -ENOMEM);
	ck_assert_uint_eq(kml_sim_pages_in_use(), 0);

	b = kml_buddy_create(2 * CHUNK, true, 0);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(kml_sim_pages_in_use(), 2 * 1024);
	ck_assert_ptr_null(kml_buddy_create(CHUNK, true, 0));
	kml_buddy_destroy(b);
	ck_assert_uint_eq(kml_sim_pages_in_use(), 0);
	kml_sim_page_limit(0);
}
END_TEST

/* --- exact split and merge sequences ------------------------------------- */

START_TEST(test_buddy_split_then_merge_sequence)
{
	struct kml_buddy *b = kml_buddy_create(CHUNK, false, 7);
	static const unsigned long l1[] = { 1 }, l0[] = { 0 };
	void *p0, *p1, *p2, *p4;
	unsigned int o;

	ck_assert_ptr_nonnull(b);
	kml_trace_on = true;

	/*
	 * Order 0 from a lone order-10 block: expand() keeps the lower half
	 * ten times and frees the upper halves, so order k holds index 2^k.
	 */
	p0 = kml_buddy_alloc(b, 0);
	ck_assert_uint_eq(idx_of(b, p0), 0);
	ck_assert_ptr_eq(p0, kml_buddy_page_addr(b, 0));
	for (o = 0; o < KML_MAX_ORDER; o++) {
		unsigned long want = 1UL << o;

		expect_list(b, o, &want, 1);
	}
	expect_empty(b, KML_MAX_ORDER);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_SPLIT), 10);

	/* The rest come straight off their lists: no more splits. */
	p1 = kml_buddy_alloc(b, 0);
	ck_assert_uint_eq(idx_of(b, p1), 1);
	p4 = kml_buddy_alloc(b, 2);
	ck_assert_uint_eq(idx_of(b, p4), 4);
	p2 = kml_buddy_alloc(b, 1);
	ck_assert_uint_eq(idx_of(b, p2), 2);
	for (o = 0; o < 3; o++)
		expect_empty(b, o);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_SPLIT), 10);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);

	/* Free 1: its buddy 1 ^ 1 = 0 is allocated, so no merge. */
	ck_assert_int_eq(kml_buddy_free(b, p1, 0), 0);
	expect_list(b, 0, l1, 1);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_MERGE), 0);

	/* Free 0: merges with 1 into order-1 block 0; 0 ^ 2 = 2 is in use. */
	ck_assert_int_eq(kml_buddy_free(b, p0, 0), 0);
	expect_empty(b, 0);
	expect_list(b, 1, l0, 1);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_MERGE), 1);

	/* Free 2 (order 1): buddy 0 is free at order 1 -> order-2 block 0. */
	ck_assert_int_eq(kml_buddy_free(b, p2, 1), 0);
	expect_empty(b, 1);
	expect_list(b, 2, l0, 1);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_MERGE), 2);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);

	/* Free 4 (order 2): merges up 2->3 ... 9->10, eight more merges. */
	ck_assert_int_eq(kml_buddy_free(b, p4, 2), 0);
	for (o = 0; o < KML_MAX_ORDER; o++)
		expect_empty(b, o);
	expect_list(b, KML_MAX_ORDER, l0, 1);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_MERGE), 10);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_ALLOC), 4);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_FREE), 4);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);

	/* The trace hooks fired once per event. */
	ck_assert_uint_eq(kml_trace_counts[KML_TRACE_BUDDY_ALLOC], 4);
	ck_assert_uint_eq(kml_trace_counts[KML_TRACE_BUDDY_FREE], 4);
	ck_assert_uint_eq(kml_trace_counts[KML_TRACE_BUDDY_SPLIT], 10);
	ck_assert_uint_eq(kml_trace_counts[KML_TRACE_BUDDY_MERGE], 10);
	kml_buddy_destroy(b);
}
END_TEST

START_TEST(test_buddy_free_list_is_lifo_and_merge_needs_same_order)
{
	struct kml_buddy *b = kml_buddy_create(CHUNK, false, 0);
	static const unsigned long l20[] = { 2, 0 }, l0[] = { 0 };
	static const unsigned long l4[] = { 4 }, l8[] = { 8 };
	void *p[4], *q;
	unsigned int i;

	for (i = 0; i < 4; i++) {
		p[i] = kml_buddy_alloc(b, 0);
		ck_assert_uint_eq(idx_of(b, p[i]), i);
	}
	/* Buddies 1 and 3 stay allocated: 0 and 2 sit side by side. */
	ck_assert_int_eq(kml_buddy_free(b, p[0], 0), 0);
	ck_assert_int_eq(kml_buddy_free(b, p[2], 0), 0);
	expect_list(b, 0, l20, 2);
	/* The head (the last freed) is taken first. */
	q = kml_buddy_alloc(b, 0);
	ck_assert_ptr_eq(q, p[2]);
	expect_list(b, 0, l0, 1);

	/*
	 * Block 4 is free at order 2 and block 0..3 is not: freeing 1 merges
	 * 0+1 into order-1 block 0, whose order-1 buddy 2 is allocated; block
	 * 4 (order 2) is never merged with a block of another order.
	 */
	ck_assert_int_eq(kml_buddy_free(b, p[1], 0), 0);
	expect_empty(b, 0);
	expect_list(b, 1, l0, 1);
	expect_list(b, 2, l4, 1);
	expect_list(b, 3, l8, 1);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);

	ck_assert_int_eq(kml_buddy_free(b, q, 0), 0);
	ck_assert_int_eq(kml_buddy_free(b, p[3], 0), 0);
	expect_list(b, KML_MAX_ORDER, l0, 1);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);
	kml_buddy_destroy(b);
}
END_TEST

START_TEST(test_buddy_blocks_aligned_to_their_size)
{
	struct kml_buddy *b = kml_buddy_create(2 * CHUNK, false, 0);
	void *p[KML_NR_ORDERS];
	unsigned int o;

	/* One block of every order from 9 down to 0, then one order 10. */
	for (o = KML_MAX_ORDER; o-- > 0;) {
		p[o] = kml_buddy_alloc(b, o);
		ck_assert_ptr_nonnull(p[o]);
		ck_assert_uint_eq((unsigned long)p[o] % (PG << o), 0);
		ck_assert_uint_eq(idx_of(b, p[o]) % (1UL << o), 0);
	}
	p[KML_MAX_ORDER] = kml_buddy_alloc(b, KML_MAX_ORDER);
	ck_assert_ptr_nonnull(p[KML_MAX_ORDER]);
	ck_assert_uint_eq((unsigned long)p[KML_MAX_ORDER] % CHUNK, 0);
	/* 1023 of the first chunk's pages are taken: one page is left. */
	ck_assert_uint_eq(free_pages_on_lists(b), 1);
	ck_assert_uint_eq(kml_buddy_nr_free(b, 0), 1);
	ck_assert_ptr_null(kml_buddy_alloc(b, 1));
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_FAIL), 1);
	ck_assert_ptr_null(kml_buddy_alloc(b, KML_MAX_ORDER + 1));
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_FAIL), 2);
	for (o = 0; o <= KML_MAX_ORDER; o++)
		ck_assert_int_eq(kml_buddy_free(b, p[o], o), 0);
	ck_assert_uint_eq(kml_buddy_nr_free(b, KML_MAX_ORDER), 2);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);
	kml_buddy_destroy(b);
}
END_TEST

/* --- per-CPU cache ------------------------------------------------------ */

START_TEST(test_buddy_pcp_refill_hit_miss)
{
	struct kml_buddy *b = kml_buddy_create(CHUNK, true, 0);
	unsigned int cpu = my_cpu(), batch, i;
	void *p[9];
	unsigned int o;

	ck_assert_ptr_nonnull(b);
	batch = kml_buddy_pcp_batch(b);
	/* 6 * 8 = 48, under a quarter of 1024 pages over 4 CPUs (64). */
	ck_assert_uint_eq(batch, 8);
	ck_assert_uint_eq(kml_buddy_pcp_high(b), 48);

	/* Empty cache: a miss refills a batch of pages 0..7, 0 is taken. */
	p[0] = kml_buddy_alloc(b, 0);
	ck_assert_uint_eq(idx_of(b, p[0]), 0);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_PCP_MISS), 1);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_PCP_HIT), 0);
	ck_assert_uint_eq(kml_buddy_pcp_count(b, cpu), 7);
	/* buddyinfo leaves the 7 cached pages out: 1024 - 8 on the lists. */
	ck_assert_uint_eq(free_pages_on_lists(b), 1016);
	for (o = 0; o < 3; o++)
		ck_assert_uint_eq(kml_buddy_nr_free(b, o), 0);
	for (o = 3; o < KML_MAX_ORDER; o++)
		ck_assert_uint_eq(kml_buddy_nr_free(b, o), 1);

	/* Seven hits hand out 1..7 in list order. */
	for (i = 1; i < 8; i++) {
		p[i] = kml_buddy_alloc(b, 0);
		ck_assert_uint_eq(idx_of(b, p[i]), i);
	}
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_PCP_HIT), 7);
	ck_assert_uint_eq(kml_buddy_pcp_count(b, cpu), 0);
	/* The ninth misses again and refills 8..15. */
	p[8] = kml_buddy_alloc(b, 0);
	ck_assert_uint_eq(idx_of(b, p[8]), 8);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_PCP_MISS), 2);
	ck_assert_uint_eq(kml_buddy_pcp_count(b, cpu), 7);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);

	/* Frees go to the cache, not the lists: buddyinfo doesn't move. */
	ck_assert_int_eq(kml_buddy_free(b, p[3], 0), 0);
	ck_assert_uint_eq(kml_buddy_pcp_count(b, cpu), 8);
	ck_assert_uint_eq(free_pages_on_lists(b), 1008);
	/* ... and the hottest page comes back first. */
	ck_assert_ptr_eq(kml_buddy_alloc(b, 0), p[3]);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_PCP_HIT), 8);

	for (i = 0; i < 9; i++)
		ck_assert_int_eq(kml_buddy_free(b, p[i], 0), 0);
	ck_assert_uint_eq(kml_buddy_pcp_count(b, cpu), 16);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);
	kml_buddy_drain(b);
	ck_assert_uint_eq(kml_buddy_pcp_count(b, cpu), 0);
	ck_assert_uint_eq(kml_buddy_nr_free(b, KML_MAX_ORDER), 1);
	ck_assert_uint_eq(free_pages_on_lists(b), 1024);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);
	kml_buddy_destroy(b);
}
END_TEST

START_TEST(test_buddy_pcp_high_drains_a_batch)
{
	struct kml_buddy *b = kml_buddy_create(CHUNK, true, 0);
	unsigned int cpu = my_cpu(), high, batch, i;
	void *p[64];

	high = kml_buddy_pcp_high(b);
	batch = kml_buddy_pcp_batch(b);
	ck_assert_uint_le(high, 64);
	/* 48 pages out: six refills of 8, nothing left in the cache. */
	for (i = 0; i < high; i++)
		p[i] = kml_buddy_alloc(b, 0);
	ck_assert_uint_eq(kml_buddy_pcp_count(b, cpu), 0);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_PCP_MISS), high / batch);

	/* high - 1 frees fit; the high-th sends the batch coldest back. */
	for (i = 0; i < high - 1; i++)
		ck_assert_int_eq(kml_buddy_free(b, p[i], 0), 0);
	ck_assert_uint_eq(kml_buddy_pcp_count(b, cpu), high - 1);
	ck_assert_uint_eq(free_pages_on_lists(b), 1024 - high);
	ck_assert_int_eq(kml_buddy_free(b, p[high - 1], 0), 0);
	ck_assert_uint_eq(kml_buddy_pcp_count(b, cpu), high - batch);
	ck_assert_uint_eq(free_pages_on_lists(b), 1024 - high + batch);
	/*
	 * The coldest are the first freed, pages 0..7: they merge into the
	 * order-3 block 0, the only order-3 block since 8..47 are out.
	 */
	ck_assert_uint_eq(kml_buddy_nr_free(b, 0), 0);
	ck_assert_uint_eq(kml_buddy_nr_free(b, 3), 1);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);
	kml_buddy_drain_local(b);
	ck_assert_uint_eq(kml_buddy_pcp_count(b, cpu), 0);
	ck_assert_uint_eq(kml_buddy_nr_free(b, KML_MAX_ORDER), 1);
	kml_buddy_destroy(b);
}
END_TEST

START_TEST(test_buddy_pcp_off_goes_to_lists)
{
	struct kml_buddy *b = kml_buddy_create(CHUNK, false, 0);
	void *p;

	ck_assert_uint_eq(kml_buddy_pcp_high(b), 0);
	p = kml_buddy_alloc(b, 0);
	ck_assert_uint_eq(free_pages_on_lists(b), 1023);
	ck_assert_uint_eq(kml_buddy_pcp_count(b, my_cpu()), 0);
	ck_assert_int_eq(kml_buddy_free(b, p, 0), 0);
	ck_assert_uint_eq(free_pages_on_lists(b), 1024);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_PCP_HIT), 0);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_PCP_MISS), 0);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_ALLOC), 1);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_FREE), 1);
	kml_buddy_destroy(b);
}
END_TEST

START_TEST(test_buddy_failure_drains_own_cache)
{
	struct kml_buddy *b = kml_buddy_create(CHUNK, true, 0);
	void *p, *big;

	/* One cached order-0 page keeps the chunk from being whole. */
	p = kml_buddy_alloc(b, 0);
	ck_assert_int_eq(kml_buddy_free(b, p, 0), 0);
	ck_assert_uint_eq(kml_buddy_pcp_count(b, my_cpu()), 8);
	ck_assert_uint_eq(kml_buddy_nr_free(b, KML_MAX_ORDER), 0);
	big = kml_buddy_alloc(b, KML_MAX_ORDER);
	ck_assert_ptr_eq(big, kml_buddy_page_addr(b, 0));
	ck_assert_uint_eq(kml_buddy_pcp_count(b, my_cpu()), 0);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_FAIL), 0);
	/* Now the pool is empty: order 0 misses, refills nothing, fails. */
	ck_assert_ptr_null(kml_buddy_alloc(b, 0));
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_FAIL), 1);
	ck_assert_int_eq(kml_buddy_free(b, big, KML_MAX_ORDER), 0);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);
	kml_buddy_destroy(b);
}
END_TEST

/* --- bad frees ---------------------------------------------------------- */

/* Refuse a free: -EINVAL, one more bad free, and nothing else moves. */
static void expect_refused(struct kml_buddy *b, void *addr,
			   unsigned int order)
{
	unsigned long before[KML_NR_ORDERS];
	u64 bad = kml_buddy_stat(b, KML_BUDDY_BAD_FREE);
	u64 frees = kml_buddy_stat(b, KML_BUDDY_FREE);
	unsigned int cpu = my_cpu(), cached = kml_buddy_pcp_count(b, cpu);
	unsigned int o;

	for (o = 0; o <= KML_MAX_ORDER; o++)
		before[o] = kml_buddy_nr_free(b, o);
	ck_assert_int_eq(kml_buddy_free(b, addr, order), -EINVAL);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_BAD_FREE), bad + 1);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_FREE), frees);
	ck_assert_uint_eq(kml_buddy_pcp_count(b, cpu), cached);
	for (o = 0; o <= KML_MAX_ORDER; o++)
		ck_assert_uint_eq(kml_buddy_nr_free(b, o), before[o]);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);
}

static void bad_frees(bool pcp)
{
	struct kml_buddy *b = kml_buddy_create(CHUNK, pcp, 0);
	char *p2, *p0, *end;
	int local;

	p2 = kml_buddy_alloc(b, 2);
	p0 = kml_buddy_alloc(b, 0);
	ck_assert_ptr_nonnull(p2);
	ck_assert_ptr_nonnull(p0);
	end = (char *)kml_buddy_page_addr(b, 1023) + PG;

	/* Outside the pool: stack memory, one byte past the end, NULL. */
	expect_refused(b, &local, 0);
	expect_refused(b, end, 0);
	expect_refused(b, NULL, 2);
	/* Inside the pool but not a page start. */
	expect_refused(b, p2 + 8, 2);
	expect_refused(b, p0 + PG / 2, 0);
	/* A tail page: the middle of the order-2 block. */
	expect_refused(b, p2 + PG, 0);
	expect_refused(b, p2 + 2 * PG, 1);
	/* The right head at the wrong order, and a non-existent order. */
	expect_refused(b, p2, 1);
	expect_refused(b, p2, 3);
	expect_refused(b, p0, 1);
	expect_refused(b, p2, KML_MAX_ORDER + 1);
	/* A block that was never handed out (free, or tail of a free block). */
	expect_refused(b, kml_buddy_page_addr(b, 512), 9);
	expect_refused(b, kml_buddy_page_addr(b, 700), 0);

	/* Double frees. */
	ck_assert_int_eq(kml_buddy_free(b, p2, 2), 0);
	expect_refused(b, p2, 2);
	ck_assert_int_eq(kml_buddy_free(b, p0, 0), 0);
	/* With the cache on, p0 sits in it now; either way it is not ours. */
	expect_refused(b, p0, 0);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_BAD_FREE), 15);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_FREE), 2);

	kml_buddy_drain(b);
	ck_assert_uint_eq(kml_buddy_nr_free(b, KML_MAX_ORDER), 1);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);
	kml_buddy_destroy(b);
}

START_TEST(test_buddy_bad_free_refused_without_pcp)
{
	bad_frees(false);
}
END_TEST

START_TEST(test_buddy_bad_free_refused_with_pcp)
{
	bad_frees(true);
}
END_TEST

START_TEST(test_buddy_bad_free_of_cached_page)
{
	struct kml_buddy *b = kml_buddy_create(CHUNK, true, 0);
	void *p = kml_buddy_alloc(b, 0);

	/* The refill left pages 1..7 in our cache, never handed out. */
	ck_assert_uint_eq(idx_of(b, p), 0);
	ck_assert_uint_eq(kml_buddy_pcp_count(b, my_cpu()), 7);
	expect_refused(b, kml_buddy_page_addr(b, 1), 0);
	expect_refused(b, kml_buddy_page_addr(b, 7), 0);
	/* The slow path refuses it too, at any order. */
	expect_refused(b, kml_buddy_page_addr(b, 4), 2);
	ck_assert_int_eq(kml_buddy_free(b, p, 0), 0);
	expect_refused(b, p, 0);
	kml_buddy_destroy(b);
}
END_TEST

/* --- the backend -------------------------------------------------------- */

START_TEST(test_buddy_backend_sizes_and_stats)
{
	const struct kml_backend *be = &kml_backend_buddy;
	struct kml_params prm = { .pool_bytes = 0, .flags = KML_F_NO_PCP };
	struct kml_alloc_stats st;
	void *priv, *a, *c, *d;

	ck_assert_str_eq(be->name, "buddy");
	ck_assert_int_eq(be->family, KML_FAMILY_PAGE);
	ck_assert(be->ours);
	ck_assert_int_eq(be->create(&prm, 3, &priv), 0);
	ck_assert_uint_eq(be->max_size(priv), CHUNK);
	ck_assert_uint_eq(be->usable(priv, 1), PG);
	ck_assert_uint_eq(be->usable(priv, PG), PG);
	ck_assert_uint_eq(be->usable(priv, PG + 1), 2 * PG);
	ck_assert_uint_eq(be->usable(priv, 3 * PG), 4 * PG);
	ck_assert_uint_eq(be->usable(priv, CHUNK), CHUNK);
	ck_assert_uint_eq(be->usable(priv, CHUNK + 1), 0);
	ck_assert_uint_eq(be->usable(priv, 0), 0);

	a = be->alloc(priv, 100);		/* order 0 */
	c = be->alloc(priv, 3 * PG);		/* order 2 */
	d = be->alloc(priv, CHUNK);		/* order 10 */
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_null(be->alloc(priv, 0));
	ck_assert_ptr_null(be->alloc(priv, CHUNK + 1));
	ck_assert_int_eq(be->free(priv, c, PG + 1), -EINVAL);	/* order 1 */
	ck_assert_int_eq(be->free(priv, c, 0), -EINVAL);

	be->stats(priv, &st);
	ck_assert_uint_eq(st.allocs, 3);
	ck_assert_uint_eq(st.frees, 0);
	ck_assert_uint_eq(st.failures, 2);
	ck_assert_uint_eq(st.bad_frees, 2);
	ck_assert_uint_eq(st.bytes_allocated, PG + 4 * PG + CHUNK);
	ck_assert_uint_eq(st.peak_allocated, PG + 4 * PG + CHUNK);
	/* held: the pages off the free lists (no per-CPU cache here) */
	ck_assert_uint_eq(st.bytes_held, PG + 4 * PG + CHUNK);
	ck_assert_uint_eq(st.peak_held, PG + 4 * PG + CHUNK);
	ck_assert_uint_eq(st.largest_free, CHUNK);
	ck_assert_uint_eq(st.total_free, 16 * MIB - st.bytes_allocated);

	ck_assert_int_eq(be->free(priv, c, 3 * PG), 0);
	ck_assert_int_eq(be->free(priv, a, 1), 0);
	ck_assert_int_eq(be->free(priv, d, CHUNK - 5), 0);
	be->stats(priv, &st);
	ck_assert_uint_eq(st.frees, 3);
	ck_assert_uint_eq(st.bytes_allocated, 0);
	ck_assert_uint_eq(st.peak_allocated, PG + 4 * PG + CHUNK);
	ck_assert_uint_eq(st.total_free, 16 * MIB);
	ck_assert_uint_eq(st.bytes_held, 0);
	ck_assert_uint_eq(st.peak_held, PG + 4 * PG + CHUNK);
	/* a peak reset starts the peaks from the current state */
	be->peak_reset(priv);
	be->stats(priv, &st);
	ck_assert_uint_eq(st.peak_held, 0);
	ck_assert(!st.held_na);
	ck_assert_uint_eq(be->validate(priv), 0);
	be->destroy(priv);
}
END_TEST

START_TEST(test_buddy_backend_params)
{
	const struct kml_backend *be = &kml_backend_buddy;
	struct kml_params prm = { .pool_bytes = CHUNK, .flags = KML_F_ZERO };
	struct kml_alloc_stats st;
	unsigned char *p, *q;
	void *priv;
	size_t i;

	prm.flags = KML_F_REDZONE;
	ck_assert_int_eq(be->create(&prm, 1, &priv), -EINVAL);
	prm.flags = 0;
	prm.pool_bytes = (u64)(KML_BUDDY_MAX_CHUNKS + 1) * CHUNK;
	ck_assert_int_eq(be->create(&prm, 1, &priv), -E2BIG);

	/* KML_F_ZERO: a dirtied page comes back zeroed (the cache is LIFO). */
	prm.pool_bytes = CHUNK;
	prm.flags = KML_F_ZERO;
	ck_assert_int_eq(be->create(&prm, 1, &priv), 0);
	p = be->alloc(priv, 2 * PG);
	memset(p, 0xa5, 2 * PG);
	ck_assert_int_eq(be->free(priv, p, 2 * PG), 0);
	q = be->alloc(priv, 2 * PG);
	ck_assert_ptr_eq(p, q);
	for (i = 0; i < 2 * PG; i++)
		ck_assert_uint_eq(q[i], 0);
	ck_assert_int_eq(be->free(priv, q, 2 * PG), 0);
	/* shrink() drains the cache: its pages are free again. */
	q = be->alloc(priv, 1);
	ck_assert_int_eq(be->free(priv, q, 1), 0);
	be->stats(priv, &st);
	ck_assert_uint_eq(st.total_free, CHUNK - 8 * PG);
	ck_assert_uint_eq(st.bytes_allocated, 0);
	ck_assert_int_eq(be->shrink(priv), 0);
	be->stats(priv, &st);
	ck_assert_uint_eq(st.total_free, CHUNK);
	ck_assert_uint_eq(st.largest_free, CHUNK);
	ck_assert_uint_eq(be->validate(priv), 0);
	be->destroy(priv);
}
END_TEST

static void show(void *priv, enum kml_view view, char *buf, size_t size)
{
	struct kml_out out;

	kml_out_init(&out, buf, size);
	ck_assert_int_eq(kml_backend_buddy.show(priv, view, &out), 0);
	ck_assert(!out.overflow);
}

START_TEST(test_buddy_backend_views)
{
	const struct kml_backend *be = &kml_backend_buddy;
	struct kml_params prm = { .pool_bytes = CHUNK, .flags = KML_F_NO_PCP };
	char buf[2048];
	struct kml_out out;
	void *priv, *p, *q;

	ck_assert_int_eq(be->create(&prm, 1, &priv), 0);
	p = be->alloc(priv, 1);

	/* frag_show_print(): "Node %d, zone %8s " then "%6lu " per order. */
	show(priv, KML_VIEW_BUDDYINFO, buf, sizeof(buf));
	ck_assert_str_eq(buf, "Node 0, zone  kmemlab "
			 "     1      1      1      1      1      1 "
			 "     1      1      1      1      0 \n");

	/*
	 * Row 1 1 1 1 1 1 1 1 1 1 0: 1023 free pages in 10 blocks.
	 * unusable(o) = (1023 - (1024 - 2^o)) * 1000 / 1023 =
	 * (2^o - 1) * 1000 / 1023: 0, 0 (0.98), 2 (2.93), 6 (6.84),
	 * 14 (14.66), 30 (30.30), 61 (61.58), 124 (124.14), 249 (249.27),
	 * 499 (499.51); order 10: nothing suitable, 1023000 / 1023 = 1000.
	 * extfrag: -1000 where a block is suitable (orders 0..9); order 10:
	 * 1023 * 1000 / 1024 = 999, (1000 + 999) / 10 = 199, 1000 - 199 = 801.
	 */
	show(priv, KML_VIEW_FRAG, buf, sizeof(buf));
	ck_assert_str_eq(buf,
			 "unusable_index:\n"
			 "Node 0, zone  kmemlab 0.000 0.000 0.002 0.006 0.014 "
			 "0.030 0.061 0.124 0.249 0.499 1.000 \n"
			 "extfrag_index:\n"
			 "Node 0, zone  kmemlab -1.000 -1.000 -1.000 -1.000 "
			 "-1.000 -1.000 -1.000 -1.000 -1.000 -1.000  0.801 \n");

	/*
	 * A lone free order-9 block: order 10 has 1000 - (1000 + 512 * 1000
	 * / 1024) / 1 = -500, which the kernel prints as -500 / 1000 = 0 and
	 * -500 % 1000 = -500, " 0.-500". We print the same bytes.
	 * unusable(10) = 512 * 1000 / 512 = 1000.
	 */
	ck_assert_int_eq(be->free(priv, p, 1), 0);
	q = be->alloc(priv, CHUNK / 2);
	show(priv, KML_VIEW_FRAG, buf, sizeof(buf));
	ck_assert_str_eq(buf,
			 "unusable_index:\n"
			 "Node 0, zone  kmemlab 0.000 0.000 0.000 0.000 0.000 "
			 "0.000 0.000 0.000 0.000 0.000 1.000 \n"
			 "extfrag_index:\n"
			 "Node 0, zone  kmemlab -1.000 -1.000 -1.000 -1.000 "
			 "-1.000 -1.000 -1.000 -1.000 -1.000 -1.000  0.-500 \n");

	show(priv, KML_VIEW_STATS, buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "alloc 2\nfree 1\nfail 0\n"));
	ck_assert_ptr_nonnull(strstr(buf, "split 11\nmerge 10\n"));
	ck_assert_ptr_nonnull(strstr(buf, "pcp_hit 0\npcp_miss 0\n"
				     "bad_free 0\n"));
	ck_assert_ptr_nonnull(strstr(buf, "pool_pages 1024\n"
				     "free_pages 512\npcp_pages 0\n"
				     "allocated_pages 512\n"));
	ck_assert_ptr_nonnull(strstr(buf, "nr_free_8 0\nnr_free_9 1\n"
				     "nr_free_10 0\n"));

	kml_out_init(&out, buf, sizeof(buf));
	ck_assert_int_eq(be->show(priv, KML_VIEW_SLABINFO, &out), -ENOENT);
	ck_assert_int_eq(be->show(priv, KML_VIEW_HEAPMAP, &out), -ENOENT);
	ck_assert_int_eq(be->free(priv, q, CHUNK / 2), 0);
	be->destroy(priv);
}
END_TEST

/* --- seeded property test against a reference model --------------------- */

struct live {
	char *addr;
	unsigned int order;
	u64 tag;
};

static u64 rng_next(u64 *s)
{
	/* xorshift64* */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

/* Orders 0..10 with P(k) = 2^-(k+1), order 10 taking the remainder. */
static unsigned int rng_order(u64 *s)
{
	unsigned int o = __builtin_ctzll(rng_next(s) | (1ULL << 40));

	return o > KML_MAX_ORDER ? KML_MAX_ORDER : o;
}

/*
 * Check's assertions record their location in a file each time they pass;
 * inside a loop of 300000 steps only a failure may reach Check.
 */
#define PROP_CHECK(cond, fmt, ...)					\
	do {								\
		if (!(cond))						\
			ck_abort_msg("seed %llu op %lu: " fmt,		\
				     (unsigned long long)seed, op,	\
				     ##__VA_ARGS__);			\
	} while (0)

static void property_run(bool pcp, u64 seed, unsigned long ops)
{
	const unsigned int chunks = 4;
	struct kml_buddy *b = kml_buddy_create(chunks * CHUNK, pcp, 0);
	unsigned long pool = kml_buddy_pool_pages(b), live_pages = 0, op;
	unsigned char *owned = calloc(pool, 1);	/* the model: page in use */
	struct live *lv = calloc(pool, sizeof(*lv));
	unsigned int nlive = 0, o;
	u64 s = seed, fails = 0;

	ck_assert_ptr_nonnull(b);
	for (op = 0; op < ops; op++) {
		/* Lean towards half full, where splits and merges abound. */
		unsigned int pct = live_pages < pool / 2 ? 60 : 40;
		bool do_alloc = !nlive || rng_next(&s) % 100 < pct;

		if (do_alloc) {
			unsigned int order = rng_order(&s);
			char *p = kml_buddy_alloc(b, order);
			unsigned long idx, i;

			if (!p) {
				/*
				 * Legitimate only when no free block of a
				 * sufficient order exists (our own cache was
				 * drained by the retry).
				 */
				for (o = order; o <= KML_MAX_ORDER; o++)
					PROP_CHECK(!kml_buddy_nr_free(b, o),
						   "order %u failed, order %u free",
						   order, o);
				fails++;
				continue;
			}
			idx = kml_buddy_page_index(b, p);
			PROP_CHECK(idx != KML_BUDDY_NO_PAGE, "%p not in pool", p);
			PROP_CHECK(idx % (1UL << order) == 0 &&
				   (unsigned long)p % (PG << order) == 0,
				   "order %u block at page %lu", order, idx);
			PROP_CHECK(idx + (1UL << order) <= pool,
				   "block at %lu past the pool", idx);
			for (i = idx; i < idx + (1UL << order); i++) {
				PROP_CHECK(!owned[i], "page %lu handed out twice",
					   i);
				owned[i] = 1;
			}
			lv[nlive].addr = p;
			lv[nlive].order = order;
			lv[nlive].tag = rng_next(&s);
			/* Stamp the first and last word: overlap shows. */
			memcpy(p, &lv[nlive].tag, sizeof(u64));
			memcpy(p + (PG << order) - sizeof(u64),
			       &lv[nlive].tag, sizeof(u64));
			nlive++;
			live_pages += 1UL << order;
		} else {
			unsigned int k = rng_next(&s) % nlive;
			struct live e = lv[k];
			unsigned long idx = kml_buddy_page_index(b, e.addr), i;
			u64 head, tail;

			memcpy(&head, e.addr, sizeof(u64));
			memcpy(&tail, e.addr + (PG << e.order) - sizeof(u64),
			       sizeof(u64));
			PROP_CHECK(head == e.tag && tail == e.tag,
				   "block at %p overwritten", e.addr);
			PROP_CHECK(!kml_buddy_free(b, e.addr, e.order),
				   "free of %p refused", e.addr);
			for (i = idx; i < idx + (1UL << e.order); i++)
				owned[i] = 0;
			lv[k] = lv[--nlive];
			live_pages -= 1UL << e.order;
		}
		if (op % 1024 == 0) {
			PROP_CHECK(!kml_buddy_validate(b), "validate failed");
			PROP_CHECK(kml_buddy_stat(b, KML_BUDDY_ALLOC) -
				   kml_buddy_stat(b, KML_BUDDY_FREE) == nlive,
				   "allocs - frees != %u live", nlive);
			/* Every page is free, cached or live. */
			PROP_CHECK(free_pages_on_lists(b) +
				   kml_buddy_pcp_count(b, my_cpu()) +
				   live_pages == pool, "pages unaccounted");
		}
	}
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_FAIL), fails);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_BAD_FREE), 0);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);
	/* The run must have exercised both splitting and merging. */
	ck_assert_uint_gt(kml_buddy_stat(b, KML_BUDDY_SPLIT), ops / 100);
	ck_assert_uint_gt(kml_buddy_stat(b, KML_BUDDY_MERGE), ops / 100);
	ck_assert_uint_gt(fails, 0);

	while (nlive) {
		nlive--;
		PROP_CHECK(!kml_buddy_free(b, lv[nlive].addr, lv[nlive].order),
			   "final free of %p refused", lv[nlive].addr);
	}
	kml_buddy_drain(b);
	/* All memory back: exactly one order-10 block per chunk. */
	for (o = 0; o < KML_MAX_ORDER; o++)
		ck_assert_uint_eq(kml_buddy_nr_free(b, o), 0);
	ck_assert_uint_eq(kml_buddy_nr_free(b, KML_MAX_ORDER), chunks);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_ALLOC),
			  kml_buddy_stat(b, KML_BUDDY_FREE));
	ck_assert_uint_eq(kml_buddy_validate(b), 0);
	kml_buddy_destroy(b);
	free(owned);
	free(lv);
}

START_TEST(test_buddy_property_random_ops_pcp)
{
	property_run(true, 0x6b6d656d6c6162ULL, 300000);
}
END_TEST

START_TEST(test_buddy_property_random_ops_no_pcp)
{
	property_run(false, 20240601, 300000);
}
END_TEST

/* --- several threads on the per-CPU caches -------------------------------- */

#define MT_THREADS	3
#define MT_ROUNDS	2000
#define MT_BATCH	64

struct mt_arg {
	struct kml_buddy *b;
	unsigned int id;
	unsigned int cpu;		/* the slot kml_cpu_get() gave */
	int errors;
	char *handoff[MT_BATCH];	/* pages for the next thread to free */
};

static struct mt_arg mt_args[MT_THREADS];
static pthread_barrier_t mt_barrier;

static void *mt_worker(void *p)
{
	struct mt_arg *a = p;
	struct mt_arg *next = &mt_args[(a->id + 1) % MT_THREADS];
	char *mine[MT_BATCH];
	unsigned int r, i;
	u64 s = 0x1234 + a->id;

	a->cpu = my_cpu();

	for (r = 0; r < MT_ROUNDS; r++) {
		for (i = 0; i < MT_BATCH; i++) {
			/* Mostly order 0 (the cache), some order 1..3. */
			unsigned int order = (rng_next(&s) % 8) ? 0 :
					     1 + rng_next(&s) % 3;

			mine[i] = kml_buddy_alloc(a->b, order);
			if (!mine[i]) {
				a->errors++;
				continue;
			}
			memset(mine[i], (int)a->id + 1, PG << order);
			mine[i][PG - 1] = (char)order;
		}
		for (i = 0; i < MT_BATCH; i++) {
			unsigned int order;

			if (!mine[i])
				continue;
			order = (unsigned char)mine[i][PG - 1];
			if (mine[i][0] != (char)(a->id + 1))
				a->errors++;
			/* Odd rounds: the next thread frees them (remote). */
			if (r & 1) {
				a->handoff[i] = order ? NULL : mine[i];
				if (order && kml_buddy_free(a->b, mine[i], order))
					a->errors++;
			} else if (kml_buddy_free(a->b, mine[i], order)) {
				a->errors++;
			}
		}
		if (r & 1) {
			pthread_barrier_wait(&mt_barrier);
			for (i = 0; i < MT_BATCH; i++) {
				char *q = next->handoff[i];

				if (q && kml_buddy_free(a->b, q, 0))
					a->errors++;
			}
			pthread_barrier_wait(&mt_barrier);
			for (i = 0; i < MT_BATCH; i++)
				a->handoff[i] = NULL;
		}
	}
	kml_sim_release_slot();
	return NULL;
}

START_TEST(test_buddy_threads_share_via_pcp)
{
	struct kml_buddy *b = kml_buddy_create(4 * CHUNK, true, 0);
	pthread_t t[MT_THREADS];
	unsigned int i, o;

	ck_assert_ptr_nonnull(b);
	pthread_barrier_init(&mt_barrier, NULL, MT_THREADS);
	for (i = 0; i < MT_THREADS; i++) {
		mt_args[i].b = b;
		mt_args[i].id = i;
		ck_assert_int_eq(pthread_create(&t[i], NULL, mt_worker,
						&mt_args[i]), 0);
	}
	for (i = 0; i < MT_THREADS; i++) {
		pthread_join(t[i], NULL);
		ck_assert_int_eq(mt_args[i].errors, 0);
	}
	/* Each thread had a CPU slot of its own. */
	for (i = 0; i < MT_THREADS; i++) {
		ck_assert_uint_lt(mt_args[i].cpu, NR_CPUS);
		for (o = 0; o < i; o++)
			ck_assert_uint_ne(mt_args[i].cpu, mt_args[o].cpu);
	}
	pthread_barrier_destroy(&mt_barrier);

	/* Pages remain in the threads' caches until the drain. */
	ck_assert_uint_eq(kml_buddy_validate(b), 0);
	ck_assert_uint_gt(kml_buddy_stat(b, KML_BUDDY_PCP_HIT),
			  kml_buddy_stat(b, KML_BUDDY_PCP_MISS));
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_ALLOC),
			  kml_buddy_stat(b, KML_BUDDY_FREE));
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_BAD_FREE), 0);
	ck_assert_uint_eq(kml_buddy_stat(b, KML_BUDDY_FAIL), 0);
	kml_buddy_drain(b);
	for (i = 0; i < NR_CPUS; i++)
		ck_assert_uint_eq(kml_buddy_pcp_count(b, i), 0);
	for (o = 0; o < KML_MAX_ORDER; o++)
		ck_assert_uint_eq(kml_buddy_nr_free(b, o), 0);
	ck_assert_uint_eq(kml_buddy_nr_free(b, KML_MAX_ORDER), 4);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);
	kml_buddy_destroy(b);
}
END_TEST

/* --- validate finds damage ------------------------------------------------ */

START_TEST(test_buddy_validate_counts_violations)
{
	struct kml_buddy *b = kml_buddy_create(CHUNK, false, 0);
	struct kml_list *node;
	void *p = kml_buddy_alloc(b, 0);

	ck_assert_uint_eq(kml_buddy_validate(b), 0);
	/*
	 * Unlink free block 1 (order 0) behind the buddy's back, as a stray
	 * write would: its list no longer matches its page byte or nr_free.
	 */
	node = kml_buddy_page_addr(b, 1);
	node->prev->next = node->next;
	node->next->prev = node->prev;
	ck_assert_uint_gt(kml_buddy_validate(b), 0);
	kml_buddy_destroy(b);
	(void)p;
}
END_TEST

START_TEST(test_buddy_free_memory_is_poisoned)
{
#ifdef HAVE_ASAN
	struct kml_buddy *b = kml_buddy_create(CHUNK, true, 0);
	char *p1 = kml_buddy_alloc(b, 1), *p0 = kml_buddy_alloc(b, 0);

	ck_assert(!__asan_region_is_poisoned(p1, 2 * PG));
	ck_assert(!__asan_region_is_poisoned(p0, PG));
	ck_assert_int_eq(kml_buddy_free(b, p1, 1), 0);
	ck_assert_int_eq(kml_buddy_free(b, p0, 0), 0);
	/* Past the list node, a freed block and a cached page are poisoned. */
	ck_assert(__asan_address_is_poisoned(p1 + 64));
	ck_assert(__asan_address_is_poisoned(p1 + 2 * PG - 1));
	ck_assert(__asan_address_is_poisoned(p0 + 64));
	ck_assert(__asan_address_is_poisoned(p0 + PG - 1));
	/* Handed out again, the whole block is usable. */
	ck_assert_ptr_eq(kml_buddy_alloc(b, 0), p0);
	ck_assert(!__asan_region_is_poisoned(p0, PG));
	kml_buddy_destroy(b);
#endif
}
END_TEST

static Suite *buddy_suite(void)
{
	Suite *s = suite_create("buddy");
	TCase *tc = tcase_create("core");
	TCase *tp = tcase_create("property");
	TCase *tt = tcase_create("threads");

	tcase_add_test(tc, test_buddy_create_layout);
	tcase_add_test(tc, test_buddy_create_rejects_bad_sizes);
	tcase_add_test(tc, test_buddy_page_source_exhaustion);
	tcase_add_test(tc, test_buddy_split_then_merge_sequence);
	tcase_add_test(tc, test_buddy_free_list_is_lifo_and_merge_needs_same_order);
	tcase_add_test(tc, test_buddy_blocks_aligned_to_their_size);
	tcase_add_test(tc, test_buddy_pcp_refill_hit_miss);
	tcase_add_test(tc, test_buddy_pcp_high_drains_a_batch);
	tcase_add_test(tc, test_buddy_pcp_off_goes_to_lists);
	tcase_add_test(tc, test_buddy_failure_drains_own_cache);
	tcase_add_test(tc, test_buddy_bad_free_refused_without_pcp);
	tcase_add_test(tc, test_buddy_bad_free_refused_with_pcp);
	tcase_add_test(tc, test_buddy_bad_free_of_cached_page);
	tcase_add_test(tc, test_buddy_backend_sizes_and_stats);
	tcase_add_test(tc, test_buddy_backend_params);
	tcase_add_test(tc, test_buddy_backend_views);
	tcase_add_test(tc, test_buddy_validate_counts_violations);
	tcase_add_test(tc, test_buddy_free_memory_is_poisoned);
	suite_add_tcase(s, tc);

	tcase_set_timeout(tp, 120);
	tcase_add_test(tp, test_buddy_property_random_ops_pcp);
	tcase_add_test(tp, test_buddy_property_random_ops_no_pcp);
	suite_add_tcase(s, tp);

	tcase_set_timeout(tt, 60);
	tcase_add_test(tt, test_buddy_threads_share_via_pcp);
	suite_add_tcase(s, tt);
	return s;
}

int main(void)
{
	kml_sim_set_nr_cpus(NR_CPUS);
	return unit_run(buddy_suite());
}
