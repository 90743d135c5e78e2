/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The slabtop model: per-cache derived values, the summary lines and the
 * sort orders exactly as procps-ng 4.0.2 'slabtop --once' computes them
 * (its library/slabinfo.c and src/slabtop.c), so that our output can be
 * compared byte for byte with the real tool on the same input.
 */
#ifndef KMEMLAB_SLABTOP_H
#define KMEMLAB_SLABTOP_H

#include <stdio.h>

#include "cli.h"
#include "procfs.h"

/* Sort keys, as slabtop's -s letters: o a s b p l v c u n. */
enum slabtop_key {
	SLABTOP_OBJS,		/* o: number of objects (default) */
	SLABTOP_ACTIVE,		/* a: active objects */
	SLABTOP_OBJSIZE,	/* s: object size */
	SLABTOP_OBJPERSLAB,	/* b: objects per slab */
	SLABTOP_PAGES,		/* p: pages per slab (not displayed) */
	SLABTOP_SLABS,		/* l: number of slabs */
	SLABTOP_ASLABS,		/* v: active slabs (not displayed) */
	SLABTOP_CACHESIZE,	/* c: cache size */
	SLABTOP_USE,		/* u: utilization */
	SLABTOP_NAME,		/* n: name, ascending */
	SLABTOP_KEY_NR,
};

/* Letter and long name of each key (index: enum slabtop_key). */
extern const char slabtop_key_letters[SLABTOP_KEY_NR + 1];
extern const char *const slabtop_key_names[SLABTOP_KEY_NR];

/*
 * One displayed cache. procps keeps the per-cache counts as unsigned int;
 * so do we, so that the same (absurdly large) inputs wrap the same way.
 */
struct slabtop_row {
	const struct slab_row *src;
	unsigned int objs, active, objsize, objperslab, pages, slabs, aslabs;
	unsigned int use;		/* percent, truncated as procps does */
	unsigned long cache_size;	/* bytes: slabs x pages x page size */
};

struct slabtop_summary {
	unsigned int nr_objs, nr_active_objs, nr_pages;
	unsigned int nr_slabs, nr_active_slabs;
	unsigned int nr_caches, nr_active_caches;
	unsigned int avg_obj_size, min_obj_size, max_obj_size;
	unsigned long active_size, total_size;
};

/*
 * slabtop_compute() - derive rows and summary from a parsed table
 * @t: the table
 * @page_size: bytes per page (getpagesize())
 * @rows: out, @t->nr entries
 * @sum: out
 */
void slabtop_compute(const struct slab_table *t, unsigned long page_size,
		     struct slabtop_row *rows, struct slabtop_summary *sum);

/* slabtop_sort() - stable sort as procps: descending, names ascending. */
void slabtop_sort(struct slabtop_row *rows, size_t nr, enum slabtop_key key);

/* slabtop_print_summary() - the five summary lines and the blank line. */
void slabtop_print_summary(FILE *f, const struct slabtop_summary *sum);
/* slabtop_print_header() - the column header line, padded to 78. */
void slabtop_print_header(FILE *f);
/* slabtop_format_row() - one row, as printed, into @buf (with '\n'). */
void slabtop_format_row(char *buf, size_t size, const struct slabtop_row *r);
void slabtop_format_summary(char *buf, size_t size,
			    const struct slabtop_summary *sum);
void slabtop_format_header(char *buf, size_t size);

/*
 * parse_sort_key() - a slabtop sort key: a letter (o a s b p l v c u n) or
 * a column name, into *@key (enum slabtop_key).
 * Return: 0, or -1 after printing "kmemlab: WHAT: why".
 */
int parse_sort_key(const char *what, const char *s, int *key);

/*
 * slabtop_once() - the whole --once output of @t sorted by @key: the
 * summary, the header and the rows as text, or JSON or CSV (slabtop_once.c).
 * Return: an exit code.
 */
int slabtop_once(FILE *f, enum cli_format fmt, const struct slab_table *t,
		 int key);

/*
 * slabtop_load() - read and parse a slabinfo file
 * Return: 0, or a CLI exit code after printing the error (4 when the file
 * cannot be read for lack of permission, 1 otherwise).
 */
int slabtop_load(const char *path, struct slab_table *t);

#endif /* KMEMLAB_SLABTOP_H */
