// SPDX-License-Identifier: GPL-2.0
/*
 * A job's description: its backends, its run keys (numbers, words and
 * text, with the bounds the CLI accepts), and the engine commands that
 * create its temporaries (object size, kmalloc classes or pool chosen from
 * the workload) and start its run. Nothing here talks to the engine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caps.h"
#include "cli.h"
#include "conn.h"
#include "job.h"
#include "kml_bounds.h"

static const char *const job_mode_words[] = { "pairs", "phases", "batch", NULL };
static const char *const job_dist_words[] = {
	"uniform", "pow2", "kmalloc-mix", NULL,
};
static const char *const job_forder_words[] = { "lifo", "random", NULL };

const struct job_keydef job_keys[JOB_KEY_NR] = {
	[JOB_OPS]	= { "ops", JOB_KT_NUM, KML_RUN_MAX_OPS },
	[JOB_SIZE]	= { "size", JOB_KT_NUM, KML_OBJ_MAX },
	[JOB_CPUS]	= { "cpus", JOB_KT_TEXT },
	[JOB_REPS]	= { "reps", JOB_KT_NUM, KML_RUN_MAX_REPS },
	[JOB_SEED]	= { "seed", JOB_KT_NUM, UINT64_MAX },
	[JOB_MODE]	= { "mode", JOB_KT_WORD, 0, job_mode_words },
	[JOB_DIST]	= { "dist", JOB_KT_WORD, 0, job_dist_words },
	[JOB_MIN]	= { "min", JOB_KT_NUM, KML_OBJ_MAX },
	[JOB_MAX]	= { "max", JOB_KT_NUM, KML_OBJ_MAX },
	[JOB_ORDER]	= { "order", JOB_KT_NUM, 10 },
	[JOB_MAXORDER]	= { "maxorder", JOB_KT_NUM, 10 },
	[JOB_FREE_ORDER] = { "free_order", JOB_KT_WORD, 0, job_forder_words },
	[JOB_BATCH]	= { "batch", JOB_KT_NUM, KML_RUN_MAX_BATCH },
	[JOB_SAMPLE]	= { "sample", JOB_KT_NUM, UINT64_MAX },
	[JOB_TRACE]	= { "trace", JOB_KT_TEXT },
};

const struct job_arg *job_arg(const struct job *j, enum job_key key)
{
	unsigned int i;

	for (i = 0; i < j->nargs; i++)
		if (j->args[i].key == key)
			return &j->args[i];
	return NULL;
}

/* The number (or word index) given for @key, else @dflt. */
static uint64_t job_num(const struct job *j, enum job_key key, uint64_t dflt)
{
	const struct job_arg *a = job_arg(j, key);

	return a ? a->num : dflt;
}

static bool job_given_twice(const struct job *j, enum job_key key)
{
	if (!job_arg(j, key))
		return false;
	cli_error(job_keys[key].name, "given twice");
	return true;
}

static struct job_arg *job_new_arg(struct job *j, enum job_key key)
{
	struct job_arg *a = &j->args[j->nargs++];

	memset(a, 0, sizeof(*a));
	a->key = key;
	return a;
}

int job_set_num(struct job *j, enum job_key key, uint64_t v)
{
	if (job_given_twice(j, key))
		return -1;
	job_new_arg(j, key)->num = v;
	return 0;
}

int job_set_text(struct job *j, enum job_key key, const char *text)
{
	if (job_given_twice(j, key))
		return -1;
	if (strlen(text) > JOB_TEXT_MAX || strchr(text, ' ') || strchr(text, '=')) {
		cli_error(job_keys[key].name, "'%s': bad value", text);
		return -1;
	}
	snprintf(job_new_arg(j, key)->text, JOB_TEXT_MAX + 1, "%s", text);
	return 0;
}

int job_word(enum job_key key, const char *word)
{
	const char *const *w = job_keys[key].words;
	int i;

	for (i = 0; w && w[i]; i++)
		if (!strcmp(word, w[i]))
			return i;
	return -1;
}

