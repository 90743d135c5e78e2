// SPDX-License-Identifier: GPL-2.0
/*
 * The slabtop model: per-cache values, the summary and the sort orders of
 * procps-ng 'slabtop' computed from a parsed slabinfo table (procfs.c), and
 * the rows, header and summary lines formatted as slabtop prints them. The
 * screens (top.c) and the --once output (slabtop_once.c) only present it.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "slabtop.h"

const char slabtop_key_letters[SLABTOP_KEY_NR + 1] = "oasbplvcun";
const char *const slabtop_key_names[SLABTOP_KEY_NR] = {
	"objs", "active", "objsize", "objperslab", "pages", "slabs",
	"active_slabs", "cachesize", "use", "name",
};

int parse_sort_key(const char *what, const char *s, int *key)
{
	int i;

	for (i = 0; i < SLABTOP_KEY_NR; i++) {
		if ((s[0] == slabtop_key_letters[i] && !s[1]) ||
		    !strcmp(s, slabtop_key_names[i])) {
			*key = i;
			return 0;
		}
	}
	cli_error(what, "'%s' is not a sort key (one of the letters %s, or "
		  "objs active objsize objperslab pages slabs active_slabs "
		  "cachesize use name)", s, slabtop_key_letters);
	return -1;
}

void slabtop_compute(const struct slab_table *t, unsigned long page_size,
		     struct slabtop_row *rows, struct slabtop_summary *sum)
{
	size_t i;

	memset(sum, 0, sizeof(*sum));
	sum->min_obj_size = INT_MAX;	/* what procps starts from */
	for (i = 0; i < t->nr; i++) {
		const struct slab_row *s = &t->rows[i];
		struct slabtop_row *r = &rows[i];

		r->src = s;
		r->objs = (unsigned int)s->num_objs;
		r->active = (unsigned int)s->active_objs;
		r->objsize = (unsigned int)s->objsize;
		r->objperslab = (unsigned int)s->objperslab;
		r->pages = (unsigned int)s->pagesperslab;
		r->slabs = (unsigned int)s->num_slabs;
		r->aslabs = (unsigned int)s->active_slabs;
		if (r->objsize < sum->min_obj_size)
			sum->min_obj_size = r->objsize;
		if (r->objsize > sum->max_obj_size)
			sum->max_obj_size = r->objsize;
		r->cache_size = (unsigned long)r->slabs * r->pages * page_size;
		if (r->objs) {
			/* procps rounds through a float: keep it identical */
			r->use = (unsigned int)(100 * ((float)r->active / r->objs));
			sum->nr_active_caches++;
		} else {
			r->use = 0;
		}
		sum->nr_objs += r->objs;
		sum->nr_active_objs += r->active;
		sum->total_size += (unsigned long)r->objs * r->objsize;
		sum->active_size += (unsigned long)r->active * r->objsize;
		sum->nr_pages += r->slabs * r->pages;
		sum->nr_slabs += r->slabs;
		sum->nr_active_slabs += r->aslabs;
		sum->nr_caches++;
	}
	if (sum->nr_objs)
		sum->avg_obj_size = (unsigned int)(sum->total_size / sum->nr_objs);
}

static unsigned long key_value(const struct slabtop_row *r,
			       enum slabtop_key key)
{
	switch (key) {
	case SLABTOP_OBJS:
		return r->objs;
	case SLABTOP_ACTIVE:
		return r->active;
	case SLABTOP_OBJSIZE:
		return r->objsize;
	case SLABTOP_OBJPERSLAB:
		return r->objperslab;
	case SLABTOP_PAGES:
		return r->pages;
	case SLABTOP_SLABS:
		return r->slabs;
	case SLABTOP_ASLABS:
		return r->aslabs;
	case SLABTOP_CACHESIZE:
		return r->cache_size;
	case SLABTOP_USE:
		return r->use;
	default:
		return 0;
	}
}

/* <0 when @a goes first. Ties keep the file order (stable merge sort). */
static int row_cmp(const struct slabtop_row *a, const struct slabtop_row *b,
		   enum slabtop_key key)
{
	unsigned long va, vb;

	if (key == SLABTOP_NAME)
		return strcmp(a->src->name, b->src->name);
	va = key_value(a, key);
	vb = key_value(b, key);
	return va > vb ? -1 : va < vb ? 1 : 0;
}

