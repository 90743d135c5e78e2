// SPDX-License-Identifier: GPL-2.0
/*
 * The commands on instances: create, destroy, reset, alloc, free,
 * handles, shrink and validate. docs/interface.md is the reference; every
 * error leaves one line "error: VERB: reason" and changes nothing.
 */
#include "engine_priv.h"

/* --- create -------------------------------------------------------------- */

static const char * const kml_list_words[] = {
	"addr", "size-asc", "size-desc", "lifo", "fifo", NULL,
};

/* The slab backend's per-CPU tiers, in enum kml_slab_tier's order. */
static const char * const kml_tier_words[] = {
	"freelist", "sheaves", "magazine", NULL,
};

/* The engine's bounds of every key; a backend may bound pool= and size= lower. */
const struct kml_keyspec kml_create_keys[KML_PK_NR] = {
	[KML_PK_POOL]	= { "pool", KML_KT_NUM, 0, KML_POOL_MAX },
	[KML_PK_SIZE]	= { "size", KML_KT_NUM, 0, KML_OBJ_MAX },
	[KML_PK_ALIGN]	= { "align", KML_KT_NUM, 0, KML_PAGE_SIZE },
	[KML_PK_HEADER]	= { "header", KML_KT_NUM, 0, 4096 },
	[KML_PK_BASE]	= { "base", KML_KT_NUM, 0, 1ULL << 56 },
	[KML_PK_MIN_SPLIT] = { "min_split", KML_KT_NUM, 0, KML_OBJ_MAX },
	[KML_PK_ORDER]	= { "order", KML_KT_NUM, 0, KML_MAX_ORDER },
	[KML_PK_LIST]	= { "list", KML_KT_ENUM, 0, 0, kml_list_words },
	[KML_PK_ZERO]	= { "zero", KML_KT_BOOL },
	[KML_PK_PCP]	= { "pcp", KML_KT_BOOL },
	[KML_PK_REDZONE] = { "redzone", KML_KT_BOOL },
	[KML_PK_POISON]	= { "poison", KML_KT_BOOL },
	[KML_PK_CHECK]	= { "check", KML_KT_BOOL },
	[KML_PK_CTOR]	= { "ctor", KML_KT_BOOL },
	[KML_PK_COALESCE] = { "coalesce", KML_KT_BOOL },
	[KML_PK_MIN_PARTIAL] = { "min_partial", KML_KT_NUM, 0, 1024 },
	[KML_PK_TIER]	= { "tier", KML_KT_ENUM, 0, 0, kml_tier_words },
	[KML_PK_SHEAF]	= { "sheaf", KML_KT_NUM, 1, 256 },
	[KML_PK_OSTEP]	= { "ostep", KML_KT_BOOL },
};

void kml_print_keys(struct kml_out *o, u32 mask, const char *sep)
{
	unsigned int k;
	bool first = true;

	for (k = 0; k < KML_PK_NR; k++) {
		if (!(mask & (1u << k)))
			continue;
		kml_out_printf(o, "%s%s", first ? "" : sep,
			       kml_create_keys[k].name);
		first = false;
	}
	if (first)
		kml_out_printf(o, "none");
}

static bool kml_key_given(const struct kml_session *s, enum kml_pkey k)
{
	return s->kv_seen & (1ULL << k);
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
	if (!(allowed & KML_PKB(ZERO))) {
		*zero = false;
		return 0;
	}
	if (kml_key_given(s, KML_PK_ZERO)) {
		*zero = v[KML_PK_ZERO];
		if (*zero && v[KML_PK_CTOR])
			return kml_cmd_err(s, -EINVAL,
					   "zero=1 and ctor=1 exclude each other: the constructor initialises objects once per slab and zeroing on alloc would undo it (SLUB skips init_on_alloc for such caches); drop zero= or ctor=");
		return 0;
	}
	*zero = s->e->host->zero_default;
	if (*zero && v[KML_PK_CTOR]) {
		*zero = false;
		*by_ctor = true;
	}
	return 0;
}

/*
 * The bounds a backend sets below the engine's (its table's max_pool and
 * max_obj), then its own check of what bounds cannot say.
 */
