// SPDX-License-Identifier: GPL-2.0
/*
 * kmemlab: the command-line harness. It talks to the module through
 * /sys/kernel/debug/kmemlab (kernel mode) or runs the allocator cores
 * in-process (sim mode). This file holds the subcommand table, the global
 * options, 'help', 'version', 'status' and the choice of slabtop's output.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "conn.h"
#include "emit.h"
#include "jobrun.h"

static int cmd_version(struct cli_ctx *ctx, int argc, char **argv);
static int cmd_status(struct cli_ctx *ctx, int argc, char **argv);
static int cmd_help(struct cli_ctx *ctx, int argc, char **argv);
static int cmd_slabtop(struct cli_ctx *ctx, int argc, char **argv);
static int cmd_cleanup(struct cli_ctx *ctx, int argc, char **argv);

static const struct cli_opt no_opts[] = { { NULL, 0, NULL, NULL } };

static const struct cli_command commands[] = {
	{ "status", NULL, "is the module loaded, what does it hold, in which context",
	  "Prints the mode, whether the module is loaded and debugfs usable, the\n"
	  "instances, the engine's context line, the kernel, the cmdline settings\n"
	  "that change allocator behaviour (init_on_alloc, slab_nomerge), the\n"
	  "accelerator ($KMEMLAB_ACCEL) and the zeroing policy. Exit 4 when the\n"
	  "module is not usable in kernel mode (everything known is still printed).",
	  no_opts, CLI_F_JSON, cmd_status, NULL },
	{ "version", NULL, "print the versions of this tool and of the module", NULL,
	  no_opts, 0, cmd_version, NULL },
	{ "backends", NULL, "the allocators this mode has, and what stands in for the other mode's",
	  "The engine's backends view as a table: name, family (object, page,\n"
	  "heap), ours or real, the create keys it takes, its bounds. Then the\n"
	  "backends of the other mode (the kernel's kmem_cache, kmalloc, ... in\n"
	  "sim mode; the userspace allocators in kernel mode) with what this mode\n"
	  "offers in their place; 'run' and 'replay' refuse them with the same\n"
	  "advice and never substitute one.",
	  backends_opts, CLI_F_JSON | CLI_F_CSV, cmd_backends, NULL },
	{ "slabtop", NULL, "procps 'slabtop --once' from /proc/slabinfo or any slabinfo file",
	  "Same summary lines, columns, rounding and sort keys as procps-ng 4.0.2\n"
	  "'slabtop --once'. Point --file at a debugfs slabinfo file\n"
	  "(e.g. /sys/kernel/debug/kmemlab/slabinfo) to see our caches. Without\n"
	  "--once on a terminal it is a live screen, like slabtop.",
	  slabtop_opts, CLI_F_JSON | CLI_F_CSV, cmd_slabtop, NULL },
	{ "top", NULL, "live screen: our caches next to the real kmemlab-* caches",
	  "An ncurses screen refreshed every --delay: our slab caches and the real\n"
	  "kmemlab-* caches in slabtop columns with utilization and waste meters.\n"
	  "Keys: q quits, s/o/a/u/c/n change the sort, + and - the interval.",
	  top_opts, 0, cmd_top, NULL },
	{ "slabinfo", "[INSTANCE]", "our caches and the real kmemlab-* caches, /proc/slabinfo format",
	  "Without INSTANCE: the engine-wide slabinfo view (every cache of ours),\n"
	  "then the real kmemlab-* rows of /proc/slabinfo (kernel mode only), under\n"
	  "one slabinfo 2.1 header. With INSTANCE: that instance's slabinfo file.",
	  slabinfo_opts, CLI_F_JSON | CLI_F_CSV, cmd_slabinfo, NULL },
	{ "buddyinfo", "[INSTANCE...]", "free blocks per order: kernel zones and our buddies",
	  "Rows in the /proc/buddyinfo format: the kernel's zones, then every buddy\n"
	  "instance (or the instances named) with the instance name as zone name.",
	  buddyinfo_opts, CLI_F_JSON | CLI_F_CSV, cmd_buddyinfo, NULL },
	{ "frag", "[INSTANCE...]", "unusable free index and fragmentation index per order",
	  "For the same rows as 'buddyinfo': the kernel's unusable free space index\n"
	  "and fragmentation index per order in the formats of\n"
	  "/sys/kernel/debug/extfrag/{unusable_index,extfrag_index}, computed with\n"
	  "the cores' metrics functions (mm/vmstat.c formulas, x1000).",
	  frag_opts, CLI_F_JSON | CLI_F_CSV, cmd_frag, NULL },
	{ "heapmap", "INSTANCE", "a picture of a teaching heap",
	  "A bar of the heap's region: used blocks as letters (legend below the\n"
	  "bar), free space as '.', dead space as 'x'; then free bytes, the largest\n"
	  "free block and run, and external fragmentation. Colour only on a terminal.",
	  heapmap_opts, CLI_F_JSON | CLI_F_CSV, cmd_heapmap, NULL },
	{ "buddymap", "INSTANCE", "a picture of a buddy allocator's free blocks per order",
	  NULL, buddymap_opts, CLI_F_JSON | CLI_F_CSV, cmd_buddymap, NULL },
	{ "report", "DIR", "write DIR/report.html from DIR/results.json",
	  "One self-contained HTML page: a headline table of ratios with their\n"
	  "intervals, then per comparison small charts (ratio bars with error\n"
	  "bars, latency CDFs with a log-scale tail view, memory and fragmentation\n"
	  "over time; a buddy-order heat map when the results carry per-order\n"
	  "samples, which today's runs do not record), and the result tables.\n"
	  "docs/cli.md gives the results.json schema.",
	  report_opts, 0, cmd_report, NULL },
	{ "run", "WORKLOAD", "run a workload on several backends, compare them",
	  "Creates a temporary instance per --backend (object size, kmalloc classes\n"
	  "or pool chosen from the workload; zeroing as the kernel's init_on_alloc\n"
	  "unless --zero), adds the --on instances, lets the engine run WORKLOAD\n"
	  "(listed below, from the engine's workload table) on all of them\n"
	  "interleaved over --reps, and prints the context and one row per\n"
	  "backend: latency percentiles, ops/s, fragmentation, peak memory,\n"
	  "medians over reps and ratios against the first backend. Ctrl-C stops\n"
	  "the run cleanly.",
	  run_opts, CLI_F_JSON | CLI_F_CSV, cmd_run, run_help_workloads },
	{ "replay", "FILE", "replay a trace (.rep or native) on several backends",
	  "Loads FILE as a trace (CS:APP .rep with a 2- or 4-line header, or the\n"
	  "native 'kmemlab-trace 1' format; a malformed line is reported as\n"
	  "FILE:LINE), replays it on each backend (interleaved over --reps) and\n"
	  "prints validity, peak payload, peak held, utilization and latency.\n"
	  "With --by-cache, a kernel recording (record --kernel) is replayed\n"
	  "cache by cache: each cache's ops on one of our slab caches and a real\n"
	  "kmem_cache of its largest object and on kmalloc, the page ops on our\n"
	  "buddy and alloc_pages, each op on its recorded CPU; one table.",
	  replay_opts, CLI_F_JSON | CLI_F_CSV, cmd_replay, NULL },
	{ "bench", NULL, "the standard benchmark suite (make bench)",
	  "Runs the standard comparison suite (slab fast/slow path, kmalloc sizes,\n"
	  "page orders, dentry fragmentation, remote free, bundled traces), prints\n"
	  "the tables and writes DIR/results.json, DIR/*.csv and DIR/report.html.",
	  bench_opts, 0, cmd_bench, NULL },
	{ "diff", "OLD NEW", "compare two results folders row by row (two kernels, commits, machines)",
	  "Reads OLD/results.json and NEW/results.json (written by run, replay\n"
	  "and bench --output), matches rows by (group, workload, backend),\n"
	  "whatever their instance names, and prints per figure both medians, the\n"
	  "ratio NEW/OLD with a 95% interval (an unpaired bootstrap of the reps)\n"
	  "and a verdict; then the rows found on one side only. The context lines\n"
	  "that differ come first, with a warning for each that makes the\n"
	  "comparison unfair. A missing folder or file, or a file that is not a\n"
	  "known results.json: exit 2, nothing printed on stdout.",
	  diff_opts, CLI_F_JSON, cmd_diff, NULL },
	{ "cleanup", NULL, "destroy the temporaries of kmemlab processes that are gone",
	  "'run', 'replay' and 'bench' name their temporary instances after their\n"
	  "process (r0-slab-pid1234) and destroy them however they end, except\n"
	  "when killed by SIGKILL or a crash. This destroys every temporary whose\n"
	  "process no longer exists, one line each; 'run', 'replay' and 'bench'\n"
	  "do the same before they start. Nothing to do in sim mode.",
	  no_opts, 0, cmd_cleanup, NULL },
	{ "exec", "COMMAND...", "execute engine commands, print their replies",
	  "Each argument is one command of docs/interface.md, written to the control\n"
	  "file (kernel mode) or executed in-process (sim mode). Stops at the first\n"
	  "failure unless --keep-going.",
	  exec_opts, 0, cmd_exec, NULL },
	{ "view", "[INSTANCE] VIEW", "print a raw view (a debugfs file) as it is", NULL,
	  view_opts, 0, cmd_view, NULL },
	{ "trace", "-- CMD [ARGS...]", "record kmemlab:* and kmem:* events around a command, summarize them",
	  "Runs 'trace-cmd record -e kmemlab -e kmem' around CMD, then reads the\n"
	  "recording with 'trace-cmd report' and prints, per cache or buddy of ours\n"
	  "and per real kmemlab-* cache: allocations, frees, bytes requested and\n"
	  "allocated (internal fragmentation), frees on another CPU than their\n"
	  "allocation, and the events the ring buffer lost. Root and trace-cmd are\n"
	  "needed (exit 4 otherwise). With --json/--csv, CMD's output goes to stderr.",
	  trace_opts, CLI_F_JSON | CLI_F_CSV, cmd_trace, NULL },
	{ "record", "-o FILE -- CMD [ARGS...]", "record a program's malloc/free calls as a trace",
	  "Runs CMD with kmemlab-record.so preloaded (malloc, free, calloc,\n"
	  "realloc, reallocarray, memalign, posix_memalign, aligned_alloc, valloc,\n"
	  "pvalloc), every process and thread of it, then writes FILE: native\n"
	  "'kmemlab-trace 2' with a t= stream per thread, al= and ns= (or --format\n"
	  "rep for one thread). Frees of pointers it never saw are counted and\n"
	  "dropped. CMD's failure: its exit status, no FILE. Found next to the\n"
	  "tool, in ../lib/kmemlab, or at $KMEMLAB_RECORD_SHIM (exit 4 if not).",
	  record_opts, 0, cmd_record, NULL },
	{ "help", "[COMMAND]", "help on the tool or on one command", NULL,
	  no_opts, 0, cmd_help, NULL },
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct cli_command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(name, commands[i].name))
			return &commands[i];
	return NULL;
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"usage: kmemlab [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGS...]\n"
		"       kmemlab sim COMMAND ...     (the same as --sim)\n"
		"\n"
		"A memory-allocator laboratory: kmemlab's own buddy, slab and teaching\n"
		"heaps next to the kernel's allocators, driven through %s\n"
		"(kernel mode, root) or linked in-process (sim mode, no root).\n"
		"\n"
		"Commands:\n", KMEMLAB_DEBUGFS);
	for (i = 0; i < NR_COMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(f,
		"\n"
		"Global options:\n"
		"      --sim              run the engine in-process (no module, no root);\n"
		"                         the same as the word 'sim' before COMMAND\n"
		"  -e, --exec CMD         execute engine command CMD first (repeatable)\n"
		"      --json             JSON output (commands that have it)\n"
		"      --csv              CSV output (commands that have it)\n"
		"  -q, --quiet            no progress or informational messages\n"
		"  -h, --help             show this help\n"
		"  -V, --version          show the tool's version\n"
		"\n"
		"'kmemlab help COMMAND' lists the options of COMMAND; docs/cli.md has it all.\n"
		"Environment: KMEMLAB_DEBUGFS_DIR overrides %s.\n"
		"Exit status: 0 ok, 1 failure, 2 usage error, 4 precondition missing\n"
		"(not root, module not loaded, no debugfs).\n", KMEMLAB_DEBUGFS);
}

/*
 * 'kmemlab slabtop': the --once output (slabtop.c), or on a terminal the
 * live screen (top.c). Choosing here keeps the two files apart.
 */
