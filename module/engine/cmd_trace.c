// SPDX-License-Identifier: GPL-2.0
/*
 * The trace commands: load (the parser is tracefile.c), drop and list.
 */
#include "engine_priv.h"

static const char *kml_trace_format_name(const struct kml_trace *t)
{
	return t->format == KML_TRACE_NATIVE ? "native" : "rep";
}

static void kml_trace_line(struct kml_out *o, const struct kml_trace *t)
{
	kml_out_printf(o,
		       "trace=%s format=%s ops=%u ids=%u allocs=%u frees=%u reallocs=%u max_size=%u max_live=%u peak_bytes=%llu live_at_end=%u free_nulls=%u realloc_news=%u realloc_frees=%u oversize=%u",
		       t->name, kml_trace_format_name(t), t->nr_ops, t->nr_ids,
		       t->nr_allocs, t->nr_frees, t->nr_reallocs, t->max_size,
		       t->max_live, (unsigned long long)t->peak_bytes,
		       t->live_at_end, t->nr_free_null, t->nr_realloc_new,
		       t->nr_realloc_free, t->nr_oversize);
	if (t->version == 2)
		kml_out_printf(o, " threads=%u aligned=%u", t->nr_threads,
			       t->nr_aligned);
	kml_out_printf(o, "\n");
}

static int kml_cmd_trace_load(struct kml_session *s)
{
	struct kml_engine *e = s->e;
	struct kml_trace *t;
	char msg[160];
	struct kml_out err;
	unsigned int i, slot = KML_MAX_TRACES;
	int ret;

	s->verb = "trace load";
	if (s->nr_tok != 3)
		return kml_cmd_err(s, -EINVAL,
				   "usage: trace load NAME, then the trace on the next lines");
	if (!kml_name_valid(&s->tok[2]))
		return kml_cmd_err(s, -EINVAL,
				   "bad name '%s' (1-%u of a-z 0-9 _ -)",
				   kml_tok_show(s, &s->tok[2]), KML_NAME_MAX);
	if (kml_trace_find_tok(e, &s->tok[2]))
		return kml_cmd_err(s, -EEXIST, "trace '%s' exists",
				   kml_tok_show(s, &s->tok[2]));
	for (i = 0; i < KML_MAX_TRACES; i++)
		if (!e->traces[i]) {
			slot = i;
			break;
		}
	if (slot == KML_MAX_TRACES)
		return kml_cmd_err(s, -ENOSPC, "already %u traces",
				   KML_MAX_TRACES);
	if (!s->payload_len)
		return kml_cmd_err(s, -EINVAL,
				   "no trace text after the command line");
	kml_out_init(&err, msg, sizeof(msg));
	ret = kml_trace_parse(s->payload, s->payload_len, &t, &err);
	if (ret)
		return kml_cmd_err(s, ret, "%s", msg);
	if (e->trace_ops + t->nr_ops > KML_TRACE_STORE_OPS) {
		kml_trace_free(t);
		return kml_cmd_err(s, -E2BIG,
				   "the loaded traces would exceed %u ops (drop one)",
				   KML_TRACE_STORE_OPS);
	}
	kml_tok_copy(t->name, sizeof(t->name), &s->tok[2]);
	kml_mutex_lock(&e->state_lock);
	e->traces[slot] = t;
	e->trace_ops += t->nr_ops;
	kml_mutex_unlock(&e->state_lock);
	kml_out_printf(&s->out, "loaded ");
	kml_trace_line(&s->out, t);
	if (t->hdr_ops_differ)
		kml_out_printf(&s->out,
			       "warning: header says %u ops, found %u: the %u found are replayed\n",
			       t->hdr_ops, t->nr_ops, t->nr_ops);
	return 0;
}

int kml_cmd_trace(struct kml_session *s)
{
	struct kml_engine *e = s->e;
	struct kml_trace *t;
	unsigned int i, n = 0;

	if (s->nr_tok >= 2 && kml_tok_eq(&s->tok[1], "load"))
		return kml_cmd_trace_load(s);
	if (s->nr_tok >= 2 && kml_tok_eq(&s->tok[1], "drop")) {
		s->verb = "trace drop";
		if (s->nr_tok != 3)
			return kml_cmd_err(s, -EINVAL, "usage: trace drop NAME");
		t = kml_trace_find_tok(e, &s->tok[2]);
		if (!t)
			return kml_cmd_err(s, -ENOENT, "no trace '%s'",
					   kml_tok_show(s, &s->tok[2]));
		if (kml_run_uses_trace(e, t))
			return kml_cmd_err(s, -EBUSY,
					   "trace '%s' is being replayed",
					   t->name);
		kml_out_printf(&s->out, "dropped trace=%s\n", t->name);
		kml_mutex_lock(&e->state_lock);
		for (i = 0; i < KML_MAX_TRACES; i++)
			if (e->traces[i] == t)
				e->traces[i] = NULL;
		e->trace_ops -= t->nr_ops;
		kml_mutex_unlock(&e->state_lock);
		kml_trace_free(t);
		return 0;
	}
	if (s->nr_tok == 2 && kml_tok_eq(&s->tok[1], "list")) {
		for (i = 0; i < KML_MAX_TRACES; i++)
			n += !!e->traces[i];
		kml_out_printf(&s->out, "traces=%u ops=%llu\n", n,
			       (unsigned long long)e->trace_ops);
		for (i = 0; i < KML_MAX_TRACES; i++)
			if (e->traces[i])
				kml_trace_line(&s->out, e->traces[i]);
		return 0;
	}
	return kml_cmd_err(s, -EINVAL,
			   "usage: trace load NAME | trace drop NAME | trace list");
}
