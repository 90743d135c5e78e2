// SPDX-License-Identifier: GPL-2.0
/*
 * Splitting a kernel recording by cache (tracegroup.h): one pass over the
 * lines, a table from live id to group, and the op lines copied as they
 * are into their group's text.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "kml_bounds.h"
#include "tracegroup.h"

#define TG_MAX_WORDS 16

static void tg_err(char *err, size_t errlen, unsigned int line,
		   const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (!errlen)
		return;
	if (line)
		n = snprintf(err, errlen, "line %u: ", line);
	if (n < 0 || (size_t)n >= errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

static int tg_append(struct tgroup *g, const char *s, size_t n)
{
	if (g->len + n + 2 > g->cap) {
		size_t cap = g->cap ? g->cap : 4096;
		char *t;

		while (g->len + n + 2 > cap)
			cap *= 2;
		t = realloc(g->text, cap);
		if (!t)
			return -ENOMEM;
		g->text = t;
		g->cap = cap;
	}
	memcpy(g->text + g->len, s, n);
	g->len += n;
	g->text[g->len++] = '\n';
	g->text[g->len] = '\0';
	return 0;
}

/* The group named @name (page ops: TGROUP_PAGES), made when new. */
static struct tgroup *tg_group(struct tgroups *gs, const char *name,
			       size_t nlen, bool pages, size_t *idx)
{
	static const char head[] = "kmemlab-trace 2";
	struct tgroup *g;
	size_t i;

	if (nlen >= sizeof(gs->g[0].name))
		nlen = sizeof(gs->g[0].name) - 1;
	for (i = 0; i < gs->n; i++)
		if (gs->g[i].pages == pages && !strncmp(gs->g[i].name, name, nlen) &&
		    !gs->g[i].name[nlen]) {
			*idx = i;
			return &gs->g[i];
		}
	g = grow(gs->g, gs->n, &gs->cap, sizeof(*g), 16);
	if (!g)
		return NULL;
	gs->g = g;
	g = &gs->g[gs->n];
	memset(g, 0, sizeof(*g));
	memcpy(g->name, name, nlen);
	g->name[nlen] = '\0';
	g->pages = pages;
	if (tg_append(g, head, sizeof(head) - 1))
		return NULL;
	*idx = gs->n++;
	return g;
}

static bool tg_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Split @s (@n bytes) into words; Return: how many (at most @max). */
static unsigned int tg_words(const char *s, size_t n, const char **w,
			     size_t *wl, unsigned int max)
{
	unsigned int nw = 0;
	size_t i = 0;

	while (i < n && nw < max) {
		while (i < n && tg_blank(s[i]))
			i++;
		if (i == n)
			break;
		w[nw] = s + i;
		while (i < n && !tg_blank(s[i]))
			i++;
		wl[nw] = (size_t)(s + i - w[nw]);
		nw++;
	}
	return nw;
}

/* The value of field @key ("cache=") among words from @from on, or NULL. */
static const char *tg_field(const char **w, const size_t *wl, unsigned int nw,
			    unsigned int from, const char *key, size_t *vlen)
{
	size_t kl = strlen(key);
	unsigned int i;

	for (i = from; i < nw; i++)
		if (wl[i] > kl && !strncmp(w[i], key, kl)) {
			*vlen = wl[i] - kl;
			return w[i] + kl;
		}
	return NULL;
}

static uint64_t tg_num(const char *s, size_t n)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	return v;
}