static int cmd_slabtop(struct cli_ctx *ctx, int argc, char **argv)
{
	struct slabtop_args a;
	int r = slabtop_parse_args(ctx, argc, argv, &a);

	if (r >= 0)
		return r;
	if (slabtop_wants_screen(ctx, &a))
		return top_slabtop_live(ctx, a.path, a.key, a.delay_ms);
	return slabtop_print(ctx, &a);
}

static int no_args(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *arg;
	int c;

	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1)
		return c == 'h' ? -1 : CLI_EXIT_USAGE;
	if (optind < argc)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	return 0;
}

static int cmd_cleanup(struct cli_ctx *ctx, int argc, char **argv)
{
	int r = no_args(ctx, argc, argv), ec;
	struct conn *conn;

	if (r)
		return r < 0 ? CLI_EXIT_OK : r;
	conn = cli_conn(ctx, &ec);
	if (!conn)
		return ec;
	r = job_reclaim(ctx, conn, true);
	if (r < 0) {
		cli_error("cleanup", "instances: %s", strerror(-r));
		return CLI_EXIT_FAIL;
	}
	if (!ctx->quiet)
		fprintf(ctx->out, "%d temporar%s destroyed\n", r, r == 1 ? "y" : "ies");
	return CLI_EXIT_OK;
}

