// SPDX-License-Identifier: GPL-2.0
/*
 * kmemlab run and kmemlab replay: a temporary instance per backend
 * (parameters chosen from the workload: a single cache of the object size
 * for fixed-size workloads, kmalloc classes for size mixes, a pool large
 * enough for page orders and traces), the engine running the workload on
 * all of them interleaved over reps ('run ... on=A,B reps=N': rep r visits
 * them rotated by r), and one row per backend with medians over reps and
 * ratios against the first backend, under the context that makes the
 * numbers reproducible. This file turns the options into a job (job.h);
 * the library runs it (jobrun.c), compares (runparse.c) and prints
 * (runprint.c, runresults.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bycache.h"
#include "caps.h"
#include "cli.h"
#include "commands.h"
#include "conn.h"
#include "job.h"
#include "jobrun.h"
#include "report_html.h"
#include "results.h"
#include "runparse.h"
#include "runprint.h"
#include "runresults.h"

enum {
	O_ON = 300, O_SIZE, O_CPUS, O_SEED, O_DIST, O_MIN, O_MAX, O_ORDER,
	O_MAXORDER, O_FREE_ORDER, O_BATCH, O_SAMPLE, O_ZERO, O_POOL, O_AA,
	O_TIER, O_BY_CACHE,
};

const struct cli_opt run_opts[] = {
	{ "backend", 'b', "LIST", "backends to compare, comma-separated (a temporary instance each); at most " JOB_MAX_BE_TEXT " with --on" },
	{ "on", O_ON, "INST,...", "existing instances to compare (after --backend ones)" },
	{ "ops", 'n', "N", "operations per worker (default below)" },
	{ "size", O_SIZE, "BYTES", "object size (workloads that take size=)" },
	{ "cpus", O_CPUS, "LIST", "CPU ids, one worker each (default 0)" },
	{ "reps", 'r', "N", "repetitions, interleaved across backends (default 5)" },
	{ "seed", O_SEED, "N", "PRNG seed (default 1)" },
	{ "mode", 'm', "MODE", "pairs, phases or batch (throughput only)" },
	{ "dist", O_DIST, "DIST", "size distribution (uniform, pow2 or kmalloc-mix)" },
	{ "min", O_MIN, "BYTES", "smallest size of a distribution" },
	{ "max", O_MAX, "BYTES", "largest size of a distribution" },
	{ "order", O_ORDER, "N", "lowest page order" },
	{ "maxorder", O_MAXORDER, "N", "highest page order" },
	{ "free-order", O_FREE_ORDER, "ORDER", "free order of phases/batch: lifo or random" },
	{ "batch", O_BATCH, "N", "working set / batch size of the workload" },
	{ "sample", O_SAMPLE, "N", "allocations between time-series points" },
	{ "zero", O_ZERO, "on|off", "zero= of the temporaries (default: the kernel's init_on_alloc)" },
	{ "pool", O_POOL, "BYTES", "the same arena for every backend (ours: pool; kernel's: a quota)" },
	{ "aa", O_AA, NULL, "A/A: the first backend twice (A, A'): its ratio is the noise floor" },
	{ "tier", O_TIER, "TIER", "per-CPU tier of the slab temporaries: freelist, sheaves or magazine" },
	{ "output", 'o', "DIR", "also write DIR/results.json, results.csv, report.html" },
	{ "save", CLI_LONG_ONLY('o'), "DIR", "the same as --output (its older name)" },
	{ NULL, 0, NULL, NULL },
};

const struct cli_opt replay_opts[] = {
	{ "backend", 'b', "LIST", "backends to replay on, comma-separated; at most " JOB_MAX_BE_TEXT " with --on" },
	{ "on", O_ON, "INST,...", "existing instances to replay on" },
	{ "ops", 'n', "N", "replay only the first N records" },
	{ "cpus", O_CPUS, "LIST", "CPU ids (at most 4), each replays the whole trace" },
	{ "reps", 'r', "N", "repetitions, interleaved across backends (default 5)" },
	{ "zero", O_ZERO, "on|off", "zero= of the temporaries" },
	{ "pool", O_POOL, "BYTES", "the same arena for every backend (default: ours from the trace)" },
	{ "aa", O_AA, NULL, "A/A: the first backend twice (A, A'): its ratio is the noise floor" },
	{ "tier", O_TIER, "TIER", "per-CPU tier of the slab temporaries: freelist, sheaves or magazine" },
	{ "output", 'o', "DIR", "also write DIR/results.json, results.csv, report.html" },
	{ "save", CLI_LONG_ONLY('o'), "DIR", "the same as --output (its older name)" },
	{ "by-cache", O_BY_CACHE, NULL, "a kernel recording: each cache's ops on a cache of its size (ours, real) and kmalloc, pages on buddy and alloc_pages" },
	{ NULL, 0, NULL, NULL },
};

struct run_args {
	struct job job;
	const char *save;
	const char *tier;	/* --tier: tier= of the slab temporaries */
	bool aa;		/* --aa: applied once every backend is known */
};