static int kml_create_limits(struct kml_session *s,
			     const struct kml_backend *be,
			     const struct kml_params *p)
{
	const struct kml_tok *raw = s->kv_raw;
	char why[200];
	struct kml_out o;
	int ret;

	if (be->max_pool && p->pool_bytes > be->max_pool)
		return kml_cmd_err(s, -E2BIG,
				   "pool=%s: above the bound %llu of backend '%s' (the largest pool it can have; below it the memory budget decides)",
				   kml_tok_show(s, &raw[KML_PK_POOL]),
				   (unsigned long long)be->max_pool, be->name);
	if (be->max_obj && p->size > be->max_obj)
		return kml_cmd_err(s, -E2BIG,
				   "size=%s: above the bound %llu of backend '%s'",
				   kml_tok_show(s, &raw[KML_PK_SIZE]),
				   (unsigned long long)be->max_obj, be->name);
	if (!be->check)
		return 0;
	kml_out_init(&o, why, sizeof(why));
	ret = be->check(p, (u32)s->kv_seen, &o);
	if (!ret)
		return 0;
	return kml_cmd_err(s, ret < 0 ? ret : -EINVAL, "%s",
			   o.len ? why : "the backend refused the parameters");
}

/*
 * A create() the engine could not foresee failed: say which parameters it
 * got (the keys given, and zeroing when it came from the default).
 */
static int kml_create_refused(struct kml_session *s,
			      const struct kml_backend *be, int ret,
			      bool zero, u64 refused)
{
	bool zero_dflt = zero && !kml_key_given(s, KML_PK_ZERO);
	char given[256], budget[256];
	struct kml_out o;
	unsigned int k, n = 0;

	if (ret >= 0)
		ret = -EINVAL;
	kml_out_init(&o, given, sizeof(given));
	for (k = 0; k < KML_PK_NR; k++) {
		if (!kml_key_given(s, k))
			continue;
		kml_out_printf(&o, "%s%s=%s", n++ ? " " : "",
			       kml_create_keys[k].name,
			       kml_tok_show(s, &s->kv_raw[k]));
	}
	if (zero_dflt)
		kml_out_printf(&o, "%szero=1 (the default)", n++ ? " " : "");
	/* exactly one key given and nothing defaulted: that key it was */
	kml_budget_why(s, refused, budget, sizeof(budget));
	if (n == 1 && !zero_dflt)
		return kml_cmd_err(s, ret, "backend '%s' refused %s (%s)%s",
				   be->name, given, kml_errname(ret), budget);
	return kml_cmd_err(s, ret,
			   "backend '%s' refused the parameters (%s; given: %s)%s",
			   be->name, kml_errname(ret), n ? given : "no keys",
			   budget);
}

/* The parameters of the parsed keys; zeroing is decided apart. */
static void kml_create_params(const struct kml_session *s,
			      struct kml_params *p)
{
	const u64 *v = s->kv_num;

	p->pool_bytes = v[KML_PK_POOL];
	p->size = (u32)v[KML_PK_SIZE];
	p->align = (u32)v[KML_PK_ALIGN];
	p->header = (u32)v[KML_PK_HEADER];
	p->base = v[KML_PK_BASE];
	p->min_split = (u32)v[KML_PK_MIN_SPLIT];
	p->order = (u32)v[KML_PK_ORDER];
	p->min_partial = (u32)v[KML_PK_MIN_PARTIAL];
	p->tier = kml_key_given(s, KML_PK_TIER) ? (u32)v[KML_PK_TIER] : 0;
	p->sheaf = (u32)v[KML_PK_SHEAF];
	p->list_order = kml_key_given(s, KML_PK_LIST) ?
			(enum kml_heap_order)v[KML_PK_LIST] : KML_ORDER_ADDR;
	if (kml_key_given(s, KML_PK_PCP) && !v[KML_PK_PCP])
		p->flags |= KML_F_NO_PCP;
	if (v[KML_PK_REDZONE])
		p->flags |= KML_F_REDZONE;
	if (v[KML_PK_POISON])
		p->flags |= KML_F_POISON;
	if (v[KML_PK_CHECK])
		p->flags |= KML_F_CHECK;
	if (v[KML_PK_CTOR])
		p->flags |= KML_F_CTOR;
	if (kml_key_given(s, KML_PK_COALESCE) && !v[KML_PK_COALESCE])
		p->flags |= KML_F_NO_COALESCE;
}

