// SPDX-License-Identifier: GPL-2.0
/*
 * The run reply parser and the comparison of its instances.
 *
 * The parser is strict: lines in the documented order (context, run,
 * result..., summary..., end), every line ending in '\n', every field
 * key=value (double-quoted values only on the context line), no field
 * twice (except on the context line, whose host fields are free-form),
 * every documented field of a result line present and a number where a
 * number is due, the cell count equal to reps x instances. Fields it does
 * not know are kept and ignored, as docs/interface.md asks of parsers.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runparse.h"

const char *const rr_lat_names[LAT_NR] = {
	"p50", "p90", "p99", "p999", "max", "mean",
};

const char *const cmp_ratio_keys[CMP_R_NR] = {
	"alloc_p50", "alloc_p99", "alloc_mean", "free_p50", "free_p99",
	"ops_per_sec",
};

const char *const cmp_ratio_titles[CMP_R_NR] = {
	"A.P50", "A.P99", "A.MEAN", "F.P50", "F.P99", "OPS/S",
};

__attribute__((format(printf, 4, 5)))
static int rerr(char *err, size_t errlen, unsigned int line, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (line)
		n = snprintf(err, errlen, "line %u: ", line);
	if (n < 0 || (size_t)n >= errlen)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static void line_free(struct rr_line *l)
{
	size_t i;

	for (i = 0; i < l->nkv; i++) {
		free(l->kv[i].key);
		free(l->kv[i].val);
	}
	free(l->kv);
	memset(l, 0, sizeof(*l));
}

void runreply_free(struct run_reply *rr)
{
	line_free(&rr->context);
	line_free(&rr->run);
	free(rr->cells);
	memset(rr, 0, sizeof(*rr));
}

const char *rr_get(const struct rr_line *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->nkv; i++)
		if (!strcmp(l->kv[i].key, key))
			return l->kv[i].val;
	return NULL;
}

/*
 * Split the fields of one line (after its record word) into @l.
 * @s: the fields, NUL-terminated, no newline
 */
static int split_fields(const char *s, struct rr_line *l, bool quotes,
			bool dups, char *err, size_t errlen)
{
	const char *p = s;

	while (*p) {
		const char *k = p, *eq, *v, *end;
		struct rr_kv *nkv;
		size_t klen, vlen;

		if (*p == ' ') {
			p++;
			continue;
		}
		eq = k;
		while (*eq && *eq != '=' && *eq != ' ')
			eq++;
		if (*eq != '=')
			return rerr(err, errlen, l->lineno, "expected key=value, got '%.*s'",
				    (int)(eq - k > 40 ? 40 : eq - k), k);
		klen = (size_t)(eq - k);
		if (!klen || strspn(k, "abcdefghijklmnopqrstuvwxyz0123456789_") < klen)
			return rerr(err, errlen, l->lineno, "bad key '%.*s'",
				    (int)(klen > 40 ? 40 : klen), k);
		v = eq + 1;
		if (*v == '"') {
			if (!quotes)
				return rerr(err, errlen, l->lineno,
					    "%.*s: quoted value outside the context line",
					    (int)klen, k);
			end = strchr(v + 1, '"');
			if (!end)
				return rerr(err, errlen, l->lineno, "%.*s: unterminated quote",
					    (int)klen, k);
			v++;
			vlen = (size_t)(end - v);
			p = end + 1;
			if (*p && *p != ' ')
				return rerr(err, errlen, l->lineno,
					    "%.*s: text after the closing quote", (int)klen, k);
		} else {
			vlen = strcspn(v, " ");
			p = v + vlen;
			if (!vlen)
				return rerr(err, errlen, l->lineno, "%.*s: empty value",
					    (int)klen, k);
		}
		if (!dups) {
			size_t i;

			for (i = 0; i < l->nkv; i++)
				if (strlen(l->kv[i].key) == klen &&
				    !memcmp(l->kv[i].key, k, klen))
					return rerr(err, errlen, l->lineno,
						    "field '%.*s' given twice", (int)klen, k);
		}
		nkv = realloc(l->kv, (l->nkv + 1) * sizeof(*l->kv));
		if (!nkv)
			return -ENOMEM;
		l->kv = nkv;
		l->kv[l->nkv].key = strndup(k, klen);
		l->kv[l->nkv].val = strndup(v, vlen);
		if (!l->kv[l->nkv].key || !l->kv[l->nkv].val) {
			free(l->kv[l->nkv].key);
			free(l->kv[l->nkv].val);
			return -ENOMEM;
		}
		l->nkv++;
	}
	return 0;
}

