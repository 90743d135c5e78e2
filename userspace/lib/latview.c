// SPDX-License-Identifier: GPL-2.0
/*
 * The latency view of an instance after a run (docs/interface.md): the
 * alloc and free histograms and the time series, into a result of
 * results.json.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "latview.h"
#include "results.h"

static int push(double **v, size_t n, double x)
{
	double *nv = realloc(*v, (n + 1) * sizeof(double));

	if (!nv)
		return -ENOMEM;
	nv[n] = x;
	*v = nv;
	return 0;
}

static void drop_na_col(double **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isnan((*v)[i]))
			return;
	free(*v);
	*v = NULL;
}

int latview_parse(const char *text, struct result *r, double elapsed_ms,
		  uint64_t ops)
{
	enum { NONE, HA, HF, SER } sec = NONE;
	const char *p = text;

	while (p && *p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char line[256];

		snprintf(line, sizeof(line), "%.*s", (int)(n < 255 ? n : 255), p);
		p = e ? e + 1 : NULL;
		if (!strncmp(line, "# alloc histogram", 17)) {
			sec = HA;
		} else if (!strncmp(line, "# free histogram", 16)) {
			sec = HF;
		} else if (!strncmp(line, "# series", 8)) {
			sec = SER;
		} else if (line[0] == '#' || !(line[0] >= '0' && line[0] <= '9')) {
			continue;
		} else if (sec == HA || sec == HF) {
			unsigned long long lo, hi, cnt;
			struct res_lat *l = sec == HA ? &r->alloc : &r->free;

			if (sscanf(line, "%llu %llu %llu", &lo, &hi, &cnt) != 3)
				return -EINVAL;
			if (l->nbuckets && (double)hi <= l->bucket_le[l->nbuckets - 1])
				return -EINVAL;
			if (push(&l->bucket_le, l->nbuckets, (double)hi) ||
			    push(&l->bucket_count, l->nbuckets, (double)cnt))
				return -ENOMEM;
			l->nbuckets++;
		} else if (sec == SER) {
			unsigned long long op, live, req, alloc, held;
			long long ext, stranded = -1;	/* -1: n/a */
			struct res_series *s = &r->series;
			int nf;

			/* older modules write no stranded_x1000 column */
			nf = sscanf(line, "%llu %llu %llu %llu %llu %lld %lld", &op, &live,
				    &req, &alloc, &held, &ext, &stranded);
			if (nf != 6 && nf != 7)
				return -EINVAL;
			if (push(&s->t_ms, s->n, ops ? elapsed_ms * (double)op / (double)ops : 0) ||
			    push(&s->held_bytes, s->n, (double)held) ||
			    push(&s->requested_bytes, s->n, (double)req) ||
			    push(&s->external_pct, s->n, ext < 0 ? NAN : ext / 10.0) ||
			    push(&s->stranded_pct, s->n,
				 stranded < 0 ? NAN : stranded / 10.0) ||
			    push(&s->internal_pct, s->n,
				 alloc ? 100.0 * (1.0 - (double)req / (double)alloc) : 0))
				return -ENOMEM;
			s->n++;
		}
	}
	/* a column that never applies is absent, not a line of nulls */
	drop_na_col(&r->series.external_pct, r->series.n);
	drop_na_col(&r->series.stranded_pct, r->series.n);
	return 0;
}
