// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace allocators behind struct kml_backend, for sim mode: glibc
 * malloc, and jemalloc, tcmalloc (minimal) and mimalloc loaded with
 * dlopen(RTLD_NOW | RTLD_LOCAL) so that they never replace the process's
 * malloc. They play the part the kernel's allocators play in kernel mode
 * (ours=false). Counters are kept with relaxed atomics because a run's
 * workers call one instance from several threads; byte counts are the
 * libraries' usable sizes. These allocators do not tell how much memory
 * they hold per caller, so bytes_held is the bytes handed out (a lower
 * bound) and there are no views beyond the engine's stats.
 */
#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "ops.h"
#include "user_backends.h"

/* One library: its entry points (NULL when it lacks one). */
struct ub_lib {
	const char *name;	/* backend name */
	const char *soname;	/* NULL: the process's own libc */
	const char *desc;
	const char *sym_alloc, *sym_free, *sym_usable, *sym_good;
	void *handle;
	void *(*alloc)(size_t size);		/* malloc-like */
	void *(*allocx)(size_t size, int flags);	/* jemalloc mallocx */
	void (*free)(void *ptr);
	void (*freex)(void *ptr, int flags);	/* jemalloc dallocx */
	size_t (*usable)(void *ptr);		/* malloc_usable_size-like */
	size_t (*usablex)(const void *ptr, int flags);	/* sallocx */
	size_t (*good)(size_t size);		/* mi_good_size-like */
	size_t (*goodx)(size_t size, int flags);	/* nallocx */
	struct kml_backend be;
	bool registered;
};

/* Per-instance counters. */
struct ub_inst {
	struct ub_lib *lib;
	u64 arena;		/* pool=: bytes handed out at most, 0 = none */
	u64 allocs, frees, failures, bad_frees;
	u64 bytes, peak;
};

static size_t ub_usable_of(struct ub_lib *l, void *p)
{
	if (l->usablex)
		return l->usablex(p, 0);
	return l->usable ? l->usable(p) : 0;
}

static int ub_create(struct ub_lib *l, const struct kml_params *p,
		     void **priv)
{
	struct ub_inst *in = calloc(1, sizeof(*in));

	if (!in)
		return -ENOMEM;
	in->lib = l;
	in->arena = p->pool_bytes;
	*priv = in;
	return 0;
}

static void ub_destroy(void *priv)
{
	/* objects still allocated belong to the library's heap: leak them
	 * rather than guess their sizes; the engine frees its handles first */
	free(priv);
}

/*
 * alloc() in three parts (struct kml_split), so that a run times the
 * library's call alone. The request is reserved first (the arena, when
 * pool= gave one, is a quota of bytes handed out); the end replaces it by
 * the usable size the library reports.
 */
static int ub_alloc_begin(void *priv, size_t size)
{
	struct ub_inst *in = priv;
	u64 now = __atomic_add_fetch(&in->bytes, size, __ATOMIC_RELAXED);

	if (in->arena && now > in->arena) {
		__atomic_fetch_sub(&in->bytes, size, __ATOMIC_RELAXED);
		__atomic_fetch_add(&in->failures, 1, __ATOMIC_RELAXED);
		return -ENOMEM;
	}
	return 0;
}

static void *ub_alloc_call(void *priv, size_t size)
{
	struct ub_lib *l = ((struct ub_inst *)priv)->lib;

	return l->allocx ? l->allocx(size ? size : 1, 0) :
			   l->alloc(size ? size : 1);
}

