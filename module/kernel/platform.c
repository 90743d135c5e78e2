// SPDX-License-Identifier: GPL-2.0
/*
 * The out-of-line half of the kernel platform: the memory budget, the page
 * source over alloc_pages(), metadata memory, sleeping locks, the clock
 * calibration and the CPU count.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/jump_label.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/percpu_counter.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "platform.h"
#include "fault.h"
#include "kmemlab.h"

/* --- memory budget -------------------------------------------------------- */

/*
 * Everything the module holds on behalf of its users is charged to one
 * budget: the pages of our pools (kml_pages_alloc()) and the objects of the
 * real allocators (backends.c). The budget is a per-CPU counter, so that a
 * charge on an allocation path costs a this_cpu add, not a shared atomic;
 * only within KMEMLAB_BUDGET_BATCH * CPUs of the limit is it summed exactly.
 * Concurrent charges may overshoot the limit by at most one request each.
 */
static unsigned int max_pool_mb = 256;
module_param(max_pool_mb, uint, 0444);
MODULE_PARM_DESC(max_pool_mb,
		 "MiB the module may hold for its users: our page pools and objects of the real allocators (default 256, at most a quarter of RAM)");

#define KMEMLAB_BUDGET_BATCH	(256 * 1024)

static struct percpu_counter kmemlab_budget;
static u64 kmemlab_budget_max;
static atomic_long_t kmemlab_pool_pages = ATOMIC_LONG_INIT(0);
static atomic64_t kmemlab_budget_refusals = ATOMIC64_INIT(0);
static char kmemlab_budget_hint[128];

/**
 * kmemlab_budget_init() - set the budget up from max_pool_mb
 *
 * Return: 0, -EINVAL for max_pool_mb=0 (said in the kernel log), or
 * -ENOMEM.
 */
int kmemlab_budget_init(void)
{
	u64 quarter = (u64)totalram_pages() / 4 * PAGE_SIZE;

	if (!max_pool_mb) {
		pr_err("max_pool_mb=0: the module needs a budget of at least 1 MiB (default 256)\n");
		return -EINVAL;
	}
	kmemlab_budget_max = min_t(u64, (u64)max_pool_mb << 20, quarter);
	if (kmemlab_budget_max < (u64)max_pool_mb << 20)
		snprintf(kmemlab_budget_hint, sizeof(kmemlab_budget_hint),
			 "max_pool_mb=%u is capped at a quarter of RAM here (%llu MiB): more RAM raises it",
			 max_pool_mb, kmemlab_budget_max >> 20);
	else
		snprintf(kmemlab_budget_hint, sizeof(kmemlab_budget_hint),
			 "raise it by loading the module with max_pool_mb= above %u (at most a quarter of RAM, %llu MiB here)",
			 max_pool_mb, quarter >> 20);
	return percpu_counter_init(&kmemlab_budget, 0, GFP_KERNEL);
}

/**
 * kmemlab_budget_exit() - tear the budget down
 *
 * Everything charged must have been uncharged by now; what is left is a
 * leak of kmemlab and reported as an error.
 */
void kmemlab_budget_exit(void)
{
	s64 left = percpu_counter_sum(&kmemlab_budget);
	long pages = atomic_long_read(&kmemlab_pool_pages);

	if (left || pages)
		kmemlab_err("%lld bytes (%ld pool pages) still charged at exit\n",
			    left, pages);
	percpu_counter_destroy(&kmemlab_budget);
}

/**
 * kmemlab_charge() - reserve @bytes of the budget
 * @bytes: what is about to be allocated
 *
 * Return: true when the reservation fits; the caller then allocates and
 * calls kmemlab_uncharge() on failure or when it frees.
 */
bool kmemlab_charge(u64 bytes)
{
	if (unlikely(bytes > kmemlab_budget_max))
		goto out_refused;
	if (__percpu_counter_compare(&kmemlab_budget,
				     kmemlab_budget_max - bytes,
				     KMEMLAB_BUDGET_BATCH) > 0)
		goto out_refused;
	percpu_counter_add_batch(&kmemlab_budget, bytes, KMEMLAB_BUDGET_BATCH);
	return true;

out_refused:
	atomic64_inc(&kmemlab_budget_refusals);
	return false;
}

