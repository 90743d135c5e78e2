// SPDX-License-Identifier: GPL-2.0
/*
 * report.html from results (schema in docs/cli.md): one self-contained
 * page with the context, the result table, and inline SVG plots generated
 * here - latency CDF per backend on a log x axis, fragmentation and memory
 * over time, and the buddy's free blocks per order over time as a heat
 * map. No scripts, no external files. Also the results directory that
 * run, replay and bench save: results.json and report.html.
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "report_html.h"
#include "results.h"

static const char *const palette[] = {
	"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
	"#e377c2", "#17becf", "#7f7f7f", "#bcbd22",
};

#define NPAL (sizeof(palette) / sizeof(palette[0]))

/* Text for HTML and XML: & < > " ' escaped. */
static void esc(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			/* control characters are not allowed in XML 1.0 */
			if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
				fputc('?', f);
			else
				fputc(*s, f);
		}
	}
}

/* --- SVG plots ------------------------------------------------------------------ */

struct plot {
	FILE *f;
	double w, h;			/* whole picture */
	double l, r, t, b;		/* margins */
	double xmin, xmax, ymin, ymax;
	bool logx;
	int nleg;
};

static double px(const struct plot *p, double x)
{
	double a = p->logx ? log10(x) : x, lo = p->logx ? log10(p->xmin) : p->xmin;
	double hi = p->logx ? log10(p->xmax) : p->xmax;

	return p->l + (a - lo) / (hi - lo) * (p->w - p->l - p->r);
}

static double py(const struct plot *p, double y)
{
	return p->h - p->b - (y - p->ymin) / (p->ymax - p->ymin) *
				 (p->h - p->t - p->b);
}

/* A "nice" tick step for a linear axis spanning @span with ~@n ticks. */
static double nice_step(double span, int n)
{
	double raw = span / n, mag = pow(10, floor(log10(raw))), f = raw / mag;

	return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

static void fmt_num(char *buf, size_t size, double v)
{
	double a = fabs(v);

	if (a >= 1e9)
		snprintf(buf, size, "%gG", v / 1e9);
	else if (a >= 1e6)
		snprintf(buf, size, "%gM", v / 1e6);
	else if (a >= 1e4)
		snprintf(buf, size, "%gk", v / 1e3);
	else
		snprintf(buf, size, "%g", v);
}

static void plot_begin(struct plot *p, const char *title, const char *xlabel,
		       const char *ylabel)
{
	FILE *f = p->f;
	char buf[32];
	double v, step;

	if (!(p->xmax > p->xmin))
		p->xmax = p->xmin + 1;
	if (!(p->ymax > p->ymin))
		p->ymax = p->ymin + 1;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
		"height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
		"font-family=\"sans-serif\" font-size=\"11\">\n", p->w, p->h, p->w, p->h);
	fputs("<title>", f);
	esc(f, title);
	fputs("</title>\n", f);
	fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#fff\"/>\n",
		p->w, p->h);
	fprintf(f, "<text x=\"%.1f\" y=\"14\" text-anchor=\"middle\" font-size=\"13\">",
		p->w / 2);
	esc(f, title);
	fputs("</text>\n", f);
	/* grid and ticks */
	fputs("<g stroke=\"#ddd\" stroke-width=\"1\">\n", f);
	if (p->logx) {
		for (v = pow(10, ceil(log10(p->xmin))); v <= p->xmax * 1.0001; v *= 10)
			fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
				px(p, v), (double)p->t, px(p, v), p->h - p->b);
	} else {
		step = nice_step(p->xmax - p->xmin, 6);
		for (v = ceil(p->xmin / step) * step; v <= p->xmax + step / 1e6; v += step)
			fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
				px(p, v), (double)p->t, px(p, v), p->h - p->b);
	}
	step = nice_step(p->ymax - p->ymin, 5);
	for (v = ceil(p->ymin / step) * step; v <= p->ymax + step / 1e6; v += step)
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
			(double)p->l, py(p, v), p->w - p->r, py(p, v));
	fputs("</g>\n<g fill=\"#333\">\n", f);
	if (p->logx) {
		for (v = pow(10, ceil(log10(p->xmin))); v <= p->xmax * 1.0001; v *= 10) {
			fmt_num(buf, sizeof(buf), v);
			fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
				px(p, v), p->h - p->b + 14, buf);
		}
	} else {
		step = nice_step(p->xmax - p->xmin, 6);
		for (v = ceil(p->xmin / step) * step; v <= p->xmax + step / 1e6; v += step) {
			fmt_num(buf, sizeof(buf), fabs(v) < step / 1e6 ? 0 : v);
			fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
				px(p, v), p->h - p->b + 14, buf);
		}
	}
	step = nice_step(p->ymax - p->ymin, 5);
	for (v = ceil(p->ymin / step) * step; v <= p->ymax + step / 1e6; v += step) {
		fmt_num(buf, sizeof(buf), fabs(v) < step / 1e6 ? 0 : v);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
			p->l - 4, py(p, v) + 4, buf);
	}
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", p->l +
		(p->w - p->l - p->r) / 2, p->h - 6);
	esc(f, xlabel);
	fprintf(f, "</text>\n<text x=\"12\" y=\"%.1f\" text-anchor=\"middle\" "
		"transform=\"rotate(-90 12 %.1f)\">", p->t + (p->h - p->t - p->b) / 2,
		p->t + (p->h - p->t - p->b) / 2);
	esc(f, ylabel);
	fputs("</text>\n</g>\n", f);
	fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		"fill=\"none\" stroke=\"#333\"/>\n", p->l, p->t, p->w - p->l - p->r,
		p->h - p->t - p->b);
}

