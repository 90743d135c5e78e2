// SPDX-License-Identifier: GPL-2.0
/*
 * The trace parser. Two passes over the text: the first counts candidate
 * op lines (to size the op array once, and to refuse oversized traces
 * before allocating), the second parses, checks every id against the live
 * set, and computes the trace's peaks. Every error names its line.
 *
 * The dialects of the CS:APP sets courses publish are read as C reads
 * them: "r ID SIZE" of an id that is not live is realloc(NULL, SIZE), an
 * allocation; "f -1" is free(NULL) and "r ID 0" is realloc(ptr, 0), which
 * frees as glibc does (free(NULL) again when the id is not live). A .rep
 * header's num_ops that disagrees with the body is not an error: the body
 * is replayed and the trace says so (hdr_ops_differ), for a warning.
 */
#include "tracefile.h"

/* One line of the text, CR and trailing blanks stripped. */
struct kml_tline {
	const char *s;
	size_t len;
	u32 nr;			/* 1-based line number */
};

struct kml_tparse {
	const char *buf;
	size_t len;
	size_t pos;
	u32 line;
	struct kml_out *err;
	u32 *live_size;		/* per id: live size, 0 when not live */
	u32 ids_cap;		/* entries in live_size */
	bool v2;		/* native version 2: t=, al=, ns= fields */
	char show[KML_SHOW_SIZE];	/* the word an error quotes */
};

static bool kml_tblank(char c)
{
	return c == ' ' || c == '\t';
}

/* kml_tnext() - the next line; false at the end of the text. */
static bool kml_tnext(struct kml_tparse *p, struct kml_tline *l)
{
	size_t start = p->pos, end;

	if (p->pos >= p->len)
		return false;
	end = start;
	while (end < p->len && p->buf[end] != '\n')
		end++;
	p->pos = end < p->len ? end + 1 : end;
	l->nr = ++p->line;
	if (end > start && p->buf[end - 1] == '\r')
		end--;
	while (end > start && kml_tblank(p->buf[end - 1]))
		end--;
	while (start < end && kml_tblank(p->buf[start]))
		start++;
	l->s = p->buf + start;
	l->len = end - start;
	return true;
}

static bool kml_tline_is_comment(const struct kml_tline *l)
{
	return l->len && l->s[0] == '#';
}

/* kml_ttok() - cut the next blank-separated token off @l. */
static bool kml_ttok(struct kml_tline *l, const char **tok, size_t *tlen)
{
	size_t i = 0;

	while (i < l->len && kml_tblank(l->s[i]))
		i++;
	if (i == l->len)
		return false;
	*tok = l->s + i;
	while (i < l->len && !kml_tblank(l->s[i]))
		i++;
	*tlen = l->s + i - *tok;
	l->s += i;
	l->len -= i;
	return true;
}

