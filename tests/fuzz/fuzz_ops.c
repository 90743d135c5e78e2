// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target of op sequences on our own backends: the input picks a
 * backend and its flags, then encodes create/alloc/free/shrink/reset/
 * destroy steps. After every step validate() must return 0; every live
 * object carries a tag in its first and last bytes that must survive until
 * its free (so overlapping objects are caught), and zero=1 objects must
 * come zeroed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heap.h"
#include "ops.h"

#define FZ_MAX_LIVE	256
#define FZ_TAG_BYTES	16

struct fz_live {
	u8 *ptr;
	size_t size;
	u8 tag;
};

static const struct kml_backend *fz_ours[] = {
	&kml_backend_buddy, &kml_backend_slab,
	&kml_heap_backends[KML_HEAP_FIRST_FIT],
	&kml_heap_backends[KML_HEAP_NEXT_FIT],
	&kml_heap_backends[KML_HEAP_BEST_FIT],
	&kml_heap_backends[KML_HEAP_WORST_FIT],
	&kml_heap_backends[KML_HEAP_SEGREGATED],
	&kml_heap_backends[KML_HEAP_BUMP],
};

struct fz_state {
	const struct kml_backend *be;
	struct kml_params p;
	void *priv;
	struct fz_live live[FZ_MAX_LIVE];
	unsigned int nr;
	u8 next_tag;
};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	kml_sim_set_nr_cpus(2);
	return 0;
}

static void fz_check(struct fz_state *st)
{
	if (st->be->validate && st->be->validate(st->priv))
		abort();
}

static size_t fz_tag_len(size_t size)
{
	return size < FZ_TAG_BYTES ? size : FZ_TAG_BYTES;
}

static void fz_tag(struct fz_live *l)
{
	size_t n = fz_tag_len(l->size);

	memset(l->ptr, l->tag, n);
	memset(l->ptr + l->size - n, l->tag, n);
}

static void fz_verify(const struct fz_live *l)
{
	size_t i, n = fz_tag_len(l->size);

	for (i = 0; i < n; i++)
		if (l->ptr[i] != l->tag || l->ptr[l->size - 1 - i] != l->tag)
			abort();	/* someone else wrote into it */
}

static void fz_free_one(struct fz_state *st, unsigned int i)
{
	struct fz_live *l = &st->live[i];

	fz_verify(l);
	if (st->be->free(st->priv, l->ptr, l->size))
		abort();	/* a valid free was refused */
	*l = st->live[--st->nr];
}

static void fz_create(struct fz_state *st)
{
	if (st->be->create(&st->p, 1, &st->priv))
		abort();
	st->nr = 0;
}

static void fz_step(struct fz_state *st, const u8 *d)
{
	unsigned int x = d[1] | d[2] << 8, i;
	size_t size, max;
	struct fz_live *l;

	switch (d[0] % 8) {
	case 0: case 1: case 2:
		if (st->nr == FZ_MAX_LIVE)
			break;
		max = st->be->max_size ? st->be->max_size(st->priv) : 4096;
		if (st->be->family == KML_FAMILY_PAGE)
			size = (size_t)KML_PAGE_SIZE << (x % 5);
		else
			size = 1 + x % (max < 8192 ? max : 8192);
		l = &st->live[st->nr];
		l->ptr = st->be->alloc(st->priv, size);
		if (!l->ptr)
			break;
		l->size = size;
		if (st->p.flags & KML_F_ZERO)
			for (i = 0; i < fz_tag_len(size); i++)
				if (l->ptr[i] || l->ptr[size - 1 - i])
					abort();
		l->tag = ++st->next_tag;
		fz_tag(l);
		st->nr++;
		break;
	case 3: case 4:
		if (st->nr)
			fz_free_one(st, x % st->nr);
		break;
	case 5:
		st->be->destroy(st->priv);
		fz_create(st);
		break;
	case 6:
		if (st->be->shrink)
			st->be->shrink(st->priv);
		break;
	default:
		if (st->be->reset && !st->be->reset(st->priv)) {
			st->nr = 0;
		} else {
			while (st->nr)
				fz_free_one(st, st->nr - 1);
		}
		break;
	}
	for (i = 0; i < st->nr; i++)
		fz_verify(&st->live[i]);
	fz_check(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fz_state st;
	u8 f;
	size_t i;

	if (size < 2)
		return 0;
	memset(&st, 0, sizeof(st));
	st.be = fz_ours[data[0] % 8];
	f = data[1];
	st.p.pool_bytes = st.be->family == KML_FAMILY_HEAP ? 64 * 1024 :
			  4 * 1024 * 1024;
	if (f & 1)
		st.p.flags |= KML_F_ZERO;
	if (st.be->family != KML_FAMILY_HEAP && (f & 2))
		st.p.flags |= KML_F_NO_PCP;
	if (st.be == &kml_backend_slab) {
		st.p.size = (f & 4) ? 96 : 0;
		if (f & 8)
			st.p.flags |= KML_F_REDZONE | KML_F_POISON |
				      KML_F_CHECK;
	}
	if (st.be->family == KML_FAMILY_HEAP) {
		if (f & 4)
			st.p.flags |= KML_F_NO_COALESCE;
		if (st.be != &kml_heap_backends[KML_HEAP_BUMP])
			st.p.list_order = (f >> 4) % 5;
		st.p.header = (f & 8) ? 8 : 0;
	}
	fz_create(&st);
	for (i = 2; i + 3 <= size; i += 3)
		fz_step(&st, data + i);
	while (st.nr)
		fz_free_one(&st, st.nr - 1);
	fz_check(&st);
	st.be->destroy(st.priv);
	return 0;
}
