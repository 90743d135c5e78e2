/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The raw recording that the LD_PRELOAD library of 'kmemlab record'
 * (record_shim.c) writes, one file per process image, and that the tool
 * (userspace/cmd/record.c) merges into a trace. docs/cli.md ("record")
 * describes it. Fixed-size little-endian records; nothing else.
 */
#ifndef KMEMLAB_RECORD_FMT_H
#define KMEMLAB_RECORD_FMT_H

#include <stdint.h>

#define KMR_MAGIC	"KMLREC1\n"	/* 8 bytes, no NUL */
#define KMR_SUFFIX	".kmr"

/* The file's first 32 bytes. */
struct kmr_header {
	char magic[8];
	uint32_t rec_size;	/* sizeof(struct kmr_rec) */
	uint32_t pid;
	uint32_t ppid;
	uint32_t gen;		/* 0, 1... for the images of one pid (exec) */
	uint64_t max_recs;	/* the bound this process recorded under */
};

enum kmr_kind {
	KMR_ALLOC = 1,		/* ptr = f(size), align when an aligned call */
	KMR_FREE = 2,		/* free(ptr) (ptr may be 0: free(NULL)) */
	KMR_REALLOC = 3,	/* ptr = realloc(old, size) */
	KMR_MARK = 4,		/* counts so far: at exit, exec and _exit */
};

/* Which call made the event (statistics only). */
enum kmr_fn {
	KMR_FN_MALLOC = 1, KMR_FN_CALLOC, KMR_FN_REALLOC, KMR_FN_REALLOCARRAY,
	KMR_FN_FREE, KMR_FN_MEMALIGN, KMR_FN_POSIX_MEMALIGN,
	KMR_FN_ALIGNED_ALLOC, KMR_FN_VALLOC, KMR_FN_PVALLOC, KMR_FN_NR
};

/*
 * One event. For KMR_MARK: size = events written before it in this file,
 * old = events not written because of the bound, ptr = 1 when the process
 * ends here (exit, _exit), 2 when it execs (more may follow if the exec
 * fails).
 */
struct kmr_rec {
	uint64_t ns;		/* CLOCK_MONOTONIC */
	uint64_t ptr;
	uint64_t old;
	uint64_t size;
	uint32_t tid;
	uint8_t kind;		/* enum kmr_kind */
	uint8_t fn;		/* enum kmr_fn */
	uint8_t align_log2;	/* 0: no alignment asked */
	uint8_t pad;
};

_Static_assert(sizeof(struct kmr_header) == 32, "kmr_header size");
_Static_assert(sizeof(struct kmr_rec) == 40, "kmr_rec size");

#endif /* KMEMLAB_RECORD_FMT_H */
