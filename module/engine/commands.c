// SPDX-License-Identifier: GPL-2.0
/*
 * The command table and its dispatch: tokenising a write, finding the
 * verb, taking the locks it needs, and the stop and help commands. The
 * commands themselves are in cmd_inst.c, cmd_trace.c and run.c.
 */
#include "engine_priv.h"
#include "workloads.h"

/* --- stop, help ----------------------------------------------------------- */

static int kml_cmd_stop(struct kml_session *s)
{
	if (s->nr_tok != 1)
		return kml_cmd_err(s, -EINVAL, "usage: stop");
	kml_out_printf(&s->out, "stop runs=%u\n", kml_run_stop_locked(s->e, true));
	return 0;
}

enum kml_lock_mode {
	KML_LOCK_BOTH,		/* cmd and state lock around the command */
	KML_LOCK_CMD,		/* cmd lock; the command takes the state lock */
	KML_LOCK_NONE,		/* the command locks what it needs */
};

struct kml_cmd_desc {
	const char *verb;
	int (*fn)(struct kml_session *s);
	enum kml_lock_mode lock;
	const char *usage;
};

static int kml_cmd_help(struct kml_session *s);

static const struct kml_cmd_desc kml_cmds[] = {
	{ "create", kml_cmd_create, KML_LOCK_CMD, NULL },	/* from the tables */
	{ "destroy", kml_cmd_destroy, KML_LOCK_CMD, "destroy NAME" },
	{ "alloc", kml_cmd_alloc, KML_LOCK_BOTH, "alloc NAME SIZE" },
	{ "free", kml_cmd_free, KML_LOCK_BOTH, "free NAME HANDLE" },
	{ "handles", kml_cmd_handles, KML_LOCK_BOTH, "handles NAME" },
	{ "shrink", kml_cmd_shrink, KML_LOCK_BOTH, "shrink NAME" },
	{ "reset", kml_cmd_reset, KML_LOCK_CMD, "reset [NAME]" },
	{ "validate", kml_cmd_validate, KML_LOCK_BOTH, "validate NAME" },
	{ "trace", kml_cmd_trace, KML_LOCK_CMD,
	  "trace load NAME (trace text on the following lines) | trace drop NAME | trace list" },
	{ "run", kml_cmd_run, KML_LOCK_NONE, NULL },	/* from the tables */
	{ "stop", kml_cmd_stop, KML_LOCK_CMD, "stop" },
	{ "help", kml_cmd_help, KML_LOCK_NONE, "help" },
};

/* The usage of create and run, from the key and workload tables. */
static void kml_help_create(struct kml_out *o)
{
	unsigned int k;

	kml_out_printf(o, "create NAME BACKEND [");
	for (k = 0; k < KML_PK_NR; k++)
		kml_out_printf(o, "%s%s=", k ? " " : "",
			       kml_create_keys[k].name);
	kml_out_printf(o, "]\n");
}

static void kml_help_run(struct kml_out *o)
{
	unsigned int i, k;
	bool first = true;

	kml_out_printf(o, "run ");
	for (i = 0; i < kml_nr_workloads; i++)
		kml_out_printf(o, "%s%s", i ? "|" : "", kml_workloads[i].name);
	kml_out_printf(o, " on=INST[,INST...] [");
	for (k = 0; k < KML_RK_NR; k++) {
		if (k == KML_RK_ON)
			continue;
		kml_out_printf(o, "%s%s=", first ? "" : " ",
			       kml_run_keys[k].name);
		first = false;
	}
	kml_out_printf(o, "]\n");
}

static int kml_cmd_help(struct kml_session *s)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kml_cmds); i++) {
		if (kml_cmds[i].fn == kml_cmd_create)
			kml_help_create(&s->out);
		else if (kml_cmds[i].fn == kml_cmd_run)
			kml_help_run(&s->out);
		else
			kml_out_printf(&s->out, "%s\n", kml_cmds[i].usage);
	}
	return 0;
}

/* --- tokenising and dispatch ------------------------------------------------ */

static int kml_tokenize(struct kml_session *s, const char *buf, size_t len)
{
	size_t eol, line, i;

	s->nr_tok = 0;
	for (eol = 0; eol < len && buf[eol] != '\n'; eol++) {
		if (eol >= KML_CMD_MAX)
			return kml_cmd_err(s, -E2BIG,
					   "command line longer than %u bytes",
					   KML_CMD_MAX);
		if (!buf[eol])
			return kml_cmd_err(s, -EINVAL, "NUL byte in command");
	}
	line = eol;
	if (line && buf[line - 1] == '\r')
		line--;
	s->payload = eol < len ? buf + eol + 1 : buf + len;
	s->payload_len = eol < len ? len - eol - 1 : 0;
	for (i = 0; i < line;) {
		size_t start;

		while (i < line && (buf[i] == ' ' || buf[i] == '\t'))
			i++;
		if (i == line)
			break;
		start = i;
		while (i < line && buf[i] != ' ' && buf[i] != '\t')
			i++;
		if (s->nr_tok == KML_MAX_TOKENS)
			return kml_cmd_err(s, -E2BIG, "more than %u words",
					   KML_MAX_TOKENS);
		s->tok[s->nr_tok].s = buf + start;
		s->tok[s->nr_tok].len = (u32)(i - start);
		s->nr_tok++;
	}
	return 0;
}

int kml_cmd_dispatch(struct kml_session *s, const char *buf, size_t len)
{
	struct kml_engine *e = s->e;
	const struct kml_cmd_desc *c = NULL;
	bool trace_load;
	unsigned int i;
	int ret;

	s->verb = NULL;
	if (len > KML_WRITE_MAX)
		return kml_session_refuse(s, -E2BIG, len);
	ret = kml_tokenize(s, buf, len);
	if (ret)
		return ret;
	if (!s->nr_tok)
		return kml_cmd_err(s, -EINVAL, "empty command (see 'help')");
	for (i = 0; i < ARRAY_SIZE(kml_cmds); i++)
		if (kml_tok_eq(&s->tok[0], kml_cmds[i].verb))
			c = &kml_cmds[i];
	if (!c)
		return kml_cmd_err(s, -EINVAL, "unknown command '%s' (see 'help')",
				   kml_tok_show(s, &s->tok[0]));
	s->verb = c->verb;
	trace_load = c->fn == kml_cmd_trace && s->nr_tok >= 2 &&
		     kml_tok_eq(&s->tok[1], "load");
	if (!trace_load) {
		if (len > KML_CMD_MAX)
			return kml_cmd_err(s, -E2BIG,
					   "command longer than %u bytes",
					   KML_CMD_MAX);
		if (s->payload_len)
			return kml_cmd_err(s, -EINVAL,
					   "one command per write (text after the first line)");
	}

	switch (c->lock) {
	case KML_LOCK_NONE:
		return c->fn(s);
	case KML_LOCK_CMD:
		kml_mutex_lock(&e->cmd_lock);
		ret = c->fn(s);
		kml_mutex_unlock(&e->cmd_lock);
		return ret;
	default:
		kml_mutex_lock(&e->cmd_lock);
		kml_mutex_lock(&e->state_lock);
		ret = c->fn(s);
		kml_mutex_unlock(&e->state_lock);
		kml_mutex_unlock(&e->cmd_lock);
		return ret;
	}
}
