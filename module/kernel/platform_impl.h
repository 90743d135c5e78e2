/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel implementation of the cores' platform contract
 * (module/core/platform.h lists every difference from the userspace build).
 * It is the only header through which a core file sees the kernel.
 */
#ifndef KML_PLATFORM_IMPL_H
#define KML_PLATFORM_IMPL_H

#include <linux/build_bug.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/jump_label.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/types.h>
#include <asm/page.h>
#include <linux/timex.h>

#include "trace_hooks.h"

#define KML_PAGE_SHIFT		PAGE_SHIFT
#define KML_PAGE_SIZE		PAGE_SIZE

#define KML_WARN_ON_ONCE(cond)	WARN_ON_ONCE(cond)

struct kml_lock {
	spinlock_t lock;		/* the kernel's spinning lock */
};

struct kml_mutex {
	struct mutex mutex;		/* the kernel's sleeping lock */
	/*
	 * Its own lockdep class: every kml_mutex is initialised in
	 * kml_mutex_init(), where one mutex_init() would give all of them
	 * one class, and the engine nests its state lock in its command
	 * lock (a false "possible recursive locking").
	 */
	struct lock_class_key key;
};

static inline void kml_lock_init(struct kml_lock *lock)
{
	spin_lock_init(&lock->lock);
}

static inline void kml_lock_acquire(struct kml_lock *lock)
{
	spin_lock(&lock->lock);
}

static inline bool kml_lock_try(struct kml_lock *lock)
{
	return spin_trylock(&lock->lock);
}

static inline void kml_lock_release(struct kml_lock *lock)
{
	spin_unlock(&lock->lock);
}

static inline void kml_lock_destroy(struct kml_lock *lock)
{
}

static inline void kml_lock_assert_held(const struct kml_lock *lock)
{
	lockdep_assert_held(&lock->lock);
}

static inline unsigned int kml_cpu_get(void)
{
	return get_cpu();
}

static inline void kml_cpu_put(void)
{
	put_cpu();
}

/* Set by kmemlab_clock_calibrate() when get_cycles() passed calibration. */
DECLARE_STATIC_KEY_FALSE(kml_clock_cycles);

static inline u64 kml_ticks(void)
{
	if (static_branch_likely(&kml_clock_cycles))
		return get_cycles();
	return ktime_get_ns();
}

#endif /* KML_PLATFORM_IMPL_H */
