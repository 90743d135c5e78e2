/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Text output into a bounded buffer. Every view a core renders (slabinfo,
 * buddyinfo, frag, stats, heapmap, command replies) goes through this, so
 * that the debugfs files and the simulator print byte-identical text.
 */
#ifndef KML_OUT_H
#define KML_OUT_H

#include "platform.h"

struct kml_out {
	char *buf;		/* destination, always NUL-terminated */
	size_t size;		/* capacity including the NUL */
	size_t len;		/* bytes written so far (excluding the NUL) */
	bool overflow;		/* something did not fit and was cut */
};

/**
 * kml_out_init() - start writing into @buf
 * @out: the output to set up
 * @buf: destination memory
 * @size: its capacity in bytes (at least 1)
 */
void kml_out_init(struct kml_out *out, char *buf, size_t size);

/**
 * kml_out_printf() - append formatted text
 * @out: the output
 * @fmt: printf-style format (only conversions both builds share: %d %u %ld
 *       %lu %lld %llu %x %llx %zu %s %c and widths)
 *
 * Text that does not fit is cut and @out->overflow is set.
 */
__printf(2, 3) void kml_out_printf(struct kml_out *out, const char *fmt, ...);

#endif /* KML_OUT_H */
