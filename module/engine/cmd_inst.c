// SPDX-License-Identifier: GPL-2.0
/*
 * The commands on instances: create, destroy, reset, alloc, free,
 * handles, shrink and validate. docs/interface.md is the reference; every
 * error leaves one line "error: VERB: reason" and changes nothing.
 */
#include "engine_priv.h"
#include "heap.h"
#include "slab.h"

/* --- create -------------------------------------------------------------- */

enum kml_ckey {
	KML_CK_POOL, KML_CK_SIZE, KML_CK_ALIGN, KML_CK_HEADER, KML_CK_BASE,
	KML_CK_MIN_SPLIT, KML_CK_ORDER, KML_CK_LIST, KML_CK_ZERO, KML_CK_PCP,
	KML_CK_REDZONE, KML_CK_POISON, KML_CK_CHECK, KML_CK_CTOR,
	KML_CK_COALESCE, KML_CK_MIN_PARTIAL, KML_CK_NR,
};

static const char * const kml_list_words[] = {
	"addr", "size-asc", "size-desc", "lifo", "fifo", NULL,
};

static const struct kml_keyspec kml_create_keys[KML_CK_NR] = {
	[KML_CK_POOL]	= { "pool", KML_KT_NUM, 0, KML_POOL_MAX },
	[KML_CK_SIZE]	= { "size", KML_KT_NUM, 0, KML_OBJ_MAX },
	[KML_CK_ALIGN]	= { "align", KML_KT_NUM, 0, KML_PAGE_SIZE },
	[KML_CK_HEADER]	= { "header", KML_KT_NUM, 0, 4096 },
	[KML_CK_BASE]	= { "base", KML_KT_NUM, 0, 1ULL << 56 },
	[KML_CK_MIN_SPLIT] = { "min_split", KML_KT_NUM, 0, KML_OBJ_MAX },
	[KML_CK_ORDER]	= { "order", KML_KT_NUM, 0, KML_MAX_ORDER },
	[KML_CK_LIST]	= { "list", KML_KT_ENUM, 0, 0, kml_list_words },
	[KML_CK_ZERO]	= { "zero", KML_KT_BOOL },
	[KML_CK_PCP]	= { "pcp", KML_KT_BOOL },
	[KML_CK_REDZONE] = { "redzone", KML_KT_BOOL },
	[KML_CK_POISON]	= { "poison", KML_KT_BOOL },
	[KML_CK_CHECK]	= { "check", KML_KT_BOOL },
	[KML_CK_CTOR]	= { "ctor", KML_KT_BOOL },
	[KML_CK_COALESCE] = { "coalesce", KML_KT_BOOL },
	[KML_CK_MIN_PARTIAL] = { "min_partial", KML_KT_NUM, 0, 1024 },
};

#define KML_CKB(k)	(1u << KML_CK_##k)

#define KML_CK_REAL_CACHE (KML_CKB(SIZE) | KML_CKB(ALIGN) | KML_CKB(ZERO) | \
			   KML_CKB(REDZONE) | KML_CKB(POISON) | \
			   KML_CKB(CHECK) | KML_CKB(CTOR))
#define KML_CK_REAL_PLAIN (KML_CKB(ZERO) | KML_CKB(CHECK))

/*
 * Which create keys each backend takes (docs/interface.md, "create"):
 * exactly the parameters its create() honours, so that a key it would
 * refuse or silently ignore is an error that names it. Our backends are
 * in module/core, the kernel's in module/kernel/backends.c, the
 * simulator's userspace allocators (which take no parameters) in
 * userspace/sim/user_backends.c.
 */