/* A required decimal number. */
static int rr_need_u64(const struct rr_line *l, const char *key, uint64_t *v,
		    char *err, size_t errlen)
{
	const char *s = rr_get(l, key);
	uint64_t x = 0;
	const char *p;

	if (!s)
		return rerr(err, errlen, l->lineno, "missing field '%s'", key);
	for (p = s; *p; p++) {
		if (*p < '0' || *p > '9' || x > (UINT64_MAX - 9) / 10)
			return rerr(err, errlen, l->lineno, "%s=%.40s: not a number", key, s);
		x = x * 10 + (uint64_t)(*p - '0');
	}
	*v = x;
	return 0;
}

static int rr_need_i64(const struct rr_line *l, const char *key, int64_t *v,
		    char *err, size_t errlen)
{
	const char *s = rr_get(l, key);
	struct rr_line tmp = *l;
	struct rr_kv kv;
	uint64_t x;
	bool neg;

	if (!s)
		return rerr(err, errlen, l->lineno, "missing field '%s'", key);
	neg = *s == '-';
	kv.key = (char *)key;
	kv.val = (char *)s + neg;
	tmp.nkv = 1;
	tmp.kv = &kv;
	if (!*kv.val || rr_need_u64(&tmp, key, &x, err, errlen) || x > INT64_MAX)
		return rerr(err, errlen, l->lineno, "%s=%.40s: not a number", key, s);
	*v = neg ? -(int64_t)x : (int64_t)x;
	return 0;
}

static int rr_need_str(const struct rr_line *l, const char *key, char *dst,
		    size_t size, char *err, size_t errlen)
{
	const char *s = rr_get(l, key);

	if (!s)
		return rerr(err, errlen, l->lineno, "missing field '%s'", key);
	if (strlen(s) >= size)
		return rerr(err, errlen, l->lineno, "%s=%.40s: too long", key, s);
	strcpy(dst, s);
	return 0;
}

static int inst_index(const struct run_reply *rr, const char *name)
{
	unsigned int i;

	for (i = 0; i < rr->ninst; i++)
		if (!strcmp(rr->inst[i], name))
			return (int)i;
	return -1;
}

static int parse_run_line(struct run_reply *rr, char *err, size_t errlen)
{
	const struct rr_line *l = &rr->run;
	const char *on, *timing, *p;
	uint64_t reps;

	if (rr_need_u64(l, "reps", &reps, err, errlen))
		return -EINVAL;
	if (!reps || reps > 100)
		return rerr(err, errlen, l->lineno, "reps=%llu out of range 1..100",
			    (unsigned long long)reps);
	rr->reps = (unsigned int)reps;
	timing = rr_get(l, "timing");
	if (!timing || (strcmp(timing, "op") && strcmp(timing, "batch")))
		return rerr(err, errlen, l->lineno, "timing=%s: expected op or batch",
			    timing ? timing : "(missing)");
	rr->timing_op = !strcmp(timing, "op");
	if (!rr_get(l, "workload"))
		return rerr(err, errlen, l->lineno, "missing field 'workload'");
	on = rr_get(l, "on");
	if (!on)
		return rerr(err, errlen, l->lineno, "missing field 'on'");
	for (p = on; *p;) {
		size_t n = strcspn(p, ",");

		if (!n || n >= sizeof(rr->inst[0]))
			return rerr(err, errlen, l->lineno, "on=%.40s: bad instance list", on);
		if (rr->ninst == 8)
			return rerr(err, errlen, l->lineno, "on=%.40s: more than 8 instances",
				    on);
		memcpy(rr->inst[rr->ninst], p, n);
		rr->inst[rr->ninst][n] = '\0';
		if (inst_index(rr, rr->inst[rr->ninst]) >= 0)
			return rerr(err, errlen, l->lineno, "on=: '%s' given twice",
				    rr->inst[rr->ninst]);
		rr->ninst++;
		p += n;
		if (*p == ',' && !*++p)
			return rerr(err, errlen, l->lineno, "on=%.40s: empty item", on);
	}
	return 0;
}

