// SPDX-License-Identifier: GPL-2.0
/*
 * kmemlab bench: the standard comparison suite of 'make bench'. Every
 * table is one engine run with all its backends in the same boot,
 * interleaved over reps (median reported), through the same job code as
 * 'kmemlab run' (lib/job.c, lib/jobrun.c). The suite:
 *
 *   slab fast path     churn pairs 64 B: slab vs kmem_cache vs kmalloc
 *   slab slow path     churn phases 64 B (batches of 256, random frees)
 *   kmalloc size S     churn pairs per size 8..8192: slab kmalloc classes
 *                      vs kmalloc, and the kmalloc-mix size distribution
 *   page order K       pages order=K (0, 3, 9 in their own rows, and a
 *                      0..10 mix): our buddy vs alloc_pages
 *   dentry             long/short-lived mix: slab vs kmem_cache
 *   remote free        alloc on CPU 0, free on CPU 1: slab vs kmem_cache
 *   slab tiers: ...    our slab with tier=freelist, sheaves and magazine
 *                      (instances r*-slab-TIER) and the real kmem_cache:
 *                      LIFO pairs, N allocs then N frees, fork bursts,
 *                      remote free on CPUs 0 and 1, and bulk calls
 *                      of 16 objects against kmem_cache_bulk
 *   trace NAME         the .rep files of traces/ on the heaps, slab and kmalloc
 *   kernel trace NAME  the kernel recordings of traces/kernel, by cache
 *                      (replay --by-cache: our slab, kmem_cache and kmalloc
 *                      per cache, pages on buddy and alloc_pages)
 *
 * With --aa an A/A table comes first (slab against a second slab: the
 * ratios and intervals of a backend against itself, the noise floor).
 *
 * Outputs: the tables on stdout, DIR/results.json (every row, with
 * "group"), DIR/results.csv (every rep), DIR/report.html and
 * DIR/summary.txt (the headline ratios). In sim mode the kernel's
 * allocators do not exist: kmalloc is replaced by glibc when available,
 * the others are left out.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "conn.h"
#include "job.h"
#include "bycache.h"
#include "jobrun.h"
#include "report_html.h"
#include "results.h"
#include "certainty.h"
#include "runparse.h"
#include "runprint.h"
#include "runresults.h"

enum { B_OUT = 'o', B_QUICK = 400, B_REPS, B_TRACES, B_ONLY, B_AA };

const struct cli_opt bench_opts[] = {
	{ "output", B_OUT, "DIR", "output directory (default results/bench-<time>)" },
	{ "out", CLI_LONG_ONLY(B_OUT), "DIR", "the same as --output (its older name)" },
	{ "quick", B_QUICK, NULL, "fewer operations (about a minute under TCG)" },
	{ "reps", B_REPS, "N", "repetitions per table (default 5)" },
	{ "traces", B_TRACES, "DIR", "trace directory (default traces)" },
	{ "only", B_ONLY, "WORD", "only the tables whose title contains WORD" },
	{ "aa", B_AA, NULL, "add an A/A table first: slab against a second slab (noise floor)" },
	{ NULL, 0, NULL, NULL },
};

/* A headline ratio for summary.txt and docs/BENCHMARKS.md. */
struct headline {
	char text[256];
};

struct bench {
	struct cli_ctx *ctx;
	struct conn *c;
	bool quick;
	bool aa;		/* --aa: the A/A table first */
	unsigned int reps;
	const char *only;
	char backends[1024];	/* the engine's backends view */
	bool sim;
	struct results rs;
	FILE *csv;
	bool csv_header;
	unsigned int failed, ran;
	struct headline head[64];
	unsigned int nhead;
	unsigned int nhead_lost;	/* lines past head[]: said, not hidden */
};

static bool have_backend(const struct bench *b, const char *name)
{
	const char *p = b->backends;
	size_t n = strlen(name);

	while (p && *p) {
		if (!strncmp(p, name, n) && p[n] == ' ')
			return true;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return false;
}

/* Add the backends of @list that exist (kmalloc -> glibc in sim mode). */
static void add_backends(const struct bench *b, struct job *j, const char *list)
{
	char buf[256], *save = NULL, *tok;

	snprintf(buf, sizeof(buf), "%s", list);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const char *name = tok;

		if (!have_backend(b, name) && b->sim && !strcmp(name, "kmalloc"))
			name = "glibc";
		if (have_backend(b, name) && j->nbe < JOB_MAX_BE)
			job_add_backends(j, name, false);
	}
}

