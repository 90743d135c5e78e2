// SPDX-License-Identifier: GPL-2.0
/*
 * The sim connection: the engine of module/core linked in-process with the
 * simulator's host (userspace/sim/host.c), our backends and the userspace
 * allocators (glibc, jemalloc, tcmalloc, mimalloc when installed). The
 * engine and its state live as long as the process, so a sim invocation
 * starts empty: -e CMD creates what the subcommand then looks at.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conn.h"
#include "engine.h"
#include "fault.h"
#include "host.h"
#include "ops.h"
#include "user_backends.h"

struct sim_state {
	struct kml_host host;
	struct kml_engine *engine;
	struct kml_session *session;
};

static int sim_exec(struct conn *c, const char *cmd, size_t len, char **reply,
		    size_t *rlen)
{
	struct sim_state *s = c->priv;
	const char *text;
	size_t n;
	int r;

	r = kml_engine_exec(s->engine, s->session, cmd, len);
	text = kml_session_reply(s->session, &n);
	*reply = malloc(n + 1);
	if (*reply) {
		memcpy(*reply, text, n);
		(*reply)[n] = '\0';
		*rlen = n;
	}
	return r;
}

static int lookup(const char *const *names, unsigned int nr, const char *v)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (names[i] && !strcmp(names[i], v))
			return (int)i;
	return -1;
}

/* Render a view into a growing buffer until it fits. */
static int sim_view(struct conn *c, const char *inst, const char *view,
		    char **text, size_t *len)
{
	struct sim_state *s = c->priv;
	size_t size = 64 << 10;
	struct kml_out out;
	int v, r;
	char *buf;

	if (!inst && !strcmp(view, "fault")) {
		/* the kernel's debugfs file `fault`, rendered the same way */
		buf = malloc(512);
		if (!buf)
			return -ENOMEM;
		kml_out_init(&out, buf, 512);
		kml_sim_fault_show(&out);
		*text = buf;
		*len = out.len;
		return 0;
	}
	v = inst ? lookup(kml_iview_names, KML_IVIEW_NR, view) :
		   lookup(kml_gview_names, KML_GVIEW_NR, view);
	if (v < 0)
		return -ENOENT;
	for (;;) {
		buf = malloc(size);
		if (!buf)
			return -ENOMEM;
		kml_out_init(&out, buf, size);
		r = inst ? kml_engine_view(s->engine, inst, (enum kml_iview)v, &out) :
			   kml_engine_global_view(s->engine, (enum kml_gview)v, &out);
		if (r) {
			free(buf);
			return r;
		}
		if (!out.overflow)
			break;
		free(buf);
		if (size >= KML_VIEW_MAX)
			return -E2BIG;
		size *= 2;
	}
	*text = buf;
	*len = out.len;
	return 0;
}

static void sim_close(struct conn *c)
{
	struct sim_state *s = c->priv;

	kml_session_destroy(s->session);
	kml_engine_destroy(s->engine);
	kml_user_backends_unregister();
	kml_unregister_ours();
	free(s);
}

static const struct conn_ops sim_ops = {
	.exec = sim_exec,
	.view = sim_view,
	.close = sim_close,
};

struct conn *conn_open_sim(int *exit_code)
{
	struct sim_state *s;
	const char *fault;
	struct conn *c;
	char err[160];
	int r;

	*exit_code = CLI_EXIT_FAIL;
	c = calloc(1, sizeof(*c));
	s = calloc(1, sizeof(*s));
	if (!c || !s)
		goto out_free;
	r = kml_register_ours();
	if (r) {
		cli_error("sim", "registering our backends: %s", strerror(-r));
		goto out_free;
	}
	kml_user_backends_register();
	kml_sim_host_init(&s->host);
	s->engine = kml_engine_create(&s->host);
	s->session = s->engine ? kml_session_create(s->engine) : NULL;
	if (!s->session) {
		cli_error("sim", "cannot create the engine: out of memory");
		kml_engine_destroy(s->engine);
		kml_user_backends_unregister();
		kml_unregister_ours();
		goto out_free;
	}
	fault = getenv("KMEMLAB_SIM_FAULT");
	if (fault && *fault && kml_sim_fault_set(fault, err, sizeof(err))) {
		cli_error("KMEMLAB_SIM_FAULT", "%s", err);
		*exit_code = CLI_EXIT_USAGE;
		kml_session_destroy(s->session);
		kml_engine_destroy(s->engine);
		kml_user_backends_unregister();
		kml_unregister_ours();
		goto out_free;
	}
	c->ops = &sim_ops;
	c->mode = "sim";
	c->control_fd = -1;
	c->priv = s;
	return c;
out_free:
	free(s);
	free(c);
	return NULL;
}