/**
 * kmemlab_uncharge() - give back what kmemlab_charge() reserved
 * @bytes: the same amount
 */
void kmemlab_uncharge(u64 bytes)
{
	percpu_counter_add_batch(&kmemlab_budget, -(s64)bytes,
				 KMEMLAB_BUDGET_BATCH);
}

/**
 * kmemlab_budget_used() - bytes charged now (exact sum)
 *
 * Return: the sum over all CPUs.
 */
u64 kmemlab_budget_used(void)
{
	return percpu_counter_sum_positive(&kmemlab_budget);
}

/**
 * kmemlab_budget_refused() - charges refused since the module was loaded
 *
 * Return: the count; the engine compares it around an allocation to tell
 * a budget that ran out from an allocator that failed.
 */
u64 kmemlab_budget_refused(void)
{
	return atomic64_read(&kmemlab_budget_refusals);
}

/**
 * kmemlab_budget_raise() - how to raise the limit, for replies
 *
 * Return: one phrase naming max_pool_mb and its cap.
 */
const char *kmemlab_budget_raise(void)
{
	return kmemlab_budget_hint;
}

/**
 * kmemlab_budget_limit() - the effective limit in bytes
 *
 * Return: max_pool_mb MiB, capped at a quarter of RAM.
 */
u64 kmemlab_budget_limit(void)
{
	return kmemlab_budget_max;
}

/* --- fault injection -------------------------------------------------------- */

/*
 * The page source (and, with where=meta, kml_zalloc()) fails the calls
 * kml_fault_decide() picks: module parameters at load, the debugfs file
 * `fault` afterwards (kmemlab_fault_write()). The settings are read without
 * a lock: a call racing with a write sees the old or the new value of each
 * field, which is all a test needs.
 */
static unsigned long fail_nth;
module_param(fail_nth, ulong, 0444);
MODULE_PARM_DESC(fail_nth,
		 "fault injection: fail every Nth page source allocation (0: off; debugfs kmemlab/fault at run time)");
static unsigned int fail_prob;
module_param(fail_prob, uint, 0444);
MODULE_PARM_DESC(fail_prob,
		 "fault injection: fail page source allocations with this probability in percent (0..100)");
static bool fail_meta;
module_param(fail_meta, bool, 0444);
MODULE_PARM_DESC(fail_meta,
		 "fault injection: fail metadata allocations too (where=pages+meta)");

static struct kml_fault_cfg kmemlab_fault;
static atomic64_t kmemlab_fault_calls[KML_FAULT_NR_SITES];
static atomic64_t kmemlab_fault_hits[KML_FAULT_NR_SITES];
static atomic64_t kmemlab_fault_total = ATOMIC64_INIT(0);
static DEFINE_MUTEX(kmemlab_fault_lock);	/* serialises writers */

/**
 * kmemlab_fault_init() - apply the fail_* module parameters
 *
 * Return: 0, or -EINVAL for fail_prob above 100 (said in the kernel log).
 */
int kmemlab_fault_init(void)
{
	if (fail_prob > 100) {
		pr_err("fail_prob=%u: a percentage, 0..100\n", fail_prob);
		return -EINVAL;
	}
	kmemlab_fault.nth = fail_nth;
	kmemlab_fault.prob = fail_prob;
	kmemlab_fault.sites = 1u << KML_FAULT_PAGES;
	if (fail_meta)
		kmemlab_fault.sites |= 1u << KML_FAULT_META;
	if (fail_nth || fail_prob)
		pr_info("fault injection on: nth=%lu prob=%u%s\n", fail_nth,
			fail_prob, fail_meta ? " where=pages+meta" : "");
	return 0;
}

static bool kmemlab_fault_hit(unsigned int site)
{
	struct kml_fault_cfg c;
	u64 call;

	c.sites = READ_ONCE(kmemlab_fault.sites);
	c.nth = READ_ONCE(kmemlab_fault.nth);
	c.prob = READ_ONCE(kmemlab_fault.prob);
	if (likely(!c.nth && !c.prob))
		return false;
	c.seed = READ_ONCE(kmemlab_fault.seed);
	call = atomic64_inc_return(&kmemlab_fault_calls[site]);
	if (!kml_fault_decide(&c, site, call))
		return false;
	atomic64_inc(&kmemlab_fault_hits[site]);
	atomic64_inc(&kmemlab_fault_total);
	return true;
}

