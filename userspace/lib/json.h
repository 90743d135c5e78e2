/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small JSON reader (RFC 8259) for the files the CLI writes itself:
 * results.json read back by 'kmemlab report' and by the tests. The whole
 * document becomes a tree of struct jv; errors name line and column.
 */
#ifndef KMEMLAB_JSON_H
#define KMEMLAB_JSON_H

#include <stdbool.h>
#include <stddef.h>

enum jv_type { JV_NULL, JV_BOOL, JV_NUM, JV_STR, JV_ARR, JV_OBJ };

struct jv {
	enum jv_type type;
	bool b;
	double num;
	char *str;		/* JV_STR: UTF-8, NUL-terminated */
	size_t len;		/* JV_STR: bytes; JV_ARR/JV_OBJ: members */
	struct jv *items;	/* JV_ARR/JV_OBJ: members */
	char **keys;		/* JV_OBJ: the key of each member */
};

/*
 * jv_parse() - parse a whole document
 * @text: the text (@len bytes, need not be NUL-terminated)
 * @err: on failure "line L, column C: why"
 * Return: the tree (free with jv_free()), or NULL.
 */
struct jv *jv_parse(const char *text, size_t len, char *err, size_t errlen);
void jv_free(struct jv *v);

/* jv_get() - member @key of object @o; NULL when absent or not an object. */
const struct jv *jv_get(const struct jv *o, const char *key);
/* jv_path() - nested members, e.g. jv_path(r, "latency_ns.alloc.p99"). */
const struct jv *jv_path(const struct jv *o, const char *path);
/* jv_num() - the number at @path, or @dflt when absent or not a number. */
double jv_num(const struct jv *o, const char *path, double dflt);
/* jv_strv() - the string at @path, or @dflt. */
const char *jv_strv(const struct jv *o, const char *path, const char *dflt);

#endif /* KMEMLAB_JSON_H */