/* Our slab once per per-CPU tier (create's tier=), then @others. */
static void add_slab_tiers(const struct bench *b, struct job *j,
			   const char *others)
{
	static const char * const tiers[] = { "freelist", "sheaves", "magazine" };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		unsigned int n = j->nbe;

		add_backends(b, j, "slab");
		if (j->nbe == n)
			break;
		snprintf(j->be[n].args, sizeof(j->be[n].args), "tier=%s", tiers[i]);
		snprintf(j->be[n].tag, sizeof(j->be[n].tag), "slab-%s", tiers[i]);
	}
	add_backends(b, j, others);
}

static void headline_add(struct bench *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void headline_add(struct bench *b, const char *fmt, ...)
{
	va_list ap;

	if (b->nhead == sizeof(b->head) / sizeof(b->head[0])) {
		b->nhead_lost++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->head[b->nhead++].text, sizeof(b->head[0].text), fmt, ap);
	va_end(ap);
}

/* The row of @backend in @rows, or NULL. */
static const struct cmp_row *row_of(const struct cmp_row *rows, unsigned int n,
				    const char *backend)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(rows[i].backend, backend))
			return &rows[i];
	return NULL;
}

/*
 * The interval of ours/real for the headline: ours is the first row, so
 * ours/real is 1 / (real's ratio against the first), and a percentile
 * interval maps through 1/x: [1/hi, 1/lo]. With @inverse (time per op =
 * real ops/s / ours) it is real's interval as it is. "" when ours is not
 * the first row.
 */
static void headline_ci(char *buf, size_t size, const struct cmp_row *rows,
			const struct cmp_row *r, unsigned int k, bool inverse)
{
	const struct cert_ratio *c = &r->vs[k];

	buf[0] = '\0';
	if (r == rows || !r->has_ratio[k])
		return;
	if (!c->has_ci)
		snprintf(buf, size, " [n/a]");
	else if (inverse)
		snprintf(buf, size, " [%.2f,%.2f]%s", c->lo, c->hi, c->no_diff ? " ~" : "");
	else
		snprintf(buf, size, " [%.2f,%.2f]%s", c->hi > 0 ? 1 / c->hi : 0,
			 c->lo > 0 ? 1 / c->lo : 0, c->no_diff ? " ~" : "");
}

/* Held peak of @inst per rep index: NAN where missing or n/a. */
static void held_per_rep(const struct run_reply *rr, const char *inst,
			 double *v)
{
	size_t j;
	unsigned int k;

	for (k = 0; k < rr->reps; k++)
		v[k] = NAN;
	for (j = 0; j < rr->ncells; j++)
		if (!strcmp(rr->cells[j].instance, inst) && rr->cells[j].held_peak >= 0)
			v[rr->cells[j].rep] = (double)rr->cells[j].held_peak;
}

/* A percentage of the headline, or "n/a". */
static const char *pct_text(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "n/a");
	else
		snprintf(buf, size, "%.1f %%", v);
	return buf;
}

/*
 * The memory line of a comparison: held ours/real with its paired
 * interval, utilization and external fragmentation (mean over the run) of
 * both sides; n/a where a figure cannot be known (docs/metrics.md).
 */
