// SPDX-License-Identifier: GPL-2.0
/*
 * The slab lab's sim tests: the student's module/core/slab.c over the
 * reference buddy, in userspace, through slab.h. A cache of 100-byte
 * objects has a stride of 104 (112 with a constructor: the free pointer
 * moves after the object) and 38 (36) objects per order-0 slab; the
 * tests read these from the layout rather than assume them.
 */
#include <pthread.h>

#include "labtest.h"
#include "buddy.h"
#include "slab.h"

static struct kml_buddy *buddy;
static unsigned long ctor_calls;

static void count_ctor(void *obj, void *arg)
{
	ctor_calls++;
	memset(obj, 0x5a, 8);
	*(unsigned long *)arg += 1;
}

static struct kml_slab_cache *mk(u32 size, bool ctor, unsigned long *arg)
{
	struct kml_slab_cache *s;

	buddy = kml_buddy_create(4UL << 20, false, 0);
	LT_CHECK(buddy, "kml_buddy_create() failed");
	s = kml_slab_cache_create(buddy, "lab", size, 8, 0,
				  ctor ? count_ctor : NULL, arg);
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

static void info(struct kml_slab_cache *s, struct kml_slab_info *in)
{
	kml_slab_cache_info(s, in);
}

static void expect_valid(struct kml_slab_cache *s)
{
	unsigned int v = kml_slab_cache_validate(s);

	LT_CHECK(v == 0, "kml_slab_cache_validate() found %u violated invariants", v);
}

/* TODO 1: a new slab hands its objects out in address order. */
static void new_slab_order(void)
{
	struct kml_slab_cache *s = mk(100, false, NULL);
	const struct kml_slab_layout *l = kml_slab_cache_layout(s);
	char *first = get(s), *p;
	unsigned int i;

	LT_EQ((unsigned long)first & 4095, l->obj_offset, "offset of the first object in its slab");
	for (i = 1; i < l->objects; i++) {
		p = get(s);
		LT_CHECK(p == first + (unsigned long)i * l->stride,
			 "object %u at offset %ld, expected %lu", i, (long)(p - first),
			 (unsigned long)i * l->stride);
	}
	LT_EQ(kml_slab_cache_stat(s, KML_SLAB_SLAB_NEW), 1, "slabs made for one slab's objects");
	get(s);
	LT_EQ(kml_slab_cache_stat(s, KML_SLAB_SLAB_NEW), 2, "slabs made after one more");
	expect_valid(s);
}

/* TODO 1: the constructor runs once per object, when its slab is made. */
static void ctor_once(void)
{
	unsigned long arg = 0;
	struct kml_slab_cache *s = mk(100, true, &arg);
	const struct kml_slab_layout *l = kml_slab_cache_layout(s);
	unsigned int n = 2 * l->objects + 1, i, round;
	void *p[512];

	for (round = 0; round < 3; round++) {
		for (i = 0; i < n; i++) {
			p[i] = get(s);
			LT_CHECK(*(unsigned long *)p[i] == 0x5a5a5a5a5a5a5a5aUL,
				 "round %u object %u: not constructed", round, i);
		}
		for (i = 0; i < n; i++)
			put(s, p[i]);
	}
	LT_EQ(ctor_calls, 3UL * l->objects, "constructor calls for 3 slabs, 3 rounds");
	LT_EQ(arg, ctor_calls, "constructor argument");
	expect_valid(s);
}

/* TODO 2+3+4: a slab with a free object is reused before a new one. */
static void partial_reuse(void)
{
	struct kml_slab_cache *s = mk(100, false, NULL);
	const struct kml_slab_layout *l = kml_slab_cache_layout(s);
	struct kml_slab_info in;
	void *p[512], *q;
	unsigned int i, n = 2 * l->objects;

	for (i = 0; i < n; i++)
		p[i] = get(s);
	info(s, &in);
	LT_EQ(in.num_slabs, 2, "slabs");
	LT_EQ(in.nr_full, 1, "full slabs (the first one, deactivated)");
	put(s, p[3]);		/* first slab: full -> partial */
	info(s, &in);
	LT_EQ(in.nr_partial, 1, "partial slabs after one free");
	LT_EQ(in.nr_full, 0, "full slabs after one free");
	q = get(s);		/* active slab is exhausted: take the partial */
	LT_CHECK(q == p[3], "the freed object was not reused (got %p, freed %p)", q, p[3]);
	LT_EQ(kml_slab_cache_stat(s, KML_SLAB_ALLOC_PARTIAL), 1, "alloc_from_partial");
	LT_EQ(kml_slab_cache_stat(s, KML_SLAB_SLAB_NEW), 2, "slabs made");
	expect_valid(s);
}

/* TODO 3: empty slabs are kept up to min_partial, the rest released. */
static void empty_kept_then_released(void)
{
	struct kml_slab_cache *s = mk(100, false, NULL);
	const struct kml_slab_layout *l = kml_slab_cache_layout(s);
	struct kml_slab_info in;
	unsigned int i, n = 5 * l->objects;
	void *p[1024];

	kml_slab_cache_set_min_partial(s, 2);
	for (i = 0; i < n; i++)
		p[i] = get(s);
	for (i = 0; i < n; i++)
		put(s, p[i]);
	info(s, &in);
	LT_EQ(in.num_slabs, 3, "slabs left (2 empty kept + the active one)");
	LT_EQ(in.nr_empty, 2, "empty slabs kept");
	LT_EQ(kml_slab_cache_stat(s, KML_SLAB_SLAB_RELEASE), 2, "slabs released");
	for (i = 0; i < 2 * l->objects; i++)
		p[i] = get(s);
	LT_EQ(kml_slab_cache_stat(s, KML_SLAB_SLAB_NEW), 5, "no new slab while empty ones are kept");
	LT_EQ(kml_slab_cache_stat(s, KML_SLAB_ALLOC_EMPTY), 1, "alloc_from_empty");
	expect_valid(s);
}

/* TODO 5: shrink gives every empty slab back, the active one included. */
static void shrink_releases(void)
{
	struct kml_slab_cache *s = mk(100, false, NULL);
	const struct kml_slab_layout *l = kml_slab_cache_layout(s);
	struct kml_slab_info in;
	unsigned int i, n = 4 * l->objects;
	void *p[1024];
	int rc;

	for (i = 0; i < n; i++)
		p[i] = get(s);
	for (i = 0; i < n; i++)
		if (i != 1)
			put(s, p[i]);
	rc = kml_slab_cache_shrink(s);
	LT_EQ(rc, 3, "kml_slab_cache_shrink() return (slabs released)");
	info(s, &in);
	LT_EQ(in.num_slabs, 1, "slabs left (the one holding object 1)");
	LT_EQ(in.nr_partial, 1, "partial slabs");
	put(s, p[1]);
	rc = kml_slab_cache_shrink(s);
	LT_EQ(rc, 1, "second shrink");
	info(s, &in);
	LT_EQ(in.num_slabs, 0, "slabs after the second shrink");
	expect_valid(s);
}

/* TODO 1-5: 30000 seeded random operations, validated as they go. */
static void random_model(void)
{
	struct kml_slab_cache *s = mk(200, false, NULL);
	unsigned long long x = 0x2545f4914f6cdd1dULL;
	static void *live[2000];
	unsigned int nlive = 0, step, nalloc = 0;
	struct kml_slab_info in;

	for (step = 0; step < 30000; step++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		if (nlive < 2000 && (!nlive || x % 5 < 3)) {
			live[nlive] = get(s);
			memset(live[nlive++], 0xab, 200);
			nalloc++;
		} else {
			unsigned int k = (x >> 20) % nlive;

			put(s, live[k]);
			live[k] = live[--nlive];
		}
		if (step % 1000 == 0)
			expect_valid(s);
		if (step % 7000 == 0)
			kml_slab_cache_shrink(s);
	}
	while (nlive)
		put(s, live[--nlive]);
	kml_slab_cache_shrink(s);
	info(s, &in);
	LT_EQ(in.num_slabs, 0, "slabs after freeing everything and shrinking");
	LT_CHECK(nalloc > 15000, "only %u allocations", nalloc);
	expect_valid(s);
}

/* TODO 4: objects freed by another CPU come back through the refill. */
static struct kml_slab_cache *remote_cache;
static void *remote_objs[64];

static void *remote_thread(void *arg)
{
	unsigned int i;

	for (i = 0; i < 10; i++)
		kml_slab_cache_free(remote_cache, remote_objs[i]);
	return NULL;
}

static void refill_from_remote(void)
{
	struct kml_slab_cache *s = mk(100, false, NULL);
	const struct kml_slab_layout *l = kml_slab_cache_layout(s);
	pthread_t t;
	unsigned int i;
	void *p;

	remote_cache = s;
	for (i = 0; i < 10; i++)
		remote_objs[i] = get(s);
	LT_CHECK(!pthread_create(&t, NULL, remote_thread, NULL), "pthread_create");
	pthread_join(t, NULL);
	LT_EQ(kml_slab_cache_stat(s, KML_SLAB_FREE_REMOTE), 10, "free_remote");
	for (i = 10; i < l->objects; i++)
		get(s);
	p = get(s);	/* per-CPU list empty, the active slab got 10 back */
	LT_CHECK(p == remote_objs[9] || p == remote_objs[0],
		 "after the refill: not a remotely freed object");
	LT_EQ(kml_slab_cache_stat(s, KML_SLAB_ALLOC_REFILL), 1, "alloc_refill");
	LT_EQ(kml_slab_cache_stat(s, KML_SLAB_SLAB_NEW), 1, "slabs made");
	expect_valid(s);
}

static const struct lt_case cases[] = {
	{ "new_slab_order", new_slab_order },
	{ "ctor_once", ctor_once },
	{ "partial_reuse", partial_reuse },
	{ "empty_kept_then_released", empty_kept_then_released },
	{ "shrink_releases", shrink_releases },
	{ "random_model", random_model },
	{ "refill_from_remote", refill_from_remote },
	{ NULL, NULL },
};

int main(int argc, char **argv)
{
	return lt_main(cases, argc, argv);
}
