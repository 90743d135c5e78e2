/* SPDX-License-Identifier: GPL-2.0 */
/* The HTML report of results, and a saved results directory (report_html.c). */
#ifndef KMEMLAB_REPORT_HTML_H
#define KMEMLAB_REPORT_HTML_H

#include <stdio.h>

#include "results.h"

/* report_html() - the whole page for @rs. Return: 0, or -EIO. */
int report_html(FILE *f, const struct results *rs, const char *title);

/*
 * results_save() - write DIR/results.json and DIR/report.html (creating
 * DIR); DIR/results.csv is the caller's. Errors are printed.
 * Return: an exit code.
 */
int results_save(const char *dir, const struct results *rs, const char *title);

#endif /* KMEMLAB_REPORT_HTML_H */