static const struct {
	const char *backend;
	u32 keys;
} kml_backend_keys[] = {
	{ "buddy", KML_CKB(POOL) | KML_CKB(ZERO) | KML_CKB(PCP) |
		   KML_CKB(CHECK) },
	{ "slab", KML_CKB(POOL) | KML_CKB(SIZE) | KML_CKB(ALIGN) |
		  KML_CKB(ZERO) | KML_CKB(PCP) | KML_CKB(REDZONE) |
		  KML_CKB(POISON) | KML_CKB(CHECK) | KML_CKB(CTOR) |
		  KML_CKB(MIN_PARTIAL) },
	{ "segregated", KML_CKB(POOL) | KML_CKB(ALIGN) | KML_CKB(HEADER) |
			KML_CKB(BASE) | KML_CKB(MIN_SPLIT) | KML_CKB(ZERO) |
			KML_CKB(CHECK) | KML_CKB(COALESCE) },
	{ "bump", KML_CKB(POOL) | KML_CKB(ALIGN) | KML_CKB(BASE) |
		  KML_CKB(ZERO) },
	{ "kmem_cache", KML_CK_REAL_CACHE },
	{ "kmem_cache_bulk", KML_CK_REAL_CACHE },
	{ "kmalloc", KML_CK_REAL_PLAIN },
	{ "alloc_pages", KML_CK_REAL_PLAIN },
	{ "vmalloc", KML_CK_REAL_PLAIN },
	{ "glibc", 0 },
	{ "jemalloc", 0 },
	{ "tcmalloc", 0 },
	{ "mimalloc", 0 },
};

/* Keys by family when the backend is not in the table above. */
static u32 kml_family_keys(const struct kml_backend *be)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kml_backend_keys); i++)
		if (!strcmp(kml_backend_keys[i].backend, be->name))
			return kml_backend_keys[i].keys;
	switch (be->family) {
	case KML_FAMILY_HEAP:		/* the fit heaps */
		return KML_CKB(POOL) | KML_CKB(ALIGN) | KML_CKB(HEADER) |
		       KML_CKB(BASE) | KML_CKB(MIN_SPLIT) | KML_CKB(LIST) |
		       KML_CKB(ZERO) | KML_CKB(CHECK) | KML_CKB(COALESCE);
	case KML_FAMILY_PAGE:
		return KML_CKB(ORDER) | KML_CKB(ZERO);
	default:
		return KML_CKB(SIZE) | KML_CKB(ALIGN) | KML_CKB(ZERO) |
		       KML_CKB(CTOR);
	}
}

static void kml_print_keys(struct kml_out *o, u32 mask)
{
	unsigned int k;
	bool first = true;

	for (k = 0; k < KML_CK_NR; k++) {
		if (!(mask & (1u << k)))
			continue;
		kml_out_printf(o, "%s%s", first ? "" : " ",
			       kml_create_keys[k].name);
		first = false;
	}
	if (first)
		kml_out_printf(o, "none");
}

static bool kml_key_given(const struct kml_session *s, enum kml_ckey k)
{
	return s->kv_seen & (1ULL << k);
}

static bool kml_be_is(const struct kml_backend *be, const char *name)
{
	return !strcmp(be->name, name);
}

/*
 * Zeroing: zero= when given, else the platform's default; but a backend
 * that does not take zero= never zeroes, and ctor=1 turns the default off
 * (*@by_ctor), as SLUB's init_on_alloc skips caches with a constructor:
 * the constructor initialises an object once per slab, and zeroing it on
 * every allocation would undo that. An explicit zero=1 ctor=1 is refused.
 */
static int kml_create_zero(struct kml_session *s, u32 allowed, bool *zero,
			   bool *by_ctor)
{
	const u64 *v = s->kv_num;

	*by_ctor = false;
	if (!(allowed & KML_CKB(ZERO))) {
		*zero = false;
		return 0;
	}
	if (kml_key_given(s, KML_CK_ZERO)) {
		*zero = v[KML_CK_ZERO];
		if (*zero && v[KML_CK_CTOR])
			return kml_cmd_err(s, -EINVAL,
					   "zero=1 and ctor=1 exclude each other: the constructor initialises objects once per slab and zeroing on alloc would undo it (SLUB skips init_on_alloc for such caches); drop zero= or ctor=");
		return 0;
	}
	*zero = s->e->host->zero_default;
	if (*zero && v[KML_CK_CTOR]) {
		*zero = false;
		*by_ctor = true;
	}
	return 0;
}

/*
 * Limits of a backend's create() that the engine can check itself, so that
 * the reply names the key (kept in step with the backends' create()).
 */
