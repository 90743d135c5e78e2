// SPDX-License-Identifier: GPL-2.0
/*
 * tier=freelist: SLUB 6.1's per-CPU tier over kmemlab's slab layer. The
 * default tier of every cache; the sheaves and magazine tiers are its
 * alternatives (slab_tier_sheaves.c, slab_tier_magazine.c).
 */

/*
 * Theory of operation
 * ===================
 *
 * Vocabulary
 *
 *   active slab	a slab one CPU allocates from (SLUB's frozen cpu slab,
 *		c->slab); state ACTIVE, on no list.
 *   per-CPU freelist
 *		free objects of the active slab only its CPU touches
 *		(c->freelist): SLUB's c->freelist.
 *   slab freelist	free objects of a slab not on a per-CPU freelist;
 *		remote frees go there.
 *
 * Invariants (validate checks them, with the slab layer's)
 *
 *   1. A CPU has an active slab exactly when c->active is its address;
 *	the slab is ACTIVE, on no list, owned by that CPU (slab->cpu).
 *   2. The per-CPU freelist holds only objects of the active slab, each
 *	once, none also on the slab freelist, at most slab->inuse of them
 *	(the slab counts them in use, as SLUB's frozen slab does).
 *   3. Debug caches never have an active slab.
 *
 * Lock order: kml_cpu_get() -> s->lock -> the buddy's locks (slab.c).
 *
 * Fast and slow paths
 *
 *   fast	alloc pops the per-CPU freelist; free pushes onto it when the
 *		object's slab (found by masking) is the CPU's active slab.
 *		No lock, no atomic: the CPU is pinned.
 *   slow	under s->lock: (1) refill the per-CPU freelist from the active
 *		slab's own freelist (the remote frees), (2) otherwise hand the
 *		now full active slab to the lists and take the first partial
 *		slab, else a kept empty one, (3) else a new slab. A free that
 *		misses the active slab takes the lock and pushes onto its
 *		slab's freelist (a remote free when that slab is another CPU's
 *		active slab: its owner takes it back on its next refill).
 *
 * Borrowed from SLUB 6.1 (mm/slub.c: ___slab_alloc, __slab_free,
 * deactivate_slab), and where it differs: SLUB lets other CPUs push onto
 * a frozen slab's freelist with cmpxchg_double on (freelist, counters)
 * and the owner grab that list with another cmpxchg; we take the cache
 * lock for both (the platform contract has no double-word cmpxchg). No
 * per-CPU partial lists (SLUB's CONFIG_SLUB_CPU_PARTIAL). Refill, flush
 * and drain map to: the slow path (refill, no separate op), deactivating
 * the active slab (flush), nothing (drain: no barn).
 */
#include "slab_priv.h"

/* --- per-CPU active slab --------------------------------------------------- */

/* Make @slab (on no list) the CPU's active slab, taking its freelist. */
static void kml_slab_freeze_locked(struct kml_slab_cache *s,
				   struct kml_slab_cpu *c,
				   struct kml_slab *slab, unsigned int cpu)
{
	kml_lock_assert_held(&s->lock);
	slab->state = KML_SLAB_ACTIVE;
	slab->cpu = (u16)cpu;
	c->freelist = slab->freelist;
	slab->freelist = NULL;
	slab->inuse = slab->objects;
	c->slab = slab;
	c->active = (unsigned long)slab;
}

/*
 * kml_slab_deactivate_locked() - hand the active slab of @c back to the
 * lists: its per-CPU freelist is spliced in front of the slab freelist.
 * @cnt is the pinned CPU's entry (the one counting), maybe not @c.
 */
void kml_slab_deactivate_locked(struct kml_slab_cache *s,
				struct kml_slab_cpu *c,
				       struct kml_slab_cpu *cnt)
{
	struct kml_slab *slab = c->slab;
	void *obj = c->freelist, *tail = NULL;
	u32 n = 0;

	kml_lock_assert_held(&s->lock);
	while (obj && n < slab->objects) {
		tail = obj;
		n++;
		obj = kml_slab_get_fp(s, obj);
	}
	if (tail) {
		kml_slab_set_fp(s, tail, slab->freelist);
		slab->freelist = c->freelist;
	}
	slab->inuse -= n;
	c->freelist = NULL;
	c->slab = NULL;
	c->active = KML_SLAB_NO_ACTIVE;
	kml_list_init(&slab->node);
	kml_slab_count(cnt, KML_SLAB_DEACTIVATE);
	kml_slab_place_locked(s, slab, cnt);
}

/* The per-CPU freelist ran dry (or never was: debug caches go elsewhere). */
static void *kml_slab_alloc_slow(struct kml_slab_cache *s,
				 struct kml_slab_cpu *c, unsigned int cpu)
{
	/* LAB slab.alloc_slow: begin */
	struct kml_slab *slab;
	void *obj;

