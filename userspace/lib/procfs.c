// SPDX-License-Identifier: GPL-2.0
/*
 * Parsers of /proc/slabinfo 2.1 and /proc/buddyinfo (and of our debugfs
 * files in the same formats). Strict by design: every line is checked
 * field by field and the first malformed one is reported as FILE:LINE.
 * The writer of slabinfo uses the kernel's own field widths.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "procfs.h"

#define SLABINFO_VERSION "slabinfo - version: 2.1"

/* A cursor over one line (not NUL-terminated). */
struct lcur {
	const char *p;
	const char *end;
};

__attribute__((format(printf, 5, 6)))
static int perr(char *err, size_t errlen, const char *file, size_t line,
		const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(err, errlen, "%s:%zu: ", file, line);
	if (n >= 0 && (size_t)n < errlen) {
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

static bool lc_blank(struct lcur *c)
{
	bool any = false;

	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t')) {
		c->p++;
		any = true;
	}
	return any;
}

/* The next run of non-blank characters; false when there is none. */
static bool lc_word(struct lcur *c, const char **w, size_t *n)
{
	lc_blank(c);
	*w = c->p;
	while (c->p < c->end && *c->p != ' ' && *c->p != '\t')
		c->p++;
	*n = (size_t)(c->p - *w);
	return *n > 0;
}

/* An unsigned decimal that fits an unsigned long, as a whole word. */
static bool lc_ulong(struct lcur *c, unsigned long *v)
{
	const char *w;
	size_t n, i;
	unsigned long x = 0;

	if (!lc_word(c, &w, &n))
		return false;
	for (i = 0; i < n; i++) {
		unsigned int d = (unsigned int)(w[i] - '0');

		if (w[i] < '0' || w[i] > '9')
			return false;
		if (x > (~0UL - d) / 10)
			return false;
		x = x * 10 + d;
	}
	*v = x;
	return true;
}

/* The exact word @lit. */
static bool lc_expect(struct lcur *c, const char *lit)
{
	const char *w;
	size_t n;

	return lc_word(c, &w, &n) && n == strlen(lit) && !memcmp(w, lit, n);
}

static bool lc_at_end(struct lcur *c)
{
	lc_blank(c);
	return c->p == c->end;
}

/* Split the next line off @text; false at the end. */
static bool next_line(const char **pos, const char *end, struct lcur *c)
{
	const char *nl;

	if (*pos >= end)
		return false;
	nl = memchr(*pos, '\n', (size_t)(end - *pos));
	c->p = *pos;
	c->end = nl ? nl : end;
	*pos = nl ? nl + 1 : end;
	return true;
}

static const char *const slab_fields[] = {
	"<active_objs>", "<num_objs>", "<objsize>", "<objperslab>",
	"<pagesperslab>",
};

static int slab_row_parse(struct lcur *c, struct slab_row *r, const char **why)
{
	unsigned long *five[] = {
		&r->active_objs, &r->num_objs, &r->objsize, &r->objperslab,
		&r->pagesperslab,
	};
	unsigned long *tun[] = { &r->limit, &r->batchcount, &r->sharedfactor };
	unsigned long *sd[] = {
		&r->active_slabs, &r->num_slabs, &r->sharedavail,
	};
	const char *w;
	size_t n, i;

	if (c->p < c->end && (*c->p == ' ' || *c->p == '\t')) {
		*why = "line starts with a blank, expected a cache name";
		return -1;
	}
	if (!lc_word(c, &w, &n)) {
		*why = "empty line";
		return -1;
	}
	if (n > SLAB_NAME_MAX) {
		*why = "cache name longer than 128 characters";
		return -1;
	}
	memcpy(r->name, w, n);
	r->name[n] = '\0';
	for (i = 0; i < 5; i++) {
		if (!lc_ulong(c, five[i])) {
			*why = slab_fields[i];
			return -2;
		}
	}
	if (!lc_expect(c, ":") || !lc_expect(c, "tunables")) {
		*why = "expected ': tunables'";
		return -1;
	}
	for (i = 0; i < 3; i++) {
		if (!lc_ulong(c, tun[i])) {
			*why = "expected three numbers after 'tunables'";
			return -1;
		}
	}
	if (!lc_expect(c, ":") || !lc_expect(c, "slabdata")) {
		*why = "expected ': slabdata'";
		return -1;
	}
	for (i = 0; i < 3; i++) {
		if (!lc_ulong(c, sd[i])) {
			*why = "expected three numbers after 'slabdata'";
			return -1;
		}
	}
	if (!lc_at_end(c)) {
		*why = "unexpected text after the slabdata fields";
		return -1;
	}
	return 0;
}

int slabinfo_parse(const char *text, size_t len, const char *file,
		   struct slab_table *t, char *err, size_t errlen)
{
	const char *pos = text, *end = text + len, *why = NULL;
	size_t line = 0, cap = 0;
	struct lcur c;
	int r;

	t->rows = NULL;
	t->nr = 0;
	if (memchr(text, '\0', len))
		return perr(err, errlen, file, 1, "NUL byte in the text");
	if (!next_line(&pos, end, &c))
		return perr(err, errlen, file, 1, "empty file, expected '%s'",
			    SLABINFO_VERSION);
	line = 1;
	if ((size_t)(c.end - c.p) != strlen(SLABINFO_VERSION) ||
	    memcmp(c.p, SLABINFO_VERSION, strlen(SLABINFO_VERSION)))
		return perr(err, errlen, file, 1, "expected '%s'",
			    SLABINFO_VERSION);
	line = 2;
	if (!next_line(&pos, end, &c) || !lc_expect(&c, "#") ||
	    !lc_expect(&c, "name"))
		return perr(err, errlen, file, 2, "expected the '# name ...' header");
	while (next_line(&pos, end, &c)) {
		struct slab_row *nr;

		line++;
		nr = grow(t->rows, t->nr, &cap, sizeof(*nr), 64);
		if (!nr) {
			slab_table_free(t);
			snprintf(err, errlen, "%s: out of memory", file);
			return -ENOMEM;
		}
		t->rows = nr;
		memset(&t->rows[t->nr], 0, sizeof(t->rows[0]));
		r = slab_row_parse(&c, &t->rows[t->nr], &why);
		if (r) {
			slab_table_free(t);
			if (r == -2)
				return perr(err, errlen, file, line,
					    "expected an unsigned number for %s", why);
			return perr(err, errlen, file, line, "%s", why);
		}
		t->nr++;
	}
	return 0;
}

void slab_table_free(struct slab_table *t)
{
	free(t->rows);
	t->rows = NULL;
	t->nr = 0;
}

int slab_table_append(struct slab_table *dst, const struct slab_table *src)
{
	struct slab_row *rows;

	if (!src->nr)
		return 0;
	rows = realloc(dst->rows, (dst->nr + src->nr) * sizeof(*rows));
	if (!rows)
		return -ENOMEM;
	memcpy(rows + dst->nr, src->rows, src->nr * sizeof(*rows));
	dst->rows = rows;
	dst->nr += src->nr;
	return 0;
}

void slabinfo_print(const struct slab_table *t, bool header, void *file)
{
	FILE *f = file;
	size_t i;

	if (header) {
		fputs(SLABINFO_VERSION "\n", f);
		fputs("# name            <active_objs> <num_objs> <objsize> "
		      "<objperslab> <pagesperslab> : tunables <limit> "
		      "<batchcount> <sharedfactor> : slabdata <active_slabs> "
		      "<num_slabs> <sharedavail>\n", f);
	}
	for (i = 0; i < t->nr; i++) {
		const struct slab_row *r = &t->rows[i];

		fprintf(f, "%-17s %6lu %6lu %6lu %4lu %4lu", r->name,
			r->active_objs, r->num_objs, r->objsize, r->objperslab,
			r->pagesperslab);
		fprintf(f, " : tunables %4lu %4lu %4lu", r->limit,
			r->batchcount, r->sharedfactor);
		fprintf(f, " : slabdata %6lu %6lu %6lu\n", r->active_slabs,
			r->num_slabs, r->sharedavail);
	}
}

/* --- buddyinfo ------------------------------------------------------------- */

static int buddy_row_parse(struct lcur *c, struct buddy_row *r,
			   const char **why)
{
	const char *w;
	size_t n;
	char *e;
	long node;

	if (!lc_expect(c, "Node")) {
		*why = "expected 'Node'";
		return -1;
	}
	if (!lc_word(c, &w, &n) || n < 2 || w[n - 1] != ',' ||
	    w[0] < '0' || w[0] > '9') {
		*why = "expected a node number and ','";
		return -1;
	}
	node = strtol(w, &e, 10);
	if (e != w + n - 1 || node > 65535) {
		*why = "expected a node number and ','";
		return -1;
	}
	r->node = (int)node;
	if (!lc_expect(c, "zone")) {
		*why = "expected 'zone'";
		return -1;
	}
	if (!lc_word(c, &w, &n) || n >= sizeof(r->zone)) {
		*why = "expected a zone name (at most 31 characters)";
		return -1;
	}
	memcpy(r->zone, w, n);
	r->zone[n] = '\0';
	r->nr_orders = 0;
	while (!lc_at_end(c)) {
		if (r->nr_orders == BUDDY_ORDERS_MAX) {
			*why = "more than 32 orders";
			return -1;
		}
		if (!lc_ulong(c, &r->nr_free[r->nr_orders])) {
			*why = "expected an unsigned count of free blocks";
			return -1;
		}
		r->nr_orders++;
	}
	if (!r->nr_orders) {
		*why = "no counts after the zone name";
		return -1;
	}
	return 0;
}

int buddyinfo_parse(const char *text, size_t len, const char *file,
		    struct buddy_table *t, char *err, size_t errlen)
{
	const char *pos = text, *end = text + len, *why = NULL;
	size_t line = 0, cap = 0;
	struct lcur c;

	t->rows = NULL;
	t->nr = 0;
	if (memchr(text, '\0', len))
		return perr(err, errlen, file, 1, "NUL byte in the text");
	while (next_line(&pos, end, &c)) {
		struct buddy_row *nr;

		line++;
		nr = grow(t->rows, t->nr, &cap, sizeof(*nr), 8);
		if (!nr) {
			buddy_table_free(t);
			snprintf(err, errlen, "%s: out of memory", file);
			return -ENOMEM;
		}
		t->rows = nr;
		memset(&t->rows[t->nr], 0, sizeof(t->rows[0]));
		if (buddy_row_parse(&c, &t->rows[t->nr], &why)) {
			buddy_table_free(t);
			return perr(err, errlen, file, line, "%s", why);
		}
		if (t->nr && t->rows[t->nr].nr_orders != t->rows[0].nr_orders) {
			unsigned int a = t->rows[t->nr].nr_orders;
			unsigned int b = t->rows[0].nr_orders;

			buddy_table_free(t);
			return perr(err, errlen, file, line,
				    "%u orders, but line 1 has %u", a, b);
		}
		t->nr++;
	}
	if (!t->nr)
		return perr(err, errlen, file, 1, "empty file, expected 'Node N, zone NAME ...' rows");
	return 0;
}

void buddy_table_free(struct buddy_table *t)
{
	free(t->rows);
	t->rows = NULL;
	t->nr = 0;
}
