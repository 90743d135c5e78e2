/* SPDX-License-Identifier: GPL-2.0 */
/* Printing a compared run (runprint.c). */
#ifndef KMEMLAB_RUNPRINT_H
#define KMEMLAB_RUNPRINT_H

#include <stdbool.h>
#include <stdio.h>

#include "job.h"
#include "results.h"
#include "runparse.h"

/* job_print_context() - the context block printed above tables. */
void job_print_context(FILE *f, const struct results *rs);

/* job_print() - the comparison table(s) of one job, as text. */
void job_print(FILE *f, const struct job *j, const struct run_reply *rr,
	       const struct cmp_row *rows, bool replay);

/* job_csv() - one CSV row per instance and rep, then the medians. */
void job_csv(FILE *f, const struct job *j, const struct run_reply *rr,
	     const struct cmp_row *rows, bool header);

/*
 * cmp_valid_word() - the VALID column of @w: "ok", or what is wrong
 * first (BAD, OVERLAP, MISALIGNED, DIFF-OPS, SHORT).
 */
const char *cmp_valid_word(const struct cmp_row *w);

#endif /* KMEMLAB_RUNPRINT_H */
