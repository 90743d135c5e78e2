// SPDX-License-Identifier: GPL-2.0
/*
 * Option handling shared by every subcommand: one option table per command
 * drives both getopt_long and the help text, so --help always lists every
 * option. Also the parse_* helpers (one per kind of value), error output
 * and whole-file reading for /proc and debugfs files.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Long-only common options. */
enum { OPT_JSON = 0x1001, OPT_CSV, OPT_QUIET };

static const struct cli_opt common_opts[] = {
	{ "json", OPT_JSON, NULL, "write JSON on stdout (see docs/cli.md)" },
	{ "csv", OPT_CSV, NULL, "write CSV on stdout (RFC 4180 quoting)" },
	{ "quiet", 'q', NULL, "no progress or informational messages" },
	{ "help", 'h', NULL, "show this help" },
	{ NULL, 0, NULL, NULL },
};

void cli_error(const char *what, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kmemlab: %s: ", what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_engine_error(const struct cli_ctx *ctx, const char *what, int err,
		      const char *reply)
{
	static const char *const hints[][2] = {
		{ "(see 'backends')", "backends" },
		{ "(see 'instances')", "view instances" },
		{ "(see 'help')", "exec help" },
	};
	const char *why = reply, *colon;
	size_t n, i;

	if (!why || !*why || strncmp(why, "error: ", 7)) {
		cli_error(what, "%s", strerror(-err));
		return;
	}
	why += 7;
	/* drop the verb the engine names: the user typed it (@what) */
	colon = strstr(why, ": ");
	if (colon && colon - why < 16 && !memchr(why, ' ', (size_t)(colon - why)))
		why = colon + 2;
	n = strcspn(why, "\n");
	for (i = 0; i < sizeof(hints) / sizeof(hints[0]); i++) {
		size_t h = strlen(hints[i][0]);

		if (n >= h && !strncmp(why + n - h, hints[i][0], h)) {
			cli_error(what, "%.*s(see 'kmemlab%s %s')", (int)(n - h),
				  why, ctx && ctx->sim ? " sim" : "", hints[i][1]);
			return;
		}
	}
	cli_error(what, "%.*s", (int)n, why);
}

