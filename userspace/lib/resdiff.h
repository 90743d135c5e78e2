/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Comparing two results folders ('kmemlab diff OLD NEW'): loading and
 * checking each DIR/results.json, matching rows by (group, workload,
 * backend), and per figure the medians, their ratio NEW/OLD with the
 * unpaired bootstrap interval (certainty.h) and a verdict; the context
 * lines that differ and those that make the comparison unfair. Printing
 * is in resdiff_print.c.
 */
#ifndef KMEMLAB_RESDIFF_H
#define KMEMLAB_RESDIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "certainty.h"
#include "results.h"

/* One compared figure: what it is read from and which way is better. */
struct rd_figure {
	const char *key;	/* JSON "figure": "alloc_p50", ... */
	const char *label;	/* text: "alloc p50" */
	const char *unit;	/* of the JSON values: "ns", "ops/s", "bytes", "%" */
	bool higher_better;	/* ops/s, utilization; else lower is better */
	const char *better;	/* verdict when NEW is better: "faster" */
	const char *worse;	/* and when it is worse: "slower" */
	double (*of_rep)(const struct res_rep *p);	/* NAN: n/a */
	double (*of_row)(const struct result *r);	/* without per_rep */
};

/* The figures, in the order they are printed. */
extern const struct rd_figure rd_figures[];
extern const size_t rd_nfigures;

#define RD_VERDICT_SAME		"no change shown"
#define RD_VERDICT_FEW_REPS	"n/a (needs ≥3 reps)"
#define RD_VERDICT_NA		"n/a"

/* One figure of a matched row. */
struct rd_cell {
	const struct rd_figure *fig;
	double old_med, new_med;	/* medians over reps; NAN: n/a */
	bool has_ratio;			/* false: a median n/a, or OLD's is 0 */
	struct cert_ratio ratio;	/* NEW/OLD and its interval */
	const char *verdict;		/* one of the words above or fig's */
};

/* A matched row (both set) or a row of one side only (the other NULL). */
struct rd_row {
	const struct result *old, *new;
	size_t old_reps, new_reps;	/* per-rep values (1 without them) */
	size_t ncells;			/* figures with a value on a side */
	struct rd_cell *cells;
};

/* A context key whose value differs between the two folders. */
struct rd_ctx {
	const char *key;
	const char *old, *new;		/* "(absent)" when a side lacks it */
	const char *unfair;		/* NULL, or why the comparison is unfair */
};

/* One side: a folder and what its results.json holds. */
struct rd_side {
	const char *dir;
	char path[4096];		/* DIR/results.json */
	char schema[64];		/* its "schema", "" when absent */
	struct results rs;
};

struct resdiff {
	size_t nrows;			/* matched rows, in OLD's order */
	struct rd_row *rows;
	size_t nonly_old, nonly_new;	/* rows of one side only */
	const struct result **only_old, **only_new;
	size_t nctx;			/* context keys that differ */
	struct rd_ctx *ctx;
};

/*
 * resdiff_load() - read and check DIR/results.json into @s
 * @dir: the folder
 * @err: on failure "PATH: why" (the folder or the file it names)
 *
 * A folder that does not exist or is not a directory, no results.json, a
 * file that does not parse, a "schema" that is not one results_read()
 * knows, or a document that does not follow it: -EINVAL.
 * Return: 0, -EINVAL (bad input) or -ENOMEM; @s->rs is empty on failure.
 */
int resdiff_load(const char *dir, struct rd_side *s, char *err, size_t errlen);
void resdiff_side_free(struct rd_side *s);

/*
 * resdiff_compute() - compare @old and @new
 * @only: NULL, or keep only rows whose group, workload or backend holds it
 *
 * Rows match by (group, workload, backend): instance names are ignored;
 * the k-th row of a key in OLD matches the k-th of that key in NEW.
 * Return: 0 or -ENOMEM; free @d with resdiff_free().
 */
int resdiff_compute(const struct rd_side *old, const struct rd_side *new,
		    const char *only, struct resdiff *d);
void resdiff_free(struct resdiff *d);

/* resdiff_print_text() - context, warnings, a table per row, legend. */
void resdiff_print_text(FILE *f, const struct rd_side *old,
			const struct rd_side *new, const struct resdiff *d);
/* resdiff_print_json() - one document (docs/cli.md, "diff"). */
void resdiff_print_json(FILE *f, const struct rd_side *old,
			const struct rd_side *new, const struct resdiff *d);

#endif /* KMEMLAB_RESDIFF_H */
