// SPDX-License-Identifier: GPL-2.0
/*
 * The percpu lab's sim tests: the student's fast paths and slow free in
 * module/core/slab_tier_freelist.c, and the sheaves tier's refill and
 * flush in module/core/slab_tier_sheaves.c, in userspace. Each thread of the simulator claims
 * its own per-CPU slot, so a second thread is a second CPU: what it frees
 * from the first thread's active slab is a remote free.
 */
#include <pthread.h>

#include "labtest.h"
#include "buddy.h"
#include "slab.h"
#include "ops.h"

static struct kml_buddy *buddy;

static struct kml_slab_cache *mk(u32 size, u32 flags)
{
	struct kml_slab_cache *s;

	if (!buddy)
		buddy = kml_buddy_create(8UL << 20, false, 0);
	LT_CHECK(buddy, "kml_buddy_create() failed");
	s = kml_slab_cache_create(buddy, "lab", size, 8, flags, NULL, NULL);
	LT_CHECK(s, "kml_slab_cache_create() failed");
	return s;
}

static void *get(struct kml_slab_cache *s)
{
	void *p = kml_slab_cache_alloc(s);

	LT_CHECK(p, "kml_slab_cache_alloc() returned NULL");
	return p;
}

static void put(struct kml_slab_cache *s, void *p)
{
	int rc = kml_slab_cache_free(s, p);

	LT_CHECK(rc == 0, "kml_slab_cache_free() returned %d", rc);
}

static void expect_valid(struct kml_slab_cache *s)
{
	unsigned int v = kml_slab_cache_validate(s);

	LT_CHECK(v == 0, "kml_slab_cache_validate() found %u violated invariants", v);
}

#define STAT(s, x)	kml_slab_cache_stat(s, KML_SLAB_##x)

/* TODO 1: after the first (slow) allocation, a slab's objects come fast. */
static void alloc_fast(void)
{
	struct kml_slab_cache *s = mk(64, 0);
	unsigned int i, n = kml_slab_cache_layout(s)->objects;
	char *first = get(s);

	for (i = 1; i < n; i++)
		LT_CHECK(get(s) == first + (unsigned long)i * kml_slab_cache_layout(s)->stride,
			 "object %u not the next one of the active slab", i);
	LT_EQ(STAT(s, ALLOC_SLOW), 1, "alloc_slowpath");
	LT_EQ(STAT(s, ALLOC_FAST), n - 1, "alloc_fastpath");
	get(s);
	LT_EQ(STAT(s, ALLOC_SLOW), 2, "alloc_slowpath once the slab is used up");
	expect_valid(s);
}

/* TODO 1+2: frees to the active slab are fast and reused LIFO. */
static void free_fast_lifo(void)
{
	struct kml_slab_cache *s = mk(64, 0);
	void *a = get(s), *b = get(s), *c = get(s);

	put(s, b);
	put(s, a);
	LT_EQ(STAT(s, FREE_FAST), 2, "free_fastpath");
	LT_EQ(STAT(s, FREE_SLOW), 0, "free_slowpath");
	LT_CHECK(get(s) == a, "the last object freed is not the first reused");
	LT_CHECK(get(s) == b, "the second-last object freed is not reused next");
	put(s, c);
	expect_valid(s);
}

/* TODO 2+3: a free to a slab that is not active goes slow, relisted. */
static void free_slow_relist(void)
{
	struct kml_slab_cache *s = mk(64, 0);
	unsigned int i, n = kml_slab_cache_layout(s)->objects;
	struct kml_slab_info in;
	void *p[256];

	for (i = 0; i < n + 1; i++)
		p[i] = get(s);	/* slab 1 full and listed, slab 2 active */
	put(s, p[5]);
	LT_EQ(STAT(s, FREE_SLOW), 1, "free_slowpath");
	LT_EQ(STAT(s, FREE_REMOTE), 0, "free_remote (it is not a remote free)");
	kml_slab_cache_info(s, &in);
	LT_EQ(in.nr_partial, 1, "partial slabs");
	LT_EQ(in.nr_full, 0, "full slabs");
	expect_valid(s);
}

/* TODO 2+3: bad frees are refused with -EINVAL and change nothing. */
static void bad_frees(void)
{
	struct kml_slab_cache *s = mk(64, 0);
	struct kml_slab_cache *other = mk(64, 0);
	char *p = get(s), *q = get(other);
	static char outside[64];

	LT_EQ(kml_slab_cache_free(s, outside), -EINVAL, "free of a pointer outside the pool");
	LT_EQ(kml_slab_cache_free(s, q), -EINVAL, "free of another cache's object");
	LT_EQ(STAT(s, BAD_FREE), 2, "bad_free");
	LT_EQ(STAT(s, FREE_FOREIGN), 1, "bad_free_foreign");
	put(s, p);
	put(other, q);
}

/* TODO 1+2: debug caches go through the locked debug paths. */
static void debug_cache(void)
{
	struct kml_slab_cache *s = mk(64, KML_F_REDZONE | KML_F_CHECK);
	void *a = get(s), *b = get(s);

	put(s, a);
	LT_EQ(kml_slab_cache_free(s, a), -EINVAL, "double free in a debug cache");
	LT_EQ(STAT(s, FREE_FAST), 0, "free_fastpath of a debug cache");
	put(s, b);
	LT_EQ(STAT(s, ALLOC_FAST), 0, "alloc_fastpath of a debug cache");
	expect_valid(s);
}

/* TODO 3: frees from another CPU into our active slab. */
static struct kml_slab_cache *rcache;
static void *robj[4096];
static unsigned int rn;

static void *remote_free_all(void *arg)
{
	unsigned int i;

	for (i = 0; i < rn; i++)
		if (kml_slab_cache_free(rcache, robj[i]))
			return (void *)1;
	return NULL;
}

