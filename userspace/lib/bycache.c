// SPDX-License-Identifier: GPL-2.0
/*
 * 'kmemlab replay --by-cache' (bycache.h): the recording is loaded whole
 * once (the engine checks every line, errors as FILE:LINE), split by cache
 * (tracegroup.c), and each group is one job of the replay machinery
 * (jobrun.c): its own trace, temporaries with the cache's object size,
 * the engine's replay by thread. The rows come from each job's comparison
 * (runparse.c); this file adds them up and prints them.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bycache.h"
#include "caps.h"
#include "conn.h"
#include "emit.h"
#include "grow.h"
#include "jobrun.h"
#include "runparse.h"
#include "runprint.h"
#include "tracegroup.h"

/* The backends of each kind of group when --backend gives none; those the
 * mode lacks are left out (sim mode has neither kmem_cache nor kmalloc). */
static const char *const bc_default_obj[] = { "slab", "kmem_cache", "kmalloc" };
static const char *const bc_default_page[] = { "buddy", "alloc_pages" };

/* One row: one backend on one cache, medians over the reps. */
struct bc_row {
	const char *cache;	/* the group's name, or "TOTAL" */
	uint64_t size;		/* the group's largest alloc=, bytes */
	char backend[32];
	bool failed;		/* its create or run failed */
	char why[200];
	double ops;		/* ops_done */
	double failures;
	double work;		/* allocs + frees: the numerator of ops/s */
	double elapsed_ns;
	double ops_s;
	double payload_kib, held_kib;	/* held NAN: n/a */
	const char *valid;
	bool total;		/* a TOTAL row: */
	unsigned int ncaches, nfailed;	/* caches, and those it FAILED on */
};

struct bc_table {
	struct bc_row *rows;
	size_t n, cap;
};

static struct bc_row *bc_add(struct bc_table *t)
{
	struct bc_row *r = grow(t->rows, t->n, &t->cap, sizeof(*r), 32);

	if (!r)
		return NULL;
	t->rows = r;
	memset(&t->rows[t->n], 0, sizeof(t->rows[0]));
	return &t->rows[t->n++];
}

/* The median over the reps of one figure of instance @inst. */
static double bc_median(const struct run_reply *rr, const char *inst,
			int what)
{
	double v[64];
	size_t i, n = 0;

	for (i = 0; i < rr->ncells && n < 64; i++) {
		const struct rr_cell *c = &rr->cells[i];

		if (strcmp(c->instance, inst))
			continue;
		switch (what) {
		case 0:
			v[n++] = (double)c->ops_done;
			break;
		case 1:
			v[n++] = (double)c->failures;
			break;
		case 2:
			v[n++] = (double)(c->allocs + c->frees);
			break;
		default:
			v[n++] = (double)c->elapsed_ns;
			break;
		}
	}
	return cmp_median(v, n);
}

/* The rows of one group's finished job. */
static int bc_collect(struct bc_table *t, const struct tgroup *g,
		      const struct job *j, const struct run_reply *rr)
{
	struct cmp_row *rows = NULL;
	unsigned int k, next = 0;
	int n = rr ? runreply_compare(rr, &rows) : 0;

	if (n < 0)
		return -ENOMEM;
	/* the rows are in on= order: the backends that did not fail */
	for (k = 0; k < j->nbe; k++) {
		const struct job_be *b = &j->be[k];
		struct bc_row *r = bc_add(t);
		const struct cmp_row *w;

		if (!r) {
			free(rows);
			return -ENOMEM;
		}
		r->cache = g->name;
		r->size = g->max_alloc;
		snprintf(r->backend, sizeof(r->backend), "%s", b->backend);
		if (b->failed || next >= (unsigned int)n) {
			r->failed = true;
			snprintf(r->why, sizeof(r->why), "%s",
				 b->why[0] ? b->why : "no result");
			continue;
		}
		w = &rows[next++];
		r->ops = bc_median(rr, w->instance, 0);
		r->failures = bc_median(rr, w->instance, 1);
		r->work = bc_median(rr, w->instance, 2);
		r->elapsed_ns = bc_median(rr, w->instance, 3);
		r->ops_s = w->ops_per_sec.med;
		r->payload_kib = w->requested_kib.med;
		r->held_kib = w->held_kib.med;
		r->valid = cmp_valid_word(w);
	}
	free(rows);
	return 0;
}