static int parse_result(struct run_reply *rr, const struct rr_line *l,
			struct rr_cell *c, char *err, size_t errlen)
{
	static const char *const u64s[] = {
		"ops", "ops_done", "allocs", "frees", "failures", "bad_frees",
		"floor_ns", "elapsed_ns", "ops_per_sec", "requested_peak",
		"allocated_peak", "violations",
	};
	uint64_t *u64d[] = {
		&c->ops, &c->ops_done, &c->allocs, &c->frees, &c->failures,
		&c->bad_frees, &c->floor_ns, &c->elapsed_ns, &c->ops_per_sec,
		&c->requested_peak, &c->allocated_peak, &c->violations,
	};
	const char *done, *cs;
	uint64_t rep;
	char key[32];
	size_t i;

	memset(c, 0, sizeof(*c));
	c->lineno = l->lineno;
	if (rr_need_u64(l, "rep", &rep, err, errlen))
		return -EINVAL;
	if (rep >= rr->reps)
		return rerr(err, errlen, l->lineno, "rep=%llu: not below reps=%u",
			    (unsigned long long)rep, rr->reps);
	c->rep = (unsigned int)rep;
	if (rr_need_str(l, "instance", c->instance, sizeof(c->instance), err, errlen) ||
	    rr_need_str(l, "backend", c->backend, sizeof(c->backend), err, errlen) ||
	    rr_need_str(l, "workload", c->workload, sizeof(c->workload), err, errlen))
		return -EINVAL;
	if (inst_index(rr, c->instance) < 0)
		return rerr(err, errlen, l->lineno, "instance '%s' is not in on=",
			    c->instance);
	for (i = 0; i < sizeof(u64s) / sizeof(u64s[0]); i++)
		if (rr_need_u64(l, u64s[i], u64d[i], err, errlen))
			return -EINVAL;
	/* held_peak=-1: the backend's held memory cannot be known */
	if (rr_need_i64(l, "held_peak", &c->held_peak, err, errlen) ||
	    rr_need_i64(l, "internal_frag_x1000", &c->internal_x1000, err, errlen) ||
	    rr_need_i64(l, "external_frag_x1000", &c->external_x1000, err, errlen) ||
	    rr_need_i64(l, "utilization_x1000", &c->util_x1000, err, errlen))
		return -EINVAL;
	/* fields later modules added: absent means n/a */
	c->ext_peak_x1000 = -1;
	c->ext_mean_x1000 = -1;
	if ((rr_get(l, "external_frag_peak_x1000") &&
	     rr_need_i64(l, "external_frag_peak_x1000", &c->ext_peak_x1000, err,
			 errlen)) ||
	    (rr_get(l, "external_frag_mean_x1000") &&
	     rr_need_i64(l, "external_frag_mean_x1000", &c->ext_mean_x1000, err,
			 errlen)) ||
	    (rr_get(l, "failed_with_free") &&
	     rr_need_u64(l, "failed_with_free", &c->failed_with_free, err,
			 errlen)))
		return -EINVAL;
	if ((rr_get(l, "harness_alloc_ns") &&
	     (rr_need_u64(l, "harness_alloc_ns", &c->harness_alloc_ns, err,
			  errlen) ||
	      rr_need_u64(l, "harness_free_ns", &c->harness_free_ns, err,
			  errlen))) ||
	    (rr_get(l, "loop_pair_ns") &&
	     rr_need_u64(l, "loop_pair_ns", &c->loop_pair_ns, err, errlen)))
		return -EINVAL;
	if (rr_get(l, "buddy_order")) {
		uint64_t shared;

		c->has_pool = true;
		if (rr_need_u64(l, "buddy_order", &c->buddy_order, err, errlen) ||
		    rr_need_i64(l, "unusable_end_x1000", &c->unusable_end_x1000,
				err, errlen) ||
		    rr_need_i64(l, "unusable_peak_x1000", &c->unusable_peak_x1000,
				err, errlen) ||
		    rr_need_i64(l, "unusable_mean_x1000", &c->unusable_mean_x1000,
				err, errlen) ||
		    rr_need_i64(l, "fragidx_end_x1000", &c->fragidx_end_x1000,
				err, errlen) ||
		    rr_need_i64(l, "fragidx_peak_x1000", &c->fragidx_peak_x1000,
				err, errlen) ||
		    rr_need_str(l, "pool", c->pool, sizeof(c->pool), err, errlen) ||
		    rr_need_u64(l, "pool_pages", &c->pool_pages, err, errlen) ||
		    rr_need_u64(l, "pool_shared", &shared, err, errlen))
			return -EINVAL;
		c->pool_shared = shared;
	}
	if (rr_get(l, "first_fail_request")) {
		c->has_first_fail = true;
		if (rr_need_u64(l, "first_fail_request", &c->fail_request, err,
				errlen) ||
		    rr_need_u64(l, "first_fail_free", &c->fail_free, err, errlen) ||
		    rr_need_u64(l, "first_fail_largest", &c->fail_largest, err,
				errlen))
			return -EINVAL;
	}
	/* replies of modules before stranded_x1000 existed lack it: n/a */
	c->stranded_x1000 = -1;
	if (rr_get(l, "stranded_x1000") &&
	    rr_need_i64(l, "stranded_x1000", &c->stranded_x1000, err, errlen))
		return -EINVAL;
	/* checked with per-op timing only; older modules lack both */
	if (rr_get(l, "misaligned")) {
		if (rr_need_u64(l, "misaligned", &c->misaligned, err, errlen))
			return -EINVAL;
		c->has_misaligned = true;
	}
	if (rr_get(l, "overlaps")) {
		if (rr_need_u64(l, "overlaps", &c->overlaps, err, errlen))
			return -EINVAL;
		c->has_overlaps = true;
	}
	done = rr_get(l, "done");
	if (!done || (strcmp(done, "ok") && strcmp(done, "short")))
		return rerr(err, errlen, l->lineno, "done=%s: expected ok or short",
			    done ? done : "(missing)");
	c->done_ok = !strcmp(done, "ok");
	cs = rr_get(l, "checksum");
	if (!cs || strlen(cs) != 16 || strspn(cs, "0123456789abcdef") != 16)
		return rerr(err, errlen, l->lineno, "checksum=%s: expected 16 hex digits",
			    cs ? cs : "(missing)");
	strcpy(c->checksum, cs);
	if (!rr->timing_op)
		return 0;
	c->has_lat = true;
	for (i = 0; i < LAT_NR; i++) {
		snprintf(key, sizeof(key), "alloc_%s_ns", rr_lat_names[i]);
		if (rr_need_u64(l, key, &c->alloc[i], err, errlen))
			return -EINVAL;
		snprintf(key, sizeof(key), "free_%s_ns", rr_lat_names[i]);
		if (rr_need_u64(l, key, &c->free[i], err, errlen))
			return -EINVAL;
	}
	return 0;
}

