/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Terminal pictures of allocator state (heapdraw.c): a teaching heap from
 * its parsed heapmap view and a buddy allocator from its buddyinfo row.
 */
#ifndef KMEMLAB_HEAPDRAW_H
#define KMEMLAB_HEAPDRAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "heapmap.h"
#include "procfs.h"

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

#endif /* KMEMLAB_HEAPDRAW_H */
