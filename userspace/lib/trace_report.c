// SPDX-License-Identifier: GPL-2.0
/*
 * The reader of `trace-cmd report` and `trace-cmd report --stat` text:
 * each line becomes a typed record (trace_report.h) or an error naming
 * the line. Attribution of the events is trace_sum.c's.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "trace_report.h"

/* The name of each event in the report (index: enum trace_ev). */
static const char *const trace_ev_names[] = {
	[TRACE_EV_SLAB_ALLOC] = "slab_alloc",
	[TRACE_EV_SLAB_FREE] = "slab_free",
	[TRACE_EV_BUDDY_ALLOC] = "buddy_alloc",
	[TRACE_EV_BUDDY_FREE] = "buddy_free",
	[TRACE_EV_BUDDY_SPLIT] = "buddy_split",
	[TRACE_EV_BUDDY_MERGE] = "buddy_merge",
	[TRACE_EV_KMEM_CACHE_ALLOC] = "kmem_cache_alloc",
	[TRACE_EV_KMALLOC] = "kmalloc",
	[TRACE_EV_KMEM_CACHE_FREE] = "kmem_cache_free",
	[TRACE_EV_KFREE] = "kfree",
	[TRACE_EV_PAGE_ALLOC] = "mm_page_alloc",
	[TRACE_EV_PAGE_FREE] = "mm_page_free",
};

#define TRACE_EV_NR	(sizeof(trace_ev_names) / sizeof(trace_ev_names[0]))

void trace_reader_init(struct trace_reader *r, const char *text, size_t len,
		       const char *file)
{
	memset(r, 0, sizeof(*r));
	r->pos = text;
	r->end = text + len;
	r->file = file;
}

/* --- event lines ------------------------------------------------------------ */

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	if (!n)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* "SECS.USECS:" */
static bool is_timestamp(const char *w, size_t n)
{
	const char *dot;

	if (n < 4 || w[n - 1] != ':')
		return false;
	dot = memchr(w, '.', n);
	return dot && all_digits(w, (size_t)(dot - w)) &&
	       all_digits(dot + 1, (size_t)(w + n - 1 - dot - 1));
}

static const char *next_word(char **p, size_t *n)
{
	char *w = *p;

	while (*w == ' ' || *w == '\t')
		w++;
	if (!*w)
		return NULL;
	*p = w;
	while (**p && **p != ' ' && **p != '\t')
		(*p)++;
	*n = (size_t)(*p - w);
	if (**p)
		*(*p)++ = '\0';
	return w;
}

/*
 * Split the event line of @r (modified in place) into @ev's header and
 * @r's fields. Return 0, or a message. The comm may hold spaces and
 * dashes: the header ends at the first " [CPU]" whose CPU is all digits
 * and is preceded by "-PID".
 */
static const char *trace_split(struct trace_reader *r, struct trace_event *ev)
{
	char *line = r->line, *lb, *rb, *p, *dash, *start;
	const char *w;
	size_t n;

	memset(ev, 0, sizeof(*ev));
	r->nf = 0;
	for (lb = strchr(line, '['); lb; lb = strchr(lb + 1, '[')) {
		rb = strchr(lb, ']');
		if (!rb || !all_digits(lb + 1, (size_t)(rb - lb - 1)))
			continue;
		p = lb;
		while (p > line && p[-1] == ' ')
			p--;
		if (p == lb)
			continue;
		dash = p;
		while (dash > line && dash[-1] >= '0' && dash[-1] <= '9')
			dash--;
		if (dash == p || dash == line || dash[-1] != '-')
			continue;
		break;
	}
	if (!lb)
		return "expected 'COMM-PID [CPU] SECS.USECS: EVENT: ...'";
	start = line;
	while (*start == ' ')
		start++;
	n = (size_t)(dash - 1 - start);
	if (n >= sizeof(ev->comm))
		n = sizeof(ev->comm) - 1;
	memcpy(ev->comm, start, n);
	ev->comm[n] = '\0';
	ev->cpu = (unsigned int)strtoul(lb + 1, NULL, 10);
	if (ev->cpu >= TRACE_MAX_CPUS)
		return "CPU number out of range";
	p = rb + 1;
	w = next_word(&p, &n);
	if (w && !is_timestamp(w, n) && w[n - 1] != ':')
		w = next_word(&p, &n);		/* latency flags, e.g. "d..1" */
	if (!w || !is_timestamp(w, n))
		return "expected a timestamp 'SECS.USECS:' after the CPU";
	w = next_word(&p, &n);
	if (!w || n < 2 || w[n - 1] != ':')
		return "expected 'EVENT:' after the timestamp";
	if (n - 1 >= sizeof(ev->name))
		return "event name too long";
	memcpy(ev->name, w, n - 1);
	ev->name[n - 1] = '\0';
	while ((w = next_word(&p, &n))) {
		char *eq = strchr(w, '=');

		if (!eq || eq == w)
			continue;	/* "(call_site+0x..)" and the like */
		if (r->nf == TRACE_MAX_FIELDS)
			return "too many fields";
		*eq = '\0';
		r->key[r->nf] = w;
		r->val[r->nf++] = eq + 1;
	}
	return NULL;
}

