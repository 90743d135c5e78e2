// SPDX-License-Identifier: GPL-2.0
/*
 * Trace hooks of the cores. Tracepoints of system "kmemlab" are defined in
 * trace.h; until then the hooks record nothing.
 */
#include "platform.h"

void kml_trace_buddy_alloc(u32 inst, unsigned long addr, unsigned int order) {}
void kml_trace_buddy_free(u32 inst, unsigned long addr, unsigned int order) {}
void kml_trace_buddy_split(u32 inst, unsigned long addr, unsigned int order) {}
void kml_trace_buddy_merge(u32 inst, unsigned long addr, unsigned int order) {}
void kml_trace_slab_alloc(u32 inst, const char *cache, unsigned long addr,
			  size_t bytes_req, size_t bytes_alloc,
			  unsigned int cpu) {}
void kml_trace_slab_free(u32 inst, const char *cache, unsigned long addr,
			 unsigned int cpu) {}
void kml_trace_slab_new(u32 inst, const char *cache, unsigned long addr,
			unsigned int order, unsigned int objects) {}
void kml_trace_slab_release(u32 inst, const char *cache, unsigned long addr,
			    unsigned int order) {}
