/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Backends of one mode named in the other: the kernel's allocators
 * (kmem_cache, kmalloc, ...) do not exist in sim mode and the userspace
 * allocators (glibc, jemalloc, ...) do not exist in kernel mode. This
 * table says, for each, what the other mode offers in its place, so that
 * 'kmemlab backends' can show it and a run that names one refuses with
 * that advice instead of "unknown backend" (nothing is substituted).
 */
#ifndef KMEMLAB_STANDIN_H
#define KMEMLAB_STANDIN_H

#include <stdbool.h>
#include <stddef.h>

struct caps;

/* One backend that exists in one mode only. */
struct standin {
	const char *name;	/* the backend's name */
	bool kernel;		/* true: kernel mode only; false: sim only */
	const char *instead;	/* what stands in for it in the other mode:
				 * "real" = every real backend that mode has,
				 * or a backend name, or NULL for nothing */
	const char *why;	/* one phrase: what it is, what is missing */
};

extern const struct standin standins[];
extern const size_t nr_standins;

/* standin_find() - the entry of @name, or NULL. */
const struct standin *standin_find(const char *name);

/*
 * standin_advice() - what to use in place of @s in the mode of @c (the
 * backends that connection has): "use glibc, jemalloc (...)" or "no
 * stand-in: ...". Written into @buf.
 */
void standin_advice(const struct standin *s, const struct caps *c, char *buf,
		    size_t size);

#endif /* KMEMLAB_STANDIN_H */