u64 kml_fault_injected(void)
{
	return atomic64_read(&kmemlab_fault_total);
}

/**
 * kmemlab_fault_render() - the debugfs file `fault`: settings and counters
 * @out: where to write the line (kml_fault_show())
 */
void kmemlab_fault_render(struct kml_out *out)
{
	u64 calls[KML_FAULT_NR_SITES], hits[KML_FAULT_NR_SITES];
	struct kml_fault_cfg c;
	unsigned int k;

	mutex_lock(&kmemlab_fault_lock);
	c = kmemlab_fault;
	for (k = 0; k < KML_FAULT_NR_SITES; k++) {
		calls[k] = atomic64_read(&kmemlab_fault_calls[k]);
		hits[k] = atomic64_read(&kmemlab_fault_hits[k]);
	}
	mutex_unlock(&kmemlab_fault_lock);
	kml_fault_show(&c, calls, hits, out);
}

/**
 * kmemlab_fault_write() - new settings from the debugfs file `fault`
 * @buf: the text written (kml_fault_parse())
 * @len: its length
 *
 * Resets the per-site counters. Return: 0, or -EINVAL (the reason in the
 * kernel log, nothing changed).
 */
int kmemlab_fault_write(const char *buf, size_t len)
{
	struct kml_fault_cfg c;
	char err[160];
	unsigned int k;
	int ret;

	mutex_lock(&kmemlab_fault_lock);
	c = kmemlab_fault;
	ret = kml_fault_parse(&c, buf, len, err, sizeof(err));
	if (ret) {
		mutex_unlock(&kmemlab_fault_lock);
		pr_info("fault: %s\n", err);
		return ret;
	}
	/* off first, so that no call sees a half-written setting */
	WRITE_ONCE(kmemlab_fault.nth, 0);
	WRITE_ONCE(kmemlab_fault.prob, 0);
	for (k = 0; k < KML_FAULT_NR_SITES; k++) {
		atomic64_set(&kmemlab_fault_calls[k], 0);
		atomic64_set(&kmemlab_fault_hits[k], 0);
	}
	WRITE_ONCE(kmemlab_fault.sites, c.sites);
	WRITE_ONCE(kmemlab_fault.seed, c.seed);
	WRITE_ONCE(kmemlab_fault.prob, c.prob);
	WRITE_ONCE(kmemlab_fault.nth, c.nth);
	mutex_unlock(&kmemlab_fault_lock);
	return 0;
}

/* --- page source ------------------------------------------------------------ */

void *kml_pages_alloc(unsigned int order)
{
	struct page *page;

	if (order > KML_MAX_ORDER)
		return NULL;
	if (kmemlab_fault_hit(KML_FAULT_PAGES))
		return NULL;
	if (!kmemlab_charge(PAGE_SIZE << order))
		return NULL;
	page = alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, order);
	if (!page) {
		kmemlab_uncharge(PAGE_SIZE << order);
		return NULL;
	}
	atomic_long_add(1L << order, &kmemlab_pool_pages);
	return page_address(page);
}

void kml_pages_free(void *addr, unsigned int order)
{
	if (KML_WARN_ON_ONCE(!addr || order > KML_MAX_ORDER))
		return;
	__free_pages(virt_to_page(addr), order);
	atomic_long_sub(1L << order, &kmemlab_pool_pages);
	kmemlab_uncharge(PAGE_SIZE << order);
}

/* --- regions ------------------------------------------------------------- */

void *kml_region_alloc(size_t bytes)
{
	size_t size = PAGE_ALIGN(bytes);
	void *addr;

	/* a region is pool memory: the page source's injection site */
	if (!size || kmemlab_fault_hit(KML_FAULT_PAGES) ||
	    !kmemlab_charge(size))
		return NULL;
	addr = __vmalloc(size, KMEMLAB_GFP_USER | __GFP_ZERO);
	if (!addr) {
		kmemlab_uncharge(size);
		return NULL;
	}
	atomic_long_add(size >> PAGE_SHIFT, &kmemlab_pool_pages);
	return addr;
}

