// SPDX-License-Identifier: GPL-2.0
/*
 * tier=magazine: Bonwick and Adams' magazines and depot (USENIX 2001,
 * illumos usr/src/uts/common/os/kmem.c) over kmemlab's slab layer. The
 * arrays and the depot are the sheaves tier's (slab_tier_sheaves.c).
 */

/*
 * Theory of operation
 * ===================
 *
 * Vocabulary
 *
 *   magazine	an array of free object pointers holding up to the cache's
 *		magazine size (s->arr_size) rounds (objects); LIFO.
 *   loaded, previous
 *		the two magazines of a CPU (c->cur, c->alt): illumos's
 *		cc_loaded and cc_ploaded.
 *   depot	one per node (we have one): a locked store of full and
 *		empty magazines (cache_full, cache_empty).
 *   magazine type
 *		a row of kml_magtype[] below, illumos's kmem_magtype[]:
 *		rounds, and the object sizes the type serves (minbuf,
 *		maxbuf). The size adapts: see "Resizing".
 *
 * Alloc (kmem_cache_alloc): loaded has rounds -> pop. Else previous has
 * -> swap, pop. Else the depot has a full magazine -> the previous
 * (empty) goes to the depot's empty list, loaded becomes previous, the
 * full one is loaded; pop. Else one object from the slab layer (illumos
 * kmem_slab_alloc(): no batch; magazines are filled only by frees).
 * Free (kmem_cache_free): loaded has room -> push. Else previous is empty
 * -> swap, push. Else the depot has an empty magazine -> previous (full)
 * goes to the depot's full list, loaded becomes previous, the empty one
 * is loaded; push. Else the object goes to its slab (illumos allocates a
 * new empty magazine first and frees to the slab only when that fails).
 *
 * Remote frees: like illumos, a free goes to the freeing CPU's magazines
 * whatever CPU allocated it.
 *
 * Resizing (illumos kmem_cache_update() -> kmem_cache_magazine_resize()):
 * every depot lock acquisition first tries the lock and counts a miss as
 * contention (kmem_depot_alloc()/kmem_depot_free(): mutex_tryenter, then
 * cache_depot_contention++). illumos looks every kmem_reap_interval
 * (15 s) and, when the cache's buffers are below the type's maxbuf and
 * contention grew by more than kmem_depot_contention (3) since the last
 * look, moves the cache to the next magazine type. We have no timer: we
 * look every KML_MAG_INTERVAL (256) depot lock acquisitions, with the
 * same threshold (more than 3) and the same table. The initial type is
 * illumos's: the first whose minbuf is below the object's stride.
 *
 * Where we differ: (1) illumos purges every magazine on a resize (a
 * cross-call to each CPU, whose kmem_cpu_cache has a lock of its own);
 * our per-CPU state is touched only by its pinned CPU, so the new size
 * applies as magazines fill: a magazine holds up to the size of the
 * moment. (2) Magazines are made when the tier is set (two per CPU, the
 * depot 2 x CPUs, 4..20, each with room for the largest type's rounds)
 * because kml_zalloc() may sleep; illumos allocates them from magazine
 * caches. (3) No working-set reaping of the depot (kmem_depot_ws_reap);
 * shrink flushes this CPU's magazines and drains the depot. (4) Every
 * free checks its pointer (pool, live slab, object boundary).
 *
 * Invariants (validate checks them): as the sheaves tier's 1, 3, 4 and 5;
 * depot magazines on the full list hold at least one round (at most the
 * size), on the empty list none; the magazines of CPUs and depot add up
 * to the number made.
 *
 * Lock order: kml_cpu_get() -> depot lock, released before s->lock.
 */
#include "slab_priv.h"

/* illumos kmem_magtype[]: rounds, (align), minbuf, maxbuf. */
static const struct {
	u32 rounds;
	u32 minbuf;
	u32 maxbuf;
} kml_magtype[] = {
	{ 1,	3200,	65536	},
	{ 3,	256,	32768	},
	{ 7,	64,	16384	},
	{ 15,	0,	8192	},
	{ 31,	0,	4096	},
	{ 47,	0,	2048	},
	{ 63,	0,	1024	},
	{ 95,	0,	512	},
	{ 143,	0,	0	},
};

#define KML_MAG_TYPES	ARRAY_SIZE(kml_magtype)
#define KML_MAG_MAX	143u

static int kml_tier_magazine_init(struct kml_slab_cache *s, u32 capacity)
{
	unsigned int mt = 0;
	int ret;

	/* illumos: for (mtp = kmem_magtype; chunksize <= mtp->mt_minbuf;) */
	while (mt + 1 < KML_MAG_TYPES && s->stride <= kml_magtype[mt].minbuf)
		mt++;
	ret = kml_slab_barn_init(s, KML_MAG_MAX);
	if (ret)
		return ret;
	s->magtype = mt;
	s->arr_size = kml_magtype[mt].rounds;
	return 0;
}

/*
 * The resize rule, under the depot lock at every acquisition: every
 * KML_MAG_INTERVAL acquisitions, grow to the next type when the misses
 * since the last look exceed KML_MAG_CONTENTION and the stride is below
 * the current type's maxbuf.
 */
