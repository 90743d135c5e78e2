// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's own allocators behind struct kml_backend, so that the engine
 * runs the same workloads against them as against ours: a real kmem_cache
 * ("kmem_cache", and "kmem_cache_bulk" through the bulk API), kmalloc,
 * alloc_pages and vmalloc.
 *
 * Facts a comparison must state, and how this file handles them:
 *  - Merging: SLUB aliases a new cache to a compatible existing one, which
 *    then never shows in /proc/slabinfo under its own name. Our caches are
 *    never merged: SLAB_NO_MERGE where it exists (6.5), before that a
 *    constructor (KML_F_CTOR) or else a usercopy region, which SLUB never
 *    aliases either (kmemlab_cache_create(), compat.h; the stats view
 *    names which, "unmergeable_by"). The views still check
 *    /sys/kernel/slab/<name> (a symlink when merged) and say so.
 *  - Zeroing: KML_F_ZERO adds __GFP_ZERO. Debian boots with init_on_alloc=1,
 *    which zeroes every object anyway, except in caches with a constructor.
 *  - Statistics: counts are per-CPU (no shared cache line on the fast path);
 *    bytes allocated is one atomic per instance so that its peak is exact.
 *    Bytes held from the page allocator are known only for a kmem_cache
 *    (its /proc/slabinfo row); for the others they are reported equal to
 *    bytes allocated, an approximation (kmalloc size classes share slabs
 *    with the rest of the kernel, vmalloc adds page tables and guard pages).
 *  - Every byte handed out is charged to the module's budget (max_pool_mb),
 *    so no command can push the machine into OOM; and every request is
 *    KMEMLAB_GFP_USER, so that under the machine's own memory pressure it
 *    fails (ENOMEM, counted) rather than calls the OOM killer. The gfp
 *    flags matter only once the allocator must reclaim: no fast path
 *    looks at them.
 *  - Ownership: destroy() must free every object still allocated (ops.h),
 *    and SLUB has no way to enumerate a cache's objects. So objects are
 *    recorded in an xarray keyed by address, but only those allocated
 *    outside runs: the interactive "alloc" commands, which run in the
 *    writer's process context. Run workers are kthreads; they free all
 *    they allocate before the run ends and pay nothing for tracking, so
 *    the latencies measured are those of the allocator alone. A free from
 *    any context erases the record while records exist. With KML_F_CHECK
 *    every object is recorded and a free of an unknown pointer is refused
 *    with -EINVAL. Objects live at destroy() without a record would be an
 *    engine bug: reported, and the cache leaked rather than destroyed
 *    (kmem_cache_destroy() on a non-empty cache WARNs).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/ctype.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/namei.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/uio.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/xarray.h>

#include "compat.h"
#include "ops.h"
#include "kmemlab.h"

/* "kmemlab-" + an instance name; SLUB keeps the name for sysfs. */
#define KMEMLAB_CACHE_NAME_MAX	64
/* Longest /proc/slabinfo line kept (rows are about 110 bytes). */
#define KMEMLAB_SLABINFO_LINE	256

enum kmemlab_real_kind {
	KMEMLAB_REAL_CACHE,
	KMEMLAB_REAL_BULK,
	KMEMLAB_REAL_KMALLOC,
	KMEMLAB_REAL_PAGES,
	KMEMLAB_REAL_VMALLOC,
};

/* Per-CPU event counts of one instance. */
struct kmemlab_real_pcpu {
	u64 allocs;		/* successful allocations */
	u64 frees;		/* successful frees */
	u64 failures;		/* allocations that returned NULL */
	u64 bad_frees;		/* frees refused (KML_F_CHECK) */
};

struct kmemlab_real {
	/* properties */
	enum kmemlab_real_kind kind;
	u32 inst_id;		/* the engine's instance id */
	u32 flags;		/* KML_F_* */
	gfp_t gfp;		/* flags of every allocation */
	u64 arena;		/* pool=: bytes handed out at most, 0 = none */
	struct zone *zone;	/* alloc_pages: where its pages come from */
	size_t size;		/* kmem_cache: object size */
	unsigned int align;	/* kmem_cache: alignment, 0 = default */
	struct kmem_cache *cache;	/* kmem_cache, kmem_cache_bulk */
	char cache_name[KMEMLAB_CACHE_NAME_MAX];
	const char *apart;	/* what keeps the cache unmerged */
	struct list_head unnamed;	/* on kmemlab_real_unnamed */

	/* statistics */
	struct kmemlab_real_pcpu __percpu *pcpu;
	atomic64_t bytes;	/* bytes handed out now */
	atomic64_t peak;	/* peak of @bytes */

	/* ownership: address >> 3 -> xa_mk_value(size) */
	struct xarray live;
	atomic_long_t nr_tracked;	/* entries in @live */
};

/* --- bookkeeping ------------------------------------------------------------ */

static size_t kmemlab_real_usable(void *priv, size_t size)
{
	struct kmemlab_real *r = priv;

	switch (r->kind) {
	case KMEMLAB_REAL_CACHE:
	case KMEMLAB_REAL_BULK:
		return r->size;
	case KMEMLAB_REAL_KMALLOC:
		return kmalloc_size_roundup(size);
	case KMEMLAB_REAL_PAGES:
		return PAGE_SIZE << get_order(size);
	case KMEMLAB_REAL_VMALLOC:
		return PAGE_ALIGN(size);
	}
	return 0;
}