static int cmd_help(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct cli_command *cmd;
	const char *arg;
	int c;

	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1)
		return c == 'h' ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (optind == argc) {
		usage(ctx->out);
		return CLI_EXIT_OK;
	}
	if (argc - optind > 1)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind + 1]);
	cmd = find_command(argv[optind]);
	if (!cmd) {
		cli_error(argv[optind], "unknown command (see 'kmemlab --help')");
		return CLI_EXIT_USAGE;
	}
	cli_command_help(cmd, ctx->out);
	return CLI_EXIT_OK;
}

/*
 * The module's version file ("0.2.0 (git describe)"), its first line in
 * @line; Return: whether it was read.
 */
static bool module_version(char *line, size_t size)
{
	const char *dir = getenv("KMEMLAB_DEBUGFS_DIR");
	char path[512], *text;

	snprintf(path, sizeof(path), "%s/version", dir ? dir : KMEMLAB_DEBUGFS);
	if (cli_read_file(path, &text, NULL))
		return false;
	snprintf(line, size, "%.*s", (int)strcspn(text, "\n"), text);
	free(text);
	return true;
}

/* The pairing rule: the module's number is the tool's (kml_version.h). */
static bool version_pairs(const char *module_line)
{
	size_t n = strlen(KMEMLAB_TOOL_VERSION);

	return !strncmp(module_line, KMEMLAB_TOOL_VERSION, n) &&
	       (!module_line[n] || module_line[n] == ' ');
}

