// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target of the trace parser: any bytes either parse into a
 * trace whose ops are consistent (ids in range, frees of live ids, peaks
 * right, the dialects counted: realloc(NULL, n), free(NULL)) or are
 * refused with a one-line message free of control bytes. The corpus's
 * err-* seeds reach every error of the parser.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tracefile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fz_check(const struct kml_trace *t)
{
	static u32 live[KML_TRACE_MAX_IDS];
	u32 i, nr_live = 0, max_live = 0, a = 0, f = 0, r = 0, nop = 0, rn = 0;
	u32 big = 0;

	if (!t->nr_ops || t->nr_ops > KML_TRACE_MAX_OPS ||
	    t->nr_ids > KML_TRACE_MAX_IDS)
		abort();
	memset(live, 0, sizeof(u32) * t->nr_ids);
	for (i = 0; i < t->nr_ops; i++) {
		const struct kml_trace_op *op = &t->ops[i];

		/* an oversize request (above 1 GiB) is out of max_size */
		if (op->size == KML_TRACE_OVERSIZE)
			big++;
		else if (op->size > t->max_size)
			abort();
		if (op->id >= t->nr_ids)
			abort();
		switch (op->op) {
		case KML_TOP_ALLOC:
			if (live[op->id] || !op->size)
				abort();
			live[op->id] = op->size;
			nr_live++;
			a++;
			break;
		case KML_TOP_FREE:
			if (!live[op->id] || op->size)
				abort();
			live[op->id] = 0;
			nr_live--;
			f++;
			break;
		case KML_TOP_REALLOC:
			if (!op->size)
				abort();
			if (!live[op->id]) {	/* realloc(NULL, n) */
				nr_live++;
				rn++;
			}
			live[op->id] = op->size;
			r++;
			break;
		case KML_TOP_NOP:
			if (op->size)
				abort();
			nop++;
			break;
		default:
			abort();
		}
		if (nr_live > max_live)
			max_live = nr_live;
	}
	if (a != t->nr_allocs || nop != t->nr_free_null ||
	    rn != t->nr_realloc_new ||
	    f + r + nop != t->nr_frees + t->nr_reallocs ||
	    max_live != t->max_live || nr_live != t->live_at_end ||
	    big != t->nr_oversize || t->max_size > KML_TRACE_MAX_SIZE)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kml_trace *t = NULL;
	char msg[160];
	struct kml_out err;
	int ret;

	kml_out_init(&err, msg, sizeof(msg));
	ret = kml_trace_parse((const char *)data, size, &t, &err);
	if (ret) {
		size_t i;

		if (t || !msg[0] || strchr(msg, '\n') ||
		    (ret != -EINVAL && ret != -E2BIG && ret != -ENOMEM))
			abort();
		/* the input's control bytes are never echoed (shown as '?') */
		for (i = 0; msg[i]; i++)
			if ((unsigned char)msg[i] < 0x20 || msg[i] == 0x7f)
				abort();
		return 0;
	}
	fz_check(t);
	kml_trace_free(t);
	return 0;
}
