// SPDX-License-Identifier: GPL-2.0
/*
 * The userspace platform for the cores: aligned mmap() pages, per-thread
 * CPU slots, a calibrated TSC clock, counted warnings, ASan poisoning.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "platform.h"
#include "fault.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KML_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define KML_ASAN 1
#endif
#ifdef KML_ASAN
#include <sanitizer/asan_interface.h>
#endif

/* --- fault injection ------------------------------------------------------ */

/*
 * The simulator's copy of the kernel's fault injection (module/kernel/
 * platform.c): same settings, same decisions (kml_fault_decide()), set by
 * kml_sim_fault_set() (KMEMLAB_SIM_FAULT for the CLI, or a unit test).
 */
static struct kml_fault_cfg kml_sim_fault;
static u64 kml_sim_fault_calls[KML_FAULT_NR_SITES];
static u64 kml_sim_fault_hits[KML_FAULT_NR_SITES];
static u64 kml_sim_fault_total;

int kml_sim_fault_set(const char *settings, char *err, size_t errsz)
{
	struct kml_fault_cfg c = kml_sim_fault;
	unsigned int k;
	int ret;

	if (!c.sites)
		c.sites = 1u << KML_FAULT_PAGES;
	ret = kml_fault_parse(&c, settings, strlen(settings), err, errsz);
	if (ret)
		return ret;
	WRITE_ONCE(kml_sim_fault.nth, 0);
	WRITE_ONCE(kml_sim_fault.prob, 0);
	for (k = 0; k < KML_FAULT_NR_SITES; k++) {
		__atomic_store_n(&kml_sim_fault_calls[k], 0, __ATOMIC_RELAXED);
		__atomic_store_n(&kml_sim_fault_hits[k], 0, __ATOMIC_RELAXED);
	}
	WRITE_ONCE(kml_sim_fault.sites, c.sites);
	WRITE_ONCE(kml_sim_fault.seed, c.seed);
	WRITE_ONCE(kml_sim_fault.prob, c.prob);
	WRITE_ONCE(kml_sim_fault.nth, c.nth);
	return 0;
}

void kml_sim_fault_show(struct kml_out *out)
{
	u64 calls[KML_FAULT_NR_SITES], hits[KML_FAULT_NR_SITES];
	struct kml_fault_cfg c = kml_sim_fault;
	unsigned int k;

	if (!c.sites)
		c.sites = 1u << KML_FAULT_PAGES;
	for (k = 0; k < KML_FAULT_NR_SITES; k++) {
		calls[k] = __atomic_load_n(&kml_sim_fault_calls[k],
					   __ATOMIC_RELAXED);
		hits[k] = __atomic_load_n(&kml_sim_fault_hits[k],
					  __ATOMIC_RELAXED);
	}
	kml_fault_show(&c, calls, hits, out);
}

static bool kml_sim_fault_hit(unsigned int site)
{
	struct kml_fault_cfg c;
	u64 call;

	c.nth = READ_ONCE(kml_sim_fault.nth);
	c.prob = READ_ONCE(kml_sim_fault.prob);
	if (likely(!c.nth && !c.prob))
		return false;
	c.sites = READ_ONCE(kml_sim_fault.sites);
	c.seed = READ_ONCE(kml_sim_fault.seed);
	call = __atomic_add_fetch(&kml_sim_fault_calls[site], 1,
				  __ATOMIC_RELAXED);
	if (!kml_fault_decide(&c, site, call))
		return false;
	__atomic_add_fetch(&kml_sim_fault_hits[site], 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&kml_sim_fault_total, 1, __ATOMIC_RELAXED);
	return true;
}

u64 kml_fault_injected(void)
{
	return __atomic_load_n(&kml_sim_fault_total, __ATOMIC_RELAXED);
}

/* --- page source ---------------------------------------------------------- */

static unsigned long kml_pages_used;
static unsigned long kml_pages_cap;

void kml_sim_page_limit(unsigned long pages)
{
	kml_pages_cap = pages;
}

unsigned long kml_sim_pages_in_use(void)
{
	return __atomic_load_n(&kml_pages_used, __ATOMIC_RELAXED);
}