void slabtop_sort(struct slabtop_row *rows, size_t nr, enum slabtop_key key)
{
	struct slabtop_row *tmp;
	size_t width, i, l, m, r, k;

	if (nr < 2)
		return;
	tmp = malloc(nr * sizeof(*tmp));
	if (!tmp) {	/* stable insertion sort needs no memory */
		for (i = 1; i < nr; i++) {
			struct slabtop_row x = rows[i];

			for (k = i; k > 0 && row_cmp(&x, &rows[k - 1], key) < 0; k--)
				rows[k] = rows[k - 1];
			rows[k] = x;
		}
		return;
	}
	for (width = 1; width < nr; width *= 2) {
		for (l = 0; l < nr; l += 2 * width) {
			m = l + width < nr ? l + width : nr;
			r = l + 2 * width < nr ? l + 2 * width : nr;
			size_t o = l;

			i = l;
			k = m;
			while (i < m || k < r) {
				if (k >= r || (i < m && row_cmp(&rows[i], &rows[k], key) <= 0))
					tmp[o++] = rows[i++];
				else
					tmp[o++] = rows[k++];
			}
		}
		memcpy(rows, tmp, nr * sizeof(*tmp));
	}
	free(tmp);
}

/*
 * A share in percent; 0 of 0 is 0.0 where procps divides by zero and
 * prints "-nan" (the only place these lines differ from procps).
 */
static double pct(double part, double whole)
{
	return whole ? 100.0 * part / whole : 0.0;
}

void slabtop_format_summary(char *buf, size_t size,
			    const struct slabtop_summary *s)
{
	/* procps starts the minimum at INT_MAX / 1024 K: none without caches */
	unsigned long min = s->nr_caches ? s->min_obj_size : 0;

	snprintf(buf, size,
		 " %-35s: %u / %u (%.1f%%)\n"
		 " %-35s: %u / %u (%.1f%%)\n"
		 " %-35s: %u / %u (%.1f%%)\n"
		 " %-35s: %.2fK / %.2fK (%.1f%%)\n"
		 " %-35s: %.2fK / %.2fK / %.2fK\n\n",
		 "Active / Total Objects (% used)", s->nr_active_objs,
		 s->nr_objs, pct(s->nr_active_objs, s->nr_objs),
		 "Active / Total Slabs (% used)", s->nr_active_slabs,
		 s->nr_slabs, pct(s->nr_active_slabs, s->nr_slabs),
		 "Active / Total Caches (% used)", s->nr_active_caches,
		 s->nr_caches, pct(s->nr_active_caches, s->nr_caches),
		 "Active / Total Size (% used)", s->active_size / 1024.0,
		 s->total_size / 1024.0,
		 pct(s->active_size, s->total_size),
		 "Minimum / Average / Maximum Object",
		 min / 1024.0, s->avg_obj_size / 1024.0,
		 s->max_obj_size / 1024.0);
}

void slabtop_format_header(char *buf, size_t size)
{
	snprintf(buf, size, "%-78s\n",
		 "  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME");
}

void slabtop_format_row(char *buf, size_t size, const struct slabtop_row *r)
{
	snprintf(buf, size, "%6u %6u %3u%% %7.2fK %6u %8u %9luK %-23s\n",
		 r->objs, r->active, r->use, r->objsize / 1024.0, r->slabs,
		 r->objperslab, r->cache_size / 1024, r->src->name);
}

void slabtop_print_summary(FILE *f, const struct slabtop_summary *sum)
{
	char buf[1024];

	slabtop_format_summary(buf, sizeof(buf), sum);
	fputs(buf, f);
}

void slabtop_print_header(FILE *f)
{
	char buf[128];

	slabtop_format_header(buf, sizeof(buf));
	fputs(buf, f);
}

int slabtop_load(const char *path, struct slab_table *t)
{
	char err[512];
	size_t len;
	char *text;
	int r;

	r = cli_read_file(path, &text, &len);
	if (r) {
		cli_error(path, "%s%s", strerror(-r),
			  r == -EACCES || r == -EPERM ? " (run as root)" : "");
		return r == -EACCES || r == -EPERM ? CLI_EXIT_SKIP : CLI_EXIT_FAIL;
	}
	r = slabinfo_parse(text, len, path, t, err, sizeof(err));
	free(text);
	if (r) {
		fprintf(stderr, "kmemlab: %s\n", err);
		return CLI_EXIT_FAIL;
	}
	return 0;
}
