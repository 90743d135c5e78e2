/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of the engine, shared by its files: engine.c (engine,
 * sessions), commands.c (dispatch), cmd_inst.c and cmd_trace.c (commands),
 * run.c (runs), views.c, instance.c and parse.c (the helpers at the
 * bottom). Only the engine's files and its unit tests include this.
 */
#ifndef KML_ENGINE_PRIV_H
#define KML_ENGINE_PRIV_H

#include "engine.h"
#include "fault.h"
#include "hist.h"
#include "list.h"
#include "ops.h"
#include "tracefile.h"

#define KML_MAX_TOKENS		40

/* One live object allocated with the "alloc" command. */
struct kml_handle {
	void *ptr;		/* NULL: the slot is free */
	u32 size;		/* bytes requested */
	u32 usable;		/* bytes handed out (ops->usable) */
};

/* One point of a run's time series. */
struct kml_sample {
	u64 op;			/* allocations done so far, all workers */
	u64 live;		/* live objects */
	u64 requested;		/* live bytes requested */
	u64 allocated;		/* live bytes handed out */
	s64 held;		/* bytes held from the page source, -1 n/a */
	s32 ext_frag;		/* x1000 (KML_METRIC_NA for object caches) */
	s32 stranded;		/* x1000 in free slots (object caches), or NA */
};

struct kml_series {
	u32 nr;			/* points used */
	u32 rep;		/* the rep it comes from */
	u64 interval;		/* allocations between points */
	struct kml_sample pts[KML_SERIES_MAX];
};

/* Results of the last successful run, published per instance. */
struct kml_published {
	struct kml_hist alloc;	/* merged over reps and workers */
	struct kml_hist free;
	struct kml_series series; /* of the last rep */
	char workload[16];
	u32 reps;
	u64 seed;
};

struct kml_instance {
	struct kml_list node;		/* on kml_engine.instances */
	char name[KML_NAME_MAX + 1];
	u32 id;				/* passed to backend and host */
	const struct kml_backend *be;
	void *priv;			/* the backend's instance */
	struct kml_params params;
	bool busy;			/* in the run in progress */

	/* interactive handles (the alloc/free commands) */
	struct kml_handle *handles;	/* KML_MAX_HANDLES, on first alloc */
	u32 nr_live;			/* live handles */
	u64 req_now;			/* their bytes requested */
	u64 usable_now;			/* their bytes handed out */
	u64 req_peak;
	u64 usable_peak;
	u64 nr_alloc;			/* alloc commands that succeeded */
	u64 nr_alloc_fail;		/* alloc commands the backend refused */
	u64 nr_free;			/* free commands */
	bool ostep;			/* ostep=1: handles and failures as
					 * OSTEP's malloc.py
					 */
	u32 ostep_next;			/* ostep=1: the next handle */

	/* runs */
	u64 nr_runs;			/* successful runs on this instance */
	struct kml_published *last;	/* NULL before the first run */
};

struct kml_run;

struct kml_engine {
	const struct kml_host *host;
	struct kml_mutex cmd_lock;	/* serialises commands */
	struct kml_mutex state_lock;	/* instance list, published results */
	struct kml_list instances;	/* of kml_instance, creation order */
	unsigned int nr_instances;
	u32 next_id;			/* instance ids, from 1 */
	struct kml_trace *traces[KML_MAX_TRACES];
	u64 trace_ops;			/* ops of all loaded traces */
	struct kml_run *run;		/* the run in progress, cmd_lock */
	u64 clock_step;			/* ticks, 0 until measured (clock.c) */
};

/* A token of the command line: not NUL-terminated. */
struct kml_tok {
	const char *s;
	u32 len;
};

struct kml_session {
	struct kml_engine *e;
	struct kml_out out;		/* the reply */
	char *reply;			/* KML_REPLY_MAX bytes */
	/* the command being executed */
	const char *verb;		/* for messages */
	struct kml_tok tok[KML_MAX_TOKENS];
	unsigned int nr_tok;
	const char *payload;		/* trace load: the text after line 1 */
	size_t payload_len;
	u64 kv_seen;			/* keys given (bit per key spec) */
	u64 kv_num[32];			/* their values (enum: the index) */
	struct kml_tok kv_raw[32];	/* their text */
	struct kml_tok items[KML_MAX_CPUS]; /* a comma-separated list */
	char show[2][KML_SHOW_SIZE];	/* kml_tok_show() buffers */
	unsigned int show_next;
	u64 fault_mark;			/* kml_fault_injected() at its start */
};