static int kml_create_limits(struct kml_session *s,
			     const struct kml_backend *be)
{
	const u64 *v = s->kv_num;
	const struct kml_tok *raw = s->kv_raw;

	if (kml_be_is(be, "slab")) {
		if (v[KML_CK_SIZE] > KML_SLAB_MAX_SIZE)
			return kml_cmd_err(s, -E2BIG,
					   "size=%s: above the bound %u of backend 'slab'",
					   kml_tok_show(s, &raw[KML_CK_SIZE]),
					   KML_SLAB_MAX_SIZE);
		if (!v[KML_CK_SIZE] && v[KML_CK_ALIGN])
			return kml_cmd_err(s, -EINVAL,
					   "align= needs size= (the kmalloc classes of backend 'slab' have their own alignment)");
		if (!v[KML_CK_SIZE] && v[KML_CK_CTOR])
			return kml_cmd_err(s, -EINVAL,
					   "ctor=1 needs size= (the kmalloc classes of backend 'slab' have no constructor)");
	}
	if ((kml_be_is(be, "kmem_cache") || kml_be_is(be, "kmem_cache_bulk")) &&
	    v[KML_CK_CTOR] && kml_key_given(s, KML_CK_SIZE) &&
	    v[KML_CK_SIZE] < 8)
		return kml_cmd_err(s, -EINVAL,
				   "size=%s: ctor=1 needs objects of at least 8 bytes (the constructor writes a word)",
				   kml_tok_show(s, &raw[KML_CK_SIZE]));
	if (be->ours && be->family == KML_FAMILY_HEAP) {
		if (v[KML_CK_POOL] > KML_HEAP_MAX_REGION)
			return kml_cmd_err(s, -E2BIG,
					   "pool=%s: above the bound %llu of a teaching heap",
					   kml_tok_show(s, &raw[KML_CK_POOL]),
					   (unsigned long long)KML_HEAP_MAX_REGION);
		if (v[KML_CK_POOL] && v[KML_CK_HEADER] >= v[KML_CK_POOL])
			return kml_cmd_err(s, -EINVAL,
					   "header=%s: not below the region size pool=%s",
					   kml_tok_show(s, &raw[KML_CK_HEADER]),
					   kml_tok_show(s, &raw[KML_CK_POOL]));
	}
	return 0;
}

/*
 * A create() the engine could not foresee failed: say which parameters it
 * got (the keys given, and zeroing when it came from the default).
 */
static int kml_create_refused(struct kml_session *s,
			      const struct kml_backend *be, int ret,
			      bool zero)
{
	bool zero_dflt = zero && !kml_key_given(s, KML_CK_ZERO);
	char given[256];
	struct kml_out o;
	unsigned int k, n = 0;

	if (ret >= 0)
		ret = -EINVAL;
	kml_out_init(&o, given, sizeof(given));
	for (k = 0; k < KML_CK_NR; k++) {
		if (!kml_key_given(s, k))
			continue;
		kml_out_printf(&o, "%s%s=%s", n++ ? " " : "",
			       kml_create_keys[k].name,
			       kml_tok_show(s, &s->kv_raw[k]));
	}
	if (zero_dflt)
		kml_out_printf(&o, "%szero=1 (the default)", n++ ? " " : "");
	/* exactly one key given and nothing defaulted: that key it was */
	if (n == 1 && !zero_dflt)
		return kml_cmd_err(s, ret, "backend '%s' refused %s (%s)",
				   be->name, given, kml_errname(ret));
	return kml_cmd_err(s, ret,
			   "backend '%s' refused the parameters (%s; given: %s)",
			   be->name, kml_errname(ret), n ? given : "no keys");
}