void cli_info(const struct cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	if (ctx->quiet)
		return;
	fprintf(stderr, "kmemlab: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_file_err(char *err, size_t errlen, const char *file, size_t line,
		 const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(err, errlen, "%s:%zu: ", file, line);

	if (n >= 0 && (size_t)n < errlen) {
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

int cli_usage_error(const struct cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kmemlab: %s: ", ctx->cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'kmemlab help %s')\n", ctx->cmd->name);
	return CLI_EXIT_USAGE;
}

int cli_set_format(struct cli_ctx *ctx, enum cli_format fmt)
{
	static const char *const names[] = { "", "--json", "--csv" };

	if (ctx->fmt != CLI_FMT_TEXT && ctx->fmt != fmt) {
		cli_error(names[fmt], "conflicts with %s: one output format at a "
			  "time", names[ctx->fmt]);
		return -1;
	}
	ctx->fmt = fmt;
	return 0;
}

static bool opt_applies(const struct cli_command *cmd, const struct cli_opt *o)
{
	if (o->short_name == OPT_JSON)
		return cmd->formats & CLI_F_JSON;
	if (o->short_name == OPT_CSV)
		return cmd->formats & CLI_F_CSV;
	return true;
}

static void print_opt(FILE *f, const struct cli_opt *o)
{
	char left[64];
	int n;

	if (o->short_name > 0 && o->short_name < 256)
		n = snprintf(left, sizeof(left), "-%c, --%s", o->short_name,
			     o->name);
	else
		n = snprintf(left, sizeof(left), "    --%s", o->name);
	if (o->arg && n > 0 && (size_t)n < sizeof(left))
		snprintf(left + n, sizeof(left) - n, " %s", o->arg);
	fprintf(f, "  %-26s %s\n", left, o->help);
}

void cli_command_help(const struct cli_command *cmd, FILE *f)
{
	const struct cli_opt *o;

	fprintf(f, "usage: kmemlab [GLOBAL OPTIONS] %s [OPTIONS]%s%s\n\n%s.\n",
		cmd->name, cmd->args ? " " : "", cmd->args ? cmd->args : "",
		cmd->help);
	if (cmd->detail)
		fprintf(f, "\n%s\n", cmd->detail);
	fprintf(f, "\nOptions:\n");
	for (o = cmd->opts; o && o->name; o++)
		print_opt(f, o);
	for (o = common_opts; o->name; o++)
		if (opt_applies(cmd, o))
			print_opt(f, o);
	if (cmd->help_more)
		cmd->help_more(f);
	fprintf(f, "\nGlobal options (before the command): --sim, -e CMD "
		"(see 'kmemlab --help').\n"
		"Exit status: 0 ok, 1 failure, 2 usage error, "
		"4 precondition missing.\n");
}

/* Append @o to the getopt tables. */
static void add_opt(const struct cli_opt *o, struct option *lo, int *nlo,
		    char *so, int *nso)
{
	lo[*nlo].name = o->name;
	lo[*nlo].has_arg = o->arg ? required_argument : no_argument;
	lo[*nlo].flag = NULL;
	lo[*nlo].val = o->short_name;
	(*nlo)++;
	if (o->short_name > 0 && o->short_name < 256) {
		so[(*nso)++] = (char)o->short_name;
		if (o->arg)
			so[(*nso)++] = ':';
	}
}

#define CLI_MAX_OPTS 40

int cli_getopt(struct cli_ctx *ctx, int argc, char **argv, const char **arg)
{
	static struct option lo[CLI_MAX_OPTS];
	static char so[2 * CLI_MAX_OPTS + 2];
	static const struct cli_command *built;
	const struct cli_command *cmd = ctx->cmd;
	const struct cli_opt *o;
	int c;

	if (built != cmd) {
		int nlo = 0, nso = 0;

		/* options may follow operands, except for exec's commands */
		if (!strcmp(cmd->name, "exec"))
			so[nso++] = '+';
		for (o = cmd->opts; o && o->name && nlo < CLI_MAX_OPTS - 6; o++)
			add_opt(o, lo, &nlo, so, &nso);
		for (o = common_opts; o->name; o++)
			if (opt_applies(cmd, o))
				add_opt(o, lo, &nlo, so, &nso);
		memset(&lo[nlo], 0, sizeof(lo[nlo]));
		so[nso] = '\0';
		built = cmd;
		optind = 0;	/* full getopt reset for a new argv */
	}
	for (;;) {
		opterr = 0;
		c = getopt_long(argc, argv, so, lo, NULL);
		*arg = optarg;
		switch (c) {
		case OPT_JSON:
		case OPT_CSV:
			if (cli_set_format(ctx, c == OPT_JSON ? CLI_FMT_JSON :
					   CLI_FMT_CSV)) {
				built = NULL;
				return '?';
			}
			continue;
		case 'q':
			ctx->quiet = true;
			continue;
		case 'h':
			cli_command_help(cmd, ctx->out);
			built = NULL;
			return 'h';
		case '?':
			for (o = cmd->opts; optopt > 0 && optopt < 256 && o && o->name; o++)
				if (o->short_name == CLI_LONG_ONLY(optopt))
					break;
			if (o && o->name && optopt > 0 && optopt < 256)
				cli_usage_error(ctx, "-%c: no such letter in %s: write "
						"--%s (a letter means one thing in "
						"every command, docs/cli.md)", optopt,
						cmd->name, o->name);
			else if (optopt > 0 && optopt < 256 && optopt != '?')
				cli_usage_error(ctx, "-%c: unknown option or missing argument",
						optopt);
			else
				cli_usage_error(ctx, "%s: unknown option or missing argument",
						argv[optind - 1]);
			built = NULL;
			return '?';
		case -1:
			built = NULL;
			return -1;
		default:
			return c >= CLI_LONG_ONLY(0) ? c & 0xffff : c;
		}
	}
}

/* --- parse_* --------------------------------------------------------------- */

int parse_u64(const char *what, const char *s, uint64_t min, uint64_t max,
	      uint64_t *val)
{
	unsigned long long v;
	uint64_t mult = 1;
	char *end;

	if (!*s || !(isdigit((unsigned char)*s))) {
		cli_error(what, "'%s' is not an unsigned number", s);
		return -1;
	}
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno == ERANGE)
		goto range;
	if (*end == 'K' || *end == 'k')
		mult = 1ULL << 10;
	else if (*end == 'M')
		mult = 1ULL << 20;
	else if (*end == 'G')
		mult = 1ULL << 30;
	if (mult > 1)
		end++;
	if (*end) {
		cli_error(what, "'%s' is not an unsigned number", s);
		return -1;
	}
	if (v > UINT64_MAX / mult)
		goto range;
	v *= mult;
	if (v < min || v > max)
		goto range;
	*val = v;
	return 0;
range:
	cli_error(what, "'%s' is out of range [%llu, %llu]", s,
		  (unsigned long long)min, (unsigned long long)max);
	return -1;
}

int parse_interval(const char *what, const char *s, unsigned int *ms)
{
	unsigned long long whole = 0, frac = 0, scale = 1;
	unsigned long long total;
	const char *p = s;
	bool millis = false;

	if (!isdigit((unsigned char)*p))
		goto bad;
	while (isdigit((unsigned char)*p)) {
		whole = whole * 10 + (unsigned long long)(*p++ - '0');
		if (whole > 86400000ULL)
			goto range;
	}
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			goto bad;
		while (isdigit((unsigned char)*p)) {
			if (scale < 1000000) {
				frac = frac * 10 + (unsigned long long)(*p - '0');
				scale *= 10;
			}
			p++;
		}
	}
	if (!strcmp(p, "ms"))
		millis = true;
	else if (*p && strcmp(p, "s"))
		goto bad;
	if (millis)
		total = whole + frac / scale;
	else
		total = whole * 1000 + frac * 1000 / scale;
	if (total < 1 || total > 86400000ULL)
		goto range;
	*ms = (unsigned int)total;
	return 0;
bad:
	cli_error(what, "'%s' is not a duration (e.g. 2, 0.5, 250ms)", s);
	return -1;
range:
	cli_error(what, "'%s' is out of range [1ms, 24h]", s);
	return -1;
}

