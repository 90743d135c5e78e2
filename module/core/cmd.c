// SPDX-License-Identifier: GPL-2.0
/*
 * The command language: tokenising, numbers and key=value arguments, and
 * every command but "run" (workload.c). docs/interface.md is the reference;
 * keep the two in step. Every error leaves one line "error: VERB: reason"
 * and changes nothing.
 */
#include "engine_priv.h"
#include "heap.h"
#include "slab.h"

/* --- errors and tokens -------------------------------------------------- */

const char *kml_errname(int err)
{
	switch (-err) {
	case EINVAL:	return "EINVAL";
	case ENOENT:	return "ENOENT";
	case EEXIST:	return "EEXIST";
	case EBUSY:	return "EBUSY";
	case ENOMEM:	return "ENOMEM";
	case E2BIG:	return "E2BIG";
	case ENOSPC:	return "ENOSPC";
	case EINTR:	return "EINTR";
	case ENODEV:	return "ENODEV";
	case ERANGE:	return "ERANGE";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	default:	return "error";
	}
}

int kml_cmd_err(struct kml_session *s, int err, const char *fmt, ...)
{
	struct kml_out *out = &s->out;
	va_list args;
	size_t room;
	int n;

	kml_out_init(out, s->reply, KML_REPLY_MAX);
	if (s->verb)
		kml_out_printf(out, "error: %s: ", s->verb);
	else
		kml_out_printf(out, "error: ");
	room = out->size - out->len - 1;	/* keep room for the newline */
	va_start(args, fmt);
	n = vsnprintf(out->buf + out->len, room, fmt, args);
	va_end(args);
	if (n > 0)
		out->len += (size_t)n < room ? (size_t)n : room - 1;
	kml_out_printf(out, "\n");
	return err;
}

bool kml_tok_eq(const struct kml_tok *t, const char *word)
{
	size_t n = strlen(word);

	return t->len == n && !memcmp(t->s, word, n);
}

/* Names: [a-z0-9_-]{1,KML_NAME_MAX}. */
bool kml_name_valid(const struct kml_tok *t)
{
	u32 i;

	if (!t->len || t->len > KML_NAME_MAX)
		return false;
	for (i = 0; i < t->len; i++) {
		char c = t->s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-'))
			return false;
	}
	return true;
}

void kml_tok_copy(char *dst, size_t size, const struct kml_tok *t)
{
	size_t n = t->len < size - 1 ? t->len : size - 1;

	memcpy(dst, t->s, n);
	dst[n] = '\0';
}

/*
 * kml_tok_show() - a token made safe for a reply line: at most 40 bytes,
 * bytes outside printable ASCII shown as '?'. Two buffers of the session
 * rotate so that one message can show two tokens.
 */
const char *kml_tok_show(struct kml_session *s, const struct kml_tok *t)
{
	char *b = s->show[s->show_next++ & 1];
	u32 i, n = t->len > 40 ? 40 : t->len;

	for (i = 0; i < n; i++)
		b[i] = (t->s[i] >= 0x20 && t->s[i] < 0x7f) ? t->s[i] : '?';
	if (t->len > 40) {
		memcpy(b + n, "...", 3);
		n += 3;
	}
	b[n] = '\0';
	return b;
}

/* --- numbers ------------------------------------------------------------ */

static int kml_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