static void headline_memory(struct bench *b, const char *title,
			    const struct run_reply *rr, const struct cmp_row *o,
			    const struct cmp_row *r, const char *ours,
			    const char *real)
{
	double *x = calloc(rr->reps + 1, sizeof(double));
	double *ref = calloc(rr->reps + 1, sizeof(double));
	char held[64], uo[16], ur[16], eo[16], er[16];
	struct cert_ratio c = { 0 };

	if (!x || !ref)
		goto out;
	held_per_rep(rr, o->instance, x);
	held_per_rep(rr, r->instance, ref);
	if (isnan(o->held_kib.med) || isnan(r->held_kib.med) ||
	    cert_ratio_boot(x, ref, rr->reps, &c) || !c.ratio)
		snprintf(held, sizeof(held), "n/a");
	else if (c.has_ci)
		snprintf(held, sizeof(held), "%.2fx [%.2f,%.2f]%s", c.ratio, c.lo,
			 c.hi, c.no_diff ? " ~" : "");
	else
		snprintf(held, sizeof(held), "%.2fx [n/a]", c.ratio);
	headline_add(b, "%-34s %s/%s: held peak %s; utilization %s vs %s; "
		     "ext. frag. mean %s vs %s", title, ours, real, held,
		     pct_text(uo, sizeof(uo), o->util_pct.med),
		     pct_text(ur, sizeof(ur), r->util_pct.med),
		     pct_text(eo, sizeof(eo), o->ext_mean_pct.med),
		     pct_text(er, sizeof(er), r->ext_mean_pct.med));
	if (o->has_pool && r->has_pool)
		headline_add(b, "%-34s %s/%s: unusable index at order %u, peak %.3f vs "
			     "%.3f; pools: %s %.1f MiB (%s) vs %s %.1f MiB (%s)",
			     title, ours, real, o->buddy_order,
			     o->unusable_peak.med, r->unusable_peak.med, o->pool,
			     o->pool_pages * 4096.0 / (1 << 20),
			     o->pool_shared ? "zone, shared" : "own",
			     r->pool, r->pool_pages * 4096.0 / (1 << 20),
			     r->pool_shared ? "zone, shared" : "own");
out:
	free(x);
	free(ref);
}

/* Ours against the real one, for the summary (ratios of medians, with
 * their intervals when ours is the first row of the table). */
static void headline_pair(struct bench *b, const char *title,
			  const struct run_reply *rr, const struct cmp_row *rows,
			  const char *ours, const char *real)
{
	const struct cmp_row *o = row_of(rows, rr->ninst, ours);
	const struct cmp_row *r = row_of(rows, rr->ninst, real);
	char ca[40] = "", cm[40] = "", co[40] = "";
	const char *cf = "";	/* free mean: no interval is computed */

	if (!o || !r)
		return;
	if (o == rows) {	/* else no paired interval: print none */
		headline_ci(ca, sizeof(ca), rows, r, CMP_R_ALLOC_P50, false);
		headline_ci(cm, sizeof(cm), rows, r, CMP_R_ALLOC_MEAN, false);
		headline_ci(co, sizeof(co), rows, r, CMP_R_OPS, true);
	}
	if (rr->timing_op && r->alloc[LAT_P50].med > 0 && r->alloc[LAT_MEAN].med > 0 &&
	    r->free[LAT_MEAN].med > 0 && o->ops_per_sec.med > 0)
		headline_add(b, "%-34s %s/%s: alloc p50 %.2fx%s, alloc mean %.2fx%s, "
			     "free mean %.2fx%s, time per op %.2fx%s (ops/s inverse)%s",
			     title, ours, real,
			     o->alloc[LAT_P50].med / r->alloc[LAT_P50].med, ca,
			     o->alloc[LAT_MEAN].med / r->alloc[LAT_MEAN].med, cm,
			     o->free[LAT_MEAN].med / r->free[LAT_MEAN].med, cf,
			     r->ops_per_sec.med / o->ops_per_sec.med, co,
			     o->spread_high || r->spread_high ? "; spread above 20 %" : "");
	else if (o->ops_per_sec.med > 0)
		headline_add(b, "%-34s %s/%s: time per op %.2fx%s (ops/s inverse)%s",
			     title, ours, real, r->ops_per_sec.med / o->ops_per_sec.med, co,
			     o->spread_high || r->spread_high ? "; spread above 20 %" : "");
	headline_memory(b, title, rr, o, r, ours, real);
}

