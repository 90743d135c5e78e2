// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the slab core (module/core/slab.c): layout and order, the
 * per-CPU fast path, constructors, list movement and release, remote
 * frees, every debug detection, the kmalloc classes, the slabinfo text,
 * the "slab" backend, a seeded property test against a reference model
 * and a multi-threaded cross-free test.
 */
#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "buddy.h"
#include "ops.h"
#include "slab.h"
#include "slab_priv.h"
#include "unit.h"

/* CPU slots the simulator offers; min_objects = 4 * (fls(8) + 1) = 20. */
#define NR_CPUS		8
#define POOL_4M		(4ULL << 20)

static struct kml_buddy *new_buddy(u64 bytes)
{
	struct kml_buddy *b = kml_buddy_create(bytes, false, 0);

	ck_assert_ptr_nonnull(b);
	return b;
}

/* The buddy is whole again: every chunk one free order-10 block. */
static void assert_buddy_whole(struct kml_buddy *b)
{
	unsigned int o;

	kml_buddy_drain(b);
	for (o = 0; o < KML_MAX_ORDER; o++)
		ck_assert_uint_eq(kml_buddy_nr_free(b, o), 0);
	ck_assert_uint_eq(kml_buddy_nr_free(b, KML_MAX_ORDER),
			  kml_buddy_pool_pages(b) >> KML_MAX_ORDER);
	ck_assert_uint_eq(kml_buddy_validate(b), 0);
}

/* The per-CPU tier of the caches a test makes (its TCase sets it). */
static enum kml_slab_tier g_tier;

static void tier_freelist(void)
{
	g_tier = KML_SLAB_TIER_FREELIST;
}

static void tier_sheaves(void)
{
	g_tier = KML_SLAB_TIER_SHEAVES;
}

static void tier_magazine(void)
{
	g_tier = KML_SLAB_TIER_MAGAZINE;
}

/* kml_slab_cache_create() with the tier of the running TCase. */
static struct kml_slab_cache *tc_create(struct kml_buddy *b, const char *name,
					u32 size, u32 align, u32 flags,
					kml_slab_ctor_t ctor, void *arg)
{
	struct kml_slab_cache *s;

	s = kml_slab_cache_create(b, name, size, align, flags, ctor, arg);
	if (s)
		ck_assert_int_eq(kml_slab_cache_set_tier(s, g_tier, 0), 0);
	return s;
}

static struct kml_kmalloc *tk_create(struct kml_buddy *b, u32 flags)
{
	struct kml_kmalloc *k = kml_kmalloc_create(b, flags);

	if (k)
		ck_assert_int_eq(kml_kmalloc_set_tier(k, g_tier, 0), 0);
	return k;
}

static u64 st(struct kml_slab_cache *s, enum kml_slab_stat i)
{
	return kml_slab_cache_stat(s, i);
}

static char *slab_base(const void *p, const struct kml_slab_cache *s)
{
	unsigned long bytes = KML_PAGE_SIZE << kml_slab_cache_layout(s)->order;

	return (char *)((uintptr_t)p & ~(uintptr_t)(bytes - 1));
}

/* --- layout ---------------------------------------------------------------- */

struct layout_case {
	u32 size, align, flags;
	bool ctor;
	unsigned int cpus;
	u32 stride, offset, order, objects, obj_offset, leftover;
};

/*
 * Worked out by hand. Descriptor: 64 bytes, so obj_offset is 64 unless
 * the alignment is larger or debug bitmaps make it grow. Order-n slab
 * bytes: 4096 << n, minus 64: 4032, 8128, 16320, 32704. With 8 CPUs
 * min_objects = 4 * (fls(8) + 1) = 20; with 2 CPUs 4 * (2 + 1) = 12.
 */
static const struct layout_case layout_cases[] = {
	/* 4032 / 8 = 504, nothing left: order 0. */
	{ 8, 0, 0, false, 8,	8, 0, 0, 504, 64, 0 },
	/* offset = ALIGN_DOWN(16 / 2, 8) = 8; 4032 / 16 = 252. */
	{ 16, 0, 0, false, 8,	16, 8, 0, 252, 64, 0 },
	/* 24 / 2 = 12 -> 8; 4032 / 24 = 168. */
	{ 24, 0, 0, false, 8,	24, 8, 0, 168, 64, 0 },
	{ 32, 0, 0, false, 8,	32, 16, 0, 126, 64, 0 },
	/* 4032 / 64 = 63 (SLUB: 64; the descriptor costs one object). */
	{ 64, 0, 0, false, 8,	64, 32, 0, 63, 64, 0 },
	/* 4032 / 96 = 42. */
	{ 96, 0, 0, false, 8,	96, 48, 0, 42, 64, 0 },
	/* 4032 / 128 = 31 rem 64 <= 4096 / 16: order 0. */
	{ 128, 0, 0, false, 8,	128, 64, 0, 31, 64, 64 },
	/* 4032 / 192 = 21 >= 20, rem 0. */
	{ 192, 0, 0, false, 8,	192, 96, 0, 21, 64, 0 },
	/* order 0: 15 < 20; order 1: 8128 / 256 = 31 rem 192 <= 512. */
	{ 256, 0, 0, false, 8,	256, 128, 1, 31, 64, 192 },
	/* order 2: 16320 / 512 = 31 rem 448 <= 1024. */
	{ 512, 0, 0, false, 8,	512, 256, 2, 31, 64, 448 },
	/* stride 704, offset 350 -> 344; order 1: 11 < 20; order 2:
	 * 16320 / 704 = 23 rem 128 <= 1024.
	 */
	{ 700, 0, 0, false, 8,	704, 344, 2, 23, 64, 128 },
	/* order 3: 32704 / 1024 = 31 rem 960 <= 2048. */
	{ 1024, 0, 0, false, 8,	1024, 512, 3, 31, 64, 960 },
	/* max_objects(order 3) = 15 -> min_objects 15; rem 1984 <= 2048. */
	{ 2048, 0, 0, false, 8,	2048, 1024, 3, 15, 64, 1984 },
	/* min 10; order 3 rem 2704 > 2048 (1/16), <= 4096 (1/8). */
	{ 3000, 0, 0, false, 8,	3000, 1496, 3, 10, 64, 2704 },
	/* min 7; rem 4032 > 2048, <= 4096: fraction 8. */
	{ 4096, 0, 0, false, 8,	4096, 2048, 3, 7, 64, 4032 },
	/* min 3; rem 8128 > 4096, <= 8192: fraction 4. */
	{ 8192, 0, 0, false, 8,	8192, 4096, 3, 3, 64, 8128 },
	/* 2 CPUs, min 12: order 0 has 15 >= 12, rem 192 <= 256. */
	{ 256, 0, 0, false, 2,	256, 128, 0, 15, 64, 192 },
	/* 2 CPUs: order 1: 8128 / 512 = 15 rem 448 <= 512. */
	{ 512, 0, 0, false, 2,	512, 256, 1, 15, 64, 448 },
	/* 2 CPUs: order 2: 16320 / 1024 = 15 rem 960 <= 1024. */
	{ 1024, 0, 0, false, 2,	1024, 512, 2, 15, 64, 960 },
	/* one object fits order 3 only: 32704 / 20000 = 1, any leftover. */
	{ 20000, 0, 0, false, 8, 20000, 10000, 3, 1, 64, 12704 },
	/* beyond order 3: SLUB's fallback to the first order that fits. */
	{ 40000, 0, 0, false, 8, 40000, 20000, 4, 1, 64, 25472 },
	/* constructor: free pointer after the object, stride 24 + 8. */
	{ 24, 0, 0, true, 8,	32, 24, 0, 126, 64, 0 },
	/* align 64: stride 64, offset still mid-object. */
	{ 24, 64, 0, false, 8,	64, 8, 0, 63, 64, 0 },
	/* align 128: objects start at 128; (4096 - 128) / 128 = 31. */
	{ 100, 128, 0, false, 8, 128, 48, 0, 31, 128, 0 },
	/* red zone + poison + check: 64 + 8 red zone + 8 free pointer = 80;
	 * bitmaps: (4096 - 64) / 80 = 50 bits -> 1 long each, descriptor
	 * 56 + 16 = 72; (4096 - 72) / 80 = 50 rem 24.
	 */
	{ 64, 0, KML_F_REDZONE | KML_F_POISON | KML_F_CHECK, false, 8,
				80, 72, 0, 50, 72, 24 },
	/* red zone on 4 bytes: zone 4..7, pointer after: 16; 8 longs of
	 * bits (4032 / 16 = 252) -> 56 + 64 = 120; 3976 / 16 = 248 rem 8.
	 */
	{ 4, 0, KML_F_REDZONE, false, 8, 16, 8, 0, 248, 120, 8 },
};

START_TEST(test_slab_layout_table)
{
	const struct layout_case *c = &layout_cases[_i];
	struct kml_slab_layout l;

	ck_assert_int_eq(kml_slab_calc_layout(c->size, c->align, c->flags,
					      c->ctor, c->cpus, &l), 0);
	ck_assert_msg(l.stride == c->stride && l.offset == c->offset &&
		      l.order == c->order && l.objects == c->objects &&
		      l.obj_offset == c->obj_offset &&
		      l.leftover == c->leftover,
		      "size %u align %u flags %#x: got stride %u offset %u order %u objects %u obj_offset %u leftover %u",
		      c->size, c->align, c->flags, l.stride, l.offset, l.order,
		      l.objects, l.obj_offset, l.leftover);
	/* Slab bytes account for everything. */
	ck_assert_uint_eq((KML_PAGE_SIZE << l.order),
			  l.obj_offset + l.objects * l.stride + l.leftover);
}
END_TEST

START_TEST(test_slab_layout_rejects)
{
	struct kml_slab_layout l;

	ck_assert_int_eq(kml_slab_calc_layout(0, 0, 0, false, 8, &l), -EINVAL);
	ck_assert_int_eq(kml_slab_calc_layout(KML_SLAB_MAX_SIZE + 1, 0, 0,
					      false, 8, &l), -EINVAL);
	ck_assert_int_eq(kml_slab_calc_layout(64, 3, 0, false, 8, &l), -EINVAL);
	ck_assert_int_eq(kml_slab_calc_layout(64, 8192, 0, false, 8, &l),
			 -EINVAL);
	ck_assert_int_eq(kml_slab_calc_layout(64, 4, 0, false, 8, &l), 0);
	ck_assert_uint_eq(l.align, 8);
}
END_TEST

/* --- fast path -------------------------------------------------------------- */

