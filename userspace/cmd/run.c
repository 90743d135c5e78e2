// SPDX-License-Identifier: GPL-2.0
/*
 * kmemlab run and kmemlab replay: create a temporary instance per backend
 * (parameters chosen from the workload: a single cache of the object size
 * for fixed-size workloads, kmalloc classes for size mixes, a pool large
 * enough for page orders and traces), let the engine run the workload on
 * all of them interleaved over reps ('run ... on=A,B reps=N': rep r visits
 * them rotated by r), parse the reply strictly, and print one row per
 * backend with medians over reps and ratios against the first backend,
 * under the context that makes the numbers reproducible.
 *
 * A run is one blocking write(2) (kernel) or call (sim). A helper thread
 * draws a spinner with the elapsed time on a terminal; SIGINT makes the
 * kernel return EINTR from the write (we do not retry it) or, in sim mode,
 * calls kml_sim_host_interrupt(); either way the engine frees what the
 * workers hold and the temporaries are destroyed.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "conn.h"
#include "emit.h"
#include "host.h"
#include "results.h"
#include "run.h"
#include "runparse.h"

int report_html(FILE *f, const struct results *rs, const char *title);

#define EXIT_INTR 130

/* --- job description ------------------------------------------------------------ */

static const char *const job_mode_words[] = { "pairs", "phases", "batch", NULL };
static const char *const job_dist_words[] = {
	"uniform", "pow2", "kmalloc-mix", NULL,
};
static const char *const job_forder_words[] = { "lifo", "random", NULL };

const struct job_keydef job_keys[JOB_KEY_NR] = {
	[JOB_OPS]	= { "ops", JOB_KT_NUM, 134217728 },
	[JOB_SIZE]	= { "size", JOB_KT_NUM, 4194304 },
	[JOB_CPUS]	= { "cpus", JOB_KT_TEXT },
	[JOB_REPS]	= { "reps", JOB_KT_NUM, 100 },
	[JOB_SEED]	= { "seed", JOB_KT_NUM, UINT64_MAX },
	[JOB_MODE]	= { "mode", JOB_KT_WORD, 0, job_mode_words },
	[JOB_DIST]	= { "dist", JOB_KT_WORD, 0, job_dist_words },
	[JOB_MIN]	= { "min", JOB_KT_NUM, 4194304 },
	[JOB_MAX]	= { "max", JOB_KT_NUM, 4194304 },
	[JOB_ORDER]	= { "order", JOB_KT_NUM, 10 },
	[JOB_MAXORDER]	= { "maxorder", JOB_KT_NUM, 10 },
	[JOB_FREE_ORDER] = { "free_order", JOB_KT_WORD, 0, job_forder_words },
	[JOB_BATCH]	= { "batch", JOB_KT_NUM, 65536 },
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

static bool is_heap(const char *b)
{
	return !strcmp(conn_backend_kind(b), "heap");
}

static uint64_t pow2_at_least(uint64_t v)
{
	uint64_t p = 4096;

	while (p < v && p < (1ULL << 30))
		p <<= 1;
	return p;
}

/* The largest request of the job's workload, and whether it is fixed. */
static uint64_t job_max_request(const struct job *j, bool *fixed)
{
	const char *w = j->workload;
	uint64_t s;

	*fixed = false;
	if (!strcmp(w, "churn") || !strcmp(w, "remote") || !strcmp(w, "dentry")) {
		*fixed = true;
		return job_num(j, JOB_SIZE, !strcmp(w, "dentry") ? 192 : 64);
	}
	if (!strcmp(w, "sizes")) {
		const struct job_arg *d = job_arg(j, JOB_DIST);

		if (d && d->num == JOB_DIST_KMALLOC_MIX)
			return 8192;
		return job_num(j, JOB_MAX, 4096);
	}
	if (!strcmp(w, "burst")) {
		s = job_num(j, JOB_SIZE, 9792);
		return s > 2080 ? s : 2080;
	}
	if (!strcmp(w, "replay"))
		return j->trace_max_size;
	return 0;
}

void job_create_cmd(const struct job *j, const struct job_be *b, char *buf,
		    size_t size)
{
	const char *be = b->backend;
	uint64_t max, pool = 0;
	bool fixed;
	int n;

	max = job_max_request(j, &fixed);
	n = snprintf(buf, size, "create %s %s", b->inst, be);
	if (!strcmp(be, "slab") && fixed && !j->classes)
		n += snprintf(buf + n, size - (size_t)n, " size=%llu",
			      (unsigned long long)max);
	else if ((!strcmp(be, "kmem_cache") || !strcmp(be, "kmem_cache_bulk")) && max)
		n += snprintf(buf + n, size - (size_t)n, " size=%llu",
			      (unsigned long long)max);
	if (!strcmp(be, "buddy") && !strcmp(j->workload, "pages")) {
		uint64_t mo = 3, batch = job_num(j, JOB_BATCH, 64);

		if (job_arg(j, JOB_MAXORDER))
			mo = job_num(j, JOB_MAXORDER, 0);
		else if (job_num(j, JOB_ORDER, 0) > 3)
			mo = job_num(j, JOB_ORDER, 0);
		pool = pow2_at_least(2 * batch * (4096ULL << (mo > 10 ? 10 : mo)));
		if (pool < (16ULL << 20))
			pool = 0;
		if (pool > (256ULL << 20))
			pool = 256ULL << 20;
	} else if (is_heap(be) && !strcmp(j->workload, "replay")) {
		pool = pow2_at_least(4 * j->trace_peak + 65536);
	} else if (is_heap(be) && !strcmp(j->workload, "sizes")) {
		pool = pow2_at_least(3 * job_num(j, JOB_BATCH, 256) * max);
	}
	if (j->pool && (is_heap(be) || !strcmp(be, "buddy") || !strcmp(be, "slab")))
		pool = j->pool;
	if (pool)
		n += snprintf(buf + n, size - (size_t)n, " pool=%llu",
			      (unsigned long long)pool);
	if (j->zero >= 0)
		snprintf(buf + n, size - (size_t)n, " zero=%d", j->zero);
}

/* The first line of @s, for messages. */
static int line_len(const char *s)
{
	return s ? (int)strcspn(s, "\n") : 0;
}

/* The value of " key=" on a reply line, as a number; @dflt when absent. */
static uint64_t reply_u64(const char *line, const char *key, uint64_t dflt)
{
	char pat[48];
	const char *p;

	snprintf(pat, sizeof(pat), " %s=", key);
	p = strstr(line, pat);
	return p ? strtoull(p + strlen(pat), NULL, 10) : dflt;
}

static int exit_for(int err)
{
	if (err == -EINTR)
		return EXIT_INTR;
	if (err == -EINVAL || err == -E2BIG || err == -ENOENT)
		return CLI_EXIT_USAGE;
	return CLI_EXIT_FAIL;
}

static void job_teardown(struct conn *c, struct job *j)
{
	unsigned int i;

	for (i = 0; i < j->nbe; i++) {
		char cmd[64], *reply = NULL;
		size_t rlen;

		if (!j->be[i].temp || !j->be[i].inst[0])
			continue;
		snprintf(cmd, sizeof(cmd), "destroy %s", j->be[i].inst);
		conn_exec(c, cmd, &reply, &rlen);
		free(reply);
		j->be[i].inst[0] = '\0';
	}
}

static int job_setup(struct cli_ctx *ctx, struct conn *c, struct job *j)
{
	unsigned int i, k;

	for (i = 0; i < j->nbe; i++) {
		struct job_be *b = &j->be[i];
		char cmd[256], *reply = NULL;
		size_t rlen;
		int r = -EEXIST;

		if (!b->temp)
			continue;
		for (k = 0; k < 10 && r == -EEXIST; k++) {
			char base[20];
			size_t m;

			/* instance names: a-z 0-9 _ - */
			snprintf(base, sizeof(base), "%s", b->backend);
			for (m = 0; base[m]; m++)
				if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789_-", base[m]))
					base[m] = '_';
			if (k)
				snprintf(b->inst, sizeof(b->inst), "r%u-%s-%u", i % 10, base,
					 k % 10);
			else
				snprintf(b->inst, sizeof(b->inst), "r%u-%s", i % 10, base);
			job_create_cmd(j, b, cmd, sizeof(cmd));
			free(reply);
			reply = NULL;
			r = conn_exec(c, cmd, &reply, &rlen);
		}
		if (r) {
			cli_error(b->backend, "%s%s%.*s", strerror(-r), reply ? ": " : "",
				  line_len(reply), reply ? reply : "");
			free(reply);
			b->inst[0] = '\0';
			job_teardown(c, j);
			return exit_for(r);
		}
		b->zero = (int)reply_u64(reply, "zero", (uint64_t)-1);
		if (!ctx->quiet && ctx->fmt == CLI_FMT_TEXT && getenv("KMEMLAB_VERBOSE"))
			fprintf(stderr, "%s", reply);
		free(reply);
	}
	return 0;
}

/* --- the blocking run: spinner and Ctrl-C ------------------------------------------- */

static volatile sig_atomic_t run_interrupted;
static volatile sig_atomic_t run_sim;

static void on_sigint(int sig)
{
	(void)sig;
	run_interrupted = 1;
	if (run_sim)
		kml_sim_host_interrupt();
}

struct spinner {
	pthread_t th;
	const char *label;
	int stop;
	bool enabled;
};

static void *spinner_main(void *arg)
{
	static const char wheel[] = "|/-\\";
	struct spinner *s = arg;
	uint64_t start = cli_now_ns();
	bool shown = false;
	unsigned int i = 0;
	uint64_t last = 0;

	while (!__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE)) {
		uint64_t now;
		struct timespec ts = { 0, 100 * 1000 * 1000 };

		nanosleep(&ts, NULL);
		now = cli_now_ns();
		/* from the first second on, one redraw per second */
		if (now - start < 1000000000ULL || (now - start) / 1000000000ULL == last)
			continue;
		last = (now - start) / 1000000000ULL;
		fprintf(stderr, "\r%c kmemlab: %s: %llus (Ctrl-C stops)\033[K",
			wheel[i++ % 4], s->label,
			(unsigned long long)((now - start) / 1000000000ULL));
		shown = true;
	}
	if (shown)
		fputs("\r\033[K", stderr);
	return NULL;
}