/* Run one table; failures are reported and counted, the suite goes on. */
static void bench_job(struct bench *b, struct job *j, const char *ours,
		      const char *real)
{
	struct run_reply rr;
	struct cmp_row *rows = NULL;
	char **lat = NULL;
	int rc;

	if (job_signalled())
		return;		/* stopped by a signal: the rest is skipped */
	if (b->only && !strstr(j->title, b->only))
		return;
	if (!j->nbe) {
		fprintf(b->ctx->out, "\n== %s ==\nskipped: none of its backends exists "
			"here\n", j->title);
		return;
	}
	if (j->zero < 0)
		j->zero = -1;
	b->ran++;
	rc = job_exec(b->ctx, b->c, j, &rr, &lat);
	if (rc) {
		b->failed++;
		fprintf(b->ctx->out, "\n== %s ==\nFAILED (exit %d): see the message "
			"above\n", j->title, rc);
		if (job_signalled())
			b->failed += 1000;	/* Ctrl-C: stop the suite */
		return;
	}
	if (runreply_compare(&rr, &rows) < 0) {
		b->failed++;
		goto out;
	}
	job_context(j, &rr, &b->rs);
	if (b->ran == 1)
		job_print_context(b->ctx->out, &b->rs);
	job_results(j, &rr, rows, lat, &b->rs);
	job_print(b->ctx->out, j, &rr, rows, !strcmp(j->workload, "replay"));
	if (job_nfailed(j))
		b->failed++;	/* its FAILED rows are in the table */
	fflush(b->ctx->out);
	if (b->csv) {
		job_csv(b->csv, j, &rr, rows, !b->csv_header);
		b->csv_header = true;
	}
	if (ours && real)
		headline_pair(b, j->title, &rr, rows, ours, real);
out:
	free(rows);
	job_free_lat(lat, rr.ninst);
	runreply_free(&rr);
}

/* A numeric run key of a table. */
struct bench_key {
	enum job_key key;
	uint64_t val;		/* a number, or the index of a word */
};

/* The keys of a table, as a list ending in JOB_KEY_NR. */
#define BENCH_KEYS(...) \
	((const struct bench_key[]){ __VA_ARGS__, { JOB_KEY_NR, 0 } })

static void job_init(struct job *j, const char *title, const char *workload,
		     const struct bench_key *keys)
{
	memset(j, 0, sizeof(*j));
	j->zero = -1;
	snprintf(j->title, sizeof(j->title), "%s", title);
	snprintf(j->workload, sizeof(j->workload), "%s", workload);
	for (; keys->key != JOB_KEY_NR; keys++)
		job_set_num(j, keys->key, keys->val);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void bench_traces(struct bench *b, const char *dir)
{
	struct dirent *de;
	char *names[64];
	unsigned int n = 0, i;
	DIR *d = opendir(dir);

	if (!d) {
		fprintf(b->ctx->out, "\n== traces ==\nskipped: %s: %s\n", dir, strerror(errno));
		return;
	}
	while ((de = readdir(d)) && n < 64) {
		size_t l = strlen(de->d_name);

		/* .rep, and the native traces recorded from real programs */
		if ((l > 4 && !strcmp(de->d_name + l - 4, ".rep")) ||
		    (l > 6 && !strcmp(de->d_name + l - 6, ".trace")))
			names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), name_cmp);
	for (i = 0; i < n; i++) {
		struct job j;
		char path[4096], tname[32];
		int rc;

		if (!names[i] || job_signalled()) {
			free(names[i]);
			continue;
		}
		job_init(&j, "", "replay", BENCH_KEYS({ JOB_REPS, b->reps }));
		snprintf(j.title, sizeof(j.title), "trace %.50s", names[i]);
		if (b->only && !strstr(j.title, b->only)) {
			free(names[i]);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		trace_name_of(names[i], tname, sizeof(tname));
		rc = trace_load_file(b->ctx, b->c, path, tname, &j);
		if (rc) {
			b->failed++;
			free(names[i]);
			continue;
		}
		job_set_text(&j, JOB_TRACE, j.trace);
		add_backends(b, &j, "slab,kmalloc,first-fit,next-fit,best-fit,worst-fit,"
			     "segregated");
		bench_job(b, &j, NULL, NULL);
		trace_drop(b->c, j.trace);
		free(names[i]);
	}
}

/*
 * The kernel recordings of DIR/kernel, each replayed by cache: one table
 * each (its own, printed by bycache.c; not in results.json).
 */
static void bench_kernel_traces(struct bench *b, const char *dir)
{
	char path[4096], title[96], *names[16];
	unsigned int n = 0, i;
	struct dirent *de;
	struct job j;
	DIR *d;

	snprintf(path, sizeof(path), "%s/kernel", dir);
	d = opendir(path);
	if (!d)
		return;		/* none bundled */
	while ((de = readdir(d)) && n < 16) {
		size_t l = strlen(de->d_name);

		if (l > 6 && !strcmp(de->d_name + l - 6, ".trace"))
			names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), name_cmp);
	for (i = 0; i < n; i++) {
		int rc;

		snprintf(title, sizeof(title), "kernel trace %.50s by cache",
			 names[i] ? names[i] : "?");
		if (!names[i] || job_signalled() ||
		    (b->only && !strstr(title, b->only))) {
			free(names[i]);
			continue;
		}
		job_init(&j, title, "replay", BENCH_KEYS({ JOB_REPS, b->reps }));
		snprintf(path, sizeof(path), "%s/kernel/%s", dir, names[i]);
		fprintf(b->ctx->out, "\n== %s ==\n", title);
		fflush(b->ctx->out);
		b->ran++;
		rc = replay_by_cache(b->ctx, path, &j, NULL);
		if (rc) {
			b->failed++;
			fprintf(b->ctx->out, "FAILED (exit %d)%s\n", rc,
				rc == JOB_EXIT_PARTIAL ? ": see its FAILED rows" :
				": see the message above");
		}
		fflush(b->ctx->out);
		free(names[i]);
	}
}

