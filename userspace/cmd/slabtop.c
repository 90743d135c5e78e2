// SPDX-License-Identifier: GPL-2.0
/*
 * 'kmemlab slabtop': procps-ng 'slabtop --once' reproduced from a slabinfo
 * file (/proc/slabinfo by default, any slabinfo 2.1 file with --file),
 * same summary, same columns, same rounding, same sort keys. The model
 * (slabtop_compute/sort) is separate from the presentation (print_*), and
 * parsing lives in procfs.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "emit.h"
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

void slabtop_format_summary(char *buf, size_t size,
			    const struct slabtop_summary *s)
{
	snprintf(buf, size,
		 " %-35s: %u / %u (%.1f%%)\n"
		 " %-35s: %u / %u (%.1f%%)\n"
		 " %-35s: %u / %u (%.1f%%)\n"
		 " %-35s: %.2fK / %.2fK (%.1f%%)\n"
		 " %-35s: %.2fK / %.2fK / %.2fK\n\n",
		 "Active / Total Objects (% used)", s->nr_active_objs,
		 s->nr_objs, 100.0 * s->nr_active_objs / s->nr_objs,
		 "Active / Total Slabs (% used)", s->nr_active_slabs,
		 s->nr_slabs, 100.0 * s->nr_active_slabs / s->nr_slabs,
		 "Active / Total Caches (% used)", s->nr_active_caches,
		 s->nr_caches, 100.0 * s->nr_active_caches / s->nr_caches,
		 "Active / Total Size (% used)", s->active_size / 1024.0,
		 s->total_size / 1024.0,
		 100.0 * s->active_size / s->total_size,
		 "Minimum / Average / Maximum Object",
		 s->min_obj_size / 1024.0, s->avg_obj_size / 1024.0,
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

/* --- the subcommand -------------------------------------------------------- */

const struct cli_opt slabtop_opts[] = {
	{ "once", 'o', NULL, "print once and exit (the only mode without a terminal)" },
	{ "sort", 's', "KEY", "sort by KEY: o objs, a active, s objsize, b objperslab, "
	  "p pages, l slabs, v active_slabs, c cachesize, u use, n name" },
	{ "file", 'f', "PATH", "read PATH (slabinfo 2.1) instead of our caches" },
	{ "proc", 'P', NULL, "all of /proc/slabinfo, as the real slabtop shows it" },
	{ "delay", 'd', "SECS", "refresh interval of the live screen (default 3)" },
	{ NULL, 0, NULL, NULL },
};

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

/* slabtop_once() - the whole --once output of @t sorted by @key. */
int slabtop_once(FILE *f, enum cli_format fmt, const struct slab_table *t,
		 int key);

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

int top_slabtop_live(struct cli_ctx *ctx, const char *path, int key,
		     unsigned int delay_ms);

int cmd_slabtop(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *path = NULL, *arg;
	unsigned int delay_ms = 3000;
	bool once = false, delay = false;
	struct slab_table t, real;
	int c, key = SLABTOP_OBJS, r;

	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		switch (c) {
		case 'o':
			once = true;
			break;
		case 's':
			if (parse_sort_key("slabtop: --sort", arg, &key))
				return CLI_EXIT_USAGE;
			break;
		case 'f':
			if (path)
				return cli_usage_error(ctx, "--file and --proc exclude each other");
			path = arg;
			break;
		case 'P':
			if (path)
				return cli_usage_error(ctx, "--file and --proc exclude each other");
			path = "/proc/slabinfo";
			break;
		case 'd':
			if (parse_interval("slabtop: --delay", arg, &delay_ms))
				return CLI_EXIT_USAGE;
			delay = true;
			break;
		case 'h':
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (once && delay)
		return cli_usage_error(ctx, "--once and --delay exclude each other");
	if (!once && ctx->fmt == CLI_FMT_TEXT && isatty(STDOUT_FILENO) &&
	    isatty(STDIN_FILENO))
		return top_slabtop_live(ctx, path, key, delay_ms);
	if (path) {
		r = slabtop_load(path, &t);
		if (r)
			return r;
	} else {
		/* our caches, then the real kmemlab-* ones, as one table */
		r = slab_rows_gather(ctx, NULL, true, true, "/proc/slabinfo",
				     &t, &real);
		if (r)
			return r;
		r = slab_table_append(&t, &real);
		slab_table_free(&real);
		if (r) {
			slab_table_free(&t);
			cli_error("slabtop", "%s", strerror(-r));
			return CLI_EXIT_FAIL;
		}
	}
	r = slabtop_once(ctx->out, ctx->fmt, &t, key);
	slab_table_free(&t);
	return r;
}
