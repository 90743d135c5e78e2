// SPDX-License-Identifier: GPL-2.0
/*
 * Heap and buddy pictures for the terminal: a parsed heapmap (heapmap.c)
 * as a bar of used and free runs with labels, sizes, the largest free run
 * and external fragmentation, and a buddyinfo row as bars of free memory
 * per order; or the same as JSON and CSV. Fragmentation figures come from
 * the cores' metrics functions.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "emit.h"
#include "heapdraw.h"
#include "heapmap.h"
#include "metrics.h"
#include "procfs.h"

#define C_USED	"\033[0;30;42m"
#define C_DEAD	"\033[0;30;41m"
#define C_FREE	"\033[0;2m"
#define C_BAR	"\033[36m"
#define C_OFF	"\033[0m"

char heapmap_label(size_t i)
{
	static const char labels[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	return labels[i % (sizeof(labels) - 1)];
}

/* A human size: bytes below 10 KiB, else KiB or MiB with one decimal. */
static void human(char *buf, size_t size, uint64_t b)
{
	if (b < 10240)
		snprintf(buf, size, "%" PRIu64 " B", b);
	else if (b < 10ULL << 20)
		snprintf(buf, size, "%.1f KiB", b / 1024.0);
	else
		snprintf(buf, size, "%.1f MiB", b / 1048576.0);
}

void heapmap_draw(FILE *f, const struct heapmap *hm, unsigned int width,
		  bool color, bool blocks)
{
	unsigned int cells = width > 12 ? width - 2 : 10, cell;
	size_t i, b = 0, nused = 0, *label_of;
	enum hm_state last = HM_FREE;
	char s1[32], s2[32], s3[32];
	int frag;

	label_of = calloc(hm->nr ? hm->nr : 1, sizeof(*label_of));
	for (i = 0; i < hm->nr; i++)
		if (hm->blocks[i].state == HM_USED && label_of)
			label_of[i] = nused++;
	human(s1, sizeof(s1), hm->region);
	fprintf(f, "heap %s: region %s, align %" PRIu64 ", header %" PRIu64
		", list %s, coalesce %s, %zu blocks (%zu used)\n",
		hm->policy, s1, hm->align, hm->header, hm->list,
		hm->coalesce ? "on" : "off", hm->nr, nused);
	fputc('|', f);
	/*
	 * Cell c covers bytes [c*R/W, (c+1)*R/W). It shows the block that
	 * holds the middle of the cell, except that a used block starting
	 * inside the cell wins, so that small allocations stay visible.
	 */
	for (cell = 0; cell < cells; cell++) {
		uint64_t lo = hm->region * cell / cells;
		uint64_t hi = hm->region * (cell + 1) / cells;
		uint64_t mid = lo + (hi - lo) / 2;
		size_t pick;
		char ch;

		while (b + 1 < hm->nr && hm->blocks[b].offset + hm->blocks[b].size <= lo)
			b++;
		pick = b;
		for (i = b; i < hm->nr && hm->blocks[i].offset < hi; i++) {
			if (hm->blocks[i].state == HM_USED && hm->blocks[i].offset >= lo) {
				pick = i;
				break;
			}
			if (hm->blocks[i].offset <= mid)
				pick = i;
		}
		switch (hm->blocks[pick].state) {
		case HM_USED:
			ch = label_of ? heapmap_label(label_of[pick]) : '#';
			break;
		case HM_DEAD:
			ch = 'x';
			break;
		default:
			ch = '.';
			break;
		}
		if (color && (cell == 0 || hm->blocks[pick].state != last))
			fputs(hm->blocks[pick].state == HM_USED ? C_USED :
			      hm->blocks[pick].state == HM_DEAD ? C_DEAD : C_FREE, f);
		last = hm->blocks[pick].state;
		fputc(ch, f);
	}
	if (color)
		fputs(C_OFF, f);
	fprintf(f, "|\n%-*u%*" PRIu64 "\n", (int)(cells / 2 + 1), 0u,
		(int)(cells - cells / 2 + 1), hm->region);
	if (nused) {
		unsigned int col = 0;

		fputs("used:", f);
		col = 5;
		for (i = 0; i < hm->nr; i++) {
			char item[96];
			int n;

			if (hm->blocks[i].state != HM_USED)
				continue;
			n = snprintf(item, sizeof(item), " %c%s%s=%" PRIu64 "@%" PRIu64,
				     label_of ? heapmap_label(label_of[i]) : '#',
				     hm->blocks[i].handle[0] ? "/" : "",
				     hm->blocks[i].handle, hm->blocks[i].request,
				     hm->blocks[i].offset);
			if (col + (unsigned int)n > width) {
				fputs("\n     ", f);
				col = 5;
			}
			fputs(item, f);
			col += (unsigned int)n;
		}
		fputs("  (label[/handle]=requested bytes@offset)\n", f);
	}
	frag = kml_metric_ext_frag(hm->largest_free_block, hm->total_free);
	human(s1, sizeof(s1), hm->total_free);
	human(s2, sizeof(s2), hm->largest_free_block);
	human(s3, sizeof(s3), hm->largest_free_run);
	fprintf(f, "free %s, largest free block %s, largest free run %s, "
		"external fragmentation %d.%d%%\n", s1, s2, s3, frag / 10,
		frag % 10);
	if (blocks) {
		bool handles = false;

		for (i = 0; i < hm->nr; i++)
			handles |= hm->blocks[i].handle[0] != '\0';
		/* the HANDLE column only when the view has handles */
		fprintf(f, "%12s %12s %-5s %12s %s%s\n", "OFFSET(B)", "SIZE(B)",
			"STATE", "REQUEST(B)", "LABEL",
			handles ? "  HANDLE" : "");
		for (i = 0; i < hm->nr; i++) {
			const struct hm_block *k = &hm->blocks[i];

			fprintf(f, "%12" PRIu64 " %12" PRIu64 " %-5s ", k->offset,
				k->size, k->state == HM_USED ? "used" :
				k->state == HM_DEAD ? "dead" : "free");
			if (k->state == HM_FREE)
				fprintf(f, "%12s -", "-");
			else
				fprintf(f, "%12" PRIu64 " %c", k->request,
					k->state == HM_USED && label_of ?
					heapmap_label(label_of[i]) : 'x');
			if (handles)
				fprintf(f, "      %6s", k->handle[0] ? k->handle : "-");
			fputc('\n', f);
		}
	}
	free(label_of);
}