static size_t kmemlab_real_max_size(void *priv)
{
	struct kmemlab_real *r = priv;

	switch (r->kind) {
	case KMEMLAB_REAL_CACHE:
	case KMEMLAB_REAL_BULK:
		return r->size;
	case KMEMLAB_REAL_KMALLOC:
		return KMALLOC_MAX_SIZE;
	case KMEMLAB_REAL_PAGES:
		return PAGE_SIZE << KML_MAX_ORDER;
	case KMEMLAB_REAL_VMALLOC:
		return kmemlab_budget_limit();
	}
	return 0;
}

/*
 * Reserve @bytes before an allocation: the module's budget, and the bytes
 * handed out, within the instance's arena (pool=) when it has one. false
 * when either is exhausted; nothing is then reserved.
 */
static bool kmemlab_real_reserve(struct kmemlab_real *r, u64 bytes)
{
	s64 now;

	if (!kmemlab_charge(bytes))
		return false;
	now = atomic64_add_return(bytes, &r->bytes);
	if (r->arena && now > r->arena) {
		atomic64_sub(bytes, &r->bytes);
		kmemlab_uncharge(bytes);
		return false;
	}
	return true;
}

/* Account @nr objects, reserved as @bytes in all, as handed out. */
static void kmemlab_real_account_alloc(struct kmemlab_real *r,
				       unsigned int nr)
{
	s64 now = atomic64_read(&r->bytes), peak;

	this_cpu_add(r->pcpu->allocs, nr);
	peak = atomic64_read(&r->peak);
	while (now > peak && !atomic64_try_cmpxchg(&r->peak, &peak, now))
		;
}

static void kmemlab_real_account_free(struct kmemlab_real *r, u64 bytes,
				      unsigned int nr)
{
	this_cpu_add(r->pcpu->frees, nr);
	atomic64_sub(bytes, &r->bytes);
	kmemlab_uncharge(bytes);
}

/* An allocation failed; @bytes were reserved for it (or 0). */
static void kmemlab_real_account_failure(struct kmemlab_real *r, u64 bytes)
{
	this_cpu_inc(r->pcpu->failures);
	if (!bytes)
		return;
	atomic64_sub(bytes, &r->bytes);
	kmemlab_uncharge(bytes);
}

static unsigned long kmemlab_real_key(const void *ptr)
{
	return (unsigned long)ptr >> 3;
}

/*
 * Whether to record the objects of this call: outside runs (process
 * context; run workers are kthreads), or always with KML_F_CHECK.
 */
static bool kmemlab_real_tracking(struct kmemlab_real *r)
{
	return !(current->flags & PF_KTHREAD) || (r->flags & KML_F_CHECK);
}

/*
 * Record a new object. Fails only when the xarray cannot get a node; the
 * caller then frees the object and reports a failure.
 */
static int kmemlab_real_track(struct kmemlab_real *r, void *ptr, size_t size)
{
	int ret;

	if (!kmemlab_real_tracking(r))
		return 0;
	ret = xa_err(xa_store(&r->live, kmemlab_real_key(ptr),
			      xa_mk_value(size), GFP_KERNEL | __GFP_NOWARN));
	if (!ret)
		atomic_long_inc(&r->nr_tracked);
	return ret;
}

/*
 * Forget an object. With KML_F_CHECK, -EINVAL when it is not recorded or
 * was allocated with another size, and then nothing changes. Without, an
 * object without a record is one a run allocated: fine.
 */
static int kmemlab_real_untrack(struct kmemlab_real *r, void *ptr,
				size_t size)
{
	unsigned long key = kmemlab_real_key(ptr);
	bool check = r->flags & KML_F_CHECK;
	void *entry;

	if (!check && !atomic_long_read(&r->nr_tracked))
		return 0;
	xa_lock(&r->live);
	entry = xa_load(&r->live, key);
	if (check && (!entry || xa_to_value(entry) != size)) {
		xa_unlock(&r->live);
		this_cpu_inc(r->pcpu->bad_frees);
		return -EINVAL;
	}
	if (entry) {
		__xa_erase(&r->live, key);
		atomic_long_dec(&r->nr_tracked);
	}
	xa_unlock(&r->live);
	return 0;
}

/* --- allocation ------------------------------------------------------------ */

/* The allocator call itself, without bookkeeping. */
static void *kmemlab_real_get(struct kmemlab_real *r, size_t size)
{
	struct page *page;
	unsigned int order;

	switch (r->kind) {
	case KMEMLAB_REAL_CACHE:
	case KMEMLAB_REAL_BULK:
		if (unlikely(!r->cache))
			return NULL;	/* not named yet: cannot happen */
		return kmem_cache_alloc(r->cache, r->gfp);
	case KMEMLAB_REAL_KMALLOC:
		return kmalloc(size, r->gfp);
	case KMEMLAB_REAL_PAGES:
		order = get_order(size);
		page = alloc_pages(r->gfp | (order ? __GFP_NORETRY : 0),
				   order);
		return page ? page_address(page) : NULL;
	case KMEMLAB_REAL_VMALLOC:
		return __vmalloc(size, r->gfp);
	}
	return NULL;
}

static void kmemlab_real_put(struct kmemlab_real *r, void *ptr, size_t size)
{
	switch (r->kind) {
	case KMEMLAB_REAL_CACHE:
	case KMEMLAB_REAL_BULK:
		kmem_cache_free(r->cache, ptr);
		break;
	case KMEMLAB_REAL_KMALLOC:
		kfree(ptr);
		break;
	case KMEMLAB_REAL_PAGES:
		__free_pages(virt_to_page(ptr), get_order(size));
		break;
	case KMEMLAB_REAL_VMALLOC:
		vfree(ptr);
		break;
	}
}

