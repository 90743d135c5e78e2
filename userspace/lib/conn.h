/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A connection to a kmemlab engine: the module through debugfs (kernel
 * mode) or the engine linked in-process (sim mode). Every subcommand goes
 * through this interface, so each one works the same in both modes.
 */
#ifndef KMEMLAB_CONN_H
#define KMEMLAB_CONN_H

#include <stddef.h>

struct conn;

struct conn_ops {
	int (*exec)(struct conn *c, const char *cmd, size_t len,
		    char **reply, size_t *rlen);
	int (*view)(struct conn *c, const char *inst, const char *view,
		    char **text, size_t *len);
	void (*close)(struct conn *c);
};

struct conn {
	const struct conn_ops *ops;
	const char *mode;	/* "kernel" or "sim" */
	const char *dir;	/* debugfs directory (kernel mode) */
	int control_fd;		/* kernel mode: open control file, or -1 */
	void *priv;		/* sim mode: engine state */
};

/*
 * conn_open_debugfs() - connect to the module
 * @dir: the debugfs directory (KMEMLAB_DEBUGFS, or $KMEMLAB_DEBUGFS_DIR)
 * @exit_code: on failure the CLI exit code: 4 when a precondition is
 *	missing (not root, module not loaded, debugfs not mounted), 1 else
 * Return: the connection, or NULL after printing why.
 */
struct conn *conn_open_debugfs(const char *dir, int *exit_code);

/*
 * conn_open_sim() - an in-process engine with every backend registered
 * (conn_sim.c, which links the engine of module/core)
 * @exit_code: on failure the CLI exit code (1)
 * Return: the connection, or NULL after printing why.
 */
struct conn *conn_open_sim(int *exit_code);

/*
 * conn_exec() - execute one command
 * @reply: set to the malloc'ed reply text (NUL-terminated; on failure the
 *	one-line reason), or NULL when none could be read
 * Return: 0, or the command's negative errno.
 */
int conn_exec(struct conn *c, const char *cmd, char **reply, size_t *rlen);

/*
 * conn_view() - read a view
 * @inst: instance name, or NULL for an engine-wide view
 * @view: "stats", "slabinfo", ... / "backends", "instances", ...
 * Return: 0, -ENOENT (no such instance or view), another negative errno.
 */
int conn_view(struct conn *c, const char *inst, const char *view,
	      char **text, size_t *len);

void conn_close(struct conn *c);

/* An instance as the "instances" view lists it. */
struct conn_inst {
	char name[32];
	char backend[32];
};

/*
 * conn_instances() - list the instances
 * @list: set to a malloc'ed array
 * Return: the number of instances, or a negative errno.
 */
int conn_instances(struct conn *c, struct conn_inst **list);

#endif /* KMEMLAB_CONN_H */
