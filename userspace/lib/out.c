// SPDX-License-Identifier: GPL-2.0
/*
 * Output writers: the streaming JSON emitter, CSV fields, tables printed as
 * text, JSON or CSV from one set of rows, and the progress line. All the
 * presentation helpers of the CLI live here; parsing lives elsewhere.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "emit.h"

/* --- JSON ------------------------------------------------------------------ */

void json_w_init(struct json_w *j, FILE *f)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
}

/* Length of the valid UTF-8 sequence at @s (1..4), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t left)
{
	unsigned int cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0)
		n = 2, cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3, cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > left)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
	    (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void json_w_string_raw(FILE *f, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	fputc('"', f);
	while (i < len) {
		unsigned char c = p[i];

		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				fprintf(f, "\\u%04x", c);
				break;
			}
			n = utf8_seq(p + i, len - i);
			if (!n) {
				fputs("\\ufffd", f);
				break;
			}
			fwrite(p + i, 1, n, f);
			i += n;
			continue;
		}
		i++;
	}
	fputc('"', f);
}

/* Separator and key before a value; false on misuse. */
static bool json_w_pre(struct json_w *j, const char *key)
{
	int d = j->depth;

	if (d > 0 && j->in_object[d - 1] != (key != NULL)) {
		j->error = true;
		return false;
	}
	if (d == 0 && key) {
		j->error = true;
		return false;
	}
	if (d > 0 && j->need_comma[d - 1])
		fputc(',', j->f);
	if (d > 0)
		j->need_comma[d - 1] = true;
	if (key) {
		json_w_string_raw(j->f, key, strlen(key));
		fputc(':', j->f);
	}
	return true;
}

static void json_w_open(struct json_w *j, const char *key, bool obj)
{
	if (j->depth >= JSON_MAX_DEPTH) {
		j->error = true;
		return;
	}
	if (!json_w_pre(j, key))
		return;
	fputc(obj ? '{' : '[', j->f);
	j->in_object[j->depth] = obj;
	j->need_comma[j->depth] = false;
	j->depth++;
}

static void json_w_close(struct json_w *j, bool obj)
{
	if (j->depth == 0 || j->in_object[j->depth - 1] != obj) {
		j->error = true;
		return;
	}
	j->depth--;
	fputc(obj ? '}' : ']', j->f);
}

void json_w_obj_begin(struct json_w *j, const char *key)
{
	json_w_open(j, key, true);
}

void json_w_obj_end(struct json_w *j)
{
	json_w_close(j, true);
}

void json_w_arr_begin(struct json_w *j, const char *key)
{
	json_w_open(j, key, false);
}

void json_w_arr_end(struct json_w *j)
{
	json_w_close(j, false);
}

void json_w_str(struct json_w *j, const char *key, const char *val)
{
	if (!json_w_pre(j, key))
		return;
	if (val)
		json_w_string_raw(j->f, val, strlen(val));
	else
		fputs("null", j->f);
}

void json_w_u64(struct json_w *j, const char *key, uint64_t val)
{
	if (json_w_pre(j, key))
		fprintf(j->f, "%llu", (unsigned long long)val);
}

void json_w_i64(struct json_w *j, const char *key, int64_t val)
{
	if (json_w_pre(j, key))
		fprintf(j->f, "%lld", (long long)val);
}

void json_w_double(struct json_w *j, const char *key, double val)
{
	char buf[40];

	if (!json_w_pre(j, key))
		return;
	if (!isfinite(val)) {
		fputs("null", j->f);
		return;
	}
	/* shortest of %.15g / %.17g that reads back exactly */
	snprintf(buf, sizeof(buf), "%.15g", val);
	if (strtod(buf, NULL) != val)
		snprintf(buf, sizeof(buf), "%.17g", val);
	fputs(buf, j->f);
}

void json_w_bool(struct json_w *j, const char *key, bool val)
{
	if (json_w_pre(j, key))
		fputs(val ? "true" : "false", j->f);
}

void json_w_null(struct json_w *j, const char *key)
{
	if (json_w_pre(j, key))
		fputs("null", j->f);
}

int json_w_end(struct json_w *j)
{
	if (j->depth != 0)
		j->error = true;
	fputc('\n', j->f);
	return j->error ? -1 : 0;
}

/* --- CSV ------------------------------------------------------------------- */

void csv_field(FILE *f, const char *s, bool first)
{
	size_t n = strlen(s);
	bool quote = strpbrk(s, ",\"\r\n") != NULL ||
		     (n && (s[0] == ' ' || s[0] == '\t' ||
			    s[n - 1] == ' ' || s[n - 1] == '\t'));

	if (!first)
		fputc(',', f);
	if (!quote) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* --- tables ---------------------------------------------------------------- */

void tbl_init(struct tbl *t, const struct tbl_col *cols, unsigned int ncols)
{
	memset(t, 0, sizeof(*t));
	t->cols = cols;
	t->ncols = ncols;
}

void tbl_free(struct tbl *t)
{
	unsigned int i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->na);
	t->cells = NULL;
	t->na = NULL;
	t->nrows = 0;
}

