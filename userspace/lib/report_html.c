// SPDX-License-Identifier: GPL-2.0
/*
 * report.html from results (schema in docs/cli.md): one self-contained
 * page for a performance engineer. First a headline table (per comparison:
 * ratios to its first row with their 95% intervals), then per comparison
 * (bench table, or the one run) small charts: ratio bars with error bars,
 * latency CDFs with a log-scale tail view, memory and fragmentation over
 * time and, when the results carry it, free memory per buddy order over
 * time; the full result table last. Inline SVG, no scripts, no external
 * files. Also the results directory that run, replay and bench save.
 *
 * Every chart names each of its series in a legend inside its SVG: one
 * series per row of the comparison, at most CHART_ROWS per chart (larger
 * comparisons get several charts), one colour each from a fixed palette.
 * Text is fitted by an estimate of its width (characters x font size x
 * TEXT_EM, an upper bound for the sans-serif fonts browsers use for
 * lower-case names and digits); a cut name ends in "..." and keeps the
 * whole name as a tooltip. tests/cli/report_render.sh checks the page
 * against the same estimate.
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
#include "runparse.h"

/* Okabe-Ito's colour-blind-safe set, its yellow swapped for grey. */
static const char *const palette[] = {
	"#0072b2", "#d55e00", "#009e73", "#cc79a7",
	"#000000", "#e69f00", "#56b4e9", "#8a8a8a",
};

#define CHART_ROWS	(sizeof(palette) / sizeof(palette[0]))
#define CHART_W		380	/* every small chart, px */
#define TEXT_EM		0.62	/* estimated glyph width / font size */
#define FONT		11	/* axis and legend text, px */
#define FONT_TITLE	12
#define LEG_ROW		15	/* legend line pitch, px */

/* How the page names the figures of ratios_vs_first (runparse.h). */
static const struct {
	const char *label;
	bool higher_better;
} ratio_fig[CMP_R_NR] = {
	[CMP_R_ALLOC_P50] = { "alloc p50", false },
	[CMP_R_ALLOC_P99] = { "alloc p99", false },
	[CMP_R_ALLOC_MEAN] = { "alloc mean", false },
	[CMP_R_FREE_P50] = { "free p50", false },
	[CMP_R_FREE_P99] = { "free p99", false },
	[CMP_R_OPS] = { "throughput", true },
};