static void plot_legend(struct plot *p, const char *color, bool dashed,
			const char *label)
{
	double x = p->w - p->r + 10, y = p->t + 12 + 16 * p->nleg++;

	fprintf(p->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		"stroke=\"%s\" stroke-width=\"2\"%s/>\n", x, y - 4, x + 18, y - 4,
		color, dashed ? " stroke-dasharray=\"4 3\"" : "");
	char cut[40];

	fprintf(p->f, "<text x=\"%.1f\" y=\"%.1f\">", x + 22, y);
	/* the legend column holds about 34 characters */
	if (strlen(label) > 34) {
		snprintf(cut, sizeof(cut), "%.31s...", label);
		label = cut;
	}
	esc(p->f, label);
	fputs("</text>\n", p->f);
}

static void plot_line(struct plot *p, const double *xs, const double *ys,
		      size_t n, bool step, const char *color, bool dashed,
		      const char *label)
{
	size_t i;

	fprintf(p->f, "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" "
		"stroke-width=\"1.5\"%s points=\"", color,
		dashed ? " stroke-dasharray=\"4 3\"" : "");
	for (i = 0; i < n; i++) {
		if (p->logx && xs[i] <= 0)
			continue;
		if (step && i)
			fprintf(p->f, "%.1f,%.1f ", px(p, xs[i]), py(p, ys[i - 1]));
		fprintf(p->f, "%.1f,%.1f ", px(p, xs[i]), py(p, ys[i]));
	}
	fputs("\"/>\n", p->f);
	plot_legend(p, color, dashed, label);
}

static void plot_end(struct plot *p)
{
	fputs("</svg>\n", p->f);
}

/* --- the plots ------------------------------------------------------------------ */

static void label_of(const struct result *r, char *buf, size_t size)
{
	if (strcmp(r->instance, r->backend))
		snprintf(buf, size, "%s (%s) %s", r->instance, r->backend, r->workload);
	else
		snprintf(buf, size, "%s %s", r->backend, r->workload);
	if (r->median)
		snprintf(buf + strlen(buf), size - strlen(buf), " (median of %u reps)",
			 r->reps);
	else if (r->rep)
		snprintf(buf + strlen(buf), size - strlen(buf), " rep %u", r->rep);
}