/* Cut the record word off @s: Return the rest, or NULL if it differs. */
static char *record(char *s, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(s, word, n))
		return NULL;
	if (!s[n])
		return s + n;
	return s[n] == ' ' ? s + n + 1 : NULL;
}

int runreply_parse(const char *text, size_t len, struct run_reply *rr,
		   char *err, size_t errlen)
{
	enum { S_CONTEXT, S_RUN, S_RESULT, S_SUMMARY, S_DONE } st = S_CONTEXT;
	unsigned int lineno = 0, nsum = 0;
	size_t pos = 0, cap;
	char *buf = NULL;
	int r = 0;

	memset(rr, 0, sizeof(*rr));
	if (err && errlen)
		err[0] = '\0';
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n;
		char *rest;
		struct rr_line l = { 0 };

		lineno++;
		l.lineno = lineno;
		if (!nl) {
			r = rerr(err, errlen, lineno, "no newline at the end of the reply");
			goto fail;
		}
		n = (size_t)(nl - (text + pos));
		free(buf);
		buf = strndup(text + pos, n);
		if (!buf) {
			r = -ENOMEM;
			goto fail;
		}
		pos += n + 1;
		if (strlen(buf) != n || strcspn(buf, "\r\t\v\f") != n) {
			r = rerr(err, errlen, lineno, "control character in the line");
			goto fail;
		}
		if (st == S_DONE) {
			r = rerr(err, errlen, lineno, "text after the end line");
			goto fail;
		}
		if (st == S_CONTEXT) {
			rest = record(buf, "context");
			if (!rest) {
				r = rerr(err, errlen, lineno, "expected the context line, got '%.40s'",
					 buf);
				goto fail;
			}
			rr->context.lineno = lineno;
			r = split_fields(rest, &rr->context, true, true, err, errlen);
			if (r)
				goto fail;
			st = S_RUN;
			continue;
		}
		if (st == S_RUN) {
			rest = record(buf, "run");
			if (!rest) {
				r = rerr(err, errlen, lineno, "expected the run line, got '%.40s'",
					 buf);
				goto fail;
			}
			rr->run.lineno = lineno;
			r = split_fields(rest, &rr->run, false, false, err, errlen);
			if (!r)
				r = parse_run_line(rr, err, errlen);
			if (r)
				goto fail;
			cap = (size_t)rr->reps * rr->ninst;
			rr->cells = calloc(cap + 1, sizeof(*rr->cells));
			if (!rr->cells) {
				r = -ENOMEM;
				goto fail;
			}
			st = S_RESULT;
			continue;
		}
		if (st == S_RESULT && (rest = record(buf, "result"))) {
			if (rr->ncells == (size_t)rr->reps * rr->ninst) {
				r = rerr(err, errlen, lineno, "more than %u result lines (reps=%u x "
					 "%u instances)", rr->reps * rr->ninst, rr->reps,
					 rr->ninst);
				goto fail;
			}
			r = split_fields(rest, &l, false, false, err, errlen);
			if (!r)
				r = parse_result(rr, &l, &rr->cells[rr->ncells], err, errlen);
			line_free(&l);
			if (r)
				goto fail;
			rr->ncells++;
			continue;
		}
		if ((st == S_RESULT || st == S_SUMMARY) && (rest = record(buf, "summary"))) {
			const char *inst;

			if (st == S_RESULT && rr->ncells != (size_t)rr->reps * rr->ninst) {
				r = rerr(err, errlen, lineno, "%zu result lines, expected %u",
					 rr->ncells, rr->reps * rr->ninst);
				goto fail;
			}
			st = S_SUMMARY;
			r = split_fields(rest, &l, false, false, err, errlen);
			inst = r ? NULL : rr_get(&l, "instance");
			if (!r && (nsum >= rr->ninst || !inst || strcmp(inst, rr->inst[nsum])))
				r = rerr(err, errlen, lineno, "summary of '%s', expected '%s'",
					 inst ? inst : "(no instance)",
					 nsum < rr->ninst ? rr->inst[nsum] : "none");
			line_free(&l);
			if (r)
				goto fail;
			nsum++;
			continue;
		}
		if ((st == S_RESULT || st == S_SUMMARY) && (rest = record(buf, "end"))) {
			uint64_t cells;
			const char *status;

			r = split_fields(rest, &l, false, false, err, errlen);
			if (r) {
				line_free(&l);
				goto fail;
			}
			status = rr_get(&l, "status");
			if (status && !strcmp(status, "stopped"))
				r = rerr(err, errlen, lineno,
					 "the run was stopped by a 'stop' command after %s of %s cells",
					 rr_get(&l, "done") ? rr_get(&l, "done") : "?",
					 rr_get(&l, "of") ? rr_get(&l, "of") : "?");
			else if (!status || strcmp(status, "ok"))
				r = rerr(err, errlen, lineno, "status=%s: expected ok",
					 status ? status : "(missing)");
			else if (rr_need_u64(&l, "cells", &cells, err, errlen))
				r = -EINVAL;
			else if (cells != rr->ncells)
				r = rerr(err, errlen, lineno, "cells=%llu but %zu result lines",
					 (unsigned long long)cells, rr->ncells);
			else if (rr->ncells != (size_t)rr->reps * rr->ninst)
				r = rerr(err, errlen, lineno, "%zu result lines, expected %u",
					 rr->ncells, rr->reps * rr->ninst);
			else if (nsum != rr->ninst)
				r = rerr(err, errlen, lineno, "%u summary lines, expected %u",
					 nsum, rr->ninst);
			rr->cells_end = (unsigned int)rr->ncells;
			line_free(&l);
			if (r)
				goto fail;
			st = S_DONE;
			continue;
		}
		r = rerr(err, errlen, lineno, "unexpected line '%.40s'", buf);
		goto fail;
	}
	if (st != S_DONE) {
		r = rerr(err, errlen, 0, "the reply ends after line %u without an end line",
			 lineno);
		goto fail;
	}
	cert_clock_of(rr_get(&rr->context, "ns_per_1m_ticks"),
		      rr_get(&rr->context, "clock_step_ticks"), &rr->clock);
	free(buf);
	return 0;
