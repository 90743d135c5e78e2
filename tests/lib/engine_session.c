// SPDX-License-Identifier: GPL-2.0
/*
 * engine_session - one sim engine session for tests/lib/doctest.py: the
 * engine with every backend the sim has (ours and the userspace mallocs,
 * as "kmemlab sim" registers them), two CPUs as in the VM, driven by a
 * framed protocol so that a document's transcripts run in order in one
 * session, as its commands would on one open control file.
 *
 * Request on stdin: "X LEN\n" then LEN bytes, a command (a trace load
 * carries its payload); or "V LEN\n" then LEN bytes "INST VIEW" or "VIEW",
 * a view. Reply on stdout: "RC LEN\n" then LEN bytes, RC the command's
 * 0 or negative errno (views: the rendering's), the bytes its reply or
 * the view's text.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"

void kml_sim_set_nr_cpus(unsigned int nr);

static void answer(int rc, const char *text, size_t len)
{
	printf("%d %zu\n", rc, len);
	if (len)
		fwrite(text, 1, len, stdout);
	fflush(stdout);
}

int main(void)
{
	char kind, *buf, *reply, *sp;
	struct conn *c;
	size_t len, rlen;
	int code, rc;

	kml_sim_set_nr_cpus(2);
	c = conn_open_sim(&code);
	if (!c)
		return code;
	while (scanf(" %c %zu", &kind, &len) == 2) {
		if (getchar() != '\n' || len > (32u << 20))
			return 2;
		buf = malloc(len + 1);
		if (!buf || fread(buf, 1, len, stdin) != len)
			return 2;
		buf[len] = '\0';
		reply = NULL;
		rlen = 0;
		if (kind == 'X') {
			rc = c->ops->exec(c, buf, len, &reply, &rlen);
		} else {
			sp = strchr(buf, ' ');
			if (sp)
				*sp++ = '\0';
			rc = c->ops->view(c, sp ? buf : NULL, sp ? sp : buf,
					  &reply, &rlen);
		}
		answer(rc, reply ? reply : "", reply ? rlen : 0);
		free(reply);
		free(buf);
	}
	conn_close(c);
	return 0;
}
