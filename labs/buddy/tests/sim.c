// SPDX-License-Identifier: GPL-2.0
/*
 * The buddy lab's sim tests: the student's module/core/buddy.c, compiled
 * in userspace, driven through buddy.h. Exact expectations: page indices,
 * free lists (head first), counters. A 4 MiB pool is one chunk of 1024
 * pages, so page indices are 0..1023 and the whole pool is one order-10
 * block when everything is free. The per-CPU cache is off (pcp = false)
 * except where a case says so, so every operation reaches your code.
 */
#include "labtest.h"
#include "buddy.h"

#define POOL	(4UL << 20)

static struct kml_buddy *mk(bool pcp)
{
	struct kml_buddy *b = kml_buddy_create(POOL, pcp, 0);

	LT_CHECK(b, "kml_buddy_create() failed");
	return b;
}

/* Allocate and return the page index, failing the case on NULL. */
static unsigned long get(struct kml_buddy *b, unsigned int order)
{
	void *p = kml_buddy_alloc(b, order);

	LT_CHECK(p, "kml_buddy_alloc(order %u) returned NULL", order);
	return kml_buddy_page_index(b, p);
}

static void put(struct kml_buddy *b, unsigned long idx, unsigned int order)
{
	int rc = kml_buddy_free(b, kml_buddy_page_addr(b, idx), order);

	LT_CHECK(rc == 0, "kml_buddy_free(index %lu, order %u) returned %d",
		 idx, order, rc);
}

/* "o:i,i o:i ..." lists every non-empty free list, head first. */
static void expect_lists(struct kml_buddy *b, const char *want)
{
	char got[2048] = "";
	unsigned long idx[64];
	unsigned int o, n, i;
	size_t len = 0;

	for (o = 0; o < KML_NR_ORDERS; o++) {
		n = kml_buddy_free_list(b, o, idx, 64);
		LT_CHECK(n == kml_buddy_nr_free(b, o),
			 "order %u: list length %u but nr_free %lu", o, n,
			 kml_buddy_nr_free(b, o));
		if (!n)
			continue;
		len += snprintf(got + len, sizeof(got) - len, "%s%u:", len ? " " : "", o);
		for (i = 0; i < n && i < 64; i++)
			len += snprintf(got + len, sizeof(got) - len, "%s%lu",
					i ? "," : "", idx[i]);
	}
	LT_CHECK(!strcmp(got, want), "free lists: got \"%s\", expected \"%s\"",
		 got, want);
}

static void expect_valid(struct kml_buddy *b)
{
	unsigned int v = kml_buddy_validate(b);

	LT_CHECK(v == 0, "kml_buddy_validate() found %u violated invariants", v);
}

/* TODO 2+3: one order-0 page from a whole chunk: ten splits. */
static void split_order0(void)
{
	struct kml_buddy *b = mk(false);

	LT_EQ(get(b, 0), 0, "index of the first order-0 page");
	expect_lists(b, "0:1 1:2 2:4 3:8 4:16 5:32 6:64 7:128 8:256 9:512");
	LT_EQ(kml_buddy_stat(b, KML_BUDDY_SPLIT), 10, "split counter");
	expect_valid(b);
}

/* TODO 2+3: the smallest order that has a block is split, never a larger. */
static void split_smallest(void)
{
	struct kml_buddy *b = mk(false);

	LT_EQ(get(b, 3), 0, "order 3");
	expect_lists(b, "3:8 4:16 5:32 6:64 7:128 8:256 9:512");
	LT_EQ(get(b, 0), 8, "order 0 after order 3");
	expect_lists(b, "0:9 1:10 2:12 4:16 5:32 6:64 7:128 8:256 9:512");
	LT_EQ(get(b, 1), 10, "order 1");
	LT_EQ(get(b, 2), 12, "order 2");
	LT_EQ(get(b, 2), 16, "order 2 again (splits the order-4 block)");
	expect_lists(b, "0:9 2:20 3:24 5:32 6:64 7:128 8:256 9:512");
	LT_EQ(kml_buddy_stat(b, KML_BUDDY_SPLIT), 7 + 3 + 2, "split counter");
	expect_valid(b);
}

/* TODO 3: the whole pool, then a failure; no page handed out twice. */
static void alloc_exhaust(void)
{
	struct kml_buddy *b = mk(false);
	static unsigned char seen[1024];
	unsigned long i, idx;

	for (i = 0; i < 1024; i++) {
		idx = get(b, 0);
		LT_CHECK(idx < 1024 && !seen[idx], "page %lu handed out twice", idx);
		seen[idx] = 1;
	}
	LT_CHECK(!kml_buddy_alloc(b, 0), "allocation 1025 of a 1024-page pool succeeded");
	LT_EQ(kml_buddy_stat(b, KML_BUDDY_FAIL), 1, "fail counter");
	LT_CHECK(!kml_buddy_alloc(b, 11), "an order-11 allocation succeeded");
	expect_lists(b, "");
	expect_valid(b);
}

