// SPDX-License-Identifier: GPL-2.0
/*
 * 'kmemlab trace [--output FILE] [--keep] -- CMD [ARGS...]': records the
 * kmemlab:* and kmem:* events with trace-cmd while CMD runs, then reads
 * the recording back through `trace-cmd report` and summarizes it (see
 * tracecmd.h and docs/cli.md for the attribution rules).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <search.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "conn.h"
#include "emit.h"
#include "tracecmd.h"

/*
 * The functions of module/kernel/backends.c that allocate and free for the
 * real backends: a kmem:* event whose call_site is one of them is the
 * module's. (kmemlab_real_get/put are inlined into alloc/free today.)
 */
static const char *const trace_real_sites[] = {
	"kmemlab_real_alloc", "kmemlab_real_get", "kmemlab_real_free",
	"kmemlab_real_put", "kmemlab_real_alloc_bulk", "kmemlab_real_free_bulk",
	NULL,
};
/* The run workers' kthreads (module/kernel/host.c: "kmemlab/%u"). */
#define TRACE_WORKER_COMM	"kmemlab/"
#define TRACE_PAGES_ROW		"pages@workers"
#define TRACE_PAGE_SIZE		4096ULL

/* --- the summary ------------------------------------------------------------ */

enum trace_kind { TK_OURS_SLAB, TK_OURS_BUDDY, TK_REAL_OBJ, TK_REAL_PAGE };

/* A live allocation, keyed by (kind, address or pfn). */
struct trace_live {
	enum trace_kind kind;
	uint64_t addr;
	size_t row;
	unsigned int cpu;
	uint64_t req, bytes;
	bool provisional;	/* a kmem_cache_alloc whose cache is not known */
};

static int trace_live_cmp(const void *a, const void *b)
{
	const struct trace_live *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return 0;
}

void trace_sum_init(struct trace_sum *s)
{
	memset(s, 0, sizeof(*s));
}

void trace_sum_free(struct trace_sum *s)
{
	tdestroy(s->live, free);
	free(s->rows);
	memset(s, 0, sizeof(*s));
}

uint64_t trace_sum_lost(const struct trace_sum *s)
{
	uint64_t n = 0;
	unsigned int c;

	for (c = 0; c < TRACE_MAX_CPUS; c++)
		n += s->dropped[c] + s->overrun[c];
	return n;
}

/* The row of (@ours, @name, @inst), created on first use; -1 on OOM. */
static long trace_row(struct trace_sum *s, bool ours, const char *name,
		      int64_t inst, bool req_known)
{
	struct trace_row *r;
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (s->rows[i].ours == ours && s->rows[i].inst == inst &&
		    !strcmp(s->rows[i].name, name))
			return (long)i;
	if (s->nr == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;

		r = realloc(s->rows, cap * sizeof(*r));
		if (!r) {
			s->oom = true;
			return -1;
		}
		s->rows = r;
		s->cap = cap;
	}
	r = &s->rows[s->nr];
	memset(r, 0, sizeof(*r));
	r->ours = ours;
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->inst = inst;
	r->req_known = req_known;
	return (long)s->nr++;
}

static void trace_alloc(struct trace_sum *s, long row, enum trace_kind kind,
			uint64_t addr, unsigned int cpu, uint64_t req,
			uint64_t bytes, bool provisional)
{
	struct trace_live *l, **found;
	struct trace_row *r;

	if (row < 0)
		return;
	r = &s->rows[row];
	r->allocs++;
	r->requested += req;
	r->allocated += bytes;
	r->live++;
	s->attributed++;
	l = malloc(sizeof(*l));
	if (!l) {
		s->oom = true;
		return;
	}
	*l = (struct trace_live){ kind, addr, (size_t)row, cpu, req, bytes,
				  provisional };
	found = tsearch(l, &s->live, trace_live_cmp);
	if (!found) {
		free(l);
		s->oom = true;
	} else if (*found != l) {
		/* the free of the previous object here was not seen */
		free(*found);
		*found = l;
	}
}

/*
 * A free: matched by address to a live allocation of @kind, which gives
 * its row (@row_hint is used when there is none, -1: not ours to count).
 * @row_named: the row the free itself names (kmem_cache_free name=), which
 * resolves a provisional kmem_cache_alloc. Returns true when counted.
 */
