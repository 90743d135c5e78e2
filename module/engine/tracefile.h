/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Allocation traces for replay: the CS:APP malloc-lab ".rep" format and
 * kmemlab's native format, parsed strictly into a compact op array. The
 * formats are specified in docs/interface.md ("Trace formats").
 */
#ifndef KML_TRACEFILE_H
#define KML_TRACEFILE_H

#include "platform.h"
#include "out.h"
#include "engine.h"

enum kml_trace_opcode {
	KML_TOP_ALLOC,		/* a ID SIZE */
	KML_TOP_FREE,		/* f ID */
	KML_TOP_REALLOC,	/* r ID SIZE (realloc(NULL, SIZE) when not live) */
	KML_TOP_NOP,		/* f -1, or r ID 0 of an id not live: free(NULL) */
};

enum kml_trace_format {
	KML_TRACE_REP,		/* CS:APP: 2- or 4-line header of numbers */
	KML_TRACE_NATIVE,	/* "kmemlab-trace 1" or "2" header, comments */
};

struct kml_trace_op {
	u32 size;		/* bytes (alloc, realloc); 0 for free, nop */
	u32 id : 30;		/* below nr_ids */
	u32 op : 2;		/* enum kml_trace_opcode */
	u16 thread;		/* t= of version 2; 0 without it */
	u8 align_log2;		/* log2 of al= (0: no alignment asked) */
	u8 pad;
};

struct kml_trace {
	char name[KML_NAME_MAX + 1];	/* set by the engine */
	enum kml_trace_format format;
	u32 version;		/* native: 1 or 2; .rep: 0 */
	u32 nr_threads;		/* native 2: highest t= + 1; else 0 */
	u32 nr_aligned;		/* native 2: ops with al= */
	u32 nr_ops;		/* entries in ops[] */
	u32 nr_ids;		/* ids are below this */
	u32 nr_allocs;		/* a lines */
	u32 nr_frees;		/* f lines */
	u32 nr_reallocs;	/* r lines */
	u32 nr_free_null;	/* f -1 and r ID 0 of a dead id: no-ops */
	u32 nr_realloc_new;	/* r of an id not live: an allocation */
	u32 nr_realloc_free;	/* r ID 0 of a live id: a free */
	u32 nr_oversize;	/* a, r above KML_TRACE_MAX_SIZE: never served */
	u32 hdr_ops;		/* .rep: the header's num_ops */
	bool hdr_ops_differ;	/* .rep: hdr_ops is not nr_ops (warned) */
	u32 max_size;		/* largest size of an a or r, oversize ones aside */
	u32 max_live;		/* most ids live at once */
	u32 live_at_end;	/* ids still live after the last op */
	u64 peak_bytes;		/* most bytes live at once, oversize ones aside */
	struct kml_trace_op ops[];
};

/**
 * kml_trace_parse() - parse a trace
 * @buf: the text (need not be NUL-terminated)
 * @len: its length, at most KML_TRACE_MAX_BYTES
 * @tp: set to the new trace on success (free with kml_trace_free())
 * @err: on failure, receives one line "line N: reason" or "reason"
 *	(no trailing newline)
 *
 * Return: 0, -EINVAL for a malformed trace, -E2BIG over a bound, -ENOMEM.
 */
int kml_trace_parse(const char *buf, size_t len, struct kml_trace **tp,
		    struct kml_out *err);

/**
 * kml_trace_free() - free a parsed trace
 * @t: the trace, or NULL
 */
void kml_trace_free(struct kml_trace *t);

#endif /* KML_TRACEFILE_H */
