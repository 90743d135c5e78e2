// SPDX-License-Identifier: GPL-2.0
/*
 * Live screens (ncurses): 'kmemlab top' shows our caches next to the real
 * kmemlab-* caches in slabtop's columns with utilization and waste meters;
 * 'kmemlab slabtop' without --once on a terminal is the classic slabtop
 * screen. Both refresh every interval, redraw cleanly on resize (ncurses
 * reports KEY_RESIZE) and quit on 'q'. The numbers come from the slabtop
 * model (lib/slabtop.c); kmemlab.c sends 'slabtop' here on a terminal.
 */
#include <errno.h>
#include <ncurses.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "conn.h"
#include "procfs.h"
#include "slabtop.h"

const struct cli_opt top_opts[] = {
	{ "delay", 'd', "SECS", "refresh interval (default 3; e.g. 0.5, 250ms)" },
	{ "sort", 's', "KEY", "initial sort key, as for slabtop (default o, objs)" },
	{ "file", 'f', "PATH", "read our caches from slabinfo file PATH instead of the engine" },
	{ "proc-file", 'p', "PATH", "read the real caches from PATH instead of /proc/slabinfo" },
	{ "no-real", CLI_LONG_ONLY('n'), NULL, "do not show the real kmemlab-* caches" },
	{ "iterations", 'i', "N", "quit after N refreshes (for scripts and tests)" },
	{ NULL, 0, NULL, NULL },
};

struct top_cfg {
	struct cli_ctx *ctx;
	bool classic;		/* slabtop's own screen */
	const char *ours_file;	/* NULL: the engine's slabinfo view */
	const char *proc_file;	/* real caches; NULL: none */
	int key;
	unsigned int delay_ms;
	unsigned long iterations;	/* 0: until 'q' */
};

/* One snapshot: rows of ours then of the real caches. */
struct top_snap {
	struct slab_table ours, real;
	struct slab_table all;		/* concatenation, for the summary */
	size_t nr_ours;
	char err[512];
};

static void snap_free(struct top_snap *s)
{
	slab_table_free(&s->ours);
	slab_table_free(&s->real);
	free(s->all.rows);
	memset(s, 0, sizeof(*s));
}

static int load_text(const char *path, char **text, size_t *len, char *err,
		     size_t errlen)
{
	int r = cli_read_file(path, text, len);

	if (r)
		snprintf(err, errlen, "%s: %s", path, strerror(-r));
	return r;
}

static int snap_take(const struct top_cfg *cfg, struct top_snap *s)
{
	char *text = NULL;
	size_t len, i, n = 0;
	int r, ec;

	memset(s, 0, sizeof(*s));
	if (cfg->ours_file) {
		if (load_text(cfg->ours_file, &text, &len, s->err, sizeof(s->err)))
			return -1;
		r = slabinfo_parse(text, len, cfg->ours_file, &s->ours, s->err,
				   sizeof(s->err));
		free(text);
		if (r)
			return -1;
	} else if (!cfg->classic) {
		struct conn *conn = cli_conn(cfg->ctx, &ec);

		if (!conn) {
			snprintf(s->err, sizeof(s->err), "no engine (see above)");
			return -1;
		}
		r = conn_view(conn, NULL, "slabinfo", &text, &len);
		if (r) {
			snprintf(s->err, sizeof(s->err), "slabinfo: %s", strerror(-r));
			return -1;
		}
		r = slabinfo_parse(text, len, "slabinfo", &s->ours, s->err,
				   sizeof(s->err));
		free(text);
		if (r)
			return -1;
	}
	if (cfg->proc_file) {
		if (load_text(cfg->proc_file, &text, &len, s->err, sizeof(s->err)))
			return -1;
		r = slabinfo_parse(text, len, cfg->proc_file, &s->real, s->err,
				   sizeof(s->err));
		free(text);
		if (r)
			return -1;
		if (!cfg->classic) {
			for (i = 0; i < s->real.nr; i++)
				if (!strncmp(s->real.rows[i].name, "kmemlab-", 8))
					s->real.rows[n++] = s->real.rows[i];
			s->real.nr = n;
		}
	}
	s->nr_ours = s->ours.nr;
	s->all.nr = s->ours.nr + s->real.nr;
	s->all.rows = calloc(s->all.nr ? s->all.nr : 1, sizeof(*s->all.rows));
	if (!s->all.rows) {
		snprintf(s->err, sizeof(s->err), "out of memory");
		return -1;
	}
	if (s->ours.nr)
		memcpy(s->all.rows, s->ours.rows, s->ours.nr * sizeof(*s->all.rows));
	if (s->real.nr)
		memcpy(s->all.rows + s->ours.nr, s->real.rows,
		       s->real.nr * sizeof(*s->all.rows));
	return 0;
}