#define VERSION_ADVICE "not the tool's version: load the kmemlab.ko built " \
	"from the same tree (make)"

static int cmd_version(struct cli_ctx *ctx, int argc, char **argv)
{
	char line[256];
	int r = no_args(ctx, argc, argv);

	if (r)
		return r < 0 ? CLI_EXIT_OK : r;
	fprintf(ctx->out, "kmemlab tool %s\n", KMEMLAB_TOOL_VERSION);
	if (module_version(line, sizeof(line)))
		fprintf(ctx->out, "module: %s%s\n", line, version_pairs(line) ? "" :
			" (" VERSION_ADVICE ")");
	else
		fprintf(ctx->out, "module: not available\n");
	return CLI_EXIT_OK;
}

/* --- status ------------------------------------------------------------------ */

/* The value of "key=value" (or "" for a bare "key") on the cmdline. */
static const char *cmdline_get(const char *cmdline, const char *key, char *buf,
			       size_t size)
{
	size_t klen = strlen(key);
	const char *p = cmdline;

	while ((p = strstr(p, key))) {
		bool start = p == cmdline || p[-1] == ' ';

		if (start && (p[klen] == '=' || p[klen] == ' ' ||
			      p[klen] == '\n' || !p[klen])) {
			size_t n = 0;

			if (p[klen] == '=') {
				n = strcspn(p + klen + 1, " \n");
				if (n >= size)
					n = size - 1;
				memcpy(buf, p + klen + 1, n);
			}
			buf[n] = '\0';
			return buf;
		}
		p += klen;
	}
	return NULL;
}