static void remote_free(void)
{
	struct kml_slab_cache *s = mk(64, 0);
	unsigned int i;
	pthread_t t;
	void *ret;

	rcache = s;
	rn = 20;
	for (i = 0; i < rn; i++)
		robj[i] = get(s);
	LT_CHECK(!pthread_create(&t, NULL, remote_free_all, NULL), "pthread_create");
	pthread_join(t, &ret);
	LT_CHECK(!ret, "a remote free failed");
	LT_EQ(STAT(s, FREE_REMOTE), 20, "free_remote");
	LT_EQ(STAT(s, FREE_SLOW), 20, "free_slowpath");
	expect_valid(s);
}

/* TODO 1-3: producer/consumer rounds between two CPUs, then all back. */
static void remote_rounds(void)
{
	struct kml_slab_cache *s = mk(128, 0);
	struct kml_slab_info in;
	unsigned int round, i;
	pthread_t t;
	void *ret;

	rcache = s;
	for (round = 0; round < 50; round++) {
		rn = 100 + round * 37 % 900;
		for (i = 0; i < rn; i++)
			robj[i] = get(s);
		LT_CHECK(!pthread_create(&t, NULL, remote_free_all, NULL), "pthread_create");
		pthread_join(t, &ret);
		LT_CHECK(!ret, "round %u: a remote free failed", round);
		if (round % 10 == 0)
			expect_valid(s);
	}
	kml_slab_cache_shrink(s);
	kml_slab_cache_info(s, &in);
	LT_EQ(in.objects_inuse, 0, "objects in use at the end");
	LT_CHECK(STAT(s, ALLOC_FAST) > STAT(s, ALLOC_SLOW) * 10,
		 "fast path too rare: %llu fast, %llu slow",
		 (unsigned long long)STAT(s, ALLOC_FAST),
		 (unsigned long long)STAT(s, ALLOC_SLOW));
	expect_valid(s);
}

/* A cache with the sheaves tier, @cap objects per sheaf. */
static struct kml_slab_cache *mk_sheaves(u32 cap)
{
	struct kml_slab_cache *s = mk(64, 0);
	int rc = kml_slab_cache_set_tier(s, KML_SLAB_TIER_SHEAVES, cap);

	LT_CHECK(rc == 0, "kml_slab_cache_set_tier() returned %d", rc);
	return s;
}

/* TODO 4: one refill fills the main sheaf; the rest of it comes fast. */
static void sheaf_refill(void)
{
	struct kml_slab_cache *s = mk_sheaves(8);
	void *p[17];
	unsigned int i;

	p[0] = get(s);
	LT_EQ(STAT(s, TIER_ALLOC_SLAB), 1, "tier_alloc_slab (refills)");
	LT_EQ(STAT(s, TIER_REFILL_OBJS), 8, "tier_refill_objects (one sheaf)");
	for (i = 1; i < 8; i++)
		p[i] = get(s);
	LT_EQ(STAT(s, ALLOC_FAST), 7, "alloc_fastpath (from the sheaf)");
	LT_EQ(STAT(s, TIER_ALLOC_SLAB), 1, "tier_alloc_slab after 8 allocs");
	for (i = 8; i < 17; i++)
		p[i] = get(s);
	LT_EQ(STAT(s, TIER_ALLOC_SLAB), 3, "tier_alloc_slab after 17 allocs");
	LT_EQ(STAT(s, TIER_REFILL_OBJS), 24, "tier_refill_objects after 17");
	expect_valid(s);
	for (i = 0; i < 17; i++)
		put(s, p[i]);
	expect_valid(s);
}

/* TODO 5: with the barn full, a full main goes back to the slabs at once. */
static void sheaf_flush(void)
{
	struct kml_slab_cache *s = mk_sheaves(2);
	struct kml_slab_info in;
	void *p[60];
	unsigned int i;

	for (i = 0; i < 60; i++)
		p[i] = get(s);
	for (i = 0; i < 60; i++)
		put(s, p[i]);
	LT_CHECK(STAT(s, TIER_FREE_SLAB) > 0, "no free flushed main (tier_free_slab 0)");
	LT_EQ(STAT(s, TIER_FLUSH_OBJS), 2 * STAT(s, TIER_FREE_SLAB),
	      "tier_flush_objects (2 per flush of a full sheaf of 2)");
	LT_EQ(STAT(s, TIER_FLUSH), STAT(s, TIER_FREE_SLAB),
	      "tier_flush (one batch per flush)");
	LT_EQ(STAT(s, FREE_SLOW), STAT(s, TIER_FREE_SLAB) + STAT(s, TIER_FREE_BARN),
	      "free_slowpath (barn trades and flushes)");
	expect_valid(s);
	kml_slab_cache_info(s, &in);
	LT_EQ(in.tier_objs, 60 - STAT(s, TIER_FLUSH_OBJS), "objects parked in the tier");
	kml_slab_cache_flush_all(s);
	kml_slab_cache_info(s, &in);
	LT_EQ(in.tier_objs, 0, "objects parked after flush_all");
	LT_EQ(in.objects_inuse, 0, "objects in use at the end");
	expect_valid(s);
}

static const struct lt_case cases[] = {
	{ "alloc_fast", alloc_fast },
	{ "free_fast_lifo", free_fast_lifo },
	{ "free_slow_relist", free_slow_relist },
	{ "bad_frees", bad_frees },
	{ "debug_cache", debug_cache },
	{ "remote_free", remote_free },
	{ "remote_rounds", remote_rounds },
	{ "sheaf_refill", sheaf_refill },
	{ "sheaf_flush", sheaf_flush },
	{ NULL, NULL },
};

int main(int argc, char **argv)
{
	return lt_main(cases, argc, argv);
}