/* One op line; Return: 0, -EINVAL (@err set), -ENOMEM. */
static int tg_op(struct tgroups *gs, uint32_t *live, const char *s, size_t n,
		 unsigned int line, char *err, size_t errlen)
{
	const char *w[TG_MAX_WORDS], *v;
	size_t wl[TG_MAX_WORDS], vl, idx;
	unsigned int nw = tg_words(s, n, w, wl, TG_MAX_WORDS), first;
	struct tgroup *g;
	uint64_t id, size = 0, t = 0;
	char op;

	if (nw < 2 || wl[0] != 1 || !strchr("afr", w[0][0])) {
		tg_err(err, errlen, line, "not an op line");
		return -EINVAL;
	}
	op = w[0][0];
	gs->ops++;
	if (op == 'f' && wl[1] == 2 && !strncmp(w[1], "-1", 2)) {
		gs->free_nulls++;	/* free(NULL): no cache to charge */
		return 0;
	}
	id = tg_num(w[1], wl[1]);
	if (id >= KML_TRACE_MAX_IDS) {
		tg_err(err, errlen, line, "id %llu out of range",
		       (unsigned long long)id);
		return -EINVAL;
	}
	first = op == 'f' ? 2 : 3;
	if (op != 'f')
		size = nw > 2 ? tg_num(w[2], wl[2]) : 0;
	v = tg_field(w, wl, nw, first, "t=", &vl);
	if (v)
		t = tg_num(v, vl);
	if (op == 'a') {
		bool pages;

		if (live[id]) {
			tg_err(err, errlen, line, "alloc of id %llu that is already live",
			       (unsigned long long)id);
			return -EINVAL;
		}
		v = tg_field(w, wl, nw, first, "ev=", &vl);
		pages = v && vl == 4 && !strncmp(v, "page", 4);
		v = tg_field(w, wl, nw, first, "cache=", &vl);
		if (pages) {
			v = TGROUP_PAGES;
			vl = strlen(v);
		} else if (!v) {
			tg_err(err, errlen, line,
			       "allocation without cache= (a kernel recording names the cache of every allocation: kmemlab record --kernel)");
			return -EINVAL;
		}
		g = tg_group(gs, v, vl, pages, &idx);
		if (!g)
			return -ENOMEM;
		live[id] = (uint32_t)idx + 1;
		g->allocs++;
		v = tg_field(w, wl, nw, first, "alloc=", &vl);
		if (v && tg_num(v, vl) > g->max_alloc)
			g->max_alloc = tg_num(v, vl);
	} else {
		if (!live[id]) {
			/* r of an id not live: realloc(NULL, n), no cache */
			tg_err(err, errlen, line, "%s of id %llu that is not live: no cache to charge it to",
			       op == 'f' ? "free" : "realloc", (unsigned long long)id);
			return -EINVAL;
		}
		g = &gs->g[live[id] - 1];
		if (op == 'f') {
			g->frees++;
			live[id] = 0;
		} else {
			g->reallocs++;
			if (!size)
				live[id] = 0;	/* realloc(ptr, 0) frees */
		}
	}
	if (size > g->max_req)
		g->max_req = size;
	if (size > g->max_alloc)
		g->max_alloc = size;
	g->ops++;
	if (t + 1 > g->threads)
		g->threads = (unsigned int)t + 1;
	if (t + 1 > gs->threads)
		gs->threads = (unsigned int)t + 1;
	return tg_append(g, s, n);
}

int tgroup_split(const char *text, size_t len, struct tgroups *out, char *err,
		 size_t errlen)
{
	static const char head[] = "kmemlab-trace ";
	uint32_t *live = calloc(KML_TRACE_MAX_IDS, sizeof(*live));
	unsigned int line = 0;
	bool header = false;
	size_t pos = 0;
	int r = 0;

	if (!live)
		return -ENOMEM;
	while (pos < len && !r) {
		const char *s = text + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;

		pos += n + (nl ? 1 : 0);
		line++;
		if (n && s[n - 1] == '\r')
			n--;
		while (n && tg_blank(*s)) {
			s++;
			n--;
		}
		while (n && tg_blank(s[n - 1]))
			n--;
		if (!n || *s == '#')
			continue;
		if (header) {
			r = tg_op(out, live, s, n, line, err, errlen);
			continue;
		}
		if (n == sizeof(head) && !strncmp(s, head, sizeof(head) - 1) &&
		    s[n - 1] == '2') {
			header = true;
			continue;
		}
		if (n == sizeof(head) && !strncmp(s, head, sizeof(head) - 1) &&
		    s[n - 1] == '1')
			tg_err(err, errlen, line,
			       "native version 1 has no cache= field: not a kernel recording (kmemlab record --kernel writes 'kmemlab-trace 2' with cache=)");
		else
			tg_err(err, errlen, line,
			       "not a kernel recording (expected the header 'kmemlab-trace 2' that kmemlab record --kernel writes)");
		r = -EINVAL;
	}
	if (!r && !out->ops) {
		tg_err(err, errlen, 0, "no operations");
		r = -EINVAL;
	}
	if (!r && !out->n) {
		tg_err(err, errlen, 0, "no allocation in the recording");
		r = -EINVAL;
	}
	free(live);
	return r;
}

void tgroup_free(struct tgroups *gs)
{
	size_t i;

	for (i = 0; i < gs->n; i++)
		free(gs->g[i].text);
	free(gs->g);
	memset(gs, 0, sizeof(*gs));
}