/* A meter "[####......]" of @w cells for @x1000 (0..1000). */
static void meter(char *buf, int w, int x1000)
{
	int i, n;

	if (x1000 < 0)
		x1000 = 0;
	if (x1000 > 1000)
		x1000 = 1000;
	n = (x1000 * w + 500) / 1000;
	buf[0] = '[';
	for (i = 0; i < w; i++)
		buf[i + 1] = i < n ? '#' : '.';
	buf[w + 1] = ']';
	buf[w + 2] = '\0';
}

static void put_line(int y, const char *s)
{
	if (y >= LINES)
		return;
	move(y, 0);
	clrtoeol();
	addnstr(s, COLS > 0 ? COLS : 80);
}

static void draw(const struct top_cfg *cfg, const struct top_snap *s,
		 const char *err)
{
	struct slabtop_summary sum;
	struct slabtop_row *rows;
	char buf[1024], m1[64], m2[64];
	int y = 0, i, mw;
	char *line, *save;

	erase();
	if (err) {
		put_line(0, "kmemlab top: cannot read the caches:");
		put_line(1, err);
		put_line(3, "q quits");
		refresh();
		return;
	}
	rows = calloc(s->all.nr ? s->all.nr : 1, sizeof(*rows));
	if (!rows)
		return;
	slabtop_compute(&s->all, (unsigned long)sysconf(_SC_PAGESIZE), rows, &sum);
	if (!cfg->classic) {
		/* within 80 columns: the keys last, so a cut loses nothing */
		snprintf(buf, sizeof(buf), "kmemlab top  ours %zu  real %zu  "
			 "every %u.%03us  sort %s  h help  q quit",
			 s->nr_ours, s->all.nr - s->nr_ours, cfg->delay_ms / 1000,
			 cfg->delay_ms % 1000, slabtop_key_names[cfg->key]);
		if ((int)strlen(buf) > COLS)
			snprintf(buf, sizeof(buf), "kmemlab top  sort %s  h help  q quit",
				 slabtop_key_names[cfg->key]);
		put_line(y++, buf);
	}
	slabtop_format_summary(buf, sizeof(buf), &sum);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		put_line(y++, line);
	y++;
	slabtop_sort(rows, s->all.nr, (enum slabtop_key)cfg->key);
	/* the meters take what is left right of slabtop's 78 columns */
	mw = cfg->classic ? 0 : (COLS - 78 - 5 - 6) / 2;
	if (mw > 20)
		mw = 20;
	attron(A_REVERSE);
	if (cfg->classic) {
		slabtop_format_header(buf, sizeof(buf));
		buf[strcspn(buf, "\n")] = '\0';
	} else {
		snprintf(buf, sizeof(buf), "SRC  %-73.73s", "  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME");
		if (mw >= 4)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
				 "%-*s %-*s", mw + 2, "USE", mw + 2, "WASTE");
	}
	put_line(y++, buf);
	attroff(A_REVERSE);
	for (i = 0; (size_t)i < s->all.nr && y < LINES; i++) {
		const struct slabtop_row *r = &rows[i];
		bool ours = r->src < s->all.rows + s->nr_ours;
		char row[256];
		int waste;

		slabtop_format_row(row, sizeof(row), r);
		row[strcspn(row, "\n")] = '\0';
		if (cfg->classic) {
			put_line(y++, row);
			continue;
		}
		/* waste: bytes of the slabs not holding live objects */
		waste = r->cache_size ? (int)(1000 - (unsigned long long)r->active *
					      r->objsize * 1000 / r->cache_size) : 0;
		if (mw >= 4) {
			meter(m1, mw, r->objs ? (int)((unsigned long long)r->active *
						     1000 / r->objs) : 0);
			meter(m2, mw, waste);
			snprintf(buf, sizeof(buf), "%-4s %-73.73s %s %s",
				 ours ? "ours" : "real", row, m1, m2);
		} else {
			snprintf(buf, sizeof(buf), "%-4s %s", ours ? "ours" : "real", row);
		}
		put_line(y++, buf);
	}
	free(rows);
	refresh();
}

/* The keys, until the next key press. */
static void draw_help(void)
{
	static const char *const lines[] = {
		"kmemlab top: our caches and the real kmemlab-* caches, slabtop's columns",
		"",
		"  q        quit",
		"  h, ?     this help (any key returns)",
		"  + / -    refresh twice as slow / twice as fast",
		"  o a s b p l v c u n   sort by objects, active, size, slabs,",
		"           objs/slab, ..., cache size, use, name (as slabtop)",
		"",
		"Without a keyboard (stdin not a terminal) it refreshes every -d",
		"seconds and stops after -i iterations.",
	};
	unsigned int i;

	erase();
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		put_line((int)i, lines[i]);
	refresh();
	timeout(-1);
	getch();
}

