/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The platform contract of the kmemlab cores.
 *
 * Every file in module/core/ is compiled twice: into kmemlab.ko and into the
 * userspace library libkmemlab. A core file sees the outside world only
 * through this header. The implementation is picked by the include path:
 * "platform_impl.h" resolves to module/kernel/platform_impl.h in the module
 * build and to userspace/sim/platform_impl.h in the userspace build. Each
 * implementation provides the types, macros and functions declared below.
 *
 * Differences between the kernel and the userspace build (keep this list
 * complete; nothing else may differ):
 *
 *  - page source: alloc_pages(GFP_KERNEL | __GFP_NOWARN) in the kernel;
 *    mmap() of an over-sized region trimmed to natural alignment in
 *    userspace. Both hand out naturally aligned blocks of 2^order pages.
 *  - regions (kml_region_alloc(), virtually contiguous, any number of
 *    pages): vzalloc() in the kernel, charged to the budget like the page
 *    source; an anonymous mmap() in userspace, counted with the pages.
 *  - page size: PAGE_SIZE of the running kernel; 4096 in userspace.
 *  - locks: spinlock_t in the kernel; pthread_mutex_t in userspace.
 *    Sleeping locks: struct mutex in the kernel; pthread_mutex_t.
 *    "Held" assertions: lockdep_assert_held() in the kernel (active on a
 *    lockdep kernel); in userspace each lock records its owner thread and
 *    an assertion that fails is a counted warning.
 *  - per-CPU ids: kml_cpu_get() disables preemption and returns the CPU id
 *    in the kernel; in userspace it returns a slot owned by the calling
 *    thread for the thread's life (one slot per thread, never shared), so
 *    the per-CPU fast paths are equally free of locks and atomics.
 *  - clock: get_cycles() with a conversion calibrated against ktime in the
 *    kernel; the TSC (or CLOCK_MONOTONIC_RAW where there is none) with the
 *    same calibration in userspace.
 *  - warnings: WARN_ON_ONCE() in the kernel; a message on stderr and a
 *    counter (kml_warn_count()) in userspace, which the unit tests check.
 *  - poisoning hooks: no-ops in the kernel; AddressSanitizer manual
 *    poisoning in userspace builds with ASan.
 *  - trace hooks: tracepoints (system "kmemlab") in the kernel; counters in
 *    userspace.
 *  - metadata memory: kvzalloc()/kvfree() in the kernel; calloc()/free().
 *  - scheduling: cond_resched() in the kernel; nothing in userspace.
 *
 * Both builds are 64-bit only (u64 division is used freely) and never use
 * floating point in the cores: ratios are integers scaled by 1000.
 */
#ifndef KML_PLATFORM_H
#define KML_PLATFORM_H

#include "platform_impl.h"

/*
 * Types and helpers every implementation provides (from its own headers):
 *
 *   u8 u16 u32 u64 s32 s64, size_t, bool/true/false, NULL
 *   memset memcpy memmove memcmp strlen strcmp strncmp strchr snprintf
 *   vsnprintf, va_list
 *   the errno constants EINVAL ENOMEM ENOENT EEXIST EBUSY E2BIG ENOSPC
 *   ERANGE EAGAIN EINTR EPERM ENODEV EOVERFLOW EFAULT
 *   ARRAY_SIZE(a), static_assert(cond, msg), __printf(a, b),
 *   likely(x), unlikely(x), READ_ONCE(x), WRITE_ONCE(x, v),
 *   container_of(ptr, type, member)
 *   KML_PAGE_SHIFT, KML_PAGE_SIZE
 *   struct kml_lock, struct kml_mutex
 */

/* Largest buddy order, as the kernel's MAX_ORDER - 1 in 6.1 (4 MiB). */
#define KML_MAX_ORDER		10
#define KML_NR_ORDERS		(KML_MAX_ORDER + 1)

/* Upper bound for kml_nr_cpus(); per-CPU arrays are sized with it. */
#define KML_MAX_CPUS		64

/* --- page source ------------------------------------------------------- */

/**
 * kml_pages_alloc() - take a naturally aligned block from the page source
 * @order: log2 of the number of pages, 0..KML_MAX_ORDER
 *
 * Return: the block's address, or NULL when the page source is exhausted.
 * The content is undefined.
 */
void *kml_pages_alloc(unsigned int order);

/**
 * kml_pages_free() - give a block back to the page source
 * @addr: an address returned by kml_pages_alloc()
 * @order: the order it was allocated with
 */
void kml_pages_free(void *addr, unsigned int order);

/* --- regions: large, virtually contiguous (never on a fast path) ------- */

/**
 * kml_region_alloc() - take a zeroed, page-aligned, virtually contiguous
 * region of memory that counts as the caller's pool (charged to the
 * module's budget, like the page source)
 * @bytes: size; rounded up to whole pages
 *
 * For what is too large for one block of the page source (the teaching
 * heaps' regions and their boundary tags). It may sleep.
 *
 * Return: the region, or NULL when the budget or the memory ran out.
 */
void *kml_region_alloc(size_t bytes);

/**
 * kml_region_free() - give a region back
 * @addr: an address returned by kml_region_alloc(), or NULL
 * @bytes: the size it was allocated with
 */
