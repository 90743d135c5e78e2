// SPDX-License-Identifier: GPL-2.0
/*
 * The "null" backend: an instrument, not an allocator. It hands out the
 * same static object for every request and frees nothing, so that timing
 * it measures what the harness itself costs per operation (the clock, the
 * call through the ops table, the engine's bookkeeping around it). The
 * engine times it in every cell (docs/metrics.md, "Harness cost"); it can
 * also be created like any backend, for a run of its own.
 */
#include "ops.h"

#define KML_NULL_MAX	4096	/* the largest request it pretends to serve */

struct kml_null {
	u64 allocs;
	u64 frees;
	long object[KML_NULL_MAX / sizeof(long)]; /* handed out again */
};

static int kml_null_create(const struct kml_params *p, u32 inst_id,
			   void **priv)
{
	struct kml_null *n = kml_zalloc(sizeof(*n));

	if (!n)
		return -ENOMEM;
	*priv = n;
	return 0;
}

static void kml_null_destroy(void *priv)
{
	kml_free(priv);
}

static void *kml_null_alloc(void *priv, size_t size)
{
	struct kml_null *n = priv;

	n->allocs++;
	return n->object;
}

static int kml_null_free(void *priv, void *ptr, size_t size)
{
	struct kml_null *n = priv;

	n->frees++;
	return 0;
}

static size_t kml_null_max_size(void *priv)
{
	return KML_NULL_MAX;
}

/* Held is n/a: one object stands for every request. */
static void kml_null_stats(void *priv, struct kml_alloc_stats *st)
{
	const struct kml_null *n = priv;

	memset(st, 0, sizeof(*st));
	st->allocs = n->allocs;
	st->frees = n->frees;
	st->held_na = true;
}

const struct kml_backend kml_backend_null = {
	.name		= "null",
	.desc		= "instrument: one static object for every request, frees nothing",
	.family		= KML_FAMILY_OBJECT,
	.ours		= true,
	.caps		= KML_CAP_ALIASES,
	.create		= kml_null_create,
	.destroy	= kml_null_destroy,
	.alloc		= kml_null_alloc,
	.free		= kml_null_free,
	.max_size	= kml_null_max_size,
	.stats		= kml_null_stats,
};