static int key_of_char(int ch)
{
	const char *p = strchr(slabtop_key_letters, ch);

	return p && ch ? (int)(p - slabtop_key_letters) : -1;
}

static int top_loop(const struct top_cfg *cfg0)
{
	struct top_cfg cfg = *cfg0;
	struct top_snap snap;
	unsigned long n = 0;
	bool have = false;
	int ch, k, rc = CLI_EXIT_OK;
	bool keys = isatty(STDIN_FILENO);	/* else only wait between frames */

	if (!initscr()) {
		cli_error(cfg.ctx->cmd->name, "cannot initialise the terminal");
		return CLI_EXIT_FAIL;
	}
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	for (;;) {
		if (have)
			snap_free(&snap);
		have = true;
		if (snap_take(&cfg, &snap))
			draw(&cfg, &snap, snap.err);
		else
			draw(&cfg, &snap, NULL);
		if (cfg.iterations && ++n >= cfg.iterations)
			break;
		if (!keys) {	/* getch() would return at once: no busy loop */
			napms((int)cfg.delay_ms);
			continue;
		}
		timeout((int)cfg.delay_ms);
		ch = getch();
		if (ch == 'q' || ch == 'Q')
			break;
		if (ch == 'h' || ch == '?') {
			draw_help();
			continue;
		}
		if (ch == KEY_RESIZE)
			continue;	/* ncurses resized stdscr; redraw at once */
		if (ch == '+' && cfg.delay_ms < 60000)
			cfg.delay_ms *= 2;
		else if (ch == '-' && cfg.delay_ms > 100)
			cfg.delay_ms /= 2;
		k = key_of_char(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
		if (k >= 0)
			cfg.key = k;
	}
	if (have)
		snap_free(&snap);
	endwin();
	return rc;
}

int top_slabtop_live(struct cli_ctx *ctx, const char *path, int key,
		     unsigned int delay_ms)
{
	struct top_cfg cfg = {
		.ctx = ctx, .classic = true, .proc_file = path, .key = key,
		.delay_ms = delay_ms,
	};
	struct slab_table t;
	int r;

	if (!path) {	/* our caches and the real kmemlab-* ones: top's screen */
		cfg.classic = false;
		cfg.proc_file = ctx->sim ? NULL : "/proc/slabinfo";
		return top_loop(&cfg);
	}
	/* fail before taking over the screen when the file is unusable */
	r = slabtop_load(path, &t);
	if (r)
		return r;
	slab_table_free(&t);
	return top_loop(&cfg);
}

int cmd_top(struct cli_ctx *ctx, int argc, char **argv)
{
	struct top_cfg cfg = {
		.ctx = ctx, .proc_file = "/proc/slabinfo", .key = SLABTOP_OBJS,
		.delay_ms = 3000,
	};
	struct top_snap s;
	const char *arg;
	uint64_t v;
	int c, ec;

	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		switch (c) {
		case 'd':
			if (parse_interval("top: --delay", arg, &cfg.delay_ms))
				return CLI_EXIT_USAGE;
			break;
		case 's':
			if (parse_sort_key("top: --sort", arg, &cfg.key))
				return CLI_EXIT_USAGE;
			break;
		case 'f':
			cfg.ours_file = arg;
			break;
		case 'p':
			cfg.proc_file = arg;
			break;
		case 'n':
			cfg.proc_file = NULL;
			break;
		case 'i':
			if (parse_u64("top: --iterations", arg, 1, 1000000, &v))
				return CLI_EXIT_USAGE;
			cfg.iterations = v;
			break;
		default:
			return c == 'h' ? CLI_EXIT_OK : CLI_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (ctx->sim)
		cfg.proc_file = NULL;	/* no real caches in the simulator */
	if (!cli_isatty(STDOUT_FILENO)) {
		cli_error("top", "stdout is not a terminal (use 'kmemlab slabtop "
			  "--once' in scripts)");
		return CLI_EXIT_USAGE;
	}
	/* check the sources before taking over the screen */
	if (!cfg.ours_file && !cli_conn(ctx, &ec))
		return ec;
	if (snap_take(&cfg, &s)) {
		fprintf(stderr, "kmemlab: %s\n", s.err);
		snap_free(&s);
		return CLI_EXIT_FAIL;
	}
	snap_free(&s);
	return top_loop(&cfg);
}
