/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fragmentation and utilization metrics: pure functions on counts, integer
 * arithmetic only, results scaled by 1000 (1.000 == 1000). The buddy
 * indices use exactly the formulas of the kernel's mm/vmstat.c, so that
 * our numbers can be checked against /sys/kernel/debug/extfrag/ on the
 * same /proc/buddyinfo row. docs/metrics.md gives every formula.
 */
#ifndef KML_METRICS_H
#define KML_METRICS_H

#include "platform.h"
#include "out.h"

/* Scale of every ratio below: 1.000 is 1000. */
#define KML_METRIC_SCALE	1000

/* An x1000 figure that does not apply to a backend ("n/a" in the CLI). */
#define KML_METRIC_NA		(-1)

/*
 * What the kernel's fill_contig_page_info() gathers from the free lists for
 * a request of order @suitable_order.
 */
struct kml_contig_info {
	unsigned long free_pages;		/* free base pages */
	unsigned long free_blocks_total;	/* free blocks of any order */
	/* requests of the suitable order the free blocks could serve */
	unsigned long free_blocks_suitable;
};

/**
 * kml_metric_contig_info() - sum a buddyinfo row for one request order
 * @nr_free: free blocks per order (one /proc/buddyinfo row)
 * @nr_orders: entries in @nr_free (the kernel's MAX_ORDER, 11 in 6.1)
 * @suitable_order: the order of the request
 * @info: filled in
 *
 * Same loop as fill_contig_page_info() in mm/vmstat.c.
 */
void kml_metric_contig_info(const unsigned long *nr_free,
			    unsigned int nr_orders, unsigned int suitable_order,
			    struct kml_contig_info *info);

/**
 * kml_metric_unusable_index() - the kernel's unusable free space index
 * @nr_free: free blocks per order
 * @nr_orders: entries in @nr_free
 * @order: the request order
 *
 * The share of free memory that cannot serve a request of @order, as
 * unusable_free_index() in mm/vmstat.c computes it.
 *
 * Return: 0..1000; 1000 when nothing is free.
 */
int kml_metric_unusable_index(const unsigned long *nr_free,
			      unsigned int nr_orders, unsigned int order);

/**
 * kml_metric_frag_index() - the kernel's fragmentation index
 * @nr_free: free blocks per order
 * @nr_orders: entries in @nr_free
 * @order: the request order
 *
 * As __fragmentation_index() in mm/vmstat.c: towards 0 a failing request
 * fails for lack of memory, towards 1000 because of fragmentation.
 *
 * Return: -1000 when a request of @order would succeed; 0 when nothing is
 * free or @order >= @nr_orders; otherwise 1000 - (1000 + free_pages * 1000
 * / 2^@order) / free_blocks_total, which can be negative (above -1000) when
 * a single free block is smaller than the request.
 */
int kml_metric_frag_index(const unsigned long *nr_free,
			  unsigned int nr_orders, unsigned int order);

/**
 * kml_metric_ext_frag() - external fragmentation of a heap
 * @largest_free: the largest free block (bytes, or any unit)
 * @total_free: all free space (same unit)
 *
 * Return: (1 - @largest_free / @total_free) x1000, rounded down; 0 when
 * nothing is free (or @largest_free >= @total_free).
 */
int kml_metric_ext_frag(u64 largest_free, u64 total_free);

/**
 * kml_metric_int_frag() - internal fragmentation
 * @requested: bytes the callers asked for
 * @handed_out: bytes the allocator gave them (size classes, block sizes)
 *
 * Return: (1 - @requested / @handed_out) x1000, rounded down; 0 when
 * nothing is handed out (or @requested >= @handed_out).
 */
int kml_metric_int_frag(u64 requested, u64 handed_out);

/**
 * kml_metric_stranded() - memory stranded in the free slots of object caches
 * @free_slot_bytes: bytes of the free object slots inside the held slabs
 * @held: bytes held from the page source
 *
 * Object caches replace external fragmentation: every free slot serves any
 * request the cache serves, but the slabs holding them cannot go back to
 * the page source while one object in them lives.
 *
 * Return: @free_slot_bytes / @held x1000, rounded down; 0 when nothing is
 * held; at most 1000.
 */
int kml_metric_stranded(u64 free_slot_bytes, u64 held);

/**
 * kml_metric_utilization() - CS:APP utilization
 * @peak_payload: peak of the bytes live callers asked for
 * @peak_held: peak of the bytes held from the page source
 *
 * Return: @peak_payload / @peak_held x1000, rounded down; 0 when nothing
 * was ever held.
 */
int kml_metric_utilization(u64 peak_payload, u64 peak_held);

/* Room for the longest kml_metric_str() result: "-2147483.648" and NUL. */
#define KML_METRIC_STR_LEN	16

/**
 * kml_metric_str() - write an x1000 value as "%d.%03d"
 * @buf: destination, at least KML_METRIC_STR_LEN bytes
 * @size: its capacity
 * @x1000: the value
 *
 * Writes 1000 as "1.000", 250 as "0.250", -1000 as "-1.000" and -500 as
 * "-0.500" (the sign is kept when the integer part is 0).
 *
 * Return: @buf.
 */
char *kml_metric_str(char *buf, size_t size, int x1000);

/**
 * kml_metric_print() - append an x1000 value to @out as kml_metric_str() does
 * @out: the output
 * @x1000: the value
 */
void kml_metric_print(struct kml_out *out, int x1000);

#endif /* KML_METRICS_H */