fail:
	free(buf);
	runreply_free(rr);
	return r ? r : -EINVAL;
}

/* --- comparison ---------------------------------------------------------------- */

static int dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

void runreply_workload(const struct run_reply *rr, char *buf, size_t size)
{
	static const char *const keys[] = {
		"size", "dist", "min", "max", "order", "maxorder", "trace", "mode",
		"free_order",
	};
	const char *w = rr_get(&rr->run, "workload");
	size_t i;
	int n = snprintf(buf, size, "%s", w ? w : "?");

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]) && (size_t)n < size; i++) {
		const char *v = rr_get(&rr->run, keys[i]);

		if (!v || (!strcmp(keys[i], "mode") && !strcmp(v, "pairs")) ||
		    (!strcmp(keys[i], "free_order") && !strcmp(v, "lifo")))
			continue;
		n += snprintf(buf + n, size - (size_t)n, " %s=%s", keys[i], v);
	}
}

double cmp_median(double *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), dcmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* NAN values (n/a) are left out; all NAN: NAN. */
static void stat_of(double *v, size_t n, struct cmp_stat *s)
{
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		if (!isnan(v[i]))
			v[m++] = v[i];
	if (n && !m) {
		s->med = s->min = s->max = NAN;
		return;
	}
	s->med = cmp_median(v, m);
	s->min = m ? v[0] : 0;
	s->max = m ? v[m - 1] : 0;
}

