/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running a job (job.h) on the engine through a connection, and the trace
 * a replay runs (jobrun.c). Errors are printed; the functions return CLI
 * exit codes.
 */
#ifndef KMEMLAB_JOBRUN_H
#define KMEMLAB_JOBRUN_H

#include "cli.h"
#include "conn.h"
#include "job.h"
#include "runparse.h"

#define JOB_EXIT_INTR	130	/* the exit code after Ctrl-C (128 + SIGINT) */
#define JOB_EXIT_PARTIAL 3	/* some backends FAILED, the others ran */

/*
 * job_exec() - create the temporaries, run, read the histograms and
 * series, destroy the temporaries
 * @rr: the parsed reply
 * @lat: set to rr->ninst malloc'ed latency views (NULL entries when
 *	unreadable); free with job_free_lat()
 * A backend whose create fails, or whose instance the engine refuses the
 * run for, is marked failed (job_be.failed, .why; said on stderr) and the
 * others run; only when none is left does the job fail.
 * From its first call on, signals that would end the process are caught
 * (jobrun.c); one caught makes it stop, destroy its temporaries and return
 * 128 + the signal. In kernel mode it first destroys the temporaries of
 * processes that are gone (job_reclaim()), once per process.
 * Return: a CLI exit code; JOB_EXIT_INTR when interrupted (Ctrl-C),
 * 128 + N after signal N.
 */
int job_exec(struct cli_ctx *ctx, struct conn *c, struct job *j,
	     struct run_reply *rr, char ***lat);
void job_free_lat(char **lat, unsigned int n);

/*
 * job_signalled() - the first terminating signal caught since job_exec()
 * or trace_load_file() began catching them, or 0
 */
int job_signalled(void);
/* job_exit_status() - 128 + the signal when one was caught, else @rc */
int job_exit_status(int rc);

/*
 * job_temp_name() - the name of a job's temporary: "r<IDX>-<BACKEND>", then
 * "-<RETRY>" when @retry (a name taken), then "-pid<PID>" when @pid > 0
 * (kernel mode: the owner, for job_reclaim()); the backend cut so that the
 * whole fits in KML_NAME_MAX, characters outside [a-z0-9_-] made '_'.
 */
void job_temp_name(char *buf, size_t size, unsigned int idx, const char *backend,
		   unsigned int retry, int pid);
/* job_temp_owner() - the PID a temporary's name carries, or 0 for none */
int job_temp_owner(const char *name);
/*
 * job_reclaim() - destroy the temporaries whose owner process is gone
 * (kill(PID, 0) fails with ESRCH); nothing in sim mode. Each one is said
 * on @ctx->out with @report, else on stderr unless --quiet. A temporary
 * busy in a run is left in place with a message.
 * Return: how many were destroyed, or a negative errno.
 */
int job_reclaim(struct cli_ctx *ctx, struct conn *c, bool report);

/*
 * trace_load_file() - load the trace file @path as trace @name, in one
 * write(2), and note its facts (largest request, peak, ops) in @j. A
 * parse error is printed as "kmemlab: PATH:LINE: why".
 * Return: an exit code.
 */
int trace_load_file(struct cli_ctx *ctx, struct conn *c, const char *path,
		    const char *name, struct job *j);
/*
 * trace_load_text() - the same for a trace already in memory (@text, @len
 * bytes; @path names it in messages); @quiet: no load reply on stderr
 */
int trace_load_text(struct cli_ctx *ctx, struct conn *c, const char *path,
		    const char *text, size_t len, const char *name,
		    struct job *j, bool quiet);
/*
 * trace_name_of() - the engine's name for the trace file @path: its
 * basename without the extension, lower-cased, every character outside
 * [a-z0-9_-] made '_', at most KML_NAME_MAX characters ("trace" when
 * nothing is left), so results and reports show which file ran.
 */
void trace_name_of(const char *path, char *buf, size_t size);
/* trace_drop() - forget trace @name. */
void trace_drop(struct conn *c, const char *name);

#endif /* KMEMLAB_JOBRUN_H */