START_TEST(test_slab_fast_path_lifo)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s;
	char *a, *p, *q, *base;

	s = tc_create(b, "t-64", 64, 0, 0, NULL, NULL);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(kml_slab_cache_name(s), "t-64");
	a = kml_slab_cache_alloc(s);
	base = slab_base(a, s);
	/* New slab: objects in address order after the 64-byte descriptor. */
	ck_assert_ptr_eq(a, base + 64);
	p = kml_slab_cache_alloc(s);
	ck_assert_ptr_eq(p, base + 128);
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC_SLOW), 1);
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC_FAST), 1);
	ck_assert_uint_eq(st(s, KML_SLAB_SLAB_NEW), 1);

	/* Free p: it heads the per-CPU list, linking to the third object. */
	ck_assert_int_eq(kml_slab_cache_free(s, p), 0);
	ck_assert_ptr_eq(*(void **)(p + 32), base + 192);
	ck_assert_int_eq(kml_slab_cache_free(s, a), 0);
	ck_assert_ptr_eq(*(void **)(a + 32), p);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_FAST), 2);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_SLOW), 0);

	/* LIFO: a, then p, then the untouched third object. */
	q = kml_slab_cache_alloc(s);
	ck_assert_ptr_eq(q, a);
	q = kml_slab_cache_alloc(s);
	ck_assert_ptr_eq(q, p);
	q = kml_slab_cache_alloc(s);
	ck_assert_ptr_eq(q, base + 192);
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC_FAST), 4);
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC), 5);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

/* --- constructor ------------------------------------------------------------ */

struct ctor_log {
	unsigned int calls;
	void *last;
};

static void count_ctor(void *obj, void *arg)
{
	struct ctor_log *log = arg;

	log->calls++;
	log->last = obj;
	memset(obj, 0x77, 40);
}

START_TEST(test_slab_ctor_once_per_object)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct ctor_log log = { 0 };
	struct kml_slab_cache *s;
	void *objs[200];
	unsigned int i, n, k;

	/* KML_F_ZERO is ignored with a constructor, as init_on_alloc. */
	s = tc_create(b, "t-ctor", 40, 0, KML_F_ZERO, count_ctor,
				  &log);
	ck_assert_ptr_nonnull(s);
	n = kml_slab_cache_layout(s)->objects;
	/* 40 + 8 pointer after it = 48; 4032 / 48 = 84 per order-0 slab. */
	ck_assert_uint_eq(kml_slab_cache_layout(s)->offset, 40);
	ck_assert_uint_eq(n, 84);
	ck_assert_uint_eq(log.calls, 0);
	for (i = 0; i < n + 1; i++) {
		objs[i] = kml_slab_cache_alloc(s);
		ck_assert_ptr_nonnull(objs[i]);
		for (k = 0; k < 40; k++)
			ck_assert_uint_eq(((u8 *)objs[i])[k], 0x77);
	}
	/* Two slabs made, every object constructed exactly once. */
	ck_assert_uint_eq(log.calls, 2 * n);
	for (i = 0; i < n + 1; i++) {
		memset(objs[i], 0x77, 40);	/* back in constructed state */
		ck_assert_int_eq(kml_slab_cache_free(s, objs[i]), 0);
	}
	for (i = 0; i < n + 1; i++) {
		objs[i] = kml_slab_cache_alloc(s);
		for (k = 0; k < 40; k++)
			ck_assert_uint_eq(((u8 *)objs[i])[k], 0x77);
	}
	ck_assert_uint_eq(log.calls, 2 * n);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

/* --- lists, release, shrink -------------------------------------------------- */

START_TEST(test_slab_partial_empty_release)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s;
	struct kml_slab_info si;
	void *objs[3 * 31];
	unsigned int i;

	/* 256 bytes: order 1, 31 objects per slab (layout table). */
	s = tc_create(b, "t-256", 256, 0, 0, NULL, NULL);
	ck_assert_ptr_nonnull(s);
	kml_slab_cache_set_min_partial(s, 1);
	for (i = 0; i < 93; i++)
		objs[i] = kml_slab_cache_alloc(s);
	/* Slabs 0 and 1 filled and handed back (full); slab 2 active. */
	kml_slab_cache_info(s, &si);
	ck_assert_uint_eq(si.num_slabs, 3);
	ck_assert_uint_eq(si.nr_full, 2);
	ck_assert_uint_eq(si.nr_active, 1);
	ck_assert_uint_eq(si.nr_partial, 0);
	ck_assert_uint_eq(st(s, KML_SLAB_DEACTIVATE), 2);

	/* One free into slab 0: slow path, slab 0 becomes partial. */
	ck_assert_int_eq(kml_slab_cache_free(s, objs[0]), 0);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_SLOW), 1);
	kml_slab_cache_info(s, &si);
	ck_assert_uint_eq(si.nr_partial, 1);
	ck_assert_uint_eq(si.nr_full, 1);
	ck_assert_uint_eq(si.active_objs, 93 - 1);

	/* Empty slab 0: kept (min_partial 1). */
	for (i = 1; i < 31; i++)
		ck_assert_int_eq(kml_slab_cache_free(s, objs[i]), 0);
	kml_slab_cache_info(s, &si);
	ck_assert_uint_eq(si.nr_empty, 1);
	ck_assert_uint_eq(si.nr_partial, 0);
	ck_assert_uint_eq(st(s, KML_SLAB_SLAB_RELEASE), 0);

	/* Empty slab 1: a second empty slab is one too many: released. */
	for (i = 31; i < 62; i++)
		ck_assert_int_eq(kml_slab_cache_free(s, objs[i]), 0);
	kml_slab_cache_info(s, &si);
	ck_assert_uint_eq(si.nr_empty, 1);
	ck_assert_uint_eq(si.num_slabs, 2);
	ck_assert_uint_eq(st(s, KML_SLAB_SLAB_RELEASE), 1);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);

	/* Next slab comes from the kept empty one, not the buddy. */
	for (i = 62; i < 93; i++)
		ck_assert_int_eq(kml_slab_cache_free(s, objs[i]), 0);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_FAST), 31);
	/* Shrink: the active slab (now free) and the kept one go back. */
	ck_assert_int_eq(kml_slab_cache_shrink(s), 2);
	kml_slab_cache_info(s, &si);
	ck_assert_uint_eq(si.num_slabs, 0);
	ck_assert_uint_eq(st(s, KML_SLAB_SLAB_RELEASE), 3);
	assert_buddy_whole(b);

	kml_slab_cache_set_min_partial(s, 0);
	objs[0] = kml_slab_cache_alloc(s);
	ck_assert_uint_eq(st(s, KML_SLAB_SLAB_NEW), 4);
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC_EMPTY), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

START_TEST(test_slab_reuses_kept_empty_slab)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s;
	void *objs[64];
	unsigned int i;

	s = tc_create(b, "t-64", 64, 0, 0, NULL, NULL);
	kml_slab_cache_set_min_partial(s, 5);
	for (i = 0; i < 64; i++)		/* 63 + 1: two slabs */
		objs[i] = kml_slab_cache_alloc(s);
	for (i = 0; i < 63; i++)		/* slab 0 empties, kept */
		ck_assert_int_eq(kml_slab_cache_free(s, objs[i]), 0);
	for (i = 0; i < 62; i++)		/* drain the active slab */
		kml_slab_cache_alloc(s);
	ck_assert_uint_eq(st(s, KML_SLAB_SLAB_NEW), 2);
	kml_slab_cache_alloc(s);		/* takes slab 0 back */
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC_EMPTY), 1);
	ck_assert_uint_eq(st(s, KML_SLAB_SLAB_NEW), 2);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

/* --- remote frees --------------------------------------------------------------- */

struct remote_job {
	struct kml_slab_cache *s;
	void **objs;
	unsigned int nr;
	int errors;
};

static void *remote_free_thread(void *arg)
{
	struct remote_job *job = arg;
	unsigned int i;

	for (i = 0; i < job->nr; i++)
		if (kml_slab_cache_free(job->s, job->objs[i]))
			job->errors++;
	kml_sim_release_slot();
	return NULL;
}

START_TEST(test_slab_remote_free_refill)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s;
	struct remote_job job;
	void *objs[63], *freed[10], *p;
	pthread_t t;
	unsigned int i, k;
	bool found;

	s = tc_create(b, "t-64", 64, 0, 0, NULL, NULL);
	for (i = 0; i < 63; i++)		/* the whole active slab */
		objs[i] = kml_slab_cache_alloc(s);
	for (i = 0; i < 10; i++)
		freed[i] = objs[5 * i];
	job = (struct remote_job){ .s = s, .objs = freed, .nr = 10 };
	ck_assert_int_eq(pthread_create(&t, NULL, remote_free_thread, &job),
			 0);
	pthread_join(t, NULL);
	ck_assert_int_eq(job.errors, 0);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_REMOTE), 10);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_SLOW), 10);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);

	/* The owner's per-CPU list is dry: the refill takes the 10 back. */
	for (i = 0; i < 10; i++) {
		p = kml_slab_cache_alloc(s);
		/* LIFO on the slab list: the last remote free comes first. */
		ck_assert_ptr_eq(p, freed[9 - i]);
	}
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC_REFILL), 1);
	ck_assert_uint_eq(st(s, KML_SLAB_SLAB_NEW), 1);
	p = kml_slab_cache_alloc(s);		/* now a new slab */
	found = false;
	for (k = 0; k < 63; k++)
		found |= p == objs[k];
	ck_assert(!found);
	ck_assert_uint_eq(st(s, KML_SLAB_SLAB_NEW), 2);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

/* --- zero on alloc ----------------------------------------------------------------- */

START_TEST(test_slab_zero_on_alloc)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *z, *nz;
	u8 *p, *q;
	unsigned int i, nonzero = 0;

	z = tc_create(b, "t-zero", 128, 0, KML_F_ZERO, NULL, NULL);
	nz = tc_create(b, "t-nozero", 128, 0, 0, NULL, NULL);
	p = kml_slab_cache_alloc(z);
	memset(p, 0xff, 128);
	ck_assert_int_eq(kml_slab_cache_free(z, p), 0);
	q = kml_slab_cache_alloc(z);
	ck_assert_ptr_eq(q, p);
	for (i = 0; i < 128; i++)
		ck_assert_uint_eq(q[i], 0);

	/*
	 * Without the flag the old bytes remain, but for the free pointer's
	 * word at ALIGN_DOWN(128 / 2, 8) = 64 (slab.c's theory block), which
	 * holds an address whose bytes may be anything, 0xff included.
	 */
	p = kml_slab_cache_alloc(nz);
	memset(p, 0xff, 128);
	ck_assert_int_eq(kml_slab_cache_free(nz, p), 0);
	q = kml_slab_cache_alloc(nz);
	ck_assert_ptr_eq(q, p);
	for (i = 0; i < 128; i++)
		if (i < 64 || i >= 64 + 8)
			nonzero += q[i] == 0xff;
	ck_assert_uint_eq(nonzero, 120);
	kml_slab_cache_destroy(z);
	kml_slab_cache_destroy(nz);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

/* --- debug detections --------------------------------------------------------------- */

#define DEBUG_ALL	(KML_F_REDZONE | KML_F_POISON | KML_F_CHECK)

START_TEST(test_slab_debug_redzone_overwrite)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s;
	u8 *p;
	unsigned int i;

	s = tc_create(b, "t-rz", 64, 0, DEBUG_ALL, NULL, NULL);
	p = kml_slab_cache_alloc(s);
	ck_assert_ptr_nonnull(p);
	for (i = 64; i < 72; i++)
		ck_assert_uint_eq(p[i], KML_SLAB_RED_ACTIVE);
	p[64] = 0;				/* one byte too far */
	ck_assert_int_eq(kml_slab_cache_free(s, p), -EINVAL);
	ck_assert_uint_eq(st(s, KML_SLAB_REDZONE_HIT), 1);
	ck_assert_uint_eq(st(s, KML_SLAB_BAD_FREE), 1);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	/* Refused means unchanged: still allocated, freeable once fixed. */
	p[64] = KML_SLAB_RED_ACTIVE;
	ck_assert_int_eq(kml_slab_cache_free(s, p), 0);
	for (i = 64; i < 72; i++)
		ck_assert_uint_eq(p[i], KML_SLAB_RED_INACTIVE);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