/* Text for HTML and XML: & < > " ' escaped; at most @n bytes of @s. */
static void esc_n(FILE *f, const char *s, size_t n)
{
	for (; n && *s; s++, n--) {
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

static void esc(FILE *f, const char *s)
{
	esc_n(f, s, (size_t)-1);
}

/* Characters (UTF-8 code points) in @s. */
static size_t text_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* The estimated width of @s at @fs px (see the top of the file). */
static double text_w(const char *s, double fs)
{
	return (double)text_chars(s) * fs * TEXT_EM;
}

/*
 * The content of a <text> element: @s, or as much of it as fits in @room
 * px followed by "..." with the whole of @s as its tooltip.
 */
static void text_fit(FILE *f, const char *s, double room, double fs)
{
	size_t keep, chars, i;

	if (text_w(s, fs) <= room) {
		esc(f, s);
		return;
	}
	chars = room / (fs * TEXT_EM) > 3 ? (size_t)(room / (fs * TEXT_EM)) - 3 : 0;
	for (i = 0, keep = 0; s[i] && keep <= chars; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && ++keep > chars)
			break;
	fputs("<title>", f);
	esc(f, s);
	fputs("</title>", f);
	esc_n(f, s, i);
	fputs("...", f);
}

/* --- SVG plots ------------------------------------------------------------------ */

enum { KEY_LINE, KEY_DASHED, KEY_BOX, KEY_HOLLOW };

struct plot {
	FILE *f;
	double w, ph;			/* picture width, plot area height */
	double h;			/* picture height (plot_begin) */
	double l, r, t, b;		/* margins; b includes the legend */
	double xmin, xmax, ymin, ymax;
	bool logx, logy;
	bool no_yticks;			/* y is a layout, not a scale */
	unsigned int nkeys;		/* legend entries to make room for */
	unsigned int nleg;		/* legend entries drawn */
	double leg_top, leg_colw;
	unsigned int leg_cols;
};

static double axis(double v, bool lg)
{
	return lg ? log10(v) : v;
}

static double px(const struct plot *p, double x)
{
	return p->l + (axis(x, p->logx) - axis(p->xmin, p->logx)) /
		      (axis(p->xmax, p->logx) - axis(p->xmin, p->logx)) *
		      (p->w - p->l - p->r);
}

static double py(const struct plot *p, double y)
{
	return p->t + p->ph - (axis(y, p->logy) - axis(p->ymin, p->logy)) /
			      (axis(p->ymax, p->logy) - axis(p->ymin, p->logy)) * p->ph;
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

/*
 * The ticks of an axis from @lo to @hi: 1-2-5 steps, or decades when a
 * log axis spans more than two of them. Return: how many (into @v).
 */
static size_t ticks(double lo, double hi, bool lg, double *v, size_t max)
{
	static const double mant[] = { 1, 2, 5 };
	size_t n = 0, m;
	double d, x, step;

	if (!lg) {
		step = nice_step(hi - lo, 5);
		for (x = ceil(lo / step) * step; x <= hi + step / 1e6 && n < max; x += step)
			v[n++] = fabs(x) < step / 1e6 ? 0 : x;
		return n;
	}
	for (d = floor(log10(lo)); d <= ceil(log10(hi)) && n < max; d++) {
		for (m = 0; m < 3 && n < max; m++) {
			if (m && log10(hi / lo) > 2)
				break;
			x = mant[m] * pow(10, d);
			if (x >= lo * 0.9999 && x <= hi * 1.0001)
				v[n++] = x;
		}
	}
	return n;
}

static void plot_begin(struct plot *p, const char *title, const char *xlabel,
		       const char *ylabel)
{
	unsigned int rows;
	double v[40], midy;
	size_t n, i;
	FILE *f = p->f;
	char buf[32];

	if (!(p->xmax > p->xmin))
		p->xmax = p->logx ? p->xmin * 10 : p->xmin + 1;
	if (!(p->ymax > p->ymin))
		p->ymax = p->logy ? p->ymin * 10 : p->ymin + 1;
	p->leg_cols = 2;
	p->leg_colw = (p->w - 16) / p->leg_cols;
	rows = (p->nkeys + p->leg_cols - 1) / p->leg_cols;
	p->b = 36 + (rows ? rows * LEG_ROW + 4 : 0);
	p->h = p->t + p->ph + p->b;
	p->leg_top = p->t + p->ph + 36;
	p->nleg = 0;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
		"height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
		"font-family=\"sans-serif\" font-size=\"%d\">\n", p->w, p->h, p->w,
		p->h, FONT);
	fputs("<title>", f);
	esc(f, title);
	fputs("</title>\n", f);
	fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#fff\"/>\n",
		p->w, p->h);
	fprintf(f, "<text x=\"%.1f\" y=\"15\" text-anchor=\"middle\" font-size=\"%d\" "
		"font-weight=\"bold\">", p->w / 2, FONT_TITLE);
	text_fit(f, title, p->w - 8, FONT_TITLE);
	fputs("</text>\n", f);
	/* grid */
	fputs("<g stroke=\"#e4e4e4\" stroke-width=\"1\">\n", f);
	n = ticks(p->xmin, p->xmax, p->logx, v, 40);
	for (i = 0; i < n; i++)
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
			px(p, v[i]), p->t, px(p, v[i]), p->t + p->ph);
	if (!p->no_yticks) {
		n = ticks(p->ymin, p->ymax, p->logy, v, 40);
		for (i = 0; i < n; i++)
			fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
				p->l, py(p, v[i]), p->w - p->r, py(p, v[i]));
	}
	fputs("</g>\n<g fill=\"#333\">\n", f);
	n = ticks(p->xmin, p->xmax, p->logx, v, 40);
	for (i = 0; i < n; i++) {
		fmt_num(buf, sizeof(buf), v[i]);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
			px(p, v[i]), p->t + p->ph + 14, buf);
	}
	if (!p->no_yticks) {
		n = ticks(p->ymin, p->ymax, p->logy, v, 40);
		for (i = 0; i < n; i++) {
			fmt_num(buf, sizeof(buf), v[i]);
			fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
				p->l - 4, py(p, v[i]) + 4, buf);
		}
	}
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
		p->l + (p->w - p->l - p->r) / 2, p->t + p->ph + 29);
	text_fit(f, xlabel, p->w - 8, FONT);
	fputs("</text>\n", f);
	if (ylabel) {
		midy = p->t + p->ph / 2;
		fprintf(f, "<text x=\"11\" y=\"%.1f\" text-anchor=\"middle\" "
			"transform=\"rotate(-90 11 %.1f)\">", midy, midy);
		text_fit(f, ylabel, p->ph, FONT);
		fputs("</text>\n", f);
	}
	fputs("</g>\n", f);
	fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		"fill=\"none\" stroke=\"#999\"/>\n", p->l, p->t, p->w - p->l - p->r,
		p->ph);
}

/* The next legend entry: a key drawn in @kind and @color, then @label. */
static void plot_legend(struct plot *p, const char *color, int kind,
			const char *label)
{
	unsigned int col = p->nleg % p->leg_cols, row = p->nleg / p->leg_cols;
	double x = 8 + col * p->leg_colw, y = p->leg_top + 11 + row * LEG_ROW;
	FILE *f = p->f;

	p->nleg++;
	if (kind == KEY_BOX || kind == KEY_HOLLOW)
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"8\" "
			"fill=\"%s\" stroke=\"%s\"/>\n", x + 1, y - 8,
			kind == KEY_BOX ? color : "#fff", color);
	else
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"%s\" stroke-width=\"2\"%s/>\n", x, y - 4, x + 18,
			y - 4, color, kind == KEY_DASHED ? " stroke-dasharray=\"4 3\"" : "");
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">", x + 22, y);
	text_fit(f, label, p->leg_colw - 28, FONT);
	fputs("</text>\n", f);
}

static void plot_line(struct plot *p, const double *xs, const double *ys,
		      size_t n, bool step, const char *color, bool dashed,
		      const char *label)
{
	bool first = true;
	double prev = 0;
	size_t i;

	fprintf(p->f, "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" "
		"stroke-width=\"1.5\"%s points=\"", color,
		dashed ? " stroke-dasharray=\"4 3\"" : "");
	for (i = 0; i < n; i++) {
		if ((p->logx && xs[i] <= 0) || (p->logy && ys[i] <= 0))
			continue;
		if (step && !first)
			fprintf(p->f, "%.1f,%.1f ", px(p, xs[i]), py(p, prev));
		fprintf(p->f, "%.1f,%.1f ", px(p, xs[i]), py(p, ys[i]));
		prev = ys[i];
		first = false;
	}
	fputs("\"/>\n", p->f);
	plot_legend(p, color, dashed ? KEY_DASHED : KEY_LINE, label);
}

