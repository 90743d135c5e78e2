// SPDX-License-Identifier: GPL-2.0
/*
 * 'kmemlab report DIR': DIR/results.json (schema in docs/cli.md) becomes
 * DIR/report.html (lib/report_html.c draws the page).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "report_html.h"
#include "results.h"

const struct cli_opt report_opts[] = {
	{ "output", 'o', "PATH", "write PATH instead of DIR/report.html ('-': stdout)" },
	{ "title", 't', "TEXT", "page title (default: kmemlab report)" },
	{ NULL, 0, NULL, NULL },
};

int cmd_report(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *arg, *outpath = NULL, *title = "kmemlab report", *dir;
	char in[4096], outbuf[4096], err[512];
	struct results rs;
	size_t len;
	char *text;
	FILE *f;
	int c, r;

	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		switch (c) {
		case 'o':
			outpath = arg;
			break;
		case 't':
			title = arg;
			break;
		default:
			return c == 'h' ? CLI_EXIT_OK : CLI_EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(ctx, "expected one DIR");
	dir = argv[optind];
	snprintf(in, sizeof(in), "%s/results.json", dir);
	r = cli_read_file(in, &text, &len);
	if (r) {
		cli_error(in, "%s", strerror(-r));
		return CLI_EXIT_FAIL;
	}
	r = results_read(text, len, &rs, err, sizeof(err));
	free(text);
	if (r) {
		cli_error(in, "%s", err);
		return CLI_EXIT_FAIL;
	}
	if (!outpath) {
		snprintf(outbuf, sizeof(outbuf), "%s/report.html", dir);
		outpath = outbuf;
	}
	f = strcmp(outpath, "-") ? fopen(outpath, "w") : ctx->out;
	if (!f) {
		cli_error(outpath, "%s", strerror(errno));
		results_free(&rs);
		return CLI_EXIT_FAIL;
	}
	r = report_html(f, &rs, title);
	if (f != ctx->out && fclose(f))
		r = -errno;
	results_free(&rs);
	if (r) {
		cli_error(outpath, "%s", strerror(-r));
		return CLI_EXIT_FAIL;
	}
	if (f != ctx->out)
		cli_info(ctx, "wrote %s", outpath);
	return CLI_EXIT_OK;
}