/* TOTAL rows: one per backend, in the order the backends first appear. */
static int bc_totals(struct bc_table *t)
{
	size_t nrows = t->n, i, k;

	for (i = 0; i < nrows; i++) {
		struct bc_row *tot = NULL;

		for (k = nrows; k < t->n; k++)
			if (!strcmp(t->rows[k].backend, t->rows[i].backend))
				tot = &t->rows[k];
		if (!tot) {
			tot = bc_add(t);
			if (!tot)
				return -ENOMEM;
			tot->cache = "TOTAL";
			tot->total = true;
			snprintf(tot->backend, sizeof(tot->backend), "%s",
				 t->rows[i].backend);
			tot->valid = "ok";
		}
		/* bc_add() may have moved the rows */
		tot->ncaches++;
		if (t->rows[i].failed) {
			tot->nfailed++;
			continue;
		}
		tot->ops += t->rows[i].ops;
		tot->failures += t->rows[i].failures;
		tot->work += t->rows[i].work;
		tot->elapsed_ns += t->rows[i].elapsed_ns;
		tot->payload_kib += t->rows[i].payload_kib;
		tot->held_kib += t->rows[i].held_kib;	/* NAN stays NAN */
		if (strcmp(t->rows[i].valid, "ok"))
			tot->valid = "NOT-OK";
	}
	for (k = nrows; k < t->n; k++) {
		struct bc_row *tot = &t->rows[k];

		tot->ops_s = tot->elapsed_ns > 0 ?
			     tot->work * 1e9 / tot->elapsed_ns : 0;
		if (tot->nfailed) {
			snprintf(tot->why, sizeof(tot->why), "FAILED on %u of %u caches",
				 tot->nfailed, tot->ncaches);
			tot->valid = tot->why;
		}
	}
	return 0;
}

static const struct tbl_col bc_cols[] = {
	{ "cache", "CACHE", NULL, TBL_STR },
	{ "size", "SIZE", "B", TBL_INT },
	{ "backend", "BACKEND", NULL, TBL_STR },
	{ "ops", "OPS", "count", TBL_INT },
	{ "failures", "FAIL", "count", TBL_INT },
	{ "ops_per_sec", "OPS/S", "ops/s", TBL_INT },
	{ "requested_peak_kib", "PAYLOAD", "KiB", TBL_NUM },
	{ "held_peak_kib", "HELD", "KiB", TBL_NUM },
	{ "utilization_pct", "UTIL", "%", TBL_NUM },
	{ "valid", "VALID", NULL, TBL_STR },
};

static int bc_print(struct cli_ctx *ctx, const struct bc_table *t,
		    bool *held_na)
{
	struct tbl tb;
	size_t i;
	int r;

	tbl_init(&tb, bc_cols, sizeof(bc_cols) / sizeof(bc_cols[0]));
	for (i = 0; i < t->n; i++) {
		const struct bc_row *w = &t->rows[i];
		tbl_cell(&tb, "%s", w->cache);
		if (w->total)
			tbl_na(&tb, "-");
		else
			tbl_cell(&tb, "%llu", (unsigned long long)w->size);
		tbl_cell(&tb, "%s", w->backend);
		if (w->failed) {
			unsigned int c;

			for (c = 0; c < 6; c++)
				tbl_na(&tb, "n/a");
			tbl_cell(&tb, "FAILED: %s", w->why);
			continue;
		}
		tbl_cell(&tb, "%.0f", w->ops);
		tbl_cell(&tb, "%.0f", w->failures);
		tbl_cell(&tb, "%.0f", w->ops_s);
		tbl_cell(&tb, "%.1f", w->payload_kib);
		if (isnan(w->held_kib)) {
			*held_na = true;
			tbl_na(&tb, "n/a");
			tbl_na(&tb, "n/a");
		} else {
			tbl_cell(&tb, "%.1f", w->held_kib);
			if (w->held_kib > 0)
				tbl_cell(&tb, "%.1f", 100.0 * w->payload_kib / w->held_kib);
			else
				tbl_cell(&tb, "%.1f", 0.0);
		}
		tbl_cell(&tb, "%s", w->valid);
	}
	r = tbl_print(&tb, ctx->out, ctx->fmt, NULL, NULL);
	tbl_free(&tb);
	return r;
}

/* Backends of @opts (or the defaults) for a kind of group. */
static unsigned int bc_backends(const struct job *opts, const struct caps *caps,
				bool pages, const char **out)
{
	const char *const *def = pages ? bc_default_page : bc_default_obj;
	unsigned int ndef = pages ? 2 : 3, i, n = 0;

	for (i = 0; i < opts->nbe; i++) {
		const struct caps_backend *b = caps_backend(caps, opts->be[i].backend);

		/* unknown names go with the caches: job_exec() says why */
		if (b ? !strcmp(b->family, "page") == pages : !pages)
			out[n++] = opts->be[i].backend;
	}
	if (opts->nbe)
		return n;
	for (i = 0; i < ndef; i++)
		if (caps_backend(caps, def[i]))
			out[n++] = def[i];
	return n;
}

