/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of system "kmemlab": the buddy and slab events of our own
 * allocators, recorded next to the kernel's kmem:* events, e.g. with
 * `trace-cmd record -e kmemlab -e kmem`. The cores reach them through the
 * hooks in trace_hooks.h; trace.c instantiates them (CREATE_TRACE_POINTS).
 *
 * Addresses are recorded as unsigned long and printed with 0x%lx: these are
 * addresses of a laboratory pool, and hashing them (%p) would make split
 * and merge events impossible to pair up.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM kmemlab

#if !defined(KMEMLAB_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define KMEMLAB_TRACE_H

#include <linux/tracepoint.h>
#include <linux/types.h>

#include "compat.h"

DECLARE_EVENT_CLASS(kmemlab_buddy,
		    TP_PROTO(u32 inst, unsigned long addr, unsigned int order),
		    TP_ARGS(inst, addr, order),
		    TP_STRUCT__entry(__field(u32, inst)
				     __field(unsigned int, order)
				     __field(unsigned long, addr)),
		    TP_fast_assign(__entry->inst = inst;
				   __entry->order = order;
				   __entry->addr = addr;),
		    TP_printk("inst=%u addr=0x%lx order=%u",
			      __entry->inst, __entry->addr, __entry->order));

/* A block of 2^order pages handed out by our buddy allocator. */
DEFINE_EVENT(kmemlab_buddy, buddy_alloc,
	     TP_PROTO(u32 inst, unsigned long addr, unsigned int order),
	     TP_ARGS(inst, addr, order));

/* A block given back (before any merging). */
DEFINE_EVENT(kmemlab_buddy, buddy_free,
	     TP_PROTO(u32 inst, unsigned long addr, unsigned int order),
	     TP_ARGS(inst, addr, order));

/* A block at @addr of @order split into two halves of order - 1. */
DEFINE_EVENT(kmemlab_buddy, buddy_split,
	     TP_PROTO(u32 inst, unsigned long addr, unsigned int order),
	     TP_ARGS(inst, addr, order));

/* Two buddies merged into the block at @addr of @order. */
DEFINE_EVENT(kmemlab_buddy, buddy_merge,
	     TP_PROTO(u32 inst, unsigned long addr, unsigned int order),
	     TP_ARGS(inst, addr, order));

/* An object handed out by one of our slab caches. */
TRACE_EVENT(slab_alloc,
	    TP_PROTO(u32 inst, const char *cache, unsigned long addr,
		     size_t bytes_req, size_t bytes_alloc, unsigned int cpu),
	    TP_ARGS(inst, cache, addr, bytes_req, bytes_alloc, cpu),
	    TP_STRUCT__entry(__field(u32, inst)
			     __field(unsigned int, cpu)
			     __field(unsigned long, addr)
			     __field(size_t, bytes_req)
			     __field(size_t, bytes_alloc)
			     __string(cache, cache)),
	    TP_fast_assign(__entry->inst = inst;
			   __entry->cpu = cpu;
			   __entry->addr = addr;
			   __entry->bytes_req = bytes_req;
			   __entry->bytes_alloc = bytes_alloc;
			   kmemlab_assign_str(cache, cache);),
	    TP_printk("inst=%u cache=%s addr=0x%lx bytes_req=%zu bytes_alloc=%zu cpu=%u",
		      __entry->inst, __get_str(cache), __entry->addr,
		      __entry->bytes_req, __entry->bytes_alloc,
		      __entry->cpu));

/* An object given back to one of our slab caches. */
TRACE_EVENT(slab_free,
	    TP_PROTO(u32 inst, const char *cache, unsigned long addr,
		     unsigned int cpu),
	    TP_ARGS(inst, cache, addr, cpu),
	    TP_STRUCT__entry(__field(u32, inst)
			     __field(unsigned int, cpu)
			     __field(unsigned long, addr)
			     __string(cache, cache)),
	    TP_fast_assign(__entry->inst = inst;
			   __entry->cpu = cpu;
			   __entry->addr = addr;
			   kmemlab_assign_str(cache, cache);),
	    TP_printk("inst=%u cache=%s addr=0x%lx cpu=%u",
		      __entry->inst, __get_str(cache), __entry->addr,
		      __entry->cpu));

/* A new slab of 2^order pages holding @objects objects. */
TRACE_EVENT(slab_new,
	    TP_PROTO(u32 inst, const char *cache, unsigned long addr,
		     unsigned int order, unsigned int objects),
	    TP_ARGS(inst, cache, addr, order, objects),
	    TP_STRUCT__entry(__field(u32, inst)
			     __field(unsigned int, order)
			     __field(unsigned long, addr)
			     __field(unsigned int, objects)
			     __string(cache, cache)),
	    TP_fast_assign(__entry->inst = inst;
			   __entry->order = order;
			   __entry->addr = addr;
			   __entry->objects = objects;
			   kmemlab_assign_str(cache, cache);),
	    TP_printk("inst=%u cache=%s addr=0x%lx order=%u objects=%u",
		      __entry->inst, __get_str(cache), __entry->addr,
		      __entry->order, __entry->objects));

/* An empty slab given back to the buddy allocator. */
TRACE_EVENT(slab_release,
	    TP_PROTO(u32 inst, const char *cache, unsigned long addr,
		     unsigned int order),
	    TP_ARGS(inst, cache, addr, order),
	    TP_STRUCT__entry(__field(u32, inst)
			     __field(unsigned int, order)
			     __field(unsigned long, addr)
			     __string(cache, cache)),
	    TP_fast_assign(__entry->inst = inst;
			   __entry->order = order;
			   __entry->addr = addr;
			   kmemlab_assign_str(cache, cache);),
	    TP_printk("inst=%u cache=%s addr=0x%lx order=%u",
		      __entry->inst, __get_str(cache), __entry->addr,
		      __entry->order));

#endif /* KMEMLAB_TRACE_H */

/*
 * Out of tree, define_trace.h must find this file again: "./trace.h" on the
 * include path, which Kbuild's -I$(src)/module/kernel provides.
 */
#undef TRACE_INCLUDE_PATH
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_PATH .
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
