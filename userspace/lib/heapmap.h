/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Terminal pictures of allocator state: a teaching heap from its heapmap
 * view (a bar of used and free runs with labels, sizes, the largest free
 * run and external fragmentation) and a buddy allocator from its
 * buddyinfo row (free blocks and memory per order as bars).
 */
#ifndef KMEMLAB_HEAPMAP_H
#define KMEMLAB_HEAPMAP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "procfs.h"

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

/* heapmap_label() - the bar letter of used block number @i (A-Z a-z 0-9). */
char heapmap_label(size_t i);

/*
 * heapmap_draw() - the picture: a header line, the bar of @width columns
 * (used blocks as their letter, free as '.', dead as 'x'), an offset
 * ruler, a legend of used blocks, then sizes and fragmentation. ANSI
 * colour when @color. @blocks: also a table of every block.
 */
void heapmap_draw(FILE *f, const struct heapmap *hm, unsigned int width,
		  bool color, bool blocks);
/* heapmap_emit() - the blocks and summary as JSON or CSV. */
void heapmap_emit(FILE *f, const struct heapmap *hm, enum cli_format fmt);

/* buddymap_draw() - per-order free blocks of one buddyinfo row as bars. */
void buddymap_draw(FILE *f, const struct buddy_row *r, unsigned int width,
		   bool color);
void buddymap_emit(FILE *f, const struct buddy_table *t, enum cli_format fmt);

#endif /* KMEMLAB_HEAPMAP_H */