void *kml_pages_alloc(unsigned int order)
{
	size_t size, span;
	unsigned long nr;
	char *raw, *aligned;

	if (order > KML_MAX_ORDER || kml_sim_fault_hit(KML_FAULT_PAGES))
		return NULL;
	nr = 1UL << order;
	if (kml_pages_cap &&
	    __atomic_add_fetch(&kml_pages_used, nr, __ATOMIC_RELAXED) >
	    kml_pages_cap) {
		__atomic_sub_fetch(&kml_pages_used, nr, __ATOMIC_RELAXED);
		return NULL;
	}
	if (!kml_pages_cap)
		__atomic_add_fetch(&kml_pages_used, nr, __ATOMIC_RELAXED);

	/* Over-map, then trim so the block is aligned to its own size. */
	size = nr << KML_PAGE_SHIFT;
	span = size * 2 - KML_PAGE_SIZE;
	raw = mmap(NULL, span, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED) {
		__atomic_sub_fetch(&kml_pages_used, nr, __ATOMIC_RELAXED);
		return NULL;
	}
	aligned = (char *)(((uintptr_t)raw + size - 1) & ~(uintptr_t)(size - 1));
	if (aligned > raw)
		munmap(raw, aligned - raw);
	if (aligned + size < raw + span)
		munmap(aligned + size, raw + span - (aligned + size));
	return aligned;
}

void kml_pages_free(void *addr, unsigned int order)
{
	size_t size = (size_t)KML_PAGE_SIZE << order;

	kml_unpoison(addr, size);
	munmap(addr, size);
	__atomic_sub_fetch(&kml_pages_used, 1UL << order, __ATOMIC_RELAXED);
}

/* --- regions -------------------------------------------------------------- */

void *kml_region_alloc(size_t bytes)
{
	size_t size = (bytes + KML_PAGE_SIZE - 1) & ~(size_t)(KML_PAGE_SIZE - 1);
	unsigned long nr = size >> KML_PAGE_SHIFT;
	void *addr;

	/* a region is pool memory: the page source's injection site */
	if (!size || kml_sim_fault_hit(KML_FAULT_PAGES))
		return NULL;
	if (__atomic_add_fetch(&kml_pages_used, nr, __ATOMIC_RELAXED) >
	    kml_pages_cap && kml_pages_cap) {
		__atomic_sub_fetch(&kml_pages_used, nr, __ATOMIC_RELAXED);
		return NULL;
	}
	addr = mmap(NULL, size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (addr == MAP_FAILED) {
		__atomic_sub_fetch(&kml_pages_used, nr, __ATOMIC_RELAXED);
		return NULL;
	}
	return addr;
}

void kml_region_free(void *addr, size_t bytes)
{
	size_t size = (bytes + KML_PAGE_SIZE - 1) & ~(size_t)(KML_PAGE_SIZE - 1);

	if (!addr)
		return;
	kml_unpoison(addr, size);
	munmap(addr, size);
	__atomic_sub_fetch(&kml_pages_used, size >> KML_PAGE_SHIFT,
			   __ATOMIC_RELAXED);
}

/* --- metadata ------------------------------------------------------------- */

void *kml_zalloc(size_t size)
{
	if (kml_sim_fault_hit(KML_FAULT_META))
		return NULL;
	return calloc(1, size);
}

void kml_free(void *ptr)
{
	free(ptr);
}

/* --- sleeping locks ------------------------------------------------------ */

void kml_mutex_init(struct kml_mutex *m)
{
	pthread_mutex_init(&m->mutex, NULL);
}

void kml_mutex_lock(struct kml_mutex *m)
{
	pthread_mutex_lock(&m->mutex);
	m->owner = pthread_self();
	WRITE_ONCE(m->held, true);
}

void kml_mutex_unlock(struct kml_mutex *m)
{
	WRITE_ONCE(m->held, false);
	pthread_mutex_unlock(&m->mutex);
}

void kml_mutex_assert_held(struct kml_mutex *m)
{
	KML_WARN_ON_ONCE(!READ_ONCE(m->held) ||
			 !pthread_equal(m->owner, pthread_self()));
}

void kml_mutex_destroy(struct kml_mutex *m)
{
	pthread_mutex_destroy(&m->mutex);
}

/* --- per-CPU slots -------------------------------------------------------- */

__thread int kml_thread_slot = -1;
static unsigned int kml_slots_nr;
static bool kml_slot_busy[KML_MAX_CPUS];
static pthread_mutex_t kml_slot_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_key_t kml_slot_key;
static pthread_once_t kml_slot_once = PTHREAD_ONCE_INIT;

void kml_sim_set_nr_cpus(unsigned int nr)
{
	if (nr < 1)
		nr = 1;
	if (nr > KML_MAX_CPUS)
		nr = KML_MAX_CPUS;
	kml_slots_nr = nr;
}

unsigned int kml_nr_cpus(void)
{
	if (!kml_slots_nr) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		kml_sim_set_nr_cpus(n > 0 ? (unsigned int)n : 1);
	}
	return kml_slots_nr;
}