int parse_instance(const char *what, const char *s)
{
	size_t n = strlen(s), i;

	if (n < 1 || n > 31 || s[0] == '-' || s[0] == '.') {
		cli_error(what, "'%s' is not an instance name (1..31 characters)", s);
		return -1;
	}
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (!isalnum(ch) && ch != '_' && ch != '-' && ch != '.') {
			cli_error(what, "'%s': character '%c' not allowed in an instance name",
				  s, isprint(ch) ? ch : '?');
			return -1;
		}
	}
	return 0;
}

int parse_color(const char *what, const char *s, int *mode)
{
	if (!strcmp(s, "auto"))
		*mode = CLI_COLOR_AUTO;
	else if (!strcmp(s, "always"))
		*mode = CLI_COLOR_ALWAYS;
	else if (!strcmp(s, "never"))
		*mode = CLI_COLOR_NEVER;
	else {
		cli_error(what, "'%s' is not one of auto, always, never", s);
		return -1;
	}
	return 0;
}

bool cli_color_on(int mode, FILE *f)
{
	const char *term = getenv("TERM");

	if (mode == CLI_COLOR_ALWAYS)
		return true;
	if (mode == CLI_COLOR_NEVER || getenv("NO_COLOR"))
		return false;
	return cli_isatty(fileno(f)) && term && strcmp(term, "dumb");
}

bool cli_isatty(int fd)
{
	const char *host = getenv("KMEMLAB_HOST_TTY");

	if (!isatty(fd))
		return false;
	if (!host || (fd != STDOUT_FILENO && fd != STDERR_FILENO))
		return true;
	return strchr(host, '0' + fd) != NULL;
}

int cli_read_file(const char *path, char **text, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf, *nb;
	ssize_t r;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	buf = malloc(cap);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		if (n + 1 >= cap) {
			if (cap >= (256u << 20)) {
				err = -EFBIG;
				goto fail;
			}
			nb = realloc(buf, cap * 2);
			if (!nb) {
				err = -ENOMEM;
				goto fail;
			}
			buf = nb;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*text = buf;
	if (len)
		*len = n;
	return 0;
fail:
	close(fd);
	free(buf);
	return err;
}
