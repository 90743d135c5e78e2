/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Strict parsers of the kernel's text formats the CLI reads: /proc/slabinfo
 * version 2.1 (and our debugfs slabinfo files, which use the same format)
 * and /proc/buddyinfo (and our instances' buddyinfo rows). A malformed
 * line is an error naming the file and the line number; nothing is guessed.
 */
#ifndef KMEMLAB_PROCFS_H
#define KMEMLAB_PROCFS_H

#include <stdbool.h>
#include <stddef.h>

#define SLAB_NAME_MAX	128

/* One cache row of slabinfo 2.1. */
struct slab_row {
	char name[SLAB_NAME_MAX + 1];
	unsigned long active_objs;
	unsigned long num_objs;
	unsigned long objsize;		/* bytes, stride included */
	unsigned long objperslab;
	unsigned long pagesperslab;
	unsigned long limit, batchcount, sharedfactor;	/* tunables */
	unsigned long active_slabs;
	unsigned long num_slabs;
	unsigned long sharedavail;
};

struct slab_table {
	struct slab_row *rows;
	size_t nr;
};

/*
 * slabinfo_parse() - parse slabinfo 2.1 text
 * @text: the file's contents (@len bytes)
 * @file: the file name for error messages
 * @t: filled in (free with slab_table_free()); empty on failure
 * @err: on failure "FILE:LINE: why"
 *
 * Line 1 must be "slabinfo - version: 2.1", line 2 the "# name ..."
 * header; every other line a cache row: name, five numbers, ": tunables"
 * and three numbers, ": slabdata" and three numbers, single spaces or more
 * between fields, no other text. An empty file is an error.
 *
 * Return: 0, -EINVAL on malformed text, -ENOMEM.
 */
int slabinfo_parse(const char *text, size_t len, const char *file,
		   struct slab_table *t, char *err, size_t errlen);
void slab_table_free(struct slab_table *t);

/*
 * slab_table_append() - copy the rows of @src to the end of @dst.
 * Return: 0, or -ENOMEM (then @dst is unchanged).
 */
int slab_table_append(struct slab_table *dst, const struct slab_table *src);

/*
 * slabinfo_print() - write @t in the /proc/slabinfo 2.1 format with the
 * kernel's field widths (mm/slab_common.c cache_show()), header included
 * when @header.
 */
void slabinfo_print(const struct slab_table *t, bool header, void *file);

#define BUDDY_ORDERS_MAX 32

/* One row of /proc/buddyinfo: "Node N, zone NAME c0 c1 ... c10". */
struct buddy_row {
	int node;
	char zone[32];
	unsigned int nr_orders;
	unsigned long nr_free[BUDDY_ORDERS_MAX];
};

struct buddy_table {
	struct buddy_row *rows;
	size_t nr;
};

/*
 * buddyinfo_parse() - parse /proc/buddyinfo text
 * Every line must be "Node N, zone NAME" followed by 1..32 counts, the
 * same number on every line. Errors as for slabinfo_parse().
 * Return: 0, -EINVAL, -ENOMEM.
 */
int buddyinfo_parse(const char *text, size_t len, const char *file,
		    struct buddy_table *t, char *err, size_t errlen);
void buddy_table_free(struct buddy_table *t);

#endif /* KMEMLAB_PROCFS_H */