/* An x1000 figure of the reply as a percentage; -1 (n/a) is NAN. */
static double pct_or_na(int64_t x1000)
{
	return x1000 < 0 ? NAN : x1000 / 10.0;
}

/*
 * A buddy index of the reply (x1000, negative values included) as the
 * kernel's fraction; NAN for a backend without a pool, and for
 * KML_METRIC_NA (-1), which the engine writes before the first sample.
 */
static double index_or_na(const struct rr_cell *c, int64_t x1000)
{
	return c->has_pool && x1000 != -1 ? x1000 / 1000.0 : NAN;
}

static double ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

/* The figure @k of cell @c (CMP_R_*). */
static double ratio_fig(const struct rr_cell *c, unsigned int k)
{
	switch (k) {
	case CMP_R_ALLOC_P50:
		return (double)c->alloc[LAT_P50];
	case CMP_R_ALLOC_P99:
		return (double)c->alloc[LAT_P99];
	case CMP_R_ALLOC_MEAN:
		return (double)c->alloc[LAT_MEAN];
	case CMP_R_FREE_P50:
		return (double)c->free[LAT_P50];
	case CMP_R_FREE_P99:
		return (double)c->free[LAT_P99];
	default:
		return (double)c->ops_per_sec;
	}
}

/* Figure @k of instance @inst per rep index (NAN for a missing rep). */
static void per_rep(const struct run_reply *rr, const char *inst,
		    unsigned int k, double *v)
{
	size_t j;
	unsigned int r;

	for (r = 0; r < rr->reps; r++)
		v[r] = NAN;
	for (j = 0; j < rr->ncells; j++)
		if (!strcmp(rr->cells[j].instance, inst))
			v[rr->cells[j].rep] = ratio_fig(&rr->cells[j], k);
}