static void bench_suite(struct bench *b, const char *traces)
{
	static const unsigned int sizes[] = { 8, 32, 128, 512, 2048, 8192 };
	static const unsigned int qsizes[] = { 8, 512, 8192 };
	static const unsigned int orders[] = { 0, 3, 9 };
	unsigned long long ops = b->quick ? 5000 : 60000;
	unsigned int i, r = b->reps;
	char title[64];
	struct job j;

	if (b->aa) {
		job_init(&j, "A/A noise floor: churn pairs 64 B, slab twice", "churn",
			 BENCH_KEYS({ JOB_SIZE, 64 }, { JOB_MODE, JOB_MODE_PAIRS },
				    { JOB_OPS, ops }, { JOB_REPS, r }));
		add_backends(b, &j, "slab");
		if (j.nbe)
			job_add_aa(&j);
		bench_job(b, &j, NULL, NULL);
	}
	job_init(&j, "slab fast path: churn pairs 64 B", "churn",
		 BENCH_KEYS({ JOB_SIZE, 64 }, { JOB_MODE, JOB_MODE_PAIRS },
			    { JOB_OPS, ops }, { JOB_REPS, r }));
	add_backends(b, &j, "slab,kmem_cache,kmalloc");
	bench_job(b, &j, "slab", "kmem_cache");

	job_init(&j, "slab slow path: churn phases 64 B", "churn",
		 BENCH_KEYS({ JOB_SIZE, 64 }, { JOB_MODE, JOB_MODE_PHASES },
			    { JOB_BATCH, 256 }, { JOB_FREE_ORDER, JOB_FREE_RANDOM },
			    { JOB_OPS, ops }, { JOB_REPS, r }));
	add_backends(b, &j, "slab,kmem_cache,kmalloc");
	bench_job(b, &j, "slab", "kmem_cache");

	for (i = 0; i < (b->quick ? 3u : 6u); i++) {
		unsigned int s = b->quick ? qsizes[i] : sizes[i];

		snprintf(title, sizeof(title), "kmalloc size %u B: churn pairs", s);
		job_init(&j, title, "churn",
			 BENCH_KEYS({ JOB_SIZE, s }, { JOB_MODE, JOB_MODE_PAIRS },
				    { JOB_OPS, ops / 2 }, { JOB_REPS, r }));
		j.classes = true;
		add_backends(b, &j, "slab,kmalloc");
		bench_job(b, &j, "slab", "kmalloc");
	}
	job_init(&j, "kmalloc-mix sizes 8..8192", "sizes",
		 BENCH_KEYS({ JOB_DIST, JOB_DIST_KMALLOC_MIX }, { JOB_OPS, ops },
			    { JOB_REPS, r }));
	add_backends(b, &j, "slab,kmalloc");
	bench_job(b, &j, "slab", "kmalloc");

	for (i = 0; i < 3; i++) {
		unsigned int o = orders[i];
		unsigned long long pops = o >= 9 ? (b->quick ? 40 : 400) :
			o >= 3 ? ops / 4 : ops / 2;

		snprintf(title, sizeof(title), "page order %u", o);
		job_init(&j, title, "pages",
			 BENCH_KEYS({ JOB_ORDER, o }, { JOB_MAXORDER, o },
				    { JOB_BATCH, o >= 9 ? 8 : 64 }, { JOB_OPS, pops },
				    { JOB_REPS, r }));
		add_backends(b, &j, "buddy,alloc_pages");
		bench_job(b, &j, "buddy", "alloc_pages");
	}
	job_init(&j, "page orders 0..10 mix", "pages",
		 BENCH_KEYS({ JOB_ORDER, 0 }, { JOB_MAXORDER, 10 }, { JOB_BATCH, 16 },
			    { JOB_OPS, ops / 10 }, { JOB_REPS, r }));
	add_backends(b, &j, "buddy,alloc_pages");
	bench_job(b, &j, "buddy", "alloc_pages");

	job_init(&j, "dentry-style fragmentation", "dentry",
		 BENCH_KEYS({ JOB_SIZE, 192 }, { JOB_BATCH, 1024 }, { JOB_OPS, ops },
			    { JOB_REPS, r }));
	add_backends(b, &j, "slab,kmem_cache");
	bench_job(b, &j, "slab", "kmem_cache");

	job_init(&j, "remote free: alloc CPU 0, free CPU 1", "remote",
		 BENCH_KEYS({ JOB_SIZE, 64 }));
	job_set_text(&j, JOB_CPUS, "0,1");
	job_set_num(&j, JOB_OPS, ops);
	job_set_num(&j, JOB_REPS, r);
	add_backends(b, &j, "slab,kmem_cache");
	bench_job(b, &j, "slab", "kmem_cache");

	/* The per-CPU tiers of our slab side by side (docs/BENCHMARKS.md). */
	job_init(&j, "slab tiers: LIFO pairs 64 B", "churn",
		 BENCH_KEYS({ JOB_SIZE, 64 }, { JOB_MODE, JOB_MODE_PAIRS },
			    { JOB_OPS, ops }, { JOB_REPS, r }));
	add_slab_tiers(b, &j, "kmem_cache");
	bench_job(b, &j, "slab", "kmem_cache");

	job_init(&j, "slab tiers: 1024 allocs then 1024 frees 64 B", "churn",
		 BENCH_KEYS({ JOB_SIZE, 64 }, { JOB_MODE, JOB_MODE_PHASES },
			    { JOB_BATCH, 1024 }, { JOB_FREE_ORDER, JOB_FREE_RANDOM },
			    { JOB_OPS, ops }, { JOB_REPS, r }));
	add_slab_tiers(b, &j, "kmem_cache");
	bench_job(b, &j, "slab", "kmem_cache");

	/* task_struct at 8192 B: the largest kmalloc class (burst's 9792 is not) */
	job_init(&j, "slab tiers: fork bursts, kmalloc classes", "burst",
		 BENCH_KEYS({ JOB_SIZE, 8192 }, { JOB_OPS, ops / 2 }, { JOB_REPS, r }));
	j.classes = true;
	add_slab_tiers(b, &j, "kmalloc");
	bench_job(b, &j, "slab", "kmalloc");

	job_init(&j, "slab tiers: remote free CPU 0 -> CPU 1", "remote",
		 BENCH_KEYS({ JOB_SIZE, 64 }));
	job_set_text(&j, JOB_CPUS, "0,1");
	job_set_num(&j, JOB_OPS, ops);
	job_set_num(&j, JOB_REPS, r);
	add_slab_tiers(b, &j, "kmem_cache");
	bench_job(b, &j, "slab", "kmem_cache");

	/* bulk: kmem_cache_alloc_bulk()/free_bulk() of 16 objects a call */
	job_init(&j, "slab tiers: bulk 16 x 64 B", "bulk",
		 BENCH_KEYS({ JOB_SIZE, 64 }, { JOB_BATCH, 16 }, { JOB_OPS, ops },
			    { JOB_REPS, r }));
	add_slab_tiers(b, &j, "kmem_cache_bulk");
	bench_job(b, &j, "slab", "kmem_cache_bulk");

	bench_traces(b, traces);
	bench_kernel_traces(b, traces);
}

