// SPDX-License-Identifier: GPL-2.0
/*
 * JSON reader: recursive descent over RFC 8259 with a depth bound, strict
 * (no trailing commas, no comments, no leading zeros, no control
 * characters in strings), \u escapes including surrogate pairs decoded to
 * UTF-8. Used by 'kmemlab report' and to read back what the writer emits.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

#define JV_MAX_DEPTH 64

struct jp {
	const char *s;
	size_t len;
	size_t pos;
	char *err;
	size_t errlen;
	bool failed;
};

__attribute__((format(printf, 2, 3)))
static void jp_fail(struct jp *p, const char *fmt, ...)
{
	size_t i, line = 1, col = 1;
	va_list ap;
	int n;

	if (p->failed)
		return;
	p->failed = true;
	for (i = 0; i < p->pos && i < p->len; i++) {
		if (p->s[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	n = snprintf(p->err, p->errlen, "line %zu, column %zu: ", line, col);
	if (n < 0 || (size_t)n >= p->errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

static void jp_ws(struct jp *p)
{
	while (p->pos < p->len && strchr(" \t\r\n", p->s[p->pos]) &&
	       p->s[p->pos])
		p->pos++;
}

static bool jp_lit(struct jp *p, const char *lit)
{
	size_t n = strlen(lit);

	if (p->len - p->pos >= n && !memcmp(p->s + p->pos, lit, n)) {
		p->pos += n;
		return true;
	}
	return false;
}

static void put_utf8(char *out, size_t *o, unsigned int cp)
{
	if (cp < 0x80) {
		out[(*o)++] = (char)cp;
	} else if (cp < 0x800) {
		out[(*o)++] = (char)(0xc0 | (cp >> 6));
		out[(*o)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		out[(*o)++] = (char)(0xe0 | (cp >> 12));
		out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*o)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		out[(*o)++] = (char)(0xf0 | (cp >> 18));
		out[(*o)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*o)++] = (char)(0x80 | (cp & 0x3f));
	}
}

static int jp_hex4(struct jp *p, unsigned int *v)
{
	unsigned int i, d;

	if (p->len - p->pos < 4) {
		jp_fail(p, "short \\u escape");
		return -1;
	}
	*v = 0;
	for (i = 0; i < 4; i++) {
		char c = p->s[p->pos++];

		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned int)(c - 'A' + 10);
		else {
			jp_fail(p, "bad hex digit in \\u escape");
			return -1;
		}
		*v = *v * 16 + d;
	}
	return 0;
}

/* Parse a string at p->pos (at the opening quote) into a new buffer. */
static char *jp_string(struct jp *p, size_t *outlen)
{
	/* the one-character escapes and what they stand for */
	static const char esc_from[] = "\"\\/bfnrt";
	static const char esc_to[] = "\"\\/\b\f\n\r\t";
	const char *esc;
	size_t o = 0;
	char *out;

	p->pos++;	/* opening quote */
	/* decoded text is never longer than the source */
	out = malloc(p->len - p->pos + 1);
	if (!out) {
		jp_fail(p, "out of memory");
		return NULL;
	}
	while (p->pos < p->len) {
		unsigned char c = (unsigned char)p->s[p->pos];
		unsigned int cp, lo;

		if (c == '"') {
			p->pos++;
			out[o] = '\0';
			*outlen = o;
			return out;
		}
		if (c < 0x20) {
			jp_fail(p, "control character in string");
			goto fail;
		}
		if (c != '\\') {
			out[o++] = (char)c;
			p->pos++;
			continue;
		}
		p->pos++;
		if (p->pos >= p->len)
			break;
		c = (unsigned char)p->s[p->pos++];
		esc = c ? strchr(esc_from, c) : NULL;
		if (esc) {
			out[o++] = esc_to[esc - esc_from];
			continue;
		}
		switch (c) {
		case 'u':
			if (jp_hex4(p, &cp))
				goto fail;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (!jp_lit(p, "\\u") || jp_hex4(p, &lo) ||
				    lo < 0xdc00 || lo > 0xdfff) {
					jp_fail(p, "unpaired surrogate");
					goto fail;
				}
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				     (lo - 0xdc00);
			} else if (cp >= 0xdc00 && cp <= 0xdfff) {
				jp_fail(p, "unpaired surrogate");
				goto fail;
			}
			put_utf8(out, &o, cp);
			break;
		default:
			jp_fail(p, "bad escape '\\%c'", c);
			goto fail;
		}
	}
	jp_fail(p, "unterminated string");
fail:
	free(out);
	return NULL;
}

/* Skip a run of digits. Return: how many there were. */
static size_t jp_digits(struct jp *p)
{
	size_t start = p->pos;

	while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
		p->pos++;
	return p->pos - start;
}

static int jp_number(struct jp *p, double *num)
{
	size_t start = p->pos;
	char buf[64];
	char *end;

	if (p->pos < p->len && p->s[p->pos] == '-')
		p->pos++;
	if (p->pos + 1 < p->len && p->s[p->pos] == '0' &&
	    p->s[p->pos + 1] >= '0' && p->s[p->pos + 1] <= '9')
		goto bad;
	if (!jp_digits(p))
		goto bad;
	if (p->pos < p->len && p->s[p->pos] == '.') {
		p->pos++;
		if (!jp_digits(p))
			goto bad;
	}
	if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
			p->pos++;
		if (!jp_digits(p))
			goto bad;
	}
	if (p->pos - start >= sizeof(buf))
		goto bad;
	memcpy(buf, p->s + start, p->pos - start);
	buf[p->pos - start] = '\0';
	*num = strtod(buf, &end);
	return 0;
