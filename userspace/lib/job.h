/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A job of 'kmemlab run', 'replay' and 'bench': one engine run over
 * temporary instances of the named backends (and existing instances),
 * interleaved over reps by the engine. This is its description: the
 * backends, the run keys as typed values, and the engine commands that
 * create the temporaries and start the run (job.c). jobrun.h runs it.
 */
#ifndef KMEMLAB_JOB_H
#define KMEMLAB_JOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kml_bounds.h"

/* The engine's bound of on=; the text form is for --help. */
#define JOB_MAX_BE KML_RUN_MAX_INST
#define JOB_STR_(x) #x
#define JOB_STR(x) JOB_STR_(x)
#define JOB_MAX_BE_TEXT JOB_STR(KML_RUN_MAX_INST)

/* One backend of a job: a temporary instance, or an existing one. */
struct caps;

struct job_be {
	char backend[32];	/* backend name; "" for an existing instance */
	char inst[32];		/* instance name (set by job_setup for temps) */
	bool temp;		/* created by us, destroyed by job_teardown */
	int zero;		/* zero= of the instance: 0/1, -1 unknown */
	bool failed;		/* its create or its run failed: left out */
	char why[200];		/* the engine's reason, for its FAILED row */
	char args[48];		/* extra create keys of a temporary ("" none) */
	char tag[24];		/* names the temporary instead of @backend */
};

/* The run keys a job gives the engine besides on= (docs/interface.md). */
enum job_key {
	JOB_OPS, JOB_SIZE, JOB_CPUS, JOB_REPS, JOB_SEED, JOB_MODE, JOB_DIST,
	JOB_MIN, JOB_MAX, JOB_ORDER, JOB_MAXORDER, JOB_FREE_ORDER, JOB_BATCH,
	JOB_SAMPLE, JOB_TRACE, JOB_KEY_NR,
};

/* What the value of a run key is. */
enum job_key_type {
	JOB_KT_NUM,		/* an unsigned number */
	JOB_KT_WORD,		/* one of the key's words, kept as its index */
	JOB_KT_TEXT,		/* text passed on as it is (a CPU list, a name) */
};

/* One run key: its name for the engine, and what the CLI accepts. */
struct job_keydef {
	const char *name;
	enum job_key_type type;
	uint64_t max;			/* JOB_KT_NUM: the largest value */
	const char *const *words;	/* JOB_KT_WORD: NULL-terminated */
};

extern const struct job_keydef job_keys[JOB_KEY_NR];

/* The words of JOB_MODE, JOB_DIST and JOB_FREE_ORDER (their indexes). */
enum { JOB_MODE_PAIRS, JOB_MODE_PHASES, JOB_MODE_BATCH };
enum { JOB_DIST_UNIFORM, JOB_DIST_POW2, JOB_DIST_KMALLOC_MIX };
enum { JOB_FREE_LIFO, JOB_FREE_RANDOM };

#define JOB_TEXT_MAX 64

/* One key given to a job, with its value. */
struct job_arg {
	enum job_key key;
	uint64_t num;			/* JOB_KT_NUM; JOB_KT_WORD: the index */
	char text[JOB_TEXT_MAX + 1];	/* JOB_KT_TEXT */
};

struct job {
	char title[64];		/* group name (bench tables); "" for run */
	char workload[16];
	unsigned int nargs;	/* run keys other than on=, in the order given */
	struct job_arg args[JOB_KEY_NR];
	int zero;		/* -1: engine default; 0/1: zero= for temps */
	uint64_t pool;		/* pool= for our temps; 0: chosen per workload */
	bool classes;		/* slab temps with kmalloc classes, not size= */
	uint64_t obj_size;	/* size= of every object temp that takes it,
				 * ours too (one cache); 0: from the workload */
	bool aa;		/* A/A: be[1] is a second temporary of be[0] */
	unsigned int nbe;
	struct job_be be[JOB_MAX_BE];
	/* what the engine's backends and workloads take (caps.h) */
	const struct caps *caps;
	/* replay: the loaded trace's facts */
	char trace[32];
	uint64_t trace_max_size, trace_peak, trace_ops;
};

/* job_arg() - the value given for @key, or NULL. */
const struct job_arg *job_arg(const struct job *j, enum job_key key);

/*
 * job_set_num() / job_set_text() - give run key @key its value (a number
 * or a word's index; text of at most JOB_TEXT_MAX characters, no blank and
 * no '=').
 * Return: 0, or -1 after printing "kmemlab: KEY: given twice" (or "bad
 * value").
 */
int job_set_num(struct job *j, enum job_key key, uint64_t v);
int job_set_text(struct job *j, enum job_key key, const char *text);

/* job_word() - the index of @word among the words of @key, or -1. */
int job_word(enum job_key key, const char *word);

/*
 * job_keys_format() - the run keys as the engine reads them, "KEY=VALUE"
 * in the order given, separated by blanks ("" when there are none).
 */
void job_keys_format(const struct job *j, char *buf, size_t size);

/*
 * job_create_cmd() - the engine command that creates temporary @b of @j:
 * the object size, pool and zeroing chosen from the workload and its keys.
 */
void job_create_cmd(const struct job *j, const struct job_be *b, char *buf,
		    size_t size);

/*
 * job_add_backends() - append a comma-separated list of backend names
 * (temporaries) or, with @existing, instance names.
 * Return: 0, or -1 after printing a usage error.
 */
int job_add_backends(struct job *j, const char *list, bool existing);

/*
 * job_add_aa() - make the job an A/A comparison: a second temporary of the
 * first backend, right after it, so the ratios of the second row against
 * the first show the machine's noise floor.
 * Return: 0, or -1 after printing a usage error (no backend, the first is
 * an existing instance, or no room for one more).
 */
int job_add_aa(struct job *j);

/* job_nfailed() - how many backends of @j failed (job_be.failed). */
unsigned int job_nfailed(const struct job *j);

/*
 * job_run_cmd() - the engine command of the run: "run WORKLOAD on=INST,..."
 * and the run keys (job_keys_format()), the instances as job_setup named
 * them; the backends that failed are left out.
 */
void job_run_cmd(const struct job *j, char *buf, size_t size);

#endif /* KMEMLAB_JOB_H */