/* The intervals, spreads and resolution flags of every row. */
static int compare_certainty(const struct run_reply *rr, struct cmp_row *rw)
{
	double *x = calloc(rr->reps + 1, sizeof(double));
	double *ref = calloc(rr->reps + 1, sizeof(double));
	double res = rr->clock.resolution_ns;
	unsigned int i, k;
	int err = 0;

	if (!x || !ref) {
		free(x);
		free(ref);
		return -ENOMEM;
	}
	for (i = 0; i < rr->ninst && !err; i++) {
		struct cmp_row *r = &rw[i];
		double fl = r->floor_ns.med;

		for (k = 0; k < CMP_R_NR && !err; k++) {
			r->has_ratio[k] = k == CMP_R_OPS || rr->timing_op;
			if (!r->has_ratio[k])
				continue;
			per_rep(rr, rr->inst[0], k, ref);
			per_rep(rr, rr->inst[i], k, x);
			err = cert_ratio_boot(x, ref, rr->reps, &r->vs[k]);
			r->fig_spread_pct[k] = cert_spread_pct(x, rr->reps);
			if (r->fig_spread_pct[k] > CERT_SPREAD_WARN_PCT)
				r->spread_high = true;
		}
		if (!rr->timing_op)
			continue;
		if (fabs(r->alloc[LAT_P50].med - fl) <= CERT_FLOOR_STEPS * res)
			r->res_flags |= CMP_RES_ALLOC_FLOOR;
		if (fabs(r->free[LAT_P50].med - fl) <= CERT_FLOOR_STEPS * res)
			r->res_flags |= CMP_RES_FREE_FLOOR;
		if (i && fabs(r->alloc[LAT_P50].med - rw[0].alloc[LAT_P50].med) < res)
			r->res_flags |= CMP_RES_ALLOC_FIRST;
		if (i && fabs(r->free[LAT_P50].med - rw[0].free[LAT_P50].med) < res)
			r->res_flags |= CMP_RES_FREE_FIRST;
	}
	free(x);
	free(ref);
	return err;
}

