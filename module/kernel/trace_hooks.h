/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cores' trace hooks, mapped onto the tracepoints of system "kmemlab"
 * (trace.h). Each hook is an inline call of trace_<event>(), which tests
 * the tracepoint's static key first: with tracing off a core pays a
 * patched-out jump, not a function call.
 */
#ifndef KML_TRACE_HOOKS_H
#define KML_TRACE_HOOKS_H

#include <linux/types.h>

#include "trace.h"

static inline void kml_trace_buddy_alloc(u32 inst, unsigned long addr,
					 unsigned int order)
{
	trace_buddy_alloc(inst, addr, order);
}

static inline void kml_trace_buddy_free(u32 inst, unsigned long addr,
					unsigned int order)
{
	trace_buddy_free(inst, addr, order);
}

static inline void kml_trace_buddy_split(u32 inst, unsigned long addr,
					 unsigned int order)
{
	trace_buddy_split(inst, addr, order);
}

static inline void kml_trace_buddy_merge(u32 inst, unsigned long addr,
					 unsigned int order)
{
	trace_buddy_merge(inst, addr, order);
}

static inline void kml_trace_slab_alloc(u32 inst, const char *cache,
					unsigned long addr, size_t bytes_req,
					size_t bytes_alloc, unsigned int cpu)
{
	trace_slab_alloc(inst, cache, addr, bytes_req, bytes_alloc, cpu);
}

static inline void kml_trace_slab_free(u32 inst, const char *cache,
				       unsigned long addr, unsigned int cpu)
{
	trace_slab_free(inst, cache, addr, cpu);
}

static inline void kml_trace_slab_new(u32 inst, const char *cache,
				      unsigned long addr, unsigned int order,
				      unsigned int objects)
{
	trace_slab_new(inst, cache, addr, order, objects);
}

static inline void kml_trace_slab_release(u32 inst, const char *cache,
					  unsigned long addr,
					  unsigned int order)
{
	trace_slab_release(inst, cache, addr, order);
}

#endif /* KML_TRACE_HOOKS_H */