static void plot_end(struct plot *p)
{
	fputs("</svg>\n", p->f);
}

/* --- comparisons ---------------------------------------------------------------- */

/*
 * The rows that ran together: a bench table ("group"), or the rows of one
 * run or replay (no group: its workload). The first is the reference of
 * its ratios_vs_first.
 */
struct cmp {
	const char *name;
	size_t *idx;			/* into rs->r, in file order */
	size_t n;
};

static const char *cmp_key(const struct result *r)
{
	return r->group[0] ? r->group : r->workload;
}

/* Return: the comparisons of @rs (*@cmps and its index space in @idx,
 * both for the caller to free), or -ENOMEM. */
static long cmps_of(const struct results *rs, struct cmp **cmps, size_t **idx)
{
	size_t i, j, n = 0, *cid, at = 0;
	struct cmp *c;

	*cmps = c = calloc(rs->nr ? rs->nr : 1, sizeof(*c));
	*idx = calloc(rs->nr ? rs->nr : 1, sizeof(size_t));
	cid = calloc(rs->nr ? rs->nr : 1, sizeof(size_t));
	if (!c || !*idx || !cid) {
		free(cid);
		return -ENOMEM;
	}
	for (i = 0; i < rs->nr; i++) {
		for (j = 0; j < n; j++)
			if (!strcmp(c[j].name, cmp_key(&rs->r[i])))
				break;
		if (j == n)
			c[n++].name = cmp_key(&rs->r[i]);
		c[j].n++;
		cid[i] = j;
	}
	for (j = 0; j < n; j++) {
		c[j].idx = *idx + at;
		at += c[j].n;
		c[j].n = 0;
	}
	for (i = 0; i < rs->nr; i++)
		c[cid[i]].idx[c[cid[i]].n++] = i;
	free(cid);
	return (long)n;
}

static const struct result *cmp_row(const struct results *rs,
				    const struct cmp *c, size_t k)
{
	return &rs->r[c->idx[k]];
}

/* Row @k's name in its comparison: the backend, or the instance when two
 * rows share a backend; "rep N" for a row of one rep. */
static void row_label(const struct results *rs, const struct cmp *c, size_t k,
		      char *buf, size_t size)
{
	const struct result *r = cmp_row(rs, c, k);
	bool dup = false;
	size_t j;

	for (j = 0; j < c->n; j++)
		if (j != k && !strcmp(cmp_row(rs, c, j)->backend, r->backend))
			dup = true;
	snprintf(buf, size, "%s", dup ? r->instance : r->backend);
	if (!r->median && r->rep)
		snprintf(buf + strlen(buf), size - strlen(buf), " rep %u", r->rep);
}

static const struct res_ratio *ratio_of(const struct result *r, unsigned int fig)
{
	size_t i;

	for (i = 0; i < r->nratios; i++)
		if (!strcmp(r->ratios[i].key, cmp_ratio_keys[fig]))
			return &r->ratios[i];
	return NULL;
}

/* The figure @fig of @r as a number (the value its ratio is made of). */
static double fig_value(const struct result *r, unsigned int fig)
{
	switch (fig) {
	case CMP_R_ALLOC_P50:
		return r->alloc.present ? r->alloc.p50 : NAN;
	case CMP_R_ALLOC_P99:
		return r->alloc.present ? r->alloc.p99 : NAN;
	case CMP_R_ALLOC_MEAN:
		return r->alloc.present ? r->alloc.mean : NAN;
	case CMP_R_FREE_P50:
		return r->free.present ? r->free.p50 : NAN;
	case CMP_R_FREE_P99:
		return r->free.present ? r->free.p99 : NAN;
	default:
		return r->ops_per_sec;
	}
}

static void fmt_ratio(char *buf, size_t size, double v)
{
	snprintf(buf, size, v >= 0.1 ? "%.2f" : "%.3f", v);
}

static void fmt_bytes(char *buf, size_t size, double v)
{
	if (v >= 10.0 * (1 << 30))
		snprintf(buf, size, "%.1f GiB", v / (1 << 30));
	else if (v >= 10.0 * (1 << 20))
		snprintf(buf, size, "%.1f MiB", v / (1 << 20));
	else if (v >= 10.0 * (1 << 10))
		snprintf(buf, size, "%.1f KiB", v / (1 << 10));
	else
		snprintf(buf, size, "%.0f B", v);
}

static void fmt_value(char *buf, size_t size, unsigned int fig, double v)
{
	if (isnan(v))
		snprintf(buf, size, "n/a");
	else if (fig != CMP_R_OPS)
		snprintf(buf, size, "%.0f ns", v);
	else if (v >= 1e6)
		snprintf(buf, size, "%.2f M ops/s", v / 1e6);
	else if (v >= 1e3)
		snprintf(buf, size, "%.1f k ops/s", v / 1e3);
	else
		snprintf(buf, size, "%.0f ops/s", v);
}

/* --- the headline table --------------------------------------------------------- */

static const unsigned int headline_figs[] = {
	CMP_R_ALLOC_P50, CMP_R_ALLOC_P99, CMP_R_FREE_P50, CMP_R_OPS,
};