int kml_parse_u64(const char *s, size_t len, u64 *val)
{
	u64 v = 0, mult = 1;
	unsigned int base = 10;
	size_t i = 0;

	if (!len)
		return -EINVAL;
	switch (s[len - 1]) {
	case 'K': case 'k':
		mult = 1024;
		break;
	case 'M': case 'm':
		mult = 1024 * 1024;
		break;
	case 'G': case 'g':
		mult = 1024 * 1024 * 1024;
		break;
	}
	if (mult > 1)
		len--;
	if (!len)
		return -EINVAL;
	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	for (; i < len; i++) {
		unsigned int d = kml_digit(s[i]);

		if (d >= base)
			return -EINVAL;
		if (v > (~0ULL - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	if (v > ~0ULL / mult)
		return -ERANGE;
	*val = v * mult;
	return 0;
}

/* --- key=value arguments ------------------------------------------------- */

int kml_parse_keys(struct kml_session *s, unsigned int first,
		   const struct kml_keyspec *spec, unsigned int nr_spec)
{
	unsigned int i, j;

	s->kv_seen = 0;
	memset(s->kv_num, 0, sizeof(s->kv_num));
	for (i = first; i < s->nr_tok; i++) {
		const struct kml_tok *t = &s->tok[i];
		struct kml_tok key = { t->s, 0 }, val;
		const struct kml_keyspec *k;
		u64 v;
		int ret;

		while (key.len < t->len && t->s[key.len] != '=')
			key.len++;
		if (key.len == t->len || !key.len)
			return kml_cmd_err(s, -EINVAL,
					   "expected key=value, got '%s'",
					   kml_tok_show(s, t));
		val.s = t->s + key.len + 1;
		val.len = t->len - key.len - 1;
		for (j = 0; j < nr_spec; j++)
			if (kml_tok_eq(&key, spec[j].name))
				break;
		if (j == nr_spec)
			return kml_cmd_err(s, -EINVAL, "unknown key '%s'",
					   kml_tok_show(s, &key));
		k = &spec[j];
		if (s->kv_seen & (1ULL << j))
			return kml_cmd_err(s, -EINVAL, "key '%s' given twice",
					   k->name);
		s->kv_seen |= 1ULL << j;
		s->kv_raw[j] = val;
		switch (k->type) {
		case KML_KT_NUM:
			ret = kml_parse_u64(val.s, val.len, &v);
			if (ret == -ERANGE)
				return kml_cmd_err(s, -E2BIG,
						   "%s=%s: too large", k->name,
						   kml_tok_show(s, &val));
			if (ret)
				return kml_cmd_err(s, -EINVAL,
						   "%s=%s: not a number",
						   k->name,
						   kml_tok_show(s, &val));
			if (v > k->max)
				return kml_cmd_err(s, -E2BIG,
						   "%s=%s: above the bound %llu",
						   k->name,
						   kml_tok_show(s, &val),
						   (unsigned long long)k->max);
			if (v < k->min)
				return kml_cmd_err(s, -EINVAL,
						   "%s=%s: below the minimum %llu",
						   k->name,
						   kml_tok_show(s, &val),
						   (unsigned long long)k->min);
			break;
		case KML_KT_BOOL:
			if (!kml_tok_eq(&val, "0") && !kml_tok_eq(&val, "1"))
				return kml_cmd_err(s, -EINVAL,
						   "%s=%s: expected 0 or 1",
						   k->name,
						   kml_tok_show(s, &val));
			v = val.s[0] == '1';
			break;
		case KML_KT_ENUM:
			for (v = 0; k->words[v]; v++)
				if (kml_tok_eq(&val, k->words[v]))
					break;
			if (!k->words[v]) {
				char alts[128];
				struct kml_out o;
				unsigned int w;

				kml_out_init(&o, alts, sizeof(alts));
				for (w = 0; k->words[w]; w++)
					kml_out_printf(&o, "%s%s", w ? "|" : "",
						       k->words[w]);
				return kml_cmd_err(s, -EINVAL,
						   "%s=%s: expected %s", k->name,
						   kml_tok_show(s, &val), alts);
			}
			break;
		default:
			v = 0;
			break;
		}
		s->kv_num[j] = v;
	}
	return 0;
}

int kml_parse_list(struct kml_session *s, const char *key,
		   const struct kml_tok *val, struct kml_tok *items,
		   unsigned int max, unsigned int *nr)
{
	u32 i = 0, start;
	unsigned int n = 0;

	for (;;) {
		start = i;
		while (i < val->len && val->s[i] != ',')
			i++;
		if (i == start)
			return kml_cmd_err(s, -EINVAL, "%s=%s: empty item", key,
					   kml_tok_show(s, val));
		if (n == max)
			return kml_cmd_err(s, -E2BIG,
					   "%s=%s: more than %u items", key,
					   kml_tok_show(s, val), max);
		items[n].s = val->s + start;
		items[n].len = i - start;
		n++;
		if (i == val->len)
			break;
		i++;			/* the comma */
	}
	*nr = n;
	return 0;
}

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

static int kml_cmd_create(struct kml_session *s)
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

/* --- destroy, reset ------------------------------------------------------- */

/* Unlink under the state lock, tell the host, then free (cmd lock held). */
static u32 kml_inst_destroy(struct kml_engine *e, struct kml_instance *in)
{
	u32 live = in->nr_live;

	kml_mutex_lock(&e->state_lock);
	kml_list_del(&in->node);
	e->nr_instances--;
	kml_mutex_unlock(&e->state_lock);
	if (e->host->instance_removed)
		e->host->instance_removed(e->host->priv, in->name, in->id);
	in->be->destroy(in->priv);
	kml_free(in->handles);
	kml_free(in->last);
	kml_free(in);
	return live;
}

/* The whole engine: every instance and trace (reset, engine teardown). */
void kml_engine_clear_locked(struct kml_engine *e, u32 *nr_inst,
			     u32 *nr_traces)
{
	unsigned int i;

	*nr_inst = 0;
	*nr_traces = 0;
	while (!kml_list_empty(&e->instances)) {
		kml_inst_destroy(e, kml_list_entry(kml_list_first(&e->instances),
						   struct kml_instance, node));
		(*nr_inst)++;
	}
	kml_mutex_lock(&e->state_lock);
	for (i = 0; i < KML_MAX_TRACES; i++) {
		if (!e->traces[i])
			continue;
		kml_trace_free(e->traces[i]);
		e->traces[i] = NULL;
		(*nr_traces)++;
	}
	e->trace_ops = 0;
	kml_mutex_unlock(&e->state_lock);
}

/*
 * kml_arg_inst() - the instance named by token @i, in *@inp; when @idle,
 * one that is not busy in a run. Return: 0, or the errno with the reply set.
 */
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

static int kml_cmd_destroy(struct kml_session *s)
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

static int kml_cmd_reset(struct kml_session *s)
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

static int kml_cmd_alloc(struct kml_session *s)
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

static int kml_cmd_free(struct kml_session *s)
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

static int kml_cmd_handles(struct kml_session *s)
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

static int kml_cmd_shrink(struct kml_session *s)
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

static int kml_cmd_validate(struct kml_session *s)
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

/* --- traces --------------------------------------------------------------- */

static const char *kml_trace_format_name(const struct kml_trace *t)
{
	return t->format == KML_TRACE_NATIVE ? "native" : "rep";
}

static void kml_trace_line(struct kml_out *o, const struct kml_trace *t)
{
	kml_out_printf(o,
		       "trace=%s format=%s ops=%u ids=%u allocs=%u frees=%u reallocs=%u max_size=%u max_live=%u peak_bytes=%llu live_at_end=%u\n",
		       t->name, kml_trace_format_name(t), t->nr_ops, t->nr_ids,
		       t->nr_allocs, t->nr_frees, t->nr_reallocs, t->max_size,
		       t->max_live, (unsigned long long)t->peak_bytes,
		       t->live_at_end);
}

static int kml_cmd_trace_load(struct kml_session *s)
{
	struct kml_engine *e = s->e;
	struct kml_trace *t;
	char msg[160];
	struct kml_out err;
	unsigned int i, slot = KML_MAX_TRACES;
	int ret;

	s->verb = "trace load";
	if (s->nr_tok != 3)
		return kml_cmd_err(s, -EINVAL,
				   "usage: trace load NAME, then the trace on the next lines");
	if (!kml_name_valid(&s->tok[2]))
		return kml_cmd_err(s, -EINVAL,
				   "bad name '%s' (1-%u of a-z 0-9 _ -)",
				   kml_tok_show(s, &s->tok[2]), KML_NAME_MAX);
	if (kml_trace_find_tok(e, &s->tok[2]))
		return kml_cmd_err(s, -EEXIST, "trace '%s' exists",
				   kml_tok_show(s, &s->tok[2]));
	for (i = 0; i < KML_MAX_TRACES; i++)
		if (!e->traces[i]) {
			slot = i;
			break;
		}
	if (slot == KML_MAX_TRACES)
		return kml_cmd_err(s, -ENOSPC, "already %u traces",
				   KML_MAX_TRACES);
	if (!s->payload_len)
		return kml_cmd_err(s, -EINVAL,
				   "no trace text after the command line");
	kml_out_init(&err, msg, sizeof(msg));
	ret = kml_trace_parse(s->payload, s->payload_len, &t, &err);
	if (ret)
		return kml_cmd_err(s, ret, "%s", msg);
	if (e->trace_ops + t->nr_ops > KML_TRACE_STORE_OPS) {
		kml_trace_free(t);
		return kml_cmd_err(s, -E2BIG,
				   "the loaded traces would exceed %u ops (drop one)",
				   KML_TRACE_STORE_OPS);
	}
	kml_tok_copy(t->name, sizeof(t->name), &s->tok[2]);
	kml_mutex_lock(&e->state_lock);
	e->traces[slot] = t;
	e->trace_ops += t->nr_ops;
	kml_mutex_unlock(&e->state_lock);
	kml_out_printf(&s->out, "loaded ");
	kml_trace_line(&s->out, t);
	return 0;
}

static int kml_cmd_trace(struct kml_session *s)
{
	struct kml_engine *e = s->e;
	struct kml_trace *t;
	unsigned int i, n = 0;

	if (s->nr_tok >= 2 && kml_tok_eq(&s->tok[1], "load"))
		return kml_cmd_trace_load(s);
	if (s->nr_tok >= 2 && kml_tok_eq(&s->tok[1], "drop")) {
		s->verb = "trace drop";
		if (s->nr_tok != 3)
			return kml_cmd_err(s, -EINVAL, "usage: trace drop NAME");
		t = kml_trace_find_tok(e, &s->tok[2]);
		if (!t)
			return kml_cmd_err(s, -ENOENT, "no trace '%s'",
					   kml_tok_show(s, &s->tok[2]));
		if (kml_run_uses_trace(e, t))
			return kml_cmd_err(s, -EBUSY,
					   "trace '%s' is being replayed",
					   t->name);
		kml_out_printf(&s->out, "dropped trace=%s\n", t->name);
		kml_mutex_lock(&e->state_lock);
		for (i = 0; i < KML_MAX_TRACES; i++)
			if (e->traces[i] == t)
				e->traces[i] = NULL;
		e->trace_ops -= t->nr_ops;
		kml_mutex_unlock(&e->state_lock);
		kml_trace_free(t);
		return 0;
	}
	if (s->nr_tok == 2 && kml_tok_eq(&s->tok[1], "list")) {
		for (i = 0; i < KML_MAX_TRACES; i++)
			n += !!e->traces[i];
		kml_out_printf(&s->out, "traces=%u ops=%llu\n", n,
			       (unsigned long long)e->trace_ops);
		for (i = 0; i < KML_MAX_TRACES; i++)
			if (e->traces[i])
				kml_trace_line(&s->out, e->traces[i]);
		return 0;
	}
	return kml_cmd_err(s, -EINVAL,
			   "usage: trace load NAME | trace drop NAME | trace list");
}

/* --- stop, help ----------------------------------------------------------- */

static int kml_cmd_stop(struct kml_session *s)
{
	if (s->nr_tok != 1)
		return kml_cmd_err(s, -EINVAL, "usage: stop");
	kml_out_printf(&s->out, "stop runs=%u\n", kml_run_stop_locked(s->e));
	return 0;
}

enum kml_lock_mode {
	KML_LOCK_BOTH,		/* cmd and state lock around the command */
	KML_LOCK_CMD,		/* cmd lock; the command takes the state lock */
	KML_LOCK_NONE,		/* the command locks what it needs */
};

struct kml_cmd_desc {
	const char *verb;
	int (*fn)(struct kml_session *s);
	enum kml_lock_mode lock;
	const char *usage;
};

static int kml_cmd_help(struct kml_session *s);

static const struct kml_cmd_desc kml_cmds[] = {
	{ "create", kml_cmd_create, KML_LOCK_CMD,
	  "create NAME BACKEND [pool= size= align= header= base= min_split= order= list= zero= pcp= redzone= poison= check= ctor= coalesce= min_partial=]",
	},
	{ "destroy", kml_cmd_destroy, KML_LOCK_CMD, "destroy NAME" },
	{ "alloc", kml_cmd_alloc, KML_LOCK_BOTH, "alloc NAME SIZE" },
	{ "free", kml_cmd_free, KML_LOCK_BOTH, "free NAME HANDLE" },
	{ "handles", kml_cmd_handles, KML_LOCK_BOTH, "handles NAME" },
	{ "shrink", kml_cmd_shrink, KML_LOCK_BOTH, "shrink NAME" },
	{ "reset", kml_cmd_reset, KML_LOCK_CMD, "reset [NAME]" },
	{ "validate", kml_cmd_validate, KML_LOCK_BOTH, "validate NAME" },
	{ "trace", kml_cmd_trace, KML_LOCK_CMD,
	  "trace load NAME (trace text on the following lines) | trace drop NAME | trace list" },
	{ "run", kml_cmd_run, KML_LOCK_NONE,
	  "run churn|sizes|burst|dentry|pages|remote|replay on=INST[,INST...] [ops= size= min= max= dist= cpus= reps= seed= mode= batch= free_order= order= maxorder= trace= sample=]",
	},
	{ "stop", kml_cmd_stop, KML_LOCK_CMD, "stop" },
	{ "help", kml_cmd_help, KML_LOCK_NONE, "help" },
};

static int kml_cmd_help(struct kml_session *s)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kml_cmds); i++)
		kml_out_printf(&s->out, "%s\n", kml_cmds[i].usage);
	return 0;
}

