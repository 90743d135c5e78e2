/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A malloc-based fake backend for the fuzz target of the command language,
 * so that the engine is fuzzed without our allocators in the way. It keeps
 * every live object on a list, so destroy() releases them as the ops
 * contract requires.
 */
#ifndef KML_FUZZ_COMMON_H
#define KML_FUZZ_COMMON_H

#include <pthread.h>
#include <stdlib.h>

#include "ops.h"

struct fz_obj {
	struct fz_obj *prev, *next;
	size_t size;
};

struct fz_fake {
	pthread_mutex_t lock;
	struct fz_obj head;
	long live;
};

static int fz_fake_create(const struct kml_params *p, u32 id, void **priv)
{
	struct fz_fake *f = calloc(1, sizeof(*f));

	if (!f)
		return -ENOMEM;
	pthread_mutex_init(&f->lock, NULL);
	f->head.next = f->head.prev = &f->head;
	*priv = f;
	return 0;
}

static void fz_fake_destroy(void *priv)
{
	struct fz_fake *f = priv;

	while (f->head.next != &f->head) {
		struct fz_obj *o = f->head.next;

		f->head.next = o->next;
		free(o);
	}
	pthread_mutex_destroy(&f->lock);
	free(f);
}

static void *fz_fake_alloc(void *priv, size_t size)
{
	struct fz_fake *f = priv;
	struct fz_obj *o = malloc(sizeof(*o) + size);

	if (!o)
		return NULL;
	o->size = size;
	pthread_mutex_lock(&f->lock);
	o->next = f->head.next;
	o->prev = &f->head;
	f->head.next->prev = o;
	f->head.next = o;
	f->live++;
	pthread_mutex_unlock(&f->lock);
	return o + 1;
}

static int fz_fake_free(void *priv, void *ptr, size_t size)
{
	struct fz_fake *f = priv;
	struct fz_obj *o = (struct fz_obj *)ptr - 1;

	if (o->size != size)
		abort();	/* the engine passed a wrong size */
	pthread_mutex_lock(&f->lock);
	o->prev->next = o->next;
	o->next->prev = o->prev;
	f->live--;
	pthread_mutex_unlock(&f->lock);
	free(o);
	return 0;
}

static unsigned int fz_fake_validate(void *priv)
{
	return ((struct fz_fake *)priv)->live < 0;
}

static size_t fz_fake_max_size(void *priv)
{
	return 1 << 20;
}

static const struct kml_backend fz_fake = {
	.name = "fake", .desc = "malloc", .family = KML_FAMILY_OBJECT,
	.keys = KML_PKB(SIZE) | KML_PKB(ALIGN) | KML_PKB(ZERO) | KML_PKB(CTOR),
	.create = fz_fake_create, .destroy = fz_fake_destroy,
	.alloc = fz_fake_alloc, .free = fz_fake_free,
	.validate = fz_fake_validate, .max_size = fz_fake_max_size,
};

#endif /* KML_FUZZ_COMMON_H */