/* CDF points of @l: from the histogram when there is one, else from the
 * percentiles. Return: the number of points (into xs/ys, room for @max). */
static size_t cdf_points(const struct res_lat *l, double *xs, double *ys,
			 size_t max)
{
	double total = 0, cum = 0;
	size_t i, n = 0;

	for (i = 0; i < l->nbuckets; i++)
		total += l->bucket_count[i];
	if (l->nbuckets && total > 0) {
		for (i = 0; i < l->nbuckets && n < max; i++) {
			if (l->bucket_count[i] <= 0 && n)
				continue;
			cum += l->bucket_count[i];
			xs[n] = l->bucket_le[i];
			ys[n++] = cum / total;
		}
		return n;
	}
	{
		const double px_[] = { l->p50, l->p90, l->p99, l->p999, l->max };
		const double py_[] = { 0.5, 0.9, 0.99, 0.999, 1.0 };

		for (i = 0; i < 5 && n < max; i++) {
			xs[n] = px_[i];
			ys[n++] = py_[i];
		}
	}
	return n;
}

static void plot_cdf(FILE *f, const struct results *rs, bool alloc)
{
	struct plot p = { .f = f, .w = 760, .h = 320, .l = 50, .r = 230, .t = 24,
			  .b = 36, .xmin = INFINITY, .xmax = 0, .ymin = 0, .ymax = 1,
			  .logx = true };
	size_t i, n, k, max = 0;
	double *xs, *ys;
	char label[160];
	int any = 0;

	for (i = 0; i < rs->nr; i++) {
		const struct res_lat *l = alloc ? &rs->r[i].alloc : &rs->r[i].free;

		if (!l->present)
			continue;
		any = 1;
		if (l->nbuckets + 5 > max)
			max = l->nbuckets + 5;
	}
	if (!any)
		return;
	xs = calloc(max, sizeof(double));
	ys = calloc(max, sizeof(double));
	if (!xs || !ys)
		goto out;
	for (i = 0; i < rs->nr; i++) {
		const struct res_lat *l = alloc ? &rs->r[i].alloc : &rs->r[i].free;

		if (!l->present)
			continue;
		n = cdf_points(l, xs, ys, max);
		for (k = 0; k < n; k++) {
			if (xs[k] > 0 && xs[k] < p.xmin)
				p.xmin = xs[k];
			if (xs[k] > p.xmax)
				p.xmax = xs[k];
		}
	}
	if (!isfinite(p.xmin) || p.xmax <= 0) {
		p.xmin = 1;
		p.xmax = 10;
	}
	p.xmin = pow(10, floor(log10(p.xmin)));
	p.xmax = pow(10, ceil(log10(p.xmax * 1.0001)));
	fputs("<figure>\n", f);
	plot_begin(&p, alloc ? "Allocation latency CDF" : "Free latency CDF",
		   "latency (ns, log scale)", "fraction of operations");
	for (i = 0; i < rs->nr; i++) {
		const struct res_lat *l = alloc ? &rs->r[i].alloc : &rs->r[i].free;

		if (!l->present)
			continue;
		n = cdf_points(l, xs, ys, max);
		label_of(&rs->r[i], label, sizeof(label));
		plot_line(&p, xs, ys, n, l->nbuckets > 0, palette[i % NPAL], false, label);
	}
	plot_end(&p);
	fprintf(f, "<figcaption>%s latency: cumulative share of operations at or "
		"below each latency%s.</figcaption>\n</figure>\n",
		alloc ? "Allocation" : "Free",
		" (from the histogram buckets when saved, else through p50, p90, "
		"p99, p99.9 and max)");
out:
	free(xs);
	free(ys);
}

