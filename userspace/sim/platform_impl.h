/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The userspace implementation of the cores' platform contract
 * (module/core/platform.h lists every difference from the kernel build).
 * It is the only header that brings libc into a core file.
 */
#ifndef KML_PLATFORM_IMPL_H
#define KML_PLATFORM_IMPL_H

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <assert.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

#define KML_PAGE_SHIFT		12
#define KML_PAGE_SIZE		(1UL << KML_PAGE_SHIFT)

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#endif
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))
#ifndef container_of
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP		95
#endif

struct kml_lock {
	pthread_mutex_t mutex;
	pthread_t owner;	/* valid while @held */
	bool held;		/* for kml_lock_assert_held() */
};

struct kml_mutex {
	pthread_mutex_t mutex;
	pthread_t owner;	/* valid while @held */
	bool held;		/* for kml_mutex_assert_held() */
};

/* --- warnings ------------------------------------------------------------ */

void kml_warn_report(const char *file, int line, const char *cond);
unsigned long kml_warn_count(void);

#define KML_WARN_ON_ONCE(cond) ({					\
	static bool kml_warned_;					\
	bool kml_c_ = !!(cond);						\
	if (unlikely(kml_c_) && !kml_warned_) {				\
		kml_warned_ = true;					\
		kml_warn_report(__FILE__, __LINE__, #cond);		\
	} else if (unlikely(kml_c_)) {					\
		kml_warn_report(NULL, 0, NULL);				\
	}								\
	kml_c_;								\
})

/* --- locks --------------------------------------------------------------- */

static inline void kml_lock_init(struct kml_lock *lock)
{
	pthread_mutex_init(&lock->mutex, NULL);
}

static inline void kml_lock_acquire(struct kml_lock *lock)
{
	pthread_mutex_lock(&lock->mutex);
	lock->owner = pthread_self();
	WRITE_ONCE(lock->held, true);
}

static inline bool kml_lock_try(struct kml_lock *lock)
{
	if (pthread_mutex_trylock(&lock->mutex))
		return false;
	lock->owner = pthread_self();
	WRITE_ONCE(lock->held, true);
	return true;
}

static inline void kml_lock_release(struct kml_lock *lock)
{
	WRITE_ONCE(lock->held, false);
	pthread_mutex_unlock(&lock->mutex);
}

/* Only the owner reads a true @held: a stale value on another thread is false. */
static inline void kml_lock_assert_held(const struct kml_lock *lock)
{
	KML_WARN_ON_ONCE(!READ_ONCE(lock->held) ||
			 !pthread_equal(lock->owner, pthread_self()));
}

static inline void kml_lock_destroy(struct kml_lock *lock)
{
	pthread_mutex_destroy(&lock->mutex);
}

/* --- per-CPU ids: one slot per thread ------------------------------------ */

extern __thread int kml_thread_slot;
unsigned int kml_cpu_claim_slot(void);

static inline unsigned int kml_cpu_get(void)
{
	if (likely(kml_thread_slot >= 0))
		return (unsigned int)kml_thread_slot;
	return kml_cpu_claim_slot();
}

static inline void kml_cpu_put(void)
{
}

/* --- clock ---------------------------------------------------------------- */

#if defined(__x86_64__)
static inline u64 kml_ticks(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}
#else
u64 kml_ticks(void);
#endif

/* --- trace hooks: counted, so tests can compare with operation counts ----- */

enum kml_trace_event {
	KML_TRACE_BUDDY_ALLOC,
	KML_TRACE_BUDDY_FREE,
	KML_TRACE_BUDDY_SPLIT,
	KML_TRACE_BUDDY_MERGE,
	KML_TRACE_SLAB_ALLOC,
	KML_TRACE_SLAB_FREE,
	KML_TRACE_SLAB_NEW,
	KML_TRACE_SLAB_RELEASE,
	KML_TRACE_NR,
};

extern bool kml_trace_on;
extern u64 kml_trace_counts[KML_TRACE_NR];

static inline void kml_trace_count(enum kml_trace_event e)
{
	if (unlikely(kml_trace_on))
		__atomic_fetch_add(&kml_trace_counts[e], 1, __ATOMIC_RELAXED);
}

static inline void kml_trace_buddy_alloc(u32 inst, unsigned long addr,
					 unsigned int order)
{
	kml_trace_count(KML_TRACE_BUDDY_ALLOC);
}

static inline void kml_trace_buddy_free(u32 inst, unsigned long addr,
					unsigned int order)
{
	kml_trace_count(KML_TRACE_BUDDY_FREE);
}

static inline void kml_trace_buddy_split(u32 inst, unsigned long addr,
					 unsigned int order)
{
	kml_trace_count(KML_TRACE_BUDDY_SPLIT);
}

static inline void kml_trace_buddy_merge(u32 inst, unsigned long addr,
					 unsigned int order)
{
	kml_trace_count(KML_TRACE_BUDDY_MERGE);
}

static inline void kml_trace_slab_alloc(u32 inst, const char *cache,
					unsigned long addr, size_t bytes_req,
					size_t bytes_alloc, unsigned int cpu)
{
	kml_trace_count(KML_TRACE_SLAB_ALLOC);
}

static inline void kml_trace_slab_free(u32 inst, const char *cache,
				       unsigned long addr, unsigned int cpu)
{
	kml_trace_count(KML_TRACE_SLAB_FREE);
}

static inline void kml_trace_slab_new(u32 inst, const char *cache,
				      unsigned long addr, unsigned int order,
				      unsigned int objects)
{
	kml_trace_count(KML_TRACE_SLAB_NEW);
}

static inline void kml_trace_slab_release(u32 inst, const char *cache,
					  unsigned long addr,
					  unsigned int order)
{
	kml_trace_count(KML_TRACE_SLAB_RELEASE);
}

/* --- simulator controls (not part of the contract) ------------------------ */

/*
 * kml_sim_set_nr_cpus() - how many per-CPU slots the simulator offers
 * (default: online CPUs, at most KML_MAX_CPUS). Call before any core use.
 */
void kml_sim_set_nr_cpus(unsigned int nr);

/*
 * kml_sim_release_slot() - give the calling thread's per-CPU slot back (a
 * thread that ends calls it; a pthread key does it automatically too).
 */
void kml_sim_release_slot(void);

/*
 * kml_sim_page_limit() - cap the pages the page source hands out (0 = no
 * cap), so tests can exhaust it; kml_sim_pages_in_use() reads the count.
 */
void kml_sim_page_limit(unsigned long pages);
unsigned long kml_sim_pages_in_use(void);

struct kml_out;
/*
 * kml_sim_fault_set() - fault injection settings (module/core/fault.h),
 * the counters reset; -EINVAL with the reason in @err on a bad word.
 * kml_sim_fault_show() - the settings and counters, as the kernel's
 * debugfs file `fault` shows them.
 */
int kml_sim_fault_set(const char *settings, char *err, size_t errsz);
void kml_sim_fault_show(struct kml_out *out);

#endif /* KML_PLATFORM_IMPL_H */