void kml_tier_magazine_update_locked(struct kml_slab_cache *s,
				     struct kml_slab_barn *b,
				     struct kml_slab_cpu *c)
{
	unsigned int mt = s->magtype;

	kml_lock_assert_held(&b->lock);
	if (b->ops % KML_MAG_INTERVAL)
		return;
	if (b->contention - b->contention_prev > KML_MAG_CONTENTION &&
	    s->stride < kml_magtype[mt].maxbuf && mt + 1 < KML_MAG_TYPES) {
		s->magtype = mt + 1;
		WRITE_ONCE(s->arr_size, kml_magtype[mt + 1].rounds);
		kml_slab_count(c, KML_SLAB_MAG_RESIZE);
	}
	b->contention_prev = b->contention;
}

void *kml_tier_magazine_alloc(struct kml_slab_cache *s,
			      struct kml_slab_cpu *c, unsigned int cpu)
{
	struct kml_slab_arr *m = c->cur, *full;
	void *obj;

	if (likely(m->nr)) {
		c->stat[KML_SLAB_ALLOC_FAST]++;
		return m->obj[--m->nr];
	}
	if (c->alt->nr) {
		c->cur = c->alt;
		c->alt = m;
		m = c->cur;
		kml_slab_count(c, KML_SLAB_ALLOC_FAST);
		return m->obj[--m->nr];
	}
	full = kml_slab_barn_trade(s, c, cpu, c->alt, true, 0);
	if (full) {
		c->alt = m;
		c->cur = full;
		kml_slab_count(c, KML_SLAB_TIER_ALLOC_BARN);
		kml_slab_count(c, KML_SLAB_ALLOC_SLOW);
		return full->obj[--full->nr];
	}
	/* illumos: kmem_slab_alloc(), one object, the magazines untouched */
	if (!kml_slab_get_bulk(s, c, cpu, &obj, 1)) {
		kml_slab_count(c, KML_SLAB_ALLOC_FAIL);
		return NULL;
	}
	kml_slab_count(c, KML_SLAB_TIER_ALLOC_SLAB);
	kml_slab_count(c, KML_SLAB_TIER_REFILL_OBJS);
	kml_slab_count(c, KML_SLAB_ALLOC_SLOW);
	return obj;
}

int kml_tier_magazine_free(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			   void *obj)
{
	struct kml_slab_arr *m = c->cur, *empty;
	u32 size = READ_ONCE(s->arr_size);
	int err;

	err = kml_slab_check_arr_free(s, c, obj);
	if (err)
		return err;
	if (likely(m->nr < size)) {
		m->obj[m->nr++] = obj;
		c->stat[KML_SLAB_FREE_FAST]++;
		return 0;
	}
	if (!c->alt->nr) {
		c->cur = c->alt;
		c->alt = m;
		m = c->cur;
		m->obj[m->nr++] = obj;
		kml_slab_count(c, KML_SLAB_FREE_FAST);
		return 0;
	}
	empty = kml_slab_barn_trade(s, c, kml_slab_cpu_id(s, c), c->alt,
				    false, ~0u);
	if (empty) {
		c->alt = m;
		c->cur = empty;
		empty->obj[empty->nr++] = obj;
		kml_slab_count(c, KML_SLAB_TIER_FREE_BARN);
	} else {
		kml_slab_put_bulk(s, c, &obj, 1);
		kml_slab_count(c, KML_SLAB_TIER_FREE_SLAB);
	}
	kml_slab_count(c, KML_SLAB_FREE_SLOW);
	return 0;
}

static unsigned int kml_tier_magazine_validate(struct kml_slab_cache *s,
					       struct kml_slab_vctx *v)
{
	return kml_slab_arr_validate(s, v, false);
}

static void kml_tier_magazine_show(struct kml_slab_cache *s,
				   struct kml_out *out)
{
	const struct kml_slab_barn *b = s->barn[0];

	kml_out_printf(out, "%s.magazine_size %u\n", s->name,
		       READ_ONCE(s->arr_size));
	kml_out_printf(out, "%s.depot_magazines_full %u\n", s->name,
		       b ? READ_ONCE(b->nr_full) : 0);
	kml_out_printf(out, "%s.depot_magazines_empty %u\n", s->name,
		       b ? READ_ONCE(b->nr_empty) : 0);
	kml_out_printf(out, "%s.depot_contention %llu\n", s->name,
		       b ? (unsigned long long)READ_ONCE(b->contention) : 0ULL);
}

const struct kml_slab_tier_ops kml_slab_tier_magazine = {
	.name		= "magazine",
	.init		= kml_tier_magazine_init,
	.fini		= kml_slab_barn_fini,
	.alloc		= kml_tier_magazine_alloc,
	.free		= kml_tier_magazine_free,
	.flush		= kml_slab_arr_flush_cpu,
	.drain		= kml_slab_barn_drain,
	.validate	= kml_tier_magazine_validate,
	.stats		= kml_slab_arr_stats,
	.show		= kml_tier_magazine_show,
};
