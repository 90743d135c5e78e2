/* SPDX-License-Identifier: GPL-2.0 */
/* A compared run (runparse.h) as results.json entries (runresults.c). */
#ifndef KMEMLAB_RUNRESULTS_H
#define KMEMLAB_RUNRESULTS_H

#include "job.h"
#include "results.h"
#include "runparse.h"

/*
 * job_context() - the context of results: from the reply's context line
 * and $KMEMLAB_ACCEL, added to @rs (keys kernel cmdline init_on_alloc
 * slab_nomerge preempt cpu vcpus accel clock seed zeroing mode).
 */
void job_context(const struct job *j, const struct run_reply *rr,
		 struct results *rs);

/*
 * job_results() - append one result per instance (medians over reps,
 * spread, ratios to the first, histograms and series from @lat) to @rs.
 * Return: 0, or -ENOMEM.
 */
int job_results(const struct job *j, const struct run_reply *rr,
		const struct cmp_row *rows, char **lat, struct results *rs);

#endif /* KMEMLAB_RUNRESULTS_H */