/* Put @s (malloc'ed, or NULL when memory ran out) in the next cell. */
static void tbl_put(struct tbl *t, char *s, bool na)
{
	size_t at;

	if (t->cur == 0) {
		if (t->nrows == t->cap) {
			unsigned int cap = t->cap ? t->cap * 2 : 16;
			char **nc = realloc(t->cells,
					    sizeof(char *) * cap * t->ncols);
			bool *nn;

			if (nc)
				t->cells = nc;
			nn = nc ? realloc(t->na, sizeof(bool) * cap * t->ncols) : NULL;
			if (!nn) {
				free(s);
				t->oom = true;
				return;
			}
			t->na = nn;
			t->cap = cap;
		}
		memset(&t->cells[t->nrows * t->ncols], 0,
		       sizeof(char *) * t->ncols);
		memset(&t->na[t->nrows * t->ncols], 0, sizeof(bool) * t->ncols);
		t->nrows++;
	}
	if (!s)
		t->oom = true;
	at = (size_t)(t->nrows - 1) * t->ncols + t->cur;
	t->cells[at] = s;
	t->na[at] = na;
	t->cur = (t->cur + 1) % t->ncols;
}

void tbl_cell(struct tbl *t, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	tbl_put(t, r < 0 ? NULL : s, false);
}

void tbl_na(struct tbl *t, const char *text)
{
	tbl_put(t, strdup(text), true);
}

void tbl_header(const struct tbl_col *c, char *buf, size_t size)
{
	if (c->unit)
		snprintf(buf, size, "%s(%s)", c->title, c->unit);
	else
		snprintf(buf, size, "%s", c->title);
}

static const char *tbl_at(const struct tbl *t, unsigned int r, unsigned int c)
{
	const char *s = t->cells[r * t->ncols + c];

	return s ? s : "";
}

static void tbl_print_text(const struct tbl *t, FILE *f)
{
	unsigned int r, c, w[64];
	char h[96];

	for (c = 0; c < t->ncols && c < 64; c++) {
		tbl_header(&t->cols[c], h, sizeof(h));
		w[c] = (unsigned int)strlen(h);
		for (r = 0; r < t->nrows; r++)
			if (strlen(tbl_at(t, r, c)) > w[c])
				w[c] = (unsigned int)strlen(tbl_at(t, r, c));
	}
	for (r = 0; r <= t->nrows; r++) {
		for (c = 0; c < t->ncols && c < 64; c++) {
			const char *s = h;
			bool last = c + 1 == t->ncols;
			bool left = t->cols[c].kind == TBL_STR;

			if (r == 0)
				tbl_header(&t->cols[c], h, sizeof(h));
			else
				s = tbl_at(t, r - 1, c);
			if (c)
				fputs("  ", f);
			if (left && last)
				fputs(s, f);
			else
				fprintf(f, left ? "%-*s" : "%*s", (int)w[c], s);
		}
		fputc('\n', f);
	}
}

static void tbl_print_json(const struct tbl *t, struct json_w *j,
			   const char *key)
{
	unsigned int r, c;

	json_w_arr_begin(j, key);
	for (r = 0; r < t->nrows; r++) {
		json_w_obj_begin(j, NULL);
		for (c = 0; c < t->ncols; c++) {
			const char *s = tbl_at(t, r, c);

			if (t->cols[c].kind == TBL_STR) {
				json_w_str(j, t->cols[c].key, s);
				continue;
			}
			/* a number as it was formatted; null when it has none */
			if (*s && !t->na[r * t->ncols + c]) {
				if (json_w_pre(j, t->cols[c].key))
					fputs(s, j->f);
			} else {
				json_w_null(j, t->cols[c].key);
			}
		}
		json_w_obj_end(j);
	}
	json_w_arr_end(j);
}

int tbl_print(const struct tbl *t, FILE *f, enum cli_format fmt,
	      struct json_w *json, const char *key)
{
	struct json_w own;
	unsigned int r, c;

	if (t->oom)
		return -1;
	switch (fmt) {
	case CLI_FMT_TEXT:
		tbl_print_text(t, f);
		break;
	case CLI_FMT_JSON:
		if (json) {
			tbl_print_json(t, json, key);
			break;
		}
		json_w_init(&own, f);
		tbl_print_json(t, &own, NULL);
		return json_w_end(&own);
	case CLI_FMT_CSV:
		for (c = 0; c < t->ncols; c++)
			csv_field(f, t->cols[c].key, c == 0);
		fputc('\n', f);
		for (r = 0; r < t->nrows; r++) {
			for (c = 0; c < t->ncols; c++)
				csv_field(f, tbl_at(t, r, c), c == 0);
			fputc('\n', f);
		}
		break;
	}
	return 0;
}

/* --- progress -------------------------------------------------------------- */

uint64_t cli_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void progress_begin(struct progress *p, const struct cli_ctx *ctx,
		    const char *label, uint64_t total)
{
	memset(p, 0, sizeof(*p));
	p->label = label;
	p->total = total;
	p->start_ns = cli_now_ns();
	p->enabled = !ctx->quiet && cli_isatty(STDERR_FILENO);
}

void progress_update(struct progress *p, uint64_t done)
{
	uint64_t now;

	if (!p->enabled)
		return;
	now = cli_now_ns();
	/* nothing for the first second, then at most 10 redraws a second */
	if (now - p->start_ns < 1000000000ULL ||
	    now - p->last_ns < 100000000ULL)
		return;
	p->last_ns = now;
	if (p->total)
		fprintf(stderr, "\r%s: %llu/%llu (%llu%%) %llus\033[K", p->label,
			(unsigned long long)done, (unsigned long long)p->total,
			(unsigned long long)(done * 100 / p->total),
			(unsigned long long)((now - p->start_ns) / 1000000000ULL));
	else
		fprintf(stderr, "\r%s: %llu %llus\033[K", p->label,
			(unsigned long long)done,
			(unsigned long long)((now - p->start_ns) / 1000000000ULL));
	p->shown = true;
}

void progress_end(struct progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = false;
}