/* A ratio cell: the ratio, its interval, and whether a difference shows. */
static void td_ratio(FILE *f, unsigned int fig, const struct result *r,
		     const struct result *ref)
{
	const struct res_ratio *q = ratio_of(r, fig);
	double v, base;
	char a[32], lo[32], hi[32];
	const char *cls = "";

	if (!q) {
		/* no ratio saved (one rep, or an older file): of the medians */
		v = fig_value(r, fig);
		base = fig_value(ref, fig);
		if (isnan(v) || isnan(base) || base <= 0) {
			fputs("<td class=\"n\">n/a</td>", f);
			return;
		}
		fmt_ratio(a, sizeof(a), v / base);
		fprintf(f, "<td class=\"n\">%s&#215; <span class=\"ci\">(no interval)</span></td>",
			a);
		return;
	}
	fmt_ratio(a, sizeof(a), q->ratio);
	if (!q->has_ci) {
		fprintf(f, "<td class=\"n\">%s&#215; <span class=\"ci\">(no interval: "
			"needs 3 reps)</span></td>", a);
		return;
	}
	if (q->no_diff)
		cls = " nd";
	else if ((q->ratio > 1) == ratio_fig[fig].higher_better)
		cls = " better";
	else
		cls = " worse";
	fmt_ratio(lo, sizeof(lo), q->ci_lo);
	fmt_ratio(hi, sizeof(hi), q->ci_hi);
	fprintf(f, "<td class=\"n%s\">%s&#215; <span class=\"ci\">[%s, %s]</span>%s</td>",
		cls, a, lo, hi, q->no_diff ?
		"<span class=\"mark\">no difference shown</span>" : "");
}

static void td_frag(FILE *f, const struct result *r)
{
	bool any = false;

	fputs("<td class=\"n\">", f);
	if (!isnan(r->external_pct)) {
		fprintf(f, "external %.1f %%", r->external_pct);
		any = true;
	}
	if (!isnan(r->stranded_pct)) {
		fprintf(f, "%sstranded %.1f %%", any ? "<br/>" : "", r->stranded_pct);
		any = true;
	}
	if (!isnan(r->internal_pct)) {
		fprintf(f, "%sinternal %.1f %%", any ? "<br/>" : "", r->internal_pct);
		any = true;
	}
	fputs(any ? "</td>" : "n/a</td>", f);
}

static void headline_table(FILE *f, const struct results *rs,
			   const struct cmp *cmps, size_t ncmp)
{
	const struct result *r, *ref;
	char label[64], buf[48];
	size_t ci, k, i;

	fputs("<div class=\"wrap\"><table class=\"headline\">\n<thead><tr>"
	      "<th>comparison</th><th>backend</th>", f);
	for (i = 0; i < sizeof(headline_figs) / sizeof(headline_figs[0]); i++)
		fprintf(f, "<th>%s</th>", ratio_fig[headline_figs[i]].label);
	fputs("<th>held peak</th><th>fragmentation</th></tr></thead>\n<tbody>\n", f);
	for (ci = 0; ci < ncmp; ci++) {
		const struct cmp *c = &cmps[ci];

		ref = cmp_row(rs, c, 0);
		for (k = 0; k < c->n; k++) {
			r = cmp_row(rs, c, k);
			fprintf(f, "<tr class=\"%s\">", k ? "cmp" : "ref");
			if (!k) {
				fprintf(f, "<th rowspan=\"%zu\"><a href=\"#cmp%zu\">", c->n, ci + 1);
				esc(f, c->name);
				fputs("</a></th>", f);
			}
			row_label(rs, c, k, label, sizeof(label));
			fputs("<td>", f);
			esc(f, label);
			if (!k)
				fputs(c->n > 1 ? " <span class=\"ci\">(reference)</span>" :
				      " <span class=\"ci\">(only row)</span>", f);
			fputs("</td>", f);
			for (i = 0; i < sizeof(headline_figs) / sizeof(headline_figs[0]); i++) {
				if (k) {
					td_ratio(f, headline_figs[i], r, ref);
					continue;
				}
				fmt_value(buf, sizeof(buf), headline_figs[i],
					  fig_value(r, headline_figs[i]));
				fprintf(f, "<td class=\"n\">%s</td>", buf);
			}
			if (isnan(r->held_peak)) {
				fputs("<td class=\"n\">n/a</td>", f);
			} else {
				fmt_bytes(buf, sizeof(buf), r->held_peak);
				fputs("<td class=\"n\">", f);
				if (k && !isnan(ref->held_peak) && ref->held_peak > 0) {
					char a[32];

					fmt_ratio(a, sizeof(a), r->held_peak / ref->held_peak);
					fprintf(f, "%s&#215; <span class=\"ci\">(%s)</span>", a, buf);
				} else {
					fputs(buf, f);
				}
				fputs("</td>", f);
			}
			td_frag(f, r);
			fputs("</tr>\n", f);
		}
	}
	fputs("</tbody>\n</table></div>\n", f);
}

/* --- the charts of a comparison ------------------------------------------------- */

/* Rows [a, b) of comparison @c: at most CHART_ROWS, colour palette[k - a]. */
struct chunk {
	const struct results *rs;
	const struct cmp *c;
	size_t a, b;
};

static const char *chunk_color(const struct chunk *ch, size_t k)
{
	return palette[(k - ch->a) % CHART_ROWS];
}