/* kml_tdec() - a decimal number of at most 20 digits, no sign, no suffix. */
static int kml_tdec(const char *s, size_t len, u64 *val)
{
	u64 v = 0;
	size_t i;

	if (!len)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		unsigned int d;

		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		d = s[i] - '0';
		if (v > (~0ULL - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*val = v;
	return 0;
}

static bool kml_tline_has_nul(const struct kml_tline *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		if (!l->s[i])
			return true;
	return false;
}

/* Grow the per-id live table so that @id fits; bounded by MAX_IDS. */
static int kml_tgrow(struct kml_tparse *p, u64 id)
{
	u32 cap = p->ids_cap ? p->ids_cap : 1024;
	u32 *n;

	if (id < p->ids_cap)
		return 0;
	while (cap <= id)
		cap *= 2;
	if (cap > KML_TRACE_MAX_IDS)
		cap = KML_TRACE_MAX_IDS;
	n = kml_zalloc((size_t)cap * sizeof(*n));
	if (!n)
		return -ENOMEM;
	if (p->live_size)
		memcpy(n, p->live_size, (size_t)p->ids_cap * sizeof(*n));
	kml_free(p->live_size);
	p->live_size = n;
	p->ids_cap = cap;
	return 0;
}

#define kml_terr(p, nr, fmt, ...) \
	kml_out_printf((p)->err, "line %u: " fmt, (nr), ##__VA_ARGS__)

/* A word of the trace quoted by an error, as the command parser shows it. */
static const char *kml_tshow(struct kml_tparse *p, const char *tok,
			     size_t tlen)
{
	return kml_show_word(p->show, tok, tlen);
}

/*
 * The fields of version 2 that say what a kernel recording saw (kmemlab
 * record --kernel): read past, a replay does not need them. VALUE is not
 * empty and has no blank.
 */
static bool kml_tfield_other(const char *tok, size_t tlen)
{
	static const char * const keys[] = {
		"ev=", "cache=", "alloc=", "gfp=", "site=",
	};
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		n = strlen(keys[i]);
		if (tlen > n && !memcmp(tok, keys[i], n))
			return true;
	}
	return false;
}

/*
 * The rest of an op line: nothing, or in version 2 the optional fields
 * t=THREAD, al=ALIGN (allocations only, a power of two) and ns=TIME, each
 * at most once, in any order.
 */
static int kml_tfields(struct kml_tparse *p, struct kml_tline *l, u32 nr,
		       int code, struct kml_trace *t, struct kml_trace_op *op)
{
	bool seen_t = false, seen_al = false, seen_ns = false;
	const char *tok;
	size_t tlen;
	u64 v;

	while (kml_ttok(l, &tok, &tlen)) {
		const char *val = tok + 3;
		size_t vlen = tlen - 3;
		bool *seen;

		if (!p->v2) {
			kml_terr(p, nr, "trailing garbage '%s'",
				 kml_tshow(p, tok, tlen));
			return -EINVAL;
		}
		if (tlen > 2 && !memcmp(tok, "t=", 2)) {
			seen = &seen_t;
			val = tok + 2;
			vlen = tlen - 2;
		} else if (tlen > 3 && !memcmp(tok, "al=", 3)) {
			seen = &seen_al;
		} else if (tlen > 3 && !memcmp(tok, "ns=", 3)) {
			seen = &seen_ns;
		} else if (kml_tfield_other(tok, tlen)) {
			continue;	/* what a recording adds: read past */
		} else {
			kml_terr(p, nr,
				 "bad field '%s' (expected t=, al=, ns=, ev=, cache=, alloc=, gfp= or site=)",
				 kml_tshow(p, tok, tlen));
			return -EINVAL;
		}
		if (*seen) {
			kml_terr(p, nr, "field '%s' given twice",
				 kml_tshow(p, tok, val - tok));
			return -EINVAL;
		}
		*seen = true;
		if (kml_tdec(val, vlen, &v)) {
			kml_terr(p, nr, "bad value '%s'",
				 kml_tshow(p, tok, tlen));
			return -EINVAL;
		}
		if (seen == &seen_t) {
			if (v >= KML_TRACE_MAX_THREADS) {
				kml_terr(p, nr, "thread %llu out of range (below %u)",
					 (unsigned long long)v,
					 KML_TRACE_MAX_THREADS);
				return -EINVAL;
			}
			op->thread = (u16)v;
			if (v + 1 > t->nr_threads)
				t->nr_threads = (u32)v + 1;
		} else if (seen == &seen_al) {
			if (code != KML_TOP_ALLOC) {
				kml_terr(p, nr, "al= on an op that is not 'a'");
				return -EINVAL;
			}
			if (!v || (v & (v - 1)) ||
			    v > (1ULL << KML_TRACE_MAX_ALIGN_LOG2)) {
				kml_terr(p, nr,
					 "alignment %llu is not a power of two up to %llu",
					 (unsigned long long)v,
					 1ULL << KML_TRACE_MAX_ALIGN_LOG2);
				return -EINVAL;
			}
			op->align_log2 = 0;
			while ((1ULL << op->align_log2) < v)
				op->align_log2++;
			t->nr_aligned++;
		}
		/* ns= is checked and not kept: the replay runs flat out */
	}
	return 0;
}

/* The bytes an op of @size keeps live: none for an oversize one. */
static u64 kml_tbytes(u64 size)
{
	return size == KML_TRACE_OVERSIZE ? 0 : size;
}

/*
 * Parse one op line into @op; check it against the live set and update
 * the live set. @max_ids bounds the ids (the header's num_ids for .rep).
 */
static int kml_tparse_op(struct kml_tparse *p, struct kml_tline *l,
			 u64 max_ids, struct kml_trace *t,
			 u64 *live_bytes, u32 *live_ids)
{
	struct kml_trace_op *op = &t->ops[t->nr_ops];
	const char *tok;
	size_t tlen;
	u64 id, size = 0;
	u32 nr = l->nr;
	int code, ret;

	kml_ttok(l, &tok, &tlen);
	if (tlen == 1 && tok[0] == 'a') {
		code = KML_TOP_ALLOC;
	} else if (tlen == 1 && tok[0] == 'f') {
		code = KML_TOP_FREE;
	} else if (tlen == 1 && tok[0] == 'r') {
		code = KML_TOP_REALLOC;
	} else {
		kml_terr(p, nr, "bad op '%s' (expected a, f or r)",
			 kml_tshow(p, tok, tlen));
		return -EINVAL;
	}
	if (!kml_ttok(l, &tok, &tlen)) {
		kml_terr(p, nr, "missing id");
		return -EINVAL;
	}
	if (code == KML_TOP_FREE && tlen == 2 && !memcmp(tok, "-1", 2)) {
		/* free(NULL): counted, nothing to do */
		ret = kml_tfields(p, l, nr, code, t, op);
		if (ret)
			return ret;
		t->nr_frees++;
		t->nr_free_null++;
		op->op = KML_TOP_NOP;	/* id 0: a working set has a slot */
		if (!t->nr_ids)
			t->nr_ids = 1;
		t->nr_ops++;
		return 0;
	}
	ret = kml_tdec(tok, tlen, &id);
	if (ret) {
		kml_terr(p, nr, "bad id '%s'", kml_tshow(p, tok, tlen));
		return -EINVAL;
	}
	if (id >= max_ids) {
		kml_terr(p, nr, "id %llu out of range (ids below %llu)",
			 (unsigned long long)id, (unsigned long long)max_ids);
		return -EINVAL;
	}
	if (code != KML_TOP_FREE) {
		if (!kml_ttok(l, &tok, &tlen)) {
			kml_terr(p, nr, "missing size");
			return -EINVAL;
		}
		ret = kml_tdec(tok, tlen, &size);
		if (ret) {
			kml_terr(p, nr, "bad size '%s'",
				 kml_tshow(p, tok, tlen));
			return -EINVAL;
		}
		/* r ID 0 is realloc(ptr, 0): a free */
		if (!size && code == KML_TOP_ALLOC) {
			kml_terr(p, nr, "size 0 of an allocation (sizes start at 1)");
			return -EINVAL;
		}
		/*
		 * A request above every backend's bound (CS:APP's giant
		 * traces ask for up to 2^64 - 1 bytes to see malloc fail)
		 * is kept as one no backend serves: a failed allocation.
		 */
		if (size > KML_TRACE_MAX_SIZE) {
			size = KML_TRACE_OVERSIZE;
			t->nr_oversize++;
		}
	}
	ret = kml_tfields(p, l, nr, code, t, op);
	if (ret)
		return ret;
	ret = kml_tgrow(p, id);
	if (ret)
		return ret;

	switch (code) {
	case KML_TOP_ALLOC:
		if (p->live_size[id]) {
			kml_terr(p, nr, "alloc of id %llu that is already live",
				 (unsigned long long)id);
			return -EINVAL;
		}
		p->live_size[id] = (u32)size;
		*live_bytes += kml_tbytes(size);
		(*live_ids)++;
		t->nr_allocs++;
		break;
	case KML_TOP_FREE:
		if (!p->live_size[id]) {
			kml_terr(p, nr, "free of id %llu that is not live",
				 (unsigned long long)id);
			return -EINVAL;
		}
		*live_bytes -= kml_tbytes(p->live_size[id]);
		p->live_size[id] = 0;
		(*live_ids)--;
		t->nr_frees++;
		break;
	default:
		t->nr_reallocs++;
		if (!size && !p->live_size[id]) {
			/* realloc(NULL, 0): free(NULL) */
			code = KML_TOP_NOP;
			t->nr_free_null++;
		} else if (!size) {
			/* realloc(ptr, 0) frees ptr, as glibc's does */
			code = KML_TOP_FREE;
			t->nr_realloc_free++;
			*live_bytes -= kml_tbytes(p->live_size[id]);
			p->live_size[id] = 0;
			(*live_ids)--;
		} else if (!p->live_size[id]) {
			/* realloc(NULL, size): malloc(size) */
			t->nr_realloc_new++;
			p->live_size[id] = (u32)size;
			*live_bytes += kml_tbytes(size);
			(*live_ids)++;
		} else if (size != KML_TRACE_OVERSIZE) {
			/* resized (an oversize one fails: the old one stays) */
			*live_bytes = *live_bytes - kml_tbytes(p->live_size[id]) +
				      size;
			p->live_size[id] = (u32)size;
		}
		break;
	}
	if (*live_bytes > t->peak_bytes)
		t->peak_bytes = *live_bytes;
	if (*live_ids > t->max_live)
		t->max_live = *live_ids;
	if (size > t->max_size && size != KML_TRACE_OVERSIZE)
		t->max_size = (u32)size;
	if (id + 1 > t->nr_ids)
		t->nr_ids = (u32)id + 1;
	op->id = (u32)id;
	op->op = code;
	op->size = (u32)size;
	t->nr_ops++;
	return 0;
}

/* Is @l the native header "kmemlab-trace 1"? */
static bool kml_tline_native(const struct kml_tline *l)
{
	static const char hdr[] = "kmemlab-trace";
	struct kml_tline c = *l;
	const char *tok;
	size_t tlen;

	if (!kml_ttok(&c, &tok, &tlen) || tlen != sizeof(hdr) - 1 ||
	    memcmp(tok, hdr, tlen))
		return false;
	return true;
}

static bool kml_tline_is_op(const struct kml_tline *l)
{
	return l->len && (l->s[0] < '0' || l->s[0] > '9');
}

/*
 * Pass 1: count the lines that may be ops, refusing oversized traces
 * before the op array is allocated.
 */
static int kml_tcount(struct kml_tparse *p, u32 *nr)
{
	struct kml_tline l;
	u32 n = 0;

	while (kml_tnext(p, &l)) {
		if (!l.len || kml_tline_is_comment(&l))
			continue;
		if (kml_tline_has_nul(&l)) {
			kml_terr(p, l.nr, "NUL byte");
			return -EINVAL;
		}
		if (++n > KML_TRACE_MAX_OPS + 4) {
			kml_out_printf(p->err,
				       "more than %u operations", KML_TRACE_MAX_OPS);
			return -E2BIG;
		}
	}
	*nr = n;
	p->pos = 0;
	p->line = 0;
	return 0;
}

static int kml_tparse_body(struct kml_tparse *p, struct kml_trace *t)
{
	u64 hdr[4], live_bytes = 0, max_ids = KML_TRACE_MAX_IDS;
	u32 nr_hdr = 0, live_ids = 0, first_nr = 0, comment_nr = 0;
	bool native = false, started = false, seen_first = false;
	struct kml_tline l;
	int ret;

	while (kml_tnext(p, &l)) {
		if (!l.len)
			continue;
		if (!seen_first && kml_tline_is_comment(&l)) {
			/* allowed before the native header only */
			if (!comment_nr)
				comment_nr = l.nr;
			continue;
		}
		if (!seen_first) {
			seen_first = true;
			first_nr = l.nr;
			if (kml_tline_native(&l)) {
				struct kml_tline c = l;
				const char *tok;
				size_t tlen;

				kml_ttok(&c, &tok, &tlen);
				if (!kml_ttok(&c, &tok, &tlen) || tlen != 1 ||
				    (tok[0] != '1' && tok[0] != '2')) {
					kml_terr(p, l.nr,
						 "unsupported native version (expected 'kmemlab-trace 1' or '2')");
					return -EINVAL;
				}
				p->v2 = tok[0] == '2';
				t->version = tok[0] - '0';
				if (kml_ttok(&c, &tok, &tlen)) {
					kml_terr(p, l.nr,
						 "trailing garbage '%s'",
						 kml_tshow(p, tok, tlen));
					return -EINVAL;
				}
				native = true;
				t->format = KML_TRACE_NATIVE;
				continue;
			}
			t->format = KML_TRACE_REP;
			if (comment_nr) {
				kml_terr(p, comment_nr,
					 "comment before a .rep header (comments need the 'kmemlab-trace 1' header)");
				return -EINVAL;
			}
		}
		if (native) {
			if (kml_tline_is_comment(&l))
				continue;
		} else if (!started && !kml_tline_is_op(&l)) {
			const char *tok;
			size_t tlen;

			kml_ttok(&l, &tok, &tlen);
			if (nr_hdr == 4) {
				kml_terr(p, l.nr,
					 "header longer than 4 lines");
				return -EINVAL;
			}
			ret = kml_tdec(tok, tlen, &hdr[nr_hdr]);
			if (ret || l.len) {
				kml_terr(p, l.nr,
					 "bad header line (expected one number)");
				return -EINVAL;
			}
			nr_hdr++;
			continue;
		}
		if (!native && !started) {
			if (nr_hdr != 2 && nr_hdr != 4) {
				kml_terr(p, first_nr,
					 "header has %u lines (expected 2 or 4)",
					 nr_hdr);
				return -EINVAL;
			}
			/* 4 lines: heapsize ids ops weight; 2 lines: ids ops */
			max_ids = nr_hdr == 4 ? hdr[1] : hdr[0];
			if (max_ids > KML_TRACE_MAX_IDS) {
				kml_terr(p, first_nr + (nr_hdr == 4),
					 "num_ids %llu above the bound %u",
					 (unsigned long long)max_ids,
					 KML_TRACE_MAX_IDS);
				return -E2BIG;
			}
		}
		started = true;
		ret = kml_tparse_op(p, &l, max_ids, t, &live_bytes, &live_ids);
		if (ret)
			return ret;
	}
	if (!native && !started && nr_hdr != 2 && nr_hdr != 4 && seen_first) {
		kml_terr(p, first_nr, "header has %u lines (expected 2 or 4)",
			 nr_hdr);
		return -EINVAL;
	}
	if (!native && seen_first) {
		u64 want = nr_hdr == 4 ? hdr[2] : hdr[1];

		/* the body is what runs; the caller warns */
		t->hdr_ops = want > ~0u ? ~0u : (u32)want;
		t->hdr_ops_differ = want != t->nr_ops;
	}
	if (!t->nr_ops) {
		kml_out_printf(p->err, "no operations");
		return -EINVAL;
	}
	t->live_at_end = live_ids;
	return 0;
}

int kml_trace_parse(const char *buf, size_t len, struct kml_trace **tp,
		    struct kml_out *err)
{
	struct kml_tparse p = { .buf = buf, .len = len, .err = err };
	struct kml_trace *t;
	u32 nr;
	int ret;

	if (len > KML_TRACE_MAX_BYTES) {
		kml_out_printf(err, "trace of %zu bytes above the bound %u",
			       len, KML_TRACE_MAX_BYTES);
		return -E2BIG;
	}
	ret = kml_tcount(&p, &nr);
	if (ret)
		return ret;
	t = kml_zalloc(sizeof(*t) + (size_t)(nr ? nr : 1) * sizeof(t->ops[0]));
	if (!t)
		return -ENOMEM;
	ret = kml_tparse_body(&p, t);
	kml_free(p.live_size);
	if (!ret && t->nr_ops > KML_TRACE_MAX_OPS) {
		kml_out_printf(err, "more than %u operations",
			       KML_TRACE_MAX_OPS);
		ret = -E2BIG;
	}
	if (ret) {
		kml_free(t);
		return ret;
	}
	*tp = t;
	return 0;
}

void kml_trace_free(struct kml_trace *t)
{
	kml_free(t);
}