int kml_cmd_create(struct kml_session *s)
{
	struct kml_engine *e = s->e;
	const struct kml_backend *be;
	struct kml_instance *in = NULL;
	struct kml_params p = { 0 };
	char bname[KML_NAME_MAX + 1];
	u32 k;
	bool zero, zero_by_ctor;
	u64 refused;
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
	ret = kml_parse_keys(s, 3, kml_create_keys, KML_PK_NR);
	if (ret)
		return ret;
	for (k = 0; k < KML_PK_NR; k++) {
		char keys[200];
		struct kml_out o;

		if (!kml_key_given(s, k) || (be->keys & (1u << k)))
			continue;
		kml_out_init(&o, keys, sizeof(keys));
		kml_print_keys(&o, be->keys, " ");
		return kml_cmd_err(s, -EINVAL,
				   "backend '%s' does not take %s= (it takes: %s)",
				   be->name, kml_create_keys[k].name, keys);
	}
	if (s->kv_num[KML_PK_ALIGN] & (s->kv_num[KML_PK_ALIGN] - 1))
		return kml_cmd_err(s, -EINVAL,
				   "align=%s: not a power of two",
				   kml_tok_show(s, &s->kv_raw[KML_PK_ALIGN]));
	kml_create_params(s, &p);
	ret = kml_create_limits(s, be, &p);
	if (ret)
		return ret;
	ret = kml_create_zero(s, be->keys, &zero, &zero_by_ctor);
	if (ret)
		return ret;
	if (zero)
		p.flags |= KML_F_ZERO;
	if (kml_inst_find_tok(e, &s->tok[1]))
		return kml_cmd_err(s, -EEXIST, "instance '%s' exists",
				   kml_tok_show(s, &s->tok[1]));
	if (e->nr_instances >= KML_MAX_INSTANCES)
		return kml_cmd_err(s, -ENOSPC, "already %u instances",
				   KML_MAX_INSTANCES);

	in = kml_zalloc(sizeof(*in));
	if (!in)
		return kml_cmd_err(s, -ENOMEM, "out of memory");
	kml_tok_copy(in->name, sizeof(in->name), &s->tok[1]);
	in->id = e->next_id;	/* taken only if the create succeeds */
	in->be = be;
	in->params = p;
	in->ostep = s->kv_num[KML_PK_OSTEP] && be->alloc_show;
	kml_list_init(&in->node);
	refused = kml_budget_refused(e);
	ret = be->create(&p, in->id, &in->priv);
	if (ret) {
		kml_free(in);
		return kml_create_refused(s, be, ret, zero, refused);
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
	in->ostep_next = 0;
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
	struct kml_handle *h;
	u32 i, usable;
	u64 size, max, refused;
	void *ptr;
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
	/* ostep=1: malloc.py searches for what cannot fit, and fails */
	if (max > KML_OBJ_MAX || in->ostep)
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
	if (in->ostep && in->ostep_next >= KML_MAX_HANDLES)
		return kml_cmd_err(s, -ENOSPC,
				   "instance '%s' numbers every allocation (ostep=1) and has used all %u numbers; 'reset %s' starts over",
				   in->name, KML_MAX_HANDLES, in->name);
	if (in->ostep)
		i = in->ostep_next;
	else
		for (i = 0; in->handles[i].ptr; i++)
			;
	h = &in->handles[i];
	usable = in->be->usable ? (u32)in->be->usable(in->priv, size) :
		 (u32)size;
	/* an error below starts the reply afresh */
	kml_out_printf(&s->out, "handle=%u size=%u usable=%u", i, (u32)size,
		       usable);
	refused = kml_budget_refused(s->e);
	if (in->be->alloc_show) {
		ptr = in->be->alloc_show(in->priv, size, i, &s->out);
	} else {
		ptr = in->be->alloc(in->priv, size);
		kml_out_printf(&s->out, "\n");
	}
	if (in->ostep)
		in->ostep_next++;	/* malloc.py numbers failures too */
	if (!ptr && in->ostep) {
		/* as malloc.py: "returned -1", the free list, and go on */
		in->nr_alloc_fail++;
		return 0;
	}
	if (!ptr) {
		char budget[256];

		in->nr_alloc_fail++;
		return kml_cmd_err(s, -ENOMEM,
				   "instance '%s' could not allocate %llu bytes%s",
				   in->name, (unsigned long long)size,
				   kml_budget_why(s, refused, budget,
						  sizeof(budget)));
	}
	h->ptr = ptr;
	h->size = (u32)size;
	h->usable = usable;
	in->nr_live++;
	in->nr_alloc++;
	in->req_now += h->size;
	in->usable_now += h->usable;
	if (in->req_now > in->req_peak)
		in->req_peak = in->req_now;
	if (in->usable_now > in->usable_peak)
		in->usable_peak = in->usable_now;
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
	/* an error below starts the reply afresh */
	kml_out_printf(&s->out, "freed handle=%u size=%u usable=%u\n", nr,
		       h->size, h->usable);
	if (in->be->free_show)
		ret = in->be->free_show(in->priv, h->ptr, h->size, nr,
					&s->out);
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
	memset(h, 0, sizeof(*h));
	return 0;
}

int kml_cmd_handles(struct kml_session *s)
{
	struct kml_instance *in = NULL;
	u32 i;
	int ret;

	if (s->nr_tok != 2)
		return kml_cmd_err(s, -EINVAL, "usage: handles NAME");
	ret = kml_arg_inst(s, 1, false, &in);
	if (ret)
		return ret;
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
		if (in->be->addr)
			kml_out_printf(&s->out, " addr=%llu",
				       (unsigned long long)in->be->addr(in->priv,
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