/* Kernel mode: one write(2), not retried on EINTR, then the reply. */
static int control_exec_once(struct conn *c, const char *cmd, char **reply,
			     size_t *rlen)
{
	size_t cap = 1 << 16, n = 0;
	ssize_t w = write(c->control_fd, cmd, strlen(cmd));
	int err = w < 0 ? -errno : (size_t)w != strlen(cmd) ? -EIO : 0;
	char *buf = malloc(cap), *nb;

	*reply = NULL;
	*rlen = 0;
	if (!buf)
		return err ? err : -ENOMEM;
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap) {
			nb = realloc(buf, cap * 2);
			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
		r = pread(c->control_fd, buf + n, cap - n - 1, (off_t)n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	*reply = buf;
	*rlen = n;
	return err;
}

static int run_blocking(struct cli_ctx *ctx, struct conn *c, const char *cmd,
			const char *label, char **reply, size_t *rlen)
{
	struct sigaction sa, old;
	struct spinner sp = { .label = label };
	sigset_t block, prev;
	int r;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;	/* no SA_RESTART: the write must fail */
	sigemptyset(&sa.sa_mask);
	run_interrupted = 0;
	run_sim = !strcmp(c->mode, "sim");
	sigaction(SIGINT, &sa, &old);
	sp.enabled = !ctx->quiet && isatty(STDERR_FILENO);
	if (sp.enabled) {
		sigemptyset(&block);
		sigaddset(&block, SIGINT);
		pthread_sigmask(SIG_BLOCK, &block, &prev);
		if (pthread_create(&sp.th, NULL, spinner_main, &sp))
			sp.enabled = false;
		pthread_sigmask(SIG_SETMASK, &prev, NULL);
	}
	if (c->control_fd >= 0)
		r = control_exec_once(c, cmd, reply, rlen);
	else
		r = conn_exec(c, cmd, reply, rlen);
	if (sp.enabled) {
		__atomic_store_n(&sp.stop, 1, __ATOMIC_RELEASE);
		pthread_join(sp.th, NULL);
	}
	sigaction(SIGINT, &old, NULL);
	run_sim = 0;
	if (run_interrupted && !r)
		r = -EINTR;	/* it finished anyway; still honour Ctrl-C */
	return r;
}

/* --- running a job ----------------------------------------------------------------- */

void job_free_lat(char **lat, unsigned int n)
{
	unsigned int i;

	if (!lat)
		return;
	for (i = 0; i < n; i++)
		free(lat[i]);
	free(lat);
}

int job_exec(struct cli_ctx *ctx, struct conn *c, struct job *j,
	     struct run_reply *rr, char ***lat)
{
	char cmd[1024], label[96], err[256], *reply = NULL;
	unsigned int i;
	size_t rlen;
	int n, r, rc;

	*lat = NULL;
	if (!j->nbe) {
		cli_error(ctx->cmd->name, "no backend (--backend LIST or --on INSTANCES)");
		return CLI_EXIT_USAGE;
	}
	rc = job_setup(ctx, c, j);
	if (rc)
		return rc;
	n = snprintf(cmd, sizeof(cmd), "run %s on=", j->workload);
	for (i = 0; i < j->nbe; i++)
		n += snprintf(cmd + n, sizeof(cmd) - (size_t)n, "%s%s", i ? "," : "",
			      j->be[i].inst);
	if (j->nargs) {
		char keys[512];

		job_keys_format(j, keys, sizeof(keys));
		snprintf(cmd + n, sizeof(cmd) - (size_t)n, " %s", keys);
	}
	snprintf(label, sizeof(label), "%s%s%s on %u backends", j->title,
		 j->title[0] ? ": " : "", j->workload, j->nbe);
	r = run_blocking(ctx, c, cmd, label, &reply, &rlen);
	if (r) {
		if (r == -EINTR)
			cli_error(ctx->cmd->name, "interrupted: the run was stopped%s%.*s",
				  reply && *reply ? " (" : "", line_len(reply),
				  reply ? reply : "");
		else
			cli_error(ctx->cmd->name, "%.*s (%s)", line_len(reply),
				  reply ? reply : "", strerror(-r));
		if (r == -EINTR && reply && *reply)
			fputs(")\n", stderr);
		free(reply);
		job_teardown(c, j);
		return exit_for(r);
	}
	r = runreply_parse(reply, rlen, rr, err, sizeof(err));
	if (r) {
		cli_error("run reply", "%s", err);
		if (getenv("KMEMLAB_DEBUG_REPLY"))
			fputs(reply, stderr);
		free(reply);
		job_teardown(c, j);
		return CLI_EXIT_FAIL;
	}
	free(reply);
	*lat = calloc(rr->ninst + 1, sizeof(char *));
	for (i = 0; *lat && i < rr->ninst; i++) {
		size_t len;

		if (conn_view(c, rr->inst[i], "latency", &(*lat)[i], &len))
			(*lat)[i] = NULL;
	}
	job_teardown(c, j);
	return CLI_EXIT_OK;
}

/* --- latency view ------------------------------------------------------------------ */

static int push(double **v, size_t n, double x)
{
	double *nv = realloc(*v, (n + 1) * sizeof(double));

	if (!nv)
		return -ENOMEM;
	nv[n] = x;
	*v = nv;
	return 0;
}

static void drop_na_col(double **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isnan((*v)[i]))
			return;
	free(*v);
	*v = NULL;
}