void job_keys_format(const struct job *j, char *buf, size_t size)
{
	size_t n = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < j->nargs && n < size; i++) {
		const struct job_arg *a = &j->args[i];
		const struct job_keydef *k = &job_keys[a->key];
		const char *sep = i ? " " : "";
		int r;

		if (k->type == JOB_KT_NUM)
			r = snprintf(buf + n, size - n, "%s%s=%llu", sep, k->name,
				     (unsigned long long)a->num);
		else
			r = snprintf(buf + n, size - n, "%s%s=%s", sep, k->name,
				     k->type == JOB_KT_WORD ? k->words[a->num] :
				     a->text);
		if (r < 0)
			break;
		n += (size_t)r;
	}
}

int job_add_backends(struct job *j, const char *list, bool existing)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");
		struct job_be *b;

		if (!n || n >= sizeof(b->inst)) {
			cli_error(existing ? "--on" : "--backend", "'%s': bad list", list);
			return -1;
		}
		if (j->nbe == JOB_MAX_BE) {
			cli_error(existing ? "--on" : "--backend",
				  "more than %d backends and instances", JOB_MAX_BE);
			return -1;
		}
		b = &j->be[j->nbe++];
		memset(b, 0, sizeof(*b));
		b->zero = -1;
		if (existing) {
			memcpy(b->inst, p, n);
			b->inst[n] = '\0';
			if (parse_instance("--on", b->inst))
				return -1;
		} else {
			memcpy(b->backend, p, n);
			b->backend[n] = '\0';
			b->temp = true;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

int job_add_aa(struct job *j)
{
	if (!j->nbe) {
		cli_error("--aa", "no backend to run twice (--backend LIST)");
		return -1;
	}
	if (!j->be[0].temp) {
		cli_error("--aa", "the first of the list is the existing instance '%s'; "
			  "--aa runs a backend twice (give --backend first)", j->be[0].inst);
		return -1;
	}
	if (j->nbe == JOB_MAX_BE) {
		cli_error("--aa", "no room for a second %s (at most %d backends and "
			  "instances)", j->be[0].backend, JOB_MAX_BE);
		return -1;
	}
	memmove(&j->be[2], &j->be[1], (j->nbe - 1) * sizeof(j->be[0]));
	j->be[1] = j->be[0];
	j->be[1].inst[0] = '\0';
	j->nbe++;
	j->aa = true;
	return 0;
}

static uint64_t pow2_at_least(uint64_t v)
{
	uint64_t p = 4096;

	while (p < v && p < KML_POOL_MAX)
		p <<= 1;
	return p;
}

/* The default of run key @name in the engine's table, else @dflt. */
static uint64_t key_default(const struct caps *c, const char *name,
			    uint64_t dflt)
{
	const struct caps_key *k = c ? caps_key(c, name) : NULL;

	return k && k->has_def ? k->def : dflt;
}

/*
 * The largest request of the job's workload, and whether every request
 * has that size, from what the workload takes: size= (and its companions
 * up to max_other), max= (kmalloc-mix: up to its top class), a trace.
 */
static uint64_t job_max_request(const struct job *j, bool *fixed)
{
	const struct caps_workload *w = j->caps ? caps_workload(j->caps,
							       j->workload) :
				       NULL;
	uint64_t s;

	*fixed = false;
	if (!w)
		return 0;
	if (caps_has(w->keys, "trace"))
		return j->trace_max_size;
	if (caps_has(w->keys, "size")) {
		s = job_num(j, JOB_SIZE, w->size);
		*fixed = !w->max_other;
		return s > w->max_other ? s : w->max_other;
	}
	if (caps_has(w->keys, "max")) {
		const struct job_arg *d = job_arg(j, JOB_DIST);

		if (d && d->num == JOB_DIST_KMALLOC_MIX)
			return KML_KMIX_MAX;
		return job_num(j, JOB_MAX, key_default(j->caps, "max", 0));
	}
	return 0;
}

/* Does @j replay a trace (its workload takes trace=)? */
static bool job_replays(const struct job *j)
{
	const struct caps_workload *w = j->caps ? caps_workload(j->caps,
							       j->workload) :
				       NULL;

	return w && caps_has(w->keys, "trace");
}

/*
 * A pool large enough for what the workload keeps live on one of our
 * pool-backed temporaries; 0 for the backend's default.
 */
static uint64_t job_pool(const struct job *j, const struct caps_backend *b,
			 uint64_t max)
{
	const struct caps_workload *w = caps_workload(j->caps, j->workload);
	uint64_t pool = 0;

	if (!w || !caps_has(b->keys, "pool"))
		return 0;
	if (j->pool)
		return j->pool;
	if (caps_is_our_pages(b) && caps_has(w->keys, "maxorder")) {
		uint64_t mo = 3, batch = job_num(j, JOB_BATCH, w->batch);

		if (job_arg(j, JOB_MAXORDER))
			mo = job_num(j, JOB_MAXORDER, 0);
		else if (job_num(j, JOB_ORDER, 0) > 3)
			mo = job_num(j, JOB_ORDER, 0);
		pool = pow2_at_least(2 * batch * (4096ULL << (mo > 10 ? 10 : mo)));
		if (pool < (16ULL << 20))
			pool = 0;
		if (pool > (256ULL << 20))
			pool = 256ULL << 20;
	} else if (caps_is_our_heap(b) && caps_has(w->keys, "trace")) {
		/*
		 * at most the heap's bound: what does not fit fails in its
		 * row. Above 64 MiB, twice the peak (whole MiB): the region
		 * and its tags (2 bytes per byte at align 8) are charged to
		 * the module's budget, 256 MiB by default.
		 */
		pool = pow2_at_least(4 * j->trace_peak + 65536);
		if (pool > (64ULL << 20)) {
			pool = (2 * j->trace_peak + 65536 + (1 << 20) - 1) &
			       ~((1ULL << 20) - 1);
			if (pool < (64ULL << 20))
				pool = 64ULL << 20;
		}
		if (b->max_pool && pool > b->max_pool)
			pool = b->max_pool;
	} else if (caps_is_our_heap(b) && caps_has(w->keys, "max")) {
		pool = pow2_at_least(3 * job_num(j, JOB_BATCH, w->batch) * max);
	}
	return pool;
}

void job_create_cmd(const struct job *j, const struct job_be *b, char *buf,
		    size_t size)
{
	const struct caps_backend *cb = j->caps ? caps_backend(j->caps,
							      b->backend) :
					NULL;
	uint64_t max, pool = 0;
	bool fixed;
	int n;

	max = job_max_request(j, &fixed);
	if (j->obj_size) {
		max = j->obj_size;
		fixed = true;
	}
	/* a trace's larger requests fail in this backend's row */
	if (cb && cb->max_size && max > cb->max_size && job_replays(j))
		max = cb->max_size;
	n = snprintf(buf, size, "create %s %s", b->inst, b->backend);
	/*
	 * Object caches that take size=: ours a single cache when every
	 * request has one size (else the kmalloc classes), a real one always
	 * the largest request.
	 */
	if (cb && !strcmp(cb->family, "object") && caps_has(cb->keys, "size") &&
	    max && (cb->ours ? fixed && !j->classes : true))
		n += snprintf(buf + n, size - (size_t)n, " size=%llu",
			      (unsigned long long)max);
	if (cb)
		pool = job_pool(j, cb, max);
	if (pool)
		n += snprintf(buf + n, size - (size_t)n, " pool=%llu",
			      (unsigned long long)pool);
	/* zeroing is asked of the backends that take zero= (null does not) */
	if (j->zero >= 0 && (!cb || caps_has(cb->keys, "zero")))
		n += snprintf(buf + n, size - (size_t)n, " zero=%d", j->zero);
	if (b->args[0] && n > 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, " %s", b->args);
}

unsigned int job_nfailed(const struct job *j)
{
	unsigned int i, n = 0;

	for (i = 0; i < j->nbe; i++)
		n += j->be[i].failed;
	return n;
}

void job_run_cmd(const struct job *j, char *buf, size_t size)
{
	unsigned int i;
	int n;

	bool first = true;

	n = snprintf(buf, size, "run %s on=", j->workload);
	for (i = 0; i < j->nbe; i++) {
		if (j->be[i].failed)
			continue;
		n += snprintf(buf + n, size - (size_t)n, "%s%s",
			      first ? "" : ",", j->be[i].inst);
		first = false;
	}
	if (j->nargs) {
		char keys[512];

		job_keys_format(j, keys, sizeof(keys));
		snprintf(buf + n, size - (size_t)n, " %s", keys);
	}
}
