/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels kmemlab builds on (Debian's 5.10 to the
 * newest), keyed on what the headers define, never on the version number.
 * The KMEMLAB_HAVE_* macros come from the feature probes in Kbuild, which
 * look into the headers of the kernel being built against.
 */
#ifndef KMEMLAB_COMPAT_H
#define KMEMLAB_COMPAT_H

/*
 * __assign_str() of a __string() trace field: its source argument went
 * away (6.10), the field's __string() declaration names it already.
 */
#ifdef KMEMLAB_HAVE_ASSIGN_STR_DST_ONLY
#define kmemlab_assign_str(dst, src)	__assign_str(dst)
#else
#define kmemlab_assign_str(dst, src)	__assign_str(dst, src)
#endif

/*
 * preempt_model_*(): the preemption model, asked at run time since
 * PREEMPT_DYNAMIC could change it at boot (5.19). Before, the
 * configuration fixes it.
 */
#ifndef KMEMLAB_HAVE_PREEMPT_MODEL
#include <linux/kconfig.h>
#include <linux/types.h>

static inline bool preempt_model_none(void)
{
	return IS_ENABLED(CONFIG_PREEMPT_NONE);
}

static inline bool preempt_model_voluntary(void)
{
	return IS_ENABLED(CONFIG_PREEMPT_VOLUNTARY);
}

static inline bool preempt_model_full(void)
{
	return IS_ENABLED(CONFIG_PREEMPT);
}

static inline bool preempt_model_rt(void)
{
	return IS_ENABLED(CONFIG_PREEMPT_RT);
}
#endif

/*
 * preempt_model_lazy(): PREEMPT_LAZY (6.13), full preemption of kernel code
 * with the scheduler's ticks deferred for normal tasks: Debian's default
 * from 7.x on. Before, no kernel runs it.
 */
#ifndef KMEMLAB_HAVE_PREEMPT_MODEL_LAZY
#include <linux/types.h>

static inline bool preempt_model_lazy(void)
{
	return false;
}
#endif

/*
 * kmalloc_size_roundup(): the size kmalloc() really hands out for a
 * request (6.1). Before, the same from the kmalloc size classes: powers of
 * two and the 96 and 192 byte caches (kmalloc_index() 1 and 2), pages
 * above the largest class.
 */
#ifndef KMEMLAB_HAVE_KMALLOC_SIZE_ROUNDUP
#include <linux/mm.h>
#include <linux/slab.h>

static inline size_t kmalloc_size_roundup(size_t size)
{
	unsigned int i;

	if (!size)
		return 0;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return PAGE_SIZE << get_order(size);
	i = kmalloc_index(size);
	if (i == 1)
		return 96;
	if (i == 2)
		return 192;
	return (size_t)1 << i;
}
#endif

/*
 * kthread_create_on_cpu(): not exported to modules by 5.10. There, the
 * same from exported parts: a thread created on the CPU's node, named
 * with the CPU number, bound to the CPU before it first runs.
 */
#ifndef KMEMLAB_HAVE_KTHREAD_CREATE_ON_CPU
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/topology.h>

static inline struct task_struct *kmemlab_kthread_bound(struct task_struct *t,
							unsigned int cpu)
{
	if (!IS_ERR(t))
		kthread_bind(t, cpu);
	return t;
}

#define kthread_create_on_cpu(threadfn, data, cpu, namefmt)		\
	({								\
		unsigned int kmemlab_cpu_ = (cpu);			\
									\
		kmemlab_kthread_bound(kthread_create_on_node(threadfn,	\
			data, cpu_to_node(kmemlab_cpu_), namefmt,	\
			kmemlab_cpu_), kmemlab_cpu_);			\
	})
#endif

/*
 * KMEMLAB_SLAB_DESIGN: how the kernel's slab allocator hands out objects,
 * for the context of results. SLUB's per-CPU slabs ("cpu-slabs", the
 * cmpxchg16b fast path) until 7.0; then per-CPU sheaves and a per-node
 * barn for every cache ("sheaves"); in between (6.18, 6.19) both, sheaves
 * for the caches that ask. SLAB went away in 6.8. CONFIG_SLUB_TINY (6.2)
 * has neither: every allocation goes to the node's partial slabs
 * ("slub-tiny"). The per-CPU slabs are seen by their option
 * CONFIG_SLUB_CPU_PARTIAL existing in the configuration (set or not),
 * which SLUB_TINY hides as well.
 */
#if defined(CONFIG_SLUB_TINY)
#define KMEMLAB_SLAB_DESIGN	"slub-tiny"
#elif defined(CONFIG_SLUB) && defined(KMEMLAB_HAVE_SLUB_CPU_SLABS) && \
	defined(KMEMLAB_HAVE_SHEAVES)
#define KMEMLAB_SLAB_DESIGN	"slub-cpu-slabs+sheaves"
#elif defined(CONFIG_SLUB) && defined(KMEMLAB_HAVE_SLUB_CPU_SLABS)
#define KMEMLAB_SLAB_DESIGN	"slub-cpu-slabs"
#elif defined(CONFIG_SLUB) && defined(KMEMLAB_HAVE_SHEAVES)
#define KMEMLAB_SLAB_DESIGN	"slub-sheaves"
#elif defined(CONFIG_SLUB)
#define KMEMLAB_SLAB_DESIGN	"slub"
#elif defined(CONFIG_SLAB)
#define KMEMLAB_SLAB_DESIGN	"slab"
#else
#define KMEMLAB_SLAB_DESIGN	"unknown"
#endif

/*
 * kmemlab_cache_create(): a cache that SLUB never merges with another, so
 * that its /proc/slabinfo row and its /sys/kernel/slab directory are its
 * own. SLAB_NO_MERGE says so (6.5); before, a constructor or a usercopy
 * region over the whole object keeps a cache apart. Since 6.12 the
 * optional arguments travel in a struct kmem_cache_args. @how is set to
 * what keeps the cache apart: "slab_no_merge", "ctor" or "usercopy".
 */
#include <linux/slab.h>

#ifdef KMEMLAB_HAVE_SLAB_NO_MERGE
#define KMEMLAB_SLAB_NO_MERGE	SLAB_NO_MERGE
#else
#define KMEMLAB_SLAB_NO_MERGE	0
#endif

static inline struct kmem_cache *
kmemlab_cache_create(const char *name, unsigned int size, unsigned int align,
		     slab_flags_t flags, void (*ctor)(void *),
		     const char **how)
{
	/* usercopy only where nothing else keeps the cache apart */
	unsigned int usersize = !ctor && !KMEMLAB_SLAB_NO_MERGE ? size : 0;
#ifdef KMEMLAB_HAVE_KMEM_CACHE_ARGS
	struct kmem_cache_args args = {
		.align = align,
		.useroffset = 0,
		.usersize = usersize,
		.ctor = ctor,
	};
#endif

	*how = KMEMLAB_SLAB_NO_MERGE ? "slab_no_merge" :
	       ctor ? "ctor" : "usercopy";
	flags |= KMEMLAB_SLAB_NO_MERGE;
#ifdef KMEMLAB_HAVE_KMEM_CACHE_ARGS
	return kmem_cache_create(name, size, &args, flags);
#else
	return kmem_cache_create_usercopy(name, size, align, flags, 0,
					  usersize, ctor);
#endif
}

#endif /* KMEMLAB_COMPAT_H */
