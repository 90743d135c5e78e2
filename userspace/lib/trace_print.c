// SPDX-License-Identifier: GPL-2.0
/*
 * The summary of 'kmemlab trace' on paper: one table row per cache or
 * buddy (text, JSON or CSV), and in text and JSON the event and lost-event
 * totals.
 */
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"
#include "emit.h"
#include "trace_print.h"
#include "trace_sum.h"

static const struct tbl_col trace_cols[] = {
	{ "source", "SOURCE", NULL, TBL_STR },
	{ "name", "NAME", NULL, TBL_STR },
	{ "instance_id", "INST", NULL, TBL_INT },
	{ "instance", "INSTANCE", NULL, TBL_STR },
	{ "allocs", "ALLOCS", "count", TBL_INT },
	{ "frees", "FREES", "count", TBL_INT },
	{ "live", "LIVE", "count", TBL_INT },
	{ "requested_bytes", "REQUESTED", "B", TBL_INT },
	{ "allocated_bytes", "ALLOCATED", "B", TBL_INT },
	{ "internal_frag_pct", "INT_FRAG", "%", TBL_NUM },
	{ "cross_cpu_frees", "XCPU_FREES", "count", TBL_INT },
	{ "unmatched_frees", "UNMATCHED", "count", TBL_INT },
};

#define TRACE_NCOLS	(sizeof(trace_cols) / sizeof(trace_cols[0]))

static void trace_fill(struct tbl *t, const struct trace_sum *s)
{
	size_t i;

	for (i = 0; i < s->nr; i++) {
		const struct trace_row *r = &s->rows[i];

		/* a provisional kmem_cache row whose allocs all moved */
		if (!r->allocs && !r->frees)
			continue;
		tbl_cell(t, "%s", r->ours ? "ours" : "real");
		tbl_cell(t, "%s", r->name);
		if (r->inst >= 0)
			tbl_cell(t, "%" PRId64, r->inst);
		else
			tbl_na(t, "-");
		tbl_cell(t, "%s", r->inst_name[0] ? r->inst_name : "-");
		tbl_cell(t, "%" PRIu64, r->allocs);
		tbl_cell(t, "%" PRIu64, r->frees);
		tbl_cell(t, "%" PRIu64, r->live);
		if (r->req_known)
			tbl_cell(t, "%" PRIu64, r->requested);
		else
			tbl_na(t, "-");
		tbl_cell(t, "%" PRIu64, r->allocated);
		/* 1 - requested / allocated, as perf kmem's "Internal fragmentation" */
		if (r->req_known && r->allocated && r->requested <= r->allocated)
			tbl_cell(t, "%.1f", 100.0 * (double)(r->allocated -
					r->requested) / (double)r->allocated);
		else
			tbl_na(t, "-");
		tbl_cell(t, "%" PRIu64, r->cross_cpu);
		tbl_cell(t, "%" PRIu64, r->unmatched);
	}
}

void trace_sum_print(FILE *f, const struct trace_sum *s, enum cli_format fmt,
		     const char *trace_file, int cmd_status)
{
	unsigned int c, top = 0;
	struct json_w j;
	struct tbl t;

	for (c = 0; c < TRACE_MAX_CPUS; c++)
		if (s->dropped[c] || s->overrun[c])
			top = c + 1;
	if (s->nr_cpus > top)
		top = s->nr_cpus > TRACE_MAX_CPUS ? TRACE_MAX_CPUS : s->nr_cpus;
	tbl_init(&t, trace_cols, TRACE_NCOLS);
	trace_fill(&t, s);
	switch (fmt) {
	case CLI_FMT_CSV:
		tbl_print(&t, f, fmt, NULL, NULL);
		break;
	case CLI_FMT_JSON:
		json_w_init(&j, f);
		json_w_obj_begin(&j, NULL);
		if (trace_file)
			json_w_str(&j, "trace_file", trace_file);
		else
			json_w_null(&j, "trace_file");
		json_w_i64(&j, "command_status", cmd_status);
		json_w_u64(&j, "events", s->events);
		json_w_u64(&j, "attributed_events", s->attributed);
		json_w_u64(&j, "other_events", s->other);
		json_w_u64(&j, "lost_events", trace_sum_lost(s));
		json_w_bool(&j, "lost_unknown", s->dropped_unknown);
		json_w_bool(&j, "buffer_stats", s->have_stats);
		json_w_arr_begin(&j, "lost_by_cpu");
		for (c = 0; c < top; c++)
			json_w_u64(&j, NULL, s->dropped[c] + s->overrun[c]);
		json_w_arr_end(&j);
		tbl_print(&t, f, fmt, &j, "rows");
		json_w_obj_end(&j);
		json_w_end(&j);
		break;
	default:
		if (t.nrows)
			tbl_print(&t, f, fmt, NULL, NULL);
		else
			fprintf(f, "no allocation events of kmemlab or of its real backends\n");
		fprintf(f, "events: %" PRIu64 " (%" PRIu64 " counted above, %" PRIu64
			" other)\n", s->events, s->attributed, s->other);
		fprintf(f, "lost events: %" PRIu64 "%s", trace_sum_lost(s),
			s->dropped_unknown ? " and an unknown number" : "");
		if (top) {
			fprintf(f, " (per CPU:");
			for (c = 0; c < top; c++)
				fprintf(f, " %" PRIu64, s->dropped[c] + s->overrun[c]);
			fprintf(f, ")");
		}
		fprintf(f, "%s\n", s->have_stats ? "" :
			"; no buffer statistics in the recording");
		if (trace_file)
			fprintf(f, "trace file: %s\n", trace_file);
		break;
	}
	tbl_free(&t);
}
