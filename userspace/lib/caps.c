// SPDX-License-Identifier: GPL-2.0
/*
 * The backends and workloads views read into typed tables (caps.h). The
 * parser is strict about what it needs (names, numbers) and ignores fields
 * it does not know, so that a newer module can add some.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caps.h"
#include "cli.h"
#include "engine.h"

/*
 * One "key=value" field of @line (up to its newline), copied with quotes
 * removed; false if absent.
 */
static bool field(const char *line, const char *key, char *out, size_t size)
{
	size_t klen = strlen(key), n = 0;
	const char *end = line + strcspn(line, "\n");
	const char *p = line;

	while ((p = strstr(p, key)) && p < end) {
		if ((p == line || p[-1] == ' ') && p[klen] == '=')
			break;
		p += klen;
	}
	if (p >= end)
		p = NULL;
	if (!p)
		return false;
	p += klen + 1;
	if (*p == '"') {
		p++;
		while (p[n] && p[n] != '"' && p[n] != '\n')
			n++;
	} else {
		n = strcspn(p, " \n");
	}
	if (n >= size)
		n = size - 1;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

/* A numeric field; false when absent or not a number. */
static bool field_u64(const char *line, const char *key, uint64_t *v)
{
	char buf[32], *end;

	if (!field(line, key, buf, sizeof(buf)) || !buf[0])
		return false;
	errno = 0;
	*v = strtoull(buf, &end, 10);
	return !errno && !*end;
}

static bool field_bool(const char *line, const char *key)
{
	uint64_t v = 0;

	return field_u64(line, key, &v) && v;
}

static int caps_fail(char *err, size_t errlen, unsigned int nr,
		     const char *why)
{
	snprintf(err, errlen, "line %u: %s", nr, why);
	return -1;
}

/* The first three words of a backends line: NAME FAMILY ours|real. */
static int parse_backend(const char *line, struct caps_backend *b)
{
	char origin[8];
	uint64_t v;

	memset(b, 0, sizeof(*b));
	if (sscanf(line, "%31s %7s %7s", b->name, b->family, origin) != 3)
		return -1;
	if (strcmp(origin, "ours") && strcmp(origin, "real"))
		return -1;
	b->ours = !strcmp(origin, "ours");
	if (!field(line, "keys", b->keys, sizeof(b->keys)))
		return -1;
	if (!strcmp(b->keys, "none"))
		b->keys[0] = '\0';
	b->max_pool = field_u64(line, "max_pool", &v) ? v : 0;
	b->max_size = field_u64(line, "max_size", &v) ? v : 0;
	b->slots = field_bool(line, "slots");
	b->step = field_bool(line, "step");
	b->heapmap = field_bool(line, "heapmap");
	field(line, "desc", b->desc, sizeof(b->desc));
	return 0;
}

int caps_parse_backends(struct caps *c, const char *text, char *err,
			size_t errlen)
{
	unsigned int nr = 0;
	const char *line;

	c->nbe = 0;
	for (line = text; line && *line; line = strchr(line, '\n'),
	     line = line ? line + 1 : NULL) {
		nr++;
		if (*line == '#' || *line == '\n')
			continue;
		if (c->nbe == CAPS_MAX_BACKENDS)
			return caps_fail(err, errlen, nr, "too many backends");
		if (parse_backend(line, &c->be[c->nbe]))
			return caps_fail(err, errlen, nr,
					 "expected 'NAME FAMILY ours|real keys=...'");
		c->nbe++;
	}
	return 0;
}

static int parse_key(const char *line, struct caps_key *k)
{
	memset(k, 0, sizeof(*k));
	if (!field(line, "name", k->name, sizeof(k->name)) ||
	    !field(line, "type", k->type, sizeof(k->type)))
		return -1;
	field_u64(line, "min", &k->min);
	field_u64(line, "max", &k->max);
	if (!strcmp(k->type, "enum"))
		k->has_def = field(line, "default", k->def_word,
				   sizeof(k->def_word));
	else
		k->has_def = field_u64(line, "default", &k->def);
	return 0;
}

static int parse_workload(const char *line, struct caps_workload *w)
{
	uint64_t v;

	memset(w, 0, sizeof(*w));
	if (!field(line, "name", w->name, sizeof(w->name)) ||
	    !field(line, "keys", w->keys, sizeof(w->keys)))
		return -1;
	field_u64(line, "size", &w->size);
	field_u64(line, "batch", &w->batch);
	field_u64(line, "batch_max", &w->batch_max);
	field_u64(line, "max_other", &w->max_other);
	w->workers = field_u64(line, "workers", &v) ? (unsigned int)v : 1;
	w->max_workers = field_u64(line, "max_workers", &v) ? (unsigned int)v :
			 w->workers;
	w->phases = field_bool(line, "phases");
	field(line, "desc", w->desc, sizeof(w->desc));
	return 0;
}

int caps_parse_workloads(struct caps *c, const char *text, char *err,
			 size_t errlen)
{
	unsigned int nr = 0;
	const char *line;

	c->nwl = 0;
	c->nkey = 0;
	c->default_ops = 0;
	for (line = text; line && *line; line = strchr(line, '\n'),
	     line = line ? line + 1 : NULL) {
		nr++;
		if (!strncmp(line, "common ", 7)) {
			field_u64(line, "default_ops", &c->default_ops);
		} else if (!strncmp(line, "key ", 4)) {
			if (c->nkey == sizeof(c->key) / sizeof(c->key[0]))
				return caps_fail(err, errlen, nr, "too many keys");
			if (parse_key(line, &c->key[c->nkey]))
				return caps_fail(err, errlen, nr,
						 "expected 'key name=... type=...'");
			c->nkey++;
		} else if (!strncmp(line, "workload ", 9)) {
			if (c->nwl == CAPS_MAX_WORKLOADS)
				return caps_fail(err, errlen, nr,
						 "too many workloads");
			if (parse_workload(line, &c->wl[c->nwl]))
				return caps_fail(err, errlen, nr,
						 "expected 'workload name=... keys=...'");
			c->nwl++;
		}
	}
	if (!c->nwl)
		return caps_fail(err, errlen, nr, "no workload");
	return 0;
}

static int caps_view(struct conn *conn, const char *view, struct caps *c,
		     int (*parse)(struct caps *, const char *, char *, size_t))
{
	char err[160];
	size_t len;
	char *text;
	int r;

	r = conn_view(conn, NULL, view, &text, &len);
	if (r) {
		cli_error(view, "cannot read the view: %s", strerror(-r));
		return -1;
	}
	r = parse(c, text, err, sizeof(err));
	free(text);
	if (r)
		cli_error(view, "%s", err);
	return r;
}

int caps_load(struct conn *conn, struct caps *c)
{
	if (caps_view(conn, "backends", c, caps_parse_backends))
		return -1;
	return caps_view(conn, "workloads", c, caps_parse_workloads);
}

/* A host that runs nothing: the local engine only renders a view. */
static const struct kml_host caps_host = { .name = "cli" };

int caps_local_workloads(struct caps *c)
{
	struct kml_engine *e = kml_engine_create(&caps_host);
	struct kml_out out;
	size_t size = 16384;
	char err[160], *buf;
	int r = -1;

	buf = calloc(1, size);
	if (!e || !buf) {
		cli_error("workloads", "out of memory");
		goto out;
	}
	kml_out_init(&out, buf, size);
	if (kml_engine_global_view(e, KML_GVIEW_WORKLOADS, &out) ||
	    out.overflow) {
		cli_error("workloads", "the built-in engine has no view");
		goto out;
	}
	r = caps_parse_workloads(c, buf, err, sizeof(err));
	if (r)
		cli_error("workloads", "%s", err);
out:
	free(buf);
	kml_engine_destroy(e);
	return r;
}

const struct caps_backend *caps_backend(const struct caps *c,
					const char *name)
{
	unsigned int i;

	for (i = 0; i < c->nbe; i++)
		if (!strcmp(c->be[i].name, name))
			return &c->be[i];
	return NULL;
}

const struct caps_workload *caps_workload(const struct caps *c,
					  const char *name)
{
	unsigned int i;

	for (i = 0; i < c->nwl; i++)
		if (!strcmp(c->wl[i].name, name))
			return &c->wl[i];
	return NULL;
}

const struct caps_key *caps_key(const struct caps *c, const char *name)
{
	unsigned int i;

	for (i = 0; i < c->nkey; i++)
		if (!strcmp(c->key[i].name, name))
			return &c->key[i];
	return NULL;
}

bool caps_has(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	while (p && *p) {
		if (!strncmp(p, word, n) && (p[n] == ',' || !p[n]))
			return true;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return false;
}

bool caps_is_our_heap(const struct caps_backend *b)
{
	return b && b->ours && !strcmp(b->family, "heap");
}

bool caps_is_our_pages(const struct caps_backend *b)
{
	return b && b->ours && !strcmp(b->family, "page");
}

void caps_workload_names(const struct caps *c, bool with_trace, char *buf,
			 size_t size)
{
	unsigned int i;
	size_t n = 0;

	buf[0] = '\0';
	for (i = 0; i < c->nwl && n < size; i++) {
		if (caps_has(c->wl[i].keys, "trace") != with_trace)
			continue;
		n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? "|" : "",
				      c->wl[i].name);
	}
}