int latview_parse(const char *text, struct result *r, double elapsed_ms,
		  uint64_t ops)
{
	enum { NONE, HA, HF, SER } sec = NONE;
	const char *p = text;

	while (p && *p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char line[256];

		snprintf(line, sizeof(line), "%.*s", (int)(n < 255 ? n : 255), p);
		p = e ? e + 1 : NULL;
		if (!strncmp(line, "# alloc histogram", 17)) {
			sec = HA;
		} else if (!strncmp(line, "# free histogram", 16)) {
			sec = HF;
		} else if (!strncmp(line, "# series", 8)) {
			sec = SER;
		} else if (line[0] == '#' || !(line[0] >= '0' && line[0] <= '9')) {
			continue;
		} else if (sec == HA || sec == HF) {
			unsigned long long lo, hi, cnt;
			struct res_lat *l = sec == HA ? &r->alloc : &r->free;

			if (sscanf(line, "%llu %llu %llu", &lo, &hi, &cnt) != 3)
				return -EINVAL;
			if (l->nbuckets && (double)hi <= l->bucket_le[l->nbuckets - 1])
				return -EINVAL;
			if (push(&l->bucket_le, l->nbuckets, (double)hi) ||
			    push(&l->bucket_count, l->nbuckets, (double)cnt))
				return -ENOMEM;
			l->nbuckets++;
		} else if (sec == SER) {
			unsigned long long op, live, req, alloc, held;
			long long ext, stranded = -1;	/* -1: n/a */
			struct res_series *s = &r->series;
			int nf;

			/* older modules write no stranded_x1000 column */
			nf = sscanf(line, "%llu %llu %llu %llu %llu %lld %lld", &op, &live,
				    &req, &alloc, &held, &ext, &stranded);
			if (nf != 6 && nf != 7)
				return -EINVAL;
			if (push(&s->t_ms, s->n, ops ? elapsed_ms * (double)op / (double)ops : 0) ||
			    push(&s->held_bytes, s->n, (double)held) ||
			    push(&s->requested_bytes, s->n, (double)req) ||
			    push(&s->external_pct, s->n, ext < 0 ? NAN : ext / 10.0) ||
			    push(&s->stranded_pct, s->n,
				 stranded < 0 ? NAN : stranded / 10.0) ||
			    push(&s->internal_pct, s->n,
				 alloc ? 100.0 * (1.0 - (double)req / (double)alloc) : 0))
				return -ENOMEM;
			s->n++;
		}
	}
	/* a column that never applies is absent, not a line of nulls */
	drop_na_col(&r->series.external_pct, r->series.n);
	drop_na_col(&r->series.stranded_pct, r->series.n);
	return 0;
}

/* --- context ----------------------------------------------------------------------- */

void results_ctx_add(struct results *rs, const char *key, const char *val)
{
	char **nk, **nv;
	size_t i;

	for (i = 0; i < rs->nctx; i++)
		if (!strcmp(rs->ctx_key[i], key))
			return;
	nk = realloc(rs->ctx_key, (rs->nctx + 1) * sizeof(char *));
	if (!nk)
		return;
	rs->ctx_key = nk;
	nv = realloc(rs->ctx_val, (rs->nctx + 1) * sizeof(char *));
	if (!nv)
		return;
	rs->ctx_val = nv;
	rs->ctx_key[rs->nctx] = strdup(key);
	rs->ctx_val[rs->nctx] = strdup(val ? val : "");
	if (rs->ctx_key[rs->nctx] && rs->ctx_val[rs->nctx])
		rs->nctx++;
}

static bool cmdline_has(const char *cmdline, const char *word)
{
	size_t n = strlen(word);
	const char *p = cmdline;

	while (p && (p = strstr(p, word))) {
		if ((p == cmdline || p[-1] == ' ') &&
		    (!p[n] || p[n] == ' ' || p[n] == '='))
			return true;
		p += n;
	}
	return false;
}

void job_context(const struct job *j, const struct run_reply *rr,
		 struct results *rs)
{
	const struct rr_line *cx = &rr->context;
	const char *kind = rr_get(cx, "kind") ?: "?";
	bool kern = !strcmp(kind, "kernel");
	const char *cmdline = rr_get(cx, "cmdline") ?: "";
	const char *acc = getenv("KMEMLAB_ACCEL");
	const char *ioa = rr_get(cx, "init_on_alloc");
	const char *zd = rr_get(cx, "zero_default") ?: "?";
	char buf[512], zs[64] = "";
	unsigned int i;