static const char *ev_field(const struct trace_reader *r, const char *key)
{
	unsigned int i;

	for (i = 0; i < r->nf; i++)
		if (!strcmp(r->key[i], key))
			return r->val[i];
	return NULL;
}

/* A numeric field (decimal or 0x hex, fully consumed); 0 or a message. */
static const char *ev_num(struct trace_reader *r, const struct trace_event *ev,
			  const char *key, uint64_t *v)
{
	const char *s = ev_field(r, key);
	char *end;

	if (!s) {
		snprintf(r->msg, sizeof(r->msg), "%s: missing field %s=",
			 ev->name, key);
		return r->msg;
	}
	if (!strcmp(s, "(nil)")) {	/* a NULL pointer as %p prints it */
		*v = 0;
		return NULL;
	}
	errno = 0;
	*v = strtoull(s, &end, 0);
	if (!*s || *end || errno || *s == '-') {
		snprintf(r->msg, sizeof(r->msg), "%s: %s=%s is not a number",
			 ev->name, key, s);
		return r->msg;
	}
	return NULL;
}

static const char *ev_str(struct trace_reader *r, const struct trace_event *ev,
			  const char *key, const char **v)
{
	*v = ev_field(r, key);
	if (!*v || !**v) {
		snprintf(r->msg, sizeof(r->msg), "%s: missing field %s=",
			 ev->name, key);
		return r->msg;
	}
	return NULL;
}

/* order=, at most TRACE_MAX_ORDER; 0 or a message. */
static const char *ev_order(struct trace_reader *r, struct trace_event *ev)
{
	uint64_t order;
	const char *e = ev_num(r, ev, "order", &order);

	if (e)
		return e;
	if (order > TRACE_MAX_ORDER) {
		snprintf(r->msg, sizeof(r->msg), "%s: order=%" PRIu64
			 " out of range", ev->name, order);
		return r->msg;
	}
	ev->order = (unsigned int)order;
	return NULL;
}

/* The type of @ev from its name, and the fields that type must have. */
static const char *trace_fields(struct trace_reader *r, struct trace_event *ev)
{
	const char *e = NULL, *page;
	size_t t;

	for (t = 1; t < TRACE_EV_NR; t++)
		if (!strcmp(ev->name, trace_ev_names[t]))
			break;
	ev->type = t < TRACE_EV_NR ? (enum trace_ev)t : TRACE_EV_OTHER;
	switch (ev->type) {
	case TRACE_EV_SLAB_ALLOC:
	case TRACE_EV_SLAB_FREE:
		if ((e = ev_num(r, ev, "inst", &ev->inst)) ||
		    (e = ev_str(r, ev, "cache", &ev->cache)) ||
		    (e = ev_num(r, ev, "addr", &ev->addr)))
			return e;
		if (ev->type == TRACE_EV_SLAB_ALLOC &&
		    ((e = ev_num(r, ev, "bytes_req", &ev->req)) ||
		     (e = ev_num(r, ev, "bytes_alloc", &ev->bytes))))
			return e;
		return NULL;
	case TRACE_EV_BUDDY_ALLOC:
	case TRACE_EV_BUDDY_FREE:
	case TRACE_EV_BUDDY_SPLIT:
	case TRACE_EV_BUDDY_MERGE:
		if ((e = ev_num(r, ev, "inst", &ev->inst)) ||
		    (e = ev_num(r, ev, "addr", &ev->addr)))
			return e;
		return ev_order(r, ev);
	case TRACE_EV_KMEM_CACHE_ALLOC:
	case TRACE_EV_KMALLOC:
		if ((e = ev_str(r, ev, "call_site", &ev->call_site)) ||
		    (e = ev_num(r, ev, "ptr", &ev->addr)) ||
		    (e = ev_num(r, ev, "bytes_req", &ev->req)) ||
		    (e = ev_num(r, ev, "bytes_alloc", &ev->bytes)))
			return e;
		return NULL;
	case TRACE_EV_KMEM_CACHE_FREE:
	case TRACE_EV_KFREE:
		if ((e = ev_str(r, ev, "call_site", &ev->call_site)) ||
		    (e = ev_num(r, ev, "ptr", &ev->addr)))
			return e;
		/* kmem_cache_free names its cache since 5.12; before, the
		 * free is known by its address alone */
		if (ev->type == TRACE_EV_KMEM_CACHE_FREE) {
			ev->cache = ev_field(r, "name");
			if (ev->cache && !*ev->cache)
				return ev_str(r, ev, "name", &ev->cache);
			if (!ev->cache)
				ev->cache = "";
		}
		return NULL;
	case TRACE_EV_PAGE_ALLOC:
	case TRACE_EV_PAGE_FREE:
		if ((e = ev_num(r, ev, "pfn", &ev->addr)) ||
		    (e = ev_order(r, ev)))
			return e;
		page = ev_field(r, "page");
		ev->page_nil = page && !strcmp(page, "(nil)");
		return NULL;
	case TRACE_EV_OTHER:
		break;
	}
	return NULL;
}