START_TEST(test_slab_debug_poison_use_after_free)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s;
	u8 *p, *q;
	unsigned int i;

	s = tc_create(b, "t-poison", 64, 0, DEBUG_ALL, NULL,
				  NULL);
	p = kml_slab_cache_alloc(s);
	ck_assert_int_eq(kml_slab_cache_free(s, p), 0);
	for (i = 0; i < 63; i++)
		ck_assert_uint_eq(p[i], KML_SLAB_POISON_FREE);
	ck_assert_uint_eq(p[63], KML_SLAB_POISON_END);
	p[10] = 1;				/* use after free */
	q = kml_slab_cache_alloc(s);
	ck_assert_ptr_nonnull(q);
	ck_assert_ptr_ne(q, p);			/* p withheld, next one */
	ck_assert_ptr_eq(q, p + kml_slab_cache_layout(s)->stride);
	ck_assert_uint_eq(st(s, KML_SLAB_POISON_HIT), 1);
	ck_assert_uint_eq(st(s, KML_SLAB_QUARANTINED), 1);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	/* A free of the quarantined object is a free of a free object. */
	ck_assert_int_eq(kml_slab_cache_free(s, p), -EINVAL);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_DOUBLE), 1);
	ck_assert_int_eq(kml_slab_cache_free(s, q), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

START_TEST(test_slab_debug_double_free)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s;
	void *p, *q, *r;

	s = tc_create(b, "t-df", 64, 0, KML_F_CHECK, NULL, NULL);
	p = kml_slab_cache_alloc(s);
	q = kml_slab_cache_alloc(s);
	ck_assert_int_eq(kml_slab_cache_free(s, p), 0);
	ck_assert_int_eq(kml_slab_cache_free(s, p), -EINVAL);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_DOUBLE), 1);
	ck_assert_uint_eq(st(s, KML_SLAB_BAD_FREE), 1);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE), 1);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	/* p is handed out once, not twice. */
	r = kml_slab_cache_alloc(s);
	ck_assert_ptr_eq(r, p);
	r = kml_slab_cache_alloc(s);
	ck_assert_ptr_ne(r, p);
	ck_assert_ptr_ne(r, q);
	/* A never-allocated object of the slab is "already free" too. */
	ck_assert_int_eq(kml_slab_cache_free(s, (char *)r +
				kml_slab_cache_layout(s)->stride), -EINVAL);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_DOUBLE), 2);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

START_TEST(test_slab_debug_foreign_and_misaligned)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_buddy *other = new_buddy(POOL_4M);
	struct kml_slab_cache *s, *t, *plain;
	char *p, *x, *y, stack_obj[64];
	void *heap = malloc(64), *page;

	s = tc_create(b, "t-a", 64, 0, KML_F_CHECK, NULL, NULL);
	t = tc_create(b, "t-b", 64, 0, KML_F_CHECK, NULL, NULL);
	plain = tc_create(b, "t-plain", 96, 0, 0, NULL, NULL);
	p = kml_slab_cache_alloc(s);
	x = kml_slab_cache_alloc(t);
	y = kml_slab_cache_alloc(plain);

	/* Another cache's object. */
	ck_assert_int_eq(kml_slab_cache_free(s, x), -EINVAL);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_FOREIGN), 1);
	/* Non-debug caches check frees that miss the active slab too. */
	ck_assert_int_eq(kml_slab_cache_free(plain, x), -EINVAL);
	ck_assert_uint_eq(st(plain, KML_SLAB_FREE_FOREIGN), 1);
	/* Inside an object, inside the descriptor, in the leftover. */
	ck_assert_int_eq(kml_slab_cache_free(s, p + 8), -EINVAL);
	ck_assert_int_eq(kml_slab_cache_free(s, slab_base(p, s) + 8), -EINVAL);
	ck_assert_int_eq(kml_slab_cache_free(s, slab_base(p, s) + 4095),
			 -EINVAL);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_MISALIGNED), 3);
	/* Outside the pool: the stack, the libc heap, another pool. */
	page = kml_buddy_alloc(other, 0);
	ck_assert_int_eq(kml_slab_cache_free(s, stack_obj), -EINVAL);
	ck_assert_int_eq(kml_slab_cache_free(s, heap), -EINVAL);
	ck_assert_int_eq(kml_slab_cache_free(s, page), -EINVAL);
	ck_assert_int_eq(kml_slab_cache_free(plain, heap), -EINVAL);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_OUTSIDE), 3);
	ck_assert_uint_eq(st(plain, KML_SLAB_FREE_OUTSIDE), 1);
	/* A free buddy block in the pool (no live descriptor there). */
	page = kml_buddy_alloc(b, 0);
	ck_assert_int_eq(kml_buddy_free(b, page, 0), 0);
	ck_assert_int_eq(kml_slab_cache_free(s, (char *)page + 64), -EINVAL);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_FOREIGN), 2);
	ck_assert_uint_eq(st(s, KML_SLAB_BAD_FREE), 8);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE), 0);

	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(t), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(plain), 0);
	ck_assert_int_eq(kml_slab_cache_free(s, p), 0);
	ck_assert_int_eq(kml_slab_cache_free(t, x), 0);
	ck_assert_int_eq(kml_slab_cache_free(plain, y), 0);
	kml_slab_cache_destroy(s);
	kml_slab_cache_destroy(t);
	kml_slab_cache_destroy(plain);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
	kml_buddy_destroy(other);
	free(heap);
}
END_TEST

START_TEST(test_slab_debug_freeptr_corruption)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s;
	char *p[3], *q;

	/* CHECK only: the free pointer lives in the object, at 32. */
	s = tc_create(b, "t-fp", 64, 0, KML_F_CHECK, NULL, NULL);
	ck_assert_uint_eq(kml_slab_cache_layout(s)->offset, 32);
	p[0] = kml_slab_cache_alloc(s);
	p[1] = kml_slab_cache_alloc(s);
	p[2] = kml_slab_cache_alloc(s);
	ck_assert_int_eq(kml_slab_cache_free(s, p[1]), 0);
	*(void **)(p[1] + 32) = (void *)0x1234;	/* use after free */
	q = kml_slab_cache_alloc(s);
	ck_assert_uint_eq(st(s, KML_SLAB_FREEPTR_BAD), 1);
	/* Rebuilt in address order: p[1] is the first free object. */
	ck_assert_ptr_eq(q, p[1]);
	q = kml_slab_cache_alloc(s);
	ck_assert_ptr_eq(q, p[2] + kml_slab_cache_layout(s)->stride);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

/* --- kmalloc ------------------------------------------------------------------------ */

START_TEST(test_slab_kmalloc_classes)
{
	static const struct { size_t size; u32 class; } edges[] = {
		{ 1, 8 }, { 8, 8 }, { 9, 16 }, { 16, 16 }, { 17, 32 },
		{ 32, 32 }, { 33, 64 }, { 64, 64 }, { 65, 96 }, { 96, 96 },
		{ 97, 128 }, { 128, 128 }, { 129, 192 }, { 192, 192 },
		{ 193, 256 }, { 256, 256 }, { 257, 512 }, { 512, 512 },
		{ 513, 1024 }, { 1024, 1024 }, { 1025, 2048 },
		{ 2049, 4096 }, { 4096, 4096 }, { 4097, 8192 },
		{ 8192, 8192 },
	};
	static const char * const names[] = {
		"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64",
		"kmalloc-96", "kmalloc-128", "kmalloc-192", "kmalloc-256",
		"kmalloc-512", "kmalloc-1k", "kmalloc-2k", "kmalloc-4k",
		"kmalloc-8k",
	};
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_kmalloc *k;
	unsigned int i;
	size_t sz;
	void *p;

	for (i = 0; i < ARRAY_SIZE(edges); i++)
		ck_assert_uint_eq(kml_kmalloc_class_size(
				  kml_kmalloc_index(edges[i].size)),
				  edges[i].class);
	ck_assert_int_eq(kml_kmalloc_index(0), -1);
	ck_assert_int_eq(kml_kmalloc_index(8193), -1);
	/* Every size: the smallest class that holds it. */
	for (sz = 1; sz <= 8192; sz++) {
		int idx = kml_kmalloc_index(sz);

		if (idx < 0 || kml_kmalloc_class_size(idx) < sz ||
		    (idx > 0 && kml_kmalloc_class_size(idx - 1) >= sz))
			ck_abort_msg("size %zu: class %d", sz, idx);
	}

	k = tk_create(b, 0);
	ck_assert_ptr_nonnull(k);
	for (i = 0; i < KML_KMALLOC_CLASSES; i++)
		ck_assert_str_eq(kml_slab_cache_name(kml_kmalloc_cache(k, i)),
				 names[i]);
	ck_assert_ptr_null(kml_kmalloc(k, 0));
	ck_assert_ptr_null(kml_kmalloc(k, 8193));
	for (i = 0; i < ARRAY_SIZE(edges); i++) {
		struct kml_slab_cache *s =
			kml_kmalloc_cache(k, kml_kmalloc_index(edges[i].size));
		u64 before = st(s, KML_SLAB_ALLOC);

		p = kml_kmalloc(k, edges[i].size);
		ck_assert_ptr_nonnull(p);
		memset(p, 0xab, edges[i].size);
		ck_assert_uint_eq(st(s, KML_SLAB_ALLOC), before + 1);
		ck_assert_int_eq(kml_kfree(k, p), 0);
		ck_assert_uint_eq(st(s, KML_SLAB_FREE), before + 1);
	}
	for (i = 0; i < KML_KMALLOC_CLASSES; i++)
		ck_assert_uint_eq(kml_slab_cache_validate(
					kml_kmalloc_cache(k, i)), 0);
	kml_kmalloc_destroy(k);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

START_TEST(test_slab_kfree_bad_pointers)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_kmalloc *k;
	struct kml_slab_cache *other, *k8, *k4k;
	char *p, *big, *o, stack_obj[16];

	k = tk_create(b, KML_F_CHECK);
	other = tc_create(b, "t-other", 64, 0, 0, NULL, NULL);
	k8 = kml_kmalloc_cache(k, 0);
	k4k = kml_kmalloc_cache(k, kml_kmalloc_index(4096));
	p = kml_kmalloc(k, 40);
	big = kml_kmalloc(k, 3000);		/* order-3 slab */
	o = kml_slab_cache_alloc(other);
	ck_assert_int_eq(kml_kfree(k, o), -EINVAL);
	ck_assert_int_eq(kml_kfree(k, stack_obj), -EINVAL);
	ck_assert_uint_eq(st(k8, KML_SLAB_FREE_FOREIGN), 1);
	ck_assert_uint_eq(st(k8, KML_SLAB_FREE_OUTSIDE), 1);
	/* Middle of an object: found through the descriptor, refused. */
	ck_assert_int_eq(kml_kfree(k, big + 4096 + 100), -EINVAL);
	ck_assert_uint_eq(st(k4k, KML_SLAB_FREE_MISALIGNED), 1);
	ck_assert_int_eq(kml_kfree(k, p), 0);
	ck_assert_int_eq(kml_kfree(k, p), -EINVAL);
	ck_assert_uint_eq(st(kml_kmalloc_cache(k, 3), KML_SLAB_FREE_DOUBLE), 1);
	ck_assert_int_eq(kml_kfree(k, big), 0);
	ck_assert_int_eq(kml_kfree(k, NULL), 0);
	ck_assert_int_eq(kml_slab_cache_free(other, o), 0);
	kml_slab_cache_destroy(other);
	kml_kmalloc_destroy(k);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

/* --- slabinfo text ------------------------------------------------------------------ */

static const char slabinfo_header[] =
	"slabinfo - version: 2.1\n"
	"# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
	" : tunables <limit> <batchcount> <sharedfactor>"
	" : slabdata <active_slabs> <num_slabs> <sharedavail>\n";

START_TEST(test_slab_slabinfo_row_exact)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s;
	struct kml_slab_info si;
	struct kml_out out;
	char buf[512];
	void *objs[70];
	unsigned int i;

	s = tc_create(b, "test-64", 64, 0, 0, NULL, NULL);
	for (i = 0; i < 70; i++)
		objs[i] = kml_slab_cache_alloc(s);
	/* slab 0 full (63), slab 1 active with 7 used and 56 free. */
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(kml_slab_cache_free(s, objs[i]), 0);
	/*
	 * slab 0 is partial with 5 free. SLUB's active_objs = num_objs -
	 * free on partial slabs = 126 - 5 = 121; the active slab's 56 free
	 * objects count as active, as in SLUB.
	 */
	kml_slab_cache_info(s, &si);
	ck_assert_uint_eq(si.objects_inuse, 65);
	ck_assert_uint_eq(si.free_partial, 5);
	/* loss = 2 * 4096 - 65 * 64; stride == size; tail 64 per slab. */
	ck_assert_uint_eq(si.loss, 8192 - 65 * 64);
	ck_assert_uint_eq(si.loss_stride, 0);
	ck_assert_uint_eq(si.loss_tail, 128);
	ck_assert_uint_eq(si.loss_free, (126 - 65) * 64);

	kml_out_init(&out, buf, sizeof(buf));
	kml_slab_show_slabinfo_header(&out);
	kml_slab_show_slabinfo_row(s, &out);
	ck_assert_str_eq(buf,
			 "slabinfo - version: 2.1\n"
			 "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
			 " : tunables <limit> <batchcount> <sharedfactor>"
			 " : slabdata <active_slabs> <num_slabs> <sharedavail>\n"
			 "test-64              121    126     64   63    1"
			 " : tunables    0    0    0"
			 " : slabdata      2      2      0\n");
	ck_assert(!out.overflow);
	kml_slab_cache_destroy(s);
	kml_buddy_destroy(b);
}
END_TEST

