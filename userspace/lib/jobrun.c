// SPDX-License-Identifier: GPL-2.0
/*
 * Running a job on the engine: create its temporaries (names r<N>-BACKEND,
 * retried when taken), run it, parse the reply strictly (runparse.c), read
 * each instance's latency view, destroy the temporaries; and loading and
 * dropping the trace of a replay.
 *
 * A run is one blocking write(2) (kernel) or call (sim). A helper thread
 * draws a spinner with the elapsed time on a terminal. From the first
 * temporary on, every signal that would end the process (SIGINT, SIGTERM,
 * SIGHUP, SIGPIPE, ...) is caught instead: the kernel returns EINTR from
 * the write (we do not retry it) or, in sim mode, the handler calls
 * kml_sim_host_interrupt(); the engine frees what the workers hold, the
 * temporaries are destroyed, and the tool exits with 128 + the signal.
 *
 * In kernel mode a temporary's name ends in "-pid<PID>" of the tool that
 * created it, so that a later tool can destroy those of a process that is
 * gone (SIGKILL, a crash): job_reclaim().
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "caps.h"
#include "cli.h"
#include "conn.h"
#include "emit.h"
#include "host.h"
#include "job.h"
#include "jobrun.h"
#include "kml_bounds.h"
#include "runparse.h"
#include "standin.h"

/* The first line of @s, for messages. */
static int line_len(const char *s)
{
	return s ? (int)strcspn(s, "\n") : 0;
}

/* The value of " key=" on a reply line, as a number; @dflt when absent. */
static uint64_t reply_u64(const char *line, const char *key, uint64_t dflt)
{
	char pat[48];
	const char *p;

	snprintf(pat, sizeof(pat), " %s=", key);
	p = strstr(line, pat);
	return p ? strtoull(p + strlen(pat), NULL, 10) : dflt;
}

/* --- signals: temporaries are destroyed before the tool ends ------------------- */

/* The signals whose default action ends the process, and which we catch. */
static const int job_sigs[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2,
	SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF,
};

static volatile sig_atomic_t job_signal;	/* the first one caught, or 0 */
static volatile sig_atomic_t run_sim;

static void on_signal(int sig)
{
	if (!job_signal)
		job_signal = sig;
	if (run_sim)
		kml_sim_host_interrupt();
}

static void job_sigset(sigset_t *set)
{
	size_t i;

	sigemptyset(set);
	for (i = 0; i < sizeof(job_sigs) / sizeof(job_sigs[0]); i++)
		sigaddset(set, job_sigs[i]);
}

/*
 * From now on until the process ends, a terminating signal is noted
 * instead of ending the process (no SA_RESTART: a run's write fails with
 * EINTR). Signals the process ignores (nohup) stay ignored, except
 * SIGINT, which a shell ignores for its background jobs: Ctrl-C and
 * "kill -INT" stop a run wherever it was started.
 */
