// SPDX-License-Identifier: GPL-2.0
/*
 * The heapmap model: the teaching heaps' view (module/core/heap.c: a "heap
 * POLICY:" line, a column header, one row per block, then "key: value"
 * summary lines) parsed strictly into blocks that must tile the region.
 * heapdraw.c draws what was parsed.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "grow.h"
#include "heapmap.h"

static int hm_push(struct heapmap *hm, size_t *cap)
{
	struct hm_block *nb = grow(hm->blocks, hm->nr, cap, sizeof(*nb), 64);

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