/* --- the backend ---------------------------------------------------------------------- */

START_TEST(test_slab_backend_cache)
{
	const struct kml_backend *be = &kml_backend_slab;
	struct kml_params p = { .pool_bytes = POOL_4M, .size = 100, .tier = g_tier,
				.flags = KML_F_CTOR, .min_partial = 2 };
	struct kml_alloc_stats as;
	struct kml_out out;
	static char buf[8192];
	char row[160];
	void *priv, *obj[3];
	unsigned int i;

	ck_assert_str_eq(be->name, "slab");
	ck_assert_int_eq(be->family, KML_FAMILY_OBJECT);
	ck_assert(be->ours);
	ck_assert_int_eq(be->create(&p, 7, &priv), 0);
	/* 100 + pointer after the object (constructor) = 108 -> 112. */
	ck_assert_uint_eq(be->usable(priv, 100), 112);
	ck_assert_uint_eq(be->usable(priv, 101), 0);
	ck_assert_uint_eq(be->max_size(priv), 100);
	ck_assert_ptr_null(be->alloc(priv, 101));
	for (i = 0; i < 3; i++) {
		obj[i] = be->alloc(priv, 100);
		ck_assert_ptr_nonnull(obj[i]);
		ck_assert_uint_eq(((u8 *)obj[i])[0], 0x5a);
		ck_assert_uint_eq(((u8 *)obj[i])[99], 0x5a);
	}
	be->stats(priv, &as);
	ck_assert_uint_eq(as.allocs, 3);
	ck_assert_uint_eq(as.failures, 1);
	ck_assert_uint_eq(as.bytes_allocated, 3 * 112);
	ck_assert_uint_eq(as.bytes_held, 4096);
	ck_assert_uint_eq(as.total_free, (36 - 3) * 112);	/* 4032/112 */
	ck_assert_int_eq(be->free(priv, obj[0], 100), 0);
	ck_assert_int_eq(be->free(priv, obj[1], 100), 0);
	ck_assert_uint_eq(be->validate(priv), 0);
	kml_out_init(&out, buf, sizeof(buf));
	ck_assert_int_eq(be->show(priv, KML_VIEW_SLABINFO, &out), 0);
	ck_assert_int_eq(strncmp(buf, slabinfo_header,
				 sizeof(slabinfo_header) - 1), 0);
	/*
	 * active_objs counts the per-CPU tier's objects as in use (SLUB):
	 * freelist, the active slab's 36; sheaves, the 32 of one refill (4
	 * left free on the partial slab); magazine, the 3 taken one by one
	 * (2 of them back in the loaded magazine; 33 free on the slab).
	 */
	snprintf(row, sizeof(row), "slab-100          %6u     36    112   36    1"
		 " : tunables    0    0    0"
		 " : slabdata      1      1      0\n",
		 g_tier == KML_SLAB_TIER_FREELIST ? 36 :
		 g_tier == KML_SLAB_TIER_SHEAVES ? 32 : 3);
	ck_assert_str_eq(buf + sizeof(slabinfo_header) - 1, row);
	kml_out_init(&out, buf, sizeof(buf));
	ck_assert_int_eq(be->show(priv, KML_VIEW_STATS, &out), 0);
	ck_assert_ptr_nonnull(strstr(buf, "slab-100.alloc 3\n"));
	ck_assert_ptr_nonnull(strstr(buf, "slab-100.min_partial 2\n"));
	ck_assert_ptr_nonnull(strstr(buf, "slab-100.loss_bytes "));
	ck_assert_int_eq(be->show(priv, KML_VIEW_BUDDYINFO, &out), -ENOENT);
	ck_assert_int_eq(be->shrink(priv), 0);
	be->destroy(priv);
}
END_TEST

START_TEST(test_slab_backend_kmalloc)
{
	const struct kml_backend *be = &kml_backend_slab;
	struct kml_params p = { .pool_bytes = POOL_4M, .tier = g_tier };
	struct kml_alloc_stats as;
	struct kml_out out;
	static char buf[8192];
	const char *k8;
	void *priv, *a, *c;

	ck_assert_int_eq(be->create(&p, 1, &priv), 0);
	ck_assert_uint_eq(be->max_size(priv), 8192);
	ck_assert_uint_eq(be->usable(priv, 100), 128);
	ck_assert_uint_eq(be->usable(priv, 8193), 0);
	a = be->alloc(priv, 100);
	c = be->alloc(priv, 5000);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_null(be->alloc(priv, 9000));
	be->stats(priv, &as);
	ck_assert_uint_eq(as.allocs, 2);
	ck_assert_uint_eq(as.bytes_allocated, 128 + 8192);
	/*
	 * kmalloc-128 order 0 (31 objects a slab), kmalloc-8k order 3 (3).
	 * A sheaf refill takes more than one slab holds in both: 32 objects
	 * of 128 B, 4 of 8 KiB.
	 */
	ck_assert_uint_eq(as.bytes_held, g_tier == KML_SLAB_TIER_SHEAVES ?
			  2 * 4096 + 2 * 32768 : 4096 + 32768);
	kml_out_init(&out, buf, sizeof(buf));
	ck_assert_int_eq(be->show(priv, KML_VIEW_SLABINFO, &out), 0);
	/*
	 * active_objs of kmalloc-8k: freelist, the active slab's 3; sheaves,
	 * the 4 of the refill (2 left free on the second slab); magazine,
	 * the 1 taken (2 free on its partial slab).
	 */
	if (g_tier == KML_SLAB_TIER_FREELIST)
		k8 = "\nkmalloc-8k             3      3   8192    3    8 : tunables";
	else if (g_tier == KML_SLAB_TIER_SHEAVES)
		k8 = "\nkmalloc-8k             4      6   8192    3    8 : tunables";
	else
		k8 = "\nkmalloc-8k             1      3   8192    3    8 : tunables";
	ck_assert_ptr_nonnull(strstr(buf, k8));
	ck_assert_ptr_nonnull(strstr(buf, "\nkmalloc-8              0      0      8  504    1 :"));
	ck_assert_int_eq(be->free(priv, a, 100), 0);
	ck_assert_int_eq(be->free(priv, c, 5000), 0);
	ck_assert_uint_eq(be->validate(priv), 0);
	be->destroy(priv);
	ck_assert_int_eq(be->create(&(struct kml_params){ .size = 0,
				    .flags = KML_F_CTOR }, 1, &priv), -EINVAL);
	ck_assert_int_eq(be->create(&(struct kml_params){ .size = 64,
				    .align = 3 }, 1, &priv), -EINVAL);
}
END_TEST

/* --- property test against a reference model --------------------------------------------- */

/*
 * Check records a mark point (a pipe write in fork mode) per ck_assert:
 * the hot loop below checks with plain C and aborts only on failure.
 */