/* --tier: tier=NAME on every temporary slab backend; Return: 0 or -1. */
static int tier_apply(struct run_args *a)
{
	struct job *j = &a->job;
	unsigned int i, n = 0;

	if (!a->tier)
		return 0;
	for (i = 0; i < j->nbe; i++) {
		if (!j->be[i].temp || strcmp(j->be[i].backend, "slab"))
			continue;
		snprintf(j->be[i].args, sizeof(j->be[i].args), "tier=%s", a->tier);
		n++;
	}
	if (!n) {
		cli_error("--tier", "no slab in --backend (the tier is our slab's)");
		return -1;
	}
	return 0;
}

/*
 * A numeric option for run key @key, within the bounds the engine enforces
 * (its workloads view), so that the message states the range as it is.
 */
static int num_opt(struct job *j, const char *opt, enum job_key key,
		   const char *val)
{
	static struct caps wl;
	static bool loaded;
	const struct caps_key *k;
	uint64_t v, min = 0, max = job_keys[key].max;

	if (!loaded && !caps_local_workloads(&wl))
		loaded = true;
	k = loaded ? caps_key(&wl, job_keys[key].name) : NULL;
	if (k && !strcmp(k->type, "num")) {
		min = k->min;
		if (k->max < max)
			max = k->max;
	}
	if (parse_u64(opt, val, min, max, &v))
		return -1;
	return job_set_num(j, key, v);
}

/* An option whose value is one of the words of run key @key. */
static int word_opt(struct job *j, const char *opt, enum job_key key,
		    const char *val)
{
	const char *const *words = job_keys[key].words;
	char list[128];
	size_t n = 0;
	int w = job_word(key, val), i;

	if (w < 0) {
		list[0] = '\0';
		for (i = 0; words[i] && n < sizeof(list); i++)
			n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s",
					      i ? ", " : "", words[i]);
		cli_error(opt, "'%s' is not one of %s", val, list);
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
	case O_AA:
		a->aa = true;
		return 1;
	case O_TIER:
		if (strcmp(arg, "freelist") && strcmp(arg, "sheaves") &&
		    strcmp(arg, "magazine")) {
			cli_error("--tier", "'%s': expected freelist, sheaves or magazine", arg);
			return -1;
		}
		a->tier = arg;
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

void run_help_workloads(FILE *f)
{
	static struct caps c;
	unsigned int i, k;

	if (caps_local_workloads(&c))
		return;
	fprintf(f, "\nWorkloads (each takes --ops, --cpus, --reps, --seed, --mode, --sample;\n"
		"--ops default %llu):\n", (unsigned long long)c.default_ops);
	for (i = 0; i < c.nwl; i++) {
		const struct caps_workload *w = &c.wl[i];

		if (caps_has(w->keys, "trace"))
			continue;	/* kmemlab replay */
		fprintf(f, "  %-8s %s\n           keys: %s", w->name, w->desc,
			w->keys);
		if (caps_has(w->keys, "size"))
			fprintf(f, "; size %llu B", (unsigned long long)w->size);
		if (caps_has(w->keys, "batch"))
			fprintf(f, "; batch %llu (at most %llu)",
				(unsigned long long)w->batch,
				(unsigned long long)w->batch_max);
		if (w->workers > 1)
			fprintf(f, "; %u CPUs", w->workers);
		fprintf(f, "\n");
	}
	fprintf(f, "\nKey bounds and the engine's defaults (an option's own default above\n"
		"comes first):\n");
	for (k = 0; k < c.nkey; k++) {
		const struct caps_key *key = &c.key[k];

		if (strcmp(key->type, "num") && strcmp(key->type, "enum"))
			continue;
		fprintf(f, "  %-10s", key->name);
		if (!strcmp(key->type, "num"))
			fprintf(f, " %llu..%llu", (unsigned long long)key->min,
				(unsigned long long)key->max);
		if (key->has_def && !strcmp(key->type, "enum"))
			fprintf(f, " default %s", key->def_word);
		else if (key->has_def)
			fprintf(f, " default %llu", (unsigned long long)key->def);
		fprintf(f, "\n");
	}
}

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
	static struct caps wl;
	const struct caps_workload *w;
	struct run_args a = { 0 };
	struct run_reply rr;
	const char *arg;
	char **lat = NULL, names[160];
	struct conn *c;
	int ch, rc, ec;

	a.job.zero = -1;
	while ((ch = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		if (ch == 'h')
			return CLI_EXIT_OK;
		if (ch == '?' || run_opt(&a, ch, arg))
			return CLI_EXIT_USAGE;
	}
	if (caps_local_workloads(&wl))
		return CLI_EXIT_FAIL;
	caps_workload_names(&wl, false, names, sizeof(names));
	if (optind >= argc)
		return cli_usage_error(ctx, "which workload? (%s)", names);
	if (argc - optind > 1)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind + 1]);
	w = caps_workload(&wl, argv[optind]);
	if (!w || caps_has(w->keys, "trace"))
		return cli_usage_error(ctx, "unknown workload '%s' (%s; traces: kmemlab replay)",
				       argv[optind], names);
	snprintf(a.job.workload, sizeof(a.job.workload), "%s", argv[optind]);
	if (a.job.nbe && tier_apply(&a))
		return CLI_EXIT_USAGE;
	if (a.aa && job_add_aa(&a.job))
		return CLI_EXIT_USAGE;
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
	if (!rc && job_nfailed(&a.job))
		rc = JOB_EXIT_PARTIAL;
	job_free_lat(lat, rr.ninst);
	runreply_free(&rr);
	return rc;
}

