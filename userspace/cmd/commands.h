/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The subcommands of kmemlab, each in its own file of userspace/cmd, and
 * their option tables: what kmemlab.c's command table points at. They use
 * the library (userspace/lib) and never each other; kmemlab.c alone picks
 * between two of them (the slabtop screen of top.c or slabtop's --once).
 */
#ifndef KMEMLAB_COMMANDS_H
#define KMEMLAB_COMMANDS_H

#include <stdbool.h>

#include "cli.h"

/* views.c */
int cmd_slabinfo(struct cli_ctx *ctx, int argc, char **argv);
int cmd_buddyinfo(struct cli_ctx *ctx, int argc, char **argv);
int cmd_frag(struct cli_ctx *ctx, int argc, char **argv);
int cmd_heapmap(struct cli_ctx *ctx, int argc, char **argv);
int cmd_buddymap(struct cli_ctx *ctx, int argc, char **argv);
int cmd_exec(struct cli_ctx *ctx, int argc, char **argv);
int cmd_view(struct cli_ctx *ctx, int argc, char **argv);
int cmd_backends(struct cli_ctx *ctx, int argc, char **argv);
extern const struct cli_opt backends_opts[];
extern const struct cli_opt slabinfo_opts[];
extern const struct cli_opt buddyinfo_opts[];
extern const struct cli_opt frag_opts[];
extern const struct cli_opt heapmap_opts[];
extern const struct cli_opt buddymap_opts[];
extern const struct cli_opt exec_opts[];
extern const struct cli_opt view_opts[];

/* slabtop.c: 'kmemlab slabtop' as procps 'slabtop --once' */

/* struct slabtop_args - what 'kmemlab slabtop' was asked for */
struct slabtop_args {
	const char *path;	/* --file or --proc; NULL: our caches and the
				 * real kmemlab-* ones */
	int key;		/* enum slabtop_key */
	unsigned int delay_ms;	/* --delay of the live screen */
	bool once;		/* --once */
};

/*
 * slabtop_parse_args() - the options and arguments of 'kmemlab slabtop'
 * Return: -1 when the command is to run, else the exit code to return
 * (after --help, or a usage error that was printed).
 */
int slabtop_parse_args(struct cli_ctx *ctx, int argc, char **argv,
		       struct slabtop_args *a);
/* slabtop_wants_screen() - the live screen: no --once, text output, and
 * stdin and stdout are terminals. */
bool slabtop_wants_screen(const struct cli_ctx *ctx,
			  const struct slabtop_args *a);
/* slabtop_print() - the --once output of the caches @a names. Return:
 * an exit code. */
int slabtop_print(struct cli_ctx *ctx, const struct slabtop_args *a);
extern const struct cli_opt slabtop_opts[];

/* top.c: the live screens */
int cmd_top(struct cli_ctx *ctx, int argc, char **argv);
/*
 * top_slabtop_live() - slabtop's live screen: the classic screen of the
 * slabinfo file @path, or top's screen of our caches and the real
 * kmemlab-* ones when @path is NULL. Return: an exit code.
 */
int top_slabtop_live(struct cli_ctx *ctx, const char *path, int key,
		     unsigned int delay_ms);
extern const struct cli_opt top_opts[];

/* report.c */
int cmd_report(struct cli_ctx *ctx, int argc, char **argv);
extern const struct cli_opt report_opts[];

/* diff.c */
int cmd_diff(struct cli_ctx *ctx, int argc, char **argv);
extern const struct cli_opt diff_opts[];

/* run.c and bench.c */
int cmd_run(struct cli_ctx *ctx, int argc, char **argv);
int cmd_replay(struct cli_ctx *ctx, int argc, char **argv);
int cmd_bench(struct cli_ctx *ctx, int argc, char **argv);
extern const struct cli_opt run_opts[];
/* The workloads and their keys, from the engine's table, for --help. */
void run_help_workloads(FILE *f);
extern const struct cli_opt replay_opts[];
extern const struct cli_opt bench_opts[];

/* record.c */
int cmd_record(struct cli_ctx *ctx, int argc, char **argv);
extern const struct cli_opt record_opts[];

/* trace.c */
int cmd_trace(struct cli_ctx *ctx, int argc, char **argv);
extern const struct cli_opt trace_opts[];

#endif /* KMEMLAB_COMMANDS_H */