bad:
	p->pos = start;
	jp_fail(p, "bad number");
	return -1;
}

static int jp_value(struct jp *p, struct jv *v, int depth);

static int jp_push(struct jp *p, struct jv *v, size_t *cap)
{
	if (v->len == *cap) {
		size_t nc = *cap ? *cap * 2 : 4;
		struct jv *ni = realloc(v->items, nc * sizeof(*ni));

		if (!ni) {
			jp_fail(p, "out of memory");
			return -1;
		}
		v->items = ni;
		if (v->type == JV_OBJ) {
			char **nk = realloc(v->keys, nc * sizeof(*nk));

			if (!nk) {
				jp_fail(p, "out of memory");
				return -1;
			}
			v->keys = nk;
		}
		*cap = nc;
	}
	memset(&v->items[v->len], 0, sizeof(v->items[0]));
	if (v->type == JV_OBJ)
		v->keys[v->len] = NULL;
	v->len++;
	return 0;
}

static int jp_container(struct jp *p, struct jv *v, int depth, bool obj)
{
	size_t cap = 0, klen;

	v->type = obj ? JV_OBJ : JV_ARR;
	p->pos++;
	jp_ws(p);
	if (p->pos < p->len && p->s[p->pos] == (obj ? '}' : ']')) {
		p->pos++;
		return 0;
	}
	for (;;) {
		char *key = NULL;

		jp_ws(p);
		if (obj) {
			if (p->pos >= p->len || p->s[p->pos] != '"') {
				jp_fail(p, "expected a member name");
				return -1;
			}
			key = jp_string(p, &klen);
			if (!key)
				return -1;
			jp_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':') {
				free(key);
				jp_fail(p, "expected ':'");
				return -1;
			}
			p->pos++;
		}
		if (jp_push(p, v, &cap)) {
			free(key);
			return -1;
		}
		if (obj)
			v->keys[v->len - 1] = key;
		if (jp_value(p, &v->items[v->len - 1], depth + 1))
			return -1;
		jp_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == (obj ? '}' : ']')) {
			p->pos++;
			return 0;
		}
		jp_fail(p, obj ? "expected ',' or '}'" : "expected ',' or ']'");
		return -1;
	}
}

static int jp_value(struct jp *p, struct jv *v, int depth)
{
	if (depth > JV_MAX_DEPTH) {
		jp_fail(p, "nested deeper than %d", JV_MAX_DEPTH);
		return -1;
	}
	jp_ws(p);
	if (p->pos >= p->len) {
		jp_fail(p, "unexpected end of input");
		return -1;
	}
	switch (p->s[p->pos]) {
	case '{':
		return jp_container(p, v, depth, true);
	case '[':
		return jp_container(p, v, depth, false);
	case '"':
		v->type = JV_STR;
		v->str = jp_string(p, &v->len);
		return v->str ? 0 : -1;
	case 't':
		if (jp_lit(p, "true")) {
			v->type = JV_BOOL;
			v->b = true;
			return 0;
		}
		break;
	case 'f':
		if (jp_lit(p, "false")) {
			v->type = JV_BOOL;
			return 0;
		}
		break;
	case 'n':
		if (jp_lit(p, "null")) {
			v->type = JV_NULL;
			return 0;
		}
		break;
	default:
		v->type = JV_NUM;
		return jp_number(p, &v->num);
	}
	jp_fail(p, "unexpected character '%c'", p->s[p->pos]);
	return -1;
}

static void jv_clear(struct jv *v)
{
	size_t i;

	if (v->type == JV_ARR || v->type == JV_OBJ) {
		for (i = 0; i < v->len; i++) {
			jv_clear(&v->items[i]);
			if (v->keys)
				free(v->keys[i]);
		}
		free(v->items);
		free(v->keys);
	}
	free(v->str);
}

void jv_free(struct jv *v)
{
	if (!v)
		return;
	jv_clear(v);
	free(v);
}

struct jv *jv_parse(const char *text, size_t len, char *err, size_t errlen)
{
	struct jp p = { .s = text, .len = len, .err = err, .errlen = errlen };
	struct jv *v = calloc(1, sizeof(*v));

	if (errlen)
		err[0] = '\0';
	if (!v) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (jp_value(&p, v, 0) == 0) {
		jp_ws(&p);
		if (p.pos < p.len)
			jp_fail(&p, "trailing text after the document");
	}
	if (p.failed) {
		jv_free(v);
		return NULL;
	}
	return v;
}

const struct jv *jv_get(const struct jv *o, const char *key)
{
	size_t i;

	if (!o || o->type != JV_OBJ)
		return NULL;
	for (i = 0; i < o->len; i++)
		if (!strcmp(o->keys[i], key))
			return &o->items[i];
	return NULL;
}

const struct jv *jv_path(const struct jv *o, const char *path)
{
	char part[64];
	const char *dot;
	size_t n;

	while (o && *path) {
		dot = strchr(path, '.');
		n = dot ? (size_t)(dot - path) : strlen(path);
		if (n >= sizeof(part))
			return NULL;
		memcpy(part, path, n);
		part[n] = '\0';
		o = jv_get(o, part);
		path += n + (dot ? 1 : 0);
	}
	return o;
}

double jv_num(const struct jv *o, const char *path, double dflt)
{
	const struct jv *v = jv_path(o, path);

	return v && v->type == JV_NUM ? v->num : dflt;
}

const char *jv_strv(const struct jv *o, const char *path, const char *dflt)
{
	const struct jv *v = jv_path(o, path);

	return v && v->type == JV_STR ? v->str : dflt;
}