int kml_cmd_create(struct kml_session *s)
{
	struct kml_engine *e = s->e;
	const struct kml_backend *be;
	struct kml_instance *in = NULL;
	struct kml_params p = { 0 };
	char bname[KML_NAME_MAX + 1];
	u32 allowed, k;
	u64 *v = s->kv_num;
	bool zero, zero_by_ctor;
	int ret;

	if (s->nr_tok < 3)
		return kml_cmd_err(s, -EINVAL,
				   "usage: create NAME BACKEND [key=value ...]");
	if (!kml_name_valid(&s->tok[1]))
		return kml_cmd_err(s, -EINVAL,
				   "bad name '%s' (1-%u of a-z 0-9 _ -)",
				   kml_tok_show(s, &s->tok[1]), KML_NAME_MAX);
	be = NULL;
	if (s->tok[2].len <= KML_NAME_MAX) {
		kml_tok_copy(bname, sizeof(bname), &s->tok[2]);
		be = kml_backend_find(bname);
	}
	if (!be)
		return kml_cmd_err(s, -ENOENT,
				   "unknown backend '%s' (see 'backends')",
				   kml_tok_show(s, &s->tok[2]));
	ret = kml_parse_keys(s, 3, kml_create_keys, KML_CK_NR);
	if (ret)
		return ret;
	allowed = kml_family_keys(be);
	for (k = 0; k < KML_CK_NR; k++) {
		char keys[200];
		struct kml_out o;

		if (!(s->kv_seen & (1ULL << k)) || (allowed & (1u << k)))
			continue;
		kml_out_init(&o, keys, sizeof(keys));
		kml_print_keys(&o, allowed);
		return kml_cmd_err(s, -EINVAL,
				   "backend '%s' does not take %s= (it takes: %s)",
				   be->name, kml_create_keys[k].name, keys);
	}
	if (v[KML_CK_ALIGN] & (v[KML_CK_ALIGN] - 1))
		return kml_cmd_err(s, -EINVAL,
				   "align=%s: not a power of two",
				   kml_tok_show(s, &s->kv_raw[KML_CK_ALIGN]));
	ret = kml_create_limits(s, be);
	if (ret)
		return ret;
	ret = kml_create_zero(s, allowed, &zero, &zero_by_ctor);
	if (ret)
		return ret;
	if (kml_inst_find_tok(e, &s->tok[1]))
		return kml_cmd_err(s, -EEXIST, "instance '%s' exists",
				   kml_tok_show(s, &s->tok[1]));
	if (e->nr_instances >= KML_MAX_INSTANCES)
		return kml_cmd_err(s, -ENOSPC, "already %u instances",
				   KML_MAX_INSTANCES);

	p.pool_bytes = v[KML_CK_POOL];
	p.size = (u32)v[KML_CK_SIZE];
	p.align = (u32)v[KML_CK_ALIGN];
	p.header = (u32)v[KML_CK_HEADER];
	p.base = v[KML_CK_BASE];
	p.min_split = (u32)v[KML_CK_MIN_SPLIT];
	p.order = (u32)v[KML_CK_ORDER];
	p.min_partial = (u32)v[KML_CK_MIN_PARTIAL];
	p.list_order = (s->kv_seen & KML_CKB(LIST)) ?
		       (enum kml_heap_order)v[KML_CK_LIST] : KML_ORDER_ADDR;
	if (zero)
		p.flags |= KML_F_ZERO;
	if ((s->kv_seen & KML_CKB(PCP)) && !v[KML_CK_PCP])
		p.flags |= KML_F_NO_PCP;
	if (v[KML_CK_REDZONE])
		p.flags |= KML_F_REDZONE;
	if (v[KML_CK_POISON])
		p.flags |= KML_F_POISON;
	if (v[KML_CK_CHECK])
		p.flags |= KML_F_CHECK;
	if (v[KML_CK_CTOR])
		p.flags |= KML_F_CTOR;
	if ((s->kv_seen & KML_CKB(COALESCE)) && !v[KML_CK_COALESCE])
		p.flags |= KML_F_NO_COALESCE;

	in = kml_zalloc(sizeof(*in));
	if (!in)
		return kml_cmd_err(s, -ENOMEM, "out of memory");
	kml_tok_copy(in->name, sizeof(in->name), &s->tok[1]);
	in->id = e->next_id;	/* taken only if the create succeeds */
	in->be = be;
	in->params = p;
	kml_list_init(&in->node);
	ret = be->create(&p, in->id, &in->priv);
	if (ret) {
		kml_free(in);
		return kml_create_refused(s, be, ret, zero);
	}
	if (e->host->instance_added) {
		ret = e->host->instance_added(e->host->priv, in->name, in->id);
		if (ret) {
			be->destroy(in->priv);
			kml_free(in);
			return kml_cmd_err(s, ret < 0 ? ret : -ENOMEM,
					   "the host could not add instance '%s' (%s)",
					   kml_tok_show(s, &s->tok[1]),
					   kml_errname(ret));
		}
	}
	kml_mutex_lock(&e->state_lock);
	kml_list_add_tail(&in->node, &e->instances);
	e->nr_instances++;
	e->next_id++;
	kml_mutex_unlock(&e->state_lock);
	kml_out_printf(&s->out,
		       "created instance=%s backend=%s family=%s id=%u zero=%u%s\n",
		       in->name, be->name, kml_family_name(be->family), in->id,
		       zero ? 1 : 0, zero_by_ctor ? " zero_reason=ctor" : "");
	return 0;
}