/*
 * alloc() in three parts (struct kml_split), so that a run times the
 * allocator's call alone: the budget and the arena before it, the object
 * record and the counters after it.
 */
static int kmemlab_real_alloc_begin(void *priv, size_t size)
{
	struct kmemlab_real *r = priv;

	if (unlikely(!size || size > kmemlab_real_max_size(r) ||
		     !kmemlab_real_reserve(r, kmemlab_real_usable(r, size)))) {
		kmemlab_real_account_failure(r, 0);
		return -ENOMEM;
	}
	return 0;
}

/*
 * The kernel's kmem:* events name their caller (call_site), which
 * 'kmemlab trace' uses to tell the module's objects from the rest: this
 * file is built without sibling calls (Kbuild), so the call site is this
 * function, not the engine's caller of a tail jump.
 */
static void *kmemlab_real_alloc_call(void *priv, size_t size)
{
	return kmemlab_real_get(priv, size);
}

static void *kmemlab_real_alloc_end(void *priv, void *ptr, size_t size)
{
	struct kmemlab_real *r = priv;
	size_t usable = kmemlab_real_usable(r, size);

	if (unlikely(!ptr)) {
		kmemlab_real_account_failure(r, usable);
		return NULL;
	}
	if (unlikely(kmemlab_real_track(r, ptr, size))) {
		kmemlab_real_put(r, ptr, size);
		kmemlab_real_account_failure(r, usable);
		return NULL;
	}
	kmemlab_real_account_alloc(r, 1);
	return ptr;
}

static void *kmemlab_real_alloc(void *priv, size_t size)
{
	if (kmemlab_real_alloc_begin(priv, size))
		return NULL;
	return kmemlab_real_alloc_end(priv, kmemlab_real_get(priv, size),
				      size);
}

static void kmemlab_real_alloc_cancel(void *priv, size_t size)
{
	struct kmemlab_real *r = priv;
	u64 usable = kmemlab_real_usable(r, size);

	atomic64_sub(usable, &r->bytes);
	kmemlab_uncharge(usable);
}

/* free() in three parts: the record, the call, the counters. */
static int kmemlab_real_free_begin(void *priv, void *ptr, size_t size)
{
	struct kmemlab_real *r = priv;

	if (unlikely(!ptr)) {
		this_cpu_inc(r->pcpu->bad_frees);
		return -EINVAL;
	}
	return kmemlab_real_untrack(r, ptr, size);
}

static void kmemlab_real_free_call(void *priv, void *ptr, size_t size)
{
	kmemlab_real_put(priv, ptr, size);
}

static void kmemlab_real_free_end(void *priv, size_t size)
{
	struct kmemlab_real *r = priv;

	kmemlab_real_account_free(r, kmemlab_real_usable(r, size), 1);
}

static int kmemlab_real_free(void *priv, void *ptr, size_t size)
{
	int ret = kmemlab_real_free_begin(priv, ptr, size);

	if (ret)
		return ret;
	kmemlab_real_put(priv, ptr, size);
	kmemlab_real_free_end(priv, size);
	return 0;
}

static const struct kml_split kmemlab_real_split = {
	.alloc_begin	= kmemlab_real_alloc_begin,
	.alloc_call	= kmemlab_real_alloc_call,
	.alloc_end	= kmemlab_real_alloc_end,
	.alloc_cancel	= kmemlab_real_alloc_cancel,
	.free_begin	= kmemlab_real_free_begin,
	.free_call	= kmemlab_real_free_call,
	.free_end	= kmemlab_real_free_end,
};

static unsigned int kmemlab_real_alloc_bulk(void *priv, size_t size,
					    unsigned int nr, void **ptrs)
{
	struct kmemlab_real *r = priv;
	u64 bytes = (u64)r->size * nr;
	unsigned int i;

	if (unlikely(!nr))
		return 0;
	if (unlikely(!r->cache || size > r->size ||
		     !kmemlab_real_reserve(r, bytes))) {
		kmemlab_real_account_failure(r, 0);
		return 0;
	}
	/* 6.1 is all or nothing: nr objects, or 0 and nothing allocated. */
	if (unlikely(!kmem_cache_alloc_bulk(r->cache, r->gfp, nr, ptrs))) {
		kmemlab_real_account_failure(r, bytes);
		return 0;
	}
	for (i = 0; i < nr; i++) {
		if (unlikely(kmemlab_real_track(r, ptrs[i], size))) {
			while (i--)
				kmemlab_real_untrack(r, ptrs[i], size);
			kmem_cache_free_bulk(r->cache, nr, ptrs);
			kmemlab_real_account_failure(r, bytes);
			return 0;
		}
	}
	kmemlab_real_account_alloc(r, nr);
	return nr;
}

static void kmemlab_real_free_bulk(void *priv, size_t size, unsigned int nr,
				   void **ptrs)
{
	struct kmemlab_real *r = priv;
	unsigned int i, done = 0;

	if (!(r->flags & KML_F_CHECK) && !atomic_long_read(&r->nr_tracked)) {
		kmem_cache_free_bulk(r->cache, nr, ptrs);
		kmemlab_real_account_free(r, (u64)r->size * nr, nr);
		return;
	}
	/* Refused pointers are left out; the rest go back in one call. */
	for (i = 0; i < nr; i++)
		if (ptrs[i] && !kmemlab_real_untrack(r, ptrs[i], size))
			ptrs[done++] = ptrs[i];
	if (done) {
		kmem_cache_free_bulk(r->cache, done, ptrs);
		kmemlab_real_account_free(r, (u64)r->size * done, done);
	}
}

