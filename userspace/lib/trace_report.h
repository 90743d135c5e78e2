/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The text of `trace-cmd report` as typed records: the allocation events
 * of kmemlab:* and kmem:* with their fields as numbers, the "cpus=N" line
 * and the lines of events the ring buffer dropped; and the "Kernel buffer
 * statistics" of `trace-cmd report --stat`. The reader is strict: a
 * malformed line, or an event of ours or kmem's without a field it must
 * have, is an error "FILE:LINE: why". What the events mean is trace_sum.c's.
 */
#ifndef KMEMLAB_TRACE_REPORT_H
#define KMEMLAB_TRACE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TRACE_MAX_CPUS		1024
#define TRACE_MAX_FIELDS	24
#define TRACE_MAX_ORDER		20	/* larger order= fields are errors */

/* The events whose fields are read; any other event is TRACE_EV_OTHER. */
enum trace_ev {
	TRACE_EV_OTHER,
	TRACE_EV_SLAB_ALLOC,		/* kmemlab:slab_alloc */
	TRACE_EV_SLAB_FREE,		/* kmemlab:slab_free */
	TRACE_EV_BUDDY_ALLOC,		/* kmemlab:buddy_alloc */
	TRACE_EV_BUDDY_FREE,		/* kmemlab:buddy_free */
	TRACE_EV_BUDDY_SPLIT,		/* kmemlab:buddy_split */
	TRACE_EV_BUDDY_MERGE,		/* kmemlab:buddy_merge */
	TRACE_EV_KMEM_CACHE_ALLOC,	/* kmem:kmem_cache_alloc */
	TRACE_EV_KMALLOC,		/* kmem:kmalloc */
	TRACE_EV_KMEM_CACHE_FREE,	/* kmem:kmem_cache_free */
	TRACE_EV_KFREE,			/* kmem:kfree */
	TRACE_EV_PAGE_ALLOC,		/* kmem:mm_page_alloc */
	TRACE_EV_PAGE_FREE,		/* kmem:mm_page_free */
};

/*
 * struct trace_event - one event line. The strings point into the reader
 * and stay valid until its next record.
 */
struct trace_event {
	enum trace_ev type;
	char comm[64];		/* the task, "COMM" of "COMM-PID" */
	unsigned int cpu;	/* [CPU] */
	char name[64];		/* the event's name */
	uint64_t inst;		/* slab_*, buddy_*: inst= */
	const char *cache;	/* slab_*: cache=; kmem_cache_free: name= */
	const char *call_site;	/* kmem objects: call_site= */
	uint64_t addr;		/* addr= (ours), ptr= (kmem objects), pfn= */
	uint64_t req;		/* slab_alloc, kmalloc, kmem_cache_alloc: */
	uint64_t bytes;		/*   bytes_req=, bytes_alloc= */
	unsigned int order;	/* buddy_*, mm_page_*: order= */
	bool page_nil;		/* mm_page_alloc: page=(nil), it failed */
};

enum trace_rec_kind {
	TRACE_REC_EVENT,	/* an event line */
	TRACE_REC_CPUS,		/* "cpus=N" */
	TRACE_REC_DROPPED,	/* "CPU:N [M EVENTS DROPPED]" */
};

struct trace_rec {
	enum trace_rec_kind kind;
	unsigned int cpus;	/* TRACE_REC_CPUS */
	unsigned int cpu;	/* TRACE_REC_DROPPED: the CPU, */
	uint64_t dropped;	/*   the events it lost, */
	bool dropped_unknown;	/*   or "[EVENTS DROPPED]": count unknown */
	struct trace_event ev;	/* TRACE_REC_EVENT */
};

/* struct trace_reader - the position in the text and the current line. */
struct trace_reader {
	const char *pos, *end;
	const char *file;
	size_t lineno;
	char line[4096];
	char msg[160];
	unsigned int nf;	/* key=value fields of the event line */
	const char *key[TRACE_MAX_FIELDS];
	const char *val[TRACE_MAX_FIELDS];
};

/* trace_reader_init() - read @text (@len bytes); errors name @file. */
void trace_reader_init(struct trace_reader *r, const char *text, size_t len,
		       const char *file);

/*
 * trace_reader_next() - the next record. Event lines are "COMM-PID [CPU]
 * [FLAGS] SECS.USECS: EVENT: FIELDS"; blank lines and "version = N" are
 * skipped.
 * @err: on failure "FILE:LINE: why"
 * Return: 1 with @rec filled, 0 at the end of the text, or -EINVAL.
 */
int trace_reader_next(struct trace_reader *r, struct trace_rec *rec,
		      char *err, size_t errlen);

/*
 * trace_stat_read() - the "Kernel buffer statistics" of `trace-cmd report
 * --stat`: per CPU, overrun + commit overrun + dropped events are added to
 * @lost; *@have_stats is set when the section is there. Other sections are
 * skipped.
 * Return: 0 or -EINVAL (a malformed line inside that section).
 */
int trace_stat_read(const char *text, size_t len, const char *file,
		    uint64_t lost[TRACE_MAX_CPUS], bool *have_stats, char *err,
		    size_t errlen);

#endif /* KMEMLAB_TRACE_REPORT_H */