static bool trace_free(struct trace_sum *s, enum trace_kind kind,
		       uint64_t addr, unsigned int cpu, long row_hint,
		       long row_named)
{
	struct trace_live key = { .kind = kind, .addr = addr }, **found, *l;
	struct trace_row *r;

	found = tfind(&key, &s->live, trace_live_cmp);
	if (!found) {
		if (row_hint < 0)
			return false;
		s->rows[row_hint].frees++;
		s->rows[row_hint].unmatched++;
		s->attributed++;
		return true;
	}
	l = *found;
	if (l->provisional && row_named >= 0 && (size_t)row_named != l->row) {
		/* the alloc moves to the cache its free names */
		r = &s->rows[l->row];
		r->allocs--;
		r->requested -= l->req;
		r->allocated -= l->bytes;
		r->live--;
		r = &s->rows[row_named];
		r->allocs++;
		r->requested += l->req;
		r->allocated += l->bytes;
		r->live++;
		l->row = (size_t)row_named;
	}
	r = &s->rows[l->row];
	r->frees++;
	r->live--;
	if (l->cpu != cpu)
		r->cross_cpu++;
	s->attributed++;
	tdelete(&key, &s->live, trace_live_cmp);
	free(l);
	return true;
}

/* --- report lines ------------------------------------------------------------- */

#define TRACE_MAX_FIELDS	24

struct trace_ev {
	char comm[64];
	unsigned int cpu;
	char name[64];
	unsigned int nf;
	const char *key[TRACE_MAX_FIELDS];
	const char *val[TRACE_MAX_FIELDS];
};

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
 * Split an event line (modified in place). Return 0, or a message.
 * The comm may hold spaces and dashes: the header ends at the first
 * " [CPU]" whose CPU is all digits and is preceded by "-PID".
 */
static const char *trace_split(char *line, struct trace_ev *ev)
{
	char *lb, *rb, *p, *dash, *start;
	const char *w;
	size_t n;

	memset(ev, 0, sizeof(*ev));
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
		if (ev->nf == TRACE_MAX_FIELDS)
			return "too many fields";
		*eq = '\0';
		ev->key[ev->nf] = w;
		ev->val[ev->nf++] = eq + 1;
	}
	return NULL;
}

static const char *ev_field(const struct trace_ev *ev, const char *key)
{
	unsigned int i;

	for (i = 0; i < ev->nf; i++)
		if (!strcmp(ev->key[i], key))
			return ev->val[i];
	return NULL;
}

/* A numeric field (decimal or 0x hex, fully consumed); 0 or a message. */
static const char *ev_num(const struct trace_ev *ev, const char *key,
			  uint64_t *v, char *msg, size_t msglen)
{
	const char *s = ev_field(ev, key);
	char *end;

	if (!s) {
		snprintf(msg, msglen, "%s: missing field %s=", ev->name, key);
		return msg;
	}
	if (!strcmp(s, "(nil)")) {	/* a NULL pointer as %p prints it */
		*v = 0;
		return NULL;
	}
	errno = 0;
	*v = strtoull(s, &end, 0);
	if (!*s || *end || errno || *s == '-') {
		snprintf(msg, msglen, "%s: %s=%s is not a number", ev->name,
			 key, s);
		return msg;
	}
	return NULL;
}

static const char *ev_str(const struct trace_ev *ev, const char *key,
			  const char **v, char *msg, size_t msglen)
{
	*v = ev_field(ev, key);
	if (!*v || !**v) {
		snprintf(msg, msglen, "%s: missing field %s=", ev->name, key);
		return msg;
	}
	return NULL;
}

/* "func+0xoff" or "func": is func one of trace_real_sites? */
static bool is_real_site(const char *site)
{
	size_t n = strcspn(site, "+ ");
	unsigned int i;

	for (i = 0; trace_real_sites[i]; i++)
		if (strlen(trace_real_sites[i]) == n &&
		    !strncmp(site, trace_real_sites[i], n))
			return true;
	return false;
}