#define PROP_CHECK(cond, op)						\
	do {								\
		if (!(cond))						\
			ck_abort_msg("op %u (seed %#llx): %s", (op),	\
				     (unsigned long long)PROP_SEED, #cond); \
	} while (0)
#define PROP_SEED	0x2545f4914f6cdd1dULL

#define PROP_OPS	300000
#define PROP_LIVE	3000
#define PROP_CACHES	4	/* plus the kmalloc set, owner PROP_CACHES */

struct live_obj {
	u8 *p;
	u32 size;
	u32 owner;
	u64 id;
};

static u64 rng_state;

static u64 rng(void)
{
	u64 x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng_state = x;
	return x;
}

static void ctor_pattern(void *obj, void *arg)
{
	memset(obj, 0x3c, 100);
}

static int by_addr(const void *a, const void *b)
{
	const struct live_obj *x = a, *y = b;

	return x->p < y->p ? -1 : x->p > y->p;
}

/* No two live objects share a byte: sorted by address, each ends first. */
static bool no_overlap(const struct live_obj *live, unsigned int n)
{
	static struct live_obj sorted[PROP_LIVE];
	unsigned int i;

	memcpy(sorted, live, n * sizeof(*live));
	qsort(sorted, n, sizeof(*sorted), by_addr);
	for (i = 1; i < n; i++)
		if (sorted[i - 1].p + sorted[i - 1].size > sorted[i].p)
			return false;
	return true;
}

static void fill(struct live_obj *o)
{
	memset(o->p, (u8)(o->id % 251 + 1), o->size);
	if (o->size >= 8)
		memcpy(o->p, &o->id, 8);
}

static bool intact(const struct live_obj *o)
{
	u32 i;

	if (o->size >= 8 && memcmp(o->p, &o->id, 8))
		return false;
	for (i = o->size >= 8 ? 8 : 0; i < o->size; i++)
		if (o->p[i] != (u8)(o->id % 251 + 1))
			return false;
	return true;
}

START_TEST(test_slab_property_model)
{
	static const struct { u32 size, align, flags; bool ctor; } spec[] = {
		{ 24, 0, 0, false },
		{ 200, 64, KML_F_ZERO, false },
		{ 700, 0, DEBUG_ALL, false },
		{ 100, 0, 0, true },
	};
	static struct live_obj live[PROP_LIVE];
	struct kml_buddy *b = new_buddy(16ULL << 20);
	struct kml_slab_cache *s[PROP_CACHES];
	u64 model_live[PROP_CACHES + 1] = { 0 }, id = 0, bad_expected = 0;
	u64 kmalloc_alloc = 0, kmalloc_free = 0;
	struct kml_kmalloc *k;
	unsigned int nlive = 0, i, op;
	char name[16];

	rng_state = PROP_SEED;
	for (i = 0; i < PROP_CACHES; i++) {
		snprintf(name, sizeof(name), "prop-%u", i);
		s[i] = tc_create(b, name, spec[i].size,
					     spec[i].align, spec[i].flags,
					     spec[i].ctor ? ctor_pattern : NULL,
					     NULL);
		ck_assert_ptr_nonnull(s[i]);
		kml_slab_cache_set_min_partial(s[i], i);
	}
	k = tk_create(b, 0);
	ck_assert_ptr_nonnull(k);

	for (op = 0; op < PROP_OPS; op++) {
		u64 r = rng();
		bool do_alloc = nlive == 0 ||
				(nlive < PROP_LIVE && r % 100 < 55);

		if (do_alloc) {
			struct live_obj *o = &live[nlive];
			u32 owner = (r >> 8) % (PROP_CACHES + 1);

			o->owner = owner;
			o->id = ++id;
			if (owner < PROP_CACHES) {
				struct kml_slab_cache *c = s[owner];
				u32 align = spec[owner].align ?: 8;
				u32 j;

				o->size = spec[owner].size;
				o->p = kml_slab_cache_alloc(c);
				PROP_CHECK(o->p, op);
				PROP_CHECK((uintptr_t)o->p % align == 0, op);
				if (spec[owner].flags & KML_F_ZERO)
					for (j = 0; j < o->size; j++)
						PROP_CHECK(o->p[j] == 0, op);
				if (spec[owner].ctor)
					for (j = 0; j < o->size; j++)
						PROP_CHECK(o->p[j] == 0x3c, op);
			} else {
				/* Mostly small, like real kmalloc traffic. */
				o->size = (r >> 20) % 8 ? (r >> 24) % 256 + 1 :
					  (r >> 24) % 8192 + 1;
				o->p = kml_kmalloc(k, o->size);
				PROP_CHECK(o->p, op);
				PROP_CHECK((uintptr_t)o->p % 8 == 0, op);
				kmalloc_alloc++;
			}
			fill(o);
			model_live[owner]++;
			nlive++;
		} else {
			unsigned int victim = (r >> 8) % nlive;
			struct live_obj *o = &live[victim];

			PROP_CHECK(intact(o), op);
			if (o->owner == 2 && (r >> 40) % 16 == 0) {
				/* A bad free in the debug cache: refused. */
				PROP_CHECK(kml_slab_cache_free(s[2], o->p + 1) ==
					   -EINVAL, op);
				bad_expected++;
			}
			if (o->owner < PROP_CACHES) {
				if (spec[o->owner].ctor)
					memset(o->p, 0x3c, o->size);
				PROP_CHECK(!kml_slab_cache_free(s[o->owner],
								o->p), op);
			} else {
				PROP_CHECK(!kml_kfree(k, o->p), op);
				kmalloc_free++;
			}
			model_live[o->owner]--;
			*o = live[--nlive];
		}
		if (op % 50000 == 49999)
			for (i = 0; i < PROP_CACHES; i++)
				kml_slab_cache_shrink(s[i]);
		if (op % 2000 == 1999) {
			u64 ka = 0, kf = 0;

			PROP_CHECK(no_overlap(live, nlive), op);

			for (i = 0; i < PROP_CACHES; i++) {
				ck_assert_uint_eq(kml_slab_cache_validate(s[i]),
						  0);
				ck_assert_uint_eq(st(s[i], KML_SLAB_ALLOC) -
						  st(s[i], KML_SLAB_FREE),
						  model_live[i]);
			}
			for (i = 0; i < KML_KMALLOC_CLASSES; i++) {
				struct kml_slab_cache *c =
					kml_kmalloc_cache(k, i);

				ck_assert_uint_eq(kml_slab_cache_validate(c),
						  0);
				ka += st(c, KML_SLAB_ALLOC);
				kf += st(c, KML_SLAB_FREE);
			}
			ck_assert_uint_eq(ka, kmalloc_alloc);
			ck_assert_uint_eq(kf, kmalloc_free);
			ck_assert_uint_eq(ka - kf, model_live[PROP_CACHES]);
			ck_assert_uint_eq(kml_buddy_validate(b), 0);
		}
	}
	ck_assert_uint_eq(st(s[2], KML_SLAB_FREE_MISALIGNED), bad_expected);
	ck_assert_uint_gt(bad_expected, 0);
	/* Return everything; then every slab can go back to the buddy. */
	while (nlive) {
		struct live_obj *o = &live[--nlive];

		ck_assert(intact(o));
		if (o->owner < PROP_CACHES)
			ck_assert_int_eq(kml_slab_cache_free(s[o->owner], o->p),
					 0);
		else
			ck_assert_int_eq(kml_kfree(k, o->p), 0);
	}
	for (i = 0; i < PROP_CACHES; i++) {
		struct kml_slab_info si;

		kml_slab_cache_shrink(s[i]);
		kml_slab_cache_info(s[i], &si);
		ck_assert_uint_eq(si.num_slabs, 0);
		ck_assert_uint_eq(kml_slab_cache_validate(s[i]), 0);
		kml_slab_cache_destroy(s[i]);
	}
	kml_kmalloc_destroy(k);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

/* --- threads --------------------------------------------------------------------------- */

#define MT_THREADS	4
#define MT_ITERS	40000
#define MT_BOX		256

struct mailbox {
	pthread_mutex_t lock;
	void *objs[MT_BOX];
	unsigned int nr;
};

struct mt_ctx {
	struct kml_slab_cache *s;
	struct kml_kmalloc *k;
	struct mailbox box[MT_THREADS];
	pthread_barrier_t barrier;
	int errors[MT_THREADS];
};

struct mt_arg {
	struct mt_ctx *ctx;
	unsigned int id;
};

/* Objects carry a tag: word 0 says which allocator, kmalloc-64 or s. */
static int mt_free(struct mt_ctx *ctx, void *p)
{
	if (*(u64 *)p == 1)
		return kml_kfree(ctx->k, p);
	return kml_slab_cache_free(ctx->s, p);
}

static void mt_drain(struct mt_ctx *ctx, unsigned int id)
{
	struct mailbox *mb = &ctx->box[id];
	void *take[MT_BOX];
	unsigned int i, n;

	pthread_mutex_lock(&mb->lock);
	n = mb->nr;
	memcpy(take, mb->objs, n * sizeof(void *));
	mb->nr = 0;
	pthread_mutex_unlock(&mb->lock);
	for (i = 0; i < n; i++)
		if (mt_free(ctx, take[i]))
			ctx->errors[id]++;
}

static void *mt_thread(void *arg)
{
	struct mt_arg *a = arg;
	struct mt_ctx *ctx = a->ctx;
	struct mailbox *next = &ctx->box[(a->id + 1) % MT_THREADS];
	void *mine[64];
	unsigned int nmine = 0, i;
	u64 x = a->id + 1;

	for (i = 0; i < MT_ITERS; i++) {
		u64 *p;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		if (x & 1) {
			p = kml_kmalloc(ctx->k, 64);
			if (p)
				*p = 1;
		} else {
			p = kml_slab_cache_alloc(ctx->s);
			if (p)
				*p = 2;
		}
		if (!p) {
			ctx->errors[a->id]++;
			continue;
		}
		pthread_mutex_lock(&next->lock);
		if ((x & 6) == 0 && next->nr < MT_BOX) {
			next->objs[next->nr++] = p;	/* a remote free */
			p = NULL;
		}
		pthread_mutex_unlock(&next->lock);
		if (p)
			mine[nmine++] = p;
		if (nmine == 64) {
			while (nmine)
				if (mt_free(ctx, mine[--nmine]))
					ctx->errors[a->id]++;
		}
		if (i % 32 == 0)
			mt_drain(ctx, a->id);
	}
	while (nmine)
		if (mt_free(ctx, mine[--nmine]))
			ctx->errors[a->id]++;
	pthread_barrier_wait(&ctx->barrier);
	mt_drain(ctx, a->id);
	kml_sim_release_slot();
	return NULL;
}

START_TEST(test_slab_threads_cross_free)
{
	static struct mt_ctx ctx;
	struct kml_buddy *b = kml_buddy_create(16ULL << 20, true, 0);
	struct mt_arg args[MT_THREADS];
	pthread_t t[MT_THREADS];
	struct kml_slab_cache *k64;
	unsigned int i;

	ck_assert_ptr_nonnull(b);
	ctx.s = tc_create(b, "mt-48", 48, 0, 0, NULL, NULL);
	ctx.k = tk_create(b, 0);
	ck_assert_ptr_nonnull(ctx.s);
	ck_assert_ptr_nonnull(ctx.k);
	pthread_barrier_init(&ctx.barrier, NULL, MT_THREADS);
	for (i = 0; i < MT_THREADS; i++) {
		pthread_mutex_init(&ctx.box[i].lock, NULL);
		args[i] = (struct mt_arg){ .ctx = &ctx, .id = i };
		ck_assert_int_eq(pthread_create(&t[i], NULL, mt_thread,
						&args[i]), 0);
	}
	for (i = 0; i < MT_THREADS; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < MT_THREADS; i++)
		ck_assert_int_eq(ctx.errors[i], 0);

	k64 = kml_kmalloc_cache(ctx.k, kml_kmalloc_index(64));
	ck_assert_uint_eq(st(ctx.s, KML_SLAB_ALLOC), st(ctx.s, KML_SLAB_FREE));
	ck_assert_uint_eq(st(k64, KML_SLAB_ALLOC), st(k64, KML_SLAB_FREE));
	ck_assert_uint_eq(st(ctx.s, KML_SLAB_ALLOC) + st(k64, KML_SLAB_ALLOC),
			  MT_THREADS * MT_ITERS);
	if (g_tier == KML_SLAB_TIER_FREELIST) {
		ck_assert_uint_gt(st(ctx.s, KML_SLAB_FREE_REMOTE), 0);
		ck_assert_uint_gt(st(k64, KML_SLAB_FREE_REMOTE), 0);
	} else {
		/* Array tiers keep every free, remote ones too, per CPU. */
		ck_assert_uint_eq(st(ctx.s, KML_SLAB_FREE_REMOTE), 0);
		ck_assert_uint_gt(st(ctx.s, KML_SLAB_TIER_FREE_CPU), MT_ITERS);
	}
	ck_assert_uint_gt(st(ctx.s, KML_SLAB_ALLOC_FAST), MT_ITERS);
	ck_assert_uint_eq(kml_slab_cache_validate(ctx.s), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(k64), 0);
	/* Quiescent now: every CPU's slab back, every slab released. */
	kml_slab_cache_flush_all(ctx.s);
	kml_slab_cache_flush_all(k64);
	ck_assert_uint_eq(kml_slab_cache_validate(ctx.s), 0);
	kml_slab_cache_shrink(ctx.s);
	ck_assert_uint_eq(kml_slab_cache_validate(ctx.s), 0);
	kml_slab_cache_destroy(ctx.s);
	kml_kmalloc_destroy(ctx.k);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

/* --- the array tiers: sheaves and magazines -------------------------------------- */

static struct kml_slab_cache *tier_cache(struct kml_buddy *b, u32 size,
					 enum kml_slab_tier tier, u32 cap)
{
	struct kml_slab_cache *s;

	s = kml_slab_cache_create(b, "t-tier", size, 0, 0, NULL, NULL);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(kml_slab_cache_set_tier(s, tier, cap), 0);
	ck_assert_int_eq(kml_slab_cache_tier(s), tier);
	return s;
}

static u64 held(struct kml_slab_cache *s, int which)
{
	struct kml_slab_info si;

	kml_slab_cache_info(s, &si);
	return which == 0 ? si.tier_objs : which == 1 ? si.tier_objs_cpu :
	       si.tier_objs_barn;
}

START_TEST(test_tier_set_rejects)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s;
	void *p;

	s = kml_slab_cache_create(b, "t-64", 64, 0, 0, NULL, NULL);
	ck_assert_int_eq(kml_slab_cache_tier(s), KML_SLAB_TIER_FREELIST);
	ck_assert_int_eq(kml_slab_cache_set_tier(s, KML_SLAB_TIER_NR, 0),
			 -EINVAL);
	ck_assert_int_eq(kml_slab_cache_set_tier(s, KML_SLAB_TIER_SHEAVES,
						 KML_SLAB_SHEAF_MAX + 1),
			 -EINVAL);
	ck_assert_int_eq(kml_slab_cache_set_tier(s, KML_SLAB_TIER_MAGAZINE, 4),
			 -EINVAL);
	ck_assert_int_eq(kml_slab_cache_set_tier(s, KML_SLAB_TIER_FREELIST, 4),
			 -EINVAL);
	/* Refusals changed nothing. */
	ck_assert_int_eq(kml_slab_cache_tier(s), KML_SLAB_TIER_FREELIST);
	/* The bounds themselves are taken, and a tier can be set again. */
	ck_assert_int_eq(kml_slab_cache_set_tier(s, KML_SLAB_TIER_SHEAVES,
						 KML_SLAB_SHEAF_MAX), 0);
	ck_assert_int_eq(kml_slab_cache_set_tier(s, KML_SLAB_TIER_SHEAVES,
						 KML_SLAB_SHEAF_MIN), 0);
	ck_assert_uint_eq(kml_slab_cache_layout(s) != NULL, 1);
	p = kml_slab_cache_alloc(s);
	ck_assert_ptr_nonnull(p);
	/* Too late once the cache has slabs. */
	ck_assert_int_eq(kml_slab_cache_set_tier(s, KML_SLAB_TIER_MAGAZINE, 0),
			 -EBUSY);
	ck_assert_int_eq(kml_slab_cache_tier(s), KML_SLAB_TIER_SHEAVES);
	ck_assert_int_eq(kml_slab_cache_free(s, p), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

START_TEST(test_sheaves_refill_batch_and_lifo)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s = tier_cache(b, 64, KML_SLAB_TIER_SHEAVES, 4);
	char *p[5], *base, *q;
	unsigned int i;

	p[0] = kml_slab_cache_alloc(s);
	base = slab_base(p[0], s);
	/* One refill of 4 in address order; the last one is handed out. */
	ck_assert_ptr_eq(p[0], base + 64 + 3 * 64);
	ck_assert_uint_eq(st(s, KML_SLAB_TIER_ALLOC_SLAB), 1);
	ck_assert_uint_eq(st(s, KML_SLAB_TIER_REFILL_OBJS), 4);
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC_SLOW), 1);
	/* Taken, dropped around the new slab, taken again. */
	ck_assert_uint_eq(st(s, KML_SLAB_LOCK_CACHE), 2);
	ck_assert_uint_eq(held(s, 1), 3);
	for (i = 1; i < 4; i++)
		p[i] = kml_slab_cache_alloc(s);
	ck_assert_ptr_eq(p[3], base + 64);
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC_FAST), 3);
	ck_assert_uint_eq(st(s, KML_SLAB_TIER_ALLOC_CPU), 3);
	/* Main and spare empty, barn without full sheaves: refill again. */
	p[4] = kml_slab_cache_alloc(s);
	ck_assert_uint_eq(st(s, KML_SLAB_TIER_ALLOC_SLAB), 2);
	ck_assert_uint_eq(st(s, KML_SLAB_LOCK_BARN), 2);
	ck_assert_uint_eq(held(s, 0), 3);
	/* LIFO through the sheaf, no lock. */
	ck_assert_int_eq(kml_slab_cache_free(s, p[2]), 0);
	q = kml_slab_cache_alloc(s);
	ck_assert_ptr_eq(q, p[2]);
	/* Only the second refill (from the partial slab) took it since. */
	ck_assert_uint_eq(st(s, KML_SLAB_LOCK_CACHE), 3);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(kml_slab_cache_free(s, p[i]), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	/* Everything parked in sheaves is held, none is live. */
	ck_assert_uint_eq(held(s, 0), 8);
	kml_slab_cache_flush_all(s);
	ck_assert_uint_eq(held(s, 0), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

START_TEST(test_sheaves_barn_and_flush)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s = tier_cache(b, 64, KML_SLAB_TIER_SHEAVES, 1);
	void *p[16];
	unsigned int i;

	for (i = 0; i < 16; i++)
		p[i] = kml_slab_cache_alloc(s);
	/* 1 in main, 1 in the spare, then full mains go to the barn. */
	for (i = 0; i < 2 + KML_BARN_MAX_FULL; i++)
		ck_assert_int_eq(kml_slab_cache_free(s, p[i]), 0);
	ck_assert_uint_eq(st(s, KML_SLAB_TIER_FREE_BARN), KML_BARN_MAX_FULL);
	ck_assert_uint_eq(held(s, 2), KML_BARN_MAX_FULL);
	ck_assert_uint_eq(held(s, 1), 2);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	/* The barn keeps at most 10 full sheaves: main is flushed. */
	ck_assert_int_eq(kml_slab_cache_free(s, p[12]), 0);
	ck_assert_uint_eq(st(s, KML_SLAB_TIER_FREE_SLAB), 1);
	ck_assert_uint_eq(st(s, KML_SLAB_TIER_FLUSH_OBJS), 1);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	/* Allocs: main, spare, then full sheaves from the barn. */
	for (i = 0; i < 3; i++)
		ck_assert_ptr_nonnull(kml_slab_cache_alloc(s));
	ck_assert_uint_eq(st(s, KML_SLAB_TIER_ALLOC_BARN), 1);
	ck_assert_uint_eq(held(s, 2), KML_BARN_MAX_FULL - 1);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	/* shrink gives this CPU's sheaves and the barn's back. */
	kml_slab_cache_shrink(s);
	ck_assert_uint_eq(held(s, 0), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

struct free_job {
	struct kml_slab_cache *s;
	void **objs;
	unsigned int nr;
	int errors;
	u64 locks;
};

static void *free_job_thread(void *arg)
{
	struct free_job *job = arg;
	unsigned int i;

	for (i = 0; i < job->nr; i++)
		if (kml_slab_cache_free(job->s, job->objs[i]))
			job->errors++;
	kml_sim_release_slot();
	return NULL;
}

/* 7.x: a free goes into the freeing CPU's sheaf, whoever allocated it. */
START_TEST(test_array_tier_remote_free_is_local)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s = tier_cache(b, 64, g_tier,
					      g_tier == KML_SLAB_TIER_SHEAVES ?
					      16 : 0);
	struct free_job job;
	void *objs[10];
	pthread_t t;
	unsigned int i;
	u64 locks;

	for (i = 0; i < 10; i++)
		objs[i] = kml_slab_cache_alloc(s);
	locks = st(s, KML_SLAB_LOCK_CACHE);
	job = (struct free_job){ .s = s, .objs = objs, .nr = 10 };
	ck_assert_int_eq(pthread_create(&t, NULL, free_job_thread, &job), 0);
	pthread_join(t, NULL);
	ck_assert_int_eq(job.errors, 0);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_FAST), 10);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_REMOTE), 0);
	ck_assert_uint_eq(st(s, KML_SLAB_LOCK_CACHE), locks);
	ck_assert_uint_ge(held(s, 1), 10);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_flush_all(s);
	ck_assert_uint_eq(held(s, 0), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

/* validate sees a duplicated, a foreign and a slab-free object in a tier. */
START_TEST(test_array_tier_validate_catches)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s = tier_cache(b, 64, g_tier, 0);
	struct kml_slab_cpu *c;
	void *p[3], *saved;
	unsigned int cpu;
	long x;

	p[0] = kml_slab_cache_alloc(s);
	p[1] = kml_slab_cache_alloc(s);
	p[2] = kml_slab_cache_alloc(s);
	ck_assert_int_eq(kml_slab_cache_free(s, p[0]), 0);
	ck_assert_int_eq(kml_slab_cache_free(s, p[1]), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	cpu = kml_cpu_get();
	c = kml_slab_cpu_of(s, cpu);
	kml_cpu_put();
	ck_assert_uint_ge(c->cur->nr, 2);
	saved = c->cur->obj[c->cur->nr - 1];
	c->cur->obj[c->cur->nr - 1] = c->cur->obj[c->cur->nr - 2];
	ck_assert_uint_gt(kml_slab_cache_validate(s), 0);	/* twice */
	c->cur->obj[c->cur->nr - 1] = &x;
	ck_assert_uint_gt(kml_slab_cache_validate(s), 0);	/* foreign */
	c->cur->obj[c->cur->nr - 1] = (char *)saved + 1;
	ck_assert_uint_gt(kml_slab_cache_validate(s), 0);	/* misaligned */
	c->cur->obj[c->cur->nr - 1] = saved;
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	c->cur->nr--;		/* an object lost from the tier */
	ck_assert_uint_gt(kml_slab_cache_validate(s), 0);
	c->cur->nr++;
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	/* Bad frees are refused before they reach a sheaf or magazine. */
	ck_assert_int_eq(kml_slab_cache_free(s, &x), -EINVAL);
	ck_assert_int_eq(kml_slab_cache_free(s, (char *)p[2] + 8), -EINVAL);
	ck_assert_uint_eq(st(s, KML_SLAB_BAD_FREE), 2);
	ck_assert_int_eq(kml_slab_cache_free(s, p[2]), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

/*
 * A free into an array remembers its slab (c->checked): the next free into
 * that slab checks only the object boundary, a misaligned one is still
 * refused, validate refuses a remembered slab that is not ours, and a
 * released slab is forgotten on every CPU, so a late free into its memory
 * is refused as foreign rather than parked.
 */
START_TEST(test_array_tier_checked_slab)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s = tier_cache(b, 64, g_tier, 0);
	struct kml_slab_cpu *c;
	unsigned long slab, other;
	unsigned int cpu;
	void *p, *q;

	p = kml_slab_cache_alloc(s);
	q = kml_slab_cache_alloc(s);
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(q);
	slab = (unsigned long)p & s->slab_mask;
	ck_assert_uint_eq((unsigned long)q & s->slab_mask,
			  slab);
	cpu = kml_cpu_get();
	c = kml_slab_cpu_of(s, cpu);
	kml_cpu_put();
	ck_assert_uint_eq(c->checked, KML_SLAB_NO_ACTIVE);
	ck_assert_int_eq(kml_slab_cache_free(s, p), 0);
	ck_assert_uint_eq(c->checked, slab);
	/* The remembered slab does not let a misaligned free through. */
	ck_assert_int_eq(kml_slab_cache_free(s, (char *)q + 8), -EINVAL);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_MISALIGNED), 1);
	ck_assert_uint_eq(c->checked, slab);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	/* validate: a remembered slab must be a live slab of this cache. */
	other = slab + 2 * ((~s->slab_mask) + 1);
	c->checked = other;
	ck_assert_uint_gt(kml_slab_cache_validate(s), 0);
	c->checked = slab;
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	/* Release: every object back, the arrays flushed, the slab freed. */
	ck_assert_int_eq(kml_slab_cache_free(s, q), 0);
	kml_slab_cache_shrink(s);
	ck_assert_uint_eq(c->checked, KML_SLAB_NO_ACTIVE);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	ck_assert_int_eq(kml_slab_cache_free(s, p), -EINVAL);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_FOREIGN), 1);
	ck_assert_uint_eq(held(s, 0), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

/* Debug caches bypass every tier: all locked, nothing parked. */
START_TEST(test_array_tier_debug_bypass)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s;
	void *p[40];
	unsigned int i;

	s = kml_slab_cache_create(b, "t-dbg", 64, 0, DEBUG_ALL, NULL, NULL);
	ck_assert_int_eq(kml_slab_cache_set_tier(s, g_tier, 0), 0);
	for (i = 0; i < 40; i++)
		p[i] = kml_slab_cache_alloc(s);
	for (i = 0; i < 40; i++)
		ck_assert_int_eq(kml_slab_cache_free(s, p[i]), 0);
	ck_assert_int_eq(kml_slab_cache_free(s, p[0]), -EINVAL);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_DOUBLE), 1);
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC_FAST), 0);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_FAST), 0);
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC_SLOW), 40);
	ck_assert_uint_eq(st(s, KML_SLAB_LOCK_BARN), 0);
	ck_assert_uint_eq(held(s, 0), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

/* illumos's first magazine type: the first whose minbuf is below stride. */
START_TEST(test_magazine_initial_size)
{
	static const u32 sizes[][2] = {
		{ 64, 15 }, { 128, 7 }, { 256, 7 }, { 512, 3 }, { 3200, 3 },
		{ 4096, 1 },
	};
	struct kml_buddy *b = new_buddy(POOL_4M);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		struct kml_slab_cache *s;

		s = tier_cache(b, sizes[i][0], KML_SLAB_TIER_MAGAZINE, 0);
		ck_assert_uint_eq(s->arr_size, sizes[i][1]);
		kml_slab_cache_destroy(s);
	}
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

START_TEST(test_magazine_depot_and_resize)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s = tier_cache(b, 64, KML_SLAB_TIER_MAGAZINE, 0);
	struct kml_slab_barn *d = s->barn[0];
	void *p[45], *q;
	unsigned int i;

	/* No magazine is filled from slabs: one object at a time. */
	for (i = 0; i < 45; i++)
		p[i] = kml_slab_cache_alloc(s);
	ck_assert_uint_eq(st(s, KML_SLAB_TIER_ALLOC_SLAB), 45);
	ck_assert_uint_eq(st(s, KML_SLAB_TIER_REFILL_OBJS), 45);
	/* 15 loaded, 15 previous (swap), then previous goes to the depot. */
	for (i = 0; i < 45; i++)
		ck_assert_int_eq(kml_slab_cache_free(s, p[i]), 0);
	ck_assert_uint_eq(st(s, KML_SLAB_FREE_FAST), 44);
	ck_assert_uint_eq(st(s, KML_SLAB_TIER_FREE_BARN), 1);
	ck_assert_uint_eq(held(s, 2), 15);
	ck_assert_uint_eq(held(s, 1), 30);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	q = kml_slab_cache_alloc(s);
	ck_assert_ptr_eq(q, p[44]);
	for (i = 0; i < 44; i++)
		kml_slab_cache_alloc(s);
	ck_assert_uint_eq(st(s, KML_SLAB_TIER_ALLOC_BARN), 1);
	ck_assert_uint_eq(held(s, 0), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);

	/* The rule: more than 3 misses in an interval grows the size. */
	d->contention = d->contention_prev + KML_MAG_CONTENTION + 1;
	d->ops = KML_MAG_INTERVAL - 1;
	ck_assert_ptr_nonnull(kml_slab_cache_alloc(s));	/* takes the lock */
	ck_assert_uint_eq(s->arr_size, 31);
	ck_assert_uint_eq(st(s, KML_SLAB_MAG_RESIZE), 1);
	/* Exactly 3 more misses in the next interval: no growth. */
	d->contention = d->contention_prev + KML_MAG_CONTENTION;
	d->ops = 2 * KML_MAG_INTERVAL - 1;
	ck_assert_ptr_nonnull(kml_slab_cache_alloc(s));
	ck_assert_uint_eq(s->arr_size, 31);
	ck_assert_uint_eq(st(s, KML_SLAB_MAG_RESIZE), 1);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
}
END_TEST