/* Column @c of a time plot in @s: NULL when the plot or @s has none. */
static const double *plot_col(const struct res_series *s, const size_t *offs,
			      const char *const *names, size_t c)
{
	if (!names[c])
		return NULL;
	return *(double *const *)((const char *)s + offs[c]);
}

/* A time plot of one or two series columns of every result. */
static void plot_time(FILE *f, const struct results *rs, const char *title,
		      const char *ylabel, size_t off1, const char *name1,
		      size_t off2, const char *name2, double yscale)
{
	struct plot p = { .f = f, .w = 760, .h = 300, .l = 60, .r = 230, .t = 24,
			  .b = 36, .xmin = 0, .xmax = 0, .ymin = 0, .ymax = 0 };
	size_t i, k, c, n;
	size_t offs[2] = { off1, off2 };
	const char *names[2] = { name1, name2 };
	double *xs = NULL, *ys = NULL;
	char label[200];
	bool any = false;

	for (i = 0; i < rs->nr; i++) {
		const struct res_series *s = &rs->r[i].series;

		for (c = 0; c < 2; c++) {
			const double *col = plot_col(s, offs, names, c);

			if (!col)
				continue;
			any = true;
			for (k = 0; k < s->n; k++) {
				if (s->t_ms[k] > p.xmax)
					p.xmax = s->t_ms[k];
				if (col[k] * yscale > p.ymax)
					p.ymax = col[k] * yscale;
			}
		}
	}
	if (!any)
		return;
	p.ymax *= 1.05;
	fputs("<figure>\n", f);
	plot_begin(&p, title, "time (ms)", ylabel);
	for (i = 0; i < rs->nr; i++) {
		const struct res_series *s = &rs->r[i].series;

		for (c = 0; c < 2; c++) {
			const double *col = plot_col(s, offs, names, c);

			if (!col)
				continue;
			free(xs);
			free(ys);
			xs = calloc(s->n + 1, sizeof(double));
			ys = calloc(s->n + 1, sizeof(double));
			if (!xs || !ys)
				break;
			/* points where the figure does not apply (NAN) are left out */
			for (n = 0, k = 0; k < s->n; k++) {
				if (isnan(col[k]))
					continue;
				xs[n] = s->t_ms[k];
				ys[n++] = col[k] * yscale;
			}
			label_of(&rs->r[i], label, sizeof(label) - 24);
			if (strlen(label) > 24)	/* keep the column name visible */
				strcpy(label + 21, "...");
			snprintf(label + strlen(label), sizeof(label) - strlen(label),
				 " %s", names[c]);
			plot_line(&p, xs, ys, n, false, palette[i % NPAL],
				  c == 1, label);
		}
	}
	free(xs);
	free(ys);
	plot_end(&p);
	fputs("</figure>\n", f);
}

