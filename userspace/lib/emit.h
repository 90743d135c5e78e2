/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output writers of the CLI: tables (text with a unit in every numeric
 * column header, or the same rows as JSON or CSV), a small streaming JSON
 * emitter with correct string escaping, RFC 4180 CSV fields, and a
 * progress line on a terminal for anything that takes over a second.
 */
#ifndef KMEMLAB_EMIT_H
#define KMEMLAB_EMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"

/* --- JSON ------------------------------------------------------------------ */

#define JSON_MAX_DEPTH 32

/*
 * struct json_w - a streaming JSON writer. Keys are given with every value
 * inside an object and must be NULL inside an array. Output is compact,
 * one document per json_w_end(), followed by a newline.
 */
struct json_w {
	FILE *f;
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
	bool in_object[JSON_MAX_DEPTH];
	bool error;		/* misuse (depth, key where none belongs) */
};

void json_w_init(struct json_w *j, FILE *f);
/* json_w_string_raw() - write @s (@len bytes) as a JSON string literal:
 * quotes, backslash and control characters escaped, invalid UTF-8 as
 * U+FFFD. */
void json_w_string_raw(FILE *f, const char *s, size_t len);
void json_w_obj_begin(struct json_w *j, const char *key);
void json_w_obj_end(struct json_w *j);
void json_w_arr_begin(struct json_w *j, const char *key);
void json_w_arr_end(struct json_w *j);
void json_w_str(struct json_w *j, const char *key, const char *val);
void json_w_u64(struct json_w *j, const char *key, uint64_t val);
void json_w_i64(struct json_w *j, const char *key, int64_t val);
/* Finite values with up to 17 significant digits; NaN/inf become null. */
void json_w_double(struct json_w *j, const char *key, double val);
void json_w_bool(struct json_w *j, const char *key, bool val);
void json_w_null(struct json_w *j, const char *key);
/* json_w_end() - finish the document; Return: 0, or -1 on misuse. */
int json_w_end(struct json_w *j);

/* --- CSV ------------------------------------------------------------------- */

/* csv_field() - write one field, quoted when it holds , " CR LF or
 * leading/trailing blanks; @first: no separator before it. */
void csv_field(FILE *f, const char *s, bool first);

/* --- tables ---------------------------------------------------------------- */

enum tbl_kind {
	TBL_STR,	/* text, left aligned; JSON string */
	TBL_INT,	/* integer, right aligned; JSON number */
	TBL_NUM,	/* decimal, right aligned; JSON number */
};

struct tbl_col {
	const char *key;	/* JSON/CSV name, e.g. "free_kib" */
	const char *title;	/* text header, e.g. "FREE" */
	const char *unit;	/* e.g. "KiB", "%", "ns", "count"; NULL: text */
	enum tbl_kind kind;
};

/*
 * A table: rows of cells, each formatted once (numbers with the precision
 * the caller chose) and kept as text until printed. A cell of a numeric
 * column is a number, or marked not applicable (tbl_na()).
 */
struct tbl {
	const struct tbl_col *cols;
	unsigned int ncols;
	char **cells;		/* nrows * ncols */
	bool *na;		/* nrows * ncols: the cell holds no number */
	unsigned int nrows;
	unsigned int cap;
	unsigned int cur;	/* cells filled in the current row */
	bool oom;
};

void tbl_init(struct tbl *t, const struct tbl_col *cols, unsigned int ncols);
void tbl_free(struct tbl *t);
/* tbl_cell() - the next cell of the current row (rows fill left to right). */
__attribute__((format(printf, 2, 3)))
void tbl_cell(struct tbl *t, const char *fmt, ...);
/* tbl_na() - the next cell holds no number: @text ("-", "n/a") in text and
 * CSV, null in JSON. */
void tbl_na(struct tbl *t, const char *text);
/* tbl_header() - the text header cell of @c: "TITLE" or "TITLE(unit)". */
void tbl_header(const struct tbl_col *c, char *buf, size_t size);
/*
 * tbl_print() - print the table: text (aligned, two spaces apart, header
 * line first), JSON (an array of objects keyed by col.key, numeric cells
 * as numbers and tbl_na() cells as null; with @json
 * given, the array becomes member @key of the current object) or CSV (a
 * header line of keys, then rows).
 * Return: 0, or -1 when memory ran out while filling it.
 */
int tbl_print(const struct tbl *t, FILE *f, enum cli_format fmt,
	      struct json_w *json, const char *key);

/* --- progress -------------------------------------------------------------- */

struct progress {
	const char *label;
	uint64_t total;
	uint64_t start_ns;
	uint64_t last_ns;
	bool enabled;		/* stderr is a terminal and not --quiet */
	bool shown;		/* something was drawn (needs clearing) */
};

/* progress_begin() - start; nothing is drawn during the first second. */
void progress_begin(struct progress *p, const struct cli_ctx *ctx,
		    const char *label, uint64_t total);
void progress_update(struct progress *p, uint64_t done);
void progress_end(struct progress *p);

uint64_t cli_now_ns(void);

#endif /* KMEMLAB_EMIT_H */
