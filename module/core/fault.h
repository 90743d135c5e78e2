/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fault injection into the platform's allocations: the page source
 * (kml_pages_alloc(): the pools of our buddies and heaps) and, on request,
 * metadata memory (kml_zalloc()). Both platforms count their calls per site
 * and ask kml_fault_decide() whether call number N fails, so the same
 * settings fail the same calls in the kernel and in the simulator.
 *
 * Settings, as written to the kernel's debugfs file `fault` or given to the
 * simulator in KMEMLAB_SIM_FAULT (docs/interface.md, "fault injection"):
 *
 *   nth=N      fail every Nth call of a site (0: off)
 *   prob=P     also fail a call with probability P percent (0..100)
 *   where=W    sites: pages (default), meta, or pages+meta
 *   seed=S     the seed of the probability's pseudo-random sequence
 *   off        all of the above back to 0 (where=pages, seed=0)
 *
 * The counters restart at 0 whenever the settings are written, so nth=3
 * fails the 3rd, 6th, ... call after the write.
 */
#ifndef KML_FAULT_H
#define KML_FAULT_H

#include "platform.h"
#include "out.h"

enum kml_fault_site {
	KML_FAULT_PAGES,
	KML_FAULT_META,
	KML_FAULT_NR_SITES,
};

struct kml_fault_cfg {
	u64 nth;		/* every nth call fails; 0 = never */
	u32 prob;		/* percent of calls that fail at random */
	u32 sites;		/* BIT(site) of the sites that may fail */
	u64 seed;		/* of the random failures */
};

/**
 * kml_fault_decide() - does call @call (1-based) of @site fail?
 * @c: the settings
 * @site: enum kml_fault_site
 * @call: the site's call number since the settings were written
 *
 * Return: true to fail the call. A pure function of its arguments.
 */
bool kml_fault_decide(const struct kml_fault_cfg *c, unsigned int site,
		      u64 call);

/**
 * kml_fault_parse() - read settings
 * @c: the settings to fill (left unchanged on error)
 * @buf: text, "key=value" words separated by blanks or commas in any
 *	 order, or "off"; a trailing newline is fine
 * @len: its length
 * @err: buffer for the reason of a failure, naming the bad word
 * @errsz: its size
 *
 * Keys not given keep their value in @c.
 *
 * Return: 0, or -EINVAL with @err filled.
 */
int kml_fault_parse(struct kml_fault_cfg *c, const char *buf, size_t len,
		    char *err, size_t errsz);

/**
 * kml_fault_show() - the settings and counters as one line
 * @c: the settings
 * @calls: per-site calls since the settings were written
 * @injected: per-site failures injected since then
 * @out: where to write
 *
 * Writes "fault nth=N prob=P where=W seed=S pages_calls=C
 * pages_injected=I meta_calls=C meta_injected=I\n".
 */
void kml_fault_show(const struct kml_fault_cfg *c,
		    const u64 calls[KML_FAULT_NR_SITES],
		    const u64 injected[KML_FAULT_NR_SITES], struct kml_out *out);

/*
 * Provided by each platform (module/kernel/platform.c,
 * userspace/sim/platform.c), over one process-wide setting:
 *
 * kml_fault_injected() - failures injected since the platform started, all
 * sites (never reset): the engine compares it around a command to say that
 * an ENOMEM was injected.
 */
u64 kml_fault_injected(void);

#endif /* KML_FAULT_H */