/* Ratio bars to the reference with their 95% intervals as error bars. */
static void chart_ratios(FILE *f, const struct chunk *ch)
{
	struct plot p = { .f = f, .w = CHART_W, .l = 84, .r = 16, .t = 24,
			  .logx = true, .no_yticks = true };
	double lo = 1, hi = 1, block, y, x1, xr;
	unsigned int figs[CMP_R_NR], nfig = 0, fig, fi;
	char label[64], ref[64], title[128], a[32], b[32], c[32];
	const struct res_ratio *q;
	size_t k, nrow = 0, j;
	bool nd = false;

	for (fig = 0; fig < CMP_R_NR; fig++) {
		bool has = false;

		for (k = ch->a ? ch->a : 1; k < ch->b; k++) {
			q = ratio_of(cmp_row(ch->rs, ch->c, k), fig);
			if (!q || !(q->ratio > 0))
				continue;
			has = true;
			nd |= q->has_ci && q->no_diff;
			lo = fmin(lo, q->ratio);
			hi = fmax(hi, q->ratio);
			if (q->has_ci && q->ci_lo > 0) {
				lo = fmin(lo, q->ci_lo);
				hi = fmax(hi, q->ci_hi);
			}
		}
		if (has)
			figs[nfig++] = fig;
	}
	if (!nfig)
		return;
	nrow = ch->b - (ch->a ? ch->a : 1);
	block = nrow * 10 + 8;
	p.ph = nfig * block;
	p.xmin = lo / 1.3;
	p.xmax = hi * 1.3;
	p.ymin = 0;
	p.ymax = p.ph;
	p.nkeys = nrow + nd;
	row_label(ch->rs, ch->c, 0, ref, sizeof(ref));
	snprintf(title, sizeof(title), "Ratio to %s, 95 %% interval", ref);
	fputs("<figure>\n", f);
	plot_begin(&p, title, "ratio to the reference (log scale)", NULL);
	x1 = px(&p, 1);
	for (fi = 0; fi < nfig; fi++) {
		fig = figs[fi];
		y = p.t + fi * block;
		if (fi)
			fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				"stroke=\"#e4e4e4\"/>\n", p.l, y, p.w - p.r, y);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#333\">",
			p.l - 4, y + block / 2 + 4);
		text_fit(f, ratio_fig[fig].label, p.l - 8, FONT);
		fputs("</text>\n", f);
		for (j = 0, k = ch->a ? ch->a : 1; k < ch->b; k++, j++) {
			const char *col = chunk_color(ch, k);
			double yb = y + 4 + j * 10;

			q = ratio_of(cmp_row(ch->rs, ch->c, k), fig);
			if (!q || !(q->ratio > 0))
				continue;
			xr = px(&p, q->ratio);
			row_label(ch->rs, ch->c, k, label, sizeof(label));
			fmt_ratio(a, sizeof(a), q->ratio);
			fprintf(f, "<g><title>");
			esc(f, label);
			fprintf(f, " %s: %sx", ratio_fig[fig].label, a);
			if (q->has_ci) {
				fmt_ratio(b, sizeof(b), q->ci_lo);
				fmt_ratio(c, sizeof(c), q->ci_hi);
				fprintf(f, " [%s, %s]%s", b, c,
					q->no_diff ? " no difference shown" : "");
			}
			fprintf(f, "</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				"height=\"8\" fill=\"%s\" stroke=\"%s\"/>",
				fmin(x1, xr), yb, fmax(fabs(xr - x1), 1.0),
				q->has_ci && q->no_diff ? "#fff" : col, col);
			if (q->has_ci && q->ci_lo > 0) {
				double l0 = px(&p, q->ci_lo), l1 = px(&p, q->ci_hi);

				fprintf(f, "<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f "
					"%.1fV%.1f\" stroke=\"#222\" fill=\"none\"/>",
					l0, yb + 4, l1, l0, yb + 1, yb + 7, l1, yb + 1,
					yb + 7);
			}
			fputs("</g>\n", f);
		}
	}
	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		"stroke=\"#222\"/>\n", x1, p.t, x1, p.t + p.ph);
	for (k = ch->a ? ch->a : 1; k < ch->b; k++) {
		row_label(ch->rs, ch->c, k, label, sizeof(label));
		plot_legend(&p, chunk_color(ch, k), KEY_BOX, label);
	}
	if (nd)
		plot_legend(&p, "#444", KEY_HOLLOW, "hollow: no difference");
	plot_end(&p);
	fputs("<figcaption>Median over reps against the reference, whiskers the "
	      "95 % interval; latency below 1 and throughput above 1 is "
	      "faster.</figcaption>\n</figure>\n", f);
}

/* CDF points of @l: from the histogram when there is one, else from the
 * percentiles. Return: the number of points (into xs/ys, room for @max). */
static size_t cdf_points(const struct res_lat *l, double *xs, double *ys,
			 size_t max)
{
	const double pxs[] = { l->p50, l->p90, l->p99, l->p999, l->max };
	const double pys[] = { 0.5, 0.9, 0.99, 0.999, 1.0 };
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
	for (i = 0; i < 5 && n < max; i++) {
		xs[n] = pxs[i];
		ys[n++] = pys[i];
	}
	return n;
}

static const struct res_lat *lat_of(const struct result *r, bool alloc)
{
	return alloc ? &r->alloc : &r->free;
}