static int bc_cmp_ops(const void *a, const void *b)
{
	const struct tgroup *x = *(const struct tgroup *const *)a;
	const struct tgroup *y = *(const struct tgroup *const *)b;

	if (x->ops != y->ops)
		return x->ops < y->ops ? 1 : -1;
	return x < y ? -1 : x > y;
}

/* One group as one job: load, run, collect, drop. */
static int bc_run_group(struct cli_ctx *ctx, struct conn *c, const char *path,
			const struct tgroup *g, const struct job *opts,
			const char *const *be, unsigned int nbe,
			const char *cpus, const char *tier, struct caps *caps,
			struct bc_table *t)
{
	struct job j;
	struct run_reply rr;
	char name[32], **lat = NULL, label[4200];
	unsigned int i;
	int rc;

	memset(&j, 0, sizeof(j));
	snprintf(j.workload, sizeof(j.workload), "%s", opts->workload);
	j.zero = opts->zero;
	j.pool = opts->pool;
	j.caps = caps;
	if (!g->pages)
		j.obj_size = g->max_alloc;
	for (i = 0; i < nbe && i < JOB_MAX_BE; i++) {
		snprintf(j.be[i].backend, sizeof(j.be[i].backend), "%s", be[i]);
		j.be[i].temp = true;
		j.be[i].zero = -1;
		if (tier && !strcmp(be[i], "slab"))
			snprintf(j.be[i].args, sizeof(j.be[i].args), "tier=%s", tier);
	}
	j.nbe = i;
	if (job_set_num(&j, JOB_REPS, job_arg(opts, JOB_REPS)->num) ||
	    job_set_text(&j, JOB_CPUS, cpus))
		return CLI_EXIT_USAGE;
	snprintf(label, sizeof(label), "%s (cache %s)", path, g->name);
	trace_name_of(g->name, name, sizeof(name));
	rc = trace_load_text(ctx, c, label, g->text, g->len, name, &j, true);
	if (rc)
		return rc;
	job_set_text(&j, JOB_TRACE, j.trace);
	rc = job_exec(ctx, c, &j, &rr, &lat);
	if (!rc) {
		rc = bc_collect(t, g, &j, &rr) ? -ENOMEM : CLI_EXIT_OK;
		job_free_lat(lat, rr.ninst);
		runreply_free(&rr);
	} else if (rc == CLI_EXIT_FAIL && job_nfailed(&j) == j.nbe) {
		/* no backend left: each row says why */
		rc = bc_collect(t, g, &j, NULL) ? -ENOMEM : CLI_EXIT_OK;
	}
	if (rc == -ENOMEM) {
		cli_error(ctx->cmd->name, "out of memory");
		rc = CLI_EXIT_FAIL;
	}
	trace_drop(c, j.trace);
	return rc;
}

