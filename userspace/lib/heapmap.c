// SPDX-License-Identifier: GPL-2.0
/*
 * Heap and buddy pictures for the terminal. The heapmap parser reads the
 * teaching heaps' view (module/core/heap.c: a "heap POLICY:" line, a
 * column header, one row per block, then "key: value" summary lines); the
 * drawing code only presents what was parsed. Fragmentation percentages
 * come from the cores' metrics functions.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "cli.h"
#include "heapmap.h"
#include "metrics.h"

#define C_USED	"\033[0;30;42m"
#define C_DEAD	"\033[0;30;41m"
#define C_FREE	"\033[0;2m"
#define C_BAR	"\033[36m"
#define C_OFF	"\033[0m"

static int hm_push(struct heapmap *hm, size_t *cap)
{
	struct hm_block *nb;

	if (hm->nr < *cap)
		return 0;
	*cap = *cap ? *cap * 2 : 64;
	nb = realloc(hm->blocks, *cap * sizeof(*nb));
	if (!nb)
		return -ENOMEM;
	hm->blocks = nb;
	return 0;
}

/* One block row: "offset address size state [request [handle]]". */
static int hm_row(const char *line, struct hm_block *b)
{
	char state[8], extra[2][32];
	unsigned long long off, addr, size;
	int n, used = 0;

	memset(b, 0, sizeof(*b));
	n = sscanf(line, "%llu %llu %llu %7s %n", &off, &addr, &size, state, &used);
	if (n != 4 || !size)
		return -1;
	b->offset = off;
	b->addr = addr;
	b->size = size;
	line += used;
	n = sscanf(line, "%31s %31s", extra[0], extra[1]);
	if (!strcmp(state, "free")) {
		b->state = HM_FREE;
		if (n > 0)
			return -1;
		return 0;
	}
	if (!strcmp(state, "used"))
		b->state = HM_USED;
	else if (!strcmp(state, "dead"))
		b->state = HM_DEAD;
	else
		return -1;
	if (n < 1)
		return -1;
	{
		char *end;

		b->request = strtoull(extra[0], &end, 10);
		if (*end || extra[0][0] == '-')
			return -1;
	}
	if (n == 2)
		snprintf(b->handle, sizeof(b->handle), "%s", extra[1]);
	return 0;
}

int heapmap_parse(const char *text, size_t len, const char *file,
		  struct heapmap *hm, char *err, size_t errlen)
{
	const char *pos = text, *end = text + len;
	size_t lineno = 0, cap = 0;
	bool in_blocks = false, summary = false;
	char line[512], coal[8];
	unsigned long long v[5];

	memset(hm, 0, sizeof(*hm));
	while (pos < end) {
		const char *nl = memchr(pos, '\n', (size_t)(end - pos));
		size_t n = (size_t)((nl ? nl : end) - pos);

		lineno++;
		if (n >= sizeof(line)) {
			heapmap_free(hm);
			return cli_file_err(err, errlen, file, lineno, "line too long");
		}
		memcpy(line, pos, n);
		line[n] = '\0';
		pos = nl ? nl + 1 : end;
		if (lineno == 1) {
			if (sscanf(line, "heap %31[^:]: region %llu base %llu align %llu "
				   "header %llu min_split %llu list %15s coalesce %7s",
				   hm->policy, &v[0], &v[1], &v[2], &v[3], &v[4],
				   hm->list, coal) != 8)
				return cli_file_err(err, errlen, file, 1,
					"expected 'heap POLICY: region N base N align N ...'");
			hm->region = v[0];
			hm->base = v[1];
			hm->align = v[2];
			hm->header = v[3];
			hm->min_split = v[4];
			hm->coalesce = !strcmp(coal, "on");
			continue;
		}
		if (lineno == 2) {
			if (!strstr(line, "offset") || !strstr(line, "state")) {
				heapmap_free(hm);
				return cli_file_err(err, errlen, file, 2,
					"expected the 'offset address size state' header");
			}
			in_blocks = true;
			continue;
		}
		if (in_blocks && line[0] && strchr(line, ':') == NULL) {
			struct hm_block *prev;

			if (hm_push(hm, &cap)) {
				heapmap_free(hm);
				return -ENOMEM;
			}
			if (hm_row(line, &hm->blocks[hm->nr])) {
				heapmap_free(hm);
				return cli_file_err(err, errlen, file, lineno,
						    "malformed block row '%s'", line);
			}
			prev = hm->nr ? &hm->blocks[hm->nr - 1] : NULL;
			if (hm->blocks[hm->nr].offset !=
			    (prev ? prev->offset + prev->size : 0)) {
				heapmap_free(hm);
				return cli_file_err(err, errlen, file, lineno,
					"block does not start where the previous one ends");
			}
			hm->nr++;
			continue;
		}
		in_blocks = false;
		if (sscanf(line, "largest free block: %llu", &v[0]) == 1) {
			hm->largest_free_block = v[0];
			summary = true;
		} else if (sscanf(line, "largest free run: %llu", &v[0]) == 1) {
			hm->largest_free_run = v[0];
		} else if (sscanf(line, "total free: %llu", &v[0]) == 1) {
			hm->total_free = v[0];
		}
		/* other summary lines (fragmentation, classes) are recomputed
		 * or not drawn */
	}
	if (lineno < 2) {
		heapmap_free(hm);
		return cli_file_err(err, errlen, file, lineno ? lineno : 1,
				    "truncated heapmap (no block header)");
	}
	if (!hm->nr || hm->blocks[hm->nr - 1].offset +
			       hm->blocks[hm->nr - 1].size != hm->region) {
		heapmap_free(hm);
		return cli_file_err(err, errlen, file, lineno,
				    "blocks do not cover the region of %" PRIu64 " bytes",
				    hm->region);
	}
	if (!summary) {
		/* older views without a summary: derive it */
		size_t i;
		uint64_t run = 0;

		for (i = 0; i < hm->nr; i++) {
			if (hm->blocks[i].state != HM_FREE) {
				run = 0;
				continue;
			}
			hm->total_free += hm->blocks[i].size;
			run += hm->blocks[i].size;
			if (hm->blocks[i].size > hm->largest_free_block)
				hm->largest_free_block = hm->blocks[i].size;
			if (run > hm->largest_free_run)
				hm->largest_free_run = run;
		}
	}
	return 0;
}

void heapmap_free(struct heapmap *hm)
{
	free(hm->blocks);
	hm->blocks = NULL;
	hm->nr = 0;
}

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
			tbl_cell(&t, "-");
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