/*
 * Latency of rows of @ch: the CDF on a log x axis or, for @tail, the
 * share of operations slower than x (1 - CDF) on log-log axes, which
 * spreads p90 .. max over most of the picture.
 */
static void chart_cdf(FILE *f, const struct chunk *ch, bool alloc, bool tail)
{
	struct plot p = { .f = f, .w = CHART_W, .ph = 150, .l = 50, .r = 16,
			  .t = 24, .xmin = INFINITY, .xmax = 0, .ymin = tail ? 1 : 0,
			  .ymax = 1, .logx = true, .logy = tail };
	size_t k, n, i, max = 0, nrow = 0;
	double *xs = NULL, *ys = NULL;
	char label[64];

	for (k = ch->a; k < ch->b; k++) {
		const struct res_lat *l = lat_of(cmp_row(ch->rs, ch->c, k), alloc);

		if (!l->present)
			continue;
		nrow++;
		if (l->nbuckets + 5 > max)
			max = l->nbuckets + 5;
	}
	if (!nrow)
		return;
	xs = calloc(max, sizeof(double));
	ys = calloc(max, sizeof(double));
	if (!xs || !ys)
		goto out;
	for (k = ch->a; k < ch->b; k++) {
		const struct res_lat *l = lat_of(cmp_row(ch->rs, ch->c, k), alloc);

		if (!l->present)
			continue;
		n = cdf_points(l, xs, ys, max);
		for (i = 0; i < n; i++) {
			if (tail && ys[i] < 1 && 1 - ys[i] < p.ymin)
				p.ymin = 1 - ys[i];
			if (tail && ys[i] < 0.5)
				continue;	/* the tail view starts at p50 */
			if (xs[i] > 0 && xs[i] < p.xmin)
				p.xmin = xs[i];
			if (xs[i] > p.xmax)
				p.xmax = xs[i];
		}
	}
	if (!isfinite(p.xmin) || p.xmax <= 0) {
		p.xmin = 1;
		p.xmax = 10;
	}
	p.xmin = pow(10, floor(log10(p.xmin)));
	p.xmax = pow(10, ceil(log10(p.xmax * 1.0001)));
	if (tail)
		p.ymin = pow(10, floor(log10(p.ymin < 1 ? p.ymin : 0.1)));
	p.nkeys = nrow;
	fputs("<figure>\n", f);
	plot_begin(&p, tail ? (alloc ? "Allocation latency tail (1 - CDF)" :
			       "Free latency tail (1 - CDF)") :
		   (alloc ? "Allocation latency CDF" : "Free latency CDF"),
		   "latency (ns, log scale)",
		   tail ? "share slower (log)" : "fraction of ops");
	for (k = ch->a; k < ch->b; k++) {
		const struct res_lat *l = lat_of(cmp_row(ch->rs, ch->c, k), alloc);

		if (!l->present)
			continue;
		n = cdf_points(l, xs, ys, max);
		if (tail)
			for (i = 0; i < n; i++)
				ys[i] = 1 - ys[i];
		row_label(ch->rs, ch->c, k, label, sizeof(label));
		plot_line(&p, xs, ys, n, l->nbuckets > 0, chunk_color(ch, k), false,
			  label);
	}
	plot_end(&p);
	fputs("</figure>\n", f);
out:
	free(xs);
	free(ys);
}

/* The column of @s a time chart draws: held bytes (@memory) or the
 * fragmentation figure that applies (external, else stranded). */
static const double *time_col(const struct res_series *s, bool memory,
			      bool *stranded)
{
	*stranded = false;
	if (memory)
		return s->held_bytes;
	if (s->external_pct)
		return s->external_pct;
	*stranded = s->stranded_pct != NULL;
	return s->stranded_pct;
}