	results_ctx_add(rs, "mode", kind);
	results_ctx_add(rs, "kernel", kern ? rr_get(cx, "kernel") :
			rr_get(cx, "os_release"));
	results_ctx_add(rs, "cmdline", kern ? cmdline : "(sim mode: none)");
	if (kern) {
		snprintf(buf, sizeof(buf), "%s (%s)", ioa ? ioa : "?",
			 cmdline_has(cmdline, "init_on_alloc") ? "set on the cmdline" :
			 "kernel config default");
		results_ctx_add(rs, "init_on_alloc", buf);
		results_ctx_add(rs, "slab_nomerge",
				cmdline_has(cmdline, "slab_nomerge") ||
				cmdline_has(cmdline, "slub_nomerge") ?
				"on (cmdline)" : "off (not on the cmdline)");
		results_ctx_add(rs, "preempt", rr_get(cx, "preempt"));
		results_ctx_add(rs, "vcpus", rr_get(cx, "cpus_online"));
	} else {
		results_ctx_add(rs, "init_on_alloc", "n/a (sim mode)");
		results_ctx_add(rs, "slab_nomerge", "n/a (sim mode)");
		results_ctx_add(rs, "preempt", rr_get(cx, "preemption"));
		results_ctx_add(rs, "vcpus", rr_get(cx, "online_cpus"));
	}
	results_ctx_add(rs, "cpu", rr_get(cx, "cpu_model"));
	if (acc && !strcmp(acc, "tcg"))
		results_ctx_add(rs, "accel", "tcg (TCG: emulated timings, compare ratios only)");
	else if (acc && *acc)
		results_ctx_add(rs, "accel", acc);
	else
		results_ctx_add(rs, "accel", kern ? "none stated ($KMEMLAB_ACCEL unset)" :
				"none (sim mode, native)");
	snprintf(buf, sizeof(buf), "%s (ns_per_1m_ticks=%s)",
		 rr_get(cx, "clock") ?: "?", rr_get(cx, "ns_per_1m_ticks") ?: "?");
	results_ctx_add(rs, "clock", buf);
	results_ctx_add(rs, "seed", rr_get(&rr->run, "seed"));
	for (i = 0; i < j->nbe; i++)
		if (j->be[i].temp && j->be[i].zero >= 0)
			snprintf(zs, sizeof(zs), "zero=%d", j->be[i].zero);
	if (j->zero >= 0)
		snprintf(buf, sizeof(buf), "ours %s, forced by --zero; real allocators: "
			 "init_on_alloc=%s", zs[0] ? zs : "as set", ioa ? ioa : "n/a");
	else
		snprintf(buf, sizeof(buf), "ours %s (engine default zero_default=%s%s); "
			 "real allocators: init_on_alloc=%s", zs[0] ? zs : "default",
			 zd, kern ? ", matched to init_on_alloc" : "", ioa ? ioa : "n/a");
	results_ctx_add(rs, "zeroing", buf);
}

void job_print_context(FILE *f, const struct results *rs)
{
	size_t i;

	fprintf(f, "context:\n");
	for (i = 0; i < rs->nctx; i++)
		fprintf(f, "  %-14s %s\n", rs->ctx_key[i], rs->ctx_val[i]);
}

/* --- results ------------------------------------------------------------------------ */

static void workload_desc(const struct run_reply *rr, char *buf, size_t size)
{
	static const char *const keys[] = {
		"size", "dist", "min", "max", "order", "maxorder", "trace", "mode",
		"free_order",
	};
	const char *w = rr_get(&rr->run, "workload");
	size_t i;
	int n = snprintf(buf, size, "%s", w ? w : "?");

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]) && (size_t)n < size; i++) {
		const char *v = rr_get(&rr->run, keys[i]);

		if (!v || (!strcmp(keys[i], "mode") && !strcmp(v, "pairs")) ||
		    (!strcmp(keys[i], "free_order") && !strcmp(v, "lifo")))
			continue;
		n += snprintf(buf + n, size - (size_t)n, " %s=%s", keys[i], v);
	}
}

static void set_lat(struct res_lat *l, const struct cmp_stat *s)
{
	l->present = true;
	l->p50 = s[LAT_P50].med;
	l->p90 = s[LAT_P90].med;
	l->p99 = s[LAT_P99].med;
	l->p999 = s[LAT_P999].med;
	l->max = s[LAT_MAX].med;
	l->mean = s[LAT_MEAN].med;
}

int job_results(const struct job *j, const struct run_reply *rr,
		const struct cmp_row *rows, char **lat, struct results *rs)
{
	struct result *nr;
	unsigned int i;

	nr = realloc(rs->r, (rs->nr + rr->ninst + 1) * sizeof(*nr));
	if (!nr)
		return -ENOMEM;
	rs->r = nr;
	for (i = 0; i < rr->ninst; i++) {
		const struct cmp_row *w = &rows[i];
		struct result *r = &rs->r[rs->nr++];
		const struct rr_cell *last = NULL;
		size_t k;

		memset(r, 0, sizeof(*r));
		snprintf(r->backend, sizeof(r->backend), "%s", w->backend);
		snprintf(r->instance, sizeof(r->instance), "%s", w->instance);
		workload_desc(rr, r->workload, sizeof(r->workload));
		snprintf(r->group, sizeof(r->group), "%s", j->title);
		for (k = 0; k < rr->ncells; k++)
			if (!strcmp(rr->cells[k].instance, w->instance))
				last = &rr->cells[k];
		r->ops = last ? last->ops : 0;
		r->failures = w->failures;
		if (rr->timing_op) {
			set_lat(&r->alloc, w->alloc);
			set_lat(&r->free, w->free);
		}
		r->floor_ns = w->floor_ns.med;
		r->ops_per_sec = w->ops_per_sec.med;
		r->internal_pct = w->internal_pct.med;
		r->external_pct = w->external_pct.med;
		r->stranded_pct = w->stranded_pct.med;
		r->requested_peak = (uint64_t)(w->requested_kib.med * 1024);
		r->held_peak = (uint64_t)(w->held_kib.med * 1024);
		r->utilization = w->util_pct.med / 100.0;
		r->reps = w->reps;
		r->spread_pct = w->spread_pct;
		r->has_vs_first = true;
		r->vs_alloc_p50 = w->r_alloc_p50;
		r->vs_free_p50 = w->r_free_p50;
		r->vs_ops_per_sec = w->r_ops;
		r->has_validity = true;
		r->bad_frees = w->bad_frees;
		r->violations = w->violations;
		r->has_misaligned = w->has_misaligned;
		r->misaligned = w->misaligned;
		r->has_overlaps = w->has_overlaps;
		r->overlaps = w->overlaps;
		r->valid = !w->bad_frees && !w->violations && !w->overlaps &&
			   !w->misaligned && w->checksum_ok &&
			   w->done_ok == w->reps;
		if (lat && lat[i] && last) {
			struct res_lat a = r->alloc, f = r->free;

			if (latview_parse(lat[i], r, last->elapsed_ns / 1e6, last->ops)) {
				/* a view we cannot read: keep the medians only */
				free(r->alloc.bucket_le);
				free(r->alloc.bucket_count);
				free(r->free.bucket_le);
				free(r->free.bucket_count);
				r->alloc = a;
				r->free = f;
				r->alloc.nbuckets = r->free.nbuckets = 0;
				r->alloc.bucket_le = r->alloc.bucket_count = NULL;
				r->free.bucket_le = r->free.bucket_count = NULL;
			}
			if (!rr->timing_op) {
				r->alloc.nbuckets = r->free.nbuckets = 0;
			}
		}
	}
	return 0;
}