/* The name of the engine's one workload that takes a trace, in @j. */
static int replay_workload(struct cli_ctx *ctx, struct job *j)
{
	static struct caps wl;

	if (caps_local_workloads(&wl))
		return CLI_EXIT_FAIL;
	caps_workload_names(&wl, true, j->workload, sizeof(j->workload));
	if (!j->workload[0] || strchr(j->workload, '|')) {
		cli_error(ctx->cmd->name, "the engine has no single trace workload");
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}

/* replay --by-cache: the options it takes, then bycache.c. */
static int replay_cache(struct cli_ctx *ctx, struct run_args *a,
			const char *path)
{
	unsigned int i;
	int rc;

	for (i = 0; i < a->job.nbe; i++)
		if (!a->job.be[i].temp)
			return cli_usage_error(ctx, "--by-cache: not with --on (each cache gets temporaries of its size)");
	if (a->aa || a->save || job_arg(&a->job, JOB_OPS))
		return cli_usage_error(ctx, "--by-cache: not with %s",
				       a->aa ? "--aa" : a->save ? "--output" : "--ops");
	/* as without --by-cache: a --tier needs a slab among the backends */
	if (a->tier && a->job.nbe && tier_apply(a))
		return CLI_EXIT_USAGE;
	if (!job_arg(&a->job, JOB_REPS) && job_set_num(&a->job, JOB_REPS, 5))
		return CLI_EXIT_USAGE;
	rc = replay_workload(ctx, &a->job);
	if (rc)
		return rc;
	return replay_by_cache(ctx, path, &a->job, a->tier);
}

int cmd_replay(struct cli_ctx *ctx, int argc, char **argv)
{
	struct run_args a = { 0 };
	struct run_reply rr;
	const char *arg;
	char **lat = NULL, name[32];
	bool by_cache = false;
	struct conn *c;
	int ch, rc, ec;

	a.job.zero = -1;
	while ((ch = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		int r;

		if (ch == 'h')
			return CLI_EXIT_OK;
		if (ch == O_BY_CACHE) {
			by_cache = true;
			continue;
		}
		r = ch == '?' ? -1 : common_opt(&a, ch, arg);
		if (r <= 0)
			return CLI_EXIT_USAGE;
	}
	if (optind >= argc)
		return cli_usage_error(ctx, "which trace file?");
	if (argc - optind > 1)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind + 1]);
	if (by_cache)
		return replay_cache(ctx, &a, argv[optind]);
	if (a.job.nbe && tier_apply(&a))
		return CLI_EXIT_USAGE;
	if (a.aa && job_add_aa(&a.job))
		return CLI_EXIT_USAGE;
	if (!a.job.nbe)
		return cli_usage_error(ctx, "no backend (--backend LIST or --on INSTANCES)");
	if (!job_arg(&a.job, JOB_REPS) && job_set_num(&a.job, JOB_REPS, 5))
		return CLI_EXIT_USAGE;
	/* the engine's workload that takes a trace */
	rc = replay_workload(ctx, &a.job);
	if (rc)
		return rc;
	c = cli_conn(ctx, &ec);
	if (!c)
		return ec;
	/* named for the file, so that results and report say which one ran */
	trace_name_of(argv[optind], name, sizeof(name));
	rc = trace_load_file(ctx, c, argv[optind], name, &a.job);
	if (rc)
		return rc;
	/* the name it got (another when the file's name was taken) */
	job_set_text(&a.job, JOB_TRACE, a.job.trace);
	rc = job_exec(ctx, c, &a.job, &rr, &lat);
	if (!rc) {
		rc = job_output(ctx, &a.job, &rr, lat, a.save, true);
		if (!rc && job_nfailed(&a.job))
			rc = JOB_EXIT_PARTIAL;
		job_free_lat(lat, rr.ninst);
		runreply_free(&rr);
	}
	trace_drop(c, a.job.trace);
	return rc;
}