/* --- bulk --------------------------------------------------------------------- */

#define BULK_MAX_LIVE	4096

static int ptr_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void * const *)a;
	uintptr_t y = (uintptr_t)*(void * const *)b;

	return x < y ? -1 : x > y;
}

/* @n objects: none NULL, no two equal, each at an object boundary. */
static void assert_distinct_objects(struct kml_slab_cache *s, void **objs,
				    unsigned int n)
{
	void **c = malloc((n ? n : 1) * sizeof(*c));
	unsigned int i;

	ck_assert_ptr_nonnull(c);
	memcpy(c, objs, n * sizeof(*c));
	qsort(c, n, sizeof(*c), ptr_cmp);
	/* plain tests in the loop: a check assertion costs a write */
	for (i = 0; i < n; i++) {
		const struct kml_slab_layout *l = kml_slab_cache_layout(s);
		u64 off;

		if (!c[i])
			ck_abort_msg("object %u is NULL", i);
		off = (u64)((const char *)c[i] - slab_base(c[i], s)) -
		      l->obj_offset;
		if (off % l->stride || off / l->stride >= l->objects)
			ck_abort_msg("%p is not an object", c[i]);
		if (i && c[i] == c[i - 1])
			ck_abort_msg("%p handed out twice", c[i]);
	}
	free(c);
}