/* "CPU:N [M EVENTS DROPPED]" or "CPU:N [EVENTS DROPPED]"; 1 when it is one. */
static int trace_dropped_line(const char *line, struct trace_rec *rec)
{
	unsigned int cpu;
	unsigned long long m;
	int used = 0;

	if (sscanf(line, " CPU:%u [%llu EVENTS DROPPED]%n", &cpu, &m,
		   &used) == 2 && used && !line[used] && cpu < TRACE_MAX_CPUS) {
		rec->cpu = cpu;
		rec->dropped = m;
		return 1;
	}
	used = 0;
	if (sscanf(line, " CPU:%u [EVENTS DROPPED]%n", &cpu, &used) == 1 &&
	    used && !line[used] && cpu < TRACE_MAX_CPUS) {
		rec->cpu = cpu;
		rec->dropped_unknown = true;
		return 1;
	}
	return 0;
}

int trace_reader_next(struct trace_reader *r, struct trace_rec *rec,
		      char *err, size_t errlen)
{
	char *line = r->line;

	while (r->pos < r->end) {
		const char *nl = memchr(r->pos, '\n', (size_t)(r->end - r->pos));
		size_t n = (size_t)((nl ? nl : r->end) - r->pos);
		const char *why;
		unsigned int v;
		int used = 0;

		r->lineno++;
		if (n >= sizeof(r->line))
			return cli_file_err(err, errlen, r->file, r->lineno,
					    "line too long");
		memcpy(line, r->pos, n);
		line[n] = '\0';
		r->pos = nl ? nl + 1 : r->end;
		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		if (memchr(line, '\0', n))
			return cli_file_err(err, errlen, r->file, r->lineno,
					    "NUL byte");
		if (!line[strspn(line, " \t")])
			continue;
		memset(rec, 0, sizeof(*rec));
		if (sscanf(line, "cpus=%u%n", &v, &used) == 1 && !line[used]) {
			rec->kind = TRACE_REC_CPUS;
			rec->cpus = v;
			return 1;
		}
		used = 0;
		if (sscanf(line, "version = %u%n", &v, &used) == 1 &&
		    !line[used])
			continue;
		if (trace_dropped_line(line, rec)) {
			rec->kind = TRACE_REC_DROPPED;
			return 1;
		}
		rec->kind = TRACE_REC_EVENT;
		why = trace_split(r, &rec->ev);
		if (!why)
			why = trace_fields(r, &rec->ev);
		if (why)
			return cli_file_err(err, errlen, r->file, r->lineno,
					    "%s", why);
		return 1;
	}
	return 0;
}

/* --- buffer statistics ---------------------------------------------------------- */

int trace_stat_read(const char *text, size_t len, const char *file,
		    uint64_t lost[TRACE_MAX_CPUS], bool *have_stats, char *err,
		    size_t errlen)
{
	const char *pos = text, *end = text + len;
	bool in_stats = false;
	long cpu = -1;
	size_t lineno = 0;
	char line[512], key[64];

	while (pos < end) {
		const char *nl = memchr(pos, '\n', (size_t)(end - pos));
		size_t n = (size_t)((nl ? nl : end) - pos);
		unsigned long long v;
		unsigned int c;
		int used = 0;

		lineno++;
		if (n >= sizeof(line))
			n = sizeof(line) - 1;	/* other sections: long lines */
		memcpy(line, pos, n);
		line[n] = '\0';
		pos = nl ? nl + 1 : end;
		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		if (!strcmp(line, "Kernel buffer statistics:")) {
			in_stats = true;
			*have_stats = true;
			continue;
		}
		if (!in_stats)
			continue;
		if (!line[0] || line[0] == ' ')	/* the note, blank lines */
			continue;
		if (sscanf(line, "CPU: %u%n", &c, &used) == 1 && !line[used]) {
			if (c >= TRACE_MAX_CPUS)
				return cli_file_err(err, errlen, file, lineno,
						    "CPU %u out of range", c);
			cpu = c;
			continue;
		}
		used = 0;
		if (sscanf(line, "%63[a-z ]: %llu%n", key, &v, &used) == 2 &&
		    !line[used]) {
			if (cpu < 0)
				return cli_file_err(err, errlen, file, lineno,
						    "'%s' before any 'CPU: N'", key);
			if (!strcmp(key, "overrun") ||
			    !strcmp(key, "commit overrun") ||
			    !strcmp(key, "dropped events"))
				lost[cpu] += v;
			continue;
		}
		if (strstr(line, " ts: ") || strchr(line, ':'))
			continue;	/* "oldest event ts:  8.15", etc. */
		/* the section ended: another one starts */
		in_stats = false;
	}
	return 0;
}