/* Free memory per order over time, one heat map per result that has it. */
static void plot_buddy(FILE *f, const struct result *r)
{
	const struct res_series *s = &r->series;
	struct plot p = { .f = f, .w = 760, .h = 60 + 18.0 * s->nr_orders, .l = 50,
			  .r = 230, .t = 24, .b = 36, .xmin = 0, .ymin = 0,
			  .ymax = s->nr_orders };
	char title[200], label[160];
	double maxshare = 0, x0, x1, share, tot, a;
	size_t k;
	unsigned int o;

	if (!s->nr_orders || !s->n)
		return;
	p.xmax = s->t_ms[s->n - 1];
	for (k = 0; k < s->n; k++) {
		for (tot = 0, o = 0; o < s->nr_orders; o++)
			tot += s->buddy_free[k * s->nr_orders + o] * (double)(1ULL << o);
		for (o = 0; o < s->nr_orders && tot > 0; o++) {
			share = s->buddy_free[k * s->nr_orders + o] * (double)(1ULL << o) / tot;
			if (share > maxshare)
				maxshare = share;
		}
	}
	label_of(r, label, sizeof(label));
	snprintf(title, sizeof(title), "Free memory by buddy order: %s", label);
	fputs("<figure>\n", f);
	plot_begin(&p, title, "time (ms)", "order");
	for (k = 0; k < s->n; k++) {
		x0 = px(&p, s->t_ms[k]);
		x1 = k + 1 < s->n ? px(&p, s->t_ms[k + 1]) : p.w - p.r;
		for (tot = 0, o = 0; o < s->nr_orders; o++)
			tot += s->buddy_free[k * s->nr_orders + o] * (double)(1ULL << o);
		for (o = 0; o < s->nr_orders; o++) {
			share = tot > 0 ? s->buddy_free[k * s->nr_orders + o] *
					  (double)(1ULL << o) / tot : 0;
			/* white (none) to #1f77b4 (the largest share) */
			a = maxshare > 0 ? share / maxshare : 0;
			fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				"height=\"%.1f\" fill=\"#%02x%02x%02x\">"
				"<title>t=%g ms order %u: %g free blocks</title></rect>\n",
				x0, py(&p, o + 1), x1 - x0 > 0 ? x1 - x0 : 0.5,
				py(&p, o) - py(&p, o + 1),
				(unsigned int)(255 - a * (255 - 0x1f)),
				(unsigned int)(255 - a * (255 - 0x77)),
				(unsigned int)(255 - a * (255 - 0xb4)), s->t_ms[k], o,
				s->buddy_free[k * s->nr_orders + o]);
		}
	}
	plot_legend(&p, "#1f77b4", false, "darker: more of the free memory");
	plot_end(&p);
	fputs("<figcaption>Share of free memory held in blocks of each order "
	      "(row = order, 0 at the bottom).</figcaption>\n</figure>\n", f);
}

/* --- tables ---------------------------------------------------------------------- */

/* A number cell; "n/a" for a figure that does not apply (NAN). */
static void td_num(FILE *f, double v, const char *fmt)
{
	fputs("<td class=\"n\">", f);
	if (isnan(v))
		fputs("n/a", f);
	else
		fprintf(f, fmt, v);
	fputs("</td>", f);
}