/*
 * Reference model: bulk allocs and frees of random counts (and singles
 * between them) against a set of live objects; each object carries its
 * tag, so an object handed out twice or overlapping another shows. Run
 * plain (_i 0) and as a debug cache (_i 1: red zone, poison, checks).
 */
START_TEST(test_slab_bulk_model)
{
	u32 flags = _i ? KML_F_REDZONE | KML_F_POISON | KML_F_CHECK : 0;
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s;
	void **live = malloc(BULK_MAX_LIVE * sizeof(*live));
	void *p[300];
	u64 seed = 0x5eed + _i, calls = 0, objs = 0, fcalls = 0, fobjs = 0;
	unsigned int nlive = 0, round, i, n;

	ck_assert_ptr_nonnull(live);
	s = tc_create(b, "t-bulk", 56, 0, flags, NULL, NULL);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(kml_slab_cache_alloc_bulk(s, 0, p), 0);
	ck_assert_uint_eq(kml_slab_cache_free_bulk(s, 0, p), 0);
	for (round = 0; round < 400; round++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		n = 1 + (unsigned int)((seed >> 33) % 300);
		if ((seed >> 20) % 3 && nlive + n <= BULK_MAX_LIVE) {
			ck_assert_uint_eq(kml_slab_cache_alloc_bulk(s, n, p), n);
			calls++;
			objs += n;
			for (i = 0; i < n; i++) {
				memset(p[i], 0, 56);
				*(u64 *)p[i] = round * 1000ULL + i;
				live[nlive++] = p[i];
			}
			assert_distinct_objects(s, live, nlive);
		} else if (nlive) {
			/* n random live objects, freed in one call */
			n = n < nlive ? n : nlive;
			for (i = 0; i < n; i++) {
				unsigned int j = (unsigned int)
					(((seed >> 7) + i * 2654435761u) % nlive);

				p[i] = live[j];
				live[j] = live[--nlive];
			}
			ck_assert_uint_eq(kml_slab_cache_free_bulk(s, n, p), 0);
			fcalls++;
			fobjs += n;
		}
		/* a single alloc and free between bulk calls */
		if (round % 7 == 0) {
			void *q = kml_slab_cache_alloc(s);

			ck_assert_ptr_nonnull(q);
			ck_assert_int_eq(kml_slab_cache_free(s, q), 0);
		}
		if (round % 16 == 0)
			ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	}
	/* every tag intact: no object was handed out twice */
	for (i = 0; i < nlive; i++)
		if (*(u64 *)live[i] % 1000 >= 300)
			ck_abort_msg("tag of %p overwritten", live[i]);
	ck_assert_uint_gt(calls, 50);
	ck_assert_uint_eq(st(s, KML_SLAB_BULK_ALLOC), calls);
	ck_assert_uint_eq(st(s, KML_SLAB_BULK_ALLOC_OBJS), objs);
	ck_assert_uint_eq(st(s, KML_SLAB_BULK_ALLOC_FAIL), 0);
	ck_assert_uint_eq(st(s, KML_SLAB_BULK_FREE), fcalls);
	ck_assert_uint_eq(st(s, KML_SLAB_BULK_FREE_OBJS), fobjs);
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC) - st(s, KML_SLAB_FREE), nlive);
	ck_assert_uint_eq(st(s, KML_SLAB_BAD_FREE), 0);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	while (nlive) {
		n = nlive < 300 ? nlive : 300;
		nlive -= n;
		ck_assert_uint_eq(kml_slab_cache_free_bulk(s, n, live + nlive), 0);
	}
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC), st(s, KML_SLAB_FREE));
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
	free(live);
}
END_TEST

