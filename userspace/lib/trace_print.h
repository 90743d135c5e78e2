/* SPDX-License-Identifier: GPL-2.0 */
/* Printing the summary of 'kmemlab trace' (trace_print.c). */
#ifndef KMEMLAB_TRACE_PRINT_H
#define KMEMLAB_TRACE_PRINT_H

#include <stdio.h>

#include "cli.h"
#include "trace_sum.h"

/*
 * trace_sum_print() - the rows as a table (text, JSON or CSV); text and
 * JSON add the event and lost-event totals. @trace_file: shown, or NULL.
 */
void trace_sum_print(FILE *f, const struct trace_sum *s, enum cli_format fmt,
		     const char *trace_file, int cmd_status);

#endif /* KMEMLAB_TRACE_PRINT_H */