/* --- /proc/slabinfo -------------------------------------------------------- */

/*
 * Read from an opened /proc file. kernel_read() needs ->read_iter, which
 * /proc/slabinfo lacks in 6.1 (its proc_ops have .proc_read = seq_read);
 * its private_data is the seq_file slabinfo_open() made, so read it the
 * way seq_read() does, through seq_read_iter() into a kernel buffer.
 */
static ssize_t kmemlab_proc_read(struct file *file, void *buf, size_t len,
				 loff_t *pos)
{
	struct kvec kv = { .iov_base = buf, .iov_len = len };
	struct iov_iter iter;
	struct kiocb kiocb;
	ssize_t ret;

	if (file->f_op->read_iter)
		return kernel_read(file, buf, len, pos);
	init_sync_kiocb(&kiocb, file);
	kiocb.ki_pos = *pos;
	iov_iter_kvec(&iter, READ, &kv, 1, len);
	ret = seq_read_iter(&kiocb, &iter);
	if (ret > 0)
		*pos = kiocb.ki_pos;
	return ret;
}

/* What kmemlab_slabinfo_read() finds: the header and the cache's row. */
struct kmemlab_slabinfo {
	char header[2][KMEMLAB_SLABINFO_LINE];
	char row[KMEMLAB_SLABINFO_LINE];
	bool found;
	unsigned long active_objs, num_objs, objsize, objperslab;
	unsigned long pagesperslab, active_slabs, num_slabs;
};

static void kmemlab_slabinfo_line(struct kmemlab_slabinfo *si,
				  const char *name, const char *line,
				  size_t len, unsigned int lineno)
{
	size_t nlen = strlen(name);
	char *dst;

	if (lineno < 2) {
		dst = si->header[lineno];
	} else {
		if (si->found || len <= nlen || memcmp(line, name, nlen) ||
		    line[nlen] != ' ')
			return;
		si->found = true;
		dst = si->row;
	}
	len = min_t(size_t, len, KMEMLAB_SLABINFO_LINE - 1);
	memcpy(dst, line, len);
	dst[len] = '\0';
}

/**
 * kmemlab_slabinfo_read() - find a cache's row in /proc/slabinfo
 * @name: the cache name, e.g. "kmemlab-dentries"
 * @si: filled with the two header lines and the row (si->found)
 *
 * Reads the file as root reads it (it is 0400), through the caller's view
 * of /proc; may sleep.
 *
 * Return: 0 (si->found says whether the row exists) or a negative errno
 * when the file cannot be read.
 */
static int kmemlab_slabinfo_read(const char *name, struct kmemlab_slabinfo *si)
{
	size_t have = 0, start, i;
	unsigned int lineno = 0;
	struct file *file;
	loff_t pos = 0;
	ssize_t n;
	char *buf;
	int ret = 0;

	memset(si, 0, sizeof(*si));
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	file = filp_open("/proc/slabinfo", O_RDONLY, 0);
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		goto out_free_buf;
	}
	for (;;) {
		n = kmemlab_proc_read(file, buf + have, PAGE_SIZE - have, &pos);
		if (n < 0) {
			ret = n;
			break;
		}
		if (!n)
			break;
		have += n;
		for (start = 0, i = 0; i < have; i++) {
			if (buf[i] != '\n')
				continue;
			kmemlab_slabinfo_line(si, name, buf + start,
					      i - start, lineno++);
			start = i + 1;
		}
		/* A line longer than the buffer cannot be a slabinfo row. */
		if (!start && have == PAGE_SIZE) {
			ret = -EFBIG;
			break;
		}
		memmove(buf, buf + start, have - start);
		have -= start;
	}
	filp_close(file, NULL);
	if (!ret && si->found &&
	    sscanf(si->row + strlen(name),
		   " %lu %lu %lu %lu %lu : tunables %*u %*u %*u : slabdata %lu %lu",
		   &si->active_objs, &si->num_objs, &si->objsize,
		   &si->objperslab, &si->pagesperslab, &si->active_slabs,
		   &si->num_slabs) != 7)
		ret = -EPROTO;
out_free_buf:
	kfree(buf);
	return ret;
}

/*
 * Whether SLUB merged the cache: /sys/kernel/slab/<name> is then a symlink
 * to the cache it was aliased to. 1 merged, 0 not, negative errno unknown.
 */
static int kmemlab_cache_merged(const char *name)
{
	char path[32 + KMEMLAB_CACHE_NAME_MAX];
	struct path p;
	int ret;

	snprintf(path, sizeof(path), "/sys/kernel/slab/%s", name);
	ret = kern_path(path, 0, &p);
	if (ret)
		return ret;
	ret = d_is_symlink(p.dentry);
	path_put(&p);
	return ret;
}

/* --- views and statistics ---------------------------------------------------- */

/*
 * The instance's own counters, with bytes held approximated by bytes
 * allocated: all validate() and destroy() need, without reading
 * /proc/slabinfo.
 */
static void kmemlab_real_counts(struct kmemlab_real *r,
				struct kml_alloc_stats *st)
{
	int cpu;