void kml_sim_release_slot(void)
{
	if (kml_thread_slot < 0)
		return;
	pthread_mutex_lock(&kml_slot_mutex);
	kml_slot_busy[kml_thread_slot] = false;
	pthread_mutex_unlock(&kml_slot_mutex);
	kml_thread_slot = -1;
}

static void kml_slot_destructor(void *unused)
{
	kml_sim_release_slot();
}

static void kml_slot_key_init(void)
{
	pthread_key_create(&kml_slot_key, kml_slot_destructor);
}

unsigned int kml_cpu_claim_slot(void)
{
	unsigned int i, nr = kml_nr_cpus();

	pthread_once(&kml_slot_once, kml_slot_key_init);
	pthread_mutex_lock(&kml_slot_mutex);
	for (i = 0; i < nr; i++) {
		if (!kml_slot_busy[i]) {
			kml_slot_busy[i] = true;
			kml_thread_slot = (int)i;
			break;
		}
	}
	pthread_mutex_unlock(&kml_slot_mutex);
	if (kml_thread_slot < 0) {
		fprintf(stderr,
			"kmemlab: sim: more threads than CPU slots (%u)\n", nr);
		abort();
	}
	pthread_setspecific(kml_slot_key, (void *)1);
	return (unsigned int)kml_thread_slot;
}

/* --- clock ---------------------------------------------------------------- */

static u64 kml_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

#if !defined(__x86_64__)
u64 kml_ticks(void)
{
	return kml_mono_ns();
}
#endif

/* ns per tick, scaled by 2^32, measured once against CLOCK_MONOTONIC_RAW. */
static u64 kml_ns_per_tick_q32;

static void kml_clock_calibrate(void)
{
#if defined(__x86_64__)
	u64 t0, n0, t1, n1;
	struct timespec pause = { 0, 20 * 1000 * 1000 };

	n0 = kml_mono_ns();
	t0 = kml_ticks();
	nanosleep(&pause, NULL);
	n1 = kml_mono_ns();
	t1 = kml_ticks();
	if (t1 > t0)
		kml_ns_per_tick_q32 = ((n1 - n0) << 32) / (t1 - t0);
	else
		kml_ns_per_tick_q32 = 1ULL << 32;
#else
	kml_ns_per_tick_q32 = 1ULL << 32;
#endif
}

u64 kml_ticks_to_ns(u64 ticks)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, kml_clock_calibrate);
	return (u64)(((unsigned __int128)ticks * kml_ns_per_tick_q32) >> 32);
}

const char *kml_clock_name(void)
{
#if defined(__x86_64__)
	return "tsc";
#else
	return "monotonic";
#endif
}

void kml_cond_resched(void)
{
}

/* --- warnings, poisoning, trace counters --------------------------------- */

static unsigned long kml_warnings;

void kml_warn_report(const char *file, int line, const char *cond)
{
	__atomic_add_fetch(&kml_warnings, 1, __ATOMIC_RELAXED);
	if (file)
		fprintf(stderr, "kmemlab: WARNING: %s:%d: %s\n", file, line,
			cond);
}

unsigned long kml_warn_count(void)
{
	return __atomic_load_n(&kml_warnings, __ATOMIC_RELAXED);
}

void kml_poison(const void *addr, size_t size)
{
#ifdef KML_ASAN
	ASAN_POISON_MEMORY_REGION(addr, size);
#else
	(void)addr;
	(void)size;
#endif
}

void kml_unpoison(const void *addr, size_t size)
{
#ifdef KML_ASAN
	ASAN_UNPOISON_MEMORY_REGION(addr, size);
#else
	(void)addr;
	(void)size;
#endif
}

bool kml_trace_on;
u64 kml_trace_counts[KML_TRACE_NR];