	kml_slab_lock(s, c);
	slab = c->slab;
	if (slab && slab->freelist) {
		/* Remote frees into our active slab: take them all. */
		c->freelist = slab->freelist;
		slab->freelist = NULL;
		slab->inuse = slab->objects;
		kml_slab_count(c, KML_SLAB_ALLOC_REFILL);
	} else {
		if (slab)
			kml_slab_deactivate_locked(s, c, c);
		slab = kml_slab_take_locked(s, c);
		if (!slab) {
			slab = kml_slab_grow_locked(s, c, cpu);
			if (!slab) {
				kml_lock_release(&s->lock);
				return NULL;
			}
		}
		kml_slab_freeze_locked(s, c, slab, cpu);
	}
	obj = c->freelist;
	c->freelist = kml_slab_get_fp(s, obj);
	kml_slab_count(c, KML_SLAB_ALLOC_SLOW);
	kml_lock_release(&s->lock);
	return obj;
	/* LAB slab.alloc_slow: end */
}

void *kml_tier_freelist_alloc(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			      unsigned int cpu)
{
	void *obj = c->freelist;

	/* LAB percpu.alloc_fast: begin */
	if (likely(obj)) {
		c->freelist = kml_slab_get_fp(s, obj);
		c->stat[KML_SLAB_ALLOC_FAST]++;
	} else if (!s->debug) {
		obj = kml_slab_alloc_slow(s, c, cpu);
	} else {
		obj = kml_slab_alloc_debug(s, c, cpu);
	}
	/* LAB percpu.alloc_fast: end */
	return obj;
}

static int kml_slab_free_slow(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			      void *obj)
{
	/* LAB percpu.free_slow: begin */
	struct kml_slab *slab;
	long idx;
	int err;

	err = kml_slab_check_ptr(s, c, obj, &slab, &idx);
	if (err)
		return err;
	kml_slab_lock(s, c);
	kml_slab_set_fp(s, obj, slab->freelist);
	slab->freelist = obj;
	slab->inuse--;
	if (slab->state == KML_SLAB_ACTIVE)
		kml_slab_count(c, KML_SLAB_FREE_REMOTE);
	else
		kml_slab_relist_locked(s, slab, c);
	kml_slab_count(c, KML_SLAB_FREE_SLOW);
	kml_lock_release(&s->lock);
	return 0;
	/* LAB percpu.free_slow: end */
}

int kml_tier_freelist_free(struct kml_slab_cache *s, struct kml_slab_cpu *c,
			   void *obj)
{
	int ret = 0;

	/* LAB percpu.free_fast: begin */
	if (likely(((unsigned long)obj & s->slab_mask) == c->active)) {
		kml_slab_set_fp(s, obj, c->freelist);
		c->freelist = obj;
		c->stat[KML_SLAB_FREE_FAST]++;
	} else if (!s->debug) {
		ret = kml_slab_free_slow(s, c, obj);
	} else {
		ret = kml_slab_free_debug(s, c, obj);
	}
	/* LAB percpu.free_fast: end */
	return ret;
}

/* flush: hand @c's active slab back to the lists (s->lock taken here). */
static void kml_tier_freelist_flush(struct kml_slab_cache *s,
				    struct kml_slab_cpu *c,
				    struct kml_slab_cpu *cnt)
{
	kml_lock_acquire(&s->lock);
	if (c->slab)
		kml_slab_deactivate_locked(s, c, cnt);
	kml_lock_release(&s->lock);
}

static void kml_tier_freelist_drain(struct kml_slab_cache *s,
				    struct kml_slab_cpu *cnt)
{
}

/*
 * The active slabs, per CPU; s->lock held. Per-CPU objects are netted
 * out of v->live by kml_slab_check_locked().
 */
static unsigned int kml_tier_freelist_validate(struct kml_slab_cache *s,
					       struct kml_slab_vctx *v)
{
	unsigned int bad = 0, i;

	kml_lock_assert_held(&s->lock);
	for (i = 0; i < KML_MAX_CPUS; i++) {
		struct kml_slab_cpu *c = kml_slab_cpu_of(s, i);
		struct kml_slab *slab = c->slab;

		if (!slab) {
			if (c->freelist || c->active != KML_SLAB_NO_ACTIVE)
				bad++;
			continue;
		}
		v->slabs++;
		if (s->debug || c->active != (unsigned long)slab ||
		    slab->state != KML_SLAB_ACTIVE || slab->cpu != i ||
		    !kml_list_empty(&slab->node))
			bad++;
		bad += kml_slab_check_locked(s, slab, c->freelist, &v->live,
					     v->seen);
		v->quar += slab->quarantined;
	}
	return bad;
}

/*
 * Objects on per-CPU freelists: the slab layer knows them only as the
 * in-use count of active slabs minus live objects (slab.c computes it);
 * no barn.
 */
static void kml_tier_freelist_stats(struct kml_slab_cache *s,
				    struct kml_slab_tier_held *h)
{
	h->cpu = 0;
	h->barn = 0;
}

static void kml_tier_freelist_show(struct kml_slab_cache *s,
				   struct kml_out *out)
{
}

const struct kml_slab_tier_ops kml_slab_tier_freelist = {
	.name		= "freelist",
	.alloc		= kml_tier_freelist_alloc,
	.free		= kml_tier_freelist_free,
	.flush		= kml_tier_freelist_flush,
	.drain		= kml_tier_freelist_drain,
	.validate	= kml_tier_freelist_validate,
	.stats		= kml_tier_freelist_stats,
	.show		= kml_tier_freelist_show,
};