/*
 * All or nothing: a bulk alloc larger than the pool can hold returns 0,
 * gives back every object it took (the pool is whole again after a
 * shrink), and the cache is sound: a bulk alloc of exactly what fits then
 * succeeds with distinct objects.
 */
START_TEST(test_slab_bulk_all_or_nothing)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s;
	unsigned int cap = 0, i;
	void **p;

	s = tc_create(b, "t-bulk-4k", 2048, 0, 0, NULL, NULL);
	ck_assert_ptr_nonnull(s);
	p = malloc(8192 * sizeof(*p));
	ck_assert_ptr_nonnull(p);
	/* what fits: allocate one by one until the buddy runs out */
	while (cap < 8192 && (p[cap] = kml_slab_cache_alloc(s)))
		cap++;
	ck_assert_uint_gt(cap, 100);
	ck_assert_uint_lt(cap, 8192);
	for (i = 0; i < cap; i++)
		ck_assert_int_eq(kml_slab_cache_free(s, p[i]), 0);
	kml_slab_cache_flush_all(s);
	kml_slab_cache_shrink(s);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);

	ck_assert_uint_eq(kml_slab_cache_alloc_bulk(s, cap + 1, p), 0);
	ck_assert_uint_eq(st(s, KML_SLAB_BULK_ALLOC_FAIL), 1);
	ck_assert_uint_eq(st(s, KML_SLAB_BULK_ALLOC), 0);
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC), st(s, KML_SLAB_FREE));
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	/* nothing leaked: every slab goes back to the buddy */
	kml_slab_cache_flush_all(s);
	kml_slab_cache_shrink(s);
	{
		struct kml_slab_info si;

		kml_slab_cache_info(s, &si);
		ck_assert_uint_eq(si.tier_objs, 0);
	}
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);

	ck_assert_uint_eq(kml_slab_cache_alloc_bulk(s, cap, p), cap);
	assert_distinct_objects(s, p, cap);
	ck_assert_ptr_null(kml_slab_cache_alloc(s));
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	ck_assert_uint_eq(kml_slab_cache_free_bulk(s, cap, p), 0);
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC), st(s, KML_SLAB_FREE));
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	kml_slab_cache_destroy(s);
	assert_buddy_whole(b);
	kml_buddy_destroy(b);
	free(p);
}
END_TEST

/* free_bulk refuses what a single free refuses and frees the rest. */
START_TEST(test_slab_bulk_free_refusals)
{
	struct kml_buddy *b = new_buddy(POOL_4M);
	struct kml_slab_cache *s, *other;
	void *p[8], *q, *outside = malloc(64);

	s = tc_create(b, "t-bulk-a", 64, 0, 0, NULL, NULL);
	other = tc_create(b, "t-bulk-b", 64, 0, 0, NULL, NULL);
	ck_assert_uint_eq(kml_slab_cache_alloc_bulk(s, 6, p), 6);
	q = kml_slab_cache_alloc(other);
	ck_assert_ptr_nonnull(q);
	p[6] = q;			/* another cache's object */
	p[7] = outside;			/* not in the pool */
	p[3] = NULL;			/* skipped; its object is leaked below */
	ck_assert_uint_eq(kml_slab_cache_free_bulk(s, 8, p), 2);
	ck_assert_uint_eq(st(s, KML_SLAB_BAD_FREE), 2);
	ck_assert_uint_eq(st(s, KML_SLAB_BULK_FREE_OBJS), 5);
	ck_assert_uint_eq(st(s, KML_SLAB_ALLOC) - st(s, KML_SLAB_FREE), 1);
	ck_assert_uint_eq(kml_slab_cache_validate(s), 0);
	ck_assert_int_eq(kml_slab_cache_free(other, q), 0);
	kml_slab_cache_destroy(other);
	kml_slab_cache_destroy(s);
	kml_buddy_destroy(b);
	free(outside);
}
END_TEST

/*
 * kml_recip_divide() is the object index for every offset of every slab:
 * exhaustively for the layouts of sizes 1..4096 (every alignment the
 * kmalloc classes and align= use, plain and debug), and for every stride
 * 1..KML_SLAB_MAX_SIZE + 4096 up to the largest slab at the offsets
 * k * stride and k * stride - 1 (the quotient is monotone in the offset,
 * so exact there means exact between them).
 */
START_TEST(test_slab_recip_index_exact)
{
	static const u32 aligns[] = { 0, 64, 4096 };
	static const u32 flagsets[] = {
		0, KML_F_REDZONE | KML_F_POISON | KML_F_CHECK,
	};
	const u64 max_bytes = (u64)KML_PAGE_SIZE << KML_MAX_ORDER;
	static u64 seen[4096];
	u64 checked = 0;
	u32 size, d, a, f, i, nseen = 0;

	for (size = 1; size <= 4096; size++) {
		for (a = 0; a < ARRAY_SIZE(aligns); a++) {
			for (f = 0; f < ARRAY_SIZE(flagsets); f++) {
				struct kml_slab_layout l;
				struct kml_recip r;
				u32 bytes, off;

				if (kml_slab_calc_layout(size, aligns[a],
							 flagsets[f], false, 8,
							 &l))
					continue;
				/* each (stride, order) once */
				for (i = 0; i < nseen; i++)
					if (seen[i] == ((u64)l.stride << 8 | l.order))
						break;
				if (i < nseen)
					continue;
				ck_assert_uint_lt(nseen, ARRAY_SIZE(seen));
				seen[nseen++] = (u64)l.stride << 8 | l.order;
				r = kml_recip_value(l.stride);
				bytes = KML_PAGE_SIZE << l.order;
				for (off = 0; off < bytes; off++)
					if (kml_recip_divide(off, r) !=
					    off / l.stride)
						ck_abort_msg("stride %u offset %u",
							     l.stride, off);
				checked++;
			}
		}
	}
	ck_assert_uint_gt(checked, 500);
	for (d = 1; d <= KML_SLAB_MAX_SIZE + 4096; d++) {
		struct kml_recip r = kml_recip_value(d);
		u64 k;

		for (k = 1; k * d <= max_bytes; k++) {
			if (kml_recip_divide((u32)(k * d), r) != k ||
			    kml_recip_divide((u32)(k * d - 1), r) != k - 1)
				ck_abort_msg("stride %u at %llu", d,
					     (unsigned long long)(k * d));
		}
		if (kml_recip_divide((u32)(max_bytes - 1), r) !=
		    (max_bytes - 1) / d)
			ck_abort_msg("stride %u at the slab's end", d);
	}
}
END_TEST

/*
 * The tests each tier runs, one table: a TCase per tier, named after it,
 * whose fixture sets the tier of every cache the test makes (tc_create(),
 * tk_create(), the backend's params). The tests the three tiers share
 * come first; the rest look at one tier's own counters or layout.
 */
#define T_FREELIST	(1u << KML_SLAB_TIER_FREELIST)
#define T_ARRAY		((1u << KML_SLAB_TIER_SHEAVES) | (1u << KML_SLAB_TIER_MAGAZINE))
#define T_ALL		(T_FREELIST | T_ARRAY)

struct tier_case {
	const TTest *test;
	unsigned int loops;	/* 0: once; N: with _i = 0..N-1 */
	unsigned int tiers;	/* the T_* that run it */
};

static const struct {
	const char *name;
	enum kml_slab_tier tier;
	void (*fixture)(void);
} tier_tcases[] = {
	{ "freelist", KML_SLAB_TIER_FREELIST, tier_freelist },
	{ "sheaves", KML_SLAB_TIER_SHEAVES, tier_sheaves },
	{ "magazine", KML_SLAB_TIER_MAGAZINE, tier_magazine },
};

static Suite *slab_suite(void)
{
	const struct tier_case cases[] = {
		{ test_slab_ctor_once_per_object, 0, T_ALL },
		{ test_slab_zero_on_alloc, 0, T_ALL },
		{ test_slab_debug_redzone_overwrite, 0, T_ALL },
		{ test_slab_debug_poison_use_after_free, 0, T_ALL },
		{ test_slab_debug_double_free, 0, T_ALL },
		{ test_slab_debug_foreign_and_misaligned, 0, T_ALL },
		{ test_slab_debug_freeptr_corruption, 0, T_ALL },
		{ test_slab_kmalloc_classes, 0, T_ALL },
		{ test_slab_kfree_bad_pointers, 0, T_ALL },
		{ test_slab_backend_cache, 0, T_ALL },
		{ test_slab_backend_kmalloc, 0, T_ALL },
		{ test_slab_property_model, 0, T_ALL },
		{ test_slab_threads_cross_free, 0, T_ALL },
		{ test_slab_bulk_model, 2, T_ALL },
		{ test_slab_bulk_all_or_nothing, 0, T_ALL },
		{ test_slab_bulk_free_refusals, 0, T_ALL },
		{ test_slab_fast_path_lifo, 0, T_FREELIST },
		{ test_slab_partial_empty_release, 0, T_FREELIST },
		{ test_slab_reuses_kept_empty_slab, 0, T_FREELIST },
		{ test_slab_remote_free_refill, 0, T_FREELIST },
		{ test_slab_slabinfo_row_exact, 0, T_FREELIST },
		{ test_array_tier_remote_free_is_local, 0, T_ARRAY },
		{ test_array_tier_validate_catches, 0, T_ARRAY },
		{ test_array_tier_checked_slab, 0, T_ARRAY },
		{ test_array_tier_debug_bypass, 0, T_ARRAY },
	};
	Suite *s = suite_create("slab");
	TCase *tc = tcase_create("layout");
	unsigned int t, i;

	/* No cache tier involved: the layout arithmetic. */
	tcase_add_loop_test(tc, test_slab_layout_table, 0,
			    ARRAY_SIZE(layout_cases));
	tcase_add_test(tc, test_slab_layout_rejects);
	tcase_add_test(tc, test_slab_recip_index_exact);
	suite_add_tcase(s, tc);
	for (t = 0; t < ARRAY_SIZE(tier_tcases); t++) {
		tc = tcase_create(tier_tcases[t].name);
		tcase_set_timeout(tc, 60);
		tcase_add_checked_fixture(tc, tier_tcases[t].fixture, NULL);
		for (i = 0; i < ARRAY_SIZE(cases); i++) {
			if (!(cases[i].tiers & (1u << tier_tcases[t].tier)))
				continue;
			if (cases[i].loops)
				tcase_add_loop_test(tc, cases[i].test, 0,
						    cases[i].loops);
			else
				tcase_add_test(tc, cases[i].test);
		}
		suite_add_tcase(s, tc);
	}
	/* One tier's own machinery: sheaf batches, barn, magazine sizes. */
	tc = tcase_create("tiers");
	tcase_add_test(tc, test_tier_set_rejects);
	tcase_add_test(tc, test_sheaves_refill_batch_and_lifo);
	tcase_add_test(tc, test_sheaves_barn_and_flush);
	tcase_add_test(tc, test_magazine_initial_size);
	tcase_add_test(tc, test_magazine_depot_and_resize);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	kml_sim_set_nr_cpus(NR_CPUS);
	return unit_run(slab_suite());
}