	memset(st, 0, sizeof(*st));
	for_each_possible_cpu(cpu) {
		struct kmemlab_real_pcpu *pc = per_cpu_ptr(r->pcpu, cpu);

		st->allocs += READ_ONCE(pc->allocs);
		st->frees += READ_ONCE(pc->frees);
		st->failures += READ_ONCE(pc->failures);
		st->bad_frees += READ_ONCE(pc->bad_frees);
	}
	st->bytes_allocated = atomic64_read(&r->bytes);
	st->peak_allocated = atomic64_read(&r->peak);
	st->bytes_held = st->bytes_allocated;
	st->peak_held = st->peak_allocated;
}

/*
 * The zone's free lists as one buddyinfo row of KML_NR_ORDERS orders, read
 * under the zone lock as /proc/buddyinfo reads them. A kernel with orders
 * above ours has its higher blocks folded into our top order (2^(o - top)
 * blocks each): free pages and the blocks that serve a request are kept.
 */
#ifdef MAX_PAGE_ORDER		/* 6.8 and later: the highest order */
#define KMEMLAB_ZONE_ORDERS	(MAX_PAGE_ORDER + 1)
#else				/* 6.3 and before: the number of orders */
#define KMEMLAB_ZONE_ORDERS	MAX_ORDER
#endif

static void kmemlab_zone_free_area(struct zone *zone,
				   struct kml_free_area *fa)
{
	unsigned long flags;
	unsigned int o;

	memset(fa, 0, sizeof(*fa));
	spin_lock_irqsave(&zone->lock, flags);
	for (o = 0; o < KMEMLAB_ZONE_ORDERS; o++) {
		unsigned long n = zone->free_area[o].nr_free;

		if (o <= KML_MAX_ORDER)
			fa->nr_free[o] += n;
		else
			fa->nr_free[KML_MAX_ORDER] += n << (o - KML_MAX_ORDER);
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	fa->pool_pages = zone_managed_pages(zone);
	fa->shared = true;
	strscpy(fa->name, zone->name, sizeof(fa->name));
}

/* alloc_pages: the free lists of the zone its pages come from. */
static int kmemlab_real_free_area(void *priv, struct kml_free_area *fa)
{
	struct kmemlab_real *r = priv;
	struct zone *zone = READ_ONCE(r->zone);

	if (!zone)
		return -ENOENT;
	kmemlab_zone_free_area(zone, fa);
	return 0;
}

/*
 * With pool= an instance has an arena: a quota of bytes handed out. Its
 * free memory is what is left of the quota; the largest request it could
 * serve is that (object caches, vmalloc) or, for alloc_pages, the largest
 * block both the quota and the zone's free lists have.
 */
static void kmemlab_real_arena(struct kmemlab_real *r,
			       struct kml_alloc_stats *st)
{
	struct kml_free_area *fa;
	u64 left, block = 0;
	int o;

	if (!r->arena)
		return;
	left = r->arena > st->bytes_allocated ?
	       r->arena - st->bytes_allocated : 0;
	st->arena = true;
	st->arena_free = left;
	st->arena_largest = min_t(u64, left, kmemlab_real_max_size(r));
	if (r->kind != KMEMLAB_REAL_PAGES || !r->zone)
		return;
	fa = kmalloc(sizeof(*fa), GFP_KERNEL);
	if (!fa)
		return;
	kmemlab_zone_free_area(r->zone, fa);
	for (o = KML_MAX_ORDER; o >= 0 && !block; o--)
		if (fa->nr_free[o] && (PAGE_SIZE << o) <= left)
			block = PAGE_SIZE << o;
	kfree(fa);
	st->arena_largest = block;
}

static void kmemlab_real_stats(void *priv, struct kml_alloc_stats *st)
{
	struct kmemlab_real *r = priv;
	struct kmemlab_slabinfo *si;

	kmemlab_real_counts(r, st);
	/*
	 * kmalloc's size classes are shared with the whole kernel: which of
	 * their pages this run took cannot be known (docs/metrics.md).
	 */
	if (r->kind == KMEMLAB_REAL_KMALLOC) {
		st->bytes_held = 0;
		st->peak_held = 0;
		st->held_na = true;
	}
	kmemlab_real_arena(r, st);
	if (!r->cache)
		return;

	/* A real cache: what its slabs hold, from its /proc/slabinfo row. */
	si = kmalloc(sizeof(*si), GFP_KERNEL);
	if (!si)
		return;
	if (!kmemlab_slabinfo_read(r->cache_name, si) && si->found) {
		st->bytes_held = (u64)si->num_slabs * si->pagesperslab *
				 PAGE_SIZE;
		st->peak_held = max(st->peak_held, st->bytes_held);
		st->total_free = (u64)(si->num_objs - si->active_objs) *
				 si->objsize;
		st->largest_free = st->total_free ? si->objsize : 0;
		st->free_slots = true;
	}
	kfree(si);
}

static const char * const kmemlab_real_kind_names[] = {
	[KMEMLAB_REAL_CACHE]	= "kmem_cache",
	[KMEMLAB_REAL_BULK]	= "kmem_cache_bulk",
	[KMEMLAB_REAL_KMALLOC]	= "kmalloc",
	[KMEMLAB_REAL_PAGES]	= "alloc_pages",
	[KMEMLAB_REAL_VMALLOC]	= "vmalloc",
};

static_assert(ARRAY_SIZE(kmemlab_real_kind_names) ==
	      KMEMLAB_REAL_VMALLOC + 1);

/*
 * What only the backend knows; the engine prints the counters of struct
 * kml_alloc_stats itself, just above.
 */
static int kmemlab_real_show_stats(struct kmemlab_real *r,
				   struct kml_out *out)
{
	int merged;