/* Count one event; NULL or an error message. */
static const char *trace_event(struct trace_sum *s, const struct trace_ev *ev,
			       char *msg, size_t msglen)
{
	uint64_t inst, addr, req, bytes, order;
	const char *cache, *site, *e = NULL;
	const char *n = ev->name;
	bool cache_alloc;
	long row;

	s->events++;
	if (!strcmp(n, "slab_alloc") || !strcmp(n, "slab_free")) {
		bool alloc = n[5] == 'a';

		if ((e = ev_num(ev, "inst", &inst, msg, msglen)) ||
		    (e = ev_str(ev, "cache", &cache, msg, msglen)) ||
		    (e = ev_num(ev, "addr", &addr, msg, msglen)))
			return e;
		if (alloc && ((e = ev_num(ev, "bytes_req", &req, msg, msglen)) ||
			      (e = ev_num(ev, "bytes_alloc", &bytes, msg, msglen))))
			return e;
		row = trace_row(s, true, cache, (int64_t)inst, true);
		if (alloc)
			trace_alloc(s, row, TK_OURS_SLAB, addr, ev->cpu, req,
				    bytes, false);
		else if (row >= 0)
			trace_free(s, TK_OURS_SLAB, addr, ev->cpu, row, -1);
		return NULL;
	}
	if (!strcmp(n, "buddy_alloc") || !strcmp(n, "buddy_free") ||
	    !strcmp(n, "buddy_split") || !strcmp(n, "buddy_merge")) {
		if ((e = ev_num(ev, "inst", &inst, msg, msglen)) ||
		    (e = ev_num(ev, "addr", &addr, msg, msglen)) ||
		    (e = ev_num(ev, "order", &order, msg, msglen)))
			return e;
		if (order > 20) {
			snprintf(msg, msglen, "%s: order=%" PRIu64 " out of range",
				 n, order);
			return msg;
		}
		if (!strcmp(n, "buddy_split") || !strcmp(n, "buddy_merge")) {
			s->other++;
			return NULL;
		}
		row = trace_row(s, true, "buddy", (int64_t)inst, false);
		if (n[6] == 'a')
			trace_alloc(s, row, TK_OURS_BUDDY, addr, ev->cpu, 0,
				    TRACE_PAGE_SIZE << order, false);
		else if (row >= 0)
			trace_free(s, TK_OURS_BUDDY, addr, ev->cpu, row, -1);
		return NULL;
	}
	if (!strcmp(n, "kmem_cache_alloc") || !strcmp(n, "kmalloc")) {
		if ((e = ev_str(ev, "call_site", &site, msg, msglen)) ||
		    (e = ev_num(ev, "ptr", &addr, msg, msglen)) ||
		    (e = ev_num(ev, "bytes_req", &req, msg, msglen)) ||
		    (e = ev_num(ev, "bytes_alloc", &bytes, msg, msglen)))
			return e;
		if (!is_real_site(site) || !addr) {
			s->other++;
			return NULL;
		}
		cache_alloc = !strcmp(n, "kmem_cache_alloc");
		/* the cache is known only from the free (name=) */
		row = trace_row(s, false, cache_alloc ? "kmem_cache" : "kmalloc",
				-1, true);
		trace_alloc(s, row, TK_REAL_OBJ, addr, ev->cpu, req, bytes,
			    cache_alloc);
		return NULL;
	}
	if (!strcmp(n, "kmem_cache_free") || !strcmp(n, "kfree")) {
		long named = -1, hint = -1;

		if ((e = ev_str(ev, "call_site", &site, msg, msglen)) ||
		    (e = ev_num(ev, "ptr", &addr, msg, msglen)))
			return e;
		if (!strcmp(n, "kmem_cache_free")) {
			if ((e = ev_str(ev, "name", &cache, msg, msglen)))
				return e;
			if (!strncmp(cache, "kmemlab-", 8))
				named = hint = trace_row(s, false, cache, -1,
							 true);
		} else if (is_real_site(site)) {
			hint = trace_row(s, false, "kmalloc", -1, true);
		}
		if (!addr || !trace_free(s, TK_REAL_OBJ, addr, ev->cpu, hint,
					 named))
			s->other++;
		return NULL;
	}
	if (!strcmp(n, "mm_page_alloc") || !strcmp(n, "mm_page_free")) {
		if ((e = ev_num(ev, "pfn", &addr, msg, msglen)) ||
		    (e = ev_num(ev, "order", &order, msg, msglen)))
			return e;
		if (order > 20) {
			snprintf(msg, msglen, "%s: order=%" PRIu64 " out of range",
				 n, order);
			return msg;
		}
		if (n[8] == 'a') {
			const char *page = ev_field(ev, "page");

			if (strncmp(ev->comm, TRACE_WORKER_COMM,
				    strlen(TRACE_WORKER_COMM)) ||
			    (page && !strcmp(page, "(nil)"))) {
				s->other++;
				return NULL;
			}
			row = trace_row(s, false, TRACE_PAGES_ROW, -1, false);
			trace_alloc(s, row, TK_REAL_PAGE, addr, ev->cpu, 0,
				    TRACE_PAGE_SIZE << order, false);
		} else if (!trace_free(s, TK_REAL_PAGE, addr, ev->cpu, -1,
				       -1)) {
			s->other++;
		}
		return NULL;
	}
	s->other++;		/* other kmem and kmemlab events */
	return NULL;
}