int cmd_bench(struct cli_ctx *ctx, int argc, char **argv)
{
	struct bench b = { .ctx = ctx, .reps = 5 };
	const char *arg, *out = NULL, *traces = "traces";
	char defout[64], path[4096];
	uint64_t v;
	size_t len;
	char *text;
	int ch, ec, rc;
	unsigned int i;
	FILE *f;

	while ((ch = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		switch (ch) {
		case 'h':
			return CLI_EXIT_OK;
		case B_OUT:
			out = arg;
			break;
		case B_QUICK:
			b.quick = true;
			break;
		case B_REPS:
			if (parse_u64("--reps", arg, 1, 100, &v))
				return CLI_EXIT_USAGE;
			b.reps = (unsigned int)v;
			break;
		case B_TRACES:
			traces = arg;
			break;
		case B_ONLY:
			b.only = arg;
			break;
		case B_AA:
			b.aa = true;
			break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (!out) {
		time_t t = time(NULL);
		struct tm tm;

		localtime_r(&t, &tm);
		strftime(defout, sizeof(defout), "results/bench-%Y%m%d-%H%M%S", &tm);
		mkdir("results", 0755);
		out = defout;
	}
	if (mkdir(out, 0755) && errno != EEXIST) {
		cli_error(out, "%s", strerror(errno));
		return CLI_EXIT_FAIL;
	}
	b.c = cli_conn(ctx, &ec);
	if (!b.c)
		return ec;
	b.sim = !strcmp(b.c->mode, "sim");
	if (conn_view(b.c, NULL, "backends", &text, &len) == 0) {
		snprintf(b.backends, sizeof(b.backends), "%s", text);
		free(text);
	}
	snprintf(path, sizeof(path), "%s/results.csv", out);
	b.csv = fopen(path, "w");
	bench_suite(&b, traces);
	if (b.csv)
		fclose(b.csv);
	rc = b.rs.nr ? results_save(out, &b.rs, "kmemlab bench") : CLI_EXIT_FAIL;
	snprintf(path, sizeof(path), "%s/summary.txt", out);
	f = fopen(path, "w");
	fprintf(ctx->out, "\n== headline ratios (ours / real, medians of %u interleaved "
		"reps [95%% interval, paired bootstrap; ~: includes 1, no difference "
		"shown]; < 1 is faster; %s) ==\n", b.reps,
		getenv("KMEMLAB_ACCEL") && !strcmp(getenv("KMEMLAB_ACCEL"), "tcg") ?
		"TCG: emulated timings, compare ratios only" : "same boot");
	for (i = 0; i < b.nhead; i++) {
		fprintf(ctx->out, "%s\n", b.head[i].text);
		if (f)
			fprintf(f, "%s\n", b.head[i].text);
	}
	if (b.nhead_lost)
		fprintf(ctx->out, "(%u more headline lines did not fit; the tables above "
			"have them)\n", b.nhead_lost);
	if (f)
		fclose(f);
	fprintf(ctx->out, "\nkmemlab: bench: %u tables, %u failed; results in %s "
		"(results.json, results.csv, report.html, summary.txt)\n", b.ran,
		b.failed > 1000 ? b.failed - 1000 : b.failed, out);
	results_free(&b.rs);
	if (job_signalled())
		cli_error("bench", "stopped by signal %d: the tables after it were "
			  "skipped", job_signalled());
	if (b.failed >= 1000)
		return JOB_EXIT_INTR;
	return rc ? rc : b.failed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