	if (r->cache) {
		merged = kmemlab_cache_merged(r->cache_name);
		kml_out_printf(out, "cache %s\n", r->cache_name);
		kml_out_printf(out, "object_size %zu\n", r->size);
		kml_out_printf(out, "merged %s\n", merged < 0 ? "unknown" :
			       merged ? "yes" : "no");
		kml_out_printf(out, "unmergeable_by %s\n", r->apart);
		kml_out_printf(out, "ctor %s\n",
			       r->flags & KML_F_CTOR ? "yes" : "no");
	}
	kml_out_printf(out, "zero_on_alloc %s\n",
		       r->gfp & __GFP_ZERO ? "gfp_zero" :
		       want_init_on_alloc(GFP_KERNEL) &&
		       !(r->flags & KML_F_CTOR) ? "init_on_alloc" : "no");
	kml_out_printf(out, "tracked %s\n",
		       r->flags & KML_F_CHECK ? "all" : "outside_runs");
	kml_out_printf(out, "tracked_now %ld\n",
		       atomic_long_read(&r->nr_tracked));
	kml_out_printf(out, "bytes_held_source %s\n",
		       r->cache ? "proc_slabinfo" : "approx_bytes_allocated");
	return 0;
}

static int kmemlab_real_show_slabinfo(struct kmemlab_real *r,
				      struct kml_out *out)
{
	struct kmemlab_slabinfo *si;
	int ret;

	if (!r->cache)
		return -ENOENT;
	si = kmalloc(sizeof(*si), GFP_KERNEL);
	if (!si)
		return -ENOMEM;
	ret = kmemlab_slabinfo_read(r->cache_name, si);
	if (!ret) {
		/* Byte for byte what /proc/slabinfo shows, header included. */
		kml_out_printf(out, "%s\n%s\n", si->header[0], si->header[1]);
		if (si->found)
			kml_out_printf(out, "%s\n", si->row);
	}
	kfree(si);
	return ret;
}

static int kmemlab_real_show(void *priv, enum kml_view view,
			     struct kml_out *out)
{
	struct kmemlab_real *r = priv;