/* --- printing ----------------------------------------------------------------------- */

static const struct tbl_col lat_cols[] = {
	{ "backend", "BACKEND", NULL, TBL_STR },
	{ "instance", "INSTANCE", NULL, TBL_STR },
	{ "alloc_p50_ns", "A.P50", "ns", TBL_NUM },
	{ "alloc_p99_ns", "A.P99", "ns", TBL_NUM },
	{ "alloc_p999_ns", "A.P99.9", "ns", TBL_NUM },
	{ "alloc_max_ns", "A.MAX", "ns", TBL_NUM },
	{ "free_p50_ns", "F.P50", "ns", TBL_NUM },
	{ "free_p99_ns", "F.P99", "ns", TBL_NUM },
	{ "free_p999_ns", "F.P99.9", "ns", TBL_NUM },
	{ "free_max_ns", "F.MAX", "ns", TBL_NUM },
	{ "alloc_p50_vs_first", "A.P50/1ST", "x", TBL_NUM },
	{ "free_p50_vs_first", "F.P50/1ST", "x", TBL_NUM },
	{ "alloc_mean_vs_first", "A.MEAN/1ST", "x", TBL_NUM },
	{ "spread_pct", "SPREAD", "%", TBL_NUM },
};

static const struct tbl_col mem_cols[] = {
	{ "backend", "BACKEND", NULL, TBL_STR },
	{ "instance", "INSTANCE", NULL, TBL_STR },
	{ "ops_per_sec", "OPS/S", "ops/s", TBL_NUM },
	{ "ops_vs_first", "OPS/1ST", "x", TBL_NUM },
	{ "internal_pct", "INT.FRAG", "%", TBL_NUM },
	{ "external_pct", "EXT.FRAG", "%", TBL_NUM },
	{ "stranded_pct", "STRANDED", "%", TBL_NUM },
	{ "requested_peak_kib", "PAYLOAD", "KiB", TBL_NUM },
	{ "held_peak_kib", "HELD", "KiB", TBL_NUM },
	{ "utilization_pct", "UTIL", "%", TBL_NUM },
	{ "failures", "FAIL", "count", TBL_INT },
	{ "reps", "REPS", "count", TBL_INT },
	{ "valid", "VALID", NULL, TBL_STR },
};

/* A percentage of the run table; "n/a" when it does not apply. */
static void pct_cell(struct tbl *t, double v)
{
	if (isnan(v))
		tbl_cell(t, "n/a");
	else
		tbl_cell(t, "%.1f", v);
}

static const char *valid_word(const struct cmp_row *w)
{
	if (w->bad_frees || w->violations)
		return "BAD";
	if (w->overlaps)
		return "OVERLAP";
	if (w->misaligned)
		return "MISALIGNED";
	if (!w->checksum_ok)
		return "DIFF-OPS";
	if (w->done_ok != w->reps)
		return "SHORT";
	return "ok";
}

void job_print(FILE *f, const struct job *j, const struct run_reply *rr,
	       const struct cmp_row *rows, bool replay)
{
	struct tbl t;
	unsigned int i;
	size_t k;

	if (j->title[0])
		fprintf(f, "\n== %s ==\n", j->title);
	else
		fputc('\n', f);
	fprintf(f, "run:");
	for (k = 0; k < rr->run.nkv; k++)
		if (strcmp(rr->run.kv[k].key, "on"))
			fprintf(f, " %s=%s", rr->run.kv[k].key, rr->run.kv[k].val);
	fprintf(f, "\n(medians over %u interleaved reps; ratios against %s; "
		"SPREAD = (max - min) / median of %s over reps)\n", rr->reps,
		rows[0].backend, rr->timing_op ? "A.P50" : "OPS/S");
	if (rr->timing_op) {
		tbl_init(&t, lat_cols, sizeof(lat_cols) / sizeof(lat_cols[0]));
		for (i = 0; i < rr->ninst; i++) {
			const struct cmp_row *w = &rows[i];

			tbl_cell(&t, "%s", w->backend);
			tbl_cell(&t, "%s", w->instance);
			tbl_cell(&t, "%.0f", w->alloc[LAT_P50].med);
			tbl_cell(&t, "%.0f", w->alloc[LAT_P99].med);
			tbl_cell(&t, "%.0f", w->alloc[LAT_P999].med);
			tbl_cell(&t, "%.0f", w->alloc[LAT_MAX].med);
			tbl_cell(&t, "%.0f", w->free[LAT_P50].med);
			tbl_cell(&t, "%.0f", w->free[LAT_P99].med);
			tbl_cell(&t, "%.0f", w->free[LAT_P999].med);
			tbl_cell(&t, "%.0f", w->free[LAT_MAX].med);
			tbl_cell(&t, "%.2f", w->r_alloc_p50);
			tbl_cell(&t, "%.2f", w->r_free_p50);
			tbl_cell(&t, "%.2f", w->r_alloc_mean);
			tbl_cell(&t, "%.1f", w->spread_pct);
		}
		tbl_print(&t, f, CLI_FMT_TEXT, NULL, NULL);
		tbl_free(&t);
		fputc('\n', f);
	}
	tbl_init(&t, mem_cols, sizeof(mem_cols) / sizeof(mem_cols[0]));
	for (i = 0; i < rr->ninst; i++) {
		const struct cmp_row *w = &rows[i];

		tbl_cell(&t, "%s", w->backend);
		tbl_cell(&t, "%s", w->instance);
		tbl_cell(&t, "%.0f", w->ops_per_sec.med);
		tbl_cell(&t, "%.2f", w->r_ops);
		tbl_cell(&t, "%.1f", w->internal_pct.med);
		pct_cell(&t, w->external_pct.med);
		pct_cell(&t, w->stranded_pct.med);
		tbl_cell(&t, "%.1f", w->requested_kib.med);
		tbl_cell(&t, "%.1f", w->held_kib.med);
		tbl_cell(&t, "%.1f", w->util_pct.med);
		tbl_cell(&t, "%llu", (unsigned long long)w->failures);
		tbl_cell(&t, "%u", w->reps);
		tbl_cell(&t, "%s", valid_word(w));
	}
	tbl_print(&t, f, CLI_FMT_TEXT, NULL, NULL);
	tbl_free(&t);
	if (replay)
		fprintf(f, "VALID: ok = every rep done, no refused free, validate() clean "
			"after each rep, same op sequence as the first backend, every "
			"block aligned and none overlapping a live block of its worker "
			"(checked after each op)\n");
}