/*
 * The running kernel's config: $KMEMLAB_KERNEL_CONFIG (tools/vm/kmemlab-vm
 * sets it for a kernel that is not installed), else /boot/config-RELEASE.
 */
static void kconfig_path(const char *release, char *path, size_t size)
{
	const char *env = getenv("KMEMLAB_KERNEL_CONFIG");

	if (env && *env)
		snprintf(path, size, "%s", env);
	else
		snprintf(path, size, "/boot/config-%s", release);
}

/* "y", "n" or NULL for CONFIG_@opt in the running kernel's config. */
static const char *kconfig_get(const char *release, const char *opt)
{
	char path[512], key[128], *text, *p;
	static char val[8];

	kconfig_path(release, path, sizeof(path));
	if (cli_read_file(path, &text, NULL))
		return NULL;
	snprintf(key, sizeof(key), "\nCONFIG_%s=", opt);
	p = strstr(text, key);
	if (p) {
		snprintf(val, sizeof(val), "%.1s", p + strlen(key));
	} else {
		snprintf(key, sizeof(key), "# CONFIG_%s is not set", opt);
		p = strstr(text, key);
		snprintf(val, sizeof(val), "n");
	}
	free(text);
	return p ? val : NULL;
}

struct status_info {
	const char *mode;
	bool module_loaded;
	const char *module_problem;	/* why kernel mode is unusable */
	char release[128];
	char *cmdline;
	const char *init_on_alloc;	/* "on" / "off" / "unknown" */
	char init_on_alloc_why[192];
	const char *slab_merge;
	char slab_merge_why[192];
	const char *accel;
	char module_version[256];	/* "" when unknown */
	char *context;
	struct conn_inst *inst;
	int ninst;
};

static void status_kernel_settings(struct status_info *s)
{
	struct utsname u;
	char v[64];
	const char *cfg;

	if (uname(&u) == 0)
		snprintf(s->release, sizeof(s->release), "%s", u.release);
	if (cli_read_file("/proc/cmdline", &s->cmdline, NULL))
		s->cmdline = strdup("");
	if (s->cmdline)
		s->cmdline[strcspn(s->cmdline, "\n")] = '\0';
	if (s->cmdline && cmdline_get(s->cmdline, "init_on_alloc", v, sizeof(v))) {
		bool on = !strcmp(v, "1") || !strcmp(v, "on") || !strcmp(v, "y");

		s->init_on_alloc = on ? "on" : "off";
		snprintf(s->init_on_alloc_why, sizeof(s->init_on_alloc_why),
			 "cmdline init_on_alloc=%s", v);
	} else if ((cfg = kconfig_get(s->release, "INIT_ON_ALLOC_DEFAULT_ON"))) {
		s->init_on_alloc = !strcmp(cfg, "y") ? "on" : "off";
		snprintf(s->init_on_alloc_why, sizeof(s->init_on_alloc_why),
			 "CONFIG_INIT_ON_ALLOC_DEFAULT_ON=%s", cfg);
	} else {
		char path[512];

		kconfig_path(s->release, path, sizeof(path));
		s->init_on_alloc = "unknown";
		snprintf(s->init_on_alloc_why, sizeof(s->init_on_alloc_why),
			 "no cmdline setting, no %.160s", path);
	}
	if (s->cmdline && (cmdline_get(s->cmdline, "slab_nomerge", v, sizeof(v)) ||
			   cmdline_get(s->cmdline, "slub_nomerge", v, sizeof(v)))) {
		s->slab_merge = "off";
		snprintf(s->slab_merge_why, sizeof(s->slab_merge_why),
			 "cmdline slab_nomerge");
	} else if (s->cmdline && cmdline_get(s->cmdline, "slab_merge", v, sizeof(v))) {
		s->slab_merge = "on";
		snprintf(s->slab_merge_why, sizeof(s->slab_merge_why),
			 "cmdline slab_merge");
	} else if ((cfg = kconfig_get(s->release, "SLAB_MERGE_DEFAULT"))) {
		s->slab_merge = !strcmp(cfg, "y") ? "on" : "off";
		snprintf(s->slab_merge_why, sizeof(s->slab_merge_why),
			 "CONFIG_SLAB_MERGE_DEFAULT=%s", cfg);
	} else {
		s->slab_merge = "unknown";
		snprintf(s->slab_merge_why, sizeof(s->slab_merge_why),
			 "no cmdline setting, no kernel config");
	}
	s->accel = getenv("KMEMLAB_ACCEL");
	if (!s->accel || !*s->accel)
		s->accel = "none (not in the VM runner)";
}