/* Memory held (and requested) or fragmentation over time, a line per row. */
static void chart_time(FILE *f, const struct chunk *ch, bool memory)
{
	struct plot p = { .f = f, .w = CHART_W, .ph = 150, .l = 50, .r = 16,
			  .t = 24 };
	const struct res_series *req = NULL;
	double *xs = NULL, *ys = NULL, scale = 1;
	const char *unit = "B";
	char label[80], ylabel[48];
	size_t k, i, n, nrow = 0;
	const double *col;
	bool stranded;

	for (k = ch->a; k < ch->b; k++) {
		const struct res_series *s = &cmp_row(ch->rs, ch->c, k)->series;

		col = time_col(s, memory, &stranded);
		if (!col || !s->n)
			continue;
		nrow++;
		if (memory && !req && s->requested_bytes)
			req = s;
		for (i = 0; i < s->n; i++) {
			p.xmax = fmax(p.xmax, s->t_ms[i]);
			if (!isnan(col[i]))
				p.ymax = fmax(p.ymax, col[i]);
			if (req == s && !isnan(s->requested_bytes[i]))
				p.ymax = fmax(p.ymax, s->requested_bytes[i]);
		}
	}
	if (!nrow)
		return;
	if (memory && p.ymax >= 10.0 * (1 << 20)) {
		scale = 1.0 / (1 << 20);
		unit = "MiB";
	} else if (memory && p.ymax >= 10.0 * (1 << 10)) {
		scale = 1.0 / (1 << 10);
		unit = "KiB";
	}
	p.ymax *= scale * 1.05;
	if (!memory && p.ymax < 1)
		p.ymax = 1;
	p.nkeys = nrow + (req != NULL);
	if (memory)
		snprintf(ylabel, sizeof(ylabel), "held (%s)", unit);
	else
		snprintf(ylabel, sizeof(ylabel), "fragmentation (%%)");
	fputs("<figure>\n", f);
	plot_begin(&p, memory ? "Memory held over time" : "Fragmentation over time",
		   "time (ms)", ylabel);
	for (k = ch->a; k < ch->b; k++) {
		const struct res_series *s = &cmp_row(ch->rs, ch->c, k)->series;

		col = time_col(s, memory, &stranded);
		if (!col || !s->n)
			continue;
		free(xs);
		free(ys);
		xs = calloc(s->n, sizeof(double));
		ys = calloc(s->n, sizeof(double));
		if (!xs || !ys)
			break;
		/* points where the figure does not apply (NAN) are left out */
		for (n = 0, i = 0; i < s->n; i++) {
			if (isnan(col[i]))
				continue;
			xs[n] = s->t_ms[i];
			ys[n++] = col[i] * scale;
		}
		row_label(ch->rs, ch->c, k, label, sizeof(label) - 12);
		if (stranded)
			strcat(label, " stranded");
		plot_line(&p, xs, ys, n, false, chunk_color(ch, k), false, label);
	}
	if (req && xs && ys) {
		free(xs);
		free(ys);
		xs = calloc(req->n, sizeof(double));
		ys = calloc(req->n, sizeof(double));
		if (xs && ys) {
			for (n = 0, i = 0; i < req->n; i++) {
				if (isnan(req->requested_bytes[i]))
					continue;
				xs[n] = req->t_ms[i];
				ys[n++] = req->requested_bytes[i] * scale;
			}
			plot_line(&p, xs, ys, n, false, "#444", true, "requested");
		}
	}
	free(xs);
	free(ys);
	plot_end(&p);
	fputs(memory ? "<figcaption>Bytes the backend holds (solid) and the "
	      "workload's requested bytes (dashed).</figcaption>\n</figure>\n" :
	      "<figcaption>External fragmentation, or for object caches the "
	      "share stranded in free slots.</figcaption>\n</figure>\n", f);
}

/* Free memory per order over time, a heat map, for a row that has it. */
static void chart_buddy(FILE *f, const struct chunk *ch, size_t k)
{
	const struct res_series *s = &cmp_row(ch->rs, ch->c, k)->series;
	struct plot p = { .f = f, .w = CHART_W, .ph = 12.0 * s->nr_orders, .l = 50,
			  .r = 16, .t = 24, .ymin = 0, .ymax = s->nr_orders,
			  .nkeys = 1 };
	double maxshare = 0, x0, x1, share, tot, a;
	char title[128], label[64];
	unsigned int o;
	size_t i;

	if (!s->nr_orders || !s->n)
		return;
	p.xmax = s->t_ms[s->n - 1];
	for (i = 0; i < s->n; i++) {
		for (tot = 0, o = 0; o < s->nr_orders; o++)
			tot += s->buddy_free[i * s->nr_orders + o] * (double)(1ULL << o);
		for (o = 0; o < s->nr_orders && tot > 0; o++) {
			share = s->buddy_free[i * s->nr_orders + o] * (double)(1ULL << o) / tot;
			maxshare = fmax(maxshare, share);
		}
	}
	row_label(ch->rs, ch->c, k, label, sizeof(label));
	snprintf(title, sizeof(title), "Free memory by buddy order: %s", label);
	fputs("<figure>\n", f);
	plot_begin(&p, title, "time (ms)", "order");
	for (i = 0; i < s->n; i++) {
		x0 = px(&p, s->t_ms[i]);
		x1 = i + 1 < s->n ? px(&p, s->t_ms[i + 1]) : p.w - p.r;
		for (tot = 0, o = 0; o < s->nr_orders; o++)
			tot += s->buddy_free[i * s->nr_orders + o] * (double)(1ULL << o);
		for (o = 0; o < s->nr_orders; o++) {
			share = tot > 0 ? s->buddy_free[i * s->nr_orders + o] *
					  (double)(1ULL << o) / tot : 0;
			/* white (none) to #0072b2 (the largest share) */
			a = maxshare > 0 ? share / maxshare : 0;
			fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				"height=\"%.1f\" fill=\"#%02x%02x%02x\">"
				"<title>t=%g ms order %u: %g free blocks</title></rect>\n",
				x0, py(&p, o + 1), x1 - x0 > 0 ? x1 - x0 : 0.5,
				py(&p, o) - py(&p, o + 1),
				(unsigned int)(255 - a * 255),
				(unsigned int)(255 - a * (255 - 0x72)),
				(unsigned int)(255 - a * (255 - 0xb2)), s->t_ms[i], o,
				s->buddy_free[i * s->nr_orders + o]);
		}
	}
	plot_legend(&p, "#0072b2", KEY_BOX, "darker: more of the free memory");
	plot_end(&p);
	fputs("<figcaption>Share of free memory held in blocks of each order "
	      "(row = order, 0 at the bottom).</figcaption>\n</figure>\n", f);
}

