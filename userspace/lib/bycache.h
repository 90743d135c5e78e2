/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 'kmemlab replay FILE --by-cache' (docs/cli.md): a kernel recording split
 * by cache (tracegroup.h), each cache's ops replayed as a trace of their
 * own, every op on the worker of its recorded CPU, on one of our slab
 * caches and one real kmem_cache of the cache's largest object, and on
 * kmalloc; the page ops on our buddy and alloc_pages. One table: a row per
 * cache and backend, and a TOTAL row per backend.
 */
#ifndef KMEMLAB_BYCACHE_H
#define KMEMLAB_BYCACHE_H

#include "cli.h"
#include "job.h"

/*
 * replay_by_cache() - replay the kernel recording @path by cache
 * @opts: the options of 'replay' as a job: its backends (none: the
 *	defaults of the mode), reps, cpus (none: one worker per recorded
 *	CPU, at most the online ones and KML_RUN_MAX_REPLAY_CPUS), zero=,
 *	pool= and the trace workload's name
 * @tier: tier= of the slab temporaries, or NULL
 * Return: an exit code: 0; 1 for a file that is not a kernel recording
 * (or malformed: FILE:LINE) or when every replay failed; 3 when some
 * backend failed on some cache (its rows say FAILED); 128 + N on signal N.
 */
int replay_by_cache(struct cli_ctx *ctx, const char *path,
		    const struct job *opts, const char *tier);

#endif /* KMEMLAB_BYCACHE_H */
