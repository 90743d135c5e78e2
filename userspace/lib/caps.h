/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the engine says its backends and workloads can do: the "backends"
 * and "workloads" views (docs/interface.md 3.1, 3.1a) read into typed
 * tables. The CLI asks these tables, never a list of names of its own,
 * which backend takes pool= or size=, which is a heap, which workload
 * takes which keys and with which defaults.
 */
#ifndef KMEMLAB_CAPS_H
#define KMEMLAB_CAPS_H

#include <stdbool.h>
#include <stdint.h>

#include "conn.h"

#define CAPS_MAX_BACKENDS	32
#define CAPS_MAX_WORKLOADS	16
#define CAPS_NAME		32

/* One line of the backends view. */
struct caps_backend {
	char name[CAPS_NAME];
	char family[8];		/* "object", "page" or "heap" */
	bool ours;		/* one of kmemlab's allocators */
	char keys[160];		/* create keys, comma-separated ("" none) */
	uint64_t max_pool;	/* bound of pool= */
	uint64_t max_size;	/* bound of size= */
	bool slots;		/* its stats count free object slots */
	bool step;		/* alloc/free replies show the search */
	bool heapmap;		/* its heapmap names blocks by handle */
	char desc[128];
};

/* One workload line of the workloads view. */
struct caps_workload {
	char name[16];
	char keys[128];		/* its keys beyond the common ones */
	uint64_t size;		/* default size= (when it takes size=) */
	uint64_t batch;		/* default batch= (when it takes batch=) */
	uint64_t batch_max;
	unsigned int workers;	/* without cpus= */
	unsigned int max_workers;
	bool phases;		/* mode=phases applies */
	uint64_t max_other;	/* objects besides size= up to this (burst) */
	char desc[128];
};

/* One key line of the workloads view. */
struct caps_key {
	char name[16];
	char type[8];		/* "num", "bool", "enum", "text" */
	uint64_t min, max;	/* num */
	bool has_def;
	uint64_t def;		/* num: the default */
	char def_word[16];	/* enum: the default word */
};

struct caps {
	struct caps_backend be[CAPS_MAX_BACKENDS];
	unsigned int nbe;
	struct caps_workload wl[CAPS_MAX_WORKLOADS];
	unsigned int nwl;
	struct caps_key key[24];
	unsigned int nkey;
	uint64_t default_ops;
};

/*
 * caps_parse_backends() / caps_parse_workloads() - read a view's text
 * into @c (replacing what it held of that view)
 * @err: set to a one-line reason ("line N: ...") on failure
 * Return: 0, or -1 when a line is malformed or a table is full.
 */
int caps_parse_backends(struct caps *c, const char *text, char *err,
			size_t errlen);
int caps_parse_workloads(struct caps *c, const char *text, char *err,
			 size_t errlen);

/*
 * caps_load() - read both views of a connection into @c
 * Return: 0, or -1 after printing "kmemlab: backends: why" (or workloads).
 */
int caps_load(struct conn *conn, struct caps *c);

/*
 * caps_local_workloads() - the workloads view of the engine built into this
 * program (the table the module was built from, when versions match):
 * usable before any connection, for option checks and --help.
 * Return: 0, or -1 after printing why.
 */
int caps_local_workloads(struct caps *c);

const struct caps_backend *caps_backend(const struct caps *c,
					const char *name);
const struct caps_workload *caps_workload(const struct caps *c,
					  const char *name);
const struct caps_key *caps_key(const struct caps *c, const char *name);

/* Whether the comma-separated @list holds @word. */
bool caps_has(const char *list, const char *word);

/* A backend's family tests, from its table: one of our heaps, our pages. */
bool caps_is_our_heap(const struct caps_backend *b);
bool caps_is_our_pages(const struct caps_backend *b);

/*
 * caps_workload_names() - "a|b|c": the workloads that take (@with_trace)
 * or do not take the trace= key, for messages.
 */
void caps_workload_names(const struct caps *c, bool with_trace, char *buf,
			 size_t size);

#endif /* KMEMLAB_CAPS_H */