void kml_region_free(void *addr, size_t bytes)
{
	size_t size = PAGE_ALIGN(bytes);

	if (!addr)
		return;
	vfree(addr);
	atomic_long_sub(size >> PAGE_SHIFT, &kmemlab_pool_pages);
	kmemlab_uncharge(size);
}

/* --- metadata memory and sleeping locks ----------------------------------- */

void *kml_zalloc(size_t size)
{
	if (kmemlab_fault_hit(KML_FAULT_META))
		return NULL;
	return kvzalloc(size, KMEMLAB_GFP_USER);
}

void kml_free(void *ptr)
{
	kvfree(ptr);
}

void kml_mutex_init(struct kml_mutex *m)
{
	lockdep_register_key(&m->key);
	mutex_init(&m->mutex);
	lockdep_set_class(&m->mutex, &m->key);
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
	lockdep_unregister_key(&m->key);
}

/**
 * kml_mutex_assert_held() - warn (on a lockdep kernel) unless @m is held
 * @m: the mutex
 */
void kml_mutex_assert_held(struct kml_mutex *m)
{
	lockdep_assert_held(&m->mutex);
}

unsigned int kml_nr_cpus(void)
{
	return min_t(unsigned int, nr_cpu_ids, KML_MAX_CPUS);
}

/* --- clock ------------------------------------------------------------------ */

DEFINE_STATIC_KEY_FALSE(kml_clock_cycles);

/* ns per tick, scaled by 2^32; 1.0 while the ticks are ktime nanoseconds. */
static u64 kml_ns_per_tick_q32 = 1ULL << 32;
static u64 kml_cycles_khz;

/* One measurement of get_cycles() against ktime over about @us. */
static u64 kmemlab_clock_measure(unsigned int us)
{
	u64 t0, t1, n0, n1;

	n0 = ktime_get_ns();
	t0 = get_cycles();
	usleep_range(us, us + us / 10);
	n1 = ktime_get_ns();
	t1 = get_cycles();
	if (!t0 || t1 <= t0 || n1 <= n0)
		return 0;
	return div64_u64((n1 - n0) << 32, t1 - t0);
}

/**
 * kmemlab_clock_calibrate() - measure get_cycles() against ktime
 *
 * Called once at module load, before anything is timed. Two measurements
 * of 10 ms each must agree within 1% and give a rate between 10 MHz and
 * 100 GHz, and on x86 the TSC must be constant-rate, or virtual (a
 * hypervisor's TSC does not follow frequency scaling); otherwise
 * kml_ticks() stays on ktime_get_ns() (clock "ktime").
 *
 * The kernel may still have marked the TSC unstable for timekeeping: under
 * qemu TCG the vCPUs' TSCs are not synchronised with each other. Deltas
 * taken on one CPU (runs use bound workers) remain good, and ktime there
 * reads the emulated HPET at a cost of microseconds per call, so the TSC
 * is kept and the context reports tsc_stable=0.
 */
void kmemlab_clock_calibrate(void)
{
	u64 a, b, diff;

	a = kmemlab_clock_measure(10000);
	b = kmemlab_clock_measure(10000);
	if (!a || !b)
		return;
	diff = a > b ? a - b : b - a;
	if (diff * 100 > a)
		return;
	/* q32 ns/tick: 100 ns (10 MHz) .. 0.01 ns (100 GHz). */
	if (b > (100ULL << 32) || b < (1ULL << 32) / 100)
		return;
#ifdef CONFIG_X86
	if (!boot_cpu_has(X86_FEATURE_CONSTANT_TSC) &&
	    !boot_cpu_has(X86_FEATURE_HYPERVISOR))
		return;
#endif
	kml_ns_per_tick_q32 = b;
	kml_cycles_khz = div64_u64(1000000ULL << 32, b);
	static_branch_enable(&kml_clock_cycles);
}

/**
 * kmemlab_clock_khz() - calibrated rate of get_cycles()
 *
 * Return: kHz, or 0 when the clock is ktime (nanoseconds).
 */
u64 kmemlab_clock_khz(void)
{
	return static_key_enabled(&kml_clock_cycles) ? kml_cycles_khz : 0;
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
	return static_key_enabled(&kml_clock_cycles) ? "tsc" : "ktime";
}

/* --- scheduling and debugging ------------------------------------------- */

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
