/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ops of a kernel recording (native version 2 with cache=, written by
 * 'kmemlab record --kernel') split by the cache they belong to, for
 * 'kmemlab replay --by-cache' (docs/cli.md): an allocation names its cache
 * (cache=), a free or realloc belongs to the group of its id's allocation,
 * page ops (ev=page) form one group. Each group is a native trace of its
 * own, the ops' lines kept as they are (t= stays: each op on its CPU).
 */
#ifndef KMEMLAB_TRACEGROUP_H
#define KMEMLAB_TRACEGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The name of the group of the page ops (no cache has parentheses). */
#define TGROUP_PAGES "(pages)"

/* One group: the ops of one cache, as a trace. */
struct tgroup {
	char name[64];		/* the cache= of its allocations */
	bool pages;		/* ev=page: to page allocators */
	uint64_t max_alloc;	/* largest alloc= (SIZE when absent), bytes */
	uint64_t max_req;	/* largest SIZE of an a or r, bytes */
	uint64_t ops, allocs, frees, reallocs;
	unsigned int threads;	/* highest t= + 1 */
	char *text;		/* "kmemlab-trace 2\n" and its op lines */
	size_t len, cap;
};

struct tgroups {
	struct tgroup *g;	/* in the order of their first op */
	size_t n, cap;
	uint64_t ops;		/* op lines of the file */
	uint64_t free_nulls;	/* 'f -1' lines: no cache, left out */
	unsigned int threads;	/* highest t= + 1 of the whole file */
};

/*
 * tgroup_split() - split the text of a kernel recording into groups
 * @text: the whole file (need not be NUL-terminated)
 * @len: its length
 * @out: zeroed by the caller; filled on success, tgroup_free() it always
 * @err: on failure, "line N: why" or "why"
 * The ops are expected to be valid (the engine's parser checks them
 * first: trace load); what is checked here is what grouping needs: the
 * version 2 header, cache= on every allocation that is not a page op, a
 * live id for every free and realloc.
 * Return: 0, -EINVAL (not a kernel recording, or a line that cannot be
 * grouped), -ENOMEM.
 */
int tgroup_split(const char *text, size_t len, struct tgroups *out, char *err,
		 size_t errlen);
void tgroup_free(struct tgroups *gs);

#endif /* KMEMLAB_TRACEGROUP_H */