/* The type of a key=value argument. */
enum kml_ktype {
	KML_KT_NUM,		/* integer, K/M/G suffixes, bounded */
	KML_KT_BOOL,		/* 0 or 1 */
	KML_KT_ENUM,		/* one of @words, stored as its index */
	KML_KT_RAW,		/* checked by the command itself */
};

struct kml_keyspec {
	const char *name;
	enum kml_ktype type;
	u64 min;
	u64 max;
	const char * const *words;	/* KML_KT_ENUM, NULL-terminated */
	bool has_def;			/* @def is the default when absent */
	u64 def;			/* (enum: the index of the word) */
};

/* parse.c: error replies, tokens, numbers, key=value, lists */
int kml_cmd_err(struct kml_session *s, int err, const char *fmt, ...)
	__printf(3, 4);
bool kml_tok_eq(const struct kml_tok *t, const char *word);
bool kml_name_valid(const struct kml_tok *t);
void kml_tok_copy(char *dst, size_t size, const struct kml_tok *t);
const char *kml_tok_show(struct kml_session *s, const struct kml_tok *t);
const char *kml_errname(int err);
u64 kml_budget_refused(const struct kml_engine *e);
const char *kml_budget_why(struct kml_session *s, u64 refused_before,
			   char *buf, size_t size);
int kml_parse_keys(struct kml_session *s, unsigned int first,
		   const struct kml_keyspec *spec, unsigned int nr_spec);
int kml_parse_list(struct kml_session *s, const char *key,
		   const struct kml_tok *val, struct kml_tok *items,
		   unsigned int max, unsigned int *nr);

/* instance.c: lookup, teardown, figures derived from a backend */
struct kml_instance *kml_inst_find(struct kml_engine *e, const char *name);
struct kml_instance *kml_inst_find_tok(struct kml_engine *e,
				       const struct kml_tok *t);
struct kml_trace *kml_trace_find_tok(struct kml_engine *e,
				     const struct kml_tok *t);
/* Unlink, tell the host, free; the live handles it had. cmd_lock held. */
u32 kml_inst_destroy(struct kml_engine *e, struct kml_instance *in);
void kml_engine_clear_locked(struct kml_engine *e, u32 *nr_inst,
			     u32 *nr_traces);
void kml_print_context(struct kml_engine *e, struct kml_out *out);

/**
 * kml_clock_step_ticks() - the smallest step kml_ticks() advances by
 * @e: the engine, which keeps the figure once measured
 *
 * Return: the step in ticks, 1 for a clock that counts every tick.
 */
u64 kml_clock_step_ticks(struct kml_engine *e);
/* "object", "page" or "heap". */
const char *kml_family_name(enum kml_family f);
/*
 * The fragmentation figures of one stats snapshot, x1000: the heap formula
 * of external fragmentation and KML_METRIC_NA for stranded memory, but
 * external NA for the kernel's page allocators (their free memory is the
 * zones') and for object caches, whose stranded memory is free-slot bytes
 * / held when the snapshot counts free slots (@st->free_slots), else NA.
 * docs/metrics.md.
 */
void kml_frag_figures(const struct kml_backend *be,
		      const struct kml_alloc_stats *st, s32 *ext,
		      s32 *stranded);

/* cmd_inst.c: the create keys, by enum kml_pkey, and their names */
extern const struct kml_keyspec kml_create_keys[KML_PK_NR];
/* The names of the keys in @mask, separated by @sep ("none" if none). */
void kml_print_keys(struct kml_out *o, u32 mask, const char *sep);

/* cmd_inst.c, cmd_trace.c, run.c: the commands */
int kml_cmd_create(struct kml_session *s);
int kml_cmd_destroy(struct kml_session *s);
int kml_cmd_reset(struct kml_session *s);
int kml_cmd_alloc(struct kml_session *s);
int kml_cmd_free(struct kml_session *s);
int kml_cmd_handles(struct kml_session *s);
int kml_cmd_shrink(struct kml_session *s);
int kml_cmd_validate(struct kml_session *s);
int kml_cmd_trace(struct kml_session *s);
int kml_cmd_run(struct kml_session *s);
bool kml_run_uses_trace(struct kml_engine *e, const struct kml_trace *t);
unsigned int kml_run_stop_locked(struct kml_engine *e, bool by_cmd);

/* commands.c: tokenise, find the verb, lock, execute */
int kml_cmd_dispatch(struct kml_session *s, const char *buf, size_t len);

#endif /* KML_ENGINE_PRIV_H */