/* "CPU:N [M EVENTS DROPPED]" or "CPU:N [EVENTS DROPPED]"; 1 when it is one. */
static int trace_dropped_line(struct trace_sum *s, const char *line)
{
	unsigned int cpu;
	unsigned long long m;
	int used = 0;

	if (sscanf(line, " CPU:%u [%llu EVENTS DROPPED]%n", &cpu, &m,
		   &used) == 2 && used && !line[used] && cpu < TRACE_MAX_CPUS) {
		s->dropped[cpu] += m;
		return 1;
	}
	used = 0;
	if (sscanf(line, " CPU:%u [EVENTS DROPPED]%n", &cpu, &used) == 1 &&
	    used && !line[used] && cpu < TRACE_MAX_CPUS) {
		s->dropped_unknown = true;
		return 1;
	}
	return 0;
}

int trace_report_parse(struct trace_sum *s, const char *text, size_t len,
		       const char *file, char *err, size_t errlen)
{
	const char *pos = text, *end = text + len;
	size_t lineno = 0;
	char line[4096], msg[160];
	struct trace_ev ev;

	while (pos < end) {
		const char *nl = memchr(pos, '\n', (size_t)(end - pos));
		size_t n = (size_t)((nl ? nl : end) - pos);
		const char *why;
		unsigned int v;
		int used = 0;

		lineno++;
		if (n >= sizeof(line))
			return cli_file_err(err, errlen, file, lineno,
					    "line too long");
		memcpy(line, pos, n);
		line[n] = '\0';
		pos = nl ? nl + 1 : end;
		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		if (memchr(line, '\0', n))
			return cli_file_err(err, errlen, file, lineno, "NUL byte");
		if (!line[strspn(line, " \t")])
			continue;
		if (sscanf(line, "cpus=%u%n", &v, &used) == 1 && !line[used]) {
			s->nr_cpus = v;
			continue;
		}
		used = 0;
		if (sscanf(line, "version = %u%n", &v, &used) == 1 &&
		    !line[used])
			continue;
		if (trace_dropped_line(s, line))
			continue;
		why = trace_split(line, &ev);
		if (!why)
			why = trace_event(s, &ev, msg, sizeof(msg));
		if (s->oom)
			return -ENOMEM;
		if (why)
			return cli_file_err(err, errlen, file, lineno, "%s", why);
	}
	return 0;
}

int trace_stat_parse(struct trace_sum *s, const char *text, size_t len,
		     const char *file, char *err, size_t errlen)
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
			s->have_stats = true;
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
				s->overrun[cpu] += v;
			continue;
		}
		if (strstr(line, " ts: ") || strchr(line, ':'))
			continue;	/* "oldest event ts:  8.15", etc. */
		/* the section ended: another one starts */
		in_stats = false;
	}
	return 0;
}

/* --- printing ------------------------------------------------------------------ */

static const struct tbl_col trace_cols[] = {
	{ "source", "SOURCE", NULL, TBL_STR },
	{ "name", "NAME", NULL, TBL_STR },
	{ "instance_id", "INST", NULL, TBL_INT },
	{ "instance", "INSTANCE", NULL, TBL_STR },
	{ "allocs", "ALLOCS", "count", TBL_INT },
	{ "frees", "FREES", "count", TBL_INT },
	{ "live", "LIVE", "count", TBL_INT },
	{ "requested_bytes", "REQUESTED", "B", TBL_INT },
	{ "allocated_bytes", "ALLOCATED", "B", TBL_INT },
	{ "internal_frag_pct", "INT_FRAG", "%", TBL_NUM },
	{ "cross_cpu_frees", "XCPU_FREES", "count", TBL_INT },
	{ "unmatched_frees", "UNMATCHED", "count", TBL_INT },
};

#define TRACE_NCOLS	(sizeof(trace_cols) / sizeof(trace_cols[0]))