static int kml_arg_inst(struct kml_session *s, unsigned int i, bool idle,
			struct kml_instance **inp)
{
	struct kml_instance *in = kml_inst_find_tok(s->e, &s->tok[i]);

	if (!in)
		return kml_cmd_err(s, -ENOENT,
				   "no instance '%s' (see 'instances')",
				   kml_tok_show(s, &s->tok[i]));
	if (idle && in->busy)
		return kml_cmd_err(s, -EBUSY, "instance '%s' is busy in a run",
				   in->name);
	*inp = in;
	return 0;
}

int kml_cmd_destroy(struct kml_session *s)
{
	struct kml_instance *in = NULL;
	char name[KML_NAME_MAX + 1];
	u32 live;
	int ret;

	if (s->nr_tok != 2)
		return kml_cmd_err(s, -EINVAL, "usage: destroy NAME");
	ret = kml_arg_inst(s, 1, true, &in);
	if (ret)
		return ret;
	memcpy(name, in->name, sizeof(name));
	live = kml_inst_destroy(s->e, in);
	kml_out_printf(&s->out, "destroyed instance=%s freed_handles=%u\n",
		       name, live);
	return 0;
}

/* Forget every handle of @in after the backend freed or reset them. */
static void kml_handles_forget(struct kml_instance *in)
{
	if (in->handles)
		memset(in->handles, 0,
		       KML_MAX_HANDLES * sizeof(in->handles[0]));
	in->nr_live = 0;
	in->req_now = 0;
	in->usable_now = 0;
}

int kml_cmd_reset(struct kml_session *s)
{
	struct kml_engine *e = s->e;
	struct kml_instance *in = NULL;
	u32 nr_inst, nr_tr, freed = 0, i;
	int ret;

	if (s->nr_tok == 1) {
		if (e->run)
			return kml_cmd_err(s, -EBUSY, "a run is in progress");
		kml_engine_clear_locked(e, &nr_inst, &nr_tr);
		kml_out_printf(&s->out, "reset instances=%u traces=%u\n",
			       nr_inst, nr_tr);
		return 0;
	}
	if (s->nr_tok != 2)
		return kml_cmd_err(s, -EINVAL, "usage: reset [NAME]");
	ret = kml_arg_inst(s, 1, true, &in);
	if (ret)
		return ret;
	kml_mutex_lock(&e->state_lock);
	if (in->be->reset) {
		ret = in->be->reset(in->priv);
		if (!ret) {
			freed = in->nr_live;
			kml_handles_forget(in);
		}
	} else if (in->handles) {
		/* No bulk reset: free the handles one by one. */
		for (i = 0; i < KML_MAX_HANDLES; i++) {
			struct kml_handle *h = &in->handles[i];

			if (!h->ptr)
				continue;
			in->be->free(in->priv, h->ptr, h->size);
			in->nr_free++;
			freed++;
		}
		kml_handles_forget(in);
	}
	kml_mutex_unlock(&e->state_lock);
	if (ret)
		return kml_cmd_err(s, ret, "backend '%s' refused the reset (%s)",
				   in->be->name, kml_errname(ret));
	kml_out_printf(&s->out, "reset instance=%s freed=%u\n", in->name,
		       freed);
	return 0;
}

/* --- alloc, free, handles, shrink, validate -------------------------------- */

