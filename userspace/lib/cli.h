/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared declarations of the kmemlab command-line tool: exit codes, the
 * subcommand and option tables (one table drives getopt_long and --help),
 * the per-invocation context, error reporting and the parse_* helpers
 * (one per kind of option value). docs/cli.md documents the user side.
 */
#ifndef KMEMLAB_CLI_H
#define KMEMLAB_CLI_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kml_version.h"

#define KMEMLAB_TOOL_VERSION KML_VERSION
#define KMEMLAB_DEBUGFS "/sys/kernel/debug/kmemlab"

/* Exit codes; 4 is the kselftest "skip" code for a missing precondition. */
enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_FAIL = 1,
	CLI_EXIT_USAGE = 2,
	CLI_EXIT_SKIP = 4,
};

/* Output format chosen with --json / --csv (text is the default). */
enum cli_format {
	CLI_FMT_TEXT,
	CLI_FMT_JSON,
	CLI_FMT_CSV,
};

struct conn;

/*
 * struct cli_ctx - what one invocation knows besides its arguments
 * @prog: "kmemlab"
 * @cmd: the subcommand being run
 * @fmt: output format
 * @quiet: no progress, no informational lines on stderr
 * @sim: run the engine in-process instead of talking to debugfs
 * @pre: engine commands to execute before the subcommand (-e CMD)
 * @npre: entries in @pre
 * @conn: the connection, opened on first use by cli_conn()
 * @out: where results go (stdout; tests redirect it)
 */
struct cli_ctx {
	const char *prog;
	const struct cli_command *cmd;
	enum cli_format fmt;
	bool quiet;
	bool sim;
	char **pre;
	int npre;
	struct conn *conn;
	FILE *out;
};

/*
 * An option without a letter of its own whose code still sees @c: for a
 * letter that means something else elsewhere (one meaning per letter, see
 * docs/cli.md "Option letters"), and for older long names kept as aliases.
 */
#define CLI_LONG_ONLY(c)	(0x10000 | (c))

/* One option of a subcommand; the same entry feeds getopt_long and help. */
struct cli_opt {
	const char *name;	/* long name, without the dashes */
	int short_name;		/* single letter, or a value > 255 for none */
	const char *arg;	/* argument placeholder, NULL when none */
	const char *help;	/* one line */
};

/* Bits of struct cli_command.formats: which of --json/--csv it accepts. */
#define CLI_F_JSON	(1u << CLI_FMT_JSON)
#define CLI_F_CSV	(1u << CLI_FMT_CSV)

struct cli_command {
	const char *name;
	const char *args;		/* positional arguments, for usage */
	const char *help;		/* one line for the command list */
	const char *detail;		/* paragraph for 'kmemlab help CMD' */
	const struct cli_opt *opts;	/* own options, {NULL} terminated */
	unsigned int formats;		/* CLI_F_* */
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);
	/* Optional: more help after the options (tables read from the engine). */
	void (*help_more)(FILE *f);
};

/* cli_error() - print "kmemlab: WHAT: WHY" on stderr. */
__attribute__((format(printf, 2, 3)))
void cli_error(const char *what, const char *fmt, ...);

/*
 * cli_engine_error() - report a failed engine command in the tool's voice,
 * "kmemlab: WHAT: WHY", WHY being the engine's own reason (its reply line
 * "error: VERB: reason" without the "error: VERB: " part), or the errno's
 * text only when the engine gave no reason. The engine's hints "(see
 * 'backends')", "(see 'instances')", "(see 'help')" name the kmemlab
 * command that shows the same (with "sim" in sim mode).
 * @ctx: the invocation (its mode), or NULL
 * @err: the command's negative errno
 * @reply: its reply, or NULL
 */
struct cli_ctx;
void cli_engine_error(const struct cli_ctx *ctx, const char *what, int err,
		      const char *reply);

/* cli_info() - print an informational line on stderr unless --quiet. */
__attribute__((format(printf, 2, 3)))
void cli_info(const struct cli_ctx *ctx, const char *fmt, ...);

/*
 * cli_getopt() - getopt_long over the command's options plus the common
 * ones (--help, --json, --csv, --quiet). Common options are handled here.
 * Returns the short_name of the next own option (its argument in *arg),
 * -1 at the end of the options, or '?' after a usage error was printed.
 * --help prints the command's help and returns 'h'.
 */
int cli_getopt(struct cli_ctx *ctx, int argc, char **argv, const char **arg);

/*
 * cli_set_format() - --json or --csv; the other one given too is an error
 * Return: 0, or -1 after printing why (a usage error).
 */
int cli_set_format(struct cli_ctx *ctx, enum cli_format fmt);

/* cli_command_help() - the full help of one command (usage + options). */
void cli_command_help(const struct cli_command *cmd, FILE *f);

/*
 * cli_file_err() - write "FILE:LINE: why" into @err (a parser's error)
 * Return: -EINVAL.
 */
__attribute__((format(printf, 5, 6)))
int cli_file_err(char *err, size_t errlen, const char *file, size_t line,
		 const char *fmt, ...);

/* cli_usage_error() - print the error and "(see 'kmemlab help CMD')". */
__attribute__((format(printf, 2, 3)))
int cli_usage_error(const struct cli_ctx *ctx, const char *fmt, ...);

/* cli_conn() - the connection of this invocation, opened on first use
 * (cli_conn.c); NULL after an error was printed, with *exit_code set (1
 * or 4). Unit tests that must not connect define their own. */
struct conn *cli_conn(struct cli_ctx *ctx, int *exit_code);

/* --- parse_* helpers: 0 on success, -1 after printing "what: why" ------- */

/* An unsigned integer in [min, max]; decimal, 0x hex, optional K/M/G. */
int parse_u64(const char *what, const char *s, uint64_t min, uint64_t max,
	      uint64_t *val);
/* A duration: "2", "0.5", "250ms", "2s"; result in milliseconds, >= 1. */
int parse_interval(const char *what, const char *s, unsigned int *ms);
/* An instance name: 1..31 of [A-Za-z0-9_.-], not starting with '-' or '.'. */
int parse_instance(const char *what, const char *s);
/* A colour mode: "auto", "always" or "never"; *on is the result for a
 * stream that is (auto) or is not a terminal. */
int parse_color(const char *what, const char *s, int *mode);

/* Colour modes of parse_color(). */
enum { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

/*
 * cli_isatty() - is @fd a terminal a person reads? isatty(), except in the
 * VM, where stdout and stderr are serial ttys: there the runner says in
 * KMEMLAB_HOST_TTY which of them are terminals on the host ("12", "2", "").
 */
bool cli_isatty(int fd);

/* cli_color_on() - should @f get ANSI colour under @mode? */
bool cli_color_on(int mode, FILE *f);

/* --- files ---------------------------------------------------------------- */

/*
 * cli_read_file() - read a whole file (also /proc and debugfs files, whose
 * size is unknown) into a NUL-terminated malloc'ed buffer.
 * Return: 0, or a negative errno.
 */
int cli_read_file(const char *path, char **text, size_t *len);

#endif /* KMEMLAB_CLI_H */
