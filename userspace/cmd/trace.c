// SPDX-License-Identifier: GPL-2.0
/*
 * 'kmemlab trace [--output FILE] [--keep] -- CMD [ARGS...]': records the
 * kmemlab:* and kmem:* events with trace-cmd while CMD runs, then reads
 * the recording back through `trace-cmd report` and summarizes it
 * (lib/trace_report.c reads the report, lib/trace_sum.c attributes the
 * events, lib/trace_print.c prints them; docs/cli.md has the rules).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "conn.h"
#include "spawn.h"
#include "trace_print.h"
#include "trace_sum.h"

const struct cli_opt trace_opts[] = {
	{ "output", 'o', "FILE", "write the recording to FILE (kept) instead of a temporary file" },
	{ "keep", 'k', NULL, "keep the temporary recording and print its path" },
	{ NULL, 0, NULL, NULL },
};

/* Our instance names by id, from the 'instances' view (best effort). */
static void trace_name_instances(struct cli_ctx *ctx, struct trace_sum *s)
{
	char *text = NULL, *line, *save = NULL;
	size_t len, i;
	int ec;

	if (access(KMEMLAB_DEBUGFS "/instances", R_OK) || !cli_conn(ctx, &ec) ||
	    conn_view(ctx->conn, NULL, "instances", &text, &len))
		return;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char name[32], *id = strstr(line, " id=");

		if (!id || sscanf(line, "%31s", name) != 1)
			continue;
		for (i = 0; i < s->nr; i++)
			if (s->rows[i].ours &&
			    s->rows[i].inst == strtoll(id + 4, NULL, 10))
				snprintf(s->rows[i].inst_name,
					 sizeof(s->rows[i].inst_name), "%s", name);
	}
	free(text);
}

/*
 * CMD may name this tool ("kmemlab trace -- kmemlab run ..."), as the docs
 * do, also when it is not installed and sudo reset PATH: put the directory
 * of this very program first in CMD's PATH.
 */
static void path_with_self(void)
{
	char exe[4096], *dir, *path;
	const char *old = getenv("PATH");
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return;
	exe[n] = '\0';
	dir = strrchr(exe, '/');
	if (!dir)
		return;
	*dir = '\0';
	if (asprintf(&path, "%s%s%s", exe[0] ? exe : "/", old && *old ? ":" : "",
		     old ? old : "") < 0)
		return;
	setenv("PATH", path, 1);
	free(path);
}

static int temp_file(char *path, size_t size, const char *suffix)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(path, size, "%s/kmemlab-trace-XXXXXX%s",
		 dir && *dir ? dir : "/tmp", suffix);
	fd = mkstemps(path, (int)strlen(suffix));
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