static void results_table(FILE *f, const struct results *rs)
{
	static const char *const heads[] = {
		"backend", "instance", "workload", "rep", "ops", "failures",
		"alloc p50 (ns)", "alloc p99 (ns)", "alloc p99.9 (ns)", "alloc max (ns)",
		"free p50 (ns)", "free p99 (ns)", "floor (ns)", "throughput (ops/s)",
		"internal frag (%)", "external frag (%)", "stranded (%)",
		"requested peak (B)",
		"held peak (B)", "utilization (%)",
	};
	size_t i, k;

	fputs("<table>\n<thead><tr>", f);
	for (k = 0; k < sizeof(heads) / sizeof(heads[0]); k++) {
		fputs("<th>", f);
		esc(f, heads[k]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (i = 0; i < rs->nr; i++) {
		const struct result *r = &rs->r[i];

		fputs("<tr><td>", f);
		esc(f, r->backend);
		fputs("</td><td>", f);
		esc(f, r->instance);
		fputs("</td><td>", f);
		esc(f, r->workload);
		fputs("</td>", f);
		if (r->median)
			fputs("<td>median</td>", f);
		else
			td_num(f, r->rep, "%.0f");
		td_num(f, (double)r->ops, "%.0f");
		td_num(f, (double)r->failures, "%.0f");
		if (r->alloc.present) {
			td_num(f, r->alloc.p50, "%.0f");
			td_num(f, r->alloc.p99, "%.0f");
			td_num(f, r->alloc.p999, "%.0f");
			td_num(f, r->alloc.max, "%.0f");
		} else {
			fputs("<td>-</td><td>-</td><td>-</td><td>-</td>", f);
		}
		if (r->free.present) {
			td_num(f, r->free.p50, "%.0f");
			td_num(f, r->free.p99, "%.0f");
		} else {
			fputs("<td>-</td><td>-</td>", f);
		}
		td_num(f, r->floor_ns, "%.0f");
		td_num(f, r->ops_per_sec, "%.0f");
		td_num(f, r->internal_pct, "%.1f");
		td_num(f, r->external_pct, "%.1f");
		td_num(f, r->stranded_pct, "%.1f");
		td_num(f, (double)r->requested_peak, "%.0f");
		td_num(f, (double)r->held_peak, "%.0f");
		td_num(f, r->utilization_pct, "%.1f");
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
}

int report_html(FILE *f, const struct results *rs, const char *title)
{
	size_t i;
	bool buddy = false;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	      "<title>", f);
	esc(f, title);
	fputs("</title>\n<style>\n"
	      "body{font-family:sans-serif;margin:2em;color:#222}\n"
	      "table{border-collapse:collapse;margin:1em 0;font-size:90%}\n"
	      "th,td{border:1px solid #ccc;padding:2px 6px}\n"
	      "th{background:#f0f0f0}\ntd.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	      "figure{margin:1em 0}\nfigcaption{font-size:85%;color:#555}\n"
	      "</style>\n</head>\n<body>\n<h1>", f);
	esc(f, title);
	fputs("</h1>\n<h2>Context</h2>\n<table class=\"context\">\n", f);
	for (i = 0; i < rs->nctx; i++) {
		fputs("<tr><th>", f);
		esc(f, rs->ctx_key[i]);
		fputs("</th><td>", f);
		esc(f, rs->ctx_val[i]);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n<h2>Results</h2>\n", f);
	results_table(f, rs);
	fputs("<h2>Latency</h2>\n", f);
	plot_cdf(f, rs, true);
	plot_cdf(f, rs, false);
	fputs("<h2>Over time</h2>\n", f);
	plot_time(f, rs, "Fragmentation over time", "fragmentation (%)",
		  offsetof(struct res_series, external_pct), "external",
		  offsetof(struct res_series, internal_pct), "internal", 1);
	plot_time(f, rs, "Stranded in free slots over time (object caches)",
		  "stranded (%)", offsetof(struct res_series, stranded_pct),
		  "stranded", 0, NULL, 1);
	plot_time(f, rs, "Memory over time", "KiB",
		  offsetof(struct res_series, held_bytes), "held",
		  offsetof(struct res_series, requested_bytes), "requested", 1.0 / 1024);
	for (i = 0; i < rs->nr; i++)
		if (rs->r[i].series.nr_orders)
			buddy = true;
	if (buddy) {
		fputs("<h2>Buddy orders</h2>\n", f);
		for (i = 0; i < rs->nr; i++)
			plot_buddy(f, &rs->r[i]);
	}
	fputs("<p>Written by kmemlab " KMEMLAB_TOOL_VERSION
	      " report from results.json (schema " RESULTS_SCHEMA ").</p>\n"
	      "</body>\n</html>\n", f);
	return ferror(f) ? -EIO : 0;
}

int results_save(const char *dir, const struct results *rs, const char *title)
{
	char path[4096];
	FILE *f;
	int bad;

	if (mkdir(dir, 0755) && errno != EEXIST) {
		cli_error(dir, "%s", strerror(errno));
		return CLI_EXIT_FAIL;
	}
	snprintf(path, sizeof(path), "%s/results.json", dir);
	f = fopen(path, "w");
	if (!f) {
		cli_error(path, "%s", strerror(errno));
		return CLI_EXIT_FAIL;
	}
	bad = results_write(f, rs);
	if (fclose(f) || bad) {
		cli_error(path, "write failed");
		return CLI_EXIT_FAIL;
	}
	snprintf(path, sizeof(path), "%s/report.html", dir);
	f = fopen(path, "w");
	if (!f) {
		cli_error(path, "%s", strerror(errno));
		return CLI_EXIT_FAIL;
	}
	bad = report_html(f, rs, title);
	if (fclose(f) || bad) {
		cli_error(path, "write failed");
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}