/* --- tokenising and dispatch ------------------------------------------------ */

static int kml_tokenize(struct kml_session *s, const char *buf, size_t len)
{
	size_t eol, line, i;

	s->nr_tok = 0;
	for (eol = 0; eol < len && buf[eol] != '\n'; eol++) {
		if (eol >= KML_CMD_MAX)
			return kml_cmd_err(s, -E2BIG,
					   "command line longer than %u bytes",
					   KML_CMD_MAX);
		if (!buf[eol])
			return kml_cmd_err(s, -EINVAL, "NUL byte in command");
	}
	line = eol;
	if (line && buf[line - 1] == '\r')
		line--;
	s->payload = eol < len ? buf + eol + 1 : buf + len;
	s->payload_len = eol < len ? len - eol - 1 : 0;
	for (i = 0; i < line;) {
		size_t start;

		while (i < line && (buf[i] == ' ' || buf[i] == '\t'))
			i++;
		if (i == line)
			break;
		start = i;
		while (i < line && buf[i] != ' ' && buf[i] != '\t')
			i++;
		if (s->nr_tok == KML_MAX_TOKENS)
			return kml_cmd_err(s, -E2BIG, "more than %u words",
					   KML_MAX_TOKENS);
		s->tok[s->nr_tok].s = buf + start;
		s->tok[s->nr_tok].len = (u32)(i - start);
		s->nr_tok++;
	}
	return 0;
}

