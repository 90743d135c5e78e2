// SPDX-License-Identifier: GPL-2.0
/*
 * The summary of a recording: the typed records of trace_report.c
 * attributed to rows (one per cache or buddy of ours, per real kmemlab-*
 * cache, kmalloc and the run workers' pages), allocations matched to
 * their frees by address (trace_sum.h gives the rules), and the events the
 * ring buffer lost.
 */
#include <errno.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "trace_report.h"
#include "trace_sum.h"

/*
 * The functions of module/kernel/backends.c that allocate and free for the
 * real backends: a kmem:* event whose call_site is one of them is the
 * module's. (kmemlab_real_get/put are inlined into their callers: the
 * split's alloc_call/free_call in runs, alloc/free elsewhere.)
 */
static const char *const trace_real_sites[] = {
	"kmemlab_real_alloc", "kmemlab_real_get", "kmemlab_real_free",
	"kmemlab_real_put", "kmemlab_real_alloc_bulk", "kmemlab_real_free_bulk",
	"kmemlab_real_alloc_call", "kmemlab_real_free_call",
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
	r = grow(s->rows, s->nr, &s->cap, sizeof(*r), 16);
	if (!r) {
		s->oom = true;
		return -1;
	}
	s->rows = r;
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

/* Count one event record. */
static void trace_event(struct trace_sum *s, const struct trace_event *ev)
{
	bool cache_alloc;
	long row;

	s->events++;
	switch (ev->type) {
	case TRACE_EV_SLAB_ALLOC:
	case TRACE_EV_SLAB_FREE:
		row = trace_row(s, true, ev->cache, (int64_t)ev->inst, true);
		if (ev->type == TRACE_EV_SLAB_ALLOC)
			trace_alloc(s, row, TK_OURS_SLAB, ev->addr, ev->cpu,
				    ev->req, ev->bytes, false);
		else if (row >= 0)
			trace_free(s, TK_OURS_SLAB, ev->addr, ev->cpu, row, -1);
		return;
	case TRACE_EV_BUDDY_SPLIT:
	case TRACE_EV_BUDDY_MERGE:
		s->other++;
		return;
	case TRACE_EV_BUDDY_ALLOC:
	case TRACE_EV_BUDDY_FREE:
		row = trace_row(s, true, "buddy", (int64_t)ev->inst, false);
		if (ev->type == TRACE_EV_BUDDY_ALLOC)
			trace_alloc(s, row, TK_OURS_BUDDY, ev->addr, ev->cpu, 0,
				    TRACE_PAGE_SIZE << ev->order, false);
		else if (row >= 0)
			trace_free(s, TK_OURS_BUDDY, ev->addr, ev->cpu, row, -1);
		return;
	case TRACE_EV_KMEM_CACHE_ALLOC:
	case TRACE_EV_KMALLOC:
		if (!is_real_site(ev->call_site) || !ev->addr) {
			s->other++;
			return;
		}
		cache_alloc = ev->type == TRACE_EV_KMEM_CACHE_ALLOC;
		/* the cache is known only from the free (name=) */
		row = trace_row(s, false, cache_alloc ? "kmem_cache" : "kmalloc",
				-1, true);
		trace_alloc(s, row, TK_REAL_OBJ, ev->addr, ev->cpu, ev->req,
			    ev->bytes, cache_alloc);
		return;
	case TRACE_EV_KMEM_CACHE_FREE:
	case TRACE_EV_KFREE: {
		long named = -1, hint = -1;

		if (ev->type == TRACE_EV_KMEM_CACHE_FREE) {
			if (!strncmp(ev->cache, "kmemlab-", 8))
				named = hint = trace_row(s, false, ev->cache, -1,
							 true);
		} else if (is_real_site(ev->call_site)) {
			hint = trace_row(s, false, "kmalloc", -1, true);
		}
		if (!ev->addr || !trace_free(s, TK_REAL_OBJ, ev->addr, ev->cpu,
					     hint, named))
			s->other++;
		return;
	}
	case TRACE_EV_PAGE_ALLOC:
		if (strncmp(ev->comm, TRACE_WORKER_COMM,
			    strlen(TRACE_WORKER_COMM)) || ev->page_nil) {
			s->other++;
			return;
		}
		row = trace_row(s, false, TRACE_PAGES_ROW, -1, false);
		trace_alloc(s, row, TK_REAL_PAGE, ev->addr, ev->cpu, 0,
			    TRACE_PAGE_SIZE << ev->order, false);
		return;
	case TRACE_EV_PAGE_FREE:
		if (!trace_free(s, TK_REAL_PAGE, ev->addr, ev->cpu, -1, -1))
			s->other++;
		return;
	case TRACE_EV_OTHER:
		break;
	}
	s->other++;		/* other kmem and kmemlab events */
}

int trace_report_parse(struct trace_sum *s, const char *text, size_t len,
		       const char *file, char *err, size_t errlen)
{
	struct trace_reader rd;
	struct trace_rec rec;
	int r;

	trace_reader_init(&rd, text, len, file);
	while ((r = trace_reader_next(&rd, &rec, err, errlen)) > 0) {
		switch (rec.kind) {
		case TRACE_REC_CPUS:
			s->nr_cpus = rec.cpus;
			break;
		case TRACE_REC_DROPPED:
			if (rec.dropped_unknown)
				s->dropped_unknown = true;
			else
				s->dropped[rec.cpu] += rec.dropped;
			break;
		case TRACE_REC_EVENT:
			trace_event(s, &rec.ev);
			break;
		}
		if (s->oom)
			return -ENOMEM;
	}
	return r;
}

int trace_stat_parse(struct trace_sum *s, const char *text, size_t len,
		     const char *file, char *err, size_t errlen)
{
	return trace_stat_read(text, len, file, s->overrun, &s->have_stats, err,
			       errlen);
}