int kml_cmd_alloc(struct kml_session *s)
{
	struct kml_instance *in = NULL;
	struct kml_heap *heap;
	struct kml_handle *h;
	u64 size, max;
	void *ptr;
	u32 i;
	int ret;

	if (s->nr_tok != 3)
		return kml_cmd_err(s, -EINVAL, "usage: alloc NAME SIZE");
	ret = kml_arg_inst(s, 1, true, &in);
	if (ret)
		return ret;
	ret = kml_parse_u64(s->tok[2].s, s->tok[2].len, &size);
	if (ret == -ERANGE)
		return kml_cmd_err(s, -E2BIG, "size %s: too large",
				   kml_tok_show(s, &s->tok[2]));
	if (ret)
		return kml_cmd_err(s, -EINVAL, "size '%s': not a number",
				   kml_tok_show(s, &s->tok[2]));
	if (!size)
		return kml_cmd_err(s, -EINVAL, "size 0");
	max = in->be->max_size ? in->be->max_size(in->priv) : KML_OBJ_MAX;
	if (max > KML_OBJ_MAX)
		max = KML_OBJ_MAX;
	if (size > max)
		return kml_cmd_err(s, -E2BIG,
				   "size %llu above the largest request %llu of instance '%s'",
				   (unsigned long long)size,
				   (unsigned long long)max, in->name);
	if (in->nr_live >= KML_MAX_HANDLES)
		return kml_cmd_err(s, -ENOSPC,
				   "instance '%s' already has %u handles",
				   in->name, KML_MAX_HANDLES);
	if (!in->handles) {
		in->handles = kml_zalloc(KML_MAX_HANDLES * sizeof(*h));
		if (!in->handles)
			return kml_cmd_err(s, -ENOMEM, "out of memory");
	}
	for (i = 0; in->handles[i].ptr; i++)
		;
	h = &in->handles[i];
	heap = kml_inst_heap(in);
	if (heap)
		ptr = kml_heap_alloc_step(heap, size, &s->step);
	else
		ptr = in->be->alloc(in->priv, size);
	if (!ptr) {
		in->nr_alloc_fail++;
		return kml_cmd_err(s, -ENOMEM,
				   "instance '%s' could not allocate %llu bytes",
				   in->name, (unsigned long long)size);
	}
	h->ptr = ptr;
	h->size = (u32)size;
	h->usable = in->be->usable ? (u32)in->be->usable(in->priv, size) :
		    (u32)size;
	in->nr_live++;
	in->nr_alloc++;
	in->req_now += h->size;
	in->usable_now += h->usable;
	if (in->req_now > in->req_peak)
		in->req_peak = in->req_now;
	if (in->usable_now > in->usable_peak)
		in->usable_peak = in->usable_now;
	kml_out_printf(&s->out, "handle=%u size=%u usable=%u", i, h->size,
		       h->usable);
	if (heap) {
		kml_out_printf(&s->out, " addr=%llu searched=%u\n",
			       (unsigned long long)kml_heap_addr(heap, ptr),
			       s->step.searched);
		kml_heap_step_render(&s->step, i, KML_HEAP_RENDER_PAYLOAD,
				     &s->out);
	} else {
		kml_out_printf(&s->out, "\n");
	}
	return 0;
}

/* The handle named by token @i, in *@hp and *@nr; or the errno. */
static int kml_arg_handle(struct kml_session *s, struct kml_instance *in,
			  unsigned int i, struct kml_handle **hp, u32 *nr)
{
	u64 v;

	if (kml_parse_u64(s->tok[i].s, s->tok[i].len, &v))
		return kml_cmd_err(s, -EINVAL, "handle '%s': not a number",
				   kml_tok_show(s, &s->tok[i]));
	if (v >= KML_MAX_HANDLES || !in->handles || !in->handles[v].ptr)
		return kml_cmd_err(s, -ENOENT, "instance '%s' has no handle %s",
				   in->name, kml_tok_show(s, &s->tok[i]));
	*nr = (u32)v;
	*hp = &in->handles[v];
	return 0;
}