int runreply_compare(const struct run_reply *rr, struct cmp_row **rows)
{
	struct cmp_row *rw;
	double *v;
	unsigned int i, k;
	size_t j, n;

	rw = calloc(rr->ninst ? rr->ninst : 1, sizeof(*rw));
	v = calloc(rr->ncells + 1, sizeof(*v));
	if (!rw || !v) {
		free(rw);
		free(v);
		return -ENOMEM;
	}
#define COLLECT(dst, expr) do {						\
		n = 0;							\
		for (j = 0; j < rr->ncells; j++) {			\
			const struct rr_cell *c = &rr->cells[j];	\
			if (strcmp(c->instance, rr->inst[i]))		\
				continue;				\
			v[n++] = (double)(expr);			\
		}							\
		stat_of(v, n, &(dst));					\
	} while (0)
	for (i = 0; i < rr->ninst; i++) {
		struct cmp_row *r = &rw[i];
		unsigned int first_fail_rep = 0;

		snprintf(r->instance, sizeof(r->instance), "%s", rr->inst[i]);
		r->checksum_ok = true;
		for (j = 0; j < rr->ncells; j++) {
			const struct rr_cell *c = &rr->cells[j], *c0;
			size_t m;

			if (strcmp(c->instance, rr->inst[i]))
				continue;
			snprintf(r->backend, sizeof(r->backend), "%s", c->backend);
			r->reps++;
			r->done_ok += c->done_ok;
			r->failures += c->failures;
			r->failed_with_free += c->failed_with_free;
			if (c->has_pool && !r->has_pool) {
				r->has_pool = true;
				r->buddy_order = (unsigned int)c->buddy_order;
				snprintf(r->pool, sizeof(r->pool), "%s", c->pool);
				r->pool_pages = c->pool_pages;
				r->pool_shared = c->pool_shared;
			}
			if (c->has_first_fail && (!r->has_first_fail ||
						  c->rep < first_fail_rep)) {
				r->has_first_fail = true;
				first_fail_rep = c->rep;
				r->fail_request = c->fail_request;
				r->fail_free = c->fail_free;
				r->fail_largest = c->fail_largest;
			}
			r->bad_frees += c->bad_frees;
			r->violations += c->violations;
			r->has_misaligned |= c->has_misaligned;
			r->has_overlaps |= c->has_overlaps;
			r->misaligned += c->misaligned;
			r->overlaps += c->overlaps;
			for (m = 0; m < rr->ncells; m++) {
				c0 = &rr->cells[m];
				if (c0->rep == c->rep && !strcmp(c0->instance, rr->inst[0]) &&
				    strcmp(c0->checksum, c->checksum))
					r->checksum_ok = false;
			}
		}
		for (k = 0; k < LAT_NR; k++) {
			COLLECT(r->alloc[k], c->alloc[k]);
			COLLECT(r->free[k], c->free[k]);
		}
		COLLECT(r->ops_per_sec, c->ops_per_sec);
		COLLECT(r->floor_ns, c->floor_ns);
		COLLECT(r->internal_pct, c->internal_x1000 / 10.0);
		COLLECT(r->external_pct, pct_or_na(c->external_x1000));
		COLLECT(r->stranded_pct, pct_or_na(c->stranded_x1000));
		COLLECT(r->ext_peak_pct, pct_or_na(c->ext_peak_x1000));
		COLLECT(r->harness_alloc_ns, c->harness_alloc_ns ?
			(double)c->harness_alloc_ns : NAN);
		COLLECT(r->harness_free_ns, c->harness_free_ns ?
			(double)c->harness_free_ns : NAN);
		COLLECT(r->loop_pair_ns, c->loop_pair_ns ? (double)c->loop_pair_ns : NAN);
		COLLECT(r->ext_mean_pct, pct_or_na(c->ext_mean_x1000));
		COLLECT(r->unusable_end, index_or_na(c, c->unusable_end_x1000));
		COLLECT(r->unusable_peak, index_or_na(c, c->unusable_peak_x1000));
		COLLECT(r->unusable_mean, index_or_na(c, c->unusable_mean_x1000));
		COLLECT(r->fragidx_end, index_or_na(c, c->fragidx_end_x1000));
		COLLECT(r->fragidx_peak, index_or_na(c, c->fragidx_peak_x1000));
		COLLECT(r->util_pct, pct_or_na(c->util_x1000));
		COLLECT(r->held_kib, c->held_peak < 0 ? NAN : c->held_peak / 1024.0);
		COLLECT(r->requested_kib, c->requested_peak / 1024.0);
		if (rr->timing_op)
			r->spread_pct = r->alloc[LAT_P50].med > 0 ?
				100.0 * (r->alloc[LAT_P50].max - r->alloc[LAT_P50].min) /
				r->alloc[LAT_P50].med : 0;
		else
			r->spread_pct = r->ops_per_sec.med > 0 ?
				100.0 * (r->ops_per_sec.max - r->ops_per_sec.min) /
				r->ops_per_sec.med : 0;
	}
#undef COLLECT
	for (i = 0; i < rr->ninst; i++) {
		rw[i].r_alloc_p50 = ratio(rw[i].alloc[LAT_P50].med, rw[0].alloc[LAT_P50].med);
		rw[i].r_free_p50 = ratio(rw[i].free[LAT_P50].med, rw[0].free[LAT_P50].med);
		rw[i].r_alloc_mean = ratio(rw[i].alloc[LAT_MEAN].med,
					   rw[0].alloc[LAT_MEAN].med);
		rw[i].r_free_mean = ratio(rw[i].free[LAT_MEAN].med, rw[0].free[LAT_MEAN].med);
		rw[i].r_ops = ratio(rw[i].ops_per_sec.med, rw[0].ops_per_sec.med);
	}
	free(v);
	if (compare_certainty(rr, rw)) {
		free(rw);
		return -ENOMEM;
	}
	*rows = rw;
	return (int)rr->ninst;
}