/* TODO 1+4: two pages freed merge all the way back to one chunk. */
static void merge_full(void)
{
	struct kml_buddy *b = mk(false);
	unsigned long a = get(b, 0), c = get(b, 0);

	LT_EQ(c, 1, "second page");
	put(b, a, 0);
	expect_lists(b, "0:0 1:2 2:4 3:8 4:16 5:32 6:64 7:128 8:256 9:512");
	put(b, c, 0);
	expect_lists(b, "10:0");
	LT_EQ(kml_buddy_stat(b, KML_BUDDY_MERGE), 10, "merge counter");
	expect_valid(b);
}

/* TODO 1+4: neighbours that are not buddies (1 and 2) do not merge. */
static void merge_not_buddies(void)
{
	struct kml_buddy *b = mk(false);
	unsigned long p[4];
	int i;

	for (i = 0; i < 4; i++)
		p[i] = get(b, 0);
	put(b, p[1], 0);
	put(b, p[2], 0);
	expect_lists(b, "0:2,1 2:4 3:8 4:16 5:32 6:64 7:128 8:256 9:512");
	LT_EQ(kml_buddy_stat(b, KML_BUDDY_MERGE), 0, "merges after freeing 1 and 2");
	put(b, p[0], 0);
	expect_lists(b, "0:2 1:0 2:4 3:8 4:16 5:32 6:64 7:128 8:256 9:512");
	put(b, p[3], 0);
	expect_lists(b, "10:0");
	expect_valid(b);
}

/* TODO 4: a free buddy of another order is not a buddy. */
static void merge_same_order_only(void)
{
	struct kml_buddy *b = mk(false);
	unsigned long a = get(b, 1), c = get(b, 0), d = get(b, 0);

	LT_EQ(a, 0, "order 1");
	LT_EQ(c, 2, "order 0");
	LT_EQ(d, 3, "order 0");
	put(b, d, 0);		/* 3's buddy 2 is allocated: stays alone */
	put(b, a, 1);		/* 0's order-1 buddy is 2, allocated */
	expect_lists(b, "0:3 1:0 2:4 3:8 4:16 5:32 6:64 7:128 8:256 9:512");
	put(b, c, 0);		/* 2+3 -> 2 (order 1), +0 -> 0 (order 2), ... */
	expect_lists(b, "10:0");
	expect_valid(b);
}

/* TODO 1-4 together, against a model: 20000 seeded random operations. */
static void random_model(void)
{
	struct kml_buddy *b = mk(false);
	static unsigned char owner[1024];
	struct { unsigned long idx; unsigned int order; } live[256];
	unsigned long long x = 0x9e3779b97f4a7c15ULL;	/* fixed seed */
	unsigned int nlive = 0, step, o;
	unsigned int nalloc = 0;
	unsigned long i;

	for (step = 0; step < 20000; step++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		if (nlive < 256 && (nlive == 0 || x % 3)) {
			void *p;

			o = (x >> 8) % 6;
			p = kml_buddy_alloc(b, o);
			if (!p)
				continue;
			i = kml_buddy_page_index(b, p);
			LT_CHECK(i % (1UL << o) == 0, "step %u: order-%u block at %lu is misaligned",
				 step, o, i);
			for (unsigned long j = i; j < i + (1UL << o); j++) {
				LT_CHECK(j < 1024 && !owner[j], "step %u: page %lu handed out twice",
					 step, j);
				owner[j] = 1;
			}
			nalloc++;
			live[nlive].idx = i;
			live[nlive++].order = o;
		} else {
			unsigned int k = (x >> 16) % nlive;

			for (i = live[k].idx; i < live[k].idx + (1UL << live[k].order); i++)
				owner[i] = 0;
			put(b, live[k].idx, live[k].order);
			live[k] = live[--nlive];
		}
		if (step % 500 == 0)
			expect_valid(b);
	}
	LT_CHECK(nalloc > 5000, "only %u of the allocations succeeded", nalloc);
	while (nlive) {
		nlive--;
		put(b, live[nlive].idx, live[nlive].order);
	}
	expect_lists(b, "10:0");
	expect_valid(b);
}

/* Everything, with the per-CPU cache in front (refill and drain). */
static void pcp_drain_merges(void)
{
	struct kml_buddy *b = mk(true);
	unsigned long idx[100];
	int i;

	for (i = 0; i < 100; i++)
		idx[i] = get(b, 0);
	for (i = 0; i < 100; i++)
		put(b, idx[i], 0);
	kml_buddy_drain(b);
	expect_lists(b, "10:0");
	expect_valid(b);
}

static const struct lt_case cases[] = {
	{ "split_order0", split_order0 },
	{ "split_smallest", split_smallest },
	{ "alloc_exhaust", alloc_exhaust },
	{ "merge_full", merge_full },
	{ "merge_not_buddies", merge_not_buddies },
	{ "merge_same_order_only", merge_same_order_only },
	{ "random_model", random_model },
	{ "pcp_drain_merges", pcp_drain_merges },
	{ NULL, NULL },
};

int main(int argc, char **argv)
{
	return lt_main(cases, argc, argv);
}
