/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The heapmap view of a teaching heap as data: its parameters, its blocks
 * (which tile the region) and its free-space summary (heapmap.c).
 */
#ifndef KMEMLAB_HEAPMAP_H
#define KMEMLAB_HEAPMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum hm_state { HM_USED, HM_FREE, HM_DEAD };

struct hm_block {
	uint64_t offset;	/* bytes from the start of the region */
	uint64_t addr;		/* as the view shows it (base + offset) */
	uint64_t size;		/* block size, header included */
	uint64_t request;	/* bytes asked for (used/dead) */
	enum hm_state state;
	char handle[32];	/* the engine's handle when the view has one */
};

/* A parsed heapmap view. */
struct heapmap {
	char policy[32];
	uint64_t region, base, align, header, min_split;
	char list[16];
	bool coalesce;
	struct hm_block *blocks;
	size_t nr;
	uint64_t largest_free_block;	/* from the view's summary */
	uint64_t largest_free_run;
	uint64_t total_free;
};

/*
 * heapmap_parse() - parse a heap's heapmap view (docs/interface.md)
 * Blocks must tile the region: each starts where the previous ended and
 * the last ends at the region size. Errors "FILE:LINE: why".
 * Return: 0 or -EINVAL / -ENOMEM.
 */
int heapmap_parse(const char *text, size_t len, const char *file,
		  struct heapmap *hm, char *err, size_t errlen);
void heapmap_free(struct heapmap *hm);

#endif /* KMEMLAB_HEAPMAP_H */
