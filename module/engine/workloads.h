/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The workload table: one descriptor per workload (name, keys with their
 * defaults and bounds, the generator and its working set), the keys of
 * the run command, and their words. run.c parses against it, the views
 * publish it ("workloads"), the CLI reads it from there.
 */
#ifndef KML_WORKLOADS_H
#define KML_WORKLOADS_H

#include "worker.h"

/* The keys of the run command (kml_run_keys[] in run.c). */
enum kml_rkey {
	KML_RK_ON, KML_RK_OPS, KML_RK_SIZE, KML_RK_MIN, KML_RK_MAX,
	KML_RK_DIST, KML_RK_CPUS, KML_RK_REPS, KML_RK_SEED, KML_RK_MODE,
	KML_RK_BATCH, KML_RK_FREE_ORDER, KML_RK_ORDER, KML_RK_MAXORDER,
	KML_RK_TRACE, KML_RK_SAMPLE, KML_RK_NR,
};

/* ops= when absent (replay: the trace's ops). */
#define KML_RUN_DEFAULT_OPS	10000

#define KML_RKB(k)	(1u << KML_RK_##k)
/* The keys every workload takes. */
#define KML_RK_COMMON	(KML_RKB(ON) | KML_RKB(OPS) | KML_RKB(CPUS) | \
			 KML_RKB(REPS) | KML_RKB(SEED) | KML_RKB(MODE) | \
			 KML_RKB(SAMPLE))

extern const struct kml_keyspec kml_run_keys[KML_RK_NR];

struct kml_run;
struct kml_worker;

/**
 * struct kml_workload - one workload: what the run command, the workers
 * and the "workloads" view know of it. Add a workload by adding its
 * generator and one entry to kml_workloads[] (workloads.c).
 * @name: the word after "run"
 * @desc: one line for the view and the CLI's --help
 * @keys: KML_RKB() of the keys it takes beyond KML_RK_COMMON
 * @size: default of size= (when it takes size=)
 * @batch: default of batch=
 * @batch_max: bound of batch= when below KML_RUN_MAX_BATCH, else 0
 * @workers: exact number of workers (CPUs), 0 for any (1 by default)
 * @max_workers: most workers it takes, 0 for the platform's CPUs
 * @max_other: objects besides those of size= reach this many bytes (the
 *	companions of a fork), 0 when all are of size=
 * @phases: mode=phases applies
 * @hands_over: objects change hands between workers (a ring from worker
 *	0 to worker 1): ops= counts worker 0 only, overlaps are not checked
 * @gen: the generator a worker runs
 * @slots: slots of the working set one worker needs
 * @max_request: the largest request the run makes (0: known later)
 * @header: its own fields of the run header line (" key=value...")
 */
struct kml_workload {
	const char *name;
	const char *desc;
	u32 keys;
	u32 size;
	u32 batch;
	u32 batch_max;
	u32 workers;
	u32 max_workers;
	u32 max_other;
	bool phases;
	bool hands_over;
	void (*gen)(struct kml_worker *w);
	u32 (*slots)(const struct kml_run *r);
	u64 (*max_request)(const struct kml_run *r);
	void (*header)(const struct kml_run *r, struct kml_out *o);
};

/* The workload table (workloads.c), in the order the views list it. */
extern const struct kml_workload kml_workloads[];
extern const unsigned int kml_nr_workloads;

/* The sum of the kmalloc-mix weights (dist=kmalloc-mix). */
u32 kml_kmix_total(void);

/* The words of the enum keys, shared by parse and header. */
extern const char * const kml_mode_words[];
extern const char * const kml_dist_words[];
extern const char * const kml_forder_words[];

#endif /* KML_WORKLOADS_H */