static void status_text(FILE *f, const struct status_info *s)
{
	int i;

	fprintf(f, "mode: %s\n", s->mode);
	if (strcmp(s->mode, "sim")) {
		fprintf(f, "module: %s\n", s->module_loaded ? "loaded" : "not loaded");
		if (s->module_version[0])
			fprintf(f, "version: tool %s, module %s%s\n",
				KMEMLAB_TOOL_VERSION, s->module_version,
				version_pairs(s->module_version) ? "" :
				": " VERSION_ADVICE);
		if (s->module_problem)
			fprintf(f, "debugfs: unusable (%s)\n", s->module_problem);
		else
			fprintf(f, "debugfs: %s\n", KMEMLAB_DEBUGFS);
	}
	fprintf(f, "kernel: %s\n", s->release);
	fprintf(f, "cmdline: %s\n", s->cmdline ? s->cmdline : "");
	fprintf(f, "init_on_alloc: %s (%s)\n", s->init_on_alloc, s->init_on_alloc_why);
	fprintf(f, "slab merging: %s (%s)\n", s->slab_merge, s->slab_merge_why);
	fprintf(f, "accel: %s\n", s->accel);
	fprintf(f, "zeroing policy: real allocators %s; ours zero on alloc by "
		"default %s (create ... zero=on|off overrides)\n",
		!strcmp(s->init_on_alloc, "on") ? "zero every allocation" :
		!strcmp(s->init_on_alloc, "off") ? "do not zero (except __GFP_ZERO)" :
		"unknown", !strcmp(s->mode, "sim") ? "off in sim mode" :
		!strcmp(s->init_on_alloc, "on") ? "on, to match" : "off, to match");
	if (s->context)
		fprintf(f, "context: %s", s->context);
	if (s->ninst >= 0) {
		fprintf(f, "instances: %d\n", s->ninst);
		for (i = 0; i < s->ninst; i++)
			fprintf(f, "  %-31s %s\n", s->inst[i].name, s->inst[i].backend);
	}
}

