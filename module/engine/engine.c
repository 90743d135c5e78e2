// SPDX-License-Identifier: GPL-2.0
/*
 * The engine itself and its client sessions: create, destroy, stop, and
 * the execution of one command into a session's reply. The commands are
 * dispatched by commands.c, runs live in run.c, views in views.c.
 *
 * Locking: cmd_lock serialises commands (a run drops it while its workers
 * run, with its instances marked busy); state_lock guards the instance
 * list, the trace table and published results against the views, which
 * take only state_lock. Order: cmd_lock, then state_lock. Host hooks are
 * called with cmd_lock held and state_lock not held.
 */
#include "engine_priv.h"

/* --- engine and sessions ------------------------------------------------ */

struct kml_engine *kml_engine_create(const struct kml_host *host)
{
	struct kml_engine *e = kml_zalloc(sizeof(*e));

	if (!e)
		return NULL;
	e->host = host;
	kml_mutex_init(&e->cmd_lock);
	kml_mutex_init(&e->state_lock);
	kml_list_init(&e->instances);
	e->next_id = 1;
	return e;
}

void kml_engine_destroy(struct kml_engine *e)
{
	u32 nr_inst, nr_traces;

	if (!e)
		return;
	kml_mutex_lock(&e->cmd_lock);
	KML_WARN_ON_ONCE(e->run);
	kml_engine_clear_locked(e, &nr_inst, &nr_traces);
	kml_mutex_unlock(&e->cmd_lock);
	kml_mutex_destroy(&e->state_lock);
	kml_mutex_destroy(&e->cmd_lock);
	kml_free(e);
}

unsigned int kml_engine_stop(struct kml_engine *e)
{
	unsigned int n;

	kml_mutex_lock(&e->cmd_lock);
	n = kml_run_stop_locked(e, false);
	kml_mutex_unlock(&e->cmd_lock);
	return n;
}

struct kml_session *kml_session_create(struct kml_engine *e)
{
	struct kml_session *s = kml_zalloc(sizeof(*s));

	if (!s)
		return NULL;
	s->reply = kml_zalloc(KML_REPLY_MAX);
	if (!s->reply) {
		kml_free(s);
		return NULL;
	}
	s->e = e;
	kml_out_init(&s->out, s->reply, KML_REPLY_MAX);
	return s;
}

void kml_session_destroy(struct kml_session *s)
{
	if (!s)
		return;
	kml_free(s->reply);
	kml_free(s);
}

/* The last line of a reply that did not fit, in room kept for it. */
#define KML_TRUNC_NOTE	"# truncated: the reply exceeded its bound\n"

int kml_engine_exec(struct kml_engine *e, struct kml_session *s,
		    const char *buf, size_t len)
{
	int ret;

	/* Keep room for the truncation note at the end of the buffer. */
	kml_out_init(&s->out, s->reply, KML_REPLY_MAX - sizeof(KML_TRUNC_NOTE));
	s->fault_mark = kml_fault_injected();
	ret = kml_cmd_dispatch(s, buf, len);
	if (s->out.overflow) {
		/* cut back to the last full line, then say so */
		while (s->out.len && s->reply[s->out.len - 1] != '\n')
			s->out.len--;
		memcpy(s->reply + s->out.len, KML_TRUNC_NOTE,
		       sizeof(KML_TRUNC_NOTE));
		s->out.len += sizeof(KML_TRUNC_NOTE) - 1;
	}
	return ret;
}

int kml_session_refuse(struct kml_session *s, int err, size_t len)
{
	s->verb = NULL;
	switch (-err) {
	case E2BIG:
		return kml_cmd_err(s, err, "write of %zu bytes above the bound %u",
				   len, KML_WRITE_MAX);
	case EFAULT:
		return kml_cmd_err(s, err,
				   "write of %zu bytes: the buffer is not readable (EFAULT)",
				   len);
	case ENOMEM:
		return kml_cmd_err(s, err,
				   "write of %zu bytes: out of memory for its copy",
				   len);
	default:
		return kml_cmd_err(s, err, "write of %zu bytes refused (%s)",
				   len, kml_errname(err));
	}
}

const char *kml_session_reply(const struct kml_session *s, size_t *len)
{
	*len = s->out.len;
	return s->reply;
}
