/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cores' trace hooks, mapped onto the tracepoints of system "kmemlab"
 * (trace.h). Each hook costs a static-key test when tracing is off.
 */
#ifndef KML_TRACE_HOOKS_H
#define KML_TRACE_HOOKS_H

#include <linux/types.h>

void kml_trace_buddy_alloc(u32 inst, unsigned long addr, unsigned int order);
void kml_trace_buddy_free(u32 inst, unsigned long addr, unsigned int order);
void kml_trace_buddy_split(u32 inst, unsigned long addr, unsigned int order);
void kml_trace_buddy_merge(u32 inst, unsigned long addr, unsigned int order);
void kml_trace_slab_alloc(u32 inst, const char *cache, unsigned long addr,
			  size_t bytes_req, size_t bytes_alloc,
			  unsigned int cpu);
void kml_trace_slab_free(u32 inst, const char *cache, unsigned long addr,
			 unsigned int cpu);
void kml_trace_slab_new(u32 inst, const char *cache, unsigned long addr,
			unsigned int order, unsigned int objects);
void kml_trace_slab_release(u32 inst, const char *cache, unsigned long addr,
			    unsigned int order);

#endif /* KML_TRACE_HOOKS_H */