int cmd_trace(struct cli_ctx *ctx, int argc, char **argv)
{
	char tmp[4096] = "", status_path[4096] = "", errbuf[512];
	const char *output = NULL, *arg, *file;
	char *report = NULL, *stat = NULL, *st_text = NULL;
	char **rec = NULL;
	size_t rlen = 0, slen = 0, st_len = 0;
	bool keep = false;
	struct trace_sum sum;
	int c, i, n, ret, rc = CLI_EXIT_FAIL, cmd_status = -1;

	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		switch (c) {
		case 'o':
			output = arg;
			break;
		case 'k':
			keep = true;
			break;
		case 'h':
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage_error(ctx, "no command to trace (kmemlab trace -- CMD [ARGS...])");
	if (ctx->sim)
		return cli_usage_error(ctx, "tracepoints exist in kernel mode only");
	if (output && !*output)
		return cli_usage_error(ctx, "--output: empty file name");
	if (geteuid()) {
		cli_error("trace", "needs root (trace-cmd record writes to tracefs)");
		return CLI_EXIT_SKIP;
	}
	if (!spawn_in_path("trace-cmd")) {
		cli_error("trace", "trace-cmd not found in PATH (install the trace-cmd package)");
		return CLI_EXIT_SKIP;
	}
	if (access("/sys/module/kmemlab", F_OK)) {
		cli_error("trace", "module not loaded: its kmemlab:* tracepoints are "
			  "what trace records (insmod kmemlab.ko)");
		return CLI_EXIT_SKIP;
	}
	path_with_self();
	if (!output) {
		ret = temp_file(tmp, sizeof(tmp), ".dat");
		if (ret) {
			cli_error("trace", "temporary file: %s", strerror(-ret));
			return CLI_EXIT_FAIL;
		}
	}
	file = output ? output : tmp;
	ret = temp_file(status_path, sizeof(status_path), ".status");
	if (ret) {
		cli_error("trace", "temporary file: %s", strerror(-ret));
		goto out;
	}

	/* trace-cmd record -q -e kmemlab -e kmem -o FILE sh -c ... CMD... */
	n = argc - optind;
	rec = calloc((size_t)n + 16, sizeof(*rec));
	if (!rec) {
		cli_error("trace", "out of memory");
		goto out;
	}
	i = 0;
	rec[i++] = "trace-cmd";
	rec[i++] = "record";
	rec[i++] = "-q";
	rec[i++] = "-e";
	rec[i++] = "kmemlab";
	rec[i++] = "-e";
	rec[i++] = "kmem";
	rec[i++] = "-o";
	rec[i++] = (char *)file;
	/* a shell between trace-cmd and CMD keeps CMD's exit status */
	rec[i++] = "/bin/sh";
	rec[i++] = "-c";
	rec[i++] = "\"$@\"; echo $? >\"$0\"";
	rec[i++] = status_path;
	memcpy(&rec[i], &argv[optind], (size_t)n * sizeof(*rec));
	fflush(stdout);
	/* with --json/--csv the command's own output goes to stderr */
	ret = spawn_run("trace", rec, ctx->fmt == CLI_FMT_TEXT ? STDOUT_FILENO :
			STDERR_FILENO, NULL, NULL);
	if (ret) {
		cli_error("trace", "trace-cmd record failed (%s %d)",
			  ret < 0 ? "error" : "status", ret < 0 ? -ret : ret);
		goto out;
	}
	if (!cli_read_file(status_path, &st_text, &st_len))
		cmd_status = atoi(st_text);

	{
		char *rep[] = { "trace-cmd", "report", "-i", (char *)file, NULL };
		char *sta[] = { "trace-cmd", "report", "--stat", "-i",
				(char *)file, NULL };

		ret = spawn_run("trace", rep, STDOUT_FILENO, &report, &rlen);
		if (ret) {
			cli_error("trace", "trace-cmd report -i %s failed (%s %d)",
				  file, ret < 0 ? "error" : "status",
				  ret < 0 ? -ret : ret);
			goto out;
		}
		ret = spawn_run("trace", sta, STDOUT_FILENO, &stat, &slen);
		if (ret) {
			cli_error("trace", "trace-cmd report --stat -i %s failed (%s %d)",
				  file, ret < 0 ? "error" : "status",
				  ret < 0 ? -ret : ret);
			goto out;
		}
	}
	trace_sum_init(&sum);
	ret = trace_report_parse(&sum, report, rlen, "trace-cmd report", errbuf,
				 sizeof(errbuf));
	if (!ret)
		ret = trace_stat_parse(&sum, stat, slen, "trace-cmd report --stat",
				       errbuf, sizeof(errbuf));
	if (ret) {
		cli_error("trace", "%s", ret == -ENOMEM ? "out of memory" : errbuf);
		trace_sum_free(&sum);
		goto out;
	}
	trace_name_instances(ctx, &sum);
	trace_sum_print(ctx->out, &sum, ctx->fmt,
			output || keep ? file : NULL, cmd_status);
	if (trace_sum_lost(&sum) || sum.dropped_unknown)
		cli_error("trace", "the ring buffer lost events: the counts are lower bounds (try a larger buffer: trace-cmd record -b)");
	trace_sum_free(&sum);
	rc = CLI_EXIT_OK;
	if (cmd_status != 0) {
		if (cmd_status < 0)
			cli_error("trace", "the command's exit status is unknown");
		else
			cli_error("trace", "the command exited with status %d",
				  cmd_status);
		rc = CLI_EXIT_FAIL;
	}
out:
	if (!output && !keep && tmp[0])
		unlink(tmp);
	else if (keep && !output && ctx->fmt == CLI_FMT_TEXT && rc == CLI_EXIT_FAIL)
		cli_info(ctx, "recording kept in %s", tmp);
	if (status_path[0])
		unlink(status_path);
	free(rec);
	free(report);
	free(stat);
	free(st_text);
	return rc;
}