static void status_json(FILE *f, const struct status_info *s)
{
	struct json_w j;
	int i;

	json_w_init(&j, f);
	json_w_obj_begin(&j, NULL);
	json_w_str(&j, "mode", s->mode);
	json_w_bool(&j, "module_loaded", s->module_loaded);
	json_w_str(&j, "module_problem", s->module_problem);
	json_w_str(&j, "tool_version", KMEMLAB_TOOL_VERSION);
	if (s->module_version[0]) {
		json_w_str(&j, "module_version", s->module_version);
		json_w_bool(&j, "version_match", version_pairs(s->module_version));
	} else {
		json_w_null(&j, "module_version");
		json_w_null(&j, "version_match");
	}
	json_w_str(&j, "kernel", s->release);
	json_w_str(&j, "cmdline", s->cmdline);
	json_w_str(&j, "init_on_alloc", s->init_on_alloc);
	json_w_str(&j, "init_on_alloc_source", s->init_on_alloc_why);
	json_w_str(&j, "slab_merge", s->slab_merge);
	json_w_str(&j, "slab_merge_source", s->slab_merge_why);
	json_w_str(&j, "accel", getenv("KMEMLAB_ACCEL"));
	if (s->context) {
		size_t n = strcspn(s->context, "\n");
		char *line = strndup(s->context, n);

		json_w_str(&j, "context", line);
		free(line);
	} else {
		json_w_null(&j, "context");
	}
	json_w_arr_begin(&j, "instances");
	for (i = 0; i < s->ninst; i++) {
		json_w_obj_begin(&j, NULL);
		json_w_str(&j, "name", s->inst[i].name);
		json_w_str(&j, "backend", s->inst[i].backend);
		json_w_obj_end(&j);
	}
	json_w_arr_end(&j);
	json_w_obj_end(&j);
	json_w_end(&j);
}

static int cmd_status(struct cli_ctx *ctx, int argc, char **argv)
{
	struct status_info s = { .mode = ctx->sim ? "sim" : "kernel", .ninst = -1 };
	int r = no_args(ctx, argc, argv), rc = CLI_EXIT_OK, ec;
	struct conn *conn = NULL;
	size_t len;

	if (r)
		return r < 0 ? CLI_EXIT_OK : r;
	status_kernel_settings(&s);
	if (!ctx->sim) {
		s.module_loaded = access("/sys/module/kmemlab", F_OK) == 0;
		if (!s.module_loaded)
			s.module_problem = "module not loaded";
		else if (geteuid() != 0 && !getenv("KMEMLAB_DEBUGFS_DIR"))
			s.module_problem = "not root";
		else if (access(getenv("KMEMLAB_DEBUGFS_DIR") ?: KMEMLAB_DEBUGFS, F_OK))
			s.module_problem = "debugfs not mounted or no kmemlab directory";
	}
	ec = CLI_EXIT_SKIP;
	if (!s.module_problem || getenv("KMEMLAB_DEBUGFS_DIR"))
		conn = cli_conn(ctx, &ec);
	if (conn) {
		s.module_problem = NULL;
		if (!ctx->sim && module_version(s.module_version,
						sizeof(s.module_version)) &&
		    !version_pairs(s.module_version))
			rc = CLI_EXIT_FAIL;
		if (conn_view(conn, NULL, "context", &s.context, &len))
			s.context = NULL;
		s.ninst = conn_instances(conn, &s.inst);
		if (s.ninst < 0)
			s.ninst = -1;
	} else if (ec == CLI_EXIT_FAIL && ctx->npre) {
		free(s.cmdline);
		return ec;	/* a -e CMD failed: stop, as every command does */
	} else {
		rc = ec;	/* 4: a precondition is missing */
	}
	if (ctx->fmt == CLI_FMT_JSON)
		status_json(ctx->out, &s);
	else
		status_text(ctx->out, &s);
	free(s.cmdline);
	free(s.context);
	free(s.inst);
	return rc;
}

/*
 * Debian's jemalloc uses initial-exec TLS, which dlopen() can only place
 * in the static TLS surplus that ld.so reserves at start-up; it fails with
 * "cannot allocate memory in static TLS block" otherwise. So that the sim
 * backend "jemalloc" loads, restart once with a larger surplus when the
 * library is installed (the tunable only reserves address space).
 */
#define KMEMLAB_TLS_TUNABLE	"glibc.rtld.optional_static_tls=65536"