int kml_cmd_free(struct kml_session *s)
{
	struct kml_instance *in = NULL;
	struct kml_handle *h = NULL;
	struct kml_heap *heap;
	u32 nr = 0;
	int ret;

	if (s->nr_tok != 3)
		return kml_cmd_err(s, -EINVAL, "usage: free NAME HANDLE");
	ret = kml_arg_inst(s, 1, true, &in);
	if (ret)
		return ret;
	ret = kml_arg_handle(s, in, 2, &h, &nr);
	if (ret)
		return ret;
	heap = kml_inst_heap(in);
	if (heap)
		ret = kml_heap_free_step(heap, h->ptr, h->size, &s->step);
	else
		ret = in->be->free(in->priv, h->ptr, h->size);
	if (ret)
		return kml_cmd_err(s, ret < 0 ? ret : -EINVAL,
				   "backend '%s' refused the free (%s)",
				   in->be->name, kml_errname(ret));
	in->nr_live--;
	in->nr_free++;
	in->req_now -= h->size;
	in->usable_now -= h->usable;
	kml_out_printf(&s->out, "freed handle=%u size=%u usable=%u\n", nr,
		       h->size, h->usable);
	memset(h, 0, sizeof(*h));
	if (heap)
		kml_heap_step_render(&s->step, nr, KML_HEAP_RENDER_PAYLOAD,
				     &s->out);
	return 0;
}

int kml_cmd_handles(struct kml_session *s)
{
	struct kml_instance *in = NULL;
	struct kml_heap *heap;
	u32 i;
	int ret;

	if (s->nr_tok != 2)
		return kml_cmd_err(s, -EINVAL, "usage: handles NAME");
	ret = kml_arg_inst(s, 1, false, &in);
	if (ret)
		return ret;
	heap = kml_inst_heap(in);
	kml_out_printf(&s->out,
		       "handles instance=%s live=%u requested=%llu usable=%llu\n",
		       in->name, in->nr_live,
		       (unsigned long long)in->req_now,
		       (unsigned long long)in->usable_now);
	for (i = 0; in->handles && i < KML_MAX_HANDLES; i++) {
		const struct kml_handle *h = &in->handles[i];

		if (!h->ptr)
			continue;
		kml_out_printf(&s->out, "handle=%u size=%u usable=%u", i,
			       h->size, h->usable);
		if (heap)
			kml_out_printf(&s->out, " addr=%llu",
				       (unsigned long long)kml_heap_addr(heap,
								   h->ptr));
		kml_out_printf(&s->out, "\n");
	}
	return 0;
}

int kml_cmd_shrink(struct kml_session *s)
{
	struct kml_alloc_stats before = { 0 }, after = { 0 };
	struct kml_instance *in = NULL;
	int ret;

	if (s->nr_tok != 2)
		return kml_cmd_err(s, -EINVAL, "usage: shrink NAME");
	ret = kml_arg_inst(s, 1, true, &in);
	if (ret)
		return ret;
	if (!in->be->shrink)
		return kml_cmd_err(s, -EOPNOTSUPP,
				   "backend '%s' has nothing to shrink",
				   in->be->name);
	if (in->be->stats)
		in->be->stats(in->priv, &before);
	ret = in->be->shrink(in->priv);
	if (ret)
		return kml_cmd_err(s, ret < 0 ? ret : -EINVAL,
				   "backend '%s' failed (%s)", in->be->name,
				   kml_errname(ret));
	if (in->be->stats)
		in->be->stats(in->priv, &after);
	kml_out_printf(&s->out, "shrink instance=%s held_before=%llu held_after=%llu\n",
		       in->name, (unsigned long long)before.bytes_held,
		       (unsigned long long)after.bytes_held);
	return 0;
}

int kml_cmd_validate(struct kml_session *s)
{
	struct kml_instance *in = NULL;
	unsigned int bad;
	int ret;

	if (s->nr_tok != 2)
		return kml_cmd_err(s, -EINVAL, "usage: validate NAME");
	ret = kml_arg_inst(s, 1, true, &in);
	if (ret)
		return ret;
	bad = in->be->validate ? in->be->validate(in->priv) : 0;
	kml_out_printf(&s->out, "validate instance=%s violations=%u\n",
		       in->name, bad);
	return 0;
}