	switch (view) {
	case KML_VIEW_STATS:
		return kmemlab_real_show_stats(r, out);
	case KML_VIEW_SLABINFO:
		return kmemlab_real_show_slabinfo(r, out);
	default:
		return -ENOENT;
	}
}

static unsigned int kmemlab_real_validate(void *priv)
{
	struct kmemlab_real *r = priv;
	struct kml_alloc_stats st;
	unsigned int bad = 0;

	kmemlab_real_counts(r, &st);
	if (st.frees > st.allocs)
		bad++;
	if (st.bytes_allocated > st.peak_allocated)
		bad++;
	if (st.allocs == st.frees ? st.bytes_allocated : !st.bytes_allocated)
		bad++;
	return bad;
}

static int kmemlab_real_shrink(void *priv)
{
	struct kmemlab_real *r = priv;

	return r->cache ? kmem_cache_shrink(r->cache) : 0;
}

/* --- create and destroy ------------------------------------------------------ */

/*
 * A real cache is named after its instance ("kmemlab-<name>"), but create()
 * gets only the instance id: the engine tells the name to the host right
 * after (kml_host.instance_added), and the host passes it on to
 * kmemlab_backends_name(), which creates the cache. Until then the
 * instance waits on this list; nothing can allocate from it meanwhile
 * because both happen within the one create command.
 */
static LIST_HEAD(kmemlab_real_unnamed);
static DEFINE_MUTEX(kmemlab_real_lock);

/* Constructor of KML_F_CTOR caches: runs once per object per new slab. */
static void kmemlab_real_ctor(void *obj)
{
	*(unsigned long *)obj = 0;
}

static int kmemlab_real_check_cache_params(struct kmemlab_real *r,
					   const struct kml_params *p)
{
	r->size = p->size ? p->size : 64;
	r->align = p->align;
	/*
	 * Half of SLUB's largest slab, so that a constructor's free pointer
	 * or the debug metadata still fit: above, kmem_cache_create() fails
	 * with a stack dump in the kernel log.
	 */
	if (r->size > KMALLOC_MAX_SIZE / 2 || r->align > PAGE_SIZE ||
	    (r->align && !is_power_of_2(r->align)))
		return -EINVAL;
	/* SLUB WARNs on __GFP_ZERO in a cache with a constructor. */
	if ((r->flags & KML_F_CTOR) && (r->flags & KML_F_ZERO))
		return -EINVAL;
	if ((r->flags & KML_F_CTOR) && r->size < sizeof(unsigned long))
		return -EINVAL;
	return 0;
}

/* Instance names become file names in sysfs and rows of /proc/slabinfo. */
static bool kmemlab_cache_name_ok(const char *name)
{
	if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (; *name; name++)
		if (!isalnum(*name) && !strchr("_-.", *name))
			return false;
	return true;
}

static int kmemlab_real_create_cache(struct kmemlab_real *r,
				     const char *name)
{
	slab_flags_t sflags = 0;
	int n;

	if (!kmemlab_cache_name_ok(name))
		return -EINVAL;
	n = snprintf(r->cache_name, sizeof(r->cache_name), "kmemlab-%s",
		     name);
	if (n >= sizeof(r->cache_name))
		return -ENAMETOOLONG;
	if (r->flags & KML_F_REDZONE)
		sflags |= SLAB_RED_ZONE;
	if (r->flags & KML_F_POISON)
		sflags |= SLAB_POISON;

	/*
	 * A second cache of the same name would make SLUB's sysfs WARN:
	 * refuse while one exists (e.g. one leaked after an engine bug).
	 */
	if (kmemlab_cache_merged(r->cache_name) >= 0)
		return -EEXIST;

	r->cache = kmemlab_cache_create(r->cache_name, r->size, r->align,
					sflags, r->flags & KML_F_CTOR ?
					kmemlab_real_ctor : NULL, &r->apart);
	return r->cache ? 0 : -ENOMEM;
}

/**
 * kmemlab_backends_name() - an instance got its name: create its cache
 * @id: the instance id create() got
 * @name: the engine's instance name
 *
 * Called from the host's instance_added hook for every new instance; does
 * nothing for instances that are not real caches.
 *
 * Return: 0, or a negative errno that makes the create fail.
 */
int kmemlab_backends_name(u32 id, const char *name)
{
	struct kmemlab_real *r, *found = NULL;
	int ret;

	mutex_lock(&kmemlab_real_lock);
	list_for_each_entry(r, &kmemlab_real_unnamed, unnamed) {
		if (r->inst_id == id) {
			found = r;
			list_del_init(&r->unnamed);
			break;
		}
	}
	mutex_unlock(&kmemlab_real_lock);
	if (!found)
		return 0;
	ret = kmemlab_real_create_cache(found, name);
	if (ret)
		found->cache_name[0] = '\0';
	return ret;
}

/*
 * The zone alloc_pages serves this instance from: that of a page taken
 * with the instance's flags (the first zone of the local node's zonelist
 * that has free pages, where the run's pages come from too).
 */
static int kmemlab_real_find_zone(struct kmemlab_real *r)
{
	struct page *page = alloc_page(r->gfp);

	if (!page)
		return -ENOMEM;
	r->zone = page_zone(page);
	__free_page(page);
	return 0;
}

static int kmemlab_real_create(enum kmemlab_real_kind kind,
			       const struct kml_params *p, u32 inst_id,
			       void **priv)
{
	bool cache = kind == KMEMLAB_REAL_CACHE || kind == KMEMLAB_REAL_BULK;
	u32 allowed = KML_F_ZERO | KML_F_CHECK;
	struct kmemlab_real *r;
	int ret;

	if (cache)
		allowed |= KML_F_REDZONE | KML_F_POISON | KML_F_CTOR;
	else if (p->size || p->align ||
		 (kind == KMEMLAB_REAL_VMALLOC && p->order))
		return -EINVAL;
	if (p->flags & ~allowed)
		return -EINVAL;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	r->kind = kind;
	r->inst_id = inst_id;
	r->flags = p->flags;
	r->gfp = KMEMLAB_GFP_USER;
	if (p->flags & KML_F_ZERO)
		r->gfp |= __GFP_ZERO;
	r->arena = p->pool_bytes;
	if (kind == KMEMLAB_REAL_PAGES) {
		ret = kmemlab_real_find_zone(r);
		if (ret)
			goto out_free_real;
	}
	INIT_LIST_HEAD(&r->unnamed);
	atomic64_set(&r->bytes, 0);
	atomic64_set(&r->peak, 0);
	xa_init(&r->live);
	atomic_long_set(&r->nr_tracked, 0);
	if (cache) {
		ret = kmemlab_real_check_cache_params(r, p);
		if (ret)
			goto out_free_real;
	}
	r->pcpu = alloc_percpu(struct kmemlab_real_pcpu);
	if (!r->pcpu) {
		ret = -ENOMEM;
		goto out_free_real;
	}
	if (cache) {
		mutex_lock(&kmemlab_real_lock);
		list_add(&r->unnamed, &kmemlab_real_unnamed);
		mutex_unlock(&kmemlab_real_lock);
	}
	*priv = r;
	return 0;

out_free_real:
	kfree(r);
	return ret;
}

static void kmemlab_real_destroy(void *priv)
{
	struct kmemlab_real *r = priv;
	struct kml_alloc_stats st;
	unsigned long key;
	void *entry;
	u64 live;

	mutex_lock(&kmemlab_real_lock);
	list_del(&r->unnamed);
	mutex_unlock(&kmemlab_real_lock);

	/* Whatever is still recorded goes back first. */
	xa_for_each(&r->live, key, entry) {
		size_t size = xa_to_value(entry);

		kmemlab_real_put(r, (void *)(key << 3), size);
		kmemlab_real_account_free(r, kmemlab_real_usable(r, size), 1);
	}
	xa_destroy(&r->live);

	kmemlab_real_counts(r, &st);
	live = st.allocs - st.frees;
	if (live) {
		/* Untracked objects we cannot find: an engine bug. */
		kmemlab_err("%s instance %u destroyed with %llu live objects; leaking them\n",
			    kmemlab_real_kind_names[r->kind], r->inst_id, live);
		kmemlab_uncharge(st.bytes_allocated);
	} else {
		kmem_cache_destroy(r->cache);
	}
	free_percpu(r->pcpu);
	kfree(r);
}

/* --- the ops tables ---------------------------------------------------------- */

static void kmemlab_real_peak_reset(void *priv)
{
	struct kmemlab_real *r = priv;

	atomic64_set(&r->peak, atomic64_read(&r->bytes));
}

/*
 * size=0 would be taken as "the default" (64): refuse it, a cache of
 * 0-byte objects is not what was asked for. The constructor writes a word
 * into every object.
 */
static int kmemlab_real_cache_check(const struct kml_params *p, u32 given,
				    struct kml_out *why)
{
	if ((given & KML_PKB(SIZE)) && !p->size) {
		kml_out_printf(why,
			       "size=0: a cache needs objects of at least 1 byte (leave size= out for the default 64)");
		return -EINVAL;
	}
	if ((p->flags & KML_F_CTOR) && (given & KML_PKB(SIZE)) && p->size < 8) {
		kml_out_printf(why,
			       "size=%u: ctor=1 needs objects of at least 8 bytes (the constructor writes a word)",
			       p->size);
		return -EINVAL;
	}
	return 0;
}

/* Every real backend takes zero=, check= and an arena (pool=). */
#define KMEMLAB_REAL_KEYS	(KML_PKB(ZERO) | KML_PKB(CHECK) | KML_PKB(POOL))

/* A real cache takes what kmem_cache_create() can be given. */
#define KMEMLAB_REAL_CACHE_KEYS						\
	.caps = KML_CAP_FREE_SLOTS,					\
	.keys = KML_PKB(SIZE) | KML_PKB(ALIGN) | KML_PKB(ZERO) |	\
		KML_PKB(REDZONE) | KML_PKB(POISON) | KML_PKB(CHECK) |	\
		KML_PKB(CTOR) | KML_PKB(POOL),				\
	.check = kmemlab_real_cache_check

#define KMEMLAB_REAL_COMMON						\
	.ours = false,							\
	.destroy = kmemlab_real_destroy,				\
	.alloc = kmemlab_real_alloc,					\
	.free = kmemlab_real_free,					\
	.usable = kmemlab_real_usable,					\
	.max_size = kmemlab_real_max_size,				\
	.stats = kmemlab_real_stats,					\
	.split = &kmemlab_real_split,					\
	.peak_reset = kmemlab_real_peak_reset,				\
	.validate = kmemlab_real_validate,				\
	.show = kmemlab_real_show

/*
 * One real backend: its create(), which passes the kind on (all that
 * differs), and its ops table kmemlab_backend_<id>; the variable arguments
 * are the members only some kinds have.
 */
#define KMEMLAB_REAL_BACKEND(id, kind, bname, bdesc, bfamily, ...)	\
static int kmemlab_##id##_create_inst(const struct kml_params *p,	\
				      u32 inst_id, void **priv)		\
{									\
	return kmemlab_real_create(kind, p, inst_id, priv);		\
}									\
static const struct kml_backend kmemlab_backend_##id = {		\
	.name = bname,							\
	.desc = bdesc,							\
	.family = bfamily,						\
	.create = kmemlab_##id##_create_inst,				\
	KMEMLAB_REAL_COMMON,						\
	__VA_ARGS__							\
}