static void *ub_alloc_end(void *priv, void *p, size_t size)
{
	struct ub_inst *in = priv;
	u64 now, peak;

	if (!p) {
		__atomic_fetch_sub(&in->bytes, size, __ATOMIC_RELAXED);
		__atomic_fetch_add(&in->failures, 1, __ATOMIC_RELAXED);
		return NULL;
	}
	__atomic_fetch_add(&in->allocs, 1, __ATOMIC_RELAXED);
	now = __atomic_add_fetch(&in->bytes, ub_usable_of(in->lib, p) - size,
				 __ATOMIC_RELAXED);
	peak = __atomic_load_n(&in->peak, __ATOMIC_RELAXED);
	while (now > peak &&
	       !__atomic_compare_exchange_n(&in->peak, &peak, now, true,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
	return p;
}

static void *ub_alloc(void *priv, size_t size)
{
	if (ub_alloc_begin(priv, size))
		return NULL;
	return ub_alloc_end(priv, ub_alloc_call(priv, size), size);
}

static void ub_alloc_cancel(void *priv, size_t size)
{
	struct ub_inst *in = priv;

	__atomic_fetch_sub(&in->bytes, size, __ATOMIC_RELAXED);
}

static int ub_free_begin(void *priv, void *ptr, size_t size)
{
	struct ub_inst *in = priv;

	if (!ptr) {
		__atomic_fetch_add(&in->bad_frees, 1, __ATOMIC_RELAXED);
		return -EINVAL;
	}
	__atomic_fetch_sub(&in->bytes, ub_usable_of(in->lib, ptr),
			   __ATOMIC_RELAXED);
	return 0;
}

static void ub_free_call(void *priv, void *ptr, size_t size)
{
	struct ub_lib *l = ((struct ub_inst *)priv)->lib;

	if (l->freex)
		l->freex(ptr, 0);
	else
		l->free(ptr);
}

static void ub_free_end(void *priv, size_t size)
{
	struct ub_inst *in = priv;

	__atomic_fetch_add(&in->frees, 1, __ATOMIC_RELAXED);
}

static int ub_free(void *priv, void *ptr, size_t size)
{
	int ret = ub_free_begin(priv, ptr, size);

	if (ret)
		return ret;
	ub_free_call(priv, ptr, size);
	ub_free_end(priv, size);
	return 0;
}

static const struct kml_split ub_split = {
	.alloc_begin	= ub_alloc_begin,
	.alloc_call	= ub_alloc_call,
	.alloc_end	= ub_alloc_end,
	.alloc_cancel	= ub_alloc_cancel,
	.free_begin	= ub_free_begin,
	.free_call	= ub_free_call,
	.free_end	= ub_free_end,
};

static size_t ub_usable(void *priv, size_t size)
{
	struct ub_lib *l = ((struct ub_inst *)priv)->lib;
	size_t n;
	void *p;

	if (l->goodx)
		return l->goodx(size ? size : 1, 0);
	if (l->good)
		return l->good(size ? size : 1);
	/* no size-class query: measure one allocation */
	p = l->allocx ? l->allocx(size ? size : 1, 0) : l->alloc(size ? size : 1);
	if (!p)
		return size;
	n = ub_usable_of(l, p);
	if (l->freex)
		l->freex(p, 0);
	else
		l->free(p);
	return n;
}

static size_t ub_max_size(void *priv)
{
	return KML_OBJ_MAX;
}

static void ub_stats(void *priv, struct kml_alloc_stats *st)
{
	struct ub_inst *in = priv;

	memset(st, 0, sizeof(*st));
	st->allocs = __atomic_load_n(&in->allocs, __ATOMIC_RELAXED);
	st->frees = __atomic_load_n(&in->frees, __ATOMIC_RELAXED);
	st->failures = __atomic_load_n(&in->failures, __ATOMIC_RELAXED);
	st->bad_frees = __atomic_load_n(&in->bad_frees, __ATOMIC_RELAXED);
	st->bytes_allocated = __atomic_load_n(&in->bytes, __ATOMIC_RELAXED);
	st->peak_allocated = __atomic_load_n(&in->peak, __ATOMIC_RELAXED);
	/* a process-wide allocator: what it took for us cannot be known */
	st->held_na = true;
	if (in->arena) {
		st->arena = true;
		st->arena_free = in->arena > st->bytes_allocated ?
				 in->arena - st->bytes_allocated : 0;
		st->arena_largest = st->arena_free;
	}
}

static void ub_peak_reset(void *priv)
{
	struct ub_inst *in = priv;

	__atomic_store_n(&in->peak, __atomic_load_n(&in->bytes, __ATOMIC_RELAXED),
			 __ATOMIC_RELAXED);
}

static unsigned int ub_validate(void *priv)
{
	struct ub_inst *in = priv;

	return in->frees > in->allocs;
}

/* One create() per library: the ops table has no per-backend argument. */
#define UB_CREATE(idx)							\
static int ub_create_##idx(const struct kml_params *p, u32 id, void **priv) \
{									\
	return ub_create(&ub_libs[idx], p, priv);				\
}

static struct ub_lib ub_libs[] = {
	{ .name = "glibc", .desc = "glibc malloc/free (userspace)",
	  .sym_alloc = "malloc", .sym_free = "free",
	  .sym_usable = "malloc_usable_size" },
	{ .name = "jemalloc", .soname = "libjemalloc.so.2",
	  .desc = "jemalloc mallocx/dallocx (userspace)",
	  .sym_alloc = "mallocx", .sym_free = "dallocx",
	  .sym_usable = "sallocx", .sym_good = "nallocx" },
	{ .name = "tcmalloc", .soname = "libtcmalloc_minimal.so.4",
	  .desc = "tcmalloc tc_malloc/tc_free (userspace)",
	  .sym_alloc = "tc_malloc", .sym_free = "tc_free",
	  .sym_usable = "tc_malloc_size" },
	{ .name = "mimalloc", .soname = "libmimalloc.so.2",
	  .desc = "mimalloc mi_malloc/mi_free (userspace)",
	  .sym_alloc = "mi_malloc", .sym_free = "mi_free",
	  .sym_usable = "mi_usable_size", .sym_good = "mi_good_size" },
};

UB_CREATE(0)
UB_CREATE(1)
UB_CREATE(2)
UB_CREATE(3)

static int (*const ub_creates[])(const struct kml_params *, u32, void **) = {
	ub_create_0, ub_create_1, ub_create_2, ub_create_3,
};

static_assert(ARRAY_SIZE(ub_creates) == ARRAY_SIZE(ub_libs),
	      "one create() per library");

/* Resolve the entry points of @l; false when the library is unusable. */
static bool ub_load(struct ub_lib *l)
{
	void *h = RTLD_DEFAULT;
	bool x = !strcmp(l->name, "jemalloc");	/* the *allocx flavour */

	if (l->soname) {
		h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
		if (!h)
			return false;
	}
	l->handle = l->soname ? h : NULL;
	if (x) {
		l->allocx = (void *(*)(size_t, int))dlsym(h, l->sym_alloc);
		l->freex = (void (*)(void *, int))dlsym(h, l->sym_free);
		l->usablex = (size_t (*)(const void *, int))dlsym(h, l->sym_usable);
		l->goodx = (size_t (*)(size_t, int))dlsym(h, l->sym_good);
	} else {
		l->alloc = (void *(*)(size_t))dlsym(h, l->sym_alloc);
		l->free = (void (*)(void *))dlsym(h, l->sym_free);
		l->usable = (size_t (*)(void *))dlsym(h, l->sym_usable);
		if (l->sym_good)
			l->good = (size_t (*)(size_t))dlsym(h, l->sym_good);
	}
	if ((x && (!l->allocx || !l->freex)) || (!x && (!l->alloc || !l->free))) {
		if (l->handle)
			dlclose(l->handle);
		l->handle = NULL;
		return false;
	}
	return true;
}

int kml_user_backends_register(void)
{
	unsigned int i;
	int n = 0;

	for (i = 0; i < ARRAY_SIZE(ub_libs); i++) {
		struct ub_lib *l = &ub_libs[i];

		if (l->registered || !ub_load(l))
			continue;
		l->be = (struct kml_backend) {
			.name = l->name,
			.desc = l->desc,
			.family = KML_FAMILY_OBJECT,
			.ours = false,
			.create = ub_creates[i],
			.destroy = ub_destroy,
			.alloc = ub_alloc,
			.free = ub_free,
			.keys = KML_PKB(POOL),
			.usable = ub_usable,
			.max_size = ub_max_size,
			.split = &ub_split,
			.stats = ub_stats,
			.peak_reset = ub_peak_reset,
			.validate = ub_validate,
		};
		if (kml_backend_register(&l->be)) {
			if (l->handle)
				dlclose(l->handle);
			l->handle = NULL;
			continue;
		}
		l->registered = true;
		n++;
	}
	return n;
}

void kml_user_backends_unregister(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ub_libs); i++) {
		struct ub_lib *l = &ub_libs[i];

		if (!l->registered)
			continue;
		kml_backend_unregister(&l->be);
		l->registered = false;
		/* keep the library mapped: a library's thread caches may still
		 * reference it, and dlclose() of an allocator is never safe */
	}
}