static void trace_fill(struct tbl *t, const struct trace_sum *s)
{
	size_t i;

	for (i = 0; i < s->nr; i++) {
		const struct trace_row *r = &s->rows[i];

		/* a provisional kmem_cache row whose allocs all moved */
		if (!r->allocs && !r->frees)
			continue;
		tbl_cell(t, "%s", r->ours ? "ours" : "real");
		tbl_cell(t, "%s", r->name);
		if (r->inst >= 0)
			tbl_cell(t, "%" PRId64, r->inst);
		else
			tbl_cell(t, "-");
		tbl_cell(t, "%s", r->inst_name[0] ? r->inst_name : "-");
		tbl_cell(t, "%" PRIu64, r->allocs);
		tbl_cell(t, "%" PRIu64, r->frees);
		tbl_cell(t, "%" PRIu64, r->live);
		if (r->req_known)
			tbl_cell(t, "%" PRIu64, r->requested);
		else
			tbl_cell(t, "-");
		tbl_cell(t, "%" PRIu64, r->allocated);
		/* 1 - requested / allocated, as perf kmem's "Internal fragmentation" */
		if (r->req_known && r->allocated && r->requested <= r->allocated)
			tbl_cell(t, "%.1f", 100.0 * (double)(r->allocated -
					r->requested) / (double)r->allocated);
		else
			tbl_cell(t, "-");
		tbl_cell(t, "%" PRIu64, r->cross_cpu);
		tbl_cell(t, "%" PRIu64, r->unmatched);
	}
}

void trace_sum_print(FILE *f, const struct trace_sum *s, enum cli_format fmt,
		     const char *trace_file, int cmd_status)
{
	unsigned int c, top = 0;
	struct json_w j;
	struct tbl t;

	for (c = 0; c < TRACE_MAX_CPUS; c++)
		if (s->dropped[c] || s->overrun[c])
			top = c + 1;
	if (s->nr_cpus > top)
		top = s->nr_cpus > TRACE_MAX_CPUS ? TRACE_MAX_CPUS : s->nr_cpus;
	tbl_init(&t, trace_cols, TRACE_NCOLS);
	trace_fill(&t, s);
	switch (fmt) {
	case CLI_FMT_CSV:
		tbl_print(&t, f, fmt, NULL, NULL);
		break;
	case CLI_FMT_JSON:
		json_w_init(&j, f);
		json_w_obj_begin(&j, NULL);
		if (trace_file)
			json_w_str(&j, "trace_file", trace_file);
		else
			json_w_null(&j, "trace_file");
		json_w_i64(&j, "command_status", cmd_status);
		json_w_u64(&j, "events", s->events);
		json_w_u64(&j, "attributed_events", s->attributed);
		json_w_u64(&j, "other_events", s->other);
		json_w_u64(&j, "lost_events", trace_sum_lost(s));
		json_w_bool(&j, "lost_unknown", s->dropped_unknown);
		json_w_bool(&j, "buffer_stats", s->have_stats);
		json_w_arr_begin(&j, "lost_by_cpu");
		for (c = 0; c < top; c++)
			json_w_u64(&j, NULL, s->dropped[c] + s->overrun[c]);
		json_w_arr_end(&j);
		tbl_print(&t, f, fmt, &j, "rows");
		json_w_obj_end(&j);
		json_w_end(&j);
		break;
	default:
		if (t.nrows)
			tbl_print(&t, f, fmt, NULL, NULL);
		else
			fprintf(f, "no allocation events of kmemlab or of its real backends\n");
		fprintf(f, "events: %" PRIu64 " (%" PRIu64 " counted above, %" PRIu64
			" other)\n", s->events, s->attributed, s->other);
		fprintf(f, "lost events: %" PRIu64 "%s", trace_sum_lost(s),
			s->dropped_unknown ? " and an unknown number" : "");
		if (top) {
			fprintf(f, " (per CPU:");
			for (c = 0; c < top; c++)
				fprintf(f, " %" PRIu64, s->dropped[c] + s->overrun[c]);
			fprintf(f, ")");
		}
		fprintf(f, "%s\n", s->have_stats ? "" :
			"; no buffer statistics in the recording");
		if (trace_file)
			fprintf(f, "trace file: %s\n", trace_file);
		break;
	}
	tbl_free(&t);
}

/* --- the command ---------------------------------------------------------------- */

