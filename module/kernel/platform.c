// SPDX-License-Identifier: GPL-2.0
/*
 * The out-of-line half of the kernel platform: the page source over
 * alloc_pages(), metadata memory, the clock calibration and CPU count.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/cpumask.h>

#include "platform.h"
#include "kmemlab.h"

void *kml_pages_alloc(unsigned int order)
{
	struct page *page;

	if (order > KML_MAX_ORDER)
		return NULL;
	page = alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, order);
	return page ? page_address(page) : NULL;
}

void kml_pages_free(void *addr, unsigned int order)
{
	__free_pages(virt_to_page(addr), order);
}

void *kml_zalloc(size_t size)
{
	return kvzalloc(size, GFP_KERNEL);
}

void kml_free(void *ptr)
{
	kvfree(ptr);
}

void kml_mutex_init(struct kml_mutex *m)
{
	mutex_init(&m->mutex);
}

void kml_mutex_lock(struct kml_mutex *m)
{
	mutex_lock(&m->mutex);
}

void kml_mutex_unlock(struct kml_mutex *m)
{
	mutex_unlock(&m->mutex);
}

void kml_mutex_destroy(struct kml_mutex *m)
{
	mutex_destroy(&m->mutex);
}

unsigned int kml_nr_cpus(void)
{
	return min_t(unsigned int, nr_cpu_ids, KML_MAX_CPUS);
}

/* ns per tick, scaled by 2^32; set by kmemlab_clock_calibrate(). */
static u64 kml_ns_per_tick_q32 = 1ULL << 32;
static bool kml_clock_tsc;

/**
 * kmemlab_clock_calibrate() - measure get_cycles() against ktime
 *
 * Called once at module load. When get_cycles() is not usable (returns 0)
 * the ticks are nanoseconds from ktime_get_ns() instead.
 */
void kmemlab_clock_calibrate(void)
{
	u64 t0, t1, n0, n1;

	t0 = get_cycles();
	n0 = ktime_get_ns();
	usleep_range(20000, 21000);
	t1 = get_cycles();
	n1 = ktime_get_ns();
	if (t0 && t1 > t0) {
		kml_ns_per_tick_q32 = div64_u64((n1 - n0) << 32, t1 - t0);
		kml_clock_tsc = true;
	}
}

u64 kml_ticks_to_ns(u64 ticks)
{
	/* Split the product so it cannot overflow 64 bits. */
	u64 hi = (ticks >> 32) * kml_ns_per_tick_q32;
	u64 lo = ((ticks & 0xffffffffULL) * kml_ns_per_tick_q32) >> 32;

	return hi + lo;
}

const char *kml_clock_name(void)
{
	return kml_clock_tsc ? "tsc" : "ktime";
}

void kml_cond_resched(void)
{
	cond_resched();
}

void kml_poison(const void *addr, size_t size)
{
}

void kml_unpoison(const void *addr, size_t size)
{
}