static const struct tbl_col hm_cols[] = {
	{ "offset_bytes", "OFFSET", "B", TBL_INT },
	{ "size_bytes", "SIZE", "B", TBL_INT },
	{ "state", "STATE", NULL, TBL_STR },
	{ "request_bytes", "REQUEST", "B", TBL_INT },
	{ "handle", "HANDLE", NULL, TBL_STR },
};

void heapmap_emit(FILE *f, const struct heapmap *hm, enum cli_format fmt)
{
	struct json_w j;
	struct tbl t;
	size_t i;

	tbl_init(&t, hm_cols, 5);
	for (i = 0; i < hm->nr; i++) {
		const struct hm_block *k = &hm->blocks[i];

		tbl_cell(&t, "%" PRIu64, k->offset);
		tbl_cell(&t, "%" PRIu64, k->size);
		tbl_cell(&t, "%s", k->state == HM_USED ? "used" :
			 k->state == HM_DEAD ? "dead" : "free");
		if (k->state == HM_FREE)
			tbl_na(&t, "-");
		else
			tbl_cell(&t, "%" PRIu64, k->request);
		tbl_cell(&t, "%s", k->handle);
	}
	if (fmt == CLI_FMT_CSV) {
		tbl_print(&t, f, fmt, NULL, NULL);
		tbl_free(&t);
		return;
	}
	json_w_init(&j, f);
	json_w_obj_begin(&j, NULL);
	json_w_str(&j, "policy", hm->policy);
	json_w_u64(&j, "region_bytes", hm->region);
	json_w_u64(&j, "align_bytes", hm->align);
	json_w_u64(&j, "header_bytes", hm->header);
	json_w_str(&j, "list", hm->list);
	json_w_bool(&j, "coalesce", hm->coalesce);
	json_w_u64(&j, "total_free_bytes", hm->total_free);
	json_w_u64(&j, "largest_free_block_bytes", hm->largest_free_block);
	json_w_u64(&j, "largest_free_run_bytes", hm->largest_free_run);
	json_w_i64(&j, "external_frag_x1000",
		   kml_metric_ext_frag(hm->largest_free_block, hm->total_free));
	tbl_print(&t, f, fmt, &j, "blocks");
	json_w_obj_end(&j);
	json_w_end(&j);
	tbl_free(&t);
}