static const char *const csv_cols[] = {
	"group", "workload", "backend", "instance", "rep", "ops", "failures",
	"alloc_p50_ns", "alloc_p90_ns", "alloc_p99_ns", "alloc_p999_ns",
	"alloc_max_ns", "alloc_mean_ns", "free_p50_ns", "free_p90_ns",
	"free_p99_ns", "free_p999_ns", "free_max_ns", "free_mean_ns", "floor_ns",
	"ops_per_sec", "internal_pct", "external_pct", "stranded_pct",
	"requested_peak_bytes",
	"held_peak_bytes", "utilization_pct", "bad_frees", "violations",
	"alloc_p50_vs_first", "ops_per_sec_vs_first",
};

/* A CSV number; a figure that does not apply (NAN) is an empty field. */
static void csv_num(FILE *f, double v)
{
	if (isnan(v))
		fputc(',', f);
	else
		fprintf(f, ",%.10g", v);
}

void job_csv(FILE *f, const struct job *j, const struct run_reply *rr,
	     const struct cmp_row *rows, bool header)
{
	char wl[64], rep[16];
	unsigned int i, k;
	size_t c;

	if (header) {
		for (c = 0; c < sizeof(csv_cols) / sizeof(csv_cols[0]); c++)
			csv_field(f, csv_cols[c], !c);
		fputc('\n', f);
	}
	workload_desc(rr, wl, sizeof(wl));
	for (c = 0; c < rr->ncells; c++) {
		const struct rr_cell *x = &rr->cells[c];

		csv_field(f, j->title, true);
		csv_field(f, wl, false);
		csv_field(f, x->backend, false);
		csv_field(f, x->instance, false);
		fprintf(f, ",%u,%llu,%llu", x->rep, (unsigned long long)x->ops,
			(unsigned long long)x->failures);
		for (k = 0; k < LAT_NR; k++)
			if (x->has_lat)
				csv_num(f, (double)x->alloc[k]);
			else
				fputc(',', f);
		for (k = 0; k < LAT_NR; k++)
			if (x->has_lat)
				csv_num(f, (double)x->free[k]);
			else
				fputc(',', f);
		csv_num(f, (double)x->floor_ns);
		csv_num(f, (double)x->ops_per_sec);
		csv_num(f, x->internal_x1000 / 10.0);
		csv_num(f, x->external_x1000 < 0 ? NAN : x->external_x1000 / 10.0);
		csv_num(f, x->stranded_x1000 < 0 ? NAN : x->stranded_x1000 / 10.0);
		csv_num(f, (double)x->requested_peak);
		csv_num(f, (double)x->held_peak);
		csv_num(f, x->util_x1000 / 10.0);
		fprintf(f, ",%llu,%llu,,\n", (unsigned long long)x->bad_frees,
			(unsigned long long)x->violations);
	}
	for (i = 0; i < rr->ninst; i++) {
		const struct cmp_row *w = &rows[i];

		snprintf(rep, sizeof(rep), "median");
		csv_field(f, j->title, true);
		csv_field(f, wl, false);
		csv_field(f, w->backend, false);
		csv_field(f, w->instance, false);
		fprintf(f, ",%s,,%llu", rep, (unsigned long long)w->failures);
		for (k = 0; k < LAT_NR; k++)
			if (rr->timing_op)
				csv_num(f, w->alloc[k].med);
			else
				fputc(',', f);
		for (k = 0; k < LAT_NR; k++)
			if (rr->timing_op)
				csv_num(f, w->free[k].med);
			else
				fputc(',', f);
		csv_num(f, w->floor_ns.med);
		csv_num(f, w->ops_per_sec.med);
		csv_num(f, w->internal_pct.med);
		csv_num(f, w->external_pct.med);
		csv_num(f, w->stranded_pct.med);
		csv_num(f, w->requested_kib.med * 1024);
		csv_num(f, w->held_kib.med * 1024);
		csv_num(f, w->util_pct.med);
		fprintf(f, ",%llu,%llu", (unsigned long long)w->bad_frees,
			(unsigned long long)w->violations);
		csv_num(f, w->r_alloc_p50);
		csv_num(f, w->r_ops);
		fputc('\n', f);
	}
}