int kml_cmd_dispatch(struct kml_session *s, const char *buf, size_t len)
{
	struct kml_engine *e = s->e;
	const struct kml_cmd_desc *c = NULL;
	bool trace_load;
	unsigned int i;
	int ret;

	s->verb = NULL;
	if (len > KML_WRITE_MAX)
		return kml_cmd_err(s, -E2BIG, "write of %zu bytes above the bound %u",
				   len, KML_WRITE_MAX);
	ret = kml_tokenize(s, buf, len);
	if (ret)
		return ret;
	if (!s->nr_tok)
		return kml_cmd_err(s, -EINVAL, "empty command (see 'help')");
	for (i = 0; i < ARRAY_SIZE(kml_cmds); i++)
		if (kml_tok_eq(&s->tok[0], kml_cmds[i].verb))
			c = &kml_cmds[i];
	if (!c)
		return kml_cmd_err(s, -EINVAL, "unknown command '%s' (see 'help')",
				   kml_tok_show(s, &s->tok[0]));
	s->verb = c->verb;
	trace_load = c->fn == kml_cmd_trace && s->nr_tok >= 2 &&
		     kml_tok_eq(&s->tok[1], "load");
	if (!trace_load) {
		if (len > KML_CMD_MAX)
			return kml_cmd_err(s, -E2BIG,
					   "command longer than %u bytes",
					   KML_CMD_MAX);
		if (s->payload_len)
			return kml_cmd_err(s, -EINVAL,
					   "one command per write (text after the first line)");
	}

	switch (c->lock) {
	case KML_LOCK_NONE:
		return c->fn(s);
	case KML_LOCK_CMD:
		kml_mutex_lock(&e->cmd_lock);
		ret = c->fn(s);
		kml_mutex_unlock(&e->cmd_lock);
		return ret;
	default:
		kml_mutex_lock(&e->cmd_lock);
		kml_mutex_lock(&e->state_lock);
		ret = c->fn(s);
		kml_mutex_unlock(&e->state_lock);
		kml_mutex_unlock(&e->cmd_lock);
		return ret;
	}
}