static void job_catch_signals(struct conn *c)
{
	static bool installed;
	struct sigaction sa, old;
	size_t i;

	run_sim = !strcmp(c->mode, "sim");
	if (installed)
		return;
	installed = true;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	job_sigset(&sa.sa_mask);
	for (i = 0; i < sizeof(job_sigs) / sizeof(job_sigs[0]); i++) {
		if (job_sigs[i] != SIGINT &&
		    sigaction(job_sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(job_sigs[i], &sa, NULL);
	}
}

int job_signalled(void)
{
	return job_signal;
}

int job_exit_status(int rc)
{
	return job_signal ? 128 + job_signal : rc;
}

/* "SIGTERM" for the messages. */
static const char *job_signame(int sig)
{
	static char buf[16];
	const char *abbrev = sigabbrev_np(sig);

	snprintf(buf, sizeof(buf), "SIG%s", abbrev ? abbrev : "?");
	return buf;
}

/* --- names of temporaries and their owners -------------------------------------- */

void job_temp_name(char *buf, size_t size, unsigned int idx, const char *backend,
		   unsigned int retry, int pid)
{
	char base[KML_NAME_MAX + 1], tail[24] = "";
	size_t m, room, n = 0;

	if (retry)
		n = (size_t)snprintf(tail, sizeof(tail), "-%u", retry % 10);
	if (pid > 0)
		snprintf(tail + n, sizeof(tail) - n, "-pid%d", pid);
	/* "r<idx>-" + base + tail within KML_NAME_MAX; names: a-z 0-9 _ - */
	room = KML_NAME_MAX - 3 - strlen(tail);
	snprintf(base, sizeof(base), "%.*s", (int)(room < 19 ? room : 19), backend);
	for (m = 0; base[m]; m++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789_-", base[m]))
			base[m] = '_';
	snprintf(buf, size, "r%u-%s%s", idx % 10, base, tail);
}

int job_temp_owner(const char *name)
{
	const char *p = strrchr(name, '-');
	char *end;
	long pid;

	if (name[0] != 'r' || name[1] < '0' || name[1] > '9' || name[2] != '-' ||
	    !p || p < name + 3 || strncmp(p, "-pid", 4) || p[4] < '1' || p[4] > '9')
		return 0;
	errno = 0;
	pid = strtol(p + 4, &end, 10);
	if (*end || errno || pid <= 0 || pid > INT_MAX)
		return 0;
	return (int)pid;
}

int job_reclaim(struct cli_ctx *ctx, struct conn *c, bool report)
{
	struct conn_inst *list = NULL;
	int n, i, done = 0;

	if (!strcmp(c->mode, "sim"))
		return 0;	/* the process owns its engine */
	n = conn_instances(c, &list);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		int pid = job_temp_owner(list[i].name), r;
		char cmd[64], *reply = NULL;
		size_t rlen;

		if (!pid || pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(cmd, sizeof(cmd), "destroy %s", list[i].name);
		r = conn_exec(c, cmd, &reply, &rlen);
		if (!r) {
			done++;
			if (report || !ctx->quiet)
				fprintf(report ? ctx->out : stderr,
					"%sdestroyed %s (%s) of process %d, which is gone\n",
					report ? "" : "kmemlab: ", list[i].name,
					list[i].backend, pid);
		} else if (r != -ENOENT) {
			cli_error(list[i].name, "left in place: %.*s", line_len(reply),
				  reply ? reply : strerror(-r));
		}
		free(reply);
	}
	free(list);
	return done;
}

static int exit_for(int err)
{
	if (err == -EINTR)
		return job_signal ? 128 + job_signal : JOB_EXIT_INTR;
	if (err == -EINVAL || err == -E2BIG || err == -ENOENT)
		return CLI_EXIT_USAGE;
	return CLI_EXIT_FAIL;
}

static void job_teardown(struct conn *c, struct job *j)
{
	unsigned int i;

	for (i = 0; i < j->nbe; i++) {
		char cmd[64], *reply = NULL;
		size_t rlen;

		if (!j->be[i].temp || !j->be[i].inst[0])
			continue;
		snprintf(cmd, sizeof(cmd), "destroy %s", j->be[i].inst);
		conn_exec(c, cmd, &reply, &rlen);
		free(reply);
		j->be[i].inst[0] = '\0';
	}
}

/*
 * A backend this mode does not have: the other mode's (kmem_cache in sim
 * mode, glibc in kernel mode) with what stands in for it, else unknown.
 * Nothing is substituted. Return: the exit code (usage).
 */
static int job_no_backend(struct cli_ctx *ctx, const struct caps *caps,
			  const char *name)
{
	const struct standin *s = standin_find(name);
	char what[48], advice[256];

	snprintf(what, sizeof(what), "--backend %s", name);
	if (s && s->kernel == !!ctx->sim) {
		standin_advice(s, caps, advice, sizeof(advice));
		cli_error(what, "%s; %s (see 'kmemlab%s backends')", s->why, advice,
			  ctx->sim ? " sim" : "");
	} else {
		cli_error(what, "unknown backend '%s' (see 'kmemlab%s backends')",
			  name, ctx->sim ? " sim" : "");
	}
	return CLI_EXIT_USAGE;
}

/*
 * Backend @b of @j failed with the engine's @reply (error @err): keep the
 * reason for its FAILED row and say it on stderr at once.
 */
static void job_fail(struct job *j, struct job_be *b, const char *reply,
		     int err)
{
	const char *why = reply && *reply ? reply : strerror(-err);

	if (!strncmp(why, "error: ", 7))
		why += 7;
	b->failed = true;
	snprintf(b->why, sizeof(b->why), "%.*s", line_len(why), why);
	cli_error(b->backend[0] ? b->backend : b->inst, "FAILED: %s", b->why);
}

/*
 * The backend of @j that a run error names ("... instance 'NAME' ..."),
 * when it is one of those still running and not the only one; else NULL.
 */
static struct job_be *job_named(struct job *j, const char *reply)
{
	const char *p = reply ? strstr(reply, "instance '") : NULL;
	unsigned int i;
	size_t n;

	if (!p || job_nfailed(j) + 1 >= j->nbe)
		return NULL;
	p += strlen("instance '");
	n = strcspn(p, "'\n");
	for (i = 0; i < j->nbe; i++)
		if (!j->be[i].failed && strlen(j->be[i].inst) == n &&
		    !strncmp(j->be[i].inst, p, n))
			return &j->be[i];
	return NULL;
}

static int job_setup(struct cli_ctx *ctx, struct conn *c, struct job *j)
{
	static struct caps caps;	/* of the one connection of a process */
	unsigned int i, k;
	int last = 0;

	if (!j->caps) {
		if (caps_load(c, &caps))
			return CLI_EXIT_FAIL;
		j->caps = &caps;
	}
	for (i = 0; i < j->nbe; i++) {
		struct job_be *b = &j->be[i];
		char cmd[256], *reply = NULL;
		size_t rlen;
		int r = -EEXIST;

		if (!b->temp)
			continue;
		if (job_signal) {
			job_teardown(c, j);
			cli_error(ctx->cmd->name, "interrupted by %s before the run; "
				  "its temporaries are destroyed", job_signame(job_signal));
			return exit_for(-EINTR);
		}
		if (!caps_backend(j->caps, b->backend)) {
			job_teardown(c, j);
			return job_no_backend(ctx, j->caps, b->backend);
		}
		for (k = 0; k < 10 && r == -EEXIST; k++) {
			job_temp_name(b->inst, sizeof(b->inst), i,
				      b->tag[0] ? b->tag : b->backend, k,
				      run_sim ? 0 : (int)getpid());
			job_create_cmd(j, b, cmd, sizeof(cmd));
			free(reply);
			reply = NULL;
			r = conn_exec(c, cmd, &reply, &rlen);
		}
		if (r) {
			/* this backend's row says why; the others still run */
			job_fail(j, b, reply, r);
			free(reply);
			b->inst[0] = '\0';
			last = r;
			continue;
		}
		b->zero = (int)reply_u64(reply, "zero", (uint64_t)-1);
		if (!ctx->quiet && ctx->fmt == CLI_FMT_TEXT && getenv("KMEMLAB_VERBOSE"))
			fprintf(stderr, "%s", reply);
		free(reply);
	}
	if (job_nfailed(j) == j->nbe) {
		job_teardown(c, j);
		return exit_for(last);
	}
	return 0;
}

/* --- the blocking run: spinner and Ctrl-C ------------------------------------------- */

struct spinner {
	pthread_t th;
	const char *label;
	int stop;
	bool enabled;
};

static void *spinner_main(void *arg)
{
	static const char wheel[] = "|/-\\";
	struct spinner *s = arg;
	uint64_t start = cli_now_ns();
	bool shown = false;
	unsigned int i = 0;
	uint64_t last = 0;

	while (!__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE)) {
		uint64_t now;
		struct timespec ts = { 0, 100 * 1000 * 1000 };

		nanosleep(&ts, NULL);
		now = cli_now_ns();
		/* from the first second on, one redraw per second */
		if (now - start < 1000000000ULL || (now - start) / 1000000000ULL == last)
			continue;
		last = (now - start) / 1000000000ULL;
		fprintf(stderr, "\r%c kmemlab: %s: %llus (Ctrl-C stops)\033[K",
			wheel[i++ % 4], s->label,
			(unsigned long long)((now - start) / 1000000000ULL));
		shown = true;
	}
	if (shown)
		fputs("\r\033[K", stderr);
	return NULL;
}

/* Kernel mode: one write(2), not retried on EINTR, then the reply. */
static int control_exec_once(struct conn *c, const char *cmd, char **reply,
			     size_t *rlen)
{
	size_t cap = 1 << 16, n = 0;
	ssize_t w = write(c->control_fd, cmd, strlen(cmd));
	int err = w < 0 ? -errno : (size_t)w != strlen(cmd) ? -EIO : 0;
	char *buf = malloc(cap), *nb;

	*reply = NULL;
	*rlen = 0;
	if (!buf)
		return err ? err : -ENOMEM;
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap) {
			nb = realloc(buf, cap * 2);
			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
		r = pread(c->control_fd, buf + n, cap - n - 1, (off_t)n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	*reply = buf;
	*rlen = n;
	return err;
}

static int run_blocking(struct cli_ctx *ctx, struct conn *c, const char *cmd,
			const char *label, char **reply, size_t *rlen)
{
	struct spinner sp = { .label = label };
	sigset_t block, prev;
	int r;

	*reply = NULL;
	*rlen = 0;
	if (job_signal)
		return -EINTR;	/* caught before the run began */
	sp.enabled = !ctx->quiet && cli_isatty(STDERR_FILENO);
	if (sp.enabled) {
		/* the signals go to this thread, whose write must fail */
		job_sigset(&block);
		pthread_sigmask(SIG_BLOCK, &block, &prev);
		if (pthread_create(&sp.th, NULL, spinner_main, &sp))
			sp.enabled = false;
		pthread_sigmask(SIG_SETMASK, &prev, NULL);
	}
	if (c->control_fd >= 0)
		r = control_exec_once(c, cmd, reply, rlen);
	else
		r = conn_exec(c, cmd, reply, rlen);
	if (sp.enabled) {
		__atomic_store_n(&sp.stop, 1, __ATOMIC_RELEASE);
		pthread_join(sp.th, NULL);
	}
	if (job_signal && !r)
		r = -EINTR;	/* it finished anyway; still honour the signal */
	return r;
}

/* --- running a job ----------------------------------------------------------------- */

void job_free_lat(char **lat, unsigned int n)
{
	unsigned int i;

	if (!lat)
		return;
	for (i = 0; i < n; i++)
		free(lat[i]);
	free(lat);
}

int job_exec(struct cli_ctx *ctx, struct conn *c, struct job *j,
	     struct run_reply *rr, char ***lat)
{
	static bool reclaimed;
	char cmd[1024], label[96], err[256], *reply = NULL;
	unsigned int i;
	size_t rlen;
	int r, rc;

	*lat = NULL;
	if (!j->nbe) {
		cli_error(ctx->cmd->name, "no backend (--backend LIST or --on INSTANCES)");
		return CLI_EXIT_USAGE;
	}
	job_catch_signals(c);
	if (job_signal)
		return exit_for(-EINTR);
	if (!reclaimed) {
		/* what a killed tool left holds the module's budget */
		reclaimed = true;
		job_reclaim(ctx, c, false);
	}
	rc = job_setup(ctx, c, j);
	if (rc)
		return rc;
	for (;;) {
		struct job_be *b;

		job_run_cmd(j, cmd, sizeof(cmd));
		snprintf(label, sizeof(label), "%s%s%s on %u backends", j->title,
			 j->title[0] ? ": " : "", j->workload,
			 j->nbe - job_nfailed(j));
		r = run_blocking(ctx, c, cmd, label, &reply, &rlen);
		/*
		 * The engine refused the run for one instance (it checks them
		 * before anything runs): that row fails, the others run.
		 */
		b = r && r != -EINTR ? job_named(j, reply) : NULL;
		if (!b)
			break;
		job_fail(j, b, reply, r);
		free(reply);
		reply = NULL;
	}
	if (r) {
		if (r == -EINTR)
			cli_error(ctx->cmd->name, "interrupted%s%s: the run was stopped%s%.*s%s",
				  job_signal ? " by " : "",
				  job_signal ? job_signame(job_signal) : "",
				  reply && *reply ? " (" : "", line_len(reply),
				  reply ? reply : "", reply && *reply ? ")" : "");
		else
			cli_engine_error(ctx, ctx->cmd->name, r, reply);
		free(reply);
		job_teardown(c, j);
		return exit_for(r);
	}
	r = runreply_parse(reply, rlen, rr, err, sizeof(err));
	if (r) {
		cli_error("run reply", "%s", err);
		if (getenv("KMEMLAB_DEBUG_REPLY"))
			fputs(reply, stderr);
		free(reply);
		job_teardown(c, j);
		return CLI_EXIT_FAIL;
	}
	free(reply);
	*lat = calloc(rr->ninst + 1, sizeof(char *));
	for (i = 0; *lat && i < rr->ninst; i++) {
		size_t len;

		if (conn_view(c, rr->inst[i], "latency", &(*lat)[i], &len))
			(*lat)[i] = NULL;
	}
	job_teardown(c, j);
	if (job_signal) {
		cli_error(ctx->cmd->name, "interrupted by %s after the run; its "
			  "temporaries are destroyed", job_signame(job_signal));
		job_free_lat(*lat, rr->ninst);
		*lat = NULL;
		runreply_free(rr);
		return exit_for(-EINTR);
	}
	return CLI_EXIT_OK;
}

void trace_name_of(const char *path, char *buf, size_t size)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t n, i;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	if (n > KML_NAME_MAX)
		n = KML_NAME_MAX;
	if (n >= size)
		n = size - 1;
	for (i = 0; i < n; i++) {
		char ch = base[i];

		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		      ch == '_' || ch == '-'))
			ch = '_';
		buf[i] = ch;
	}
	buf[i] = '\0';
	if (!i)
		snprintf(buf, size, "trace");
}

