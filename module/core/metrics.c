// SPDX-License-Identifier: GPL-2.0
/*
 * Fragmentation and utilization metrics (see metrics.h and docs/metrics.md).
 * The buddy indices follow mm/vmstat.c of Linux 6.1 line for line, including
 * its rounding (truncating integer division), so that the same buddyinfo
 * numbers give the same digits as /sys/kernel/debug/extfrag/.
 */
#include "metrics.h"

void kml_metric_contig_info(const unsigned long *nr_free,
			    unsigned int nr_orders, unsigned int suitable_order,
			    struct kml_contig_info *info)
{
	unsigned int order;

	info->free_pages = 0;
	info->free_blocks_total = 0;
	info->free_blocks_suitable = 0;

	for (order = 0; order < nr_orders; order++) {
		unsigned long blocks = nr_free[order];

		info->free_blocks_total += blocks;
		info->free_pages += blocks << order;
		/* A block of a higher order serves 2^(diff) such requests. */
		if (order >= suitable_order)
			info->free_blocks_suitable +=
				blocks << (order - suitable_order);
	}
}

int kml_metric_unusable_index(const unsigned long *nr_free,
			      unsigned int nr_orders, unsigned int order)
{
	struct kml_contig_info info;

	kml_metric_contig_info(nr_free, nr_orders, order, &info);

	/* No free memory counts as all free memory being unusable. */
	if (!info.free_pages)
		return KML_METRIC_SCALE;

	return (int)(((u64)info.free_pages -
		      ((u64)info.free_blocks_suitable << order)) *
		     KML_METRIC_SCALE / info.free_pages);
}

int kml_metric_frag_index(const unsigned long *nr_free,
			  unsigned int nr_orders, unsigned int order)
{
	struct kml_contig_info info;
	u64 requested;

	/* The kernel warns here; a caller's bad order is not our bug. */
	if (order >= nr_orders)
		return 0;

	kml_metric_contig_info(nr_free, nr_orders, order, &info);
	requested = 1ULL << order;

	if (!info.free_blocks_total)
		return 0;

	/* The index only means something when the request would fail. */
	if (info.free_blocks_suitable)
		return -KML_METRIC_SCALE;

	return KML_METRIC_SCALE -
	       (int)((KML_METRIC_SCALE +
		      (u64)info.free_pages * KML_METRIC_SCALE / requested) /
		     info.free_blocks_total);
}

/* (1 - part / whole) x1000, rounded down; 0 for an empty or full whole. */
static int kml_metric_one_minus(u64 part, u64 whole)
{
	if (!whole || part >= whole)
		return 0;
	return (int)((whole - part) * KML_METRIC_SCALE / whole);
}

int kml_metric_ext_frag(u64 largest_free, u64 total_free)
{
	return kml_metric_one_minus(largest_free, total_free);
}

int kml_metric_int_frag(u64 requested, u64 handed_out)
{
	return kml_metric_one_minus(requested, handed_out);
}

int kml_metric_stranded(u64 free_slot_bytes, u64 held)
{
	if (!held)
		return 0;
	if (free_slot_bytes >= held)
		return KML_METRIC_SCALE;
	return (int)(free_slot_bytes * KML_METRIC_SCALE / held);
}

int kml_metric_utilization(u64 peak_payload, u64 peak_held)
{
	if (!peak_held)
		return 0;
	return (int)(peak_payload * KML_METRIC_SCALE / peak_held);
}

char *kml_metric_str(char *buf, size_t size, int x1000)
{
	/* Work on the magnitude so that -500 reads -0.500, not 0.-500. */
	u32 mag = x1000 < 0 ? -(u32)x1000 : (u32)x1000;

	snprintf(buf, size, "%s%u.%03u", x1000 < 0 ? "-" : "",
		 mag / KML_METRIC_SCALE, mag % KML_METRIC_SCALE);
	return buf;
}

void kml_metric_print(struct kml_out *out, int x1000)
{
	char buf[KML_METRIC_STR_LEN];

	kml_out_printf(out, "%s", kml_metric_str(buf, sizeof(buf), x1000));
}
