/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The summary of 'kmemlab trace': per backend or cache, allocations and
 * frees, bytes requested and allocated (internal fragmentation, as perf
 * kmem computes it), frees on another CPU than the allocation, and the
 * events the ring buffer lost, from the records of `trace-cmd report`
 * and `trace-cmd report --stat` (trace_report.h). Unit-tested on
 * tests/data/trace-*.txt.
 */
#ifndef KMEMLAB_TRACE_SUM_H
#define KMEMLAB_TRACE_SUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace_report.h"

/* One row of the summary: one of our caches/buddies, or one real cache. */
struct trace_row {
	bool ours;		/* kmemlab:* events; else kmem:* */
	char name[64];		/* cache name, "buddy", "kmalloc", ... */
	int64_t inst;		/* our instance id, -1 for real rows */
	char inst_name[32];	/* filled in by the caller when known */
	uint64_t allocs;
	uint64_t frees;
	uint64_t requested;	/* bytes asked for (req_known) */
	uint64_t allocated;	/* bytes handed out */
	bool req_known;		/* the events carry bytes_req */
	uint64_t cross_cpu;	/* frees on another CPU than their alloc */
	uint64_t unmatched;	/* frees without an alloc in the trace */
	uint64_t live;		/* allocs not freed by the end */
};

struct trace_sum {
	struct trace_row *rows;
	size_t nr, cap;
	void *live;		/* tsearch tree of live allocations */
	uint64_t events;	/* event lines read */
	uint64_t attributed;	/* of them, counted in a row */
	uint64_t other;		/* events of other kinds or callers */
	/* lost events: per CPU, from dropped-event lines and stats */
	uint64_t dropped[TRACE_MAX_CPUS];	/* "CPU:N [M EVENTS DROPPED]" */
	bool dropped_unknown;	/* "CPU:N [EVENTS DROPPED]": count unknown */
	uint64_t overrun[TRACE_MAX_CPUS];	/* --stat overrun + dropped */
	bool have_stats;	/* a "Kernel buffer statistics" section */
	unsigned int nr_cpus;	/* "cpus=N" of the report (0: not seen) */
	bool oom;
};

/* trace_sum_init() / trace_sum_free() - an empty summary; free its memory. */
void trace_sum_init(struct trace_sum *s);
void trace_sum_free(struct trace_sum *s);

/*
 * trace_report_parse() - feed the text of `trace-cmd report` into @s: the
 * records of trace_reader_next(), whose errors ("FILE:LINE: why" in @err)
 * stop it.
 * Return: 0, -EINVAL, or -ENOMEM.
 */
int trace_report_parse(struct trace_sum *s, const char *text, size_t len,
		       const char *file, char *err, size_t errlen);

/*
 * trace_stat_parse() - the "Kernel buffer statistics" of
 * `trace-cmd report --stat` into @s->overrun and @s->have_stats
 * (trace_stat_read()).
 * Return: 0 or -EINVAL (a malformed line inside that section).
 */
int trace_stat_parse(struct trace_sum *s, const char *text, size_t len,
		     const char *file, char *err, size_t errlen);

/* trace_sum_lost() - lost events over all CPUs (drop lines + stats). */
uint64_t trace_sum_lost(const struct trace_sum *s);

#endif /* KMEMLAB_TRACE_SUM_H */