void kml_region_free(void *addr, size_t bytes);

/* --- metadata memory (never on a fast path) --------------------------- */

/**
 * kml_zalloc() - allocate zeroed metadata memory
 * @size: bytes
 *
 * Return: the memory, or NULL.
 */
void *kml_zalloc(size_t size);

/**
 * kml_free() - free memory from kml_zalloc()
 * @ptr: the memory, or NULL
 */
void kml_free(void *ptr);

/* --- locks, per-CPU ids, clock: hot paths ------------------------------ */

/*
 * These sit on allocation fast paths, so platform_impl.h defines them, as
 * static inline functions where that matters, with exactly these
 * signatures:
 *
 *   void kml_lock_init(struct kml_lock *lock);
 *   void kml_lock_acquire(struct kml_lock *lock);
 *   bool kml_lock_try(struct kml_lock *lock);
 *   void kml_lock_release(struct kml_lock *lock);
 *   void kml_lock_destroy(struct kml_lock *lock);
 *   void kml_lock_assert_held(const struct kml_lock *lock);
 *	Locks are never held across a sleep and never taken from interrupts.
 *	kml_lock_try() takes @lock only when it is free, true when it did
 *	(the magazine tier counts the misses as contention).
 *	kml_lock_assert_held() warns unless the caller holds @lock: every
 *	_locked helper of the cores calls it first.
 *
 *   unsigned int kml_cpu_get(void);
 *   void kml_cpu_put(void);
 *	kml_cpu_get() pins the caller and returns its CPU id (below
 *	kml_nr_cpus()); until kml_cpu_put() the caller is the only user of
 *	per-CPU data at that index (preemption is off in the kernel).
 *
 *   u64 kml_ticks(void);
 *	The cheapest stable clock; differences convert with kml_ticks_to_ns().
 *
 *   void kml_trace_buddy_alloc(u32 inst, unsigned long addr, unsigned int order);
 *   void kml_trace_buddy_free(u32 inst, unsigned long addr, unsigned int order);
 *   void kml_trace_buddy_split(u32 inst, unsigned long addr, unsigned int order);
 *   void kml_trace_buddy_merge(u32 inst, unsigned long addr, unsigned int order);
 *   void kml_trace_slab_alloc(u32 inst, const char *cache, unsigned long addr,
 *			       size_t bytes_req, size_t bytes_alloc,
 *			       unsigned int cpu);
 *   void kml_trace_slab_free(u32 inst, const char *cache, unsigned long addr,
 *			      unsigned int cpu);
 *   void kml_trace_slab_new(u32 inst, const char *cache, unsigned long addr,
 *			     unsigned int order, unsigned int objects);
 *   void kml_trace_slab_release(u32 inst, const char *cache,
 *				 unsigned long addr, unsigned int order);
 *	One hook per tracepoint of system "kmemlab". @inst is the caller's
 *	instance id (0 when none). Addresses travel as unsigned long so that
 *	the kernel records them without %p hashing.
 */

/* --- sleeping locks (command execution, instance tables) --------------- */

/*
 * kml_mutex_*() may sleep (a kernel mutex, a pthread mutex): never taken
 * under a struct kml_lock or with a CPU pinned by kml_cpu_get().
 */
void kml_mutex_init(struct kml_mutex *m);
void kml_mutex_lock(struct kml_mutex *m);
void kml_mutex_unlock(struct kml_mutex *m);
void kml_mutex_destroy(struct kml_mutex *m);
/* kml_mutex_assert_held() - warn unless the caller holds @m. */
void kml_mutex_assert_held(struct kml_mutex *m);

/* kml_nr_cpus() - number of CPU ids the platform may return (<= KML_MAX_CPUS). */
unsigned int kml_nr_cpus(void);

/**
 * kml_ticks_to_ns() - convert a tick difference to nanoseconds
 * @ticks: a difference of two kml_ticks() values
 *
 * Return: nanoseconds, using the platform's calibration.
 */
u64 kml_ticks_to_ns(u64 ticks);

/* kml_clock_name() - "tsc", "ktime" or "monotonic": reported with results. */
const char *kml_clock_name(void);

/* --- scheduling --------------------------------------------------------- */

/* kml_cond_resched() - let others run; called between batches of long loops. */
void kml_cond_resched(void);

/* --- warnings and debugging ------------------------------------------- */

/*
 * KML_WARN_ON_ONCE(cond) evaluates to cond and reports the first time it is
 * true. It is for states that must never happen (a bug in kmemlab); errors
 * a user can provoke (a bad free, a bad command) are counted and returned
 * as errno values instead, never warned about.
 */
#ifndef KML_WARN_ON_ONCE
#error "platform_impl.h must define KML_WARN_ON_ONCE"
#endif

/**
 * kml_poison() - mark memory as not to be touched (ASan in userspace)
 * @addr: start
 * @size: bytes
 */
void kml_poison(const void *addr, size_t size);

/**
 * kml_unpoison() - mark memory as usable again
 * @addr: start
 * @size: bytes
 */
void kml_unpoison(const void *addr, size_t size);

#endif /* KML_PLATFORM_H */