/* --- buddymap ------------------------------------------------------------------ */

void buddymap_draw(FILE *f, const struct buddy_row *r, unsigned int width,
		   bool color)
{
	unsigned long pages = 0, blocks = 0, maxp = 0, p;
	unsigned int o, barw = width > 46 ? width - 46 : 10, n, k;
	int frag;

	for (o = 0; o < r->nr_orders; o++) {
		p = r->nr_free[o] << o;
		pages += p;
		blocks += r->nr_free[o];
		if (p > maxp)
			maxp = p;
	}
	fprintf(f, "buddy %s: %u orders, %lu free pages (%lu KiB) in %lu blocks\n",
		r->zone, r->nr_orders, pages, pages * 4, blocks);
	fprintf(f, "%5s %10s %12s %11s  %s\n", "ORDER", "BLOCK(KiB)",
		"FREE(blocks)", "FREE(KiB)", "FREE MEMORY BY ORDER");
	for (o = 0; o < r->nr_orders; o++) {
		p = r->nr_free[o] << o;
		n = maxp ? (unsigned int)((p * barw + maxp - 1) / maxp) : 0;
		fprintf(f, "%5u %10lu %12lu %11lu  ", o, 4UL << o, r->nr_free[o],
			p * 4);
		if (color && n)
			fputs(C_BAR, f);
		for (k = 0; k < n; k++)
			fputc('#', f);
		if (color && n)
			fputs(C_OFF, f);
		fputc('\n', f);
	}
	/* how much of the free memory a request of each order could not use */
	fputs("unusable free index by order:", f);
	for (o = 0; o < r->nr_orders; o++) {
		frag = kml_metric_unusable_index(r->nr_free, r->nr_orders, o);
		fprintf(f, " %d.%03d", frag / 1000, frag % 1000);
	}
	fputc('\n', f);
}

void buddymap_emit(FILE *f, const struct buddy_table *t, enum cli_format fmt)
{
	static const struct tbl_col cols[] = {
		{ "zone", "ZONE", NULL, TBL_STR },
		{ "order", "ORDER", NULL, TBL_INT },
		{ "block_kib", "BLOCK", "KiB", TBL_INT },
		{ "free_blocks", "FREE", "blocks", TBL_INT },
		{ "free_kib", "FREE", "KiB", TBL_INT },
		{ "unusable_index_x1000", "UNUSABLE", "x1000", TBL_INT },
		{ "extfrag_index_x1000", "EXTFRAG", "x1000", TBL_INT },
	};
	struct tbl tb;
	size_t i;
	unsigned int o;

	tbl_init(&tb, cols, 7);
	for (i = 0; i < t->nr; i++) {
		const struct buddy_row *r = &t->rows[i];

		for (o = 0; o < r->nr_orders; o++) {
			tbl_cell(&tb, "%s", r->zone);
			tbl_cell(&tb, "%u", o);
			tbl_cell(&tb, "%lu", 4UL << o);
			tbl_cell(&tb, "%lu", r->nr_free[o]);
			tbl_cell(&tb, "%lu", (r->nr_free[o] << o) * 4);
			tbl_cell(&tb, "%d", kml_metric_unusable_index(r->nr_free,
								      r->nr_orders, o));
			tbl_cell(&tb, "%d", kml_metric_frag_index(r->nr_free,
								  r->nr_orders, o));
		}
	}
	tbl_print(&tb, f, fmt, NULL, NULL);
	tbl_free(&tb);
}