int replay_by_cache(struct cli_ctx *ctx, const char *path,
		    const struct job *opts, const char *tier)
{
	const char *obj_be[JOB_MAX_BE], *page_be[JOB_MAX_BE];
	struct tgroups gs = { 0 };
	struct bc_table t = { 0 };
	const struct tgroup **order = NULL;
	static struct caps caps;
	struct job whole;
	char err[512], cpus[JOB_TEXT_MAX + 1], name[32];
	unsigned int nobj, npage, ncpus, skipped = 0;
	bool held_na = false;
	struct conn *c;
	char *text = NULL;
	size_t len, i;
	int rc, ec;

	c = cli_conn(ctx, &ec);
	if (!c)
		return ec;
	rc = cli_read_file(path, &text, &len);
	if (rc) {
		cli_error(path, "%s", strerror(-rc));
		return rc == -EACCES ? CLI_EXIT_SKIP : CLI_EXIT_FAIL;
	}
	/* the engine checks every line first (FILE:LINE), then it is split */
	memset(&whole, 0, sizeof(whole));
	trace_name_of(path, name, sizeof(name));
	rc = trace_load_text(ctx, c, path, text, len, name, &whole, false);
	if (rc)
		goto out;
	trace_drop(c, whole.trace);
	rc = tgroup_split(text, len, &gs, err, sizeof(err));
	if (rc) {
		unsigned int line;
		int skip = 0;

		if (rc == -ENOMEM)
			cli_error(path, "out of memory");
		else if (sscanf(err, "line %u: %n", &line, &skip) == 1 && skip)
			fprintf(stderr, "kmemlab: %s:%u: %s\n", path, line, err + skip);
		else
			cli_error(path, "%s", err);
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	if (caps_load(c, &caps)) {
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	nobj = bc_backends(opts, &caps, false, obj_be);
	npage = bc_backends(opts, &caps, true, page_be);
	if (!nobj && !npage) {
		rc = cli_usage_error(ctx, "--by-cache: no backend of this mode to replay on");
		goto out;
	}
	/* one worker per recorded CPU, as far as there are CPUs */
	if (job_arg(opts, JOB_CPUS)) {
		snprintf(cpus, sizeof(cpus), "%s", job_arg(opts, JOB_CPUS)->text);
		ncpus = 1;
		for (i = 0; cpus[i]; i++)
			ncpus += cpus[i] == ',';
	} else {
		long online = sysconf(_SC_NPROCESSORS_ONLN);
		size_t n = 0;

		ncpus = gs.threads;
		if (online > 0 && ncpus > (unsigned int)online)
			ncpus = (unsigned int)online;
		if (ncpus > KML_RUN_MAX_REPLAY_CPUS)
			ncpus = KML_RUN_MAX_REPLAY_CPUS;
		if (!ncpus)
			ncpus = 1;
		for (i = 0; i < ncpus; i++)
			n += (size_t)snprintf(cpus + n, sizeof(cpus) - n, "%s%zu",
					      i ? "," : "", i);
	}
	order = malloc(gs.n * sizeof(*order));
	if (!order) {
		cli_error(path, "out of memory");
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	for (i = 0; i < gs.n; i++)
		order[i] = &gs.g[i];
	qsort(order, gs.n, sizeof(*order), bc_cmp_ops);
	for (i = 0; i < gs.n; i++) {
		const struct tgroup *g = order[i];

		if (!(g->pages ? npage : nobj)) {
			skipped++;
			continue;
		}
		rc = bc_run_group(ctx, c, path, g, opts, g->pages ? page_be : obj_be,
				  g->pages ? npage : nobj, cpus, tier, &caps, &t);
		if (rc)
			goto out;
	}
	if (ctx->fmt == CLI_FMT_TEXT) {
		size_t npg = 0;

		for (i = 0; i < gs.n; i++)
			npg += gs.g[i].pages;
		fprintf(ctx->out,
			"replay by cache: %s: %llu ops, %zu caches%s, recorded on %u CPUs, replayed on cpus=%s, %llu reps each\n",
			path, (unsigned long long)gs.ops, gs.n - npg,
			npg ? " and the page ops" : "", gs.threads, cpus,
			(unsigned long long)job_arg(opts, JOB_REPS)->num);
	}
	if (bc_totals(&t) || bc_print(ctx, &t, &held_na)) {
		cli_error(ctx->cmd->name, "out of memory");
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	if (ctx->fmt == CLI_FMT_TEXT) {
		fprintf(ctx->out,
			"OPS: ops of the cache replayed (each op once), medians over reps; FAIL: failed allocations; OPS/S: (allocs + frees) per second (TOTAL: their sum over the sum of the caches' elapsed times); PAYLOAD, HELD: peaks (TOTAL: the sum of the caches' peaks, each cache replayed alone); UTIL: PAYLOAD / HELD (docs/metrics.md)\n"
			"Each cache is replayed alone, one after another: the interleaving of ops across caches is not replayed (docs/cli.md, replay --by-cache)\n");
		if (held_na)
			fprintf(ctx->out,
				"HELD n/a: the backend's memory is shared with others (the kernel's kmalloc-N caches, a process-wide heap): what the replay took of it cannot be told apart (docs/metrics.md, Held memory)\n");
		if (gs.threads > ncpus)
			fprintf(ctx->out,
				"recorded on %u CPUs, replayed on %u workers: the op of CPU T runs on worker T mod %u\n",
				gs.threads, ncpus, ncpus);
		if (skipped)
			fprintf(ctx->out,
				"not replayed: %u group%s without a backend of %s family (the page ops need a page allocator in --backend, the caches an object allocator or a heap)\n",
				skipped, skipped > 1 ? "s" : "",
				skipped > 1 ? "their" : "its");
		if (gs.free_nulls)
			fprintf(ctx->out, "%llu 'f -1' ops (free(NULL)) belong to no cache: not replayed\n",
				(unsigned long long)gs.free_nulls);
	}
	{
		size_t nfail = 0, nrow = 0;

		for (i = 0; i < t.n; i++) {
			nrow += !t.rows[i].total;
			nfail += !t.rows[i].total && t.rows[i].failed;
		}
		rc = !nfail ? CLI_EXIT_OK : nfail == nrow ? CLI_EXIT_FAIL :
		     JOB_EXIT_PARTIAL;
	}
out:
	free(order);
	free(t.rows);
	tgroup_free(&gs);
	free(text);
	return job_exit_status(rc);
}