static void reexec_for_static_tls(char **argv)
{
	const char *t = getenv("GLIBC_TUNABLES");
	char *val;

	if (getenv("KMEMLAB_NO_REEXEC") ||
	    (t && strstr(t, "glibc.rtld.optional_static_tls")) ||
	    access("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2", R_OK))
		return;
	if (asprintf(&val, "%s%s%s", t ? t : "", t ? ":" : "",
		     KMEMLAB_TLS_TUNABLE) < 0)
		return;
	if (setenv("GLIBC_TUNABLES", val, 1) == 0 &&
	    setenv("KMEMLAB_NO_REEXEC", "1", 1) == 0)
		execv("/proc/self/exe", argv);
	/* exec failed: carry on without jemalloc */
	free(val);
	unsetenv("KMEMLAB_NO_REEXEC");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "sim", no_argument, NULL, CLI_LONG_ONLY('s') },
		{ "exec", required_argument, NULL, 'e' },
		{ "json", no_argument, NULL, 'J' },
		{ "csv", no_argument, NULL, 'C' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_ctx ctx = { .prog = "kmemlab", .out = stdout };
	const struct cli_command *cmd;
	int c, rc;

	reexec_for_static_tls(argv);
	ctx.pre = calloc((size_t)argc + 1, sizeof(char *));
	if (!ctx.pre) {
		cli_error("kmemlab", "out of memory");
		return CLI_EXIT_FAIL;
	}
	opterr = 0;
again:
	while ((c = getopt_long(argc, argv, "+hVe:q", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			rc = CLI_EXIT_OK;
			goto out;
		case 'V':
			printf("kmemlab tool %s\n", KMEMLAB_TOOL_VERSION);
			rc = CLI_EXIT_OK;
			goto out;
		case CLI_LONG_ONLY('s'):
			ctx.sim = true;
			break;
		case 'e':
			ctx.pre[ctx.npre++] = optarg;
			break;
		case 'J':
		case 'C':
			if (cli_set_format(&ctx, c == 'J' ? CLI_FMT_JSON : CLI_FMT_CSV)) {
				rc = CLI_EXIT_USAGE;
				goto out;
			}
			break;
		case 'q':
			ctx.quiet = true;
			break;
		default:
			if (optopt == 's') {
				/* -s was --sim before it became --sort's letter */
				cli_error("-s", "not a global option: sim mode is "
					  "'kmemlab sim COMMAND' or 'kmemlab --sim "
					  "COMMAND' (-s is --sort of slabtop and top)");
				rc = CLI_EXIT_USAGE;
				goto out;
			}
			cli_error("kmemlab", "%s: unknown option or missing argument "
				  "(see 'kmemlab --help')", argv[optind - 1]);
			rc = CLI_EXIT_USAGE;
			goto out;
		}
	}
	/* "kmemlab sim [GLOBAL OPTIONS] COMMAND" is "kmemlab --sim ..." */
	if (optind < argc && !strcmp(argv[optind], "sim") && !ctx.sim) {
		ctx.sim = true;
		optind++;
		goto again;
	}
	if (optind >= argc) {
		usage(stderr);
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	cmd = find_command(argv[optind]);
	if (!cmd) {
		cli_error(argv[optind], "unknown command (see 'kmemlab --help')");
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	ctx.cmd = cmd;
	if (ctx.fmt != CLI_FMT_TEXT && !(cmd->formats & (1u << ctx.fmt))) {
		cli_error(cmd->name, "no %s output", ctx.fmt == CLI_FMT_JSON ?
			  "JSON" : "CSV");
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	rc = cmd->run(&ctx, argc - optind, argv + optind);
	if (rc == CLI_EXIT_OK && ctx.fmt != CLI_FMT_TEXT &&
	    !(cmd->formats & (1u << ctx.fmt))) {
		cli_error(cmd->name, "no %s output", ctx.fmt == CLI_FMT_JSON ?
			  "JSON" : "CSV");
		rc = CLI_EXIT_USAGE;
	}
	conn_close(ctx.conn);
out:
	free(ctx.pre);
	if (fflush(stdout) || ferror(stdout)) {
		cli_error("stdout", "%s", strerror(errno));
		return job_exit_status(CLI_EXIT_FAIL);
	}
	/* a signal caught while temporaries existed: 128 + N, as if killed */
	return job_exit_status(rc);
}