const struct cli_opt trace_opts[] = {
	{ "output", 'o', "FILE", "write the recording to FILE (kept) instead of a temporary file" },
	{ "keep", 'k', NULL, "keep the temporary recording and print its path" },
	{ NULL, 0, NULL, NULL },
};

/* Is @prog an executable in $PATH? */
static bool in_path(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
	while (*path) {
		size_t n = strcspn(path, ":");

		if (n && n + strlen(prog) + 2 < sizeof(buf)) {
			snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, path, prog);
			if (!access(buf, X_OK))
				return true;
		}
		path += n;
		if (*path == ':')
			path++;
	}
	return false;
}

/* Run @argv; its stdout into *@out when @out, else to @stdout_fd. */
static int run_prog(char *const argv[], int stdout_fd, char **out, size_t *len)
{
	int fds[2] = { -1, -1 }, status;
	size_t cap = 0;
	pid_t pid;

	if (out && pipe(fds))
		return -errno;
	pid = fork();
	if (pid < 0) {
		int e = errno;

		if (out) {
			close(fds[0]);
			close(fds[1]);
		}
		return -e;
	}
	if (!pid) {
		if (out) {
			dup2(fds[1], STDOUT_FILENO);
			close(fds[0]);
			close(fds[1]);
		} else if (stdout_fd != STDOUT_FILENO) {
			dup2(stdout_fd, STDOUT_FILENO);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "kmemlab: trace: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (out) {
		close(fds[1]);
		*out = NULL;
		*len = 0;
		for (;;) {
			ssize_t n;

			if (*len + 65536 + 1 > cap) {
				char *nb;

				cap = cap ? cap * 2 : 1 << 20;
				nb = realloc(*out, cap);
				if (!nb) {
					close(fds[0]);
					waitpid(pid, &status, 0);
					free(*out);
					*out = NULL;
					return -ENOMEM;
				}
				*out = nb;
			}
			n = read(fds[0], *out + *len, cap - *len - 1);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			*len += (size_t)n;
		}
		(*out)[*len] = '\0';
		close(fds[0]);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/* Our instance names by id, from the 'instances' view (best effort). */
static void trace_name_instances(struct cli_ctx *ctx, struct trace_sum *s)
{
	char *text = NULL, *line, *save = NULL;
	size_t len, i;
	int ec;

	if (access(KMEMLAB_DEBUGFS "/instances", R_OK) || !cli_conn(ctx, &ec) ||
	    conn_view(ctx->conn, NULL, "instances", &text, &len))
		return;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char name[32], *id = strstr(line, " id=");

		if (!id || sscanf(line, "%31s", name) != 1)
			continue;
		for (i = 0; i < s->nr; i++)
			if (s->rows[i].ours &&
			    s->rows[i].inst == strtoll(id + 4, NULL, 10))
				snprintf(s->rows[i].inst_name,
					 sizeof(s->rows[i].inst_name), "%s", name);
	}
	free(text);
}

static int temp_file(char *path, size_t size, const char *suffix)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(path, size, "%s/kmemlab-trace-XXXXXX%s",
		 dir && *dir ? dir : "/tmp", suffix);
	fd = mkstemps(path, (int)strlen(suffix));
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

int cmd_trace(struct cli_ctx *ctx, int argc, char **argv)
{
	char tmp[4096] = "", status_path[4096] = "", errbuf[512];
	const char *output = NULL, *arg, *file;
	char *report = NULL, *stat = NULL, *st_text = NULL;
	char **rec = NULL;
	size_t rlen = 0, slen = 0, st_len = 0;
	bool keep = false;
	struct trace_sum sum;
	int c, i, n, ret, rc = CLI_EXIT_FAIL, cmd_status = -1;

	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		switch (c) {
		case 'o':
			output = arg;
			break;
		case 'k':
			keep = true;
			break;
		case 'h':
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage_error(ctx, "no command to trace (kmemlab trace -- CMD [ARGS...])");
	if (ctx->sim)
		return cli_usage_error(ctx, "tracepoints exist in kernel mode only");
	if (output && !*output)
		return cli_usage_error(ctx, "--output: empty file name");
	if (geteuid()) {
		cli_error("trace", "needs root (trace-cmd record writes to tracefs)");
		return CLI_EXIT_SKIP;
	}
	if (!in_path("trace-cmd")) {
		cli_error("trace", "trace-cmd not found in PATH (install the trace-cmd package)");
		return CLI_EXIT_SKIP;
	}
	if (!output) {
		ret = temp_file(tmp, sizeof(tmp), ".dat");
		if (ret) {
			cli_error("trace", "temporary file: %s", strerror(-ret));
			return CLI_EXIT_FAIL;
		}
	}
	file = output ? output : tmp;
	ret = temp_file(status_path, sizeof(status_path), ".status");
	if (ret) {
		cli_error("trace", "temporary file: %s", strerror(-ret));
		goto out;
	}

	/* trace-cmd record -q -e kmemlab -e kmem -o FILE sh -c ... CMD... */
	n = argc - optind;
	rec = calloc((size_t)n + 16, sizeof(*rec));
	if (!rec) {
		cli_error("trace", "out of memory");
		goto out;
	}
	i = 0;
	rec[i++] = "trace-cmd";
	rec[i++] = "record";
	rec[i++] = "-q";
	rec[i++] = "-e";
	rec[i++] = "kmemlab";
	rec[i++] = "-e";
	rec[i++] = "kmem";
	rec[i++] = "-o";
	rec[i++] = (char *)file;
	/* a shell between trace-cmd and CMD keeps CMD's exit status */
	rec[i++] = "/bin/sh";
	rec[i++] = "-c";
	rec[i++] = "\"$@\"; echo $? >\"$0\"";
	rec[i++] = status_path;
	memcpy(&rec[i], &argv[optind], (size_t)n * sizeof(*rec));
	fflush(stdout);
	/* with --json/--csv the command's own output goes to stderr */
	ret = run_prog(rec, ctx->fmt == CLI_FMT_TEXT ? STDOUT_FILENO :
		       STDERR_FILENO, NULL, NULL);
	if (ret) {
		cli_error("trace", "trace-cmd record failed (%s %d)",
			  ret < 0 ? "error" : "status", ret < 0 ? -ret : ret);
		goto out;
	}
	if (!cli_read_file(status_path, &st_text, &st_len))
		cmd_status = atoi(st_text);

	{
		char *rep[] = { "trace-cmd", "report", "-i", (char *)file, NULL };
		char *sta[] = { "trace-cmd", "report", "--stat", "-i",
				(char *)file, NULL };

		ret = run_prog(rep, STDOUT_FILENO, &report, &rlen);
		if (ret) {
			cli_error("trace", "trace-cmd report -i %s failed (%s %d)",
				  file, ret < 0 ? "error" : "status",
				  ret < 0 ? -ret : ret);
			goto out;
		}
		ret = run_prog(sta, STDOUT_FILENO, &stat, &slen);
		if (ret) {
			cli_error("trace", "trace-cmd report --stat -i %s failed (%s %d)",
				  file, ret < 0 ? "error" : "status",
				  ret < 0 ? -ret : ret);
			goto out;
		}
	}
	trace_sum_init(&sum);
	ret = trace_report_parse(&sum, report, rlen, "trace-cmd report", errbuf,
				 sizeof(errbuf));
	if (!ret)
		ret = trace_stat_parse(&sum, stat, slen, "trace-cmd report --stat",
				       errbuf, sizeof(errbuf));
	if (ret) {
		cli_error("trace", "%s", ret == -ENOMEM ? "out of memory" : errbuf);
		trace_sum_free(&sum);
		goto out;
	}
	trace_name_instances(ctx, &sum);
	trace_sum_print(ctx->out, &sum, ctx->fmt,
			output || keep ? file : NULL, cmd_status);
	if (trace_sum_lost(&sum) || sum.dropped_unknown)
		cli_error("trace", "the ring buffer lost events: the counts are lower bounds (try a larger buffer: trace-cmd record -b)");
	trace_sum_free(&sum);
	rc = CLI_EXIT_OK;
	if (cmd_status != 0) {
		if (cmd_status < 0)
			cli_error("trace", "the command's exit status is unknown");
		else
			cli_error("trace", "the command exited with status %d",
				  cmd_status);
		rc = CLI_EXIT_FAIL;
	}
out:
	if (!output && !keep && tmp[0])
		unlink(tmp);
	else if (keep && !output && ctx->fmt == CLI_FMT_TEXT && rc == CLI_EXIT_FAIL)
		cli_info(ctx, "recording kept in %s", tmp);
	if (status_path[0])
		unlink(status_path);
	free(rec);
	free(report);
	free(stat);
	free(st_text);
	return rc;
}