int results_save(const char *dir, const struct results *rs, const char *title)
{
	char path[4096];
	FILE *f;
	int bad;

	if (mkdir(dir, 0755) && errno != EEXIST) {
		cli_error(dir, "%s", strerror(errno));
		return CLI_EXIT_FAIL;
	}
	snprintf(path, sizeof(path), "%s/results.json", dir);
	f = fopen(path, "w");
	if (!f) {
		cli_error(path, "%s", strerror(errno));
		return CLI_EXIT_FAIL;
	}
	bad = results_write(f, rs);
	if (fclose(f) || bad) {
		cli_error(path, "write failed");
		return CLI_EXIT_FAIL;
	}
	snprintf(path, sizeof(path), "%s/report.html", dir);
	f = fopen(path, "w");
	if (!f) {
		cli_error(path, "%s", strerror(errno));
		return CLI_EXIT_FAIL;
	}
	bad = report_html(f, rs, title);
	if (fclose(f) || bad) {
		cli_error(path, "write failed");
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}

/* --- traces ------------------------------------------------------------------------ */

int trace_load_file(struct cli_ctx *ctx, struct conn *c, const char *path,
		    const char *name, struct job *j)
{
	char *text = NULL, *cmd, *reply = NULL;
	size_t len, hl, rlen;
	int r;

	r = cli_read_file(path, &text, &len);
	if (r) {
		cli_error(path, "%s", strerror(-r));
		return r == -EACCES ? CLI_EXIT_SKIP : CLI_EXIT_FAIL;
	}
	hl = strlen("trace load ") + strlen(name) + 1;
	cmd = malloc(hl + len + 1);
	if (!cmd) {
		free(text);
		cli_error(path, "out of memory");
		return CLI_EXIT_FAIL;
	}
	snprintf(cmd, hl + 1, "trace load %s\n", name);
	memcpy(cmd + hl, text, len);
	free(text);
	/* the command line and the text in ONE write(2) */
	r = c->ops->exec(c, cmd, hl + len, &reply, &rlen);
	free(cmd);
	if (r) {
		const char *why = reply ? reply : "";
		unsigned int line;
		int skip = 0;

		if (!strncmp(why, "error: trace load: ", 19))
			why += 19;
		if (sscanf(why, "line %u: %n", &line, &skip) == 1 && skip)
			fprintf(stderr, "kmemlab: %s:%u: %.*s\n", path, line,
				line_len(why + skip), why + skip);
		else
			cli_error(path, "%.*s", line_len(why), why);
		free(reply);
		return CLI_EXIT_FAIL;
	}
	j->trace_max_size = reply_u64(reply, "max_size", 0);
	j->trace_peak = reply_u64(reply, "peak_bytes", 0);
	j->trace_ops = reply_u64(reply, "ops", 0);
	snprintf(j->trace, sizeof(j->trace), "%s", name);
	if (!ctx->quiet && ctx->fmt == CLI_FMT_TEXT)
		fprintf(stderr, "%s: %.*s\n", path, line_len(reply), reply);
	free(reply);
	return CLI_EXIT_OK;
}

void trace_drop(struct conn *c, const char *name)
{
	char cmd[64], *reply = NULL;
	size_t rlen;

	snprintf(cmd, sizeof(cmd), "trace drop %s", name);
	conn_exec(c, cmd, &reply, &rlen);
	free(reply);
}

/* --- the subcommands ------------------------------------------------------------------ */

enum {
	O_ON = 300, O_SIZE, O_CPUS, O_SEED, O_DIST, O_MIN, O_MAX, O_ORDER,
	O_MAXORDER, O_FREE_ORDER, O_BATCH, O_SAMPLE, O_ZERO, O_POOL,
};

const struct cli_opt run_opts[] = {
	{ "backend", 'b', "LIST", "backends to compare, comma-separated (a temporary instance each)" },
	{ "on", O_ON, "INST,...", "existing instances to compare (after --backend ones)" },
	{ "ops", 'n', "N", "operations per worker (engine default 10000)" },
	{ "size", O_SIZE, "BYTES", "object size (churn, dentry, remote, burst)" },
	{ "cpus", O_CPUS, "LIST", "CPU ids, one worker each (default 0)" },
	{ "reps", 'r', "N", "repetitions, interleaved across backends (default 5)" },
	{ "seed", O_SEED, "N", "PRNG seed (default 1)" },
	{ "mode", 'm', "MODE", "pairs, phases or batch (throughput only)" },
	{ "dist", O_DIST, "DIST", "sizes: uniform, pow2 or kmalloc-mix" },
	{ "min", O_MIN, "BYTES", "sizes: smallest size" },
	{ "max", O_MAX, "BYTES", "sizes: largest size" },
	{ "order", O_ORDER, "N", "pages: lowest order" },
	{ "maxorder", O_MAXORDER, "N", "pages: highest order" },
	{ "free-order", O_FREE_ORDER, "ORDER", "churn phases/batch: lifo or random" },
	{ "batch", O_BATCH, "N", "working set / batch size of the workload" },
	{ "sample", O_SAMPLE, "N", "allocations between time-series points" },
	{ "zero", O_ZERO, "on|off", "zero= of the temporaries (default: the kernel's init_on_alloc)" },
	{ "pool", O_POOL, "BYTES", "pool= of our temporaries (buddy, slab, heaps)" },
	{ "save", 'o', "DIR", "also write DIR/results.json, results.csv, report.html" },
	{ NULL, 0, NULL, NULL },
};

const struct cli_opt replay_opts[] = {
	{ "backend", 'b', "LIST", "backends to replay on, comma-separated" },
	{ "on", O_ON, "INST,...", "existing instances to replay on" },
	{ "ops", 'n', "N", "replay only the first N records" },
	{ "cpus", O_CPUS, "LIST", "CPU ids (at most 4), each replays the whole trace" },
	{ "reps", 'r', "N", "repetitions, interleaved across backends (default 5)" },
	{ "zero", O_ZERO, "on|off", "zero= of the temporaries" },
	{ "pool", O_POOL, "BYTES", "pool= of our temporaries (default: from the trace)" },
	{ "save", 'o', "DIR", "also write DIR/results.json, results.csv, report.html" },
	{ NULL, 0, NULL, NULL },
};

struct run_args {
	struct job job;
	const char *save;
};

/* A numeric option for run key @key, within the key's bounds. */
static int num_opt(struct job *j, const char *opt, enum job_key key,
		   const char *val)
{
	uint64_t v;

	if (parse_u64(opt, val, 0, job_keys[key].max, &v))
		return -1;
	return job_set_num(j, key, v);
}

/* An option whose value is one of the words of run key @key. */
static int word_opt(struct job *j, const char *opt, enum job_key key,
		    const char *val)
{
	int w = job_word(key, val);

	if (w < 0) {
		cli_error(opt, "'%s': not one of the accepted values", val);
		return -1;
	}
	return job_set_num(j, key, (uint64_t)w);
}

static int cpus_opt(struct job *j, const char *val)
{
	if (!*val || strspn(val, "0123456789,") != strlen(val)) {
		cli_error("--cpus", "'%s': expected a list of CPU ids (0,1)", val);
		return -1;
	}
	return job_set_text(j, JOB_CPUS, val);
}

/* Options common to run and replay; Return: 0, 1 (handled), -1 (error). */
static int common_opt(struct run_args *a, int c, const char *arg)
{
	struct job *j = &a->job;
	static const char *const onoff[] = { "on", "off", "1", "0", NULL };
	const char *const *o;

	switch (c) {
	case 'b':
		return job_add_backends(j, arg, false) ? -1 : 1;
	case O_ON:
		return job_add_backends(j, arg, true) ? -1 : 1;
	case 'n':
		return num_opt(j, "--ops", JOB_OPS, arg) ? -1 : 1;
	case O_CPUS:
		return cpus_opt(j, arg) ? -1 : 1;
	case 'r':
		return num_opt(j, "--reps", JOB_REPS, arg) ? -1 : 1;
	case O_ZERO:
		for (o = onoff; *o; o++)
			if (!strcmp(arg, *o))
				break;
		if (!*o) {
			cli_error("--zero", "'%s': expected on or off", arg);
			return -1;
		}
		j->zero = !strcmp(arg, "on") || !strcmp(arg, "1");
		return 1;
	case O_POOL:
		return parse_u64("--pool", arg, 4096, 1ULL << 30, &j->pool) ? -1 : 1;
	case 'o':
		a->save = arg;
		return 1;
	}
	return 0;
}

static int run_opt(struct run_args *a, int c, const char *arg)
{
	struct job *j = &a->job;
	int r = common_opt(a, c, arg);

	if (r)
		return r < 0 ? -1 : 0;
	switch (c) {
	case O_SIZE:
		return num_opt(j, "--size", JOB_SIZE, arg);
	case O_SEED:
		return num_opt(j, "--seed", JOB_SEED, arg);
	case 'm':
		return word_opt(j, "--mode", JOB_MODE, arg);
	case O_DIST:
		return word_opt(j, "--dist", JOB_DIST, arg);
	case O_MIN:
		return num_opt(j, "--min", JOB_MIN, arg);
	case O_MAX:
		return num_opt(j, "--max", JOB_MAX, arg);
	case O_ORDER:
		return num_opt(j, "--order", JOB_ORDER, arg);
	case O_MAXORDER:
		return num_opt(j, "--maxorder", JOB_MAXORDER, arg);
	case O_FREE_ORDER:
		return word_opt(j, "--free-order", JOB_FREE_ORDER, arg);
	case O_BATCH:
		return num_opt(j, "--batch", JOB_BATCH, arg);
	case O_SAMPLE:
		return num_opt(j, "--sample", JOB_SAMPLE, arg);
	}
	return -1;
}

static const char *const workloads[] = {
	"churn", "sizes", "burst", "dentry", "pages", "remote", NULL,
};

/* Print and/or save one finished job; Return: exit code. */
static int job_output(struct cli_ctx *ctx, struct job *j, struct run_reply *rr,
		      char **lat, const char *save, bool replay)
{
	struct results rs = { 0 };
	struct cmp_row *rows = NULL;
	int rc = CLI_EXIT_OK;

	if (runreply_compare(rr, &rows) < 0) {
		cli_error(ctx->cmd->name, "out of memory");
		return CLI_EXIT_FAIL;
	}
	job_context(j, rr, &rs);
	if (job_results(j, rr, rows, lat, &rs)) {
		cli_error(ctx->cmd->name, "out of memory");
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	switch (ctx->fmt) {
	case CLI_FMT_JSON:
		if (results_write(ctx->out, &rs))
			rc = CLI_EXIT_FAIL;
		break;
	case CLI_FMT_CSV:
		job_csv(ctx->out, j, rr, rows, true);
		break;
	default:
		job_print_context(ctx->out, &rs);
		job_print(ctx->out, j, rr, rows, replay);
		break;
	}
	if (save) {
		char path[4096];
		FILE *f;

		rc = results_save(save, &rs, replay ? "kmemlab replay" : "kmemlab run");
		snprintf(path, sizeof(path), "%s/results.csv", save);
		f = rc ? NULL : fopen(path, "w");
		if (f) {
			job_csv(f, j, rr, rows, true);
			fclose(f);
		}
		if (!rc && !ctx->quiet)
			fprintf(stderr, "kmemlab: %s: saved results.json, results.csv, "
				"report.html in %s\n", ctx->cmd->name, save);
	}
out:
	results_free(&rs);
	free(rows);
	return rc;
}

int cmd_run(struct cli_ctx *ctx, int argc, char **argv)
{
	struct run_args a = { 0 };
	struct run_reply rr;
	const char *arg;
	char **lat = NULL;
	struct conn *c;
	int ch, rc, ec, i;

	a.job.zero = -1;
	while ((ch = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		if (ch == 'h')
			return CLI_EXIT_OK;
		if (ch == '?' || run_opt(&a, ch, arg))
			return CLI_EXIT_USAGE;
	}
	if (optind >= argc)
		return cli_usage_error(ctx, "which workload? (%s)",
				       "churn|sizes|burst|dentry|pages|remote");
	if (argc - optind > 1)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind + 1]);
	for (i = 0; workloads[i]; i++)
		if (!strcmp(argv[optind], workloads[i]))
			break;
	if (!workloads[i])
		return cli_usage_error(ctx, "unknown workload '%s' (%s)", argv[optind],
				       "churn|sizes|burst|dentry|pages|remote; "
				       "traces: kmemlab replay");
	snprintf(a.job.workload, sizeof(a.job.workload), "%s", argv[optind]);
	if (!a.job.nbe)
		return cli_usage_error(ctx, "no backend (--backend LIST or --on INSTANCES)");
	if (!job_arg(&a.job, JOB_REPS) && job_set_num(&a.job, JOB_REPS, 5))
		return CLI_EXIT_USAGE;
	c = cli_conn(ctx, &ec);
	if (!c)
		return ec;
	rc = job_exec(ctx, c, &a.job, &rr, &lat);
	if (rc)
		return rc;
	rc = job_output(ctx, &a.job, &rr, lat, a.save, false);
	job_free_lat(lat, rr.ninst);
	runreply_free(&rr);
	return rc;
}

int cmd_replay(struct cli_ctx *ctx, int argc, char **argv)
{
	struct run_args a = { 0 };
	struct run_reply rr;
	const char *arg;
	char **lat = NULL, name[32];
	struct conn *c;
	int ch, rc, ec;

	a.job.zero = -1;
	while ((ch = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		int r;

		if (ch == 'h')
			return CLI_EXIT_OK;
		r = ch == '?' ? -1 : common_opt(&a, ch, arg);
		if (r <= 0)
			return CLI_EXIT_USAGE;
	}
	if (optind >= argc)
		return cli_usage_error(ctx, "which trace file?");
	if (argc - optind > 1)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind + 1]);
	if (!a.job.nbe)
		return cli_usage_error(ctx, "no backend (--backend LIST or --on INSTANCES)");
	if (!job_arg(&a.job, JOB_REPS) && job_set_num(&a.job, JOB_REPS, 5))
		return CLI_EXIT_USAGE;
	snprintf(a.job.workload, sizeof(a.job.workload), "replay");
	c = cli_conn(ctx, &ec);
	if (!c)
		return ec;
	snprintf(name, sizeof(name), "cli-%u", (unsigned int)getpid() % 1000000);
	rc = trace_load_file(ctx, c, argv[optind], name, &a.job);
	if (rc)
		return rc;
	job_set_text(&a.job, JOB_TRACE, name);
	rc = job_exec(ctx, c, &a.job, &rr, &lat);
	if (!rc) {
		rc = job_output(ctx, &a.job, &rr, lat, a.save, true);
		job_free_lat(lat, rr.ninst);
		runreply_free(&rr);
	}
	trace_drop(c, name);
	return rc;
}
