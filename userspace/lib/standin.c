// SPDX-License-Identifier: GPL-2.0
/*
 * The backends of one mode and what stands in for them in the other
 * (standin.h). Kernel-mode names come from module/kernel/backends.c,
 * sim-mode names from userspace/sim/user_backends.c; the selftests check
 * that every real backend of the module has an entry here.
 */
#include <stdio.h>
#include <string.h>

#include "caps.h"
#include "standin.h"

const struct standin standins[] = {
	{ "kmem_cache", true, "real",
	  "the kernel's kmem_cache exists in kernel mode only" },
	{ "kmem_cache_bulk", true, "real",
	  "the kernel's bulk kmem_cache API exists in kernel mode only" },
	{ "kmalloc", true, "real",
	  "the kernel's kmalloc exists in kernel mode only" },
	{ "vmalloc", true, "real",
	  "the kernel's vmalloc exists in kernel mode only" },
	{ "alloc_pages", true, NULL,
	  "the kernel's page allocator exists in kernel mode only" },
	{ "glibc", false, "kmalloc",
	  "glibc malloc is a userspace allocator of sim mode" },
	{ "jemalloc", false, "kmalloc",
	  "jemalloc is a userspace allocator of sim mode" },
	{ "tcmalloc", false, "kmalloc",
	  "tcmalloc is a userspace allocator of sim mode" },
	{ "mimalloc", false, "kmalloc",
	  "mimalloc is a userspace allocator of sim mode" },
};

const size_t nr_standins = sizeof(standins) / sizeof(standins[0]);

const struct standin *standin_find(const char *name)
{
	size_t i;

	for (i = 0; i < nr_standins; i++)
		if (!strcmp(standins[i].name, name))
			return &standins[i];
	return NULL;
}

void standin_advice(const struct standin *s, const struct caps *c, char *buf,
		    size_t size)
{
	const char *mode = s->kernel ? "sim" : "kernel";
	size_t n = 0;
	unsigned int i;

	buf[0] = '\0';
	if (s->instead && strcmp(s->instead, "real")) {
		snprintf(buf, size, "in %s mode use %s in its place", mode,
			 s->instead);
		return;
	}
	for (i = 0; s->instead && c && i < c->nbe && n < size; i++) {
		if (c->be[i].ours)
			continue;
		n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "",
				      c->be[i].name);
	}
	if (n && n < size) {
		char list[192];

		snprintf(list, sizeof(list), "%s", buf);
		snprintf(buf, size, "in %s mode use %s (its real allocators) in "
			 "its place", mode, list);
	} else if (s->kernel) {
		snprintf(buf, size, "nothing stands in for it in %s mode: "
			 "compare our buddy alone", mode);
	} else {
		snprintf(buf, size, "nothing stands in for it in %s mode", mode);
	}
}
