// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target of the command language: the input is a sequence of
 * commands, one per line ("trace load" takes the rest of the input as its
 * payload), executed against a fresh engine with a malloc-based backend.
 * Checks: no crash, leak or sanitizer report; a failing command leaves
 * exactly one line "error: ..."; every view renders. Runs are stopped at
 * their first batch boundary so that an input cannot run for long.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "host.h"
#include "fuzz_common.h"

static struct kml_host host, sim;
static char view_buf[1 << 16];

static int fz_run_workers(void *priv, unsigned int nr,
			  const unsigned int *cpus,
			  void (*fn)(void *arg, unsigned int idx), void *arg,
			  bool *stop)
{
	WRITE_ONCE(*stop, true);
	return sim.run_workers(priv, nr, cpus, fn, arg, stop);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	kml_sim_set_nr_cpus(2);
	kml_backend_register(&fz_fake);
	kml_sim_host_init(&sim);
	kml_sim_host_init(&host);
	host.run_workers = fz_run_workers;
	return 0;
}

static void fz_check_reply(struct kml_session *s, int ret)
{
	size_t len, i, lines = 0;
	const char *r = kml_session_reply(s, &len);

	if (len != strlen(r) || (len && r[len - 1] != '\n'))
		abort();
	if (!ret)
		return;
	if (ret > 0 || strncmp(r, "error: ", 7))
		abort();
	for (i = 0; i < len; i++)
		lines += r[i] == '\n';
	if (lines != 1)
		abort();
}

static void fz_views(struct kml_engine *e)
{
	static const char * const names[] = { "a", "b", "x0", "zz" };
	struct kml_out out;
	unsigned int i, v;

	for (v = 0; v < KML_GVIEW_NR; v++) {
		kml_out_init(&out, view_buf, sizeof(view_buf));
		kml_engine_global_view(e, v, &out);
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		for (v = 0; v < KML_IVIEW_NR; v++) {
			kml_out_init(&out, view_buf, sizeof(view_buf));
			kml_engine_view(e, names[i], v, &out);
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kml_engine *e = kml_engine_create(&host);
	struct kml_session *s = kml_session_create(e);
	const char *p = (const char *)data, *end = p + size;

	if (!e || !s)
		abort();
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		size_t len = nl ? (size_t)(nl - p + 1) : (size_t)(end - p);

		if (len >= 10 && !memcmp(p, "trace load", 10))
			len = end - p;
		fz_check_reply(s, kml_engine_exec(e, s, p, len));
		p += len;
	}
	fz_views(e);
	kml_session_destroy(s);
	kml_engine_destroy(e);
	return 0;
}