int trace_load_file(struct cli_ctx *ctx, struct conn *c, const char *path,
		    const char *name, struct job *j)
{
	char *text = NULL;
	size_t len;
	int r;

	r = cli_read_file(path, &text, &len);
	if (r) {
		cli_error(path, "%s", strerror(-r));
		return r == -EACCES ? CLI_EXIT_SKIP : CLI_EXIT_FAIL;
	}
	if (!len) {
		free(text);
		cli_error(path, "empty file (a trace starts with its header)");
		return CLI_EXIT_FAIL;
	}
	r = trace_load_text(ctx, c, path, text, len, name, j, false);
	free(text);
	return r;
}

int trace_load_text(struct cli_ctx *ctx, struct conn *c, const char *path,
		    const char *text, size_t len, const char *name,
		    struct job *j, bool quiet)
{
	char *cmd, *reply = NULL, alt[32];
	size_t hl, rlen;
	uint64_t oversize;
	int r;

	job_catch_signals(c);
	if (job_signal)
		return exit_for(-EINTR);
	for (;;) {
		hl = strlen("trace load ") + strlen(name) + 1;
		cmd = malloc(hl + len + 1);
		if (!cmd) {
			cli_error(path, "out of memory");
			return CLI_EXIT_FAIL;
		}
		snprintf(cmd, hl + 1, "trace load %s\n", name);
		memcpy(cmd + hl, text, len);
		/* the command line and the text in ONE write(2) */
		r = c->ops->exec(c, cmd, hl + len, &reply, &rlen);
		free(cmd);
		/*
		 * The file's name is taken (a concurrent replay of the same
		 * file, or a trace a killed tool left): once more with our pid.
		 */
		if (r != -EEXIST || name == alt)
			break;
		free(reply);
		reply = NULL;
		snprintf(alt, sizeof(alt), "%.*s-%d", 20, name, (int)getpid());
		name = alt;
	}
	if (r) {
		const char *why = reply ? reply : "";
		unsigned int line;
		int skip = 0;

		if (!strncmp(why, "error: trace load: ", 19))
			why += 19;
		if (sscanf(why, "line %u: %n", &line, &skip) == 1 && skip)
			fprintf(stderr, "kmemlab: %s:%u: %.*s\n", path, line,
				line_len(why + skip), why + skip);
		else
			cli_error(path, "%.*s", line_len(why), why);
		free(reply);
		return CLI_EXIT_FAIL;
	}
	/* the engine's warnings (a header that disagrees with the body) */
	for (const char *w = strstr(reply, "\nwarning: "); w;
	     w = strstr(w + 1, "\nwarning: "))
		if (!ctx->quiet)
			fprintf(stderr, "kmemlab: %s: %.*s\n", path,
				line_len(w + 1), w + 1);
	oversize = reply_u64(reply, "oversize", 0);
	if (oversize && !quiet && !ctx->quiet)
		fprintf(stderr,
			"kmemlab: %s: %llu requests above 1 GiB: they fail on every backend (counted in its failures)\n",
			path, (unsigned long long)oversize);
	j->trace_max_size = reply_u64(reply, "max_size", 0);
	j->trace_peak = reply_u64(reply, "peak_bytes", 0);
	j->trace_ops = reply_u64(reply, "ops", 0);
	snprintf(j->trace, sizeof(j->trace), "%s", name);
	if (!quiet && !ctx->quiet && ctx->fmt == CLI_FMT_TEXT)
		fprintf(stderr, "%s: %.*s\n", path, line_len(reply), reply);
	free(reply);
	return CLI_EXIT_OK;
}

void trace_drop(struct conn *c, const char *name)
{
	char cmd[64], *reply = NULL;
	size_t rlen;

	snprintf(cmd, sizeof(cmd), "trace drop %s", name);
	conn_exec(c, cmd, &reply, &rlen);
	free(reply);
}
