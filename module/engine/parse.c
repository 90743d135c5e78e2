// SPDX-License-Identifier: GPL-2.0
/*
 * The bottom of the command language: error replies, tokens, numbers,
 * key=value arguments and comma-separated lists. Every command file uses
 * these helpers; they call nothing else of the engine.
 */
#include "engine_priv.h"

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
	case EFAULT:	return "EFAULT";
	default:	return "error";
	}
}

/*
 * kml_budget_refused() - the host's count of refused budget charges (0
 * without a budget); read before an allocation, so that its ENOMEM can be
 * told apart: the budget ran out, or the allocator itself.
 */
u64 kml_budget_refused(const struct kml_engine *e)
{
	struct kml_budget b = { 0 };

	if (!e->host->budget)
		return 0;
	e->host->budget(e->host->priv, &b);
	return b.refused;
}

/*
 * kml_budget_why() - the tail of an ENOMEM reply when the host refused a
 * budget charge since @refused_before: what is used, the limit, where to
 * see who holds it and how to raise it; "" otherwise.
 */
const char *kml_budget_why(struct kml_session *s, u64 refused_before,
			   char *buf, size_t size)
{
	const struct kml_host *h = s->e->host;
	struct kml_budget b = { 0 };
	struct kml_out o;

	buf[0] = '\0';
	if (!h->budget)
		return buf;
	h->budget(h->priv, &b);
	if (b.refused == refused_before)
		return buf;
	kml_out_init(&o, buf, size);
	kml_out_printf(&o,
		       ": the memory budget ran out (%llu of %llu bytes in use; 'instances' shows what each holds)",
		       (unsigned long long)b.used,
		       (unsigned long long)b.limit);
	if (b.raise)
		kml_out_printf(&o, "; %s", b.raise);
	return buf;
}

int kml_cmd_err(struct kml_session *s, int err, const char *fmt, ...)
{
	struct kml_out *out = &s->out;
	va_list args;
	size_t room;
	u64 inj;
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
	/* an ENOMEM the platform's fault injection caused says so */
	inj = kml_fault_injected() - s->fault_mark;
	if (err == -ENOMEM && inj)
		kml_out_printf(out,
			       " (fault injection: %llu allocation(s) failed on purpose while this command ran; view 'fault')",
			       (unsigned long long)inj);
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

const char *kml_show_word(char *buf, const char *s, size_t len)
{
	size_t i, n = len > KML_SHOW_MAX ? KML_SHOW_MAX : len;

	for (i = 0; i < n; i++)
		buf[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	if (len > KML_SHOW_MAX) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

/*
 * kml_tok_show() - a token made safe for a reply line (kml_show_word()).
 * Two buffers of the session rotate so that one message can show two
 * tokens.
 */
const char *kml_tok_show(struct kml_session *s, const struct kml_tok *t)
{
	return kml_show_word(s->show[s->show_next++ & 1], t->s, t->len);
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