KMEMLAB_REAL_BACKEND(kmem_cache, KMEMLAB_REAL_CACHE, "kmem_cache",
		     "real kmem_cache named kmemlab-<instance> (SLUB)",
		     KML_FAMILY_OBJECT, KMEMLAB_REAL_CACHE_KEYS,
		     .shrink = kmemlab_real_shrink);
KMEMLAB_REAL_BACKEND(kmem_cache_bulk, KMEMLAB_REAL_BULK, "kmem_cache_bulk",
		     "real kmem_cache through kmem_cache_alloc_bulk/free_bulk",
		     KML_FAMILY_OBJECT, KMEMLAB_REAL_CACHE_KEYS,
		     .shrink = kmemlab_real_shrink,
		     .alloc_bulk = kmemlab_real_alloc_bulk,
		     .free_bulk = kmemlab_real_free_bulk);
KMEMLAB_REAL_BACKEND(kmalloc, KMEMLAB_REAL_KMALLOC, "kmalloc",
		     "real kmalloc/kfree (kmalloc-* size classes)",
		     KML_FAMILY_OBJECT, .keys = KMEMLAB_REAL_KEYS);
KMEMLAB_REAL_BACKEND(alloc_pages, KMEMLAB_REAL_PAGES, "alloc_pages",
		     "real alloc_pages/__free_pages at the order of the size",
		     KML_FAMILY_PAGE, .keys = KMEMLAB_REAL_KEYS,
		     .free_area = kmemlab_real_free_area);
KMEMLAB_REAL_BACKEND(vmalloc, KMEMLAB_REAL_VMALLOC, "vmalloc",
		     "real vmalloc/vfree", KML_FAMILY_PAGE,
		     .keys = KMEMLAB_REAL_KEYS);

static const struct kml_backend *const kmemlab_real_backends[] = {
	&kmemlab_backend_kmem_cache,
	&kmemlab_backend_kmem_cache_bulk,
	&kmemlab_backend_kmalloc,
	&kmemlab_backend_alloc_pages,
	&kmemlab_backend_vmalloc,
};

static_assert(ARRAY_SIZE(kmemlab_real_kind_names) ==
	      ARRAY_SIZE(kmemlab_real_backends));

/**
 * kmemlab_backends_register() - register the kernel's allocators
 *
 * Return: 0 or a negative errno; nothing stays registered on failure.
 */
int kmemlab_backends_register(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(kmemlab_real_backends); i++) {
		ret = kml_backend_register(kmemlab_real_backends[i]);
		if (ret)
			goto out_unregister;
	}
	return 0;

out_unregister:
	while (i--)
		kml_backend_unregister(kmemlab_real_backends[i]);
	return ret;
}

/**
 * kmemlab_backends_unregister() - undo kmemlab_backends_register()
 */
void kmemlab_backends_unregister(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kmemlab_real_backends); i++)
		kml_backend_unregister(kmemlab_real_backends[i]);
}
