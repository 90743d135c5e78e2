/* SPDX-License-Identifier: GPL-2.0 */
/* Reading an instance's latency view (latview.c). */
#ifndef KMEMLAB_LATVIEW_H
#define KMEMLAB_LATVIEW_H

#include <stdint.h>

#include "results.h"

/*
 * latview_parse() - the histograms and the series of the latency view
 * @text into @r (bucket and series arrays appended; free them with
 * res_lat_free() and res_series_free()); series points are placed in time
 * by @elapsed_ms over @ops operations.
 * Return: 0, -EINVAL on a malformed line, -ENOMEM.
 */
int latview_parse(const char *text, struct result *r, double elapsed_ms,
		  uint64_t ops);

#endif /* KMEMLAB_LATVIEW_H */
