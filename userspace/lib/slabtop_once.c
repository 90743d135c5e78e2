// SPDX-License-Identifier: GPL-2.0
/*
 * The output of 'kmemlab slabtop --once': procps' summary, header and rows
 * as text, or the same figures as JSON or CSV, from the slabtop model.
 */
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "emit.h"
#include "slabtop.h"

static void slabtop_json(FILE *f, const struct slabtop_summary *s,
			 const struct slabtop_row *rows, size_t nr)
{
	struct json_w j;
	size_t i;

	json_w_init(&j, f);
	json_w_obj_begin(&j, NULL);
	json_w_obj_begin(&j, "summary");
	json_w_u64(&j, "active_objs", s->nr_active_objs);
	json_w_u64(&j, "objs", s->nr_objs);
	json_w_u64(&j, "active_slabs", s->nr_active_slabs);
	json_w_u64(&j, "slabs", s->nr_slabs);
	json_w_u64(&j, "active_caches", s->nr_active_caches);
	json_w_u64(&j, "caches", s->nr_caches);
	json_w_u64(&j, "active_size_bytes", s->active_size);
	json_w_u64(&j, "total_size_bytes", s->total_size);
	json_w_u64(&j, "min_obj_size_bytes", nr ? s->min_obj_size : 0);
	json_w_u64(&j, "avg_obj_size_bytes", s->avg_obj_size);
	json_w_u64(&j, "max_obj_size_bytes", s->max_obj_size);
	json_w_obj_end(&j);
	json_w_arr_begin(&j, "caches");
	for (i = 0; i < nr; i++) {
		const struct slabtop_row *r = &rows[i];

		json_w_obj_begin(&j, NULL);
		json_w_str(&j, "name", r->src->name);
		json_w_u64(&j, "objs", r->objs);
		json_w_u64(&j, "active", r->active);
		json_w_u64(&j, "use_pct", r->use);
		json_w_u64(&j, "obj_size_bytes", r->objsize);
		json_w_u64(&j, "slabs", r->slabs);
		json_w_u64(&j, "active_slabs", r->aslabs);
		json_w_u64(&j, "obj_per_slab", r->objperslab);
		json_w_u64(&j, "pages_per_slab", r->pages);
		json_w_u64(&j, "cache_size_bytes", r->cache_size);
		json_w_obj_end(&j);
	}
	json_w_arr_end(&j);
	json_w_obj_end(&j);
	json_w_end(&j);
}

static void slabtop_csv(FILE *f, const struct slabtop_row *rows, size_t nr)
{
	size_t i;

	fputs("name,objs,active,use_pct,obj_size_bytes,slabs,active_slabs,"
	      "obj_per_slab,pages_per_slab,cache_size_bytes\n", f);
	for (i = 0; i < nr; i++) {
		const struct slabtop_row *r = &rows[i];

		csv_field(f, r->src->name, true);
		fprintf(f, ",%u,%u,%u,%u,%u,%u,%u,%u,%lu\n", r->objs, r->active,
			r->use, r->objsize, r->slabs, r->aslabs, r->objperslab,
			r->pages, r->cache_size);
	}
}

int slabtop_once(FILE *f, enum cli_format fmt, const struct slab_table *t,
		 int key)
{
	struct slabtop_summary sum;
	struct slabtop_row *rows;
	char line[512];
	size_t i;

	rows = calloc(t->nr ? t->nr : 1, sizeof(*rows));
	if (!rows) {
		cli_error("slabtop", "out of memory");
		return CLI_EXIT_FAIL;
	}
	slabtop_compute(t, (unsigned long)sysconf(_SC_PAGESIZE), rows, &sum);
	slabtop_sort(rows, t->nr, (enum slabtop_key)key);
	if (fmt == CLI_FMT_JSON) {
		slabtop_json(f, &sum, rows, t->nr);
	} else if (fmt == CLI_FMT_CSV) {
		slabtop_csv(f, rows, t->nr);
	} else {
		slabtop_print_summary(f, &sum);
		slabtop_print_header(f);
		for (i = 0; i < t->nr; i++) {
			slabtop_format_row(line, sizeof(line), &rows[i]);
			fputs(line, f);
		}
	}
	free(rows);
	return CLI_EXIT_OK;
}
