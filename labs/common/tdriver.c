// SPDX-License-Identifier: GPL-2.0
/*
 * tdriver - the sim side of the labs' transcript tests. It runs the
 * engine (the student's cores) in-process and reads a transcript's
 * commands from stdin: every line "$ CMD" is echoed and followed by the
 * engine's reply, exactly as tools/labs/vm-run prints them from the
 * debugfs control file inside the VM, so one expected transcript serves
 * both modes. "$ cat INST VIEW" prints an instance view
 * (inst/INST/VIEW), "$ cat VIEW" an engine-wide one. Other lines are
 * ignored (they are the expected output). "$- CMD" runs CMD but shows
 * its reply only when it is an error (for replies with timings: run). Two per-CPU slots, as the VM
 * has two CPUs, and the commands run in slot 0 (the VM pins them to CPU 0).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "host.h"
#include "ops.h"

void kml_sim_set_nr_cpus(unsigned int nr);

static char view_buf[KML_VIEW_MAX];

static int find_name(const char * const *names, int nr, const char *name)
{
	int i;

	for (i = 0; i < nr; i++)
		if (names[i] && !strcmp(names[i], name))
			return i;
	return -1;
}

static void do_cat(struct kml_engine *e, char *args)
{
	char *a = strtok(args, " \t"), *b = strtok(NULL, " \t");
	struct kml_out out;
	int v;

	kml_out_init(&out, view_buf, sizeof(view_buf));
	if (b) {
		v = find_name(kml_iview_names, KML_IVIEW_NR, b);
		if (v < 0 || kml_engine_view(e, a, v, &out)) {
			printf("cat: no such file\n");
			return;
		}
	} else {
		v = a ? find_name(kml_gview_names, KML_GVIEW_NR, a) : -1;
		if (v < 0 || kml_engine_global_view(e, v, &out)) {
			printf("cat: no such file\n");
			return;
		}
	}
	fputs(view_buf, stdout);
}

int main(void)
{
	static char line[KML_CMD_MAX + 2];
	struct kml_engine *e;
	struct kml_session *s;
	struct kml_host host;

	kml_sim_set_nr_cpus(2);
	if (kml_register_ours()) {
		fprintf(stderr, "tdriver: cannot register the backends\n");
		return 1;
	}
	kml_sim_host_init(&host);
	e = kml_engine_create(&host);
	s = e ? kml_session_create(e) : NULL;
	if (!s) {
		fprintf(stderr, "tdriver: cannot create the engine\n");
		return 1;
	}
	while (fgets(line, sizeof(line), stdin)) {
		size_t len = strcspn(line, "\r\n");
		const char *reply;
		bool quiet;

		line[len] = '\0';
		quiet = !strncmp(line, "$- ", 3);
		if (strncmp(line, "$ ", 2) && !quiet)
			continue;
		printf("%s\n", line);
		if (quiet) {
			kml_engine_exec(e, s, line + 3, len - 3);
			reply = kml_session_reply(s, &len);
			if (!strncmp(reply, "error", 5))
				fwrite(reply, 1, len, stdout);
		} else if (!strncmp(line + 2, "cat ", 4)) {
			do_cat(e, line + 6);
		} else {
			kml_engine_exec(e, s, line + 2, len - 2);
			reply = kml_session_reply(s, &len);
			fwrite(reply, 1, len, stdout);
		}
		fflush(stdout);
	}
	kml_session_destroy(s);
	kml_engine_destroy(e);
	return 0;
}