/* One comparison: its heading and its charts, CHART_ROWS rows at a time. */
static void cmp_section(FILE *f, const struct results *rs, const struct cmp *c,
			size_t num)
{
	struct chunk ch = { .rs = rs, .c = c };
	const struct result *r0 = cmp_row(rs, c, 0);
	size_t k;

	fprintf(f, "<section class=\"cmp\" id=\"cmp%zu\">\n<h3>", num);
	esc(f, c->name);
	fputs("</h3>\n<p class=\"meta\">", f);
	if (strcmp(c->name, r0->workload)) {
		fputs("workload ", f);
		esc(f, r0->workload);
		fputs("; ", f);
	}
	fprintf(f, "%zu row%s", c->n, c->n == 1 ? "" : "s");
	if (r0->median)
		fprintf(f, ", medians of %u reps", r0->reps);
	fputs("</p>\n", f);
	for (ch.a = 0; ch.a < c->n; ch.a = ch.b) {
		ch.b = ch.a + CHART_ROWS < c->n ? ch.a + CHART_ROWS : c->n;
		if (c->n > CHART_ROWS)
			fprintf(f, "<h4>rows %zu to %zu of %zu</h4>\n", ch.a + 1, ch.b, c->n);
		fputs("<div class=\"charts\">\n", f);
		if (c->n > 1)
			chart_ratios(f, &ch);
		chart_cdf(f, &ch, true, false);
		chart_cdf(f, &ch, true, true);
		chart_cdf(f, &ch, false, false);
		chart_cdf(f, &ch, false, true);
		chart_time(f, &ch, true);
		chart_time(f, &ch, false);
		for (k = ch.a; k < ch.b; k++)
			chart_buddy(f, &ch, k);
		fputs("</div>\n", f);
	}
	fputs("</section>\n", f);
}

/* --- the full table ------------------------------------------------------------- */

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

	fputs("<div class=\"wrap\"><table class=\"wide\">\n<thead><tr>", f);
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
	fputs("</tbody>\n</table></div>\n", f);
}

static const char page_css[] =
	"body{font-family:sans-serif;margin:1em auto;max-width:1240px;padding:0 1em;"
	"color:#222}\n"
	".wrap{max-width:100%;overflow-x:auto}\n"
	"table{border-collapse:collapse;margin:.5em 0;font-size:90%}\n"
	"table.wide{font-size:75%}\n"
	"table.context td{word-break:break-word}\n"
	"th,td{border:1px solid #ccc;padding:2px 6px;vertical-align:top}\n"
	"th{background:#f0f0f0;text-align:left}\n"
	"td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	".ci{color:#555;font-size:90%}\n"
	".mark{display:block;font-size:80%;color:#555}\n"
	"td.better{background:#e3f2e6}\ntd.worse{background:#fbe5e1}\n"
	"td.nd{color:#555}\n"
	".charts{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}\n"
	".charts svg{display:block;max-width:100%;height:auto}\n"
	"figure{margin:0;max-width:380px}\n"
	"figcaption{font-size:80%;color:#555}\n"
	"section.cmp{border-top:1px solid #ddd;margin-top:1.2em}\n"
	"p.meta{color:#555;font-size:90%;margin:.2em 0 .6em}\n";

int report_html(FILE *f, const struct results *rs, const char *title)
{
	struct cmp *cmps;
	size_t i, *idx;
	bool buddy = false;
	long ncmp;

	ncmp = cmps_of(rs, &cmps, &idx);
	if (ncmp < 0) {
		free(cmps);
		free(idx);
		return (int)ncmp;
	}
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	      "<title>", f);
	esc(f, title);
	fputs("</title>\n<style>\n", f);
	fputs(page_css, f);
	fputs("</style>\n</head>\n<body>\n<h1>", f);
	esc(f, title);
	fputs("</h1>\n<h2>Headline</h2>\n<p>One block per comparison (rows that ran "
	      "together, reps interleaved). The first row is the reference and shows "
	      "its medians; every other row shows its ratio to it with the 95 % "
	      "interval in brackets, <em>no difference shown</em> when the interval "
	      "includes 1. Latency below 1 and throughput above 1 is faster (green); "
	      "held peak is the ratio of the medians (no interval).</p>\n", f);
	headline_table(f, rs, cmps, (size_t)ncmp);
	fputs("<h2>Context</h2>\n<div class=\"wrap\"><table class=\"context\">\n", f);
	for (i = 0; i < rs->nctx; i++) {
		fputs("<tr><th>", f);
		esc(f, rs->ctx_key[i]);
		fputs("</th><td>", f);
		esc(f, rs->ctx_val[i]);
		fputs("</td></tr>\n", f);
	}
	fputs("</table></div>\n<h2>Comparisons</h2>\n<p>Per comparison: ratio bars "
	      "with their intervals, latency CDFs (log x) each with a tail view "
	      "(1 - CDF, log-log: p90 at 0.1, p99 at 0.01), memory held and "
	      "fragmentation over time", f);
	for (i = 0; i < rs->nr; i++)
		buddy |= rs->r[i].series.nr_orders > 0;
	fputs(buddy ? ", and free memory per buddy order over time.</p>\n" :
	      ". These results carry no free blocks per buddy order "
	      "(series.buddy_free), so there is no buddy-order chart.</p>\n", f);
	for (i = 0; i < (size_t)ncmp; i++)
		cmp_section(f, rs, &cmps[i], i + 1);
	fputs("<h2>All results</h2>\n", f);
	results_table(f, rs);
	fputs("<p>Written by kmemlab " KMEMLAB_TOOL_VERSION
	      " report from results.json (schema " RESULTS_SCHEMA ").</p>\n"
	      "</body>\n</html>\n", f);
	free(cmps);
	free(idx);
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
