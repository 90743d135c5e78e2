/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bounds of the command language and the names of the debugfs views,
 * shared by the module, the simulator, the CLI and the selftests (as
 * mm/gup_test.h is shared by mm/gup_test.c and its selftest). Plain
 * integer constants only: this header includes nothing and is valid in
 * the kernel, in the cores and in any userspace program. The engine
 * checks at build time that the bounds that derive from the platform
 * (KML_OBJ_MAX) agree with it. docs/interface.md states every bound.
 */
#ifndef KML_BOUNDS_H
#define KML_BOUNDS_H

/* --- bounds (every one of them is enforced and documented) ------------- */

#define KML_NAME_MAX		31		/* instance and trace names */
#define KML_CMD_MAX		4096		/* a plain command, bytes */
#define KML_TRACE_MAX_BYTES	(16u << 20)	/* trace load payload */
#define KML_TRACE_MAX_OPS	(1024u * 1024u)	/* ops of one trace */
#define KML_TRACE_MAX_IDS	(1024u * 1024u)	/* ids of one trace */
#define KML_TRACE_MAX_SIZE	(1024u * 1024 * 1024)	/* size of a trace op */
/* a larger size of a trace (up to 2^64 - 1) is kept as this: it fails */
#define KML_TRACE_OVERSIZE	(KML_TRACE_MAX_SIZE + 1)
#define KML_TRACE_MAX_THREADS	65536		/* native 2: t= below it */
#define KML_TRACE_MAX_ALIGN_LOG2 30		/* native 2: al= up to 1 GiB */
#define KML_TRACE_STORE_OPS	(4u << 20)	/* ops of all loaded traces */
#define KML_MAX_TRACES		16
#define KML_MAX_INSTANCES	64
#define KML_MAX_HANDLES		4096		/* live handles per instance */
#define KML_REPLY_MAX		(256u << 10)	/* reply buffer of a session */
#define KML_VIEW_MAX		(4u << 20)	/* largest view a glue renders */
#define KML_POOL_MAX		(1024ULL * 1024 * 1024)	/* create pool= */
#define KML_OBJ_MAX		(4ULL << 20)	/* one object: order 10 pages */
#define KML_RUN_MAX_OPS		(128ULL * 1024 * 1024)	/* run ops= */
#define KML_RUN_MAX_REPS	100
#define KML_RUN_MAX_INST	8		/* instances in on= */
#define KML_RUN_MAX_CELLS	128		/* reps x instances */
#define KML_RUN_MAX_BATCH	65536		/* batch= (live objects) */
#define KML_RUN_MAX_REPLAY_CPUS	4		/* workers of a replay */
#define KML_SERIES_MAX		256		/* points of a time series */
#define KML_KMIX_MAX		8192		/* dist=kmalloc-mix: top class */

/* Largest write(2) the glue must accept on the control file. */
#define KML_WRITE_MAX		(KML_CMD_MAX + KML_TRACE_MAX_BYTES)

/* --- view names ---------------------------------------------------------- */

/*
 * The files of inst/NAME/ and of the debugfs directory, as initialisers of
 * string arrays, in the order of enum kml_iview and enum kml_gview
 * (engine.h, which checks the counts at build time).
 */
#define KML_IVIEW_NAMES {						\
	"stats", "slabinfo", "buddyinfo", "frag", "latency", "heapmap",	\
}

#define KML_NR_IVIEWS	6

#define KML_GVIEW_NAMES {						\
	"backends", "workloads", "instances", "context", "slabinfo",	\
}

#define KML_NR_GVIEWS	5

#endif /* KML_BOUNDS_H */
